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

use serde_json::Value;

use crate::escape::{csv_record, json_safe, md_cell, md_safe};
use rolefit_core::Framework;
use rolefit_core::team::tally::Tally;
use rolefit_core::team::{Cell, Member, NotRead, Team, label_duplicates};

mod json;
pub use json::TEAM_REPORT_VERSION;
use json::{json_head, json_tail, jsonl_competency_parts, jsonl_person, person_json};

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
