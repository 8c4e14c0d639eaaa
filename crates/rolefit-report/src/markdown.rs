//! The Markdown export: a report for people, in GitHub-flavoured Markdown.

use std::fmt::Write as _;

use super::escape::{md_cell, md_safe};
use super::{Report, round1};
use rolefit_core::scoring::{self, Band, GapRow};
use rolefit_core::{Assessment, Framework};

mod notes;
mod opinions;
mod text;

use notes::{not_scored, notes, plan, unknown_ratings};
use opinions::second_opinions;
use text::{md_competency, md_header, md_percent, md_row, target_name};

/// The report for people, in GitHub-flavoured Markdown: summary, verdict, readiness per profile,
/// areas against both roles, gaps and strengths against the target profile, what is not
/// rated, the development plan, every note, and ratings the framework does not know.
pub fn markdown(framework: &Framework, assessment: &Assessment) -> String {
    let r = Report::new(framework, assessment);
    let mut out = String::new();
    let sections: [fn(&mut String, &Report); 12] = [
        title,
        verdict,
        grades,
        fits,
        areas,
        gaps,
        strengths,
        second_opinions,
        not_scored,
        plan,
        notes,
        unknown_ratings,
    ];
    for section in sections {
        section(&mut out, &r);
    }
    // Exactly one newline at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    md_safe(out)
}

/// Title and summary: framework, dates, how much is rated, the target profile.
fn title(o: &mut String, r: &Report) {
    let (fw, assessment, s) = (r.fw, r.assessment, &r.summary);
    let _ = writeln!(
        o,
        "# rolefit report: {}\n",
        md_cell(&assessment.shown_name(&assessment.name))
    );
    let about: Vec<String> = [("Role", &assessment.role), ("Team", &assessment.team)]
        .into_iter()
        .filter_map(|(what, value)| value.as_deref().map(|v| format!("{what}: {}", md_cell(v))))
        .collect();
    if !about.is_empty() {
        let _ = writeln!(o, "- {}", about.join(" · "));
    }
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
        "- Answered: {} of {} competencies ({} rated on the scale, {} N/A)",
        r.rated,
        fw.competencies.len(),
        s.rated_on_scale,
        r.rated - s.rated_on_scale
    );
    let _ = writeln!(
        o,
        "- Gaps measured against: {} (`{}`)\n",
        target_name(r),
        fw.profiles[r.target()].id
    );
}

/// The verdict in words, what to do next, firmness, the position, the most telling
/// competencies and the closest flavour.
/// The ladder answer: per role with graded profiles, the highest grade met and the next step.
fn grades(o: &mut String, r: &Report) {
    let steps = rolefit_core::scoring::grade_steps(r.fw, &r.summary.readiness);
    if steps.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Grades\n");
    for step in &steps {
        let _ = writeln!(
            o,
            "- **{}**: {}",
            md_cell(&r.fw.roles[step.role].name),
            md_cell(&rolefit_core::verdict::grade_answer(
                r.fw,
                &r.summary.readiness,
                step
            ))
        );
    }
    let _ = writeln!(o);
}

fn verdict(o: &mut String, r: &Report) {
    let (fw, s) = (r.fw, &r.summary);
    let lean = &s.lean;
    let _ = writeln!(o, "## Verdict\n");
    if !fw.axis {
        // Without an axis there is no lean to tell: the answer is the ranking.
        let _ = writeln!(o, "**{}**\n", rolefit_core::verdict::RANKING_TITLE);
        for (rank, p) in rolefit_core::scoring::ranking(&s.readiness)
            .into_iter()
            .enumerate()
        {
            let fit = &s.readiness[p];
            let percent = fit
                .percent
                .map_or("no basis yet".to_string(), |v| format!("{:.1}%", round1(v)));
            let _ = writeln!(
                o,
                "{}. {} ({percent}, {} of {} required rated)",
                rank + 1,
                md_cell(&fw.profiles[p].name),
                fit.rated,
                fit.required
            );
        }
        let _ = writeln!(o);
        return;
    }
    let said = r.explanation();
    let _ = writeln!(o, "**{}** ({})\n", md_cell(&said.headline), said.based_on);
    let _ = writeln!(o, "{}\n", md_cell(&said.next_step));
    if !lean.outcome.has_shape() {
        // A handful of ratings shows no shape: no position, reasons or flavour to explain.
        return;
    }
    if let Some(firmness) = &said.firmness {
        let _ = writeln!(o, "{}.\n", md_cell(firmness));
    }
    if let Some(position) = &said.position {
        // Escaped as one cell, so a figure at its start is not read as a list number.
        let _ = writeln!(o, "{}.\n", md_cell(&format!("Position: {position}")));
    }
    let _ = writeln!(o, "Most telling:\n");
    if let Some(none) = said.no_reasons {
        let _ = writeln!(o, "- {none}");
    }
    for reason in &said.reasons {
        let _ = writeln!(o, "- {}", md_cell(&reason.sentence(true)));
    }
    o.push('\n');
    if let Some(flavour) = &said.flavour {
        let _ = writeln!(o, "{}.\n", md_cell(flavour));
    }
    if let Some(junior) = &said.junior {
        let _ = writeln!(o, "{}.\n", md_cell(junior));
    }
}

/// Readiness per profile with its coverage, the target profile marked, and how it is
/// computed.
fn fits(o: &mut String, r: &Report) {
    let (fw, s) = (r.fw, &r.summary);
    let _ = writeln!(o, "## Readiness per profile\n");
    md_header(
        o,
        &[
            ("Profile", false),
            ("Id", false),
            ("Readiness", true),
            ("Coverage", true),
        ],
    );
    for (p, (profile, readiness)) in fw.profiles.iter().zip(&s.readiness).enumerate() {
        let name = if p == s.target {
            format!("**{}** (target)", md_cell(&profile.name))
        } else {
            md_cell(&profile.name)
        };
        let mut coverage = format!("{} of {}", readiness.rated, readiness.required);
        if readiness.provisional() {
            coverage.push_str(", provisional");
        }
        md_row(
            o,
            &[
                name,
                format!("`{}`", profile.id),
                md_percent(readiness.percent),
                coverage,
            ],
        );
    }
    let _ = writeln!(
        o,
        "\nReadiness is 100 × Σ weight × min(level, target) / Σ weight × target over the rated \
         competencies the profile requires (a target above 0 in an area its role weights); \
         N/A and unrated ones are left out, and ratings above target do not raise it. Below \
         half coverage the figure is provisional.\n"
    );
}

/// Areas against both roles, with readiness for the target profile when it is not a main one.
fn areas(o: &mut String, r: &Report) {
    let (fw, s) = (r.fw, &r.summary);
    let [p0, p1] = fw.main_profiles;
    let short0 = fw.profiles[p0].short.as_str();
    let short1 = fw.profiles[p1].short.as_str();
    let _ = writeln!(o, "## Areas\n");
    let _ = writeln!(
        o,
        "Your average level against each role's average target, over the competencies you \
         rated on the scale (over all of an area's competencies when none is rated).\n"
    );
    // Focus columns only where a role words its focus; a framework without roles has none.
    let focus_shown = (0..fw.areas.len())
        .any(|a| !fw.side_focus(a, 0).label.is_empty() || !fw.side_focus(a, 1).label.is_empty());
    let mut columns: Vec<(String, bool)> = vec![("Area".into(), false)];
    if focus_shown {
        columns.push((format!("{short0} focus"), false));
        columns.push((format!("{short1} focus"), false));
    }
    columns.extend([
        ("Rated".into(), true),
        ("You".into(), true),
        (format!("{short0} target"), true),
        (format!("{short1} target"), true),
        (format!("Ready {short0}"), true),
        (format!("Ready {short1}"), true),
    ]);
    let fit_profiles: Vec<usize> = if fw.main_profiles.contains(&s.target) {
        vec![p0, p1]
    } else {
        columns.push((format!("Ready {}", fw.profiles[s.target].short), true));
        vec![p0, p1, s.target]
    };
    let columns: Vec<(&str, bool)> = columns.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    md_header(o, &columns);
    for (a, area) in fw.areas.iter().enumerate() {
        let levels = &s.areas[a];
        let mut cells = vec![md_cell(&area.name)];
        if focus_shown {
            cells.push(md_cell(fw.side_focus(a, 0).shown()));
            cells.push(md_cell(fw.side_focus(a, 1).shown()));
        }
        // "—" where a main profile requires nothing in the area, not a target of 0.0.
        let target = |side: usize| {
            let p = fw.main_profiles[side];
            if area.competencies.clone().any(|c| fw.requires(p, c)) {
                format!("{:.1}", round1(levels.targets[side]))
            } else {
                "—".to_string()
            }
        };
        cells.extend([
            format!("{} of {}", levels.rated, area.competencies.len()),
            levels
                .level
                .map_or("—".to_string(), |l| format!("{:.1}", round1(l))),
            target(0),
            target(1),
        ]);
        for &p in &fit_profiles {
            let fit = s.area_readiness[a][p];
            cells.push(
                fit.percent
                    .map_or("—".to_string(), |f| format!("{:.1}%", round1(f))),
            );
        }
        md_row(o, &cells);
    }
    o.push('\n');
}

/// Rated competencies below the target profile, largest gap first, then those at target.
fn gaps(o: &mut String, r: &Report) {
    let (fw, s) = (r.fw, &r.summary);
    let target_name = target_name(r);
    let below: Vec<&GapRow> = s.gaps.iter().filter(|g| g.gap > 0).collect();
    let meets: Vec<&GapRow> = s.gaps.iter().filter(|g| g.band == Band::Meets).collect();
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
}

/// Rated competencies above the target profile, most above first.
fn strengths(o: &mut String, r: &Report) {
    let fw = r.fw;
    let target_name = target_name(r);
    // Strengths most above target first; the sort is stable, so ties keep framework order.
    let mut strengths: Vec<&GapRow> = r
        .summary
        .gaps
        .iter()
        .filter(|g| g.band == Band::Strength)
        .collect();
    strengths.sort_by_key(|g| std::cmp::Reverse(scoring::delta(g.level, g.target)));
    let _ = writeln!(o, "## Above target\n");
    if strengths.is_empty() {
        let _ = writeln!(
            o,
            "No competency is rated above the {target_name} target.\n"
        );
        return;
    }
    let _ = writeln!(
        o,
        "Rated above the {target_name} target, most above first. Being above a target does not raise readiness.\n"
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
