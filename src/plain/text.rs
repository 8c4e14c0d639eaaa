//! What plain mode and `rolefit show` print: a competency and the Results as ordinary lines of
//! text, with no colour, no escape sequences and no box drawing. Pure functions of the
//! framework and the assessment; every text from a file has its control characters escaped.

use std::fmt::Write as _;

use crate::domain::scoring::{Band, RatingSheet};
use crate::domain::{Assessment, Framework, Summary};
use crate::text::display_safe;

/// How many gaps the Results list at most.
pub const TOP_GAPS: usize = 5;

/// Competency `c`: where it is, its name and description, both roles' practice, and every
/// level with what it looks like for this competency (the scale's descriptor where it has no
/// anchor); then the current rating and note, when there are any.
pub fn competency(framework: &Framework, assessment: &Assessment, c: usize) -> String {
    let competency = &framework.competencies[c];
    let area = &framework.areas[competency.area];
    let safe = |text: &str| display_safe(text.trim());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}, competency {} of {}",
        safe(&area.name),
        c + 1,
        framework.competencies.len()
    );
    let _ = writeln!(out, "{} {}", competency.id, safe(&competency.name));
    let _ = writeln!(out, "{}", safe(&competency.description));
    if competency.practice.iter().any(|p| !p.trim().is_empty()) {
        let _ = writeln!(out, "In practice:");
        for (role, practice) in framework.roles.iter().zip(&competency.practice) {
            if !practice.trim().is_empty() {
                let _ = writeln!(out, "  {}: {}", safe(&role.name), safe(practice));
            }
        }
    }
    // A reviewer rates someone else: the levels speak of that person ("their work").
    let voice = match crate::review::reviewing(assessment) {
        Some(review) => crate::domain::Voice::Of(review.person),
        None => crate::domain::Voice::Own,
    };
    let _ = writeln!(out, "Levels:");
    for level in framework.valid_levels(c) {
        let scale = framework.scale.level(level);
        let _ = writeln!(
            out,
            "  {level} {}: {}",
            safe(&scale.label),
            safe(&voice.say(framework.level_text(c, level)))
        );
    }
    if framework.scale.offers_none() {
        let _ = writeln!(
            out,
            "  none: {}",
            safe(&voice.say(&framework.scale.none.descriptor))
        );
    }
    let _ = writeln!(out, "  n N/A: {}", safe(&voice.say(&framework.scale.na)));
    if let Some(rating) = assessment.rating(&competency.id) {
        let _ = writeln!(out, "{} rating now: {rating}", safe(&voice.whose()));
        // Once rated, the targets, as Rate shows them (before, they would steer the answer).
        let _ = writeln!(
            out,
            "Targets: {}",
            safe(&crate::strings::targets_list(framework, c))
        );
    }
    let note = assessment.note(&competency.id);
    if !note.is_empty() {
        let _ = writeln!(out, "Your note: {}", safe(note));
    }
    // The plan's actions on it, each with its date and status in words.
    if let Some(item) = assessment.plan.get(&competency.id) {
        if let Some(target) = item.target {
            let _ = writeln!(out, "Plan target: {target}");
        }
        for action in &item.actions {
            let mut said = Vec::new();
            if let Some(due) = action.due {
                said.push(format!("due {}", crate::domain::due::show(due)));
            }
            said.push(action.status.key().to_string());
            let mut words = said.join(", ");
            if !action.evidence.trim().is_empty() {
                let _ = write!(words, "; evidence: {}", safe(&action.evidence));
            }
            let _ = writeln!(out, "Plan: {} ({words})", safe(&action.text));
        }
    }
    // Reviewers' levels, once you have rated it yourself (as on the Rate screen).
    let others = crate::review::others(assessment);
    if let Some(beside) = crate::review::beside(assessment, &others, &competency.id) {
        let _ = writeln!(out, "{}", safe(&beside.sentence()));
    }
    out
}

/// The Results as text: the verdict, what to do next and how firm it is, the competencies
/// behind it, readiness for every profile with coverage, and the largest gaps against the
/// profile the user chose or the verdict points to — the sentences of the Results screen.
pub fn results(framework: &Framework, assessment: &Assessment) -> String {
    let sheet = RatingSheet::from_assessment(framework, assessment);
    let summary = Summary::compute_for(
        framework,
        &sheet,
        assessment.position.chosen_target(framework),
    );
    let said = crate::domain::verdict::explain(framework, &summary);
    let total = framework.competencies.len();
    let rated = assessment.rated_count(framework);
    let mut out = String::new();
    let _ = writeln!(out, "Results for \"{}\"", display_safe(&assessment.name));
    let lean = &summary.lean;
    let shown = lean.outcome.has_shape();
    if framework.axis {
        let _ = writeln!(out, "Verdict: {}", display_safe(&said.headline));
        let _ = writeln!(out, "Next: {}", display_safe(&said.next_step));
    } else {
        // No axis, no lean: the answer is the ranking, as on the Results screen.
        let _ = writeln!(out, "{}:", crate::strings::RANKING_TITLE);
        for (rank, p) in crate::domain::scoring::ranking(&summary.readiness)
            .into_iter()
            .enumerate()
        {
            let _ = writeln!(
                out,
                "  {}. {}: {}",
                rank + 1,
                display_safe(&framework.profiles[p].name),
                crate::strings::readiness(&summary.readiness[p])
            );
        }
    }
    grades(&mut out, framework, &summary);
    if let Some(position) = &said.position {
        let _ = writeln!(out, "Position: {}", display_safe(position));
    }
    if let Some(firmness) = &said.firmness {
        let _ = writeln!(out, "{}.", display_safe(firmness));
    }
    let _ = writeln!(
        out,
        "Based on {} of {total} competencies rated on the scale ({rated} answered: {} rated, {} N/A).",
        summary.rated_on_scale,
        summary.rated_on_scale,
        rated - summary.rated_on_scale
    );
    for calibration in crate::review::calibrations(framework, assessment) {
        let _ = writeln!(out, "{}", display_safe(&calibration.sentence()));
    }
    if shown {
        let _ = writeln!(out, "Most telling:");
        if let Some(none) = said.no_reasons {
            let _ = writeln!(out, "  {none}");
        }
        for reason in &said.reasons {
            let _ = writeln!(out, "  {}", display_safe(&reason.sentence(true)));
        }
    }
    if let Some(flavour) = &said.flavour {
        let _ = writeln!(out, "{}.", display_safe(flavour));
    }
    if let Some(junior) = &said.junior {
        let _ = writeln!(out, "{}.", display_safe(junior));
    }
    readiness_lines(&mut out, framework, &summary);
    top_gaps(&mut out, framework, &summary);
    if rated < total {
        let _ = writeln!(out, "Not answered yet: {} of {total}.", total - rated);
    }
    out
}

/// Readiness for every profile, the one the gaps are measured against marked.
fn readiness_lines(out: &mut String, framework: &Framework, summary: &Summary) {
    let target = summary.target;
    let _ = writeln!(out, "Readiness for each profile (rated of required):");
    for (p, (profile, readiness)) in framework
        .profiles
        .iter()
        .zip(&summary.readiness)
        .enumerate()
    {
        let marker = if p == target {
            "; the gaps below are measured against this profile"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {}: {}{marker}",
            display_safe(&profile.name),
            crate::strings::readiness(readiness)
        );
    }
}

/// The largest gaps and top-ups against the target profile, or that there are none.
fn top_gaps(out: &mut String, framework: &Framework, summary: &Summary) {
    let target = summary.target;
    let target_name = display_safe(&framework.profiles[target].name);
    let gaps: Vec<_> = summary
        .gaps
        .iter()
        .filter(|row| matches!(row.band, Band::Gap | Band::TopUp))
        .take(TOP_GAPS)
        .collect();
    if gaps.is_empty() {
        let _ = writeln!(
            out,
            "Top gaps against {target_name}: none among the competencies rated on the scale."
        );
    } else {
        let _ = writeln!(out, "Top gaps against {target_name}:");
        for row in gaps {
            let competency = &framework.competencies[row.competency];
            let _ = writeln!(
                out,
                "  {} {}: you {}, target {}, {} below ({})",
                competency.id,
                display_safe(&competency.name),
                row.level,
                row.target,
                row.gap,
                row.band.label()
            );
        }
    }
}

/// Per role with graded profiles, the highest grade met and the next step.
fn grades(out: &mut String, framework: &Framework, summary: &Summary) {
    let steps = crate::domain::scoring::grade_steps(framework, &summary.readiness);
    if steps.is_empty() {
        return;
    }
    let _ = writeln!(out, "Grades (highest met · next step):");
    for step in &steps {
        let _ = writeln!(
            out,
            "  {}: {}",
            display_safe(&framework.roles[step.role].name),
            display_safe(&crate::strings::grade_answer(
                framework,
                &summary.readiness,
                step
            ))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CompetencyId, Level, Rating};

    fn fresh(fw: &Framework) -> Assessment {
        let now = crate::clock::utc_from_epoch(0);
        Assessment::new("default", fw, now)
    }

    #[test]
    fn a_competency_says_where_it_is_and_lists_every_level() {
        let fw = crate::storage::framework::builtin();
        let mut a = fresh(&fw);
        let c = 2;
        let text = competency(&fw, &a, c);
        let comp = &fw.competencies[c];
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            format!(
                "{}, competency 3 of {}",
                fw.areas[comp.area].name,
                fw.competencies.len()
            )
        );
        assert!(
            text.contains(&format!("{} {}", comp.id, comp.name)),
            "{text}"
        );
        assert!(text.contains(comp.description.trim()));
        for (role, practice) in fw.roles.iter().zip(&comp.practice) {
            assert!(text.contains(&format!("  {}: {}", role.name, practice.trim())));
        }
        for level in fw.scale.values() {
            let scale = fw.scale.level(level);
            assert!(
                text.contains(&format!(
                    "  {level} {}: {}",
                    scale.label,
                    comp.anchor(level)
                        .expect("the built-in anchors every level")
                )),
                "{text}"
            );
            // The competency's own anchor replaces the scale's generic descriptor.
            assert!(!text.contains(&scale.descriptor), "{text}");
        }
        assert!(!text.contains("Your rating now"));
        a.set_rating(&comp.id, Some(Rating::NotApplicable));
        a.set_note(&comp.id, "led it\x1b[2J".into());
        let text = competency(&fw, &a, c);
        assert!(text.contains("Your rating now: N/A\n"), "{text}");
        assert!(text.contains("Your note: led it\\x1b[2J\n"), "{text}");
    }

    #[test]
    fn results_hold_verdict_readiness_and_top_gaps() {
        let fw = crate::storage::framework::builtin();
        let mut a = fresh(&fw);
        let empty = results(&fw, &a);
        assert!(empty.contains(crate::strings::NO_RATINGS), "{empty}");
        assert!(empty.contains("none among the competencies"), "{empty}");
        for c in &fw.competencies {
            a.set_rating(&c.id, Some(Rating::Level(Level::new(1).unwrap())));
        }
        let text = results(&fw, &a);
        let sheet = RatingSheet::from_assessment(&fw, &a);
        let summary = Summary::compute_for(&fw, &sheet, None);
        let verdict = crate::domain::verdict::headline(&fw, &summary.lean, summary.rated_on_scale);
        assert!(text.contains(&format!("Verdict: {verdict}\n")), "{text}");
        assert!(text.contains("Readiness for each profile (rated of required):"));
        for profile in &fw.profiles {
            assert!(text.contains(&format!("  {}: ", profile.name)), "{text}");
        }
        let gap_lines = text
            .lines()
            .skip_while(|l| !l.starts_with("Top gaps against"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .count();
        assert_eq!(gap_lines, TOP_GAPS, "{text}");
        let biggest = &summary.gaps[0];
        let id = &fw.competencies[biggest.competency].id;
        assert!(text.contains(&format!("  {id} ")), "{text}");
        assert!(!text.contains("Not answered yet"));
        assert!(a.rating(&CompetencyId::from("DP1")).is_some());
    }

    #[test]
    fn plain_text_has_no_escape_or_box_drawing_characters() {
        let fw = crate::storage::framework::builtin();
        let a = fresh(&fw);
        let mut all = results(&fw, &a);
        for c in 0..fw.competencies.len() {
            all.push_str(&competency(&fw, &a, c));
        }
        assert!(!all.contains('\x1b'));
        assert!(
            !all.chars()
                .any(|ch| ('\u{2500}'..='\u{257f}').contains(&ch))
        );
    }
}
