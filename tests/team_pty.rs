//! The team view end to end: the real binary in a pseudo-terminal (see `common::pty`) on a data
//! folder of eight assessments, moving, opening one person's Results and coming back, quitting
//! with the terminal restored and every file as it was (no lock file either).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::pty::{DataDir, Key, Launch};

const EXIT: Duration = Duration::from_secs(10);

fn fixture_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/team");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The assessments folder's files and their bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn team_view_moves_opens_a_person_and_comes_back() {
    let data = DataDir::new();
    for file in fixture_files() {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        data.write(&name, &std::fs::read(&file).unwrap());
    }
    let before = contents(&data.assessments());
    assert_eq!(before.len(), 8);

    // No folder given: the data directory's assessments.
    let mut tui = Launch::new(&data).arg("team").size(100, 30).spawn();
    tui.wait_for("the heatmap of eight people", |s| {
        s.contains("8 people") && s.contains("Alex Moreau") && s.contains("Sam Taylor (sam.toml)")
    });
    // Down twice: Chen (people by name); right moves the selected competency.
    tui.send_key(Key::Down);
    tui.send_key(Key::Down);
    tui.send_key(Key::Right);
    tui.wait_for("Chen selected on DP2", |s| {
        s.contains("›Chen Wei") && s.contains("DP2 ")
    });
    tui.send_key(Key::Enter);
    tui.wait_for("Chen's Results, read-only", |s| {
        s.contains("[Results]") && s.contains("Chen Wei, read-only")
    });
    tui.send_key(Key::Esc);
    tui.wait_for("back in the team view, Chen still selected", |s| {
        s.contains("People × competencies") && s.contains("›Chen Wei")
    });
    tui.send("q");
    let status = tui.wait_exit(EXIT);
    assert!(status.success(), "{status:?}\n{}", tui.describe());
    assert!(tui.entered_alternate_screen() && !tui.in_alternate_screen());
    assert_eq!(
        contents(&data.assessments()),
        before,
        "files unchanged, no lock file"
    );
}
