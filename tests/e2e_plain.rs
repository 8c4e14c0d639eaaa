//! Plain mode end to end: the real binary in a pseudo-terminal, answered as a person types,
//! with assertions on the raw bytes it writes (see `common::pty`).

mod common;

use std::time::Duration;

use common::pty::{DataDir, Launch, Tui};
use rolefit::domain::{CompetencyId, Level, Rating};
use rolefit::storage::{ReadOutcome, read_assessment};

const EXIT: Duration = Duration::from_secs(10);
/// The question on the built-in 0–5 scale.
const PROMPT: &str = "0-5, n for N/A, s to skip, b for back, e for a note, q to quit: ";

/// The assessment as saved.
fn saved(data: &DataDir) -> rolefit::domain::Assessment {
    match read_assessment(&data.default_file(), "default") {
        ReadOutcome::Loaded(a) => a,
        _ => panic!("the assessment is saved and readable"),
    }
}

fn level(n: u8) -> Option<Rating> {
    Some(Rating::Level(Level::new(n).unwrap()))
}

/// Types a line and waits for the next prompt (the `prompts`-th in all).
fn answer(tui: &mut Tui, line: &str, prompts: usize) -> String {
    tui.send(&format!("{line}\r"));
    tui.wait_for_output_count(PROMPT, prompts)
}

/// No control sequence of any kind (no ESC byte, so no CSI, no cursor positioning, no
/// colour), no 8-bit CSI, and no box-drawing character (U+2500–U+257F).
fn assert_plain(tui: &Tui) {
    let raw = tui.raw_output();
    let text = String::from_utf8_lossy(&raw);
    if let Some(at) = raw.iter().position(|&b| b == 0x1b) {
        let around = String::from_utf8_lossy(&raw[at.saturating_sub(80)..(at + 40).min(raw.len())]);
        panic!("an ESC byte at byte {at} of the output, in: {around:?}");
    }
    assert!(!text.contains('\u{9b}'), "an 8-bit CSI in the output");
    let boxes: Vec<char> = text
        .chars()
        .filter(|c| ('\u{2500}'..='\u{257f}').contains(c))
        .collect();
    assert!(boxes.is_empty(), "box drawing {boxes:?} in the output");
    assert!(!tui.entered_alternate_screen());
}

#[test]
fn a_full_plain_session_with_term_dumb_answers_goes_back_skips_notes_quits_and_resumes() {
    let data = DataDir::new();
    // TERM=dumb alone chooses plain mode.
    let mut tui = Launch::new(&data).env("TERM", "dumb").spawn();
    // The person's name first, once, as the full screen asks it.
    let out = tui.wait_for_output_count("Your name: ", 1);
    // Wrapped at a word, as every line under TERM=dumb.
    assert!(
        out.contains("will show it. Enter alone\r\nleaves you shown as \"default\", the file's name.\r\nYour name: "),
        "{out}"
    );
    assert!(!out.contains(PROMPT), "{out}");
    tui.send("Dana Ortiz\r");
    let out = tui.wait_for_output_count(PROMPT, 1);
    assert!(out.contains("Saved your name: Dana Ortiz"), "{out}");
    assert_eq!(saved(&data).display_name.as_deref(), Some("Dana Ortiz"));
    assert!(
        out.contains("Delivery Planning, competency 1 of 33\r\nDP1 "),
        "{out}"
    );
    assert!(out.contains("  0 Not yet: "), "{out}");
    let out = answer(&mut tui, "4", 2);
    assert!(out.contains("Saved DP1: 4. 1 of 33 answered."), "{out}");
    answer(&mut tui, "3", 3);
    // Back to DP2, which shows the answer already given; skip leaves it as it is.
    let out = answer(&mut tui, "b", 4);
    assert_eq!(out.matches("competency 2 of 33").count(), 2, "{out}");
    assert!(
        out.ends_with(&format!(
            "Your rating now: 3\r\nTargets: PM 4 · PMO 2 · Portfolio 2 · Programme 2 · Delivery 3 · CoE 2\r\n{PROMPT}"
        )),
        "{out}"
    );
    answer(&mut tui, "s", 5);
    // A note for DP3, then N/A.
    tui.send("e\r");
    tui.wait_for_output_count(rolefit::strings::PLAIN_NOTE_PROMPT, 1);
    let out = answer(&mut tui, "Led the integrated baseline", 6);
    assert!(out.contains("Note saved.\r\n"), "{out}");
    // An invalid answer: one clear line, then the same prompt.
    let out = answer(&mut tui, "7", 7);
    // TERM=dumb: lines longer than the terminal wrap at a word (N-D42).
    assert!(
        out.replace("\r\n", " ").ends_with(&format!(
            "7 {} {PROMPT}",
            "\"7\" is not an answer here: type a level from 0 to 5, n, s, b, e or q, then Enter."
        )),
        "{out}"
    );
    assert!(out.contains("then\r\nEnter."), "wrapped at a word:\n{out}");
    answer(&mut tui, "n", 8);
    tui.send("q\r");
    let status = tui.wait_exit(EXIT);
    assert!(status.success(), "{status}");
    let out = tui.wait_for_output("the resume hint", |t| t.contains("continue at DP4"));
    assert!(out.contains("Saved: 3 of 33 answered."), "{out}");
    assert!(
        out.split("\r\n").all(|l| l.chars().count() < 80),
        "every line fits the 80 columns:\n{out}"
    );
    assert_plain(&tui);
    let a = saved(&data);
    let id = CompetencyId::from;
    assert_eq!(a.rating(&id("DP1")), level(4));
    assert_eq!(a.rating(&id("DP2")), level(3));
    assert_eq!(a.rating(&id("DP3")), Some(Rating::NotApplicable));
    assert_eq!(a.note(&id("DP3")), "Led the integrated baseline");
    assert_eq!(a.rating(&id("DP4")), None);

    // ACCESSIBLE=1 chooses plain mode in an ordinary terminal, and it resumes at DP4; the end
    // of input (Ctrl-D) quits with everything saved.
    let mut tui = Launch::new(&data).env("ACCESSIBLE", "1").spawn();
    let out = tui.wait_for_output_count(PROMPT, 1);
    assert!(out.contains("3 of 33 competencies answered"), "{out}");
    assert!(
        out.contains("Delivery Planning, competency 4 of 33\r\nDP4 "),
        "{out}"
    );
    assert!(!out.contains("competency 3 of 33"), "{out}");
    assert!(!out.contains("Your name"), "asked once only: {out}");
    answer(&mut tui, "5", 2);
    tui.send("\x04");
    let status = tui.wait_exit(EXIT);
    assert!(status.success(), "{status}");
    assert_plain(&tui);
    assert_eq!(saved(&data).rating(&CompetencyId::from("DP4")), level(5));
}

#[test]
fn plain_mode_finishes_with_the_results_in_plain_text() {
    let data = DataDir::new();
    let mut tui = Launch::new(&data).arg("--plain").spawn();
    // Enter alone gives no name: shown by the file's name, and not asked again.
    tui.wait_for_output_count("Your name: ", 1);
    tui.send("\r");
    for n in 1..=33 {
        tui.wait_for_output_count(PROMPT, n);
        tui.send(&format!("{}\r", n % 6));
    }
    let status = tui.wait_exit(EXIT);
    assert!(status.success(), "{status}");
    let out = tui.wait_for_output("the Results", |t| t.contains("Top gaps against"));
    assert!(
        out.contains("Results for \"default\"\r\nVerdict: "),
        "{out}"
    );
    assert!(
        out.contains("Readiness for each profile (rated of required):"),
        "{out}"
    );
    assert_plain(&tui);
    assert_eq!(
        saved(&data).rated_count(&rolefit::storage::framework::builtin()),
        33
    );
}
