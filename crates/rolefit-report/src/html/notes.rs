//! The report's development plan, every evidence note, and what is not scored: competencies
//! not rated yet or rated N/A, and ratings kept for competencies the framework does not have.

use maud::{Markup, html};

use super::page::{note_text, rating_words};
use crate::Report;
use rolefit_core::Rating;

/// The development plan, in framework order.
pub(super) fn plan_section(r: &Report) -> Markup {
    let fw = r.fw;
    let target = fw.profiles[r.target()].name.as_str();
    let planned: Vec<usize> = (0..fw.competencies.len())
        .filter(|&c| r.plan(&fw.competencies[c].id).is_some())
        .collect();
    html! {
        section id="plan" aria-labelledby="plan-h" {
            h2 id="plan-h" { "Development plan" }
            @if planned.is_empty() { p { "No development plan yet." } }
            @for &c in &planned {
                @let competency = &fw.competencies[c];
                @let item = r.plan(&competency.id).expect("filtered on a plan");
                h3 { span class="key" { (competency.id) } " " (competency.name) }
                p class="note-line" {
                    "You: " (rating_words(r.rating(c))) " · " (target) " target: "
                    (fw.target(r.target(), c)) " · your target: "
                    (item.target.map_or("none".to_string(), |t| t.to_string()))
                }
                (plan_actions(item))
            }
        }
    }
}

/// A plan item's actions in the order they were added, each with its due date and its status
/// in words (never colour alone) and the evidence.
fn plan_actions(item: &rolefit_core::PlanItem) -> Markup {
    html! {
        @if item.actions.is_empty() {
            p { "No actions written yet." }
        } @else {
            ul class="plan-actions" aria-label="Actions" {
                @for action in &item.actions {
                    li {
                        (note_text(action.text.trim()))
                        " — "
                        @if let Some(due) = action.due {
                            "due " (rolefit_core::due::show(due)) ", "
                        }
                        span class={ "status status-" (action.status.key()) } { (action.status.key()) }
                        @if !action.evidence.trim().is_empty() {
                            "; evidence: " (note_text(action.evidence.trim()))
                        }
                    }
                }
            }
        }
    }
}

/// Every evidence note, in framework order.
pub(super) fn notes_section(r: &Report) -> Markup {
    let (fw, a) = (r.fw, r.assessment);
    let noted: Vec<usize> = (0..fw.competencies.len())
        .filter(|&c| !a.note(&fw.competencies[c].id).trim().is_empty())
        .collect();
    html! {
        section id="notes" aria-labelledby="notes-h" {
            h2 id="notes-h" { "Notes" }
            @if noted.is_empty() { p { "No notes yet." } }
            @for &c in &noted {
                @let competency = &fw.competencies[c];
                @let rating = match r.rating(c) {
                    Some(Rating::Level(level)) => format!("rated {level}"),
                    Some(Rating::NotApplicable) => "N/A".to_string(),
                    None => "not rated".to_string(),
                };
                h3 { span class="key" { (competency.id) } " " (competency.name) " (" (rating) ")" }
                blockquote { (note_text(a.note(&competency.id))) }
            }
        }
    }
}

/// Competencies not rated yet and those rated N/A; nothing when there are none.
pub(super) fn not_scored_section(r: &Report) -> Markup {
    let fw = r.fw;
    let ids = |wanted: fn(Option<Rating>) -> bool| -> Vec<&str> {
        (0..fw.competencies.len())
            .filter(|&c| wanted(r.rating(c)))
            .map(|c| fw.competencies[c].id.as_str())
            .collect()
    };
    let unrated = ids(|rating| rating.is_none());
    let not_applicable = ids(|rating| rating == Some(Rating::NotApplicable));
    if unrated.is_empty() && not_applicable.is_empty() {
        return html! {};
    }
    html! {
        section id="not-scored" aria-labelledby="not-scored-h" {
            h2 id="not-scored-h" { "Not scored" }
            ul {
                @if !unrated.is_empty() {
                    li { "Not answered yet (" (unrated.len()) "): " (unrated.join(", ")) }
                }
                @if !not_applicable.is_empty() {
                    li { "N/A (" (not_applicable.len()) "): " (not_applicable.join(", ")) }
                }
            }
        }
    }
}

/// Ratings kept for competencies the framework does not have; nothing when there are none.
pub(super) fn unknown_section(r: &Report) -> Markup {
    let a = r.assessment;
    if r.unknown.is_empty() {
        return html! {};
    }
    html! {
        section id="unknown" aria-labelledby="unknown-h" {
            h2 id="unknown-h" { "Ratings for competencies this framework does not have" }
            p { "Kept in the assessment file and left out of every score." }
            @for id in &r.unknown {
                h3 { span class="key" { (id.as_str()) } }
                p {
                    "Rating: " (rating_words(a.rating(id)))
                    @if let Some(item) = r.plan(id) {
                        " · your target: " (item.target.map_or("none".to_string(), |t| t.to_string()))
                    }
                }
                @if !a.note(id).trim().is_empty() {
                    p { "Note:" }
                    blockquote { (note_text(a.note(id))) }
                }
                @if let Some(item) = r.plan(id) {
                    @if !item.actions.is_empty() {
                        (plan_actions(item))
                    }
                }
            }
        }
    }
}
