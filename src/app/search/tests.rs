use super::*;
use crate::app::{AppInit, Mode, Prompt};
use crate::domain::{Assessment, Framework, Level, Rating};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// What a key or a paste means in `mode`.
fn map_event(event: &Event, mode: Mode) -> Option<Intent> {
    crate::input::map_event(event, mode).and_then(crate::app::Msg::into_intent)
}

fn app_with(fw: Framework) -> App {
    let assessment = Assessment::new("t", &fw, crate::clock::utc_from_epoch(0));
    let mut app = App::new(AppInit::new(fw, assessment));
    app.update(crate::app::Event::Resize(80, 24), t0());
    app
}

fn app() -> App {
    app_with(crate::storage::framework::builtin())
}

fn t0() -> crate::domain::time::Datetime {
    crate::clock::utc_from_epoch(0)
}

fn apply(app: &mut App, actions: &[Intent]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|a| app.update(a.clone(), t0()))
        .collect()
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(
            Intent::Edit(Input {
                key: Key::Char(c),
                ..Input::default()
            }),
            t0(),
        );
    }
}

fn ids(app: &App) -> Vec<String> {
    let search = app.search().expect("search is open");
    search
        .hits()
        .iter()
        .map(|h| app.framework.competencies[h.competency].id.to_string())
        .collect()
}

fn index_of(app: &App, id: &str) -> usize {
    app.framework.competency_index(&id.into()).unwrap()
}

#[test]
fn slash_opens_search_on_grid_rate_and_results_only() {
    let slash = Event::Key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    for screen in [Screen::Grid, Screen::Rate, Screen::Results] {
        assert_eq!(
            map_event(&slash, Mode::Screen(screen)),
            Some(Intent::OpenSearch)
        );
    }
    assert_eq!(map_event(&slash, Mode::Screen(Screen::Roles)), None);
    let mut app = app();
    app.update(Intent::OpenSearch, t0());
    assert_eq!(app.mode(), Mode::Screen(Screen::Roles), "not on Roles");
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.update(Intent::OpenSearch, t0()), Vec::new());
    assert_eq!(app.mode(), Mode::Search);
    assert!(
        !app.editing(),
        "the search field edits nothing of the assessment"
    );
    // Nothing typed: every competency, in framework order, the first chosen.
    assert_eq!(ids(&app).len(), 33);
    assert_eq!(ids(&app)[0], "DP1");
    assert_eq!(app.search().unwrap().selected, 0);
}

#[test]
fn search_is_a_text_field_that_takes_keys_and_pastes() {
    let press = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    let none = KeyModifiers::NONE;
    assert!(matches!(
        map_event(&press(KeyCode::Char('q'), none), Mode::Search),
        Some(Intent::Edit(_))
    ));
    for (code, modifiers, action) in [
        (KeyCode::Down, none, Intent::Down),
        (KeyCode::Char('n'), KeyModifiers::CONTROL, Intent::Down),
        (KeyCode::Char('p'), KeyModifiers::CONTROL, Intent::Up),
        (KeyCode::PageDown, none, Intent::PageDown),
        (KeyCode::Enter, none, Intent::Activate),
        (KeyCode::Esc, none, Intent::Back),
    ] {
        assert_eq!(
            map_event(&press(code, modifiers), Mode::Search),
            Some(action)
        );
    }
    assert_eq!(
        map_event(&Event::Paste("risk".into()), Mode::Search),
        Some(Intent::Paste("risk".into()))
    );
}

#[test]
fn typing_filters_by_id_or_name_and_ranks_the_best_first() {
    let mut app = app();
    apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
    typed(&mut app, "gov");
    // A name starting with it before a name with it in a later word, then the rest of the
    // area "Governance" (N-D26).
    assert_eq!(ids(&app), ["GV3", "GV1", "GV2", "GV4", "GV5"]);
    // Backspace widens it again.
    app.update(
        Intent::Edit(Input {
            key: Key::Backspace,
            ..Input::default()
        }),
        t0(),
    );
    assert_eq!(app.search().unwrap().query(), "go");
    let mut app = self::app();
    apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
    typed(&mut app, "Ri1");
    assert_eq!(ids(&app), ["RI1"]);
    typed(&mut app, "x");
    assert!(ids(&app).is_empty());
    assert_eq!(
        crate::strings::no_match(app.search().unwrap().query()),
        "No competency matches “Ri1x”"
    );
}

#[test]
fn accents_and_case_do_not_matter() {
    let mut fw = crate::storage::framework::builtin();
    let gv3 = fw.competency_index(&"GV3".into()).unwrap();
    fw.competencies[gv3].name = "Gouvernânce des projets".into();
    for query in ["gouvernance", "Gouvernance", "GOUVERNÂNCE", "gouvernânce"] {
        let mut app = app_with(fw.clone());
        apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
        typed(&mut app, query);
        assert_eq!(ids(&app), ["GV3"], "{query}");
    }
}

#[test]
fn a_paste_goes_into_the_field_on_one_line_and_tab_does_nothing() {
    let mut app = app();
    apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
    app.update(Intent::Paste("risk\nident".into()), t0());
    assert_eq!(app.search().unwrap().query(), "risk ident");
    assert_eq!(ids(&app), ["RI1"]);
    for key in [Key::Tab, Key::Enter] {
        app.update(
            Intent::Edit(Input {
                key,
                ..Input::default()
            }),
            t0(),
        );
    }
    assert_eq!(app.search().unwrap().query(), "risk ident");
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.screen, Screen::Grid);
}

#[test]
fn moving_stops_at_the_ends_and_keeps_the_choice_in_view() {
    let mut app = app();
    apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
    let rows = super::list_rows(app.size);
    assert!(rows < 33, "the list is cut at 80×24");
    apply(&mut app, &[Intent::Up]);
    assert_eq!(app.search().unwrap().selected, 0);
    apply(&mut app, &[Intent::Down, Intent::Down]);
    assert_eq!(app.search().unwrap().selected, 2);
    apply(&mut app, &[Intent::PageDown]);
    assert_eq!(app.search().unwrap().selected, 2 + rows);
    let search = app.search().unwrap();
    assert_eq!(search.offset, search.selected + 1 - rows, "just in view");
    apply(&mut app, &[Intent::PageDown, Intent::PageDown]);
    assert_eq!(app.search().unwrap().selected, 32);
    apply(&mut app, &[Intent::PageUp, Intent::PageUp, Intent::PageUp]);
    let search = app.search().unwrap();
    assert_eq!((search.selected, search.offset), (0, 0));
    // Typing chooses the best match again.
    apply(&mut app, &[Intent::Down]);
    typed(&mut app, "r");
    assert_eq!(app.search().unwrap().selected, 0);
}

#[test]
fn enter_on_the_grid_opens_the_area_and_selects_the_row() {
    let mut app = app();
    apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
    typed(&mut app, "se4");
    assert_eq!(app.update(Intent::Activate, t0()), Vec::new());
    assert_eq!(app.mode(), Mode::Screen(Screen::Grid));
    let se4 = index_of(&app, "SE4");
    assert_eq!(app.grid_competency(), Some(se4));
    assert!(app.grid.is_expanded(app.framework.competencies[se4].area));
    assert_eq!(app.rate.current, se4);
}

#[test]
fn enter_on_rate_shows_the_competency_found() {
    let mut app = app();
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    apply(&mut app, &[Intent::OpenSearch]);
    typed(&mut app, "benefits");
    let effects = apply(&mut app, &[Intent::Activate]);
    assert_eq!(
        effects,
        [Effect::Changed],
        "where the user is, kept for resuming"
    );
    assert_eq!(app.mode(), Mode::Screen(Screen::Rate));
    assert_eq!(app.rate.current, index_of(&app, "GV2"));
    assert_eq!(app.assessment.position.competency, Some("GV2".into()));
}

#[test]
fn enter_on_results_selects_the_gap_row_or_goes_to_rate_and_says_so() {
    let mut app = app();
    let level = |n| Intent::Rate(Rating::Level(Level::new(n).unwrap()));
    // Rate DP1 to DP3, then go to Results.
    apply(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    apply(
        &mut app,
        &[level(1), level(4), level(2), Intent::NextScreen],
    );
    assert_eq!(app.screen, Screen::Results);
    apply(&mut app, &[Intent::OpenSearch]);
    typed(&mut app, "dp2");
    apply(&mut app, &[Intent::Activate]);
    assert_eq!(app.mode(), Mode::Screen(Screen::Results));
    let dp2 = index_of(&app, "DP2");
    assert_eq!(app.results.selected_competency(), Some(dp2));
    assert_ne!(app.results.selected, 0, "DP2 is not the first row");
    // GV4 is not rated, so the gap table (all rated) does not list it: Rate shows it.
    apply(&mut app, &[Intent::OpenSearch]);
    typed(&mut app, "GV4");
    let effects = apply(&mut app, &[Intent::Activate]);
    assert_eq!(effects, [Effect::SaveNow]);
    assert_eq!(app.mode(), Mode::Screen(Screen::Rate));
    assert_eq!(app.rate.current, index_of(&app, "GV4"));
    assert_eq!(
        app.notice_text().as_deref(),
        Some("GV4 is not in the gap table (all rated): here it is on Rate.")
    );
}

#[test]
fn esc_closes_and_leaves_everything_as_it_was() {
    let mut app = app();
    apply(
        &mut app,
        &[
            Intent::NextScreen,
            Intent::Down,
            Intent::Activate,
            Intent::Down,
            Intent::Right,
        ],
    );
    let before = (
        app.grid.selected,
        app.grid.column,
        app.grid.rows().len(),
        app.rate.current,
        app.assessment.clone(),
        app.dirty,
    );
    apply(&mut app, &[Intent::OpenSearch]);
    typed(&mut app, "gov");
    apply(&mut app, &[Intent::Down, Intent::Back]);
    assert_eq!(app.mode(), Mode::Screen(Screen::Grid));
    let after = (
        app.grid.selected,
        app.grid.column,
        app.grid.rows().len(),
        app.rate.current,
        app.assessment.clone(),
        app.dirty,
    );
    assert_eq!(after, before);
    // Opened again, it starts afresh.
    apply(&mut app, &[Intent::OpenSearch]);
    assert_eq!(app.search().unwrap().query(), "");
    assert_eq!(ids(&app).len(), 33);
}

#[test]
fn ctrl_c_in_search_quits_and_saves_and_enter_with_no_match_stays() {
    let mut app = app();
    apply(&mut app, &[Intent::NextScreen, Intent::OpenSearch]);
    typed(&mut app, "zzz");
    assert_eq!(apply(&mut app, &[Intent::Activate]), Vec::new());
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(apply(&mut app, &[Intent::Quit]), [Effect::SaveAndQuit]);
    assert!(app.search().is_none());
    assert!(!matches!(app.prompt(), Some(Prompt::ConfirmQuit(_))));
}
