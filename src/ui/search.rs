//! The search overlay: the query field, how many competencies match, and the visible part of
//! the list of matches (id, name, area, the user's rating), the matched part of each id and
//! name in bold and underlined.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, block, keep_in_view, text};
use crate::app::App;
use crate::app::search::layout;
use crate::app::search::{Hit, Rank, SearchState, matched_range};
use crate::domain::Rating;
use crate::strings::no_match;

/// Widest the id column gets.
const ID_WIDTH: usize = 12;

/// Draws the open search over `body`.
pub fn render(frame: &mut Frame, body: Rect, app: &App, theme: &Theme) {
    let Some(search) = app.search() else { return };
    let (popup, field, rule, list) = layout(body);
    frame.render_widget(Clear, popup);
    let title = Span::styled(" Find a competency ", theme.title);
    frame.render_widget(block(title, true, theme), popup);

    let total = app.framework().competencies.len();
    let count = format!("{} of {total}", search.hits().len());
    let count_width = text::UnicodeWidthStr::width(count.as_str()) as u16;
    let [input, _, count_area] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(count_width),
    ])
    .areas(field);
    let mut textarea = search.input().clone();
    textarea.set_cursor_line_style(Style::new());
    textarea.set_placeholder_style(theme.dim);
    frame.render_widget(&textarea, input);
    frame.render_widget(Line::styled(count, theme.emphasis), count_area);

    let rows = usize::from(list.height);
    let hits = search.hits();
    let top = keep_in_view(search.offset, search.selected, hits.len(), rows, |_| 1);
    let shown = hits.len().saturating_sub(top).min(rows);
    frame.render_widget(
        Line::styled("─".repeat(usize::from(rule.width)), theme.border),
        rule,
    );
    if top > 0 {
        more(frame, rule, &format!(" ↑ {top} more "));
    }
    let below = hits.len() - top - shown;
    if below > 0 && popup.height > 0 {
        let bottom = Rect::new(rule.x, popup.bottom() - 1, rule.width, 1);
        more(frame, bottom, &format!(" ↓ {below} more "));
    }
    if hits.is_empty() {
        let message = text::truncate(&no_match(search.query()), usize::from(list.width));
        frame.render_widget(Line::styled(message, theme.warning), list);
        return;
    }
    let visible = &hits[top..top + shown];
    let widths = Widths::of(app, visible.iter().map(|h| h.competency), list.width);
    for (i, hit) in visible.iter().enumerate() {
        let line = row(
            app,
            search,
            *hit,
            top + i == search.selected,
            &widths,
            theme,
        );
        let y = list.y + i as u16;
        frame.render_widget(line, Rect::new(list.x, y, list.width, 1));
    }
}

/// A "↑ 3 more" marker at the right of a one-line area.
fn more(frame: &mut Frame, area: Rect, label: &str) {
    let width = (text::UnicodeWidthStr::width(label) as u16).min(area.width);
    let at = Rect::new(area.right() - width, area.y, width, 1);
    // Words in the default colour, not the border's (too pale on a light background).
    let style = Style::new().fg(ratatui::style::Color::Reset);
    frame.render_widget(
        Line::styled(label.to_string(), style).alignment(Alignment::Right),
        at,
    );
}

/// Column widths of the list, from the rows on screen.
struct Widths {
    id: usize,
    name: usize,
    area: usize,
    rating: usize,
}

impl Widths {
    fn of(app: &App, shown: impl Iterator<Item = usize> + Clone, width: u16) -> Widths {
        let fw = app.framework();
        let width_of = |s: &str| text::UnicodeWidthStr::width(s);
        let widest = |f: &dyn Fn(usize) -> usize| shown.clone().map(f).max().unwrap_or(0);
        let id = widest(&|c| width_of(fw.competencies[c].id.as_str())).min(ID_WIDTH);
        let area = widest(&|c| width_of(&fw.areas[fw.competencies[c].area].name));
        let rating = widest(&|c| width_of(&rating_text(app, c))).min(14);
        let width = usize::from(width);
        // Marker, id, name, area and rating, two columns apart.
        let area = area.min(width / if width >= 80 { 4 } else { 6 });
        let name = width
            .saturating_sub(2 + id + 2 + 2 + area + 2 + rating)
            .max(1);
        Widths {
            id,
            name,
            area,
            rating,
        }
    }
}

/// The user's rating of competency `c`, in words.
fn rating_text(app: &App, c: usize) -> String {
    let fw = app.framework();
    match app.assessment().rating(&fw.competencies[c].id) {
        None => "not rated".to_string(),
        Some(Rating::NotApplicable) => "N/A".to_string(),
        Some(Rating::Level(l)) => format!("{l} {}", fw.scale.level(l).label),
    }
}

/// One match: the marker of the chosen one, the id and name with the matched part stressed,
/// the area (dim) and the rating.
fn row<'a>(
    app: &App,
    search: &SearchState,
    hit: Hit,
    selected: bool,
    widths: &Widths,
    theme: &Theme,
) -> Line<'a> {
    let fw = app.framework();
    let c = hit.competency;
    let competency = &fw.competencies[c];
    let base = if selected { theme.selected } else { theme.text };
    let stressed = base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let query = search.folded_query();
    let mut spans = vec![Span::styled(if selected { "› " } else { "  " }, base)];
    spans.extend(stress(
        competency.id.as_str(),
        query,
        widths.id,
        base,
        stressed,
    ));
    spans.push(Span::styled("  ", base));
    spans.extend(stress(&competency.name, query, widths.name, base, stressed));
    spans.push(Span::styled("  ", base));
    let area_style = if selected { base } else { theme.dim };
    // Found by its area's name: that part of the area stressed.
    let area_query = if hit.rank == Rank::AreaWord {
        query
    } else {
        ""
    };
    spans.extend(stress(
        &fw.areas[competency.area].name,
        area_query,
        widths.area,
        area_style,
        area_style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    ));
    spans.push(Span::styled("  ", base));
    spans.push(Span::styled(pad(&rating_text(app, c), widths.rating), base));
    Line::from(spans)
}

/// `value` cut and padded to `width` columns.
fn pad(value: &str, width: usize) -> String {
    let cut = text::truncate(value, width);
    let used = text::UnicodeWidthStr::width(cut.as_str());
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

/// `value` cut and padded to `width` columns, its part that matches `query` in `stressed`.
fn stress<'a>(
    value: &str,
    query: &str,
    width: usize,
    base: Style,
    stressed: Style,
) -> Vec<Span<'a>> {
    let shown = pad(value, width);
    // What is left of `value` in `shown`: all of it, or the part before the "…".
    let kept = if text::UnicodeWidthStr::width(value) <= width {
        value.len()
    } else {
        shown.rfind('…').unwrap_or(shown.len())
    };
    match matched_range(value, query) {
        Some(range) if range.start < kept => {
            let end = range.end.min(kept);
            vec![
                Span::styled(shown[..range.start].to_string(), base),
                Span::styled(shown[range.start..end].to_string(), stressed),
                Span::styled(shown[end..].to_string(), base),
            ]
        }
        _ => vec![Span::styled(shown, base)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_fits_every_supported_size() {
        for (w, h) in [(60, 18), (80, 24), (100, 30), (200, 60)] {
            let (popup, field, rule, list) = layout(crate::app::search::body_of((w, h)));
            assert!(
                popup.bottom() <= h - 2 && popup.y >= 1,
                "{w}×{h}: {popup:?}"
            );
            assert!(popup.right() <= w);
            assert!(field.y < rule.y && rule.y < list.y && list.bottom() < popup.bottom());
            assert!(crate::app::search::list_rows((w, h)) >= 10, "{w}×{h}");
        }
    }

    #[test]
    fn the_matched_part_is_stressed_even_when_the_name_is_cut() {
        let (base, stressed) = (Style::new(), Style::new().add_modifier(Modifier::BOLD));
        let spans = stress("Gouvernânce", "nance", 20, base, stressed);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Gouver", "nânce", "         "]);
        assert_eq!(spans[1].style, stressed);
        // Cut to 8 columns: "Gouvern…"; only the kept "n" is stressed.
        let spans = stress("Gouvernânce", "nance", 8, base, stressed);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Gouver", "n", "…"]);
        // A match entirely cut off stresses nothing.
        let spans = stress("Gouvernânce", "ce", 8, base, stressed);
        assert_eq!(spans.len(), 1);
    }
}
