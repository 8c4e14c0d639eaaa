//! Frameworks to and from spreadsheets: `rolefit framework import` reads a sheet laid out as
//! PMOs keep them, `rolefit framework export` writes one back, and export then import gives
//! the same framework for the built-in one and every example, in CSV and in XLSX.

mod cmd_support;

use std::path::{Path, PathBuf};

use cmd_support::{rolefit, run, stderr, stdout};
use rolefit::domain::Framework;
use rolefit::sheet::{self, Kind, Mapping, export};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn frameworks() -> Vec<(String, Framework)> {
    let mut out = vec![(
        "built-in".to_string(),
        rolefit::storage::framework::builtin(),
    )];
    for name in ["sfia9-change", "ecf4-ict", "engineering-ladders"] {
        let text =
            std::fs::read_to_string(root().join(format!("assets/frameworks/examples/{name}.toml")))
                .unwrap();
        out.push((
            name.to_string(),
            rolefit::storage::framework::from_toml(&text).unwrap(),
        ));
    }
    out
}

fn pmo_sheet() -> PathBuf {
    root().join("tests/fixtures/sheets/pmo-sheet.csv")
}

fn import_bytes(
    bytes: &[u8],
    kind: Kind,
    mapping: &Mapping,
) -> Result<sheet::Imported, Vec<sheet::import::Issue>> {
    let book = sheet::read(bytes, kind).unwrap();
    sheet::import(&book, mapping, "test")
}

#[test]
fn export_then_import_is_the_identity_in_csv_and_xlsx() {
    for (name, fw) in frameworks() {
        let csv = export::csv(&fw);
        let back = import_bytes(csv.as_bytes(), Kind::Csv, &Mapping::default())
            .unwrap_or_else(|e| panic!("{name}: {e:#?}"));
        assert_eq!(back.framework, fw, "{name} through CSV");
        assert!(back.not_placed.is_empty(), "{name}: {:#?}", back.not_placed);
        let xlsx = export::xlsx(&fw).unwrap();
        let back = import_bytes(&xlsx, Kind::Workbook, &Mapping::default())
            .unwrap_or_else(|e| panic!("{name}: {e:#?}"));
        assert_eq!(back.framework, fw, "{name} through XLSX");
        assert!(back.not_placed.is_empty(), "{name}: {:#?}", back.not_placed);
        // The same scores: the targets are the same, resolved along chains of bases.
        for p in 0..fw.profiles.len() {
            for c in 0..fw.competencies.len() {
                assert_eq!(back.framework.target(p, c), fw.target(p, c));
            }
        }
    }
}

#[test]
fn the_export_is_the_layout_pmos_keep() {
    let fw = frameworks().remove(3).1; // the engineering ladders
    let csv = export::csv(&fw);
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("Area ID,Area,ID,Name,Description,Valid levels,Level 1,Level 2,Level 3,Level 4,Level 5,Developer 1,Developer 2"),
        "{header}"
    );
    // One row per competency, with each profile's resolved target.
    let tech = csv.lines().nth(1).unwrap();
    assert!(tech.starts_with("CRAFT,Craft,TECH,Technology,"), "{tech}");
    // The other tables follow as sections.
    for section in ["[Profiles]", "[Areas]", "[Scale]", "[Roles]", "[About]"] {
        assert!(csv.contains(&format!("\r\n{section}\r\n")), "{section}");
    }
    assert!(
        csv.contains("\r\nD2,Developer 2,D2,developer,2,D1,,\r\n"),
        "{csv}"
    );
}

#[test]
fn a_pmo_sheet_without_other_tables_imports_with_its_own_words() {
    let bytes = std::fs::read(pmo_sheet()).unwrap();
    let imported = import_bytes(&bytes, Kind::Csv, &Mapping::default()).unwrap();
    let fw = &imported.framework;
    assert_eq!(fw.id, "test");
    assert_eq!(fw.competencies.len(), 5);
    assert_eq!(
        fw.areas.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["Planning", "Governance", "Reporting"]
    );
    let ids: Vec<&str> = fw.profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["project-manager", "pmo-manager"]);
    // The scale comes from the Level columns; each competency keeps its own level texts.
    assert_eq!(
        fw.scale.values().map(|l| l.value()).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    let gv1 = fw.competency_index(&"GV1".into()).unwrap();
    assert_eq!(
        fw.competencies[gv1].anchor(rolefit::domain::Level::new(4).unwrap()),
        Some("Designs the rules")
    );
    assert_eq!(fw.target(1, gv1).value(), 5);
    // No roles: a ranking, no lean.
    assert!(!fw.axis);
    // The notes column is text, not levels: not placed, and said where.
    assert_eq!(imported.not_placed.len(), 1, "{:#?}", imported.not_placed);
    assert_eq!(
        imported.not_placed[0].place.as_ref().unwrap().to_string(),
        "row 1, column L (\"Notes\")"
    );
}

#[test]
fn a_mapping_names_headers_that_differ() {
    let text = "Skill group,Skill ref,What,Lead,Member,Comment\nBuild,B1,Building,4,2,x\nBuild,B2,Testing,3,,\n";
    // Without a mapping, "Skill ref" and "What" are nobody's: no id or name column.
    let err = import_bytes(text.as_bytes(), Kind::Csv, &Mapping::default()).unwrap_err();
    assert!(
        err[0]
            .message
            .contains("no column holds the competencies' ids or names"),
        "{err:#?}"
    );
    let mapping: Mapping = toml::from_str(
        "id = \"team.skills\"\nname = \"Team skills\"\nscale = [1, 5]\n[columns]\narea = \"Skill group\"\nid = \"Skill ref\"\nname = \"What\"\n[profiles]\nLead = \"lead\"\nMember = \"\"\n",
    )
    .unwrap();
    let imported = import_bytes(text.as_bytes(), Kind::Csv, &mapping).unwrap();
    let fw = &imported.framework;
    assert_eq!(
        (fw.id.as_str(), fw.name.as_str()),
        ("team.skills", "Team skills")
    );
    assert_eq!(
        fw.profiles
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["lead", "member"]
    );
    assert!(!fw.requires(1, 1), "an empty cell is not required");
    assert_eq!(fw.competencies[0].name, "Building");
    // "Comment" is not named by the mapping: not placed.
    assert_eq!(imported.not_placed.len(), 1);
}

#[test]
fn problems_name_the_sheet_row_and_column() {
    // A target that is not a level, in a workbook.
    let fw = frameworks().remove(3).1;
    let csv = export::csv(&fw);
    let broken = csv.replacen(",1,2,2,3,4,5,5,3,", ",1,high,2,3,4,5,5,3,", 1);
    assert_ne!(broken, csv, "the row was found");
    let err = import_bytes(broken.as_bytes(), Kind::Csv, &Mapping::default()).unwrap_err();
    assert_eq!(err.len(), 1, "{err:#?}");
    let said = err[0].to_string();
    assert!(
        said.starts_with("row 3, column M (\"Developer 2\"): \"high\" is not a level"),
        "{said}"
    );
    // A level off the scale, found by the framework's own check, is put back at its cell.
    let off = csv.replacen(",1,2,2,3,4,5,5,3,", ",1,9,2,3,4,5,5,3,", 1);
    let err = import_bytes(off.as_bytes(), Kind::Csv, &Mapping::default()).unwrap_err();
    let said = err.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert!(
        said.iter()
            .any(|s| s.starts_with("row 3, column M (\"Developer 2\"):")
                && s.contains("9 is not on the scale")),
        "{said:#?}"
    );
    // Two competencies with one id: the second row is named.
    let twice = csv.replacen("CRAFT,Craft,SYS,System,", "CRAFT,Craft,TECH,System,", 1);
    let err = import_bytes(twice.as_bytes(), Kind::Csv, &Mapping::default()).unwrap_err();
    assert!(
        err[0]
            .to_string()
            .starts_with("row 3, column C (\"ID\"): duplicate competency id"),
        "{err:#?}"
    );
    // In a workbook, the sheet is named too.
    let mut book = export::workbook(&fw);
    book.sheets[1].rows[2][4] = "seven".into(); // Profiles: D2's grade
    let xlsx = rebuild_xlsx(&book);
    let err = import_bytes(&xlsx, Kind::Workbook, &Mapping::default()).unwrap_err();
    assert!(
        err[0]
            .to_string()
            .starts_with("sheet \"Profiles\", row 3, column E (\"Grade\"):"),
        "{err:#?}"
    );
}

/// A workbook with the given cells, written through CSV-free means: each sheet as text cells.
fn rebuild_xlsx(book: &sheet::Workbook) -> Vec<u8> {
    let mut xlsx = rust_xlsxwriter::Workbook::new();
    for s in &book.sheets {
        let ws = xlsx.add_worksheet();
        ws.set_name(&s.name).unwrap();
        for (r, row) in s.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    ws.write_string(r as u32, c as u16, text).unwrap();
                }
            }
        }
    }
    xlsx.save_to_buffer().unwrap()
}

#[test]
fn framework_import_and_export_on_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Import: the TOML on stdout by default, and a clean check.
    let toml = imports_to_stdout_and_to_a_file(h);
    // Export: CSV to stdout, XLSX to a file; the XLSX imports back to the same framework.
    exports_csv_and_an_xlsx_that_imports_back(h, &toml);
    // A sheet with a problem: one line per problem, naming file, sheet, row and column; exit 1.
    a_bad_sheet_names_file_row_and_column(h);
    // Flags map headers.
    flags_map_headers(h);
}

/// Checks the PMO sheet imports to stdout and to a file, not replaced without `--force`.
fn imports_to_stdout_and_to_a_file(h: &Path) -> PathBuf {
    let out = run(rolefit(h).args(["framework", "import"]).arg(pmo_sheet()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("format = 2\n"));
    assert!(stderr(&out).contains("not placed: "), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pmo-sheet.csv: row 1, column L (\"Notes\")"),
        "{}",
        stderr(&out)
    );
    let toml = h.join("pmo.toml");
    let out = run(rolefit(h)
        .args(["framework", "import"])
        .arg(pmo_sheet())
        .arg("-o")
        .arg(&toml));
    assert!(out.status.success(), "{}", stderr(&out));
    let check = run(rolefit(h).args(["framework", "check"]).arg(&toml));
    assert!(check.status.success(), "{}", stderr(&check));
    // An existing file is not replaced without --force.
    let out = run(rolefit(h)
        .args(["framework", "import"])
        .arg(pmo_sheet())
        .arg("-o")
        .arg(&toml));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists; give --force"),
        "{}",
        stderr(&out)
    );
    toml
}

/// Checks `toml` exports as CSV and as an XLSX that imports back to the same framework.
fn exports_csv_and_an_xlsx_that_imports_back(h: &Path, toml: &Path) {
    let out = run(rolefit(h)
        .args(["framework", "export", "--format", "csv"])
        .arg(toml));
    assert!(
        stdout(&out).starts_with("Area ID,Area,ID,Name,"),
        "{}",
        stdout(&out)
    );
    let xlsx = h.join("pmo.xlsx");
    let out = run(rolefit(h)
        .args(["framework", "export", "--format", "xlsx"])
        .arg(toml)
        .arg("-o")
        .arg(&xlsx));
    assert!(out.status.success(), "{}", stderr(&out));
    let again = h.join("again.toml");
    let out = run(rolefit(h)
        .args(["framework", "import"])
        .arg(&xlsx)
        .arg("-o")
        .arg(&again));
    assert!(out.status.success(), "{}", stderr(&out));
    let a =
        rolefit::storage::framework::from_toml(&std::fs::read_to_string(toml).unwrap()).unwrap();
    let b =
        rolefit::storage::framework::from_toml(&std::fs::read_to_string(&again).unwrap()).unwrap();
    assert_eq!(a, b);
}

/// Checks a bad level is refused in one line naming file, row and column; nothing written.
fn a_bad_sheet_names_file_row_and_column(h: &Path) {
    let bad = h.join("bad.csv");
    std::fs::write(
        &bad,
        std::fs::read_to_string(pmo_sheet())
            .unwrap()
            .replace(",2,5,", ",2,lots,"),
    )
    .unwrap();
    let out = run(rolefit(h)
        .args(["framework", "import"])
        .arg(&bad)
        .arg("-o")
        .arg(h.join("bad.toml")));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad.csv: row 4, column K (\"PMO Manager\"): \"lots\" is not a level"),
        "{err}"
    );
    assert!(!h.join("bad.toml").exists());
}

/// Checks `--column`, `--profile` and `--id` map a sheet with other headers.
fn flags_map_headers(h: &Path) {
    let odd = h.join("odd.csv");
    std::fs::write(&odd, "Group,Key,Skill title,Senior\nOps,O1,Running,3\n").unwrap();
    let out = run(rolefit(h).args(["framework", "import"]).arg(&odd).args([
        "--column",
        "id=Key",
        "--column",
        "name=Skill title",
        "--column",
        "area=Group",
        "--profile",
        "Senior=senior",
        "--id",
        "ops.ladder",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("id = \"ops.ladder\""),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("[competencies.targets]\nsenior = 3"),
        "{}",
        stdout(&out)
    );
}

/// An ODS workbook (the same sheet, saved by LibreOffice) imports as the CSV does.
#[test]
fn an_ods_workbook_imports_like_the_csv() {
    let ods = std::fs::read(root().join("tests/fixtures/sheets/pmo-sheet.ods")).unwrap();
    let csv = std::fs::read(pmo_sheet()).unwrap();
    let from_ods = import_bytes(&ods, Kind::Workbook, &Mapping::default()).unwrap();
    let from_csv = import_bytes(&csv, Kind::Csv, &Mapping::default()).unwrap();
    assert_eq!(from_ods.framework, from_csv.framework);
    assert_eq!(
        from_ods.not_placed[0].to_string(),
        "sheet \"Competencies\", row 1, column L (\"Notes\"): a column of text rolefit does not use; name it in a mapping (--column or --profile) if it matters"
    );
}
