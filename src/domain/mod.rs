//! What rolefit knows, free of terminals and files: the framework, assessments, scoring.

pub mod assessment;
pub mod calibration;
pub mod diff;
pub mod due;
pub mod framework;
pub mod lean;
pub mod level;
pub mod merge;
pub mod person;
pub mod reviews;
pub mod scoring;
pub mod summary;
pub mod team;
pub use rolefit_core::{time, value};
pub mod verdict;

pub use assessment::{
    ActionStatus, Assessment, Editing, Entry, PlanAction, PlanItem, Position, Review, Screen,
    Snapshot,
};
pub use framework::{Competency, CompetencyId, Framework, Problem};
pub use level::{Level, Rating};
pub use person::Voice;
pub use summary::Summary;
