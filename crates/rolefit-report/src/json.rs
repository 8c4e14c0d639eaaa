//! The JSON export: everything, machine-readable, keys in a fixed order.
//! One file because each key of the export is declared (its serde type) and filled here, so a key changes in one place; about 240 of its lines are those types.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Report, round1};
use rolefit_core::scoring::Outcome;
use rolefit_core::{Assessment, Framework, PlanItem, Rating};

/// Version of the JSON shape, written as `export_version`. It changes only when a field is
/// removed or changes meaning.
pub const EXPORT_VERSION: u32 = 2;

/// A position on the 0–1 spectrum rounded to three decimals.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

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

/// A rating as JSON: its level value, "none", "na", or null when unrated.
struct JsonLevel(Option<Rating>);

impl Serialize for JsonLevel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(Rating::Level(level)) if level.is_none() => serializer.serialize_str("none"),
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
    readiness: Vec<JsonReadiness<'a>>,
    /// None (null) for a framework without an axis: it ranks readiness and has no lean.
    lean: Option<JsonLean<'a>>,
    /// The ladder answer per role with graded profiles.
    grades: Vec<JsonGrade<'a>>,
    areas: Vec<JsonArea<'a>>,
    competencies: Vec<JsonCompetency<'a>>,
    unknown_ratings: Vec<JsonUnknown<'a>>,
    reviews: Vec<JsonReview<'a>>,
}

/// A second opinion: a reviewer's ratings (and notes) in framework order, with how your own
/// ratings compare.
#[derive(Serialize)]
struct JsonReview<'a> {
    reviewer: &'a str,
    id: &'a str,
    date: Option<String>,
    ratings: Keyed<'a, JsonLevel>,
    notes: Keyed<'a, &'a str>,
    calibration: JsonCalibration<'a>,
}

#[derive(Serialize)]
struct JsonCalibration<'a> {
    compared: usize,
    higher: usize,
    lower: usize,
    talk_about: Vec<&'a str>,
    text: String,
}

#[derive(Serialize)]
struct JsonAssessment<'a> {
    name: &'a str,
    person: String,
    role: Option<&'a str>,
    team: Option<&'a str>,
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
struct JsonReadiness<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    role: Option<&'a str>,
    base: Option<&'a str>,
    grade: Option<i64>,
    percent: Option<f64>,
    coverage: JsonCoverage,
}

/// One role's ladder answer: the highest grade met and the next step.
#[derive(Serialize)]
struct JsonGrade<'a> {
    role: &'a str,
    met: Option<&'a str>,
    next: Option<&'a str>,
    text: String,
}

#[derive(Serialize)]
struct JsonCoverage {
    rated: usize,
    required: usize,
    provisional: bool,
}

#[derive(Serialize)]
struct JsonLean<'a> {
    /// 0…1: 1 the first axis profile's shape, 0 the second's, 0.5 flat; null without a shape.
    position: Option<f64>,
    /// The position in words, oriented like the spectrum (first role 0, second 1).
    position_text: Option<String>,
    outcome: &'static str,
    role: Option<&'a str>,
    profile: Option<&'a str>,
    text: String,
    next_step: String,
    telling: JsonTelling,
    /// "firm", "close-call" or "provisional"; null without a shape.
    firmness: Option<&'static str>,
    firm: Option<bool>,
    firmness_text: Option<String>,
    /// The standard deviation of the position under a retake.
    noise: Option<f64>,
    flips: Option<Vec<JsonFlip<'a>>>,
    reasons: Option<Vec<JsonReason<'a>>>,
    closest_flavour: Option<&'a str>,
    flavour_text: Option<String>,
    junior: Option<bool>,
    junior_text: Option<String>,
}

#[derive(Serialize)]
struct JsonTelling {
    rated: usize,
    needed: usize,
    total: usize,
}

#[derive(Serialize)]
struct JsonFlip<'a> {
    id: &'a str,
    to: u8,
    direction: &'static str,
    becomes: &'static str,
}

#[derive(Serialize)]
struct JsonReason<'a> {
    id: &'a str,
    level: u8,
    targets: Keyed<'a, u8>,
    contribution: f64,
    above_average: bool,
    towards: &'a str,
    text: String,
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
    readiness: Keyed<'a, Option<f64>>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    target: Option<u8>,
    /// The first action's text, as before there were many (export_version 2).
    action: &'a str,
    actions: Vec<JsonAction<'a>>,
}

#[derive(Serialize)]
struct JsonAction<'a> {
    id: u32,
    text: &'a str,
    due: Option<String>,
    status: &'static str,
    evidence: &'a str,
}

impl<'a> JsonPlan<'a> {
    fn of(item: Option<&'a PlanItem>) -> Option<JsonPlan<'a>> {
        item.map(|p| JsonPlan {
            target: p.target.map(|t| t.value()),
            action: p.first_text(),
            actions: p
                .actions
                .iter()
                .map(|a| JsonAction {
                    id: a.id,
                    text: &a.text,
                    due: a.due.map(rolefit_core::due::show),
                    status: a.status.key(),
                    evidence: &a.evidence,
                })
                .collect(),
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
    /// Null where the profile does not require the competency (a format 2 target left out).
    targets: Keyed<'a, Option<u8>>,
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
    let export = JsonExport {
        export_version: EXPORT_VERSION,
        assessment: JsonAssessment {
            name: &assessment.name,
            person: assessment.shown_name(&assessment.name),
            role: assessment.role.as_deref(),
            team: assessment.team.as_deref(),
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
        readiness: readiness(&r),
        lean: r.fw.axis.then(|| lean(&r)),
        grades: rolefit_core::scoring::grade_steps(fw, &r.summary.readiness)
            .iter()
            .map(|step| JsonGrade {
                role: &fw.roles[step.role].id,
                met: step.met.map(|p| fw.profiles[p].id.as_str()),
                next: step.next.map(|p| fw.profiles[p].id.as_str()),
                text: rolefit_core::verdict::grade_answer(fw, &r.summary.readiness, step),
            })
            .collect(),
        areas: (0..fw.areas.len()).map(|a| area(&r, a)).collect(),
        competencies: (0..fw.competencies.len())
            .map(|c| competency(&r, c))
            .collect(),
        unknown_ratings: r
            .unknown
            .iter()
            .map(|id| JsonUnknown {
                id: id.as_str(),
                level: JsonLevel(assessment.rating(id)),
                note: assessment.note(id),
                plan: JsonPlan::of(r.plan(id)),
            })
            .collect(),
        reviews: reviews(fw, assessment),
    };
    let mut out =
        serde_json::to_string_pretty(&export).expect("string-keyed data always serialises");
    out.push('\n');
    super::escape::json_safe(out)
}

/// Readiness per profile with its coverage, in framework order.
fn reviews<'a>(fw: &'a Framework, assessment: &'a Assessment) -> Vec<JsonReview<'a>> {
    let calibrations = rolefit_core::reviews::calibration::calibrations(fw, assessment);
    assessment
        .reviews
        .iter()
        .zip(calibrations)
        .map(|((reviewer, review), c)| {
            let known = || {
                fw.competencies
                    .iter()
                    .filter_map(|comp| review.ratings.get(&comp.id).map(|e| (comp, e)))
            };
            JsonReview {
                reviewer,
                id: &review.id,
                date: review.date.map(|d| d.to_string()),
                ratings: Keyed(
                    known()
                        .filter(|(_, e)| e.rating.is_some())
                        .map(|(comp, e)| (comp.id.as_str(), JsonLevel(e.rating)))
                        .collect(),
                ),
                notes: Keyed(
                    known()
                        .filter(|(_, e)| !e.note.is_empty())
                        .map(|(comp, e)| (comp.id.as_str(), e.note.as_str()))
                        .collect(),
                ),
                calibration: JsonCalibration {
                    compared: c.compared,
                    higher: c.higher,
                    lower: c.lower,
                    talk_about: c
                        .talk
                        .iter()
                        .filter_map(|id| {
                            fw.competency_index(id)
                                .map(|i| fw.competencies[i].id.as_str())
                        })
                        .collect(),
                    text: c.sentence(),
                },
            }
        })
        .collect()
}

fn readiness<'a>(r: &Report<'a>) -> Vec<JsonReadiness<'a>> {
    let fw = r.fw;
    fw.profiles
        .iter()
        .zip(&r.summary.readiness)
        .map(|(profile, readiness)| JsonReadiness {
            id: &profile.id,
            name: &profile.name,
            short: &profile.short,
            role: profile.role.map(|r| fw.roles[r].id.as_str()),
            base: profile.base.map(|b| fw.profiles[b].id.as_str()),
            grade: profile.grade,
            percent: readiness.percent.map(round1),
            coverage: JsonCoverage {
                rated: readiness.rated,
                required: readiness.required,
                provisional: readiness.provisional(),
            },
        })
        .collect()
}

/// The lean: position, outcome in words, firmness, the personal reasons, the closest flavour;
/// without a shape (too early, unseparated) every one of those is null.
fn lean<'a>(r: &Report<'a>) -> JsonLean<'a> {
    use rolefit_core::scoring::{Firmness, Flavour};
    let fw = r.fw;
    let lean = &r.summary.lean;
    let said = r.explanation();
    let shape = lean.outcome.has_shape();
    let side = match lean.outcome {
        Outcome::Leans { side } => Some(side),
        _ => None,
    };
    let id = |c: usize| fw.competencies[c].id.as_str();
    let side_id = |side: usize| fw.profiles[fw.main_profiles[side]].id.as_str();
    let flips = match &lean.firmness {
        Some(Firmness::CloseCall { flips, .. }) => flips
            .iter()
            .map(|f| JsonFlip {
                id: id(f.competency),
                to: f.to.value(),
                direction: if f.up { "up" } else { "down" },
                becomes: f.becomes.key(),
            })
            .collect(),
        _ => Vec::new(),
    };
    JsonLean {
        position: lean.position.filter(|_| shape).map(round3),
        position_text: said.position.clone(),
        outcome: lean.outcome.key(),
        role: side
            .and_then(|side| fw.side_role(side))
            .map(|role| role.id.as_str()),
        profile: side.map(side_id),
        text: said.headline.clone(),
        next_step: said.next_step.clone(),
        telling: JsonTelling {
            rated: lean.telling_rated,
            needed: lean.telling_needed,
            total: lean.telling_total,
        },
        firmness: lean.firmness.as_ref().map(|f| match f {
            Firmness::Firm => "firm",
            Firmness::CloseCall { .. } => "close-call",
            Firmness::Provisional { .. } => "provisional",
        }),
        firm: lean.firmness.as_ref().map(|_| lean.firm()),
        firmness_text: said.firmness.clone(),
        noise: lean.noise.filter(|_| shape).map(round3),
        flips: shape.then_some(flips),
        reasons: shape.then(|| {
            lean.reasons
                .iter()
                .zip(&said.reasons)
                .map(|(reason, text)| JsonReason {
                    id: id(reason.competency),
                    level: reason.level.value(),
                    targets: Keyed(
                        fw.main_profiles
                            .iter()
                            .zip(reason.targets)
                            .map(|(&p, t)| (fw.profiles[p].id.as_str(), t.value()))
                            .collect(),
                    ),
                    contribution: round3(reason.contribution),
                    above_average: reason.above_average,
                    towards: side_id(usize::from(reason.contribution < 0.0)),
                    text: text.sentence(false),
                })
                .collect()
        }),
        closest_flavour: match lean.flavour {
            Some(Flavour::Fits { profile, .. }) if shape => Some(fw.profiles[profile].id.as_str()),
            _ => None,
        },
        flavour_text: said.flavour.clone(),
        junior: shape.then_some(lean.junior),
        junior_text: said.junior.clone(),
    }
}

/// Area `a`: focus per role, level against both roles, readiness for every profile.
fn area<'a>(r: &Report<'a>, a: usize) -> JsonArea<'a> {
    let fw = r.fw;
    let area = &fw.areas[a];
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
        readiness: Keyed(
            fw.profiles
                .iter()
                .zip(&r.summary.area_readiness[a])
                .map(|(profile, fit)| (profile.id.as_str(), fit.percent.map(round1)))
                .collect(),
        ),
    }
}

/// Competency `c`: rating, note, targets, gap to the target profile and plan.
fn competency<'a>(r: &Report<'a>, c: usize) -> JsonCompetency<'a> {
    let fw = r.fw;
    let competency = &fw.competencies[c];
    let gap = r.gap(c);
    JsonCompetency {
        id: competency.id.as_str(),
        name: &competency.name,
        area: &fw.areas[competency.area].id,
        level: JsonLevel(r.rating(c)),
        note: r.assessment.note(&competency.id),
        targets: Keyed(
            fw.profiles
                .iter()
                .zip(&competency.targets)
                .map(|(profile, t)| (profile.id.as_str(), (!t.is_none()).then(|| t.value())))
                .collect(),
        ),
        gap: gap.map(|(g, _)| g),
        band: gap.map(|(_, b)| b.label()),
        plan: JsonPlan::of(r.plan(&competency.id)),
    }
}
