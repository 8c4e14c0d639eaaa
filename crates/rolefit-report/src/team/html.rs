//! The team report as one self-contained HTML page, for the leadership meeting: the ranking
//! with coverage, the people × competencies heatmap (levels as digits with a mark, colour a
//! second cue), bench depth per competency, area averages against the target and the largest
//! gaps. The same figures as the team view and the other team reports.
//!
//! The page shares the person report's shell and stylesheet ([`crate::html`]). Its one
//! script, `sort.js`, is optional: it turns the headings of the ranking, bench and gaps tables
//! into buttons that sort them. Without it every table is there, in rank order. The content
//! security policy lets that script run, by its hash, and nothing else.

use maud::{Markup, html};

use crate::html::chart::{self, Series};
use crate::html::page::{self, percent};
use rolefit_core::team::{Cell, Mark, Team};
use rolefit_core::verdict::one_decimal;

/// The optional sorting script.
const SORT_SCRIPT: &str = include_str!("sort.js");

/// SHA-256 of [`SORT_SCRIPT`], base64, as the content security policy names it. After a change
/// to `sort.js`: `openssl dgst -sha256 -binary src/export/team/sort.js | base64` (a test checks).
const SORT_SCRIPT_SHA256: &str = "F71jd4Cq6PDCCWtaJ+JRvgoWddYwlThKSAMqk00Zano=";

/// FNV-1a of [`SORT_SCRIPT`], so `cargo test` notices a change to the script whose hash above
/// was not updated (the browser check, which refuses a script the policy does not name, would
/// notice it too).
#[cfg(test)]
const SORT_SCRIPT_FNV: u64 = 0xf797_93ef_587d_f699;

/// The team report of `team` against profile `profile`, as one HTML page.
pub fn html(team: &Team, profile: usize) -> String {
    let fw = &team.framework;
    let p = &fw.profiles[profile];
    let ranking = team.ranking(profile);
    let body = html! {
        header {
            p class="kicker" { "rolefit team report" }
            h1 { "Team: " (team.members.len()) " people against the " (p.name) " profile" }
            dl class="facts" {
                dt { "Framework" }
                dd { (fw.name) " (" span class="key" { (fw.id) } ", version " (fw.version) ")" }
                dt { "Profile" }
                dd { (p.name) " (" span class="key" { (p.id) } ")" }
                dt { "People" }
                dd { (team.members.len())
                    @if !team.not_read.is_empty() { "; " (team.not_read.len()) " files not read (listed at the end)" } }
            }
        }
        main {
            (ranking_section(team, profile, &ranking))
            (heatmap_section(team, profile, &ranking))
            (bench_section(team, profile))
            (areas_section(team, profile))
            (gaps_section(team, profile))
            (not_read_section(team))
        }
        footer {
            p {
                "Written by rolefit " (env!("CARGO_PKG_VERSION")) " from " (team.members.len())
                " assessment files. Each person's figures are those of their Results screen. "
                "Headings of the ranking, bench and gaps tables sort them when scripts run; "
                "without, the tables are in rank order."
            }
        }
    };
    page::document(
        &format!(
            "rolefit team report: {} people, {}",
            team.members.len(),
            p.name
        ),
        body,
        Some((SORT_SCRIPT, SORT_SCRIPT_SHA256)),
    )
}

fn wide(label: &str, table: Markup) -> Markup {
    html! {
        div class="table-wrap" role="region" aria-label=(format!("{label} (table)")) tabindex="0" {
            (table)
        }
    }
}

/// People best first for the profile, with readiness, coverage and lean.
fn ranking_section(team: &Team, profile: usize, ranking: &[usize]) -> Markup {
    let fw = &team.framework;
    let name = &fw.profiles[profile].name;
    html! {
        section id="ranking" aria-labelledby="ranking-h" {
            h2 id="ranking-h" { "Ranking for " (name) }
            p { "Complete figures rank above provisional ones (below half coverage, marked \
                 “provisional” and with a striped bar), then higher readiness, then name. \
                 Plan: the person's actions open (planned or doing), those of them overdue on \
                 the day of the report, and those done since their last round (every done one \
                 when there is no round)." }
            (wide("Ranking", html! {
                table id="ranking-table" data-sortable {
                    thead {
                        tr {
                            th class="num" scope="col" data-sort="num" aria-sort="ascending" { "#" }
                            th scope="col" data-sort="text" { "Person" }
                            th class="bar-cell" scope="col" { "Chart" }
                            th class="num" scope="col" data-sort="num" { "Readiness" }
                            th scope="col" data-sort="num" { "Coverage" }
                            th scope="col" data-sort="text" { "Lean" }
                            th class="num" scope="col" data-sort="num" { "Plan open" }
                            th class="num" scope="col" data-sort="num" { "Overdue" }
                            th class="num" scope="col" data-sort="num" { "Done since last round" }
                        }
                    }
                    tbody {
                        @for (rank, &m) in ranking.iter().enumerate() {
                            @let member = &team.members[m];
                            @let r = member.readiness[profile];
                            // Provisional figures sort below complete ones, as they rank.
                            @let key = match r.percent {
                                Some(v) if r.provisional() => v - 1000.0,
                                Some(v) => v,
                                None => -2000.0,
                            };
                            tr {
                                td class="num" { (rank + 1) }
                                th scope="row" { (member.label) }
                                td class="bar-cell" {
                                    @if let Some(v) = r.percent { (chart::meter(v, r.provisional())) }
                                }
                                td class="num" data-key=(page::coordinate(key)) {
                                    (r.percent.map_or("no basis yet".to_string(), percent))
                                }
                                td data-key=(r.rated) {
                                    (r.rated) " of " (r.required)
                                    @if r.provisional() { ", provisional" }
                                }
                                td { (member.lean_label(fw)) }
                                td class="num" { (member.plan.open) }
                                td class="num" { (member.plan.overdue) }
                                td class="num" { (member.plan.done_since_round) }
                            }
                        }
                    }
                }
            }))
        }
    }
}

/// The heat class of a level: six steps from the bottom of the scale to the top.
fn heat(team: &Team, cell: Cell) -> &'static str {
    const CLASSES: [&str; 6] = ["h0", "h1", "h2", "h3", "h4", "h5"];
    let Some(level) = cell.level() else {
        return "h0";
    };
    let scale = &team.framework.scale;
    let (low, high) = (
        f64::from(scale.first().value()),
        f64::from(scale.last().value()),
    );
    let at = if level.is_none() || high <= low {
        0.0
    } else {
        (f64::from(level.value()) - low + 1.0) / (high - low + 1.0)
    };
    CLASSES[(at * 5.0).round().clamp(0.0, 5.0) as usize]
}

/// The heatmap: a row per person (in rank order), a column per competency grouped by area,
/// each area closing with the person's average; the profile's targets and the team's
/// averages on top.
fn heatmap_section(team: &Team, profile: usize, ranking: &[usize]) -> Markup {
    let fw = &team.framework;
    let name = &fw.profiles[profile].name;
    let required = |c: usize| rolefit_core::scoring::required(fw, profile, c);
    html! {
        section id="heatmap" aria-labelledby="heatmap-h" {
            h2 id="heatmap-h" { "Heatmap" }
            p {
                "Each cell is the person's level and a mark against the " (name) " target: "
                "▲ above · ✓ meets · ▼ below · · unanswered · – N/A; a level without a mark is \
                 not required by the profile. The deeper the shade, the higher the level. "
                "People in rank order; "
                strong { "avg" } " is the person's average level in the area."
            }
            (wide("Heatmap", html! {
                table id="heat-table" class="heat" {
                    thead {
                        tr {
                            th scope="col" rowspan="2" { "Person" }
                            @for area in &fw.areas {
                                th scope="colgroup" colspan=(area.competencies.len() + 1) { (area.name) }
                            }
                        }
                        tr {
                            @for area in &fw.areas {
                                @for c in area.competencies.clone() {
                                    th scope="col" { (fw.competencies[c].id) }
                                }
                                th scope="col" { "avg" }
                            }
                        }
                    }
                    tbody {
                        tr class="target-row" {
                            th scope="row" { (name) " target" }
                            @for (a, area) in fw.areas.iter().enumerate() {
                                @for c in area.competencies.clone() {
                                    td { @if required(c) { (fw.target(profile, c)) } @else { "—" } }
                                }
                                td { (team.area_target(a, profile).map_or("—".to_string(), one_decimal)) }
                            }
                        }
                        tr class="target-row" {
                            th scope="row" { "Team average" }
                            @for (a, area) in fw.areas.iter().enumerate() {
                                @for c in area.competencies.clone() {
                                    td { (team.average(c).map_or("—".to_string(), one_decimal)) }
                                }
                                td { (team.area_average(a).map_or("—".to_string(), one_decimal)) }
                            }
                        }
                        @for &m in ranking {
                            @let member = &team.members[m];
                            tr {
                                th scope="row" { (member.label) }
                                @for (a, area) in fw.areas.iter().enumerate() {
                                    @for c in area.competencies.clone() {
                                        @let cell = member.cells[c];
                                        @let mark = team.mark(m, c, profile);
                                        td class=(heat(team, cell)) {
                                            @match cell {
                                                Cell::Level(level) => {
                                                    (level) @if mark != Mark::NotRequired { (mark.glyph()) }
                                                }
                                                _ => (mark.glyph()),
                                            }
                                        }
                                    }
                                    td class="avg" { (member.areas[a].map_or("—".to_string(), one_decimal)) }
                                }
                            }
                        }
                    }
                }
            }))
        }
    }
}

/// Bench depth per competency: how many meet the target, of everyone.
fn bench_section(team: &Team, profile: usize) -> Markup {
    let fw = &team.framework;
    let name = &fw.profiles[profile].name;
    html! {
        section id="bench" aria-labelledby="bench-h" {
            h2 id="bench-h" { "Bench depth for " (name) }
            p { "People rated at or above the target, of everyone in the team (N/A and \
                 unanswered never meet it); Planning: people with an open plan action on it." }
            (wide("Bench depth", html! {
                table id="bench-table" data-sortable {
                    thead {
                        tr {
                            th scope="col" data-sort="text" { "Competency" }
                            th class="num" scope="col" data-sort="num" { "Target" }
                            th class="bar-cell" scope="col" { "Chart" }
                            th class="num" scope="col" data-sort="num" { "Meet" }
                            th class="num" scope="col" data-sort="num" { "Answered" }
                            th class="num" scope="col" data-sort="num" { "N/A" }
                            th class="num" scope="col" data-sort="num" { "Unanswered" }
                            th class="num" scope="col" data-sort="num" { "Average" }
                            th class="num" scope="col" data-sort="num" { "Planning" }
                        }
                    }
                    tbody {
                        @for (c, competency) in fw.competencies.iter().enumerate() {
                            @let b = team.bench(c, profile);
                            tr {
                                th scope="row" { span class="key" { (competency.id) } " " (competency.name) }
                                td class="num" { (b.target.map_or("—".to_string(), |t| t.to_string())) }
                                td class="bar-cell" {
                                    @if b.target.is_some() && b.of > 0 {
                                        (chart::meter(100.0 * b.meet as f64 / b.of as f64, false))
                                    }
                                }
                                td class="num" data-key=(b.meet) { (b.meet) " of " (b.of) }
                                td class="num" { (b.answered) }
                                td class="num" { (b.not_applicable) }
                                td class="num" { (b.unanswered) }
                                td class="num" { (team.average(c).map_or("—".to_string(), one_decimal)) }
                                td class="num" { (team.planning(c)) }
                            }
                        }
                    }
                }
            }))
        }
    }
}

/// The team's average level per area against the profile's average target, as bars and a
/// table.
fn areas_section(team: &Team, profile: usize) -> Markup {
    let fw = &team.framework;
    let name = &fw.profiles[profile].name;
    let labels: Vec<&str> = fw.areas.iter().map(|a| a.name.as_str()).collect();
    let target_name = format!("{} target", fw.profiles[profile].short);
    let series = [
        Series {
            class: "you",
            name: "Team",
            values: (0..fw.areas.len()).map(|a| team.area_average(a)).collect(),
            missing: "nobody rated",
        },
        Series {
            class: "second",
            name: &target_name,
            values: (0..fw.areas.len())
                .map(|a| team.area_target(a, profile))
                .collect(),
            missing: "not required here",
        },
    ];
    let top = f64::from(fw.scale.last().value());
    html! {
        section id="areas" aria-labelledby="areas-h" {
            h2 id="areas-h" { "Area averages against the " (name) " target" }
            ul class="legend" aria-hidden="true" {
                li { (chart::swatch("you")) "Team average" }
                li { (chart::swatch("second")) (target_name) }
            }
            figure {
                (chart::grouped_bars(&labels, &series, top))
                figcaption { "The team's average of each person's area average, against the \
                              profile's average target over the area's competencies it requires; \
                              the table below gives the figures." }
            }
            (wide("Areas in figures", html! {
                table id="team-areas-table" {
                    caption { "Areas in figures" }
                    thead {
                        tr {
                            th scope="col" { "Area" }
                            th class="num" scope="col" { "Team average" }
                            th class="num" scope="col" { "Target" }
                        }
                    }
                    tbody {
                        @for (a, area) in fw.areas.iter().enumerate() {
                            tr {
                                th scope="row" { (area.name) }
                                td class="num" { (team.area_average(a).map_or("—".to_string(), one_decimal)) }
                                td class="num" { (team.area_target(a, profile).map_or("—".to_string(), one_decimal)) }
                            }
                        }
                    }
                }
            }))
        }
    }
}

/// The team's largest gaps for the profile.
fn gaps_section(team: &Team, profile: usize) -> Markup {
    let fw = &team.framework;
    let gaps = team.largest_gaps(profile);
    html! {
        section id="gaps" aria-labelledby="gaps-h" {
            h2 id="gaps-h" { "Largest gaps" }
            p { "Required competencies ranked by the average shortfall below the target of the \
                 people who gave a level." }
            @if gaps.is_empty() {
                p { "None: everyone who answered meets every target." }
            } @else {
                (wide("Largest gaps", html! {
                    table id="team-gaps-table" data-sortable {
                        thead {
                            tr {
                                th scope="col" data-sort="text" { "Competency" }
                                th class="num" scope="col" data-sort="num" { "Target" }
                                th class="num" scope="col" data-sort="num" aria-sort="descending" { "Average shortfall" }
                                th class="num" scope="col" data-sort="num" { "Below target" }
                            }
                        }
                        tbody {
                            @for g in &gaps {
                                @let c = &fw.competencies[g.competency];
                                tr {
                                    th scope="row" { span class="key" { (c.id) } " " (c.name) }
                                    td class="num" { (g.target) }
                                    td class="num" { (one_decimal(g.shortfall)) }
                                    td class="num" data-key=(g.below) { (g.below) " of " (g.answered) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}

fn not_read_section(team: &Team) -> Markup {
    if team.not_read.is_empty() {
        return html! {};
    }
    html! {
        section id="not-read" aria-labelledby="not-read-h" {
            h2 id="not-read-h" { "Files not read (" (team.not_read.len()) ")" }
            ul {
                @for n in &team.not_read {
                    li { span class="key" { (rolefit_core::text::display_path(&n.path)) } ": " (n.reason) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_script_as_it_is() {
        assert_eq!(
            rolefit_core::framework::fnv1a_64(SORT_SCRIPT.as_bytes()),
            SORT_SCRIPT_FNV,
            "src/export/team/sort.js changed: set SORT_SCRIPT_SHA256 to `openssl dgst -sha256 -binary \
             src/export/team/sort.js | base64` and SORT_SCRIPT_FNV to the value above"
        );
    }
}
