//! One function per subcommand, and the helpers they share. Each reads what it needs, prints
//! its result on stdout, and leaves failures to the caller as an [`Error`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Cli, Error, Result};
use crate::domain::framework::BUILTIN_TOML;
use crate::domain::{Assessment, Framework};
use crate::export::Format;
use crate::storage::{self, DataPaths, LockOutcome, ReadOutcome, paths};

/// `rolefit list`: every saved assessment with its progress or its problem.
pub fn list(cli: &Cli) -> Result<ExitCode> {
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

/// `rolefit export`: a report on stdout, or in the file `output`.
pub fn export(cli: &Cli, format: Format, output: Option<&Path>) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let assessment = read_existing(&path, &name)?;
    let report = crate::export::export(&framework, &assessment, format);
    match output {
        None => print_stdout(&report)?,
        Some(out) => {
            if storage::atomic::resolve_target(out) == storage::atomic::resolve_target(&path) {
                return Err(Error::ReportOverAssessment {
                    path: out.to_path_buf(),
                });
            }
            storage::atomic::write_atomic(out, report.as_bytes()).map_err(|source| {
                Error::WriteReport {
                    path: out.to_path_buf(),
                    source,
                }
            })?;
            print_stdout(&format!("Wrote the {format} report to {}\n", out.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `rolefit snapshot`: closes a round, unless a running rolefit has the assessment open.
pub fn snapshot(cli: &Cli, label: Option<&str>) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let _lock = match storage::lock_soon(&path) {
        LockOutcome::Held(lock) => Some(lock),
        LockOutcome::Busy => return Err(Error::Busy { path }),
        LockOutcome::Unavailable(_) => None,
    };
    let mut assessment = read_existing(&path, &name)?;
    let round = assessment.close_round(crate::clock::now_utc(), label.unwrap_or(""));
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

/// `rolefit diff`: what changed between two rounds, by default the last one and now.
pub fn diff(cli: &Cli, from: Option<&str>, to: Option<&str>) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let assessment = read_existing(&path, &name)?;
    if assessment.history.is_empty() && from.is_none() {
        return Err(Error::NoRounds { name });
    }
    let pick = |reference: &str| {
        crate::domain::diff::side(&assessment, reference).ok_or_else(|| Error::NoSuchRound {
            reference: reference.to_string(),
            name: name.clone(),
            rounds: assessment.history.len(),
        })
    };
    let from = pick(from.unwrap_or("last"))?;
    let to = pick(to.unwrap_or("now"))?;
    let diff = crate::domain::diff::diff(&framework, &from.ratings, &to.ratings);
    print_stdout(&crate::domain::diff::to_text(
        &framework,
        &diff,
        &from.title,
        &to.title,
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit framework check`: every problem of a framework file, with line and column; exit
/// code 1 when there are any.
pub fn framework_check(path: &Path) -> Result<ExitCode> {
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

/// `rolefit framework dump`: the built-in framework as TOML.
pub fn framework_dump() -> Result<ExitCode> {
    print_stdout(BUILTIN_TOML)?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit paths`: where data and config live, and where that setting came from.
pub fn paths(cli: &Cli) -> Result<ExitCode> {
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

/// Writes to stdout; a reader that has gone away is not an error.
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
    match storage::read_assessment(path, name) {
        ReadOutcome::Loaded(assessment) => Ok(assessment),
        ReadOutcome::Missing => Err(Error::Missing {
            path: path.to_path_buf(),
        }),
        ReadOutcome::Newer { found, .. } => Err(Error::Newer {
            path: path.to_path_buf(),
            found,
        }),
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

/// A framework file's text.
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
