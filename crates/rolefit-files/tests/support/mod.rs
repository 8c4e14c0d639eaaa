//! Text helpers for the framework reader's tests: turning byte offsets into the 1-based
//! line/column rolefit reports, and finding a token after an anchor. The same helpers as the
//! root's `tests/cmd_support/mod.rs`, which also runs the binary; this crate's tests need none
//! of that.

// Each test file includes this module and uses only part of it.
#![allow(dead_code)]

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
