//! Framework format 2 through the command line: what `rolefit framework check` and `dump`
//! print for a format 2 framework, and `rate`, `list` and `export` taking its own levels.
//!
//! Each rule of the format through the library, and the built-in written in format 2 reading
//! back as the same framework with the same scores, are in
//! `crates/rolefit-files/tests/framework_v2.rs`.

mod cmd_support;

use std::path::{Path, PathBuf};

use cmd_support::{line_col, rolefit, run, stderr, stdout};
use rolefit::domain::Framework;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frameworks/three-roles.toml")
}

fn base() -> String {
    std::fs::read_to_string(fixture()).unwrap()
}

fn load(text: &str) -> Framework {
    rolefit::storage::framework::from_toml(text).unwrap_or_else(|p| panic!("rejected: {p:#?}"))
}

/// `text` with the one occurrence of `from` replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

fn fw() -> Framework {
    load(&base())
}

// ---- warnings -------------------------------------------------------------------------------

#[test]
fn framework_check_prints_problems_and_warnings_at_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("fw.toml");
    let text = edit(&base(), "lead = 5", "lead = 9");
    std::fs::write(&path, &text).unwrap();
    let out = run(rolefit(home.path()).args(["framework", "check"]).arg(&path));
    assert_eq!(out.status.code(), Some(1));
    let (line, column) = line_col(&text, text.find("lead = 9").unwrap() + 7);
    let err = stderr(&out);
    assert!(err.contains(&format!("fw.toml:{line}:{column}: ")), "{err}");
    assert_eq!(err.matches("not on the scale").count(), 1, "{err}");

    let text = edit(
        &base(),
        "[competencies.targets]\ndev = 4\nops = 2\nlead = 3\n",
        "",
    );
    std::fs::write(&path, &text).unwrap();
    let out = run(rolefit(home.path()).args(["framework", "check"]).arg(&path));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: no profile requires competency BUILD.2"));
    assert!(stdout(&out).contains("OK"));
}

// ---- format 1 and format 2 say the same -----------------------------------------------------

#[test]
fn framework_dump_format_2_prints_what_loads_back() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).args(["framework", "dump", "--format", "2"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(load(&stdout(&out)), rolefit::storage::framework::builtin());
    // A given file is written out in format 2 as well.
    let out = run(rolefit(home.path())
        .args(["framework", "dump", "--format", "2"])
        .arg(fixture()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(load(&stdout(&out)), fw());
    // Format 1 without a file is the built-in's own text, unchanged.
    let out = run(rolefit(home.path()).args(["framework", "dump"]));
    assert_eq!(stdout(&out), rolefit::storage::framework::BUILTIN_TOML);
}

// ---- the command line on a format 2 framework ------------------------------------------------

#[test]
fn rate_list_and_export_take_the_framework_s_own_levels() {
    let home = tempfile::tempdir().unwrap();
    let fw_path = fixture();
    let cmd = |args: &[&str]| {
        let mut c = rolefit(home.path());
        c.arg("--data-dir")
            .arg(home.path().join("data"))
            .arg("--framework")
            .arg(&fw_path)
            .args(args);
        run(&mut c)
    };
    let out = cmd(&["rate", "PLAN.1", "7"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"7\" is not a level of PLAN.1; use 2, 3, 4, 5, 6, none"),
        "{}",
        stderr(&out)
    );
    assert_eq!(cmd(&["rate", "PLAN.1", "6"]).status.code(), Some(0));
    assert_eq!(cmd(&["rate", "RUN.1", "7"]).status.code(), Some(0));
    assert_eq!(cmd(&["rate", "BUILD.1", "none"]).status.code(), Some(0));
    let out = cmd(&["list"]);
    assert!(stdout(&out).contains("3/4 answered"), "{}", stdout(&out));
    let out = cmd(&["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    // BUILD.1 is not required by ops: its target cell is empty.
    let build1 = csv.lines().find(|l| l.starts_with("BUILD.1,")).unwrap();
    assert!(build1.contains(",none,"), "the rating is none: {build1}");
    assert!(
        build1.contains(",5,,3,,"),
        "targets dev 5, ops -, lead 3, senior -: {build1}"
    );
    let out = cmd(&["export", "--format", "json"]);
    assert!(stdout(&out).contains("\"none\""), "{}", stdout(&out));
}

// ---- chains of bases (career ladders) -----------------------------------------------------------

fn ladder() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frameworks/ladder.toml"),
    )
    .unwrap()
}

/// F-D1: rolefit framework check accepts the ladder, with no error about the axis.
#[test]
fn framework_check_accepts_a_ladder_with_chains() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ladder.toml");
    std::fs::write(&path, ladder()).unwrap();
    let out = run(rolefit(dir.path()).args(["framework", "check"]).arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("OK"), "{}", stdout(&out));
    assert!(!stderr(&out).contains("axis"), "{}", stderr(&out));
}
