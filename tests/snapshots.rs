//! Full-screen snapshots of every screen from the real `ui::render`, at 80×24 and 120×40
//! (Results also at 100×30), without colour as under `NO_COLOR`, and the contrast of every
//! screen in both colour themes under every common palette.
//!
//! One file because its 25 tests share the app builders and the insta settings; each screen is
//! its own section.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rolefit::app::{App, AppInit, Event, Intent, LockState, Opened};
use rolefit::clock::utc_from_epoch;
use rolefit::domain::{Assessment, Framework, Level, Rating};
use rolefit::storage::Unreadable;
use rolefit::ui::contrast::{self, PALETTES};
use rolefit::ui::theme::Background;

fn level(n: u8) -> Rating {
    Rating::Level(Level::new(n).unwrap())
}

/// A fresh app with a fixed clock, as on first run.
fn fresh() -> App {
    fresh_on(None)
}

/// A fresh app in monochrome (`None`) or in colour on this background, its name already given
/// (the question a first run asks has its own snapshots, `asking`).
fn fresh_on(colour: Option<Background>) -> App {
    let fw = rolefit::storage::framework::builtin();
    let mut assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    assessment.display_name = Some("Sam Taylor".into());
    let init = fresh_init(fw, assessment);
    App::new(match colour {
        None => init,
        Some(background) => init.color(true).background(background),
    })
}

/// What a first run starts from, without colour.
fn fresh_init(fw: Framework, assessment: Assessment) -> AppInit {
    AppInit::new(fw, assessment)
        .opened(Opened::FirstRun)
        .color(false)
}

fn apply(app: &mut App, actions: &[Intent]) {
    for action in actions {
        app.update(action.clone(), rolefit::clock::utc_from_epoch(0));
    }
}

/// Types `text` into the field with the keyboard, a key at a time.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(
            Intent::Edit(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            rolefit::clock::utc_from_epoch(0),
        );
    }
}

/// An app with a few ratings and a note, on the given screen.
fn rated() -> App {
    rated_on(None)
}

fn rated_on(colour: Option<Background>) -> App {
    let mut app = fresh_on(colour);
    apply(
        &mut app,
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::Rate(level(4)),
            Intent::Rate(level(3)),
            Intent::Rate(level(5)),
            Intent::EditNote,
        ],
    );
    type_text(&mut app, "Planned the 2025 ERP rollout end to end.");
    apply(
        &mut app,
        &[Intent::CloseEditor, Intent::Rate(Rating::NotApplicable)],
    );
    // Back to the competency with the note.
    apply(&mut app, &[Intent::Left]);
    app
}

fn draw(app: &mut App, width: u16, height: u16) -> TestBackend {
    app.update(
        Event::Resize(width, height),
        rolefit::clock::utc_from_epoch(0),
    );
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| rolefit::ui::render(frame, app))
        .unwrap();
    terminal.backend().clone()
}

macro_rules! snap {
    ($name:literal, $app:expr, $w:expr, $h:expr) => {{
        let mut app = $app;
        let backend = draw(&mut app, $w, $h);
        insta::assert_snapshot!($name, backend);
    }};
}

/// A first run asks one thing, the person's name, in a one-line field of the welcome that
/// has the keyboard from the first frame; a file saved before rolefit kept names is asked
/// once, in a popup over the screen it resumes on.
#[test]
fn asking() {
    let asking = || {
        let fw = rolefit::storage::framework::builtin();
        let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
        App::new(fresh_init(fw, assessment))
    };
    snap!("roles_80x24_first_run_asks_name", asking(), 80, 24);
    snap!("roles_120x40_first_run_asks_name", asking(), 120, 40);
    snap!("roles_60x18_first_run_asks_name", asking(), 60, 18);
    let mut typed = asking();
    type_text(&mut typed, "Zoë Nakamura 中村");
    snap!("roles_80x24_first_run_name_typed", typed, 80, 24);
    let mut answered = asking();
    type_text(&mut answered, "Zoë Nakamura 中村");
    apply(&mut answered, &[Intent::Confirm]);
    snap!("roles_80x24_first_run_name_kept", answered, 80, 24);
    // An older file, resumed on Rate: the question pops up over it.
    let fw = rolefit::storage::framework::builtin();
    let mut older = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    older.position.screen = rolefit::domain::Screen::Rate;
    older.set_rating(&"DP1".into(), Some(level(3)));
    let app = App::new(AppInit::new(fw, older).opened(Opened::Resumed).color(false));
    snap!("rate_80x24_older_file_asks_name", app, 80, 24);
}

#[test]
fn roles() {
    snap!("roles_80x24_first_run", fresh(), 80, 24);
    snap!("roles_120x40_first_run", fresh(), 120, 40);
    let mut app = fresh();
    apply(&mut app, &[Intent::Back, Intent::Right]);
    snap!("roles_80x24_second_pane", app, 80, 24);
    let mut app = fresh();
    apply(&mut app, &[Intent::ToggleFlavours]);
    // Each target a flavour changes on its own line, by name, never split from its level
    // change (N-D36).
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(
        text.contains("  4→5 RI5 Cross-portfolio risk oversight  "),
        "{text}"
    );
    snap!("roles_120x40_flavours", app, 120, 40);
    snap!("roles_60x18_minimum", fresh(), 60, 18);
    // A tall terminal: the panes as tall as their text, the flavours below them (N-D28).
    let mut app = fresh();
    apply(&mut app, &[Intent::Back]);
    let text = format!("{}", draw(&mut app, 200, 60));
    assert!(
        text.contains("PMO Manager flavours · f shows them in its pane"),
        "{text}"
    );
    assert!(text.contains("Centre of Excellence"), "{text}");
    snap!("roles_200x60_flavours_below", app, 200, 60);
}

#[test]
fn grid() {
    let mut app = fresh();
    apply(&mut app, &[Intent::NextScreen]);
    snap!("grid_80x24_collapsed", app, 80, 24);
    let mut app = rated();
    apply(
        &mut app,
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::Activate,
        ],
    );
    apply(&mut app, &[Intent::Down, Intent::Down, Intent::Right]);
    snap!("grid_80x24_expanded_rated", app, 80, 24);
    let mut app = rated();
    apply(
        &mut app,
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::Activate,
        ],
    );
    apply(
        &mut app,
        &[
            Intent::Down,
            Intent::Down,
            Intent::Right,
            Intent::Right,
            Intent::Right,
        ],
    );
    snap!("grid_120x40_expanded_rated", app, 120, 40);
}

#[test]
fn grid_cells_say_what_they_are() {
    let mut app = rated();
    apply(
        &mut app,
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
        ],
    );
    apply(&mut app, &[Intent::End]);
    for (width, height) in [(60, 18), (80, 24)] {
        let text = format!("{}", draw(&mut app, width, height));
        // Area rows count answers as a fraction the legend names (N-D9): not read as a level;
        // the legend names the marks.
        assert!(text.contains("0/4"), "{text}");
        assert!(text.contains("areas: 5/5 answered"), "{text}");
        assert!(text.contains("◆ tells roles apart"), "{text}");
        if width == 80 {
            assert!(text.contains("ready %"), "{text}");
        }
        // The PM's focus on Capability Development is not the rating N/A.
        let cd = text.lines().find(|l| l.contains("Capability")).unwrap();
        assert!(!cd.contains("N/A") && cd.contains("— not"), "{cd}");
    }
    insta::assert_snapshot!("grid_60x18_collapsed_end", draw(&mut app, 60, 18));
    insta::assert_snapshot!("grid_80x24_collapsed_end", draw(&mut app, 80, 24));
}

#[test]
fn rate() {
    snap!("rate_80x24_with_note", rated(), 80, 24);
    snap!("rate_120x40_with_note", rated(), 120, 40);
    let mut app = rated();
    apply(&mut app, &[Intent::EditNote]);
    snap!("rate_80x24_editing", app, 80, 24);
}

/// Rate at every size: the competency's name, every level's label, scroll markers for what is
/// cut; at 60x18 the anchors not highlighted are cut at a word with "…" and the note is one
/// line; at 80x24 every anchor is whole; at 200x60 the competency pane is as tall as its text
/// or the levels beside it (no box of empty rows) and the note takes the rows below both.
#[test]
fn rate_at_every_size() {
    snap!("rate_60x18_fresh", fresh_rate(), 60, 18);
    snap!("rate_60x18_with_note", rated(), 60, 18);
    snap!("rate_80x24_fresh", fresh_rate(), 80, 24);
    snap!("rate_200x60_with_note", rated(), 200, 60);
    // No box of empty rows on a tall terminal: the competency pane ends with the column beside
    // it, so only a few of its rows are blank (they were over forty when it took the height).
    let text = format!("{}", draw(&mut rated(), 200, 60));
    let empty_rows = text
        .lines()
        .filter(|line| {
            let left: String = line.chars().skip(1).take(100).collect();
            left.starts_with('┃') && left[3..].trim_start().starts_with('┃')
        })
        .count();
    assert!(empty_rows < 10, "{empty_rows} empty rows:\n{text}");
}

fn fresh_rate() -> App {
    let mut app = fresh();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    app
}

/// A long one-line note: where the anchors leave room (100×30) the preview shows its start
/// with a marker naming the key that opens all of it; on a large terminal
/// the note box takes the rows left and shows all of it; at 80×24, where every anchor takes
/// the room, it is one line ending in "…"; the editor wraps it, so its start and end both show.
#[test]
fn rate_long_note_wraps_in_preview_and_editor() {
    const NOTE: &str = "Started by mapping every stakeholder of the ERP rollout, then agreed \
        the scope with finance and operations, wrote the requirements baseline, ran change \
        control for eighteen months and closed the project on budget, which the sponsor \
        signed off in the final review; afterwards I coached two junior project managers \
        through their first scope baselines and wrote the template the PMO now uses ENDMARK";
    let mut app = fresh();
    apply(
        &mut app,
        &[Intent::NextScreen, Intent::NextScreen, Intent::EditNote],
    );
    app.update(
        Intent::Paste(NOTE.to_string()),
        rolefit::clock::utc_from_epoch(0),
    );
    apply(&mut app, &[Intent::CloseEditor]);
    assert_eq!(
        app.assessment().note(&"DP1".into()),
        NOTE,
        "the stored text keeps its one line"
    );
    let preview = format!("{:?}", draw(&mut app, 100, 30));
    assert!(
        preview.contains("Started by") && !preview.contains("ENDMARK"),
        "the preview shows the start of the note:\n{preview}"
    );
    assert!(preview.contains("more (e to read all)"), "{preview}");
    let large = format!("{:?}", draw(&mut app, 120, 40));
    assert!(
        large.contains("Started by") && large.contains("ENDMARK"),
        "the note box shows all of the note:\n{large}"
    );
    let small = format!("{:?}", draw(&mut app, 80, 24));
    assert!(small.contains("Note (e): Started by"), "{small}");
    insta::assert_snapshot!("rate_80x24_long_note", draw(&mut app, 80, 24));
    apply(&mut app, &[Intent::EditNote]);
    let editing = format!("{:?}", draw(&mut app, 80, 24));
    assert!(
        editing.contains("the requirements baseline") && editing.contains("ENDMARK"),
        "the editor wraps, so more than the line's end shows:\n{editing}"
    );
    insta::assert_snapshot!("rate_80x24_long_note_editing", draw(&mut app, 80, 24));
}

#[test]
fn rate_hides_targets_until_rated_and_asks_for_evidence() {
    let mut app = fresh();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    // DP1 is not rated: its own anchors, no targets anywhere, and the key that shows them.
    insta::assert_snapshot!(
        "rate_100x30_unrated_targets_hidden",
        draw(&mut app, 100, 30)
    );
    insta::assert_snapshot!(
        "rate_120x40_unrated_targets_hidden",
        draw(&mut app, 120, 40)
    );
    // A 4 with no note: Rate moves on and the footer asks what shows a 4.
    apply(&mut app, &[Intent::Rate(level(4))]);
    insta::assert_snapshot!("rate_80x24_evidence_notice", draw(&mut app, 80, 24));
    // Back on DP1 the note pane asks, and the targets are shown now that it is rated.
    apply(&mut app, &[Intent::Left]);
    insta::assert_snapshot!("rate_120x40_rated_without_note", draw(&mut app, 120, 40));
    // The key shows the targets of unrated competencies too.
    apply(&mut app, &[Intent::Right, Intent::ToggleTargets]);
    insta::assert_snapshot!("rate_80x24_unrated_targets_shown", draw(&mut app, 80, 24));
}

#[test]
fn too_small_and_overlays() {
    snap!("too_small_40x12", fresh(), 40, 12);
    snap!("too_small_20x5", fresh(), 20, 5);
    let mut app = fresh();
    apply(&mut app, &[Intent::NextScreen, Intent::ToggleHelp]);
    snap!("help_grid_80x24", app, 80, 24);
    let fw = rolefit::storage::framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    let app = App::new(
        fresh_init(fw, assessment).opened(Opened::Unreadable(Unreadable {
            path: "/home/pat/.local/share/rolefit/assessments/default.toml".into(),
            line: Some((4, 9)),
            reason: "level 7 is outside the scale 0..=5".into(),
        })),
    );
    snap!("prompt_unreadable_80x24", app, 80, 24);
    let fw = rolefit::storage::framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    let app = App::new(fresh_init(fw, assessment).lock(LockState::Busy));
    snap!("prompt_locked_80x24", app, 80, 24);
}

#[test]
fn read_only_lists_no_key_that_writes() {
    let fw = rolefit::storage::framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    let mut app = App::new(
        fresh_init(fw, assessment).lock(LockState::Unavailable("read-only file system".into())),
    );
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    let screen = draw(&mut app, 80, 24);
    let text = format!("{screen}");
    // No pane title, footer or hint names a key that would write.
    for text in [text, format!("{}", draw(&mut app, 60, 18))] {
        assert!(!text.contains("0-5"), "{text}");
        assert!(
            !text.contains("to edit") && !text.contains("Note (e)"),
            "{text}"
        );
        assert!(text.contains("read-only"), "{text}");
    }
    insta::assert_snapshot!("rate_80x24_read_only", screen);
}

/// An app on Results with every competency rated by area (one level per area).
fn results_with(per_area: [u8; 7]) -> App {
    results_on(per_area, None)
}

fn results_on(per_area: [u8; 7], colour: Option<Background>) -> App {
    let mut app = fresh_on(colour);
    let ids: Vec<(rolefit::domain::CompetencyId, usize)> = app
        .framework()
        .competencies
        .iter()
        .map(|c| (c.id.clone(), c.area))
        .collect();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    for (_, area) in &ids {
        app.update(
            Intent::Rate(level(per_area[*area])),
            rolefit::clock::utc_from_epoch(0),
        );
    }
    apply(&mut app, &[Intent::NextScreen]);
    app
}

#[test]
fn results_suggest_a_second_opinion_when_nearly_every_rating_is_high() {
    snap!(
        "results_100x30_high_ratings",
        results_with([4, 4, 4, 5, 5, 4, 4]),
        100,
        30
    );
}

#[test]
fn results() {
    let pm = [4, 4, 3, 3, 3, 1, 1];
    let pmo = [2, 2, 4, 4, 4, 4, 4];
    let both = [4, 4, 3, 3, 3, 4, 4];
    snap!("results_60x18_leans_pm", results_with(pm), 60, 18);
    snap!("results_80x24_leans_pm", results_with(pm), 80, 24);
    snap!("results_200x60_leans_pm", results_with(pm), 200, 60);
    snap!("results_120x40_leans_pm", results_with(pm), 120, 40);
    snap!("results_80x24_leans_pmo", results_with(pmo), 80, 24);
    snap!("results_120x40_leans_pmo", results_with(pmo), 120, 40);
    snap!("results_80x24_straddles", results_with(both), 80, 24);
    snap!("results_120x40_straddles", results_with(both), 120, 40);
    snap!("results_100x30_leans_pm", results_with(pm), 100, 30);
    snap!("results_100x30_leans_pmo", results_with(pmo), 100, 30);
    snap!("results_100x30_straddles", results_with(both), 100, 30);
    // A flat profile: no role verdict and no "most telling" reasons.
    snap!("results_100x30_flat_1s", results_with([1; 7]), 100, 30);
    // 3 everywhere: exactly in the middle; the counts say what "straddles" rests on.
    snap!("results_80x24_flat_3s", results_with([3; 7]), 80, 24);
    snap!("results_100x30_flat_3s", results_with([3; 7]), 100, 30);
    // Four ratings: too early, and nothing else is said.
    let mut app = fresh();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    apply(&mut app, &[Intent::Rate(level(4)), Intent::Rate(level(3))]);
    apply(&mut app, &[Intent::Rate(level(4)), Intent::Rate(level(2))]);
    apply(&mut app, &[Intent::NextScreen]);
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(text.contains("Too early to tell: rate"), "{text}");
    assert!(
        !text.contains("Firm") && !text.contains("Close call"),
        "{text}"
    );
    assert!(
        !text.contains("PM ◀"),
        "no spectrum without a shape: {text}"
    );
    insta::assert_snapshot!("results_80x24_too_early", draw(&mut app, 80, 24));
    insta::assert_snapshot!("results_100x30_too_early", draw(&mut app, 100, 30));
    // The gap table is the lower panel at first; `v` shows the areas in its place.
    let mut app = results_with(pm);
    apply(&mut app, &[Intent::SwitchView]);
    snap!("results_80x24_areas", app, 80, 24);
    let mut app = fresh();
    apply(&mut app, &[Intent::PrevScreen, Intent::PrevScreen]);
    snap!("results_80x24_no_ratings", app, 80, 24);
    let mut app = results_with(pm);
    apply(&mut app, &[Intent::OpenPlan]);
    snap!("results_80x24_plan_editor", app, 80, 24);
    let mut app = results_with(pmo);
    apply(
        &mut app,
        &[Intent::ToggleWhatIf, Intent::Right, Intent::Right],
    );
    snap!("results_120x40_what_if", app, 120, 40);
}

/// Results: the gap table marks the rows above and below its window on its borders, the
/// footer says when keys were left out and names the key to all of them, and with the room the
/// areas and the gaps show together (no `v`).
#[test]
fn results_gap_markers_footer_overflow_and_stacking() {
    let pm = [4, 4, 3, 3, 3, 1, 1];
    let mut app = results_with(pm);
    apply(&mut app, &[const { Intent::Down }; 12]);
    snap!("results_80x24_gaps_scrolled", app, 80, 24);
    let mut app = results_with(pm);
    apply(&mut app, &[const { Intent::Down }; 12]);
    snap!("results_100x30_gaps_scrolled", app, 100, 30);
    snap!("results_100x34_areas_and_gaps", results_with(pm), 100, 34);
}

/// A what-if shows the fits it moved, before → after, and a title hint that is not cut; a
/// discard with changes asks first; keeping names what was kept.
#[test]
fn results_what_if_feedback() {
    let mut app = results_with([2, 2, 4, 4, 4, 4, 4]);
    apply(
        &mut app,
        &[Intent::ToggleWhatIf, Intent::Right, Intent::Right],
    );
    let backend = draw(&mut app, 80, 24);
    let screen = format!("{backend:?}");
    assert!(screen.contains("Esc discard"), "title hint cut:\n{screen}");
    assert!(screen.contains("% → "), "no before → after:\n{screen}");
    insta::assert_snapshot!("results_80x24_what_if_deltas", backend);
    apply(&mut app, &[Intent::Back]);
    let backend = draw(&mut app, 80, 24);
    assert!(format!("{backend:?}").contains("Discard the what-if?"));
    insta::assert_snapshot!("results_80x24_what_if_discard_prompt", backend);
    apply(&mut app, &[Intent::Cancel, Intent::ApplyWhatIf]);
    let backend = draw(&mut app, 80, 24);
    assert!(format!("{backend:?}").contains("Kept "));
    insta::assert_snapshot!("results_80x24_what_if_kept", backend);
}

/// Results → close a round → a typed label: the field shows the text at 100×30 and 200×60.
#[test]
fn results_round_label_shows_typed_text() {
    for (name, width, height) in [
        ("results_100x30_round_label_typed", 100, 30),
        ("results_200x60_round_label_typed", 200, 60),
    ] {
        let mut app = results_with([4, 4, 3, 3, 3, 1, 1]);
        apply(&mut app, &[Intent::CloseRound]);
        type_text(&mut app, "Before the review");
        let backend = draw(&mut app, width, height);
        assert!(
            format!("{backend:?}").contains("Before the review"),
            "{name}: the typed label is not shown"
        );
        insta::assert_snapshot!(name, backend);
    }
}

/// Search over the Grid at the smallest size, a query typed and the list cut; over Rate at
/// 100×30, scrolled (markers above and below), and with no match. The matched part of each
/// id and name is bold and underlined, not only coloured.
#[test]
fn search_overlay() {
    let mut app = rated();
    apply(&mut app, &[Intent::PrevScreen, Intent::OpenSearch]);
    type_text(&mut app, "ri");
    let backend = draw(&mut app, 60, 18);
    let shown = format!("{backend:?}");
    assert!(
        shown.contains("Find a competency") && shown.contains("10 of 33"),
        "{shown}"
    );
    insta::assert_snapshot!("search_60x18_typed", backend);

    let mut app = rated();
    apply(&mut app, &[Intent::OpenSearch]);
    app.update(Event::Resize(100, 30), rolefit::clock::utc_from_epoch(0));
    apply(&mut app, &vec![Intent::Down; 22]);
    let backend = draw(&mut app, 100, 30);
    let shown = format!("{backend:?}");
    assert!(
        shown.contains("↑ 2 more") && shown.contains("↓ 10 more"),
        "{shown}"
    );
    assert!(
        shown.contains("5 Expert") && shown.contains("N/A"),
        "ratings in words"
    );
    insta::assert_snapshot!("search_100x30_scrolled", backend);

    let mut app = rated();
    apply(&mut app, &[Intent::OpenSearch]);
    type_text(&mut app, "xyz");
    let backend = draw(&mut app, 100, 30);
    assert!(format!("{backend:?}").contains("No competency matches “xyz”"));
    insta::assert_snapshot!("search_100x30_no_match", backend);

    // An area's name finds its competencies, after those whose id or name match (N-D26).
    let mut app = rated();
    apply(&mut app, &[Intent::OpenSearch]);
    type_text(&mut app, "report");
    let backend = draw(&mut app, 100, 30);
    let shown = format!("{backend}");
    for id in ["RP1", "RP2", "RP3", "RP4", "RP5"] {
        assert!(shown.contains(id), "{id}: {shown}");
    }
    insta::assert_snapshot!("search_100x30_area_name", backend);

    // "ident" in "Risk identification": stressed by modifiers, the letters around it not.
    let mut app = rated();
    apply(&mut app, &[Intent::OpenSearch]);
    type_text(&mut app, "IDENT");
    let backend = draw(&mut app, 100, 30);
    let buffer = backend.buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.contains("Risk identification")
        })
        .expect("the match is listed");
    let line: Vec<_> = (0..buffer.area.width).map(|x| &buffer[(x, row)]).collect();
    let text: String = line.iter().map(|c| c.symbol()).collect();
    let at = text.find("identification").unwrap();
    let at = text[..at].chars().count();
    let stressed = |c: &ratatui::buffer::Cell| {
        c.modifier
            .contains(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED)
    };
    assert!(
        line[at..at + 5].iter().all(|c| stressed(c)),
        "ident stressed"
    );
    assert!(
        !stressed(line[at - 2]) && !stressed(line[at + 5]),
        "only ident"
    );
}

/// Every screen in a theme at 100×30, by name.
fn screens_on(background: Background) -> Vec<(&'static str, App)> {
    let colour = Some(background);
    let pm = [4, 4, 3, 3, 3, 1, 1];
    let with = |mut app: App, actions: &[Intent]| {
        apply(&mut app, actions);
        app
    };
    let grid = [
        Intent::NextScreen,
        Intent::NextScreen,
        Intent::NextScreen,
        Intent::Activate,
        Intent::Down,
        Intent::Down,
        Intent::Right,
    ];
    let fw = rolefit::storage::framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    let locked = App::new(
        fresh_init(fw, assessment)
            .lock(LockState::Busy)
            .color(true)
            .background(background),
    );
    vec![
        ("roles", fresh_on(colour)),
        ("grid", with(rated_on(colour), &grid)),
        ("rate", rated_on(colour)),
        ("rate, editing", with(rated_on(colour), &[Intent::EditNote])),
        ("results", results_on(pm, colour)),
        (
            "results, gaps",
            with(results_on(pm, colour), &[Intent::SwitchView]),
        ),
        (
            "results, plan",
            with(results_on(pm, colour), &[Intent::OpenPlan]),
        ),
        (
            "results, what-if",
            with(
                results_on(pm, colour),
                &[Intent::ToggleWhatIf, Intent::Right],
            ),
        ),
        (
            "help",
            with(fresh_on(colour), &[Intent::NextScreen, Intent::ToggleHelp]),
        ),
        ("prompt", locked),
    ]
}

/// Both colour themes on every screen, measured under every palette on the background the
/// theme is for: at least 95% of letters and digits reach 4.5:1 and none is below 3:1. The
/// figures are a snapshot, so a change in them shows in review.
#[test]
fn themes_read_under_every_palette() {
    let mut report = String::new();
    let mut failures = Vec::new();
    for background in [Background::Dark, Background::Light] {
        let screens: Vec<(&str, TestBackend)> = screens_on(background)
            .into_iter()
            .map(|(name, mut app)| (name, draw(&mut app, 100, 30)))
            .collect();
        for palette in PALETTES {
            let (mut letters, mut reaching, mut lowest) = (0usize, 0usize, f64::MAX);
            for (name, backend) in &screens {
                for cell in backend.buffer().content() {
                    if !cell.symbol().chars().any(char::is_alphanumeric) {
                        continue;
                    }
                    let m = cell.modifier;
                    let (fg, bg) = palette.cell(
                        background,
                        cell.fg,
                        cell.bg,
                        m.contains(ratatui::style::Modifier::BOLD),
                        m.contains(ratatui::style::Modifier::REVERSED),
                    );
                    let ratio = contrast::ratio(fg, bg);
                    letters += 1;
                    if ratio >= contrast::TEXT_AIM {
                        reaching += 1;
                    }
                    if ratio < lowest {
                        lowest = ratio;
                    }
                    if ratio < contrast::GLYPH_AIM {
                        failures.push(format!(
                            "{background:?}, {}: {:?} on {name} is {ratio:.2}:1",
                            palette.name,
                            cell.symbol()
                        ));
                    }
                }
            }
            let percent = 100.0 * reaching as f64 / letters as f64;
            if percent < 95.0 {
                failures.push(format!(
                    "{background:?}, {}: {percent:.1}% reach 4.5:1",
                    palette.name
                ));
            }
            report.push_str(&format!(
                "{background:?} theme, {}: {letters} letters and digits, {percent:.1}% reach \
                 4.5:1, lowest {lowest:.2}:1\n",
                palette.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::assert_snapshot!("themes_contrast", report);
}

/// Draws a frame and hands its scroll record back to the app, as the runtime does.
fn draw_back(app: &mut App, width: u16, height: u16) -> String {
    app.update(
        Event::Resize(width, height),
        rolefit::clock::utc_from_epoch(0),
    );
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut drawn = rolefit::ui::Drawn::default();
    terminal
        .draw(|frame| drawn = rolefit::ui::draw(frame, app))
        .unwrap();
    app.update(
        Event::Drawn(Box::new(drawn)),
        rolefit::clock::utc_from_epoch(0),
    );
    format!("{}", terminal.backend())
}

/// At 60×18 nothing is cut without a sign: the tab bar keeps every tab whole, the grid's
/// headings and focus labels end in "…" rather than breaking a word, the grid and the areas
/// chart count the rows they cannot show, and the areas chart scrolls with the moves.
#[test]
fn small_terminals_cut_nothing_without_a_marker() {
    let mut app = results_with([4, 4, 3, 3, 3, 1, 1]);
    apply(&mut app, &[Intent::SwitchView]);
    let text = draw_back(&mut app, 60, 18);
    let tabs = text.lines().next().unwrap();
    assert!(
        tabs.contains("[Results]") && tabs.contains("33/33"),
        "{tabs}"
    );
    // Seven areas, three rows of room below the verdict and both main profiles' readiness:
    // the chart counts the four below and scrolls to them.
    assert!(text.contains("↓ 4 more"), "{text}");
    assert!(!text.contains("Framework"), "{text}");
    apply(&mut app, &[const { Intent::Down }; 5]);
    let text = draw_back(&mut app, 60, 18);
    assert!(
        text.contains("↑ 4 more") && text.contains("Framework"),
        "{text}"
    );
    insta::assert_snapshot!("results_60x18_areas_scrolled", text);

    let mut app = rated();
    apply(
        &mut app,
        &[Intent::PrevScreen, Intent::Home, Intent::Activate],
    );
    for _ in 0..4 {
        apply(&mut app, &[Intent::Down]);
    }
    apply(&mut app, &[Intent::Back]);
    apply(&mut app, &[const { Intent::Down }; 3]);
    let text = draw_back(&mut app, 60, 18);
    assert!(text.contains("Area / competen…"), "{text}");
    // "Operational" is one word: cut with "…", never split over two lines.
    assert!(!text.contains("Operationa "), "{text}");
    assert!(text.contains("↓ "), "{text}");
    insta::assert_snapshot!("grid_60x18_narrow_cells", text);
}

/// `t` on Results brings the newly chosen profile into the verdict panel's view when the
/// panel is scrolled away from it.
#[test]
fn choosing_a_target_scrolls_the_verdict_panel_to_it() {
    let mut app = results_with([4, 4, 3, 3, 3, 1, 1]);
    draw_back(&mut app, 60, 18);
    let last = app.framework().profiles.len() - 1;
    for _ in 0..last {
        apply(&mut app, &[Intent::CycleTarget]);
        let text = draw_back(&mut app, 60, 18);
        let name = &app.framework().profiles[app.target_profile()].name;
        let marked = format!("▸{}", &name[..name.len().min(12)]);
        assert!(text.contains(&marked), "{marked} not in view:\n{text}");
    }
}

/// Help taller than the terminal scrolls, with markers naming the keys, so no key is hidden
/// without a sign; `q` closes it.
#[test]
fn help_scrolls_when_the_terminal_is_short() {
    let mut app = results_with([4, 4, 3, 3, 3, 1, 1]);
    apply(&mut app, &[Intent::ToggleHelp]);
    let text = draw_back(&mut app, 80, 24);
    assert!(text.contains("↓ more (↑↓)"), "{text}");
    assert!(!text.contains("suspend to the shell"), "{text}");
    apply(&mut app, &[Intent::End]);
    let text = draw_back(&mut app, 80, 24);
    assert!(text.contains("↑ more (↑↓)"), "{text}");
    assert!(text.contains("suspend to the shell"), "{text}");
    insta::assert_snapshot!("help_results_80x24_scrolled_to_end", text);
    apply(&mut app, &[Intent::Back]);
    assert_eq!(
        app.mode(),
        rolefit::app::Mode::Screen(rolefit::domain::Screen::Results)
    );
    // Where the help fits, the footer says nothing of scrolling it (N-D31).
    apply(&mut app, &[Intent::PrevScreen, Intent::ToggleHelp]);
    let text = draw_back(&mut app, 120, 40);
    assert!(!text.contains("more (↑↓)"), "{text}");
    assert!(!text.lines().last().unwrap().contains("scroll"), "{text}");
}

/// An assessment rated by area ([4, 4, 3, 3, 3, 1, 1]) with two imported reviews: Sam two
/// levels below on Delivery Planning and the same elsewhere, Kim one above on Risk & Issues and
/// two above on Capability Development, rating nothing else.
fn reviewed() -> App {
    let fw = rolefit::storage::framework::builtin();
    let mut a = Assessment::new("alex", &fw, utc_from_epoch(1_795_888_800));
    let own = [4u8, 4, 3, 3, 3, 1, 1];
    let mut sam = rolefit::domain::Review {
        id: "r1".into(),
        ..Default::default()
    };
    let mut kim = rolefit::domain::Review {
        id: "r2".into(),
        ..Default::default()
    };
    let entry = |n: u8| rolefit::domain::Entry {
        rating: Some(level(n)),
        ..Default::default()
    };
    for c in &fw.competencies {
        let mine = own[c.area];
        a.set_rating(&c.id, Some(level(mine)));
        let theirs = if c.area == 0 { mine - 2 } else { mine };
        sam.ratings.insert(c.id.clone(), entry(theirs));
        match c.area {
            1 => {
                kim.ratings.insert(c.id.clone(), entry(mine + 1));
            }
            5 => {
                kim.ratings.insert(c.id.clone(), entry(mine + 2));
            }
            _ => {}
        }
    }
    // One competency unrated by the user: the reviewers' levels stay hidden there.
    a.set_rating(&"DP5".into(), None);
    a.reviews.insert("Sam".into(), sam);
    a.reviews.insert("Kim".into(), kim);
    a.display_name = Some("Alex Moreau".into());
    App::new(fresh_init(fw, a))
}

#[test]
fn second_opinions_beside_your_own() {
    // Grid: "You/Kim/Sam" with "!" on two levels apart, "?" where you have not rated.
    let mut app = reviewed();
    apply(&mut app, &[Intent::NextScreen, Intent::Activate]);
    apply(&mut app, &[Intent::Down]);
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(text.contains("You/Kim/Sam"), "{text}");
    assert!(text.contains("4/·/2 !"), "{text}");
    assert!(text.contains("·/?"), "{text}");
    assert!(text.contains("talk about this"), "{text}");
    snap!("grid_80x24_two_reviewers", app, 80, 24);

    // Rate: the reviewers' levels once you have rated; hidden on the one you have not.
    let mut app = reviewed();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(
        text.contains("Second opinions: Kim not rated · Sam 2 — talk about this"),
        "{text}"
    );
    assert!(text.contains("[Sam]"), "{text}");
    snap!("rate_80x24_two_reviewers", app, 80, 24);
    let mut app = reviewed();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    apply(&mut app, &[const { Intent::Right }; 4]);
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(text.contains("DP5"), "{text}");
    assert!(text.contains("shown once you have rated this"), "{text}");
    assert!(!text.contains("[Sam]") && !text.contains("[Kim]"), "{text}");

    // Results: one calibration sentence per reviewer (below the verdict and readiness, in
    // view on a taller terminal); the gap rows flag "talk".
    let mut app = reviewed();
    apply(&mut app, &[Intent::PrevScreen, Intent::PrevScreen]);
    let text = format!("{}", draw(&mut app, 120, 40));
    assert!(
        text.contains("You rate yourself higher than Sam on 4 competencies,"),
        "{text}"
    );
    snap!("results_80x24_two_reviewers", app, 80, 24);
    // Against the PMO Manager profile (chosen with t), where Kim's 3 is a gap row in view.
    let mut app = reviewed();
    apply(
        &mut app,
        &[
            Intent::PrevScreen,
            Intent::PrevScreen,
            Intent::CycleTarget,
            Intent::Home,
        ],
    );
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(text.contains("Gaps vs PMO Manager"), "{text}");
    assert!(text.contains("⚑ talk: Kim 3"), "{text}");
    snap!("results_80x24_two_reviewers_gaps", app, 80, 24);
}

/// Status messages never lose their end (N-D13): at 80×24 a message too long for its line
/// beside the save state wraps onto the keys' line until the next key, and the message and
/// the save state never run together (N-D30). The key facts come first: the levels an undo
/// changed, the report's file name.
#[test]
fn status_messages_keep_their_end_and_stand_apart_from_the_save_state() {
    let saved = |app: &mut App| {
        app.update(
            Event::Saved {
                at: "04:33:39".into(),
            },
            rolefit::clock::utc_from_epoch(0),
        );
    };
    // An undo on the last competency, whose name is long.
    let mut app = fresh_rate();
    apply(
        &mut app,
        &[Intent::End, Intent::Rate(Rating::NotApplicable)],
    );
    saved(&mut app);
    apply(&mut app, &[Intent::Undo]);
    let text = format!("{}", draw(&mut app, 80, 24));
    let footer: Vec<&str> = text.lines().rev().take(2).collect();
    let footer = format!("{}\n{}", footer[1], footer[0]);
    assert!(
        footer.contains("Undid: FD4 N/A → not rated") && footer.contains("PMO service)"),
        "{footer}"
    );
    assert!(
        footer.contains("   Saved 04:33:39"),
        "apart from the save state: {footer}"
    );
    insta::assert_snapshot!("rate_80x24_undo_notice", text);
    // The next key gives the keys' line back.
    apply(&mut app, &[Intent::Right]);
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(
        text.lines().last().unwrap().contains("Tab screen"),
        "{text}"
    );

    // A report written to a long path: its file name whole, then the folder.
    let mut app = results_with([4, 4, 3, 3, 3, 1, 1]);
    app.update(
        Event::Exported(Ok(
            "/home/pat.example/.local/share/rolefit/reports/default-2026-12-07-0433.md".into(),
        )),
        rolefit::clock::utc_from_epoch(0),
    );
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(text.contains("default-2026-12-07-0433.md"), "{text}");
    assert!(text.contains("rolefit/reports"), "{text}");

    // The evidence ask after a 4, with the key that goes back and the one that writes.
    let mut app = fresh_rate();
    apply(&mut app, &[Intent::Right, Intent::Rate(level(4))]);
    saved(&mut app);
    let text = format!("{}", draw(&mut app, 80, 24));
    assert!(text.contains("then e adds a note."), "{text}");
}

/// On a light background the selected gap row's band keeps its own colours (N-D43): it is not
/// reversed with the row into a weak pair.
#[test]
fn the_selected_rows_band_keeps_its_colours() {
    use ratatui::style::Modifier;
    let mut app = results_on([4, 4, 3, 3, 3, 1, 1], Some(Background::Light));
    let backend = draw(&mut app, 80, 24);
    let buffer = backend.buffer();
    let row = (0..buffer.area.height)
        .find(|&y| buffer[(1, y)].symbol() == "›")
        .expect("the selected row");
    let x = (0..buffer.area.width)
        .find(|&x| buffer[(x, row)].symbol() == "▼")
        .expect("its band");
    let band = &buffer[(x, row)];
    let name = &buffer[(3, row)];
    assert!(
        name.modifier.contains(Modifier::REVERSED),
        "the row is selected"
    );
    assert!(!band.modifier.contains(Modifier::REVERSED), "{band:?}");
    assert_ne!(band.fg, ratatui::style::Color::Reset, "{band:?}");
}

/// The Grid's labels cannot be misread: an area the PM role does not count shows no PM target
/// on its competencies and reads "not in the role" everywhere, never the rating's "N/A"
/// (N-D11); after `t` the target column is the chosen profile's, beside its gap (N-D12);
/// Enter's verb is what it does on the row (N-D32); a selected row of two lines has one mark
/// (N-D33); the detail pane speaks in sentences (N-D34).
#[test]
fn the_grids_labels_say_what_they_are() {
    grid_says_not_in_the_role_and_what_enter_does();

    // Portfolio PMO chosen: its target beside its gap.
    grid_shows_the_chosen_targets_column();

    // A selected row of three lines (Stakeholder Engagement at 80 columns): its name cell is
    // underlined on its first line only, and nothing in the row is dim.
    grid_marks_a_selected_row_once();

    // The area's readiness and the round as sentences, without brackets in brackets.
    grid_speaks_in_sentences();
}

/// Checks an area outside the PM role: no PM target, "not in the role", never "N/A"; Enter's verb.
fn grid_says_not_in_the_role_and_what_enter_does() {
    let mut app = fresh();
    apply(&mut app, &[Intent::NextScreen]);
    // Capability Development (the sixth area), opened.
    apply(&mut app, &[const { Intent::Down }; 5]);
    let text = format!("{}", draw(&mut app, 100, 30));
    assert!(text.contains("Project Manager — not in the role"), "{text}");
    assert!(text.contains("Enter to open"), "{text}");
    apply(&mut app, &[Intent::Activate]);
    let text = format!("{}", draw(&mut app, 100, 30));
    assert!(text.contains("Enter to close"), "{text}");
    assert!(
        text.lines().last().unwrap().contains("Enter close"),
        "{text}"
    );
    apply(&mut app, &[Intent::Down]);
    let text = format!("{}", draw(&mut app, 100, 30));
    assert!(
        text.lines().last().unwrap().contains("Enter rate"),
        "{text}"
    );
    let cd1 = text
        .lines()
        .find(|l| l.contains("CD1 Competence"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!cd1.contains("target 1") && cd1.contains("—"), "{cd1}");
    assert!(!text.contains("N/A"), "{text}");
}

/// Checks the target column is the chosen Portfolio PMO's, beside its gap.
fn grid_shows_the_chosen_targets_column() {
    let mut app = fresh();
    app.update(Event::Resize(100, 30), rolefit::clock::utc_from_epoch(0));
    apply(&mut app, &[const { Intent::NextScreen }; 2]);
    for _ in 0..9 {
        apply(&mut app, &[Intent::Right]);
    }
    apply(&mut app, &[Intent::Rate(level(0)), Intent::PrevScreen]);
    apply(&mut app, &[Intent::Home, Intent::Down, Intent::Activate]);
    apply(&mut app, &[const { Intent::Down }; 5]);
    apply(&mut app, &[Intent::CycleTarget]);
    assert_eq!(
        app.framework().profiles[app.target_profile()].name,
        "Portfolio PMO"
    );
    let text = format!("{}", draw(&mut app, 100, 30));
    let header = text
        .lines()
        .find(|l| l.contains("Area / competency"))
        .unwrap();
    assert!(
        header.contains("Portfolio") && header.contains("PM "),
        "{header}"
    );
    let ri5 = text
        .lines()
        .find(|l| l.contains("RI5"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(ri5.contains("target 5") && ri5.contains("−5 gap"), "{ri5}");
}

/// Checks a selected row of three lines is underlined on its first line only, nothing in it dim.
fn grid_marks_a_selected_row_once() {
    use ratatui::style::Modifier;
    let mut app = fresh_on(Some(Background::Dark));
    apply(&mut app, &[Intent::NextScreen, Intent::Down, Intent::Down]);
    let backend = draw(&mut app, 80, 24);
    let buffer = backend.buffer();
    let row = (0..buffer.area.height)
        .find(|&y| buffer[(1, y)].symbol() == "›")
        .unwrap();
    let underlined =
        |y: u16| (2..20).any(|x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(underlined(row) && !underlined(row + 1) && !underlined(row + 2));
    assert!(
        (0..buffer.area.width).all(|x| !buffer[(x, row)].modifier.contains(Modifier::DIM)),
        "nothing dim in the selected row"
    );
}

/// Checks the area's readiness and the round read as sentences.
fn grid_speaks_in_sentences() {
    let mut app = rated();
    apply(&mut app, &[Intent::NextScreen]);
    app.update(Intent::CloseRound, rolefit::clock::utc_from_epoch(0));
    type_text(&mut app, "first try");
    apply(&mut app, &[Intent::Confirm]);
    apply(
        &mut app,
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::Home,
        ],
    );
    let text = format!("{}", draw(&mut app, 200, 60));
    assert!(
        text.contains("Ready: 100% of the PMO Manager bar in this area"),
        "{text}"
    );
    apply(&mut app, &[Intent::Activate, Intent::Down]);
    let text = format!("{}", draw(&mut app, 200, 60));
    let since = text.lines().find(|l| l.contains("Since round 1")).unwrap();
    assert!(since.contains(", first try): 4 → 4, no change"), "{since}");
}

/// Someone rating or reading another person's assessment is spoken to about that person:
/// the reviewer rates "Alex Moreau's level", N/A is "not part of their work", the ask for
/// evidence is "What has Alex Moreau done…"; a team lead reads "Chen Wei's verdict", "they 5"
/// in the reasons and "Their relative strengths". Never "your" for the person (N-D24).
#[test]
fn words_for_someone_else() {
    let fw = rolefit::storage::framework::builtin();
    let mut alex = Assessment::new("alex", &fw, utc_from_epoch(1_795_888_800));
    alex.display_name = Some("Alex Moreau".into());
    alex.set_rating(&"DP1".into(), Some(level(3)));
    let file = rolefit::review::request(&alex, &fw, false, "r1", utc_from_epoch(1_795_900_000));
    let mut review = file;
    review.set_reviewer("Sam");
    let mut app = App::new(
        AppInit::new(fw.clone(), review.assessment)
            .opened(Opened::Resumed)
            .color(false),
    );
    let text = format!("{}", draw(&mut app, 100, 30));
    assert!(text.contains("Alex Moreau's level"), "{text}");
    assert!(text.contains("not part of their work"), "{text}");
    for own in ["Your level", "your work", "You know what"] {
        assert!(!text.contains(own), "{own:?} in\n{text}");
    }
    // A 4 without a note: the ask names the person; Rate stays on DP1 after going back.
    apply(&mut app, &[Intent::Rate(level(4)), Intent::Left]);
    let text = format!("{}", draw(&mut app, 100, 30));
    assert!(
        text.contains("What has Alex Moreau done that shows a 4?"),
        "{text}"
    );
    insta::assert_snapshot!("rate_100x30_reviewer_rates_alex", draw(&mut app, 100, 30));
    // The Grid names Alex's column and legend after Alex, not "You".
    apply(&mut app, &[Intent::PrevScreen]);
    let text = format!("{}", draw(&mut app, 100, 30));
    let header = text
        .lines()
        .find(|l| l.contains("Area / competency"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(header.contains("Alex"), "{header}");
    assert!(!header.contains("You"), "{header}");
    // The legend in full on a wide terminal.
    let text = format!("{}", draw(&mut app, 200, 40));
    assert!(text.contains("Alex: level, N/A"), "{text}");
    assert!(!text.contains("You: level"), "{text}");

    // A team lead opens Chen's Results from the team view.
    let mut chen = Assessment::new("chen", &fw, utc_from_epoch(1_795_888_800));
    for c in &fw.competencies {
        let n = [4, 4, 3, 3, 4, 1, 1][c.area];
        chen.set_rating(&c.id, Some(level(n)));
    }
    chen.position.screen = rolefit::domain::Screen::Results;
    let mut app = App::new(
        AppInit::new(fw, chen)
            .lock(LockState::Viewing)
            .about("Chen Wei".into())
            .color(false),
    );
    // Tall enough for the whole verdict panel, next step and reasons included.
    let text = format!("{}", draw(&mut app, 120, 50));
    assert!(text.contains("Chen Wei's verdict"), "{text}");
    assert!(text.contains("Their relative strengths"), "{text}");
    assert!(text.contains(": they "), "{text}");
    assert!(text.contains("Chen Wei against"), "{text}");
    for own in ["Your verdict", "Your relative", ": you ", "Areas: you"] {
        assert!(!text.contains(own), "{own:?} in\n{text}");
    }
    insta::assert_snapshot!(
        "results_100x30_team_lead_reads_chen",
        draw(&mut app, 100, 30)
    );
}
