//! One file because a team's members and the figures that compare them (ranking, bench depth, largest gaps) are one model the team view and its reports read; gathering them one person at a time is in team/tally.rs.
//!
//! Many people's assessments side by side (README: Team view): each person's levels and the figures
//! [`crate::Summary`] computes for them, so the team view, its reports and the Results
//! screen agree. The figures that compare people live here too: ranking per profile
//! ([`Team::ranking`]), bench depth ([`Team::bench`]) and the team's largest gaps
//! ([`Team::largest_gaps`]). Reading the files is the storage's job (`storage::team`).

pub mod tally;

use std::path::{Path, PathBuf};

use crate::scoring::{self, Outcome, RatingSheet, Readiness};
use crate::text::display_path;
use crate::time::Calendar;
use crate::{Assessment, Framework, Level, Rating};

/// One cell of the heatmap: what a person answered for a competency.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Not answered (or only a note written).
    Unanswered,
    /// Not applicable to their work.
    NotApplicable,
    /// A level on the scale.
    Level(Level),
}

impl Cell {
    /// The level, when the cell has one on the scale.
    pub fn level(self) -> Option<Level> {
        match self {
            Cell::Level(level) => Some(level),
            _ => None,
        }
    }
}

/// Where a level stands against a profile's target, as the heatmap marks it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Above the target.
    Above,
    /// At the target.
    Meets,
    /// Below the target.
    Below,
    /// Not answered.
    Unanswered,
    /// Not applicable.
    NotApplicable,
    /// Rated, but the profile does not require the competency (no target).
    NotRequired,
}

impl Mark {
    /// The glyph beside the digit: never colour alone.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Above => "▲",
            Mark::Meets => "✓",
            Mark::Below => "▼",
            Mark::Unanswered => "·",
            Mark::NotApplicable => "–",
            Mark::NotRequired => " ",
        }
    }

    /// A stable word for reports.
    pub fn key(self) -> &'static str {
        match self {
            Mark::Above => "above",
            Mark::Meets => "meets",
            Mark::Below => "below",
            Mark::Unanswered => "unanswered",
            Mark::NotApplicable => "na",
            Mark::NotRequired => "not-required",
        }
    }
}

/// One person: their name, their file, their answers and the figures computed from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The person's name as shown: their display name, else the assessment's own name unless
    /// it is the default one, else the file's name (see [`Assessment::shown_name`]).
    pub name: String,
    /// The person's role and team, as they gave them.
    pub role: Option<String>,
    pub team: Option<String>,
    /// The file, as given or found.
    pub path: PathBuf,
    /// The name as shown: with the path when another file has the same name.
    pub label: String,
    /// One cell per competency, in framework order.
    pub cells: Vec<Cell>,
    /// Readiness per profile, in framework order (as [`crate::Summary`] has it).
    pub readiness: Vec<Readiness>,
    /// Average level per area, in framework order (as [`crate::Summary`] has it).
    pub areas: Vec<Option<f64>>,
    /// The lean's position (1 = first main profile's shape, 0 = second's) and verdict.
    pub position: Option<f64>,
    pub outcome: Outcome,
    /// The last closed round, if any: for "what changed since".
    pub round: Option<Round>,
    /// The development plan's figures.
    pub plan: PlanFigures,
}

/// A person's development plan in figures: actions open (planned or doing), open ones overdue
/// today, and those marked done since the last round (all done ones with no round); per
/// competency, whether an open action works on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanFigures {
    pub open: usize,
    pub overdue: usize,
    pub done_since_round: usize,
    /// One per competency, in framework order: an open action on it.
    pub planning: Vec<bool>,
}

impl PlanFigures {
    /// The figures in a few columns, as the team view's Plan column gives them: "2/1!" for two
    /// open actions of which one is overdue, "2" when none is, "–" with none open.
    pub fn short(&self) -> String {
        match (self.open, self.overdue) {
            (0, _) => "–".into(),
            (open, 0) => open.to_string(),
            (open, overdue) => format!("{open}/{overdue}!"),
        }
    }

    /// The figures of `assessment`'s plan on the calendar's today.
    pub fn of(framework: &Framework, assessment: &Assessment, calendar: &dyn Calendar) -> Self {
        use crate::due;
        let today = calendar.today();
        let since = assessment
            .history
            .last()
            .and_then(|round| calendar.date_of(&round.taken));
        let mut figures = PlanFigures {
            planning: vec![false; framework.competencies.len()],
            ..PlanFigures::default()
        };
        for (id, action) in assessment.actions() {
            if action.status.is_open() {
                figures.open += 1;
                if due::overdue(action, today) {
                    figures.overdue += 1;
                }
                if let Some(c) = framework.competency_index(id) {
                    figures.planning[c] = true;
                }
            } else if action.status == crate::ActionStatus::Done {
                let counts = match (since, action.done_on) {
                    (None, _) => true,
                    (Some(since), Some(done)) => due::day_number(done) >= due::day_number(since),
                    (Some(_), None) => false,
                };
                if counts {
                    figures.done_since_round += 1;
                }
            }
        }
        figures
    }
}

/// A person's last closed round: when, its label, and the answers then.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub taken: crate::time::Datetime,
    pub label: String,
    /// One cell per competency, in framework order.
    pub cells: Vec<Cell>,
}

/// One cell per competency of `framework`, from ratings by id.
fn cells_of(
    framework: &Framework,
    rating: impl Fn(&crate::CompetencyId) -> Option<Rating>,
) -> Vec<Cell> {
    framework
        .competencies
        .iter()
        .map(|c| match rating(&c.id) {
            None => Cell::Unanswered,
            Some(Rating::NotApplicable) => Cell::NotApplicable,
            Some(Rating::Level(level)) => Cell::Level(level),
        })
        .collect()
}

impl Member {
    /// Reads the figures of one assessment, as [`crate::Summary`] computes them;
    /// `path` is its file; the calendar tells today and the local dates of its rounds.
    pub fn new(
        framework: &Framework,
        assessment: &Assessment,
        path: PathBuf,
        calendar: &dyn Calendar,
    ) -> Member {
        let cells = cells_of(framework, |id| assessment.rating(id));
        let sheet = RatingSheet::from_levels(cells.iter().map(|c| c.level()).collect());
        // The figures of `Summary` the team shows, from the same scoring functions, without
        // those it does not (gaps, readiness per area), which a team of 100,000 would pay for.
        let readiness = (0..framework.profiles.len())
            .map(|p| scoring::readiness(framework, &sheet, p))
            .collect();
        let lean = scoring::lean(framework, &sheet);
        let areas = (0..framework.areas.len())
            .map(|a| scoring::area_levels(framework, &sheet, a).level)
            .collect();
        let name = assessment.shown_name(&crate::text::file_stem(&path));
        let round = assessment.history.last().map(|last| Round {
            taken: last.taken,
            label: last.label.clone(),
            cells: cells_of(framework, |id| last.ratings.get(id).copied()),
        });
        Member {
            label: name.clone(),
            name,
            role: assessment.role.clone(),
            team: assessment.team.clone(),
            path,
            cells,
            readiness,
            areas,
            position: lean.position,
            outcome: lean.outcome,
            round,
            plan: PlanFigures::of(framework, assessment, calendar),
        }
    }

    /// Competencies answered (on the scale or N/A).
    pub fn answered(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| **c != Cell::Unanswered)
            .count()
    }

    /// Competencies rated on the scale, answered N/A, and not answered.
    pub fn counts(&self) -> (usize, usize, usize) {
        let na = self
            .cells
            .iter()
            .filter(|c| **c == Cell::NotApplicable)
            .count();
        let unanswered = self.cells.len() - self.answered();
        (self.answered() - na, na, unanswered)
    }

    /// A short word for the lean: "PM", "PMO" (the main profiles' short names), "both",
    /// "no lean" or "too early"; "—" on a framework without an axis.
    pub fn lean_label(&self, framework: &Framework) -> String {
        if !framework.axis {
            // No axis, no lean: the ranking is the whole answer.
            return "—".into();
        }
        match self.outcome {
            Outcome::Leans { side } => {
                let profile = framework.main_profiles[side];
                format!("leans {}", framework.profiles[profile].short)
            }
            Outcome::Straddles => "straddles".into(),
            Outcome::NoClearLean | Outcome::Unseparated => "no lean".into(),
            Outcome::TooEarly => "too early".into(),
            Outcome::NoAxis => "no axis".into(),
        }
    }

    /// The profile the lean goes to (its id, e.g. "pm"), when it leans.
    pub fn lean_direction<'a>(&self, framework: &'a Framework) -> Option<&'a str> {
        match self.outcome {
            Outcome::Leans { side } => Some(
                framework.profiles[framework.main_profiles[side]]
                    .id
                    .as_str(),
            ),
            _ => None,
        }
    }

    /// The lean as one word with its direction: "leans-pm", "leans-pmo", "straddles",
    /// "no-clear-lean", "unseparated", "too-early"; empty on a framework without an axis, which
    /// has no lean.
    pub fn lean_key(&self, framework: &Framework) -> String {
        if !framework.axis {
            return String::new();
        }
        match self.lean_direction(framework) {
            Some(direction) => format!("leans-{direction}"),
            None => self.outcome.key().to_string(),
        }
    }
}

/// A file that could not be used, and why, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotRead {
    pub path: PathBuf,
    pub reason: String,
}

/// What was read: the people, and the files that could not be used.
#[derive(Clone, Debug)]
pub struct Team {
    pub framework: Framework,
    /// In the order of the files (folders sorted by file name).
    pub members: Vec<Member>,
    pub not_read: Vec<NotRead>,
}

/// Two people with the same name are told apart by their files: "Sam (sam.toml)" when the
/// file names differ, else the path as given, "Sam (team/a/sam.toml)".
pub fn label_duplicates(members: &mut [Member]) {
    let people: Vec<(&str, &Path)> = members
        .iter()
        .map(|m| (m.name.as_str(), m.path.as_path()))
        .collect();
    let labels = labels(&people);
    for (m, label) in members.iter_mut().zip(labels) {
        m.label = label;
    }
}

/// Each person's name as shown, told apart from the others of the same name (any case) by
/// their file: "Sam (sam.toml)" when the file names differ, else the path as given.
pub fn labels(people: &[(&str, &Path)]) -> Vec<String> {
    let mut out: Vec<String> = people.iter().map(|(name, _)| name.to_string()).collect();
    let mut groups = std::collections::HashMap::<String, Vec<usize>>::new();
    for (i, (name, _)) in people.iter().enumerate() {
        groups.entry(name.to_lowercase()).or_default().push(i);
    }
    for group in groups.values().filter(|g| g.len() > 1) {
        let file_names: Vec<String> = group
            .iter()
            .map(|&i| {
                people[i]
                    .1
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        let mut distinct = file_names.clone();
        distinct.sort();
        distinct.dedup();
        let by_file_name = distinct.len() == group.len();
        for (&i, file_name) in group.iter().zip(file_names) {
            let place = if by_file_name {
                file_name
            } else {
                display_path(people[i].1)
            };
            out[i] = format!("{} ({place})", people[i].0);
        }
    }
    out
}

/// How many people meet a profile's target on one competency. Everyone in the team counts in
/// `of`: people who did not answer, or answered N/A, do not meet it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Bench {
    /// People rated at or above the target.
    pub meet: usize,
    /// Everyone in the team.
    pub of: usize,
    /// People who gave a level (so `of - answered` said N/A or nothing).
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    /// The target; None when the profile does not require the competency.
    pub target: Option<Level>,
}

/// A competency where the team falls short of a profile's target.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamGap {
    pub competency: usize,
    pub target: Level,
    /// Average of max(0, target − level) over the people who gave a level.
    pub shortfall: f64,
    /// People below the target.
    pub below: usize,
    /// People who gave a level.
    pub answered: usize,
}

impl Team {
    /// Where a person's answer stands against profile `profile`'s target.
    pub fn mark(&self, member: usize, competency: usize, profile: usize) -> Mark {
        mark(
            &self.framework,
            self.members[member].cells[competency],
            competency,
            profile,
        )
    }

    /// Bench depth of competency `competency` for profile `profile`.
    pub fn bench(&self, competency: usize, profile: usize) -> Bench {
        let required = crate::scoring::required(&self.framework, profile, competency);
        let target = self.framework.target(profile, competency);
        let mut bench = Bench {
            meet: 0,
            of: self.members.len(),
            answered: 0,
            not_applicable: 0,
            unanswered: 0,
            target: required.then_some(target),
        };
        for m in &self.members {
            match m.cells[competency] {
                Cell::Unanswered => bench.unanswered += 1,
                Cell::NotApplicable => bench.not_applicable += 1,
                Cell::Level(level) => {
                    bench.answered += 1;
                    if required && level >= target {
                        bench.meet += 1;
                    }
                }
            }
        }
        bench
    }

    /// The competencies the profile requires where the team falls short: largest average
    /// shortfall (over the people who gave a level) first, then more people below the target,
    /// then framework order. Competencies nobody rated, or where everyone meets the target,
    /// are left out.
    pub fn largest_gaps(&self, profile: usize) -> Vec<TeamGap> {
        let fw = &self.framework;
        let mut gaps: Vec<TeamGap> = (0..fw.competencies.len())
            .filter(|&c| crate::scoring::required(fw, profile, c))
            .filter_map(|c| {
                let target = fw.target(profile, c);
                let levels: Vec<Level> = self
                    .members
                    .iter()
                    .filter_map(|m| m.cells[c].level())
                    .collect();
                let total: u32 = levels
                    .iter()
                    .map(|&l| u32::from(crate::scoring::gap(l, target)))
                    .sum();
                let below = levels.iter().filter(|&&l| l < target).count();
                (below > 0).then(|| TeamGap {
                    competency: c,
                    target,
                    shortfall: f64::from(total) / levels.len() as f64,
                    below,
                    answered: levels.len(),
                })
            })
            .collect();
        gaps.sort_by(|a, b| {
            b.shortfall
                .total_cmp(&a.shortfall)
                .then(b.below.cmp(&a.below))
                .then(a.competency.cmp(&b.competency))
        });
        gaps
    }

    /// People ranked for profile `profile`: complete (non-provisional) figures always above
    /// provisional ones, then higher readiness first, then by name.
    pub fn ranking(&self, profile: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.members.len()).collect();
        order.sort_by(|&a, &b| {
            let (ma, mb) = (&self.members[a], &self.members[b]);
            let (ka, kb) = (
                ma.readiness[profile].rank_key(),
                mb.readiness[profile].rank_key(),
            );
            kb.0.cmp(&ka.0)
                .then(kb.1.total_cmp(&ka.1))
                .then_with(|| by_name(ma, mb))
        });
        order
    }

    /// People with an open plan action on `competency`: how many plan to close it.
    pub fn planning(&self, competency: usize) -> usize {
        self.members
            .iter()
            .filter(|m| m.plan.planning.get(competency).copied().unwrap_or(false))
            .count()
    }

    /// The team's average level on a competency (people who gave a level), if any did.
    pub fn average(&self, competency: usize) -> Option<f64> {
        average(
            self.members
                .iter()
                .filter_map(|m| m.cells[competency].level())
                .map(|l| f64::from(l.value())),
        )
    }

    /// The team's average of the people's area averages, if any rated in the area.
    pub fn area_average(&self, area: usize) -> Option<f64> {
        average(self.members.iter().filter_map(|m| m.areas[area]))
    }

    /// The profile's average target over the competencies of an area it requires.
    pub fn area_target(&self, area: usize, profile: usize) -> Option<f64> {
        area_target(&self.framework, area, profile)
    }
}

/// Orders people by name, case-insensitively, then by file.
pub fn by_name(a: &Member, b: &Member) -> std::cmp::Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.path.cmp(&b.path))
}

/// Profile `profile`'s average target over the competencies of area `area` it requires.
pub fn area_target(fw: &Framework, area: usize, profile: usize) -> Option<f64> {
    average(
        fw.areas[area]
            .competencies
            .clone()
            .filter(|&c| crate::scoring::required(fw, profile, c))
            .map(|c| f64::from(fw.target(profile, c).value())),
    )
}

fn average(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Where an answer stands against a profile's target.
pub fn mark(framework: &Framework, cell: Cell, competency: usize, profile: usize) -> Mark {
    match cell {
        Cell::Unanswered => Mark::Unanswered,
        Cell::NotApplicable => Mark::NotApplicable,
        Cell::Level(_) if !crate::scoring::required(framework, profile, competency) => {
            Mark::NotRequired
        }
        Cell::Level(level) => {
            let target = framework.target(profile, competency);
            match level.cmp(&target) {
                std::cmp::Ordering::Greater => Mark::Above,
                std::cmp::Ordering::Equal => Mark::Meets,
                std::cmp::Ordering::Less => Mark::Below,
            }
        }
    }
}
