//! What the runtime reports back to the app, and the one input type of `App::update`.
//!
//! `update` takes a [`Msg`]: either an [`Intent`] (what a key, click or paste means, from the
//! keymap) or an [`Event`] (what the terminal or the runtime reports: a resize, a frame drawn,
//! a save finished or failed, a report written, a note back from the user's editor). Two
//! enums rather than one `Event` with an intent inside keep the keymap's vocabulary free of
//! runtime results, so a binding can only ever name something a user can ask for; `Msg` joins
//! them so the runtime hands the app everything through one call. Both convert into `Msg`, so
//! `app.update(Intent::Down, now)` and `app.update(Event::Resize(80, 24), now)` read alike.
//!
//! Results carry their errors typed (an I/O error, a storage error, an [`EditorError`]); the
//! app words them for the user when it shows them.

use std::io;
use std::path::PathBuf;

use ratatui::crossterm::event::MouseEvent;

use super::{App, Effect, Intent, Notice, Prompt, SaveStatus};
use crate::domain::{Assessment, CompetencyId};
use crate::storage;
use crate::storage::guarded::Saved;

/// Everything `App::update` takes.
#[derive(Debug)]
pub enum Msg {
    /// What the user asked for.
    Intent(Intent),
    /// What the terminal or the runtime reports.
    Event(Event),
}

impl Msg {
    /// The intent this message carries, if it is one.
    pub fn into_intent(self) -> Option<Intent> {
        match self {
            Msg::Intent(intent) => Some(intent),
            Msg::Event(_) => None,
        }
    }
}

impl From<Intent> for Msg {
    fn from(intent: Intent) -> Msg {
        Msg::Intent(intent)
    }
}

impl From<Event> for Msg {
    fn from(event: Event) -> Msg {
        Msg::Event(event)
    }
}

/// What the terminal or the runtime reports. These apply whoever has the keyboard.
#[derive(Debug)]
pub enum Event {
    /// A click or the wheel, which the app resolves against the last frame drawn into the
    /// intent a key would have (see `ui::hit`).
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize(u16, u16),
    /// A frame was drawn; where its scrollable parts ended up.
    Drawn(Box<super::frame::Drawn>),
    /// A save finished, at this local time (`14:03:12`).
    Saved { at: String },
    /// A save failed; it is retried.
    SaveFailed(io::Error),
    /// A save found the file changed by another program, and merged it or kept both (or found
    /// it removed, and wrote it again).
    SavedOutside(Box<Saved>),
    /// The save before quitting failed (the failure is the save state already reported).
    QuitFailed,
    /// A report was written to this path, or could not be.
    Exported(Result<PathBuf, storage::Error>),
    /// The unreadable file was moved to this path (carry on with a fresh assessment), or could
    /// not be.
    MovedAside(Result<PathBuf, storage::Error>),
    /// Something the user should know that no screen shows.
    Notify(String),
    /// The user's editor gave back this text for the note of this competency, or could not.
    NoteEdited(CompetencyId, Result<String, EditorError>),
    /// The process must stop (a signal, a closed terminal): keep the note or plan being typed,
    /// as quitting does, before the last save.
    Stopping,
}

impl App {
    /// Applies what the terminal or the runtime reports (a click is the user's: see
    /// `mouse`).
    pub(super) fn apply_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Mouse(event) => return self.mouse(&event),
            Event::Resize(w, h) => {
                // The verdict panel's lines wrap anew: from its headline again, never from a
                // line that now falls elsewhere.
                if (w, h) != self.size {
                    self.results.summary_scroll = 0;
                }
                self.size = (w, h);
            }
            Event::Drawn(drawn) => self.drawn(&drawn),
            Event::Saved { at } => {
                self.dirty = false;
                self.dirty_data = false;
                // Read-only since (the file was changed in a way that cannot be merged): the
                // footer keeps saying so.
                if !self.read_only {
                    self.save = SaveStatus::Saved(at);
                }
            }
            Event::SaveFailed(err) => {
                self.save = SaveStatus::Failed(storage::describe_io_error(&err));
            }
            Event::SavedOutside(saved) => self.saved_outside(*saved),
            Event::QuitFailed => {
                let reason = match &self.save {
                    SaveStatus::Failed(reason) => reason.clone(),
                    _ => "unknown error".into(),
                };
                self.prompt = Some(Prompt::ConfirmQuit(reason));
            }
            Event::Exported(result) => {
                self.notice = Some(match result {
                    Ok(path) => Notice::ReportWritten(path),
                    Err(err) => Notice::ReportFailed(err.to_string()),
                });
            }
            Event::MovedAside(Ok(moved_to)) => self.start_fresh(&moved_to),
            Event::MovedAside(Err(err)) => self.notice = Some(Notice::Said(err.to_string())),
            Event::Notify(message) => self.notice = Some(Notice::Said(message)),
            Event::NoteEdited(id, result) => return self.note_edited(id, result),
            Event::Stopping => {
                let mut effects = self.close_note();
                effects.extend(self.close_plan());
                self.round_label = None;
                self.name_field = None;
                return effects;
            }
        }
        Vec::new()
    }

    /// Whoever has the keyboard: what a text field holds is kept in the assessment (its
    /// editor stays open), so the save before the suspend has it.
    pub(super) fn suspend(&mut self) -> Vec<Effect> {
        let mut effects = self.keep_note();
        effects.extend(self.keep_plan());
        effects.push(Effect::Suspend);
        effects
    }

    /// The unreadable file was moved to `moved_to`: a fresh assessment under the same name
    /// takes its place.
    fn start_fresh(&mut self, moved_to: &std::path::Path) {
        self.prompt = None;
        self.assessment = Assessment::new(&self.assessment.name, &self.framework, self.now);
        // The steps were taken on the file moved aside.
        self.history.clear();
        self.welcome = true;
        self.notice = Some(Notice::MovedAside(moved_to.to_path_buf()));
        self.restore_position();
        self.refresh();
    }
}

/// Why the user's own editor ($VISUAL, $EDITOR) gave no note back. In each case the note stays
/// as it was.
#[derive(Debug)]
pub enum EditorError {
    /// The note could not be put in a file for the editor.
    NoFile(io::Error),
    /// The editor (this command) could not be started.
    NotStarted { editor: String, why: NotStarted },
    /// The editor ended with an error (e.g. `:cq` in vi), which means "throw it away": this
    /// exit status, or `None` for a signal.
    Failed { editor: String, status: Option<i32> },
    /// The note the editor saved could not be read back.
    Unreadable(io::Error),
    /// The note the editor saved is not UTF-8 text.
    NotText,
}

/// Why an editor could not be started.
#[derive(Debug)]
pub enum NotStarted {
    /// Starting it failed with this error.
    Io(io::Error),
    /// The shell found no such command.
    NotFound,
    /// The shell found it but could not run it.
    NotExecutable,
    /// There is no terminal to run it in.
    NoTerminal,
}

/// Worded by the view (`strings`), as every notice is.
impl std::error::Error for EditorError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AppInit;
    use crate::domain::{Level, Rating};

    fn t0() -> crate::domain::time::Datetime {
        crate::clock::utc_from_epoch(0)
    }

    /// An app on a rated assessment named "sam".
    fn app() -> App {
        let fw = crate::storage::framework::builtin();
        let mut assessment = Assessment::new("sam", &fw, t0());
        let rating = Rating::Level(Level::new(3).unwrap());
        assessment.set_rating(&"DP1".into(), Some(rating));
        App::new(AppInit::new(fw, assessment))
    }

    /// The runtime's typed results are worded by the app: a failed save by its reason, a
    /// report by its file or by why it was not written, a file moved aside by where it went.
    #[test]
    fn reported_results_are_worded_for_the_user() {
        let mut app = app();
        let full = io::Error::from(io::ErrorKind::StorageFull);
        app.update(Event::SaveFailed(full), t0());
        assert_eq!(app.save_status(), &SaveStatus::Failed("disk full".into()));
        app.update(
            Event::Saved {
                at: "09:15:00".into(),
            },
            t0(),
        );
        assert_eq!(app.save_status(), &SaveStatus::Saved("09:15:00".into()));

        let denied = storage::Error::WriteReport {
            path: "/r/sam.md".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        app.update(Event::Exported(Err(denied)), t0());
        assert_eq!(
            app.notice_text().as_deref(),
            Some("Could not write the report: /r/sam.md: permission denied")
        );
        app.update(Event::Exported(Ok("/r/sam.md".into())), t0());
        assert_eq!(
            app.notice_text().as_deref(),
            Some("Report written: sam.md in /r")
        );

        let stuck = storage::Error::MoveAside {
            path: "/d/sam.toml".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        app.update(Event::MovedAside(Err(stuck)), t0());
        assert!(
            app.notice_text()
                .as_deref()
                .unwrap()
                .starts_with("cannot move /d/sam.toml aside")
        );
        assert!(!app.assessment().ratings.is_empty(), "nothing is lost");
    }

    /// Once the unreadable file is moved aside, a fresh assessment of the same name takes its
    /// place, started at the time of the event.
    #[test]
    fn a_file_moved_aside_gives_a_fresh_assessment_of_the_same_name() {
        let mut app = app();
        let later = crate::clock::utc_from_epoch(86_400);
        app.update(Event::MovedAside(Ok("/d/sam.toml.broken".into())), later);
        assert_eq!(app.assessment().name, "sam");
        assert!(app.assessment().ratings.is_empty());
        assert_eq!(app.assessment().created, later);
        assert_eq!(app.prompt(), None);
        assert_eq!(
            app.notice(),
            Some(Notice::MovedAside("/d/sam.toml.broken".into())).as_ref()
        );
    }

    /// Each way the editor can fail is worded as before the errors were typed, naming the
    /// editor and saying the note is unchanged.
    #[test]
    fn editor_errors_are_worded_for_the_user() {
        let not_found = EditorError::NotStarted {
            editor: "vim".into(),
            why: NotStarted::NotFound,
        };
        assert_eq!(
            not_found.to_string(),
            crate::strings::editor_not_started("vim", "command not found")
        );
        let none = EditorError::NotStarted {
            editor: "none".into(),
            why: NotStarted::NoTerminal,
        };
        assert!(
            none.to_string()
                .contains("there is no terminal to run it in")
        );
        let failed = EditorError::Failed {
            editor: "vi".into(),
            status: Some(1),
        };
        assert!(failed.to_string().contains("`vi` ended with exit status 1"));
        let killed = EditorError::Failed {
            editor: "vi".into(),
            status: None,
        };
        assert!(killed.to_string().contains("ended with a signal"));
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert!(
            EditorError::NoFile(denied)
                .to_string()
                .contains("(permission denied)")
        );
        assert!(EditorError::NotText.to_string().contains("not UTF-8 text"));
        for error in [not_found, none, failed, killed, EditorError::NotText] {
            assert!(error.to_string().contains("unchanged"), "{error}");
        }
    }
}
