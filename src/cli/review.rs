//! `rolefit review request | FILE | import`: a second opinion through a file the person sends
//! and gets back (README: A second opinion).

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::commands::{assessment_path, print_stdout, read_existing_for};
use super::{Cli, Error, Result};
use crate::domain::{Assessment, Framework};
use crate::review::{self, ReviewError, ReviewFile};
use crate::storage::session::{self, NotWritable};
use crate::storage::{self, LockOutcome, ReadOutcome};
use crate::text::{display_path, display_safe};

/// `rolefit review request -o FILE [--share-self]`: writes a new review file, never over an
/// existing file (it may hold a reviewer's work) nor over an assessment or a lock.
pub fn request(cli: &Cli, output: &Path, share_self: bool) -> Result<ExitCode> {
    let (path, name) = assessment_path(cli)?;
    // The framework the person's assessment was made with, as every command finds it.
    let given = super::commands::load_given(cli.framework.as_deref())?;
    let resolved = super::commands::resolve_at(given.as_ref(), &path, &name)?;
    let framework = resolved.framework;
    let top = framework.scale.last().value();
    let person = match storage::read_assessment_up_to(&path, &name, top) {
        ReadOutcome::Missing if !share_self => {
            Assessment::new(&name, &framework, crate::clock::now_utc())
        }
        _ => read_existing_for(&framework, &path, &name)?,
    };
    if std::fs::symlink_metadata(output).is_ok() {
        return Err(Error::Review(format!(
            "{} already exists (it may hold a reviewer's ratings); choose another file name or move it away first",
            display_path(output)
        )));
    }
    let assessments = path.parent().map(Path::to_path_buf);
    // The same guards as `export -o`, worded for a review file.
    let frameworks = [(resolved.path.as_deref(), "in use")];
    super::commands::check_report_target(output, &path, assessments.as_deref(), &frameworks)
        .map_err(|err| {
            Error::Review(
                err.to_string()
                    .replace("for the report", "for the review file")
                    .replace("place for the report", "place for the review file"),
            )
        })?;
    let file = review::request(
        &person,
        &framework,
        share_self,
        &review::fresh_id(),
        crate::clock::now_utc(),
    );
    storage::atomic::write_atomic(output, file.to_toml().as_bytes()).map_err(|source| {
        Error::Review(format!(
            "cannot write {}: {}; nothing was written",
            display_path(output),
            storage::describe_io_error(&source)
        ))
    })?;
    let shared = if share_self {
        format!(
            "your {} ratings and notes are in it; the reviewer sees each only after rating it",
            file.shared_self.len()
        )
    } else {
        "none of your ratings or notes are in it (add --share-self to include them)".to_string()
    };
    let file_name = display_path(output);
    // A framework from a file: the reviewer needs that file too, and says so with --framework.
    let (send, run) = match &resolved.path {
        Some(framework_file) => (
            format!(
                "{file_name} and your framework file {}",
                display_path(framework_file)
            ),
            format!("rolefit --framework FILE review {file_name}` (FILE: your framework file)"),
        ),
        None => (file_name.clone(), format!("rolefit review {file_name}`")),
    };
    print_stdout(&format!(
        "Wrote a review request for {} to {file_name}: {shared}.\n\
         Next: send {send} to your reviewer; they run `{run}, rate you and send the file back.\n\
         Then run `rolefit review import FILE` to see their ratings beside yours.\n",
        display_safe(&person.shown_name(&name)),
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Reads and checks a review file; every problem is one sentence naming the file.
fn read_review(file: &Path, framework: &Framework) -> Result<ReviewFile> {
    let text = match storage::read_regular(file, storage::MAX_FILE_BYTES) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| Error::Review(format!("{} is not UTF-8 text", display_path(file))))?,
        Err(storage::ReadError::Io { source: err, .. })
            if err.kind() == std::io::ErrorKind::NotFound =>
        {
            return Err(Error::Review(format!(
                "there is no review file at {}",
                display_path(file)
            )));
        }
        Err(storage::ReadError::Io { source: err, .. }) => {
            return Err(Error::Review(format!(
                "cannot read {}: {}",
                display_path(file),
                storage::describe_io_error(&err)
            )));
        }
        Err(source) => {
            return Err(Error::Unusable {
                source,
                advice: "give the review file itself",
            });
        }
    };
    review::parse(&text, framework).map_err(|err| match err {
        ReviewError::At {
            line,
            column,
            reason,
        } => Error::Review(format!(
            "{}:{line}:{column}: {reason}; fix the file or ask for a new review",
            display_path(file)
        )),
        ReviewError::OtherCompetencies { id, version } => Error::Review(format!(
            "the competencies in {} differ from those of {id} version {version} here (the file was changed or made with an edited framework); use the framework file it was made with (--framework FILE), or a new request from `rolefit review request`",
            display_path(file)
        )),
        other => Error::Review(format!("cannot use {}: {other}", display_path(file))),
    })
}

/// `rolefit review import FILE`: adds the reviewer's ratings to the assessment under
/// `[reviews.REVIEWER]`; nothing is written when the review is refused.
pub fn import(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let (path, name) = assessment_path(cli)?;
    let given = super::commands::load_given(cli.framework.as_deref())?;
    let framework = super::commands::resolve_at(given.as_ref(), &path, &name)?.framework;
    let review = read_review(file, &framework)?;
    read_existing_for(&framework, &path, &name)?;
    let top = framework.scale.last().value();
    let (_lock, assessment) = match session::open_writable(&path, &name, top)? {
        Ok(writable) => (writable.lock, writable.assessment),
        Err(NotWritable::Busy) => {
            return Err(Error::Review(format!(
                "{} is open in a running rolefit; quit it, then import the review again",
                display_path(&path)
            )));
        }
        Err(not) => return Err(Error::not_writable(&path, not)),
    };
    let mut assessment = assessment.ok_or_else(|| Error::Missing { path: path.clone() })?;
    let imported = review::import(&mut assessment, &review, &framework).map_err(|err| {
        Error::Review(format!(
            "cannot import {}: {err}; nothing was changed",
            display_path(file)
        ))
    })?;
    assessment.updated = crate::clock::now_utc();
    storage::save_assessment(&path, &assessment).map_err(|source| Error::Save {
        path: path.clone(),
        source,
    })?;
    let replaced = if imported.replaced {
        format!(
            " (it replaces the review {} gave before)",
            display_safe(&imported.reviewer)
        )
    } else {
        String::new()
    };
    print_stdout(&format!(
        "Imported {}'s review of {} — {} of {} answered ({} rated, {} N/A){replaced}.\n\
         Open rolefit to see their ratings beside yours (Grid, Rate, Results); differences of two levels or more are marked \"talk about this\".\n",
        display_safe(&imported.reviewer),
        display_safe(&assessment.shown_name(&name)),
        imported.rated,
        framework.competencies.len(),
        imported.rated - imported.not_applicable,
        imported.not_applicable
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit review FILE`: opens a review file for the reviewer in the full-screen app, asking
/// their name first when the file does not have it yet.
pub fn open(cli: &Cli, file: &Path, reviewer: Option<&str>) -> Result<ExitCode> {
    let resolved = super::commands::load_given(cli.framework.as_deref())?
        .unwrap_or_else(super::commands::Resolved::builtin);
    let framework = resolved.framework.clone();
    let mut review = read_review(file, &framework)?;
    if review.reviewer.is_none() {
        let lock = match storage::lock_soon(file) {
            LockOutcome::Held(lock) => lock,
            LockOutcome::Busy => return Err(Error::OpenElsewhere { path: file.into() }),
            LockOutcome::Unavailable(err) if storage::lock_is_link(&err) => {
                return Err(Error::LockIsLink {
                    path: storage::paths::lock_path(file),
                });
            }
            LockOutcome::Unavailable(err) => {
                return Err(Error::Review(format!(
                    "cannot lock {}: {}; rolefit writes a review file only when it holds its lock",
                    display_path(file),
                    storage::describe_io_error(&err)
                )));
            }
        };
        let name = match reviewer {
            Some(name) => clean_name(name),
            None => ask_name(&review.person_shown())?,
        };
        if name.is_empty() {
            return Err(Error::Review(
                "no name given; nothing was changed. Your name tells the person whose review this is"
                    .into(),
            ));
        }
        review.set_reviewer(&name);
        storage::atomic::write_atomic(file, review.to_toml().as_bytes()).map_err(|source| {
            Error::Save {
                path: file.to_path_buf(),
                source,
            }
        })?;
        drop(lock);
    }
    let name = storage::paths::stem(file);
    let env = |key| std::env::var_os(key);
    let resume = |plain: bool| {
        let mut resume = vec!["rolefit".to_string()];
        if plain {
            resume.push("--plain".to_string());
        }
        if let Some(dir) = &cli.data_dir {
            resume.push("--data-dir".into());
            resume.push(super::scripting::shell_word(&dir.to_string_lossy()));
        }
        resume.push("review".into());
        resume.push(super::scripting::shell_word(&file.to_string_lossy()));
        resume.join(" ")
    };
    if cli.plain || super::plain_from_env(env("ACCESSIBLE").as_deref(), env("TERM").as_deref()) {
        return super::scripting::plain(resolved, file, &name, None, resume(true));
    }
    super::launch(
        resolved,
        file,
        &name,
        super::launch_options(cli)?,
        &resume(false),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A name as typed: trimmed, without control characters.
fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Asks the reviewer's name on the terminal, once.
fn ask_name(person: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Review(
            "this review has no reviewer's name yet; give yours with --reviewer NAME".into(),
        ));
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "You are reviewing {}. Your name, as they will see it: ",
        display_safe(person)
    );
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(Error::Output)?;
    Ok(clean_name(&line))
}
