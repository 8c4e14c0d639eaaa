//! Others' ratings held in an assessment: its imported reviews, or in a review file the
//! person's own shared ratings; what the screens and reports show beside the user's own.

pub mod calibration;

use std::collections::BTreeMap;

use super::{Assessment, CompetencyId, Rating};
use calibration::differs_a_lot;

/// The value of `kind` that marks a review file.
pub const KIND: &str = "review";

/// Someone else's ratings shown beside the user's own.
#[derive(Clone, Debug, PartialEq)]
pub struct Other {
    /// Their name as shown: the reviewer, or in a review file the person reviewed.
    pub name: String,
    pub ratings: BTreeMap<CompetencyId, Rating>,
}

/// Whose ratings the screens show beside the user's: the imported reviews of an assessment, or
/// in a review file the person's own shared ratings.
pub fn others(assessment: &Assessment) -> Vec<Other> {
    if let Some(info) = reviewing(assessment) {
        let shared = match assessment.extra.get("self") {
            Some(crate::value::Value::Table(t)) => t,
            _ => return Vec::new(),
        };
        let ratings: BTreeMap<CompetencyId, Rating> = shared
            .iter()
            .filter_map(|(id, v)| {
                let level = v.as_table()?.get("level")?;
                let rating = match level {
                    crate::value::Value::Integer(n) => Rating::Level(crate::Level::from_i64(*n)?),
                    crate::value::Value::String(s) if s.eq_ignore_ascii_case("na") => {
                        Rating::NotApplicable
                    }
                    _ => return None,
                };
                Some((CompetencyId(id.clone()), rating))
            })
            .collect();
        if ratings.is_empty() {
            return Vec::new();
        }
        return vec![Other {
            name: info.person,
            ratings,
        }];
    }
    assessment
        .reviews
        .iter()
        .map(|(name, review)| Other {
            name: name.clone(),
            ratings: review
                .ratings
                .iter()
                .filter_map(|(id, e)| e.rating.map(|r| (id.clone(), r)))
                .collect(),
        })
        .collect()
}

/// Who is reviewing whom, when the open file is a review file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewing {
    pub person: String,
    pub reviewer: Option<String>,
}

/// Some when `assessment` is a review file being filled in.
pub fn reviewing(assessment: &Assessment) -> Option<Reviewing> {
    let kind = assessment
        .extra
        .get("kind")
        .and_then(crate::value::Value::as_str);
    (kind == Some(KIND)).then(|| Reviewing {
        // The person's display name when the request carried it; else their assessment's.
        person: assessment.shown_name(&assessment.name),
        reviewer: assessment
            .extra
            .get("reviewer")
            .and_then(crate::value::Value::as_str)
            .map(str::to_string),
    })
}

/// Others' ratings of one competency as the screens show them beside the user's own. They stay
/// hidden until the user has rated it, so they do not sway the user's own rating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Beside {
    /// The user has not rated the competency yet: names only, no levels.
    pub hidden: bool,
    /// Each other person and their rating, in [`others`] order.
    pub ratings: Vec<(String, Option<Rating>)>,
    /// Someone's rating is two levels or more from the user's own: "talk about this".
    pub talk: bool,
    /// The user's own rating.
    pub own: Option<Rating>,
    /// In a review file: the person reviewed (whose own ratings these are).
    pub reviewing: Option<String>,
}

/// What to show beside the user's rating of `id`; None when nobody else has rated anything.
pub fn beside(assessment: &Assessment, others: &[Other], id: &CompetencyId) -> Option<Beside> {
    if others.is_empty() {
        return None;
    }
    let own = assessment.rating(id);
    let ratings: Vec<(String, Option<Rating>)> = others
        .iter()
        .map(|o| (o.name.clone(), o.ratings.get(id).copied()))
        .collect();
    let talk = ratings.iter().any(|(_, r)| differs_a_lot(own, *r));
    Some(Beside {
        hidden: own.is_none(),
        ratings,
        talk,
        own,
        reviewing: reviewing(assessment).map(|r| r.person),
    })
}

impl Beside {
    /// The levels in a narrow cell: "2/5 !" ("!" = talk about this; "·" = not rated), or "?"
    /// while hidden.
    pub fn cell(&self) -> String {
        if self.hidden {
            return "?".into();
        }
        let levels: Vec<String> = self
            .ratings
            .iter()
            .map(|(_, r)| r.map_or("·".to_string(), |r| r.to_string()))
            .collect();
        let flag = if self.talk { " !" } else { "" };
        format!("{}{flag}", levels.join("/"))
    }

    /// One sentence: "Second opinion: Sam 2 · Kim 5 — talk about this: two levels or more from
    /// your 4." In a review file: "alex's own rating: 4 …".
    pub fn sentence(&self) -> String {
        let lead = match &self.reviewing {
            Some(person) => format!("{person}'s own rating"),
            None if self.ratings.len() == 1 => "Second opinion".to_string(),
            None => "Second opinions".to_string(),
        };
        if self.hidden {
            return format!("{lead}: shown once you have rated this, so it does not sway you.");
        }
        let shown: Vec<String> = self
            .ratings
            .iter()
            .map(|(name, r)| {
                let level = r.map_or("not rated".to_string(), |r| r.to_string());
                if self.reviewing.is_some() {
                    level
                } else {
                    format!("{name} {level}")
                }
            })
            .collect();
        let mut out = format!("{lead}: {}", shown.join(" · "));
        if self.talk {
            let own = self.own.map_or(String::new(), |r| r.to_string());
            out.push_str(&format!(
                " — talk about this: two levels or more from your {own}."
            ));
        }
        out
    }

    /// The names whose rating is `rating` (for marking the level list), none while hidden.
    pub fn names_at(&self, rating: Rating) -> Vec<&str> {
        if self.hidden {
            return Vec::new();
        }
        self.ratings
            .iter()
            .filter(|(_, r)| *r == Some(rating))
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

/// In a review file, the person's own note on `id` when they shared it, for the reviewer to
/// read once they have rated the competency.
pub fn shared_note(assessment: &Assessment, id: &CompetencyId) -> Option<String> {
    reviewing(assessment)?;
    // Only once the reviewer has rated it.
    assessment.rating(id)?;
    let note = assessment
        .extra
        .get("self")?
        .get(id.as_str())?
        .get("note")?
        .as_str()?;
    (!note.trim().is_empty()).then(|| note.to_string())
}
