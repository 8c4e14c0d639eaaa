//! State of the competency grid: which areas are open, which cell is selected.

use super::{App, Effect, Intent};
use crate::domain::{Framework, Screen};

/// One visible row of the grid.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GridRow {
    Area(usize),
    Competency(usize),
}

/// The grid's columns, left to right; every one can hold the cursor.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GridColumn {
    Name,
    FirstRole,
    SecondRole,
    Rating,
    Gap,
}

impl GridColumn {
    /// All columns in order.
    pub const ALL: [GridColumn; 5] = [
        GridColumn::Name,
        GridColumn::FirstRole,
        GridColumn::SecondRole,
        GridColumn::Rating,
        GridColumn::Gap,
    ];
}

/// Expansion, selection and scroll of the grid.
#[derive(Clone, Debug)]
pub struct GridState {
    expanded: Vec<bool>,
    rows: Vec<GridRow>,
    pub selected: usize,
    pub column: usize,
    /// First visible row of the last frame (see `Event::Drawn`), so the view moves only as
    /// far as it must to keep the selection in sight.
    pub offset: usize,
    /// Scroll of the detail pane; back to the top whenever the selection moves.
    pub detail_scroll: usize,
    /// Columns the longest row name takes (an area's title, or a competency's id and name,
    /// with their marks), so the name column is sized once, not per frame.
    pub longest_name: usize,
}

/// Columns the longest grid row's name takes: "›▸ " and an area's title, or "› ◆" with a
/// competency's id, a space and its name.
fn longest_name(framework: &Framework) -> usize {
    use unicode_width::UnicodeWidthStr;
    let areas = (0..framework.areas.len()).map(|a| framework.area_title(a).width() + 3);
    let competencies = framework
        .competencies
        .iter()
        .map(|c| c.id.as_str().width() + c.name.width() + 4);
    areas.chain(competencies).max().unwrap_or(20)
}

impl GridState {
    /// All areas collapsed, first row selected.
    pub fn new(framework: &Framework) -> GridState {
        let mut state = GridState {
            expanded: vec![false; framework.areas.len()],
            rows: Vec::new(),
            selected: 0,
            column: 0,
            offset: 0,
            detail_scroll: 0,
            longest_name: longest_name(framework),
        };
        state.rebuild(framework);
        state
    }

    /// The visible rows.
    pub fn rows(&self) -> &[GridRow] {
        &self.rows
    }

    /// The row under the cursor.
    pub fn selected_row(&self) -> GridRow {
        self.rows[self.selected.min(self.rows.len() - 1)]
    }

    /// The column under the cursor.
    pub fn selected_column(&self) -> GridColumn {
        GridColumn::ALL[self.column.min(GridColumn::ALL.len() - 1)]
    }

    /// Whether an area is expanded.
    pub fn is_expanded(&self, area: usize) -> bool {
        self.expanded[area]
    }

    fn rebuild(&mut self, framework: &Framework) {
        self.rows.clear();
        for (a, area) in framework.areas.iter().enumerate() {
            self.rows.push(GridRow::Area(a));
            if self.expanded[a] {
                self.rows
                    .extend(area.competencies.clone().map(GridRow::Competency));
            }
        }
    }

    /// Opens or closes an area, keeping the cursor on that area's row.
    pub fn toggle(&mut self, framework: &Framework, area: usize) {
        self.expanded[area] = !self.expanded[area];
        self.rebuild(framework);
        self.select_row(GridRow::Area(area));
    }

    /// Opens the area of a competency and puts the cursor on it.
    pub fn reveal(&mut self, framework: &Framework, competency: usize) {
        let area = framework.competencies[competency].area;
        if !self.expanded[area] {
            self.expanded[area] = true;
            self.rebuild(framework);
        }
        self.select_row(GridRow::Competency(competency));
    }

    /// Scrolls the detail pane by `delta` lines (drawing clamps it to the text).
    pub fn scroll_detail(&mut self, delta: isize) {
        self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
    }

    fn select_row(&mut self, row: GridRow) {
        if let Some(i) = self.rows.iter().position(|r| *r == row) {
            self.selected = i;
        }
    }

    /// Moves the cursor by `delta` rows, stopping at the ends.
    pub fn move_rows(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    /// Moves the cursor to the first or last row.
    pub fn jump(&mut self, to_end: bool) {
        self.selected = if to_end { self.rows.len() - 1 } else { 0 };
    }

    /// Moves the cursor by `delta` columns, stopping at the ends.
    pub fn move_columns(&mut self, delta: isize) {
        let last = GridColumn::ALL.len() as isize - 1;
        self.column = (self.column as isize + delta).clamp(0, last) as usize;
    }
}

impl App {
    pub(super) fn update_grid(&mut self, action: Intent) -> Vec<Effect> {
        let page = self.page() as isize;
        if let Intent::ScrollDetail(delta) = action {
            self.grid.scroll_detail(delta);
            return Vec::new();
        }
        let before = (self.grid.selected, self.grid.column);
        match action {
            Intent::Up => self.grid.move_rows(-1),
            Intent::Down => self.grid.move_rows(1),
            Intent::PageUp => self.grid.move_rows(-page),
            Intent::PageDown => self.grid.move_rows(page),
            Intent::Home => self.grid.jump(false),
            Intent::End => self.grid.jump(true),
            Intent::Left => self.grid.move_columns(-1),
            Intent::Right => self.grid.move_columns(1),
            Intent::Activate => match self.grid.selected_row() {
                GridRow::Area(a) => self.grid.toggle(&self.framework, a),
                GridRow::Competency(c) => {
                    self.rate.current = c;
                    return self.go_to(Screen::Rate);
                }
            },
            Intent::Back => match self.grid.selected_row() {
                GridRow::Competency(c) => {
                    let area = self.framework.competencies[c].area;
                    self.grid.toggle(&self.framework, area);
                }
                GridRow::Area(a) if self.grid.is_expanded(a) => {
                    self.grid.toggle(&self.framework, a)
                }
                GridRow::Area(_) => {}
            },
            _ => return Vec::new(),
        }
        if (self.grid.selected, self.grid.column) != before {
            self.grid.detail_scroll = 0;
        }
        if let Some(c) = self.grid_competency() {
            self.rate.current = c;
        }
        Vec::new()
    }

    /// The competency the grid cursor is on, if it is on one.
    pub fn grid_competency(&self) -> Option<usize> {
        match self.grid.selected_row() {
            GridRow::Competency(c) => Some(c),
            GridRow::Area(_) => None,
        }
    }
}
