//! A framework as a spreadsheet: the competency sheet PMOs keep (one row per competency, one
//! column per profile's target), then the sheets that carry the rest of the framework
//! (profiles, areas, scale, roles, about), so that `framework import` gives the same
//! framework back.

use super::layout::{self, Field};
use super::{Sheet, Workbook};
use crate::domain::Framework;

/// The spreadsheet formats export writes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    /// One CSV file: the competencies, then each other table after a row `[Name]`.
    Csv,
    /// An Excel workbook with one sheet per table.
    Xlsx,
}

impl std::fmt::Display for SheetFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SheetFormat::Csv => "CSV",
            SheetFormat::Xlsx => "XLSX",
        })
    }
}

fn level_text(level: crate::domain::Level) -> String {
    if level.is_none() {
        String::new()
    } else {
        level.value().to_string()
    }
}

/// The header of profile `p`'s target column: its name when that names it alone (and is no
/// other column's header), else its id.
pub fn target_header(fw: &Framework, p: usize) -> String {
    let name = &fw.profiles[p].name;
    let unique = fw.profiles.iter().filter(|q| &q.name == name).count() == 1;
    let clashes = layout::field_of(name).is_some()
        || fw
            .profiles
            .iter()
            .enumerate()
            .any(|(q, other)| q != p && other.id == *name);
    if unique && !clashes && !name.trim().is_empty() && name.trim() == name {
        name.clone()
    } else {
        fw.profiles[p].id.clone()
    }
}

/// The framework as cells.
pub fn workbook(fw: &Framework) -> Workbook {
    let mut sheets = vec![Sheet {
        name: layout::COMPETENCIES.to_string(),
        first_row: 1,
        rows: competency_rows(fw),
    }];
    sheets.push(sheet("Profiles", profile_rows(fw)));
    sheets.push(sheet("Areas", area_rows(fw)));
    sheets.push(sheet("Scale", scale_rows(fw)));
    if !fw.roles.is_empty() {
        sheets.push(sheet("Roles", role_rows(fw)));
    }
    sheets.push(sheet("About", about_rows(fw)));
    Workbook { csv: false, sheets }
}

/// The competency sheet: the fields the framework uses, then one target column per profile.
fn competency_rows(fw: &Framework) -> Vec<Vec<String>> {
    let anchored: Vec<u8> = fw
        .scale
        .levels
        .iter()
        .map(|l| l.value)
        .filter(|&l| fw.competencies.iter().any(|c| c.anchor(l).is_some()))
        .map(|l| l.value())
        .collect();
    let practised: Vec<usize> = (0..fw.roles.len())
        .filter(|&r| fw.competencies.iter().any(|c| !c.practice[r].is_empty()))
        .collect();
    let mut fields = vec![
        Field::AreaId,
        Field::Area,
        Field::Id,
        Field::Name,
        Field::Description,
        Field::Valid,
    ];
    fields.extend(anchored.iter().map(|&v| Field::Level(v)));
    if fw.competencies.iter().any(|c| !c.refs.is_empty()) {
        fields.push(Field::References);
    }
    fields.extend(
        practised
            .iter()
            .map(|&r| Field::Practice(fw.roles[r].id.clone())),
    );
    let mut header: Vec<String> = fields.iter().map(Field::header).collect();
    header.extend((0..fw.profiles.len()).map(|p| target_header(fw, p)));
    let mut rows = vec![header];
    for competency in &fw.competencies {
        let area = &fw.areas[competency.area];
        let mut row: Vec<String> = fields
            .iter()
            .map(|field| match field {
                Field::AreaId => area.id.clone(),
                Field::Area => area.name.clone(),
                Field::Parent => String::new(),
                Field::Id => competency.id.to_string(),
                Field::Name => competency.name.clone(),
                Field::Description => competency.description.clone(),
                Field::Valid => competency
                    .valid
                    .iter()
                    .map(|l| l.value().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                Field::References => competency.refs.join("\n"),
                Field::Level(v) => crate::domain::Level::new(*v)
                    .and_then(|l| competency.anchor(l))
                    .unwrap_or("")
                    .to_string(),
                Field::Practice(role) => fw
                    .roles
                    .iter()
                    .position(|r| &r.id == role)
                    .map_or(String::new(), |r| competency.practice[r].clone()),
            })
            .collect();
        row.extend(competency.targets.iter().map(|&t| level_text(t)));
        rows.push(row);
    }
    rows
}

/// The Profiles sheet.
fn profile_rows(fw: &Framework) -> Vec<Vec<String>> {
    let mut rows = vec![row_of(&layout::PROFILE_COLUMNS)];
    for profile in &fw.profiles {
        rows.push(vec![
            profile.id.clone(),
            profile.name.clone(),
            profile.short.clone(),
            profile
                .role
                .map_or(String::new(), |r| fw.roles[r].id.clone()),
            profile.grade.map_or(String::new(), |g| g.to_string()),
            profile
                .base
                .map_or(String::new(), |b| fw.profiles[b].id.clone()),
            profile.description.clone(),
            profile.reference.clone().unwrap_or_default(),
        ]);
    }
    rows
}

/// The Areas sheet: parent areas first, as format 2 writes them.
fn area_rows(fw: &Framework) -> Vec<Vec<String>> {
    let mut header = row_of(&layout::AREA_COLUMNS);
    for role in &fw.roles {
        header.push(format!("Focus label ({})", role.id));
        header.push(format!("Focus weight ({})", role.id));
        header.push(format!("Focus meaning ({})", role.id));
    }
    let mut rows = vec![header];
    for group in &fw.groups {
        let mut row = vec![
            group.id.clone(),
            group.name.clone(),
            String::new(),
            String::new(),
        ];
        row.extend(std::iter::repeat_n(String::new(), 3 * fw.roles.len()));
        rows.push(row);
    }
    for area in &fw.areas {
        let mut row = vec![
            area.id.clone(),
            area.name.clone(),
            area.parent
                .map_or(String::new(), |g| fw.groups[g].id.clone()),
            area.contrast.clone(),
        ];
        for focus in &area.focus {
            row.push(focus.label.clone());
            row.push(format!("{:?}", focus.weight).to_lowercase());
            row.push(focus.meaning.clone());
        }
        rows.push(row);
    }
    rows
}

/// The Scale sheet.
fn scale_rows(fw: &Framework) -> Vec<Vec<String>> {
    let mut rows = vec![row_of(&layout::SCALE_COLUMNS)];
    for level in &fw.scale.levels {
        rows.push(vec![
            level.value.value().to_string(),
            level.label.clone(),
            level.descriptor.clone(),
            level.hint.clone().unwrap_or_default(),
        ]);
    }
    rows
}

/// The Roles sheet (for a framework with roles).
fn role_rows(fw: &Framework) -> Vec<Vec<String>> {
    let mut rows = vec![row_of(&layout::ROLE_COLUMNS)];
    for role in &fw.roles {
        rows.push(vec![
            role.id.clone(),
            role.name.clone(),
            role.short.clone(),
            role.essence.clone(),
            role.description.clone(),
            role.activities.join("\n"),
            role.horizon.clone(),
            role.scope.clone(),
            role.in_practice.clone(),
        ]);
    }
    rows
}

/// The About sheet: the framework's own keys, and its axis as the roles it runs between.
fn about_rows(fw: &Framework) -> Vec<Vec<String>> {
    let axis = if fw.axis {
        fw.main_profiles
            .map(|p| {
                fw.profiles[p]
                    .role
                    .map_or(String::new(), |r| fw.roles[r].id.clone())
            })
            .join(", ")
    } else {
        String::new()
    };
    let mut rows = vec![row_of(&["Key", "Value"])];
    for (key, value) in [
        ("id", fw.id.clone()),
        ("version", fw.version.to_string()),
        ("name", fw.name.clone()),
        ("summary", fw.summary.clone()),
        ("na", fw.scale.na.clone()),
        ("axis", axis),
    ] {
        rows.push(vec![key.to_string(), value]);
    }
    rows
}

fn row_of(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn sheet(name: &str, rows: Vec<Vec<String>>) -> Sheet {
    Sheet {
        name: name.to_string(),
        first_row: 1,
        rows,
    }
}

/// The framework as one CSV file (RFC 4180, CRLF): the competencies, then each other table
/// after an empty row and a row `[Name]`.
pub fn csv(fw: &Framework) -> String {
    let book = workbook(fw);
    let mut out = String::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
            crate::export::escape::csv_record(&mut out, &[format!("[{}]", sheet.name)]);
        }
        for row in &sheet.rows {
            crate::export::escape::csv_record(&mut out, row);
        }
    }
    out
}

/// The framework as an XLSX workbook: one sheet per table, a bold header row, whole numbers
/// as numbers.
pub fn xlsx(fw: &Framework) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook as Xlsx};
    let book = workbook(fw);
    let mut xlsx = Xlsx::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for sheet in &book.sheets {
        let ws = xlsx.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r32, c16) = (r as u32, c as u16);
                if text.is_empty() {
                    continue;
                }
                match text.parse::<i64>() {
                    Ok(n) if n.to_string() == *text && r > 0 => {
                        ws.write_number(r32, c16, n as f64)?;
                    }
                    _ if r == 0 => {
                        ws.write_string_with_format(r32, c16, text, &bold)?;
                    }
                    _ if text.contains('\n') => {
                        ws.write_string_with_format(r32, c16, text, &wrap)?;
                    }
                    _ => {
                        ws.write_string(r32, c16, text)?;
                    }
                }
            }
        }
        // Readable widths: the longest line of each column, within limits.
        let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        for c in 0..columns {
            let widest = sheet
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .flat_map(|text| text.lines())
                .map(|line| line.chars().count())
                .max()
                .unwrap_or(8);
            ws.set_column_width(c as u16, (widest.clamp(6, 60) + 2) as f64)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    xlsx.save_to_buffer()
}
