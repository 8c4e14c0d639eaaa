//! The competency sheet: its header row sorted into fields and profiles' target columns, the
//! profiles those columns add, one competency per row, and the areas and groups the rows name
//! when there is no Areas sheet.
//!
//! One file because its columns, rows and areas are read in one pass over the sheet and share
//! its map of columns.

use std::collections::HashMap;

use super::layout::{self, Field};
use super::{
    AreaRow, At, CompetencyRow, Issue, Mapping, Model, ProfileRow, Reader, at, level_list,
    not_required, place_in, short_of, slug, unique, whole,
};
use crate::sheet::Sheet;

impl<'a> Reader<'a> {
    /// The sheet of competencies: the one the mapping names, else "Competencies", else the
    /// first that is none of the other sections.
    pub(super) fn competency_sheet(&self, mapping: &Mapping) -> Option<&'a Sheet> {
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
    pub(super) fn competencies(&mut self, model: &mut Model, mapping: &Mapping) {
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
}

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
