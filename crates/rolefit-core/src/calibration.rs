//! Calibration aids: checks on the pattern of a person's self-ratings that suggest asking for a
//! second opinion. Pure and calm: they inform, they never block or change a score.

use super::Rating;
use super::framework::Scale;

/// The pattern check needs at least this many competencies rated on the scale (N/A is left out).
pub const HIGH_PATTERN_MIN_RATED: usize = 20;
/// ...and at least this share, in percent, of them at one of the scale's high levels
/// ([`Scale::high_levels`]: on the built-in scale 4 (Advanced) and 5 (Expert)).
pub const HIGH_PATTERN_SHARE_PERCENT: usize = 80;

/// How many ratings are high, out of how many on the scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HighRatings {
    pub high: usize,
    pub rated: usize,
}

/// Some when the ratings are so uniformly high that a second opinion would help: at least
/// [`HIGH_PATTERN_MIN_RATED`] rated on the scale and [`HIGH_PATTERN_SHARE_PERCENT`]% or more of
/// them at one of `scale`'s high levels ([`Scale::is_high`]; 4 or 5 on the built-in scale).
/// Unrated and N/A competencies are left out.
pub fn high_self_ratings(
    scale: &Scale,
    ratings: impl IntoIterator<Item = Option<Rating>>,
) -> Option<HighRatings> {
    let (mut high, mut rated) = (0, 0);
    for rating in ratings {
        if let Some(Rating::Level(level)) = rating {
            rated += 1;
            if scale.is_high(level) {
                high += 1;
            }
        }
    }
    (rated >= HIGH_PATTERN_MIN_RATED && high * 100 >= HIGH_PATTERN_SHARE_PERCENT * rated)
        .then_some(HighRatings { high, rated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    fn builtin() -> Scale {
        crate::testing::builtin().scale
    }

    fn sheet(high: usize, low: usize, na: usize, unrated: usize) -> Vec<Option<Rating>> {
        let mut out = Vec::new();
        out.extend((0..high).map(|i| Some(Rating::Level(Level::from_const(4 + (i % 2) as u8)))));
        out.extend((0..low).map(|_| Some(Rating::Level(Level::from_const(3)))));
        out.extend((0..na).map(|_| Some(Rating::NotApplicable)));
        out.extend((0..unrated).map(|_| None));
        out
    }

    #[test]
    fn fires_at_the_share_and_count_boundaries() {
        // 16 of 20 is exactly 80%.
        assert_eq!(
            high_self_ratings(&builtin(), sheet(16, 4, 0, 13)),
            Some(HighRatings {
                high: 16,
                rated: 20
            })
        );
        // 15 of 20 is 75%.
        assert_eq!(high_self_ratings(&builtin(), sheet(15, 5, 0, 13)), None);
        // 28 of 33, the example of the issue: 84.8%.
        assert_eq!(
            high_self_ratings(&builtin(), sheet(28, 5, 0, 0)),
            Some(HighRatings {
                high: 28,
                rated: 33
            })
        );
        // 26 of 33 is 78.8%, just under.
        assert_eq!(high_self_ratings(&builtin(), sheet(26, 7, 0, 0)), None);
    }

    #[test]
    fn needs_enough_ratings_on_the_scale() {
        // 19 rated, all high: too few to call it a pattern.
        assert_eq!(high_self_ratings(&builtin(), sheet(19, 0, 0, 14)), None);
        assert_eq!(
            high_self_ratings(&builtin(), sheet(20, 0, 0, 13)),
            Some(HighRatings {
                high: 20,
                rated: 20
            })
        );
        // N/A neither counts as rated nor as high.
        assert_eq!(high_self_ratings(&builtin(), sheet(19, 0, 14, 0)), None);
        assert_eq!(high_self_ratings(&builtin(), sheet(0, 0, 0, 33)), None);
    }

    #[test]
    fn three_is_not_high() {
        assert_eq!(high_self_ratings(&builtin(), sheet(0, 33, 0, 0)), None);
    }

    /// A scale of these values, lowest first.
    fn scale_of(values: &[u8]) -> Scale {
        Scale::new(
            String::new(),
            values
                .iter()
                .map(|&v| crate::framework::ScaleLevel {
                    value: Level::from_const(v),
                    label: format!("Level {v}"),
                    descriptor: String::new(),
                    hint: None,
                })
                .collect(),
        )
    }

    fn all_at(values: &[u8], n: usize) -> Vec<Option<Rating>> {
        (0..n)
            .map(|i| Some(Rating::Level(Level::from_const(values[i % values.len()]))))
            .collect()
    }

    #[test]
    fn high_follows_the_scale_not_the_digits_four_and_five() {
        let seven = scale_of(&[1, 2, 3, 4, 5, 6, 7]);
        // On 1–7, a sheet of 4s and 5s is the middle of the scale, not high.
        assert_eq!(high_self_ratings(&seven, all_at(&[4, 5], 20)), None);
        assert_eq!(
            high_self_ratings(&seven, all_at(&[6, 7], 20)),
            Some(HighRatings {
                high: 20,
                rated: 20
            })
        );
        // On 0–9 the top three are high, a 6 is not.
        let ten = scale_of(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(high_self_ratings(&ten, all_at(&[6], 20)), None);
        assert_eq!(
            high_self_ratings(&ten, all_at(&[7, 8, 9], 20)).map(|h| h.high),
            Some(20)
        );
        // On two levels only the top one.
        let two = scale_of(&[1, 2]);
        assert_eq!(high_self_ratings(&two, all_at(&[1], 20)), None);
        assert_eq!(
            high_self_ratings(&two, all_at(&[2], 20)).map(|h| h.high),
            Some(20)
        );
    }
}
