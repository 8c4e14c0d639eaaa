//! Clicks and the wheel on drawn frames: the regions and `hit` are the app's
//! ([`crate::app::frame`]); here are the tests that draw a frame and point at it, and their
//! helpers, which the app's mouse tests share.

pub use crate::app::frame::{Pane, Regions, Target, WHEEL_STEP, click_at, hit, mouse_at};

#[cfg(test)]
pub(crate) mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    use super::*;
    use crate::app::{App, AppInit, GridRow, Intent};
    use crate::domain::Assessment;
    use crate::domain::Screen;
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};

    /// A fresh app on the Roles screen, sized `size`.
    pub(crate) fn app_sized(size: (u16, u16)) -> App {
        let fw = crate::storage::framework::builtin();
        let assessment = Assessment::new("t", &fw, crate::clock::utc_from_epoch(0));
        let mut init = AppInit::new(fw, assessment);
        init.size = size;
        App::new(init)
    }

    /// Draws the app into a test backend of its size: the cells and what the frame recorded.
    pub(crate) fn draw(app: &App) -> (Buffer, crate::ui::Drawn) {
        let (w, h) = app.size();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut drawn = crate::ui::Drawn::default();
        terminal
            .draw(|frame| drawn = crate::ui::draw(frame, app))
            .unwrap();
        (terminal.backend().buffer().clone(), drawn)
    }

    /// The cell where `text` first starts on screen, found in the drawn cells.
    pub(crate) fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
        for y in 0..buffer.area.height {
            let cells: Vec<&str> = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            let line: String = cells.concat();
            if let Some(byte) = line.find(text) {
                // Cells up to that byte: each cell holds one symbol.
                let mut len = 0;
                let x = cells.iter().take_while(|c| {
                    len += c.len();
                    len <= byte
                });
                return (x.count() as u16, y);
            }
        }
        panic!("{text:?} is not on screen");
    }

    fn click(regions: &Regions, (x, y): (u16, u16)) -> Option<Target> {
        hit(&click_at(x, y), regions)
    }

    fn on(screen: Screen, size: (u16, u16)) -> App {
        let mut app = app_sized(size);
        while app.screen() != screen {
            app.update(Intent::NextScreen, crate::clock::utc_from_epoch(0));
        }
        app
    }

    #[test]
    fn a_click_on_a_tab_points_at_its_screen_and_one_on_a_footer_hint_at_its_key() {
        let app = on(Screen::Grid, (100, 30));
        let (buffer, drawn) = draw(&app);
        for (i, title) in crate::strings::TAB_TITLES.iter().enumerate() {
            let (x, y) = find(&buffer, title);
            let target = Some(Target::Tab(Screen::ALL[i]));
            assert_eq!(click(&drawn.regions, (x, y)), target, "{title}");
            // Its last letter too.
            let last = x + title.chars().count() as u16 - 1;
            assert_eq!(click(&drawn.regions, (last, y)), target, "{title}");
        }
        // The app's name is no tab.
        assert_eq!(click(&drawn.regions, find(&buffer, "rolefit")), None);
        let (x, y) = find(&buffer, "? help");
        assert_eq!(y, 29, "the footer is the last line");
        let help = Some(Target::Key(Intent::ToggleHelp));
        assert_eq!(click(&drawn.regions, (x, y)), help);
        assert_eq!(click(&drawn.regions, (x + 3, y)), help, "on its word");
        let quit = find(&buffer, "q quit");
        assert_eq!(click(&drawn.regions, quit), Some(Target::Key(Intent::Quit)));
    }

    #[test]
    fn a_click_on_a_grid_row_points_at_that_row_on_each_of_its_lines() {
        let mut app = on(Screen::Grid, (100, 30));
        // Two rows down and back from the top, with an area open, at 100×30.
        app.update(Intent::Activate, crate::clock::utc_from_epoch(0));
        let (buffer, drawn) = draw(&app);
        let rows = app.grid().rows();
        for (text, row) in [
            ("Delivery Planning", GridRow::Area(0)),
            ("DP2 ", GridRow::Competency(1)),
            ("Risk & Issue", GridRow::Area(1)),
            ("Stakeholder Engagement", GridRow::Area(2)),
        ] {
            let index = rows.iter().position(|r| *r == row).unwrap();
            let (x, y) = find(&buffer, text);
            assert_eq!(
                click(&drawn.regions, (x, y)),
                Some(Target::GridRow(index)),
                "{text}"
            );
            // Anywhere along the row, as far as the last column.
            assert_eq!(click(&drawn.regions, (97, y)), Some(Target::GridRow(index)));
        }
        // The lines below the first of a row that wraps ("Strategic, / multiple / layers").
        let (x, y) = find(&buffer, "multiple");
        let stakeholder = rows.iter().position(|r| *r == GridRow::Area(2)).unwrap();
        assert_eq!(
            click(&drawn.regions, (x, y)),
            Some(Target::GridRow(stakeholder))
        );
        // The header and the legend are no rows.
        assert_eq!(
            click(&drawn.regions, find(&buffer, "Area / competency")),
            None
        );
        assert_eq!(click(&drawn.regions, find(&buffer, "unanswered")), None);
        // The wheel over the rows and over the detail.
        let wheel = |kind, at: (u16, u16)| hit(&mouse_at(kind, at.0, at.1), &drawn.regions);
        let grid = find(&buffer, "Delivery Planning");
        assert_eq!(
            wheel(MouseEventKind::ScrollDown, grid),
            Some(Target::Scroll(Pane::Grid, WHEEL_STEP))
        );
        let detail = find(&buffer, "Detail");
        assert_eq!(
            wheel(MouseEventKind::ScrollUp, (detail.0, detail.1 + 2)),
            Some(Target::Scroll(Pane::GridDetail, -WHEEL_STEP))
        );
        // Other buttons and releases point at nothing.
        let right = MouseEventKind::Down(MouseButton::Right);
        assert_eq!(wheel(right, grid), None);
        assert_eq!(wheel(MouseEventKind::Up(MouseButton::Left), grid), None);
    }

    #[test]
    fn a_click_on_a_level_points_at_it_on_each_of_its_lines_at_both_widths() {
        for size in [(100, 30), (160, 40), (60, 18)] {
            let app = on(Screen::Rate, size);
            let (buffer, drawn) = draw(&app);
            let na = app.framework().scale.na_row();
            for (text, row) in [("0 Not yet", 0), ("3 Independent", 3), ("n N/A", na)] {
                let at = find(&buffer, text);
                assert_eq!(
                    click(&drawn.regions, at),
                    Some(Target::Level(row)),
                    "{text} at {size:?}"
                );
            }
            // The competency text is no level; the wheel scrolls it.
            let info = find(&buffer, "DP1 ");
            assert_eq!(click(&drawn.regions, info), None);
            let down = mouse_at(MouseEventKind::ScrollDown, info.0, info.1);
            assert_eq!(
                hit(&down, &drawn.regions),
                Some(Target::Scroll(Pane::RateInfo, WHEEL_STEP))
            );
        }
        // A descriptor wrapped onto a second line belongs to its level.
        let app = on(Screen::Rate, (100, 30));
        let (buffer, drawn) = draw(&app);
        let (_, y) = find(&buffer, "4 Advanced");
        assert_eq!(click(&drawn.regions, (30, y + 1)), Some(Target::Level(4)));
    }

    #[test]
    fn roles_panes_and_results_gap_rows_answer_clicks_and_the_wheel() {
        let app = on(Screen::Roles, (100, 30));
        let (buffer, drawn) = draw(&app);
        let (x, y) = find(&buffer, "PMO Manager");
        assert_eq!(
            click(&drawn.regions, (x, y + 3)),
            Some(Target::RolesPane(1))
        );
        assert_eq!(
            click(&drawn.regions, (2, y + 3)),
            Some(Target::RolesPane(0))
        );
        let down = mouse_at(MouseEventKind::ScrollDown, x, y + 3);
        assert_eq!(
            hit(&down, &drawn.regions),
            Some(Target::Scroll(Pane::Roles(1), WHEEL_STEP))
        );

        let mut app = on(Screen::Results, (100, 30));
        let ids: Vec<_> = app
            .framework()
            .competencies
            .iter()
            .map(|c| c.id.clone())
            .collect();
        // Rate everything 1 on Rate, then back to Results.
        app.update(Intent::PrevScreen, crate::clock::utc_from_epoch(0));
        for _ in &ids {
            app.update(
                Intent::Rate(crate::domain::Rating::Level(
                    crate::domain::Level::new(1).unwrap(),
                )),
                crate::clock::utc_from_epoch(0),
            );
        }
        app.update(Intent::NextScreen, crate::clock::utc_from_epoch(0));
        let (buffer, drawn) = draw(&app);
        let rows = &app.results().summary.rows;
        let third = &app.framework().competencies[rows[2].competency];
        let at = find(&buffer, &format!("{} ", third.id));
        assert_eq!(click(&drawn.regions, at), Some(Target::GapRow(2)));
        let verdict = find(&buffer, "Your verdict");
        let wheel = mouse_at(MouseEventKind::ScrollDown, verdict.0, verdict.1 + 1);
        assert_eq!(
            hit(&wheel, &drawn.regions),
            Some(Target::Scroll(Pane::Verdict, WHEEL_STEP))
        );
        let wheel = mouse_at(MouseEventKind::ScrollUp, at.0, at.1);
        assert_eq!(
            hit(&wheel, &drawn.regions),
            Some(Target::Scroll(Pane::Gaps, -WHEEL_STEP))
        );
    }

    #[test]
    fn under_an_overlay_only_its_answers_and_the_footer_answer() {
        let mut app = on(Screen::Grid, (100, 30));
        let (_, grid) = draw(&app);
        app.update(Intent::ToggleHelp, crate::clock::utc_from_epoch(0));
        let (buffer, drawn) = draw(&app);
        let overlay = drawn.regions.overlay.expect("the help is an overlay");
        // A row that answered before the help opened, now under it or beside it: nothing.
        for (area, _) in grid.regions.clicks.iter().filter(|(area, _)| area.y > 1) {
            assert_eq!(click(&drawn.regions, (area.x, area.y)), None);
        }
        assert_eq!(click(&drawn.regions, (overlay.x + 2, overlay.y + 2)), None);
        let wheel = mouse_at(MouseEventKind::ScrollDown, overlay.x + 2, overlay.y + 2);
        assert_eq!(hit(&wheel, &drawn.regions), None);
        // The tabs are outside the overlay but the help has the keyboard.
        assert_eq!(click(&drawn.regions, find(&buffer, "Results")), None);
        // The footer's hints are the help's own keys.
        let footer = (2, 29);
        assert!(matches!(
            click(&drawn.regions, footer),
            Some(Target::Key(Intent::Back | Intent::ToggleHelp))
        ));
    }
}
