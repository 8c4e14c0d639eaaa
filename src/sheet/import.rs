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

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Deserialize;

use super::layout::{self, Field};
use super::{Place, Sheet, Workbook};
use crate::domain::framework::MAX_SHORT_2;
use crate::domain::{Framework, Problem};
use crate::storage::framework::{key, q};

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

    fn competency_sheet(&self, mapping: &Mapping) -> Option<&'a Sheet> {
        if let Some(name) = &mapping.sheet {
            return self.section(name);
        }
        self.section(layout::COMPETENCIES).or_else(|| {
            self.book.sheets.iter().find(|s| {
                !layout::SECTIONS
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&s.name))
            })
        })
    }

    /// Reads the competency sheet: its columns, the profiles its target columns add, one row
    /// per competency, and the areas and groups it names when there is no Areas sheet.
    fn competencies(&mut self, model: &mut Model, mapping: &Mapping) {
        let Some((sheet, header)) = self.competency_table(mapping) else {
            return;
        };
        let Some(mut columns) = self.competency_columns(model, mapping, sheet, header) else {
            return;
        };
        self.target_profiles(model, sheet, header, &mut columns.targets);
        let mut areas = SheetAreas::default();
        for r in Self::data_rows(sheet, header).collect::<Vec<_>>() {
            if let Some(row) = self.competency_row(model, &mut areas, &columns, sheet, r) {
                model.competencies.push(row);
            }
        }
        if model.areas.is_empty() {
            areas.into_model(model);
        }
        self.check_competency_ids(model);
        self.check_targets(model);
    }

    /// The competency sheet and its header row, or None after saying why there is none.
    fn competency_table(&mut self, mapping: &Mapping) -> Option<(&'a Sheet, usize)> {
        let Some(sheet) = self.competency_sheet(mapping) else {
            let message = match &mapping.sheet {
                Some(name) => format!(
                    "there is no sheet {name:?}; the sheets are {}",
                    self.book
                        .sheets
                        .iter()
                        .map(|s| format!("{:?}", s.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "there is no sheet of competencies".to_string(),
            };
            self.error(None, message);
            return None;
        };
        let Some(header) = Self::header_row(sheet) else {
            let place = place_in(self.book.csv, sheet, 0, None);
            self.error(
                place,
                "the sheet is empty: it needs a header row, then one row per competency",
            );
            return None;
        };
        Some((sheet, header))
    }

    /// Sorts the header row's columns into fields and target columns, reporting the columns
    /// left out; None (after an error) when no column holds ids or names, or targets.
    fn competency_columns(
        &mut self,
        model: &Model,
        mapping: &Mapping,
        sheet: &Sheet,
        header: usize,
    ) -> Option<Columns> {
        let mut columns = Columns::default();
        for (c, h) in sheet.rows[header].iter().enumerate() {
            let left_out = match column_kind(model, mapping, sheet, header, c, h) {
                ColumnKind::Field(field) if columns.fields.iter().any(|(_, f)| *f == field) => {
                    Some("a second column for the same thing; only the first is read")
                }
                ColumnKind::Field(field) => {
                    columns.fields.push((c, field));
                    None
                }
                ColumnKind::Targets(profile) => {
                    columns.targets.push((c, profile));
                    None
                }
                ColumnKind::Empty => None,
                ColumnKind::LeftOut(why) => Some(why),
            };
            if let Some(why) = left_out {
                let place = place_in(self.book.csv, sheet, header, Some(c));
                self.unplaced(place, why);
            }
        }
        if columns.of(&Field::Id).is_none() && columns.of(&Field::Name).is_none() {
            let place = place_in(self.book.csv, sheet, header, None);
            self.error(
                place,
                "no column holds the competencies' ids or names; name one \"ID\" or \"Name\", or map it with --column id=HEADER",
            );
            return None;
        }
        if columns.targets.is_empty() && model.profiles.is_empty() {
            let place = place_in(self.book.csv, sheet, header, None);
            self.error(
                place,
                "no column holds a profile's targets (a column of levels per profile); map one with --profile HEADER",
            );
            return None;
        }
        Some(columns)
    }

    /// Ties each target column to its profile, adding a profile (named by the header) for a
    /// column the Profiles sheet does not have; `targets` gets the ids it ends with.
    fn target_profiles(
        &mut self,
        model: &mut Model,
        sheet: &Sheet,
        header: usize,
        targets: &mut [(usize, String)],
    ) {
        let mut taken: Vec<String> = model.profiles.iter().map(|p| p.id.value.clone()).collect();
        for (i, (c, id)) in targets.iter_mut().enumerate() {
            let existing = model.profiles.iter().position(|p| p.id.value == *id);
            match existing {
                Some(p) => {
                    if model.profiles[p].column.is_some() {
                        let place = place_in(self.book.csv, sheet, header, Some(*c));
                        self.error(
                            place,
                            format!("a second column of targets for profile {id:?}"),
                        );
                    }
                    model.profiles[p].column = Some(i);
                }
                None => {
                    let h = sheet.rows[header][*c].trim().to_string();
                    let place = place_in(self.book.csv, sheet, header, Some(*c));
                    let wanted = if id.is_empty() {
                        slug(&h).to_lowercase()
                    } else {
                        id.clone()
                    };
                    *id = unique(wanted, &mut taken, &format!("profile-{}", i + 1));
                    model.profiles.push(ProfileRow {
                        id: at(id.clone(), place.clone()),
                        fields: vec![
                            ("name", at(h.clone(), place.clone())),
                            ("short", at(short_of(&h), place.clone())),
                        ],
                        base: None,
                        column: Some(i),
                        place,
                    });
                }
            }
        }
    }

    /// Row `r` of the competency sheet as a competency, or None (after saying why) when it
    /// has no id or name, or an area the Areas sheet does not have.
    fn competency_row(
        &mut self,
        model: &Model,
        areas: &mut SheetAreas,
        columns: &Columns,
        sheet: &Sheet,
        r: usize,
    ) -> Option<CompetencyRow> {
        let csv = self.book.csv;
        let cell = |c: Option<usize>| cell_at(csv, sheet, r, c);
        let id = cell(columns.of(&Field::Id));
        let name = cell(columns.of(&Field::Name));
        if id.is_none() && name.is_none() {
            let place = place_in(csv, sheet, r, None);
            self.unplaced(
                place,
                "a row without a competency id or name; it is left out",
            );
            return None;
        }
        let area = self.row_area(model, areas, columns, sheet, r)?;
        let id = match id {
            Some(id) => at(id.value.trim().to_string(), id.place),
            None => {
                let n = areas.unnumbered.entry(area.value.clone()).or_insert(0);
                *n += 1;
                at(
                    format!("{}.{n}", area.value),
                    name.as_ref().and_then(|n| n.place.clone()),
                )
            }
        };
        let name = name.unwrap_or_else(|| id.clone());
        let mut levels = Vec::new();
        let mut practice = Vec::new();
        for (c, field) in &columns.fields {
            match field {
                Field::Level(v) => {
                    if let Some(text) = cell(Some(*c)) {
                        levels.push((*v, text));
                    }
                }
                Field::Practice(role) => {
                    if let Some(text) = cell(Some(*c)) {
                        practice.push((role.clone(), text));
                    }
                }
                _ => {}
            }
        }
        let valid = cell(columns.of(&Field::Valid)).map(|v| self.valid_levels(v));
        let refs = cell(columns.of(&Field::References)).map(|v| {
            let list = v
                .value
                .lines()
                .map(str::to_string)
                .filter(|l| !l.trim().is_empty())
                .collect();
            at(list, v.place)
        });
        let targets = columns
            .targets
            .iter()
            .map(|(c, _)| {
                let text = sheet.cell(r, *c);
                (!not_required(text))
                    .then(|| at(text.trim().to_string(), place_in(csv, sheet, r, Some(*c))))
            })
            .collect();
        Some(CompetencyRow {
            id,
            area,
            name,
            description: cell(columns.of(&Field::Description)),
            valid,
            refs,
            practice,
            levels,
            targets,
            place: place_in(csv, sheet, r, None),
        })
    }

    /// A row's area: by id or name from the Areas sheet, else the one the row names (or the
    /// one area of a sheet without areas); None (after an error) when the Areas sheet lacks it.
    fn row_area(
        &mut self,
        model: &Model,
        areas: &mut SheetAreas,
        columns: &Columns,
        sheet: &Sheet,
        r: usize,
    ) -> Option<At<String>> {
        let csv = self.book.csv;
        let area_id = cell_at(csv, sheet, r, columns.of(&Field::AreaId));
        let area_name = cell_at(csv, sheet, r, columns.of(&Field::Area));
        let parent = cell_at(csv, sheet, r, columns.of(&Field::Parent));
        if model.areas.is_empty() {
            return Some(areas.area(area_id, area_name, parent));
        }
        let found = model.areas.iter().find(|a| {
            area_id
                .as_ref()
                .is_some_and(|i| i.value.trim() == a.id.value)
                || (area_id.is_none()
                    && area_name.as_ref().is_some_and(|n| {
                        n.value.trim() == a.name.value.trim() || n.value.trim() == a.id.value
                    }))
        });
        if let Some(a) = found {
            return Some(at(
                a.id.value.clone(),
                area_id.or(area_name).and_then(|v| v.place),
            ));
        }
        let given = area_id.or(area_name);
        let place = given
            .as_ref()
            .and_then(|g| g.place.clone())
            .or(place_in(csv, sheet, r, None));
        let what = given.map_or("no area".to_string(), |g| format!("the area {:?}", g.value));
        self.error(
            place,
            format!("{what} is not in the Areas sheet; add it there or correct the name"),
        );
        None
    }

    /// The levels a "valid" cell lists, reporting a cell that is no list of levels.
    fn valid_levels(&mut self, v: At<String>) -> At<Vec<String>> {
        let list = level_list(&v.value);
        if list.is_none() {
            self.error(
                v.place.clone(),
                format!(
                    "{:?} is not a list of levels; write them as \"5, 6, 7\" or \"5-7\"",
                    v.value
                ),
            );
        }
        at(list.unwrap_or_default(), v.place)
    }

    /// Reports every competency id after the first row that has it (a second one would also
    /// break the profiles' tables).
    fn check_competency_ids(&mut self, model: &Model) {
        let mut first: HashMap<&str, Option<usize>> = HashMap::new();
        for row in &model.competencies {
            let row_number = row.place.as_ref().map(|p| p.row);
            match first.get(row.id.value.as_str()) {
                Some(earlier) => self.issues.push(Issue {
                    place: row.id.place.clone(),
                    message: format!(
                        "duplicate competency id {:?}{}; give each competency its own id",
                        row.id.value,
                        earlier.map_or(String::new(), |r| format!(" (row {r} has it too)"))
                    ),
                }),
                None => {
                    first.insert(&row.id.value, row_number);
                }
            }
        }
    }

    /// Reports every target cell that is not a whole number.
    fn check_targets(&mut self, model: &Model) {
        for row in &model.competencies {
            for target in row.targets.iter().flatten() {
                if whole(&target.value).is_none() {
                    self.issues.push(Issue {
                        place: target.place.clone(),
                        message: format!(
                            "{:?} is not a level; write a whole number on the scale, or leave the cell empty where the profile does not require the competency",
                            target.value
                        ),
                    });
                }
            }
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

// ---- the competency sheet's columns and areas ------------------------------------------------------

/// What the competency sheet's columns hold.
#[derive(Default)]
struct Columns {
    /// Column → the field it holds.
    fields: Vec<(usize, Field)>,
    /// Column → the profile whose targets it holds ("" for one made from its header).
    targets: Vec<(usize, String)>,
}

impl Columns {
    /// The column that holds `field`, if any.
    fn of(&self, field: &Field) -> Option<usize> {
        self.fields
            .iter()
            .find(|(_, f)| f == field)
            .map(|(c, _)| *c)
    }
}

/// What one column of the competency sheet holds.
enum ColumnKind {
    /// A field of every competency.
    Field(Field),
    /// A profile's targets (its id, or "" for one made from the header).
    Targets(String),
    /// Nothing: no header and no cells.
    Empty,
    /// Something rolefit leaves out, and why.
    LeftOut(&'static str),
}

/// What column `c` of the competency sheet, headed `h`, holds.
fn column_kind(
    model: &Model,
    mapping: &Mapping,
    sheet: &Sheet,
    header: usize,
    c: usize,
    h: &str,
) -> ColumnKind {
    if h.trim().is_empty() {
        let used = (header + 1..sheet.rows.len()).any(|r| !sheet.cell(r, c).trim().is_empty());
        return if used {
            ColumnKind::LeftOut("a column without a header; its cells are left out")
        } else {
            ColumnKind::Empty
        };
    }
    if let Some(profile) = mapped_profile(mapping, h) {
        return ColumnKind::Targets(profile);
    }
    if let Some(field) = header_field(mapping, h) {
        return ColumnKind::Field(field);
    }
    if !mapping.profiles.is_empty() {
        return ColumnKind::LeftOut("a column the mapping does not name; its cells are left out");
    }
    if !model.profiles.is_empty() {
        return match profile_named(model, h) {
            Some(id) => ColumnKind::Targets(id),
            None => ColumnKind::LeftOut(
                "a column that is no profile of the Profiles sheet; its cells are left out",
            ),
        };
    }
    // Without a Profiles sheet, a column mostly of levels is a profile's targets (a cell in
    // it that is not a level is then reported, not the column dropped).
    if mostly_levels(sheet, header, c) {
        ColumnKind::Targets(String::new())
    } else {
        ColumnKind::LeftOut(
            "a column of text rolefit does not use; name it in a mapping (--column or --profile) if it matters",
        )
    }
}

/// The field the mapping gives header `h`, as a column or as a level's meaning.
fn mapped_field(mapping: &Mapping, h: &str) -> Option<Field> {
    for (field, column) in &mapping.columns {
        if layout::normal(column) == layout::normal(h) {
            return Field::from_key(field);
        }
    }
    for (level, column) in &mapping.levels {
        if layout::normal(column) == layout::normal(h) {
            return level.parse().ok().map(Field::Level);
        }
    }
    None
}

/// The field header `h` names: by the mapping, else by its usual words unless the mapping
/// gives that field (or the levels' meanings) other columns.
fn header_field(mapping: &Mapping, h: &str) -> Option<Field> {
    let field = mapped_field(mapping, h).or_else(|| {
        // With a mapping for a field, that field's other spellings are not taken.
        layout::field_of(h).filter(|f| {
            !matches!(f, Field::Level(_) | Field::Practice(_)) || mapping.levels.is_empty()
        })
    });
    field.filter(|f| {
        !matches!(
            f,
            Field::Id
                | Field::Name
                | Field::Area
                | Field::AreaId
                | Field::Parent
                | Field::Description
                | Field::Valid
                | Field::References
        ) || mapping.columns.is_empty()
            || mapped_field(mapping, h).is_some()
            || !mapping
                .columns
                .keys()
                .any(|k| Field::from_key(k).as_ref() == Some(f))
    })
}

/// The profile id the mapping gives the target column headed `h`.
fn mapped_profile(mapping: &Mapping, h: &str) -> Option<String> {
    mapping
        .profiles
        .iter()
        .find(|(column, _)| layout::normal(column) == layout::normal(h))
        .map(|(_, id)| id.clone())
}

/// The profile of the Profiles sheet header `h` names: by id, by name, then either ignoring
/// case and spacing.
fn profile_named(model: &Model, h: &str) -> Option<String> {
    model
        .profiles
        .iter()
        .find(|p| p.id.value == h.trim())
        .or_else(|| {
            model.profiles.iter().find(|p| {
                p.fields
                    .iter()
                    .any(|(k, v)| *k == "name" && v.value.trim() == h.trim())
            })
        })
        .or_else(|| {
            model.profiles.iter().find(|p| {
                p.id.value.eq_ignore_ascii_case(h.trim())
                    || p.fields
                        .iter()
                        .any(|(k, v)| *k == "name" && layout::normal(&v.value) == layout::normal(h))
            })
        })
        .map(|p| p.id.value.clone())
}

/// Whether column `c` below the header holds levels at least as often as other text.
fn mostly_levels(sheet: &Sheet, header: usize, c: usize) -> bool {
    let (mut levels, mut text) = (0, 0);
    for r in header + 1..sheet.rows.len() {
        let t = sheet.cell(r, c);
        if whole(t).is_some() {
            levels += 1;
        } else if !not_required(t) {
            text += 1;
        }
    }
    levels > 0 && levels >= text
}

/// The text of row `r`, column `c` of `sheet` with its place, when the cell is not empty.
fn cell_at(csv: bool, sheet: &Sheet, r: usize, c: Option<usize>) -> Option<At<String>> {
    let c = c?;
    let text = sheet.cell(r, c);
    (!text.trim().is_empty()).then(|| at(text.to_string(), place_in(csv, sheet, r, Some(c))))
}

/// The areas a competency sheet names when there is no Areas sheet, as they are met, and how
/// many competencies without an id each area has numbered.
#[derive(Default)]
struct SheetAreas {
    rows: Vec<AreaRow>,
    /// Area id (or name, without one) → index into `rows`.
    by_key: HashMap<String, usize>,
    /// Area id → competencies numbered in it so far.
    unnumbered: HashMap<String, usize>,
}

impl SheetAreas {
    /// The area a row names by id or name ("Competencies" when it names none), added when
    /// first met.
    fn area(
        &mut self,
        area_id: Option<At<String>>,
        area_name: Option<At<String>>,
        parent: Option<At<String>>,
    ) -> At<String> {
        let name_text = area_name
            .as_ref()
            .or(area_id.as_ref())
            .map_or("Competencies".to_string(), |n| n.value.trim().to_string());
        let key = area_id
            .as_ref()
            .map_or(name_text.clone(), |i| i.value.trim().to_string());
        let index = match self.by_key.get(&key) {
            Some(&i) => i,
            None => {
                let mut taken: Vec<String> = self.rows.iter().map(|a| a.id.value.clone()).collect();
                let place = area_id.clone().or(area_name.clone()).and_then(|v| v.place);
                let id = match &area_id {
                    Some(i) => i.value.trim().to_string(),
                    None => unique(slug(&name_text), &mut taken, "area"),
                };
                self.rows.push(AreaRow {
                    id: at(id, place.clone()),
                    name: at(name_text.clone(), place),
                    parent,
                    contrast: None,
                    focus: Vec::new(),
                });
                self.by_key.insert(key, self.rows.len() - 1);
                self.rows.len() - 1
            }
        };
        let a = &self.rows[index];
        at(a.id.value.clone(), a.id.place.clone())
    }

    /// Gives the model these areas, the parent areas they name becoming groups.
    fn into_model(mut self, model: &mut Model) {
        let mut groups: Vec<(At<String>, At<String>)> = Vec::new();
        let mut taken: Vec<String> = self.rows.iter().map(|a| a.id.value.clone()).collect();
        for area in &mut self.rows {
            if let Some(parent) = area.parent.take() {
                let name = parent.value.trim().to_string();
                let id = match groups.iter().find(|(_, n)| n.value == name) {
                    Some((id, _)) => id.value.clone(),
                    None => {
                        let id = unique(slug(&name), &mut taken, "group");
                        groups.push((
                            at(id.clone(), parent.place.clone()),
                            at(name, parent.place.clone()),
                        ));
                        id
                    }
                };
                area.parent = Some(at(id, parent.place));
            }
        }
        model.groups = groups;
        model.areas = self.rows;
    }
}

// ---- writing format 2, remembering where each line came from ---------------------------------------

struct Out {
    text: String,
    /// Per line of `text`, the cell it came from.
    origins: Vec<Option<Place>>,
}

impl Out {
    fn line(&mut self, text: impl AsRef<str>, origin: Option<Place>) {
        for (i, line) in text.as_ref().split('\n').enumerate() {
            let _ = writeln!(self.text, "{line}");
            self.origins
                .push(if i == 0 { origin.clone() } else { None });
        }
    }

    fn string(&mut self, name: &str, value: &At<String>) {
        self.line(format!("{name} = {}", q(&value.value)), value.place.clone());
    }

    /// A whole number as written in a cell; a cell that is not one is written as a string,
    /// which the validator reports at that cell.
    fn number(&mut self, name: &str, value: &At<String>) {
        match whole(&value.value) {
            Some(n) => self.line(format!("{name} = {n}"), value.place.clone()),
            None => self.string(name, value),
        }
    }
}

/// The model as format-2 TOML, each line with the cell it came from.
fn write(model: &Model) -> Out {
    let mut out = Out {
        text: String::new(),
        origins: Vec::new(),
    };
    out.head(model);
    out.roles(model);
    out.profiles(model);
    out.areas(model);
    out.competencies(model);
    out
}

/// Profile `p`'s target for competency `c`, as the sheet gives it (none without a column).
fn target_of(p: &ProfileRow, c: &CompetencyRow) -> Option<At<String>> {
    p.column.and_then(|i| c.targets[i].clone())
}

impl Out {
    /// The framework's own keys and its scale.
    fn head(&mut self, model: &Model) {
        self.line(
            "# Written by rolefit framework import from a spreadsheet; check it with rolefit framework check.",
            None,
        );
        self.line("format = 2", None);
        if let Some(id) = &model.id {
            self.string("id", id);
        }
        match &model.version {
            Some(v) => self.number("version", v),
            None => self.line("version = 1", None),
        }
        if let Some(name) = &model.name {
            self.string("name", name);
        }
        if let Some(summary) = model.summary.as_ref().filter(|s| !s.value.is_empty()) {
            self.string("summary", summary);
        }
        self.line("\n[scale]", None);
        if let Some(na) = model.na.as_ref().filter(|s| !s.value.is_empty()) {
            self.string("na", na);
        }
        for level in &model.scale {
            self.line("\n[[scale.levels]]", level.value.place.clone());
            self.number("value", &level.value);
            self.string("label", &level.label);
            if let Some(d) = &level.descriptor {
                self.string("descriptor", d);
            }
            if let Some(h) = &level.hint {
                self.string("hint", h);
            }
        }
    }

    /// The roles, and the axis when the sheets give one.
    fn roles(&mut self, model: &Model) {
        for role in &model.roles {
            self.line(
                "\n[[roles]]",
                role.first().and_then(|(_, v)| v.place.clone()),
            );
            for (key, value) in role {
                if *key == "activities" {
                    let items: Vec<String> = value
                        .value
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(q)
                        .collect();
                    self.line(
                        format!("activities = [{}]", items.join(", ")),
                        value.place.clone(),
                    );
                } else {
                    self.string(key, value);
                }
            }
        }
        if let Some(axis) = &model.axis {
            self.line("\n[axis]", axis.place.clone());
            let roles: Vec<String> = axis.value.iter().map(|r| q(r)).collect();
            self.line(
                format!("roles = [{}]", roles.join(", ")),
                axis.place.clone(),
            );
        }
    }

    /// The profiles, each with its base and what it adjusts.
    fn profiles(&mut self, model: &Model) {
        let by_id: HashMap<&str, &ProfileRow> = model
            .profiles
            .iter()
            .map(|p| (p.id.value.as_str(), p))
            .collect();
        for profile in &model.profiles {
            self.line("\n[[profiles]]", profile.place.clone());
            self.string("id", &profile.id);
            for (key, value) in &profile.fields {
                if *key == "grade" {
                    self.number(key, value);
                } else {
                    self.string(key, value);
                }
            }
            let Some(base) = &profile.base else { continue };
            self.string("base", base);
            let Some(base_row) = by_id.get(base.value.trim()) else {
                continue;
            };
            self.adjust(model, profile, base, base_row);
        }
    }

    /// A profile's `[profiles.adjust]`: its targets that differ from its base's, as the
    /// sheet's two columns show them (none when it has no column of its own).
    fn adjust(
        &mut self,
        model: &Model,
        profile: &ProfileRow,
        base: &At<String>,
        base_row: &ProfileRow,
    ) {
        let mut adjust = Vec::new();
        for c in &model.competencies {
            let mine = target_of(profile, c);
            let theirs = target_of(base_row, c);
            let same = match (&mine, &theirs) {
                (None, None) => true,
                (Some(a), Some(b)) => whole(&a.value) == whole(&b.value),
                _ => false,
            };
            if !same {
                adjust.push((c, mine));
            }
        }
        if profile.column.is_none() {
            // No column of its own: the base's targets, unchanged.
            adjust.clear();
        }
        if !adjust.is_empty() {
            self.line("[profiles.adjust]", base.place.clone());
            for (c, mine) in adjust {
                match mine {
                    Some(t) => self.number(&key(&c.id.value), &t),
                    None => self.line(format!("{} = \"none\"", key(&c.id.value)), c.place.clone()),
                }
            }
        }
    }

    /// The groups, then the Areas sheet's areas (parents first, as format 2 groups them).
    fn areas(&mut self, model: &Model) {
        for (id, name) in &model.groups {
            self.line("\n[[areas]]", id.place.clone());
            self.string("id", id);
            self.string("name", name);
        }
        // Parent areas from an Areas sheet are written first, as format 2 groups them.
        let parents: Vec<&str> = model
            .areas
            .iter()
            .filter_map(|a| a.parent.as_ref().map(|p| p.value.trim()))
            .collect();
        let (groups, leaves): (Vec<&AreaRow>, Vec<&AreaRow>) = model
            .areas
            .iter()
            .partition(|a| parents.contains(&a.id.value.trim()));
        for area in groups.into_iter().chain(leaves) {
            self.line("\n[[areas]]", area.id.place.clone());
            self.string("id", &area.id);
            self.string("name", &area.name);
            if let Some(contrast) = &area.contrast {
                self.string("contrast", contrast);
            }
            if let Some(parent) = &area.parent {
                self.string("parent", parent);
            }
            for (role, [label, weight, meaning]) in &area.focus {
                if label.is_none() && weight.is_none() && meaning.is_none() {
                    continue;
                }
                self.line(format!("[areas.focus.{}]", key(role)), None);
                if let Some(label) = label {
                    self.string("label", label);
                }
                if let Some(weight) = weight {
                    self.string(
                        "weight",
                        &at(weight.value.trim().to_lowercase(), weight.place.clone()),
                    );
                }
                if let Some(meaning) = meaning {
                    self.string("meaning", meaning);
                }
            }
        }
    }

    /// The competencies, with their levels' meanings and the targets of profiles without a base.
    fn competencies(&mut self, model: &Model) {
        for c in &model.competencies {
            self.line("\n[[competencies]]", c.place.clone());
            self.string("id", &c.id);
            self.string("area", &c.area);
            self.string("name", &c.name);
            if let Some(d) = &c.description {
                self.string("description", d);
            }
            if let Some(refs) = c.refs.as_ref().filter(|r| !r.value.is_empty()) {
                let items: Vec<String> = refs.value.iter().map(|r| q(r)).collect();
                self.line(format!("refs = [{}]", items.join(", ")), refs.place.clone());
            }
            if let Some(valid) = c.valid.as_ref().filter(|v| !v.value.is_empty()) {
                self.line(
                    format!("valid = [{}]", valid.value.join(", ")),
                    valid.place.clone(),
                );
            }
            if !c.practice.is_empty() {
                self.line("[competencies.practice]", None);
                for (role, text) in &c.practice {
                    self.string(&key(role), text);
                }
            }
            if !c.levels.is_empty() {
                self.line("[competencies.levels]", None);
                for (value, text) in &c.levels {
                    self.string(&value.to_string(), text);
                }
            }
            self.line("[competencies.targets]", c.place.clone());
            for profile in &model.profiles {
                if profile.base.is_some() {
                    continue;
                }
                if let Some(target) = target_of(profile, c) {
                    self.number(&key(&profile.id.value), &target);
                }
            }
        }
    }
}
