//! The team view (`rolefit team`): snapshots of the full screen at 80×24 and 120×40, every size
//! from 60×18 to 200×60 drawn with its scroll markers, the loop driven headless into one
//! person's Results and back, the four report formats, and the command line of the real binary
//! (0 files, only bad files, a usage error, `-o`), never writing to the team's files.
//!
//! One file because its 22 tests share the team builders, the headless loop and the binary's
//! helpers.

mod cmd_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cmd_support::{rolefit, run, stderr, stdout};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rolefit::runtime::{EventSource, NoSuspend, Polled, ScriptedEvents};
use rolefit::team::report::{TeamFormat, report};
use rolefit::team::{Team, TeamView, files_in, load};

/// The eight people of `tests/fixtures/team` and, with `bad`, a file with a level 9 and one
/// from a newer format. Paths are relative to the crate, as a user would type them.
fn team(bad: bool) -> Team {
    let mut sources = vec![PathBuf::from("tests/fixtures/team")];
    if bad {
        sources.push(PathBuf::from("tests/fixtures/team-bad"));
    }
    load(
        rolefit::storage::framework::builtin(),
        &files_in(&sources).unwrap(),
    )
}

fn pmo() -> usize {
    rolefit::storage::framework::builtin()
        .profile_index("pmo")
        .unwrap()
}

fn view(bad: bool) -> TeamView {
    TeamView::new(team(bad), pmo()).theme(false, Default::default())
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// Scripted events that, once used up, raise `stop` as a signal would: the loop then ends
/// without drawing again, so the last frame is the one the last key led to (inside a person's
/// Results, say).
struct StopAtEnd {
    events: ScriptedEvents,
    stop: Arc<AtomicBool>,
}

impl EventSource for StopAtEnd {
    fn poll(&mut self, timeout: Duration) -> std::io::Result<Polled> {
        let polled = self.events.poll(timeout)?;
        if matches!(polled, Polled::Closed) {
            self.stop.store(true, Ordering::SeqCst);
        }
        Ok(polled)
    }
}

/// Runs the team view's loop on `events` in a test terminal; returns the last frame's text.
fn run_view(view: &mut TeamView, size: (u16, u16), events: Vec<Event>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let mut events = StopAtEnd {
        events: ScriptedEvents::new(events),
        stop: Arc::clone(&stop),
    };
    rolefit::team::run::run(&mut terminal, view, &mut events, &stop, &mut NoSuspend).unwrap();
    screen(terminal.backend().buffer())
}

fn screen(buffer: &ratatui::buffer::Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn draw(view: &mut TeamView, size: (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    rolefit::team::run::draw(&mut terminal, view).unwrap();
    screen(terminal.backend().buffer())
}

// ---- the screen ----

#[test]
fn team_view_80x24() {
    let mut view = view(true);
    insta::assert_snapshot!(draw(&mut view, (80, 24)));
}

#[test]
fn team_view_120x40() {
    let mut view = view(true);
    insta::assert_snapshot!(draw(&mut view, (120, 40)));
}

#[test]
fn team_view_sorted_by_readiness_on_one_area_80x24() {
    let mut view = view(false);
    let text = run_view(&mut view, (80, 24), vec![ch('s'), ch('f'), ch('f')]);
    insta::assert_snapshot!(text);
}

#[test]
fn team_view_60x18_and_its_help() {
    let mut view = view(true);
    insta::assert_snapshot!("team_view_60x18", draw(&mut view, (60, 18)));
    let text = run_view(&mut view, (60, 18), vec![ch('?'), ch('j')]);
    insta::assert_snapshot!("team_help_60x18_scrolled", text);
}

#[test]
fn every_size_draws_with_its_markers() {
    for (w, h) in [(60, 18), (80, 24), (100, 30), (120, 40), (200, 60)] {
        let mut view = view(true);
        let text = draw(&mut view, (w, h));
        assert!(text.contains("People × competencies"), "{w}×{h}:\n{text}");
        assert!(text.contains("Ranking"), "{w}×{h}:\n{text}");
        assert!(text.contains("8 meet the"), "{w}×{h}:\n{text}");
        // Every line fits: nothing is drawn past the edge.
        assert_eq!(text.lines().count(), usize::from(h));
        if w < 200 {
            assert!(
                text.contains("more columns"),
                "{w}×{h} hides columns:\n{text}"
            );
        }
        if h < 30 {
            assert!(text.contains("↓"), "{w}×{h} hides rows:\n{text}");
        }
    }
    // Below the minimum, a message says what to do.
    let mut view = view(false);
    assert!(draw(&mut view, (50, 12)).contains("at least 60×18"));
}

#[test]
fn moving_right_scrolls_the_competency_columns() {
    let mut view = view(false);
    let first = draw(&mut view, (80, 24));
    assert!(first.contains("DP1") && !first.contains("FD4"));
    let text = run_view(&mut view, (80, 24), vec![key(KeyCode::Right); 32]);
    assert!(text.contains("FD4") && !text.contains(" DP1 "), "{text}");
    assert!(text.contains("← "), "{text}");
}

#[test]
fn files_not_read_are_listed_after_the_people() {
    let mut view = view(true);
    let text = run_view(
        &mut view,
        (120, 40),
        vec![key(KeyCode::End), key(KeyCode::Enter)],
    );
    assert!(text.contains("2 not read"), "{text}");
    assert!(
        text.contains("not read: tests/fixtures/team-bad/broken.toml"),
        "{text}"
    );
    assert!(
        text.contains("not read: tests/fixtures/team-bad/future.toml"),
        "{text}"
    );
    // Enter on a file not read says why in full.
    assert!(
        text.contains("future.toml: it is written in format 2"),
        "{text}"
    );
}

#[test]
fn search_finds_a_person_then_a_competency() {
    let mut view = view(false);
    let mut keys = vec![ch('/')];
    keys.extend("dana".chars().map(ch));
    keys.push(key(KeyCode::Enter));
    run_view(&mut view, (80, 24), keys);
    let person = view.person().unwrap();
    assert_eq!(view.team().members[person].name, "Dana Okafor");
    let mut keys = vec![ch('/')];
    keys.extend("governance design".chars().map(ch));
    keys.push(key(KeyCode::Enter));
    run_view(&mut view, (80, 24), keys);
    assert_eq!(
        view.team().framework.competencies[view.competency()]
            .id
            .as_str(),
        "GV3"
    );
}

#[test]
fn enter_opens_a_persons_results_read_only_and_esc_comes_back() {
    let before = snapshot_files();
    let mut view = view(false);
    // Alex, Bea, Chen by name: the third is Chen.
    let inside = run_view(
        &mut view,
        (100, 30),
        vec![ch('j'), ch('j'), key(KeyCode::Enter)],
    );
    assert!(inside.contains("[Results]"), "{inside}");
    assert!(inside.contains("Chen Wei, read-only"), "{inside}");
    // The save state says it, short enough to share the status line with the notice.
    let status = inside.lines().rev().nth(1).unwrap_or_default();
    assert!(status.ends_with("   Read-only"), "{inside}");
    // Spoken of in the third person: the team lead reads Chen's verdict, not "your".
    assert!(inside.contains("Chen Wei's verdict"), "{inside}");
    assert!(!inside.contains("Your verdict"), "{inside}");
    let mut view = self::view(false);
    let back = run_view(
        &mut view,
        (100, 30),
        vec![ch('j'), ch('j'), key(KeyCode::Enter), key(KeyCode::Esc)],
    );
    assert!(back.contains("People × competencies"), "{back}");
    assert!(!back.contains("[Results]"), "{back}");
    // Trying to rate from there changes nothing on disk, and no lock file appears.
    let mut view = self::view(false);
    run_view(
        &mut view,
        (100, 30),
        vec![key(KeyCode::Enter), ch('r'), ch('5'), ch('q'), ch('q')],
    );
    assert_eq!(before, snapshot_files());
    // Ctrl-C in a person's Results quits the team view as well: nothing more is drawn after.
    let mut view = self::view(false);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let mut events = ScriptedEvents::new(vec![key(KeyCode::Enter), ctrl_c, ch('j'), ch('j')]);
    rolefit::team::run::run(&mut terminal, &mut view, &mut events, &stop, &mut NoSuspend).unwrap();
    assert_eq!(view.row(), 0, "the keys after Ctrl-C were not read");
}

/// Every file of the fixture folders with its bytes.
fn snapshot_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in ["tests/fixtures/team", "tests/fixtures/team-bad"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            files.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

// ---- reports ----

#[test]
fn markdown_report_has_every_part() {
    let text = report(&team(true), pmo(), TeamFormat::Markdown);
    for part in [
        "# Team view: 8 people against the PMO Manager profile",
        "## Ranking for PMO Manager",
        "## Largest gaps",
        "## Heatmap",
        "## Bench depth for PMO Manager",
        "## Files not read (2)",
        "| 8 | Gus Park | 100%? (6/33) |",
    ] {
        assert!(text.contains(part), "{part:?} missing:\n{text}");
    }
}

#[test]
fn csv_report_is_one_row_per_person_in_the_order_read_with_the_leans_direction() {
    let team = team(true);
    let text = report(&team, pmo(), TeamFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let fixed = [
        "person",
        "file",
        "role",
        "team",
        "profile",
        "readiness",
        "rated",
        "required",
        "provisional",
        "lean_position",
        "lean",
        "plan_open",
        "plan_overdue",
        "plan_done_since_round",
    ];
    assert_eq!(headers.iter().take(fixed.len()).collect::<Vec<_>>(), fixed);
    assert_eq!(
        headers.len(),
        fixed.len() + team.framework.competencies.len()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per person, in the order the files were read (folders by file name).
    let people: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let read: Vec<&str> = team.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(people, read);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let gus = rows.iter().find(|r| &r[0] == "Gus Park").unwrap();
    assert_eq!(&gus[column("provisional")], "true", "Gus is provisional");
    let chen = rows.iter().find(|r| &r[0] == "Chen Wei").unwrap();
    assert_eq!(&chen[column("FD2")], "na");
    // The lean names its direction.
    let lean =
        |name: &str| rows.iter().find(|r| &r[0] == name).unwrap()[column("lean")].to_string();
    assert_eq!(lean("Alex Moreau"), "leans-pm");
    assert_eq!(lean("Bea Lind"), "leans-pmo");
    assert_eq!(lean("Dana Okafor"), "straddles");
    assert_eq!(lean("Gus Park"), "too-early");
}

/// Validates `instance` against the schema in `docs/NAME`.
fn check_schema(name: &str, instance: &serde_json::Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = format!("https://rolefit.invalid/{name}");
    compiler.add_resource(&url, schema).expect("schema loads");
    let index = compiler
        .compile(&url, &mut schemas)
        .unwrap_or_else(|err| panic!("{name} compiles: {err:#}"));
    if let Err(err) = schemas.validate(instance, index) {
        panic!("does not match {name}: {err:#}\n{instance}");
    }
}

#[test]
fn json_report_holds_people_figures_and_files_not_read() {
    let team = team(true);
    let text = report(&team, pmo(), TeamFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    check_schema("team-report.schema.json", &value);
    assert_eq!(value["team_report"], 2);
    assert_eq!(value["profile"]["id"], "pmo");
    assert_eq!(value["people"].as_array().unwrap().len(), 8);
    assert_eq!(value["not_read"].as_array().unwrap().len(), 2);
    let ranking = value["ranking"].as_array().unwrap();
    assert_eq!(ranking[7]["name"], "Gus Park");
    assert_eq!(ranking[7]["rank"], 8);
    // The ranking is the team view's, with its labels for people of the same name.
    let labels: Vec<&str> = ranking
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = team
        .ranking(pmo())
        .into_iter()
        .map(|m| team.members[m].label.as_str())
        .collect();
    assert_eq!(labels, expected);
    assert!(labels.contains(&"Sam Taylor (sam-k.toml)"), "{labels:?}");
    let competencies = value["competencies"].as_array().unwrap();
    assert_eq!(competencies.len(), 33);
    for (c, entry) in competencies.iter().enumerate() {
        let bench = team.bench(c, pmo());
        assert_eq!(entry["bench"]["meet"], bench.meet);
        assert_eq!(entry["bench"]["of"], 8);
    }
    let gus = value["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Gus Park")
        .unwrap();
    assert_eq!(gus["readiness"]["pmo"]["provisional"], true);
    assert_eq!(gus["lean"]["outcome"], "too-early");
    let alex = value["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Alex Moreau")
        .unwrap();
    assert_eq!(alex["lean"]["direction"], "pm");
    assert_eq!(alex["levels"]["DP1"], 3);
}

#[test]
fn jsonl_report_has_a_person_record_and_one_per_competency() {
    let team = team(false);
    let text = report(&team, pmo(), TeamFormat::Jsonl);
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 8 * (1 + 33));
    for r in &records {
        check_schema("team-jsonl.schema.json", r);
    }
    let people: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["kind"] == "person").collect();
    assert_eq!(people.len(), 8);
    // Each person's record comes first, then theirs.
    for (i, chunk) in records.chunks(34).enumerate() {
        assert_eq!(chunk[0]["kind"], "person", "person {i}");
        assert!(
            chunk[1..]
                .iter()
                .all(|r| r["kind"] == "competency" && r["name"] == chunk[0]["name"])
        );
    }
    let alex = people.iter().find(|p| p["name"] == "Alex Moreau").unwrap();
    let member = team
        .members
        .iter()
        .find(|m| m.name == "Alex Moreau")
        .unwrap();
    assert_eq!(alex["lean"]["outcome"], "leans");
    assert_eq!(alex["lean"]["direction"], "pm");
    assert_eq!(alex["answered"], 33);
    assert_eq!(alex["file"], "tests/fixtures/team/alex.toml");
    for (p, profile) in team.framework.profiles.iter().enumerate() {
        let r = member.readiness[p];
        assert_eq!(alex["readiness"][&profile.id]["rated"], r.rated);
        assert_eq!(alex["readiness"][&profile.id]["required"], r.required);
    }
    for r in records.iter().filter(|r| r["kind"] == "competency") {
        match (r["value"].as_u64(), r["target"].as_u64()) {
            (Some(value), Some(target)) => {
                assert_eq!(r["meets"], value >= target, "{r}");
                assert_eq!(r["gap"], target.saturating_sub(value), "{r}");
            }
            (None, Some(_)) => assert_eq!(r["meets"], false, "{r}"),
            (_, None) => assert!(r["meets"].is_null() && r["gap"].is_null(), "{r}"),
        }
        assert_eq!(
            r["target"],
            r["targets"][r["profile"].as_str().unwrap()],
            "{r}"
        );
    }
    let chen_fd2 = records
        .iter()
        .find(|r| r["name"] == "Chen Wei" && r["competency"] == "FD2")
        .unwrap();
    assert_eq!(
        (chen_fd2["level"].as_str(), chen_fd2["value"].is_null()),
        (Some("na"), true)
    );
}

// ---- the command line ----

fn fixture(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

#[test]
fn no_files_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let empty = home.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = run(rolefit(home.path()).arg("team").arg(&empty));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no assessment files (*.toml) in"),
        "{}",
        stderr(&out)
    );
    // Without a folder: the data directory's assessments, which do not exist yet.
    let out = run(rolefit(home.path()).args(["team", "--format", "csv"]));
    assert_eq!(out.status.code(), Some(1));
    // Said as no assessments there, and what to give instead, not as a missing folder.
    assert!(
        stderr(&out).contains("no assessment files (*.toml) in")
            && stderr(&out).contains("assessments; give a folder or files"),
        "{}",
        stderr(&out)
    );
    assert!(
        !home.path().join("xdg-data/rolefit").exists(),
        "nothing is created"
    );
}

#[test]
fn only_bad_files_lists_each_and_fails() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("team").arg(fixture("team-bad")));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("broken.toml: line 6, column 9"), "{err}");
    assert!(
        err.contains("future.toml: it is written in format 2"),
        "{err}"
    );
    assert!(
        err.contains("none of the 2 assessment file(s) could be used"),
        "{err}"
    );
}

#[test]
fn a_report_lists_bad_files_on_stderr_and_one_file_works() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path())
        .args(["team", "--format", "jsonl"])
        .arg(fixture("team"))
        .arg(fixture("team-bad")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 8 * (1 + 33));
    assert_eq!(stderr(&out).matches("rolefit: not read:").count(), 2);
    let out = run(rolefit(home.path())
        .args(["team", "--format", "csv"])
        .arg(fixture("team/eli.toml")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn without_a_terminal_the_view_points_to_the_reports() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("team").arg(fixture("team")));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--format markdown, html, csv, json or jsonl"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path())
        .args(["team", "--profile", "cto", "--format", "json"])
        .arg(fixture("team")));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("there is no profile \"cto\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_file_is_written_and_never_over_a_team_file() {
    let home = tempfile::tempdir().unwrap();
    let out_file = home.path().join("team.md");
    let out = run(rolefit(home.path())
        .args(["team", "-o"])
        .arg(&out_file)
        .arg(fixture("team")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Wrote the Markdown team report (8 people)"));
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .starts_with("# Team view")
    );
    let copy = home.path().join("eli.toml");
    std::fs::copy(fixture("team/eli.toml"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = run(rolefit(home.path())
        .args(["team", "--format", "csv", "-o"])
        .arg(&copy)
        .arg(&copy));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

#[test]
fn another_framework_is_listed_and_read_with_its_framework() {
    let home = tempfile::tempdir().unwrap();
    let minimal = fixture("frameworks/minimal.toml");
    let fw = rolefit::storage::framework::from_toml(&std::fs::read_to_string(&minimal).unwrap())
        .unwrap();
    let assessment =
        rolefit::domain::Assessment::new("Min", &fw, rolefit::clock::utc_from_epoch(0));
    let file = home.path().join("min.toml");
    std::fs::write(&file, rolefit::storage::codec::to_toml(&assessment)).unwrap();
    let out = run(rolefit(home.path())
        .args(["team", "--format", "csv"])
        .arg(&file)
        .arg(fixture("team/eli.toml")));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(&format!("uses the framework \"{}\"", fw.id)),
        "{}",
        stderr(&out)
    );
    let out = run(rolefit(home.path())
        .args(["team", "--format", "csv", "--framework"])
        .arg(&minimal)
        .arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Min"));
}

/// rolefit on the test clock's day `now`, with `--data-dir DATA`.
fn on_day(home: &Path, now: &str, args: &[&str]) -> String {
    let out = run(rolefit(home)
        .env("ROLEFIT_NOW", now)
        .arg("--data-dir")
        .arg(home.join("data"))
        .args(args));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn reports_count_each_persons_plan_and_who_plans_to_close_each_competency() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let day1 = "2027-03-01T09:00:00Z";
    let day2 = "2027-03-02T09:00:00Z";
    alex_and_bea_plan(h, day1, day2);
    let dir = h.join("data/assessments");
    let dir = dir.to_str().unwrap();
    let report_of = |format: &str| on_day(h, day2, &["team", dir, "--format", format]);
    // JSON Lines and JSON: the person's figures, and per competency who plans to close it.
    json_reports_count_plans(&report_of);
    // CSV and Markdown say the same.
    csv_and_markdown_count_plans(&report_of);
}

/// Alex (no round) and Bea (a round on `day1`) add actions, do some and leave some open.
fn alex_and_bea_plan(h: &Path, day1: &str, day2: &str) {
    let with = |who: &[&str], rest: &[&str]| -> Vec<String> {
        who.iter().chain(rest).map(|s| s.to_string()).collect()
    };
    let go = |now: &str, args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        on_day(h, now, &args);
    };
    // Alex, no round: one action overdue, one open without a date, one done.
    let alex = ["-a", "Alex Moreau"];
    go(day1, with(&alex, &["rate", "DP1", "2"]));
    go(
        day1,
        with(&alex, &["plan", "add", "DP1", "a", "--due", "2027-02-01"]),
    );
    go(day1, with(&alex, &["plan", "add", "DP1", "b"]));
    go(day1, with(&alex, &["plan", "add", "GV1", "c"]));
    go(day1, with(&alex, &["plan", "done", "3"]));
    // Bea: one done before her round (not counted), one done after it, one open.
    let bea = ["-a", "Bea Lind"];
    go("2027-02-20T09:00:00Z", with(&bea, &["rate", "DP1", "1"]));
    go(
        "2027-02-20T09:00:00Z",
        with(&bea, &["plan", "add", "GV2", "y"]),
    );
    go("2027-02-20T09:00:00Z", with(&bea, &["plan", "done", "1"]));
    go(day1, with(&bea, &["snapshot"]));
    go(
        day2,
        with(&bea, &["plan", "add", "DP1", "x", "--due", "+1d"]),
    );
    go(day2, with(&bea, &["plan", "done", "2", "--note", "did x"]));
    go(
        day2,
        with(&bea, &["plan", "add", "dp1", "z", "--due", "+1w"]),
    );
}

/// Checks the JSON Lines and JSON reports' plan figures per person and per competency.
fn json_reports_count_plans(report_of: &impl Fn(&str) -> String) {
    let jsonl = report_of("jsonl");
    let people: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["kind"] == "person")
        .collect();
    for p in &people {
        check_schema("team-jsonl.schema.json", p);
    }
    let plan_of = |people: &[serde_json::Value], name: &str| {
        people.iter().find(|p| p["name"] == name).unwrap()["plan"].clone()
    };
    let figures = |v: serde_json::Value| {
        (
            v["open"].as_u64().unwrap(),
            v["overdue"].as_u64().unwrap(),
            v["done_since_round"].as_u64().unwrap(),
        )
    };
    assert_eq!(figures(plan_of(&people, "Alex Moreau")), (2, 1, 1));
    assert_eq!(figures(plan_of(&people, "Bea Lind")), (1, 0, 1));
    let json: serde_json::Value = serde_json::from_str(&report_of("json")).unwrap();
    check_schema("team-report.schema.json", &json);
    let people = json["people"].as_array().unwrap();
    assert_eq!(figures(plan_of(people, "Alex Moreau")), (2, 1, 1));
    let planning = |id: &str| {
        json["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["planning"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        (planning("DP1"), planning("GV1"), planning("GV2")),
        (2, 0, 0),
        "done actions plan nothing"
    );
}

/// Checks the CSV and Markdown reports give the same plan figures, and the bench who plans.
fn csv_and_markdown_count_plans(report_of: &impl Fn(&str) -> String) {
    let csv = report_of("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let alex_row = rows.iter().find(|r| &r[0] == "Alex Moreau").unwrap();
    assert_eq!(
        (
            &alex_row[col("plan_open")],
            &alex_row[col("plan_overdue")],
            &alex_row[col("plan_done_since_round")]
        ),
        ("2", "1", "1")
    );
    let md = report_of("md");
    assert!(md.contains("## Development plans"), "{md}");
    assert!(md.contains("| Alex Moreau | 2 | 1 | 1 |"), "{md}");
    assert!(md.contains("| Bea Lind | 1 | 0 | 1 |"), "{md}");
    let bench = &md[md.find("## Bench depth").expect("the bench section")..];
    let dp1 = bench
        .lines()
        .find(|l| l.starts_with("| DP1 "))
        .expect("DP1's bench row");
    assert!(
        dp1.ends_with("| 2 |"),
        "two people plan to close DP1: {dp1}"
    );
}

#[test]
fn the_view_gives_each_persons_plan_and_who_plans_to_close_the_competency() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Alex: two open actions on DP1, one of them overdue (its date long past), one done.
    let day = "2026-01-05T09:00:00Z";
    for args in [
        &["-a", "Alex Moreau", "rate", "DP1", "2"][..],
        &[
            "-a",
            "Alex Moreau",
            "plan",
            "add",
            "DP1",
            "a",
            "--due",
            "2025-06-01",
        ],
        &["-a", "Alex Moreau", "plan", "add", "DP1", "b"],
        &["-a", "Alex Moreau", "plan", "add", "GV1", "c"],
        &["-a", "Alex Moreau", "plan", "done", "3"],
        &["-a", "Bea Lind", "rate", "DP1", "3"],
    ] {
        on_day(h, day, args);
    }
    let dir = h.join("data/assessments");
    let team = load(
        rolefit::storage::framework::builtin(),
        &files_in(&[dir]).unwrap(),
    );
    let mut view = TeamView::new(team, pmo()).theme(false, Default::default());
    // A wide terminal: the ranking's Plan column and its legend, and the competency panel.
    let wide = draw(&mut view, (200, 60));
    let row = |text: &str, name: &str| -> String {
        text.lines()
            .find(|l| l.contains(&format!(" {name} ")) && l.contains('%'))
            .unwrap_or_else(|| panic!("{name}'s ranking row:\n{text}"))
            .to_string()
    };
    let alex = row(&wide, "Alex Moreau");
    assert!(
        alex.trim_end_matches(['│', ' ']).ends_with("2/1!"),
        "{alex}"
    );
    let bea = row(&wide, "Bea Lind");
    assert!(bea.trim_end_matches(['│', ' ']).ends_with('–'), "{bea}");
    assert!(wide.contains("Plan: open/overdue!"), "{wide}");
    assert!(wide.contains("1 planning it (open actions)"), "{wide}");
    insta::assert_snapshot!("team_view_plans_200x60", wide);
    // Narrower, the column gives way to the names; the competency panel still counts.
    for size in [(60, 18), (80, 24), (120, 40)] {
        let text = draw(&mut view, size);
        assert!(
            !text.contains("2/1!") && !text.contains("Plan:"),
            "{size:?}:\n{text}"
        );
        assert!(text.contains("1 planning it"), "{size:?}:\n{text}");
        assert!(text.contains("Alex Moreau"), "{size:?}:\n{text}");
    }
}
