//! When rolefit meets a bug (a panic): the terminal is given back (see `cli::start`), a short
//! report is written to `DATA_DIR/crashes/` — the version, the framework's id and hash, the
//! screen, the panic's message and where it happened, never a rating or a note — one sentence
//! on stderr says where it is, and the next start of the same assessment opens on the Roles
//! screen and says what happened, so a bug on one screen never locks the user out of their own
//! data.
//!
//! A start that ends before its first frame without a panic (an abort, a kill) is caught too:
//! a marker written before the first frame and removed once it is drawn says so to the next
//! start.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

use crate::domain::Screen;

/// What the report says about where rolefit was; set as rolefit goes.
#[derive(Default)]
struct Context {
    /// Where reports and markers go: `DATA_DIR/crashes`.
    folder: Option<PathBuf>,
    /// The assessment open in the full screen, whose next start is told.
    assessment: Option<PathBuf>,
    /// The framework's id and content hash.
    framework: Option<(String, String)>,
    /// The command line's subcommand, or "the full screen".
    command: String,
}

static CONTEXT: Mutex<Context> = Mutex::new(Context {
    folder: None,
    assessment: None,
    framework: None,
    command: String::new(),
});

/// The screen shown, as `Screen::index() + 1`; 0 when none is.
static SCREEN: AtomicU8 = AtomicU8::new(0);

/// Whether the first frame of this start has been drawn (and its marker removed).
static DRAWN: AtomicBool = AtomicBool::new(false);

/// Only the first panic writes a report (a second one follows as the first unwinds).
static REPORTED: AtomicBool = AtomicBool::new(false);

fn context() -> MutexGuard<'static, Context> {
    CONTEXT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs the hook that writes the report and says where it is. Called first thing by the
/// binary; the full screen adds the giving back of the terminal in front of it.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = panic_message(info);
        let place = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        let report = write_report(&message, &place);
        let sentence = match &report {
            Some(path) => format!(
                "rolefit: stopped by a bug (nothing already saved is lost); a report without \
                 your ratings or notes is in {}",
                crate::text::display_path(path)
            ),
            None => "rolefit: stopped by a bug (nothing already saved is lost); the report \
                     could not be written"
                .to_string(),
        };
        let _ = writeln!(std::io::stderr(), "{sentence}");
    }));
}

/// The panic's own message, whatever its payload.
fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

/// Where reports go from now on: `data_dir/crashes`.
pub fn set_data_dir(data_dir: &Path) {
    context().folder = Some(data_dir.join("crashes"));
}

/// What ran: a subcommand's name, or the full screen.
pub fn set_command(command: &str) {
    context().command = command.to_string();
}

/// The framework in use, for the report.
pub fn set_framework(id: &str, hash: &str) {
    context().framework = Some((id.to_string(), hash.to_string()));
}

/// The screen being drawn, for the report.
pub fn set_screen(screen: Screen) {
    SCREEN.store(screen.index() as u8 + 1, Ordering::Relaxed);
}

fn screen() -> Option<Screen> {
    match SCREEN.load(Ordering::Relaxed) {
        0 => None,
        n => Screen::ALL.get(usize::from(n) - 1).copied(),
    }
}

/// How the last start of an assessment ended, when it did not end well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastCrash {
    /// The report, when a panic wrote one (None: the start ended before its first frame
    /// without a panic, e.g. an abort).
    pub report: Option<PathBuf>,
    /// The screen it was on.
    pub screen: Option<Screen>,
}

/// The marker of one assessment: `crashes/<hash of its canonical path>.last`.
fn marker(folder: &Path, assessment: &Path) -> PathBuf {
    let location =
        crate::storage::canonical_location(assessment).unwrap_or_else(|| assessment.to_path_buf());
    let key = crate::domain::framework::fnv1a_64(location.to_string_lossy().as_bytes());
    folder.join(format!("{key:016x}.last"))
}

/// Whether the last start of the assessment at `assessment` crashed, read from its marker.
/// Sets this start up to be watched: the marker now says "starting" until the first frame is
/// drawn ([`first_frame_drawn`]), and a panic writes the report into it.
pub fn start_watching(assessment: &Path) -> Option<LastCrash> {
    let folder = {
        let mut context = context();
        context.assessment = Some(assessment.to_path_buf());
        context.command = "the full screen".to_string();
        context.folder.clone()
    }?;
    watch(&folder, assessment)
}

/// The first frame was drawn: this start did not crash on the way in.
pub fn first_frame_drawn() {
    if DRAWN.swap(true, Ordering::SeqCst) {
        return;
    }
    let context = context();
    if let (Some(folder), Some(assessment)) = (&context.folder, &context.assessment) {
        unwatch(folder, assessment);
    }
}

/// Reads the marker of `assessment` in `folder`, then marks a start under way.
fn watch(folder: &Path, assessment: &Path) -> Option<LastCrash> {
    let marker = marker(folder, assessment);
    // A marker is a few lines; anything else at its path (a folder, a FIFO, a large file) is
    // not one of ours and is not read.
    let last = std::fs::symlink_metadata(&marker)
        .ok()
        .filter(|m| m.is_file() && m.len() < 4096)
        .and_then(|_| std::fs::read_to_string(&marker).ok())
        .map(|text| parse_marker(&text));
    write_marker(&marker, "starting", None);
    last
}

/// The start under way got as far as its first frame.
fn unwatch(folder: &Path, assessment: &Path) {
    let _ = std::fs::remove_file(marker(folder, assessment));
}

/// `state = …`, `screen = …`, `report = …`: one per line.
fn parse_marker(text: &str) -> LastCrash {
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(" = "))
            .map(str::to_string)
    };
    LastCrash {
        report: value("report").map(PathBuf::from),
        screen: value("screen").and_then(|s| Screen::from_key(&s)),
    }
}

fn write_marker(marker: &Path, state: &str, report: Option<&Path>) {
    let mut text = format!("state = {state}\n");
    if let Some(screen) = screen() {
        text.push_str(&format!("screen = {}\n", screen.key()));
    }
    if let Some(report) = report {
        text.push_str(&format!("report = {}\n", report.to_string_lossy()));
    }
    if crate::storage::ensure_parent(marker).is_ok() {
        let _ = crate::storage::atomic::write_atomic(marker, text.as_bytes());
    }
}

/// Writes the report (and, for the full screen, the marker that tells the next start);
/// returns the report's path.
fn write_report(message: &str, place: &str) -> Option<PathBuf> {
    // The hook may run while another thread holds the context (it never panics while
    // holding it, but a poisoned or busy lock must not hang a crash): try once.
    let context = match CONTEXT.try_lock() {
        Ok(context) => context,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return None,
    };
    let folder = context
        .folder
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("rolefit-crashes"));
    let stamp = crate::clock::file_stamp();
    let path = folder.join(format!("crash-{stamp}-{}.txt", std::process::id()));
    let framework = context
        .framework
        .as_ref()
        .map_or("(none loaded)".to_string(), |(id, hash)| {
            format!("{id} (content hash {hash})")
        });
    let screen = screen().map_or("(none)", Screen::key);
    let command = if context.command.is_empty() {
        "(starting)"
    } else {
        &context.command
    };
    let text = format!(
        "rolefit crash report\n\
         version: {}\n\
         time: {}\n\
         command: {command}\n\
         framework: {framework}\n\
         screen: {screen}\n\
         panic: {}\n\
         at: {place}\n\n\
         This report holds no ratings, notes or names. Send it with a description of what you \
         were doing to whoever looks after rolefit for you.\n\n\
         backtrace:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        crate::clock::now_utc(),
        crate::text::display_safe(message),
        std::backtrace::Backtrace::force_capture()
    );
    crate::storage::ensure_parent(&path).ok()?;
    crate::storage::atomic::write_atomic(&path, text.as_bytes()).ok()?;
    if let Some(assessment) = &context.assessment {
        write_marker(&marker(&folder, assessment), "crashed", Some(&path));
    }
    Some(path)
}

/// Panics while drawing `screen` when `ROLEFIT_TEST_PANIC` names it: the crash tests' way to
/// meet a bug on purpose, since rolefit has no known one to meet.
pub fn test_panic(screen: Screen) {
    static ON: OnceLock<Option<String>> = OnceLock::new();
    let on = ON.get_or_init(|| std::env::var("ROLEFIT_TEST_PANIC").ok());
    if on.as_deref() == Some(screen.key()) {
        panic!(
            "a panic asked for by ROLEFIT_TEST_PANIC on the {} screen",
            screen.key()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back_its_report_and_screen() {
        let last = parse_marker("state = crashed\nscreen = results\nreport = /d/crashes/c.txt\n");
        assert_eq!(
            last,
            LastCrash {
                report: Some(PathBuf::from("/d/crashes/c.txt")),
                screen: Some(Screen::Results),
            }
        );
        let starting = parse_marker("state = starting\n");
        assert_eq!(starting.report, None);
        assert_eq!(starting.screen, None);
    }

    /// A start that never drew its first frame is told to the next start; one that did
    /// leaves nothing behind.
    #[test]
    fn a_start_that_ends_before_its_first_frame_is_told_to_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("crashes");
        let assessment = dir.path().join("default.toml");
        assert_eq!(watch(&folder, &assessment), None, "nothing before");
        // Ended before its first frame (an abort, a kill): the next start hears of it.
        let last = watch(&folder, &assessment).expect("the unfinished start is told");
        assert_eq!(last.report, None);
        // This one draws its first frame: the marker goes.
        unwatch(&folder, &assessment);
        assert_eq!(watch(&folder, &assessment), None);
        unwatch(&folder, &assessment);
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
        // Another assessment has its own marker.
        let other = dir.path().join("other.toml");
        watch(&folder, &assessment);
        assert_eq!(watch(&folder, &other), None);
    }
}
