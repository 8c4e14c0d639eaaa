//! The team view as a report: Markdown for people, CSV (one row per person) for
//! spreadsheets, JSON and JSON Lines for DuckDB or a warehouse. A [`ReportWriter`] takes the
//! people one at a time as they are read (`storage::team::read_each`): CSV and JSON Lines write
//! each person at once and keep nothing, so memory stays the same whatever the size of the
//! team; JSON writes each person at once and keeps only what its summary needs (a
//! [`Tally`]); Markdown, whose heatmap and ranking list everyone, keeps each person's levels
//! and figures. The same input gives byte-identical output. The shapes are in
//! `docs/team-reports.md`, with JSON Schemas beside it.

use std::fmt;
use std::io::{self, Write};

use serde_json::{Value, json};

use crate::escape::{csv_record, json_safe, md_cell, md_safe};
use rolefit_core::Framework;
use rolefit_core::team::tally::Tally;
use rolefit_core::team::{Cell, Member, NotRead, Team, label_duplicates};

/// Version of the JSON and JSON Lines shapes; raised when a field changes meaning or goes.
/// 2: people named by their display name, with role, team, counts and their last round; the
/// lean with its direction; JSON Lines with a person record beside the competency records;
/// CSV with the lean's direction and without `rank` (its rows come in the order read).
pub const TEAM_REPORT_VERSION: u32 = 2;

/// A team report format.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
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

/// The report of a team already read, against profile `profile`, in `format`: what
/// [`ReportWriter`] writes for its people and its files not read, in that order.
pub fn report(team: &Team, profile: usize, format: TeamFormat) -> String {
    let mut writer = ReportWriter::new(&team.framework, profile, format, Vec::new());
    for member in &team.members {
        writer.person(member.clone()).expect("writing to memory");
    }
    for n in &team.not_read {
        writer.not_read(n.clone());
    }
    let (_, bytes) = writer.finish().expect("writing to memory");
    String::from_utf8(bytes).expect("reports are UTF-8")
}

/// Writes a team report person by person. Nothing is written until the first person: a team
/// in which no file could be used gets no report at all.
pub struct ReportWriter<'a, W: Write> {
    framework: &'a Framework,
    profile: usize,
    format: TeamFormat,
    out: W,
    people: usize,
    /// JSON: the summary's figures.
    tally: Tally,
    /// Markdown: everyone, for the ranking and the heatmap.
    members: Vec<Member>,
    /// JSON and Markdown list them at the end.
    not_read: Vec<NotRead>,
    /// Each competency's part of a JSON Lines record, which is the same for everyone.
    competency_parts: Vec<String>,
}

impl<'a, W: Write> ReportWriter<'a, W> {
    /// A report of `framework`'s assessments against profile `profile`, written to `out`.
    pub fn new(
        framework: &'a Framework,
        profile: usize,
        format: TeamFormat,
        out: W,
    ) -> ReportWriter<'a, W> {
        let competency_parts = match format {
            TeamFormat::Jsonl => jsonl_competency_parts(framework, profile),
            _ => Vec::new(),
        };
        ReportWriter {
            framework,
            profile,
            format,
            out,
            people: 0,
            tally: Tally::new(framework, profile),
            members: Vec::new(),
            not_read: Vec::new(),
            competency_parts,
        }
    }

    /// One person, written at once (CSV, JSON Lines, JSON) or kept for the end (Markdown,
    /// HTML).
    pub fn person(&mut self, member: Member) -> io::Result<()> {
        let first = self.people == 0;
        self.people += 1;
        let fw = self.framework;
        match self.format {
            TeamFormat::Markdown | TeamFormat::Html => self.members.push(member),
            TeamFormat::Csv => {
                let mut text = String::new();
                if first {
                    csv_header(fw, &mut text);
                }
                csv_row(fw, self.profile, &member, &mut text);
                self.out.write_all(text.as_bytes())?;
            }
            TeamFormat::Jsonl => {
                let text = jsonl_person(fw, self.profile, &member, &self.competency_parts);
                self.out.write_all(text.as_bytes())?;
            }
            TeamFormat::Json => {
                let mut text = if first {
                    json_head(fw, self.profile)
                } else {
                    ",\n".to_string()
                };
                let person = Value::Object(person_json(fw, self.profile, &member, true));
                text.push_str("    ");
                text.push_str(&json_safe(person.to_string()));
                self.out.write_all(text.as_bytes())?;
                self.tally.add(fw, &member);
            }
        }
        Ok(())
    }

    /// A file that could not be used: listed at the end of the JSON and Markdown reports
    /// (the caller says it on stderr too).
    pub fn not_read(&mut self, not_read: NotRead) {
        if matches!(
            self.format,
            TeamFormat::Json | TeamFormat::Markdown | TeamFormat::Html
        ) {
            self.not_read.push(not_read);
        }
    }

    /// Ends the report: the summaries of JSON and Markdown. Returns how many people it holds
    /// (0: nothing was written) and the output.
    pub fn finish(mut self) -> io::Result<(usize, W)> {
        if self.people == 0 {
            return Ok((0, self.out));
        }
        let fw = self.framework;
        match self.format {
            TeamFormat::Csv | TeamFormat::Jsonl => {}
            TeamFormat::Json => {
                let tail = json_tail(fw, self.profile, &self.tally, &self.not_read);
                self.out.write_all(tail.as_bytes())?;
            }
            TeamFormat::Markdown | TeamFormat::Html => {
                let mut members = std::mem::take(&mut self.members);
                label_duplicates(&mut members);
                let team = Team {
                    framework: fw.clone(),
                    members,
                    not_read: std::mem::take(&mut self.not_read),
                };
                // The page and the Markdown list everyone at once (ranking, heatmap).
                let text = if self.format == TeamFormat::Html {
                    super::html::html(&team, self.profile)
                } else {
                    md_safe(markdown(&team, self.profile))
                };
                self.out.write_all(text.as_bytes())?;
            }
        }
        self.out.flush()?;
        Ok((self.people, self.out))
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
    value.map_or_else(String::new, rolefit_core::verdict::one_decimal)
}

fn or_dash(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), rolefit_core::verdict::one_decimal)
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

/// The team report in Markdown: the ranking, the largest gaps, the heatmap per area, bench
/// depth, plans and the files not read.
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
    markdown_gaps(team, profile, &mut out);
    out.push_str("\n## Heatmap\n\n");
    for a in 0..fw.areas.len() {
        markdown_heatmap(team, profile, a, &mut out);
    }
    markdown_bench(team, profile, &mut out);
    out.push_str("\n## Development plans\n\nActions open (planned or doing), open ones overdue on the day of the report, and done since the person's last round (every done one when there is no round).\n\n| Person | Open | Overdue | Done since last round |\n|---|---:|---:|---:|\n");
    for member in &team.members {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            md_cell(&member.label),
            member.plan.open,
            member.plan.overdue,
            member.plan.done_since_round
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
                md_cell(&rolefit_core::text::display_path(&n.path)),
                md_cell(&n.reason)
            ));
        }
    }
    out
}

/// The required competencies with the largest average shortfall.
fn markdown_gaps(team: &Team, profile: usize, out: &mut String) {
    let fw = &team.framework;
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
                rolefit_core::verdict::one_decimal(g.shortfall),
                g.below,
                g.answered
            ));
        }
    }
}

/// One area's heatmap: a row per person, a column per competency, with the targets.
fn markdown_heatmap(team: &Team, profile: usize, a: usize, out: &mut String) {
    let fw = &team.framework;
    let area = &fw.areas[a];
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
        let target = if rolefit_core::scoring::required(fw, profile, c) {
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

/// Bench depth: how many people meet each competency's target.
fn markdown_bench(team: &Team, profile: usize, out: &mut String) {
    let fw = &team.framework;
    let p = &fw.profiles[profile];
    out.push_str(&format!("## Bench depth for {}\n\nPeople rated at or above the target, of everyone in the team (N/A and unanswered never meet it); Planning: people with an open plan action on it.\n\n| Competency | Target | Meet | Answered | N/A | Unanswered | Planning |\n|---|---:|---:|---:|---:|---:|---:|\n", md_cell(&p.name)));
    for c in 0..fw.competencies.len() {
        let b = team.bench(c, profile);
        let comp = &fw.competencies[c];
        let planning = team.planning(c);
        out.push_str(&format!(
            "| {} {} | {} | {} of {} | {} | {} | {} | {planning} |\n",
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
}

/// The CSV header: the person, their figures for the profile, then one column per
/// competency id.
fn csv_header(fw: &Framework, out: &mut String) {
    let mut header: Vec<String> = [
        "person",
        "file",
        "role",
        "team",
        "profile",
        "readiness",
        "rated",
        "required",
        "provisional",
        "lean_position",
        "lean",
        "plan_open",
        "plan_overdue",
        "plan_done_since_round",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(fw.competencies.iter().map(|c| c.id.to_string()));
    csv_record(out, &header);
}

/// One person's CSV row.
fn csv_row(fw: &Framework, profile: usize, member: &Member, out: &mut String) {
    let r = member.readiness[profile];
    let mut row = vec![
        member.name.clone(),
        rolefit_core::text::display_path(&member.path),
        member.role.clone().unwrap_or_default(),
        member.team.clone().unwrap_or_default(),
        fw.profiles[profile].id.clone(),
        r.percent
            .map_or_else(String::new, rolefit_core::verdict::one_decimal),
        r.rated.to_string(),
        r.required.to_string(),
        r.provisional().to_string(),
        member
            .position
            .map_or_else(String::new, |p| format!("{p:.3}")),
        member.lean_key(fw),
        member.plan.open.to_string(),
        member.plan.overdue.to_string(),
        member.plan.done_since_round.to_string(),
    ];
    row.extend(member.cells.iter().map(|&c| cell_text(c)));
    csv_record(out, &row);
}

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
fn person_json(
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
fn json_head(fw: &Framework, profile: usize) -> String {
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
fn json_tail(fw: &Framework, profile: usize, tally: &Tally, not_read: &[NotRead]) -> String {
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
fn jsonl_competency_parts(fw: &Framework, profile: usize) -> Vec<String> {
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
fn jsonl_person(fw: &Framework, profile: usize, member: &Member, parts: &[String]) -> String {
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
