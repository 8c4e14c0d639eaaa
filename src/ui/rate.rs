//! Rate screen: one competency at a time, the six levels and N/A, and the evidence note.
//!
//! One file because its three parts (the competency, the levels, the note) are sized against
//! each other: which of them fits the height decides how each is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{
    Drawn, Pane, Target, Theme, block, padded_inner, practice_lines, render_scrolled, scroll_keys,
    text, title_lines, wrapped,
};
use crate::app::App;
use crate::domain::{Rating, Screen};
use crate::review::{self, strings as strings_review};
use crate::strings;

/// Width from which the levels sit beside the description.
const TWO_COLUMN_WIDTH: u16 = 110;

/// Rows the competency pane needs to be of use: its borders, the id and name, and the first
/// line of the description.
const INFO_MIN: u16 = 4;

/// Rows the competency pane keeps at the least: its borders and the id and name (the rest
/// scrolls, with its keys on the border).
const INFO_LEAST: u16 = 3;

/// How many level descriptors are wrapped in full; the others are cut to one line at a word,
/// with "…". The highlighted one is always whole.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expand {
    All,
    Cursor,
}

/// How the note shows: a box of its wrapped lines (or the editor), one line, or not at all
/// (the smallest terminals, where `e` still opens it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NoteShape {
    Box,
    Line,
    Hidden,
}

/// The fewest rows each note shape takes: a box with one line (the editor too), one line,
/// none.
const NOTE_LEAST: [u16; 3] = [3, 1, 0];

/// One way to lay Rate out: how the levels and the note show, and the fewest rows the
/// competency pane is left with.
#[derive(Clone, Copy, Debug)]
struct Plan {
    expand: Expand,
    note: NoteShape,
    info: u16,
}

/// The ways to lay Rate out, best first: every anchor whole with the competency's text down
/// to both practice texts, then with less of that text, then only the highlighted anchor
/// whole; the note gives way to a line before the competency loses its name. `full_info` is
/// the rows the competency pane needs down to the end of the practice texts.
fn plans(full_info: u16, editing: bool) -> Vec<Plan> {
    let notes: &[NoteShape] = if editing {
        &[NoteShape::Box]
    } else {
        &[NoteShape::Box, NoteShape::Line, NoteShape::Hidden]
    };
    let mut out = Vec::new();
    // While a note is written, the editor has the room and the levels are compact.
    let expands: &[Expand] = if editing {
        &[Expand::Cursor]
    } else {
        &[Expand::All, Expand::Cursor]
    };
    for &expand in expands {
        for info in [full_info.max(INFO_MIN), INFO_MIN, INFO_LEAST] {
            for &note in notes {
                // Hiding the note is the last resort, for the highlighted anchor only.
                if note == NoteShape::Hidden && (expand == Expand::All || info > INFO_LEAST) {
                    continue;
                }
                out.push(Plan { expand, note, info });
            }
        }
    }
    out
}

/// Draws the Rate screen: in two columns where the width allows, else one above another.
pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    let title = strings::person::levels_title(
        app.voice(),
        &strings::levels_title_on(app.read_only(), &app.framework().scale),
    );
    if area.width >= TWO_COLUMN_WIDTH {
        render_two_columns(frame, area, app, title, theme, drawn);
    } else {
        render_one_column(frame, area, app, title, theme, drawn);
    }
}

/// The competency on the left and the levels on the right, as tall as the taller of the two;
/// the note below both, across the width, with the rest of the height.
fn render_two_columns(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: String,
    theme: &Theme,
    drawn: &mut Drawn,
) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let (info, _) = info_lines(app, usize::from(left.width.saturating_sub(4)), theme);
    let level_width = usize::from(right.width.saturating_sub(3));
    let (levels, shape) = two_column_plan(app, level_width, area.height, theme);
    let note_min = NOTE_LEAST[shape as usize];
    let band = (levels.0.len() as u16 + 2)
        .max(info.len() as u16 + 2)
        .min(area.height.saturating_sub(note_min));
    let [band, note_area] =
        Layout::vertical([Constraint::Length(band), Constraint::Fill(1)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(band);
    drawn.rate_info = Some(render_info(frame, left, app, info, theme));
    drawn.regions.pane(left, Pane::RateInfo);
    render_levels(frame, right, levels, title, theme, drawn);
    render_note_shape(frame, note_area, shape, app, theme);
}

/// The levels and the note's shape for two columns: every level's text if it fits, else the
/// highlighted level's, each with the largest note that still fits.
fn two_column_plan<'a>(
    app: &App,
    level_width: usize,
    height: u16,
    theme: &Theme,
) -> ((Vec<Line<'a>>, Vec<usize>), NoteShape) {
    let mut chosen = None;
    for expand in [Expand::All, Expand::Cursor] {
        for shape in [NoteShape::Box, NoteShape::Line, NoteShape::Hidden] {
            if app.editing() && shape != NoteShape::Box {
                continue;
            }
            let levels = level_lines(app, level_width, expand, theme);
            let need = levels.0.len() as u16 + 2 + NOTE_LEAST[shape as usize];
            // The last plan is taken whether it fits or not: the highlighted level as far as
            // it goes, with the note hidden, or with the editor's box while it is open (the
            // editor stays in view whatever else gives way).
            let last = expand == Expand::Cursor
                && (shape == NoteShape::Hidden || (app.editing() && shape == NoteShape::Box));
            if need <= height || last {
                chosen = Some((levels, shape));
                break;
            }
        }
        if chosen.is_some() {
            break;
        }
    }
    chosen.expect("the last plan always fits")
}

/// The competency, the levels and the note one above another, the rows shared out by a plan.
fn render_one_column(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: String,
    theme: &Theme,
    drawn: &mut Drawn,
) {
    let note = app
        .assessment()
        .note(&app.framework().competencies[app.rate().current].id);
    // The note box: the lines of the note as wrapped, at least one; the editor takes seven
    // rows at the least.
    let note_lines = |width: u16| {
        text::wrap(note, usize::from(width.saturating_sub(4)))
            .len()
            .max(1) as u16
    };
    let note_box = |width: u16| {
        if app.editing() {
            7
        } else {
            note_lines(width).min(4) + 2
        }
    };
    let width = usize::from(area.width.saturating_sub(3));
    let (info, practice_end) = info_lines(app, usize::from(area.width.saturating_sub(4)), theme);
    let full_info = practice_end as u16 + 2;
    let mut chosen = None;
    for plan in plans(full_info, app.editing()) {
        let levels = level_lines(app, width, plan.expand, theme);
        let need = levels.0.len() as u16 + 2 + NOTE_LEAST[plan.note as usize] + plan.info;
        if need <= area.height {
            chosen = Some((levels, plan));
            break;
        }
    }
    // Nothing fits (a highlighted anchor longer than the screen): the highlighted one whole as
    // far as it goes.
    let (levels, mut plan) = chosen.unwrap_or_else(|| {
        let plan = Plan {
            expand: Expand::Cursor,
            // The editor stays in view whatever else gives way.
            note: if app.editing() {
                NoteShape::Box
            } else {
                NoteShape::Hidden
            },
            info: INFO_LEAST,
        };
        (level_lines(app, width, plan.expand, theme), plan)
    });
    let levels_height = (levels.0.len() as u16 + 2).min(area.height.saturating_sub(plan.info));
    // The rows left over go first to the competency's text down to the practice texts, then
    // to the note as it is wrapped, then to the rest of the competency's text (the targets),
    // and what is still left to the note, so no row stays empty.
    let mut info_height = plan.info;
    let mut note_height = NOTE_LEAST[plan.note as usize];
    let mut spare = area
        .height
        .saturating_sub(levels_height + info_height + note_height);
    let mut grow = |height: &mut u16, to: u16| {
        let more = to.saturating_sub(*height).min(spare);
        *height += more;
        spare -= more;
    };
    if app.editing() {
        grow(&mut note_height, note_box(area.width));
    }
    grow(&mut info_height, full_info);
    if plan.note == NoteShape::Box {
        grow(&mut note_height, note_box(area.width));
    }
    grow(&mut info_height, info.len() as u16 + 2);
    if plan.note == NoteShape::Line && spare >= 2 {
        plan.note = NoteShape::Box;
        note_height = 3;
        spare -= 2;
    }
    if plan.note == NoteShape::Box {
        note_height += spare;
    } else {
        info_height += spare;
    }
    let [info_area, levels_area, note_area] = Layout::vertical([
        Constraint::Length(info_height),
        Constraint::Length(levels_height),
        Constraint::Length(note_height),
    ])
    .areas(area);
    drawn.rate_info = Some(render_info(frame, info_area, app, info, theme));
    drawn.regions.pane(info_area, Pane::RateInfo);
    render_levels(frame, levels_area, levels, title, theme, drawn);
    render_note_shape(frame, note_area, plan.note, app, theme);
}

/// Draws the note in the shape chosen: a box (the preview or the editor) when it has the rows
/// of one, else one line.
fn render_note_shape(frame: &mut Frame, area: Rect, shape: NoteShape, app: &App, theme: &Theme) {
    if area.height == 0 || shape == NoteShape::Hidden {
        return;
    }
    if shape == NoteShape::Line || area.height < 3 {
        render_note_line(frame, Rect { height: 1, ..area }, app, theme);
    } else {
        render_note(frame, area, app, theme);
    }
}

/// The note on one line, for small terminals: its start, cut at a word with "…", and the key
/// that opens it.
fn render_note_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let competency = &app.framework().competencies[app.rate().current];
    let note = app.assessment().note(&competency.id);
    let prefix = strings::note_prefix(app.read_only());
    let width =
        usize::from(area.width).saturating_sub(text::UnicodeWidthStr::width(prefix.as_str()) + 1);
    let first = note.lines().next().unwrap_or("");
    let (body, style) = if note.is_empty() {
        match app.assessment().rating(&competency.id) {
            // A high level without a note: the ask for evidence, as the note's box shows it.
            Some(Rating::Level(level))
                if app.framework().scale.is_high(level) && !app.read_only() =>
            {
                (
                    text::clip_words(&strings::person::evidence_prompt(app.voice(), level), width),
                    theme.emphasis,
                )
            }
            _ => ("none yet".to_string(), theme.dim),
        }
    } else if first.len() < note.trim_end().len() {
        (text::clip_words(&format!("{first} …"), width), theme.text)
    } else {
        (text::clip_words(first, width), theme.text)
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(prefix, theme.title),
            Span::styled(body, style),
        ]),
        area,
    );
}

/// Draws the competency text (`lines`, wrapped by [`info_lines`] to the pane's inner width: its
/// width less borders and padding); returns the first line shown.
fn render_info(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    lines: Vec<Line<'_>>,
    theme: &Theme,
) -> usize {
    let fw = app.framework();
    let c = app.rate().current;
    let competency = &fw.competencies[c];
    let title = Line::from(vec![
        Span::styled(format!(" {} ", fw.area_path(competency.area)), theme.title),
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
    let title = text::fit_line(title, usize::from(area.width.saturating_sub(2)));
    let block = block(title, !app.editing(), theme);
    let inner = padded_inner(frame, area, block);
    let keys = scroll_keys(Screen::Rate);
    render_scrolled(frame, inner, lines, app.rate().info_scroll, Some(&keys))
}

/// The competency's text on Rate, wrapped to `width`: who is reviewed (in a review file), its
/// name and status, second opinions, what it means in each role's practice, and the targets;
/// with the number of lines down to the end of the practice texts.
fn info_lines<'a>(app: &App, width: usize, theme: &Theme) -> (Vec<Line<'a>>, usize) {
    let fw = app.framework();
    let c = app.rate().current;
    let competency = &fw.competencies[c];
    let mut status = match app.assessment().rating(&competency.id) {
        None => "not rated yet".to_string(),
        Some(Rating::NotApplicable) => "answered N/A".to_string(),
        Some(Rating::Level(l)) => format!("rated {l} {}", fw.scale.level(l).label),
    };
    if app.tells(c) {
        status.push_str(&format!(
            " · {} {}",
            crate::domain::verdict::TELLING_MARK,
            crate::domain::verdict::TELLING_LEGEND
        ));
    }
    let mut lines = reviewing_lines(app, width, theme);
    lines.extend(title_lines(
        format!("{} {}", competency.id, competency.name),
        status,
        width,
        theme,
    ));
    lines.extend(second_opinion_lines(app, &competency.id, width, theme));
    lines.extend(practice_lines(
        fw,
        c,
        width,
        theme,
        app.targets_shown(),
        |r| {
            let style = if r == 0 {
                theme.first_role
            } else {
                theme.second_role
            };
            ("", theme.title.patch(style))
        },
    ));
    let practice_end = lines.len();
    lines.push(Line::default());
    if app.targets_shown() {
        lines.extend(wrapped(
            "Targets: ",
            &strings::targets_list(fw, c),
            width,
            theme.dim,
            theme.dim,
        ));
    } else {
        lines.extend(wrapped(
            "",
            &strings::targets_hidden(),
            width,
            theme.dim,
            theme.dim,
        ));
    }
    (lines, practice_end)
}

/// In a review file, who is being rated and by whom, above the competency.
fn reviewing_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    match review::reviewing(app.assessment()) {
        Some(r) => wrapped(
            "",
            &strings_review::reviewing(&r),
            width,
            theme.emphasis,
            theme.emphasis,
        ),
        None => Vec::new(),
    }
}

/// Others' ratings of this competency (reviewers, or in a review file the person's own), only
/// once the user has rated it; "talk about this" where they are two levels or more apart.
fn second_opinion_lines<'a>(
    app: &App,
    id: &crate::domain::CompetencyId,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let others = review::others(app.assessment());
    let Some(beside) = review::beside(app.assessment(), &others, id) else {
        return Vec::new();
    };
    let style = if beside.talk {
        theme.emphasis
    } else {
        theme.dim
    };
    let mut lines = wrapped("", &beside.sentence(), width, style, style);
    if let (Some(note), Some(person)) = (
        review::shared_note(app.assessment(), id),
        beside.reviewing.as_deref(),
    ) {
        lines.extend(wrapped(
            &format!("{person}'s note: "),
            &note,
            width,
            theme.dim,
            theme.text,
        ));
    }
    lines
}

/// One row per level and one for N/A, each descriptor wrapped in full or cut to one line at a
/// word with "…" (see `Expand`), so the list stays compact on small terminals; with the row
/// (its index in the competency's choices, N/A last) of each line, for clicks.
fn level_lines<'a>(
    app: &App,
    width: usize,
    expand: Expand,
    theme: &Theme,
) -> (Vec<Line<'a>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut line_rows = Vec::new();
    for LevelRow {
        row,
        head,
        rest,
        recorded: is_recorded,
    } in level_rows(app, width)
    {
        let is_cursor = app.rate().cursor == Some(row);
        let head = format!(
            "{}{} {head} ",
            if is_cursor { "▶" } else { " " },
            if is_recorded { "●" } else { " " },
        );
        let indent = text::UnicodeWidthStr::width(head.as_str());
        let rest_width = width.saturating_sub(indent).max(1);
        let style = if is_cursor {
            theme.selected
        } else {
            theme.text
        };
        let head_style = if is_recorded {
            style.patch(theme.emphasis)
        } else {
            style
        };
        let parts = if expand == Expand::All || (is_cursor && expand == Expand::Cursor) {
            text::wrap(&rest, rest_width)
        } else {
            vec![text::clip_words(&rest, rest_width)]
        };
        for (i, part) in parts.into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(head.clone(), head_style)
            } else {
                Span::styled(" ".repeat(indent), style)
            };
            lines.push(Line::from(vec![lead, Span::styled(part, style)]));
            line_rows.push(row);
        }
    }
    (lines, line_rows)
}

/// One choice of the levels list.
struct LevelRow {
    /// Its row among the competency's choices.
    row: usize,
    /// Its value and label.
    head: String,
    /// Its text, after the targets and others' names at it.
    rest: String,
    /// Whether it is the rating recorded.
    recorded: bool,
}

/// The value and label columns of the levels list.
struct LevelHeads {
    label_width: usize,
    value_width: usize,
}

impl LevelHeads {
    /// The label column as wide as the longest label ("Set strategy, inspire, mobilise"), up
    /// to a third of the width (a longer label is cut with "…", so every descriptor starts in
    /// the same column); values right-aligned to the widest ("10").
    fn new(app: &App, width: usize) -> LevelHeads {
        let fw = app.framework();
        let label_width = fw
            .scale
            .levels
            .iter()
            .map(|l| text::UnicodeWidthStr::width(l.label.as_str()))
            .chain([
                3,
                text::UnicodeWidthStr::width(fw.scale.none.label.as_str()),
            ])
            .max()
            .unwrap_or(8)
            .min((width / 3).max(8));
        let value_width = fw
            .scale
            .values()
            .map(|l| l.to_string().len())
            .max()
            .unwrap_or(1);
        LevelHeads {
            label_width,
            value_width,
        }
    }

    /// A choice's value, right-aligned, and its label filling the label column.
    fn head(&self, value: &str, label: &str) -> String {
        let cut = text::truncate(label, self.label_width);
        let w = text::UnicodeWidthStr::width(cut.as_str());
        let pad = " ".repeat(self.label_width.saturating_sub(w));
        format!("{value:>width$} {cut}{pad}", width = self.value_width)
    }
}

/// The current competency's choices on the levels list: each level it can be rated at (with
/// "none" where it has one), then N/A.
fn level_rows(app: &App, width: usize) -> Vec<LevelRow> {
    let fw = app.framework();
    let c = app.rate().current;
    let recorded = app.assessment().rating(&fw.competencies[c].id);
    let heads = LevelHeads::new(app, width);
    let others = review::others(app.assessment());
    let beside = review::beside(app.assessment(), &others, &fw.competencies[c].id);
    let choices = fw.choices(c);
    let mut rows: Vec<LevelRow> = choices
        .iter()
        .enumerate()
        .filter_map(|(row, r)| r.level().map(|level| (row, level)))
        .map(|(row, level)| {
            if level.is_none() {
                return LevelRow {
                    row,
                    head: heads.head("-", &fw.scale.none.label),
                    rest: app.voice().say(&fw.scale.none.descriptor),
                    recorded: recorded == Some(Rating::Level(level)),
                };
            }
            let scale = fw.scale.level(level);
            let names = beside
                .as_ref()
                .map_or_else(Vec::new, |b| b.names_at(Rating::Level(level)));
            let tag = level_tag(app, level, &names);
            // A competency's own anchor says how complex the work is; the generic descriptor
            // takes the scale's complexity hint.
            let anchor = fw.competencies[c].anchor(level);
            let hint = match (anchor, &scale.hint) {
                (None, Some(h)) => format!(" ({h})"),
                _ => String::new(),
            };
            LevelRow {
                row,
                head: heads.head(&level.to_string(), &scale.label),
                rest: format!("{tag}{}{hint}", app.voice().say(fw.level_text(c, level))),
                recorded: recorded == Some(Rating::Level(level)),
            }
        })
        .collect();
    rows.push(LevelRow {
        row: choices.len() - 1,
        head: heads.head("n", "N/A"),
        // Someone rating another person reads "not part of their work".
        rest: app.voice().say(&fw.scale.na),
        recorded: recorded == Some(Rating::NotApplicable),
    });
    rows
}

/// What a level of the current competency is tagged with: the targets (when shown) set at
/// it, then the names of others who rated it there.
fn level_tag(app: &App, level: crate::domain::Level, names: &[&str]) -> String {
    let fw = app.framework();
    let c = app.rate().current;
    let [p0, p1] = fw.main_profiles;
    let show_targets = app.targets_shown();
    let tags: Vec<&str> = [(p0, 0), (p1, 1)]
        .into_iter()
        .filter(|(p, _)| show_targets && fw.target(*p, c) == level)
        .map(|(_, r)| fw.side_short(r))
        .collect();
    let mut tag = if tags.is_empty() {
        String::new()
    } else {
        format!("[{} target] ", tags.join(" & "))
    };
    if !names.is_empty() {
        tag.push_str(&format!("[{}] ", names.join(", ")));
    }
    tag
}

/// Draws the level list, recording the lines of each level for clicks.
fn render_levels(
    frame: &mut Frame,
    area: Rect,
    (lines, rows): (Vec<Line<'_>>, Vec<usize>),
    title: String,
    theme: &Theme,
    drawn: &mut Drawn,
) {
    let block = block(Span::styled(title, theme.title), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
    for (line, row) in rows.into_iter().enumerate().take(usize::from(inner.height)) {
        let on_screen = Rect::new(inner.x, inner.y + line as u16, inner.width, 1);
        drawn.regions.click(on_screen, Target::Level(row));
    }
}

fn render_note(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(editor) = &app.rate().editor {
        let mut editor = editor.clone();
        editor.set_block(block(
            Span::styled(strings::note_editing_title(), theme.title),
            true,
            theme,
        ));
        editor.set_cursor_line_style(ratatui::style::Style::new());
        frame.render_widget(&editor, area);
        return;
    }
    let block = block(
        Span::styled(strings::note_title(app.read_only()), theme.title),
        false,
        theme,
    );
    let inner = padded_inner(frame, area, block);
    let note = app
        .assessment()
        .note(&app.framework().competencies[app.rate().current].id);
    let competency = &app.framework().competencies[app.rate().current];
    let lines: Vec<Line> = if note.is_empty() {
        match app.assessment().rating(&competency.id) {
            Some(Rating::Level(level))
                if app.framework().scale.is_high(level) && !app.read_only() =>
            {
                text::wrap(
                    &strings::person::evidence_prompt(app.voice(), level),
                    usize::from(inner.width),
                )
                .into_iter()
                .map(|l| Line::styled(l, theme.emphasis))
                .collect()
            }
            _ => vec![Line::styled("No note yet.", theme.dim)],
        }
    } else {
        text::wrap(note, usize::from(inner.width))
            .into_iter()
            .map(Line::from)
            .collect()
    };
    // The preview shows the start of a long note; the editor shows all of it.
    let open = strings::read_all_note();
    render_scrolled(frame, inner, lines, 0, Some(&open));
}
