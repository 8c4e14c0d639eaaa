//! `rolefit plan`: the development plan's actions listed for people, scripts and calendars,
//! and changed from a script: `plan add`, `plan done`, `plan move`, `plan status`. Every change
//! is written as `rolefit rate` writes: under the assessment's lock, saved atomically, never
//! to a file that cannot be read or comes from a newer rolefit.

use std::path::Path;
use std::process::ExitCode;

use crate::domain::time::Date;

use super::commands::{
    load_given, print_stdout, read_existing_any, read_existing_for, resolve_at, resolve_for,
    write_report_of,
};
use super::scripting::{find_competency, open_for_writing};
use super::{Cli, Error, Result, assessment_path};
use crate::domain::due;
use crate::domain::{ActionStatus, Assessment, Framework, PlanAction};
use crate::export::plan::{PlanFormat, plan_report};
use crate::storage;
use crate::text::{display_path, display_safe};

/// Today on the local calendar (the test clock's day under `ROLEFIT_NOW`).
fn today() -> Date {
    crate::clock::local_day(&crate::clock::now_utc())
}

/// `rolefit plan [--format F] [-o FILE]`: the actions, overdue first.
pub fn list(cli: &Cli, format: PlanFormat, output: Option<&Path>) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let first_look = read_existing_any(&path, &name)?;
    let framework = resolve_for(given.as_ref(), Some(&first_look), &path)?.framework;
    let assessment = read_existing_for(&framework, &path, &name)?;
    let (report, undated) = plan_report(
        &framework,
        &assessment,
        today(),
        crate::clock::local_day(&assessment.updated),
        format,
    );
    match output {
        None => print_stdout(&report)?,
        Some(out) => {
            write_report_of(cli, &path, &assessment, out, &report)?;
            print_stdout(&format!(
                "Wrote the plan ({format}) to {}\n",
                display_path(out)
            ))?;
        }
    }
    // Said once the calendar is written, on stderr, so that stdout stays the calendar.
    if format == PlanFormat::Ics && undated > 0 {
        eprintln!(
            "rolefit: {}",
            match undated {
                1 => "1 action without a date is not in the calendar".to_string(),
                n => format!("{n} actions without a date are not in the calendar"),
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A change to the plan, checked before anything is locked.
enum Change {
    Add {
        competency: usize,
        text: String,
        due: Option<Date>,
    },
    Done {
        n: u32,
        note: Option<String>,
    },
    Move {
        n: u32,
        due: Date,
    },
    Status {
        n: u32,
        status: ActionStatus,
    },
}

/// A due date as typed, or the sentence saying what to type (a usage error).
fn parse_due(text: &str) -> Result<Date> {
    // The Plan screen's sentence, without its full stop, as every error on stderr.
    due::parse_due(text, today())
        .map_err(|e| Error::BadDue(e.to_string().trim_end_matches('.').to_string()))
}

/// `rolefit plan add ID "TEXT" [--due DATE]`.
pub fn add(cli: &Cli, id: &str, text: &str, due: Option<&str>) -> Result<ExitCode> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::EmptyAction);
    }
    let due = due.map(parse_due).transpose()?;
    change(cli, |fw| {
        Ok(Change::Add {
            competency: find_competency(fw, id)?,
            text: text.to_string(),
            due,
        })
    })
}

/// `rolefit plan done N [--note TEXT]`.
pub fn done(cli: &Cli, n: u32, note: Option<&str>) -> Result<ExitCode> {
    let note = note.map(|n| n.trim().to_string());
    change(cli, |_| Ok(Change::Done { n, note }))
}

/// `rolefit plan move N DATE`.
pub fn move_to(cli: &Cli, n: u32, date: &str) -> Result<ExitCode> {
    let due = parse_due(date)?;
    change(cli, |_| Ok(Change::Move { n, due }))
}

/// `rolefit plan status N planned|doing|done|dropped`.
pub fn status(cli: &Cli, n: u32, status: ActionStatus) -> Result<ExitCode> {
    change(cli, |_| Ok(Change::Status { n, status }))
}

/// "DP1 Scope and plan" for an action's competency id.
fn competency_words(fw: &Framework, id: &crate::domain::CompetencyId) -> String {
    match fw.competency_index(id) {
        Some(c) => format!("{id} {}", display_safe(&fw.competencies[c].name)),
        None => id.to_string(),
    }
}

/// Opens the assessment for writing, applies the change `make` gives, saves and says what
/// changed in one sentence. Nothing is written when the change is refused.
fn change(cli: &Cli, make: impl FnOnce(&Framework) -> Result<Change>) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let resolved = resolve_at(given.as_ref(), &path, &name)?;
    let change = make(&resolved.framework)?;
    let person = super::commands::given_person(cli);
    let (_lock, mut assessment, _) = open_for_writing(&resolved, &path, &name, person.as_deref())?;
    resolved.record_in(&mut assessment);
    let fw = &resolved.framework;
    let said = match apply(fw, &mut assessment, &name, change)? {
        Applied::Changed(said) => said,
        Applied::Unchanged(said) => {
            print_stdout(&format!("{said}\n"))?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    assessment.updated = crate::clock::now_utc();
    storage::save_assessment(&path, &assessment).map_err(|source| Error::Save {
        path: path.clone(),
        source,
    })?;
    print_stdout(&format!("{said}\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// What a change did, in words: saved, or nothing to save.
enum Applied {
    Changed(String),
    Unchanged(String),
}

/// The action numbered `n`, or the usage error naming the assessment.
fn action_mut<'a>(
    assessment: &'a mut Assessment,
    n: u32,
    name: &str,
) -> Result<(crate::domain::CompetencyId, &'a mut PlanAction)> {
    assessment
        .plan
        .iter_mut()
        .find_map(|(id, item)| {
            item.actions
                .iter_mut()
                .find(|a| a.id == n)
                .map(|a| (id.clone(), a))
        })
        .ok_or_else(|| Error::UnknownAction {
            n,
            name: display_safe(name),
        })
}

/// Applies `change` to the assessment in memory.
fn apply(
    fw: &Framework,
    assessment: &mut Assessment,
    name: &str,
    change: Change,
) -> Result<Applied> {
    let quoted = |text: &str| format!("\"{}\"", display_safe(text));
    Ok(match change {
        Change::Add {
            competency,
            text,
            due,
        } => {
            let n = assessment.next_action_id();
            let id = fw.competencies[competency].id.clone();
            let mut action = PlanAction::new(n, &text);
            action.due = due;
            assessment
                .plan
                .entry(id.clone())
                .or_default()
                .actions
                .push(action);
            let when = due.map_or(", with no date".to_string(), |d| {
                format!(", due {}", due::show(d))
            });
            Applied::Changed(format!(
                "Added action {n} to {}{when}: {}.",
                competency_words(fw, &id),
                quoted(&text)
            ))
        }
        Change::Done { n, note } => {
            let (id, action) = action_mut(assessment, n, name)?;
            let noted = note.as_deref().is_some_and(|t| t != action.evidence);
            if action.status == ActionStatus::Done && !noted {
                return Ok(Applied::Unchanged(format!(
                    "Action {n} ({}) was already done; nothing was changed.",
                    quoted(&action.text)
                )));
            }
            action.set_status(ActionStatus::Done, today());
            if let Some(note) = note {
                action.evidence = note;
            }
            let evidence = if action.evidence.is_empty() {
                String::new()
            } else {
                format!(" with the evidence {}", quoted(&action.evidence))
            };
            Applied::Changed(format!(
                "Marked action {n} ({}) done{evidence}; when it shows, rate {} again with `rolefit rate {} LEVEL`.",
                quoted(&action.text),
                competency_words(fw, &id),
                id
            ))
        }
        Change::Move { n, due } => {
            let (_, action) = action_mut(assessment, n, name)?;
            let before = action.due.replace(due);
            match before {
                Some(b) if b == due => Applied::Unchanged(format!(
                    "Action {n} ({}) is already due {}; nothing was changed.",
                    quoted(&action.text),
                    due::show(due)
                )),
                Some(b) => Applied::Changed(format!(
                    "Moved action {n} ({}) from {} to {}.",
                    quoted(&action.text),
                    due::show(b),
                    due::show(due)
                )),
                None => Applied::Changed(format!(
                    "Action {n} ({}) is now due {}.",
                    quoted(&action.text),
                    due::show(due)
                )),
            }
        }
        Change::Status { n, status } => {
            let (_, action) = action_mut(assessment, n, name)?;
            if action.status == status {
                return Ok(Applied::Unchanged(format!(
                    "Action {n} ({}) is already {}; nothing was changed.",
                    quoted(&action.text),
                    status.key()
                )));
            }
            let before = action.status;
            action.set_status(status, today());
            Applied::Changed(format!(
                "Action {n} ({}) is now {} (was {}).",
                quoted(&action.text),
                status.key(),
                before.key()
            ))
        }
    })
}
