//! The assessment file format (PRODUCT.md §6): reading with line/column errors, writing in a
//! stable, diff-friendly order, keeping keys this version does not know.
//!
//! Longer than most files: about a third is the tests of every way a file can be read wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::value::Datetime;

use super::toml_value::{date_in, date_out, datetime_in, datetime_out, table_in, table_out};

use rolefit_core::framework::line_column;
use rolefit_core::{
    ActionStatus, Assessment, CompetencyId, Editing, Entry, Level, PlanAction, PlanItem, Position,
    Rating, Review, Screen, Snapshot,
};

/// The assessment file format this build writes.
pub const FORMAT: i64 = 1;

/// Why a file's text could not be read as an assessment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Broken: syntax, types, values out of range, empty.
    #[error("line {line}, column {column}: {reason}")]
    Invalid {
        line: usize,
        column: usize,
        reason: String,
    },
    /// Written by a newer rolefit.
    #[error("written in format {found}, newer than this rolefit understands ({FORMAT})")]
    NewerFormat { found: i64 },
}

impl ParseError {
    fn at(text: &str, offset: usize, reason: impl Into<String>) -> ParseError {
        let (line, column) = line_column(text, offset);
        ParseError::Invalid {
            line,
            column,
            reason: reason.into(),
        }
    }
}

#[derive(Deserialize)]
struct RawHead {
    format: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
struct RawAssessment {
    format: Spanned<i64>,
    framework: String,
    #[serde(default)]
    framework_version: Option<Spanned<i64>>,
    #[serde(default)]
    framework_hash: Option<String>,
    #[serde(default)]
    framework_path: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    team: Option<String>,
    created: Option<Datetime>,
    updated: Option<Datetime>,
    #[serde(default)]
    position: Option<RawPosition>,
    #[serde(default)]
    ratings: BTreeMap<String, RawEntry>,
    #[serde(default)]
    plan: BTreeMap<String, RawPlan>,
    #[serde(default)]
    history: Vec<RawSnapshot>,
    #[serde(default)]
    reviews: BTreeMap<String, RawReview>,
}

/// One `[reviews.REVIEWER]` table: a second opinion imported from a review file. Older
/// rolefits keep it as a table they do not know, so the file stays `format = 1`.
#[derive(Deserialize)]
#[serde(
    expecting = "a table such as `[reviews.Sam]` with `id`, `date` and `[reviews.Sam.ratings.DP1]`"
)]
struct RawReview {
    #[serde(default)]
    id: String,
    date: Option<Datetime>,
    #[serde(default)]
    ratings: BTreeMap<String, RawEntry>,
}

#[derive(Deserialize)]
#[serde(expecting = "a `[[history]]` table with `taken` (a date and time) and `[history.ratings]`")]
struct RawSnapshot {
    taken: Datetime,
    #[serde(default)]
    label: String,
    #[serde(default)]
    ratings: BTreeMap<String, Spanned<RawLevel>>,
}

#[derive(Deserialize)]
struct RawPosition {
    screen: Option<Spanned<String>>,
    competency: Option<String>,
    target: Option<String>,
    target_chosen: Option<bool>,
    show_targets: Option<bool>,
    editor: Option<String>,
    editor_competency: Option<String>,
}

/// A level as written: a whole number or text ("na"); anything else is refused with a message
/// a person can act on.
enum RawLevel {
    Number(i64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level from 0 to 5, or \"na\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawLevel, E> {
                Ok(RawLevel::Number(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawLevel, E> {
                Ok(RawLevel::Number(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawLevel, E> {
                Ok(RawLevel::Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(expecting = "a table such as `[ratings.DP1]` with `level` (0 to 5, or \"na\") and `note`")]
struct RawEntry {
    level: Option<Spanned<RawLevel>>,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(
    expecting = "a table such as `[plan.DP1]` with `target` (0 to 5) and `[[plan.DP1.actions]]`"
)]
struct RawPlan {
    target: Option<Spanned<i64>>,
    /// The one action line of files written before actions had dates and status.
    #[serde(default)]
    action: String,
    #[serde(default)]
    actions: Vec<RawAction>,
}

#[derive(Deserialize)]
#[serde(
    expecting = "a `[[plan.DP1.actions]]` table with `id`, `text`, `due` (a date such as 2027-03-31), `status` and `evidence`"
)]
struct RawAction {
    id: Option<Spanned<i64>>,
    #[serde(default)]
    text: String,
    due: Option<Spanned<Datetime>>,
    status: Option<Spanned<String>>,
    #[serde(default)]
    evidence: String,
    done: Option<Spanned<Datetime>>,
}

const KNOWN_TOP: &[&str] = &[
    "format",
    "framework",
    "framework_version",
    "framework_hash",
    "framework_path",
    "name",
    "display_name",
    "role",
    "team",
    "created",
    "updated",
    "position",
    "ratings",
    "plan",
    "history",
    "reviews",
];

/// The keys of a `[reviews.*]` table this version knows.
const REVIEW_KEYS: &[&str] = &["id", "date", "ratings"];
/// The keys of a `[ratings.*]` and a `[plan.*]` table this version knows.
const RATING_KEYS: &[&str] = &["level", "note"];
const PLAN_KEYS: &[&str] = &["target", "action", "actions"];
/// The keys of a `[[plan.*.actions]]` table this version knows.
const ACTION_KEYS: &[&str] = &["id", "text", "due", "status", "evidence", "done"];

/// Reads an assessment of the built-in framework from text (levels up to its scale's top,
/// [`crate::framework::builtin_top`]). `name` is used when the file does not carry one.
pub fn parse(text: &str, name: &str) -> Result<Assessment, ParseError> {
    parse_checked(text, name, true, crate::framework::builtin_top())
}

/// Reads an assessment whose framework's scale reaches `top` (its last level's value).
pub fn parse_up_to(text: &str, name: &str, top: u8) -> Result<Assessment, ParseError> {
    parse_checked(text, name, true, top)
}

/// Reads a file written by a newer rolefit as far as this version understands it, to show it
/// read-only. None when its shape has changed too much.
pub fn parse_newer(text: &str, name: &str) -> Option<Assessment> {
    parse_checked(text, name, false, Level::TOP).ok()
}

fn parse_checked(
    text: &str,
    name: &str,
    check_format: bool,
    top: u8,
) -> Result<Assessment, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Invalid {
            line: 1,
            column: 1,
            reason: "the file is empty".into(),
        });
    }
    // Syntax first, then the format, so a newer file is recognised even if its shape changed.
    // The text is parsed once; the table (for the keys this version does not know) and the
    // known keys are both read from that one parse, as `toml::from_str` would read them.
    let document = toml::de::DeTable::parse(text).map_err(|e| toml_error(text, &e))?;
    let table = toml::Table::deserialize(toml::de::Deserializer::from(document.clone()))
        .map_err(|e| toml_error(text, &e))?;
    check_format_key(text, &table, check_format)?;
    let raw = RawAssessment::deserialize(toml::de::Deserializer::from(document))
        .map_err(|e| toml_error(text, &e))?;
    assemble(text, name, top, raw, table)
}

/// Reads an assessment to look at it, without the keys this version does not know (every
/// `extra` is empty): for reading many files at once (the team view and its reports), never
/// for a file that is written back. It accepts and refuses exactly what [`parse_up_to`] does
/// (a file it is not sure of is read by [`parse_up_to`] itself, errors and all), in about half
/// the time: the unknown keys are never copied.
pub fn parse_for_reading(text: &str, name: &str, top: u8) -> Result<Assessment, ParseError> {
    let lean = || -> Option<Assessment> {
        if text.trim().is_empty() {
            return None;
        }
        let document = toml::de::DeTable::parse(text).ok()?;
        // `parse_up_to` reads every value into a table, which refuses numbers out of range
        // even among unknown keys: such a file takes the long way.
        if !values_convert(document.get_ref()) {
            return None;
        }
        let raw = RawAssessment::deserialize(toml::de::Deserializer::from(document)).ok()?;
        if *raw.format.get_ref() != FORMAT {
            return None;
        }
        assemble(text, name, top, raw, toml::Table::new()).ok()
    };
    match lean() {
        Some(assessment) => Ok(assessment),
        None => parse_up_to(text, name, top),
    }
}

/// Whether every number in `table` reads as a TOML value (an integer that fits in 64 bits, a
/// float that does not overflow), as reading the whole file into a table requires.
fn values_convert(table: &toml::de::DeTable<'_>) -> bool {
    use toml::de::DeValue;
    fn value(v: &DeValue<'_>) -> bool {
        match v {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).is_ok(),
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .is_ok_and(|x| x.is_finite() || f.as_str().contains("inf")),
            DeValue::Array(items) => items.iter().all(|item| value(item.get_ref())),
            DeValue::Table(table) => values_convert(table),
            DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => true,
        }
    }
    table.values().all(|v| value(v.get_ref()))
}

/// The assessment from its known keys (`raw`) and, in `table`, the whole file's keys, of
/// which those this version does not know are kept (an empty table keeps none).
fn assemble(
    text: &str,
    name: &str,
    top: u8,
    raw: RawAssessment,
    mut table: toml::Table,
) -> Result<Assessment, ParseError> {
    // The raw struct reads `format` only to require it; its value was checked before.
    let _ = raw.format;
    let framework_version = parse_framework_version(text, raw.framework_version)?;
    let position = parse_position(text, raw.position)?;
    let ratings = read_tables(
        raw.ratings,
        &table,
        "ratings",
        RATING_KEYS,
        |_, entry, extra| read_entry(text, entry, extra, top),
    )?;
    let mut action_extras = take_action_extras(&table);
    let mut plan = read_tables(raw.plan, &table, "plan", PLAN_KEYS, |id, item, extra| {
        let extras = action_extras.remove(id).unwrap_or_default();
        read_plan_item(text, id, item, extra, extras, top)
    })?;
    number_actions(&mut plan);
    let reviews = parse_reviews(text, raw.reviews, &table, top)?;
    let history_extras = take_unknown_keys(&mut table);
    let now = crate::clock::now_utc();
    let history = parse_history(text, raw.history, history_extras, top)?;
    Ok(Assessment {
        history,
        name: raw.name.unwrap_or_else(|| name.to_string()),
        display_name: raw.display_name,
        role: raw.role.filter(|r| !r.is_empty()),
        team: raw.team.filter(|t| !t.is_empty()),
        framework: raw.framework,
        framework_version,
        framework_hash: raw.framework_hash,
        framework_path: raw.framework_path,
        created: raw.created.as_ref().map_or(now, datetime_in),
        updated: raw.updated.as_ref().map_or(now, datetime_in),
        position,
        ratings,
        plan,
        reviews,
        extra: table_in(&table),
    })
}

/// The `[reviews.*]` tables, each with its unknown keys and those of its ratings.
fn parse_reviews(
    text: &str,
    raw: BTreeMap<String, RawReview>,
    table: &toml::Table,
    top: u8,
) -> Result<BTreeMap<String, Review>, ParseError> {
    let section = match table.get("reviews") {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => toml::Table::new(),
    };
    let mut reviews = BTreeMap::new();
    for (reviewer, review) in raw {
        let own = section
            .get(&reviewer)
            .and_then(toml::Value::as_table)
            .cloned()
            .unwrap_or_default();
        let ratings = read_tables(
            review.ratings,
            &own,
            "ratings",
            RATING_KEYS,
            |_, entry, extra| read_entry(text, entry, extra, top),
        )?;
        let mut extra = own;
        for key in REVIEW_KEYS {
            extra.remove(*key);
        }
        reviews.insert(
            reviewer,
            Review {
                id: review.id,
                date: review.date.as_ref().map(datetime_in),
                ratings,
                extra: table_in(&extra),
            },
        );
    }
    Ok(reviews)
}

/// Requires `format`, and refuses a newer one when `check_format` is set.
fn check_format_key(text: &str, table: &toml::Table, check_format: bool) -> Result<(), ParseError> {
    let format_error = |reason: String| {
        // Only a bad `format` needs its position, so only then is the text read for spans.
        let offset = toml::from_str::<RawHead>(text)
            .ok()
            .and_then(|head| head.format)
            .map_or(0, |f| f.span().start);
        Err(ParseError::at(text, offset, reason))
    };
    match table.get("format") {
        None => Err(ParseError::at(text, 0, "missing `format = 1`")),
        Some(toml::Value::Integer(found)) if *found > FORMAT && check_format => {
            Err(ParseError::NewerFormat { found: *found })
        }
        Some(toml::Value::Integer(found)) if *found > FORMAT => Ok(()),
        Some(toml::Value::Integer(found)) if *found != FORMAT => {
            format_error(format!("unknown format {found}; expected {FORMAT}"))
        }
        Some(toml::Value::Integer(_)) => Ok(()),
        Some(_) => format_error("`format` must be a whole number".into()),
    }
}

fn parse_framework_version(text: &str, raw: Option<Spanned<i64>>) -> Result<u32, ParseError> {
    match raw {
        None => Ok(0),
        Some(v) => u32::try_from(*v.get_ref()).map_err(|_| {
            ParseError::at(text, v.span().start, "framework_version must be 0 or more")
        }),
    }
}

fn parse_position(text: &str, raw: Option<RawPosition>) -> Result<Position, ParseError> {
    let Some(p) = raw else {
        return Ok(Position::default());
    };
    let screen = match p.screen {
        None => Screen::default(),
        Some(s) => Screen::from_key(s.get_ref()).ok_or_else(|| {
            ParseError::at(
                text,
                s.span().start,
                format!(
                    "unknown screen {:?}; expected roles, grid, rate, results or plan",
                    s.get_ref()
                ),
            )
        })?,
    };
    Ok(Position {
        screen,
        competency: p.competency.map(CompetencyId),
        target: p.target,
        target_chosen: p.target_chosen.unwrap_or(false),
        show_targets: p.show_targets.unwrap_or(false),
        // An editor this version does not know (or half of the pair) means nothing to reopen.
        editing: p
            .editor
            .zip(p.editor_competency)
            .and_then(|(key, id)| Editing::from_key(&key, CompetencyId(id))),
    })
}

/// One `[ratings.*]` table; None when it says nothing.
fn read_entry(
    text: &str,
    raw: RawEntry,
    extra: toml::Table,
    top: u8,
) -> Result<Option<Entry>, ParseError> {
    let entry = Entry {
        rating: raw.level.map(|l| parse_level(text, &l, top)).transpose()?,
        note: raw.note,
        extra: table_in(&extra),
    };
    Ok((!entry.is_empty()).then_some(entry))
}

/// One `[plan.*]` table; None when it says nothing. A file from before actions (an `action`
/// line) gives one planned action; ids not yet given are 0 (see [`number_actions`]).
fn read_plan_item(
    text: &str,
    id: &str,
    raw: RawPlan,
    extra: toml::Table,
    mut action_extras: Vec<toml::Table>,
    top: u8,
) -> Result<Option<PlanItem>, ParseError> {
    let target = match raw.target {
        None => None,
        Some(t) => Some(
            Level::from_i64(*t.get_ref())
                .filter(|l| l.value() <= top)
                .ok_or_else(|| {
                    ParseError::at(
                        text,
                        t.span().start,
                        format!("plan target {} for {id} is outside 0..={top}", t.get_ref()),
                    )
                })?,
        ),
    };
    let mut actions = Vec::with_capacity(raw.actions.len() + 1);
    if !raw.action.is_empty() && !raw.actions.iter().any(|a| a.text == raw.action) {
        actions.push(PlanAction::new(0, &raw.action));
    }
    action_extras.resize(raw.actions.len(), toml::Table::new());
    for (action, extra) in raw.actions.into_iter().zip(action_extras) {
        let action_id = match action.id {
            None => 0,
            Some(n) => u32::try_from(*n.get_ref())
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    ParseError::at(
                        text,
                        n.span().start,
                        format!(
                            "plan action id {} for {id} is not a whole number from 1 up",
                            n.get_ref()
                        ),
                    )
                })?,
        };
        // A due or done date is a day, never a time of day.
        let date_only = |value: Option<Spanned<Datetime>>, key: &str| {
            let Some(d) = value else {
                return Ok(None);
            };
            match (d.get_ref().date, d.get_ref().time) {
                (Some(date), None) => Ok(Some(date_in(&date))),
                _ => Err(ParseError::at(
                    text,
                    d.span().start,
                    format!(
                        "plan action {key} for {id} must be a date such as 2027-03-31, without a time"
                    ),
                )),
            }
        };
        let due = date_only(action.due, "due")?;
        let done_on = date_only(action.done, "done")?;
        let status = match action.status {
            None => ActionStatus::Planned,
            Some(s) => ActionStatus::from_key(s.get_ref()).ok_or_else(|| {
                ParseError::at(
                    text,
                    s.span().start,
                    format!(
                        "plan action status \"{}\" for {id} is not one of planned, doing, done, dropped",
                        s.get_ref()
                    ),
                )
            })?,
        };
        actions.push(PlanAction {
            id: action_id,
            text: action.text,
            due,
            status,
            evidence: action.evidence,
            done_on,
            extra: table_in(&extra),
        });
    }
    let item = PlanItem {
        target,
        actions,
        extra: table_in(&extra),
    };
    Ok((!item.is_empty()).then_some(item))
}

/// The unknown keys of each `[[plan.ID.actions]]` table, by competency id.
fn take_action_extras(table: &toml::Table) -> BTreeMap<String, Vec<toml::Table>> {
    let Some(toml::Value::Table(plan)) = table.get("plan") else {
        return BTreeMap::new();
    };
    plan.iter()
        .filter_map(|(id, item)| {
            let actions = item.as_table()?.get("actions")?.as_array()?;
            let extras: Vec<toml::Table> = actions
                .iter()
                .map(|a| {
                    a.as_table()
                        .map(|t| {
                            t.iter()
                                .filter(|(k, _)| !ACTION_KEYS.contains(&k.as_str()))
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect();
            extras
                .iter()
                .any(|e| !e.is_empty())
                .then(|| (id.clone(), extras))
        })
        .collect()
}

/// Gives every action without an id (an old `action` line, a table written by hand) or with
/// an id already taken the next free one, in file order, so each is told apart for good.
fn number_actions(plan: &mut BTreeMap<CompetencyId, PlanItem>) {
    let mut next = plan
        .values()
        .flat_map(|p| p.actions.iter().map(|a| a.id))
        .max()
        .unwrap_or(0)
        + 1;
    let mut seen = std::collections::BTreeSet::new();
    for action in plan.values_mut().flat_map(|p| p.actions.iter_mut()) {
        if action.id == 0 || !seen.insert(action.id) {
            action.id = next;
            seen.insert(next);
            next += 1;
        }
    }
}

/// Reads each table of `table[section]` with `read`, handing it the keys not in `known`, and
/// keeps what `read` keeps: an empty table says nothing and is not written back.
fn read_tables<R, T>(
    raw: BTreeMap<String, R>,
    table: &toml::Table,
    section: &str,
    known: &[&str],
    mut read: impl FnMut(&str, R, toml::Table) -> Result<Option<T>, ParseError>,
) -> Result<BTreeMap<CompetencyId, T>, ParseError> {
    let mut extras = take_subtables(table, section, known);
    let mut out = BTreeMap::new();
    for (id, value) in raw {
        let extra = extras.remove(&id).unwrap_or_default();
        if let Some(value) = read(&id, value, extra)? {
            out.insert(CompetencyId(id), value);
        }
    }
    Ok(out)
}

/// Leaves in `table` only the keys this version does not know, keeping unknown keys inside
/// `[position]` too, and returns those of each `[[history]]` round.
fn take_unknown_keys(table: &mut toml::Table) -> Vec<toml::Table> {
    let mut position_extra = match table.remove("position") {
        Some(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    position_extra.remove("screen");
    position_extra.remove("competency");
    position_extra.remove("target");
    position_extra.remove("target_chosen");
    position_extra.remove("show_targets");
    position_extra.remove("editor");
    position_extra.remove("editor_competency");
    let history_extras: Vec<toml::Table> = match table.get("history") {
        Some(toml::Value::Array(rounds)) => rounds
            .iter()
            .map(|round| {
                let mut extra = round.as_table().cloned().unwrap_or_default();
                for key in ["taken", "label", "ratings"] {
                    extra.remove(key);
                }
                extra
            })
            .collect(),
        _ => Vec::new(),
    };
    for key in KNOWN_TOP {
        table.remove(*key);
    }
    if !position_extra.is_empty() {
        table.insert("position".into(), toml::Value::Table(position_extra));
    }
    history_extras
}

/// The `[[history]]` rounds, each with its unknown keys from `extras`.
fn parse_history(
    text: &str,
    raw: Vec<RawSnapshot>,
    mut extras: Vec<toml::Table>,
    top: u8,
) -> Result<Vec<Snapshot>, ParseError> {
    extras.resize(raw.len(), toml::Table::new());
    let mut history = Vec::with_capacity(raw.len());
    for (round, extra) in raw.into_iter().zip(extras) {
        let mut ratings = BTreeMap::new();
        for (id, level) in round.ratings {
            ratings.insert(CompetencyId(id), parse_level(text, &level, top)?);
        }
        history.push(Snapshot {
            taken: datetime_in(&round.taken),
            label: round.label,
            ratings,
            extra: table_in(&extra),
        });
    }
    Ok(history)
}

fn parse_level(text: &str, level: &Spanned<RawLevel>, top: u8) -> Result<Rating, ParseError> {
    let offset = level.span().start;
    match level.get_ref() {
        RawLevel::Number(n) => Level::from_i64(*n)
            .filter(|l| l.value() <= top)
            .map(Rating::Level)
            .ok_or_else(|| {
                ParseError::at(
                    text,
                    offset,
                    format!("level {n} is outside the scale 0..={top}"),
                )
            }),
        RawLevel::Text(t) if t.eq_ignore_ascii_case("na") => Ok(Rating::NotApplicable),
        RawLevel::Text(t) if t.eq_ignore_ascii_case("none") => Ok(Rating::Level(Level::NONE)),
        RawLevel::Text(t) => Err(ParseError::at(
            text,
            offset,
            format!("level {t:?} is not a level: use 0 to {top}, \"none\" or \"na\""),
        )),
    }
}

/// Removes `known` keys from each sub-table of `table[section]`, returning what is left per id.
fn take_subtables(
    table: &toml::Table,
    section: &str,
    known: &[&str],
) -> BTreeMap<String, toml::Table> {
    let Some(toml::Value::Table(section)) = table.get(section) else {
        return BTreeMap::new();
    };
    // Only the unknown keys are copied: most tables hold known keys only.
    section
        .iter()
        .filter_map(|(id, value)| {
            let sub: toml::Table = value
                .as_table()?
                .iter()
                .filter(|(key, _)| !known.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            (!sub.is_empty()).then(|| (id.clone(), sub))
        })
        .collect()
}

fn toml_error(text: &str, err: &toml::de::Error) -> ParseError {
    let offset = err.span().map_or(0, |s| s.start);
    ParseError::at(text, offset, err.message().trim().to_string())
}

/// The `[self.*]` tables of a review file: the person's own ratings, shared with the reviewer.
/// A bad level (above `top`, the framework scale's highest value) is refused with its line and
/// column, as in `[ratings.*]`.
pub fn parse_shared_self(text: &str, top: u8) -> Result<BTreeMap<CompetencyId, Entry>, ParseError> {
    #[derive(Deserialize)]
    struct Shared {
        #[serde(default, rename = "self")]
        shared: BTreeMap<String, RawEntry>,
    }
    let raw: Shared = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    let mut out = BTreeMap::new();
    for (id, entry) in raw.shared {
        if let Some(entry) = read_entry(text, entry, toml::Table::new(), top)? {
            out.insert(CompetencyId(id), entry);
        }
    }
    Ok(out)
}

/// Each key of the top-level table `section` with the byte offset where it is written, to point
/// at an id the framework lacks. Empty when the text or the section cannot be read.
pub fn table_key_offsets(text: &str, section: &str) -> Vec<(String, usize)> {
    let Ok(document) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let document = document.into_inner();
    let Some(value) = document.get(section) else {
        return Vec::new();
    };
    match value.get_ref() {
        toml::de::DeValue::Table(table) => table
            .iter()
            .map(|(key, _)| (key.get_ref().to_string(), key.span().start))
            .collect(),
        _ => Vec::new(),
    }
}

// ---- writing -----------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"format = 1
framework = "pm-vs-pmo"
framework_version = 1
name = "default"
created = 2026-11-28T18:00:00Z
updated = 2026-11-28T18:20:00Z

[position]
screen = "rate"
competency = "RI2"

[ratings.DP1]
level = 4
note = "Planned the 2025 ERP rollout end to end."

[ratings.RI1]
level = "na"
"#;

    #[test]
    fn reads_the_documented_example() {
        let a = parse(SAMPLE, "x").unwrap();
        assert_eq!(a.name, "default");
        assert_eq!(a.position.screen, Screen::Rate);
        assert_eq!(a.position.competency, Some(CompetencyId("RI2".into())));
        assert_eq!(
            a.rating(&"DP1".into()),
            Some(Rating::Level(Level::new(4).unwrap()))
        );
        assert_eq!(a.rating(&"RI1".into()), Some(Rating::NotApplicable));
        assert_eq!(
            a.note(&"DP1".into()),
            "Planned the 2025 ERP rollout end to end."
        );
    }

    #[test]
    fn writes_back_what_it_read() {
        let a = parse(SAMPLE, "x").unwrap();
        let text = to_toml(&a);
        assert_eq!(parse(&text, "x").unwrap(), a);
        assert!(
            text.starts_with(&format!(
                "{FILE_HEADER}format = 1\nframework = \"pm-vs-pmo\"\n"
            )),
            "{text}"
        );
    }

    #[test]
    fn the_choice_to_show_targets_survives_a_round_trip() {
        let a = parse(SAMPLE, "x").unwrap();
        assert!(!a.position.show_targets, "targets are hidden by default");
        assert!(
            !to_toml(&a).contains("show_targets"),
            "the default is not written"
        );
        let mut shown = a.clone();
        shown.position.show_targets = true;
        let text = to_toml(&shown);
        assert!(text.contains("show_targets = true"), "{text}");
        assert_eq!(parse(&text, "x").unwrap(), shown);
        // Written by hand, it is read too.
        let by_hand = SAMPLE.replace(
            "competency = \"RI2\"\n",
            "competency = \"RI2\"\nshow_targets = true\n",
        );
        assert!(parse(&by_hand, "x").unwrap().position.show_targets);
    }

    #[test]
    fn unknown_keys_survive_a_round_trip() {
        let text = format!(
            "{}\nmood = \"calm\"\n[extra_section]\nx = 1\n",
            SAMPLE.replace("[ratings.DP1]\n", "[ratings.DP1]\nconfidence = \"high\"\n")
        );
        // The extra top-level key must sit before the first table to be top-level.
        let text = text.replacen("[position]", "unit = \"north\"\n\n[position]\nzoom = 2", 1);
        let a = parse(&text, "x").unwrap();
        let written = to_toml(&a);
        let again = parse(&written, "x").unwrap();
        assert_eq!(again, a);
        for needle in [
            "unit = \"north\"",
            "zoom = 2",
            "confidence = \"high\"",
            "[extra_section]",
        ] {
            assert!(written.contains(needle), "{needle} missing from\n{written}");
        }
    }

    #[test]
    fn the_person_round_trips_and_older_files_were_never_asked() {
        // An older file: no display name (never asked), no role, no team.
        let old = parse(SAMPLE, "x").unwrap();
        assert_eq!(
            (old.display_name.as_deref(), old.role.as_deref()),
            (None, None)
        );
        assert!(!old.name_asked());
        assert!(!to_toml(&old).contains("display_name"), "nothing is added");
        let mut a = old.clone();
        a.display_name = Some("Zoë Nakamura 中村".into());
        a.role = Some("Delivery lead".into());
        a.team = Some("North".into());
        let text = to_toml(&a);
        assert!(
            text.contains(
                "name = \"default\"\ndisplay_name = \"Zoë Nakamura 中村\"\nrole = \"Delivery lead\"\nteam = \"North\"\ncreated"
            ),
            "{text}"
        );
        let back = parse(&text, "x").unwrap();
        assert_eq!(back, a);
        assert!(back.extra.is_empty(), "known keys are not kept as unknown");
        assert_eq!(back.shown_name("f"), "Zoë Nakamura 中村");
        // Asked and left empty: written as such, so the question is not asked again.
        a.display_name = Some(String::new());
        let text = to_toml(&a);
        assert!(text.contains("display_name = \"\"\n"), "{text}");
        let back = parse(&text, "x").unwrap();
        assert!(back.name_asked() && back.person_name().is_none());
        // Shown as the file's name, since the assessment's own name is the default one.
        assert_eq!(back.shown_name("pa"), "pa");
        // A wrong type names its place.
        let bad = SAMPLE.replace(
            "name = \"default\"\n",
            "name = \"default\"\ndisplay_name = 3\n",
        );
        assert!(matches!(
            parse(&bad, "x"),
            Err(ParseError::Invalid { line: 5, .. })
        ));
    }

    #[test]
    fn reading_to_look_accepts_and_refuses_what_reading_to_write_does() {
        let with_reviews = format!("{SAMPLE}{WITH_REVIEWS}");
        let texts = [
            SAMPLE,
            with_reviews.as_str(),
            // Numbers out of range among unknown keys: refused by both.
            "format = 1\nframework = \"x\"\nbig = 99999999999999999999\n",
            "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = 3\nbig = 1e999\n",
            // In range, in an array and a table of their own: read by both.
            "format = 1\nframework = \"x\"\nbig = [9223372036854775807, -1e300, inf]\n[more]\nx = 0x7f\n",
            "format = 2\nsomething = \"else\"\n",
            "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = 7\n",
            "framework = \"x\"\n",
            "",
        ];
        for text in texts {
            let full = parse_up_to(text, "x", 5);
            let lean = parse_for_reading(text, "x", 5);
            match (&full, &lean) {
                (Ok(a), Ok(b)) => assert_eq!(&a.known_only(), b, "{text:?}"),
                (Err(a), Err(b)) => assert_eq!(a, b, "{text:?}"),
                _ => panic!("{text:?}: {full:?} but {lean:?}"),
            }
        }
        assert!(parse_for_reading(texts[2], "x", 5).is_err());
        assert!(parse_for_reading(texts[4], "x", 5).is_ok());
    }

    #[test]
    fn bad_files_name_line_and_column() {
        // (text, where the problem is, a fragment of the reason shown to the user)
        let cases = [
            ("", (1, 1), "the file is empty"),
            (
                "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = 7\n",
                (4, 9),
                "level 7 is outside the scale",
            ),
            (
                "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = \"high\"\n",
                (4, 9),
                "\"high\" is not a level",
            ),
            // A syntax error, reported by the TOML parser at the end of the line.
            ("format = 1\nframework = [\n", (2, 14), "unclosed array"),
            (
                "format = \"one\"\nframework = \"x\"\n",
                (1, 10),
                "`format` must be a whole number",
            ),
            ("framework = \"x\"\n", (1, 1), "missing `format = 1`"),
            // A known key of the wrong type names the type it wants.
            ("format = 1\nframework = 3\n", (2, 13), "expected a string"),
        ];
        for (text, place, needle) in cases {
            match parse(text, "x") {
                Err(ParseError::Invalid {
                    line,
                    column,
                    reason,
                }) => {
                    assert_eq!((line, column), place, "{text:?}: {reason}");
                    assert!(
                        reason.contains(needle),
                        "{text:?}: {reason:?} should mention {needle:?}"
                    );
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn rounds_round_trip_and_older_files_load_unchanged() {
        let mut a = parse(SAMPLE, "x").unwrap();
        assert!(a.history.is_empty());
        a.close_round(crate::clock::utc_from_epoch(1_795_888_800), "Q4 review");
        a.set_rating(&"DP1".into(), Some(Rating::Level(Level::new(5).unwrap())));
        a.close_round(crate::clock::utc_from_epoch(1_800_000_000), "");
        let text = to_toml(&a);
        assert!(text.contains("[[history]]"), "{text}");
        assert!(text.contains("label = \"Q4 review\""), "{text}");
        let back = parse(&text, "x").unwrap();
        assert_eq!(back, a);
        assert_eq!(
            back.history[0].ratings[&CompetencyId::from("DP1")],
            Rating::Level(Level::new(4).unwrap())
        );
        assert_eq!(
            back.history[1].ratings[&CompetencyId::from("RI1")],
            Rating::NotApplicable
        );
        // A round with a bad level names its place.
        let bad = format!(
            "{SAMPLE}\n[[history]]\ntaken = 2026-11-28T18:00:00Z\n[history.ratings]\nDP1 = 9\n"
        );
        assert!(matches!(parse(&bad, "x"), Err(ParseError::Invalid { .. })));
    }

    #[test]
    fn empty_rating_and_plan_tables_are_not_kept() {
        // Found by fuzzing: they are not written back, so keeping them broke save-then-load.
        let text = "format = 1\nframework = \"\"\n[ratings.V]\nnote = \"\"\n[plan.W]\n";
        let a = parse(text, "x").unwrap();
        assert!(a.ratings.is_empty() && a.plan.is_empty());
        assert_eq!(parse(&to_toml(&a), "x").unwrap(), a);
    }

    const WITH_REVIEWS: &str = r#"
[reviews.Sam]
id = "5c8931dde338ff6b"
date = 2026-11-30T09:00:00Z
mood = "kind"

[reviews.Sam.ratings.DP1]
level = 2
note = "Saw the plan slip twice."
confidence = "low"

[reviews.Sam.ratings.RI1]
level = "na"

[reviews."Kim Lee".ratings.DP1]
level = 5
"#;

    #[test]
    fn reviews_round_trip_with_their_unknown_keys() {
        let text = format!("{SAMPLE}{WITH_REVIEWS}");
        let a = parse(&text, "x").unwrap();
        assert_eq!(a.reviews.len(), 2);
        let sam = &a.reviews["Sam"];
        assert_eq!(sam.id, "5c8931dde338ff6b");
        assert_eq!(
            sam.rating(&"DP1".into()),
            Some(Rating::Level(Level::new(2).unwrap()))
        );
        assert_eq!(sam.rating(&"RI1".into()), Some(Rating::NotApplicable));
        assert_eq!(
            sam.ratings[&CompetencyId::from("DP1")].note,
            "Saw the plan slip twice."
        );
        assert_eq!(a.reviews["Kim Lee"].id, "", "an id is optional");
        // Nothing about reviews leaks into the unknown top-level keys.
        assert!(a.extra.is_empty(), "{:?}", a.extra);
        let written = to_toml(&a);
        assert!(
            written.starts_with(&format!("{FILE_HEADER}format = 1\n")),
            "{written}"
        );
        for needle in [
            "mood = \"kind\"",
            "confidence = \"low\"",
            "[reviews.\"Kim Lee\".ratings.DP1]",
        ] {
            assert!(written.contains(needle), "{needle} missing from\n{written}");
        }
        assert_eq!(parse(&written, "x").unwrap(), a);
    }

    #[test]
    fn reviews_are_plain_tables_a_format_1_reader_keeps() {
        // What a rolefit without reviews does with them: a top-level table it does not know,
        // kept whole and written back. Read the same file as such a reader would (the table
        // taken as unknown), write it, and read it with this version: nothing is lost.
        let text = format!("{SAMPLE}{WITH_REVIEWS}");
        let table: toml::Table = toml::from_str(&text).unwrap();
        let mut older = parse(SAMPLE, "x").unwrap();
        older.extra.insert(
            "reviews".into(),
            crate::toml_value::value_in(&table["reviews"]),
        );
        let written_by_older = to_toml(&older);
        assert!(written_by_older.starts_with(&format!("{FILE_HEADER}format = 1\n")));
        let now = parse(&written_by_older, "x").unwrap();
        assert_eq!(now, parse(&text, "x").unwrap());
        // And a file with reviews is still format 1: a format-1 reader does not refuse it.
        assert!(!matches!(
            parse(&to_toml(&now), "x"),
            Err(ParseError::NewerFormat { .. })
        ));
    }

    #[test]
    fn a_bad_level_in_a_review_names_its_place() {
        let text = format!("{SAMPLE}{}", WITH_REVIEWS.replace("level = 5", "level = 9"));
        let line = text.lines().position(|l| l == "level = 9").unwrap() + 1;
        match parse(&text, "x") {
            Err(ParseError::Invalid {
                line: l,
                column,
                reason,
            }) => {
                assert_eq!((l, column), (line, 9));
                assert!(reason.contains("level 9"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn newer_formats_are_recognised() {
        assert_eq!(
            parse("format = 2\nsomething = \"else\"\n", "x"),
            Err(ParseError::NewerFormat { found: 2 })
        );
    }

    #[test]
    fn the_framework_hash_and_path_round_trip_and_older_files_load_without_them() {
        // An older file: neither key, read as unknown, written only once known.
        let old = parse(SAMPLE, "x").unwrap();
        assert_eq!(
            (old.framework_hash.clone(), old.framework_path.clone()),
            (None, None)
        );
        let written = to_toml(&old);
        assert!(!written.contains("framework_hash") && !written.contains("framework_path"));
        let mut a = old;
        a.framework_hash = Some("0123456789abcdef".into());
        a.framework_path = Some("/home/ana/frameworks/em \"v2\".toml".into());
        let text = to_toml(&a);
        assert!(
            text.strip_prefix(FILE_HEADER)
                .is_some_and(|t| t.starts_with(
                    "format = 1\nframework = \"pm-vs-pmo\"\nframework_version = 1\n\
                 framework_hash = \"0123456789abcdef\"\n\
                 framework_path = '/home/ana/frameworks/em \"v2\".toml'\n"
                )),
            "{text}"
        );
        let back = parse(&text, "x").unwrap();
        assert_eq!(back, a);
        assert!(back.extra.is_empty(), "known keys are not kept as unknown");
        // A wrong type names its place, as for every known key.
        let bad = SAMPLE.replace(
            "framework_version = 1\n",
            "framework_version = 1\nframework_hash = 7\n",
        );
        assert!(matches!(
            parse(&bad, "x"),
            Err(ParseError::Invalid { line: 4, .. })
        ));
    }

    #[test]
    fn a_reader_that_does_not_know_the_new_keys_keeps_them() {
        // How a build from before these keys reads a file that has them: as unknown top-level
        // keys, kept and written back. Simulated by a key this build does not know either.
        let text = SAMPLE.replace(
            "framework_version = 1\n",
            "framework_version = 1\nframework_fingerprint = \"0123456789abcdef\"\n",
        );
        let a = parse(&text, "x").unwrap();
        assert!(to_toml(&a).contains("framework_fingerprint = \"0123456789abcdef\""));
    }
}
