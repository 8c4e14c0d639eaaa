//! Roles screen: the two roles side by side (or one at a time when narrow), and the flavours
//! in the pane of the role they belong to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Drawn, Pane, Target, Theme, block, padded_inner, render_scrolled, text, wrapped};
use crate::app::{Action, App, Mode};
use crate::domain::framework::Role;
use crate::domain::{Framework, Screen};
use crate::input;
use crate::strings;

/// Below this width the panes are shown one at a time.
const SIDE_BY_SIDE_WIDTH: u16 = 90;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    let mut body = area;
    if app.welcome() {
        let width = usize::from(area.width.saturating_sub(4));
        let room = usize::from(area.height / 3).saturating_sub(2);
        // The full welcome when it fits, else the short one, so no sentence is cut off.
        let mut lines = text::wrap(&strings::welcome(), width);
        if lines.len() > room {
            lines = text::wrap(&strings::welcome_short(), width);
        }
        let height = (lines.len() as u16 + 2).min(area.height / 3);
        let [welcome, rest] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
        let block = block(Span::styled(" Welcome ", theme.heading), false, theme);
        let inner = block.inner(welcome);
        frame.render_widget(block, welcome);
        let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
        frame.render_widget(
            ratatui::widgets::Paragraph::new(lines),
            inner.inner(ratatui::layout::Margin::new(1, 0)),
        );
        body = rest;
    }
    let fw = app.framework();
    if body.width >= SIDE_BY_SIDE_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        drawn.roles[0] = Some(render_pane(frame, left, app, 0, theme));
        drawn.roles[1] = Some(render_pane(frame, right, app, 1, theme));
        for (pane, area) in [left, right].into_iter().enumerate() {
            drawn.regions.click(area, Target::RolesPane(pane));
            drawn.regions.pane(area, Pane::Roles(pane));
        }
    } else {
        let pane = app.roles().focus;
        drawn.roles[pane] = Some(render_pane(frame, body, app, pane, theme));
        drawn.regions.pane(body, Pane::Roles(pane));
    }
    let _ = fw;
}

fn pane_title<'a>(app: &App, pane: usize, narrow: bool, theme: &Theme) -> Line<'a> {
    let role = &app.framework().roles[pane];
    let mut title = if shows_flavours(app, pane) {
        format!(" {} · flavours ", role.name)
    } else {
        format!(" {} ", role.name)
    };
    if narrow {
        let other = &app.framework().roles[1 - pane];
        title = if pane == 0 {
            format!("{title}│ {} ▶ ", other.short)
        } else {
            format!(" ◀ {} │{title}", other.short)
        };
    }
    let style = if pane == 0 {
        theme.first_role
    } else {
        theme.second_role
    };
    Line::from(Span::styled(title, theme.title.patch(style)))
}

/// Draws one pane; returns the first line shown.
fn render_pane(frame: &mut Frame, area: Rect, app: &App, pane: usize, theme: &Theme) -> usize {
    let narrow = area.width < SIDE_BY_SIDE_WIDTH && area.width == frame.area().width;
    let focused = app.roles().focus == pane;
    let block = block(pane_title(app, pane, narrow, theme), focused, theme);
    let inner = padded_inner(frame, area, block);
    let width = usize::from(inner.width);
    let lines = if shows_flavours(app, pane) {
        flavour_lines(app.framework(), pane, width, theme)
    } else {
        role_lines(
            &app.framework().roles[pane],
            pane,
            app.framework(),
            width,
            theme,
        )
    };
    let mode = Mode::Screen(Screen::Roles);
    let keys = input::first_key(mode, &Action::Up) + &input::first_key(mode, &Action::Down);
    render_scrolled(frame, inner, lines, app.roles().scroll[pane], Some(&keys))
}

fn section<'a>(lines: &mut Vec<Line<'a>>, title: &str, theme: &Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(title.to_string(), theme.heading));
}

fn role_lines<'a>(
    role: &Role,
    pane: usize,
    framework: &Framework,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = wrapped("", &role.essence, width, theme.text, theme.emphasis);
    section(&mut lines, "What the role is", theme);
    lines.extend(wrapped(
        "",
        &role.description,
        width,
        theme.text,
        theme.text,
    ));
    section(&mut lines, "Typical activities", theme);
    for activity in &role.activities {
        lines.extend(wrapped("• ", activity, width, theme.dim, theme.text));
    }
    section(&mut lines, "Time horizon", theme);
    lines.extend(wrapped("", &role.horizon, width, theme.text, theme.text));
    section(&mut lines, "Scope", theme);
    lines.extend(wrapped("", &role.scope, width, theme.text, theme.text));
    if !role.in_practice.is_empty() {
        section(&mut lines, "In practice", theme);
        lines.extend(wrapped(
            "",
            &role.in_practice,
            width,
            theme.text,
            theme.text,
        ));
    }
    let flavours: Vec<&str> = framework
        .flavours_of(pane)
        .map(|p| p.name.as_str())
        .collect();
    if !flavours.is_empty() {
        section(&mut lines, "Flavours", theme);
        lines.extend(wrapped(
            "",
            &strings::flavours_pointer(&flavours.join(", ")),
            width,
            theme.text,
            theme.text,
        ));
    }
    lines
}

/// Whether `pane` shows the flavours instead of its role.
fn shows_flavours(app: &App, pane: usize) -> bool {
    app.roles().flavours && pane == app.framework().flavour_role()
}

/// The flavours of the role in `pane`, introduced with the role they derive from (their base
/// profile's role).
fn flavour_lines<'a>(
    framework: &Framework,
    pane: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let base_role = framework
        .flavours_of(pane)
        .find_map(|p| p.base)
        .and_then(|base| framework.profiles[base].role)
        .unwrap_or(pane);
    let mut lines = wrapped(
        "",
        &strings::flavours_intro(&framework.roles[base_role].name),
        width,
        theme.text,
        theme.dim,
    );
    for (p, profile) in framework.profiles.iter().enumerate() {
        let Some(base) = profile.base else { continue };
        if profile.role != Some(pane) {
            continue;
        }
        lines.push(Line::default());
        lines.push(Line::styled(profile.name.clone(), theme.heading));
        lines.extend(wrapped(
            "",
            &profile.description,
            width,
            theme.text,
            theme.text,
        ));
        if let Some(reference) = &profile.reference {
            lines.extend(wrapped(
                "Reference: ",
                reference,
                width,
                theme.dim,
                theme.dim,
            ));
        }
        let changes: Vec<String> = profile
            .adjusted
            .iter()
            .map(|&c| {
                let c = &framework.competencies[c];
                format!("{} {}→{}", c.id, c.targets[base], c.targets[p])
            })
            .collect();
        if !changes.is_empty() {
            lines.extend(wrapped(
                &format!("Targets vs {}: ", framework.profiles[base].name),
                &changes.join(", "),
                width,
                theme.dim,
                theme.text,
            ));
        }
    }
    lines
}
