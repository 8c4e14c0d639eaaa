//! Assessment files: property-based round trips through the codec and through the disk, how
//! `read_assessment` classifies broken files, and unknown keys surviving a rewrite.
//!
//! One file because its 25 tests share the property strategies that build assessments; the
//! sections are round trips, broken files and unknown keys.

use std::fs;

use proptest::prelude::*;
use rolefit_core::time::{Date, Datetime, Offset, Time};
use rolefit_core::{
    ActionStatus, Assessment, CompetencyId, Editing, Entry, Level, PlanAction, PlanItem, Position,
    Rating, Screen, Snapshot,
};
use rolefit_files::codec;
use rolefit_files::{ReadOutcome, read_assessment, save_assessment};

// ---- strategies ----------------------------------------------------------------------------

/// Competency ids: every id of the built-in framework, plus ids it does not know (some of
/// them only writable as quoted TOML keys).
fn all_ids() -> Vec<String> {
    let mut ids: Vec<String> = rolefit_files::framework::builtin()
        .competencies
        .iter()
        .map(|c| c.id.0.clone())
        .collect();
    ids.extend(
        [
            "ZZ9",
            "old-id",
            "dp1",
            "dotted.id",
            "with space",
            "ünï",
            "\"q\"",
        ]
        .map(String::from),
    );
    ids
}

fn competency_id() -> impl Strategy<Value = CompetencyId> {
    prop::sample::select(all_ids()).prop_map(CompetencyId)
}

/// Pieces that are hard to write in TOML strings.
const TRICKY: &[&str] = &[
    "\"",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "\"\"\"",
    "'''",
    "\t",
    "'",
    "\\n",
    "\\u0041",
    "\u{0}",
    "\u{7f}",
    "\u{1b}[31m",
    "\u{8}",
    "\u{c}",
    "\u{b}",
    "\u{85}",
    "\u{feff}",
    "\u{2028}",
    "\u{200b}",
    "é",
    "🙂",
    " ",
    "#",
    "=",
    "[x]",
    "${HOME}",
    "\"\"\"\"",
    "''''",
];

/// Arbitrary Unicode text, rich in the tricky pieces.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            2 => any::<char>().prop_map(String::from),
            2 => prop::sample::select(TRICKY).prop_map(String::from),
            1 => "[a-zA-Z0-9 .,]{1,12}",
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

fn non_empty_text() -> impl Strategy<Value = String> {
    text().prop_filter("non-empty", |s| !s.is_empty())
}

fn level() -> impl Strategy<Value = Level> {
    (0u8..=5).prop_map(|n| Level::new(n).unwrap())
}

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        3 => level().prop_map(|l| Some(Rating::Level(l))),
        1 => Just(Some(Rating::NotApplicable)),
        1 => Just(None),
    ]
}

/// A scalar TOML value that compares equal to itself (no floats: NaN).
fn scalar() -> impl Strategy<Value = rolefit_core::value::Value> {
    prop_oneof![
        text().prop_map(rolefit_core::value::Value::String),
        any::<i64>().prop_map(rolefit_core::value::Value::Integer),
        any::<bool>().prop_map(rolefit_core::value::Value::Boolean),
        prop::collection::vec(
            any::<i64>().prop_map(rolefit_core::value::Value::Integer),
            0..3
        )
        .prop_map(rolefit_core::value::Value::Array),
    ]
}

/// Unknown keys, as a newer rolefit or a person might add them.
fn extras(keys: &'static [&'static str]) -> impl Strategy<Value = rolefit_core::value::Table> {
    prop::collection::btree_map(prop::sample::select(keys), scalar(), 0..3).prop_map(|m| {
        m.into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<rolefit_core::value::Table>()
    })
}

fn entry() -> impl Strategy<Value = Entry> {
    (rating(), text(), extras(&["confidence", "evidence", "x-y"])).prop_filter_map(
        "an entry with nothing in it is not saved",
        |(rating, note, extra)| {
            let e = Entry {
                rating,
                note,
                extra,
            };
            (!e.is_empty()).then_some(e)
        },
    )
}

fn date() -> impl Strategy<Value = Date> {
    (0u16..=9999, 1u8..=12, 1u8..=28).prop_map(|(year, month, day)| Date { year, month, day })
}

/// An action; its id is given when the whole assessment is put together (ids are unique
/// across the plan).
fn plan_action() -> impl Strategy<Value = PlanAction> {
    (
        text(),
        prop::option::of(date()),
        prop::sample::select(ActionStatus::ALL.to_vec()),
        text(),
        extras(&["owner", "x-link"]),
        prop::option::of(date()),
    )
        .prop_map(|(text, due, status, evidence, extra, done_on)| PlanAction {
            id: 0,
            text,
            due,
            status,
            evidence,
            done_on,
            extra,
        })
}

fn plan_item() -> impl Strategy<Value = PlanItem> {
    (
        prop::option::of(level()),
        prop::collection::vec(plan_action(), 0..4),
        extras(&["due", "owner"]),
    )
        .prop_filter_map(
            "an empty plan item is not saved",
            |(target, actions, extra)| {
                let p = PlanItem {
                    target,
                    actions,
                    extra,
                };
                (!p.is_empty()).then_some(p)
            },
        )
}

fn datetime() -> impl Strategy<Value = Datetime> {
    (
        (0u16..=9999, 1u8..=12, 1u8..=28),
        (0u8..24, 0u8..60, 0u8..60),
        prop::option::of(1u32..1_000_000_000),
        prop_oneof![
            3 => Just(Some(Offset::Z)),
            1 => (-1439i16..=1439).prop_map(|minutes| Some(Offset::Custom { minutes })),
            1 => Just(None),
        ],
    )
        .prop_map(
            |((year, month, day), (hour, minute, second), nanosecond, offset)| Datetime {
                date: Some(Date { year, month, day }),
                time: Some(Time {
                    hour,
                    minute,
                    second: Some(second),
                    nanosecond,
                }),
                offset,
            },
        )
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (
        datetime(),
        text(),
        prop::collection::btree_map(
            competency_id(),
            rating().prop_filter_map("rated", |r| r),
            0..8,
        ),
        extras(&["who", "x-note"]),
    )
        .prop_map(|(taken, label, ratings, extra)| Snapshot {
            taken,
            label,
            ratings,
            extra,
        })
}

fn profile_id() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "pm",
        "pmo",
        "portfolio-pmo",
        "programme-pmo",
        "delivery-pmo",
        "coe",
        "gone-profile",
    ])
    .prop_map(String::from)
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (
        (
            non_empty_text(),
            prop_oneof![Just("pm-vs-pmo".to_string()), text()],
            any::<u32>(),
            datetime(),
            datetime(),
        ),
        (
            prop::sample::select(Screen::ALL.to_vec()),
            prop::option::of(competency_id()),
            prop::option::of(profile_id()),
            extras(&["zoom", "scroll"]),
            (any::<bool>(), any::<bool>()),
            prop::option::of((any::<bool>(), competency_id()).prop_map(|(note, id)| {
                if note {
                    Editing::Note(id)
                } else {
                    Editing::Plan(id)
                }
            })),
        ),
        prop::collection::btree_map(competency_id(), entry(), 0..12),
        prop::collection::btree_map(competency_id(), plan_item(), 0..4),
        extras(&["unit", "mood", "x-custom"]),
        prop::option::of(extras(&["a", "b"]).prop_filter("non-empty", |t| !t.is_empty())),
        prop::collection::vec(snapshot(), 0..3),
        (
            prop::option::of(text()),
            prop::option::of(non_empty_text()),
            prop::option::of(non_empty_text()),
        ),
    )
        .prop_map(
            |(
                (name, framework, framework_version, created, updated),
                (
                    screen,
                    competency,
                    target,
                    position_extra,
                    (show_targets, target_chosen),
                    editing,
                ),
                ratings,
                mut plan,
                mut extra,
                section,
                history,
                (display_name, role, team),
            )| {
                if !position_extra.is_empty() {
                    extra.insert(
                        "position".into(),
                        rolefit_core::value::Value::Table(position_extra),
                    );
                }
                if let Some(section) = section {
                    extra.insert(
                        "extra_section".into(),
                        rolefit_core::value::Value::Table(section),
                    );
                }
                // Ids as rolefit gives them: unique across the plan, not always in order.
                let mut next = 7;
                for action in plan.values_mut().flat_map(|p| p.actions.iter_mut()) {
                    action.id = next;
                    next = next * 3 % 1000 + 1;
                }
                Assessment {
                    name,
                    display_name,
                    role,
                    team,
                    framework,
                    framework_version,
                    // Not generated here: the codec's unit tests round-trip them.
                    framework_hash: None,
                    framework_path: None,
                    created,
                    updated,
                    position: Position {
                        screen,
                        competency,
                        target,
                        target_chosen,
                        show_targets,
                        editing,
                    },
                    ratings,
                    plan,
                    history,
                    reviews: Default::default(),
                    extra,
                }
            },
        )
}

// ---- round trips ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn codec_round_trip(a in assessment()) {
        let text = codec::to_toml(&a);
        let back = codec::parse(&text, "fallback-name");
        prop_assert_eq!(back.as_ref(), Ok(&a), "written text:\n{}", text);
        // Writing is stable: the same assessment gives the same bytes.
        prop_assert_eq!(codec::to_toml(&back.unwrap()), text);
    }

    #[test]
    fn save_and_read_round_trip(a in assessment()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("someone.toml");
        save_assessment(&path, &a).unwrap();
        match read_assessment(&path, "someone") {
            ReadOutcome::Loaded(b) => prop_assert_eq!(b, a),
            other => prop_assert!(false, "expected Loaded, got {}", describe(&other)),
        }
        // Only the file itself is left: no temp files.
        prop_assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

/// A fixed assessment with one note.
fn with_note(note: &str) -> Assessment {
    let mut a = Assessment::new(
        "n",
        &rolefit_files::framework::builtin(),
        rolefit_files::clock::utc_from_epoch(0),
    );
    a.set_rating(&"DP1".into(), Some(Rating::Level(Level::new(3).unwrap())));
    a.set_note(&"DP1".into(), note.to_string());
    a
}

#[test]
fn every_control_character_in_a_note_round_trips() {
    for c in (0u32..0x20).chain([0x7f, 0x80, 0x85, 0x9f]) {
        let c = char::from_u32(c).unwrap();
        for note in [c.to_string(), format!("a{c}b"), format!("line\n{c}\nline")] {
            let a = with_note(&note);
            let text = codec::to_toml(&a);
            assert_eq!(
                codec::parse(&text, "n").as_ref(),
                Ok(&a),
                "note {note:?} written as:\n{text}"
            );
        }
    }
}

#[test]
fn quotes_and_newlines_in_notes_round_trip() {
    for note in [
        "\"\"\"",
        "'''",
        "ends with a quote\"",
        "ends with a backslash\\",
        "multi\nline\nwith \"\"\" inside\n",
        "\n\nleading newlines",
        "trailing newlines\n\n",
        "crlf\r\nline",
        "tab\there",
    ] {
        let a = with_note(note);
        let text = codec::to_toml(&a);
        assert_eq!(codec::parse(&text, "n").as_ref(), Ok(&a), "{text}");
    }
}

// ---- classification of files on disk -------------------------------------------------------

fn describe(outcome: &ReadOutcome) -> String {
    match outcome {
        ReadOutcome::Missing => "Missing".into(),
        ReadOutcome::Loaded(a) => format!("Loaded({})", a.name),
        ReadOutcome::Newer { found, .. } => format!("Newer({found})"),
        ReadOutcome::Unreadable(u) => format!("Unreadable({u})"),
    }
}

/// Writes `bytes` to a file and reads it back as an assessment.
fn read_bytes(bytes: &[u8]) -> ReadOutcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    fs::write(&path, bytes).unwrap();
    let outcome = read_assessment(&path, "a");
    // Reading never changes the file.
    assert_eq!(fs::read(&path).unwrap(), bytes);
    outcome
}

/// Asserts the file is unreadable, at `at` when given, with a reason containing `needle`.
fn assert_unreadable(bytes: &[u8], at: Option<(usize, usize)>, needle: &str) {
    match read_bytes(bytes) {
        ReadOutcome::Unreadable(u) => {
            assert_eq!(u.line, at, "{u} (for {:?})", String::from_utf8_lossy(bytes));
            assert!(
                u.reason.to_lowercase().contains(needle),
                "{:?} should mention {needle:?}",
                u.reason
            );
            assert!(u.path.ends_with("a.toml"));
        }
        other => panic!(
            "{:?} gave {}",
            String::from_utf8_lossy(bytes),
            describe(&other)
        ),
    }
}

const HEAD: &str = "format = 1\nframework = \"pm-vs-pmo\"\n";

#[test]
fn empty_file_is_unreadable() {
    assert_unreadable(b"", Some((1, 1)), "empty");
}

#[test]
fn whitespace_only_file_is_unreadable() {
    assert_unreadable(b"  \n\t\n\n", Some((1, 1)), "empty");
}

#[test]
fn non_utf8_file_is_unreadable_at_the_bad_byte() {
    assert_unreadable(&[0xff, 0xfe], Some((1, 1)), "utf-8");
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"name = \"ab\xff\"\n");
    assert_unreadable(&bytes, Some((3, 11)), "utf-8");
}

#[test]
fn a_directory_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    fs::create_dir(&path).unwrap();
    match read_assessment(&path, "a") {
        ReadOutcome::Unreadable(u) => {
            assert_eq!(u.line, None);
            assert!(u.reason.contains("folder"), "{}", u.reason);
        }
        other => panic!("{}", describe(&other)),
    }
}

#[test]
fn a_missing_file_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        read_assessment(&dir.path().join("nope.toml"), "nope"),
        ReadOutcome::Missing
    ));
}

#[test]
fn level_above_the_scale_is_unreadable_at_the_value() {
    let text = format!("{HEAD}\n[ratings.DP1]\nlevel = 7\n");
    assert_unreadable(text.as_bytes(), Some((5, 9)), "outside");
}

#[test]
fn level_as_a_word_is_unreadable_at_the_value() {
    let text = format!("{HEAD}\n[ratings.DP1]\nlevel = \"high\"\n");
    assert_unreadable(text.as_bytes(), Some((5, 9)), "not a level");
}

#[test]
fn fractional_level_is_unreadable_at_the_value() {
    let text = format!("{HEAD}\n[ratings.DP1]\nlevel = 4.5\n");
    assert_unreadable(
        text.as_bytes(),
        Some((5, 9)),
        "`4.5`, expected a level from 0 to 5",
    );
}

#[test]
fn fractional_level_reason_is_clear() {
    for value in ["4.5", "true", "[4]"] {
        let text = format!("{HEAD}\n[ratings.DP1]\nlevel = {value}\n");
        match read_bytes(text.as_bytes()) {
            ReadOutcome::Unreadable(u) => {
                assert!(
                    !u.reason.contains("RawLevel") && !u.reason.contains("untagged"),
                    "the reason names internals: {u}"
                );
                assert!(
                    u.reason.contains("0 to 5") || u.reason.contains("0..=5"),
                    "{u}"
                );
            }
            other => panic!("{}", describe(&other)),
        }
    }
}

#[test]
fn negative_plan_target_is_unreadable_at_the_value() {
    let text = format!("{HEAD}\n[plan.DP1]\ntarget = -1\n");
    assert_unreadable(text.as_bytes(), Some((5, 10)), "outside");
}

#[test]
fn missing_format_is_unreadable() {
    match read_bytes(b"framework = \"pm-vs-pmo\"\n[ratings.DP1]\nlevel = 3\n") {
        ReadOutcome::Unreadable(u) => {
            assert!(u.line.is_some(), "{u}");
            assert!(u.reason.contains("format"), "{u}");
        }
        other => panic!("{}", describe(&other)),
    }
}

#[test]
fn format_as_text_is_unreadable_at_the_value() {
    assert_unreadable(
        b"format = \"1\"\nframework = \"pm-vs-pmo\"\n",
        Some((1, 10)),
        "format",
    );
}

#[test]
fn syntax_error_is_unreadable_where_it_is() {
    let text = format!("{HEAD}[ratings.DP1\nlevel = 3\n");
    match read_bytes(text.as_bytes()) {
        ReadOutcome::Unreadable(u) => assert_eq!(u.line.map(|(l, _)| l), Some(3), "{u}"),
        other => panic!("{}", describe(&other)),
    }
}

#[test]
fn newer_format_is_recognised_even_with_a_different_shape() {
    for text in [
        "format = 2\nframework = \"pm-vs-pmo\"\n",
        "format = 2\nframework = { id = \"pm-vs-pmo\" }\n[ratings.DP1]\nlevel = \"expert\"\n",
    ] {
        match read_bytes(text.as_bytes()) {
            ReadOutcome::Newer { found, .. } => assert_eq!(found, 2),
            other => panic!("{text:?} gave {}", describe(&other)),
        }
    }
}

// ---- unknown keys --------------------------------------------------------------------------

const WITH_UNKNOWN_KEYS: &str = r#"format = 1
framework = "pm-vs-pmo"
framework_version = 1
name = "default"
created = 2026-11-28T18:00:00Z
updated = 2026-11-28T18:20:00Z
unit = "north"
reviewed_by = ["a", "b"]

[position]
screen = "rate"
competency = "RI2"
zoom = 2
panel = { left = true }

[ratings.DP1]
level = 4
note = "Planned it."
confidence = "high"
evidence = { url = "https://example.com", year = 2025 }

[ratings.ZZ9]
level = "na"
source = "old framework"

[plan.DP1]
target = 5
action = "Lead a bigger rollout"
due = 2027-03-01

[future_section]
x = 1
nested = { y = "z" }
"#;

#[test]
fn unknown_keys_survive_parse_write_parse() {
    let a = codec::parse(WITH_UNKNOWN_KEYS, "x").unwrap();
    assert_eq!(a.extra.get("unit").and_then(|v| v.as_str()), Some("north"));
    assert!(a.extra.contains_key("reviewed_by"));
    assert!(a.extra.contains_key("future_section"));
    let position = a.extra.get("position").and_then(|v| v.as_table()).unwrap();
    assert_eq!(position.get("zoom").and_then(|v| v.as_integer()), Some(2));
    assert!(position.contains_key("panel"));
    let dp1 = &a.ratings[&CompetencyId::from("DP1")];
    assert_eq!(
        dp1.extra.get("confidence").and_then(|v| v.as_str()),
        Some("high")
    );
    assert!(dp1.extra.contains_key("evidence"));
    let zz9 = &a.ratings[&CompetencyId::from("ZZ9")];
    assert_eq!(zz9.rating, Some(Rating::NotApplicable));
    assert!(zz9.extra.contains_key("source"));
    assert!(a.plan[&CompetencyId::from("DP1")].extra.contains_key("due"));

    let written = codec::to_toml(&a);
    let again = codec::parse(&written, "x").unwrap();
    assert_eq!(again, a, "written:\n{written}");
    // The known keys still come first, in the documented order.
    assert!(
        written
            .strip_prefix(codec::FILE_HEADER)
            .is_some_and(|w| w.starts_with(
                "format = 1\nframework = \"pm-vs-pmo\"\nframework_version = 1\nname = \"default\"\n"
            )),
        "{written}"
    );
    let as_value: toml::Table = toml::from_str(&written).unwrap();
    let mut original: toml::Table = toml::from_str(WITH_UNKNOWN_KEYS).unwrap();
    // The old one-line action is written as the first action of the new shape.
    let dp1 = original["plan"]["DP1"].as_table().unwrap().clone();
    let mut dp1 = dp1;
    dp1.remove("action");
    let action: toml::Table =
        toml::from_str("id = 1\ntext = \"Lead a bigger rollout\"\nstatus = \"planned\"\n").unwrap();
    dp1.insert(
        "actions".into(),
        toml::Value::Array(vec![toml::Value::Table(action)]),
    );
    original["plan"]
        .as_table_mut()
        .unwrap()
        .insert("DP1".into(), toml::Value::Table(dp1));
    assert_eq!(as_value, original, "the written file holds the same data");
}

#[test]
fn unknown_keys_survive_save_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("default.toml");
    let a = codec::parse(WITH_UNKNOWN_KEYS, "default").unwrap();
    save_assessment(&path, &a).unwrap();
    match read_assessment(&path, "default") {
        ReadOutcome::Loaded(b) => assert_eq!(b, a),
        other => panic!("{}", describe(&other)),
    }
}

#[test]
fn a_name_missing_from_the_file_comes_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team-2026.toml");
    fs::write(&path, HEAD).unwrap();
    match read_assessment(&path, "team-2026") {
        ReadOutcome::Loaded(a) => {
            assert_eq!(a.name, "team-2026");
            assert!(a.ratings.is_empty());
            assert!(a.extra.is_empty());
        }
        other => panic!("{}", describe(&other)),
    }
    // Reading did not rewrite it.
    assert_eq!(fs::read_to_string(&path).unwrap(), HEAD);
}

// ---- plan actions ---------------------------------------------------------------------------

#[test]
fn an_old_plan_line_loads_as_one_planned_action_and_is_written_in_the_new_shape() {
    let text = format!(
        "{HEAD}\n[plan.GV3]\ntarget = 4\naction = \"Shadow a gate review\"\n\n\
         [plan.DP1]\naction = \"Ask for a mentor\"\n"
    );
    let a = codec::parse(&text, "x").unwrap();
    let gv3 = &a.plan[&CompetencyId::from("GV3")];
    assert_eq!(gv3.target, Level::new(4));
    assert_eq!(gv3.actions.len(), 1);
    assert_eq!(gv3.actions[0].text, "Shadow a gate review");
    assert_eq!(gv3.actions[0].status, ActionStatus::Planned);
    assert_eq!(gv3.actions[0].due, None);
    // Ids in file order (DP1 before GV3), unique across the plan.
    assert_eq!(a.plan[&CompetencyId::from("DP1")].actions[0].id, 1);
    assert_eq!(gv3.actions[0].id, 2);
    let written = codec::to_toml(&a);
    assert!(!written.contains("action ="), "{written}");
    assert!(written.contains("[[plan.GV3.actions]]"), "{written}");
    assert!(written.contains("status = \"planned\""), "{written}");
    assert_eq!(codec::parse(&written, "x").unwrap(), a, "{written}");
}

#[test]
fn plan_actions_keep_their_dates_status_evidence_ids_and_unknown_keys() {
    let text = format!(
        "{HEAD}\n[plan.GV3]\ntarget = 4\n\n[[plan.GV3.actions]]\nid = 9\ntext = \"Run a review\"\n\
         due = 2027-03-31\nstatus = \"Done\"\nevidence = \"Board minutes\"\nowner = \"me\"\n\n\
         [[plan.GV3.actions]]\ntext = \"No id yet\"\nstatus = \"doing\"\n"
    );
    let a = codec::parse(&text, "x").unwrap();
    let actions = &a.plan[&CompetencyId::from("GV3")].actions;
    assert_eq!(actions[0].id, 9);
    assert_eq!(
        actions[0].due,
        Some(Date {
            year: 2027,
            month: 3,
            day: 31
        })
    );
    assert_eq!(actions[0].status, ActionStatus::Done);
    assert_eq!(actions[0].evidence, "Board minutes");
    assert_eq!(actions[0].extra["owner"].as_str(), Some("me"));
    assert_eq!(actions[1].id, 10, "the next free id");
    assert_eq!(actions[1].status, ActionStatus::Doing);
    let written = codec::to_toml(&a);
    assert!(written.contains("due = 2027-03-31\n"), "{written}");
    assert!(written.contains("owner = \"me\""), "{written}");
    assert_eq!(codec::parse(&written, "x").unwrap(), a, "{written}");
}

#[test]
fn a_duplicate_action_id_is_given_the_next_free_one() {
    let text = format!(
        "{HEAD}\n[[plan.DP1.actions]]\nid = 3\ntext = \"a\"\n\n[[plan.GV3.actions]]\nid = 3\ntext = \"b\"\n"
    );
    let a = codec::parse(&text, "x").unwrap();
    assert_eq!(a.plan[&CompetencyId::from("DP1")].actions[0].id, 3);
    assert_eq!(a.plan[&CompetencyId::from("GV3")].actions[0].id, 4);
}

#[test]
fn a_due_with_a_time_or_an_unknown_status_is_unreadable_at_the_value() {
    let text = format!("{HEAD}\n[[plan.DP1.actions]]\ntext = \"a\"\ndue = 2027-03-31T10:00:00Z\n");
    assert_unreadable(text.as_bytes(), Some((6, 7)), "a date such as 2027-03-31");
    let text = format!("{HEAD}\n[[plan.DP1.actions]]\ntext = \"a\"\nstatus = \"maybe\"\n");
    assert_unreadable(
        text.as_bytes(),
        Some((6, 10)),
        "planned, doing, done, dropped",
    );
}
