//! Rate screen: one competency at a time, the six levels and N/A, and the evidence note.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{
    Drawn, Pane, Target, Theme, block, padded_inner, practice_lines, render_scrolled, scroll_keys,
    text, title_lines, wrapped,
};
use crate::app::{Action, App, EVIDENCE_FROM, Mode};
use crate::domain::{Rating, Screen};
use crate::input;
use crate::review::{self, strings as strings_review};
use crate::strings;

/// Width from which the levels sit beside the description.
const TWO_COLUMN_WIDTH: u16 = 110;

/// Rows the competency pane needs to be of use: its borders, the id and name, and the first
/// line of the description.
const INFO_MIN: u16 = 4;

/// How many level descriptors are wrapped in full; the others are cut to one line at a word,
/// with "…".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expand {
    All,
    Cursor,
    None,
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, drawn: &mut Drawn) {
    // The note gets the lines it needs as wrapped (up to four; the rest is marked and `e`
    // opens all of it) unless it is being edited.
    let note_height = |width: u16| {
        let note = app
            .assessment()
            .note(&app.framework().competencies[app.rate().current].id);
        let lines = text::wrap(note, usize::from(width.saturating_sub(4)))
            .len()
            .clamp(1, 4) as u16;
        if app.editing() { 7 } else { lines + 2 }
    };
    if area.width >= TWO_COLUMN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        let (levels, level_rows) = level_lines(
            app,
            usize::from(right.width.saturating_sub(3)),
            Expand::All,
            theme,
        );
        // The note takes the rows it needs (the editor takes what is left); the competency
        // text on the left has the full height.
        let note = if app.editing() {
            Constraint::Min(3)
        } else {
            Constraint::Length(note_height(right.width))
        };
        let [levels_area, note, _] = Layout::vertical([
            Constraint::Length(levels.len() as u16 + 2),
            note,
            Constraint::Fill(1),
        ])
        .areas(right);
        // The competency's pane is as tall as its text, or as the levels and the note beside
        // it, so a tall terminal shows no box of empty rows; it scrolls when the text is longer.
        let info = info_lines(app, usize::from(left.width.saturating_sub(4)), theme);
        let beside = note.bottom().saturating_sub(right.y);
        let left = Rect {
            height: (info.len() as u16 + 2).max(beside).min(left.height),
            ..left
        };
        drawn.rate_info = Some(render_info(frame, left, app, info, theme));
        drawn.regions.pane(left, Pane::RateInfo);
        render_levels(
            frame,
            levels_area,
            (levels, level_rows),
            strings::person::levels_title(
                app.voice(),
                &strings::levels_title_on(app.read_only(), &app.framework().scale),
            ),
            theme,
            drawn,
        );
        render_note(frame, note, app, theme);
    } else {
        let note_height = note_height(area.width);
        let width = usize::from(area.width.saturating_sub(3));
        let lines = |expand| level_lines(app, width, expand, theme);
        let fits = |levels: &(Vec<Line>, Vec<usize>), note: u16, spare: u16| {
            levels.0.len() as u16 + 2 + note + spare <= area.height
        };
        // Every descriptor in full when that still leaves room to read the competency; else
        // the highlighted one; else each on one line. The note shrinks to one line before the
        // competency loses its name and first line.
        let mut levels = lines(Expand::All);
        if !fits(&levels, note_height, 10) {
            levels = lines(Expand::Cursor);
        }
        if !fits(&levels, note_height, INFO_MIN) {
            levels = lines(Expand::None);
        }
        let one_line_note = !app.editing() && !fits(&levels, note_height, INFO_MIN);
        let note_height = if one_line_note { 1 } else { note_height };
        let [info, levels_area, note] = Layout::vertical([
            Constraint::Min(2),
            Constraint::Length(levels.0.len() as u16 + 2),
            Constraint::Length(note_height),
        ])
        .areas(area);
        let lines = info_lines(app, usize::from(info.width.saturating_sub(4)), theme);
        drawn.rate_info = Some(render_info(frame, info, app, lines, theme));
        drawn.regions.pane(info, Pane::RateInfo);
        render_levels(
            frame,
            levels_area,
            levels,
            strings::person::levels_title(
                app.voice(),
                &strings::levels_title_on(app.read_only(), &app.framework().scale),
            ),
            theme,
            drawn,
        );
        if one_line_note {
            render_note_line(frame, note, app, theme);
        } else {
            render_note(frame, note, app, theme);
        }
    }
}

/// The note on one line, for small terminals: its start, cut at a word with "…", and the key
/// that opens it.
fn render_note_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let competency = &app.framework().competencies[app.rate().current];
    let note = app.assessment().note(&competency.id);
    let key = input::keys_for(Mode::Screen(Screen::Rate), &Action::EditNote);
    let prefix = if app.read_only() {
        " Note: ".to_string()
    } else {
        format!(" Note ({key}): ")
    };
    let width =
        usize::from(area.width).saturating_sub(text::UnicodeWidthStr::width(prefix.as_str()) + 1);
    let first = note.lines().next().unwrap_or("");
    let (body, style) = if note.is_empty() {
        ("none yet".to_string(), theme.dim)
    } else if first.len() < note.trim_end().len() {
        (clip_words(&format!("{first} …"), width), theme.text)
    } else {
        (clip_words(first, width), theme.text)
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(prefix, theme.title),
            Span::styled(body, style),
        ]),
        area,
    );
}

/// `text` in `width` columns: whole, or cut after the last word that fits, with "…".
fn clip_words(text_value: &str, width: usize) -> String {
    if text::UnicodeWidthStr::width(text_value) <= width {
        return text_value.to_string();
    }
    let first = text::wrap(text_value, width.saturating_sub(1).max(1))
        .into_iter()
        .next()
        .unwrap_or_default();
    format!("{}…", first.trim_end())
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
    let block = block(title, !app.editing(), theme);
    let inner = padded_inner(frame, area, block);
    let keys = scroll_keys(Screen::Rate);
    render_scrolled(frame, inner, lines, app.rate().info_scroll, Some(&keys))
}

/// The competency's text on Rate, wrapped to `width`: who is reviewed (in a review file), its
/// name and status, second opinions, what it means in each role's practice, and the targets.
fn info_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
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
    let mut targets: Vec<String> = fw
        .profiles
        .iter()
        .enumerate()
        .filter(|&(p, _)| fw.requires(p, c))
        .map(|(p, profile)| format!("{} {}", profile.short, fw.target(p, c)))
        .collect();
    // Profiles that do not require it are counted, not listed.
    let not_required = (0..fw.profiles.len())
        .filter(|&p| !fw.requires(p, c))
        .count();
    if not_required > 0 {
        targets.push(strings::not_required_by(not_required));
    }
    lines.push(Line::default());
    if app.targets_shown() {
        lines.extend(wrapped(
            "Targets: ",
            &targets.join(" · "),
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
    lines
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
/// (level, or `NA_ROW`) of each line, for clicks.
fn level_lines<'a>(
    app: &App,
    width: usize,
    expand: Expand,
    theme: &Theme,
) -> (Vec<Line<'a>>, Vec<usize>) {
    let fw = app.framework();
    let c = app.rate().current;
    let recorded = app.assessment().rating(&fw.competencies[c].id);
    // The label column is as wide as the longest label ("Set strategy, inspire, mobilise"),
    // up to a third of the width; a longer label is cut with "…", so every descriptor starts
    // in the same column. Values are right-aligned to the widest ("10").
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
    let label = |text: &str| {
        let cut = text::truncate(text, label_width);
        let w = text::UnicodeWidthStr::width(cut.as_str());
        format!("{cut}{}", " ".repeat(label_width.saturating_sub(w)))
    };
    let [p0, p1] = fw.main_profiles;
    let show_targets = app.targets_shown();
    let others = review::others(app.assessment());
    let beside = review::beside(app.assessment(), &others, &fw.competencies[c].id);
    let choices = fw.choices(c);
    let mut rows: Vec<(usize, String, String, bool)> = choices
        .iter()
        .enumerate()
        .filter_map(|(row, r)| r.level().map(|level| (row, level)))
        .map(|(row, level)| {
            if level.is_none() {
                return (
                    row,
                    format!("{:>value_width$} {}", "-", label(&fw.scale.none.label)),
                    app.voice().say(&fw.scale.none.descriptor),
                    recorded == Some(Rating::Level(level)),
                );
            }
            let scale = fw.scale.level(level);
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
            if let Some(beside) = &beside {
                let names = beside.names_at(Rating::Level(level));
                if !names.is_empty() {
                    tag.push_str(&format!("[{}] ", names.join(", ")));
                }
            }
            // A competency's own anchor says how complex the work is; the generic descriptor
            // takes the scale's complexity hint.
            let anchor = fw.competencies[c].anchor(level);
            let hint = match (anchor, &scale.hint) {
                (None, Some(h)) => format!(" ({h})"),
                _ => String::new(),
            };
            (
                row,
                format!(
                    "{:>value_width$} {}",
                    level.to_string(),
                    label(&scale.label)
                ),
                format!("{tag}{}{hint}", app.voice().say(fw.level_text(c, level))),
                recorded == Some(Rating::Level(level)),
            )
        })
        .collect();
    rows.push((
        choices.len() - 1,
        format!("{:>value_width$} {}", "n", label("N/A")),
        // Someone rating another person reads "not part of their work".
        app.voice().say(&fw.scale.na),
        recorded == Some(Rating::NotApplicable),
    ));
    let mut lines = Vec::new();
    let mut line_rows = Vec::new();
    for (row, head, rest, is_recorded) in rows {
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
            vec![clip_words(&rest, rest_width)]
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
            Some(Rating::Level(level)) if level.value() >= EVIDENCE_FROM && !app.read_only() => {
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
    let open = format!(
        "{} to read all",
        input::keys_for(Mode::Screen(Screen::Rate), &Action::EditNote)
    );
    render_scrolled(frame, inner, lines, 0, Some(&open));
}
