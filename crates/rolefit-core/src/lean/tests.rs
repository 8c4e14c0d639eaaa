//! Every property of README: How rolefit decides, on the built-in framework; the personas and the
//! retake simulation are in `tests/verdicts.rs`.

use super::*;
use proptest::prelude::*;

fn builtin() -> Framework {
    crate::testing::builtin()
}

fn sheet_of(levels: &[Option<u8>]) -> RatingSheet {
    RatingSheet::from_levels(levels.iter().map(|l| l.and_then(Level::new)).collect())
}

/// Every competency at `level`, but those `rated` leaves out (unrated or N/A).
fn flat_on(framework: &Framework, level: u8, rated: &[bool]) -> RatingSheet {
    sheet_of(
        &(0..framework.competencies.len())
            .map(|c| rated[c].then_some(level))
            .collect::<Vec<_>>(),
    )
}

fn copy_of(framework: &Framework, profile: usize) -> RatingSheet {
    RatingSheet::from_levels(
        (0..framework.competencies.len())
            .map(|c| Some(framework.target(profile, c)))
            .collect(),
    )
}

/// A competency that could flip the outcome both up and down is one competency in "and N
/// more", not two (found by `flips_match_a_full_recomputation`: 14 counted, 13 flip).
#[test]
fn more_counts_each_flipping_competency_once() {
    let fw = builtin();
    let levels = [
        4, 0, 3, 4, 1, 3, 0, 5, 5, 1, 4, 4, 0, 2, 5, 3, 1, 3, 5, 3, 4, 2, 4, 4, 5, 4, 0, 5, 3, 2,
        4, 2, 5,
    ];
    let sheet = sheet_of(&levels.iter().map(|&l| Some(l)).collect::<Vec<_>>());
    let l = lean(&fw, &sheet);
    let Some(Firmness::CloseCall { flips, more, .. }) = &l.firmness else {
        panic!("a close call: {:?}", l.firmness);
    };
    let mut flipping = std::collections::BTreeSet::new();
    for (c, &level) in levels.iter().enumerate() {
        for to in [level.wrapping_sub(1), level + 1] {
            let Some(to) = Level::new(to).filter(|&t| t <= fw.scale.last()) else {
                continue;
            };
            let mut changed = sheet.clone();
            changed.set(c, Some(to));
            if lean(&fw, &changed).outcome != l.outcome {
                flipping.insert(c);
            }
        }
    }
    assert_eq!(flips.len() + more, flipping.len());
}

#[test]
fn copies_of_the_profiles_sit_at_the_ends_and_lean_to_them() {
    let fw = builtin();
    let [pm, pmo] = fw.main_profiles;
    let a = lean(&fw, &copy_of(&fw, pm));
    assert!((a.position.unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(a.outcome, Outcome::Leans { side: 0 });
    let b = lean(&fw, &copy_of(&fw, pmo));
    assert!(b.position.unwrap().abs() < 1e-9);
    assert_eq!(b.outcome, Outcome::Leans { side: 1 });
    assert!(a.firm() && b.firm());
}

/// The position of real-valued levels (every competency rated) by the formula of
/// README: How rolefit decides written out directly, clamped to 0…1.
fn reference(fw: &Framework, levels: &[f64]) -> f64 {
    let [pa, pb] = fw.main_profiles;
    let n = levels.len() as f64;
    let t = |p: usize, c: usize| f64::from(fw.target(p, c).value());
    let ms = levels.iter().sum::<f64>() / n;
    let ma = (0..levels.len()).map(|c| t(pa, c)).sum::<f64>() / n;
    let mb = (0..levels.len()).map(|c| t(pb, c)).sum::<f64>() / n;
    let q_of = |u: &dyn Fn(usize) -> f64| {
        let (mut num, mut den) = (0.0, 0.0);
        for c in 0..levels.len() {
            let (a, b) = (t(pa, c) - ma, t(pb, c) - mb);
            num += (u(c) - b) * (a - b);
            den += (a - b) * (a - b);
        }
        num / den
    };
    let q = q_of(&|c| levels[c] - ms);
    let f = q_of(&|_| 0.0);
    let p = if q <= f {
        0.5 * q / f
    } else {
        0.5 + 0.5 * (q - f) / (1.0 - f)
    };
    p.clamp(0.0, 1.0)
}

#[test]
fn the_position_is_the_reference_formula() {
    let fw = builtin();
    for pattern in [
        "55553 55552 44553 44232 53233 2312 2231",
        "32335 33335 55445 45555 35555 4544 5545",
        "42354 21024 33135 24402 35125 1203 4521",
    ] {
        let levels: Vec<f64> = pattern
            .chars()
            .filter_map(|c| c.to_digit(10))
            .map(f64::from)
            .collect();
        let sheet = sheet_of(&levels.iter().map(|&l| Some(l as u8)).collect::<Vec<_>>());
        let p = lean(&fw, &sheet).position.unwrap();
        assert!(
            (p - reference(&fw, &levels)).abs() < 1e-12,
            "{pattern}: {p}"
        );
    }
}

#[test]
fn the_midpoint_has_no_lean_and_the_mixture_sweep_goes_pmo_none_pm() {
    let fw = builtin();
    let [pm, pmo] = fw.main_profiles;
    let mut bands = Vec::new();
    for step in 0..=20 {
        let alpha = f64::from(step) / 20.0;
        let levels: Vec<f64> = (0..fw.competencies.len())
            .map(|c| {
                let t = |p| f64::from(fw.target(p, c).value());
                alpha * t(pm) + (1.0 - alpha) * t(pmo)
            })
            .collect();
        let p = reference(&fw, &levels);
        let band = if p >= LEANS_PM_AT {
            2
        } else if p <= LEANS_PMO_AT {
            0
        } else {
            1
        };
        if step == 10 {
            assert_eq!(band, 1, "α = 0.5 has no lean: {p}");
        }
        bands.push(band);
    }
    assert!(bands.windows(2).all(|w| w[0] <= w[1]), "{bands:?}");
    assert_eq!((bands[0], bands[20]), (0, 2), "{bands:?}");
}

#[test]
fn thresholds() {
    let r = [Some(50.0), Some(50.0)];
    assert_eq!(outcome(LEANS_PM_AT, r), Outcome::Leans { side: 0 });
    assert_eq!(outcome(LEANS_PM_AT - 1e-9, r), Outcome::NoClearLean);
    assert_eq!(outcome(LEANS_PMO_AT, r), Outcome::Leans { side: 1 });
    assert_eq!(outcome(LEANS_PMO_AT + 1e-9, r), Outcome::NoClearLean);
    let ready = [Some(STRADDLE_READINESS), Some(STRADDLE_READINESS)];
    assert_eq!(outcome(0.5, ready), Outcome::Straddles);
    let short = [Some(STRADDLE_READINESS), Some(STRADDLE_READINESS - 1e-9)];
    assert_eq!(outcome(0.5, short), Outcome::NoClearLean);
    assert_eq!(outcome(0.5, [None, Some(100.0)]), Outcome::NoClearLean);
}

#[test]
fn too_early_counts_the_competencies_that_tell_the_roles_apart() {
    let fw = builtin();
    let telling = Telling::of(&fw);
    // On the built-in framework 30 of 33 tell the roles apart (DP5, SE1, SE2 and RP2 weigh
    // nothing once centred… see the README); 8 are needed.
    assert_eq!(telling.total, 29);
    assert_eq!(telling.needed, MIN_TELLING);
    let [pm, _] = fw.main_profiles;
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    let marked: Vec<usize> = (0..fw.competencies.len())
        .filter(|&c| telling.marks[c])
        .collect();
    // A competency that does not tell is rated: still too early, and it says how many more.
    if let Some(quiet) = (0..fw.competencies.len()).find(|&c| !telling.marks[c]) {
        sheet.set(quiet, Some(fw.target(pm, quiet)));
    }
    for &c in &marked[..MIN_TELLING - 1] {
        sheet.set(c, Some(fw.target(pm, c)));
    }
    let early = lean(&fw, &sheet);
    assert_eq!(early.outcome, Outcome::TooEarly);
    assert_eq!(early.telling_missing(), 1);
    // Too early carries nothing else.
    assert_eq!(early.position, None);
    assert_eq!(early.firmness, None);
    assert!(early.reasons.is_empty());
    assert_eq!(early.flavour, None);
    let c = marked[MIN_TELLING - 1];
    sheet.set(c, Some(fw.target(pm, c)));
    let shown = lean(&fw, &sheet);
    assert_eq!(shown.outcome, Outcome::Leans { side: 0 });
    assert!(
        matches!(shown.firmness, Some(Firmness::Provisional { rated: 8, .. })),
        "8 of 30 rated is provisional: {:?}",
        shown.firmness
    );
}

#[test]
fn a_small_framework_needs_half_of_its_telling_competencies_and_at_least_three() {
    for (total, needed) in [(30, 8), (8, 8), (7, 4), (5, 3), (3, 3), (2, 2), (0, 0)] {
        assert_eq!(needed_to_tell(total), needed, "{total}");
    }
}

#[test]
fn a_flat_profile_has_no_reasons_and_a_flavour_that_does_not_fit() {
    let fw = builtin();
    let all = vec![true; fw.competencies.len()];
    for level in 0..=5 {
        let l = lean(&fw, &flat_on(&fw, level, &all));
        assert_eq!(l.position, Some(0.5), "{level}");
        assert!(l.reasons.is_empty());
        assert_eq!(l.flavour, Some(Flavour::NoneFits));
    }
    assert_eq!(
        lean(&fw, &flat_on(&fw, 1, &all)).outcome,
        Outcome::NoClearLean
    );
    assert_eq!(
        lean(&fw, &flat_on(&fw, 5, &all)).outcome,
        Outcome::Straddles
    );
}

/// The retake noise worked out exactly is what a simulated retake gives.
#[test]
fn the_noise_is_the_spread_of_simulated_retakes() {
    let fw = builtin();
    let levels: Vec<Option<u8>> = "55553 55552 44553 44232 53233 2312 2231"
        .chars()
        .filter(|c| c.is_ascii_digit())
        .map(|c| c.to_digit(10).map(|d| d as u8))
        .collect();
    let sheet = sheet_of(&levels);
    let l = lean(&fw, &sheet);
    let telling = Telling::of(&fw);
    // The raw position (before the clamp) over 4,000 retakes, by a fixed generator.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % 3
    };
    let mut moved = Vec::new();
    for _ in 0..4000 {
        let mut retaken = sheet.clone();
        for c in 0..fw.competencies.len() {
            let level = sheet.level(c).unwrap();
            let to = match next() {
                0 => fw.step(c, level, false).unwrap_or(level),
                1 => level,
                _ => fw.step(c, level, true).unwrap_or(level),
            };
            retaken.set(c, Some(to));
        }
        moved.push(raw_position(&fw, &retaken, &telling));
    }
    let mean = moved.iter().sum::<f64>() / moved.len() as f64;
    let sd = (moved.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / moved.len() as f64).sqrt();
    let noise = l.noise.unwrap();
    assert!(
        (sd - noise).abs() < 0.1 * noise,
        "simulated {sd}, worked out {noise}"
    );
}

/// The position without the clamp to 0…1, for the noise test.
fn raw_position(fw: &Framework, sheet: &RatingSheet, telling: &Telling) -> f64 {
    let _ = telling;
    let [pa, pb] = fw.main_profiles;
    let rated: Vec<(usize, f64)> = (0..fw.competencies.len())
        .filter_map(|c| sheet.level(c).map(|l| (c, f64::from(l.value()))))
        .collect();
    let n = rated.len() as f64;
    let t = |p: usize, c: usize| f64::from(fw.target(p, c).value());
    let ms = rated.iter().map(|&(_, s)| s).sum::<f64>() / n;
    let ma = rated.iter().map(|&(c, _)| t(pa, c)).sum::<f64>() / n;
    let mb = rated.iter().map(|&(c, _)| t(pb, c)).sum::<f64>() / n;
    let (mut q, mut f, mut den) = (0.0, 0.0, 0.0);
    for &(c, s) in &rated {
        let (a, b) = (t(pa, c) - ma, t(pb, c) - mb);
        let d = a - b;
        q += (s - ms - b) * d;
        f -= b * d;
        den += d * d;
    }
    let (q, f) = (q / den, f / den);
    if q <= f {
        0.5 * q / f
    } else {
        0.5 + 0.5 * (q - f) / (1.0 - f)
    }
}

/// Which competencies a pattern rates (true) and leaves N/A or unrated (false), with at
/// least enough telling ones rated to show a verdict.
fn rated_subset() -> impl Strategy<Value = Vec<bool>> {
    prop::collection::vec(prop::bool::weighted(0.7), 33).prop_filter(
        "enough telling competencies rated",
        |rated| {
            let fw = crate::testing::builtin();
            let telling = Telling::of(&fw);
            (0..33).filter(|&c| rated[c] && telling.marks[c]).count() >= telling.needed
        },
    )
}

proptest! {
    // Each case of the last one recomputes the lean for every one-level change.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A flat profile sits at exactly 0.5 whatever is N/A, never leans and gives no
    /// reasons (T-P1: the flat point moves with the rated set, the position does not).
    #[test]
    fn flat_is_exactly_a_half_on_every_subset(rated in rated_subset(), level in 0u8..=5) {
        let fw = builtin();
        let l = lean(&fw, &flat_on(&fw, level, &rated));
        if l.outcome != Outcome::Unseparated {
            prop_assert!((l.position.unwrap() - 0.5).abs() < 1e-12, "{:?}", l.position);
            let leans = matches!(l.outcome, Outcome::Leans { .. });
            prop_assert!(!leans, "{:?}", l.outcome);
            prop_assert!(l.reasons.is_empty());
        }
    }

    /// One more level everywhere (nothing at the top) leaves the position where it was.
    #[test]
    fn a_shift_does_not_move_the_position(rated in rated_subset(), levels in prop::collection::vec(0u8..=4, 33)) {
        let fw = builtin();
        let before: Vec<Option<u8>> = (0..33).map(|c| rated[c].then_some(levels[c])).collect();
        let after: Vec<Option<u8>> = before.iter().map(|l| l.map(|l| l + 1)).collect();
        let (a, b) = (lean(&fw, &sheet_of(&before)), lean(&fw, &sheet_of(&after)));
        match (a.position, b.position) {
            (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
            (x, y) => prop_assert_eq!(x, y),
        }
    }

    /// On a fixed rated set, raising a rating whose centred difference a' − b' is negative
    /// never moves the position towards the first profile, and positive never towards the
    /// second — with any N/A pattern (T-P2).
    #[test]
    fn raising_a_rating_moves_the_position_its_way(
        rated in rated_subset(),
        levels in prop::collection::vec(0u8..=5, 33),
        pick in 0usize..33,
    ) {
        let fw = builtin();
        let [pa, pb] = fw.main_profiles;
        let c = (0..33).map(|k| (pick + k) % 33).find(|&c| rated[c] && levels[c] < 5);
        prop_assume!(c.is_some());
        let c = c.unwrap();
        let before: Vec<Option<u8>> = (0..33).map(|k| rated[k].then_some(levels[k])).collect();
        let mut after = before.clone();
        after[c] = after[c].map(|l| l + 1);
        let (a, b) = (lean(&fw, &sheet_of(&before)), lean(&fw, &sheet_of(&after)));
        prop_assume!(a.position.is_some() && b.position.is_some());
        // The centred difference over the rated set.
        let set: Vec<usize> = (0..33).filter(|&k| rated[k]).collect();
        let mean = |p: usize| set.iter().map(|&k| f64::from(fw.target(p, k).value())).sum::<f64>() / set.len() as f64;
        let d = (f64::from(fw.target(pa, c).value()) - mean(pa))
            - (f64::from(fw.target(pb, c).value()) - mean(pb));
        let (x, y) = (a.position.unwrap(), b.position.unwrap());
        if d < 0.0 {
            prop_assert!(y <= x + 1e-12, "{} d {}: {} → {}", fw.competencies[c].id, d, x, y);
        } else {
            prop_assert!(y >= x - 1e-12, "{} d {}: {} → {}", fw.competencies[c].id, d, x, y);
        }
    }

    /// The O(1) flips agree with recomputing the whole lean for each one-level change.
    #[test]
    fn flips_match_a_full_recomputation(levels in prop::collection::vec(0u8..=5, 33)) {
        let fw = builtin();
        let sheet = sheet_of(&levels.iter().map(|&l| Some(l)).collect::<Vec<_>>());
        let l = lean(&fw, &sheet);
        let mut flipping = std::collections::BTreeSet::new();
        for (c, &level) in levels.iter().enumerate() {
            for to in [level.wrapping_sub(1), level + 1] {
                let Some(to) = Level::new(to).filter(|&t| t <= fw.scale.last()) else { continue };
                let mut changed = sheet.clone();
                changed.set(c, Some(to));
                if lean(&fw, &changed).outcome != l.outcome {
                    flipping.insert(c);
                }
            }
        }
        if let Some(Firmness::CloseCall { flips, more, .. }) = &l.firmness {
            for f in flips {
                prop_assert!(flipping.contains(&f.competency));
                let mut changed = sheet.clone();
                changed.set(f.competency, Some(f.to));
                prop_assert_eq!(lean(&fw, &changed).outcome, f.becomes);
            }
            prop_assert_eq!(flips.len() + more, flipping.len());
        }
    }
}
