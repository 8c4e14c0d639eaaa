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

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

pub use super::contrast::Background;
use super::contrast::{GLYPH_AIM, PALETTES, TEXT_AIM};

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
    /// The theme for a terminal with or without colour, on this background, with the colours
    /// the configuration file sets (see [`configure`]).
    pub fn new(color: bool, background: Background) -> Theme {
        match (color, background) {
            (false, _) => Theme::monochrome(),
            (true, Background::Dark) => Theme::dark().with(configured()),
            (true, Background::Light) => Theme::light().with(configured()),
        }
    }

    /// The style of a meaning by its name in the configuration (`selected`, `gap`, ...).
    fn meaning_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "heading" => &mut self.heading,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "border_focus" => &mut self.border_focus,
            "border_title" => &mut self.border_title,
            "tab" => &mut self.tab,
            "tab_active" => &mut self.tab_active,
            "selected" => &mut self.selected,
            "selected_cell" => &mut self.selected_cell,
            "emphasis" => &mut self.emphasis,
            "gap" => &mut self.gap,
            "top_up" => &mut self.top_up,
            "meets" => &mut self.meets,
            "strength" => &mut self.strength,
            "first_role" => &mut self.first_role,
            "second_role" => &mut self.second_role,
            "warning" => &mut self.warning,
            "error" => &mut self.error,
            "key" => &mut self.key,
            _ => return None,
        })
    }

    /// This theme with the configured colours laid over it. A background given to a meaning
    /// drawn in reverse video (the selected row) replaces the reverse video: the row is drawn on
    /// that colour, in the text colour given or the terminal's own. A text colour alone keeps
    /// the reverse video, so it colours the bar.
    pub fn with(mut self, colors: &Colors) -> Theme {
        for (meaning, part, color) in &colors.0 {
            let Some(style) = self.meaning_mut(meaning) else {
                continue;
            };
            *style = match part {
                Part::Fg => style.fg(*color),
                Part::Bg => style.remove_modifier(Modifier::REVERSED).bg(*color),
            };
        }
        self
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

/// The meanings a configuration can colour: `NAME` sets the text colour, `NAME_bg` the
/// background.
pub const MEANINGS: [&str; 21] = [
    "text",
    "dim",
    "heading",
    "title",
    "border",
    "border_focus",
    "border_title",
    "tab",
    "tab_active",
    "selected",
    "selected_cell",
    "emphasis",
    "gap",
    "top_up",
    "meets",
    "strength",
    "first_role",
    "second_role",
    "warning",
    "error",
    "key",
];

/// Which side of a cell a configured colour paints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Fg,
    Bg,
}

/// Colours set by the configuration file, by meaning, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Colors(pub Vec<(&'static str, Part, Color)>);

/// A configuration key (`selected_bg`, `gap`) as a meaning and a side.
pub fn meaning_of(key: &str) -> Option<(&'static str, Part)> {
    let (name, part) = match key.strip_suffix("_bg") {
        Some(name) => (name, Part::Bg),
        None => (key, Part::Fg),
    };
    MEANINGS.iter().find(|m| **m == name).map(|m| (*m, part))
}

/// A colour the configuration names that is not one; the message says what to write.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadColour {
    /// `#` followed by something other than six hex digits.
    #[error("{0:?} is not a colour; write #rrggbb, e.g. \"#1e66f5\"")]
    NotHex(String),
    /// A name that is no colour.
    #[error(
        "unknown colour {0:?}; write #rrggbb, a palette index 0-255, default, or one of black, \
         red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green, \
         light-yellow, light-blue, light-magenta, light-cyan, white"
    )]
    Unknown(String),
}

/// A colour as the configuration writes it: `"#rrggbb"`, an ANSI colour name (`red`,
/// `light-blue`, `dark-gray`, `white`), a palette index `"0"`–`"255"`, or `default`.
pub fn parse_color(text: &str) -> Result<Color, BadColour> {
    if let Some(hex) = text.strip_prefix('#') {
        return match u32::from_str_radix(hex, 16) {
            Ok(value) if hex.len() == 6 => Ok(Color::Rgb(
                (value >> 16) as u8,
                (value >> 8) as u8,
                value as u8,
            )),
            _ => Err(BadColour::NotHex(text.to_string())),
        };
    }
    if let Ok(index) = text.parse::<u8>() {
        return Ok(Color::Indexed(index));
    }
    let name: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    let name = name.replace("bright", "light");
    Ok(match name.as_str() {
        "default" | "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" | "lightblack" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return Err(BadColour::Unknown(text.to_string())),
    })
}

/// A configured colour that is hard to read, and how hard.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// The index in [`Colors`] of the entry to blame.
    pub entry: usize,
    /// Below the floor for any letter (refused), not just below the aim for text (warned).
    pub refused: bool,
    pub message: String,
}

/// Measures the themes the configured colours make, on each of `backgrounds`, under every
/// common palette: each style alone and inside a selected row, as the screens draw them. A
/// pair under 3:1 is refused; under 4.5:1 (text) is a warning. Only pairs a configured colour
/// takes part in are reported, at most one per entry.
pub fn check_colors(colors: &Colors, backgrounds: &[Background]) -> Vec<Unreadable> {
    let mut found: Vec<Unreadable> = Vec::new();
    let entry_of = |meaning: &str| colors.0.iter().rposition(|(m, _, _)| *m == meaning);
    for &background in backgrounds {
        let base = match background {
            Background::Dark => Theme::dark(),
            Background::Light => Theme::light(),
        };
        let theme = base.with(colors);
        let mut pairs: Vec<(String, Style, Option<usize>)> = Vec::new();
        for (name, style) in theme.named() {
            let own = name.split(' ').next_back().and_then(entry_of);
            pairs.push((name.to_string(), style, own));
            let selected = entry_of("selected");
            if name != "selected" {
                pairs.push((
                    format!("{name} in a selected row"),
                    theme.selected.patch(style),
                    own.or(selected),
                ));
            }
        }
        for (name, style, entry) in pairs {
            let Some(entry) = entry else { continue };
            // Lines are held to the aim for glyphs, as `ui::contrast` holds the built-in themes.
            let decorative = name == "border"
                || name == "border_focus"
                || name.starts_with("border ")
                || name.starts_with("border_focus ");
            let floor = GLYPH_AIM;
            let aim = if decorative { GLYPH_AIM } else { TEXT_AIM };
            let Some((ratio, palette)) = PALETTES
                .iter()
                .map(|p| (p.style_ratio(background, style), p.name))
                .min_by(|a, b| a.0.total_cmp(&b.0))
            else {
                continue;
            };
            if ratio >= aim {
                continue;
            }
            let refused = ratio < floor;
            if found
                .iter()
                .any(|f| f.entry == entry && (f.refused || !refused))
            {
                continue;
            }
            found.retain(|f| f.entry != entry);
            let background = match background {
                Background::Dark => "dark",
                Background::Light => "light",
            };
            found.push(Unreadable {
                entry,
                refused,
                message: format!(
                    "{name} is {ratio:.1}:1 on a {background} background ({palette}), below \
                     {}:1; choose a colour further from the background",
                    if refused { floor } else { aim }
                ),
            });
        }
    }
    found.sort_by_key(|f| f.entry);
    found
}

static COLORS: OnceLock<Colors> = OnceLock::new();

/// Installs the configured colours for every theme drawn from now on; once, at start.
pub fn configure(colors: Colors) {
    let _ = COLORS.set(colors);
}

fn configured() -> &'static Colors {
    COLORS.get_or_init(Colors::default)
}

#[cfg(test)]
mod tests;
