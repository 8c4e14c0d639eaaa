//! Exports: golden files for each format, CSV parse-back, JSON Schema validation, an empty
//! assessment, another target profile and a custom framework.
//!
//! Golden files live in this crate's `tests/golden/`. After an intended change to an export,
//! regenerate them with `UPDATE_GOLDEN=1 cargo test -p rolefit-report --test export` and review
//! the diff.
//!
//! One file because its 17 tests share one fixed assessment and the golden-file helpers; each
//! format has its own section.

use std::fs;
use std::path::{Path, PathBuf};

use rolefit_core::scoring::{self, RatingSheet};
use rolefit_core::{Assessment, CompetencyId, Framework, Level, PlanItem, Rating};
use rolefit_files::clock::utc_from_epoch;
use rolefit_report::{self as export, Format};
use serde_json::Value;

// ---- fixtures ----------------------------------------------------------------------------

/// 2026-11-28T18:00:00Z
const CREATED: i64 = 1_795_888_800;

fn level(value: u8) -> Option<Rating> {
    Some(Rating::Level(Level::new(value).expect("on the scale")))
}

/// Notes that are awkward for every format.
const NOTE_COMMA: &str = "Planned the 2025 ERP rollout, end to end.";
const NOTE_QUOTES: &str = "Said \"no\" to scope creep, twice.";
const NOTE_LINES: &str = "Line one\nLine two\n\nAfter a blank line";
const NOTE_PIPE: &str = "Escalated a supplier issue | resolved in a week";
const NOTE_UNICODE: &str = "Café talks with the 日本 team 🎌🚀";
const NOTE_SPACES: &str = "  leading and trailing spaces  ";
const NOTE_CRLF: &str = "Windows\r\nline endings";
const NOTE_MARKUP: &str = "*Not* my call: [governance](https://example.com) # board <b>x</b> ~~no~~ $5 & R&D &amp;\n- not a list\n1. nor this\n---";
const NOTE_NA: &str = "We have an L&D team, so \"capability\" is theirs.";
const NOTE_UNRATED: &str = "Want to start mentoring, next quarter.\n";
const NOTE_UNKNOWN: &str = "From an older framework, kept.";

/// The fixed assessment every golden file is made from.
fn fixed_assessment(fw: &Framework) -> Assessment {
    let mut a = Assessment::new("Alex, \"PMO-curious\"", fw, utc_from_epoch(CREATED));
    a.display_name = Some("Alex Moreau, \"PMO-curious\"".into());
    a.team = Some("Delivery | North".into());
    a.updated = utc_from_epoch(CREATED + 20 * 60);
    let ratings: &[(&str, Option<Rating>, &str)] = &[
        ("DP1", level(4), NOTE_COMMA),
        ("DP2", level(3), NOTE_QUOTES),
        ("DP3", level(4), ""),
        ("DP4", level(3), ""),
        ("DP5", level(2), NOTE_LINES),
        ("RI1", level(4), ""),
        ("RI2", level(3), ""),
        ("RI3", level(4), NOTE_PIPE),
        ("RI4", level(3), ""),
        ("RI5", level(1), ""),
        ("SE1", level(4), NOTE_UNICODE),
        ("SE2", level(3), ""),
        ("SE3", level(5), NOTE_SPACES),
        ("SE4", level(3), ""),
        ("SE5", level(2), ""),
        ("GV1", level(4), ""),
        ("GV2", level(2), NOTE_CRLF),
        ("GV3", level(1), NOTE_MARKUP),
        ("GV4", level(2), ""),
        ("RP1", level(5), ""),
        ("RP2", level(3), ""),
        ("RP3", level(1), ""),
        ("CD1", Some(Rating::NotApplicable), NOTE_NA),
        ("CD2", None, NOTE_UNRATED),
        ("CD3", level(2), ""),
        ("FD1", level(2), ""),
        ("ZZ9", level(3), NOTE_UNKNOWN),
    ];
    for (id, rating, note) in ratings {
        let id = CompetencyId::from(*id);
        a.set_rating(&id, *rating);
        a.set_note(&id, note.to_string());
    }
    let plan: &[(&str, Option<u8>, &str)] = &[
        (
            "GV3",
            Some(3),
            "Shadow the portfolio board, \"take notes\",\nthen chair one meeting.",
        ),
        ("CD2", Some(2), "Run a lunch-and-learn"),
        (
            "RP3",
            None,
            "Ask the PMO how the portfolio view is built | and why",
        ),
        ("DP5", Some(3), ""),
        ("ZZ9", Some(4), "Map it to the new framework"),
    ];
    for (n, (id, target, action)) in plan.iter().enumerate() {
        a.plan.insert(
            CompetencyId::from(*id),
            PlanItem {
                target: target.and_then(Level::new),
                actions: if action.is_empty() {
                    Vec::new()
                } else {
                    vec![rolefit_core::PlanAction::new(n as u32 + 1, action)]
                },
                ..PlanItem::default()
            },
        );
    }
    // Actions with dates, statuses and evidence: a second one on GV3 being done, CD2's done.
    use rolefit_core::{ActionStatus, PlanAction};
    let gv3 = a.plan.get_mut(&CompetencyId::from("GV3")).unwrap();
    gv3.actions.push(PlanAction {
        due: Some(rolefit_core::time::Date {
            year: 2027,
            month: 3,
            day: 31,
        }),
        status: ActionStatus::Doing,
        ..PlanAction::new(6, "Write the terms of reference; share them")
    });
    let cd2 = &mut a.plan.get_mut(&CompetencyId::from("CD2")).unwrap().actions[0];
    cd2.status = ActionStatus::Done;
    cd2.due = Some(rolefit_core::time::Date {
        year: 2027,
        month: 2,
        day: 15,
    });
    cd2.evidence = "Ran it for 12 people, slides on the wiki".into();
    a
}

/// A small framework with other role and profile ids (and a `|` in names).
const CUSTOM: &str = r#"
format = 1
id = "ba-vs-sa"
version = 2
name = "Analyst | Architect"
summary = "A tiny framework for the export tests."

[scale]
na = "Not part of your work."
[[scale.levels]]
value = 0
label = "None"
descriptor = "Never done it."
[[scale.levels]]
value = 1
label = "Aware"
descriptor = "Knows of it."
[[scale.levels]]
value = 2
label = "Guided"
descriptor = "Does it with help."
[[scale.levels]]
value = 3
label = "Independent"
descriptor = "Does it alone."
[[scale.levels]]
value = 4
label = "Advanced"
descriptor = "Handles the hard cases."
[[scale.levels]]
value = 5
label = "Expert"
descriptor = "Sets the standard."

[[roles]]
id = "analyst"
name = "Business Analyst"
short = "BA"
essence = "Finds out what is needed."
description = "Works with stakeholders to model the need."
activities = ["Run workshops"]
horizon = "One change at a time."
scope = "Tactical."
in_practice = "Often drifts into design."

[[roles]]
id = "architect"
name = "Solution Architect"
short = "SA"
essence = "Decides how the parts fit."
description = "Shapes the structure of a solution."
activities = []
horizon = "Several releases."
scope = "Strategic."
in_practice = "Often pulled into delivery."

[[profiles]]
id = "ba"
name = "Business Analyst"
short = "BA"
role = "analyst"
description = "Targets for a business analyst."

[[profiles]]
id = "sa"
name = "Solution Architect"
short = "SA"
role = "architect"
description = "Targets for a solution architect."

[[profiles]]
id = "lead-sa"
name = "Lead | Architect"
short = "Lead"
role = "architect"
base = "sa"
description = "An architect who leads architects."
[profiles.adjust]
M2 = 5

[[areas]]
id = "MOD"
name = "Modelling | Design"
contrast = "The analyst models the need; the architect the solution."
[areas.focus.analyst]
label = "Core"
weight = "core"
meaning = "Daily work."
[areas.focus.architect]
label = "Light"
weight = "light"
meaning = "Reads the models."

[[areas]]
id = "GOV"
name = "Design Governance"
contrast = "Only the architect owns design decisions."
[areas.focus.analyst]
label = "N/A"
weight = "none"
meaning = "Not the analyst's call."
[areas.focus.architect]
label = "Owns it"
weight = "strategic"
meaning = "Sets the design standards."

[[competencies]]
id = "M1"
area = "MOD"
name = "Process modelling"
description = "Drawing how work flows."
refs = []
[competencies.practice]
analyst = "Draws the process."
architect = "Checks it against the systems."
[competencies.targets]
ba = 4
sa = 2

[[competencies]]
id = "G1"
area = "GOV"
name = "Design authority"
description = "Deciding which designs may go ahead."
refs = []
[competencies.practice]
analyst = ""
architect = "Chairs the design authority."
[competencies.targets]
ba = 1
sa = 4

[[competencies]]
id = "M2"
area = "MOD"
name = "Data modelling"
description = "Naming the things the business keeps data about."
refs = []
[competencies.practice]
analyst = "Models the entities."
architect = "Turns them into a design."
[competencies.targets]
ba = 3
sa = 2
"#;

fn custom() -> (Framework, Assessment) {
    let fw =
        rolefit_files::framework::from_toml(CUSTOM).expect("the custom test framework is valid");
    let mut a = Assessment::new("custom", &fw, utc_from_epoch(CREATED));
    a.set_rating(&"M1".into(), level(3));
    a.set_rating(&"G1".into(), level(4));
    a.set_rating(&"M2".into(), level(2));
    a.set_note(&"M2".into(), "ER diagrams, | pipes |, \"quotes\"".into());
    a.position.target = Some("lead-sa".into());
    (fw, a)
}

// ---- helpers -----------------------------------------------------------------------------

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
fn check_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read golden file {}: {err}; run `UPDATE_GOLDEN=1 cargo test -p rolefit-report --test export` \
             to create it",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    // Report the first differing line with a little context, showing line endings.
    let exp: Vec<&str> = expected.split_inclusive('\n').collect();
    let act: Vec<&str> = actual.split_inclusive('\n').collect();
    let first = exp
        .iter()
        .zip(&act)
        .position(|(e, a)| e != a)
        .unwrap_or(exp.len().min(act.len()));
    let mut message = format!(
        "{name} differs from {} at line {} (expected {} lines, got {}):\n",
        path.display(),
        first + 1,
        exp.len(),
        act.len()
    );
    let from = first.saturating_sub(2);
    for i in from..(first + 3) {
        if let Some(line) = exp.get(i) {
            message.push_str(&format!("  -{:>4} {line:?}\n", i + 1));
        }
        if let Some(line) = act.get(i) {
            message.push_str(&format!("  +{:>4} {line:?}\n", i + 1));
        }
    }
    message.push_str(
        "If the change is intended, run `UPDATE_GOLDEN=1 cargo test -p rolefit-report --test export` and review \
         the diff.",
    );
    panic!("{message}");
}

fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).expect("the JSON export parses")
}

/// Validates an export against `docs/export.schema.json`.
fn validate_schema(instance: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/export.schema.json");
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("schema exists")).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://rolefit.invalid/export.schema.json";
    compiler.add_resource(url, schema).expect("schema loads");
    let index = compiler
        .compile(url, &mut schemas)
        .unwrap_or_else(|err| panic!("schema compiles: {err:#}"));
    if let Err(err) = schemas.validate(instance, index) {
        panic!("export does not match the schema: {err:#}");
    }
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("CSV parses");
    (header, rows)
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Cells of a GFM table row, split on pipes not escaped with a backslash.
fn table_cells(line: &str) -> usize {
    let mut cells = 0;
    let mut escaped = false;
    for ch in line.chars() {
        match ch {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => cells += 1,
            _ => escaped = false,
        }
        if ch != '\\' {
            escaped = false;
        }
    }
    cells - 1
}

/// Removes Markdown backslash escapes (a backslash before ASCII punctuation).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\\'
            && let Some(next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(*next);
            chars.next();
            continue;
        }
        out.push(ch);
    }
    out
}

// ---- golden files ------------------------------------------------------------------------

#[test]
fn markdown_matches_golden() {
    let fw = rolefit_files::framework::builtin();
    check_golden("report.md", &export::markdown(&fw, &fixed_assessment(&fw)));
}

#[test]
fn json_matches_golden() {
    let fw = rolefit_files::framework::builtin();
    check_golden("report.json", &export::json(&fw, &fixed_assessment(&fw)));
}

#[test]
fn csv_matches_golden() {
    let fw = rolefit_files::framework::builtin();
    check_golden("report.csv", &export::csv(&fw, &fixed_assessment(&fw)));
}

#[test]
fn custom_framework_markdown_matches_golden() {
    let (fw, a) = custom();
    check_golden("custom.md", &export::markdown(&fw, &a));
}

#[test]
fn export_dispatches_on_format_and_is_deterministic() {
    let fw = rolefit_files::framework::builtin();
    let a = fixed_assessment(&fw);
    assert_eq!(
        export::export(&fw, &a, Format::Markdown),
        export::markdown(&fw, &a)
    );
    assert_eq!(export::export(&fw, &a, Format::Json), export::json(&fw, &a));
    assert_eq!(export::export(&fw, &a, Format::Csv), export::csv(&fw, &a));
    assert_eq!(
        export::export(&fw, &a, "md".parse().unwrap()),
        export::export(&fw, &a, Format::Markdown)
    );
    for format in Format::ALL {
        assert_eq!(
            export::export(&fw, &a, format),
            export::export(&fw, &a.clone(), format)
        );
    }
}

// ---- CSV ---------------------------------------------------------------------------------

#[test]
fn csv_parses_back_with_every_note_exact() {
    let fw = rolefit_files::framework::builtin();
    let a = fixed_assessment(&fw);
    let text = export::csv(&fw, &a);
    assert!(text.ends_with("\r\n"));
    // Every record ends with CRLF; bare LF only appears inside quoted notes.
    let (header, rows) = parse_csv(&text);
    assert_eq!(rows.len(), 33);
    assert_eq!(rows.len(), fw.competencies.len());
    assert_eq!(
        header,
        [
            "id",
            "name",
            "area",
            "area_name",
            "level",
            "note",
            "target_pm",
            "target_pmo",
            "target_portfolio-pmo",
            "target_programme-pmo",
            "target_delivery-pmo",
            "target_coe",
            "gap_profile",
            "gap",
            "band",
            "plan_target",
            "plan_action",
            "plan_open",
            "plan_done",
            "plan_next_due",
            "person",
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // The gaps follow the profile the verdict points to, as on the Results screen.
    let gap_profile = fw.profiles[export::target_profile(&fw, &a)].id.as_str();
    for (row, competency) in rows.iter().zip(&fw.competencies) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[col("id")], competency.id.as_str());
        assert_eq!(
            &row[col("note")],
            a.note(&competency.id),
            "{}",
            competency.id
        );
        let plan = a.plan.get(&competency.id);
        assert_eq!(
            &row[col("plan_action")],
            plan.map_or("", |p| p.first_text())
        );
        assert_eq!(&row[col("gap_profile")], gap_profile);
    }
    // Spot checks: a level, N/A, unrated with a note, a gap and its band.
    let by_id = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap();
    assert_eq!(&by_id("DP1")[col("level")], "4");
    assert_eq!(&by_id("CD1")[col("level")], "na");
    assert_eq!(&by_id("CD1")[col("gap")], "");
    assert_eq!(&by_id("CD2")[col("level")], "");
    assert_eq!(&by_id("CD2")[col("note")], NOTE_UNRATED);
    // The gaps are against the Project Manager profile, which the verdict points to.
    assert_eq!(&by_id("DP2")[col("gap")], "1"); // PM target 4, level 3
    assert_eq!(&by_id("DP2")[col("band")], "top-up");
    assert_eq!(&by_id("GV3")[col("gap")], "0"); // PM target 1, level 1
    assert_eq!(&by_id("GV3")[col("plan_target")], "3");
    assert_eq!(&by_id("SE3")[col("note")], NOTE_SPACES);
    assert_eq!(&by_id("GV2")[col("note")], NOTE_CRLF);
    // Unknown ids are not rows of the CSV (they are in JSON and Markdown).
    assert!(rows.iter().all(|r| &r[0] != "ZZ9"));
}

// ---- JSON --------------------------------------------------------------------------------

/// The JSON's lean is the scoring module's: outcome, firmness, position, reasons and role.
fn assert_lean_matches(fw: &Framework, sheet: &RatingSheet, lean: &Value) {
    let expected = scoring::lean(fw, sheet);
    assert_eq!(lean["outcome"], expected.outcome.key());
    assert_eq!(lean["firm"], expected.firm());
    let position = lean["position"].as_f64().unwrap();
    assert!((position - expected.position.unwrap()).abs() < 0.0005);
    let reasons: Vec<&str> = lean["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let expected_reasons: Vec<&str> = expected
        .reasons
        .iter()
        .map(|r| fw.competencies[r.competency].id.as_str())
        .collect();
    assert_eq!(reasons, expected_reasons);
    match expected.outcome {
        scoring::Outcome::Leans { side } => {
            assert_eq!(lean["role"], fw.roles[side].id.as_str());
            assert!(lean["text"].as_str().unwrap().starts_with("Leans "));
        }
        _ => assert!(lean["role"].is_null()),
    }
}

#[test]
fn json_matches_the_schema_and_the_scoring_module() {
    let fw = rolefit_files::framework::builtin();
    let a = fixed_assessment(&fw);
    let v = parse_json(&export::json(&fw, &a));
    validate_schema(&v);

    assert_eq!(v["export_version"], 2);
    assert_eq!(v["framework"]["id"], "pm-vs-pmo");
    // It leans Project Manager, so the gaps follow that profile.
    assert_eq!(v["lean"]["profile"], "pm");
    assert_eq!(v["target_profile"], "pm");
    assert_eq!(v["total"], 33);
    assert_eq!(v["rated"], a.rated_count(&fw));
    assert_eq!(v["assessment"]["updated"], "2026-11-28T18:20:00Z");
    assert_eq!(v["assessment"]["name"], "Alex, \"PMO-curious\"");

    let sheet = RatingSheet::from_assessment(&fw, &a);
    let readiness = v["readiness"].as_array().unwrap();
    assert_eq!(readiness.len(), fw.profiles.len());
    for (p, entry) in readiness.iter().enumerate() {
        assert_eq!(entry["id"], fw.profiles[p].id.as_str());
        let expected = scoring::readiness(&fw, &sheet, p);
        assert_eq!(
            entry["percent"].as_f64(),
            expected.percent.map(round1),
            "{}",
            entry["id"]
        );
        assert_eq!(entry["coverage"]["rated"], expected.rated);
        assert_eq!(entry["coverage"]["required"], expected.required);
        assert_eq!(entry["coverage"]["provisional"], expected.provisional());
    }
    assert_lean_matches(&fw, &sheet, &v["lean"]);

    let competencies = v["competencies"].as_array().unwrap();
    assert_eq!(competencies.len(), 33);
    let target_index = fw.profile_index("pm").unwrap();
    for (c, entry) in competencies.iter().enumerate() {
        let competency = &fw.competencies[c];
        assert_eq!(entry["id"], competency.id.as_str());
        assert_eq!(entry["note"], a.note(&competency.id));
        for (p, profile) in fw.profiles.iter().enumerate() {
            assert_eq!(entry["targets"][&profile.id], competency.targets[p].value());
        }
        match sheet.level(c) {
            Some(l) => {
                let t = fw.target(target_index, c);
                assert_eq!(entry["level"], l.value());
                assert_eq!(entry["gap"], scoring::gap(l, t));
                assert_eq!(entry["band"], scoring::Band::of(l, t).label());
            }
            None => {
                assert!(entry["gap"].is_null());
                assert!(entry["band"].is_null());
            }
        }
    }
    let by_id = |id: &str| competencies.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(by_id("CD1")["level"], "na");
    assert!(by_id("CD2")["level"].is_null());
    assert_eq!(by_id("CD2")["note"], NOTE_UNRATED);
    assert_eq!(by_id("CD2")["plan"]["target"], 2);
    assert!(by_id("RP3")["plan"]["target"].is_null());
    assert!(by_id("DP1")["plan"].is_null());

    let unknown = v["unknown_ratings"].as_array().unwrap();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0]["id"], "ZZ9");
    assert_eq!(unknown[0]["level"], 3);
    assert_eq!(unknown[0]["note"], NOTE_UNKNOWN);
    assert_eq!(unknown[0]["plan"]["target"], 4);

    let areas = v["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 7);
    for (a_index, area) in areas.iter().enumerate() {
        for (p, profile) in fw.profiles.iter().enumerate() {
            let expected = scoring::area_readiness(&fw, &sheet, p, a_index)
                .percent
                .map(round1);
            assert_eq!(area["readiness"][&profile.id].as_f64(), expected);
        }
    }
}

// ---- empty assessment, other targets, custom framework ----------------------------------

#[test]
fn empty_assessment_exports_without_a_verdict() {
    let fw = rolefit_files::framework::builtin();
    let a = Assessment::new("empty", &fw, utc_from_epoch(0));

    let v = parse_json(&export::json(&fw, &a));
    validate_schema(&v);
    assert_eq!(v["lean"]["outcome"], "too-early");
    assert!(v["lean"]["role"].is_null());
    assert!(v["lean"]["position"].is_null());
    assert_eq!(v["rated"], 0);
    assert!(
        v["readiness"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["percent"].is_null())
    );
    assert!(
        v["areas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["level"].is_null())
    );
    assert!(v["unknown_ratings"].as_array().unwrap().is_empty());

    let (_, rows) = parse_csv(&export::csv(&fw, &a));
    assert_eq!(rows.len(), 33);
    assert!(rows.iter().all(|r| r[4].is_empty()));

    let md = export::markdown(&fw, &a);
    assert!(md.contains("No ratings yet"), "{md}");
    assert!(md.contains("Nothing is rated on the scale yet."));
    assert!(!md.contains("NaN") && !md.contains("inf"));
    assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
}

#[test]
fn only_zero_weight_ratings_give_no_verdict_and_no_nan() {
    // Capability Development carries weight 0 for the PM: PM readiness has no basis.
    let fw = rolefit_files::framework::builtin();
    let mut a = Assessment::new("pmo-only", &fw, utc_from_epoch(0));
    a.set_rating(&"CD1".into(), level(3));
    let v = parse_json(&export::json(&fw, &a));
    validate_schema(&v);
    assert_eq!(v["lean"]["outcome"], "too-early");
    // Too early carries nothing else (T-E1): every part of the explanation is null.
    for key in [
        "position",
        "firmness",
        "firm",
        "flips",
        "reasons",
        "closest_flavour",
        "junior",
    ] {
        assert!(v["lean"][key].is_null(), "{key}: {}", v["lean"][key]);
    }
    assert!(v["readiness"][0]["percent"].is_null());
    assert!(v["readiness"][1]["percent"].is_number());
    assert!(
        v["readiness"][1]["coverage"]["provisional"]
            .as_bool()
            .unwrap()
    );
    let md = export::markdown(&fw, &a);
    assert!(!md.contains("NaN"));
}

#[test]
fn the_target_profile_comes_from_the_assessment_when_the_framework_has_it() {
    let fw = rolefit_files::framework::builtin();
    let mut a = fixed_assessment(&fw);
    // Nothing chosen: the gaps follow the verdict, which leans Project Manager.
    assert_eq!(export::target_profile(&fw, &a), fw.main_profiles[0]);
    // A file from before `target_chosen` always held `target = "pmo"`, the old default: that
    // is no choice. Another profile there, or any with `target_chosen`, is.
    a.position.target = Some("pmo".into());
    assert_eq!(export::target_profile(&fw, &a), fw.main_profiles[0]);
    a.position.target_chosen = true;
    assert_eq!(export::target_profile(&fw, &a), fw.main_profiles[1]);
    a.position.target_chosen = false;

    a.position.target = Some("coe".into());
    let coe = fw.profile_index("coe").unwrap();
    assert_eq!(export::target_profile(&fw, &a), coe);
    let v = parse_json(&export::json(&fw, &a));
    validate_schema(&v);
    assert_eq!(v["target_profile"], "coe");
    let sheet = RatingSheet::from_assessment(&fw, &a);
    for (c, entry) in v["competencies"].as_array().unwrap().iter().enumerate() {
        if let Some(l) = sheet.level(c) {
            assert_eq!(entry["gap"], scoring::gap(l, fw.target(coe, c)));
        }
    }
    let md = export::markdown(&fw, &a);
    assert!(md.contains("## Gaps to Centre of Excellence"));
    assert!(
        md.contains("| Ready CoE |"),
        "a flavour target gets its own area column"
    );
    let (_, rows) = parse_csv(&export::csv(&fw, &a));
    assert!(rows.iter().all(|r| &r[12] == "coe"));

    // A profile the framework lacks is no choice: the gaps follow the verdict.
    a.position.target = Some("no-such-profile".into());
    let sheet = rolefit_core::scoring::RatingSheet::from_assessment(&fw, &a);
    let follows = rolefit_core::summary::Summary::compute_for(&fw, &sheet, None).target;
    assert_eq!(export::target_profile(&fw, &a), follows);
}

#[test]
fn a_custom_framework_exports_with_its_own_profile_ids() {
    let (fw, a) = custom();
    let v = parse_json(&export::json(&fw, &a));
    validate_schema(&v);
    assert_eq!(v["framework"]["id"], "ba-vs-sa");
    assert_eq!(v["framework"]["version"], 2);
    assert_eq!(v["target_profile"], "lead-sa");
    assert_eq!(v["total"], 3);
    let ids: Vec<&str> = v["readiness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ba", "sa", "lead-sa"]);
    assert_eq!(v["readiness"][2]["base"], "sa");
    assert_eq!(v["readiness"][2]["role"], "architect");
    // M2 is first by area even though it is last in the file; lead-sa adjusts M2 to 5.
    let m2 = &v["competencies"][1];
    assert_eq!(m2["id"], "M2");
    assert_eq!(m2["targets"]["lead-sa"], 5);
    assert_eq!(m2["gap"], 3);
    assert_eq!(m2["band"], "gap");
    let areas = &v["areas"][0];
    assert!(areas["focus"]["analyst"]["weight"] == 3);
    assert!(areas["targets"]["ba"].is_number() && areas["targets"]["sa"].is_number());
    // A framework with fewer than 8 competencies that tell the roles apart needs half of them
    // and at least 3 (PRODUCT.md §7): all three are rated, so the shape shows.
    assert_eq!(v["lean"]["telling"]["needed"], 3);
    assert_eq!(v["lean"]["outcome"], "leans");
    assert_eq!(v["lean"]["role"], "architect");
    assert!(
        v["lean"]["text"]
            .as_str()
            .unwrap()
            .contains("Leans Solution Architect")
    );

    let (header, rows) = parse_csv(&export::csv(&fw, &a));
    assert_eq!(rows.len(), 3);
    assert_eq!(&header[6..9], ["target_ba", "target_sa", "target_lead-sa"]);
    assert_eq!(&rows[1][5], "ER diagrams, | pipes |, \"quotes\"");

    let md = export::markdown(&fw, &a);
    assert!(md.contains("Modelling \\| Design"));
    assert!(md.contains("## Gaps to Lead \\| Architect"));
}

// ---- Markdown ----------------------------------------------------------------------------

#[test]
fn markdown_tables_are_well_formed_and_every_note_line_renders() {
    for (fw, a) in [
        {
            let fw = rolefit_files::framework::builtin();
            let a = fixed_assessment(&fw);
            (fw, a)
        },
        custom(),
    ] {
        let md = export::markdown(&fw, &a);
        // Tables: every row of a table has as many cells as its header, and the delimiter
        // row follows the header.
        let lines: Vec<&str> = md.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            if lines[i].starts_with('|') {
                let width = table_cells(lines[i]);
                assert!(
                    lines[i + 1].starts_with("| ---"),
                    "header without delimiter: {}",
                    lines[i]
                );
                while i < lines.len() && lines[i].starts_with('|') {
                    assert_eq!(table_cells(lines[i]), width, "ragged row: {}", lines[i]);
                    i += 1;
                }
                assert!(i == lines.len() || lines[i].is_empty(), "table not ended");
            }
            i += 1;
        }
        // Every non-blank line of every note and action shows, trimmed, in a block quote.
        let quoted: Vec<String> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("> "))
            .map(|l| unescape(l.strip_suffix('\\').unwrap_or(l)))
            .collect();
        // Every line of every action shows, trimmed, as a line of a list item (the first
        // after "- ", the others indented after a hard break).
        let items: Vec<String> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("- ").or_else(|| l.strip_prefix("  ")))
            .map(|l| unescape(l.strip_suffix('\\').unwrap_or(l)))
            .collect();
        for action in a.plan.values().flat_map(|p| &p.actions) {
            for line in action
                .text
                .split(['\r', '\n'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                assert!(
                    items.iter().any(|item| item.starts_with(line)),
                    "action line {line:?} is not in a list item:\n{md}"
                );
            }
        }
        let texts = a.ratings.values().map(|e| e.note.as_str());
        for text in texts {
            for line in text
                .split(['\r', '\n'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                assert!(
                    quoted.iter().any(|q| q == line),
                    "note line {line:?} is not quoted literally"
                );
            }
        }
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
        assert!(!md.contains('\r'));
    }
}

#[test]
fn markdown_reports_the_verdict_gaps_plan_and_unknown_ids() {
    let fw = rolefit_files::framework::builtin();
    let a = fixed_assessment(&fw);
    let md = export::markdown(&fw, &a);
    let v = parse_json(&export::json(&fw, &a));
    let text = v["lean"]["text"].as_str().unwrap();
    assert!(md.contains(&format!("**{text}**")));
    for heading in [
        "## Verdict",
        "## Readiness per profile",
        "## Areas",
        "## Gaps to Project Manager",
        "## Above target",
        "## Not scored",
        "## Development plan",
        "## Notes",
        "## Ratings for competencies this framework does not have",
        "### ZZ9",
        "### GV3 Governance design",
        "### CD2 Learning and coaching (not rated)",
    ] {
        assert!(md.contains(heading), "missing {heading:?}");
    }
    assert!(md.contains("| DP2 Scheduling | Delivery Planning | 3 | 4 | 1 | top-up |"));
}

// ---- second opinions -----------------------------------------------------------------------

/// The fixed assessment with two imported reviews: Sam (notes, a "talk about this" on DP1 and
/// GV1, an N/A) and Kim (one rating, agreeing).
fn reviewed_assessment(fw: &Framework) -> Assessment {
    let mut a = fixed_assessment(fw);
    let entry = |rating, note: &str| rolefit_core::Entry {
        rating,
        note: note.to_string(),
        ..Default::default()
    };
    let sam = rolefit_core::Review {
        id: "5c8931dde338ff6b".into(),
        date: Some(utc_from_epoch(CREATED + 86_400)),
        ratings: [
            ("DP1", entry(level(2), "Saw the plan slip | twice.")),
            ("DP2", entry(level(4), "")),
            ("GV1", entry(level(1), "")),
            ("RI1", entry(Some(Rating::NotApplicable), "")),
        ]
        .into_iter()
        .map(|(id, e)| (CompetencyId::from(id), e))
        .collect(),
        extra: Default::default(),
    };
    let kim = rolefit_core::Review {
        id: "0000000000000002".into(),
        date: None,
        ratings: [(CompetencyId::from("DP3"), entry(level(4), ""))].into(),
        extra: Default::default(),
    };
    a.reviews.insert("Sam O'Neil".into(), sam);
    a.reviews.insert("Kim".into(), kim);
    a
}

#[test]
fn exports_with_reviews_match_golden() {
    let fw = rolefit_files::framework::builtin();
    let a = reviewed_assessment(&fw);
    check_golden("reviews.md", &export::markdown(&fw, &a));
    check_golden("reviews.json", &export::json(&fw, &a));
    check_golden("reviews.csv", &export::csv(&fw, &a));
}

#[test]
fn reviews_are_in_every_export() {
    let fw = rolefit_files::framework::builtin();
    let a = reviewed_assessment(&fw);
    // JSON: valid against the schema, one object per reviewer with ratings and calibration.
    let json = parse_json(&export::json(&fw, &a));
    validate_schema(&json);
    let reviews = json["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 2);
    let sam = reviews
        .iter()
        .find(|r| r["reviewer"] == "Sam O'Neil")
        .unwrap();
    assert_eq!(sam["ratings"]["DP1"], 2);
    assert_eq!(sam["ratings"]["RI1"], "na");
    assert_eq!(sam["notes"]["DP1"], "Saw the plan slip | twice.");
    assert_eq!(sam["date"], "2026-11-29T18:00:00Z");
    // Self DP1 4 vs 2, DP2 3 vs 4, GV1 4 vs 1: higher on 2, lower on 1, talk about DP1 and GV1.
    assert_eq!(sam["calibration"]["higher"], 2);
    assert_eq!(sam["calibration"]["lower"], 1);
    assert_eq!(
        sam["calibration"]["talk_about"],
        serde_json::json!(["DP1", "GV1"])
    );
    // Without reviews the array is there and empty.
    let plain = parse_json(&export::json(&fw, &fixed_assessment(&fw)));
    assert_eq!(plain["reviews"], serde_json::json!([]));

    // CSV: a column per reviewer.
    let (header, rows) = parse_csv(&export::csv(&fw, &a));
    let kim = header.iter().position(|h| h == "review_Kim").unwrap();
    let sam = header
        .iter()
        .position(|h| h == "review_Sam O'Neil")
        .unwrap();
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap();
    assert_eq!(&row("DP1")[sam], "2");
    assert_eq!(&row("RI1")[sam], "na");
    assert_eq!(&row("DP3")[kim], "4");
    assert_eq!(&row("DP3")[sam], "");
    let (plain_header, _) = parse_csv(&export::csv(&fw, &fixed_assessment(&fw)));
    assert!(!plain_header.iter().any(|h| h.starts_with("review_")));

    // Markdown: the section, the sentence, the differences flagged, the reviewer's note.
    let md = export::markdown(&fw, &a);
    assert!(md.contains("## Second opinions"), "{md}");
    assert!(
        md.contains("You rate yourself higher than Sam O'Neil on 2 competencies, lower on 1; 2 differ by two levels or more — talk about these."),
        "{md}"
    );
    let dp1 = md
        .lines()
        .find(|l| l.starts_with("| DP1 ") && l.contains("talk about this"))
        .unwrap_or_else(|| panic!("no flagged DP1 row in\n{md}"));
    assert_eq!(table_cells(dp1), 5, "{dp1}");
    assert!(md.contains("Saw the plan slip \\| twice."), "{md}");
    assert!(!export::markdown(&fw, &fixed_assessment(&fw)).contains("Second opinions"));
}

/// A framework without an axis ranks readiness and has no lean: its JSON says `"lean": null`
/// (not a "too early" verdict about two roles it does not have), and matches the schema.
#[test]
fn json_without_an_axis_has_no_lean_and_matches_the_schema() {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/frameworks/examples/sfia9-change.toml"),
    )
    .unwrap();
    let fw = rolefit_files::framework::from_toml(&text).unwrap();
    assert!(!fw.axis);
    let mut a = Assessment::new("s", &fw, utc_from_epoch(1_795_888_800));
    let first = &fw.competencies[0];
    let valid = fw.valid_levels(0);
    a.set_rating(&first.id, Some(Rating::Level(valid[0])));
    // "Not yet" on another, which JSON writes as "none".
    a.set_rating(&fw.competencies[1].id, Some(Rating::Level(Level::NONE)));
    let json = parse_json(&export::json(&fw, &a));
    assert_eq!(json["competencies"][1]["level"], "none");
    // A target the profile leaves out is null, not a level.
    assert!(
        json["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["targets"]
                .as_object()
                .unwrap()
                .values()
                .any(Value::is_null)),
        "{}",
        json["competencies"]
    );
    assert!(json["lean"].is_null(), "{}", json["lean"]);
    assert!(json["readiness"].as_array().is_some_and(|r| !r.is_empty()));
    validate_schema(&json);
    // The built-in framework keeps its lean object.
    let fw = rolefit_files::framework::builtin();
    let json = parse_json(&export::json(&fw, &fixed_assessment(&fw)));
    assert!(json["lean"].is_object());
}

#[test]
fn plan_actions_with_dates_statuses_and_evidence_are_in_every_export() {
    let fw = rolefit_files::framework::builtin();
    let a = fixed_assessment(&fw);
    // CSV: per competency, open and done actions and the next open due date.
    let (header, rows) = parse_csv(&export::csv(&fw, &a));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap();
    let cells = |id: &str| {
        let r = row(id);
        (
            r[col("plan_open")].to_string(),
            r[col("plan_done")].to_string(),
            r[col("plan_next_due")].to_string(),
        )
    };
    assert_eq!(cells("GV3"), ("2".into(), "0".into(), "2027-03-31".into()));
    assert_eq!(
        cells("CD2"),
        ("0".into(), "1".into(), String::new()),
        "done is not next"
    );
    assert_eq!(cells("DP1"), ("0".into(), "0".into(), String::new()));
    // JSON: every action with its id, date, status and evidence.
    let json: Value = serde_json::from_str(&export::json(&fw, &a)).unwrap();
    let plan_of = |id: &str| {
        json["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["plan"]
            .clone()
    };
    let cd2 = &plan_of("CD2")["actions"][0];
    assert_eq!(cd2["status"], "done");
    assert_eq!(cd2["due"], "2027-02-15");
    assert_eq!(cd2["evidence"], "Ran it for 12 people, slides on the wiki");
    let gv3 = plan_of("GV3");
    let ids: Vec<u64> = gv3["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 6]);
    // Markdown and HTML: the status in words beside each action, and the evidence.
    let md = export::markdown(&fw, &a);
    assert!(
        md.contains("- Write the terms of reference; share them — due 2027-03-31, doing\n"),
        "{md}"
    );
    assert!(
        md.contains("— due 2027-02-15, done; evidence: Ran it for 12 people"),
        "{md}"
    );
    let html = export::html(&fw, &a);
    assert!(
        html.contains("class=\"plan-actions\""),
        "the actions are a list"
    );
    assert!(
        html.contains("due 2027-03-31, <span class=\"status status-doing\">doing</span>"),
        "the status is a word"
    );
    assert!(html.contains("evidence: Ran it for 12 people, slides on the wiki"));
}
