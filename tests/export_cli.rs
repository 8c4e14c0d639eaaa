//! `rolefit export` on the command line and the report key on the Results screen.

mod headless;

use std::path::Path;
use std::process::{Command, Output};

fn rolefit(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .env("ROLEFIT_DATA_DIR", data)
        .output()
        .unwrap()
}

fn write(data: &Path, text: &str) {
    std::fs::create_dir_all(data.join("assessments")).unwrap();
    std::fs::write(data.join("assessments/default.toml"), text).unwrap();
}

const FILE: &str = "format = 1\nframework = \"pm-vs-pmo\"\n\n[ratings.DP1]\nlevel = 4\nnote = \"Led it, \\\"end to end\\\",\\nwith the sponsor\"\n";

#[test]
fn export_writes_each_format_to_stdout_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), FILE);
    let md = rolefit(dir.path(), &["export"]);
    assert_eq!(md.status.code(), Some(0));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# rolefit report: default"), "{md}");
    let json = rolefit(dir.path(), &["export", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["total"], 33);
    let csv = rolefit(dir.path(), &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
    let notes: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[5].to_string())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(notes, ["Led it, \"end to end\",\nwith the sponsor"]);
    // -o writes the file and says where.
    let out_path = dir.path().join("report.json");
    let out = rolefit(
        dir.path(),
        &[
            "export",
            "--format",
            "json",
            "-o",
            out_path.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("report.json"));
    assert_eq!(std::fs::read(&out_path).unwrap(), json.stdout);
}

#[test]
fn export_errors_are_clear_and_touch_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = rolefit(dir.path(), &["export"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("run rolefit to start one"));
    let bad = rolefit(dir.path(), &["export", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);
    write(
        dir.path(),
        "format = 1\nframework = \"pm-vs-pmo\"\n[ratings.DP1]\nlevel = 9\n",
    );
    let corrupt = rolefit(dir.path(), &["export"]);
    assert_eq!(corrupt.status.code(), Some(1));
    let err = String::from_utf8_lossy(&corrupt.stderr).into_owned();
    assert!(
        err.contains("line 4, column 9") && err.lines().count() == 1,
        "{err}"
    );
    // The report may not overwrite the assessment itself.
    write(dir.path(), FILE);
    let target = dir.path().join("assessments/default.toml");
    let onto = rolefit(dir.path(), &["export", "-o", target.to_str().unwrap()]);
    assert_eq!(onto.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FILE);
}

#[test]
fn the_report_key_writes_a_markdown_report_and_shows_where() {
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run(dir.path(), "<tab><tab>43<tab>x", (100, 30));
    assert!(r.screen.contains("Report written to"), "{}", r.screen);
    let reports: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(reports.len(), 1);
    let name = reports[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("default-") && name.ends_with(".md"),
        "{name}"
    );
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(text.contains("Rated: 2 of 33"), "{text}");
}
