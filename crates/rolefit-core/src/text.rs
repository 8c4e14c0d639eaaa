//! Text from files made safe to print on a terminal: a file name or a note may hold escape
//! sequences that would retitle the window, clear the screen or worse.

use std::fmt::Write;
use std::path::Path;

/// `text` with every control character (C0, DEL, C1) escaped: `\x1b`, `\x7f`, `\u{9b}`. A
/// backslash stays as it is.
pub fn display_safe(text: &str) -> String {
    escape(text, false)
}

/// Like [`display_safe`], but line breaks stay line breaks: for output of several lines.
pub fn display_safe_lines(text: &str) -> String {
    escape(text, true)
}

/// Like [`display_safe`], but the characters in `keep` stay as they are: for a report whose
/// format gives them a meaning (a line feed, a tab).
pub fn display_safe_keeping(text: &str, keep: &[char]) -> String {
    if !text.chars().any(|c| c.is_control() && !keep.contains(&c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if keep.contains(&c) {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    out
}

/// A path, as [`display_safe`] prints it.
pub fn display_path(path: &Path) -> String {
    display_safe(&path.to_string_lossy())
}

fn escape(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            c => push_escaped(&mut out, c),
        }
    }
    out
}

/// `c`, or its escape when it is a control character: `\x1b` (C0, DEL), `\u{9b}` (C1).
fn push_escaped(out: &mut String, c: char) {
    match c {
        c if (c as u32) < 0x80 && c.is_control() => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if c.is_control() => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// A file's name without its extension, e.g. `default` for `default.toml`: the assessment's
/// name for a file given with `--file`, and the start of the names of the files beside it.
pub fn file_stem(file: &Path) -> String {
    file.file_stem()
        .map_or_else(|| "assessment".into(), |s| s.to_string_lossy().into_owned())
}

/// The columns `text` takes on a terminal: two for a wide (CJK) character, none for a
/// combining mark.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns` terminal columns, for text in aligned columns
/// (`format!`'s `{:<n}` counts characters, which misaligns wide ones).
pub fn pad_to(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(display_safe("plain é name"), "plain é name");
        assert_eq!(
            display_safe("a\x1b]0;owned\x07b\x7f\u{9b}2J\n"),
            "a\\x1b]0;owned\\x07b\\x7f\\u{9b}2J\\x0a"
        );
        assert_eq!(
            display_safe_lines("one\x1b[2J\ntwo\r"),
            "one\\x1b[2J\ntwo\\x0d"
        );
        assert_eq!(
            display_safe_keeping("a\tb\nc\rd\u{85}", &['\n', '\t']),
            "a\tb\nc\\x0dd\\u{85}"
        );
    }

    #[test]
    fn wide_characters_take_two_columns_when_padded() {
        assert_eq!(width("中村"), 4);
        assert_eq!(pad_to("中村", 6), "中村  ");
        assert_eq!(pad_to("Sam", 6), "Sam   ");
        assert_eq!(pad_to("Samantha", 6), "Samantha");
        assert_eq!(width("e\u{301}"), 1);
    }
}
