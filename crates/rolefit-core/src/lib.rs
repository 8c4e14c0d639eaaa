//! rolefit's model, free of files and terminals: the framework, assessments, scoring and the
//! verdict's sentences. Reading and writing files is `rolefit-files`' job, words for the
//! terminal are the TUI's; nothing here knows TOML, key names or the clock.

pub mod text;
pub mod time;
pub mod value;
