//! Results screen state: the summary computed from the ratings (or a what-if copy of them),
//! the gap table's sort, filter and selection, and the development-plan editor.
//!
//! One file: the Results screen's state and what each action does to it; about 110 of its
//! lines are tests.

use super::{App, Effect, Intent, Notice, PlanEditor};
use crate::domain::scoring::{self, Band, RatingSheet};
use crate::domain::{Framework, Level, Rating, Screen};

/// Order of the gap table.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum GapSort {
    /// Largest gap first, strengths last.
    #[default]
    Gap,
    /// Framework order.
    Area,
    /// By competency name.
    Name,
}

impl GapSort {
    /// The next order in the cycle.
    pub fn next(self) -> GapSort {
        match self {
            GapSort::Gap => GapSort::Area,
            GapSort::Area => GapSort::Name,
            GapSort::Name => GapSort::Gap,
        }
    }

    /// Shown in the table title.
    pub fn label(self) -> &'static str {
        match self {
            GapSort::Gap => "largest gap first",
            GapSort::Area => "framework order",
            GapSort::Name => "by name",
        }
    }
}

/// Which rows the gap table shows.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum GapFilter {
    /// Every rated competency.
    #[default]
    Rated,
    /// Gaps and top-ups only.
    BelowTarget,
    /// At or above target.
    MeetsOrAbove,
    /// Above target only.
    Strengths,
    /// Not rated yet (or N/A), to try what-if levels on.
    Unrated,
}

impl GapFilter {
    /// The next filter in the cycle.
    pub fn next(self) -> GapFilter {
        match self {
            GapFilter::Rated => GapFilter::BelowTarget,
            GapFilter::BelowTarget => GapFilter::MeetsOrAbove,
            GapFilter::MeetsOrAbove => GapFilter::Strengths,
            GapFilter::Strengths => GapFilter::Unrated,
            GapFilter::Unrated => GapFilter::Rated,
        }
    }

    /// Shown in the table title.
    pub fn label(self) -> &'static str {
        match self {
            GapFilter::Rated => "all rated",
            GapFilter::BelowTarget => "below target",
            GapFilter::MeetsOrAbove => "meets or above",
            GapFilter::Strengths => "above target",
            GapFilter::Unrated => "unanswered or N/A",
        }
    }

    fn keeps(self, band: Option<Band>) -> bool {
        match (self, band) {
            (GapFilter::Unrated, None) => true,
            (GapFilter::Unrated, Some(_)) | (_, None) => false,
            (GapFilter::Rated, Some(_)) => true,
            (GapFilter::BelowTarget, Some(b)) => matches!(b, Band::Gap | Band::TopUp),
            (GapFilter::MeetsOrAbove, Some(b)) => matches!(b, Band::Meets | Band::Strength),
            (GapFilter::Strengths, Some(b)) => b == Band::Strength,
        }
    }
}

/// The lower half of the Results screen when there is no room for both: the gap table first,
/// since the first gaps are what a user decides by (README: Using it).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum LowerView {
    Areas,
    #[default]
    Gaps,
}

/// One row of the gap table.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ResultRow {
    pub competency: usize,
    pub level: Option<Level>,
    pub target: Level,
    pub band: Option<Band>,
}

impl ResultRow {
    /// Competency `c` as the gap table shows it: its level in `sheet` against `target`'s.
    fn of(framework: &Framework, sheet: &RatingSheet, target: usize, c: usize) -> ResultRow {
        let level = sheet.level(c);
        let target = framework.target(target, c);
        ResultRow {
            competency: c,
            level,
            target,
            // A competency the profile does not require has no gap and no strength.
            band: level
                .filter(|_| !target.is_none())
                .map(|l| Band::of(l, target)),
        }
    }
}

/// What the Results screen shows: the figures every screen and export share, and the gap
/// table as sorted and filtered here.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Fits, verdict, reasons, areas: the same figures as every export.
    pub figures: crate::domain::Summary,
    /// The gap table, sorted and filtered; unrated rows too, for what-if.
    pub rows: Vec<ResultRow>,
}

impl Summary {
    /// Computes the summary for `sheet` against `target`.
    pub fn compute(
        framework: &Framework,
        sheet: &RatingSheet,
        target: usize,
        sort: GapSort,
        filter: GapFilter,
    ) -> Summary {
        Summary {
            figures: crate::domain::Summary::compute(framework, sheet, target),
            rows: Summary::rows(framework, sheet, target, sort, filter),
        }
    }

    /// The gap table alone, sorted and filtered: what a change of order or filter redoes.
    pub fn rows(
        framework: &Framework,
        sheet: &RatingSheet,
        target: usize,
        sort: GapSort,
        filter: GapFilter,
    ) -> Vec<ResultRow> {
        let row = |c: usize| ResultRow::of(framework, sheet, target, c);
        let keep = |row: &ResultRow| filter.keeps(row.band);
        // By name: a walk along the framework's name order, sorted once.
        if sort == GapSort::Name {
            return framework
                .by_name()
                .iter()
                .map(|&c| row(c))
                .filter(keep)
                .collect();
        }
        let mut rows: Vec<ResultRow> = (0..framework.competencies.len())
            .map(row)
            .filter(keep)
            .collect();
        // The model's one gap order (`scoring::gap_order`, as `scoring::gaps` sorts), with
        // unrated rows last; the sort is stable, so equal keys stay in competency order, as
        // the rows were made.
        if sort == GapSort::Gap {
            rows.sort_by_key(|row| scoring::gap_order(row.level, row.target));
        }
        rows
    }
}

/// State of the Results screen.
#[derive(Debug)]
pub struct ResultsState {
    pub summary: Summary,
    pub selected: usize,
    /// First visible row of the gap table in the last frame (see `Event::Drawn`).
    pub offset: usize,
    /// First line shown of the verdict panel; the frame clamps it to the text.
    pub summary_scroll: usize,
    /// Whether the next frame scrolls the verdict panel to the target profile's line (after
    /// `t` chose one that may be out of view).
    pub reveal_target: bool,
    /// First row shown of the areas chart when it is the lower panel alone (small terminals),
    /// where ↑↓ scroll it; the frame clamps it.
    pub areas_scroll: usize,
    /// Whether the last frame showed the areas chart alone, without the gap table.
    pub areas_alone: bool,
    pub sort: GapSort,
    pub filter: GapFilter,
    pub view: LowerView,
    /// Levels under what-if; None when showing the real ratings.
    pub what_if: Option<RatingSheet>,
    /// Under a what-if: readiness per profile from the ratings themselves, for before → after.
    pub before: Option<Vec<scoring::Readiness>>,
    pub plan: Option<PlanEditor>,
}

impl ResultsState {
    /// Results for a sheet, with default sort and filter.
    pub fn new(framework: &Framework, sheet: &RatingSheet, target: usize) -> ResultsState {
        ResultsState {
            summary: Summary::compute(framework, sheet, target, GapSort::Gap, GapFilter::Rated),
            selected: 0,
            offset: 0,
            summary_scroll: 0,
            reveal_target: false,
            areas_scroll: 0,
            areas_alone: false,
            sort: GapSort::Gap,
            filter: GapFilter::Rated,
            view: LowerView::Gaps,
            what_if: None,
            before: None,
            plan: None,
        }
    }

    /// Puts the cursor back on competency `keep` where it is still listed; otherwise the
    /// selection, and the table with it, start again from the top, not scrolled to a row no
    /// longer selected.
    pub(super) fn reselect(&mut self, keep: Option<usize>) {
        let rows = &self.summary.rows;
        let kept = keep.and_then(|c| rows.iter().position(|r| r.competency == c));
        self.selected = kept.unwrap_or(0).min(rows.len().saturating_sub(1));
        if kept.is_none() {
            self.offset = 0;
        }
    }

    /// The competency under the cursor in the gap table.
    pub fn selected_competency(&self) -> Option<usize> {
        self.summary.rows.get(self.selected).map(|r| r.competency)
    }
}

impl App {
    /// Recomputes the Results summary (from the what-if levels when a what-if is on), keeping
    /// the cursor on the same competency where it is still listed.
    pub(super) fn refresh_results(&mut self) {
        self.refresh_results_keeping(false);
    }

    /// With `keep_order`, the gap table keeps its rows and their order and only their values
    /// change, so a what-if edit does not move the row being edited.
    fn refresh_results_keeping(&mut self, keep_order: bool) {
        self.results_stale = false;
        let keep = self.results.selected_competency();
        let previous: Vec<usize> = if keep_order {
            self.results
                .summary
                .rows
                .iter()
                .map(|r| r.competency)
                .collect()
        } else {
            Vec::new()
        };
        let sheet = self.results.what_if.as_ref().unwrap_or(&self.derived.sheet);
        self.results.summary = Summary::compute(
            &self.framework,
            sheet,
            self.target_profile(),
            self.results.sort,
            self.results.filter,
        );
        // Under a what-if, the readiness of the real ratings, for before → after; only the
        // readiness is needed, not a second whole summary.
        self.results.before = self.results.what_if.as_ref().map(|_| {
            (0..self.framework.profiles.len())
                .map(|p| scoring::readiness(&self.framework, &self.derived.sheet, p))
                .collect()
        });
        if keep_order {
            let target = self.target_profile();
            self.results.summary.rows = previous
                .into_iter()
                .map(|c| ResultRow::of(&self.framework, sheet, target, c))
                .collect();
        }
        // While working on Results (what-if, plans), stay on the same competency; elsewhere
        // the table starts from the top next time it is shown.
        let keep = keep.filter(|_| self.screen == Screen::Results);
        self.results.reselect(keep);
    }

    /// A new order or filter of the gap table: the rows are redone, the figures are not.
    fn reorder_results(&mut self) {
        let keep = self.results.selected_competency();
        let sheet = self.results.what_if.as_ref().unwrap_or(&self.derived.sheet);
        let rows = Summary::rows(
            &self.framework,
            sheet,
            self.target_profile(),
            self.results.sort,
            self.results.filter,
        );
        self.results.summary.rows = rows;
        self.results.reselect(keep);
    }

    /// What an action does on the Results screen.
    pub(super) fn update_results(&mut self, action: Intent) -> Vec<Effect> {
        match action {
            Intent::ScrollDetail(_)
            | Intent::Up
            | Intent::Down
            | Intent::PageUp
            | Intent::PageDown
            | Intent::Home
            | Intent::End => self.move_in_results(action),
            Intent::CycleSort | Intent::CycleFilter | Intent::SwitchView => {
                self.arrange_results(action);
            }
            Intent::OpenPlan | Intent::Activate => return self.open_plan(),
            Intent::RateSelected => {
                let Some(c) = self.results.selected_competency() else {
                    return Vec::new();
                };
                self.rate.current = c;
                return self.go_to(Screen::Rate);
            }
            Intent::ToggleWhatIf | Intent::Back if self.what_if() => {
                let changes = self.what_if_changes().len();
                if changes == 0 {
                    self.discard_what_if();
                } else {
                    self.prompt = Some(super::Prompt::DiscardWhatIf(changes));
                }
            }
            Intent::ToggleWhatIf => {
                self.results.what_if = Some(self.derived.sheet.clone());
                self.results.view = LowerView::Gaps;
                self.notice = Some(Notice::WhatIfOn(self.framework.scale.clone()));
                self.refresh_results();
            }
            Intent::ApplyWhatIf => return self.apply_what_if(),
            Intent::ExportReport(format) => return vec![Effect::Export(format)],
            Intent::CloseRound => return self.open_round_label(),
            Intent::Left | Intent::Right | Intent::Rate(_) => return self.step_what_if(action),
            _ => {}
        }
        Vec::new()
    }

    /// Scrolls the summary, or moves the gap table's selection (the areas chart's scroll when
    /// it is alone on a small terminal).
    fn move_in_results(&mut self, action: Intent) {
        let rows = self.results.summary.rows.len();
        let page = self.page();
        let last = rows.saturating_sub(1);
        let selected = self.results.selected;
        match action {
            Intent::ScrollDetail(delta) => {
                self.results.summary_scroll =
                    self.results.summary_scroll.saturating_add_signed(delta);
            }
            // The areas chart alone on a small terminal: the moves scroll it.
            Intent::Up
            | Intent::Down
            | Intent::PageUp
            | Intent::PageDown
            | Intent::Home
            | Intent::End
                if self.results.view == LowerView::Areas && self.results.areas_alone =>
            {
                let scroll = &mut self.results.areas_scroll;
                *scroll = match action {
                    Intent::Up => scroll.saturating_sub(1),
                    Intent::Down => scroll.saturating_add(1),
                    Intent::PageUp => scroll.saturating_sub(page),
                    Intent::PageDown => scroll.saturating_add(page),
                    Intent::Home => 0,
                    _ => usize::MAX,
                };
            }
            Intent::Up => self.results.selected = selected.saturating_sub(1),
            Intent::Down => self.results.selected = (selected + 1).min(last),
            Intent::PageUp => self.results.selected = selected.saturating_sub(page),
            Intent::PageDown => self.results.selected = (selected + page).min(last),
            Intent::Home => self.results.selected = 0,
            Intent::End => self.results.selected = last,
            _ => {}
        }
    }

    /// Sorts or filters the gap table, or switches between it and the areas chart.
    fn arrange_results(&mut self, action: Intent) {
        match action {
            Intent::CycleSort => {
                self.results.sort = self.results.sort.next();
                self.reorder_results();
                self.notice = Some(Notice::Sorted(self.results.sort));
            }
            Intent::CycleFilter => {
                self.results.filter = self.results.filter.next();
                self.results.selected = 0;
                self.results.offset = 0;
                self.reorder_results();
                self.notice = Some(Notice::Filtered {
                    filter: self.results.filter,
                    rows: self.results.summary.rows.len(),
                });
            }
            Intent::SwitchView => {
                self.results.view = match self.results.view {
                    LowerView::Areas => LowerView::Gaps,
                    LowerView::Gaps => LowerView::Areas,
                };
            }
            _ => {}
        }
    }

    /// Sets or steps the selected competency's what-if level (a hint outside what-if).
    fn step_what_if(&mut self, action: Intent) -> Vec<Effect> {
        let Some(c) = self.results.selected_competency() else {
            return Vec::new();
        };
        let Some(sheet) = self.results.what_if.as_mut() else {
            self.notice = Some(Notice::WhatIfHint);
            return Vec::new();
        };
        let now = sheet.level(c);
        let next = match action {
            Intent::Rate(Rating::Level(level))
                if !self.framework.choices(c).contains(&Rating::Level(level)) =>
            {
                return Vec::new();
            }
            Intent::Rate(Rating::Level(level)) => Some(level),
            Intent::Rate(Rating::NotApplicable) => None,
            Intent::Left => now.and_then(|l| self.framework.step(c, l, false)).or(now),
            _ => now
                .map_or_else(
                    || self.framework.step(c, Level::NONE, true),
                    |l| self.framework.step(c, l, true),
                )
                .or(now),
        };
        sheet.set(c, next);
        self.refresh_results_keeping(true);
        Vec::new()
    }

    /// The competencies whose what-if level differs from the rating, in framework order, with
    /// the level before and under the what-if.
    pub fn what_if_changes(&self) -> Vec<(usize, Option<Level>, Option<Level>)> {
        let Some(sheet) = &self.results.what_if else {
            return Vec::new();
        };
        (0..self.framework.competencies.len())
            .filter_map(|c| {
                let (before, after) = (self.derived.sheet.level(c), sheet.level(c));
                (before != after).then_some((c, before, after))
            })
            .collect()
    }

    /// Readiness per profile from the ratings themselves, while a what-if shows other figures.
    pub fn what_if_before(&self) -> Option<&[scoring::Readiness]> {
        self.results.before.as_deref()
    }

    /// Drops the what-if levels (asked first when there are any).
    pub(super) fn discard_what_if(&mut self) {
        self.results.what_if = None;
        self.notice = Some(Notice::WhatIfDiscarded);
        self.refresh_results();
    }

    fn apply_what_if(&mut self) -> Vec<Effect> {
        if self.results.what_if.is_none() {
            self.notice = Some(Notice::WhatIfHint);
            return Vec::new();
        }
        let changes = self.what_if_changes();
        self.results.what_if = None;
        if self.read_only {
            self.refresh_results();
            return self.refuse_write();
        }
        let mut named = Vec::new();
        let mut undo = Vec::new();
        for &(c, before, after) in &changes {
            let id = self.framework.competencies[c].id.clone();
            undo.push(super::undo::Change::Rating {
                id: id.clone(),
                before: self.assessment.rating(&id),
                after: after.map(Rating::Level),
            });
            self.assessment.set_rating(&id, after.map(Rating::Level));
            named.push((
                id.to_string(),
                before.map(Level::value),
                after.map(Level::value),
            ));
        }
        self.history.push(super::undo::Kind::WhatIf, undo);
        self.notice = Some(Notice::WhatIfApplied(named));
        if changes.is_empty() {
            self.refresh_results();
            return Vec::new();
        }
        self.changed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(fw: &Framework, levels: &[(&str, u8)]) -> RatingSheet {
        let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
        for (id, level) in levels {
            sheet.set(
                fw.competency_index(&(*id).into()).unwrap(),
                Level::new(*level),
            );
        }
        sheet
    }

    /// A format 2 framework with `scale` as its levels, one profile `p` and a competency per
    /// target in `targets`.
    fn scaled(scale: &[u8], targets: &[u8]) -> Framework {
        use std::fmt::Write as _;
        let mut t = String::from("format = 2\nid = \"t.fw\"\nversion = 1\nname = \"T\"\n[scale]\n");
        for v in scale {
            let _ = write!(
                t,
                "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"d\"\n"
            );
        }
        t.push_str("[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n");
        t.push_str("[[areas]]\nid = \"A\"\nname = \"A\"\n");
        for (i, target) in targets.iter().enumerate() {
            let _ = write!(
                t,
                "[[competencies]]\nid = \"C{i}\"\narea = \"A\"\nname = \"C {i}\"\n[competencies.targets]\np = {target}\n"
            );
        }
        crate::storage::framework::from_toml(&t).unwrap_or_else(|p| panic!("{p:#?}"))
    }

    /// On any scale (1–7 with "none", 0–9, 0/50/99), every level against every target sorts
    /// into the order of `scoring::gaps`, unrated rows after the rated ones; the sort used to
    /// index a table sized by the built-in 0–5 scale and panicked here (R-CR1).
    #[test]
    fn the_gap_order_holds_on_every_scale() {
        let scales: [&[u8]; 4] = [
            &[1, 2, 3, 4, 5, 6, 7],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            &[0, 50, 99],
            &[0, 1, 2, 3, 4, 5],
        ];
        for scale in scales {
            let (low, high) = (scale[0], *scale.last().unwrap());
            let fw = scaled(scale, &[low, high, high, low, scale[scale.len() / 2]]);
            let levels = [None, Some(Level::NONE), Level::new(low), Level::new(high)];
            // Every combination of the five competencies' levels would be 4^5; a rotation
            // puts each level against each target.
            for shift in 0..levels.len() {
                let sheet = RatingSheet::from_levels(
                    (0..fw.competencies.len())
                        .map(|c| levels[(c + shift) % levels.len()])
                        .collect(),
                );
                let rows = Summary::rows(&fw, &sheet, 0, GapSort::Gap, GapFilter::Rated);
                let expected: Vec<usize> = scoring::gaps(&fw, &sheet, 0)
                    .iter()
                    .map(|g| g.competency)
                    .collect();
                let got: Vec<usize> = rows.iter().map(|r| r.competency).collect();
                assert_eq!(got, expected, "scale {scale:?}, shift {shift}");
                let unrated = Summary::rows(&fw, &sheet, 0, GapSort::Gap, GapFilter::Unrated);
                assert!(unrated.iter().all(|r| r.level.is_none()), "scale {scale:?}");
                let mut by_name = Summary::rows(&fw, &sheet, 0, GapSort::Area, GapFilter::Rated);
                by_name.sort_by_key(|row| fw.competencies[row.competency].name.to_lowercase());
                assert_eq!(
                    Summary::rows(&fw, &sheet, 0, GapSort::Name, GapFilter::Rated),
                    by_name
                );
            }
        }
    }

    #[test]
    fn filters_and_sorts_the_gap_table() {
        let fw = crate::storage::framework::builtin();
        let pmo = fw.profile_index("pmo").unwrap();
        // Against PMO: GV3 target 5 → gap 4; DP1 target 2 → +3 strength; RP1 target 2 → meets.
        let s = sheet(&fw, &[("DP1", 5), ("GV3", 1), ("RP1", 2)]);
        let all = Summary::compute(&fw, &s, pmo, GapSort::Gap, GapFilter::Rated);
        let ids: Vec<&str> = all
            .rows
            .iter()
            .map(|r| fw.competencies[r.competency].id.as_str())
            .collect();
        assert_eq!(ids, ["GV3", "RP1", "DP1"]);
        let below = Summary::compute(&fw, &s, pmo, GapSort::Gap, GapFilter::BelowTarget);
        assert_eq!(below.rows.len(), 1);
        let strengths = Summary::compute(&fw, &s, pmo, GapSort::Gap, GapFilter::Strengths);
        assert_eq!(strengths.rows.len(), 1);
        assert_eq!(strengths.rows[0].band, Some(Band::Strength));
        let unrated = Summary::compute(&fw, &s, pmo, GapSort::Area, GapFilter::Unrated);
        assert_eq!(unrated.rows.len(), fw.competencies.len() - 3);
        let by_area = Summary::compute(&fw, &s, pmo, GapSort::Area, GapFilter::Rated);
        let ids: Vec<&str> = by_area
            .rows
            .iter()
            .map(|r| fw.competencies[r.competency].id.as_str())
            .collect();
        assert_eq!(ids, ["DP1", "GV3", "RP1"]);
    }
}
