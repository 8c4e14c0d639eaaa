//! `rolefit export` on the command line and the report key on the Results screen.

mod headless;

use std::path::Path;
use std::process::{Command, Output};

fn rolefit(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .env("ROLEFIT_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("xdg-config"))
        .output()
        .unwrap()
}

fn write(data: &Path, text: &str) {
    std::fs::create_dir_all(data.join("assessments")).unwrap();
    std::fs::write(data.join("assessments/default.toml"), text).unwrap();
}

const FILE: &str = "format = 1\nframework = \"pm-vs-pmo\"\ncreated = 2026-11-28T18:00:00Z\nupdated = 2026-11-28T18:20:00Z\n\n[ratings.DP1]\nlevel = 4\nnote = \"Led it, \\\"end to end\\\",\\nwith the sponsor\"\n";

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
    assert!(r.screen.contains("Report written: "), "{}", r.screen);
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
    // The footer keeps the file name whole (N-D13).
    assert!(r.screen.contains(&name), "{}", r.screen);
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(text.contains("Answered: 2 of 33"), "{text}");
}

/// `rolefit` with the data folder in `data`, run from `cwd`.
fn rolefit_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .current_dir(cwd)
        .env_remove("ROLEFIT_DATA_DIR")
        .env("XDG_CONFIG_HOME", cwd.join("xdg-config"))
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_report_never_lands_on_an_assessment_or_a_lock_however_the_path_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let data = root.join("C");
    write(&data, FILE);
    std::fs::write(data.join("assessments/other.toml"), FILE).unwrap();
    std::fs::write(data.join("assessments/default.lock"), "").unwrap();
    std::fs::create_dir(root.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(data.join("assessments"), root.join("via-link")).unwrap();
    let absolute = data.join("assessments/default.toml");
    let outputs = [
        absolute.display().to_string(),
        "C/assessments/default.toml".into(),
        "elsewhere/../C/assessments/default.toml".into(),
        "C/assessments/./default.toml".into(),
        "via-link/default.toml".into(),
        "via-link/other.toml".into(),
        "C/assessments/new.toml".into(),
        "C/assessments/default.lock".into(),
        "via-link/default.lock".into(),
        "elsewhere/some.lock".into(),
    ];
    for output in &outputs {
        let out = rolefit_in(root, &["--data-dir", "C", "export", "-o", output]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "-o {output}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("choose another file"), "-o {output}: {err}");
    }
    // --file: the file itself is protected, spelled another way.
    let out = rolefit_in(
        root,
        &[
            "--file",
            "C/assessments/default.toml",
            "export",
            "-o",
            absolute.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&absolute).unwrap(),
        FILE,
        "the assessment changed"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("assessments/other.toml")).unwrap(),
        FILE
    );
    assert!(!data.join("assessments/new.toml").exists());
    assert!(!root.join("elsewhere/some.lock").exists());
    assert_eq!(
        std::fs::read(data.join("assessments/default.lock")).unwrap(),
        b""
    );
    // A report beside it, outside the assessments folder, is fine.
    let out = rolefit_in(root, &["--data-dir", "C", "export", "-o", "C/report.md"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
}

#[cfg(unix)]
#[test]
fn a_report_is_never_written_over_what_is_not_a_regular_file() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), FILE);
    let fifo = dir.path().join("pipe.md");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let folder = dir.path().join("folder.md");
    std::fs::create_dir(&folder).unwrap();
    for (target, kind) in [(&fifo, "FIFO"), (&folder, "folder")] {
        let out = rolefit(dir.path(), &["export", "-o", target.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(kind) && err.contains("not a regular file"),
            "{err}"
        );
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(folder.is_dir());
    // A device node of our own (the same device as /dev/null), where root can make one.
    let device = dir.path().join("null.md");
    let c_dev = std::ffi::CString::new(device.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; makedev(1, 3) is the null device.
    let made = unsafe { libc::mknod(c_dev.as_ptr(), libc::S_IFCHR | 0o600, libc::makedev(1, 3)) };
    if made == 0 {
        let out = rolefit(dir.path(), &["export", "-o", device.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("a device, not a regular file"), "{err}");
        assert!(
            std::fs::symlink_metadata(&device)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
}

#[test]
fn a_report_into_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), FILE);
    let target = dir.path().join("no-such-folder/report.md");
    let out = rolefit(dir.path(), &["export", "-o", target.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no-such-folder does not exist") && !err.contains("is gone"),
        "{err}"
    );
}

/// Text that would drive a terminal: reset (ESC c), a charset switch, a title change ended by
/// BEL, a C1 CSI, DEL, and the JSON-breaking line separators.
const HOSTILE: &str = "own \x1bc \x1b(0 \x1b]0;OWNTITLE\x07 \u{9b}31m \x7f \u{2028}\u{2029} x";

/// The characters a report may hold that are control characters: line feeds, and the CRLF that
/// ends a CSV record.
fn stray_controls(text: &str) -> Vec<char> {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect()
}

/// TOML basic-string escapes for `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Control characters from notes, names, reviewer names and framework names are escaped in
/// every export and team report, whether stdout is a terminal or not; ordinary line breaks in
/// notes stay line breaks, and JSON still reads back as the original text.
#[test]
fn control_characters_are_escaped_in_every_export_and_team_report() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = toml_string(HOSTILE);
    let note = toml_string(&format!("{HOSTILE}\r\nsecond line"));
    let file = format!(
        "format = 1\nframework = \"pm-vs-pmo\"\nname = {hostile}\ncreated = 2026-11-28T18:00:00Z\nupdated = 2026-11-28T18:20:00Z\n\n\
         [ratings.DP1]\nlevel = 4\nnote = {note}\n\n\
         [plan.DP1]\ntarget = 5\naction = {hostile}\n\n\
         [reviews.{hostile}]\nid = \"r1\"\n\n[reviews.{hostile}.ratings.DP1]\nlevel = 2\nnote = {hostile}\n"
    );
    write(dir.path(), &file);
    // The built-in framework with a hostile name and competency name.
    let dump = rolefit(dir.path(), &["framework", "dump"]);
    let framework = String::from_utf8(dump.stdout)
        .unwrap()
        .replacen(
            "name = \"",
            &format!("name = {}", &hostile[..hostile.len() - 1]),
            1,
        )
        .replacen(
            "name = \"Scope",
            &format!("name = {}Scope", &hostile[..hostile.len() - 1]),
            1,
        );
    let fw = dir.path().join("fw.toml");
    std::fs::write(&fw, framework).unwrap();
    let fw = fw.to_str().unwrap();
    for format in ["markdown", "csv", "json"] {
        for with_fw in [false, true] {
            let mut args = vec!["export", "--format", format];
            if with_fw {
                args.extend(["--framework", fw]);
            }
            let out = rolefit(dir.path(), &args);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            assert_eq!(stray_controls(&text), [], "{format}:\n{text}");
            match format {
                "json" => {
                    assert!(!text.contains(['\u{2028}', '\u{2029}']), "{text}");
                    assert!(
                        text.contains("\\u009b") && text.contains("\\u2028"),
                        "{text}"
                    );
                    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(value["assessment"]["name"], HOSTILE);
                }
                _ => {
                    assert!(text.contains("\\x1bc") && text.contains("\\x07"), "{text}");
                    assert!(text.contains("\\u{9b}31m"), "{text}");
                }
            }
            if format == "csv" {
                let mut reader = csv::Reader::from_reader(text.as_bytes());
                let notes: Vec<String> = reader
                    .records()
                    .map(|r| r.unwrap()[5].to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                assert_eq!(notes.len(), 1, "{notes:?}");
                assert!(notes[0].ends_with(" x\r\nsecond line"), "{notes:?}");
            }
            if format == "markdown" {
                assert!(text.contains("\n> second line"), "{text}");
            }
        }
    }
    // The team report, with the assessment as a member.
    let folder = dir.path().join("assessments");
    for format in ["markdown", "csv", "json", "jsonl"] {
        let out = rolefit(
            dir.path(),
            &["team", folder.to_str().unwrap(), "--format", format],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(stray_controls(&text), [], "{format}:\n{text}");
        if format.starts_with("json") {
            // Line breaks to JavaScript, which a JSON consumer may be.
            assert!(!text.contains(['\u{2028}', '\u{2029}']), "{format}");
        }
        assert!(text.contains("OWNTITLE"), "{format}:\n{text}");
    }
}
