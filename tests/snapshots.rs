//! Full-screen snapshots of every screen from the real `ui::render`, at 80×24 and 120×40.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rolefit::app::{Action, App, AppInit, LockState, Opened};
use rolefit::clock::utc_from_epoch;
use rolefit::domain::{Assessment, Framework, Level, Rating};
use rolefit::storage::Unreadable;

fn level(n: u8) -> Rating {
    Rating::Level(Level::new(n).unwrap())
}

/// A fresh app with a fixed clock, as on first run.
fn fresh() -> App {
    let fw = Framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    App::new(fresh_init(fw, assessment))
}

/// What a first run starts from, without colour.
fn fresh_init(fw: Framework, assessment: Assessment) -> AppInit {
    AppInit::new(fw, assessment)
        .opened(Opened::FirstRun)
        .color(false)
}

fn apply(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone(), rolefit::clock::utc_from_epoch(0));
    }
}

/// An app with a few ratings and a note, on the given screen.
fn rated() -> App {
    let mut app = fresh();
    apply(
        &mut app,
        &[
            Action::NextScreen,
            Action::NextScreen,
            Action::Rate(level(4)),
            Action::Rate(level(3)),
            Action::Rate(level(5)),
            Action::EditNote,
        ],
    );
    for c in "Planned the 2025 ERP rollout end to end.".chars() {
        app.update(
            Action::Edit(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            rolefit::clock::utc_from_epoch(0),
        );
    }
    apply(
        &mut app,
        &[Action::CloseEditor, Action::Rate(Rating::NotApplicable)],
    );
    // Back to the competency with the note.
    apply(&mut app, &[Action::Left]);
    app
}

fn draw(app: &mut App, width: u16, height: u16) -> TestBackend {
    app.update(
        Action::Resize(width, height),
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

#[test]
fn roles() {
    snap!("roles_80x24_first_run", fresh(), 80, 24);
    snap!("roles_120x40_first_run", fresh(), 120, 40);
    let mut app = fresh();
    apply(&mut app, &[Action::Back, Action::Right]);
    snap!("roles_80x24_second_pane", app, 80, 24);
    let mut app = fresh();
    apply(&mut app, &[Action::ToggleFlavours]);
    snap!("roles_120x40_flavours", app, 120, 40);
    snap!("roles_60x18_minimum", fresh(), 60, 18);
}

#[test]
fn grid() {
    let mut app = fresh();
    apply(&mut app, &[Action::NextScreen]);
    snap!("grid_80x24_collapsed", app, 80, 24);
    let mut app = rated();
    apply(
        &mut app,
        &[
            Action::NextScreen,
            Action::NextScreen,
            Action::NextScreen,
            Action::Activate,
        ],
    );
    apply(&mut app, &[Action::Down, Action::Down, Action::Right]);
    snap!("grid_80x24_expanded_rated", app, 80, 24);
    let mut app = rated();
    apply(
        &mut app,
        &[
            Action::NextScreen,
            Action::NextScreen,
            Action::NextScreen,
            Action::Activate,
        ],
    );
    apply(
        &mut app,
        &[
            Action::Down,
            Action::Down,
            Action::Right,
            Action::Right,
            Action::Right,
        ],
    );
    snap!("grid_120x40_expanded_rated", app, 120, 40);
}

#[test]
fn rate() {
    snap!("rate_80x24_with_note", rated(), 80, 24);
    snap!("rate_120x40_with_note", rated(), 120, 40);
    let mut app = rated();
    apply(&mut app, &[Action::EditNote]);
    snap!("rate_80x24_editing", app, 80, 24);
}

#[test]
fn too_small_and_overlays() {
    snap!("too_small_40x12", fresh(), 40, 12);
    snap!("too_small_20x5", fresh(), 20, 5);
    let mut app = fresh();
    apply(&mut app, &[Action::NextScreen, Action::ToggleHelp]);
    snap!("help_grid_80x24", app, 80, 24);
    let fw = Framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    let app = App::new(
        fresh_init(fw, assessment).opened(Opened::Unreadable(Unreadable {
            path: "/home/pat/.local/share/rolefit/assessments/default.toml".into(),
            line: Some((4, 9)),
            reason: "level 7 is outside the scale 0..=5".into(),
        })),
    );
    snap!("prompt_unreadable_80x24", app, 80, 24);
    let fw = Framework::builtin();
    let assessment = Assessment::new("default", &fw, utc_from_epoch(1_795_888_800));
    let app = App::new(fresh_init(fw, assessment).lock(LockState::Busy));
    snap!("prompt_locked_80x24", app, 80, 24);
}

/// An app on Results with every competency rated by area (one level per area).
fn results_with(per_area: [u8; 7]) -> App {
    let mut app = fresh();
    let ids: Vec<(rolefit::domain::CompetencyId, usize)> = app
        .framework()
        .competencies
        .iter()
        .map(|c| (c.id.clone(), c.area))
        .collect();
    apply(&mut app, &[Action::NextScreen, Action::NextScreen]);
    for (_, area) in &ids {
        app.update(
            Action::Rate(level(per_area[*area])),
            rolefit::clock::utc_from_epoch(0),
        );
    }
    apply(&mut app, &[Action::NextScreen]);
    app
}

#[test]
fn results() {
    let pm = [4, 4, 3, 3, 3, 1, 1];
    let pmo = [2, 2, 4, 4, 4, 4, 4];
    let both = [3, 3, 3, 3, 3, 4, 4];
    snap!("results_80x24_leans_pm", results_with(pm), 80, 24);
    snap!("results_120x40_leans_pm", results_with(pm), 120, 40);
    snap!("results_80x24_leans_pmo", results_with(pmo), 80, 24);
    snap!("results_120x40_leans_pmo", results_with(pmo), 120, 40);
    snap!("results_80x24_straddles", results_with(both), 80, 24);
    snap!("results_120x40_straddles", results_with(both), 120, 40);
    let mut app = results_with(pm);
    apply(&mut app, &[Action::SwitchView]);
    snap!("results_80x24_gaps", app, 80, 24);
    let mut app = fresh();
    apply(&mut app, &[Action::PrevScreen]);
    snap!("results_80x24_no_ratings", app, 80, 24);
    let mut app = results_with(pm);
    apply(&mut app, &[Action::OpenPlan]);
    snap!("results_80x24_plan_editor", app, 80, 24);
    let mut app = results_with(pmo);
    apply(
        &mut app,
        &[Action::ToggleWhatIf, Action::Right, Action::Right],
    );
    snap!("results_120x40_what_if", app, 120, 40);
}
