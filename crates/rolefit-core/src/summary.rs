//! The figures of one assessment against one target profile, computed once.
//!
//! The Results screen and every export show these same figures, so they are computed in one
//! place from the [`scoring`] functions. How a screen sorts or filters them is up to the
//! screen.

use super::framework::Framework;
use super::lean::Outcome;
use super::scoring::{self, AreaLevels, GapRow, Lean, RatingSheet, Readiness};

/// The profile the gaps are measured against when the user has not chosen one: the main
/// profile of the side the verdict leans to; without a lean, the main profile with the higher
/// readiness (the second on a tie); on a framework without an axis, the best-ranked profile.
pub fn default_target(framework: &Framework, lean: &Lean, readiness: &[Readiness]) -> usize {
    let [a, b] = framework.main_profiles;
    match lean.outcome {
        Outcome::Leans { side } => framework.main_profiles[side],
        Outcome::NoAxis => scoring::ranking(readiness).first().copied().unwrap_or(b),
        _ => {
            let percent = |p: usize| readiness[p].percent.unwrap_or(-1.0);
            if percent(a) > percent(b) { a } else { b }
        }
    }
}

/// Everything the Results screen and the exports show for a sheet of ratings.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Index of the profile gaps and [`Summary::area_readiness_for_target`] are measured
    /// against.
    pub target: usize,
    /// Readiness per profile, with its coverage, in framework order.
    pub readiness: Vec<Readiness>,
    /// The lean between the two main profiles: position, verdict, firmness, reasons, flavour.
    pub lean: Lean,
    /// Your level against both roles' targets, per area in framework order.
    pub areas: Vec<AreaLevels>,
    /// Readiness per area (outer, framework order) for each profile (inner, framework order).
    pub area_readiness: Vec<Vec<Readiness>>,
    /// Rated competencies against the target profile, largest gap first, strengths last.
    pub gaps: Vec<GapRow>,
    /// Competencies rated on the scale (N/A excluded).
    pub rated_on_scale: usize,
    /// Per profile: its targets met (rated at or above), and how many it has (every
    /// competency it requires), for sentences that count rather than say "most".
    pub targets_met: Vec<(usize, usize)>,
}

impl Summary {
    /// Computes every figure for `sheet`, with gaps measured against profile `target`.
    pub fn compute(framework: &Framework, sheet: &RatingSheet, target: usize) -> Summary {
        let readiness: Vec<Readiness> = (0..framework.profiles.len())
            .map(|p| scoring::readiness(framework, sheet, p))
            .collect();
        let lean = scoring::lean(framework, sheet);
        Summary::with(framework, sheet, target, readiness, lean)
    }

    /// Computes every figure for `sheet`, with gaps measured against the profile the user
    /// chose, or else the one the answer points to (see [`default_target`]).
    pub fn compute_for(
        framework: &Framework,
        sheet: &RatingSheet,
        chosen: Option<usize>,
    ) -> Summary {
        let readiness: Vec<Readiness> = (0..framework.profiles.len())
            .map(|p| scoring::readiness(framework, sheet, p))
            .collect();
        let lean = scoring::lean(framework, sheet);
        let target = chosen.unwrap_or_else(|| default_target(framework, &lean, &readiness));
        Summary::with(framework, sheet, target, readiness, lean)
    }

    fn with(
        framework: &Framework,
        sheet: &RatingSheet,
        target: usize,
        readiness: Vec<Readiness>,
        lean: Lean,
    ) -> Summary {
        let profiles = 0..framework.profiles.len();
        let areas = 0..framework.areas.len();
        let rated_on_scale = (0..framework.competencies.len())
            .filter(|&c| sheet.level(c).is_some())
            .count();
        Summary {
            target,
            targets_met: profiles
                .clone()
                .map(|p| scoring::targets_met(framework, sheet, p))
                .collect(),
            readiness,
            lean,
            areas: areas
                .clone()
                .map(|a| scoring::area_levels(framework, sheet, a))
                .collect(),
            area_readiness: areas
                .map(|a| {
                    profiles
                        .clone()
                        .map(|p| scoring::area_readiness(framework, sheet, p, a))
                        .collect()
                })
                .collect(),
            gaps: scoring::gaps(framework, sheet, target),
            rated_on_scale,
        }
    }

    /// Readiness within area `area` for the target profile.
    pub fn area_readiness_for_target(&self, area: usize) -> Readiness {
        self.area_readiness[area][self.target]
    }

    /// The gap row of competency `competency`; None when it is unrated or N/A.
    pub fn gap_row(&self, competency: usize) -> Option<&GapRow> {
        self.gaps.iter().find(|row| row.competency == competency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;
    use crate::scoring::{Band, Outcome};

    use crate::scoring::tests::by_area;

    #[test]
    fn figures_are_the_scoring_figures() {
        let fw = crate::testing::builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        let sheet = by_area(
            &fw,
            &[Some(4), Some(4), Some(3), None, Some(3), Some(1), Some(5)],
        );
        let s = Summary::compute(&fw, &sheet, pmo);
        assert_eq!(s.target, pmo);
        assert_eq!(s.readiness.len(), fw.profiles.len());
        for (p, r) in s.readiness.iter().enumerate() {
            assert_eq!(*r, scoring::readiness(&fw, &sheet, p));
        }
        assert_eq!(s.lean, scoring::lean(&fw, &sheet));
        assert_eq!(s.gaps, scoring::gaps(&fw, &sheet, pmo));
        assert_eq!(s.areas.len(), fw.areas.len());
        for a in 0..fw.areas.len() {
            assert_eq!(s.areas[a], scoring::area_levels(&fw, &sheet, a));
            for p in 0..fw.profiles.len() {
                assert_eq!(
                    s.area_readiness[a][p],
                    scoring::area_readiness(&fw, &sheet, p, a)
                );
            }
            assert_eq!(
                s.area_readiness_for_target(a),
                scoring::area_readiness(&fw, &sheet, pmo, a)
            );
        }
        let unrated = fw.areas[3].competencies.len();
        assert_eq!(s.rated_on_scale, fw.competencies.len() - unrated);
    }

    #[test]
    fn gaps_follow_the_target_profile() {
        let fw = crate::testing::builtin();
        let pm = fw.profile_index("pm").unwrap();
        let pmo = fw.profile_index("pmo").unwrap();
        let gv3 = fw.competency_index(&"GV3".into()).unwrap();
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        sheet.set(gv3, Level::new(1)); // PM target 1, PMO target 5
        let against_pm = Summary::compute(&fw, &sheet, pm);
        let against_pmo = Summary::compute(&fw, &sheet, pmo);
        assert_eq!(against_pm.gap_row(gv3).unwrap().band, Band::Meets);
        let row = against_pmo.gap_row(gv3).unwrap();
        assert_eq!((row.gap, row.band), (4, Band::Gap));
        assert_eq!(against_pmo.gap_row(gv3 + 1), None);
        // The figures that do not depend on the target are the same.
        assert_eq!(against_pm.readiness, against_pmo.readiness);
        assert_eq!(against_pm.area_readiness, against_pmo.area_readiness);
        assert_eq!(against_pm.lean, against_pmo.lean);
    }

    #[test]
    fn nothing_rated_gives_no_figures() {
        let fw = crate::testing::builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        let sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        let empty = Summary::compute(&fw, &sheet, pmo);
        assert_eq!(empty.lean.outcome, Outcome::TooEarly);
        assert_eq!(empty.lean.position, None);
        assert!(empty.lean.reasons.is_empty() && empty.gaps.is_empty());
        assert!(empty.readiness.iter().all(|r| r.percent.is_none()));
        assert!(empty.readiness.iter().all(|r| r.provisional()));
        assert_eq!(empty.rated_on_scale, 0);
    }
}
