//! Application state and `update`: intents and events in, effects out. No key codes, no files.
//! One file because `App`'s fields, its construction and the dispatch of each intent (with the prompts' answers and quitting, which every mode reaches) change together when a mode is added.
//!
//! This file holds `App`, its construction and the dispatch of each intent to whoever has the
//! keyboard (`Mode`). Each screen or mode adds its own `impl App` block in the file named
//! after it: `roles`, `grid`, `rate` (with the note editor), `results` (with what-if), `plan`,
//! `round`. `intent` holds what the user asks for, `event` what the runtime reports (and the
//! `Msg` that carries either into `update`), `action` the effects that go out; `notice` what
//! the app tells the user, as meaning the view words; `frame` what the last frame drew (the
//! regions that answer the mouse, where scrolling ended up); `figures` the derived figures
//! cache; `read` the read-only accessors the view and the runtime read `App` through.

mod action;
mod event;
mod figures;
pub mod frame;
pub mod grid;
mod init;
mod intent;
mod mouse;
pub mod notice;
mod outside;
pub mod person;
mod plan;
mod plan_screen;
mod rate;
mod read;
pub mod results;
mod roles;
mod round;
pub mod search;
mod undo;

use crate::domain::time::Datetime;
use ratatui_textarea::TextArea;

use crate::domain::{Assessment, Framework, Screen};

pub use action::{Effect, Prompt, PromptKind, SaveStatus};
pub use event::{EditorError, Event, Msg, NotStarted};
pub use figures::Derived;
pub use grid::{GridColumn, GridRow, GridState};
pub use init::{AppInit, DEFAULT_RERATE_DAYS, LockState, Opened};
pub use intent::Intent;
pub use notice::Notice;
pub use person::NameField;
pub use plan::{PlanEditor, PlanField};
pub use plan_screen::{PlanInput, PlanInputKind, PlanRow, PlanState};
pub use rate::RateState;
pub use results::{GapFilter, GapSort, LowerView, ResultsState, Summary};
pub use roles::RolesState;
pub use search::SearchState;
pub use undo::History;

/// The terminal's background, as detected or chosen: the app keeps it, and the view's theme
/// (with the palettes measured on each, `ui::contrast`) draws for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    /// Light text on a dark background (the default when nothing says otherwise).
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
}

/// Who has the keyboard. Input mapping, `update` and drawing all ask this one question.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// A prompt waits for its answer.
    Prompt(PromptKind),
    /// The plan editor, with the target field or the action text.
    Plan(PlanField),
    /// The Plan screen's one-line field: an action's text, date or evidence.
    PlanInput,
    /// The label of a round about to be closed.
    RoundLabel,
    /// The person's name, in its one-line field.
    Name,
    /// The note editor on Rate.
    Note,
    /// The help overlay.
    Help,
    /// Search: the query field and the list of matching competencies.
    Search,
    /// A screen, with nothing over it.
    Screen(Screen),
}

impl Mode {
    /// Whether a text field takes the typed keys.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Mode::Plan(PlanField::Action)
                | Mode::PlanInput
                | Mode::RoundLabel
                | Mode::Note
                | Mode::Search
                | Mode::Name
        )
    }
}

/// The whole application state. Only `update` changes it; everything else reads it.
#[derive(Debug)]
pub struct App {
    framework: Framework,
    assessment: Assessment,
    screen: Screen,
    roles: RolesState,
    grid: GridState,
    rate: RateState,
    results: ResultsState,
    plan: PlanState,
    /// The label being typed for a round about to be closed.
    round_label: Option<TextArea<'static>>,
    /// The profile the user chose to measure gaps against (`t`); None: the one the verdict
    /// points to (see `Derived::target`).
    chosen_target: Option<usize>,
    /// The person's name being typed (asked once, or changed with the name key).
    name_field: Option<NameField>,
    /// Whom the screens speak to: the person, or someone reading about them.
    voice: crate::domain::Voice,
    /// The assessment file's name without `.toml`: how the person is shown without a name.
    file_name: String,
    help: bool,
    /// First line shown of the help overlay; the frame clamps it.
    help_scroll: usize,
    /// The open search, if any.
    search: Option<SearchState>,
    /// The folded ids and names search matches against, built when search first opens.
    search_index: Option<search::SearchIndex>,
    prompt: Option<Prompt>,
    save: SaveStatus,
    /// A one-line message for the user, shown in the footer until replaced, until the screen
    /// changes, or (for `notice_until_input`: a greeting, or the answer to an action) until
    /// the user's next key.
    notice: Option<Notice>,
    /// The screen the notice was given on.
    notice_screen: Screen,
    /// The notice only greets ("Resumed — …") or answers the last action: the user's next
    /// action clears it.
    notice_until_input: bool,
    /// True when the file must never be written.
    read_only: bool,
    /// Opened only to look at, from the team view: going back from a screen leaves.
    viewing: bool,
    /// Unsaved changes exist (including where the user is).
    dirty: bool,
    /// Unsaved changes to ratings, notes, plans or rounds (not just the position).
    dirty_data: bool,
    /// The Results summary needs working out before Results is drawn.
    results_stale: bool,
    /// Show the first-run welcome on the Roles screen.
    welcome: bool,
    /// The last start was stopped by a bug: what the Roles screen says about it, until the
    /// screen changes.
    crashed: Option<String>,
    size: (u16, u16),
    quitting: bool,
    /// Draw with colour (off under NO_COLOR).
    color: bool,
    /// The terminal's background, which picks the theme.
    background: Background,
    derived: Derived,
    /// Where the last frame put the parts that answer the mouse.
    regions: frame::Regions,
    /// The screen changed since the last frame: a click would land on what the user has not
    /// seen yet, so it is ignored until the next frame.
    regions_stale: bool,
    /// What can be undone and redone in this run (never saved).
    history: History,
    /// The time of the action being applied (given to `update`, never read from a clock).
    now: Datetime,
    /// Which competencies tell the two axis roles apart (marked on Rate and the Grid).
    telling: crate::domain::scoring::Telling,
}

impl App {
    /// An app showing the assessment, positioned where it was left, saying how it was opened.
    pub fn new(init: AppInit) -> App {
        let AppInit {
            framework,
            assessment,
            opened,
            lock,
            color,
            background,
            size,
            notes_taken_back,
            crashed,
            file_name,
            about,
            name_default,
            rerate_days,
        } = init;
        let ask = matches!(opened, Opened::FirstRun | Opened::Resumed);
        let voice = match about {
            Some(name) => crate::domain::Voice::Of(name),
            None => match crate::review::reviewing(&assessment) {
                Some(review) => crate::domain::Voice::Of(review.person),
                None => crate::domain::Voice::Own,
            },
        };
        let grid = GridState::new(&framework);
        let chosen_target = assessment.position.chosen_target(&framework);
        let derived = Derived::compute(&framework, &assessment, chosen_target, None);
        let results = ResultsState::new(&framework, &derived.sheet, derived.target);
        let mut app = App {
            derived,
            results,
            plan: PlanState::default(),
            regions: frame::Regions::default(),
            regions_stale: false,
            history: History::default(),
            round_label: None,
            name_field: None,
            voice,
            file_name,
            screen: Screen::Roles,
            roles: RolesState::default(),
            grid,
            rate: RateState::default(),
            chosen_target,
            help: false,
            help_scroll: 0,
            search: None,
            search_index: None,
            prompt: None,
            save: SaveStatus::Idle,
            notice: None,
            notice_screen: Screen::Roles,
            notice_until_input: false,
            read_only: false,
            viewing: false,
            dirty: false,
            dirty_data: false,
            results_stale: false,
            welcome: false,
            crashed: None,
            size,
            quitting: false,
            color,
            background,
            // The start's notices read the day (the plan's dates, the last round's age).
            now: crate::clock::now_utc(),
            telling: crate::domain::scoring::Telling::of(&framework),
            framework,
            assessment,
        };
        app.restore_position();
        app.opened(opened, lock, rerate_days);
        app.took_back(&notes_taken_back);
        if let Some(notice) = crashed {
            app.after_crash(notice);
        }
        if ask {
            app.ask_name(name_default);
        }
        app.notice_screen = app.screen;
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
        if self.screen == Screen::Plan {
            self.plan_opened_on(self.rate.current);
        }
        self.chosen_target = position.chosen_target(&self.framework);
        self.sync_cursor();
        self.refresh();
    }

    /// Recomputes the derived figures after ratings or the target changed.
    fn refresh(&mut self) {
        self.derived = Derived::compute(
            &self.framework,
            &self.assessment,
            self.chosen_target,
            Some(&self.derived),
        );
        // Results are worked out when they are shown (see `update`), not on every rating.
        self.results_stale = true;
        if self.screen == Screen::Results {
            self.refresh_results();
        }
    }

    /// Rows available for paging.
    fn page(&self) -> usize {
        usize::from(self.size.1).saturating_sub(10).max(1)
    }

    /// Applies one message, an intent or an event, that came at `now`.
    pub fn update(&mut self, msg: impl Into<Msg>, now: Datetime) -> Vec<Effect> {
        self.now = now;
        let before = self.notice.clone();
        let (effects, input) = match msg.into() {
            // A click is the user's, like a key.
            Msg::Event(Event::Mouse(event)) => (self.mouse(&event), true),
            // What the runtime reports applies whoever has the keyboard.
            Msg::Event(event) => (self.apply_event(event), false),
            // Whoever has the keyboard; like what the runtime reports, it leaves a notice be.
            Msg::Intent(Intent::Suspend) => (self.suspend(), false),
            Msg::Intent(intent) => (self.apply(intent), true),
        };
        if input {
            self.regions_stale = true;
        }
        self.expire_notice(before, input);
        if self.screen == Screen::Plan {
            // Undo, a new day or a change elsewhere may move actions between groups.
            self.refresh_plan_rows();
        }
        if self.screen == Screen::Results && self.results_stale {
            self.refresh_results();
        }
        effects
    }

    /// A notice answering the user's action stays until their next action; one rolefit gives
    /// on its own (at start, after a save) until the screen changes, or for a greeting until
    /// the first key.
    fn expire_notice(&mut self, before: Option<Notice>, input: bool) {
        if self.notice.is_none() {
            return;
        }
        if self.notice != before {
            self.notice_screen = self.screen;
            self.notice_until_input = input;
        } else if self.screen != self.notice_screen || (input && self.notice_until_input) {
            self.notice = None;
            self.notice_until_input = false;
        }
    }

    /// The user's action, applied by whoever has the keyboard.
    fn apply(&mut self, action: Intent) -> Vec<Effect> {
        match self.mode() {
            Mode::Prompt(_) => self.answer(action),
            Mode::Plan(_) => self.update_plan(action),
            Mode::PlanInput => self.update_plan_input(action),
            Mode::RoundLabel => self.update_round_label(action),
            Mode::Name => self.update_name(action),
            Mode::Note => self.update_note(action),
            Mode::Help => self.update_help(action),
            Mode::Search => self.update_search(action),
            // Seen from the team view, going back from a screen leaves, as quitting does.
            Mode::Screen(screen) if self.viewing && action == Intent::Back => {
                self.update_screen(screen, Intent::Quit)
            }
            Mode::Screen(screen) => self.update_screen(screen, action),
        }
    }

    /// Takes where the last frame put the scrollable parts: offsets that keep a selection in
    /// view, and scrolls clamped to their text.
    fn drawn(&mut self, drawn: &frame::Drawn) {
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
        if let Some(top) = drawn.results_summary {
            self.results.summary_scroll = top;
            self.results.reveal_target = false;
        }
        if let Some(offset) = drawn.gaps_offset {
            self.results.offset = offset;
        }
        if let Some(offset) = drawn.plan_offset {
            self.plan.offset = offset;
        }
        if let Some(top) = drawn.help {
            self.help_scroll = top;
        }
        if let Some((top, alone)) = drawn.results_areas {
            self.results.areas_scroll = top;
            self.results.areas_alone = alone;
        }
        self.regions = (*drawn.regions).clone();
        self.regions_stale = false;
    }

    fn update_help(&mut self, action: Intent) -> Vec<Effect> {
        match action {
            Intent::Back | Intent::ToggleHelp => {
                self.help = false;
                Vec::new()
            }
            Intent::Quit => self.quit(),
            // The help scrolls when the terminal cannot hold it.
            Intent::Up
            | Intent::Down
            | Intent::PageUp
            | Intent::PageDown
            | Intent::Home
            | Intent::End => {
                let page = self.page();
                let scroll = &mut self.help_scroll;
                *scroll = match action {
                    Intent::Up => scroll.saturating_sub(1),
                    Intent::Down => scroll.saturating_add(1),
                    Intent::PageUp => scroll.saturating_sub(page),
                    Intent::PageDown => scroll.saturating_add(page),
                    Intent::Home => 0,
                    _ => usize::MAX,
                };
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// A screen has the keyboard: the keys of every screen first, then the screen's own.
    fn update_screen(&mut self, screen: Screen, action: Intent) -> Vec<Effect> {
        match action {
            Intent::ToggleHelp => {
                self.help = true;
                self.help_scroll = 0;
                Vec::new()
            }
            // A what-if with changes is not thrown away without asking, as Esc asks.
            Intent::Quit if !self.what_if_changes().is_empty() => {
                self.prompt = Some(Prompt::QuitWhatIf(self.what_if_changes().len()));
                Vec::new()
            }
            Intent::Quit => self.quit(),
            Intent::Undo => self.undo(),
            Intent::Redo => self.redo(),
            Intent::OpenSearch if screen != Screen::Roles => self.open_search(),
            Intent::EditName if matches!(screen, Screen::Roles | Screen::Results) => {
                self.open_name_field()
            }
            Intent::NextScreen => {
                let n = Screen::ALL.len();
                self.go_to(Screen::ALL[(screen.index() + 1) % n])
            }
            Intent::PrevScreen => {
                let n = Screen::ALL.len();
                self.go_to(Screen::ALL[(screen.index() + n - 1) % n])
            }
            Intent::CycleTarget => {
                // Every profile in turn, from the one shown; back at the one the verdict
                // points to, the gaps follow the verdict again.
                let n = self.framework.profiles.len();
                let next = (self.target_profile() + 1) % n;
                self.chosen_target = None;
                self.refresh();
                if next != self.target_profile() {
                    self.chosen_target = Some(next);
                    self.refresh();
                }
                // The next frame scrolls the verdict panel to the newly marked profile.
                self.results.reveal_target = true;
                self.notice = Some(Notice::TargetChosen {
                    profile: self.framework.profiles[self.target_profile()].name.clone(),
                    follows: self.chosen_target.is_none(),
                });
                self.position_changed()
            }
            other => match screen {
                Screen::Roles => self.update_roles(other),
                Screen::Grid => self.update_grid(other),
                Screen::Rate => self.update_rate(other),
                Screen::Results => self.update_results(other),
                Screen::Plan => self.update_plan_screen(other),
            },
        }
    }

    /// A prompt has the keyboard: only its answers count.
    fn answer(&mut self, action: Intent) -> Vec<Effect> {
        let Some(prompt) = self.prompt.clone() else {
            return Vec::new();
        };
        match (prompt, action) {
            (Prompt::Unreadable(_), Intent::StartFresh) => vec![Effect::StartFresh],
            (
                Prompt::Unreadable(_) | Prompt::Locked,
                Intent::Quit | Intent::Back | Intent::Cancel,
            ) => {
                vec![Effect::Quit]
            }
            (Prompt::Locked, Intent::OpenReadOnly) => {
                self.prompt = None;
                self.read_only = true;
                self.save = SaveStatus::ReadOnly(notice::ReadOnly::Locked);
                Vec::new()
            }
            (Prompt::ConfirmQuit(_), Intent::Confirm) => vec![Effect::Quit],
            (Prompt::DiscardWhatIf(_), Intent::Confirm) => {
                self.prompt = None;
                self.discard_what_if();
                Vec::new()
            }
            (Prompt::DiscardWhatIf(_), Intent::Cancel | Intent::Back) => {
                self.prompt = None;
                Vec::new()
            }
            (Prompt::DiscardWhatIf(_), Intent::Quit) => {
                self.prompt = None;
                self.quit()
            }
            (Prompt::QuitWhatIf(_), Intent::Confirm | Intent::Quit) => {
                self.prompt = None;
                self.results.what_if = None;
                self.refresh_results();
                self.quit()
            }
            (Prompt::QuitWhatIf(_), Intent::Cancel | Intent::Back) => {
                self.prompt = None;
                Vec::new()
            }
            (Prompt::Rerate(c), Intent::Confirm) => {
                self.prompt = None;
                self.rate.current = c;
                self.go_to(Screen::Rate)
            }
            (Prompt::Rerate(_), Intent::Cancel | Intent::Back) => {
                self.prompt = None;
                Vec::new()
            }
            (Prompt::Rerate(_), Intent::Quit) => {
                self.prompt = None;
                self.quit()
            }
            (Prompt::ConfirmQuit(_), Intent::Cancel | Intent::Back) => {
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

    pub(super) fn go_to(&mut self, screen: Screen) -> Vec<Effect> {
        if screen == self.screen {
            return Vec::new();
        }
        if screen == Screen::Plan {
            // The Plan screen opens on the competency selected where the user was.
            let c = match self.screen {
                Screen::Results => self
                    .results
                    .selected_competency()
                    .unwrap_or(self.rate.current),
                Screen::Grid => self.grid_competency().unwrap_or(self.rate.current),
                _ => self.rate.current,
            };
            self.plan_opened_on(c);
        }
        self.screen = screen;
        self.welcome = false;
        self.crashed = None;
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
            Screen::Plan => self.adding_to(),
            _ => self.rate.current,
        };
        let position = &mut self.assessment.position;
        position.screen = self.screen;
        position.competency = self
            .framework
            .competencies
            .get(competency)
            .map(|c| c.id.clone());
        position.target = self
            .chosen_target
            .map(|p| self.framework.profiles[p].id.clone());
        position.target_chosen = self.chosen_target.is_some();
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

    /// A note or plan changed in its open editor: nothing to work out again, but it is saved
    /// on the same debounce as a rating, so what is typed is on disk within a second.
    pub(super) fn draft_changed(&mut self) -> Vec<Effect> {
        if self.read_only {
            return Vec::new();
        }
        self.dirty = true;
        self.dirty_data = true;
        self.assessment.updated = self.now;
        vec![Effect::Changed]
    }

    /// Records which text editor is open (None: none), so that a start after a crash or a
    /// kill opens it again on what it held; saved on the debounce.
    pub(super) fn set_editing(&mut self, editing: Option<crate::domain::Editing>) -> Vec<Effect> {
        if self.assessment.position.editing == editing || self.read_only {
            return Vec::new();
        }
        self.assessment.position.editing = editing;
        self.dirty = true;
        vec![Effect::Changed]
    }

    fn refuse_write(&mut self) -> Vec<Effect> {
        self.notice = Some(Notice::ReadOnlyRefused);
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
