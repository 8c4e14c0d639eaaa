//! What a save found when another program had changed the file: its changes taken in, a clash
//! kept beside it, or the file left alone (see `storage::guarded`).

use super::{App, SaveStatus};
use crate::domain::merge;
use crate::storage::guarded::Saved;
use crate::strings;

impl App {
    /// Takes in what another program changed in the file, as the save merged it: each part it
    /// changed replaces ours, unless ours changed again since the save's snapshot (then ours
    /// is newer and goes with the next save). Says what happened.
    pub(super) fn saved_outside(&mut self, saved: Saved) {
        match saved {
            Saved::Written => {}
            Saved::Recreated => self.notice = Some(strings::FILE_RECREATED.into()),
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
                    None => strings::merged_outside(&names),
                    Some(copy) => {
                        let clashes: Vec<String> =
                            clashes.iter().map(merge::Part::describe).collect();
                        strings::clashed_outside(&clashes, &crate::text::display_path(&copy))
                    }
                });
                self.notice_until_input = false;
                self.refresh();
                if self.rate.editor.is_none() {
                    self.sync_cursor();
                }
            }
            Saved::Stopped { copy, reason } => {
                self.read_only = true;
                self.save = SaveStatus::ReadOnly(strings::READ_ONLY_CHANGED_OUTSIDE.into());
                self.notice = Some(strings::stopped_outside(
                    &reason,
                    &crate::text::display_path(&copy),
                ));
                self.notice_until_input = false;
            }
        }
    }
}
