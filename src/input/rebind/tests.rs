use super::*;
use crate::input::keys_for;

fn rebind(context: &str, action: &str, keys: &[&str]) -> Rebinding {
    let scope = contexts()
        .into_iter()
        .find(|(n, _)| *n == context)
        .unwrap()
        .1;
    Rebinding {
        context: scope,
        action: action_from_name(action).unwrap_or_else(|| panic!("{action}")),
        keys: keys
            .iter()
            .enumerate()
            .map(|(i, k)| (parse_key(k).unwrap(), 100 + i))
            .collect(),
        at: 7,
    }
}

#[test]
fn every_bound_action_and_context_has_a_name_that_reads_back() {
    for b in table() {
        let context =
            context_name(b.scope).unwrap_or_else(|| panic!("no context name for {:?}", b.scope));
        assert!(
            contexts()
                .iter()
                .any(|(n, s)| *n == context && *s == b.scope)
        );
        for (keys, action) in &b.groups {
            let name = action_name(action).unwrap_or_else(|| panic!("no name for {action:?}"));
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}"
            );
            assert_eq!(action_from_name(&name).as_ref(), Some(action), "{name}");
            for key in keys {
                let written = key_config_name(key);
                assert_eq!(parse_key(&written), Ok(*key), "{written}");
            }
        }
    }
    // Different actions never share a name.
    let mut names: Vec<(String, Intent)> = table()
        .into_iter()
        .flat_map(|b| {
            b.groups
                .into_iter()
                .map(|(_, a)| (action_name(&a).unwrap(), a))
        })
        .collect();
    names.dedup();
    for (i, (n, a)) in names.iter().enumerate() {
        for (m, b) in &names[i + 1..] {
            assert!(n != m || a == b, "{n} names {a:?} and {b:?}");
        }
    }
}

#[test]
fn keys_are_read_as_written() {
    use KeyCode as K;
    let none = KeyModifiers::NONE;
    let cases = [
        ("q", (K::Char('q'), none)),
        ("Q", (K::Char('Q'), none)),
        ("?", (K::Char('?'), none)),
        ("-", (K::Char('-'), none)),
        ("ctrl-c", (K::Char('c'), KeyModifiers::CONTROL)),
        ("Ctrl-C", (K::Char('c'), KeyModifiers::CONTROL)),
        ("enter", (K::Enter, none)),
        ("ESC", (K::Esc, none)),
        ("tab", (K::Tab, none)),
        ("shift-tab", (K::BackTab, none)),
        ("shift-down", (K::Down, KeyModifiers::SHIFT)),
        ("pgdn", (K::PageDown, none)),
        ("f1", (K::F(1), none)),
        ("space", (K::Char(' '), none)),
        ("del", (K::Delete, none)),
        ("alt-x", (K::Char('x'), KeyModifiers::ALT)),
    ];
    for (text, key) in cases {
        assert_eq!(parse_key(text), Ok(key), "{text}");
    }
    for bad in ["", "ctrl-", "enterr", "f0", "f99", "shift-q", "\t"] {
        assert!(parse_key(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_rebinding_replaces_the_actions_keys_in_its_context_only() {
    let table = apply(table(), &[rebind("screens", "quit", &["Q"])]).unwrap();
    let quit = table
        .iter()
        .find(|b| b.scope == Scope::Screens && b.does(&Intent::Quit))
        .unwrap();
    assert_eq!(quit.label(), "Q");
    // Ctrl-C still quits from anywhere, and help's own q still closes it.
    assert!(
        table
            .iter()
            .any(|b| b.scope == Scope::Always && b.does(&Intent::Quit))
    );
    let help_q = table
        .iter()
        .find(|b| b.scope == Scope::In(Mode::Help) && b.label() == "q");
    assert!(help_q.is_some());
    // The installed table is untouched by a mere check.
    assert_eq!(keys_for(Mode::Screen(Screen::Grid), &Intent::Quit), "q");
}

#[test]
fn conflicts_are_refused_at_the_offending_key() {
    // Two actions on one key in one context.
    let err = apply(table(), &[rebind("rate", "edit-note", &["u"])]).unwrap_err();
    assert_eq!(err.at, 100);
    assert!(err.message.contains("next-unrated"), "{}", err.message);
    assert!(err.message.contains("[keys.rate]"), "{}", err.message);
    // A screen's key hiding one of every screen.
    let err = apply(table(), &[rebind("grid", "cycle-target", &["x", "q"])]).unwrap_err();
    assert_eq!(err.at, 101);
    assert!(
        err.message.contains("`quit` in [keys.screens]"),
        "{}",
        err.message
    );
    // ... unless that key is rebound away.
    assert!(
        apply(
            table(),
            &[
                rebind("grid", "cycle-target", &["q"]),
                rebind("screens", "quit", &["Q"]),
            ]
        )
        .is_ok()
    );
    // Every screen's key hidden by one screen's.
    let err = apply(table(), &[rebind("screens", "toggle-help", &["e"])]).unwrap_err();
    assert!(
        err.message.contains("`edit-note` in [keys.rate]"),
        "{}",
        err.message
    );
    // Ctrl-C from anywhere hidden by the note editor's own key.
    let err = apply(table(), &[rebind("note", "close-editor", &["ctrl-c"])]).unwrap_err();
    assert!(err.message.contains("[keys.always]"), "{}", err.message);
    // A letter would no longer be typed in a text field.
    let err = apply(table(), &[rebind("note", "close-editor", &["x"])]).unwrap_err();
    assert!(err.message.contains("typed"), "{}", err.message);
    // Keys of contexts never live together do not clash: help's q and a screen's q.
    assert!(apply(table(), &[rebind("help", "back", &["tab"])]).is_ok());
    assert!(apply(table(), &[rebind("prompt-locked", "cancel", &["x"])]).is_ok());
}

#[test]
fn an_action_the_context_lacks_or_no_key_is_refused_at_the_entry() {
    let err = apply(table(), &[rebind("rate", "quit", &["Q"])]).unwrap_err();
    assert_eq!(err.at, 7);
    assert!(err.message.contains("[keys.screens]"), "{}", err.message);
    let err = apply(table(), &[rebind("grid", "quit", &[])]).unwrap_err();
    assert_eq!(err.at, 7);
}

#[test]
fn the_defaults_listing_names_every_context_and_action() {
    let text = defaults_toml();
    for (name, _) in contexts() {
        assert!(text.contains(&format!("# [keys.{name}]\n")), "{name}");
    }
    assert!(text.contains("# quit = \"q\""), "{text}");
    assert!(text.contains("# next-screen = \"tab\""), "{text}");
    assert!(text.contains("# rate-3 = \"3\""), "{text}");
    assert!(
        text.contains("# scroll-detail-down = [\"J\", \"shift-down\"]"),
        "{text}"
    );
}
