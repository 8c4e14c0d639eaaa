//! The report's second opinions (reviewers beside self) and its trend over the closed rounds.

use maud::{Markup, html};

use super::chart;
use super::page::{date, note_text, percent, rating_words, wide};
use crate::Report;
use rolefit_core::Rating;
use rolefit_core::scoring::RatingSheet;
use rolefit_core::summary::Summary;
use rolefit_core::verdict;

/// A competency whose ratings differ: its index, your rating, each reviewer's, and whether
/// they are two levels or more apart.
type DifferingRow = (usize, Option<Rating>, Vec<Option<Rating>>, bool);

/// Reviewers beside self: one calibration sentence per reviewer, the competencies where a
/// rating differs (flagged when two levels or more apart) and the reviewers' notes. Nothing
/// without reviews.
pub(super) fn reviews_section(r: &Report) -> Markup {
    let (fw, a) = (r.fw, r.assessment);
    let others = rolefit_core::reviews::others(a);
    if others.is_empty() || rolefit_core::reviews::reviewing(a).is_some() {
        return html! {};
    }
    let calibrations = rolefit_core::reviews::calibration::calibrations(fw, a);
    let rows: Vec<DifferingRow> = fw
        .competencies
        .iter()
        .enumerate()
        .filter_map(|(c, competency)| {
            let own = a.rating(&competency.id);
            let theirs: Vec<Option<Rating>> = others
                .iter()
                .map(|o| o.ratings.get(&competency.id).copied())
                .collect();
            if own.is_none() || theirs.iter().all(|t| t.is_none() || *t == own) {
                return None;
            }
            let talk = theirs
                .iter()
                .any(|t| rolefit_core::reviews::calibration::differs_a_lot(own, *t));
            Some((c, own, theirs, talk))
        })
        .collect();
    html! {
        section id="reviews" aria-labelledby="reviews-h" {
            h2 id="reviews-h" { "Second opinions" }
            ul class="calibrations" {
                @for (c, (_, review)) in calibrations.iter().zip(&a.reviews) {
                    li {
                        strong { (c.name) }
                        @if let Some(day) = review.date.and_then(|d| d.date) {
                            " (reviewed " (day.to_string()) ")"
                        }
                        ": " (c.sentence())
                    }
                }
            }
            @if rows.is_empty() {
                p { "Your reviewers rated every competency you rated as you did." }
            } @else {
                p { "Where the ratings differ (⚑ = two levels or more apart: talk about this):" }
                (wide("Ratings that differ", html! {
                    table id="reviews-table" {
                        thead {
                            tr {
                                th scope="col" { "Competency" }
                                th class="num" scope="col" { "You" }
                                @for other in &others { th class="num" scope="col" { (other.name) } }
                                th scope="col" { "Flag" }
                            }
                        }
                        tbody {
                            @for (c, own, theirs, talk) in &rows {
                                tr data-competency=(fw.competencies[*c].id) {
                                    th scope="row" {
                                        span class="key" { (fw.competencies[*c].id) } " "
                                        (fw.competencies[*c].name)
                                    }
                                    td class="num" { (rating_words(*own)) }
                                    @for t in theirs { td class="num" { (rating_words(*t)) } }
                                    td { @if *talk { span class="talk" { "⚑ talk about this" } } }
                                }
                            }
                        }
                    }
                }))
            }
            @for (name, review) in &a.reviews {
                @for competency in &fw.competencies {
                    @let note = review.ratings.get(&competency.id).map_or("", |e| e.note.as_str());
                    @if !note.trim().is_empty() {
                        h3 { (name) " on " span class="key" { (competency.id) } " " (competency.name) }
                        blockquote { (note_text(note)) }
                    }
                }
            }
        }
    }
}

/// One point of the trend: a closed round or now.
struct Round {
    label: String,
    date: String,
    summary: Summary,
}

/// The closed rounds, oldest first, then now: each with the figures of its ratings, against
/// the same chosen profile.
fn rounds(r: &Report) -> Vec<Round> {
    let (fw, a) = (r.fw, r.assessment);
    let chosen = a.position.chosen_target(fw);
    let mut rounds: Vec<Round> = a
        .history
        .iter()
        .enumerate()
        .map(|(i, round)| Round {
            label: format!("Round {}", i + 1),
            date: round.title(),
            summary: Summary::compute_for(
                fw,
                &RatingSheet::from_ratings(fw, &round.ratings),
                chosen,
            ),
        })
        .collect();
    rounds.push(Round {
        label: "Now".to_string(),
        date: date(&a.updated),
        summary: r.summary.clone(),
    });
    rounds
}

/// Readiness for the two main profiles over the closed rounds and now, as a line chart and a
/// table with each round's verdict. Nothing before a round is closed.
pub(super) fn trend_section(r: &Report) -> Markup {
    let fw = r.fw;
    if r.assessment.history.is_empty() {
        return html! {};
    }
    let rounds = rounds(r);
    let sides = if fw.single_side() { 1 } else { 2 };
    let values: Vec<[Option<f64>; 2]> = rounds
        .iter()
        .map(|round| fw.main_profiles.map(|p| round.summary.readiness[p].percent))
        .collect();
    // With many rounds, every few are named under the chart (all are in the table).
    let every = rounds.len().div_ceil(8);
    let labels: Vec<String> = rounds
        .iter()
        .enumerate()
        .map(|(i, round)| {
            if i % every == 0 || i + 1 == rounds.len() {
                round.label.replace("Round ", "R")
            } else {
                String::new()
            }
        })
        .collect();
    let shown = |v: Option<f64>| v.map_or("no basis yet".to_string(), percent);
    let ends = |side: usize| {
        format!(
            "{} {} → {}",
            fw.side_short(side),
            shown(values[0][side]),
            shown(values[values.len() - 1][side])
        )
    };
    let closed = rounds.len() - 1;
    html! {
        section id="trend" aria-labelledby="trend-h" {
            h2 id="trend-h" { "Trend over rounds" }
            figure {
                ul class="legend" aria-hidden="true" {
                    li { (chart::line_swatch(true)) (fw.side_short(0)) " readiness" }
                    @if sides == 2 { li { (chart::line_swatch(false)) (fw.side_short(1)) " readiness" } }
                }
                (chart::trend(&labels, &values))
                figcaption {
                    "Readiness over " (closed) @if closed == 1 { " closed round" } @else { " closed rounds" }
                    " and now: " (ends(0)) @if sides == 2 { "; " (ends(1)) } "."
                }
            }
            (wide("Rounds in figures", html! {
                table id="trend-table" {
                    caption { "Rounds in figures" }
                    thead {
                        tr {
                            th scope="col" { "Round" }
                            th scope="col" { "Date" }
                            @if fw.axis { th scope="col" { "Verdict" } }
                            th class="num" scope="col" { (fw.side_short(0)) }
                            @if sides == 2 { th class="num" scope="col" { (fw.side_short(1)) } }
                        }
                    }
                    tbody {
                        @for (round, value) in rounds.iter().zip(&values) {
                            tr {
                                th scope="row" { (round.label) }
                                td { (round.date) }
                                @if fw.axis {
                                    td { (verdict::headline(fw, &round.summary.lean, round.summary.rated_on_scale)) }
                                }
                                td class="num" { (shown(value[0])) }
                                @if sides == 2 { td class="num" { (shown(value[1])) } }
                            }
                        }
                    }
                }
            }))
        }
    }
}
