//! Application state and `update`: semantic actions in, effects out. No key codes, no files.
//!
//! This file holds `App`, its construction and the dispatch of each action to whoever has the
//! keyboard (`Mode`). Each screen or mode adds its own `impl App` block in the file named
//! after it: `roles`, `grid`, `rate` (with the note editor), `results` (with what-if), `plan`,
//! `round`. `action` holds what flows in and out; `figures` the derived figures cache.

mod action;
mod figures;
pub mod grid;
mod plan;
mod rate;
pub mod results;
mod roles;
mod round;

use ratatui_textarea::TextArea;
use toml::value::Datetime;

use crate::domain::scoring::RatingSheet;
use crate::domain::{Assessment, Framework, Screen};
use crate::strings;

pub use action::{Action, Effect, Prompt, PromptKind, SaveStatus};
pub use figures::Derived;
pub use grid::{GridColumn, GridRow, GridState};
pub use plan::{PlanEditor, PlanField};
pub use rate::{NA_ROW, RateState};
pub use results::{GapFilter, GapSort, LowerView, ResultsState, Summary};
pub use roles::RolesState;

/// Who has the keyboard. Input mapping, `update` and drawing all ask this one question.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// A prompt waits for its answer.
    Prompt(PromptKind),
    /// The plan editor, with the target field or the action text.
    Plan(PlanField),
    /// The label of a round about to be closed.
    RoundLabel,
    /// The note editor on Rate.
    Note,
    /// The help overlay.
    Help,
    /// A screen, with nothing over it.
    Screen(Screen),
}

impl Mode {
    /// Whether a text field takes the typed keys.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Mode::Plan(PlanField::Action) | Mode::RoundLabel | Mode::Note
        )
    }
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    pub framework: Framework,
    pub assessment: Assessment,
    pub screen: Screen,
    pub roles: RolesState,
    pub grid: GridState,
    pub rate: RateState,
    pub results: ResultsState,
    /// The label being typed for a round about to be closed.
    pub round_label: Option<TextArea<'static>>,
    /// Profile that gaps are measured against.
    pub target_profile: usize,
    pub help: bool,
    pub prompt: Option<Prompt>,
    pub save: SaveStatus,
    /// A one-line message for the user, shown in the footer until replaced.
    pub notice: Option<String>,
    /// True when the file must never be written.
    pub read_only: bool,
    /// Unsaved changes exist (including where the user is).
    pub dirty: bool,
    /// Unsaved changes to ratings, notes, plans or rounds (not just the position).
    pub dirty_data: bool,
    /// The Results summary needs working out before Results is drawn.
    results_stale: bool,
    /// Show the first-run welcome on the Roles screen.
    pub welcome: bool,
    pub size: (u16, u16),
    pub quitting: bool,
    /// Draw with colour (off under NO_COLOR).
    pub color: bool,
    pub derived: Derived,
    /// The time of the action being applied (given to `update`, never read from a clock).
    now: Datetime,
}

impl App {
    /// An app showing `assessment`, positioned where it was left.
    pub fn new(framework: Framework, assessment: Assessment) -> App {
        let grid = GridState::new(&framework);
        let target_profile = framework.main_profiles[1];
        let derived = Derived::compute(&framework, &assessment, target_profile, None);
        let results = ResultsState::new(&framework, &derived.sheet, target_profile);
        let mut app = App {
            derived,
            results,
            round_label: None,
            screen: Screen::Roles,
            roles: RolesState::default(),
            grid,
            rate: RateState::default(),
            target_profile,
            help: false,
            prompt: None,
            save: SaveStatus::Idle,
            notice: None,
            read_only: false,
            dirty: false,
            dirty_data: false,
            results_stale: false,
            welcome: false,
            size: (80, 24),
            quitting: false,
            color: true,
            now: assessment.updated,
            framework,
            assessment,
        };
        app.restore_position();
        app
    }

    /// Puts the screen, competency and target profile back where the file says.
    fn restore_position(&mut self) {
        let position = self.assessment.position.clone();
        self.screen = position.screen;
        if let Some(c) = position
            .competency
            .as_ref()
            .and_then(|id| self.framework.competency_index(id))
        {
            self.rate.current = c;
            if self.screen == Screen::Grid {
                self.grid.reveal(&self.framework, c);
            }
        }
        if let Some(p) = position
            .target
            .as_deref()
            .and_then(|id| self.framework.profile_index(id))
        {
            self.target_profile = p;
        }
        self.sync_cursor();
        self.refresh();
    }

    /// A first run: welcome on the Roles screen.
    pub fn first_run(mut self) -> App {
        self.welcome = true;
        self
    }

    /// Number of competencies rated (N/A included) and in total.
    pub fn progress(&self) -> (usize, usize) {
        (self.derived.rated, self.framework.competencies.len())
    }

    /// Self-ratings by competency index, for scoring.
    pub fn sheet(&self) -> &RatingSheet {
        &self.derived.sheet
    }

    /// Recomputes the derived figures after ratings or the target changed.
    fn refresh(&mut self) {
        self.derived = Derived::compute(
            &self.framework,
            &self.assessment,
            self.target_profile,
            Some(&self.derived),
        );
        // Results are worked out when they are shown (see `update`), not on every rating.
        self.results_stale = true;
        if self.screen == Screen::Results {
            self.refresh_results();
        }
    }

    /// Whether a what-if is on.
    pub fn what_if(&self) -> bool {
        self.results.what_if.is_some()
    }

    /// The plan editor, if open.
    pub fn plan_editor(&self) -> Option<&PlanEditor> {
        self.results.plan.as_ref()
    }

    /// Who has the keyboard now.
    pub fn mode(&self) -> Mode {
        if let Some(prompt) = &self.prompt {
            Mode::Prompt(prompt.kind())
        } else if let Some(plan) = &self.results.plan {
            Mode::Plan(plan.field)
        } else if self.round_label.is_some() {
            Mode::RoundLabel
        } else if self.rate.editor.is_some() {
            Mode::Note
        } else if self.help {
            Mode::Help
        } else {
            Mode::Screen(self.screen)
        }
    }

    /// Whether a text field (the note, a plan's action, a round's label) has the keyboard.
    pub fn editing(&self) -> bool {
        self.mode().is_text()
    }

    /// Rows available for paging.
    fn page(&self) -> usize {
        usize::from(self.size.1).saturating_sub(10).max(1)
    }

    /// Applies one action that happened at `now`.
    pub fn update(&mut self, action: Action, now: Datetime) -> Vec<Effect> {
        self.now = now;
        let effects = self.apply(action);
        if self.screen == Screen::Results && self.results_stale {
            self.refresh_results();
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        // What the runtime reports applies whoever has the keyboard.
        let action = match self.apply_report(action) {
            Ok(effects) => return effects,
            Err(action) => action,
        };
        match self.mode() {
            Mode::Prompt(_) => self.answer(action),
            Mode::Plan(_) => self.update_plan(action),
            Mode::RoundLabel => self.update_round_label(action),
            Mode::Note => self.update_note(action),
            Mode::Help => self.update_help(action),
            Mode::Screen(screen) => self.update_screen(screen, action),
        }
    }

    /// Applies a result the runtime reports; hands any other action back.
    fn apply_report(&mut self, action: Action) -> Result<Vec<Effect>, Action> {
        match action {
            Action::Resize(w, h) => self.size = (w, h),
            Action::Drawn(drawn) => self.drawn(&drawn),
            Action::Saved(Ok(time)) => {
                self.dirty = false;
                self.dirty_data = false;
                self.save = SaveStatus::Saved(time);
            }
            Action::Saved(Err(reason)) => self.save = SaveStatus::Failed(reason),
            Action::QuitFailed(reason) => self.prompt = Some(Prompt::ConfirmQuit(reason)),
            Action::Exported(result) => {
                self.notice = Some(match result {
                    Ok(path) => strings::report_written(&path),
                    Err(reason) => strings::report_failed(&reason),
                });
            }
            Action::StartedFresh(assessment, moved_to) => {
                self.prompt = None;
                self.assessment = *assessment;
                self.welcome = true;
                self.notice = Some(strings::moved_aside(&moved_to));
                self.restore_position();
                self.refresh();
            }
            Action::Notify(message) => self.notice = Some(message),
            other => return Err(other),
        }
        Ok(Vec::new())
    }

    /// Takes where the last frame put the scrollable parts: offsets that keep a selection in
    /// view, and scrolls clamped to their text.
    fn drawn(&mut self, drawn: &crate::ui::Drawn) {
        for (pane, top) in drawn.roles.iter().enumerate() {
            if let Some(top) = top {
                self.roles.scroll[pane] = *top;
            }
        }
        if let Some(top) = drawn.rate_info {
            self.rate.info_scroll = top;
        }
        if let Some(top) = drawn.grid_detail {
            self.grid.detail_scroll = top;
        }
        if let Some(offset) = drawn.grid_offset {
            self.grid.offset = offset;
        }
        if let Some(offset) = drawn.gaps_offset {
            self.results.offset = offset;
        }
    }

    fn update_help(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Back | Action::ToggleHelp => {
                self.help = false;
                Vec::new()
            }
            Action::Quit => self.quit(),
            _ => Vec::new(),
        }
    }

    /// A screen has the keyboard: the keys of every screen first, then the screen's own.
    fn update_screen(&mut self, screen: Screen, action: Action) -> Vec<Effect> {
        match action {
            Action::ToggleHelp => {
                self.help = true;
                Vec::new()
            }
            Action::Quit => self.quit(),
            Action::NextScreen => self.go_to(Screen::ALL[(screen.index() + 1) % 4]),
            Action::PrevScreen => self.go_to(Screen::ALL[(screen.index() + 3) % 4]),
            Action::CycleTarget => {
                self.target_profile = (self.target_profile + 1) % self.framework.profiles.len();
                self.notice = Some(strings::target_notice(
                    &self.framework.profiles[self.target_profile].name,
                ));
                self.refresh();
                self.position_changed()
            }
            other => match screen {
                Screen::Roles => self.update_roles(other),
                Screen::Grid => self.update_grid(other),
                Screen::Rate => self.update_rate(other),
                Screen::Results => self.update_results(other),
            },
        }
    }

    /// A prompt has the keyboard: only its answers count.
    fn answer(&mut self, action: Action) -> Vec<Effect> {
        let Some(prompt) = self.prompt.clone() else {
            return Vec::new();
        };
        match (prompt, action) {
            (Prompt::Unreadable(_), Action::StartFresh) => vec![Effect::StartFresh],
            (
                Prompt::Unreadable(_) | Prompt::Locked,
                Action::Quit | Action::Back | Action::Cancel,
            ) => {
                vec![Effect::Quit]
            }
            (Prompt::Locked, Action::OpenReadOnly) => {
                self.prompt = None;
                self.read_only = true;
                self.save = SaveStatus::ReadOnly(strings::READ_ONLY_LOCKED.into());
                Vec::new()
            }
            (Prompt::ConfirmQuit(_), Action::Confirm) => vec![Effect::Quit],
            (Prompt::ConfirmQuit(_), Action::Cancel | Action::Back) => {
                self.prompt = None;
                self.quitting = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        if self.read_only {
            return vec![Effect::Quit];
        }
        // Moving about (say, down the grid) is not saved on its own; quitting saves where the
        // user is, so the next start opens exactly there.
        let before = self.assessment.position.clone();
        self.store_position();
        if self.assessment.position != before {
            self.dirty = true;
        }
        vec![Effect::SaveAndQuit]
    }

    /// Commits whatever text editor is open (note, plan, round label is dropped), as quitting
    /// would; used before a final save when the process must stop.
    pub fn commit_editors(&mut self) {
        let _ = self.close_note();
        let _ = self.close_plan();
    }

    pub(super) fn go_to(&mut self, screen: Screen) -> Vec<Effect> {
        if screen == self.screen {
            return Vec::new();
        }
        self.screen = screen;
        self.welcome = false;
        if screen == Screen::Rate {
            self.sync_cursor();
        }
        self.store_position();
        if self.read_only {
            Vec::new()
        } else {
            self.dirty = true;
            vec![Effect::SaveNow]
        }
    }

    /// Copies where the user is into the assessment, for resuming.
    pub(super) fn store_position(&mut self) {
        let competency = match self.screen {
            Screen::Grid => self.grid_competency().unwrap_or(self.rate.current),
            _ => self.rate.current,
        };
        let position = &mut self.assessment.position;
        position.screen = self.screen;
        position.competency = self
            .framework
            .competencies
            .get(competency)
            .map(|c| c.id.clone());
        position.target = Some(self.framework.profiles[self.target_profile].id.clone());
    }

    /// The position changed in a way worth remembering on the next save.
    pub(super) fn position_changed(&mut self) -> Vec<Effect> {
        self.store_position();
        if self.read_only {
            return Vec::new();
        }
        self.dirty = true;
        vec![Effect::Changed]
    }

    /// Ratings, notes or plans changed: refresh the figures and ask for a debounced save.
    pub(super) fn changed(&mut self) -> Vec<Effect> {
        self.refresh();
        if self.read_only {
            return Vec::new();
        }
        self.dirty = true;
        self.dirty_data = true;
        self.assessment.updated = self.now;
        vec![Effect::Changed]
    }

    fn refuse_write(&mut self) -> Vec<Effect> {
        self.notice = Some(strings::READ_ONLY_REFUSED.into());
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Level, Rating};
    use ratatui_textarea::Input;

    fn app() -> App {
        let fw = Framework::builtin();
        let assessment = Assessment::new("t", &fw, crate::clock::utc_from_epoch(0));
        App::new(fw, assessment)
    }

    /// The time every test action happens at.
    fn t0() -> Datetime {
        crate::clock::utc_from_epoch(0)
    }

    fn level(n: u8) -> Rating {
        Rating::Level(Level::new(n).unwrap())
    }

    #[test]
    fn screen_changes_save_at_once_and_wrap_around() {
        let mut app = app();
        assert_eq!(app.update(Action::NextScreen, t0()), vec![Effect::SaveNow]);
        assert_eq!(app.screen, Screen::Grid);
        app.update(Action::PrevScreen, t0());
        assert_eq!(app.update(Action::PrevScreen, t0()), vec![Effect::SaveNow]);
        assert_eq!(app.screen, Screen::Results);
        assert_eq!(app.assessment.position.screen, Screen::Results);
    }

    #[test]
    fn rating_records_moves_on_and_asks_for_a_debounced_save() {
        let mut app = app();
        app.update(Action::NextScreen, t0());
        app.update(Action::NextScreen, t0());
        assert_eq!(
            app.update(Action::Rate(level(3)), t0()),
            vec![Effect::Changed]
        );
        assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(3)));
        assert_eq!(app.rate.current, 1);
        assert_eq!(app.progress().0, 1);
        assert!(app.dirty && app.dirty_data);
        // Clearing it takes it out again.
        app.update(Action::Left, t0());
        assert_eq!(app.update(Action::ClearRating, t0()), vec![Effect::Changed]);
        assert_eq!(app.progress().0, 0);
    }

    #[test]
    fn the_last_competency_moves_to_the_first_unrated_one() {
        let mut app = app();
        app.update(Action::NextScreen, t0());
        app.update(Action::NextScreen, t0());
        app.update(Action::End, t0());
        app.update(Action::Rate(level(2)), t0());
        assert_eq!(app.rate.current, 0, "wraps to DP1, the first unrated");
    }

    #[test]
    fn quitting_saves_first_and_read_only_quits_without_saving() {
        let mut app = app();
        assert_eq!(app.update(Action::Quit, t0()), vec![Effect::SaveAndQuit]);
        let mut app = self::app();
        app.read_only = true;
        app.update(Action::NextScreen, t0());
        app.update(Action::NextScreen, t0());
        assert_eq!(
            app.update(Action::Rate(level(4)), t0()),
            Vec::<Effect>::new()
        );
        assert_eq!(app.progress().0, 0, "nothing recorded");
        assert_eq!(app.update(Action::Quit, t0()), vec![Effect::Quit]);
    }

    #[test]
    fn quitting_remembers_the_grid_row_even_without_other_changes() {
        let mut app = app();
        app.update(Action::NextScreen, t0());
        app.update(Action::Saved(Ok("now".into())), t0());
        app.update(Action::Activate, t0());
        app.update(Action::Down, t0());
        app.update(Action::Down, t0());
        assert!(!app.dirty, "moving alone does not save");
        app.update(Action::Quit, t0());
        assert!(app.dirty);
        assert_eq!(app.assessment.position.competency, Some("DP2".into()));
    }

    #[test]
    fn prompts_take_only_their_answers() {
        let mut app = app();
        app.prompt = Some(Prompt::Locked);
        assert_eq!(app.update(Action::NextScreen, t0()), Vec::<Effect>::new());
        assert_eq!(app.screen, Screen::Roles);
        app.update(Action::OpenReadOnly, t0());
        assert!(app.read_only && app.prompt.is_none());
        let mut app = self::app();
        app.update(Action::QuitFailed("disk full".into()), t0());
        assert_eq!(app.update(Action::Cancel, t0()), Vec::<Effect>::new());
        assert!(app.prompt.is_none() && !app.quitting);
        app.update(Action::QuitFailed("disk full".into()), t0());
        assert_eq!(app.update(Action::Confirm, t0()), vec![Effect::Quit]);
    }

    #[test]
    fn the_note_editor_keeps_the_note_on_esc_and_ctrl_c() {
        let mut app = app();
        app.update(Action::NextScreen, t0());
        app.update(Action::NextScreen, t0());
        app.update(Action::EditNote, t0());
        assert!(app.editing());
        for c in "hi".chars() {
            app.update(
                Action::Edit(Input {
                    key: ratatui_textarea::Key::Char(c),
                    ..Default::default()
                }),
                t0(),
            );
        }
        assert_eq!(app.update(Action::CloseEditor, t0()), vec![Effect::Changed]);
        assert_eq!(app.assessment.note(&"DP1".into()), "hi");
        app.update(Action::EditNote, t0());
        app.update(
            Action::Edit(Input {
                key: ratatui_textarea::Key::Char('!'),
                ..Default::default()
            }),
            t0(),
        );
        assert_eq!(
            app.update(Action::Quit, t0()),
            vec![Effect::Changed, Effect::SaveAndQuit]
        );
        assert_eq!(app.assessment.note(&"DP1".into()), "hi!");
    }

    #[test]
    fn grid_enter_expands_then_opens_in_rate() {
        let mut app = app();
        app.update(Action::NextScreen, t0());
        app.update(Action::Activate, t0());
        assert!(app.grid.is_expanded(0));
        app.update(Action::Down, t0());
        assert_eq!(app.update(Action::Activate, t0()), vec![Effect::SaveNow]);
        assert_eq!(app.screen, Screen::Rate);
        assert_eq!(app.rate.current, 0);
    }

    #[test]
    fn what_if_leaves_ratings_alone_until_kept() {
        let mut app = app();
        app.update(Action::NextScreen, t0());
        app.update(Action::NextScreen, t0());
        app.update(Action::Rate(level(1)), t0());
        app.update(Action::NextScreen, t0());
        app.update(Action::ToggleWhatIf, t0());
        app.update(Action::Rate(level(5)), t0());
        assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
        app.update(Action::Back, t0());
        assert!(!app.what_if());
        app.update(Action::ToggleWhatIf, t0());
        app.update(Action::Rate(level(5)), t0());
        assert_eq!(app.update(Action::ApplyWhatIf, t0()), vec![Effect::Changed]);
        assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(5)));
    }
}
