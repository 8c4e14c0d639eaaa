//! The competency framework: roles, target profiles, areas, competencies and the rating scale.
//! One file because the framework's types and the queries every screen asks of them are one model, indexed without checks once read; the rating scale is in framework/scale.rs.
//!
//! A framework is read and validated in full by `storage::framework` before use, so the rest
//! of the program can index into it without checks; this is the model and its queries. A
//! framework read back with serde is held to the same invariants (framework/stored.rs).

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use super::level::Level;

/// Longest short name of a role or profile in a format 1 file.
pub const MAX_SHORT: usize = 10;

/// Longest short name of a role or profile in a format 2 file.
pub const MAX_SHORT_2: usize = 16;

/// How long a chain of bases may be (a profile based on one based on one …): deep enough for
/// any career ladder, short enough that a mistake is caught.
pub const MAX_BASE_DEPTH: usize = 16;

/// Fewest and most levels a scale may have.
pub const SCALE_LEVELS: std::ops::RangeInclusive<usize> = 2..=10;

/// Stable identifier of a competency, e.g. `DP1`.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
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
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

mod scale;
pub use scale::{Scale, ScaleLevel};

mod stored;
pub use stored::Inconsistent;

#[cfg(test)]
mod scale_tests;

/// A role: a job family whose profiles share the area focus (its weights).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A validated framework. Read back with serde (from the cache of validated frameworks, or the
/// model's tests' JSON copy), it is checked again ([`Framework::check_invariants`]) and its
/// lookup tables are rebuilt: one that breaks an invariant does not deserialize.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "stored::Stored")]
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
        self.record_source_hash(fnv1a_64(text));
    }

    /// Records the [`fnv1a_64`] hash of the text this framework was read from, worked out
    /// before (the cache of validated frameworks hashes the file and lets its bytes go before
    /// it reads the cache).
    pub fn record_source_hash(&mut self, hash: u64) {
        self.hash = SourceHash(hash);
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
