//! The example frameworks in assets/frameworks/examples/: each loads and validates, is what
//! the conversion script writes, and can be rated through the real event loop.

mod headless;

use std::path::{Path, PathBuf};

use rolefit::domain::{Framework, Level, Rating};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/frameworks/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Framework {
    let text = std::fs::read_to_string(path).unwrap();
    Framework::from_toml(&text).unwrap_or_else(|p| panic!("{}: {p:#?}", path.display()))
}

#[test]
fn there_are_at_least_two_examples_and_each_loads() {
    let files = examples();
    assert!(files.len() >= 2, "{files:?}");
    for path in &files {
        let fw = load(path);
        assert!(!fw.scale.is_classic(), "{}", path.display());
        assert!(fw.competencies.iter().any(|c| !c.valid.is_empty()));
        // Every profile requires something (a warning otherwise).
        let (_, warnings) = Framework::checked(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(
            warnings
                .iter()
                .all(|w| !w.message.contains("requires no competency")),
            "{warnings:#?}"
        );
    }
}

#[test]
fn the_examples_are_what_the_script_writes() {
    let available = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("python3 is not available; the generated files are checked by loading alone");
        return;
    }
    // The script writes into the repository; compare by running it on a copy of its source
    // with the output folder redirected.
    let dir = tempfile::tempdir().unwrap();
    let script = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/convert_examples.py"),
    )
    .unwrap();
    let script = script.replace(
        "OUT = pathlib.Path(__file__).resolve().parent.parent / \"assets\" / \"frameworks\" / \"examples\"",
        &format!("OUT = pathlib.Path({:?})", dir.path().display().to_string()),
    );
    let copy = dir.path().join("convert.py");
    std::fs::write(&copy, script).unwrap();
    let status = std::process::Command::new("python3")
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    for path in examples() {
        let name = path.file_name().unwrap();
        let fresh = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let stored = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            fresh,
            stored,
            "{} is out of date: run the script",
            path.display()
        );
    }
}

#[test]
fn each_example_can_be_rated_on_the_rate_screen() {
    for path in examples() {
        let fw = load(&path);
        let dir = tempfile::tempdir().unwrap();
        // The first competency's lowest valid level, typed as its value, then N/A, then "none".
        let first = fw.valid_levels(0)[0];
        let script = format!("<tab><tab>{}n-<tab>", first.value());
        let r = headless::run_with(dir.path(), fw.clone(), &script, (100, 50));
        let a = r.app.assessment();
        assert_eq!(
            a.rating(&fw.competencies[0].id),
            Some(Rating::Level(first)),
            "{}",
            path.display()
        );
        assert_eq!(
            a.rating(&fw.competencies[1].id),
            Some(Rating::NotApplicable)
        );
        assert_eq!(
            a.rating(&fw.competencies[2].id),
            Some(Rating::Level(Level::NONE))
        );
        // Results shows every profile's readiness line.
        for profile in &fw.profiles {
            let shown = profile.name.chars().take(12).collect::<String>();
            assert!(
                r.screen.contains(&shown),
                "{} missing:\n{}",
                profile.name,
                r.screen
            );
        }
        // What was saved reads back.
        let saved = headless::saved(dir.path());
        let ratings = saved["ratings"].as_table().unwrap();
        assert_eq!(
            ratings[fw.competencies[2].id.as_str()]["level"].as_str(),
            Some("none")
        );
    }
}

/// SFIA has no roles: Roles shows the first two profiles side by side and lists every profile;
/// Results ranks readiness instead of a lean.
#[test]
fn a_framework_without_roles_shows_profiles_and_a_ranking() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/frameworks/examples/sfia9-change.toml");
    let fw = load(&path);
    assert!(fw.roles.is_empty() && !fw.axis);
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw.clone(), "<esc>", (120, 40));
    assert!(
        r.screen.contains("Profile: Project manager"),
        "{}",
        r.screen
    );
    assert!(
        r.screen.contains("Profile: Delivery office lead"),
        "{}",
        r.screen
    );
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw.clone(), "<esc>f", (120, 40));
    assert!(r.screen.contains("Profiles without a role"), "{}", r.screen);
    assert!(r.screen.contains("Business analyst"), "{}", r.screen);
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw, "<tab><tab>456<tab>", (120, 40));
    assert!(
        r.screen.contains("Your readiness, best first"),
        "{}",
        r.screen
    );
    assert!(!r.screen.contains("Too early to tell"), "{}", r.screen);
}
