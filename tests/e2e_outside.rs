//! A change made to the assessment file by another program while rolefit has it open (a hand
//! edit, `git pull`, a sync client) is never overwritten silently: it is merged where rolefit
//! changed other competencies, and where both changed the same one the file keeps its version
//! and rolefit's goes to a conflict copy beside it, and the footer says so (R-ND4). The real
//! binary in a pseudo-terminal.

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{DataDir, Launch, Tui};

const EXIT: Duration = Duration::from_secs(10);

/// The footer says the last change is saved, with nothing pending.
fn saved_clean(screen: &str) -> bool {
    let rows: Vec<&str> = screen.split('\n').collect();
    let status = rows[rows.len().saturating_sub(2)];
    status.contains("Saved ") && !status.contains("pending")
}

fn read_table(path: &Path) -> toml::Table {
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

/// The assessment with DP1 rated 3 and noted "old", open on Rate at DP2, saved.
fn open_on_dp2(data: &DataDir) -> Tui {
    let rate = std::process::Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(["rate", "DP1", "3", "--note", "old"])
        .env("ROLEFIT_DATA_DIR", data.path())
        .env("XDG_CONFIG_HOME", data.path().join("config"))
        .status()
        .unwrap();
    assert!(rate.success());
    let mut tui = Launch::new(data).size(120, 30).spawn();
    tui.wait_for_text("Resumed");
    tui.send("\t\t");
    tui.wait_for("Rate on DP1, saved", |s| {
        s.contains("[Rate]") && saved_clean(s)
    });
    tui.send_key(common::pty::Key::Right);
    tui.wait_for("DP2", |s| s.contains("DP2 ") && saved_clean(s));
    tui
}

/// Edits the file as another program would: `edit` on its text.
fn edit_outside(path: &Path, edit: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, edit(text)).unwrap();
}

#[test]
fn a_hand_edit_of_other_competencies_is_merged_not_overwritten() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = open_on_dp2(&data);
    edit_outside(&file, |text| {
        text.replace("note = \"old\"", "note = \"new, by hand\"") + "\n[ratings.FD4]\nlevel = 5\n"
    });
    tui.send("2");
    let screen = tui.wait_for("the merge said and saved", |s| {
        s.contains("Another program changed the file") && saved_clean(s)
    });
    assert!(screen.contains("DP1, FD4"), "{screen}");
    let table = read_table(&file);
    assert_eq!(
        table["ratings"]["DP1"]["note"].as_str(),
        Some("new, by hand")
    );
    assert_eq!(table["ratings"]["FD4"]["level"].as_integer(), Some(5));
    assert_eq!(table["ratings"]["DP2"]["level"].as_integer(), Some(2));
    // The app took the change in: FD4 counts, and quitting keeps it.
    assert!(screen.contains("3/33 answered"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success());
    let table = read_table(&file);
    assert_eq!(table["ratings"]["FD4"]["level"].as_integer(), Some(5));
    assert_eq!(
        table["ratings"]["DP1"]["note"].as_str(),
        Some("new, by hand")
    );
}

#[test]
fn the_same_competency_changed_on_both_sides_keeps_both() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = open_on_dp2(&data);
    // Both rate DP2: the other program 1, the user 4.
    edit_outside(&file, |text| text + "\n[ratings.DP2]\nlevel = 1\n");
    tui.send("4");
    let screen = tui.wait_for("the clash said", |s| {
        s.contains("DP2 changed here and in the file") && saved_clean(s)
    });
    let copies: Vec<_> = std::fs::read_dir(data.assessments())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("default.conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}\n{screen}");
    assert_eq!(
        read_table(&file)["ratings"]["DP2"]["level"].as_integer(),
        Some(1)
    );
    assert_eq!(
        read_table(&copies[0])["ratings"]["DP2"]["level"].as_integer(),
        Some(4)
    );
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success());
}

#[test]
fn a_file_broken_by_hand_is_left_alone_and_rolefit_stops_saving() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = open_on_dp2(&data);
    edit_outside(&file, |text| text + "\nthis line is not TOML\n");
    let broken = std::fs::read(&file).unwrap();
    tui.send("4");
    let screen = tui.wait_for_text("Read-only: the file was changed elsewhere");
    assert!(screen.contains("cannot be read now"), "{screen}");
    assert_eq!(std::fs::read(&file).unwrap(), broken, "left as it was");
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        broken,
        "quitting writes nothing"
    );
    let copy = std::fs::read_dir(data.assessments())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("default.conflict-"))
        .expect("a conflict copy");
    assert_eq!(
        read_table(&copy)["ratings"]["DP2"]["level"].as_integer(),
        Some(4)
    );
}

/// `rolefit list` names the conflict copy on the assessment's row, and does not list the copy
/// as an assessment of its own.
#[test]
fn list_names_a_conflict_copy_on_its_assessments_row() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = open_on_dp2(&data);
    edit_outside(&file, |text| text + "\n[ratings.DP2]\nlevel = 1\n");
    tui.send("4");
    tui.wait_for("the clash said", |s| {
        s.contains("DP2 changed here and in the file") && saved_clean(s)
    });
    tui.send("q");
    assert!(tui.wait_exit(EXIT).success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .arg("list")
        .env("ROLEFIT_DATA_DIR", data.path())
        .env("XDG_CONFIG_HOME", data.path().join("config"))
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = listed.lines().collect();
    assert_eq!(rows.len(), 1, "{listed}");
    assert!(rows[0].starts_with("default "), "{listed}");
    assert!(
        rows[0].contains("a conflict copy is beside it: default.conflict-"),
        "{listed}"
    );
}

/// Plain mode, where a session may last long, merges the same way and says so on its own line.
#[test]
fn plain_mode_merges_a_hand_edit_and_says_so() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = Launch::new(&data).arg("--plain").spawn();
    // Typed on a terminal, plain mode first asks the person's name: Enter gives none.
    tui.wait_for_output("the name asked", |out| out.contains("Your name:"));
    tui.send("\r");
    tui.wait_for_output("the first prompt", |out| out.contains("q to quit"));
    tui.send("3\r");
    tui.wait_for_output("DP1 recorded", |out| out.matches("q to quit").count() >= 2);
    edit_outside(&file, |text| text + "\n[ratings.FD4]\nlevel = 5\n");
    tui.send("2\r");
    let out = tui.wait_for_output("the merge said", |out| {
        out.contains("Another program changed the file (FD4)")
    });
    tui.send("q\r");
    tui.wait_exit(EXIT);
    let table = read_table(&file);
    assert_eq!(table["ratings"]["DP1"]["level"].as_integer(), Some(3));
    assert_eq!(table["ratings"]["DP2"]["level"].as_integer(), Some(2));
    assert_eq!(
        table["ratings"]["FD4"]["level"].as_integer(),
        Some(5),
        "{out}"
    );
}
