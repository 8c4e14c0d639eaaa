//! Format 2 is answered as fully as the built-in framework everywhere: no lean where there is
//! no axis, "too early" by PRODUCT.md §7's revised count, the ladder answer in `show`, plain
//! mode and every export, team reports that say the direction of a lean and write "none" as
//! such (frameworks-team.md F-D4, F-D13, F-D14), through the real binary.

mod cmd_support;

use std::path::{Path, PathBuf};
use std::process::Output;

use cmd_support::{rolefit, run, stderr, stdout};
use rolefit::domain::scoring::{self, Telling, needed_to_tell};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sfia() -> PathBuf {
    root().join("assets/frameworks/examples/sfia9-change.toml")
}

fn ladder() -> PathBuf {
    root().join("tests/fixtures/frameworks/ladder.toml")
}

/// `rolefit ARGS` in `home`; it must succeed.
fn ok(home: &Path, args: &[&str]) -> String {
    let out = run(rolefit(home).args(args));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn with_stdin(home: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = rolefit(home)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn assessments(home: &Path) -> PathBuf {
    home.join("xdg-data/rolefit/assessments")
}

// ---- F-D4: no lean without an axis; "too early" scaled to the framework ------------------------

#[test]
fn the_too_early_count_follows_the_framework() {
    // PRODUCT.md §7: 8, or on a framework with fewer telling competencies half of them, at
    // least 3 (all of them below 3).
    let cases = [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 3),
        (5, 3),
        (6, 3),
        (7, 4),
        (8, 8),
        (29, 8),
    ];
    for (telling, needed) in cases {
        assert_eq!(needed_to_tell(telling), needed, "{telling} telling");
    }
    // The built-in: centred targets differing by 0.25 or more, not raw targets that differ.
    let fw = rolefit::storage::framework::builtin();
    assert_eq!(Telling::of(&fw).total, 29);
    // The engineering ladders: five axes, each telling Tech Lead from Engineering Manager.
    let text =
        std::fs::read_to_string(root().join("assets/frameworks/examples/engineering-ladders.toml"))
            .unwrap();
    let fw = rolefit::storage::framework::from_toml(&text).unwrap();
    assert_eq!(Telling::of(&fw).marks, vec![true; 5]);
    // Three of them rated at the Tech Lead's targets show the lean; two are too early.
    let tl = fw.main_profiles[0];
    let mut sheet = scoring::RatingSheet::from_levels(vec![None; 5]);
    for c in 0..2 {
        sheet.set(c, Some(fw.target(tl, c)));
    }
    assert_eq!(
        scoring::lean(&fw, &sheet).outcome,
        scoring::Outcome::TooEarly
    );
    let mut sheet =
        scoring::RatingSheet::from_levels((0..5).map(|c| Some(fw.target(tl, c))).collect());
    sheet.set(3, None);
    sheet.set(4, None);
    let lean = scoring::lean(&fw, &sheet);
    assert_eq!((lean.telling_rated, lean.telling_needed), (3, 3));
    assert_ne!(lean.outcome, scoring::Outcome::TooEarly);
}

#[test]
fn a_framework_without_an_axis_never_speaks_of_a_lean() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let sf = sfia();
    let sf = sf.to_str().unwrap();
    ok(h, &["--framework", sf, "-a", "sf", "rate", "POMG", "6"]);
    ok(h, &["-a", "sf", "rate", "PRMG", "none"]);
    let show = ok(h, &["-a", "sf", "show"]);
    for word in ["Too early", "Verdict", "roles' targets", "lean"] {
        assert!(!show.contains(word), "{word:?} in:\n{show}");
    }
    assert!(show.contains("Your readiness, best first:"), "{show}");
    assert!(show.contains("  1. "), "{show}");
    // Plain mode's Results say the same.
    let plain = with_stdin(h, &["--plain", "-a", "sf"], &"s\n".repeat(30));
    let text = stdout(&plain);
    assert!(text.contains("Your readiness, best first:"), "{text}");
    assert!(!text.contains("Too early"), "{text}");
    // The team report: no lean word in CSV or Markdown.
    let team = h.join("t1");
    std::fs::create_dir(&team).unwrap();
    std::fs::copy(assessments(h).join("sf.toml"), team.join("sf.toml")).unwrap();
    let csv = ok(
        h,
        &[
            "team",
            "--framework",
            sf,
            team.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let lean = header.iter().position(|h| *h == "lean").unwrap();
    let row: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(row[lean], "", "{csv}");
    let md = ok(
        h,
        &[
            "team",
            "--framework",
            sf,
            team.to_str().unwrap(),
            "--format",
            "markdown",
        ],
    );
    assert!(!md.contains("too early") && !md.contains("early |"), "{md}");
}

#[test]
fn a_small_ladder_is_not_too_early_once_its_few_telling_competencies_are_rated() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let flat = ladder();
    ok(
        h,
        &[
            "--framework",
            flat.to_str().unwrap(),
            "-a",
            "lad",
            "rate",
            "A.1",
            "2",
        ],
    );
    let show = ok(h, &["-a", "lad", "show"]);
    // One of two rated: the framework has two telling competencies and needs both.
    assert!(
        show.contains("Verdict: Too early to tell: rate 1 more\n")
            && show.contains("Rate 1 more of the 2 competencies that tell the two roles apart"),
        "{show}"
    );
    ok(h, &["-a", "lad", "rate", "A.2", "2"]);
    let show = ok(h, &["-a", "lad", "show"]);
    assert!(!show.contains("Too early"), "{show}");
    assert!(show.contains("Verdict: "), "{show}");
}

// ---- F-D13: the ladder answer everywhere ---------------------------------------------------------

#[test]
fn the_grade_answer_is_in_show_plain_and_every_export() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ladder = ladder();
    ok(
        h,
        &[
            "--framework",
            ladder.to_str().unwrap(),
            "-a",
            "lad",
            "rate",
            "A.1",
            "2",
        ],
    );
    ok(h, &["-a", "lad", "rate", "A.2", "2"]);
    let answer = "Developer: met Developer 3 (grade 3) 80% · that is the highest grade";
    let show = ok(h, &["-a", "lad", "show"]);
    assert!(show.contains(answer), "{show}");
    let plain = stdout(&with_stdin(h, &["--plain", "-a", "lad"], ""));
    assert!(plain.contains(answer), "{plain}");
    let md = ok(h, &["-a", "lad", "export"]);
    assert!(
        md.contains("## Grades\n\n- **Developer**: met Developer 3 (grade 3) 80% · that is the highest grade"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(h, &["-a", "lad", "export", "--format", "json"])).unwrap();
    assert_eq!(json["readiness"][2]["grade"], 3);
    assert_eq!(json["readiness"][3]["grade"], serde_json::Value::Null);
    assert_eq!(json["grades"][0]["role"], "dev");
    assert_eq!(json["grades"][0]["met"], "dev3");
    assert_eq!(json["grades"][0]["next"], serde_json::Value::Null);
    let csv = ok(h, &["-a", "lad", "export", "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let met = header.iter().position(|h| *h == "grade_met_dev").unwrap();
    assert_eq!(header[met + 1], "grade_next_dev");
    for line in lines {
        let row: Vec<&str> = line.split(',').collect();
        assert_eq!((row[met], row[met + 1]), ("dev3", ""), "{csv}");
    }
}

// ---- F-D14: the team's lean has a direction; "none" is not 0 ------------------------------------

#[test]
fn team_reports_say_which_way_and_write_none_as_none() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ladder = ladder();
    let fw = ladder.to_str().unwrap();
    // The developer's shape and the operator's.
    ok(h, &["--framework", fw, "-a", "d", "rate", "A.1", "1"]);
    ok(h, &["-a", "d", "rate", "A.2", "2"]);
    ok(h, &["--framework", fw, "-a", "o", "rate", "A.1", "2"]);
    ok(h, &["-a", "o", "rate", "A.2", "1"]);
    let csv = ok(h, &["team", "--framework", fw, "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let lean = header.iter().position(|h| *h == "lean").unwrap();
    let mut leans: Vec<String> = lines
        .map(|l| l.split(',').nth(lean).unwrap().to_string())
        .collect();
    leans.sort();
    assert_eq!(leans, ["leans-dev", "leans-ops"], "{csv}");
    // jsonl writes "none" as "none", never as the value 0.
    ok(h, &["-a", "o", "rate", "A.1", "none"]);
    let jsonl = ok(h, &["team", "--framework", fw, "--format", "jsonl"]);
    let none: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["name"] == "o" && v["competency"] == "A.1")
        .collect();
    assert_eq!(none.len(), 1, "{jsonl}");
    assert_eq!(none[0]["level"], "none", "{jsonl}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(h, &["team", "--framework", fw, "--format", "json"])).unwrap();
    let o = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "o")
        .unwrap();
    assert_eq!(o["levels"]["A.1"], "none");
}

// ---- F-D7: plain mode's closing hint opens the same assessment ------------------------------------

#[test]
fn the_plain_closing_hint_repeats_the_assessment_and_the_review_file() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let sf = sfia();
    ok(
        h,
        &[
            "--framework",
            sf.to_str().unwrap(),
            "-a",
            "sf",
            "rate",
            "POMG",
            "6",
        ],
    );
    let out = stdout(&with_stdin(h, &["--plain", "-a", "sf"], "q\n"));
    assert!(
        out.contains("Run rolefit --plain -a sf again to continue at PGMG Programme management."),
        "{out}"
    );
    // The hint, followed, opens the same assessment where it stopped.
    let again = stdout(&with_stdin(h, &["--plain", "-a", "sf"], "q\n"));
    assert!(again.contains("Assessment \"sf\": 1 of 23"), "{again}");
    // A reviewer is sent back to the review file.
    ok(h, &["rate", "DP1", "3"]);
    let kim = h.join("kim review.toml");
    ok(h, &["review", "request", "-o", kim.to_str().unwrap()]);
    let out = stdout(&with_stdin(
        h,
        &[
            "--plain",
            "review",
            kim.to_str().unwrap(),
            "--reviewer",
            "Kim",
        ],
        "4\nq\n",
    ));
    let expected = format!("Run rolefit --plain review '{}' again", kim.display());
    assert!(out.contains(&expected), "{out}");
}
