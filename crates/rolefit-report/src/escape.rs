//! Escaping of user text: Markdown that shows it as written, CSV fields (RFC 4180), and in
//! every format the control characters that would drive a terminal when the report is printed
//! or `cat` later (ESC, BEL, the C1 controls…), which a note, a name or a framework may hold.
//!
//! Markdown and CSV show a control character visibly, as `\x1b` or `\u{9b}` (as rolefit's
//! terminal output does); line feeds and tabs stay, being text there. JSON `\u`-escapes what
//! serde_json leaves raw, so it still reads back as the very text.

use std::fmt::Write as _;

use super::CSV_LINE_END;

/// A whole Markdown report with every control character but line feeds and tabs made visible
/// (`\x1b`, `\u{9b}`). Line feeds are the report's own structure (notes are split into quoted
/// lines, cells hold none), so no other control character has a meaning in it.
pub(crate) fn md_safe(report: String) -> String {
    if !report
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return report;
    }
    rolefit_core::text::display_safe_keeping(&report, &['\n', '\t'])
}

/// A whole JSON text with DEL, the C1 controls (U+0080–U+009F) and the line and paragraph
/// separators (U+2028, U+2029, line breaks to JavaScript) written as `\uXXXX`, which
/// serde_json leaves raw (it escapes C0 only). Outside strings JSON holds only ASCII
/// punctuation, digits, letters and white space, so these can only stand in strings, where the
/// escape reads back as the same character.
pub(crate) fn json_safe(json: String) -> String {
    let escaped = |c: char| matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}');
    if !json.chars().any(escaped) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A field's text for CSV: line breaks (LF, and CRLF as a note typed on Windows has them) kept,
/// which a quoted field holds (RFC 4180) and a spreadsheet shows as a new line in the cell; tabs
/// kept; every other control character made visible, a CR of its own included, which would
/// move a terminal's cursor back over the line when the file is printed.
fn csv_text(value: &str) -> std::borrow::Cow<'_, str> {
    let kept = |c: char| c == '\n' || c == '\t';
    if !value.char_indices().any(|(i, c)| {
        c.is_control() && !kept(c) && !(c == '\r' && value[i + 1..].starts_with('\n'))
    }) {
        return value.into();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for (i, c) in value.char_indices() {
        if kept(c) || (c == '\r' && value[i + 1..].starts_with('\n')) {
            out.push(c);
        } else {
            out.push_str(&rolefit_core::text::display_safe(
                c.encode_utf8(&mut [0; 4]),
            ));
        }
    }
    out.into()
}

/// One CSV field: control characters as [`csv_text`] leaves them; quoted when it holds a
/// comma, a double quote, CR or LF, or starts or ends with white space; double quotes inside
/// are doubled (RFC 4180).
fn csv_field(out: &mut String, value: &str) {
    let value = csv_text(value);
    let value = value.as_ref();
    let needs_quotes = value.contains([',', '"', '\r', '\n'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// One CSV record: the fields joined by commas, then [`CSV_LINE_END`].
pub fn csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, field.as_ref());
    }
    out.push_str(CSV_LINE_END);
}

/// True when `&` at the start of `rest` would begin an entity reference such as `&amp;`.
fn starts_entity(rest: &str) -> bool {
    let body: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[1 + body.len()..].starts_with(';')
}

/// One line of user text, escaped so that Markdown shows it as written: inline markup
/// (emphasis, code, links, HTML, strikethrough, maths, table pipes) and the block markers that
/// matter at the start of a line (headings, quotes, list items, rules) are backslash-escaped.
/// Leading and trailing white space is dropped; it is not significant in Markdown.
fn md_text(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    // Ordered-list markers: up to nine digits then '.' or ')'.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let list_number = (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']);
    for (i, ch) in line.char_indices() {
        let escape = match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$' => true,
            '-' | '+' | '=' => i == 0,
            '.' | ')' => list_number && i == digits,
            '&' => starts_entity(&line[i..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Text for a table cell or heading: line breaks become spaces, then as [`md_text`].
pub(crate) fn md_cell(text: &str) -> String {
    md_text(&text.split(['\r', '\n']).collect::<Vec<_>>().join(" "))
}

/// Lines of a note or action, with CRLF and CR read as line breaks.
fn text_lines(text: &str) -> Vec<&str> {
    text.split("\r\n")
        .flat_map(|part| part.split(['\r', '\n']))
        .collect()
}

/// True when `text` has something other than white space.
pub(super) fn has_text(text: &str) -> bool {
    !text.trim().is_empty()
}

/// Free text as a block quote: each line kept as its own line (hard line breaks), runs of
/// blank lines kept as one paragraph break.
pub(super) fn md_quote(out: &mut String, text: &str) {
    let lines: Vec<&str> = text_lines(text);
    let first = lines.iter().position(|l| has_text(l));
    let last = lines.iter().rposition(|l| has_text(l));
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let lines = &lines[first..=last];
    let mut previous_blank = false;
    for (i, line) in lines.iter().enumerate() {
        if !has_text(line) {
            if !previous_blank {
                out.push_str(">\n");
            }
            previous_blank = true;
            continue;
        }
        previous_blank = false;
        out.push_str("> ");
        out.push_str(&md_text(line));
        let next_has_text = lines.get(i + 1).is_some_and(|l| has_text(l));
        if next_has_text {
            out.push('\\');
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        csv_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "two\nlines", " pad", "日本"],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",日本\r\n"
        );
    }

    #[test]
    fn control_characters_are_visible_in_csv_and_escaped_in_json() {
        let mut out = String::new();
        csv_record(
            &mut out,
            &["a\x1bc\x07", "one\r\ntwo\rthree\tfour\nfive", "\u{9b}2J"],
        );
        assert_eq!(
            out,
            "a\\x1bc\\x07,\"one\r\ntwo\\x0dthree\tfour\nfive\",\\u{9b}2J\r\n"
        );
        assert_eq!(
            md_safe("# a\x1b]0;t\x07\n\n> b\tc\u{9b}\n".into()),
            "# a\\x1b]0;t\\x07\n\n> b\tc\\u{9b}\n"
        );
        let json = serde_json::to_string(&"a\u{1b}\u{7f}\u{9b}\u{2028}é").unwrap();
        let safe = json_safe(json);
        assert_eq!(safe, "\"a\\u001b\\u007f\\u009b\\u2028é\"");
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a\u{1b}\u{7f}\u{9b}\u{2028}é"
        );
    }

    #[test]
    fn markdown_text_is_escaped_literally() {
        assert_eq!(md_text("a | b"), "a \\| b");
        assert_eq!(
            md_text("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(md_text("# not a heading"), "\\# not a heading");
        assert_eq!(md_text("- not a list"), "\\- not a list");
        assert_eq!(md_text("1. not a list"), "1\\. not a list");
        assert_eq!(md_text("2026 was fine."), "2026 was fine.");
        assert_eq!(md_text("R&D &amp; more"), "R&D \\&amp; more");
        assert_eq!(md_text("  <b>x</b>  "), "\\<b\\>x\\</b\\>");
        assert_eq!(md_cell("two\nlines|x"), "two lines\\|x");
    }

    #[test]
    fn quotes_keep_line_breaks_and_paragraphs() {
        let mut out = String::new();
        md_quote(&mut out, "\n one\r\ntwo\n\n\n\nthree \n");
        assert_eq!(out, "> one\\\n> two\n>\n> three\n");
        let mut empty = String::new();
        md_quote(&mut empty, "  \n ");
        assert_eq!(empty, "");
    }
}
