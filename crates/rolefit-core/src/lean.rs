//! One file because the position, its firmness, the reasons and the flavour are one computation over the same centred ratings (`Fit`), derived once in this doc; the tests are in lean/tests.rs.
//!
//! The lean: which axis profile's *shape* the user's relative strengths follow (README: How rolefit decides),
//! how sure that is, the competencies that moved it, and the closest flavour.
//!
//! **Position.** Over the rated competencies R that both axis main profiles require, with the
//! user's levels centred (u = s − mean s) and the two main profiles' targets centred (a', b'),
//! the raw projection is q = Σ (u − b')·d / Σ d², d = a' − b': 1 at the first profile's shape,
//! 0 at the second's. Because Σ d = 0 over R the mean level cancels, so q = f + U with
//! U = Σ u·d / Σ d² (the user's own part) and f = −Σ b'·d / Σ d² (where a flat profile lands,
//! which depends only on which competencies are in R). The position is measured from that
//! flat point: p = 0.5·q/f below it, 0.5 + 0.5·(q − f)/(1 − f) above it, clamped to 0…1. A flat
//! profile sits at exactly 0.5 whatever is N/A, a copy of the first profile's targets at 1, a
//! copy of the second's at 0, and p rises with q. Where f is not strictly between 0 and 1 the
//! rated set cannot tell the shapes apart.
//!
//! **Firmness** is judged in retake-noise units: a retake of the same person moves each rating
//! by −1, 0 or +1 (where the scale allows), which moves U by a known amount per competency, so
//! the centre and the standard deviation of p (and of each readiness figure) under a retake are
//! computed exactly. The verdict is firm when a retake keeps its outcome with probability at
//! least [`FIRM_KEEP`] (normal approximation), and at least half of the competencies that tell
//! the roles apart are rated.

use super::framework::Framework;
use super::level::Level;
use super::scoring::{RatingSheet, required};

/// Fewer rated competencies that tell the roles apart than this (on a framework with at least
/// this many) and the verdict is "too early to tell": a handful cannot show a shape.
pub const MIN_TELLING: usize = 8;

/// A competency tells the roles apart when its two centred targets differ by at least this,
/// over the whole framework (|a' − b'|).
pub const TELLING_AT: f64 = 0.25;

/// Position at or above which the verdict leans to the first axis profile (Project Manager).
pub const LEANS_PM_AT: f64 = 0.65;

/// Position at or below which the verdict leans to the second axis profile (PMO Manager).
pub const LEANS_PMO_AT: f64 = 0.35;

/// Readiness (percent) both main profiles must reach for a no-lean position to read as
/// "straddles both" rather than "no clear lean yet".
pub const STRADDLE_READINESS: f64 = 75.0;

/// A verdict is firm when a retake keeps its outcome with at least this probability, worked
/// out from the retake noise of the position and of both readiness figures (normal
/// approximation). Tuned by the retake test (`tests/verdicts.rs`): with ratings moving in whole
/// levels the approximation is a little generous, so it asks 97% for a firm verdict to keep
/// its outcome in at least 95% of simulated retakes.
pub const FIRM_KEEP: f64 = 0.985;

/// A closest flavour is named only when its correlation with the user's levels reaches this…
pub const FLAVOUR_FITS_AT: f64 = 0.3;

/// …and is ahead of the runner-up by at least this.
pub const FLAVOUR_AHEAD_BY: f64 = 0.05;

/// How many competencies the verdict names as its reasons.
pub const REASONS: usize = 3;

/// How many single one-level changes that would flip a close call are named.
pub const FLIPS: usize = 3;

/// A rating this close to the user's own average is not a reason: it carries no shape.
pub const AT_AVERAGE: f64 = 0.5;

/// A strength (above the user's average) is preferred as a reason over a weakness whose pull
/// is up to this many times larger.
pub const STRENGTH_PREFERENCE: f64 = 1.25;

/// Contributions and sums smaller than this are rounding noise, not a shape.
const EPSILON: f64 = 1e-9;

/// The verdict's outcomes, in the order they are decided.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Fewer rated competencies that tell the roles apart than needed.
    TooEarly,
    /// The competencies rated cannot separate the two shapes.
    Unseparated,
    /// The framework has no axis: no lean, the answer is the ranking of readiness.
    NoAxis,
    /// The shape follows axis side `side` (0: position ≥ [`LEANS_PM_AT`], 1: ≤
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
            Outcome::Unseparated => "unseparated",
            Outcome::NoAxis => "no-axis",
            Outcome::Leans { .. } => "leans",
            Outcome::Straddles => "straddles",
            Outcome::NoClearLean => "no-clear-lean",
        }
    }

    /// Whether the outcome carries a position, reasons, a flavour and a firmness.
    pub fn has_shape(self) -> bool {
        matches!(
            self,
            Outcome::Leans { .. } | Outcome::Straddles | Outcome::NoClearLean
        )
    }
}

/// The outcome for a position, given that enough telling competencies are rated, and the two
/// main readiness figures. One function, so the verdict and its close calls agree.
pub fn outcome(position: f64, readiness: [Option<f64>; 2]) -> Outcome {
    if position >= LEANS_PM_AT {
        Outcome::Leans { side: 0 }
    } else if position <= LEANS_PMO_AT {
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

/// Which competencies tell the two roles apart on this framework, and how many must be rated
/// before the verdict says more than "too early".
#[derive(Clone, Debug, PartialEq)]
pub struct Telling {
    /// By competency: its centred targets differ by at least [`TELLING_AT`].
    pub marks: Vec<bool>,
    /// How many do.
    pub total: usize,
    /// How many must be rated: [`MIN_TELLING`], or on a framework with fewer than that many,
    /// half of them but at least 3 (all of them when there are fewer than 3).
    pub needed: usize,
}

impl Telling {
    /// For `framework`'s axis; nothing tells on a framework without one.
    pub fn of(framework: &Framework) -> Telling {
        let n = framework.competencies.len();
        let [pa, pb] = framework.main_profiles;
        let both: Vec<usize> = if framework.axis {
            (0..n)
                .filter(|&c| framework.requires(pa, c) && framework.requires(pb, c))
                .collect()
        } else {
            Vec::new()
        };
        let mut marks = vec![false; n];
        if !both.is_empty() {
            let t = |p: usize, c: usize| f64::from(framework.target(p, c).value());
            let count = both.len() as f64;
            let mean_a = both.iter().map(|&c| t(pa, c)).sum::<f64>() / count;
            let mean_b = both.iter().map(|&c| t(pb, c)).sum::<f64>() / count;
            for &c in &both {
                let d = (t(pa, c) - mean_a) - (t(pb, c) - mean_b);
                marks[c] = d.abs() >= TELLING_AT;
            }
        }
        let total = marks.iter().filter(|&&m| m).count();
        let needed = needed_to_tell(total);
        Telling {
            marks,
            total,
            needed,
        }
    }

    /// How many of the telling competencies `sheet` rates on the scale.
    pub fn rated(&self, sheet: &RatingSheet) -> usize {
        self.marks
            .iter()
            .enumerate()
            .filter(|&(c, &m)| m && sheet.level(c).is_some())
            .count()
    }
}

/// How many rated competencies that tell the roles apart a framework with `total` of them needs
/// (README: How rolefit decides): [`MIN_TELLING`], or with fewer than that, half of them but at least 3 (all of
/// them when there are fewer than 3).
pub fn needed_to_tell(total: usize) -> usize {
    if total >= MIN_TELLING {
        MIN_TELLING
    } else {
        total.div_ceil(2).max(3).min(total)
    }
}

/// How sure a verdict with a shape is.
#[derive(Clone, Debug, PartialEq)]
pub enum Firmness {
    /// A retake would keep it (see [`FIRM_KEEP`]), and at least half of the telling
    /// competencies are rated.
    Firm,
    /// Too close to a threshold for a retake to be sure of it: the single one-level changes
    /// that would change it (at most [`FLIPS`], the largest move first) and how many more
    /// there are; `nearest` is what it is closest to becoming.
    CloseCall {
        flips: Vec<Flip>,
        more: usize,
        nearest: Outcome,
    },
    /// Fewer than half of the telling competencies are rated: `rated` of `of`.
    Provisional { rated: usize, of: usize },
}

/// A single one-level change that would change the verdict.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Flip {
    pub competency: usize,
    /// The level it would take.
    pub to: Level,
    /// Whether that is higher than the rating given.
    pub up: bool,
    /// The verdict it would give.
    pub becomes: Outcome,
}

/// One competency that moved this user's position.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Reason {
    pub competency: usize,
    pub level: Level,
    /// The two main profiles' targets, in axis order.
    pub targets: [Level; 2],
    /// How far it moved the position: positive towards the first axis profile.
    pub contribution: f64,
    /// Whether the rating is above the user's average (a strength) or below it.
    pub above_average: bool,
}

/// The closest flavour of the second axis role, by the correlation of its targets with the
/// user's levels.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Flavour {
    /// It fits: correlation `r`, at least [`FLAVOUR_FITS_AT`] and ahead of the runner-up.
    Fits { profile: usize, r: f64 },
    /// None fits well enough (or two are too close to call).
    NoneFits,
}

/// The answer to "which role's shape do my strengths follow?", with its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Lean {
    /// 0…1: 1 the first axis profile's shape, 0 the second's, 0.5 flat; None when the outcome
    /// has no shape (too early, unseparated, no axis).
    pub position: Option<f64>,
    pub outcome: Outcome,
    /// Telling competencies rated, needed before the verdict shows, and on the framework.
    pub telling_rated: usize,
    pub telling_needed: usize,
    pub telling_total: usize,
    /// None when the outcome has no shape.
    pub firmness: Option<Firmness>,
    /// The competencies that moved the position most towards the side named (for no lean,
    /// the strongest pull each way); empty for a flat profile and without a shape.
    pub reasons: Vec<Reason>,
    /// None when the outcome has no shape or the framework has no flavours.
    pub flavour: Option<Flavour>,
    /// The mean rated level is in the bottom third of the scale: the verdict compares two
    /// senior roles' shapes, and the closest flavour may say more.
    pub junior: bool,
    /// The standard deviation of the position under a retake; None without a shape.
    pub noise: Option<f64>,
    /// The user's average level over the competencies the lean uses; None without a shape.
    pub average: Option<f64>,
    /// Each axis profile's average target over the same competencies; None without a shape.
    pub target_means: Option<[f64; 2]>,
}

impl Lean {
    /// The verdict is firm (see [`Firmness::Firm`]).
    pub fn firm(&self) -> bool {
        self.firmness == Some(Firmness::Firm)
    }

    /// How many more telling competencies must be rated before the verdict shows.
    pub fn telling_missing(&self) -> usize {
        self.telling_needed.saturating_sub(self.telling_rated)
    }

    fn shapeless(outcome: Outcome, telling: &Telling, telling_rated: usize) -> Lean {
        Lean {
            position: None,
            outcome,
            telling_rated,
            telling_needed: telling.needed,
            telling_total: telling.total,
            firmness: None,
            reasons: Vec::new(),
            flavour: None,
            junior: false,
            noise: None,
            average: None,
            target_means: None,
        }
    }
}

/// One main profile's readiness over the rated set, kept as sums so a one-level change is
/// re-evaluated in O(1), with its retake noise.
struct Bar {
    met: i64,
    wanted: i64,
    /// Σ w·E(Δ min(s, t)) over a retake: where a retake's figure is centred.
    shift: f64,
    /// Σ w²·var(Δ min(s, t)) over a retake.
    variance: f64,
}

impl Bar {
    fn percent(&self, delta: i64) -> Option<f64> {
        (self.wanted > 0).then(|| 100.0 * (self.met + delta) as f64 / self.wanted as f64)
    }

    /// The percent a retake is centred on.
    fn retaken(&self) -> f64 {
        if self.wanted > 0 {
            100.0 * (self.met as f64 + self.shift) / self.wanted as f64
        } else {
            0.0
        }
    }

    /// The standard deviation of the percent under a retake.
    fn noise(&self) -> f64 {
        if self.wanted > 0 {
            100.0 * self.variance.sqrt() / self.wanted as f64
        } else {
            0.0
        }
    }
}

/// What a retake of rating `level` of competency `c` can give, each as likely: one valid level
/// lower, the same, one valid level higher — where the scale ends, the same level in its place
/// (a rating at the top stays or goes down).
fn retake(framework: &Framework, c: usize, level: Level) -> [Level; 3] {
    [
        framework.step(c, level, false).unwrap_or(level),
        level,
        framework.step(c, level, true).unwrap_or(level),
    ]
}

/// Mean and variance of `f` over the equally likely `values`.
fn moments(values: &[Level], f: impl Fn(Level) -> f64) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().map(|&v| f(v)).sum::<f64>() / n;
    let variance = values.iter().map(|&v| (f(v) - mean).powi(2)).sum::<f64>() / n;
    (mean, variance)
}

/// The position for the raw projection `q`, measured from the flat point `f` (0 < f < 1).
fn position_of(q: f64, f: f64) -> f64 {
    let p = if q <= f {
        0.5 * q / f
    } else {
        0.5 + 0.5 * (q - f) / (1.0 - f)
    };
    p.clamp(0.0, 1.0)
}

/// The lean, its outcome, firmness, reasons and closest flavour, in O(n · profiles).
pub fn lean(framework: &Framework, sheet: &RatingSheet) -> Lean {
    lean_with(framework, sheet, &Telling::of(framework))
}

/// [`lean`] with the framework's [`Telling`] already worked out.
pub fn lean_with(framework: &Framework, sheet: &RatingSheet, telling: &Telling) -> Lean {
    let [pa, pb] = framework.main_profiles;
    let telling_rated = telling.rated(sheet);
    if !framework.axis {
        return Lean::shapeless(Outcome::NoAxis, telling, telling_rated);
    }
    if telling_rated < telling.needed || telling.total == 0 {
        return Lean::shapeless(Outcome::TooEarly, telling, telling_rated);
    }
    // The lean uses only competencies both axis profiles require (all, in format 1).
    let rated: Vec<(usize, Level)> = (0..framework.competencies.len())
        .filter(|&c| framework.requires(pa, c) && framework.requires(pb, c))
        .filter_map(|c| sheet.level(c).map(|l| (c, l)))
        .collect();
    let n = rated.len() as f64;
    let value = |l: Level| f64::from(l.value());
    let t = |p: usize, c: usize| f64::from(framework.target(p, c).value());
    let mean_s = rated.iter().map(|&(_, l)| value(l)).sum::<f64>() / n;
    let mean_a = rated.iter().map(|&(c, _)| t(pa, c)).sum::<f64>() / n;
    let mean_b = rated.iter().map(|&(c, _)| t(pb, c)).sum::<f64>() / n;
    // d = a' − b' and b' per rated competency.
    let shape: Vec<(f64, f64)> = rated
        .iter()
        .map(|&(c, _)| {
            let (a, b) = (t(pa, c) - mean_a, t(pb, c) - mean_b);
            (a - b, b)
        })
        .collect();
    let den: f64 = shape.iter().map(|(d, _)| d * d).sum();
    let f = if den > EPSILON {
        -shape.iter().map(|(d, b)| b * d).sum::<f64>() / den
    } else {
        f64::NAN
    };
    if !(f > EPSILON && f < 1.0 - EPSILON) {
        return Lean::shapeless(Outcome::Unseparated, telling, telling_rated);
    }
    let user: f64 = rated
        .iter()
        .zip(&shape)
        .map(|(&(_, l), (d, _))| (value(l) - mean_s) * d)
        .sum::<f64>()
        / den;
    let fit = Fit {
        framework,
        rated: &rated,
        shape: &shape,
        den,
        f,
        user,
        profiles: [pa, pb],
    };
    let p = position_of(f + user, f);
    let bars = fit.bars();
    let readiness = bars.each_ref().map(|b| b.percent(0));
    let outcome = outcome(p, readiness);
    let (retaken, slope, noise) = fit.retake();
    let flips = fit.flips(p, &bars, outcome);

    let firmness = firmness(
        retaken,
        noise,
        outcome,
        &bars,
        (telling_rated, telling.total),
        flips,
    );
    let reasons = reasons(framework, &rated, &shape, den, mean_s, slope, outcome);
    let flavour = flavour(framework, &rated, mean_s);
    let (first, last) = (
        value(framework.scale.first()),
        value(framework.scale.last()),
    );
    // Junior: the mean of every level rated on the scale, not only those the lean uses.
    let all_rated: Vec<f64> = (0..framework.competencies.len())
        .filter_map(|c| sheet.level(c).map(value))
        .collect();
    let average = all_rated.iter().sum::<f64>() / all_rated.len().max(1) as f64;
    Lean {
        position: Some(p),
        outcome,
        telling_rated,
        telling_needed: telling.needed,
        telling_total: telling.total,
        firmness: Some(firmness),
        reasons,
        flavour,
        junior: average < first + (last - first) / 3.0,
        noise: Some(noise),
        average: Some(mean_s),
        target_means: Some([mean_a, mean_b]),
    }
}

/// The rated competencies the lean uses, fitted against the two axis profiles: the shape of
/// each (d = a' − b', b'), the fit's denominator, the framework's flat point `f` and the
/// user's offset along the axis.
struct Fit<'a> {
    framework: &'a Framework,
    rated: &'a [(usize, Level)],
    shape: &'a [(f64, f64)],
    den: f64,
    f: f64,
    user: f64,
    profiles: [usize; 2],
}

impl Fit<'_> {
    /// Each axis profile's readiness bar, with how a retake would move it.
    fn bars(&self) -> [Bar; 2] {
        let framework = self.framework;
        self.profiles.map(|profile| {
            let mut bar = Bar {
                met: 0,
                wanted: 0,
                shift: 0.0,
                variance: 0.0,
            };
            for &(c, level) in self.rated {
                if required(framework, profile, c) {
                    let w = i64::from(framework.weight(profile, c));
                    let target = framework.target(profile, c).value();
                    bar.met += w * i64::from(level.value().min(target));
                    bar.wanted += w * i64::from(target);
                    let met = |l: Level| f64::from(l.value().min(target));
                    let (mean, variance) = moments(&retake(framework, c, level), met);
                    bar.shift += w as f64 * (mean - met(level));
                    bar.variance += (w * w) as f64 * variance;
                }
            }
            bar
        })
    }

    /// A retake: each rating one level down, the same or one up (clamped at the scale's ends),
    /// which moves U by Σ d·Δs / den: where it is centred (the ends pull it) and how far it
    /// spreads, scaled by the slope of the position on that side. Gives the retaken position,
    /// that slope and the noise (one standard deviation of the position).
    fn retake(&self) -> (f64, f64, f64) {
        let value = |l: Level| f64::from(l.value());
        let (shift, var_user) = self.rated.iter().zip(self.shape).fold(
            (0.0, 0.0),
            |(shift, var), (&(c, l), (d, _))| {
                let (mean, variance) = moments(&retake(self.framework, c, l), value);
                (shift + d * (mean - value(l)), var + d * d * variance)
            },
        );
        let (shift, var_user) = (shift / self.den, var_user / (self.den * self.den));
        let retaken = position_of(self.f + self.user + shift, self.f);
        let slope = if retaken >= 0.5 {
            0.5 / (1.0 - self.f)
        } else {
            0.5 / self.f
        };
        (retaken, slope, slope * var_user.sqrt())
    }

    /// Single one-level changes that would change the outcome, each re-evaluated in O(1), the
    /// farthest move first.
    fn flips(&self, p: f64, bars: &[Bar; 2], outcome: Outcome) -> Vec<(f64, Flip)> {
        let framework = self.framework;
        let value = |l: Level| f64::from(l.value());
        let mut flips: Vec<(f64, Flip)> = Vec::new();
        for (&(c, level), (d, _)) in self.rated.iter().zip(self.shape) {
            for up in [false, true] {
                let Some(to) = framework.step(c, level, up) else {
                    continue;
                };
                let moved = position_of(
                    self.f + self.user + (value(to) - value(level)) * d / self.den,
                    self.f,
                );
                let readiness = [0, 1].map(|side| {
                    let profile = self.profiles[side];
                    if !required(framework, profile, c) {
                        return bars[side].percent(0);
                    }
                    let w = i64::from(framework.weight(profile, c));
                    let target = framework.target(profile, c).value();
                    let delta =
                        i64::from(to.value().min(target)) - i64::from(level.value().min(target));
                    bars[side].percent(w * delta)
                });
                let becomes = self::outcome(moved, readiness);
                if becomes != outcome {
                    let flip = Flip {
                        competency: c,
                        to,
                        up,
                        becomes,
                    };
                    flips.push(((moved - p).abs(), flip));
                }
            }
        }
        flips.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(x.1.competency.cmp(&y.1.competency))
        });
        flips
    }
}

/// The standard normal distribution function Φ (Abramowitz and Stegun 7.1.26, error below
/// 1.5e-7).
fn phi(x: f64) -> f64 {
    if x.is_infinite() {
        return if x > 0.0 { 1.0 } else { 0.0 };
    }
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// The probability that a figure centred on `mean` with standard deviation `sd` lands at or
/// above `threshold`.
fn above(mean: f64, sd: f64, threshold: f64) -> f64 {
    if sd <= EPSILON {
        return if mean >= threshold { 1.0 } else { 0.0 };
    }
    phi((mean - threshold) / sd)
}

/// Firm, a close call, or provisional (see [`Firmness`]): the probability that a retake keeps
/// the outcome, from where the retake is centred and how far it spreads.
fn firmness(
    retaken: f64,
    noise: f64,
    outcome: Outcome,
    bars: &[Bar; 2],
    (rated, of): (usize, usize),
    flips: Vec<(f64, Flip)>,
) -> Firmness {
    if rated * 2 < of {
        return Firmness::Provisional { rated, of };
    }
    let pm = above(retaken, noise, LEANS_PM_AT);
    let pmo = 1.0 - above(retaken, noise, LEANS_PMO_AT + EPSILON);
    let band = 1.0 - pm - pmo;
    let ready = |side: usize| above(bars[side].retaken(), bars[side].noise(), STRADDLE_READINESS);
    let both_ready = ready(0) * ready(1);
    let (keep, nearest) = match outcome {
        Outcome::Leans { .. } => {
            let keep = if outcome == (Outcome::Leans { side: 0 }) {
                pm
            } else {
                pmo
            };
            (keep, Outcome::NoClearLean)
        }
        _ => {
            let other = if outcome == Outcome::Straddles {
                Outcome::NoClearLean
            } else {
                Outcome::Straddles
            };
            let ready_kept = if outcome == Outcome::Straddles {
                both_ready
            } else {
                1.0 - both_ready
            };
            // Nearest: a lean if leaving the band is likelier than the readiness changing.
            let nearest = if 1.0 - band > 1.0 - ready_kept {
                Outcome::Leans {
                    side: usize::from(pmo > pm),
                }
            } else {
                other
            };
            (band * ready_kept, nearest)
        }
    };
    if keep >= FIRM_KEEP {
        return Firmness::Firm;
    }
    // One flip per competency (its largest move), the first FLIPS named, the other
    // competencies counted once each however many ways they could flip.
    let mut named: Vec<Flip> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut more = 0;
    for (_, flip) in flips {
        if !seen.insert(flip.competency) {
            continue;
        }
        if named.len() == FLIPS {
            more += 1;
        } else {
            named.push(flip);
        }
    }
    Firmness::CloseCall {
        flips: named,
        more,
        nearest,
    }
}

/// The competencies that moved the position most towards the side the verdict names (for no
/// lean, the strongest pull each way), strengths preferred.
fn reasons(
    framework: &Framework,
    rated: &[(usize, Level)],
    shape: &[(f64, f64)],
    den: f64,
    mean_s: f64,
    slope: f64,
    outcome: Outcome,
) -> Vec<Reason> {
    let [pa, pb] = framework.main_profiles;
    let mut all: Vec<(f64, Reason)> = rated
        .iter()
        .zip(shape)
        .filter_map(|(&(c, level), (d, _))| {
            let u = f64::from(level.value()) - mean_s;
            let contribution = u * d / den * slope;
            (u.abs() >= AT_AVERAGE && contribution.abs() > EPSILON).then(|| {
                let score = contribution.abs() * if u > 0.0 { STRENGTH_PREFERENCE } else { 1.0 };
                let reason = Reason {
                    competency: c,
                    level,
                    targets: [framework.target(pa, c), framework.target(pb, c)],
                    contribution,
                    above_average: u > 0.0,
                };
                (score, reason)
            })
        })
        .collect();
    all.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.competency.cmp(&y.1.competency))
    });
    // Towards one side: its strongest strength first (a reason that follows the role), then
    // the largest pulls, strengths preferred (see STRENGTH_PREFERENCE).
    let towards = |side: usize, count: usize| {
        let pulls: Vec<Reason> = all
            .iter()
            .filter(|(_, r)| (r.contribution > 0.0) == (side == 0))
            .map(|&(_, r)| r)
            .collect();
        let mut picked: Vec<Reason> = pulls
            .iter()
            .copied()
            .filter(|r| r.above_average)
            .take(1)
            .collect();
        for r in &pulls {
            if picked.len() >= count {
                break;
            }
            if !picked.iter().any(|p| p.competency == r.competency) {
                picked.push(*r);
            }
        }
        picked.truncate(count);
        picked
    };
    match outcome {
        Outcome::Leans { side } => towards(side, REASONS),
        Outcome::Straddles | Outcome::NoClearLean => {
            let mut both = towards(0, 1);
            both.extend(towards(1, 1));
            both
        }
        Outcome::TooEarly | Outcome::Unseparated | Outcome::NoAxis => Vec::new(),
    }
}

/// The flavour of the second axis role whose centred targets correlate best with the user's
/// centred levels, when it fits (see [`Flavour`]); None when the role has no flavours.
fn flavour(framework: &Framework, rated: &[(usize, Level)], mean_s: f64) -> Option<Flavour> {
    let role = framework.profiles[framework.main_profiles[1]].role?;
    let flavours: Vec<usize> = (0..framework.profiles.len())
        .filter(|&p| {
            framework.profiles[p].role == Some(role) && framework.profiles[p].base.is_some()
        })
        .collect();
    if flavours.is_empty() {
        return None;
    }
    let su2: f64 = rated
        .iter()
        .map(|&(_, l)| (f64::from(l.value()) - mean_s).powi(2))
        .sum();
    if su2 <= EPSILON {
        return Some(Flavour::NoneFits);
    }
    let mut scored: Vec<(f64, usize)> = flavours
        .into_iter()
        .filter_map(|p| {
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
            (st2 > EPSILON).then(|| (sut / (su2 * st2).sqrt(), p))
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    Some(match scored.as_slice() {
        [(r, p), rest @ ..]
            if *r >= FLAVOUR_FITS_AT
                && rest
                    .first()
                    .is_none_or(|(next, _)| r - next >= FLAVOUR_AHEAD_BY) =>
        {
            Flavour::Fits { profile: *p, r: *r }
        }
        _ => Flavour::NoneFits,
    })
}

#[cfg(test)]
mod tests;
