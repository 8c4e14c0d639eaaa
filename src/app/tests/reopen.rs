//! What a start opens again: a review file, the editor open at the last save (each key typed
//! records which one is open), and the app after a crash.

use super::*;

/// A review file opened again says whose review it is, not "Resumed" as if it were the
/// reviewer's own assessment.
#[test]
fn a_review_file_opens_with_whose_review_it_is() {
    let fw = crate::storage::framework::builtin();
    let mut assessment = Assessment::new("alex", &fw, t0());
    assessment.extra.insert(
        "kind".into(),
        crate::domain::value::Value::String("review".into()),
    );
    let app = App::new(AppInit::new(fw, assessment).opened(Opened::Resumed));
    assert_eq!(
        app.notice_text().as_deref(),
        Some("Review of alex: 0/33 answered so far")
    );
}

/// Every key typed into the note or plan editor changes the note or plan at once and asks for
/// the debounced save; which editor is open is recorded for the next start.
#[test]
fn what_is_typed_is_kept_and_saved_key_by_key_with_the_open_editor_recorded() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.update(Intent::EditNote, t0()), vec![Effect::Changed]);
    assert_eq!(
        app.assessment.position.editing,
        Some(crate::domain::Editing::Note("DP1".into()))
    );
    for (i, c) in "ab".chars().enumerate() {
        let effects = app.update(
            Intent::Edit(Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            t0(),
        );
        assert_eq!(effects, vec![Effect::Changed], "key {i}");
        assert!(app.dirty_data());
    }
    assert_eq!(app.assessment.note(&"DP1".into()), "ab");
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.assessment.position.editing, None);
    // The plan editor: the target and every key of the action.
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::OpenPlan, t0());
    let dp = app.results.plan.as_ref().map(|p| p.competency).unwrap();
    let id = app.framework.competencies[dp].id.clone();
    assert_eq!(
        app.assessment.position.editing,
        Some(crate::domain::Editing::Plan(id.clone()))
    );
    assert_eq!(
        app.update(Intent::Rate(level(4)), t0()),
        vec![Effect::Changed]
    );
    assert_eq!(app.assessment.plan[&id].target, Level::new(4));
    app.update(Intent::SwitchField, t0());
    let effects = app.update(
        Intent::Edit(Input {
            key: ratatui_textarea::Key::Char('x'),
            ..Default::default()
        }),
        t0(),
    );
    assert_eq!(effects, vec![Effect::Changed]);
    assert_eq!(app.assessment.plan[&id].first_text(), "x");
}

/// An editor open when the file was last saved opens again at start, on what it held, and
/// says so; a read-only start does not open it.
#[test]
fn an_editor_open_at_the_last_save_opens_again_at_start() {
    let fw = crate::storage::framework::builtin();
    let mut assessment = Assessment::new("t", &fw, t0());
    let dp2 = crate::domain::CompetencyId::from("DP2");
    assessment.set_note(&dp2, "half a sentence".into());
    assessment.position.editing = Some(crate::domain::Editing::Note(dp2.clone()));
    let app = App::new(AppInit::new(fw.clone(), assessment.clone()).opened(Opened::Resumed));
    assert_eq!(app.mode(), Mode::Note);
    assert_eq!(app.screen(), Screen::Rate);
    assert_eq!(app.framework.competencies[app.rate.current].id, dp2);
    let editor = app.rate.editor.as_ref().unwrap();
    assert_eq!(editor.lines().join("\n"), "half a sentence");
    assert!(
        app.notice_text()
            .as_deref()
            .unwrap()
            .contains("note for DP2"),
        "{:?}",
        app.notice_text().as_deref()
    );

    assessment.plan.insert(
        dp2.clone(),
        crate::domain::PlanItem {
            actions: vec![crate::domain::PlanAction::new(1, "ask for a mentor")],
            ..Default::default()
        },
    );
    assessment.position.editing = Some(crate::domain::Editing::Plan(dp2.clone()));
    let app = App::new(AppInit::new(fw.clone(), assessment.clone()).opened(Opened::Resumed));
    assert_eq!(app.mode(), Mode::Plan(PlanField::Target));
    assert_eq!(app.screen(), Screen::Results);
    assert_eq!(
        app.plan_editor().unwrap().action.lines(),
        ["ask for a mentor"]
    );

    let viewing = AppInit::new(fw, assessment).lock(LockState::Viewing);
    assert_eq!(App::new(viewing).mode(), Mode::Screen(Screen::Roles));
}

/// An editor reopened on start puts the user where it opened, and the position says so: a
/// file naming Results with a note being edited on DP3 reopens on Rate at DP3, and once the
/// editor closes, a relaunch opens there too (found by the screen fuzz, tests/fuzz_screens.rs).
#[test]
fn a_reopened_editor_moves_the_stored_position_with_it() {
    let fw = crate::storage::framework::builtin();
    let mut assessment = Assessment::new("t", &fw, t0());
    assessment.position.screen = Screen::Results;
    assessment.position.competency = Some("DP1".into());
    assessment.position.editing = Some(crate::domain::Editing::Note("DP3".into()));
    let mut app = App::new(AppInit::new(fw, assessment).opened(Opened::Resumed));
    assert_eq!(app.screen(), Screen::Rate);
    assert_eq!(app.assessment.position.screen, Screen::Rate);
    assert_eq!(app.assessment.position.competency, Some("DP3".into()));
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.assessment.position.screen, Screen::Rate);
    assert_eq!(app.assessment.position.competency, Some("DP3".into()));
    assert_eq!(app.assessment.position.editing, None);
}

/// After a crash the app opens on the Roles screen with what happened, whatever screen or
/// editor the file says; the word goes once the screen changes.
#[test]
fn after_a_crash_the_app_opens_on_roles_and_says_so() {
    let fw = crate::storage::framework::builtin();
    let mut assessment = Assessment::new("t", &fw, t0());
    assessment.position.screen = Screen::Results;
    assessment.position.editing = Some(crate::domain::Editing::Note("DP1".into()));
    let init = AppInit::new(fw, assessment)
        .opened(Opened::Resumed)
        .crashed("stopped by a bug".into());
    let mut app = App::new(init);
    assert_eq!(app.mode(), Mode::Screen(Screen::Roles));
    assert_eq!(app.crashed(), Some("stopped by a bug"));
    assert_eq!(app.assessment.position.editing, None);
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.crashed(), None);
}
