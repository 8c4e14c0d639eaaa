//! Results screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Theme, block, wrapped};
use crate::app::App;
use crate::strings;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let block = block(Span::styled(" Results ", theme.title), true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = wrapped(
        "",
        strings::COMING_SOON,
        usize::from(inner.width),
        theme.text,
        theme.dim,
    );
    let _ = app;
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}
