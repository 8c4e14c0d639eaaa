//! A bug never locks the user out: a panic gives the terminal back, writes a short report
//! (no ratings, no notes) to `DATA_DIR/crashes/`, says so in one sentence, and the next start
//! opens on the Roles screen and says what happened. The real binary in a pseudo-terminal;
//! `ROLEFIT_TEST_PANIC=SCREEN` makes it panic while drawing that screen.

mod common;

use std::time::Duration;

use common::pty::{DataDir, Launch, Tui};

const EXIT: Duration = Duration::from_secs(10);

/// The footer says the last change is saved, with nothing pending.
fn saved_clean(screen: &str) -> bool {
    let rows: Vec<&str> = screen.split('\n').collect();
    let status = rows[rows.len().saturating_sub(2)];
    status.contains("Saved ") && !status.contains("pending")
}

/// The text without blanks and box lines, to find a sentence wrapped over several lines.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│┃╭╮╰╯┏┓┗┛─━".contains(*c))
        .collect()
}

fn crash_reports(data: &DataDir) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(data.path().join("crashes")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_panic_on_results_is_reported_and_the_next_start_opens_on_roles() {
    let data = DataDir::new();
    // DP1 rated with a note, left on the Results screen.
    let mut tui = Tui::start(&data);
    tui.wait_for_text("Welcome to rolefit");
    tui.send("\t\t");
    tui.wait_for("Rate", |s| s.contains("[Rate]") && saved_clean(s));
    tui.send("4e");
    tui.wait_for_text("Note · editing");
    tui.send("a very private note");
    tui.send("\x1b");
    tui.wait_for("the note kept", |s| {
        !s.contains("Note · editing") && saved_clean(s)
    });
    tui.send("\t");
    tui.wait_for("Results, saved", |s| {
        s.contains("[Results]") && saved_clean(s)
    });
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success());

    // The next start meets a bug while drawing Results.
    let stderr = data.path().join("stderr.txt");
    let mut tui = Launch::new(&data)
        .env("ROLEFIT_TEST_PANIC", "results")
        .stderr_to(&stderr)
        .spawn();
    let status = tui.wait_exit(EXIT);
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert!(
        !tui.in_alternate_screen() && !tui.raw_mode(),
        "the terminal was not given back\n{}",
        tui.describe()
    );
    let said = std::fs::read_to_string(&stderr).unwrap();
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 1, "one sentence, no backtrace: {said:?}");
    assert!(lines[0].starts_with("rolefit: stopped by a bug"), "{said}");
    assert!(
        !said.contains("panicked") && !said.contains("RUST_BACKTRACE"),
        "{said}"
    );
    let reports = crash_reports(&data);
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(said.contains(&*reports[0].to_string_lossy()), "{said}");
    let report = std::fs::read_to_string(&reports[0]).unwrap();
    for expected in [
        concat!("version: ", env!("CARGO_PKG_VERSION")),
        "framework: pm-vs-pmo (content hash ",
        "screen: results",
        "panic: a panic asked for by ROLEFIT_TEST_PANIC",
        "at: src/",
    ] {
        assert!(report.contains(expected), "{expected:?} in\n{report}");
    }
    assert!(
        !report.contains("private"),
        "no notes in the report:\n{report}"
    );

    // Started again (even with the bug still there): the Roles screen, which says what
    // happened and where the report is, and everything works.
    let mut tui = Launch::new(&data)
        .env("ROLEFIT_TEST_PANIC", "results")
        .spawn();
    let screen = tui.wait_for_text("[Roles]");
    // At 80×24 the whole sentence is there, the report's path wrapped over lines if need be.
    let squashed = squash(&screen);
    assert!(
        squashed.contains(&squash("stopped by a bug last time on the Results screen")),
        "{screen}"
    );
    assert!(
        squashed.contains(&squash(&reports[0].to_string_lossy())),
        "{screen}"
    );
    assert!(screen.contains("1/33 answered"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success(), "{}", tui.describe());

    // Without the bug, the next start is an ordinary one, on the screen it was left on.
    let mut tui = Tui::start(&data);
    let screen = tui.wait_for_text("Resumed");
    assert!(!screen.contains("stopped by a bug"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success());
}
