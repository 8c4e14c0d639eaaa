//! The one validator: a framework file in its written shape ([`Raw`], whatever format it came
//! in) is checked in full and built into a [`Framework`], every problem reported once at its
//! line and column.

mod competencies;
mod profiles;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::raw::{Raw, RawRole, RawScale};
use rolefit_core::Level;
use rolefit_core::framework::{
    Competency, Framework, MAX_SHORT_2, Problem, Profile, Role, Scale, ScaleLevel,
};

/// The limits the model holds every framework to (its invariants, checked again when a
/// framework is read back from the cache): how deep bases chain, how many levels a scale has.
pub use rolefit_core::framework::{MAX_BASE_DEPTH, SCALE_LEVELS};

/// Where profiles and competencies start in the file, for warnings.
#[derive(Default)]
pub struct Spans {
    pub(super) profiles: Vec<usize>,
    pub(super) competencies: HashMap<String, usize>,
}

/// What is legal but likely a mistake: a profile that requires nothing, a competency no
/// profile requires, at the places `spans` recorded.
pub fn warnings(framework: &Framework, text: &str, spans: &Spans) -> Vec<Problem> {
    let mut out = Vec::new();
    for (p, profile) in framework.profiles.iter().enumerate() {
        let any = (0..framework.competencies.len()).any(|c| framework.requires(p, c));
        if !any {
            let at = spans.profiles.get(p).copied().unwrap_or(0);
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
                .competencies
                .get(competency.id.as_str())
                .copied()
                .unwrap_or(0);
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

/// Checks `raw`, read from `text`, and builds the framework; `problems` are those found
/// before (by the reader of an older format), reported with the validator's own, in order.
pub fn check(
    text: &str,
    raw: Raw,
    problems: Vec<Problem>,
) -> Result<(Framework, Spans), Vec<Problem>> {
    let mut check = Check {
        text,
        problems,
        declared_base: Vec::new(),
        scale_faulted: false,
    };
    let mut spans = Spans::default();
    let framework = check.build(raw, &mut spans);
    if !check.problems.is_empty() {
        check.problems.sort_by_key(|p| (p.line, p.column));
        return Err(check.problems);
    }
    Ok((framework, spans))
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
        if *raw.format.get_ref() != super::FORMAT_2 {
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
        let profiles_span = raw.profiles.span();
        let (mut profiles, adjust) = self.profiles(raw.profiles, &role_ids, spans);
        let (main_profiles, axis) = self.axis(raw.axis, &roles, &profiles, profiles_span);
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
        Framework::from_parts(
            raw.id.into_inner(),
            version,
            raw.name,
            raw.summary.unwrap_or_default(),
            scale,
            roles,
            profiles,
            groups,
            areas,
            competencies,
            main_profiles,
            axis,
        )
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
