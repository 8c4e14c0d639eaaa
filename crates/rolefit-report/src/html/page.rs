//! The page every HTML report shares: the document shell with its stylesheet and content
//! security policy, the SVG patterns the charts fill with, and the few helpers for text and
//! figures. Used by the person report here and by the team report (`team::html`).
//!
//! User text (names, notes, actions, framework texts) goes into the page only through maud's
//! `(expr)` splices, which escape `&`, `<`, `>` and `"`, so no text from a file can add markup.
//! A last pass over the whole page shows the control characters other than line feeds and tabs
//! as `\x1b`, `\u{9b}`… (as every rolefit report does): they have no place in HTML and would
//! drive a terminal if the file were printed there.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rolefit_core::Rating;

/// The stylesheet of every report: light, dark (`prefers-color-scheme`) and print.
pub(crate) const STYLE: &str = include_str!("style.css");

/// Content security policy of a report without script: nothing may load or run, only the
/// inline stylesheet applies. A report opened from a mail or a shared folder can make no
/// request, and text that slipped past the escaping still could not run.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                      base-uri 'none'; form-action 'none'";

/// The whole page: `title` in the tab, `body` as the page. With `script`, that one inline
/// script may run (allowed by its SHA-256 hash, `script_hash`, in the policy); nothing else.
pub(crate) fn document(title: &str, body: Markup, script: Option<(&str, &str)>) -> String {
    let policy = match script {
        None => POLICY.to_string(),
        Some((_, hash)) => format!("{POLICY}; script-src 'sha256-{hash}'"),
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(policy);
                meta name="color-scheme" content="light dark";
                meta name="generator" content=(concat!("rolefit ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (patterns())
                (body)
                @if let Some((source, _)) = script {
                    script { (PreEscaped(source)) }
                }
            }
        }
    };
    visible_controls(page.into_string())
}

/// The fills the charts share, defined once per page: hatching for the first role, dots for
/// the second, stripes for a provisional figure, so no series is told apart by colour alone.
fn patterns() -> Markup {
    html! {
        svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"
            style="position:absolute" {
            defs {
                pattern id="hatch-first" width="6" height="6" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)" {
                    line class="hatch-line" x1="0" y1="0" x2="0" y2="6" {}
                }
                pattern id="dots-second" width="5" height="5" patternUnits="userSpaceOnUse" {
                    circle class="dot" cx="2.5" cy="2.5" r="1.6" {}
                }
                pattern id="stripes-you" width="8" height="8" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(-45)" {
                    line class="stripe-line" x1="0" y1="0" x2="0" y2="8" {}
                }
            }
        }
    }
}

/// `page` with every control character but line feeds and tabs shown as `\x1b`, `\u{9b}`…
/// The page's own markup holds none, so only text from files is changed, and the escapes are
/// plain letters that need no HTML escaping.
fn visible_controls(page: String) -> String {
    crate::escape::md_safe(page)
}

/// Text of a note or an action as the page shows it: Windows and old Mac line breaks read as
/// line feeds (the block keeps them, `white-space: pre-wrap`), white space around it dropped.
pub(crate) fn note_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

/// A percentage with one decimal, as the Markdown and JSON exports give it: "62.5%".
pub(crate) fn percent(value: f64) -> String {
    format!("{}%", rolefit_core::verdict::one_decimal(value))
}

/// A figure as SVG coordinates take it: at most two decimals, no trailing zeros.
pub(crate) fn coordinate(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A rating in words: a digit, "N/A" or "not rated".
pub(crate) fn rating_words(rating: Option<Rating>) -> String {
    rating.map_or("not rated".to_string(), |r| r.to_string())
}

/// "2026-11-28" from a TOML datetime (the whole datetime when it has no date).
pub(crate) fn date(datetime: &rolefit_core::time::Datetime) -> String {
    datetime
        .date
        .map_or_else(|| datetime.to_string(), |d| d.to_string())
}

/// A table that may be wider than a phone: it scrolls sideways in its own frame, which the
/// keyboard can reach.
pub(crate) fn wide(label: &str, table: Markup) -> Markup {
    html! {
        div class="table-wrap" role="region" aria-label=(format!("{label} (table)")) tabindex="0" {
            (table)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_and_markup_is_escaped() {
        let page = document(
            "a\u{1b}[31m<b>",
            html! { p { ("</svg><script>x()</script>\u{7}\u{9b}") } },
            None,
        );
        assert!(
            page.contains("<title>a\\x1b[31m&lt;b&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("&lt;/svg&gt;&lt;script&gt;x()&lt;/script&gt;\\x07\\u{9b}"));
        assert!(!page.contains("<script"));
        assert!(
            !page
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        );
    }

    #[test]
    fn only_the_named_script_may_run() {
        let quiet = document("t", html! {}, None);
        assert!(quiet.contains("default-src 'none'") && !quiet.contains("script-src"));
        let sorting = document("t", html! {}, Some(("go();", "abc=")));
        assert!(sorting.contains("script-src 'sha256-abc='"));
        assert!(sorting.contains("<script>go();</script>"));
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(coordinate(12.0), "12");
        assert_eq!(coordinate(12.5), "12.5");
        assert_eq!(coordinate(1.0 / 3.0), "0.33");
        assert_eq!(coordinate(-0.001), "0");
        assert_eq!(percent(62.25), "62.3%");
    }
}
