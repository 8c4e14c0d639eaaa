//! The whole route a user takes with a framework of their own, for each of the built-in
//! framework, the SFIA, e-CF and Engineering Ladders examples, and a spreadsheet of each
//! (exported as CSV and as XLSX, then brought back with `rolefit framework import`): rate every
//! competency through the real event loop, export in every format, and check the figures.

mod cmd_support;
mod headless;

use std::path::{Path, PathBuf};

use cmd_support::{rolefit, run, stderr};
use rolefit::domain::{Framework, Level, Rating};
use rolefit::export::{self, Format};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The frameworks by name, with their file (None: the built-in).
fn sources() -> Vec<(&'static str, Option<PathBuf>)> {
    let mut out = vec![("built-in", None)];
    for name in ["sfia9-change", "ecf4-ict", "engineering-ladders"] {
        out.push((
            name,
            Some(root().join(format!("assets/frameworks/examples/{name}.toml"))),
        ));
    }
    out
}

fn load(path: Option<&Path>) -> Framework {
    match path {
        None => rolefit::storage::framework::builtin(),
        Some(p) => {
            rolefit::storage::framework::from_toml(&std::fs::read_to_string(p).unwrap()).unwrap()
        }
    }
}

/// The framework exported as a spreadsheet of `format` and imported back, by the binary.
fn through_sheet(home: &Path, name: &str, path: Option<&Path>, format: &str) -> Framework {
    let sheet = home.join(format!("{name}.{format}"));
    let mut export = rolefit(home);
    export.args(["framework", "export", "--format", format]);
    if let Some(p) = path {
        export.arg(p);
    }
    let out = run(export.arg("-o").arg(&sheet));
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    let toml = home.join(format!("{name}-from-{format}.toml"));
    let out = run(rolefit(home)
        .args(["framework", "import"])
        .arg(&sheet)
        .arg("-o")
        .arg(&toml));
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    assert!(
        !stderr(&out).contains("not placed"),
        "{name}: {}",
        stderr(&out)
    );
    load(Some(&toml))
}

/// The level typed for each competency: the first main profile's target where it has one,
/// else the competency's lowest level.
fn plan(fw: &Framework) -> Vec<Level> {
    let p0 = fw.main_profiles[0];
    (0..fw.competencies.len())
        .map(|c| {
            if fw.requires(p0, c) {
                fw.target(p0, c)
            } else {
                fw.valid_levels(c)[0]
            }
        })
        .collect()
}

/// Rates every competency on the Rate screen, by typing each level's digit, then opens
/// Results; returns the assessment and the screen.
fn rate_all(fw: &Framework) -> (rolefit::domain::Assessment, String) {
    let dir = tempfile::tempdir().unwrap();
    let digits: String = plan(fw)
        .iter()
        .map(|l| {
            assert!(l.value() <= 9);
            char::from(b'0' + l.value())
        })
        .collect();
    let script = format!("<tab><tab>{digits}<tab>");
    let r = headless::run_with(dir.path(), fw.clone(), &script, (120, 50));
    let a = r.app.assessment().clone();
    for (c, level) in plan(fw).into_iter().enumerate() {
        assert_eq!(
            a.rating(&fw.competencies[c].id),
            Some(Rating::Level(level)),
            "{}: {}",
            fw.id,
            fw.competencies[c].id
        );
    }
    // What the loop saved is what it holds.
    let saved = headless::saved(dir.path());
    let ratings = saved["ratings"].as_table().unwrap();
    assert_eq!(ratings.len(), fw.competencies.len());
    (a, r.screen)
}

/// Exports in every format and checks the figures against the ratings given: the first main
/// profile is met in full, every competency is answered, and the three formats agree.
fn check_exports(fw: &Framework, a: &rolefit::domain::Assessment) -> serde_json::Value {
    let p0 = fw.main_profiles[0];
    let json: serde_json::Value =
        serde_json::from_str(&export::export(fw, a, Format::Json)).unwrap();
    assert_eq!(json["rated"], fw.competencies.len());
    assert_eq!(json["total"], fw.competencies.len());
    let readiness = &json["readiness"][p0];
    assert_eq!(readiness["id"], fw.profiles[p0].id.as_str());
    assert_eq!(readiness["percent"], 100.0, "{}: {readiness}", fw.id);
    assert_eq!(
        readiness["coverage"]["rated"],
        readiness["coverage"]["required"]
    );
    let typed = plan(fw);
    for (c, competency) in json["competencies"].as_array().unwrap().iter().enumerate() {
        assert_eq!(competency["level"], typed[c].value(), "{}", fw.id);
    }
    // Every grade a ladder's first role reaches with 100% is reported as met.
    for grade in json["grades"].as_array().unwrap() {
        assert!(grade["text"].as_str().unwrap().contains(" · "), "{grade}");
    }
    // CSV: one row per competency with the level typed and each profile's target.
    let csv = export::export(fw, a, Format::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let level_col = header.iter().position(|h| h == "level").unwrap();
    let target_col = header
        .iter()
        .position(|h| *h == format!("target_{}", fw.profiles[p0].id))
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), fw.competencies.len());
    for (c, row) in rows.iter().enumerate() {
        assert_eq!(row[level_col], typed[c].value().to_string());
        let target = fw.target(p0, c);
        let expected = if target.is_none() {
            String::new()
        } else {
            target.value().to_string()
        };
        assert_eq!(row[target_col], expected);
    }
    // Markdown: the same readiness figure, and the verdict or ranking.
    let md = export::export(fw, a, Format::Markdown);
    assert!(md.contains("100.0%"), "{}:\n{md}", fw.id);
    if fw.axis {
        assert!(md.contains("## Verdict"), "{md}");
    } else {
        assert!(md.contains("Your readiness, best first"), "{md}");
        assert!(!md.contains("Too early"), "{md}");
    }
    json
}

#[test]
fn every_framework_and_its_spreadsheets_rate_export_and_agree() {
    let home = tempfile::tempdir().unwrap();
    for (name, path) in sources() {
        let original = load(path.as_deref());
        let (a, screen) = rate_all(&original);
        let figures = check_exports(&original, &a);
        assert!(
            screen.contains(&format!("{0}/{0} answered", original.competencies.len())),
            "{screen}"
        );
        for format in ["csv", "xlsx"] {
            let imported = through_sheet(home.path(), name, path.as_deref(), format);
            assert_eq!(imported, original, "{name} through {format}");
            let (a, _) = rate_all(&imported);
            let again = check_exports(&imported, &a);
            // The same figures, whichever way the framework came in (the assessment's own
            // timestamps aside).
            let strip = |mut v: serde_json::Value| {
                v.as_object_mut().unwrap().remove("assessment");
                v
            };
            assert_eq!(
                strip(again),
                strip(figures.clone()),
                "{name} through {format}"
            );
        }
    }
}

/// The ladder's answer after rating a whole developer grade: D3's levels meet D3 in full and
/// three quarters of D4 (a grade counts as met from 75% readiness), not D5.
#[test]
fn the_engineering_ladders_imported_from_a_sheet_report_grades() {
    let home = tempfile::tempdir().unwrap();
    let path = root().join("assets/frameworks/examples/engineering-ladders.toml");
    let fw = through_sheet(home.path(), "ladders", Some(&path), "xlsx");
    let dir = tempfile::tempdir().unwrap();
    // D3 is 2, 2, 2, 3, 2 on Technology, System, People, Process, Influence.
    let r = headless::run_with(dir.path(), fw.clone(), "<tab><tab>22232<tab>", (120, 50));
    assert!(
        r.screen.contains(
            "Developer: met Developer 4 (grade 4) 79% · next step Developer 5 (grade 5) 61%"
        ),
        "{}",
        r.screen
    );
    let json: serde_json::Value =
        serde_json::from_str(&export::export(&fw, r.app.assessment(), Format::Json)).unwrap();
    let developer = json["grades"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["role"] == "developer")
        .unwrap()
        .clone();
    assert_eq!(developer["met"], "D4", "{developer}");
    assert_eq!(developer["next"], "D5", "{developer}");
}
