//! Update tests: state changes and effects, no terminal.
//! One file for the tests of the shared dispatch (screens, rating, quitting, prompts, the editors, suspend, the gap table, notices), which share its helpers; the what-if, opening again and other scales are in app/tests/.

use super::*;
use crate::domain::{Level, Rating};
use ratatui_textarea::Input;

mod reopen;
mod scales;
mod what_if;

fn app() -> App {
    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, crate::clock::utc_from_epoch(0));
    App::new(AppInit::new(fw, assessment))
}

/// The time every test action happens at.
fn t0() -> Datetime {
    crate::clock::utc_from_epoch(0)
}

fn level(n: u8) -> Rating {
    Rating::Level(Level::new(n).unwrap())
}

#[test]
fn screen_changes_save_at_once_and_wrap_around() {
    let mut app = app();
    assert_eq!(app.update(Intent::NextScreen, t0()), vec![Effect::SaveNow]);
    assert_eq!(app.screen, Screen::Grid);
    app.update(Intent::PrevScreen, t0());
    assert_eq!(app.update(Intent::PrevScreen, t0()), vec![Effect::SaveNow]);
    assert_eq!(app.screen, Screen::Plan);
    assert_eq!(app.assessment.position.screen, Screen::Plan);
    app.update(Intent::PrevScreen, t0());
    assert_eq!(app.screen, Screen::Results);
}

#[test]
fn rating_records_moves_on_and_asks_for_a_debounced_save() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(
        app.update(Intent::Rate(level(3)), t0()),
        vec![Effect::Changed]
    );
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(3)));
    assert_eq!(app.rate.current, 1);
    assert_eq!(app.progress().0, 1);
    assert!(app.dirty && app.dirty_data);
    // Clearing it takes it out again.
    app.update(Intent::Left, t0());
    assert_eq!(app.update(Intent::ClearRating, t0()), vec![Effect::Changed]);
    assert_eq!(app.progress().0, 0);
}

#[test]
fn the_last_competency_moves_to_the_first_unrated_one() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::End, t0());
    app.update(Intent::Rate(level(2)), t0());
    assert_eq!(app.rate.current, 0, "wraps to DP1, the first unrated");
}

#[test]
fn quitting_saves_first_and_read_only_quits_without_saving() {
    let mut app = app();
    assert_eq!(app.update(Intent::Quit, t0()), vec![Effect::SaveAndQuit]);
    let mut app = self::app();
    app.read_only = true;
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(
        app.update(Intent::Rate(level(4)), t0()),
        Vec::<Effect>::new()
    );
    assert_eq!(app.progress().0, 0, "nothing recorded");
    assert_eq!(app.update(Intent::Quit, t0()), vec![Effect::Quit]);
}

#[test]
fn quitting_remembers_the_grid_row_even_without_other_changes() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Event::Saved { at: "now".into() }, t0());
    app.update(Intent::Activate, t0());
    app.update(Intent::Down, t0());
    app.update(Intent::Down, t0());
    assert!(!app.dirty, "moving alone does not save");
    app.update(Intent::Quit, t0());
    assert!(app.dirty);
    assert_eq!(app.assessment.position.competency, Some("DP2".into()));
}

/// The save before quitting failed, for want of disk space: the app asks before quitting.
fn quit_failed(app: &mut App) {
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    app.update(Event::SaveFailed(full), t0());
    app.update(Event::QuitFailed, t0());
    assert_eq!(app.prompt, Some(Prompt::ConfirmQuit("disk full".into())));
}

/// Seen from the team view, going back from a screen (Esc unless rebound) leaves as quitting
/// does, without saving; in help and search it closes them as everywhere else.
#[test]
fn seen_from_the_team_view_going_back_from_a_screen_leaves() {
    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let viewing =
        || App::new(AppInit::new(fw.clone(), assessment.clone()).lock(LockState::Viewing));
    let mut app = viewing();
    app.update(Intent::PrevScreen, t0());
    app.update(Intent::PrevScreen, t0());
    assert_eq!(app.mode(), Mode::Screen(Screen::Results));
    assert_eq!(app.update(Intent::Back, t0()), vec![Effect::Quit]);
    let mut app = viewing();
    app.update(Intent::ToggleHelp, t0());
    assert_eq!(app.update(Intent::Back, t0()), Vec::<Effect>::new());
    assert_eq!(app.mode(), Mode::Screen(Screen::Roles));
    app.update(Intent::NextScreen, t0());
    app.update(Intent::OpenSearch, t0());
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.update(Intent::Back, t0()), Vec::<Effect>::new());
    assert_eq!(app.mode(), Mode::Screen(Screen::Grid));
    // Opened to write, Back on a screen stays (on Roles it hides the welcome).
    let mut app = self::app();
    assert_eq!(app.update(Intent::Back, t0()), Vec::<Effect>::new());
    assert!(!app.quitting);
}

#[test]
fn prompts_take_only_their_answers() {
    let mut app = app();
    app.prompt = Some(Prompt::Locked);
    assert_eq!(app.update(Intent::NextScreen, t0()), Vec::<Effect>::new());
    assert_eq!(app.screen, Screen::Roles);
    app.update(Intent::OpenReadOnly, t0());
    assert!(app.read_only && app.prompt.is_none());
    let mut app = self::app();
    quit_failed(&mut app);
    assert_eq!(app.update(Intent::Cancel, t0()), Vec::<Effect>::new());
    assert!(app.prompt.is_none() && !app.quitting);
    quit_failed(&mut app);
    assert_eq!(app.update(Intent::Confirm, t0()), vec![Effect::Quit]);
}

#[test]
fn the_note_editor_keeps_the_note_on_esc_and_ctrl_c() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::EditNote, t0());
    assert!(app.editing());
    for c in "hi".chars() {
        app.update(
            Intent::Edit(Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            t0(),
        );
    }
    assert_eq!(app.update(Intent::CloseEditor, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.note(&"DP1".into()), "hi");
    app.update(Intent::EditNote, t0());
    app.update(
        Intent::Edit(Input {
            key: ratatui_textarea::Key::Char('!'),
            ..Default::default()
        }),
        t0(),
    );
    assert_eq!(
        app.update(Intent::Quit, t0()),
        vec![Effect::Changed, Effect::SaveAndQuit]
    );
    assert_eq!(app.assessment.note(&"DP1".into()), "hi!");
}

#[test]
fn grid_enter_expands_then_opens_in_rate() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Activate, t0());
    assert!(app.grid.is_expanded(0));
    app.update(Intent::Down, t0());
    assert_eq!(app.update(Intent::Activate, t0()), vec![Effect::SaveNow]);
    assert_eq!(app.screen, Screen::Rate);
    assert_eq!(app.rate.current, 0);
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

#[test]
fn stopping_keeps_the_note_and_the_plan_being_typed() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::EditNote, t0());
    typed(&mut app, "half a sentence");
    assert_eq!(app.update(Event::Stopping, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.note(&"DP1".into()), "half a sentence");
    assert!(app.dirty && app.mode() == Mode::Screen(Screen::Rate));

    let mut app = self::app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::OpenPlan, t0());
    app.update(Intent::SwitchField, t0());
    typed(&mut app, "shadow a gate review");
    app.update(Event::Stopping, t0());
    let plan = &app.assessment.plan[&"DP1".into()];
    assert_eq!(plan.first_text(), "shadow a gate review");
}

#[test]
fn without_the_lock_the_app_opens_read_only_and_says_why() {
    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let init = AppInit::new(fw, assessment).lock(LockState::Unavailable("EISDIR".into()));
    let mut app = App::new(init);
    assert!(app.read_only());
    assert!(matches!(app.save_status(), SaveStatus::ReadOnly(_)));
    assert!(
        app.notice_text()
            .as_deref()
            .is_some_and(|n| n.contains("EISDIR"))
    );
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(
        app.update(Intent::Rate(level(4)), t0()),
        Vec::<Effect>::new()
    );
    assert_eq!(app.progress().0, 0, "nothing recorded without the lock");
    assert_eq!(app.update(Intent::Quit, t0()), vec![Effect::Quit]);
}

#[test]
fn suspend_asks_the_runtime_to_suspend_from_any_mode() {
    // On a screen and in help: nothing changes, the runtime suspends.
    let mut app = app();
    assert_eq!(app.update(Intent::Suspend, t0()), vec![Effect::Suspend]);
    app.update(Intent::ToggleHelp, t0());
    assert_eq!(app.update(Intent::Suspend, t0()), vec![Effect::Suspend]);
    assert_eq!(app.mode(), Mode::Help, "help stays open over the suspend");

    // At a prompt.
    let mut app = self::app();
    quit_failed(&mut app);
    assert_eq!(app.update(Intent::Suspend, t0()), vec![Effect::Suspend]);
    assert!(app.prompt.is_some());
}

#[test]
fn suspend_keeps_the_text_being_typed_with_its_editor_still_open() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::EditNote, t0());
    typed(&mut app, "before the break");
    // Every key typed is kept as the note at once (and saved on the debounce), so a suspend
    // has nothing more to keep.
    assert_eq!(app.assessment.note(&"DP1".into()), "before the break");
    assert_eq!(app.update(Intent::Suspend, t0()), vec![Effect::Suspend]);
    assert_eq!(app.assessment.note(&"DP1".into()), "before the break");
    assert_eq!(app.mode(), Mode::Note, "still typing after fg");
    // Nothing new since: a second suspend only suspends, and closing changes nothing more.
    assert_eq!(app.update(Intent::Suspend, t0()), vec![Effect::Suspend]);
    typed(&mut app, " and after");
    assert_eq!(app.update(Intent::CloseEditor, t0()), vec![Effect::Changed]);
    assert_eq!(
        app.assessment.note(&"DP1".into()),
        "before the break and after"
    );

    let mut app = self::app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::OpenPlan, t0());
    app.update(Intent::SwitchField, t0());
    typed(&mut app, "ask for a gate review");
    assert_eq!(
        app.assessment.plan[&"DP1".into()].first_text(),
        "ask for a gate review",
        "kept as it is typed"
    );
    assert_eq!(app.update(Intent::Suspend, t0()), vec![Effect::Suspend]);
    assert_eq!(app.mode(), Mode::Plan(PlanField::Action));
    let plan = &app.assessment.plan[&"DP1".into()];
    assert_eq!(plan.first_text(), "ask for a gate review");
}

#[test]
fn a_paste_is_inserted_whole_into_the_field_with_the_keyboard() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::EditNote, t0());
    app.update(Intent::Paste("line one\nline two".into()), t0());
    app.update(Intent::CloseEditor, t0());
    assert_eq!(app.assessment.note(&"DP1".into()), "line one\nline two");
    // A round's label is one line (a round keeps answers: rate one first).
    app.update(Intent::Rate(Rating::Level(Level::new(3).unwrap())), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::CloseRound, t0());
    app.update(Intent::Paste("before the\nsecondment".into()), t0());
    app.update(Intent::Confirm, t0());
    assert_eq!(app.assessment.history[0].label, "before the secondment");
}

#[test]
fn a_new_order_or_filter_redoes_the_rows_and_keeps_the_figures() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    for n in [5, 1, 3] {
        app.update(Intent::Rate(level(n)), t0());
    }
    app.update(Intent::NextScreen, t0());
    let before = app.results.summary.clone();
    let ids = |app: &App| -> Vec<usize> {
        app.results
            .summary
            .rows
            .iter()
            .map(|r| r.competency)
            .collect()
    };
    // Largest gap first: DP2 (1) before DP3 (3) before DP1 (5).
    assert_eq!(ids(&app), [1, 2, 0]);
    app.update(Intent::CycleSort, t0());
    assert_eq!(ids(&app), [0, 1, 2], "framework order");
    assert_eq!(app.results.summary.figures, before.figures);
    app.update(Intent::CycleFilter, t0());
    assert!(app.results.summary.rows.len() < before.rows.len());
    assert_eq!(app.results.summary.figures, before.figures);
}

#[test]
fn targets_stay_hidden_until_rated_or_asked_for_and_the_choice_is_kept() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert!(!app.targets_shown(), "DP1 is not rated");
    app.update(Intent::Rate(level(3)), t0());
    app.update(Intent::Left, t0());
    assert!(app.targets_shown(), "DP1 is rated now");
    app.update(Intent::Right, t0());
    assert!(!app.targets_shown(), "DP2 is not rated");
    assert_eq!(
        app.update(Intent::ToggleTargets, t0()),
        vec![Effect::Changed]
    );
    assert!(app.targets_shown());
    assert!(app.assessment.position.show_targets, "kept in the file");
    app.update(Intent::ToggleTargets, t0());
    assert!(!app.targets_shown());
}

#[test]
fn a_4_or_5_without_a_note_asks_for_evidence_once_and_never_blocks() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(4)), t0());
    assert_eq!(app.rate.current, 1, "a 4 is recorded and Rate moves on");
    let notice = app.notice_text().expect("an ask for evidence");
    assert!(notice.contains("DP1 at 4"), "{notice}");
    assert!(notice.contains("what did you do"), "{notice}");
    // A 3 needs no evidence prompt.
    app.update(Intent::Rate(level(3)), t0());
    assert_eq!(app.notice_text().as_deref(), None);
    // A 5 with a note already written is not asked about.
    app.assessment
        .set_note(&"DP3".into(), "Joined six plans into one baseline.".into());
    app.update(Intent::Rate(level(5)), t0());
    assert_eq!(app.notice_text().as_deref(), None);
    assert_eq!(app.assessment.rating(&"DP3".into()), Some(level(5)));
}

/// An app with every competency rated, on Results.
fn rated_on_results() -> App {
    let mut app = app();
    let ids: Vec<_> = app
        .framework
        .competencies
        .iter()
        .map(|c| c.id.clone())
        .collect();
    for (i, id) in ids.iter().enumerate() {
        app.assessment.set_rating(id, Some(level((i % 4) as u8)));
    }
    app.refresh();
    app.update(Intent::PrevScreen, t0());
    app.update(Intent::PrevScreen, t0());
    assert_eq!(app.screen, Screen::Results);
    app
}

#[test]
fn r_on_results_rates_the_selected_gap_row_on_rate() {
    let mut app = rated_on_results();
    app.update(Intent::Down, t0());
    app.update(Intent::Down, t0());
    let c = app.results.selected_competency().expect("a gap row");
    assert_eq!(
        app.update(Intent::RateSelected, t0()),
        vec![Effect::SaveNow]
    );
    assert_eq!(app.screen, Screen::Rate);
    assert_eq!(
        app.rate.current, c,
        "Rate opens on the selected row's competency"
    );
}

#[test]
fn the_gap_table_reopens_from_the_top_where_its_selection_resets() {
    let mut app = rated_on_results();
    app.update(Intent::End, t0());
    app.update(
        Event::Drawn(Box::new(crate::ui::Drawn {
            gaps_offset: Some(20),
            ..Default::default()
        })),
        t0(),
    );
    assert_eq!(app.results.offset, 20);
    // A new filter starts the table from the top.
    app.update(Intent::CycleFilter, t0());
    assert_eq!((app.results.selected, app.results.offset), (0, 0));
    // Leaving Results and changing a rating: the table reopens from the top.
    app.update(Intent::End, t0());
    app.update(
        Event::Drawn(Box::new(crate::ui::Drawn {
            gaps_offset: Some(5),
            ..Default::default()
        })),
        t0(),
    );
    app.update(Intent::RateSelected, t0());
    app.update(Intent::Rate(level(5)), t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.screen, Screen::Results);
    assert_eq!((app.results.selected, app.results.offset), (0, 0));
}

#[test]
fn enter_on_an_unrated_competency_records_nothing_until_a_level_is_highlighted() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(
        app.rate.cursor, None,
        "nothing highlighted on an unrated competency"
    );
    assert_eq!(app.update(Intent::Activate, t0()), Vec::new());
    assert_eq!(app.assessment.rating(&"DP1".into()), None);
    assert_eq!(app.rate.current, 0);
    assert!(
        app.notice_text()
            .as_deref()
            .unwrap()
            .contains("Nothing recorded")
    );
    // ↓ starts at the top, ↑ at the bottom; then Enter records the deliberate choice.
    app.update(Intent::Down, t0());
    assert_eq!(app.rate.cursor, Some(0));
    app.update(Intent::Down, t0());
    app.update(Intent::Activate, t0());
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
    assert_eq!(
        app.rate.cursor, None,
        "the next, unrated competency highlights nothing"
    );
    app.update(Intent::Up, t0());
    assert_eq!(app.rate.cursor, Some(app.framework.scale.na_row()));
    // Back on the rated one, its rating is highlighted.
    app.update(Intent::Left, t0());
    assert_eq!(app.rate.cursor, Some(1));
}

#[test]
fn a_notice_answers_one_action_a_report_stays_on_its_screen_and_the_greeting_goes_at_the_first_key()
{
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::CycleTarget, t0());
    assert!(
        app.notice_text()
            .as_deref()
            .is_some_and(|n| n.contains("Gaps are now"))
    );
    // The next action clears the answer to the last one (N-D29).
    app.update(Intent::Down, t0());
    assert_eq!(app.notice_text().as_deref(), None);
    // On Results, s and f say what they did.
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::CycleSort, t0());
    assert_eq!(
        app.notice_text().as_deref(),
        Some("Gaps sorted: framework order (s for the next order)")
    );
    app.update(Intent::CycleFilter, t0());
    assert_eq!(
        app.notice_text().as_deref(),
        Some("Gaps shown: below target, 0 rows (f for the next filter)")
    );
    app.update(Intent::PrevScreen, t0());
    app.update(Intent::PrevScreen, t0());
    // What rolefit says on its own (a report written) stays on its screen until it changes.
    app.update(Event::Exported(Ok("/tmp/reports/default.md".into())), t0());
    assert!(
        app.notice_text()
            .as_deref()
            .is_some_and(|n| n.starts_with("Report written: default.md in /tmp/reports"))
    );
    app.update(Intent::Down, t0());
    assert!(app.notice_text().as_deref().is_some());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.notice_text().as_deref(), None);

    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let mut app = App::new(AppInit::new(fw, assessment).opened(Opened::Resumed));
    assert!(
        app.notice_text()
            .as_deref()
            .is_some_and(|n| n.starts_with("Resumed"))
    );
    // What the runtime reports is not the user's action.
    app.update(Event::Resize(80, 24), t0());
    app.update(
        Event::Saved {
            at: "14:03:12".into(),
        },
        t0(),
    );
    assert!(
        app.notice_text()
            .as_deref()
            .is_some_and(|n| n.starts_with("Resumed"))
    );
    app.update(Intent::Down, t0());
    assert_eq!(app.notice_text().as_deref(), None);
}

/// The gaps follow the verdict until the user chooses with `t`; the choice is remembered in
/// the file, and `t` comes round to following the verdict again after every profile.
#[test]
fn t_chooses_the_gap_profile_and_comes_round_to_the_verdict_again() {
    let mut app = app();
    // A PM shape: the verdict leans PM, so the gaps are against the PM profile.
    let pm_shape = [4u8, 4, 3, 3, 4, 1, 1];
    let areas: Vec<usize> = app.framework.competencies.iter().map(|c| c.area).collect();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    for area in areas {
        app.update(Intent::Rate(level(pm_shape[area])), t0());
    }
    app.update(Intent::NextScreen, t0());
    let [pm, _] = app.framework.main_profiles;
    assert_eq!(app.target_profile(), pm);
    assert!(!app.target_chosen());
    let n = app.framework.profiles.len();
    let mut seen = vec![app.target_profile()];
    for _ in 1..n {
        app.update(Intent::CycleTarget, t0());
        assert!(app.target_chosen());
        assert!(app.assessment.position.target_chosen);
        seen.push(app.target_profile());
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..n).collect::<Vec<_>>(), "every profile in turn");
    app.update(Intent::CycleTarget, t0());
    assert_eq!(app.target_profile(), pm);
    assert!(!app.target_chosen(), "back to following the verdict");
    assert_eq!(app.assessment.position.target, None);
}
