//! Merging an assessment changed by another program while rolefit had it open (a hand edit, a
//! `git pull`, a sync client) with rolefit's own changes: a three-way merge by part — one
//! competency's rating and note, one plan, one reviewer's review, the rounds, one unknown
//! top-level key, the file's framework and name — against what the file held when rolefit last
//! read or wrote it.
//!
//! A part changed on one side only takes that side's value; a part changed on both sides to
//! different values is a clash. Where the user is (`[position]`) is always rolefit's, and
//! `updated` the later of the two.

use std::collections::BTreeSet;

use super::assessment::Assessment;
use super::framework::CompetencyId;

/// One part of an assessment that merges as a whole.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The rating and note of a competency (`[ratings.ID]`).
    Rating(CompetencyId),
    /// The development plan for a competency (`[plan.ID]`).
    Plan(CompetencyId),
    /// One reviewer's review (`[reviews.NAME]`).
    Review(String),
    /// The closed rounds (`[[history]]`), as a whole.
    Rounds,
    /// A top-level key rolefit does not know.
    Extra(String),
    /// The framework recorded (version, hash, file) and the assessment's name.
    Header,
    /// The person's display name.
    DisplayName,
    /// The person's role.
    Role,
    /// The person's team.
    Team,
}

impl Part {
    /// How the part is named to the user: "DP1", "the plan for DP1", "Kim's review"…
    pub fn describe(&self) -> String {
        match self {
            Part::Rating(id) => id.to_string(),
            Part::Plan(id) => format!("the plan for {id}"),
            Part::Review(name) => format!("{name}'s review"),
            Part::Rounds => "the rounds".to_string(),
            Part::Extra(key) => format!("the key {key}"),
            Part::Header => "the file's header".to_string(),
            Part::DisplayName => "the person's name".to_string(),
            Part::Role => "the role".to_string(),
            Part::Team => "the team".to_string(),
        }
    }
}

/// The outcome of [`merge`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// What to write: ours, with the parts only they changed taken from theirs, and for a
    /// clash, theirs (the file's version stands; ours is kept in a copy by the caller).
    pub assessment: Assessment,
    /// Parts taken from theirs: changed by them only, or clashes.
    pub outside: Vec<Part>,
    /// Parts both changed, to different values.
    pub clashes: Vec<Part>,
}

/// Merges `ours` and `theirs`, both changed from `base`. Never fails: a clash is settled for
/// theirs and listed. The framework's id is not merged: a file now made with another framework
/// cannot be merged at all, which the caller checks first ([`same_framework`]).
pub fn merge(base: &Assessment, ours: &Assessment, theirs: &Assessment) -> Merged {
    let mut merged = ours.clone();
    let mut outside = Vec::new();
    let mut clashes = Vec::new();
    for part in parts(base, ours, theirs) {
        let theirs_changed = !same(&part, base, theirs);
        if !theirs_changed || same(&part, ours, theirs) {
            continue;
        }
        if !same(&part, base, ours) {
            clashes.push(part.clone());
        }
        take(&part, theirs, &mut merged);
        outside.push(part);
    }
    merged.updated = ours.updated.max_by_text(theirs.updated);
    Merged {
        assessment: merged,
        outside,
        clashes,
    }
}

/// Whether both were made with the same framework (id), so that they can be merged.
pub fn same_framework(a: &Assessment, b: &Assessment) -> bool {
    a.framework == b.framework
}

/// Every part any of the three holds.
fn parts(base: &Assessment, ours: &Assessment, theirs: &Assessment) -> BTreeSet<Part> {
    let mut parts = BTreeSet::from([
        Part::Rounds,
        Part::Header,
        Part::DisplayName,
        Part::Role,
        Part::Team,
    ]);
    for a in [base, ours, theirs] {
        parts.extend(a.ratings.keys().cloned().map(Part::Rating));
        parts.extend(a.plan.keys().cloned().map(Part::Plan));
        parts.extend(a.reviews.keys().cloned().map(Part::Review));
        parts.extend(a.extra.keys().cloned().map(Part::Extra));
    }
    parts
}

/// Whether `a` and `b` hold the same value for `part` (absent on both counts as the same).
pub fn same(part: &Part, a: &Assessment, b: &Assessment) -> bool {
    match part {
        Part::Rating(id) => a.ratings.get(id) == b.ratings.get(id),
        Part::Plan(id) => a.plan.get(id) == b.plan.get(id),
        Part::Review(name) => a.reviews.get(name) == b.reviews.get(name),
        Part::Rounds => a.history == b.history,
        Part::Extra(key) => a.extra.get(key) == b.extra.get(key),
        Part::Header => header(a) == header(b),
        Part::DisplayName => a.display_name == b.display_name,
        Part::Role => a.role == b.role,
        Part::Team => a.team == b.team,
    }
}

fn header(a: &Assessment) -> (&str, u32, &Option<String>, &Option<String>, &str) {
    (
        &a.framework,
        a.framework_version,
        &a.framework_hash,
        &a.framework_path,
        &a.name,
    )
}

/// Sets `part` of `into` to its value in `from` (removing it where `from` has none).
pub fn take(part: &Part, from: &Assessment, into: &mut Assessment) {
    fn copy<K: Ord + Clone, V: Clone>(
        key: &K,
        from: &std::collections::BTreeMap<K, V>,
        into: &mut std::collections::BTreeMap<K, V>,
    ) {
        match from.get(key) {
            Some(value) => {
                into.insert(key.clone(), value.clone());
            }
            None => {
                into.remove(key);
            }
        }
    }
    match part {
        Part::Rating(id) => copy(id, &from.ratings, &mut into.ratings),
        Part::Plan(id) => copy(id, &from.plan, &mut into.plan),
        Part::Review(name) => copy(name, &from.reviews, &mut into.reviews),
        Part::Rounds => into.history.clone_from(&from.history),
        Part::Extra(key) => match from.extra.get(key) {
            Some(value) => {
                into.extra.insert(key.clone(), value.clone());
            }
            None => {
                into.extra.remove(key);
            }
        },
        Part::Header => {
            into.framework.clone_from(&from.framework);
            into.framework_version = from.framework_version;
            into.framework_hash.clone_from(&from.framework_hash);
            into.framework_path.clone_from(&from.framework_path);
            into.name.clone_from(&from.name);
        }
        Part::DisplayName => into.display_name.clone_from(&from.display_name),
        Part::Role => into.role.clone_from(&from.role),
        Part::Team => into.team.clone_from(&from.team),
    }
}

/// The later of two timestamps.
trait Later {
    fn max_by_text(self, other: Self) -> Self;
}

impl Later for super::time::Datetime {
    /// Timestamps rolefit writes are UTC in one format, so their text orders as their time.
    fn max_by_text(self, other: Self) -> Self {
        if other.to_string() > self.to_string() {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entry, Level, PlanItem, Rating};

    fn rated(a: &mut Assessment, id: &str, level: u8) {
        a.set_rating(&id.into(), Some(Rating::Level(Level::new(level).unwrap())));
    }

    fn base() -> Assessment {
        let mut a = Assessment::new(
            "p",
            &crate::testing::builtin(),
            crate::time::utc_from_epoch(0),
        );
        rated(&mut a, "DP1", 3);
        rated(&mut a, "DP2", 2);
        a
    }

    #[test]
    fn changes_to_different_competencies_merge_both_ways() {
        let base = base();
        let mut ours = base.clone();
        rated(&mut ours, "DP2", 4);
        let mut theirs = base.clone();
        theirs.set_note(&"DP1".into(), "edited by hand".into());
        rated(&mut theirs, "FD4", 5);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.clashes.is_empty());
        assert_eq!(
            merged.outside,
            [Part::Rating("DP1".into()), Part::Rating("FD4".into())]
        );
        let a = &merged.assessment;
        assert_eq!(a.note(&"DP1".into()), "edited by hand");
        assert_eq!(
            a.rating(&"DP2".into()),
            Some(Rating::Level(Level::new(4).unwrap()))
        );
        assert_eq!(
            a.rating(&"FD4".into()),
            Some(Rating::Level(Level::new(5).unwrap()))
        );
    }

    #[test]
    fn a_name_given_here_and_a_team_set_by_hand_both_stay() {
        let base = base();
        // The app asked the name; meanwhile someone set the team in the file by hand...
        let mut ours = base.clone();
        ours.display_name = Some("Sam Taylor".into());
        let mut theirs = base.clone();
        rated(&mut theirs, "FD4", 5);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(
            merged.assessment.display_name.as_deref(),
            Some("Sam Taylor")
        );
        assert_eq!(merged.outside, [Part::Rating("FD4".into())]);
        // The name, the role and the team merge one by one...
        let mut theirs = base.clone();
        theirs.team = Some("North".into());
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.clashes.is_empty());
        assert_eq!(
            merged.assessment.display_name.as_deref(),
            Some("Sam Taylor")
        );
        assert_eq!(merged.assessment.team.as_deref(), Some("North"));
        // ...and a name changed on both sides is a clash settled for the file.
        theirs.display_name = Some("Samantha Taylor".into());
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.clashes, [Part::DisplayName]);
        assert_eq!(
            merged.assessment.display_name.as_deref(),
            Some("Samantha Taylor")
        );
        assert_eq!(Part::DisplayName.describe(), "the person's name");
    }

    #[test]
    fn the_same_part_changed_both_ways_is_a_clash_settled_for_the_file() {
        let base = base();
        let mut ours = base.clone();
        rated(&mut ours, "DP1", 4);
        let mut theirs = base.clone();
        rated(&mut theirs, "DP1", 1);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.clashes, [Part::Rating("DP1".into())]);
        assert_eq!(
            merged.assessment.rating(&"DP1".into()),
            Some(Rating::Level(Level::new(1).unwrap()))
        );
        // The same change on both sides is no clash.
        let merged = merge(&base, &ours, &ours.clone());
        assert!(merged.clashes.is_empty() && merged.outside.is_empty());
    }

    #[test]
    fn removals_plans_reviews_rounds_and_unknown_keys_merge_by_part() {
        let base = base();
        let mut ours = base.clone();
        ours.plan.insert(
            "GV3".into(),
            PlanItem {
                actions: vec![crate::PlanAction::new(1, "ours")],
                ..Default::default()
            },
        );
        let mut theirs = base.clone();
        theirs.ratings.remove(&CompetencyId::from("DP2"));
        theirs.close_round(crate::time::utc_from_epoch(60), "from git");
        theirs
            .extra
            .insert("team".into(), crate::value::Value::String("north".into()));
        theirs.reviews.insert(
            "Kim".into(),
            crate::Review {
                id: "r1".into(),
                ratings: [("DP1".into(), Entry::default())].into(),
                ..Default::default()
            },
        );
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.clashes.is_empty(), "{:?}", merged.clashes);
        let a = &merged.assessment;
        assert_eq!(a.rating(&"DP2".into()), None, "their removal is taken");
        assert_eq!(a.plan[&CompetencyId::from("GV3")].first_text(), "ours");
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.extra["team"].as_str(), Some("north"));
        assert!(a.reviews.contains_key("Kim"));
    }

    #[test]
    fn where_the_user_is_stays_ours_and_updated_is_the_later() {
        let base = base();
        let mut ours = base.clone();
        ours.position.competency = Some("RI2".into());
        ours.updated = crate::time::utc_from_epoch(100);
        let mut theirs = base.clone();
        theirs.position.competency = Some("DP1".into());
        theirs.updated = crate::time::utc_from_epoch(200);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.assessment.position.competency, Some("RI2".into()));
        assert_eq!(merged.assessment.updated, crate::time::utc_from_epoch(200));
        assert!(merged.outside.is_empty());
    }
}
