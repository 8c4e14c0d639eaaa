//! The validator's area and competency checks: parents, focus, practice, valid levels, level
//! texts, targets, and the adjustments of profiles with a base.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::super::raw::{RawArea, RawCompetency, RawFocus, RawLevels, RawTarget};
use super::{Check, Spans, depth, list};
use rolefit_core::Level;
use rolefit_core::framework::{
    Area, Competency, CompetencyId, Focus, FocusWeight, Group, Profile, Scale,
};

impl Check<'_> {
    #[allow(clippy::type_complexity)]
    pub(super) fn areas(
        &mut self,
        raw: Spanned<Vec<Spanned<RawArea>>>,
        role_ids: &[String],
    ) -> (Vec<Group>, Vec<Area>, Vec<String>, Vec<Range<usize>>) {
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one area");
        }
        let raw = raw.into_inner();
        let parents: HashSet<String> = raw
            .iter()
            .filter_map(|a| a.get_ref().parent.as_ref().map(|p| p.get_ref().clone()))
            .collect();
        let all_ids: Vec<String> = raw
            .iter()
            .map(|a| a.get_ref().id.get_ref().clone())
            .collect();
        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        let mut group_ids = Vec::new();
        let mut leaves = Vec::new();
        for area in raw {
            let area = area.into_inner();
            self.id("area", &area.id, &mut seen);
            if parents.contains(area.id.get_ref()) {
                if let Some(parent) = &area.parent {
                    self.report(
                        parent.span(),
                        format!(
                            "area {:?} holds areas, so it cannot have a parent itself: parents go one level deep",
                            area.id.get_ref()
                        ),
                    );
                }
                group_ids.push(area.id.get_ref().clone());
                groups.push(Group {
                    id: area.id.into_inner(),
                    name: area.name,
                });
            } else {
                leaves.push(area);
            }
        }
        let leaves = parents_together(leaves);
        let mut areas = Vec::new();
        let mut ids = Vec::new();
        let mut spans = Vec::new();
        for area in leaves {
            let parent = area.parent.as_ref().and_then(|p| {
                let found = group_ids.iter().position(|g| g == p.get_ref());
                if found.is_none() && !all_ids.contains(p.get_ref()) {
                    self.report(p.span(), format!("unknown parent area {:?}", p.get_ref()));
                }
                found
            });
            let focus = self.focus(area.focus, role_ids);
            ids.push(area.id.get_ref().clone());
            spans.push(area.id.span());
            areas.push(Area {
                id: area.id.into_inner(),
                name: area.name,
                contrast: area.contrast.unwrap_or_default(),
                focus,
                parent,
                competencies: 0..0,
            });
        }
        (groups, areas, ids, spans)
    }

    pub(super) fn competencies(
        &mut self,
        raw: Spanned<Vec<Spanned<RawCompetency>>>,
        scale: &Scale,
        areas: (&[String], &[String]),
        role_ids: &[String],
        profiles: &[Profile],
        spans: &mut Spans,
    ) -> Vec<Competency> {
        let (area_ids, group_ids) = areas;
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one competency");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut in_parents: BTreeMap<String, (Range<usize>, Vec<String>)> = BTreeMap::new();
        for competency in raw.into_inner() {
            let start = competency.span().start;
            let c = competency.into_inner();
            self.id("competency", &c.id, &mut seen);
            let id = c.id.get_ref().clone();
            spans.competencies.entry(id.clone()).or_insert(start);
            let area = match area_ids.iter().position(|a| a == c.area.get_ref()) {
                Some(a) => a,
                None if group_ids.contains(c.area.get_ref()) => {
                    // One problem per parent area, however many competencies name it.
                    in_parents
                        .entry(c.area.get_ref().clone())
                        .or_insert_with(|| (c.area.span(), Vec::new()))
                        .1
                        .push(id.clone());
                    0
                }
                None => {
                    self.report(
                        c.area.span(),
                        format!("competency {id} names unknown area {:?}", c.area.get_ref()),
                    );
                    0
                }
            };
            let practice = self.practice(&id, c.practice, role_ids);
            let valid = self.valid(&id, scale, c.valid);
            let levels = self.anchors(&id, scale, &valid, c.levels);
            let targets = self.targets(&id, scale, &valid, c.targets, profiles);
            out.push(Competency {
                id: CompetencyId(id),
                area,
                name: c.name,
                description: c.description.unwrap_or_default(),
                refs: c.refs.unwrap_or_default(),
                practice,
                targets,
                levels,
                valid,
            });
        }
        for (group, (span, ids)) in in_parents {
            let count = ids.len();
            self.report(
                span,
                format!(
                    "area {group:?} holds areas (it is their parent), so it cannot hold competencies; move {} ({}) into one of its areas",
                    if count == 1 { "this competency" } else { "these competencies" },
                    ids.join(", ")
                ),
            );
        }
        out
    }

    /// An area's focus for each role, in role order; a role it leaves out gets the default.
    fn focus(
        &mut self,
        raw: Option<BTreeMap<Spanned<String>, Spanned<RawFocus>>>,
        role_ids: &[String],
    ) -> Vec<Focus> {
        let mut given: HashMap<String, RawFocus> = HashMap::new();
        for (key, focus) in raw.unwrap_or_default() {
            if !role_ids.contains(key.get_ref()) {
                self.report(
                    key.span(),
                    format!("focus for unknown role {:?}", key.get_ref()),
                );
            }
            given.insert(key.into_inner(), focus.into_inner());
        }
        role_ids
            .iter()
            .map(|role| match given.remove(role) {
                Some(f) => Focus {
                    label: f.label.unwrap_or_default(),
                    weight: f.weight.map_or(FocusWeight::DEFAULT, FocusWeight::from),
                    meaning: f.meaning.unwrap_or_default(),
                },
                None => Focus {
                    label: String::new(),
                    weight: FocusWeight::DEFAULT,
                    meaning: String::new(),
                },
            })
            .collect()
    }

    /// A competency's practice text for each role, in role order ("" where it gives none).
    fn practice(
        &mut self,
        id: &str,
        raw: Option<BTreeMap<Spanned<String>, String>>,
        role_ids: &[String],
    ) -> Vec<String> {
        let mut practice = vec![String::new(); role_ids.len()];
        for (key, text) in raw.unwrap_or_default() {
            match role_ids.iter().position(|r| r == key.get_ref()) {
                Some(r) => practice[r] = text,
                None => self.report(
                    key.span(),
                    format!(
                        "competency {id}: practice for unknown role {:?}",
                        key.get_ref()
                    ),
                ),
            }
        }
        practice
    }

    /// The levels a competency is defined at, lowest first; empty: every level of the scale.
    fn valid(
        &mut self,
        id: &str,
        scale: &Scale,
        raw: Option<Spanned<Vec<Spanned<i64>>>>,
    ) -> Vec<Level> {
        let mut valid = Vec::new();
        let Some(raw_valid) = raw else { return valid };
        if raw_valid.get_ref().is_empty() {
            self.report(
                raw_valid.span(),
                format!("competency {id}: `valid` is empty; list its levels or remove it"),
            );
        }
        for value in raw_valid.into_inner() {
            if let Some(l) =
                self.level_on(scale, &[], &value, &format!("competency {id}: valid level"))
            {
                if valid.contains(&l) {
                    self.report(
                        value.span(),
                        format!("competency {id}: valid level {l} is listed twice"),
                    );
                } else {
                    valid.push(l);
                }
            }
        }
        valid.sort();
        valid
    }

    /// A competency's target for each profile, in profile order: [`Level::NONE`] where it
    /// sets none, and for profiles with a base (resolved later, from their base).
    fn targets(
        &mut self,
        id: &str,
        scale: &Scale,
        valid: &[Level],
        raw: Option<BTreeMap<Spanned<String>, Spanned<i64>>>,
        profiles: &[Profile],
    ) -> Vec<Level> {
        let mut targets = vec![Level::NONE; profiles.len()];
        for (key, value) in raw.unwrap_or_default() {
            match profiles.iter().position(|p| p.id == *key.get_ref()) {
                None => self.report(
                    key.span(),
                    format!("competency {id}: target for unknown profile {:?}", key.get_ref()),
                ),
                Some(p) if self.declared_base[p] => self.report(
                    key.span(),
                    format!(
                        "competency {id}: profile {:?} takes its targets from its base; use [profiles.adjust]",
                        key.get_ref()
                    ),
                ),
                Some(p) => {
                    if let Some(l) =
                        self.level_on(scale, valid, &value, &format!("competency {id}: target"))
                    {
                        targets[p] = l;
                    }
                }
            }
        }
        targets
    }

    fn anchors(
        &mut self,
        id: &str,
        scale: &Scale,
        valid: &[Level],
        raw: Option<Spanned<RawLevels>>,
    ) -> Vec<(Level, String)> {
        let Some(raw) = raw else { return Vec::new() };
        if raw.get_ref().is_empty() {
            self.report(
                raw.span(),
                format!("competency {id}: [competencies.levels] is empty; describe at least one level or remove it"),
            );
        }
        let mut levels = Vec::new();
        for (key, text) in raw.into_inner() {
            let number = key
                .get_ref()
                .parse::<i64>()
                .ok()
                .filter(|_| key.get_ref().bytes().all(|b| b.is_ascii_digit()));
            let Some(number) = number else {
                self.report(
                    key.span(),
                    format!(
                        "competency {id}: level {:?} is not on the scale; use one of {}",
                        key.get_ref(),
                        list(scale.values())
                    ),
                );
                continue;
            };
            let value = Spanned::new(key.span(), number);
            let Some(level) =
                self.level_on(scale, valid, &value, &format!("competency {id}: level"))
            else {
                continue;
            };
            let trimmed = text.get_ref().trim();
            if trimmed.is_empty() {
                self.report(
                    text.span(),
                    format!("competency {id}: the text for level {level} is empty"),
                );
            } else if trimmed.contains('\n') {
                self.report(
                    text.span(),
                    format!("competency {id}: the text for level {level} must be one line"),
                );
            } else if levels.iter().any(|(l, _)| *l == level) {
                self.report(
                    key.span(),
                    format!("competency {id}: level {level} is described twice"),
                );
            } else {
                levels.push((level, trimmed.to_string()));
            }
        }
        levels.sort_by_key(|(l, _)| *l);
        levels
    }

    /// A profile with a base takes the base's targets, changed by its `adjust`.
    pub(super) fn adjust(
        &mut self,
        adjustments: Vec<Vec<(Spanned<String>, Spanned<RawTarget>)>>,
        scale: &Scale,
        profiles: &[Profile],
        competencies: &mut [Competency],
    ) {
        let index: HashMap<String, usize> = competencies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.0.clone(), i))
            .collect();
        // Bases first: along a chain each profile starts from its base's resolved targets.
        let mut order: Vec<usize> = (0..profiles.len()).collect();
        order.sort_by_key(|&p| depth(profiles, p));
        for p in order {
            let profile = &profiles[p];
            let Some(base) = profile.base else { continue };
            for competency in competencies.iter_mut() {
                competency.targets[p] = competency.targets[base];
            }
            for (id, target) in &adjustments[p] {
                let Some(&c) = index.get(id.get_ref()) else {
                    self.report(
                        id.span(),
                        format!(
                            "profile {:?} adjusts unknown competency {:?}",
                            profile.id,
                            id.get_ref()
                        ),
                    );
                    continue;
                };
                let what = format!("profile {:?}: target for {}", profile.id, id.get_ref());
                let level = match target.get_ref() {
                    RawTarget::Text(t) if t == "none" => Some(Level::NONE),
                    RawTarget::Text(t) => {
                        self.report(
                            target.span(),
                            format!(
                                "{what} {t:?} is not a level: use a level of the scale or \"none\""
                            ),
                        );
                        None
                    }
                    RawTarget::Number(n) => {
                        let valid = competencies[c].valid.clone();
                        self.level_on(scale, &valid, &Spanned::new(target.span(), *n), &what)
                    }
                };
                if let Some(level) = level {
                    competencies[c].targets[p] = level;
                }
            }
        }
    }
}

/// Leaf areas in file order, except that areas under one parent sit together, where the first
/// of them is in the file.
fn parents_together(leaves: Vec<RawArea>) -> Vec<RawArea> {
    let first_of: Vec<usize> = leaves
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let parent = a.parent.as_ref().map(|p| p.get_ref());
            match parent {
                None => i,
                Some(p) => leaves
                    .iter()
                    .position(|b| b.parent.as_ref().map(|q| q.get_ref()) == Some(p))
                    .unwrap_or(i),
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..leaves.len()).collect();
    order.sort_by_key(|&i| (first_of[i], i));
    let mut slots: Vec<Option<RawArea>> = leaves.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}
