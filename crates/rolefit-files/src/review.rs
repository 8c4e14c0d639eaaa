//! A second opinion without a server (README: A second opinion): a review file a person sends to a
//! reviewer, the reviewer's ratings of that person saved into it, and its import into the
//! person's assessment under `[reviews.REVIEWER]`.
//!
//! A review file is an assessment file (`format = 1`, the same `[ratings.*]` tables, the same
//! atomic saves and lock) with a few more top-level keys:
//!
//! ```toml
//! format = 1
//! framework = "pm-vs-pmo"
//! framework_version = 1
//! name = "alex"                       # the person being reviewed
//! competencies_hash = "fnv1a64:…"     # what was rated: framework id, version, competency ids
//! kind = "review"
//! requested = 2026-12-01T12:00:00Z
//! review_id = "5f0c…"                 # fresh for each request
//! reviewer = "Sam"                    # asked when the reviewer first opens it
//!
//! [ratings.DP1]                       # the reviewer's ratings of the person
//! level = 3
//!
//! [self.DP1]                          # only with --share-self: the person's own
//! level = 4
//! note = "…"
//! ```
//!
//! The screens show others' ratings beside the user's own through [`others`]: in an
//! assessment, its imported reviews; in a review file, the person's shared self-ratings.

use std::collections::BTreeMap;

use rolefit_core::time::Datetime;

use crate::codec::{self, ParseError};
use rolefit_core::hash::fnv1a_64;
use rolefit_core::{Assessment, CompetencyId, Entry, Framework, Rating, Review, Screen};

pub use rolefit_core::reviews::calibration::{
    self, Calibration, TALK_ABOUT, calibrations, differs_a_lot,
};
pub use rolefit_core::reviews::{
    Beside, KIND, Other, Reviewing, beside, others, reviewing, shared_note,
};

/// A hash of what a rating is given against: the framework's id, version and competency ids in
/// order (FNV-1a, 64 bits). Wording changes keep it; a competency added, removed or renamed
/// changes it, so a review cannot be imported against a framework it was not rated on.
pub fn framework_hash(framework: &Framework) -> String {
    let mut text = format!("{}\n{}\n", framework.id, framework.version);
    for c in &framework.competencies {
        text.push_str(c.id.as_str());
        text.push('\n');
    }
    format!("fnv1a64:{:016x}", fnv1a_64(text.as_bytes()))
}

/// A fresh review id: 16 hex digits from the system's random source, or from the time and the
/// process id where there is none.
pub fn fresh_id() -> String {
    let value = getrandom::u64().unwrap_or_else(|_| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        fnv1a_64(format!("{nanos}-{}", std::process::id()).as_bytes())
    });
    format!("{value:016x}")
}

/// A review file as read: the reviewer's ratings in an assessment, and what the request said.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewFile {
    /// `name` is the person reviewed; `ratings` are the reviewer's; the review keys are in
    /// `extra`, so a save writes them back unchanged.
    pub assessment: Assessment,
    pub id: String,
    pub framework_hash: String,
    /// None until the reviewer has given their name.
    pub reviewer: Option<String>,
    /// The person's own ratings and notes, when they chose to share them.
    pub shared_self: BTreeMap<CompetencyId, Entry>,
}

impl ReviewFile {
    /// The person being reviewed: their assessment's name, which an import checks.
    pub fn person(&self) -> &str {
        &self.assessment.name
    }

    /// The person being reviewed as the reviewer sees them: their display name when the
    /// request carried one, else their assessment's name.
    pub fn person_shown(&self) -> String {
        self.assessment.shown_name(&self.assessment.name)
    }

    /// Records the reviewer's name in the file.
    pub fn set_reviewer(&mut self, name: &str) {
        self.reviewer = Some(name.to_string());
        self.assessment.extra.insert(
            "reviewer".into(),
            rolefit_core::value::Value::String(name.to_string()),
        );
    }

    /// The file's text.
    pub fn to_toml(&self) -> String {
        codec::to_toml(&self.assessment)
    }
}

/// Why a review file cannot be used; one sentence for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// Broken, with a place in the text.
    #[error("line {line}, column {column}: {reason}")]
    At {
        line: usize,
        column: usize,
        reason: String,
    },
    /// Usable in general, but not here (another person, another version…).
    #[error("{0}")]
    Refused(String),
    /// Made with another framework (another id): the reviewer needs the person's framework
    /// file, given with `--framework`.
    #[error(
        "it was made for the framework \"{made_for}\" (version {made_version}), not for \"{here}\" (version {here_version}) that rolefit uses here; run it with --framework FILE, using the framework file for \"{made_for}\" that the person used"
    )]
    OtherFramework {
        made_for: String,
        made_version: u32,
        here: String,
        here_version: u32,
    },
    /// The same framework id and version, but other competencies (the hash is missing or does
    /// not match): the file was edited, or the framework it was made with was.
    #[error(
        "the competencies in the review file differ from those of {id} version {version} here (the file was changed or made with an edited framework)"
    )]
    OtherCompetencies { id: String, version: u32 },
}

impl From<ParseError> for ReviewError {
    fn from(err: ParseError) -> ReviewError {
        match err {
            ParseError::Invalid {
                line,
                column,
                reason,
            } => ReviewError::At {
                line,
                column,
                reason,
            },
            ParseError::NewerFormat { found } => ReviewError::Refused(format!(
                "it was written in format {found} by a newer rolefit; update rolefit to use it"
            )),
        }
    }
}

/// Writes a review request for `person`: the framework it is rated on, a fresh id, and with
/// `share_self` the person's own ratings and notes (without it, nothing of theirs).
pub fn request(
    person: &Assessment,
    framework: &Framework,
    share_self: bool,
    id: &str,
    now: Datetime,
) -> ReviewFile {
    let mut file = Assessment::new(&person.name, framework, now);
    // The reviewer sees the person's name ("You are reviewing Alex Moreau").
    file.display_name = person.person_name().map(str::to_string);
    file.position.screen = Screen::Rate;
    file.position.competency = framework.competencies.first().map(|c| c.id.clone());
    let extra = &mut file.extra;
    extra.insert(
        "kind".into(),
        rolefit_core::value::Value::String(KIND.into()),
    );
    extra.insert(
        "review_id".into(),
        rolefit_core::value::Value::String(id.into()),
    );
    extra.insert(
        "competencies_hash".into(),
        rolefit_core::value::Value::String(framework_hash(framework)),
    );
    extra.insert(
        "requested".into(),
        rolefit_core::value::Value::Datetime(now),
    );
    let shared_self: BTreeMap<CompetencyId, Entry> = if share_self {
        person
            .ratings
            .iter()
            .filter(|(id, e)| framework.competency_index(id).is_some() && !e.is_empty())
            .map(|(id, e)| {
                let entry = Entry {
                    rating: e.rating,
                    note: e.note.clone(),
                    extra: rolefit_core::value::Table::new(),
                };
                (id.clone(), entry)
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    if !shared_self.is_empty() {
        let table = shared_self
            .iter()
            .map(|(id, e)| (id.as_str().to_string(), entry_value(e)))
            .collect::<rolefit_core::value::Table>();
        extra.insert("self".into(), rolefit_core::value::Value::Table(table));
    }
    ReviewFile {
        assessment: file,
        id: id.to_string(),
        framework_hash: framework_hash(framework),
        reviewer: None,
        shared_self,
    }
}

/// One entry as a TOML table: `level` and `note` when set.
fn entry_value(entry: &Entry) -> rolefit_core::value::Value {
    let mut table = rolefit_core::value::Table::new();
    match entry.rating {
        Some(Rating::Level(l)) => {
            table.insert(
                "level".into(),
                rolefit_core::value::Value::Integer(i64::from(l.value())),
            );
        }
        Some(Rating::NotApplicable) => {
            table.insert(
                "level".into(),
                rolefit_core::value::Value::String("na".into()),
            );
        }
        None => {}
    }
    if !entry.note.is_empty() {
        table.insert(
            "note".into(),
            rolefit_core::value::Value::String(entry.note.clone()),
        );
    }
    rolefit_core::value::Value::Table(table)
}

/// Reads a review file's text and checks it against `framework`: a level outside the scale or
/// a competency id the framework lacks is refused with its line and column; a file that is not
/// a review, or was made for another framework, is refused.
pub fn parse(text: &str, framework: &Framework) -> Result<ReviewFile, ReviewError> {
    // The framework's scale decides which levels the file may hold.
    let top = framework.scale.last().value();
    let assessment = codec::parse_up_to(text, "", top)?;
    let kind = assessment
        .extra
        .get("kind")
        .and_then(rolefit_core::value::Value::as_str);
    if kind != Some(KIND) {
        return Err(ReviewError::Refused(
            "it is not a review file (it has no `kind = \"review\"`); make one with `rolefit review request`"
                .into(),
        ));
    }
    let shared_self = codec::parse_shared_self(text, top)?;
    for section in ["ratings", "self"] {
        for (id, offset) in codec::table_key_offsets(text, section) {
            if framework
                .competency_index(&CompetencyId(id.clone()))
                .is_none()
            {
                let (line, column) = rolefit_core::framework::line_column(text, offset);
                return Err(ReviewError::At {
                    line,
                    column,
                    reason: format!(
                        "{id:?} is not a competency of the framework \"{}\"",
                        framework.id
                    ),
                });
            }
        }
    }
    let string = |key: &str| {
        assessment
            .extra
            .get(key)
            .and_then(rolefit_core::value::Value::as_str)
            .map(str::to_string)
    };
    let id = string("review_id").unwrap_or_default();
    let hash = string("competencies_hash").unwrap_or_default();
    // Shown on screens and in reports: no control characters, no surrounding blanks.
    let reviewer = string("reviewer")
        .map(|r| {
            r.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|r| !r.is_empty());
    if assessment.framework != framework.id {
        return Err(ReviewError::OtherFramework {
            made_for: assessment.framework.clone(),
            made_version: assessment.framework_version,
            here: framework.id.clone(),
            here_version: framework.version,
        });
    }
    if assessment.framework_version != framework.version {
        return Err(ReviewError::Refused(format!(
            "it was made for version {} of the framework \"{}\", not for version {} that rolefit uses here; use the framework file of version {} that the person used, with --framework FILE",
            assessment.framework_version,
            framework.id,
            framework.version,
            assessment.framework_version
        )));
    }
    if hash != framework_hash(framework) {
        return Err(ReviewError::OtherCompetencies {
            id: framework.id.clone(),
            version: framework.version,
        });
    }
    Ok(ReviewFile {
        assessment,
        id,
        framework_hash: hash,
        reviewer,
        shared_self,
    })
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub reviewer: String,
    /// How many competencies the reviewer answered (a level, "none" or N/A).
    pub rated: usize,
    /// How many of those are N/A.
    pub not_applicable: usize,
    /// The review replaced the one the same reviewer gave before.
    pub replaced: bool,
}

/// Adds a filled-in review to the person's assessment under its reviewer's name, replacing only
/// an earlier review by the same reviewer. Refuses, changing nothing, a
/// review for another person or another framework, or one nobody has filled in.
pub fn import(
    assessment: &mut Assessment,
    review: &ReviewFile,
    framework: &Framework,
) -> Result<Imported, ReviewError> {
    if assessment.framework != review.assessment.framework {
        return Err(ReviewError::Refused(format!(
            "the review is on the framework \"{}\", the assessment on \"{}\"",
            review.assessment.framework, assessment.framework
        )));
    }
    if review.person() != assessment.name {
        return Err(ReviewError::Refused(format!(
            "the review is of {:?}, not of {:?}; import it into theirs with -a {}",
            review.person(),
            assessment.name,
            review.person()
        )));
    }
    let Some(reviewer) = review.reviewer.clone() else {
        return Err(ReviewError::Refused(
            "nobody has filled in this review yet; the reviewer opens it with `rolefit review FILE`"
                .into(),
        ));
    };
    let ratings: BTreeMap<CompetencyId, Entry> = review
        .assessment
        .ratings
        .iter()
        .filter(|(id, e)| framework.competency_index(id).is_some() && !e.is_empty())
        .map(|(id, e)| (id.clone(), e.clone()))
        .collect();
    let rated = ratings.values().filter(|e| e.rating.is_some()).count();
    let not_applicable = ratings
        .values()
        .filter(|e| e.rating == Some(rolefit_core::Rating::NotApplicable))
        .count();
    if rated == 0 {
        return Err(ReviewError::Refused(format!(
            "{reviewer} has not rated anything in this review yet; nothing was imported"
        )));
    }
    // Only the same reviewer's earlier review is replaced: one request copied to two people
    // (the same review id) gives two reviews, both kept.
    let replaced = assessment.reviews.contains_key(&reviewer);
    assessment.reviews.insert(
        reviewer.clone(),
        Review {
            id: review.id.clone(),
            date: Some(review.assessment.updated),
            ratings,
            extra: rolefit_core::value::Table::new(),
        },
    );
    Ok(Imported {
        reviewer,
        rated,
        not_applicable,
        replaced,
    })
}

#[cfg(test)]
mod tests;
