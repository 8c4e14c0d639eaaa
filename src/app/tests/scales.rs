//! Rating on scales other than the built-in 0–5: typing levels, asking for evidence, the N/A row.

use super::*;
use crate::strings;

/// A framework of one area and three competencies on a scale of these values (format 2).
fn on_scale(values: &[u8]) -> App {
    let mut text = String::from("format = 2\nid = \"s\"\nversion = 1\nname = \"S\"\n\n[scale]\n");
    for v in values {
        text.push_str(&format!(
            "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"D.\"\n"
        ));
    }
    text.push_str("\n[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n[[areas]]\nid = \"A\"\nname = \"Area\"\n");
    for c in 1..=3 {
        text.push_str(&format!(
            "\n[[competencies]]\nid = \"C{c}\"\narea = \"A\"\nname = \"Competency {c}\"\n"
        ));
    }
    let fw = crate::storage::framework::from_toml(&text).unwrap_or_else(|p| panic!("{p:#?}"));
    let assessment = Assessment::new("t", &fw, t0());
    let mut app = App::new(AppInit::new(fw, assessment));
    app.update(Intent::NextScreen, t0());
    app.update(Intent::NextScreen, t0());
    assert_eq!(app.screen, Screen::Rate);
    app
}

/// The action a key press does on the screen shown.
fn key(app: &App, c: char) -> crate::app::Msg {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    crate::input::map_event(&event, app.mode()).expect("the key is bound")
}

#[test]
fn a_7_is_recorded_on_a_1_to_7_scale_and_refused_on_the_built_in_one() {
    let mut rated = on_scale(&[1, 2, 3, 4, 5, 6, 7]);
    let seven = key(&rated, '7');
    rated.update(seven, t0());
    assert_eq!(rated.assessment.rating(&"C1".into()), Some(level(7)));
    assert_eq!(rated.rate.current, 1, "recorded, Rate moves on");
    // "-" records "none", which a 1-based scale offers.
    let minus = key(&rated, '-');
    rated.update(minus, t0());
    assert_eq!(
        rated.assessment.rating(&"C2".into()),
        Some(Rating::Level(Level::NONE))
    );

    let mut builtin = app();
    builtin.update(Intent::NextScreen, t0());
    builtin.update(Intent::NextScreen, t0());
    let mut app = builtin;
    let choices = app.framework.choices(0);
    for (typed, shown) in [('7', "7"), ('-', "none")] {
        let action = key(&app, typed);
        app.update(action, t0());
        assert_eq!(app.assessment.rating(&"DP1".into()), None, "{typed}");
        assert_eq!(app.rate.current, 0, "Rate stays on DP1 after {typed}");
        assert_eq!(
            app.notice_text().as_deref(),
            Some(strings::not_a_choice(shown, &choices).as_str())
        );
    }
    // The notice names the built-in scale's levels.
    assert!(
        app.notice_text()
            .as_deref()
            .unwrap()
            .contains("choose 0, 1, 2, 3, 4, 5, or N/A"),
        "{:?}",
        app.notice_text().as_deref()
    );
}

#[test]
fn evidence_is_asked_for_the_high_levels_of_the_scale() {
    // (scale, levels not asked about, levels asked about)
    let cases: [(&[u8], &[u8], &[u8]); 3] = [
        (&[1, 2, 3, 4, 5, 6, 7], &[4, 5], &[6, 7]),
        (&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], &[4, 6], &[7, 9]),
        (&[1, 2], &[1], &[2]),
    ];
    for (scale, calm, asked) in cases {
        for &n in calm {
            let mut app = on_scale(scale);
            app.update(Intent::Rate(level(n)), t0());
            assert_eq!(app.assessment.rating(&"C1".into()), Some(level(n)));
            assert_eq!(app.notice_text().as_deref(), None, "{n} on {scale:?}");
        }
        for &n in asked {
            let mut app = on_scale(scale);
            app.update(Intent::Rate(level(n)), t0());
            let notice = app.notice_text().as_deref().unwrap_or_default().to_string();
            assert!(
                notice.contains(&format!("C1 at {n}")) && notice.contains("what did you do"),
                "{n} on {scale:?}: {notice}"
            );
        }
    }
}

#[test]
fn the_na_row_follows_the_choices_of_the_scale() {
    // 1–7: seven levels, "none", then N/A.
    let mut app = on_scale(&[1, 2, 3, 4, 5, 6, 7]);
    app.update(Intent::Rate(Rating::NotApplicable), t0());
    app.update(Intent::Left, t0());
    assert_eq!(app.rate.cursor, Some(8));
    assert_eq!(app.rate.cursor, Some(app.framework.scale.na_row()));
    // 0–9: ten levels, its 0 says "not yet", then N/A.
    let mut app = on_scale(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    app.update(Intent::Rate(Rating::NotApplicable), t0());
    app.update(Intent::Left, t0());
    assert_eq!(app.rate.cursor, Some(10));
}
