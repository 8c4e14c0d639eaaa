//! Writes the spreadsheet shown in the README's "Bring your own framework"
//! (`screenshots/framework-sheet.png`): `tests/fixtures/sheets/pmo-sheet.csv`, the layout
//! `rolefit framework import` reads, as an XLSX workbook with readable column widths, set to
//! print on one landscape page.
//!
//! The picture is that workbook as LibreOffice prints it, turned into a PNG:
//!
//! ```text
//! cargo run --example framework_sheet -- /tmp/framework-sheet.xlsx
//! soffice --headless --convert-to pdf --outdir /tmp /tmp/framework-sheet.xlsx
//! pdftoppm -png -r 110 -singlefile -x 14 -y 14 -W 1176 -H 268 /tmp/framework-sheet.pdf \
//!     screenshots/framework-sheet
//! ```

use rust_xlsxwriter::{Format, FormatBorder, Workbook};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "framework-sheet.xlsx".into());
    let csv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sheets/pmo-sheet.csv"
    ))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_slice());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
        .collect::<Result<_, _>>()?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Competencies")?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDE4EE")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let widths = [
        11.0, 6.0, 15.0, 30.0, 13.0, 13.0, 13.0, 13.0, 14.0, 10.0, 10.0, 14.0,
    ];
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        // Room for the wrapped texts: a spreadsheet program does not grow rows it is given.
        sheet.set_row_height(r as u32, if r == 0 { 30.0 } else { 44.0 })?;
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            if r == 0 {
                sheet.write_string_with_format(r32, c16, cell, &header)?;
            } else if let Ok(n) = cell.parse::<f64>() {
                sheet.write_number_with_format(r32, c16, n, &number)?;
            } else {
                sheet.write_string_with_format(r32, c16, cell, &text)?;
            }
        }
    }
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    // Row numbers and column letters, as import names places by them.
    sheet.set_print_headings(true);
    sheet.set_margins(0.2, 0.2, 0.2, 0.2, 0.0, 0.0);
    book.save(&out)?;
    println!("wrote {out}");
    Ok(())
}
