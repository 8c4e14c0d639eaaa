//! Search (`/` on Grid, Rate and Results): a one-line field and a live list of the
//! competencies whose id or name matches, best first; Enter jumps to the chosen one, Esc
//! leaves everything as it was.
//!
//! The ids and names are folded once, when search first opens, into an index the app keeps
//! (the framework never changes while it runs), so each key typed is one scan over prepared
//! text (`index`).

mod index;

use ratatui_textarea::{Input, Key, TextArea};

use super::{App, Effect, Intent, LowerView};
use crate::domain::Screen;
use crate::ui::keep_in_view;

pub use index::{Hit, Rank, SearchIndex, fold, matched_range};

/// The open search: what is typed, what matches it, which match is chosen.
#[derive(Debug)]
pub struct SearchState {
    input: TextArea<'static>,
    /// The query as typed, and folded for matching.
    query: String,
    folded: String,
    hits: Vec<Hit>,
    /// The chosen match, an index into `hits`.
    pub selected: usize,
    /// The first match shown in the list.
    pub offset: usize,
}

impl SearchState {
    fn new(index: &SearchIndex) -> SearchState {
        let mut input = TextArea::default();
        input.set_placeholder_text(PLACEHOLDER);
        input.set_max_histories(0);
        SearchState {
            input,
            query: String::new(),
            folded: String::new(),
            hits: index.find(""),
            selected: 0,
            offset: 0,
        }
    }

    /// The field being typed in.
    pub fn input(&self) -> &TextArea<'static> {
        &self.input
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The query as matched: lower case, without accents.
    pub fn folded_query(&self) -> &str {
        &self.folded
    }

    /// The matches, best first.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The competency of the chosen match, if anything matches.
    pub fn selected_competency(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.competency)
    }

    /// Matches the query again after the field changed; the best match is chosen.
    fn refilter(&mut self, index: &SearchIndex) {
        let query = self.input.lines().join(" ");
        if query == self.query {
            return;
        }
        let folded = fold(query.trim_start());
        if folded != self.folded {
            self.hits = index.find(&folded);
            self.selected = 0;
            self.offset = 0;
        }
        self.query = query;
        self.folded = folded;
    }
}

/// What the empty field shows.
pub const PLACEHOLDER: &str = "type an id or part of a name";

/// The message when nothing matches `query`.
pub fn no_match(query: &str) -> String {
    format!("No competency matches “{}”", query.trim())
}

/// The notice when the competency found is not in the gap table as filtered, so Rate shows
/// it instead.
pub fn not_in_gap_table(id: &str, filter: &str) -> String {
    format!("{id} is not in the gap table ({filter}): here it is on Rate.")
}

/// Keys that would put a line break or a tab in the one-line field.
fn breaks_the_line(input: &Input) -> bool {
    matches!(
        input.key,
        Key::Enter | Key::Tab | Key::Char('\n' | '\r' | '\t')
    ) || (input.ctrl && input.key == Key::Char('m'))
}

impl App {
    /// The open search, if any.
    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// Opens search over the screen, with every competency listed.
    pub(super) fn open_search(&mut self) -> Vec<Effect> {
        let index = self
            .search_index
            .get_or_insert_with(|| SearchIndex::new(&self.framework));
        self.search = Some(SearchState::new(index));
        Vec::new()
    }

    /// Search has the keyboard.
    pub(super) fn update_search(&mut self, action: Intent) -> Vec<Effect> {
        let (Some(search), Some(index)) = (self.search.as_mut(), self.search_index.as_ref()) else {
            return Vec::new();
        };
        let rows = crate::ui::search::list_rows(self.size);
        let last = search.hits.len().saturating_sub(1);
        match action {
            // The field is one line: a line break or a tab does nothing.
            Intent::Edit(input) if breaks_the_line(&input) => {}
            Intent::Edit(input) => {
                search.input.input(input);
                search.refilter(index);
            }
            Intent::Paste(text) => {
                // The field is one line: line breaks and tabs become spaces.
                let line: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                search.input.insert_str(line);
                search.refilter(index);
            }
            Intent::Up => search.selected = search.selected.saturating_sub(1),
            Intent::Down => search.selected = (search.selected + 1).min(last),
            Intent::PageUp => search.selected = search.selected.saturating_sub(rows),
            Intent::PageDown => search.selected = (search.selected + rows).min(last),
            Intent::Activate => {
                return match search.selected_competency() {
                    Some(c) => {
                        self.search = None;
                        self.jump_to(c)
                    }
                    None => Vec::new(),
                };
            }
            Intent::Back | Intent::Cancel | Intent::CloseEditor => self.search = None,
            Intent::Quit => {
                self.search = None;
                return self.quit();
            }
            _ => {}
        }
        if let Some(search) = self.search.as_mut() {
            search.offset = keep_in_view(
                search.offset,
                search.selected,
                search.hits.len(),
                rows,
                |_| 1,
            );
        }
        Vec::new()
    }

    /// Shows competency `c` where the user is: its row on the Grid (its area opened), itself
    /// on Rate, its gap row on Results when the table lists it, else Rate on it (and says so).
    fn jump_to(&mut self, c: usize) -> Vec<Effect> {
        match self.screen {
            Screen::Grid => {
                self.grid.reveal(&self.framework, c);
                self.grid.detail_scroll = 0;
                self.rate.current = c;
                Vec::new()
            }
            Screen::Results => {
                let rows = &self.results.summary.rows;
                if let Some(row) = rows.iter().position(|r| r.competency == c) {
                    self.results.selected = row;
                    self.results.view = LowerView::Gaps;
                    return Vec::new();
                }
                let id = self.framework.competencies[c].id.to_string();
                self.notice = Some(not_in_gap_table(&id, self.results.filter.label()));
                self.rate.current = c;
                self.go_to(Screen::Rate)
            }
            Screen::Plan => self.plan_jump_to(c),
            Screen::Rate | Screen::Roles => {
                self.rate.current = c;
                if self.screen != Screen::Rate {
                    return self.go_to(Screen::Rate);
                }
                self.sync_cursor();
                self.position_changed()
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
            no_match(app.search().unwrap().query()),
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
        let rows = crate::ui::search::list_rows(app.size);
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
            app.notice(),
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
}
