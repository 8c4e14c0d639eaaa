//! Headless key-sequence flows through the real loop, with a temp data directory.
//!
//! One file because its 29 flows share one headless harness and one set of key helpers; each
//! flow is its own test.

mod headless;

use rolefit::domain::scoring::Outcome;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use headless::{Run, keys, run, run_asked, run_edited, run_events, saved};
use ratatui::crossterm::event::Event;
use rolefit::domain::Screen;
use rolefit::runtime::{EventSource, NoteEditor, Polled, ScriptedEvents, Suspend};

#[test]
fn first_run_welcomes_and_tab_walks_the_screens_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "", (80, 24));
    assert!(r.screen.contains("Welcome to rolefit"), "{}", r.screen);
    assert!(r.screen.contains("[Roles]"));
    for (script, tab) in [
        ("<tab>", "[Grid]"),
        ("<tab><tab>", "[Rate]"),
        ("<tab><tab><tab>", "[Results]"),
        ("<tab><tab><tab><tab>", "[Plan]"),
        ("<tab><tab><tab><tab><tab>", "[Roles]"),
        ("<s-tab>", "[Plan]"),
        ("<s-tab><s-tab>", "[Results]"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let r = run(dir.path(), script, (80, 24));
        assert!(r.screen.contains(tab), "{script}: {}", r.screen);
    }
}

/// A first run asks one thing, the person's name, in the welcome's one-line field that has the
/// keyboard from the first frame; Enter keeps it (spaces, accents, any script), every key then
/// works as usual, the file holds it, and the next start does not ask again. At 60×18 too.
#[test]
fn a_first_run_asks_the_name_once_and_the_file_keeps_it() {
    for size in [(80, 24), (60, 18)] {
        let dir = tempfile::tempdir().unwrap();
        let r = run_asked(dir.path(), "", size);
        assert!(r.screen.contains("[Roles]"), "{}", r.screen);
        assert!(
            r.screen.contains("Your name, as team views"),
            "{}",
            r.screen
        );
        assert!(r.screen.contains("Enter keep"), "{}", r.screen);
        // q and ? are typed: the field has the keyboard.
        let r = run_asked(
            dir.path(),
            "Zoë q? 中村<bs><bs><bs><bs><bs>Nakamura 中村<enter><tab>",
            size,
        );
        assert!(r.screen.contains("[Grid]"), "{}", r.screen);
        let file = saved(dir.path());
        assert_eq!(
            file["display_name"].as_str(),
            Some("Zoë Nakamura 中村"),
            "{file:?}"
        );
        let again = run_asked(dir.path(), "", size);
        assert!(!again.screen.contains("Your name"), "{}", again.screen);
        assert!(again.screen.contains("[Grid]"), "{}", again.screen);
    }
    // Esc skips: asked once, shown by the file's name.
    let dir = tempfile::tempdir().unwrap();
    let r = run_asked(dir.path(), "<esc>", (80, 24));
    assert!(r.screen.contains("No name given"), "{}", r.screen);
    assert_eq!(saved(dir.path())["display_name"].as_str(), Some(""));
    let again = run_asked(dir.path(), "", (80, 24));
    assert!(!again.screen.contains("Your name"), "{}", again.screen);
}

#[test]
fn every_grid_cell_is_reachable_and_every_competency_has_detail() {
    let dir = tempfile::tempdir().unwrap();
    // Open every area from the bottom up, so rows below don't move.
    let r = run(dir.path(), "<tab>G<enter>", (80, 24));
    let fw = &r.app.framework();
    let last_area = &fw.areas[fw.areas.len() - 1];
    assert!(r.app.grid().is_expanded(fw.areas.len() - 1));
    assert!(r.screen.contains(&last_area.name));
    // Expand all areas: from the top, open an area, jump past its competencies.
    let mut script = String::from("<tab>");
    for area in &fw.areas {
        script.push_str("<enter>");
        for _ in 0..area.competencies.len() + 1 {
            script.push_str("<down>");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &script, (80, 24));
    let total_rows = fw.areas.len() + fw.competencies.len();
    assert_eq!(r.app.grid().rows().len(), total_rows);
    // Walk every row and every column; each competency shows its id and practice headings.
    for row in 0..total_rows {
        for column in 0..5 {
            let mut walk = script.clone();
            walk.push('g');
            walk.push_str(&"<down>".repeat(row));
            walk.push_str(&"<right>".repeat(column));
            let dir = tempfile::tempdir().unwrap();
            // Expansion is not saved, so replay it each time.
            let r = run(dir.path(), &walk, (120, 40));
            assert_eq!(r.app.grid().selected, row);
            assert_eq!(r.app.grid().column, column);
            if let Some(c) = r.app.grid_competency() {
                let comp = &r.app.framework().competencies[c];
                assert!(
                    r.screen.contains(&format!("{} {}", comp.id, comp.name)),
                    "{}",
                    r.screen
                );
                assert!(r.screen.contains("In PM practice"), "{}", r.screen);
                assert!(r.screen.contains("In PMO practice"), "{}", r.screen);
            }
            if row % 7 != 0 {
                // Keep the walk quick: every column is checked on a sample of rows.
                break;
            }
        }
    }
}

#[test]
fn rating_from_the_grid_records_and_moves_on_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    // Grid, open Delivery Planning, go to DP1, Enter opens it in Rate, rate 4 then 3.
    let r = run(dir.path(), "<tab><enter><down><enter>43", (80, 24));
    assert!(r.screen.contains("2/33 answered"), "{}", r.screen);
    assert!(r.screen.contains("DP3"), "{}", r.screen);
    let file = saved(dir.path());
    assert_eq!(file["ratings"]["DP1"]["level"].as_integer(), Some(4));
    assert_eq!(file["ratings"]["DP2"]["level"].as_integer(), Some(3));
    assert_eq!(file["position"]["screen"].as_str(), Some("rate"));
    assert_eq!(file["position"]["competency"].as_str(), Some("DP3"));
}

#[test]
fn notes_are_kept_when_leaving_the_editor_and_na_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        "<tab><tab>eLed the rollout<enter>and the retro<esc>n",
        (80, 24),
    );
    let file = saved(dir.path());
    assert_eq!(
        file["ratings"]["DP1"]["note"].as_str(),
        Some("Led the rollout\nand the retro")
    );
    assert_eq!(file["ratings"]["DP1"]["level"].as_str(), Some("na"));
    assert!(r.screen.contains("1/33 answered"));
}

#[test]
fn resume_opens_where_the_user_left_off() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), "<tab><tab>4<right><right>5q", (80, 24));
    let r = run(dir.path(), "", (80, 24));
    assert!(r.screen.contains("[Rate]"), "{}", r.screen);
    assert!(r.screen.contains("Resumed — 2/33 answered"), "{}", r.screen);
    // 4 on DP1 moved on to DP2; two rights to DP4; 5 on DP4 moved on to DP5.
    assert!(r.screen.contains("DP5 "), "{}", r.screen);
}

#[test]
fn next_unrated_skips_rated_competencies() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "<tab><tab>444<home>u", (80, 24));
    // DP1–DP3 are rated; from the first, `u` goes to the first one not rated: DP4.
    let fw = rolefit::storage::framework::builtin();
    assert_eq!(fw.competencies[r.app.rate().current].id.as_str(), "DP4");
    assert!(r.screen.contains("DP4 "), "{}", r.screen);
}

#[test]
fn help_lists_the_keys_of_the_current_screen_and_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "<tab><tab>?", (80, 24));
    assert!(r.screen.contains("Help"), "{}", r.screen);
    assert!(
        r.screen.contains("record that level and move on"),
        "{}",
        r.screen
    );
    assert!(r.screen.contains("next / previous screen"), "{}", r.screen);
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "<tab><tab>?<esc>", (80, 24));
    assert!(!r.screen.contains("Help ·"), "{}", r.screen);
}

#[test]
fn a_tiny_terminal_shows_a_message_and_keys_still_work() {
    for size in [(20, 5), (40, 12), (59, 24), (80, 17)] {
        let dir = tempfile::tempdir().unwrap();
        let r = run(dir.path(), "<tab><down>", size);
        assert!(r.screen.contains("small"), "{size:?}: {}", r.screen);
    }
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "<tab><tab>3", (300, 100));
    assert!(r.screen.contains("1/33 answered"));
}

/// Keys that rate every competency of the built-in framework with one level per area.
fn rate_by_area(levels: [char; 7]) -> String {
    let fw = rolefit::storage::framework::builtin();
    let mut keys = String::from("<tab><tab>");
    for c in &fw.competencies {
        keys.push(levels[c.area]);
    }
    keys
}

#[test]
fn a_pm_leaning_assessment_shows_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let keys = rate_by_area(['4', '4', '3', '3', '3', '1', '1']) + "<tab>";
    let r = run(dir.path(), &keys, (80, 24));
    assert!(r.screen.contains("33/33 answered"), "{}", r.screen);
    assert!(r.screen.contains("Leans Project Manager"), "{}", r.screen);
    // The spectrum marker sits left of the no-lean band.
    let spectrum = r.screen.lines().find(|l| l.contains("PM ◀")).unwrap();
    // The track, without the band's legend after it.
    let spectrum = &spectrum[..spectrum.find('▶').unwrap()];
    assert!(
        spectrum.find('●').unwrap() < spectrum.find('═').unwrap(),
        "{spectrum}"
    );
}

#[test]
fn a_pmo_shaped_assessment_leans_pmo_with_personal_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let keys = rate_by_area(['2', '2', '4', '4', '4', '4', '4']) + "<tab>";
    // At 120×40 the whole verdict panel shows, spectrum included.
    let r = run(dir.path(), &keys, (120, 40));
    assert!(r.screen.contains("Leans PMO Manager"), "{}", r.screen);
    // Reasons say which way they pull, and the first is a strength that follows the role.
    let first = r
        .screen
        .lines()
        .find(|l| l.contains("Most telling: "))
        .expect("reasons shown");
    assert!(first.contains("above your average"), "{first}");
    assert!(r.screen.contains("→ towards PMO Manager"), "{}", r.screen);
    let spectrum = r.screen.lines().find(|l| l.contains("PM ◀")).unwrap();
    // The track, without the band's legend after it.
    let spectrum = &spectrum[..spectrum.find('▶').unwrap()];
    assert!(
        spectrum.rfind('═').unwrap() < spectrum.find('●').unwrap(),
        "{spectrum}"
    );
}

#[test]
fn flat_assessments_never_get_a_role_verdict() {
    for (level, outcome) in [
        ('1', "No clear lean yet"),
        ('3', "Straddles both"),
        ('5', "Straddles both"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let keys = rate_by_area([level; 7]) + "<tab>";
        let r = run(dir.path(), &keys, (100, 30));
        let lean = &r.app.results().summary.figures.lean;
        assert!(
            !matches!(lean.outcome, Outcome::Leans { .. }),
            "{level}: {}",
            r.screen
        );
        assert_eq!(
            lean.position,
            Some(0.5),
            "{level}: flat is exactly the middle"
        );
        assert!(r.screen.contains(outcome), "{level}: {}", r.screen);
        // No reasons, and the Results say why (lower in the verdict panel).
        assert!(lean.reasons.is_empty(), "{level}");
        let said =
            rolefit::domain::verdict::explain(r.app.framework(), &r.app.results().summary.figures);
        assert!(
            said.no_reasons
                .is_some_and(|n| n.contains("your ratings are flat"))
        );
    }
}

#[test]
fn a_plan_is_saved_in_the_file_and_shown_on_the_grid_after_relaunch() {
    let dir = tempfile::tempdir().unwrap();
    // Rate GV3 (Governance design) low, then plan it from the gap table.
    let mut keys = rate_by_area(['4', '4', '3', '1', '3', '1', '1']);
    keys.push_str("<tab><enter>5<tab>Shadow the PMO lead<enter>on two gate reviews<esc>");
    let r = run(dir.path(), &keys, (80, 24));
    let selected = r.app.results().summary.rows[0].competency;
    let id = r.app.framework().competencies[selected].id.to_string();
    let file = saved(dir.path());
    assert_eq!(file["plan"][&id]["target"].as_integer(), Some(5));
    assert_eq!(
        file["plan"][&id]["actions"][0]["text"].as_str(),
        Some("Shadow the PMO lead\non two gate reviews")
    );
    // After relaunch the plan shows in the grid: the You column and the detail pane.
    let area = r.app.framework().competencies[selected].area;
    let mut grid = String::from("<tab><tab><tab>");
    grid.push_str(&"<down>".repeat(area));
    grid.push_str("<enter>");
    let offset = selected - r.app.framework().areas[area].competencies.start;
    grid.push_str(&"<down>".repeat(offset + 1));
    let r = run(dir.path(), &grid, (120, 40));
    assert!(r.screen.contains("1→5"), "{}", r.screen);
    assert!(
        r.screen
            .contains("Your plan: target 5 Expert · Shadow the PMO lead"),
        "{}",
        r.screen
    );
}

#[test]
fn what_if_changes_fits_and_only_keeping_changes_ratings() {
    let dir = tempfile::tempdir().unwrap();
    let keys = rate_by_area(['4', '4', '3', '3', '3', '1', '1']) + "<tab>";
    let before = run(dir.path(), &keys, (80, 24));
    let fits = |r: &headless::Run| r.app.results().summary.figures.readiness.clone();
    let real = fits(&before);
    // Raise the largest gap (against the profile the verdict points to) to 5 in a what-if:
    // that profile's readiness rises, then discard.
    let r = run(dir.path(), "w5", (80, 24));
    assert!(r.screen.contains("WHAT-IF"), "{}", r.screen);
    let target = r.app.target_profile();
    assert!(fits(&r)[target].percent > real[target].percent);
    let untouched = std::fs::read_to_string(dir.path().join("assessments/default.toml")).unwrap();
    // Esc asks before the changed level goes; y discards.
    let r = run(dir.path(), "w5<esc>", (80, 24));
    assert!(r.screen.contains("Discard the what-if?"), "{}", r.screen);
    let r = run(dir.path(), "w5<esc>y", (80, 24));
    assert_eq!(fits(&r), real);
    let after = std::fs::read_to_string(dir.path().join("assessments/default.toml")).unwrap();
    assert_eq!(
        toml::from_str::<toml::Table>(&untouched).unwrap()["ratings"],
        toml::from_str::<toml::Table>(&after).unwrap()["ratings"]
    );
    // Keep it: the rating is now 5 in the file.
    let r = run(dir.path(), "w5a", (80, 24));
    assert!(r.screen.contains("as a rating."), "{}", r.screen);
    assert!(r.screen.contains("→5 as a rating."), "{}", r.screen);
    let file = saved(dir.path());
    let fives = file["ratings"]
        .as_table()
        .unwrap()
        .values()
        .filter(|e| e["level"].as_integer() == Some(5))
        .count();
    assert_eq!(fives, 1);
}

/// `q` during a what-if with changes asks, as Esc does, before the levels go (N-D16); `n`
/// stays in the what-if, `y` quits without them. A round keeps answers: `c` with none says so,
/// and during a what-if says a round keeps ratings, not what-if levels (N-D17).
#[test]
fn q_during_a_what_if_asks_and_a_round_keeps_only_answers() {
    let empty = tempfile::tempdir().unwrap();
    let r = run(empty.path(), "<s-tab><s-tab>c", (80, 24));
    assert!(
        r.screen.contains("Nothing to keep in a round yet"),
        "{}",
        r.screen
    );
    assert!(r.app.round_label().is_none() && r.app.assessment().history.is_empty());
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        &(rate_by_area(['4', '4', '3', '3', '3', '1', '1']) + "<tab>"),
        (80, 24),
    );
    let r = run(dir.path(), "w5q", (80, 24));
    assert!(
        r.screen.contains("Quit and discard the what-if?"),
        "{}",
        r.screen
    );
    assert!(r.screen.contains("stay and press a"), "{}", r.screen);
    let r = run(dir.path(), "w5qn", (80, 24));
    assert!(r.app.prompt().is_none() && r.app.what_if(), "{}", r.screen);
    let r = run(dir.path(), "w5qy", (80, 24));
    assert!(r.app.prompt().is_none() && !r.app.what_if(), "{}", r.screen);
    assert_eq!(
        saved(dir.path())["ratings"]
            .as_table()
            .unwrap()
            .values()
            .filter(|e| e["level"].as_integer() == Some(5))
            .count(),
        0,
        "nothing of the what-if was kept"
    );
    // Without a change, q quits at once.
    let r = run(dir.path(), "wq", (80, 24));
    assert!(r.app.prompt().is_none(), "{}", r.screen);
    let r = run(dir.path(), "w5c", (80, 24));
    assert!(
        r.screen
            .contains("A round keeps your ratings, not what-if levels"),
        "{}",
        r.screen
    );
    assert!(r.app.round_label().is_none());
}

/// Counts suspends, and what the file held at each: the loop must save before stopping.
struct Spy {
    data: std::path::PathBuf,
    /// Set by a "signal" (see [`SignalAt`]); taken by `requested`, as SIGTSTP's flag is.
    signalled: Arc<AtomicBool>,
    /// The saved file's TOML at each suspend.
    files: Vec<toml::Table>,
}

impl Suspend for Spy {
    fn requested(&mut self) -> bool {
        self.signalled.swap(false, Ordering::SeqCst)
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        self.files.push(saved(&self.data));
        Ok(())
    }
}

/// Scripted keys in which a focus-lost event stands for SIGTSTP: it raises the flag and
/// wakes the loop with nothing to read, as the signal's wake-up does.
struct SignalAt {
    events: ScriptedEvents,
    signalled: Arc<AtomicBool>,
}

impl EventSource for SignalAt {
    fn poll(&mut self, timeout: Duration) -> std::io::Result<Polled> {
        match self.events.poll(timeout)? {
            Polled::Event(Event::FocusLost) => {
                self.signalled.store(true, Ordering::SeqCst);
                Ok(Polled::Idle)
            }
            other => Ok(other),
        }
    }
}

fn suspending(dir: &std::path::Path, script: &str, signal_after: Option<usize>) -> (Run, Spy) {
    let mut events = keys(script);
    if let Some(at) = signal_after {
        events.insert(at, Event::FocusLost);
    }
    let signalled = Arc::new(AtomicBool::new(false));
    let mut spy = Spy {
        data: dir.to_path_buf(),
        signalled: Arc::clone(&signalled),
        files: Vec::new(),
    };
    let events = SignalAt {
        events: ScriptedEvents::new(events),
        signalled,
    };
    let r = run_events(
        dir,
        rolefit::storage::framework::builtin(),
        events,
        (80, 24),
        &mut spy,
    );
    (r, spy)
}

fn rating(file: &toml::Table, id: &str) -> Option<i64> {
    file.get("ratings")?.get(id)?.get("level")?.as_integer()
}

#[test]
fn ctrl_z_saves_then_suspends_and_the_loop_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // Rate DP1 a 4 (not saved yet: debounced), Ctrl-Z, then keys after the suspend still work.
    let (r, spy) = suspending(dir.path(), "<tab><tab>4<c-z><tab>", None);
    assert_eq!(spy.files.len(), 1, "one suspend");
    assert_eq!(
        rating(&spy.files[0], "DP1"),
        Some(4),
        "the pending rating is saved before stopping"
    );
    assert_eq!(r.app.screen(), Screen::Results, "Tab after the suspend");
    assert!(r.screen.contains("[Results]"), "{}", r.screen);
}

#[test]
fn sigtstp_suspends_like_ctrl_z_keeping_a_note_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    // Typing a note; the signal comes after "typed" (the 8th key); then more is typed.
    let script = "<tab><tab>etyped, more<esc>";
    let (r, spy) = suspending(dir.path(), script, Some(8));
    assert_eq!(spy.files.len(), 1, "one suspend");
    assert_eq!(
        spy.files[0]["ratings"]["DP1"]["note"].as_str(),
        Some("typed"),
        "the note being typed is saved before stopping"
    );
    assert_eq!(r.app.assessment().note(&"DP1".into()), "typed, more");
    assert!(r.screen.contains("typed, more"), "{}", r.screen);
}

#[test]
fn without_a_signal_nothing_suspends() {
    let dir = tempfile::tempdir().unwrap();
    let (_, spy) = suspending(dir.path(), "<tab><tab>4<tab>", None);
    assert!(spy.files.is_empty());
}

#[test]
fn enter_enter_enter_from_the_grid_records_nothing() {
    // Enter twice on an area opens and closes it; nothing is recorded either way.
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "<tab><enter><enter><enter>", (80, 24));
    assert_eq!(r.app.progress().0, 0, "{}", r.screen);
    // Open the area, open its first competency in Rate, press Enter there.
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), "<tab><enter><down><enter><enter>", (80, 24));
    assert_eq!(r.app.screen(), Screen::Rate, "{}", r.screen);
    assert_eq!(r.app.progress().0, 0, "{}", r.screen);
    assert!(
        !r.screen.contains('▶'),
        "no level is highlighted: {}",
        r.screen
    );
    assert!(r.screen.contains("Nothing recorded"), "{}", r.screen);
}

#[test]
fn n_a_is_answered_not_rated_in_the_tab_bar_and_the_gap_filter() {
    let dir = tempfile::tempdir().unwrap();
    // N/A for DP1, then Results with the filter of rows without a band.
    let r = run(dir.path(), "<tab><tab>n<tab>ffff", (120, 40));
    assert!(r.screen.contains("1/33 answered"), "{}", r.screen);
    assert!(r.screen.contains("unanswered or N/A"), "{}", r.screen);
    let dp1 = r.screen.lines().find(|l| l.contains("DP1 ")).unwrap();
    assert!(dp1.contains("N/A") && !dp1.contains("unrated"), "{dp1}");
}

#[test]
fn the_flavour_pane_names_the_role_the_flavours_derive_from() {
    // The minimal framework with its flavour moved to the first role.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/frameworks/minimal.toml"),
    )
    .unwrap()
    .replace(
        "role = \"architect\"\nbase = \"architect\"",
        "role = \"analyst\"\nbase = \"analyst\"",
    );
    let fw = rolefit::storage::framework::from_toml(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw, "f", (120, 40));
    assert!(
        r.screen.contains("Business Analyst · flavours"),
        "{}",
        r.screen
    );
    assert!(r.screen.contains("Lead Architect"), "{}", r.screen);
    assert!(
        r.screen.contains("Business Analyst's"),
        "the intro names the base's role: {}",
        r.screen
    );
    assert!(!r.screen.contains("Solution Architect's"), "{}", r.screen);
    assert_eq!(r.app.roles().focus, 0);
}

/// At 80×24 the verdict panel cannot hold the readiness of every profile: it says more is
/// below, and J scrolls it into view, so no profile is hidden without a sign.
#[test]
fn the_verdict_panel_scrolls_to_every_profile_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let script = format!("<tab><tab>{}<tab>", "4".repeat(33));
    let r = headless::run(dir.path(), &script, (80, 24));
    assert!(r.screen.contains("↓ more (J/K)"), "{}", r.screen);
    // Every profile's readiness is in view at once, the last one's name cut with "…".
    assert!(r.screen.contains("Centre of E"), "{}", r.screen);
    assert!(!r.screen.contains("Most telling"), "{}", r.screen);
    // What follows scrolls into view.
    let r = headless::run(dir.path(), "JJJJJJJJJJ", (80, 24));
    assert!(r.screen.contains("↑ more (J/K)"), "{}", r.screen);
    assert!(r.screen.contains("Most telling"), "{}", r.screen);
}

/// The column and row where `text` starts in a frame's text.
fn cell_of(screen: &str, text: &str) -> (u16, u16) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            let byte = line.find(text)?;
            Some((line[..byte].chars().count() as u16, y as u16))
        })
        .unwrap_or_else(|| panic!("{text:?} is not on screen:\n{screen}"))
}

fn clicks(at: &[(u16, u16)]) -> ScriptedEvents {
    ScriptedEvents::new(
        at.iter()
            .map(|&(x, y)| Event::Mouse(rolefit::ui::hit::click_at(x, y))),
    )
}

fn run_clicks(dir: &std::path::Path, at: &[(u16, u16)]) -> Run {
    let mut suspend = rolefit::runtime::NoSuspend;
    run_events(
        dir,
        rolefit::storage::framework::builtin(),
        clicks(at),
        (100, 30),
        &mut suspend,
    )
}

#[test]
fn clicks_go_to_rate_and_two_on_one_level_save_it_where_one_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let start = run_clicks(dir.path(), &[]);
    // The Rate tab, clicked: Rate shows.
    let tab = cell_of(&start.screen, " Rate ");
    let r = run_clicks(dir.path(), &[(tab.0 + 1, tab.1)]);
    assert!(r.screen.contains("[Rate]"), "{}", r.screen);
    assert_eq!(r.app.screen(), Screen::Rate);
    // One click on a level (the file reopens on Rate, laid out the same): highlighted only.
    let level = cell_of(&r.screen, "3 Independent");
    let r = run_clicks(dir.path(), &[level]);
    assert!(r.screen.contains("▶  3 Independent"), "{}", r.screen);
    assert_eq!(rating(&saved(dir.path()), "DP1"), None);
    assert_eq!(r.app.progress().0, 0);
    // Two clicks on it: recorded, saved, and on to the next competency.
    let r = run_clicks(dir.path(), &[level, level]);
    assert_eq!(rating(&saved(dir.path()), "DP1"), Some(3));
    assert_eq!(r.app.rate().current, 1);
    assert!(r.screen.contains("1/33 answered"), "{}", r.screen);
}

#[test]
fn an_undone_rating_stays_undone_after_quitting_and_the_history_starts_afresh() {
    let dir = tempfile::tempdir().unwrap();
    // 4 on DP1, 3 on DP2 (Rate moves on to DP3), undo the 3: Rate shows DP2 again.
    let r = run(dir.path(), "<tab><tab>43z", (100, 30));
    assert!(r.screen.contains("Undid: DP2"), "{}", r.screen);
    assert!(r.screen.contains("not rated"), "{}", r.screen);
    assert!(r.screen.contains("1/33 answered"), "{}", r.screen);
    let r = run(dir.path(), "q", (100, 30));
    assert!(r.app.history().undoable() == 0);
    let file = saved(dir.path());
    assert_eq!(file["ratings"]["DP1"]["level"].as_integer(), Some(4));
    assert!(file["ratings"].get("DP2").is_none(), "{file:#?}");
    assert_eq!(file["position"]["competency"].as_str(), Some("DP2"));
    // A new run has nothing to undo or redo: the history is not saved.
    let r = run(dir.path(), "Z", (100, 30));
    assert!(r.screen.contains("Nothing to redo."), "{}", r.screen);
    let r = run(dir.path(), "z", (100, 30));
    assert!(r.screen.contains("Nothing to undo."), "{}", r.screen);
    assert_eq!(
        saved(dir.path())["ratings"]["DP1"]["level"].as_integer(),
        Some(4)
    );
}

/// Stands in for the user's editor: records the text it is given, gives back `reply`, or
/// for `Err(command)`, finds no such command.
struct FakeEditor {
    given: Vec<String>,
    reply: Result<String, &'static str>,
}

impl NoteEditor for FakeEditor {
    fn edit(
        &mut self,
        _id: &rolefit::domain::CompetencyId,
        text: &str,
    ) -> std::io::Result<Result<String, rolefit::app::EditorError>> {
        self.given.push(text.to_string());
        Ok(self
            .reply
            .clone()
            .map_err(|editor| rolefit::app::EditorError::NotStarted {
                editor: editor.into(),
                why: rolefit::app::NotStarted::NotFound,
            }))
    }
}

#[test]
fn the_users_editor_replaces_the_note_from_rate_and_from_the_note_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut editor = FakeEditor {
        given: Vec::new(),
        reply: Ok("Ran the lessons-learned workshop\n".into()),
    };
    let r = run_edited(dir.path(), "<tab><tab>E", (100, 30), &mut editor);
    assert_eq!(editor.given, vec![String::new()]);
    assert!(
        r.screen.contains("Ran the lessons-learned workshop"),
        "{}",
        r.screen
    );
    assert_eq!(
        saved(dir.path())["ratings"]["DP1"]["note"].as_str(),
        Some("Ran the lessons-learned workshop")
    );
    // In the note editor, Ctrl-E hands over what is typed and comes back to the editor.
    editor.reply = Ok("Rewritten in the editor".into());
    // What is typed after it goes on in the note editor.
    let r = run_edited(dir.path(), "e and more<c-e>!", (100, 30), &mut editor);
    assert_eq!(editor.given[1], "Ran the lessons-learned workshop and more");
    assert!(r.screen.contains("Rewritten in the editor"), "{}", r.screen);
    assert!(r.screen.contains("Note · editing"), "{}", r.screen);
    assert_eq!(
        saved(dir.path())["ratings"]["DP1"]["note"].as_str(),
        Some("Rewritten in the editor!")
    );
}

#[test]
fn a_failing_editor_leaves_the_note_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), "<tab><tab>ekept<esc>", (100, 30));
    let mut editor = FakeEditor {
        given: Vec::new(),
        reply: Err("nope"),
    };
    let r = run_edited(dir.path(), "E", (100, 30), &mut editor);
    assert!(
        r.screen.contains("The editor `nope` could not be started"),
        "{}",
        r.screen
    );
    assert_eq!(
        saved(dir.path())["ratings"]["DP1"]["note"].as_str(),
        Some("kept")
    );
}

#[test]
fn search_finds_a_competency_by_name_and_it_is_rated_there() {
    // Grid: / finds "Gouvernânce"-style names by plain letters; Enter selects the row, Enter
    // again opens it on Rate, 4 rates it.
    let mut fw = rolefit::storage::framework::builtin();
    let gv3 = fw.competency_index(&"GV3".into()).unwrap();
    fw.competencies[gv3].name = "Gouvernânce design".into();
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw, "<tab>/gouvernance<enter>", (80, 24));
    assert_eq!(r.app.grid_competency(), Some(gv3), "{}", r.screen);
    assert!(r.screen.contains("GV3 Gouvernânce design"), "{}", r.screen);
    let dir = tempfile::tempdir().unwrap();
    let mut fw = rolefit::storage::framework::builtin();
    fw.competencies[gv3].name = "Gouvernânce design".into();
    headless::run_with(
        dir.path(),
        fw,
        "<tab>/GOUVERNANCE<enter><enter>4q",
        (80, 24),
    );
    let file = saved(dir.path());
    assert_eq!(file["ratings"]["GV3"]["level"].as_integer(), Some(4));
    assert_eq!(file["ratings"].as_table().map(|t| t.len()), Some(1));

    // Rate: a pasted query, ↓ to the second match, Enter shows it, 2 rates it; Esc in a
    // search leaves the screen as it was.
    let dir = tempfile::tempdir().unwrap();
    let mut events = keys("<tab><tab>/");
    events.push(Event::Paste("planning".into()));
    events.extend(keys("<down><enter>2/zzz<esc>"));
    let r = run_events(
        dir.path(),
        rolefit::storage::framework::builtin(),
        ScriptedEvents::new(events),
        (80, 24),
        &mut rolefit::runtime::NoSuspend,
    );
    // "planning": DP5 "Planning standards…" starts with it; then, in framework order, the
    // names with a word starting with it: DP3 "Integrated planning" is the second match.
    let file = saved(dir.path());
    assert_eq!(file["ratings"]["DP3"]["level"].as_integer(), Some(2));
    assert_eq!(file["ratings"].as_table().map(|t| t.len()), Some(1));
    // Rating moved on to DP4; the search closed with Esc left it there.
    assert_eq!(r.app.mode(), rolefit::app::Mode::Screen(Screen::Rate));
    let fw = rolefit::storage::framework::builtin();
    assert_eq!(fw.competencies[r.app.rate().current].id.as_str(), "DP4");
    assert!(r.screen.contains("DP4 "), "{}", r.screen);
    assert!(r.screen.contains("[Rate]"), "{}", r.screen);
}

/// One rounding rule: an area average of 4.25 is 4.3 on the Results screen, in the Markdown
/// export and in the team report (N-D10: the screen used to show 4.2).
#[test]
fn an_average_at_a_half_rounds_the_same_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let fw = rolefit::storage::framework::builtin();
    // Capability Development: 4, 5, 4, 4 → 4.25; everything else 3.
    let mut keys = String::from("<tab><tab>");
    for c in &fw.competencies {
        keys.push(match c.id.as_str() {
            "CD2" => '5',
            id if id.starts_with("CD") => '4',
            _ => '3',
        });
    }
    keys.push_str("<tab>");
    let r = run(dir.path(), &keys, (100, 30));
    let row = r
        .screen
        .lines()
        .find(|l| l.contains("Capability Development"))
        .unwrap_or_else(|| panic!("{}", r.screen));
    assert!(row.contains("4.3"), "{row}");
    let md = rolefit::export::markdown(&fw, r.app.assessment());
    let md_row = md
        .lines()
        .find(|l| l.starts_with("| Capability Development"))
        .unwrap();
    assert!(md_row.contains("| 4.3 |"), "{md_row}");
}

#[test]
fn x_and_capital_x_on_results_write_the_markdown_and_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let keys = rate_by_area(['4', '4', '3', '3', '3', '1', '1']) + "<tab>xX";
    let r = run(dir.path(), &keys, (100, 30));
    let reports: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path().join("reports"))
        .expect("a reports folder")
        .map(|e| e.unwrap().path())
        .collect();
    let with = |extension: &str| {
        let found: Vec<&std::path::PathBuf> = reports
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect();
        assert_eq!(found.len(), 1, "{reports:?}");
        std::fs::read_to_string(found[0]).unwrap()
    };
    let (framework, assessment) = (r.app.framework(), r.app.assessment());
    assert_eq!(with("md"), rolefit::export::markdown(framework, assessment));
    assert_eq!(with("html"), rolefit::export::html(framework, assessment));
    assert!(r.screen.contains("Report written: "), "{}", r.screen);
    assert!(r.screen.contains(".html"), "{}", r.screen);
}
