//! The app states the screenshots show, built the way a user gets there: by applying actions
//! to a fresh app with a fixed clock.
//!
//! One file because every picture's state is built with the same few steps; the pictures are
//! one table.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use rolefit::app::{App, AppInit, Event, Intent, Opened};
use rolefit::clock::utc_from_epoch;
use rolefit::domain::{Assessment, Level, Rating};
use rolefit::ui::theme::Background;

use crate::svg;

/// One picture: its file name (without extension), what it shows, and the app behind it.
pub struct Screenshot {
    pub name: &'static str,
    pub caption: &'static str,
    pub size: (u16, u16),
    pub app: App,
    /// Draw the team view (`rolefit team`) instead of the app.
    pub team: Option<rolefit::team::TeamView>,
}

/// The light pictures: the key screens again, on a light background.
const LIGHT: [&str; 8] = [
    "roles",
    "grid",
    "rate",
    "rate-80x24",
    "results-leans-pm",
    "results-gaps",
    "help",
    "team",
];

impl Screenshot {
    /// The colours the picture assumes the terminal has.
    pub fn scheme(&self) -> svg::Scheme {
        let background = match &self.team {
            Some(view) => view.background(),
            None => self.app.background(),
        };
        match background {
            Background::Dark => svg::DARK,
            Background::Light => svg::light(),
        }
    }

    /// Draws the app through the real `ui::render` into a test terminal of the screenshot's
    /// size.
    pub fn render(mut self) -> Buffer {
        let (width, height) = self.size;
        // On the Plan screen's day, so its actions fall in the groups they were made for.
        self.app
            .update(Event::Resize(width, height), utc_from_epoch(PLAN_DAY));
        let mut terminal =
            Terminal::new(TestBackend::new(width, height)).expect("a test terminal never fails");
        if let Some(mut view) = self.team {
            rolefit::team::run::draw(&mut terminal, &mut view)
                .expect("drawing into a test terminal never fails");
            return terminal.backend().buffer().clone();
        }
        terminal
            .draw(|frame| rolefit::ui::render(frame, &self.app))
            .expect("drawing into a test terminal never fails");
        terminal.backend().buffer().clone()
    }
}

/// 2027-03-01T09:00:00Z: the day the Plan picture is taken.
const PLAN_DAY: i64 = 1_803_891_600;

/// Size of the usual pictures.
const SCREEN: (u16, u16) = (100, 30);
/// Below the app's minimum size, to show the too-small message.
const TOO_SMALL: (u16, u16) = (40, 12);

/// Self-ratings per area that make the verdict lean towards the Project Manager.
const LEANS_PM: [u8; 7] = [4, 4, 3, 3, 3, 1, 1];
/// … towards the PMO Manager.
const LEANS_PMO: [u8; 7] = [2, 2, 4, 4, 4, 4, 4];
/// … straddle both roles.
const STRADDLES: [u8; 7] = [4, 4, 3, 3, 3, 4, 4];

/// Every picture, in the order the README lists them: every screen on a dark background,
/// then the key screens on a light one (named `…-light`).
pub fn all() -> Vec<Screenshot> {
    let mut shots = on(Background::Dark);
    let light = on(Background::Light)
        .into_iter()
        .filter(|shot| LIGHT.contains(&shot.name))
        .map(|shot| Screenshot {
            name: light_name(shot.name),
            ..shot
        });
    shots.extend(light);
    shots
}

/// The light picture's name: `NAME-light`.
fn light_name(name: &str) -> &'static str {
    Box::leak(format!("{name}-light").into_boxed_str())
}

/// One picture of [`SHOTS`]: its name, caption and size, and the app behind it on a background.
type Shot = (
    &'static str,
    &'static str,
    (u16, u16),
    fn(Background) -> App,
);

/// Every screen's picture but the team view, in order.
const SHOTS: &[Shot] = &[
    (
        "roles",
        "Roles, first run: the welcome asks the person's name in a one-line field, above the two roles side by side.",
        SCREEN,
        asking,
    ),
    (
        "roles-flavours",
        "Roles with the PMO flavours shown in place of the second role.",
        SCREEN,
        |bg| with(fresh(bg), &[Intent::ToggleFlavours]),
    ),
    (
        "grid",
        "Grid with an area expanded: competencies, ratings and the detail pane.",
        SCREEN,
        grid_expanded,
    ),
    (
        "rate",
        "Rate: a competency marked N/A, with its note, the level scale and the cursor.",
        SCREEN,
        rated,
    ),
    (
        "rate-80x24",
        "Rate at 80×24: every level's anchor whole (level 2 highlighted), the competency's name and the start of its text above (J/K scroll it), the note on one line.",
        (80, 24),
        |bg| {
            with(
                fresh(bg),
                &[
                    Intent::NextScreen,
                    Intent::NextScreen,
                    Intent::Right,
                    Intent::Down,
                    Intent::Down,
                    Intent::Down,
                ],
            )
        },
    ),
    (
        "results-leans-pm",
        "Results for an assessment that leans Project Manager.",
        SCREEN,
        |bg| results_with(LEANS_PM, bg),
    ),
    (
        "results-leans-pmo",
        "Results for an assessment that leans PMO Manager.",
        SCREEN,
        |bg| results_with(LEANS_PMO, bg),
    ),
    (
        "results-straddles",
        "Results for an assessment that straddles both roles.",
        SCREEN,
        |bg| results_with(STRADDLES, bg),
    ),
    (
        "results-gaps",
        "Results at 80×24: the verdict, where it sits and how firm it is, both main profiles' readiness first, and the first rows of the gap table (v shows the areas in its place).",
        (80, 24),
        |bg| results_with(LEANS_PM, bg),
    ),
    (
        "plan",
        "Plan: the actions for one gap grouped as overdue, this month, later and done, each with its competency, the gap it closes (level → target) and its status in words.",
        SCREEN,
        planned,
    ),
    (
        "help",
        "The help overlay, opened on the Grid screen.",
        SCREEN,
        |bg| with(fresh(bg), &[Intent::NextScreen, Intent::ToggleHelp]),
    ),
    (
        "second-opinion-grid",
        "Grid after importing two reviews: your level, then Kim's and Sam's; ! marks two levels or more apart.",
        SCREEN,
        |bg| {
            with(
                reviewed(bg),
                &[Intent::NextScreen, Intent::Activate, Intent::Down],
            )
        },
    ),
    (
        "second-opinion-results",
        "Results after importing two reviews: a calibration sentence per reviewer, and talk flags in the gap table.",
        SCREEN,
        |bg| {
            with(
                reviewed(bg),
                &[Intent::PrevScreen, Intent::PrevScreen, Intent::SwitchView],
            )
        },
    ),
    (
        "review-rate",
        "A reviewer rating someone in their review file: the person's own level shows once the reviewer has rated.",
        SCREEN,
        reviewing,
    ),
    (
        "too-small",
        "The message shown when the terminal is smaller than the layout needs.",
        TOO_SMALL,
        fresh,
    ),
];

/// Every screen's picture on this background.
fn on(bg: Background) -> Vec<Screenshot> {
    let team_shot = Screenshot {
        name: "team",
        caption: "The team view (`rolefit team`): eight people's files as a heatmap against the PMO Manager profile, sorted by readiness, on the team's largest gap (GV3) with its bench depth and the ranking.",
        size: (120, 32),
        app: fresh(bg),
        team: Some(team_view(bg)),
    };
    let mut shots: Vec<Screenshot> = SHOTS
        .iter()
        .map(|&(name, caption, size, app)| Screenshot {
            name,
            caption,
            size,
            app: app(bg),
            team: None,
        })
        .collect();
    shots.push(team_shot);
    shots
}

/// The team view of `tests/fixtures/team` (eight people), sorted by readiness, on GV3.
fn team_view(bg: Background) -> rolefit::team::TeamView {
    use rolefit::team::{TeamView, files_in, load};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/team");
    let files = files_in(&[dir]).expect("the team fixture has files");
    let framework = rolefit::storage::framework::builtin();
    let pmo = framework.profile_index("pmo").expect("pmo");
    let mut view = TeamView::new(load(framework, &files), pmo).theme(true, bg);
    view.update(Intent::CycleSort);
    view.update(Intent::Find);
    for c in "GV3".chars() {
        view.update(Intent::Edit(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ..Default::default()
        }));
    }
    view.update(Intent::Confirm);
    view.update(Intent::Home);
    view
}

fn level(n: u8) -> Rating {
    Rating::Level(Level::new(n).expect("fixture levels are on the scale"))
}

/// A fresh app with a fixed clock and colour on, on this background, as on first run once
/// the person has given their name.
fn fresh(bg: Background) -> App {
    let framework = rolefit::storage::framework::builtin();
    let mut assessment = Assessment::new("default", &framework, utc_from_epoch(1_795_888_800));
    assessment.display_name = Some("Sam Taylor".into());
    App::new(
        AppInit::new(framework, assessment)
            .opened(Opened::FirstRun)
            .color(true)
            .background(bg),
    )
}

/// The first frame of a first run: the welcome asks the person's name.
fn asking(bg: Background) -> App {
    let framework = rolefit::storage::framework::builtin();
    let assessment = Assessment::new("default", &framework, utc_from_epoch(1_795_888_800));
    App::new(
        AppInit::new(framework, assessment)
            .opened(Opened::FirstRun)
            .color(true)
            .background(bg),
    )
}

fn with(mut app: App, actions: &[Intent]) -> App {
    for action in actions {
        app.update(action.clone(), rolefit::clock::utc_from_epoch(0));
    }
    app
}

/// On Rate, with three competencies rated, a note written, one marked N/A, and back on the
/// competency with the note.
fn rated(bg: Background) -> App {
    let mut app = with(
        fresh(bg),
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::Rate(level(4)),
            Intent::Rate(level(3)),
            Intent::Rate(level(5)),
            Intent::EditNote,
        ],
    );
    for c in "Planned the 2025 ERP rollout end to end.".chars() {
        app.update(
            Intent::Edit(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            rolefit::clock::utc_from_epoch(0),
        );
    }
    with(
        app,
        &[
            Intent::CloseEditor,
            Intent::Rate(Rating::NotApplicable),
            Intent::Left,
        ],
    )
}

/// On Grid, the first area expanded, the cursor on a rated competency.
fn grid_expanded(bg: Background) -> App {
    with(
        rated(bg),
        &[
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::NextScreen,
            Intent::Activate,
            Intent::Down,
            Intent::Down,
            Intent::Right,
        ],
    )
}

/// On Results with every competency rated, one level per area.
fn results_with(per_area: [u8; 7], bg: Background) -> App {
    let mut app = with(fresh(bg), &[Intent::NextScreen, Intent::NextScreen]);
    // Rating moves on to the next competency, so rating them all in order fills the sheet.
    let areas: Vec<usize> = app
        .framework()
        .competencies
        .iter()
        .map(|c| c.area)
        .collect();
    for area in areas {
        app.update(
            Intent::Rate(level(per_area[area])),
            rolefit::clock::utc_from_epoch(0),
        );
    }
    with(app, &[Intent::NextScreen])
}

/// Results leaning PM, then the Plan screen on the first gap row with four actions (one
/// overdue, one this month, one later and doing, one done with its evidence).
fn planned(bg: Background) -> App {
    let mut app = results_with(LEANS_PM, bg);
    let at = utc_from_epoch(PLAN_DAY);
    let send = |app: &mut App, actions: &[Intent], text: &str| {
        for action in actions {
            app.update(action.clone(), at);
        }
        for c in text.chars() {
            app.update(
                Intent::Edit(ratatui_textarea::Input {
                    key: ratatui_textarea::Key::Char(c),
                    ..Default::default()
                }),
                at,
            );
        }
    };
    send(
        &mut app,
        &[Intent::NextScreen, Intent::AddAction],
        "Shadow the PMO lead on two gate reviews",
    );
    send(&mut app, &[Intent::Confirm, Intent::SetDue], "+2w");
    send(
        &mut app,
        &[Intent::Confirm, Intent::AddAction],
        "Write the benefits section of the next business case",
    );
    send(&mut app, &[Intent::Confirm, Intent::SetDue], "2027-02-20");
    send(
        &mut app,
        &[Intent::Confirm, Intent::AddAction],
        "Ask the portfolio office for a mentor",
    );
    send(&mut app, &[Intent::Confirm, Intent::SetDue], "+3m");
    send(
        &mut app,
        &[Intent::Confirm, Intent::CycleStatus, Intent::AddAction],
        "Read the governance handbook",
    );
    send(
        &mut app,
        &[Intent::Confirm, Intent::MarkDone],
        "Summary shared with the team",
    );
    send(
        &mut app,
        &[Intent::Confirm, Intent::Cancel, Intent::Home],
        "",
    );
    app
}

/// Alex's assessment rated by area (leaning PM) with two imported reviews: Sam two levels
/// below on Delivery Planning, Kim above on Risk & Issues and Capability Development.
fn reviewed(bg: Background) -> App {
    let framework = rolefit::storage::framework::builtin();
    let mut a = Assessment::new("alex", &framework, utc_from_epoch(1_795_888_800));
    let entry = |n: u8| rolefit::domain::Entry {
        rating: Some(level(n)),
        ..Default::default()
    };
    let mut sam = rolefit::domain::Review::default();
    let mut kim = rolefit::domain::Review::default();
    for c in &framework.competencies {
        let own = LEANS_PM[c.area];
        a.set_rating(&c.id, Some(level(own)));
        let theirs = if c.area == 0 { own - 2 } else { own };
        sam.ratings.insert(c.id.clone(), entry(theirs));
        if c.area == 1 || c.area == 5 {
            kim.ratings
                .insert(c.id.clone(), entry(own + c.area as u8 / 5 + 1));
        }
    }
    a.reviews.insert("Sam".into(), sam);
    a.reviews.insert("Kim".into(), kim);
    a.display_name = Some("Alex Moreau".into());
    App::new(
        AppInit::new(framework, a)
            .opened(Opened::Resumed)
            .color(true)
            .background(bg),
    )
}

/// Sam filling in Alex's review file (Alex shared their own ratings and notes): DP1 rated 2,
/// where Alex's own 4 and note now show.
fn reviewing(bg: Background) -> App {
    let framework = rolefit::storage::framework::builtin();
    let mut alex = Assessment::new("alex", &framework, utc_from_epoch(1_795_888_800));
    alex.display_name = Some("Alex Moreau".into());
    for (id, n) in [("DP1", 4), ("DP2", 3), ("DP3", 4)] {
        alex.set_rating(&id.into(), Some(level(n)));
    }
    alex.set_note(
        &"DP1".into(),
        "Wrote the scope for the ERP rollout and got it signed off.".into(),
    );
    let mut file =
        rolefit::review::request(&alex, &framework, true, "r1", utc_from_epoch(1_795_900_000));
    file.set_reviewer("Sam");
    file.assessment.set_rating(&"DP1".into(), Some(level(2)));
    App::new(
        AppInit::new(framework, file.assessment)
            .opened(Opened::Resumed)
            .color(true)
            .background(bg),
    )
}

/// `screenshots/README.md`: one line per picture, and how to make them again.
pub fn readme(shots: &[Screenshot]) -> String {
    let mut out = String::from(
        "# Screenshots\n\
         \n\
         Every screen of rolefit, drawn from fixture assessments by the real `ui::render` into a\n\
         test terminal, then written as SVG and as PNG (drawn with the DejaVu Sans Mono in\n\
         `assets/fonts/`, so the pictures are the same on every machine). Regenerate them after\n\
         a UI change with:\n\
         \n\
         ```sh\n\
         cargo run --example screenshots\n\
         ```\n\
         \n\
         `tests/screenshots.rs` fails while a committed SVG differs from what the UI draws now.\n\
         The fixtures are in `examples/screenshots/fixtures.rs`.\n\
         \n\
         A terminal draws rolefit's colours from its own palette, so each picture assumes one:\n\
         the dark pictures (rolefit's dark theme) use {dark}; the `-light` pictures (its light\n\
         theme) use {light}, the palette the light theme's contrast is measured under.\n\
         \n",
    )
    .replace("{dark}", svg::DARK.name)
    .replace("{light}", svg::light().name);
    for shot in shots {
        let (width, height) = shot.size;
        let light = if shot.app.background() == Background::Light {
            " Light background."
        } else {
            ""
        };
        out.push_str(&format!(
            "**{name}** ({width}×{height}): {caption}{light} ![{name}]({name}.png)\n\n",
            name = shot.name,
            caption = shot.caption,
        ));
    }
    out.push_str(OTHER_PICTURES_README);
    out.pop();
    out
}

/// Pictures in `screenshots/` that are not drawn by rolefit's UI, so have no fixture here.
#[allow(dead_code)] // read by tests/screenshots.rs and kept by main.rs
pub const OTHER_PICTURES: [&str; 6] = [
    "framework-sheet",
    "report-light",
    "report-dark",
    "report-phone",
    "report-print-page1",
    "team-report-light",
];

/// What screenshots/README.md says of [`OTHER_PICTURES`].
const OTHER_PICTURES_README: &str = "\
**framework-sheet**: the spreadsheet layout `rolefit framework import` reads, as the README's
\"Bring your own framework\" shows it: `tests/fixtures/sheets/pmo-sheet.csv` (the file the
import tests read) written as an XLSX by `cargo run --example framework_sheet`, printed to PDF
by LibreOffice (`soffice --headless --convert-to pdf`) and turned into a PNG by `pdftoppm -png
-r 110`. It is a picture of a real spreadsheet program's rendering of that file, not of
rolefit. ![framework-sheet](framework-sheet.png)

**report-light**, **report-dark**, **report-phone**, **report-print-page1**,
**team-report-light**: the HTML reports (`rolefit export --format html`, `rolefit team
--format html`) as headless Chromium shows them: the person report at 1280 pixels wide in the
light and the dark scheme and at a phone's 390, the first A4 page of its PDF (printed by
Chromium, turned into a PNG by `pdftoppm -r 70`), and the team report's heatmap. They are
taken by the browser check itself: `ROLEFIT_SCREENSHOTS=1 cargo test --test html_browser`.
![report-light](report-light.png) ![report-dark](report-dark.png)
![report-phone](report-phone.png) ![report-print-page1](report-print-page1.png)
![team-report-light](team-report-light.png)

";
