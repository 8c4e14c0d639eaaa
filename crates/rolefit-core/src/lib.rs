//! rolefit's model, free of files and terminals: the framework, assessments, scoring and the
//! verdict's sentences. Reading and writing files is `rolefit-files`' job, words for the
//! terminal are the TUI's; nothing here knows TOML, key names or the clock.

pub mod assessment;
pub mod calibration;
pub mod diff;
pub mod due;
pub mod framework;
pub mod hash;
pub mod lean;
pub mod level;
pub mod merge;
pub mod person;
pub mod reviews;
pub mod scoring;
pub mod summary;
pub mod team;
pub mod text;
pub mod time;
pub mod value;
pub mod verdict;

#[cfg(test)]
mod testing;

pub use assessment::{
    ActionStatus, Assessment, Editing, Entry, PlanAction, PlanItem, Position, Review, Screen,
    Snapshot,
};
pub use framework::{Competency, CompetencyId, Framework, Problem};
pub use level::{Level, Rating};
pub use person::Voice;
pub use summary::Summary;
