//! Exports of an assessment: a Markdown report, an HTML report with charts, JSON and CSV
//! (README: Reports to share).
//!
//! Every export is a pure function of a [`Framework`] and an [`Assessment`]: no terminal, no
//! files, no clock. The same inputs always give byte-identical output, so exports can be
//! compared with golden files and diffed between assessment rounds. Every figure comes from
//! [`rolefit_core::summary::Summary`], so an export shows the same numbers as the Results
//! screen.
//!
//! Gaps are measured against the *target profile*: the profile named by the assessment's
//! `position.target` when the framework has it, otherwise the framework's second main profile
//! (PMO Manager in the built-in framework). See [`target_profile`].
//!
//! The formats are described field by field in `docs/export-formats.md`; the JSON shape is
//! also given as a JSON Schema in `docs/export.schema.json`. Each format has its own module;
//! `escape` keeps user text literal in Markdown and CSV; `html` (with its charts and the page
//! the team report shares) escapes by construction.

mod csv;
pub mod escape;
pub(crate) mod html;
mod json;
mod markdown;
pub mod plan;
pub mod team;

use std::fmt;
use std::str::FromStr;

use rolefit_core::scoring::{Band, RatingSheet};
use rolefit_core::summary::Summary;
use rolefit_core::{Assessment, CompetencyId, Framework, PlanItem, Rating};

pub use self::csv::csv;
pub use self::html::html;
pub use self::json::{EXPORT_VERSION, json};
pub use self::markdown::markdown;

/// Line ending of CSV records (RFC 4180).
pub const CSV_LINE_END: &str = "\r\n";

/// An export format.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A report for people, GitHub-flavoured Markdown.
    Markdown,
    /// A report for people to share: one self-contained HTML page with charts.
    Html,
    /// Everything, machine-readable.
    Json,
    /// One row per competency, for spreadsheets.
    Csv,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Json, Format::Csv];

    /// The format named `name`: "markdown" (or "md"), "html", "json" or "csv", in any case.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The canonical name, as accepted by [`Format::parse`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
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

/// A format name that is not one of "markdown", "md", "html", "json" or "csv".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: use markdown, html, json or csv")]
pub struct UnknownFormat(pub String);

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
        Format::Html => html(framework, assessment),
        Format::Json => json(framework, assessment),
        Format::Csv => csv(framework, assessment),
    }
}

/// Index of the profile gaps are measured against: the one the user chose (see
/// [`rolefit_core::Position::chosen_target`]), else the one the verdict points to
/// ([`rolefit_core::summary::default_target`]) — the same rule as the Results screen.
pub fn target_profile(framework: &Framework, assessment: &Assessment) -> usize {
    let sheet = RatingSheet::from_assessment(framework, assessment);
    Summary::compute_for(
        framework,
        &sheet,
        assessment.position.chosen_target(framework),
    )
    .target
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
            summary: Summary::compute_for(fw, &sheet, assessment.position.chosen_target(fw)),
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
    fn explanation(&self) -> rolefit_core::verdict::Explanation {
        rolefit_core::verdict::explain(self.fw, &self.summary)
    }
}

/// A percentage rounded to one decimal (half away from zero, as every figure shown:
/// [`rolefit_core::verdict::one_decimal`]).
fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
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
        assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
        let err = "xml".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown export format \"xml\": use markdown, html, json or csv"
        );
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
            assert_eq!(format.to_string(), format.name());
        }
    }
}
