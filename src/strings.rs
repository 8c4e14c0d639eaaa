//! User-facing text that is not part of a framework, in one place.

/// Product name in the title bar.
pub const APP_NAME: &str = "rolefit";

/// The screens' tab titles, in tab order.
pub const TAB_TITLES: [&str; 4] = ["Roles", "Grid", "Rate", "Results"];

/// First-run welcome on the Roles screen.
pub const WELCOME: &str = "Welcome to rolefit. Read what each role is about here, compare them area by area on the Grid, rate yourself on Rate, then see which profile you fit on Results. Tab moves between screens and ? lists every key. Your ratings are saved as you go, so you can stop at any time.";

/// The welcome for small terminals.
pub const WELCOME_SHORT: &str = "Welcome to rolefit. Read the roles here, then Tab to Grid, Rate and Results. ? lists every key; ratings save as you go.";

pub const ALL_RATED: &str = "Every competency is rated: see Results, or keep refining.";
pub const READ_ONLY_LOCKED: &str = "Read-only: open elsewhere";
pub const READ_ONLY_REFUSED: &str = "Read-only here: nothing was changed.";
pub const NOT_SAVED_YET: &str = "Not saved yet";
pub const COMING_SOON: &str =
    "Results are coming soon: rate competencies on the Rate screen in the meantime.";

/// "terminal too small" message.
pub fn too_small(need: (u16, u16), have: (u16, u16)) -> String {
    format!(
        "Terminal too small (need {}×{}, have {}×{}). Enlarge the window, or press q to quit.",
        need.0, need.1, have.0, have.1
    )
}

pub fn resumed(rated: usize, total: usize) -> String {
    format!("Resumed — {rated}/{total} rated")
}

pub fn progress(rated: usize, total: usize) -> String {
    format!("{rated}/{total} rated")
}

pub fn target_notice(profile: &str) -> String {
    format!("Gaps are now measured against {profile}")
}

pub fn moved_aside(path: &str) -> String {
    format!("The unreadable file was moved to {path}; this is a fresh assessment.")
}

pub fn saved(time: &str) -> String {
    format!("Saved {time}")
}

pub fn save_failed(reason: &str) -> String {
    format!("Save failed: {reason} — retrying")
}

pub fn unknown_ids(ids: &[String]) -> String {
    format!(
        "Kept {} rating(s) for competencies this framework does not have: {}",
        ids.len(),
        ids.join(", ")
    )
}

pub const WHAT_IF_ON: &str =
    "What-if: ←→ or 0-5 change the selected level · a keeps the changes · Esc or w discards";
pub const WHAT_IF_DISCARDED: &str = "What-if discarded; your ratings are unchanged.";
pub const WHAT_IF_HINT: &str =
    "Press w to try what-if levels here; rate for real on the Rate screen.";

pub fn what_if_applied(changed: usize) -> String {
    match changed {
        0 => "What-if closed: no level was changed.".to_string(),
        1 => "Kept 1 what-if change as a rating.".to_string(),
        n => format!("Kept {n} what-if changes as ratings."),
    }
}

pub fn plan_saved(id: &str) -> String {
    format!("Plan for {id} saved; it also shows on the Grid.")
}

pub const NO_RATINGS: &str = "No ratings yet: rate competencies to see which profile you fit.";
pub const NO_ROWS: &str = "Nothing matches this filter; press f for the next one.";

pub const ROUND_LABEL_PLACEHOLDER: &str = "optional label, e.g. before the secondment";

pub fn round_closed(round: usize, title: &str) -> String {
    format!("Closed round {round}: {title}.")
}

pub const ROUND_INTRO: &str =
    "Keep today's ratings as a round, to see what moved when you rate again later.";

/// The verdict in plain words, for the Results screen and every report.
pub fn verdict(
    framework: &crate::domain::Framework,
    verdict: &crate::domain::scoring::Verdict,
    rated_on_scale: usize,
) -> String {
    use crate::domain::scoring::{STRADDLE_POINTS, Verdict};
    let short = |r: usize| framework.roles[r].short.as_str();
    match *verdict {
        Verdict::NoRatings if rated_on_scale == 0 => NO_RATINGS.to_string(),
        Verdict::NoRatings => format!(
            "No verdict yet: rate competencies that count towards both {} and {}",
            framework.roles[0].name, framework.roles[1].name
        ),
        Verdict::Leans { role, fits } => format!(
            "Leans {} ({} {:.0}% · {} {:.0}%)",
            framework.roles[role].name,
            short(0),
            fits[0],
            short(1),
            fits[1]
        ),
        Verdict::Straddles { fits } => format!(
            "Straddles both ({} {:.0}% · {} {:.0}%, within {STRADDLE_POINTS:.0} points)",
            short(0),
            fits[0],
            short(1),
            fits[1],
        ),
    }
}

pub fn report_written(path: &str) -> String {
    format!("Report written to {path}")
}

pub fn report_failed(reason: &str) -> String {
    format!("Could not write the report: {reason}")
}
