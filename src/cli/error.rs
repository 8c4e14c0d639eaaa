//! The command line's one error type: every failure a command reports, with its context.

use std::io;
use std::path::PathBuf;

use crate::domain::Problem;
use crate::storage;

/// A command-line result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure to report: one sentence on stderr, exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// From the data folder or an assessment file's folder.
    #[error(transparent)]
    Storage(#[from] storage::Error),
    /// The configuration file cannot be used.
    #[error(transparent)]
    Config(#[from] super::config::ConfigError),
    /// The configuration file is not a regular file rolefit reads.
    #[error(transparent)]
    ConfigFile(#[from] super::config::LoadError),
    /// `config init` would replace an existing configuration file.
    #[error(
        "{} already exists; give --force to replace it, or check it with `rolefit config check`",
        crate::text::display_path(path)
    )]
    ConfigExists { path: PathBuf },
    /// The platform has no configuration directory.
    #[error("this system has no configuration directory (set HOME); give a file to check")]
    NoConfigDir,
    /// The configuration file could not be written.
    #[error(
        "cannot write {}: {}; nothing was changed",
        crate::text::display_path(path),
        storage::describe_io_error(source)
    )]
    WriteConfig {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A spreadsheet cannot be imported or exported; the sentence names the file and why.
    #[error("{0}")]
    Sheet(String),
    /// A spreadsheet's problems have been printed, one per line.
    #[error(
        "{} has {count} problem(s); nothing was written: fix them in the sheet (or map its headers with --map) and import again",
        crate::text::display_path(path)
    )]
    Import { path: PathBuf, count: usize },
    /// A person's name, role or team that cannot be used (`rolefit set`): a usage error.
    #[error("{0}")]
    BadPerson(#[from] crate::domain::person::PersonError),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
    /// A review file cannot be written, read, opened or imported; the sentence says why.
    #[error("{0}")]
    Review(String),
    /// A framework file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file given or recorded is not a regular file of a size rolefit reads (a FIFO, a
    /// device, a huge file); `advice` says what to give instead.
    #[error("{source}; {advice}")]
    Unusable {
        source: storage::ReadError,
        advice: &'static str,
    },
    /// A framework file is not text.
    #[error("{} is not UTF-8 text", path.display())]
    NotText {
        path: PathBuf,
        #[source]
        source: std::string::FromUtf8Error,
    },
    /// A framework file given with `--framework` does not validate.
    #[error(
        "the framework file {} has {count} problem(s), the first at {first}; run `rolefit framework check {}` to see them all",
        path.display(),
        path.display()
    )]
    Framework {
        path: PathBuf,
        count: usize,
        #[source]
        first: Problem,
    },
    /// The assessment a report needs does not exist.
    #[error("there is no assessment at {}; run rolefit to start one", path.display())]
    Missing { path: PathBuf },
    /// The assessment is in a format newer than this build reads.
    #[error("{} was written by a newer rolefit (format {found}); update rolefit to read it", path.display())]
    Newer { path: PathBuf, found: i64 },
    /// The assessment file is broken.
    #[error("cannot read {0}; fix the file, or open rolefit to move it aside")]
    Unreadable(#[source] storage::Unreadable),
    /// `export -o` names the assessment file itself.
    #[error("{} is the assessment itself; choose another file for the report", path.display())]
    ReportOverAssessment { path: PathBuf },
    /// `export -o` names a `.toml` file in the assessments folder: an assessment, now or later.
    #[error("{} is in the assessments folder {}, where reports would be taken for assessments; choose another file for the report", path.display(), folder.display())]
    ReportIntoAssessments { path: PathBuf, folder: PathBuf },
    /// `export -o` or `team -o` names the framework file in use or the one the assessment
    /// records.
    #[error(
        "{} is the framework file {whose}; choose another file for the report",
        crate::text::display_path(path)
    )]
    ReportOverFramework { path: PathBuf, whose: &'static str },
    /// `export -o` or `team -o` names a review file, which may hold a reviewer's ratings.
    #[error(
        "{} is a review file (it may hold a reviewer's ratings); choose another file for the report",
        crate::text::display_path(path)
    )]
    ReportOverReview { path: PathBuf },
    /// `export -o` or `team -o` names rolefit's configuration file.
    #[error(
        "{} is rolefit's configuration file; choose another file for the report",
        crate::text::display_path(path)
    )]
    ReportOverConfig { path: PathBuf },
    /// `export -o` names a lock file.
    #[error("{} is a lock file; choose another file for the report", path.display())]
    ReportOverLock { path: PathBuf },
    /// `export -o` names something that is not a regular file (a device, a FIFO, a folder).
    #[error("{} is {kind}, not a regular file; choose a file for the report", path.display())]
    ReportNotAFile { path: PathBuf, kind: &'static str },
    /// `export -o` names a file in a folder that is not there.
    #[error("the folder {} does not exist; create it or choose another place for the report", folder.display())]
    ReportFolderMissing { folder: PathBuf },
    /// `export -o` could not write its file.
    #[error("cannot write {}: {reason}", path.display())]
    WriteReport {
        path: PathBuf,
        reason: String,
        #[source]
        source: io::Error,
    },
    /// Another rolefit holds the assessment's lock.
    #[error(
        "{} is open in a running rolefit; close the round there (Results, key {}) or quit it first",
        path.display(),
        close_round_keys()
    )]
    Busy { path: PathBuf },
    /// `snapshot` could not save the closed round.
    #[error("cannot save {}: {}; nothing was changed", path.display(), storage::describe_io_error(source))]
    Save {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// `diff` without a round to compare from.
    #[error(
        "{name} has no closed rounds yet; close one with `rolefit snapshot` or on the Results screen (key {})",
        close_round_keys()
    )]
    NoRounds { name: String },
    /// `diff` names a round that is not there.
    #[error(
        "no round {reference:?} in {name}; use a number from 1 to {rounds}, a date, a label, \"last\" or \"now\""
    )]
    NoSuchRound {
        reference: String,
        name: String,
        rounds: usize,
    },
    /// The TUI was started without a terminal.
    #[error(
        "the full-screen assessment needs an interactive terminal; run rolefit directly in one, or use rolefit --plain to answer line by line (it reads piped input too)"
    )]
    NotATerminal,
    /// `rate` or `show` names a competency the framework does not have (a usage error).
    #[error(
        "there is no competency {id:?}; use an id from {first} to {last}, as `rolefit framework dump` lists them"
    )]
    UnknownCompetency {
        id: String,
        first: String,
        last: String,
    },
    /// `plan done`, `move` or `status` names an action the plan does not have (a usage error).
    #[error("{name} has no plan action {n}; `rolefit plan` lists the actions with their numbers")]
    UnknownAction { n: u32, name: String },
    /// `plan add` or `plan move` gives a date rolefit does not read (a usage error); the
    /// sentence says what to type.
    #[error("{0}")]
    BadDue(String),
    /// `plan add` gives no text (a usage error).
    #[error("an action needs its text, e.g. `rolefit plan add DP1 \"Shadow a PMO lead\"`")]
    EmptyAction,
    /// `rate` gives a level off the scale (a usage error); `levels` lists the scale's levels
    /// ("0, 1, 2, 3, 4 or 5").
    #[error("{given:?} is not a level; use {levels}, or na for not applicable")]
    BadLevel { given: String, levels: String },
    /// `rate` gives a level the competency is not defined at; `levels` lists its levels and
    /// "none" where the scale offers it ("2, 3, 4, none").
    #[error("{given:?} is not a level of {id}; use {levels}, or na for not applicable")]
    BadLevelOf {
        given: String,
        id: String,
        levels: String,
    },
    /// A command that writes found the assessment open in a running rolefit.
    #[error(
        "{} is open in a running rolefit; quit it first, then try again; nothing was changed",
        path.display()
    )]
    OpenElsewhere { path: PathBuf },
    /// A command that writes could not take the lock, so it does not write.
    #[error(
        "cannot create the lock file {}: {}; nothing was changed, since writing without it could overwrite another rolefit's ratings",
        storage::paths::lock_path(path).display(),
        storage::describe_io_error(source)
    )]
    NoLock {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A command that writes found a symbolic link where the lock file should be.
    #[error(
        "{} is a symbolic link, not a lock file; remove it, then try again; nothing was changed",
        crate::text::display_path(path)
    )]
    LockIsLink { path: PathBuf },
    /// The exit signals could not be watched.
    #[error("cannot watch for signals: {0}")]
    Signals(#[source] io::Error),
    /// The terminal's input and resizes could not be watched.
    #[error("cannot watch the terminal: {0}")]
    WatchTerminal(#[source] io::Error),
    /// Raw mode or the alternate screen could not be entered.
    #[error("cannot set up the terminal: {0}")]
    SetUpTerminal(#[source] io::Error),
    /// Drawing or reading the terminal failed while running.
    #[error("the terminal failed: {0}")]
    Terminal(#[source] io::Error),
    /// `ROLEFIT_THEME` holds something other than a theme.
    #[error("ROLEFIT_THEME is {value:?}; it takes auto, dark or light")]
    BadTheme { value: String },
    /// The assessment was made with a framework that is not at hand (its recorded file is
    /// missing or holds another framework), or another one was given with `--framework`.
    /// `reason` says which framework it needs and how to give it.
    #[error("{} {reason}; nothing was changed", path.display())]
    FrameworkNeeded {
        path: PathBuf,
        reason: super::commands::FrameworkNotAtHand,
    },
    /// The TUI quit with changes it could not save.
    #[error("quit with unsaved changes: {} could not be written", path.display())]
    Unsaved { path: PathBuf },
    /// `rolefit team` found nothing to read.
    #[error(transparent)]
    Team(#[from] crate::team::LoadError),
    /// `rolefit team` found files but could use none of them.
    #[error(
        "none of the {count} assessment file(s) could be used; each is listed above with the reason"
    )]
    NoTeam { count: usize },
    /// `rolefit team` without a terminal and without `--format`.
    #[error(
        "the team view needs an interactive terminal; run it in one, or write a report with --format markdown, html, csv, json or jsonl"
    )]
    TeamNotATerminal,
    /// `rolefit team --profile` names a profile the framework does not have (a usage error).
    #[error("there is no profile {id:?}; use one of: {known}")]
    UnknownProfile { id: String, known: String },
}

impl Error {
    /// The exit code: 2 for a usage error, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::UnknownCompetency { .. } | Error::BadLevel { .. } | Error::BadLevelOf { .. } => {
                2
            }
            Error::UnknownProfile { .. } | Error::BadPerson(_) => 2,
            Error::UnknownAction { .. } | Error::BadDue(_) | Error::EmptyAction => 2,
            _ => 1,
        }
    }

    /// Why a command that writes refuses an assessment it could not open for writing, in the
    /// words every such command uses. `Busy` is said by each command its own way; this is the
    /// sentence for those that have none of their own.
    pub fn not_writable(path: &std::path::Path, not: storage::session::NotWritable) -> Error {
        use storage::session::NotWritable;
        match not {
            NotWritable::Busy => Error::OpenElsewhere {
                path: path.to_path_buf(),
            },
            NotWritable::LockIsLink => Error::LockIsLink {
                path: storage::paths::lock_path(path),
            },
            NotWritable::NoLock(source) => Error::NoLock {
                path: path.to_path_buf(),
                source,
            },
            NotWritable::Newer { found } => Error::Newer {
                path: path.to_path_buf(),
                found,
            },
            NotWritable::Unreadable(problem) => Error::Unreadable(problem),
        }
    }
}

use crate::strings::close_round_keys;

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn a_failed_save_names_the_file_and_keeps_the_io_error() {
        let err = Error::Save {
            path: "a.toml".into(),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        assert_eq!(
            err.to_string(),
            "cannot save a.toml: disk full; nothing was changed"
        );
        let source = err.source().and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(
            source.map(io::Error::kind),
            Some(io::ErrorKind::StorageFull)
        );
    }

    #[test]
    fn storage_errors_pass_through_with_their_text_and_source() {
        let err = Error::from(storage::Error::CreateDir {
            path: "/data".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        });
        assert!(
            err.to_string()
                .starts_with("cannot create the folder /data: "),
            "{err}"
        );
        assert!(err.source().is_some_and(|s| s.is::<io::Error>()));
    }
}
