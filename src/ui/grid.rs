//! Grid screen: the seven areas (expandable to competencies) against both roles, your rating
//! and the gap to the chosen target profile, with a detail pane for the selected row.
//!
//! One file because it draws one screen: the table, and the detail pane for the table's
//! selected row (about 220 lines, from `render_detail`), which shows that row's texts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell as TableCell, Row, Table};

use super::{
    Drawn, Pane, Target, Theme, block, keep_in_view, padded_inner, practice_lines, render_scrolled,
    rows_marker, scroll_keys, text, title_lines, wrapped,
};
use crate::app::{App, GridColumn, GridRow};
use crate::domain::diff::Movement;
use crate::domain::framework::{Focus, FocusWeight};
use crate::domain::scoring::{self, Band};
use crate::domain::{Level, Rating, Screen};
use crate::review;
use crate::strings;

/// Width of the "You" column: "3▲→4", "5 of 5".
const YOU_WIDTH: usize = 7;
/// Width of the "You" column with others' ratings beside (`review::Beside::cell`): "4/2/5 !".
fn you_width(others: usize) -> usize {
    if others == 0 {
        YOU_WIDTH
    } else {
        (YOU_WIDTH + 2 * others + 2).min(15)
    }
}

/// Width of the gap column: "−2 gap", "ready 92%".
const GAP_WIDTH: usize = 11;

/// Width from which the detail pane sits beside the table instead of below it.
const SIDE_DETAIL_WIDTH: u16 = 160;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    let (table_area, detail_area) = if area.width >= SIDE_DETAIL_WIDTH {
        let [t, d] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(area);
        (t, d)
    } else {
        let detail_height = (area.height * 45 / 100).max(6);
        let [t, d] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(detail_height)]).areas(area);
        (t, d)
    };
    drawn.grid_offset = Some(render_table(frame, table_area, app, theme, drawn));
    drawn.grid_detail = Some(render_detail(frame, detail_area, app, theme));
    drawn.regions.pane(table_area, Pane::Grid);
    drawn.regions.pane(detail_area, Pane::GridDetail);
}

/// Text of the gap cell for a rated competency, with a sign and a band word (never colour
/// alone).
/// The two profiles whose targets the Grid shows, so the target beside a gap is always the one
/// the gap is measured against: the two sides of the lean when there is an axis, the chosen
/// profile (`t`) in place of its role's side (Portfolio PMO in the PMO Manager's column);
/// without an axis (a ranking, such as SFIA's illustrative profiles), the profile chosen and
/// the next one in the framework.
pub fn target_columns(app: &App) -> [usize; 2] {
    let fw = app.framework();
    let chosen = app.target_profile();
    if fw.profiles.len() < 2 {
        return fw.main_profiles;
    }
    if !fw.axis {
        return [chosen, (chosen + 1) % fw.profiles.len()];
    }
    let [first, second] = fw.main_profiles;
    if chosen == first || chosen == second {
        return fw.main_profiles;
    }
    let role = fw.profiles[chosen].role;
    if role.is_some() && role == fw.profiles[first].role {
        [chosen, second]
    } else {
        [first, chosen]
    }
}

pub fn gap_text(level: Level, target: Level) -> (String, Band) {
    let band = Band::of(level, target);
    let delta = scoring::delta(level, target);
    let text = match band {
        Band::Meets => "✓ meets".to_string(),
        Band::Strength => format!("+{delta} above"),
        Band::TopUp => "−1 top-up".to_string(),
        Band::Gap => format!("−{} gap", -delta),
    };
    (text, band)
}

/// The style for a band.
pub fn band_style(band: Band, theme: &Theme) -> Style {
    match band {
        Band::Gap => theme.gap,
        Band::TopUp => theme.top_up,
        Band::Meets => theme.meets,
        Band::Strength => theme.strength,
    }
}

/// What Enter does on the selected row, as the footer names it: open or close an area, rate a
/// competency.
pub fn enter_verb(app: &App) -> &'static str {
    match app.grid().selected_row() {
        GridRow::Competency(_) => "rate",
        GridRow::Area(a) if app.grid().is_expanded(a) => "close",
        GridRow::Area(_) => "open",
    }
}

/// The grid's legend of the cells' marks, fitted to `width`: yours, or others' beside yours.
fn grid_legend(app: &App, alone: bool, width: u16) -> String {
    let fw = app.framework();
    let target = &fw.profiles[app.target_profile()];
    if alone {
        let legend = strings::grid_legend(
            &target.short,
            fw.axis,
            !app.assessment().history.is_empty(),
            app.assessment().plan.values().any(|p| p.target.is_some()),
            usize::from(width),
        );
        // Someone else's levels: the column's own heading, and "their target".
        let first = strings::person::you_column(app.voice());
        app.voice()
            .say(&legend.replacen("You:", &format!("{first}:"), 1))
    } else {
        review::strings::grid_legend(app.voice(), &strings::person::you_column(app.voice()))
    }
}

/// The grid's header row, every heading fitting its column or ending in "…"; `widths` are
/// the name, role and you columns'.
fn grid_header<'a>(
    app: &App,
    [c0, c1]: [usize; 2],
    others: &[&str],
    [name_width, role_width, you_w]: [usize; 3],
    theme: &Theme,
) -> Row<'a> {
    let fw = app.framework();
    let target = &fw.profiles[app.target_profile()];
    let header_names = [
        "Area / competency".to_string(),
        fw.profiles[c0].short.clone(),
        fw.profiles[c1].short.clone(),
        review::strings::you_heading(&strings::person::you_column(app.voice()), others),
        format!("Gap {}", text::truncate(&target.short, 6)),
    ];
    let header_widths = [name_width, role_width, role_width, you_w, GAP_WIDTH];
    Row::new(
        header_names
            .iter()
            .zip(header_widths)
            .map(|(name, w)| TableCell::from(text::truncate(name, w))),
    )
    .style(theme.heading)
}

/// Draws the grid, recording where each row is; returns the first row shown.
fn render_table(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    drawn: &mut Drawn,
) -> usize {
    let fw = app.framework();
    let target = &fw.profiles[app.target_profile()];
    let title = Line::from(vec![
        Span::styled(" Competency grid ", theme.title),
        Span::styled(strings::gaps_against(&target.name), theme.dim),
    ]);
    let block = block(
        text::fit_line(title, usize::from(area.width.saturating_sub(2))),
        true,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The last line is the legend of the cells' marks.
    let [inner, legend_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let others = review::others(app.assessment());
    let you_w = you_width(others.len());
    let legend = grid_legend(app, others.is_empty(), inner.width);
    frame.render_widget(
        Line::styled(text::truncate(&legend, usize::from(inner.width)), theme.dim),
        legend_area,
    );
    let width = inner.width;
    let [c0, c1] = target_columns(app);
    let (name_width, role_width) = column_widths(app, [c0, c1], usize::from(width), you_w);
    let widths = [
        Constraint::Min(name_width as u16),
        Constraint::Length(role_width as u16),
        Constraint::Length(role_width as u16),
        Constraint::Length(you_w as u16),
        Constraint::Length(GAP_WIDTH as u16),
    ];
    let lines = usize::from(inner.height.saturating_sub(1));
    let others_names: Vec<&str> = others.iter().map(|o| o.name.as_str()).collect();
    let header = grid_header(
        app,
        [c0, c1],
        &others_names,
        [name_width, role_width, you_w],
        theme,
    );
    let row_height = |row: GridRow| match row {
        GridRow::Area(a) => {
            // Tall enough for the longer focus label, wrapped; capped to keep rows compact.
            fw.areas[a]
                .focus
                .iter()
                .map(|f| text::wrap_words(focus_label(f), role_width).len())
                .max()
                .unwrap_or(1)
                .clamp(1, 3)
        }
        GridRow::Competency(_) => 1,
    };
    let rows = app.grid().rows();
    let offset = keep_in_view(
        app.grid().offset,
        app.grid().selected,
        rows.len(),
        lines,
        |i| row_height(rows[i]),
    );
    let mut table_rows = Vec::new();
    let mut used = 0;
    for (i, row) in rows.iter().enumerate().skip(offset) {
        let height = row_height(*row);
        if used + height > lines {
            break;
        }
        // Below the header line.
        let y = inner.y + 1 + used as u16;
        let on_screen = Rect::new(inner.x, y, inner.width, height as u16);
        drawn.regions.click(on_screen, Target::GridRow(i));
        used += height;
        let widths = (name_width, role_width);
        table_rows.push(table_row(app, i, *row, widths, height, theme, &others));
    }
    let below = rows.len().saturating_sub(offset + table_rows.len());
    let table = Table::new(table_rows, widths)
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, inner);
    rows_marker(frame, area, offset, below);
    offset
}

/// The widths of the name and of each target column in `width` columns, sized to what they
/// hold, the names first: every name whole where the target columns keep the longest word of
/// a focus label and a target; what is left widens the target columns (fewer wrapped focus
/// lines), then the names.
fn column_widths(app: &App, columns: [usize; 2], width: usize, you_w: usize) -> (usize, usize) {
    let fw = app.framework();
    let avail = width.saturating_sub(you_w + GAP_WIDTH + 4);
    let labels =
        (0..fw.areas.len()).flat_map(|a| [0, 1].map(|side| focus_label(fw.side_focus(a, side))));
    let (mut word, mut full) = (0, 0);
    for label in labels {
        full = full.max(text::UnicodeWidthStr::width(label));
        for w in label.split_whitespace().flat_map(text::hyphen_parts) {
            word = word.max(text::UnicodeWidthStr::width(w.as_str()));
        }
    }
    // "target 10" at the widest: the scale's last value.
    let target = "target ".len() + fw.scale.last().to_string().len();
    // The headings are the profiles' short names: whole where the room allows.
    let heading = columns
        .iter()
        .map(|&p| text::UnicodeWidthStr::width(fw.profiles[p].short.as_str()))
        .max()
        .unwrap_or(0);
    let least = word.max(target).clamp(6, 15);
    let most = full.max(heading).max(least).min(26);
    let names = app.grid().longest_name;
    if width < 70 {
        // Small terminals: the names keep 16 columns and the targets share the rest.
        let role = (avail.saturating_sub(16) / 2).clamp(6, 10);
        return (avail.saturating_sub(2 * role).max(10), role);
    }
    let role = if avail >= names + 2 * least {
        ((avail - names) / 2).min(most)
    } else {
        least
    };
    (avail.saturating_sub(2 * role).max(10), role)
}

/// A competency's target for profile `p` as its column shows it: "target 4", or "—" where the
/// profile does not require it or its role does not count the area (the area's row says so).
fn target_text(app: &App, p: usize, c: usize) -> String {
    let fw = app.framework();
    if !fw.requires(p, c) || fw.weight(p, c) == 0 {
        return "—".to_string();
    }
    format!("target {}", fw.target(p, c))
}

/// One drawn row of the grid, `height` lines tall, with the selected row and cell marked.
fn table_row<'a>(
    app: &App,
    index: usize,
    row: GridRow,
    (name_width, role_width): (usize, usize),
    height: usize,
    theme: &Theme,
    others: &[review::Other],
) -> Row<'a> {
    let is_selected = index == app.grid().selected;
    let selected_column = app.grid().selected_column();
    let mut cells = row_cells(app, row, is_selected, name_width, role_width, height, theme);
    // Others' ratings beside your own: hidden ("?") until you rate, "!" when two or more apart.
    if let GridRow::Competency(c) = row {
        let id = &app.framework().competencies[c].id;
        if let (Some(beside), Some(you)) = (
            review::beside(app.assessment(), others, id),
            cells.get_mut(3),
        ) {
            let own = you_text(app, c, app.assessment().rating(id));
            you.0 = vec![text::truncate(
                &format!("{own}/{}", beside.cell()),
                you_width(others.len()),
            )];
        }
    }
    let cells = cells
        .into_iter()
        .zip(GridColumn::ALL)
        .map(|((content, style), column)| {
            use ratatui::style::Modifier;
            // In the selected row nothing is dim: dim under reverse video reads as a second
            // selected cell.
            let style = if is_selected {
                style.remove_modifier(Modifier::DIM)
            } else {
                style
            };
            let at_cursor = is_selected && column == selected_column;
            // The cursor's cell: its area in the cell style, its underline on the words only,
            // so a row of two lines shows one mark.
            let style = if at_cursor {
                style.patch(theme.selected_cell)
            } else {
                style
            };
            // The style on the words, so a badge's background hugs them.
            let cell = TableCell::from(Text::from(
                content
                    .into_iter()
                    .map(|text| Line::from(Span::styled(text, style)))
                    .collect::<Vec<_>>(),
            ));
            if at_cursor {
                cell.style(theme.selected_cell.remove_modifier(Modifier::UNDERLINED))
            } else {
                cell
            }
        });
    let table_row = Row::new(cells).height(height as u16);
    if is_selected {
        table_row.style(theme.selected)
    } else {
        table_row
    }
}

/// The "You" cell: the rating, a glyph for how it moved since the last closed round, and "→4"
/// when a personal target is planned.
fn you_text(app: &App, competency: usize, rating: Option<Rating>) -> String {
    let id = &app.framework().competencies[competency].id;
    let moved = app.derived().last_round.as_ref().map_or("", |before| {
        Movement::of(before[competency], rating).glyph()
    });
    match app.assessment().plan.get(id).and_then(|p| p.target) {
        Some(target) => format!("{}{moved}→{target}", rating_text(rating)),
        None => format!("{}{moved}", rating_text(rating)),
    }
}

fn rating_text(rating: Option<Rating>) -> String {
    match rating {
        Some(r) => r.to_string(),
        None => "·".to_string(),
    }
}

/// Cell contents (one string per line) and styles for one grid row.
fn row_cells(
    app: &App,
    row: GridRow,
    selected: bool,
    name_width: usize,
    role_width: usize,
    height: usize,
    theme: &Theme,
) -> Vec<(Vec<String>, Style)> {
    let fw = app.framework();
    let cursor = if selected { "›" } else { " " };
    match row {
        GridRow::Area(a) => {
            let area = &fw.areas[a];
            let marker = if app.grid().is_expanded(a) {
                "▾"
            } else {
                "▸"
            };
            // A focus of no weight reads as what it is, not as the rating "N/A".
            let label = |r: usize| {
                let mut lines = text::wrap_words(focus_label(fw.side_focus(a, r)), role_width);
                lines.truncate(height);
                if let Some(last) = lines.last_mut() {
                    *last = text::truncate(last, role_width);
                }
                lines
            };
            vec![
                (
                    vec![text::truncate(
                        &format!("{cursor}{marker} {}", fw.area_title(a)),
                        name_width,
                    )],
                    theme.title,
                ),
                (label(0), theme.text),
                (label(1), theme.text),
                (
                    vec![text::truncate(
                        &format!(
                            "{}/{}",
                            app.derived().area_rated[a],
                            area.competencies.len()
                        ),
                        YOU_WIDTH,
                    )],
                    theme.dim,
                ),
                (vec![area_readiness_text(app, a)], theme.dim),
            ]
        }
        GridRow::Competency(c) => {
            let competency = &fw.competencies[c];
            let [p0, p1] = target_columns(app);
            let rating = app.assessment().rating(&competency.id);
            let target_text = |p: usize| target_text(app, p, c);
            let (gap, gap_style) = match rating.and_then(Rating::level) {
                Some(_) if !fw.requires(app.target_profile(), c) => (String::new(), theme.dim),
                Some(level) => {
                    let (text, band) = gap_text(level, fw.target(app.target_profile(), c));
                    (text, band_style(band, theme))
                }
                None => (String::new(), theme.dim),
            };
            vec![
                (
                    vec![text::truncate(
                        &format!(
                            "{cursor} {}{} {}",
                            if app.tells(c) {
                                crate::domain::verdict::TELLING_MARK
                            } else {
                                " "
                            },
                            competency.id,
                            competency.name
                        ),
                        name_width,
                    )],
                    theme.text,
                ),
                (
                    vec![text::truncate(&target_text(p0), role_width)],
                    theme.text,
                ),
                (
                    vec![text::truncate(&target_text(p1), role_width)],
                    theme.text,
                ),
                (
                    vec![text::truncate(&you_text(app, c, rating), YOU_WIDTH)],
                    theme.emphasis,
                ),
                (vec![text::truncate(&gap, GAP_WIDTH)], gap_style),
            ]
        }
    }
}

/// A role's focus on an area as the grid shows it: one of no weight reads as what it is, not
/// as the rating "N/A".
fn focus_label(focus: &Focus) -> &str {
    if focus.weight == FocusWeight::None {
        strings::NOT_PART_OF_ROLE
    } else {
        focus.shown()
    }
}

/// "ready 72%": the area's readiness for the target profile, or "" when nothing counts yet.
fn area_readiness_text(app: &App, area: usize) -> String {
    match app.derived().area_readiness[area] {
        Some(p) => format!("ready {p:.0}%"),
        None => String::new(),
    }
}

/// Draws the detail pane; returns the first line shown.
fn render_detail(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> usize {
    let block = block(Span::styled(" Detail ", theme.title), false, theme);
    let inner = padded_inner(frame, area, block);
    let width = usize::from(inner.width);
    let lines = match app.grid().selected_row() {
        GridRow::Area(a) => area_detail(app, a, width, theme),
        GridRow::Competency(c) => competency_detail(app, c, width, theme),
    };
    let keys = scroll_keys(Screen::Grid);
    render_scrolled(frame, inner, lines, app.grid().detail_scroll, Some(&keys))
}

fn marked(selected: bool) -> &'static str {
    if selected { "▸ " } else { "  " }
}

fn area_detail<'a>(app: &App, a: usize, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let fw = app.framework();
    let area = &fw.areas[a];
    let column = app.grid().selected_column();
    // The verb of what Enter does here: open the area, or close it again.
    let verb = enter_verb(app);
    let mut lines = title_lines(
        fw.area_path(a),
        strings::grid_area_line(area.competencies.len(), verb),
        width,
        theme,
    );
    lines.extend(wrapped(
        "",
        &area.contrast,
        width,
        theme.text,
        theme.emphasis,
    ));
    for (r, role) in fw.roles.iter().enumerate() {
        let focus = &area.focus[r];
        if focus.label.is_empty() && focus.meaning.is_empty() {
            continue;
        }
        let is_col = matches!(
            (column, r),
            (GridColumn::FirstRole, 0) | (GridColumn::SecondRole, 1)
        );
        let style = if is_col { theme.emphasis } else { theme.title };
        lines.push(Line::styled(
            format!("{}{} — {}", marked(is_col), role.name, focus.shown()),
            style,
        ));
        lines.extend(wrapped("  ", &focus.meaning, width, theme.text, theme.text));
    }
    if let Some(p) = app.derived().area_readiness[a] {
        lines.push(Line::styled(
            format!(
                "{}Ready: {p:.0}% of the {} bar in this area ({} of {} answered)",
                marked(matches!(column, GridColumn::Gap | GridColumn::Rating)),
                fw.profiles[app.target_profile()].name,
                app.derived().area_rated[a],
                area.competencies.len()
            ),
            theme.text,
        ));
    }
    lines
}

fn competency_detail<'a>(app: &App, c: usize, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let fw = app.framework();
    let competency = &fw.competencies[c];
    let column = app.grid().selected_column();
    let mut lines = title_lines(
        format!("{} {}", competency.id, competency.name),
        strings::grid_competency_line(&fw.area_path(competency.area)),
        width,
        theme,
    );
    // Others' ratings first, where they show without scrolling; hidden until you rate.
    let others = review::others(app.assessment());
    if let Some(beside) = review::beside(app.assessment(), &others, &competency.id) {
        let style = if beside.talk {
            theme.emphasis
        } else {
            theme.dim
        };
        lines.extend(wrapped("", &beside.sentence(), width, style, style));
    }
    lines.extend(practice_lines(fw, c, width, theme, true, |r| {
        let is_col = matches!(
            (column, r),
            (GridColumn::FirstRole, 0) | (GridColumn::SecondRole, 1)
        );
        let style = if is_col { theme.emphasis } else { theme.title };
        (marked(is_col), style)
    }));
    lines.push(rating_line(app, c, theme));
    lines.extend(since_last_round(app, c, theme));
    lines.extend(notes_plan_refs(app, c, width, theme));
    lines
}

/// "Your rating: 4 Advanced · PMO target 5 → −1 top-up", marked when its column is selected.
fn rating_line<'a>(app: &App, c: usize, theme: &Theme) -> Line<'a> {
    let fw = app.framework();
    let rating = app.assessment().rating(&fw.competencies[c].id);
    let is_rating = matches!(
        app.grid().selected_column(),
        GridColumn::Rating | GridColumn::Gap
    );
    let text = match rating {
        None => "not rated yet".to_string(),
        Some(Rating::NotApplicable) => "N/A (left out of every score)".to_string(),
        Some(Rating::Level(level)) if !fw.requires(app.target_profile(), c) => format!(
            "{} {} · not required by {}",
            level,
            fw.scale.level(level).label,
            fw.profiles[app.target_profile()].short,
        ),
        Some(Rating::Level(level)) => {
            let target = fw.target(app.target_profile(), c);
            let (gap, _) = gap_text(level, target);
            format!(
                "{} {} · {} target {} → {}",
                level,
                fw.scale.level(level).label,
                fw.profiles[app.target_profile()].short,
                target,
                gap
            )
        }
    };
    let style = if is_rating {
        theme.emphasis
    } else {
        theme.title
    };
    Line::from(vec![
        Span::styled(
            format!(
                "{}{}",
                marked(is_rating),
                crate::strings::person::whose_rating(app.voice())
            ),
            style,
        ),
        Span::styled(text, theme.text),
    ])
}

/// How the rating moved since the last closed round, when there is one.
fn since_last_round<'a>(app: &App, c: usize, theme: &Theme) -> Option<Line<'a>> {
    let (Some(before), Some(round)) = (&app.derived().last_round, app.assessment().history.last())
    else {
        return None;
    };
    let rating = app.assessment().rating(&app.framework().competencies[c].id);
    let movement = Movement::of(before[c], rating);
    let text = |r: Option<Rating>| r.map_or("not rated".to_string(), |r| r.to_string());
    let word = if movement == Movement::Same {
        "no change"
    } else {
        movement.word()
    };
    let label = if round.label.is_empty() {
        String::new()
    } else {
        format!(", {}", round.label)
    };
    let date = round
        .taken
        .date
        .map_or_else(|| round.taken.to_string(), |d| d.to_string());
    Some(Line::from(vec![
        Span::styled(
            format!(
                "  Since round {} ({date}{label}): ",
                app.assessment().history.len()
            ),
            theme.title,
        ),
        Span::styled(
            format!("{} → {}, {word}", text(before[c]), text(rating)),
            theme.text,
        ),
    ]))
}

/// The user's note and plan for the competency, and its framework references.
fn notes_plan_refs<'a>(app: &App, c: usize, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let fw = app.framework();
    let competency = &fw.competencies[c];
    let mut lines = Vec::new();
    let note = app.assessment().note(&competency.id);
    if !note.is_empty() {
        lines.extend(wrapped("  Note: ", note, width, theme.title, theme.text));
    }
    if let Some(plan) = app.assessment().plan.get(&competency.id) {
        let target = plan.target.map_or(String::new(), |t| {
            format!("target {t} {} · ", fw.scale.level(t).label)
        });
        let text = format!("{target}{}", plan.first_text());
        lines.extend(wrapped(
            &format!("  {}: ", strings::person::plan_column(app.voice())),
            &text,
            width,
            theme.title,
            theme.text,
        ));
    }
    if !competency.refs.is_empty() {
        let refs = competency.refs.join("; ");
        lines.extend(wrapped("  Refs: ", &refs, width, theme.dim, theme.dim));
    }
    lines
}
