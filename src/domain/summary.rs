//! The figures of one assessment against one target profile, computed once.
//!
//! The Results screen and every export show these same figures, so they are computed in one
//! place from the [`scoring`] functions. How a screen sorts or filters them is up to the
//! screen.

use super::framework::Framework;
use super::scoring::{self, AreaLevels, Fit, GapRow, RatingSheet, Verdict};

/// Everything the Results screen and the exports show for a sheet of ratings.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Index of the profile gaps and [`Summary::area_fit_to_target`] are measured against.
    pub target: usize,
    /// Fit per profile, in framework order.
    pub fits: Vec<Fit>,
    /// The verdict between the two main profiles.
    pub verdict: Verdict,
    /// Position between the two main profiles (0.0–1.0); None when there is no verdict.
    pub spectrum: Option<f64>,
    /// The rated competencies that most separate the two main profiles, at most
    /// [`scoring::REASONS`].
    pub reasons: Vec<usize>,
    /// Your level against both roles' targets, per area in framework order.
    pub areas: Vec<AreaLevels>,
    /// Fit per area (outer, framework order) to each profile (inner, framework order).
    pub area_fits: Vec<Vec<Fit>>,
    /// Rated competencies against the target profile, largest gap first, strengths last.
    pub gaps: Vec<GapRow>,
    /// Competencies rated on the scale (N/A excluded).
    pub rated_on_scale: usize,
    /// Too few ratings on the scale for a firm answer (below [`scoring::PROVISIONAL_BELOW`]).
    pub provisional: bool,
}

impl Summary {
    /// Computes every figure for `sheet`, with gaps measured against profile `target`.
    pub fn compute(framework: &Framework, sheet: &RatingSheet, target: usize) -> Summary {
        let profiles = 0..framework.profiles.len();
        let areas = 0..framework.areas.len();
        let rated_on_scale = (0..framework.competencies.len())
            .filter(|&c| sheet.level(c).is_some())
            .count();
        let verdict = scoring::verdict(framework, sheet);
        Summary {
            target,
            fits: profiles
                .clone()
                .map(|p| scoring::fit(framework, sheet, p))
                .collect(),
            spectrum: scoring::spectrum(&verdict),
            verdict,
            reasons: scoring::discriminating(framework, sheet, scoring::REASONS),
            areas: areas
                .clone()
                .map(|a| scoring::area_levels(framework, sheet, a))
                .collect(),
            area_fits: areas
                .map(|a| {
                    profiles
                        .clone()
                        .map(|p| scoring::area_fit(framework, sheet, p, a))
                        .collect()
                })
                .collect(),
            gaps: scoring::gaps(framework, sheet, target),
            rated_on_scale,
            provisional: rated_on_scale < scoring::PROVISIONAL_BELOW,
        }
    }

    /// Fit within area `area` to the target profile.
    pub fn area_fit_to_target(&self, area: usize) -> Fit {
        self.area_fits[area][self.target]
    }

    /// The gap row of competency `competency`; None when it is unrated or N/A.
    pub fn gap_row(&self, competency: usize) -> Option<&GapRow> {
        self.gaps.iter().find(|row| row.competency == competency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Level;
    use crate::domain::scoring::Band;

    use crate::domain::scoring::tests::by_area;

    #[test]
    fn figures_are_the_scoring_figures() {
        let fw = Framework::builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        let sheet = by_area(
            &fw,
            &[Some(4), Some(4), Some(3), None, Some(3), Some(1), Some(5)],
        );
        let s = Summary::compute(&fw, &sheet, pmo);
        assert_eq!(s.target, pmo);
        assert_eq!(s.fits.len(), fw.profiles.len());
        for (p, fit) in s.fits.iter().enumerate() {
            assert_eq!(*fit, scoring::fit(&fw, &sheet, p));
        }
        assert_eq!(s.verdict, scoring::verdict(&fw, &sheet));
        assert!(matches!(s.verdict, Verdict::Leans { .. }));
        assert_eq!(s.spectrum, scoring::spectrum(&s.verdict));
        assert_eq!(s.gaps, scoring::gaps(&fw, &sheet, pmo));
        assert_eq!(s.areas.len(), fw.areas.len());
        assert_eq!(s.area_fits.len(), fw.areas.len());
        for a in 0..fw.areas.len() {
            assert_eq!(s.areas[a], scoring::area_levels(&fw, &sheet, a));
            assert_eq!(s.area_fits[a].len(), fw.profiles.len());
            for p in 0..fw.profiles.len() {
                assert_eq!(s.area_fits[a][p], scoring::area_fit(&fw, &sheet, p, a));
            }
            assert_eq!(
                s.area_fit_to_target(a),
                scoring::area_fit(&fw, &sheet, pmo, a)
            );
        }
        let unrated = fw.areas[3].competencies.len();
        assert_eq!(s.rated_on_scale, fw.competencies.len() - unrated);
        assert!(!s.provisional);
    }

    #[test]
    fn gaps_follow_the_target_profile() {
        let fw = Framework::builtin();
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
        assert_eq!(against_pm.fits, against_pmo.fits);
        assert_eq!(against_pm.area_fits, against_pmo.area_fits);
        assert_eq!(against_pm.verdict, against_pmo.verdict);
    }

    #[test]
    fn reasons_stop_at_the_constant() {
        let fw = Framework::builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        let sheet = by_area(&fw, &[Some(3); 7]);
        let s = Summary::compute(&fw, &sheet, pmo);
        // Every competency is rated, and the built-in framework has more than REASONS
        // competencies whose two main targets differ by two or more.
        assert!(scoring::discriminating(&fw, &sheet, usize::MAX).len() > scoring::REASONS);
        assert_eq!(s.reasons.len(), scoring::REASONS);
        assert_eq!(
            s.reasons,
            scoring::discriminating(&fw, &sheet, scoring::REASONS)
        );
    }

    #[test]
    fn few_ratings_are_provisional_and_none_give_no_figures() {
        let fw = Framework::builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        let empty = Summary::compute(&fw, &sheet, pmo);
        assert_eq!(empty.verdict, Verdict::NoRatings);
        assert_eq!(empty.spectrum, None);
        assert!(empty.reasons.is_empty() && empty.gaps.is_empty());
        assert!(empty.fits.iter().all(|f| f.percent.is_none()));
        assert_eq!(empty.rated_on_scale, 0);
        assert!(empty.provisional);
        for c in 0..scoring::PROVISIONAL_BELOW {
            assert!(Summary::compute(&fw, &sheet, pmo).provisional);
            sheet.set(c, Level::new(3));
        }
        let firm = Summary::compute(&fw, &sheet, pmo);
        assert_eq!(firm.rated_on_scale, scoring::PROVISIONAL_BELOW);
        assert!(!firm.provisional);
    }
}
