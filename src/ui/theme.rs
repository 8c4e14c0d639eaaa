//! Named styles, by meaning, chosen by contrast for the terminal's background. With colour
//! off (NO_COLOR) only modifiers remain, and every meaning is also carried by text or glyphs.
//!
//! The colours are the 16 ANSI colours and the terminal's default foreground and background,
//! never RGB: the terminal's own palette draws them. Each theme keeps to the colours that reach
//! 4.5:1 (text) or 3:1 (borders) against its background under the common default palettes
//! (xterm, GNOME Terminal/VTE, macOS Terminal, Windows Terminal "Campbell"), measured by
//! `ui::contrast` and checked by its tests. Body text uses the default foreground; colour is
//! kept for meaning. On a light background no coloured text is bold, since several terminals
//! draw bold in the bright colour, which is too pale there.

use ratatui::style::{Color, Modifier, Style};

/// The terminal's background, as detected or chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    /// Light text on a dark background (the default when nothing says otherwise).
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
}

/// The styles the screens use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub heading: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    /// A block's title over its border (which it would otherwise take the colour of).
    pub border_title: Style,
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
    /// The theme for a terminal with or without colour, on this background.
    pub fn new(color: bool, background: Background) -> Theme {
        match (color, background) {
            (false, _) => Theme::monochrome(),
            (true, Background::Dark) => Theme::dark(),
            (true, Background::Light) => Theme::light(),
        }
    }

    /// Modifiers only: NO_COLOR.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            heading: bold,
            title: bold,
            border: plain,
            border_focus: bold,
            border_title: plain,
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            selected: bold,
            selected_cell: bold.add_modifier(Modifier::REVERSED),
            emphasis: bold,
            gap: bold,
            top_up: plain,
            meets: plain,
            strength: bold,
            first_role: plain,
            second_role: plain,
            warning: bold,
            error: bold,
            key: bold,
        }
    }

    /// For a dark background: the bright colours, cyan and green, which every palette draws
    /// light enough.
    pub fn dark() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain.fg(Color::Gray),
            heading: bold.fg(Color::Cyan),
            title: bold,
            border: plain.fg(Color::Gray),
            border_focus: bold.fg(Color::Cyan),
            border_title: plain,
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            selected: bold.add_modifier(Modifier::REVERSED),
            selected_cell: selected_cell(),
            emphasis: bold.fg(Color::LightYellow),
            gap: badge(Color::Red),
            top_up: plain.fg(Color::LightYellow),
            meets: plain.fg(Color::Green),
            strength: bold.fg(Color::Green),
            first_role: plain.fg(Color::LightCyan),
            second_role: plain.fg(Color::LightGreen),
            warning: bold.fg(Color::LightYellow),
            error: badge(Color::Red),
            key: bold.fg(Color::Cyan),
        }
    }

    /// For a light background: the dark colours blue, magenta and red, never bold; emphasis by
    /// weight in the default foreground.
    pub fn light() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        // Coloured text drops the bold a title would add (`title.patch(first_role)`).
        let colored = |color: Color| plain.fg(color).remove_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain,
            heading: colored(Color::Blue),
            title: bold,
            border: plain.fg(Color::DarkGray),
            border_focus: plain.fg(Color::Blue),
            // The border's grey is fine for lines, not for words.
            border_title: plain.fg(Color::Reset),
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_cell: selected_cell(),
            emphasis: bold,
            gap: badge(Color::Red),
            top_up: colored(Color::Red),
            meets: plain,
            strength: bold,
            first_role: colored(Color::Blue),
            second_role: colored(Color::Magenta),
            warning: colored(Color::Magenta),
            error: badge(Color::Red),
            key: colored(Color::Blue),
        }
    }

    /// Every style with its name, for tests and measurements.
    pub fn named(&self) -> [(&'static str, Style); 22] {
        [
            ("text", self.text),
            ("dim", self.dim),
            ("heading", self.heading),
            ("title", self.title),
            ("border", self.border),
            ("border_focus", self.border_focus),
            ("border_title", self.border.patch(self.border_title)),
            (
                "focused border_title",
                self.border_focus.patch(self.border_title),
            ),
            ("tab", self.tab),
            ("tab_active", self.tab_active),
            ("selected", self.selected),
            ("selected_cell", self.selected_cell),
            ("emphasis", self.emphasis),
            ("gap", self.gap),
            ("top_up", self.top_up),
            ("meets", self.meets),
            ("strength", self.strength),
            ("first_role", self.first_role),
            ("second_role", self.second_role),
            ("warning", self.warning),
            ("error", self.error),
            ("key", self.key),
        ]
    }
}

/// The cell with the cursor inside a selected (reversed) row: back to normal video,
/// underlined, so it stands out of the row.
fn selected_cell() -> Style {
    Style::new()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        .remove_modifier(Modifier::REVERSED)
}

/// Bold bright white on a coloured background: readable on either background, since the
/// background colour is never the terminal's own.
fn badge(background: Color) -> Style {
    Style::new()
        .fg(Color::White)
        .bg(background)
        .add_modifier(Modifier::BOLD)
}

/// Whether colour is wanted: NO_COLOR set to anything non-empty turns it off.
pub fn color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
