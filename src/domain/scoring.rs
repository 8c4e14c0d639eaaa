//! Scoring: fit to each profile, gaps, bands and the verdict (PRODUCT.md §7).
//!
//! Everything here is a pure function of the framework and a [`RatingSheet`], so the Results
//! screen and every export compute the same numbers.
//!
//! At about 500 lines, two fifths of it are the worked examples that pin the scoring rules.

use std::ops::Range;

use super::assessment::Assessment;
use super::framework::Framework;
use super::level::{Level, Rating};

/// Points within which the two main profiles count as "straddles both".
pub const STRADDLE_POINTS: f64 = 5.0;

/// Fewer rated competencies than this and the result is called provisional.
pub const PROVISIONAL_BELOW: usize = 5;

/// How many "most telling" competencies the verdict names, on screen and in every export.
pub const REASONS: usize = 3;

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

/// Fit to one profile.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Fit {
    /// 0–100, or None when nothing rated counts towards this profile.
    pub percent: Option<f64>,
    /// How many rated competencies (weight > 0) the figure rests on.
    pub based_on: usize,
}

/// fit = 100 · Σ w·min(s, t) / Σ w·t over rated competencies in `range` with w > 0.
pub fn fit_in(
    framework: &Framework,
    sheet: &RatingSheet,
    profile: usize,
    range: Range<usize>,
) -> Fit {
    let mut met = 0u64;
    let mut wanted = 0u64;
    let mut based_on = 0;
    for c in range {
        let Some(level) = sheet.level(c) else {
            continue;
        };
        let weight = u64::from(framework.weight(profile, c));
        if weight == 0 {
            continue;
        }
        let target = u64::from(framework.target(profile, c).value());
        met += weight * u64::from(level.value()).min(target);
        wanted += weight * target;
        based_on += 1;
    }
    let percent = (wanted > 0).then(|| 100.0 * met as f64 / wanted as f64);
    Fit { percent, based_on }
}

/// Fit to a profile over the whole framework.
pub fn fit(framework: &Framework, sheet: &RatingSheet, profile: usize) -> Fit {
    fit_in(framework, sheet, profile, 0..framework.competencies.len())
}

/// Fit to a profile within one area.
pub fn area_fit(framework: &Framework, sheet: &RatingSheet, profile: usize, area: usize) -> Fit {
    fit_in(
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

/// The overall answer.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Nothing rated counts yet.
    NoRatings,
    /// The main profile of this role (0 or 1) fits clearly better.
    Leans { role: usize, fits: [f64; 2] },
    /// The two main profiles are within [`STRADDLE_POINTS`].
    Straddles { fits: [f64; 2] },
}

/// The verdict between the two main profiles.
pub fn verdict(framework: &Framework, sheet: &RatingSheet) -> Verdict {
    let [a, b] = framework
        .main_profiles
        .map(|p| fit(framework, sheet, p).percent);
    match (a, b) {
        (Some(a), Some(b)) => {
            let fits = [a, b];
            if (a - b).abs() < STRADDLE_POINTS {
                Verdict::Straddles { fits }
            } else {
                Verdict::Leans {
                    role: usize::from(b > a),
                    fits,
                }
            }
        }
        _ => Verdict::NoRatings,
    }
}

/// Where the person sits between the two main profiles: 0.0 is all the first role, 1.0 all the
/// second, 0.5 the middle; it moves linearly with the difference in fit, so the "straddles
/// both" band is the same width wherever the fits are. None when there is no verdict.
pub fn spectrum(verdict: &Verdict) -> Option<f64> {
    match verdict {
        Verdict::NoRatings => None,
        Verdict::Leans { fits, .. } | Verdict::Straddles { fits } => {
            Some((0.5 + (fits[1] - fits[0]) / 200.0).clamp(0.0, 1.0))
        }
    }
}

/// The rated competencies that most separate the two main profiles for this person: largest
/// difference between the two targets first, then by id order. At most `limit`.
pub fn discriminating(framework: &Framework, sheet: &RatingSheet, limit: usize) -> Vec<usize> {
    let [a, b] = framework.main_profiles;
    let mut rated: Vec<(u8, usize)> = (0..framework.competencies.len())
        .filter(|&c| sheet.level(c).is_some())
        .map(|c| {
            let ta = framework.target(a, c).value();
            let tb = framework.target(b, c).value();
            (ta.abs_diff(tb), c)
        })
        .filter(|(d, _)| *d >= 2)
        .collect();
    rated.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    rated.into_iter().take(limit).map(|(_, c)| c).collect()
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

/// Every rated competency against `profile`'s targets, largest gap first and the strength
/// furthest above target last; ties in framework order.
pub fn gaps(framework: &Framework, sheet: &RatingSheet, profile: usize) -> Vec<GapRow> {
    let mut rows: Vec<GapRow> = (0..framework.competencies.len())
        .filter_map(|c| {
            let level = sheet.level(c)?;
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
        range.collect()
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
    let targets = framework
        .main_profiles
        .map(|p| average(&mut basis.iter().map(|&c| framework.target(p, c).value())));
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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

    fn percent(framework: &Framework, sheet: &RatingSheet, id: &str) -> f64 {
        let p = framework.profile_index(id).unwrap();
        fit(framework, sheet, p).percent.unwrap()
    }

    #[test]
    fn worked_example_pm_leaning_ratings() {
        // 4 on delivery planning and risk, 3 on stakeholders, governance and reporting,
        // 1 on capability development and framework design.
        let fw = builtin();
        let sheet = by_area(
            &fw,
            &[
                Some(4),
                Some(4),
                Some(3),
                Some(3),
                Some(3),
                Some(1),
                Some(1),
            ],
        );
        // PM: 186 / 191 weighted points; PMO: 224 / 348.
        assert!((percent(&fw, &sheet, "pm") - 100.0 * 186.0 / 191.0).abs() < 1e-9);
        assert!((percent(&fw, &sheet, "pmo") - 100.0 * 224.0 / 348.0).abs() < 1e-9);
        match verdict(&fw, &sheet) {
            Verdict::Leans { role, .. } => assert_eq!(role, 0),
            other => panic!("expected a PM lean, got {other:?}"),
        }
    }

    #[test]
    fn worked_example_pmo_leaning_ratings() {
        let fw = builtin();
        let sheet = by_area(
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
        // PM: 143 / 191 (about 75%); PMO: 332 / 348 (about 95%).
        assert!((percent(&fw, &sheet, "pm") - 100.0 * 143.0 / 191.0).abs() < 1e-9);
        assert!((percent(&fw, &sheet, "pmo") - 100.0 * 332.0 / 348.0).abs() < 1e-9);
        assert!(matches!(
            verdict(&fw, &sheet),
            Verdict::Leans { role: 1, .. }
        ));
    }

    #[test]
    fn close_fits_straddle_both() {
        let fw = builtin();
        // 3 everywhere, 4 on capability development and framework design: PM 162/191
        // (84.8%) and PMO 295/348 (84.8%).
        let sheet = by_area(
            &fw,
            &[
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                Some(4),
                Some(4),
            ],
        );
        let pm = percent(&fw, &sheet, "pm");
        let pmo = percent(&fw, &sheet, "pmo");
        assert!((pm - pmo).abs() < STRADDLE_POINTS, "pm {pm} pmo {pmo}");
        assert!(matches!(verdict(&fw, &sheet), Verdict::Straddles { .. }));
        let s = spectrum(&verdict(&fw, &sheet)).unwrap();
        assert!((0.4..=0.6).contains(&s));
    }

    #[test]
    fn unrated_and_na_are_left_out() {
        let fw = builtin();
        let pm = fw.profile_index("pm").unwrap();
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        assert_eq!(fit(&fw, &sheet, pm).percent, None);
        assert_eq!(verdict(&fw, &sheet), Verdict::NoRatings);
        assert_eq!(spectrum(&Verdict::NoRatings), None);
        // One competency at target: 100%, resting on one rating.
        let dp1 = fw.competency_index(&"DP1".into()).unwrap();
        sheet.set(dp1, Level::new(4));
        let f = fit(&fw, &sheet, pm);
        assert_eq!(f.percent, Some(100.0));
        assert_eq!(f.based_on, 1);
    }

    #[test]
    fn over_target_ratings_do_not_raise_fit() {
        let fw = builtin();
        let pm = fw.profile_index("pm").unwrap();
        let dp1 = fw.competency_index(&"DP1".into()).unwrap();
        let dp5 = fw.competency_index(&"DP5".into()).unwrap(); // PM target 2
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        sheet.set(dp1, Level::new(2)); // 2 of 4
        sheet.set(dp5, Level::new(2)); // 2 of 2
        let at_target = fit(&fw, &sheet, pm).percent.unwrap();
        sheet.set(dp5, Level::new(5)); // 3 above target
        assert_eq!(fit(&fw, &sheet, pm).percent.unwrap(), at_target);
        assert!((at_target - 100.0 * (2.0 + 2.0) / (4.0 + 2.0)).abs() < 1e-9);
    }

    #[test]
    fn zero_weight_areas_never_count_against_pm() {
        let fw = builtin();
        let pm = fw.profile_index("pm").unwrap();
        let sheet = by_area(&fw, &[None, None, None, None, None, Some(0), Some(0)]);
        let f = fit(&fw, &sheet, pm);
        assert_eq!(f.percent, None);
        assert_eq!(f.based_on, 0);
    }

    #[test]
    fn area_levels_average_rated_competencies_only() {
        let fw = builtin();
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        let empty = area_levels(&fw, &sheet, 0);
        assert_eq!(empty.level, None);
        // Delivery Planning targets: PM 4,4,4,4,2 (avg 3.6); PMO 2,2,3,2,3 (avg 2.4).
        assert!((empty.targets[0] - 3.6).abs() < 1e-9);
        assert!((empty.targets[1] - 2.4).abs() < 1e-9);
        sheet.set(0, Level::new(5)); // DP1: PM 4, PMO 2
        sheet.set(1, Level::new(2)); // DP2: PM 4, PMO 2
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
        // The strength most above target comes last: DP1 (target 2, level 5).
        let last = &fw.competencies[rows.last().unwrap().competency];
        assert!(["DP1", "DP2", "DP4"].contains(&last.id.as_str()));
    }

    #[test]
    fn discriminating_competencies_are_the_widest_target_differences() {
        let fw = builtin();
        let sheet = by_area(&fw, &[Some(3); 7]);
        let top = discriminating(&fw, &sheet, 3);
        let [a, b] = fw.main_profiles;
        let diff = |c: usize| fw.target(a, c).value().abs_diff(fw.target(b, c).value());
        let ids: Vec<&str> = top
            .iter()
            .map(|&c| fw.competencies[c].id.as_str())
            .collect();
        // GV3 and RP3 differ by 4 (1 vs 5), the widest in the built-in framework.
        assert_eq!(&ids[..2], ["GV3", "RP3"]);
        assert_eq!(diff(top[2]), 3);
    }
}
