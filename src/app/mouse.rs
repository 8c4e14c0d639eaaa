//! The mouse: a click or the wheel, resolved against where the last frame put things
//! (`ui::hit`) into the actions the keys do, so a click behaves exactly as its keys would.

use ratatui::crossterm::event::MouseEvent;

use super::frame::{Pane, Target, hit};
use super::{App, Effect, Intent, Mode};
use crate::domain::Screen;

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
        // The wheel scrolls the help, wherever the pointer is.
        if mode == Mode::Help {
            use ratatui::crossterm::event::MouseEventKind;
            let action = match event.kind {
                MouseEventKind::ScrollDown => Some(Intent::Down),
                MouseEventKind::ScrollUp => Some(Intent::Up),
                _ => None,
            };
            if let Some(action) = action {
                for _ in 0..3 {
                    self.apply(action.clone());
                }
                return Vec::new();
            }
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
                Intent::Left
            } else {
                Intent::Right
            }),
            (Screen::Grid, Target::GridRow(row)) if row == self.grid.selected => {
                self.apply(Intent::Activate)
            }
            (Screen::Grid, Target::GridRow(row)) => {
                self.step(row as isize - self.grid.selected as isize)
            }
            (Screen::Rate, Target::Level(level)) if self.rate.cursor == Some(level) => {
                self.apply(Intent::Activate)
            }
            (Screen::Rate, Target::Level(level)) => {
                self.rate.cursor = Some(level);
                Vec::new()
            }
            (Screen::Results, Target::GapRow(row)) => {
                self.step(row as isize - self.results.selected as isize)
            }
            (Screen::Plan, Target::PlanRow(row)) if row == self.plan.selected => {
                self.apply(Intent::EditAction)
            }
            (Screen::Plan, Target::PlanRow(row)) => {
                self.step(row as isize - self.plan.selected as isize)
            }
            (_, Target::Scroll(pane, delta)) => self.scroll(screen, pane, delta),
            _ => Vec::new(),
        }
    }

    /// The wheel over a pane of the screen shown: text scrolls; the grid's and the gap
    /// table's selection moves, as ↑↓ would.
    fn scroll(&mut self, screen: Screen, pane: Pane, delta: isize) -> Vec<Effect> {
        match (screen, pane) {
            (Screen::Grid, Pane::Grid)
            | (Screen::Results, Pane::Gaps)
            | (Screen::Plan, Pane::Plan) => self.step(delta),
            (Screen::Grid, Pane::GridDetail)
            | (Screen::Rate, Pane::RateInfo)
            | (Screen::Results, Pane::Verdict) => self.apply(Intent::ScrollDetail(delta)),
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
        let action = if delta < 0 { Intent::Up } else { Intent::Down };
        let mut effects = Vec::new();
        for _ in 0..delta.unsigned_abs() {
            effects.extend(self.apply(action.clone()));
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::MouseEventKind;

    use super::*;
    use crate::app::{Event, GridRow, Prompt};
    use crate::domain::{Level, Rating};
    use crate::ui::hit::tests::{app_sized, draw, find};
    use crate::ui::hit::{click_at, mouse_at};

    fn t0() -> crate::domain::time::Datetime {
        crate::clock::utc_from_epoch(0)
    }

    /// Draws a frame as the runtime does and hands it back; returns the cell where `text` is.
    fn frame_at(app: &mut App, text: &str) -> (u16, u16) {
        let (buffer, drawn) = draw(app);
        app.update(Event::Drawn(Box::new(drawn)), t0());
        find(&buffer, text)
    }

    fn click(app: &mut App, text: &str) -> Vec<Effect> {
        let (x, y) = frame_at(app, text);
        app.update(Event::Mouse(click_at(x, y)), t0())
    }

    fn wheel(app: &mut App, text: &str, kind: MouseEventKind) -> Vec<Effect> {
        let (x, y) = frame_at(app, text);
        app.update(Event::Mouse(mouse_at(kind, x, y)), t0())
    }

    #[test]
    fn a_click_on_a_tab_goes_to_that_screen_as_tab_would() {
        let mut app = app_sized((100, 30));
        assert_eq!(click(&mut app, "Results"), vec![Effect::SaveNow]);
        assert_eq!(app.screen(), Screen::Results);
        assert_eq!(app.assessment().position.screen, Screen::Results);
        click(&mut app, "Grid");
        assert_eq!(app.screen(), Screen::Grid);
        // The tab shown: nothing to do.
        assert_eq!(click(&mut app, "[Grid]"), vec![]);
    }

    #[test]
    fn a_click_selects_a_grid_row_and_a_second_click_opens_it() {
        let mut app = app_sized((100, 30));
        click(&mut app, "Grid");
        click(&mut app, "Governance");
        assert_eq!(app.grid().selected_row(), GridRow::Area(3));
        assert!(!app.grid().is_expanded(3), "one click only selects");
        click(&mut app, "Governance");
        assert!(
            app.grid().is_expanded(3),
            "a click on the selection opens it"
        );
        // A competency: selected, then opened on Rate.
        let first = app.framework().areas[3].competencies.start;
        let id = app.framework().competencies[first].id.to_string();
        click(&mut app, &format!("{id} "));
        assert_eq!(app.grid().selected_row(), GridRow::Competency(first));
        assert_eq!(app.screen(), Screen::Grid);
        assert_eq!(click(&mut app, &format!("{id} ")), vec![Effect::SaveNow]);
        assert_eq!((app.screen(), app.rate().current), (Screen::Rate, first));
    }

    #[test]
    fn a_level_is_recorded_only_by_a_second_click_on_it_once_highlighted() {
        let mut app = app_sized((100, 30));
        click(&mut app, "Rate");
        let dp1 = app.framework().competencies[0].id.clone();
        // A single click highlights; nothing is recorded.
        assert_eq!(click(&mut app, "3 Independent"), vec![]);
        assert_eq!(app.rate().cursor, Some(3));
        assert_eq!(app.assessment().rating(&dp1), None);
        // A click on another level moves the highlight; still nothing recorded.
        click(&mut app, "n N/A");
        assert_eq!(app.rate().cursor, Some(app.framework().scale.na_row()));
        click(&mut app, "4 Advanced");
        assert_eq!(app.assessment().rating(&dp1), None);
        // The highlighted level clicked again: recorded, and on to the next one, as Enter.
        assert_eq!(click(&mut app, "4 Advanced"), vec![Effect::Changed]);
        let four = Rating::Level(Level::new(4).unwrap());
        assert_eq!(app.assessment().rating(&dp1), Some(four));
        assert_eq!(app.rate().current, 1);
    }

    #[test]
    fn clicks_before_the_next_frame_count_for_nothing() {
        let mut app = app_sized((100, 30));
        click(&mut app, "Rate");
        let (x, y) = frame_at(&mut app, "2 Guided");
        app.update(Event::Mouse(click_at(x, y)), t0());
        // The same spot again before a frame shows the highlight: ignored.
        app.update(Event::Mouse(click_at(x, y)), t0());
        let dp1 = app.framework().competencies[0].id.clone();
        assert_eq!(app.assessment().rating(&dp1), None);
        assert_eq!(app.rate().cursor, Some(2));
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = app_sized((100, 30));
        // Roles: each pane on its own, without moving the focus.
        wheel(&mut app, "PMO Manager", MouseEventKind::ScrollDown);
        assert_eq!(app.roles().scroll, [0, 3]);
        assert_eq!(app.roles().focus, 0);
        wheel(&mut app, "Project Manager", MouseEventKind::ScrollDown);
        wheel(&mut app, "Project Manager", MouseEventKind::ScrollDown);
        wheel(&mut app, "Project Manager", MouseEventKind::ScrollUp);
        let (_, drawn) = draw(&app);
        app.update(Event::Drawn(Box::new(drawn)), t0());
        assert_eq!(app.roles().scroll[0], 3);
        // A click on a pane focuses it, as → does.
        click(&mut app, "PMO Manager");
        assert_eq!(app.roles().focus, 1);
        // Grid: the rows move the selection three at a time.
        click(&mut app, "Grid");
        wheel(&mut app, "Delivery Planning", MouseEventKind::ScrollDown);
        assert_eq!(app.grid().selected, 3);
        wheel(&mut app, "Delivery Planning", MouseEventKind::ScrollUp);
        assert_eq!(app.grid().selected, 0);
        // The detail pane scrolls its text.
        wheel(&mut app, "Detail", MouseEventKind::ScrollDown);
        assert_eq!(app.grid().detail_scroll, 3);
        // Rate: the competency text.
        click(&mut app, "Rate");
        wheel(&mut app, "DP1 ", MouseEventKind::ScrollDown);
        assert_eq!(app.rate().info_scroll, 3);
        // Help: the wheel scrolls it, wherever the pointer is.
        app.update(Intent::ToggleHelp, t0());
        wheel(&mut app, "Help", MouseEventKind::ScrollDown);
        assert_eq!(app.help_scroll(), 3);
        wheel(&mut app, "Help", MouseEventKind::ScrollUp);
        assert_eq!(app.help_scroll(), 0);
    }

    #[test]
    fn a_prompt_takes_clicks_on_its_answers_only_and_a_text_field_none() {
        let mut app = app_sized((100, 30));
        click(&mut app, "Grid");
        app.prompt = Some(Prompt::ConfirmQuit("disk full".into()));
        // Outside the prompt: the tabs and rows do nothing.
        assert_eq!(click(&mut app, "Results"), vec![]);
        assert_eq!(app.screen(), Screen::Grid);
        assert!(app.prompt().is_some());
        // Its "no" answer, clicked: back to the screen; its "yes": quit.
        let no = input_help(app.mode(), &Intent::Cancel);
        click(&mut app, &no);
        assert_eq!(app.prompt(), None);
        app.prompt = Some(Prompt::ConfirmQuit("disk full".into()));
        let yes = input_help(app.mode(), &Intent::Confirm);
        assert_eq!(click(&mut app, &yes), vec![Effect::Quit]);

        // The note editor has the keyboard: a click anywhere keeps it open with its text.
        app.prompt = None;
        click(&mut app, "Rate");
        app.update(Intent::EditNote, t0());
        app.update(Intent::Paste("typed so far".into()), t0());
        for text in ["Results", "3 Independent", "DP1 "] {
            assert_eq!(click(&mut app, text), vec![]);
        }
        assert_eq!(app.mode(), Mode::Note);
        assert_eq!(app.screen(), Screen::Rate);
        let note = app.rate().editor.as_ref().unwrap().lines().join("\n");
        assert_eq!(note, "typed so far");
    }

    /// What a prompt lists for the binding of `action`: its help text.
    fn input_help(mode: Mode, action: &Intent) -> String {
        crate::input::visible_bindings(mode)
            .into_iter()
            .find(|b| b.groups.iter().any(|(_, a)| a == action))
            .map(|b| b.help.to_string())
            .expect("the prompt lists it")
    }
}
