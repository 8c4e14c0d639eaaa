//! The storage layer's one error type: each variant says which file or folder, what went
//! wrong, and what the user can do, and keeps the I/O error it came from.

use std::io;
use std::path::PathBuf;

/// A storage result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors from storage, each with what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `--data-dir`, no `ROLEFIT_DATA_DIR` and no platform data directory.
    #[error(
        "cannot find a home directory for rolefit's data; pass --data-dir DIR or set ROLEFIT_DATA_DIR"
    )]
    NoHome,
    /// The data directory is a file (or something else that is not a folder).
    #[error(
        "the data directory {} (from {from}) is {kind}, not a folder; point {} at a folder",
        rolefit_core::text::display_path(path),
        if *from == "--data-dir" { "--data-dir" } else { "ROLEFIT_DATA_DIR or --data-dir" }
    )]
    DataDirNotFolder {
        path: PathBuf,
        from: &'static str,
        kind: &'static str,
    },
    /// An assessment name that cannot be a file name in the data folder.
    #[error(
        "assessment name {name:?} must be 1-64 letters, digits, '-', '_' or '.', not starting with '.', and at most {} bytes in UTF-8 (so that the file names made from it fit), or a person's name such as \"Sam Taylor\" (the file sam-taylor.toml)",
        super::paths::NAME_MAX_BYTES
    )]
    BadName { name: String },
    /// The folder for an assessment or a report cannot be created.
    #[error("cannot create the folder {}: {source}; choose another with --data-dir", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The assessments folder exists but cannot be listed.
    #[error("cannot read {}: {source}", path.display())]
    ReadDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// An unreadable assessment could not be renamed out of the way.
    #[error("cannot move {} aside: {source}; move or delete it yourself, then start rolefit again", path.display())]
    MoveAside {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A report file could not be written; shown after "Could not write the report: ".
    #[error("{}: {}", path.display(), describe_io_error(source))]
    WriteReport {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A store that has nowhere to put reports.
    #[error("reports cannot be written here")]
    NoReports,
    /// A store opened only to look: it moves nothing aside.
    #[error("the file is open read-only, so nothing is moved aside")]
    ReadOnly,
}

/// Says in a few words why a save failed.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::StorageFull => "disk full".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        io::ErrorKind::NotFound => "the folder is gone".into(),
        io::ErrorKind::QuotaExceeded => "disk quota exceeded".into(),
        _ => err.to_string(),
    }
}
