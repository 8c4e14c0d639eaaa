//! Undo and redo of what the user changed in this run: ratings (N/A and clearing included),
//! notes, plans, and keeping what-if levels as ratings. Not saved: the history starts empty on
//! every start, and the file only ever holds the assessment itself.
//!
//! Each step holds the value of each field it changed before and after, so undoing writes the
//! "before" back and redoing the "after"; a step touches only its own fields.

use std::collections::VecDeque;

use super::notice::{Notice, Undone};
use super::{App, Effect, Screen};
use crate::domain::{CompetencyId, PlanItem, Rating};

/// How many steps can be undone; the oldest is forgotten past this.
pub const LIMIT: usize = 200;

/// One field of the assessment, before and after a change.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Change {
    Rating {
        id: CompetencyId,
        before: Option<Rating>,
        after: Option<Rating>,
    },
    Note {
        id: CompetencyId,
        before: String,
        after: String,
    },
    Plan {
        id: CompetencyId,
        before: Option<PlanItem>,
        after: Option<PlanItem>,
    },
}

impl Change {
    fn id(&self) -> &CompetencyId {
        match self {
            Change::Rating { id, .. } | Change::Note { id, .. } | Change::Plan { id, .. } => id,
        }
    }

    fn is_noop(&self) -> bool {
        match self {
            Change::Rating { before, after, .. } => before == after,
            Change::Note { before, after, .. } => before == after,
            Change::Plan { before, after, .. } => before == after,
        }
    }
}

/// What the user did, for naming it when it is undone.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A rating recorded, N/A, or a rating cleared.
    Rating,
    Note,
    Plan,
    /// What-if levels kept as ratings, all at once.
    WhatIf,
}

/// One undoable step: everything one action changed.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Step {
    kind: Kind,
    changes: Vec<Change>,
}

/// The steps that can be undone and redone, newest last.
#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a step the user just took; a new step makes what was undone no longer redoable.
    pub(super) fn push(&mut self, kind: Kind, changes: Vec<Change>) {
        let changes: Vec<Change> = changes.into_iter().filter(|c| !c.is_noop()).collect();
        if changes.is_empty() {
            return;
        }
        self.redo.clear();
        self.undo.push_back(Step { kind, changes });
        while self.undo.len() > LIMIT {
            self.undo.pop_front();
        }
    }

    /// How many steps can be undone.
    pub fn undoable(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redoable(&self) -> usize {
        self.redo.len()
    }

    /// Forgets every step (the assessment was replaced).
    pub(super) fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Which way a step is applied.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

impl App {
    /// The steps that can be undone and redone.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Undoes the last step, or says there is none.
    pub(super) fn undo(&mut self) -> Vec<Effect> {
        self.undo_step(Direction::Undo)
    }

    /// Redoes the last step undone, or says there is none.
    pub(super) fn redo(&mut self) -> Vec<Effect> {
        self.undo_step(Direction::Redo)
    }

    fn undo_step(&mut self, direction: Direction) -> Vec<Effect> {
        // Read-only: nothing was recorded, and nothing may be written.
        if self.read_only {
            return Vec::new();
        }
        let step = match direction {
            Direction::Undo => self.history.undo.pop_back(),
            Direction::Redo => self.history.redo.pop(),
        };
        let Some(step) = step else {
            self.notice = Some(Notice::NothingTo {
                redo: direction == Direction::Redo,
            });
            return Vec::new();
        };
        let what = self.describe(&step, direction);
        // A what-if on top of the ratings follows them where it had not tried another level.
        let tried: Vec<(usize, bool)> = self.what_if_untouched(&step);
        for change in &step.changes {
            self.put(change, direction);
        }
        let first = step
            .changes
            .first()
            .and_then(|c| self.framework.competency_index(c.id()));
        match direction {
            Direction::Undo => self.history.redo.push(step),
            Direction::Redo => self.history.undo.push_back(step),
        }
        self.notice = Some(Notice::Undone {
            redo: direction == Direction::Redo,
            what,
        });
        let effects = self.changed();
        self.follow_what_if(&tried);
        if let Some(c) = first {
            self.show_undone(c);
        }
        effects
    }

    /// Writes a change's value for this direction into the assessment.
    fn put(&mut self, change: &Change, direction: Direction) {
        let undo = direction == Direction::Undo;
        match change {
            Change::Rating { id, before, after } => {
                self.assessment
                    .set_rating(id, if undo { *before } else { *after });
            }
            Change::Note { id, before, after } => {
                let note = if undo { before } else { after };
                self.assessment.set_note(id, note.clone());
            }
            Change::Plan { id, before, after } => {
                match if undo { before } else { after } {
                    Some(item) => self.assessment.plan.insert(id.clone(), item.clone()),
                    None => self.assessment.plan.remove(id),
                };
            }
        }
    }

    /// For a what-if that is on: the competencies the step changes the rating of, and whether
    /// the what-if still has the rating there (no other level tried).
    fn what_if_untouched(&self, step: &Step) -> Vec<(usize, bool)> {
        let Some(sheet) = &self.results.what_if else {
            return Vec::new();
        };
        step.changes
            .iter()
            .filter(|c| matches!(c, Change::Rating { .. }))
            .filter_map(|c| self.framework.competency_index(c.id()))
            .map(|c| (c, sheet.level(c) == self.derived.sheet.level(c)))
            .collect()
    }

    /// Puts the new ratings into the what-if where it had not tried another level.
    fn follow_what_if(&mut self, tried: &[(usize, bool)]) {
        let Some(sheet) = self.results.what_if.as_mut() else {
            return;
        };
        for &(c, untouched) in tried {
            if untouched {
                sheet.set(c, self.derived.sheet.level(c));
            }
        }
        self.refresh_results();
    }

    /// Shows the competency a step changed, where the screen has one selected: Rate shows it,
    /// the Grid and Results move their selection to it.
    fn show_undone(&mut self, c: usize) {
        match self.screen {
            Screen::Rate => {
                self.rate.current = c;
                self.sync_cursor();
                self.store_position();
            }
            Screen::Grid => self.grid.reveal(&self.framework, c),
            // Under a filter that no longer lists it, the selection stays where it was.
            Screen::Results => {
                if self.results.summary.rows.iter().any(|r| r.competency == c) {
                    self.results.reselect(Some(c));
                }
            }
            Screen::Plan => {
                self.rebuild_plan_rows();
                let id = &self.framework.competencies[c].id;
                if let Some(at) = self.plan.rows.iter().position(|r| &r.competency == id) {
                    self.plan.selected = at;
                }
                self.plan.focus = c;
            }
            Screen::Roles => {}
        }
    }

    /// What a step did, for the notice: "RI1 4 → not rated (Risk and issues)".
    fn describe(&self, step: &Step, direction: Direction) -> Undone {
        let name = |id: &CompetencyId| match self.framework.competency_index(id) {
            Some(c) => format!("{id} {}", self.framework.competencies[c].name),
            None => id.to_string(),
        };
        let ratings: Vec<(String, Option<Rating>, Option<Rating>)> = step
            .changes
            .iter()
            .filter_map(|change| match change {
                Change::Rating { id, before, after } => {
                    let (from, to) = match direction {
                        Direction::Undo => (after, before),
                        Direction::Redo => (before, after),
                    };
                    Some((id, from, to))
                }
                _ => None,
            })
            .map(|(id, from, to)| (id.to_string(), *from, *to))
            .collect();
        let first = step.changes.first().map(Change::id);
        match (step.kind, first) {
            (Kind::Note, Some(id)) => Undone::Note(name(id)),
            (Kind::Plan, Some(id)) => Undone::Plan(name(id)),
            (Kind::WhatIf, _) => Undone::WhatIf(ratings),
            // One change names its competency after it, so a short footer keeps the change:
            // "RI1 4 → not rated (Risk and issues)".
            _ => Undone::Ratings {
                name: first
                    .filter(|_| ratings.len() == 1)
                    .and_then(|id| self.framework.competency_index(id))
                    .map(|c| self.framework.competencies[c].name.clone()),
                changes: ratings,
            },
        }
    }
}

#[cfg(test)]
mod tests;
