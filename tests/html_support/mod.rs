//! Assessments for the HTML report tests (`tests/html.rs`, `tests/html_browser.rs`): a person
//! on the built-in framework and one on the SFIA example, each with notes, a plan, two closed
//! rounds and two reviews; a team of generated people; and the hostile text that must stay
//! text. Fixed dates and levels, so every report is the same on every run.
#![allow(dead_code)]

use std::collections::BTreeMap;

use rolefit::clock::utc_from_epoch;
use rolefit::domain::{
    Assessment, CompetencyId, Entry, Framework, Level, PlanItem, Rating, Review, Snapshot,
};

/// 2026-03-02T09:00:00Z
const START: i64 = 1_772_442_000;
const DAY: i64 = 86_400;

/// A name or note that would run a script, close the chart it is drawn in and load an image
/// if it were markup, with terminal control characters (ESC, BEL, a C1 CSI).
pub const HOSTILE: &str = "<script>window.__pwned=1</script></svg><img src=x \
     onerror=\"window.__pwned=2\">\u{1b}[31mEve\u{7}\u{9b}2J & Co";

/// [`HOSTILE`] as the page shows it: control characters written out.
pub const HOSTILE_SHOWN: &str = "<script>window.__pwned=1</script></svg><img src=x \
     onerror=\"window.__pwned=2\">\\x1b[31mEve\\x07\\u{9b}2J & Co";

/// The SFIA 9 example framework (format 2, no axis, levels 1–7).
pub fn sfia() -> Framework {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/frameworks/examples/sfia9-change.toml"
    );
    let text = std::fs::read_to_string(path).expect("read the SFIA example");
    rolefit::storage::framework::from_toml(&text).expect("the SFIA example is valid")
}

/// The valid level of competency `c` nearest to `wanted`.
fn nearest(fw: &Framework, c: usize, wanted: i64) -> Level {
    let competency = &fw.competencies[c];
    fw.scale
        .values()
        .filter(|&l| competency.accepts(&fw.scale, l))
        .min_by_key(|l| (i64::from(l.value()) - wanted).abs())
        .expect("a competency accepts some level")
}

/// A level for person `seed` on competency `c`: near a blend of the two main profiles'
/// targets, with a little spread, always one the competency accepts.
fn level_for(fw: &Framework, c: usize, seed: usize, lean: f64) -> Level {
    let [a, b] = fw.main_profiles;
    let t = |p: usize| {
        let target = fw.target(p, c);
        if target.is_none() {
            f64::from(fw.scale.first().value())
        } else {
            f64::from(target.value())
        }
    };
    let blend = lean * t(a) + (1.0 - lean) * t(b);
    let wobble = ((seed * 7 + c * 3) % 5) as f64 / 2.0 - 1.0;
    nearest(fw, c, (blend + wobble).round() as i64)
}

fn entry(rating: Option<Rating>, note: &str) -> Entry {
    Entry {
        rating,
        note: note.to_string(),
        extra: Default::default(),
    }
}

/// The person whose report is checked and pictured: most competencies rated (two N/A, two
/// left), notes, a plan of three items, two closed rounds and two reviews. `name` and `note`
/// go where a user's text goes (the name, a note, a plan action, a reviewer's name and note).
pub fn person(fw: &Framework, name: &str, note: Option<&str>) -> Assessment {
    let mut a = Assessment::new(name, fw, utc_from_epoch(START));
    a.updated = utc_from_epoch(START + 120 * DAY);
    let now = ratings_now(fw);
    add_rounds(&mut a, fw, &now);
    let n = fw.competencies.len();
    let notes = [
        "Ran the quarterly portfolio review for eight projects; wrote the pack and chaired the \
         prioritisation meeting.",
        "Built the risk register template the office now uses.\nTrained three project managers \
         on it.",
        note.unwrap_or("Coached two new project managers through their first stage gate."),
    ];
    for (id, rating) in &now {
        a.set_rating(id, Some(*rating));
    }
    for (i, text) in notes.iter().enumerate() {
        let id = fw.competencies[(i * 5 + 1) % n].id.clone();
        a.set_note(&id, text.to_string());
    }
    add_plan(&mut a, fw, note);
    add_reviews(&mut a, fw, &now, name, note);
    a
}

/// The person's ratings now: near a blend of the main profiles' targets, two N/A, two left.
fn ratings_now(fw: &Framework) -> BTreeMap<CompetencyId, Rating> {
    let n = fw.competencies.len();
    let lean = if fw.axis { 0.3 } else { 0.6 };
    let mut now = BTreeMap::new();
    for c in 0..n {
        let rating = match c {
            _ if c == n - 1 || c == n / 2 => None,
            _ if c % 11 == 7 => Some(Rating::NotApplicable),
            _ => Some(Rating::Level(level_for(fw, c, 3, lean))),
        };
        if let Some(rating) = rating {
            now.insert(fw.competencies[c].id.clone(), rating);
        }
    }
    now
}

/// Adds two closed rounds, further from the targets the further back.
fn add_rounds(a: &mut Assessment, fw: &Framework, now: &BTreeMap<CompetencyId, Rating>) {
    for (round, back) in [(0, 2i64), (1, 1)] {
        let ratings: BTreeMap<CompetencyId, Rating> = now
            .iter()
            .map(|(id, rating)| {
                let c = fw.competency_index(id).expect("known id");
                let rating = match rating {
                    Rating::Level(level) if !c.is_multiple_of(3) => {
                        Rating::Level(nearest(fw, c, i64::from(level.value()) - back))
                    }
                    other => *other,
                };
                (id.clone(), rating)
            })
            .collect();
        a.history.push(Snapshot {
            taken: utc_from_epoch(START + (30 + 40 * round) * DAY),
            label: if round == 0 {
                "before the PMO secondment".to_string()
            } else {
                String::new()
            },
            ratings,
            extra: Default::default(),
        });
    }
}

/// Adds a plan of three items, the first action `note` if there is one.
fn add_plan(a: &mut Assessment, fw: &Framework, note: Option<&str>) {
    let n = fw.competencies.len();
    for (i, c) in [2, 9, 16].into_iter().enumerate() {
        let c = c % n;
        let target = fw.target(fw.main_profiles[1], c);
        a.plan.insert(
            fw.competencies[c].id.clone(),
            PlanItem {
                target: (!target.is_none()).then_some(target),
                actions: match (i, note) {
                    (0, Some(text)) => text.to_string(),
                    (0, None) => "Shadow the portfolio office for a quarter, then run one \
                                  monthly review."
                        .to_string(),
                    (1, _) => "Ask for the governance lead's feedback on the next board paper."
                        .to_string(),
                    _ => String::new(),
                }
                .pipe_action(i as u32 + 1),
                extra: Default::default(),
            },
        );
    }
}

/// Adds two reviews, one above and one below the person; with `note`, by `name` with `note`.
fn add_reviews(
    a: &mut Assessment,
    fw: &Framework,
    now: &BTreeMap<CompetencyId, Rating>,
    name: &str,
    note: Option<&str>,
) {
    let reviewers = [
        ("Priya Shah", 1i64, "Saw this on the ERP programme: strong."),
        (note.map_or("Jon", |_| name), -1, note.unwrap_or("")),
    ];
    for (k, (reviewer, shift, text)) in reviewers.into_iter().enumerate() {
        let mut ratings = BTreeMap::new();
        for (i, (id, rating)) in now.iter().enumerate() {
            let c = fw.competency_index(id).expect("known id");
            let rating = match rating {
                Rating::Level(level) if i % 7 == k * 3 => {
                    Rating::Level(nearest(fw, c, i64::from(level.value()) + shift * 2))
                }
                Rating::Level(level) if i % 9 == k + 2 => {
                    Rating::Level(nearest(fw, c, i64::from(level.value()) + shift))
                }
                other => *other,
            };
            let note = if i == 4 { text } else { "" };
            ratings.insert(id.clone(), entry(Some(rating), note));
        }
        a.reviews.insert(
            reviewer.to_string(),
            Review {
                id: format!("review-{k}"),
                date: Some(utc_from_epoch(START + (100 + k as i64) * DAY)),
                ratings,
                extra: Default::default(),
            },
        );
    }
}

/// `count` people on `fw`, their shapes spread from the second main profile's to the first's;
/// every seventh leaves a few competencies unanswered, every ninth says N/A to some. With
/// `hostile`, person 3 is named [`HOSTILE`].
pub fn team(fw: &Framework, count: usize, hostile: bool) -> Vec<Assessment> {
    let first_names = [
        "Ada", "Ben", "Chiara", "Dev", "Eitan", "Fatima", "Goran", "Hana", "Ines", "Jun", "Kwame",
        "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tove",
    ];
    let last_names = [
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Tanaka",
        "Ferreira",
        "Novak",
        "Haddad",
    ];
    (0..count)
        .map(|i| {
            let name = if hostile && i == 3 {
                HOSTILE.to_string()
            } else {
                format!(
                    "{} {}",
                    first_names[i % first_names.len()],
                    // Unique for the first 140 people: i and i + 20k never share a last name.
                    last_names[(i / first_names.len() + 2 * i) % last_names.len()]
                )
            };
            let mut a = Assessment::new(&name, fw, utc_from_epoch(START + i as i64 * 3_600));
            let lean = (i % 11) as f64 / 10.0;
            for c in 0..fw.competencies.len() {
                let rating = if i % 7 == 6 && c % 4 == 1 {
                    None
                } else if i % 9 == 8 && c % 6 == 2 {
                    Some(Rating::NotApplicable)
                } else {
                    Some(Rating::Level(level_for(fw, c, i, lean)))
                };
                a.set_rating(&fw.competencies[c].id, rating);
            }
            a
        })
        .collect()
}

/// One planned action of a text, none of an empty one.
trait PipeAction {
    fn pipe_action(self, id: u32) -> Vec<rolefit::domain::PlanAction>;
}

impl PipeAction for String {
    fn pipe_action(self, id: u32) -> Vec<rolefit::domain::PlanAction> {
        if self.is_empty() {
            Vec::new()
        } else {
            vec![rolefit::domain::PlanAction::new(id, &self)]
        }
    }
}
