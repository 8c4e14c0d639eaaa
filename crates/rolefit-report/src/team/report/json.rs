//! The team report as JSON and JSON Lines, in their versioned shapes: the head, each person as
//! read, and the summary at the end.

use serde_json::{Value, json};

use crate::escape::json_safe;
use rolefit_core::Framework;
use rolefit_core::team::tally::Tally;
use rolefit_core::team::{Cell, Member, NotRead};

/// Version of the JSON and JSON Lines shapes; raised when a field changes meaning or goes.
/// 2: people named by their display name, with role, team, counts and their last round; the
/// lean with its direction; JSON Lines with a person record beside the competency records;
/// CSV with the lean's direction and without `rank` (its rows come in the order read).
pub const TEAM_REPORT_VERSION: u32 = 2;

/// A level as JSON: its value, "none" (below the first level), "na", or null (unanswered).
fn level_json(cell: Cell) -> Value {
    match cell {
        Cell::Unanswered => Value::Null,
        Cell::NotApplicable => json!("na"),
        Cell::Level(level) if level.is_none() => json!("none"),
        Cell::Level(level) => json!(level.value()),
    }
}

fn round(value: Option<f64>, places: i32) -> Value {
    let scale = 10f64.powi(places);
    value.map_or(Value::Null, |v| json!((v * scale).round() / scale))
}

/// A person as the JSON report and the JSON Lines person record write them; with `levels`,
/// every competency's level (the JSON report), which JSON Lines has in records of their own.
pub(super) fn person_json(
    fw: &Framework,
    profile: usize,
    member: &Member,
    levels: bool,
) -> serde_json::Map<String, Value> {
    let (rated, na, unanswered) = member.counts();
    let readiness: serde_json::Map<String, Value> = fw
        .profiles
        .iter()
        .zip(&member.readiness)
        .map(|(p, r)| {
            let figures = json!({
                "percent": round(r.percent, 1),
                "rated": r.rated,
                "required": r.required,
                "provisional": r.provisional(),
            });
            (p.id.clone(), figures)
        })
        .collect();
    let areas: serde_json::Map<String, Value> = fw
        .areas
        .iter()
        .zip(&member.areas)
        .map(|(a, l)| (a.id.clone(), round(*l, 2)))
        .collect();
    let mut person = serde_json::Map::new();
    let mut put = |key: &str, value: Value| {
        person.insert(key.to_string(), value);
    };
    put("name", json!(member.name));
    put(
        "file",
        json!(rolefit_core::text::display_path(&member.path)),
    );
    put("role", json!(member.role));
    put("team", json!(member.team));
    put("framework", json!(fw.id));
    put("framework_version", json!(fw.version));
    put("profile", json!(fw.profiles[profile].id));
    put("competencies", json!(member.cells.len()));
    put("answered", json!(member.answered()));
    put("rated", json!(rated));
    put("na", json!(na));
    put("unanswered", json!(unanswered));
    put("readiness", Value::Object(readiness));
    put(
        "lean",
        json!({
            "outcome": member.outcome.key(),
            "direction": member.lean_direction(fw),
            "position": round(member.position, 3),
            "label": member.lean_label(fw),
        }),
    );
    put("areas", Value::Object(areas));
    put(
        "plan",
        json!({
            "open": member.plan.open,
            "overdue": member.plan.overdue,
            "done_since_round": member.plan.done_since_round,
        }),
    );
    let levels_of = |cells: &[Cell]| -> Value {
        Value::Object(
            fw.competencies
                .iter()
                .zip(cells)
                .map(|(c, &cell)| (c.id.to_string(), level_json(cell)))
                .collect(),
        )
    };
    put(
        "round",
        match &member.round {
            None => Value::Null,
            Some(round) if levels => json!({
                "taken": round.taken.to_string(),
                "label": round.label,
                "levels": levels_of(&round.cells),
            }),
            Some(round) => json!({ "taken": round.taken.to_string(), "label": round.label }),
        },
    );
    if levels {
        put("levels", levels_of(&member.cells));
    }
    person
}

/// The start of the JSON report, up to its first person.
pub(super) fn json_head(fw: &Framework, profile: usize) -> String {
    let p = &fw.profiles[profile];
    let field =
        |key: &str, value: Value| format!("  \"{key}\": {},\n", json_safe(value.to_string()));
    let mut out = String::from("{\n");
    out.push_str(&field("team_report", json!(TEAM_REPORT_VERSION)));
    out.push_str(&field(
        "framework",
        json!({ "id": fw.id, "version": fw.version, "name": fw.name }),
    ));
    out.push_str(&field("profile", json!({ "id": p.id, "name": p.name })));
    out.push_str("  \"people\": [\n");
    out
}

/// The end of the JSON report: the ranking, the competencies with their bench depth, the
/// areas, the largest gaps and the files not read, from what was gathered.
pub(super) fn json_tail(
    fw: &Framework,
    profile: usize,
    tally: &Tally,
    not_read: &[NotRead],
) -> String {
    let competencies: Vec<Value> = (0..fw.competencies.len())
        .map(|c| {
            let comp = &fw.competencies[c];
            let b = tally.bench(fw, c);
            json!({
                "id": comp.id.to_string(),
                "name": comp.name,
                "area": fw.areas[comp.area].id,
                "target": b.target.map(|t| t.value()),
                "average": round(tally.average(c), 2),
                "planning": tally.planning(c),
                "bench": {
                    "meet": b.meet,
                    "of": b.of,
                    "answered": b.answered,
                    "na": b.not_applicable,
                    "unanswered": b.unanswered,
                },
            })
        })
        .collect();
    let areas: Vec<Value> = fw
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| {
            json!({
                "id": area.id,
                "name": area.name,
                "average": round(tally.area_average(a), 2),
                "target": round(rolefit_core::team::area_target(fw, a, profile), 2),
            })
        })
        .collect();
    let gaps: Vec<Value> = tally
        .largest_gaps(fw)
        .iter()
        .map(|g| {
            json!({
                "id": fw.competencies[g.competency].id.to_string(),
                "target": g.target.value(),
                "shortfall": round(Some(g.shortfall), 2),
                "below": g.below,
                "answered": g.answered,
            })
        })
        .collect();
    let not_read: Vec<Value> = not_read
        .iter()
        .map(|n| json!({ "file": rolefit_core::text::display_path(&n.path), "reason": n.reason }))
        .collect();
    let mut out = String::from("\n  ],\n  \"ranking\": [");
    // Everyone, one at a time: a ranking of 100,000 is never held as JSON values.
    for (rank, (r, label)) in tally.ranking().into_iter().enumerate() {
        out.push_str(if rank == 0 { "\n    " } else { ",\n    " });
        let entry = json!({
            "rank": rank + 1,
            "name": r.name,
            "label": label,
            "file": rolefit_core::text::display_path(&r.path),
            "percent": round(r.percent, 1),
            "rated": r.rated,
            "required": r.required,
            "provisional": r.provisional,
        });
        out.push_str(&json_safe(entry.to_string()));
    }
    out.push_str("\n  ],\n");
    let sections = [
        ("competencies", competencies),
        ("areas", areas),
        ("largest_gaps", gaps),
        ("not_read", not_read),
    ];
    let last = sections.len() - 1;
    for (i, (key, items)) in sections.into_iter().enumerate() {
        out.push_str(&format!("  \"{key}\": ["));
        for (j, item) in items.iter().enumerate() {
            out.push_str(if j == 0 { "\n    " } else { ",\n    " });
            out.push_str(&json_safe(item.to_string()));
        }
        out.push_str(if items.is_empty() { "]" } else { "\n  ]" });
        out.push_str(if i == last { "\n" } else { ",\n" });
    }
    out.push_str("}\n");
    out
}

/// A string as JSON, with what serde_json leaves raw escaped too.
fn json_text(text: &str) -> String {
    json_safe(Value::String(text.to_string()).to_string())
}

/// Each competency's fields of a JSON Lines record, which are the same for everyone: its id
/// and area, every profile's target (null where a profile does not require it), the profile
/// measured against and its target.
pub(super) fn jsonl_competency_parts(fw: &Framework, profile: usize) -> Vec<String> {
    use rolefit_core::scoring::required;
    (0..fw.competencies.len())
        .map(|c| {
            let comp = &fw.competencies[c];
            let targets: serde_json::Map<String, Value> = fw
                .profiles
                .iter()
                .enumerate()
                .map(|(p, prof)| {
                    let target = required(fw, p, c).then(|| fw.target(p, c).value());
                    (prof.id.clone(), json!(target))
                })
                .collect();
            let target = required(fw, profile, c).then(|| fw.target(profile, c).value());
            format!(
                "\"competency\":{},\"area\":{},\"targets\":{},\"profile\":{},\"target\":{}",
                json_text(comp.id.as_str()),
                json_text(&fw.areas[comp.area].id),
                json_safe(Value::Object(targets).to_string()),
                json_text(&fw.profiles[profile].id),
                json!(target),
            )
        })
        .collect()
}

/// One person in JSON Lines: their person record, then one record per competency.
pub(super) fn jsonl_person(
    fw: &Framework,
    profile: usize,
    member: &Member,
    parts: &[String],
) -> String {
    use rolefit_core::scoring::required;
    // `kind` and the version first, then the person's fields in name order.
    let fields = json_safe(Value::Object(person_json(fw, profile, member, false)).to_string());
    let mut out = format!(
        "{{\"kind\":\"person\",\"team_report\":{TEAM_REPORT_VERSION},{}\n",
        &fields[1..]
    );
    // The person's part of every record of theirs, written once.
    let who = format!(
        "{{\"kind\":\"competency\",\"name\":{},\"file\":{},\"team\":{},",
        json_text(&member.name),
        json_text(&rolefit_core::text::display_path(&member.path)),
        member.team.as_deref().map_or("null".to_string(), json_text),
    );
    let value = |cell: Cell| match cell {
        Cell::Level(level) => level.value().to_string(),
        _ => "null".to_string(),
    };
    for (c, part) in parts.iter().enumerate() {
        let cell = member.cells[c];
        let mark = rolefit_core::team::mark(fw, cell, c, profile);
        let (gap, meets) = match (cell, required(fw, profile, c)) {
            (_, false) => ("null".to_string(), "null"),
            (Cell::Level(level), true) => {
                let target = fw.target(profile, c);
                let gap = rolefit_core::scoring::gap(level, target);
                (
                    gap.to_string(),
                    if level >= target { "true" } else { "false" },
                )
            }
            (_, true) => ("null".to_string(), "false"),
        };
        let previous = member.round.as_ref().map(|r| r.cells[c]);
        out.push_str(&who);
        out.push_str(part);
        out.push_str(&format!(
            ",\"level\":{},\"value\":{},\"gap\":{gap},\"meets\":{meets},\"mark\":\"{}\",\"previous\":{},\"previous_value\":{}}}\n",
            level_json(cell),
            value(cell),
            mark.key(),
            previous.map_or(Value::Null, level_json),
            previous.map_or("null".to_string(), value),
        ));
    }
    out
}
