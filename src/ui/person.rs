//! The person's name field: one line in the first-run welcome (see `roles`), or a small
//! popup over the screen when rolefit asks a file saved before it kept names, or when the
//! user changes the name.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, block, hint_line, text};
use crate::app::{App, Mode, NameField};
use crate::strings::person as words;

/// The question above the field: what the name is for and what Enter and Esc do.
pub fn question(app: &App, field: &NameField) -> String {
    if field.asking {
        words::name_question(field.default.as_deref(), &app_file_name(app))
    } else {
        words::name_change(&app_file_name(app))
    }
}

/// How the person is shown without a name: the file's name.
fn app_file_name(app: &App) -> String {
    crate::text::display_safe(app.file_name())
}

/// Draws the field on one row: a mark, then what is typed (or the default, dim).
pub fn render_field(frame: &mut Frame, area: Rect, field: &NameField, theme: &Theme) {
    let [mark, rest] = Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(Span::styled("› ", theme.key), mark);
    let mut text = field.text.clone();
    text.set_cursor_line_style(Style::new());
    text.set_placeholder_style(theme.dim);
    text.set_style(theme.emphasis);
    frame.render_widget(&text, rest);
}

/// The popup with the question, the field and its keys; returns where it is.
pub fn render_popup(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    field: &NameField,
    theme: &Theme,
) -> Rect {
    let width = area.width.saturating_sub(4).min(70);
    let text_width = usize::from(width.saturating_sub(4));
    let question: Vec<Line> = text::wrap(&question(app, field), text_width)
        .into_iter()
        .map(|l| Line::styled(l, theme.text))
        .collect();
    let hints: Vec<Line> = text::wrap(&hint_line(Mode::Name, &app.framework().scale), text_width)
        .into_iter()
        .map(|l| Line::styled(l, theme.dim))
        .collect();
    let (q, h) = (question.len() as u16, hints.len() as u16);
    let height = (q + 3 + h + 2).min(area.height);
    let target = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, target);
    let outer = block(Span::styled(words::NAME_TITLE, theme.title), true, theme);
    let inner = outer
        .inner(target)
        .inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(outer, target);
    let [top, field_area, bottom] = Layout::vertical([
        Constraint::Length(q),
        Constraint::Length(3),
        Constraint::Length(h),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(question), top);
    let field_block = block(Span::styled(" Name ", theme.dim), true, theme);
    let line = field_block.inner(field_area);
    frame.render_widget(field_block, field_area);
    render_field(frame, line, field, theme);
    frame.render_widget(Paragraph::new(hints), bottom);
    target
}
