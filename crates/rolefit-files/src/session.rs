//! Opening an assessment for writing, the one way every writer does it: the folder made, the
//! lock taken (one policy), a killed save's leftovers removed, and the file read against the
//! framework's scale. The full-screen app opens read-only what a command that writes refuses.

use std::io;
use std::path::Path;

use super::guarded::Known;
use super::{AssessmentLock, LockOutcome, ReadOutcome, Result, Unreadable};
use rolefit_core::Assessment;

/// What opening an assessment found: the lock as it could be taken, and the file as it reads.
pub struct Opening {
    /// Held, or why not: only a held lock lets anything be written.
    pub lock: LockOutcome,
    /// The file, read against the framework's scale (whether or not the lock is held).
    pub read: ReadOutcome,
    /// What a loaded file held, so that a later save can tell whether another program changed
    /// it meanwhile (see [`super::guarded`]).
    pub known: Option<Known>,
}

/// An assessment open for writing: its lock is held until this is dropped.
#[derive(Debug)]
pub struct Writable {
    pub lock: AssessmentLock,
    /// `None` when there is no file yet: the caller starts a new assessment.
    pub assessment: Option<Assessment>,
    pub known: Option<Known>,
}

/// Why an assessment cannot be written; nothing has been written.
#[derive(Debug)]
pub enum NotWritable {
    /// Another running rolefit holds the lock.
    Busy,
    /// The lock file is a symbolic link, which rolefit never follows.
    LockIsLink,
    /// The lock file could not be created or locked: writing without it could overwrite
    /// another rolefit's ratings.
    NoLock(io::Error),
    /// Written by a newer rolefit: never written by this one.
    Newer { found: i64 },
    /// Broken: never overwritten.
    Unreadable(Unreadable),
}

/// Opens the assessment at `path` for writing: makes its folder, takes its lock (waiting
/// briefly, see [`super::lock_soon`]), removes what a killed save left behind once the lock is
/// held, and reads the file allowing the levels up to `top`. Fails only when the folder cannot
/// be made; every other problem is in the [`Opening`].
pub fn open(path: &Path, name: &str, top: u8) -> Result<Opening> {
    super::ensure_parent(path)?;
    let lock = super::lock_soon(path);
    if matches!(lock, LockOutcome::Held(_)) {
        super::atomic::remove_leftovers(path);
    }
    let (read, known) = super::read_assessment_known(path, name, top);
    Ok(Opening { lock, read, known })
}

impl Opening {
    /// The assessment to write, or why it must not be written: without the lock nothing is
    /// written, whatever the file holds; with it, a newer or broken file is never written.
    pub fn writable(self) -> std::result::Result<Writable, NotWritable> {
        let lock = match self.lock {
            LockOutcome::Held(lock) => lock,
            LockOutcome::Busy => return Err(NotWritable::Busy),
            LockOutcome::Unavailable(err) if super::lock_is_link(&err) => {
                return Err(NotWritable::LockIsLink);
            }
            LockOutcome::Unavailable(err) => return Err(NotWritable::NoLock(err)),
        };
        let assessment = match self.read {
            ReadOutcome::Missing => None,
            ReadOutcome::Loaded(assessment) => Some(assessment),
            ReadOutcome::Newer { found, .. } => return Err(NotWritable::Newer { found }),
            ReadOutcome::Unreadable(problem) => return Err(NotWritable::Unreadable(problem)),
        };
        Ok(Writable {
            lock,
            assessment,
            known: self.known,
        })
    }
}

/// [`open`] and [`Opening::writable`] in one: for a command that writes and then ends.
pub fn open_writable(
    path: &Path,
    name: &str,
    top: u8,
) -> Result<std::result::Result<Writable, NotWritable>> {
    Ok(open(path, name, top)?.writable())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use rolefit_core::{Level, Rating};
    use std::fs;

    const TOP: u8 = 5;

    fn saved(path: &Path) -> Assessment {
        let fw = crate::framework::builtin();
        let mut assessment = Assessment::new("default", &fw, crate::clock::now_utc());
        assessment.set_rating(&"DP1".into(), Some(Rating::Level(Level::new(3).unwrap())));
        super::super::save_assessment(path, &assessment).unwrap();
        assessment
    }

    #[test]
    fn a_missing_file_opens_writable_with_no_assessment_and_its_folder_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/assessments/default.toml");
        let writable = open_writable(&path, "default", TOP).unwrap().unwrap();
        assert!(writable.assessment.is_none());
        assert!(writable.known.is_none());
        assert!(dir.path().join("data/assessments/default.lock").exists());
        assert!(!path.exists());
    }

    #[test]
    fn a_saved_file_opens_writable_with_what_it_held() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        let before = saved(&path);
        let writable = open_writable(&path, "default", TOP).unwrap().unwrap();
        let assessment = writable.assessment.unwrap();
        assert_eq!(
            assessment.rating(&"DP1".into()),
            before.rating(&"DP1".into())
        );
        assert!(writable.known.is_some());
    }

    #[test]
    fn a_lock_held_elsewhere_is_busy_and_the_file_is_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        saved(&path);
        let _held = open_writable(&path, "default", TOP).unwrap().unwrap();
        let opening = open(&path, "default", TOP).unwrap();
        assert!(matches!(opening.read, ReadOutcome::Loaded(_)));
        assert!(matches!(opening.writable(), Err(NotWritable::Busy)));
    }

    #[test]
    fn a_lock_file_that_is_a_link_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        saved(&path);
        std::os::unix::fs::symlink(
            dir.path().join("nowhere/x"),
            dir.path().join("default.lock"),
        )
        .unwrap();
        let outcome = open_writable(&path, "default", TOP).unwrap();
        assert!(
            matches!(outcome, Err(NotWritable::LockIsLink)),
            "{outcome:?}"
        );
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn a_lock_that_cannot_be_taken_refuses_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        saved(&path);
        fs::create_dir(dir.path().join("default.lock")).unwrap();
        let outcome = open_writable(&path, "default", TOP).unwrap();
        let Err(NotWritable::NoLock(err)) = outcome else {
            panic!("written without the lock: {outcome:?}");
        };
        assert!(!super::super::describe_io_error(&err).is_empty());
    }

    #[test]
    fn leftovers_are_removed_only_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        saved(&path);
        // What a save killed half-way leaves beside the file.
        let leftover = dir.path().join(".default.toml.rolefit-tmp.1.1");
        fs::write(&leftover, "half a save").unwrap();
        let held = open_writable(&path, "default", TOP).unwrap().unwrap();
        assert!(!leftover.exists(), "left behind under the lock");
        // While another writer holds the lock, its temp files are its own: never touched.
        fs::write(&leftover, "half a save").unwrap();
        let busy = open(&path, "default", TOP).unwrap();
        assert!(matches!(busy.lock, LockOutcome::Busy));
        assert!(leftover.exists(), "removed without the lock");
        drop(held);
    }

    #[test]
    fn a_newer_or_broken_file_is_not_writable_even_with_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        fs::write(&path, "format = 99\n").unwrap();
        let outcome = open_writable(&path, "default", TOP).unwrap();
        assert!(
            matches!(outcome, Err(NotWritable::Newer { found: 99, .. })),
            "{outcome:?}"
        );
        fs::write(&path, "this is = not [toml").unwrap();
        let outcome = open_writable(&path, "default", TOP).unwrap();
        assert!(
            matches!(outcome, Err(NotWritable::Unreadable(_))),
            "{outcome:?}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "this is = not [toml");
    }

    #[test]
    fn a_level_above_the_scale_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        saved(&path);
        let outcome = open_writable(&path, "default", 2).unwrap();
        assert!(
            matches!(outcome, Err(NotWritable::Unreadable(_))),
            "{outcome:?}"
        );
    }
}
