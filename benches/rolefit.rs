//! Criterion benchmarks of rolefit at three framework sizes: the built-in framework and
//! synthetic ones of 2,000 and 20,000 competencies (generated here, never committed).
//!
//! One file because criterion runs one bench binary: every group shares the three fixtures and
//! their synthetic frameworks; each group is its own function.
//!
//! Groups, each with one benchmark per size (the id's last part is the competency count):
//!
//! - `load_framework`: `storage::framework::from_toml` (parse and validate).
//! - `load_framework_format2`: the same frameworks written in format 2, read back.
//! - `app_new`: `App::new` with a fully rated assessment (what startup computes).
//! - `render/<screen>`: one `terminal.draw(ui::render)` at 120×40 into `TestBackend`, for
//!   Roles, Roles with the flavours, Grid (an area expanded), Rate, Results, Help and Search
//!   (the overlay over that Grid, every competency listed);
//!   `render/baseline_list` draws the list of `examples/baseline.rs` the same way, for scale.
//! - `keys/navigate_1000`: 1,000 navigation keys, each `input::map_event` → `App::update` →
//!   draw (reported per key as throughput).
//! - `keys/rate_one`: one rating key on Rate (records, recomputes the figures, draws).
//! - `keys/results_sort`: one `s` on Results (re-sorts the gap table, draws).
//! - `keys/search_type`: one key typed in the search field with "competency 1" in it (`2`,
//!   then Backspace: each matches again against every competency, then draws), per key.
//! - `search`: `index` (folding every id and name, what the first `/` costs), and one
//!   re-filter (`SearchIndex::find`, what each key typed costs) for a query matching few
//!   competencies (`find_few`, "competency 12") and one matching nearly all (`find_all`,
//!   "a"): at 20,000 competencies it must stay under 2 ms.
//! - `scoring`: `readiness` for every profile, `lean` (position, outcome, reasons, firmness,
//!   closest flavour), `gaps`, and `summary` (the full Results computation, `Summary::compute`:
//!   at 20,000 competencies it must stay under 5 ms), on a fully rated sheet.
//! - `storage`: `codec::to_toml`, `codec::parse`, `atomic::write_atomic` (fsyncs) and plain
//!   `std::fs::write` (no fsync) of a fully rated assessment.
//!
//! - `team`: the team view (`rolefit team`) on 1,000 and 10,000 generated assessment files of
//!   the built-in framework, all rated: `load_1_thread` and `load_2_threads` (read and parse
//!   every file, compute every person's figures), `draw` (`TeamView::new` and one frame at
//!   120×40, after loading) and `key_down` (one ↓ through `TeamView::update`, then a frame).
//!
//! - `html`: the HTML reports. `person` writes one person's report (`export::html`) at each
//!   size, with two closed rounds and a review besides the ratings, notes and plan: at 20,000
//!   competencies it must stay under 1 s. `team_1000` writes the team report of 1,000 loaded
//!   people (`team::report::report` as HTML), and `team_1000_load_and_write` reads the 1,000
//!   files first, as `rolefit team DIR --format html` does: under 2 s.
//!
//! Run: `cargo bench` (all), `cargo bench -- render/` (a filter), `cargo bench -- --test`
//! (each benchmark once, as a smoke test; `cargo test --benches` does the same).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rolefit::app::search::{SearchIndex, fold};
use rolefit::app::{App, AppInit, Event as AppEvent, Intent};
use rolefit::domain::scoring::{self, RatingSheet};
use rolefit::domain::{Assessment, Framework, Level, Rating};
use rolefit::input::map_event;
use rolefit::storage::{atomic, codec};
use rolefit::ui;

/// Terminal size every screen is drawn at.
const SIZE: (u16, u16) = (120, 40);

/// Synthetic framework sizes, in competencies.
const SYNTHETIC: [usize; 2] = [2_000, 20_000];

// ---- fixtures -------------------------------------------------------------------------------

/// A framework, its TOML text and a fully rated assessment for it.
struct Fixture {
    /// Competency count, used as the benchmark id.
    label: String,
    toml: String,
    framework: Framework,
    assessment: Assessment,
}

/// The built-in framework, then the synthetic ones; built once (the 20,000 one takes a while).
fn fixtures() -> &'static [Fixture] {
    static FIXTURES: OnceLock<Vec<Fixture>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let mut texts = vec![rolefit::storage::framework::BUILTIN_TOML.to_string()];
        texts.extend(SYNTHETIC.iter().map(|&n| synthetic::synthetic_framework(n)));
        texts
            .into_iter()
            .map(|toml| {
                let framework =
                    rolefit::storage::framework::from_toml(&toml).unwrap_or_else(|problems| {
                        panic!("generated framework is invalid: {:?}", &problems[..1])
                    });
                let assessment = fully_rated(&framework);
                Fixture {
                    label: framework.competencies.len().to_string(),
                    toml,
                    framework,
                    assessment,
                }
            })
            .collect()
    })
}

/// An assessment with every competency rated (a few N/A), some notes and plans.
fn fully_rated(framework: &Framework) -> Assessment {
    let now = rolefit::clock::utc_from_epoch(1_767_225_600);
    let mut assessment = Assessment::new("bench", framework, now);
    for (i, competency) in framework.competencies.iter().enumerate() {
        let rating = if i % 23 == 22 {
            Rating::NotApplicable
        } else {
            Rating::Level(Level::new((i * 5 % 6) as u8).expect("on the scale"))
        };
        assessment.set_rating(&competency.id, Some(rating));
        if i % 10 == 0 {
            assessment.set_note(
                &competency.id,
                "Led this on the last two projects; evidence in the lessons log.".into(),
            );
        }
        if i % 25 == 0 {
            assessment.plan.insert(
                competency.id.clone(),
                rolefit::domain::PlanItem {
                    target: Level::new(4),
                    // Ids are unique across the plan (a file read gives a repeated one the
                    // next free number).
                    actions: vec![rolefit::domain::PlanAction::new(
                        i as u32 + 1,
                        "Shadow the portfolio office for a quarter.",
                    )],
                    extra: Default::default(),
                },
            );
        }
    }
    assessment
}

// ---- driving the app --------------------------------------------------------------------------

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// One key as the runtime handles it: map in the current context, update, draw.
fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, event: &Event) {
    if let Some(action) = map_event(event, app.mode()) {
        black_box(app.update(action, rolefit::clock::utc_from_epoch(0)));
    }
    draw(app, terminal);
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|frame| ui::render(frame, app))
        .expect("TestBackend never fails");
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("TestBackend never fails")
}

/// The screens drawn by `render/…`.
#[derive(Copy, Clone)]
enum Shot {
    Roles,
    RolesFlavours,
    Grid,
    Rate,
    Results,
    Help,
    Search,
}

impl Shot {
    const ALL: [Shot; 7] = [
        Shot::Roles,
        Shot::RolesFlavours,
        Shot::Grid,
        Shot::Rate,
        Shot::Results,
        Shot::Help,
        Shot::Search,
    ];

    fn name(self) -> &'static str {
        match self {
            Shot::Roles => "roles",
            Shot::RolesFlavours => "roles_flavours",
            Shot::Grid => "grid",
            Shot::Rate => "rate",
            Shot::Results => "results",
            Shot::Help => "help",
            Shot::Search => "search",
        }
    }
}

/// A fully rated app at 120×40 on the Roles screen.
fn new_app(fixture: &Fixture) -> App {
    let mut app = App::new(AppInit::new(
        fixture.framework.clone(),
        fixture.assessment.clone(),
    ));
    app.update(
        AppEvent::Resize(SIZE.0, SIZE.1),
        rolefit::clock::utc_from_epoch(0),
    );
    app
}

/// Grid with the last area expanded and the cursor 25 rows into it (clamped on small
/// frameworks), so the table is scrolled to the far end.
fn to_grid(app: &mut App) {
    app.update(Intent::NextScreen, rolefit::clock::utc_from_epoch(0));
    app.update(Intent::End, rolefit::clock::utc_from_epoch(0));
    app.update(Intent::Activate, rolefit::clock::utc_from_epoch(0));
    for _ in 0..25 {
        app.update(Intent::Down, rolefit::clock::utc_from_epoch(0));
    }
}

/// An app showing `shot`.
fn app_on(fixture: &Fixture, shot: Shot) -> App {
    let mut app = new_app(fixture);
    match shot {
        Shot::Roles => {}
        Shot::RolesFlavours => {
            app.update(Intent::ToggleFlavours, rolefit::clock::utc_from_epoch(0));
        }
        Shot::Grid => to_grid(&mut app),
        Shot::Rate => {
            to_grid(&mut app);
            app.update(Intent::NextScreen, rolefit::clock::utc_from_epoch(0));
        }
        Shot::Results => {
            to_grid(&mut app);
            app.update(Intent::NextScreen, rolefit::clock::utc_from_epoch(0));
            app.update(Intent::NextScreen, rolefit::clock::utc_from_epoch(0));
        }
        Shot::Help => {
            to_grid(&mut app);
            app.update(Intent::ToggleHelp, rolefit::clock::utc_from_epoch(0));
        }
        Shot::Search => {
            to_grid(&mut app);
            app.update(Intent::OpenSearch, rolefit::clock::utc_from_epoch(0));
        }
    }
    app
}

/// 1,000 navigation keys that end where they started (Grid, first area expanded, top row):
/// ten rounds of 40 down, 2 right, 2 left, 40 up, Tab to Rate, 7 right, 7 left, BackTab.
fn navigation_keys() -> Vec<Event> {
    let mut round = Vec::new();
    round.extend(std::iter::repeat_n(key(KeyCode::Down), 40));
    round.extend(std::iter::repeat_n(key(KeyCode::Right), 2));
    round.extend(std::iter::repeat_n(key(KeyCode::Left), 2));
    round.extend(std::iter::repeat_n(key(KeyCode::Up), 40));
    round.push(key(KeyCode::Tab));
    round.extend(std::iter::repeat_n(key(KeyCode::Right), 7));
    round.extend(std::iter::repeat_n(key(KeyCode::Left), 7));
    round.push(key(KeyCode::BackTab));
    let keys: Vec<Event> = std::iter::repeat_n(round, 10).flatten().collect();
    assert_eq!(keys.len(), 1_000);
    keys
}

// ---- benchmarks ---------------------------------------------------------------------------

fn load_framework(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_framework");
    group.sampling_mode(SamplingMode::Flat);
    for fixture in fixtures() {
        group.bench_with_input(
            BenchmarkId::from_parameter(&fixture.label),
            &fixture.toml,
            |b, text| {
                b.iter(|| rolefit::storage::framework::from_toml(black_box(text)).expect("valid"))
            },
        );
    }
    group.finish();
}

/// The same frameworks written in format 2 (`framework dump --format 2`), read back.
fn load_framework_format2(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_framework_format2");
    group.sampling_mode(SamplingMode::Flat);
    for fixture in fixtures() {
        let text = rolefit::storage::framework::dump(&fixture.framework);
        group.bench_with_input(
            BenchmarkId::from_parameter(&fixture.label),
            &text,
            |b, text| {
                b.iter(|| rolefit::storage::framework::from_toml(black_box(text)).expect("valid"))
            },
        );
    }
    group.finish();
}

fn app_new(c: &mut Criterion) {
    let mut group = c.benchmark_group("app_new");
    group.sampling_mode(SamplingMode::Flat);
    for fixture in fixtures() {
        group.bench_with_input(
            BenchmarkId::from_parameter(&fixture.label),
            fixture,
            |b, fixture| {
                b.iter_batched(
                    || (fixture.framework.clone(), fixture.assessment.clone()),
                    |(framework, assessment)| App::new(AppInit::new(framework, assessment)),
                    BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    for shot in Shot::ALL {
        let mut group = c.benchmark_group(format!("render/{}", shot.name()));
        for fixture in fixtures() {
            let app = app_on(fixture, shot);
            let mut terminal = terminal();
            group.bench_function(BenchmarkId::from_parameter(&fixture.label), |b| {
                b.iter(|| draw(&app, &mut terminal))
            });
        }
        group.finish();
    }
}

/// The list of `examples/baseline.rs` drawn the same way, as a floor for a ratatui frame.
fn render_baseline(c: &mut Criterion) {
    use ratatui::style::{Modifier, Style};
    use ratatui::widgets::{Block, List, ListState};
    let items: Vec<String> = (1..=50).map(|i| format!("Item {i:02}")).collect();
    let mut state = ListState::default().with_selected(Some(0));
    let mut terminal = terminal();
    c.bench_function("render/baseline_list", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| {
                    let list = List::new(items.iter().map(String::as_str))
                        .block(Block::bordered().title(" Baseline list "))
                        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
                        .highlight_symbol("> ");
                    frame.render_stateful_widget(list, frame.area(), &mut state);
                })
                .expect("TestBackend never fails");
        })
    });
}

fn keys(c: &mut Criterion) {
    let navigation = navigation_keys();
    let mut group = c.benchmark_group("keys/navigate_1000");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.throughput(Throughput::Elements(navigation.len() as u64));
    for fixture in fixtures() {
        let mut app = new_app(fixture);
        app.update(Intent::NextScreen, rolefit::clock::utc_from_epoch(0));
        app.update(Intent::Activate, rolefit::clock::utc_from_epoch(0));
        let mut terminal = terminal();
        group.bench_function(BenchmarkId::from_parameter(&fixture.label), |b| {
            b.iter(|| {
                for event in &navigation {
                    press(&mut app, &mut terminal, event);
                }
            })
        });
        assert_eq!(
            (app.grid().selected, app.grid().column),
            (0, 0),
            "keys end at home"
        );
    }
    group.finish();

    let mut group = c.benchmark_group("keys/rate_one");
    let three = key(KeyCode::Char('3'));
    for fixture in fixtures() {
        let mut app = app_on(fixture, Shot::Rate);
        let mut terminal = terminal();
        group.bench_function(BenchmarkId::from_parameter(&fixture.label), |b| {
            b.iter(|| {
                press(&mut app, &mut terminal, &three);
                // Rating moves on to the next competency; step back to rate the same one every
                // time (an update without a frame, a small part of the figure).
                app.update(Intent::Left, rolefit::clock::utc_from_epoch(0));
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("keys/results_sort");
    let sort = key(KeyCode::Char('s'));
    for fixture in fixtures() {
        let mut app = app_on(fixture, Shot::Results);
        let mut terminal = terminal();
        group.bench_function(BenchmarkId::from_parameter(&fixture.label), |b| {
            b.iter(|| press(&mut app, &mut terminal, &sort))
        });
    }
    group.finish();
}

// ---- the Plan screen with 2,000 actions --------------------------------------------------------

/// The day the Plan screen benchmarks run on: 2027-03-01T09:00:00Z.
const PLAN_NOW: i64 = 1_803_891_600;

/// The built-in framework, fully rated, with `count` plan actions spread over its
/// competencies: a third without a date, the others due from two months before the day to ten
/// months after it (so every group is full), a fifth of them done or dropped.
fn with_actions(framework: &Framework, count: u32) -> Assessment {
    use rolefit::domain::{ActionStatus, PlanAction};
    let mut assessment = fully_rated(framework);
    assessment.plan.clear();
    for n in 1..=count {
        let c = n as usize % framework.competencies.len();
        let due = (n % 3 != 0).then(|| rolefit::domain::time::Date {
            year: 2027,
            month: (n % 12 + 1) as u8,
            day: (n % 28 + 1) as u8,
        });
        let status = match n % 10 {
            0 => ActionStatus::Done,
            5 => ActionStatus::Dropped,
            3 | 7 => ActionStatus::Doing,
            _ => ActionStatus::Planned,
        };
        assessment
            .plan
            .entry(framework.competencies[c].id.clone())
            .or_default()
            .actions
            .push(PlanAction {
                due,
                status,
                ..PlanAction::new(n, "Shadow the portfolio office on a gate review.")
            });
    }
    assessment
}

/// One key on the Plan screen as the runtime handles it, on [`PLAN_NOW`]: map, update, draw.
fn press_on_plan(app: &mut App, terminal: &mut Terminal<TestBackend>, event: &Event) {
    if let Some(action) = map_event(event, app.mode()) {
        black_box(app.update(action, rolefit::clock::utc_from_epoch(PLAN_NOW)));
    }
    draw(app, terminal);
}

/// Every Plan screen key with 2,000 actions, each timed alone (map, update, draw): the keys
/// before it (opening the field, typing) and after it (`z` to undo the change, `Esc`) run
/// untimed, so every iteration starts from the same plan.
fn plan_keys(c: &mut Criterion) {
    let framework = rolefit::storage::framework::builtin();
    let actions = 2_000;
    let assessment = with_actions(&framework, actions);
    let runs = plan_key_runs();
    let mut group = c.benchmark_group("plan_keys");
    for (name, before_keys, timed, after_keys) in runs {
        let mut app = App::new(AppInit::new(framework.clone(), assessment.clone()));
        let now = rolefit::clock::utc_from_epoch(PLAN_NOW);
        app.update(AppEvent::Resize(SIZE.0, SIZE.1), now);
        for _ in 0..4 {
            app.update(Intent::NextScreen, now);
        }
        // A row in the middle of the list, an open action with a date.
        for _ in 0..700 {
            app.update(Intent::Down, now);
        }
        let mut terminal = terminal();
        draw(&app, &mut terminal);
        let before = app.assessment().plan.clone();
        group.bench_function(BenchmarkId::new(name, actions), |b| {
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    for event in &before_keys {
                        press_on_plan(&mut app, &mut terminal, event);
                    }
                    let start = std::time::Instant::now();
                    press_on_plan(&mut app, &mut terminal, &timed);
                    spent += start.elapsed();
                    for event in &after_keys {
                        press_on_plan(&mut app, &mut terminal, event);
                    }
                }
                spent
            })
        });
        assert_eq!(
            app.screen(),
            rolefit::domain::Screen::Plan,
            "{name}: still on the Plan screen"
        );
        assert_eq!(
            app.mode(),
            rolefit::app::Mode::Screen(rolefit::domain::Screen::Plan),
            "{name}"
        );
        assert_eq!(app.plan_screen().rows.len(), actions as usize, "{name}");
        assert_eq!(
            app.assessment().plan,
            before,
            "{name}: each run ends where it started"
        );
    }
    group.finish();
}

/// The Plan keys timed: (name, untimed keys before, the key timed, untimed keys after).
fn plan_key_runs() -> Vec<(&'static str, Vec<Event>, Event, Vec<Event>)> {
    let ch = |c: char| key(KeyCode::Char(c));
    let (down, up, enter, delete, esc) = (
        key(KeyCode::Down),
        key(KeyCode::Up),
        key(KeyCode::Enter),
        key(KeyCode::Delete),
        key(KeyCode::Esc),
    );
    let retype_date: Vec<Event> = std::iter::once(ch('d'))
        .chain(std::iter::repeat_n(key(KeyCode::Backspace), 10))
        .chain([ch('+'), ch('2'), ch('w')])
        .collect();
    vec![
        ("move ↓", vec![], down.clone(), vec![up.clone()]),
        ("move ↑", vec![down.clone()], up.clone(), vec![]),
        ("add: a opens the field", vec![], ch('a'), vec![esc.clone()]),
        (
            "add: a letter typed",
            vec![ch('a')],
            ch('x'),
            vec![esc.clone()],
        ),
        (
            "add: Enter adds it",
            vec![ch('a'), ch('x')],
            enter.clone(),
            vec![ch('z')],
        ),
        (
            "edit: Enter opens the field",
            vec![],
            enter.clone(),
            vec![esc.clone()],
        ),
        (
            "edit: Enter keeps the text",
            vec![enter.clone(), ch('y')],
            enter.clone(),
            vec![ch('z')],
        ),
        (
            "date: d opens the field",
            vec![],
            ch('d'),
            vec![esc.clone()],
        ),
        (
            "date: Enter moves it",
            retype_date,
            enter.clone(),
            vec![ch('z')],
        ),
        ("status: s", vec![], ch('s'), vec![ch('z')]),
        (
            "done: x asks for evidence",
            vec![],
            ch('x'),
            vec![esc.clone()],
        ),
        (
            "done: Enter marks it done",
            vec![ch('x')],
            enter.clone(),
            vec![esc.clone(), ch('z')],
        ),
        ("delete: Del", vec![], delete.clone(), vec![ch('z')]),
        ("undo: z", vec![ch('s')], ch('z'), vec![]),
    ]
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    for fixture in fixtures() {
        let framework = &fixture.framework;
        group.bench_function(BenchmarkId::new("index", &fixture.label), |b| {
            b.iter(|| SearchIndex::new(black_box(framework)))
        });
        let index = SearchIndex::new(framework);
        for (name, query) in [("find_few", "competency 12"), ("find_all", "a")] {
            let query = fold(query);
            group.bench_function(BenchmarkId::new(name, &fixture.label), |b| {
                b.iter(|| index.find(black_box(&query)))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("keys/search_type");
    group.throughput(Throughput::Elements(2));
    let (two, backspace) = (key(KeyCode::Char('2')), key(KeyCode::Backspace));
    for fixture in fixtures() {
        let mut app = app_on(fixture, Shot::Search);
        let mut terminal = terminal();
        for c in "competency 1".chars() {
            press(&mut app, &mut terminal, &key(KeyCode::Char(c)));
        }
        group.bench_function(BenchmarkId::from_parameter(&fixture.label), |b| {
            b.iter(|| {
                press(&mut app, &mut terminal, &two);
                press(&mut app, &mut terminal, &backspace);
            })
        });
        let search = app.search().expect("search stays open");
        assert_eq!(
            search.query(),
            "competency 1",
            "keys end where they started"
        );
    }
    group.finish();
}

/// The gap table alone, re-sorted or re-filtered as `s` and `f` on Results redo it (no
/// drawing): every order, then every filter under the gap order, per framework size.
fn gap_table(c: &mut Criterion) {
    use rolefit::app::{GapFilter, GapSort, Summary};
    let mut group = c.benchmark_group("gap_table");
    for fixture in fixtures() {
        let app = app_on(fixture, Shot::Results);
        let (framework, sheet, target) = (app.framework(), app.sheet(), app.target_profile());
        // The name order is sorted once per framework, on first use; the first `s` pays it.
        let _ = framework.by_name();
        for sort in [GapSort::Gap, GapSort::Area, GapSort::Name] {
            let id = BenchmarkId::new(format!("sort_{sort:?}").to_lowercase(), &fixture.label);
            group.bench_function(id, |b| {
                b.iter(|| Summary::rows(framework, sheet, target, sort, GapFilter::Rated))
            });
        }
        for filter in [GapFilter::BelowTarget, GapFilter::Strengths] {
            let id = BenchmarkId::new(format!("filter_{filter:?}").to_lowercase(), &fixture.label);
            group.bench_function(id, |b| {
                b.iter(|| Summary::rows(framework, sheet, target, GapSort::Gap, filter))
            });
        }
    }
    group.finish();
}

fn scoring(c: &mut Criterion) {
    let mut group = c.benchmark_group("scoring");
    for fixture in fixtures() {
        let framework = &fixture.framework;
        let sheet = RatingSheet::from_assessment(framework, &fixture.assessment);
        let target = framework.main_profiles[1];
        group.bench_function(
            BenchmarkId::new("readiness_all_profiles", &fixture.label),
            |b| {
                b.iter(|| {
                    (0..framework.profiles.len())
                        .map(|p| scoring::readiness(framework, black_box(&sheet), p))
                        .collect::<Vec<_>>()
                })
            },
        );
        group.bench_function(BenchmarkId::new("lean", &fixture.label), |b| {
            b.iter(|| scoring::lean(framework, black_box(&sheet)))
        });
        group.bench_function(BenchmarkId::new("summary", &fixture.label), |b| {
            b.iter(|| rolefit::domain::Summary::compute(framework, black_box(&sheet), target))
        });
        group.bench_function(BenchmarkId::new("gaps", &fixture.label), |b| {
            b.iter(|| scoring::gaps(framework, black_box(&sheet), target))
        });
    }
    group.finish();
}

fn storage(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let mut group = c.benchmark_group("storage");
    for fixture in fixtures() {
        let assessment = &fixture.assessment;
        let text = codec::to_toml(assessment);
        assert_eq!(
            &codec::parse(&text, "bench").expect("round trip"),
            assessment
        );
        let path = dir.path().join(format!("bench-{}.toml", fixture.label));
        group.bench_function(BenchmarkId::new("to_toml", &fixture.label), |b| {
            b.iter(|| codec::to_toml(black_box(assessment)))
        });
        group.bench_function(BenchmarkId::new("parse", &fixture.label), |b| {
            b.iter(|| codec::parse(black_box(&text), "bench").expect("valid"))
        });
        // What a save writes over the file as it is: the codec's text laid over it, so a
        // person's comments stay (`text_over`), against `to_toml` alone above. The file holds
        // a comment and the assessment before its first rating changed.
        let mut before = assessment.clone();
        let first = &fixture.framework.competencies[0].id;
        before.set_rating(first, None);
        let written = codec::to_toml(&before);
        let (header, rest) = written.split_once('\n').expect("a header line");
        let on_disk = format!("{header}\n# my own words\n{rest}");
        group.bench_function(BenchmarkId::new("text_over", &fixture.label), |b| {
            b.iter(|| rolefit::storage::text_over(Some(black_box(on_disk.as_bytes())), assessment))
        });
        group.bench_function(
            BenchmarkId::new("write_atomic_fsync", &fixture.label),
            |b| b.iter(|| write_atomic(&path, &text)),
        );
        group.bench_function(BenchmarkId::new("fs_write_no_fsync", &fixture.label), |b| {
            b.iter(|| std::fs::write(&path, text.as_bytes()).expect("write"))
        });
    }
    group.finish();
}

fn write_atomic(path: &Path, text: &str) {
    atomic::write_atomic(path, text.as_bytes()).expect("write");
}

/// `count` fully rated assessment files of the built-in framework in a temp folder, levels
/// varied per person so no two are alike.
fn team_files(count: usize) -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let fw = rolefit::storage::framework::builtin();
    let mut files = Vec::with_capacity(count);
    for i in 0..count {
        let mut a = Assessment::new(
            &format!("person {i}"),
            &fw,
            rolefit::clock::utc_from_epoch(0),
        );
        for (c, competency) in fw.competencies.iter().enumerate() {
            let level = ((i * 7 + c * 3) % 6) as u8;
            a.set_rating(
                &competency.id,
                Some(Rating::Level(Level::new(level).expect("0..=5"))),
            );
        }
        let path = dir.path().join(format!("p{i:05}.toml"));
        std::fs::write(&path, codec::to_toml(&a)).expect("write");
        files.push(path);
    }
    (dir, files)
}

fn team(c: &mut Criterion) {
    use rolefit::team::{TeamView, load_with};
    let mut group = c.benchmark_group("team");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let (_dir, files) = team_files(count);
        for threads in [1, 2] {
            let id = if threads == 1 {
                "load_1_thread"
            } else {
                "load_2_threads"
            };
            group.bench_function(BenchmarkId::new(id, count), |b| {
                b.iter(|| {
                    load_with(
                        rolefit::storage::framework::builtin(),
                        black_box(&files),
                        threads,
                    )
                })
            });
        }
        let team = load_with(rolefit::storage::framework::builtin(), &files, 2);
        assert_eq!(team.members.len(), count);
        let pmo = team.framework.profile_index("pmo").expect("pmo");
        group.bench_function(BenchmarkId::new("draw", count), |b| {
            let mut terminal = terminal();
            b.iter_batched(
                || team.clone(),
                |team| {
                    let mut view = TeamView::new(team, pmo);
                    rolefit::team::run::draw(&mut terminal, &mut view).expect("draw");
                },
                criterion::BatchSize::LargeInput,
            )
        });
        group.bench_function(BenchmarkId::new("key_down", count), |b| {
            let mut terminal = terminal();
            let mut view = TeamView::new(team.clone(), pmo);
            b.iter(|| {
                view.update(Intent::Down);
                rolefit::team::run::draw(&mut terminal, &mut view).expect("draw");
            })
        });
    }
    group.finish();
}

/// A PMO's sheet of 2,000 competencies in 20 areas, with five level texts and four profiles'
/// targets per row (README: "framework import of a 2,000-row spreadsheet under 1 s").
fn pmo_sheet_csv(rows: usize) -> String {
    let mut out = String::from(
        "Area,ID,Name,Description,Level 1,Level 2,Level 3,Level 4,Level 5,Project Manager,PMO Manager,Portfolio lead,Analyst\n",
    );
    for i in 0..rows {
        out.push_str(&format!(
            "Area {a},C{i},Competency {i},\"What competency {i} is about, in a sentence or two.\",Learns it,Does it with help,Does it alone,Leads it,Sets the standard,{t1},{t2},{t3},\n",
            a = i % 20,
            t1 = 1 + i % 5,
            t2 = 1 + (i + 2) % 5,
            t3 = 1 + (i + 4) % 5,
        ));
    }
    out
}

fn framework_import(c: &mut Criterion) {
    use rolefit::sheet::{self, Kind, Mapping};
    let csv = pmo_sheet_csv(2_000);
    let book = sheet::read(csv.as_bytes(), Kind::Csv).unwrap();
    let framework = sheet::import(&book, &Mapping::default(), "bench")
        .unwrap()
        .framework;
    let xlsx = sheet::export::xlsx(&framework).unwrap();
    let mut group = c.benchmark_group("framework_import_2000_rows");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("csv", |b| {
        b.iter(|| {
            let book = sheet::read(black_box(csv.as_bytes()), Kind::Csv).unwrap();
            black_box(sheet::import(&book, &Mapping::default(), "bench").unwrap());
        })
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| {
            let book = sheet::read(black_box(&xlsx), Kind::Workbook).unwrap();
            black_box(sheet::import(&book, &Mapping::default(), "bench").unwrap());
        })
    });
    group.bench_function("export_xlsx", |b| {
        b.iter(|| black_box(sheet::export::xlsx(black_box(&framework)).unwrap()))
    });
    group.finish();
}

/// `fixture`'s assessment with two closed rounds (every level one lower, then as now) and one
/// reviewer who rates every other competency a level higher, as a report usually has them.
fn with_rounds_and_a_review(fixture: &Fixture) -> Assessment {
    let mut assessment = fixture.assessment.clone();
    let now = assessment.current_ratings();
    let lower: std::collections::BTreeMap<_, _> = now
        .iter()
        .map(|(id, rating)| {
            let lower = match rating {
                Rating::Level(level) => Rating::Level(
                    Level::new(level.value().saturating_sub(1)).expect("on the scale"),
                ),
                other => *other,
            };
            (id.clone(), lower)
        })
        .collect();
    for (i, ratings) in [lower, now.clone()].into_iter().enumerate() {
        assessment.history.push(rolefit::domain::Snapshot {
            taken: rolefit::clock::utc_from_epoch(1_767_225_600 + i as i64 * 86_400),
            label: String::new(),
            ratings,
            extra: Default::default(),
        });
    }
    let review = rolefit::domain::Review {
        id: "bench".into(),
        date: None,
        ratings: now
            .iter()
            .enumerate()
            .map(|(i, (id, rating))| {
                let rating = match rating {
                    Rating::Level(level) if i % 2 == 0 => {
                        Rating::Level(Level::new((level.value() + 1).min(5)).expect("0..=5"))
                    }
                    other => *other,
                };
                (
                    id.clone(),
                    rolefit::domain::Entry {
                        rating: Some(rating),
                        note: String::new(),
                        extra: Default::default(),
                    },
                )
            })
            .collect(),
        extra: Default::default(),
    };
    assessment.reviews.insert("Reviewer".into(), review);
    assessment
}

fn html(c: &mut Criterion) {
    let mut group = c.benchmark_group("html");
    group.sample_size(10);
    for fixture in fixtures() {
        let assessment = with_rounds_and_a_review(fixture);
        let size = rolefit::export::html(&fixture.framework, &assessment).len();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(BenchmarkId::new("person", &fixture.label), |b| {
            b.iter(|| rolefit::export::html(&fixture.framework, black_box(&assessment)))
        });
    }
    let (_dir, files) = team_files(1_000);
    let team = rolefit::team::load_with(rolefit::storage::framework::builtin(), &files, 2);
    let pmo = team.framework.main_profiles[1];
    let html = rolefit::team::report::TeamFormat::Html;
    let size = rolefit::team::report::report(&team, pmo, html).len();
    group.throughput(Throughput::Bytes(size as u64));
    group.bench_function("team_1000", |b| {
        b.iter(|| rolefit::team::report::report(black_box(&team), pmo, html))
    });
    group.bench_function("team_1000_load_and_write", |b| {
        b.iter(|| {
            let team =
                rolefit::team::load(rolefit::storage::framework::builtin(), black_box(&files));
            rolefit::team::report::report(&team, pmo, html)
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = load_framework, load_framework_format2, app_new, render, render_baseline, keys, plan_keys, search, gap_table, scoring, storage, team, framework_import, html
}

criterion_main!(benches);
