//! Framework validation, through the library (`storage::framework::from_toml`) and through the command
//! line (`rolefit framework check PATH`, `rolefit framework dump`).
//!
//! One file because its 34 tests share the built-in text, the edit helpers and the check that
//! the command line reports what the library does.
//!
//! Every bad file is the built-in framework with one targeted edit; the expected line and
//! column are computed from the edited text by finding the offending token.
//!
//! The tests that need only the library are in `crates/rolefit-files/tests/framework_check.rs`.

mod cmd_support;

use std::path::Path;

use cmd_support::text::{describe, pos_after, pos_before, problems, replace_after, unique};
use cmd_support::{rolefit, run, stderr, stdout};
use rolefit::domain::Problem;
use rolefit::storage::framework::BUILTIN_TOML;

// ---- helpers -------------------------------------------------------------------------------

/// Asserts that a problem whose message contains `needle` is reported at `pos`, and that
/// `framework check` prints the same problems; returns all problems.
fn assert_reported(text: &str, pos: (usize, usize), needle: &str) -> Vec<Problem> {
    let problems = problems(text);
    assert!(
        problems
            .iter()
            .any(|p| (p.line, p.column) == pos && p.message.contains(needle)),
        "expected a problem at {}:{} mentioning {needle:?}; got\n{}",
        pos.0,
        pos.1,
        describe(&problems)
    );
    assert_cli_reports(text, &problems);
    problems
}

/// Like [`assert_reported`], and that problem is the only one.
fn assert_only(text: &str, pos: (usize, usize), needle: &str) -> Problem {
    let problems = assert_reported(text, pos, needle);
    assert_eq!(
        problems.len(),
        1,
        "one mistake should give one problem; got\n{}",
        describe(&problems)
    );
    problems.into_iter().next().unwrap()
}

/// Problems come sorted by line, then column.
fn assert_sorted(problems: &[Problem]) {
    let keys: Vec<_> = problems.iter().map(|p| (p.line, p.column)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        keys,
        sorted,
        "problems are not sorted:\n{}",
        describe(problems)
    );
}

/// `rolefit framework check` on `text` prints exactly `PATH:LINE:COL: message` for each
/// problem, in order, then one summary line, on stderr; nothing on stdout; exit code 1.
fn assert_cli_reports(text: &str, problems: &[Problem]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("custom.toml");
    std::fs::write(&path, text).unwrap();
    let out = run(rolefit(dir.path()).args(["framework", "check"]).arg(&path));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert_eq!(stdout(&out), "", "a failed check prints nothing on stdout");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), problems.len() + 1, "stderr:\n{err}");
    for (line, p) in lines.iter().zip(problems) {
        assert_eq!(
            *line,
            format!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message)
        );
    }
    let summary = lines.last().unwrap();
    assert!(
        summary.contains(&path.display().to_string())
            && summary.contains(&format!("{} problem", problems.len())),
        "summary line {summary:?}"
    );
}

fn check_ok(path: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = run(rolefit(dir.path()).args(["framework", "check"]).arg(path));
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    stdout(&out)
}

const B: &str = BUILTIN_TOML;

// ---- the built-in framework ----------------------------------------------------------------

#[test]
fn dump_prints_the_builtin_framework_and_it_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(rolefit(dir.path()).args(["framework", "dump"]));
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    assert_eq!(stdout(&out), BUILTIN_TOML);
    assert_eq!(stderr(&out), "");

    let path = dir.path().join("dumped.toml");
    std::fs::write(&path, &out.stdout).unwrap();
    let ok = check_ok(&path);
    assert_eq!(ok.lines().count(), 1, "{ok}");
    assert!(ok.starts_with(&format!("{}: OK", path.display())), "{ok}");
    for needle in [
        "2 roles",
        "6 profiles",
        "7 areas",
        "33 competencies",
        "Project Manager vs PMO Manager",
    ] {
        assert!(ok.contains(needle), "{needle:?} missing from {ok:?}");
    }
}

// ---- syntax and type errors ----------------------------------------------------------------

#[test]
fn toml_syntax_error_is_reported_where_it_is() {
    let text = replace_after(B, "\nversion = 1\n", "version = 1", "version = = 1");
    // The second `=` is the unexpected token.
    let pos = pos_after(&text, "\nversion = = 1\n", "= 1");
    assert_eq!(pos.1, 11);
    assert_only(&text, pos, "=");
}

#[test]
fn unclosed_table_header_is_reported_on_its_line() {
    let text = replace_after(B, "\n[scale]\n", "[scale]", "[scale");
    let (line, _) = pos_after(&text, "\n[scale\n", "[scale");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{}", describe(&problems));
    assert_eq!(problems[0].line, line, "{}", describe(&problems));
    assert_cli_reports(&text, &problems);
}

#[test]
fn wrong_type_for_version_points_at_the_value() {
    let text = replace_after(B, "\nversion = 1\n", "version = 1", "version = \"one\"");
    let pos = pos_after(&text, "\nversion = \"one\"\n", "\"one\"");
    assert_only(&text, pos, "invalid type");
}

#[test]
fn target_given_as_a_string_points_at_the_value() {
    let text = replace_after(B, "id = \"DP1\"", "pm = 4\n", "pm = \"4\"\n");
    let pos = pos_after(&text, "pm = \"4\"", "\"4\"");
    assert_only(&text, pos, "invalid type");
}

#[test]
fn unknown_field_typo_points_at_the_key() {
    let text = replace_after(B, "id = \"DP1\"", "description = ", "desciption = ");
    let pos = pos_after(&text, "desciption = ", "desciption");
    assert_eq!(pos.1, 1);
    assert_only(&text, pos, "desciption");
}

#[test]
fn newer_format_points_at_the_value() {
    let text = replace_after(B, "\nformat = 1\n", "format = 1", "format = 3");
    let pos = pos_after(&text, "\nformat = 3\n", "3");
    let p = assert_only(&text, pos, "newer");
    assert!(p.message.contains("update rolefit"), "{}", p.message);
}

#[test]
fn format_zero_is_unknown() {
    let text = replace_after(B, "\nformat = 1\n", "format = 1", "format = 0");
    let pos = pos_after(&text, "\nformat = 0\n", "0");
    assert_only(&text, pos, "format 0");
}

// ---- duplicates and unknown references -----------------------------------------------------

#[test]
fn duplicate_competency_id_points_at_the_second_id() {
    // DP5 is not adjusted by any flavour, so renaming it has no other effect.
    let text = replace_after(B, "id = \"DP5\"", "\"DP5\"", "\"DP4\"");
    let pos = pos_after(
        &text,
        "id = \"DP4\"\narea = \"DP\"\nname = \"Planning standards",
        "\"DP4\"",
    );
    assert_only(&text, pos, "duplicate competency id \"DP4\"");
}

#[test]
fn duplicate_area_id_points_at_the_second_id() {
    let text = replace_after(B, "id = \"RI\"", "\"RI\"", "\"DP\"");
    let pos = pos_after(&text, "id = \"DP\"\nname = \"Risk & Issue", "\"DP\"");
    let problems = assert_reported(&text, pos, "duplicate area id \"DP\"");
    assert_sorted(&problems);
}

#[test]
fn duplicate_profile_id_points_at_the_second_id() {
    let text = replace_after(B, "id = \"coe\"", "\"coe\"", "\"pm\"");
    let pos = pos_after(
        &text,
        "id = \"pm\"\nname = \"Centre of Excellence\"",
        "\"pm\"",
    );
    assert_only(&text, pos, "duplicate profile id \"pm\"");
}

#[test]
fn competency_naming_an_unknown_area_points_at_the_area() {
    let text = replace_after(B, "id = \"DP1\"", "area = \"DP\"", "area = \"XX\"");
    let pos = pos_after(&text, "area = \"XX\"", "\"XX\"");
    let p = assert_only(&text, pos, "unknown area \"XX\"");
    assert!(p.message.contains("DP1"), "{}", p.message);
}

#[test]
fn target_for_an_unknown_profile_points_at_the_key() {
    let text = replace_after(B, "id = \"DP1\"", "pmo = 2\n", "pmo = 2\npmx = 3\n");
    let pos = pos_after(&text, "pmx = 3", "pmx");
    assert_only(&text, pos, "unknown profile \"pmx\"");
}

#[test]
fn adjust_naming_an_unknown_competency_points_at_the_key() {
    let text = replace_after(
        B,
        "id = \"portfolio-pmo\"",
        "GV5 = 5\n",
        "GV5 = 5\nZZ9 = 3\n",
    );
    let pos = pos_after(&text, "ZZ9 = 3", "ZZ9");
    let p = assert_only(&text, pos, "unknown competency \"ZZ9\"");
    assert!(p.message.contains("portfolio-pmo"), "{}", p.message);
}

#[test]
fn profile_with_an_unknown_base_gives_one_problem() {
    let text = replace_after(
        B,
        "id = \"portfolio-pmo\"",
        "base = \"pmo\"",
        "base = \"nope\"",
    );
    let pos = pos_after(&text, "base = \"nope\"", "\"nope\"");
    assert_only(&text, pos, "unknown base profile \"nope\"");
}

#[test]
fn profile_with_an_unknown_role_points_at_the_role() {
    let text = replace_after(B, "id = \"coe\"", "role = \"pmo\"", "role = \"boss\"");
    let pos = pos_after(&text, "role = \"boss\"", "\"boss\"");
    assert_only(&text, pos, "unknown role \"boss\"");
}

#[test]
fn empty_area_is_reported() {
    let extra_area = "[[areas]]\nid = \"EMPTY\"\nname = \"Nothing here\"\ncontrast = \"c\"\n\
        [areas.focus.pm]\nlabel = \"x\"\nweight = \"light\"\nmeaning = \"m\"\n\
        [areas.focus.pmo]\nlabel = \"y\"\nweight = \"light\"\nmeaning = \"m\"\n\n";
    let text = replace_after(
        B,
        "\n[[areas]]\nid = \"DP\"",
        "[[areas]]",
        &format!("{extra_area}[[areas]]"),
    );
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{}", describe(&problems));
    assert!(
        problems[0]
            .message
            .contains("\"EMPTY\" has no competencies"),
        "{}",
        problems[0].message
    );
    assert_cli_reports(&text, &problems);
}

// ---- level anchors -------------------------------------------------------------------------

/// The built-in framework with DP1's level anchors replaced by `table`.
fn dp1_levels(table: &str) -> String {
    let start = unique(B, "id = \"DP1\"");
    let from = cmd_support::find_from(B, start, "[competencies.levels]\n");
    let to = cmd_support::find_from(B, from, "[competencies.targets]");
    format!("{}{}{}", &B[..from], table, &B[to..])
}

#[test]
fn an_anchor_for_a_level_off_the_scale_points_at_the_key() {
    let text = dp1_levels("[competencies.levels]\n\"6\" = \"Beyond expert.\"\n");
    let pos = pos_after(&text, "id = \"DP1\"", "\"6\"");
    let p = assert_only(&text, pos, "not on the scale");
    assert!(p.message.contains("DP1"), "{}", p.message);
}

#[test]
fn an_anchor_key_that_is_not_a_number_points_at_the_key() {
    let text = dp1_levels("[competencies.levels]\nexpert = \"Beyond expert.\"\n");
    let pos = pos_after(&text, "id = \"DP1\"", "expert =");
    assert_only(&text, pos, "not on the scale");
}

#[test]
fn an_empty_anchor_points_at_the_text() {
    let text = dp1_levels("[competencies.levels]\n\"2\" = \"  \"\n");
    let pos = pos_after(&text, "\"2\" = \"  \"", "\"  \"");
    assert_only(&text, pos, "empty");
}

#[test]
fn an_anchor_of_several_lines_points_at_the_text() {
    let text = dp1_levels("[competencies.levels]\n\"2\" = \"one\\ntwo\"\n");
    let pos = pos_after(&text, "id = \"DP1\"", "\"one");
    assert_only(&text, pos, "one line");
}

#[test]
fn an_empty_anchor_table_points_at_the_table() {
    let text = dp1_levels("[competencies.levels]\n");
    let problems = problems(&text);
    let pos = pos_after(&text, "id = \"DP1\"", "[competencies.levels]");
    assert!(
        problems
            .iter()
            .any(|p| p.line == pos.0 && p.message.contains("empty")),
        "{}",
        describe(&problems)
    );
    assert_cli_reports(&text, &problems);
}

// ---- levels --------------------------------------------------------------------------------

#[test]
fn target_above_the_scale_points_at_the_value() {
    let text = replace_after(B, "id = \"DP1\"", "pm = 4\n", "pm = 7\n");
    let pos = pos_after(&text, "pm = 7\n", "7");
    assert_only(&text, pos, "not on the scale");
}

#[test]
fn negative_target_points_at_the_value() {
    let text = replace_after(B, "id = \"DP1\"", "pm = 4\n", "pm = -1\n");
    let pos = pos_after(&text, "pm = -1\n", "-1");
    assert_only(&text, pos, "not on the scale");
}

#[test]
fn adjust_above_the_scale_points_at_the_value() {
    let text = replace_after(B, "id = \"portfolio-pmo\"", "GV5 = 5\n", "GV5 = 9\n");
    let pos = pos_after(&text, "GV5 = 9\n", "9");
    let p = assert_only(&text, pos, "not on the scale");
    assert!(p.message.contains("GV5"), "{}", p.message);
}

#[test]
fn missing_target_for_a_main_profile_points_at_the_competency() {
    let text = replace_after(B, "id = \"DP1\"", "pm = 4\npmo = 2\n", "pm = 4\n");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{}", describe(&problems));
    let p = &problems[0];
    assert!(
        p.message.contains("DP1") && p.message.contains("no target for profile \"pmo\""),
        "{}",
        p.message
    );
    // The competency's own header, or its targets table.
    let competency = pos_before(&text, "id = \"DP1\"", "[[competencies]]");
    let targets = pos_after(&text, "id = \"DP1\"", "[competencies.targets]");
    assert!(
        [competency, targets].contains(&(p.line, p.column)),
        "reported at {}:{}, expected {competency:?} or {targets:?}",
        p.line,
        p.column
    );
    assert_cli_reports(&text, &problems);
}

// ---- scale and roles -----------------------------------------------------------------------

#[test]
fn scale_with_five_levels_points_at_the_scale() {
    let start = unique(B, "[[scale.levels]]\nvalue = 5\n");
    let end = cmd_support::find_from(B, start, "\n\n") + 2;
    let text = format!("{}{}", &B[..start], &B[end..]);
    let pos = pos_after(&text, "\n[scale]\n", "[scale]");
    assert_only(&text, pos, "exactly 6 levels");
}

#[test]
fn scale_out_of_order_points_at_each_misplaced_value() {
    let text = replace_after(B, "label = \"Not yet\"", "value = 1\n", "value = 2\n");
    let text = replace_after(&text, "label = \"Aware\"", "value = 2\n", "value = 1\n");
    let first = pos_after(&text, "label = \"Not yet\"", "2\n");
    let second = pos_after(&text, "label = \"Aware\"", "1\n");
    let problems = problems(&text);
    assert_eq!(problems.len(), 2, "{}", describe(&problems));
    assert_eq!((problems[0].line, problems[0].column), first);
    assert_eq!((problems[1].line, problems[1].column), second);
    assert!(problems.iter().all(|p| p.message.contains("out of place")));
    assert_cli_reports(&text, &problems);
}

#[test]
fn three_roles_are_refused() {
    let third = "[[roles]]\nid = \"third\"\nname = \"Third\"\nshort = \"T\"\n\
        essence = \"e\"\ndescription = \"d\"\nactivities = []\nhorizon = \"h\"\nscope = \"s\"\n\
        in_practice = \"p\"\n\n";
    // Insert it before the profiles section.
    let marker = "# ---------------------------------------------------------------------------\n# Target profiles";
    let at = unique(B, marker);
    let text = format!("{}{third}{}", &B[..at], &B[at..]);
    let first = pos_after(&text, "[[roles]]\nid = \"pm\"", "[[roles]]");
    let added = pos_after(&text, "[[roles]]\nid = \"third\"", "[[roles]]");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{}", describe(&problems));
    let p = &problems[0];
    assert!(p.message.contains("exactly two roles"), "{}", p.message);
    assert!(
        [first, added].contains(&(p.line, p.column)),
        "reported at {}:{}, expected the roles ({first:?}) or the third role ({added:?})",
        p.line,
        p.column
    );
    assert_cli_reports(&text, &problems);
}

// ---- many problems at once -----------------------------------------------------------------

#[test]
fn several_independent_problems_are_all_reported_sorted_by_line() {
    let mut text = B.to_string();
    text = replace_after(&text, "\nformat = 1\n", "format = 1", "format = 0");
    text = replace_after(&text, "\nversion = 1\n", "version = 1", "version = -1");
    text = replace_after(&text, "id = \"portfolio-pmo\"", "GV5 = 5\n", "GV5 = 9\n");
    text = replace_after(&text, "id = \"coe\"", "role = \"pmo\"", "role = \"boss\"");
    text = replace_after(&text, "id = \"DP1\"", "area = \"DP\"", "area = \"XX\"");
    text = replace_after(&text, "id = \"DP2\"", "pm = 4\n", "pm = 7\n");
    text = replace_after(&text, "id = \"DP5\"", "\"DP5\"", "\"DP4\"");

    let expected = [
        (pos_after(&text, "\nformat = 0\n", "0"), "format 0"),
        (pos_after(&text, "\nversion = -1\n", "-1"), "version"),
        (pos_after(&text, "GV5 = 9\n", "9"), "not on the scale"),
        (
            pos_after(&text, "role = \"boss\"", "\"boss\""),
            "unknown role",
        ),
        (pos_after(&text, "area = \"XX\"", "\"XX\""), "unknown area"),
        (pos_after(&text, "id = \"DP2\"", "7\n"), "not on the scale"),
        (
            pos_after(
                &text,
                "id = \"DP4\"\narea = \"DP\"\nname = \"Planning standards",
                "\"DP4\"",
            ),
            "duplicate competency id",
        ),
    ];
    let problems = problems(&text);
    assert_eq!(
        problems.len(),
        expected.len(),
        "every independent problem is reported once:\n{}",
        describe(&problems)
    );
    assert_sorted(&problems);
    for (p, (pos, needle)) in problems.iter().zip(expected) {
        assert_eq!((p.line, p.column), pos, "{}", describe(&problems));
        assert!(
            p.message.contains(needle),
            "{:?} should mention {needle:?}",
            p.message
        );
    }
    assert_cli_reports(&text, &problems);
}

// ---- the command line on files that cannot be read -----------------------------------------

#[test]
fn check_of_a_missing_file_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let out = run(rolefit(dir.path()).args(["framework", "check"]).arg(&path));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
}

#[test]
fn check_of_a_non_utf8_file_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"format = 1\nname = \"caf\xe9\"\n").unwrap();
    let out = run(rolefit(dir.path()).args(["framework", "check"]).arg(&path));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&path.display().to_string()) && err.contains("UTF-8"),
        "{err}"
    );
}

// ---- a custom framework --------------------------------------------------------------------

fn minimal_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frameworks/minimal.toml")
}

#[test]
fn minimal_custom_framework_passes_check() {
    let path = minimal_path();
    let ok = check_ok(&path);
    assert_eq!(
        ok,
        format!(
            "{}: OK — \"Analyst vs Architect\" with 2 roles, 3 profiles, 2 areas, 3 competencies\n",
            path.display()
        )
    );
}

// ---- documented rules the validator does not enforce ---------------------------------------

#[test]
fn profile_short_name_longer_than_ten_characters_is_refused() {
    let text = replace_after(
        B,
        "id = \"portfolio-pmo\"",
        "short = \"Portfolio\"",
        "short = \"Portfolio office\"",
    );
    let pos = pos_after(
        &text,
        "short = \"Portfolio office\"",
        "\"Portfolio office\"",
    );
    assert_only(&text, pos, "short");
}
