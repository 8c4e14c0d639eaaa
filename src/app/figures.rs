//! Figures derived from the ratings and kept between frames, so that drawing never walks the
//! whole framework: the rating sheet, progress per area, area fit, the trend across rounds.

use crate::domain::scoring::{self, RatingSheet};
use crate::domain::{Assessment, Framework, Rating};

/// Figures derived from the ratings, recomputed when a rating or the target changes.
#[derive(Clone, Debug)]
pub struct Derived {
    pub sheet: RatingSheet,
    /// The profile the gaps are measured against (chosen, or the one the verdict points to).
    pub target: usize,
    /// Competencies rated (N/A included).
    pub rated: usize,
    /// Rated per area.
    pub area_rated: Vec<usize>,
    /// Area readiness for the target profile.
    pub area_readiness: Vec<Option<f64>>,
    /// Readiness of the two main profiles at each closed round, then now.
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
    pub fn compute(
        framework: &Framework,
        assessment: &Assessment,
        chosen: Option<usize>,
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
        // The profile the gaps are measured against: the user's choice, else the one the
        // verdict points to (the same rule as every export, `domain::summary::default_target`).
        let target = chosen.unwrap_or_else(|| {
            let lean = scoring::lean(framework, &sheet);
            let readiness: Vec<scoring::Readiness> = (0..framework.profiles.len())
                .map(|p| {
                    if framework.axis && !framework.main_profiles.contains(&p) {
                        // Only the main profiles' readiness decides, with an axis.
                        scoring::Readiness {
                            percent: None,
                            rated: 0,
                            required: 0,
                        }
                    } else {
                        scoring::readiness(framework, &sheet, p)
                    }
                })
                .collect();
            crate::domain::summary::default_target(framework, &lean, &readiness)
        });
        let area_rated: Vec<usize> = framework
            .areas
            .iter()
            .map(|area| area.competencies.clone().filter(|&c| rated[c]).count())
            .collect();
        let area_readiness = (0..framework.areas.len())
            .map(|a| scoring::area_readiness(framework, &sheet, target, a).percent)
            .collect();
        let main_fits = |sheet: &RatingSheet| {
            framework
                .main_profiles
                .map(|p| scoring::readiness(framework, sheet, p).percent)
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
            target,
            rated: area_rated.iter().sum(),
            sheet,
            area_rated,
            area_readiness,
            trend,
            rounds,
            round_fits,
            last_round,
        }
    }
}
