//! The development plan of one competency: a target level and the actions that close the gap.

use crate::level::Level;
use crate::time::Date;
use crate::value::Table;

/// A personal development target and the actions that close the gap, for one competency.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PlanItem {
    pub target: Option<Level>,
    /// The actions, in the order they were added.
    pub actions: Vec<PlanAction>,
    pub extra: Table,
}

impl PlanItem {
    /// True when there is nothing worth saving.
    pub fn is_empty(&self) -> bool {
        self.target.is_none() && self.actions.is_empty() && self.extra.is_empty()
    }

    /// The first action's text ("" when there is none): the one line the Results editor shows.
    pub fn first_text(&self) -> &str {
        self.actions.first().map_or("", |a| a.text.as_str())
    }

    /// Sets the first action's text: a new action (with id `next_id`) when there is none; an
    /// action emptied that holds nothing else is removed.
    pub fn set_first_text(&mut self, text: &str, next_id: u32) {
        match self.actions.first_mut() {
            Some(first) => {
                first.text = text.to_string();
                if first.is_blank() {
                    self.actions.remove(0);
                }
            }
            None if !text.is_empty() => self.actions.push(PlanAction::new(next_id, text)),
            None => {}
        }
    }
}

/// Where a plan action stands.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum ActionStatus {
    #[default]
    Planned,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    /// Every status, in the order `s` cycles through them.
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::Doing,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// The name used in files and shown on screen.
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// The status with this name (any case).
    pub fn from_key(key: &str) -> Option<ActionStatus> {
        ActionStatus::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Planned or doing: still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::Doing)
    }

    /// The next status in the cycle.
    pub fn next(self) -> ActionStatus {
        ActionStatus::ALL[(self as usize + 1) % ActionStatus::ALL.len()]
    }
}

/// One thing to do to close a gap.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PlanAction {
    /// Stable within the assessment: calendar UIDs and commands refer to it.
    pub id: u32,
    pub text: String,
    pub due: Option<Date>,
    pub status: ActionStatus,
    /// What shows it was done (kept whatever the status).
    pub evidence: String,
    /// The day it was marked done (kept while it is done; None for one done before rolefit
    /// recorded the day): the team view counts what was done since the last round by it.
    pub done_on: Option<Date>,
    /// Keys this version does not know, kept and written back.
    pub extra: Table,
}

impl PlanAction {
    /// A planned action with no date.
    pub fn new(id: u32, text: &str) -> PlanAction {
        PlanAction {
            id,
            text: text.to_string(),
            ..PlanAction::default()
        }
    }

    /// Sets the status on `today`: becoming done records the day, leaving done forgets it.
    pub fn set_status(&mut self, status: ActionStatus, today: Date) {
        if status == ActionStatus::Done && self.status != ActionStatus::Done {
            self.done_on = Some(today);
        } else if status != ActionStatus::Done {
            self.done_on = None;
        }
        self.status = status;
    }

    /// True when it holds nothing but its id.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
            && self.due.is_none()
            && self.status == ActionStatus::Planned
            && self.evidence.is_empty()
            && self.done_on.is_none()
            && self.extra.is_empty()
    }
}
