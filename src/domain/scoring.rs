//! Scoring: readiness for each profile, the lean between the two main profiles, gaps and bands
//! (PRODUCT.md §7: two questions, answered separately).
//!
//! Everything here is a pure function of the framework and a [`RatingSheet`], so the Results
//! screen and every export compute the same numbers.
//!
//! The tests pin every property of §7 and the README's worked examples.

use std::ops::Range;

use super::assessment::Assessment;
use super::framework::Framework;
use super::level::{Level, Rating};

/// Fewer rated competencies whose two main targets differ than this, and the lean is "too
/// early to tell": a handful of ratings cannot show a shape.
pub const MIN_DISCRIMINATING: usize = 8;

/// Position at or above which the verdict leans to the first main profile (Project Manager).
/// 0.65 leaves a no-lean band of 0.3 around the middle, wide enough that a flat profile
/// (0.43 in the built-in framework) and the midpoint of the two profiles (0.5) fall inside it.
pub const LEANS_PM_AT: f64 = 0.65;

/// Position at or below which the verdict leans to the second main profile (PMO Manager);
/// symmetric with [`LEANS_PM_AT`].
pub const LEANS_PMO_AT: f64 = 0.35;

/// Readiness (percent) both main profiles must reach for a no-lean position to read as
/// "straddles both" rather than "no clear lean yet".
pub const STRADDLE_READINESS: f64 = 75.0;

/// Readiness (percent, complete coverage) at which a graded profile counts as met: the same
/// bar as "straddles both", three quarters of the profile's weighted targets.
pub const GRADE_MET_AT: f64 = STRADDLE_READINESS;

/// How many "most telling" competencies the verdict names, on screen and in every export.
pub const REASONS: usize = 3;

/// How many single one-level changes that would flip the verdict are kept to name.
pub const FLIPS: usize = 3;

/// Contributions and sums smaller than this are rounding noise, not a shape.
const EPSILON: f64 = 1e-9;

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

/// The verdict's five outcomes, in the order they are decided (PRODUCT.md §7).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Fewer rated competencies that tell the roles apart than the framework needs (see
    /// [`needed_to_tell`]).
    TooEarly,
    /// The shape follows main profile `side` (0: position ≥ [`LEANS_PM_AT`], 1: ≤
    /// [`LEANS_PMO_AT`]).
    Leans { side: usize },
    /// No lean, and both readiness figures reach [`STRADDLE_READINESS`].
    Straddles,
    /// No lean, and at least one readiness figure is below [`STRADDLE_READINESS`].
    NoClearLean,
}

impl Outcome {
    /// A stable word for exports.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::TooEarly => "too-early",
            Outcome::Leans { .. } => "leans",
            Outcome::Straddles => "straddles",
            Outcome::NoClearLean => "no-clear-lean",
        }
    }
}

/// The outcome for a position, the number of discriminating ratings and the two main
/// readiness figures. One function, so the verdict and the what-if of firmness agree.
pub fn outcome(
    position: Option<f64>,
    discriminating: usize,
    readiness: [Option<f64>; 2],
) -> Outcome {
    outcome_needing(position, discriminating, MIN_DISCRIMINATING, readiness)
}

/// Centred targets of the two axis main profiles that differ by at least this much tell the
/// roles apart (PRODUCT.md §7).
pub const TELLS_APART_BY: f64 = 0.25;

/// Per competency, whether it tells the two axis roles apart: both main profiles require it
/// and their targets, each centred on its mean over every competency both require, differ by
/// at least [`TELLS_APART_BY`]. Empty without an axis.
pub fn tells_apart(framework: &Framework) -> Vec<bool> {
    let n = framework.competencies.len();
    if !framework.axis {
        return vec![false; n];
    }
    let [pa, pb] = framework.main_profiles;
    let both: Vec<usize> = (0..n)
        .filter(|&c| framework.requires(pa, c) && framework.requires(pb, c))
        .collect();
    let mut out = vec![false; n];
    if both.is_empty() {
        return out;
    }
    let mean = |p: usize| {
        both.iter()
            .map(|&c| f64::from(framework.target(p, c).value()))
            .sum::<f64>()
            / both.len() as f64
    };
    let (ma, mb) = (mean(pa), mean(pb));
    for &c in &both {
        let a = f64::from(framework.target(pa, c).value()) - ma;
        let b = f64::from(framework.target(pb, c).value()) - mb;
        out[c] = (a - b).abs() >= TELLS_APART_BY - EPSILON;
    }
    out
}

/// How many rated competencies that tell the roles apart the lean needs (PRODUCT.md §7):
/// [`MIN_DISCRIMINATING`], or on a framework with fewer such competencies half of them, at
/// least 3 (all of them when it has fewer than 3).
pub fn needed_to_tell(telling: usize) -> usize {
    if telling >= MIN_DISCRIMINATING {
        MIN_DISCRIMINATING
    } else {
        telling.div_ceil(2).max(3).min(telling)
    }
}

/// [`outcome`] on a framework that needs `needed` discriminating ratings.
pub fn outcome_needing(
    position: Option<f64>,
    discriminating: usize,
    needed: usize,
    readiness: [Option<f64>; 2],
) -> Outcome {
    let Some(p) = position else {
        return Outcome::TooEarly;
    };
    if discriminating < needed.max(1) {
        Outcome::TooEarly
    } else if p >= LEANS_PM_AT {
        Outcome::Leans { side: 0 }
    } else if p <= LEANS_PMO_AT {
        Outcome::Leans { side: 1 }
    } else if readiness
        .iter()
        .all(|r| r.is_some_and(|r| r >= STRADDLE_READINESS))
    {
        Outcome::Straddles
    } else {
        Outcome::NoClearLean
    }
}

/// One competency that moved this user's position.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Reason {
    pub competency: usize,
    pub level: Level,
    /// The two main profiles' targets, in role order.
    pub targets: [Level; 2],
    /// How far it moved the position (positive: towards the first main profile).
    pub contribution: f64,
}

/// A single one-level change that would change the verdict.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Flip {
    pub competency: usize,
    /// The level it would take.
    pub to: Level,
}

/// The answer to "which role's shape do my strengths follow?", with its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Lean {
    /// 1.0 the first main profile's shape, 0.0 the second's (can go beyond either end for a
    /// shape more marked than the profile's own); None when no rated competency has two
    /// different targets.
    pub position: Option<f64>,
    pub outcome: Outcome,
    /// Rated competencies that tell the two roles apart (see [`tells_apart`]).
    pub discriminating: usize,
    /// How many of them the lean needs on this framework (see [`needed_to_tell`]).
    pub needed: usize,
    /// Single one-level changes that would change the outcome, at most [`FLIPS`], the largest
    /// move first; empty when the verdict is firm.
    pub flips: Vec<Flip>,
    /// The competencies that moved this user's position most, at most [`REASONS`]; empty for
    /// a flat profile.
    pub reasons: Vec<Reason>,
    /// The flavour of the second role whose target shape correlates best with the ratings;
    /// None for a flat profile or a framework without flavours.
    pub flavour: Option<usize>,
}

impl Lean {
    /// No single one-level change would change the verdict.
    pub fn firm(&self) -> bool {
        self.flips.is_empty()
    }
}

/// Weighted sums of one main profile's readiness, kept so that firmness can re-evaluate it
/// after a one-level change in O(1).
struct Bar {
    met: u64,
    wanted: u64,
}

impl Bar {
    fn percent(&self, delta: i64) -> Option<f64> {
        (self.wanted > 0).then(|| 100.0 * (self.met as i64 + delta) as f64 / self.wanted as f64)
    }
}

/// The lean, its outcome, firmness, reasons and closest flavour, in O(n · profiles).
///
/// Position (the reference method of PRODUCT.md §7): over the rated competencies R, with the
/// user's levels centred (u = s − mean s) and the two main profiles' targets centred (a', b'),
/// p = Σ (u − b')·(a' − b') / Σ (a' − b')². Because Σ (a' − b') = 0 over R, the mean of the
/// levels cancels: p = (Σ s·d − Σ b'·d) / Σ d² with d = a' − b'. So the user's part of p is
/// Σ u·d / Σ d², each competency's share of it is u·d / Σ d² (zero for a flat profile, whose
/// position is the framework's own baseline), and changing one level by ±1 moves p by exactly
/// ±d / Σ d² — which makes firmness O(n), not O(n²).
pub fn lean(framework: &Framework, sheet: &RatingSheet) -> Lean {
    let [pa, pb] = framework.main_profiles;
    if !framework.axis {
        // No axis, no lean: a framework without one answers with a ranking only.
        return Lean {
            position: None,
            outcome: Outcome::TooEarly,
            discriminating: 0,
            needed: 0,
            flips: Vec::new(),
            reasons: Vec::new(),
            flavour: None,
        };
    }
    // The lean uses only competencies both axis profiles require (all, in format 1).
    let rated: Vec<(usize, Level)> = (0..framework.competencies.len())
        .filter(|&c| framework.requires(pa, c) && framework.requires(pb, c))
        .filter_map(|c| sheet.level(c).map(|l| (c, l)))
        .collect();
    let n = rated.len() as f64;
    let telling = tells_apart(framework);
    let needed = needed_to_tell(telling.iter().filter(|&&t| t).count());
    let (mut sum_s, mut sum_a, mut sum_b) = (0.0, 0.0, 0.0);
    let mut discriminating = 0;
    for &(c, level) in &rated {
        let (ta, tb) = (
            framework.target(pa, c).value(),
            framework.target(pb, c).value(),
        );
        sum_s += f64::from(level.value());
        sum_a += f64::from(ta);
        sum_b += f64::from(tb);
        discriminating += usize::from(telling[c]);
    }
    let (mean_s, mean_a, mean_b) = if rated.is_empty() {
        (0.0, 0.0, 0.0)
    } else {
        (sum_s / n, sum_a / n, sum_b / n)
    };
    let centred = |c: usize| {
        let a = f64::from(framework.target(pa, c).value()) - mean_a;
        let b = f64::from(framework.target(pb, c).value()) - mean_b;
        (a, b, a - b)
    };
    let (mut num, mut den) = (0.0, 0.0);
    for &(c, level) in &rated {
        let (_, b, d) = centred(c);
        let u = f64::from(level.value()) - mean_s;
        num += (u - b) * d;
        den += d * d;
    }
    let position = (den > EPSILON).then(|| num / den);
    let bars = [pa, pb].map(|p| {
        let (mut met, mut wanted) = (0u64, 0u64);
        for &(c, level) in &rated {
            if required(framework, p, c) {
                let w = u64::from(framework.weight(p, c));
                let t = framework.target(p, c).value();
                met += w * u64::from(level.value().min(t));
                wanted += w * u64::from(t);
            }
        }
        Bar { met, wanted }
    });
    let outcome = outcome_needing(
        position,
        discriminating,
        needed,
        bars.each_ref().map(|b| b.percent(0)),
    );

    // Firmness: every single one-level change, each re-evaluated in O(1).
    let mut flips: Vec<(f64, Flip)> = Vec::new();
    if let (Some(p), Outcome::Leans { .. } | Outcome::Straddles | Outcome::NoClearLean) =
        (position, outcome)
    {
        for &(c, level) in &rated {
            let (_, _, d) = centred(c);
            for step in [-1i16, 1] {
                let Some(to) = framework.step(c, level, step > 0) else {
                    continue;
                };
                let moved = p + (f64::from(to.value()) - f64::from(level.value())) * d / den;
                let readiness = [0, 1].map(|side| {
                    let profile = [pa, pb][side];
                    if !required(framework, profile, c) {
                        return bars[side].percent(0);
                    }
                    let w = i64::from(framework.weight(profile, c));
                    let t = framework.target(profile, c).value();
                    let delta = i64::from(to.value().min(t)) - i64::from(level.value().min(t));
                    bars[side].percent(w * delta)
                });
                if outcome_needing(Some(moved), discriminating, needed, readiness) != outcome {
                    flips.push(((moved - p).abs(), Flip { competency: c, to }));
                }
            }
        }
    }
    flips.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.competency.cmp(&y.1.competency))
    });
    let mut named: Vec<Flip> = Vec::new();
    for (_, flip) in flips {
        if named.len() == FLIPS {
            break;
        }
        if !named.iter().any(|f| f.competency == flip.competency) {
            named.push(flip);
        }
    }

    // Reasons: each competency's share of the user's part of p.
    let mut reasons: Vec<Reason> = if den > EPSILON {
        rated
            .iter()
            .filter_map(|&(c, level)| {
                let (_, _, d) = centred(c);
                let contribution = (f64::from(level.value()) - mean_s) * d / den;
                (contribution.abs() > EPSILON).then(|| Reason {
                    competency: c,
                    level,
                    targets: [framework.target(pa, c), framework.target(pb, c)],
                    contribution,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    reasons.sort_by(|x, y| {
        y.contribution
            .abs()
            .total_cmp(&x.contribution.abs())
            .then(x.competency.cmp(&y.competency))
    });
    reasons.truncate(REASONS);

    Lean {
        position,
        outcome,
        discriminating,
        needed,
        flips: named,
        reasons,
        flavour: closest_flavour(framework, &rated, mean_s),
    }
}

/// The flavour of the second main profile's role whose centred targets correlate best with
/// the user's centred levels over the rated competencies.
fn closest_flavour(framework: &Framework, rated: &[(usize, Level)], mean_s: f64) -> Option<usize> {
    let role = framework.profiles[framework.main_profiles[1]].role;
    let su2: f64 = rated
        .iter()
        .map(|&(_, l)| (f64::from(l.value()) - mean_s).powi(2))
        .sum();
    if su2 <= EPSILON {
        return None;
    }
    let mut best: Option<(f64, usize)> = None;
    for (p, profile) in framework.profiles.iter().enumerate() {
        if profile.role != role || profile.base.is_none() {
            continue;
        }
        let mean_t = rated
            .iter()
            .map(|&(c, _)| f64::from(framework.target(p, c).value()))
            .sum::<f64>()
            / rated.len() as f64;
        let (mut sut, mut st2) = (0.0, 0.0);
        for &(c, l) in rated {
            let t = f64::from(framework.target(p, c).value()) - mean_t;
            sut += (f64::from(l.value()) - mean_s) * t;
            st2 += t * t;
        }
        if st2 <= EPSILON {
            continue;
        }
        let r = sut / (su2 * st2).sqrt();
        if best.is_none_or(|(b, _)| r > b + EPSILON) {
            best = Some((r, p));
        }
    }
    best.map(|(_, p)| p)
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
    rows.sort_by_key(|row| (delta(row.level, row.target), row.competency));
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

/// Your level against both roles' targets in one area.
pub fn area_levels(framework: &Framework, sheet: &RatingSheet, area: usize) -> AreaLevels {
    let range = framework.areas[area].competencies.clone();
    let rated: Vec<usize> = range
        .clone()
        .filter(|&c| sheet.level(c).is_some())
        .collect();
    let basis: Vec<usize> = if rated.is_empty() {
        range.clone().collect()
    } else {
        rated.clone()
    };
    let average = |values: &mut dyn Iterator<Item = u8>| {
        let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
        if n == 0 {
            0.0
        } else {
            f64::from(sum) / f64::from(n)
        }
    };
    let targets = framework.main_profiles.map(|p| {
        // A competency the profile does not require is left out of its average; when none of
        // the rated ones is required, the average is over every one of the area it requires.
        let mut required: Vec<usize> = basis
            .iter()
            .copied()
            .filter(|&c| framework.requires(p, c))
            .collect();
        if required.is_empty() {
            required = range
                .clone()
                .filter(|&c| framework.requires(p, c))
                .collect();
        }
        average(&mut required.iter().map(|&c| framework.target(p, c).value()))
    });
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
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn builtin() -> Framework {
        Framework::builtin()
    }

    /// A sheet with one level per area, in area order (None leaves the area unrated).
    pub(crate) fn by_area(framework: &Framework, per_area: &[Option<u8>]) -> RatingSheet {
        RatingSheet::from_levels(
            framework
                .competencies
                .iter()
                .map(|c| per_area[c.area].and_then(Level::new))
                .collect(),
        )
    }

    /// A sheet with every competency at `level`.
    fn flat(framework: &Framework, level: u8) -> RatingSheet {
        RatingSheet::from_levels(vec![Level::new(level); framework.competencies.len()])
    }

    /// A sheet rated at the targets of profile `profile`.
    fn copy_of(framework: &Framework, profile: usize) -> RatingSheet {
        RatingSheet::from_levels(
            (0..framework.competencies.len())
                .map(|c| Some(framework.target(profile, c)))
                .collect(),
        )
    }

    /// Position of an arbitrary real-valued profile, by the reference formula written out
    /// directly (centred levels and targets), to check [`lean`] against.
    fn reference_position(framework: &Framework, levels: &[f64]) -> f64 {
        let [pa, pb] = framework.main_profiles;
        let n = levels.len() as f64;
        let t = |p: usize, c: usize| f64::from(framework.target(p, c).value());
        let mean = |f: &dyn Fn(usize) -> f64| (0..levels.len()).map(f).sum::<f64>() / n;
        let (ms, ma, mb) = (
            mean(&|c| levels[c]),
            mean(&|c| t(pa, c)),
            mean(&|c| t(pb, c)),
        );
        let (mut num, mut den) = (0.0, 0.0);
        for (c, &s) in levels.iter().enumerate() {
            let (u, a, b) = (s - ms, t(pa, c) - ma, t(pb, c) - mb);
            num += (u - b) * (a - b);
            den += (a - b) * (a - b);
        }
        num / den
    }

    fn id(framework: &Framework, c: usize) -> &str {
        framework.competencies[c].id.as_str()
    }

    fn sheet_of(levels: &[u8]) -> RatingSheet {
        RatingSheet::from_levels(levels.iter().map(|&l| Level::new(l)).collect())
    }

    /// The README's three worked examples ("How rolefit decides"): if a number here changes,
    /// the README must change with it.
    #[test]
    fn readme_worked_examples() {
        let fw = builtin();
        let [pm, pmo] = fw.main_profiles;
        // A delivery PM: 4 on delivery planning, risk and reporting, 3 on stakeholders and
        // governance, 1 on capability development and framework design.
        let delivery = by_area(
            &fw,
            &[
                Some(4),
                Some(4),
                Some(3),
                Some(3),
                Some(4),
                Some(1),
                Some(1),
            ],
        );
        // A PMO manager: 2 on delivery planning and risk, 4 everywhere else.
        let pmo_manager = by_area(
            &fw,
            &[
                Some(2),
                Some(2),
                Some(4),
                Some(4),
                Some(4),
                Some(4),
                Some(4),
            ],
        );
        let flat3 = flat(&fw, 3);
        let cases = [
            (&delivery, 0.770, Outcome::Leans { side: 0 }, 99.0, 69.0),
            (&pmo_manager, 0.142, Outcome::Leans { side: 1 }, 74.9, 95.4),
            (&flat3, 0.426, Outcome::Straddles, 84.8, 77.9),
        ];
        let reasons = [
            (&delivery, vec!["CD1", "CD2", "CD3"], Some("delivery-pmo")),
            (&pmo_manager, vec!["DP1", "DP2", "DP4"], Some("coe")),
            (&flat3, vec![], None),
        ];
        for (sheet, ids, flavour) in reasons {
            let l = lean(&fw, sheet);
            let got: Vec<&str> = l.reasons.iter().map(|r| id(&fw, r.competency)).collect();
            assert_eq!(got, ids);
            assert_eq!(l.flavour.map(|p| fw.profiles[p].id.as_str()), flavour);
            assert!(l.firm());
        }
        for (sheet, position, outcome, ready_pm, ready_pmo) in cases {
            let lean = lean(&fw, sheet);
            let p = lean.position.unwrap();
            assert!((p - position).abs() < 0.0005, "position {p}");
            assert_eq!(lean.outcome, outcome);
            let r = |profile| readiness(&fw, sheet, profile).percent.unwrap();
            assert!((r(pm) - ready_pm).abs() < 0.05, "PM {}", r(pm));
            assert!((r(pmo) - ready_pmo).abs() < 0.05, "PMO {}", r(pmo));
        }
    }

    #[test]
    fn position_is_the_reference_formula() {
        let fw = builtin();
        let sheet = by_area(
            &fw,
            &[
                Some(4),
                Some(2),
                Some(3),
                Some(5),
                Some(1),
                Some(0),
                Some(3),
            ],
        );
        let levels: Vec<f64> = (0..fw.competencies.len())
            .map(|c| f64::from(sheet.level(c).unwrap().value()))
            .collect();
        let p = lean(&fw, &sheet).position.unwrap();
        assert!((p - reference_position(&fw, &levels)).abs() < 1e-12);
    }

    #[test]
    fn property_copies_of_the_profiles_lean_to_them() {
        let fw = builtin();
        let [pm, pmo] = fw.main_profiles;
        let a = lean(&fw, &copy_of(&fw, pm));
        assert!((a.position.unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(a.outcome, Outcome::Leans { side: 0 });
        let b = lean(&fw, &copy_of(&fw, pmo));
        assert!(b.position.unwrap().abs() < 1e-9);
        assert_eq!(b.outcome, Outcome::Leans { side: 1 });
    }

    #[test]
    fn property_flat_profiles_have_no_lean_and_no_reasons() {
        let fw = builtin();
        for level in 0..=5 {
            let l = lean(&fw, &flat(&fw, level));
            let p = l.position.unwrap();
            assert!(LEANS_PMO_AT < p && p < LEANS_PM_AT, "{level}: {p}");
            assert!(!matches!(l.outcome, Outcome::Leans { .. }), "{level}");
            assert!(l.reasons.is_empty(), "{level}");
            assert_eq!(l.flavour, None);
        }
        // Low flat ratings meet neither bar; high ones meet both.
        assert_eq!(lean(&fw, &flat(&fw, 1)).outcome, Outcome::NoClearLean);
        assert_eq!(lean(&fw, &flat(&fw, 5)).outcome, Outcome::Straddles);
    }

    #[test]
    fn property_the_midpoint_has_no_lean() {
        let fw = builtin();
        let [pm, pmo] = fw.main_profiles;
        let mid: Vec<f64> = (0..fw.competencies.len())
            .map(|c| {
                (f64::from(fw.target(pm, c).value()) + f64::from(fw.target(pmo, c).value())) / 2.0
            })
            .collect();
        let p = reference_position(&fw, &mid);
        assert!((p - 0.5).abs() < 1e-9, "{p}");
    }

    #[test]
    fn property_the_mixture_sweep_goes_pmo_then_no_lean_then_pm() {
        let fw = builtin();
        let [pm, pmo] = fw.main_profiles;
        let mut seen = Vec::new();
        for step in 0..=20 {
            let alpha = f64::from(step) / 20.0;
            let levels: Vec<f64> = (0..fw.competencies.len())
                .map(|c| {
                    alpha * f64::from(fw.target(pm, c).value())
                        + (1.0 - alpha) * f64::from(fw.target(pmo, c).value())
                })
                .collect();
            let p = reference_position(&fw, &levels);
            let band = if p >= LEANS_PM_AT {
                2
            } else if p <= LEANS_PMO_AT {
                0
            } else {
                1
            };
            if step == 10 {
                assert_eq!(band, 1, "α = 0.5 must be in the no-lean band: {p}");
            }
            seen.push(band);
        }
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!((seen[0], seen[20]), (0, 2));
    }

    proptest! {
        /// Adding one level everywhere (nothing at the top) leaves the position unchanged.
        #[test]
        fn property_shift_does_not_move_the_position(levels in prop::collection::vec(0u8..=4, 33)) {
            let fw = builtin();
            let before = lean(&fw, &sheet_of(&levels)).position;
            let raised: Vec<u8> = levels.iter().map(|l| l + 1).collect();
            let after = lean(&fw, &sheet_of(&raised)).position;
            match (before, after) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (a, b) => prop_assert_eq!(a, b),
            }
        }

        /// Raising a rating where the PMO Manager's target exceeds the PM's never moves the
        /// position towards PM.
        #[test]
        fn property_monotone_towards_pmo(levels in prop::collection::vec(0u8..=5, 33), pick in 0usize..33) {
            let fw = builtin();
            let [pm, pmo] = fw.main_profiles;
            let higher: Vec<usize> = (0..33)
                .filter(|&c| fw.target(pmo, c) > fw.target(pm, c))
                .collect();
            let c = higher[pick % higher.len()];
            prop_assume!(levels[c] < 5);
            let before = lean(&fw, &sheet_of(&levels)).position.unwrap();
            let mut raised = levels.clone();
            raised[c] += 1;
            let after = lean(&fw, &sheet_of(&raised)).position.unwrap();
            prop_assert!(after <= before + 1e-12, "{} {before} → {after}", id(&fw, c));
        }

        /// The O(1) firmness what-if agrees with recomputing the whole lean.
        #[test]
        fn flips_match_a_full_recomputation(levels in prop::collection::vec(0u8..=5, 33)) {
            let fw = builtin();
            let sheet = sheet_of(&levels);
            let l = lean(&fw, &sheet);
            let mut flipping = std::collections::BTreeSet::new();
            for (c, &level) in levels.iter().enumerate() {
                for to in [level.wrapping_sub(1), level + 1] {
                    let Some(to) = Level::new(to) else { continue };
                    let mut changed = sheet.clone();
                    changed.set(c, Some(to));
                    if lean(&fw, &changed).outcome != l.outcome {
                        flipping.insert(c);
                    }
                }
            }
            prop_assert_eq!(l.firm(), flipping.is_empty());
            for f in &l.flips {
                prop_assert!(flipping.contains(&f.competency));
            }
            prop_assert_eq!(l.flips.len(), flipping.len().min(FLIPS));
        }
    }

    #[test]
    fn threshold_min_discriminating() {
        let fw = builtin();
        let [pm, pmo] = fw.main_profiles;
        let telling = tells_apart(&fw);
        let differing: Vec<usize> = (0..fw.competencies.len()).filter(|&c| telling[c]).collect();
        let _ = pmo;
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        // Rated at the PM targets: one short of the constant is too early, at it the lean shows.
        for &c in &differing[..MIN_DISCRIMINATING - 1] {
            sheet.set(c, Some(fw.target(pm, c)));
        }
        let early = lean(&fw, &sheet);
        assert_eq!(early.outcome, Outcome::TooEarly);
        assert_eq!(early.discriminating, MIN_DISCRIMINATING - 1);
        assert!(early.firm() && early.reasons.len() <= REASONS);
        let c = differing[MIN_DISCRIMINATING - 1];
        sheet.set(c, Some(fw.target(pm, c)));
        assert_eq!(lean(&fw, &sheet).outcome, Outcome::Leans { side: 0 });
    }

    #[test]
    fn threshold_leans_pm_at() {
        let r = [Some(50.0), Some(50.0)];
        assert_eq!(outcome(Some(LEANS_PM_AT), 8, r), Outcome::Leans { side: 0 });
        assert_eq!(
            outcome(Some(LEANS_PM_AT - 1e-9), 8, r),
            Outcome::NoClearLean
        );
    }

    #[test]
    fn threshold_leans_pmo_at() {
        let r = [Some(50.0), Some(50.0)];
        assert_eq!(
            outcome(Some(LEANS_PMO_AT), 8, r),
            Outcome::Leans { side: 1 }
        );
        assert_eq!(
            outcome(Some(LEANS_PMO_AT + 1e-9), 8, r),
            Outcome::NoClearLean
        );
    }

    #[test]
    fn threshold_straddle_readiness() {
        let at = STRADDLE_READINESS;
        let below = STRADDLE_READINESS - 1e-9;
        assert_eq!(
            outcome(Some(0.5), 8, [Some(at), Some(at)]),
            Outcome::Straddles
        );
        assert_eq!(
            outcome(Some(0.5), 8, [Some(at), Some(below)]),
            Outcome::NoClearLean
        );
        assert_eq!(
            outcome(Some(0.5), 8, [Some(below), Some(at)]),
            Outcome::NoClearLean
        );
        assert_eq!(
            outcome(Some(0.5), 8, [None, Some(at)]),
            Outcome::NoClearLean
        );
    }

    #[test]
    fn a_copy_of_a_profile_is_firm() {
        let fw = builtin();
        let l = lean(&fw, &copy_of(&fw, fw.main_profiles[0]));
        assert!(l.firm(), "{:?}", l.flips);
    }

    #[test]
    fn a_close_call_names_the_competency_that_would_flip_it() {
        let fw = builtin();
        // Flat at 3 (position 0.43, in the no-lean band) with GV3 (PM 1, PMO 5) lowered: each
        // level off GV3 moves the position towards PM by 6/Σd², so it sits just inside the
        // band, and one more level down on GV3 tips it to "Leans Project Manager".
        let gv3 = fw.competency_index(&"GV3".into()).unwrap();
        let mut sheet = flat(&fw, 3);
        let mut level = 3u8;
        loop {
            sheet.set(gv3, Level::new(level));
            let l = lean(&fw, &sheet);
            if matches!(l.outcome, Outcome::Leans { .. }) || level == 0 {
                break;
            }
            level -= 1;
        }
        // One above where it flipped: a close call naming GV3.
        sheet.set(gv3, Level::new(level + 1));
        let l = lean(&fw, &sheet);
        assert!(!matches!(l.outcome, Outcome::Leans { .. }), "{l:?}");
        assert!(!l.firm());
        assert!(
            l.flips
                .iter()
                .any(|f| f.competency == gv3 && f.to.value() == level),
            "{:?}",
            l.flips
        );
    }

    #[test]
    fn different_people_get_different_reasons() {
        let fw = builtin();
        let planner = by_area(
            &fw,
            &[
                Some(5),
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
            ],
        );
        let coach = by_area(
            &fw,
            &[
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(5),
                Some(2),
            ],
        );
        let ids = |s: &RatingSheet| -> Vec<usize> {
            lean(&fw, s).reasons.iter().map(|r| r.competency).collect()
        };
        let (a, b) = (ids(&planner), ids(&coach));
        assert_eq!(a.len(), REASONS);
        assert_eq!(b.len(), REASONS);
        assert!(a.iter().all(|c| fw.competencies[*c].area == 0), "{a:?}");
        assert!(b.iter().all(|c| fw.competencies[*c].area == 5), "{b:?}");
        // Largest |contribution| first, and with the sign of the way it pulls.
        let l = lean(&fw, &planner);
        assert!(
            l.reasons
                .windows(2)
                .all(|w| { w[0].contribution.abs() >= w[1].contribution.abs() })
        );
        assert!(l.reasons.iter().all(|r| r.contribution > 0.0));
        assert!(
            lean(&fw, &coach)
                .reasons
                .iter()
                .all(|r| r.contribution < 0.0)
        );
    }

    #[test]
    fn closest_flavour_follows_the_shape() {
        let fw = builtin();
        for (p, profile) in fw.profiles.iter().enumerate() {
            if profile.base.is_some() {
                assert_eq!(
                    lean(&fw, &copy_of(&fw, p)).flavour,
                    Some(p),
                    "{}",
                    profile.id
                );
            }
        }
    }

    #[test]
    fn coverage_and_provisional() {
        let fw = builtin();
        let pm = fw.profile_index("pm").unwrap();
        let required_pm = (0..fw.competencies.len())
            .filter(|&c| required(&fw, pm, c))
            .count();
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        let none = readiness(&fw, &sheet, pm);
        assert_eq!(
            (none.percent, none.rated, none.required),
            (None, 0, required_pm)
        );
        // One competency at target shows 100%, but on 1 of n it is provisional.
        let dp1 = fw.competency_index(&"DP1".into()).unwrap();
        sheet.set(dp1, Level::new(4));
        let one = readiness(&fw, &sheet, pm);
        assert_eq!((one.percent, one.rated), (Some(100.0), 1));
        assert!(one.provisional());
        // Half coverage is no longer provisional.
        let half = required_pm.div_ceil(2);
        let mut rated = 0;
        for c in 0..fw.competencies.len() {
            if required(&fw, pm, c) && rated < half {
                sheet.set(c, Level::new(1));
                rated += 1;
            }
        }
        let r = readiness(&fw, &sheet, pm);
        assert_eq!(r.rated, half);
        assert!(!r.provisional());
        // A complete figure ranks above a provisional one, however high.
        assert!(r.rank_key() > one.rank_key());
    }

    #[test]
    fn not_required_competencies_do_not_count() {
        let fw = builtin();
        let pm = fw.profile_index("pm").unwrap();
        // The PM role weights capability development and framework design None.
        let sheet = by_area(&fw, &[None, None, None, None, None, Some(0), Some(0)]);
        let r = readiness(&fw, &sheet, pm);
        assert_eq!((r.percent, r.rated), (None, 0));
    }

    #[test]
    fn over_target_ratings_do_not_raise_readiness() {
        let fw = builtin();
        let pm = fw.profile_index("pm").unwrap();
        let dp1 = fw.competency_index(&"DP1".into()).unwrap();
        let dp5 = fw.competency_index(&"DP5".into()).unwrap(); // PM target 2
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        sheet.set(dp1, Level::new(2));
        sheet.set(dp5, Level::new(2));
        let at_target = readiness(&fw, &sheet, pm).percent.unwrap();
        sheet.set(dp5, Level::new(5));
        assert_eq!(readiness(&fw, &sheet, pm).percent.unwrap(), at_target);
        assert!((at_target - 100.0 * 4.0 / 6.0).abs() < 1e-9);
    }

    #[test]
    fn area_levels_average_rated_competencies_only() {
        let fw = builtin();
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        let empty = area_levels(&fw, &sheet, 0);
        assert_eq!(empty.level, None);
        assert!((empty.targets[0] - 3.6).abs() < 1e-9);
        assert!((empty.targets[1] - 2.4).abs() < 1e-9);
        sheet.set(0, Level::new(5));
        sheet.set(1, Level::new(2));
        let two = area_levels(&fw, &sheet, 0);
        assert_eq!(two.level, Some(3.5));
        assert_eq!(two.targets, [4.0, 2.0]);
        assert_eq!(two.rated, 2);
    }

    #[test]
    fn bands_and_gaps() {
        let l = |v| Level::new(v).unwrap();
        assert_eq!(Band::of(l(1), l(4)), Band::Gap);
        assert_eq!(Band::of(l(3), l(4)), Band::TopUp);
        assert_eq!(Band::of(l(4), l(4)), Band::Meets);
        assert_eq!(Band::of(l(5), l(4)), Band::Strength);
        assert_eq!(gap(l(5), l(4)), 0);
        assert_eq!(gap(l(1), l(4)), 3);
        assert_eq!(delta(l(1), l(4)), -3);
    }

    #[test]
    fn gaps_sort_largest_first_and_strengths_last() {
        let fw = builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        let sheet = by_area(&fw, &[Some(5), None, None, None, None, Some(1), None]);
        let rows = gaps(&fw, &sheet, pmo);
        assert_eq!(rows.len(), 5 + 4);
        assert!(rows.windows(2).all(|w| w[0].gap >= w[1].gap));
        assert_eq!(rows[0].band, Band::Gap);
        assert_eq!(rows.last().unwrap().band, Band::Strength);
    }
}
