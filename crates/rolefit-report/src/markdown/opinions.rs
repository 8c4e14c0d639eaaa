//! The Markdown report's second opinions: reviewers beside self.

use std::fmt::Write as _;

use super::text::{md_competency, md_header, md_row, rating_words};
use crate::Report;
use crate::escape::{has_text, md_cell, md_quote};
use rolefit_core::Rating;

/// Reviewers' ratings beside your own: one calibration sentence per reviewer, then every
/// competency where someone's rating differs from yours, "talk about this" where they are two
/// levels or more apart, and the reviewers' notes. Nothing when there are no reviews.
pub(super) fn second_opinions(o: &mut String, r: &Report) {
    let (fw, assessment) = (r.fw, r.assessment);
    let others = rolefit_core::reviews::others(assessment);
    if others.is_empty() || rolefit_core::reviews::reviewing(assessment).is_some() {
        return;
    }
    let _ = writeln!(
        o,
        "## Second opinions
"
    );
    for (c, other) in rolefit_core::reviews::calibration::calibrations(fw, assessment)
        .iter()
        .zip(&assessment.reviews)
    {
        let date = other
            .1
            .date
            .and_then(|d| d.date)
            .map_or(String::new(), |d| format!(" (reviewed {d})"));
        let _ = writeln!(
            o,
            "- **{}**{date}: {}",
            md_cell(&c.name),
            md_cell(&c.sentence())
        );
    }
    o.push('\n');
    let mut header: Vec<(String, bool)> = vec![("Competency".into(), false), ("You".into(), true)];
    header.extend(others.iter().map(|other| (other.name.clone(), true)));
    header.push(("Flag".into(), false));
    let header_refs: Vec<(&str, bool)> = header.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let mut rows = 0;
    let mut table = String::new();
    md_header(&mut table, &header_refs);
    for (c, competency) in fw.competencies.iter().enumerate() {
        let own = assessment.rating(&competency.id);
        let theirs: Vec<Option<Rating>> = others
            .iter()
            .map(|other| other.ratings.get(&competency.id).copied())
            .collect();
        if own.is_none() || theirs.iter().all(|t| t.is_none() || *t == own) {
            continue;
        }
        let talk = theirs
            .iter()
            .any(|t| rolefit_core::reviews::calibration::differs_a_lot(own, *t));
        let mut cells = vec![md_competency(fw, c), rating_words(own)];
        cells.extend(theirs.iter().map(|t| rating_words(*t)));
        cells.push(if talk {
            "⚑ talk about this".into()
        } else {
            String::new()
        });
        md_row(&mut table, &cells);
        rows += 1;
    }
    if rows == 0 {
        let _ = writeln!(
            o,
            "Your reviewers rated every competency you rated as you did.\n"
        );
    } else {
        let _ = writeln!(
            o,
            "Where the ratings differ (⚑ = two levels or more apart):\n"
        );
        o.push_str(&table);
        o.push('\n');
    }
    for (name, review) in &assessment.reviews {
        for competency in &fw.competencies {
            let note = review
                .ratings
                .get(&competency.id)
                .map_or("", |e| e.note.as_str());
            if has_text(note) {
                let _ = writeln!(
                    o,
                    "### {} on {} {}\n",
                    md_cell(name),
                    md_cell(competency.id.as_str()),
                    md_cell(&competency.name)
                );
                md_quote(o, note);
                o.push('\n');
            }
        }
    }
}
