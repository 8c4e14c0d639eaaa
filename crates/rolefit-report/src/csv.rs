//! The CSV export: one row per competency, for spreadsheets (RFC 4180).

use super::Report;
use super::escape::csv_record;
use rolefit_core::{ActionStatus, Assessment, Framework, PlanAction, PlanItem, Rating};

/// One row per competency of the framework, in framework order, after a header row. Records
/// end with CRLF (RFC 4180), text is UTF-8 without a byte-order mark. Columns:
/// `id,name,area,area_name,level,note,target_<profile id>…,gap_profile,gap,band,plan_target,
/// plan_action,plan_open,plan_done,plan_next_due`, then
/// `grade_met_<role id>,grade_next_<role id>` per role with graded
/// profiles, then `review_<reviewer>` per reviewer, then `person` (whose, on every row).
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
        [
            "gap_profile",
            "gap",
            "band",
            "plan_target",
            "plan_action",
            "plan_open",
            "plan_done",
            "plan_next_due",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    // The ladder answer, per role with graded profiles: the same on every row.
    let steps = rolefit_core::scoring::grade_steps(fw, &r.summary.readiness);
    for step in &steps {
        let role = &fw.roles[step.role].id;
        header.push(format!("grade_met_{role}"));
        header.push(format!("grade_next_{role}"));
    }
    // One column per reviewer, only when there are reviews.
    let others = rolefit_core::reviews::others(assessment);
    header.extend(others.iter().map(|o| format!("review_{}", o.name)));
    // Whose: the same on every row, so that exports of many people can be put together.
    header.push("person".to_string());
    csv_record(&mut out, &header);
    let person = assessment.shown_name(&assessment.name);
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
        // A profile that does not require the competency has no target: an empty cell.
        row.extend(competency.targets.iter().map(|t| {
            if t.is_none() {
                String::new()
            } else {
                t.to_string()
            }
        }));
        let gap = r.gap(c);
        row.extend([
            target_id.to_string(),
            gap.map_or(String::new(), |(g, _)| g.to_string()),
            gap.map_or(String::new(), |(_, b)| b.label().to_string()),
        ]);
        row.extend(plan_cells(r.plan(&competency.id)));
        for step in &steps {
            let id = |p: Option<usize>| p.map_or(String::new(), |p| fw.profiles[p].id.clone());
            row.push(id(step.met));
            row.push(id(step.next));
        }
        row.extend(others.iter().map(|o| match o.ratings.get(&competency.id) {
            Some(Rating::Level(level)) => level.to_string(),
            Some(Rating::NotApplicable) => "na".to_string(),
            None => String::new(),
        }));
        row.push(person.clone());
        csv_record(&mut out, &row);
    }
    out
}

/// The plan columns of one competency: `plan_target, plan_action, plan_open, plan_done,
/// plan_next_due`.
fn plan_cells(plan: Option<&PlanItem>) -> [String; 5] {
    let count = |counted: fn(&PlanAction) -> bool| {
        plan.map_or(0, |p| p.actions.iter().filter(|a| counted(a)).count())
            .to_string()
    };
    [
        plan.and_then(|p| p.target)
            .map_or(String::new(), |t| t.to_string()),
        plan.map_or(String::new(), |p| p.first_text().to_string()),
        count(|a| a.status.is_open()),
        count(|a| a.status == ActionStatus::Done),
        plan.and_then(|p| {
            p.actions
                .iter()
                .filter(|a| a.status.is_open())
                .filter_map(|a| a.due)
                .min_by_key(|d| rolefit_core::due::day_number(*d))
        })
        .map_or(String::new(), rolefit_core::due::show),
    ]
}
