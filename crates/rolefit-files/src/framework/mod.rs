//! Reading framework files: TOML text in, a validated [`Framework`] out, or every problem
//! found with its line and column.
//!
//! A format 2 file is read into its written shape ([`raw`]); a format 1 file into its own
//! shape and turned into a format 2 one by [`format1`]; then the one validator ([`check`])
//! checks it and builds the framework. Nothing past this module knows which format a file was.
//! [`dump`] writes any framework back out in format 2.

mod check;
mod dump;
mod format1;
mod raw;
#[cfg(test)]
mod tests;

use rolefit_core::{Framework, Problem};

pub use check::{MAX_BASE_DEPTH, SCALE_LEVELS, valid_id};
pub use dump::dump;
pub use dump::{key, q};

/// The framework shipped with rolefit, as TOML text.
pub const BUILTIN_TOML: &str = include_str!("../../../../assets/frameworks/pm-vs-pmo.toml");

/// The original framework file format: exactly two roles, a 0–5 scale.
pub const FORMAT_1: i64 = 1;

/// The newest framework file format this build reads (README: Bring your own framework).
pub const FORMAT_2: i64 = 2;

/// The built-in framework. Its validity is checked by a test, so this cannot fail in a
/// released build.
pub fn builtin() -> Framework {
    from_toml(BUILTIN_TOML).expect("the built-in framework is valid")
}

/// The built-in framework's id, read without building it more than once.
pub fn builtin_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| builtin().id)
}

/// The highest value of the built-in framework's scale (its last level), read once: the
/// levels an assessment may hold when it is read for the built-in framework.
pub fn builtin_top() -> u8 {
    static TOP: std::sync::OnceLock<u8> = std::sync::OnceLock::new();
    *TOP.get_or_init(|| builtin().scale.last().value())
}

/// Reads and validates a framework, reporting every problem found.
pub fn from_toml(text: &str) -> Result<Framework, Vec<Problem>> {
    read(text).map(|(framework, _)| framework)
}

/// Reads and validates a framework; with it, the warnings about what is legal but suspicious
/// (a profile that requires nothing, a competency no profile requires).
pub fn checked(text: &str) -> Result<(Framework, Vec<Problem>), Vec<Problem>> {
    let (framework, spans) = read(text)?;
    let warnings = check::warnings(&framework, text, &spans);
    Ok((framework, warnings))
}

/// A problem from a TOML syntax or type error, at the place it names.
pub fn toml_problem(text: &str, err: &toml::de::Error) -> Problem {
    let offset = err.span().map_or(0, |span| span.start);
    Problem::at(text, offset, err.message().trim().to_string())
}

fn read(text: &str) -> Result<(Framework, check::Spans), Vec<Problem>> {
    let (raw, problems) = if declared_format(text) == Some(FORMAT_2) {
        (parse::<raw::Raw>(text)?, Vec::new())
    } else {
        format1::adapt(parse(text)?, text)
    };
    let (mut framework, spans) = check::check(text, raw, problems)?;
    framework.record_source(text.as_bytes());
    Ok((framework, spans))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    toml::from_str(text).map_err(|err| vec![toml_problem(text, &err)])
}

/// The `format = N` a file declares before its first table, found without parsing the file.
fn declared_format(text: &str) -> Option<i64> {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return None;
        }
        if let Some(rest) = line.strip_prefix("format") {
            let rest = rest.trim_start().strip_prefix('=')?;
            let value = rest.split('#').next()?.trim();
            return value.parse().ok();
        }
    }
    None
}
