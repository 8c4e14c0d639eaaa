//! What the view and the runtime read of `App`: its fields through read-only accessors, and
//! who has the keyboard (`mode`).

use ratatui_textarea::TextArea;

use super::Background;
use super::{
    App, Derived, GridState, Mode, PlanEditor, Prompt, RateState, ResultsState, RolesState,
    SaveStatus,
};
use crate::domain::scoring::RatingSheet;
use crate::domain::{Assessment, Framework, Screen};

impl App {
    /// The framework the assessment is rated against.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The assessment as it stands (what a save writes).
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Roles screen state.
    pub fn roles(&self) -> &RolesState {
        &self.roles
    }

    /// Grid screen state.
    pub fn grid(&self) -> &GridState {
        &self.grid
    }

    /// Rate screen state.
    pub fn rate(&self) -> &RateState {
        &self.rate
    }

    /// Results screen state.
    pub fn results(&self) -> &ResultsState {
        &self.results
    }

    /// The label field of a round about to be closed, if open.
    pub fn round_label(&self) -> Option<&TextArea<'static>> {
        self.round_label.as_ref()
    }

    /// Index of the profile gaps are measured against.
    pub fn target_profile(&self) -> usize {
        self.derived.target
    }

    /// Whether competency `c` tells the two axis roles apart (see
    /// [`crate::domain::scoring::Telling`]).
    pub fn tells(&self, c: usize) -> bool {
        self.telling.marks.get(c).copied().unwrap_or(false)
    }

    /// Whether the user chose the gap profile (else it follows the verdict).
    pub fn target_chosen(&self) -> bool {
        self.chosen_target.is_some()
    }

    /// The prompt waiting for an answer, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// What the footer says about saving.
    pub fn save_status(&self) -> &SaveStatus {
        &self.save
    }

    /// The footer's message, if any.
    pub fn notice(&self) -> Option<&super::Notice> {
        self.notice.as_ref()
    }

    /// The notice as the footer words it.
    pub fn notice_text(&self) -> Option<String> {
        self.notice.as_ref().map(ToString::to_string)
    }

    /// Whether the file must never be written.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Whether anything is unsaved (including where the user is).
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// Whether ratings, notes, plans or rounds are unsaved.
    pub fn dirty_data(&self) -> bool {
        self.dirty_data
    }

    /// Whether the first-run welcome shows.
    pub fn welcome(&self) -> bool {
        self.welcome
    }

    /// What the Roles screen says about the last start, stopped by a bug, if it was.
    pub fn crashed(&self) -> Option<&str> {
        self.crashed.as_deref()
    }

    /// The terminal's size, as last reported.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether to draw with colour.
    pub fn color(&self) -> bool {
        self.color
    }

    /// The terminal's background, detected or chosen.
    pub fn background(&self) -> Background {
        self.background
    }

    /// Figures derived from the ratings.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// Number of competencies rated (N/A included) and in total.
    pub fn progress(&self) -> (usize, usize) {
        (self.derived.rated, self.framework.competencies.len())
    }

    /// Self-ratings by competency index, for scoring.
    pub fn sheet(&self) -> &RatingSheet {
        &self.derived.sheet
    }

    /// Whether a what-if is on.
    pub fn what_if(&self) -> bool {
        self.results.what_if.is_some()
    }

    /// The plan editor, if open.
    pub fn plan_editor(&self) -> Option<&PlanEditor> {
        self.results.plan.as_ref()
    }

    /// First line shown of the help overlay.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// Who has the keyboard now.
    pub fn mode(&self) -> Mode {
        if let Some(prompt) = &self.prompt {
            Mode::Prompt(prompt.kind())
        } else if self.name_field.is_some() {
            Mode::Name
        } else if let Some(plan) = &self.results.plan {
            Mode::Plan(plan.field)
        } else if self.plan.input.is_some() {
            Mode::PlanInput
        } else if self.round_label.is_some() {
            Mode::RoundLabel
        } else if self.rate.editor.is_some() {
            Mode::Note
        } else if self.search.is_some() {
            Mode::Search
        } else if self.help {
            Mode::Help
        } else {
            Mode::Screen(self.screen)
        }
    }

    /// Whether a text field (the note, a plan's action, a round's label) has the keyboard.
    /// The search field does not count: it changes nothing of the assessment.
    pub fn editing(&self) -> bool {
        let mode = self.mode();
        mode.is_text() && mode != Mode::Search
    }
}
