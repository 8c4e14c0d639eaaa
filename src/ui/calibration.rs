//! Calibration aids shown on Results: one calm line when the self-ratings look too uniformly
//! high to be taken at face value. Kept apart from the Results layout so it stays one call.

use ratatui::text::Line;

use super::{Theme, wrapped};
use crate::app::App;
use crate::domain::calibration;
use crate::strings;

/// The pattern-check line (wrapped to `width`), or nothing when the ratings don't call for it.
pub fn pattern_lines<'a>(app: &App, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    // From the rating sheet, indexed by competency: a lookup by id per competency on every
    // frame would cost milliseconds at 20,000 competencies. N/A and unrated both count as no
    // level, as the pattern leaves them out alike.
    let sheet = app.sheet();
    let ratings = (0..app.framework().competencies.len())
        .map(|c| sheet.level(c).map(crate::domain::Rating::Level));
    let scale = &app.framework().scale;
    match calibration::high_self_ratings(scale, ratings) {
        Some(found) => wrapped(
            "",
            &app.rater_voice()
                .say(&strings::high_self_ratings(found.high, found.rated, scale)),
            width,
            theme.dim,
            theme.dim,
        ),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::Level;
    use crate::domain::framework::{Scale, ScaleLevel};
    use crate::strings;

    fn scale_of(values: &[u8]) -> Scale {
        Scale::new(
            String::new(),
            values
                .iter()
                .map(|&v| ScaleLevel {
                    value: Level::from_const(v),
                    label: format!("L{v}"),
                    descriptor: String::new(),
                    hint: None,
                })
                .collect(),
        )
    }

    #[test]
    fn the_note_names_the_high_levels_of_the_scale() {
        let note = |scale: &Scale| strings::high_self_ratings(28, 33, scale);
        assert_eq!(
            note(&crate::storage::framework::builtin().scale),
            "You rated 28 of 33 at 4 or 5 — self-ratings this high are rare; a second opinion helps."
        );
        assert!(note(&scale_of(&[1, 2, 3, 4, 5, 6, 7])).contains(" at 6 or 7 — "));
        assert!(note(&scale_of(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).contains(" at 7, 8 or 9 — "));
        assert!(note(&scale_of(&[1, 2])).contains(" at 2 — "));
    }
}
