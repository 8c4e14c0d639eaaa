//! One function per subcommand, and the helpers they share. Each reads what it needs, prints
//! its result on stdout, and leaves failures to the caller as an [`Error`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, Error, Result, config};
use crate::domain::framework::BUILTIN_TOML;
use crate::domain::{Assessment, Framework};
use crate::export::Format;
use crate::storage::{self, DataPaths, LockOutcome, ReadOutcome, paths};
use crate::text::{display_path, display_safe, display_safe_lines};

/// `rolefit list`: every saved assessment with its progress or its problem.
pub fn list(cli: &Cli) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
    paths.check()?;
    let listings = storage::list_assessments(&paths, &framework)?;
    if listings.is_empty() {
        print_stdout(&format!(
            "No saved assessments in {}. Run `rolefit` to start one.\n",
            display_path(&paths.assessments_dir())
        ))?;
    }
    // Names and problems come from the disk: escaped, so a crafted name cannot drive the
    // terminal.
    let rows: Vec<(String, String)> = listings
        .into_iter()
        .map(|l| (display_safe(&l.name), display_safe(&l.summary)))
        .collect();
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (name, summary) in rows {
        out.push_str(&format!("{name:<width$}  {summary}\n"));
    }
    print_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit export`: a report on stdout, or in the file `output`.
pub fn export(cli: &Cli, format: Format, output: Option<&Path>) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let assessment = read_existing_for(&framework, &path, &name)?;
    let report = crate::export::export(&framework, &assessment, format);
    match output {
        None => print_stdout(&report)?,
        Some(out) => {
            let assessments = match &cli.file {
                Some(_) => DataPaths::resolve(cli.data_dir.as_deref())
                    .ok()
                    .map(|p| p.assessments_dir()),
                None => path.parent().map(Path::to_path_buf),
            };
            let folder = check_report_target(out, &path, assessments.as_deref())?;
            storage::atomic::write_atomic(out, report.as_bytes()).map_err(|source| {
                Error::WriteReport {
                    path: out.to_path_buf(),
                    reason: describe_write_error(&source, &folder),
                    source,
                }
            })?;
            print_stdout(&format!(
                "Wrote the {format} report to {}\n",
                display_path(out)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses a report path that would overwrite an assessment (the one reported on, any `.toml` in
/// the assessments folder) or a lock file, however the path is spelled (relative, absolute,
/// through a symlinked folder), and one that exists but is not a regular file. Returns the
/// folder the report goes in, which exists.
fn check_report_target(
    out: &Path,
    assessment: &Path,
    assessments: Option<&Path>,
) -> Result<PathBuf> {
    let over_assessment = || Error::ReportOverAssessment {
        path: out.to_path_buf(),
    };
    let folder = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match std::fs::metadata(&folder) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(Error::ReportFolderMissing { folder }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::ReportFolderMissing { folder });
        }
        Err(_) => {}
    }
    if let Ok(meta) = std::fs::metadata(out)
        && !meta.is_file()
    {
        return Err(Error::ReportNotAFile {
            path: out.to_path_buf(),
            kind: storage::file_kind(&meta),
        });
    }
    let location = storage::canonical_location(out);
    let is_lock = |p: &Path| p.extension().is_some_and(|e| e == "lock");
    if is_lock(out) || location.as_deref().is_some_and(is_lock) {
        return Err(Error::ReportOverLock {
            path: out.to_path_buf(),
        });
    }
    if storage::same_file(out, assessment) {
        return Err(over_assessment());
    }
    if let (Some(location), Some(folder)) = (location, assessments)
        && location.extension().is_some_and(|e| e == "toml")
        && std::fs::canonicalize(folder).is_ok_and(|dir| location.parent() == Some(dir.as_path()))
    {
        return Err(Error::ReportIntoAssessments {
            path: out.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    Ok(folder)
}

/// Why writing a report into `folder` failed, in words.
fn describe_write_error(err: &std::io::Error, folder: &Path) -> String {
    let folder = display_path(folder);
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            format!("the folder {folder} does not accept new files")
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("permission denied to create a file in the folder {folder}")
        }
        std::io::ErrorKind::ReadOnlyFilesystem => {
            format!("the folder {folder} is on a read-only file system")
        }
        _ => storage::describe_io_error(err),
    }
}

/// `rolefit snapshot`: closes a round, unless a running rolefit has the assessment open.
pub fn snapshot(cli: &Cli, label: Option<&str>) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    // An assessment that is not there (or cannot be read) gets no lock file.
    read_existing_for(&framework, &path, &name)?;
    let lock_file = paths::lock_path(&path);
    let lock_was_there = std::fs::symlink_metadata(&lock_file).is_ok();
    let _lock = match storage::lock_soon(&path) {
        LockOutcome::Held(lock) => Some(lock),
        LockOutcome::Busy => return Err(Error::Busy { path }),
        LockOutcome::Unavailable(_) => None,
    };
    let mut assessment = match read_existing_for(&framework, &path, &name) {
        Ok(assessment) => assessment,
        Err(err) => {
            // Gone since the first look: take the lock file away with it.
            if matches!(err, Error::Missing { .. }) && !lock_was_there {
                let _ = std::fs::remove_file(&lock_file);
            }
            return Err(err);
        }
    };
    let round = assessment.close_round(crate::clock::now_utc(), label.unwrap_or(""));
    storage::save_assessment(&path, &assessment).map_err(|source| Error::Save {
        path: path.clone(),
        source,
    })?;
    let snapshot = &assessment.history[round - 1];
    print_stdout(&format!(
        "Closed round {round} of {}: {}, {}/{} answered\n",
        display_safe(&name),
        display_safe(&snapshot.title()),
        assessment.rated_count(&framework),
        framework.competencies.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit diff`: what changed between two rounds, by default the last one and now.
pub fn diff(cli: &Cli, from: Option<&str>, to: Option<&str>) -> Result<ExitCode> {
    let framework = load_framework(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let assessment = read_existing_for(&framework, &path, &name)?;
    if assessment.history.is_empty() {
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
    print_stdout(&display_safe_lines(&crate::domain::diff::to_text(
        &framework,
        &diff,
        &from.title,
        &to.title,
    )))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit framework check`: every problem of a framework file, with line and column; exit
/// code 1 when there are any.
pub fn framework_check(path: &Path) -> Result<ExitCode> {
    let text = read_text(path)?;
    match Framework::checked(&text) {
        Ok((fw, warnings)) => {
            for p in &warnings {
                eprintln!(
                    "{}:{}:{}: {}",
                    display_path(path),
                    p.line,
                    p.column,
                    display_safe(&p.message)
                );
            }
            print_stdout(&format!(
                "{}: OK — \"{}\" with {} roles, {} profiles, {} areas, {} competencies\n",
                display_path(path),
                display_safe(&fw.name),
                fw.roles.len(),
                fw.profiles.len(),
                fw.areas.len(),
                fw.competencies.len()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in &problems {
                eprintln!(
                    "{}:{}:{}: {}",
                    display_path(path),
                    p.line,
                    p.column,
                    display_safe(&p.message)
                );
            }
            eprintln!(
                "rolefit: {} has {} problem(s); fix them and run the check again",
                display_path(path),
                problems.len()
            );
            Ok(ExitCode::from(1))
        }
    }
}

/// `rolefit framework dump`: the built-in framework (or the file at `path`) as TOML, in its
/// own text (format 1) or written out in format 2.
pub fn framework_dump(format: u8, path: Option<&Path>) -> Result<ExitCode> {
    if format == 1 && path.is_none() {
        print_stdout(BUILTIN_TOML)?;
        return Ok(ExitCode::SUCCESS);
    }
    let framework = load_framework(path)?;
    if format == 1 {
        print_stdout(&read_text(path.unwrap_or(Path::new("")))?)?;
    } else {
        print_stdout(&crate::domain::format2::dump(&framework))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `rolefit paths`: where data and config live, and where that setting came from.
pub fn paths(cli: &Cli) -> Result<ExitCode> {
    let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
    let config = match super::config::path() {
        Some(path) if path.exists() => display_path(&path),
        Some(path) => format!(
            "{} (none yet; `rolefit config init` writes one)",
            display_path(&path)
        ),
        None => "(none)".into(),
    };
    print_stdout(&format!(
        "data directory:  {} (from {})\nassessments:     {}\nconfig:          {}\n",
        display_path(&paths.data_dir),
        paths.source,
        display_path(&paths.assessments_dir()),
        config
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit config init`: a commented configuration file with every default, written whole
/// (through a temporary file and a rename) and never over an existing one without `force`.
pub fn config_init(force: bool) -> Result<ExitCode> {
    let path = config::path().ok_or(Error::NoConfigDir)?;
    if !force && std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::ConfigExists { path });
    }
    let write_error = |source| Error::WriteConfig {
        path: path.clone(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(write_error)?;
    }
    storage::atomic::write_atomic(&path, config::default_file().as_bytes()).map_err(write_error)?;
    print_stdout(&format!("Wrote {}\n", display_path(&path)))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit config check`: "ok: PATH" (and any colour hard to read), or the first problem with
/// its line and column and exit code 1.
pub fn config_check(file: Option<&Path>) -> Result<ExitCode> {
    let path = match file {
        Some(file) => file.to_path_buf(),
        None => config::path().ok_or(Error::NoConfigDir)?,
    };
    if file.is_some() || path.exists() {
        // A file named on the command line must exist; the default one may be absent.
        if let Err(err) = std::fs::metadata(&path) {
            return Err(Error::Read { path, source: err });
        }
    }
    match config::load(&path) {
        Ok(config) => {
            for (line, column, message) in &config.warnings {
                eprintln!(
                    "{}:{line}:{column}: warning: {}",
                    display_path(&path),
                    display_safe(message)
                );
            }
            let note = if path.exists() {
                ""
            } else {
                " (no file: the defaults; `rolefit config init` writes one)"
            };
            print_stdout(&format!("ok: {}{note}\n", display_path(&path)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("{}", display_safe(&err.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}

/// `rolefit config path`: where rolefit reads its configuration.
pub fn config_path() -> Result<ExitCode> {
    let path = config::path().ok_or(Error::NoConfigDir)?;
    print_stdout(&format!("{}\n", display_path(&path)))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit completions SHELL`: the completion script, from the command-line definition.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rolefit", &mut script);
    print_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit man`: the manual page in roff, from the command-line definition.
pub fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(Error::Output)?;
    print_stdout(&String::from_utf8_lossy(&page))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that has gone away is not an error.
pub(super) fn print_stdout(text: &str) -> Result<()> {
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
    paths.check()?;
    Ok((
        paths.assessment_file(&cli.assessment),
        cli.assessment.clone(),
    ))
}

/// An assessment that must already exist and be readable (for the commands that report on it).
pub fn read_existing(path: &Path, name: &str) -> Result<Assessment> {
    read_existing_up_to(path, name, crate::domain::Level::MAX)
}

/// [`read_existing`] for an assessment made with `framework`, whose scale decides the levels
/// a file may hold.
pub fn read_existing_for(framework: &Framework, path: &Path, name: &str) -> Result<Assessment> {
    read_existing_up_to(path, name, framework.scale.last().value())
}

fn read_existing_up_to(path: &Path, name: &str, top: u8) -> Result<Assessment> {
    match storage::read_assessment_up_to(path, name, top) {
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
