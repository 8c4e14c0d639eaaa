//! End-to-end tests: the real `rolefit` binary in a pseudo-terminal (see `common::pty`).
//!
//! One file because its 27 tests share the pty harness and the waits on what is drawn; each is
//! one way a user runs rolefit.
//!
//! Every test has its own data directory. Synchronisation is by waiting for what is drawn;
//! the only sleeps are the deliberate kill delays of the kill -9 loop.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{DataDir, ExitStatus, Key, Launch, Tui};
use rolefit::domain::{CompetencyId, Rating};
use rolefit::storage::{ReadOutcome, read_assessment};
use rolefit::ui::contrast::{self, XTERM};
use rolefit::ui::theme::Background;

const EXIT: Duration = Duration::from_secs(10);

// ---- reading the screen ----

/// Row `n` of a screen (0-based).
fn row(screen: &str, n: usize) -> &str {
    screen.split('\n').nth(n).unwrap_or("")
}

/// The save-state line above the key footer.
fn status_row(screen: &str) -> &str {
    let rows: Vec<&str> = screen.split('\n').collect();
    rows[rows.len().saturating_sub(2)]
}

/// The footer says the last change is saved, with nothing pending.
fn saved_clean(screen: &str) -> bool {
    let status = status_row(screen);
    status.contains("Saved ") && !status.contains("pending")
}

/// "N/M answered" from the tab bar.
fn progress(screen: &str) -> Option<(usize, usize)> {
    let bar = row(screen, 0);
    let end = bar.find(" answered")?;
    let figure = bar[..end].rsplit(' ').next()?;
    let (rated, total) = figure.split_once('/')?;
    Some((rated.parse().ok()?, total.parse().ok()?))
}

/// The active tab, from "[Name]" in the tab bar.
fn active_tab(screen: &str) -> Option<&str> {
    let bar = row(screen, 0);
    let start = bar.find('[')? + 1;
    let end = start + bar[start..].find(']')?;
    Some(&bar[start..end])
}

/// On the Rate screen: the competency shown, as (id, 1-based index, total).
fn rate_at(screen: &str) -> Option<(String, usize, usize)> {
    if active_tab(screen) != Some("Rate") {
        return None;
    }
    let title = row(screen, 1);
    let after_area = &title[title.find("· Area ")? + "· Area ".len()..];
    let after = &after_area[after_area.find("· ")? + "· ".len()..];
    let figure = after.split_whitespace().next()?;
    let (index, total) = figure.split_once('/')?;
    let id = row(screen, 2)
        .trim_start_matches(|c: char| c.is_whitespace() || "│┃".contains(c))
        .split_whitespace()
        .next()?
        .to_string();
    Some((id, index.parse().ok()?, total.parse().ok()?))
}

/// The screen with every space and box-drawing border removed, to find text that the app
/// may have wrapped (e.g. a long path).
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│┃╭╮╰╯┏┓┗┛─━".contains(*c))
        .collect()
}

// ---- reading the file ----

fn read_table(path: &Path) -> toml::Table {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}\n{text}", path.display()))
}

/// `ratings.ID.level` as text: "0".."5" or "na".
fn level_in(table: &toml::Table, id: &str) -> Option<String> {
    let level = table.get("ratings")?.get(id)?.get("level")?;
    Some(match level {
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::String(s) => s.clone(),
        other => panic!("unexpected level {other:?} for {id}"),
    })
}

fn rating_text(rating: Rating) -> String {
    match rating {
        Rating::Level(level) => level.value().to_string(),
        Rating::NotApplicable => "na".to_string(),
    }
}

/// Loads the assessment with the library; anything but `Loaded` fails the test.
fn load(path: &Path) -> rolefit::domain::Assessment {
    match read_assessment(path, "default") {
        ReadOutcome::Loaded(assessment) => assessment,
        ReadOutcome::Missing => panic!("{} is missing", path.display()),
        ReadOutcome::Newer { found, .. } => panic!("{} has newer format {found}", path.display()),
        ReadOutcome::Unreadable(problem) => panic!(
            "{} is unreadable: {problem}\n{}",
            path.display(),
            String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default())
        ),
    }
}

fn temp_files(data: &DataDir) -> Vec<String> {
    data.assessment_names()
        .into_iter()
        .filter(|n| {
            n.starts_with(".default.toml.rolefit-tmp.")
                || (n.starts_with(".rolefit-") && n.ends_with(".tmp"))
        })
        .collect()
}

fn assert_exited_ok(tui: &Tui, status: &ExitStatus) {
    assert!(
        status.success(),
        "expected exit code 0, got {status:?}\n{}",
        tui.describe()
    );
    assert_left_alternate_screen(tui);
}

/// The note outside its editor: a box, or on a terminal where the anchors take the rows (80×24)
/// one line.
fn note_shown(s: &str) -> bool {
    s.contains("Note · e to edit") || s.contains("Note (e): ")
}

/// `q`: rolefit saves, exits 0 and gives the terminal back.
fn quit_cleanly(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit(EXIT);
    assert_exited_ok(tui, &status);
}

fn assert_left_alternate_screen(tui: &Tui) {
    assert!(
        tui.entered_alternate_screen(),
        "rolefit never switched to the alternate screen"
    );
    assert!(
        !tui.in_alternate_screen(),
        "the terminal was left in the alternate screen\n{}",
        tui.describe()
    );
}

/// From a first run: Tab twice to Rate and wait until that move is saved.
fn go_to_rate_first_run(tui: &mut Tui) -> String {
    tui.wait_for_text("Welcome to rolefit");
    tui.send("\t\t");
    tui.wait_for("the Rate screen, saved", |s| {
        rate_at(s).is_some() && saved_clean(s)
    })
}

// ---- the tests ----

/// Launch, move around, quit: exit code 0, terminal restored, position saved.
#[test]
fn launch_move_quit() {
    let data = DataDir::new();
    let mut tui = Tui::start(&data);
    let first = tui.wait_for("the tab bar and the welcome", |s| {
        row(s, 0).contains("Roles") && s.contains("Welcome to rolefit")
    });
    assert_eq!(active_tab(&first), Some("Roles"));
    let (rated, total) = progress(&first).expect("progress in the tab bar");
    assert_eq!(rated, 0);
    assert!(total > 0);

    tui.send_key(Key::Tab);
    let grid = tui.wait_for_text("Competency grid");
    assert_eq!(active_tab(&grid), Some("Grid"));
    assert!(
        !grid.contains("RI1"),
        "areas start collapsed:\n{}",
        tui.describe()
    );

    // Down to the second area and open it: its competencies appear under it.
    tui.send_key(Key::Down);
    tui.wait_for("the second area selected", |s| {
        s.lines().any(|l| l.contains('›') && l.contains("Risk"))
    });
    tui.send_key(Key::Enter);
    tui.wait_for("Risk & Issue Management expanded", |s| {
        s.contains("▾ Risk") && s.contains("RI1") && s.contains("RI5")
    });

    quit_cleanly(&mut tui);

    let file = data.default_file();
    assert!(file.exists(), "{} was not written", file.display());
    let table = read_table(&file);
    assert_eq!(
        table["position"]["screen"].as_str(),
        Some("grid"),
        "{table:#?}"
    );
    load(&file);
}

/// Rate two levels, write a two-line note, N/A, quit; the file has all of it; a relaunch
/// resumes at the same place and shows the note.
#[test]
fn rate_three_quit_and_resume() {
    let data = DataDir::new();
    let mut tui = Tui::start(&data);
    let first = tui.wait_for_text("Welcome to rolefit");
    let (_, total) = progress(&first).expect("progress");
    let screen = go_to_rate_first_run(&mut tui);
    let (first_id, index, _) = rate_at(&screen).unwrap();
    assert_eq!(index, 1, "a first run rates from the first competency");

    tui.send("4");
    let s = tui.wait_for("the second competency", |s| {
        rate_at(s).is_some_and(|(_, i, _)| i == 2)
    });
    let (second_id, ..) = rate_at(&s).unwrap();
    tui.send("3");
    let s = tui.wait_for("the third competency", |s| {
        rate_at(s).is_some_and(|(_, i, _)| i == 3)
    });
    let (third_id, ..) = rate_at(&s).unwrap();
    assert_eq!(progress(&s), Some((2, total)));

    tui.send("e");
    tui.wait_for_text("Note · editing");
    tui.send("Led the rollout");
    tui.send_key(Key::Enter);
    tui.send("and the retro");
    tui.wait_for("both note lines in the editor", |s| {
        s.contains("Led the rollout") && s.contains("and the retro")
    });
    tui.send_key(Key::Esc);
    // Wait for the editor to close before the next key: ESC and a key in one read would be
    // taken as Alt+key.
    tui.wait_for("the note shown outside the editor", |s| {
        note_shown(s) && s.contains("Led the rollout")
    });
    tui.send("n");
    let rated = format!("3/{total} answered");
    let s = tui.wait_for(&rated, |s| row(s, 0).contains(&rated));
    let (fourth_id, index, _) = rate_at(&s).unwrap();
    assert_eq!(index, 4);

    quit_cleanly(&mut tui);
    // On the way out, one line says what is saved and how to come back (N-D38).
    let out = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    let goodbye = format!("Saved: 3 of {total} answered. Run rolefit");
    assert!(
        out.contains(&goodbye) && out.contains("to continue where you left off."),
        "{out:?}"
    );

    let saved_at = saved_three_and_the_note(&data, [&first_id, &second_id, &third_id, &fourth_id]);

    // Relaunch: resumed where we left off.
    resumes_with_the_note(&data, total, &saved_at, &third_id);
}

/// Checks the file has the three ratings, the note and the position; returns the position.
fn saved_three_and_the_note(
    data: &DataDir,
    [first_id, second_id, third_id, fourth_id]: [&str; 4],
) -> String {
    let file = data.default_file();
    let table = read_table(&file);
    assert_eq!(
        level_in(&table, first_id).as_deref(),
        Some("4"),
        "{table:#?}"
    );
    assert_eq!(
        level_in(&table, second_id).as_deref(),
        Some("3"),
        "{table:#?}"
    );
    assert_eq!(
        level_in(&table, third_id).as_deref(),
        Some("na"),
        "{table:#?}"
    );
    assert_eq!(
        table["ratings"][&third_id]["note"].as_str(),
        Some("Led the rollout\nand the retro"),
        "{table:#?}"
    );
    let ratings = table["ratings"].as_table().unwrap();
    assert_eq!(ratings.len(), 3, "{table:#?}");
    assert_eq!(table["position"]["screen"].as_str(), Some("rate"));
    let saved_at = table["position"]["competency"]
        .as_str()
        .expect("position.competency")
        .to_string();
    assert_eq!(saved_at, fourth_id);
    saved_at
}

/// Checks a relaunch resumes on `saved_at`, and the competency before it shows the whole note.
fn resumes_with_the_note(data: &DataDir, total: usize, saved_at: &str, third_id: &str) {
    let mut tui = Tui::start(data);
    let resumed = format!("Resumed — 3/{total} answered");
    let s = tui.wait_for(&resumed, |s| s.contains(&resumed));
    let (shown, ..) = rate_at(&s).unwrap_or_else(|| panic!("not on Rate:\n{}", tui.describe()));
    assert_eq!(shown, saved_at);
    tui.send_key(Key::Left);
    let s = tui.wait_for("the competency with the note", |s| {
        rate_at(s).is_some_and(|(id, ..)| id == third_id)
    });
    assert!(s.contains("answered N/A"), "{}", tui.describe());
    // At 80×24 the note pane has room for one line (the rest is marked "↓ more").
    assert!(
        s.contains("Led the rollout"),
        "the note is not shown:\n{}",
        tui.describe()
    );
    // The whole note is there: the editor shows both lines. Esc leaves it unchanged.
    tui.send("e");
    tui.wait_for("the note in the editor", |s| {
        s.contains("Note · editing") && s.contains("Led the rollout") && s.contains("and the retro")
    });
    tui.send_key(Key::Esc);
    tui.wait_for("the editor closed", note_shown);
    quit_cleanly(&mut tui);
}

/// How a kill -9 iteration goes on after its acknowledged rating.
#[derive(Copy, Clone, Debug)]
enum Then {
    /// Kill while idle.
    Nothing,
    /// Another digit (autosave still pending when killed).
    Digit,
    /// Another digit, then Tab: saved at once, killed during or after the save.
    DigitTab,
    /// Another digit, Tab and Shift-Tab: two saves back to back.
    DigitTabBack,
}

const KEYS: [char; 7] = ['4', '3', '0', '5', '1', 'n', '2'];

fn level_of_key(key: char) -> String {
    if key == 'n' {
        "na".into()
    } else {
        key.to_string()
    }
}

/// Waits for a resumed rolefit on Rate, or on Results (where a Tab before a kill leaves it):
/// then back to Rate with Shift-Tab, a screen change that is saved at once.
fn resume_on_rate(tui: &mut Tui) -> String {
    let screen = tui.wait_for("the Rate or Results screen", |s| {
        matches!(active_tab(s), Some("Rate" | "Results")) && s.contains("Resumed")
    });
    if active_tab(&screen) == Some("Rate") {
        return screen;
    }
    tui.send_key(Key::BackTab);
    tui.wait_for("back on Rate, saved", |s| {
        rate_at(s).is_some() && saved_clean(s)
    })
}

/// Runs rolefit again and again on one data dir, killing it with SIGKILL at varied moments:
/// the file always loads, acknowledged ratings are never lost, temp files never pile up.
#[test]
fn kill9_loop() {
    const ITERATIONS: usize = 300;
    let data = DataDir::new();
    let file = data.default_file();
    let started = Instant::now();
    // Ratings the footer said were saved (or that later proved to be on disk).
    let mut acked: BTreeMap<String, String> = BTreeMap::new();
    let mut leftovers_after_kill = 0;
    let mut unacked_on_disk = 0;
    let mut debounced_acks = 0;

    for i in 0..ITERATIONS {
        let (mut tui, mut screen) = start_on_rate(&data, i);
        let (mut id, mut index, total) = rate_at(&screen).unwrap();
        if i > 0 {
            assert_eq!(
                progress(&screen).map(|p| p.0),
                Some(acked.len()),
                "iteration {i}: progress after resume"
            );
        }

        // On the last competency a digit would not move on; start over from the first.
        if index == total {
            screen = back_to_the_first(&mut tui);
            (id, index, _) = rate_at(&screen).unwrap();
        }

        // A rating, acknowledged by the footer. Mostly saved by a screen change (Tab,
        // Shift-Tab: immediate); every tenth time by the debounced autosave.
        let key = KEYS[i % KEYS.len()];
        let debounced = i % 10 == 3;
        rate_until_acknowledged(&mut tui, i, index, key, debounced);
        if debounced {
            debounced_acks += 1;
        }
        acked.insert(id.clone(), level_of_key(key));

        // Then maybe more, and a kill at a varied moment.
        let (then, second, second_id) = then_kill(tui, i);

        leftovers_after_kill += temp_files(&data).len();
        let assessment = load(&file);
        let on_disk: BTreeMap<String, String> = assessment
            .ratings
            .iter()
            .filter_map(|(id, entry)| entry.rating.map(|r| (id.0.clone(), rating_text(r))))
            .collect();
        check_acknowledged_on_disk(i, then, &acked, &on_disk, (second, &second_id));
        if !matches!(then, Then::Nothing)
            && on_disk.get(&second_id) == Some(&level_of_key(second))
            && acked.get(&second_id) != Some(&level_of_key(second))
        {
            unacked_on_disk += 1;
        }
        acked = on_disk;
        assert_eq!(
            assessment
                .rating(&CompetencyId(id.clone()))
                .map(rating_text),
            acked.get(&id).cloned()
        );
    }

    // One more start: temp files are gone once it is up, everything acknowledged loads.
    let mut tui = Tui::start(&data);
    let screen = resume_on_rate(&mut tui);
    assert!(temp_files(&data).is_empty(), "{:?}", temp_files(&data));
    assert_eq!(progress(&screen).map(|p| p.0), Some(acked.len()));
    quit_cleanly(&mut tui);
    let assessment = load(&file);
    for (id, level) in &acked {
        assert_eq!(
            assessment
                .rating(&CompetencyId(id.clone()))
                .map(rating_text)
                .as_ref(),
            Some(level)
        );
    }
    eprintln!(
        "kill9_loop: {ITERATIONS} kills in {:.1?} ({debounced_acks} acknowledged by the debounced \
         autosave, {unacked_on_disk} unacknowledged ratings found on disk, {leftovers_after_kill} \
         temp files found right after a kill)",
        started.elapsed()
    );
}

/// Starts rolefit on Rate (a first run, else a resume); checks no temp files are left.
fn start_on_rate(data: &DataDir, i: usize) -> (Tui, String) {
    let mut tui = Tui::start(data);
    let screen = if i == 0 {
        go_to_rate_first_run(&mut tui)
    } else {
        resume_on_rate(&mut tui)
    };
    let leftover = temp_files(data);
    assert!(
        leftover.is_empty(),
        "iteration {i}: temp files left after start: {leftover:?}"
    );
    (tui, screen)
}

/// Goes back to the first competency with `g`, Tab, Shift-Tab, saved; returns the screen.
fn back_to_the_first(tui: &mut Tui) -> String {
    let mark = tui.frame_count();
    tui.send("g\t\x1b[Z");
    tui.wait_for_frames(mark, "back to the first competency, saved", |frames| {
        let Some(results) = frames.iter().position(|f| active_tab(f) == Some("Results")) else {
            return false;
        };
        frames[results..]
            .last()
            .is_some_and(|f| saved_clean(f) && rate_at(f).is_some_and(|(_, i, _)| i == 1))
    });
    tui.screen()
}

/// Sends `key` (and Tab, Shift-Tab unless `debounced`); waits until the footer says saved.
fn rate_until_acknowledged(tui: &mut Tui, i: usize, index: usize, key: char, debounced: bool) {
    let mark = tui.frame_count();
    if debounced {
        tui.send(&key.to_string());
    } else {
        tui.send(&format!("{key}\t\x1b[Z"));
    }
    tui.wait_for_frames(mark, "the rating acknowledged as saved", |frames| {
        // The first frame after the digit shows the next competency with the change
        // pending; a later frame on Rate saying "Saved" with nothing pending follows a
        // save that included it.
        let Some(moved) = frames
            .iter()
            .position(|f| rate_at(f).is_some_and(|(_, n, _)| n == index + 1))
        else {
            return false;
        };
        assert!(
            !saved_clean(&frames[moved]),
            "iteration {i}: the footer says saved before any save:\n{}",
            frames[moved]
        );
        frames[moved + 1..]
            .iter()
            .any(|f| rate_at(f).is_some() && saved_clean(f))
    });
}

/// Maybe another rating (a [`Then`]), then kill -9; returns it, its key and its competency.
fn then_kill(mut tui: Tui, i: usize) -> (Then, char, String) {
    let then = [
        Then::Nothing,
        Then::Digit,
        Then::DigitTab,
        Then::DigitTabBack,
    ][i % 4];
    let second = KEYS[(i * 3 + 1) % KEYS.len()];
    let (second_id, ..) = rate_at(&tui.screen()).unwrap();
    match then {
        Then::Nothing => {}
        Then::Digit => tui.send(&second.to_string()),
        Then::DigitTab => tui.send(&format!("{second}\t")),
        Then::DigitTabBack => tui.send(&format!("{second}\t\x1b[Z")),
    }
    std::thread::sleep(Duration::from_millis((i % 7) as u64));
    let status = tui.kill_9();
    assert!(
        status.signal().is_some(),
        "iteration {i}: expected death by SIGKILL, got {status:?}"
    );
    drop(tui);
    (then, second, second_id)
}

/// Checks every acknowledged rating, and nothing else but the second one, is on disk.
fn check_acknowledged_on_disk(
    i: usize,
    then: Then,
    acked: &BTreeMap<String, String>,
    on_disk: &BTreeMap<String, String>,
    (second, second_id): (char, &str),
) {
    for (id, level) in acked {
        let found = on_disk.get(id);
        let allowed = found == Some(level)
            || (!matches!(then, Then::Nothing)
                && *id == second_id
                && found == Some(&level_of_key(second)));
        assert!(
            allowed,
            "iteration {i} ({then:?}): acknowledged {id} = {level} but the file has {found:?}"
        );
    }
    for (id, level) in on_disk {
        if !acked.contains_key(id) {
            assert!(
                !matches!(then, Then::Nothing)
                    && *id == second_id
                    && *level == level_of_key(second),
                "iteration {i}: unexpected rating {id} = {level} in the file"
            );
        }
    }
}

/// Ctrl-C saves and quits from anywhere, even in the note editor; the note is kept.
#[test]
fn ctrl_c_in_the_note_editor_saves_and_quits() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    let screen = go_to_rate_first_run(&mut tui);
    let (id, ..) = rate_at(&screen).unwrap();
    tui.send("e");
    tui.wait_for_text("Note · editing");
    tui.send("quick q note");
    tui.wait_for_text("quick q note");
    tui.send_key(Key::CtrlC);
    let status = tui.wait_exit(EXIT);
    assert_exited_ok(&tui, &status);
    let table = read_table(&file);
    assert_eq!(
        table["ratings"][&id]["note"].as_str(),
        Some("quick q note"),
        "{table:#?}"
    );
    assert_eq!(level_in(&table, &id), None, "a note alone is not a rating");
}

/// A second rolefit on the same assessment offers read-only, and writes nothing.
#[test]
fn second_instance() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut first = Tui::start(&data);
    let screen = go_to_rate_first_run(&mut first);
    let (first_id, ..) = rate_at(&screen).unwrap();
    let mark = first.frame_count();
    first.send("2");
    first.wait_for_frames(mark, "the first rating saved", |frames| {
        frames
            .last()
            .is_some_and(|f| rate_at(f).is_some_and(|(_, i, _)| i == 2) && saved_clean(f))
            && frames.iter().any(|f| !saved_clean(f))
    });
    let before = std::fs::read(&file).unwrap();
    assert_eq!(
        level_in(&read_table(&file), &first_id).as_deref(),
        Some("2")
    );

    let mut second = Tui::start(&data);
    let prompt = second.wait_for_text("Open in another rolefit");
    assert!(prompt.contains("read-only"), "{}", second.describe());
    second.send("r");
    second.wait_for("the read-only footer", |s| {
        status_row(s).contains("Read-only") && !s.contains("Open in another rolefit")
    });
    // It resumes on Rate, where the first one is; a digit must not change anything.
    let s = second.wait_for("the Rate screen", |s| rate_at(s).is_some());
    let (shown, ..) = rate_at(&s).unwrap();
    second.send("5");
    second.wait_for_text("Read-only here");
    let s = second.screen();
    assert_eq!(
        rate_at(&s).map(|r| r.0),
        Some(shown),
        "a refused rating moved on"
    );
    assert_eq!(progress(&s).map(|p| p.0), Some(1));
    // Screen changes do not save either.
    second.send_key(Key::Tab);
    second.wait_for("Results", |s| active_tab(s) == Some("Results"));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the read-only instance wrote"
    );
    second.send("q");
    let status = second.wait_exit(EXIT);
    assert_exited_ok(&second, &status);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the read-only instance wrote on quit"
    );

    // The first one still works and saves.
    let mark = first.frame_count();
    first.send("4");
    first.wait_for_frames(mark, "the second rating saved", |frames| {
        frames
            .last()
            .is_some_and(|f| rate_at(f).is_some_and(|(_, i, _)| i == 3) && saved_clean(f))
            && frames.iter().any(|f| !saved_clean(f))
    });
    first.send("q");
    let status = first.wait_exit(EXIT);
    assert_exited_ok(&first, &status);
    let table = read_table(&file);
    assert_eq!(level_in(&table, &first_id).as_deref(), Some("2"));
    assert_eq!(
        table["ratings"].as_table().map(|t| t.len()),
        Some(2),
        "{table:#?}"
    );
}

/// On Rate, records a 4 and returns (the rated id) once it is on screen but before the
/// debounced autosave has written it.
fn rate_without_saving(tui: &mut Tui, file: &Path) -> String {
    let screen = go_to_rate_first_run(tui);
    let (id, index, _) = rate_at(&screen).unwrap();
    tui.send("4");
    tui.wait_for("the rating recorded, not saved yet", |s| {
        rate_at(s).is_some_and(|(_, i, _)| i == index + 1) && !saved_clean(s)
    });
    assert_eq!(
        level_in(&read_table(file), &id),
        None,
        "the autosave ran too early for this test to mean anything"
    );
    id
}

/// SIGTERM, SIGHUP and the other terminating signals save a pending change before exiting,
/// and restore the terminal.
#[test]
fn sigterm_and_sighup_save() {
    for (signal, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGUSR1, "SIGUSR1"),
        (libc::SIGUSR2, "SIGUSR2"),
        (libc::SIGALRM, "SIGALRM"),
    ] {
        let data = DataDir::new();
        let file = data.default_file();
        let mut tui = Tui::start(&data);
        let id = rate_without_saving(&mut tui, &file);
        tui.signal(signal);
        let status = tui.wait_exit(EXIT);
        assert!(
            status.signal().is_none(),
            "{name}: killed by the signal instead of handling it: {status:?}"
        );
        assert_exited_ok(&tui, &status);
        assert_eq!(
            level_in(&read_table(&file), &id).as_deref(),
            Some("4"),
            "{name}: the pending rating was not saved"
        );
        load(&file);
    }
}

/// SIGTERM, SIGHUP and a closed terminal keep a note still open in its editor, as Ctrl-C does.
#[test]
fn signals_keep_a_note_being_typed() {
    for signal in [Some(libc::SIGTERM), Some(libc::SIGHUP), None] {
        let data = DataDir::new();
        let file = data.default_file();
        let mut tui = Tui::start(&data);
        let screen = go_to_rate_first_run(&mut tui);
        let (id, ..) = rate_at(&screen).unwrap();
        tui.send("e");
        tui.wait_for_text("Note · editing");
        tui.send("typed before the signal");
        tui.wait_for_text("typed before the signal");
        eprintln!("ending with {signal:?} (None: the terminal closed)");
        match signal {
            Some(signal) => tui.signal(signal),
            None => tui.close_master(),
        }
        let status = tui.wait_exit(EXIT);
        let table = read_table(&file);
        assert_eq!(
            table["ratings"][&id]["note"].as_str(),
            Some("typed before the signal"),
            "{signal:?}: {table:#?}"
        );
        // A closed terminal is an ordinary way to stop: the goodbye line that cannot be
        // written is not a crash, and the next start is not told of one.
        let crashes: Vec<_> = std::fs::read_dir(data.path().join("crashes"))
            .map(|dir| dir.map(|e| e.unwrap().file_name()).collect())
            .unwrap_or_default();
        assert!(
            crashes
                .iter()
                .all(|name| !name.to_string_lossy().starts_with("crash-")),
            "{signal:?}: {crashes:?}"
        );
        assert!(status.success(), "{signal:?}: {status:?}");
    }
}

/// Every row but the save state, to compare a screen before and after a suspend.
/// Trailing blanks are left out: a cell cleared by a full redraw and one overwritten with a
/// space look the same.
fn without_footer(screen: &str) -> Vec<&str> {
    let rows: Vec<&str> = screen.split('\n').collect();
    // The status line, and the keys' line below it, which a message too long for the status
    // line beside a longer save state ("· changes pending") takes until the save.
    let status = rows.len().saturating_sub(2);
    rows.iter()
        .enumerate()
        .filter(|(i, _)| *i < status)
        // A redraw after a clear writes no trailing blanks where the frame before may have
        // overwritten old text with them.
        .map(|(_, r)| r.trim_end())
        .collect()
}

/// Ctrl-Z (`None`) or a signal (`kill -TSTP`) suspends with the pending change saved and the
/// terminal given back (main screen, cursor shown, cooked mode) and the process stopped;
/// SIGCONT (`fg`) takes the terminal again and redraws all of it, and keys work again.
fn suspend_and_continue(signal: Option<libc::c_int>) {
    let how = signal.map_or("Ctrl-Z", |_| "SIGTSTP");
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    let id = rate_without_saving(&mut tui, &file);
    let before = tui.screen();
    assert!(tui.raw_mode() && tui.in_alternate_screen());
    match signal {
        Some(signal) => tui.signal(signal),
        None => tui.send_key(Key::CtrlZ),
    }
    assert!(tui.bracketed_paste());
    tui.wait_stopped("the terminal given back", |t| {
        !t.in_alternate_screen() && !t.cursor_hidden() && !t.raw_mode() && !t.bracketed_paste()
    });
    assert_left_alternate_screen(&tui);
    assert_eq!(
        level_in(&read_table(&file), &id).as_deref(),
        Some("4"),
        "{how}: the pending rating was not saved before stopping"
    );

    let frames = tui.frame_count();
    tui.signal(libc::SIGCONT);
    tui.wait_for_frames(frames, "the whole screen drawn again", |frames| {
        frames
            .last()
            .is_some_and(|s| without_footer(s) == without_footer(&before) && saved_clean(s))
    });
    assert!(
        tui.in_alternate_screen() && tui.raw_mode() && tui.cursor_hidden() && tui.bracketed_paste(),
        "{how}: the terminal was not taken again\n{}",
        tui.describe()
    );
    assert_ne!(tui.process_state(), 'T');

    tui.send_key(Key::Tab);
    tui.wait_for("Results after Tab", |s| active_tab(s) == Some("Results"));
    quit_cleanly(&mut tui);
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    suspend_and_continue(None);
}

#[test]
fn sigtstp_suspends_and_fg_redraws() {
    suspend_and_continue(Some(libc::SIGTSTP));
}

/// Ctrl-Z in the note editor, then `fg`: the note typed so far is saved while stopped, the
/// editor is back with its text, typing goes on, and undo after it takes the note edit back.
#[test]
fn ctrl_z_in_the_note_editor_then_fg_goes_on_typing() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    let screen = go_to_rate_first_run(&mut tui);
    let (id, ..) = rate_at(&screen).unwrap();
    tui.send("e");
    tui.wait_for_text("Note · editing");
    tui.send("before the stop");
    tui.wait_for_text("before the stop");
    tui.send_key(Key::CtrlZ);
    tui.wait_stopped("the terminal given back", |t| {
        !t.in_alternate_screen() && !t.raw_mode()
    });
    assert_eq!(
        read_table(&file)["ratings"][&id]["note"].as_str(),
        Some("before the stop")
    );
    tui.signal(libc::SIGCONT);
    tui.send(", after fg");
    // The alternate screen starts blank when taken again: the whole screen is drawn anew,
    // with the editor and what it held.
    let screen = tui.wait_for_text("before the stop, after fg");
    assert!(
        screen.contains("Note · editing")
            && screen.contains("Your level")
            && progress(&screen).is_some(),
        "{screen}"
    );
    assert!(tui.in_alternate_screen() && tui.raw_mode() && tui.bracketed_paste());
    tui.send_key(Key::Esc);
    tui.wait_for("the note kept and saved", |s| {
        !s.contains("Note · editing") && saved_clean(s)
    });
    assert_eq!(
        read_table(&file)["ratings"][&id]["note"].as_str(),
        Some("before the stop, after fg")
    );
    // The whole edit, across the stop, is one step to undo.
    tui.send("z");
    tui.wait_for("the note edit undone, saved", |s| {
        s.contains("Undid: the note on") && saved_clean(s)
    });
    assert!(
        read_table(&file)
            .get("ratings")
            .and_then(|r| r.get(id.as_str()))
            .is_none(),
        "the note is gone again"
    );
    quit_cleanly(&mut tui);
}

/// Writes an executable shell script `name` into the data folder, for `$EDITOR`.
fn editor_script(data: &DataDir, name: &str, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = data.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// rolefit with `$EDITOR` set (and `$VISUAL` empty, so it counts as unset), at 100 columns,
/// where the notice about a failing editor fits whole.
fn with_editor(data: &DataDir, editor: &str) -> Tui {
    Launch::new(data)
        .size(100, 30)
        .env("VISUAL", "")
        .env("EDITOR", editor)
        .spawn()
}

/// `E` on Rate runs `$EDITOR` on the note in a private `.md` file, in the real terminal, and
/// the text it saves becomes the note, on screen and on disk; Ctrl-E does the same from the
/// note editor, handing over what is typed, and comes back to it.
#[test]
fn the_editor_from_editor_rewrites_the_note_and_it_is_saved() {
    let data = DataDir::new();
    let file = data.default_file();
    let seen = data.path().join("seen.txt");
    // The script records what it was given (mode, name, text) and the terminal it ran in.
    let script = editor_script(
        &data,
        "editor.sh",
        &format!(
            "for f in \"$@\"; do :; done\n\
             {{ stat -c %a \"$f\"; printf '%s\\n' \"$f\"; cat \"$f\"; stty -a | grep -o -- '-\\?icanon' ; }} >> '{}'\n\
             printf 'from the editor' > \"$f\"",
            seen.display()
        ),
    );
    let mut tui = with_editor(&data, &format!("{} --an-argument", script.display()));
    let screen = go_to_rate_first_run(&mut tui);
    let (id, ..) = rate_at(&screen).unwrap();
    tui.send("E");
    tui.wait_for("the note from the editor, saved", |s| {
        s.contains("from the editor") && rate_at(s).is_some() && saved_clean(s)
    });
    assert!(tui.in_alternate_screen() && tui.raw_mode() && tui.bracketed_paste());
    assert_eq!(
        read_table(&file)["ratings"][&id]["note"].as_str(),
        Some("from the editor")
    );
    let log = std::fs::read_to_string(&seen).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[0], "600", "the note's file is private: {log}");
    assert!(lines[1].ends_with(".md"), "{log}");
    // The (empty) note is an empty file: `cat` prints nothing (N-D37).
    assert_eq!(lines[2], "icanon", "the editor runs in cooked mode: {log}");
    let note_file = std::path::PathBuf::from(lines[1]);
    assert!(!note_file.exists(), "the temporary note is removed");

    // From the note editor: what is typed goes to the editor, and the editor comes back.
    tui.send("e");
    tui.wait_for_text("Note · editing");
    tui.send(" and typed");
    tui.wait_for_text("from the editor and typed");
    tui.send("\x05");
    tui.wait_for("back in the note editor with the editor's text", |s| {
        s.contains("Note · editing") && s.contains("from the editor") && !s.contains("and typed")
    });
    let log = std::fs::read_to_string(&seen).unwrap();
    assert!(log.contains("from the editor and typed"), "{log}");
    tui.send("!");
    tui.wait_for_text("from the editor!");
    tui.send_key(Key::Esc);
    tui.wait_for("the note editor closed", |s| !s.contains("Note · editing"));
    quit_cleanly(&mut tui);
    assert_eq!(
        read_table(&file)["ratings"][&id]["note"].as_str(),
        Some("from the editor!")
    );
}

/// An editor that fails (`false`), cannot be found, or saves what is not UTF-8 text leaves the
/// note as it was, says so in one line, and gives the screen back whole.
#[test]
fn a_failing_editor_keeps_the_note_and_says_why() {
    for (editor, says) in [
        ("false", "The editor `false` ended with exit status 1"),
        (
            "rolefit-no-such-editor",
            "The editor `rolefit-no-such-editor` could not be started (command not found)",
        ),
        (
            "not-utf8.sh",
            "The edited note could not be read back (it is not UTF-8 text)",
        ),
    ] {
        let data = DataDir::new();
        let file = data.default_file();
        let script = editor_script(&data, "not-utf8.sh", "printf 'caf\\351' > \"$1\"");
        let editor = if editor.ends_with(".sh") {
            script.to_str().unwrap()
        } else {
            editor
        };
        let mut tui = with_editor(&data, editor);
        let screen = go_to_rate_first_run(&mut tui);
        let (id, ..) = rate_at(&screen).unwrap();
        tui.send("e");
        tui.wait_for_text("Note · editing");
        tui.send("keep me");
        tui.wait_for_text("keep me");
        tui.send_key(Key::Esc);
        tui.wait_for("the note saved", |s| {
            !s.contains("Note · editing") && saved_clean(s)
        });
        tui.send("E");
        let screen = tui.wait_for(says, |s| squash(s).contains(&squash(says)));
        assert!(screen.contains("keep me"), "{editor}: {screen}");
        assert!(rate_at(&screen).is_some(), "{editor}: {screen}");
        assert!(tui.in_alternate_screen() && tui.raw_mode(), "{editor}");
        // Keys still work.
        tui.send_key(Key::Tab);
        tui.wait_for("Results after Tab", |s| active_tab(s) == Some("Results"));
        quit_cleanly(&mut tui);
        assert_eq!(
            read_table(&file)["ratings"][&id]["note"].as_str(),
            Some("keep me"),
            "{editor}"
        );
    }
}

/// SIGPIPE is ignored: the app keeps running and still saves.
#[test]
fn sigpipe_is_ignored() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    let id = rate_without_saving(&mut tui, &file);
    tui.signal(libc::SIGPIPE);
    tui.send_key(Key::Tab);
    tui.wait_for("Results, saved", |s| {
        active_tab(s) == Some("Results") && saved_clean(s)
    });
    assert!(tui.try_exit().is_none(), "SIGPIPE ended rolefit");
    assert_eq!(level_in(&read_table(&file), &id).as_deref(), Some("4"));
    quit_cleanly(&mut tui);
}

/// Closing the terminal (the pty master) makes rolefit save and exit, not spin.
#[test]
fn closed_terminal_saves_and_exits() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    let id = rate_without_saving(&mut tui, &file);
    tui.close_master();
    tui.wait_exit(Duration::from_secs(5));
    assert_eq!(
        level_in(&read_table(&file), &id).as_deref(),
        Some("4"),
        "the pending rating was not saved on hang-up"
    );
    load(&file);
}

/// After a hang-up rolefit should end normally, not by a signal.
#[test]
fn closed_terminal_exit_is_clean() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    rate_without_saving(&mut tui, &file);
    tui.close_master();
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(
        status.signal().is_none(),
        "ended by a signal after the hang-up: {status:?}"
    );
}

/// Tiny and huge terminals, and resizes between them: a clear message, never a panic.
#[test]
fn tiny_terminal_never_panics() {
    let data = DataDir::new();
    // An assessment that has its person's name: a first run's name question would have the
    // keyboard, unseen at this size.
    data.write(
        "default",
        b"format = 1\nframework = \"pm-vs-pmo\"\nframework_version = 1\ndisplay_name = \"Sam Taylor\"\n",
    );
    let mut tui = Launch::new(&data).size(20, 5).spawn();
    tui.wait_for("the too-small message", |s| {
        squash(s).contains("Terminaltoosmall") && squash(s).contains("have20×5")
    });
    // Keys still work while too small (Tab: to Grid; Down moves there).
    tui.send("\t");
    tui.send_key(Key::Down);
    tui.resize(40, 12);
    tui.wait_for("the too-small message at 40×12", |s| {
        squash(s).contains("have40×12")
    });
    tui.resize(300, 100);
    let big = tui.wait_for("the full layout at 300×100", |s| {
        row(s, 0).contains("Roles") && row(s, 0).contains("Results")
    });
    assert_eq!(active_tab(&big), Some("Grid"), "{}", tui.describe());
    assert!(
        row(&big, 0).chars().count() > 250,
        "the tab bar does not span the width:\n{}",
        row(&big, 0)
    );
    assert_eq!(big.split('\n').count(), 100);
    assert!(big.contains("Competency grid"));
    tui.resize(80, 24);
    tui.wait_for("the layout back at 80×24", |s| {
        row(s, 0).contains("Results")
            && row(s, 0).chars().count() <= 80
            && s.contains("Competency grid")
            && !squash(s).contains("toosmall")
    });
    tui.send_key(Key::Tab);
    tui.wait_for("Rate", |s| rate_at(s).is_some());
    tui.send("?");
    tui.wait_for_text("Help · Esc or ? to close");
    tui.send("?");
    tui.wait_for("help closed", |s| !s.contains("Help · Esc"));
    tui.send("jjkl");
    tui.send_key(Key::BackTab);
    tui.wait_for("Grid", |s| active_tab(s) == Some("Grid"));
    quit_cleanly(&mut tui);
    assert!(
        !tui.live_screen().contains("panicked"),
        "{}",
        tui.describe()
    );
}

const CORRUPT: &[u8] = b"format = 1\nframework = \"pm-vs-pmo\"\n[ratings.DP1]\nlevel = 7\n";

/// A broken file: the prompt names it and where it is broken; quitting keeps it as it is;
/// starting fresh moves it aside intact.
#[test]
fn corrupt_file_prompt() {
    let data = DataDir::new();
    let file = data.write("default", CORRUPT);

    let mut tui = Tui::start(&data);
    let prompt = tui.wait_for_text("cannot be read");
    let flat = squash(&prompt);
    assert!(
        flat.contains(&squash(&file.display().to_string())),
        "the path is not shown:\n{}",
        tui.describe()
    );
    assert!(
        flat.contains("line4,column9"),
        "line 4 is not shown:\n{}",
        tui.describe()
    );
    assert!(flat.contains("level7"), "the reason is not shown");
    // Other keys do nothing while the prompt is up.
    tui.send("\t4");
    quit_cleanly(&mut tui);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        CORRUPT,
        "the broken file changed"
    );

    let mut tui = Tui::start(&data);
    tui.wait_for_text("cannot be read");
    tui.send("f");
    let s = tui.wait_for("the fresh assessment", |s| {
        !s.contains("cannot be read") && s.contains("was moved to")
    });
    assert_eq!(active_tab(&s), Some("Roles"));
    assert_eq!(progress(&s).map(|p| p.0), Some(0));
    let moved: Vec<String> = data
        .assessment_names()
        .into_iter()
        .filter(|n| n.starts_with("default.corrupt-") && n.ends_with(".toml"))
        .collect();
    assert_eq!(moved.len(), 1, "{:?}", data.assessment_names());
    assert_eq!(
        std::fs::read(data.assessments().join(&moved[0])).unwrap(),
        CORRUPT,
        "the moved file changed"
    );
    // Work goes on in the fresh assessment and is saved.
    tui.send_key(Key::Tab);
    tui.wait_for("Grid, saved", |s| {
        active_tab(s) == Some("Grid") && saved_clean(s)
    });
    quit_cleanly(&mut tui);
    let fresh = load(&file);
    assert!(fresh.ratings.is_empty());
    assert_eq!(
        read_table(&file)["position"]["screen"].as_str(),
        Some("grid")
    );
    assert_eq!(
        std::fs::read(data.assessments().join(&moved[0])).unwrap(),
        CORRUPT
    );
}

/// PRODUCT.md §6: "the user sees the path, line and column and the reason". The prompt shows
/// `PATH:4:9: reason`; this checks for the words the brief asks for.
#[test]
fn corrupt_file_prompt_names_line_and_column() {
    let data = DataDir::new();
    data.write("default", CORRUPT);
    let mut tui = Tui::start(&data);
    let prompt = tui.wait_for_text("cannot be read");
    assert!(
        prompt.contains("line 4") && prompt.contains("column"),
        "{}",
        tui.describe()
    );
    tui.send("q");
    tui.wait_exit(EXIT);
}

/// A file from a newer rolefit opens read-only and is never written.
#[test]
fn newer_format_read_only() {
    let data = DataDir::new();
    let contents = b"format = 2\nframework = \"pm-vs-pmo\"\nshape = \"unknown to this version\"\n\n[ratings.DP1]\nlevel = \"excellent\"\n";
    let file = data.write("default", contents);
    let mut tui = Tui::start(&data);
    let s = tui.wait_for("the read-only footer", |s| {
        status_row(s).contains("Read-only")
    });
    assert!(squash(&s).contains("newer"), "{}", tui.describe());
    tui.send("\t\t");
    tui.wait_for("Rate", |s| rate_at(s).is_some());
    tui.send("3");
    tui.wait_for_text("Read-only here");
    tui.send("e");
    tui.send_key(Key::Tab);
    tui.wait_for("Results", |s| active_tab(s) == Some("Results"));
    assert_eq!(std::fs::read(&file).unwrap(), contents);
    quit_cleanly(&mut tui);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        contents,
        "the newer file changed"
    );
    assert!(temp_files(&data).is_empty());
}

/// utime + stime of a process, in clock ticks, from /proc/PID/stat.
fn cpu_ticks(pid: libc::pid_t) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The command name (field 2) may hold spaces; fields after it are plain.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15, i.e. 11 and 12 after the state (field 3).
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// A 16 KB paste into the note editor: the app takes it all, answers the next key, and is
/// idle afterwards, not spinning on stdin that crossterm has stopped reading. (16 KB, not
/// more: the note editor's cost per typed character grows with the note, so a debug build
/// takes minutes over 64 KB; 2 KB was enough to make the old loop spin.)
#[test]
fn a_large_paste_keeps_the_app_responsive_and_idle() {
    let data = DataDir::new();
    let mut tui = Tui::start(&data);
    go_to_rate_first_run(&mut tui);
    tui.send("e");
    tui.wait_for_text("Note · editing");
    // 256 lines of 64 bytes; in raw mode a line ends with CR, which the editor takes as
    // Enter, a new line.
    let line = format!("{}\r", "pasted evidence ".repeat(4).trim_end());
    let paste = line.repeat(256);
    for chunk in paste.as_bytes().chunks(4096) {
        tui.send_bytes(chunk);
    }
    tui.send("THE-END");
    tui.wait_for_within("the key after the paste", Duration::from_secs(60), |s| {
        s.contains("THE-END")
    });
    // Idle now: a second of waiting costs (almost) no CPU.
    std::thread::sleep(Duration::from_millis(1500));
    let before = cpu_ticks(tui.pid());
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(tui.pid()) - before;
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as u64;
    assert!(
        used * 10 < per_second,
        "rolefit used {used} of {per_second} ticks in an idle second after a paste"
    );
    // And it still answers keys.
    tui.send_key(Key::Esc);
    tui.wait_for("the editor closed", note_shown);
    quit_cleanly(&mut tui);
    let table = read_table(&data.default_file());
    let ratings = table["ratings"].as_table().unwrap();
    let note = ratings.values().find_map(|r| r.get("note")).unwrap();
    let note = note.as_str().unwrap();
    assert!(note.ends_with("THE-END"));
    assert_eq!(note.lines().count(), 257);
    assert_eq!(note.len(), paste.len() + "THE-END".len());
}

/// A bracketed paste of 64 KB (as terminals send a paste once rolefit asks for it) lands in
/// the note editor in one piece, quickly, with its line breaks.
#[test]
fn a_bracketed_paste_of_64_kb_goes_into_the_note_at_once() {
    let data = DataDir::new();
    let mut tui = Tui::start(&data);
    go_to_rate_first_run(&mut tui);
    assert!(
        tui.bracketed_paste(),
        "rolefit did not ask the terminal for bracketed paste"
    );
    tui.send("e");
    tui.wait_for_text("Note · editing");
    let line = format!("{}\r", "pasted evidence ".repeat(4).trim_end());
    let paste = line.repeat(1024);
    assert!(paste.len() >= 64 * 1024);
    tui.send_bytes(b"\x1b[200~");
    for chunk in paste.as_bytes().chunks(4096) {
        tui.send_bytes(chunk);
    }
    tui.send_bytes(b"\x1b[201~");
    tui.send("THE-END");
    tui.wait_for_within("the key after the paste", Duration::from_secs(20), |s| {
        s.contains("THE-END")
    });
    tui.send_key(Key::Esc);
    tui.wait_for("the editor closed", note_shown);
    quit_cleanly(&mut tui);
    assert!(
        !tui.bracketed_paste(),
        "bracketed paste was left on after exit"
    );
    let table = read_table(&data.default_file());
    let ratings = table["ratings"].as_table().unwrap();
    let note = ratings.values().find_map(|r| r.get("note")).unwrap();
    let note = note.as_str().unwrap();
    assert_eq!(note.lines().count(), 1025);
    assert!(note.ends_with("THE-END"));
}

/// A paste on a screen (no text field open) does nothing: its characters are not keys.
#[test]
fn a_paste_outside_a_text_field_changes_nothing() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Tui::start(&data);
    let screen = go_to_rate_first_run(&mut tui);
    let (id, ..) = rate_at(&screen).unwrap();
    // The terminal wraps a paste only when asked to; unwrapped, its characters are keys.
    assert!(tui.bracketed_paste(), "bracketed paste is off");
    // Digits, n, e, x and q would each act as keys on Rate.
    tui.send_bytes(b"\x1b[200~4 n e x q 5\x1b[201~");
    tui.send_key(Key::Tab);
    tui.wait_for("Results, saved", |s| {
        active_tab(s) == Some("Results") && saved_clean(s)
    });
    let table = read_table(&file);
    assert_eq!(
        level_in(&table, &id),
        None,
        "the paste rated {id}: {table:#?}"
    );
    assert!(table.get("ratings").is_none(), "{table:#?}");
    quit_cleanly(&mut tui);
}

/// Under umask 000 the folders rolefit makes are still 0700 and its files 0600: assessment,
/// lock and report.
#[test]
fn folders_and_files_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let data = DataDir::new();
    let mut tui = Launch::new(&data).umask(0o000).spawn();
    go_to_rate_first_run(&mut tui);
    tui.send("4\t");
    tui.wait_for("Results, saved", |s| {
        active_tab(s) == Some("Results") && saved_clean(s)
    });
    tui.send("x");
    tui.wait_for_text("Report written");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let assessments = data.path().join("assessments");
    let reports = data.path().join("reports");
    assert_eq!(mode(&assessments), 0o700, "assessments folder");
    assert_eq!(mode(&reports), 0o700, "reports folder");
    assert_eq!(mode(&assessments.join("default.toml")), 0o600, "assessment");
    assert_eq!(mode(&assessments.join("default.lock")), 0o600, "lock");
    let report = std::fs::read_dir(&reports)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(mode(&report.path()), 0o600, "report");
    quit_cleanly(&mut tui);
}

// ---- contrast on a real screen ----

/// Letters and digits on screen and how many reach the text aim, with the lowest ratio.
#[derive(Debug, Default)]
struct Contrast {
    letters: usize,
    reaching: usize,
    lowest: f64,
    below: Vec<String>,
}

impl Contrast {
    fn percent(&self) -> f64 {
        100.0 * self.reaching as f64 / self.letters.max(1) as f64
    }
}

/// Measures every letter and digit of the screen as xterm's default palette draws it on this
/// background.
fn measure(tui: &Tui, background: Background, into: &mut Contrast) {
    let to_color = |c: vt100::Color| match c {
        vt100::Color::Default => ratatui::style::Color::Reset,
        vt100::Color::Idx(i) => ratatui::style::Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => ratatui::style::Color::Rgb(r, g, b),
    };
    tui.with_screen(|screen| {
        let (rows, cols) = screen.size();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                let text = cell.contents();
                if !text.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let (fg, bg) = XTERM.cell(
                    background,
                    to_color(cell.fgcolor()),
                    to_color(cell.bgcolor()),
                    cell.bold(),
                    cell.inverse(),
                );
                let ratio = contrast::ratio(fg, bg);
                if into.letters == 0 || ratio < into.lowest {
                    into.lowest = ratio;
                }
                into.letters += 1;
                if ratio >= contrast::TEXT_AIM {
                    into.reaching += 1;
                } else if into.below.len() < 40 {
                    into.below
                        .push(format!("({row},{col}) {text:?} {ratio:.2}"));
                }
            }
        }
    });
}

/// Every screen at 100×30 with every competency rated, in a terminal that answers the colour
/// question like an xterm with this background: 95% of letters and digits reach 4.5:1 and
/// none is below 3:1, measured with xterm's default palette.
fn every_screen_reads(answer: &str, background: Background) {
    let data = DataDir::new();
    let mut tui = Launch::new(&data)
        .size(100, 30)
        .answer_background(answer)
        .spawn();
    let mut contrast = Contrast::default();
    measure(&tui, background, &mut contrast);
    let s = go_to_rate_first_run(&mut tui);
    let (_, _, total) = rate_at(&s).expect("on Rate");
    for i in 0..total {
        let key = char::from(b'1' + (i % 5) as u8);
        tui.send(&key.to_string());
    }
    let all = format!("{total}/{total} answered");
    tui.wait_for(&all, |s| row(s, 0).contains(&all) && saved_clean(s));
    measure(&tui, background, &mut contrast);
    let steps: [(&str, &str); 8] = [
        ("\t", "Results"),
        ("JJJJJJJJ", "Centre of E"),
        ("\t", "New actions go to"),
        ("\t", "Roles"),
        ("\t", "Grid"),
        ("\r", "▾"),
        ("?", "Everywhere"),
        ("?\t", "Rate"),
    ];
    for (keys, shows) in steps {
        let before = tui.screen();
        tui.send(keys);
        tui.wait_for(&format!("{shows:?} after {keys:?}"), |s| {
            s != before && s.contains(shows)
        });
        measure(&tui, background, &mut contrast);
    }
    eprintln!(
        "{background:?} (answering {answer}), xterm palette: {} letters and digits, {:.1}% reach \
         4.5:1, lowest {:.2}:1; below 4.5:1: {:?}",
        contrast.letters,
        contrast.percent(),
        contrast.lowest,
        contrast.below
    );
    assert!(
        contrast.percent() >= 95.0 && contrast.lowest >= contrast::GLYPH_AIM,
        "{background:?}: {:.1}% reach 4.5:1, lowest {:.2}:1; below the aim: {:?}",
        contrast.percent(),
        contrast.lowest,
        contrast.below
    );
    quit_cleanly(&mut tui);
}

#[test]
fn every_screen_reads_on_a_dark_xterm() {
    every_screen_reads("rgb:0000/0000/0000", Background::Dark);
}

#[test]
fn every_screen_reads_on_a_light_xterm() {
    every_screen_reads("rgb:ffff/ffff/ffff", Background::Light);
}

// ---- the mouse ----

fn mouse_mode(tui: &Tui) -> vt100::MouseProtocolMode {
    tui.with_screen(|s| s.mouse_protocol_mode())
}

/// What rolefit wrote so far, as text.
fn written(tui: &Tui) -> String {
    String::from_utf8_lossy(&tui.raw_output()).into_owned()
}

/// rolefit asks for clicks and the wheel (SGR reports, not every move) at start; a click on a
/// tab, sent as the terminal sends it, changes the screen; Ctrl-Z gives the mouse back and
/// `fg` takes it again; quitting gives it back.
#[test]
fn the_mouse_is_captured_while_running_and_given_back_on_suspend_and_exit() {
    let data = DataDir::new();
    let config = data.path().to_str().unwrap().to_string();
    let mut tui = Launch::new(&data)
        .env("XDG_CONFIG_HOME", &config)
        .size(100, 30)
        .spawn();
    let screen = tui.wait_for_text("Welcome to rolefit");
    let out = written(&tui);
    assert!(
        out.contains("\x1b[?1000h") && out.contains("\x1b[?1006h"),
        "clicks and SGR reports were not asked for"
    );
    assert_eq!(mouse_mode(&tui), vt100::MouseProtocolMode::PressRelease);
    assert_eq!(
        tui.with_screen(|s| s.mouse_protocol_encoding()),
        vt100::MouseProtocolEncoding::Sgr
    );
    // A left click (press and release) on the Grid tab; SGR cells count from 1.
    let bar = row(&screen, 0);
    let x = bar[..bar.find(" Grid ").unwrap()].chars().count() + 2;
    tui.send_bytes(format!("\x1b[<0;{};1M\x1b[<0;{};1m", x + 1, x + 1).as_bytes());
    tui.wait_for("Grid after a click on its tab", |s| {
        active_tab(s) == Some("Grid")
    });

    tui.send_key(Key::CtrlZ);
    tui.wait_stopped("the mouse given back", |t| {
        mouse_mode(t) == vt100::MouseProtocolMode::None && !t.in_alternate_screen()
    });
    tui.signal(libc::SIGCONT);
    let deadline = Instant::now() + EXIT;
    while mouse_mode(&tui) != vt100::MouseProtocolMode::PressRelease {
        assert!(
            Instant::now() < deadline,
            "the mouse was not taken again after fg\n{}",
            tui.describe()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Clicks work again: the Rate tab.
    let x = bar[..bar.find(" Rate ").unwrap()].chars().count() + 2;
    tui.send_bytes(format!("\x1b[<0;{};1M\x1b[<0;{};1m", x + 1, x + 1).as_bytes());
    tui.wait_for("Rate after a click on its tab", |s| {
        active_tab(s) == Some("Rate")
    });

    quit_cleanly(&mut tui);
    assert_eq!(
        mouse_mode(&tui),
        vt100::MouseProtocolMode::None,
        "mouse reports were left on after exit"
    );
    assert!(written(&tui).contains("\x1b[?1000l"));
}

/// With `--no-mouse` rolefit never asks for the mouse, so the terminal keeps selecting text.
#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let data = DataDir::new();
    let config = data.path().to_str().unwrap().to_string();
    let mut tui = Launch::new(&data)
        .env("XDG_CONFIG_HOME", &config)
        .arg("--no-mouse")
        .spawn();
    tui.wait_for_text("Welcome to rolefit");
    assert_eq!(mouse_mode(&tui), vt100::MouseProtocolMode::None);
    quit_cleanly(&mut tui);
    let out = written(&tui);
    assert!(!out.contains("\x1b[?1000h"), "the mouse was asked for");
    assert!(!out.contains("\x1b[?1003h"), "the mouse was asked for");
}
