use super::*;

/// What a key or a paste means in `mode` (resizes and clicks are no intent).
fn map_event(event: &Event, mode: Mode) -> Option<Intent> {
    super::map_event(event, mode).and_then(Msg::into_intent)
}

/// What a key or a paste means in the team view's `mode`.
fn map_team_event(event: &Event, mode: TeamMode) -> Option<Intent> {
    super::map_team_event(event, mode).and_then(Msg::into_intent)
}

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn on(screen: Screen) -> Mode {
    Mode::Screen(screen)
}

#[test]
fn fixed_keys_map_as_the_product_says() {
    let cases = [
        (Screen::Roles, KeyCode::Tab, Intent::NextScreen),
        (Screen::Grid, KeyCode::BackTab, Intent::PrevScreen),
        (Screen::Grid, KeyCode::Up, Intent::Up),
        (Screen::Grid, KeyCode::Char('j'), Intent::Down),
        (Screen::Grid, KeyCode::Char('h'), Intent::Left),
        (Screen::Grid, KeyCode::Right, Intent::Right),
        (Screen::Grid, KeyCode::PageUp, Intent::PageUp),
        (Screen::Grid, KeyCode::PageDown, Intent::PageDown),
        (Screen::Grid, KeyCode::Home, Intent::Home),
        (Screen::Grid, KeyCode::Char('g'), Intent::Home),
        (Screen::Grid, KeyCode::Char('G'), Intent::End),
        (Screen::Grid, KeyCode::Enter, Intent::Activate),
        (Screen::Rate, KeyCode::Char('3'), rate(3)),
        (Screen::Rate, KeyCode::Char('0'), rate(0)),
        (
            Screen::Rate,
            KeyCode::Char('n'),
            Intent::Rate(Rating::NotApplicable),
        ),
        (Screen::Rate, KeyCode::Char('e'), Intent::EditNote),
        (Screen::Results, KeyCode::Char('?'), Intent::ToggleHelp),
        (Screen::Results, KeyCode::Char('q'), Intent::Quit),
    ];
    for (screen, code, action) in cases {
        assert_eq!(
            map_event(&press(code), on(screen)),
            Some(action),
            "{code:?} on {screen:?}"
        );
    }
}

#[test]
fn ctrl_c_quits_everywhere_even_in_the_editor() {
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    for mode in [
        Mode::Note,
        Mode::RoundLabel,
        Mode::Plan(PlanField::Action),
        Mode::Plan(PlanField::Target),
        Mode::Help,
        Mode::Prompt(PromptKind::ConfirmQuit),
        on(Screen::Rate),
    ] {
        assert_eq!(map_event(&ctrl_c, mode), Some(Intent::Quit), "{mode:?}");
    }
    // Read from the keymap, so a person's Results opened from the team view knows it
    // ends the team view too; q quits only a screen, and a release is no key.
    assert!(quits_everywhere(&ctrl_c));
    assert!(!quits_everywhere(&press(KeyCode::Char('q'))));
    assert!(!quits_everywhere(&press(KeyCode::Esc)));
    let mut release = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    release.kind = KeyEventKind::Release;
    assert!(!quits_everywhere(&Event::Key(release)));
}

#[test]
fn ctrl_z_suspends_everywhere_even_in_text_fields_and_prompts() {
    let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    let mut modes = vec![
        Mode::Note,
        Mode::RoundLabel,
        Mode::Plan(PlanField::Action),
        Mode::Plan(PlanField::Target),
        Mode::Help,
        Mode::Prompt(PromptKind::ConfirmQuit),
        Mode::Prompt(PromptKind::Locked),
        Mode::Prompt(PromptKind::Unreadable),
    ];
    modes.extend(Screen::ALL.iter().map(|&s| on(s)));
    for mode in modes {
        assert_eq!(map_event(&ctrl_z, mode), Some(Intent::Suspend), "{mode:?}");
    }
    // A plain z is still typed in a text field.
    assert!(matches!(
        map_event(&press(KeyCode::Char('z')), Mode::Note),
        Some(Intent::Edit(_))
    ));
}

#[test]
fn ctrl_z_is_in_the_help_of_every_screen_not_in_a_footer() {
    for screen in Screen::ALL {
        let listed = visible_bindings(on(screen));
        let suspend = listed.iter().find(|b| b.does(&Intent::Suspend));
        let suspend = suspend.unwrap_or_else(|| panic!("Ctrl-Z not listed on {screen:?}"));
        assert_eq!(suspend.label(), "Ctrl-Z");
        assert!(!suspend.help.is_empty());
        assert_eq!(suspend.show, Show::Help);
        // Ctrl-C stays out of the screens' lists: `q` quits there.
        assert!(
            !listed
                .iter()
                .any(|b| b.does(&Intent::Quit) && b.scope == Scope::Always)
        );
    }
}

#[test]
fn the_editor_takes_typing_and_esc_leaves_it() {
    let context = Mode::Note;
    assert!(matches!(
        map_event(&press(KeyCode::Char('q')), context),
        Some(Intent::Edit(_))
    ));
    assert!(matches!(
        map_event(&press(KeyCode::Tab), context),
        Some(Intent::Edit(_))
    ));
    assert_eq!(
        map_event(&press(KeyCode::Esc), context),
        Some(Intent::CloseEditor)
    );
}

#[test]
fn releases_are_ignored_and_shifted_capitals_match() {
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(map_event(&Event::Key(release), on(Screen::Grid)), None);
    let shifted = Event::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(map_event(&shifted, on(Screen::Grid)), Some(Intent::End));
    let backtab = Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(
        map_event(&backtab, on(Screen::Grid)),
        Some(Intent::PrevScreen)
    );
}

#[test]
fn digits_do_nothing_outside_rate_and_help_swallows_screen_keys() {
    assert_eq!(
        map_event(&press(KeyCode::Char('3')), on(Screen::Grid)),
        None
    );
    let context = Mode::Help;
    assert_eq!(map_event(&press(KeyCode::Enter), context), None);
    assert_eq!(map_event(&press(KeyCode::Esc), context), Some(Intent::Back));
}

#[test]
fn q_closes_help_and_ctrl_c_still_quits() {
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(
        map_event(&press(KeyCode::Char('q')), Mode::Help),
        Some(Intent::Back)
    );
    assert_eq!(map_event(&ctrl_c, Mode::Help), Some(Intent::Quit));
}

#[test]
fn x_only_writes_the_report_and_clearing_is_on_the_delete_keys() {
    let rate = on(Screen::Rate);
    assert_eq!(map_event(&press(KeyCode::Char('x')), rate), None);
    for code in [KeyCode::Delete, KeyCode::Backspace] {
        assert_eq!(map_event(&press(code), rate), Some(Intent::ClearRating));
    }
    assert_eq!(
        map_event(&press(KeyCode::Char('x')), on(Screen::Results)),
        Some(Intent::ExportReport(Format::Markdown))
    );
    assert_eq!(
        map_event(&press(KeyCode::Char('X')), on(Screen::Results)),
        Some(Intent::ExportReport(Format::Html))
    );
    // No key anywhere both clears and does something harmless elsewhere.
    let clears: Vec<&Key> = bindings()
        .iter()
        .filter(|b| b.does(&Intent::ClearRating))
        .flat_map(|b| b.groups.iter().flat_map(|(k, _)| k))
        .collect();
    assert!(clears.iter().all(|k| !matches!(k.0, KeyCode::Char(_))));
}

#[test]
fn read_only_lists_no_binding_that_writes() {
    for screen in Screen::ALL {
        let mode = on(screen);
        let listed = listed_bindings(mode, true);
        assert!(listed.iter().all(|b| !b.writes()), "{screen:?}");
        assert!(listed.len() < visible_bindings(mode).len() || screen != Screen::Rate);
    }
    assert!(
        !listed_bindings(on(Screen::Rate), true)
            .iter()
            .any(|b| b.does(&rate(3)))
    );
}

#[test]
fn prompts_only_take_their_own_answers() {
    let mut context = Mode::Prompt(PromptKind::Unreadable);
    assert_eq!(
        map_event(&press(KeyCode::Char('f')), context),
        Some(Intent::StartFresh)
    );
    assert_eq!(map_event(&press(KeyCode::Tab), context), None);
    context = Mode::Prompt(PromptKind::Locked);
    assert_eq!(
        map_event(&press(KeyCode::Char('r')), context),
        Some(Intent::OpenReadOnly)
    );
    context = Mode::Prompt(PromptKind::ConfirmQuit);
    assert_eq!(
        map_event(&press(KeyCode::Char('y')), context),
        Some(Intent::Confirm)
    );
    assert_eq!(
        map_event(&press(KeyCode::Char('n')), context),
        Some(Intent::Cancel)
    );
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    let table = bindings();
    for (i, a) in table.iter().enumerate() {
        for b in &table[i + 1..] {
            if a.scope == b.scope {
                for (keys, _) in &a.groups {
                    for k in keys {
                        assert!(
                            b.action_for(k).is_none(),
                            "{k:?} bound twice in {:?}",
                            a.scope
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn labels_are_written_from_the_keys() {
    let label = |mode: Mode, action: Intent| {
        bindings()
            .iter()
            .find(|b| scopes(mode).contains(&b.scope) && b.does(&action))
            .map(Binding::label)
            .unwrap()
    };
    assert_eq!(label(on(Screen::Roles), Intent::Right), "←→/hl");
    assert_eq!(label(on(Screen::Grid), Intent::Down), "↑↓/jk");
    // Every digit and `-` record a level; a framework lists those of its scale.
    assert_eq!(label(on(Screen::Rate), rate(3)), "0-9/-");
    assert_eq!(label(on(Screen::Grid), Intent::NextScreen), "Tab/S-Tab");
    assert_eq!(
        label(on(Screen::Grid), Intent::ScrollDetail(1)),
        "J/K/S-↓/S-↑"
    );
    assert_eq!(label(on(Screen::Results), Intent::OpenPlan), "Enter/p");
    assert_eq!(label(Mode::Help, Intent::Back), "Esc/?");
    assert_eq!(label(Mode::Note, Intent::Quit), "Ctrl-C");
}

/// A framework's scale of these values, read from a format 2 file.
fn scale_of(values: &[u8]) -> Scale {
    let mut text = String::from("format = 2\nid = \"s\"\nversion = 1\nname = \"S\"\n\n[scale]\n");
    for v in values {
        text.push_str(&format!(
            "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"D.\"\n"
        ));
    }
    text.push_str(
        "\n[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n\
         [[areas]]\nid = \"A\"\nname = \"Area\"\n\n\
         [[competencies]]\nid = \"C1\"\narea = \"A\"\nname = \"One\"\n",
    );
    crate::storage::framework::from_toml(&text)
        .unwrap_or_else(|p| panic!("{p:#?}"))
        .scale
}

#[test]
fn the_digits_listed_are_those_of_the_scale() {
    let rate_ = on(Screen::Rate);
    let digits = bindings()
        .iter()
        .find(|b| b.scope == Scope::In(rate_) && b.does(&rate(3)))
        .unwrap();
    let builtin = crate::storage::framework::builtin().scale;
    assert_eq!(digits.on_scale(&builtin).label(), "0-5");
    assert_eq!(level_keys(rate_, &builtin), "0-5");
    let seven = scale_of(&[1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(digits.on_scale(&seven).label(), "1-7");
    assert_eq!(level_keys(rate_, &seven), "1-7");
    assert_eq!(level_keys(on(Screen::Results), &seven), "1-7");
    assert_eq!(level_keys(Mode::Plan(PlanField::Target), &seven), "1-7");
    // Values above 9: only those a digit types (here none) are listed.
    assert_eq!(level_keys(rate_, &scale_of(&[10, 20, 30])), UNBOUND);
    assert_eq!(level_keys(rate_, &scale_of(&[0, 50, 99])), "0");
    assert_eq!(none_keys(rate_), "-");
    // Other bindings are listed as they are.
    let na = bindings()
        .iter()
        .find(|b| b.scope == Scope::In(rate_) && b.does(&Intent::Rate(Rating::NotApplicable)))
        .unwrap();
    assert_eq!(na.on_scale(&seven).label(), "n");
}

#[test]
fn every_digit_and_minus_record_a_level_wherever_digits_rate() {
    for mode in [
        on(Screen::Rate),
        on(Screen::Results),
        Mode::Plan(PlanField::Target),
    ] {
        for n in 0..=9u8 {
            let digit = char::from(b'0' + n);
            assert_eq!(
                map_event(&press(KeyCode::Char(digit)), mode),
                Some(rate(n)),
                "{digit} in {mode:?}"
            );
        }
        assert_eq!(
            map_event(&press(KeyCode::Char('-')), mode),
            Some(Intent::Rate(Rating::Level(Level::NONE))),
            "- in {mode:?}"
        );
    }
    // Elsewhere a digit records nothing.
    assert_eq!(
        map_event(&press(KeyCode::Char('7')), on(Screen::Grid)),
        None
    );
}

#[test]
fn hints_name_the_bound_keys() {
    assert_eq!(keys_for(on(Screen::Results), &Intent::ToggleWhatIf), "w");
    assert_eq!(keys_for(on(Screen::Roles), &Intent::Left), "←/h");
    assert_eq!(first_key(on(Screen::Rate), &Intent::ScrollDetail(-1)), "K");
    assert_eq!(keys_for(on(Screen::Grid), &Intent::ToggleHelp), "?");
    assert_eq!(keys_for(on(Screen::Grid), &Intent::ApplyWhatIf), UNBOUND);
}

#[test]
fn text_fields_type_every_key_but_their_own() {
    let typed = |mode, code| matches!(map_event(&press(code), mode), Some(Intent::Edit(_)));
    assert!(typed(Mode::RoundLabel, KeyCode::Char('q')));
    assert_eq!(
        map_event(&press(KeyCode::Enter), Mode::RoundLabel),
        Some(Intent::Confirm)
    );
    assert!(typed(Mode::Plan(PlanField::Action), KeyCode::Enter));
    assert_eq!(
        map_event(&press(KeyCode::Tab), Mode::Plan(PlanField::Action)),
        Some(Intent::SwitchField)
    );
    assert!(typed(Mode::Note, KeyCode::Enter));
    assert!(!typed(Mode::Plan(PlanField::Target), KeyCode::Char('q')));
}

#[test]
fn a_paste_goes_only_into_a_text_field_with_its_line_breaks() {
    let paste = Event::Paste("one\r\ntwo\rthree".into());
    for mode in [Mode::Note, Mode::RoundLabel, Mode::Plan(PlanField::Action)] {
        assert_eq!(
            map_event(&paste, mode),
            Some(Intent::Paste("one\ntwo\nthree".into())),
            "{mode:?}"
        );
    }
    for mode in [
        on(Screen::Rate),
        on(Screen::Grid),
        Mode::Help,
        Mode::Plan(PlanField::Target),
        Mode::Prompt(PromptKind::Locked),
    ] {
        assert_eq!(map_event(&paste, mode), None, "{mode:?}");
    }
}

#[test]
fn the_team_view_has_its_own_keys_and_types_only_while_searching() {
    let team = TeamMode::Browse;
    let cases = [
        (KeyCode::Char('j'), Intent::Down),
        (KeyCode::Up, Intent::Up),
        (KeyCode::Char('l'), Intent::Right),
        (KeyCode::PageDown, Intent::PageDown),
        (KeyCode::Char('G'), Intent::End),
        (KeyCode::Enter, Intent::Activate),
        (KeyCode::Char('s'), Intent::CycleSort),
        (KeyCode::Char('t'), Intent::CycleTarget),
        (KeyCode::Char('f'), Intent::CycleFilter),
        (KeyCode::Char('/'), Intent::Find),
        (KeyCode::Char('?'), Intent::ToggleHelp),
        (KeyCode::Char('q'), Intent::Quit),
    ];
    for (code, action) in cases {
        assert_eq!(map_team_event(&press(code), team), Some(action), "{code:?}");
    }
    // Keys of the app's screens do nothing here: no rating, no screen change.
    assert_eq!(map_team_event(&press(KeyCode::Char('3')), team), None);
    assert_eq!(map_team_event(&press(KeyCode::Tab), team), None);
    // While searching, letters type (even q) and Enter keeps the match.
    let search = TeamMode::Search;
    assert!(matches!(
        map_team_event(&press(KeyCode::Char('q')), search),
        Some(Intent::Edit(_))
    ));
    assert_eq!(
        map_team_event(&press(KeyCode::Enter), search),
        Some(Intent::Confirm)
    );
    assert_eq!(
        map_team_event(&press(KeyCode::Esc), search),
        Some(Intent::Cancel)
    );
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    for mode in [TeamMode::Browse, TeamMode::Search, TeamMode::Help] {
        assert_eq!(
            map_team_event(&ctrl_c, mode),
            Some(Intent::Quit),
            "{mode:?}"
        );
    }
    assert_eq!(
        map_team_event(&press(KeyCode::Char('q')), TeamMode::Help),
        Some(Intent::Back)
    );
    // The team view's keys never leak into the app's footer or help.
    for screen in Screen::ALL {
        assert!(
            visible_bindings(on(screen))
                .iter()
                .all(|b| !matches!(b.scope, Scope::Team(_)))
        );
    }
    // Its footer lists them from the table.
    let listed: Vec<String> = team_bindings(team).iter().map(|b| b.label()).collect();
    assert!(listed.contains(&"/".to_string()) && listed.contains(&"s".to_string()));
}
