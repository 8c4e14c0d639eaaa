//! The Plan screen: actions added, dated, marked done, deleted and undone through `update`,
//! grouped by when they are due on a fixed day; and the screen drawn at 80×24 and 60×18.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rolefit::app::{App, AppInit, Event, Intent, Mode, Prompt};
use rolefit::clock::utc_from_epoch;
use rolefit::domain::due::DueGroup;
use rolefit::domain::time::{Date, Datetime};
use rolefit::domain::{ActionStatus, Assessment, CompetencyId, Level, Rating, Screen};

/// 2027-03-01T09:00:00Z.
fn day(n: i64) -> Datetime {
    utc_from_epoch(1_803_891_600 + n * 86_400)
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date {
        year: y,
        month: m,
        day: d,
    }
}

fn send(app: &mut App, actions: &[Intent]) {
    for a in actions {
        app.update(a.clone(), day(0));
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(
            Intent::Edit(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
            day(0),
        );
    }
}

fn clear_field(app: &mut App) {
    for _ in 0..40 {
        app.update(
            Intent::Edit(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Backspace,
                ..Default::default()
            }),
            day(0),
        );
    }
}

/// A few ratings, then the Plan screen (opened from Results on its first gap row).
fn on_plan() -> App {
    let fw = rolefit::storage::framework::builtin();
    let mut a = Assessment::new("default", &fw, day(0));
    a.display_name = Some("Sam Taylor".into());
    let mut app = App::new(AppInit::new(fw, a).color(false));
    send(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    for n in [3, 2, 1, 4, 2] {
        send(
            &mut app,
            &[Intent::Rate(Rating::Level(Level::new(n).unwrap()))],
        );
    }
    send(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    assert_eq!(app.screen(), Screen::Plan);
    app
}

fn add(app: &mut App, text: &str, due: &str) {
    send(app, &[Intent::AddAction]);
    assert_eq!(app.mode(), Mode::PlanInput);
    typed(app, text);
    send(app, &[Intent::Confirm]);
    if !due.is_empty() {
        send(app, &[Intent::SetDue]);
        clear_field(app);
        typed(app, due);
        send(app, &[Intent::Confirm]);
        assert_eq!(app.mode(), Mode::Screen(Screen::Plan), "{due} accepted");
    }
}

fn with_plan() -> App {
    let mut app = on_plan();
    add(&mut app, "Shadow the PMO lead on two gate reviews", "+2w");
    add(
        &mut app,
        "Write the benefits section of the next business case",
        "2027-02-20",
    );
    add(&mut app, "Ask for a mentor", "+3m");
    add(&mut app, "Read the governance handbook", "");
    app
}

#[test]
fn actions_are_added_on_the_competency_opened_and_grouped_by_when_they_are_due() {
    let app = with_plan();
    let focus = app.framework().competencies[app.adding_to()].id.clone();
    let item = &app.assessment().plan[&focus];
    assert_eq!(item.actions.len(), 4);
    assert_eq!(item.actions[0].due, Some(date(2027, 3, 15)));
    assert_eq!(item.actions[2].due, Some(date(2027, 6, 1)));
    let groups: Vec<DueGroup> = app.plan_screen().rows.iter().map(|r| r.group).collect();
    assert_eq!(
        groups,
        [
            DueGroup::Overdue,
            DueGroup::ThisMonth,
            DueGroup::Later,
            DueGroup::NoDate
        ]
    );
    let ids: Vec<u32> = app.plan_screen().rows.iter().map(|r| r.action).collect();
    assert_eq!(ids, [2, 1, 3, 4]);
}

#[test]
fn a_date_that_is_not_one_is_refused_with_what_to_type_and_the_field_stays_open() {
    let mut app = with_plan();
    send(&mut app, &[Intent::Home, Intent::SetDue]);
    clear_field(&mut app);
    typed(&mut app, "end of march");
    send(&mut app, &[Intent::Confirm]);
    assert_eq!(app.mode(), Mode::PlanInput);
    let error = app
        .plan_screen()
        .input
        .as_ref()
        .unwrap()
        .error
        .as_ref()
        .unwrap()
        .to_string();
    assert!(
        error.contains("2027-03-31") && error.contains("+2w"),
        "{error}"
    );
    // Esc leaves the date as it was.
    send(&mut app, &[Intent::Cancel]);
    let (_, action) = app.plan_action(2).unwrap();
    assert_eq!(action.due, Some(date(2027, 2, 20)));
    // An empty date clears it.
    send(&mut app, &[Intent::SetDue]);
    clear_field(&mut app);
    send(&mut app, &[Intent::Confirm]);
    assert_eq!(app.plan_action(2).unwrap().1.due, None);
}

#[test]
fn marking_done_asks_for_evidence_then_offers_to_rate_the_competency_again() {
    let mut app = with_plan();
    send(&mut app, &[Intent::Home, Intent::MarkDone]);
    assert_eq!(app.mode(), Mode::PlanInput);
    typed(&mut app, "Board paper accepted");
    send(&mut app, &[Intent::Confirm]);
    let (id, action) = app.plan_action(2).unwrap();
    assert_eq!(action.status, ActionStatus::Done);
    assert_eq!(action.evidence, "Board paper accepted");
    assert_eq!(
        action.done_on,
        Some(app.today()),
        "the day it was done is kept, for the team view's done since the last round"
    );
    let id = id.clone();
    let c = app.framework().competency_index(&id).unwrap();
    assert_eq!(app.prompt(), Some(&Prompt::Rerate(c)));
    send(&mut app, &[Intent::Confirm]);
    assert_eq!(app.screen(), Screen::Rate);
    assert_eq!(app.rate().current, c);
    // Its row moved to the done group.
    send(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    let row = app
        .plan_screen()
        .rows
        .iter()
        .find(|r| r.action == 2)
        .unwrap();
    assert_eq!(row.group, DueGroup::Closed);
}

#[test]
fn status_cycles_delete_and_every_change_is_undone_and_redone() {
    let mut app = with_plan();
    let before = app.assessment().plan.clone();
    send(&mut app, &[Intent::Home, Intent::CycleStatus]);
    assert_eq!(app.plan_action(2).unwrap().1.status, ActionStatus::Doing);
    send(&mut app, &[Intent::CycleStatus]);
    assert_eq!(app.plan_action(2).unwrap().1.done_on, Some(app.today()));
    send(&mut app, &[Intent::CycleStatus]);
    let dropped = app.plan_action(2).unwrap().1;
    assert_eq!(
        (dropped.status, dropped.done_on),
        (ActionStatus::Dropped, None)
    );
    send(&mut app, &[Intent::Undo, Intent::Undo]);
    assert_eq!(app.plan_action(2).unwrap().1.status, ActionStatus::Doing);
    send(&mut app, &[Intent::DeleteAction]);
    assert!(app.plan_action(2).is_none());
    assert!(
        app.notice_text()
            .as_deref()
            .unwrap()
            .contains("z brings it back")
    );
    send(&mut app, &[Intent::Undo]);
    assert_eq!(app.plan_action(2).unwrap().1.status, ActionStatus::Doing);
    send(&mut app, &[Intent::Undo]);
    assert_eq!(app.assessment().plan, before);
    send(&mut app, &[Intent::Redo, Intent::Redo]);
    assert!(app.plan_action(2).is_none());
    // Undo as far as the first add: nothing left of the plan.
    for _ in 0..20 {
        send(&mut app, &[Intent::Undo]);
    }
    assert!(app.assessment().plan.is_empty());
    assert!(app.plan_screen().rows.is_empty());
}

#[test]
fn r_rates_the_selected_actions_competency_and_search_chooses_another_for_a() {
    let mut app = with_plan();
    let c = app.plan_screen().rows[0].index.unwrap();
    send(&mut app, &[Intent::Home, Intent::RateSelected]);
    assert_eq!(app.screen(), Screen::Rate);
    assert_eq!(app.rate().current, c);
    send(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    send(&mut app, &[Intent::ChooseForAction]);
    assert_eq!(app.mode(), Mode::Search);
    typed(&mut app, "GV3");
    send(&mut app, &[Intent::Activate]);
    assert_eq!(app.mode(), Mode::PlanInput);
    typed(&mut app, "Run the monthly portfolio review");
    send(&mut app, &[Intent::Confirm]);
    let gv3 = &app.assessment().plan[&CompetencyId::from("GV3")];
    assert_eq!(gv3.actions[0].text, "Run the monthly portfolio review");
    assert_eq!(gv3.actions[0].id, 5);
}

#[test]
fn an_empty_action_is_refused_and_read_only_refuses_every_change() {
    let mut app = on_plan();
    send(&mut app, &[Intent::AddAction, Intent::Confirm]);
    assert_eq!(app.mode(), Mode::PlanInput);
    assert!(
        app.plan_screen()
            .input
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("a few words")
    );
    assert!(app.assessment().plan.is_empty());
}

fn draw(app: &mut App, width: u16, height: u16) -> TestBackend {
    app.update(Event::Resize(width, height), day(0));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| rolefit::ui::render(frame, app))
        .unwrap();
    terminal.backend().clone()
}

#[test]
fn the_plan_screen_reads_at_80x24_and_60x18() {
    let mut app = with_plan();
    send(&mut app, &[Intent::Home]);
    insta::assert_snapshot!("plan_80x24", draw(&mut app, 80, 24));
    insta::assert_snapshot!("plan_60x18", draw(&mut app, 60, 18));
    // No word is cut without "…": every long text ends with it where it is cut.
    let small = format!("{:?}", draw(&mut app, 60, 18));
    assert!(small.contains("Write the benefits…"), "{small}");
    assert!(small.contains("Shadow the PMO lead on…"), "{small}");
}

#[test]
fn a_click_selects_a_row_and_a_second_click_edits_it() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = with_plan();
    send(&mut app, &[Intent::Home]);
    let backend = draw(&mut app, 80, 24);
    // Drawn: tell the app where the rows are, as the runtime does.
    let mut terminal = Terminal::new(backend).unwrap();
    let mut drawn = None;
    terminal
        .draw(|frame| drawn = Some(rolefit::ui::draw(frame, &app)))
        .unwrap();
    app.update(Event::Drawn(Box::new(drawn.unwrap())), day(0));
    let buffer = terminal.backend().buffer().clone();
    let row = (0..buffer.area.height)
        .find(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.contains("Ask for a mentor")
        })
        .unwrap();
    let click = |row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(click(row), day(0));
    assert_eq!(app.plan_screen().selected_row().unwrap().action, 3);
    let mut drawn = None;
    terminal
        .draw(|frame| drawn = Some(rolefit::ui::draw(frame, &app)))
        .unwrap();
    app.update(Event::Drawn(Box::new(drawn.unwrap())), day(0));
    app.update(click(row), day(0));
    assert_eq!(app.mode(), Mode::PlanInput);
}
