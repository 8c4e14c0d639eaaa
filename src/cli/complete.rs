//! Shell completion that knows the user's data: `rolefit completions SHELL` prints a script
//! that asks rolefit itself (clap_complete's `COMPLETE=SHELL rolefit -- WORDS`) for each
//! completion, so `-a` offers the saved assessments, `rate` and `show` the competency ids and
//! `team --profile` the profile ids of the framework in use, and `--format` the format names.
//!
//! A static script cannot know these: they live in the data folder and the framework file,
//! and change as the user works. The completers read the words typed so far (after `--`) for
//! `--data-dir`, `--framework`, `-a` and `--file`, so they complete against what the command
//! would use.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap_complete::engine::CompletionCandidate;

use crate::domain::Framework;
use crate::storage::{DataPaths, ReadOutcome};

/// What the command line typed so far names.
#[derive(Default)]
struct Typed {
    data_dir: Option<PathBuf>,
    framework: Option<PathBuf>,
    assessment: Option<String>,
    file: Option<PathBuf>,
}

/// The words of the command being completed: clap_complete passes them after `--`.
fn typed() -> Typed {
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .collect();
    let mut typed = Typed::default();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].to_string_lossy().into_owned();
        let next = words.get(i + 1).map(|w| w.to_string_lossy().into_owned());
        let (flag, value) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (word.clone(), None),
        };
        let takes = matches!(
            flag.as_str(),
            "--data-dir" | "--framework" | "-a" | "--assessment" | "--file"
        );
        if takes {
            let value = value.or_else(|| {
                i += 1;
                next.clone()
            });
            if let Some(value) = value {
                match flag.as_str() {
                    "--data-dir" => typed.data_dir = Some(value.into()),
                    "--framework" => typed.framework = Some(value.into()),
                    "--file" => typed.file = Some(value.into()),
                    _ => typed.assessment = Some(value),
                }
            }
        }
        i += 1;
    }
    typed
}

fn data_paths(typed: &Typed) -> Option<DataPaths> {
    DataPaths::resolve(typed.data_dir.as_deref()).ok()
}

/// The saved assessments' names, from the data folder the command would use.
pub fn assessments() -> Vec<CompletionCandidate> {
    let typed = typed();
    let Some(paths) = data_paths(&typed) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(paths.assessments_dir()) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        // Conflict copies and files moved aside are not assessments of their own.
        .filter(|n| !n.contains(".conflict-") && !n.contains(".corrupt-"))
        .filter(|n| crate::storage::paths::check_name(n).is_ok())
        .collect();
    names.sort();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// The framework the command would use: `--framework`, else the one the assessment records,
/// else the built-in.
fn framework() -> Framework {
    let typed = typed();
    if let Some(path) = &typed.framework {
        return super::load_framework(Some(path))
            .unwrap_or_else(|_| crate::storage::framework::builtin());
    }
    let file = match (&typed.file, data_paths(&typed)) {
        (Some(file), _) => Some(file.clone()),
        (None, Some(paths)) => {
            Some(paths.assessment_file(typed.assessment.as_deref().unwrap_or("default")))
        }
        (None, None) => None,
    };
    let assessment = file.and_then(|f| {
        match crate::storage::read_assessment_up_to(&f, "x", crate::domain::Level::TOP) {
            ReadOutcome::Loaded(a) => Some(a),
            _ => None,
        }
    });
    super::framework_for(None, assessment.as_ref())
        .map(|r| r.framework)
        .unwrap_or_else(|_| crate::storage::framework::builtin())
}

fn help(text: &str) -> Option<clap::builder::StyledStr> {
    Some(text.to_string().into())
}

/// The competency ids, each with its name.
pub fn competencies() -> Vec<CompletionCandidate> {
    framework()
        .competencies
        .iter()
        .map(|c| CompletionCandidate::new(c.id.as_str()).help(help(&c.name)))
        .collect()
}

/// The profile ids, each with its name.
pub fn profiles() -> Vec<CompletionCandidate> {
    framework()
        .profiles
        .iter()
        .map(|p| CompletionCandidate::new(&p.id).help(help(&p.name)))
        .collect()
}

/// The levels a rating may take on the framework's scale, "none" below it where the scale
/// offers it, and "na".
pub fn levels() -> Vec<CompletionCandidate> {
    let fw = framework();
    let mut out: Vec<CompletionCandidate> = fw
        .scale
        .levels
        .iter()
        .map(|l| CompletionCandidate::new(l.value.value().to_string()).help(help(&l.label)))
        .collect();
    if fw.scale.offers_none() {
        out.push(CompletionCandidate::new("none").help(help("not yet, below the first level")));
    }
    out.push(CompletionCandidate::new("na").help(help("not applicable")));
    out
}

/// Framework files: `.toml` files and folders.
pub fn framework_files() -> clap_complete::engine::PathCompleter {
    clap_complete::engine::PathCompleter::file()
        .filter(|p: &Path| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
}

/// Spreadsheets `framework import` reads, and folders.
pub fn spreadsheets() -> clap_complete::engine::PathCompleter {
    clap_complete::engine::PathCompleter::file()
        .filter(|p: &Path| p.is_dir() || crate::sheet::Kind::of(p).is_some())
}

/// Runs a completion request (`COMPLETE=SHELL rolefit -- WORDS`) and exits; returns at once
/// for an ordinary run.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(super::Cli::command_line).complete();
}

/// The script that registers rolefit's completion with `shell`.
pub fn registration(shell: clap_complete::Shell) -> std::io::Result<Vec<u8>> {
    let shells = clap_complete::env::Shells::builtins();
    let name = shell.to_string();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| std::io::Error::other(format!("no completion for {name}")))?;
    let mut script = Vec::new();
    completer.write_registration("COMPLETE", "rolefit", "rolefit", "rolefit", &mut script)?;
    Ok(script)
}
