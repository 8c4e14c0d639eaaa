//! The Plan screen's words; those that name a key take it from the keymap.

use crate::domain::ActionStatus;
use crate::domain::time::Date;

use super::{Intent, Mode, Screen, keys, on};

/// After `A`: choosing the competency in the search box.
pub fn choose() -> String {
    format!(
        "Choose the competency for the new action, then {}",
        keys(Mode::Search, Intent::Activate)
    )
}

/// A key that works on an action, with none selected.
pub fn nothing_selected() -> String {
    format!(
        "No action selected: press {} to add one",
        keys(on(Screen::Plan), Intent::AddAction)
    )
}

/// An action's text left empty.
pub fn empty_text() -> String {
    format!(
        "An action needs a few words: type what you will do, or {} to leave it.",
        keys(Mode::PlanInput, Intent::Cancel)
    )
}

/// The Plan screen with no action yet.
pub fn empty() -> String {
    let plan = on(Screen::Plan);
    format!(
        "No actions yet. Press {} to add one for the competency named above, or {} to choose another.",
        keys(plan, Intent::AddAction),
        keys(plan, Intent::ChooseForAction)
    )
}

pub fn added(id: &str) -> String {
    format!(
        "Action added to {id}; {} gives it a date",
        keys(on(Screen::Plan), Intent::SetDue)
    )
}

pub fn deleted(id: &str) -> String {
    format!(
        "Action deleted from {id}; {} brings it back",
        keys(on(Screen::Plan), Intent::Undo)
    )
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
    format!(
        "{id} has no actions yet; {} adds one",
        keys(on(Screen::Plan), Intent::AddAction)
    )
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
