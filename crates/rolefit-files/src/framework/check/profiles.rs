//! The validator's profile checks: ids, roles, bases and their chains, and the axis.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::super::raw::{RawAxis, RawProfile, RawTarget};
use super::{Check, MAX_BASE_DEPTH, Spans, depth};
use rolefit_core::framework::{Profile, Role, line_column};

impl Check<'_> {
    #[allow(clippy::type_complexity)]
    pub(super) fn profiles(
        &mut self,
        raw: Spanned<Vec<Spanned<RawProfile>>>,
        role_ids: &[String],
        spans: &mut Spans,
    ) -> (
        Vec<Profile>,
        Vec<Vec<(Spanned<String>, Spanned<RawTarget>)>>,
    ) {
        if raw.get_ref().is_empty() {
            self.report(raw.span(), "a framework needs at least one profile");
        }
        let raw = raw.into_inner();
        let ids: Vec<String> = raw
            .iter()
            .map(|p| p.get_ref().id.get_ref().clone())
            .collect();
        let mut seen = HashSet::new();
        let mut base_spans = Vec::new();
        let mut profiles = Vec::new();
        let mut adjustments = Vec::new();
        for profile in raw {
            let span = profile.span();
            spans.profiles.push(span.start);
            let profile = profile.into_inner();
            self.id("profile", &profile.id, &mut seen);
            self.short(&profile.short);
            let role = profile.role.as_ref().and_then(|r| {
                let found = role_ids.iter().position(|id| id == r.get_ref());
                if found.is_none() {
                    self.report(r.span(), format!("unknown role {:?}", r.get_ref()));
                }
                found
            });
            self.declared_base.push(profile.base.is_some());
            base_spans.push(profile.base.as_ref().map(Spanned::span));
            let base = profile.base.as_ref().and_then(|b| {
                match ids.iter().position(|id| id == b.get_ref()) {
                    None => {
                        self.report(b.span(), format!("unknown base profile {:?}", b.get_ref()));
                        None
                    }
                    Some(i) => Some(i),
                }
            });
            let adjust = match profile.adjust {
                Some(adjust) if profile.base.is_none() => {
                    self.report(
                        adjust.span(),
                        format!(
                            "profile {:?} has `adjust` but no `base` to adjust",
                            profile.id.get_ref()
                        ),
                    );
                    Vec::new()
                }
                Some(adjust) => adjust.into_inner().into_iter().collect(),
                None => Vec::new(),
            };
            adjustments.push(adjust);
            profiles.push(Profile {
                id: profile.id.into_inner(),
                name: profile.name,
                short: profile.short.into_inner(),
                role,
                grade: profile.grade,
                base,
                description: profile.description.unwrap_or_default(),
                reference: profile.reference,
                adjusted: Vec::new(),
            });
        }
        self.chains(&mut profiles, &base_spans);
        (profiles, adjustments)
    }

    /// Bases may chain (a career ladder: each grade based on the one below) up to
    /// [`MAX_BASE_DEPTH`] deep. A cycle is one problem naming its profiles and their lines, a
    /// chain too deep one problem at the profile that ends it; the profiles concerned lose
    /// their base, but not their standing as derived profiles (no follow-on axis error).
    fn chains(&mut self, profiles: &mut [Profile], base_spans: &[Option<Range<usize>>]) {
        let n = profiles.len();
        // 0 = not seen, 1 = on the current walk, 2 = done.
        let mut state = vec![0u8; n];
        for start in 0..n {
            let mut walk = Vec::new();
            let mut at = Some(start);
            while let Some(p) = at {
                match state[p] {
                    2 => break,
                    1 => {
                        let cycle = &walk[walk.iter().position(|&q| q == p).unwrap_or(0)..];
                        self.report_cycle(profiles, base_spans, cycle);
                        for &q in cycle {
                            profiles[q].base = None;
                        }
                        break;
                    }
                    _ => {
                        state[p] = 1;
                        walk.push(p);
                        at = profiles[p].base;
                    }
                }
            }
            for p in walk {
                state[p] = 2;
            }
        }
        let depths: Vec<usize> = (0..n).map(|p| depth(profiles, p)).collect();
        for p in 0..n {
            // Reported once per chain, at the first profile past the limit.
            if depths[p] == MAX_BASE_DEPTH + 1
                && profiles[p]
                    .base
                    .is_some_and(|b| depths[b] == MAX_BASE_DEPTH)
            {
                self.report(
                    base_spans[p].clone().unwrap_or(0..0),
                    format!(
                        "profile {:?} is more than {MAX_BASE_DEPTH} bases away from a profile without a base; base it on one nearer the start of its chain",
                        profiles[p].id
                    ),
                );
            }
        }
        for p in 0..n {
            if depths[p] > MAX_BASE_DEPTH {
                profiles[p].base = None;
            }
        }
    }

    fn report_cycle(
        &mut self,
        profiles: &[Profile],
        base_spans: &[Option<Range<usize>>],
        cycle: &[usize],
    ) {
        let mut members: Vec<usize> = cycle.to_vec();
        members.sort_unstable();
        let named: Vec<String> = members
            .iter()
            .map(|&p| {
                let at = base_spans[p].as_ref().map_or(0, |s| s.start);
                let (line, _) = line_column(self.text, at);
                format!("{:?} (line {line})", profiles[p].id)
            })
            .collect();
        let message = if members.len() == 1 {
            format!(
                "profile {} is based on itself; remove its base or base it on another profile",
                named[0]
            )
        } else {
            let (last, rest) = named.split_last().expect("a cycle has members");
            format!(
                "profiles {} and {last} form a cycle of bases; base one of them on a profile outside the cycle (or on none)",
                rest.join(", ")
            )
        };
        let span = base_spans[members[0]].clone().unwrap_or(0..0);
        self.report(span, message);
    }

    /// The side-by-side profiles and whether they define a lean.
    pub(super) fn axis(
        &mut self,
        raw: Option<Spanned<RawAxis>>,
        roles: &[Role],
        profiles: &[Profile],
        profiles_span: Range<usize>,
    ) -> ([usize; 2], bool) {
        let mains: Vec<usize> = (0..profiles.len())
            .filter(|&p| !self.declared_base[p])
            .collect();
        let fallback = [
            mains.first().copied().unwrap_or(0),
            mains.get(1).or(mains.first()).copied().unwrap_or(0),
        ];
        let axis_roles: Vec<(usize, Option<Range<usize>>)> = match raw {
            // Without an [axis], the first two roles are the axis; a mistake is in the profiles.
            None if roles.len() >= 2 => vec![(0, None), (1, None)],
            None => return (fallback, false),
            Some(axis) => {
                let span = axis.span();
                let listed = axis.into_inner().roles;
                let list_span = listed.span();
                let listed = listed.into_inner();
                if listed.is_empty() {
                    return (fallback, false);
                }
                if listed.len() != 2 {
                    self.report(
                        list_span,
                        format!(
                            "[axis] roles names two roles (or none, for no lean); found {}",
                            listed.len()
                        ),
                    );
                    return (fallback, false);
                }
                let mut found = Vec::new();
                for name in &listed {
                    match roles.iter().position(|r| r.id == *name.get_ref()) {
                        Some(r) => found.push((r, Some(name.span()))),
                        None => self.report(
                            name.span(),
                            format!("[axis] names unknown role {:?}", name.get_ref()),
                        ),
                    }
                }
                if found.len() == 2 && found[0].0 == found[1].0 {
                    self.report(span, "[axis] needs two different roles");
                    return (fallback, false);
                }
                if found.len() != 2 {
                    return (fallback, false);
                }
                found
            }
        };
        let mut main = [0; 2];
        for (slot, (role, span)) in main.iter_mut().zip(&axis_roles) {
            let of_role: Vec<usize> = mains
                .iter()
                .copied()
                .filter(|&p| profiles[p].role == Some(*role))
                .collect();
            match of_role.as_slice() {
                [one] => *slot = *one,
                _ => {
                    let (at, what) = match span {
                        Some(span) => (span.clone(), "axis role"),
                        None => (profiles_span.clone(), "role"),
                    };
                    self.report(
                        at,
                        format!(
                            "{what} {:?} needs exactly one profile without a base; found {}",
                            roles[*role].id,
                            of_role.len()
                        ),
                    );
                    return (fallback, false);
                }
            }
        }
        (main, true)
    }
}
