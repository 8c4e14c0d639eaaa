//! The Markdown report's small pieces: ratings and percentages in words, competency and
//! profile names escaped, and table rows.

use crate::Report;
use crate::escape::md_cell;
use crate::round1;
use rolefit_core::{Framework, Rating};

/// A rating in words: a digit, "N/A" or "not rated".
pub(super) fn rating_words(rating: Option<Rating>) -> String {
    rating.map_or("not rated".to_string(), |r| r.to_string())
}

/// A percentage with one decimal, or "no basis yet".
pub(super) fn md_percent(percent: Option<f64>) -> String {
    percent.map_or("no basis yet".to_string(), |p| format!("{:.1}%", round1(p)))
}

/// "DP1 Scope and requirements definition", escaped.
pub(super) fn md_competency(fw: &Framework, c: usize) -> String {
    let competency = &fw.competencies[c];
    md_cell(&format!("{} {}", competency.id, competency.name))
}

/// A GFM table row.
pub(super) fn md_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(cell.as_ref());
        out.push_str(" |");
    }
    out.push('\n');
}

/// A GFM table header and delimiter row; `right` marks right-aligned (numeric) columns.
pub(super) fn md_header(out: &mut String, cells: &[(&str, bool)]) {
    let names: Vec<String> = cells.iter().map(|(name, _)| md_cell(name)).collect();
    md_row(out, &names);
    let rules: Vec<&str> = cells
        .iter()
        .map(|(_, right)| if *right { "---:" } else { "---" })
        .collect();
    md_row(out, &rules);
}

/// The target profile's name, escaped.
pub(super) fn target_name(r: &Report) -> String {
    md_cell(&r.fw.profiles[r.target()].name)
}
