//! Words about the person: the name field, and the headings that say whose figures a screen
//! shows when someone else (a reviewer, a team lead) reads them.

use crate::app::{Action, Mode};
use crate::domain::{Screen, Voice};
use crate::input;

/// The name field's title.
pub const NAME_TITLE: &str = " Your name ";

/// What the field shows while empty and without a default.
pub const NAME_PLACEHOLDER: &str = "your name, e.g. Sam Taylor";

/// The question in the first-run welcome and over an older file: what the name is for.
pub fn name_question(default: Option<&str>, file_name: &str) -> String {
    let keep = match default {
        Some(default) => format!("Enter keeps \"{default}\""),
        None => format!("left empty, you are shown as \"{file_name}\", the file's name"),
    };
    format!(
        "Your name, as team views, reports and reviewers will show it ({keep}; {} skips):",
        input::keys_for(Mode::Name, &Action::Cancel)
    )
}

/// The question when the user opened the field to change the name.
pub fn name_change(file_name: &str) -> String {
    format!(
        "Your name, as team views, reports and reviewers show it (empty: shown as \"{file_name}\", the file's name):"
    )
}

/// After the name is kept.
pub fn name_saved(name: &str) -> String {
    format!(
        "Saved your name: {name} ({} changes it)",
        input::keys_for(Mode::Screen(Screen::Roles), &Action::EditName)
    )
}

/// After the question is skipped, or the name cleared.
pub fn name_skipped(shown: &str) -> String {
    format!(
        "No name given: team views show \"{shown}\", the file's name ({} adds one)",
        input::keys_for(Mode::Screen(Screen::Roles), &Action::EditName)
    )
}

/// The name key in a review file, where the name is the person's being reviewed.
pub const NAME_IN_REVIEW: &str = "In a review file the name is the person's you review; yours is the reviewer's name in the file.";

/// The Rate screen's level list title for someone else: " Alex's level · … ".
pub fn whose_level(voice: &Voice) -> String {
    format!("{} level", voice.whose())
}
