//! Framework file format 1, the built-in framework's shape: exactly two roles, a 0–5 scale,
//! every field written out, every profile with a role, a target for every main profile. A file
//! is read in this shape, its format 1 rules are checked here, and it is handed on as a
//! format 2 file ([`Raw`]) to the one validator.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::raw::{
    Raw, RawArea, RawCompetency, RawFocus, RawLevels, RawProfile, RawRole, RawScale, RawScaleLevel,
    RawTarget, RawWeight,
};
use super::{FORMAT_1, FORMAT_2};
use rolefit_core::framework::{MAX_SHORT, Problem};

/// The format 1 scale: the levels 0 to 5, in order.
const TOP: i64 = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw1 {
    format: Spanned<i64>,
    id: Spanned<String>,
    version: Spanned<i64>,
    name: String,
    summary: String,
    scale: Spanned<Scale1>,
    roles: Spanned<Vec<Spanned<Role1>>>,
    profiles: Spanned<Vec<Spanned<Profile1>>>,
    areas: Spanned<Vec<Spanned<Area1>>>,
    competencies: Spanned<Vec<Spanned<Competency1>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scale1 {
    na: String,
    levels: Vec<Spanned<Level1>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Level1 {
    value: Spanned<i64>,
    label: String,
    descriptor: String,
    hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Role1 {
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
struct Profile1 {
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
struct Area1 {
    id: Spanned<String>,
    name: String,
    contrast: String,
    focus: Spanned<BTreeMap<Spanned<String>, Spanned<Focus1>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Focus1 {
    label: String,
    weight: RawWeight,
    meaning: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Competency1 {
    id: Spanned<String>,
    area: Spanned<String>,
    name: String,
    description: String,
    refs: Vec<String>,
    practice: Spanned<BTreeMap<Spanned<String>, String>>,
    targets: Spanned<BTreeMap<Spanned<String>, Spanned<i64>>>,
    levels: Option<Spanned<RawLevels>>,
}

/// The format 1 file as a format 2 one, with the problems only format 1 has: a wrong format
/// number, a scale other than 0–5, not two roles, a long short name, a missing focus,
/// practice text or main profile's target. A value such a problem is reported for is handed
/// on repaired, so the validator does not report it again.
pub fn adapt(raw: Raw1, text: &str) -> (Raw, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut report = |span: Range<usize>, message: String| {
        problems.push(Problem::at(text, span.start, message));
    };
    let format = *raw.format.get_ref();
    if format != FORMAT_1 {
        let message = if format > FORMAT_1 {
            format!(
                "framework format {format} is newer than this rolefit understands ({FORMAT_2}); update rolefit"
            )
        } else {
            format!("unknown framework format {format}; expected {FORMAT_1} or {FORMAT_2}")
        };
        report(raw.format.span(), message);
    }
    let roles_span = raw.roles.span();
    if raw.roles.get_ref().len() != 2 {
        let found = raw.roles.get_ref().len();
        report(
            roles_span.clone(),
            format!("a framework compares exactly two roles; found {found}"),
        );
    }
    let role_ids: Vec<String> = (raw.roles.get_ref().iter())
        .take(2)
        .map(|r| r.get_ref().id.get_ref().clone())
        .collect();
    let main_ids: Vec<String> = (raw.profiles.get_ref().iter())
        .filter(|p| p.get_ref().base.is_none())
        .map(|p| p.get_ref().id.get_ref().clone())
        .collect();
    let mut short = |short: Spanned<String>| {
        let length = short.get_ref().chars().count();
        if length == 0 || length > MAX_SHORT {
            report(
                short.span(),
                format!(
                    "short name {:?} must be 1 to {MAX_SHORT} characters (it labels table columns)",
                    short.get_ref()
                ),
            );
            return Spanned::new(short.span(), "?".to_string());
        }
        short
    };
    let roles = map(raw.roles.into_inner(), |r| RawRole {
        id: r.id,
        name: r.name,
        short: short(r.short),
        essence: Some(r.essence),
        description: Some(r.description),
        activities: Some(r.activities),
        horizon: Some(r.horizon),
        scope: Some(r.scope),
        in_practice: Some(r.in_practice),
    });
    let profiles = map_list(raw.profiles, |p| RawProfile {
        id: p.id,
        name: p.name,
        short: short(p.short),
        description: Some(p.description),
        reference: p.reference,
        role: Some(p.role),
        base: p.base,
        grade: None,
        adjust: p.adjust.map(|adjust| {
            let span = adjust.span();
            let numbers = adjust.into_inner().into_iter();
            let targets = numbers
                .map(|(id, n)| (id, Spanned::new(n.span(), RawTarget::Number(*n.get_ref()))));
            Spanned::new(span, targets.collect())
        }),
    });
    let (scale, scale_problems) = scale(raw.scale, text);
    problems.extend(scale_problems);
    let mut missing = Missing {
        text,
        problems: &mut problems,
        role_ids: &role_ids,
    };
    let areas = map_list(raw.areas, |a| missing.area(a));
    let competencies = map_list(raw.competencies, |c| missing.competency(c, &main_ids));
    let raw = Raw {
        format: Spanned::new(raw.format.span(), FORMAT_2),
        id: raw.id,
        version: raw.version,
        name: raw.name,
        summary: Some(raw.summary),
        scale,
        roles,
        axis: None,
        profiles,
        areas,
        competencies,
    };
    (raw, problems)
}

fn map<A, B>(list: Vec<Spanned<A>>, mut f: impl FnMut(A) -> B) -> Vec<Spanned<B>> {
    let each = list.into_iter().map(|item| {
        let span = item.span();
        Spanned::new(span, f(item.into_inner()))
    });
    each.collect()
}

fn map_list<A, B>(
    list: Spanned<Vec<Spanned<A>>>,
    f: impl FnMut(A) -> B,
) -> Spanned<Vec<Spanned<B>>> {
    let span = list.span();
    Spanned::new(span, map(list.into_inner(), f))
}

/// The scale, which must be the levels 0 to 5 in order. When it is not, the problems, and the
/// levels 0 to 5 (labelled from the file where it has them) for the validator to go on with.
fn scale(raw: Spanned<Scale1>, text: &str) -> (Spanned<RawScale>, Vec<Problem>) {
    let span = raw.span();
    let raw = raw.into_inner();
    let mut problems = Vec::new();
    let count = TOP as usize + 1;
    if raw.levels.len() != count {
        let message = format!(
            "the scale needs exactly {count} levels, 0 to {TOP}; found {}",
            raw.levels.len()
        );
        problems.push(Problem::at(text, span.start, message));
    }
    let list_span = raw.levels.first().map_or(span.clone(), |l| l.span());
    let mut levels = Vec::new();
    for (expected, level) in (0..).zip(raw.levels) {
        let level_span = level.span();
        let level = level.into_inner();
        if *level.value.get_ref() != expected {
            let message = format!(
                "scale level {} is out of place: levels must run 0 to {TOP} in order",
                level.value.get_ref()
            );
            problems.push(Problem::at(text, level.value.span().start, message));
        }
        let raw = RawScaleLevel {
            value: level.value,
            label: level.label,
            descriptor: Some(level.descriptor),
            hint: level.hint,
        };
        levels.push(Spanned::new(level_span, raw));
    }
    if !problems.is_empty() {
        let mut given = levels.into_iter();
        levels = (0..=TOP)
            .map(|value| {
                let (span, label) = given
                    .next()
                    .map_or((0..0, String::new()), |l| (l.span(), l.into_inner().label));
                let level = RawScaleLevel {
                    value: Spanned::new(0..0, value),
                    label,
                    descriptor: Some(format!("level {value}")),
                    hint: None,
                };
                Spanned::new(span, level)
            })
            .collect();
    }
    let scale = RawScale {
        na: Some(raw.na),
        levels: Spanned::new(list_span, levels),
    };
    (Spanned::new(span, scale), problems)
}

/// Format 1 writes out, for both roles, each area's focus and each competency's practice, and
/// for every main profile each competency's target.
struct Missing<'a> {
    text: &'a str,
    problems: &'a mut Vec<Problem>,
    role_ids: &'a [String],
}

impl Missing<'_> {
    fn report(&mut self, span: &Range<usize>, message: String) {
        self.problems
            .push(Problem::at(self.text, span.start, message));
    }

    fn area(&mut self, area: Area1) -> RawArea {
        let span = area.focus.span();
        let focus = area.focus.into_inner();
        for role in self.role_ids {
            if !focus.keys().any(|k| k.get_ref() == role) {
                let message = format!(
                    "area {:?} has no focus for role {role:?}",
                    area.id.get_ref()
                );
                self.report(&span, message);
            }
        }
        let focus = focus.into_iter().map(|(role, f)| {
            let span = f.span();
            let f = f.into_inner();
            let raw = RawFocus {
                label: Some(f.label),
                weight: Some(f.weight),
                meaning: Some(f.meaning),
            };
            (role, Spanned::new(span, raw))
        });
        RawArea {
            id: area.id,
            name: area.name,
            contrast: Some(area.contrast),
            parent: None,
            focus: Some(focus.collect()),
        }
    }

    fn competency(&mut self, c: Competency1, main_ids: &[String]) -> RawCompetency {
        let id = c.id.get_ref().clone();
        let span = c.practice.span();
        for role in self.role_ids {
            if !c.practice.get_ref().keys().any(|k| k.get_ref() == role) {
                self.report(
                    &span,
                    format!("competency {id} has no practice text for role {role:?}"),
                );
            }
        }
        let span = c.targets.span();
        for profile in main_ids {
            if !c.targets.get_ref().keys().any(|k| k.get_ref() == profile) {
                self.report(
                    &span,
                    format!("competency {id} has no target for profile {profile:?}"),
                );
            }
        }
        RawCompetency {
            id: c.id,
            area: c.area,
            name: c.name,
            description: Some(c.description),
            refs: Some(c.refs),
            valid: None,
            practice: Some(c.practice.into_inner()),
            levels: c.levels,
            targets: Some(c.targets.into_inner()),
        }
    }
}
