//! The single-writer lock: a file beside the assessment that one rolefit holds while it may
//! write it, released by the OS however the process ends.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::Path;

use crate::{atomic, paths};

/// The lock that makes one rolefit the only writer of an assessment. Released by the OS when
/// the process ends, however it ends.
#[derive(Debug)]
pub struct AssessmentLock {
    _file: File,
}

/// Result of trying to take the lock.
#[derive(Debug)]
pub enum LockOutcome {
    Held(AssessmentLock),
    /// Another running rolefit holds it.
    Busy,
    /// The lock file could not be created (e.g. read-only folder); carry on, saves will fail
    /// visibly.
    Unavailable(io::Error),
}

/// Takes the lock for an assessment file, waiting briefly if it is held: a rolefit that is just
/// quitting, or a process that has just forked, can hold it for a moment.
pub fn lock_soon(file: &Path) -> LockOutcome {
    const TRIES: u32 = 10;
    for _ in 1..TRIES {
        match lock(file) {
            LockOutcome::Busy => std::thread::sleep(std::time::Duration::from_millis(20)),
            other => return other,
        }
    }
    lock(file)
}

/// Takes the lock for an assessment file without waiting. The lock sits beside the path the user
/// gave: for a symlink, beside the link, never beside its target (which may be anywhere).
pub fn lock(file: &Path) -> LockOutcome {
    let path = paths::lock_path(file);
    match open_lock_file(&path) {
        Err(err) => LockOutcome::Unavailable(err),
        Ok(file) => match file.try_lock() {
            Ok(()) => LockOutcome::Held(AssessmentLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => LockOutcome::Busy,
            Err(fs::TryLockError::Error(err)) => LockOutcome::Unavailable(err),
        },
    }
}

/// Opens the lock file, creating it readable by its owner only whatever the umask.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut create = OpenOptions::new();
    create.create_new(true).read(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut create, atomic::NEW_FILE_MODE);
    match create.open(path) {
        Ok(file) => {
            set_private(&file)?;
            Ok(file)
        }
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {
            // Never through a symbolic link: it could point at any file.
            let mut open = OpenOptions::new();
            open.read(true).write(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::custom_flags(&mut open, libc::O_NOFOLLOW);
            open.open(path).map_err(|err| {
                let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
                if link {
                    io::Error::other(LockIsLink)
                } else {
                    err
                }
            })
        }
        Err(err) => Err(err),
    }
}

/// Why a lock could not be taken: the lock file is a symbolic link, which rolefit does not
/// follow. Carried in the [`LockOutcome::Unavailable`] error; see [`lock_is_link`].
#[derive(Debug, thiserror::Error)]
#[error("it is a symbolic link, not a lock file; remove it")]
pub struct LockIsLink;

/// Whether a lock was unavailable because the lock file is a symbolic link.
pub fn lock_is_link(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|inner| inner.is::<LockIsLink>())
}

/// Mode 0600 on a file rolefit has just created, whatever the umask left.
fn set_private(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(atomic::NEW_FILE_MODE))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}
