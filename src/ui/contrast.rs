//! WCAG contrast of the theme's colours as real terminals draw them: the 16 ANSI colours and
//! the default foreground and background of the common default palettes, for a dark and a
//! light background. The themes are checked against every palette here (see the tests), and the
//! end-to-end test measures a real screen with them.

use ratatui::style::{Color, Modifier, Style};

pub use crate::app::Background;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// From `0xRRGGBB`.
    pub const fn hex(value: u32) -> Rgb {
        Rgb((value >> 16) as u8, (value >> 8) as u8, value as u8)
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// WCAG 2 contrast ratio of two colours, 1 to 21.
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The aim for text (WCAG AA, body text).
pub const TEXT_AIM: f64 = 4.5;
/// The aim for decorative glyphs (borders) and the floor for any letter.
pub const GLYPH_AIM: f64 = 3.0;

/// A terminal's default palette: its 16 ANSI colours and its default colours on a dark and on
/// a light background.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub name: &'static str,
    /// Black, red, green, yellow, blue, magenta, cyan, white; then their bright forms.
    pub ansi: [Rgb; 16],
    /// Default (foreground, background) on a dark background.
    pub dark: (Rgb, Rgb),
    /// Default (foreground, background) on a light background.
    pub light: (Rgb, Rgb),
    /// Draws bold text in colours 0–7 with the bright colour 8–15.
    pub bold_is_bright: bool,
}

const fn ansi(values: [u32; 16]) -> [Rgb; 16] {
    let mut out = [Rgb(0, 0, 0); 16];
    let mut i = 0;
    while i < 16 {
        out[i] = Rgb::hex(values[i]);
        i += 1;
    }
    out
}

/// xterm's default colours (XTerm-col.ad); `-fg white -bg black` for dark, its own default
/// (black on white) for light. Bold colours are bright (`boldColors`).
pub const XTERM: Palette = Palette {
    name: "xterm",
    ansi: ansi([
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5, 0x7f7f7f,
        0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
    ]),
    dark: (Rgb::hex(0xffffff), Rgb::hex(0x000000)),
    light: (Rgb::hex(0x000000), Rgb::hex(0xffffff)),
    bold_is_bright: true,
};

/// GNOME Terminal (VTE) with its default "GNOME" palette and the Adwaita-like defaults.
pub const GNOME: Palette = Palette {
    name: "GNOME Terminal (VTE)",
    ansi: ansi([
        0x171421, 0xc01c28, 0x26a269, 0xa2734c, 0x12488b, 0xa347ba, 0x2aa1b3, 0xd0cfcc, 0x5e5c64,
        0xf66151, 0x33d17a, 0xe9ad0c, 0x2a7bde, 0xc061cb, 0x33c7de, 0xffffff,
    ]),
    dark: (Rgb::hex(0xd0cfcc), Rgb::hex(0x171421)),
    light: (Rgb::hex(0x171421), Rgb::hex(0xffffff)),
    bold_is_bright: false,
};

/// macOS Terminal.app, "Basic" profile ("Use bright colors for bold text" on by default).
pub const MACOS: Palette = Palette {
    name: "macOS Terminal",
    ansi: ansi([
        0x000000, 0x990000, 0x00a600, 0x999900, 0x0000b2, 0xb200b2, 0x00a6b2, 0xbfbfbf, 0x666666,
        0xe50000, 0x00d900, 0xe5e500, 0x0000ff, 0xe500e5, 0x00e5e5, 0xe5e5e5,
    ]),
    dark: (Rgb::hex(0xffffff), Rgb::hex(0x000000)),
    light: (Rgb::hex(0x000000), Rgb::hex(0xffffff)),
    bold_is_bright: true,
};

/// Windows Terminal, "Campbell" (intense text drawn bright by default); light is Campbell's
/// white as the background and its black as the text.
pub const CAMPBELL: Palette = Palette {
    name: "Windows Terminal Campbell",
    ansi: ansi([
        0x0c0c0c, 0xc50f1f, 0x13a10e, 0xc19c00, 0x0037da, 0x881798, 0x3a96dd, 0xcccccc, 0x767676,
        0xe74856, 0x16c60c, 0xf9f1a5, 0x3b78ff, 0xb4009e, 0x61d6d6, 0xf2f2f2,
    ]),
    dark: (Rgb::hex(0xcccccc), Rgb::hex(0x0c0c0c)),
    light: (Rgb::hex(0x0c0c0c), Rgb::hex(0xf2f2f2)),
    bold_is_bright: true,
};

/// The palettes every theme is measured under.
pub const PALETTES: [Palette; 4] = [XTERM, GNOME, MACOS, CAMPBELL];

impl Palette {
    /// Default (foreground, background) on this background.
    pub fn defaults(&self, background: Background) -> (Rgb, Rgb) {
        match background {
            Background::Dark => self.dark,
            Background::Light => self.light,
        }
    }

    /// The colour this palette draws for `color`; `None` for the default (`Reset`).
    pub fn resolve(&self, color: Color) -> Option<Rgb> {
        let index = match color {
            Color::Reset => return None,
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Rgb(r, g, b) => return Some(Rgb(r, g, b)),
            Color::Indexed(i) => i,
        };
        Some(match index {
            0..=15 => self.ansi[usize::from(index)],
            16..=231 => {
                let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
                let n = index - 16;
                Rgb(level(n / 36), level(n / 6 % 6), level(n % 6))
            }
            _ => {
                let grey = 8 + 10 * (index - 232);
                Rgb(grey, grey, grey)
            }
        })
    }

    /// The (text, background) colours of a cell drawn with these attributes: bold brightens
    /// colours 0–7 where the palette does so, then REVERSED swaps the two.
    pub fn cell(
        &self,
        background: Background,
        fg: Color,
        bg: Color,
        bold: bool,
        reversed: bool,
    ) -> (Rgb, Rgb) {
        let (default_fg, default_bg) = self.defaults(background);
        let fg = match (bold && self.bold_is_bright, fg) {
            (true, Color::Indexed(i @ 0..=7)) => Color::Indexed(i + 8),
            (true, named) => match named {
                Color::Black => Color::DarkGray,
                Color::Red => Color::LightRed,
                Color::Green => Color::LightGreen,
                Color::Yellow => Color::LightYellow,
                Color::Blue => Color::LightBlue,
                Color::Magenta => Color::LightMagenta,
                Color::Cyan => Color::LightCyan,
                Color::Gray => Color::White,
                other => other,
            },
            (false, other) => other,
        };
        let fg = self.resolve(fg).unwrap_or(default_fg);
        let bg = self.resolve(bg).unwrap_or(default_bg);
        if reversed { (bg, fg) } else { (fg, bg) }
    }

    /// The contrast of text drawn in `style` on this background.
    pub fn style_ratio(&self, background: Background, style: Style) -> f64 {
        let bold = style.add_modifier.contains(Modifier::BOLD);
        let reversed = style.add_modifier.contains(Modifier::REVERSED);
        let (fg, bg) = self.cell(
            background,
            style.fg.unwrap_or(Color::Reset),
            style.bg.unwrap_or(Color::Reset),
            bold,
            reversed,
        );
        ratio(fg, bg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::Theme;

    /// The styles that only draw lines, held to the aim for decorative glyphs.
    const DECORATIVE: [&str; 2] = ["border ", "border_focus "];

    /// Every style of a theme, alone and as the screens combine them: inside a selected row,
    /// and a role's colour on a title.
    fn combinations(theme: &Theme) -> Vec<(String, Style)> {
        let mut out = Vec::new();
        for (name, style) in theme.named() {
            out.push((name.to_string(), style));
            out.push((
                format!("{name} in a selected row"),
                theme.selected.patch(style),
            ));
        }
        for (name, role) in [
            ("first_role", theme.first_role),
            ("second_role", theme.second_role),
        ] {
            out.push((format!("title with {name}"), theme.title.patch(role)));
        }
        out
    }

    #[test]
    fn every_style_reaches_the_aims_under_every_palette() {
        let mut failures = Vec::new();
        for background in [Background::Dark, Background::Light] {
            let theme = Theme::new(true, background);
            for palette in PALETTES {
                for (name, style) in combinations(&theme) {
                    let aim = if DECORATIVE.iter().any(|d| format!("{name} ").starts_with(d)) {
                        GLYPH_AIM
                    } else {
                        TEXT_AIM
                    };
                    let ratio = palette.style_ratio(background, style);
                    if ratio < aim {
                        failures.push(format!(
                            "{background:?} theme, {}: {name} is {ratio:.2}:1, aim {aim}:1",
                            palette.name
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn monochrome_uses_only_the_default_colours() {
        for (name, style) in Theme::new(false, Background::Light).named() {
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
        assert_eq!(
            Theme::new(false, Background::Dark),
            Theme::new(false, Background::Light)
        );
    }

    #[test]
    fn ratios_match_known_values() {
        assert!((ratio(Rgb::hex(0xffffff), Rgb::hex(0x000000)) - 21.0).abs() < 1e-9);
        // xterm's blue on black, the figure that started the themes.
        let blue = XTERM.style_ratio(Background::Dark, Style::new().fg(Color::Blue));
        assert!((blue - 2.23).abs() < 0.01, "{blue}");
        // REVERSED keeps the pair, so the ratio.
        let style = Style::new().fg(Color::Green);
        assert_eq!(
            XTERM.style_ratio(Background::Dark, style),
            XTERM.style_ratio(Background::Dark, style.add_modifier(Modifier::REVERSED))
        );
        // Bold brightens where the palette does.
        let bold_red = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        assert!(
            XTERM.style_ratio(Background::Light, bold_red)
                < XTERM.style_ratio(Background::Light, Style::new().fg(Color::Red))
        );
    }
}
