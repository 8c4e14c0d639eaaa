use super::*;
use crate::app::{AppInit, Event, Intent, LockState, PlanField};
use crate::domain::time::Datetime;
use crate::domain::{Assessment, Level};
use crate::strings;
use ratatui_textarea::Input;

fn t0() -> Datetime {
    crate::clock::utc_from_epoch(0)
}

fn level(n: u8) -> Rating {
    Rating::Level(Level::new(n).unwrap())
}

fn id(text: &str) -> CompetencyId {
    text.into()
}

/// A fresh assessment, on the Rate screen at DP1.
fn on_rate() -> App {
    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let mut app = App::new(AppInit::new(fw, assessment));
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.screen, Screen::Rate);
    app
}

fn name(app: &App, text: &str) -> String {
    let c = app.framework.competency_index(&id(text)).unwrap();
    format!("{text} {}", app.framework.competencies[c].name)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(
            Intent::Edit(Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            t0(),
        );
    }
}

fn notice(app: &App) -> String {
    app.notice_text().unwrap_or_default()
}

#[test]
fn undoing_a_rating_takes_it_out_shows_it_on_rate_and_saves() {
    let mut app = on_rate();
    app.update(Intent::Rate(level(4)), t0());
    assert_eq!(app.rate.current, 1, "rating moves on");
    app.update(Event::Saved { at: "now".into() }, t0());
    assert_eq!(app.update(Intent::Undo, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.rating(&id("DP1")), None);
    assert!(app.dirty_data, "an undo is a change to save");
    assert_eq!(app.rate.current, 0, "Rate shows the competency undone");
    assert_eq!(app.rate.cursor, None);
    assert_eq!(
        notice(&app),
        "Undid: DP1 4 → not rated (Scope and requirements definition)"
    );
    assert_eq!(app.update(Intent::Redo, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.rating(&id("DP1")), Some(level(4)));
    assert_eq!(
        notice(&app),
        "Redid: DP1 not rated → 4 (Scope and requirements definition)"
    );
    assert_eq!(app.update(Intent::Redo, t0()), Vec::<Effect>::new());
    assert_eq!(notice(&app), strings::NOTHING_TO_REDO);
}

#[test]
fn n_a_and_clearing_are_undone_one_by_one() {
    let mut app = on_rate();
    app.update(Intent::Rate(Rating::NotApplicable), t0());
    app.update(Intent::Left, t0());
    app.update(Intent::ClearRating, t0());
    assert_eq!(app.assessment.rating(&id("DP1")), None);
    app.update(Intent::Undo, t0());
    assert_eq!(
        app.assessment.rating(&id("DP1")),
        Some(Rating::NotApplicable)
    );
    assert!(
        notice(&app).starts_with("Undid: DP1 not rated → N/A"),
        "{}",
        notice(&app)
    );
    app.update(Intent::Undo, t0());
    assert_eq!(app.assessment.rating(&id("DP1")), None);
    app.update(Intent::Undo, t0());
    assert_eq!(notice(&app), strings::NOTHING_TO_UNDO);
    app.update(Intent::Redo, t0());
    app.update(Intent::Redo, t0());
    assert_eq!(app.assessment.rating(&id("DP1")), None);
    assert_eq!(app.history.redoable(), 0);
}

#[test]
fn a_note_edit_is_one_step_from_opening_to_closing_and_keeps_the_rating() {
    let mut app = on_rate();
    app.update(Intent::Rate(level(2)), t0());
    app.update(Intent::Left, t0());
    app.update(Intent::EditNote, t0());
    typed(&mut app, "led the kick-off");
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.assessment.note(&id("DP1")), "led the kick-off");
    assert_eq!(app.history.undoable(), 2, "the rating, then the whole note");
    app.update(Intent::Undo, t0());
    assert_eq!(app.assessment.note(&id("DP1")), "");
    assert_eq!(app.assessment.rating(&id("DP1")), Some(level(2)));
    let dp1 = name(&app, "DP1");
    assert_eq!(notice(&app), format!("Undid: the note on {dp1}"));
    app.update(Intent::Redo, t0());
    assert_eq!(app.assessment.note(&id("DP1")), "led the kick-off");
    assert_eq!(notice(&app), format!("Redid: the note on {dp1}"));
    // Opening and closing the editor without a change is no step.
    app.update(Intent::EditNote, t0());
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.history.undoable(), 2);
}

#[test]
fn a_plan_edit_is_one_step() {
    let mut app = on_rate();
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::NextScreen, t0());
    let dp1 = app.framework.competency_index(&id("DP1")).unwrap();
    app.results.reselect(Some(dp1));
    app.update(Intent::OpenPlan, t0());
    app.update(Intent::Rate(level(4)), t0());
    app.update(Intent::SwitchField, t0());
    assert_eq!(app.mode(), crate::app::Mode::Plan(PlanField::Action));
    typed(&mut app, "shadow a gate review");
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.assessment.plan[&id("DP1")].target, Level::new(4));
    app.update(Intent::Undo, t0());
    assert!(!app.assessment.plan.contains_key(&id("DP1")));
    assert_eq!(app.assessment.rating(&id("DP1")), Some(level(1)));
    assert!(notice(&app).starts_with("Undid: the plan for DP1"));
    app.update(Intent::Redo, t0());
    assert_eq!(
        app.assessment.plan[&id("DP1")].first_text(),
        "shadow a gate review"
    );
}

#[test]
fn keeping_what_if_levels_is_undone_as_one_step() {
    let mut app = on_rate();
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::Rate(level(3)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::ToggleWhatIf, t0());
    for (competency, n) in [("DP1", 5), ("DP2", 0)] {
        let c = app.framework.competency_index(&id(competency)).unwrap();
        app.results.reselect(Some(c));
        app.update(Intent::Rate(level(n)), t0());
    }
    app.update(Intent::ApplyWhatIf, t0());
    assert_eq!(app.assessment.rating(&id("DP1")), Some(level(5)));
    assert_eq!(app.assessment.rating(&id("DP2")), Some(level(0)));
    assert_eq!(app.update(Intent::Undo, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.rating(&id("DP1")), Some(level(1)));
    assert_eq!(app.assessment.rating(&id("DP2")), Some(level(3)));
    assert_eq!(
        notice(&app),
        "Undid: what-if levels kept as ratings: DP1 5 → 1, DP2 0 → 3"
    );
    app.update(Intent::Undo, t0());
    assert_eq!(app.assessment.rating(&id("DP2")), None, "then DP2's rating");
}

#[test]
fn under_a_what_if_an_undone_rating_follows_unless_another_level_is_tried() {
    let mut app = on_rate();
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::Rate(level(3)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::ToggleWhatIf, t0());
    let dp1 = app.framework.competency_index(&id("DP1")).unwrap();
    app.results.reselect(Some(dp1));
    app.update(Intent::Rate(level(5)), t0());
    // Undoing DP2's 3: the what-if had DP2 as rated, so it follows; DP1's try stays.
    app.update(Intent::Undo, t0());
    assert_eq!(app.assessment.rating(&id("DP2")), None);
    let changes = app.what_if_changes();
    assert_eq!(changes, vec![(dp1, Level::new(1), Level::new(5))]);
}

#[test]
fn the_history_holds_at_least_a_hundred_steps_and_forgets_the_oldest() {
    let mut app = on_rate();
    let n = app.framework.competencies.len();
    let steps = LIMIT + 30;
    for i in 0..steps {
        app.rate.current = i % n;
        app.update(Intent::Rate(level((i / n % 5) as u8 + 1)), t0());
    }
    const { assert!(LIMIT >= 100) };
    let mut undone = 0;
    while app.history.undoable() > 0 {
        app.update(Intent::Undo, t0());
        assert!(notice(&app).starts_with("Undid: "));
        undone += 1;
    }
    assert_eq!(undone, LIMIT);
    app.update(Intent::Undo, t0());
    assert_eq!(notice(&app), strings::NOTHING_TO_UNDO);
    // What is left is the state after the first 30 steps, which are beyond the history.
    let rated = app.assessment.rated_count(&app.framework);
    assert_eq!(rated, 30.min(n));
}

#[test]
fn a_new_change_after_an_undo_clears_the_redo() {
    let mut app = on_rate();
    app.update(Intent::Rate(level(2)), t0());
    app.update(Intent::Undo, t0());
    assert_eq!(app.history.redoable(), 1);
    app.update(Intent::Rate(level(3)), t0());
    assert_eq!(app.history.redoable(), 0);
    assert_eq!(app.update(Intent::Redo, t0()), Vec::<Effect>::new());
    assert_eq!(notice(&app), strings::NOTHING_TO_REDO);
    assert_eq!(app.assessment.rating(&id("DP1")), Some(level(3)));
}

#[test]
fn read_only_does_nothing_on_undo_and_does_not_list_it() {
    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let init = AppInit::new(fw, assessment).lock(LockState::Busy);
    let mut app = App::new(init);
    app.update(Intent::OpenReadOnly, t0());
    assert!(app.read_only);
    for action in [Intent::Undo, Intent::Redo] {
        assert_eq!(app.update(action, t0()), Vec::<Effect>::new());
    }
    assert!(!notice(&app).contains("undo"), "{}", notice(&app));
    for screen in Screen::ALL {
        let listed = crate::input::listed_bindings(crate::app::Mode::Screen(screen), true);
        assert!(listed.iter().all(|b| b.help != "redo what was undone"));
        let all = crate::input::listed_bindings(crate::app::Mode::Screen(screen), false);
        assert!(all.iter().any(|b| b.help == "redo what was undone"));
    }
}

#[test]
fn the_users_editor_replaces_the_note_as_one_step() {
    let mut app = on_rate();
    let dp1 = id("DP1");
    assert_eq!(
        app.update(Intent::EditNoteExternally, t0()),
        vec![Effect::EditNote(dp1.clone(), String::new())]
    );
    let edited = Ok("from the editor\n\n".to_string());
    let effects = app.update(Event::NoteEdited(dp1.clone(), edited), t0());
    assert_eq!(effects, vec![Effect::Changed]);
    assert_eq!(app.assessment.note(&dp1), "from the editor");
    assert_eq!(notice(&app), strings::NOTE_FROM_EDITOR);
    // The same text back: nothing changes.
    let same = Ok("from the editor\n".to_string());
    assert!(
        app.update(Event::NoteEdited(dp1.clone(), same), t0())
            .is_empty()
    );
    assert_eq!(notice(&app), strings::NOTE_UNCHANGED);
    // An editor that failed leaves the note as it was and says why.
    let failed = Err(crate::app::EditorError::Failed {
        editor: "false".into(),
        status: Some(1),
    });
    assert!(
        app.update(Event::NoteEdited(dp1.clone(), failed), t0())
            .is_empty()
    );
    assert_eq!(app.assessment.note(&dp1), "from the editor");
    assert!(notice(&app).contains("`false`"));
    assert_eq!(app.history.undoable(), 1);
    app.update(Intent::Undo, t0());
    assert_eq!(app.assessment.note(&dp1), "");
}

#[test]
fn from_the_note_editor_the_users_editor_gets_what_is_typed_and_gives_it_back() {
    let mut app = on_rate();
    let dp1 = id("DP1");
    app.update(Intent::EditNote, t0());
    typed(&mut app, "draft");
    // What is typed is kept (saved) as it is typed, so the editor gets it as it is.
    assert_eq!(app.assessment.note(&dp1), "draft");
    assert_eq!(
        app.update(Intent::EditNoteExternally, t0()),
        vec![Effect::EditNote(dp1.clone(), "draft".into())]
    );
    assert_eq!(app.assessment.note(&dp1), "draft");
    let edited = Ok("final\nwords\n".to_string());
    app.update(Event::NoteEdited(dp1.clone(), edited), t0());
    assert_eq!(
        app.mode(),
        crate::app::Mode::Note,
        "back in the note editor"
    );
    let lines = app.rate.editor.as_ref().unwrap().lines().join("\n");
    assert_eq!(lines, "final\nwords");
    assert_eq!(app.assessment.note(&dp1), "final\nwords");
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.history.undoable(), 1, "the whole edit is one step");
    app.update(Intent::Undo, t0());
    assert_eq!(app.assessment.note(&dp1), "");
}

#[test]
fn the_users_editor_is_refused_read_only() {
    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let init = AppInit::new(fw, assessment).lock(LockState::Busy);
    let mut app = App::new(init);
    app.update(Intent::OpenReadOnly, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert!(app.update(Intent::EditNoteExternally, t0()).is_empty());
    assert_eq!(notice(&app), strings::READ_ONLY_REFUSED);
}

fn rating(id: &str, n: u8) -> Change {
    Change::Rating {
        id: id.into(),
        before: None,
        after: crate::domain::Level::new(n).map(Rating::Level),
    }
}

#[test]
fn a_step_that_changes_nothing_is_not_kept() {
    let mut history = History::default();
    history.push(
        Kind::Note,
        vec![Change::Note {
            id: "DP1".into(),
            before: "same".into(),
            after: "same".into(),
        }],
    );
    assert_eq!(history.undoable(), 0);
    history.push(Kind::Rating, vec![rating("DP1", 3)]);
    assert_eq!(history.undoable(), 1);
}

#[test]
fn the_history_keeps_the_newest_steps_up_to_its_limit() {
    let mut history = History::default();
    for i in 0..LIMIT + 50 {
        history.push(Kind::Rating, vec![rating(&format!("X{i}"), 1)]);
    }
    assert_eq!(history.undoable(), LIMIT);
    let oldest = history.undo.front().unwrap().changes[0].id().to_string();
    assert_eq!(oldest, "X50", "the oldest steps are the ones forgotten");
}
