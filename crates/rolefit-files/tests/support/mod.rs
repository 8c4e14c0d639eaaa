//! Text helpers for the framework reader's tests: turning byte offsets into the 1-based
//! line/column rolefit reports, finding a token after an anchor, and editing the built-in
//! framework's text at one place and reading the problems back. The root's tests use the same
//! file (`tests/cmd_support/mod.rs` includes it by path), so there is one copy of each.

// Each test file includes this module and uses only part of it.
#![allow(dead_code)]

use rolefit_core::Problem;

/// 1-based line and column (counted in characters) of a byte offset in `text`, computed
/// independently of rolefit's own helper.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// Byte offset of the first `needle` at or after `from`; panics with a clear message if absent.
pub fn find_from(text: &str, from: usize, needle: &str) -> usize {
    from + text[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found after byte {from}"))
}

/// Byte offset of `anchor`, which must occur exactly once in `text`.
pub fn unique(text: &str, anchor: &str) -> usize {
    let count = text.matches(anchor).count();
    assert_eq!(count, 1, "anchor {anchor:?} occurs {count} times");
    text.find(anchor).unwrap()
}

/// `text` with the first `from` at or after the unique `anchor` replaced by `to`.
pub fn replace_after(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = unique(text, anchor);
    let at = find_from(text, start, from);
    format!("{}{}{}", &text[..at], to, &text[at + from.len()..])
}

/// Line and column of the first `token` at or after the unique `anchor`.
pub fn pos_after(text: &str, anchor: &str, token: &str) -> (usize, usize) {
    let start = unique(text, anchor);
    line_col(text, find_from(text, start, token))
}

/// Line and column of the last `token` before the unique `anchor` (e.g. the table header a
/// key belongs to).
pub fn pos_before(text: &str, anchor: &str, token: &str) -> (usize, usize) {
    let end = unique(text, anchor);
    let at = text[..end]
        .rfind(token)
        .unwrap_or_else(|| panic!("{token:?} not found before {anchor:?}"));
    line_col(text, at)
}

/// The problems the reader finds in `text`, which it must refuse with at least one.
pub fn problems(text: &str) -> Vec<Problem> {
    match rolefit_files::framework::from_toml(text) {
        Ok(_) => panic!("the edited framework was accepted"),
        Err(problems) => {
            assert!(!problems.is_empty(), "an error must carry problems");
            problems
        }
    }
}

/// The problems as lines "  LINE:COLUMN: MESSAGE", for a failing assertion's message.
pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {}:{}: {}\n", p.line, p.column, p.message))
        .collect()
}
