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

/// On opening a review file again: whose review it is (`person`) and how far it has got, in
/// place of "Resumed", which would read as the reviewer's own assessment.
pub fn review_resumed(person: &str, rated: usize, total: usize) -> String {
    format!("Review of {person}: {rated}/{total} answered so far")
}

/// The grid's heading of the person's column with others beside it: "You/Kim/Sam", or with
/// `first` the person's name when someone else reads it ("Alex/Kim").
pub fn you_heading(first: &str, names: &[&str]) -> String {
    let mut out = first.to_string();
    for name in names {
        out.push('/');
        out.push_str(name);
    }
    out
}

/// The grid legend's extra words when others' ratings are shown, for whoever is rated.
pub fn grid_legend(voice: &crate::domain::Voice, first: &str) -> String {
    voice.say(&format!(
        "{first}/others: · unanswered, ? shown once you rate, ! talk about this (2+ apart)"
    ))
}

/// The mark in the gap table for a competency worth a conversation: "⚑ talk: Sam 2".
pub fn talk_mark(names_and_levels: &[String]) -> String {
    format!("⚑ talk: {}", names_and_levels.join(", "))
}
