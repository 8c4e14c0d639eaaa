//! The Plan screen: every action of the development plan, grouped by when it is due, with keys
//! to add, edit, date, mark done, drop and delete actions. Each change is one step to undo.

use crate::domain::time::Date;
use ratatui_textarea::TextArea;

use super::Notice;
use super::undo::{Change, Kind};
use super::{App, Effect, Intent, Prompt, Screen};
use crate::domain::due::{self, DueGroup};
use crate::domain::{ActionStatus, CompetencyId, PlanAction, PlanItem};
use crate::strings::fields;

/// One row of the Plan screen: an action, by its competency and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRow {
    pub competency: CompetencyId,
    /// The competency's index in the framework; None for an id the framework lacks.
    pub index: Option<usize>,
    pub action: u32,
    pub group: DueGroup,
}

/// The order of the rows: group, due day, framework order, action id.
type RowKey = (DueGroup, Option<i64>, usize, u32);

/// What the Plan screen's one-line field is for.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PlanInputKind {
    /// A new action's text, for this competency.
    Add(usize),
    /// The text of the action with this id.
    Text(u32),
    /// The due date of the action with this id.
    Due(u32),
    /// The evidence note of the action with this id, which is marked done on Enter.
    Evidence(u32),
}

/// The Plan screen's one-line field.
#[derive(Clone, Debug)]
pub struct PlanInput {
    pub kind: PlanInputKind,
    pub field: TextArea<'static>,
    /// Why the last Enter was refused (a date that is not one).
    pub error: Option<Notice>,
}

/// The Plan screen's state.
#[derive(Clone, Debug, Default)]
pub struct PlanState {
    /// Every action, in the order shown: by group, then date, then framework order.
    pub rows: Vec<PlanRow>,
    pub selected: usize,
    /// First row shown (kept by the frame).
    pub offset: usize,
    /// The competency a new action goes to when no row is selected.
    pub focus: usize,
    pub input: Option<PlanInput>,
    /// Search was opened to choose the competency of a new action.
    pub choosing: bool,
    /// What the rows were ordered from (see [`App::plan_fingerprint`]): a key that leaves it
    /// the same does not order 2,000 actions again.
    pub(super) built_from: Option<u64>,
}

impl PlanState {
    /// The selected row, if any.
    pub fn selected_row(&self) -> Option<&PlanRow> {
        self.rows.get(self.selected)
    }
}

impl App {
    /// The Plan screen's state.
    pub fn plan_screen(&self) -> &PlanState {
        &self.plan
    }

    /// Today, on the local calendar, at the action being applied.
    pub fn today(&self) -> Date {
        crate::clock::local_day(&self.now)
    }

    /// The action with this id and its competency.
    pub fn plan_action(&self, id: u32) -> Option<(&CompetencyId, &PlanAction)> {
        self.assessment.actions().find(|(_, a)| a.id == id)
    }

    /// The action a row shows: found under its competency, so drawing a screenful of rows
    /// does not search the whole plan for each (2,000 actions stay under a millisecond a key).
    pub fn row_action(&self, row: &PlanRow) -> Option<&PlanAction> {
        self.assessment
            .plan
            .get(&row.competency)
            .and_then(|item| item.actions.iter().find(|a| a.id == row.action))
    }

    /// Everything the rows' order depends on, hashed: the day, and each action's competency,
    /// id, date and status (not its text, which no row holds).
    fn plan_fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let today = self.today();
        (today.year, today.month, today.day).hash(&mut hasher);
        for (id, item) in &self.assessment.plan {
            id.hash(&mut hasher);
            item.actions.len().hash(&mut hasher);
            for a in &item.actions {
                (a.id, a.due.map(due::day_number), a.status).hash(&mut hasher);
            }
        }
        hasher.finish()
    }

    /// Orders the rows anew when what they are ordered from changed (an undo, a new day, a
    /// change made elsewhere); otherwise leaves them as they are.
    pub(super) fn refresh_plan_rows(&mut self) {
        if self.plan.built_from != Some(self.plan_fingerprint()) {
            self.rebuild_plan_rows();
        }
    }

    /// Orders the rows anew (after a change, or a new day), keeping the selected action.
    pub(super) fn rebuild_plan_rows(&mut self) {
        let keep = self.plan.selected_row().map(|r| r.action);
        let today = self.today();
        let fw = &self.framework;
        let mut rows: Vec<(RowKey, PlanRow)> = self
            .assessment
            .actions()
            .map(|(id, a)| {
                let index = fw.competency_index(id);
                let group = DueGroup::of(a, today);
                (
                    (
                        group,
                        a.due.map(due::day_number),
                        index.unwrap_or(usize::MAX),
                        a.id,
                    ),
                    PlanRow {
                        competency: id.clone(),
                        index,
                        action: a.id,
                        group,
                    },
                )
            })
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        self.plan.rows = rows.into_iter().map(|(_, r)| r).collect();
        self.plan.built_from = Some(self.plan_fingerprint());
        if let Some(keep) = keep
            && let Some(at) = self.plan.rows.iter().position(|r| r.action == keep)
        {
            self.plan.selected = at;
        }
        self.plan.selected = self
            .plan
            .selected
            .min(self.plan.rows.len().saturating_sub(1));
    }

    /// Selects the row of this action.
    pub(super) fn select_action(&mut self, id: u32) {
        if let Some(at) = self.plan.rows.iter().position(|r| r.action == id) {
            self.plan.selected = at;
        }
    }

    /// The competency a new action goes to: the selected row's, or the one the screen was
    /// opened on.
    pub fn adding_to(&self) -> usize {
        self.plan
            .focus
            .min(self.framework.competencies.len().saturating_sub(1))
    }

    /// The Plan screen opens on competency `c` (the one selected where the user came from):
    /// its first action is selected, and a new action goes to it.
    pub(super) fn plan_opened_on(&mut self, c: usize) {
        self.rebuild_plan_rows();
        self.plan.focus = c;
        let id = &self.framework.competencies[c].id;
        if let Some(at) = self.plan.rows.iter().position(|r| &r.competency == id) {
            self.plan.selected = at;
        }
    }

    /// Changes the plan of competency `id` with `f` as one step to undo.
    fn change_plan(&mut self, id: &CompetencyId, f: impl FnOnce(&mut PlanItem)) -> Vec<Effect> {
        let before = self.assessment.plan.get(id).cloned();
        let mut item = before.clone().unwrap_or_default();
        f(&mut item);
        let after = (!item.is_empty()).then_some(item);
        if after == before {
            return Vec::new();
        }
        match &after {
            Some(item) => self.assessment.plan.insert(id.clone(), item.clone()),
            None => self.assessment.plan.remove(id),
        };
        self.history.push(
            Kind::Plan,
            vec![Change::Plan {
                id: id.clone(),
                before,
                after,
            }],
        );
        let effects = self.changed();
        self.rebuild_plan_rows();
        effects
    }

    /// Changes the action with this id with `f`, as one step to undo.
    fn change_action(&mut self, action: u32, f: impl FnOnce(&mut PlanAction)) -> Vec<Effect> {
        let Some((id, _)) = self.plan_action(action) else {
            return Vec::new();
        };
        let id = id.clone();
        self.change_plan(&id, |item| {
            if let Some(a) = item.actions.iter_mut().find(|a| a.id == action) {
                f(a);
            }
        })
    }

    /// A Plan screen key, when nothing is over the screen.
    pub(super) fn update_plan_screen(&mut self, action: Intent) -> Vec<Effect> {
        let len = self.plan.rows.len();
        let page = self.page();
        let selected = self.plan.selected;
        match action {
            Intent::Up => self.plan.selected = selected.saturating_sub(1),
            Intent::Down => self.plan.selected = (selected + 1).min(len.saturating_sub(1)),
            Intent::PageUp => self.plan.selected = selected.saturating_sub(page),
            Intent::PageDown => {
                self.plan.selected = (selected + page).min(len.saturating_sub(1));
            }
            Intent::Home => self.plan.selected = 0,
            Intent::End => self.plan.selected = len.saturating_sub(1),
            Intent::AddAction => return self.open_plan_input(None),
            Intent::ChooseForAction => {
                if self.read_only {
                    return self.refuse_write();
                }
                self.plan.choosing = true;
                self.notice = Some(Notice::PlanChoose);
                return self.open_search();
            }
            Intent::Activate | Intent::EditAction => {
                let id = self.plan.selected_row().map(|r| r.action);
                return match id {
                    Some(id) => self.open_plan_input(Some(PlanInputKind::Text(id))),
                    None => self.open_plan_input(None),
                };
            }
            Intent::SetDue => {
                if let Some(id) = self.plan.selected_row().map(|r| r.action) {
                    return self.open_plan_input(Some(PlanInputKind::Due(id)));
                }
                self.notice = Some(Notice::NothingSelected);
            }
            Intent::MarkDone => {
                if let Some(id) = self.plan.selected_row().map(|r| r.action) {
                    return self.open_plan_input(Some(PlanInputKind::Evidence(id)));
                }
                self.notice = Some(Notice::NothingSelected);
            }
            Intent::CycleStatus => {
                let Some(id) = self.plan.selected_row().map(|r| r.action) else {
                    self.notice = Some(Notice::NothingSelected);
                    return Vec::new();
                };
                if self.read_only {
                    return self.refuse_write();
                }
                let mut now = ActionStatus::Planned;
                let today = self.today();
                let effects = self.change_action(id, |a| {
                    a.set_status(a.status.next(), today);
                    now = a.status;
                });
                self.notice = Some(Notice::StatusSet(now));
                return effects;
            }
            Intent::DeleteAction => {
                let Some(row) = self.plan.selected_row().cloned() else {
                    self.notice = Some(Notice::NothingSelected);
                    return Vec::new();
                };
                if self.read_only {
                    return self.refuse_write();
                }
                let effects = self.change_plan(&row.competency, |item| {
                    item.actions.retain(|a| a.id != row.action);
                });
                self.notice = Some(Notice::ActionDeleted(row.competency.to_string()));
                return effects;
            }
            Intent::RateSelected => {
                let Some(c) = self.plan.selected_row().and_then(|r| r.index) else {
                    self.notice = Some(Notice::NothingSelected);
                    return Vec::new();
                };
                self.rate.current = c;
                return self.go_to(Screen::Rate);
            }
            _ => {}
        }
        if let Some(c) = self.plan.selected_row().and_then(|r| r.index) {
            self.plan.focus = c;
        }
        Vec::new()
    }

    /// Opens the one-line field: for a new action (None) on the competency of the selected
    /// row or the one in focus, or on the action the kind names.
    pub(super) fn open_plan_input(&mut self, kind: Option<PlanInputKind>) -> Vec<Effect> {
        if self.read_only {
            return self.refuse_write();
        }
        if self.framework.competencies.is_empty() {
            return Vec::new();
        }
        let kind = kind.unwrap_or_else(|| PlanInputKind::Add(self.adding_to()));
        let text = match kind {
            PlanInputKind::Add(_) => String::new(),
            PlanInputKind::Text(id) => self
                .plan_action(id)
                .map_or(String::new(), |(_, a)| a.text.clone()),
            PlanInputKind::Due(id) => self
                .plan_action(id)
                .and_then(|(_, a)| a.due)
                .map_or(String::new(), due::show),
            PlanInputKind::Evidence(id) => self
                .plan_action(id)
                .map_or(String::new(), |(_, a)| a.evidence.clone()),
        };
        let mut field = super::rate::text_area(&text);
        field.set_placeholder_text(match kind {
            PlanInputKind::Add(_) | PlanInputKind::Text(_) => fields::TEXT_PLACEHOLDER,
            PlanInputKind::Due(_) => fields::DUE_PLACEHOLDER,
            PlanInputKind::Evidence(_) => fields::EVIDENCE_PLACEHOLDER,
        });
        self.plan.input = Some(PlanInput {
            kind,
            field,
            error: None,
        });
        Vec::new()
    }

    /// The Plan screen's field has the keyboard.
    pub(super) fn update_plan_input(&mut self, action: Intent) -> Vec<Effect> {
        let Some(input) = self.plan.input.as_mut() else {
            return Vec::new();
        };
        match action {
            Intent::Edit(key) => {
                if !matches!(
                    key.key,
                    ratatui_textarea::Key::Enter | ratatui_textarea::Key::Tab
                ) {
                    input.field.input(key);
                    input.error = None;
                }
                Vec::new()
            }
            Intent::Paste(text) => {
                input
                    .field
                    .insert_str(text.split_whitespace().collect::<Vec<_>>().join(" "));
                Vec::new()
            }
            Intent::Cancel | Intent::Back | Intent::CloseEditor => {
                self.plan.input = None;
                Vec::new()
            }
            Intent::Quit => {
                self.plan.input = None;
                self.quit()
            }
            Intent::Confirm => self.confirm_plan_input(),
            _ => Vec::new(),
        }
    }

    /// Enter in the field: applies what it holds, or says why not and keeps it open.
    fn confirm_plan_input(&mut self) -> Vec<Effect> {
        let Some(input) = self.plan.input.as_ref() else {
            return Vec::new();
        };
        let text = input.field.lines().join(" ").trim().to_string();
        let kind = input.kind;
        match kind {
            PlanInputKind::Add(c) => {
                if text.is_empty() {
                    self.set_input_error(Notice::EmptyAction);
                    return Vec::new();
                }
                self.plan.input = None;
                let id = self.framework.competencies[c].id.clone();
                let new = self.assessment.next_action_id();
                let effects = self.change_plan(&id, |item| {
                    item.actions.push(PlanAction::new(new, &text));
                });
                self.select_action(new);
                self.notice = Some(Notice::ActionAdded(id.to_string()));
                effects
            }
            PlanInputKind::Text(action) => {
                if text.is_empty() {
                    self.set_input_error(Notice::EmptyAction);
                    return Vec::new();
                }
                self.plan.input = None;
                self.change_action(action, |a| a.text = text)
            }
            PlanInputKind::Due(action) => {
                let due = if text.is_empty() {
                    None
                } else {
                    match due::parse_due(&text, self.today()) {
                        Ok(date) => Some(date),
                        Err(reason) => {
                            self.set_input_error(Notice::Said(reason.to_string()));
                            return Vec::new();
                        }
                    }
                };
                self.plan.input = None;
                let effects = self.change_action(action, |a| a.due = due);
                self.notice = Some(Notice::DueSet(due));
                effects
            }
            PlanInputKind::Evidence(action) => {
                self.plan.input = None;
                let today = self.today();
                let effects = self.change_action(action, |a| {
                    a.set_status(ActionStatus::Done, today);
                    a.evidence = text;
                });
                if let Some(c) = self
                    .plan_action(action)
                    .and_then(|(id, _)| self.framework.competency_index(id))
                {
                    self.prompt = Some(Prompt::Rerate(c));
                }
                effects
            }
        }
    }

    fn set_input_error(&mut self, reason: Notice) {
        if let Some(input) = self.plan.input.as_mut() {
            input.error = Some(reason);
        }
    }

    /// Search chose competency `c` on the Plan screen: a new action for it when search was
    /// opened for that, else its first action selected (or, with none, it is the one a new
    /// action goes to).
    pub(super) fn plan_jump_to(&mut self, c: usize) -> Vec<Effect> {
        self.plan.focus = c;
        if std::mem::take(&mut self.plan.choosing) {
            return self.open_plan_input(Some(PlanInputKind::Add(c)));
        }
        let id = &self.framework.competencies[c].id;
        match self.plan.rows.iter().position(|r| &r.competency == id) {
            Some(at) => self.plan.selected = at,
            None => self.notice = Some(Notice::NoActionsYet(id.to_string())),
        }
        Vec::new()
    }
}
