//! Scrolling, worked out while drawing without changing the app: each helper takes the scroll
//! the app asked for and returns where the frame put it, which the runtime hands back to the
//! app as `Event::Drawn`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub use crate::app::frame::{Drawn, keep_in_view};

/// Renders pre-wrapped lines from line `scroll`, clamped to the content so keys scroll exactly
/// as far as there is text; returns the first line shown. `scroll_keys` names the keys that
/// scroll, for the "more" hints on the surrounding block's borders.
pub fn render_scrolled(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    scroll: usize,
    scroll_keys: Option<&str>,
) -> usize {
    let height = usize::from(area.height);
    let max = lines.len().saturating_sub(height);
    let top = scroll.min(max);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
    // Scroll hints sit on the surrounding block's borders, clear of the text.
    if max > 0 && area.width > 10 {
        let hint = |frame: &mut Frame, y: u16, arrow: &str| {
            let label = crate::strings::more(arrow, scroll_keys);
            let width = (crate::text::width(&label) as u16).min(area.width);
            let x = area.x + area.width.saturating_sub(width);
            // Words in the default colour, not the border's (too pale on a light background).
            let style = ratatui::style::Style::new().fg(ratatui::style::Color::Reset);
            frame.render_widget(Line::styled(label, style), Rect::new(x, y, width, 1));
        };
        if top > 0 && area.y > 0 {
            hint(frame, area.y - 1, "↑");
        }
        if top < max && area.bottom() < frame.area().bottom() {
            hint(frame, area.bottom(), "↓");
        }
    }
    top
}

/// Counts the rows of a table above and below its window on the bottom border of the table's
/// block, right-aligned and clear of the title: " ↑ 5 · ↓ 20 more ". Nothing when all show.
pub fn rows_marker(frame: &mut Frame, block: Rect, above: usize, below: usize) {
    let y = block.bottom().saturating_sub(1);
    border_marker(frame, block, y, &[(above, "↑"), (below, "↓")], "more");
}

/// Counts what a block cannot show on its border row `y`, right-aligned and clear of the
/// title: " ← 11 · → 19 more columns " for `[(11, "←"), (19, "→")]` and "more columns".
/// Nothing when every count is 0.
pub fn border_marker(frame: &mut Frame, block: Rect, y: u16, marks: &[(usize, &str)], words: &str) {
    let marks: Vec<String> = marks
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, arrow)| format!("{arrow} {n}"))
        .collect();
    if marks.is_empty() || block.height == 0 {
        return;
    }
    let label = format!(" {} {words} ", marks.join(" · "));
    let inner_width = block.width.saturating_sub(2);
    let width = (crate::text::width(&label) as u16).min(inner_width);
    let x = block.x + 1 + inner_width.saturating_sub(width);
    frame.render_widget(Line::from(label), Rect::new(x, y, width, 1));
}
