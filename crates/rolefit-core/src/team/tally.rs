//! The team's figures gathered one person at a time, for a report that writes each person as
//! it is read and keeps only what its summary needs: per competency the bench depth, the
//! average and the shortfall against one profile, per area the average, and per person what
//! the ranking needs. The same figures as [`Team`](super::Team)'s methods (a test checks).

use std::path::PathBuf;

use super::{Bench, Cell, Member, TeamGap};
use crate::Framework;
use crate::scoring::{gap, required};

/// One competency's figures so far.
#[derive(Clone, Debug, Default)]
struct CompetencyTally {
    meet: usize,
    answered: usize,
    na: usize,
    unanswered: usize,
    /// Sum of the levels given, for the average.
    levels: u64,
    /// Sum of max(0, target − level) over the levels given, and how many are below.
    shortfall: u64,
    below: usize,
    /// People with an open plan action on it.
    planning: usize,
}

/// What the ranking keeps of a person.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub name: String,
    pub path: PathBuf,
    pub percent: Option<f64>,
    pub rated: usize,
    pub required: usize,
    pub provisional: bool,
}

/// The figures of a team against one profile, gathered person by person.
#[derive(Clone, Debug)]
pub struct Tally {
    profile: usize,
    people: usize,
    competencies: Vec<CompetencyTally>,
    /// Per area: the sum of the people's area averages and how many had one.
    areas: Vec<(f64, usize)>,
    ranked: Vec<Ranked>,
}

impl Tally {
    /// Nothing gathered yet, against `profile`.
    pub fn new(framework: &Framework, profile: usize) -> Tally {
        Tally {
            profile,
            people: 0,
            competencies: vec![CompetencyTally::default(); framework.competencies.len()],
            areas: vec![(0.0, 0); framework.areas.len()],
            ranked: Vec::new(),
        }
    }

    /// People with an open plan action on competency `c`.
    pub fn planning(&self, c: usize) -> usize {
        self.competencies[c].planning
    }

    /// Adds one person.
    pub fn add(&mut self, framework: &Framework, member: &Member) {
        self.people += 1;
        for (tally, &planning) in self.competencies.iter_mut().zip(&member.plan.planning) {
            tally.planning += usize::from(planning);
        }
        for (c, (cell, tally)) in member.cells.iter().zip(&mut self.competencies).enumerate() {
            match *cell {
                Cell::Unanswered => tally.unanswered += 1,
                Cell::NotApplicable => tally.na += 1,
                Cell::Level(level) => {
                    tally.answered += 1;
                    tally.levels += u64::from(level.value());
                    if required(framework, self.profile, c) {
                        let target = framework.target(self.profile, c);
                        if level >= target {
                            tally.meet += 1;
                        } else {
                            tally.below += 1;
                        }
                        tally.shortfall += u64::from(gap(level, target));
                    }
                }
            }
        }
        for (area, level) in self.areas.iter_mut().zip(&member.areas) {
            if let Some(level) = level {
                area.0 += level;
                area.1 += 1;
            }
        }
        let r = member.readiness[self.profile];
        self.ranked.push(Ranked {
            name: member.name.clone(),
            path: member.path.clone(),
            percent: r.percent,
            rated: r.rated,
            required: r.required,
            provisional: r.provisional(),
        });
    }

    /// How many people were added.
    pub fn people(&self) -> usize {
        self.people
    }

    /// Bench depth of competency `c` (see [`super::Team::bench`]).
    pub fn bench(&self, framework: &Framework, c: usize) -> Bench {
        let t = &self.competencies[c];
        let required = required(framework, self.profile, c);
        Bench {
            meet: t.meet,
            of: self.people,
            answered: t.answered,
            not_applicable: t.na,
            unanswered: t.unanswered,
            target: required.then(|| framework.target(self.profile, c)),
        }
    }

    /// The team's average level on competency `c`, if anyone gave a level.
    pub fn average(&self, c: usize) -> Option<f64> {
        let t = &self.competencies[c];
        (t.answered > 0).then(|| t.levels as f64 / t.answered as f64)
    }

    /// The average of the people's averages in area `a`, if anyone rated in it.
    pub fn area_average(&self, a: usize) -> Option<f64> {
        let (sum, n) = self.areas[a];
        (n > 0).then(|| sum / n as f64)
    }

    /// The required competencies where the team falls short, largest shortfall first (see
    /// [`super::Team::largest_gaps`]).
    pub fn largest_gaps(&self, framework: &Framework) -> Vec<TeamGap> {
        let mut gaps: Vec<TeamGap> = self
            .competencies
            .iter()
            .enumerate()
            .filter(|(c, t)| required(framework, self.profile, *c) && t.below > 0)
            .map(|(c, t)| TeamGap {
                competency: c,
                target: framework.target(self.profile, c),
                shortfall: t.shortfall as f64 / t.answered as f64,
                below: t.below,
                answered: t.answered,
            })
            .collect();
        gaps.sort_by(|a, b| {
            b.shortfall
                .total_cmp(&a.shortfall)
                .then(b.below.cmp(&a.below))
                .then(a.competency.cmp(&b.competency))
        });
        gaps
    }

    /// The people ranked: complete figures above provisional ones, then higher readiness,
    /// then by name and file (see [`super::Team::ranking`]), each with their label.
    pub fn ranking(&self) -> Vec<(&Ranked, String)> {
        let people: Vec<(&str, &std::path::Path)> = self
            .ranked
            .iter()
            .map(|r| (r.name.as_str(), r.path.as_path()))
            .collect();
        let labels = super::labels(&people);
        let mut order: Vec<usize> = (0..self.ranked.len()).collect();
        let key = |r: &Ranked| (!r.provisional, r.percent.unwrap_or(-1.0));
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&self.ranked[a], &self.ranked[b]);
            let (ka, kb) = (key(ra), key(rb));
            kb.0.cmp(&ka.0)
                .then(kb.1.total_cmp(&ka.1))
                .then_with(|| ra.name.to_lowercase().cmp(&rb.name.to_lowercase()))
                .then_with(|| ra.path.cmp(&rb.path))
        });
        order
            .into_iter()
            .map(|i| (&self.ranked[i], labels[i].clone()))
            .collect()
    }
}
