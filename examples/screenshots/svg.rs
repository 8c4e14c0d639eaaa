//! A ratatui buffer as an SVG picture of a terminal: one background rectangle per run of
//! same-coloured cells, one `<tspan>` per run of same-styled text, every run placed on the cell
//! grid so box drawing lines up. The output depends only on the buffer: no timestamps, no
//! machine-specific fonts.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The font family the SVG asks for; the PNG renderer loads exactly this family from
/// `assets/fonts/`.
pub const FONT_FAMILY: &str = "DejaVu Sans Mono";
/// DejaVu Sans Mono metrics, in font units per em: every glyph advances 1233 of 2048 units,
/// and the box-drawing and block glyphs reach from 512 below the baseline to 1921 above it.
const UNITS_PER_EM: f64 = 2048.0;
const ADVANCE: f64 = 1233.0;
const BOX_TOP: f64 = 1921.0;
const BOX_HEIGHT: f64 = 1921.0 + 512.0;
/// Width of a cell in pixels. Cells are whole pixels and start on pixel boundaries, so
/// vertical lines are crisp and blocks in neighbouring cells meet without an anti-aliased seam.
pub const CELL_WIDTH: f64 = 9.0;
/// Height of a cell in pixels.
pub const CELL_HEIGHT: f64 = 17.0;
/// The font size (about 14.95 px) at which one glyph advance is exactly one cell, so a run of
/// text stays on the grid. Box-drawing glyphs are then 17.76 px tall: a little taller than a
/// cell, so vertical lines join from row to row.
pub const FONT_SIZE: f64 = CELL_WIDTH * UNITS_PER_EM / ADVANCE;
/// Baseline offset from the top of a cell: box-drawing glyphs overhang the cell equally above
/// and below.
const BASELINE: f64 = FONT_SIZE * BOX_TOP / UNITS_PER_EM
    - (FONT_SIZE * BOX_HEIGHT / UNITS_PER_EM - CELL_HEIGHT) / 2.0;
/// Margin around the screen, like a terminal window's padding.
pub const PADDING: f64 = 8.0;

/// Opacity of text with the DIM modifier.
const DIM_OPACITY: &str = "0.6";

/// The colours a picture assumes the terminal has: its 16 named colours (ANSI order, 0–7
/// normal, 8–15 bright) and its default foreground and background (`Color::Reset`).
#[derive(Clone, Copy, Debug)]
pub struct Scheme {
    pub name: &'static str,
    pub palette: [Rgb; 16],
    pub fg: Rgb,
    pub bg: Rgb,
    /// Bold text in colours 0–7 is drawn in the bright colour, as xterm does.
    pub bold_is_bright: bool,
}

/// The dark pictures: a soft palette on near-black.
pub const DARK: Scheme = Scheme {
    name: "a soft dark palette (light grey #d4d7dc on #121418)",
    palette: [
        Rgb(0x1e, 0x21, 0x27), // Black
        Rgb(0xe0, 0x6c, 0x75), // Red
        Rgb(0x98, 0xc3, 0x79), // Green
        Rgb(0xe5, 0xc0, 0x7b), // Yellow
        Rgb(0x61, 0xaf, 0xef), // Blue
        Rgb(0xc6, 0x78, 0xdd), // Magenta
        Rgb(0x56, 0xb6, 0xc2), // Cyan
        Rgb(0xab, 0xb2, 0xbf), // Gray
        Rgb(0x6b, 0x72, 0x80), // DarkGray
        Rgb(0xff, 0x8a, 0x94), // LightRed
        Rgb(0xb5, 0xe0, 0x93), // LightGreen
        Rgb(0xf2, 0xd4, 0x9b), // LightYellow
        Rgb(0x8c, 0xc8, 0xff), // LightBlue
        Rgb(0xdc, 0x9e, 0xf0), // LightMagenta
        Rgb(0x7f, 0xd4, 0xde), // LightCyan
        Rgb(0xf5, 0xf6, 0xf7), // White
    ],
    fg: Rgb(0xd4, 0xd7, 0xdc),
    bg: Rgb(0x12, 0x14, 0x18),
    bold_is_bright: false,
};

/// The light pictures: xterm's default palette, black on white, bold colours bright; the
/// palette the light theme is measured under.
pub fn light() -> Scheme {
    use rolefit::ui::contrast::XTERM;
    let rgb = |c: rolefit::ui::contrast::Rgb| Rgb(c.0, c.1, c.2);
    Scheme {
        name: "xterm's default palette, black on white",
        palette: XTERM.ansi.map(rgb),
        fg: rgb(XTERM.light.0),
        bg: rgb(XTERM.light.1),
        bold_is_bright: XTERM.bold_is_bright,
    }
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour a terminal with this picture's palette would show; `None` for `Reset`.
fn resolve(color: Color, scheme: &Scheme) -> Option<Rgb> {
    let named = |i: usize| Some(scheme.palette[i]);
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Some(Rgb(r, g, b)),
        Color::Indexed(i) => Some(indexed(i, scheme)),
    }
}

/// The xterm 256-colour table: the 16 named colours, a 6×6×6 cube, then 24 greys.
fn indexed(i: u8, scheme: &Scheme) -> Rgb {
    match i {
        0..=15 => scheme.palette[usize::from(i)],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = i - 16;
            Rgb(level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let grey = 8 + 10 * (i - 232);
            Rgb(grey, grey, grey)
        }
    }
}

/// What a cell looks like once REVERSED has been applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Look {
    fg: Rgb,
    /// `None` when the cell shows the default background.
    bg: Option<Rgb>,
    bold: bool,
    dim: bool,
    italic: bool,
    underline: bool,
    strike: bool,
    hidden: bool,
}

impl Look {
    fn of(cell: &ratatui::buffer::Cell, scheme: &Scheme) -> Look {
        let m = cell.modifier;
        let cell_fg = match cell.fg {
            Color::Black if scheme.bold_is_bright && m.contains(Modifier::BOLD) => Color::DarkGray,
            Color::Red if scheme.bold_is_bright && m.contains(Modifier::BOLD) => Color::LightRed,
            Color::Green if scheme.bold_is_bright && m.contains(Modifier::BOLD) => {
                Color::LightGreen
            }
            Color::Yellow if scheme.bold_is_bright && m.contains(Modifier::BOLD) => {
                Color::LightYellow
            }
            Color::Blue if scheme.bold_is_bright && m.contains(Modifier::BOLD) => Color::LightBlue,
            Color::Magenta if scheme.bold_is_bright && m.contains(Modifier::BOLD) => {
                Color::LightMagenta
            }
            Color::Cyan if scheme.bold_is_bright && m.contains(Modifier::BOLD) => Color::LightCyan,
            Color::Gray if scheme.bold_is_bright && m.contains(Modifier::BOLD) => Color::White,
            other => other,
        };
        let (fg, bg) = if m.contains(Modifier::REVERSED) {
            // The text takes the background colour, the cell the foreground colour.
            (
                resolve(cell.bg, scheme).unwrap_or(scheme.bg),
                Some(resolve(cell_fg, scheme).unwrap_or(scheme.fg)),
            )
        } else {
            (
                resolve(cell_fg, scheme).unwrap_or(scheme.fg),
                resolve(cell.bg, scheme),
            )
        };
        Look {
            fg,
            bg,
            bold: m.contains(Modifier::BOLD),
            dim: m.contains(Modifier::DIM),
            italic: m.contains(Modifier::ITALIC),
            underline: m.contains(Modifier::UNDERLINED),
            strike: m.contains(Modifier::CROSSED_OUT),
            hidden: m.contains(Modifier::HIDDEN),
        }
    }

    /// Two cells can share a `<tspan>` when their text looks the same.
    fn same_text(&self, other: &Look) -> bool {
        Look { bg: None, ..*self } == Look { bg: None, ..*other }
    }

    fn tspan_attributes(&self) -> String {
        let mut out = format!(" fill=\"{}\"", self.fg.hex());
        if self.bold {
            out.push_str(" font-weight=\"bold\"");
        }
        if self.dim {
            write!(out, " fill-opacity=\"{DIM_OPACITY}\"").unwrap();
        }
        if self.italic {
            out.push_str(" font-style=\"italic\"");
        }
        match (self.underline, self.strike) {
            (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
            (true, false) => out.push_str(" text-decoration=\"underline\""),
            (false, true) => out.push_str(" text-decoration=\"line-through\""),
            (false, false) => {}
        }
        out
    }
}

/// Pixel size of the picture of a `columns` × `rows` screen.
pub fn picture_size(columns: u16, rows: u16) -> (u32, u32) {
    let width = PADDING * 2.0 + f64::from(columns) * CELL_WIDTH;
    let height = PADDING * 2.0 + f64::from(rows) * CELL_HEIGHT;
    (width.ceil() as u32, height.ceil() as u32)
}

fn x_of(column: usize) -> String {
    number(PADDING + column as f64 * CELL_WIDTH)
}

fn y_of(row: usize) -> String {
    number(PADDING + row as f64 * CELL_HEIGHT)
}

/// A coordinate with at most two decimals and no trailing zeros, for compact, stable output.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One cell as the picture sees it.
struct Glyph<'a> {
    symbol: &'a str,
    /// Columns the symbol covers (2 for wide characters).
    width: usize,
    look: Look,
}

/// The cells of one row; the cells hidden behind a wide character are left out.
fn glyphs<'a>(buffer: &'a Buffer, y: u16, scheme: &Scheme) -> Vec<(usize, Glyph<'a>)> {
    let area = buffer.area;
    let mut out = Vec::with_capacity(usize::from(area.width));
    let mut x = 0;
    while x < area.width {
        let cell = &buffer[(area.x + x, area.y + y)];
        let symbol = cell.symbol();
        let width = symbol.width().clamp(1, usize::from(area.width - x));
        out.push((
            usize::from(x),
            Glyph {
                symbol,
                width,
                look: Look::of(cell, scheme),
            },
        ));
        x += width as u16;
    }
    out
}

/// The buffer as an SVG document, in this scheme's colours.
pub fn render(buffer: &Buffer, scheme: &Scheme) -> String {
    let (columns, rows) = (buffer.area.width, buffer.area.height);
    let (width, height) = picture_size(columns, rows);
    let font_size = FONT_SIZE;
    let mut svg = String::new();
    writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\" \
         font-size=\"{font_size:.4}\" xml:space=\"preserve\">"
    )
    .unwrap();
    writeln!(
        svg,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>",
        scheme.bg.hex()
    )
    .unwrap();

    // Backgrounds first, merged along each row; crisp edges so neighbouring rows meet
    // without an anti-aliased seam.
    svg.push_str("<g shape-rendering=\"crispEdges\">\n");
    for y in 0..rows {
        let row = glyphs(buffer, y, scheme);
        let mut i = 0;
        while i < row.len() {
            let (start, first) = &row[i];
            let Some(bg) = first.look.bg else {
                i += 1;
                continue;
            };
            let mut end = start + first.width;
            i += 1;
            while i < row.len() && row[i].1.look.bg == Some(bg) {
                end = row[i].0 + row[i].1.width;
                i += 1;
            }
            writeln!(
                svg,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                x_of(*start),
                y_of(usize::from(y)),
                number((end - start) as f64 * CELL_WIDTH),
                number(CELL_HEIGHT),
                bg.hex()
            )
            .unwrap();
        }
    }
    svg.push_str("</g>\n");

    // Text: one <text> per row, one <tspan> per run of same-looking cells. A wide character
    // gets a tspan of its own, so the text after it starts on its own cell again.
    for y in 0..rows {
        let row = glyphs(buffer, y, scheme);
        let mut spans = String::new();
        let mut i = 0;
        while i < row.len() {
            let (start, first) = &row[i];
            let mut text = String::from(first.symbol);
            i += 1;
            if first.width == 1 {
                while i < row.len() && row[i].1.width == 1 && row[i].1.look.same_text(&first.look) {
                    text.push_str(row[i].1.symbol);
                    i += 1;
                }
            }
            let look = first.look;
            let decorated = look.underline || look.strike;
            if look.hidden || (!decorated && text.trim().is_empty()) {
                continue;
            }
            // Leading and trailing blanks need no glyphs; keep them only under a decoration.
            let (skip, shown) = if decorated {
                (0, text.as_str())
            } else {
                let trimmed = text.trim_start_matches(' ');
                (text.len() - trimmed.len(), trimmed.trim_end_matches(' '))
            };
            write!(
                spans,
                "<tspan x=\"{}\"{}>{}</tspan>",
                x_of(start + skip),
                look.tspan_attributes(),
                escape(shown)
            )
            .unwrap();
        }
        if !spans.is_empty() {
            writeln!(
                svg,
                "<text y=\"{}\">{spans}</text>",
                number(PADDING + f64::from(y) * CELL_HEIGHT + BASELINE)
            )
            .unwrap();
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn escapes_markup_and_keeps_the_grid() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 8, 1));
        buffer.set_string(0, 0, "a<&>\"b", Style::new().fg(Color::Red));
        let svg = render(&buffer, &DARK);
        assert!(svg.contains(">a&lt;&amp;&gt;&quot;b</tspan>"), "{svg}");
        assert!(svg.contains("fill=\"#e06c75\""), "{svg}");
    }

    #[test]
    fn reversed_swaps_colours_and_wide_characters_take_two_cells() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        buffer.set_string(0, 0, "漢x", Style::new().add_modifier(Modifier::REVERSED));
        let svg = render(&buffer, &DARK);
        // The background is the default foreground over the three cells.
        let width = number(3.0 * CELL_WIDTH);
        assert!(svg.contains(&format!("width=\"{width}\"")), "{svg}");
        assert!(svg.contains(&DARK.fg.hex()), "{svg}");
        // The x after the wide character starts two cells later.
        assert!(svg.contains(&format!("<tspan x=\"{}\"", x_of(2))), "{svg}");
    }
}
