//! The framework file as it is written (format 2, README: Bring your own framework): the shape serde reads, with
//! the position of everything a problem may point at, and the shape `dump` writes. Every file,
//! whatever its format, reaches the validator in this shape.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use rolefit_core::framework::FocusWeight;

/// A whole framework file.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    pub format: Spanned<i64>,
    pub id: Spanned<String>,
    pub version: Spanned<i64>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub scale: Spanned<RawScale>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Spanned<RawRole>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub axis: Option<Spanned<RawAxis>>,
    pub profiles: Spanned<Vec<Spanned<RawProfile>>>,
    pub areas: Spanned<Vec<Spanned<RawArea>>>,
    pub competencies: Spanned<Vec<Spanned<RawCompetency>>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub na: Option<String>,
    pub levels: Spanned<Vec<Spanned<RawScaleLevel>>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScaleLevel {
    pub value: Spanned<i64>,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub id: Spanned<String>,
    pub name: String,
    pub short: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub essence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activities: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_practice: Option<String>,
}

/// The two roles whose main profiles are compared for the lean; none: no lean.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    pub roles: Spanned<Vec<Spanned<String>>>,
}

/// A target in a profile's `adjust`: a level, or "none" for not required.
#[derive(Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawTarget {
    Number(i64),
    Text(String),
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub id: Spanned<String>,
    pub name: String,
    pub short: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjust: Option<Spanned<BTreeMap<Spanned<String>, Spanned<RawTarget>>>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contrast: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<BTreeMap<Spanned<String>, Spanned<RawFocus>>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFocus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<RawWeight>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
}

/// A focus weight as the file spells it.
#[derive(Clone, Copy, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawWeight {
    None,
    Light,
    Operational,
    Core,
    Strategic,
}

impl From<RawWeight> for FocusWeight {
    fn from(weight: RawWeight) -> FocusWeight {
        match weight {
            RawWeight::None => FocusWeight::None,
            RawWeight::Light => FocusWeight::Light,
            RawWeight::Operational => FocusWeight::Operational,
            RawWeight::Core => FocusWeight::Core,
            RawWeight::Strategic => FocusWeight::Strategic,
        }
    }
}

impl From<FocusWeight> for RawWeight {
    fn from(weight: FocusWeight) -> RawWeight {
        match weight {
            FocusWeight::None => RawWeight::None,
            FocusWeight::Light => RawWeight::Light,
            FocusWeight::Operational => RawWeight::Operational,
            FocusWeight::Core => RawWeight::Core,
            FocusWeight::Strategic => RawWeight::Strategic,
        }
    }
}

/// Level keys and texts, e.g. `"4" = "Scopes murky work."`.
pub type RawLevels = BTreeMap<Spanned<String>, Spanned<String>>;

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompetency {
    pub id: Spanned<String>,
    pub area: Spanned<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid: Option<Spanned<Vec<Spanned<i64>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practice: Option<BTreeMap<Spanned<String>, String>>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "levels_in_order"
    )]
    pub levels: Option<Spanned<RawLevels>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub targets: Option<BTreeMap<Spanned<String>, Spanned<i64>>>,
}

/// Level texts lowest level first (as text, "10" would come before "2").
fn levels_in_order<S: serde::Serializer>(
    levels: &Option<Spanned<RawLevels>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut entries: Vec<_> = levels.iter().flat_map(|l| l.get_ref().iter()).collect();
    entries.sort_by_key(|(key, _)| (key.get_ref().len(), key.get_ref().clone()));
    serializer.collect_map(entries)
}

/// A value with no place in any file (one being written out).
pub fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}
