//! Crash-safe file replacement: temp file in the same directory, fsync, rename, fsync the
//! directory. A crash at any point leaves the old or the new content, never a mix.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Marker in the names of temp files, so leftovers can be found and removed.
const TEMP_MARKER: &str = ".rolefit-tmp.";

/// Permissions of a newly created file: readable by its owner only.
const NEW_FILE_MODE: u32 = 0o600;

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
    let mode = existing_mode(&target).unwrap_or(NEW_FILE_MODE);
    let temp = temp_path(&target);
    let result = (|| {
        let mut file = steps.create(&temp, mode)?;
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

fn existing_mode(path: &Path) -> Option<u32> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        Some(meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}{TEMP_MARKER}{}.{n}", std::process::id()))
}

/// Removes temp files left by an interrupted save of `target`. Call only while holding the
/// assessment's lock, so no other writer can be using them. Returns how many were removed.
pub fn remove_leftovers(target: &Path) -> usize {
    let target = resolve_target(target);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return 0;
    };
    let prefix = format!(".{}{TEMP_MARKER}", name.to_string_lossy());
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
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
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
        fs::write(dir.path().join("b.toml"), "keep").unwrap();
        assert_eq!(remove_leftovers(&target), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
