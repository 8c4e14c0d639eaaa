//! Words the screens use for second opinions, in one place.

use super::Reviewing;

/// Above the competency in a review file: "Reviewing alex as Sam — your ratings of them, saved
/// in the review file."
pub fn reviewing(r: &Reviewing) -> String {
    match &r.reviewer {
        Some(reviewer) => format!(
            "Reviewing {} as {reviewer} — your ratings of them, saved in the review file.",
            r.person
        ),
        None => format!(
            "Reviewing {} — your ratings of them, saved in the review file.",
            r.person
        ),
    }
}

/// On opening a review file again: whose review it is and how far it has got, in place of
/// "Resumed", which would read as the reviewer's own assessment.
pub fn review_resumed(r: &Reviewing, rated: usize, total: usize) -> String {
    format!("Review of {}: {rated}/{total} answered so far", r.person)
}

/// The grid's heading of the "You" column with others beside it: "You/Kim/Sam".
pub fn you_heading(names: &[&str]) -> String {
    let mut out = "You".to_string();
    for name in names {
        out.push('/');
        out.push_str(name);
    }
    out
}

/// The grid legend's extra words when others' ratings are shown.
pub const GRID_LEGEND: &str =
    "You/others: · unanswered, ? shown once you rate, ! talk about this (2+ apart)";

/// The mark in the gap table for a competency worth a conversation: "⚑ talk: Sam 2".
pub fn talk_mark(names_and_levels: &[String]) -> String {
    format!("⚑ talk: {}", names_and_levels.join(", "))
}
