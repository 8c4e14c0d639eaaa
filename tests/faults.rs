//! Persistence under faults: saves that fail (injected, and real full or read-only file
//! systems on a small tmpfs) are shown, retried, never tear the file, and quitting asks first.

mod headless;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rolefit::app::Prompt;
use rolefit::domain::Assessment;
use rolefit::runtime::{self, Persist, ScriptedEvents};

/// A store whose saves fail with `kind` until `failures` is used up.
struct Failing {
    inner: rolefit::runtime::FileStore,
    failures: usize,
    kind: io::ErrorKind,
    attempts: usize,
}

impl Persist for Failing {
    fn save(&mut self, assessment: &Assessment) -> io::Result<()> {
        self.attempts += 1;
        if self.failures > 0 {
            self.failures -= 1;
            return Err(io::Error::from(self.kind));
        }
        self.inner.save(assessment)
    }

    fn move_aside(&mut self) -> rolefit::storage::Result<PathBuf> {
        self.inner.move_aside()
    }
}

struct Outcome {
    screen: String,
    prompt: Option<Prompt>,
    dirty: bool,
    attempts: usize,
}

fn run_failing(data: &Path, script: &str, failures: usize, kind: io::ErrorKind) -> Outcome {
    let events = ScriptedEvents::new(headless::keys(script));
    let (run, store) = headless::run_stored(
        data,
        rolefit::storage::framework::builtin(),
        events,
        (80, 24),
        &mut runtime::NoSuspend,
        |inner| Failing {
            inner,
            failures,
            kind,
            attempts: 0,
        },
    );
    Outcome {
        screen: run.screen,
        prompt: run.app.prompt().cloned(),
        dirty: run.app.dirty(),
        attempts: store.attempts,
    }
}

fn file(data: &Path) -> Option<String> {
    std::fs::read_to_string(data.join("assessments/default.toml")).ok()
}

#[test]
fn a_failed_save_is_shown_and_the_app_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    // The screen change saves at once; it fails with a full disk.
    let out = run_failing(
        dir.path(),
        "<tab><tab>4<tab>",
        usize::MAX,
        io::ErrorKind::StorageFull,
    );
    assert!(
        out.screen.contains("Save failed: disk full — retrying"),
        "{}",
        out.screen
    );
    assert!(
        out.screen.contains("1/33 answered"),
        "the rating is kept in the app: {}",
        out.screen
    );
    assert!(out.dirty);
    assert!(
        out.attempts >= 2,
        "saved on screen change and again on exit"
    );
    assert_eq!(file(dir.path()), None, "nothing half-written");
}

#[test]
fn a_save_that_fails_once_succeeds_on_the_next_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_failing(
        dir.path(),
        "<tab><tab>4<tab>",
        1,
        io::ErrorKind::PermissionDenied,
    );
    assert!(!out.dirty);
    let saved = headless::saved(dir.path());
    assert_eq!(saved["ratings"]["DP1"]["level"].as_integer(), Some(4));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let kind = io::ErrorKind::ReadOnlyFilesystem;
    // q: the save fails, so rolefit asks.
    let out = run_failing(dir.path(), "<tab><tab>4q", usize::MAX, kind);
    assert!(
        matches!(out.prompt, Some(Prompt::ConfirmQuit(_))),
        "{:?}",
        out.prompt
    );
    assert!(out.screen.contains("Unsaved changes"), "{}", out.screen);
    assert!(
        out.screen.contains("read-only file system"),
        "{}",
        out.screen
    );
    // n: stay, and keep working.
    let out = run_failing(dir.path(), "<tab><tab>4qn5", usize::MAX, kind);
    assert_eq!(out.prompt, None);
    assert!(out.screen.contains("2/33 answered"), "{}", out.screen);
    // y: quit without the changes; the file was never written.
    let out = run_failing(dir.path(), "<tab><tab>4qy", usize::MAX, kind);
    assert!(out.dirty);
    assert_eq!(file(dir.path()), None);
}

/// A small tmpfs mounted for one test, unmounted when dropped. Mounting needs root. CI runs
/// `.ci/run` as root with `CI` set, so there a tmpfs that cannot be mounted fails the test;
/// elsewhere the test is skipped, and says so on the real stderr, past the test harness's
/// output capture, so a skip is never mistaken for a pass.
struct Tmpfs(PathBuf);

/// Whether the tests run in CI: `CI` is set to anything but empty, `0` or `false`.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

impl Tmpfs {
    fn mount(test: &str, size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap().keep();
        let why = match std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .output()
        {
            Ok(out) if out.status.success() => return Some(Tmpfs(dir)),
            Ok(out) => format!(
                "`mount -t tmpfs` {}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            Err(e) => format!("cannot run `mount`: {e}"),
        };
        let _ = std::fs::remove_dir(&dir);
        assert!(
            !in_ci(),
            "{test}: cannot mount a {size} tmpfs in CI ({why}). CI must run these tests: run \
             .ci/run as root, in a container allowed to mount (CAP_SYS_ADMIN)."
        );
        // Straight to the process's stderr: `eprintln!` is captured and hidden for a test
        // that passes.
        let _ = writeln!(
            io::stderr().lock(),
            "SKIPPED (not run): {test} needs root to mount a tmpfs ({why})"
        );
        None
    }

    fn remount_read_only(&self) {
        let status = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_keeps_the_old_file_whole() {
    let Some(fs) = Tmpfs::mount("a_full_disk_keeps_the_old_file_whole", "64k") else {
        return;
    };
    let data = fs.0.join("data");
    // A first session saves normally.
    headless::run(&data, "<tab><tab>4", (80, 24));
    let before = file(&data).unwrap();
    // Fill the disk, then write a long note: the save fails, the old file stays whole.
    let filler = fs.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![b'x'; 4096];
    while io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let r = headless::run(&data, "<home>emore evidence<esc><s-tab>", (80, 24));
    assert!(
        r.screen.contains("Save failed: disk full — retrying"),
        "{}",
        r.screen
    );
    assert_eq!(file(&data).unwrap(), before);
    assert_eq!(
        names(&data.join("assessments")),
        ["default.lock", "default.toml"]
    );
    // Room again: the next session saves.
    std::fs::remove_file(&filler).unwrap();
    std::fs::write(fs.0.join("probe"), "room again")
        .expect("the tmpfs has room after the filler is gone");
    std::fs::remove_file(fs.0.join("probe")).unwrap();
    let r = headless::run(&data, "<home>5<tab>", (80, 24));
    assert!(r.screen.contains("Saved"), "{}", r.screen);
    let saved = headless::saved(&data);
    assert_eq!(
        saved["ratings"]["DP1"]["level"].as_integer(),
        Some(5),
        "{}\n{saved:?}",
        r.screen
    );
}

#[test]
fn a_read_only_folder_is_reported_and_nothing_changes() {
    let Some(fs) = Tmpfs::mount("a_read_only_folder_is_reported_and_nothing_changes", "1m") else {
        return;
    };
    let data = fs.0.join("data");
    headless::run(&data, "<tab><tab>4<tab>", (80, 24));
    let before = file(&data).unwrap();
    fs.remount_read_only();
    // The lock cannot be opened for writing there, so the app opens read-only and says why.
    let r = headless::run(&data, "", (80, 24));
    assert!(
        r.app
            .notice_text()
            .as_deref()
            .is_some_and(|n| n.contains("read-only file system")),
        "{:?}",
        r.app.notice_text().as_deref()
    );
    let r = headless::run(&data, "<s-tab>3<tab>", (80, 24));
    assert!(r.screen.contains("Read-only: no lock"), "{}", r.screen);
    assert_eq!(file(&data).unwrap(), before);
}

/// Without the lock (here the lock's path is a folder, which no one can open for writing,
/// root included) the app opens read-only, says why, and writes nothing.
#[test]
fn without_the_lock_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let assessments = dir.path().join("assessments");
    std::fs::create_dir_all(assessments.join("default.lock")).unwrap();
    let run = headless::run(dir.path(), "<tab><tab>4e a note<esc>q", (100, 30));
    assert!(run.app.read_only(), "{}", run.screen);
    assert!(run.screen.contains("Read-only: no lock"), "{}", run.screen);
    assert_eq!(
        file(dir.path()),
        None,
        "an assessment was written without the lock"
    );
}

/// The events ending (a closed terminal, a signal) with the note editor open keeps the note.
#[test]
fn a_note_being_typed_is_saved_when_the_app_must_stop() {
    let dir = tempfile::tempdir().unwrap();
    // The script ends inside the editor: the loop returns as on a hang-up.
    headless::run(dir.path(), "<tab><tab>ehalf a sentence", (100, 30));
    let saved = headless::saved(dir.path());
    assert_eq!(
        saved["ratings"]["DP1"]["note"].as_str(),
        Some("half a sentence"),
        "{saved:#?}"
    );
}

/// A store whose first save waits until the test opens the gate, counting finished saves.
struct Slow {
    inner: rolefit::runtime::FileStore,
    gate: Option<std::sync::mpsc::Receiver<()>>,
    saves: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Persist for Slow {
    fn save(&mut self, assessment: &Assessment) -> io::Result<()> {
        if let Some(gate) = self.gate.take() {
            let _ = gate.recv();
        }
        let result = self.inner.save(assessment);
        self.saves.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        result
    }

    fn move_aside(&mut self) -> rolefit::storage::Result<PathBuf> {
        self.inner.move_aside()
    }
}

/// Keys as a terminal gives them (the loop does not wait for saves between them); after the
/// last key it lets the slow save go and waits until it is written, gives the loop a few turns
/// to take in the results, then ends.
struct Typing {
    keys: ScriptedEvents,
    open: Option<std::sync::mpsc::Sender<()>>,
    saves: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    idle: usize,
}

impl runtime::EventSource for Typing {
    fn poll(&mut self, timeout: std::time::Duration) -> io::Result<runtime::Polled> {
        match self.keys.poll(timeout)? {
            runtime::Polled::Closed => {}
            event => return Ok(event),
        }
        if let Some(open) = self.open.take() {
            open.send(()).unwrap();
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.saves.load(std::sync::atomic::Ordering::SeqCst) < 1 {
            assert!(std::time::Instant::now() < deadline, "the saves never ran");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        // A few turns of the loop, so it takes in the results of the saves.
        self.idle += 1;
        if self.idle < 5 {
            std::thread::sleep(std::time::Duration::from_millis(20));
            return Ok(runtime::Polled::Idle);
        }
        Ok(runtime::Polled::Closed)
    }
}

/// Saves run on the writer thread while keys go on: a save that finishes after a later change
/// must not mark that change saved, or quitting would skip it.
#[test]
fn a_change_made_while_a_save_runs_stays_pending_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let saves = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (open, gate) = std::sync::mpsc::channel();
    // Tab, Tab: two screen changes, each saved at once (the first is held; the second is
    // written after it, or instead of it if the thread had not taken the first yet); 4 rates
    // DP1 while they are on their way.
    let events = Typing {
        keys: ScriptedEvents::new(headless::keys("<tab><tab>4")),
        open: Some(open),
        saves: std::sync::Arc::clone(&saves),
        idle: 0,
    };
    let (run, _) = headless::run_stored(
        dir.path(),
        rolefit::storage::framework::builtin(),
        events,
        (80, 24),
        &mut runtime::NoSuspend,
        |inner| Slow {
            inner,
            gate: Some(gate),
            saves: std::sync::Arc::clone(&saves),
        },
    );
    assert!(!run.app.dirty(), "saved on the way out");
    assert!(saves.load(std::sync::atomic::Ordering::SeqCst) >= 2);
    let saved = headless::saved(dir.path());
    assert_eq!(
        saved["ratings"]["DP1"]["level"].as_integer(),
        Some(4),
        "{saved:#?}"
    );
}
