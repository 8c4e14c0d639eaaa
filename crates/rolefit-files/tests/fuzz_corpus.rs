//! Replays every committed fuzz input with the fuzz targets' own checks, so plain `cargo test`
//! (and CI) covers them without a fuzzer: the seed corpus in `fuzz/corpus/<target>/` and the
//! crashing inputs the fuzzers found, kept in this crate's
//! `tests/fixtures/fuzz-regressions/<target>-<name>`.
//! How to run the fuzzers themselves: docs/fuzzing.md.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The properties, shared with the fuzz targets (`fuzz/fuzz_targets/*.rs`).
#[path = "../../../fuzz/src/lib.rs"]
mod checks;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Regression inputs whose finding is not fixed yet: (file name, what goes wrong). Each such
/// file also gets its own test, `#[ignore = "fuzz finding: ..."]`, calling `checks::check_*`
/// on it; once fixed, drop it from this list and that test. `regressions_replay` holds the list
/// to the files: every listed file exists and still fails its check, every other one passes.
/// None is open: the one finding so far (empty `[ratings.X]` and `[plan.X]` tables,
/// `assessment-empty-*-table`) is fixed.
const OPEN_FINDINGS: &[(&str, &str)] = &[];

const REGRESSIONS: &str = "tests/fixtures/fuzz-regressions";

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

/// The names of the files whose `check` panics.
fn failing(paths: &[PathBuf], check: impl Fn(&Path)) -> Vec<&str> {
    paths
        .iter()
        .filter(|path| catch_unwind(AssertUnwindSafe(|| check(path))).is_err())
        .map(|path| name(path))
        .collect()
}

/// Replays a seed corpus. It must hold at least a few seeds, and among them both inputs that
/// load and inputs that are refused, so both halves of the check (the round trip or the
/// invariants, and the error places) run; an emptied or one-sided corpus fails here.
fn replay_corpus(target: &str, check: fn(&[u8]), loads: fn(&str) -> bool) {
    let dir = format!("../../fuzz/corpus/{target}");
    let paths = files(&dir);
    assert!(
        paths.len() >= 5,
        "{dir} holds {} files: the seed corpus is missing",
        paths.len()
    );
    let (loaded, refused): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .filter(|path| std::str::from_utf8(&fs::read(path).unwrap()).is_ok())
        .partition(|path| loads(&fs::read_to_string(path).unwrap()));
    assert!(
        !loaded.is_empty() && !refused.is_empty(),
        "{dir}: {} seeds load and {} are refused; it needs both",
        loaded.len(),
        refused.len()
    );
    let failed = failing(&paths, |path| check(&fs::read(path).unwrap()));
    assert!(
        failed.is_empty(),
        "these inputs fail their check: {failed:?}"
    );
}

#[test]
fn assessment_corpus_replays() {
    replay_corpus("assessment", checks::check_assessment, |text| {
        rolefit_files::codec::parse(text, "fuzz").is_ok()
    });
}

#[test]
fn framework_corpus_replays() {
    replay_corpus("framework", checks::check_framework, |text| {
        rolefit_files::framework::from_toml(text).is_ok()
    });
}

/// Every regression file is replayed: a fixed finding must pass its check, an open one (listed
/// in `OPEN_FINDINGS`) must be a file here that still fails it. So an empty folder, a fixed
/// finding that comes back, a listed finding that has been fixed (or has no file) all fail.
#[test]
fn regressions_replay() {
    let paths: Vec<PathBuf> = files(REGRESSIONS)
        .into_iter()
        .filter(|path| name(path) != "README.md")
        .collect();
    assert!(
        !paths.is_empty(),
        "{REGRESSIONS} holds no regression file: nothing is replayed"
    );
    // Every file names its target (this panics on one that does not).
    for path in &paths {
        check_for(name(path));
    }
    let names: Vec<&str> = paths.iter().map(|path| name(path)).collect();
    for (file, what) in OPEN_FINDINGS {
        assert!(
            names.contains(file),
            "the open finding {file} has no file in {REGRESSIONS}"
        );
        assert!(
            !what.trim().is_empty(),
            "the open finding {file} does not say what goes wrong"
        );
    }
    let failed = failing(&paths, |path| {
        check_for(name(path))(&fs::read(path).unwrap())
    });
    let open: Vec<&str> = OPEN_FINDINGS.iter().map(|(file, _)| *file).collect();
    let back: Vec<&str> = failed
        .iter()
        .copied()
        .filter(|file| !open.contains(file))
        .collect();
    assert!(
        back.is_empty(),
        "these fixed findings fail their check again: {back:?}"
    );
    let fixed: Vec<&str> = open
        .iter()
        .copied()
        .filter(|file| !failed.contains(file))
        .collect();
    assert!(
        fixed.is_empty(),
        "these open findings pass their check now: drop them from OPEN_FINDINGS and their \
         #[ignore]d tests: {fixed:?}"
    );
}
