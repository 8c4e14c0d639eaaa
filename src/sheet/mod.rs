//! Frameworks as spreadsheets: `rolefit framework import` reads a sheet laid out the way PMOs
//! keep their competency frameworks (one row per competency: area, id, name, description,
//! optional level texts, one column per profile's target) and writes it in format 2;
//! `rolefit framework export` writes a framework back in that layout, as CSV or XLSX.
//!
//! A workbook is read into plain [`Workbook`] cells first (CSV with the `csv` crate, XLSX and
//! ODS with `calamine`), so the import itself (`import`) and the layout (`layout`) know
//! nothing of file formats. Every cell keeps its sheet, row and column, so a problem is
//! reported where the user can find it.

pub mod export;
pub mod import;
mod layout;

use std::fmt;
use std::path::Path;

pub use import::{Imported, Mapping, import};

/// The cells of a spreadsheet file: its sheets, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    /// CSV files have one table; extra tables follow it as sections (`[Profiles]` …).
    pub csv: bool,
    pub sheets: Vec<Sheet>,
}

/// One sheet: its name and its rows of text cells. `rows[0]` is row `first_row` (1-based) of
/// the file; a cell's column is its index + 1.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub first_row: usize,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The text of a cell, "" past the end of its row.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", String::as_str)
    }
}

/// Where a value came from: a cell of a sheet, as the user's spreadsheet program numbers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// None for the first table of a CSV file (it has no name).
    pub sheet: Option<String>,
    /// 1-based.
    pub row: usize,
    /// 1-based; None for a whole row.
    pub column: Option<usize>,
    /// The column's header, when it has one.
    pub header: Option<String>,
    /// Whether the file is CSV (its extra tables are sections, not sheets).
    pub csv: bool,
}

/// A column number as spreadsheets letter it: 1 = A, 27 = AA.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(b'A' + rest as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sheet, self.csv) {
            (Some(sheet), true) => write!(f, "section [{sheet}], ")?,
            (Some(sheet), false) => write!(f, "sheet {sheet:?}, ")?,
            (None, _) => {}
        }
        write!(f, "row {}", self.row)?;
        if let Some(column) = self.column {
            write!(f, ", column {}", column_letters(column))?;
            if let Some(header) = self.header.as_deref().filter(|h| !h.trim().is_empty()) {
                write!(f, " ({header:?})")?;
            }
        }
        Ok(())
    }
}

/// Why a spreadsheet could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Csv(String),
    #[error("it is not a spreadsheet rolefit can read ({0}); save it as .xlsx, .ods or .csv")]
    Workbook(String),
    #[error("it has no sheets")]
    Empty,
}

/// The spreadsheet kinds rolefit reads, from a file's extension.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Csv,
    /// XLSX, XLSM, XLSB, XLS or ODS: read by calamine, which tells them apart by content.
    Workbook,
}

impl Kind {
    /// The kind of `path` by its extension; None for one rolefit does not read.
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Kind::Csv),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Kind::Workbook),
            _ => None,
        }
    }
}

/// Reads the cells of a spreadsheet file's bytes.
pub fn read(bytes: &[u8], kind: Kind) -> Result<Workbook, ReadError> {
    match kind {
        Kind::Csv => read_csv(bytes),
        Kind::Workbook => read_workbook(bytes),
    }
}

/// A CSV file: its first table, then each section a row `[Name]` starts.
fn read_csv(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut sheets = vec![Sheet {
        name: String::new(),
        first_row: 1,
        rows: Vec::new(),
    }];
    // A spreadsheet numbers records, not lines: a line break inside a quoted cell does not
    // start a row, but a blank line is an (empty) row.
    let mut breaks_inside = 0;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|err| {
            let row = err
                .position()
                .map_or(i + 1, |p| p.line() as usize - breaks_inside);
            ReadError::Csv(format!("row {row}: it is not valid CSV ({err})"))
        })?;
        let row: Vec<String> = record.iter().map(str::to_string).collect();
        // The line the record starts on, counted from its byte offset.
        let line = record.position().map_or(i + 1, |p| {
            // csv counts blank lines before a record as its start: skip them.
            let mut start = (p.byte() as usize).min(bytes.len());
            while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                start += 1;
            }
            1 + memchr::memchr_iter(b'\n', &bytes[..start]).count() - breaks_inside
        });
        breaks_inside += row.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        if let Some(name) = section_name(&row) {
            sheets.push(Sheet {
                name,
                first_row: line + 1,
                rows: Vec::new(),
            });
            continue;
        }
        let sheet = sheets.last_mut().expect("there is a first table");
        // Rows are kept at their number, blank ones included.
        while sheet.first_row + sheet.rows.len() < line {
            sheet.rows.push(Vec::new());
        }
        sheet.rows.push(row);
    }
    Ok(Workbook { csv: true, sheets })
}

/// `[Profiles]` alone in a row's first cell names a section of a CSV file.
fn section_name(row: &[String]) -> Option<String> {
    let first = row.first()?.trim();
    let name = first.strip_prefix('[')?.strip_suffix(']')?;
    let known = layout::SECTIONS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(name));
    (known && row[1..].iter().all(|c| c.trim().is_empty())).then(|| name.to_string())
}

fn read_workbook(bytes: &[u8]) -> Result<Workbook, ReadError> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|err| ReadError::Workbook(err.to_string()))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|err| ReadError::Workbook(format!("sheet {name:?}: {err}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| {
                let mut cells = vec![String::new(); left as usize];
                cells.extend(row.iter().map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    Data::Float(f) => f.to_string(),
                    Data::Bool(b) => b.to_string(),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    other => other.to_string(),
                }));
                cells
            })
            .collect();
        sheets.push(Sheet {
            name,
            first_row: top as usize + 1,
            rows,
        });
    }
    if sheets.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Workbook { csv: false, sheets })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(52), "AZ");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn csv_sections_become_sheets_and_rows_keep_their_line() {
        let text = "ID,Name\n\"A.1\",\"Two\nlines\"\n\n[Profiles]\nID,Name\npm,Project\n";
        // Rows: 1 header, 2 A.1 (over two lines), 3 blank, 4 [Profiles], 5 header, 6 pm.
        let book = read(text.as_bytes(), Kind::Csv).unwrap();
        assert_eq!(book.sheets.len(), 2);
        assert_eq!(book.sheets[0].rows[1], ["A.1", "Two\nlines"]);
        assert_eq!(book.sheets[1].name, "Profiles");
        assert_eq!(book.sheets[1].first_row, 5);
        assert_eq!(book.sheets[1].rows[1], ["pm", "Project"]);
        let place = Place {
            sheet: Some("Profiles".into()),
            row: 6,
            column: Some(2),
            header: Some("Name".into()),
            csv: true,
        };
        assert_eq!(
            place.to_string(),
            "section [Profiles], row 6, column B (\"Name\")"
        );
    }
}
