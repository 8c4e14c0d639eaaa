//! rolefit's files, the only code that touches the disk: the framework reader (format 2 as
//! written, format 1 through a small adapter, one validator), the assessment codec, review
//! files, paths, loading with clear errors, atomic saves, the single-writer lock, the writer
//! thread, the team's files and the clock.

pub mod atomic;
pub mod clock;
pub mod codec;
mod error;
pub mod framework;
pub mod framework_cache;
pub mod guarded;
pub mod keep;
mod lock;
pub mod note_file;
pub mod paths;
mod regular;
pub mod review;
pub mod session;
pub mod team;
pub mod toml_value;
pub mod writer;

use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use rolefit_core::Assessment;
use rolefit_core::framework::line_column;

pub use codec::ParseError;
pub use error::{Error, Result, describe_io_error};
pub use lock::{AssessmentLock, LockIsLink, LockOutcome, lock, lock_is_link, lock_soon};
pub use paths::DataPaths;
pub use regular::{MAX_FILE_BYTES, ReadError, file_kind, read_regular};

/// Why a file on disk is unusable; shown to the user with its path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}{reason}", path.display(), place(*line))]
pub struct Unreadable {
    pub path: PathBuf,
    /// 1-based, when the problem has a place in the text.
    pub line: Option<(usize, usize)>,
    pub reason: String,
}

impl Unreadable {
    /// The problem without the path: "line L, column C: reason".
    pub fn problem(&self) -> String {
        format!("{}{}", place(self.line), self.reason)
    }
}

/// "line L, column C: " before the reason, when the problem has a place.
fn place(line: Option<(usize, usize)>) -> String {
    line.map_or_else(String::new, |(line, column)| {
        format!("line {line}, column {column}: ")
    })
}

/// What reading an assessment file found.
#[derive(Debug)]
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

/// Reads an assessment file of the built-in framework (levels up to its scale's top,
/// [`crate::framework::builtin_top`]), classifying every way it can fail.
pub fn read_assessment(path: &Path, name: &str) -> ReadOutcome {
    read_assessment_up_to(path, name, crate::framework::builtin_top())
}

/// [`read_assessment`] for a framework whose scale reaches `top`.
pub fn read_assessment_up_to(path: &Path, name: &str, top: u8) -> ReadOutcome {
    // Without what a guarded save needs (a copy of the assessment): the team view reads
    // thousands of files this way.
    match read_assessment_bytes(path) {
        Ok(bytes) => parse_assessment_bytes(path, &bytes, name, top),
        Err(outcome) => *outcome,
    }
}

/// [`read_assessment_up_to`] for looking only: the assessment without the keys this version
/// does not know (see [`codec::parse_for_reading`]), for reading many files (the team view).
/// The same outcome for every file otherwise.
pub fn read_assessment_to_look(path: &Path, name: &str, top: u8) -> ReadOutcome {
    match read_assessment_bytes(path) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => match codec::parse_for_reading(text, name, top) {
                Ok(assessment) => ReadOutcome::Loaded(assessment),
                Err(_) => parse_assessment_bytes(path, &bytes, name, top),
            },
            Err(_) => parse_assessment_bytes(path, &bytes, name, top),
        },
        Err(outcome) => *outcome,
    }
}

/// [`read_assessment_up_to`], and for a file that loads, what it held, so that a later save
/// can tell whether another program changed it meanwhile (see [`guarded`]).
pub fn read_assessment_known(
    path: &Path,
    name: &str,
    top: u8,
) -> (ReadOutcome, Option<guarded::Known>) {
    let bytes = match read_assessment_bytes(path) {
        Ok(bytes) => bytes,
        Err(outcome) => return (*outcome, None),
    };
    let outcome = parse_assessment_bytes(path, &bytes, name, top);
    let known = match &outcome {
        ReadOutcome::Loaded(assessment) => Some(guarded::Known::new(&bytes, assessment.clone())),
        _ => None,
    };
    (outcome, known)
}

/// The bytes of an assessment file, or what makes it missing or unreadable.
fn read_assessment_bytes(path: &Path) -> std::result::Result<Vec<u8>, Box<ReadOutcome>> {
    let outcome = |outcome| Err(Box::new(outcome));
    match read_regular(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::NotRegular {
            kind: "a folder", ..
        }) => outcome(unreadable(path, None, "it is a folder, not a file")),
        Err(ReadError::NotRegular { kind, .. }) => outcome(unreadable(
            path,
            None,
            &format!("it is {kind}, not a regular file; rolefit reads only regular files"),
        )),
        Err(err @ ReadError::TooLarge { .. }) => {
            outcome(unreadable(path, None, &format!("it {}", err.reason())))
        }
        Err(ReadError::Io { source: err, .. }) if err.kind() == ErrorKind::NotFound => {
            // A dangling symlink is not "missing": writing would replace the link.
            if fs::symlink_metadata(path).is_ok() {
                return outcome(unreadable(
                    path,
                    None,
                    "it is a link to a file that does not exist",
                ));
            }
            outcome(ReadOutcome::Missing)
        }
        Err(ReadError::Io { .. }) if path.is_dir() => {
            outcome(unreadable(path, None, "it is a folder, not a file"))
        }
        Err(ReadError::Io { source: err, .. }) => {
            outcome(unreadable(path, None, &format!("cannot read it: {err}")))
        }
    }
}

/// An assessment from the bytes of its file.
fn parse_assessment_bytes(path: &Path, bytes: &[u8], name: &str, top: u8) -> ReadOutcome {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let prefix = String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned();
            let position = line_column(&prefix, prefix.len());
            return unreadable(path, Some(position), "it is not UTF-8 text");
        }
    };
    match codec::parse_up_to(text, name, top) {
        Ok(assessment) => ReadOutcome::Loaded(assessment),
        Err(ParseError::NewerFormat { found }) => ReadOutcome::Newer {
            found,
            assessment: codec::parse_newer(text, name),
        },
        Err(ParseError::Invalid {
            line,
            column,
            reason,
        }) => unreadable(path, Some((line, column)), &reason),
    }
}

/// Where `path` is, without symlinks or `..`: the canonical path of an existing file, else the
/// canonical folder and the file name. None when its folder does not exist either.
pub fn canonical_location(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Some(real);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// Whether two paths name the same file: the same device and inode when both exist, else the
/// same canonical location.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
        use std::os::unix::fs::MetadataExt;
        return (x.dev(), x.ino()) == (y.dev(), y.ino());
    }
    match (canonical_location(a), canonical_location(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
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

/// Creates the folder an assessment file or a report lives in, and any folder above it that is
/// missing, each readable by its owner only (0700) whatever the umask.
pub fn ensure_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            create_private_dirs(dir).map_err(|source| Error::CreateDir {
                path: dir.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// `create_dir_all` with mode 0700 on every folder it creates, whatever the umask; folders that
/// exist are left as they are.
pub fn create_private_dirs(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dirs(parent)?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Ok(()) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
            }
            Ok(())
        }
        Err(err) if err.kind() == ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(err) => Err(err),
    }
}

/// Saves an assessment atomically, keeping the comments a person wrote in the file.
pub fn save_assessment(path: &Path, assessment: &Assessment) -> io::Result<()> {
    atomic::write_atomic(path, file_text(path, assessment).as_bytes())
}

/// The text that saves `assessment` to `path`: as the codec writes it, laid over the file
/// there now so that the comments and blank lines a person added stay
/// ([`keep::keep_comments`]); the codec's text alone where there is no readable file.
pub fn file_text(path: &Path, assessment: &Assessment) -> String {
    text_over(
        read_regular(path, MAX_FILE_BYTES).ok().as_deref(),
        assessment,
    )
}

/// The text that saves `assessment` over a file that holds `old` (None: no file, or none that
/// can be read): see [`file_text`].
pub fn text_over(old: Option<&[u8]>, assessment: &Assessment) -> String {
    let new = codec::to_toml(assessment);
    let Some(Ok(old)) = old.map(std::str::from_utf8) else {
        return new;
    };
    // The first line is rolefit's, as it says now; the rest of the file's own words stay.
    let old = [codec::FILE_HEADER, codec::OLD_FILE_HEADER]
        .iter()
        .find_map(|header| old.strip_prefix(header))
        .unwrap_or(old);
    let kept = keep::keep_comments(old, &new);
    if kept.starts_with(codec::FILE_HEADER) {
        kept
    } else {
        format!("{}{kept}", codec::FILE_HEADER)
    }
}

/// One line of `rolefit list`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub name: String,
    pub summary: String,
}

/// Every assessment in the data folder, by name, with `summary` of each that can be read (and
/// its path), or its problem. Each is first read allowing any level a scale may use, since each
/// may have its own framework, which `summary` finds and whose scale it checks; one that cannot
/// be read even so is read again against `fallback_top`, the scale it would be read against
/// without a framework of its own, so its problem is worded as the other commands word it.
pub fn list_assessments_with(
    paths: &DataPaths,
    fallback_top: u8,
    mut summary: impl FnMut(&Path, &Assessment) -> String,
) -> Result<Vec<Listing>> {
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
        if name.starts_with('.') || name.contains(".corrupt-") || name.contains(".conflict-") {
            continue;
        }
        let unreadable = |u: Unreadable| format!("unreadable: {}", u.problem());
        let summary = match read_assessment_up_to(&path, name, rolefit_core::Level::TOP) {
            ReadOutcome::Loaded(a) => summary(&path, &a),
            ReadOutcome::Newer { found, .. } => {
                format!("format {found}, newer than this rolefit (read-only)")
            }
            ReadOutcome::Unreadable(u) => match read_assessment_up_to(&path, name, fallback_top) {
                ReadOutcome::Unreadable(again) => unreadable(again),
                _ => unreadable(u),
            },
            ReadOutcome::Missing => continue,
        };
        // A version kept beside the file when another program changed it at the same time
        // (see `guarded`): said on the row until the user deals with it.
        let summary = match guarded::conflict_copies(&path).as_slice() {
            [] => summary,
            [one] => format!(
                "{summary}; a conflict copy is beside it: {}",
                one.file_name().unwrap_or_default().to_string_lossy()
            ),
            [.., last] => format!(
                "{summary}; conflict copies are beside it, the newest {}",
                last.file_name().unwrap_or_default().to_string_lossy()
            ),
        };
        out.push(Listing {
            name: name.to_string(),
            summary,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[cfg(all(test, unix))]
mod tests;
