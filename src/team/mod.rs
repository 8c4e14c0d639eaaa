//! The team view (README: Team view): many people's assessment files read side by side, without
//! writing anything.
//!
//! The people and their figures are the model's ([`crate::domain::team`]), reading the files
//! is the storage's ([`crate::storage::team`]) and the reports are the export's
//! ([`crate::export::team`]); here are the full-screen view's state and update function
//! (`state`) and its event loop (`run`); `ui::team` draws it.

pub mod run;
pub mod state;

pub use crate::domain::team::*;
pub use crate::export::team::{html, report};
pub use crate::storage::team::*;
pub use state::{TeamMode, TeamView};

#[cfg(test)]
mod tests;
