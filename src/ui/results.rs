//! Results screen: verdict and reasons, the PM ◀──●──▶ PMO spectrum, fit per profile, the
//! per-area chart, and the gap table with the development plan; what-if and the plan editor.
//!
//! Longer than most files: the Results screen has five panels (summary, areas, gaps, the plan
//! editor, the round label) that share its layout rules; each is its own function.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell as TableCell, Clear, Paragraph, Row, Table};

use super::grid::band_style;
use super::{
    Drawn, Pane, Target, Theme, block, hint_line, keep_in_view, render_scrolled, rows_marker,
    scroll_keys, text, title_lines, wrapped,
};
use crate::app::results::ResultRow;
use crate::app::{App, LowerView, Mode, PlanEditor, PlanField};
use crate::domain::Screen;
use crate::domain::scoring::{self, Band};
use crate::domain::verdict;
use crate::strings;

/// Width from which the verdict and the areas sit side by side above the gap table.
const SIDE_BY_SIDE_WIDTH: u16 = 160;

/// Gap rows the table must have room for before the areas chart and the gap table are shown
/// together; with less, `v` switches between them.
const MIN_GAP_ROWS: u16 = 6;

/// Fewest rows (borders included) the verdict panel keeps when it gives way to the areas and
/// the gaps: the verdict, what to do next and a line or two more, then a scroll marker.
const MIN_SUMMARY_ROWS: u16 = 8;

/// Height of the areas chart: a row per area (at most 12), its header and borders.
fn areas_height(app: &App) -> u16 {
    app.framework().areas.len().min(12) as u16 + 3
}

/// Whether a lower part `height` rows tall shows the areas and the gap table together: room
/// for the chart and, below it, the table's borders, header and `MIN_GAP_ROWS` rows.
fn stacks(app: &App, height: u16) -> bool {
    height >= areas_height(app) + 3 + MIN_GAP_ROWS
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    if area.width >= SIDE_BY_SIDE_WIDTH && render_side_by_side(frame, area, app, theme, drawn) {
        return;
    }
    let width = usize::from(area.width.saturating_sub(4));
    let max_lines = usize::from(area.height / 2).saturating_sub(2);
    let mut said = summary_lines(app, width, true, theme);
    let below = |lines: usize| area.height.saturating_sub(lines as u16 + 2);
    if said.lines.len() > max_lines {
        // Short of room: name the telling competencies by id only.
        said = summary_lines(app, width, false, theme);
    } else if !stacks(app, below(said.lines.len())) {
        // Ids only, if that leaves room for the areas and the gaps together.
        let short = summary_lines(app, width, false, theme);
        if stacks(app, below(short.lines.len())) {
            said = short;
        }
    }
    // The verdict panel always holds what the user decides by, down to both main profiles'
    // readiness (README: Using it); the rest of it scrolls.
    let must = said.must as u16 + 2;
    let all = said.lines.len() as u16 + 2;
    let mut summary_height = all.min(area.height / 2).max(must);
    // Verdict, areas and gaps together whenever a verdict panel of `MIN_SUMMARY_ROWS` (and of
    // what it must hold) still fits: the panel scrolls (with markers) for the rest.
    let room = area
        .height
        .saturating_sub(areas_height(app) + 3 + MIN_GAP_ROWS);
    if !stacks(app, area.height.saturating_sub(summary_height))
        && room >= MIN_SUMMARY_ROWS.max(must)
    {
        summary_height = summary_height.min(room);
    }
    if !stacks(app, area.height.saturating_sub(summary_height)) {
        // One lower panel: the panel takes what the gap table (or the areas) leaves beyond
        // its header and `MIN_GAP_ROWS` rows, and at least what it must hold.
        let lower = 3 + MIN_GAP_ROWS.min(area.height.saturating_sub(must + 3));
        summary_height = all.min(area.height.saturating_sub(lower)).max(must);
    }
    let summary_height = summary_height.min(area.height.saturating_sub(3));
    let (summary_lines, target_line) = (said.lines, said.target_line);
    let [top, rest] =
        Layout::vertical([Constraint::Length(summary_height), Constraint::Min(3)]).areas(area);
    render_verdict(frame, top, app, (summary_lines, target_line), theme, drawn);
    if stacks(app, rest.height) {
        let [areas, gaps] =
            Layout::vertical([Constraint::Length(areas_height(app)), Constraint::Min(3)])
                .areas(rest);
        drawn.results_areas = Some((render_areas(frame, areas, app, true, theme), false));
        drawn.gaps_offset = render_gaps(frame, gaps, app, true, theme, drawn);
    } else {
        match app.results().view {
            LowerView::Areas => {
                drawn.results_areas = Some((render_areas(frame, rest, app, false, theme), true));
            }
            LowerView::Gaps => {
                drawn.gaps_offset = render_gaps(frame, rest, app, false, theme, drawn)
            }
        }
    }
    render_overlays(frame, app, theme, drawn);
}

/// On a wide terminal, the verdict and the areas side by side above the gap table, so the
/// table has the height; false (nothing drawn) where they do not fit that way.
fn render_side_by_side(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    drawn: &mut Drawn,
) -> bool {
    let [left, _] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let said = summary_lines(app, usize::from(left.width.saturating_sub(4)), true, theme);
    let lower = 3 + MIN_GAP_ROWS;
    let band = (said.lines.len() as u16 + 2)
        .max(areas_height(app))
        .min(area.height.saturating_sub(lower));
    if band < (said.must as u16 + 2).max(areas_height(app)) {
        return false;
    }
    let [band_area, gaps] =
        Layout::vertical([Constraint::Length(band), Constraint::Min(lower)]).areas(area);
    let [verdict, areas] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(band_area);
    render_verdict(
        frame,
        verdict,
        app,
        (said.lines, said.target_line),
        theme,
        drawn,
    );
    drawn.results_areas = Some((render_areas(frame, areas, app, true, theme), false));
    drawn.gaps_offset = render_gaps(frame, gaps, app, true, theme, drawn);
    render_overlays(frame, app, theme, drawn);
    true
}

/// The verdict panel: its lines (scrolled, with markers naming the keys), and which of them
/// holds the target profile (brought into view after `t`).
fn render_verdict(
    frame: &mut Frame,
    top: Rect,
    app: &App,
    (summary_lines, target_line): (Vec<Line<'_>>, usize),
    theme: &Theme,
    drawn: &mut Drawn,
) {
    let title = if app.what_if() {
        Span::styled(strings::what_if_title(), theme.warning)
    } else {
        Span::styled(strings::person::verdict_title(app.voice()), theme.title)
    };
    let summary_block = block(title, false, theme);
    let inner = summary_block.inner(top);
    frame.render_widget(summary_block, top);
    // When the panel cannot hold it all (readiness of many profiles, a small terminal), it
    // scrolls, with markers naming the keys, so no profile is hidden without a sign.
    let mut scroll = app.results().summary_scroll;
    if app.results().reveal_target {
        // `t` chose a profile: bring its line into view, moving no further than needed.
        let height = usize::from(inner.height).max(1);
        scroll = scroll.clamp((target_line + 1).saturating_sub(height), target_line);
    }
    drawn.regions.pane(top, Pane::Verdict);
    drawn.results_summary = Some(render_scrolled(
        frame,
        inner.inner(ratatui::layout::Margin::new(1, 0)),
        summary_lines,
        scroll,
        Some(&scroll_keys(Screen::Results)),
    ));
}

/// The plan editor and the round label, over the screen.
fn render_overlays(frame: &mut Frame, app: &App, theme: &Theme, drawn: &mut Drawn) {
    if app.plan_editor().is_some() {
        drawn.regions.overlay = Some(render_plan(frame, frame.area(), app, theme));
    }
    if let Some(label) = &app.round_label() {
        drawn.regions.overlay = Some(render_round_label(frame, frame.area(), app, label, theme));
    }
}

fn render_round_label(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    label: &ratatui_textarea::TextArea<'static>,
    theme: &Theme,
) -> Rect {
    let width = area.width.saturating_sub(4).min(64);
    // The intro as wrapped to the popup's text width, the field (a border above and below
    // the one line typed in), the hint, and the popup's own two borders.
    let intro_lines = wrapped(
        "",
        strings::ROUND_INTRO,
        usize::from(width.saturating_sub(4)),
        theme.text,
        theme.text,
    );
    let intro_height = intro_lines.len() as u16;
    // The keys wrap rather than being cut on a narrow terminal.
    let hint_lines: Vec<Line> = text::wrap(
        &hint_line(Mode::RoundLabel, &app.framework().scale),
        usize::from(width.saturating_sub(4)),
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.dim))
    .collect();
    let hint_height = hint_lines.len() as u16;
    let height = (intro_height + 3 + hint_height + 2).min(area.height);
    let target = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, target);
    let frame_block = block(
        Span::styled(
            format!(" Close round {} ", app.assessment().history.len() + 1),
            theme.title,
        ),
        true,
        theme,
    );
    let inner = frame_block
        .inner(target)
        .inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(frame_block, target);
    let [intro, field, hint] = Layout::vertical([
        Constraint::Length(intro_height),
        Constraint::Length(3),
        Constraint::Length(hint_height),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(intro_lines), intro);
    let mut label = label.clone();
    label.set_cursor_line_style(Style::new());
    label.set_block(block(Span::styled(" Label ", theme.dim), true, theme));
    frame.render_widget(&label, field);
    frame.render_widget(Paragraph::new(hint_lines), hint);
    target
}

/// "▁▃▆" for a series of fits (0–100), one glyph per value; "·" where there is none.
fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| {
            v.map_or('·', |v| {
                BARS[((v / 100.0) * 7.0).round().clamp(0.0, 7.0) as usize]
            })
        })
        .collect()
}

fn trend_line<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let trend = &app.derived().trend;
    if trend.len() < 2 {
        return Vec::new();
    }
    let fw = app.framework();
    let parts: Vec<String> = (0..2)
        .map(|r| {
            let series: Vec<Option<f64>> = trend.iter().map(|fits| fits[r]).collect();
            let first = series.iter().flatten().next();
            let last = series.last().copied().flatten();
            let ends = match (first, last) {
                (Some(a), Some(b)) => format!(" {a:.0}%→{b:.0}%"),
                _ => String::new(),
            };
            format!("{} {}{ends}", fw.side_short(r), sparkline(&series))
        })
        .collect();
    let rounds = trend.len() - 1;
    wrapped(
        &format!(
            "Trend over {rounds} round{} and now: ",
            if rounds == 1 { "" } else { "s" }
        ),
        &parts.join(" · "),
        width,
        theme.dim,
        theme.text,
    )
}

/// "Leans PMO Manager", "Too early to tell: rate 5 more" and friends.
pub fn verdict_text(app: &App) -> String {
    let summary = &app.results().summary;
    verdict::headline(
        app.framework(),
        &summary.figures.lean,
        summary.figures.rated_on_scale,
    )
}

/// A bar of `cells` squares: a full square per filled cell, a small one for half a cell, dots
/// for the rest. Squares keep bars on consecutive rows apart and read without colour.
fn bar(value: f64, max: f64, cells: usize) -> String {
    let filled = ((value / max).clamp(0.0, 1.0) * cells as f64 * 2.0).round() as usize;
    let mut out = "■".repeat((filled / 2).min(cells));
    if filled % 2 == 1 && out.chars().count() < cells {
        out.push('▪');
    }
    let used = out.chars().count();
    out.push_str(&"·".repeat(cells - used));
    out
}

/// The verdict panel's lines, which of them marks the target profile, and how many of them
/// the panel must show whatever the terminal (down to both main profiles' readiness).
struct Said<'a> {
    lines: Vec<Line<'a>>,
    target_line: usize,
    must: usize,
}

/// The verdict panel's lines.
fn summary_lines<'a>(app: &App, width: usize, with_names: bool, theme: &Theme) -> Said<'a> {
    let mut lines = what_if_lines(app, width, theme);
    if !app.framework().axis {
        // No axis, no lean: the answer is the ranking, best first, and the grades.
        let figures = &app.results().summary.figures;
        lines.extend(title_lines(
            verdict::RANKING_TITLE.to_string(),
            format!(
                "based on {} of {} rated",
                figures.rated_on_scale,
                app.framework().competencies.len()
            ),
            width,
            theme,
        ));
        // The ranking first (its top two are what the user decides by), then the grades.
        let order = scoring::ranking(&figures.readiness);
        let fits = fit_lines(app, &order, width, theme);
        let target_line = lines.len() + fits.target_line;
        let must = lines.len() + fits.must;
        lines.extend(fits.lines);
        lines.extend(grade_lines(app, width, theme));
        lines.extend(super::calibration::pattern_lines(app, width, theme));
        lines.extend(trend_line(app, width, theme));
        return Said {
            lines,
            target_line,
            must,
        };
    }
    // What the user decides by first: the verdict, where it sits and how sure it is, then
    // readiness per profile (both main profiles first), then what to do next and what it
    // rests on.
    lines.extend(verdict_lines(app, width, theme));
    let fw = app.framework();
    let mut order: Vec<usize> = fw.main_profiles.to_vec();
    order.dedup();
    order.extend((0..fw.profiles.len()).filter(|p| !fw.main_profiles.contains(p)));
    let fits = fit_lines(app, &order, width, theme);
    let target_line = lines.len() + fits.target_line;
    let must = lines.len() + fits.must;
    lines.extend(fits.lines);
    lines.extend(next_step_lines(app, width, theme));
    lines.extend(reason_lines(app, width, with_names, theme));
    lines.extend(super::calibration::pattern_lines(app, width, theme));
    lines.extend(second_opinion_lines(app, width, theme));
    lines.extend(trend_line(app, width, theme));
    lines.extend(grade_lines(app, width, theme));
    Said {
        lines,
        target_line,
        must,
    }
}

/// The calibration summary against each reviewer (or, in a review file, against the person's
/// own ratings): "You rate yourself higher than Sam on 6 competencies, lower on 2; 3 differ by
/// two levels or more — talk about these."
fn second_opinion_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if let Some(r) = crate::review::reviewing(app.assessment()) {
        lines.extend(wrapped(
            "",
            &crate::review::strings::reviewing(&r),
            width,
            theme.emphasis,
            theme.emphasis,
        ));
    }
    for c in crate::review::calibrations(app.framework(), app.assessment()) {
        let style = if c.talk.is_empty() {
            theme.text
        } else {
            theme.emphasis
        };
        let sentence = app.rater_voice().say(&c.sentence());
        lines.extend(wrapped("", &sentence, width, style, style));
    }
    lines
}

/// Under a what-if, the fits it moved, before → after ("PMO Manager 64% → 71%").
fn what_if_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let Some(before) = app.what_if_before() else {
        return Vec::new();
    };
    let fw = app.framework();
    let after = &app.results().summary.figures.readiness;
    let rounded = |p: Option<f64>| p.map(|p| p.round() as i64);
    let moved: Vec<String> = fw
        .profiles
        .iter()
        .zip(before.iter().zip(after))
        .filter(|(_, (b, a))| rounded(b.percent) != rounded(a.percent))
        .map(|(profile, (b, a))| strings::fit_moved(&profile.name, b.percent, a.percent))
        .collect();
    let changes = app.what_if_changes().len();
    let body = if moved.is_empty() {
        strings::WHAT_IF_NO_MOVE.to_string()
    } else {
        moved.join(" · ")
    };
    wrapped(
        &format!("What-if ({changes} changed): "),
        &body,
        width,
        theme.warning,
        theme.text,
    )
}

/// The verdict, where it sits and how firm it is (the sentences every report says, from
/// `domain::verdict`; the keys are the screen's to add).
fn verdict_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let summary = &app.results().summary;
    let said = verdict::explain(app.framework(), &summary.figures);
    let mut lines = Vec::new();
    if summary.figures.rated_on_scale == 0 {
        lines.extend(wrapped(
            "",
            &said.headline,
            width,
            theme.heading,
            theme.heading,
        ));
        return lines;
    }
    lines.extend(title_lines(said.headline, said.based_on, width, theme));
    let lean = &summary.figures.lean;
    if let Some(position) = lean.position.filter(|_| lean.outcome.has_shape()) {
        lines.push(spectrum_line(app, position, width, theme));
    }
    if let Some(firmness) = said.firmness {
        let style = if said.firm { theme.dim } else { theme.emphasis };
        let firmness = app.voice().say(&firmness);
        lines.extend(wrapped("", &firmness, width, style, style));
    }
    lines
}

/// What to do next (naming the profile of the gap table) and, for ratings low on the scale,
/// what the verdict compares.
fn next_step_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let summary = &app.results().summary;
    if summary.figures.rated_on_scale == 0 {
        return Vec::new();
    }
    let said = verdict::explain(app.framework(), &summary.figures);
    // Someone else reading about the person reads "their", not "your".
    let voice = app.voice();
    let next = format!(
        "{} {}",
        voice.say(&said.next_step),
        strings::gaps_key_hint()
    );
    let mut lines = wrapped("", &next, width, theme.text, theme.text);
    if let Some(junior) = said.junior {
        let junior = voice.say(&junior);
        lines.extend(wrapped("", &junior, width, theme.emphasis, theme.emphasis));
    }
    lines
}

/// "Most telling": the competencies that moved this user's position most, each with its
/// direction and why; a flat profile says it has none. Then the closest flavour, or that none
/// fits.
fn reason_lines<'a>(app: &App, width: usize, with_names: bool, theme: &Theme) -> Vec<Line<'a>> {
    let summary = &app.results().summary;
    let said = verdict::explain(app.framework(), &summary.figures);
    let mut lines = Vec::new();
    if summary.figures.rated_on_scale == 0 || !summary.figures.lean.outcome.has_shape() {
        return lines;
    }
    // "DP1: they 5, above their average…" when someone else reads them.
    let voice = app.voice();
    if let Some(none) = said.no_reasons {
        let none = voice.say(none);
        lines.extend(wrapped(
            "Most telling: ",
            &none,
            width,
            theme.dim,
            theme.text,
        ));
    }
    for (i, reason) in said.reasons.iter().enumerate() {
        let prefix = if i == 0 { "Most telling: " } else { "  " };
        lines.extend(wrapped(
            prefix,
            &voice.say(&reason.sentence(with_names)),
            width,
            theme.dim,
            theme.text,
        ));
    }
    if let Some(flavour) = said.flavour {
        let flavour = voice.say(&flavour);
        lines.extend(wrapped("", &flavour, width, theme.text, theme.text));
    }
    lines
}

/// Readiness per profile, under a line that says what its marks mean.
struct Fits<'a> {
    lines: Vec<Line<'a>>,
    /// The line of the target profile.
    target_line: usize,
    /// The lines down to the second profile of `order` (the two main ones, or the two first
    /// of a ranking).
    must: usize,
}

/// Readiness per profile in `order` as bars with "k/n" coverage, the target profile marked
/// "▸", provisional figures marked "?", under a legend of those marks; two to a line when
/// every name fits whole that way, else one.
fn fit_lines<'a>(app: &App, order: &[usize], width: usize, theme: &Theme) -> Fits<'a> {
    let fw = app.framework();
    let summary = &app.results().summary;
    let provisional = order
        .iter()
        .any(|&p| summary.figures.readiness[p].provisional());
    let mut lines = wrapped(
        "",
        &strings::readiness_legend(provisional, width),
        width,
        theme.dim,
        theme.dim,
    );
    let longest = order
        .iter()
        .map(|&p| text::UnicodeWidthStr::width(fw.profiles[p].name.as_str()))
        .max()
        .unwrap_or(10);
    let bar_cells = 8;
    let fixed = 1 + 1 + bar_cells + 5 + 9;
    // Names are never cut where one to a line holds them.
    let two_columns = width >= 2 * (longest + fixed) + 4;
    let name_width = longest.min(width.saturating_sub(fixed)).max(4);
    // A ranking reads top to bottom, one profile a line.
    let per_line = if two_columns && fw.axis { 2 } else { 1 };
    let entries: Vec<Vec<Span>> = order
        .iter()
        .map(|&p| (p, &fw.profiles[p]))
        .map(|(p, profile)| {
            let fit = summary.figures.readiness[p];
            let coverage = format!(
                " {:>7}",
                format!(
                    "{}/{}{}",
                    fit.rated,
                    fit.required,
                    if fit.provisional() { "?" } else { "" }
                )
            );
            let marker = if p == app.target_profile() {
                "▸"
            } else {
                " "
            };
            let name = format!(
                "{marker}{:<name_width$} ",
                text::truncate(&profile.name, name_width)
            );
            let style = if p == app.target_profile() {
                theme.emphasis
            } else {
                theme.text
            };
            match fit.percent {
                Some(percent) => vec![
                    Span::styled(name, style),
                    Span::styled(bar(percent, 100.0, bar_cells), style),
                    Span::styled(format!(" {percent:>3.0}%"), style),
                    Span::styled(coverage, theme.dim),
                ],
                None => vec![
                    Span::styled(name, style),
                    Span::styled(format!("{:<13}", "no basis yet"), theme.dim),
                    Span::styled(coverage, theme.dim),
                ],
            }
        })
        .collect();
    let legend = lines.len();
    for chunk in entries.chunks(per_line) {
        let mut spans = Vec::new();
        for (i, entry) in chunk.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("    "));
            }
            spans.extend(entry.iter().cloned());
        }
        lines.push(Line::from(spans));
    }
    let target_at = order
        .iter()
        .position(|&p| p == app.target_profile())
        .unwrap_or(0);
    Fits {
        lines,
        target_line: legend + target_at / per_line,
        must: legend + 2.min(order.len()).div_ceil(per_line),
    }
}

/// Per role with graded profiles: the highest grade met and the next step.
fn grade_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let fw = app.framework();
    let readiness = &app.results().summary.figures.readiness;
    let mut lines = Vec::new();
    for step in scoring::grade_steps(fw, readiness) {
        lines.extend(wrapped(
            &format!("{}: ", fw.roles[step.role].name),
            &strings::grade_answer(fw, readiness, &step),
            width,
            theme.dim,
            theme.text,
        ));
    }
    lines
}

fn spectrum_line<'a>(app: &App, position: f64, width: usize, theme: &Theme) -> Line<'a> {
    let fw = app.framework();
    let left = format!("{} ◀", fw.side_short(0));
    let right = format!("▶ {}", fw.side_short(1));
    let ends = crate::text::width(&left) + crate::text::width(&right) + 2;
    // The band's meaning beside the spectrum, where the track keeps 21 cells with it.
    let legend = format!("  {}", strings::NO_LEAN_BAND);
    let legend_width = crate::text::width(&legend);
    let legend = if width >= ends + legend_width + 21 {
        legend
    } else {
        String::new()
    };
    let track = width
        .saturating_sub(ends + crate::text::width(&legend))
        .clamp(11, 61);
    // The track runs from the first role (position 1) on the left to the second (position 0)
    // on the right; a shape beyond either profile's own sits at the end.
    let at = |p: f64| (1.0 - p.clamp(0.0, 1.0)) * (track - 1) as f64;
    let marker = at(position).round() as usize;
    // The no-lean band between the two thresholds.
    let (band_from, band_to) = (at(scoring::LEANS_PM_AT), at(scoring::LEANS_PMO_AT));
    let line: String = (0..track)
        .map(|i| {
            if i == marker {
                '●'
            } else if (band_from..=band_to).contains(&(i as f64)) {
                '═'
            } else {
                '─'
            }
        })
        .collect();
    Line::from(vec![
        Span::styled(left, theme.title.patch(theme.first_role)),
        Span::styled(line, theme.text),
        Span::styled(right, theme.title.patch(theme.second_role)),
        Span::styled(legend, theme.dim),
    ])
}

fn level_cell(value: Option<f64>, top: f64, cells: usize) -> String {
    match value {
        Some(v) => format!("{} {}", bar(v, top, cells), verdict::one_decimal(v)),
        None => format!("{:<cells$} ·", ""),
    }
}

/// Draws the areas chart from the row the app asks for (when it is alone, the moves scroll it)
/// with the rows above and below counted on its border; returns the first row shown.
fn render_areas(frame: &mut Frame, area: Rect, app: &App, stacked: bool, theme: &Theme) -> usize {
    let fw = app.framework();
    // Beside your level, the two sides' targets; without an axis (a ranking of profiles), the
    // profile the gaps are measured against and the next one, as on the Grid.
    let sides = if fw.axis {
        fw.main_profiles
    } else {
        crate::ui::grid::target_columns(app)
    };
    let block = block(areas_title(app, sides, stacked, theme), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = inner.inner(ratatui::layout::Margin::new(1, 0));
    let headings = [
        strings::person::you_column(app.voice()),
        format!("{} target", fw.profiles[sides[0]].short),
        format!("{} target", fw.profiles[sides[1]].short),
        format!("Ready {}", fw.profiles[app.target_profile()].short),
    ];
    let columns = AreaColumns::fit(app, &headings, inner.width);
    let header = areas_header(app, sides, &headings, &columns, theme);
    let height = usize::from(inner.height.saturating_sub(1));
    let top = if stacked {
        0
    } else {
        app.results()
            .areas_scroll
            .min(fw.areas.len().saturating_sub(height))
    };
    let rows = (0..fw
        .areas
        .len()
        .min(app.results().summary.figures.areas.len()))
        .skip(top)
        .take(height)
        .map(|index| area_row(app, sides, index, &columns, theme));
    let widths = [
        Constraint::Length(columns.name as u16),
        Constraint::Length(columns.levels[0] as u16),
        Constraint::Length(columns.levels[1] as u16),
        Constraint::Length(columns.levels[2] as u16),
        Constraint::Length(columns.levels[3] as u16),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(2),
        inner,
    );
    let below = fw.areas.len().saturating_sub(top + height);
    rows_marker(frame, area, top, below);
    top
}

/// The areas chart's title: whom you are set against, and (beside the gaps) the key that
/// switches to them.
fn areas_title<'a>(app: &App, sides: [usize; 2], stacked: bool, theme: &Theme) -> Line<'a> {
    let fw = app.framework();
    let heading = if fw.two_role_shape() {
        " Areas: you against both roles' targets ".to_string()
    } else {
        format!(
            " Areas: you against {} and {} ",
            fw.profiles[sides[0]].short, fw.profiles[sides[1]].short
        )
    };
    let heading = strings::person::who_against(app.voice(), &heading);
    let mut title = vec![Span::styled(heading, theme.title)];
    if !stacked {
        title.push(Span::styled(strings::areas_for_gaps(), theme.dim));
    }
    Line::from(title)
}

/// The areas chart's column widths.
struct AreaColumns {
    /// The area names'.
    name: usize,
    /// The bars' length in cells.
    cells: usize,
    /// Your level, the two sides' targets, and the readiness.
    levels: [usize; 4],
}

impl AreaColumns {
    /// Columns sized to what they hold: the area names as long as the longest, each level
    /// column as wide as its heading where there is room (else the heading is cut with "…"),
    /// and the bars as long as the width left allows, from 5 to 20 cells.
    fn fit(app: &App, headings: &[String; 4], width: u16) -> AreaColumns {
        let fw = app.framework();
        let heading_width = |i: usize| text::UnicodeWidthStr::width(headings[i].as_str());
        let longest = fw
            .areas
            .iter()
            .map(|a| text::UnicodeWidthStr::width(a.name.as_str()))
            .max()
            .unwrap_or(10)
            // The name column is never narrower than this, so the others are sized to what it leaves.
            .max(8);
        let avail = usize::from(width).saturating_sub(4 * 2);
        let ready_least = 5;
        let cells = (avail.saturating_sub(longest + heading_width(3).max(ready_least)) / 3)
            .saturating_sub(4)
            .clamp(5, 20);
        let level_width = cells + 4;
        let want = [
            level_width,
            level_width.max(heading_width(1)),
            level_width.max(heading_width(2)),
            heading_width(3).max(ready_least),
        ];
        let least = [level_width, level_width, level_width, ready_least];
        // The area names whole first; what is left widens the headings towards their length, so a
        // long profile name is cut with "…" before an area's name is.
        let levels = if want.iter().sum::<usize>() + longest <= avail {
            want
        } else {
            let mut spare = avail.saturating_sub(least.iter().sum::<usize>() + longest);
            let mut columns = least;
            for (column, wanted) in columns.iter_mut().zip(want) {
                let more = wanted.saturating_sub(*column).min(spare);
                *column += more;
                spare -= more;
            }
            columns
        };
        let name = longest
            .min(avail.saturating_sub(levels.iter().sum::<usize>()))
            .max(8);
        AreaColumns {
            name,
            cells,
            levels,
        }
    }
}

/// The areas chart's header row, each heading cut to its column.
fn areas_header<'a>(
    app: &App,
    sides: [usize; 2],
    headings: &[String; 4],
    columns: &AreaColumns,
    theme: &Theme,
) -> Row<'a> {
    let fw = app.framework();
    let shorter = [
        headings[0].clone(),
        fw.profiles[sides[0]].short.clone(),
        fw.profiles[sides[1]].short.clone(),
        "Ready".to_string(),
    ];
    Row::new(
        std::iter::once(TableCell::from("Area"))
            .chain(
                headings
                    .iter()
                    .zip(&shorter)
                    .zip(columns.levels)
                    .map(|((h, short), w)| {
                        // Too narrow for the whole heading: its first words ("PMO lead",
                        // "Ready"), else cut with "…".
                        let h = if text::UnicodeWidthStr::width(h.as_str()) <= w {
                            h
                        } else {
                            short
                        };
                        TableCell::from(text::truncate(h, w))
                    }),
            )
            .collect::<Vec<_>>(),
    )
    .style(theme.heading)
}

/// One area's row of the chart: its name, your level, the two sides' targets, the readiness.
fn area_row<'a>(
    app: &App,
    sides: [usize; 2],
    index: usize,
    columns: &AreaColumns,
    theme: &Theme,
) -> Row<'a> {
    let fw = app.framework();
    let summary = &app.results().summary;
    let (a, levels) = (&fw.areas[index], &summary.figures.areas[index]);
    let scale_top = f64::from(fw.scale.last().value());
    let cells = columns.cells;
    let fit = summary.figures.area_readiness_for_target(index).percent;
    // A side that requires nothing in the area has no average target there.
    let side_target = |side: usize| {
        let p = sides[side];
        a.competencies.clone().any(|c| fw.requires(p, c)).then(|| {
            if p == fw.main_profiles[side] {
                levels.targets[side]
            } else {
                crate::domain::scoring::area_target(fw, app.sheet(), index, p)
            }
        })
    };
    Row::new(vec![
        TableCell::from(text::truncate(&a.name, columns.name)),
        TableCell::from(level_cell(levels.level, scale_top, cells)).style(theme.emphasis),
        TableCell::from(level_cell(side_target(0), scale_top, cells)).style(theme.first_role),
        TableCell::from(level_cell(side_target(1), scale_top, cells)).style(theme.second_role),
        TableCell::from(fit.map_or(String::new(), |f| format!("{f:>3.0}%"))),
    ])
}

/// "▼▼ gap" style labels: a glyph and a word, never colour alone.
fn band_label(band: Option<Band>) -> String {
    match band {
        Some(Band::Gap) => "▼▼ gap".into(),
        Some(Band::TopUp) => "▼ top-up".into(),
        Some(Band::Meets) => "✓ meets".into(),
        Some(Band::Strength) => "▲ above".into(),
        None => "— (no level)".into(),
    }
}

/// Draws the gap table; returns its first row shown, if it has rows.
fn render_gaps(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    stacked: bool,
    theme: &Theme,
    drawn: &mut Drawn,
) -> Option<usize> {
    let state = app.results();
    let summary = &state.summary;
    let title = text::fit_line(
        gaps_title(app, stacked, theme),
        usize::from(area.width.saturating_sub(2)),
    );
    let block = block(title, true, theme);

    let inner = block.inner(area);
    frame.render_widget(block, area);
    if summary.rows.is_empty() {
        render_no_gaps(frame, inner, app, theme);
        return None;
    }
    let header = Row::new(vec![
        TableCell::from(" Competency"),
        TableCell::from(strings::person::you_narrow(app.voice())),
        TableCell::from("Target"),
        TableCell::from("Band"),
        TableCell::from(strings::person::plan_column(app.voice())),
    ])
    .style(theme.heading);
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = keep_in_view(
        state.offset,
        state.selected,
        summary.rows.len(),
        height,
        |_| 1,
    );
    let (name_width, band_width, plan_width) = gap_widths(app, offset, height, inner.width);
    let rows = summary
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| gap_row(app, i, row, (name_width, plan_width), theme));
    let widths = [
        Constraint::Length(name_width as u16),
        Constraint::Length(3),
        Constraint::Length(6),
        Constraint::Length(band_width as u16),
        Constraint::Length(plan_width as u16),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
    );
    gap_clicks(
        drawn,
        area,
        inner,
        offset,
        summary.rows.len().saturating_sub(offset).min(height),
    );
    // Rows above and below the window are counted on the bottom border, clear of the title.
    let below = summary.rows.len().saturating_sub(offset + height);
    rows_marker(frame, area, offset, below);
    Some(offset)
}

/// What the gap table says when it has no rows: that nothing is rated yet, or that no row
/// is left to show.
fn render_no_gaps(frame: &mut Frame, inner: Rect, app: &App, theme: &Theme) {
    let message = if app.results().summary.figures.rated_on_scale == 0 {
        verdict::NO_RATINGS.to_string()
    } else {
        strings::no_rows()
    };
    frame.render_widget(
        Paragraph::new(wrapped(
            " ",
            &message,
            usize::from(inner.width),
            theme.dim,
            theme.dim,
        )),
        inner,
    );
}

/// The gap table's competency, band and plan column widths for the rows from `offset`.
fn gap_widths(app: &App, offset: usize, height: usize, width: u16) -> (usize, usize, usize) {
    let summary = &app.results().summary;
    // Columns sized to what they hold: the band as wide as its widest label, the competency
    // as wide as its longest id and name (as far as the plan keeps its heading), and the
    // plan with the rest.
    // The bands by their widest label; the names by the framework's longest (worked out once,
    // so the columns stay put as the table scrolls); the plans by the rows in view.
    let band_width = summary
        .rows
        .iter()
        .map(|r| text::UnicodeWidthStr::width(band_label(r.band).as_str()))
        .max()
        .unwrap_or(4)
        .max(4);
    let longest = app.grid().longest_name.saturating_sub(2);
    let plan_want = summary
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|r| text::UnicodeWidthStr::width(plan_cell(app, r.competency).as_str()))
        .max()
        .unwrap_or(0)
        .max("Your plan".len());
    let fixed = 3 + 6 + band_width + 4;
    // Both whole where they fit; else the plans keep what they need of the width left, up to
    // two fifths of it.
    let room = usize::from(width).saturating_sub(fixed);
    let name_width = longest
        .min(room.saturating_sub(plan_want).max(room * 3 / 5))
        .max(12);
    let plan_width = usize::from(width).saturating_sub(fixed + name_width);
    (name_width, band_width, plan_width)
}

/// Makes the gap pane and each of its `shown` rows from `offset` clickable.
fn gap_clicks(drawn: &mut Drawn, area: Rect, inner: Rect, offset: usize, shown: usize) {
    drawn.regions.pane(area, Pane::Gaps);
    for line in 0..shown {
        // Below the header line.
        let on_screen = Rect::new(inner.x, inner.y + 1 + line as u16, inner.width, 1);
        drawn
            .regions
            .click(on_screen, Target::GapRow(offset + line));
    }
}

/// The plan editor's two field labels, the one with the keyboard marked.
fn plan_field_lines<'a>(app: &App, plan: &PlanEditor, theme: &Theme) -> [Line<'a>; 2] {
    let mark = |field| if plan.field == field { "▶ " } else { "  " };
    let value = plan.target.map_or("none".to_string(), |t| {
        format!("{t} {}", app.framework().scale.level(t).label)
    });
    let value_style = if plan.field == PlanField::Target {
        theme.selected_cell
    } else {
        theme.text
    };
    [
        Line::from(vec![
            Span::styled(mark(PlanField::Target), theme.key),
            Span::styled("Your target: ", theme.title),
            Span::styled(format!("◀ {value} ▶"), value_style),
        ]),
        Line::from(vec![
            Span::styled(mark(PlanField::Action), theme.key),
            Span::styled("Next action:", theme.title),
        ]),
    ]
}

/// The gap table's title: the target, the order and filter with their keys.
fn gaps_title<'a>(app: &App, stacked: bool, theme: &Theme) -> Line<'a> {
    let state = app.results();
    let target = &app.framework().profiles[app.target_profile()];
    let mut title = vec![
        Span::styled(format!(" Gaps vs {} ", target.name), theme.title),
        Span::styled(
            strings::gaps_order(state.sort.label(), state.filter.label()),
            theme.dim,
        ),
    ];
    if !stacked {
        title.push(Span::styled(strings::gaps_for_areas(), theme.dim));
    }
    Line::from(title)
}

/// The plan cell of competency `c`: a second opinion two levels or more away ("⚑ talk: Sam
/// 2"), then the personal target and the first line of the next action.
fn plan_cell(app: &App, c: usize) -> String {
    let competency = &app.framework().competencies[c];
    let mut plan = app
        .assessment()
        .plan
        .get(&competency.id)
        .map_or(String::new(), |p| {
            let target = p.target.map_or(String::new(), |t| format!("→{t} "));
            format!("{target}{}", p.first_text().lines().next().unwrap_or(""))
        });
    // A second opinion two levels or more away is flagged before the plan: "⚑ talk: Sam 2".
    let others = crate::review::others(app.assessment());
    if let Some(beside) = crate::review::beside(app.assessment(), &others, &competency.id)
        && beside.talk
    {
        let own = beside.own;
        let far: Vec<String> = beside
            .ratings
            .iter()
            .filter(|(_, r)| crate::review::differs_a_lot(own, *r))
            .filter_map(|(name, r)| r.map(|r| format!("{name} {r}")))
            .collect();
        let mark = crate::review::strings::talk_mark(&far);
        plan = if plan.is_empty() {
            mark
        } else {
            format!("{mark} · {plan}")
        };
    }
    plan
}

/// One row of the gap table: competency, level (starred when a what-if changed it), target,
/// band, plan.
fn gap_row<'a>(
    app: &App,
    index: usize,
    row: &ResultRow,
    (name_width, plan_width): (usize, usize),
    theme: &Theme,
) -> Row<'a> {
    let state = app.results();
    let competency = &app.framework().competencies[row.competency];
    let selected = index == state.selected;
    let changed = state.what_if.is_some() && row.level != app.sheet().level(row.competency);
    let you = match row.level {
        Some(l) if changed => format!("{l}*"),
        Some(l) => l.to_string(),
        None => app
            .assessment()
            .rating(&competency.id)
            .map_or("·".into(), |r| r.to_string()),
    };
    let plan = plan_cell(app, row.competency);
    let band_style: Style = row.band.map_or(theme.dim, |b| band_style(b, theme));
    let cursor = if selected { "›" } else { " " };
    let r = Row::new(vec![
        TableCell::from(text::truncate(
            &format!("{cursor}{} {}", competency.id, competency.name),
            name_width,
        )),
        TableCell::from(you).style(theme.emphasis),
        TableCell::from(row.target.to_string()),
        band_cell(row.band, band_style, selected),
        TableCell::from(text::truncate(&plan, plan_width)),
    ]);
    if selected { r.style(theme.selected) } else { r }
}

/// The band of a gap row. In the selected (reversed) row a coloured band keeps its own
/// colours rather than having them swapped into a weak pair (red on black on a light
/// background).
fn band_cell<'a>(band: Option<Band>, style: Style, selected: bool) -> TableCell<'a> {
    let coloured = style.fg.is_some() || style.bg.is_some();
    if selected && coloured {
        let own = style.remove_modifier(ratatui::style::Modifier::REVERSED);
        TableCell::from(Line::from(Span::styled(band_label(band), own)))
            .style(Style::new().remove_modifier(ratatui::style::Modifier::REVERSED))
    } else {
        TableCell::from(Line::from(Span::styled(band_label(band), style)))
    }
}

fn render_plan(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> Rect {
    let Some(plan) = app.plan_editor() else {
        return Rect::default();
    };
    let fw = app.framework();
    let competency = &fw.competencies[plan.competency];
    let width = area.width.saturating_sub(4).min(72);
    let height = 12u16.min(area.height);
    let target_area = area.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, target_area);
    let frame_block = block(
        Span::styled(
            format!(" Plan for {} {} ", competency.id, competency.name),
            theme.title,
        ),
        true,
        theme,
    );
    let inner = frame_block
        .inner(target_area)
        .inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(frame_block, target_area);
    // The keys wrap rather than being cut on a narrow terminal.
    let hint_lines = text::wrap(
        &hint_line(app.mode(), &app.framework().scale),
        usize::from(inner.width),
    );
    let [info, target_line, label, editor, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(hint_lines.len() as u16),
    ])
    .areas(inner);
    let level = app.sheet().level(plan.competency);
    frame.render_widget(
        Line::styled(
            format!(
                "Your level {} · {} target {}",
                level.map_or("not rated".to_string(), |l| l.to_string()),
                fw.profiles[app.target_profile()].name,
                fw.target(app.target_profile(), plan.competency)
            ),
            theme.dim,
        ),
        info,
    );
    let [target, action] = plan_field_lines(app, plan, theme);
    frame.render_widget(target, target_line);
    frame.render_widget(action, label);
    let mut action = plan.action.clone();
    action.set_cursor_line_style(Style::new());
    if plan.field != PlanField::Action {
        action.set_cursor_style(Style::new());
    }
    action.set_block(block(Span::raw(""), plan.field == PlanField::Action, theme));
    frame.render_widget(&action, editor);
    let hint_lines: Vec<Line> = hint_lines
        .into_iter()
        .map(|l| Line::styled(l, theme.dim))
        .collect();
    frame.render_widget(Paragraph::new(hint_lines), hint);
    target_area
}
