//! What flows through `update`: actions in, effects out, and the prompts and save state the
//! runtime reports back.

use ratatui_textarea::Input;

use crate::domain::{Assessment, CompetencyId, Rating};
use crate::storage::Unreadable;

/// Something the user asked for, independent of which key asked, or a result the runtime
/// reports back. `App::update` is the only place that acts on one.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    NextScreen,
    PrevScreen,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: expand an area, open a competency, choose the highlighted level.
    Activate,
    /// Esc: close an overlay, collapse, go back.
    Back,
    ToggleHelp,
    /// Grid, Rate, Results: find a competency by id or name and jump to it.
    OpenSearch,
    /// Save and quit.
    Quit,
    /// Hand the terminal back to the shell and stop until continued (`fg`).
    Suspend,
    /// Record a rating for the competency on the Rate screen and move on.
    Rate(Rating),
    /// Remove the rating of the competency on the Rate screen.
    ClearRating,
    NextUnrated,
    /// Rate: show or hide the targets of competencies not rated yet.
    ToggleTargets,
    /// Open the note editor on the Rate screen.
    EditNote,
    /// Edit the note in the user's own editor ($VISUAL, $EDITOR), from Rate or the note editor.
    EditNoteExternally,
    /// Undo the last change to ratings, notes or plans.
    Undo,
    /// Redo the last change undone.
    Redo,
    /// A key for the text field being edited.
    Edit(Input),
    /// Text pasted into the text field being edited, all at once (bracketed paste).
    Paste(String),
    /// Leave the text field being edited, keeping its text.
    CloseEditor,
    /// Choose the next target profile for gaps.
    CycleTarget,
    /// Show the PMO flavours in place of the second role (Roles screen).
    ToggleFlavours,
    /// Scroll the detail pane (Grid, Rate) down or up.
    ScrollDetail(isize),
    /// Results: next sort order of the gap table.
    CycleSort,
    /// Results: next filter of the gap table.
    CycleFilter,
    /// Results: switch the lower panel between areas and gaps.
    SwitchView,
    /// Results: edit the development plan for the selected competency.
    OpenPlan,
    /// Results: rate the competency of the selected gap row (goes to Rate on it).
    RateSelected,
    /// Plan editor: move between the target and the action.
    SwitchField,
    /// Results: start or discard a what-if.
    ToggleWhatIf,
    /// Results: keep the what-if levels as real ratings.
    ApplyWhatIf,
    /// Results: close a round (asks for an optional label first).
    CloseRound,
    /// Results: write a report to a file (Markdown on `x`, HTML on `X`).
    ExportReport(crate::export::Format),
    /// Roles, Results: give or change the person's name.
    EditName,
    /// Plan: add an action on the selected competency.
    AddAction,
    /// Plan: choose a competency (with search), then add an action on it.
    ChooseForAction,
    /// Plan: edit the selected action's text.
    EditAction,
    /// Plan: set or move the selected action's due date.
    SetDue,
    /// Plan: mark the selected action done (asks for an evidence note first).
    MarkDone,
    /// Plan: the selected action's next status.
    CycleStatus,
    /// Plan: delete the selected action.
    DeleteAction,
    /// Team view: find a person or a competency by name.
    Find,
    /// Answer to a prompt: yes / confirm.
    Confirm,
    /// Answer to a prompt: no / cancel.
    Cancel,
    /// Answer to the broken-file prompt: move it aside and start fresh.
    StartFresh,
    /// Answer to the locked prompt: open without writing.
    OpenReadOnly,
    /// The mouse: a click or the wheel, resolved against the last frame drawn into the
    /// action a key would do (see `ui::hit`).
    Mouse(ratatui::crossterm::event::MouseEvent),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Runtime: a frame was drawn; where its scrollable parts ended up.
    Drawn(Box<crate::ui::Drawn>),
    /// Runtime: a save finished, at this local time, or failed for this reason.
    Saved(Result<String, String>),
    /// Runtime: a save found the file changed by another program, and merged it or kept both
    /// (or found it removed, and wrote it again).
    SavedOutside(Box<crate::storage::guarded::Saved>),
    /// Runtime: the save before quitting failed for this reason.
    QuitFailed(String),
    /// Runtime: a report was written to this path, or could not be, for this reason.
    Exported(Result<String, String>),
    /// Runtime: the unreadable file was moved to this path; carry on with a fresh assessment.
    StartedFresh(Box<Assessment>, String),
    /// Runtime: something the user should know that no screen shows.
    Notify(String),
    /// Runtime: the user's editor gave back this text for the note of this competency, or
    /// could not, for the reason given (a sentence for the user).
    NoteEdited(CompetencyId, Result<String, String>),
    /// Runtime: the process must stop (a signal, a closed terminal): keep the note or plan
    /// being typed, as quitting does, before the last save.
    Stopping,
}

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
    /// `Action::NoteEdited`.
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
    ReadOnly(String),
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
