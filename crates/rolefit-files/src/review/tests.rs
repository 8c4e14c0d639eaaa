use super::*;
use crate::clock::utc_from_epoch;
use rolefit_core::Level;

fn level(n: u8) -> Option<Rating> {
    Some(Rating::Level(Level::new(n).unwrap()))
}

fn person(framework: &Framework) -> Assessment {
    let mut a = Assessment::new("alex", framework, utc_from_epoch(1_800_000_000));
    a.set_rating(&"DP1".into(), level(4));
    a.set_note(&"DP1".into(), "Ran the ERP plan".into());
    a.set_rating(&"DP2".into(), level(1));
    a.set_rating(&"RI1".into(), Some(Rating::NotApplicable));
    a
}

/// A request filled in by `reviewer` with `ratings`, as the text the reviewer sends back.
fn filled(framework: &Framework, reviewer: &str, id: &str, ratings: &[(&str, u8)]) -> String {
    let mut file = request(
        &person(framework),
        framework,
        false,
        id,
        utc_from_epoch(1_800_000_100),
    );
    file.set_reviewer(reviewer);
    for (c, n) in ratings {
        file.assessment.set_rating(&(*c).into(), level(*n));
    }
    file.to_toml()
}

#[test]
fn a_request_without_share_self_holds_nothing_of_the_persons() {
    let fw = crate::framework::builtin();
    let file = request(
        &person(&fw),
        &fw,
        false,
        "abc",
        utc_from_epoch(1_800_000_000),
    );
    let text = file.to_toml();
    assert!(!text.contains("[self"), "{text}");
    assert!(!text.contains("ERP"), "the note leaked:\n{text}");
    assert!(!text.contains("[ratings"), "{text}");
    for needle in [
        "kind = \"review\"",
        "name = \"alex\"",
        "review_id = \"abc\"",
        "framework = \"pm-vs-pmo\"",
        "format = 1",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    assert!(text.contains(&format!("competencies_hash = \"{}\"", framework_hash(&fw))));
    let back = parse(&text, &fw).unwrap();
    assert!(back.shared_self.is_empty());
    assert_eq!(back.person(), "alex");
    assert_eq!(back.reviewer, None);
    assert!(others(&back.assessment).is_empty());
}

#[test]
fn a_request_with_share_self_holds_the_persons_ratings_and_notes() {
    let fw = crate::framework::builtin();
    let file = request(
        &person(&fw),
        &fw,
        true,
        "abc",
        utc_from_epoch(1_800_000_000),
    );
    let back = parse(&file.to_toml(), &fw).unwrap();
    assert_eq!(back.shared_self.len(), 3);
    assert_eq!(
        back.shared_self[&CompetencyId::from("DP1")].rating,
        level(4)
    );
    assert_eq!(
        back.shared_self[&CompetencyId::from("DP1")].note,
        "Ran the ERP plan"
    );
    assert_eq!(
        back.shared_self[&CompetencyId::from("RI1")].rating,
        Some(Rating::NotApplicable)
    );
    // The reviewer's own ratings start empty; the person's are shown beside them.
    assert!(back.assessment.ratings.is_empty());
    let shown = others(&back.assessment);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].name, "alex");
    assert_eq!(
        shown[0].ratings[&CompetencyId::from("DP2")],
        level(1).unwrap()
    );
}

#[test]
fn ids_are_fresh_and_the_hash_follows_the_competencies() {
    assert_ne!(fresh_id(), fresh_id());
    assert_eq!(fresh_id().len(), 16);
    let fw = crate::framework::builtin();
    assert_eq!(
        framework_hash(&fw),
        framework_hash(&crate::framework::builtin())
    );
    let mut other = crate::framework::builtin();
    other.competencies.pop();
    assert_ne!(framework_hash(&fw), framework_hash(&other));
    // The published FNV-1a test vector.
    assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
    // What review files made with the built-in framework say, since before the hash came
    // from the fnv crate: requests sent out then still import.
    assert_eq!(framework_hash(&fw), "fnv1a64:d7c8cea32cf57a75");
}

#[test]
fn import_adds_the_review_and_reimport_replaces_it() {
    let fw = crate::framework::builtin();
    let mut a = person(&fw);
    let first = parse(&filled(&fw, "Sam", "r1", &[("DP1", 2)]), &fw).unwrap();
    let done = import(&mut a, &first, &fw).unwrap();
    assert_eq!(
        (done.reviewer.as_str(), done.rated, done.replaced),
        ("Sam", 1, false)
    );
    assert_eq!(a.reviews["Sam"].rating(&"DP1".into()), level(2));
    assert_eq!(a.reviews["Sam"].id, "r1");
    // The same review again, filled in further: replaced, not added.
    let again = parse(&filled(&fw, "Sam", "r1", &[("DP1", 3), ("DP2", 1)]), &fw).unwrap();
    assert!(import(&mut a, &again, &fw).unwrap().replaced);
    assert_eq!(a.reviews.len(), 1);
    assert_eq!(a.reviews["Sam"].rating(&"DP1".into()), level(3));
    // The same request filled in by someone else (a copy sent to two reviewers): kept beside
    // it, and a re-import from either replaces only theirs.
    let other = parse(&filled(&fw, "Kim", "r1", &[("DP1", 5)]), &fw).unwrap();
    assert!(!import(&mut a, &other, &fw).unwrap().replaced);
    assert_eq!(a.reviews.keys().collect::<Vec<_>>(), ["Kim", "Sam"]);
    let again = parse(&filled(&fw, "Kim", "r1", &[("DP1", 4)]), &fw).unwrap();
    assert!(import(&mut a, &again, &fw).unwrap().replaced);
    assert_eq!(a.reviews["Kim"].rating(&"DP1".into()), level(4));
    assert_eq!(a.reviews["Sam"].rating(&"DP1".into()), level(3));
}

#[test]
fn two_reviewers_are_kept_side_by_side() {
    let fw = crate::framework::builtin();
    let mut a = person(&fw);
    for (who, id, n) in [("Sam", "r1", 2), ("Kim", "r2", 4)] {
        let review = parse(&filled(&fw, who, id, &[("DP1", n), ("DP2", 4)]), &fw).unwrap();
        assert!(!import(&mut a, &review, &fw).unwrap().replaced);
    }
    let shown = others(&a);
    assert_eq!(
        shown.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["Kim", "Sam"]
    );
    // They survive a save and a load.
    let text = codec::to_toml(&a);
    assert!(text.contains("[reviews.Kim.ratings.DP1]"), "{text}");
    assert_eq!(codec::parse(&text, "alex").unwrap(), a);
    // Sam: self 4 vs 2 on DP1 (higher, talk), 1 vs 4 on DP2 (lower, talk).
    let c = calibrations(&fw, &a);
    let sam = c.iter().find(|c| c.name == "Sam").unwrap();
    assert_eq!((sam.higher, sam.lower, sam.compared), (1, 1, 2));
    assert_eq!(sam.talk, vec![CompetencyId::from("DP1"), "DP2".into()]);
    assert_eq!(
        sam.sentence(),
        "You rate yourself higher than Sam on 1 competency, lower on 1; 2 differ by two levels or more — talk about these."
    );
    let kim = c.iter().find(|c| c.name == "Kim").unwrap();
    assert_eq!((kim.higher, kim.lower), (0, 1));
    assert!(
        kim.sentence().starts_with(
            "You rate yourself lower than Kim on 1 competency, never higher; 1 differs"
        ),
        "{}",
        kim.sentence()
    );
    assert_eq!(kim.talk, vec![CompetencyId::from("DP2")]);
}

#[test]
fn a_review_of_another_person_or_framework_is_refused_and_nothing_changes() {
    let fw = crate::framework::builtin();
    let review = parse(&filled(&fw, "Sam", "r1", &[("DP1", 2)]), &fw).unwrap();
    let mut bob = person(&fw);
    bob.name = "bob".into();
    let before = bob.clone();
    let err = import(&mut bob, &review, &fw).unwrap_err().to_string();
    assert!(err.contains("\"alex\", not of \"bob\""), "{err}");
    assert!(err.contains("-a alex"), "{err}");
    assert_eq!(bob, before);

    let mut other = person(&fw);
    other.framework = "sfia".into();
    let before = other.clone();
    let err = import(&mut other, &review, &fw).unwrap_err().to_string();
    assert!(err.contains("framework"), "{err}");
    assert_eq!(other, before);

    // A framework whose competencies differ is refused when the file is read.
    let mut changed = crate::framework::builtin();
    changed.competencies.pop();
    let err = parse(&filled(&fw, "Sam", "r1", &[("DP1", 2)]), &changed).unwrap_err();
    assert_eq!(
        err,
        ReviewError::OtherCompetencies {
            id: "pm-vs-pmo".into(),
            version: 1
        }
    );
    // Another framework, and another version of this one, say which the file was made for.
    let mut other = crate::framework::builtin();
    other.id = "t.fw".into();
    let err = parse(&filled(&other, "Sam", "r1", &[]), &fw)
        .unwrap_err()
        .to_string();
    assert!(err.contains("made for the framework \"t.fw\""), "{err}");
    assert!(err.contains("--framework FILE"), "{err}");
    let mut newer = crate::framework::builtin();
    newer.version = 2;
    let err = parse(&filled(&newer, "Sam", "r1", &[]), &fw)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("made for version 2 of the framework \"pm-vs-pmo\", not for version 1"),
        "{err}"
    );
}

#[test]
fn an_unfilled_or_empty_review_is_refused() {
    let fw = crate::framework::builtin();
    let mut a = person(&fw);
    let unfilled = request(&a, &fw, true, "r1", utc_from_epoch(1_800_000_000));
    let unfilled = parse(&unfilled.to_toml(), &fw).unwrap();
    let err = import(&mut a, &unfilled, &fw).unwrap_err().to_string();
    assert!(err.contains("nobody has filled in"), "{err}");
    let empty = parse(&filled(&fw, "Sam", "r1", &[]), &fw).unwrap();
    let err = import(&mut a, &empty, &fw).unwrap_err().to_string();
    assert!(err.contains("has not rated anything"), "{err}");
    assert!(a.reviews.is_empty());
}

#[test]
fn hand_edited_review_files_are_refused_with_line_and_column() {
    let fw = crate::framework::builtin();
    let good = filled(&fw, "Sam", "r1", &[("DP1", 2)]);
    let at = |text: &str| match parse(text, &fw) {
        Err(ReviewError::At {
            line,
            column,
            reason,
        }) => (line, column, reason),
        other => panic!("{other:?}"),
    };
    // A level 9 in the reviewer's ratings.
    let nine = good.replace("level = 2", "level = 9");
    let (line, column, reason) = at(&nine);
    let expected_line = nine.lines().position(|l| l == "level = 9").unwrap() + 1;
    assert_eq!((line, column), (expected_line, 9));
    assert!(reason.contains("level 9 is outside the scale"), "{reason}");
    // An id the framework lacks.
    let unknown = good.replace("[ratings.DP1]", "[ratings.XX9]");
    let (line, column, reason) = at(&unknown);
    let expected_line = unknown.lines().position(|l| l == "[ratings.XX9]").unwrap() + 1;
    assert_eq!((line, column), (expected_line, 10));
    assert!(reason.contains("\"XX9\" is not a competency"), "{reason}");
    // A level 9 in the shared self-ratings.
    let shared = format!("{good}\n[self.DP2]\nlevel = 9\n");
    let (line, _, reason) = at(&shared);
    assert_eq!(line, shared.lines().count());
    assert!(reason.contains("level 9"), "{reason}");
    // An assessment is not a review file.
    let plain = codec::to_toml(&person(&fw));
    assert!(
        matches!(parse(&plain, &fw), Err(ReviewError::Refused(m)) if m.contains("not a review file"))
    );
}

#[test]
fn differences_of_two_levels_or_more_are_flagged() {
    assert!(differs_a_lot(level(4), level(2)));
    assert!(differs_a_lot(level(0), level(5)));
    assert!(!differs_a_lot(level(3), level(2)));
    assert!(!differs_a_lot(Some(Rating::NotApplicable), level(5)));
    assert!(!differs_a_lot(None, level(5)));
}

#[test]
fn in_a_review_file_the_sentence_speaks_to_the_reviewer() {
    let fw = crate::framework::builtin();
    let mut file = request(&person(&fw), &fw, true, "r1", utc_from_epoch(1_800_000_000));
    file.assessment.set_rating(&"DP1".into(), level(1));
    // The person's note shows to the reviewer only once they have rated the competency.
    assert_eq!(
        shared_note(&file.assessment, &"DP1".into()).as_deref(),
        Some("Ran the ERP plan")
    );
    assert_eq!(shared_note(&file.assessment, &"DP2".into()), None);
    let c = calibrations(&fw, &file.assessment);
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].sentence(),
        "You rate alex lower than they rate themselves on 1 competency, never higher; 1 differs by two levels or more — talk about it."
    );
    assert_eq!(
        reviewing(&file.assessment),
        Some(Reviewing {
            person: "alex".into(),
            reviewer: None
        })
    );
}

#[test]
fn a_reviewers_name_is_read_without_control_characters() {
    let fw = crate::framework::builtin();
    let text = filled(&fw, "Sam", "r1", &[("DP1", 2)])
        .replace("reviewer = \"Sam\"", "reviewer = \"  Sam\\u001b[2J \"");
    assert!(text.contains("\\u001b"), "{text}");
    let review = parse(&text, &fw).unwrap();
    assert_eq!(review.reviewer.as_deref(), Some("Sam[2J"));
    let blank = filled(&fw, "Sam", "r1", &[]).replace("reviewer = \"Sam\"", "reviewer = \" \"");
    assert_eq!(parse(&blank, &fw).unwrap().reviewer, None);
}
