use super::*;

fn colors(entries: &[(&str, &str)]) -> Colors {
    Colors(
        entries
            .iter()
            .map(|(k, v)| {
                let (m, p) = meaning_of(k).unwrap();
                (m, p, parse_color(v).unwrap())
            })
            .collect(),
    )
}

#[test]
fn colours_are_read_by_name_hex_and_index() {
    assert_eq!(parse_color("#1e66f5"), Ok(Color::Rgb(0x1e, 0x66, 0xf5)));
    assert_eq!(parse_color("light-blue"), Ok(Color::LightBlue));
    assert_eq!(parse_color("Bright_Red"), Ok(Color::LightRed));
    assert_eq!(parse_color("dark-gray"), Ok(Color::DarkGray));
    assert_eq!(parse_color("default"), Ok(Color::Reset));
    assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
    for bad in ["#12345", "#gggggg", "purple", "", "256"] {
        assert!(parse_color(bad).is_err(), "{bad:?}");
    }
    assert_eq!(meaning_of("selected_bg"), Some(("selected", Part::Bg)));
    assert_eq!(meaning_of("gap"), Some(("gap", Part::Fg)));
    assert_eq!(meaning_of("accent"), None);
}

#[test]
fn a_configured_colour_replaces_the_meaning_and_reverse_video() {
    let theme = Theme::light().with(&colors(&[("selected_bg", "#fff3b0"), ("key", "red")]));
    assert_eq!(theme.selected.bg, Some(Color::Rgb(0xff, 0xf3, 0xb0)));
    assert!(!theme.selected.add_modifier.contains(Modifier::REVERSED));
    assert_eq!(theme.key.fg, Some(Color::Red));
    assert_eq!(theme.gap, Theme::light().gap);
}

#[test]
fn an_unreadable_selected_row_is_refused_and_a_pale_one_warned() {
    // A pale row background under black text: fine on light, refused on dark.
    let pale = colors(&[("selected_bg", "#fff3b0")]);
    assert!(
        check_colors(&pale, &[Background::Light])
            .iter()
            .all(|f| !f.refused)
    );
    let dark = check_colors(&pale, &[Background::Dark]);
    assert!(dark.iter().any(|f| f.refused && f.entry == 0), "{dark:?}");
    // Yellow text on a light background: under the floor.
    let yellow = check_colors(&colors(&[("key", "#ffff00")]), &[Background::Light]);
    assert_eq!(yellow.len(), 1);
    assert!(
        yellow[0].refused && yellow[0].message.contains("key"),
        "{yellow:?}"
    );
    // Nothing configured: nothing to say.
    assert!(check_colors(&Colors::default(), &[Background::Dark, Background::Light]).is_empty());
}
