//! The team view (PRODUCT.md §9): many people's assessment files read side by side, without
//! writing anything.
//!
//! [`load`] reads the files (never writing, never locking) and lists every file it cannot use
//! with the reason; [`Team`] holds each person's levels and the figures [`crate::domain::Summary`]
//! computes for them, so the team view, its reports and the Results screen agree. The figures
//! that compare people live here too: ranking per profile ([`Team::ranking`]), bench depth
//! ([`Team::bench`]) and the team's largest gaps ([`Team::largest_gaps`]).
//!
//! `state` is the full-screen view's state and update function, `report` the reports (`html`
//! the HTML one), `run` its event loop; `ui::team` draws it.

pub mod html;
pub mod report;
pub mod run;
pub mod state;

use std::path::{Path, PathBuf};

use crate::domain::scoring::{Outcome, RatingSheet, Readiness};
use crate::domain::{Framework, Level, Rating, Summary};
use crate::storage::{self, ReadOutcome};
use crate::text::display_path;

pub use state::{TeamMode, TeamView};

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
    /// The name in the file (or the file's stem when it has none).
    pub name: String,
    /// The file, as given or found.
    pub path: PathBuf,
    /// The name as shown: with the path when another file has the same name.
    pub label: String,
    /// One cell per competency, in framework order.
    pub cells: Vec<Cell>,
    /// Readiness per profile, in framework order (from [`Summary`]).
    pub readiness: Vec<Readiness>,
    /// Average level per area, in framework order (from [`Summary`]).
    pub areas: Vec<Option<f64>>,
    /// The lean's position (1 = first main profile's shape, 0 = second's) and verdict.
    pub position: Option<f64>,
    pub outcome: Outcome,
}

impl Member {
    /// Reads the figures of one assessment through [`Summary`].
    fn new(framework: &Framework, assessment: &crate::domain::Assessment, path: PathBuf) -> Member {
        let cells: Vec<Cell> = framework
            .competencies
            .iter()
            .map(|c| match assessment.rating(&c.id) {
                None => Cell::Unanswered,
                Some(Rating::NotApplicable) => Cell::NotApplicable,
                Some(Rating::Level(level)) => Cell::Level(level),
            })
            .collect();
        let sheet = RatingSheet::from_levels(cells.iter().map(|c| c.level()).collect());
        let summary = Summary::compute(framework, &sheet, 0);
        Member {
            name: assessment.name.clone(),
            label: assessment.name.clone(),
            path,
            cells,
            readiness: summary.readiness,
            areas: summary.areas.iter().map(|a| a.level).collect(),
            position: summary.lean.position,
            outcome: summary.lean.outcome,
        }
    }

    /// Competencies answered (on the scale or N/A).
    pub fn answered(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| **c != Cell::Unanswered)
            .count()
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

/// Why no team could be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// A folder or file given on the command line is not there.
    #[error("{}: {reason}", display_path(path))]
    Source { path: PathBuf, reason: String },
    /// Nothing to read.
    #[error(
        "no assessment files (*.toml) in {}; give a folder or files, e.g. `rolefit team team/`",
        places.iter().map(|p| display_path(p)).collect::<Vec<_>>().join(", ")
    )]
    NoFiles { places: Vec<PathBuf> },
}

/// The assessment files in `sources`: each folder's `*.toml` files (not its subfolders), sorted
/// by name, and each file as given. A source that does not exist is an error.
pub fn files_in(sources: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for source in sources {
        if source.is_dir() {
            let entries = std::fs::read_dir(source).map_err(|err| LoadError::Source {
                path: source.clone(),
                reason: format!(
                    "cannot list the folder: {}",
                    storage::describe_io_error(&err)
                ),
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            found.sort();
            files.extend(found);
        } else if std::fs::symlink_metadata(source).is_ok() {
            files.push(source.clone());
        } else {
            return Err(LoadError::Source {
                path: source.clone(),
                reason: "no such file or folder".into(),
            });
        }
    }
    if files.is_empty() {
        return Err(LoadError::NoFiles {
            places: sources.to_vec(),
        });
    }
    Ok(files)
}

/// What reading one file gave.
enum Read {
    Member(Member),
    NotRead(NotRead),
}

/// Reads one file with the storage codec; never writes, never locks.
fn read_one(framework: &Framework, path: &Path) -> Read {
    let not_read = |reason: String| {
        Read::NotRead(NotRead {
            path: path.to_path_buf(),
            reason,
        })
    };
    let stem = storage::paths::stem(path);
    // Any level a scale may use first: a file of another framework is named as such, however
    // high its levels go; one of this framework is then held to this scale.
    let top = framework.scale.last().value();
    let outcome = match storage::read_assessment_up_to(path, &stem, crate::domain::Level::TOP) {
        ReadOutcome::Loaded(assessment) if assessment.framework == framework.id => {
            if assessment.highest_level().is_some_and(|l| l.value() > top) {
                storage::read_assessment_up_to(path, &stem, top)
            } else {
                ReadOutcome::Loaded(assessment)
            }
        }
        other => other,
    };
    match outcome {
        ReadOutcome::Loaded(assessment) if assessment.framework != framework.id => {
            let file = assessment
                .framework_path
                .as_deref()
                .map(|p| format!(" (its file: {})", crate::text::display_path(Path::new(p))))
                .unwrap_or_default();
            not_read(format!(
                "it uses the framework \"{}\"{file}, not \"{}\"; read it with --framework FILE",
                assessment.framework, framework.id
            ))
        }
        ReadOutcome::Loaded(assessment) => {
            Read::Member(Member::new(framework, &assessment, path.to_path_buf()))
        }
        ReadOutcome::Missing => not_read("the file does not exist".into()),
        ReadOutcome::Newer { found, .. } => not_read(format!(
            "it is written in format {found}, newer than this rolefit reads ({}); update rolefit",
            storage::codec::FORMAT
        )),
        ReadOutcome::Unreadable(problem) => not_read(match problem.line {
            Some((line, column)) => format!("line {line}, column {column}: {}", problem.reason),
            None => problem.reason,
        }),
    }
}

/// How many threads read files: parsing is CPU work with no shared state, split in two halves.
/// On a busy two-core machine two threads measured no faster than one (see BENCHMARKS.md).
pub const THREADS: usize = 2;

/// Reads every file in `files` against `framework` on up to [`THREADS`] threads.
pub fn load(framework: Framework, files: &[PathBuf]) -> Team {
    load_with(framework, files, THREADS)
}

/// Reads every file on up to `threads` threads, keeping the files' order.
pub fn load_with(framework: Framework, files: &[PathBuf], threads: usize) -> Team {
    let threads = threads.clamp(1, files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let reads: Vec<Read> = if threads == 1 {
        files.iter().map(|f| read_one(&framework, f)).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    let framework = &framework;
                    scope.spawn(move || {
                        part.iter()
                            .map(|f| read_one(framework, f))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("reading a file does not panic"))
                .collect()
        })
    };
    let mut members = Vec::new();
    let mut not_read = Vec::new();
    for read in reads {
        match read {
            Read::Member(m) => members.push(m),
            Read::NotRead(n) => not_read.push(n),
        }
    }
    label_duplicates(&mut members);
    Team {
        framework,
        members,
        not_read,
    }
}

/// Two people with the same name are told apart by their files: "Sam (sam.toml)" when the
/// file names differ, else the path as given, "Sam (team/a/sam.toml)".
fn label_duplicates(members: &mut [Member]) {
    let mut groups = std::collections::HashMap::<String, Vec<usize>>::new();
    for (i, m) in members.iter().enumerate() {
        groups.entry(m.name.to_lowercase()).or_default().push(i);
    }
    for group in groups.values().filter(|g| g.len() > 1) {
        let file_names: Vec<String> = group
            .iter()
            .map(|&i| {
                members[i]
                    .path
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
                display_path(&members[i].path)
            };
            members[i].label = format!("{} ({place})", members[i].name);
        }
    }
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
        let required = crate::domain::scoring::required(&self.framework, profile, competency);
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
            .filter(|&c| crate::domain::scoring::required(fw, profile, c))
            .filter_map(|c| {
                let target = fw.target(profile, c);
                let levels: Vec<Level> = self
                    .members
                    .iter()
                    .filter_map(|m| m.cells[c].level())
                    .collect();
                let total: u32 = levels
                    .iter()
                    .map(|&l| u32::from(crate::domain::scoring::gap(l, target)))
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
        let fw = &self.framework;
        average(
            fw.areas[area]
                .competencies
                .clone()
                .filter(|&c| crate::domain::scoring::required(fw, profile, c))
                .map(|c| f64::from(fw.target(profile, c).value())),
        )
    }
}

/// Orders people by name, case-insensitively, then by file.
pub fn by_name(a: &Member, b: &Member) -> std::cmp::Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.path.cmp(&b.path))
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
        Cell::Level(_) if !crate::domain::scoring::required(framework, profile, competency) => {
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

#[cfg(test)]
mod tests;
