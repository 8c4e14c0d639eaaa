//! The mouse: a click or the wheel, resolved against where the last frame put things
//! (`ui::hit`) into the actions the keys do, so a click behaves exactly as its keys would.

use ratatui::crossterm::event::MouseEvent;

use super::{Action, App, Effect, Mode};
use crate::domain::Screen;
use crate::ui::{Pane, Target, hit};

impl App {
    /// Applies a mouse event. A click on a row selects it, and on the row already selected
    /// does what Enter does; on Rate, a click highlights a level and only a second click on
    /// the highlighted level records it, so no stray click rates. While a text field has the
    /// keyboard the mouse does nothing, so no typed text is lost.
    pub(super) fn mouse(&mut self, event: &MouseEvent) -> Vec<Effect> {
        let mode = self.mode();
        if mode.is_text() {
            return Vec::new();
        }
        let Some(target) = hit(event, &self.regions) else {
            return Vec::new();
        };
        // A click counts only on what the user sees: the screen as last drawn.
        if self.regions_stale && !matches!(target, Target::Scroll(..)) {
            return Vec::new();
        }
        let screen = match mode {
            Mode::Screen(screen) => screen,
            // An overlay or prompt: only its answers and the footer's keys reach here.
            _ => {
                return match target {
                    Target::Key(action) => self.apply(action),
                    _ => Vec::new(),
                };
            }
        };
        match (screen, target) {
            (_, Target::Key(action)) => self.apply(action),
            (_, Target::Tab(to)) => self.go_to(to),
            (Screen::Roles, Target::RolesPane(pane)) => self.apply(if pane == 0 {
                Action::Left
            } else {
                Action::Right
            }),
            (Screen::Grid, Target::GridRow(row)) if row == self.grid.selected => {
                self.apply(Action::Activate)
            }
            (Screen::Grid, Target::GridRow(row)) => {
                self.step(row as isize - self.grid.selected as isize)
            }
            (Screen::Rate, Target::Level(level)) if self.rate.cursor == Some(level) => {
                self.apply(Action::Activate)
            }
            (Screen::Rate, Target::Level(level)) => {
                self.rate.cursor = Some(level);
                Vec::new()
            }
            (Screen::Results, Target::GapRow(row)) => {
                self.step(row as isize - self.results.selected as isize)
            }
            (_, Target::Scroll(pane, delta)) => self.scroll(screen, pane, delta),
            _ => Vec::new(),
        }
    }

    /// The wheel over a pane of the screen shown: text scrolls; the grid's and the gap
    /// table's selection moves, as ↑↓ would.
    fn scroll(&mut self, screen: Screen, pane: Pane, delta: isize) -> Vec<Effect> {
        match (screen, pane) {
            (Screen::Grid, Pane::Grid) | (Screen::Results, Pane::Gaps) => self.step(delta),
            (Screen::Grid, Pane::GridDetail)
            | (Screen::Rate, Pane::RateInfo)
            | (Screen::Results, Pane::Verdict) => self.apply(Action::ScrollDetail(delta)),
            (Screen::Roles, Pane::Roles(pane)) => {
                // Drawing clamps it to the text.
                let top = &mut self.roles.scroll[pane.min(1)];
                *top = top.saturating_add_signed(delta);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// `delta` presses of ↓ (↑ when negative).
    fn step(&mut self, delta: isize) -> Vec<Effect> {
        let action = if delta < 0 { Action::Up } else { Action::Down };
        let mut effects = Vec::new();
        for _ in 0..delta.unsigned_abs() {
            effects.extend(self.apply(action.clone()));
        }
        effects
    }
}
