//! The HTML reports in a real browser: the system Chromium, driven by `playwright-core`, with
//! `axe-core` (both pinned in `tests/browser/package-lock.json`). This test writes the reports
//! with the real binary (`rolefit export --format html`, `rolefit team --format html`) and runs
//! `tests/browser/check.mjs` on them, which renders each at 1280 and 390 pixels wide in the
//! light and the dark scheme and fails on any console error, any network request, any axe-core
//! violation, text below 4.5:1 contrast, a page wider than the phone, a chart taller than a
//! printed page, a script that ran from a name, or a person's PDF outside 2–4 A4 pages.
//!
//! Needs `node`, `/usr/bin/chromium` (or `ROLEFIT_CHROMIUM`) and `npm ci` in `tests/browser`.
//! With `CI` set, as `.ci/run` sets it (and installs them), a missing piece fails the test;
//! elsewhere the test says `SKIPPED (not run)` and why.
//!
//! `ROLEFIT_SCREENSHOTS=1 cargo test --test html_browser` also writes the pictures in
//! `screenshots/` (report light, dark, phone, team, and the first PDF page through
//! `pdftoppm`) from the same run. `ROLEFIT_HTML_OUT=DIR` keeps the reports and their
//! assessment files in DIR, to open by hand.

mod html_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rolefit::storage::codec;
use serde_json::json;

/// Whether the tests run in CI: `CI` is set to anything but empty, `0` or `false`.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Node, Chromium and the node modules, or what is missing.
fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("ROLEFIT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Err(format!(
            "no Chromium at {} (apt-get install chromium, or set ROLEFIT_CHROMIUM)",
            chromium.display()
        ));
    }
    let node = PathBuf::from("node");
    match Command::new(&node).arg("--version").output() {
        Ok(out) if out.status.success() => {}
        _ => return Err("no node on PATH".to_string()),
    }
    let modules = repo().join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            return Err(format!(
                "{package} is not installed in tests/browser (run npm ci there)"
            ));
        }
    }
    Ok((node, chromium))
}

fn rolefit(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .env(
            "ROLEFIT_DATA_DIR",
            std::env::temp_dir().join("rolefit-html-browser-none"),
        )
        .output()
        .expect("run rolefit");
    assert!(
        out.status.success(),
        "rolefit {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

/// Writes the assessments and, through the binary, their reports into `dir`; returns the
/// manifest `check.mjs` reads.
fn write_reports(dir: &Path, screenshots: Option<&Path>) -> serde_json::Value {
    let builtin = rolefit::storage::framework::builtin();
    let sfia = html_support::sfia();
    let sfia_path = repo().join("assets/frameworks/examples/sfia9-change.toml");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let person = |file: &str, framework: Option<&Path>, a: &rolefit::domain::Assessment| {
        let source = dir.join(format!("{file}.toml"));
        std::fs::write(&source, codec::to_toml(a)).unwrap();
        let report = out.join(format!("{file}.html"));
        let mut args = vec!["export", "--file", path_str(&source)];
        if let Some(framework) = framework {
            args.extend(["--framework", path_str(framework)]);
        }
        args.extend(["--format", "html", "-o", path_str(&report)]);
        rolefit(&args);
        report
    };
    let team = |folder: &str, people: Vec<rolefit::domain::Assessment>| {
        let source = dir.join(folder);
        std::fs::create_dir_all(&source).unwrap();
        for (i, a) in people.iter().enumerate() {
            std::fs::write(source.join(format!("p{i:03}.toml")), codec::to_toml(a)).unwrap();
        }
        let report = out.join(format!("{folder}.html"));
        rolefit(&[
            "team",
            path_str(&source),
            "--format",
            "html",
            "-o",
            path_str(&report),
        ]);
        report
    };
    let sam = person(
        "person-builtin",
        None,
        &html_support::person(&builtin, "Sam Rivera", None),
    );
    let sfia_person = person(
        "person-sfia",
        Some(&sfia_path),
        &html_support::person(&sfia, "Noor Haddad", None),
    );
    let hostile = person(
        "person-hostile",
        None,
        &html_support::person(&builtin, html_support::HOSTILE, Some(html_support::HOSTILE)),
    );
    let team50 = team("team-50", html_support::team(&builtin, 50, false));
    let team_hostile = team("team-hostile", html_support::team(&builtin, 12, true));
    let full = json!({ "widths": [1280, 390], "schemes": ["light", "dark"] });
    let one = json!({ "widths": [1280], "schemes": ["light"] });
    let report =
        |path: &Path, kind: &str, variants: &serde_json::Value, extra: serde_json::Value| {
            let mut entry = json!({
                "path": path_str(path),
                "kind": kind,
                "widths": variants["widths"],
                "schemes": variants["schemes"],
            });
            entry
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            entry
        };
    json!({
        "chromium": null,
        "screenshots": screenshots.map(path_str),
        "reports": [
            report(&sam, "person", &full, json!({ "pdf": true, "shots": "report" })),
            report(&sfia_person, "person", &full, json!({ "pdf": true })),
            report(&team50, "team", &full, json!({ "people": 50, "shots": "team-report" })),
            report(&hostile, "person", &one, json!({ "pdf": false, "hostile": html_support::HOSTILE_SHOWN })),
            report(&team_hostile, "team", &one, json!({ "people": 12, "hostile": html_support::HOSTILE_SHOWN })),
        ],
    })
}

#[test]
fn reports_render_cleanly_in_chromium() {
    let (node, chromium) = match browser_tools() {
        Ok(tools) => tools,
        Err(why) if in_ci() => panic!(
            "the browser check must run in CI, but {why}. .ci/run installs Chromium and runs \
             npm ci in tests/browser"
        ),
        Err(why) => {
            eprintln!("SKIPPED (not run): reports_render_cleanly_in_chromium: {why}");
            return;
        }
    };
    let temp = tempfile::tempdir().unwrap();
    let dir = match std::env::var_os("ROLEFIT_HTML_OUT") {
        Some(out) if !out.is_empty() => {
            std::fs::create_dir_all(&out).unwrap();
            PathBuf::from(out)
        }
        _ => temp.path().to_path_buf(),
    };
    let screenshots = std::env::var_os("ROLEFIT_SCREENSHOTS")
        .filter(|v| !v.is_empty() && v != "0")
        .map(|_| repo().join("screenshots"));
    let mut manifest = write_reports(&dir, screenshots.as_deref());
    manifest["chromium"] = json!(path_str(&chromium));
    let manifest_path = dir.join("manifest.json");
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    let started = Instant::now();
    let out = Command::new(node)
        .arg(repo().join("tests/browser/check.mjs"))
        .arg(&manifest_path)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    println!(
        "browser check took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "the browser check failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("browser check: all passed"),
        "the browser check did not finish: {stdout}"
    );
}
