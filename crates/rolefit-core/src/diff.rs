//! Comparing two rounds of an assessment: what rose, fell or is new, per competency and area,
//! how the lean's position and each profile's readiness moved. Pure functions; the command line
//! and the app format them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::assessment::Assessment;
use super::framework::{CompetencyId, Framework};
use super::level::Rating;
use super::scoring::{self, RatingSheet};

/// Ratings by id: a closed round or the current state.
pub type Ratings = BTreeMap<CompetencyId, Rating>;

/// How one competency's rating moved.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Movement {
    Rose,
    Fell,
    /// Rated now, not before.
    New,
    /// Rated before, not now.
    Dropped,
    /// Changed between a level and N/A.
    Switched,
    Same,
}

impl Movement {
    /// Compares two ratings.
    pub fn of(from: Option<Rating>, to: Option<Rating>) -> Movement {
        match (from, to) {
            (None, None) => Movement::Same,
            (None, Some(_)) => Movement::New,
            (Some(_), None) => Movement::Dropped,
            (Some(Rating::Level(a)), Some(Rating::Level(b))) if b > a => Movement::Rose,
            (Some(Rating::Level(a)), Some(Rating::Level(b))) if b < a => Movement::Fell,
            (Some(a), Some(b)) if a == b => Movement::Same,
            _ => Movement::Switched,
        }
    }

    /// A glyph that says it without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Movement::Rose => "▲",
            Movement::Fell => "▼",
            Movement::New => "+",
            Movement::Dropped => "−",
            Movement::Switched => "~",
            Movement::Same => "",
        }
    }

    /// The word for it.
    pub fn word(self) -> &'static str {
        match self {
            Movement::Rose => "rose",
            Movement::Fell => "fell",
            Movement::New => "new",
            Movement::Dropped => "no longer rated",
            Movement::Switched => "changed",
            Movement::Same => "same",
        }
    }
}

/// One competency that changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub id: CompetencyId,
    /// Index in the framework, None for ids it does not know.
    pub index: Option<usize>,
    pub from: Option<Rating>,
    pub to: Option<Rating>,
    pub movement: Movement,
}

/// Average level of one area before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaMove {
    pub area: usize,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// A profile's readiness before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadinessMove {
    pub profile: usize,
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// Whether each figure is provisional (under half the profile's targets rated), as the
    /// Results screen marks it.
    pub provisional: [bool; 2],
}

/// Everything that moved between two rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    /// Competencies whose rating changed, in framework order (unknown ids last).
    pub changes: Vec<Change>,
    pub areas: Vec<AreaMove>,
    pub readiness: Vec<ReadinessMove>,
    /// The lean's position (1 = first main profile's shape, 0 = second's) then and now.
    pub position: [Option<f64>; 2],
    /// The lean's outcome then and now.
    pub outcome: [scoring::Outcome; 2],
}

/// Compares two sets of ratings against a framework.
pub fn diff(framework: &Framework, from: &Ratings, to: &Ratings) -> Diff {
    let mut ids: Vec<&CompetencyId> = from.keys().chain(to.keys()).collect();
    ids.sort_by_key(|id| {
        (
            framework.competency_index(id).unwrap_or(usize::MAX),
            (*id).clone(),
        )
    });
    ids.dedup();
    let changes = ids
        .into_iter()
        .filter_map(|id| {
            let (a, b) = (from.get(id).copied(), to.get(id).copied());
            let movement = Movement::of(a, b);
            (movement != Movement::Same).then(|| Change {
                id: id.clone(),
                index: framework.competency_index(id),
                from: a,
                to: b,
                movement,
            })
        })
        .collect();
    let (before, after) = (
        RatingSheet::from_ratings(framework, from),
        RatingSheet::from_ratings(framework, to),
    );
    let areas = (0..framework.areas.len())
        .map(|area| AreaMove {
            area,
            from: scoring::area_levels(framework, &before, area).level,
            to: scoring::area_levels(framework, &after, area).level,
        })
        .collect();
    let readiness = (0..framework.profiles.len())
        .map(|profile| {
            let [from, to] = [&before, &after].map(|s| scoring::readiness(framework, s, profile));
            ReadinessMove {
                profile,
                from: from.percent,
                to: to.percent,
                provisional: [from.provisional(), to.provisional()],
            }
        })
        .collect();
    let leans = [&before, &after].map(|sheet| scoring::lean(framework, sheet));
    Diff {
        changes,
        areas,
        readiness,
        position: [leans[0].position, leans[1].position],
        outcome: [leans[0].outcome, leans[1].outcome],
    }
}

/// One side of a comparison: a closed round or now.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub title: String,
    pub ratings: Ratings,
}

/// Finds a side by what the user typed: "now", "last", a round number (1 = first), a date
/// prefix ("2026-11") or a label. None when nothing matches.
pub fn side(assessment: &Assessment, reference: &str) -> Option<Side> {
    let history = &assessment.history;
    let reference = reference.trim();
    let round = |i: usize| {
        history.get(i).map(|s| Side {
            title: format!("round {} · {}", i + 1, s.title()),
            ratings: s.ratings.clone(),
        })
    };
    if reference.eq_ignore_ascii_case("now") {
        return Some(Side {
            title: "now".into(),
            ratings: assessment.current_ratings(),
        });
    }
    if reference.eq_ignore_ascii_case("last") {
        return history.len().checked_sub(1).and_then(round);
    }
    // A number is a round when there is such a round; otherwise (e.g. "2026") it may still be
    // the start of a date, or a label.
    if let Ok(n) = reference.parse::<usize>()
        && (1..=history.len()).contains(&n)
    {
        return round(n - 1);
    }
    // The newest round whose date or label matches.
    (0..history.len()).rev().find_map(|i| {
        let s = &history[i];
        let matches =
            s.taken.to_string().starts_with(reference) || s.label.eq_ignore_ascii_case(reference);
        if matches { round(i) } else { None }
    })
}

fn rating_text(rating: Option<Rating>) -> String {
    rating.map_or("·".to_string(), |r| r.to_string())
}

fn percent(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| format!("{v:.0}%"))
}

/// The comparison as plain text for the terminal.
pub fn to_text(framework: &Framework, diff: &Diff, from: &str, to: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Changes from {from} to {to}");
    let _ = writeln!(out);
    lean_text(framework, diff, &mut out);
    let _ = writeln!(out);
    readiness_text(framework, diff, &mut out);
    let _ = writeln!(out);
    areas_text(framework, diff, &mut out);
    let _ = writeln!(out);
    competencies_text(framework, diff, &mut out);
    out
}

/// The lean before and after, oriented like the spectrum on the Results screen: the first
/// role at 0, the second at 1.
fn lean_text(framework: &Framework, diff: &Diff, out: &mut String) {
    let outcome = |o: scoring::Outcome| super::verdict::outcome_name(framework, o);
    let position = |p: Option<f64>| {
        p.map_or("–".to_string(), |p| {
            super::verdict::figure_keeping_side(
                1.0 - p,
                &[1.0 - scoring::LEANS_PM_AT, 1.0 - scoring::LEANS_PMO_AT],
            )
        })
    };
    let _ = writeln!(
        out,
        "Lean (position: 0 = {} shape, 1 = {} shape, 0.5 flat)",
        framework.side_short(0),
        framework.side_short(1)
    );
    let _ = writeln!(
        out,
        "  {:>5} → {:>5}  {} → {}",
        position(diff.position[0]),
        position(diff.position[1]),
        outcome(diff.outcome[0]),
        outcome(diff.outcome[1])
    );
}

/// Readiness per profile before and after; a provisional figure carries "?", as on the
/// Results screen.
fn readiness_text(framework: &Framework, diff: &Diff, out: &mut String) {
    let _ = writeln!(out, "Readiness");
    let width = framework
        .profiles
        .iter()
        .map(|p| crate::text::width(&p.name))
        .max()
        .unwrap_or(10);
    let marked = |value: Option<f64>, provisional: bool| {
        format!("{}{}", percent(value), if provisional { "?" } else { " " })
    };
    for m in &diff.readiness {
        let delta = match (m.from, m.to) {
            (Some(a), Some(b)) => format!("{:+.0} points", b - a),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}  {:>5} → {:>5}  {delta}",
            crate::text::pad_to(&framework.profiles[m.profile].name, width),
            marked(m.from, m.provisional[0]),
            marked(m.to, m.provisional[1])
        );
    }
    if diff.readiness.iter().any(|m| m.provisional.contains(&true)) {
        let _ = writeln!(
            out,
            "  ? provisional: under half of the profile's targets rated"
        );
    }
}

/// Each area's average level before and after.
fn areas_text(framework: &Framework, diff: &Diff, out: &mut String) {
    let _ = writeln!(out, "Areas (average level)");
    let width = framework
        .areas
        .iter()
        .map(|a| crate::text::width(&a.name))
        .max()
        .unwrap_or(10);
    for m in &diff.areas {
        let level = |v: Option<f64>| v.map_or("·".to_string(), |v| format!("{v:.1}"));
        let delta = match (m.from, m.to) {
            (Some(a), Some(b)) if (b - a).abs() >= 0.05 => format!("{:+.1}", b - a),
            (None, Some(_)) => "new".into(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}  {:>3} → {:>3}  {delta}",
            crate::text::pad_to(&framework.areas[m.area].name, width),
            level(m.from),
            level(m.to)
        );
    }
}

/// Each competency whose rating changed, or that none did.
fn competencies_text(framework: &Framework, diff: &Diff, out: &mut String) {
    if diff.changes.is_empty() {
        let _ = writeln!(out, "No competency changed.");
        return;
    }
    let _ = writeln!(out, "Competencies ({} changed)", diff.changes.len());
    for change in &diff.changes {
        let name = change.index.map_or("(not in this framework)", |c| {
            framework.competencies[c].name.as_str()
        });
        let _ = writeln!(
            out,
            "  {} {:<6} {name}: {} → {} ({})",
            change.movement.glyph(),
            change.id.as_str(),
            rating_text(change.from),
            rating_text(change.to),
            change.movement.word(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    fn lvl(n: u8) -> Rating {
        Rating::Level(Level::new(n).unwrap())
    }

    fn ratings(pairs: &[(&str, Rating)]) -> Ratings {
        pairs.iter().map(|(id, r)| ((*id).into(), *r)).collect()
    }

    #[test]
    fn movements_cover_every_case() {
        assert_eq!(Movement::of(Some(lvl(2)), Some(lvl(3))), Movement::Rose);
        assert_eq!(Movement::of(Some(lvl(3)), Some(lvl(2))), Movement::Fell);
        assert_eq!(Movement::of(None, Some(lvl(2))), Movement::New);
        assert_eq!(Movement::of(Some(lvl(2)), None), Movement::Dropped);
        assert_eq!(
            Movement::of(Some(lvl(2)), Some(Rating::NotApplicable)),
            Movement::Switched
        );
        assert_eq!(Movement::of(Some(lvl(2)), Some(lvl(2))), Movement::Same);
    }

    #[test]
    fn diff_lists_changes_in_framework_order_and_moves_fits() {
        let fw = crate::testing::builtin();
        let from = ratings(&[("GV3", lvl(1)), ("DP1", lvl(4)), ("ZZ9", lvl(2))]);
        let to = ratings(&[("GV3", lvl(4)), ("DP1", lvl(4)), ("CD1", lvl(3))]);
        let d = diff(&fw, &from, &to);
        let ids: Vec<&str> = d.changes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["GV3", "CD1", "ZZ9"]);
        assert_eq!(d.changes[0].movement, Movement::Rose);
        assert_eq!(d.changes[1].movement, Movement::New);
        assert_eq!(d.changes[2].movement, Movement::Dropped);
        let pmo = fw.profile_index("pmo").unwrap();
        assert!(d.readiness[pmo].to > d.readiness[pmo].from);
        let text = to_text(&fw, &d, "round 1", "now");
        assert!(
            text.contains("▲ GV3    Governance design: 1 → 4 (rose)"),
            "{text}"
        );
        // Few ratings: provisional figures are marked as on Results (N-D41).
        assert!(
            text.contains("PMO Manager            27%? →  79%?  +52 points"),
            "{text}"
        );
        assert!(text.contains("? provisional: under half"), "{text}");
        assert!(text.contains("(not in this framework)"), "{text}");
    }

    /// Names in wide characters keep the figures in one column: padding counts terminal
    /// columns, not characters.
    #[test]
    fn wide_names_keep_the_figures_in_a_column() {
        let mut fw = crate::testing::builtin();
        fw.profiles[0].name = "项目经理".into();
        let from = ratings(&[("DP1", lvl(2))]);
        let to = ratings(&[("DP1", lvl(4))]);
        let text = to_text(&fw, &diff(&fw, &from, &to), "round 1", "now");
        let columns: Vec<usize> = text
            .lines()
            .skip_while(|l| *l != "Readiness")
            .skip(1)
            .take_while(|l| l.contains('→'))
            .map(|l| crate::text::width(&l[..l.find('→').unwrap()]))
            .collect();
        assert!(columns.len() > 2, "{text}");
        assert!(
            columns.iter().all(|&c| c == columns[0]),
            "{columns:?}\n{text}"
        );
    }

    #[test]
    fn sides_are_found_by_number_label_date_last_and_now() {
        let fw = crate::testing::builtin();
        let mut a = Assessment::new("x", &fw, crate::time::utc_from_epoch(0));
        a.set_rating(&"DP1".into(), Some(lvl(2)));
        a.close_round(crate::time::utc_from_epoch(1_795_888_800), "before");
        a.set_rating(&"DP1".into(), Some(lvl(3)));
        a.close_round(crate::time::utc_from_epoch(1_800_000_000), "");
        a.set_rating(&"DP1".into(), Some(lvl(4)));
        let level = |s: Side| s.ratings[&CompetencyId::from("DP1")];
        assert_eq!(level(side(&a, "1").unwrap()), lvl(2));
        assert_eq!(level(side(&a, "before").unwrap()), lvl(2));
        assert_eq!(level(side(&a, "2026-11").unwrap()), lvl(2));
        assert_eq!(level(side(&a, "last").unwrap()), lvl(3));
        assert_eq!(level(side(&a, "now").unwrap()), lvl(4));
        assert!(side(&a, "3").is_none());
        assert!(side(&a, "0").is_none());
        assert!(side(&a, "nonsense").is_none());
    }
}
