//! The properties the fuzz targets check. This file uses nothing but rolefit's model and files
//! crates (`rolefit-core`, `rolefit-files`) and std, so the files crate's
//! `tests/fuzz_corpus.rs` includes it with `#[path]` and a plain `cargo test` replays every
//! committed corpus and regression file with exactly the same checks, no fuzzer needed.
//!
//! Each check takes raw bytes, as a file on disk would give them. Bytes that are not UTF-8 are
//! skipped: `storage::read_assessment` and `framework check` refuse them before parsing.

use rolefit_core::{Framework, Level, Problem};
use rolefit_files::ParseError;
use rolefit_files::codec;

/// The assessment loader: reading never panics; an error names a real place (line and column
/// from 1); a file that loads, once saved (`to_toml`) and loaded again, gives the same value;
/// and saving that value again writes the same text.
pub fn check_assessment(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Reading only to look (the team view) accepts and refuses exactly what reading to write
    // does, and holds the same assessment but for the keys this version does not know.
    let lean = codec::parse_for_reading(text, "fuzz", rolefit_files::framework::builtin_top());
    let first = match codec::parse(text, "fuzz") {
        Ok(first) => first,
        Err(err) => {
            assert_eq!(lean.as_ref().err(), Some(&err), "--- input\n{text}");
            check_parse_error(text, &err);
            return;
        }
    };
    #[allow(clippy::eq_op)]
    if first == first {
        assert_eq!(
            lean.as_ref().ok(),
            Some(&first.known_only()),
            "--- input\n{text}"
        );
    } else {
        assert!(lean.is_ok(), "--- input\n{text}");
    }
    let written = codec::to_toml(&first);
    let second = match codec::parse(&written, "fuzz") {
        Ok(second) => second,
        Err(err) => panic!(
            "a loaded assessment does not load again once saved: {err}\n\
             --- input\n{text}\n--- saved\n{written}"
        ),
    };
    // A float NaN kept among unknown keys is not equal to itself, so such a value cannot be
    // compared with `==`; for it the check below (the saved text is a fixed point) stands in.
    #[allow(clippy::eq_op)]
    let comparable = first == first;
    if comparable {
        assert_eq!(
            second, first,
            "saving and loading again changed the assessment\n--- input\n{text}\n--- saved\n{written}"
        );
    }
    let rewritten = codec::to_toml(&second);
    assert_eq!(
        rewritten, written,
        "saving the reloaded assessment wrote different text\n--- input\n{text}"
    );
}

fn check_parse_error(text: &str, err: &ParseError) {
    match err {
        ParseError::Invalid { line, column, .. } => check_place(text, *line, *column),
        ParseError::NewerFormat { found } => {
            assert!(*found > codec::FORMAT, "format {found} reported as newer")
        }
    }
}

/// A reported place is on the text: line 1 up to one past the last line, column from 1.
fn check_place(text: &str, line: usize, column: usize) {
    let lines = text.matches('\n').count() + 1;
    assert!(
        (1..=lines).contains(&line) && column >= 1,
        "line {line}, column {column} is not in a text of {lines} lines"
    );
    let longest = text
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(
        column <= longest + 1,
        "column {column} is past the longest line ({longest} characters)"
    );
}

/// The framework loader: reading never panics; it is deterministic (the same text gives the
/// same framework or the same problems); every problem names a real place; and a framework that
/// loads holds the invariants the rest of rolefit indexes by without checks.
///
/// rolefit has no framework writer, so there is no save-and-load-again property here.
pub fn check_framework(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let first = rolefit_files::framework::from_toml(text);
    let second = rolefit_files::framework::from_toml(text);
    assert_eq!(
        first, second,
        "reading the same framework text twice gave different results"
    );
    let framework = match first {
        Ok(framework) => framework,
        Err(problems) => {
            assert!(
                !problems.is_empty(),
                "a framework was refused with no problem"
            );
            for Problem { line, column, .. } in &problems {
                check_place(text, *line, *column);
            }
            return;
        }
    };
    check_framework_invariants(&framework);
}

fn check_framework_invariants(fw: &Framework) {
    // The model's own check, which the cache of validated frameworks runs on what it reads
    // back: a framework the validator lets through must pass it, or its cache is never used.
    assert_eq!(
        fw.check_invariants(),
        Ok(()),
        "a framework that loads fails the model's invariant check"
    );
    check_scale(fw);
    check_areas_and_competencies(fw);
    check_profiles(fw);
}

/// Any scale a framework may have: 2 to 10 levels, strictly increasing, each found by its value.
fn check_scale(fw: &Framework) {
    assert!(
        (2..=10).contains(&fw.scale.levels.len()),
        "scale levels: {}",
        fw.scale.levels.len()
    );
    assert!(
        fw.scale
            .values()
            .zip(fw.scale.values().skip(1))
            .all(|(a, b)| a < b),
        "scale values not increasing"
    );
    for level in fw.scale.values() {
        assert!(!level.is_none() && level.value() <= Level::TOP);
        assert_eq!(fw.scale.level(level).value, level, "scale level {level}");
    }
}

/// Areas cover every competency in order; each competency is in its area, indexed, targeted.
fn check_areas_and_competencies(fw: &Framework) {
    let competencies = fw.competencies.len();
    let profiles = fw.profiles.len();
    assert!(!fw.areas.is_empty(), "a framework with no area loaded");
    assert!(competencies > 0, "a framework with no competency loaded");

    // Areas' ranges cover every competency, in order, without gaps or overlaps.
    let mut next = 0;
    for (a, area) in fw.areas.iter().enumerate() {
        assert_eq!(
            area.competencies.start, next,
            "area {a} ({}) does not start where the previous one ended",
            area.id
        );
        assert!(
            area.competencies.end <= competencies,
            "area {a} ({}) runs past the competencies",
            area.id
        );
        next = area.competencies.end;
    }
    assert_eq!(next, competencies, "areas do not cover every competency");

    for (i, c) in fw.competencies.iter().enumerate() {
        assert!(
            c.area < fw.areas.len(),
            "competency {} names area {} of {}",
            c.id,
            c.area,
            fw.areas.len()
        );
        assert!(
            fw.areas[c.area].competencies.contains(&i),
            "competency {} (#{i}) is outside its area's range {:?}",
            c.id,
            fw.areas[c.area].competencies
        );
        assert_eq!(fw.competency_index(&c.id), Some(i), "index of {}", c.id);
        assert_eq!(c.targets.len(), profiles, "targets of {}", c.id);
    }
}

/// Every profile's role, id, base chain and adjustments are in range; a main one has no base.
fn check_profiles(fw: &Framework) {
    let competencies = fw.competencies.len();
    let profiles = fw.profiles.len();
    for (p, profile) in fw.profiles.iter().enumerate() {
        assert!(
            profile.role.is_none_or(|r| r < fw.roles.len()),
            "profile {} has role {:?}",
            profile.id,
            profile.role
        );
        assert_eq!(
            fw.profile_index(&profile.id),
            Some(p),
            "profile id {}",
            profile.id
        );
        if let Some(base) = profile.base {
            assert!(
                base < profiles && base != p,
                "profile {} base {base}",
                profile.id
            );
            // Bases may chain (career ladders), but never in a cycle nor past the limit.
            let mut depth = 1;
            let mut at = fw.profiles[base].base;
            while let Some(next) = at {
                depth += 1;
                assert!(
                    depth <= rolefit_files::framework::MAX_BASE_DEPTH,
                    "profile {}'s bases go round or too deep",
                    profile.id
                );
                at = fw.profiles[next].base;
            }
        }
        assert!(
            profile.adjusted.iter().all(|&c| c < competencies),
            "profile {} adjusts a competency out of range",
            profile.id
        );
        for c in 0..competencies {
            let _ = fw.weight(p, c);
            let _ = fw.target(p, c);
        }
    }
    for (role, &main) in fw.main_profiles.iter().enumerate() {
        assert!(main < profiles, "main profile of role {role} is {main}");
        if fw.two_role_shape() {
            assert_eq!(
                fw.profiles[main].role,
                Some(role),
                "main profile of role {role}"
            );
        }
        assert!(
            fw.profiles[main].base.is_none(),
            "main profile of role {role} has a base"
        );
    }
}
