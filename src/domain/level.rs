//! Self-rating levels on the fixed 0–5 scale, and "not applicable".

use std::fmt;

/// A level on the 0–5 proficiency scale. Construction checks the range, so an out-of-range
/// level cannot exist.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(u8);

impl Level {
    /// The highest level on the scale.
    pub const MAX: u8 = 5;
    /// Number of levels on the scale (0 through 5).
    pub const COUNT: usize = Self::MAX as usize + 1;

    /// A level if `value` is on the scale.
    pub fn new(value: u8) -> Option<Level> {
        (value <= Self::MAX).then_some(Level(value))
    }

    /// A level known at compile time; out-of-range values fail to compile in const context.
    pub const fn from_const(value: u8) -> Level {
        assert!(value <= Self::MAX, "level outside the scale");
        Level(value)
    }

    /// A level from a signed integer, as read from a file.
    pub fn from_i64(value: i64) -> Option<Level> {
        u8::try_from(value).ok().and_then(Level::new)
    }

    /// The numeric value, 0–5.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Every level, lowest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Level> + Clone {
        (0..=Self::MAX).map(Level)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What a person recorded for one competency.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Rating {
    /// A level on the scale.
    Level(Level),
    /// Not part of this person's work; left out of every score.
    NotApplicable,
}

impl Rating {
    /// The level, if this rating is one (N/A has none).
    pub fn level(self) -> Option<Level> {
        match self {
            Rating::Level(level) => Some(level),
            Rating::NotApplicable => None,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rating::Level(level) => write!(f, "{level}"),
            Rating::NotApplicable => f.write_str("N/A"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_outside_the_scale_cannot_be_built() {
        assert_eq!(Level::new(5).map(Level::value), Some(5));
        assert_eq!(Level::new(6), None);
        assert_eq!(Level::from_i64(-1), None);
        assert_eq!(Level::from_i64(300), None);
        assert_eq!(Level::all().count(), Level::COUNT);
    }

    #[test]
    fn ratings_display_as_digits_or_na() {
        assert_eq!(Rating::Level(Level::new(3).unwrap()).to_string(), "3");
        assert_eq!(Rating::NotApplicable.to_string(), "N/A");
        assert_eq!(Rating::NotApplicable.level(), None);
    }
}
