//! The development-plan editor on Results: a personal target and a next action for one
//! competency.

use ratatui_textarea::TextArea;

use super::undo::{Change, Kind};
use super::{App, Effect, Intent, rate::text_area};
use crate::domain::{Editing, Level, PlanItem, Rating};

/// Which field of the plan editor has the keyboard.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum PlanField {
    Target,
    Action,
}

/// Editing the personal target and next action for one competency.
#[derive(Debug, Clone)]
pub struct PlanEditor {
    pub competency: usize,
    pub target: Option<Level>,
    pub action: TextArea<'static>,
    pub field: PlanField,
    /// The plan as it was when the editor opened: the whole edit is one step to undo.
    pub(super) before: Option<PlanItem>,
}

impl App {
    pub(super) fn open_plan(&mut self) -> Vec<Effect> {
        let Some(c) = self.results.selected_competency() else {
            return Vec::new();
        };
        if self.read_only {
            return self.refuse_write();
        }
        self.open_plan_on(c);
        let id = self.framework.competencies[c].id.clone();
        self.set_editing(Some(Editing::Plan(id)))
    }

    /// Opens the plan editor on competency `c`.
    pub(super) fn open_plan_on(&mut self, c: usize) {
        let before = self
            .assessment
            .plan
            .get(&self.framework.competencies[c].id)
            .cloned();
        let existing = before.clone().unwrap_or_default();
        // Suggest the profile's target as a starting point.
        let target = existing
            .target
            .or_else(|| Some(self.framework.target(self.target_profile(), c)));
        self.results.plan = Some(PlanEditor {
            competency: c,
            target,
            action: text_area(existing.first_text()),
            field: PlanField::Target,
            before,
        });
    }

    /// The plan editor has the keyboard. What it holds is kept as the plan at every change,
    /// and saved on the same debounce as a rating.
    pub(super) fn update_plan(&mut self, action: Intent) -> Vec<Effect> {
        let Some(plan) = self.results.plan.as_mut() else {
            return Vec::new();
        };
        match (plan.field, action) {
            (_, Intent::SwitchField) => {
                plan.field = match plan.field {
                    PlanField::Target => PlanField::Action,
                    PlanField::Action => PlanField::Target,
                };
            }
            (_, Intent::Back | Intent::CloseEditor) => return self.close_plan(),
            (_, Intent::Quit) => {
                let mut effects = self.close_plan();
                effects.extend(self.quit());
                return effects;
            }
            (PlanField::Action, Intent::Paste(text)) => {
                plan.action.insert_str(text);
            }
            (PlanField::Action, Intent::Edit(input)) => {
                plan.action.input(input);
            }
            (PlanField::Target, Intent::Rate(Rating::Level(level))) => {
                let c = plan.competency;
                if !level.is_none()
                    && self.framework.competencies[c].accepts(&self.framework.scale, level)
                {
                    plan.target = Some(level);
                }
            }
            (PlanField::Target, Intent::ClearRating) => plan.target = None,
            (PlanField::Target, Intent::Left) => {
                let c = plan.competency;
                plan.target = plan
                    .target
                    .map(|l| self.framework.step(c, l, false).unwrap_or(l));
            }
            (PlanField::Target, Intent::Right) => {
                let c = plan.competency;
                plan.target = Some(
                    plan.target
                        .and_then(|l| self.framework.step(c, l, true))
                        .unwrap_or(self.framework.top(c)),
                );
            }
            _ => {}
        }
        self.keep_plan()
    }

    /// Closes the plan editor and records the plan (an empty plan is removed).
    pub(super) fn close_plan(&mut self) -> Vec<Effect> {
        let effects = self.keep_plan();
        let Some(plan) = self.results.plan.take() else {
            return effects;
        };
        let mut effects = effects;
        effects.extend(self.set_editing(None));
        let id = self.framework.competencies[plan.competency].id.clone();
        if !effects.is_empty() {
            self.notice = Some(super::Notice::PlanSaved(id.to_string()));
        }
        let after = self.assessment.plan.get(&id).cloned();
        self.history.push(
            Kind::Plan,
            vec![Change::Plan {
                id,
                before: plan.before,
                after,
            }],
        );
        effects
    }

    /// Records what the plan editor holds (an empty plan is removed), leaving it open.
    pub(super) fn keep_plan(&mut self) -> Vec<Effect> {
        let Some(plan) = self.results.plan.as_ref() else {
            return Vec::new();
        };
        let id = self.framework.competencies[plan.competency].id.clone();
        let mut item = self.assessment.plan.get(&id).cloned().unwrap_or_default();
        let action = plan.action.lines().join("\n").trim().to_string();
        if item.target == plan.target && item.first_text() == action {
            return Vec::new();
        }
        let next_id = self.assessment.next_action_id();
        item.target = plan.target;
        item.set_first_text(&action, next_id);
        if item.is_empty() {
            self.assessment.plan.remove(&id);
        } else {
            self.assessment.plan.insert(id, item);
        }
        self.draft_changed()
    }
}
