//! Saving without overwriting what another program wrote: before each save the file is
//! compared with what rolefit last read or wrote there (its bytes' hash). When another program
//! changed it meanwhile — a hand edit, a `git pull`, a sync client — the two are merged by part
//! (see [`rolefit_core::merge`]); where both changed the same part, the file keeps theirs and
//! rolefit's version is written beside it as `NAME.conflict-TIME.toml`. A file that cannot be
//! merged (unreadable now, from a newer rolefit, made with another framework) is not written
//! at all: rolefit's version goes to the conflict copy, and the app stops saving.
//!
//! What this cannot see: a change written in the moment between the comparison and the rename
//! that replaces the file (well under a millisecond).

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use super::ReadError;
use super::codec::{self, ParseError};
use rolefit_core::Assessment;
use rolefit_core::merge::{self, Part};

/// What the file held when rolefit last read or wrote it.
#[derive(Clone, Debug)]
pub struct Known {
    hash: u64,
    assessment: Assessment,
}

impl Known {
    /// The file held `bytes`, read as `assessment`.
    pub fn new(bytes: &[u8], assessment: Assessment) -> Known {
        Known {
            hash: hash(bytes),
            assessment,
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    rolefit_core::framework::fnv1a_64(bytes)
}

/// What a guarded save did.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Nobody else had changed the file: written as it stands.
    Written,
    /// The file had been removed by another program: written again.
    Recreated,
    /// Another program had changed the file: the two were merged and written. `outside` are
    /// the parts taken from the file (`theirs`); `clashes` those both had changed, where the
    /// file's version stands and rolefit's is in `copy`.
    Merged {
        ours: Box<Assessment>,
        theirs: Box<Assessment>,
        outside: Vec<Part>,
        clashes: Vec<Part>,
        copy: Option<PathBuf>,
    },
    /// The file was changed in a way that cannot be merged (`reason`): it was left as it is,
    /// and rolefit's version is in `copy`.
    Stopped { copy: PathBuf, reason: String },
}

/// Saves `ours` to `path` unless another program changed the file since `known` (see the
/// module's comment); `known` then describes what was written. `top` is the highest level the
/// framework's scale has, for reading the file as it is now.
pub fn save(
    path: &Path,
    known: &mut Option<Known>,
    ours: &Assessment,
    top: u8,
) -> io::Result<Saved> {
    let current = match super::read_regular(path, super::MAX_FILE_BYTES) {
        Ok(bytes) => Some(bytes),
        Err(err @ (ReadError::NotRegular { .. } | ReadError::TooLarge { .. })) => {
            return stop(path, ours, format!("it now {}", err.reason()));
        }
        Err(ReadError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => None,
        Err(ReadError::Io { source, .. }) => return Err(source),
    };
    let Some(bytes) = current else {
        let removed = known.is_some();
        write(path, known, ours, None)?;
        return Ok(if removed {
            Saved::Recreated
        } else {
            Saved::Written
        });
    };
    if known.as_ref().is_some_and(|k| k.hash == hash(&bytes)) {
        write(path, known, ours, Some(&bytes))?;
        return Ok(Saved::Written);
    }
    // Changed by someone else, or made by someone else since a first run found no file.
    let theirs = match std::str::from_utf8(&bytes) {
        Err(_) => return stop(path, ours, "it is not UTF-8 text now".to_string()),
        Ok(text) => match codec::parse_up_to(text, &ours.name, top) {
            Ok(theirs) => theirs,
            Err(ParseError::NewerFormat { found }) => {
                let reason = format!("a newer rolefit wrote it (format {found})");
                return stop(path, ours, reason);
            }
            Err(ParseError::Invalid {
                line,
                column,
                reason,
            }) => {
                let reason =
                    format!("it cannot be read now (line {line}, column {column}: {reason})");
                return stop(path, ours, reason);
            }
        },
    };
    if !merge::same_framework(&theirs, ours) {
        let reason = format!("it is now made with the framework {:?}", theirs.framework);
        return stop(path, ours, reason);
    }
    let base = match known {
        Some(known) => known.assessment.clone(),
        None => empty_like(ours),
    };
    let merged = merge::merge(&base, ours, &theirs);
    let copy = if merged.clashes.is_empty() {
        None
    } else {
        Some(write_copy(path, ours)?)
    };
    write(path, known, &merged.assessment, Some(&bytes))?;
    Ok(Saved::Merged {
        ours: Box::new(ours.clone()),
        theirs: Box::new(theirs),
        outside: merged.outside,
        clashes: merged.clashes,
        copy,
    })
}

/// `ours` with nothing rated, planned, closed or reviewed: what a file that did not exist
/// held, to merge one that appeared since against.
fn empty_like(ours: &Assessment) -> Assessment {
    let mut empty = ours.clone();
    empty.ratings.clear();
    empty.plan.clear();
    empty.history.clear();
    empty.reviews.clear();
    empty.extra.clear();
    empty
}

/// Writes `assessment` atomically over the file that held `old` (its comments kept) and
/// remembers it as what the file holds.
fn write(
    path: &Path,
    known: &mut Option<Known>,
    assessment: &Assessment,
    old: Option<&[u8]>,
) -> io::Result<()> {
    let text = super::text_over(old, assessment);
    super::atomic::write_atomic(path, text.as_bytes())?;
    *known = Some(Known::new(text.as_bytes(), assessment.clone()));
    Ok(())
}

/// Leaves the file alone and keeps `ours` in a conflict copy.
fn stop(path: &Path, ours: &Assessment, reason: String) -> io::Result<Saved> {
    let copy = write_copy(path, ours)?;
    Ok(Saved::Stopped { copy, reason })
}

/// Writes `ours` beside `path` as `NAME.conflict-TIME.toml` (a new name, never over a file).
pub fn write_copy(path: &Path, ours: &Assessment) -> io::Result<PathBuf> {
    let stem = super::paths::stem(path);
    let stamp = crate::clock::file_stamp();
    let mut copy = path.with_file_name(format!("{stem}.conflict-{stamp}.toml"));
    let mut n = 1;
    while std::fs::symlink_metadata(&copy).is_ok() {
        copy = path.with_file_name(format!("{stem}.conflict-{stamp}-{n}.toml"));
        n += 1;
    }
    super::atomic::write_atomic(&copy, codec::to_toml(ours).as_bytes())?;
    Ok(copy)
}

/// The conflict copies beside `path`, oldest first.
pub fn conflict_copies(path: &Path) -> Vec<PathBuf> {
    let stem = super::paths::stem(path);
    let prefix = format!("{stem}.conflict-");
    let Some(dir) = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".toml")
        })
        .map(|e| e.path())
        .collect();
    copies.sort();
    copies
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolefit_core::{Level, Rating};

    fn level(n: u8) -> Option<Rating> {
        Some(Rating::Level(Level::new(n).unwrap()))
    }

    /// An assessment written to `path`, and what rolefit knows of it.
    fn saved(path: &Path) -> (Assessment, Option<Known>) {
        let mut a = Assessment::new(
            "default",
            &crate::framework::builtin(),
            crate::clock::utc_from_epoch(0),
        );
        a.set_rating(&"DP1".into(), level(3));
        let mut known = None;
        assert_eq!(save(path, &mut known, &a, 5).unwrap(), Saved::Written);
        (a, known)
    }

    fn on_disk(path: &Path) -> Assessment {
        codec::parse(&std::fs::read_to_string(path).unwrap(), "default").unwrap()
    }

    /// R-ND4: a note changed and a rating added by hand while rolefit had the file open survive
    /// rolefit's next save, merged with what rolefit changed.
    #[test]
    fn a_hand_edit_of_other_competencies_is_merged_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        let (mut ours, mut known) = saved(&path);
        let mut theirs = on_disk(&path);
        theirs.set_note(&"DP1".into(), "edited by hand".into());
        theirs.set_rating(&"FD4".into(), level(5));
        std::fs::write(&path, codec::to_toml(&theirs)).unwrap();
        ours.set_rating(&"DP2".into(), level(2));
        let Saved::Merged {
            outside,
            clashes,
            copy,
            ..
        } = save(&path, &mut known, &ours, 5).unwrap()
        else {
            panic!("not merged");
        };
        assert_eq!(
            outside,
            [Part::Rating("DP1".into()), Part::Rating("FD4".into())]
        );
        assert!(clashes.is_empty() && copy.is_none());
        let file = on_disk(&path);
        assert_eq!(file.note(&"DP1".into()), "edited by hand");
        assert_eq!(file.rating(&"FD4".into()), level(5));
        assert_eq!(file.rating(&"DP2".into()), level(2));
        // What was written is known now: the next save is an ordinary one.
        assert_eq!(save(&path, &mut known, &file, 5).unwrap(), Saved::Written);
    }

    /// Both changed DP1: the file keeps theirs, ours goes to a conflict copy beside it.
    #[test]
    fn a_clash_keeps_both_the_file_and_a_conflict_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        let (mut ours, mut known) = saved(&path);
        let mut theirs = on_disk(&path);
        theirs.set_rating(&"DP1".into(), level(1));
        std::fs::write(&path, codec::to_toml(&theirs)).unwrap();
        ours.set_rating(&"DP1".into(), level(4));
        let Saved::Merged { clashes, copy, .. } = save(&path, &mut known, &ours, 5).unwrap() else {
            panic!("not merged");
        };
        assert_eq!(clashes, [Part::Rating("DP1".into())]);
        let copy = copy.expect("a conflict copy");
        assert!(
            copy.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("default.conflict-")
        );
        assert_eq!(on_disk(&path).rating(&"DP1".into()), level(1));
        assert_eq!(on_disk(&copy).rating(&"DP1".into()), level(4));
        assert_eq!(conflict_copies(&path), [copy]);
    }

    /// A file broken by hand is neither overwritten nor merged: ours goes to a copy.
    #[test]
    fn a_file_that_cannot_be_read_now_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        let (ours, mut known) = saved(&path);
        std::fs::write(&path, "format = 1\nthis is not toml").unwrap();
        let Saved::Stopped { copy, reason } = save(&path, &mut known, &ours, 5).unwrap() else {
            panic!("not stopped");
        };
        assert!(reason.contains("cannot be read now"), "{reason}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "format = 1\nthis is not toml"
        );
        assert_eq!(on_disk(&copy).rating(&"DP1".into()), level(3));
    }

    /// A touch (same bytes, new time) is no change; a removed file is written again.
    #[test]
    fn a_touch_is_no_change_and_a_removed_file_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.toml");
        let (ours, mut known) = saved(&path);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(save(&path, &mut known, &ours, 5).unwrap(), Saved::Written);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(save(&path, &mut known, &ours, 5).unwrap(), Saved::Recreated);
        assert_eq!(on_disk(&path).rating(&"DP1".into()), level(3));
    }
}
