//! What a save found when another program had changed the file: its changes taken in, a clash
//! kept beside it, or the file left alone (see `storage::guarded`).

use super::notice::{Notice, ReadOnly};
use super::{App, SaveStatus};
use crate::domain::merge;
use crate::storage::guarded::Saved;

impl App {
    /// Takes in what another program changed in the file, as the save merged it: each part it
    /// changed replaces ours, unless ours changed again since the save's snapshot (then ours
    /// is newer and goes with the next save). Says what happened.
    pub(super) fn saved_outside(&mut self, saved: Saved) {
        match saved {
            Saved::Written => {}
            Saved::Recreated => self.notice = Some(Notice::FileRecreated),
            Saved::Merged {
                ours,
                theirs,
                outside,
                clashes,
                copy,
            } => {
                for part in &outside {
                    if merge::same(part, &self.assessment, &ours) {
                        merge::take(part, &theirs, &mut self.assessment);
                    }
                }
                let names: Vec<String> = outside.iter().map(merge::Part::describe).collect();
                self.notice = Some(match copy {
                    None => Notice::MergedOutside(names),
                    Some(copy) => Notice::ClashedOutside {
                        clashes: clashes.iter().map(merge::Part::describe).collect(),
                        copy,
                    },
                });
                self.notice_until_input = false;
                self.refresh();
                if self.rate.editor.is_none() {
                    self.sync_cursor();
                }
            }
            Saved::Stopped { copy, reason } => {
                self.read_only = true;
                self.save = SaveStatus::ReadOnly(ReadOnly::ChangedOutside);
                self.notice = Some(Notice::StoppedOutside { reason, copy });
                self.notice_until_input = false;
            }
        }
    }
}
