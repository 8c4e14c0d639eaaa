//! Exports of an assessment: a Markdown report, JSON and CSV (PRODUCT.md §5–§7).
//!
//! Every export is a pure function of a [`Framework`] and an [`Assessment`]: no terminal, no
//! files, no clock. The same inputs always give byte-identical output, so exports can be
//! compared with golden files and diffed between assessment rounds. Every figure comes from
//! [`crate::domain::scoring`], so an export shows the same numbers as the Results screen.
//!
//! Gaps are measured against the *target profile*: the profile named by the assessment's
//! `position.target` when the framework has it, otherwise the framework's second main profile
//! (PMO Manager in the built-in framework). See [`target_profile`].
//!
//! The formats are described field by field in `docs/export-formats.md`; the JSON shape is
//! also given as a JSON Schema in `docs/export.schema.json`.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::domain::scoring::{self, Band, GapRow, RatingSheet, Verdict};
use crate::domain::summary::Summary;
use crate::domain::{Assessment, CompetencyId, Framework, PlanItem, Rating};

/// Version of the JSON shape, written as `export_version`. It changes only when a field is
/// removed or changes meaning.
pub const EXPORT_VERSION: u32 = 1;

/// Line ending of CSV records (RFC 4180).
pub const CSV_LINE_END: &str = "\r\n";

/// An export format.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A report for people, GitHub-flavoured Markdown.
    Markdown,
    /// Everything, machine-readable.
    Json,
    /// One row per competency, for spreadsheets.
    Csv,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Json, Format::Csv];

    /// The format named `name`: "markdown" (or "md"), "json" or "csv", in any case.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The canonical name, as accepted by [`Format::parse`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of "markdown", "md", "json" or "csv".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown export format {:?}: use markdown, json or csv",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Format::parse(s).ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// The assessment in `format`.
pub fn export(framework: &Framework, assessment: &Assessment, format: Format) -> String {
    match format {
        Format::Markdown => markdown(framework, assessment),
        Format::Json => json(framework, assessment),
        Format::Csv => csv(framework, assessment),
    }
}

/// Index of the profile gaps are measured against: the assessment's `position.target` when the
/// framework has a profile with that id, otherwise the framework's second main profile.
pub fn target_profile(framework: &Framework, assessment: &Assessment) -> usize {
    assessment
        .position
        .target
        .as_deref()
        .and_then(|id| framework.profile_index(id))
        .unwrap_or(framework.main_profiles[1])
}

// ---- figures shared by every format -----------------------------------------------------

/// Everything an export shows: the figures of the Results screen plus what only the
/// assessment file knows.
struct Report<'a> {
    fw: &'a Framework,
    assessment: &'a Assessment,
    /// The figures, against the target profile.
    summary: Summary,
    /// Competencies of the framework with a rating (N/A included).
    rated: usize,
    /// Ids in the assessment that the framework does not have.
    unknown: Vec<CompetencyId>,
}

impl<'a> Report<'a> {
    fn new(fw: &'a Framework, assessment: &'a Assessment) -> Report<'a> {
        let sheet = RatingSheet::from_assessment(fw, assessment);
        Report {
            summary: Summary::compute(fw, &sheet, target_profile(fw, assessment)),
            rated: assessment.rated_count(fw),
            unknown: assessment.unknown_ids(fw),
            fw,
            assessment,
        }
    }

    /// Index of the target profile.
    fn target(&self) -> usize {
        self.summary.target
    }

    fn rating(&self, c: usize) -> Option<Rating> {
        self.assessment.rating(&self.fw.competencies[c].id)
    }

    fn plan(&self, id: &CompetencyId) -> Option<&'a PlanItem> {
        self.assessment.plan.get(id)
    }

    /// Gap and band against the target profile; None when unrated or N/A.
    fn gap(&self, c: usize) -> Option<(u8, Band)> {
        self.summary.gap_row(c).map(|row| (row.gap, row.band))
    }

    /// The verdict in words, as the Results screen words it.
    fn verdict_text(&self) -> String {
        crate::strings::verdict(self.fw, &self.summary.verdict, self.summary.rated_on_scale)
    }
}

/// A percentage rounded to one decimal.
fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A position on the 0–1 spectrum rounded to three decimals.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

// ---- JSON --------------------------------------------------------------------------------

/// A JSON object whose keys keep the given order.
struct Keyed<'a, T>(Vec<(&'a str, T)>);

impl<T: Serialize> Serialize for Keyed<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A rating as JSON: 0–5, "na", or null when unrated.
struct JsonLevel(Option<Rating>);

impl Serialize for JsonLevel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(Rating::Level(level)) => serializer.serialize_u8(level.value()),
            Some(Rating::NotApplicable) => serializer.serialize_str("na"),
            None => serializer.serialize_none(),
        }
    }
}

#[derive(Serialize)]
struct JsonExport<'a> {
    export_version: u32,
    assessment: JsonAssessment<'a>,
    framework: JsonFramework<'a>,
    target_profile: &'a str,
    rated: usize,
    rated_on_scale: usize,
    total: usize,
    fit: Vec<JsonFit<'a>>,
    verdict: JsonVerdict<'a>,
    areas: Vec<JsonArea<'a>>,
    competencies: Vec<JsonCompetency<'a>>,
    unknown_ratings: Vec<JsonUnknown<'a>>,
}

#[derive(Serialize)]
struct JsonAssessment<'a> {
    name: &'a str,
    framework: &'a str,
    framework_version: u32,
    created: String,
    updated: String,
}

#[derive(Serialize)]
struct JsonFramework<'a> {
    id: &'a str,
    version: u32,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonFit<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    role: &'a str,
    base: Option<&'a str>,
    percent: Option<f64>,
    based_on: usize,
}

#[derive(Serialize)]
struct JsonVerdict<'a> {
    kind: &'static str,
    role: Option<&'a str>,
    profile: Option<&'a str>,
    text: String,
    provisional: bool,
    spectrum: Option<f64>,
    reasons: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonFocus<'a> {
    label: &'a str,
    weight: u32,
}

#[derive(Serialize)]
struct JsonArea<'a> {
    id: &'a str,
    name: &'a str,
    focus: Keyed<'a, JsonFocus<'a>>,
    rated: usize,
    level: Option<f64>,
    targets: Keyed<'a, f64>,
    fit: Keyed<'a, Option<f64>>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    target: Option<u8>,
    action: &'a str,
}

impl<'a> JsonPlan<'a> {
    fn of(item: Option<&'a PlanItem>) -> Option<JsonPlan<'a>> {
        item.map(|p| JsonPlan {
            target: p.target.map(|t| t.value()),
            action: &p.action,
        })
    }
}

#[derive(Serialize)]
struct JsonCompetency<'a> {
    id: &'a str,
    name: &'a str,
    area: &'a str,
    level: JsonLevel,
    note: &'a str,
    targets: Keyed<'a, u8>,
    gap: Option<u8>,
    band: Option<&'static str>,
    plan: Option<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonUnknown<'a> {
    id: &'a str,
    level: JsonLevel,
    note: &'a str,
    plan: Option<JsonPlan<'a>>,
}

/// The assessment as pretty-printed JSON (two-space indent, keys in a fixed order, one final
/// newline). The shape is described in `docs/export-formats.md` and `docs/export.schema.json`.
pub fn json(framework: &Framework, assessment: &Assessment) -> String {
    let r = Report::new(framework, assessment);
    let fw = framework;
    let verdict = {
        let (kind, role) = match r.summary.verdict {
            Verdict::NoRatings => ("none", None),
            Verdict::Leans { role, .. } => ("leans", Some(role)),
            Verdict::Straddles { .. } => ("straddles", None),
        };
        JsonVerdict {
            kind,
            role: role.map(|role| fw.roles[role].id.as_str()),
            profile: role.map(|role| fw.profiles[fw.main_profiles[role]].id.as_str()),
            text: r.verdict_text(),
            provisional: r.summary.provisional,
            spectrum: r.summary.spectrum.map(round3),
            reasons: r
                .summary
                .reasons
                .iter()
                .map(|&c| fw.competencies[c].id.as_str())
                .collect(),
        }
    };
    let fit = fw
        .profiles
        .iter()
        .zip(&r.summary.fits)
        .map(|(profile, fit)| JsonFit {
            id: &profile.id,
            name: &profile.name,
            short: &profile.short,
            role: &fw.roles[profile.role].id,
            base: profile.base.map(|b| fw.profiles[b].id.as_str()),
            percent: fit.percent.map(round1),
            based_on: fit.based_on,
        })
        .collect();
    let areas = fw
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| {
            let levels = &r.summary.areas[a];
            JsonArea {
                id: &area.id,
                name: &area.name,
                focus: Keyed(
                    fw.roles
                        .iter()
                        .zip(&area.focus)
                        .map(|(role, focus)| {
                            (
                                role.id.as_str(),
                                JsonFocus {
                                    label: &focus.label,
                                    weight: focus.weight.value(),
                                },
                            )
                        })
                        .collect(),
                ),
                rated: levels.rated,
                level: levels.level.map(round1),
                targets: Keyed(
                    fw.main_profiles
                        .iter()
                        .zip(levels.targets)
                        .map(|(&p, t)| (fw.profiles[p].id.as_str(), round1(t)))
                        .collect(),
                ),
                fit: Keyed(
                    fw.profiles
                        .iter()
                        .enumerate()
                        .map(|(p, profile)| {
                            let percent = r.summary.area_fits[a][p].percent;
                            (profile.id.as_str(), percent.map(round1))
                        })
                        .collect(),
                ),
            }
        })
        .collect();
    let competencies = fw
        .competencies
        .iter()
        .enumerate()
        .map(|(c, competency)| {
            let gap = r.gap(c);
            JsonCompetency {
                id: competency.id.as_str(),
                name: &competency.name,
                area: &fw.areas[competency.area].id,
                level: JsonLevel(r.rating(c)),
                note: assessment.note(&competency.id),
                targets: Keyed(
                    fw.profiles
                        .iter()
                        .zip(&competency.targets)
                        .map(|(profile, t)| (profile.id.as_str(), t.value()))
                        .collect(),
                ),
                gap: gap.map(|(g, _)| g),
                band: gap.map(|(_, b)| b.label()),
                plan: JsonPlan::of(r.plan(&competency.id)),
            }
        })
        .collect();
    let unknown_ratings = r
        .unknown
        .iter()
        .map(|id| JsonUnknown {
            id: id.as_str(),
            level: JsonLevel(assessment.rating(id)),
            note: assessment.note(id),
            plan: JsonPlan::of(r.plan(id)),
        })
        .collect();
    let export = JsonExport {
        export_version: EXPORT_VERSION,
        assessment: JsonAssessment {
            name: &assessment.name,
            framework: &assessment.framework,
            framework_version: assessment.framework_version,
            created: assessment.created.to_string(),
            updated: assessment.updated.to_string(),
        },
        framework: JsonFramework {
            id: &fw.id,
            version: fw.version,
            name: &fw.name,
        },
        target_profile: &fw.profiles[r.target()].id,
        rated: r.rated,
        rated_on_scale: r.summary.rated_on_scale,
        total: fw.competencies.len(),
        fit,
        verdict,
        areas,
        competencies,
        unknown_ratings,
    };
    let mut out =
        serde_json::to_string_pretty(&export).expect("string-keyed data always serialises");
    out.push('\n');
    out
}

// ---- CSV ---------------------------------------------------------------------------------

/// One CSV field: quoted when it holds a comma, a double quote, CR or LF, or starts or ends
/// with white space; double quotes inside are doubled (RFC 4180).
fn csv_field(out: &mut String, value: &str) {
    let needs_quotes = value.contains([',', '"', '\r', '\n'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, field.as_ref());
    }
    out.push_str(CSV_LINE_END);
}

/// One row per competency of the framework, in framework order, after a header row. Records
/// end with CRLF (RFC 4180), text is UTF-8 without a byte-order mark. Columns:
/// `id,name,area,area_name,level,note,target_<profile id>…,gap_profile,gap,band,plan_target,
/// plan_action`.
pub fn csv(framework: &Framework, assessment: &Assessment) -> String {
    let r = Report::new(framework, assessment);
    let fw = framework;
    let mut out = String::new();
    let mut header: Vec<String> = ["id", "name", "area", "area_name", "level", "note"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(fw.profiles.iter().map(|p| format!("target_{}", p.id)));
    header.extend(
        ["gap_profile", "gap", "band", "plan_target", "plan_action"]
            .iter()
            .map(|s| s.to_string()),
    );
    csv_record(&mut out, &header);
    let target_id = fw.profiles[r.target()].id.as_str();
    for (c, competency) in fw.competencies.iter().enumerate() {
        let area = &fw.areas[competency.area];
        let level = match r.rating(c) {
            Some(Rating::Level(level)) => level.to_string(),
            Some(Rating::NotApplicable) => "na".to_string(),
            None => String::new(),
        };
        let mut row: Vec<String> = vec![
            competency.id.to_string(),
            competency.name.clone(),
            area.id.clone(),
            area.name.clone(),
            level,
            assessment.note(&competency.id).to_string(),
        ];
        row.extend(competency.targets.iter().map(|t| t.to_string()));
        let gap = r.gap(c);
        let plan = r.plan(&competency.id);
        row.extend([
            target_id.to_string(),
            gap.map_or(String::new(), |(g, _)| g.to_string()),
            gap.map_or(String::new(), |(_, b)| b.label().to_string()),
            plan.and_then(|p| p.target)
                .map_or(String::new(), |t| t.to_string()),
            plan.map_or(String::new(), |p| p.action.clone()),
        ]);
        csv_record(&mut out, &row);
    }
    out
}

// ---- Markdown ----------------------------------------------------------------------------

/// True when `&` at the start of `rest` would begin an entity reference such as `&amp;`.
fn starts_entity(rest: &str) -> bool {
    let body: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[1 + body.len()..].starts_with(';')
}

/// One line of user text, escaped so that Markdown shows it as written: inline markup
/// (emphasis, code, links, HTML, strikethrough, maths, table pipes) and the block markers that
/// matter at the start of a line (headings, quotes, list items, rules) are backslash-escaped.
/// Leading and trailing white space is dropped; it is not significant in Markdown.
fn md_text(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    // Ordered-list markers: up to nine digits then '.' or ')'.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let list_number = (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']);
    for (i, ch) in line.char_indices() {
        let escape = match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$' => true,
            '-' | '+' | '=' => i == 0,
            '.' | ')' => list_number && i == digits,
            '&' => starts_entity(&line[i..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Text for a table cell or heading: line breaks become spaces, then as [`md_text`].
fn md_cell(text: &str) -> String {
    md_text(&text.split(['\r', '\n']).collect::<Vec<_>>().join(" "))
}

/// Lines of a note or action, with CRLF and CR read as line breaks.
fn text_lines(text: &str) -> Vec<&str> {
    text.split("\r\n")
        .flat_map(|part| part.split(['\r', '\n']))
        .collect()
}

/// True when `text` has something other than white space.
fn has_text(text: &str) -> bool {
    !text.trim().is_empty()
}

/// Free text as a block quote: each line kept as its own line (hard line breaks), runs of
/// blank lines kept as one paragraph break.
fn md_quote(out: &mut String, text: &str) {
    let lines: Vec<&str> = text_lines(text);
    let first = lines.iter().position(|l| has_text(l));
    let last = lines.iter().rposition(|l| has_text(l));
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let lines = &lines[first..=last];
    let mut previous_blank = false;
    for (i, line) in lines.iter().enumerate() {
        if !has_text(line) {
            if !previous_blank {
                out.push_str(">\n");
            }
            previous_blank = true;
            continue;
        }
        previous_blank = false;
        out.push_str("> ");
        out.push_str(&md_text(line));
        let next_has_text = lines.get(i + 1).is_some_and(|l| has_text(l));
        if next_has_text {
            out.push('\\');
        }
        out.push('\n');
    }
}

/// A rating in words: a digit, "N/A" or "not rated".
fn rating_words(rating: Option<Rating>) -> String {
    rating.map_or("not rated".to_string(), |r| r.to_string())
}

/// A percentage with one decimal, or "no basis yet".
fn md_percent(percent: Option<f64>) -> String {
    percent.map_or("no basis yet".to_string(), |p| format!("{:.1}%", round1(p)))
}

/// "DP1 Scope and requirements definition", escaped.
fn md_competency(fw: &Framework, c: usize) -> String {
    let competency = &fw.competencies[c];
    md_cell(&format!("{} {}", competency.id, competency.name))
}

/// A GFM table row.
fn md_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(cell.as_ref());
        out.push_str(" |");
    }
    out.push('\n');
}

/// A GFM table header and delimiter row; `right` marks right-aligned (numeric) columns.
fn md_header(out: &mut String, cells: &[(&str, bool)]) {
    let names: Vec<String> = cells.iter().map(|(name, _)| md_cell(name)).collect();
    md_row(out, &names);
    let rules: Vec<&str> = cells
        .iter()
        .map(|(_, right)| if *right { "---:" } else { "---" })
        .collect();
    md_row(out, &rules);
}

/// The report for people, in GitHub-flavoured Markdown: summary, verdict, fit per profile,
/// areas against both roles, gaps and strengths against the target profile, what is not
/// rated, the development plan, every note, and ratings the framework does not know.
pub fn markdown(framework: &Framework, assessment: &Assessment) -> String {
    let r = Report::new(framework, assessment);
    let s = &r.summary;
    let fw = framework;
    let target = &fw.profiles[s.target];
    let target_name = md_cell(&target.name);
    let total = fw.competencies.len();
    let mut out = String::new();
    let o = &mut out;

    // Title and summary.
    let _ = writeln!(o, "# rolefit report: {}\n", md_cell(&assessment.name));
    let _ = writeln!(
        o,
        "- Framework: {} (`{}`, version {})",
        md_cell(&fw.name),
        fw.id,
        fw.version
    );
    if assessment.framework != fw.id || assessment.framework_version != fw.version {
        let _ = writeln!(
            o,
            "- Assessment made with framework {}, version {}",
            md_cell(&assessment.framework),
            assessment.framework_version
        );
    }
    let _ = writeln!(
        o,
        "- Created {}, last updated {}",
        assessment.created, assessment.updated
    );
    let _ = writeln!(
        o,
        "- Rated: {} of {total} competencies ({} on the scale, {} N/A)",
        r.rated,
        s.rated_on_scale,
        r.rated - s.rated_on_scale
    );
    let _ = writeln!(
        o,
        "- Gaps measured against: {target_name} (`{}`)\n",
        target.id
    );

    // Verdict.
    let _ = writeln!(o, "## Verdict\n");
    let _ = writeln!(o, "**{}**\n", md_cell(&r.verdict_text()));
    if s.verdict != Verdict::NoRatings {
        let mut basis = format!(
            "Based on {} of {total} competencies rated on the scale",
            s.rated_on_scale
        );
        if s.provisional {
            basis.push_str("; provisional: rate more for a firmer answer");
        }
        let _ = writeln!(o, "{basis}.\n");
    }
    if !s.reasons.is_empty() {
        let [p0, p1] = fw.main_profiles;
        let _ = writeln!(o, "Most telling:\n");
        for &c in &s.reasons {
            let _ = writeln!(
                o,
                "- {}: you {} ({} target {}, {} target {})",
                md_competency(fw, c),
                rating_words(r.rating(c)),
                md_cell(&fw.profiles[p0].short),
                fw.target(p0, c),
                md_cell(&fw.profiles[p1].short),
                fw.target(p1, c)
            );
        }
        o.push('\n');
    }

    // Fit per profile.
    let _ = writeln!(o, "## Fit per profile\n");
    md_header(
        o,
        &[
            ("Profile", false),
            ("Id", false),
            ("Fit", true),
            ("Based on", true),
        ],
    );
    for (p, (profile, fit)) in fw.profiles.iter().zip(&s.fits).enumerate() {
        let name = if p == s.target {
            format!("**{}** (target)", md_cell(&profile.name))
        } else {
            md_cell(&profile.name)
        };
        md_row(
            o,
            &[
                name,
                format!("`{}`", profile.id),
                md_percent(fit.percent),
                fit.based_on.to_string(),
            ],
        );
    }
    let _ = writeln!(
        o,
        "\nFit is 100 × Σ weight × min(level, target) / Σ weight × target over the rated \
         competencies; N/A and unrated ones are left out, and ratings above target do not \
         raise it.\n"
    );

    // Areas against both roles.
    let [p0, p1] = fw.main_profiles;
    let short0 = fw.profiles[p0].short.as_str();
    let short1 = fw.profiles[p1].short.as_str();
    let _ = writeln!(o, "## Areas\n");
    let _ = writeln!(
        o,
        "Your average level against each role's average target, over the competencies you \
         rated on the scale (over all of an area's competencies when none is rated).\n"
    );
    let mut columns: Vec<(String, bool)> = vec![
        ("Area".into(), false),
        (format!("{short0} focus"), false),
        (format!("{short1} focus"), false),
        ("Rated".into(), true),
        ("You".into(), true),
        (format!("{short0} target"), true),
        (format!("{short1} target"), true),
        (format!("Fit {short0}"), true),
        (format!("Fit {short1}"), true),
    ];
    let fit_profiles: Vec<usize> = if fw.main_profiles.contains(&s.target) {
        vec![p0, p1]
    } else {
        columns.push((format!("Fit {}", target.short), true));
        vec![p0, p1, s.target]
    };
    let columns: Vec<(&str, bool)> = columns.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    md_header(o, &columns);
    for (a, area) in fw.areas.iter().enumerate() {
        let levels = &s.areas[a];
        let mut cells = vec![
            md_cell(&area.name),
            md_cell(&area.focus[0].label),
            md_cell(&area.focus[1].label),
            format!("{} of {}", levels.rated, area.competencies.len()),
            levels
                .level
                .map_or("—".to_string(), |l| format!("{:.1}", round1(l))),
            format!("{:.1}", round1(levels.targets[0])),
            format!("{:.1}", round1(levels.targets[1])),
        ];
        for &p in &fit_profiles {
            let fit = s.area_fits[a][p];
            cells.push(
                fit.percent
                    .map_or("—".to_string(), |f| format!("{:.1}%", round1(f))),
            );
        }
        md_row(o, &cells);
    }
    o.push('\n');

    // Gaps to the target profile.
    let below: Vec<&GapRow> = s.gaps.iter().filter(|g| g.gap > 0).collect();
    let meets: Vec<&GapRow> = s.gaps.iter().filter(|g| g.band == Band::Meets).collect();
    // Strengths most above target first; the sort is stable, so ties keep framework order.
    let mut strengths: Vec<&GapRow> = s.gaps.iter().filter(|g| g.band == Band::Strength).collect();
    strengths.sort_by_key(|g| std::cmp::Reverse(scoring::delta(g.level, g.target)));
    let _ = writeln!(o, "## Gaps to {target_name}\n");
    if s.rated_on_scale == 0 {
        let _ = writeln!(o, "Nothing is rated on the scale yet.\n");
    } else if below.is_empty() {
        let _ = writeln!(
            o,
            "No gaps: every competency you rated meets or exceeds the {target_name} target.\n"
        );
    } else {
        let _ = writeln!(
            o,
            "Rated competencies below the {target_name} target, largest gap first. \
             Bands: **gap** is two or more levels below target, **top-up** one level below.\n"
        );
        md_header(
            o,
            &[
                ("Competency", false),
                ("Area", false),
                ("You", true),
                ("Target", true),
                ("Gap", true),
                ("Band", false),
            ],
        );
        for row in &below {
            let c = row.competency;
            md_row(
                o,
                &[
                    md_competency(fw, c),
                    md_cell(&fw.areas[fw.competencies[c].area].name),
                    row.level.to_string(),
                    row.target.to_string(),
                    row.gap.to_string(),
                    row.band.label().to_string(),
                ],
            );
        }
        o.push('\n');
    }
    if !meets.is_empty() {
        let _ = writeln!(o, "At target ({}):\n", meets.len());
        for row in &meets {
            let _ = writeln!(
                o,
                "- {}: you {}, target {}",
                md_competency(fw, row.competency),
                row.level,
                row.target
            );
        }
        o.push('\n');
    }

    // Strengths.
    let _ = writeln!(o, "## Strengths\n");
    if strengths.is_empty() {
        let _ = writeln!(
            o,
            "No competency is rated above the {target_name} target.\n"
        );
    } else {
        let _ = writeln!(
            o,
            "Rated above the {target_name} target, most above first. They do not raise fit.\n"
        );
        md_header(
            o,
            &[
                ("Competency", false),
                ("Area", false),
                ("You", true),
                ("Target", true),
                ("Above by", true),
            ],
        );
        for row in &strengths {
            let c = row.competency;
            md_row(
                o,
                &[
                    md_competency(fw, c),
                    md_cell(&fw.areas[fw.competencies[c].area].name),
                    row.level.to_string(),
                    row.target.to_string(),
                    scoring::delta(row.level, row.target).to_string(),
                ],
            );
        }
        o.push('\n');
    }

    // Not rated and N/A.
    let unrated: Vec<usize> = (0..total).filter(|&c| r.rating(c).is_none()).collect();
    let not_applicable: Vec<usize> = (0..total)
        .filter(|&c| r.rating(c) == Some(Rating::NotApplicable))
        .collect();
    if !unrated.is_empty() || !not_applicable.is_empty() {
        let _ = writeln!(o, "## Not scored\n");
        for (label, list) in [("Not rated yet", &unrated), ("N/A", &not_applicable)] {
            if list.is_empty() {
                continue;
            }
            let ids: Vec<&str> = list
                .iter()
                .map(|&c| fw.competencies[c].id.as_str())
                .collect();
            let _ = writeln!(
                o,
                "- {label} ({}): {}",
                list.len(),
                md_cell(&ids.join(", "))
            );
        }
        o.push('\n');
    }

    // Development plan.
    let _ = writeln!(o, "## Development plan\n");
    let planned: Vec<usize> = (0..total)
        .filter(|&c| r.plan(&fw.competencies[c].id).is_some())
        .collect();
    if planned.is_empty() {
        let _ = writeln!(o, "No development plan yet.\n");
    }
    for &c in &planned {
        let item = r.plan(&fw.competencies[c].id).expect("filtered on a plan");
        let _ = writeln!(o, "### {}\n", md_competency(fw, c));
        let _ = writeln!(
            o,
            "You: {} · {target_name} target: {} · your target: {}\n",
            rating_words(r.rating(c)),
            fw.target(s.target, c),
            item.target.map_or("none".to_string(), |t| t.to_string())
        );
        md_action(o, item);
    }

    // Notes.
    let _ = writeln!(o, "## Notes\n");
    let noted: Vec<usize> = (0..total)
        .filter(|&c| has_text(assessment.note(&fw.competencies[c].id)))
        .collect();
    if noted.is_empty() {
        let _ = writeln!(o, "No notes yet.\n");
    }
    for &c in &noted {
        let rating = match r.rating(c) {
            Some(Rating::Level(level)) => format!("rated {level}"),
            Some(Rating::NotApplicable) => "N/A".to_string(),
            None => "not rated".to_string(),
        };
        let _ = writeln!(o, "### {} ({rating})\n", md_competency(fw, c));
        md_quote(o, assessment.note(&fw.competencies[c].id));
        o.push('\n');
    }

    // Ratings the framework does not have.
    if !r.unknown.is_empty() {
        let _ = writeln!(
            o,
            "## Ratings for competencies this framework does not have\n"
        );
        let _ = writeln!(
            o,
            "Kept in the assessment file and left out of every score.\n"
        );
        for id in &r.unknown {
            let _ = writeln!(o, "### {}\n", md_cell(id.as_str()));
            let mut facts = format!("Rating: {}", rating_words(assessment.rating(id)));
            if let Some(item) = r.plan(id) {
                let _ = write!(
                    facts,
                    " · your target: {}",
                    item.target.map_or("none".to_string(), |t| t.to_string())
                );
            }
            let _ = writeln!(o, "{facts}\n");
            let note = assessment.note(id);
            if has_text(note) {
                let _ = writeln!(o, "Note:\n");
                md_quote(o, note);
                o.push('\n');
            }
            if let Some(item) = r.plan(id) {
                md_action(o, item);
            }
        }
    }

    // Exactly one newline at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A plan item's next action as a block quote.
fn md_action(o: &mut String, item: &PlanItem) {
    if has_text(&item.action) {
        o.push_str("Next action:\n\n");
        md_quote(o, &item.action);
        o.push('\n');
    } else {
        o.push_str("No next action written yet.\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name_and_alias() {
        assert_eq!(Format::parse("markdown"), Some(Format::Markdown));
        assert_eq!(Format::parse("MD"), Some(Format::Markdown));
        assert_eq!("json".parse::<Format>(), Ok(Format::Json));
        assert_eq!("csv".parse::<Format>(), Ok(Format::Csv));
        let err = "xml".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown export format \"xml\": use markdown, json or csv"
        );
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
            assert_eq!(format.to_string(), format.name());
        }
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        csv_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "two\nlines", " pad", "日本"],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",日本\r\n"
        );
    }

    #[test]
    fn markdown_text_is_escaped_literally() {
        assert_eq!(md_text("a | b"), "a \\| b");
        assert_eq!(
            md_text("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(md_text("# not a heading"), "\\# not a heading");
        assert_eq!(md_text("- not a list"), "\\- not a list");
        assert_eq!(md_text("1. not a list"), "1\\. not a list");
        assert_eq!(md_text("2026 was fine."), "2026 was fine.");
        assert_eq!(md_text("R&D &amp; more"), "R&D \\&amp; more");
        assert_eq!(md_text("  <b>x</b>  "), "\\<b\\>x\\</b\\>");
        assert_eq!(md_cell("two\nlines|x"), "two lines\\|x");
    }

    #[test]
    fn quotes_keep_line_breaks_and_paragraphs() {
        let mut out = String::new();
        md_quote(&mut out, "\n one\r\ntwo\n\n\n\nthree \n");
        assert_eq!(out, "> one\\\n> two\n>\n> three\n");
        let mut empty = String::new();
        md_quote(&mut empty, "  \n ");
        assert_eq!(empty, "");
    }
}
