//! The command line of the real binary: help and version, usage errors, `paths`, `list`,
//! `--framework` with a broken file, and the TUI refusing to start without a terminal.
//!
//! One file because its 32 tests all run the binary through the same helpers; each command's
//! own capability has its own file (config, review, team, plan, export).

mod cmd_support;

use std::fs;
use std::path::Path;

use cmd_support::{rolefit, run, stderr, stdout};

/// Writes `DATA/assessments/NAME.toml`.
fn write_assessment(data: &Path, name: &str, contents: &[u8]) {
    let dir = data.join("assessments");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(format!("{name}.toml")), contents).unwrap();
}

/// Everything under `dir`, recursively, as sorted relative paths.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(root).unwrap().display().to_string());
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

// ---- help, version, usage errors -----------------------------------------------------------

#[test]
fn help_exits_zero_and_names_the_program_and_commands() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("--help"));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("rolefit"), "{text}");
    for needle in [
        "--assessment",
        "--file",
        "--data-dir",
        "--framework",
        "list",
        "framework",
        "paths",
        "--plain",
        "rate",
        "show",
    ] {
        assert!(
            text.contains(needle),
            "{needle} missing from --help:\n{text}"
        );
    }
}

#[test]
fn version_exits_zero_and_prints_name_and_version() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("--version"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        format!("rolefit {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("--bogus"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("--bogus"), "{}", stderr(&out));
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("nope"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}

#[test]
fn framework_check_without_a_path_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).args(["framework", "check"]));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_assessment_name_is_refused_with_one_clear_line() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = run(rolefit(home.path())
        .args(["--assessment", "../x", "--data-dir"])
        .arg(&data));
    assert_ne!(out.status.code(), Some(0));
    assert!(out.status.code().is_some(), "killed by a signal");
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line on stderr:\n{err}");
    assert!(err.contains("../x"), "{err}");
    // Nothing was created, inside or outside the data directory.
    assert!(!data.exists());
    assert!(!home.path().join("x.toml").exists());
    assert!(!home.path().join("x.lock").exists());
}

#[test]
fn bad_assessment_name_exits_with_the_usage_code() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path())
        .args(["--assessment", "../x", "--data-dir"])
        .arg(home.path().join("data")));
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
}

// ---- paths ---------------------------------------------------------------------------------

fn paths_output(home: &Path, flag: Option<&Path>, env: Option<&Path>) -> String {
    let mut cmd = rolefit(home);
    cmd.arg("paths");
    if let Some(dir) = flag {
        cmd.arg("--data-dir").arg(dir);
    }
    if let Some(dir) = env {
        cmd.env("ROLEFIT_DATA_DIR", dir);
    }
    let out = run(&mut cmd);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    stdout(&out)
}

/// The value printed after `label` on its line.
fn field<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} line in:\n{text}"))
        .trim()
}

#[test]
fn paths_honours_the_flag() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("from-flag");
    let text = paths_output(home.path(), Some(&dir), None);
    assert!(field(&text, "data directory:").starts_with(&dir.display().to_string()));
    assert!(
        field(&text, "data directory:").contains("--data-dir"),
        "{text}"
    );
    assert_eq!(
        field(&text, "assessments:"),
        dir.join("assessments").display().to_string()
    );
    assert!(!dir.exists(), "`paths` only reports; it creates nothing");
}

#[test]
fn paths_honours_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("from-env");
    let text = paths_output(home.path(), None, Some(&dir));
    assert!(field(&text, "data directory:").starts_with(&dir.display().to_string()));
    assert!(
        field(&text, "data directory:").contains("ROLEFIT_DATA_DIR"),
        "{text}"
    );
    assert_eq!(
        field(&text, "assessments:"),
        dir.join("assessments").display().to_string()
    );
}

#[test]
fn paths_flag_wins_over_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let flag = home.path().join("from-flag");
    let env = home.path().join("from-env");
    let text = paths_output(home.path(), Some(&flag), Some(&env));
    assert_eq!(
        field(&text, "assessments:"),
        flag.join("assessments").display().to_string()
    );
    assert!(!text.contains("from-env"), "{text}");
}

#[test]
fn paths_defaults_to_the_platform_data_dir() {
    let home = tempfile::tempdir().unwrap();
    let text = paths_output(home.path(), None, None);
    if cfg!(target_os = "linux") {
        let expected = home.path().join("xdg-data").join("rolefit");
        assert_eq!(
            field(&text, "assessments:"),
            expected.join("assessments").display().to_string()
        );
    }
}

// ---- list ----------------------------------------------------------------------------------

#[test]
fn list_with_an_empty_data_dir_says_there_are_none() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    for create in [false, true] {
        if create {
            fs::create_dir_all(data.join("assessments")).unwrap();
        }
        let out = run(rolefit(home.path())
            .arg("list")
            .arg("--data-dir")
            .arg(&data));
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with("No saved assessments"), "{text}");
        assert_eq!(text.lines().count(), 1, "{text}");
        assert_eq!(stderr(&out), "");
    }
}

const VALID: &str = r#"format = 1
framework = "pm-vs-pmo"
framework_version = 1
name = "alpha"
created = 2026-11-28T18:00:00Z
updated = 2026-11-28T18:20:00Z

[position]
screen = "rate"
competency = "RI2"

[ratings.DP1]
level = 4
note = "Planned the 2025 ERP rollout end to end."

[ratings.RI1]
level = "na"

[ratings.SE1]
note = "a note without a level does not count as rated"

[ratings.ZZ9]
level = 3
"#;

#[test]
fn list_shows_progress_or_the_problem_of_each_file() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    write_assessment(&data, "alpha", VALID.as_bytes());
    write_assessment(&data, "broken", b"format = 1\nframework = [\n");
    write_assessment(
        &data,
        "future",
        b"format = 2\nframework = \"pm-vs-pmo\"\nshape = \"different\"\n",
    );
    // Not assessments: a lock file and another file.
    fs::write(data.join("assessments/alpha.lock"), "").unwrap();
    fs::write(data.join("assessments/notes.txt"), "hello").unwrap();
    let before: Vec<_> = ["alpha", "broken", "future"]
        .iter()
        .map(|n| fs::read(data.join(format!("assessments/{n}.toml"))).unwrap())
        .collect();

    let out = run(rolefit(home.path())
        .arg("list")
        .arg("--data-dir")
        .arg(&data)
        .env("TZ", "UTC"));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "one line per assessment:\n{text}");
    assert!(lines[0].starts_with("alpha "), "{text}");
    assert!(lines[0].contains("2/33 answered"), "{text}");
    // In local time, as people read it (N-D38).
    assert!(lines[0].contains("last change 2026-11-28 18:20"), "{text}");
    assert!(lines[1].starts_with("broken "), "{text}");
    assert!(lines[1].contains("unreadable"), "{text}");
    assert!(lines[2].starts_with("future "), "{text}");
    assert!(lines[2].contains("newer"), "{text}");

    // Listing reads only.
    let after: Vec<_> = ["alpha", "broken", "future"]
        .iter()
        .map(|n| fs::read(data.join(format!("assessments/{n}.toml"))).unwrap())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn list_honours_the_environment_and_a_custom_framework() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    write_assessment(
        &data,
        "custom",
        b"format = 1\nframework = \"analysis-vs-architecture\"\n[ratings.M1]\nlevel = 2\n[ratings.DP1]\nlevel = 5\n",
    );
    let framework =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frameworks/minimal.toml");
    let out = run(rolefit(home.path())
        .arg("list")
        .arg("--framework")
        .arg(&framework)
        .env("ROLEFIT_DATA_DIR", &data));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("custom "), "{text}");
    assert!(text.contains("1/3 answered"), "{text}");
}

// ---- the TUI without a terminal ------------------------------------------------------------

#[test]
fn broken_framework_file_is_one_line_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("broken.toml");
    fs::write(&framework, "format = 1\nid = \n").unwrap();
    let data = home.path().join("data");
    let out = run(rolefit(home.path())
        .arg("--framework")
        .arg(&framework)
        .arg("--data-dir")
        .arg(&data));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line on stderr:\n{err}");
    assert!(err.contains("broken.toml"), "{err}");
    assert!(err.contains("line 2"), "names where the problem is: {err}");
    assert!(!data.exists(), "nothing is written");
}

#[test]
fn missing_framework_file_is_one_line_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("absent.toml");
    let out = run(rolefit(home.path())
        .arg("--framework")
        .arg(&framework)
        .arg("--data-dir")
        .arg(home.path().join("data")));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line on stderr:\n{err}");
    assert!(err.contains("absent.toml"), "{err}");
}

#[test]
fn without_a_terminal_the_tui_refuses_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let before = tree(home.path());
    let out = run(rolefit(home.path()).arg("--data-dir").arg(&data));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "", "no escape sequences on a pipe");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line on stderr:\n{err}");
    assert!(err.contains("terminal"), "{err}");
    assert!(
        err.contains("rolefit --plain"),
        "points to plain mode: {err}"
    );
    assert_eq!(tree(home.path()), before, "nothing is created");
}

#[test]
fn without_a_terminal_an_existing_assessment_is_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    write_assessment(&data, "alpha", VALID.as_bytes());
    let before = tree(home.path());
    let out = run(rolefit(home.path())
        .args(["-a", "alpha", "--data-dir"])
        .arg(&data));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(home.path()), before);
    assert_eq!(
        fs::read_to_string(data.join("assessments/alpha.toml")).unwrap(),
        VALID
    );
}

// ---- hardening ------------------------------------------------------------------------------

#[test]
fn framework_alone_prints_its_usage_as_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("framework"));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("Usage: rolefit framework") && err.contains("check") && err.contains("dump"),
        "{err}"
    );
}

#[test]
fn an_explicit_assessment_name_conflicts_with_a_file() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    fs::write(&file, VALID).unwrap();
    for args in [
        &["-a", "work", "--file"][..],
        &["export", "-a", "work", "--file"][..],
    ] {
        let out = run(rolefit(home.path()).args(args).arg(&file));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot be used with"),
            "{}",
            stderr(&out)
        );
    }
    // Without -a, the default name does not get in the way.
    let out = run(rolefit(home.path()).arg("export").arg("--file").arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_lock_file_is_not_an_assessment() {
    let home = tempfile::tempdir().unwrap();
    let lock = home.path().join("default.lock");
    fs::write(&lock, "").unwrap();
    let out = run(rolefit(home.path()).arg("export").arg("--file").arg(&lock));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("lock file") && !err.contains("empty"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_name_limit_counts_characters() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let name = "é".repeat(40);
    write_assessment(&data, &name, VALID.as_bytes());
    let out = run(rolefit(home.path())
        .args(["export", "-a", &name, "--data-dir"])
        .arg(&data));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A name of 64 four-byte letters is 256 bytes, more than a file name holds: refused as a usage
/// error that says the limit in bytes, before anything is created.
#[test]
fn a_name_too_long_for_a_file_name_is_refused_before_anything_is_written() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let name = "\u{20000}".repeat(64);
    let out = run(rolefit(home.path())
        .args(["rate", "-a", &name, "DP1", "3", "--data-dir"])
        .arg(&data));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("at most 200 bytes in UTF-8"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!data.exists(), "{:?}", tree(home.path()));
    // 50 of them (200 bytes) fit, with room for the files named after it.
    let name = "\u{20000}".repeat(50);
    let out = run(rolefit(home.path())
        .args(["rate", "-a", &name, "DP1", "3", "--data-dir"])
        .arg(&data));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_data_directory_that_is_a_file_is_named_as_such() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("not-a-folder");
    fs::write(&file, "x").unwrap();
    for args in [&["list"][..], &["export"][..], &["snapshot"][..]] {
        let out = run(rolefit(home.path())
            .args(args)
            .env("ROLEFIT_DATA_DIR", &file));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("the data directory") && err.contains("not a folder"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("aside"), "{err}");
    }
}

/// Runs a command, killing it if it takes longer than a few seconds.
fn run_briefly(cmd: &mut std::process::Command) -> std::process::Output {
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    match receive.recv_timeout(std::time::Duration::from_secs(5)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            // SAFETY: the child is ours and has not been waited for.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            panic!("{cmd:?} hung");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_an_assessment_is_reported_not_waited_on() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    write_assessment(&data, "alpha", VALID.as_bytes());
    let fifo = data.join("assessments/default.toml");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let out = run_briefly(
        rolefit(home.path())
            .arg("list")
            .arg("--data-dir")
            .arg(&data),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("not a regular file"),
        "{}",
        stdout(&out)
    );
    let out = run_briefly(
        rolefit(home.path())
            .arg("export")
            .arg("--data-dir")
            .arg(&data),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn names_and_texts_from_files_are_printed_with_control_characters_escaped() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let name = "evil\x1b]0;owned\x07\x1b[2J\u{9b}31m";
    write_assessment(&data, name, b"format = 1\nframework = [\n");
    write_assessment(&data, "ok", VALID.as_bytes());
    let out = run(rolefit(home.path())
        .arg("list")
        .arg("--data-dir")
        .arg(&data));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(
        text.contains("evil\\x1b]0;owned\\x07\\x1b[2J\\u{9b}31m"),
        "{text}"
    );
    // An error naming such a file, and `framework check` on one.
    let file = data.join(format!("assessments/{name}.toml"));
    let out = run(rolefit(home.path()).arg("export").arg("--file").arg(&file));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.trim_end().chars().any(char::is_control), "{err:?}");
    assert!(err.contains("evil\\x1b"), "{err}");
    let out = run(rolefit(home.path()).args(["framework", "check"]).arg(&file));
    let err = stderr(&out);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    // A framework whose name holds an escape sequence.
    let dump = run(rolefit(home.path()).args(["framework", "dump"]));
    let framework = stdout(&dump).replacen("name = \"", "name = \"\\u001b]0;x\\u0007", 1);
    let fw = home.path().join("fw.toml");
    fs::write(&fw, framework).unwrap();
    let out = run(rolefit(home.path()).args(["framework", "check"]).arg(&fw));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.trim_end().chars().any(char::is_control), "{text:?}");
}

// ---- configuration ---------------------------------------------------------------------------

/// A configuration file that cannot be used stops rolefit before anything starts, naming its
/// line and column; `paths` says where the file goes.
#[test]
fn a_broken_config_file_is_one_clear_error_at_start() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("xdg-config/rolefit/config.toml");
    let text = paths_output(home.path(), None, None);
    assert!(
        field(&text, "config:").starts_with(&config.display().to_string()),
        "{text}"
    );
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, "# my settings\ntheme = \"sepia\"\n").unwrap();
    let out = run(rolefit(home.path())
        .arg("--data-dir")
        .arg(home.path().join("d")));
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:2:9: ", config.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        !home.path().join("d").exists(),
        "nothing is created with a broken configuration"
    );
    // A good one is taken: the app gets as far as needing a terminal.
    fs::write(&config, "theme = \"light\"\n").unwrap();
    let out = run(rolefit(home.path())
        .arg("--data-dir")
        .arg(home.path().join("d")));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--plain"), "{}", stderr(&out));
}

/// `--format` takes the same names for `export` and `team`: md for Markdown too, in any case
/// (N-D27); an unknown one is refused in one clause that lists them (N-D41).
#[test]
fn format_names_are_the_same_for_export_and_team() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    assert_eq!(
        run(rolefit(h).args(["rate", "DP1", "3"])).status.code(),
        Some(0)
    );
    let team = h.join("xdg-data/rolefit/assessments");
    for command in [&["export"][..], &["team", team.to_str().unwrap()][..]] {
        let markdown = run(rolefit(h).args(command).args(["--format", "markdown"]));
        assert_eq!(markdown.status.code(), Some(0), "{}", stderr(&markdown));
        for alias in ["md", "MD", "Markdown"] {
            let out = run(rolefit(h).args(command).args(["--format", alias]));
            assert_eq!(
                out.status.code(),
                Some(0),
                "{command:?} {alias}: {}",
                stderr(&out)
            );
            assert_eq!(stdout(&out), stdout(&markdown), "{command:?} {alias}");
        }
        let bad = run(rolefit(h).args(command).args(["--format", "pdf"]));
        assert_eq!(bad.status.code(), Some(2));
        let err = stderr(&bad);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("md") && !err.contains("unknown export format"),
            "{err}"
        );
    }
}

/// `list` says when each assessment last changed as people read it, in local time (N-D38).
#[test]
fn list_says_when_in_local_time() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    assert!(run(rolefit(h).args(["rate", "DP1", "3"])).status.success());
    let out = run(rolefit(h).arg("list").env("TZ", "UTC"));
    let text = stdout(&out);
    assert!(text.contains("1/33 answered, last change today "), "{text}");
    assert!(!text.contains('T') || !text.contains('Z'), "{text}");
}

/// Local time is the system's time zone as `TZ` gives it, a rule as well as a name: the same
/// moment reads 22:00 in UTC and 03:30 the next day five and a half hours east.
#[test]
fn local_time_follows_the_time_zone_rule_in_tz() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let now = "2027-03-01T22:00:00Z";
    let rated = run(rolefit(h)
        .args(["rate", "DP1", "3"])
        .env("ROLEFIT_NOW", now));
    assert!(rated.status.success(), "{}", stderr(&rated));
    let list = |tz: &str| {
        stdout(&run(rolefit(h)
            .arg("list")
            .env("ROLEFIT_NOW", now)
            .env("TZ", tz)))
    };
    let utc = list("UTC0");
    assert!(utc.contains("last change today 22:00"), "{utc}");
    let east = list("IST-5:30");
    assert!(east.contains("last change today 03:30"), "{east}");
}

/// `--help` lists the commands in the order a newcomer needs them and ends with examples; the
/// manual page's DESCRIPTION says what rolefit does rather than repeating the tagline (N-D39).
#[test]
fn help_orders_the_commands_for_a_newcomer_and_the_manual_describes_rolefit() {
    let home = tempfile::tempdir().unwrap();
    let help = stdout(&run(rolefit(home.path()).arg("--help")));
    let at = |name: &str| {
        help.find(&format!("\n  {name} "))
            .unwrap_or_else(|| panic!("{name} not listed:\n{help}"))
    };
    let order = [
        "rate",
        "show",
        "list",
        "export",
        "snapshot",
        "diff",
        "review",
        "team",
        "framework",
        "config",
        "paths",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{pair:?}:\n{help}");
    }
    assert!(help.contains("Examples:\n  rolefit "), "{help}");
    let man = stdout(&run(rolefit(home.path()).arg("man")));
    let description = &man[man.find(".SH DESCRIPTION").unwrap()..man.find(".SH OPTIONS").unwrap()];
    assert!(
        description.contains("compares the two roles area by area"),
        "{description}"
    );
}

/// Each subcommand's help lists only the global options that mean something there (F-D17):
/// `team` has no -a or --file, `completions` and `man` no options of an assessment, `paths`
/// no --theme; `rate` keeps -a, `team` keeps --data-dir and --theme. An option left out is
/// still accepted, so a command line that worked goes on working, and the others still work.
#[test]
fn subcommand_help_shows_only_the_options_that_apply() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let help = |args: &[&str]| stdout(&run(rolefit(h).args(args).arg("--help")));
    let team = help(&["team"]);
    assert!(
        !team.contains("--assessment") && !team.contains("--file"),
        "{team}"
    );
    assert!(
        team.contains("--data-dir") && team.contains("--theme"),
        "{team}"
    );
    for command in ["completions", "man"] {
        let text = help(&[command]);
        for option in [
            "--assessment",
            "--file",
            "--data-dir",
            "--framework",
            "--theme",
        ] {
            assert!(!text.contains(option), "{command} {option}:\n{text}");
        }
    }
    let paths = help(&["paths"]);
    assert!(
        !paths.contains("--theme") && paths.contains("--data-dir"),
        "{paths}"
    );
    let check = help(&["framework", "check"]);
    assert!(!check.contains("--assessment"), "{check}");
    let rate = help(&["rate"]);
    assert!(
        rate.contains("--assessment") && rate.contains("--data-dir"),
        "{rate}"
    );
    // Still accepted where left out; the ones that apply still apply.
    let out = run(rolefit(h).args(["paths", "--theme", "dark", "--data-dir", "/tmp/elsewhere"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("/tmp/elsewhere"), "{}", stdout(&out));
    let out = run(rolefit(h).args(["rate", "DP1", "3", "-a", "kim"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(h.join("xdg-data/rolefit/assessments/kim.toml").exists());
}
