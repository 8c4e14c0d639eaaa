//! The verdict in words: the one place that says what the figures mean, so the Results screen,
//! `show`, plain mode, every export and the team view say the same sentences. No key names
//! here (the screens add them), no terminal, no files.

use super::framework::Framework;
use super::lean::{Firmness, Flavour, LEANS_PM_AT, LEANS_PMO_AT, Lean, Outcome, Reason};
use super::scoring::Band;
use super::summary::Summary;

/// Said when nothing is rated yet.
pub const NO_RATINGS: &str = "No ratings yet: rate competencies to see which profile you fit.";

/// Said in place of reasons when the ratings carry no shape.
pub const NO_REASONS: &str =
    "None: your ratings are flat, so no competency pulls you towards either role";

/// The mark the Rate screen and the Grid put on a competency that tells the roles apart.
pub const TELLING_MARK: &str = "◆";

/// What tells the roles apart, for the legend beside [`TELLING_MARK`].
pub const TELLING_LEGEND: &str = "tells the two roles apart";

/// Everything said about the verdict, sentence by sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// "Leans Project Manager", "Too early to tell: rate 5 more"…
    pub headline: String,
    /// "based on 21 of 33 rated".
    pub based_on: String,
    /// Where the position is on the line between the two roles, oriented like the spectrum
    /// (the first role at 0, the second at 1); None without a shape.
    pub position: Option<String>,
    /// What to do next; names the profile the gaps are measured against.
    pub next_step: String,
    /// How sure it is; None without a shape.
    pub firmness: Option<String>,
    /// Whether [`Explanation::firmness`] is "firm".
    pub firm: bool,
    /// The competencies that moved the position, each a sentence with its direction and why.
    pub reasons: Vec<ReasonText>,
    /// Said in place of reasons when there are none to give (a flat profile); None without a
    /// shape or when there are reasons.
    pub no_reasons: Option<&'static str>,
    /// The closest flavour, or that none fits; None without a shape or without flavours.
    pub flavour: Option<String>,
    /// For ratings in the bottom third of the scale: what the verdict compares.
    pub junior: Option<String>,
}

/// One reason, split so a narrow screen can leave out the competency's name.
#[derive(Clone, Debug, PartialEq)]
pub struct ReasonText {
    pub id: String,
    pub name: String,
    /// Everything after the name: "you 5, above your average of 3.2; the PM needs 4, the PMO
    /// 2 → towards Project Manager".
    pub detail: String,
}

impl ReasonText {
    /// "DP1 Scope and requirements definition: you 5, …" (or with the id alone).
    pub fn sentence(&self, with_name: bool) -> String {
        if with_name {
            format!("{} {}: {}", self.id, self.name, self.detail)
        } else {
            format!("{}: {}", self.id, self.detail)
        }
    }
}

/// The verdict's headline for an outcome.
pub fn headline(framework: &Framework, lean: &Lean, rated_on_scale: usize) -> String {
    match lean.outcome {
        Outcome::TooEarly if rated_on_scale == 0 => NO_RATINGS.to_string(),
        Outcome::TooEarly => format!("Too early to tell: rate {} more", lean.telling_missing()),
        Outcome::Unseparated => "No clear lean yet".to_string(),
        Outcome::NoAxis => RANKING_TITLE.to_string(),
        Outcome::Leans { side } => format!("Leans {}", framework.side_name(side)),
        Outcome::Straddles => "Straddles both".to_string(),
        Outcome::NoClearLean => "No clear lean yet".to_string(),
    }
}

/// The headline on a framework without an axis, where the answer is the ranking.
pub const RANKING_TITLE: &str = "Your readiness, best first";

/// A figure with one decimal, rounded half away from zero: the one rounding rule for every
/// average shown (4.25 is 4.3 on every screen and in every report).
pub fn one_decimal(value: f64) -> String {
    format!("{:.1}", (value * 10.0).round() / 10.0)
}

/// A figure for display that never lands on the other side of a threshold: two decimals,
/// or three (or four) where two would round onto or across one of `thresholds`.
pub fn figure_keeping_side(value: f64, thresholds: &[f64]) -> String {
    let side = |v: f64| {
        thresholds
            .iter()
            .map(|&t| v.total_cmp(&t))
            .collect::<Vec<_>>()
    };
    for places in 2..=4 {
        let shown = format!("{value:.places$}");
        if shown.parse::<f64>().is_ok_and(|v| side(v) == side(value)) {
            return shown;
        }
    }
    format!("{value:.6}")
}

/// The position in words, oriented like the spectrum drawn on the Results screen (the first
/// role on the left at 0, the second on the right at 1).
pub fn position_text(framework: &Framework, p: f64) -> String {
    // x runs like the spectrum: 1 − p, so its thresholds are 1 − 0.65 and 1 − 0.35.
    let x = 1.0 - p;
    let shown = figure_keeping_side(x, &[1.0 - LEANS_PM_AT, 1.0 - LEANS_PMO_AT]);
    format!(
        "{shown} on the line from {} (0) to {} (1); 0.5 is a flat profile",
        framework.side_name(0),
        framework.side_name(1)
    )
}

/// "you meet 14 of 33 PMO Manager targets and 22 of 25 Project Manager targets".
pub fn targets_met_text(framework: &Framework, summary: &Summary) -> String {
    let side = |s: usize| {
        let p = framework.main_profiles[s];
        let (met, of) = summary.targets_met[p];
        format!("{met} of {of} {} targets", framework.side_name(s))
    };
    format!("you meet {} and {}", side(0), side(1))
}

/// Everything said about the verdict of `summary`.
pub fn explain(framework: &Framework, summary: &Summary) -> Explanation {
    let lean = &summary.lean;
    let total = framework.competencies.len();
    let target = &framework.profiles[summary.target].name;
    let shape = lean.outcome.has_shape();
    let next_step = next_step(framework, summary);
    let firmness = lean.firmness.as_ref().map(|f| firmness_text(framework, f));
    let reasons: Vec<ReasonText> = lean
        .reasons
        .iter()
        .map(|r| reason_text(framework, lean, r))
        .collect();
    let flavour_role = framework.profiles[framework.main_profiles[1]]
        .role
        .map_or(String::new(), |r| format!("{} ", framework.roles[r].short));
    let flavour = lean.flavour.map(|f| match f {
        Flavour::Fits { profile, r } => format!(
            "Closest {flavour_role}flavour: {} (its shape matches yours, r = {r:.2})",
            framework.profiles[profile].name
        ),
        Flavour::NoneFits => format!("No {flavour_role}flavour fits your shape yet"),
    });
    let junior = (shape && lean.junior).then(|| match lean.flavour {
        Some(Flavour::Fits { profile, .. }) => format!(
            "Most of your ratings are in the lower third of the scale: this verdict compares the \
             shapes of two senior roles, so the closest flavour ({}) may say more about where \
             you are now",
            framework.profiles[profile].name
        ),
        _ => "Most of your ratings are in the lower third of the scale: this verdict compares \
              the shapes of two senior roles, so read it as a direction, not a fit"
            .to_string(),
    });
    let _ = target;
    Explanation {
        headline: headline(framework, lean, summary.rated_on_scale),
        based_on: format!("based on {} of {total} rated", summary.rated_on_scale),
        position: lean
            .position
            .filter(|_| shape)
            .map(|p| position_text(framework, p)),
        next_step,
        firm: lean.firm(),
        firmness,
        no_reasons: (shape && reasons.is_empty()).then_some(NO_REASONS),
        reasons,
        flavour: flavour.filter(|_| shape),
        junior,
    }
}

/// What to do next, naming the profile the gaps are measured against.
fn next_step(framework: &Framework, summary: &Summary) -> String {
    let lean = &summary.lean;
    let target = &framework.profiles[summary.target].name;
    let chosen_or_led = |side: usize| {
        if summary.target == framework.main_profiles[side] {
            format!("the gaps below are against the {target} profile")
        } else {
            format!("the gaps below are against {target}, the profile you chose")
        }
    };
    let gaps_left = summary
        .gaps
        .iter()
        .any(|g| matches!(g.band, Band::Gap | Band::TopUp));
    let no_gaps = || {
        let [a, b] = framework.main_profiles;
        let other = if summary.target == a { b } else { a };
        let next = match lean.flavour {
            Some(Flavour::Fits { profile, .. }) if profile != summary.target => format!(
                "for a next step, look at the gaps of {}",
                framework.profiles[profile].name
            ),
            _ if summary.rated_on_scale < framework.competencies.len() => {
                "for a next step, rate what is left".to_string()
            }
            _ => format!(
                "to grow further, look at what {} asks",
                framework.profiles[other].name
            ),
        };
        format!("you meet every {target} target you rated; {next}")
    };
    match lean.outcome {
        Outcome::TooEarly if summary.rated_on_scale == 0 => {
            "Start on the Rate screen: one competency at a time, at the level you work at today."
                .to_string()
        }
        Outcome::TooEarly => format!(
            "Rate {} more of the {} competencies that tell the two roles apart ({TELLING_MARK} on \
             Rate and the Grid) to see which shape your strengths follow; the gaps are against \
             {target} for now.",
            lean.telling_missing(),
            lean.telling_total
        ),
        Outcome::Unseparated => format!(
            "The competencies you rated don't separate the two roles: rate some of those that \
             tell them apart ({TELLING_MARK}); the gaps are against {target} for now."
        ),
        Outcome::NoAxis => format!("The gaps are against {target}."),
        Outcome::Leans { side } => {
            let shape = framework.side_name(side);
            if gaps_left {
                format!(
                    "Your relative strengths follow the {shape} shape; {}.",
                    chosen_or_led(side)
                )
            } else {
                format!(
                    "Your relative strengths follow the {shape} shape, and {}.",
                    no_gaps()
                )
            }
        }
        Outcome::Straddles | Outcome::NoClearLean => {
            let start = if lean.outcome == Outcome::Straddles {
                "You sit between the two shapes and have 75% or more of both bars"
            } else {
                "You sit between the two shapes"
            };
            let advice = if lean.outcome == Outcome::Straddles {
                "Choose by the work you want"
            } else {
                "Rate what is left, or build towards the role you want"
            };
            let gaps = if !gaps_left {
                let mut none = no_gaps();
                none[..1].make_ascii_uppercase();
                format!("{advice}. {none}.")
            } else if summary.target
                == super::summary::default_target(framework, lean, &summary.readiness)
            {
                format!(
                    "{advice}; the gaps below are against {target}, where your readiness is higher."
                )
            } else {
                format!("{advice}; the gaps below are against {target}, the profile you chose.")
            };
            format!("{start}; {}. {gaps}", targets_met_text(framework, summary))
        }
    }
}

/// Firm, a close call with what would change it, or provisional.
fn firmness_text(framework: &Framework, firmness: &Firmness) -> String {
    match firmness {
        Firmness::Firm => {
            "Firm: a retake on another day would very likely give the same verdict".to_string()
        }
        Firmness::Provisional { rated, of } => format!(
            "Provisional: {rated} of the {of} competencies that tell the roles apart are rated; \
             rate more for a firm answer"
        ),
        Firmness::CloseCall {
            flips,
            more,
            nearest,
        } if flips.is_empty() => {
            let _ = more;
            format!(
                "Close call: it sits near the line to {}; a retake could land on either side",
                outcome_name(framework, *nearest)
            )
        }
        Firmness::CloseCall { flips, more, .. } => {
            let changes: Vec<String> = flips
                .iter()
                .map(|f| {
                    format!(
                        "{} one level {} would make it {}",
                        framework.competencies[f.competency].id,
                        if f.up { "higher" } else { "lower" },
                        outcome_name(framework, f.becomes)
                    )
                })
                .collect();
            let more = if *more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            format!("Close call: {}{more}", changes.join("; "))
        }
    }
}

/// An outcome's name in a sentence: "Leans PMO Manager", "No clear lean yet"…
pub fn outcome_name(framework: &Framework, outcome: Outcome) -> String {
    match outcome {
        Outcome::Leans { side } => format!("Leans {}", framework.side_name(side)),
        Outcome::Straddles => "Straddles both".to_string(),
        Outcome::NoClearLean | Outcome::Unseparated => "No clear lean yet".to_string(),
        Outcome::TooEarly => "Too early to tell".to_string(),
        Outcome::NoAxis => RANKING_TITLE.to_string(),
    }
}

/// "you 5, above your average of 3.2, where the PM needs 4 and the PMO 2 → towards Project
/// Manager".
fn reason_text(framework: &Framework, lean: &Lean, reason: &Reason) -> ReasonText {
    let c = &framework.competencies[reason.competency];
    let (a, b) = (framework.side_short(0), framework.side_short(1));
    let [ta, tb] = reason.targets;
    let average = lean.average.unwrap_or(0.0);
    let relative = if reason.above_average {
        "above"
    } else {
        "below"
    };
    let needs = if ta == tb {
        let [ma, mb] = lean.target_means.unwrap_or([0.0, 0.0]);
        format!(
            "where both need {ta}, against a usual {} for the {a} and {} for the {b}",
            one_decimal(ma),
            one_decimal(mb)
        )
    } else {
        format!("where the {a} needs {ta} and the {b} {tb}")
    };
    let towards = framework.side_name(usize::from(reason.contribution < 0.0));
    ReasonText {
        id: c.id.to_string(),
        name: c.name.clone(),
        detail: format!(
            "you {}, {relative} your average of {}, {needs} → towards {towards}",
            reason.level,
            one_decimal(average)
        ),
    }
}

/// A role's grades when none is met yet.
pub const NO_GRADE_MET: &str = "no grade met yet";

/// A role's grades when the highest is met.
pub const TOP_GRADE: &str = "that is the highest grade";

/// The ladder answer for one role: "met Developer 5 (grade 5) 100% · next step Developer 6
/// (grade 6) 71%", the same words on Results, in `show`, plain mode and every report.
pub fn grade_answer(
    framework: &Framework,
    readiness: &[super::scoring::Readiness],
    step: &super::scoring::GradeStep,
) -> String {
    let name = |p: usize| {
        let profile = &framework.profiles[p];
        let percent = readiness[p]
            .percent
            .map_or(String::new(), |v| format!(" {v:.0}%"));
        format!(
            "{} (grade {}){percent}",
            profile.name,
            profile.grade.unwrap_or_default()
        )
    };
    let met = step
        .met
        .map_or(NO_GRADE_MET.to_string(), |p| format!("met {}", name(p)));
    let next = step
        .next
        .map_or(TOP_GRADE.to_string(), |p| format!("next step {}", name(p)));
    format!("{met} · {next}")
}
