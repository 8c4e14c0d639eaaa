//! Self-rating levels and "not applicable".
//!
//! A [`Level`] holds a scale value (0 to [`Level::TOP`]); which values exist is the framework's
//! scale's business ([`super::framework::Scale`]). Below every scale's first level sits
//! [`Level::NONE`], "not yet": it scores 0 towards readiness. As a target, `NONE` means the
//! profile does not require the competency.

use std::fmt;

/// A value on a framework's scale, or [`Level::NONE`]. Construction checks the range, so an
/// out-of-range level cannot exist.
///
/// Serialized as its stored byte (the value + 1, [`Level::NONE`] 0); read back only within range.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Level(u8); // value + 1; 0 is NONE, so NONE orders below every value

impl<'de> serde::Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Level, D::Error> {
        let stored = u8::deserialize(deserializer)?;
        match stored.checked_sub(1) {
            None => Ok(Level::NONE),
            Some(value) => Level::new(value).ok_or_else(|| {
                serde::de::Error::custom(format_args!("level {value} is outside every scale"))
            }),
        }
    }
}

impl Level {
    /// The highest value any scale may use.
    pub const TOP: u8 = 99;
    /// "Not yet": below the first level of any scale; scores 0. As a target: not required.
    pub const NONE: Level = Level(0);

    /// A level if `value` is 0 to [`Level::TOP`].
    pub fn new(value: u8) -> Option<Level> {
        (value <= Self::TOP).then(|| Level(value + 1))
    }

    /// A level known at compile time; out-of-range values fail to compile in const context.
    pub const fn from_const(value: u8) -> Level {
        assert!(value <= Self::TOP, "level outside every scale");
        Level(value + 1)
    }

    /// A level from a signed integer, as read from a file.
    pub fn from_i64(value: i64) -> Option<Level> {
        u8::try_from(value).ok().and_then(Level::new)
    }

    /// The numeric value that scores count (0 for [`Level::NONE`]).
    pub fn value(self) -> u8 {
        self.0.saturating_sub(1)
    }

    /// Whether this is [`Level::NONE`].
    pub fn is_none(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_none() {
            f.write_str("none")
        } else {
            write!(f, "{}", self.value())
        }
    }
}

/// What a person recorded for one competency.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub enum Rating {
    /// A level on the scale, or [`Level::NONE`] ("not yet").
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
    fn levels_outside_every_scale_cannot_be_built() {
        assert_eq!(Level::new(5).map(Level::value), Some(5));
        assert_eq!(Level::new(99).map(Level::value), Some(99));
        assert_eq!(Level::new(100), None);
        assert_eq!(Level::from_i64(-1), None);
        assert_eq!(Level::from_i64(300), None);
        assert_eq!(Level::from_i64(99).map(Level::value), Some(Level::TOP));
    }

    #[test]
    fn none_orders_below_every_value_and_scores_zero() {
        assert!(Level::NONE < Level::new(0).unwrap());
        assert_eq!(Level::NONE.value(), 0);
        assert!(Level::NONE.is_none());
        assert!(!Level::new(0).unwrap().is_none());
        assert_eq!(Level::NONE.to_string(), "none");
    }

    #[test]
    fn a_level_reads_back_only_within_range() {
        let written = serde_json::to_string(&Level::new(Level::TOP).unwrap()).unwrap();
        assert_eq!(written, "100", "its stored byte");
        let read = |text: &str| serde_json::from_str::<Level>(text).ok();
        assert_eq!(read(&written), Level::new(Level::TOP));
        assert_eq!(read("0"), Some(Level::NONE));
        assert_eq!(read("4").map(Level::value), Some(3));
        assert_eq!(read("101"), None, "past the top");
        assert_eq!(read("256"), None);
    }

    #[test]
    fn ratings_display_as_digits_or_na() {
        assert_eq!(Rating::Level(Level::new(3).unwrap()).to_string(), "3");
        assert_eq!(Rating::NotApplicable.to_string(), "N/A");
        assert_eq!(Rating::NotApplicable.level(), None);
    }
}
