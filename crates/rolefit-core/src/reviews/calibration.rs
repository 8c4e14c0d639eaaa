//! Self against a second opinion: where the ratings differ, and by how much.

use crate::{Assessment, CompetencyId, Framework, Rating};

use super::{Other, others, reviewing};

/// Ratings this many levels apart or more are worth a conversation: "talk about this".
pub const TALK_ABOUT: u8 = 2;

/// Whether two ratings are [`TALK_ABOUT`] levels apart or more (N/A and unrated never are).
pub fn differs_a_lot(own: Option<Rating>, other: Option<Rating>) -> bool {
    match (own.and_then(Rating::level), other.and_then(Rating::level)) {
        (Some(a), Some(b)) => a.value().abs_diff(b.value()) >= TALK_ABOUT,
        _ => false,
    }
}

/// How the user's own ratings compare with one other person's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calibration {
    /// The other person.
    pub name: String,
    /// Competencies both rated on the scale (N/A left out).
    pub compared: usize,
    /// The user's own rating is higher than theirs.
    pub higher: usize,
    /// The user's own rating is lower than theirs.
    pub lower: usize,
    /// Two levels or more apart, in framework order.
    pub talk: Vec<CompetencyId>,
    /// Set in a review file: the user is the reviewer and `name` the person reviewed.
    pub reviewing: bool,
}

impl Calibration {
    /// One sentence: "You rate yourself higher than Sam on 6 competencies, lower on 2; 3 differ
    /// by two levels or more — talk about these."
    pub fn sentence(&self) -> String {
        let (subject, than) = if self.reviewing {
            (
                format!("You rate {}", self.name),
                "than they rate themselves".to_string(),
            )
        } else {
            (
                "You rate yourself".to_string(),
                format!("than {}", self.name),
            )
        };
        if self.compared == 0 {
            return if self.reviewing {
                format!(
                    "You and {} have not rated the same competency yet.",
                    self.name
                )
            } else {
                format!("{} has not rated a competency you rated yet.", self.name)
            };
        }
        if self.higher == 0 && self.lower == 0 {
            return if self.compared == 1 {
                format!(
                    "You and {} agree on the one competency you both rated.",
                    self.name
                )
            } else {
                format!(
                    "You and {} agree on all {} competencies you both rated.",
                    self.name, self.compared
                )
            };
        }
        let mut out = if self.lower == 0 {
            format!(
                "{subject} higher {than} on {} {}, never lower",
                self.higher,
                plural(self.higher)
            )
        } else if self.higher == 0 {
            format!(
                "{subject} lower {than} on {} {}, never higher",
                self.lower,
                plural(self.lower)
            )
        } else {
            format!(
                "{subject} higher {than} on {} {}, lower on {}",
                self.higher,
                plural(self.higher),
                self.lower
            )
        };
        match self.talk.len() {
            0 => out.push_str("; none differ by two levels or more."),
            1 => out.push_str("; 1 differs by two levels or more — talk about it."),
            n => out.push_str(&format!(
                "; {n} differ by two levels or more — talk about these."
            )),
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "competency" } else { "competencies" }
}

/// The user's own ratings against each other person's ([`others`]), in their order.
pub fn calibrations(framework: &Framework, assessment: &Assessment) -> Vec<Calibration> {
    let in_review = reviewing(assessment).is_some();
    others(assessment)
        .iter()
        .map(|other| calibration(framework, assessment, other, in_review))
        .collect()
}

fn calibration(
    framework: &Framework,
    assessment: &Assessment,
    other: &Other,
    reviewing: bool,
) -> Calibration {
    let mut c = Calibration {
        name: other.name.clone(),
        compared: 0,
        higher: 0,
        lower: 0,
        talk: Vec::new(),
        reviewing,
    };
    for competency in &framework.competencies {
        let own = assessment.rating(&competency.id);
        let theirs = other.ratings.get(&competency.id).copied();
        let (Some(a), Some(b)) = (own.and_then(Rating::level), theirs.and_then(Rating::level))
        else {
            continue;
        };
        c.compared += 1;
        if a > b {
            c.higher += 1;
        } else if a < b {
            c.lower += 1;
        }
        if differs_a_lot(own, theirs) {
            c.talk.push(competency.id.clone());
        }
    }
    c
}
