//! The command line: parsing (clap, in `args`), the commands, and the TUI start-up (`start`),
//! split into a testable `prepare` and the terminal-owning `launch`.

mod args;
mod error;
mod start;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::domain::framework::BUILTIN_TOML;
use crate::domain::{Assessment, Framework};
use crate::storage::{self, DataPaths, LockOutcome, ReadOutcome, paths};

pub use args::{Cli, Command, FrameworkCommand};
pub use error::{Error, Result};
pub use start::{Prepared, launch, prepare};

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
