//! `rolefit plan`: the development plan's actions as a list for people (Markdown), for scripts
//! (JSON, CSV) and for the user's own calendar (iCalendar, RFC 5545).
//!
//! Actions are listed as the Plan screen groups them: overdue first, then by due date, then
//! those without a date, then done and dropped. Each is numbered by its stable id, so the
//! numbers `rolefit plan done N` takes do not shift when another action is done or deleted.
//! Like every export, the output is a pure function of the framework, the assessment and
//! `today`: the calendar's DTSTAMP is the assessment's last change, never the clock, so the
//! same file always gives the same bytes.

use std::fmt::Write as _;
use std::str::FromStr;

use rolefit_core::time::Date;
use serde::Serialize;

use super::escape::{csv_record, json_safe, md_cell, md_safe};
use rolefit_core::due::{self, DueGroup};
use rolefit_core::{ActionStatus, Assessment, CompetencyId, Framework, PlanAction, Rating};

/// The version of the JSON shape `rolefit plan --format json` writes (`docs/plan.schema.json`).
pub const PLAN_JSON_VERSION: u32 = 1;

/// A format of `rolefit plan`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum PlanFormat {
    Markdown,
    Json,
    Csv,
    Ics,
}

impl PlanFormat {
    /// The format named `name`: "markdown" (or "md"), "json", "csv" or "ics", in any case.
    pub fn parse(name: &str) -> Option<PlanFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(PlanFormat::Markdown),
            "json" => Some(PlanFormat::Json),
            "csv" => Some(PlanFormat::Csv),
            "ics" => Some(PlanFormat::Ics),
            _ => None,
        }
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            PlanFormat::Markdown => "markdown",
            PlanFormat::Json => "json",
            PlanFormat::Csv => "csv",
            PlanFormat::Ics => "ics",
        }
    }
}

impl std::fmt::Display for PlanFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name `rolefit plan` does not write.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown plan format {0:?}: use markdown, json, csv or ics")]
pub struct UnknownPlanFormat(pub String);

impl FromStr for PlanFormat {
    type Err = UnknownPlanFormat;

    fn from_str(s: &str) -> Result<PlanFormat, UnknownPlanFormat> {
        PlanFormat::parse(s).ok_or_else(|| UnknownPlanFormat(s.to_string()))
    }
}

/// One action as listed: with its competency and where it falls today.
pub struct Listed<'a> {
    pub competency: &'a CompetencyId,
    /// The competency's index in the framework (None: an id the framework does not have).
    pub index: Option<usize>,
    pub action: &'a PlanAction,
    pub group: DueGroup,
    /// The personal target of the competency's plan, if any.
    pub target: Option<rolefit_core::Level>,
}

/// Every action in the order `rolefit plan` lists them: by group (overdue, this month, later,
/// no date, done and dropped), then due date, then framework order, then number.
pub fn listed<'a>(fw: &Framework, assessment: &'a Assessment, today: Date) -> Vec<Listed<'a>> {
    let mut rows: Vec<Listed<'a>> = assessment
        .plan
        .iter()
        .flat_map(|(id, item)| {
            item.actions.iter().map(move |a| Listed {
                competency: id,
                index: fw.competency_index(id),
                action: a,
                group: DueGroup::of(a, today),
                target: item.target,
            })
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            r.group,
            r.action.due.map(due::day_number),
            r.index.unwrap_or(usize::MAX),
            r.action.id,
        )
    });
    rows
}

/// The competency's level now, as a word: "3", "n/a", or "–" when not rated.
fn level_now(assessment: &Assessment, id: &CompetencyId) -> Option<String> {
    match assessment.rating(id) {
        Some(Rating::Level(l)) => Some(l.to_string()),
        Some(Rating::NotApplicable) => Some("n/a".into()),
        None => None,
    }
}

/// The level the action works towards: the personal target, else the target profile's.
fn target_of(fw: &Framework, profile: usize, row: &Listed) -> Option<u8> {
    row.target
        .or_else(|| row.index.map(|c| fw.target(profile, c)))
        .filter(|l| !l.is_none())
        .map(|l| l.value())
}

/// "1→4": the level now and the level worked towards.
fn gap_words(now: Option<&str>, target: Option<u8>) -> String {
    format!(
        "{}→{}",
        now.unwrap_or("–"),
        target.map_or("–".to_string(), |t| t.to_string())
    )
}

/// "DP1 Scope and plan", or the id alone for one the framework does not have.
fn competency_words(fw: &Framework, row: &Listed) -> String {
    match row.index {
        Some(c) => format!("{} {}", row.competency, fw.competencies[c].name),
        None => row.competency.to_string(),
    }
}

/// The group's key in JSON and CSV.
fn group_key(group: DueGroup) -> &'static str {
    match group {
        DueGroup::Overdue => "overdue",
        DueGroup::ThisMonth => "this_month",
        DueGroup::Later => "later",
        DueGroup::NoDate => "no_date",
        DueGroup::Closed => "closed",
    }
}

/// The plan in `format`, on `today`; with the number of actions left out (the calendar holds
/// only dated actions). `last_changed` is the local date of the assessment's last change, the
/// day the calendar lists its actions as of.
pub fn plan_report(
    fw: &Framework,
    assessment: &Assessment,
    today: Date,
    last_changed: Date,
    format: PlanFormat,
) -> (String, usize) {
    match format {
        PlanFormat::Markdown => (markdown(fw, assessment, today), 0),
        PlanFormat::Json => (json(fw, assessment, today), 0),
        PlanFormat::Csv => (csv(fw, assessment, today), 0),
        PlanFormat::Ics => ics(fw, assessment, last_changed),
    }
}

/// The plan for people: one section per group, one line per action.
pub fn markdown(fw: &Framework, assessment: &Assessment, today: Date) -> String {
    let profile = super::target_profile(fw, assessment);
    let mut o = String::new();
    let person = assessment.shown_name(&assessment.name);
    let _ = writeln!(o, "# Plan: {}\n", md_cell(&person));
    let rows = listed(fw, assessment, today);
    if rows.is_empty() {
        let _ = writeln!(
            o,
            "No actions yet: add one with `rolefit plan add ID \"TEXT\"` or on the Plan screen."
        );
        return md_safe(o);
    }
    let mut last = None;
    for row in &rows {
        if last != Some(row.group) {
            if last.is_some() {
                o.push('\n');
            }
            let _ = writeln!(o, "## {}\n", row.group.title());
            last = Some(row.group);
        }
        let now = level_now(assessment, row.competency);
        let gap = gap_words(now.as_deref(), target_of(fw, profile, row));
        let a = row.action;
        let mut line = format!(
            "- **{}** · {} ({gap}): {}",
            a.id,
            md_cell(&competency_words(fw, row)),
            md_cell(&a.text)
        );
        let mut said = Vec::new();
        if let Some(d) = a.due {
            said.push(format!("due {}", due::show(d)));
        }
        said.push(a.status.key().to_string());
        let _ = write!(line, " — {}", said.join(", "));
        if !a.evidence.trim().is_empty() {
            let _ = write!(line, "; evidence: {}", md_cell(a.evidence.trim()));
        }
        let _ = writeln!(o, "{line}");
    }
    md_safe(o)
}

#[derive(Serialize)]
struct JsonPlanList<'a> {
    plan_version: u32,
    assessment: &'a str,
    person: String,
    framework: &'a str,
    today: String,
    actions: Vec<JsonListed<'a>>,
}

#[derive(Serialize)]
struct JsonListed<'a> {
    n: u32,
    competency: &'a str,
    competency_name: Option<&'a str>,
    level: Option<String>,
    target: Option<u8>,
    text: &'a str,
    due: Option<String>,
    status: &'static str,
    group: &'static str,
    evidence: &'a str,
}

/// The plan for scripts: see `docs/plan.schema.json`.
pub fn json(fw: &Framework, assessment: &Assessment, today: Date) -> String {
    let profile = super::target_profile(fw, assessment);
    let rows = listed(fw, assessment, today);
    let list = JsonPlanList {
        plan_version: PLAN_JSON_VERSION,
        assessment: &assessment.name,
        person: assessment.shown_name(&assessment.name),
        framework: &fw.id,
        today: due::show(today),
        actions: rows
            .iter()
            .map(|row| JsonListed {
                n: row.action.id,
                competency: row.competency.as_str(),
                competency_name: row.index.map(|c| fw.competencies[c].name.as_str()),
                level: level_now(assessment, row.competency),
                target: target_of(fw, profile, row),
                text: &row.action.text,
                due: row.action.due.map(due::show),
                status: row.action.status.key(),
                group: group_key(row.group),
                evidence: &row.action.evidence,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&list).expect("the plan serialises");
    text.push('\n');
    json_safe(text)
}

/// The header row of the plan's CSV.
pub const CSV_HEADER: [&str; 10] = [
    "n",
    "competency",
    "competency_name",
    "level",
    "target",
    "text",
    "due",
    "status",
    "group",
    "evidence",
];

/// The plan for spreadsheets: a header row, then one row per action (RFC 4180, CRLF).
pub fn csv(fw: &Framework, assessment: &Assessment, today: Date) -> String {
    let profile = super::target_profile(fw, assessment);
    let mut out = String::new();
    csv_record(&mut out, &CSV_HEADER);
    for row in listed(fw, assessment, today) {
        let a = row.action;
        csv_record(
            &mut out,
            &[
                a.id.to_string(),
                row.competency.to_string(),
                row.index
                    .map_or(String::new(), |c| fw.competencies[c].name.clone()),
                level_now(assessment, row.competency).unwrap_or_default(),
                target_of(fw, profile, &row).map_or(String::new(), |t| t.to_string()),
                a.text.clone(),
                a.due.map_or(String::new(), due::show),
                a.status.key().to_string(),
                group_key(row.group).to_string(),
                a.evidence.clone(),
            ],
        );
    }
    out
}

/// The calendar's product identifier.
pub const PRODID: &str = "-//rolefit//rolefit plan//EN";

/// A word safe in a UID: ASCII letters, digits, `.` and `-` as they are; every other byte as
/// `_XX` (hex), so two different words never give the same UID.
fn uid_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for byte in word.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-' {
            out.push(byte as char);
        } else {
            let _ = write!(out, "_{byte:02X}");
        }
    }
    out
}

/// The calendar UID of action `id`: the same for as long as the assessment, the framework and
/// the action exist, so importing the calendar again updates the to-do rather than adding one.
pub fn action_uid(assessment: &Assessment, framework_id: &str, id: u32) -> String {
    format!(
        "rolefit-{}-{}-{id}@rolefit",
        uid_word(&assessment.name),
        uid_word(framework_id)
    )
}

/// A UTC date-time as iCalendar writes it: 20270301T090000Z.
fn utc_stamp(datetime: &rolefit_core::time::Datetime) -> String {
    let seconds = rolefit_core::time::epoch_of(datetime).unwrap_or(0);
    let (year, month, day) = rolefit_core::time::civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// The plan as an RFC 5545 calendar: one VTODO per dated action, its DUE an all-day date, its
/// STATUS the action's; with the number of actions left out for having no date. The actions
/// are listed as of `last_changed`, the local date of the assessment's last change.
pub fn ics(fw: &Framework, assessment: &Assessment, last_changed: Date) -> (String, usize) {
    use icalendar::{Calendar, Component, Property, Todo, TodoStatus, ValueType};
    let profile = super::target_profile(fw, assessment);
    let stamp = utc_stamp(&assessment.updated);
    let person = assessment.shown_name(&assessment.name);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new(
            "X-WR-CALNAME",
            format!("rolefit plan: {person}"),
        ));
    // Listed in a fixed order (as of the day the assessment last changed) so that the same
    // file gives the same bytes whatever the day it is written.
    let mut undated = 0;
    for row in listed(fw, assessment, last_changed) {
        let a = row.action;
        let Some(due_date) = a.due else {
            undated += 1;
            continue;
        };
        let now = level_now(assessment, row.competency);
        let target = target_of(fw, profile, &row);
        let mut description = format!(
            "Closes the gap on {}: {} (level now {}, target {}).",
            competency_words(fw, &row),
            gap_words(now.as_deref(), target),
            now.as_deref().unwrap_or("not rated"),
            target.map_or("none".to_string(), |t| t.to_string())
        );
        if !a.evidence.trim().is_empty() {
            let _ = write!(description, "\nEvidence: {}", a.evidence.trim());
        }
        let _ = write!(description, "\nAction {} of {person}'s rolefit plan.", a.id);
        let status = match a.status {
            ActionStatus::Planned => TodoStatus::NeedsAction,
            ActionStatus::Doing => TodoStatus::InProcess,
            ActionStatus::Done => TodoStatus::Completed,
            ActionStatus::Dropped => TodoStatus::Cancelled,
        };
        let todo = Todo::new()
            .uid(&action_uid(assessment, &fw.id, a.id))
            .add_property("DTSTAMP", &stamp)
            .summary(&format!("{}: {}", competency_words(fw, &row), a.text))
            .description(&description)
            .append_property(
                Property::new(
                    "DUE",
                    format!(
                        "{:04}{:02}{:02}",
                        due_date.year, due_date.month, due_date.day
                    ),
                )
                .append_parameter(ValueType::Date)
                .done(),
            )
            .status(status)
            .done();
        calendar.push(todo);
    }
    (calendar.to_string(), undated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_formats_parse_by_name_and_alias_in_any_case() {
        assert_eq!(PlanFormat::parse("MD"), Some(PlanFormat::Markdown));
        assert_eq!(PlanFormat::parse("Markdown"), Some(PlanFormat::Markdown));
        assert_eq!(PlanFormat::parse("ICS"), Some(PlanFormat::Ics));
        assert_eq!("csv".parse::<PlanFormat>(), Ok(PlanFormat::Csv));
        assert_eq!(PlanFormat::parse("html"), None);
    }

    #[test]
    fn uid_words_keep_names_apart() {
        assert_eq!(uid_word("sam-taylor"), "sam-taylor");
        assert_eq!(uid_word("a b"), "a_20b");
        assert_ne!(uid_word("a b"), uid_word("a_20b"));
        assert_ne!(uid_word("é"), uid_word("e"));
        assert!(uid_word("zoë o'neil").is_ascii());
    }
}
