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

/// The framework reader's text helpers, one copy shared with `rolefit-files`' own tests.
#[path = "../../crates/rolefit-files/tests/support/mod.rs"]
pub mod text;

// Not every test file that includes this module uses them, as with the functions above.
#[allow(unused_imports)]
pub use text::{find_from, line_col};

/// Runs a command to completion, killing it (and failing the test) if it takes longer than
/// `seconds`: a command that would block forever is a failure, not a hung test run.
pub fn run_within(seconds: u64, cmd: &mut Command) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rolefit binary runs");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    match receive.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(out) => out.expect("the rolefit binary runs"),
        Err(_) => {
            // SAFETY: the child is ours and has not been reaped (its waiter is still waiting).
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            panic!("{cmd:?} did not finish within {seconds} s");
        }
    }
}

/// Makes a FIFO (named pipe) at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) },
        0,
        "mkfifo {path:?}"
    );
}

/// A small format-2 framework with id `t.fw`: the scale `levels`, roles and profiles `a` and
/// `b`, competencies C.0–C.3, each with the top level as `a`'s target and the first as `b`'s.
pub fn framework(levels: &[u8]) -> String {
    let mut text = String::from("format = 2\nid = \"t.fw\"\nversion = 1\nname = \"Test\"\n\n");
    text.push_str("[scale]\n");
    for level in levels {
        text.push_str(&format!(
            "[[scale.levels]]\nvalue = {level}\nlabel = \"L{level}\"\ndescriptor = \"Level {level}.\"\n\n"
        ));
    }
    for id in ["a", "b"] {
        text.push_str(&format!(
            "[[roles]]\nid = \"{id}\"\nname = \"Role {id}\"\nshort = \"{id}\"\n\n"
        ));
    }
    for id in ["a", "b"] {
        text.push_str(&format!(
            "[[profiles]]\nid = \"{id}\"\nname = \"Profile {id}\"\nshort = \"{id}\"\ndescription = \"The {id} profile.\"\nrole = \"{id}\"\n\n"
        ));
    }
    text.push_str("[[areas]]\nid = \"C\"\nname = \"Area C\"\n\n");
    let (top, bottom) = (levels[levels.len() - 1], levels[0]);
    for n in 0..4 {
        text.push_str(&format!(
            "[[competencies]]\nid = \"C.{n}\"\narea = \"C\"\nname = \"Competency {n}\"\ndescription = \"What {n} is.\"\n[competencies.targets]\na = {top}\nb = {bottom}\n\n"
        ));
    }
    text
}
