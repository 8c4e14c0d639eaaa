//! The only code that touches the disk: paths, loading with clear errors, atomic saves, the
//! single-writer lock.

pub mod atomic;
pub mod codec;
mod error;
pub mod paths;

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use crate::domain::framework::line_column;
use crate::domain::{Assessment, Framework};

pub use codec::ParseError;
pub use error::{Error, Result, describe_io_error};
pub use paths::DataPaths;

/// Why a file on disk is unusable; shown to the user with its path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}{reason}", path.display(), place(*line))]
pub struct Unreadable {
    pub path: PathBuf,
    /// 1-based, when the problem has a place in the text.
    pub line: Option<(usize, usize)>,
    pub reason: String,
}

/// "line L, column C: " before the reason, when the problem has a place.
fn place(line: Option<(usize, usize)>) -> String {
    line.map_or_else(String::new, |(line, column)| {
        format!("line {line}, column {column}: ")
    })
}

/// The lock that makes one rolefit the only writer of an assessment. Released by the OS when
/// the process ends, however it ends.
#[derive(Debug)]
pub struct AssessmentLock {
    _file: File,
}

/// Result of trying to take the lock.
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

/// Takes the lock for an assessment file without waiting.
pub fn lock(file: &Path) -> LockOutcome {
    let path = paths::lock_path(&atomic::resolve_target(file));
    let opened = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path);
    match opened {
        Err(err) => LockOutcome::Unavailable(err),
        Ok(file) => match file.try_lock() {
            Ok(()) => LockOutcome::Held(AssessmentLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => LockOutcome::Busy,
            Err(fs::TryLockError::Error(err)) => LockOutcome::Unavailable(err),
        },
    }
}

/// What reading an assessment file found.
pub enum ReadOutcome {
    /// No file yet.
    Missing,
    Loaded(Assessment),
    /// Written by a newer rolefit; shown read-only, never written.
    Newer {
        found: i64,
        assessment: Option<Assessment>,
    },
    /// Broken; never overwritten.
    Unreadable(Unreadable),
}

/// Reads an assessment file, classifying every way it can fail.
pub fn read_assessment(path: &Path, name: &str) -> ReadOutcome {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == ErrorKind::NotFound => {
            // A dangling symlink is not "missing": writing would replace the link.
            if fs::symlink_metadata(path).is_ok() {
                return unreadable(path, None, "it is a link to a file that does not exist");
            }
            return ReadOutcome::Missing;
        }
        Err(err) if path.is_dir() => {
            let _ = err;
            return unreadable(path, None, "it is a folder, not a file");
        }
        Err(err) => return unreadable(path, None, &format!("cannot read it: {err}")),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            let position = line_column(&prefix, prefix.len());
            return unreadable(path, Some(position), "it is not UTF-8 text");
        }
    };
    match codec::parse(&text, name) {
        Ok(assessment) => ReadOutcome::Loaded(assessment),
        Err(ParseError::NewerFormat { found }) => ReadOutcome::Newer {
            found,
            assessment: codec::parse_newer(&text, name),
        },
        Err(ParseError::Invalid {
            line,
            column,
            reason,
        }) => unreadable(path, Some((line, column)), &reason),
    }
}

fn unreadable(path: &Path, line: Option<(usize, usize)>, reason: &str) -> ReadOutcome {
    ReadOutcome::Unreadable(Unreadable {
        path: path.to_path_buf(),
        line,
        reason: reason.to_string(),
    })
}

/// Moves a broken file to `NAME.corrupt-TIMESTAMP.toml` beside it; returns the new path.
pub fn move_aside(path: &Path) -> Result<PathBuf> {
    let stem = paths::stem(path);
    let stamp = crate::clock::file_stamp();
    let mut target = path.with_file_name(format!("{stem}.corrupt-{stamp}.toml"));
    let mut n = 1;
    while fs::symlink_metadata(&target).is_ok() {
        target = path.with_file_name(format!("{stem}.corrupt-{stamp}-{n}.toml"));
        n += 1;
    }
    fs::rename(path, &target).map_err(|source| Error::MoveAside {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(target)
}

/// Where a report of an assessment goes: `DATA_DIR/reports/NAME-TIMESTAMP.EXT` for an
/// assessment in the data folder, otherwise beside the assessment file.
pub fn report_path(assessment: &Path, extension: &str) -> PathBuf {
    let stem = paths::stem(assessment);
    let parent = assessment.parent().unwrap_or(Path::new("."));
    let folder = if parent.file_name().is_some_and(|n| n == "assessments") {
        parent.parent().unwrap_or(parent).join("reports")
    } else {
        parent.to_path_buf()
    };
    folder.join(format!("{stem}-{}.{extension}", crate::clock::file_stamp()))
}

/// Creates the folder an assessment file lives in.
pub fn ensure_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
                path: dir.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// Saves an assessment atomically.
pub fn save_assessment(path: &Path, assessment: &Assessment) -> io::Result<()> {
    atomic::write_atomic(path, codec::to_toml(assessment).as_bytes())
}

/// One line of `rolefit list`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub name: String,
    pub summary: String,
}

/// Every assessment in the data folder, by name, with its progress or its problem.
pub fn list_assessments(paths: &DataPaths, framework: &Framework) -> Result<Vec<Listing>> {
    let dir = paths.assessments_dir();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::ReadDir { path: dir, source }),
    };
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(name) = file_name.strip_suffix(".toml") else {
            continue;
        };
        if name.starts_with('.') || name.contains(".corrupt-") {
            continue;
        }
        let summary = match read_assessment(&path, name) {
            ReadOutcome::Loaded(a) => format!(
                "{}/{} rated, last change {}",
                a.rated_count(framework),
                framework.competencies.len(),
                a.updated
            ),
            ReadOutcome::Newer { found, .. } => {
                format!("format {found}, newer than this rolefit (read-only)")
            }
            ReadOutcome::Unreadable(u) => format!("unreadable: {}", u.reason),
            ReadOutcome::Missing => continue,
        };
        out.push(Listing {
            name: name.to_string(),
            summary,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
