//! The team view as a report: Markdown for people, CSV (one row per person) for spreadsheets,
//! JSON (everything) and JSON Lines (one record per person × competency) for DuckDB or a
//! warehouse. Pure functions of a [`Team`] and a profile: the same input gives byte-identical
//! output. The fields are listed in the README's "Team view" section.

use std::fmt;

use serde_json::{Value, json};

use super::{Cell, Mark, Member, Team};
use crate::export::escape::{csv_record, json_safe, md_cell, md_safe};

/// Version of the JSON and JSON Lines shapes; raised when a field changes meaning or goes.
pub const TEAM_REPORT_VERSION: u32 = 1;

/// A team report format.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamFormat {
    Markdown,
    /// One self-contained HTML page with the heatmap and charts ([`super::html`]).
    Html,
    Csv,
    Json,
    Jsonl,
}

impl fmt::Display for TeamFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TeamFormat::Markdown => "Markdown",
            TeamFormat::Html => "HTML",
            TeamFormat::Csv => "CSV",
            TeamFormat::Json => "JSON",
            TeamFormat::Jsonl => "JSON Lines",
        })
    }
}

/// The report of `team` against profile `profile` in `format`.
/// Control characters from names and files are escaped in every format (see
/// [`crate::export::escape`]).
pub fn report(team: &Team, profile: usize, format: TeamFormat) -> String {
    match format {
        TeamFormat::Markdown => md_safe(markdown(team, profile)),
        TeamFormat::Html => super::html::html(team, profile),
        TeamFormat::Csv => csv(team, profile),
        TeamFormat::Json => json_safe(json_text(team, profile)),
        TeamFormat::Jsonl => json_safe(jsonl(team, profile)),
    }
}

/// A level as written in reports: "4", "na" or "".
fn cell_text(cell: Cell) -> String {
    match cell {
        Cell::Unanswered => String::new(),
        Cell::NotApplicable => "na".into(),
        Cell::Level(level) => level.to_string(),
    }
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |p| format!("{p:.0}%"))
}

fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(String::new, crate::domain::verdict::one_decimal)
}

fn or_dash(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), crate::domain::verdict::one_decimal)
}

/// "62% (20/33)" with "?" when provisional.
fn readiness_text(member: &Member, profile: usize) -> String {
    let r = member.readiness[profile];
    format!(
        "{}{} ({}/{})",
        percent(r.percent),
        if r.provisional() { "?" } else { "" },
        r.rated,
        r.required
    )
}

fn markdown(team: &Team, profile: usize) -> String {
    let fw = &team.framework;
    let p = &fw.profiles[profile];
    let mut out = String::new();
    out.push_str(&format!(
        "# Team view: {} people against the {} profile\n\n",
        team.members.len(),
        md_cell(&p.name)
    ));
    out.push_str(&format!(
        "Framework: {} (version {}). Marks: ▲ above the target · ✓ meets · ▼ below · · unanswered · – N/A; a level without a mark is not required by the profile.\n\n",
        md_cell(&fw.name),
        fw.version
    ));
    out.push_str(&format!("## Ranking for {}\n\n", md_cell(&p.name)));
    out.push_str(
        "Complete figures rank above provisional ones (marked ?, below half coverage).\n\n",
    );
    out.push_str("| # | Person | Readiness (rated/required) | Lean |\n|---:|---|---|---|\n");
    for (rank, &m) in team.ranking(profile).iter().enumerate() {
        let member = &team.members[m];
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            rank + 1,
            md_cell(&member.label),
            readiness_text(member, profile),
            member.lean_label(fw)
        ));
    }
    out.push_str("\n## Largest gaps\n\nRequired competencies ranked by the average shortfall below the target of the people who gave a level.\n\n");
    let gaps = team.largest_gaps(profile);
    if gaps.is_empty() {
        out.push_str("None: everyone who answered meets every target.\n");
    } else {
        out.push_str(
            "| Competency | Target | Average shortfall | Below target |\n|---|---:|---:|---:|\n",
        );
        for g in &gaps {
            let c = &fw.competencies[g.competency];
            out.push_str(&format!(
                "| {} {} | {} | {} | {} of {} |\n",
                c.id,
                md_cell(&c.name),
                g.target,
                crate::domain::verdict::one_decimal(g.shortfall),
                g.below,
                g.answered
            ));
        }
    }
    out.push_str("\n## Heatmap\n\n");
    for (a, area) in fw.areas.iter().enumerate() {
        out.push_str(&format!(
            "### {} (team average {}, target {})\n\n| Person |",
            md_cell(&area.name),
            or_dash(team.area_average(a)),
            or_dash(team.area_target(a, profile))
        ));
        for c in area.competencies.clone() {
            out.push_str(&format!(" {} |", fw.competencies[c].id));
        }
        out.push_str(" Average |\n|---|");
        for _ in area.competencies.clone() {
            out.push_str("---|");
        }
        out.push_str("---:|\n| *Target* |");
        for c in area.competencies.clone() {
            let target = if crate::domain::scoring::required(fw, profile, c) {
                fw.target(profile, c).to_string()
            } else {
                "—".into()
            };
            out.push_str(&format!(" {target} |"));
        }
        out.push_str(&format!(
            " {} |\n",
            one_decimal(team.area_target(a, profile))
        ));
        for (m, member) in team.members.iter().enumerate() {
            out.push_str(&format!("| {} |", md_cell(&member.label)));
            for c in area.competencies.clone() {
                let mark = team.mark(m, c, profile);
                let text = match member.cells[c] {
                    Cell::Level(level) => format!("{level}{}", mark.glyph()),
                    _ => mark.glyph().to_string(),
                };
                out.push_str(&format!(" {} |", text.trim_end()));
            }
            out.push_str(&format!(" {} |\n", one_decimal(member.areas[a])));
        }
        out.push('\n');
    }
    out.push_str(&format!("## Bench depth for {}\n\nPeople rated at or above the target, of everyone in the team (N/A and unanswered never meet it).\n\n| Competency | Target | Meet | Answered | N/A | Unanswered |\n|---|---:|---:|---:|---:|---:|\n", md_cell(&p.name)));
    for c in 0..fw.competencies.len() {
        let b = team.bench(c, profile);
        let comp = &fw.competencies[c];
        out.push_str(&format!(
            "| {} {} | {} | {} of {} | {} | {} | {} |\n",
            comp.id,
            md_cell(&comp.name),
            b.target.map_or_else(|| "—".into(), |t| t.to_string()),
            b.meet,
            b.of,
            b.answered,
            b.not_applicable,
            b.unanswered
        ));
    }
    if !team.not_read.is_empty() {
        out.push_str(&format!(
            "\n## Files not read ({})\n\n",
            team.not_read.len()
        ));
        for n in &team.not_read {
            out.push_str(&format!(
                "- {}: {}\n",
                md_cell(&crate::text::display_path(&n.path)),
                md_cell(&n.reason)
            ));
        }
    }
    out
}

fn csv(team: &Team, profile: usize) -> String {
    let fw = &team.framework;
    let mut out = String::new();
    let mut header: Vec<String> = [
        "rank",
        "person",
        "file",
        "profile",
        "readiness",
        "rated",
        "required",
        "provisional",
        "lean_position",
        "lean",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(fw.competencies.iter().map(|c| c.id.to_string()));
    csv_record(&mut out, &header);
    for (rank, &m) in team.ranking(profile).iter().enumerate() {
        let member = &team.members[m];
        let r = member.readiness[profile];
        let mut row = vec![
            (rank + 1).to_string(),
            member.name.clone(),
            crate::text::display_path(&member.path),
            fw.profiles[profile].id.clone(),
            r.percent
                .map_or_else(String::new, crate::domain::verdict::one_decimal),
            r.rated.to_string(),
            r.required.to_string(),
            r.provisional().to_string(),
            member
                .position
                .map_or_else(String::new, |p| format!("{p:.3}")),
            lean_key(member, fw),
        ];
        row.extend(member.cells.iter().map(|&c| cell_text(c)));
        csv_record(&mut out, &row);
    }
    out
}

/// The CSV `lean`: `leans-<main profile id>` (`leans-pm`, `leans-pmo` in the built-in
/// framework), `straddles`, `no-clear-lean` or `too-early`; empty without an axis.
fn lean_key(member: &crate::team::Member, fw: &crate::domain::Framework) -> String {
    use crate::domain::scoring::Outcome;
    match member.outcome {
        _ if !fw.axis => String::new(),
        Outcome::Leans { side } => format!("leans-{}", fw.profiles[fw.main_profiles[side]].id),
        outcome => outcome.key().to_string(),
    }
}

fn level_json(cell: Cell) -> Value {
    match cell {
        Cell::Unanswered => Value::Null,
        Cell::NotApplicable => json!("na"),
        // "none" (below the scale's first level) is not the value 0 of a 0-based scale.
        Cell::Level(level) if level.is_none() => json!("none"),
        Cell::Level(level) => json!(level.value()),
    }
}

fn round(value: Option<f64>, places: i32) -> Value {
    let scale = 10f64.powi(places);
    value.map_or(Value::Null, |v| json!((v * scale).round() / scale))
}

/// The JSON report as text, the same as pretty-printing [`json_value`] whole, but each person
/// is made into text and dropped before the next: memory stays close to the text's own size
/// however many people there are, not a tree of values for all of them (F-D15).
fn json_text(team: &Team, profile: usize) -> String {
    let top = json_value(team, profile, false);
    let text = serde_json::to_string_pretty(&top).expect("a JSON value always serialises");
    // The placeholder cannot occur inside a string: its quotes would be escaped there.
    let placeholder = "\"people\": []";
    let (before, after) = text
        .split_once(placeholder)
        .expect("the report has a people array");
    let ranking = team.ranking(profile);
    let mut rank_of = vec![0; team.members.len()];
    for (rank, &m) in ranking.iter().enumerate() {
        rank_of[m] = rank + 1;
    }
    let mut out = String::with_capacity(text.len() + team.members.len() * 1024);
    out.push_str(before);
    out.push_str("\"people\": [");
    for (m, &rank) in rank_of.iter().enumerate() {
        let person = serde_json::to_string_pretty(&person_value(team, profile, m, rank))
            .expect("a JSON value always serialises");
        out.push_str(if m == 0 { "\n" } else { ",\n" });
        // At its depth in the whole document: inside "people", inside the top object.
        for (i, line) in person.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
    }
    out.push_str(if team.members.is_empty() {
        "]"
    } else {
        "\n  ]"
    });
    out.push_str(after);
    out.push('\n');
    out
}

/// One person of the JSON report.
fn person_value(team: &Team, profile: usize, m: usize, rank: usize) -> Value {
    let fw = &team.framework;
    let member = &team.members[m];
    let levels: serde_json::Map<String, Value> = fw
        .competencies
        .iter()
        .zip(&member.cells)
        .map(|(c, &cell)| (c.id.to_string(), level_json(cell)))
        .collect();
    let _ = profile;
    json!({
        "name": member.name,
        "label": member.label,
        "file": crate::text::display_path(&member.path),
        "rank": rank,
        "answered": member.answered(),
        "readiness": fw.profiles.iter().zip(&member.readiness).map(|(p, r)| json!({
            "profile": p.id,
            "percent": round(r.percent, 1),
            "rated": r.rated,
            "required": r.required,
            "provisional": r.provisional(),
        })).collect::<Vec<_>>(),
        "lean": {
            "position": round(member.position, 3),
            "outcome": member.outcome.key(),
            "label": member.lean_label(fw),
        },
        "areas": fw.areas.iter().zip(&member.areas).map(|(a, l)| json!({
            "id": a.id,
            "average": round(*l, 2),
        })).collect::<Vec<_>>(),
        "levels": levels,
    })
}

/// The JSON report as one value; `with_people` false leaves "people" empty (see
/// [`json_text`]).
fn json_value(team: &Team, profile: usize, with_people: bool) -> Value {
    let fw = &team.framework;
    let ranking = team.ranking(profile);
    let mut rank_of = vec![0; team.members.len()];
    for (rank, &m) in ranking.iter().enumerate() {
        rank_of[m] = rank + 1;
    }
    let people: Vec<Value> = team
        .members
        .iter()
        .enumerate()
        .filter(|_| with_people)
        .map(|(m, _)| person_value(team, profile, m, rank_of[m]))
        .collect();
    let competencies: Vec<Value> = (0..fw.competencies.len())
        .map(|c| {
            let comp = &fw.competencies[c];
            let b = team.bench(c, profile);
            json!({
                "id": comp.id.to_string(),
                "name": comp.name,
                "area": fw.areas[comp.area].id,
                "target": b.target.map(|t| t.value()),
                "average": round(team.average(c), 2),
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
    json!({
        "team_report": TEAM_REPORT_VERSION,
        "framework": { "id": fw.id, "version": fw.version, "name": fw.name },
        "profile": { "id": fw.profiles[profile].id, "name": fw.profiles[profile].name },
        "people": people,
        "ranking": ranking.iter().map(|&m| team.members[m].label.clone()).collect::<Vec<_>>(),
        "competencies": competencies,
        "areas": fw.areas.iter().enumerate().map(|(a, area)| json!({
            "id": area.id,
            "name": area.name,
            "average": round(team.area_average(a), 2),
            "target": round(team.area_target(a, profile), 2),
        })).collect::<Vec<_>>(),
        "largest_gaps": team.largest_gaps(profile).iter().map(|g| json!({
            "id": fw.competencies[g.competency].id.to_string(),
            "target": g.target.value(),
            "shortfall": round(Some(g.shortfall), 2),
            "below": g.below,
            "answered": g.answered,
        })).collect::<Vec<_>>(),
        "not_read": team.not_read.iter().map(|n| json!({
            "file": crate::text::display_path(&n.path),
            "reason": n.reason,
        })).collect::<Vec<_>>(),
    })
}

fn jsonl(team: &Team, profile: usize) -> String {
    let fw = &team.framework;
    let mut out = String::new();
    for (m, member) in team.members.iter().enumerate() {
        let file = crate::text::display_path(&member.path);
        for (c, comp) in fw.competencies.iter().enumerate() {
            let cell = member.cells[c];
            let mark = team.mark(m, c, profile);
            let required = crate::domain::scoring::required(fw, profile, c);
            let record = json!({
                "person": member.label,
                "name": member.name,
                "file": file,
                "profile": fw.profiles[profile].id,
                "competency": comp.id.to_string(),
                "area": fw.areas[comp.area].id,
                "level": level_json(match cell {
                    Cell::NotApplicable => Cell::Unanswered,
                    other => other,
                }),
                "na": cell == Cell::NotApplicable,
                "target": required.then(|| fw.target(profile, c).value()),
                "meets": if required {
                    Value::Bool(matches!(mark, Mark::Above | Mark::Meets))
                } else {
                    Value::Null
                },
                "mark": mark.key(),
            });
            out.push_str(&record.to_string());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod json_text_tests {
    use super::*;

    /// The JSON made person by person is exactly the whole value pretty-printed.
    #[test]
    fn json_text_is_the_whole_value_pretty_printed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/team");
        let files = crate::team::files_in(&[dir]).unwrap();
        let team = crate::team::load(crate::domain::Framework::builtin(), &files);
        assert!(team.members.len() >= 2);
        for profile in [0, 1] {
            let mut whole =
                serde_json::to_string_pretty(&json_value(&team, profile, true)).unwrap();
            whole.push('\n');
            assert_eq!(json_text(&team, profile), whole);
        }
        let empty = crate::team::load(crate::domain::Framework::builtin(), &[]);
        let mut whole = serde_json::to_string_pretty(&json_value(&empty, 1, true)).unwrap();
        whole.push('\n');
        assert_eq!(json_text(&empty, 1), whole);
    }
}
