//! `rolefit plan` and its changes from a script: the list overdue first, numbered by the
//! actions' stable ids, in Markdown, JSON (against docs/plan.schema.json), CSV and an RFC 5545
//! calendar read back by an independent parser (Python's `icalendar`, installed by .ci/run);
//! `plan add`, `done`, `move`, `status` under the lock, and every refusal writing nothing.
//!
//! One file because its tests share one assessment with a plan and the readers of each format.

mod cmd_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use cmd_support::{rolefit, run, stderr, stdout};
use serde_json::Value;

/// The day every test runs on (the test clock).
const NOW: &str = "2027-03-01T09:00:00Z";

fn rolefit_at(home: &Path, now: &str, args: &[&str]) -> Output {
    run(rolefit(home)
        .env("ROLEFIT_NOW", now)
        .arg("--data-dir")
        .arg(home.join("data"))
        .args(args))
}

fn at(home: &Path, args: &[&str]) -> Output {
    rolefit_at(home, NOW, args)
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = at(home, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn file(home: &Path) -> PathBuf {
    home.join("data/assessments/default.toml")
}

/// A plan of four actions: 1 on DP1 due in two weeks, 2 on GV1 without a date, 3 on DP2
/// overdue, 4 on RI2 due later, the list's numbers being the ids.
fn four_actions(h: &Path) {
    ok(h, &["rate", "DP1", "1"]);
    assert_eq!(
        ok(
            h,
            &[
                "plan",
                "add",
                "dp1",
                "Shadow a PMO lead, then; report",
                "--due",
                "+2w"
            ]
        ),
        "Added action 1 to DP1 Scope and requirements definition, due 2027-03-15: \"Shadow a PMO lead, then; report\".\n"
    );
    ok(h, &["plan", "add", "GV1", "Read the standard"]);
    ok(
        h,
        &[
            "plan",
            "add",
            "DP2",
            "Rebuild a schedule",
            "--due",
            "2027-02-01",
        ],
    );
    ok(
        h,
        &["plan", "add", "ri2", "Run a risk workshop", "--due", "+3m"],
    );
}

#[test]
fn plan_lists_overdue_first_and_numbers_actions_by_their_stable_id() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    four_actions(h);
    let md = ok(h, &["plan"]);
    let order: Vec<&str> = md.lines().filter(|l| l.starts_with("- **")).collect();
    assert_eq!(order.len(), 4, "{md}");
    assert!(order[0].starts_with("- **3** · DP2"), "overdue first: {md}");
    assert!(order[1].starts_with("- **1** · DP1"), "{md}");
    assert!(order[2].starts_with("- **4** · RI2"), "{md}");
    assert!(order[3].starts_with("- **2** · GV1"), "undated last: {md}");
    assert!(
        md.contains("## Overdue") && md.contains("## No date"),
        "{md}"
    );
    assert!(order[1].contains("(1→") && order[1].contains("due 2027-03-15, planned"));
    // Done: the number stays, the action goes to the end.
    let said = ok(
        h,
        &["plan", "done", "1", "--note", "Shadowed Priya for a month"],
    );
    assert!(said.starts_with("Marked action 1 "), "{said}");
    assert!(said.contains("rolefit rate DP1"), "{said}");
    let md = ok(h, &["plan", "--format", "MD"]);
    let order: Vec<&str> = md.lines().filter(|l| l.starts_with("- **")).collect();
    assert!(order[0].starts_with("- **3** "), "{md}");
    assert!(order[3].starts_with("- **1** "), "{md}");
    assert!(
        order[3].contains("done; evidence: Shadowed Priya for a month"),
        "{md}"
    );
    assert!(md.contains("## Done and dropped"), "{md}");
    // Move and status change what they say and nothing else.
    assert_eq!(
        ok(h, &["plan", "move", "3", "2027-04-30"]),
        "Moved action 3 (\"Rebuild a schedule\") from 2027-02-01 to 2027-04-30.\n"
    );
    assert_eq!(
        ok(h, &["plan", "move", "2", "+10d"]),
        "Action 2 (\"Read the standard\") is now due 2027-03-11.\n"
    );
    assert_eq!(
        ok(h, &["plan", "status", "4", "DOING"]),
        "Action 4 (\"Run a risk workshop\") is now doing (was planned).\n"
    );
    let csv = ok(h, &["plan", "--format", "csv"]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "n,competency,competency_name,level,target,text,due,status,group,evidence"
    );
    assert!(lines[1].starts_with("2,GV1,"), "{csv}");
    assert!(lines[2].starts_with("3,DP2,"), "{csv}");
    assert!(
        lines[3].starts_with("4,RI2,") && lines[3].contains(",doing,later,"),
        "{csv}"
    );
    assert!(
        lines[4].starts_with("1,DP1,Scope and requirements definition,1,")
            && lines[4].contains("\"Shadow a PMO lead, then; report\",2027-03-15,done,closed,"),
        "{csv}"
    );
    // A day later in the year, 3 is overdue again.
    let later = rolefit_at(h, "2027-05-02T09:00:00Z", &["plan", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&later)).unwrap();
    let first = &json["actions"][0];
    assert_eq!(
        (first["n"].as_u64(), first["group"].as_str()),
        (Some(2), Some("overdue"))
    );
}

fn validate_plan_schema(instance: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/plan.schema.json");
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("schema exists")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://rolefit.invalid/plan.schema.json";
    compiler.add_resource(url, schema).expect("schema loads");
    let index = compiler
        .compile(url, &mut schemas)
        .unwrap_or_else(|err| panic!("schema compiles: {err:#}"));
    if let Err(err) = schemas.validate(instance, index) {
        panic!("the plan does not match the schema: {err:#}");
    }
}

#[test]
fn plan_json_is_versioned_stable_and_matches_its_schema() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    four_actions(h);
    ok(h, &["plan", "status", "2", "dropped"]);
    let text = ok(h, &["plan", "--format", "json"]);
    assert_eq!(text, ok(h, &["plan", "--format", "Json"]), "the same bytes");
    let json: Value = serde_json::from_str(&text).unwrap();
    validate_plan_schema(&json);
    assert_eq!(json["plan_version"], 1);
    assert_eq!(json["today"], "2027-03-01");
    let ns: Vec<u64> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["n"].as_u64().unwrap())
        .collect();
    assert_eq!(ns, [3, 1, 4, 2]);
    let dp1 = &json["actions"][1];
    assert_eq!(dp1["level"], "1");
    assert_eq!(dp1["due"], "2027-03-15");
    assert_eq!(dp1["group"], "this_month");
    assert_eq!(json["actions"][3]["status"], "dropped");
    // The schema refuses what it should: a status rolefit never writes.
    let mut bad = json.clone();
    bad["actions"][0]["status"] = "finished".into();
    let refused = std::panic::catch_unwind(|| validate_plan_schema(&bad));
    assert!(refused.is_err(), "the schema holds the statuses");
}

/// The calendar read back by Python's `icalendar`: (uid, summary, due, status) per VTODO, and
/// the calendar's PRODID. Fails, not skips, when python3 or the package is missing.
fn parse_ics(path: &Path) -> Value {
    const SCRIPT: &str = r#"
import json, sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
todos = []
for c in cal.walk('VTODO'):
    due = c.decoded('DUE')
    todos.append({
        'uid': str(c['UID']),
        'summary': str(c['SUMMARY']),
        'due': due.isoformat(),
        'due_is_date': type(due).__name__ == 'date',
        'status': str(c['STATUS']),
        'dtstamp': c.decoded('DTSTAMP').isoformat(),
        'description': str(c['DESCRIPTION']),
    })
print(json.dumps({'prodid': str(cal['PRODID']), 'version': str(cal['VERSION']), 'todos': todos}))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(path)
        .output()
        .expect("python3 runs (.ci/run installs it with the icalendar package)");
    assert!(
        out.status.success(),
        "Python's icalendar reads the calendar (.ci/run installs it: pip install icalendar): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Whether python3 cannot import icalendar: a failure in CI, `SKIPPED (not run)` elsewhere.
fn icalendar_is_missing() -> bool {
    let reader = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output();
    if !reader.is_ok_and(|o| o.status.success()) {
        let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"));
        if ci {
            panic!(
                "the calendar must be read back in CI, but python3 cannot import icalendar; .ci/run installs it"
            );
        }
        eprintln!(
            "SKIPPED (not run): the_calendar_is_rfc_5545_read_back_by_python_icalendar_with_stable_uids: python3 cannot import icalendar (pip install icalendar)"
        );
        return true;
    }
    false
}

#[test]
fn the_calendar_is_rfc_5545_read_back_by_python_icalendar_with_stable_uids() {
    // Python's icalendar is the independent reader; `.ci/run` installs it. Without it the test
    // fails when `CI` is set (CI must run it) and elsewhere says `SKIPPED (not run)`, as the
    // DuckDB test does.
    if icalendar_is_missing() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    four_actions(h);
    let ics = h.join("plan.ics");
    writes_the_same_calendar_on_another_day(h, &ics);
    reads_back_three_dated_todos(&ics);
    // Marking one done, dropping and starting others: the same UIDs, the new statuses.
    keeps_the_uids_with_new_statuses(h, &ics);
    // Another person's calendar has other UIDs.
    gives_another_person_other_uids(h);
}

/// Writes the calendar with `-o`, and checks another day's run prints the same bytes.
fn writes_the_same_calendar_on_another_day(h: &Path, ics: &Path) {
    let out = at(h, &["plan", "--format", "ICS", "-o", ics.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("Wrote the plan (ics) to {}\n", ics.display())
    );
    assert_eq!(
        stderr(&out),
        "rolefit: 1 action without a date is not in the calendar\n"
    );
    let first = fs::read(ics).unwrap();
    // Byte-identical on another run, on another day: nothing in it comes from the clock.
    let again = rolefit_at(h, "2027-06-01T18:30:00Z", &["plan", "--format", "ics"]);
    assert!(again.status.success());
    assert_eq!(again.stdout, first, "the same file gives the same calendar");
}

/// Checks the calendar reads back as three dated to-dos with their UIDs, in date order.
fn reads_back_three_dated_todos(ics: &Path) {
    let parsed = parse_ics(ics);
    assert_eq!(parsed["prodid"], "-//rolefit//rolefit plan//EN");
    assert_eq!(parsed["version"], "2.0");
    let todos = parsed["todos"].as_array().unwrap();
    let got: Vec<(String, String, String, String)> = todos
        .iter()
        .map(|t| {
            assert_eq!(
                t["due_is_date"], true,
                "DUE is a date, not a date-time: {t}"
            );
            assert_eq!(t["dtstamp"], "2027-03-01T09:00:00+00:00", "{t}");
            (
                t["uid"].as_str().unwrap().to_string(),
                t["summary"].as_str().unwrap().to_string(),
                t["due"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let row = |n: u32, summary: &str, due: &str, status: &str| {
        (
            format!("rolefit-default-pm-vs-pmo-{n}@rolefit"),
            summary.to_string(),
            due.to_string(),
            status.to_string(),
        )
    };
    assert_eq!(
        got,
        [
            row(
                3,
                "DP2 Scheduling: Rebuild a schedule",
                "2027-02-01",
                "NEEDS-ACTION"
            ),
            row(
                1,
                "DP1 Scope and requirements definition: Shadow a PMO lead, then; report",
                "2027-03-15",
                "NEEDS-ACTION"
            ),
            row(
                4,
                "RI2 Response planning and ownership: Run a risk workshop",
                "2027-06-01",
                "NEEDS-ACTION"
            ),
        ]
    );
    assert!(
        todos[1]["description"].as_str().unwrap().contains("1→"),
        "the gap is described: {}",
        todos[1]
    );
}

/// Marks one action done, drops one and starts one: the UIDs stay, the statuses follow.
fn keeps_the_uids_with_new_statuses(h: &Path, ics: &Path) {
    ok(h, &["plan", "done", "1", "--note", "Shadowed Priya"]);
    ok(h, &["plan", "status", "3", "dropped"]);
    ok(h, &["plan", "status", "4", "doing"]);
    let out = rolefit_at(
        h,
        "2027-03-02T10:00:00Z",
        &["plan", "--format", "ics", "-o", ics.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let parsed = parse_ics(ics);
    let todos = parsed["todos"].as_array().unwrap();
    let by_uid = |n: u32| {
        todos
            .iter()
            .find(|t| t["uid"] == format!("rolefit-default-pm-vs-pmo-{n}@rolefit"))
            .unwrap_or_else(|| panic!("action {n} keeps its UID: {parsed}"))
    };
    assert_eq!(todos.len(), 3);
    assert_eq!(by_uid(1)["status"], "COMPLETED");
    assert!(
        by_uid(1)["description"]
            .as_str()
            .unwrap()
            .contains("Shadowed Priya")
    );
    assert_eq!(by_uid(3)["status"], "CANCELLED");
    assert_eq!(by_uid(4)["status"], "IN-PROCESS");
    assert_eq!(by_uid(4)["due"], "2027-06-01");
}

/// Checks another person's calendar has UIDs of its own.
fn gives_another_person_other_uids(h: &Path) {
    let out = at(
        h,
        &[
            "-a",
            "Sam Taylor",
            "plan",
            "add",
            "DP1",
            "Read",
            "--due",
            "+1d",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sam = at(h, &["-a", "Sam Taylor", "plan", "--format", "ics"]);
    assert!(
        stdout(&sam).contains("UID:rolefit-sam-taylor-pm-vs-pmo-1@rolefit"),
        "{}",
        stdout(&sam)
    );
}

#[test]
fn plan_changes_are_refused_in_one_sentence_and_write_nothing() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    four_actions(h);
    let before = fs::read(file(h)).unwrap();
    let refused = |args: &[&str], code: i32, says: &str| {
        let out = at(h, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        assert_eq!(fs::read(file(h)).unwrap(), before, "{args:?} wrote nothing");
    };
    refused(
        &["plan", "add", "XX9", "Something"],
        2,
        "there is no competency \"XX9\"",
    );
    refused(&["plan", "add", "DP1", "  "], 2, "an action needs its text");
    refused(
        &["plan", "add", "DP1", "Read", "--due", "next week"],
        2,
        "\"next week\" is not a date",
    );
    refused(
        &["plan", "add", "DP1", "Read", "--due", "2027-02-30"],
        2,
        "not a day on the calendar",
    );
    refused(&["plan", "done", "9"], 2, "default has no plan action 9");
    refused(&["plan", "move", "9", "+1w"], 2, "no plan action 9");
    refused(&["plan", "move", "1", "soon"], 2, "\"soon\" is not a date");
    refused(
        &["plan", "status", "1", "finished"],
        2,
        "invalid value 'finished'",
    );
    refused(&["plan", "done", "x"], 2, "invalid value 'x'");
    refused(&["plan", "--format", "html"], 2, "invalid value 'html'");
    refused(
        &["plan", "--format", "json", "add", "DP1", "x"],
        2,
        "cannot be used",
    );
    // The report refusals of export -o: never over the assessment itself.
    let target = file(h);
    refused(
        &["plan", "--format", "ics", "-o", target.to_str().unwrap()],
        1,
        "is the assessment itself",
    );
    // Held by a running rolefit: refused, nothing written.
    let lock = match rolefit::storage::lock_soon(&file(h)) {
        rolefit::storage::LockOutcome::Held(lock) => lock,
        _ => panic!("the test takes the lock"),
    };
    refused(&["plan", "done", "1"], 1, "open in a running rolefit");
    drop(lock);
    // Nothing to change is said, and nothing is written.
    ok(h, &["plan", "status", "2", "doing"]);
    let now = fs::read(file(h)).unwrap();
    assert_eq!(
        ok(h, &["plan", "status", "2", "doing"]),
        "Action 2 (\"Read the standard\") is already doing; nothing was changed.\n"
    );
    assert_eq!(fs::read(file(h)).unwrap(), now);
    // The file is the one rolefit reads: the plan is there, as the Plan screen would show it.
    let rolefit::storage::ReadOutcome::Loaded(a) =
        rolefit::storage::read_assessment(&file(h), "default")
    else {
        panic!("readable");
    };
    let dp1 = &a.plan[&rolefit::domain::CompetencyId::from("DP1")];
    assert_eq!(dp1.actions[0].text, "Shadow a PMO lead, then; report");
    assert_eq!(a.actions().count(), 4);
}

#[test]
fn show_and_plain_mode_list_a_competencys_actions_with_date_and_status() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    four_actions(h);
    ok(h, &["plan", "status", "1", "doing"]);
    let shown = ok(h, &["show", "DP1"]);
    assert!(
        shown.contains("Plan: Shadow a PMO lead, then; report (due 2027-03-15, doing)\n"),
        "{shown}"
    );
    // Plain mode shows the competency the same way: DP2 is the first unanswered one.
    let mut cmd = rolefit(h);
    cmd.env("ROLEFIT_NOW", NOW)
        .arg("--data-dir")
        .arg(h.join("data"))
        .arg("--plain")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(b"q\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("Plan: Rebuild a schedule (due 2027-02-01, planned)\n"),
        "{text}"
    );
}
