//! Named styles, by meaning. With colour off (NO_COLOR) only modifiers remain, and every
//! meaning is also carried by text or glyphs.

use ratatui::style::{Color, Modifier, Style};

/// The styles the screens use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub heading: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub selected_cell: Style,
    pub emphasis: Style,
    pub gap: Style,
    pub top_up: Style,
    pub meets: Style,
    pub strength: Style,
    pub first_role: Style,
    pub second_role: Style,
    pub warning: Style,
    pub error: Style,
    pub key: Style,
}

impl Theme {
    /// The theme for a terminal with or without colour.
    pub fn new(color: bool) -> Theme {
        let c = |style: Style, fg: Color| if color { style.fg(fg) } else { style };
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: if color {
                plain.fg(Color::DarkGray)
            } else {
                plain.add_modifier(Modifier::DIM)
            },
            heading: c(bold, Color::Cyan),
            title: bold,
            border: c(plain, Color::DarkGray),
            border_focus: c(bold, Color::Cyan),
            tab: c(plain, Color::Gray),
            tab_active: bold.add_modifier(Modifier::REVERSED),
            selected: if color {
                plain
                    .bg(Color::Rgb(40, 44, 52))
                    .add_modifier(Modifier::BOLD)
            } else {
                bold
            },
            selected_cell: bold.add_modifier(Modifier::REVERSED),
            emphasis: c(bold, Color::Yellow),
            gap: c(bold, Color::Red),
            top_up: c(plain, Color::Yellow),
            meets: c(plain, Color::Green),
            strength: c(bold, Color::Green),
            first_role: c(plain, Color::Blue),
            second_role: c(plain, Color::Magenta),
            warning: c(bold, Color::Yellow),
            error: c(bold, Color::Red),
            key: c(bold, Color::Cyan),
        }
    }
}

/// Whether colour is wanted: NO_COLOR set to anything non-empty turns it off.
pub fn color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
