//! The team view's state and its update function: which person and competency are selected,
//! the profile, the sort, the area filter, the search. Like `App::update`, `update` is the only
//! place that changes it, and drawing (`ui::team`) only reads it.

use ratatui_textarea::Key as TextKey;

use super::{Cell, Team};
use crate::app::Background;
use crate::app::{Event, Intent, Msg};

/// Who has the keyboard in the team view.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum TeamMode {
    /// The heatmap.
    Browse,
    /// Typing a search.
    Search,
    /// The help overlay.
    Help,
}

/// How the people are ordered.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Sort {
    /// By name.
    Name,
    /// By readiness for the profile (the ranking: provisional figures last).
    Readiness,
    /// By the level on the selected competency, highest first.
    Competency,
    /// By the gap to the profile's target on the selected competency, largest first (the
    /// people to develop first); N/A and unanswered last.
    Gap,
}

impl Sort {
    /// Words for the title line.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Readiness => "readiness",
            Sort::Competency => "selected competency",
            Sort::Gap => "gap on the selected competency",
        }
    }
}

/// What the loop must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamEffect {
    Quit,
    /// Open this person's Results, read-only.
    Open(usize),
    /// Give the terminal back and stop until continued.
    Suspend,
}

/// Where the last frame put the scrollable parts; handed back after each draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TeamDrawn {
    /// First row shown of the people.
    pub top: usize,
    /// First competency column shown.
    pub left: usize,
    /// Rows shown at once.
    pub page: usize,
    /// First line shown of the help.
    pub help: Option<usize>,
}

/// The whole team view.
#[derive(Clone, Debug)]
pub struct TeamView {
    team: Team,
    profile: usize,
    sort: Sort,
    /// Only this area's competencies, or all.
    area: Option<usize>,
    /// People in display order (indices into the team's members).
    order: Vec<usize>,
    /// The ranking and the largest gaps for the profile, computed when it changes rather
    /// than on every frame (they walk every person).
    ranking: Vec<usize>,
    gaps: Vec<super::TeamGap>,
    /// Selected row: a person (below `order.len()`) or a file not read.
    row: usize,
    /// Selected competency (a framework index, always in the filter).
    competency: usize,
    search: Option<String>,
    notice: Option<TeamNotice>,
    help: bool,
    pub(crate) drawn: TeamDrawn,
    color: bool,
    background: Background,
}

impl TeamView {
    /// The view of `team`, measured against `profile`, people by name.
    pub fn new(team: Team, profile: usize) -> TeamView {
        let mut view = TeamView {
            team,
            profile,
            sort: Sort::Name,
            area: None,
            order: Vec::new(),
            ranking: Vec::new(),
            gaps: Vec::new(),
            row: 0,
            competency: 0,
            search: None,
            notice: None,
            help: false,
            drawn: TeamDrawn::default(),
            color: true,
            background: Background::Dark,
        };
        view.figures();
        view.reorder();
        if !view.team.not_read.is_empty() {
            view.notice = Some(TeamNotice::NotRead(view.team.not_read.len()));
        }
        view
    }

    /// With colour or without, on this background.
    pub fn theme(self, color: bool, background: Background) -> TeamView {
        TeamView {
            color,
            background,
            ..self
        }
    }

    pub fn team(&self) -> &Team {
        &self.team
    }
    pub fn profile(&self) -> usize {
        self.profile
    }
    pub fn sort(&self) -> Sort {
        self.sort
    }
    pub fn area(&self) -> Option<usize> {
        self.area
    }
    /// People in display order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }
    /// People ranked for the profile ([`Team::ranking`]).
    pub fn ranking(&self) -> &[usize] {
        &self.ranking
    }
    /// The team's largest gaps for the profile ([`Team::largest_gaps`]).
    pub fn gaps(&self) -> &[super::TeamGap] {
        &self.gaps
    }
    /// The selected row: people first, then the files not read.
    pub fn row(&self) -> usize {
        self.row
    }
    /// Rows in all: people and files not read.
    pub fn rows(&self) -> usize {
        self.order.len() + self.team.not_read.len()
    }
    /// The selected person (a member index), when the row is a person.
    pub fn person(&self) -> Option<usize> {
        self.order.get(self.row).copied()
    }
    /// The selected competency (framework index).
    pub fn competency(&self) -> usize {
        self.competency
    }
    /// The competencies shown, in framework order.
    pub fn columns(&self) -> std::ops::Range<usize> {
        match self.area {
            Some(a) => self.team.framework.areas[a].competencies.clone(),
            None => 0..self.team.framework.competencies.len(),
        }
    }
    pub fn search(&self) -> Option<&str> {
        self.search.as_deref()
    }
    pub fn notice(&self) -> Option<&TeamNotice> {
        self.notice.as_ref()
    }
    pub fn color(&self) -> bool {
        self.color
    }
    pub fn background(&self) -> Background {
        self.background
    }
    pub fn drawn(&self) -> TeamDrawn {
        self.drawn
    }

    /// Who has the keyboard.
    pub fn mode(&self) -> TeamMode {
        if self.help {
            TeamMode::Help
        } else if self.search.is_some() {
            TeamMode::Search
        } else {
            TeamMode::Browse
        }
    }

    /// Takes where the last frame put the scrollable parts.
    pub fn set_drawn(&mut self, drawn: TeamDrawn) {
        self.drawn = drawn;
    }

    /// The figures that depend on the profile.
    fn figures(&mut self) {
        self.ranking = self.team.ranking(self.profile);
        self.gaps = self.team.largest_gaps(self.profile);
    }

    /// Puts the people in the order the sort asks for, keeping the selected person selected.
    fn reorder(&mut self) {
        let keep = self.person();
        let team = &self.team;
        let mut order: Vec<usize> = (0..team.members.len()).collect();
        match self.sort {
            Sort::Name => {
                order.sort_by(|&a, &b| super::by_name(&team.members[a], &team.members[b]))
            }
            Sort::Readiness => order.clone_from(&self.ranking),
            // Ordered below, once the gap's target is known.
            Sort::Gap => {}
            Sort::Competency => {
                let c = self.competency;
                let key = |m: usize| match team.members[m].cells[c] {
                    Cell::Level(level) => i16::from(level.value()),
                    Cell::NotApplicable => -1,
                    Cell::Unanswered => -2,
                };
                order.sort_by(|&a, &b| {
                    key(b)
                        .cmp(&key(a))
                        .then_with(|| super::by_name(&team.members[a], &team.members[b]))
                });
            }
        }
        if self.sort == Sort::Gap {
            let c = self.competency;
            let target = i16::from(team.framework.target(self.profile, c).value());
            let key = |m: usize| match team.members[m].cells[c] {
                Cell::Level(level) => target - i16::from(level.value()),
                Cell::NotApplicable => i16::MIN + 1,
                Cell::Unanswered => i16::MIN,
            };
            order.sort_by(|&a, &b| {
                key(b)
                    .cmp(&key(a))
                    .then_with(|| super::by_name(&team.members[a], &team.members[b]))
            });
        }
        self.order = order;
        if let Some(person) = keep
            && let Some(at) = self.order.iter().position(|&m| m == person)
        {
            self.row = at;
        }
    }

    /// Changes the view for one message, an intent or an event; returns what the loop must do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<TeamEffect> {
        let action = match msg.into() {
            Msg::Intent(Intent::Suspend) => return vec![TeamEffect::Suspend],
            Msg::Intent(intent) => intent,
            Msg::Event(Event::Notify(text)) => {
                self.notice = Some(TeamNotice::Said(text));
                return Vec::new();
            }
            // The team view keeps what its frame drew itself (`set_drawn`); a resize is drawn.
            Msg::Event(_) => return Vec::new(),
        };
        match self.mode() {
            TeamMode::Help => self.update_help(action),
            TeamMode::Search => self.update_search(action),
            TeamMode::Browse => self.update_browse(action),
        }
    }

    fn update_help(&mut self, action: Intent) -> Vec<TeamEffect> {
        let top = self.drawn.help.unwrap_or(0);
        let page = self.drawn.page.max(1);
        let moved = match action {
            Intent::Quit => return vec![TeamEffect::Quit],
            Intent::Back | Intent::ToggleHelp => {
                self.help = false;
                return Vec::new();
            }
            Intent::Up => top.saturating_sub(1),
            Intent::Down => top + 1,
            Intent::PageUp => top.saturating_sub(page),
            Intent::PageDown => top + page,
            Intent::Home => 0,
            Intent::End => usize::MAX / 2,
            _ => return Vec::new(),
        };
        self.drawn.help = Some(moved);
        Vec::new()
    }

    fn update_search(&mut self, action: Intent) -> Vec<TeamEffect> {
        match action {
            Intent::Quit => return vec![TeamEffect::Quit],
            Intent::Confirm => self.search = None,
            Intent::Cancel | Intent::Back => {
                self.search = None;
                self.notice = None;
            }
            Intent::Paste(text) => {
                if let Some(s) = self.search.as_mut() {
                    s.push_str(text.lines().next().unwrap_or(""));
                }
                self.find();
            }
            Intent::Edit(input) => {
                if let Some(s) = self.search.as_mut() {
                    match input.key {
                        TextKey::Char(c) if !input.ctrl && !input.alt => s.push(c),
                        TextKey::Backspace => {
                            s.pop();
                        }
                        _ => {}
                    }
                }
                self.find();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Jumps to the first person, else the first competency, whose name holds the search
    /// text (ignoring case).
    fn find(&mut self) {
        let Some(text) = self.search.as_ref().map(|s| s.to_lowercase()) else {
            return;
        };
        if text.is_empty() {
            self.notice = None;
            return;
        }
        let team = &self.team;
        if let Some(at) = self
            .order
            .iter()
            .position(|&m| team.members[m].label.to_lowercase().contains(&text))
        {
            self.row = at;
            self.notice = None;
            return;
        }
        let fw = &team.framework;
        if let Some(c) = fw.competencies.iter().position(|c| {
            c.id.as_str().to_lowercase().contains(&text) || c.name.to_lowercase().contains(&text)
        }) {
            if !self.columns().contains(&c) {
                self.area = None;
            }
            self.competency = c;
            self.notice = None;
            if matches!(self.sort, Sort::Competency | Sort::Gap) {
                self.reorder();
            }
            return;
        }
        self.notice = Some(TeamNotice::NoMatch(self.search.clone().unwrap_or_default()));
    }

    fn update_browse(&mut self, action: Intent) -> Vec<TeamEffect> {
        let rows = self.rows();
        let last = rows.saturating_sub(1);
        let page = self.drawn.page.max(1);
        let columns = self.columns();
        match action {
            Intent::Quit => return vec![TeamEffect::Quit],
            Intent::Up => self.row = self.row.saturating_sub(1),
            Intent::Down => self.row = (self.row + 1).min(last),
            Intent::PageUp => self.row = self.row.saturating_sub(page),
            Intent::PageDown => self.row = (self.row + page).min(last),
            Intent::Home => self.row = 0,
            Intent::End => self.row = last,
            Intent::Left if self.competency > columns.start => self.move_column(-1),
            Intent::Right if self.competency + 1 < columns.end => self.move_column(1),
            Intent::CycleSort => {
                self.sort = match self.sort {
                    Sort::Name => Sort::Readiness,
                    Sort::Readiness => Sort::Competency,
                    Sort::Competency => Sort::Gap,
                    Sort::Gap => Sort::Name,
                };
                self.reorder();
            }
            Intent::CycleTarget => {
                self.profile = (self.profile + 1) % self.team.framework.profiles.len();
                self.figures();
                if matches!(self.sort, Sort::Readiness | Sort::Gap) {
                    self.reorder();
                }
            }
            Intent::CycleFilter => {
                let areas = self.team.framework.areas.len();
                self.area = match self.area {
                    None if areas > 0 => Some(0),
                    Some(a) if a + 1 < areas => Some(a + 1),
                    _ => None,
                };
                let columns = self.columns();
                if !columns.contains(&self.competency) {
                    self.competency = columns.start;
                    if matches!(self.sort, Sort::Competency | Sort::Gap) {
                        self.reorder();
                    }
                }
            }
            Intent::Find => {
                self.search = Some(String::new());
                self.notice = None;
            }
            Intent::ToggleHelp => {
                self.help = true;
                self.drawn.help = Some(0);
            }
            Intent::Activate => match self.person() {
                Some(m) => return vec![TeamEffect::Open(m)],
                None => {
                    if let Some(n) = self.team.not_read.get(self.row - self.order.len()) {
                        self.notice = Some(TeamNotice::FileNotRead {
                            path: n.path.clone(),
                            reason: n.reason.clone(),
                        });
                    }
                }
            },
            Intent::Back => self.notice = None,
            _ => {}
        }
        Vec::new()
    }

    fn move_column(&mut self, delta: isize) {
        self.competency = self.competency.saturating_add_signed(delta);
        if matches!(self.sort, Sort::Competency | Sort::Gap) {
            self.reorder();
        }
    }
}

/// What the team view has to tell the user, as meaning; the view words it (`strings`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamNotice {
    /// This many files of the folder could not be read.
    NotRead(usize),
    /// No person or competency name holds this text.
    NoMatch(String),
    /// The file not read that is selected, and why.
    FileNotRead {
        path: std::path::PathBuf,
        reason: String,
    },
    /// Worded where it was made: a person's file that could not be opened.
    Said(String),
}
