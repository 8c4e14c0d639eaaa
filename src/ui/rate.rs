//! Rate screen: one competency at a time, the six levels and N/A, and the evidence note.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, block, render_scrolled, text, wrapped};
use crate::app::{App, NA_ROW};
use crate::domain::{Level, Rating};

/// Width from which the levels sit beside the description.
const TWO_COLUMN_WIDTH: u16 = 110;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let levels_height = Level::COUNT as u16 + 3;
    if area.width >= TWO_COLUMN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        let [levels, note] =
            Layout::vertical([Constraint::Length(levels_height), Constraint::Min(3)]).areas(right);
        render_info(frame, left, app, theme);
        render_levels(frame, levels, app, theme);
        render_note(frame, note, app, theme);
    } else {
        let note_height = if app.editing() { 7 } else { 3 };
        let [info, levels, note] = Layout::vertical([
            Constraint::Min(4),
            Constraint::Length(levels_height),
            Constraint::Length(note_height),
        ])
        .areas(area);
        render_info(frame, info, app, theme);
        render_levels(frame, levels, app, theme);
        render_note(frame, note, app, theme);
    }
}

fn render_info(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let fw = &app.framework;
    let c = app.rate.current;
    let competency = &fw.competencies[c];
    let area_def = &fw.areas[competency.area];
    let title = Line::from(vec![
        Span::styled(format!(" {} ", area_def.name), theme.title),
        Span::styled(
            format!(
                "· Area {}/{} · {}/{} ",
                competency.area + 1,
                fw.areas.len(),
                c + 1,
                fw.competencies.len()
            ),
            theme.dim,
        ),
    ]);
    let block = block(title, !app.editing(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let width = usize::from(inner.width);
    let status = match app.assessment.rating(&competency.id) {
        None => "not rated yet".to_string(),
        Some(Rating::NotApplicable) => "rated N/A".to_string(),
        Some(Rating::Level(l)) => format!("rated {l} {}", fw.scale.level(l).label),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} {}", competency.id, competency.name),
            theme.heading,
        ),
        Span::styled(format!("  ·  {status}"), theme.dim),
    ])];
    lines.extend(wrapped(
        "",
        &competency.description,
        width,
        theme.text,
        theme.text,
    ));
    for (r, role) in fw.roles.iter().enumerate() {
        let target = fw.target(fw.main_profiles[r], c);
        let style = if r == 0 {
            theme.first_role
        } else {
            theme.second_role
        };
        lines.push(Line::styled(
            format!(
                "In {} practice · target {target} {}",
                role.short,
                fw.scale.level(target).label
            ),
            style.patch(theme.title),
        ));
        lines.extend(wrapped(
            "  ",
            &competency.practice[r],
            width,
            theme.text,
            theme.text,
        ));
    }
    let targets: Vec<String> = fw
        .profiles
        .iter()
        .enumerate()
        .map(|(p, profile)| format!("{} {}", profile.short, fw.target(p, c)))
        .collect();
    lines.push(Line::default());
    lines.extend(wrapped(
        "Targets: ",
        &targets.join(" · "),
        width,
        theme.dim,
        theme.dim,
    ));
    render_scrolled(frame, inner, lines, &app.rate.info_scroll, Some("J/K"));
}

fn render_levels(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let fw = &app.framework;
    let c = app.rate.current;
    let recorded = app.assessment.rating(&fw.competencies[c].id);
    let block = block(
        Span::styled(" Your level · 0-5 or n records and moves on ", theme.title),
        false,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let label_width = fw
        .scale
        .levels
        .iter()
        .map(|l| text::UnicodeWidthStr::width(l.label.as_str()))
        .max()
        .unwrap_or(8)
        .min(14);
    let [p0, p1] = fw.main_profiles;
    let mut lines = Vec::with_capacity(NA_ROW + 1);
    for level in Level::all() {
        let row = usize::from(level.value());
        let scale = fw.scale.level(level);
        let mut tags = Vec::new();
        if fw.target(p0, c) == level {
            tags.push(fw.roles[0].short.as_str());
        }
        if fw.target(p1, c) == level {
            tags.push(fw.roles[1].short.as_str());
        }
        let tag = if tags.is_empty() {
            String::new()
        } else {
            format!("[{}] ", tags.join(" "))
        };
        let hint = scale
            .hint
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        let is_recorded = recorded == Some(Rating::Level(level));
        let head = format!(
            "{}{} {} {:<label_width$} ",
            if app.rate.cursor == row { "▶" } else { " " },
            if is_recorded { "●" } else { " " },
            level,
            scale.label,
        );
        let rest_width = width.saturating_sub(text::UnicodeWidthStr::width(head.as_str()));
        let rest = text::truncate(&format!("{tag}{}{hint}", scale.descriptor), rest_width);
        let style = if app.rate.cursor == row {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(
                head,
                style.patch(if is_recorded { theme.emphasis } else { style }),
            ),
            Span::styled(rest, style),
        ]));
    }
    let is_na = recorded == Some(Rating::NotApplicable);
    let head = format!(
        "{}{} n N/A ",
        if app.rate.cursor == NA_ROW {
            "▶"
        } else {
            " "
        },
        if is_na { "●" } else { " " },
    );
    let rest = text::truncate(
        &fw.scale.na,
        width.saturating_sub(text::UnicodeWidthStr::width(head.as_str())),
    );
    let style = if app.rate.cursor == NA_ROW {
        theme.selected
    } else {
        theme.text
    };
    lines.push(Line::from(vec![
        Span::styled(
            head,
            style.patch(if is_na { theme.emphasis } else { style }),
        ),
        Span::styled(rest, style),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_note(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(editor) = &app.rate.editor {
        let mut editor = editor.clone();
        editor.set_block(block(
            Span::styled(" Note · editing (Esc when done) ", theme.title),
            true,
            theme,
        ));
        editor.set_cursor_line_style(ratatui::style::Style::new());
        frame.render_widget(&editor, area);
        return;
    }
    let block = block(
        Span::styled(" Note · e to edit (evidence, examples) ", theme.title),
        false,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let note = app
        .assessment
        .note(&app.framework.competencies[app.rate.current].id);
    let lines: Vec<Line> = if note.is_empty() {
        vec![Line::styled("No note yet.", theme.dim)]
    } else {
        text::wrap(note, usize::from(inner.width))
            .into_iter()
            .map(Line::from)
            .collect()
    };
    render_scrolled(frame, inner, lines, &std::cell::Cell::new(0), None);
}
