//! One file because reading an assessment is one pass over its TOML: every section's checks share the raw types, the known keys and the line/column errors; writing is in codec/write.rs, the tests in codec/tests.rs.
//!
//! The assessment file format (README: Files): reading with line/column errors, writing in a
//! stable, diff-friendly order, keeping keys this version does not know.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::toml_value::{date_in, datetime_in, table_in};

use rolefit_core::framework::line_column;
use rolefit_core::{
    ActionStatus, Assessment, CompetencyId, Editing, Entry, Level, PlanAction, PlanItem, Position,
    Rating, Review, Screen, Snapshot,
};

mod write;
pub use write::{FILE_HEADER, FORMAT, OLD_FILE_HEADER, to_toml};

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

#[cfg(test)]
mod tests;
