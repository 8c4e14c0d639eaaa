//! Small text helpers: word wrapping and truncation by display width.

use unicode_width::UnicodeWidthChar;
pub use unicode_width::UnicodeWidthStr;

/// Wraps `text` into lines of at most `width` columns, breaking at spaces; words longer than a
/// line are split. Existing line breaks are kept; an empty text gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split_whitespace() {
            let mut word = word.to_string();
            let mut word_width = word.width();
            if line_width > 0 && line_width + 1 + word_width > width {
                out.push(std::mem::take(&mut line));
                line_width = 0;
            }
            while word_width > width {
                let (head, tail) = split_at_width(&word, width - line_width.min(width - 1));
                if line_width > 0 {
                    line.push(' ');
                }
                line.push_str(&head);
                out.push(std::mem::take(&mut line));
                line_width = 0;
                word = tail;
                word_width = word.width();
            }
            if line_width > 0 {
                line.push(' ');
                line_width += 1;
            }
            line.push_str(&word);
            line_width += word_width;
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Wraps `text` like [`wrap`], but a word longer than a line is cut with "…" rather than
/// split, so a narrow cell never breaks a word in the middle ("Operation…", not "Operationa"
/// over "l").
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    // A word too long for a line breaks after a hyphen where it has one, else is cut.
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        if word.width() > width && word.contains('-') {
            words.extend(hyphen_parts(word).into_iter().map(|p| (p, true)));
        } else {
            words.push((truncate(word, width), false));
        }
    }
    let mut line = String::new();
    let mut glued = false;
    for (word, hyphenated) in words {
        let joint = if line.is_empty() || glued { "" } else { " " };
        if !line.is_empty() && line.width() + joint.len() + word.width() > width {
            lines.push(std::mem::take(&mut line));
        } else {
            line.push_str(joint);
        }
        let word = truncate(&word, width);
        line.push_str(&word);
        glued = hyphenated && word.ends_with('-');
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word's parts after each hyphen ("Portfolio-level" → "Portfolio-", "level"), the places
/// a narrow cell may break it.
pub fn hyphen_parts(word: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    for c in word.chars() {
        part.push(c);
        if c == '-' && part.chars().count() > 1 {
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

fn split_at_width(word: &str, width: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && i > 0 {
            return (word[..i].to_string(), word[i..].to_string());
        }
        used += w;
    }
    (word.to_string(), String::new())
}

/// Cuts a styled line to `width` columns, ending with "…" when something was cut (for block
/// titles, which the terminal would otherwise cut without a sign).
pub fn fit_line(line: ratatui::text::Line<'_>, width: usize) -> ratatui::text::Line<'_> {
    if line.width() <= width {
        return line;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.content.width();
        if used + w < width {
            used += w;
            spans.push(span);
            continue;
        }
        let cut = truncate(&span.content, width - used);
        spans.push(ratatui::text::Span::styled(cut, span.style));
        break;
    }
    ratatui::text::Line::from(spans)
}

/// `text_value` in `width` columns: whole, or cut after the last word that fits, with "…"
/// (a word longer than the width is cut inside, as [`wrap`] does).
pub fn clip_words(text_value: &str, width: usize) -> String {
    if UnicodeWidthStr::width(text_value) <= width {
        return text_value.to_string();
    }
    let first = wrap(text_value, width.saturating_sub(1).max(1))
        .into_iter()
        .next()
        .unwrap_or_default();
    format!("{}…", first.trim_end())
}

/// Cuts `text` to `width` columns, ending with "…" when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // "Capability…", not "Capability …".
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_width() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 10);
        assert_eq!(
            lines,
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        assert!(lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn splits_long_words_and_keeps_breaks() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Strategic, multiple layers", 10), "Strategic…");
        assert_eq!(truncate("Core", 10), "Core");
        assert_eq!(truncate("Core", 0), "");
    }

    #[test]
    fn fit_line_cuts_a_title_with_an_ellipsis() {
        use ratatui::text::{Line, Span};
        let line = Line::from(vec![
            Span::raw(" Gaps vs Centre "),
            Span::raw("· all rated "),
        ]);
        assert_eq!(fit_line(line.clone(), 40).to_string(), line.to_string());
        assert_eq!(fit_line(line, 20).to_string(), " Gaps vs Centre · a…");
    }

    #[test]
    fn wrap_words_cuts_a_long_word_instead_of_splitting_it() {
        assert_eq!(wrap_words("Operational", 10), ["Operation…"]);
        assert_eq!(
            wrap_words("Strategic, multiple layers", 10),
            ["Strategic,", "multiple", "layers"]
        );
        assert!(
            wrap_words("Organisational and portfolio-wide", 8)
                .iter()
                .all(|l| l.width() <= 8)
        );
        // A long word breaks after its hyphen rather than being cut.
        assert_eq!(wrap_words("Portfolio-level", 11), ["Portfolio-", "level"]);
        assert_eq!(wrap_words("Portfolio-level", 15), ["Portfolio-level"]);
    }
}
