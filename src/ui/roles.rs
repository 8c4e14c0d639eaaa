//! One file because the Roles screen's panes, its flavours and the welcome share one layout, which switches between side by side and one role at a time by width.
//!
//! Roles screen: the two roles side by side (or one at a time when narrow), and the flavours
//! in the pane of the role they belong to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Drawn, Pane, Target, Theme, block, padded_inner, render_scrolled, text, wrapped};
use crate::app::App;
use crate::domain::Framework;
use crate::domain::framework::Role;
use crate::strings;

/// Below this width the panes are shown one at a time.
const SIDE_BY_SIDE_WIDTH: u16 = 90;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    let mut body = area;
    if let Some(crashed) = app.crashed() {
        // What happened last time, whole: the report's path is what the user needs from it.
        let width = usize::from(area.width.saturating_sub(4));
        let lines = text::wrap(crashed, width);
        body = banner(frame, area, " Last time ", lines, area.height / 2, theme);
    } else if let (true, Some(field)) = (app.name_in_welcome(), app.name_field()) {
        body = welcome_asking(frame, area, app, field, theme);
    } else if app.welcome() {
        let width = usize::from(area.width.saturating_sub(4));
        let room = usize::from(area.height / 3).saturating_sub(2);
        // The full welcome when it fits, else the short one, so no sentence is cut off.
        let mut lines = text::wrap(
            &strings::welcome_for(!app.framework().roles.is_empty()),
            width,
        );
        if lines.len() > room {
            lines = text::wrap(&strings::welcome_short(), width);
        }
        body = banner(frame, area, " Welcome ", lines, area.height / 3, theme);
    }
    let fw = app.framework();
    if fw.single_side() {
        drawn.roles[0] = Some(render_pane(frame, body, app, 0, theme));
        drawn.regions.pane(body, Pane::Roles(0));
    } else if body.width >= SIDE_BY_SIDE_WIDTH {
        if render_with_flavours_below(frame, body, app, theme, drawn) {
            return;
        }
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
}

/// The first-run welcome with the one thing it asks: the person's name, in a one-line field
/// that has the keyboard. The welcome's text gets shorter (or goes) on a small terminal; the
/// question and the field are always whole. Returns the rest of `area`.
fn welcome_asking(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    field: &crate::app::NameField,
    theme: &Theme,
) -> Rect {
    let width = usize::from(area.width.saturating_sub(4));
    let question = text::wrap(&super::person::question(app, field), width);
    // The question, the field and the borders are always whole; the welcome fills what a
    // half of the screen leaves.
    let room = usize::from(area.height / 2).saturating_sub(question.len() + 3);
    let mut welcome = text::wrap(&strings::welcome(), width);
    if welcome.len() > room {
        welcome = text::wrap(&strings::welcome_short(), width);
    }
    if welcome.len() > room {
        welcome.clear();
    }
    let mut lines: Vec<Line> = welcome.into_iter().map(Line::from).collect();
    lines.extend(question.into_iter().map(|l| Line::styled(l, theme.heading)));
    let height = (lines.len() as u16 + 3).min(area.height.saturating_sub(3));
    let [top, rest] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
    let outer = block(Span::styled(" Welcome ", theme.heading), true, theme);
    let inner = outer.inner(top).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(outer, top);
    let [words, field_row] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), words);
    super::person::render_field(frame, field_row, field, theme);
    rest
}

/// A box titled `title` at the top of `area` holding `lines` (at most `most` rows with its
/// border); returns the rest of `area`.
fn banner(
    frame: &mut Frame,
    area: Rect,
    title: &'static str,
    lines: Vec<String>,
    most: u16,
    theme: &Theme,
) -> Rect {
    let height = (lines.len() as u16 + 2).min(most);
    let [top, rest] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
    let block = block(Span::styled(title, theme.heading), false, theme);
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(
        ratatui::widgets::Paragraph::new(lines),
        inner.inner(ratatui::layout::Margin::new(1, 0)),
    );
    rest
}

fn pane_title<'a>(app: &App, pane: usize, narrow: bool, theme: &Theme) -> Line<'a> {
    let fw = app.framework();
    let name = fw.side_name(pane);
    let mut title = if shows_flavours(app, pane) && fw.two_role_shape() {
        format!(" {name} · flavours ")
    } else if shows_flavours(app, pane) {
        " Every profile ".to_string()
    } else {
        format!(" {name} ")
    };
    if narrow && !fw.single_side() {
        let other = fw.side_short(1 - pane);
        title = if pane == 0 {
            format!("{title}│ {other} ▶ ")
        } else {
            format!(" ◀ {other} │{title}")
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
    let lines = pane_lines(app, pane, usize::from(inner.width), theme);
    let keys = strings::roles_move_keys();
    render_scrolled(frame, inner, lines, app.roles().scroll[pane], Some(&keys))
}

/// The text of one pane at `width` (inside its border and padding).
fn pane_lines<'a>(app: &App, pane: usize, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let fw = app.framework();
    if shows_flavours(app, pane) && fw.two_role_shape() {
        flavour_lines(fw, pane, width, theme)
    } else if shows_flavours(app, pane) {
        all_profile_lines(fw, width, theme)
    } else if let (true, Some(role)) = (fw.two_role_shape(), fw.side_role(pane)) {
        role_lines(role, pane, fw, width, theme)
    } else {
        side_lines(fw, pane, width, theme)
    }
}

/// On a tall terminal, where both panes are shorter than the room: the panes as tall as the
/// longer one's text, and below them the flavours of the role that has them, side by side
/// from 160 columns, so the rows go to text rather than to empty panes. False (nothing drawn)
/// where there is no such room.
fn render_with_flavours_below(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    theme: &Theme,
    drawn: &mut Drawn,
) -> bool {
    let fw = app.framework();
    let pane = fw.flavour_pane();
    if app.roles().flavours || !fw.two_role_shape() || fw.flavours_of(pane).next().is_none() {
        return false;
    }
    let half = body.width / 2;
    let tallest = (0..2)
        .map(|p| pane_lines(app, p, usize::from(half.saturating_sub(4)), theme).len())
        .max()
        .unwrap_or(0) as u16
        + 2;
    let columns: u16 = if body.width >= 160 { 2 } else { 1 };
    let column_width = usize::from((body.width.saturating_sub(4) / columns).saturating_sub(2));
    let chunks = flavour_chunks(fw, pane, column_width, theme);
    // The flavours in order, each whole; in two columns, split where the longer column is
    // shortest.
    let joined = |chunks: &[Vec<Line<'static>>]| {
        let mut lines: Vec<Line<'static>> = Vec::new();
        for chunk in chunks {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.extend(chunk.iter().cloned());
        }
        lines
    };
    let at = if columns == 2 {
        (1..chunks.len())
            .min_by_key(|&k| joined(&chunks[..k]).len().max(joined(&chunks[k..]).len()))
            .unwrap_or(chunks.len())
    } else {
        chunks.len()
    };
    let split = [joined(&chunks[..at]), joined(&chunks[at..])];
    let needed = split.iter().map(Vec::len).max().unwrap_or(0) as u16 + 2;
    let room = body.height.saturating_sub(tallest);
    // Worth it when most of the flavours fit: their names and first lines at the least.
    if room < 8 || room < needed.min(12) {
        return false;
    }
    let [panes, below] =
        Layout::vertical([Constraint::Length(tallest), Constraint::Min(0)]).areas(body);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(panes);
    drawn.roles[0] = Some(render_pane(frame, left, app, 0, theme));
    drawn.roles[1] = Some(render_pane(frame, right, app, 1, theme));
    for (p, area) in [left, right].into_iter().enumerate() {
        drawn.regions.click(area, Target::RolesPane(p));
        drawn.regions.pane(area, Pane::Roles(p));
    }
    let below = Rect {
        height: below.height.min(needed),
        ..below
    };
    let title = strings::flavours_below(fw.side_name(pane));
    let block = block(Span::styled(title, theme.title), false, theme);
    let inner = padded_inner(frame, below, block);
    let areas = Layout::horizontal(vec![
        Constraint::Ratio(1, u32::from(columns));
        usize::from(columns)
    ])
    .spacing(2)
    .split(inner);
    let key = strings::flavours_key();
    for (lines, area) in split.into_iter().zip(areas.iter()) {
        render_scrolled(frame, *area, lines, 0, Some(&key));
    }
    true
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

/// Whether `pane` shows the flavours (or every profile) instead of its role.
fn shows_flavours(app: &App, pane: usize) -> bool {
    app.roles().flavours && pane == app.framework().flavour_pane()
}

/// A side in a framework of another shape than the built-in's: its role's prose when it has
/// one, its profile's description, and where the other roles and profiles are.
fn side_lines<'a>(
    framework: &Framework,
    pane: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let p = framework.main_profiles[pane];
    let profile = &framework.profiles[p];
    let mut lines = Vec::new();
    if let Some(role) = framework.side_role(pane) {
        if !role.essence.is_empty() {
            lines.extend(wrapped(
                "",
                &role.essence,
                width,
                theme.text,
                theme.emphasis,
            ));
        }
        if !role.description.is_empty() {
            section(&mut lines, "What the role is", theme);
            lines.extend(wrapped(
                "",
                &role.description,
                width,
                theme.text,
                theme.text,
            ));
        }
        if !role.activities.is_empty() {
            section(&mut lines, "Typical activities", theme);
            for activity in &role.activities {
                lines.extend(wrapped("• ", activity, width, theme.dim, theme.text));
            }
        }
        for (title, text) in [
            ("Time horizon", &role.horizon),
            ("Scope", &role.scope),
            ("In practice", &role.in_practice),
        ] {
            if !text.is_empty() {
                section(&mut lines, title, theme);
                lines.extend(wrapped("", text, width, theme.text, theme.text));
            }
        }
    }
    section(&mut lines, &format!("Profile: {}", profile.name), theme);
    if lines.first().is_some_and(|l| l.width() == 0) {
        lines.remove(0);
    }
    if !profile.description.is_empty() {
        lines.extend(wrapped(
            "",
            &profile.description,
            width,
            theme.text,
            theme.text,
        ));
    }
    let required = (0..framework.competencies.len())
        .filter(|&c| framework.requires(p, c))
        .count();
    lines.extend(wrapped(
        "",
        &format!(
            "Requires {required} of {} competencies.",
            framework.competencies.len()
        ),
        width,
        theme.dim,
        theme.dim,
    ));
    let others = framework.profiles.len() - if framework.single_side() { 1 } else { 2 };
    if others > 0 {
        section(&mut lines, "More profiles", theme);
        lines.extend(wrapped(
            "",
            &strings::more_profiles(others, framework.roles.len()),
            width,
            theme.text,
            theme.text,
        ));
    }
    lines
}

/// Every profile, grouped by role (those without a role last), with grade, short name and
/// description: how a framework with many roles or none keeps every profile reachable.
fn all_profile_lines<'a>(framework: &Framework, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let groups = framework
        .roles
        .iter()
        .enumerate()
        .map(|(r, role)| (Some(r), role.name.as_str()))
        .chain([(None, "Profiles without a role")]);
    for (role, title) in groups {
        let mut members: Vec<usize> = (0..framework.profiles.len())
            .filter(|&p| framework.profiles[p].role == role)
            .collect();
        if members.is_empty() {
            continue;
        }
        members.sort_by_key(|&p| (framework.profiles[p].grade, p));
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title.to_string(), theme.heading));
        for p in members {
            let profile = &framework.profiles[p];
            let grade = profile
                .grade
                .map_or(String::new(), |g| format!("grade {g} · "));
            let required = (0..framework.competencies.len())
                .filter(|&c| framework.requires(p, c))
                .count();
            lines.extend(wrapped(
                "• ",
                &format!(
                    "{} ({}) — {grade}requires {required}",
                    profile.name, profile.short
                ),
                width,
                theme.dim,
                theme.text,
            ));
            if !profile.description.is_empty() {
                lines.extend(wrapped(
                    "  ",
                    &profile.description,
                    width,
                    theme.text,
                    theme.dim,
                ));
            }
        }
    }
    lines
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
    for flavour in flavour_chunks(framework, pane, width, theme) {
        lines.push(Line::default());
        lines.extend(flavour);
    }
    lines
}

/// Each flavour of the role in `pane` as its own lines: name, description, reference, and
/// the targets it changes.
fn flavour_chunks<'a>(
    framework: &Framework,
    pane: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Vec<Line<'a>>> {
    let mut chunks = Vec::new();
    for (p, profile) in framework.profiles.iter().enumerate() {
        let Some(base) = profile.base else { continue };
        if profile.role != Some(pane) {
            continue;
        }
        let mut lines = vec![Line::styled(profile.name.clone(), theme.heading)];
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
        // Each change on its own line, named (a newcomer has not met the ids yet), the level
        // change first so a wrap never parts it from its competency.
        if !profile.adjusted.is_empty() {
            lines.push(Line::styled(
                format!("Targets vs {}:", framework.profiles[base].name),
                theme.dim,
            ));
            for &c in &profile.adjusted {
                let c = &framework.competencies[c];
                lines.extend(wrapped(
                    &format!("  {}→{} ", c.targets[base], c.targets[p]),
                    &format!("{} {}", c.id, c.name),
                    width,
                    theme.text,
                    theme.text,
                ));
            }
        }
        chunks.push(lines);
    }
    chunks
}
