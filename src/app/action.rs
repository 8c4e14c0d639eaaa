//! What flows out of `update`: the effects the runtime performs, and the prompts and save
//! state the app keeps for the view.

use crate::domain::CompetencyId;
use crate::storage::Unreadable;

/// Work for the runtime: the only way `update` asks for I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The assessment changed; save soon (debounced).
    Changed,
    /// Save now (screen change).
    SaveNow,
    /// Save, then quit; if saving fails the app asks before quitting.
    SaveAndQuit,
    /// Quit without saving (confirmed, or nothing to save).
    Quit,
    /// Save what is pending, give the terminal back and stop until continued; then take the
    /// terminal again and redraw all of it.
    Suspend,
    /// Move the unreadable file aside, then carry on with a fresh assessment.
    StartFresh,
    /// Write a report in this format next to the user's data.
    Export(crate::export::Format),
    /// Save what is pending, give the terminal to the user's editor on this text (the note of
    /// this competency), then take the terminal again, redraw all of it and report
    /// `Event::NoteEdited`.
    EditNote(CompetencyId, String),
}

/// What the footer says about saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since loading.
    Idle,
    Saved(String),
    Failed(String),
    /// Never written, and why.
    ReadOnly(super::notice::ReadOnly),
}

/// A question that takes over the keyboard until answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// The assessment file cannot be read.
    Unreadable(Unreadable),
    /// Another rolefit has this assessment open.
    Locked,
    /// Quitting would lose changes that could not be saved.
    ConfirmQuit(String),
    /// Discarding the what-if would lose this many changed levels.
    DiscardWhatIf(usize),
    /// Quitting would discard the what-if and this many changed levels.
    QuitWhatIf(usize),
    /// A plan action for competency `c` was just marked done: rate it again now?
    Rerate(usize),
}

impl Prompt {
    /// The kind of prompt, for the keymap.
    pub fn kind(&self) -> PromptKind {
        match self {
            Prompt::Unreadable(_) => PromptKind::Unreadable,
            Prompt::Locked => PromptKind::Locked,
            Prompt::ConfirmQuit(_) => PromptKind::ConfirmQuit,
            Prompt::DiscardWhatIf(_) => PromptKind::DiscardWhatIf,
            Prompt::QuitWhatIf(_) => PromptKind::QuitWhatIf,
            Prompt::Rerate(_) => PromptKind::Rerate,
        }
    }
}

/// Prompt kinds, for the keymap.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum PromptKind {
    Unreadable,
    Locked,
    ConfirmQuit,
    DiscardWhatIf,
    QuitWhatIf,
    Rerate,
}
