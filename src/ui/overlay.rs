//! Overlays drawn over the screen: help and prompts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Regions, Theme, block, render_scrolled, text, wrapped};
use crate::app::Mode;
use crate::app::{App, Prompt};
use crate::input::{self, Scope};
use crate::strings;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

/// The help's lines, wrapped to fit `area` (each key's words under its own column), and the
/// width of its text.
fn help_lines<'a>(app: &App, area: Rect, theme: &Theme) -> (Vec<Line<'a>>, usize) {
    // The digits that rate name the framework's scale ("1-7"), as in the footer.
    let (bindings, labels): (Vec<_>, Vec<String>) =
        input::listed_bindings(Mode::Screen(app.screen()), app.read_only())
            .into_iter()
            .filter_map(|b| Some((b, super::listed_label(b, &app.framework().scale, false)?)))
            .unzip();
    let key_width = labels
        .iter()
        .map(|l| text::UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(4);
    let indent = key_width + 4;
    let widest = bindings
        .iter()
        .map(|b| indent + text::UnicodeWidthStr::width(b.help))
        .max()
        .unwrap_or(40);
    let width = widest
        .max(44)
        .min(usize::from(area.width.saturating_sub(6)));
    let mut lines = Vec::new();
    let screen_name = strings::TAB_TITLES[app.screen().index()];
    lines.push(Line::styled(format!("On {screen_name}"), theme.heading));
    let mut in_global = false;
    for (b, label) in bindings.into_iter().zip(labels) {
        if b.scope == Scope::Screens && !in_global {
            in_global = true;
            lines.push(Line::default());
            lines.push(Line::styled("Everywhere", theme.heading));
        }
        // A description longer than the line wraps under its own column, never cut.
        for (i, part) in text::wrap(b.help, width.saturating_sub(indent).max(10))
            .into_iter()
            .enumerate()
        {
            let key = if i == 0 {
                format!("  {label:<key_width$}  ")
            } else {
                " ".repeat(indent)
            };
            lines.push(Line::from(vec![
                Span::styled(key, theme.key),
                Span::styled(part, theme.text),
            ]));
        }
    }
    lines.push(Line::default());
    lines.extend(wrapped(
        "",
        &strings::help_always(),
        width,
        theme.dim,
        theme.dim,
    ));
    (lines, width)
}

/// Whether the help scrolls on a terminal of this `area` (it does not fit).
pub fn help_scrolls(app: &App, area: Rect) -> bool {
    let (lines, _) = help_lines(app, area, &Theme::new(false, app.background()));
    lines.len() as u16 + 2 > area.height
}

/// The help overlay: every key of the screen and of every screen. On a terminal too short for
/// it, it scrolls with ↑↓ and counts what is above and below on its borders. Returns the first
/// line shown, and where the overlay is (which no click on the screen below reaches).
pub fn render_help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> (usize, Rect) {
    let (lines, width) = help_lines(app, area, theme);
    let width = width as u16 + 4;
    let height = lines.len() as u16 + 2;
    let target = centered(area, width, height);
    frame.render_widget(Clear, target);
    let block = block(
        Span::styled(strings::help_title(), theme.title),
        true,
        theme,
    );
    let inner = block.inner(target);
    frame.render_widget(block, target);
    let top = render_scrolled(
        frame,
        inner.inner(ratatui::layout::Margin::new(1, 0)),
        lines,
        app.help_scroll(),
        Some(&crate::strings::help_scroll_key()),
    );
    (top, target)
}

/// The prompt that has the keyboard, each answer clickable where it is listed.
pub fn render_prompt(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    regions: &mut Regions,
) {
    let Some(prompt) = &app.prompt() else { return };
    let width = area.width.saturating_sub(4).min(76);
    let inner_width = usize::from(width.saturating_sub(4));
    let (title, message) = match prompt {
        Prompt::Unreadable(problem) => (
            " This assessment file cannot be read ",
            format!(
                "{problem}\n\nrolefit has not changed it. Quit and fix the file yourself, or start fresh: the file is then moved aside (renamed to NAME.corrupt-TIME.toml) and kept."
            ),
        ),
        Prompt::Locked => (
            " Open in another rolefit ",
            "This assessment is open in another rolefit window, which is the one saving it. You can look at it here read-only, or quit.".to_string(),
        ),
        Prompt::ConfirmQuit(reason) => (
            " Unsaved changes ",
            format!("The last changes could not be saved: {reason}. Quit anyway and lose them?"),
        ),
        Prompt::DiscardWhatIf(changes) => (" Discard the what-if? ", strings::discard_what_if(*changes)),
        Prompt::Rerate(c) => (
            " Rate it again? ",
            strings::plan::rerate(app.framework().competencies[*c].id.as_str()),
        ),
        Prompt::QuitWhatIf(changes) => (" Quit and discard the what-if? ", strings::quit_what_if(*changes)),
    };
    let mut lines = Vec::new();
    for paragraph in message.split('\n') {
        if paragraph.is_empty() {
            lines.push(Line::default());
        } else {
            lines.extend(wrapped("", paragraph, inner_width, theme.text, theme.text));
        }
    }
    lines.push(Line::default());
    // (line, action) of each answer with a single action, for clicks.
    let mut answers = Vec::new();
    for b in input::visible_bindings(app.mode()) {
        if let [(_, action)] = b.groups.as_slice() {
            answers.push((lines.len() as u16, action.clone()));
        }
        // An answer's words wrap under themselves, never cut.
        let key = format!("[{}] ", b.label());
        let indent = text::UnicodeWidthStr::width(key.as_str());
        for (i, part) in text::wrap(b.help, inner_width.saturating_sub(indent).max(10))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                key.clone()
            } else {
                " ".repeat(indent)
            };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.key),
                Span::styled(part, theme.text),
            ]));
        }
    }
    let height = lines.len() as u16 + 2;
    let target = centered(area, width, height);
    frame.render_widget(Clear, target);
    let block = block(Span::styled(title, theme.warning), true, theme);
    let inner = block.inner(target);
    frame.render_widget(block, target);
    let text_area = inner.inner(ratatui::layout::Margin::new(1, 0));
    regions.overlay = Some(target);
    for (line, action) in answers {
        let answer = Rect::new(text_area.x, text_area.y + line, text_area.width, 1);
        regions
            .overlay_clicks
            .push((answer.intersection(text_area), action));
    }
    frame.render_widget(Paragraph::new(lines), text_area);
}
