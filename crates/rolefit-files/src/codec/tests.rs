use super::*;

const SAMPLE: &str = r#"format = 1
framework = "pm-vs-pmo"
framework_version = 1
name = "default"
created = 2026-11-28T18:00:00Z
updated = 2026-11-28T18:20:00Z

[position]
screen = "rate"
competency = "RI2"

[ratings.DP1]
level = 4
note = "Planned the 2025 ERP rollout end to end."

[ratings.RI1]
level = "na"
"#;

#[test]
fn reads_the_documented_example() {
    let a = parse(SAMPLE, "x").unwrap();
    assert_eq!(a.name, "default");
    assert_eq!(a.position.screen, Screen::Rate);
    assert_eq!(a.position.competency, Some(CompetencyId("RI2".into())));
    assert_eq!(
        a.rating(&"DP1".into()),
        Some(Rating::Level(Level::new(4).unwrap()))
    );
    assert_eq!(a.rating(&"RI1".into()), Some(Rating::NotApplicable));
    assert_eq!(
        a.note(&"DP1".into()),
        "Planned the 2025 ERP rollout end to end."
    );
}

#[test]
fn writes_back_what_it_read() {
    let a = parse(SAMPLE, "x").unwrap();
    let text = to_toml(&a);
    assert_eq!(parse(&text, "x").unwrap(), a);
    assert!(
        text.starts_with(&format!(
            "{FILE_HEADER}format = 1\nframework = \"pm-vs-pmo\"\n"
        )),
        "{text}"
    );
}

#[test]
fn the_choice_to_show_targets_survives_a_round_trip() {
    let a = parse(SAMPLE, "x").unwrap();
    assert!(!a.position.show_targets, "targets are hidden by default");
    assert!(
        !to_toml(&a).contains("show_targets"),
        "the default is not written"
    );
    let mut shown = a.clone();
    shown.position.show_targets = true;
    let text = to_toml(&shown);
    assert!(text.contains("show_targets = true"), "{text}");
    assert_eq!(parse(&text, "x").unwrap(), shown);
    // Written by hand, it is read too.
    let by_hand = SAMPLE.replace(
        "competency = \"RI2\"\n",
        "competency = \"RI2\"\nshow_targets = true\n",
    );
    assert!(parse(&by_hand, "x").unwrap().position.show_targets);
}

#[test]
fn unknown_keys_survive_a_round_trip() {
    let text = format!(
        "{}\nmood = \"calm\"\n[extra_section]\nx = 1\n",
        SAMPLE.replace("[ratings.DP1]\n", "[ratings.DP1]\nconfidence = \"high\"\n")
    );
    // The extra top-level key must sit before the first table to be top-level.
    let text = text.replacen("[position]", "unit = \"north\"\n\n[position]\nzoom = 2", 1);
    let a = parse(&text, "x").unwrap();
    let written = to_toml(&a);
    let again = parse(&written, "x").unwrap();
    assert_eq!(again, a);
    for needle in [
        "unit = \"north\"",
        "zoom = 2",
        "confidence = \"high\"",
        "[extra_section]",
    ] {
        assert!(written.contains(needle), "{needle} missing from\n{written}");
    }
}

#[test]
fn the_person_round_trips_and_older_files_were_never_asked() {
    // An older file: no display name (never asked), no role, no team.
    let old = parse(SAMPLE, "x").unwrap();
    assert_eq!(
        (old.display_name.as_deref(), old.role.as_deref()),
        (None, None)
    );
    assert!(!old.name_asked());
    assert!(!to_toml(&old).contains("display_name"), "nothing is added");
    let mut a = old.clone();
    a.display_name = Some("Zoë Nakamura 中村".into());
    a.role = Some("Delivery lead".into());
    a.team = Some("North".into());
    let text = to_toml(&a);
    assert!(
            text.contains(
                "name = \"default\"\ndisplay_name = \"Zoë Nakamura 中村\"\nrole = \"Delivery lead\"\nteam = \"North\"\ncreated"
            ),
            "{text}"
        );
    let back = parse(&text, "x").unwrap();
    assert_eq!(back, a);
    assert!(back.extra.is_empty(), "known keys are not kept as unknown");
    assert_eq!(back.shown_name("f"), "Zoë Nakamura 中村");
    // Asked and left empty: written as such, so the question is not asked again.
    a.display_name = Some(String::new());
    let text = to_toml(&a);
    assert!(text.contains("display_name = \"\"\n"), "{text}");
    let back = parse(&text, "x").unwrap();
    assert!(back.name_asked() && back.person_name().is_none());
    // Shown as the file's name, since the assessment's own name is the default one.
    assert_eq!(back.shown_name("pa"), "pa");
    // A wrong type names its place.
    let bad = SAMPLE.replace(
        "name = \"default\"\n",
        "name = \"default\"\ndisplay_name = 3\n",
    );
    assert!(matches!(
        parse(&bad, "x"),
        Err(ParseError::Invalid { line: 5, .. })
    ));
}

#[test]
fn reading_to_look_accepts_and_refuses_what_reading_to_write_does() {
    let with_reviews = format!("{SAMPLE}{WITH_REVIEWS}");
    let texts = [
        SAMPLE,
        with_reviews.as_str(),
        // Numbers out of range among unknown keys: refused by both.
        "format = 1\nframework = \"x\"\nbig = 99999999999999999999\n",
        "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = 3\nbig = 1e999\n",
        // In range, in an array and a table of their own: read by both.
        "format = 1\nframework = \"x\"\nbig = [9223372036854775807, -1e300, inf]\n[more]\nx = 0x7f\n",
        "format = 2\nsomething = \"else\"\n",
        "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = 7\n",
        "framework = \"x\"\n",
        "",
    ];
    for text in texts {
        let full = parse_up_to(text, "x", 5);
        let lean = parse_for_reading(text, "x", 5);
        match (&full, &lean) {
            (Ok(a), Ok(b)) => assert_eq!(&a.known_only(), b, "{text:?}"),
            (Err(a), Err(b)) => assert_eq!(a, b, "{text:?}"),
            _ => panic!("{text:?}: {full:?} but {lean:?}"),
        }
    }
    assert!(parse_for_reading(texts[2], "x", 5).is_err());
    assert!(parse_for_reading(texts[4], "x", 5).is_ok());
}

#[test]
fn bad_files_name_line_and_column() {
    // (text, where the problem is, a fragment of the reason shown to the user)
    let cases = [
        ("", (1, 1), "the file is empty"),
        (
            "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = 7\n",
            (4, 9),
            "level 7 is outside the scale",
        ),
        (
            "format = 1\nframework = \"x\"\n[ratings.DP1]\nlevel = \"high\"\n",
            (4, 9),
            "\"high\" is not a level",
        ),
        // A syntax error, reported by the TOML parser at the end of the line.
        ("format = 1\nframework = [\n", (2, 14), "unclosed array"),
        (
            "format = \"one\"\nframework = \"x\"\n",
            (1, 10),
            "`format` must be a whole number",
        ),
        ("framework = \"x\"\n", (1, 1), "missing `format = 1`"),
        // A known key of the wrong type names the type it wants.
        ("format = 1\nframework = 3\n", (2, 13), "expected a string"),
    ];
    for (text, place, needle) in cases {
        match parse(text, "x") {
            Err(ParseError::Invalid {
                line,
                column,
                reason,
            }) => {
                assert_eq!((line, column), place, "{text:?}: {reason}");
                assert!(
                    reason.contains(needle),
                    "{text:?}: {reason:?} should mention {needle:?}"
                );
            }
            other => panic!("{text:?} gave {other:?}"),
        }
    }
}

#[test]
fn rounds_round_trip_and_older_files_load_unchanged() {
    let mut a = parse(SAMPLE, "x").unwrap();
    assert!(a.history.is_empty());
    a.close_round(crate::clock::utc_from_epoch(1_795_888_800), "Q4 review");
    a.set_rating(&"DP1".into(), Some(Rating::Level(Level::new(5).unwrap())));
    a.close_round(crate::clock::utc_from_epoch(1_800_000_000), "");
    let text = to_toml(&a);
    assert!(text.contains("[[history]]"), "{text}");
    assert!(text.contains("label = \"Q4 review\""), "{text}");
    let back = parse(&text, "x").unwrap();
    assert_eq!(back, a);
    assert_eq!(
        back.history[0].ratings[&CompetencyId::from("DP1")],
        Rating::Level(Level::new(4).unwrap())
    );
    assert_eq!(
        back.history[1].ratings[&CompetencyId::from("RI1")],
        Rating::NotApplicable
    );
    // A round with a bad level names its place.
    let bad = format!(
        "{SAMPLE}\n[[history]]\ntaken = 2026-11-28T18:00:00Z\n[history.ratings]\nDP1 = 9\n"
    );
    assert!(matches!(parse(&bad, "x"), Err(ParseError::Invalid { .. })));
}

#[test]
fn empty_rating_and_plan_tables_are_not_kept() {
    // Found by fuzzing: they are not written back, so keeping them broke save-then-load.
    let text = "format = 1\nframework = \"\"\n[ratings.V]\nnote = \"\"\n[plan.W]\n";
    let a = parse(text, "x").unwrap();
    assert!(a.ratings.is_empty() && a.plan.is_empty());
    assert_eq!(parse(&to_toml(&a), "x").unwrap(), a);
}

const WITH_REVIEWS: &str = r#"
[reviews.Sam]
id = "5c8931dde338ff6b"
date = 2026-11-30T09:00:00Z
mood = "kind"

[reviews.Sam.ratings.DP1]
level = 2
note = "Saw the plan slip twice."
confidence = "low"

[reviews.Sam.ratings.RI1]
level = "na"

[reviews."Kim Lee".ratings.DP1]
level = 5
"#;

#[test]
fn reviews_round_trip_with_their_unknown_keys() {
    let text = format!("{SAMPLE}{WITH_REVIEWS}");
    let a = parse(&text, "x").unwrap();
    assert_eq!(a.reviews.len(), 2);
    let sam = &a.reviews["Sam"];
    assert_eq!(sam.id, "5c8931dde338ff6b");
    assert_eq!(
        sam.rating(&"DP1".into()),
        Some(Rating::Level(Level::new(2).unwrap()))
    );
    assert_eq!(sam.rating(&"RI1".into()), Some(Rating::NotApplicable));
    assert_eq!(
        sam.ratings[&CompetencyId::from("DP1")].note,
        "Saw the plan slip twice."
    );
    assert_eq!(a.reviews["Kim Lee"].id, "", "an id is optional");
    // Nothing about reviews leaks into the unknown top-level keys.
    assert!(a.extra.is_empty(), "{:?}", a.extra);
    let written = to_toml(&a);
    assert!(
        written.starts_with(&format!("{FILE_HEADER}format = 1\n")),
        "{written}"
    );
    for needle in [
        "mood = \"kind\"",
        "confidence = \"low\"",
        "[reviews.\"Kim Lee\".ratings.DP1]",
    ] {
        assert!(written.contains(needle), "{needle} missing from\n{written}");
    }
    assert_eq!(parse(&written, "x").unwrap(), a);
}

#[test]
fn reviews_are_plain_tables_a_format_1_reader_keeps() {
    // What a rolefit without reviews does with them: a top-level table it does not know,
    // kept whole and written back. Read the same file as such a reader would (the table
    // taken as unknown), write it, and read it with this version: nothing is lost.
    let text = format!("{SAMPLE}{WITH_REVIEWS}");
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut older = parse(SAMPLE, "x").unwrap();
    older.extra.insert(
        "reviews".into(),
        crate::toml_value::value_in(&table["reviews"]),
    );
    let written_by_older = to_toml(&older);
    assert!(written_by_older.starts_with(&format!("{FILE_HEADER}format = 1\n")));
    let now = parse(&written_by_older, "x").unwrap();
    assert_eq!(now, parse(&text, "x").unwrap());
    // And a file with reviews is still format 1: a format-1 reader does not refuse it.
    assert!(!matches!(
        parse(&to_toml(&now), "x"),
        Err(ParseError::NewerFormat { .. })
    ));
}

#[test]
fn a_bad_level_in_a_review_names_its_place() {
    let text = format!("{SAMPLE}{}", WITH_REVIEWS.replace("level = 5", "level = 9"));
    let line = text.lines().position(|l| l == "level = 9").unwrap() + 1;
    match parse(&text, "x") {
        Err(ParseError::Invalid {
            line: l,
            column,
            reason,
        }) => {
            assert_eq!((l, column), (line, 9));
            assert!(reason.contains("level 9"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn newer_formats_are_recognised() {
    assert_eq!(
        parse("format = 2\nsomething = \"else\"\n", "x"),
        Err(ParseError::NewerFormat { found: 2 })
    );
}

#[test]
fn the_framework_hash_and_path_round_trip_and_older_files_load_without_them() {
    // An older file: neither key, read as unknown, written only once known.
    let old = parse(SAMPLE, "x").unwrap();
    assert_eq!(
        (old.framework_hash.clone(), old.framework_path.clone()),
        (None, None)
    );
    let written = to_toml(&old);
    assert!(!written.contains("framework_hash") && !written.contains("framework_path"));
    let mut a = old;
    a.framework_hash = Some("0123456789abcdef".into());
    a.framework_path = Some("/home/ana/frameworks/em \"v2\".toml".into());
    let text = to_toml(&a);
    assert!(
        text.strip_prefix(FILE_HEADER)
            .is_some_and(|t| t.starts_with(
                "format = 1\nframework = \"pm-vs-pmo\"\nframework_version = 1\n\
                 framework_hash = \"0123456789abcdef\"\n\
                 framework_path = '/home/ana/frameworks/em \"v2\".toml'\n"
            )),
        "{text}"
    );
    let back = parse(&text, "x").unwrap();
    assert_eq!(back, a);
    assert!(back.extra.is_empty(), "known keys are not kept as unknown");
    // A wrong type names its place, as for every known key.
    let bad = SAMPLE.replace(
        "framework_version = 1\n",
        "framework_version = 1\nframework_hash = 7\n",
    );
    assert!(matches!(
        parse(&bad, "x"),
        Err(ParseError::Invalid { line: 4, .. })
    ));
}

#[test]
fn a_reader_that_does_not_know_the_new_keys_keeps_them() {
    // How a build from before these keys reads a file that has them: as unknown top-level
    // keys, kept and written back. Simulated by a key this build does not know either.
    let text = SAMPLE.replace(
        "framework_version = 1\n",
        "framework_version = 1\nframework_fingerprint = \"0123456789abcdef\"\n",
    );
    let a = parse(&text, "x").unwrap();
    assert!(to_toml(&a).contains("framework_fingerprint = \"0123456789abcdef\""));
}
