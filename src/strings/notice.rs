//! The words of each [`Notice`] the app stores and each `TeamNotice` the team view stores, of
//! the footer's read-only state, and of the user's editor failing: the view writes
//! `notice.to_string()`, and every key named is asked of the keymap.

use std::fmt;

use crate::app::notice::{ReadOnly, Undone};
use crate::app::{EditorError, NotStarted, Notice};
use crate::storage;
use crate::team::state::TeamNotice;
use crate::text::display_path;

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&word(self))
    }
}

/// The sentence for `notice`: one arm a notice, so a notice added to the app without words
/// here does not compile.
fn word(notice: &Notice) -> String {
    use super::person as name;
    use super::plan as words;
    match notice {
        Notice::Joined(parts) => parts.iter().map(word).collect::<Vec<_>>().join(" · "),
        Notice::Said(text) => text.clone(),
        // Opening.
        Notice::Resumed {
            rated,
            total,
            review_of: Some(person),
        } => crate::review::strings::review_resumed(person, *rated, *total),
        Notice::Resumed { rated, total, .. } => super::resumed(*rated, *total),
        Notice::FrameworkChanged { id, from, to, gone } => {
            super::framework_changed(id, *from, *to, gone)
        }
        Notice::UnknownIds(ids) => super::unknown_ids(ids),
        Notice::NewerFormat(found) => super::newer_untouched(*found),
        Notice::NoLock(reason) => super::no_lock(reason),
        Notice::NotesTakenBack(ids) => super::notes_taken_back(ids),
        Notice::PlanReminder { overdue, soon } => words::reminder(*overdue, *soon),
        Notice::TimeToRerate(days) => words::time_to_rerate(*days),
        Notice::MovedAside(path) => super::moved_aside(&path.display().to_string()),
        // Saving.
        Notice::FileRecreated => super::FILE_RECREATED.into(),
        Notice::MergedOutside(names) => super::merged_outside(names),
        Notice::ClashedOutside { clashes, copy } => {
            super::clashed_outside(clashes, &display_path(copy))
        }
        Notice::StoppedOutside { reason, copy } => {
            super::stopped_outside(reason, &display_path(copy))
        }
        Notice::ReadOnlyRefused => super::READ_ONLY_REFUSED.into(),
        Notice::ReportWritten(path) => super::report_written(&path.display().to_string()),
        Notice::ReportFailed(reason) => super::report_failed(reason),
        // Rate.
        Notice::ChooseLevel => super::choose_level(),
        Notice::AllRated => super::ALL_RATED.into(),
        Notice::TargetsShown(shown) => super::targets_toggled(*shown),
        Notice::NotAChoice { typed, choices } => super::not_a_choice(typed, choices),
        Notice::Evidence { voice, id, level } => name::evidence_notice(voice, id, *level),
        Notice::EditorReopened { plan: true, id } => super::editor_reopened("plan", id),
        Notice::EditorReopened { plan: false, id } => super::editor_reopened("note", id),
        Notice::NoteUnchanged => super::NOTE_UNCHANGED.into(),
        Notice::NoteFromEditor => super::NOTE_FROM_EDITOR.into(),
        // Results.
        Notice::WhatIfOn(scale) => super::what_if_on(scale),
        Notice::WhatIfHint => super::what_if_hint(),
        Notice::WhatIfDiscarded => super::WHAT_IF_DISCARDED.into(),
        Notice::WhatIfApplied(changes) => super::what_if_applied(changes),
        Notice::Sorted(sort) => super::sorted(sort.label()),
        Notice::Filtered { filter, rows } => super::filtered(filter.label(), *rows),
        Notice::TargetChosen { profile, follows } => super::target_notice(profile, *follows),
        Notice::NotInGapTable { id, filter } => format!(
            "{id} is not in the gap table ({}): here it is on Rate.",
            filter.label()
        ),
        Notice::PlanSaved(id) => super::plan_saved(id),
        // The Plan screen.
        Notice::PlanChoose => words::choose(),
        Notice::NothingSelected => words::nothing_selected(),
        Notice::StatusSet(status) => words::status_set(*status),
        Notice::ActionAdded(id) => words::added(id),
        Notice::ActionDeleted(id) => words::deleted(id),
        Notice::DueSet(due) => words::due_set(*due),
        Notice::NoActionsYet(id) => words::no_actions_yet(id),
        Notice::EmptyAction => words::empty_text(),
        // Undo, rounds and the person's name.
        Notice::NothingTo { redo: false } => super::NOTHING_TO_UNDO.into(),
        Notice::NothingTo { redo: true } => super::NOTHING_TO_REDO.into(),
        Notice::Undone { redo: false, what } => super::undid(&undone(what)),
        Notice::Undone { redo: true, what } => super::redid(&undone(what)),
        Notice::RoundEmpty => super::round_empty(),
        Notice::RoundInWhatIf => super::round_in_what_if(),
        Notice::RoundClosed { round, title } => super::round_closed(*round, title),
        Notice::NameInReview => name::NAME_IN_REVIEW.into(),
        Notice::NameSaved(person) => name::name_saved(person),
        Notice::NameSkipped(shown) => name::name_skipped(shown),
    }
}

/// What an undo or redo changed: "RI1 4 → not rated (Risk and issues)".
fn undone(what: &Undone) -> String {
    let ratings = |changes: &[(String, _, _)]| {
        changes
            .iter()
            .map(|(id, from, to)| {
                format!(
                    "{id} {} → {}",
                    super::rating_word(*from),
                    super::rating_word(*to)
                )
            })
            .collect::<Vec<_>>()
    };
    match what {
        Undone::Ratings { changes, name } => {
            let text = ratings(changes).join(", ");
            match name {
                Some(name) => format!("{text} ({name})"),
                None => text,
            }
        }
        Undone::Note(competency) => super::undo_note(competency),
        Undone::Plan(competency) => super::undo_plan(competency),
        Undone::WhatIf(changes) => super::undo_what_if(&ratings(changes)),
    }
}

impl fmt::Display for TeamNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TeamNotice::NotRead(files) => write!(
                f,
                "{files} file(s) could not be read: listed after the people, with the reason."
            ),
            TeamNotice::NoMatch(text) => {
                write!(f, "No person or competency name holds \"{text}\".")
            }
            TeamNotice::FileNotRead { path, reason } => {
                write!(f, "{}: {reason}", display_path(path))
            }
            TeamNotice::Said(text) => f.write_str(text),
        }
    }
}

impl fmt::Display for ReadOnly {
    /// The footer's save state: "Read-only: open elsewhere".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReadOnly::Locked => super::READ_ONLY_LOCKED,
            ReadOnly::Newer => super::READ_ONLY_NEWER,
            ReadOnly::NoLock => super::READ_ONLY_NO_LOCK,
            ReadOnly::Viewing => super::READ_ONLY_VIEWING,
            ReadOnly::ChangedOutside => super::READ_ONLY_CHANGED_OUTSIDE,
        })
    }
}

impl fmt::Display for EditorError {
    /// One sentence for the user: what happened, that the note is unchanged, and what to do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let describe = storage::describe_io_error;
        let text = match self {
            EditorError::NoFile(err) => super::editor_no_file(&describe(err)),
            EditorError::NotStarted { editor, why } => {
                let reason = match why {
                    NotStarted::Io(err) => describe(err),
                    NotStarted::NotFound => "command not found".into(),
                    NotStarted::NotExecutable => "not executable".into(),
                    NotStarted::NoTerminal => "there is no terminal to run it in".into(),
                };
                super::editor_not_started(editor, &reason)
            }
            EditorError::Failed { editor, status } => {
                let how = match status {
                    Some(code) => format!("exit status {code}"),
                    None => "a signal".to_string(),
                };
                super::editor_failed(editor, &how)
            }
            EditorError::Unreadable(err) => super::editor_unreadable(&describe(err)),
            EditorError::NotText => super::editor_unreadable("it is not UTF-8 text"),
        };
        f.write_str(&text)
    }
}
