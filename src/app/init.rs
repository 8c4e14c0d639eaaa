//! What an `App` starts from: the assessment as read from disk, how it was found, the lock,
//! and the terminal; and what the app says about it on the first frame.

use super::Background;
use super::notice::{Notice, ReadOnly};
use super::{App, Prompt, SaveStatus};
use crate::domain::{Assessment, Framework, Screen};
use crate::storage::Unreadable;

/// How the assessment file was found at start.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// No file yet: a first run, with the welcome.
    FirstRun,
    /// A saved assessment, resumed where it was left.
    Resumed,
    /// A file from a newer rolefit (this format): shown read-only, never written.
    Newer(i64),
    /// A file that cannot be read: the user chooses to quit or start fresh.
    Unreadable(Unreadable),
    /// Nothing to say (tests, benchmarks, screenshots).
    Quietly,
}

/// The single-writer lock on the assessment, as found at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// This rolefit holds it and may write.
    Held,
    /// Another rolefit holds it.
    Busy,
    /// It could not be created or opened, for this reason: the app opens read-only rather
    /// than write without it.
    Unavailable(String),
    /// Opened only to look at (a person's Results from the team view): never written.
    Viewing,
}

/// Days after the last round when the start suggests rating again, unless configured.
pub const DEFAULT_RERATE_DAYS: u32 = 90;

/// What the app starts from: everything read from disk and the terminal before the first
/// frame. The one way to build an `App`.
#[derive(Clone, Debug)]
pub struct AppInit {
    pub framework: Framework,
    pub assessment: Assessment,
    pub opened: Opened,
    pub lock: LockState,
    /// Draw with colour (off under NO_COLOR).
    pub color: bool,
    /// The terminal's background, which picks the theme (dark unless detected or chosen).
    pub background: Background,
    /// The terminal's size.
    pub size: (u16, u16),
    /// Competencies whose notes were taken back from the user's editor at start: saved there
    /// while rolefit was killed, and written into the file before the app starts.
    pub notes_taken_back: Vec<String>,
    /// The last start of this assessment was stopped by a bug: what to say about it. The app
    /// then opens on the Roles screen, whatever screen it was on, and opens no editor.
    pub crashed: Option<String>,
    /// The assessment file's name without `.toml`: how the person is shown when they give no
    /// name (the assessment's name until the caller says otherwise).
    pub file_name: String,
    /// Someone else reads the assessment (a team lead, from the team view): the person's name,
    /// and the screens speak of them in the third person. A review file says so by itself.
    pub about: Option<String>,
    /// What the name field suggests when it asks for the person's name once (the account's
    /// full name, for the user's own assessment); Enter with nothing typed keeps it.
    pub name_default: Option<String>,
    /// Days after the last closed round when the start says it may be time to rate again
    /// (the configuration's `rerate_after_days`, 90 unless set; 0: never).
    pub rerate_days: u32,
}

impl AppInit {
    /// An assessment opened quietly, with the lock held, in colour, at 80×24.
    pub fn new(framework: Framework, assessment: Assessment) -> AppInit {
        AppInit {
            file_name: assessment.name.clone(),
            about: None,
            name_default: None,
            rerate_days: DEFAULT_RERATE_DAYS,
            framework,
            assessment,
            opened: Opened::Quietly,
            lock: LockState::Held,
            color: true,
            background: Background::Dark,
            size: (80, 24),
            notes_taken_back: Vec::new(),
            crashed: None,
        }
    }

    /// As found at start.
    pub fn opened(self, opened: Opened) -> AppInit {
        AppInit { opened, ..self }
    }

    /// With colour or without.
    pub fn color(self, color: bool) -> AppInit {
        AppInit { color, ..self }
    }

    /// On this background.
    pub fn background(self, background: Background) -> AppInit {
        AppInit { background, ..self }
    }

    /// At this terminal size.
    pub fn size(self, size: (u16, u16)) -> AppInit {
        AppInit { size, ..self }
    }

    /// With Rate showing the targets before a rating, or not (the configuration's
    /// `show_targets`; `T` still toggles it).
    pub fn show_targets(mut self, show: bool) -> AppInit {
        self.assessment.position.show_targets = show;
        self
    }

    /// Says it may be time to rate again this many days after the last round (0: never).
    pub fn rerate_days(self, rerate_days: u32) -> AppInit {
        AppInit {
            rerate_days,
            ..self
        }
    }

    /// Read by someone else about `person` (see [`AppInit::about`]).
    pub fn about(self, person: String) -> AppInit {
        AppInit {
            about: Some(person),
            ..self
        }
    }

    /// For the assessment file named `file_name` (without `.toml`).
    pub fn file_name(self, file_name: String) -> AppInit {
        AppInit { file_name, ..self }
    }

    /// With the lock as found.
    pub fn lock(self, lock: LockState) -> AppInit {
        AppInit { lock, ..self }
    }

    /// After a crash, saying `notice` (see [`AppInit::crashed`]).
    pub fn crashed(self, notice: String) -> AppInit {
        AppInit {
            crashed: Some(notice),
            ..self
        }
    }

    /// With these notes taken back from the user's editor (see [`AppInit::notes_taken_back`]).
    pub fn notes_taken_back(self, notes_taken_back: Vec<String>) -> AppInit {
        AppInit {
            notes_taken_back,
            ..self
        }
    }
}

impl App {
    /// What the start says about the plan and the last round, if anything: actions overdue or
    /// due within a week, and a round older than `rerate_days`.
    pub(super) fn coming_back(&self, rerate_days: u32) -> Vec<Notice> {
        let today = self.today();
        let actions = || self.assessment.actions().map(|(_, a)| a);
        let overdue = actions()
            .filter(|a| crate::domain::due::overdue(a, today))
            .count();
        let soon = actions()
            .filter(|a| crate::domain::due::due_within(a, today, 7))
            .count();
        let days = self.assessment.history.last().and_then(|round| {
            let taken = crate::clock::local_date(&round.taken)?;
            let days =
                crate::domain::due::day_number(today) - crate::domain::due::day_number(taken);
            (rerate_days > 0 && days >= i64::from(rerate_days)).then_some(days)
        });
        let mut parts = Vec::new();
        if overdue + soon > 0 {
            parts.push(Notice::PlanReminder { overdue, soon });
        }
        if let Some(days) = days {
            parts.push(Notice::TimeToRerate(days));
        }
        parts
    }

    /// Says how the file was found, and takes the prompt or read-only state that follows.
    pub(super) fn opened(&mut self, opened: Opened, lock: LockState, rerate_days: u32) {
        match opened {
            Opened::FirstRun => self.welcome = true,
            Opened::Resumed => {
                let (rated, total) = self.progress();
                let unknown: Vec<String> = self
                    .assessment
                    .unknown_ids(&self.framework)
                    .into_iter()
                    .map(|id| id.0)
                    .collect();
                let resumed = Notice::Resumed {
                    rated,
                    total,
                    review_of: crate::review::reviewing(&self.assessment).map(|r| r.person),
                };
                // A changed framework is said once, then recorded for the next save.
                let changed = Notice::framework_changed(&self.assessment, &self.framework);
                self.assessment.record_framework(&self.framework);
                // Unknown ids and a changed framework are worth keeping in view until the
                // screen changes.
                self.notice_until_input = unknown.is_empty() && changed.is_none();
                let mut parts = vec![resumed];
                parts.extend(self.coming_back(rerate_days));
                if !unknown.is_empty() {
                    parts.push(Notice::UnknownIds(unknown));
                }
                self.notice = Some(match changed {
                    Some(changed) => changed,
                    None if parts.len() == 1 => parts.remove(0),
                    None => Notice::Joined(parts),
                });
            }
            Opened::Newer(found) => {
                self.read_only = true;
                self.save = SaveStatus::ReadOnly(ReadOnly::Newer);
                self.notice = Some(Notice::NewerFormat(found));
            }
            Opened::Unreadable(problem) if lock != LockState::Busy => {
                self.prompt = Some(Prompt::Unreadable(problem));
            }
            Opened::Unreadable(_) | Opened::Quietly => {}
        }
        match lock {
            LockState::Held => {}
            LockState::Busy => self.prompt = Some(Prompt::Locked),
            LockState::Unavailable(reason) => {
                self.read_only = true;
                self.save = SaveStatus::ReadOnly(ReadOnly::NoLock);
                self.notice = Some(Notice::NoLock(reason));
                self.notice_until_input = false;
            }
            LockState::Viewing => {
                self.read_only = true;
                self.viewing = true;
                self.save = SaveStatus::ReadOnly(ReadOnly::Viewing);
            }
        }
        if !self.read_only && self.prompt.is_none() {
            self.reopen_editor();
        }
    }

    /// The last start was stopped by a bug: the Roles screen, which needs no figures, and a
    /// word about what happened, kept in view until the screen changes.
    pub(super) fn after_crash(&mut self, notice: String) {
        self.screen = Screen::Roles;
        self.welcome = false;
        // An editor open when it stopped is not opened again: what it held is saved already,
        // as the note or plan itself.
        self.rate.editor = None;
        self.rate.note_before = None;
        self.results.plan = None;
        self.assessment.position.editing = None;
        self.crashed = Some(notice);
    }

    /// Says which notes were taken back from the user's editor at start.
    pub(super) fn took_back(&mut self, ids: &[String]) {
        if ids.is_empty() {
            return;
        }
        let said = Notice::NotesTakenBack(ids.to_vec());
        self.notice = Some(match self.notice.take() {
            Some(before) => Notice::Joined(vec![said, before]),
            None => said,
        });
        self.notice_until_input = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configured_show_targets_decides_where_rate_starts() {
        let fw = crate::storage::framework::builtin();
        let mut assessment = Assessment::new("t", &fw, crate::clock::utc_from_epoch(0));
        let init = |assessment: &Assessment| AppInit::new(fw.clone(), assessment.clone());
        // Nothing rated: the targets show only when asked for.
        assert!(!App::new(init(&assessment)).targets_shown());
        assert!(App::new(init(&assessment).show_targets(true)).targets_shown());
        // The configuration wins over what the assessment last had, either way.
        assessment.position.show_targets = true;
        assert!(App::new(init(&assessment)).targets_shown());
        assert!(!App::new(init(&assessment).show_targets(false)).targets_shown());
    }
}
