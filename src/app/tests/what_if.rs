//! What-if on Results: the fits move, the ratings stay until kept, and leaving asks first.

use super::*;
use crate::strings;

#[test]
fn what_if_leaves_ratings_alone_until_kept() {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(1)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::ToggleWhatIf, t0());
    app.update(Intent::Rate(level(5)), t0());
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
    app.update(Intent::Back, t0());
    app.update(Intent::Confirm, t0());
    assert!(!app.what_if());
    app.update(Intent::ToggleWhatIf, t0());
    app.update(Intent::Rate(level(5)), t0());
    assert_eq!(app.update(Intent::ApplyWhatIf, t0()), vec![Effect::Changed]);
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(5)));
}

/// On Results with DP1 rated 1 and GV3 rated 3, in a what-if.
fn in_what_if() -> App {
    let mut app = app();
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::Rate(level(1)), t0());
    let gv3 = app.framework.competency_index(&"GV3".into()).unwrap();
    app.rate.current = gv3;
    app.update(Intent::Rate(level(3)), t0());
    app.update(Intent::NextScreen, t0());
    app.update(Intent::ToggleWhatIf, t0());
    app
}

/// Selects a competency's row in the gap table.
fn select(app: &mut App, id: &str) {
    let c = app.framework.competency_index(&id.into()).unwrap();
    app.results.selected = app
        .results
        .summary
        .rows
        .iter()
        .position(|r| r.competency == c)
        .unwrap();
}

#[test]
fn discarding_a_what_if_with_changes_asks_first() {
    let mut app = in_what_if();
    // Nothing changed yet: discarding needs no question.
    app.update(Intent::Back, t0());
    assert!(!app.what_if());
    assert_eq!(app.prompt, None);
    app.update(Intent::ToggleWhatIf, t0());
    select(&mut app, "DP1");
    app.update(Intent::Rate(level(5)), t0());
    select(&mut app, "GV3");
    app.update(Intent::Right, t0());
    // Esc asks, naming how many levels would go; n keeps the what-if as it was.
    app.update(Intent::Back, t0());
    assert_eq!(app.prompt, Some(Prompt::DiscardWhatIf(2)));
    assert_eq!(app.mode(), Mode::Prompt(PromptKind::DiscardWhatIf));
    app.update(Intent::Cancel, t0());
    assert_eq!(app.prompt, None);
    assert!(app.what_if());
    assert_eq!(app.what_if_changes().len(), 2);
    // w asks too; y discards and the ratings are untouched.
    app.update(Intent::ToggleWhatIf, t0());
    assert_eq!(app.prompt, Some(Prompt::DiscardWhatIf(2)));
    app.update(Intent::Confirm, t0());
    assert!(!app.what_if());
    assert_eq!(app.prompt, None);
    assert_eq!(app.assessment.rating(&"DP1".into()), Some(level(1)));
    assert_eq!(
        app.notice_text().as_deref(),
        Some(strings::WHAT_IF_DISCARDED)
    );
}

#[test]
fn a_what_if_shows_the_fits_before_and_keeping_it_names_each_change() {
    let mut app = in_what_if();
    let pmo = app.framework.profile_index("pmo").unwrap();
    let real = app.results.summary.figures.readiness[pmo].percent;
    assert_eq!(app.what_if_before().map(|b| b[pmo].percent), Some(real));
    select(&mut app, "GV3");
    app.update(Intent::Rate(level(5)), t0());
    // The figures shown are the what-if's; the ones before stay to compare with.
    assert!(app.results.summary.figures.readiness[pmo].percent > real);
    assert_eq!(app.what_if_before().map(|b| b[pmo].percent), Some(real));
    select(&mut app, "DP1");
    app.update(Intent::Right, t0());
    assert_eq!(app.update(Intent::ApplyWhatIf, t0()), vec![Effect::Changed]);
    assert_eq!(
        app.notice_text().as_deref(),
        Some("Kept DP1 1→2, GV3 3→5 as ratings.")
    );
    assert_eq!(app.what_if_before(), None);
}
