//! A framework read back with serde (the cache of validated frameworks, the model's tests' JSON
//! copy): its written fields are read into [`Stored`], the lookup tables are rebuilt, and the
//! invariants the rest of rolefit indexes by without checks are checked again
//! ([`Framework::check_invariants`]), so a framework that breaks one never deserializes.

use std::collections::HashSet;

use super::{
    Area, Competency, Framework, Group, MAX_BASE_DEPTH, Profile, Role, SCALE_LEVELS, Scale,
};
use crate::level::Level;

/// The fields a [`Framework`] serializes, in the same order: everything but the lookup tables
/// and the content hash, which are worked out again.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Stored {
    id: String,
    version: u32,
    name: String,
    summary: String,
    scale: Scale,
    roles: Vec<Role>,
    profiles: Vec<Profile>,
    groups: Vec<Group>,
    areas: Vec<Area>,
    competencies: Vec<Competency>,
    main_profiles: [usize; 2],
    axis: bool,
}

impl TryFrom<Stored> for Framework {
    type Error = Inconsistent;

    fn try_from(stored: Stored) -> Result<Framework, Inconsistent> {
        let framework = Framework::from_parts(
            stored.id,
            stored.version,
            stored.name,
            stored.summary,
            stored.scale,
            stored.roles,
            stored.profiles,
            stored.groups,
            stored.areas,
            stored.competencies,
            stored.main_profiles,
            stored.axis,
        );
        framework.check_invariants()?;
        Ok(framework)
    }
}

/// The first invariant a framework breaks: what the framework reader's validator would have
/// refused, or the rest of rolefit could not index by.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid framework: {0}")]
pub struct Inconsistent(pub &'static str);

/// `Ok` when `holds`, else the invariant `what` is broken.
fn require(holds: bool, what: &'static str) -> Result<(), Inconsistent> {
    if holds {
        Ok(())
    } else {
        Err(Inconsistent(what))
    }
}

/// Whether every id `ids` gives is different.
fn unique<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> bool {
    let count = ids.len();
    ids.collect::<HashSet<_>>().len() == count
}

impl Framework {
    /// Checks, in one pass over the framework, what the reader's validator guarantees and the
    /// rest of rolefit indexes by without checks: a scale of 2 to 10 strictly increasing
    /// levels; unique ids; every role, base, parent, area and competency index in range; bases
    /// that end within [`MAX_BASE_DEPTH`]; areas that cover the competencies in order, none
    /// empty; a focus per role, a practice text per role and a target per profile; and every
    /// level a competency names one it accepts.
    pub fn check_invariants(&self) -> Result<(), Inconsistent> {
        self.check_scale()?;
        self.check_profiles()?;
        self.check_areas()?;
        self.check_competencies()
    }

    fn check_scale(&self) -> Result<(), Inconsistent> {
        let scale = &self.scale;
        require(
            SCALE_LEVELS.contains(&scale.levels.len()),
            "the scale has 2 to 10 levels",
        )?;
        require(
            scale.levels.iter().all(|l| !l.value.is_none())
                && scale.levels.windows(2).all(|w| w[0].value < w[1].value),
            "the scale's values increase strictly",
        )?;
        require(
            scale.none.value == Level::NONE,
            "\"not yet\" is below the scale",
        )
    }

    fn check_profiles(&self) -> Result<(), Inconsistent> {
        let count = self.profiles.len();
        require(
            unique(self.roles.iter().map(|r| r.id.as_str())),
            "role ids are unique",
        )?;
        require(
            unique(self.profiles.iter().map(|p| p.id.as_str())),
            "profile ids are unique",
        )?;
        for (p, profile) in self.profiles.iter().enumerate() {
            require(
                profile.role.is_none_or(|r| r < self.roles.len()),
                "a profile's role is one of the roles",
            )?;
            require(
                profile.base.is_none_or(|b| b < count && b != p),
                "a profile's base is another profile",
            )?;
            require(
                profile.adjusted.windows(2).all(|w| w[0] < w[1])
                    && profile
                        .adjusted
                        .iter()
                        .all(|&c| c < self.competencies.len()),
                "a profile's adjusted competencies are in order and in range",
            )?;
            let mut depth = 0;
            let mut at = profile.base;
            while let Some(base) = at {
                depth += 1;
                require(depth <= MAX_BASE_DEPTH, "bases end, within the limit")?;
                at = self.profiles.get(base).and_then(|b| b.base);
            }
        }
        for &main in &self.main_profiles {
            require(
                self.profiles.get(main).is_some_and(|p| p.base.is_none()),
                "the main profiles are profiles without a base",
            )?;
        }
        Ok(())
    }

    fn check_areas(&self) -> Result<(), Inconsistent> {
        require(!self.areas.is_empty(), "there is an area")?;
        require(
            unique(self.areas.iter().map(|a| a.id.as_str())),
            "area ids are unique",
        )?;
        require(
            unique(self.groups.iter().map(|g| g.id.as_str())),
            "parent area ids are unique",
        )?;
        let mut next = 0;
        for area in &self.areas {
            require(
                area.focus.len() == self.roles.len(),
                "an area has a focus per role",
            )?;
            require(
                area.parent.is_none_or(|g| g < self.groups.len()),
                "an area's parent is one of the parent areas",
            )?;
            let range = &area.competencies;
            require(
                range.start == next && range.start < range.end,
                "areas hold competencies, in order",
            )?;
            next = range.end;
        }
        require(
            next == self.competencies.len(),
            "the areas hold every competency",
        )
    }

    fn check_competencies(&self) -> Result<(), Inconsistent> {
        require(
            self.index.len() == self.competencies.len(),
            "competency ids are unique",
        )?;
        let scale = &self.scale;
        for (i, c) in self.competencies.iter().enumerate() {
            require(
                self.areas
                    .get(c.area)
                    .is_some_and(|a| a.competencies.contains(&i)),
                "a competency is in its area",
            )?;
            require(
                c.practice.len() == self.roles.len() && c.targets.len() == self.profiles.len(),
                "a competency has a practice text per role and a target per profile",
            )?;
            require(
                c.valid.windows(2).all(|w| w[0] < w[1])
                    && c.valid.iter().all(|&l| scale.contains(l)),
                "a competency's valid levels are on the scale, in order",
            )?;
            require(
                c.levels.iter().all(|&(l, _)| c.accepts(scale, l)),
                "a competency describes only levels it accepts",
            )?;
            require(
                c.targets
                    .iter()
                    .all(|&l| l.is_none() || c.accepts(scale, l)),
                "a target is a level its competency accepts",
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::builtin;

    /// The built-in framework with `change` made, and the invariant it then breaks, if any.
    fn broken(change: impl FnOnce(&mut Framework)) -> Option<&'static str> {
        let mut framework = builtin();
        change(&mut framework);
        // Read back as the cache reads it, so the lookup tables follow the change.
        let json = serde_json::to_string(&framework).unwrap();
        let read = Framework::try_from(serde_json::from_str::<Stored>(&json).unwrap());
        let back = serde_json::from_str::<Framework>(&json);
        assert_eq!(
            back.is_ok(),
            read.is_ok(),
            "deserializing is the same check"
        );
        read.err().map(|Inconsistent(what)| what)
    }

    #[test]
    fn a_validated_framework_holds_every_invariant() {
        assert_eq!(builtin().check_invariants(), Ok(()));
        assert_eq!(broken(|_| {}), None);
    }

    /// A change that breaks one invariant.
    type Change = Box<dyn FnOnce(&mut Framework)>;

    #[test]
    fn every_broken_invariant_is_refused() {
        let level = |v| Level::new(v).unwrap();
        let cases: Vec<(&str, Change)> = vec![
            (
                "the scale has 2 to 10 levels",
                Box::new(|f| f.scale.levels.truncate(1)),
            ),
            (
                "the scale's values increase strictly",
                Box::new(|f| f.scale.levels.swap(0, 1)),
            ),
            (
                "\"not yet\" is below the scale",
                Box::new(move |f| f.scale.none.value = level(0)),
            ),
            (
                "role ids are unique",
                Box::new(|f| f.roles[1].id = f.roles[0].id.clone()),
            ),
            (
                "profile ids are unique",
                Box::new(|f| f.profiles[2].id = "pm".into()),
            ),
            (
                "a profile's role is one of the roles",
                Box::new(|f| f.profiles[2].role = Some(2)),
            ),
            (
                "a profile's base is another profile",
                Box::new(|f| f.profiles[2].base = Some(2)),
            ),
            (
                "a profile's adjusted competencies are in order and in range",
                Box::new(|f| f.profiles[2].adjusted = vec![40]),
            ),
            (
                "bases end, within the limit",
                Box::new(|f| {
                    f.profiles[2].base = Some(3);
                    f.profiles[3].base = Some(2);
                }),
            ),
            (
                "the main profiles are profiles without a base",
                Box::new(|f| f.main_profiles[1] = 6),
            ),
            ("there is an area", Box::new(|f| f.areas.clear())),
            (
                "area ids are unique",
                Box::new(|f| f.areas[1].id = f.areas[0].id.clone()),
            ),
            (
                "an area has a focus per role",
                Box::new(|f| _ = f.areas[0].focus.pop()),
            ),
            (
                "an area's parent is one of the parent areas",
                Box::new(|f| f.areas[0].parent = Some(0)),
            ),
            (
                "areas hold competencies, in order",
                Box::new(|f| f.areas[0].competencies.end = f.areas[0].competencies.start),
            ),
            (
                "the areas hold every competency",
                Box::new(|f| f.competencies.push(f.competencies[0].clone())),
            ),
            (
                "competency ids are unique",
                Box::new(|f| f.competencies[1].id = f.competencies[0].id.clone()),
            ),
            (
                "a competency is in its area",
                Box::new(|f| f.competencies[0].area = 1),
            ),
            (
                "a competency has a practice text per role and a target per profile",
                Box::new(|f| _ = f.competencies[0].targets.pop()),
            ),
            (
                "a competency's valid levels are on the scale, in order",
                Box::new(move |f| f.competencies[0].valid = vec![level(3), level(2)]),
            ),
            (
                "a competency describes only levels it accepts",
                Box::new(move |f| {
                    f.competencies[0].levels = vec![(level(9), "Past the top.".into())]
                }),
            ),
            (
                "a target is a level its competency accepts",
                Box::new(move |f| f.competencies[0].targets[0] = level(9)),
            ),
        ];
        for (what, change) in cases {
            assert_eq!(broken(change), Some(what), "{what}");
        }
    }
}
