//! Format 2 on screen (frameworks-team.md): the team heatmap laid out for long ids, "none" and
//! N/A (F-D5); the Roles screen of a framework without roles speaks of profiles (F-D11); Rate
//! keeps long level labels in one column (F-D24).

mod headless;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rolefit::domain::{Framework, Level, Rating};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sfia() -> Framework {
    let text = std::fs::read_to_string(root().join("assets/frameworks/examples/sfia9-change.toml"))
        .unwrap();
    rolefit::storage::framework::from_toml(&text).unwrap()
}

fn screen(buffer: &ratatui::buffer::Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Two people on SFIA: POMG 6 and PRMG "none", one also N/A on PGMG.
#[test]
fn the_team_heatmap_keeps_its_columns_with_four_letter_ids_none_and_na() {
    let fw = sfia();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, pgmg) in [("a", None), ("b", Some(Rating::NotApplicable))] {
        let mut a = rolefit::domain::Assessment::new(name, &fw, rolefit::clock::utc_from_epoch(0));
        a.set_rating(&"POMG".into(), Some(Rating::Level(Level::new(6).unwrap())));
        a.set_rating(&"PRMG".into(), Some(Rating::Level(Level::NONE)));
        if let Some(r) = pgmg {
            a.set_rating(&"PGMG".into(), Some(r));
        }
        let path = dir.path().join(format!("{name}.toml"));
        rolefit::storage::save_assessment(&path, &a).unwrap();
        files.push(path);
    }
    let team = rolefit::team::load(fw.clone(), &files);
    assert_eq!(team.members.len(), 2, "{:?}", team.not_read);
    let mut view = rolefit::team::TeamView::new(team, 1);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    rolefit::team::run::draw(&mut terminal, &mut view).unwrap();
    let text = screen(terminal.backend().buffer());
    // Ids with a gap between them, none run together.
    assert!(text.contains("POMG  PGMG  PRMG"), "{text}");
    assert!(!text.contains("POMGPGMG"), "{text}");
    // "none" takes its column without pushing the row: every person's row is as long as the
    // header's, and the ids' columns line up with the cells below.
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.contains("POMG  PGMG")).unwrap();
    let column = |line: &str, needle: &str| line.find(needle).map(|b| line[..b].chars().count());
    let prmg_end = column(lines[header], "PRMG").unwrap() + 4;
    for line in lines.iter().filter(|l| l.contains("none")) {
        if line.contains("unanswered") {
            continue;
        }
        // "none", its mark and the gap after it end where the id's column ends.
        let end = column(line, "none").unwrap() + "none▼ ".chars().count();
        assert_eq!(end, prmg_end, "none under PRMG:\n{text}");
    }
    // The legend says "unanswered" for the empty mark; the label "Team average" is whole.
    assert!(text.contains("· unanswered"), "{text}");
    assert!(text.contains("Team average"), "{text}");
}

#[test]
fn a_framework_without_roles_speaks_of_profiles_on_roles() {
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), sfia(), "<esc>", (120, 40));
    assert!(
        r.screen.contains("3 more profiles: press f to list them"),
        "{}",
        r.screen
    );
    assert!(!r.screen.contains("0 roles"), "{}", r.screen);
    assert!(r.screen.contains("f profiles"), "{}", r.screen);
    assert!(!r.screen.contains("flavours"), "{}", r.screen);
    // The first-run welcome too.
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), sfia(), "", (120, 40));
    assert!(
        r.screen.contains("Read what each profile asks for"),
        "{}",
        r.screen
    );
}

/// Labels as long as SFIA's own: every descriptor starts in the same column.
#[test]
fn long_level_labels_keep_the_descriptors_in_one_column() {
    let labels = [
        "Follow",
        "Assist",
        "Apply",
        "Enable",
        "Ensure, advise",
        "Initiate, influence",
        "Set strategy, inspire, mobilise",
    ];
    let mut text =
        String::from("format = 2\nid = \"long\"\nversion = 1\nname = \"Long labels\"\n\n[scale]\n");
    for (i, label) in labels.iter().enumerate() {
        text.push_str(&format!(
            "[[scale.levels]]\nvalue = {}\nlabel = \"{label}\"\ndescriptor = \"Descriptor {}.\"\n\n",
            i + 1,
            i + 1
        ));
    }
    text.push_str("[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n[[areas]]\nid = \"A\"\nname = \"Area\"\n\n[[competencies]]\nid = \"A.1\"\narea = \"A\"\nname = \"One\"\ndescription = \"The first.\"\n[competencies.targets]\np = 3\n");
    let fw = rolefit::storage::framework::from_toml(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw, "<tab><tab>", (100, 30));
    let starts: Vec<usize> = r
        .screen
        .lines()
        .filter_map(|line| {
            let at = line.find("Descriptor ")?;
            Some(line[..at].chars().count())
        })
        .collect();
    assert_eq!(starts.len(), labels.len(), "{}", r.screen);
    assert!(
        starts.windows(2).all(|w| w[0] == w[1]),
        "{starts:?}\n{}",
        r.screen
    );
    assert!(
        r.screen.contains("Set strategy, inspire, mobilise"),
        "{}",
        r.screen
    );
}

/// F-D10: without roles, the Grid's target columns follow the chosen profile (the one gaps are
/// measured against, then the next), not always the first two profiles.
#[test]
fn the_grid_of_a_framework_without_roles_follows_the_chosen_profile() {
    let fw = sfia();
    let dir = tempfile::tempdir().unwrap();
    let r = headless::run_with(dir.path(), fw.clone(), "<esc><tab>", (120, 40));
    let target = r.app.target_profile();
    let header = r
        .screen
        .lines()
        .find(|l| l.contains("Area / competency"))
        .unwrap()
        .to_string();
    let next = (target + 1) % fw.profiles.len();
    assert!(header.contains(&fw.profiles[target].short), "{header}");
    assert!(header.contains(&fw.profiles[next].short), "{header}");
    let other = (0..fw.profiles.len())
        .find(|&p| p != target && p != next)
        .unwrap();
    assert!(!header.contains(&fw.profiles[other].short), "{header}");
}

/// Results' areas chart of a framework without roles measures against the profile the gaps
/// are against and the next one, as the Grid does, not the framework's first two (F-D10); its
/// area names stay whole before a long heading does.
#[test]
fn the_results_areas_of_a_framework_without_roles_follow_the_chosen_profile() {
    let fw = sfia();
    for presses in 0..fw.profiles.len() {
        let dir = tempfile::tempdir().unwrap();
        let keys = format!("<esc><tab><tab><tab>{}v", "t".repeat(presses));
        let r = headless::run_with(dir.path(), fw.clone(), &keys, (100, 30));
        let target = r.app.target_profile();
        let next = (target + 1) % fw.profiles.len();
        let title = r
            .screen
            .lines()
            .find(|l| l.contains("Areas: you against"))
            .unwrap_or_else(|| panic!("{}", r.screen));
        let want = format!(
            "you against {} and {}",
            fw.profiles[target].short, fw.profiles[next].short
        );
        assert!(title.contains(&want), "{title}\n{}", r.screen);
        for area in &fw.areas {
            assert!(r.screen.contains(&area.name), "{}", r.screen);
        }
    }
}

/// Rate on a wide, short terminal with the note editor open and a long N/A text highlighted:
/// the levels and the editor could not both fit, and Rate panicked instead of drawing (found by
/// the screen fuzz at 152×18 on a framework whose N/A text ran to five lines). The editor stays
/// in view and the levels are drawn as far as they go.
#[test]
fn rate_with_the_editor_open_on_a_wide_short_terminal_draws() {
    let text = std::fs::read_to_string(root().join("assets/frameworks/examples/sfia9-change.toml"))
        .unwrap()
        .replace(
            "na = \"Not part of my work: left out of every score.\"",
            &format!(
                "na = \"{}\"",
                "Not part of my work, so it is left out of every score. ".repeat(6)
            ),
        );
    let fw = rolefit::storage::framework::from_toml(&text).unwrap();
    for width in [120, 152, 200] {
        for downs in 0..fw.scale.levels.len() + 3 {
            let dir = tempfile::tempdir().unwrap();
            let keys = format!("<esc><tab><tab>{}e", "<down>".repeat(downs));
            let r = headless::run_with(dir.path(), fw.clone(), &keys, (width, 18));
            assert!(r.screen.contains("[Rate]"), "{}", r.screen);
            assert!(r.screen.contains("Note · editing"), "{}", r.screen);
        }
    }
}
