//! Writing the assessment file: every key in a stable, diff-friendly order, and the keys this
//! version does not know written back as they were read.

use std::collections::BTreeMap;

use serde::Serialize;
use toml::value::Datetime;

use crate::toml_value::{date_out, datetime_out, table_out};

use rolefit_core::{Assessment, CompetencyId, Editing, Entry, Level, PlanItem, Rating};

/// The assessment file format this build writes.
pub const FORMAT: i64 = 1;

#[derive(Serialize)]
#[serde(untagged)]
enum LevelOut {
    Number(u8),
    Text(&'static str),
}

#[derive(Serialize)]
struct EntryOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<LevelOut>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(flatten)]
    extra: toml::Table,
}

#[derive(Serialize)]
struct PlanOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<u8>,
    #[serde(flatten)]
    extra: toml::Table,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<ActionOut<'a>>,
}

#[derive(Serialize)]
struct ActionOut<'a> {
    id: u32,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<Datetime>,
    status: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    evidence: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    done: Option<Datetime>,
    #[serde(flatten)]
    extra: toml::Table,
}

#[derive(Serialize)]
struct PositionOut<'a> {
    screen: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    competency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    target_chosen: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    show_targets: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    editor: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    editor_competency: Option<&'a str>,
    #[serde(flatten)]
    extra: toml::Table,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: i64,
    framework: &'a str,
    framework_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    framework_hash: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    framework_path: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    team: Option<&'a str>,
    created: Datetime,
    updated: Datetime,
    #[serde(flatten)]
    extra: toml::Table,
    position: PositionOut<'a>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    ratings: BTreeMap<&'a str, EntryOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    plan: BTreeMap<&'a str, PlanOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<SnapshotOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    reviews: BTreeMap<&'a str, ReviewOut<'a>>,
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Datetime>,
    #[serde(flatten)]
    extra: toml::Table,
    ratings: BTreeMap<&'a str, EntryOut<'a>>,
}

/// The non-empty entries of a ratings table, ready to write.
fn entries_out(ratings: &BTreeMap<CompetencyId, Entry>) -> BTreeMap<&str, EntryOut<'_>> {
    ratings
        .iter()
        .filter(|(_, e)| !e.is_empty())
        .map(|(id, e)| {
            (
                id.as_str(),
                EntryOut {
                    level: e.rating.map(level_out),
                    note: &e.note,
                    extra: table_out(&e.extra),
                },
            )
        })
        .collect()
}

#[derive(Serialize)]
struct SnapshotOut<'a> {
    taken: Datetime,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
    #[serde(flatten)]
    extra: toml::Table,
    ratings: BTreeMap<&'a str, LevelOut>,
}

fn level_out(rating: Rating) -> LevelOut {
    match rating {
        Rating::Level(l) if l.is_none() => LevelOut::Text("none"),
        Rating::Level(l) => LevelOut::Number(l.value()),
        Rating::NotApplicable => LevelOut::Text("na"),
    }
}

/// The non-empty plans, ready to write; a due or done date is written as a date alone.
fn plans_out(plans: &BTreeMap<CompetencyId, PlanItem>) -> BTreeMap<&str, PlanOut<'_>> {
    let day = |date: &rolefit_core::time::Date| Datetime {
        date: Some(date_out(date)),
        time: None,
        offset: None,
    };
    plans
        .iter()
        .filter(|(_, p)| !p.is_empty())
        .map(|(id, p)| {
            let actions = p
                .actions
                .iter()
                .map(|a| ActionOut {
                    id: a.id,
                    text: &a.text,
                    due: a.due.as_ref().map(day),
                    status: a.status.key(),
                    evidence: &a.evidence,
                    done: a.done_on.as_ref().map(day),
                    extra: table_out(&a.extra),
                })
                .collect();
            let plan = PlanOut {
                target: p.target.map(Level::value),
                extra: table_out(&p.extra),
                actions,
            };
            (id.as_str(), plan)
        })
        .collect()
}

/// Writes an assessment as TOML in a stable order.
pub fn to_toml(assessment: &Assessment) -> String {
    let mut extra = table_out(&assessment.extra);
    let position_extra = match extra.remove("position") {
        Some(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    let out = FileOut {
        format: FORMAT,
        framework: &assessment.framework,
        framework_version: assessment.framework_version,
        framework_hash: assessment.framework_hash.as_deref(),
        framework_path: assessment.framework_path.as_deref(),
        name: &assessment.name,
        display_name: assessment.display_name.as_deref(),
        role: assessment.role.as_deref().filter(|r| !r.is_empty()),
        team: assessment.team.as_deref().filter(|t| !t.is_empty()),
        created: datetime_out(&assessment.created),
        updated: datetime_out(&assessment.updated),
        extra,
        position: PositionOut {
            screen: assessment.position.screen.key(),
            competency: assessment.position.competency.as_ref().map(|c| c.as_str()),
            target: assessment.position.target.as_deref(),
            target_chosen: assessment.position.target_chosen,
            show_targets: assessment.position.show_targets,
            editor: assessment.position.editing.as_ref().map(Editing::key),
            editor_competency: assessment
                .position
                .editing
                .as_ref()
                .map(|e| e.competency().as_str()),
            extra: position_extra,
        },
        ratings: entries_out(&assessment.ratings),
        plan: plans_out(&assessment.plan),
        history: assessment
            .history
            .iter()
            .map(|round| SnapshotOut {
                taken: datetime_out(&round.taken),
                label: &round.label,
                extra: table_out(&round.extra),
                ratings: round
                    .ratings
                    .iter()
                    .map(|(id, r)| (id.as_str(), level_out(*r)))
                    .collect(),
            })
            .collect(),
        reviews: assessment
            .reviews
            .iter()
            .map(|(reviewer, review)| {
                (
                    reviewer.as_str(),
                    ReviewOut {
                        id: &review.id,
                        date: review.date.as_ref().map(datetime_out),
                        extra: table_out(&review.extra),
                        ratings: entries_out(&review.ratings),
                    },
                )
            })
            .collect(),
    };
    let body = toml::to_string(&out).expect("an assessment always serialises");
    format!("{FILE_HEADER}{body}")
}

/// The first line of every file rolefit writes: what a save keeps (F-D21). A save lays the
/// new values over the file ([`crate::keep`]), so a comment added by hand stays.
pub const FILE_HEADER: &str =
    "# Saved by rolefit: your comments stay, and every value is rolefit's at each save.\n";

/// The first line files written before comments were kept start with; a save replaces it
/// with [`FILE_HEADER`].
pub const OLD_FILE_HEADER: &str =
    "# Saved by rolefit, which writes this file anew: comments are not kept, notes are.\n";
