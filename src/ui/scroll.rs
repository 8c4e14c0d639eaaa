//! Scrolling, worked out while drawing without changing the app: each helper takes the scroll
//! the app asked for and returns where the frame put it, which the runtime hands back to the
//! app as `Event::Drawn`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Where the scrollable parts of one frame ended up. A part the frame did not draw is `None`,
/// so the app keeps its own value for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawn {
    /// First line shown in each Roles pane.
    pub roles: [Option<usize>; 2],
    /// First line shown of the competency text on Rate.
    pub rate_info: Option<usize>,
    /// First line shown of the Grid's detail pane.
    pub grid_detail: Option<usize>,
    /// First row shown of the grid.
    pub grid_offset: Option<usize>,
    /// First row shown of the Results gap table.
    pub gaps_offset: Option<usize>,
    /// First line shown of the Results verdict panel.
    pub results_summary: Option<usize>,
    /// First row shown of the Results areas chart, and whether it was drawn alone (without
    /// the gap table), where the moves scroll it.
    pub results_areas: Option<(usize, bool)>,
    /// First line shown of the Plan screen's list.
    pub plan_offset: Option<usize>,
    /// First line shown of the help overlay.
    pub help: Option<usize>,
    /// Where the frame put the parts that answer the mouse.
    pub regions: Box<super::hit::Regions>,
}

/// The first of `len` rows to draw so that row `selected` is fully visible in `height` lines,
/// given each row's height in lines; `previous` is the last frame's answer, so the view moves
/// only as far as it must. Looks only at rows near the window.
pub fn keep_in_view(
    previous: usize,
    selected: usize,
    len: usize,
    height: usize,
    row_height: impl Fn(usize) -> usize,
) -> usize {
    if len == 0 {
        return 0;
    }
    let height = height.max(1);
    let last = len - 1;
    let selected = selected.min(last);
    let mut top = previous.min(last);
    if selected < top {
        return selected;
    }
    // Walk back from the selection until the window is full.
    let mut used = 0;
    let mut first = selected;
    loop {
        used += row_height(first);
        if used > height || first == 0 {
            if used > height && first < selected {
                first += 1;
            }
            break;
        }
        first -= 1;
    }
    top = top.max(first);
    // Fill the window when there is room above (after collapsing near the end).
    let mut used: usize = (top..len).map(&row_height).take(height + 1).sum();
    while top > 0 && used + row_height(top - 1) <= height {
        top -= 1;
        used += row_height(top);
    }
    top
}

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
            let label = match scroll_keys {
                Some(keys) => format!(" {arrow} more ({keys}) "),
                None => format!(" {arrow} more "),
            };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_in_view_moves_the_window_only_as_far_as_it_must() {
        // Ten one-line rows in a four-line window, each answer fed into the next frame.
        let mut top = 0;
        for (selected, expected) in [(2, 0), (6, 3), (4, 3), (1, 1), (9, 6)] {
            top = keep_in_view(top, selected, 10, 4, |_| 1);
            assert_eq!(top, expected, "selected {selected}");
        }
        // Two-line rows: row 3 needs rows 2 and 3 only.
        assert_eq!(keep_in_view(0, 3, 10, 4, |_| 2), 2);
        // Fewer rows than lines: from the top; no rows: zero.
        assert_eq!(keep_in_view(5, 2, 3, 10, |_| 1), 0);
        assert_eq!(keep_in_view(0, 0, 0, 10, |_| 1), 0);
    }
}
