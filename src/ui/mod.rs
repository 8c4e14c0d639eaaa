//! The view: renders the whole screen from `&App`. Nothing here changes the assessment.

pub mod calibration;
pub mod contrast;
mod footer;
pub mod grid;
pub mod hit;
pub mod overlay;
pub mod person;
pub mod plan;
pub mod rate;
pub mod results;
pub mod roles;
pub mod scroll;
pub mod search;
pub mod team;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use crate::app::Mode;
use crate::app::{App, SaveStatus};
use crate::domain::Screen;
use crate::input::{self, Show};
use crate::strings;

pub use hit::{Pane, Regions, Target, hit};

pub use scroll::{Drawn, border_marker, keep_in_view, render_scrolled, rows_marker};
pub use theme::Theme;

/// Smallest terminal the layout can draw.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    draw(frame, app);
}

/// Draws the whole screen and says where its scrollable parts ended up, for the app to keep
/// (`Event::Drawn`). Drawing never changes the app.
pub fn draw(frame: &mut Frame, app: &App) -> Drawn {
    let mut drawn = Drawn::default();
    let area = frame.area();
    let theme = Theme::new(app.color(), app.background());
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        render_too_small(frame, area, app, &theme);
        return drawn;
    }
    let [tabs, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tab_bar(frame, tabs, app, &theme, &mut drawn.regions);
    match app.screen() {
        Screen::Roles => roles::render(frame, body, app, &theme, &mut drawn),
        Screen::Grid => grid::render(frame, body, app, &theme, &mut drawn),
        Screen::Rate => rate::render(frame, body, app, &theme, &mut drawn),
        Screen::Results => results::render(frame, body, app, &theme, &mut drawn),
        Screen::Plan => plan::render(frame, body, app, &theme, &mut drawn),
    }
    // A notice too long for its line wraps onto the keys' line until the next key (never cut
    // where its end matters: a file name, a level changed).
    if !render_status(
        frame,
        Rect {
            height: 2,
            ..status
        },
        app,
        &theme,
    ) {
        footer::render_keys(frame, keys, app, &theme, &mut drawn.regions);
    }
    if app.mode() == Mode::Help {
        let (top, overlay) = overlay::render_help(frame, area, app, &theme);
        drawn.help = Some(top);
        drawn.regions.overlay = Some(overlay);
    }
    if app.mode() == Mode::Search {
        search::render(frame, body, app, &theme);
    }
    if let (Some(field), false) = (app.name_field(), app.name_in_welcome()) {
        drawn.regions.overlay = Some(person::render_popup(frame, area, app, field, &theme));
    }
    if app.prompt().is_some() {
        overlay::render_prompt(frame, area, app, &theme, &mut drawn.regions);
    }
    drawn
}

fn render_too_small(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let message = strings::too_small(MIN_SIZE, (area.width, area.height), app.screen());
    let lines = text::wrap(&message, usize::from(area.width.max(1)));
    let height = (lines.len() as u16).min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let target = Rect::new(area.x, top, area.width, height);
    let paragraph = Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(theme.warning)
        .alignment(Alignment::Center);
    frame.render_widget(paragraph, target);
}

fn render_tab_bar(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, regions: &mut Regions) {
    // The tabs, and where each one's title is within the line.
    let tabs = |with_name: bool| {
        let mut spans = Vec::new();
        let mut places = Vec::new();
        if with_name {
            spans.push(Span::styled(
                format!(" {} ", strings::APP_NAME),
                theme.title,
            ));
        }
        for (i, title) in strings::TAB_TITLES.iter().enumerate() {
            spans.push(Span::styled(if i == 0 { " " } else { " · " }, theme.dim));
            let x: usize = spans.iter().map(Span::width).sum();
            if i == app.screen().index() {
                spans.push(Span::styled(format!("[{title}]"), theme.tab_active));
            } else {
                spans.push(Span::styled(format!(" {title} "), theme.tab));
            }
            places.push((x, spans[spans.len() - 1].width(), Screen::ALL[i]));
        }
        (Line::from(spans), places)
    };
    let (rated, total) = app.progress();
    // On a narrow terminal the app's name goes first, then the count's word; the tabs stay
    // whole, and are cut with "…" only when even that is not enough.
    let width = usize::from(area.width);
    let fits = |line: &Line, progress: &str| {
        line.width() + 1 + text::UnicodeWidthStr::width(progress) <= width
    };
    let full = strings::progress(rated, total);
    let short = format!("{rated}/{total}");
    let ((line, places), progress) = [(true, &full), (false, &full), (false, &short)]
        .into_iter()
        .map(|(with_name, progress)| (tabs(with_name), progress.clone()))
        .find(|((line, _), progress)| fits(line, progress))
        .unwrap_or_else(|| (tabs(false), short.clone()));
    let [left, right] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(text::UnicodeWidthStr::width(progress.as_str()) as u16 + 1),
    ])
    .areas(area);
    // Each tab answers a click where its title is drawn.
    for (x, width, screen) in places {
        let tab = Rect::new(area.x + x as u16, area.y, width as u16, 1).intersection(left);
        regions.click(tab, Target::Tab(screen));
    }
    if line.width() > usize::from(left.width) {
        let cut = text::truncate(&line.to_string(), usize::from(left.width));
        frame.render_widget(Line::styled(cut, theme.tab), left);
    } else {
        frame.render_widget(line, left);
    }
    frame.render_widget(
        Line::styled(progress, theme.emphasis).alignment(Alignment::Right),
        right,
    );
}

/// The status line: the notice on the left, the save state on the right, at least three
/// columns apart. A notice that does not fit beside the save state wraps onto the line below
/// (the keys' line, `area` holds both); returns whether it took that line.
fn render_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> bool {
    let (save_text, save_style) = match app.save_status() {
        SaveStatus::Idle if app.dirty_data() => (strings::NOT_SAVED_YET.to_string(), theme.dim),
        SaveStatus::Idle => (String::new(), theme.dim),
        SaveStatus::Saved(time) if app.dirty() => {
            (strings::saved(time) + " · changes pending", theme.dim)
        }
        SaveStatus::Saved(time) => (strings::saved(time), theme.dim),
        SaveStatus::Failed(reason) => (strings::save_failed(reason), theme.error),
        SaveStatus::ReadOnly(why) => (why.to_string(), theme.warning),
    };
    let save_width = text::UnicodeWidthStr::width(save_text.as_str()) as u16;
    let first = Rect { height: 1, ..area };
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(save_width + 1)]).areas(first);
    frame.render_widget(
        Line::styled(save_text, save_style).alignment(Alignment::Right),
        right,
    );
    let Some(notice) = app.notice_text() else {
        return false;
    };
    let notice = notice.as_str();
    // One column before the notice, three between it and the save state.
    let beside = usize::from(left.width.saturating_sub(3)).max(1);
    let lines = text::wrap(notice, beside);
    if lines.len() <= 1 || area.height < 2 {
        let shown = text::truncate(notice, beside);
        frame.render_widget(Line::styled(format!(" {shown}"), theme.emphasis), left);
        return false;
    }
    // Two lines: the second runs the whole width.
    let head = lines[0].clone();
    let rest: Vec<&str> = notice
        .split_whitespace()
        .skip(head.split_whitespace().count())
        .collect();
    let second = text::truncate(&rest.join(" "), usize::from(area.width.saturating_sub(1)));
    frame.render_widget(Line::styled(format!(" {head}"), theme.emphasis), left);
    frame.render_widget(
        Line::styled(format!(" {second}"), theme.emphasis),
        Rect::new(area.x, area.y + 1, area.width, 1),
    );
    true
}

/// The keys of `b` as the footer (`short`) or the help lists them on a framework with `scale`:
/// of the keys that record a level, those of the scale's levels ("0-5" on the built-in scale,
/// "1-7" on a 1–7 one; see [`input::Binding::on_scale`]). None when no key of `b` is left.
pub(super) fn listed_label(
    b: &input::Binding,
    scale: &crate::domain::framework::Scale,
    short: bool,
) -> Option<String> {
    let b = b.on_scale(scale);
    if b.groups.is_empty() {
        return None;
    }
    Some(if short { b.short_label() } else { b.label() })
}

/// The footer keys of a mode as one line of text, "Tab target · Esc done", for hints inside a
/// popup; keys that record a level as `scale` has them ("0-5 target").
pub fn hint_line(mode: Mode, scale: &crate::domain::framework::Scale) -> String {
    input::visible_bindings(mode)
        .into_iter()
        .filter_map(|b| match b.show {
            Show::Footer(short) => Some(format!("{} {short}", listed_label(b, scale, true)?)),
            Show::Help => None,
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A bordered block with a title, styled for focus.
pub fn block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title_style(theme.border_title)
        .title(title)
}

/// Draws a block and returns the area inside it, one column in from each side so text does
/// not touch the borders.
pub fn padded_inner(frame: &mut Frame, area: Rect, block: Block<'_>) -> Rect {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// A competency's description, then each role's practice under a heading with that role's
/// main target: the text the Grid's detail pane and the Rate screen both show. `heading`
/// gives, for role `r`, a prefix (a selection mark) and the heading's style.
pub fn practice_lines<'a>(
    framework: &crate::domain::Framework,
    competency: usize,
    width: usize,
    theme: &Theme,
    show_targets: bool,
    heading: impl Fn(usize) -> (&'static str, ratatui::style::Style),
) -> Vec<Line<'a>> {
    let c = &framework.competencies[competency];
    let mut lines = wrapped("", &c.description, width, theme.text, theme.text);
    for (r, role) in framework.roles.iter().enumerate() {
        if c.practice[r].trim().is_empty() {
            continue;
        }
        let main = framework
            .profiles
            .iter()
            .position(|p| p.role == Some(r) && p.base.is_none());
        let target = main.map(|p| framework.target(p, competency));
        let (mark, style) = heading(r);
        let heading = match target {
            Some(target) if show_targets && !target.is_none() => format!(
                "{mark}In {} practice · target {target} {}",
                role.short,
                framework.scale.level(target).label
            ),
            Some(_) if show_targets => format!("{mark}In {} practice · not required", role.short),
            _ => format!("{mark}In {} practice", role.short),
        };
        lines.push(Line::styled(heading, style));
        lines.extend(wrapped("  ", &c.practice[r], width, theme.text, theme.text));
    }
    lines
}

pub use crate::strings::scroll_keys;

/// Wraps a paragraph of text into styled lines with a first-line prefix and hanging indent.
pub fn wrapped<'a>(
    prefix: &str,
    text_value: &str,
    width: usize,
    prefix_style: ratatui::style::Style,
    style: ratatui::style::Style,
) -> Vec<Line<'a>> {
    let indent = crate::text::width(prefix);
    let lines = text::wrap(text_value, width.saturating_sub(indent).max(10));
    let mut out = Vec::with_capacity(lines.len().max(1));
    for (i, line) in lines.into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(prefix.to_string(), prefix_style)
        } else {
            Span::raw(" ".repeat(indent))
        };
        out.push(Line::from(vec![lead, Span::styled(line, style)]));
    }
    if out.is_empty() && !prefix.is_empty() {
        out.push(Line::from(Span::styled(prefix.to_string(), prefix_style)));
    }
    out
}

/// A heading with a dim aside: on one line when both fit, else the heading wrapped and the
/// aside on its own line.
pub fn title_lines<'a>(
    heading: String,
    aside: String,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let fits = text::UnicodeWidthStr::width(heading.as_str())
        + text::UnicodeWidthStr::width(aside.as_str())
        + 5
        <= width;
    if fits {
        return vec![Line::from(vec![
            Span::styled(heading, theme.heading),
            Span::styled(format!("  ·  {aside}"), theme.dim),
        ])];
    }
    let mut lines = wrapped("", &heading, width, theme.heading, theme.heading);
    lines.extend(wrapped("", &aside, width, theme.dim, theme.dim));
    lines
}
