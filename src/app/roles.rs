//! Roles screen: the two roles side by side (or one at a time when narrow), and the flavours.

use super::{Action, App, Effect};
use crate::domain::Screen;

/// Roles screen: which pane has the keyboard and how far each is scrolled.
#[derive(Debug, Default)]
pub struct RolesState {
    pub focus: usize,
    /// First line shown in each pane; the frame clamps it to the text (see `Action::Drawn`).
    pub scroll: [usize; 2],
    pub flavours: bool,
}

impl App {
    pub(super) fn update_roles(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let pane = &mut self.roles.scroll[self.roles.focus];
        match action {
            Action::Left | Action::Right => {
                self.roles.focus =
                    usize::from(action == Action::Right && !self.framework.single_side());
            }
            Action::Up => *pane = pane.saturating_sub(1),
            Action::Down => *pane += 1,
            Action::PageUp => *pane = pane.saturating_sub(page),
            Action::PageDown => *pane += page,
            Action::Home => *pane = 0,
            // Drawing clamps this to the last page.
            Action::End => *pane = usize::MAX / 2,
            Action::ToggleFlavours => {
                self.roles.flavours = !self.roles.flavours;
                let pane = self.framework.flavour_pane();
                self.roles.focus = pane;
                self.roles.scroll[pane] = 0;
            }
            Action::Back if self.roles.flavours => self.roles.flavours = false,
            Action::Back => self.welcome = false,
            Action::Activate => return self.go_to(Screen::Grid),
            _ => {}
        }
        Vec::new()
    }
}
