//! The team view's heatmap: people down, competencies and each area's average across, a digit
//! and a mark per cell, scrolled so that the selected person and competency stay in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::names::fit_distinct;
use crate::domain::scoring::Band;
use crate::team::state::{TeamDrawn, TeamView};
use crate::team::{Cell, Mark};
use crate::text::display_safe;
use crate::ui::text::{UnicodeWidthStr, truncate};
use crate::ui::{Theme, block, border_marker, padded_inner, rows_marker};

/// Narrowest competency column: a space, a digit, the mark, a space.
const CELL: u16 = 4;
/// Widest competency column: longer ids are cut with "…".
const MAX_CELL: u16 = 12;

/// The width of every competency column for `fw`: a gap, then room for the longest id and for
/// the widest rating with its mark ("none▼", "10✓"), so ids never run together and every row
/// keeps its columns.
fn cell_width(fw: &crate::domain::Framework) -> u16 {
    let id = fw
        .competencies
        .iter()
        .map(|c| UnicodeWidthStr::width(c.id.as_str()))
        .max()
        .unwrap_or(1);
    let level = fw
        .scale
        .values()
        .map(|l| l.to_string().len())
        .chain(fw.scale.offers_none().then_some("none".len()))
        .max()
        .unwrap_or(1)
        + 1;
    (1 + id.max(level) as u16).clamp(CELL, MAX_CELL)
}
/// Width of an area's average column.
const AVERAGE: u16 = 5;
/// Width of the readiness column.
const READINESS: u16 = 6;

/// One column of the heatmap.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Column {
    Competency(usize),
    /// The average of an area.
    Area(usize),
}

impl Column {
    /// Its width, with competency columns `cell` wide.
    fn width(self, cell: u16) -> u16 {
        match self {
            Column::Competency(_) => cell,
            Column::Area(_) => AVERAGE,
        }
    }
}

/// The columns shown for the filter: each area's competencies, then its average.
fn columns(view: &TeamView) -> Vec<Column> {
    let fw = &view.team().framework;
    let shown = view.columns();
    let mut columns = Vec::new();
    for (a, area) in fw.areas.iter().enumerate() {
        let cs: Vec<usize> = area
            .competencies
            .clone()
            .filter(|c| shown.contains(c))
            .collect();
        if cs.is_empty() {
            continue;
        }
        columns.extend(cs.into_iter().map(Column::Competency));
        columns.push(Column::Area(a));
    }
    columns
}

/// The first column to show so that the selected one is in view, moving as little as needed.
fn first_column(
    columns: &[Column],
    selected: usize,
    previous: usize,
    width: u16,
    cell: u16,
) -> usize {
    let at = columns
        .iter()
        .position(|c| *c == Column::Competency(selected))
        .unwrap_or(0);
    let mut left = previous.min(columns.len().saturating_sub(1)).min(at);
    let span = |from: usize| -> u16 { columns[from..=at].iter().map(|c| c.width(cell)).sum() };
    while left < at && span(left) > width {
        left += 1;
    }
    // Fill the width when there is room on the left.
    let total = |from: usize| -> u16 { columns[from..].iter().map(|c| c.width(cell)).sum() };
    while left > 0 && total(left - 1) <= width {
        left -= 1;
    }
    left
}

pub(super) fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), crate::domain::verdict::one_decimal)
}

fn mark_style(mark: Mark, cell: Cell, target: crate::domain::Level, theme: &Theme) -> Style {
    match (mark, cell) {
        (Mark::Above | Mark::Meets | Mark::Below, Cell::Level(level)) => {
            crate::ui::grid::band_style(Band::of(level, target), theme)
        }
        (Mark::NotRequired, _) => theme.text,
        _ => theme.dim,
    }
}

pub(super) fn render_heatmap(
    frame: &mut Frame,
    area: Rect,
    view: &TeamView,
    theme: &Theme,
    drawn: &mut TeamDrawn,
) {
    let team = view.team();
    let fw = &team.framework;
    let title = Span::styled(" People × competencies ", theme.border_title);
    let outer = block(title, true, theme).title_bottom(Line::styled(
        " ▲ above ✓ meets ▼ below · unanswered – N/A ",
        theme.dim,
    ));
    let inner = padded_inner(frame, area, outer);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    let name_width = team
        .members
        .iter()
        .map(|m| UnicodeWidthStr::width(m.label.as_str()))
        .max()
        .unwrap_or(6)
        .clamp(6, 22) as u16;
    // Room for "Team average" whole, as long as the heatmap keeps two thirds.
    let name_width = name_width.max(12).min(inner.width / 3);
    // A column for the selection mark, the name, a space, readiness.
    let fixed = 1 + name_width + 1 + READINESS;
    let cells_width = inner.width.saturating_sub(fixed);
    let columns = columns(view);
    let cell = cell_width(fw);
    let left = first_column(&columns, view.competency(), drawn.left, cells_width, cell);
    let mut shown = Vec::new();
    let mut used = 0;
    for column in &columns[left..] {
        if used + column.width(cell) > cells_width {
            break;
        }
        used += column.width(cell);
        shown.push(*column);
    }
    let hidden_right = columns.len() - left - shown.len();
    drawn.left = left;

    let header_rows = 4u16;
    let body_height = inner.height.saturating_sub(header_rows);
    let rows = view.rows();
    let page = usize::from(body_height.max(1));
    let top = crate::ui::keep_in_view(drawn.top, view.row(), rows, page, |_| 1);
    drawn.top = top;
    drawn.page = page;

    let heatmap = Heatmap {
        view,
        theme,
        shown,
        cell,
        name_width,
        width: inner.width,
    };
    let mut lines = vec![
        heatmap.areas_line(fixed),
        heatmap.ids_line(),
        heatmap.targets_line(),
        heatmap.averages_line(),
    ];
    // People, then the files not read. Names cut to fit stay told apart on the screen.
    let order = view.order();
    let shown_labels: Vec<String> = (top..(top + page).min(rows))
        .filter_map(|row| order.get(row))
        .map(|&m| display_safe(&team.members[m].label))
        .collect();
    let fitted = fit_distinct(&shown_labels, usize::from(name_width) + 1);
    for row in top..(top + page).min(rows) {
        lines.push(match order.get(row) {
            Some(&m) => heatmap.person_line(row, m, &fitted[row - top]),
            None => heatmap.not_read_line(row, row - order.len()),
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let below = rows.saturating_sub(top + page);
    rows_marker(frame, area, top, below);
    let columns = [(left, "←"), (hidden_right, "→")];
    border_marker(frame, area, area.y, &columns, "more columns");
}

/// `text` cut to `width` columns and padded on the right.
fn pad(text: &str, width: u16) -> String {
    let text = truncate(text, usize::from(width));
    let w = UnicodeWidthStr::width(text.as_str());
    format!("{text}{}", " ".repeat(usize::from(width).saturating_sub(w)))
}

/// `text` cut to `width` columns and padded on the left.
fn right(text: &str, width: u16) -> String {
    let text = truncate(text, usize::from(width));
    let w = UnicodeWidthStr::width(text.as_str());
    format!("{}{text}", " ".repeat(usize::from(width).saturating_sub(w)))
}

/// The heatmap's lines, for the columns that fit.
struct Heatmap<'a> {
    view: &'a TeamView,
    theme: &'a Theme,
    /// The columns shown, left to right.
    shown: Vec<Column>,
    /// The width of a competency's column.
    cell: u16,
    /// The width of the names.
    name_width: u16,
    /// The width of the whole heatmap.
    width: u16,
}

impl Heatmap<'_> {
    /// Areas over their columns, after `fixed` columns of names and readiness.
    fn areas_line(&self, fixed: u16) -> Line<'static> {
        let fw = &self.view.team().framework;
        let shown = &self.shown;
        let mut spans = vec![Span::raw(" ".repeat(usize::from(fixed)))];
        let mut i = 0;
        while i < shown.len() {
            let area_of = |c: Column| match c {
                Column::Competency(c) => fw.competencies[c].area,
                Column::Area(a) => a,
            };
            let a = area_of(shown[i]);
            let mut width = 0;
            while i < shown.len() && area_of(shown[i]) == a {
                width += shown[i].width(self.cell);
                i += 1;
            }
            spans.push(Span::styled(
                pad(&format!(" {}", display_safe(&fw.areas[a].name)), width),
                self.theme.heading,
            ));
        }
        Line::from(spans)
    }

    /// Competency ids, the selected one marked.
    fn ids_line(&self) -> Line<'static> {
        let (fw, theme, cell) = (&self.view.team().framework, self.theme, self.cell);
        let mut spans = vec![
            Span::styled(pad(" Person", self.name_width + 2), theme.heading),
            Span::styled(right("ready", READINESS), theme.heading),
        ];
        for column in &self.shown {
            let (text, style) = match *column {
                Column::Competency(c) => (
                    right(
                        &truncate(fw.competencies[c].id.as_str(), usize::from(cell - 1)),
                        cell,
                    ),
                    if c == self.view.competency() {
                        theme.selected_cell
                    } else {
                        theme.heading
                    },
                ),
                Column::Area(_) => (right("avg", AVERAGE), theme.heading),
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }

    /// The profile's targets.
    fn targets_line(&self) -> Line<'static> {
        let (team, profile) = (self.view.team(), self.view.profile());
        let fw = &team.framework;
        self.figures_line(" Target", |column| match column {
            Column::Competency(c) => right(
                &if crate::domain::scoring::required(fw, profile, c) {
                    format!("{} ", fw.target(profile, c))
                } else {
                    "– ".into()
                },
                self.cell,
            ),
            Column::Area(a) => right(&one_decimal(team.area_target(a, profile)), AVERAGE),
        })
    }

    /// The team's averages.
    fn averages_line(&self) -> Line<'static> {
        let team = self.view.team();
        self.figures_line(" Team average", |column| match column {
            Column::Competency(c) => right(
                &team
                    .average(c)
                    .map_or_else(|| "—".into(), crate::domain::verdict::one_decimal),
                self.cell,
            ),
            Column::Area(a) => right(&one_decimal(team.area_average(a)), AVERAGE),
        })
    }

    /// A dim line of figures under its label, one per column.
    fn figures_line(&self, label: &str, figure: impl Fn(Column) -> String) -> Line<'static> {
        let dim = self.theme.dim;
        let mut spans = vec![
            Span::styled(pad(label, self.name_width + 2), dim),
            Span::styled(right("", READINESS), dim),
        ];
        spans.extend(self.shown.iter().map(|&c| Span::styled(figure(c), dim)));
        Line::from(spans)
    }

    /// `style`, patched as selected on the selected row.
    fn row_style(&self, row: usize, style: Style) -> Style {
        if row == self.view.row() {
            style.patch(self.theme.selected)
        } else {
            style
        }
    }

    /// A file not read, on row `row`.
    fn not_read_line(&self, row: usize, n: usize) -> Line<'static> {
        let n = &self.view.team().not_read[n];
        let text = format!(
            "{}⚠ not read: {} — {}",
            if row == self.view.row() { "›" } else { " " },
            crate::text::display_path(&n.path),
            display_safe(&n.reason)
        );
        Line::styled(
            pad(&text, self.width),
            self.row_style(row, self.theme.warning),
        )
    }

    /// Person `m` on row `row`, named `label` (cut to fit): readiness, then a level and a
    /// mark per competency and an average per area.
    fn person_line(&self, row: usize, m: usize, label: &str) -> Line<'static> {
        let (team, profile, theme) = (self.view.team(), self.view.profile(), self.theme);
        let fw = &team.framework;
        let is_selected = row == self.view.row();
        let member = &team.members[m];
        let r = member.readiness[profile];
        let readiness = match r.percent {
            Some(p) => format!("{p:.0}%{}", if r.provisional() { "?" } else { " " }),
            None => "— ".into(),
        };
        let mut spans = vec![
            Span::styled(
                format!(
                    "{}{}",
                    if is_selected { "›" } else { " " },
                    pad(label, self.name_width + 1)
                ),
                self.row_style(row, theme.text),
            ),
            Span::styled(
                right(&readiness, READINESS),
                self.row_style(row, theme.text),
            ),
        ];
        for column in &self.shown {
            match *column {
                Column::Competency(c) => {
                    let rating = member.cells[c];
                    let mark = team.mark(m, c, profile);
                    let digit = match rating {
                        Cell::Level(level) => level.to_string(),
                        _ => " ".into(),
                    };
                    let style = mark_style(mark, rating, fw.target(profile, c), theme);
                    let style = if is_selected && c == self.view.competency() {
                        style.patch(theme.selected_cell)
                    } else {
                        self.row_style(row, style)
                    };
                    // Right-aligned under the id, the mark last, one space after.
                    let text = format!("{digit}{}", mark.glyph());
                    spans.push(Span::styled(right(&format!("{text} "), self.cell), style));
                }
                Column::Area(a) => spans.push(Span::styled(
                    right(&one_decimal(member.areas[a]), AVERAGE),
                    self.row_style(row, theme.dim),
                )),
            }
        }
        Line::from(spans)
    }
}
