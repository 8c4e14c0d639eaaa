//! The competency framework: roles, target profiles, areas, competencies and the rating scale.
//!
//! A framework is read from TOML (the built-in one is embedded in the binary) and validated in
//! full before use, so the rest of the program can index into it without checks. Every problem
//! found is reported with its line and column.
//!
//! Longer than most files: the framework's types, its TOML shape and its validation belong
//! together, since validation reports positions in that shape; a third is tests.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::level::Level;

/// The framework shipped with rolefit, as TOML text.
pub const BUILTIN_TOML: &str = include_str!("../../assets/frameworks/pm-vs-pmo.toml");

/// Longest short name of a role or profile in a format 1 file.
pub const MAX_SHORT: usize = 10;

/// Longest short name of a role or profile in a format 2 file.
pub const MAX_SHORT_2: usize = 16;

/// The original framework file format: exactly two roles, a 0–5 scale.
pub const FORMAT: i64 = 1;

/// The newest framework file format this build reads (see [`super::format2`]).
pub const FORMAT_2: i64 = 2;

/// Stable identifier of a competency, e.g. `DP1`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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

    /// Whether the built-in 0–5 shape applies: six levels 0 to 5 (the digits 0–5 type them).
    pub fn is_classic(&self) -> bool {
        self.values().map(Level::value).eq(0..=Level::MAX)
    }
}

/// A role: a job family whose profiles share the area focus (its weights).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A validated framework.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub(super) index: HashMap<CompetencyId, usize>,
    /// FNV-1a 64 of the text it was read from: see [`Framework::content_hash`]. Not part of
    /// comparisons: the same framework written another way (format 1 or 2) is equal.
    pub(super) hash: SourceHash,
    /// Competency indices by name (see `by_name`), worked out when first asked for.
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
    /// The built-in framework. Its validity is checked by a test, so this cannot fail in a
    /// released build.
    pub fn builtin() -> Framework {
        Framework::from_toml(BUILTIN_TOML).expect("the built-in framework is valid")
    }

    /// The built-in framework's id, read without building it.
    pub fn builtin_id() -> &'static str {
        static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        ID.get_or_init(|| Framework::builtin().id)
    }

    /// Reads and validates a framework, reporting every problem found.
    pub fn from_toml(text: &str) -> Result<Framework, Vec<Problem>> {
        let mut framework = if declared_format(text) == Some(FORMAT_2) {
            super::format2::parse(text, false).map(|(framework, _)| framework)?
        } else {
            Framework::from_format1(text)?
        };
        framework.record_source(text.as_bytes());
        Ok(framework)
    }

    /// Reads and validates a framework; with it, the warnings about what is legal but
    /// suspicious (a profile that requires nothing, a competency no profile requires).
    pub fn checked(text: &str) -> Result<(Framework, Vec<Problem>), Vec<Problem>> {
        if declared_format(text) == Some(FORMAT_2) {
            let (mut framework, warnings) = super::format2::parse(text, true)?;
            framework.record_source(text.as_bytes());
            return Ok((framework, warnings));
        }
        let mut framework = Framework::from_format1(text)?;
        framework.record_source(text.as_bytes());
        let warnings = super::format2::warnings(&framework, text, None);
        Ok((framework, warnings))
    }

    fn from_format1(text: &str) -> Result<Framework, Vec<Problem>> {
        let raw: RawFramework = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(err) => return Err(vec![Problem::from_toml_error(text, &err)]),
        };
        let mut framework = Validator::new(text).build(raw)?;
        framework.record_source(text.as_bytes());
        Ok(framework)
    }

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

    /// A framework from its parts, as the cache of validated frameworks gives them back; the
    /// lookup tables are rebuilt, the content hash is given by [`Framework::record_source`].
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
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
    pub(crate) fn record_source(&mut self, text: &[u8]) {
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
    /// levels lowest first, then "none" (for any scale but the built-in 0–5 one, whose 0
    /// already says "not yet"), then N/A.
    pub fn choices(&self, c: usize) -> Vec<super::level::Rating> {
        use super::level::Rating;
        let mut out: Vec<Rating> = self
            .valid_levels(c)
            .into_iter()
            .map(Rating::Level)
            .collect();
        if !self.scale.is_classic() {
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
    pub(super) fn at(text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column) = line_column(text, offset);
        Problem {
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem from a TOML syntax or type error.
    pub fn from_toml_error(text: &str, err: &toml::de::Error) -> Problem {
        let offset = err.span().map_or(0, |span| span.start);
        Problem::at(text, offset, err.message().trim().to_string())
    }
}

/// The `format = N` a file declares before its first table, found without parsing the file.
fn declared_format(text: &str) -> Option<i64> {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return None;
        }
        if let Some(rest) = line.strip_prefix("format") {
            let rest = rest.trim_start().strip_prefix('=')?;
            let value = rest.split('#').next()?.trim();
            return value.parse().ok();
        }
    }
    None
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

// ---- raw, file-shaped structures -----------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    format: Spanned<i64>,
    id: Spanned<String>,
    version: Spanned<i64>,
    name: String,
    summary: String,
    scale: Spanned<RawScale>,
    roles: Spanned<Vec<Spanned<RawRole>>>,
    profiles: Spanned<Vec<Spanned<RawProfile>>>,
    areas: Spanned<Vec<Spanned<RawArea>>>,
    competencies: Spanned<Vec<Spanned<RawCompetency>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    na: String,
    levels: Vec<Spanned<RawScaleLevel>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScaleLevel {
    value: Spanned<i64>,
    label: String,
    descriptor: String,
    hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: Spanned<String>,
    name: String,
    short: Spanned<String>,
    essence: String,
    description: String,
    activities: Vec<String>,
    horizon: String,
    scope: String,
    in_practice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: Spanned<String>,
    name: String,
    short: Spanned<String>,
    role: Spanned<String>,
    base: Option<Spanned<String>>,
    description: String,
    reference: Option<String>,
    adjust: Option<Spanned<BTreeMap<Spanned<String>, Spanned<i64>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: Spanned<String>,
    name: String,
    contrast: String,
    focus: Spanned<BTreeMap<String, Spanned<RawFocus>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFocus {
    label: String,
    weight: FocusWeight,
    meaning: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    id: Spanned<String>,
    area: Spanned<String>,
    name: String,
    description: String,
    refs: Vec<String>,
    practice: Spanned<BTreeMap<String, String>>,
    targets: Spanned<BTreeMap<Spanned<String>, Spanned<i64>>>,
    #[serde(default)]
    levels: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
}

/// A flavour's target adjustments, each with its position in the file.
type Adjustments = Vec<(Spanned<String>, Spanned<i64>)>;

// ---- validation --------------------------------------------------------------------------

struct Validator<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl<'a> Validator<'a> {
    fn new(text: &'a str) -> Self {
        Validator {
            text,
            problems: Vec::new(),
        }
    }

    fn report(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::at(self.text, span.start, message.into()));
    }

    fn check_id(&mut self, kind: &str, id: &Spanned<String>, seen: &mut HashSet<String>) {
        if !valid_id(id.get_ref()) {
            self.report(
                id.span(),
                format!(
                    "{kind} id {:?} must be 1-40 letters, digits, '-' or '_'",
                    id.get_ref()
                ),
            );
        } else if !seen.insert(id.get_ref().clone()) {
            self.report(id.span(), format!("duplicate {kind} id {:?}", id.get_ref()));
        }
    }

    /// Short names label table columns, so they must stay short.
    fn check_short(&mut self, short: &Spanned<String>) {
        let length = short.get_ref().chars().count();
        if length == 0 || length > MAX_SHORT {
            self.report(
                short.span(),
                format!(
                    "short name {:?} must be 1 to {MAX_SHORT} characters (it labels table columns)",
                    short.get_ref()
                ),
            );
        }
    }

    /// A level on the scale; `what` names it in the message, made only when one is needed.
    fn level<W: fmt::Display>(&mut self, value: &Spanned<i64>, what: impl FnOnce() -> W) -> Level {
        match Level::from_i64(*value.get_ref()).filter(|l| l.value() <= Level::MAX) {
            Some(level) => level,
            None => {
                self.report(
                    value.span(),
                    format!(
                        "{} {} is outside the scale 0..={}",
                        what(),
                        value.get_ref(),
                        Level::MAX
                    ),
                );
                Level::new(0).expect("0 is on the scale")
            }
        }
    }

    /// Where `name` is in `ids`; 0 once reported with the message `unknown` makes of it.
    fn index_of(
        &mut self,
        ids: &[String],
        name: &Spanned<String>,
        unknown: impl FnOnce(&String) -> String,
    ) -> usize {
        match ids.iter().position(|id| id == name.get_ref()) {
            Some(index) => index,
            None => {
                self.report(name.span(), unknown(name.get_ref()));
                0
            }
        }
    }

    fn build(mut self, raw: RawFramework) -> Result<Framework, Vec<Problem>> {
        let version = self.check_header(&raw);
        let scale = self.scale(raw.scale);
        let roles = self.roles(raw.roles);
        let role_ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
        let (mut profiles, adjustments, main_profiles) = self.profiles(raw.profiles, &role_ids);
        let (mut areas, area_ids, area_spans) = self.areas(raw.areas, &role_ids);
        let mut competencies = self.competencies(raw.competencies, &area_ids, &role_ids, &profiles);
        self.check_areas_used(&area_ids, area_spans, &competencies);
        self.resolve_profile_targets(adjustments, &profiles, &mut competencies);
        group_by_area(&mut competencies, &mut areas);
        mark_adjusted(&mut profiles, &competencies);
        if !self.problems.is_empty() {
            self.problems.sort_by_key(|p| (p.line, p.column));
            return Err(self.problems);
        }
        let index = competencies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Ok(Framework {
            id: raw.id.into_inner(),
            version,
            name: raw.name,
            summary: raw.summary,
            scale,
            roles,
            profiles,
            groups: Vec::new(),
            areas,
            competencies,
            main_profiles,
            axis: true,
            index,
            hash: SourceHash::default(),
            by_name: Derived::default(),
        })
    }

    /// Checks `format` and `id`, and returns the version.
    fn check_header(&mut self, raw: &RawFramework) -> u32 {
        if *raw.format.get_ref() != FORMAT {
            let message = if *raw.format.get_ref() > FORMAT {
                format!(
                    "framework format {} is newer than this rolefit understands ({FORMAT_2}); update rolefit",
                    raw.format.get_ref()
                )
            } else {
                format!(
                    "unknown framework format {}; expected {FORMAT} or {FORMAT_2}",
                    raw.format.get_ref()
                )
            };
            self.report(raw.format.span(), message);
        }
        if !valid_id(raw.id.get_ref()) {
            self.report(
                raw.id.span(),
                "framework id must be 1-40 letters, digits, '-' or '_'",
            );
        }
        match u32::try_from(*raw.version.get_ref()) {
            Ok(v) => v,
            Err(_) => {
                self.report(
                    raw.version.span(),
                    "version must be a whole number 0 or more",
                );
                0
            }
        }
    }

    fn check_areas_used(
        &mut self,
        area_ids: &[String],
        area_spans: Vec<Range<usize>>,
        competencies: &[Competency],
    ) {
        for (a, area_span) in area_spans.into_iter().enumerate() {
            if !competencies.iter().any(|c| c.area == a) {
                self.report(
                    area_span,
                    format!("area {:?} has no competencies", area_ids[a]),
                );
            }
        }
    }

    /// Resolves flavour targets: the base profile's target, unless adjusted.
    fn resolve_profile_targets(
        &mut self,
        adjustments: Vec<Adjustments>,
        profiles: &[Profile],
        competencies: &mut [Competency],
    ) {
        let known: HashSet<String> = competencies.iter().map(|c| c.id.0.clone()).collect();
        let mut adjusted: Vec<HashMap<String, Level>> = Vec::with_capacity(profiles.len());
        for (p, adjust) in adjustments.into_iter().enumerate() {
            let mut levels = HashMap::new();
            for (id, value) in adjust {
                if !known.contains(id.get_ref()) {
                    self.report(
                        id.span(),
                        format!(
                            "profile {:?} adjusts unknown competency {:?}",
                            profiles[p].id,
                            id.get_ref()
                        ),
                    );
                }
                let what = format!("profile {:?}: target for {}", profiles[p].id, id.get_ref());
                levels.insert(id.into_inner(), self.level(&value, || &what));
            }
            adjusted.push(levels);
        }
        for competency in competencies {
            for (p, profile) in profiles.iter().enumerate() {
                let Some(base) = profile.base else { continue };
                competency.targets[p] = adjusted[p]
                    .get(competency.id.as_str())
                    .copied()
                    .unwrap_or(competency.targets[base]);
            }
        }
    }

    fn scale(&mut self, raw: Spanned<RawScale>) -> Scale {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.levels.len() != Level::COUNT {
            self.report(
                span,
                format!(
                    "the scale needs exactly {} levels, 0 to {}; found {}",
                    Level::COUNT,
                    Level::MAX,
                    raw.levels.len()
                ),
            );
        }
        let mut levels = Vec::new();
        for (expected, level) in raw.levels.into_iter().enumerate() {
            let level = level.into_inner();
            let value = Level::from_i64(*level.value.get_ref())
                .filter(|l| l.value() <= Level::MAX)
                .unwrap_or(Level::NONE);
            if *level.value.get_ref() != expected as i64 {
                self.report(
                    level.value.span(),
                    format!(
                        "scale level {} is out of place: levels must run 0 to {} in order",
                        level.value.get_ref(),
                        Level::MAX
                    ),
                );
            }
            levels.push(ScaleLevel {
                value,
                label: level.label,
                descriptor: level.descriptor,
                hint: level.hint.filter(|h| !h.trim().is_empty()),
            });
        }
        Scale::new(raw.na, levels)
    }

    fn roles(&mut self, raw: Spanned<Vec<Spanned<RawRole>>>) -> Vec<Role> {
        if raw.get_ref().len() != 2 {
            self.report(
                raw.span(),
                format!(
                    "a framework compares exactly two roles; found {}",
                    raw.get_ref().len()
                ),
            );
        }
        let mut seen = HashSet::new();
        let mut roles = Vec::new();
        for role in raw.into_inner() {
            let role = role.into_inner();
            self.check_id("role", &role.id, &mut seen);
            self.check_short(&role.short);
            roles.push(Role {
                id: role.id.into_inner(),
                name: role.name,
                short: role.short.into_inner(),
                essence: role.essence,
                description: role.description,
                activities: role.activities,
                horizon: role.horizon,
                scope: role.scope,
                in_practice: role.in_practice,
            });
        }
        roles
    }

    #[allow(clippy::type_complexity)]
    fn profiles(
        &mut self,
        raw: Spanned<Vec<Spanned<RawProfile>>>,
        role_ids: &[String],
    ) -> (Vec<Profile>, Vec<Adjustments>, [usize; 2]) {
        let list_span = raw.span();
        let raw = raw.into_inner();
        let ids: Vec<String> = raw
            .iter()
            .map(|p| p.get_ref().id.get_ref().clone())
            .collect();
        let mut seen = HashSet::new();
        let mut profiles = Vec::new();
        let mut adjustments = Vec::new();
        let mut declared_base = Vec::new();
        for profile in raw {
            declared_base.push(profile.get_ref().base.is_some());
            let (profile, adjust) = self.profile(profile, &ids, role_ids, &mut seen);
            profiles.push(profile);
            adjustments.push(adjust);
        }
        self.check_bases(&mut profiles, &declared_base, &list_span);
        borrow_main_bases(&mut profiles, &declared_base);
        let main = self.main_profiles(&profiles, &declared_base, role_ids, &list_span);
        (profiles, adjustments, main)
    }

    /// One profile, with its adjustments; `ids` are those of all profiles, for its base.
    fn profile(
        &mut self,
        profile: Spanned<RawProfile>,
        ids: &[String],
        role_ids: &[String],
        seen: &mut HashSet<String>,
    ) -> (Profile, Adjustments) {
        let profile_span = profile.span();
        let profile = profile.into_inner();
        self.check_id("profile", &profile.id, seen);
        self.check_short(&profile.short);
        let role = Some(self.index_of(role_ids, &profile.role, |r| format!("unknown role {r:?}")));
        let base = profile.base.as_ref().and_then(|base| {
            let found = ids.iter().position(|id| id == base.get_ref());
            if found.is_none() {
                self.report(
                    base.span(),
                    format!("unknown base profile {:?}", base.get_ref()),
                );
            }
            found
        });
        if profile.base.is_none() && profile.adjust.is_some() {
            self.report(
                profile_span,
                format!(
                    "profile {:?} has `adjust` but no `base` to adjust",
                    profile.id.get_ref()
                ),
            );
        }
        let adjust = profile
            .adjust
            .map(|a| a.into_inner().into_iter().collect())
            .unwrap_or_default();
        let profile = Profile {
            id: profile.id.into_inner(),
            name: profile.name,
            short: profile.short.into_inner(),
            role,
            grade: None,
            base,
            description: profile.description,
            reference: profile.reference,
            adjusted: Vec::new(),
        };
        (profile, adjust)
    }

    /// A base must itself be a main profile, so targets resolve in one step.
    fn check_bases(
        &mut self,
        profiles: &mut [Profile],
        declared_base: &[bool],
        list_span: &Range<usize>,
    ) {
        for (p, profile) in profiles.iter_mut().enumerate() {
            if let Some(base) = profile.base
                && (declared_base[base] || base == p)
            {
                self.report(
                    list_span.clone(),
                    format!(
                        "profile {:?} must be based on a profile without a base",
                        profile.id
                    ),
                );
                profile.base = None;
            }
        }
    }

    /// The profile without a base of each role.
    fn main_profiles(
        &mut self,
        profiles: &[Profile],
        declared_base: &[bool],
        role_ids: &[String],
        list_span: &Range<usize>,
    ) -> [usize; 2] {
        let mut main = [usize::MAX; 2];
        for (role, slot) in main.iter_mut().enumerate().take(role_ids.len()) {
            let mains: Vec<usize> = (0..profiles.len())
                .filter(|&p| profiles[p].role == Some(role) && !declared_base[p])
                .collect();
            match mains.as_slice() {
                [one] => *slot = *one,
                _ => self.report(
                    list_span.clone(),
                    format!(
                        "role {:?} needs exactly one profile without a base; found {}",
                        role_ids[role],
                        mains.len()
                    ),
                ),
            }
        }
        main
    }

    fn areas(
        &mut self,
        raw: Spanned<Vec<Spanned<RawArea>>>,
        role_ids: &[String],
    ) -> (Vec<Area>, Vec<String>, Vec<Range<usize>>) {
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one area");
        }
        let mut seen = HashSet::new();
        let mut areas = Vec::new();
        let mut ids = Vec::new();
        let mut spans = Vec::new();
        for area in raw.into_inner() {
            let area = area.into_inner();
            self.check_id("area", &area.id, &mut seen);
            let focus_span = area.focus.span();
            let mut focus_map = area.focus.into_inner();
            for key in focus_map.keys() {
                if !role_ids.contains(key) {
                    self.report(
                        focus_span.clone(),
                        format!("focus for unknown role {key:?}"),
                    );
                }
            }
            let mut focus = Vec::new();
            for role in role_ids.iter().take(2) {
                match focus_map.remove(role) {
                    Some(f) => {
                        let f = f.into_inner();
                        focus.push(Focus {
                            label: f.label,
                            weight: f.weight,
                            meaning: f.meaning,
                        });
                    }
                    None => {
                        self.report(
                            focus_span.clone(),
                            format!(
                                "area {:?} has no focus for role {role:?}",
                                area.id.get_ref()
                            ),
                        );
                        focus.push(Focus {
                            label: String::new(),
                            weight: FocusWeight::None,
                            meaning: String::new(),
                        });
                    }
                }
            }
            while focus.len() < 2 {
                focus.push(Focus {
                    label: String::new(),
                    weight: FocusWeight::None,
                    meaning: String::new(),
                });
            }
            ids.push(area.id.get_ref().clone());
            spans.push(area.id.span());
            areas.push(Area {
                id: area.id.into_inner(),
                name: area.name,
                contrast: area.contrast,
                focus,
                parent: None,
                competencies: 0..0,
            });
        }
        (areas, ids, spans)
    }

    fn competencies(
        &mut self,
        raw: Spanned<Vec<Spanned<RawCompetency>>>,
        area_ids: &[String],
        role_ids: &[String],
        profiles: &[Profile],
    ) -> Vec<Competency> {
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one competency");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for competency in raw.into_inner() {
            let span = competency.span();
            let c = competency.into_inner();
            self.check_id("competency", &c.id, &mut seen);
            let id = c.id.get_ref().clone();
            let area = self.index_of(area_ids, &c.area, |area| {
                format!("competency {id} names unknown area {area:?}")
            });
            let practice = self.check_practice(&id, c.practice, role_ids);
            let targets = self.check_competency_targets(&id, span, c.targets, profiles);
            let levels = self.check_anchors(&id, c.levels);
            out.push(Competency {
                id: CompetencyId(id),
                area,
                name: c.name,
                description: c.description,
                refs: c.refs,
                practice,
                targets,
                levels,
                valid: Vec::new(),
            });
        }
        out
    }

    /// A competency's practice text for each role, in role order.
    fn check_practice(
        &mut self,
        id: &str,
        practice: Spanned<BTreeMap<String, String>>,
        role_ids: &[String],
    ) -> Vec<String> {
        let practice_span = practice.span();
        let practice_map = practice.into_inner();
        for key in practice_map.keys() {
            if !role_ids.contains(key) {
                self.report(
                    practice_span.clone(),
                    format!("competency {id}: practice for unknown role {key:?}"),
                );
            }
        }
        for role in role_ids.iter().take(2) {
            if !practice_map.contains_key(role) {
                self.report(
                    practice_span.clone(),
                    format!("competency {id} has no practice text for role {role:?}"),
                );
            }
        }
        (0..2)
            .map(|r| {
                role_ids
                    .get(r)
                    .and_then(|role| practice_map.get(role))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    }

    /// A competency's own level anchors, indexed by level value. A partial set is allowed: a
    /// level without an anchor shows the scale's descriptor.
    fn check_anchors(
        &mut self,
        id: &str,
        raw: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    ) -> Vec<(Level, String)> {
        let mut levels = Vec::new();
        let Some(raw) = raw else {
            return levels;
        };
        if raw.get_ref().is_empty() {
            self.report(
                raw.span(),
                format!(
                    "competency {id}: [competencies.levels] is empty; describe at least one level or remove it"
                ),
            );
        }
        for (key, value) in raw.into_inner() {
            let level = key
                .get_ref()
                .parse::<i64>()
                .ok()
                .filter(|_| key.get_ref().bytes().all(|b| b.is_ascii_digit()))
                .and_then(Level::from_i64)
                .filter(|l| l.value() <= Level::MAX);
            let Some(level) = level else {
                self.report(
                    key.span(),
                    format!(
                        "competency {id}: level {:?} is not on the scale; use \"0\" to \"{}\"",
                        key.get_ref(),
                        Level::MAX
                    ),
                );
                continue;
            };
            let text = value.get_ref().trim();
            if text.is_empty() {
                self.report(
                    value.span(),
                    format!("competency {id}: the text for level {level} is empty"),
                );
            } else if text.contains('\n') {
                self.report(
                    value.span(),
                    format!("competency {id}: the text for level {level} must be one line"),
                );
            } else {
                levels.push((level, text.to_string()));
            }
        }
        levels
    }

    /// A competency's target for each profile, in profile order; a flavour's is resolved later.
    fn check_competency_targets(
        &mut self,
        id: &str,
        span: Range<usize>,
        raw: Spanned<BTreeMap<Spanned<String>, Spanned<i64>>>,
        profiles: &[Profile],
    ) -> Vec<Level> {
        let mut target_map: HashMap<String, Spanned<i64>> = HashMap::new();
        for (key, value) in raw.into_inner() {
            let key_span = key.span();
            let key = key.into_inner();
            match profiles.iter().find(|p| p.id == key) {
                None => self.report(
                    key_span,
                    format!("competency {id}: target for unknown profile {key:?}"),
                ),
                Some(p) if p.base.is_some() => self.report(
                    key_span,
                    format!(
                        "competency {id}: profile {key:?} takes its targets from its base; use `adjust` in the profile"
                    ),
                ),
                Some(_) => {}
            }
            target_map.insert(key, value);
        }
        let mut targets = Vec::with_capacity(profiles.len());
        for profile in profiles {
            let level = match target_map.get(&profile.id) {
                Some(value) => self.level(value, || format!("competency {id}: target")),
                None => {
                    if profile.base.is_none() {
                        self.report(
                            span.clone(),
                            format!("competency {id} has no target for profile {:?}", profile.id),
                        );
                    }
                    Level::new(0).expect("on scale")
                }
            };
            targets.push(level);
        }
        targets
    }
}

/// A flavour whose base is wrong still counts as a flavour: it borrows its role's main
/// profile, so one mistake is reported once rather than as a cascade.
fn borrow_main_bases(profiles: &mut [Profile], declared_base: &[bool]) {
    for p in 0..profiles.len() {
        if declared_base[p] && profiles[p].base.is_none() {
            profiles[p].base = (0..profiles.len())
                .find(|&q| !declared_base[q] && profiles[q].role == profiles[p].role);
        }
    }
}

/// Groups competencies by area, keeping file order within an area.
fn group_by_area(competencies: &mut [Competency], areas: &mut [Area]) {
    competencies.sort_by_key(|c| c.area);
    for (a, area) in areas.iter_mut().enumerate() {
        let start = competencies.partition_point(|c| c.area < a);
        let end = competencies.partition_point(|c| c.area <= a);
        area.competencies = start..end;
    }
}

/// Lists, for each flavour, the competencies whose target differs from its base's.
fn mark_adjusted(profiles: &mut [Profile], competencies: &[Competency]) {
    for (p, profile) in profiles.iter_mut().enumerate() {
        if let Some(base) = profile.base {
            profile.adjusted = (0..competencies.len())
                .filter(|&c| competencies[c].targets[p] != competencies[c].targets[base])
                .collect();
        }
    }
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
