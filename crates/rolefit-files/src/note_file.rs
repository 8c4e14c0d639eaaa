//! The private folder a note is edited in with the user's own editor (`E`, `Ctrl-E`), and the
//! clean-up of such folders left behind when rolefit was killed while the editor was open.
//!
//! A folder `rolefit-note-XXXX` in the temp folder, 0700 whatever the umask, holds `note.md`
//! (0600, what the editor edits), `given.md` (the note as it was handed over), `origin` (which
//! assessment and competency the note belongs to) and `lock`, which the running rolefit holds
//! while the editor is open. A folder whose lock can be taken belongs to a rolefit that has
//! ended: the next start of the same assessment takes back a note that was saved in the editor
//! but never came back, and removes the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What the folders' names start with.
pub const PREFIX: &str = "rolefit-note-";

/// The largest note read back from the editor. A note is a few paragraphs; more than this is
/// not a note a person wrote, and is refused rather than read into memory.
pub const MAX_NOTE: u64 = 16 * 1024 * 1024;

/// A folder of an older rolefit (without `origin`) is removed once it is this old: older than
/// any editing session, and no rolefit that made one can still be running its editor.
const OLD_LEFTOVER: Duration = Duration::from_secs(24 * 60 * 60);

/// A note in its private folder, handed to the user's editor. The folder is removed when this
/// is dropped.
pub struct NoteFile {
    dir: tempfile::TempDir,
    note: PathBuf,
    /// Held while the editor runs: tells a later start that this folder is in use.
    _lock: File,
}

impl NoteFile {
    /// Creates the folder in the system's temp folder, with `text` in `note.md`, recording that
    /// it is the note of `competency` in the assessment at `assessment`.
    pub fn create(text: &str, assessment: &Path, competency: &str) -> io::Result<NoteFile> {
        Self::create_in(&std::env::temp_dir(), text, assessment, competency)
    }

    /// [`NoteFile::create`] in `parent`.
    pub fn create_in(
        parent: &Path,
        text: &str,
        assessment: &Path,
        competency: &str,
    ) -> io::Result<NoteFile> {
        let dir = private_dir(parent)?;
        let lock = create_private(&dir.path().join("lock"), b"")?;
        lock.try_lock().map_err(io::Error::from)?;
        let origin = Origin {
            assessment: super::canonical_location(assessment)
                .unwrap_or_else(|| assessment.to_path_buf()),
            competency: competency.to_string(),
        };
        create_private(&dir.path().join("origin"), origin.to_text().as_bytes())?;
        // An empty note is an empty file: an editor that appends puts its text on line one.
        let body = if text.is_empty() {
            String::new()
        } else {
            format!("{text}\n")
        };
        create_private(&dir.path().join("given.md"), body.as_bytes())?;
        let note = dir.path().join("note.md");
        create_private(&note, body.as_bytes())?;
        Ok(NoteFile {
            dir,
            note,
            _lock: lock,
        })
    }

    /// The file the editor edits.
    pub fn path(&self) -> &Path {
        &self.note
    }

    /// What the editor saved, read without following a link: only a regular file owned by the
    /// owner of the folder, of at most [`MAX_NOTE`] bytes (an editor may replace the file by
    /// a new one; nobody else can, as the folder is the user's alone).
    pub fn read(&self) -> io::Result<Vec<u8>> {
        read_own(&self.note, self.dir.path())
    }
}

/// A note saved in the user's editor that never came back to rolefit (it was killed while the
/// editor was open), for the assessment being opened. Its folder stays until [`Recovered::
/// remove`], so the note is not lost before it is saved into the assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovered {
    /// The competency the note belongs to.
    pub competency: String,
    /// The note as it was handed to the editor.
    pub given: String,
    /// The note as the editor saved it.
    pub saved: String,
    folder: PathBuf,
}

impl Recovered {
    /// Removes the folder the note was found in.
    pub fn remove(self) {
        let _ = fs::remove_dir_all(&self.folder);
    }
}

/// Removes the note folders in the system's temp folder that rolefits which have ended left
/// behind, and returns the notes among them that belong to `assessment` and were changed in
/// the editor (see [`clean_up_in`]).
pub fn clean_up(assessment: &Path) -> Vec<Recovered> {
    clean_up_in(&std::env::temp_dir(), assessment)
}

/// In `parent`: every `rolefit-note-*` folder of this user whose rolefit has ended is removed,
/// but for a note changed in the editor: one that belongs to `assessment` is returned (the
/// caller removes it once the note is safe), one of another assessment is left for that
/// assessment's next start. Folders in
/// use, of other users, or that are links are never touched.
pub fn clean_up_in(parent: &Path, assessment: &Path) -> Vec<Recovered> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let assessment = super::canonical_location(assessment);
    let mut recovered = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_name().to_string_lossy().starts_with(PREFIX) {
            continue;
        }
        let dir = entry.path();
        if !is_own_dir(&dir) {
            continue;
        }
        match leftover(&dir) {
            Leftover::InUse | Leftover::Unknown => continue,
            Leftover::Old => {}
            Leftover::Ended(origin, note) => {
                if let Some(note) = note {
                    if Some(&origin.assessment) == assessment.as_ref() {
                        recovered.push(Recovered {
                            competency: origin.competency,
                            given: note.0,
                            saved: note.1,
                            folder: dir,
                        });
                    }
                    continue;
                }
            }
        }
        let _ = fs::remove_dir_all(&dir);
    }
    recovered
}

/// What a folder left in the temp folder is.
enum Leftover {
    /// Its rolefit still runs.
    InUse,
    /// Its rolefit has ended: whose note it was, and the note as given and as saved when the
    /// editor changed it.
    Ended(Origin, Option<(String, String)>),
    /// Made by an older rolefit (no record of whose it is) long ago.
    Old,
    /// Not recognisably one of ours, or too young to judge: left alone.
    Unknown,
}

fn leftover(dir: &Path) -> Leftover {
    let Ok(lock) = OpenOptions::new()
        .read(true)
        .custom_flags_nofollow()
        .open(dir.join("lock"))
    else {
        let old = fs::symlink_metadata(dir)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > OLD_LEFTOVER);
        return if old {
            Leftover::Old
        } else {
            Leftover::Unknown
        };
    };
    if lock.try_lock().is_err() {
        return Leftover::InUse;
    }
    let text = |name: &str| {
        read_own(&dir.join(name), dir)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    };
    let Some(origin) = text("origin").and_then(|t| Origin::from_text(&t)) else {
        return Leftover::Ended(
            Origin {
                assessment: PathBuf::new(),
                competency: String::new(),
            },
            None,
        );
    };
    let changed = match (text("given.md"), text("note.md")) {
        (Some(given), Some(saved)) if given.trim_end() != saved.trim_end() => Some((
            given.trim_end().to_string(),
            saved.replace("\r\n", "\n").trim_end().to_string(),
        )),
        _ => None,
    };
    Leftover::Ended(origin, changed)
}

/// Whose note a folder holds.
struct Origin {
    /// The assessment file, canonical.
    assessment: PathBuf,
    competency: String,
}

impl Origin {
    /// Two lines: the competency id, then the assessment's path (which may hold any character
    /// but a newline; a path with one is recorded as it is and simply never matches).
    fn to_text(&self) -> String {
        format!(
            "{}\n{}",
            self.competency,
            self.assessment.to_string_lossy().replace('\n', "\u{FFFD}")
        )
    }

    fn from_text(text: &str) -> Option<Origin> {
        let (competency, path) = text.split_once('\n')?;
        Some(Origin {
            assessment: PathBuf::from(path),
            competency: competency.to_string(),
        })
    }
}

/// A new folder in `parent`, readable by its owner only whatever the umask.
fn private_dir(parent: &Path) -> io::Result<tempfile::TempDir> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix(PREFIX)
            .permissions(fs::Permissions::from_mode(0o700))
            .tempdir_in(parent)?;
        // The mode asked for is narrowed by the umask, never widened; set it outright anyway.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700))?;
        Ok(dir)
    }
    #[cfg(not(unix))]
    {
        tempfile::Builder::new().prefix(PREFIX).tempdir_in(parent)
    }
}

/// Creates `path` (which must not exist) readable and writable by its owner only, with
/// `contents`.
fn create_private(path: &Path, contents: &[u8]) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()?;
    Ok(file)
}

/// Whether `dir` is a folder (not a link to one) owned by this user.
fn is_own_dir(dir: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.is_dir() && meta.uid() == current_user()
    }
    #[cfg(not(unix))]
    {
        meta.is_dir()
    }
}

/// The user rolefit runs as.
#[cfg(unix)]
fn current_user() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Reads `path` in `dir` without following a link: a regular file with the same owner as the
/// folder, of at most [`MAX_NOTE`] bytes.
fn read_own(path: &Path, dir: &Path) -> io::Result<Vec<u8>> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags_nofollow()
        .open(path)
        .map_err(|err| {
            if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                io::Error::other("it was replaced by a link, which rolefit does not follow")
            } else {
                err
            }
        })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other(format!(
            "it is {}, not a regular file",
            super::file_kind(&meta)
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let owner = fs::symlink_metadata(dir)?.uid();
        if meta.uid() != owner {
            return Err(io::Error::other("it belongs to another user"));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    if meta.len() > MAX_NOTE {
        return Err(io::Error::other(format!(
            "it is larger than {} MiB",
            MAX_NOTE / 1024 / 1024
        )));
    }
    let mut bytes = Vec::new();
    file.take(MAX_NOTE + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `O_NOFOLLOW | O_NONBLOCK` on an open: a link is refused and a FIFO is not waited on.
trait NoFollow {
    fn custom_flags_nofollow(&mut self) -> &mut Self;
}

impl NoFollow for OpenOptions {
    fn custom_flags_nofollow(&mut self) -> &mut Self {
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(self, libc::O_NOFOLLOW | libc::O_NONBLOCK);
        self
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    /// Under a umask of 0 the folder is still 0700 and the note 0600.
    #[test]
    fn the_folder_is_private_whatever_the_umask() {
        let parent = tempfile::tempdir().unwrap();
        // SAFETY: umask has no preconditions; the old mask is put back below.
        let old = unsafe { libc::umask(0) };
        let note = NoteFile::create_in(parent.path(), "text", Path::new("/a.toml"), "DP1");
        unsafe { libc::umask(old) };
        let note = note.unwrap();
        let dir = note.path().parent().unwrap();
        assert_eq!(
            fs::metadata(dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let mode = fs::metadata(note.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(note.read().unwrap(), b"text\n");
    }

    /// A note replaced by a link to another file is not read through the link.
    #[test]
    fn a_note_replaced_by_a_link_is_not_followed() {
        let parent = tempfile::tempdir().unwrap();
        let secret = parent.path().join("secret.txt");
        fs::write(&secret, "private").unwrap();
        let note = NoteFile::create_in(parent.path(), "text", Path::new("/a.toml"), "DP1").unwrap();
        fs::remove_file(note.path()).unwrap();
        symlink(&secret, note.path()).unwrap();
        let err = note.read().unwrap_err();
        assert!(err.to_string().contains("link"), "{err}");
        // An editor that saves a new file in its place is fine.
        fs::remove_file(note.path()).unwrap();
        fs::write(note.path(), "rewritten").unwrap();
        assert_eq!(note.read().unwrap(), b"rewritten");
    }

    /// A folder in use is left alone; once its rolefit has ended it is removed, and a note saved
    /// in the editor comes back to the next start of its own assessment only.
    #[test]
    fn leftovers_are_removed_and_changed_notes_come_back_to_their_assessment() {
        let parent = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let mine = data.path().join("mine.toml");
        let other = data.path().join("other.toml");
        let note = NoteFile::create_in(parent.path(), "before", &mine, "DP1").unwrap();
        assert!(clean_up_in(parent.path(), &mine).is_empty(), "in use");
        assert!(note.path().exists());
        fs::write(note.path(), "after, from the editor\n").unwrap();
        // The rolefit that made it ends without removing it (as kill -9 would).
        let kept = note.dir.keep();
        drop(note._lock);
        let untouched = NoteFile::create_in(parent.path(), "same", &mine, "DP2").unwrap();
        let untouched_dir = untouched.dir.keep();
        drop(untouched._lock);
        // Another assessment's start leaves a changed note for its own assessment...
        assert!(clean_up_in(parent.path(), &other).is_empty());
        assert!(kept.exists(), "left for its own assessment");
        assert!(
            !untouched_dir.exists(),
            "an unchanged note has nothing to give back"
        );
        // ...whose start takes it back and removes the folder.
        let back = clean_up_in(parent.path(), &mine);
        assert_eq!(
            back,
            [Recovered {
                competency: "DP1".into(),
                given: "before".into(),
                saved: "after, from the editor".into(),
                folder: kept.clone(),
            }]
        );
        assert!(kept.exists(), "kept until the caller has the note safe");
        back.into_iter().for_each(Recovered::remove);
        assert!(!kept.exists());
    }

    /// Links and folders of other names are never touched.
    #[test]
    fn links_and_other_folders_are_left_alone() {
        let parent = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        symlink(target.path(), parent.path().join("rolefit-note-link")).unwrap();
        fs::create_dir(parent.path().join("other")).unwrap();
        clean_up_in(parent.path(), Path::new("/x.toml"));
        assert!(parent.path().join("rolefit-note-link").exists());
        assert!(target.path().exists());
        assert!(parent.path().join("other").exists());
    }
}
