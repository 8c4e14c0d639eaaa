//! Helpers for the command-line and framework tests: running the real binary in an isolated
//! environment, and turning byte offsets into the 1-based line/column rolefit reports.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The rolefit binary, with HOME and the XDG directories moved into `home` and
/// `ROLEFIT_DATA_DIR` unset, so a test never touches the real user's data. `ACCESSIBLE` is
/// unset and `TERM` is an ordinary terminal's, so plain mode is chosen only by a test. Stdin is
/// empty (not a terminal) and stdout/stderr are captured.
pub fn rolefit(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolefit"));
    cmd.env_remove("ROLEFIT_DATA_DIR")
        .env_remove("ACCESSIBLE")
        .env("TERM", "xterm-256color")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("XDG_CACHE_HOME", home.join("xdg-cache"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// Runs a command to completion, capturing its output.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the rolefit binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// 1-based line and column (counted in characters) of a byte offset in `text`, computed
/// independently of rolefit's own helper.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// Byte offset of the first `needle` at or after `from`; panics with a clear message if absent.
pub fn find_from(text: &str, from: usize, needle: &str) -> usize {
    from + text[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found after byte {from}"))
}
