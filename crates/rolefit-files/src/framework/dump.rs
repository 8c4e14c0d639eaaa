//! Writing a framework (the built-in one included) as a format 2 file: the model is turned back
//! into the file's shape ([`Raw`]) and serde writes it, so what is written reads back as the
//! same framework.

use std::collections::BTreeMap;

use super::FORMAT_2;
use super::raw::{
    Raw, RawArea, RawAxis, RawCompetency, RawFocus, RawProfile, RawRole, RawScale, RawScaleLevel,
    RawTarget, RawWeight, unplaced,
};
use rolefit_core::Framework;

/// `text` as a TOML string, quotes and escapes included.
pub fn q(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `text` as a TOML key: bare when it can be, else quoted.
pub fn key(text: &str) -> String {
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
    toml::to_string(&to_raw(framework)).expect("a framework is plain strings, numbers and tables")
}

fn text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

fn to_raw(fw: &Framework) -> Raw {
    let scale = RawScale {
        na: Some(fw.scale.na.clone()),
        levels: unplaced(
            fw.scale
                .levels
                .iter()
                .map(|level| {
                    unplaced(RawScaleLevel {
                        value: unplaced(i64::from(level.value.value())),
                        label: level.label.clone(),
                        descriptor: text(&level.descriptor),
                        hint: level.hint.clone(),
                    })
                })
                .collect(),
        ),
    };
    let roles = fw
        .roles
        .iter()
        .map(|role| {
            unplaced(RawRole {
                id: unplaced(role.id.clone()),
                name: role.name.clone(),
                short: unplaced(role.short.clone()),
                essence: text(&role.essence),
                description: text(&role.description),
                activities: (!role.activities.is_empty()).then(|| role.activities.clone()),
                horizon: text(&role.horizon),
                scope: text(&role.scope),
                in_practice: text(&role.in_practice),
            })
        })
        .collect();
    // Always written, so a framework without a lean does not gain one from its first roles.
    let axis_roles = if fw.axis {
        fw.main_profiles
            .iter()
            .filter_map(|&p| fw.profiles[p].role)
            .map(|r| unplaced(fw.roles[r].id.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let areas = fw
        .groups
        .iter()
        .map(|group| RawArea {
            id: unplaced(group.id.clone()),
            name: group.name.clone(),
            contrast: None,
            parent: None,
            focus: None,
        })
        .chain(fw.areas.iter().map(|area| area_to_raw(fw, area)))
        .map(unplaced)
        .collect();
    Raw {
        format: unplaced(FORMAT_2),
        id: unplaced(fw.id.clone()),
        version: unplaced(i64::from(fw.version)),
        name: fw.name.clone(),
        summary: text(&fw.summary),
        scale: unplaced(scale),
        roles,
        axis: Some(unplaced(RawAxis {
            roles: unplaced(axis_roles),
        })),
        profiles: unplaced(
            (0..fw.profiles.len())
                .map(|p| unplaced(profile_to_raw(fw, p)))
                .collect(),
        ),
        areas: unplaced(areas),
        competencies: unplaced(
            (0..fw.competencies.len())
                .map(|c| unplaced(competency_to_raw(fw, c)))
                .collect(),
        ),
    }
}

fn profile_to_raw(fw: &Framework, p: usize) -> RawProfile {
    let profile = &fw.profiles[p];
    let adjust = profile.base.map(|_| {
        let changes = profile.adjusted.iter().map(|&c| {
            let target = fw.competencies[c].targets[p];
            let target = if target.is_none() {
                RawTarget::Text("none".to_string())
            } else {
                RawTarget::Number(i64::from(target.value()))
            };
            (
                unplaced(fw.competencies[c].id.as_str().to_string()),
                unplaced(target),
            )
        });
        unplaced(changes.collect())
    });
    RawProfile {
        id: unplaced(profile.id.clone()),
        name: profile.name.clone(),
        short: unplaced(profile.short.clone()),
        description: text(&profile.description),
        reference: profile.reference.clone(),
        role: profile.role.map(|r| unplaced(fw.roles[r].id.clone())),
        base: profile.base.map(|b| unplaced(fw.profiles[b].id.clone())),
        grade: profile.grade,
        adjust,
    }
}

fn area_to_raw(fw: &Framework, area: &rolefit_core::framework::Area) -> RawArea {
    let focus = area
        .focus
        .iter()
        .zip(&fw.roles)
        .map(|(focus, role)| {
            let raw = RawFocus {
                label: text(&focus.label),
                weight: Some(RawWeight::from(focus.weight)),
                meaning: text(&focus.meaning),
            };
            (unplaced(role.id.clone()), unplaced(raw))
        })
        .collect::<BTreeMap<_, _>>();
    RawArea {
        id: unplaced(area.id.clone()),
        name: area.name.clone(),
        contrast: text(&area.contrast),
        parent: area.parent.map(|g| unplaced(fw.groups[g].id.clone())),
        focus: (!focus.is_empty()).then_some(focus),
    }
}

fn competency_to_raw(fw: &Framework, c: usize) -> RawCompetency {
    let competency = &fw.competencies[c];
    let practice: BTreeMap<_, _> = competency
        .practice
        .iter()
        .zip(&fw.roles)
        .filter(|(text, _)| !text.is_empty())
        .map(|(text, role)| (unplaced(role.id.clone()), text.clone()))
        .collect();
    let levels: BTreeMap<_, _> = competency
        .levels
        .iter()
        .map(|(level, text)| (unplaced(level.value().to_string()), unplaced(text.clone())))
        .collect();
    let targets = fw
        .profiles
        .iter()
        .zip(&competency.targets)
        .filter(|(profile, target)| profile.base.is_none() && !target.is_none())
        .map(|(profile, target)| {
            (
                unplaced(profile.id.clone()),
                unplaced(i64::from(target.value())),
            )
        })
        .collect();
    RawCompetency {
        id: unplaced(competency.id.as_str().to_string()),
        area: unplaced(fw.areas[competency.area].id.clone()),
        name: competency.name.clone(),
        description: text(&competency.description),
        refs: (!competency.refs.is_empty()).then(|| competency.refs.clone()),
        valid: (!competency.valid.is_empty()).then(|| {
            unplaced(
                competency
                    .valid
                    .iter()
                    .map(|l| unplaced(i64::from(l.value())))
                    .collect(),
            )
        }),
        practice: (!practice.is_empty()).then_some(practice),
        levels: (!levels.is_empty()).then(|| unplaced(levels)),
        targets: Some(targets),
    }
}
