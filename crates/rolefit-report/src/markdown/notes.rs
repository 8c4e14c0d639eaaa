//! The Markdown report's development plan, every evidence note, and what is not scored:
//! competencies not rated yet or rated N/A, and ratings kept for competencies the framework
//! does not have.

use std::fmt::Write as _;

use super::text::{md_competency, rating_words, target_name};
use crate::Report;
use crate::escape::{has_text, md_cell, md_quote};
use rolefit_core::{PlanItem, Rating};

/// Competencies not rated yet and those rated N/A; nothing when there are none.
pub(super) fn not_scored(o: &mut String, r: &Report) {
    let fw = r.fw;
    let total = fw.competencies.len();
    let unrated: Vec<usize> = (0..total).filter(|&c| r.rating(c).is_none()).collect();
    let not_applicable: Vec<usize> = (0..total)
        .filter(|&c| r.rating(c) == Some(Rating::NotApplicable))
        .collect();
    if unrated.is_empty() && not_applicable.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Not scored\n");
    for (label, list) in [("Not answered yet", &unrated), ("N/A", &not_applicable)] {
        if list.is_empty() {
            continue;
        }
        let ids: Vec<&str> = list
            .iter()
            .map(|&c| fw.competencies[c].id.as_str())
            .collect();
        let _ = writeln!(
            o,
            "- {label} ({}): {}",
            list.len(),
            md_cell(&ids.join(", "))
        );
    }
    o.push('\n');
}

/// The development plan, in framework order.
pub(super) fn plan(o: &mut String, r: &Report) {
    let fw = r.fw;
    let target_name = target_name(r);
    let _ = writeln!(o, "## Development plan\n");
    let planned: Vec<usize> = (0..fw.competencies.len())
        .filter(|&c| r.plan(&fw.competencies[c].id).is_some())
        .collect();
    if planned.is_empty() {
        let _ = writeln!(o, "No development plan yet.\n");
    }
    for &c in &planned {
        let item = r.plan(&fw.competencies[c].id).expect("filtered on a plan");
        let _ = writeln!(o, "### {}\n", md_competency(fw, c));
        let _ = writeln!(
            o,
            "You: {} · {target_name} target: {} · your target: {}\n",
            rating_words(r.rating(c)),
            fw.target(r.target(), c),
            item.target.map_or("none".to_string(), |t| t.to_string())
        );
        md_action(o, item);
    }
}

/// Every evidence note, in framework order.
pub(super) fn notes(o: &mut String, r: &Report) {
    let (fw, assessment) = (r.fw, r.assessment);
    let _ = writeln!(o, "## Notes\n");
    let noted: Vec<usize> = (0..fw.competencies.len())
        .filter(|&c| has_text(assessment.note(&fw.competencies[c].id)))
        .collect();
    if noted.is_empty() {
        let _ = writeln!(o, "No notes yet.\n");
    }
    for &c in &noted {
        let rating = match r.rating(c) {
            Some(Rating::Level(level)) => format!("rated {level}"),
            Some(Rating::NotApplicable) => "N/A".to_string(),
            None => "not rated".to_string(),
        };
        let _ = writeln!(o, "### {} ({rating})\n", md_competency(fw, c));
        md_quote(o, assessment.note(&fw.competencies[c].id));
        o.push('\n');
    }
}

/// Ratings for competencies the framework does not have; nothing when there are none.
pub(super) fn unknown_ratings(o: &mut String, r: &Report) {
    let assessment = r.assessment;
    if r.unknown.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "## Ratings for competencies this framework does not have\n"
    );
    let _ = writeln!(
        o,
        "Kept in the assessment file and left out of every score.\n"
    );
    for id in &r.unknown {
        let _ = writeln!(o, "### {}\n", md_cell(id.as_str()));
        let mut facts = format!("Rating: {}", rating_words(assessment.rating(id)));
        if let Some(item) = r.plan(id) {
            let _ = write!(
                facts,
                " · your target: {}",
                item.target.map_or("none".to_string(), |t| t.to_string())
            );
        }
        let _ = writeln!(o, "{facts}\n");
        let note = assessment.note(id);
        if has_text(note) {
            let _ = writeln!(o, "Note:\n");
            md_quote(o, note);
            o.push('\n');
        }
        if let Some(item) = r.plan(id) {
            md_action(o, item);
        }
    }
}

/// A plan item's actions, one line each in the order they were added: the text, the due date,
/// the status in words and the evidence.
fn md_action(o: &mut String, item: &PlanItem) {
    if item.actions.is_empty() {
        o.push_str("No actions written yet.\n\n");
        return;
    }
    o.push_str("Actions:\n\n");
    for action in &item.actions {
        // Each line of the text kept as a line of the item (a hard break, then indented).
        let lines: Vec<String> = action
            .text
            .split(['\r', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(md_cell)
            .collect();
        let _ = write!(o, "- {}", lines.join("\\\n  "));
        let mut said = Vec::new();
        if let Some(due) = action.due {
            said.push(format!("due {}", rolefit_core::due::show(due)));
        }
        said.push(action.status.key().to_string());
        let _ = write!(o, " — {}", said.join(", "));
        if has_text(&action.evidence) {
            let _ = write!(o, "; evidence: {}", md_cell(action.evidence.trim()));
        }
        o.push('\n');
    }
    o.push('\n');
}
