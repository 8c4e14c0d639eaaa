//! Reading a team's assessment files (README: Team view) for the team view and its reports:
//! never writing, never locking, every file that cannot be used listed with the reason.

use std::path::{Path, PathBuf};

use crate::ReadOutcome;
use rolefit_core::Framework;
use rolefit_core::team::{Member, NotRead, Team, label_duplicates};
use rolefit_core::text::display_path;

/// Why no team could be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// A folder or file given on the command line is not there.
    #[error("{}: {reason}", display_path(path))]
    Source { path: PathBuf, reason: String },
    /// Nothing to read.
    #[error(
        "no assessment files (*.toml) in {}; give a folder or files, e.g. `rolefit team team/`",
        places.iter().map(|p| display_path(p)).collect::<Vec<_>>().join(", ")
    )]
    NoFiles { places: Vec<PathBuf> },
}

/// The assessment files in `sources`: each folder's `*.toml` files (not its subfolders), sorted
/// by name, and each file as given. A source that does not exist is an error.
pub fn files_in(sources: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for source in sources {
        if source.is_dir() {
            let entries = std::fs::read_dir(source).map_err(|err| LoadError::Source {
                path: source.clone(),
                reason: format!("cannot list the folder: {}", crate::describe_io_error(&err)),
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            found.sort();
            files.extend(found);
        } else if std::fs::symlink_metadata(source).is_ok() {
            files.push(source.clone());
        } else {
            return Err(LoadError::Source {
                path: source.clone(),
                reason: "no such file or folder".into(),
            });
        }
    }
    if files.is_empty() {
        return Err(LoadError::NoFiles {
            places: sources.to_vec(),
        });
    }
    Ok(files)
}

/// What reading one file gave.
#[derive(Clone, Debug)]
pub enum Read {
    Member(Box<Member>),
    NotRead(NotRead),
}

/// Reads one file with the storage codec; never writes, never locks.
fn read_one(framework: &Framework, path: &Path) -> Read {
    let not_read = |reason: String| {
        Read::NotRead(NotRead {
            path: path.to_path_buf(),
            reason,
        })
    };
    let stem = crate::paths::stem(path);
    // Any level a scale may use first: a file of another framework is named as such, however
    // high its levels go; one of this framework is then held to this scale.
    let top = framework.scale.last().value();
    let outcome = match crate::read_assessment_to_look(path, &stem, rolefit_core::Level::TOP) {
        ReadOutcome::Loaded(assessment) if assessment.framework == framework.id => {
            if assessment.highest_level().is_some_and(|l| l.value() > top) {
                crate::read_assessment_to_look(path, &stem, top)
            } else {
                ReadOutcome::Loaded(assessment)
            }
        }
        other => other,
    };
    match outcome {
        ReadOutcome::Loaded(assessment) if assessment.framework != framework.id => {
            let file = assessment
                .framework_path
                .as_deref()
                .map(|p| {
                    format!(
                        " (its file: {})",
                        rolefit_core::text::display_path(Path::new(p))
                    )
                })
                .unwrap_or_default();
            not_read(format!(
                "it uses the framework \"{}\"{file}, not \"{}\"; read it with --framework FILE",
                assessment.framework, framework.id
            ))
        }
        ReadOutcome::Loaded(assessment) => Read::Member(Box::new(Member::new(
            framework,
            &assessment,
            path.to_path_buf(),
            &crate::clock::Local,
        ))),
        ReadOutcome::Missing => not_read("the file does not exist".into()),
        ReadOutcome::Newer { found, .. } => not_read(format!(
            "it is written in format {found}, newer than this rolefit reads ({}); update rolefit",
            crate::codec::FORMAT
        )),
        ReadOutcome::Unreadable(problem) => not_read(match problem.line {
            Some((line, column)) => format!("line {line}, column {column}: {}", problem.reason),
            None => problem.reason,
        }),
    }
}

/// How many threads read files: parsing is CPU work with no shared state.
pub const THREADS: usize = 2;

/// Files read as one piece of work by one thread.
const BATCH: usize = 64;

/// How many batches may be read ahead of the one handed on next: the memory a read holds
/// stays the same whatever the number of files.
const AHEAD: usize = 4;

/// Reads every file in `files` against `framework` on up to [`THREADS`] threads.
pub fn load(framework: Framework, files: &[PathBuf]) -> Team {
    load_with(framework, files, THREADS)
}

/// Reads every file on up to `threads` threads, keeping the files' order.
pub fn load_with(framework: Framework, files: &[PathBuf], threads: usize) -> Team {
    let mut members = Vec::new();
    let mut not_read = Vec::new();
    read_each(&framework, files, threads, |read| {
        match read {
            Read::Member(m) => members.push(*m),
            Read::NotRead(n) => not_read.push(n),
        }
        Ok(())
    })
    .expect("collecting never fails");
    label_duplicates(&mut members);
    Team {
        framework,
        members,
        not_read,
    }
}

/// Reads every file in `files` on up to `threads` threads and hands each result to `each`
/// in the files' order, as soon as it and those before it are read: a report writes each
/// person while the next are read, holding a few batches of files at a time, never the
/// team. The first error `each` returns stops the reading and is returned.
pub fn read_each(
    framework: &Framework,
    files: &[PathBuf],
    threads: usize,
    mut each: impl FnMut(Read) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let batches = files.len().div_ceil(BATCH);
    let threads = threads.clamp(1, batches.max(1));
    if threads == 1 {
        for file in files {
            each(read_one(framework, file))?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    // The batch handed on next: readers stay within `AHEAD` batches of it.
    let handed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<Read>)>(AHEAD);
        for _ in 0..threads {
            let send = send.clone();
            let (next, handed, stop) = (&next, &handed, &stop);
            scope.spawn(move || {
                loop {
                    let batch = next.fetch_add(1, Ordering::SeqCst);
                    if batch >= batches {
                        return;
                    }
                    while batch >= handed.load(Ordering::SeqCst) + AHEAD {
                        if stop.load(Ordering::SeqCst) {
                            return;
                        }
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    let part = &files[batch * BATCH..((batch + 1) * BATCH).min(files.len())];
                    let reads = part.iter().map(|f| read_one(framework, f)).collect();
                    if stop.load(Ordering::SeqCst) || send.send((batch, reads)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        'receive: for (batch, reads) in receive.iter() {
            waiting.insert(batch, reads);
            while let Some(reads) = waiting.remove(&want) {
                for read in reads {
                    if let Err(err) = each(read) {
                        result = Err(err);
                        break 'receive;
                    }
                }
                want += 1;
                handed.store(want, Ordering::SeqCst);
            }
        }
        stop.store(true, Ordering::SeqCst);
        // Unblock readers waiting to send; they stop at their next look.
        drop(receive);
        result
    })
}
