//! Framework file format 2 (PRODUCT.md §6b): any number of roles, an optional axis for the
//! lean, profiles with an optional role, base and grade, a scale of 2 to 10 levels with any
//! start, per-competency level texts and valid levels, targets left out meaning "not
//! required", and one level of parent areas.
//!
//! [`parse`] reads and validates a file, reporting every problem once at its line and column;
//! [`dump`] writes any framework (the built-in included) in this format, so that what it
//! writes reads back as the same framework.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::framework::{
    Area, Competency, CompetencyId, FORMAT_2, Focus, FocusWeight, Framework, Group, MAX_SHORT_2,
    Problem, Profile, Role, Scale, ScaleLevel,
};
use super::level::Level;

/// How long a chain of bases may be (a profile based on one based on one …): deep enough for
/// any career ladder, short enough that a mistake is caught.
pub const MAX_BASE_DEPTH: usize = 16;

/// Fewest and most levels a scale may have.
pub const SCALE_LEVELS: std::ops::RangeInclusive<usize> = 2..=10;

// ---- raw, file-shaped structures -----------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    format: Spanned<i64>,
    id: Spanned<String>,
    version: Spanned<i64>,
    name: String,
    summary: Option<String>,
    scale: Spanned<RawScale>,
    #[serde(default)]
    roles: Vec<Spanned<RawRole>>,
    axis: Option<Spanned<RawAxis>>,
    profiles: Spanned<Vec<Spanned<RawProfile>>>,
    areas: Spanned<Vec<Spanned<RawArea>>>,
    competencies: Spanned<Vec<Spanned<RawCompetency>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    na: Option<String>,
    levels: Spanned<Vec<Spanned<RawScaleLevel>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScaleLevel {
    value: Spanned<i64>,
    label: String,
    descriptor: Option<String>,
    hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: Spanned<String>,
    name: String,
    short: Spanned<String>,
    essence: Option<String>,
    description: Option<String>,
    activities: Option<Vec<String>>,
    horizon: Option<String>,
    scope: Option<String>,
    in_practice: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAxis {
    roles: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTarget {
    Number(i64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: Spanned<String>,
    name: String,
    short: Spanned<String>,
    description: Option<String>,
    reference: Option<String>,
    role: Option<Spanned<String>>,
    base: Option<Spanned<String>>,
    grade: Option<i64>,
    adjust: Option<Spanned<BTreeMap<Spanned<String>, Spanned<RawTarget>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: Spanned<String>,
    name: String,
    contrast: Option<String>,
    parent: Option<Spanned<String>>,
    focus: Option<BTreeMap<Spanned<String>, Spanned<RawFocus>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFocus {
    label: Option<String>,
    weight: Option<FocusWeight>,
    meaning: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    id: Spanned<String>,
    area: Spanned<String>,
    name: String,
    description: Option<String>,
    refs: Option<Vec<String>>,
    practice: Option<BTreeMap<Spanned<String>, String>>,
    valid: Option<Spanned<Vec<Spanned<i64>>>>,
    levels: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    targets: Option<BTreeMap<Spanned<String>, Spanned<i64>>>,
}

// ---- parsing and validation ----------------------------------------------------------------

/// Reads and validates a format 2 file: the framework and, when asked, its warnings; or every
/// problem.
pub fn parse(text: &str, with_warnings: bool) -> Result<(Framework, Vec<Problem>), Vec<Problem>> {
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => return Err(vec![Problem::from_toml_error(text, &err)]),
    };
    let mut check = Check {
        text,
        problems: Vec::new(),
        declared_base: Vec::new(),
        scale_faulted: false,
    };
    let mut spans = Spans::default();
    let framework = check.build(raw, &mut spans);
    if !check.problems.is_empty() {
        check.problems.sort_by_key(|p| (p.line, p.column));
        return Err(check.problems);
    }
    let warnings = if with_warnings {
        warnings(&framework, text, Some(&spans))
    } else {
        Vec::new()
    };
    Ok((framework, warnings))
}

/// Where profiles and competencies start in the file, for warnings.
#[derive(Default)]
pub struct Spans {
    profiles: Vec<usize>,
    competencies: HashMap<String, usize>,
}

/// What is legal but likely a mistake: a profile that requires nothing, a competency no
/// profile requires. Positions come from `spans` when known, else from the ids' first
/// occurrence in `text`.
pub fn warnings(framework: &Framework, text: &str, spans: Option<&Spans>) -> Vec<Problem> {
    let find = |needle: &str| text.find(needle).unwrap_or(0);
    let mut out = Vec::new();
    for (p, profile) in framework.profiles.iter().enumerate() {
        let any = (0..framework.competencies.len()).any(|c| framework.requires(p, c));
        if !any {
            let at = spans
                .and_then(|s| s.profiles.get(p).copied())
                .unwrap_or_else(|| find(&format!("id = \"{}\"", profile.id)));
            out.push(Problem::at(
                text,
                at,
                format!(
                    "warning: profile {:?} requires no competency; give it targets or remove it",
                    profile.id
                ),
            ));
        }
    }
    for (c, competency) in framework.competencies.iter().enumerate() {
        let any = (0..framework.profiles.len()).any(|p| framework.requires(p, c));
        if !any {
            let at = spans
                .and_then(|s| s.competencies.get(competency.id.as_str()).copied())
                .unwrap_or_else(|| find(&format!("id = \"{}\"", competency.id)));
            out.push(Problem::at(
                text,
                at,
                format!(
                    "warning: no profile requires competency {}; it counts towards no readiness",
                    competency.id
                ),
            ));
        }
    }
    out.sort_by_key(|p| (p.line, p.column));
    out
}

/// Ids: 1 to 40 letters, digits, '-', '_' or '.'.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

struct Check<'a> {
    text: &'a str,
    problems: Vec<Problem>,
    /// Per profile, whether the file gives it a base: a profile without one is a main
    /// profile, even when its base is lost to a mistake reported elsewhere.
    declared_base: Vec<bool>,
    /// The scale's shape is already faulted: levels are not checked against it again.
    scale_faulted: bool,
}

impl Check<'_> {
    fn report(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::at(self.text, span.start, message.into()));
    }

    fn id(&mut self, kind: &str, id: &Spanned<String>, seen: &mut HashSet<String>) {
        if !valid_id(id.get_ref()) {
            self.report(
                id.span(),
                format!(
                    "{kind} id {:?} must be 1-40 letters, digits, '-', '_' or '.'",
                    id.get_ref()
                ),
            );
        } else if !seen.insert(id.get_ref().clone()) {
            self.report(id.span(), format!("duplicate {kind} id {:?}", id.get_ref()));
        }
    }

    fn short(&mut self, short: &Spanned<String>) {
        let length = short.get_ref().chars().count();
        if length == 0 || length > MAX_SHORT_2 {
            self.report(
                short.span(),
                format!(
                    "short name {:?} must be 1 to {MAX_SHORT_2} characters (it labels table columns)",
                    short.get_ref()
                ),
            );
        }
    }

    /// A level value on `scale` (and among `valid` when it lists any).
    fn level_on(
        &mut self,
        scale: &Scale,
        valid: &[Level],
        value: &Spanned<i64>,
        what: &str,
    ) -> Option<Level> {
        if self.scale_faulted {
            return Level::from_i64(*value.get_ref());
        }
        let level = Level::from_i64(*value.get_ref()).filter(|&l| scale.contains(l));
        match level {
            None => {
                self.report(
                    value.span(),
                    format!(
                        "{what} {} is not on the scale; use one of {}",
                        value.get_ref(),
                        list(scale.values())
                    ),
                );
                None
            }
            Some(l) if !valid.is_empty() && !valid.contains(&l) => {
                self.report(
                    value.span(),
                    format!(
                        "{what} {l} is not one of the competency's valid levels {}",
                        list(valid.iter().copied())
                    ),
                );
                None
            }
            Some(l) => Some(l),
        }
    }

    fn build(&mut self, raw: Raw, spans: &mut Spans) -> Framework {
        if *raw.format.get_ref() != FORMAT_2 {
            self.report(raw.format.span(), "expected format = 2");
        }
        if !valid_id(raw.id.get_ref()) {
            self.report(
                raw.id.span(),
                "framework id must be 1-40 letters, digits, '-', '_' or '.'",
            );
        }
        let version = u32::try_from(*raw.version.get_ref()).unwrap_or_else(|_| {
            self.report(
                raw.version.span(),
                "version must be a whole number 0 or more",
            );
            0
        });
        let (scale, descriptor_spans) = self.scale(raw.scale);
        let roles = self.roles(raw.roles);
        let role_ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
        let (mut profiles, adjust) = self.profiles(raw.profiles, &role_ids, spans);
        let (main_profiles, axis) = self.axis(raw.axis, &roles, &profiles);
        let (groups, mut areas, area_ids, area_spans) = self.areas(raw.areas, &role_ids);
        let group_ids: Vec<String> = groups.iter().map(|g| g.id.clone()).collect();
        let mut competencies = self.competencies(
            raw.competencies,
            &scale,
            (&area_ids, &group_ids),
            &role_ids,
            &profiles,
            spans,
        );
        for (a, span) in area_spans.into_iter().enumerate() {
            if !competencies.iter().any(|c| c.area == a) {
                self.report(span, format!("area {:?} has no competencies", area_ids[a]));
            }
        }
        self.descriptors(&scale, &descriptor_spans, &competencies);
        self.adjust(adjust, &scale, &profiles, &mut competencies);
        competencies.sort_by_key(|c| c.area);
        for (a, area) in areas.iter_mut().enumerate() {
            let start = competencies.partition_point(|c| c.area < a);
            let end = competencies.partition_point(|c| c.area <= a);
            area.competencies = start..end;
        }
        for (p, profile) in profiles.iter_mut().enumerate() {
            if let Some(base) = profile.base {
                profile.adjusted = (0..competencies.len())
                    .filter(|&c| competencies[c].targets[p] != competencies[c].targets[base])
                    .collect();
            }
        }
        let index = competencies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Framework {
            id: raw.id.into_inner(),
            version,
            name: raw.name,
            summary: raw.summary.unwrap_or_default(),
            scale,
            roles,
            profiles,
            groups,
            areas,
            competencies,
            main_profiles,
            axis,
            index,
            hash: super::framework::SourceHash::default(),
            by_name: super::framework::Derived::default(),
        }
    }

    /// The scale; a wrong number of levels or values out of order is one problem.
    fn scale(&mut self, raw: Spanned<RawScale>) -> (Scale, Vec<Option<Range<usize>>>) {
        let raw = raw.into_inner();
        let list_span = raw.levels.span();
        let count = raw.levels.get_ref().len();
        let mut shape_ok = true;
        if !SCALE_LEVELS.contains(&count) {
            self.report(
                list_span,
                format!(
                    "the scale needs {} to {} levels; found {count}",
                    SCALE_LEVELS.start(),
                    SCALE_LEVELS.end()
                ),
            );
            shape_ok = false;
        }
        let mut levels = Vec::new();
        let mut missing = Vec::new();
        let mut previous: Option<i64> = None;
        for level in raw.levels.into_inner() {
            let level_span = level.span();
            let level = level.into_inner();
            let value = *level.value.get_ref();
            let on_range = Level::from_i64(value);
            if shape_ok {
                if on_range.is_none() {
                    self.report(
                        level.value.span(),
                        format!(
                            "scale value {value} must be a whole number 0 to {}",
                            Level::TOP
                        ),
                    );
                    shape_ok = false;
                } else if previous.is_some_and(|p| value <= p) {
                    self.report(
                        level.value.span(),
                        format!(
                            "scale value {value} must be greater than the one before ({}): values increase strictly",
                            previous.unwrap_or_default()
                        ),
                    );
                    shape_ok = false;
                }
            }
            previous = Some(value);
            let descriptor = level.descriptor.unwrap_or_default();
            missing.push(descriptor.trim().is_empty().then_some(level_span));
            levels.push(ScaleLevel {
                value: on_range.unwrap_or(Level::NONE),
                label: level.label,
                descriptor,
                hint: level.hint.filter(|h| !h.trim().is_empty()),
            });
        }
        let na = raw
            .na
            .unwrap_or_else(|| "Not part of my work: left out of every score.".to_string());
        if !shape_ok {
            self.scale_faulted = true;
            // Keep later checks quiet about values the scale has already been faulted for.
            levels.retain(|l| !l.value.is_none());
            levels.dedup_by_key(|l| l.value);
            levels.sort_by_key(|l| l.value);
            missing.clear();
        }
        if levels.is_empty() {
            levels.push(ScaleLevel {
                value: Level::from_const(0),
                label: String::new(),
                descriptor: String::new(),
                hint: None,
            });
        }
        (Scale::new(na, levels), missing)
    }

    /// A scale level without a descriptor is fine only where every competency that can be
    /// rated at it describes it.
    fn descriptors(
        &mut self,
        scale: &Scale,
        missing: &[Option<Range<usize>>],
        competencies: &[Competency],
    ) {
        for (i, span) in missing.iter().enumerate() {
            let Some(span) = span else { continue };
            let level = scale.levels[i].value;
            if let Some(c) = competencies
                .iter()
                .find(|c| c.accepts(scale, level) && c.anchor(level).is_none())
            {
                self.report(
                    span.clone(),
                    format!(
                        "scale level {level} has no descriptor, and competency {} does not describe it; add one of them",
                        c.id
                    ),
                );
            }
        }
    }

    fn roles(&mut self, raw: Vec<Spanned<RawRole>>) -> Vec<Role> {
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|role| {
                let role = role.into_inner();
                self.id("role", &role.id, &mut seen);
                self.short(&role.short);
                Role {
                    id: role.id.into_inner(),
                    name: role.name,
                    short: role.short.into_inner(),
                    essence: role.essence.unwrap_or_default(),
                    description: role.description.unwrap_or_default(),
                    activities: role.activities.unwrap_or_default(),
                    horizon: role.horizon.unwrap_or_default(),
                    scope: role.scope.unwrap_or_default(),
                    in_practice: role.in_practice.unwrap_or_default(),
                }
            })
            .collect()
    }

    #[allow(clippy::type_complexity)]
    fn profiles(
        &mut self,
        raw: Spanned<Vec<Spanned<RawProfile>>>,
        role_ids: &[String],
        spans: &mut Spans,
    ) -> (
        Vec<Profile>,
        Vec<Vec<(Spanned<String>, Spanned<RawTarget>)>>,
    ) {
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one profile");
        }
        let raw = raw.into_inner();
        let ids: Vec<String> = raw
            .iter()
            .map(|p| p.get_ref().id.get_ref().clone())
            .collect();
        let mut seen = HashSet::new();
        let mut base_spans = Vec::new();
        let mut profiles = Vec::new();
        let mut adjustments = Vec::new();
        for profile in raw {
            let span = profile.span();
            spans.profiles.push(span.start);
            let profile = profile.into_inner();
            self.id("profile", &profile.id, &mut seen);
            self.short(&profile.short);
            let role = profile.role.as_ref().and_then(|r| {
                let found = role_ids.iter().position(|id| id == r.get_ref());
                if found.is_none() {
                    self.report(r.span(), format!("unknown role {:?}", r.get_ref()));
                }
                found
            });
            self.declared_base.push(profile.base.is_some());
            base_spans.push(profile.base.as_ref().map(Spanned::span));
            let base = profile.base.as_ref().and_then(|b| {
                match ids.iter().position(|id| id == b.get_ref()) {
                    None => {
                        self.report(b.span(), format!("unknown base profile {:?}", b.get_ref()));
                        None
                    }
                    Some(i) => Some(i),
                }
            });
            let adjust = match profile.adjust {
                Some(adjust) if profile.base.is_none() => {
                    self.report(
                        adjust.span(),
                        format!(
                            "profile {:?} has `adjust` but no `base` to adjust",
                            profile.id.get_ref()
                        ),
                    );
                    Vec::new()
                }
                Some(adjust) => adjust.into_inner().into_iter().collect(),
                None => Vec::new(),
            };
            adjustments.push(adjust);
            profiles.push(Profile {
                id: profile.id.into_inner(),
                name: profile.name,
                short: profile.short.into_inner(),
                role,
                grade: profile.grade,
                base,
                description: profile.description.unwrap_or_default(),
                reference: profile.reference,
                adjusted: Vec::new(),
            });
        }
        self.chains(&mut profiles, &base_spans);
        (profiles, adjustments)
    }

    /// Bases may chain (a career ladder: each grade based on the one below) up to
    /// [`MAX_BASE_DEPTH`] deep. A cycle is one problem naming its profiles and their lines, a
    /// chain too deep one problem at the profile that ends it; the profiles concerned lose
    /// their base, but not their standing as derived profiles (no follow-on axis error).
    fn chains(&mut self, profiles: &mut [Profile], base_spans: &[Option<Range<usize>>]) {
        let n = profiles.len();
        // 0 = not seen, 1 = on the current walk, 2 = done.
        let mut state = vec![0u8; n];
        for start in 0..n {
            let mut walk = Vec::new();
            let mut at = Some(start);
            while let Some(p) = at {
                match state[p] {
                    2 => break,
                    1 => {
                        let cycle = &walk[walk.iter().position(|&q| q == p).unwrap_or(0)..];
                        self.report_cycle(profiles, base_spans, cycle);
                        for &q in cycle {
                            profiles[q].base = None;
                        }
                        break;
                    }
                    _ => {
                        state[p] = 1;
                        walk.push(p);
                        at = profiles[p].base;
                    }
                }
            }
            for p in walk {
                state[p] = 2;
            }
        }
        let depths: Vec<usize> = (0..n).map(|p| depth(profiles, p)).collect();
        for p in 0..n {
            // Reported once per chain, at the first profile past the limit.
            if depths[p] == MAX_BASE_DEPTH + 1
                && profiles[p]
                    .base
                    .is_some_and(|b| depths[b] == MAX_BASE_DEPTH)
            {
                self.report(
                    base_spans[p].clone().unwrap_or(0..0),
                    format!(
                        "profile {:?} is more than {MAX_BASE_DEPTH} bases away from a profile without a base; base it on one nearer the start of its chain",
                        profiles[p].id
                    ),
                );
            }
        }
        for p in 0..n {
            if depths[p] > MAX_BASE_DEPTH {
                profiles[p].base = None;
            }
        }
    }

    fn report_cycle(
        &mut self,
        profiles: &[Profile],
        base_spans: &[Option<Range<usize>>],
        cycle: &[usize],
    ) {
        let mut members: Vec<usize> = cycle.to_vec();
        members.sort_unstable();
        let named: Vec<String> = members
            .iter()
            .map(|&p| {
                let at = base_spans[p].as_ref().map_or(0, |s| s.start);
                let (line, _) = super::framework::line_column(self.text, at);
                format!("{:?} (line {line})", profiles[p].id)
            })
            .collect();
        let message = if members.len() == 1 {
            format!(
                "profile {} is based on itself; remove its base or base it on another profile",
                named[0]
            )
        } else {
            let (last, rest) = named.split_last().expect("a cycle has members");
            format!(
                "profiles {} and {last} form a cycle of bases; base one of them on a profile outside the cycle (or on none)",
                rest.join(", ")
            )
        };
        let span = base_spans[members[0]].clone().unwrap_or(0..0);
        self.report(span, message);
    }

    /// The side-by-side profiles and whether they define a lean.
    fn axis(
        &mut self,
        raw: Option<Spanned<RawAxis>>,
        roles: &[Role],
        profiles: &[Profile],
    ) -> ([usize; 2], bool) {
        let mains: Vec<usize> = (0..profiles.len())
            .filter(|&p| !self.declared_base[p])
            .collect();
        let fallback = [
            mains.first().copied().unwrap_or(0),
            mains.get(1).or(mains.first()).copied().unwrap_or(0),
        ];
        let axis_roles: Vec<(usize, Range<usize>)> = match raw {
            None if roles.len() >= 2 => vec![(0, 0..0), (1, 0..0)],
            None => return (fallback, false),
            Some(axis) => {
                let span = axis.span();
                let listed = axis.into_inner().roles;
                let list_span = listed.span();
                let listed = listed.into_inner();
                if listed.is_empty() {
                    return (fallback, false);
                }
                if listed.len() != 2 {
                    self.report(
                        list_span,
                        format!(
                            "[axis] roles names two roles (or none, for no lean); found {}",
                            listed.len()
                        ),
                    );
                    return (fallback, false);
                }
                let mut found = Vec::new();
                for name in &listed {
                    match roles.iter().position(|r| r.id == *name.get_ref()) {
                        Some(r) => found.push((r, name.span())),
                        None => self.report(
                            name.span(),
                            format!("[axis] names unknown role {:?}", name.get_ref()),
                        ),
                    }
                }
                if found.len() == 2 && found[0].0 == found[1].0 {
                    self.report(span, "[axis] needs two different roles");
                    return (fallback, false);
                }
                if found.len() != 2 {
                    return (fallback, false);
                }
                found
            }
        };
        let mut main = [0; 2];
        for (slot, (role, span)) in main.iter_mut().zip(&axis_roles) {
            let of_role: Vec<usize> = mains
                .iter()
                .copied()
                .filter(|&p| profiles[p].role == Some(*role))
                .collect();
            match of_role.as_slice() {
                [one] => *slot = *one,
                _ => {
                    self.report(
                        span.clone(),
                        format!(
                            "axis role {:?} needs exactly one profile without a base; found {}",
                            roles[*role].id,
                            of_role.len()
                        ),
                    );
                    return (fallback, false);
                }
            }
        }
        (main, true)
    }

    #[allow(clippy::type_complexity)]
    fn areas(
        &mut self,
        raw: Spanned<Vec<Spanned<RawArea>>>,
        role_ids: &[String],
    ) -> (Vec<Group>, Vec<Area>, Vec<String>, Vec<Range<usize>>) {
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one area");
        }
        let raw = raw.into_inner();
        let parents: HashSet<String> = raw
            .iter()
            .filter_map(|a| a.get_ref().parent.as_ref().map(|p| p.get_ref().clone()))
            .collect();
        let all_ids: Vec<String> = raw
            .iter()
            .map(|a| a.get_ref().id.get_ref().clone())
            .collect();
        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        let mut group_ids = Vec::new();
        let mut leaves = Vec::new();
        for area in raw {
            let area = area.into_inner();
            self.id("area", &area.id, &mut seen);
            if parents.contains(area.id.get_ref()) {
                if let Some(parent) = &area.parent {
                    self.report(
                        parent.span(),
                        format!(
                            "area {:?} holds areas, so it cannot have a parent itself: parents go one level deep",
                            area.id.get_ref()
                        ),
                    );
                }
                group_ids.push(area.id.get_ref().clone());
                groups.push(Group {
                    id: area.id.into_inner(),
                    name: area.name,
                });
            } else {
                leaves.push(area);
            }
        }
        // Areas under one parent sit together, where the first of them is in the file.
        let first_of: Vec<usize> = leaves
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let parent = a.parent.as_ref().map(|p| p.get_ref());
                match parent {
                    None => i,
                    Some(p) => leaves
                        .iter()
                        .position(|b| b.parent.as_ref().map(|q| q.get_ref()) == Some(p))
                        .unwrap_or(i),
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..leaves.len()).collect();
        order.sort_by_key(|&i| (first_of[i], i));
        let mut slots: Vec<Option<RawArea>> = leaves.into_iter().map(Some).collect();
        let leaves: Vec<RawArea> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let mut areas = Vec::new();
        let mut ids = Vec::new();
        let mut spans = Vec::new();
        for area in leaves {
            let parent = area.parent.as_ref().and_then(|p| {
                let found = group_ids.iter().position(|g| g == p.get_ref());
                if found.is_none() && !all_ids.contains(p.get_ref()) {
                    self.report(p.span(), format!("unknown parent area {:?}", p.get_ref()));
                }
                found
            });
            let mut given: HashMap<String, RawFocus> = HashMap::new();
            for (key, focus) in area.focus.unwrap_or_default() {
                if !role_ids.contains(key.get_ref()) {
                    self.report(
                        key.span(),
                        format!("focus for unknown role {:?}", key.get_ref()),
                    );
                }
                given.insert(key.into_inner(), focus.into_inner());
            }
            let focus = role_ids
                .iter()
                .map(|role| match given.remove(role) {
                    Some(f) => Focus {
                        label: f.label.unwrap_or_default(),
                        weight: f.weight.unwrap_or(FocusWeight::DEFAULT),
                        meaning: f.meaning.unwrap_or_default(),
                    },
                    None => Focus {
                        label: String::new(),
                        weight: FocusWeight::DEFAULT,
                        meaning: String::new(),
                    },
                })
                .collect();
            ids.push(area.id.get_ref().clone());
            spans.push(area.id.span());
            areas.push(Area {
                id: area.id.into_inner(),
                name: area.name,
                contrast: area.contrast.unwrap_or_default(),
                focus,
                parent,
                competencies: 0..0,
            });
        }
        (groups, areas, ids, spans)
    }

    fn competencies(
        &mut self,
        raw: Spanned<Vec<Spanned<RawCompetency>>>,
        scale: &Scale,
        areas: (&[String], &[String]),
        role_ids: &[String],
        profiles: &[Profile],
        spans: &mut Spans,
    ) -> Vec<Competency> {
        let (area_ids, group_ids) = areas;
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one competency");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut in_parents: BTreeMap<String, (Range<usize>, Vec<String>)> = BTreeMap::new();
        for competency in raw.into_inner() {
            let start = competency.span().start;
            let c = competency.into_inner();
            self.id("competency", &c.id, &mut seen);
            let id = c.id.get_ref().clone();
            spans.competencies.entry(id.clone()).or_insert(start);
            let area = match area_ids.iter().position(|a| a == c.area.get_ref()) {
                Some(a) => a,
                None if group_ids.contains(c.area.get_ref()) => {
                    // One problem per parent area, however many competencies name it.
                    in_parents
                        .entry(c.area.get_ref().clone())
                        .or_insert_with(|| (c.area.span(), Vec::new()))
                        .1
                        .push(id.clone());
                    0
                }
                None => {
                    self.report(
                        c.area.span(),
                        format!("competency {id} names unknown area {:?}", c.area.get_ref()),
                    );
                    0
                }
            };
            let mut practice = vec![String::new(); role_ids.len()];
            for (key, text) in c.practice.unwrap_or_default() {
                match role_ids.iter().position(|r| r == key.get_ref()) {
                    Some(r) => practice[r] = text,
                    None => self.report(
                        key.span(),
                        format!(
                            "competency {id}: practice for unknown role {:?}",
                            key.get_ref()
                        ),
                    ),
                }
            }
            let mut valid = Vec::new();
            if let Some(raw_valid) = c.valid {
                if raw_valid.get_ref().is_empty() {
                    self.report(
                        raw_valid.span(),
                        format!("competency {id}: `valid` is empty; list its levels or remove it"),
                    );
                }
                for value in raw_valid.into_inner() {
                    if let Some(l) =
                        self.level_on(scale, &[], &value, &format!("competency {id}: valid level"))
                    {
                        if valid.contains(&l) {
                            self.report(
                                value.span(),
                                format!("competency {id}: valid level {l} is listed twice"),
                            );
                        } else {
                            valid.push(l);
                        }
                    }
                }
                valid.sort();
            }
            let levels = self.anchors(&id, scale, &valid, c.levels);
            let mut targets = vec![Level::NONE; profiles.len()];
            for (key, value) in c.targets.unwrap_or_default() {
                match profiles.iter().position(|p| p.id == *key.get_ref()) {
                    None => self.report(
                        key.span(),
                        format!("competency {id}: target for unknown profile {:?}", key.get_ref()),
                    ),
                    Some(p) if self.declared_base[p] => self.report(
                        key.span(),
                        format!(
                            "competency {id}: profile {:?} takes its targets from its base; use [profiles.adjust]",
                            key.get_ref()
                        ),
                    ),
                    Some(p) => {
                        if let Some(l) =
                            self.level_on(scale, &valid, &value, &format!("competency {id}: target"))
                        {
                            targets[p] = l;
                        }
                    }
                }
            }
            out.push(Competency {
                id: CompetencyId(id),
                area,
                name: c.name,
                description: c.description.unwrap_or_default(),
                refs: c.refs.unwrap_or_default(),
                practice,
                targets,
                levels,
                valid,
            });
        }
        for (group, (span, ids)) in in_parents {
            let count = ids.len();
            self.report(
                span,
                format!(
                    "area {group:?} holds areas (it is their parent), so it cannot hold competencies; move {} ({}) into one of its areas",
                    if count == 1 { "this competency" } else { "these competencies" },
                    ids.join(", ")
                ),
            );
        }
        out
    }

    fn anchors(
        &mut self,
        id: &str,
        scale: &Scale,
        valid: &[Level],
        raw: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    ) -> Vec<(Level, String)> {
        let Some(raw) = raw else { return Vec::new() };
        if raw.get_ref().is_empty() {
            self.report(
                raw.span(),
                format!("competency {id}: [competencies.levels] is empty; describe at least one level or remove it"),
            );
        }
        let mut levels = Vec::new();
        for (key, text) in raw.into_inner() {
            let value = Spanned::new(
                key.span(),
                key.get_ref()
                    .parse::<i64>()
                    .ok()
                    .filter(|_| key.get_ref().bytes().all(|b| b.is_ascii_digit()))
                    .unwrap_or(-1),
            );
            let Some(level) =
                self.level_on(scale, valid, &value, &format!("competency {id}: level"))
            else {
                continue;
            };
            let trimmed = text.get_ref().trim();
            if trimmed.is_empty() {
                self.report(
                    text.span(),
                    format!("competency {id}: the text for level {level} is empty"),
                );
            } else if trimmed.contains('\n') {
                self.report(
                    text.span(),
                    format!("competency {id}: the text for level {level} must be one line"),
                );
            } else if levels.iter().any(|(l, _)| *l == level) {
                self.report(
                    key.span(),
                    format!("competency {id}: level {level} is described twice"),
                );
            } else {
                levels.push((level, trimmed.to_string()));
            }
        }
        levels.sort_by_key(|(l, _)| *l);
        levels
    }

    /// A profile with a base takes the base's targets, changed by its `adjust`.
    fn adjust(
        &mut self,
        adjustments: Vec<Vec<(Spanned<String>, Spanned<RawTarget>)>>,
        scale: &Scale,
        profiles: &[Profile],
        competencies: &mut [Competency],
    ) {
        let index: HashMap<String, usize> = competencies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.0.clone(), i))
            .collect();
        // Bases first: along a chain each profile starts from its base's resolved targets.
        let mut order: Vec<usize> = (0..profiles.len()).collect();
        order.sort_by_key(|&p| depth(profiles, p));
        for p in order {
            let profile = &profiles[p];
            let Some(base) = profile.base else { continue };
            for competency in competencies.iter_mut() {
                competency.targets[p] = competency.targets[base];
            }
            for (id, target) in &adjustments[p] {
                let Some(&c) = index.get(id.get_ref()) else {
                    self.report(
                        id.span(),
                        format!(
                            "profile {:?} adjusts unknown competency {:?}",
                            profile.id,
                            id.get_ref()
                        ),
                    );
                    continue;
                };
                let what = format!("profile {:?}: target for {}", profile.id, id.get_ref());
                let level = match target.get_ref() {
                    RawTarget::Text(t) if t == "none" => Some(Level::NONE),
                    RawTarget::Text(t) => {
                        self.report(
                            target.span(),
                            format!(
                                "{what} {t:?} is not a level: use a level of the scale or \"none\""
                            ),
                        );
                        None
                    }
                    RawTarget::Number(n) => {
                        let valid = competencies[c].valid.clone();
                        self.level_on(scale, &valid, &Spanned::new(target.span(), *n), &what)
                    }
                };
                if let Some(level) = level {
                    competencies[c].targets[p] = level;
                }
            }
        }
    }
}

/// How many bases away from a profile without one `p` is (at most one past the limit).
fn depth(profiles: &[Profile], p: usize) -> usize {
    let mut depth = 0;
    let mut at = profiles[p].base;
    while let Some(q) = at {
        depth += 1;
        if depth > MAX_BASE_DEPTH {
            break;
        }
        at = profiles[q].base;
    }
    depth
}

fn list(levels: impl Iterator<Item = Level>) -> String {
    levels.map(|l| l.to_string()).collect::<Vec<_>>().join(", ")
}

// ---- writing --------------------------------------------------------------------------------

pub(crate) fn q(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

pub(crate) fn key(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        text.to_string()
    } else {
        q(text)
    }
}

/// `framework` as a format 2 file; reading it back gives the same framework.
pub fn dump(framework: &Framework) -> String {
    let mut out = String::new();
    let fw = framework;
    let _ = writeln!(out, "format = {FORMAT_2}");
    let _ = writeln!(out, "id = {}", q(&fw.id));
    let _ = writeln!(out, "version = {}", fw.version);
    let _ = writeln!(out, "name = {}", q(&fw.name));
    if !fw.summary.is_empty() {
        let _ = writeln!(out, "summary = {}", q(&fw.summary));
    }
    let _ = writeln!(out, "\n[scale]\nna = {}", q(&fw.scale.na));
    for level in &fw.scale.levels {
        let _ = writeln!(out, "\n[[scale.levels]]\nvalue = {}", level.value.value());
        let _ = writeln!(out, "label = {}", q(&level.label));
        if !level.descriptor.is_empty() {
            let _ = writeln!(out, "descriptor = {}", q(&level.descriptor));
        }
        if let Some(hint) = &level.hint {
            let _ = writeln!(out, "hint = {}", q(hint));
        }
    }
    for role in &fw.roles {
        let _ = writeln!(
            out,
            "\n[[roles]]\nid = {}\nname = {}\nshort = {}",
            q(&role.id),
            q(&role.name),
            q(&role.short)
        );
        for (name, value) in [
            ("essence", &role.essence),
            ("description", &role.description),
            ("horizon", &role.horizon),
            ("scope", &role.scope),
            ("in_practice", &role.in_practice),
        ] {
            if !value.is_empty() {
                let _ = writeln!(out, "{name} = {}", q(value));
            }
        }
        if !role.activities.is_empty() {
            let items: Vec<String> = role.activities.iter().map(|a| q(a)).collect();
            let _ = writeln!(out, "activities = [{}]", items.join(", "));
        }
    }
    let _ = writeln!(out, "\n[axis]");
    if fw.axis {
        let [a, b] = fw.main_profiles.map(|p| {
            fw.profiles[p]
                .role
                .map_or(String::new(), |r| q(&fw.roles[r].id))
        });
        let _ = writeln!(out, "roles = [{a}, {b}]");
    } else {
        let _ = writeln!(out, "roles = []");
    }
    for profile in &fw.profiles {
        let _ = writeln!(
            out,
            "\n[[profiles]]\nid = {}\nname = {}\nshort = {}",
            q(&profile.id),
            q(&profile.name),
            q(&profile.short)
        );
        if !profile.description.is_empty() {
            let _ = writeln!(out, "description = {}", q(&profile.description));
        }
        if let Some(reference) = &profile.reference {
            let _ = writeln!(out, "reference = {}", q(reference));
        }
        if let Some(r) = profile.role {
            let _ = writeln!(out, "role = {}", q(&fw.roles[r].id));
        }
        if let Some(grade) = profile.grade {
            let _ = writeln!(out, "grade = {grade}");
        }
        if let Some(base) = profile.base {
            let _ = writeln!(out, "base = {}", q(&fw.profiles[base].id));
            let p = fw
                .profiles
                .iter()
                .position(|x| x.id == profile.id)
                .unwrap_or(0);
            let _ = writeln!(out, "[profiles.adjust]");
            for &c in &profile.adjusted {
                let t = fw.competencies[c].targets[p];
                let value = if t.is_none() {
                    q("none")
                } else {
                    t.value().to_string()
                };
                let _ = writeln!(out, "{} = {value}", key(fw.competencies[c].id.as_str()));
            }
        }
    }
    for group in &fw.groups {
        let _ = writeln!(
            out,
            "\n[[areas]]\nid = {}\nname = {}",
            q(&group.id),
            q(&group.name)
        );
    }
    for area in &fw.areas {
        let _ = writeln!(
            out,
            "\n[[areas]]\nid = {}\nname = {}",
            q(&area.id),
            q(&area.name)
        );
        if !area.contrast.is_empty() {
            let _ = writeln!(out, "contrast = {}", q(&area.contrast));
        }
        if let Some(parent) = area.parent {
            let _ = writeln!(out, "parent = {}", q(&fw.groups[parent].id));
        }
        for (r, focus) in area.focus.iter().enumerate() {
            let _ = writeln!(out, "[areas.focus.{}]", key(&fw.roles[r].id));
            if !focus.label.is_empty() {
                let _ = writeln!(out, "label = {}", q(&focus.label));
            }
            let weight = format!("{:?}", focus.weight).to_lowercase();
            let _ = writeln!(out, "weight = {}", q(&weight));
            if !focus.meaning.is_empty() {
                let _ = writeln!(out, "meaning = {}", q(&focus.meaning));
            }
        }
    }
    for (c, competency) in fw.competencies.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[[competencies]]\nid = {}\narea = {}\nname = {}",
            q(competency.id.as_str()),
            q(&fw.areas[competency.area].id),
            q(&competency.name)
        );
        if !competency.description.is_empty() {
            let _ = writeln!(out, "description = {}", q(&competency.description));
        }
        if !competency.refs.is_empty() {
            let items: Vec<String> = competency.refs.iter().map(|a| q(a)).collect();
            let _ = writeln!(out, "refs = [{}]", items.join(", "));
        }
        if !competency.valid.is_empty() {
            let _ = writeln!(out, "valid = [{}]", list(competency.valid.iter().copied()));
        }
        if competency.practice.iter().any(|p| !p.is_empty()) {
            let _ = writeln!(out, "[competencies.practice]");
            for (r, text) in competency.practice.iter().enumerate() {
                if !text.is_empty() {
                    let _ = writeln!(out, "{} = {}", key(&fw.roles[r].id), q(text));
                }
            }
        }
        if !competency.levels.is_empty() {
            let _ = writeln!(out, "[competencies.levels]");
            for (level, text) in &competency.levels {
                let _ = writeln!(out, "{} = {}", level.value(), q(text));
            }
        }
        let _ = writeln!(out, "[competencies.targets]");
        for (p, profile) in fw.profiles.iter().enumerate() {
            let t = fw.competencies[c].targets[p];
            if profile.base.is_none() && !t.is_none() {
                let _ = writeln!(out, "{} = {}", key(&profile.id), t.value());
            }
        }
    }
    out
}
