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
    match calibration::high_self_ratings(ratings) {
        Some(found) => wrapped(
            "",
            &app.rater_voice()
                .say(&strings::high_self_ratings(found.high, found.rated)),
            width,
            theme.dim,
            theme.dim,
        ),
        None => Vec::new(),
    }
}
