//! An assessment remembers the framework it was made with (id, version, content hash, and the
//! file it came from): every command finds that framework by itself, says exactly which one it
//! needs when it cannot, refuses another one, and leaves the file untouched until it is opened
//! with the right one. A changed framework (same id, new version) is said, its orphaned
//! ratings kept.
//!
//! The custom framework is `tests/fixtures/frameworks/minimal.toml` (id
//! `analysis-vs-architecture`, version 3, competencies M1, G1, M2), copied per test.
//!
//! One file because its 18 tests share the frameworks, folders and pty helpers they set up;
//! each is one way an assessment and its framework meet.

mod cmd_support;
mod common;

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use cmd_support::{rolefit, run, stderr, stdout};
use common::pty::{DataDir, Launch};
use rolefit::cli::{Resolved, prepare_resolved};

const FIXTURE: &str = include_str!("fixtures/frameworks/minimal.toml");
const ID: &str = "analysis-vs-architecture";

/// A home with a data folder and a custom framework file, and an assessment `team` made with
/// it: M1 4, G1 2, M2 3, one closed round.
struct Setup {
    home: tempfile::TempDir,
    framework: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("frameworks");
        std::fs::create_dir(&dir).unwrap();
        let framework = dir.join("team.toml");
        std::fs::write(&framework, FIXTURE).unwrap();
        let setup = Setup { home, framework };
        let fw = setup.framework.to_str().unwrap().to_string();
        for (id, level) in [("M1", "4"), ("G1", "2"), ("M2", "3")] {
            let out = setup.ok(&["rate", id, level, "--framework", &fw]);
            assert!(stdout(&out).contains("answered"), "{}", stdout(&out));
        }
        setup.ok(&["snapshot", "--label", "first"]);
        setup
    }

    fn data(&self) -> PathBuf {
        self.home.path().join("data")
    }

    fn file(&self) -> PathBuf {
        self.data().join("assessments/team.toml")
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.file()).unwrap()
    }

    fn text(&self) -> String {
        String::from_utf8(self.bytes()).unwrap()
    }

    /// rolefit on the `team` assessment in this data folder.
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = rolefit(self.home.path());
        cmd.arg("--data-dir").arg(self.data());
        if args.first() != Some(&"list") {
            cmd.args(["-a", "team"]);
        }
        cmd.args(args);
        run(&mut cmd)
    }

    /// Runs and requires exit 0.
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rolefit {args:?} failed: {}",
            stderr(&out)
        );
        out
    }

    /// The fixture rewritten as version 4 without the competency M2.
    fn change_framework(&self) {
        std::fs::write(
            &self.framework,
            without_m2().replace("version = 3", "version = 4"),
        )
        .unwrap();
    }
}

/// The fixture without the competency M2 (and the profile adjustment that names it).
fn without_m2() -> String {
    let start = FIXTURE.find("[[competencies]]\nid = \"M2\"").unwrap();
    FIXTURE[..start].replace("[profiles.adjust]\nM2 = 5", "[profiles.adjust]\nM1 = 5")
}

/// Every command that reads or writes one assessment, as a user would type it.
const COMMANDS: &[&[&str]] = &[
    &["export"],
    &["export", "--format", "json"],
    &["snapshot"],
    &["diff"],
    &["show"],
    &["show", "M1"],
    &["rate", "M1", "5"],
    &["--plain"],
];

// ---- what is recorded ----

#[test]
fn the_file_records_the_framework_id_version_hash_and_absolute_path() {
    let s = Setup::new();
    let text = s.text();
    let hash = rolefit::storage::framework::from_toml(FIXTURE)
        .unwrap()
        .content_hash();
    for line in [
        format!("framework = \"{ID}\"\n"),
        "framework_version = 3\n".to_string(),
        format!("framework_hash = \"{hash}\"\n"),
        format!("framework_path = \"{}\"\n", s.framework.display()),
    ] {
        assert!(text.contains(&line), "{line:?} missing from\n{text}");
    }
    assert!(s.framework.is_absolute());
}

#[test]
fn a_relative_framework_path_is_recorded_absolute() {
    let s = Setup::new();
    let mut cmd = rolefit(s.home.path());
    cmd.current_dir(s.home.path())
        .arg("--data-dir")
        .arg(s.data())
        .args(["-a", "other", "rate", "M1", "2", "--framework"])
        .arg("frameworks/team.toml");
    let out = run(&mut cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(s.data().join("assessments/other.toml")).unwrap();
    assert!(
        text.contains(&format!("framework_path = \"{}\"", s.framework.display())),
        "{text}"
    );
}

// ---- the recorded framework is found ----

#[test]
fn every_command_finds_the_recorded_framework_without_being_told() {
    let s = Setup::new();
    let list = stdout(&s.ok(&["list"]));
    assert!(
        list.contains("team") && list.contains("3/3 answered") && list.contains(ID),
        "{list}"
    );
    assert!(!list.contains("/33"), "{list}");
    let export = stdout(&s.ok(&["export"]));
    assert!(export.contains("Analyst vs Architect"), "{export}");
    assert!(export.contains("Answered: 3 of 3"), "{export}");
    let json = stdout(&s.ok(&["export", "--format", "json"]));
    assert!(json.contains(&format!("\"{ID}\"")), "{json}");
    let diff = s.ok(&["diff"]);
    assert!(!stdout(&diff).is_empty());
    let show = stdout(&s.ok(&["show", "M2"]));
    assert!(show.contains("Data modelling"), "{show}");
    let results = stdout(&s.ok(&["show"]));
    assert!(results.contains("Architect"), "{results}");
    let snap = stdout(&s.ok(&["snapshot"]));
    assert!(snap.contains("3/3 answered"), "{snap}");
    let rate = stdout(&s.ok(&["rate", "G1", "5"]));
    assert!(rate.contains("Design authority"), "{rate}");
    // Plain mode asks nothing (all rated) and prints the Results of this framework.
    let mut plain = rolefit(s.home.path());
    plain
        .arg("--data-dir")
        .arg(s.data())
        .args(["-a", "team", "--plain"]);
    let plain = run(&mut plain);
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert!(
        stdout(&plain).contains("Solution Architect"),
        "{}",
        stdout(&plain)
    );
    // And the profile is still this framework's after all that.
    assert!(s.text().contains(&format!("framework = \"{ID}\"")));
}

#[test]
fn the_same_framework_given_again_is_fine() {
    let s = Setup::new();
    let fw = s.framework.to_str().unwrap();
    let export = stdout(&s.ok(&["export", "--framework", fw]));
    assert!(export.contains("Answered: 3 of 3"), "{export}");
}

// ---- the recorded framework is missing ----

#[test]
fn a_missing_framework_is_named_with_how_to_give_it_and_nothing_changes() {
    let s = Setup::new();
    let moved = s.home.path().join("elsewhere.toml");
    std::fs::rename(&s.framework, &moved).unwrap();
    let before = s.bytes();
    for args in COMMANDS {
        let out = s.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        for needle in [
            format!("\"{ID}\" (version 3)"),
            s.framework.display().to_string(),
            ", which is not there".to_string(),
            "--framework PATH".to_string(),
            "nothing was changed".to_string(),
        ] {
            assert!(err.contains(&needle), "{args:?}: {needle:?} not in {err}");
        }
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: one line: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        assert_eq!(s.bytes(), before, "{args:?} changed the file");
    }
    // The listing is not an error: the row says what is needed instead of a count.
    let out = s.ok(&["list"]);
    let list = stdout(&out);
    assert!(list.contains(&format!("\"{ID}\" (version 3)")), "{list}");
    assert!(list.contains("--framework PATH"), "{list}");
    assert!(!list.contains("answered"), "{list}");
    // Given where it is now, it works, and the new place is recorded on that save.
    let fw = moved.to_str().unwrap();
    s.ok(&["rate", "M1", "5", "--framework", fw]);
    assert!(
        s.text().contains(&format!("framework_path = \"{fw}\"")),
        "{}",
        s.text()
    );
    s.ok(&["export"]);
}

#[test]
fn a_recorded_file_that_now_holds_another_framework_is_named() {
    let s = Setup::new();
    std::fs::write(&s.framework, rolefit::storage::framework::BUILTIN_TOML).unwrap();
    let before = s.bytes();
    let out = s.run(&["export"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("which now holds the framework \"pm-vs-pmo\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.bytes(), before);
}

#[test]
fn an_older_file_of_a_custom_framework_without_a_recorded_path_asks_for_it() {
    let s = Setup::new();
    // As written before the hash and path were recorded.
    let old: String = s
        .text()
        .lines()
        .filter(|l| !l.starts_with("framework_hash") && !l.starts_with("framework_path"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(s.file(), &old).unwrap();
    let out = s.run(&["export"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("records no file for it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.text(), old);
    // Given, it works; the next save records what was missing.
    let fw = s.framework.to_str().unwrap();
    s.ok(&["export", "--framework", fw]);
    assert_eq!(s.text(), old, "a report writes nothing");
    s.ok(&["rate", "M1", "1", "--framework", fw]);
    assert!(s.text().contains("framework_hash = "), "{}", s.text());
    assert!(s.text().contains("framework_path = "), "{}", s.text());
}

#[test]
fn an_older_file_of_the_builtin_framework_needs_nothing() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir_all(data.join("assessments")).unwrap();
    let old = "format = 1\nframework = \"pm-vs-pmo\"\nframework_version = 1\nname = \"old\"\n\
               created = 2026-11-28T18:00:00Z\nupdated = 2026-11-28T18:20:00Z\n\n\
               [position]\nscreen = \"rate\"\n\n[ratings.DP1]\nlevel = 4\n";
    std::fs::write(data.join("assessments/old.toml"), old).unwrap();
    let mut cmd = rolefit(home.path());
    cmd.arg("--data-dir")
        .arg(&data)
        .args(["-a", "old", "export"]);
    let out = run(&mut cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Answered: 1 of 33"),
        "{}",
        stdout(&out)
    );
    let mut cmd = rolefit(home.path());
    cmd.arg("--data-dir").arg(&data).arg("list");
    assert!(stdout(&run(&mut cmd)).contains("1/33 answered"));
}

// ---- another framework given ----

#[test]
fn another_framework_given_is_refused_and_nothing_changes() {
    let s = Setup::new();
    let other = s.home.path().join("builtin.toml");
    std::fs::write(&other, rolefit::storage::framework::BUILTIN_TOML).unwrap();
    let other = other.to_str().unwrap();
    let before = s.bytes();
    for args in COMMANDS {
        let mut args = args.to_vec();
        args.extend(["--framework", other]);
        let out = s.run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "was made with the framework \"{ID}\" (version 3), not \"pm-vs-pmo\" from {other}"
            )),
            "{args:?}: {err}"
        );
        assert!(err.contains("leave --framework out"), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert_eq!(s.bytes(), before, "{args:?} changed the file");
    }
    let list = stdout(&s.ok(&["list", "--framework", other]));
    assert!(list.contains("not \"pm-vs-pmo\""), "{list}");
    assert!(!list.contains("/33"), "{list}");
}

// ---- a changed framework ----

#[test]
fn a_changed_framework_opens_with_a_notice_and_keeps_the_ratings() {
    let s = Setup::new();
    s.change_framework();
    // Reports count what the new version has; the orphaned rating is still in the file.
    let list = stdout(&s.ok(&["list"]));
    assert!(list.contains("2/2 answered"), "{list}");
    let before = s.bytes();
    s.ok(&["export"]);
    s.ok(&["show"]);
    assert_eq!(s.bytes(), before, "reading writes nothing");
    // Plain mode says it once, on one line.
    let mut plain = rolefit(s.home.path());
    plain
        .arg("--data-dir")
        .arg(s.data())
        .args(["-a", "team", "--plain"]);
    let out = run(&mut plain);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.starts_with(
            "Kept 1 rating for a competency this framework version no longer has: M2\n"
        ),
        "{said}"
    );
    // A save records the new version and hash, and keeps M2's rating and round.
    s.ok(&["rate", "M1", "5"]);
    let text = s.text();
    let hash =
        rolefit::storage::framework::from_toml(&std::fs::read_to_string(&s.framework).unwrap())
            .unwrap()
            .content_hash();
    assert!(text.contains("framework_version = 4\n"), "{text}");
    assert!(
        text.contains(&format!("framework_hash = \"{hash}\"")),
        "{text}"
    );
    assert!(text.contains("[ratings.M2]\nlevel = 3\n"), "{text}");
    assert!(text.contains("M2 = 3"), "the round keeps it too:\n{text}");
    // Said once: now recorded, the framework has not changed any more.
    let out = run(&mut plain);
    assert!(!stdout(&out).contains("no longer has"), "{}", stdout(&out));
}

#[test]
fn a_framework_edited_under_the_same_version_is_noticed_by_its_hash() {
    let s = Setup::new();
    std::fs::write(&s.framework, without_m2()).unwrap();
    let mut plain = rolefit(s.home.path());
    plain
        .arg("--data-dir")
        .arg(s.data())
        .args(["-a", "team", "--plain"]);
    let said = stdout(&run(&mut plain));
    assert!(
        said.contains("Kept 1 rating for a competency this framework version"),
        "{said}"
    );
    // Only a comment added under the same version (nothing saved since): said too.
    std::fs::write(&s.framework, format!("{FIXTURE}\n# edited\n")).unwrap();
    let said = stdout(&run(&mut plain));
    assert!(
        said.contains(&format!(
            "The framework {ID} changed since the last save; every rating still applies"
        )),
        "{said}"
    );
}

// ---- the TUI ----

/// `prepare_resolved` refuses an assessment made with another framework before anything is
/// locked or written.
#[test]
fn prepare_refuses_another_framework_without_touching_the_folder() {
    let s = Setup::new();
    let before = s.bytes();
    let lock = s.data().join("assessments/team.lock");
    let _ = std::fs::remove_file(&lock);
    let err = prepare_resolved(Resolved::builtin(), &s.file(), "team")
        .err()
        .expect("refused");
    let message = err.to_string();
    assert!(
        message.contains(&format!("\"{ID}\" (version 3), not \"pm-vs-pmo\"")),
        "{message}"
    );
    assert_eq!(s.bytes(), before);
    assert!(!lock.exists(), "no lock file was made");
}

/// `prepare_resolved` with the recorded framework records its file and leaves the version and
/// hash to the app, which says what changed first.
#[test]
fn prepare_with_the_right_framework_opens_it() {
    let s = Setup::new();
    let framework = rolefit::storage::framework::from_toml(FIXTURE).unwrap();
    let prepared = prepare_resolved(
        Resolved {
            framework,
            path: Some(s.framework.clone()),
        },
        &s.file(),
        "team",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(prepared.init.framework.id, ID);
    assert_eq!(
        prepared.init.assessment.framework_path.as_deref(),
        s.framework.to_str()
    );
}

fn tui(s: &Setup, data: &DataDir, args: &[&str]) -> Launch {
    let mut launch = Launch::new(data)
        .size(80, 24)
        .env("HOME", s.home.path().to_str().unwrap())
        .stderr_to(&s.home.path().join("stderr.txt"));
    for arg in ["-a", "team"].iter().chain(args) {
        launch = launch.arg(arg);
    }
    launch
}

/// A data folder for the pty that is the setup's own.
fn pty_data(s: &Setup) -> DataDir {
    let data = DataDir::new();
    std::fs::create_dir_all(data.assessments()).unwrap();
    std::fs::copy(s.file(), data.file("team")).unwrap();
    data
}

#[test]
fn the_tui_opens_the_recorded_framework_by_itself() {
    let s = Setup::new();
    let data = pty_data(&s);
    let mut tui = tui(&s, &data, &[]).spawn();
    tui.wait_for_text("Business Analyst │ SA");
    tui.send("q");
    let status = tui.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{}", tui.describe());
    let text = std::fs::read_to_string(data.file("team")).unwrap();
    assert!(text.contains(&format!("framework = \"{ID}\"")), "{text}");
    assert!(
        !text.contains("pm-vs-pmo") && !text.contains("target = \"pmo\""),
        "{text}"
    );
}

#[test]
fn the_tui_does_not_start_without_the_recorded_framework() {
    let s = Setup::new();
    let data = pty_data(&s);
    std::fs::remove_file(&s.framework).unwrap();
    let before = std::fs::read(data.file("team")).unwrap();
    let mut tui = tui(&s, &data, &[]).spawn();
    let status = tui.wait_exit(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 1, "{}", tui.describe());
    assert!(
        !tui.entered_alternate_screen(),
        "the terminal was never set up"
    );
    let err = std::fs::read_to_string(s.home.path().join("stderr.txt")).unwrap();
    assert!(
        err.contains("which is not there") && err.contains("--framework PATH"),
        "{err}"
    );
    assert_eq!(std::fs::read(data.file("team")).unwrap(), before);
    assert_eq!(
        data.assessment_names(),
        ["team.toml"],
        "no lock file either"
    );
}

#[test]
fn the_tui_refuses_another_framework_before_the_terminal_is_set_up() {
    let s = Setup::new();
    let data = pty_data(&s);
    let other = s.home.path().join("builtin.toml");
    std::fs::write(&other, rolefit::storage::framework::BUILTIN_TOML).unwrap();
    let before = std::fs::read(data.file("team")).unwrap();
    let mut tui = tui(&s, &data, &["--framework", other.to_str().unwrap()]).spawn();
    let status = tui.wait_exit(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 1, "{}", tui.describe());
    assert!(!tui.entered_alternate_screen());
    let err = std::fs::read_to_string(s.home.path().join("stderr.txt")).unwrap();
    assert!(err.contains("not \"pm-vs-pmo\""), "{err}");
    assert_eq!(std::fs::read(data.file("team")).unwrap(), before);
}

#[test]
fn the_tui_says_what_a_changed_framework_no_longer_has_and_keeps_it() {
    let s = Setup::new();
    let data = pty_data(&s);
    s.change_framework();
    let mut tui = tui(&s, &data, &[]).spawn();
    // At 80 columns the notice wraps onto the keys' line, its end whole.
    tui.wait_for_text("Kept 1 rating for a competency this framework version no");
    tui.wait_for_text("longer has: M2");
    // A rating on Rate, then quit: the save records version 4 and keeps M2.
    tui.send("\t\t");
    tui.wait_for_text("Process modelling");
    tui.send("1");
    tui.send("q");
    let status = tui.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{}", tui.describe());
    let text = std::fs::read_to_string(data.file("team")).unwrap();
    assert!(text.contains("framework_version = 4\n"), "{text}");
    assert!(text.contains("[ratings.M1]\nlevel = 1\n"), "{text}");
    assert!(text.contains("[ratings.M2]\nlevel = 3\n"), "{text}");
}

// ---- second opinions ----

/// A review of an assessment made with a custom framework is asked for and imported without
/// `--framework`, as every other command finds the recorded framework by itself.
#[test]
fn a_review_of_a_custom_framework_assessment_needs_no_framework_flag() {
    use rolefit::domain::{Level, Rating};
    let s = Setup::new();
    let review = s.home.path().join("review.toml");
    let review_arg = review.to_str().unwrap().to_string();
    s.ok(&["review", "request", "-o", &review_arg]);
    let text = std::fs::read_to_string(&review).unwrap();
    assert!(text.contains(&format!("framework = \"{ID}\"")), "{text}");
    // The reviewer rates M1 at 2.
    let fw = rolefit::storage::framework::from_toml(FIXTURE).unwrap();
    let mut filled = rolefit::review::parse(&text, &fw).unwrap();
    filled.set_reviewer("Sam");
    filled
        .assessment
        .set_rating(&"M1".into(), Some(Rating::Level(Level::new(2).unwrap())));
    rolefit::storage::atomic::write_atomic(&review, filled.to_toml().as_bytes()).unwrap();
    let out = s.ok(&["review", "import", &review_arg]);
    assert!(
        stdout(&out).contains("Imported Sam's review"),
        "{}",
        stdout(&out)
    );
    assert!(s.text().contains("[reviews.Sam"), "{}", s.text());
}
