//! Rounds over time: closing a round from the command line and from the app, comparing rounds,
//! and seeing the change in the app.

mod headless;

use std::path::Path;
use std::process::{Command, Output};

fn rolefit(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .env("ROLEFIT_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("xdg-config"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(data: &Path, text: &str) {
    std::fs::create_dir_all(data.join("assessments")).unwrap();
    std::fs::write(data.join("assessments/default.toml"), text).unwrap();
}

const START: &str = "format = 1\nframework = \"pm-vs-pmo\"\n\n[ratings.DP1]\nlevel = 2\n\n[ratings.GV3]\nlevel = 1\nnote = \"Only followed gates so far.\"\n";

#[test]
fn snapshot_then_diff_shows_what_moved() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), START);
    let out = rolefit(dir.path(), &["snapshot", "--label", "first go"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Closed round 1 of default"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("first go"));
    // The round is inside the same file, which still loads.
    let text = std::fs::read_to_string(dir.path().join("assessments/default.toml")).unwrap();
    assert!(
        text.contains("[[history]]") && text.contains("label = \"first go\""),
        "{text}"
    );
    assert!(
        text.contains("Only followed gates so far."),
        "notes are kept: {text}"
    );

    // Raise GV3 and add CD1, then compare the last round with now (the defaults).
    let later = text
        .replace("[ratings.GV3]\nlevel = 1", "[ratings.GV3]\nlevel = 4")
        .replace("[ratings.DP1]", "[ratings.CD1]\nlevel = 3\n\n[ratings.DP1]");
    std::fs::write(dir.path().join("assessments/default.toml"), later).unwrap();
    let out = rolefit(dir.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("Changes from round 1 · "), "{report}");
    assert!(
        report.contains("▲ GV3    Governance design: 1 → 4 (rose)"),
        "{report}"
    );
    assert!(
        report.contains("+ CD1    Competence assessment: · → 3 (new)"),
        "{report}"
    );
    assert!(report.contains("Competencies (2 changed)"), "{report}");
    let pmo_line = report
        .lines()
        .find(|l| l.trim_start().starts_with("PMO Manager"))
        .unwrap();
    assert!(
        pmo_line.contains("points") && pmo_line.contains('+'),
        "{pmo_line}"
    );

    // Explicit sides: by number, by label, and a second round.
    assert_eq!(
        rolefit(dir.path(), &["diff", "1", "now"]).stdout,
        out.stdout
    );
    assert_eq!(
        rolefit(dir.path(), &["diff", "first go"]).stdout,
        out.stdout
    );
    assert_eq!(rolefit(dir.path(), &["snapshot"]).status.code(), Some(0));
    let between = stdout(&rolefit(dir.path(), &["diff", "1", "2"]));
    assert!(between.contains("Changes from round 1"), "{between}");
    assert!(between.contains("to round 2"), "{between}");
    assert!(between.contains("(rose)"), "{between}");
    let none = stdout(&rolefit(dir.path(), &["diff"]));
    assert!(none.contains("No competency changed."), "{none}");
}

#[test]
fn diff_and_snapshot_errors_are_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    // No assessment yet.
    for args in [&["snapshot"][..], &["diff"][..]] {
        let out = rolefit(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("run rolefit to start one"),
            "{}",
            stderr(&out)
        );
    }
    // No rounds yet.
    write(dir.path(), START);
    let out = rolefit(dir.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no closed rounds yet"),
        "{}",
        stderr(&out)
    );
    // An unknown round.
    assert_eq!(rolefit(dir.path(), &["snapshot"]).status.code(), Some(0));
    let out = rolefit(dir.path(), &["diff", "7"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no round \"7\""), "{}", stderr(&out));
    // A corrupt file is reported with its place and never touched.
    let corrupt = "format = 1\nframework = \"pm-vs-pmo\"\n[ratings.DP1]\nlevel = 7\n";
    write(dir.path(), corrupt);
    for args in [&["snapshot"][..], &["diff"][..]] {
        let out = rolefit(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("line 4, column 9"),
            "{}",
            stderr(&out)
        );
        assert_eq!(stderr(&out).lines().count(), 1);
    }
    let after = std::fs::read_to_string(dir.path().join("assessments/default.toml")).unwrap();
    assert_eq!(after, corrupt);
}

#[test]
fn a_round_closed_in_the_app_shows_a_trend_and_changes_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    // Rate GV3 at 1 on Rate, close a round on Results with a label.
    let fw = rolefit::storage::framework::builtin();
    let gv3 = fw.competency_index(&"GV3".into()).unwrap();
    let mut keys = String::from("<tab><tab>");
    keys.push_str(&"<right>".repeat(gv3));
    keys.push_str("1<tab>cbaseline<enter>");
    let r = headless::run(dir.path(), &keys, (100, 30));
    assert!(r.screen.contains("Closed round 1: "), "{}", r.screen);
    let file = headless::saved(dir.path());
    assert_eq!(file["history"][0]["label"].as_str(), Some("baseline"));
    assert_eq!(file["history"][0]["ratings"]["GV3"].as_integer(), Some(1));
    // Rate it 4 now: Results shows the trend, the grid shows the rise.
    let mut keys = String::from("<tab><tab><tab><tab>");
    keys.push_str("<home>");
    keys.push_str(&"<right>".repeat(gv3));
    keys.push_str("4<tab>");
    // The trend is below the verdict and readiness: in view on a taller terminal.
    let r = headless::run(dir.path(), &keys, (120, 40));
    assert!(
        r.screen.contains("Trend over 1 round and now: PM"),
        "{}",
        r.screen
    );
    let grid = "<tab><tab><tab><down><down><down><enter><down><down><down>";
    let r = headless::run(dir.path(), grid, (120, 40));
    assert!(r.screen.contains("4▲"), "{}", r.screen);
    assert!(r.screen.contains("Since round 1 ("), "{}", r.screen);
    assert!(r.screen.contains("): 1 → 4, rose"), "{}", r.screen);
}

#[test]
fn diff_without_rounds_says_so_whatever_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), START);
    for args in [&["diff", "1"][..], &["diff", "1", "now"][..]] {
        let out = rolefit(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("no closed rounds yet") && !err.contains("1 to 0"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_year_is_read_as_a_date_when_it_cannot_be_a_round() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), START);
    assert_eq!(rolefit(dir.path(), &["snapshot"]).status.code(), Some(0));
    let file = std::fs::read_to_string(dir.path().join("assessments/default.toml")).unwrap();
    let year = file
        .lines()
        .find_map(|l| l.strip_prefix("taken = "))
        .map(|t| t[..4].to_string())
        .expect("the round's date");
    let out = rolefit(dir.path(), &["diff", &year]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("from round 1"), "{}", stdout(&out));
}

#[test]
fn a_snapshot_of_a_missing_assessment_leaves_no_lock_behind() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), START);
    let out = rolefit(dir.path(), &["snapshot", "-a", "missing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("run rolefit to start one"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("assessments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["default.toml"]);
}

#[test]
fn round_labels_are_printed_with_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), START);
    let label = "q4\x1b]0;owned\x07";
    let out = rolefit(dir.path(), &["snapshot", "--label", label]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stdout(&out).trim_end().chars().any(char::is_control),
        "{:?}",
        stdout(&out)
    );
    let out = rolefit(dir.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("q4\\x1b]0;owned\\x07"), "{text}");
}
