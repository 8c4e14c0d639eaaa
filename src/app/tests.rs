//! Update tests: state changes and effects, no terminal.

use super::*;
use crate::domain::{Level, Rating};
use ratatui_textarea::Input;

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

#[test]
fn what_if_leaves_ratings_alone_until_kept() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::ToggleWhatIf, t0());
    app.update(Intent::Rate(level(5)), t0());
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
    app.update(Intent::Back, t0());
    app.update(Intent::Confirm, t0());
    assert!(!app.what_if());
    app.update(Intent::ToggleWhatIf, t0());
    app.update(Intent::Rate(level(5)), t0());
    assert_eq!(app.update(Intent::ApplyWhatIf, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(5)));
}

/// On Results with DP1 rated 1 and GV3 rated 3, in a what-if.
fn in_what_if() -> App {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(1)), t0());
    let gv3 = app.framework.competency_index(&"GV3".into()).unwrap();
    app.rate.current = gv3;
    app.update(Intent::Rate(level(3)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::ToggleWhatIf, t0());
    app
}

/// Selects a competency's row in the gap table.
fn select(app: &mut App, id: &str) {
    let c = app.framework.competency_index(&id.into()).unwrap();
    app.results.selected = app
        .results
        .summary
        .rows
        .iter()
        .position(|r| r.competency == c)
        .unwrap();
}

#[test]
fn discarding_a_what_if_with_changes_asks_first() {
    let mut app = in_what_if();
    // Nothing changed yet: discarding needs no question.
    app.update(Intent::Back, t0());
    assert!(!app.what_if());
    assert_eq!(app.prompt, None);
    app.update(Intent::ToggleWhatIf, t0());
    select(&mut app, "DP1");
    app.update(Intent::Rate(level(5)), t0());
    select(&mut app, "GV3");
    app.update(Intent::Right, t0());
    // Esc asks, naming how many levels would go; n keeps the what-if as it was.
    app.update(Intent::Back, t0());
    assert_eq!(app.prompt, Some(Prompt::DiscardWhatIf(2)));
    assert_eq!(app.mode(), Mode::Prompt(PromptKind::DiscardWhatIf));
    app.update(Intent::Cancel, t0());
    assert_eq!(app.prompt, None);
    assert!(app.what_if());
    assert_eq!(app.what_if_changes().len(), 2);
    // w asks too; y discards and the ratings are untouched.
    app.update(Intent::ToggleWhatIf, t0());
    assert_eq!(app.prompt, Some(Prompt::DiscardWhatIf(2)));
    app.update(Intent::Confirm, t0());
    assert!(!app.what_if());
    assert_eq!(app.prompt, None);
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
    assert_eq!(app.notice.as_deref(), Some(strings::WHAT_IF_DISCARDED));
}

#[test]
fn a_what_if_shows_the_fits_before_and_keeping_it_names_each_change() {
    let mut app = in_what_if();
    let pmo = app.framework.profile_index("pmo").unwrap();
    let real = app.results.summary.figures.readiness[pmo].percent;
    assert_eq!(app.what_if_before().map(|b| b[pmo].percent), Some(real));
    select(&mut app, "GV3");
    app.update(Intent::Rate(level(5)), t0());
    // The figures shown are the what-if's; the ones before stay to compare with.
    assert!(app.results.summary.figures.readiness[pmo].percent > real);
    assert_eq!(app.what_if_before().map(|b| b[pmo].percent), Some(real));
    select(&mut app, "DP1");
    app.update(Intent::Right, t0());
    assert_eq!(app.update(Intent::ApplyWhatIf, t0()), vec![Effect::Changed]);
    assert_eq!(
        app.notice.as_deref(),
        Some("Kept DP1 1→2, GV3 3→5 as ratings.")
    );
    assert_eq!(app.what_if_before(), None);
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
    assert!(app.notice().is_some_and(|n| n.contains("EISDIR")));
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
    let notice = app.notice().expect("an ask for evidence");
    assert!(notice.contains("DP1 at 4"), "{notice}");
    assert!(notice.contains("what did you do"), "{notice}");
    // A 3 needs no evidence prompt.
    app.update(Intent::Rate(level(3)), t0());
    assert_eq!(app.notice(), None);
    // A 5 with a note already written is not asked about.
    app.assessment
        .set_note(&"DP3".into(), "Joined six plans into one baseline.".into());
    app.update(Intent::Rate(level(5)), t0());
    assert_eq!(app.notice(), None);
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
    assert!(app.notice().unwrap().contains("Nothing recorded"));
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
    assert!(app.notice().is_some_and(|n| n.contains("Gaps are now")));
    // The next action clears the answer to the last one (N-D29).
    app.update(Intent::Down, t0());
    assert_eq!(app.notice(), None);
    // On Results, s and f say what they did.
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::CycleSort, t0());
    assert_eq!(
        app.notice(),
        Some("Gaps sorted: framework order (s for the next order)")
    );
    app.update(Intent::CycleFilter, t0());
    assert_eq!(
        app.notice(),
        Some("Gaps shown: below target, 0 rows (f for the next filter)")
    );
    app.update(Intent::PrevScreen, t0());
    app.update(Intent::PrevScreen, t0());
    // What rolefit says on its own (a report written) stays on its screen until it changes.
    app.update(Event::Exported(Ok("/tmp/reports/default.md".into())), t0());
    assert!(
        app.notice()
            .is_some_and(|n| n.starts_with("Report written: default.md in /tmp/reports"))
    );
    app.update(Intent::Down, t0());
    assert!(app.notice().is_some());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.notice(), None);

    let fw = crate::storage::framework::builtin();
    let assessment = Assessment::new("t", &fw, t0());
    let mut app = App::new(AppInit::new(fw, assessment).opened(Opened::Resumed));
    assert!(app.notice().is_some_and(|n| n.starts_with("Resumed")));
    // What the runtime reports is not the user's action.
    app.update(Event::Resize(80, 24), t0());
    app.update(
        Event::Saved {
            at: "14:03:12".into(),
        },
        t0(),
    );
    assert!(app.notice().is_some_and(|n| n.starts_with("Resumed")));
    app.update(Intent::Down, t0());
    assert_eq!(app.notice(), None);
}

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
    assert_eq!(app.notice(), Some("Review of alex: 0/33 answered so far"));
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
        app.notice().unwrap().contains("note for DP2"),
        "{:?}",
        app.notice()
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

/// A framework of one area and three competencies on a scale of these values (format 2).
fn on_scale(values: &[u8]) -> App {
    let mut text = String::from("format = 2\nid = \"s\"\nversion = 1\nname = \"S\"\n\n[scale]\n");
    for v in values {
        text.push_str(&format!(
            "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"D.\"\n"
        ));
    }
    text.push_str("\n[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n[[areas]]\nid = \"A\"\nname = \"Area\"\n");
    for c in 1..=3 {
        text.push_str(&format!(
            "\n[[competencies]]\nid = \"C{c}\"\narea = \"A\"\nname = \"Competency {c}\"\n"
        ));
    }
    let fw = crate::storage::framework::from_toml(&text).unwrap_or_else(|p| panic!("{p:#?}"));
    let assessment = Assessment::new("t", &fw, t0());
    let mut app = App::new(AppInit::new(fw, assessment));
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.screen, Screen::Rate);
    app
}

/// The action a key press does on the screen shown.
fn key(app: &App, c: char) -> crate::app::Msg {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    crate::input::map_event(&event, app.mode()).expect("the key is bound")
}

#[test]
fn a_7_is_recorded_on_a_1_to_7_scale_and_refused_on_the_built_in_one() {
    let mut rated = on_scale(&[1, 2, 3, 4, 5, 6, 7]);
    let seven = key(&rated, '7');
    rated.update(seven, t0());
    assert_eq!(rated.assessment.rating(&"C1".into()), Some(level(7)));
    assert_eq!(rated.rate.current, 1, "recorded, Rate moves on");
    // "-" records "none", which a 1-based scale offers.
    let minus = key(&rated, '-');
    rated.update(minus, t0());
    assert_eq!(
        rated.assessment.rating(&"C2".into()),
        Some(Rating::Level(Level::NONE))
    );

    let mut builtin = app();
    builtin.update(Intent::NextScreen, t0());
    builtin.update(Intent::NextScreen, t0());
    let mut app = builtin;
    let choices = app.framework.choices(0);
    for (typed, shown) in [('7', "7"), ('-', "none")] {
        let action = key(&app, typed);
        app.update(action, t0());
        assert_eq!(app.assessment.rating(&"DP1".into()), None, "{typed}");
        assert_eq!(app.rate.current, 0, "Rate stays on DP1 after {typed}");
        assert_eq!(
            app.notice(),
            Some(strings::not_a_choice(shown, &choices).as_str())
        );
    }
    // The notice names the built-in scale's levels.
    assert!(
        app.notice()
            .unwrap()
            .contains("choose 0, 1, 2, 3, 4, 5, or N/A"),
        "{:?}",
        app.notice()
    );
}

#[test]
fn evidence_is_asked_for_the_high_levels_of_the_scale() {
    // (scale, levels not asked about, levels asked about)
    let cases: [(&[u8], &[u8], &[u8]); 3] = [
        (&[1, 2, 3, 4, 5, 6, 7], &[4, 5], &[6, 7]),
        (&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], &[4, 6], &[7, 9]),
        (&[1, 2], &[1], &[2]),
    ];
    for (scale, calm, asked) in cases {
        for &n in calm {
            let mut app = on_scale(scale);
            app.update(Intent::Rate(level(n)), t0());
            assert_eq!(app.assessment.rating(&"C1".into()), Some(level(n)));
            assert_eq!(app.notice(), None, "{n} on {scale:?}");
        }
        for &n in asked {
            let mut app = on_scale(scale);
            app.update(Intent::Rate(level(n)), t0());
            let notice = app.notice().unwrap_or_default().to_string();
            assert!(
                notice.contains(&format!("C1 at {n}")) && notice.contains("what did you do"),
                "{n} on {scale:?}: {notice}"
            );
        }
    }
}

#[test]
fn the_na_row_follows_the_choices_of_the_scale() {
    // 1–7: seven levels, "none", then N/A.
    let mut app = on_scale(&[1, 2, 3, 4, 5, 6, 7]);
    app.update(Intent::Rate(Rating::NotApplicable), t0());
    app.update(Intent::Left, t0());
    assert_eq!(app.rate.cursor, Some(8));
    assert_eq!(app.rate.cursor, Some(app.framework.scale.na_row()));
    // 0–9: ten levels, its 0 says "not yet", then N/A.
    let mut app = on_scale(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    app.update(Intent::Rate(Rating::NotApplicable), t0());
    app.update(Intent::Left, t0());
    assert_eq!(app.rate.cursor, Some(10));
}
