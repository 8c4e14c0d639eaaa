//! Command-line conventions with a framework of one's own (frameworks-team.md): completions
//! that offer assessment names, ids and format names (F-D17); one man page with every
//! subcommand and the usual sections (F-D18); `config init`'s folder 0700 (F-D19); `show` of an
//! assessment that does not exist (F-D20); `paths` with every folder (F-D22); a team file of
//! another framework named as such (F-D6); grouped warnings and `--quiet` (F-D3).

mod cmd_support;

use std::path::Path;

use cmd_support::{rolefit, run, stderr, stdout};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sfia() -> String {
    root()
        .join("assets/frameworks/examples/sfia9-change.toml")
        .display()
        .to_string()
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = run(rolefit(home).args(args));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// What the completion script would be told for `words` (the last one being completed), in
/// fish's format: one candidate a line, `value<TAB>help`.
fn complete(home: &Path, words: &[&str]) -> Vec<String> {
    let out = run(rolefit(home)
        .env("COMPLETE", "fish")
        .arg("--")
        .arg("rolefit")
        .args(words));
    assert!(out.status.success(), "{words:?}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn completions_offer_names_ids_and_formats() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["rate", "-a", "alex", "DP1", "3"]);
    ok(
        h,
        &["--framework", &sfia(), "-a", "sam", "rate", "POMG", "6"],
    );
    // Saved assessments after -a.
    assert_eq!(complete(h, &["-a", ""]), ["alex", "sam"]);
    assert_eq!(complete(h, &["show", "-a", "s"]), ["sam"]);
    // Competency ids of the framework in use: the built-in by default, the one an assessment
    // records, or the one given.
    assert!(complete(h, &["rate", "DP"]).contains(&"DP1".to_string()));
    let sam = complete(h, &["-a", "sam", "rate", ""]);
    assert!(
        sam.contains(&"POMG".to_string()) && !sam.contains(&"DP1".to_string()),
        "{sam:?}"
    );
    // After `plan add`, as after `rate`.
    assert!(complete(h, &["plan", "add", "DP"]).contains(&"DP1".to_string()));
    let sam_plan = complete(h, &["-a", "sam", "plan", "add", "PO"]);
    assert!(sam_plan.contains(&"POMG".to_string()), "{sam_plan:?}");
    let given = complete(h, &["--framework", &sfia(), "show", "PR"]);
    assert_eq!(given, ["PRMG", "PROF"]);
    // Levels of the scale, "none" and "na".
    // (An empty word is offered the options too, after the values.)
    let levels = complete(h, &["-a", "sam", "rate", "POMG", ""]);
    assert_eq!(
        levels[..9],
        ["1", "2", "3", "4", "5", "6", "7", "none", "na"]
    );
    // Profile ids, and format names where a format is asked.
    let profiles = complete(h, &["team", "--profile", ""]);
    assert!(
        profiles.contains(&"pmo".to_string()) && profiles.contains(&"coe".to_string()),
        "{profiles:?}"
    );
    assert_eq!(
        complete(h, &["export", "--format", ""]),
        ["markdown", "md", "html", "json", "csv"]
    );
    assert_eq!(
        complete(h, &["plan", "--format", ""]),
        ["markdown", "md", "json", "csv", "ics"]
    );
    assert_eq!(
        complete(h, &["plan", "status", "1", ""])[..4],
        ["planned", "doing", "done", "dropped"]
    );
    assert_eq!(
        complete(h, &["framework", "export", "--format", ""]),
        ["csv", "xlsx"]
    );
    // Subcommands, as before.
    let subcommands = complete(h, &["fr"]);
    assert_eq!(subcommands, ["framework"]);
    assert!(complete(h, &["framework", ""]).contains(&"import".to_string()));
}

#[test]
fn the_man_page_has_every_subcommand_and_the_usual_sections() {
    let home = tempfile::tempdir().unwrap();
    let page = ok(home.path(), &["man"]);
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    for variable in [
        "ROLEFIT_DATA_DIR",
        "ROLEFIT_THEME",
        "NO_COLOR",
        "ACCESSIBLE",
    ] {
        assert!(page.contains(variable), "{variable} missing");
    }
    // Every subcommand is in this page; no other page is referred to.
    for sub in [
        "list",
        "framework import",
        "framework export",
        "framework check",
        "team",
        "review request",
        "config init",
        "rate",
        "show",
        "plan",
        "plan add",
        "plan done",
        "plan move",
        "plan status",
    ] {
        assert!(
            page.contains(&format!(".SS \"rolefit {sub}\"")),
            "{sub} missing"
        );
    }
    assert!(
        !page.contains("rolefit\\-list(1)") && !page.contains("(1)\n.TP"),
        "a reference to a page that does not exist"
    );
    assert!(page.is_ascii(), "non-ASCII characters are escaped for roff");
    // groff reads it without a warning, where it is installed.
    let groff = std::process::Command::new("groff")
        .arg("--version")
        .output();
    if groff.is_ok_and(|o| o.status.success()) {
        let path = home.path().join("rolefit.1");
        std::fs::write(&path, &page).unwrap();
        let out = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn config_init_makes_its_folder_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    ok(home.path(), &["config", "init"]);
    let folder = home.path().join("xdg-config/rolefit");
    let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn show_of_an_assessment_that_does_not_exist_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).args(["show", "-a", "typo"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there is no assessment at"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    // The same as export says.
    let export = run(rolefit(home.path()).args(["export", "-a", "typo"]));
    assert_eq!(stderr(&export), stderr(&out));
}

#[test]
fn paths_shows_every_folder_rolefit_writes() {
    let home = tempfile::tempdir().unwrap();
    let text = ok(home.path(), &["paths"]);
    for line in [
        "data directory:",
        "assessments:",
        "reports:",
        "crash reports:",
        "framework cache:",
        "config:",
    ] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    assert!(text.contains("xdg-cache/rolefit/frameworks"), "{text}");
}

#[test]
fn a_team_file_of_another_framework_is_named_as_such() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["rate", "-a", "x", "DP1", "3"]);
    // Level 6 is off the built-in scale, but the file is first of all another framework's.
    ok(
        h,
        &["--framework", &sfia(), "-a", "sf", "rate", "POMG", "6"],
    );
    let team = h.join("t3");
    std::fs::create_dir(&team).unwrap();
    let data = h.join("xdg-data/rolefit/assessments");
    std::fs::copy(data.join("x.toml"), team.join("x.toml")).unwrap();
    std::fs::copy(data.join("sf.toml"), team.join("sf.toml")).unwrap();
    let out = run(rolefit(h).args(["team", "--format", "csv"]).arg(&team));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("sf.toml: it uses the framework \"sfia9-change\""),
        "{err}"
    );
    assert!(err.contains("read it with --framework FILE"), "{err}");
    assert!(!err.contains("outside the scale"), "{err}");
}

#[test]
fn check_groups_warnings_and_quiet_leaves_them_out() {
    let home = tempfile::tempdir().unwrap();
    let ecf = root().join("assets/frameworks/examples/ecf4-ict.toml");
    let out = run(rolefit(home.path()).args(["framework", "check"]).arg(&ecf));
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("warning: 22 competencies are required by no profile"),
        "{err}"
    );
    assert!(
        err.contains("A.1, A.7, ") && err.contains(" and 10 more"),
        "{err}"
    );
    let out = run(rolefit(home.path())
        .args(["framework", "check", "--quiet"])
        .arg(&ecf));
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(stdout(&out).contains("OK"));
}

/// F-D23: a review's N/A is answered, not rated.
#[test]
fn review_import_counts_na_apart_from_ratings() {
    use std::io::Write;
    let home = tempfile::tempdir().unwrap();
    let reviewer = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["rate", "DP1", "3"]);
    let file = h.join("sam.toml");
    ok(h, &["review", "request", "-o", file.to_str().unwrap()]);
    let mut child = rolefit(reviewer.path())
        .args([
            "--plain",
            "review",
            file.to_str().unwrap(),
            "--reviewer",
            "Sam",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"4\n2\nn\nq\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let imported = ok(h, &["review", "import", file.to_str().unwrap()]);
    assert!(
        imported.contains("Imported Sam's review of default — 3 of 33 answered (2 rated, 1 N/A)."),
        "{imported}"
    );
}

/// F-D8: plain mode says it is a review, and shows the person's shared rating right after the
/// reviewer rates.
#[test]
fn plain_review_says_whose_review_and_shows_the_shared_rating_after_rating() {
    use std::io::Write;
    let home = tempfile::tempdir().unwrap();
    let reviewer = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(h, &["rate", "DP1", "2"]);
    let file = h.join("sam.toml");
    ok(
        h,
        &[
            "review",
            "request",
            "-o",
            file.to_str().unwrap(),
            "--share-self",
        ],
    );
    let mut child = rolefit(reviewer.path())
        .args([
            "--plain",
            "review",
            file.to_str().unwrap(),
            "--reviewer",
            "Sam",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"4\nq\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = stdout(&out);
    assert!(text.starts_with("Reviewing default as Sam"), "{text}");
    let after = &text[text.find("Saved DP1: 4").expect("rated")..];
    let next = after.find("DP2").unwrap_or(after.len());
    assert!(after[..next].contains("default's own rating: 2"), "{text}");
}
