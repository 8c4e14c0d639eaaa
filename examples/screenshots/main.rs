//! Renders every screen from fixture assessments into `screenshots/`: an SVG per screen from
//! the real `ui::render`, and a PNG from each SVG drawn with the committed DejaVu Sans Mono, so
//! the pictures are the same on every machine.
//!
//! ```text
//! cargo run --example screenshots
//! ```
//!
//! `tests/screenshots.rs` fails when a committed SVG no longer matches the UI.

mod fixtures;
mod svg;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use resvg::{tiny_skia, usvg};

/// The fonts the PNGs are drawn with; nothing else is loaded, never the system's fonts.
const FONT_FILES: [&str; 2] = ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"];

fn main() -> Result<(), Box<dyn Error>> {
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = root.join("screenshots");
    std::fs::create_dir_all(&out_dir)?;
    let fonts = load_fonts(&root.join("assets/fonts"))?;

    let shots = fixtures::all();
    let readme = fixtures::readme(&shots);
    let mut written = Vec::new();
    for shot in shots {
        let name = shot.name;
        let picture = {
            let scheme = shot.scheme();
            svg::render(&shot.render(), &scheme)
        };
        let png = rasterize(&picture, &fonts).map_err(|e| format!("{name}: {e}"))?;
        write(&out_dir.join(format!("{name}.svg")), picture.as_bytes())?;
        write(&out_dir.join(format!("{name}.png")), &png)?;
        written.push(name);
    }
    write(&out_dir.join("README.md"), readme.as_bytes())?;
    remove_stale(&out_dir, &written)?;
    println!(
        "{} screenshots in {} ({:.1} s)",
        written.len(),
        out_dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A font database holding only the committed fonts, checked to be the family the SVGs name.
fn load_fonts(dir: &Path) -> Result<Arc<usvg::fontdb::Database>, Box<dyn Error>> {
    let mut fonts = usvg::fontdb::Database::new();
    for file in FONT_FILES {
        let path = dir.join(file);
        fonts
            .load_font_file(&path)
            .map_err(|e| format!("cannot load font {}: {e}", path.display()))?;
    }
    for face in fonts.faces() {
        if !face
            .families
            .iter()
            .any(|(name, _)| name == svg::FONT_FAMILY)
        {
            return Err(format!(
                "font {:?} is not in the family {:?} the SVGs ask for",
                face.post_script_name,
                svg::FONT_FAMILY
            )
            .into());
        }
    }
    Ok(Arc::new(fonts))
}

/// Draws an SVG into a PNG, refusing to draw characters the font has no glyph for.
fn rasterize(picture: &str, fonts: &Arc<usvg::fontdb::Database>) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: svg::FONT_FAMILY.to_string(),
        fontdb: Arc::clone(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(picture, &options).map_err(|e| e.to_string())?;
    let mut missing = Vec::new();
    missing_glyphs(tree.root(), &mut missing);
    if !missing.is_empty() {
        missing.sort();
        missing.dedup();
        return Err(format!("{} has no glyph for {missing:?}", svg::FONT_FAMILY));
    }
    let size = tree.size().to_int_size();
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the picture has no area")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Collects the text of every glyph drawn as the font's "missing" box (glyph 0).
fn missing_glyphs(group: &usvg::Group, missing: &mut Vec<String>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(inner) => missing_glyphs(inner, missing),
            usvg::Node::Text(text) => {
                for span in text.layouted() {
                    for glyph in &span.positioned_glyphs {
                        if glyph.id.0 == 0 && !glyph.text.trim().is_empty() {
                            missing.push(glyph.text.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn write(path: &Path, contents: &[u8]) -> Result<(), Box<dyn Error>> {
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(())
}

/// Removes pictures of screens that are no longer in the list, so none goes stale unnoticed.
fn remove_stale(dir: &Path, written: &[&str]) -> Result<(), Box<dyn Error>> {
    let mut stale: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_picture = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("svg" | "png")
        );
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // Pictures made by other tools (the spreadsheet, the HTML reports in a browser) stay.
        let other = fixtures::OTHER_PICTURES.contains(&stem);
        if is_picture && !written.contains(&stem) && !other {
            stale.push(path);
        }
    }
    stale.sort();
    for path in stale {
        std::fs::remove_file(&path)?;
        println!("removed stale {}", path.display());
    }
    Ok(())
}
