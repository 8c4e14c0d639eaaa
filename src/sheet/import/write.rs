//! The model as format-2 TOML, each line remembering the cell it came from, so a problem the
//! validator finds is reported at its sheet, row and column.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{AreaRow, At, CompetencyRow, Model, ProfileRow, at, whole};
use crate::sheet::Place;
use crate::storage::framework::{key, q};

pub(super) struct Out {
    pub(super) text: String,
    /// Per line of `text`, the cell it came from.
    pub(super) origins: Vec<Option<Place>>,
}

impl Out {
    fn line(&mut self, text: impl AsRef<str>, origin: Option<Place>) {
        for (i, line) in text.as_ref().split('\n').enumerate() {
            let _ = writeln!(self.text, "{line}");
            self.origins
                .push(if i == 0 { origin.clone() } else { None });
        }
    }

    fn string(&mut self, name: &str, value: &At<String>) {
        self.line(format!("{name} = {}", q(&value.value)), value.place.clone());
    }

    /// A whole number as written in a cell; a cell that is not one is written as a string,
    /// which the validator reports at that cell.
    fn number(&mut self, name: &str, value: &At<String>) {
        match whole(&value.value) {
            Some(n) => self.line(format!("{name} = {n}"), value.place.clone()),
            None => self.string(name, value),
        }
    }
}

/// The model as format-2 TOML, each line with the cell it came from.
pub(super) fn write(model: &Model) -> Out {
    let mut out = Out {
        text: String::new(),
        origins: Vec::new(),
    };
    out.head(model);
    out.roles(model);
    out.profiles(model);
    out.areas(model);
    out.competencies(model);
    out
}

/// Profile `p`'s target for competency `c`, as the sheet gives it (none without a column).
fn target_of(p: &ProfileRow, c: &CompetencyRow) -> Option<At<String>> {
    p.column.and_then(|i| c.targets[i].clone())
}

impl Out {
    /// The framework's own keys and its scale.
    fn head(&mut self, model: &Model) {
        self.line(
            "# Written by rolefit framework import from a spreadsheet; check it with rolefit framework check.",
            None,
        );
        self.line("format = 2", None);
        if let Some(id) = &model.id {
            self.string("id", id);
        }
        match &model.version {
            Some(v) => self.number("version", v),
            None => self.line("version = 1", None),
        }
        if let Some(name) = &model.name {
            self.string("name", name);
        }
        if let Some(summary) = model.summary.as_ref().filter(|s| !s.value.is_empty()) {
            self.string("summary", summary);
        }
        self.line("\n[scale]", None);
        if let Some(na) = model.na.as_ref().filter(|s| !s.value.is_empty()) {
            self.string("na", na);
        }
        for level in &model.scale {
            self.line("\n[[scale.levels]]", level.value.place.clone());
            self.number("value", &level.value);
            self.string("label", &level.label);
            if let Some(d) = &level.descriptor {
                self.string("descriptor", d);
            }
            if let Some(h) = &level.hint {
                self.string("hint", h);
            }
        }
    }

    /// The roles, and the axis when the sheets give one.
    fn roles(&mut self, model: &Model) {
        for role in &model.roles {
            self.line(
                "\n[[roles]]",
                role.first().and_then(|(_, v)| v.place.clone()),
            );
            for (key, value) in role {
                if *key == "activities" {
                    let items: Vec<String> = value
                        .value
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(q)
                        .collect();
                    self.line(
                        format!("activities = [{}]", items.join(", ")),
                        value.place.clone(),
                    );
                } else {
                    self.string(key, value);
                }
            }
        }
        if let Some(axis) = &model.axis {
            self.line("\n[axis]", axis.place.clone());
            let roles: Vec<String> = axis.value.iter().map(|r| q(r)).collect();
            self.line(
                format!("roles = [{}]", roles.join(", ")),
                axis.place.clone(),
            );
        }
    }

    /// The profiles, each with its base and what it adjusts.
    fn profiles(&mut self, model: &Model) {
        let by_id: HashMap<&str, &ProfileRow> = model
            .profiles
            .iter()
            .map(|p| (p.id.value.as_str(), p))
            .collect();
        for profile in &model.profiles {
            self.line("\n[[profiles]]", profile.place.clone());
            self.string("id", &profile.id);
            for (key, value) in &profile.fields {
                if *key == "grade" {
                    self.number(key, value);
                } else {
                    self.string(key, value);
                }
            }
            let Some(base) = &profile.base else { continue };
            self.string("base", base);
            let Some(base_row) = by_id.get(base.value.trim()) else {
                continue;
            };
            self.adjust(model, profile, base, base_row);
        }
    }

    /// A profile's `[profiles.adjust]`: its targets that differ from its base's, as the
    /// sheet's two columns show them (none when it has no column of its own).
    fn adjust(
        &mut self,
        model: &Model,
        profile: &ProfileRow,
        base: &At<String>,
        base_row: &ProfileRow,
    ) {
        let mut adjust = Vec::new();
        for c in &model.competencies {
            let mine = target_of(profile, c);
            let theirs = target_of(base_row, c);
            let same = match (&mine, &theirs) {
                (None, None) => true,
                (Some(a), Some(b)) => whole(&a.value) == whole(&b.value),
                _ => false,
            };
            if !same {
                adjust.push((c, mine));
            }
        }
        if profile.column.is_none() {
            // No column of its own: the base's targets, unchanged.
            adjust.clear();
        }
        if !adjust.is_empty() {
            self.line("[profiles.adjust]", base.place.clone());
            for (c, mine) in adjust {
                match mine {
                    Some(t) => self.number(&key(&c.id.value), &t),
                    None => self.line(format!("{} = \"none\"", key(&c.id.value)), c.place.clone()),
                }
            }
        }
    }

    /// The groups, then the Areas sheet's areas (parents first, as format 2 groups them).
    fn areas(&mut self, model: &Model) {
        for (id, name) in &model.groups {
            self.line("\n[[areas]]", id.place.clone());
            self.string("id", id);
            self.string("name", name);
        }
        // Parent areas from an Areas sheet are written first, as format 2 groups them.
        let parents: Vec<&str> = model
            .areas
            .iter()
            .filter_map(|a| a.parent.as_ref().map(|p| p.value.trim()))
            .collect();
        let (groups, leaves): (Vec<&AreaRow>, Vec<&AreaRow>) = model
            .areas
            .iter()
            .partition(|a| parents.contains(&a.id.value.trim()));
        for area in groups.into_iter().chain(leaves) {
            self.line("\n[[areas]]", area.id.place.clone());
            self.string("id", &area.id);
            self.string("name", &area.name);
            if let Some(contrast) = &area.contrast {
                self.string("contrast", contrast);
            }
            if let Some(parent) = &area.parent {
                self.string("parent", parent);
            }
            for (role, [label, weight, meaning]) in &area.focus {
                if label.is_none() && weight.is_none() && meaning.is_none() {
                    continue;
                }
                self.line(format!("[areas.focus.{}]", key(role)), None);
                if let Some(label) = label {
                    self.string("label", label);
                }
                if let Some(weight) = weight {
                    self.string(
                        "weight",
                        &at(weight.value.trim().to_lowercase(), weight.place.clone()),
                    );
                }
                if let Some(meaning) = meaning {
                    self.string("meaning", meaning);
                }
            }
        }
    }

    /// The competencies, with their levels' meanings and the targets of profiles without a base.
    fn competencies(&mut self, model: &Model) {
        for c in &model.competencies {
            self.line("\n[[competencies]]", c.place.clone());
            self.string("id", &c.id);
            self.string("area", &c.area);
            self.string("name", &c.name);
            if let Some(d) = &c.description {
                self.string("description", d);
            }
            if let Some(refs) = c.refs.as_ref().filter(|r| !r.value.is_empty()) {
                let items: Vec<String> = refs.value.iter().map(|r| q(r)).collect();
                self.line(format!("refs = [{}]", items.join(", ")), refs.place.clone());
            }
            if let Some(valid) = c.valid.as_ref().filter(|v| !v.value.is_empty()) {
                self.line(
                    format!("valid = [{}]", valid.value.join(", ")),
                    valid.place.clone(),
                );
            }
            if !c.practice.is_empty() {
                self.line("[competencies.practice]", None);
                for (role, text) in &c.practice {
                    self.string(&key(role), text);
                }
            }
            if !c.levels.is_empty() {
                self.line("[competencies.levels]", None);
                for (value, text) in &c.levels {
                    self.string(&value.to_string(), text);
                }
            }
            self.line("[competencies.targets]", c.place.clone());
            for profile in &model.profiles {
                if profile.base.is_some() {
                    continue;
                }
                if let Some(target) = target_of(profile, c) {
                    self.number(&key(&profile.id.value), &target);
                }
            }
        }
    }
}
