//! The committed screenshots match the UI: every SVG in `screenshots/` is drawn again from its
//! fixture and compared. A UI change therefore asks for fresh pictures. (The PNGs are derived
//! from the SVGs by the same command and are not redrawn here.)

#[path = "../examples/screenshots/fixtures.rs"]
mod fixtures;
#[path = "../examples/screenshots/svg.rs"]
mod svg;

use std::path::Path;

const REGENERATE: &str = "run `cargo run --example screenshots` and commit the new pictures";

fn screenshots_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/screenshots"))
}

/// The first line where two texts differ, for a short failure message.
fn first_difference(committed: &str, fresh: &str) -> String {
    let line = committed
        .lines()
        .zip(fresh.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()));
    format!(
        "line {}:\n  committed: {}\n  now:       {}",
        line + 1,
        committed.lines().nth(line).unwrap_or("<end of file>"),
        fresh.lines().nth(line).unwrap_or("<end of file>"),
    )
}

#[test]
fn committed_svgs_match_the_ui() {
    let mut stale = Vec::new();
    for shot in fixtures::all() {
        let name = shot.name;
        let path = screenshots_dir().join(format!("{name}.svg"));
        let fresh = {
            let scheme = shot.scheme();
            svg::render(&shot.render(), &scheme)
        };
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed == fresh => {}
            Ok(committed) => stale.push(format!(
                "{name}.svg differs from the UI at {}",
                first_difference(&committed, &fresh)
            )),
            Err(e) => stale.push(format!("{} cannot be read: {e}", path.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "the screenshots are out of date; {REGENERATE}.\n\n{}",
        stale.join("\n\n")
    );
}

#[test]
fn every_picture_has_a_fixture_and_the_readme_lists_them() {
    let shots = fixtures::all();
    let names: Vec<&str> = shots.iter().map(|s| s.name).collect();
    let mut extra = Vec::new();
    for entry in std::fs::read_dir(screenshots_dir()).expect("screenshots/ exists") {
        let path = entry.expect("a readable directory entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let is_picture = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("svg" | "png")
        );
        if is_picture && !names.contains(&stem) && !fixtures::OTHER_PICTURES.contains(&stem) {
            extra.push(path.display().to_string());
        }
    }
    assert!(
        extra.is_empty(),
        "pictures without a fixture: {extra:?}; {REGENERATE}"
    );
    for name in &names {
        assert!(
            screenshots_dir().join(format!("{name}.png")).is_file(),
            "screenshots/{name}.png is missing; {REGENERATE}"
        );
    }
    let readme = std::fs::read_to_string(screenshots_dir().join("README.md"))
        .expect("screenshots/README.md exists");
    assert_eq!(
        readme,
        fixtures::readme(&shots),
        "screenshots/README.md is out of date; {REGENERATE}"
    );
}
