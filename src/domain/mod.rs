//! What rolefit knows, free of terminals and files: the framework, assessments, scoring.

pub mod assessment;
pub mod calibration;
pub mod diff;
pub mod due;
pub mod format2;
pub mod framework;
pub mod hash;
pub mod lean;
pub mod level;
pub mod merge;
pub mod person;
pub mod scoring;
pub mod summary;
pub mod verdict;

pub use assessment::{
    ActionStatus, Assessment, Editing, Entry, PlanAction, PlanItem, Position, Review, Screen,
    Snapshot,
};
pub use framework::{Competency, CompetencyId, Framework, Problem};
pub use level::{Level, Rating};
pub use person::Voice;
pub use summary::Summary;
