//! rolefit: am I a Project Manager, a PMO Manager, or both?
//!
//! The crate is laid out as The Elm Architecture on a plain loop: [`input`] maps terminal
//! events to [`app::Intent`]s, [`app::App::update`] changes state and returns
//! [`app::Effect`]s, [`runtime`] performs them and reports back [`app::Event`]s through the
//! same `update`, and [`ui::render`] draws from `&App`.
//! The model ([`domain`], the `rolefit-core` crate), the files ([`storage`], `rolefit-files`)
//! and the reports ([`export`], `rolefit-report`) are crates of their own, which know nothing
//! of terminals; this crate is the full-screen app and the program.

pub mod app;
pub mod cli;
pub use rolefit_files::clock;
pub mod crash;
pub use rolefit_core as domain;
pub use rolefit_report as export;
pub mod input;
pub mod plain;
pub mod review;
pub mod runtime;
pub mod sheet;
pub use rolefit_files as storage;
pub mod strings;
pub mod team;
pub use rolefit_core::text;
pub mod ui;
