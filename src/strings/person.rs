//! Words about the person: the name field, and the headings that say whose figures a screen
//! shows when someone else (a reviewer, a team lead) reads them.

use crate::app::{Intent, Mode};
use crate::domain::{Screen, Voice};
use crate::input;

/// The name field's title.
pub const NAME_TITLE: &str = " Your name ";

/// The question in the first-run welcome and over an older file: what the name is for.
pub fn name_question(default: Option<&str>, file_name: &str) -> String {
    let keep = match default {
        Some(default) => format!("Enter keeps \"{default}\""),
        None => format!("left empty, you are shown as \"{file_name}\", the file's name"),
    };
    format!(
        "Your name, as team views, reports and reviewers will show it ({keep}; {} skips):",
        input::keys_for(Mode::Name, &Intent::Cancel)
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
        input::keys_for(Mode::Screen(Screen::Roles), &Intent::EditName)
    )
}

/// After the question is skipped, or the name cleared.
pub fn name_skipped(shown: &str) -> String {
    format!(
        "No name given: team views show \"{shown}\", the file's name ({} adds one)",
        input::keys_for(Mode::Screen(Screen::Roles), &Intent::EditName)
    )
}

/// Plain mode's question, asked once before the first competency: what the name is for and
/// what Enter does, on a line of its own (wrapped like every line), before [`PLAIN_NAME_PROMPT`].
pub fn plain_name_question(default: Option<&str>, file_name: &str) -> String {
    let keep = match default {
        Some(default) => format!("Enter alone keeps \"{default}\""),
        None => format!("Enter alone leaves you shown as \"{file_name}\", the file's name"),
    };
    format!("Your name, as team views, reports and reviewers will show it. {keep}.")
}

/// Plain mode's prompt for the name, after [`plain_name_question`].
pub const PLAIN_NAME_PROMPT: &str = "Your name: ";

/// Plain mode, after the name is kept.
pub fn plain_name_saved(name: &str) -> String {
    format!("Saved your name: {name} (rolefit set name \"…\" changes it).")
}

/// Plain mode, when no name was given.
pub fn plain_name_skipped(file_name: &str) -> String {
    format!(
        "No name given: team views show \"{file_name}\", the file's name (rolefit set name \"…\" adds one)."
    )
}

/// Plain mode, a name that cannot be kept: why, and that it is asked again.
pub fn plain_name_refused(reason: &str) -> String {
    format!("That name was not kept: {reason}.")
}

/// The name key in a review file, where the name is the person's being reviewed.
pub const NAME_IN_REVIEW: &str = "In a review file the name is the person's you review; yours is the reviewer's name in the file.";

/// The Rate screen's level list title (see `levels_title`), for whoever is rated: " Alex
/// Moreau's level · … " when someone rates another person.
pub fn levels_title(voice: &Voice, title: &str) -> String {
    match title.strip_prefix(" Your level") {
        Some(rest) if *voice != Voice::Own => format!(" {} level{rest}", voice.whose()),
        _ => title.to_string(),
    }
}

/// In the note pane of a competency rated at a high level of the scale (4 or 5 on the
/// built-in one) with no note: the ask for evidence, of the user or, when they rate someone
/// else, of that person.
pub fn evidence_prompt(voice: &Voice, level: crate::domain::Level) -> String {
    match voice {
        Voice::Own => super::evidence_prompt(level),
        Voice::Of(name) => format!(
            "What has {name} done that shows a {level}? Press {} to add a note.",
            input::keys_for(Mode::Screen(Screen::Rate), &Intent::EditNote)
        ),
    }
}

/// After recording a high level (4 or 5 on the built-in scale) without a note (Rate has
/// moved on), for whoever is rated.
pub fn evidence_notice(voice: &Voice, id: &str, level: crate::domain::Level) -> String {
    match voice {
        Voice::Own => super::evidence_notice(id, level),
        Voice::Of(name) => {
            let rate = Mode::Screen(Screen::Rate);
            format!(
                "{id} at {level}: what has {name} done that shows it? {} then {} adds a note.",
                input::first_key(rate, &Intent::Left),
                input::keys_for(rate, &Intent::EditNote)
            )
        }
    }
}

/// The Results verdict panel's title: " Your verdict ", or " Alex Moreau's verdict " when
/// someone else reads it.
pub fn verdict_title(voice: &Voice) -> String {
    format!(" {} verdict ", voice.whose())
}

/// A title that says "you against …", for whoever's figures it shows: "Alex Moreau against …".
pub fn who_against(voice: &Voice, title: &str) -> String {
    match voice {
        Voice::Own => title.to_string(),
        Voice::Of(name) => title.replacen("you against", &format!("{name} against"), 1),
    }
}

/// The heading of a table column of the person's levels: "You", or the person's first name
/// (at most 10 characters) when someone else reads them.
pub fn you_column(voice: &Voice) -> String {
    match voice {
        Voice::Own => "You".to_string(),
        Voice::Of(name) => {
            let first = name.split_whitespace().next().unwrap_or(name);
            crate::ui::text::truncate(first, 10)
        }
    }
}

/// The heading of a narrow column (three characters) of the person's levels: "You", or
/// "Lvl" when someone else reads them.
pub fn you_narrow(voice: &Voice) -> &'static str {
    match voice {
        Voice::Own => "You",
        Voice::Of(_) => "Lvl",
    }
}

/// The heading of the plan column: "Your plan", or "Plan" when someone else reads it.
pub fn plan_column(voice: &Voice) -> String {
    match voice {
        Voice::Own => "Your plan".to_string(),
        Voice::Of(_) => "Plan".to_string(),
    }
}

/// The Grid's detail pane, before the person's rating: "Your rating: " or "Alex's rating: ".
pub fn whose_rating(voice: &Voice) -> String {
    format!("{} rating: ", voice.whose())
}
