//! State of the competency grid: which areas are open, which cell is selected.

use std::cell::Cell;

use crate::domain::Framework;

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
    /// First visible row; adjusted while drawing so the selection stays in view.
    pub offset: Cell<usize>,
    /// Scroll of the detail pane; back to the top whenever the selection moves.
    pub detail_scroll: Cell<usize>,
}

impl GridState {
    /// All areas collapsed, first row selected.
    pub fn new(framework: &Framework) -> GridState {
        let mut state = GridState {
            expanded: vec![false; framework.areas.len()],
            rows: Vec::new(),
            selected: 0,
            column: 0,
            offset: Cell::new(0),
            detail_scroll: Cell::new(0),
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
        let now = self.detail_scroll.get() as isize;
        self.detail_scroll.set((now + delta).max(0) as usize);
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

    /// The first row to draw so that the selected row is fully visible in `height` lines,
    /// given each row's height in lines. Looks only at rows near the window.
    pub fn scroll_for(&self, height: usize, row_height: impl Fn(GridRow) -> usize) -> usize {
        super::keep_in_view(&self.offset, self.selected, self.rows.len(), height, |i| {
            row_height(self.rows[i])
        })
    }
}
