//! The competency framework: roles, target profiles, areas, competencies and the rating scale.
//!
//! A framework is read and validated in full by `storage::framework` before use, so the rest
//! of the program can index into it without checks; this is the model and its queries.
//!
//! Longer than most files: the model's types and the queries every screen asks of them belong
//! together.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use super::level::Level;

/// Longest short name of a role or profile in a format 1 file.
pub const MAX_SHORT: usize = 10;

/// Longest short name of a role or profile in a format 2 file.
pub const MAX_SHORT_2: usize = 16;

/// Stable identifier of a competency, e.g. `DP1`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct CompetencyId(pub String);

impl CompetencyId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for CompetencyId {
    fn from(id: &str) -> Self {
        CompetencyId(id.to_string())
    }
}

impl fmt::Display for CompetencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How central an area is to a role. Its numeric value is the scoring weight.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub enum FocusWeight {
    /// Not part of the role (weight 0).
    None,
    /// A small part of the role (weight 1).
    Light,
    /// Part of the day-to-day work (weight 2).
    Operational,
    /// At the heart of the role (weight 3).
    Core,
    /// Shaped at a strategic level (weight 4).
    Strategic,
}

impl FocusWeight {
    /// The weight of an area for a role whose focus a format 2 file leaves out, and for a
    /// profile without a role: every area counts the same.
    pub const DEFAULT: FocusWeight = FocusWeight::Core;

    /// The scoring weight: None 0, Light 1, Operational 2, Core 3, Strategic 4.
    pub fn value(self) -> u32 {
        match self {
            FocusWeight::None => 0,
            FocusWeight::Light => 1,
            FocusWeight::Operational => 2,
            FocusWeight::Core => 3,
            FocusWeight::Strategic => 4,
        }
    }
}

/// One point on the rating scale.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
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
    /// offers it, and N/A (see [`Framework::choices`]).
    pub fn choice_count(&self) -> usize {
        self.levels.len() + usize::from(self.offers_none()) + 1
    }

    /// The row of N/A in a rating list of every level: the last one.
    pub fn na_row(&self) -> usize {
        self.choice_count() - 1
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    /// A scale of these values, lowest first.
    fn scale_of(values: &[u8]) -> Scale {
        Scale::new(
            String::new(),
            values
                .iter()
                .map(|&v| ScaleLevel {
                    value: Level::from_const(v),
                    label: format!("Level {v}"),
                    descriptor: String::new(),
                    hint: None,
                })
                .collect(),
        )
    }

    fn values(levels: impl Iterator<Item = Level>) -> Vec<u8> {
        levels.map(Level::value).collect()
    }

    #[test]
    fn the_built_in_scale_answers_as_it_always_has() {
        let scale = crate::testing::builtin().scale;
        assert_eq!(values(scale.values()), [0, 1, 2, 3, 4, 5]);
        assert!(!scale.offers_none());
        assert!(scale.digits_type_every_level());
        assert_eq!(values(scale.high_levels()), [4, 5]);
        assert!(!scale.is_high(Level::from_const(3)));
        assert!(scale.is_high(Level::from_const(4)));
        assert!(scale.is_high(Level::from_const(5)));
        assert!(!scale.is_high(Level::NONE));
        // 0–5, then N/A in the seventh row.
        assert_eq!(scale.choice_count(), 7);
        assert_eq!(scale.na_row(), 6);
    }

    #[test]
    fn a_scale_of_the_same_shape_answers_like_the_built_in_one() {
        let scale = scale_of(&[0, 1, 2, 3, 4, 5]);
        assert!(!scale.offers_none());
        assert!(scale.digits_type_every_level());
        assert_eq!(values(scale.high_levels()), [4, 5]);
        assert_eq!(scale.na_row(), 6);
    }

    #[test]
    fn one_to_seven_offers_none_and_its_top_two_are_high() {
        let scale = scale_of(&[1, 2, 3, 4, 5, 6, 7]);
        assert!(scale.offers_none());
        assert!(scale.digits_type_every_level());
        assert_eq!(values(scale.high_levels()), [6, 7]);
        assert!(!scale.is_high(Level::from_const(4)));
        assert!(!scale.is_high(Level::from_const(5)));
        assert!(scale.is_high(Level::from_const(6)));
        assert!(scale.is_high(Level::from_const(7)));
        // 1–7, "none", then N/A.
        assert_eq!(scale.choice_count(), 9);
        assert_eq!(scale.na_row(), 8);
    }

    #[test]
    fn zero_to_nine_has_its_top_three_high() {
        let scale = scale_of(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert!(!scale.offers_none());
        assert!(scale.digits_type_every_level());
        assert_eq!(values(scale.high_levels()), [7, 8, 9]);
        assert!(!scale.is_high(Level::from_const(6)));
        assert_eq!(scale.na_row(), 10);
    }

    #[test]
    fn values_beyond_nine_are_not_typed_by_digits() {
        let scale = scale_of(&[0, 50, 99]);
        assert!(!scale.offers_none());
        assert!(!scale.digits_type_every_level());
        assert_eq!(values(scale.high_levels()), [99]);
        assert!(!scale.is_high(Level::from_const(50)));
        assert!(!scale.is_high(Level::from_const(98)));
        assert_eq!(scale.na_row(), 3);
        let from_ten = scale_of(&[10, 20]);
        assert!(from_ten.offers_none());
        assert!(!from_ten.digits_type_every_level());
    }

    #[test]
    fn a_two_level_scale_has_its_top_one_high() {
        let scale = scale_of(&[1, 2]);
        assert!(scale.offers_none());
        assert_eq!(values(scale.high_levels()), [2]);
        assert!(!scale.is_high(Level::from_const(1)));
        assert_eq!(scale.choice_count(), 4);
        let from_zero = scale_of(&[0, 1]);
        assert!(!from_zero.offers_none());
        assert_eq!(values(from_zero.high_levels()), [1]);
        assert_eq!(from_zero.na_row(), 2);
    }

    #[test]
    fn a_competency_restricts_only_when_it_leaves_out_a_level() {
        let scale = scale_of(&[1, 2, 3]);
        let mut c = crate::testing::builtin().competencies[0].clone();
        c.valid = Vec::new();
        assert!(!c.restricts(&scale));
        c.valid = scale.values().collect();
        assert!(!c.restricts(&scale));
        c.valid = vec![Level::from_const(2), Level::from_const(3)];
        assert!(c.restricts(&scale));
    }
}

/// A role: a job family whose profiles share the area focus (its weights).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Role {
    pub id: String,
    pub name: String,
    pub short: String,
    pub essence: String,
    pub description: String,
    pub activities: Vec<String>,
    pub horizon: String,
    pub scope: String,
    pub in_practice: String,
}

/// A target profile: a role, or a flavour derived from one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub short: String,
    /// Index into [`Framework::roles`]; that role's area focus gives the weights. None: equal
    /// weights.
    pub role: Option<usize>,
    /// Order within the role (career ladders): higher is more senior.
    pub grade: Option<i64>,
    /// Index of the profile whose targets this one starts from.
    pub base: Option<usize>,
    pub description: String,
    pub reference: Option<String>,
    /// Competencies (indices) whose target differs from the base profile's, in framework order.
    pub adjusted: Vec<usize>,
}

/// A role's focus on an area, as the source comparison states it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Focus {
    /// Wording shown in the grid, e.g. "Designs & oversees".
    pub label: String,
    pub weight: FocusWeight,
    /// What the area means in this role's daily reality.
    pub meaning: String,
}

/// How a focus of no weight reads everywhere: what it is, never the rating's "N/A".
pub const NOT_IN_ROLE: &str = "not in the role";

impl Focus {
    /// The label as every screen and report shows it: a focus of no weight reads
    /// [`NOT_IN_ROLE`], whatever the framework calls it (the built-in one says "N/A").
    pub fn shown(&self) -> &str {
        if self.weight == FocusWeight::None {
            NOT_IN_ROLE
        } else {
            &self.label
        }
    }
}

/// One row of the comparison grid.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Area {
    pub id: String,
    pub name: String,
    pub contrast: String,
    /// Focus per role, in [`Framework::roles`] order.
    pub focus: Vec<Focus>,
    /// Index into [`Framework::groups`]: the parent area this one sits in.
    pub parent: Option<usize>,
    /// Indices into [`Framework::competencies`].
    pub competencies: Range<usize>,
}

/// One competency, with a target level for every profile.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Competency {
    pub id: CompetencyId,
    /// Index into [`Framework::areas`].
    pub area: usize,
    pub name: String,
    pub description: String,
    pub refs: Vec<String>,
    /// What it looks like in each role's practice, in [`Framework::roles`] order.
    pub practice: Vec<String>,
    /// Target per profile, in [`Framework::profiles`] order; [`Level::NONE`] where the profile
    /// does not require it.
    pub targets: Vec<Level>,
    /// What a level looks like for this competency (its behavioural anchor), lowest first;
    /// a level without one shows the scale's descriptor.
    pub levels: Vec<(Level, String)>,
    /// The levels this competency is defined at; empty: every level of the scale.
    pub valid: Vec<Level>,
}

impl Competency {
    /// This competency's own anchor for a level, if the framework gives one.
    pub fn anchor(&self, level: Level) -> Option<&str> {
        self.levels
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, text)| text.as_str())
    }

    /// Whether this competency leaves out some of `scale`'s levels (its valid levels are not
    /// the whole scale).
    pub fn restricts(&self, scale: &Scale) -> bool {
        !self.valid.is_empty() && scale.values().any(|l| !self.valid.contains(&l))
    }

    /// Whether `level` may be recorded for this competency on `scale`: one of its valid levels
    /// (every scale level when it lists none).
    pub fn accepts(&self, scale: &Scale, level: Level) -> bool {
        if self.valid.is_empty() {
            scale.contains(level)
        } else {
            self.valid.contains(&level)
        }
    }
}

/// A parent area: a heading that groups areas (a category over subcategories).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A validated framework.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Framework {
    pub id: String,
    pub version: u32,
    pub name: String,
    pub summary: String,
    pub scale: Scale,
    /// Any number of roles (the built-in has two).
    pub roles: Vec<Role>,
    pub profiles: Vec<Profile>,
    /// Parent areas, in file order (none in the built-in).
    pub groups: Vec<Group>,
    /// Areas that hold competencies.
    pub areas: Vec<Area>,
    /// Grouped by area, in area order.
    pub competencies: Vec<Competency>,
    /// The two profiles shown side by side: the main profiles of the axis roles when there is
    /// an axis, else the first two profiles without a base (the same one twice when there is
    /// only one).
    pub main_profiles: [usize; 2],
    /// Whether the lean between `main_profiles` means something (an axis of two roles).
    pub axis: bool,
    #[serde(skip)]
    pub(super) index: HashMap<CompetencyId, usize>,
    /// FNV-1a 64 of the text it was read from: see [`Framework::content_hash`]. Not part of
    /// comparisons: the same framework written another way (format 1 or 2) is equal.
    #[serde(skip)]
    pub(super) hash: SourceHash,
    /// Competency indices by name (see `by_name`), worked out when first asked for.
    #[serde(skip)]
    pub(super) by_name: Derived<Vec<usize>>,
}

/// The hash of the text a framework was read from; it takes no part in comparisons.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct SourceHash(u64);

impl PartialEq for SourceHash {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SourceHash {}

/// A table worked out from the rest of the framework the first time it is needed. It takes no
/// part in comparisons: equal frameworks work out equal tables.
#[derive(Clone, Debug, Default)]
pub(super) struct Derived<T>(std::sync::OnceLock<T>);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Derived<T> {}

impl Framework {
    /// A stable hash of the text this framework was read from (the file's bytes; for the
    /// built-in, its embedded text), as 16 hex digits. An assessment records it, so a framework
    /// that changed under the same id and version is noticed.
    pub fn content_hash(&self) -> String {
        format!("{:016x}", self.hash.0)
    }

    /// Position of a competency in [`Framework::competencies`].
    /// What `level` looks like for competency `c`: its own anchor, else the scale's descriptor.
    pub fn level_text(&self, c: usize, level: Level) -> &str {
        self.competencies[c]
            .anchor(level)
            .unwrap_or(&self.scale.level(level).descriptor)
    }

    /// A framework from its checked parts, as the framework reader and the cache of validated
    /// frameworks build it; the lookup tables are built here, the content hash is given by
    /// [`Framework::record_source`].
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        id: String,
        version: u32,
        name: String,
        summary: String,
        scale: Scale,
        roles: Vec<Role>,
        profiles: Vec<Profile>,
        groups: Vec<Group>,
        areas: Vec<Area>,
        competencies: Vec<Competency>,
        main_profiles: [usize; 2],
        axis: bool,
    ) -> Framework {
        let index = competencies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Framework {
            id,
            version,
            name,
            summary,
            scale,
            roles,
            profiles,
            groups,
            areas,
            competencies,
            main_profiles,
            axis,
            index,
            by_name: Derived::default(),
            hash: SourceHash::default(),
        }
    }

    /// Records the text this framework was read from, for [`Framework::content_hash`] (a
    /// framework read back from the cache of validated frameworks is given its file's bytes).
    pub fn record_source(&mut self, text: &[u8]) {
        self.hash = SourceHash(fnv1a_64(text));
    }

    /// Every competency index, ordered by name without regard to case, equal names in
    /// framework order. Sorted once, the first time it is asked for: sorting the gap table by
    /// name is then a walk along it.
    pub fn by_name(&self) -> &[usize] {
        self.by_name.0.get_or_init(|| {
            let mut order: Vec<usize> = (0..self.competencies.len()).collect();
            order.sort_by_cached_key(|&c| self.competencies[c].name.to_lowercase());
            order
        })
    }

    pub fn competency_index(&self, id: &CompetencyId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The scoring weight of competency `c` for profile `p`.
    pub fn weight(&self, profile: usize, competency: usize) -> u32 {
        let Some(role) = self.profiles[profile].role else {
            return FocusWeight::DEFAULT.value();
        };
        let area = self.competencies[competency].area;
        self.areas[area].focus[role].weight.value()
    }

    /// Whether profile `p` sets a target for competency `c` (format 2: a target left out is
    /// not required).
    pub fn requires(&self, profile: usize, competency: usize) -> bool {
        !self.competencies[competency].targets[profile].is_none()
    }

    /// The valid level of competency `c` one step above (`up`) or below `level`; None past
    /// either end. Never [`Level::NONE`]; from `NONE` a step up is the first valid level.
    pub fn step(&self, c: usize, level: Level, up: bool) -> Option<Level> {
        let competency = &self.competencies[c];
        let mut valid = self
            .scale
            .values()
            .filter(|&l| competency.accepts(&self.scale, l));
        if up {
            valid.find(|&l| l > level)
        } else {
            valid.rev().find(|&l| l < level)
        }
    }

    /// The highest level competency `c` is defined at.
    pub fn top(&self, c: usize) -> Level {
        self.step(c, Level::NONE, true)
            .map(|first| {
                let mut top = first;
                while let Some(next) = self.step(c, top, true) {
                    top = next;
                }
                top
            })
            .unwrap_or(self.scale.last())
    }

    /// What a rating of competency `c` may record, in the order Rate lists them: its valid
    /// levels lowest first, then "none" where the scale offers it ([`Scale::offers_none`]),
    /// then N/A.
    pub fn choices(&self, c: usize) -> Vec<super::level::Rating> {
        use super::level::Rating;
        let mut out: Vec<Rating> = self
            .valid_levels(c)
            .into_iter()
            .map(Rating::Level)
            .collect();
        if self.scale.offers_none() {
            out.push(Rating::Level(Level::NONE));
        }
        out.push(Rating::NotApplicable);
        out
    }

    /// The levels a rating of competency `c` may take, lowest first.
    pub fn valid_levels(&self, c: usize) -> Vec<Level> {
        let competency = &self.competencies[c];
        self.scale
            .values()
            .filter(|&l| competency.accepts(&self.scale, l))
            .collect()
    }

    /// The target level of competency `c` for profile `p`.
    pub fn target(&self, profile: usize, competency: usize) -> Level {
        self.competencies[competency].targets[profile]
    }

    /// The role whose flavours the Roles screen shows: the first role that has any, else the
    /// second (as in the built-in framework, whose flavours are the PMO Manager's).
    pub fn flavour_role(&self) -> usize {
        (0..self.roles.len())
            .find(|&r| self.flavours_of(r).next().is_some())
            .unwrap_or(1)
    }

    /// Whether this framework has the built-in's shape: two roles forming the axis, every
    /// profile belonging to one of them.
    pub fn two_role_shape(&self) -> bool {
        self.roles.len() == 2 && self.axis && self.profiles.iter().all(|p| p.role.is_some())
    }

    /// Whether the two sides are one and the same profile (a framework with one main profile).
    pub fn single_side(&self) -> bool {
        self.main_profiles[0] == self.main_profiles[1]
    }

    /// The Roles pane (0 or 1) that lists the other profiles when asked: the pane of the role
    /// with flavours in the built-in shape, else the second pane (the only one when single).
    pub fn flavour_pane(&self) -> usize {
        if self.two_role_shape() {
            self.flavour_role().min(1)
        } else if self.single_side() {
            0
        } else {
            1
        }
    }

    /// The role shown by Roles pane `side`, if its profile has one.
    pub fn side_role(&self, side: usize) -> Option<&Role> {
        self.profiles[self.main_profiles[side]]
            .role
            .map(|r| &self.roles[r])
    }

    /// Profiles that are flavours of `role` (they have a base).
    pub fn flavours_of(&self, role: usize) -> impl Iterator<Item = &Profile> {
        self.profiles
            .iter()
            .filter(move |p| p.role == Some(role) && p.base.is_some())
    }

    /// Short name of side `side` (0 or 1) of the comparison: its main profile's.
    pub fn side_short(&self, side: usize) -> &str {
        &self.profiles[self.main_profiles[side]].short
    }

    /// Name of side `side` (0 or 1): its main profile's role, else the profile itself.
    pub fn side_name(&self, side: usize) -> &str {
        let profile = &self.profiles[self.main_profiles[side]];
        profile
            .role
            .map_or(profile.name.as_str(), |r| self.roles[r].name.as_str())
    }

    /// The focus of `area` for side `side` (0 or 1): its main profile's role's; an empty one,
    /// at the default weight, for a profile without a role.
    pub fn side_focus(&self, area: usize, side: usize) -> &Focus {
        static NO_FOCUS: Focus = Focus {
            label: String::new(),
            weight: FocusWeight::DEFAULT,
            meaning: String::new(),
        };
        self.profiles[self.main_profiles[side]]
            .role
            .map_or(&NO_FOCUS, |r| &self.areas[area].focus[r])
    }

    /// An area's name as lists show it: its own name first (it survives a narrow column),
    /// then its parent area's, "Area · Parent".
    pub fn area_title(&self, area: usize) -> String {
        let area = &self.areas[area];
        match area.parent {
            Some(g) => format!("{} · {}", area.name, self.groups[g].name),
            None => area.name.clone(),
        }
    }

    /// An area's full place: "Parent › Area", or its name when it has no parent.
    pub fn area_path(&self, area: usize) -> String {
        let area = &self.areas[area];
        match area.parent {
            Some(g) => format!("{} › {}", self.groups[g].name, area.name),
            None => area.name.clone(),
        }
    }

    /// Index of a profile by id.
    pub fn profile_index(&self, id: &str) -> Option<usize> {
        self.profiles.iter().position(|p| p.id == id)
    }
}

/// FNV-1a, 64 bits: a small, stable hash of bytes (the same on every platform and build).
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    super::hash::fnv1a_64(bytes)
}

/// One thing wrong with a framework file, with its position (1-based).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem at byte `offset` of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column) = line_column(text, offset);
        Problem {
            line,
            column,
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(line_column(text, 9), (2, 3));
    }
}
