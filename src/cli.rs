//! The command line: parsing (clap) and the commands. The TUI start-up lives here too, split
//! into a testable `prepare` and the terminal-owning `launch`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::{Parser, Subcommand};

use crate::app::{App, Prompt, SaveStatus};
use crate::domain::framework::BUILTIN_TOML;
use crate::domain::{Assessment, Framework, Problem};
use crate::runtime::{self, FileStore, TerminalEvents};
use crate::storage::{self, DataPaths, LockOutcome, ReadOutcome, paths};
use crate::strings;

/// Am I a Project Manager, a PMO Manager, or both? A self-assessment in your terminal.
#[derive(Debug, Parser)]
#[command(name = "rolefit", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Which saved assessment to open
    #[arg(
        short,
        long,
        value_name = "NAME",
        default_value = "default",
        global = true,
        value_parser = assessment_name
    )]
    pub assessment: String,

    /// Use this assessment file instead of one in the data directory
    #[arg(long, value_name = "PATH", global = true)]
    pub file: Option<PathBuf>,

    /// Data directory [env: ROLEFIT_DATA_DIR]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Use a framework file instead of the built-in one
    #[arg(long, value_name = "PATH", global = true)]
    pub framework: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List saved assessments with progress and last change
    List,
    /// Work with framework files
    Framework {
        #[command(subcommand)]
        command: FrameworkCommand,
    },
    /// Show where data and config live
    Paths,
    /// Write a report of an assessment (to stdout unless -o is given)
    Export {
        /// markdown, json or csv
        #[arg(long, value_name = "FORMAT", default_value = "markdown")]
        format: crate::export::Format,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Close a round: keep today's ratings to compare with later
    Snapshot {
        /// A few words to recognise the round by, e.g. "before the secondment"
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
    },
    /// Show what changed between two rounds (default: the last round and now)
    Diff {
        /// Round to compare from: a number (1 = first), a date prefix, a label, "last" or "now"
        from: Option<String>,
        /// Round to compare to (same forms; default "now")
        to: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// Validate a framework file; every problem is reported with line and column
    Check {
        /// The framework file
        path: PathBuf,
    },
    /// Print the built-in framework (a start for your own)
    Dump,
}

/// Checks `--assessment` while parsing, so a bad name is a usage error (exit 2).
fn assessment_name(name: &str) -> storage::Result<String> {
    paths::check_name(name).map(|()| name.to_string())
}

/// A command-line result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure to report: one sentence on stderr, exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// From the data folder or an assessment file's folder.
    #[error(transparent)]
    Storage(#[from] storage::Error),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
    /// A framework file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
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
    /// `export -o` could not write its file.
    #[error("cannot write {}: {}", path.display(), storage::describe_io_error(source))]
    WriteReport {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Another rolefit holds the assessment's lock.
    #[error(
        "{} is open in a running rolefit; close the round there (Results, key c) or quit it first",
        path.display()
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
        "{name} has no closed rounds yet; close one with `rolefit snapshot` or on the Results screen (key c)"
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
    #[error("the assessment needs an interactive terminal; run rolefit directly in one")]
    NotATerminal,
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
    /// The TUI quit with changes it could not save.
    #[error("quit with unsaved changes: {} could not be written", path.display())]
    Unsaved { path: PathBuf },
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("rolefit: {}", usage_line(&err.to_string()));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("rolefit: {err}");
            ExitCode::from(1)
        }
    }
}

/// Clap's message as one line: its first line, without the "error: " prefix, plus a pointer
/// to --help.
fn usage_line(message: &str) -> String {
    let paragraph: Vec<&str> = message
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    let joined = paragraph.join(" ");
    let text = joined.strip_prefix("error: ").unwrap_or(&joined);
    let text = if text.is_empty() {
        "invalid usage"
    } else {
        text
    };
    format!("{text} (see rolefit --help)")
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Some(Command::Framework {
            command: FrameworkCommand::Dump,
        }) => {
            print_stdout(BUILTIN_TOML)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Framework {
            command: FrameworkCommand::Check { path },
        }) => check_framework(path),
        Some(Command::Paths) => {
            let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
            let config = directories::ProjectDirs::from("", "", "rolefit")
                .map(|d| d.config_dir().display().to_string())
                .unwrap_or_else(|| "(none)".into());
            print_stdout(&format!(
                "data directory:  {} (from {})\nassessments:     {}\nconfig:          {} (not used yet)\n",
                paths.data_dir.display(),
                paths.source,
                paths.assessments_dir().display(),
                config
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List) => {
            let framework = load_framework(cli.framework.as_deref())?;
            let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
            let listings = storage::list_assessments(&paths, &framework)?;
            if listings.is_empty() {
                print_stdout(&format!(
                    "No saved assessments in {}. Run `rolefit` to start one.\n",
                    paths.assessments_dir().display()
                ))?;
            }
            let width = listings.iter().map(|l| l.name.len()).max().unwrap_or(0);
            let mut out = String::new();
            for l in listings {
                out.push_str(&format!("{:<width$}  {}\n", l.name, l.summary));
            }
            print_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { format, output }) => {
            let framework = load_framework(cli.framework.as_deref())?;
            let (path, name) = assessment_path(&cli)?;
            let assessment = read_existing(&path, &name)?;
            let report = crate::export::export(&framework, &assessment, *format);
            match output {
                None => print_stdout(&report)?,
                Some(out) => {
                    if storage::atomic::resolve_target(out)
                        == storage::atomic::resolve_target(&path)
                    {
                        return Err(Error::ReportOverAssessment { path: out.clone() });
                    }
                    storage::atomic::write_atomic(out, report.as_bytes()).map_err(|source| {
                        Error::WriteReport {
                            path: out.clone(),
                            source,
                        }
                    })?;
                    print_stdout(&format!("Wrote the {format} report to {}\n", out.display()))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Snapshot { label }) => {
            let framework = load_framework(cli.framework.as_deref())?;
            let (path, name) = assessment_path(&cli)?;
            let _lock = match storage::lock_soon(&path) {
                LockOutcome::Held(lock) => Some(lock),
                LockOutcome::Busy => return Err(Error::Busy { path }),
                LockOutcome::Unavailable(_) => None,
            };
            let mut assessment = read_existing(&path, &name)?;
            let round =
                assessment.close_round(crate::clock::now_utc(), label.as_deref().unwrap_or(""));
            storage::save_assessment(&path, &assessment).map_err(|source| Error::Save {
                path: path.clone(),
                source,
            })?;
            let snapshot = &assessment.history[round - 1];
            print_stdout(&format!(
                "Closed round {round} of {name}: {}, {}/{} rated\n",
                snapshot.title(),
                assessment.rated_count(&framework),
                framework.competencies.len()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Diff { from, to }) => {
            let framework = load_framework(cli.framework.as_deref())?;
            let (path, name) = assessment_path(&cli)?;
            let assessment = read_existing(&path, &name)?;
            if assessment.history.is_empty() && from.is_none() {
                return Err(Error::NoRounds { name });
            }
            let pick = |reference: &str| {
                crate::domain::diff::side(&assessment, reference).ok_or_else(|| {
                    Error::NoSuchRound {
                        reference: reference.to_string(),
                        name: name.clone(),
                        rounds: assessment.history.len(),
                    }
                })
            };
            let from = pick(from.as_deref().unwrap_or("last"))?;
            let to = pick(to.as_deref().unwrap_or("now"))?;
            let diff = crate::domain::diff::diff(&framework, &from.ratings, &to.ratings);
            print_stdout(&crate::domain::diff::to_text(
                &framework,
                &diff,
                &from.title,
                &to.title,
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let framework = load_framework(cli.framework.as_deref())?;
            let (path, name) = assessment_path(&cli)?;
            launch(framework, &path, &name)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (e.g. `| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Output),
    }
}

/// Where the assessment file is, and its name.
pub fn assessment_path(cli: &Cli) -> Result<(PathBuf, String)> {
    if let Some(file) = &cli.file {
        let name = paths::stem(file);
        return Ok((file.clone(), name));
    }
    paths::check_name(&cli.assessment)?;
    let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
    Ok((
        paths.assessment_file(&cli.assessment),
        cli.assessment.clone(),
    ))
}

/// An assessment that must already exist and be readable (for the commands that report on it).
pub fn read_existing(path: &Path, name: &str) -> Result<Assessment> {
    let path = path.to_path_buf();
    match storage::read_assessment(&path, name) {
        ReadOutcome::Loaded(assessment) => Ok(assessment),
        ReadOutcome::Missing => Err(Error::Missing { path }),
        ReadOutcome::Newer { found, .. } => Err(Error::Newer { path, found }),
        ReadOutcome::Unreadable(problem) => Err(Error::Unreadable(problem)),
    }
}

/// The built-in framework, or a validated one from a file.
pub fn load_framework(path: Option<&Path>) -> Result<Framework> {
    let Some(path) = path else {
        return Ok(Framework::builtin());
    };
    let text = read_text(path)?;
    Framework::from_toml(&text).map_err(|problems| Error::Framework {
        path: path.to_path_buf(),
        count: problems.len(),
        first: problems
            .into_iter()
            .next()
            .expect("an invalid framework has a problem"),
    })
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|source| Error::NotText {
        path: path.to_path_buf(),
        source,
    })
}

fn check_framework(path: &Path) -> Result<ExitCode> {
    let text = read_text(path)?;
    match Framework::from_toml(&text) {
        Ok(fw) => {
            print_stdout(&format!(
                "{}: OK — \"{}\" with {} roles, {} profiles, {} areas, {} competencies\n",
                path.display(),
                fw.name,
                fw.roles.len(),
                fw.profiles.len(),
                fw.areas.len(),
                fw.competencies.len()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message);
            }
            eprintln!(
                "rolefit: {} has {} problem(s); fix them and run the check again",
                path.display(),
                problems.len()
            );
            Ok(ExitCode::from(1))
        }
    }
}

/// How the app starts, from what the assessment file held.
enum Start {
    FirstRun,
    Resumed,
    Newer(i64),
    Unreadable(storage::Unreadable),
}

/// Everything the TUI needs, read from disk, before the terminal is touched.
pub struct Prepared {
    pub app: App,
    pub store: FileStore,
}

/// Locks, cleans up, reads and classifies the assessment file, and builds the app with any
/// prompt the user must answer first.
pub fn prepare(framework: Framework, path: &Path, name: &str) -> Result<Prepared> {
    storage::ensure_parent(path)?;
    let (lock, busy, lock_warning) = match storage::lock_soon(path) {
        LockOutcome::Held(lock) => (Some(lock), false, None),
        LockOutcome::Busy => (None, true, None),
        LockOutcome::Unavailable(err) => (
            None,
            false,
            Some(format!(
                "Could not create the lock file beside {} ({}); saving may fail.",
                path.display(),
                runtime::describe_io_error(&err)
            )),
        ),
    };
    if lock.is_some() {
        storage::atomic::remove_leftovers(path);
    }
    let now = crate::clock::now_utc();
    // What the file holds decides the assessment and how the app starts; the framework is
    // moved into the app once, not copied.
    let fresh = |framework: &Framework| Assessment::new(name, framework, now);
    let (assessment, start): (Assessment, Start) = match storage::read_assessment(path, name) {
        ReadOutcome::Missing => (fresh(&framework), Start::FirstRun),
        ReadOutcome::Loaded(assessment) => (assessment, Start::Resumed),
        ReadOutcome::Newer { found, assessment } => (
            // Show what this version can read of it; never write it.
            assessment.unwrap_or_else(|| fresh(&framework)),
            Start::Newer(found),
        ),
        ReadOutcome::Unreadable(problem) => (fresh(&framework), Start::Unreadable(problem)),
    };
    let mut app = App::new(framework, assessment);
    match start {
        Start::FirstRun => app = app.first_run(),
        Start::Resumed => {
            let (rated, total) = app.progress();
            let unknown: Vec<String> = app
                .assessment
                .unknown_ids(&app.framework)
                .into_iter()
                .map(|id| id.0)
                .collect();
            app.notice = Some(if unknown.is_empty() {
                strings::resumed(rated, total)
            } else {
                format!(
                    "{} · {}",
                    strings::resumed(rated, total),
                    strings::unknown_ids(&unknown)
                )
            });
        }
        Start::Newer(found) => {
            app.read_only = true;
            app.save = SaveStatus::ReadOnly("Read-only: newer file format".into());
            app.notice = Some(format!(
                "Format {found} file left untouched; update rolefit to edit it."
            ));
        }
        Start::Unreadable(problem) => {
            if !busy {
                app.prompt = Some(Prompt::Unreadable(problem));
            }
        }
    }
    if busy {
        app.prompt = Some(Prompt::Locked);
    } else if let Some(warning) = lock_warning {
        app.notice = Some(warning);
    }
    app.color = crate::ui::theme::color_from_env();
    Ok(Prepared {
        app,
        store: FileStore {
            path: path.to_path_buf(),
            lock,
        },
    })
}

/// Raw mode and the alternate screen, with a panic hook that puts the terminal back first.
///
/// ratatui's own `init`/`restore` print their failures with `eprintln!`, which panics when the
/// terminal has gone away (its window closed), turning a clean exit into an abort; these helpers
/// ignore failures to restore a terminal that no longer exists.
fn enter_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::{execute, terminal};
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::try_restore();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    if let Err(err) = execute!(std::io::stdout(), terminal::EnterAlternateScreen) {
        let _ = ratatui::try_restore();
        return Err(err);
    }
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

/// Leaves raw mode and the alternate screen, ignoring a terminal that is gone.
fn leave_terminal(mut terminal: ratatui::DefaultTerminal) {
    let _ = terminal.show_cursor();
    let _ = ratatui::try_restore();
    // Dropping the terminal would report a failure to show the cursor with `eprintln!`.
    std::mem::forget(terminal);
}

/// Runs the TUI on a real terminal.
pub fn launch(framework: Framework, path: &Path, name: &str) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let Prepared { mut app, mut store } = prepare(framework, path, name)?;
    let stop = Arc::new(AtomicBool::new(false));
    let exit_signals = [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ];
    for signal in exit_signals {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(Error::Signals)?;
    }
    let mut wake_on = exit_signals.to_vec();
    wake_on.push(signal_hook::consts::SIGWINCH);
    let mut events = TerminalEvents::new(&wake_on).map_err(Error::WatchTerminal)?;
    let mut terminal = enter_terminal().map_err(Error::SetUpTerminal)?;
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    let result = runtime::run(&mut terminal, &mut app, &mut events, &mut store, &stop);
    leave_terminal(terminal);
    result.map_err(Error::Terminal)?;
    if app.dirty && !app.read_only {
        return Err(Error::Unsaved {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}
