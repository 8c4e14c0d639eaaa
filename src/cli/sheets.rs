//! `rolefit framework import` and `rolefit framework export`: frameworks to and from
//! spreadsheets (see `crate::sheet`).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::commands::{load_framework, print_stdout};
use super::{Error, Result};
use crate::sheet::export::SheetFormat;
use crate::sheet::import::Issue;
use crate::sheet::{Kind, Mapping};
use crate::storage;
use crate::text::{display_path, display_safe};

/// What `framework import` was given besides the spreadsheet.
pub struct ImportOptions<'a> {
    pub output: Option<&'a Path>,
    pub force: bool,
    pub map: Option<&'a Path>,
    /// `--sheet`, `--id`, `--name`.
    pub flags: Mapping,
    pub columns: &'a [String],
    pub profiles: &'a [String],
    pub levels: &'a [String],
    pub scale: Option<&'a str>,
    pub quiet: bool,
}

/// The mapping: the file's, then the flags over it.
fn mapping(options: &ImportOptions) -> Result<Mapping> {
    let mut mapping = match options.map {
        None => Mapping::default(),
        Some(path) => {
            let bytes = read(path)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Sheet(format!(
                    "{} is not UTF-8 text; save the mapping file as UTF-8",
                    display_path(path)
                ))
            })?;
            toml::from_str::<Mapping>(&text).map_err(|err| {
                let p = crate::storage::framework::toml_problem(&text, &err);
                Error::Sheet(format!(
                    "{}:{}:{}: {}",
                    display_path(path),
                    p.line,
                    p.column,
                    p.message
                ))
            })?
        }
    };
    let flags = &options.flags;
    if flags.sheet.is_some() {
        mapping.sheet = flags.sheet.clone();
    }
    if flags.id.is_some() {
        mapping.id = flags.id.clone();
    }
    if flags.name.is_some() {
        mapping.name = flags.name.clone();
    }
    let pair = |text: &str, what: &str| -> Result<(String, String)> {
        text.split_once('=')
            .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .ok_or_else(|| Error::Sheet(format!("{text:?}: write it as {what}")))
    };
    for column in options.columns {
        let (field, header) = pair(column, "FIELD=HEADER, e.g. --column id=Ref")?;
        mapping.columns.insert(field, header);
    }
    for level in options.levels {
        let (value, header) = pair(level, "VALUE=HEADER, e.g. --level 3=Independent")?;
        mapping.levels.insert(value, header);
    }
    for profile in options.profiles {
        let (header, id) = match profile.rsplit_once('=') {
            Some((header, id)) => (header.trim().to_string(), id.trim().to_string()),
            None => (profile.trim().to_string(), String::new()),
        };
        mapping.profiles.insert(header, id);
    }
    if let Some(scale) = options.scale {
        let parsed = scale
            .split_once(['-', '–'])
            .and_then(|(a, b)| Some([a.trim().parse().ok()?, b.trim().parse().ok()?]));
        mapping.scale = Some(parsed.ok_or_else(|| {
            Error::Sheet(format!(
                "--scale {scale:?}: write it as FIRST-LAST, e.g. 1-5"
            ))
        })?);
    }
    mapping.check().map_err(|e| Error::Sheet(e.to_string()))?;
    Ok(mapping)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    storage::read_regular(path, storage::MAX_FILE_BYTES).map_err(|err| match err {
        storage::ReadError::Io { path, source } => Error::Read { path, source },
        source => Error::Unusable {
            source,
            advice: "give the path of a spreadsheet file",
        },
    })
}

fn say(path: &Path, issue: &Issue, prefix: &str) {
    eprintln!(
        "{prefix}{}: {}",
        display_path(path),
        display_safe(&issue.to_string())
    );
}

/// `rolefit framework import FILE`: the framework on stdout or in `-o FILE`; what could not
/// be placed, and the warnings grouped, on stderr; every problem with its sheet, row and
/// column, and nothing written, when the sheet cannot make a valid framework.
pub fn import(path: &Path, options: ImportOptions) -> Result<ExitCode> {
    let kind = Kind::of(path).ok_or_else(|| {
        Error::Sheet(format!(
            "{} is not a spreadsheet rolefit reads; give a .csv, .xlsx or .ods file",
            display_path(path)
        ))
    })?;
    let mapping = mapping(&options)?;
    let bytes = read(path)?;
    let book = crate::sheet::read(&bytes, kind)
        .map_err(|err| Error::Sheet(format!("{}: {err}", display_path(path))))?;
    let stem = path
        .file_stem()
        .map_or("framework".into(), |s| s.to_string_lossy().into_owned());
    let imported = match crate::sheet::import(&book, &mapping, &stem) {
        Ok(imported) => imported,
        Err(issues) => {
            for issue in &issues {
                say(path, issue, "");
            }
            return Err(Error::Import {
                path: path.to_path_buf(),
                count: issues.len(),
            });
        }
    };
    for issue in &imported.not_placed {
        say(path, issue, "not placed: ");
    }
    if !options.quiet {
        for line in super::commands::group_warnings(
            imported
                .warnings
                .iter()
                .map(|w| (w.place.as_ref().map(|p| format!(" {p}")), w.message.clone())),
        ) {
            eprintln!("{}:{}", display_path(path), display_safe(&line));
        }
    }
    let fw = &imported.framework;
    let summary = format!(
        "\"{}\" with {} roles, {} profiles, {} areas, {} competencies",
        display_safe(&fw.name),
        fw.roles.len(),
        fw.profiles.len(),
        fw.areas.len(),
        fw.competencies.len()
    );
    match options.output {
        None => print_stdout(&imported.toml)?,
        Some(out) => {
            if storage::same_file(out, path) {
                return Err(Error::Sheet(format!(
                    "{} is the spreadsheet being imported; give another file with -o",
                    display_path(out)
                )));
            }
            if !options.force && std::fs::symlink_metadata(out).is_ok() {
                return Err(Error::Sheet(format!(
                    "{} already exists; give --force to replace it, or another file with -o",
                    display_path(out)
                )));
            }
            storage::atomic::write_atomic(out, imported.toml.as_bytes()).map_err(|source| {
                Error::Sheet(format!(
                    "cannot write {}: {}; nothing was written",
                    display_path(out),
                    storage::describe_io_error(&source)
                ))
            })?;
            eprintln!(
                "Wrote {}: {summary}. Use it with rolefit --framework {}",
                display_path(out),
                display_path(out)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `rolefit framework export [PATH] --format csv|xlsx [-o FILE]`.
pub fn export(path: Option<&Path>, format: SheetFormat, output: Option<&Path>) -> Result<ExitCode> {
    let framework = load_framework(path)?;
    let bytes = match format {
        SheetFormat::Csv => crate::sheet::export::csv(&framework).into_bytes(),
        SheetFormat::Xlsx => crate::sheet::export::xlsx(&framework)
            .map_err(|err| Error::Sheet(format!("cannot make the workbook: {err}")))?,
    };
    match output {
        None => {
            if format == SheetFormat::Xlsx && std::io::stdout().is_terminal() {
                return Err(Error::Sheet(
                    "an XLSX workbook is not text to print; give -o FILE.xlsx".into(),
                ));
            }
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.map_err(Error::Output)?,
            }
        }
        Some(out) => {
            if path.is_some_and(|p| storage::same_file(out, p)) {
                return Err(Error::Sheet(format!(
                    "{} is the framework file being exported; give another file with -o",
                    display_path(out)
                )));
            }
            storage::atomic::write_atomic(out, &bytes).map_err(|source| {
                Error::Sheet(format!(
                    "cannot write {}: {}",
                    display_path(out),
                    storage::describe_io_error(&source)
                ))
            })?;
            print_stdout(&format!(
                "Wrote the {format} spreadsheet of \"{}\" to {}\n",
                display_safe(&framework.name),
                display_path(out)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
