//! A format 2 framework of 150 competencies and 30 profiles (three roles of ten grades, 1..7
//! scale, parent areas) at 80×24: every screen shows where more is, and every profile can be
//! reached.

mod headless;

use std::fmt::Write as _;

use rolefit::domain::Framework;

const SIZE: (u16, u16) = (80, 24);

fn big() -> Framework {
    let mut t = String::from("format = 2\nid = \"big\"\nversion = 1\nname = \"Big\"\n\n[scale]\n");
    for v in 1..=7 {
        let _ = write!(
            t,
            "[[scale.levels]]\nvalue = {v}\nlabel = \"Level {v}\"\ndescriptor = \"What level {v} looks like.\"\n"
        );
    }
    let roles = ["eng", "ops", "pm"];
    for r in roles {
        let _ = write!(
            t,
            "\n[[roles]]\nid = \"{r}\"\nname = \"Role {r}\"\nshort = \"{r}\"\n"
        );
    }
    for r in roles {
        for g in 0..10 {
            let _ = write!(
                t,
                "\n[[profiles]]\nid = \"{r}.{g}\"\nname = \"{r} grade {g}\"\nshort = \"{r}{g}\"\nrole = \"{r}\"\ngrade = {g}\n"
            );
            if g > 0 {
                let _ = write!(t, "base = \"{r}.0\"\n[profiles.adjust]\n\"C{g:03}\" = 7\n");
            }
        }
    }
    for p in 0..5 {
        let _ = write!(t, "\n[[areas]]\nid = \"P{p}\"\nname = \"Group {p}\"\n");
    }
    for a in 0..15 {
        let _ = write!(
            t,
            "\n[[areas]]\nid = \"A{a:02}\"\nname = \"Area {a}\"\nparent = \"P{}\"\n",
            a % 5
        );
    }
    for c in 0..150 {
        let _ = write!(
            t,
            "\n[[competencies]]\nid = \"C{c:03}\"\narea = \"A{:02}\"\nname = \"Competency {c}\"\n[competencies.targets]\n",
            c / 10
        );
        for (i, r) in roles.iter().enumerate() {
            let _ = writeln!(t, "\"{r}.0\" = {}", 1 + (c + i * 3) % 7);
        }
    }
    rolefit::storage::framework::from_toml(&t).unwrap_or_else(|p| panic!("{p:#?}"))
}

#[test]
fn every_profile_is_listed_on_roles_with_a_marker_for_more() {
    let fw = big();
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw, "<esc>f", SIZE);
    assert!(r.screen.contains("Every profile"), "{}", r.screen);
    assert!(r.screen.contains("↓ more"), "{}", r.screen);
    // Scrolled to the end, the last profile is there.
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), big(), "<esc>f<end>", SIZE);
    assert!(r.screen.contains("pm grade 9"), "{}", r.screen);
    assert!(r.screen.contains("↑ more"), "{}", r.screen);
}

#[test]
fn the_grid_and_results_mark_what_is_below() {
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), big(), "<tab>", SIZE);
    assert!(r.screen.contains("Area 0 · Group 0"), "{}", r.screen);
    assert!(r.screen.contains("more"), "{}", r.screen);
    // Rate three, then Results: the readiness panel scrolls with a marker, and J reaches the
    // last profile.
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), big(), "<tab><tab>345<tab>", SIZE);
    assert!(r.screen.contains("[Results]"), "{}", r.screen);
    assert!(r.screen.contains("↓ more"), "{}", r.screen);
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(
        dir.path(),
        big(),
        &format!("<tab><tab>345<tab>{}", "J".repeat(40)),
        SIZE,
    );
    assert!(r.screen.contains("pm grade 9"), "{}", r.screen);
    assert!(r.screen.contains("↑ more"), "{}", r.screen);
}

#[test]
fn rate_names_the_scale_in_its_footer_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), big(), "<tab><tab>", SIZE);
    assert!(r.screen.contains("1-7 rate"), "{}", r.screen);
    assert!(r.screen.contains("Your level · 1-7"), "{}", r.screen);
    assert!(r.screen.contains("7 Level 7"), "{}", r.screen);
    // The help names the same digits, not the built-in 0-5.
    let r = headless::run_with(dir.path(), big(), "?", (100, 40));
    assert!(r.screen.contains("1-7"), "{}", r.screen);
    assert!(!r.screen.contains("0-5"), "{}", r.screen);
}

/// A scale with values above 9 is rated with the picker (↑↓ and Enter); the title says so.
#[test]
fn a_scale_beyond_nine_is_rated_with_the_picker() {
    let text = "format = 2\nid = \"wide\"\nversion = 1\nname = \"Wide\"\n\n[scale]\n\
        [[scale.levels]]\nvalue = 0\nlabel = \"Zero\"\ndescriptor = \"Nothing yet.\"\n\
        [[scale.levels]]\nvalue = 10\nlabel = \"Ten\"\ndescriptor = \"Some.\"\n\
        [[scale.levels]]\nvalue = 20\nlabel = \"Twenty\"\ndescriptor = \"More.\"\n\n\
        [[profiles]]\nid = \"p\"\nname = \"Profile\"\nshort = \"P\"\n\n\
        [[areas]]\nid = \"A\"\nname = \"Area\"\n\n\
        [[competencies]]\nid = \"C1\"\narea = \"A\"\nname = \"One\"\n[competencies.targets]\np = 20\n\n\
        [[competencies]]\nid = \"C2\"\narea = \"A\"\nname = \"Two\"\n[competencies.targets]\np = 10\n";
    let fw = rolefit::storage::framework::from_toml(text).unwrap_or_else(|p| panic!("{p:#?}"));
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(
        dir.path(),
        fw.clone(),
        "<tab><tab><down><down><enter>",
        SIZE,
    );
    assert_eq!(
        r.app.assessment().rating(&fw.competencies[0].id),
        Some(rolefit::domain::Rating::Level(
            rolefit::domain::Level::new(10).unwrap()
        ))
    );
    assert!(r.screen.contains("↑↓ and Enter record it"), "{}", r.screen);
}

/// On Rate, the targets list the profiles that require the competency and count the others.
#[test]
fn rate_counts_the_profiles_that_do_not_require_a_competency() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/frameworks/three-roles.toml"
    ))
    .unwrap();
    let fw = rolefit::storage::framework::from_toml(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // To BUILD.1 (second), targets shown with T.
    let r = headless::run_with(dir.path(), fw, "<tab><tab><right>T", (100, 30));
    assert!(
        r.screen.contains("BUILD.1 Building software"),
        "{}",
        r.screen
    );
    assert!(
        r.screen
            .contains("Dev 5 · Lead 3 · not required by 2 profiles"),
        "{}",
        r.screen
    );
}
