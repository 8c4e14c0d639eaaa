//! Replays every committed fuzz input with the fuzz targets' own checks, so plain `cargo test`
//! (and CI) covers them without a fuzzer: the seed corpus in `fuzz/corpus/<target>/` and the
//! crashing inputs the fuzzers found, kept in `tests/fixtures/fuzz-regressions/<target>-<name>`.
//! How to run the fuzzers themselves: docs/fuzzing.md.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The properties, shared with the fuzz targets (`fuzz/fuzz_targets/*.rs`).
#[path = "../fuzz/src/lib.rs"]
mod checks;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Regression inputs whose finding is not fixed yet: (file name, what goes wrong). Each such
/// file also gets its own test, `#[ignore = "fuzz finding: ..."]`, calling `checks::check_*`
/// on it; once fixed, drop it from this list and that test, and `regressions_replay` keeps it
/// fixed. None is open: the one finding so far (empty `[ratings.X]` and `[plan.X]` tables,
/// `assessment-empty-*-table`) is fixed.
const OPEN_FINDINGS: &[(&str, &str)] = &[];

/// The files of `dir` (relative to the crate root), sorted by name.
fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

/// The check a regression file is for, from its `<target>-` prefix.
fn check_for(file: &str) -> fn(&[u8]) {
    if file.starts_with("assessment-") {
        checks::check_assessment
    } else if file.starts_with("framework-") {
        checks::check_framework
    } else {
        panic!("{file}: a regression file is named <target>-<name>, target assessment or framework")
    }
}

/// Runs `check` on every file, then fails naming each file whose check panicked.
fn replay(paths: &[PathBuf], check: impl Fn(&Path)) {
    let failed: Vec<&str> = paths
        .iter()
        .filter(|path| catch_unwind(AssertUnwindSafe(|| check(path))).is_err())
        .map(|path| name(path))
        .collect();
    assert!(
        failed.is_empty(),
        "these inputs fail their check: {failed:?}"
    );
}

fn replay_corpus(target: &str, check: fn(&[u8])) {
    let paths = files(&format!("fuzz/corpus/{target}"));
    assert!(paths.len() >= 5, "the {target} corpus is missing");
    replay(&paths, |path| check(&fs::read(path).unwrap()));
}

#[test]
fn assessment_corpus_replays() {
    replay_corpus("assessment", checks::check_assessment);
}

#[test]
fn framework_corpus_replays() {
    replay_corpus("framework", checks::check_framework);
}

#[test]
fn regressions_replay() {
    let paths: Vec<PathBuf> = files("tests/fixtures/fuzz-regressions")
        .into_iter()
        .filter(|path| name(path) != "README.md")
        .filter(|path| !OPEN_FINDINGS.iter().any(|(open, _)| name(path) == *open))
        .collect();
    replay(&paths, |path| {
        check_for(name(path))(&fs::read(path).unwrap())
    });
}

#[test]
fn open_findings_have_their_files() {
    for (file, _) in OPEN_FINDINGS {
        let path = Path::new(ROOT)
            .join("tests/fixtures/fuzz-regressions")
            .join(file);
        assert!(path.is_file(), "{} is missing", path.display());
    }
}
