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

/// Tried as a new user would: three colleagues each run plain `rolefit` (the real binary, in a
/// terminal), give their name when the first run asks it, rate a few competencies and quit;
/// each sends their `default.toml`, which the PMO head saves in one folder under any name.
/// `rolefit team` on that folder shows the three names at 80×24 and at 60×18, and every report
/// names them.
#[test]
fn three_colleagues_are_three_names_in_the_team_view_and_every_report() {
    const COLLEAGUES: [(&str, &str, &str); 3] = [
        ("Ana Silva", "432", "a.toml"),
        ("Bo Chen", "255", "b.toml"),
        ("Zoë Nakamura 中村", "514", "c.toml"),
    ];
    let head = DataDir::new();
    let team = head.path().join("team");
    std::fs::create_dir_all(&team).unwrap();
    for (name, levels, file) in COLLEAGUES {
        let data = DataDir::new();
        let mut tui = Launch::new(&data).keep_name_question().spawn();
        tui.wait_for("the first run asking the name", |s| {
            s.contains("Welcome to rolefit") && s.contains(common::pty::NAME_QUESTION)
        });
        tui.send(name);
        tui.send("\r");
        tui.wait_for("the name kept", |s| s.contains("Saved your name"));
        tui.send("\t\t");
        tui.wait_for("Rate", |s| s.contains("[Rate]"));
        tui.send(levels);
        tui.wait_for("three answered", |s| s.contains("3/33 answered"));
        tui.send("q");
        let status = tui.wait_exit(EXIT);
        assert!(status.success(), "{status:?}\n{}", tui.describe());
        // Sent by email as default.toml, saved by the head under another name.
        std::fs::copy(data.default_file(), team.join(file)).unwrap();
    }
    let team_arg = team.to_str().unwrap();
    for (cols, rows) in [(80, 24), (60, 18)] {
        let mut tui = Launch::new(&head)
            .arg("team")
            .arg(team_arg)
            .size(cols, rows)
            .spawn();
        let screen = tui.wait_for(&format!("three names at {cols}×{rows}"), |s| {
            s.contains("3 people") && COLLEAGUES.iter().all(|(name, ..)| s.contains(name))
        });
        assert!(!screen.contains("default"), "{screen}");
        tui.send("q");
        let status = tui.wait_exit(EXIT);
        assert!(status.success(), "{status:?}\n{}", tui.describe());
    }
    for format in ["markdown", "csv", "json", "jsonl"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolefit"))
            .args(["team", team_arg, "--format", format])
            .env("ROLEFIT_DATA_DIR", head.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for (name, ..) in COLLEAGUES {
            assert!(
                text.contains(name),
                "{format} does not name {name}:\n{text}"
            );
        }
        assert!(
            !text.contains("\"default\"") && !text.contains("default,"),
            "{format}:\n{text}"
        );
    }
}
