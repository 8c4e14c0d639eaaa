//! The verdict a panel of hand-built people gets on the built-in framework (PRODUCT.md §7), and
//! how firm those verdicts really are under a simulated retake. The README's "How rolefit
//! decides" says why each verdict is right; if one changes here, the README changes with it.
//!
//! Each person is a string of ratings in framework order, DP1 … FD4, grouped by area: a digit
//! is a level, `n` is N/A, `.` is not rated.
//!
//! The model reads no TOML: the built-in framework comes from its JSON copy
//! (`fixtures/builtin-framework.json`), which a test of the framework reader keeps equal to the
//! real one.

use rolefit_core::scoring::{Firmness, Flavour, Outcome, RatingSheet};
use rolefit_core::summary::Summary;
use rolefit_core::{Framework, Level};

/// The built-in framework, read from the model's JSON copy of it.
fn builtin() -> Framework {
    serde_json::from_str(include_str!("../fixtures/builtin-framework.json"))
        .expect("the JSON copy of the built-in framework reads")
}

/// What a person is expected to get.
struct Expected {
    outcome: Outcome,
    /// "firm", "close call", "provisional", or "" when the outcome has no shape.
    firmness: &'static str,
    /// The reasons' competency ids, in order.
    reasons: &'static [&'static str],
    /// The flavour that fits, "none" when none does, "" when not said (no shape).
    flavour: &'static str,
    /// The profile the gap table shows by default.
    gaps: &'static str,
    /// Whether the junior note is added.
    junior: bool,
}

const PM: Outcome = Outcome::Leans { side: 0 };
const PMO: Outcome = Outcome::Leans { side: 1 };

/// The panel: who, their ratings, what they get.
const PANEL: &[(&str, &str, Expected)] = &[
    (
        "junior project manager, two years in",
        "33321 32221 22211 22111 22111 0000 0000",
        Expected {
            outcome: PM,
            firmness: "firm",
            reasons: &["DP1", "DP2", "RI1"],
            flavour: "none",
            gaps: "pm",
            junior: true,
        },
    ),
    (
        "seasoned project manager",
        "55553 55552 44553 44232 53233 2312 2231",
        Expected {
            outcome: PM,
            firmness: "firm",
            reasons: &["DP1", "DP2", "DP4"],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "programme manager",
        "44445 44445 55545 44443 44544 3333 2322",
        Expected {
            outcome: Outcome::Straddles,
            firmness: "close call",
            reasons: &["SE3", "RP3"],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "PMO analyst",
        "22232 22232 22222 23333 43343 1111 2222",
        Expected {
            outcome: Outcome::NoClearLean,
            firmness: "close call",
            reasons: &["RP1", "GV3"],
            flavour: "delivery-pmo",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "project support officer",
        "23232 23221 23221 22121 33121 0000 2222",
        Expected {
            outcome: PM,
            firmness: "close call",
            reasons: &["DP2", "DP4", "RI2"],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "PMO manager",
        "32335 33335 55445 45555 35555 4544 5545",
        Expected {
            outcome: PMO,
            firmness: "firm",
            reasons: &["GV3", "DP2", "DP1"],
            flavour: "none",
            gaps: "pmo",
            junior: false,
        },
    ),
    (
        "head of portfolio office",
        "32224 33335 44555 45555 34555 4534 4444",
        Expected {
            outcome: PMO,
            firmness: "firm",
            reasons: &["GV3", "DP2", "DP4"],
            flavour: "portfolio-pmo",
            gaps: "pmo",
            junior: false,
        },
    ),
    (
        "centre of excellence methods lead",
        "22213 22213 33343 34444 23323 5555 5555",
        Expected {
            outcome: PMO,
            firmness: "firm",
            reasons: &["CD1", "DP4", "RI4"],
            flavour: "coe",
            gaps: "pmo",
            junior: false,
        },
    ),
    (
        "start-up PMO of one",
        "44443 44443 44444 34444 44444 3333 4444",
        Expected {
            outcome: Outcome::Straddles,
            firmness: "close call",
            reasons: &["RI5", "GV1"],
            flavour: "delivery-pmo",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "agile delivery lead",
        "43343 44332 55443 33221 44222 3322 2211",
        Expected {
            outcome: PM,
            firmness: "firm",
            reasons: &["DP1", "DP4", "RI1"],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "inflated rater",
        "55555 55555 55555 55555 55555 5555 5545",
        Expected {
            outcome: Outcome::Straddles,
            firmness: "firm",
            reasons: &["FD3"],
            flavour: "none",
            gaps: "pmo",
            junior: false,
        },
    ),
    (
        "modest rater, a project manager",
        "33331 33330 22331 22010 31011 0100 0010",
        Expected {
            outcome: PM,
            firmness: "firm",
            reasons: &["DP1", "DP2", "DP4"],
            flavour: "none",
            gaps: "pm",
            junior: true,
        },
    ),
    (
        "half N/A, a project manager",
        "5n5n3 n5n5n 4n5n3 n4n3n 5n2n3 n3n2 n2n1",
        Expected {
            outcome: PM,
            firmness: "firm",
            reasons: &["DP1", "FD4", "RI2"],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "consultant strong in both",
        "54545 45445 55554 45545 45454 4545 5454",
        Expected {
            outcome: Outcome::Straddles,
            firmness: "close call",
            reasons: &["RP3", "DP2"],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "3 everywhere",
        "33333 33333 33333 33333 33333 3333 3333",
        Expected {
            outcome: Outcome::Straddles,
            firmness: "close call",
            reasons: &[],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "3 everywhere, nine PM-core items N/A",
        "nn3n3 nnn33 3333n 33n33 33n33 3333 3333",
        Expected {
            outcome: Outcome::Straddles,
            firmness: "close call",
            reasons: &[],
            flavour: "none",
            gaps: "pm",
            junior: false,
        },
    ),
    (
        "four ratings: too early",
        "5.... 3.... 2.... ..... ..... 1... ....",
        Expected {
            outcome: Outcome::TooEarly,
            firmness: "",
            reasons: &[],
            flavour: "",
            gaps: "pm",
            junior: false,
        },
    ),
];

fn sheet(framework: &Framework, ratings: &str) -> RatingSheet {
    let levels: Vec<Option<Level>> = ratings
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_digit(10).and_then(|d| Level::new(d as u8)))
        .collect();
    assert_eq!(levels.len(), framework.competencies.len(), "{ratings}");
    RatingSheet::from_levels(levels)
}

fn firmness_word(firmness: &Option<Firmness>) -> &'static str {
    match firmness {
        None => "",
        Some(Firmness::Firm) => "firm",
        Some(Firmness::CloseCall { .. }) => "close call",
        Some(Firmness::Provisional { .. }) => "provisional",
    }
}

#[test]
fn every_person_on_the_panel_gets_the_verdict_the_readme_explains() {
    let fw = builtin();
    let mut wrong = Vec::new();
    for (who, ratings, expected) in PANEL {
        let summary = Summary::compute_for(&fw, &sheet(&fw, ratings), None);
        let lean = &summary.lean;
        let reasons: Vec<&str> = lean
            .reasons
            .iter()
            .map(|r| fw.competencies[r.competency].id.as_str())
            .collect();
        let flavour = match lean.flavour {
            None => "",
            Some(Flavour::NoneFits) => "none",
            Some(Flavour::Fits { profile, .. }) => fw.profiles[profile].id.as_str(),
        };
        let got = (
            lean.outcome,
            firmness_word(&lean.firmness),
            reasons.clone(),
            flavour,
            fw.profiles[summary.target].id.as_str(),
            lean.junior,
        );
        let want = (
            expected.outcome,
            expected.firmness,
            expected.reasons.to_vec(),
            expected.flavour,
            expected.gaps,
            expected.junior,
        );
        if got != want {
            wrong.push(format!("{who}:\n  got  {got:?}\n  want {want:?}"));
        }
        // Too early carries nothing else; a flat profile gives no reasons.
        if !lean.outcome.has_shape() {
            assert!(lean.position.is_none() && lean.reasons.is_empty(), "{who}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A small, fixed generator: the same retakes on every run.
struct Retakes(u64);

impl Retakes {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// `sheet` rated again: each rating one level down, the same, or one up, equally likely
    /// (at the scale's ends the same level stands for the step that is not there).
    fn of(&mut self, framework: &Framework, sheet: &RatingSheet) -> RatingSheet {
        let mut out = sheet.clone();
        for c in 0..framework.competencies.len() {
            if let Some(level) = sheet.level(c) {
                let to = match self.next() % 3 {
                    0 => framework.step(c, level, false).unwrap_or(level),
                    1 => level,
                    _ => framework.step(c, level, true).unwrap_or(level),
                };
                out.set(c, Some(to));
            }
        }
        out
    }
}

/// Under 200 simulated retakes per person, a verdict called firm keeps its outcome at least
/// 95% of the time. The figures are printed
/// (`cargo test -p rolefit-core --test verdicts -- --nocapture`) and recorded in BENCHMARKS.md.
#[test]
fn a_firm_verdict_survives_a_retake() {
    const DRAWS: usize = 200;
    let fw = builtin();
    let mut retakes = Retakes(0x5DEE_CE66_D1CE_5EED);
    let mut failures = Vec::new();
    println!("{:<40} {:<18} {:<12} kept", "person", "verdict", "firmness");
    for (who, ratings, _) in PANEL {
        let sheet = sheet(&fw, ratings);
        let lean = rolefit_core::scoring::lean(&fw, &sheet);
        let kept = (0..DRAWS)
            .filter(|_| {
                rolefit_core::scoring::lean(&fw, &retakes.of(&fw, &sheet)).outcome == lean.outcome
            })
            .count();
        let share = kept as f64 / DRAWS as f64;
        println!(
            "{who:<40} {:<18} {:<12} {:.1}%",
            lean.outcome.key(),
            firmness_word(&lean.firmness),
            100.0 * share
        );
        if lean.firm() && share < 0.95 {
            failures.push(format!(
                "{who}: firm, but kept in {kept} of {DRAWS} retakes"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The README's three worked examples ("How rolefit decides"), one level per area: if a number
/// here changes, the README changes with it.
#[test]
fn readme_worked_examples() {
    let fw = builtin();
    let [pm, pmo] = fw.main_profiles;
    let by_area = |levels: [u8; 7]| {
        RatingSheet::from_levels(
            fw.competencies
                .iter()
                .map(|c| Level::new(levels[c.area]))
                .collect(),
        )
    };
    let cases = [
        // (levels by area, position, outcome, firmness, PM %, PMO %, reasons, targets met)
        (
            [4, 4, 3, 3, 4, 1, 1],
            0.800,
            PM,
            "firm",
            99.0,
            69.0,
            vec!["DP1", "CD1", "CD2"],
            [(24, 25), (18, 33)],
        ),
        (
            [2, 2, 4, 4, 4, 4, 4],
            0.167,
            PMO,
            "firm",
            74.9,
            95.4,
            vec!["GV3", "DP1", "DP2"],
            [(17, 25), (27, 33)],
        ),
        (
            [3; 7],
            0.500,
            Outcome::Straddles,
            "close call",
            84.8,
            77.9,
            vec![],
            [(15, 25), (14, 33)],
        ),
    ];
    for (levels, position, outcome, firmness, ready_pm, ready_pmo, reasons, met) in cases {
        let s = Summary::compute_for(&fw, &by_area(levels), None);
        let p = s.lean.position.unwrap();
        assert!((p - position).abs() < 0.0005, "{levels:?}: {p}");
        assert_eq!(s.lean.outcome, outcome, "{levels:?}");
        assert_eq!(firmness_word(&s.lean.firmness), firmness, "{levels:?}");
        let percent = |profile: usize| s.readiness[profile].percent.unwrap();
        assert!((percent(pm) - ready_pm).abs() < 0.05, "{levels:?}");
        assert!((percent(pmo) - ready_pmo).abs() < 0.05, "{levels:?}");
        let got: Vec<&str> = s
            .lean
            .reasons
            .iter()
            .map(|r| fw.competencies[r.competency].id.as_str())
            .collect();
        assert_eq!(got, reasons, "{levels:?}");
        assert_eq!(s.lean.flavour, Some(Flavour::NoneFits), "{levels:?}");
        assert_eq!([s.targets_met[pm], s.targets_met[pmo]], met, "{levels:?}");
    }
}
