//! The HTML report: one self-contained page to share with a manager, a mentor or a panel.
//!
//! Inline CSS and SVG, no script, no font or image to fetch: it reads the same from a mail
//! attachment, on a phone, in a browser without network and on paper (a print stylesheet for
//! A4). Light and dark follow `prefers-color-scheme`. Every figure comes from the one
//! [`rolefit_core::summary::Summary`] the Results screen and the other exports show, and every
//! sentence about the verdict from [`rolefit_core::verdict::explain`].
//!
//! The page is written with maud, whose splices escape all text, so names and notes from
//! other people's files are shown as text (see [`page`]). The charts are drawn by [`chart`].
//! The second opinions and the trend are in `history`, the plan and the notes in `notes`.

pub(crate) mod chart;
mod history;
mod notes;
pub(crate) mod page;

use maud::{Markup, html};

use self::chart::Series;
use self::history::{reviews_section, trend_section};
use self::notes::{not_scored_section, notes_section, plan_section, unknown_section};
use self::page::{date, percent, wide};
use super::Report;
use rolefit_core::scoring::{self, Band, GapRow};
use rolefit_core::verdict::{self, Explanation, one_decimal};
use rolefit_core::{Assessment, Framework};

/// The report for people as one HTML page: who and what, the verdict with its firmness and
/// reasons, the spectrum, readiness per profile with coverage, the areas chart, gaps and
/// strengths, second opinions, the trend over rounds, the development plan and every note.
pub fn html(framework: &Framework, assessment: &Assessment) -> String {
    let r = Report::new(framework, assessment);
    let said = r.explanation();
    let body = html! {
        (header(&r))
        main {
            (verdict_section(&r, &said))
            (readiness_section(&r))
            (areas_section(&r))
            (gaps_section(&r))
            (reviews_section(&r))
            (trend_section(&r))
            (plan_section(&r))
            (notes_section(&r))
            (not_scored_section(&r))
            (unknown_section(&r))
        }
        footer {
            p {
                "Written by rolefit " (env!("CARGO_PKG_VERSION")) " from the assessment file. "
                "The figures are those of the Results screen and of the Markdown, JSON and CSV \
                 exports. " (READINESS_RULE)
            }
        }
    };
    page::document(&format!("rolefit report: {}", assessment.name), body, None)
}

/// How readiness is worked out, in one sentence.
const READINESS_RULE: &str = "Readiness is 100 × Σ weight × min(level, target) / Σ weight × \
    target over the rated competencies the profile requires; N/A and unrated ones are left \
    out, ratings above target do not raise it, and below half coverage a figure is \
    provisional.";

/// Name, framework, dates, how much is answered and what the gaps are measured against.
fn header(r: &Report) -> Markup {
    let (fw, a, s) = (r.fw, r.assessment, &r.summary);
    let differs = a.framework != fw.id || a.framework_version != fw.version;
    html! {
        header {
            p class="kicker" { "rolefit report" }
            h1 { (a.name) }
            dl class="facts" {
                dt { "Framework" }
                dd { (fw.name) " (" span class="key" { (fw.id) } ", version " (fw.version) ")" }
                @if differs {
                    dt { "Assessment made with" }
                    dd { span class="key" { (a.framework) } ", version " (a.framework_version) }
                }
                dt { "Last updated" }
                dd { time datetime=(a.updated.to_string()) { (date(&a.updated)) } }
                dt { "Started" }
                dd { time datetime=(a.created.to_string()) { (date(&a.created)) } }
                dt { "Answered" }
                dd {
                    (r.rated) " of " (fw.competencies.len()) " competencies ("
                    (s.rated_on_scale) " rated on the scale, " (r.rated - s.rated_on_scale) " N/A)"
                }
                dt { "Gaps measured against" }
                dd { (fw.profiles[r.target()].name) }
            }
        }
    }
}

/// The verdict, where it sits, how firm it is, what to do next and why; on a framework
/// without an axis, the ranking's title (the ranking is the readiness table).
fn verdict_section(r: &Report, said: &Explanation) -> Markup {
    let (fw, s) = (r.fw, &r.summary);
    let lean = &s.lean;
    let shape = fw.axis && lean.outcome.has_shape();
    let steps = scoring::grade_steps(fw, &s.readiness);
    html! {
        section id="verdict" aria-labelledby="verdict-h" {
            h2 id="verdict-h" { "Verdict" }
            @if !fw.axis {
                p class="headline" {
                    (verdict::RANKING_TITLE) " " span class="based" { "(" (said.based_on) ")" }
                }
                p { "This framework has no axis between two roles: the answer is your readiness \
                     for each profile, best first, in the table below." }
            } @else if s.rated_on_scale == 0 {
                p class="headline" { (said.headline) }
                p { (said.next_step) }
            } @else {
                p class="headline" {
                    (said.headline) " " span class="based" { "(" (said.based_on) ")" }
                }
                @if let (true, Some(p), Some(position)) = (shape, lean.position, &said.position) {
                    figure class="spectrum-figure" {
                        (chart::spectrum(fw, p))
                        figcaption { "Position: " (position) "." }
                    }
                }
                @if let Some(firmness) = &said.firmness {
                    p class=(if said.firm { "firmness" } else { "firmness firm-no" }) {
                        (firmness) "."
                    }
                }
                p { (said.next_step) }
                @if shape {
                    h3 { "Most telling" }
                    ul class="reasons" {
                        @if let Some(none) = said.no_reasons { li { (none) } }
                        @for reason in &said.reasons { li { (reason.sentence(true)) } }
                    }
                    @if let Some(flavour) = &said.flavour { p { (flavour) "." } }
                    @if let Some(junior) = &said.junior { p { (junior) "." } }
                }
            }
            @if !steps.is_empty() {
                h3 { "Grades" }
                ul class="grades" {
                    @for step in &steps {
                        li {
                            strong { (fw.roles[step.role].name) } ": "
                            (rolefit_core::verdict::grade_answer(fw, &s.readiness, step))
                        }
                    }
                }
            }
        }
    }
}

/// Readiness per profile with its coverage and a bar; in framework order, or best first on a
/// framework without an axis. The target profile is marked.
fn readiness_section(r: &Report) -> Markup {
    let (fw, s) = (r.fw, &r.summary);
    let order: Vec<usize> = if fw.axis {
        (0..fw.profiles.len()).collect()
    } else {
        scoring::ranking(&s.readiness)
    };
    html! {
        section id="readiness" aria-labelledby="readiness-h" {
            h2 id="readiness-h" {
                @if fw.axis { "Readiness per profile" } @else { "Readiness, best first" }
            }
            (wide("Readiness", html! {
                table id="readiness-table" {
                    thead {
                        tr {
                            @if !fw.axis { th class="num" scope="col" { "#" } }
                            th scope="col" { "Profile" }
                            th class="bar-cell" scope="col" { "Chart" }
                            th class="num" scope="col" { "Readiness" }
                            th scope="col" { "Coverage" }
                        }
                    }
                    tbody {
                        @for (rank, &p) in order.iter().enumerate() {
                            @let readiness = &s.readiness[p];
                            tr class=[(p == s.target).then_some("target")]
                                data-profile=(fw.profiles[p].id) {
                                @if !fw.axis { td class="num" { (rank + 1) } }
                                th scope="row" {
                                    (fw.profiles[p].name)
                                    @if p == s.target { " (target)" }
                                }
                                td class="bar-cell" {
                                    @if let Some(value) = readiness.percent {
                                        (chart::meter(value, readiness.provisional()))
                                    }
                                }
                                td class="num" {
                                    @match readiness.percent {
                                        Some(value) => (percent(value)),
                                        None => "no basis yet",
                                    }
                                }
                                td {
                                    (readiness.rated) " of " (readiness.required) " required rated"
                                    @if readiness.provisional() { ", provisional" }
                                }
                            }
                        }
                    }
                }
            }))
            p class="muted" {
                "Coverage counts the competencies a profile requires that you rated on the scale. "
                "A striped bar is a provisional figure (below half coverage)."
            }
        }
    }
}

/// Per area: your average level against both main profiles' average targets, as grouped bars
/// and as a table with area readiness.
fn areas_section(r: &Report) -> Markup {
    let fw = r.fw;
    let (short0, short1) = (fw.side_short(0), fw.side_short(1));
    let labels: Vec<&str> = fw.areas.iter().map(|a| a.name.as_str()).collect();
    let series = area_series(r);
    let top = f64::from(fw.scale.last().value());
    let heading = if fw.two_role_shape() {
        "Areas: you against both roles' targets".to_string()
    } else {
        format!("Areas: you against {short0} and {short1}")
    };
    html! {
        section id="areas" aria-labelledby="areas-h" {
            h2 id="areas-h" { (heading) }
            p class="muted" {
                "Your average level against each role's average target, over the competencies \
                 you rated on the scale (over all of an area's competencies when none is rated)."
            }
            figure {
                ul class="legend" aria-hidden="true" {
                    @for serie in &series {
                        li { (chart::swatch(serie.class)) (serie.name)
                            @if serie.class != "you" { " target" } }
                    }
                }
                (chart::grouped_bars(&labels, &series, top))
                figcaption { "Each bar ends in its figure; the table below gives them all, with \
                              area readiness." }
            }
            (wide("Areas in figures", areas_table(r)))
        }
    }
}

/// A main profile's (`side` 0 or 1) average target in area `a`; None ("—", no bar) where it
/// requires nothing in the area.
fn side_target(r: &Report, a: usize, side: usize) -> Option<f64> {
    let (fw, s) = (r.fw, &r.summary);
    let p = fw.main_profiles[side];
    fw.areas[a]
        .competencies
        .clone()
        .any(|c| fw.requires(p, c))
        .then_some(s.areas[a].targets[side])
}

/// The bars per area: yours, then each main profile's target.
fn area_series<'a>(r: &Report<'a>) -> Vec<Series<'a>> {
    let (fw, s) = (r.fw, &r.summary);
    let areas = 0..fw.areas.len();
    let you = Series {
        class: "you",
        name: "You",
        values: s.areas.iter().map(|a| a.level).collect(),
        missing: "not rated",
    };
    let first = Series {
        class: "first",
        name: fw.side_short(0),
        values: areas.clone().map(|a| side_target(r, a, 0)).collect(),
        missing: "not required here",
    };
    if fw.single_side() {
        return vec![you, first];
    }
    let second = Series {
        class: "second",
        name: fw.side_short(1),
        values: areas.map(|a| side_target(r, a, 1)).collect(),
        missing: "not required here",
    };
    vec![you, first, second]
}

/// The areas in figures: rated, your level, the main profiles' targets and area readiness
/// (and the chosen target's, when it is another profile).
fn areas_table(r: &Report) -> Markup {
    let (fw, s) = (r.fw, &r.summary);
    let [p0, p1] = fw.main_profiles;
    let (short0, short1) = (fw.side_short(0), fw.side_short(1));
    let extra = (!fw.main_profiles.contains(&s.target)).then_some(s.target);
    let fit = |a: usize, p: usize| {
        s.area_readiness[a][p]
            .percent
            .map_or("—".to_string(), percent)
    };
    let target =
        |a: usize, side: usize| side_target(r, a, side).map_or("—".to_string(), one_decimal);
    html! {
        table id="areas-table" {
            caption { "Areas in figures" }
            thead {
                tr {
                    th scope="col" { "Area" }
                    th class="num" scope="col" { "Rated" }
                    th class="num" scope="col" { "You" }
                    th class="num" scope="col" { (short0) " target" }
                    @if !fw.single_side() {
                        th class="num" scope="col" { (short1) " target" }
                    }
                    th class="num" scope="col" { "Ready " (short0) }
                    @if !fw.single_side() {
                        th class="num" scope="col" { "Ready " (short1) }
                    }
                    @if let Some(t) = extra {
                        th class="num" scope="col" { "Ready " (fw.profiles[t].short) }
                    }
                }
            }
            tbody {
                @for (a, area) in fw.areas.iter().enumerate() {
                    tr data-area=(area.id) {
                        th scope="row" { (area.name) }
                        td class="num" {
                            (s.areas[a].rated) " of " (area.competencies.len())
                        }
                        td class="num" {
                            (s.areas[a].level.map_or("—".to_string(), one_decimal))
                        }
                        td class="num" { (target(a, 0)) }
                        @if !fw.single_side() { td class="num" { (target(a, 1)) } }
                        td class="num" { (fit(a, p0)) }
                        @if !fw.single_side() { td class="num" { (fit(a, p1)) } }
                        @if let Some(t) = extra { td class="num" { (fit(a, t)) } }
                    }
                }
            }
        }
    }
}

/// A band as a glyph and a word, never colour alone (as the Results screen shows it).
fn band_text(band: Band) -> (&'static str, &'static str) {
    match band {
        Band::Gap => ("▼▼ gap", "band-gap"),
        Band::TopUp => ("▼ top-up", "band-top-up"),
        Band::Meets => ("✓ meets", "band-meets"),
        Band::Strength => ("▲ strength", "band-strength"),
    }
}

/// Gaps to the target profile with their bands, those at target, and strengths.
fn gaps_section(r: &Report) -> Markup {
    let (fw, s) = (r.fw, &r.summary);
    let target = fw.profiles[r.target()].name.as_str();
    let below: Vec<&GapRow> = s.gaps.iter().filter(|g| g.gap > 0).collect();
    let meets: Vec<&GapRow> = s.gaps.iter().filter(|g| g.band == Band::Meets).collect();
    let mut strengths: Vec<&GapRow> = s.gaps.iter().filter(|g| g.band == Band::Strength).collect();
    strengths.sort_by_key(|g| std::cmp::Reverse(scoring::delta(g.level, g.target)));
    let competency = |c: usize| {
        let competency = &fw.competencies[c];
        html! { span class="key" { (competency.id) } " " (competency.name) }
    };
    let area = |c: usize| fw.areas[fw.competencies[c].area].name.as_str();
    html! {
        section id="gaps" aria-labelledby="gaps-h" {
            h2 id="gaps-h" { "Gaps to " (target) }
            @if s.rated_on_scale == 0 {
                p { "Nothing is rated on the scale yet." }
            } @else if below.is_empty() {
                p { "No gaps: every competency you rated meets or exceeds the " (target) " target." }
            } @else {
                p {
                    "Rated competencies below the " (target) " target, largest gap first. Bands: "
                    strong { "▼▼ gap" } " is two or more levels below target, "
                    strong { "▼ top-up" } " one level below."
                }
                (wide("Gaps", html! {
                    table id="gaps-table" {
                        thead {
                            tr {
                                th scope="col" { "Competency" }
                                th scope="col" { "Area" }
                                th class="num" scope="col" { "You" }
                                th class="num" scope="col" { "Target" }
                                th class="num" scope="col" { "Gap" }
                                th scope="col" { "Band" }
                            }
                        }
                        tbody {
                            @for row in &below {
                                @let (word, class) = band_text(row.band);
                                tr data-competency=(fw.competencies[row.competency].id) {
                                    th scope="row" { (competency(row.competency)) }
                                    td { (area(row.competency)) }
                                    td class="num" { (row.level) }
                                    td class="num" { (row.target) }
                                    td class="num" { (row.gap) }
                                    td class=(class) { (word) }
                                }
                            }
                        }
                    }
                }))
            }
            @if !meets.is_empty() {
                h3 { "At target (" (meets.len()) ")" }
                ul class="at-target" {
                    @for row in &meets {
                        li { (competency(row.competency)) " (" (row.level) ")" }
                    }
                }
            }
            h3 { "Strengths" }
            @if strengths.is_empty() {
                p { "No competency is rated above the " (target) " target." }
            } @else {
                p { "Rated above the " (target) " target, most above first. They do not raise readiness." }
                (wide("Strengths", html! {
                    table id="strengths-table" {
                        thead {
                            tr {
                                th scope="col" { "Competency" }
                                th scope="col" { "Area" }
                                th class="num" scope="col" { "You" }
                                th class="num" scope="col" { "Target" }
                                th class="num" scope="col" { "Above by" }
                            }
                        }
                        tbody {
                            @for row in &strengths {
                                tr data-competency=(fw.competencies[row.competency].id) {
                                    th scope="row" { (competency(row.competency)) }
                                    td { (area(row.competency)) }
                                    td class="num" { (row.level) }
                                    td class="num" { (row.target) }
                                    td class="num band-strength" {
                                        "▲ " (scoring::delta(row.level, row.target))
                                    }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}
