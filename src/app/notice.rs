//! What the app has to tell the user, as meaning, not words: `update` stores a [`Notice`], the
//! view words it (`strings::notice`, which asks the keymap for every key it names). So the app
//! needs no wording and no keymap, and a rebound key changes every sentence that names it.

use std::path::PathBuf;

use crate::domain::framework::Scale;
use crate::domain::time::Date;
use crate::domain::{ActionStatus, Assessment, Framework, Level, Rating, Voice};

use super::{GapFilter, GapSort};

/// One message for the footer's status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Several notices on one line, in this order ("Resumed … · 2 actions overdue").
    Joined(Vec<Notice>),
    /// Text already worded where it was made: an error's own sentence from a lower layer
    /// (a file that cannot be read, a name that cannot be used), or the runtime's.
    Said(String),

    // Opening.
    /// An assessment opened again: how far it has got (a review names whose review it is).
    Resumed {
        rated: usize,
        total: usize,
        /// The person reviewed, when the file is a review of someone.
        review_of: Option<String>,
    },
    /// The framework changed since the last save (`id`, versions `from` and `to`); `gone` the
    /// rated competencies it no longer has, whose ratings are kept.
    FrameworkChanged {
        id: String,
        from: u32,
        to: u32,
        gone: Vec<String>,
    },
    /// Ratings kept for competencies this framework does not have.
    UnknownIds(Vec<String>),
    /// The file is a newer format than this rolefit writes, so it is left untouched.
    NewerFormat(i64),
    /// The lock could not be taken, for this reason: read-only.
    NoLock(String),
    /// Notes and plans an editor held at the last stop, taken back at start.
    NotesTakenBack(Vec<String>),
    /// Plan actions overdue and due within a week.
    PlanReminder { overdue: usize, soon: usize },
    /// The last round was taken this many days ago: time to rate again.
    TimeToRerate(i64),
    /// The unreadable file was moved to this path; a fresh assessment took its place.
    MovedAside(PathBuf),

    // Saving.
    /// The file had been removed by something else, and was written again.
    FileRecreated,
    /// Another program changed these parts of the file; they were taken in.
    MergedOutside(Vec<String>),
    /// Another program changed these parts too; ours were saved and theirs kept in `copy`.
    ClashedOutside { clashes: Vec<String>, copy: PathBuf },
    /// Saving stopped (`reason`); what was not saved is in `copy`.
    StoppedOutside { reason: String, copy: PathBuf },
    /// A change was asked of a file that is read-only here.
    ReadOnlyRefused,
    /// A report was written to this path.
    ReportWritten(PathBuf),
    /// A report could not be written, for this reason.
    ReportFailed(String),

    // Rate.
    /// A level key was pressed where only a level can be chosen from the list.
    ChooseLevel,
    /// Every competency is answered.
    AllRated,
    /// The target markers were shown or hidden.
    TargetsShown(bool),
    /// A level that competency does not offer; `choices` what it does.
    NotAChoice { typed: String, choices: Vec<Rating> },
    /// A high rating with no note yet: what evidence would back it.
    Evidence {
        voice: Voice,
        id: String,
        level: Level,
    },
    /// An editor left open at the last stop was opened again (`plan`: the plan's, else the
    /// note's) on this competency.
    EditorReopened { plan: bool, id: String },
    /// The note came back from the user's editor unchanged.
    NoteUnchanged,
    /// The note came back from the user's editor changed.
    NoteFromEditor,

    // Results.
    /// A what-if started; the scale its level keys type.
    WhatIfOn(Scale),
    /// How to leave a what-if.
    WhatIfHint,
    /// The what-if was discarded.
    WhatIfDiscarded,
    /// What-if levels kept as ratings: each competency, from and to.
    WhatIfApplied(Vec<(String, Option<u8>, Option<u8>)>),
    /// The gap table's order changed.
    Sorted(GapSort),
    /// The gap table's filter changed; it shows this many rows.
    Filtered { filter: GapFilter, rows: usize },
    /// The profile gaps are measured against; `follows` when it is the one the lean points to.
    TargetChosen { profile: String, follows: bool },
    /// The competency found is not in the gap table as filtered; Rate shows it instead.
    NotInGapTable { id: String, filter: GapFilter },
    /// The plan for this competency was saved.
    PlanSaved(String),

    // Plan screen.
    /// Search opened to choose the competency a new action is for.
    PlanChoose,
    /// An action key with no action selected.
    NothingSelected,
    /// An action's status was set.
    StatusSet(ActionStatus),
    /// An action was added for this competency.
    ActionAdded(String),
    /// An action of this competency was deleted.
    ActionDeleted(String),
    /// An action's due date was set or cleared.
    DueSet(Option<Date>),
    /// This competency has no action yet.
    NoActionsYet(String),
    /// An action was left without words.
    EmptyAction,

    // Undo.
    /// Undo or redo with nothing to take back or do again.
    NothingTo { redo: bool },
    /// A step undone or done again.
    Undone { redo: bool, what: Undone },

    // Rounds.
    /// A round needs at least one rating.
    RoundEmpty,
    /// A round cannot be closed during a what-if.
    RoundInWhatIf,
    /// A round was closed, with this number and title.
    RoundClosed { round: usize, title: String },

    // The person.
    /// In a review file the name is the person's reviewed.
    NameInReview,
    /// The person's name was saved.
    NameSaved(String),
    /// No name was given: the person shows as this.
    NameSkipped(String),
}

impl Notice {
    /// The notice for an assessment whose framework changed since it was saved (see
    /// [`Assessment::framework_changed`]), naming the ratings for competencies that version no
    /// longer has, which are kept. None when it has not changed. The app says it at start;
    /// `rate` and `set` print it.
    pub fn framework_changed(assessment: &Assessment, framework: &Framework) -> Option<Notice> {
        if !assessment.framework_changed(framework) {
            return None;
        }
        Some(Notice::FrameworkChanged {
            id: framework.id.clone(),
            from: assessment.framework_version,
            to: framework.version,
            gone: assessment
                .unknown_ids(framework)
                .into_iter()
                .map(|id| id.0)
                .collect(),
        })
    }
}

/// What an undo or redo changed, for its notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undone {
    /// Ratings, each from and to; `name` the competency's name when there is one change.
    Ratings {
        changes: Vec<(String, Option<Rating>, Option<Rating>)>,
        name: Option<String>,
    },
    /// The note on this competency ("DP1 Define the scope").
    Note(String),
    /// The plan for this competency.
    Plan(String),
    /// What-if levels kept as ratings, each from and to.
    WhatIf(Vec<(String, Option<Rating>, Option<Rating>)>),
}

/// Why the file is never written, as the footer's save state says it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another rolefit has the file open.
    Locked,
    /// The file is a newer format.
    Newer,
    /// The lock could not be taken.
    NoLock,
    /// Opened only to look at (from the team view).
    Viewing,
    /// Another program changed the file in a way rolefit could not take in.
    ChangedOutside,
}
