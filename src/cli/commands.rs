//! One function per subcommand, and the helpers they share. Each reads what it needs, prints
//! its result on stdout, and leaves failures to the caller as an [`Error`].
//!
//! One file because the subcommands here are short and share the reading of an assessment and
//! of the framework it needs (from `assessment_path` on), which the rest of the command line
//! imports from here too; about 105 of its lines are tests.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Cli, Error, Result, config};
use crate::domain::{Assessment, Framework};
use crate::export::Format;
use crate::storage::framework::BUILTIN_TOML;
use crate::storage::session::{self, NotWritable};
use crate::storage::{self, DataPaths, ReadOutcome, paths};
use crate::text::{display_path, display_safe, display_safe_lines};

/// `rolefit list`: every saved assessment with its progress or its problem, each counted
/// against the framework it was made with. One whose framework is not at hand says which it
/// needs instead of a count; that is not an error of the listing (exit 0).
pub fn list(cli: &Cli) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
    paths.check()?;
    let builtin_id = crate::storage::framework::builtin().id;
    // A file that cannot be read is read again against the scale `rate` and `show` would use
    // for it (the given framework's or the built-in's), so its row says what they say.
    let fallback_top = given
        .as_ref()
        .map_or_else(crate::storage::framework::builtin_top, |g| {
            g.framework.scale.last().value()
        });
    // Each recorded framework file is read once, however many assessments use it.
    let mut loaded: HashMap<
        (String, Option<String>),
        std::result::Result<Resolved, FrameworkNotAtHand>,
    > = HashMap::new();
    let listings = storage::list_assessments_with(&paths, fallback_top, |file, assessment| {
        let key = (
            assessment.framework.clone(),
            assessment.framework_path.clone(),
        );
        let found = match &given {
            Some(_) => find_framework(given.as_ref(), Some(assessment)),
            None => loaded
                .entry(key)
                .or_insert_with(|| find_framework(None, Some(assessment)))
                .clone(),
        };
        match found.and_then(|found| check_scale(found, assessment)) {
            Ok(Resolved { framework, .. }) => {
                // Read as every other command reads it, against its framework's scale.
                let top = framework.scale.last().value();
                if assessment.highest_level().is_some_and(|l| l.value() > top)
                    && let ReadOutcome::Unreadable(problem) =
                        storage::read_assessment_up_to(file, &assessment.name, top)
                {
                    return format!("unreadable: {}", problem.problem());
                }
                let which = if framework.id == builtin_id {
                    String::new()
                } else {
                    format!(", framework {}", framework.id)
                };
                // The person, when they gave their name.
                let person = assessment
                    .person_name()
                    .map_or_else(String::new, |name| format!("{name}: "));
                format!(
                    "{person}{}/{} answered, last change {}{which}",
                    assessment.rated_count(&framework),
                    framework.competencies.len(),
                    crate::clock::local_human(&assessment.updated)
                )
            }
            Err(reason) => reason.to_string(),
        }
    })?;
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
        .map(|(name, _)| crate::text::width(name))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (name, summary) in rows {
        out.push_str(&format!(
            "{}  {summary}\n",
            crate::text::pad_to(&name, width)
        ));
    }
    print_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit export`: a report on stdout, or in the file `output`.
pub fn export(cli: &Cli, format: Format, output: Option<&Path>) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    // A first look, whatever levels it holds, finds the framework; that framework's scale
    // then decides which levels the file may hold.
    let first_look = read_existing_any(&path, &name)?;
    let framework = resolve_for(given.as_ref(), Some(&first_look), &path)?.framework;
    let assessment = read_existing_for(&framework, &path, &name)?;
    let report = crate::export::export(&framework, &assessment, format);
    match output {
        None => print_stdout(&report)?,
        Some(out) => {
            write_report_of(cli, &path, &assessment, out, &report)?;
            print_stdout(&format!(
                "Wrote the {format} report to {}\n",
                display_path(out)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a report of the assessment at `path` to `out`, atomically, after the refusals of
/// [`check_report_target`]: `export -o` and `plan -o`.
pub(super) fn write_report_of(
    cli: &Cli,
    path: &Path,
    assessment: &Assessment,
    out: &Path,
    report: &str,
) -> Result<()> {
    let assessments = match &cli.file {
        Some(_) => DataPaths::resolve(cli.data_dir.as_deref())
            .ok()
            .map(|p| p.assessments_dir()),
        None => path.parent().map(Path::to_path_buf),
    };
    let frameworks = [
        (cli.framework.as_deref(), "in use"),
        (
            assessment.framework_path.as_deref().map(Path::new),
            "the assessment was made with",
        ),
    ];
    let folder = check_report_target(out, path, assessments.as_deref(), &frameworks)?;
    write_report_file(out, &folder, report)
}

/// Writes a report to `out` (in `folder`, checked by [`check_report_target`]) atomically; a
/// failure says why in terms of the folder.
fn write_report_file(out: &Path, folder: &Path, text: &str) -> Result<()> {
    storage::atomic::write_atomic(out, text.as_bytes()).map_err(|source| Error::WriteReport {
        path: out.to_path_buf(),
        reason: describe_write_error(&source, folder),
        source,
    })
}

/// Framework files a report must not replace, each with whose it is ("in use", "the
/// assessment was made with").
pub(super) type Frameworks<'a> = [(Option<&'a Path>, &'static str)];

/// Refuses a report path that would overwrite a file rolefit depends on — an assessment (the
/// one reported on, any `.toml` in the assessments folder), a lock file, one of `frameworks`, a
/// review file (`kind = "review"`), the configuration file — however the path is spelled
/// (relative, absolute, through a symlinked folder), and one that exists but is not a regular
/// file. Returns the folder the report goes in, which exists.
pub(super) fn check_report_target(
    out: &Path,
    assessment: &Path,
    assessments: Option<&Path>,
    frameworks: &Frameworks,
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
    for (framework, whose) in frameworks {
        if framework.is_some_and(|f| storage::same_file(out, f)) {
            return Err(Error::ReportOverFramework {
                path: out.to_path_buf(),
                whose,
            });
        }
    }
    if config::path().is_some_and(|c| storage::same_file(out, &c)) {
        return Err(Error::ReportOverConfig {
            path: out.to_path_buf(),
        });
    }
    if is_review_file(out) {
        return Err(Error::ReportOverReview {
            path: out.to_path_buf(),
        });
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

/// Whether `path` is a rolefit review file: `kind = "review"` among its top-level keys. A file
/// whose TOML is broken (a review edited by hand) is looked at line by line, up to its first
/// table.
fn is_review_file(path: &Path) -> bool {
    let Ok(bytes) = storage::read_regular(path, storage::MAX_FILE_BYTES) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    if let Ok(table) = toml::from_str::<toml::Table>(&text) {
        return table.get("kind").and_then(toml::Value::as_str) == Some(crate::review::KIND);
    }
    text.lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once('='))
        .any(|(key, value)| {
            let value = value.split('#').next().unwrap_or("").trim();
            key.trim() == "kind" && value.trim_matches(['"', '\'']) == crate::review::KIND
        })
}

/// Why writing a report into `folder` failed, in words.
pub(super) fn describe_write_error(err: &std::io::Error, folder: &Path) -> String {
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
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    // An assessment that is not there (or cannot be read), or whose framework is not at hand,
    // gets no lock file.
    let first_look = read_existing_any(&path, &name)?;
    let resolved = resolve_for(given.as_ref(), Some(&first_look), &path)?;
    let framework = &resolved.framework;
    read_existing_for(framework, &path, &name)?;
    let lock_file = paths::lock_path(&path);
    let lock_was_there = std::fs::symlink_metadata(&lock_file).is_ok();
    let top = framework.scale.last().value();
    let (_lock, assessment) = match session::open_writable(&path, &name, top)? {
        Ok(writable) => (writable.lock, writable.assessment),
        Err(NotWritable::Busy) => return Err(Error::Busy { path }),
        Err(not) => return Err(Error::not_writable(&path, not)),
    };
    let Some(mut assessment) = assessment else {
        // Gone since the first look: take the lock file away with it.
        if !lock_was_there {
            let _ = std::fs::remove_file(&lock_file);
        }
        return Err(Error::Missing { path });
    };
    // Changed since the first look (another framework recorded): checked again.
    resolve_for(Some(&resolved), Some(&assessment), &path)?;
    resolved.record_in(&mut assessment);
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
        assessment.rated_count(framework),
        framework.competencies.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit diff`: what changed between two rounds, by default the last one and now.
pub fn diff(cli: &Cli, from: Option<&str>, to: Option<&str>) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let first_look = read_existing_any(&path, &name)?;
    let framework = resolve_for(given.as_ref(), Some(&first_look), &path)?.framework;
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
pub fn framework_check(path: &Path, quiet: bool) -> Result<ExitCode> {
    let text = read_text(path)?;
    match crate::storage::framework::checked(&text) {
        Ok((fw, warnings)) => {
            if !quiet {
                let lines = group_warnings(
                    warnings
                        .iter()
                        .map(|p| (Some(format!("{}:{}", p.line, p.column)), p.message.clone())),
                );
                for line in lines {
                    eprintln!("{}:{}", display_path(path), display_safe(&line));
                }
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

/// Warnings of one kind, when there are several, as one line with their count and the ids
/// ("warning: 135 competencies are required by no profile …: ITSP, …"), so an error or the
/// result is not buried under them; each other warning on its own line, after its place.
/// Each line is what follows "FILE:" (a place starts with its own text).
pub fn group_warnings(warnings: impl Iterator<Item = (Option<String>, String)>) -> Vec<String> {
    const SHOWN: usize = 12;
    let kinds: [(&str, &str, &str); 2] = [
        (
            "warning: no profile requires competency ",
            "; it counts towards no readiness",
            "competencies are required by no profile, so they count towards no readiness (give them targets, or leave them as context)",
        ),
        (
            "warning: profile ",
            " requires no competency; give it targets or remove it",
            "profiles require no competency (give them targets or remove them)",
        ),
    ];
    let mut grouped: Vec<Vec<(Option<String>, String)>> = vec![Vec::new(); kinds.len()];
    let mut lines = Vec::new();
    for (place, message) in warnings {
        let kind = kinds
            .iter()
            .position(|(start, end, _)| message.starts_with(start) && message.ends_with(end));
        match kind {
            Some(k) => {
                let (start, end, _) = kinds[k];
                let id = message[start.len()..message.len() - end.len()].to_string();
                grouped[k].push((place, id));
            }
            None => lines.push(match place {
                Some(place) => format!("{place}: {message}"),
                None => format!(" {message}"),
            }),
        }
    }
    for (k, items) in grouped.into_iter().enumerate() {
        match items.as_slice() {
            [] => {}
            [(place, _)] => {
                // One alone keeps its own wording and place.
                let (start, end, _) = kinds[k];
                let message = format!("{start}{}{end}", items[0].1);
                lines.push(match place {
                    Some(place) => format!("{place}: {message}"),
                    None => format!(" {message}"),
                });
            }
            many => {
                let ids: Vec<&str> = many.iter().take(SHOWN).map(|(_, id)| id.as_str()).collect();
                let more = many.len().saturating_sub(SHOWN);
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                lines.push(format!(
                    " warning: {} {}: {}{tail}",
                    many.len(),
                    kinds[k].2,
                    ids.join(", ")
                ));
            }
        }
    }
    lines
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
        print_stdout(&crate::storage::framework::dump(&framework))?;
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
    let cache = crate::storage::framework_cache::folder()
        .map_or_else(|| "(none on this system)".to_string(), |f| display_path(&f));
    print_stdout(&format!(
        "data directory:  {} (from {})\nassessments:     {}\nreports:         {}\ncrash reports:   {}\nframework cache: {}\nconfig:          {}\n",
        display_path(&paths.data_dir),
        paths.source,
        display_path(&paths.assessments_dir()),
        display_path(&paths.data_dir.join("reports")),
        display_path(&paths.data_dir.join("crashes")),
        cache,
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
        // 0700, as every folder rolefit makes: a folder others can write to would let them
        // replace the configuration.
        storage::create_private_dirs(dir).map_err(write_error)?;
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
    // A script that asks rolefit for each completion, so it offers the saved assessments and
    // the framework's ids (see `complete`).
    let script = super::complete::registration(shell).map_err(Error::Output)?;
    print_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit man`: the manual page in roff, from the command-line definition.
pub fn man() -> Result<ExitCode> {
    let page = super::manual::page().map_err(Error::Output)?;
    print_stdout(&page)?;
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
    let (name, _) = paths::resolve_name(&cli.assessment)?;
    let paths = DataPaths::resolve(cli.data_dir.as_deref())?;
    paths.check()?;
    Ok((paths.assessment_file(&name), name))
}

/// The person's name given with `-a` ("Sam Taylor"), which a new assessment takes as its
/// display name; None for a plain assessment name or a `--file`.
pub fn given_person(cli: &Cli) -> Option<String> {
    if cli.file.is_some() {
        return None;
    }
    paths::resolve_name(&cli.assessment).ok()?.1
}

/// An assessment of the built-in framework that must already exist and be readable (levels up
/// to its scale's top).
pub fn read_existing(path: &Path, name: &str) -> Result<Assessment> {
    read_existing_up_to(path, name, crate::storage::framework::builtin_top())
}

/// [`read_existing`] for an assessment made with `framework`, whose scale decides the levels
/// a file may hold.
pub fn read_existing_for(framework: &Framework, path: &Path, name: &str) -> Result<Assessment> {
    read_existing_up_to(path, name, framework.scale.last().value())
}

/// [`read_existing`] allowing any level a scale may use: a first look at an assessment, to find
/// the framework it was made with before that framework's scale can check it.
pub fn read_existing_any(path: &Path, name: &str) -> Result<Assessment> {
    read_existing_up_to(path, name, crate::domain::Level::TOP)
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
        return Ok(crate::storage::framework::builtin());
    };
    // A large framework is parsed and validated once; later starts read the result back.
    if let Some(framework) = crate::storage::framework_cache::load(path) {
        return Ok(framework);
    }
    let text = read_text(path)?;
    let framework =
        crate::storage::framework::from_toml(&text).map_err(|problems| Error::Framework {
            path: path.to_path_buf(),
            count: problems.len(),
            first: problems
                .into_iter()
                .next()
                .expect("an invalid framework has a problem"),
        })?;
    crate::storage::framework_cache::store(path, &text, &framework);
    Ok(framework)
}

/// A framework and the file it came from.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub framework: Framework,
    /// The framework file, absolute; None for the built-in framework.
    pub path: Option<PathBuf>,
}

impl Resolved {
    /// The built-in framework.
    pub fn builtin() -> Resolved {
        Resolved {
            framework: crate::storage::framework::builtin(),
            path: None,
        }
    }

    /// Records this framework in `assessment` (id, version, content hash and file), to be
    /// written with its next save. A path that is not UTF-8 cannot be written in TOML, so it
    /// is not recorded.
    pub fn record_in(&self, assessment: &mut Assessment) {
        assessment.record_framework(&self.framework);
        assessment.framework_path = self
            .path
            .as_deref()
            .and_then(Path::to_str)
            .map(str::to_string);
    }
}

/// The framework given with `--framework`, if any, with its absolute path.
pub fn load_given(path: Option<&Path>) -> Result<Option<Resolved>> {
    let Some(path) = path else {
        return Ok(None);
    };
    let framework = load_framework(Some(path))?;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(Some(Resolved {
        framework,
        path: Some(path),
    }))
}

/// What to do when an assessment's framework is not at hand.
const GIVE_FRAMEWORK: &str = "give that framework's file with --framework PATH";

/// The framework an assessment records: "was made with the framework "ID" (version N)".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("was made with the framework {id:?} (version {version})")]
pub struct MadeWith {
    pub id: String,
    pub version: u32,
}

impl MadeWith {
    fn of(assessment: &Assessment) -> MadeWith {
        MadeWith {
            id: assessment.framework.clone(),
            version: assessment.framework_version,
        }
    }
}

/// Why the framework an assessment needs is not at hand, said after the assessment's path
/// (see [`framework_for`]): which framework it needs and how to give it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkNotAtHand {
    /// `--framework` gave a framework of another id.
    #[error(
        "{made_with}, not {given:?}{}; {GIVE_FRAMEWORK}, or leave --framework out to use the one it records",
        from.as_deref().map(|p| format!(" from {}", display_path(p))).unwrap_or_default()
    )]
    OtherId {
        made_with: MadeWith,
        given: String,
        from: Option<PathBuf>,
    },
    /// Not the built-in framework, and no file recorded for it.
    #[error("{made_with}, and records no file for it; {GIVE_FRAMEWORK}")]
    NoFile { made_with: MadeWith },
    /// The recorded file does not give the framework now.
    #[error(
        "{made_with}, recorded at {}, {problem}; {GIVE_FRAMEWORK}",
        display_path(at)
    )]
    Recorded {
        made_with: MadeWith,
        at: PathBuf,
        problem: RecordedProblem,
    },
    /// The framework found has no level the assessment holds, and is not the one it was saved
    /// with.
    #[error(
        "{made_with}{}; the scale of {} has no level {level}; {GIVE_FRAMEWORK}",
        at.as_deref().map(|p| format!(" at {}", display_path(p))).unwrap_or_default(),
        used.as_deref().map_or_else(|| "the built-in framework".to_string(), display_path)
    )]
    Scale {
        made_with: MadeWith,
        at: Option<PathBuf>,
        used: Option<PathBuf>,
        level: u8,
    },
}

/// What is wrong with the framework file an assessment records.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecordedProblem {
    #[error("which now holds the framework {0:?}")]
    OtherFramework(String),
    #[error("which is not there")]
    Gone,
    /// With the reason in words.
    #[error("which cannot be read ({0})")]
    CannotRead(String),
    #[error("which is not UTF-8 text")]
    NotText,
    /// With the reason in words ("is a folder, not a file").
    #[error("which {0}")]
    Unusable(String),
    /// With the first problem the validator found.
    #[error("which is not a valid framework now ({0})")]
    Invalid(crate::domain::Problem),
    #[error("which cannot be used ({0})")]
    Other(String),
}

/// The framework to read `assessment` with: the one given with `--framework`, which must have
/// the id the assessment records; else the one it records, from its recorded file; else the
/// built-in one. Its scale must hold every level the assessment holds (see [`check_scale`]).
/// Err says, after the assessment's path, which framework it needs and how to give it.
pub fn framework_for(
    given: Option<&Resolved>,
    assessment: Option<&Assessment>,
) -> std::result::Result<Resolved, FrameworkNotAtHand> {
    let resolved = find_framework(given, assessment)?;
    match assessment {
        Some(assessment) => check_scale(resolved, assessment),
        None => Ok(resolved),
    }
}

/// A framework found for `assessment` (by [`find_framework`]) whose scale lacks a level the
/// assessment holds, when it is not the framework the assessment was saved with, is the cause
/// and is named as such: the assessment is fine, and is not to be moved aside. Saved with this
/// very framework, such a level is the file's own problem, reported with its line and column
/// when the file is read against the scale.
fn check_scale(
    resolved: Resolved,
    assessment: &Assessment,
) -> std::result::Result<Resolved, FrameworkNotAtHand> {
    let top = resolved.framework.scale.last().value();
    let Some(level) = assessment.highest_level().filter(|l| l.value() > top) else {
        return Ok(resolved);
    };
    let saved_with = match assessment.framework_hash.as_deref() {
        Some(hash) => hash == resolved.framework.content_hash(),
        None => match (
            assessment.framework_path.as_deref(),
            resolved.path.as_deref(),
        ) {
            (None, None) => true,
            (Some(recorded), Some(used)) => storage::same_file(Path::new(recorded), used),
            _ => false,
        },
    };
    if saved_with {
        return Ok(resolved);
    }
    Err(FrameworkNotAtHand::Scale {
        made_with: MadeWith::of(assessment),
        at: assessment.framework_path.as_deref().map(PathBuf::from),
        used: resolved.path,
        level: level.value(),
    })
}

/// [`framework_for`] without the check of the scale: the framework by id and recorded file.
fn find_framework(
    given: Option<&Resolved>,
    assessment: Option<&Assessment>,
) -> std::result::Result<Resolved, FrameworkNotAtHand> {
    let Some(assessment) = assessment else {
        return Ok(given.cloned().unwrap_or_else(Resolved::builtin));
    };
    let made_with = MadeWith::of(assessment);
    if let Some(given) = given {
        if given.framework.id == assessment.framework {
            return Ok(given.clone());
        }
        return Err(FrameworkNotAtHand::OtherId {
            made_with,
            given: given.framework.id.clone(),
            from: given.path.clone(),
        });
    }
    let builtin = Resolved::builtin();
    let Some(recorded) = assessment.framework_path.as_deref() else {
        if assessment.framework == builtin.framework.id {
            return Ok(builtin);
        }
        return Err(FrameworkNotAtHand::NoFile { made_with });
    };
    let problem = match load_framework(Some(Path::new(recorded))) {
        Ok(framework) if framework.id == assessment.framework => {
            return Ok(Resolved {
                framework,
                path: Some(PathBuf::from(recorded)),
            });
        }
        Ok(framework) => RecordedProblem::OtherFramework(framework.id),
        Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            RecordedProblem::Gone
        }
        Err(Error::Read { source, .. }) => {
            RecordedProblem::CannotRead(storage::describe_io_error(&source))
        }
        Err(Error::NotText { .. }) => RecordedProblem::NotText,
        Err(Error::Unusable { source, .. }) => RecordedProblem::Unusable(source.reason()),
        Err(Error::Framework { first, .. }) => RecordedProblem::Invalid(first),
        Err(other) => RecordedProblem::Other(other.to_string()),
    };
    // Its own file gone, an assessment of the built-in framework still has the built-in.
    if assessment.framework == builtin.framework.id {
        return Ok(builtin);
    }
    Err(FrameworkNotAtHand::Recorded {
        made_with,
        at: PathBuf::from(recorded),
        problem,
    })
}

/// [`framework_for`] as a command's error, naming the assessment file at `path`.
pub fn resolve_for(
    given: Option<&Resolved>,
    assessment: Option<&Assessment>,
    path: &Path,
) -> Result<Resolved> {
    framework_for(given, assessment).map_err(|reason| Error::FrameworkNeeded {
        path: path.to_path_buf(),
        reason,
    })
}

/// The framework for the assessment at `path` as it is on disk now (a file that is missing or
/// cannot be read yet has the given or the built-in one).
pub fn resolve_at(given: Option<&Resolved>, path: &Path, name: &str) -> Result<Resolved> {
    // Any level a scale may use: the framework, once found, checks the levels.
    let assessment = match storage::read_assessment_up_to(path, name, crate::domain::Level::TOP) {
        ReadOutcome::Loaded(assessment) => Some(assessment),
        ReadOutcome::Newer { assessment, .. } => assessment,
        ReadOutcome::Missing | ReadOutcome::Unreadable(_) => None,
    };
    resolve_for(given, assessment.as_ref(), path)
}

/// A framework file's text.
fn read_text(path: &Path) -> Result<String> {
    let bytes = storage::read_regular(path, storage::MAX_FILE_BYTES).map_err(|err| match err {
        storage::ReadError::Io { path, source } => Error::Read { path, source },
        source => Error::Unusable {
            source,
            advice: "give the path of a framework file",
        },
    })?;
    String::from_utf8(bytes).map_err(|source| Error::NotText {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::{FrameworkNotAtHand, MadeWith, RecordedProblem};
    use std::path::PathBuf;

    /// Each reason reads as one sentence after the assessment's path, word for word as the
    /// command line has always said it.
    #[test]
    fn every_reason_names_the_framework_needed_and_how_to_give_it() {
        let made_with = || MadeWith {
            id: "acme".into(),
            version: 2,
        };
        let needed = "was made with the framework \"acme\" (version 2)";
        let how = "give that framework's file with --framework PATH";
        let cases = [
            (
                FrameworkNotAtHand::OtherId {
                    made_with: made_with(),
                    given: "pm-pmo".into(),
                    from: Some(PathBuf::from("fw.toml")),
                },
                format!(
                    "{needed}, not \"pm-pmo\" from fw.toml; {how}, or leave --framework out to use the one it records"
                ),
            ),
            (
                FrameworkNotAtHand::OtherId {
                    made_with: made_with(),
                    given: "pm-pmo".into(),
                    from: None,
                },
                format!(
                    "{needed}, not \"pm-pmo\"; {how}, or leave --framework out to use the one it records"
                ),
            ),
            (
                FrameworkNotAtHand::NoFile {
                    made_with: made_with(),
                },
                format!("{needed}, and records no file for it; {how}"),
            ),
            (
                FrameworkNotAtHand::Recorded {
                    made_with: made_with(),
                    at: PathBuf::from("acme.toml"),
                    problem: RecordedProblem::Gone,
                },
                format!("{needed}, recorded at acme.toml, which is not there; {how}"),
            ),
            (
                FrameworkNotAtHand::Scale {
                    made_with: made_with(),
                    at: Some(PathBuf::from("acme.toml")),
                    used: None,
                    level: 9,
                },
                format!(
                    "{needed} at acme.toml; the scale of the built-in framework has no level 9; {how}"
                ),
            ),
            (
                FrameworkNotAtHand::Scale {
                    made_with: made_with(),
                    at: None,
                    used: Some(PathBuf::from("s5.toml")),
                    level: 7,
                },
                format!("{needed}; the scale of s5.toml has no level 7; {how}"),
            ),
        ];
        for (reason, said) in cases {
            assert_eq!(reason.to_string(), said);
        }
        for (problem, said) in [
            (
                RecordedProblem::OtherFramework("x".into()),
                "which now holds the framework \"x\"",
            ),
            (
                RecordedProblem::CannotRead("permission denied".into()),
                "which cannot be read (permission denied)",
            ),
            (RecordedProblem::NotText, "which is not UTF-8 text"),
            (
                RecordedProblem::Unusable("is a folder, not a file".into()),
                "which is a folder, not a file",
            ),
            (
                RecordedProblem::Other("it broke".into()),
                "which cannot be used (it broke)",
            ),
        ] {
            assert_eq!(problem.to_string(), said);
        }
        let invalid = RecordedProblem::Invalid(crate::domain::Problem {
            line: 3,
            column: 1,
            message: "no id".into(),
        });
        assert_eq!(
            invalid.to_string(),
            "which is not a valid framework now (line 3, column 1: no id)"
        );
    }
}
