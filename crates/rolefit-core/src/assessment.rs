//! One person's assessment: ratings, notes, development plan and where they were.

use std::collections::BTreeMap;

use super::framework::{CompetencyId, Framework};
use super::level::{Level, Rating};
use super::time::Datetime;
use super::value::Table;

mod plan;
pub use plan::{ActionStatus, PlanAction, PlanItem};

/// Which screen the user was on; also the tab order.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Roles,
    Grid,
    Rate,
    Results,
    Plan,
}

impl Screen {
    /// All screens in tab order.
    pub const ALL: [Screen; 5] = [
        Screen::Roles,
        Screen::Grid,
        Screen::Rate,
        Screen::Results,
        Screen::Plan,
    ];

    /// The name used in files.
    pub fn key(self) -> &'static str {
        match self {
            Screen::Roles => "roles",
            Screen::Grid => "grid",
            Screen::Rate => "rate",
            Screen::Results => "results",
            Screen::Plan => "plan",
        }
    }

    /// The screen with this file name.
    pub fn from_key(key: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Position in tab order.
    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Where to resume.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Position {
    pub screen: Screen,
    pub competency: Option<CompetencyId>,
    /// Id of the profile the user chose to measure gaps against (see
    /// [`Position::chosen_target`]).
    pub target: Option<String>,
    /// Whether `target` was chosen by the user (`target_chosen = true`, written since the gaps
    /// follow the verdict). Files from before always held a `target`, the second main profile
    /// unless the user chose another: see [`Position::chosen_target`].
    pub target_chosen: bool,
    /// Show the targets on Rate even before a competency is rated (they are hidden by default
    /// so they don't anchor the rating).
    pub show_targets: bool,
    /// A text editor that was open when this was saved: what it held is already saved as the
    /// note or plan itself, and the next start opens the editor again on it.
    pub editing: Option<Editing>,
}

/// Which text editor was open, on which competency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Editing {
    /// The note editor on Rate.
    Note(CompetencyId),
    /// The development-plan editor on Results.
    Plan(CompetencyId),
}

impl Position {
    /// The profile the user chose for the gaps, if any; otherwise the gaps follow the
    /// verdict. A file from before `target_chosen` always held a target, the second main
    /// profile by default: there only another profile counts as chosen.
    pub fn chosen_target(&self, framework: &Framework) -> Option<usize> {
        let p = framework.profile_index(self.target.as_deref()?)?;
        (self.target_chosen || p != framework.main_profiles[1]).then_some(p)
    }
}

impl Editing {
    /// The name used in files (`editor = "note"`).
    pub fn key(&self) -> &'static str {
        match self {
            Editing::Note(_) => "note",
            Editing::Plan(_) => "plan",
        }
    }

    /// The competency being edited.
    pub fn competency(&self) -> &CompetencyId {
        match self {
            Editing::Note(id) | Editing::Plan(id) => id,
        }
    }

    /// From the names used in files; None for an editor this version does not know.
    pub fn from_key(key: &str, competency: CompetencyId) -> Option<Editing> {
        match key {
            "note" => Some(Editing::Note(competency)),
            "plan" => Some(Editing::Plan(competency)),
            _ => None,
        }
    }
}

/// A rating and its evidence note for one competency.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Entry {
    /// None while only a note has been written.
    pub rating: Option<Rating>,
    pub note: String,
    /// Keys this version does not know, kept and written back.
    pub extra: Table,
}

impl Entry {
    /// True when there is nothing worth saving.
    pub fn is_empty(&self) -> bool {
        self.rating.is_none() && self.note.is_empty() && self.extra.is_empty()
    }
}

/// A closed round: the ratings as they were on a date, for comparing over time.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub taken: Datetime,
    /// Optional words from the user, e.g. "before the PMO secondment".
    pub label: String,
    /// Every rating at the time (N/A included), by competency id.
    pub ratings: BTreeMap<CompetencyId, Rating>,
    /// Keys this version does not know, kept and written back.
    pub extra: Table,
}

impl Snapshot {
    /// "2026-11-28" or "2026-11-28 (before the secondment)".
    pub fn title(&self) -> String {
        let date = self
            .taken
            .date
            .map_or_else(|| self.taken.to_string(), |d| d.to_string());
        if self.label.is_empty() {
            date
        } else {
            format!("{date} ({})", self.label)
        }
    }
}

/// A second opinion: how someone else (the reviewer) rated this person, imported from a review
/// file (`rolefit review import`). Kept under `[reviews.REVIEWER]`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Review {
    /// The review's id, from the request (several reviewers may share one).
    pub id: String,
    /// When the reviewer last changed it.
    pub date: Option<Datetime>,
    /// The reviewer's ratings and notes, by competency id.
    pub ratings: BTreeMap<CompetencyId, Entry>,
    /// Keys this version does not know, kept and written back.
    pub extra: Table,
}

impl Review {
    /// The reviewer's rating of a competency, if any.
    pub fn rating(&self, id: &CompetencyId) -> Option<Rating> {
        self.ratings.get(id).and_then(|e| e.rating)
    }
}

/// A whole assessment as it lives on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The assessment's name: `-a NAME`, the file's name in the data folder. Not the person's
    /// name (see `display_name`), though files written by hand may use it as such.
    pub name: String,
    /// The person's name as they gave it (any text): None until they were asked, `Some("")`
    /// when they chose to give none (then [`Assessment::shown_name`] falls back).
    pub display_name: Option<String>,
    /// The person's role and team, as they describe them; optional.
    pub role: Option<String>,
    pub team: Option<String>,
    pub framework: String,
    pub framework_version: u32,
    /// [`Framework::content_hash`] of the framework it was last saved with; None in files
    /// written before rolefit recorded it.
    pub framework_hash: Option<String>,
    /// Where the framework file was (absolute), for a framework from a file; None for the
    /// built-in one.
    pub framework_path: Option<String>,
    pub created: Datetime,
    pub updated: Datetime,
    pub position: Position,
    /// Keyed by competency id; ids the framework lacks are kept too.
    pub ratings: BTreeMap<CompetencyId, Entry>,
    pub plan: BTreeMap<CompetencyId, PlanItem>,
    /// Closed rounds, oldest first.
    pub history: Vec<Snapshot>,
    /// Second opinions, by reviewer name.
    pub reviews: BTreeMap<String, Review>,
    /// Top-level keys this version does not know, kept and written back.
    pub extra: Table,
}

impl Assessment {
    /// A new, empty assessment for `framework`.
    pub fn new(name: &str, framework: &Framework, now: Datetime) -> Assessment {
        Assessment {
            name: name.to_string(),
            display_name: None,
            role: None,
            team: None,
            framework: framework.id.clone(),
            framework_version: framework.version,
            framework_hash: Some(framework.content_hash()),
            framework_path: None,
            created: now,
            updated: now,
            position: Position::default(),
            ratings: BTreeMap::new(),
            plan: BTreeMap::new(),
            history: Vec::new(),
            reviews: BTreeMap::new(),
            extra: Table::new(),
        }
    }

    /// The person's display name, when they gave one.
    pub fn person_name(&self) -> Option<&str> {
        self.display_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
    }

    /// Whether the person was asked their name (and answered or chose to give none).
    pub fn name_asked(&self) -> bool {
        self.display_name.is_some()
    }

    /// The person's name as shown everywhere: the display name, else the assessment's own
    /// name unless it is the default one ("default"), else `file_name` (the file's name
    /// without `.toml`), so people who all kept the default are still told apart.
    pub fn shown_name(&self, file_name: &str) -> String {
        if let Some(name) = self.person_name() {
            return name.to_string();
        }
        let own = self.name.trim();
        if own.is_empty() || own == super::person::DEFAULT_ASSESSMENT {
            file_name.to_string()
        } else {
            own.to_string()
        }
    }

    /// The assessment without the keys this version does not know (what a reading for looking
    /// only keeps, see `storage::codec::parse_for_reading`).
    pub fn known_only(&self) -> Assessment {
        let mut a = self.clone();
        a.extra.clear();
        for entry in a.ratings.values_mut() {
            entry.extra.clear();
        }
        for item in a.plan.values_mut() {
            item.extra.clear();
            for action in &mut item.actions {
                action.extra.clear();
            }
        }
        for round in &mut a.history {
            round.extra.clear();
        }
        for review in a.reviews.values_mut() {
            review.extra.clear();
            for entry in review.ratings.values_mut() {
                entry.extra.clear();
            }
        }
        a
    }

    /// Every current rating by id (notes and note-only entries left out).
    pub fn current_ratings(&self) -> BTreeMap<CompetencyId, Rating> {
        self.ratings
            .iter()
            .filter_map(|(id, e)| e.rating.map(|r| (id.clone(), r)))
            .collect()
    }

    /// Closes a round: records the current ratings with a date and label. Returns its number
    /// (1 for the first round).
    pub fn close_round(&mut self, taken: Datetime, label: &str) -> usize {
        self.history.push(Snapshot {
            taken,
            label: label.trim().to_string(),
            ratings: self.current_ratings(),
            extra: Table::new(),
        });
        self.history.len()
    }

    /// The next free plan action id (1 for the first).
    pub fn next_action_id(&self) -> u32 {
        self.plan
            .values()
            .flat_map(|p| p.actions.iter().map(|a| a.id))
            .max()
            .unwrap_or(0)
            + 1
    }

    /// Every plan action with its competency id, in file order.
    pub fn actions(&self) -> impl Iterator<Item = (&CompetencyId, &PlanAction)> {
        self.plan
            .iter()
            .flat_map(|(id, p)| p.actions.iter().map(move |a| (id, a)))
    }

    /// The rating recorded for a competency, if any.
    pub fn rating(&self, id: &CompetencyId) -> Option<Rating> {
        self.ratings.get(id).and_then(|e| e.rating)
    }

    /// The note for a competency ("" when none).
    pub fn note(&self, id: &CompetencyId) -> &str {
        self.ratings.get(id).map_or("", |e| e.note.as_str())
    }

    /// Records (or clears) a rating, keeping the note.
    pub fn set_rating(&mut self, id: &CompetencyId, rating: Option<Rating>) {
        let entry = self.ratings.entry(id.clone()).or_default();
        entry.rating = rating;
        if entry.is_empty() {
            self.ratings.remove(id);
        }
    }

    /// Replaces the note, keeping the rating.
    pub fn set_note(&mut self, id: &CompetencyId, note: String) {
        let entry = self.ratings.entry(id.clone()).or_default();
        entry.note = note;
        if entry.is_empty() {
            self.ratings.remove(id);
        }
    }

    /// How many of the framework's competencies have a rating (N/A counts as rated).
    pub fn rated_count(&self, framework: &Framework) -> usize {
        framework
            .competencies
            .iter()
            .filter(|c| self.rating(&c.id).is_some())
            .count()
    }

    /// Rated ids the framework does not know (kept in the file, reported to the user).
    pub fn unknown_ids(&self, framework: &Framework) -> Vec<CompetencyId> {
        self.ratings
            .keys()
            .chain(self.plan.keys())
            .chain(self.history.iter().flat_map(|s| s.ratings.keys()))
            .chain(self.reviews.values().flat_map(|r| r.ratings.keys()))
            .filter(|id| framework.competency_index(id).is_none())
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The highest level anywhere in the assessment (ratings, plan targets, closed rounds,
    /// reviews): what a framework's scale must reach to read it. None when it holds no level.
    pub fn highest_level(&self) -> Option<Level> {
        let ratings = self.ratings.values().filter_map(|e| e.rating);
        let rounds = self
            .history
            .iter()
            .flat_map(|s| s.ratings.values().copied());
        let reviews = self
            .reviews
            .values()
            .flat_map(|r| r.ratings.values().filter_map(|e| e.rating));
        let plans = self.plan.values().filter_map(|p| p.target);
        ratings
            .chain(rounds)
            .chain(reviews)
            .filter_map(Rating::level)
            .chain(plans)
            .filter(|l| !l.is_none())
            .max()
    }

    /// Whether `framework` is the one this assessment records, changed since: the same id
    /// with another version, or another content hash (when one is recorded).
    pub fn framework_changed(&self, framework: &Framework) -> bool {
        self.framework == framework.id
            && (self.framework_version != framework.version
                || self
                    .framework_hash
                    .as_deref()
                    .is_some_and(|hash| hash != framework.content_hash()))
    }

    /// Records `framework` (id, version, hash) as the one this assessment is made with; the
    /// file holds it from the next save. The path is recorded apart, by whoever loaded it.
    pub fn record_framework(&mut self, framework: &Framework) {
        self.framework.clone_from(&framework.id);
        self.framework_version = framework.version;
        self.framework_hash = Some(framework.content_hash());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::fnv1a_64;

    #[test]
    fn the_content_hash_is_fnv1a_of_the_text() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
        let builtin = crate::testing::builtin();
        assert_eq!(
            builtin.content_hash(),
            format!("{:016x}", fnv1a_64(crate::testing::BUILTIN_TOML.as_bytes()))
        );
        // The same text is the same hash (one byte more is another: see the reader's tests).
        assert_eq!(
            crate::testing::builtin().content_hash(),
            builtin.content_hash()
        );
    }

    #[test]
    fn a_changed_framework_is_one_with_the_same_id_and_another_version_or_hash() {
        let fw = crate::testing::builtin();
        let mut a = Assessment::new("t", &fw, crate::time::utc_from_epoch(0));
        assert!(!a.framework_changed(&fw));
        a.framework_version += 1;
        assert!(a.framework_changed(&fw));
        a.record_framework(&fw);
        assert!(!a.framework_changed(&fw));
        a.framework_hash = Some("0000000000000000".into());
        assert!(a.framework_changed(&fw));
        // A file from before hashes were recorded: only the version tells.
        a.framework_hash = None;
        assert!(!a.framework_changed(&fw));
        // Another id is not a changed framework but another one.
        a.framework = "em".into();
        a.framework_version = 9;
        assert!(!a.framework_changed(&fw));
    }
}
