//! One file because the wording of every screen and notice sits together, so its tone and the key names it asks the keymap for are reviewed in one place; plain mode's, the Plan screen's, the person's, each notice's (`notice.rs`) and the empty fields' words are beside it in strings/.
//!
//! User-facing text that is not part of a framework, in one place. Text that names a key
//! asks the keymap for it (`keys`), so a binding changed there changes every hint.

use crate::app::{Intent, Mode};
use crate::domain::Screen;
use crate::input;

pub mod fields;
mod notice;
pub mod person;
mod plain;

pub use plain::{
    PLAIN_ALL_RATED, PLAIN_FIRST, PLAIN_NOTE_KEPT, PLAIN_NOTE_PROMPT, PLAIN_NOTE_SAVED, goodbye,
    plain_empty, plain_end_with_skipped, plain_intro, plain_invalid_on, plain_not_saved,
    plain_prompt, plain_quit, plain_recorded, rate_done,
};

/// The keys that do `action` on `screen` (or in its overlays and fields), as written for the
/// user.
fn keys(mode: Mode, action: Intent) -> String {
    input::keys_for(mode, &action)
}

fn on(screen: Screen) -> Mode {
    Mode::Screen(screen)
}

/// Search's list when nothing matches `query`.
pub fn no_match(query: &str) -> String {
    format!("No competency matches “{}”", query.trim())
}

/// Product name in the title bar.
pub const APP_NAME: &str = "rolefit";

/// The screens' tab titles, in tab order.
pub const TAB_TITLES: [&str; 5] = ["Roles", "Grid", "Rate", "Results", "Plan"];

/// First-run welcome on the Roles screen; `roles` says whether the framework has roles (one
/// without them has profiles only).
pub fn welcome_for(roles: bool) -> String {
    if roles {
        return welcome();
    }
    format!(
        "Welcome to rolefit. Read what each profile asks for here, compare them area by area on the Grid, rate yourself on Rate, then see how ready you are for each profile on Results. {} moves between screens and {} lists every key. Your ratings are saved as you go, so you can stop at any time.",
        keys(on(Screen::Roles), Intent::NextScreen),
        keys(on(Screen::Roles), Intent::ToggleHelp)
    )
}

/// First-run welcome on the Roles screen.
pub fn welcome() -> String {
    format!(
        "Welcome to rolefit. Read what each role is about here, compare them area by area on the Grid, rate yourself on Rate, then see which profile you fit on Results. {} moves between screens and {} lists every key. Your ratings are saved as you go, so you can stop at any time.",
        keys(on(Screen::Roles), Intent::NextScreen),
        keys(on(Screen::Roles), Intent::ToggleHelp)
    )
}

/// The welcome for small terminals.
pub fn welcome_short() -> String {
    format!(
        "Welcome to rolefit. Read the roles here, then {} to Grid, Rate and Results. {} lists every key; ratings save as you go.",
        keys(on(Screen::Roles), Intent::NextScreen),
        keys(on(Screen::Roles), Intent::ToggleHelp)
    )
}

/// The notice over a person's Results opened from the team view: read-only, and the keys that
/// go back.
pub fn person_view(label: &str) -> String {
    let results = on(Screen::Results);
    format!(
        "{label}, read-only. {} or {} goes back to the team view.",
        keys(results, Intent::Back),
        keys(results, Intent::Quit)
    )
}

/// The focus of a role on an area that is not part of it, told apart from the rating "N/A".
pub const NOT_PART_OF_ROLE: &str = "— not in the role";

/// Where the profiles beyond the two panes are, on the Roles screen.
pub fn more_profiles(others: usize, roles: usize) -> String {
    let list = keys(on(Screen::Roles), Intent::ToggleFlavours);
    let target = keys(on(Screen::Grid), Intent::CycleTarget);
    if roles == 0 {
        // A framework without roles has profiles only: no word of roles or flavours.
        return format!(
            "{others} more profile{}: press {list} to list them, and {target} on the Grid or Results to measure against any of them.",
            if others == 1 { "" } else { "s" },
        );
    }
    format!(
        "{others} more profile{} in {roles} role{}: press {list} to list every profile, and {target} on the Grid or Results to measure against any of them.",
        if others == 1 { "" } else { "s" },
        if roles == 1 { "" } else { "s" },
    )
}

/// The Results heading of a framework without an axis: a ranking, not a lean.
pub use crate::domain::verdict::{NO_RATINGS, NO_REASONS, RANKING_TITLE};

pub use crate::domain::verdict::{NO_GRADE_MET, TOP_GRADE, grade_answer};

/// Competency `c`'s target for every profile that requires it ("PM 4 · PMO 2 · …"), then how
/// many do not: what Rate, `show` and plain mode say once it is rated.
pub fn targets_list(framework: &crate::domain::Framework, c: usize) -> String {
    let mut targets: Vec<String> = framework
        .profiles
        .iter()
        .enumerate()
        .filter(|&(p, _)| framework.requires(p, c))
        .map(|(p, profile)| format!("{} {}", profile.short, framework.target(p, c)))
        .collect();
    // Profiles that do not require it are counted, not listed.
    let not_required = (0..framework.profiles.len())
        .filter(|&p| !framework.requires(p, c))
        .count();
    if not_required > 0 {
        targets.push(not_required_by(not_required));
    }
    targets.join(" · ")
}

/// On Rate, after the targets: how many profiles do not require the competency.
pub fn not_required_by(profiles: usize) -> String {
    format!(
        "not required by {profiles} profile{}",
        if profiles == 1 { "" } else { "s" }
    )
}

/// A key typed a level this competency is not defined at.
pub fn not_a_choice(typed: &str, choices: &[crate::domain::Rating]) -> String {
    let levels: Vec<String> = choices
        .iter()
        .filter_map(|r| r.level())
        .map(|l| l.to_string())
        .collect();
    format!(
        "{typed} is not a level of this competency; choose {}, or N/A",
        levels.join(", ")
    )
}

/// A profile that does not require a competency (its target is left out).
pub const NOT_REQUIRED: &str = "— not required";

/// The Grid's legend of what its cells mean, the longest that fits `width`: every variant
/// names what an area row's "5/5" is, then the marks as room allows; the marks of rounds
/// (`rounds`) and of planned targets (`plans`) only where there are some.
pub fn grid_legend(target: &str, axis: bool, rounds: bool, plans: bool, width: usize) -> String {
    use crate::domain::verdict::{TELLING_LEGEND, TELLING_MARK};
    let (telling, short_telling) = if axis {
        (
            format!("{TELLING_MARK} {TELLING_LEGEND}; "),
            format!("{TELLING_MARK} tells roles apart · "),
        )
    } else {
        (String::new(), String::new())
    };
    let (moved, moved_short) = if rounds {
        ("▲▼ since last round; ", "▲▼ since last round · ")
    } else {
        ("", "")
    };
    let (planned, planned_short) = if plans {
        ("→4 your target; ", "→4 target · ")
    } else {
        ("", "")
    };
    let variants = [
        format!(
            "{telling}You: level, N/A, · unanswered; {moved}{planned}— no target; areas: 5/5 answered, ready % for {target}"
        ),
        format!(
            "{short_telling}· unanswered · {moved_short}{planned_short}— no target · areas: 5/5 answered, ready % for {target}"
        ),
        format!(
            "{short_telling}· unanswered · — no target · areas: 5/5 answered, ready % for {target}"
        ),
        format!(
            "{short_telling}· unanswered · {moved_short}areas: 5/5 answered, ready % for {target}"
        ),
        format!("{short_telling}· unanswered · {moved_short}areas: 5/5 answered, ready %"),
        format!("{short_telling}· unanswered · areas: 5/5 answered, ready %"),
        format!("{short_telling}· unanswered · areas: 5/5 answered"),
        "· unanswered · areas: 5/5 answered".to_string(),
        "areas: 5/5 answered".to_string(),
    ];
    variants
        .iter()
        .find(|v| crate::text::width(v) <= width)
        .unwrap_or(&variants[variants.len() - 1])
        .clone()
}

/// Enter on Rate with no level highlighted: nothing is recorded without a choice.
pub fn choose_level() -> String {
    let rate = on(Screen::Rate);
    format!(
        "Nothing recorded: press a level ({}) or {} for N/A, or highlight one with {} and press {}.",
        input::binding_short_label(
            rate,
            &Intent::Rate(crate::domain::Rating::Level(
                crate::domain::Level::from_const(0)
            ))
        ),
        keys(rate, Intent::Rate(crate::domain::Rating::NotApplicable)),
        input::binding_short_label(rate, &Intent::Down),
        keys(rate, Intent::Activate),
    )
}

pub const ALL_RATED: &str =
    "Every competency is answered (rated or N/A): see Results, or keep refining.";
pub const READ_ONLY_LOCKED: &str = "Read-only: open elsewhere";
pub const READ_ONLY_NEWER: &str = "Read-only: newer file format";
pub const READ_ONLY_NO_LOCK: &str = "Read-only: no lock";
/// The save state of a person's Results opened from the team view; the notice there names the
/// team view and the key back, so this stays short and the two fit one 80-column line.
pub const READ_ONLY_VIEWING: &str = "Read-only";

/// The notice for a file from a newer rolefit.
pub fn newer_untouched(format: i64) -> String {
    format!("Format {format} file left untouched; update rolefit to edit it.")
}

/// The notice when the lock file cannot be made: why, and what rolefit does about it.
pub fn no_lock(reason: &str) -> String {
    format!(
        "Opened read-only: the lock file cannot be created ({reason}), so saving could overwrite another rolefit's ratings."
    )
}

pub const READ_ONLY_REFUSED: &str = "Read-only here: nothing was changed.";
pub const NOT_SAVED_YET: &str = "Not saved yet";

/// "terminal too small" message.
pub fn too_small(need: (u16, u16), have: (u16, u16), screen: Screen) -> String {
    format!(
        "Terminal too small (need {}×{}, have {}×{}). Enlarge the window, or press {} to quit.",
        need.0,
        need.1,
        have.0,
        have.1,
        keys(on(screen), Intent::Quit)
    )
}

pub fn resumed(rated: usize, total: usize) -> String {
    format!("Resumed — {rated}/{total} answered")
}

/// Said at start when the note or plan editor was open when rolefit last stopped: what it held
/// was saved as it was typed, and the editor is open on it again.
pub fn editor_reopened(what: &str, id: &str) -> String {
    format!(
        "You were writing the {what} for {id} when rolefit stopped; it is here as typed (Esc keeps it)"
    )
}

/// Said when a save found the file removed by another program.
pub const FILE_RECREATED: &str =
    "The file was removed by another program while open here; rolefit wrote it again";

/// The footer's save state once rolefit stopped saving over a file another program changed.
pub const READ_ONLY_CHANGED_OUTSIDE: &str = "Read-only: the file was changed elsewhere";

/// A list of names, the first three, then how many more.
fn some_of(names: &[String]) -> String {
    let mut text = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        text.push_str(&format!(" and {} more", names.len() - 3));
    }
    text
}

/// Said when a save merged what another program had changed in the file.
pub fn merged_outside(parts: &[String]) -> String {
    format!(
        "Another program changed the file ({}); rolefit took that in and saved both",
        some_of(parts)
    )
}

/// Said when a save found parts changed both here and in the file by another program.
pub fn clashed_outside(parts: &[String], copy: &str) -> String {
    format!(
        "{} changed here and in the file: the file's version is kept, yours is in {copy}",
        some_of(parts)
    )
}

/// Said when a save found the file changed in a way that cannot be merged.
pub fn stopped_outside(reason: &str, copy: &str) -> String {
    format!(
        "Another program changed the file and {reason}; rolefit left it as it is and saves no \
         more: your version is in {copy}"
    )
}

/// Said at start when the last start of this assessment was stopped by a bug.
pub fn last_start_crashed(report: Option<&str>, screen: Option<Screen>) -> String {
    let on = screen.map_or(String::new(), |s| {
        let key = s.key();
        format!(" on the {}{} screen", key[..1].to_uppercase(), &key[1..])
    });
    match report {
        Some(report) => format!(
            "rolefit was stopped by a bug last time{on}, so it opens here; your saved work is              intact, and the report is in {report}"
        ),
        None => format!(
            "rolefit stopped before showing its first screen last time{on}, so it opens here;              your saved work is intact"
        ),
    }
}

/// Said at start when notes saved in the user's editor after rolefit was killed were taken back.
pub fn notes_taken_back(ids: &[String]) -> String {
    format!(
        "Took back the note for {} that you saved in your editor after rolefit stopped",
        ids.join(", ")
    )
}

pub fn progress(rated: usize, total: usize) -> String {
    format!("{rated}/{total} answered")
}

/// Said when `t` changes the profile the gaps are measured against; `follows` when it is back
/// at the one the verdict points to.
pub fn target_notice(profile: &str, follows: bool) -> String {
    if follows {
        format!("Gaps are now measured against {profile}, the profile your verdict points to")
    } else {
        format!("Gaps are now measured against {profile}, your choice")
    }
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

/// The notice when an assessment opens with a changed version of its framework (`id`, from
/// version `from` to `to`): which of its ratings are for competencies that version no longer
/// has (`gone`; they stay in the file), else what changed.
pub fn framework_changed(id: &str, from: u32, to: u32, gone: &[String]) -> String {
    match gone.len() {
        0 if from == to => {
            format!("The framework {id} changed since the last save; every rating still applies")
        }
        0 => format!(
            "The framework {id} changed from version {from} to {to}; every rating still applies"
        ),
        // Short enough that the ids show in an 80-column footer.
        1 => format!(
            "Kept 1 rating for a competency this framework version no longer has: {}",
            gone[0]
        ),
        n => format!(
            "Kept {n} ratings for competencies this framework version no longer has: {}",
            gone.join(", ")
        ),
    }
}

/// The notice when a what-if starts; the digits as `scale` has them ("0-5").
pub fn what_if_on(scale: &crate::domain::framework::Scale) -> String {
    let results = on(Screen::Results);
    let arrows = input::binding_short_label(results, &Intent::Right);
    let digits = input::level_keys(results, scale);
    format!(
        "What-if: {} change a level · {} keep · {} discard",
        if digits == input::UNBOUND {
            arrows
        } else {
            format!("{arrows}/{digits}")
        },
        keys(results, Intent::ApplyWhatIf),
        keys(results, Intent::Back),
    )
}

pub const WHAT_IF_NO_MOVE: &str = "no fit has moved yet";

/// The question before a what-if with changes is discarded.
pub fn discard_what_if(changes: usize) -> String {
    let levels = if changes == 1 {
        "1 level you changed".to_string()
    } else {
        format!("{changes} levels you changed")
    };
    format!("Discard the what-if and the {levels}? Your ratings stay as they are.")
}

/// The question before quitting discards a what-if with changes, naming the key that keeps
/// them.
pub fn quit_what_if(changes: usize) -> String {
    let levels = if changes == 1 {
        "1 level you changed".to_string()
    } else {
        format!("{changes} levels you changed")
    };
    format!(
        "Quitting discards the what-if and the {levels}; your ratings stay as they are. To keep the levels as ratings, stay and press {}.",
        keys(on(Screen::Results), Intent::ApplyWhatIf)
    )
}

/// `c` with nothing answered: a round would keep nothing.
pub fn round_empty() -> String {
    format!(
        "Nothing to keep in a round yet: rate some competencies first ({} to Rate).",
        keys(on(Screen::Results), Intent::NextScreen)
    )
}

/// `c` during a what-if: a round keeps ratings, not what-if levels.
pub fn round_in_what_if() -> String {
    let results = on(Screen::Results);
    format!(
        "A round keeps your ratings, not what-if levels: {} keeps the levels as ratings, {} discards them; then close the round.",
        keys(results, Intent::ApplyWhatIf),
        input::binding_short_label(results, &Intent::Back)
    )
}

/// "PMO Manager 64% → 71%": a fit before and under the what-if.
pub fn fit_moved(profile: &str, before: Option<f64>, after: Option<f64>) -> String {
    let percent = |p: Option<f64>| p.map_or("–".to_string(), |p| format!("{p:.0}%"));
    format!("{profile} {} → {}", percent(before), percent(after))
}

pub const WHAT_IF_DISCARDED: &str = "What-if discarded; your ratings are unchanged.";

/// The notice when a what-if key is pressed without a what-if.
pub fn what_if_hint() -> String {
    format!(
        "Press {} to try what-if levels here; rate for real on the Rate screen.",
        keys(on(Screen::Results), Intent::ToggleWhatIf)
    )
}

/// The notice after keeping a what-if: each change as "DP1 3→5" ("·" for no level), the
/// first eight by name and the rest counted.
pub fn what_if_applied(changes: &[(String, Option<u8>, Option<u8>)]) -> String {
    const NAMED: usize = 8;
    if changes.is_empty() {
        return "What-if closed: no level was changed.".to_string();
    }
    let level = |l: Option<u8>| l.map_or("·".to_string(), |l| l.to_string());
    let mut named: Vec<String> = changes
        .iter()
        .take(NAMED)
        .map(|(id, from, to)| format!("{id} {}→{}", level(*from), level(*to)))
        .collect();
    if changes.len() > NAMED {
        named.push(format!("and {} more", changes.len() - NAMED));
    }
    let what = if changes.len() == 1 {
        "as a rating"
    } else {
        "as ratings"
    };
    format!("Kept {} {what}.", named.join(", "))
}

pub fn plan_saved(id: &str) -> String {
    format!("Plan for {id} saved; it also shows on the Grid.")
}

pub const NOTHING_TO_UNDO: &str = "Nothing to undo.";
pub const NOTHING_TO_REDO: &str = "Nothing to redo.";

/// After an undo: what was undone ("RI1 Risk and issues 4 → not rated").
pub fn undid(what: &str) -> String {
    format!("Undid: {what}")
}

/// After a redo: what was done again.
pub fn redid(what: &str) -> String {
    format!("Redid: {what}")
}

/// A rating as an undo notice names it: "4", "N/A", "not rated".
pub fn rating_word(rating: Option<crate::domain::Rating>) -> String {
    match rating {
        Some(crate::domain::Rating::Level(level)) => level.value().to_string(),
        Some(crate::domain::Rating::NotApplicable) => "N/A".to_string(),
        None => "not rated".to_string(),
    }
}

/// An undone or redone note edit, on a competency named "DP1 Define the scope".
pub fn undo_note(competency: &str) -> String {
    format!("the note on {competency}")
}

/// An undone or redone plan edit.
pub fn undo_plan(competency: &str) -> String {
    format!("the plan for {competency}")
}

/// An undone or redone keeping of what-if levels, each as "DP1 3 → 5".
pub fn undo_what_if(ratings: &[String]) -> String {
    format!("what-if levels kept as ratings: {}", ratings.join(", "))
}

/// The external editor was not started: the shell could not find or run it.
pub fn editor_not_started(editor: &str, reason: &str) -> String {
    format!(
        "The editor `{editor}` could not be started ({reason}); the note is unchanged — set $VISUAL or $EDITOR."
    )
}

/// The note could not be put in a file for the external editor.
pub fn editor_no_file(reason: &str) -> String {
    format!("The note could not be written for the editor ({reason}); the note is unchanged.")
}

/// The external editor ended with an error (e.g. `:cq` in vi), which means "throw it away".
pub fn editor_failed(editor: &str, status: &str) -> String {
    format!("The editor `{editor}` ended with {status}; the note is unchanged.")
}

/// The note written by the external editor could not be read back.
pub fn editor_unreadable(reason: &str) -> String {
    format!("The edited note could not be read back ({reason}); the note is unchanged.")
}

pub const NOTE_UNCHANGED: &str = "Note unchanged.";
pub const NOTE_FROM_EDITOR: &str = "Note updated from the editor.";

/// The gap table when its filter leaves nothing.
pub fn no_rows() -> String {
    format!(
        "Nothing matches this filter; press {} for the next one.",
        keys(on(Screen::Results), Intent::CycleFilter)
    )
}

/// The grid's title: which profile gaps are measured against, and how to change it.
pub fn gaps_against(profile: &str) -> String {
    format!(
        "· gaps vs {profile} ({} to change) ",
        keys(on(Screen::Grid), Intent::CycleTarget)
    )
}

/// The title of Rate's level list on a framework with `scale`; read-only, it names no key
/// that writes. Where one digit types every level: the digits of the scale's levels, the key
/// for "not yet" where the scale offers "none", and N/A's; else ↑↓ and Enter (the picker).
pub fn levels_title_on(read_only: bool, scale: &crate::domain::framework::Scale) -> String {
    if read_only {
        return " Your level · read-only ".to_string();
    }
    let rate = on(Screen::Rate);
    let na = keys(rate, Intent::Rate(crate::domain::Rating::NotApplicable));
    if !scale.digits_type_every_level() {
        let choose = format!(
            "{} and {}",
            input::binding_short_label(rate, &Intent::Down),
            keys(rate, Intent::Activate)
        );
        return format!(" Your level · {choose} record it, {na} N/A ");
    }
    let none = if scale.offers_none() {
        format!(", {} (not yet)", input::none_keys(rate))
    } else {
        String::new()
    };
    format!(
        " Your level · {}{none} or {na} records and moves on ",
        input::level_keys(rate, scale)
    )
}

/// On Rate, in place of the targets while they are hidden.
pub fn targets_hidden() -> String {
    format!(
        "Targets are hidden until you rate this, so they don't steer your answer ({} shows them).",
        keys(on(Screen::Rate), Intent::ToggleTargets)
    )
}

/// In the note pane of a competency rated at a high level of the scale (4 or 5 on the
/// built-in one) with no note: a gentle ask for evidence.
pub fn evidence_prompt(level: crate::domain::Level) -> String {
    format!(
        "What did you do that shows a {level}? Press {} to add a note.",
        keys(on(Screen::Rate), Intent::EditNote)
    )
}

/// After recording a high level (4 or 5 on the built-in scale) without a note (Rate has
/// moved on): the same ask, and how to go back to it.
pub fn evidence_notice(id: &str, level: crate::domain::Level) -> String {
    let rate = on(Screen::Rate);
    format!(
        "{id} at {level}: what did you do that shows it? {} then {} adds a note.",
        input::first_key(rate, &Intent::Left),
        keys(rate, Intent::EditNote)
    )
}

/// On Results, when nearly every rating is at one of the scale's high levels (4 or 5 on the
/// built-in scale): a calm suggestion, not a judgement.
pub fn high_self_ratings(
    high: usize,
    rated: usize,
    scale: &crate::domain::framework::Scale,
) -> String {
    let levels: Vec<String> = scale.high_levels().map(|l| l.to_string()).collect();
    format!(
        "You rated {high} of {rated} at {} — self-ratings this high are rare; a second opinion helps.",
        or_list(&levels)
    )
}

/// Words joined as a sentence lists alternatives: "5", "4 or 5", "7, 8 or 9".
pub fn or_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The title of the note editor.
pub fn note_editing_title() -> String {
    format!(
        " Note · editing ({} when done, {} for your own editor) ",
        keys(Mode::Note, Intent::CloseEditor),
        keys(Mode::Note, Intent::EditNoteExternally)
    )
}

/// The title of the note preview on Rate; read-only, it names no key that writes.
pub fn note_title(read_only: bool) -> String {
    if read_only {
        return " Note · read-only ".to_string();
    }
    format!(
        " Note · {} to edit (evidence, examples) ",
        keys(on(Screen::Rate), Intent::EditNote)
    )
}

/// On the Roles pane: the flavours exist.
pub fn flavours_pointer(flavours: &str) -> String {
    format!(
        "{flavours} — press {} to read about them.",
        keys(on(Screen::Roles), Intent::ToggleFlavours)
    )
}

/// Above the flavours: what they are and how to go back.
pub fn flavours_intro(base: &str) -> String {
    format!(
        "Flavours are extra target profiles: each starts from the {base}'s targets and raises or lowers a few. Press {} or {} to go back.",
        keys(on(Screen::Roles), Intent::ToggleFlavours),
        keys(on(Screen::Roles), Intent::Back)
    )
}

/// The help overlay's title.
pub fn help_title() -> String {
    format!(
        " Help · {} to close ",
        keys(Mode::Help, Intent::Back).replace('/', " or ")
    )
}

/// The help overlay's last line.
pub fn help_always() -> String {
    format!(
        "{} saves and quits from anywhere, even while editing a note.",
        keys(Mode::Note, Intent::Quit)
    )
}

pub fn round_closed(round: usize, title: &str) -> String {
    format!("Closed round {round}: {title}.")
}

pub const ROUND_INTRO: &str =
    "Keep today's ratings as a round, to see what moved when you rate again later.";

/// After the verdict's next step on Results: how to measure the gaps against another profile.
pub fn gaps_key_hint() -> String {
    format!(
        "({} for another profile)",
        keys(on(Screen::Results), Intent::CycleTarget)
    )
}

/// A readiness figure with its coverage: "84% (30/33)", "provisional" below half coverage.
pub fn readiness(r: &crate::domain::scoring::Readiness) -> String {
    let percent = r
        .percent
        .map_or_else(|| "–".to_string(), |p| format!("{p:.0}%"));
    let mark = if r.provisional() { " provisional" } else { "" };
    format!("{percent} ({}/{}{mark})", r.rated, r.required)
}

/// Above readiness per profile on Results: what its marks mean, shorter where the full line
/// does not fit `width`; the provisional mark only when a figure carries it.
pub fn readiness_legend(provisional: bool, width: usize) -> String {
    let (full, short) = if provisional {
        (
            "Readiness, targets rated of required · ▸ the gap table's profile · ? provisional: under half rated",
            "Readiness · ▸ gap table's profile · ? under half rated",
        )
    } else {
        (
            "Readiness, targets rated of required · ▸ the gap table's profile",
            "Readiness · ▸ the gap table's profile",
        )
    };
    if crate::text::width(full) <= width {
        full.to_string()
    } else {
        short.to_string()
    }
}

/// Beside the spectrum on Results: what its double-lined middle means.
pub const NO_LEAN_BAND: &str = "═ no lean either way";

/// After `x`: the report's file name first, then its folder, so a short footer keeps the name.
pub fn report_written(path: &str) -> String {
    let path = std::path::Path::new(path);
    match (path.file_name(), path.parent()) {
        (Some(name), Some(dir)) if !dir.as_os_str().is_empty() => format!(
            "Report written: {} in {}",
            name.to_string_lossy(),
            dir.display()
        ),
        _ => format!("Report written: {}", path.display()),
    }
}

/// After `s` on Results: the gap table's order now.
pub fn sorted(order: &str) -> String {
    let results = on(Screen::Results);
    format!(
        "Gaps sorted: {order} ({} for the next order)",
        keys(results, Intent::CycleSort)
    )
}

/// After `f` on Results: the rows the gap table shows now.
pub fn filtered(filter: &str, rows: usize) -> String {
    let results = on(Screen::Results);
    format!(
        "Gaps shown: {filter}, {rows} row{} ({} for the next filter)",
        if rows == 1 { "" } else { "s" },
        keys(results, Intent::CycleFilter)
    )
}

/// After `T` on Rate: whether targets show before a competency is rated.
pub fn targets_toggled(shown: bool) -> String {
    let key = keys(on(Screen::Rate), Intent::ToggleTargets);
    if shown {
        format!("Targets shown before you rate ({key} hides them again)")
    } else {
        format!("Targets hidden until you rate, so they don't steer you ({key} shows them)")
    }
}

pub fn report_failed(reason: &str) -> String {
    format!("Could not write the report: {reason}")
}

/// The verdict panel's title during a what-if, with the keys that keep and discard it.
pub fn what_if_title() -> String {
    let results = on(Screen::Results);
    format!(
        " WHAT-IF, not saved · {} keep · {} discard ",
        keys(results, Intent::ApplyWhatIf),
        input::binding_short_label(results, &Intent::Back)
    )
}

/// The areas chart's title, beside the heading: the key that shows the gaps instead.
pub fn areas_for_gaps() -> String {
    format!(
        "· {} for gaps ",
        keys(on(Screen::Results), Intent::SwitchView)
    )
}

/// The gap table's title after the target: its order and filter, with the keys that change
/// them.
pub fn gaps_order(sort: &str, filter: &str) -> String {
    let results = on(Screen::Results);
    format!(
        "· {sort} · {filter} ({}, {}) ",
        keys(results, Intent::CycleSort),
        keys(results, Intent::CycleFilter)
    )
}

/// The Grid's detail under an area: how many competencies, and what Enter does (`verb`).
pub fn grid_area_line(competencies: usize, verb: &str) -> String {
    format!(
        "{competencies} competencies · {} to {verb}",
        keys(on(Screen::Grid), Intent::Activate)
    )
}

/// The Grid's detail under a competency: its area, and the key that rates it.
pub fn grid_competency_line(area_path: &str) -> String {
    format!(
        "{area_path} · {} to rate",
        keys(on(Screen::Grid), Intent::Activate)
    )
}

/// Rate's note line: " Note (e): ", or " Note: " where the note cannot be edited.
pub fn note_prefix(read_only: bool) -> String {
    if read_only {
        " Note: ".to_string()
    } else {
        format!(" Note ({}): ", keys(on(Screen::Rate), Intent::EditNote))
    }
}

/// Under a note's preview cut short: the key that shows all of it.
pub fn read_all_note() -> String {
    format!("{} to read all", keys(on(Screen::Rate), Intent::EditNote))
}

/// The title of the flavours below the Roles panes: whose, and the key that shows them in the
/// pane.
pub fn flavours_below(side: &str) -> String {
    format!(
        " {side} flavours · {} shows them in its pane ",
        keys(on(Screen::Roles), Intent::ToggleFlavours)
    )
}

/// The team view in a terminal smaller than `need`.
pub fn team_too_small(need: (u16, u16), have: (u16, u16)) -> String {
    let quit = input::team_keys_for(crate::team::TeamMode::Browse, &Intent::Quit);
    format!(
        "The team view needs a terminal of at least {}×{}; this one is {}×{}. Enlarge it, or press {quit} to quit.",
        need.0, need.1, have.0, have.1
    )
}

/// The keys that close a round on Results, as the command line's messages name them ("c"
/// unless rebound).
pub fn close_round_keys() -> String {
    keys(on(Screen::Results), Intent::CloseRound)
}

/// The keys that scroll a detail pane down and up, e.g. "J/K", for its "more" hints.
pub fn scroll_keys(screen: Screen) -> String {
    let mode = on(screen);
    format!(
        "{}/{}",
        input::first_key(mode, &Intent::ScrollDetail(1)),
        input::first_key(mode, &Intent::ScrollDetail(-1))
    )
}

/// The keys that move through a Roles pane, e.g. "↑↓", for its "more" hints.
pub fn roles_move_keys() -> String {
    let roles = on(Screen::Roles);
    input::first_key(roles, &Intent::Up) + &input::first_key(roles, &Intent::Down)
}

/// The key that shows a role's flavours in its pane, for the "more" hints below the panes.
pub fn flavours_key() -> String {
    keys(on(Screen::Roles), Intent::ToggleFlavours)
}

/// The key that scrolls the help down, for its "more" hints.
pub fn help_scroll_key() -> String {
    input::binding_short_label(Mode::Help, &Intent::Down)
}

/// A "more" hint on a border: " ↓ more (J/K) ", naming the keys that scroll when given.
pub fn more(arrow: &str, keys: Option<&str>) -> String {
    match keys {
        Some(keys) => format!(" {arrow} more ({keys}) "),
        None => format!(" {arrow} more "),
    }
}

/// The gap table's title, beside the target: the key that shows the areas instead.
pub fn gaps_for_areas() -> String {
    format!(
        "· {} for areas ",
        keys(on(Screen::Results), Intent::SwitchView)
    )
}

/// The Plan screen's words.
pub mod plan;
