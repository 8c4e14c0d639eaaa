//! Roles screen: the two roles side by side (or one at a time when narrow), and the flavours.

use super::{App, Effect, Intent};
use crate::domain::Screen;

/// Roles screen: which pane has the keyboard and how far each is scrolled.
#[derive(Debug, Default)]
pub struct RolesState {
    pub focus: usize,
    /// First line shown in each pane; the frame clamps it to the text (see `Event::Drawn`).
    pub scroll: [usize; 2],
    pub flavours: bool,
}

impl App {
    pub(super) fn update_roles(&mut self, action: Intent) -> Vec<Effect> {
        let page = self.page();
        let pane = &mut self.roles.scroll[self.roles.focus];
        match action {
            Intent::Left | Intent::Right => {
                self.roles.focus =
                    usize::from(action == Intent::Right && !self.framework.single_side());
            }
            Intent::Up => *pane = pane.saturating_sub(1),
            Intent::Down => *pane += 1,
            Intent::PageUp => *pane = pane.saturating_sub(page),
            Intent::PageDown => *pane += page,
            Intent::Home => *pane = 0,
            // Drawing clamps this to the last page.
            Intent::End => *pane = usize::MAX / 2,
            Intent::ToggleFlavours => {
                self.roles.flavours = !self.roles.flavours;
                let pane = self.framework.flavour_pane();
                self.roles.focus = pane;
                self.roles.scroll[pane] = 0;
            }
            Intent::Back if self.roles.flavours => self.roles.flavours = false,
            Intent::Back => self.welcome = false,
            Intent::Activate => return self.go_to(Screen::Grid),
            _ => {}
        }
        Vec::new()
    }
}
