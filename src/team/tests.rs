//! The team view's state, keys and figures, on small teams written to temp folders. One file
//! because its tests share the same writers of assessments and the three-person team.

use std::path::{Path, PathBuf};

use super::*;
use crate::domain::scoring::RatingSheet;
use crate::domain::{Assessment, Level, Rating};
use crate::storage::codec;

fn t0() -> crate::domain::time::Datetime {
    crate::clock::utc_from_epoch(0)
}

/// Writes an assessment named `name` with `levels` for the first competencies (None: N/A).
fn write(dir: &Path, file: &str, name: &str, levels: &[Option<u8>]) -> PathBuf {
    let fw = crate::storage::framework::builtin();
    let mut a = Assessment::new(name, &fw, t0());
    for (c, level) in levels.iter().enumerate() {
        let rating = match level {
            Some(n) => Rating::Level(Level::new(*n).unwrap()),
            None => Rating::NotApplicable,
        };
        a.set_rating(&fw.competencies[c].id, Some(rating));
    }
    let path = dir.join(file);
    std::fs::write(&path, codec::to_toml(&a)).unwrap();
    path
}

fn all(level: u8) -> Vec<Option<u8>> {
    vec![Some(level); crate::storage::framework::builtin().competencies.len()]
}

fn pmo() -> usize {
    crate::storage::framework::builtin()
        .profile_index("pmo")
        .unwrap()
}

#[test]
fn every_unusable_file_is_listed_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ann.toml", "Ann", &all(3));
    std::fs::write(
        dir.path().join("broken.toml"),
        "format = 1\nframework = [\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("future.toml"),
        "format = 9\nframework = \"pm-vs-pmo\"\n",
    )
    .unwrap();
    let other = codec::to_toml(&Assessment::new(
        "Olga",
        &crate::storage::framework::builtin(),
        t0(),
    ))
    .replace("framework = \"pm-vs-pmo\"", "framework = \"sfia\"");
    std::fs::write(dir.path().join("other.toml"), other).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an assessment").unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();

    let files = files_in(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(files.len(), 4, "only the .toml files: {files:?}");
    let team = load(crate::storage::framework::builtin(), &files);
    assert_eq!(team.members.len(), 1);
    assert_eq!(team.members[0].name, "Ann");
    let reason = |file: &str| {
        team.not_read
            .iter()
            .find(|n| n.path.ends_with(file))
            .map(|n| n.reason.clone())
            .unwrap_or_else(|| panic!("{file} is not listed"))
    };
    assert!(
        reason("broken.toml").starts_with("line 2, column"),
        "{}",
        reason("broken.toml")
    );
    assert!(
        reason("future.toml").contains("format 9"),
        "{}",
        reason("future.toml")
    );
    assert!(
        reason("other.toml").contains("\"sfia\""),
        "{}",
        reason("other.toml")
    );
    // Read only: nothing created (no lock files), nothing changed.
    let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(before.len(), after.len());
}

#[test]
fn no_files_is_an_error_and_one_file_is_a_team() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        files_in(&[dir.path().to_path_buf()]),
        Err(LoadError::NoFiles { .. })
    ));
    assert!(matches!(
        files_in(&[dir.path().join("nowhere")]),
        Err(LoadError::Source { .. })
    ));
    let one = write(dir.path(), "solo.toml", "Solo", &all(2));
    let team = load(
        crate::storage::framework::builtin(),
        &files_in(&[one]).unwrap(),
    );
    assert_eq!(team.members.len(), 1);
    assert_eq!(team.ranking(pmo()), vec![0]);
    assert_eq!(team.bench(0, pmo()).of, 1);
}

#[test]
fn people_with_the_same_name_are_told_apart_by_their_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let a = write(&dir.path().join("a"), "sam.toml", "Sam", &all(2));
    let b = write(&dir.path().join("b"), "sam.toml", "Sam", &all(4));
    let c = write(dir.path(), "kim.toml", "Kim", &all(4));
    let d = write(dir.path(), "kim-2.toml", "KIM", &all(1));
    let team = load(crate::storage::framework::builtin(), &[a.clone(), b, c, d]);
    let labels: Vec<&str> = team.members.iter().map(|m| m.label.as_str()).collect();
    // Names that differ in case only are the same name; their file names tell them apart.
    assert_eq!(labels[2..], ["Kim (kim.toml)", "KIM (kim-2.toml)"]);
    assert_ne!(labels[0], labels[1]);
    assert!(
        labels[0].starts_with("Sam (") && labels[0].contains("a/sam.toml"),
        "{labels:?}"
    );
    assert!(labels[1].contains("b/sam.toml"), "{labels:?}");
}

#[test]
fn provisional_figures_never_rank_above_complete_ones() {
    let dir = tempfile::tempdir().unwrap();
    // Full marks on a few competencies: 100% but provisional.
    let few = write(dir.path(), "few.toml", "Aaron", &[Some(5); 5]);
    let low = write(dir.path(), "low.toml", "Zoe", &all(1));
    let high = write(dir.path(), "high.toml", "Mia", &all(3));
    let team = load(crate::storage::framework::builtin(), &[few, low, high]);
    let p = pmo();
    assert!(team.members[0].readiness[p].provisional());
    assert!(team.members[0].readiness[p].percent > team.members[2].readiness[p].percent);
    let names: Vec<&str> = team
        .ranking(p)
        .iter()
        .map(|&m| team.members[m].name.as_str())
        .collect();
    assert_eq!(names, ["Mia", "Zoe", "Aaron"]);
    // The figures are the scoring module's.
    let sheet = RatingSheet::from_levels(team.members[2].cells.iter().map(|c| c.level()).collect());
    assert_eq!(
        team.members[2].readiness[p],
        crate::domain::scoring::readiness(&team.framework, &sheet, p)
    );
}

#[test]
fn ties_rank_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "b.toml", "bea", &all(3));
    let a = write(dir.path(), "a.toml", "Abe", &all(3));
    let team = load(crate::storage::framework::builtin(), &[b, a]);
    assert_eq!(team.ranking(pmo()), vec![1, 0]);
}

#[test]
fn bench_depth_counts_everyone_and_only_levels_at_or_above_target_meet() {
    let dir = tempfile::tempdir().unwrap();
    let fw = crate::storage::framework::builtin();
    let p = pmo();
    let c = (0..fw.competencies.len())
        .find(|&c| crate::domain::scoring::required(&fw, p, c) && fw.target(p, c).value() >= 2)
        .unwrap();
    let target = fw.target(p, c).value();
    let with = |level: Option<Option<u8>>| {
        let mut levels = vec![Some(0); c + 1];
        match level {
            Some(l) => levels[c] = l,
            None => levels.truncate(c),
        }
        levels
    };
    let files = [
        write(dir.path(), "1.toml", "At", &with(Some(Some(target)))),
        write(
            dir.path(),
            "2.toml",
            "Above",
            &with(Some(Some((target + 1).min(5)))),
        ),
        write(dir.path(), "3.toml", "Below", &with(Some(Some(target - 1)))),
        write(dir.path(), "4.toml", "Na", &with(Some(None))),
        write(dir.path(), "5.toml", "Silent", &with(None)),
    ];
    let team = load(fw, &files);
    let bench = team.bench(c, p);
    assert_eq!(
        (
            bench.meet,
            bench.of,
            bench.answered,
            bench.not_applicable,
            bench.unanswered
        ),
        (2, 5, 3, 1, 1)
    );
    assert_eq!(bench.target.map(|t| t.value()), Some(target));
    assert_eq!(team.mark(0, c, p), Mark::Meets);
    assert_eq!(team.mark(2, c, p), Mark::Below);
    assert_eq!(team.mark(3, c, p), Mark::NotApplicable);
    assert_eq!(team.mark(4, c, p), Mark::Unanswered);
    // The shortfall is averaged over the three who gave a level: (0 + 0 + 1) / 3.
    let gap = team
        .largest_gaps(p)
        .into_iter()
        .find(|g| g.competency == c)
        .unwrap();
    assert_eq!((gap.below, gap.answered), (1, 3));
    assert!((gap.shortfall - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn largest_gaps_come_first() {
    let dir = tempfile::tempdir().unwrap();
    let fw = crate::storage::framework::builtin();
    let p = pmo();
    let gaps_everywhere = all(0);
    let files = [
        write(dir.path(), "a.toml", "A", &gaps_everywhere),
        write(dir.path(), "b.toml", "B", &all(5)),
    ];
    let team = load(fw, &files);
    let gaps = team.largest_gaps(p);
    assert!(!gaps.is_empty());
    assert!(gaps.windows(2).all(|w| w[0].shortfall >= w[1].shortfall));
    // The largest is a competency with the highest target.
    let top_target = gaps.iter().map(|g| g.target).max().unwrap();
    assert_eq!(gaps[0].target, top_target);
}

#[test]
fn two_threads_read_what_one_reads() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..9)
        .map(|i| {
            write(
                dir.path(),
                &format!("{i}.toml"),
                &format!("P{i}"),
                &all((i % 6) as u8),
            )
        })
        .collect();
    let one = load_with(crate::storage::framework::builtin(), &files, 1);
    let two = load_with(crate::storage::framework::builtin(), &files, 2);
    assert_eq!(one.members, two.members);
    assert_eq!(
        one.members
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>(),
        (0..9).map(|i| format!("P{i}")).collect::<Vec<_>>()
    );
}

fn three_people() -> (tempfile::TempDir, TeamView) {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        write(dir.path(), "a.toml", "Aaron", &[Some(5); 5]),
        write(dir.path(), "b.toml", "Zoe", &all(1)),
        write(dir.path(), "c.toml", "Mia", &all(3)),
    ];
    let team = load(crate::storage::framework::builtin(), &files);
    (dir, TeamView::new(team, pmo()))
}

fn names(view: &TeamView) -> Vec<&str> {
    view.order()
        .iter()
        .map(|&m| view.team().members[m].name.as_str())
        .collect()
}

#[test]
fn sort_cycles_name_readiness_competency_gap_and_keeps_the_person() {
    use crate::app::Intent;
    let (_dir, mut view) = three_people();
    assert_eq!(names(&view), ["Aaron", "Mia", "Zoe"]);
    view.update(Intent::Down); // Mia
    view.update(Intent::CycleSort);
    assert_eq!(view.sort(), state::Sort::Readiness);
    // The provisional 100% is last.
    assert_eq!(names(&view), ["Mia", "Zoe", "Aaron"]);
    assert_eq!(view.team().members[view.person().unwrap()].name, "Mia");
    view.update(Intent::CycleSort);
    // By the first competency's level: Aaron 5, Mia 3, Zoe 1.
    assert_eq!(names(&view), ["Aaron", "Mia", "Zoe"]);
    view.update(Intent::Right);
    view.update(Intent::Right);
    view.update(Intent::Right);
    view.update(Intent::Right);
    view.update(Intent::Right); // the sixth: Aaron did not answer it
    assert_eq!(names(&view), ["Mia", "Zoe", "Aaron"]);
    // By the gap on the first competency: Zoe's 1 is furthest from the target, Aaron's 5 least.
    for _ in 0..5 {
        view.update(Intent::Left);
    }
    view.update(Intent::CycleSort);
    assert_eq!(view.sort(), state::Sort::Gap);
    assert_eq!(names(&view), ["Zoe", "Mia", "Aaron"]);
    view.update(Intent::CycleSort);
    assert_eq!(view.sort(), state::Sort::Name);
}

#[test]
fn profile_and_area_filter_cycle_and_keep_the_selection_in_view() {
    use crate::app::Intent;
    let (_dir, mut view) = three_people();
    let profiles = view.team().framework.profiles.len();
    let start = view.profile();
    for _ in 0..profiles {
        view.update(Intent::CycleTarget);
    }
    assert_eq!(view.profile(), start, "t goes round every profile");
    let areas = view.team().framework.areas.len();
    view.update(Intent::CycleFilter);
    assert_eq!(view.area(), Some(0));
    view.update(Intent::CycleFilter);
    assert_eq!(view.area(), Some(1));
    assert!(view.columns().contains(&view.competency()));
    for _ in 1..areas {
        view.update(Intent::CycleFilter);
    }
    assert_eq!(view.area(), None);
    // Left stops at the first column, Right at the last.
    view.update(Intent::Home);
    for _ in 0..100 {
        view.update(Intent::Right);
    }
    assert_eq!(
        view.competency(),
        view.team().framework.competencies.len() - 1
    );
}

#[test]
fn enter_opens_a_person_and_q_quits() {
    use crate::app::Intent;
    use state::TeamEffect;
    let (_dir, mut view) = three_people();
    view.update(Intent::End);
    let zoe = view.person().unwrap();
    assert_eq!(view.update(Intent::Activate), vec![TeamEffect::Open(zoe)]);
    view.update(Intent::ToggleHelp);
    assert_eq!(view.mode(), TeamMode::Help);
    // q in help closes it (as in the app); a second q quits.
    assert_eq!(view.update(Intent::Back), vec![]);
    assert_eq!(view.update(Intent::Quit), vec![TeamEffect::Quit]);
}

/// A team of `count` people with varied levels, N/A and unanswered cells, some of the same
/// name, as files in `dir`.
fn varied_team(dir: &Path, count: usize) -> Vec<PathBuf> {
    let fw = crate::storage::framework::builtin();
    (0..count)
        .map(|i| {
            let levels: Vec<Option<u8>> = (0..fw.competencies.len())
                .map(|c| match (i * 5 + c * 7) % 9 {
                    7 => None,
                    n => Some((n % 6) as u8),
                })
                .take(fw.competencies.len() - (i % 4) * 5)
                .collect();
            write(
                dir,
                &format!("p{i:04}.toml"),
                &format!("Person {}", i % 37),
                &levels,
            )
        })
        .collect()
}

/// The figures a streamed JSON report gathers one person at a time are the team view's.
#[test]
fn a_tally_gathered_person_by_person_has_the_team_views_figures() {
    let dir = tempfile::tempdir().unwrap();
    let files = varied_team(dir.path(), 120);
    let team = load(crate::storage::framework::builtin(), &files);
    let fw = &team.framework;
    for profile in 0..fw.profiles.len() {
        let mut tally = tally::Tally::new(fw, profile);
        for m in &team.members {
            tally.add(fw, m);
        }
        assert_eq!(tally.people(), team.members.len());
        for c in 0..fw.competencies.len() {
            assert_eq!(tally.bench(fw, c), team.bench(c, profile), "bench {c}");
            assert_eq!(tally.average(c), team.average(c), "average {c}");
        }
        for a in 0..fw.areas.len() {
            let (x, y) = (tally.area_average(a), team.area_average(a));
            assert!(
                x.zip(y).is_none_or(|(x, y)| (x - y).abs() < 1e-9) && x.is_some() == y.is_some(),
                "area {a}: {x:?} {y:?}"
            );
        }
        assert_eq!(tally.largest_gaps(fw), team.largest_gaps(profile));
        let ranked: Vec<String> = tally.ranking().into_iter().map(|(_, l)| l).collect();
        let expected: Vec<String> = team
            .ranking(profile)
            .into_iter()
            .map(|m| team.members[m].label.clone())
            .collect();
        assert_eq!(ranked, expected, "profile {profile}");
    }
}

/// Files are handed on in their order whatever the threads, and an error from the caller
/// stops the reading at once.
#[test]
fn files_are_read_in_order_and_a_failing_reader_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let files = varied_team(dir.path(), 300);
    let fw = crate::storage::framework::builtin();
    for threads in [1, 2, 3] {
        let mut seen = Vec::new();
        read_each(&fw, &files, threads, |read| {
            if let Read::Member(m) = read {
                seen.push(m.path);
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, files, "{threads} thread(s)");
    }
    let mut handed = 0;
    let result = read_each(&fw, &files, 2, |_| {
        handed += 1;
        if handed == 70 {
            return Err(std::io::Error::other("the reader went away"));
        }
        Ok(())
    });
    assert_eq!(result.unwrap_err().to_string(), "the reader went away");
    assert_eq!(handed, 70, "nothing is handed on after the error");
}

/// A person is shown by their display name; without one, by the assessment's name unless it
/// is the default one, else by the file's name; role and team come along.
#[test]
fn people_are_shown_by_their_name_and_else_by_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let fw = crate::storage::framework::builtin();
    let mut named = Assessment::new("default", &fw, t0());
    named.display_name = Some("Zoë Nakamura 中村".into());
    named.team = Some("North".into());
    let mut own = Assessment::new("kim", &fw, t0());
    own.display_name = Some(String::new());
    let plain = Assessment::new("default", &fw, t0());
    for (file, a) in [("a.toml", &named), ("b.toml", &own), ("pc.toml", &plain)] {
        std::fs::write(dir.path().join(file), codec::to_toml(a)).unwrap();
    }
    let team = load(fw, &files_in(&[dir.path().to_path_buf()]).unwrap());
    let names: Vec<&str> = team.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Zoë Nakamura 中村", "kim", "pc"]);
    assert_eq!(team.members[0].team.as_deref(), Some("North"));
}

/// A person's figures in the team view are those of their Results screen (`Summary`).
#[test]
fn a_persons_figures_are_their_summarys() {
    let dir = tempfile::tempdir().unwrap();
    let files = varied_team(dir.path(), 24);
    let team = load(crate::storage::framework::builtin(), &files);
    let fw = &team.framework;
    for m in &team.members {
        let sheet = RatingSheet::from_levels(m.cells.iter().map(|c| c.level()).collect());
        let summary = crate::domain::Summary::compute(fw, &sheet, 0);
        assert_eq!(m.readiness, summary.readiness);
        assert_eq!(m.position, summary.lean.position);
        assert_eq!(m.outcome, summary.lean.outcome);
        let areas: Vec<Option<f64>> = summary.areas.iter().map(|a| a.level).collect();
        assert_eq!(m.areas, areas);
    }
}

/// The team view stores what it has to say as meaning, and the words name the count, the
/// file and its reason.
#[test]
fn the_team_views_notices_are_meaning_worded_by_the_view() {
    use crate::app::Intent;
    use state::TeamNotice;
    let dir = tempfile::tempdir().unwrap();
    let files = [
        write(dir.path(), "ann.toml", "Ann", &all(3)),
        dir.path().join("broken.toml"),
    ];
    std::fs::write(&files[1], "format = 1\nframework = [\n").unwrap();
    let team = load(crate::storage::framework::builtin(), &files);
    let mut view = TeamView::new(team, pmo());
    assert_eq!(view.notice(), Some(&TeamNotice::NotRead(1)));
    assert_eq!(
        view.notice().unwrap().to_string(),
        "1 file(s) could not be read: listed after the people, with the reason."
    );
    // The file not read is the row after the people; Enter there says why.
    view.update(Intent::Down);
    view.update(Intent::Activate);
    let Some(TeamNotice::FileNotRead { path, reason }) = view.notice().cloned() else {
        panic!("{:?}", view.notice());
    };
    assert!(path.ends_with("broken.toml"));
    let said = view.notice().unwrap().to_string();
    assert!(
        said.contains("broken.toml: ") && said.ends_with(&reason),
        "{said}"
    );
}
