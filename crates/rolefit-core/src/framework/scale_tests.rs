use super::*;

/// A scale of these values, lowest first.
fn scale_of(values: &[u8]) -> Scale {
    Scale::new(
        String::new(),
        values
            .iter()
            .map(|&v| ScaleLevel {
                value: Level::from_const(v),
                label: format!("Level {v}"),
                descriptor: String::new(),
                hint: None,
            })
            .collect(),
    )
}

fn values(levels: impl Iterator<Item = Level>) -> Vec<u8> {
    levels.map(Level::value).collect()
}

#[test]
fn the_built_in_scale_answers_as_it_always_has() {
    let scale = crate::testing::builtin().scale;
    assert_eq!(values(scale.values()), [0, 1, 2, 3, 4, 5]);
    assert!(!scale.offers_none());
    assert!(scale.digits_type_every_level());
    assert_eq!(values(scale.high_levels()), [4, 5]);
    assert!(!scale.is_high(Level::from_const(3)));
    assert!(scale.is_high(Level::from_const(4)));
    assert!(scale.is_high(Level::from_const(5)));
    assert!(!scale.is_high(Level::NONE));
    // 0–5, then N/A in the seventh row.
    assert_eq!(scale.choice_count(), 7);
    assert_eq!(scale.na_row(), 6);
}

#[test]
fn a_scale_of_the_same_shape_answers_like_the_built_in_one() {
    let scale = scale_of(&[0, 1, 2, 3, 4, 5]);
    assert!(!scale.offers_none());
    assert!(scale.digits_type_every_level());
    assert_eq!(values(scale.high_levels()), [4, 5]);
    assert_eq!(scale.na_row(), 6);
}

#[test]
fn one_to_seven_offers_none_and_its_top_two_are_high() {
    let scale = scale_of(&[1, 2, 3, 4, 5, 6, 7]);
    assert!(scale.offers_none());
    assert!(scale.digits_type_every_level());
    assert_eq!(values(scale.high_levels()), [6, 7]);
    assert!(!scale.is_high(Level::from_const(4)));
    assert!(!scale.is_high(Level::from_const(5)));
    assert!(scale.is_high(Level::from_const(6)));
    assert!(scale.is_high(Level::from_const(7)));
    // 1–7, "none", then N/A.
    assert_eq!(scale.choice_count(), 9);
    assert_eq!(scale.na_row(), 8);
}

#[test]
fn zero_to_nine_has_its_top_three_high() {
    let scale = scale_of(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert!(!scale.offers_none());
    assert!(scale.digits_type_every_level());
    assert_eq!(values(scale.high_levels()), [7, 8, 9]);
    assert!(!scale.is_high(Level::from_const(6)));
    assert_eq!(scale.na_row(), 10);
}

#[test]
fn values_beyond_nine_are_not_typed_by_digits() {
    let scale = scale_of(&[0, 50, 99]);
    assert!(!scale.offers_none());
    assert!(!scale.digits_type_every_level());
    assert_eq!(values(scale.high_levels()), [99]);
    assert!(!scale.is_high(Level::from_const(50)));
    assert!(!scale.is_high(Level::from_const(98)));
    assert_eq!(scale.na_row(), 3);
    let from_ten = scale_of(&[10, 20]);
    assert!(from_ten.offers_none());
    assert!(!from_ten.digits_type_every_level());
}

#[test]
fn a_two_level_scale_has_its_top_one_high() {
    let scale = scale_of(&[1, 2]);
    assert!(scale.offers_none());
    assert_eq!(values(scale.high_levels()), [2]);
    assert!(!scale.is_high(Level::from_const(1)));
    assert_eq!(scale.choice_count(), 4);
    let from_zero = scale_of(&[0, 1]);
    assert!(!from_zero.offers_none());
    assert_eq!(values(from_zero.high_levels()), [1]);
    assert_eq!(from_zero.na_row(), 2);
}

#[test]
fn a_competency_restricts_only_when_it_leaves_out_a_level() {
    let scale = scale_of(&[1, 2, 3]);
    let mut c = crate::testing::builtin().competencies[0].clone();
    c.valid = Vec::new();
    assert!(!c.restricts(&scale));
    c.valid = scale.values().collect();
    assert!(!c.restricts(&scale));
    c.valid = vec![Level::from_const(2), Level::from_const(3)];
    assert!(c.restricts(&scale));
}
