//! What the user asks for: the keymap turns keys, and the app turns clicks, into an `Intent`.
//! What the runtime reports back is an `Event` (see `event`).

use ratatui_textarea::Input;

use crate::domain::Rating;

/// What a key, a click or a paste means, independent of which key asked: the keymap's
/// vocabulary. The few that carry a value carry what the key itself says (a level, a
/// direction, a format, the key or text for a text field).
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
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
}
