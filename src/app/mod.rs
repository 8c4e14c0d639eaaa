//! Application state and `update`: semantic actions in, effects out. No key codes, no files.

pub mod grid;
pub mod results;

use std::cell::Cell;

use ratatui_textarea::{Input, TextArea};

use crate::domain::scoring::{self, RatingSheet};
use crate::domain::{Assessment, CompetencyId, Framework, Level, Rating, Screen};
use crate::storage::Unreadable;
use crate::strings;

pub use grid::{GridColumn, GridRow, GridState};
pub use results::{GapFilter, GapSort, LowerView, PlanEditor, PlanField, ResultsState, Summary};

/// Something the user asked for, independent of which key asked.
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
    /// Save and quit.
    Quit,
    /// Record a rating for the competency on the Rate screen and move on.
    Rate(Rating),
    /// Remove the rating of the competency on the Rate screen.
    ClearRating,
    NextUnrated,
    /// Open the note editor on the Rate screen.
    EditNote,
    /// A key for the note editor.
    Edit(Input),
    /// Leave the note editor, keeping the note.
    CloseEditor,
    /// Choose the next target profile for gaps.
    CycleTarget,
    /// Show the PMO flavours in place of the second role (Roles screen).
    ToggleFlavours,
    /// Scroll the detail pane (Grid screen) down or up.
    ScrollDetail(isize),
    /// Results: next sort order of the gap table.
    CycleSort,
    /// Results: next filter of the gap table.
    CycleFilter,
    /// Results: switch the lower panel between areas and gaps.
    SwitchView,
    /// Results: edit the development plan for the selected competency.
    OpenPlan,
    /// Plan editor: move between the target and the action.
    SwitchField,
    /// Results: start or discard a what-if.
    ToggleWhatIf,
    /// Results: keep the what-if levels as real ratings.
    ApplyWhatIf,
    /// Results: close a round (asks for an optional label first).
    CloseRound,
    /// Results: write a Markdown report to a file.
    ExportReport,
    /// Answer to a prompt: yes / confirm.
    Confirm,
    /// Answer to a prompt: no / cancel.
    Cancel,
    /// Answer to the broken-file prompt: move it aside and start fresh.
    StartFresh,
    /// Answer to the locked prompt: open without writing.
    OpenReadOnly,
    /// The terminal changed size.
    Resize(u16, u16),
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
    /// Move the unreadable file aside, then carry on with a fresh assessment.
    StartFresh,
    /// Write a report in this format next to the user's data.
    Export(crate::export::Format),
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
}

/// Roles screen: which pane has the keyboard and how far each is scrolled.
#[derive(Debug, Default)]
pub struct RolesState {
    pub focus: usize,
    pub scroll: [Cell<usize>; 2],
    pub flavours: bool,
}

/// Rate screen: the competency shown, the highlighted level, the note editor.
#[derive(Debug)]
pub struct RateState {
    pub current: usize,
    /// 0–5 for levels, 6 for N/A.
    pub cursor: usize,
    pub editor: Option<TextArea<'static>>,
    /// Scroll of the competency text; back to the top for each competency.
    pub info_scroll: Cell<usize>,
}

/// Figures derived from the ratings, recomputed when a rating or the target changes so that
/// drawing never walks the whole framework.
#[derive(Clone, Debug)]
pub struct Derived {
    pub sheet: RatingSheet,
    /// Competencies rated (N/A included).
    pub rated: usize,
    /// Rated per area.
    pub area_rated: Vec<usize>,
    /// Area fit against the target profile.
    pub area_fit: Vec<Option<f64>>,
    /// Fit of the two main profiles at each closed round, then now.
    pub trend: Vec<[Option<f64>; 2]>,
    /// Ratings at the last closed round, by competency index (None when no round is closed).
    pub last_round: Option<Vec<Option<Rating>>>,
    /// Closed rounds these figures were worked out for, and their fits.
    rounds: usize,
    round_fits: Vec<[Option<f64>; 2]>,
}

impl Derived {
    /// Works the figures out from the assessment. What depends only on closed rounds is taken
    /// from `previous` when the rounds have not changed, so rating a competency costs one pass
    /// over the framework, with no lookups by name.
    fn compute(
        framework: &Framework,
        assessment: &Assessment,
        target: usize,
        previous: Option<&Derived>,
    ) -> Derived {
        let n = framework.competencies.len();
        let mut levels = vec![None; n];
        let mut rated = vec![false; n];
        for (id, entry) in &assessment.ratings {
            if let (Some(c), Some(rating)) = (framework.competency_index(id), entry.rating) {
                rated[c] = true;
                levels[c] = rating.level();
            }
        }
        let sheet = RatingSheet::from_levels(levels);
        let area_rated: Vec<usize> = framework
            .areas
            .iter()
            .map(|area| area.competencies.clone().filter(|&c| rated[c]).count())
            .collect();
        let area_fit = (0..framework.areas.len())
            .map(|a| scoring::area_fit(framework, &sheet, target, a).percent)
            .collect();
        let main_fits = |sheet: &RatingSheet| {
            framework
                .main_profiles
                .map(|p| scoring::fit(framework, sheet, p).percent)
        };
        let rounds = assessment.history.len();
        let (round_fits, last_round) = match previous {
            Some(p) if p.rounds == rounds => (p.round_fits.clone(), p.last_round.clone()),
            _ => (
                assessment
                    .history
                    .iter()
                    .map(|round| main_fits(&RatingSheet::from_ratings(framework, &round.ratings)))
                    .collect(),
                assessment.history.last().map(|round| {
                    framework
                        .competencies
                        .iter()
                        .map(|c| round.ratings.get(&c.id).copied())
                        .collect()
                }),
            ),
        };
        let mut trend = round_fits.clone();
        trend.push(main_fits(&sheet));
        Derived {
            rated: area_rated.iter().sum(),
            sheet,
            area_rated,
            area_fit,
            trend,
            rounds,
            round_fits,
            last_round,
        }
    }
}

/// The first of `len` rows to draw so that row `selected` is fully visible in `height` lines,
/// given each row's height in lines; `offset` holds the previous answer, so the view moves only
/// as far as it must. Looks only at rows near the window.
pub fn keep_in_view(
    offset: &Cell<usize>,
    selected: usize,
    len: usize,
    height: usize,
    row_height: impl Fn(usize) -> usize,
) -> usize {
    if len == 0 {
        offset.set(0);
        return 0;
    }
    let height = height.max(1);
    let last = len - 1;
    let selected = selected.min(last);
    let mut top = offset.get().min(last);
    if selected < top {
        top = selected;
    } else {
        // Walk back from the selection until the window is full.
        let mut used = 0;
        let mut first = selected;
        loop {
            used += row_height(first);
            if used > height || first == 0 {
                if used > height && first < selected {
                    first += 1;
                }
                break;
            }
            first -= 1;
        }
        top = top.max(first);
        // Fill the window when there is room above (after collapsing near the end).
        let mut used: usize = (top..len).map(&row_height).take(height + 1).sum();
        while top > 0 && used + row_height(top - 1) <= height {
            top -= 1;
            used += row_height(top);
        }
    }
    offset.set(top);
    top
}

/// Position of N/A in the Rate screen's level list.
pub const NA_ROW: usize = Level::COUNT;

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
            rate: RateState {
                current: 0,
                cursor: 0,
                editor: None,
                info_scroll: Cell::new(0),
            },
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

    /// Recomputes the Results summary (from the what-if levels when a what-if is on), keeping
    /// the cursor on the same competency where it is still listed.
    fn refresh_results(&mut self) {
        self.refresh_results_keeping(false);
    }

    /// With `keep_order`, the gap table keeps its rows and their order and only their values
    /// change, so a what-if edit does not move the row being edited.
    fn refresh_results_keeping(&mut self, keep_order: bool) {
        self.results_stale = false;
        let keep = self.results.selected_competency();
        let previous: Vec<usize> = if keep_order {
            self.results
                .summary
                .rows
                .iter()
                .map(|r| r.competency)
                .collect()
        } else {
            Vec::new()
        };
        let sheet = self.results.what_if.as_ref().unwrap_or(&self.derived.sheet);
        self.results.summary = Summary::compute(
            &self.framework,
            sheet,
            self.target_profile,
            self.results.sort,
            self.results.filter,
        );
        if keep_order {
            let target = self.target_profile;
            self.results.summary.rows = previous
                .into_iter()
                .map(|c| {
                    let level = sheet.level(c);
                    let target = self.framework.target(target, c);
                    results::ResultRow {
                        competency: c,
                        level,
                        target,
                        band: level.map(|l| scoring::Band::of(l, target)),
                    }
                })
                .collect();
        }
        // While working on Results (what-if, plans), stay on the same competency; elsewhere
        // the table starts from the top next time it is shown.
        let keep = keep.filter(|_| self.screen == Screen::Results);
        let rows = &self.results.summary.rows;
        self.results.selected = keep
            .and_then(|c| rows.iter().position(|r| r.competency == c))
            .unwrap_or(0)
            .min(rows.len().saturating_sub(1));
    }

    /// Whether a what-if is on.
    pub fn what_if(&self) -> bool {
        self.results.what_if.is_some()
    }

    /// The plan editor, if open.
    pub fn plan_editor(&self) -> Option<&PlanEditor> {
        self.results.plan.as_ref()
    }

    /// Whether a text editor (the note, a plan's action, a round's label) has the keyboard.
    pub fn editing(&self) -> bool {
        self.rate.editor.is_some()
            || self.round_label.is_some()
            || self
                .results
                .plan
                .as_ref()
                .is_some_and(|p| p.field == PlanField::Action)
    }

    /// Rows available for paging.
    fn page(&self) -> usize {
        usize::from(self.size.1).saturating_sub(10).max(1)
    }

    /// The competency the grid cursor is on, if it is on one.
    pub fn grid_competency(&self) -> Option<usize> {
        match self.grid.selected_row() {
            GridRow::Competency(c) => Some(c),
            GridRow::Area(_) => None,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.apply(action);
        if self.screen == Screen::Results && self.results_stale {
            self.refresh_results();
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
            return Vec::new();
        }
        if let Some(prompt) = self.prompt.clone() {
            return self.answer(prompt, action);
        }
        if self.results.plan.is_some() {
            return self.update_plan(action);
        }
        if self.round_label.is_some() {
            return self.update_round_label(action);
        }
        if self.editing() {
            return self.edit(action);
        }
        if self.help {
            if matches!(action, Action::Back | Action::ToggleHelp) {
                self.help = false;
            } else if action == Action::Quit {
                return self.quit();
            }
            return Vec::new();
        }
        match action {
            Action::ToggleHelp => {
                self.help = true;
                Vec::new()
            }
            Action::Quit => self.quit(),
            Action::NextScreen => self.go_to(Screen::ALL[(self.screen.index() + 1) % 4]),
            Action::PrevScreen => self.go_to(Screen::ALL[(self.screen.index() + 3) % 4]),
            Action::CycleTarget => {
                self.target_profile = (self.target_profile + 1) % self.framework.profiles.len();
                self.notice = Some(strings::target_notice(
                    &self.framework.profiles[self.target_profile].name,
                ));
                self.refresh();
                self.position_changed()
            }
            other => match self.screen {
                Screen::Roles => self.update_roles(other),
                Screen::Grid => self.update_grid(other),
                Screen::Rate => self.update_rate(other),
                Screen::Results => self.update_results(other),
            },
        }
    }

    fn answer(&mut self, prompt: Prompt, action: Action) -> Vec<Effect> {
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

    /// Called by the runtime when a save before quitting failed.
    pub fn quit_failed(&mut self, reason: &str) {
        self.prompt = Some(Prompt::ConfirmQuit(reason.to_string()));
    }

    /// Called by the runtime after every save attempt.
    pub fn saved(&mut self, result: Result<String, String>) {
        match result {
            Ok(time) => {
                self.dirty = false;
                self.dirty_data = false;
                self.save = SaveStatus::Saved(time);
            }
            Err(reason) => self.save = SaveStatus::Failed(reason),
        }
    }

    /// Called by the runtime after writing a report.
    pub fn exported(&mut self, result: Result<String, String>) {
        self.notice = Some(match result {
            Ok(path) => strings::report_written(&path),
            Err(reason) => strings::report_failed(&reason),
        });
    }

    /// Called by the runtime once the broken file has been moved aside.
    pub fn started_fresh(&mut self, assessment: Assessment, moved_to: &str) {
        self.prompt = None;
        self.assessment = assessment;
        self.welcome = true;
        self.notice = Some(strings::moved_aside(moved_to));
        self.restore_position();
        self.refresh();
    }

    fn go_to(&mut self, screen: Screen) -> Vec<Effect> {
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
    fn store_position(&mut self) {
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
    fn position_changed(&mut self) -> Vec<Effect> {
        self.store_position();
        if self.read_only {
            return Vec::new();
        }
        self.dirty = true;
        vec![Effect::Changed]
    }

    /// Ratings, notes or plans changed: refresh the figures and ask for a debounced save.
    fn changed(&mut self) -> Vec<Effect> {
        self.refresh();
        if self.read_only {
            return Vec::new();
        }
        self.dirty = true;
        self.dirty_data = true;
        self.assessment.updated = crate::clock::now_utc();
        vec![Effect::Changed]
    }

    // ---- Roles ----

    fn update_roles(&mut self, action: Action) -> Vec<Effect> {
        let pane = &self.roles.scroll[self.roles.focus];
        let page = self.page();
        match action {
            Action::Left | Action::Right => {
                self.roles.focus = usize::from(action == Action::Right);
            }
            Action::Up => pane.set(pane.get().saturating_sub(1)),
            Action::Down => pane.set(pane.get() + 1),
            Action::PageUp => pane.set(pane.get().saturating_sub(page)),
            Action::PageDown => pane.set(pane.get() + page),
            Action::Home => pane.set(0),
            Action::End => pane.set(usize::MAX / 2),
            Action::ToggleFlavours => {
                self.roles.flavours = !self.roles.flavours;
                self.roles.focus = 1;
                self.roles.scroll[1].set(0);
            }
            Action::Back if self.roles.flavours => self.roles.flavours = false,
            Action::Back => self.welcome = false,
            Action::Activate => return self.go_to(Screen::Grid),
            _ => {}
        }
        Vec::new()
    }

    // ---- Grid ----

    fn update_grid(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page() as isize;
        if let Action::ScrollDetail(delta) = action {
            self.grid.scroll_detail(delta);
            return Vec::new();
        }
        let before = (self.grid.selected, self.grid.column);
        match action {
            Action::Up => self.grid.move_rows(-1),
            Action::Down => self.grid.move_rows(1),
            Action::PageUp => self.grid.move_rows(-page),
            Action::PageDown => self.grid.move_rows(page),
            Action::Home => self.grid.jump(false),
            Action::End => self.grid.jump(true),
            Action::Left => self.grid.move_columns(-1),
            Action::Right => self.grid.move_columns(1),
            Action::Activate => match self.grid.selected_row() {
                GridRow::Area(a) => self.grid.toggle(&self.framework, a),
                GridRow::Competency(c) => {
                    self.rate.current = c;
                    return self.go_to(Screen::Rate);
                }
            },
            Action::Back => match self.grid.selected_row() {
                GridRow::Competency(c) => {
                    let area = self.framework.competencies[c].area;
                    self.grid.toggle(&self.framework, area);
                }
                GridRow::Area(a) if self.grid.is_expanded(a) => {
                    self.grid.toggle(&self.framework, a)
                }
                GridRow::Area(_) => {}
            },
            _ => return Vec::new(),
        }
        if (self.grid.selected, self.grid.column) != before {
            self.grid.detail_scroll.set(0);
        }
        if let Some(c) = self.grid_competency() {
            self.rate.current = c;
        }
        Vec::new()
    }

    // ---- Rate ----

    /// Puts the level cursor on the current competency's rating and its text at the top.
    fn sync_cursor(&mut self) {
        self.rate.info_scroll.set(0);
        let id = &self.framework.competencies[self.rate.current].id;
        self.rate.cursor = match self.assessment.rating(id) {
            Some(Rating::Level(l)) => usize::from(l.value()),
            Some(Rating::NotApplicable) => NA_ROW,
            None => self.rate.cursor.min(NA_ROW),
        };
    }

    fn current_id(&self) -> CompetencyId {
        self.framework.competencies[self.rate.current].id.clone()
    }

    fn show_competency(&mut self, index: usize) -> Vec<Effect> {
        self.rate.current = index.min(self.framework.competencies.len() - 1);
        self.sync_cursor();
        self.position_changed()
    }

    fn first_unrated_after(&self, from: usize) -> Option<usize> {
        let n = self.framework.competencies.len();
        (1..=n).map(|step| (from + step) % n).find(|&c| {
            self.assessment
                .rating(&self.framework.competencies[c].id)
                .is_none()
        })
    }

    fn update_rate(&mut self, action: Action) -> Vec<Effect> {
        let last = self.framework.competencies.len() - 1;
        match action {
            Action::ScrollDetail(delta) => {
                let now = self.rate.info_scroll.get() as isize;
                self.rate.info_scroll.set((now + delta).max(0) as usize);
                Vec::new()
            }
            Action::Rate(rating) => self.record(rating),
            Action::ClearRating => {
                if self.read_only {
                    return self.refuse_write();
                }
                let id = self.current_id();
                self.assessment.set_rating(&id, None);
                self.changed()
            }
            Action::Activate => {
                let rating = match self.rate.cursor {
                    NA_ROW => Rating::NotApplicable,
                    n => Rating::Level(Level::new(n as u8).expect("cursor stays on the scale")),
                };
                self.record(rating)
            }
            Action::Up => {
                self.rate.cursor = self.rate.cursor.saturating_sub(1);
                Vec::new()
            }
            Action::Down => {
                self.rate.cursor = (self.rate.cursor + 1).min(NA_ROW);
                Vec::new()
            }
            Action::Left | Action::PageUp => {
                self.show_competency(self.rate.current.saturating_sub(1))
            }
            Action::Right | Action::PageDown => {
                self.show_competency((self.rate.current + 1).min(last))
            }
            Action::Home => self.show_competency(0),
            Action::End => self.show_competency(last),
            Action::NextUnrated => match self.first_unrated_after(self.rate.current) {
                Some(c) => self.show_competency(c),
                None => {
                    self.notice = Some(strings::ALL_RATED.into());
                    Vec::new()
                }
            },
            Action::EditNote => {
                if self.read_only {
                    return self.refuse_write();
                }
                let note = self.assessment.note(&self.current_id());
                let lines: Vec<String> = note.lines().map(str::to_string).collect();
                let mut editor = TextArea::new(if lines.is_empty() {
                    vec![String::new()]
                } else {
                    lines
                });
                editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
                editor.move_cursor(ratatui_textarea::CursorMove::End);
                self.rate.editor = Some(editor);
                Vec::new()
            }
            Action::Back => self.go_to(Screen::Grid),
            _ => Vec::new(),
        }
    }

    fn refuse_write(&mut self) -> Vec<Effect> {
        self.notice = Some(strings::READ_ONLY_REFUSED.into());
        Vec::new()
    }

    /// Records a rating for the shown competency, then moves to the next one.
    fn record(&mut self, rating: Rating) -> Vec<Effect> {
        if self.read_only {
            return self.refuse_write();
        }
        let id = self.current_id();
        self.assessment.set_rating(&id, Some(rating));
        let last = self.framework.competencies.len() - 1;
        let next = if self.rate.current < last {
            Some(self.rate.current + 1)
        } else {
            self.first_unrated_after(self.rate.current)
        };
        match next {
            Some(next) => {
                self.rate.current = next;
                self.sync_cursor();
                self.notice = None;
            }
            None => {
                self.sync_cursor();
                self.notice = Some(strings::ALL_RATED.into());
            }
        }
        self.store_position();
        self.changed()
    }

    // ---- Results ----

    fn update_results(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.results.summary.rows.len();
        let page = self.page();
        let last = rows.saturating_sub(1);
        let selected = self.results.selected;
        match action {
            Action::Up => self.results.selected = selected.saturating_sub(1),
            Action::Down => self.results.selected = (selected + 1).min(last),
            Action::PageUp => self.results.selected = selected.saturating_sub(page),
            Action::PageDown => self.results.selected = (selected + page).min(last),
            Action::Home => self.results.selected = 0,
            Action::End => self.results.selected = last,
            Action::CycleSort => {
                self.results.sort = self.results.sort.next();
                self.refresh_results();
            }
            Action::CycleFilter => {
                self.results.filter = self.results.filter.next();
                self.results.selected = 0;
                self.refresh_results();
            }
            Action::SwitchView => {
                self.results.view = match self.results.view {
                    LowerView::Areas => LowerView::Gaps,
                    LowerView::Gaps => LowerView::Areas,
                };
            }
            Action::OpenPlan | Action::Activate => return self.open_plan(),
            Action::ToggleWhatIf => {
                if self.results.what_if.take().is_some() {
                    self.notice = Some(strings::WHAT_IF_DISCARDED.into());
                } else {
                    self.results.what_if = Some(self.derived.sheet.clone());
                    self.results.view = LowerView::Gaps;
                    self.notice = Some(strings::WHAT_IF_ON.into());
                }
                self.refresh_results();
            }
            Action::Back if self.what_if() => {
                self.results.what_if = None;
                self.notice = Some(strings::WHAT_IF_DISCARDED.into());
                self.refresh_results();
            }
            Action::ApplyWhatIf => return self.apply_what_if(),
            Action::ExportReport => return vec![Effect::Export(crate::export::Format::Markdown)],
            Action::CloseRound => {
                if self.read_only {
                    return self.refuse_write();
                }
                let mut label = TextArea::default();
                label.set_placeholder_text(strings::ROUND_LABEL_PLACEHOLDER);
                self.round_label = Some(label);
            }
            Action::Left | Action::Right | Action::Rate(_) => {
                let Some(c) = self.results.selected_competency() else {
                    return Vec::new();
                };
                let Some(sheet) = self.results.what_if.as_mut() else {
                    self.notice = Some(strings::WHAT_IF_HINT.into());
                    return Vec::new();
                };
                let now = sheet.level(c);
                let next = match action {
                    Action::Rate(Rating::Level(level)) => Some(level),
                    Action::Rate(Rating::NotApplicable) => None,
                    Action::Left => now
                        .and_then(|l| Level::new(l.value().saturating_sub(1)))
                        .or(now),
                    _ => Level::new(now.map_or(0, |l| l.value() + 1).min(Level::MAX)),
                };
                sheet.set(c, next);
                self.refresh_results_keeping(true);
            }
            _ => {}
        }
        Vec::new()
    }

    fn apply_what_if(&mut self) -> Vec<Effect> {
        let Some(sheet) = self.results.what_if.take() else {
            self.notice = Some(strings::WHAT_IF_HINT.into());
            return Vec::new();
        };
        if self.read_only {
            self.refresh_results();
            return self.refuse_write();
        }
        let mut changed = 0;
        for (c, competency) in self.framework.competencies.iter().enumerate() {
            let level = sheet.level(c);
            if level != self.derived.sheet.level(c) {
                let rating = level.map(Rating::Level);
                self.assessment.set_rating(&competency.id.clone(), rating);
                changed += 1;
            }
        }
        self.notice = Some(strings::what_if_applied(changed));
        if changed == 0 {
            self.refresh_results();
            return Vec::new();
        }
        self.changed()
    }

    fn open_plan(&mut self) -> Vec<Effect> {
        let Some(c) = self.results.selected_competency() else {
            return Vec::new();
        };
        if self.read_only {
            return self.refuse_write();
        }
        let existing = self
            .assessment
            .plan
            .get(&self.framework.competencies[c].id)
            .cloned()
            .unwrap_or_default();
        let lines: Vec<String> = existing.action.lines().map(str::to_string).collect();
        let mut action = TextArea::new(if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        });
        action.move_cursor(ratatui_textarea::CursorMove::Bottom);
        action.move_cursor(ratatui_textarea::CursorMove::End);
        let target = existing.target.or_else(|| {
            // Suggest the profile's target as a starting point.
            Some(self.framework.target(self.target_profile, c))
        });
        self.results.plan = Some(PlanEditor {
            competency: c,
            target,
            action,
            field: PlanField::Target,
        });
        Vec::new()
    }

    fn update_plan(&mut self, action: Action) -> Vec<Effect> {
        let Some(plan) = self.results.plan.as_mut() else {
            return Vec::new();
        };
        match (plan.field, action) {
            (_, Action::SwitchField) => {
                plan.field = match plan.field {
                    PlanField::Target => PlanField::Action,
                    PlanField::Action => PlanField::Target,
                };
            }
            (_, Action::Back | Action::CloseEditor) => return self.close_plan(),
            (_, Action::Quit) => {
                let mut effects = self.close_plan();
                effects.extend(self.quit());
                return effects;
            }
            (PlanField::Action, Action::Edit(input)) => {
                plan.action.input(input);
            }
            (PlanField::Target, Action::Rate(Rating::Level(level))) => plan.target = Some(level),
            (PlanField::Target, Action::ClearRating) => plan.target = None,
            (PlanField::Target, Action::Left | Action::Down) => {
                plan.target = plan
                    .target
                    .map(|l| Level::new(l.value().saturating_sub(1)).unwrap_or(l));
            }
            (PlanField::Target, Action::Right | Action::Up) => {
                plan.target = Some(
                    plan.target
                        .and_then(|l| Level::new(l.value() + 1))
                        .unwrap_or(Level::from_const(Level::MAX)),
                );
            }
            (PlanField::Target, Action::Activate) => plan.field = PlanField::Action,
            _ => {}
        }
        Vec::new()
    }

    /// Closes the plan editor and records the plan (an empty plan is removed).
    fn close_plan(&mut self) -> Vec<Effect> {
        let Some(plan) = self.results.plan.take() else {
            return Vec::new();
        };
        let id = self.framework.competencies[plan.competency].id.clone();
        let mut item = self.assessment.plan.get(&id).cloned().unwrap_or_default();
        let action = plan.action.lines().join("\n").trim().to_string();
        if item.target == plan.target && item.action == action {
            return Vec::new();
        }
        item.target = plan.target;
        item.action = action;
        if item.is_empty() {
            self.assessment.plan.remove(&id);
        } else {
            self.assessment.plan.insert(id.clone(), item);
        }
        self.notice = Some(strings::plan_saved(id.as_str()));
        self.changed()
    }

    fn update_round_label(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Edit(input) => {
                if let Some(label) = self.round_label.as_mut() {
                    label.input(input);
                }
                Vec::new()
            }
            Action::Confirm => {
                let label = self
                    .round_label
                    .take()
                    .map(|t| t.lines().join(" "))
                    .unwrap_or_default();
                let round = self.assessment.close_round(crate::clock::now_utc(), &label);
                let title = self.assessment.history[round - 1].title();
                self.notice = Some(strings::round_closed(round, &title));
                self.changed()
            }
            Action::Cancel | Action::Back | Action::CloseEditor => {
                self.round_label = None;
                Vec::new()
            }
            Action::Quit => {
                self.round_label = None;
                self.quit()
            }
            _ => Vec::new(),
        }
    }

    // ---- note editor ----

    fn edit(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Edit(input) => {
                if let Some(editor) = self.rate.editor.as_mut() {
                    editor.input(input);
                }
                Vec::new()
            }
            Action::CloseEditor | Action::Back => self.close_editor(),
            Action::Quit => {
                let mut effects = self.close_editor();
                effects.extend(self.quit());
                effects
            }
            _ => Vec::new(),
        }
    }

    /// Leaves the editor and keeps the note (trailing blank lines trimmed).
    fn close_editor(&mut self) -> Vec<Effect> {
        let Some(editor) = self.rate.editor.take() else {
            return Vec::new();
        };
        let note = editor.lines().join("\n").trim_end().to_string();
        let id = self.current_id();
        if note == self.assessment.note(&id) {
            return Vec::new();
        }
        self.assessment.set_note(&id, note);
        self.changed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        let fw = Framework::builtin();
        let assessment = Assessment::new("t", &fw, crate::clock::utc_from_epoch(0));
        App::new(fw, assessment)
    }

    fn level(n: u8) -> Rating {
        Rating::Level(Level::new(n).unwrap())
    }

    #[test]
    fn keep_in_view_moves_the_window_only_as_far_as_it_must() {
        let offset = Cell::new(0);
        // Ten one-line rows in a four-line window.
        assert_eq!(keep_in_view(&offset, 2, 10, 4, |_| 1), 0);
        assert_eq!(keep_in_view(&offset, 6, 10, 4, |_| 1), 3);
        assert_eq!(keep_in_view(&offset, 4, 10, 4, |_| 1), 3);
        assert_eq!(keep_in_view(&offset, 1, 10, 4, |_| 1), 1);
        assert_eq!(keep_in_view(&offset, 9, 10, 4, |_| 1), 6);
        // Two-line rows: row 3 needs rows 2 and 3 only.
        offset.set(0);
        assert_eq!(keep_in_view(&offset, 3, 10, 4, |_| 2), 2);
        // Fewer rows than lines: from the top; no rows: zero.
        offset.set(5);
        assert_eq!(keep_in_view(&offset, 2, 3, 10, |_| 1), 0);
        assert_eq!(keep_in_view(&offset, 0, 0, 10, |_| 1), 0);
    }

    #[test]
    fn screen_changes_save_at_once_and_wrap_around() {
        let mut app = app();
        assert_eq!(app.update(Action::NextScreen), vec![Effect::SaveNow]);
        assert_eq!(app.screen, Screen::Grid);
        app.update(Action::PrevScreen);
        assert_eq!(app.update(Action::PrevScreen), vec![Effect::SaveNow]);
        assert_eq!(app.screen, Screen::Results);
        assert_eq!(app.assessment.position.screen, Screen::Results);
    }

    #[test]
    fn rating_records_moves_on_and_asks_for_a_debounced_save() {
        let mut app = app();
        app.update(Action::NextScreen);
        app.update(Action::NextScreen);
        assert_eq!(app.update(Action::Rate(level(3))), vec![Effect::Changed]);
        assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(3)));
        assert_eq!(app.rate.current, 1);
        assert_eq!(app.progress().0, 1);
        assert!(app.dirty && app.dirty_data);
        // Clearing it takes it out again.
        app.update(Action::Left);
        assert_eq!(app.update(Action::ClearRating), vec![Effect::Changed]);
        assert_eq!(app.progress().0, 0);
    }

    #[test]
    fn the_last_competency_moves_to_the_first_unrated_one() {
        let mut app = app();
        app.update(Action::NextScreen);
        app.update(Action::NextScreen);
        app.update(Action::End);
        app.update(Action::Rate(level(2)));
        assert_eq!(app.rate.current, 0, "wraps to DP1, the first unrated");
    }

    #[test]
    fn quitting_saves_first_and_read_only_quits_without_saving() {
        let mut app = app();
        assert_eq!(app.update(Action::Quit), vec![Effect::SaveAndQuit]);
        let mut app = self::app();
        app.read_only = true;
        app.update(Action::NextScreen);
        app.update(Action::NextScreen);
        assert_eq!(app.update(Action::Rate(level(4))), Vec::<Effect>::new());
        assert_eq!(app.progress().0, 0, "nothing recorded");
        assert_eq!(app.update(Action::Quit), vec![Effect::Quit]);
    }

    #[test]
    fn quitting_remembers_the_grid_row_even_without_other_changes() {
        let mut app = app();
        app.update(Action::NextScreen);
        app.saved(Ok("now".into()));
        app.update(Action::Activate);
        app.update(Action::Down);
        app.update(Action::Down);
        assert!(!app.dirty, "moving alone does not save");
        app.update(Action::Quit);
        assert!(app.dirty);
        assert_eq!(app.assessment.position.competency, Some("DP2".into()));
    }

    #[test]
    fn prompts_take_only_their_answers() {
        let mut app = app();
        app.prompt = Some(Prompt::Locked);
        assert_eq!(app.update(Action::NextScreen), Vec::<Effect>::new());
        assert_eq!(app.screen, Screen::Roles);
        app.update(Action::OpenReadOnly);
        assert!(app.read_only && app.prompt.is_none());
        let mut app = self::app();
        app.quit_failed("disk full");
        assert_eq!(app.update(Action::Cancel), Vec::<Effect>::new());
        assert!(app.prompt.is_none() && !app.quitting);
        app.quit_failed("disk full");
        assert_eq!(app.update(Action::Confirm), vec![Effect::Quit]);
    }

    #[test]
    fn the_note_editor_keeps_the_note_on_esc_and_ctrl_c() {
        let mut app = app();
        app.update(Action::NextScreen);
        app.update(Action::NextScreen);
        app.update(Action::EditNote);
        assert!(app.editing());
        for c in "hi".chars() {
            app.update(Action::Edit(Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }));
        }
        assert_eq!(app.update(Action::CloseEditor), vec![Effect::Changed]);
        assert_eq!(app.assessment.note(&"DP1".into()), "hi");
        app.update(Action::EditNote);
        app.update(Action::Edit(Input {
            key: ratatui_textarea::Key::Char('!'),
            ..Default::default()
        }));
        assert_eq!(
            app.update(Action::Quit),
            vec![Effect::Changed, Effect::SaveAndQuit]
        );
        assert_eq!(app.assessment.note(&"DP1".into()), "hi!");
    }

    #[test]
    fn grid_enter_expands_then_opens_in_rate() {
        let mut app = app();
        app.update(Action::NextScreen);
        app.update(Action::Activate);
        assert!(app.grid.is_expanded(0));
        app.update(Action::Down);
        assert_eq!(app.update(Action::Activate), vec![Effect::SaveNow]);
        assert_eq!(app.screen, Screen::Rate);
        assert_eq!(app.rate.current, 0);
    }

    #[test]
    fn what_if_leaves_ratings_alone_until_kept() {
        let mut app = app();
        app.update(Action::NextScreen);
        app.update(Action::NextScreen);
        app.update(Action::Rate(level(1)));
        app.update(Action::NextScreen);
        app.update(Action::ToggleWhatIf);
        app.update(Action::Rate(level(5)));
        assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
        app.update(Action::Back);
        assert!(!app.what_if());
        app.update(Action::ToggleWhatIf);
        app.update(Action::Rate(level(5)));
        assert_eq!(app.update(Action::ApplyWhatIf), vec![Effect::Changed]);
        assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(5)));
    }
}
