//! Plain mode's and the scripting commands' words (`rolefit --plain`, `rate`, `show`).

/// A competency's valid levels as plain mode lists them: "5, 6, 7", or "1 to 7" when they
/// run on without a gap over more than three.
fn level_list(levels: &[crate::domain::Level]) -> String {
    let values: Vec<u8> = levels.iter().map(|l| l.value()).collect();
    let consecutive = values.windows(2).all(|w| w[1] == w[0] + 1);
    match values.as_slice() {
        [first, .., last] if consecutive && values.len() > 3 => format!("{first} to {last}"),
        _ => values
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Whether plain mode asks for competency `c` in the short form, by the scale alone: it takes
/// every level of the scale, and the scale has no "none" of its own (its first level says
/// "not yet", as the built-in 0–5 scale's 0 does).
fn plain_short_form(framework: &crate::domain::Framework, c: usize) -> bool {
    !framework.competencies[c].restricts(&framework.scale) && !framework.scale.offers_none()
}

/// Whether `levels` run on without a gap.
fn consecutive(levels: &[crate::domain::Level]) -> bool {
    levels.windows(2).all(|w| w[1].value() == w[0].value() + 1)
}

/// The plain-mode question for competency `c`. In the short form ([`plain_short_form`]) the
/// scale's levels as the digits that type them ("0-5, n for N/A, …"); else the competency's
/// own valid levels, "none" (or "-") where the scale offers it, N/A and the other answers.
pub fn plain_prompt(framework: &crate::domain::Framework, c: usize) -> String {
    let scale = &framework.scale;
    let levels = framework.valid_levels(c);
    let asked = if plain_short_form(framework, c) {
        if consecutive(&levels) && scale.digits_type_every_level() {
            format!("{}-{}", scale.first(), scale.last())
        } else {
            level_list(&levels)
        }
    } else if scale.offers_none() {
        format!("{}, none or -", level_list(&levels))
    } else {
        level_list(&levels)
    };
    format!("{asked}, n for N/A, s to skip, b for back, e for a note, q to quit: ")
}

/// What plain mode takes as a rating of competency `c`, as its messages say it: "a level from
/// 0 to 5" in the short form, else "one of this competency's levels (2 to 6), none or -".
fn plain_levels(framework: &crate::domain::Framework, c: usize) -> String {
    let levels = framework.valid_levels(c);
    if plain_short_form(framework, c) {
        if consecutive(&levels) {
            let scale = &framework.scale;
            return format!("a level from {} to {}", scale.first(), scale.last());
        }
        return format!("a level ({})", level_list(&levels));
    }
    let none = if framework.scale.offers_none() {
        ", none or -"
    } else {
        ""
    };
    format!(
        "one of this competency's levels ({}){none}",
        level_list(&levels)
    )
}

/// A plain-mode answer that is not one for competency `c`: the answers it takes.
pub fn plain_invalid_on(answer: &str, framework: &crate::domain::Framework, c: usize) -> String {
    format!(
        "\"{answer}\" is not an answer here: type {}, n, s, b, e or q, then Enter.",
        plain_levels(framework, c)
    )
}

/// An empty answer in plain mode, for competency `c`: the answers it takes.
pub fn plain_empty(framework: &crate::domain::Framework, c: usize) -> String {
    format!(
        "Nothing typed: type {}, n, s, b, e or q, then Enter.",
        plain_levels(framework, c)
    )
}

/// The question for a note in plain mode.
pub const PLAIN_NOTE_PROMPT: &str = "Note (one line, empty keeps the current note): ";

/// The first lines of a plain session.
pub fn plain_intro(name: &str, rated: usize, total: usize) -> String {
    format!(
        "rolefit, plain mode. Assessment \"{name}\": {rated} of {total} competencies answered (rated or N/A).\nEach competency comes with its levels; answer with a level and rolefit saves it at once.\n"
    )
}

pub const PLAIN_FIRST: &str = "This is the first competency; there is nothing before it.";
pub const PLAIN_NOTE_KEPT: &str = "Note unchanged.";
pub const PLAIN_NOTE_SAVED: &str = "Note saved.";

/// After an answer is recorded.
pub fn plain_recorded(id: &str, rating: &str, rated: usize, total: usize) -> String {
    format!("Saved {id}: {rating}. {rated} of {total} answered.")
}

/// After an answer is recorded but the save failed.
pub fn plain_not_saved(reason: &str) -> String {
    format!(
        "Not saved: {reason}. Your answers are kept here and saved again after the next answer."
    )
}

/// When plain mode starts with nothing left to rate.
pub const PLAIN_ALL_RATED: &str = "Every competency is answered (rated or N/A). To change one, use rolefit rate ID LEVEL, or open rolefit in a full terminal.";

/// At the end of the list with some competencies left unrated.
pub fn plain_end_with_skipped(skipped: usize) -> String {
    format!(
        "End of the list. {skipped} competency(ies) are still unanswered; run rolefit --plain again to answer them."
    )
}

/// After q (or the end of input): where the next session starts.
pub fn plain_quit(resume: &str, rated: usize, total: usize, next: Option<&str>) -> String {
    match next {
        Some(next) => {
            format!("Saved: {rated} of {total} answered. Run {resume} again to continue at {next}.")
        }
        None => format!("Saved: {rated} of {total} answered."),
    }
}

/// The line the full screen leaves on the terminal when it quits: what is saved and how to
/// come back.
pub fn goodbye(resume: &str, answered: usize, total: usize, read_only: bool) -> String {
    if read_only {
        format!("Nothing was changed (read-only): {answered} of {total} answered.")
    } else {
        format!(
            "Saved: {answered} of {total} answered. Run {resume} to continue where you left off."
        )
    }
}

/// What `rolefit rate` did.
pub fn rate_done(
    competency: &str,
    rating: Option<&str>,
    rated: usize,
    total: usize,
    name: &str,
) -> String {
    match rating {
        Some(rating) => {
            format!("Rated {competency}: {rating}. {rated} of {total} answered in \"{name}\".")
        }
        None => {
            format!(
                "Cleared the rating of {competency}. {rated} of {total} answered in \"{name}\"."
            )
        }
    }
}
