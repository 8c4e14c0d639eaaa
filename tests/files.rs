//! The files rolefit reads and writes, through the real binary: whatever is not a regular file
//! of a sensible size is refused with one sentence (never waited on, never read until memory
//! runs out), a report never lands on a file rolefit depends on, new folders are private
//! whatever the umask, and a lock file that is a symbolic link is named as such.
//!
//! One file because its 12 tests share the binary's helpers and the odd files they plant
//! (FIFOs, links, huge files); each is one kind of file.

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
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}{err}",
            stdout(&out)
        );
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

/// A configuration file that is a FIFO is refused by `config check` and at the start, before
/// the terminal is touched, instead of waiting for a writer forever; one too large to be a
/// configuration is refused too.
#[cfg(unix)]
#[test]
fn a_config_file_that_is_a_fifo_or_huge_is_refused_not_waited_on() {
    let home = Home::new();
    fs::create_dir_all(home.config().parent().unwrap()).unwrap();
    mkfifo(&home.config());
    let config = home.config().display().to_string();
    let err = home.refused(&["config", "check"]);
    assert!(
        err.contains(&format!(
            "{config} is a FIFO (named pipe), not a regular file"
        )),
        "{err}"
    );
    let out = home.run(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a FIFO (named pipe), not a regular file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "", "the terminal was not touched");
    // A huge file (sparse: it takes no room) is refused by its size.
    fs::remove_file(home.config()).unwrap();
    fs::File::create(home.config())
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    let err = home.refused(&["config", "check"]);
    assert!(err.contains("too large"), "{err}");
}

// ---- review files, framework files ----------------------------------------------------------

/// A review file that is a FIFO, a device or a huge file is refused by `review` and `review
/// import` with one sentence; none is waited on or read to the end.
#[cfg(unix)]
#[test]
fn a_review_file_that_is_not_a_regular_file_of_sensible_size_is_refused() {
    let home = Home::new();
    home.ok(&["rate", "DP1", "3"]);
    mkfifo(&home.file("ff"));
    for args in [
        &["review", "import", "ff"][..],
        &["--plain", "review", "ff"][..],
    ] {
        let err = home.refused(args);
        assert!(
            err.contains("ff is a FIFO (named pipe), not a regular file"),
            "{args:?}: {err}"
        );
    }
    for args in [
        &["review", "import", "/dev/zero"][..],
        &["--plain", "review", "/dev/zero"][..],
    ] {
        let err = home.refused(args);
        assert!(
            err.contains("/dev/zero is a device, not a regular file"),
            "{args:?}: {err}"
        );
    }
    let huge = home.file("huge.toml");
    fs::File::create(&huge).unwrap().set_len(65 << 20).unwrap();
    let err = home.refused(&["review", "import", "huge.toml"]);
    assert!(err.contains("huge.toml is too large"), "{err}");
}

/// A framework file that is a FIFO or a device is refused by `framework check` and
/// `--framework`; `list` reports one recorded by an assessment on that assessment's row and
/// still exits 0.
#[cfg(unix)]
#[test]
fn a_framework_file_that_is_not_a_regular_file_is_refused_and_listed() {
    let home = Home::new();
    mkfifo(&home.file("fifo.toml"));
    let err = home.refused(&["framework", "check", "fifo.toml"]);
    assert!(
        err.contains("fifo.toml is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    let err = home.refused(&["--framework", "fifo.toml", "show"]);
    assert!(
        err.contains("fifo.toml is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    let err = home.refused(&["--framework", "/dev/zero", "show"]);
    assert!(
        err.contains("/dev/zero is a device, not a regular file"),
        "{err}"
    );
    let huge = home.file("huge.toml");
    fs::File::create(&huge).unwrap().set_len(65 << 20).unwrap();
    let err = home.refused(&["framework", "check", "huge.toml"]);
    assert!(err.contains("huge.toml is too large"), "{err}");

    // An assessment made with s10.toml, which then becomes a FIFO.
    let s10 = s10(&home);
    home.ok(&["--framework", "s10.toml", "rate", "C.0", "3", "-a", "f"]);
    home.ok(&["rate", "DP1", "3"]);
    fs::remove_file(&s10).unwrap();
    mkfifo(&s10);
    let out = home.run(&["list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let row = text.lines().find(|l| l.starts_with("f ")).unwrap_or("");
    assert!(
        row.contains("FIFO (named pipe), not a regular file"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("default ") && l.contains("1/33 answered")),
        "{text}"
    );
    let err = home.refused(&["show", "-a", "f"]);
    assert!(err.contains("FIFO (named pipe)"), "{err}");
}

// ---- lock files -------------------------------------------------------------------------------

/// A lock file that is a symbolic link (to nowhere, or to a file) is named as such, for an
/// assessment and for a review file, and nothing is created or changed at the link's target.
#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_symlink_is_named_as_such() {
    use std::os::unix::fs::symlink;
    let home = Home::new();
    home.ok(&["rate", "DP1", "3"]);
    let lock = home.data().join("assessments/default.lock");
    let before = fs::read(home.assessment("default")).unwrap();
    fs::remove_file(&lock).ok();
    symlink(home.file("nowhere/x"), &lock).unwrap();
    let err = home.refused(&["rate", "DP2", "3"]);
    assert!(
        err.contains("default.lock is a symbolic link, not a lock file; remove it"),
        "{err}"
    );
    assert!(!err.contains("folder is gone"), "{err}");
    assert!(!home.file("nowhere").exists());
    assert_eq!(fs::read(home.assessment("default")).unwrap(), before);
    // A link to an existing file: the file is neither locked nor changed.
    fs::write(home.file("mine.txt"), "mine").unwrap();
    fs::remove_file(&lock).unwrap();
    symlink(home.file("mine.txt"), &lock).unwrap();
    let err = home.refused(&["rate", "DP2", "3"]);
    assert!(err.contains("default.lock is a symbolic link"), "{err}");
    assert_eq!(fs::read_to_string(home.file("mine.txt")).unwrap(), "mine");

    // A review file in a shared folder whose lock someone replaced by a link.
    home.ok(&["review", "request", "-o", "x.toml"]);
    symlink(home.file("nowhere/y"), home.file("x.lock")).unwrap();
    let request = fs::read(home.file("x.toml")).unwrap();
    let err = home.refused(&["--plain", "review", "x.toml", "--reviewer", "Kim"]);
    assert!(
        err.contains("x.lock is a symbolic link, not a lock file; remove it"),
        "{err}"
    );
    assert_eq!(fs::read(home.file("x.toml")).unwrap(), request);
}

/// A lock that cannot be taken (here the lock file is a folder) refuses every command that
/// writes the same way: `rate`, `set`, `snapshot`, `review import` and `plan add` say so in
/// one sentence and change nothing, as they do for a lock file that is a symbolic link.
#[cfg(unix)]
#[test]
fn every_writer_refuses_without_the_lock() {
    use std::os::unix::fs::symlink;
    let home = Home::new();
    home.ok(&["rate", "DP1", "3"]);
    home.ok(&["review", "request", "-o", "r.toml"]);
    let review = home.file("r.toml");
    let text = fs::read_to_string(&review).unwrap();
    let mut filled =
        rolefit::review::parse(&text, &rolefit::storage::framework::builtin()).unwrap();
    filled.set_reviewer("Kim");
    filled.assessment.set_rating(
        &"DP2".into(),
        Some(rolefit::domain::Rating::Level(
            rolefit::domain::Level::new(4).unwrap(),
        )),
    );
    fs::write(&review, filled.to_toml()).unwrap();
    let lock = home.data().join("assessments/default.lock");
    let before = fs::read(home.assessment("default")).unwrap();
    let writers: [&[&str]; 5] = [
        &["rate", "DP2", "3"],
        &["set", "role", "PMO lead"],
        &["snapshot", "--label", "s1"],
        &["review", "import", "r.toml"],
        &["plan", "add", "DP1", "Shadow a PMO lead"],
    ];
    // A folder where the lock file should be: the lock cannot be taken.
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    for args in writers {
        let err = home.refused(args);
        assert!(
            err.contains("cannot create the lock file"),
            "{args:?}: {err}"
        );
        assert!(err.contains("nothing was changed"), "{args:?}: {err}");
        assert_eq!(
            fs::read(home.assessment("default")).unwrap(),
            before,
            "{args:?}"
        );
    }
    // A dangling symbolic link: named as such by every writer.
    fs::remove_dir(&lock).unwrap();
    symlink(home.file("nowhere/x"), &lock).unwrap();
    for args in writers {
        let err = home.refused(args);
        assert!(
            err.contains("default.lock is a symbolic link, not a lock file; remove it"),
            "{args:?}: {err}"
        );
        assert_eq!(
            fs::read(home.assessment("default")).unwrap(),
            before,
            "{args:?}"
        );
    }
    assert!(!home.file("nowhere").exists());
}

/// A review file open in a running rolefit is refused with what to do, not with the advice
/// for closing a round, and is left as it was.
#[test]
fn a_review_file_open_elsewhere_says_to_quit_it_first() {
    let home = Home::new();
    home.ok(&["review", "request", "-o", "x.toml"]);
    let request = fs::read(home.file("x.toml")).unwrap();
    let rolefit::storage::LockOutcome::Held(_held) = rolefit::storage::lock(&home.file("x.toml"))
    else {
        panic!("the review file's lock was not taken");
    };
    let err = home.refused(&["--plain", "review", "x.toml", "--reviewer", "Kim"]);
    assert!(
        err.contains("x.toml is open in a running rolefit; quit it first, then try again"),
        "{err}"
    );
    assert!(!err.contains("close the round"), "{err}");
    assert_eq!(fs::read(home.file("x.toml")).unwrap(), request);
}

// ---- reports never land on files rolefit depends on ------------------------------------------

/// Asserts `args` is refused (exit 1) with a last line on stderr naming `needle` (`team` lists
/// the files it could not read above it), and `file` keeps `before`.
fn refused_keeping(home: &Home, args: &[&str], needle: &str, file: &Path, before: &[u8]) {
    let out = home.run(args);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {}{err}",
        stdout(&out)
    );
    let last = err.lines().last().unwrap_or("");
    assert!(last.contains(needle), "{args:?}: {err}");
    assert!(last.contains("choose another file"), "{args:?}: {err}");
    assert_eq!(fs::read(file).unwrap(), before, "{args:?} changed {file:?}");
}

/// `export -o` and `team -o` refuse the framework file in use or recorded by the assessment, a
/// review file and the configuration file, however the path is spelled.
#[cfg(unix)]
#[test]
fn a_report_never_overwrites_a_framework_a_review_or_the_config() {
    let home = Home::new();
    let s10 = s10(&home);
    let framework = fs::read(&s10).unwrap();
    home.ok(&["--framework", "s10.toml", "rate", "C.1", "9", "-a", "t"]);
    std::os::unix::fs::symlink(home.path(), home.file("via")).unwrap();
    let absolute = s10.display().to_string();
    // The framework recorded by the assessment, spelled three ways.
    for out in [
        "s10.toml",
        absolute.as_str(),
        "via/s10.toml",
        "./via/./s10.toml",
    ] {
        refused_keeping(
            &home,
            &["export", "-a", "t", "-o", out],
            "is the framework file",
            &s10,
            &framework,
        );
    }
    // The framework given with --framework.
    refused_keeping(
        &home,
        &[
            "--framework",
            "s10.toml",
            "export",
            "-a",
            "t",
            "-o",
            "via/s10.toml",
        ],
        "is the framework file",
        &s10,
        &framework,
    );
    let assessments = home.data().join("assessments").display().to_string();
    refused_keeping(
        &home,
        &[
            "--framework",
            "s10.toml",
            "team",
            &assessments,
            "-o",
            "s10.toml",
        ],
        "is the framework file",
        &s10,
        &framework,
    );
    // The assessment still works with its framework.
    home.ok(&["show", "-a", "t"]);

    // A review file, filled in or not.
    home.ok(&["rate", "DP1", "3"]);
    home.ok(&["review", "request", "-o", "rev.toml"]);
    let review = fs::read(home.file("rev.toml")).unwrap();
    for args in [
        &["export", "-o", "rev.toml"][..],
        &["export", "-o", "via/rev.toml"][..],
        &["team", &assessments, "-o", "rev.toml"][..],
    ] {
        refused_keeping(
            &home,
            args,
            "is a review file",
            &home.file("rev.toml"),
            &review,
        );
    }

    // The configuration file.
    home.ok(&["config", "init"]);
    let config = fs::read(home.config()).unwrap();
    let config_path = home.config().display().to_string();
    for args in [
        &["export", "-o", config_path.as_str()][..],
        &["team", &assessments, "-o", config_path.as_str()][..],
    ] {
        refused_keeping(
            &home,
            args,
            "is rolefit's configuration file",
            &home.config(),
            &config,
        );
    }

    // An ordinary file is still replaced.
    fs::write(home.file("report.md"), "old").unwrap();
    home.ok(&["export", "-o", "report.md"]);
    assert!(
        fs::read_to_string(home.file("report.md"))
            .unwrap()
            .starts_with("# rolefit report")
    );
}

// ---- an assessment read against its framework's scale ----------------------------------------

/// An assessment made with a framework on a 0/50/99 scale, opened with another file of the same
/// id on a 0–9 scale: the framework is named as the cause, the (valid) assessment is not called
/// unreadable, nothing offers to move it aside, and nothing changes.
#[test]
fn another_scale_under_the_same_id_is_blamed_on_the_framework() {
    let home = Home::new();
    s10(&home);
    fs::write(home.file("big.toml"), framework(&[0, 50, 99])).unwrap();
    home.ok(&["--framework", "big.toml", "rate", "C.2", "99", "-a", "b"]);
    let file = home.assessment("b");
    let before = fs::read(&file).unwrap();
    let s10 = home.file("s10.toml").display().to_string();
    let big = home.file("big.toml").display().to_string();
    for args in [
        &["--framework", "s10.toml", "-a", "b", "show"][..],
        &["--framework", "s10.toml", "-a", "b", "rate", "C.0", "3"][..],
        &["--framework", "s10.toml", "-a", "b", "export"][..],
        &["--framework", "s10.toml", "-a", "b"][..],
    ] {
        let err = home.refused(args);
        assert!(
            err.contains(&format!(
                "b.toml was made with the framework \"t.fw\" (version 1) at {big}"
            )),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&format!("the scale of {s10} has no level 99")),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("cannot read") && !err.contains("aside"),
            "{err}"
        );
        assert!(!err.contains("interactive terminal"), "{err}");
    }
    assert_eq!(fs::read(&file).unwrap(), before);
    let names: Vec<_> = fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("corrupt")), "{names:?}");
    // Its own framework still reads it.
    home.ok(&["-a", "b", "show"]);
}

/// `list` reads each assessment against its own framework's scale and reports the same problem
/// on its row as `show` and `rate` do.
#[test]
fn list_reports_a_level_off_the_scale_as_show_does() {
    let home = Home::new();
    home.ok(&["rate", "DP1", "3"]);
    let file = home.assessment("default");
    let text = fs::read_to_string(&file).unwrap();
    for (level, says) in [
        ("9", "level 9 is outside the scale 0..=5"),
        ("\"x\"", "use 0 to 5"),
    ] {
        fs::write(
            &file,
            text.replace("level = 3", &format!("level = {level}")),
        )
        .unwrap();
        let err = home.refused(&["show"]);
        assert!(err.contains(says), "{err}");
        let problem = err
            .split_once("default.toml: ")
            .map(|(_, p)| {
                p.trim_end()
                    .trim_end_matches("; fix the file, or open rolefit to move it aside")
            })
            .unwrap_or_else(|| panic!("{err}"));
        let err = home.refused(&["rate", "DP2", "3"]);
        assert!(err.contains(problem), "{problem:?} not in {err}");
        let out = home.ok(&["list"]);
        let row = out
            .lines()
            .find(|l| l.starts_with("default "))
            .unwrap_or("");
        assert!(row.contains("unreadable"), "{out}");
        assert!(row.contains(problem), "{problem:?} not in {out}");
    }
}

/// A comment a person writes in their assessment file stays when rolefit saves it again, from
/// the command line and from the writer the app uses alike (one save path).
#[test]
fn comments_written_in_the_file_survive_a_save() {
    let home = Home::new();
    home.ok(&["rate", "DP1", "3"]);
    let file = home.assessment("default");
    // A file from before comments were kept, with the first line that said so.
    let text = fs::read_to_string(&file).unwrap().replacen(
        rolefit::storage::codec::FILE_HEADER,
        rolefit::storage::codec::OLD_FILE_HEADER,
        1,
    );
    let edited = text.replacen(
        "[ratings.DP1]",
        "# Rated after the spring review, see my notes\n[ratings.DP1]",
        1,
    ) + "\n# my own keys below\n[mine]\nmentor = \"Sam\" # asked in May\n";
    fs::write(&file, &edited).unwrap();
    home.ok(&["rate", "DP2", "4"]);
    home.ok(&["rate", "DP1", "2"]);
    let saved = fs::read_to_string(&file).unwrap();
    for kept in [
        "# Rated after the spring review, see my notes\n[ratings.DP1]",
        "# my own keys below",
        "mentor = \"Sam\" # asked in May",
    ] {
        assert!(saved.contains(kept), "{kept:?} is kept:\n{saved}");
    }
    // The first line says what a save does now, once.
    assert!(
        saved.starts_with(rolefit::storage::codec::FILE_HEADER),
        "{saved}"
    );
    assert_eq!(saved.matches("# Saved by rolefit").count(), 1, "{saved}");
    let table: toml::Table = toml::from_str(&saved).unwrap();
    assert_eq!(table["ratings"]["DP1"]["level"].as_integer(), Some(2));
    assert_eq!(table["ratings"]["DP2"]["level"].as_integer(), Some(4));
}
