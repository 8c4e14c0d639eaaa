//! Scoring: readiness for each profile, the lean between the two main profiles, gaps and bands
//! (README: How rolefit decides: two questions, answered separately).
//!
//! Everything here is a pure function of the framework and a [`RatingSheet`], so the Results
//! screen and every export compute the same numbers.
//!
//! The tests pin every property of §7 and the README's worked examples.

use std::ops::Range;

use super::assessment::Assessment;
use super::framework::Framework;
use super::level::{Level, Rating};

pub use super::lean::{
    Firmness, Flavour, Flip, LEANS_PM_AT, LEANS_PMO_AT, Lean, Outcome, REASONS, Reason,
    STRADDLE_READINESS, Telling, lean, lean_with, needed_to_tell,
};

/// Readiness (percent, complete coverage) at which a graded profile counts as met: the same
/// bar as "straddles both", three quarters of the profile's weighted targets.
pub const GRADE_MET_AT: f64 = STRADDLE_READINESS;

/// Self-ratings by competency index; `None` for unrated and N/A (both left out of scores).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingSheet {
    levels: Vec<Option<Level>>,
}

impl RatingSheet {
    /// The sheet for an assessment against a framework.
    pub fn from_assessment(framework: &Framework, assessment: &Assessment) -> RatingSheet {
        let mut levels = vec![None; framework.competencies.len()];
        for (id, entry) in &assessment.ratings {
            if let Some(c) = framework.competency_index(id) {
                levels[c] = entry.rating.and_then(Rating::level);
            }
        }
        RatingSheet { levels }
    }

    /// A sheet from ratings by id (a closed round, say).
    pub fn from_ratings(
        framework: &Framework,
        ratings: &std::collections::BTreeMap<super::framework::CompetencyId, Rating>,
    ) -> RatingSheet {
        RatingSheet {
            levels: framework
                .competencies
                .iter()
                .map(|c| ratings.get(&c.id).copied().and_then(Rating::level))
                .collect(),
        }
    }

    /// A sheet from levels in competency order.
    pub fn from_levels(levels: Vec<Option<Level>>) -> RatingSheet {
        RatingSheet { levels }
    }

    /// The level for competency `c`, if rated on the scale.
    pub fn level(&self, competency: usize) -> Option<Level> {
        self.levels.get(competency).copied().flatten()
    }

    /// Changes one competency's level (used by what-if).
    pub fn set(&mut self, competency: usize, level: Option<Level>) {
        if let Some(slot) = self.levels.get_mut(competency) {
            *slot = level;
        }
    }
}

/// Readiness for one profile: how much of its bar the ratings already meet.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Readiness {
    /// 0–100, or None when nothing rated is required by this profile.
    pub percent: Option<f64>,
    /// Required competencies that are rated on the scale (k of "k of n").
    pub rated: usize,
    /// Competencies the profile requires (n of "k of n").
    pub required: usize,
}

impl Readiness {
    /// Below half coverage the figure rests on too little to rank or compare: a profile shows
    /// 100% from one rating otherwise.
    pub fn provisional(&self) -> bool {
        self.rated * 2 < self.required
    }

    /// For ordering people or profiles: a complete figure always ranks above a provisional
    /// one, then the higher percent first.
    pub fn rank_key(&self) -> (bool, f64) {
        (!self.provisional(), self.percent.unwrap_or(-1.0))
    }
}

/// Whether profile `profile` requires competency `c`: a target above 0 in an area its role
/// weights above None. A target of 0 asks for nothing, and a None area never counts for or
/// against the role, so neither belongs in the bar or in the coverage count.
pub fn required(framework: &Framework, profile: usize, c: usize) -> bool {
    framework.weight(profile, c) > 0 && framework.target(profile, c).value() > 0
}

/// readiness = 100 · Σ w·min(s, t) / Σ w·t over the rated competencies in `range` that the
/// profile requires.
pub fn readiness_in(
    framework: &Framework,
    sheet: &RatingSheet,
    profile: usize,
    range: Range<usize>,
) -> Readiness {
    let mut met = 0u64;
    let mut wanted = 0u64;
    let mut rated = 0;
    let mut required_count = 0;
    for c in range {
        if !required(framework, profile, c) {
            continue;
        }
        required_count += 1;
        let Some(level) = sheet.level(c) else {
            continue;
        };
        let weight = u64::from(framework.weight(profile, c));
        let target = u64::from(framework.target(profile, c).value());
        met += weight * u64::from(level.value()).min(target);
        wanted += weight * target;
        rated += 1;
    }
    let percent = (wanted > 0).then(|| 100.0 * met as f64 / wanted as f64);
    Readiness {
        percent,
        rated,
        required: required_count,
    }
}

/// A profile's targets met (rated on the scale at or above the target) and how many it has:
/// every competency it requires, rated or not.
pub fn targets_met(framework: &Framework, sheet: &RatingSheet, profile: usize) -> (usize, usize) {
    let mut met = 0;
    let mut of = 0;
    for c in 0..framework.competencies.len() {
        if !required(framework, profile, c) {
            continue;
        }
        of += 1;
        if sheet
            .level(c)
            .is_some_and(|l| l >= framework.target(profile, c))
        {
            met += 1;
        }
    }
    (met, of)
}

/// Readiness for a profile over the whole framework.
pub fn readiness(framework: &Framework, sheet: &RatingSheet, profile: usize) -> Readiness {
    readiness_in(framework, sheet, profile, 0..framework.competencies.len())
}

/// Readiness for a profile within one area.
pub fn area_readiness(
    framework: &Framework,
    sheet: &RatingSheet,
    profile: usize,
    area: usize,
) -> Readiness {
    readiness_in(
        framework,
        sheet,
        profile,
        framework.areas[area].competencies.clone(),
    )
}

/// How a rating stands against a target.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// Two or more levels below target.
    Gap,
    /// One level below target.
    TopUp,
    /// At target.
    Meets,
    /// Above target.
    Strength,
}

impl Band {
    /// The band for a self-rating against a target.
    pub fn of(level: Level, target: Level) -> Band {
        match i16::from(target.value()) - i16::from(level.value()) {
            d if d >= 2 => Band::Gap,
            1 => Band::TopUp,
            0 => Band::Meets,
            _ => Band::Strength,
        }
    }

    /// The word shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Band::Gap => "gap",
            Band::TopUp => "top-up",
            Band::Meets => "meets",
            Band::Strength => "strength",
        }
    }
}

/// gap = max(0, target − level).
pub fn gap(level: Level, target: Level) -> u8 {
    target.value().saturating_sub(level.value())
}

/// Signed difference level − target, for display ("+1", "−2", "0"). Sorting by it puts the
/// largest gap first and the strength furthest above target last.
pub fn delta(level: Level, target: Level) -> i8 {
    level.value() as i8 - target.value() as i8
}

/// Where a competency goes in the largest-gap-first order that every gap list uses (Results,
/// the reports, plain mode): rated ones by level − target, most negative first, then the
/// unrated ones. Sort by it stably, so equal keys keep the framework's order.
pub fn gap_order(level: Option<Level>, target: Level) -> (bool, i16) {
    match level {
        Some(level) => (false, i16::from(delta(level, target))),
        None => (true, 0),
    }
}

/// One row of a gap analysis.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct GapRow {
    pub competency: usize,
    pub level: Level,
    pub target: Level,
    pub gap: u8,
    pub band: Band,
}

/// Every rated competency the profile requires against its targets, largest gap first and the
/// strength furthest above target last; ties in framework order. A competency the profile does
/// not require has no gap and no strength.
pub fn gaps(framework: &Framework, sheet: &RatingSheet, profile: usize) -> Vec<GapRow> {
    let mut rows: Vec<GapRow> = (0..framework.competencies.len())
        .filter_map(|c| {
            let level = sheet.level(c)?;
            if !framework.requires(profile, c) {
                return None;
            }
            let target = framework.target(profile, c);
            Some(GapRow {
                competency: c,
                level,
                target,
                gap: gap(level, target),
                band: Band::of(level, target),
            })
        })
        .collect();
    rows.sort_by_key(|row| (gap_order(Some(row.level), row.target), row.competency));
    rows
}

/// One area of the per-area chart: your average level against each main profile's average
/// target, over the competencies you rated on the scale.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaLevels {
    /// Average self-rating; None when nothing in the area is rated on the scale.
    pub level: Option<f64>,
    /// Average target of each main profile over the same competencies (all of the area's
    /// competencies when none is rated), in role order.
    pub targets: [f64; 2],
    /// Competencies rated on the scale.
    pub rated: usize,
}

/// Profile `p`'s average target in `area`, over the competencies [`area_levels`] averages your
/// level on (the rated ones, or all when none is): for a chart of any profile beside yours.
pub fn area_target(framework: &Framework, sheet: &RatingSheet, area: usize, p: usize) -> f64 {
    let (_, basis) = area_basis(framework, sheet, area);
    target_over(
        framework,
        &basis,
        framework.areas[area].competencies.clone(),
        p,
    )
}

/// The competencies of `area` rated on the scale, and those the averages are taken over: the
/// rated ones, or every one of the area when none is.
fn area_basis(framework: &Framework, sheet: &RatingSheet, area: usize) -> (Vec<usize>, Vec<usize>) {
    let range = framework.areas[area].competencies.clone();
    let rated: Vec<usize> = range
        .clone()
        .filter(|&c| sheet.level(c).is_some())
        .collect();
    let basis = if rated.is_empty() {
        range.collect()
    } else {
        rated.clone()
    };
    (rated, basis)
}

/// Profile `p`'s average target over `basis`: a competency the profile does not require is
/// left out; when none of `basis` is required, the average is over every one of `range` it
/// requires (0 when it requires none).
fn target_over(
    framework: &Framework,
    basis: &[usize],
    range: std::ops::Range<usize>,
    p: usize,
) -> f64 {
    let mut required: Vec<usize> = basis
        .iter()
        .copied()
        .filter(|&c| framework.requires(p, c))
        .collect();
    if required.is_empty() {
        required = range.filter(|&c| framework.requires(p, c)).collect();
    }
    if required.is_empty() {
        return 0.0;
    }
    let sum: u32 = required
        .iter()
        .map(|&c| u32::from(framework.target(p, c).value()))
        .sum();
    f64::from(sum) / required.len() as f64
}

/// Your level against both roles' targets in one area.
pub fn area_levels(framework: &Framework, sheet: &RatingSheet, area: usize) -> AreaLevels {
    let range = framework.areas[area].competencies.clone();
    let (rated, basis) = area_basis(framework, sheet, area);
    let average = |values: &mut dyn Iterator<Item = u8>| {
        let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
        if n == 0 {
            0.0
        } else {
            f64::from(sum) / f64::from(n)
        }
    };
    let targets = framework
        .main_profiles
        .map(|p| target_over(framework, &basis, range.clone(), p));
    let level = (!rated.is_empty()).then(|| {
        average(
            &mut rated
                .iter()
                .map(|&c| sheet.level(c).map_or(0, Level::value)),
        )
    });
    AreaLevels {
        level,
        targets,
        rated: rated.len(),
    }
}

/// Within one role with graded profiles: the most senior grade met and the next step up.
#[derive(Clone, Debug, PartialEq)]
pub struct GradeStep {
    pub role: usize,
    /// The highest-graded profile whose readiness reaches [`GRADE_MET_AT`] on a complete
    /// enough basis (not provisional).
    pub met: Option<usize>,
    /// The lowest-graded profile above `met` (the first grade when none is met).
    pub next: Option<usize>,
}

/// For each role with graded profiles, the highest grade met and the next step, in role order.
pub fn grade_steps(framework: &Framework, readiness: &[Readiness]) -> Vec<GradeStep> {
    let mut out = Vec::new();
    for role in 0..framework.roles.len() {
        let mut graded: Vec<(i64, usize)> = framework
            .profiles
            .iter()
            .enumerate()
            .filter(|(_, profile)| profile.role == Some(role))
            .filter_map(|(p, profile)| profile.grade.map(|g| (g, p)))
            .collect();
        if graded.is_empty() {
            continue;
        }
        graded.sort();
        let is_met = |p: usize| {
            let r = &readiness[p];
            !r.provisional() && r.percent.is_some_and(|v| v >= GRADE_MET_AT)
        };
        let met = graded.iter().rev().find(|&&(_, p)| is_met(p)).copied();
        let next = match met {
            Some((grade, _)) => graded.iter().find(|&&(g, _)| g > grade).map(|&(_, p)| p),
            None => graded.first().map(|&(_, p)| p),
        };
        out.push(GradeStep {
            role,
            met: met.map(|(_, p)| p),
            next,
        });
    }
    out
}

/// Profiles best first by readiness: complete figures above provisional ones, then the higher
/// percent; ties in framework order.
pub fn ranking(readiness: &[Readiness]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..readiness.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, pa) = readiness[a].rank_key();
        let (cb, pb) = readiness[b].rank_key();
        cb.cmp(&ca).then(pb.total_cmp(&pa)).then(a.cmp(&b))
    });
    order
}

#[cfg(test)]
pub(crate) mod tests;
