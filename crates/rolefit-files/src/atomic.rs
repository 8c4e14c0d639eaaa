//! Crash-safe file replacement: temp file in the same directory, fsync, rename, fsync the
//! directory. A crash at any point leaves the old or the new content, never a mix.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Marker in the names of temp files written by older versions, so their leftovers can still be
/// found and removed: `.NAME.rolefit-tmp.PID.N`.
const TEMP_MARKER: &str = ".rolefit-tmp.";

/// Start and end of the names of temp files: `.rolefit-HASH-PID-N.tmp`, where HASH stands for
/// the target's file name. Short whatever the target's name, so a save of a file whose name is
/// near the file system's limit still fits.
const TEMP_PREFIX: &str = ".rolefit-";
const TEMP_SUFFIX: &str = ".tmp";

/// Permissions of a newly created file: readable by its owner only.
pub(crate) const NEW_FILE_MODE: u32 = 0o600;

/// The steps of a save, so tests can make any one of them fail.
pub trait SaveSteps {
    /// Creates the temp file (exclusively).
    fn create(&mut self, path: &Path, mode: u32) -> io::Result<File> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        options.mode(mode);
        #[cfg(not(unix))]
        let _ = mode;
        options.open(path)
    }
    /// Writes the whole content.
    fn write(&mut self, file: &mut File, contents: &[u8]) -> io::Result<()> {
        file.write_all(contents)
    }
    /// Flushes the temp file to disk.
    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
    /// Moves the temp file over the target.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    /// Flushes the directory entry.
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }
}

/// The real file system.
pub struct RealSteps;
impl SaveSteps for RealSteps {}

/// Writes `contents` to `path` atomically with the real file system.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, contents, &mut RealSteps)
}

/// The file a write to `path` really lands on: a symlink's target, so the link stays a link.
pub fn resolve_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Writes `contents` to `path` atomically, performing each step through `steps`.
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    steps: &mut dyn SaveSteps,
) -> io::Result<()> {
    let target = resolve_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(&target).ok();
    let mode = existing.as_ref().map_or(NEW_FILE_MODE, file_mode);
    let temp = temp_path(&target);
    let result = (|| {
        let mut file = steps.create(&temp, mode)?;
        keep_owner_and_mode(&file, existing.as_ref(), mode)?;
        steps.write(&mut file, contents)?;
        steps.sync_file(&file)?;
        drop(file);
        steps.rename(&temp, &target)
    })();
    if let Err(err) = result {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    // The new content is in place; a failed directory sync only weakens durability on a crash.
    steps.sync_dir(&dir)
}

/// Writes `path` atomically with what `fill` writes, as it writes it: for a large report
/// that is made while it is written (a team report), so it need not be held in memory
/// first. The same temp file, fsync, rename and folder fsync as [`write_atomic`]; when `fill`
/// fails the temp file goes and `path` is left as it was.
pub fn write_atomic_streamed<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<T> {
    let target = resolve_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(&target).ok();
    let mode = existing.as_ref().map_or(NEW_FILE_MODE, file_mode);
    let temp = temp_path(&target);
    let mut steps = RealSteps;
    let result = (|| {
        let file = steps.create(&temp, mode)?;
        keep_owner_and_mode(&file, existing.as_ref(), mode)?;
        let mut out = io::BufWriter::with_capacity(1 << 16, file);
        let value = fill(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        steps.sync_file(&file)?;
        drop(file);
        steps.rename(&temp, &target)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    steps.sync_dir(&dir)?;
    result
}

/// The permission bits of an existing file.
fn file_mode(meta: &fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        meta.permissions().mode() & 0o7777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        NEW_FILE_MODE
    }
}

/// Gives the temp file the owner, group and mode of the file it replaces (a new file: mode 0600),
/// whatever the umask and whoever runs rolefit. Changing the owner needs root; without it the
/// file keeps the caller's, which is then also the original's unless the caller is root.
fn keep_owner_and_mode(file: &File, existing: Option<&fs::Metadata>, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Some(original) = existing {
            let temp = file.metadata()?;
            if (temp.uid(), temp.gid()) != (original.uid(), original.gid()) {
                match std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())) {
                    Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {}
                    other => other?,
                }
            }
        }
        // After the owner: a change of owner clears the set-id bits.
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, existing, mode);
        Ok(())
    }
}

/// FNV-1a of a file name: which target a temp file belongs to, stable between runs.
fn name_hash(name: &std::ffi::OsStr) -> u32 {
    name.as_encoded_bytes()
        .iter()
        .fold(0x811c_9dc5_u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

/// `.rolefit-HASH-` for the temp files of `target`.
fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().unwrap_or(std::ffi::OsStr::new("file"));
    format!("{TEMP_PREFIX}{:08x}-", name_hash(name))
}

fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(
        "{}{}-{n}{TEMP_SUFFIX}",
        temp_prefix(target),
        std::process::id()
    ))
}

/// Removes temp files left by an interrupted save of `target`. Call only while holding the
/// assessment's lock, so no other writer can be using them. Returns how many were removed.
pub fn remove_leftovers(target: &Path) -> usize {
    let target = resolve_target(target);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return 0;
    };
    let old_prefix = format!(".{}{TEMP_MARKER}", name.to_string_lossy());
    let prefix = temp_prefix(&target);
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&old_prefix)
                || (name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX))
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails the n-th step (0-based) of a save.
    struct FailAt {
        step: usize,
        seen: usize,
    }

    impl FailAt {
        fn tick(&mut self) -> io::Result<()> {
            let now = self.seen;
            self.seen += 1;
            if now == self.step {
                Err(io::Error::other(format!("injected failure at step {now}")))
            } else {
                Ok(())
            }
        }
    }

    impl SaveSteps for FailAt {
        fn create(&mut self, path: &Path, mode: u32) -> io::Result<File> {
            self.tick()?;
            RealSteps.create(path, mode)
        }
        fn write(&mut self, file: &mut File, contents: &[u8]) -> io::Result<()> {
            self.tick()?;
            // Write half, to leave a torn temp file behind if the next step fails.
            file.write_all(&contents[..contents.len() / 2])?;
            self.tick()?;
            file.write_all(&contents[contents.len() / 2..])
        }
        fn sync_file(&mut self, file: &File) -> io::Result<()> {
            self.tick()?;
            file.sync_all()
        }
        fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            self.tick()?;
            fs::rename(from, to)
        }
        fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
            self.tick()?;
            RealSteps.sync_dir(dir)
        }
    }

    const STEPS: usize = 6;

    #[test]
    fn every_failed_step_leaves_old_or_new_content_and_no_temp_file() {
        for step in 0..=STEPS {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("a.toml");
            fs::write(&target, "old").unwrap();
            let result = write_atomic_with(&target, b"new content", &mut FailAt { step, seen: 0 });
            let content = fs::read_to_string(&target).unwrap();
            match step {
                // Failing before or at the rename keeps the old file.
                0..=4 => {
                    assert!(result.is_err(), "step {step}");
                    assert_eq!(content, "old", "step {step}");
                }
                // The directory sync fails after the rename: the new content is in place.
                5 => {
                    assert!(result.is_err());
                    assert_eq!(content, "new content");
                }
                _ => {
                    assert!(result.is_ok());
                    assert_eq!(content, "new content");
                }
            }
            let names: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names.len(), 1, "step {step}: {names:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_private_and_existing_permissions_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("new.toml");
        write_atomic(&fresh, b"x").unwrap();
        assert_eq!(
            fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
            0o600
        );

        let shared = dir.path().join("shared.toml");
        fs::write(&shared, "x").unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&shared, b"y").unwrap();
        assert_eq!(
            fs::metadata(&shared).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn leftover_temp_files_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        fs::write(
            dir.path().join(format!(".a.toml{TEMP_MARKER}123.0")),
            "torn",
        )
        .unwrap();
        fs::write(temp_path(&target), "torn").unwrap();
        fs::write(dir.path().join("b.toml"), "keep").unwrap();
        // Another assessment's temp file in the same folder is not this one's to remove.
        fs::write(temp_path(&dir.path().join("b.toml")), "busy").unwrap();
        assert_eq!(remove_leftovers(&target), 2);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_file_name_near_the_limit_still_saves() {
        let dir = tempfile::tempdir().unwrap();
        // 250 bytes: the old temp name (".NAME.rolefit-tmp.PID.N") went past the 255-byte limit.
        let target = dir.path().join(format!("{}.toml", "a".repeat(245)));
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

#[cfg(all(test, unix))]
mod owner_tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_save_as_root_keeps_the_owner_and_group() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            let in_ci = std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"));
            assert!(!in_ci, "this test must run as root in CI");
            let _ = writeln!(
                io::stderr().lock(),
                "SKIPPED (not run): a_save_as_root_keeps_the_owner_and_group needs root"
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs.toml");
        fs::write(&theirs, "old").unwrap();
        std::os::unix::fs::chown(&theirs, Some(4321), Some(4322)).unwrap();
        fs::set_permissions(&theirs, fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&theirs, b"new").unwrap();
        let meta = fs::metadata(&theirs).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        assert_eq!(meta.mode() & 0o777, 0o664);
        assert_eq!(fs::read_to_string(&theirs).unwrap(), "new");
    }
}
