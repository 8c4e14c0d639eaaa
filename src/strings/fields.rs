//! What an empty one-line field shows until something is typed: an example, never a key name,
//! so the app can set it on the fields it owns without asking the keymap.

/// The person's name field, when there is no default to show.
pub const NAME_PLACEHOLDER: &str = "your name, e.g. Sam Taylor";

/// The label of a round about to be closed.
pub const ROUND_LABEL_PLACEHOLDER: &str = "optional label, e.g. before the secondment";

/// A plan action's text.
pub const TEXT_PLACEHOLDER: &str = "what you will do, e.g. shadow a gate review";

/// A plan action's due date.
pub const DUE_PLACEHOLDER: &str = "2027-03-31, +10d, +2w or +3m (empty: no date)";

/// A done action's evidence.
pub const EVIDENCE_PLACEHOLDER: &str = "optional: what shows it is done";

/// The search field.
pub const SEARCH_PLACEHOLDER: &str = "type an id or part of a name";
