//! The Markdown export: a report for people, in GitHub-flavoured Markdown.

use std::fmt::Write as _;

use super::escape::{has_text, md_cell, md_quote, md_safe};
use super::{Report, round1};
use rolefit_core::scoring::{self, Band, GapRow};
use rolefit_core::{Assessment, Framework, PlanItem, Rating};

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

/// The target profile's name, escaped.
fn target_name(r: &Report) -> String {
    md_cell(&r.fw.profiles[r.target()].name)
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

/// Competencies not rated yet and those rated N/A; nothing when there are none.
fn not_scored(o: &mut String, r: &Report) {
    let fw = r.fw;
    let total = fw.competencies.len();
    let unrated: Vec<usize> = (0..total).filter(|&c| r.rating(c).is_none()).collect();
    let not_applicable: Vec<usize> = (0..total)
        .filter(|&c| r.rating(c) == Some(Rating::NotApplicable))
        .collect();
    if unrated.is_empty() && not_applicable.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Not scored\n");
    for (label, list) in [("Not answered yet", &unrated), ("N/A", &not_applicable)] {
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

/// The development plan, in framework order.
fn plan(o: &mut String, r: &Report) {
    let fw = r.fw;
    let target_name = target_name(r);
    let _ = writeln!(o, "## Development plan\n");
    let planned: Vec<usize> = (0..fw.competencies.len())
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
            fw.target(r.target(), c),
            item.target.map_or("none".to_string(), |t| t.to_string())
        );
        md_action(o, item);
    }
}

/// Reviewers' ratings beside your own: one calibration sentence per reviewer, then every
/// competency where someone's rating differs from yours, "talk about this" where they are two
/// levels or more apart, and the reviewers' notes. Nothing when there are no reviews.
fn second_opinions(o: &mut String, r: &Report) {
    let (fw, assessment) = (r.fw, r.assessment);
    let others = rolefit_core::reviews::others(assessment);
    if others.is_empty() || rolefit_core::reviews::reviewing(assessment).is_some() {
        return;
    }
    let _ = writeln!(
        o,
        "## Second opinions
"
    );
    for (c, other) in rolefit_core::reviews::calibration::calibrations(fw, assessment)
        .iter()
        .zip(&assessment.reviews)
    {
        let date = other
            .1
            .date
            .and_then(|d| d.date)
            .map_or(String::new(), |d| format!(" (reviewed {d})"));
        let _ = writeln!(
            o,
            "- **{}**{date}: {}",
            md_cell(&c.name),
            md_cell(&c.sentence())
        );
    }
    o.push('\n');
    let mut header: Vec<(String, bool)> = vec![("Competency".into(), false), ("You".into(), true)];
    header.extend(others.iter().map(|other| (other.name.clone(), true)));
    header.push(("Flag".into(), false));
    let header_refs: Vec<(&str, bool)> = header.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let mut rows = 0;
    let mut table = String::new();
    md_header(&mut table, &header_refs);
    for (c, competency) in fw.competencies.iter().enumerate() {
        let own = assessment.rating(&competency.id);
        let theirs: Vec<Option<Rating>> = others
            .iter()
            .map(|other| other.ratings.get(&competency.id).copied())
            .collect();
        if own.is_none() || theirs.iter().all(|t| t.is_none() || *t == own) {
            continue;
        }
        let talk = theirs
            .iter()
            .any(|t| rolefit_core::reviews::calibration::differs_a_lot(own, *t));
        let mut cells = vec![md_competency(fw, c), rating_words(own)];
        cells.extend(theirs.iter().map(|t| rating_words(*t)));
        cells.push(if talk {
            "⚑ talk about this".into()
        } else {
            String::new()
        });
        md_row(&mut table, &cells);
        rows += 1;
    }
    if rows == 0 {
        let _ = writeln!(
            o,
            "Your reviewers rated every competency you rated as you did.\n"
        );
    } else {
        let _ = writeln!(
            o,
            "Where the ratings differ (⚑ = two levels or more apart):\n"
        );
        o.push_str(&table);
        o.push('\n');
    }
    for (name, review) in &assessment.reviews {
        for competency in &fw.competencies {
            let note = review
                .ratings
                .get(&competency.id)
                .map_or("", |e| e.note.as_str());
            if has_text(note) {
                let _ = writeln!(
                    o,
                    "### {} on {} {}\n",
                    md_cell(name),
                    md_cell(competency.id.as_str()),
                    md_cell(&competency.name)
                );
                md_quote(o, note);
                o.push('\n');
            }
        }
    }
}

/// Every evidence note, in framework order.
fn notes(o: &mut String, r: &Report) {
    let (fw, assessment) = (r.fw, r.assessment);
    let _ = writeln!(o, "## Notes\n");
    let noted: Vec<usize> = (0..fw.competencies.len())
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
}

/// Ratings for competencies the framework does not have; nothing when there are none.
fn unknown_ratings(o: &mut String, r: &Report) {
    let assessment = r.assessment;
    if r.unknown.is_empty() {
        return;
    }
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

/// A plan item's actions, one line each in the order they were added: the text, the due date,
/// the status in words and the evidence.
fn md_action(o: &mut String, item: &PlanItem) {
    if item.actions.is_empty() {
        o.push_str("No actions written yet.\n\n");
        return;
    }
    o.push_str("Actions:\n\n");
    for action in &item.actions {
        // Each line of the text kept as a line of the item (a hard break, then indented).
        let lines: Vec<String> = action
            .text
            .split(['\r', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(md_cell)
            .collect();
        let _ = write!(o, "- {}", lines.join("\\\n  "));
        let mut said = Vec::new();
        if let Some(due) = action.due {
            said.push(format!("due {}", rolefit_core::due::show(due)));
        }
        said.push(action.status.key().to_string());
        let _ = write!(o, " — {}", said.join(", "));
        if has_text(&action.evidence) {
            let _ = write!(o, "; evidence: {}", md_cell(action.evidence.trim()));
        }
        o.push('\n');
    }
    o.push('\n');
}
