//! The cache of validated frameworks, through the real binary: a later start reads the cache
//! instead of the file; a damaged cache or a changed file is never used, and is replaced.

mod cmd_support;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use cmd_support::{rolefit, run, stdout};

/// `rolefit --framework FILE show`: the results screen as text, from the framework given.
fn show(home: &Path, framework: &Path) -> String {
    let out = run(rolefit(home)
        .arg("--data-dir")
        .arg(home.join("data"))
        .arg("--framework")
        .arg(framework)
        .arg("show"));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    stdout(&out)
}

/// The one cache file under `home`.
fn cache_file(home: &Path) -> PathBuf {
    let dir = home.join("xdg-cache/rolefit/frameworks");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn a_later_start_reads_the_cache_and_a_damaged_or_stale_one_is_replaced() {
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("framework.toml");
    let text = std::fs::read_to_string("tests/fixtures/frameworks/minimal.toml").unwrap();
    std::fs::write(&framework, &text).unwrap();

    // First start: parsed, validated, cached.
    let first = show(home.path(), &framework);
    let cache = cache_file(home.path());
    let written = inode(&cache);

    // Second start: the same results, and the cache is not written again (a save replaces the
    // file, so its inode would change).
    assert_eq!(show(home.path(), &framework), first);
    assert_eq!(inode(&cache), written, "the cache was used as it was");

    // A damaged cache is not used: the same results, and a new cache replaces it.
    let mut bytes = std::fs::read(&cache).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&cache, &bytes).unwrap();
    let damaged = inode(&cache);
    assert_eq!(show(home.path(), &framework), first);
    assert_ne!(inode(&cache), damaged, "the damaged cache was replaced");
    let repaired = inode(&cache);
    assert_eq!(show(home.path(), &framework), first);
    assert_eq!(inode(&cache), repaired, "the new cache is used");

    // A changed file: its new content shows, never the cached one.
    std::fs::write(
        &framework,
        text.replace("Solution Architect", "Systems Architect"),
    )
    .unwrap();
    let changed = show(home.path(), &framework);
    assert!(changed.contains("Systems Architect"), "{changed}");
    assert!(!changed.contains("Solution Architect"), "{changed}");
}

/// A cache cut short, or one of another layout (the hand-written one before, whose magic
/// says `v2`), is not used: the same results, and a new cache replaces it.
#[test]
fn a_truncated_cache_or_one_of_another_layout_is_replaced() {
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("framework.toml");
    std::fs::copy("tests/fixtures/frameworks/minimal.toml", &framework).unwrap();
    let first = show(home.path(), &framework);
    let cache = cache_file(home.path());
    let whole = std::fs::read(&cache).unwrap();
    assert!(
        whole.starts_with(b"rolefit-fwc-v3\n\0"),
        "{:?}",
        &whole[..16]
    );
    let older = [b"rolefit-fwc-v2\n\0".as_slice(), &whole[16..]].concat();
    for (what, bytes) in [
        ("cut short", &whole[..whole.len() - 1]),
        ("only the header", &whole[..40]),
        ("empty", &whole[..0]),
        ("of the layout before", &older[..]),
    ] {
        std::fs::write(&cache, bytes).unwrap();
        let damaged = inode(&cache);
        assert_eq!(show(home.path(), &framework), first, "{what}");
        assert_ne!(inode(&cache), damaged, "{what}: the cache was replaced");
        assert_eq!(
            std::fs::read(&cache).unwrap(),
            whole,
            "{what}: made again as before"
        );
    }
}

/// The content hash an assessment records is the file's, whether the framework was parsed or
/// read back from the cache: a start from the cache is not taken for a changed framework.
#[test]
fn a_framework_from_the_cache_has_the_same_content_hash_as_the_file() {
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("framework.toml");
    let text = std::fs::read_to_string("tests/fixtures/frameworks/minimal.toml").unwrap();
    std::fs::write(&framework, &text).unwrap();
    let rate = |id: &str, level: &str| {
        run(rolefit(home.path())
            .arg("--data-dir")
            .arg(home.path().join("data"))
            .arg("--framework")
            .arg(&framework)
            .args(["rate", id, level]))
    };
    // Parsed (and cached), then read from the cache.
    let first = rate("M1", "4");
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    cache_file(home.path());
    let second = rate("G1", "2");
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    let out = stdout(&second);
    assert!(!out.contains("no longer has"), "{out}");
    let saved = std::fs::read_to_string(home.path().join("data/assessments/default.toml")).unwrap();
    let hash = rolefit::storage::framework::from_toml(&text)
        .unwrap()
        .content_hash();
    assert!(
        saved.contains(&format!("framework_hash = \"{hash}\"")),
        "{saved}"
    );
}

/// A FIFO at the cache entry's path is ignored (not waited on) and replaced by a cache file.
#[test]
fn a_cache_entry_that_is_a_fifo_is_ignored_and_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("framework.toml");
    std::fs::copy("tests/fixtures/frameworks/minimal.toml", &framework).unwrap();
    let first = show(home.path(), &framework);
    let cache = cache_file(home.path());
    std::fs::remove_file(&cache).unwrap();
    cmd_support::mkfifo(&cache);
    let out = cmd_support::run_within(
        10,
        rolefit(home.path())
            .arg("--data-dir")
            .arg(home.path().join("data"))
            .arg("--framework")
            .arg(&framework)
            .arg("show"),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), first);
    let meta = std::fs::symlink_metadata(&cache).unwrap();
    assert!(!meta.file_type().is_fifo() && meta.is_file(), "{meta:?}");
}

/// A symbolic link planted at the cache entry's path is replaced by the cache file; the file
/// it points to is never written.
#[test]
fn a_symlink_at_the_cache_entry_is_replaced_never_written_through() {
    let home = tempfile::tempdir().unwrap();
    let framework = home.path().join("framework.toml");
    let text = std::fs::read_to_string("tests/fixtures/frameworks/minimal.toml").unwrap();
    std::fs::write(&framework, &text).unwrap();
    show(home.path(), &framework);
    let cache = cache_file(home.path());
    let victim = home.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::remove_file(&cache).unwrap();
    std::os::unix::fs::symlink(&victim, &cache).unwrap();
    // A changed framework: the cache is written again.
    std::fs::write(
        &framework,
        text.replace("Solution Architect", "Systems Architect"),
    )
    .unwrap();
    assert!(show(home.path(), &framework).contains("Systems Architect"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(&cache).unwrap();
    assert!(meta.is_file(), "the link is still there: {meta:?}");
    // The next start reads the new cache.
    let written = inode(&cache);
    show(home.path(), &framework);
    assert_eq!(inode(&cache), written);
}
