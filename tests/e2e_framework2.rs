//! End-to-end: the real binary in a pseudo-terminal on a format 2 framework with three roles,
//! a 1..7 scale, competencies defined at some levels only with their own level texts, a
//! target left out (not required) and parent areas (tests/fixtures/frameworks/three-roles.toml).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::pty::{DataDir, Key, Launch, Tui};

const EXIT: Duration = Duration::from_secs(10);

fn fixture() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/frameworks/three-roles.toml")
}

fn launch(data: &DataDir, size: (u16, u16)) -> Tui {
    Launch::new(data)
        .size(size.0, size.1)
        .arg("--framework")
        .arg(fixture().to_str().unwrap())
        .spawn()
}

fn row(screen: &str, n: usize) -> &str {
    screen.split('\n').nth(n).unwrap_or("")
}

fn saved_clean(screen: &str) -> bool {
    let rows: Vec<&str> = screen.split('\n').collect();
    let status = rows[rows.len().saturating_sub(2)];
    status.contains("Saved ") && !status.contains("pending")
}

fn quit(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit(EXIT);
    assert!(status.success(), "{status:?}\n{}", tui.describe());
}

fn saved_levels(data: &DataDir) -> toml::Table {
    let text = std::fs::read_to_string(data.default_file()).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table["ratings"].as_table().unwrap().clone()
}

/// Roles shows the two axis profiles and points to the others; `f` lists every profile with
/// its grade; Grid shows parent areas and a target left out as "not required".
#[test]
fn roles_and_grid_with_three_roles() {
    let data = DataDir::new();
    let mut tui = launch(&data, (100, 30));
    let roles = tui.wait_for("both panes", |s| {
        s.contains("Developer") && s.contains("Operations engineer")
    });
    assert!(roles.contains("2 more profiles in 3 roles"), "{roles}");
    tui.send("f");
    let all = tui.wait_for_text("Every profile");
    assert!(all.contains("Senior delivery lead"), "{all}");
    assert!(all.contains("grade 6"), "{all}");
    tui.send_key(Key::Tab);
    let grid = tui.wait_for_text("Competency grid");
    assert!(grid.contains("Planning · Delivery"), "{grid}");
    assert!(grid.contains("Building · Delivery"), "{grid}");
    // Open Building: BUILD.1 is not required by the Operations engineer.
    tui.send_key(Key::Down);
    tui.send_key(Key::Enter);
    let open = tui.wait_for_text("BUILD.1");
    let line = open.lines().find(|l| l.contains("BUILD.1")).unwrap();
    // No target in the Operations engineer's column, and the legend says what "—" is.
    assert!(line.contains("target 5 —"), "{open}");
    assert!(open.contains("— no target"), "{open}");
    quit(&mut tui);
}

/// Rate lists only a competency's valid levels with its own texts; a digit above 5 records
/// that level, a level it is not defined at is refused with a notice, `-` records "none";
/// the file keeps them and a relaunch shows them.
#[test]
fn rate_a_one_to_seven_scale_with_valid_levels() {
    let data = DataDir::new();
    let mut tui = launch(&data, (100, 30));
    tui.wait_for_text("Welcome to rolefit");
    tui.send("\t\t");
    let rate = tui.wait_for("PLAN.1 on Rate", |s| {
        row(s, 0).contains("[Rate]") && s.contains("PLAN.1 Planning work")
    });
    assert!(rate.contains("6 Initiate"), "{rate}");
    assert!(
        rate.contains("Plans a team's work."),
        "own level text:\n{rate}"
    );
    assert!(
        !rate.contains("1 Follow"),
        "PLAN.1 is not defined at 1:\n{rate}"
    );
    assert!(
        !rate.contains("7 Set strategy"),
        "PLAN.1 is not defined at 7:\n{rate}"
    );
    assert!(rate.contains("- Not yet"), "{rate}");
    // 7 is refused and nothing moves on.
    tui.send("7");
    let refused = tui.wait_for_text("7 is not a level of this competency");
    assert!(refused.contains("PLAN.1 Planning work"), "{refused}");
    // 6 is recorded and Rate moves on to BUILD.1.
    tui.send("6");
    tui.wait_for_text("BUILD.1 Building software");
    // "none" for BUILD.1, then 2 for BUILD.2 and 7 for RUN.1.
    tui.send("-");
    tui.wait_for_text("BUILD.2 Testing");
    tui.send("2");
    tui.wait_for_text("RUN.1 Running services");
    tui.send("7");
    tui.wait_for("everything answered and saved", |s| {
        row(s, 0).contains("4/4 answered") && saved_clean(s)
    });
    tui.send_key(Key::Tab);
    let results = tui.wait_for_text("Senior delivery lead");
    assert!(results.contains("Operations engineer"), "{results}");
    quit(&mut tui);

    let ratings = saved_levels(&data);
    assert_eq!(ratings["PLAN.1"]["level"].as_integer(), Some(6));
    assert_eq!(ratings["BUILD.1"]["level"].as_str(), Some("none"));
    assert_eq!(ratings["BUILD.2"]["level"].as_integer(), Some(2));
    assert_eq!(ratings["RUN.1"]["level"].as_integer(), Some(7));

    // A relaunch reads the 1..7 levels back and shows them.
    let mut tui = launch(&data, (100, 30));
    let again = tui.wait_for("Results after relaunch", |s| {
        row(s, 0).contains("[Results]")
    });
    assert!(row(&again, 0).contains("4/4 answered"), "{again}");
    assert!(again.contains("Senior delivery lead"), "{again}");
    quit(&mut tui);
}
