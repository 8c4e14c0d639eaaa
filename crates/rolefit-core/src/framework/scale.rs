//! The rating scale: its levels, lowest first, "not yet" below the first, and what counts as
//! high.

use crate::level::Level;

/// One point on the rating scale.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScaleLevel {
    /// Its value on the scale.
    pub value: Level,
    /// Short name, e.g. "Independent".
    pub label: String,
    /// One line saying what this level looks like.
    pub descriptor: String,
    /// Optional hint about the complexity of work at this level.
    pub hint: Option<String>,
}

/// The rating scale: 2 to 10 levels with strictly increasing values, plus "not yet" below the
/// first and the meaning of N/A.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scale {
    /// What "not applicable" means.
    pub na: String,
    /// The levels, lowest first (the built-in scale: six levels, 0 to 5).
    pub levels: Vec<ScaleLevel>,
    /// "Not yet": below the first level ([`Level::NONE`]).
    pub none: ScaleLevel,
}

impl Scale {
    /// A scale from its levels, lowest first, with the standard "not yet" entry.
    pub fn new(na: String, levels: Vec<ScaleLevel>) -> Scale {
        Scale {
            na,
            levels,
            none: ScaleLevel {
                value: Level::NONE,
                label: "Not yet".to_string(),
                descriptor: "Below the first level of the scale: not done yet.".to_string(),
                hint: None,
            },
        }
    }

    /// The scale entry for a level; "not yet" for [`Level::NONE`] or a value off the scale.
    pub fn level(&self, level: Level) -> &ScaleLevel {
        self.position(level).map_or(&self.none, |i| &self.levels[i])
    }

    /// Where `level` is on the scale, lowest 0.
    pub fn position(&self, level: Level) -> Option<usize> {
        self.levels.iter().position(|l| l.value == level)
    }

    /// Whether `level` is one of the scale's levels.
    pub fn contains(&self, level: Level) -> bool {
        self.position(level).is_some()
    }

    /// The values, lowest first.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = Level> + Clone + '_ {
        self.levels.iter().map(|l| l.value)
    }

    /// The lowest level.
    pub fn first(&self) -> Level {
        self.levels[0].value
    }

    /// The highest level.
    pub fn last(&self) -> Level {
        self.levels[self.levels.len() - 1].value
    }

    /// The level one step above `level` ([`Level::NONE`] steps to the first); None at the top.
    pub fn next(&self, level: Level) -> Option<Level> {
        self.values().find(|&v| v > level)
    }

    /// The level one step below `level`: [`Level::NONE`] below the first; None below that.
    pub fn prev(&self, level: Level) -> Option<Level> {
        if level.is_none() {
            return None;
        }
        Some(
            self.values()
                .rev()
                .find(|&v| v < level)
                .unwrap_or(Level::NONE),
        )
    }

    /// Whether "none" ("not yet", [`Level::NONE`]) is a choice of its own beside the levels:
    /// on a scale whose first level is above 0. A scale from 0 says "not yet" with its 0, which
    /// scores what "none" would (0), so it is not offered twice (the built-in 0–5 scale's 0 is
    /// "Not yet").
    pub fn offers_none(&self) -> bool {
        self.first().value() > 0
    }

    /// Whether one digit key types every level: every value is 0 to 9. Above 9 a level is
    /// picked from the list instead.
    pub fn digits_type_every_level(&self) -> bool {
        self.last().value() <= 9
    }

    /// How many levels count as high: the upper third of the scale's levels, rounded down, and
    /// at least the top one. On the built-in 0–5 scale that is 4 and 5; on 1–7, 6 and 7; on 0–9,
    /// 7 to 9; on a scale of two to five levels, the top one.
    pub fn high_count(&self) -> usize {
        (self.levels.len() / 3).max(1)
    }

    /// The high levels, lowest first (see [`Scale::high_count`]): a rating at one of them
    /// without a note is asked for evidence, and a sheet of nearly only these asks for a second
    /// opinion.
    pub fn high_levels(&self) -> impl DoubleEndedIterator<Item = Level> + Clone + '_ {
        self.levels[self.levels.len() - self.high_count()..]
            .iter()
            .map(|l| l.value)
    }

    /// Whether `level` is high on this scale: at or above the lowest of
    /// [`Scale::high_levels`]. [`Level::NONE`] never is.
    pub fn is_high(&self, level: Level) -> bool {
        self.high_levels().next().is_some_and(|low| level >= low)
    }

    /// How many rows a rating list of every level has: the levels, "none" when the scale
    /// offers it, and N/A (see [`Framework::choices`](super::Framework::choices)).
    pub fn choice_count(&self) -> usize {
        self.levels.len() + usize::from(self.offers_none()) + 1
    }

    /// The row of N/A in a rating list of every level: the last one.
    pub fn na_row(&self) -> usize {
        self.choice_count() - 1
    }
}
