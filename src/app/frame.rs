//! What the last frame drew, as the app keeps it: the parts that answer the mouse
//! ([`Regions`]) and where each scrollable part ended up ([`Drawn`]). The view fills them while
//! drawing and the runtime hands them to the app (`Event::Drawn`); the app resolves a mouse
//! event against them ([`hit`]) into the intent a key would have. All of it is pure, so tests
//! check clicks against layouts drawn into a test backend.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::Intent;
use crate::domain::Screen;

/// Lines or rows one notch of the wheel scrolls.
pub const WHEEL_STEP: isize = 3;

/// A part of the screen the wheel scrolls.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The grid's rows (the selection moves).
    Grid,
    /// The Grid's detail pane.
    GridDetail,
    /// The competency text on Rate.
    RateInfo,
    /// A Roles pane, first or second role.
    Roles(usize),
    /// The Results gap table (the selection moves).
    Gaps,
    /// The Results verdict panel.
    Verdict,
    /// The Plan screen's actions (the selection moves).
    Plan,
}

/// What a mouse event points at.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A screen's tab.
    Tab(Screen),
    /// A row of the grid, by its index among the visible rows.
    GridRow(usize),
    /// A row of Rate's level list, top first: an index into the competency's choices.
    Level(usize),
    /// A row of the Results gap table, by its index in the table.
    GapRow(usize),
    /// A row of the Plan screen, by its index among the actions.
    PlanRow(usize),
    /// A Roles pane.
    RolesPane(usize),
    /// A key hint in the footer or an answer in a prompt: that key's action.
    Key(Intent),
    /// The wheel over a pane: lines or rows, down when positive.
    Scroll(Pane, isize),
}

/// The parts of one frame that answer the mouse, in screen cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Regions {
    /// Clickable parts of the screen under any overlay: tabs, rows, levels, panes.
    pub clicks: Vec<(Rect, Target)>,
    /// The footer's key hints, each with its key's action.
    pub keys: Vec<(Rect, Intent)>,
    /// Parts the wheel scrolls.
    pub panes: Vec<(Rect, Pane)>,
    /// An overlay (help, a prompt, an editor) over the screen: the screen below it does not
    /// answer the mouse.
    pub overlay: Option<Rect>,
    /// Clickable parts of the overlay: a prompt's answers.
    pub overlay_clicks: Vec<(Rect, Intent)>,
}

impl Regions {
    /// Records a clickable part.
    pub fn click(&mut self, area: Rect, target: Target) {
        if !area.is_empty() {
            self.clicks.push((area, target));
        }
    }

    /// Records a part the wheel scrolls.
    pub fn pane(&mut self, area: Rect, pane: Pane) {
        if !area.is_empty() {
            self.panes.push((area, pane));
        }
    }
}

/// What a mouse event points at in a frame: a left click on a tab, row, level, pane, key hint
/// or prompt answer; the wheel over a pane. While an overlay is shown, only its own answers
/// and the footer's keys answer a click, and the wheel nothing; other buttons, releases and
/// moves point at nothing.
pub fn hit(mouse: &MouseEvent, regions: &Regions) -> Option<Target> {
    let at = Position::new(mouse.column, mouse.row);
    let find = |list: &[(Rect, Intent)]| {
        list.iter()
            .find(|(area, _)| area.contains(at))
            .map(|(_, action)| Target::Key(action.clone()))
    };
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(overlay) = regions.overlay {
                return if overlay.contains(at) {
                    find(&regions.overlay_clicks)
                } else {
                    find(&regions.keys)
                };
            }
            regions
                .clicks
                .iter()
                .find(|(area, _)| area.contains(at))
                .map(|(_, target)| target.clone())
                .or_else(|| find(&regions.keys))
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            if regions.overlay.is_some() {
                return None;
            }
            let delta = if mouse.kind == MouseEventKind::ScrollDown {
                WHEEL_STEP
            } else {
                -WHEEL_STEP
            };
            regions
                .panes
                .iter()
                .find(|(area, _)| area.contains(at))
                .map(|(_, pane)| Target::Scroll(*pane, delta))
        }
        _ => None,
    }
}

/// A mouse event of this kind at a cell, for tests and scripts.
pub fn mouse_at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    }
}

/// A left click at a cell.
pub fn click_at(column: u16, row: u16) -> MouseEvent {
    mouse_at(MouseEventKind::Down(MouseButton::Left), column, row)
}

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
    pub regions: Box<Regions>,
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
