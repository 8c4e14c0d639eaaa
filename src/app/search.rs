//! Search (`/` on Grid, Rate and Results): a one-line field and a live list of the
//! competencies whose id or name matches, best first; Enter jumps to the chosen one, Esc
//! leaves everything as it was.
//!
//! The ids and names are folded once, when search first opens, into an index the app keeps
//! (the framework never changes while it runs), so each key typed is one scan over prepared
//! text (`index`).

mod index;

use ratatui_textarea::{Input, Key, TextArea};

use super::frame::keep_in_view;
use super::{App, Effect, Intent, LowerView};
use crate::domain::Screen;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

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
        input.set_placeholder_text(crate::strings::fields::SEARCH_PLACEHOLDER);
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
        let rows = list_rows(self.size);
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
                self.notice = Some(super::Notice::NotInGapTable {
                    id,
                    filter: self.results.filter,
                });
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

// The popup's geometry: the view draws into it and the app pages by it.

/// Widest the overlay gets, in columns and rows.
const MAX_SIZE: (u16, u16) = (110, 30);

/// The parts of the overlay drawn in `body` (the frame between the tab bar and the status
/// line): the whole popup, the field line, the line above the list, the list.
pub fn layout(body: Rect) -> (Rect, Rect, Rect, Rect) {
    let width = if body.width >= 64 {
        (body.width - 4).min(MAX_SIZE.0)
    } else {
        body.width
    };
    let height = if body.height >= 20 {
        (body.height - 2).min(MAX_SIZE.1)
    } else {
        body.height
    };
    let popup = body.centered(Constraint::Length(width), Constraint::Length(height));
    let inner = Block::bordered()
        .inner(popup)
        .inner(ratatui::layout::Margin::new(1, 0));
    let [field, rule, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    (popup, field, rule, list)
}

/// The frame's body in a terminal of `size`: what `ui::draw` leaves between the tab bar and
/// the two lines at the bottom.
pub fn body_of(size: (u16, u16)) -> Rect {
    Rect::new(0, 1, size.0, size.1.saturating_sub(3))
}

/// How many matches the list shows in a terminal of `size`, for paging and scrolling.
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(layout(body_of(size)).3.height).max(1)
}

#[cfg(test)]
mod tests;
