//! The files rolefit reads and writes, through the real binary: whatever is not a regular file
//! of a sensible size is refused with one sentence (never waited on, never read until memory
//! runs out), a report never lands on a file rolefit depends on, new folders are private
//! whatever the umask, and a lock file that is a symbolic link is named as such.

mod cmd_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cmd_support::{framework, mkfifo, rolefit, run_within, stderr, stdout};

/// A scratch home: HOME and the XDG folders inside it, commands run from it.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// The data folder rolefit uses by default under this home.
    fn data(&self) -> PathBuf {
        self.path().join("xdg-data/rolefit")
    }

    fn assessment(&self, name: &str) -> PathBuf {
        self.data().join("assessments").join(format!("{name}.toml"))
    }

    fn config(&self) -> PathBuf {
        self.path().join("xdg-config/rolefit/config.toml")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = rolefit(self.path());
        cmd.args(args).current_dir(self.path());
        cmd
    }

    /// Runs rolefit with `args`, failing the test if it takes more than a few seconds.
    fn run(&self, args: &[&str]) -> Output {
        run_within(10, &mut self.command(args))
    }

    /// Runs rolefit and requires success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}{}",
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    /// Runs rolefit and requires exit code 1 with one line on stderr; returns that line.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}{err}", stdout(&out));
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        err
    }
}

/// `s10.toml`: the framework on a 0–9 scale.
fn s10(home: &Home) -> PathBuf {
    let path = home.file("s10.toml");
    fs::write(&path, framework(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).unwrap();
    path
}

#[test]
fn the_test_framework_is_valid() {
    let home = Home::new();
    s10(&home);
    let out = home.ok(&["framework", "check", "s10.toml"]);
    assert!(out.contains("OK"), "{out}");
}

// ---- the configuration file ------------------------------------------------------------------

/// `config init` makes its folder (and any missing folder above it) 0700 even under umask 0,
/// like every folder rolefit creates.
#[cfg(unix)]
#[test]
fn config_init_makes_a_private_folder_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let home = Home::new();
    let mut cmd = home.command(&["config", "init"]);
    // SAFETY: umask is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let out = run_within(10, &mut cmd);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let folder = home.config().parent().unwrap().to_path_buf();
    assert_eq!(mode(&folder), 0o700, "{}", folder.display());
    assert_eq!(mode(folder.parent().unwrap()), 0o700);
    assert_eq!(mode(&home.config()), 0o600);
}

// ---- review files, framework files ----------------------------------------------------------

// ---- lock files -------------------------------------------------------------------------------

// ---- reports never land on files rolefit depends on ------------------------------------------

/// Asserts `args` is refused with a sentence naming `needle`, and `file` keeps `before`.
fn refused_keeping(home: &Home, args: &[&str], needle: &str, file: &Path, before: &[u8]) {
    let err = home.refused(args);
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(err.contains("choose another file"), "{args:?}: {err}");
    assert_eq!(fs::read(file).unwrap(), before, "{args:?} changed {file:?}");
}

// ---- an assessment read against its framework's scale ----------------------------------------
