//! Undo and redo of what the user changed in this run: ratings (N/A and clearing included),
//! notes, plans, and keeping what-if levels as ratings. Not saved: the history starts empty on
//! every start, and the file only ever holds the assessment itself.
//!
//! Each step holds the value of each field it changed before and after, so undoing writes the
//! "before" back and redoing the "after"; a step touches only its own fields.

use std::collections::VecDeque;

use super::{App, Effect, Screen};
use crate::domain::{CompetencyId, PlanItem, Rating};
use crate::strings;

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
            self.notice = Some(
                match direction {
                    Direction::Undo => strings::NOTHING_TO_UNDO,
                    Direction::Redo => strings::NOTHING_TO_REDO,
                }
                .into(),
            );
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
        self.notice = Some(match direction {
            Direction::Undo => strings::undid(&what),
            Direction::Redo => strings::redid(&what),
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

    /// What a step did, as the notice names it: "RI1 4 → not rated (Risk and issues)".
    fn describe(&self, step: &Step, direction: Direction) -> String {
        let name = |id: &CompetencyId| match self.framework.competency_index(id) {
            Some(c) => format!("{id} {}", self.framework.competencies[c].name),
            None => id.to_string(),
        };
        let rating = |r: &Option<Rating>| strings::rating_word(*r);
        let ratings: Vec<String> = step
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
            .map(|(id, from, to)| format!("{id} {} → {}", rating(from), rating(to)))
            .collect();
        // One change names its competency after it, so a short footer keeps the change:
        // "RI1 4 → not rated (Risk and issues)".
        let named = |text: &String| match step.changes.first().map(|c| c.id()) {
            Some(id) if ratings.len() == 1 => match self.framework.competency_index(id) {
                Some(c) => format!("{text} ({})", self.framework.competencies[c].name),
                None => text.clone(),
            },
            _ => text.clone(),
        };
        let first = step.changes.first().map(Change::id);
        match (step.kind, first) {
            (Kind::Note, Some(id)) => strings::undo_note(&name(id)),
            (Kind::Plan, Some(id)) => strings::undo_plan(&name(id)),
            (Kind::WhatIf, _) => strings::undo_what_if(&ratings),
            _ => named(&ratings.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{AppInit, Event, Intent, LockState, PlanField};
    use crate::domain::time::Datetime;
    use crate::domain::{Assessment, Level};
    use ratatui_textarea::Input;

    fn t0() -> Datetime {
        crate::clock::utc_from_epoch(0)
    }

    fn level(n: u8) -> Rating {
        Rating::Level(Level::new(n).unwrap())
    }

    fn id(text: &str) -> CompetencyId {
        text.into()
    }

    /// A fresh assessment, on the Rate screen at DP1.
    fn on_rate() -> App {
        let fw = crate::storage::framework::builtin();
        let assessment = Assessment::new("t", &fw, t0());
        let mut app = App::new(AppInit::new(fw, assessment));
        app.update(Intent::NextScreen, t0());
        app.update(Intent::NextScreen, t0());
        assert_eq!(app.screen, Screen::Rate);
        app
    }

    fn name(app: &App, text: &str) -> String {
        let c = app.framework.competency_index(&id(text)).unwrap();
        format!("{text} {}", app.framework.competencies[c].name)
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(
                Intent::Edit(Input {
                    key: ratatui_textarea::Key::Char(c),
                    ..Default::default()
                }),
                t0(),
            );
        }
    }

    fn notice(app: &App) -> &str {
        app.notice.as_deref().unwrap_or("")
    }

    #[test]
    fn undoing_a_rating_takes_it_out_shows_it_on_rate_and_saves() {
        let mut app = on_rate();
        app.update(Intent::Rate(level(4)), t0());
        assert_eq!(app.rate.current, 1, "rating moves on");
        app.update(Event::Saved { at: "now".into() }, t0());
        assert_eq!(app.update(Intent::Undo, t0()), vec![Effect::Changed]);
        assert_eq!(app.assessment.rating(&id("DP1")), None);
        assert!(app.dirty_data, "an undo is a change to save");
        assert_eq!(app.rate.current, 0, "Rate shows the competency undone");
        assert_eq!(app.rate.cursor, None);
        assert_eq!(
            notice(&app),
            "Undid: DP1 4 → not rated (Scope and requirements definition)"
        );
        assert_eq!(app.update(Intent::Redo, t0()), vec![Effect::Changed]);
        assert_eq!(app.assessment.rating(&id("DP1")), Some(level(4)));
        assert_eq!(
            notice(&app),
            "Redid: DP1 not rated → 4 (Scope and requirements definition)"
        );
        assert_eq!(app.update(Intent::Redo, t0()), Vec::<Effect>::new());
        assert_eq!(notice(&app), strings::NOTHING_TO_REDO);
    }

    #[test]
    fn n_a_and_clearing_are_undone_one_by_one() {
        let mut app = on_rate();
        app.update(Intent::Rate(Rating::NotApplicable), t0());
        app.update(Intent::Left, t0());
        app.update(Intent::ClearRating, t0());
        assert_eq!(app.assessment.rating(&id("DP1")), None);
        app.update(Intent::Undo, t0());
        assert_eq!(
            app.assessment.rating(&id("DP1")),
            Some(Rating::NotApplicable)
        );
        assert!(
            notice(&app).starts_with("Undid: DP1 not rated → N/A"),
            "{}",
            notice(&app)
        );
        app.update(Intent::Undo, t0());
        assert_eq!(app.assessment.rating(&id("DP1")), None);
        app.update(Intent::Undo, t0());
        assert_eq!(notice(&app), strings::NOTHING_TO_UNDO);
        app.update(Intent::Redo, t0());
        app.update(Intent::Redo, t0());
        assert_eq!(app.assessment.rating(&id("DP1")), None);
        assert_eq!(app.history.redoable(), 0);
    }

    #[test]
    fn a_note_edit_is_one_step_from_opening_to_closing_and_keeps_the_rating() {
        let mut app = on_rate();
        app.update(Intent::Rate(level(2)), t0());
        app.update(Intent::Left, t0());
        app.update(Intent::EditNote, t0());
        typed(&mut app, "led the kick-off");
        app.update(Intent::CloseEditor, t0());
        assert_eq!(app.assessment.note(&id("DP1")), "led the kick-off");
        assert_eq!(app.history.undoable(), 2, "the rating, then the whole note");
        app.update(Intent::Undo, t0());
        assert_eq!(app.assessment.note(&id("DP1")), "");
        assert_eq!(app.assessment.rating(&id("DP1")), Some(level(2)));
        let dp1 = name(&app, "DP1");
        assert_eq!(notice(&app), format!("Undid: the note on {dp1}"));
        app.update(Intent::Redo, t0());
        assert_eq!(app.assessment.note(&id("DP1")), "led the kick-off");
        assert_eq!(notice(&app), format!("Redid: the note on {dp1}"));
        // Opening and closing the editor without a change is no step.
        app.update(Intent::EditNote, t0());
        app.update(Intent::CloseEditor, t0());
        assert_eq!(app.history.undoable(), 2);
    }

    #[test]
    fn a_plan_edit_is_one_step() {
        let mut app = on_rate();
        app.update(Intent::Rate(level(1)), t0());
        app.update(Intent::NextScreen, t0());
        let dp1 = app.framework.competency_index(&id("DP1")).unwrap();
        app.results.reselect(Some(dp1));
        app.update(Intent::OpenPlan, t0());
        app.update(Intent::Rate(level(4)), t0());
        app.update(Intent::SwitchField, t0());
        assert_eq!(app.mode(), crate::app::Mode::Plan(PlanField::Action));
        typed(&mut app, "shadow a gate review");
        app.update(Intent::CloseEditor, t0());
        assert_eq!(app.assessment.plan[&id("DP1")].target, Level::new(4));
        app.update(Intent::Undo, t0());
        assert!(!app.assessment.plan.contains_key(&id("DP1")));
        assert_eq!(app.assessment.rating(&id("DP1")), Some(level(1)));
        assert!(notice(&app).starts_with("Undid: the plan for DP1"));
        app.update(Intent::Redo, t0());
        assert_eq!(
            app.assessment.plan[&id("DP1")].first_text(),
            "shadow a gate review"
        );
    }

    #[test]
    fn keeping_what_if_levels_is_undone_as_one_step() {
        let mut app = on_rate();
        app.update(Intent::Rate(level(1)), t0());
        app.update(Intent::Rate(level(3)), t0());
        app.update(Intent::NextScreen, t0());
        app.update(Intent::ToggleWhatIf, t0());
        for (competency, n) in [("DP1", 5), ("DP2", 0)] {
            let c = app.framework.competency_index(&id(competency)).unwrap();
            app.results.reselect(Some(c));
            app.update(Intent::Rate(level(n)), t0());
        }
        app.update(Intent::ApplyWhatIf, t0());
        assert_eq!(app.assessment.rating(&id("DP1")), Some(level(5)));
        assert_eq!(app.assessment.rating(&id("DP2")), Some(level(0)));
        assert_eq!(app.update(Intent::Undo, t0()), vec![Effect::Changed]);
        assert_eq!(app.assessment.rating(&id("DP1")), Some(level(1)));
        assert_eq!(app.assessment.rating(&id("DP2")), Some(level(3)));
        assert_eq!(
            notice(&app),
            "Undid: what-if levels kept as ratings: DP1 5 → 1, DP2 0 → 3"
        );
        app.update(Intent::Undo, t0());
        assert_eq!(app.assessment.rating(&id("DP2")), None, "then DP2's rating");
    }

    #[test]
    fn under_a_what_if_an_undone_rating_follows_unless_another_level_is_tried() {
        let mut app = on_rate();
        app.update(Intent::Rate(level(1)), t0());
        app.update(Intent::Rate(level(3)), t0());
        app.update(Intent::NextScreen, t0());
        app.update(Intent::ToggleWhatIf, t0());
        let dp1 = app.framework.competency_index(&id("DP1")).unwrap();
        app.results.reselect(Some(dp1));
        app.update(Intent::Rate(level(5)), t0());
        // Undoing DP2's 3: the what-if had DP2 as rated, so it follows; DP1's try stays.
        app.update(Intent::Undo, t0());
        assert_eq!(app.assessment.rating(&id("DP2")), None);
        let changes = app.what_if_changes();
        assert_eq!(changes, vec![(dp1, Level::new(1), Level::new(5))]);
    }

    #[test]
    fn the_history_holds_at_least_a_hundred_steps_and_forgets_the_oldest() {
        let mut app = on_rate();
        let n = app.framework.competencies.len();
        let steps = LIMIT + 30;
        for i in 0..steps {
            app.rate.current = i % n;
            app.update(Intent::Rate(level((i / n % 5) as u8 + 1)), t0());
        }
        const { assert!(LIMIT >= 100) };
        let mut undone = 0;
        while app.history.undoable() > 0 {
            app.update(Intent::Undo, t0());
            assert!(notice(&app).starts_with("Undid: "));
            undone += 1;
        }
        assert_eq!(undone, LIMIT);
        app.update(Intent::Undo, t0());
        assert_eq!(notice(&app), strings::NOTHING_TO_UNDO);
        // What is left is the state after the first 30 steps, which are beyond the history.
        let rated = app.assessment.rated_count(&app.framework);
        assert_eq!(rated, 30.min(n));
    }

    #[test]
    fn a_new_change_after_an_undo_clears_the_redo() {
        let mut app = on_rate();
        app.update(Intent::Rate(level(2)), t0());
        app.update(Intent::Undo, t0());
        assert_eq!(app.history.redoable(), 1);
        app.update(Intent::Rate(level(3)), t0());
        assert_eq!(app.history.redoable(), 0);
        assert_eq!(app.update(Intent::Redo, t0()), Vec::<Effect>::new());
        assert_eq!(notice(&app), strings::NOTHING_TO_REDO);
        assert_eq!(app.assessment.rating(&id("DP1")), Some(level(3)));
    }

    #[test]
    fn read_only_does_nothing_on_undo_and_does_not_list_it() {
        let fw = crate::storage::framework::builtin();
        let assessment = Assessment::new("t", &fw, t0());
        let init = AppInit::new(fw, assessment).lock(LockState::Busy);
        let mut app = App::new(init);
        app.update(Intent::OpenReadOnly, t0());
        assert!(app.read_only);
        for action in [Intent::Undo, Intent::Redo] {
            assert_eq!(app.update(action, t0()), Vec::<Effect>::new());
        }
        assert!(!notice(&app).contains("undo"), "{}", notice(&app));
        for screen in Screen::ALL {
            let listed = crate::input::listed_bindings(crate::app::Mode::Screen(screen), true);
            assert!(listed.iter().all(|b| b.help != "redo what was undone"));
            let all = crate::input::listed_bindings(crate::app::Mode::Screen(screen), false);
            assert!(all.iter().any(|b| b.help == "redo what was undone"));
        }
    }

    #[test]
    fn the_users_editor_replaces_the_note_as_one_step() {
        let mut app = on_rate();
        let dp1 = id("DP1");
        assert_eq!(
            app.update(Intent::EditNoteExternally, t0()),
            vec![Effect::EditNote(dp1.clone(), String::new())]
        );
        let edited = Ok("from the editor\n\n".to_string());
        let effects = app.update(Event::NoteEdited(dp1.clone(), edited), t0());
        assert_eq!(effects, vec![Effect::Changed]);
        assert_eq!(app.assessment.note(&dp1), "from the editor");
        assert_eq!(notice(&app), strings::NOTE_FROM_EDITOR);
        // The same text back: nothing changes.
        let same = Ok("from the editor\n".to_string());
        assert!(
            app.update(Event::NoteEdited(dp1.clone(), same), t0())
                .is_empty()
        );
        assert_eq!(notice(&app), strings::NOTE_UNCHANGED);
        // An editor that failed leaves the note as it was and says why.
        let failed = Err(crate::app::EditorError::Failed {
            editor: "false".into(),
            status: Some(1),
        });
        assert!(
            app.update(Event::NoteEdited(dp1.clone(), failed), t0())
                .is_empty()
        );
        assert_eq!(app.assessment.note(&dp1), "from the editor");
        assert!(notice(&app).contains("`false`"));
        assert_eq!(app.history.undoable(), 1);
        app.update(Intent::Undo, t0());
        assert_eq!(app.assessment.note(&dp1), "");
    }

    #[test]
    fn from_the_note_editor_the_users_editor_gets_what_is_typed_and_gives_it_back() {
        let mut app = on_rate();
        let dp1 = id("DP1");
        app.update(Intent::EditNote, t0());
        typed(&mut app, "draft");
        // What is typed is kept (saved) as it is typed, so the editor gets it as it is.
        assert_eq!(app.assessment.note(&dp1), "draft");
        assert_eq!(
            app.update(Intent::EditNoteExternally, t0()),
            vec![Effect::EditNote(dp1.clone(), "draft".into())]
        );
        assert_eq!(app.assessment.note(&dp1), "draft");
        let edited = Ok("final\nwords\n".to_string());
        app.update(Event::NoteEdited(dp1.clone(), edited), t0());
        assert_eq!(
            app.mode(),
            crate::app::Mode::Note,
            "back in the note editor"
        );
        let lines = app.rate.editor.as_ref().unwrap().lines().join("\n");
        assert_eq!(lines, "final\nwords");
        assert_eq!(app.assessment.note(&dp1), "final\nwords");
        app.update(Intent::CloseEditor, t0());
        assert_eq!(app.history.undoable(), 1, "the whole edit is one step");
        app.update(Intent::Undo, t0());
        assert_eq!(app.assessment.note(&dp1), "");
    }

    #[test]
    fn the_users_editor_is_refused_read_only() {
        let fw = crate::storage::framework::builtin();
        let assessment = Assessment::new("t", &fw, t0());
        let init = AppInit::new(fw, assessment).lock(LockState::Busy);
        let mut app = App::new(init);
        app.update(Intent::OpenReadOnly, t0());
        app.update(Intent::NextScreen, t0());
        app.update(Intent::NextScreen, t0());
        assert!(app.update(Intent::EditNoteExternally, t0()).is_empty());
        assert_eq!(notice(&app), strings::READ_ONLY_REFUSED);
    }

    fn rating(id: &str, n: u8) -> Change {
        Change::Rating {
            id: id.into(),
            before: None,
            after: crate::domain::Level::new(n).map(Rating::Level),
        }
    }

    #[test]
    fn a_step_that_changes_nothing_is_not_kept() {
        let mut history = History::default();
        history.push(
            Kind::Note,
            vec![Change::Note {
                id: "DP1".into(),
                before: "same".into(),
                after: "same".into(),
            }],
        );
        assert_eq!(history.undoable(), 0);
        history.push(Kind::Rating, vec![rating("DP1", 3)]);
        assert_eq!(history.undoable(), 1);
    }

    #[test]
    fn the_history_keeps_the_newest_steps_up_to_its_limit() {
        let mut history = History::default();
        for i in 0..LIMIT + 50 {
            history.push(Kind::Rating, vec![rating(&format!("X{i}"), 1)]);
        }
        assert_eq!(history.undoable(), LIMIT);
        let oldest = history.undo.front().unwrap().changes[0].id().to_string();
        assert_eq!(oldest, "X50", "the oldest steps are the ones forgotten");
    }
}
