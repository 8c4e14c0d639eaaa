use super::*;
use crate::domain::CompetencyId;

/// The question on the built-in 0–5 scale.
const PROMPT: &str = "0-5, n for N/A, s to skip, b for back, e for a note, q to quit: ";
/// An empty answer on the built-in scale.
const EMPTY: &str = "Nothing typed: type a level from 0 to 5, n, s, b, e or q, then Enter.";

/// An answer that is none on the built-in scale.
fn invalid(answer: &str) -> String {
    format!(
        "\"{answer}\" is not an answer here: type a level from 0 to 5, n, s, b, e or q, then Enter."
    )
}

fn fixed_clock() -> Datetime {
    crate::clock::utc_from_epoch(1_800_000_000)
}

/// Runs a session on `assessment` with `input`; returns how it ended, the output, the
/// assessment as last saved (None when nothing was saved) and the number of saves.
fn session(
    fw: &Framework,
    assessment: Assessment,
    input: &str,
) -> (Ended, String, Option<Assessment>, usize) {
    let mut saved = None;
    let mut saves = 0;
    let store = |a: &Assessment| {
        saved = Some(a.clone());
        saves += 1;
        Ok(())
    };
    let mut out = Vec::new();
    let mut s = Session::new(fw, assessment, store)
        .echo(true)
        .clock(fixed_clock);
    let ended = s.run(input.as_bytes(), &mut out).unwrap();
    assert!(s.unsaved().is_none());
    drop(s);
    (ended, String::from_utf8(out).unwrap(), saved, saves)
}

fn fresh(fw: &Framework) -> Assessment {
    Assessment::new("default", fw, crate::clock::utc_from_epoch(0))
}

fn rating(a: &Assessment, fw: &Framework, c: usize) -> Option<Rating> {
    a.rating(&fw.competencies[c].id)
}

fn level(n: u8) -> Option<Rating> {
    Some(Rating::Level(Level::new(n).unwrap()))
}

/// Runs a session that asks the person's name first, suggesting `default`.
fn asked(fw: &Framework, default: Option<&str>, input: &str) -> (String, Option<Assessment>) {
    let mut saved = None;
    let store = |a: &Assessment| {
        saved = Some(a.clone());
        Ok(())
    };
    let mut out = Vec::new();
    let mut s = Session::new(fw, fresh(fw), store)
        .echo(true)
        .clock(fixed_clock)
        .ask_name(default.map(str::to_string));
    s.run(input.as_bytes(), &mut out).unwrap();
    drop(s);
    (String::from_utf8(out).unwrap(), saved)
}

/// On a terminal, plain mode asks the person's name once before the first competency, as
/// the full screen does: any script is kept; a control character is refused and asked
/// again; Enter alone keeps the suggestion, or with none gives no name (recorded as
/// asked); the end of the input changes nothing, so it is asked next time.
#[test]
fn the_name_is_asked_first_and_kept() {
    let fw = crate::storage::framework::builtin();
    let (out, saved) = asked(&fw, None, "Zoë Nakamura 中村\n3\nq\n");
    assert!(
        out.contains("Your name, as team views, reports and reviewers will show it"),
        "{out}"
    );
    assert!(out.contains("Saved your name: Zoë Nakamura 中村"), "{out}");
    let saved = saved.unwrap();
    assert_eq!(saved.display_name.as_deref(), Some("Zoë Nakamura 中村"));
    assert_eq!(rating(&saved, &fw, 0), level(3));
    // Asked before the first competency, not after.
    assert!(out.find("Your name").unwrap() < out.find("DP1").unwrap());

    let (out, saved) = asked(&fw, None, "Zoë\u{1b}[2J\n  Sam Taylor \nq\n");
    assert!(out.contains("That name was not kept: a name cannot hold control characters"));
    assert_eq!(saved.unwrap().display_name.as_deref(), Some("Sam Taylor"));

    let (out, saved) = asked(&fw, Some("Kim Lee"), "\nq\n");
    assert!(out.contains("Enter alone keeps \"Kim Lee\""), "{out}");
    assert_eq!(saved.unwrap().display_name.as_deref(), Some("Kim Lee"));

    let (out, saved) = asked(&fw, None, "\nq\n");
    assert!(
        out.contains("No name given: team views show \"default\""),
        "{out}"
    );
    let saved = saved.unwrap();
    assert_eq!(saved.display_name.as_deref(), Some(""));
    assert!(saved.name_asked());

    let (_, saved) = asked(&fw, None, "");
    assert!(saved.is_none(), "nothing saved at the end of the input");
}

#[test]
fn a_format_2_scale_takes_its_own_levels_and_none() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/frameworks/three-roles.toml"
    ))
    .unwrap();
    let fw = crate::storage::framework::from_toml(&text).unwrap();
    // PLAN.1 is defined at 2 to 6: 7 and 1 are refused, 6 is recorded; then "-" for none
    // (as on Rate), N/A (F-D9).
    let (_, out, saved, _) = session(&fw, fresh(&fw), "7\n1\n6\n-\nn\n");
    let saved = saved.unwrap();
    assert_eq!(rating(&saved, &fw, 0), level(6));
    assert_eq!(rating(&saved, &fw, 1), Some(Rating::Level(Level::NONE)));
    assert_eq!(rating(&saved, &fw, 2), Some(Rating::NotApplicable));
    // The prompt and the refusal list the competency's own levels, not the whole scale.
    let first = &out[..out.find("Saved PLAN.1").expect("PLAN.1 is rated")];
    assert!(first.contains("2 to 6, none or -, n for N/A"), "{out}");
    assert!(!first.contains("1 to 7"), "{out}");
    assert!(
        strings::plain_invalid_on("7", &fw, 0).contains("this competency's levels (2 to 6)"),
        "{out}"
    );
    let invalid = |a: &str| strings::plain_invalid_on(a, &fw, 0);
    assert_eq!(out.matches(&invalid("7")).count(), 1, "{out}");
    assert_eq!(out.matches(&invalid("1")).count(), 1, "{out}");
    assert!(
        !out.contains("In practice:"),
        "no practice text is given:\n{out}"
    );
    // Only the competency's own levels are listed, with its own texts.
    assert!(
        out.contains("  6 Initiate: Sets how the organisation plans."),
        "{out}"
    );
    let plan = &out[out.find("PLAN.1").unwrap()..out.find("BUILD.1").unwrap()];
    assert!(!plan.contains("  1 Follow"), "{plan}");
    assert!(!plan.contains("  7 "), "{plan}");
}

/// A framework of three competencies on a scale of these values (format 2).
fn on_scale(values: &[u8]) -> Framework {
    let mut text = String::from("format = 2\nid = \"s\"\nversion = 1\nname = \"S\"\n\n[scale]\n");
    for v in values {
        text.push_str(&format!(
            "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"D.\"\n"
        ));
    }
    text.push_str(
        "\n[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n\
             [[areas]]\nid = \"A\"\nname = \"Area\"\n",
    );
    for c in 1..=3 {
        text.push_str(&format!(
            "\n[[competencies]]\nid = \"C{c}\"\narea = \"A\"\nname = \"Competency {c}\"\n"
        ));
    }
    crate::storage::framework::from_toml(&text).unwrap_or_else(|p| panic!("{p:#?}"))
}

#[test]
fn none_is_taken_only_where_the_scale_offers_it() {
    // The built-in scale's 0 says "not yet": "-" and "none" are refused, a 0 is recorded.
    let fw = crate::storage::framework::builtin();
    let (_, out, saved, saves) = session(&fw, fresh(&fw), "-\nnone\n0\n");
    assert_eq!(saves, 1);
    assert_eq!(rating(&saved.unwrap(), &fw, 0), level(0));
    assert_eq!(out.matches(&invalid("-")).count(), 1, "{out}");
    assert_eq!(out.matches(&invalid("none")).count(), 1, "{out}");
    // A 0–9 scale is asked like the built-in one, with its own digits.
    let fw = on_scale(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    let (_, out, saved, _) = session(&fw, fresh(&fw), "-\n\n9\n");
    assert_eq!(rating(&saved.unwrap(), &fw, 0), level(9));
    assert!(
        out.contains("0-9, n for N/A, s to skip, b for back, e for a note, q to quit: "),
        "{out}"
    );
    assert!(
        out.contains(
            "\"-\" is not an answer here: type a level from 0 to 9, n, s, b, e or q, then Enter."
        ),
        "{out}"
    );
    assert!(
        out.contains("Nothing typed: type a level from 0 to 9, n, s, b, e or q, then Enter."),
        "{out}"
    );
    // A 1–7 scale offers "none" beside its levels, and an empty answer says so.
    let fw = on_scale(&[1, 2, 3, 4, 5, 6, 7]);
    let (_, out, saved, _) = session(&fw, fresh(&fw), "\n-\n");
    assert_eq!(
        rating(&saved.unwrap(), &fw, 0),
        Some(Rating::Level(Level::NONE))
    );
    assert!(out.contains("1 to 7, none or -, n for N/A"), "{out}");
    assert!(
            out.contains("Nothing typed: type one of this competency's levels (1 to 7), none or -, n, s, b, e or q, then Enter."),
            "{out}"
        );
    // Values beyond 9 are listed one by one.
    let fw = on_scale(&[0, 50, 99]);
    assert_eq!(
        strings::plain_prompt(&fw, 0),
        "0, 50, 99, n for N/A, s to skip, b for back, e for a note, q to quit: "
    );
    assert_eq!(
        strings::plain_invalid_on("7", &fw, 0),
        "\"7\" is not an answer here: type a level (0, 50, 99), n, s, b, e or q, then Enter."
    );
}

#[test]
fn scripted_answers_are_saved_one_by_one_and_the_end_of_input_quits() {
    let fw = crate::storage::framework::builtin();
    let (ended, out, saved, saves) = session(&fw, fresh(&fw), "4\n3\nn\n");
    assert_eq!(ended, Ended::Quit);
    assert_eq!(saves, 3);
    let saved = saved.unwrap();
    assert_eq!(rating(&saved, &fw, 0), level(4));
    assert_eq!(rating(&saved, &fw, 1), level(3));
    assert_eq!(rating(&saved, &fw, 2), Some(Rating::NotApplicable));
    assert_eq!(rating(&saved, &fw, 3), None);
    assert_eq!(saved.updated, fixed_clock());
    let total = fw.competencies.len();
    let id0 = &fw.competencies[0].id;
    assert!(
        out.contains(&format!(
            "{}4\nSaved {id0}: 4. 1 of {total} answered.\n",
            PROMPT
        )),
        "{out}"
    );
    let c3 = &fw.competencies[3];
    assert!(
        out.ends_with(&format!(
            "{}\n{}\n",
            PROMPT,
            strings::plain_quit(
                "rolefit --plain",
                3,
                total,
                Some(&format!("{} {}", c3.id, c3.name))
            )
        )),
        "{out}"
    );
    assert!(out.contains(&format!(", competency 4 of {total}\n")));
    assert!(!out.contains(", competency 5 of"));
}

#[test]
fn an_invalid_answer_gets_one_line_and_the_same_prompt() {
    let fw = crate::storage::framework::builtin();
    let (_, out, saved, saves) = session(&fw, fresh(&fw), "7\nyes\n\n2\n");
    assert_eq!(saves, 1);
    assert_eq!(rating(&saved.unwrap(), &fw, 0), level(2));
    let p = PROMPT;
    let expected = format!(
        "{p}7\n{}\n{p}yes\n{}\n{p}\n{}\n{p}2\nSaved ",
        invalid("7"),
        invalid("yes"),
        EMPTY
    );
    assert!(out.contains(&expected), "{out}");
    // The competency was printed once: the prompt was asked again, not the whole text.
    assert_eq!(out.matches(", competency 1 of").count(), 1);
}

#[test]
fn back_returns_to_the_previous_competency_and_skip_leaves_it_unrated() {
    let fw = crate::storage::framework::builtin();
    let (_, out, saved, _) = session(&fw, fresh(&fw), "b\n4\nb\n2\ns\n5\nq\n");
    assert!(out.contains(strings::PLAIN_FIRST), "{out}");
    let saved = saved.unwrap();
    assert_eq!(rating(&saved, &fw, 0), level(2));
    assert_eq!(rating(&saved, &fw, 1), None);
    assert_eq!(rating(&saved, &fw, 2), level(5));
    // Going back shows the answer already given.
    assert!(out.contains("Your rating now: 4\n"), "{out}");
}

#[test]
fn a_note_is_one_line_and_an_empty_one_keeps_the_current_note() {
    let fw = crate::storage::framework::builtin();
    let (_, out, saved, saves) =
        session(&fw, fresh(&fw), "e\nPlanned the ERP rollout\ne\n\n4\nq\n");
    let saved = saved.unwrap();
    let id = &fw.competencies[0].id;
    assert_eq!(saved.note(id), "Planned the ERP rollout");
    assert_eq!(saved.rating(id), level(4));
    assert_eq!(saves, 2);
    let np = strings::PLAIN_NOTE_PROMPT;
    assert!(
        out.contains(&format!(
            "{np}Planned the ERP rollout\n{}\n",
            strings::PLAIN_NOTE_SAVED
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{np}\n{}\n", strings::PLAIN_NOTE_KEPT)));
}

#[test]
fn quit_at_once_saves_nothing_and_says_where_to_resume() {
    let fw = crate::storage::framework::builtin();
    let (ended, out, saved, saves) = session(&fw, fresh(&fw), "Q\n");
    assert_eq!((ended, saves), (Ended::Quit, 0));
    assert!(saved.is_none());
    let c0 = &fw.competencies[0];
    assert!(
        out.contains(&format!("continue at {} {}.", c0.id, c0.name)),
        "{out}"
    );
}

#[test]
fn a_session_resumes_at_the_first_unrated_competency() {
    let fw = crate::storage::framework::builtin();
    let mut a = fresh(&fw);
    a.set_rating(&fw.competencies[0].id, level(3));
    a.set_rating(&fw.competencies[2].id, level(3));
    let (_, out, saved, _) = session(&fw, a, "1\n");
    let first = out.lines().find(|l| l.contains(", competency ")).unwrap();
    assert!(first.ends_with(&format!("competency 2 of {}", fw.competencies.len())));
    // After it, the next one is the third (already rated, shown with its rating).
    assert_eq!(rating(&saved.unwrap(), &fw, 1), level(1));
    assert!(out.contains("Your rating now: 3\n"), "{out}");
}

#[test]
fn the_end_of_the_list_prints_the_results() {
    let fw = crate::storage::framework::builtin();
    let total = fw.competencies.len();
    let mut answers = "s\n".to_string();
    answers.push_str(&"3\n".repeat(total - 1));
    let (ended, out, saved, saves) = session(&fw, fresh(&fw), &answers);
    assert_eq!((ended, saves), (Ended::Finished, total - 1));
    assert_eq!(saved.unwrap().rated_count(&fw), total - 1);
    assert!(out.contains(&strings::plain_end_with_skipped(1)), "{out}");
    assert!(out.contains("\nVerdict: "), "{out}");
    assert!(out.contains("Readiness for each profile (rated of required):"));
}

#[test]
fn with_everything_rated_the_results_come_at_once() {
    let fw = crate::storage::framework::builtin();
    let mut a = fresh(&fw);
    for c in &fw.competencies {
        a.set_rating(&c.id, level(2));
    }
    let (ended, out, _, saves) = session(&fw, a, "4\n");
    assert_eq!((ended, saves), (Ended::Finished, 0));
    assert!(out.contains(strings::PLAIN_ALL_RATED));
    assert!(!out.contains(PROMPT));
    assert!(out.contains("Verdict: "));
}

#[test]
fn a_failed_save_is_said_and_tried_again() {
    let fw = crate::storage::framework::builtin();
    let mut fail = 1;
    let mut saved: Option<Assessment> = None;
    let store = |a: &Assessment| {
        if fail > 0 {
            fail -= 1;
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        saved = Some(a.clone());
        Ok(())
    };
    let mut out = Vec::new();
    let mut s = Session::new(&fw, fresh(&fw), store);
    s.run("4\n".as_bytes(), &mut out).unwrap();
    // The quit tried again, and that save worked.
    assert!(s.unsaved().is_none());
    drop(s);
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Not saved: disk full."), "{out}");
    assert_eq!(saved.unwrap().rating(&CompetencyId::from("DP1")), level(4));
}

#[test]
fn the_output_has_no_escape_sequences_even_from_a_crafted_note_or_answer() {
    let fw = crate::storage::framework::builtin();
    let (_, out, _, _) = session(&fw, fresh(&fw), "\x1b[2J\ne\nx\x1b]0;t\x07\nb\n");
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(!out.contains('\x07'), "{out:?}");
}
