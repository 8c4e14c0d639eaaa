//! Draws the team view from `&TeamView`: the people × competencies heatmap (a digit and a mark
//! per cell, never colour alone), the selected competency's bench depth with the team's largest
//! gaps, and the ranking for the chosen profile. Pure drawing; returns where the scrollable
//! parts ended up.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{UnicodeWidthStr, truncate};
use super::{MIN_SIZE, Theme, block, padded_inner, render_scrolled, rows_marker};
use crate::input::{self, Show};
use crate::team::state::{TeamDrawn, TeamMode, TeamView};
use crate::text::display_safe;
use heatmap::{one_decimal, render_heatmap};
use names::fit_distinct;

mod heatmap;
mod names;

/// From this inner width the ranking has a Plan column (a name keeps 16 columns beside it);
/// below it the column gives way before names are cut further.
const PLAN_FROM: usize = 28 + 16;
/// From this width the panels beside the heatmap are wider, with room for the Plan column.
const WIDE_SIDE: u16 = 150;
/// What the Plan column's figures mean, on the ranking's lower border.
const PLAN_LEGEND: &str = " Plan: open/overdue! ";
/// From this width the ranking and the competency sit beside the heatmap.
const SIDE_BY_SIDE: u16 = 110;

/// Draws the whole team view.
pub fn draw(frame: &mut Frame, view: &TeamView) -> TeamDrawn {
    let area = frame.area();
    let theme = Theme::new(view.color(), view.background());
    let mut drawn = view.drawn();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let message = crate::strings::team_too_small(MIN_SIZE, (area.width, area.height));
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
        READ_ONLY.width() as u16
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
            let used = 9 + view.search().map_or(0, crate::text::width) as u16;
            Rect {
                x: left.x + used.min(left.width),
                width: left.width.saturating_sub(used),
                ..left
            }
        } else {
            left
        };
        let shown = truncate(
            &display_safe(&notice.to_string()),
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
    let width_of = |(keys, short): &(String, &str)| keys.width() + short.width() + 4;
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
