//! A second opinion without a server (README: A second opinion): the review files are
//! [`rolefit_files::review`]'s, others' ratings beside your own the model's
//! ([`crate::domain::reviews`]); here are the words the screens use for them.

pub use rolefit_files::review::*;
pub mod strings;
