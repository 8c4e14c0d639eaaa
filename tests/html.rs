//! The HTML reports without a browser: the figures read back out of the page equal the JSON
//! export's and the verdict's sentences; hostile names and notes stay text; the page asks for
//! nothing outside itself; the command line writes both reports. `tests/html_browser.rs` checks
//! the same pages in Chromium.
//!
//! One file because its 11 tests share the page readers (figures, text, links) they check
//! with.

mod html_support;

use std::process::Command;

use html_support::{HOSTILE, HOSTILE_SHOWN};
use rolefit::domain::scoring::RatingSheet;
use rolefit::domain::summary::Summary;
use rolefit::domain::verdict;
use rolefit::domain::{Assessment, CompetencyId, Framework, PlanAction};
use rolefit::export::{self, Format};
use rolefit::storage::codec;
use serde_json::Value;

// ---- reading the page back ----------------------------------------------------------------

/// Text as the page shows it: tags dropped, the entities maud writes decoded.
fn text(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// One table row: its opening tag's attributes and the text of each cell.
#[derive(Debug)]
struct Row {
    attributes: String,
    cells: Vec<String>,
}

impl Row {
    /// The value of `data-NAME` on the row.
    fn data(&self, name: &str) -> Option<String> {
        let key = format!("data-{name}=\"");
        let start = self.attributes.find(&key)? + key.len();
        let end = self.attributes[start..].find('"')? + start;
        Some(text(&self.attributes[start..end]))
    }
}

/// The rows of the body of the table with id `id` (our pages hold no table in a table).
fn table(page: &str, id: &str) -> Vec<Row> {
    let open = format!("<table id=\"{id}\"");
    let start = page.find(&open).unwrap_or_else(|| panic!("no table {id}"));
    let end = start + page[start..].find("</table>").expect("a closed table");
    let body = &page[start..end];
    let body = &body[body.find("<tbody>").expect("a table body")..];
    body.split("<tr")
        .skip(1)
        .map(|chunk| {
            let chunk = &chunk[..chunk.find("</tr>").expect("a closed row")];
            let (attributes, mut rest) = chunk.split_at(chunk.find('>').expect("a tag"));
            let mut cells = Vec::new();
            while let Some(at) = rest.find("<t") {
                let after = &rest[at + 2..];
                if !(after.starts_with('d') || after.starts_with('h')) {
                    rest = after;
                    continue;
                }
                let close = if after.starts_with('d') {
                    "</td>"
                } else {
                    "</th>"
                };
                let content_start = after.find('>').expect("a tag") + 1;
                let content_end = after.find(close).expect("a closed cell");
                cells.push(text(&after[content_start..content_end]));
                rest = &after[content_end + close.len()..];
            }
            Row {
                attributes: attributes.to_string(),
                cells,
            }
        })
        .collect()
}

/// The text of the first element with id `id`.
fn by_id(page: &str, tag: &str, id: &str) -> String {
    let open = format!("<{tag} id=\"{id}\"");
    let start = page.find(&open).unwrap_or_else(|| panic!("no {tag} #{id}"));
    let close = format!("</{tag}>");
    let end = start + page[start..].find(&close).expect("closed");
    text(&page[start..end])
}

/// "62.5%" as the JSON export's number gives it.
fn percent(value: &Value) -> String {
    match value.as_f64() {
        Some(v) => format!("{v:.1}%"),
        None => "no basis yet".to_string(),
    }
}

fn decimal(value: &Value) -> String {
    value
        .as_f64()
        .map_or("—".to_string(), |v| format!("{v:.1}"))
}

fn reports(fw: &Framework, a: &Assessment) -> (String, Value) {
    let page = export::html(fw, a);
    let json: Value = serde_json::from_str(&export::json(fw, a)).expect("the JSON export parses");
    (page, json)
}

// ---- the same figures -----------------------------------------------------------------------

#[test]
fn readiness_areas_and_gaps_read_back_as_the_json_export_gives_them() {
    for fw in [rolefit::storage::framework::builtin(), html_support::sfia()] {
        let a = html_support::person(&fw, "Sam Rivera", None);
        let (page, json) = reports(&fw, &a);
        // Readiness per profile, with coverage.
        let rows = table(&page, "readiness-table");
        assert_eq!(rows.len(), fw.profiles.len());
        for row in &rows {
            let id = row.data("profile").expect("a profile id");
            let expected = json["readiness"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id.as_str())
                .expect("the profile in JSON");
            let cells = &row.cells[row.cells.len() - 4..];
            assert_eq!(cells[2], percent(&expected["percent"]), "{id}");
            let coverage = &expected["coverage"];
            let mut words = format!(
                "{} of {} required rated",
                coverage["rated"], coverage["required"]
            );
            if coverage["provisional"] == true {
                words.push_str(", provisional");
            }
            assert_eq!(cells[3], words, "{id}");
            assert_eq!(
                cells[0].ends_with(" (target)"),
                json["target_profile"] == id.as_str(),
                "{id}"
            );
        }
        // Without an axis the table is the ranking: best first.
        if !fw.axis {
            let shown: Vec<f64> = rows
                .iter()
                .map(|r| r.cells[3].trim_end_matches('%').parse().unwrap_or(-1.0))
                .collect();
            assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{shown:?}");
        }
        // Areas: level, both main targets and readiness for both main profiles.
        let [p0, p1] = fw.main_profiles.map(|p| fw.profiles[p].id.clone());
        let rows = table(&page, "areas-table");
        assert_eq!(rows.len(), fw.areas.len());
        for (row, area) in rows.iter().zip(json["areas"].as_array().unwrap()) {
            assert_eq!(row.data("area").as_deref(), area["id"].as_str());
            let area_index = fw.areas.iter().position(|a| a.id == area["id"]).unwrap();
            let count = fw.areas[area_index].competencies.len();
            assert_eq!(row.cells[1], format!("{} of {count}", area["rated"]));
            assert_eq!(row.cells[2], decimal(&area["level"]));
            for (i, p) in [&p0, &p1].into_iter().enumerate() {
                let required = fw.areas[area_index]
                    .competencies
                    .clone()
                    .any(|c| fw.requires(fw.main_profiles[i], c));
                let target = if required {
                    decimal(&area["targets"][p.as_str()])
                } else {
                    "—".to_string()
                };
                assert_eq!(row.cells[3 + i], target, "{} {p}", area["id"]);
                let ready = &area["readiness"][p.as_str()];
                let ready = if ready.is_null() {
                    "—".to_string()
                } else {
                    percent(ready)
                };
                assert_eq!(row.cells[5 + i], ready, "{} {p}", area["id"]);
            }
        }
        // Gaps: every competency below the target with its level, target, gap and band.
        let below: Vec<&Value> = json["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| matches!(c["band"].as_str(), Some("gap" | "top-up")))
            .collect();
        let rows = table(&page, "gaps-table");
        assert_eq!(rows.len(), below.len());
        for row in &rows {
            let id = row.data("competency").unwrap();
            let c = below.iter().find(|c| c["id"] == id.as_str()).unwrap();
            let target = &c["targets"][json["target_profile"].as_str().unwrap()];
            assert_eq!(
                row.cells[2..5],
                [
                    c["level"].to_string(),
                    target.to_string(),
                    c["gap"].to_string()
                ],
                "{id}"
            );
            assert!(
                row.cells[5].ends_with(c["band"].as_str().unwrap()),
                "{id}: {}",
                row.cells[5]
            );
        }
    }
}

#[test]
fn the_verdict_says_the_sentences_every_report_says() {
    let fw = rolefit::storage::framework::builtin();
    let a = html_support::person(&fw, "Sam Rivera", None);
    let page = export::html(&fw, &a);
    let sheet = RatingSheet::from_assessment(&fw, &a);
    let summary = Summary::compute_for(&fw, &sheet, a.position.chosen_target(&fw));
    let said = verdict::explain(&fw, &summary);
    let section = by_id(&page, "section", "verdict");
    assert!(summary.lean.outcome.has_shape(), "the fixture has a lean");
    assert!(section.contains(&format!("{} ({})", said.headline, said.based_on)));
    assert!(section.contains(&format!("Position: {}.", said.position.unwrap())));
    assert!(section.contains(&said.firmness.unwrap()));
    assert!(section.contains(&said.next_step));
    assert!(!said.reasons.is_empty());
    for reason in &said.reasons {
        assert!(section.contains(&reason.sentence(true)), "{reason:?}");
    }
    assert!(section.contains(&said.flavour.unwrap()));
    // The Markdown report says the same.
    let markdown = export::markdown(&fw, &a);
    assert!(markdown.contains(&format!("**{}**", said.headline)));
}

#[test]
fn the_trend_gives_each_rounds_readiness_and_verdict() {
    let fw = rolefit::storage::framework::builtin();
    let a = html_support::person(&fw, "Sam Rivera", None);
    let page = export::html(&fw, &a);
    let rows = table(&page, "trend-table");
    assert_eq!(rows.len(), a.history.len() + 1, "every round, then now");
    let chosen = a.position.chosen_target(&fw);
    let mut sheets: Vec<RatingSheet> = a
        .history
        .iter()
        .map(|round| RatingSheet::from_ratings(&fw, &round.ratings))
        .collect();
    sheets.push(RatingSheet::from_assessment(&fw, &a));
    for (row, sheet) in rows.iter().zip(&sheets) {
        let s = Summary::compute_for(&fw, sheet, chosen);
        assert_eq!(
            row.cells[2],
            verdict::headline(&fw, &s.lean, s.rated_on_scale)
        );
        for side in 0..2 {
            let value = s.readiness[fw.main_profiles[side]].percent.unwrap();
            assert_eq!(
                row.cells[3 + side],
                format!("{:.1}%", (value * 10.0).round() / 10.0)
            );
        }
    }
    assert_eq!(rows[0].cells[1], a.history[0].title());
    assert_eq!(rows.last().unwrap().cells[0], "Now");
    // The rounds rose, and the chart's caption says from where to where.
    let figure = by_id(&page, "section", "trend");
    assert!(figure.contains(&format!(
        "PM {} → {}",
        rows[0].cells[3],
        rows.last().unwrap().cells[3]
    )));
}

#[test]
fn reviewers_stand_beside_self_and_far_apart_ratings_are_flagged() {
    let fw = rolefit::storage::framework::builtin();
    let a = html_support::person(&fw, "Sam Rivera", None);
    let page = export::html(&fw, &a);
    let reviewers: Vec<&String> = a.reviews.keys().collect();
    let rows = table(&page, "reviews-table");
    assert!(!rows.is_empty());
    for row in &rows {
        let id = rolefit::domain::CompetencyId::from(row.data("competency").unwrap().as_str());
        let own = a.rating(&id).map(|r| r.to_string()).unwrap();
        assert_eq!(row.cells[1], own);
        let mut far = false;
        for (k, name) in reviewers.iter().enumerate() {
            let theirs = a.reviews[*name].rating(&id);
            assert_eq!(
                row.cells[2 + k],
                theirs.map_or("not rated".to_string(), |r| r.to_string())
            );
            far |= rolefit::review::differs_a_lot(a.rating(&id), theirs);
        }
        assert_eq!(
            row.cells[2 + reviewers.len()] == "⚑ talk about this",
            far,
            "{id}"
        );
    }
    for c in rolefit::review::calibrations(&fw, &a) {
        assert!(text(&page).contains(&c.sentence()), "{}", c.sentence());
    }
}

// ---- text stays text ------------------------------------------------------------------------

/// Checks that `page` shows [`HOSTILE`] only as text: escaped, no markup of its own, no raw
/// control character. `scripts` is how many script elements the page itself has.
fn assert_text_only(page: &str, scripts: usize) {
    assert_eq!(page.matches("<script").count(), scripts, "script elements");
    assert_eq!(
        page.matches("<svg").count(),
        page.matches("</svg>").count(),
        "every chart closes where it should"
    );
    assert!(!page.contains("<img"), "no image element");
    assert!(!page.contains("onerror=\""), "no handler attribute");
    assert!(page.contains(
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;/svg&gt;&lt;img src=x \
         onerror=&quot;window.__pwned=2&quot;&gt;\\x1b[31mEve\\x07\\u{9b}2J &amp; Co"
    ));
    assert!(text(page).contains(HOSTILE_SHOWN));
    assert!(
        !page
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "no raw control character"
    );
}

#[test]
fn a_hostile_name_note_action_and_reviewer_are_shown_as_text() {
    let fw = rolefit::storage::framework::builtin();
    let a = html_support::person(&fw, HOSTILE, Some(HOSTILE));
    let page = export::html(&fw, &a);
    assert_text_only(&page, 0);
    // In the title, the heading, a note, a plan action, a reviewer's name and their note.
    assert!(by_id(&page, "section", "notes").contains(HOSTILE_SHOWN));
    assert!(by_id(&page, "section", "plan").contains(HOSTILE_SHOWN));
    let reviews = by_id(&page, "section", "reviews");
    assert!(reviews.matches(HOSTILE_SHOWN).count() >= 2, "{reviews}");
    assert!(text(&page[..page.find("</title>").unwrap()]).contains(HOSTILE_SHOWN));
}

#[test]
fn a_hostile_framework_is_shown_as_text_in_the_charts_too() {
    // Area, profile and role names are drawn inside the SVG charts.
    let hostile = HOSTILE.replace('"', "'");
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let toml = rolefit::storage::framework::BUILTIN_TOML
        .replacen(
            "name = \"Delivery Planning\"",
            &format!("name = {}", quoted(&hostile)),
            1,
        )
        .replace(
            "short = \"PM\"",
            &format!("short = {}", quoted("</svg><b>")),
        );
    let fw = rolefit::storage::framework::from_toml(&toml).expect("still a valid framework");
    assert!(fw.areas.iter().any(|a| a.name == hostile));
    let a = html_support::person(&fw, "Sam", None);
    let page = export::html(&fw, &a);
    assert_eq!(page.matches("<svg").count(), page.matches("</svg>").count());
    assert!(!page.contains("<b>"));
    // In the legend, the chart's bars and the tables' headings.
    assert!(page.contains("&lt;/svg&gt;&lt;b&gt; target"));
    assert!(page.matches("&lt;/svg&gt;&lt;b&gt;").count() > fw.areas.len());
    assert!(page.contains("&lt;script&gt;window.__pwned=1"));
    assert!(!page.contains("<script") && !page.contains("<img"));
}

#[test]
fn a_hostile_name_in_a_team_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let fw = rolefit::storage::framework::builtin();
    let mut files = Vec::new();
    for (i, a) in html_support::team(&fw, 8, true).iter().enumerate() {
        let path = dir.path().join(format!("p{i}.toml"));
        std::fs::write(&path, codec::to_toml(a)).unwrap();
        files.push(path);
    }
    let team = rolefit::team::load(fw, &files);
    let pmo = team.framework.main_profiles[1];
    let page = rolefit::team::html::html(&team, pmo);
    // The page's own sorting script, and no other.
    assert_text_only(&page, 1);
    assert_eq!(
        page.matches("&lt;script&gt;window.__pwned=1").count(),
        2,
        "ranking and heatmap"
    );
}

// ---- self-contained -------------------------------------------------------------------------

#[test]
fn the_page_asks_for_nothing_outside_itself_and_is_the_same_every_time() {
    let fw = rolefit::storage::framework::builtin();
    let a = html_support::person(&fw, "Sam Rivera", None);
    let page = export::html(&fw, &a);
    assert_eq!(page, export::export(&fw, &a.clone(), Format::Html));
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    for outside in [
        "http:",
        "https:",
        "//",
        "<link",
        "@import",
        "@font-face",
        "<script",
        "<img",
        "<iframe",
        "src=",
    ] {
        let inside_policy_or_css = page.matches(outside).count();
        assert_eq!(inside_policy_or_css, 0, "{outside} in the page");
    }
    // Fills reference only the page's own patterns.
    for url in page.match_indices("url(").map(|(i, _)| &page[i..i + 5]) {
        assert_eq!(url, "url(#");
    }
    assert!(page.contains("default-src 'none'"));
    assert!(page.contains("@media (prefers-color-scheme: dark)"));
    assert!(page.contains("@media print"));
}

#[test]
fn every_chart_has_its_figures_in_words() {
    let fw = rolefit::storage::framework::builtin();
    let a = html_support::person(&fw, "Sam Rivera", None);
    let page = export::html(&fw, &a);
    // Every drawing is hidden from screen readers: its figures are in words beside it, in a
    // figure's caption or a table.
    let svgs: Vec<&str> = page
        .match_indices("<svg")
        .map(|(i, _)| &page[i..i + page[i..].find('>').unwrap()])
        .collect();
    assert!(svgs.len() > 10);
    for svg in &svgs {
        assert!(svg.contains("aria-hidden=\"true\""), "{svg}");
    }
    assert_eq!(
        page.matches("<figure").count(),
        page.matches("<figcaption>").count()
    );
    assert!(
        page.matches("<figure").count() >= 3,
        "spectrum, areas, trend"
    );
    // Each bar of the areas chart ends in its figure, as the table gives it.
    for row in table(&page, "areas-table") {
        if row.cells[2] != "—" {
            assert!(
                page.contains(&format!("You {}</text>", row.cells[2])),
                "{row:?}"
            );
        }
    }
}

// ---- the command line -----------------------------------------------------------------------

fn rolefit(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(args)
        .env("ROLEFIT_DATA_DIR", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("run rolefit")
}

#[test]
fn export_and_team_write_html_reports() {
    let home = tempfile::tempdir().unwrap();
    let fw = rolefit::storage::framework::builtin();
    export_writes_an_html_report(home.path(), &fw);

    let (team, first, planner) = a_team_with_a_planner(home.path(), &fw);
    team_writes_an_html_report(home.path(), &fw, &team, &first, &planner);
}

/// Checks `export --format html` prints the page `export::html` makes, and `-o` writes it.
fn export_writes_an_html_report(home: &std::path::Path, fw: &Framework) {
    let file = home.join("sam.toml");
    std::fs::write(
        &file,
        codec::to_toml(&html_support::person(fw, "Sam Rivera", None)),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let out = rolefit(home, &["export", "--file", file, "--format", "HTML"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        page,
        export::html(
            fw,
            &codec::parse(&std::fs::read_to_string(file).unwrap(), "sam").unwrap()
        )
    );
    let report = home.join("sam.html");
    let out = rolefit(
        home,
        &[
            "export",
            "--file",
            file,
            "--format",
            "html",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Wrote the html report to"));
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("<h1>Sam Rivera</h1>")
    );
}

/// A team folder of five, the first planning two actions; returns it, the competency, the name.
fn a_team_with_a_planner(
    home: &std::path::Path,
    fw: &Framework,
) -> (std::path::PathBuf, String, String) {
    let team = home.join("team");
    std::fs::create_dir(&team).unwrap();
    let mut people = html_support::team(fw, 5, false);
    // The first person plans two actions on the first competency, one of them long overdue.
    let first = fw.competencies[0].id.to_string();
    let planner = people[0].name.clone();
    let mut overdue = PlanAction::new(1, "Shadow a gate review");
    overdue.due = Some(rolefit::domain::time::Date {
        year: 2020,
        month: 1,
        day: 31,
    });
    let item = people[0]
        .plan
        .entry(CompetencyId(first.clone()))
        .or_default();
    item.actions.push(overdue);
    item.actions.push(PlanAction::new(2, "Read the method"));
    for (i, a) in people.iter().enumerate() {
        std::fs::write(team.join(format!("p{i}.toml")), codec::to_toml(a)).unwrap();
    }
    (team, first, planner)
}

/// Checks `team --format html` writes the ranking, heat map and bench, with the plan figures.
fn team_writes_an_html_report(
    home: &std::path::Path,
    fw: &Framework,
    team: &std::path::Path,
    first: &str,
    planner: &str,
) {
    let out = rolefit(
        home,
        &[
            "team",
            team.to_str().unwrap(),
            "--format",
            "html",
            "--profile",
            "pm",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("<h1>Team: 5 people against the Project Manager profile</h1>"));
    assert_eq!(table(&page, "ranking-table").len(), 5);
    assert_eq!(
        table(&page, "heat-table").len(),
        5 + 2,
        "target, average, people"
    );
    assert_eq!(table(&page, "bench-table").len(), fw.competencies.len());
    // The plan figures, in words: the ranking's last three columns, the bench's last.
    let ranking = table(&page, "ranking-table");
    for row in &ranking {
        let plan = &row.cells[row.cells.len() - 3..];
        if row.cells[1] == planner {
            assert_eq!(plan, ["2", "1", "0"], "open, overdue, done: {row:?}");
        } else {
            assert_eq!(plan, ["0", "0", "0"], "{row:?}");
        }
    }
    let heading = by_id(&page, "section", "ranking");
    assert!(
        heading.contains("Plan open") && heading.contains("Overdue"),
        "{heading}"
    );
    let bench = table(&page, "bench-table");
    let planning = |id: &str| {
        let row = bench
            .iter()
            .find(|r| r.cells[0].starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id}'s bench row"));
        row.cells.last().unwrap().clone()
    };
    assert_eq!(planning(first), "1", "one person plans to close {first}");
    assert_eq!(planning(&fw.competencies[1].id.to_string()), "0");
    assert!(by_id(&page, "section", "bench").contains("Planning"));
}

#[test]
fn nothing_rated_and_too_early_say_so_without_a_position() {
    let fw = rolefit::storage::framework::builtin();
    let empty = Assessment::new("New", &fw, rolefit::clock::utc_from_epoch(0));
    let page = export::html(&fw, &empty);
    let section = by_id(&page, "section", "verdict");
    assert!(section.contains(verdict::NO_RATINGS), "{section}");
    assert!(!section.contains("Position:") && !page.contains("class=\"spectrum\""));
    assert!(by_id(&page, "section", "gaps").contains("Nothing is rated on the scale yet."));
    assert!(!page.contains("id=\"trend\"") && !page.contains("id=\"reviews\""));
    // Three ratings: too early, with how many more to rate, and still no position.
    let mut few = empty.clone();
    for id in ["DP1", "GV3", "CD1"] {
        few.set_rating(
            &id.into(),
            Some(rolefit::domain::Rating::Level(
                rolefit::domain::Level::new(3).unwrap(),
            )),
        );
    }
    let page = export::html(&fw, &few);
    let section = by_id(&page, "section", "verdict");
    assert!(section.contains("Too early to tell: rate"), "{section}");
    assert!(!section.contains("Position:") && !section.contains("Most telling"));
}
