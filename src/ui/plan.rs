//! The Plan screen: the development plan's actions grouped by when they are due (overdue, this
//! month, later, no date, done and dropped), each with its competency, the gap it closes and
//! its status in words; the selected action's details below; the one-line field over it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Drawn, Pane, Target, Theme, block, hint_line, keep_in_view, rows_marker, text};
use crate::app::{App, Mode, PlanInputKind, PlanRow};
use crate::domain::due::{self, DueGroup};
use crate::domain::{ActionStatus, PlanAction};
use crate::strings::plan as words;

/// "1→4": the level now and the level the action works towards (the personal target, else
/// the target profile's); "–" for a level not rated yet.
pub fn gap_of(app: &App, c: Option<usize>, target: Option<crate::domain::Level>) -> String {
    let Some(c) = c else {
        return target.map_or(String::new(), |t| format!("→{t}"));
    };
    let now = app
        .sheet()
        .level(c)
        .map_or("–".to_string(), |l| l.to_string());
    let target = target.unwrap_or_else(|| app.framework().target(app.target_profile(), c));
    format!("{now}→{target}")
}

/// The status as shown in its column.
fn status_word(status: ActionStatus) -> &'static str {
    status.key()
}

fn status_style(status: ActionStatus, theme: &Theme) -> Style {
    match status {
        ActionStatus::Done => theme.meets,
        ActionStatus::Dropped => theme.dim,
        ActionStatus::Doing => theme.emphasis,
        ActionStatus::Planned => theme.text,
    }
}

/// The display line of each row and of each group's heading: headings go before a group's
/// first row. Returns, per row, its line; and the headings with their lines.
fn layout_lines(rows: &[PlanRow]) -> (Vec<usize>, Vec<(usize, DueGroup)>) {
    let mut row_lines = Vec::with_capacity(rows.len());
    let mut headings = Vec::new();
    let mut line = 0;
    let mut last = None;
    for row in rows {
        if last != Some(row.group) {
            headings.push((line, row.group));
            line += 1;
            last = Some(row.group);
        }
        row_lines.push(line);
        line += 1;
    }
    (row_lines, headings)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    let state = app.plan_screen();
    let open = state
        .rows
        .iter()
        .filter(|r| r.group != DueGroup::Closed)
        .count();
    let late = state
        .rows
        .iter()
        .filter(|r| r.group == DueGroup::Overdue)
        .count();
    let title = Line::from(vec![Span::styled(
        format!(" Plan · {open} open · {late} overdue "),
        theme.title,
    )]);
    let width = usize::from(area.width.saturating_sub(2));
    let frame_block = block(text::fit_line(title, width), true, theme);
    // One column of padding inside the border, as on the other screens.
    let inner = frame_block
        .inner(area)
        .inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(frame_block, area);
    let [focus_line, list, details] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let width = usize::from(inner.width);
    // Where a new action goes.
    let fw = app.framework();
    if let Some(competency) = fw.competencies.get(app.adding_to()) {
        let target = app
            .assessment()
            .plan
            .get(&competency.id)
            .and_then(|p| p.target);
        let gap = gap_of(app, Some(app.adding_to()), target);
        let line = Line::from(vec![
            Span::styled("New actions go to ", theme.dim),
            Span::styled(format!("{} ", competency.id), theme.key),
            Span::styled(format!("{} ({gap})", competency.name), theme.text),
        ]);
        frame.render_widget(text::fit_line(line, width), focus_line);
    }
    if state.rows.is_empty() {
        let lines: Vec<Line> = text::wrap(&words::empty(), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim))
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
    } else {
        let offset = render_rows(frame, list, app, theme, drawn);
        drawn.plan_offset = Some(offset);
    }
    // The selected action, in full.
    if let Some(row) = state.selected_row()
        && let Some(action) = app.row_action(row)
    {
        let name = row
            .index
            .map_or(String::new(), |c| fw.competencies[c].name.clone());
        let target = app
            .assessment()
            .plan
            .get(&row.competency)
            .and_then(|p| p.target);
        let first = format!(
            "{} {name} · {} · {}{}",
            row.competency,
            gap_of(app, row.index, target),
            action.status.key(),
            action
                .due
                .map_or(String::new(), |d| format!(" · due {}", due::show(d)))
        );
        let second = if action.evidence.is_empty() {
            action.text.clone()
        } else {
            format!("Evidence: {}", action.evidence)
        };
        let lines = vec![
            Line::styled(text::clip_words(&first, width), theme.text),
            Line::styled(text::clip_words(&second, width), theme.dim),
        ];
        frame.render_widget(Paragraph::new(lines), details);
    }
    if let Some(input) = &state.input {
        drawn.regions.overlay = Some(render_input(frame, frame.area(), app, input, theme));
    }
}

/// The rows in view under their group headings; returns the first line shown.
fn render_rows(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    drawn: &mut Drawn,
) -> usize {
    let state = app.plan_screen();
    let (row_lines, headings) = layout_lines(&state.rows);
    let total = row_lines.last().map_or(0, |l| l + 1);
    let height = usize::from(area.height);
    let selected_line = row_lines.get(state.selected).copied().unwrap_or(0);
    let mut offset = keep_in_view(state.offset, selected_line, total, height, |_| 1);
    // A group's heading stays in view above its first row.
    if offset == selected_line
        && offset > 0
        && headings.iter().any(|(at, _)| *at + 1 == selected_line)
    {
        offset -= 1;
    }
    let width = usize::from(area.width);
    // Columns: marker 2, id, gap, due, status, then the text with what is left.
    let id_width = state
        .rows
        .iter()
        .skip(row_index_at(&row_lines, offset))
        .take(height)
        .map(|r| text::UnicodeWidthStr::width(r.competency.as_str()))
        .max()
        .unwrap_or(3)
        .clamp(3, 8);
    let status_width = 7;
    let due_width = 10;
    let gap_width = 4;
    let fixed = 2 + id_width + 1 + gap_width + 1 + due_width + 1 + status_width + 1;
    let text_width = width.saturating_sub(fixed).max(4);
    let today = app.today();
    let mut lines = Vec::with_capacity(height);
    let first_row = row_index_at(&row_lines, offset);
    let mut heading = headings.iter().peekable();
    let mut r = first_row;
    for line in offset..(offset + height).min(total) {
        while heading.peek().is_some_and(|(at, _)| *at < line) {
            heading.next();
        }
        if let Some((at, group)) = heading.peek()
            && *at == line
        {
            let count = state.rows.iter().filter(|x| x.group == *group).count();
            lines.push(Line::styled(
                text::truncate(&format!("{} ({count})", group.title()), width),
                theme.heading,
            ));
            heading.next();
            continue;
        }
        let row = &state.rows[r];
        let selected = r == state.selected;
        if let Some(action) = app.row_action(row) {
            lines.push(row_line(
                app,
                row,
                action,
                selected,
                (id_width, gap_width, due_width, status_width, text_width),
                today,
                theme,
            ));
        }
        let on_screen = Rect::new(area.x, area.y + (line - offset) as u16, area.width, 1);
        drawn.regions.click(on_screen, Target::PlanRow(r));
        r += 1;
    }
    frame.render_widget(Paragraph::new(lines), area);
    drawn.regions.pane(area, Pane::Plan);
    let below = total.saturating_sub(offset + height);
    if offset > 0 || below > 0 {
        rows_marker(
            frame,
            Rect {
                y: area.y.saturating_sub(2),
                height: area.height + 5,
                x: area.x.saturating_sub(1),
                width: area.width + 2,
            },
            offset,
            below,
        );
    }
    offset
}

/// The first row at or after display line `line`.
fn row_index_at(row_lines: &[usize], line: usize) -> usize {
    row_lines.partition_point(|l| *l < line)
}

#[allow(clippy::too_many_arguments)]
fn row_line<'a>(
    app: &App,
    row: &PlanRow,
    action: &PlanAction,
    selected: bool,
    (id_width, gap_width, due_width, status_width, text_width): (usize, usize, usize, usize, usize),
    today: crate::domain::time::Date,
    theme: &Theme,
) -> Line<'a> {
    let target = app
        .assessment()
        .plan
        .get(&row.competency)
        .and_then(|p| p.target);
    let base = if selected { theme.selected } else { theme.text };
    let due_text = match action.due {
        None => String::new(),
        Some(d) if d == today => "today".to_string(),
        Some(d) => due::show(d),
    };
    let pad = |s: &str, w: usize| {
        let s = text::clip_words(s, w);
        let used = text::UnicodeWidthStr::width(s.as_str());
        format!("{s}{}", " ".repeat(w.saturating_sub(used)))
    };
    Line::from(vec![
        Span::styled(if selected { "▶ " } else { "  " }, theme.key),
        Span::styled(pad(row.competency.as_str(), id_width) + " ", base),
        Span::styled(pad(&gap_of(app, row.index, target), gap_width) + " ", base),
        Span::styled(pad(&due_text, due_width) + " ", base),
        Span::styled(
            pad(status_word(action.status), status_width) + " ",
            if selected {
                base
            } else {
                status_style(action.status, theme)
            },
        ),
        Span::styled(pad(&action.text, text_width), base),
    ])
}

/// The one-line field, over the bottom of the screen.
fn render_input(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    input: &crate::app::PlanInput,
    theme: &Theme,
) -> Rect {
    let width = area.width.saturating_sub(4).min(72);
    let inner_width = usize::from(width.saturating_sub(4));
    let fw = app.framework();
    let id_of = |action: u32| {
        app.plan_action(action)
            .map_or(String::new(), |(id, _)| id.to_string())
    };
    let title = match input.kind {
        PlanInputKind::Add(c) => format!(
            " New action for {} {} ",
            fw.competencies[c].id, fw.competencies[c].name
        ),
        PlanInputKind::Text(a) => format!(" Action for {} ", id_of(a)),
        PlanInputKind::Due(a) => format!(" Due date for {} ", id_of(a)),
        PlanInputKind::Evidence(a) => format!(" Done: evidence for {} ", id_of(a)),
    };
    let hint: Vec<Line> = text::wrap(
        &hint_line(Mode::PlanInput, &app.framework().scale),
        inner_width,
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.dim))
    .collect();
    let error: Vec<Line> = input
        .error
        .as_ref()
        .map(|e| {
            text::wrap(&e.to_string(), inner_width)
                .into_iter()
                .map(|l| Line::styled(l, theme.error))
                .collect()
        })
        .unwrap_or_default();
    let height = (3 + error.len() as u16 + hint.len() as u16 + 2).min(area.height);
    let target = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + area.height.saturating_sub(height + 2),
        width,
        height,
    };
    frame.render_widget(Clear, target);
    let outer = block(
        text::fit_line(Line::styled(title, theme.title), usize::from(width - 2)),
        true,
        theme,
    );
    let inner = outer
        .inner(target)
        .inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(outer, target);
    let [field, error_area, hint_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(error.len() as u16),
        Constraint::Length(hint.len() as u16),
    ])
    .areas(inner);
    let mut area_widget = input.field.clone();
    area_widget.set_cursor_line_style(Style::new());
    area_widget.set_block(block(Span::raw(""), true, theme));
    frame.render_widget(&area_widget, field);
    frame.render_widget(Paragraph::new(error), error_area);
    frame.render_widget(Paragraph::new(hint), hint_area);
    target
}
