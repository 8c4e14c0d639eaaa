//! A spreadsheet into a format-2 framework.
//!
//! The competency sheet is the one PMOs keep: a header row, then one row per competency with
//! its area, id, name, description, optionally what each level means and the levels it is
//! defined at, and one column per profile holding that profile's target (empty: not
//! required). Headers are recognised in the usual words ("Skill code", "Category", "Level 3",
//! …, see `layout::field_of`), or named by a [`Mapping`]. Optional sheets (in a CSV file,
//! sections) describe the rest: Profiles, Areas, Scale, Roles, About, as `framework export`
//! writes them.
//!
//! The result is format-2 TOML, checked by the same validator as any framework file. Every
//! line written remembers the cell it came from, so a problem the validator finds is reported
//! at its sheet, row and column.
//!
//! One file because the optional sheets (About, Scale, Roles, Profiles, Areas) are read the
//! same way into the one model they share; the competency sheet is read in
//! `import/competencies.rs` and the model written as TOML in `import/write.rs`.

mod competencies;
mod write;

use std::collections::BTreeMap;

use serde::Deserialize;

use super::layout::{self, Field};
use super::{Place, Sheet, Workbook};
use crate::domain::framework::MAX_SHORT_2;
use crate::domain::{Framework, Problem};
use write::write;

/// How a sheet whose headers differ from rolefit's maps onto a framework: a TOML file given
/// with `--map`, and the same settings as flags.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The sheet that holds the competencies (default: one named "Competencies", else the
    /// first).
    pub sheet: Option<String>,
    /// The framework's id (default: from the About sheet, else the file's name).
    pub id: Option<String>,
    /// The framework's name (default: from the About sheet, else the file's name).
    pub name: Option<String>,
    pub version: Option<u32>,
    /// The scale's first and last value, when there is no Scale sheet (default: from the
    /// "Level N" columns, else 1 (0 when a target is 0) to the highest target, at least 5).
    pub scale: Option<[u8; 2]>,
    /// Field (`id`, `name`, `area`, `area_id`, `parent`, `description`, `valid`,
    /// `references`) → the header of its column.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Level value → the header of the column that says what it means.
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
    /// Header of a target column → the profile's id ("" for one made from the header). When
    /// given, only these columns are profiles.
    #[serde(default)]
    pub profiles: BTreeMap<String, String>,
}

impl Mapping {
    /// Checks the mapping's own words, before any sheet is read.
    pub fn check(&self) -> Result<(), BadMapping> {
        for field in self.columns.keys() {
            if Field::from_key(field).is_none() {
                return Err(BadMapping::UnknownField(field.clone()));
            }
        }
        for level in self.levels.keys() {
            if level.parse::<u8>().is_err() {
                return Err(BadMapping::Level(level.clone()));
            }
        }
        if let Some([low, high]) = self.scale
            && (low >= high || high > crate::domain::Level::TOP)
        {
            return Err(BadMapping::Scale(low, high));
        }
        Ok(())
    }
}

/// A mapping's own words that cannot be used, each said in one sentence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadMapping {
    /// A column field rolefit does not know.
    #[error(
        "the column field {0:?} is not one rolefit knows; use id, name, area, area_id, parent, description, valid or references"
    )]
    UnknownField(String),
    /// A level that is not a whole number.
    #[error("the level {0:?} must be a whole number 0 to 99")]
    Level(String),
    /// A scale that does not go up, or past 99.
    #[error("the scale {0}-{1} must go up, from its first value to its last (at most 99)")]
    Scale(u8, u8),
}

/// One thing the import could not use, or could not accept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub place: Option<Place>,
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A framework made from a sheet.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The framework in format 2, as written.
    pub toml: String,
    pub framework: Framework,
    /// Cells, columns, rows and sheets that hold something the framework has no place for.
    pub not_placed: Vec<Issue>,
    /// What is legal but suspicious (a competency no profile requires), at its place.
    pub warnings: Vec<Issue>,
}

/// Reads `book` as a framework; `stem` (the file's name without extension) is its id and name
/// when neither the About sheet nor the mapping gives them. Err holds every problem found.
pub fn import(book: &Workbook, mapping: &Mapping, stem: &str) -> Result<Imported, Vec<Issue>> {
    let mut reader = Reader {
        book,
        issues: Vec::new(),
        not_placed: Vec::new(),
    };
    let model = reader.model(mapping, stem);
    if !reader.issues.is_empty() {
        return Err(reader.issues);
    }
    let out = write(&model);
    let place_of = |p: &Problem| -> Option<Place> {
        out.origins[..p.line.min(out.origins.len())]
            .iter()
            .rev()
            .find_map(Clone::clone)
    };
    let issue = |p: &Problem| Issue {
        place: place_of(p),
        message: p.message.clone(),
    };
    match crate::storage::framework::checked(&out.text) {
        Ok((framework, warnings)) => Ok(Imported {
            toml: out.text,
            framework,
            not_placed: reader.not_placed,
            warnings: warnings.iter().map(issue).collect(),
        }),
        Err(problems) => Err(problems.iter().map(issue).collect()),
    }
}

// ---- what the sheets say -------------------------------------------------------------------------

/// A value and the cell it came from.
#[derive(Clone, Debug)]
struct At<T> {
    value: T,
    place: Option<Place>,
}

fn at<T>(value: T, place: Option<Place>) -> At<T> {
    At { value, place }
}

#[derive(Default)]
struct Model {
    id: Option<At<String>>,
    version: Option<At<String>>,
    name: Option<At<String>>,
    summary: Option<At<String>>,
    na: Option<At<String>>,
    /// None: no axis given (the first two roles); Some(empty): no lean.
    axis: Option<At<Vec<String>>>,
    scale: Vec<ScaleRow>,
    roles: Vec<Vec<(&'static str, At<String>)>>,
    profiles: Vec<ProfileRow>,
    groups: Vec<(At<String>, At<String>)>,
    areas: Vec<AreaRow>,
    competencies: Vec<CompetencyRow>,
}

struct ScaleRow {
    value: At<String>,
    label: At<String>,
    descriptor: Option<At<String>>,
    hint: Option<At<String>>,
}

struct ProfileRow {
    id: At<String>,
    fields: Vec<(&'static str, At<String>)>,
    base: Option<At<String>>,
    /// Index of its target column, if it has one.
    column: Option<usize>,
    place: Option<Place>,
}

struct AreaRow {
    id: At<String>,
    name: At<String>,
    parent: Option<At<String>>,
    contrast: Option<At<String>>,
    /// Role id → (label, weight, meaning).
    focus: Vec<(String, [Option<At<String>>; 3])>,
}

struct CompetencyRow {
    id: At<String>,
    area: At<String>,
    name: At<String>,
    description: Option<At<String>>,
    valid: Option<At<Vec<String>>>,
    refs: Option<At<Vec<String>>>,
    practice: Vec<(String, At<String>)>,
    levels: Vec<(u8, At<String>)>,
    /// Per target column: the target as written (None: empty).
    targets: Vec<Option<At<String>>>,
    place: Option<Place>,
}

struct Reader<'a> {
    book: &'a Workbook,
    issues: Vec<Issue>,
    not_placed: Vec<Issue>,
}

/// A slug usable as an id: letters, digits, '-', '_' and '.', at most 40 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    out.chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn unique(id: String, taken: &mut Vec<String>, fallback: &str) -> String {
    let base = if id.is_empty() {
        fallback.to_string()
    } else {
        id
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// A short name from a longer one: at most 16 characters, cut with "…".
fn short_of(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= MAX_SHORT_2 {
        name.to_string()
    } else {
        let mut cut: String = name.chars().take(MAX_SHORT_2 - 1).collect();
        cut = cut.trim_end().to_string();
        cut.push('…');
        cut
    }
}

/// Whether a target cell means "not required".
fn not_required(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "" | "-" | "—" | "–" | "none" | "n/a" | "na"
    )
}

/// A whole number written in a cell ("3", "3.0").
fn whole(text: &str) -> Option<i64> {
    let t = text.trim();
    t.parse::<i64>().ok().or_else(|| {
        t.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
            .map(|f| f as i64)
    })
}

/// Levels listed in a cell: "5, 6, 7", "5-7" or "5–7".
fn level_list(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(Vec::new());
    }
    if let Some((a, b)) = t.split_once(['-', '–']).filter(|_| !t.contains(','))
        && let (Some(a), Some(b)) = (whole(a), whole(b))
    {
        return (a <= b).then(|| (a..=b).map(|v| v.to_string()).collect());
    }
    t.split([',', ';', ' '])
        .filter(|s| !s.trim().is_empty())
        .map(|s| whole(s).map(|v| v.to_string()))
        .collect()
}

/// The place of row `row` (index into `sheet.rows`) and column `column` (index) of `sheet`,
/// with the column's header from the sheet's header row.
fn place_in(csv: bool, sheet: &Sheet, row: usize, column: Option<usize>) -> Option<Place> {
    let header_row = Reader::header_row(sheet).unwrap_or(0);
    Some(Place {
        sheet: (!sheet.name.is_empty()).then(|| sheet.name.clone()),
        row: sheet.first_row + row,
        column: column.map(|c| c + 1),
        header: column.map(|c| sheet.cell(header_row, c).trim().to_string()),
        csv,
    })
}

impl<'a> Reader<'a> {
    fn error(&mut self, place: Option<Place>, message: impl Into<String>) {
        self.issues.push(Issue {
            place,
            message: message.into(),
        });
    }

    fn unplaced(&mut self, place: Option<Place>, message: impl Into<String>) {
        self.not_placed.push(Issue {
            place,
            message: message.into(),
        });
    }

    /// The first row with anything in it: the header row.
    fn header_row(sheet: &Sheet) -> Option<usize> {
        sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
    }

    fn section(&self, name: &str) -> Option<&'a Sheet> {
        self.book
            .sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// A header-row table of `sheet`: its column headers (normalised) by index, and its data
    /// rows by index.
    fn table(sheet: &Sheet) -> Option<(usize, Vec<String>)> {
        let header = Self::header_row(sheet)?;
        Some((
            header,
            sheet.rows[header]
                .iter()
                .map(|h| layout::normal(h))
                .collect(),
        ))
    }

    /// The non-empty data rows of a table after its header row.
    fn data_rows(sheet: &Sheet, header: usize) -> impl Iterator<Item = usize> + '_ {
        (header + 1..sheet.rows.len())
            .filter(move |&r| sheet.rows[r].iter().any(|c| !c.trim().is_empty()))
    }

    /// The value of column `name` in row `r` of a side table, if not empty.
    fn get(&self, sheet: &Sheet, headers: &[String], r: usize, name: &str) -> Option<At<String>> {
        let c = headers.iter().position(|h| h == &layout::normal(name))?;
        let text = sheet.cell(r, c);
        (!text.is_empty()).then(|| at(text.to_string(), place_in(self.book.csv, sheet, r, Some(c))))
    }

    /// Columns of a side table that the table has no use for.
    fn unknown_columns(
        &mut self,
        sheet: &Sheet,
        header: usize,
        headers: &[String],
        known: &dyn Fn(&str) -> bool,
    ) {
        for (c, h) in headers.iter().enumerate() {
            if !h.is_empty() && !known(h) {
                let place = place_in(self.book.csv, sheet, header, Some(c));
                self.unplaced(
                    place,
                    "a column this table does not use; its cells are left out",
                );
            }
        }
    }

    fn model(&mut self, mapping: &Mapping, stem: &str) -> Model {
        let mut model = Model::default();
        self.about(&mut model);
        self.scale_sheet(&mut model);
        self.roles_sheet(&mut model);
        self.profiles_sheet(&mut model);
        self.areas_sheet(&mut model);
        self.competencies(&mut model, mapping);
        // Sheets the layout does not have.
        let main = self.competency_sheet(mapping).map(|s| s.name.clone());
        for sheet in &self.book.sheets {
            let known = layout::SECTIONS
                .iter()
                .any(|s| s.eq_ignore_ascii_case(&sheet.name))
                || Some(&sheet.name) == main.as_ref();
            if !known
                && sheet
                    .rows
                    .iter()
                    .any(|r| r.iter().any(|c| !c.trim().is_empty()))
            {
                let place = place_in(self.book.csv, sheet, 0, None).map(|mut p| {
                    p.row = sheet.first_row;
                    p
                });
                self.unplaced(
                    place,
                    "a sheet rolefit does not read (it reads Competencies, Profiles, Areas, Scale, Roles and About)",
                );
            }
        }
        if self.issues.is_empty() {
            self.complete(&mut model, mapping, stem);
        }
        model
    }

    fn about(&mut self, model: &mut Model) {
        let Some(sheet) = self.section("About") else {
            return;
        };
        let Some((header, _)) = Self::table(sheet) else {
            return;
        };
        // Rows of Key, Value; the header row may be "Key, Value" or already a pair.
        let start = if layout::normal(sheet.cell(header, 0)) == "key" {
            header + 1
        } else {
            header
        };
        for r in start..sheet.rows.len() {
            let k = layout::normal(sheet.cell(r, 0));
            if k.is_empty() {
                continue;
            }
            let value = at(
                sheet.cell(r, 1).to_string(),
                place_in(self.book.csv, sheet, r, Some(1)),
            );
            match k.as_str() {
                "id" => model.id = Some(value),
                "version" => model.version = Some(value),
                "name" => model.name = Some(value),
                "summary" => model.summary = Some(value),
                "na" | "n/a" => model.na = Some(value),
                "axis" => {
                    let roles = value
                        .value
                        .split([',', ';'])
                        .map(|r| r.trim().to_string())
                        .filter(|r| !r.is_empty())
                        .collect();
                    model.axis = Some(at(roles, value.place));
                }
                _ => {
                    let place = place_in(self.book.csv, sheet, r, Some(0));
                    self.unplaced(
                        place,
                        format!(
                            "a key the About table does not have (it has {})",
                            layout::ABOUT_KEYS.join(", ")
                        ),
                    );
                }
            }
        }
    }

    fn scale_sheet(&mut self, model: &mut Model) {
        let Some(sheet) = self.section("Scale") else {
            return;
        };
        let Some((header, headers)) = Self::table(sheet) else {
            return;
        };
        self.unknown_columns(sheet, header, &headers, &|h| {
            layout::SCALE_COLUMNS.iter().any(|k| layout::normal(k) == h)
        });
        for r in Self::data_rows(sheet, header).collect::<Vec<_>>() {
            let value = self.get(sheet, &headers, r, "Value");
            let label = self.get(sheet, &headers, r, "Label");
            let Some(value) = value else {
                let place = place_in(self.book.csv, sheet, r, None);
                self.error(place, "a scale level needs its value in the Value column");
                continue;
            };
            let label =
                label.unwrap_or_else(|| at(format!("Level {}", value.value), value.place.clone()));
            model.scale.push(ScaleRow {
                value,
                label,
                descriptor: self.get(sheet, &headers, r, "Descriptor"),
                hint: self.get(sheet, &headers, r, "Hint"),
            });
        }
    }

    fn roles_sheet(&mut self, model: &mut Model) {
        let Some(sheet) = self.section("Roles") else {
            return;
        };
        let Some((header, headers)) = Self::table(sheet) else {
            return;
        };
        self.unknown_columns(sheet, header, &headers, &|h| {
            layout::ROLE_COLUMNS.iter().any(|k| layout::normal(k) == h)
        });
        let keys: [(&str, &'static str); 9] = [
            ("ID", "id"),
            ("Name", "name"),
            ("Short", "short"),
            ("Essence", "essence"),
            ("Description", "description"),
            ("Activities", "activities"),
            ("Horizon", "horizon"),
            ("Scope", "scope"),
            ("In practice", "in_practice"),
        ];
        for r in Self::data_rows(sheet, header).collect::<Vec<_>>() {
            let mut fields = Vec::new();
            for (column, key) in keys {
                if let Some(value) = self.get(sheet, &headers, r, column) {
                    fields.push((key, value));
                }
            }
            let has = |fields: &[(&str, At<String>)], k: &str| fields.iter().any(|(f, _)| *f == k);
            if !has(&fields, "id") {
                let place = place_in(self.book.csv, sheet, r, None);
                self.error(place, "a role needs its id in the ID column");
                continue;
            }
            if !has(&fields, "name") {
                let id = fields[0].1.clone();
                fields.push(("name", id));
            }
            if !has(&fields, "short") {
                let name = fields
                    .iter()
                    .find(|(k, _)| *k == "name")
                    .map(|(_, v)| v.clone());
                if let Some(name) = name {
                    fields.push(("short", at(short_of(&name.value), name.place)));
                }
            }
            model.roles.push(fields);
        }
    }

    fn profiles_sheet(&mut self, model: &mut Model) {
        let Some(sheet) = self.section("Profiles") else {
            return;
        };
        let Some((header, headers)) = Self::table(sheet) else {
            return;
        };
        self.unknown_columns(sheet, header, &headers, &|h| {
            layout::PROFILE_COLUMNS
                .iter()
                .any(|k| layout::normal(k) == h)
        });
        for r in Self::data_rows(sheet, header).collect::<Vec<_>>() {
            let id = self.get(sheet, &headers, r, "ID");
            let name = self.get(sheet, &headers, r, "Name");
            let (id, name) = match (id, name) {
                (Some(id), Some(name)) => (id, name),
                (Some(id), None) => (id.clone(), id),
                (None, Some(name)) => (
                    at(slug(&name.value).to_lowercase(), name.place.clone()),
                    name,
                ),
                (None, None) => {
                    let place = place_in(self.book.csv, sheet, r, None);
                    self.error(
                        place,
                        "a profile needs its id in the ID column or its name in the Name column",
                    );
                    continue;
                }
            };
            let mut fields = vec![("name", name.clone())];
            fields.push((
                "short",
                self.get(sheet, &headers, r, "Short")
                    .unwrap_or_else(|| at(short_of(&name.value), name.place.clone())),
            ));
            for (column, key) in [
                ("Description", "description"),
                ("Reference", "reference"),
                ("Role", "role"),
                ("Grade", "grade"),
            ] {
                if let Some(value) = self.get(sheet, &headers, r, column) {
                    fields.push((key, value));
                }
            }
            model.profiles.push(ProfileRow {
                id,
                fields,
                base: self.get(sheet, &headers, r, "Base"),
                column: None,
                place: place_in(self.book.csv, sheet, r, None),
            });
        }
    }

    fn areas_sheet(&mut self, model: &mut Model) {
        let Some(sheet) = self.section("Areas") else {
            return;
        };
        let Some((header, headers)) = Self::table(sheet) else {
            return;
        };
        let focus_role = |h: &str| -> Option<(usize, String)> {
            for (i, prefix) in ["focus label (", "focus weight (", "focus meaning ("]
                .iter()
                .enumerate()
            {
                if let Some(role) = h.strip_prefix(prefix).and_then(|r| r.strip_suffix(')')) {
                    return Some((i, role.to_string()));
                }
            }
            None
        };
        self.unknown_columns(sheet, header, &headers, &|h| {
            layout::AREA_COLUMNS.iter().any(|k| layout::normal(k) == h) || focus_role(h).is_some()
        });
        for r in Self::data_rows(sheet, header).collect::<Vec<_>>() {
            let id = self.get(sheet, &headers, r, "ID");
            let name = self.get(sheet, &headers, r, "Name");
            let (id, name) = match (id, name) {
                (Some(id), Some(name)) => (id, name),
                (Some(id), None) => (id.clone(), id),
                (None, Some(name)) => (at(slug(&name.value), name.place.clone()), name),
                (None, None) => {
                    let place = place_in(self.book.csv, sheet, r, None);
                    self.error(
                        place,
                        "an area needs its id in the ID column or its name in the Name column",
                    );
                    continue;
                }
            };
            let mut focus: Vec<(String, [Option<At<String>>; 3])> = Vec::new();
            for (c, h) in headers.iter().enumerate() {
                let Some((i, role)) = focus_role(h) else {
                    continue;
                };
                // The role id as written in the header, not lower-cased.
                let written = sheet.cell(header, c);
                let role = written
                    .find('(')
                    .zip(written.rfind(')'))
                    .map_or(role, |(a, b)| written[a + 1..b].trim().to_string());
                let text = sheet.cell(r, c);
                let slot = match focus.iter().position(|(f, _)| *f == role) {
                    Some(s) => s,
                    None => {
                        focus.push((role, [None, None, None]));
                        focus.len() - 1
                    }
                };
                if !text.is_empty() {
                    focus[slot].1[i] = Some(at(
                        text.to_string(),
                        place_in(self.book.csv, sheet, r, Some(c)),
                    ));
                }
            }
            model.areas.push(AreaRow {
                id,
                name,
                parent: self.get(sheet, &headers, r, "Parent"),
                contrast: self.get(sheet, &headers, r, "Contrast"),
                focus,
            });
        }
    }

    /// What the sheets leave to defaults: the framework's id and name, and the scale.
    fn complete(&mut self, model: &mut Model, mapping: &Mapping, stem: &str) {
        if let Some(id) = &mapping.id {
            model.id = Some(at(id.clone(), None));
        }
        if let Some(name) = &mapping.name {
            model.name = Some(at(name.clone(), None));
        }
        if let Some(version) = mapping.version {
            model.version = Some(at(version.to_string(), None));
        }
        if model.id.is_none() {
            let id = slug(stem).to_lowercase();
            model.id = Some(at(
                if id.is_empty() {
                    "framework".into()
                } else {
                    id
                },
                None,
            ));
        }
        if model.name.is_none() {
            model.name = Some(at(stem.to_string(), None));
        }
        if !model.scale.is_empty() && mapping.scale.is_none() {
            return;
        }
        // No Scale sheet: the levels the level columns describe, or the range the targets and
        // valid levels use.
        let mut values: Vec<u8> = match mapping.scale {
            Some([low, high]) => (low..=high).collect(),
            None => {
                let mut described: Vec<u8> = model
                    .competencies
                    .iter()
                    .flat_map(|c| c.levels.iter().map(|(v, _)| *v))
                    .collect();
                described.sort_unstable();
                described.dedup();
                let used = model.competencies.iter().flat_map(|c| {
                    c.targets
                        .iter()
                        .flatten()
                        .filter_map(|t| whole(&t.value))
                        .chain(
                            c.valid
                                .iter()
                                .flat_map(|v| v.value.iter().filter_map(|l| whole(l))),
                        )
                        .collect::<Vec<_>>()
                });
                let used: Vec<i64> = used.collect();
                let low = if used.contains(&0) || described.first() == Some(&0) {
                    0
                } else {
                    1
                };
                let high = used
                    .iter()
                    .copied()
                    .chain(described.iter().map(|&v| i64::from(v)))
                    .max()
                    .unwrap_or(5)
                    .clamp(5, i64::from(crate::domain::Level::TOP));
                if described.len() >= 2 && used.iter().all(|v| described.contains(&(*v as u8))) {
                    described
                } else {
                    (low as u8..=high as u8).collect()
                }
            }
        };
        values.dedup();
        let (first, last) = (values[0], values[values.len() - 1]);
        model.scale = values
            .iter()
            .map(|&v| ScaleRow {
                value: at(v.to_string(), None),
                label: at(format!("Level {v}"), None),
                descriptor: Some(at(
                    format!("Level {v} on a scale from {first} to {last}."),
                    None,
                )),
                hint: None,
            })
            .collect();
    }
}
