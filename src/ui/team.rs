//! Draws the team view from `&TeamView`: the people × competencies heatmap (a digit and a mark
//! per cell, never colour alone), the selected competency's bench depth with the team's largest
//! gaps, and the ranking for the chosen profile. Pure drawing; returns where the scrollable
//! parts ended up.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{UnicodeWidthStr, truncate};
use super::{MIN_SIZE, Theme, block, border_marker, padded_inner, render_scrolled, rows_marker};
use crate::domain::scoring::Band;
use crate::input::{self, Show};
use crate::team::state::{TeamDrawn, TeamMode, TeamView};
use crate::team::{Cell, Mark};
use crate::text::display_safe;

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
/// From this inner width the ranking has a Plan column (a name keeps 16 columns beside it);
/// below it the column gives way before names are cut further.
const PLAN_FROM: usize = 28 + 16;
/// From this width the panels beside the heatmap are wider, with room for the Plan column.
const WIDE_SIDE: u16 = 150;
/// What the Plan column's figures mean, on the ranking's lower border.
const PLAN_LEGEND: &str = " Plan: open/overdue! ";
/// From this width the ranking and the competency sit beside the heatmap.
const SIDE_BY_SIDE: u16 = 110;

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

/// Draws the whole team view.
pub fn draw(frame: &mut Frame, view: &TeamView) -> TeamDrawn {
    let area = frame.area();
    let theme = Theme::new(view.color(), view.background());
    let mut drawn = view.drawn();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let quit =
            crate::input::team_keys_for(crate::team::TeamMode::Browse, &crate::app::Intent::Quit);
        let message = format!(
            "The team view needs a terminal of at least {}×{}; this one is {}×{}. Enlarge it, or press {quit} to quit.",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        );
        let lines: Vec<Line> = super::text::wrap(&message, usize::from(area.width.max(1)))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(
            Paragraph::new(lines)
                .style(theme.warning)
                .alignment(Alignment::Center),
            area,
        );
        return drawn;
    }
    let [title, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_title(frame, title, view, &theme);
    if body.width >= SIDE_BY_SIDE {
        // A wide terminal gives the ranking room for its Plan column beside whole names.
        let side = if body.width >= WIDE_SIDE { 52 } else { 44 };
        let [map, side] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(side)]).areas(body);
        let [ranking, detail] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Min(6)]).areas(side);
        render_heatmap(frame, map, view, &theme, &mut drawn);
        render_ranking(frame, ranking, view, &theme);
        render_detail(frame, detail, view, &theme);
    } else {
        let lower = match body.height {
            h if h >= 26 => 10,
            h if h >= 20 => 8,
            _ => 6,
        };
        let [map, bottom] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(lower)]).areas(body);
        let [detail, ranking] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(bottom);
        render_heatmap(frame, map, view, &theme, &mut drawn);
        render_detail(frame, detail, view, &theme);
        render_ranking(frame, ranking, view, &theme);
    }
    render_status(frame, status, view, &theme);
    render_keys(frame, keys, view.mode(), &theme);
    if view.mode() == TeamMode::Help {
        drawn.help = Some(render_help(frame, area, view, &theme));
    }
    drawn
}

fn profile_name(view: &TeamView) -> &str {
    &view.team().framework.profiles[view.profile()].name
}

fn render_title(frame: &mut Frame, area: Rect, view: &TeamView, theme: &Theme) {
    let team = view.team();
    let filter = match view.area() {
        Some(a) => display_safe(&team.framework.areas[a].name),
        None => "all areas".into(),
    };
    let mut spans = vec![
        Span::styled(" rolefit team ", theme.title),
        Span::styled(format!(" {} people", team.members.len()), theme.emphasis),
        Span::styled(" · profile ", theme.dim),
        Span::styled(display_safe(profile_name(view)), theme.emphasis),
        Span::styled(" · sort ", theme.dim),
        Span::styled(view.sort().label(), theme.text),
        Span::styled(" · ", theme.dim),
        Span::styled(filter, theme.text),
    ];
    if !team.not_read.is_empty() {
        spans.push(Span::styled(
            format!(" · {} not read", team.not_read.len()),
            theme.warning,
        ));
    }
    let line = super::text::fit_line(Line::from(spans), usize::from(area.width));
    frame.render_widget(line, area);
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

fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), crate::domain::verdict::one_decimal)
}

fn mark_style(mark: Mark, cell: Cell, target: crate::domain::Level, theme: &Theme) -> Style {
    match (mark, cell) {
        (Mark::Above | Mark::Meets | Mark::Below, Cell::Level(level)) => {
            super::grid::band_style(Band::of(level, target), theme)
        }
        (Mark::NotRequired, _) => theme.text,
        _ => theme.dim,
    }
}

fn render_heatmap(
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
    let top = super::keep_in_view(drawn.top, view.row(), rows, page, |_| 1);
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

fn render_ranking(frame: &mut Frame, area: Rect, view: &TeamView, theme: &Theme) {
    let team = view.team();
    let profile = view.profile();
    let title = format!(" Ranking · {} ", display_safe(profile_name(view)));
    // Rank, percent and mark take 10 columns with their spaces, coverage, lean and plan 6
    // each; on a narrow panel the plan, then the lean, then the coverage give way to the name.
    let width = usize::from(area.width.saturating_sub(4));
    let with_plan = width >= PLAN_FROM;
    let mut outer = block(Span::styled(title, theme.border_title), false, theme);
    if with_plan {
        outer = outer.title_bottom(Line::styled(PLAN_LEGEND, theme.dim));
    }
    let inner = padded_inner(frame, area, outer);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    let ranking = view.ranking();
    let height = usize::from(inner.height);
    // Keep the selected person in view when the list is longer than the panel.
    let at = view
        .person()
        .and_then(|p| ranking.iter().position(|&m| m == p))
        .unwrap_or(0);
    let top = if at < height { 0 } else { at + 1 - height };
    let with_lean = width >= 22 + 10;
    let with_coverage = width >= 16 + 10;
    let fixed = 10
        + if with_coverage { 6 } else { 0 }
        + if with_lean { 6 } else { 0 }
        + if with_plan { 6 } else { 0 };
    let name_width = width.saturating_sub(fixed).max(4);
    let visible: Vec<usize> = ranking.iter().copied().skip(top).take(height).collect();
    let labels: Vec<String> = visible
        .iter()
        .map(|&m| display_safe(&team.members[m].label))
        .collect();
    let fitted = fit_distinct(&labels, name_width);
    let lines: Vec<Line> = visible
        .iter()
        .zip(fitted)
        .enumerate()
        .map(|(i, (&m, name))| {
            let member = &team.members[m];
            let r = member.readiness[profile];
            let percent = r.percent.map_or_else(|| "—".into(), |p| format!("{p:.0}%"));
            let mark = if r.provisional() { "?" } else { " " };
            let pad = name_width.saturating_sub(UnicodeWidthStr::width(name.as_str()));
            let mut text = format!(
                "{:>3} {name}{} {:>4}{mark}",
                top + i + 1,
                " ".repeat(pad),
                percent
            );
            if with_coverage {
                text.push_str(&format!(" {:>5}", format!("{}/{}", r.rated, r.required)));
            }
            if with_lean {
                text.push_str(&format!(" {:<5}", short_lean(member, &team.framework)));
            }
            if with_plan {
                text.push_str(&format!(" {:>5}", member.plan.short()));
            }
            let style = if Some(m) == view.person() {
                theme.selected
            } else if r.provisional() {
                theme.dim
            } else {
                theme.text
            };
            Line::styled(truncate(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    rows_marker(frame, area, top, ranking.len().saturating_sub(top + height));
}

/// Names cut to `width` so that those that differ stay different: cut at the end as usual,
/// and where two come out the same, the part that tells them apart is kept — the file of
/// "Sam Taylor (sam.toml)", else the name's end ("Alexa…oreau").
fn fit_distinct(labels: &[String], width: usize) -> Vec<String> {
    let mut out: Vec<String> = labels.iter().map(|l| truncate(l, width)).collect();
    let mut seen = std::collections::HashMap::<String, Vec<usize>>::new();
    for (i, cut) in out.iter().enumerate() {
        seen.entry(cut.clone()).or_default().push(i);
    }
    for group in seen.into_values().filter(|g| g.len() > 1) {
        if group.iter().all(|&i| labels[i] == labels[group[0]]) {
            continue;
        }
        for i in group {
            out[i] = keep_ends(&labels[i], width);
        }
    }
    out
}

/// `label` in `width` columns, keeping the file of a label such as "Sam Taylor (sam.toml)",
/// else the start and the end of the name.
fn keep_ends(label: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(label);
    if w <= width {
        return label.to_string();
    }
    let last = |text: &str, room: usize| -> String {
        let mut kept: Vec<char> = Vec::new();
        let mut used = 0;
        for c in text.chars().rev() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > room {
                break;
            }
            used += cw;
            kept.push(c);
        }
        kept.into_iter().rev().collect()
    };
    if let Some((name, place)) = label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        let bracketed = format!("({place})");
        let pw = UnicodeWidthStr::width(bracketed.as_str());
        if pw + 2 <= width {
            return format!("{} {bracketed}", truncate(name, width - pw - 1));
        }
        // Tighter still: the file without `.toml`, its end kept ("sam-k", "…a/sam").
        let core = place.strip_suffix(".toml").unwrap_or(place);
        if UnicodeWidthStr::width(core) <= width {
            return core.to_string();
        }
        return format!("…{}", last(core, width.saturating_sub(1)));
    }
    let tail = width.saturating_sub(1) / 2;
    let head = truncate(label, width - tail);
    format!("{head}{}", last(label, tail))
}

/// The lean in a few characters: the main profile's short name, "both", "none" or "early".
fn short_lean(member: &crate::team::Member, fw: &crate::domain::Framework) -> String {
    use crate::domain::scoring::Outcome;
    match member.outcome {
        _ if !fw.axis => "—".into(),
        Outcome::Leans { side } => fw.profiles[fw.main_profiles[side]].short.clone(),
        Outcome::Straddles => "both".into(),
        Outcome::NoClearLean | Outcome::Unseparated => "none".into(),
        Outcome::TooEarly => "early".into(),
        Outcome::NoAxis => "–".into(),
    }
}

fn render_detail(frame: &mut Frame, area: Rect, view: &TeamView, theme: &Theme) {
    let team = view.team();
    let fw = &team.framework;
    let profile = view.profile();
    let c = view.competency();
    let comp = &fw.competencies[c];
    let title = format!(" {} {} ", comp.id, display_safe(&comp.name));
    let outer = block(Span::styled(title, theme.border_title), false, theme);
    let inner = padded_inner(frame, area, outer);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let bench = team.bench(c, profile);
    let name = display_safe(profile_name(view));
    let mut lines = Vec::new();
    match bench.target {
        Some(target) => lines.push(Line::from(vec![
            Span::styled(format!("{} of {}", bench.meet, bench.of), theme.emphasis),
            Span::styled(format!(" meet the {name} target ({target})"), theme.text),
        ])),
        None => lines.push(Line::styled(
            format!("Not required by the {name} profile"),
            theme.text,
        )),
    }
    lines.push(Line::styled(
        format!(
            "{} rated · {} N/A · {} unanswered · avg {}",
            bench.answered,
            bench.not_applicable,
            bench.unanswered,
            one_decimal(team.average(c))
        ),
        theme.dim,
    ));
    lines.push(Line::styled(
        format!("{} planning it (open actions)", team.planning(c)),
        theme.text,
    ));
    lines.push(Line::styled(
        "Largest gaps (avg shortfall, below):",
        theme.heading,
    ));
    let gaps = view.gaps();
    if gaps.is_empty() {
        lines.push(Line::styled("  none: every target met", theme.dim));
    }
    for g in gaps {
        let id = fw.competencies[g.competency].id.as_str();
        let style = if g.competency == c {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::styled(
            format!(
                "  {id:<5} −{}  {} of {} · {}",
                crate::domain::verdict::one_decimal(g.shortfall),
                g.below,
                g.answered,
                display_safe(&fw.competencies[g.competency].name)
            ),
            style,
        ));
    }
    let total = lines.len();
    let height = usize::from(inner.height);
    let lines: Vec<Line> = lines
        .into_iter()
        .take(height)
        .map(|l| super::text::fit_line(l, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    rows_marker(frame, area, 0, total.saturating_sub(height));
}

fn render_status(frame: &mut Frame, area: Rect, view: &TeamView, theme: &Theme) {
    const READ_ONLY: &str = "Read-only: files are never written ";
    // The reminder on the right only where it leaves room for messages.
    let reminder = if area.width >= 90 {
        READ_ONLY.chars().count() as u16
    } else {
        0
    };
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(reminder)]).areas(area);
    if let Some(text) = view.search() {
        frame.render_widget(
            Line::from(vec![
                Span::styled(" Find: ", theme.key),
                Span::styled(format!("{}▏", display_safe(text)), theme.text),
            ]),
            left,
        );
    }
    if let Some(notice) = view.notice() {
        let at = if view.search().is_some() {
            let used = 9 + view.search().map_or(0, |s| s.chars().count()) as u16;
            Rect {
                x: left.x + used.min(left.width),
                width: left.width.saturating_sub(used),
                ..left
            }
        } else {
            left
        };
        let shown = truncate(
            &display_safe(notice),
            usize::from(at.width.saturating_sub(1)),
        );
        frame.render_widget(Line::styled(format!(" {shown}"), theme.emphasis), at);
    }
    if reminder > 0 {
        frame.render_widget(
            Line::styled(READ_ONLY, theme.dim).alignment(Alignment::Right),
            right,
        );
    }
}

/// The footer: the mode's keys from the keymap table, as many as fit, ending "… ? all keys"
/// when some are left out.
fn render_keys(frame: &mut Frame, area: Rect, mode: TeamMode, theme: &Theme) {
    let entries: Vec<(String, &str)> = input::team_bindings(mode)
        .into_iter()
        .filter_map(|b| match b.show {
            // "/" is its own label (the short label splits at "/").
            Show::Footer(short) if b.label() == "/" => Some((b.label(), short)),
            Show::Footer(short) => Some((b.short_label(), short)),
            Show::Help => None,
        })
        .collect();
    let width_of =
        |(keys, short): &(String, &str)| keys.chars().count() + short.chars().count() + 4;
    let mut budget = usize::from(area.width).saturating_sub(1);
    let help = entries.iter().find(|(_, s)| *s == "help").cloned();
    if help.is_some() {
        budget = budget.saturating_sub(16);
    }
    let mut spans = vec![Span::raw(" ")];
    let mut cut = false;
    for entry in &entries {
        if Some(entry) == help.as_ref() {
            continue;
        }
        if width_of(entry) > budget {
            cut = true;
            continue;
        }
        budget -= width_of(entry);
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(entry.0.clone(), theme.key));
        spans.push(Span::styled(format!(" {}", entry.1), theme.dim));
    }
    if let Some((keys, short)) = help {
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        if cut {
            spans.push(Span::styled(format!("… {keys}"), theme.key));
            spans.push(Span::styled(" for all keys", theme.dim));
        } else {
            spans.push(Span::styled(keys, theme.key));
            spans.push(Span::styled(format!(" {short}"), theme.dim));
        }
    }
    frame.render_widget(
        super::text::fit_line(Line::from(spans), usize::from(area.width)),
        area,
    );
}

/// What the help says besides the keys: the marks and how the figures are defined.
const HELP_TEXT: [&str; 7] = [
    "Cells: the level and its mark against the profile's target: ▲ above, ✓ meets, ▼ below; · not answered, – N/A; a level without a mark is not required by the profile. Colour repeats the mark, never replaces it.",
    "ready: readiness for the profile, as on Results; ? marks a provisional figure (fewer than half the required competencies rated).",
    "Ranking: complete figures always above provisional ones, then higher readiness, then name. k/n: required competencies rated.",
    "Bench depth: people rated at or above the target, of everyone in the team; N/A and unanswered never meet it.",
    "Largest gaps: required competencies by the average shortfall (target − level, 0 when met) of the people who rated them, then by how many are below.",
    "avg: the area's average level. Files are only read, never written; files that cannot be used are listed after the people.",
    "Plan (ranking, on a wide terminal): the person's plan actions open (planned or doing), then after / how many of those are overdue today, marked !: 2/1! is two open, one overdue; – is none open. “N planning it” (competency panel): people with an open plan action on that competency.",
];

fn render_help(frame: &mut Frame, area: Rect, view: &TeamView, theme: &Theme) -> usize {
    let bindings = input::team_bindings(TeamMode::Browse);
    let labels: Vec<String> = bindings.iter().map(|b| b.label()).collect();
    let key_width = labels
        .iter()
        .map(|l| UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(4);
    let width = usize::from(area.width.saturating_sub(6)).min(76);
    let mut lines = vec![Line::styled("In the team view", theme.heading)];
    // Each key's words wrap beside its label, so a narrow terminal cuts nothing.
    let words_width = width.saturating_sub(key_width + 4).max(10);
    for (b, label) in bindings.into_iter().zip(labels) {
        for (i, words) in super::text::wrap(b.help, words_width)
            .into_iter()
            .enumerate()
        {
            let keys = if i == 0 { label.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}  "), theme.key),
                Span::styled(words, theme.text),
            ]));
        }
    }
    lines.push(Line::styled("  Ctrl-C  quit, from anywhere", theme.dim));
    for text in HELP_TEXT {
        lines.push(Line::default());
        lines.extend(
            super::text::wrap(text, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.text)),
        );
    }
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let target = Rect {
        x: area.x + area.width.saturating_sub(width as u16 + 4) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width: (width as u16 + 4).min(area.width),
        height,
    };
    frame.render_widget(Clear, target);
    let outer = block(Span::styled(" Help · team view ", theme.title), true, theme);
    let inner = outer.inner(target);
    frame.render_widget(outer, target);
    render_scrolled(
        frame,
        inner.inner(ratatui::layout::Margin::new(1, 0)),
        lines,
        view.drawn().help.unwrap_or(0),
        Some("↑↓"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cut_to_fit_stay_told_apart() {
        let labels: Vec<String> = [
            "Sam Taylor (sam.toml)",
            "Sam Taylor (sam-k.toml)",
            "Alexandra Moreau",
            "Alexandra Morgan",
            "Bea Lind",
        ]
        .map(String::from)
        .to_vec();
        for width in [6, 8, 10, 14] {
            let fitted = fit_distinct(&labels, width);
            for (label, fit) in labels.iter().zip(&fitted) {
                assert!(
                    UnicodeWidthStr::width(fit.as_str()) <= width,
                    "{fit:?} in {width}"
                );
                if UnicodeWidthStr::width(label.as_str()) <= width {
                    assert_eq!(fit, label);
                }
            }
            let mut distinct = fitted.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), labels.len(), "{width}: {fitted:?}");
        }
        let fitted = fit_distinct(&labels, 14);
        assert_eq!(fitted[0], "Sa… (sam.toml)");
        assert_eq!(fitted[1], "… (sam-k.toml)");
        assert_eq!(fitted[4], "Bea Lind");
        assert_eq!(fit_distinct(&labels, 10)[2], "Alexa…reau");
        // The same label twice (two files of one name and file name) is left as it is cut.
        let same = ["Kim Lee".to_string(), "Kim Lee".to_string()];
        assert_eq!(fit_distinct(&same, 5), ["Kim…", "Kim…"]);
    }
}
