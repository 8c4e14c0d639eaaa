//! Plain mode and the scripting commands of the real binary, without a terminal: `rate`,
//! `rate --clear`, `show`, `show ID`, piped `--plain` sessions, and every refusal (a level off
//! the scale, an unknown id, an assessment open in a running rolefit, a file that cannot be
//! written safely).

mod cmd_support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use cmd_support::{rolefit, run, stderr, stdout};
use rolefit::domain::{CompetencyId, Level, Rating};
use rolefit::storage::{LockOutcome, ReadOutcome, lock_soon, read_assessment};

/// rolefit with `--data-dir DATA` and these arguments.
fn rolefit_in(home: &Path, args: &[&str]) -> Output {
    run(rolefit(home)
        .arg("--data-dir")
        .arg(home.join("data"))
        .args(args))
}

/// rolefit with `--data-dir DATA`, these arguments and `input` piped to stdin.
fn piped(home: &Path, args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = rolefit(home);
    cmd.arg("--data-dir")
        .arg(home.join("data"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut child = cmd.spawn().expect("rolefit starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn default_file(home: &Path) -> PathBuf {
    home.join("data/assessments/default.toml")
}

fn rating(home: &Path, id: &str) -> Option<Rating> {
    match read_assessment(&default_file(home), "default") {
        ReadOutcome::Loaded(a) => a.rating(&CompetencyId::from(id)),
        _ => panic!("the assessment is readable"),
    }
}

fn note(home: &Path, id: &str) -> String {
    match read_assessment(&default_file(home), "default") {
        ReadOutcome::Loaded(a) => a.note(&CompetencyId::from(id)).to_string(),
        _ => panic!("the assessment is readable"),
    }
}

fn level(n: u8) -> Option<Rating> {
    Some(Rating::Level(Level::new(n).unwrap()))
}

/// No escape sequence and no box drawing anywhere in the bytes.
fn assert_plain_bytes(bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "an escape byte in the output");
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
        "box drawing in the output:\n{text}"
    );
}

// ---- rate and show --------------------------------------------------------------------------

#[test]
fn rate_records_a_level_and_a_note_and_show_prints_them() {
    let home = tempfile::tempdir().unwrap();
    let out = rolefit_in(
        home.path(),
        &["rate", "dp1", "4", "--note", "Ran the ERP rollout"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Rated DP1 Scope and requirements definition: 4. 1 of 33 answered in \"default\".\n"
    );
    assert_eq!(rating(home.path(), "DP1"), level(4));
    assert_eq!(note(home.path(), "DP1"), "Ran the ERP rollout");
    let out = rolefit_in(home.path(), &["rate", "DP2", "na"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(rating(home.path(), "DP2"), Some(Rating::NotApplicable));

    let out = rolefit_in(home.path(), &["show", "DP1"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("Delivery Planning, competency 1 of 33\nDP1 Scope"),
        "{text}"
    );
    assert!(text.contains("  3 Independent: "), "{text}");
    assert!(
        text.contains(
            "Your rating now: 4\nTargets: PM 4 · PMO 2 · Portfolio 2 · Programme 2 · Delivery 3 · CoE 2\nYour note: Ran the ERP rollout\n"
        ),
        "{text}"
    );
    assert_plain_bytes(&out.stdout);
}

#[test]
fn rate_clear_removes_the_rating_and_keeps_the_note() {
    let home = tempfile::tempdir().unwrap();
    rolefit_in(home.path(), &["rate", "RI2", "3", "--note", "kept"]);
    let out = rolefit_in(home.path(), &["rate", "RI2", "--clear"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Cleared the rating of RI2 "),
        "{}",
        stdout(&out)
    );
    assert_eq!(rating(home.path(), "RI2"), None);
    assert_eq!(note(home.path(), "RI2"), "kept");
}

#[test]
fn show_without_an_id_prints_the_results() {
    let home = tempfile::tempdir().unwrap();
    for (id, lvl) in [
        ("DP1", "5"),
        ("GV3", "1"),
        ("RP1", "2"),
        ("SE1", "4"),
        ("RI1", "3"),
    ] {
        assert_eq!(
            rolefit_in(home.path(), &["rate", id, lvl]).status.code(),
            Some(0)
        );
    }
    let out = rolefit_in(home.path(), &["show"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Results for \"default\"\nVerdict: "),
        "{text}"
    );
    assert!(
        text.contains("Readiness for each profile (rated of required):\n  Project Manager: "),
        "{text}"
    );
    // Too early to lean: the gaps follow the main profile with the higher readiness.
    assert!(
        text.contains("Verdict: Too early to tell: rate 4 more\n"),
        "{text}"
    );
    assert!(
        text.contains("Top gaps against Project Manager:\n  "),
        "{text}"
    );
    assert!(text.contains("Not answered yet: 28 of 33."), "{text}");
    assert_plain_bytes(&out.stdout);
}

#[test]
fn a_level_off_the_scale_is_a_usage_error_naming_the_scale() {
    let home = tempfile::tempdir().unwrap();
    let out = rolefit_in(home.path(), &["rate", "DP1", "7"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "rolefit: \"7\" is not a level; use 0, 1, 2, 3, 4 or 5, or na for not applicable\n"
    );
    assert_eq!(stdout(&out), "");
    assert!(!home.path().join("data").exists(), "nothing is written");
}

#[test]
fn an_unknown_id_is_a_usage_error_naming_the_ids() {
    let home = tempfile::tempdir().unwrap();
    for args in [&["rate", "XX9", "3"][..], &["show", "XX9"][..]] {
        let out = rolefit_in(home.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("\"XX9\"") && err.contains("from DP1 to FD4"),
            "{err}"
        );
    }
    assert!(!home.path().join("data").exists(), "nothing is written");
}

#[test]
fn an_assessment_open_in_a_running_rolefit_is_not_written() {
    let home = tempfile::tempdir().unwrap();
    rolefit_in(home.path(), &["rate", "DP1", "2"]);
    let file = default_file(home.path());
    let before = fs::read(&file).unwrap();
    let LockOutcome::Held(lock) = lock_soon(&file) else {
        panic!("the test takes the lock");
    };
    let out = rolefit_in(home.path(), &["rate", "DP1", "5"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is open in a running rolefit"), "{err}");
    let out = piped(home.path(), &["--plain"], "5\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is open in a running rolefit"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(&file).unwrap(), before, "byte for byte untouched");
    drop(lock);
    assert_eq!(
        rolefit_in(home.path(), &["rate", "DP1", "5"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_newer_or_broken_file_is_never_written() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data/assessments");
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("default.toml");
    for contents in ["format = 99\nname = \"default\"\n", "not toml [[[\n"] {
        fs::write(&file, contents).unwrap();
        for out in [
            rolefit_in(home.path(), &["rate", "DP1", "3"]),
            piped(home.path(), &["--plain"], "3\n", &[]),
        ] {
            assert_eq!(out.status.code(), Some(1), "{contents}");
            assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), contents);
    }
}

// ---- plain mode with piped input ------------------------------------------------------------

#[test]
fn without_a_terminal_or_plain_the_error_says_to_use_plain() {
    let home = tempfile::tempdir().unwrap();
    let out = piped(home.path(), &[], "4\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("use rolefit --plain"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_piped_plain_session_saves_each_answer_and_the_next_one_resumes() {
    let home = tempfile::tempdir().unwrap();
    let out = piped(home.path(), &["--plain"], "4\n3\nn\n", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_plain_bytes(&out.stdout);
    let text = stdout(&out);
    assert!(
        text.contains("q to quit: 4\nSaved DP1: 4. 1 of 33 answered.\n"),
        "{text}"
    );
    // The hint repeats what opens the same assessment: here, the data folder given.
    assert!(
        text.ends_with(&format!(
            "Run rolefit --plain --data-dir {} again to continue at DP4 Cost and resource planning.\n",
            home.path().join("data").display()
        )),
        "{text}"
    );
    assert_eq!(rating(home.path(), "DP1"), level(4));
    assert_eq!(rating(home.path(), "DP2"), level(3));
    assert_eq!(rating(home.path(), "DP3"), Some(Rating::NotApplicable));

    // ACCESSIBLE=1 and TERM=dumb choose plain mode without --plain.
    let out = piped(home.path(), &[], "2\n", &[("ACCESSIBLE", "1")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().find(|l| l.contains(", competency ")).unwrap();
    assert_eq!(first, "Delivery Planning, competency 4 of 33");
    assert_eq!(rating(home.path(), "DP4"), level(2));
    let out = piped(home.path(), &[], "s\n1\n", &[("TERM", "dumb")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("competency 5 of 33"));
    assert_eq!(rating(home.path(), "DP5"), None);
    assert_eq!(rating(home.path(), "RI1"), level(1));
}

#[test]
fn a_full_piped_session_ends_with_the_results() {
    let home = tempfile::tempdir().unwrap();
    let answers = "3\n".repeat(33);
    let out = piped(home.path(), &["--plain"], &answers, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\nResults for \"default\"\nVerdict: "),
        "{text}"
    );
    assert!(
        text.contains("Based on 33 of 33 competencies rated on the scale"),
        "{text}"
    );
    assert!(!text.contains("continue at"), "{text}");
    assert_plain_bytes(&out.stdout);
    // Everything rated: the next session shows the Results at once.
    let out = piped(home.path(), &["--plain"], "", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Every competency is answered (rated or N/A)."));
}

/// `show ID` keeps the targets back until the competency is rated, then lists them as Rate
/// does (N-D25).
#[test]
fn show_lists_the_targets_once_the_competency_is_rated() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    assert!(rolefit_in(h, &["rate", "DP2", "3"]).status.success());
    let before = stdout(&rolefit_in(h, &["show", "DP1"]));
    assert!(!before.contains("Targets:"), "{before}");
    assert!(rolefit_in(h, &["rate", "DP1", "5"]).status.success());
    let after = stdout(&rolefit_in(h, &["show", "DP1"]));
    assert!(
        after.contains("Targets: PM 4 · PMO 2 · Portfolio 2 · Programme 2 · Delivery 3 · CoE 2\n"),
        "{after}"
    );
}

/// `rolefit set name|role|team TEXT` keeps the person in the file under the lock, in any
/// script; "" clears it; a control character is a usage error and nothing is written; `list`
/// shows the name.
#[test]
fn set_keeps_the_persons_name_role_and_team_and_list_shows_the_name() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let out = rolefit_in(home, &["set", "name", "Zoë Nakamura 中村"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Set the name to \"Zoë Nakamura 中村\""),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        rolefit_in(home, &["set", "role", "Delivery lead"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        rolefit_in(home, &["set", "team", "North"]).status.code(),
        Some(0)
    );
    let text = fs::read_to_string(default_file(home)).unwrap();
    assert!(
        text.contains(
            "display_name = \"Zoë Nakamura 中村\"\nrole = \"Delivery lead\"\nteam = \"North\"\n"
        ),
        "{text}"
    );
    let list = stdout(&rolefit_in(home, &["list"]));
    assert!(
        list.contains("default  Zoë Nakamura 中村: 0/33 answered"),
        "{list}"
    );
    // A control character is refused before anything is written.
    let out = rolefit_in(home, &["set", "name", "Zoë\x1b[2J"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("control characters"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(default_file(home)).unwrap(), text);
    // "" clears: the role goes; the name is shown by the file's name, and not asked again.
    assert_eq!(
        rolefit_in(home, &["set", "role", ""]).status.code(),
        Some(0)
    );
    let out = rolefit_in(home, &["set", "name", ""]);
    assert!(
        stdout(&out).contains("shown as \"default\""),
        "{}",
        stdout(&out)
    );
    let text = fs::read_to_string(default_file(home)).unwrap();
    assert!(
        text.contains("display_name = \"\"\nteam = \"North\"\n"),
        "{text}"
    );
    assert!(!text.contains("role ="), "{text}");
}

/// `-a "Sam Taylor"`: the file is the short name `sam-taylor.toml`, a new assessment takes
/// the name as the person's, and either spelling opens the same file later.
#[test]
fn a_persons_name_given_with_a_names_a_short_file_and_the_person() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let out = rolefit_in(home, &["-a", "Sam Taylor", "rate", "DP1", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = home.join("data/assessments/sam-taylor.toml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("name = \"sam-taylor\"\ndisplay_name = \"Sam Taylor\"\n"),
        "{text}"
    );
    // Either spelling finds it; a given name never replaces one the file has.
    assert_eq!(
        rolefit_in(home, &["-a", "sam-taylor", "rate", "DP2", "4"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        rolefit_in(home, &["-a", "SAM  taylor", "rate", "DP3", "2"])
            .status
            .code(),
        Some(0)
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("display_name = \"Sam Taylor\"\n"), "{text}");
    assert!(text.contains("[ratings.DP3]"), "{text}");
    let list = stdout(&rolefit_in(home, &["list"]));
    assert!(
        list.contains("sam-taylor  Sam Taylor: 3/33 answered"),
        "{list}"
    );
    // A path is not a name.
    let out = rolefit_in(home, &["-a", "../Sam Taylor", "rate", "DP1", "3"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
