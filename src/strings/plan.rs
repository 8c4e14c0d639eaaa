use crate::domain::ActionStatus;
use crate::domain::time::Date;

pub const CHOOSE: &str = "Choose the competency for the new action, then Enter";
pub const NOTHING_SELECTED: &str = "No action selected: press a to add one";
pub const TEXT_PLACEHOLDER: &str = "what you will do, e.g. shadow a gate review";
pub const DUE_PLACEHOLDER: &str = "2027-03-31, +10d, +2w or +3m (empty: no date)";
pub const EVIDENCE_PLACEHOLDER: &str = "optional: what shows it is done";
pub const EMPTY_TEXT: &str =
    "An action needs a few words: type what you will do, or Esc to leave it.";
pub const EMPTY: &str =
    "No actions yet. Press a to add one for the competency named above, or A to choose another.";

pub fn added(id: &str) -> String {
    format!("Action added to {id}; d gives it a date")
}

pub fn deleted(id: &str) -> String {
    format!("Action deleted from {id}; z brings it back")
}

pub fn status_set(status: ActionStatus) -> String {
    format!("Status: {}", status.key())
}

pub fn due_set(due: Option<Date>) -> String {
    match due {
        Some(date) => format!("Due {}", crate::domain::due::show(date)),
        None => "Date cleared".to_string(),
    }
}

pub fn no_actions_yet(id: &str) -> String {
    format!("{id} has no actions yet; a adds one")
}

/// "2 plan actions overdue, 1 due this week: see the Plan tab".
pub fn reminder(overdue: usize, soon: usize) -> String {
    let actions = |n: usize| if n == 1 { "action" } else { "actions" };
    let what = match (overdue, soon) {
        (0, n) => format!("{n} plan {} due this week", actions(n)),
        (n, 0) => format!("{n} plan {} overdue", actions(n)),
        (n, m) => format!("{n} plan {} overdue, {m} due this week", actions(n)),
    };
    format!("{what}: see the Plan tab")
}

/// Said at start when the last round is older than the configured interval.
pub fn time_to_rerate(days: i64) -> String {
    format!("your last round was {days} days ago: time to re-rate?")
}

pub fn rerate(id: &str) -> String {
    format!("Marked done. Rate {id} again now, with what you have done?")
}
