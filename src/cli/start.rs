//! The TUI start-up: a testable `prepare` that reads the disk, and `launch`, which owns the
//! terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::args::ThemeSetting;
use super::{Error, Result, detect};
use crate::app::{App, AppInit, LockState, Opened};
use crate::domain::{Assessment, Framework};
use crate::runtime::{self, FileStore, Suspend, TerminalEvents};
use crate::storage::{self, LockOutcome, ReadOutcome};

/// Everything the TUI needs, read from disk, before the terminal is touched.
pub struct Prepared {
    /// What the app starts from; the caller may set colour and size before `App::new`.
    pub init: AppInit,
    pub store: FileStore,
}

/// Locks, cleans up, reads and classifies the assessment file, and says what the app starts
/// from, including any prompt the user must answer first. Without the lock the app opens
/// read-only: it never writes unlocked.
pub fn prepare(framework: Framework, path: &Path, name: &str) -> Result<Prepared> {
    storage::ensure_parent(path)?;
    let (lock, state) = match storage::lock_soon(path) {
        LockOutcome::Held(lock) => (Some(lock), LockState::Held),
        LockOutcome::Busy => (None, LockState::Busy),
        LockOutcome::Unavailable(err) => (
            None,
            LockState::Unavailable(format!(
                "{}: {}",
                storage::paths::lock_path(path).display(),
                runtime::describe_io_error(&err)
            )),
        ),
    };
    if lock.is_some() {
        storage::atomic::remove_leftovers(path);
    }
    let now = crate::clock::now_utc();
    // What the file holds decides the assessment and how the app starts; the framework is
    // moved into the app once, not copied.
    let fresh = |framework: &Framework| Assessment::new(name, framework, now);
    let (assessment, opened) = match storage::read_assessment(path, name) {
        ReadOutcome::Missing => (fresh(&framework), Opened::FirstRun),
        ReadOutcome::Loaded(assessment) => (assessment, Opened::Resumed),
        ReadOutcome::Newer { found, assessment } => (
            // Show what this version can read of it; never write it.
            assessment.unwrap_or_else(|| fresh(&framework)),
            Opened::Newer(found),
        ),
        ReadOutcome::Unreadable(problem) => (fresh(&framework), Opened::Unreadable(problem)),
    };
    let init = AppInit::new(framework, assessment)
        .opened(opened)
        .lock(state)
        .color(crate::ui::theme::color_from_env());
    Ok(Prepared {
        init,
        store: FileStore {
            path: path.to_path_buf(),
            lock,
        },
    })
}

/// Raw mode and the alternate screen, with a panic hook that puts the terminal back first.
///
/// ratatui's own `init`/`restore` print their failures with `eprintln!`, which panics when the
/// terminal has gone away (its window closed), turning a clean exit into an abort; these helpers
/// ignore failures to restore a terminal that no longer exists.
fn enter_terminal(mouse: bool) -> std::io::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        give_terminal_back();
        previous(info);
    }));
    take_terminal(mouse)?;
    let output = std::io::BufWriter::with_capacity(FRAME_BUFFER, std::io::stdout());
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(output))
}

/// The terminal rolefit draws on. Frames go through a buffer as large as a full screen's
/// output, so a frame reaches the terminal in one write when it is flushed at its end; stdout
/// alone would pass it on in 1 KiB pieces, a system call (and a wake-up of the terminal) each.
type Screen =
    ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

/// Enough for a full 200×60 frame with colours.
const FRAME_BUFFER: usize = 64 * 1024;

/// Reports of mouse clicks and the wheel, in the SGR encoding (any size of terminal), but not
/// of every move of the pointer, which would only wake the loop for nothing.
struct EnableClicks;

impl ratatui::crossterm::Command for EnableClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Every terminal mode rolefit runs in: raw mode, the alternate screen, bracketed paste and,
/// with `mouse`, mouse reports. `give_terminal_back` undoes all of them; start-up, suspend
/// (after `fg`) and anything else that hands the terminal back take it again with this.
pub(crate) fn take_terminal(mouse: bool) -> std::io::Result<()> {
    use ratatui::crossterm::{event, execute, terminal};
    terminal::enable_raw_mode()?;
    let mut stdout = std::io::stdout();
    let mut result = execute!(
        stdout,
        terminal::EnterAlternateScreen,
        event::EnableBracketedPaste
    );
    if mouse && result.is_ok() {
        result = execute!(stdout, EnableClicks);
    }
    if let Err(err) = result {
        give_terminal_back();
        return Err(err);
    }
    Ok(())
}

/// Undoes every mode `take_terminal` sets: stops mouse reports and bracketed paste, shows the
/// cursor, leaves raw mode and the alternate screen, ignoring a terminal that is gone. Exit,
/// error, panic and suspend all go through here.
pub(crate) fn give_terminal_back() {
    use ratatui::crossterm::{cursor, event, execute};
    let _ = execute!(
        std::io::stdout(),
        event::DisableMouseCapture,
        event::DisableBracketedPaste,
        cursor::Show
    );
    let _ = ratatui::try_restore();
}

/// Leaves raw mode and the alternate screen, ignoring a terminal that is gone.
fn leave_terminal(terminal: Screen) {
    give_terminal_back();
    // Dropping the terminal would report a failure to show the cursor with `eprintln!`.
    std::mem::forget(terminal);
}

/// Suspends on the real terminal: for Ctrl-Z, and for SIGTSTP, which sets `requested`.
struct TerminalSuspend {
    requested: Arc<AtomicBool>,
    /// Mouse reports are on, and are turned on again once continued.
    mouse: bool,
}

impl Suspend for TerminalSuspend {
    fn requested(&mut self) -> bool {
        self.requested.swap(false, Ordering::SeqCst)
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        give_terminal_back();
        // SIGTSTP is caught (to get here first), so rolefit stops itself with SIGSTOP, which
        // cannot be caught; it returns once continued (`fg`, SIGCONT). Continued in the
        // background (`bg`), taking raw mode stops it again (SIGTTOU) until `fg`.
        // SAFETY: raise(3) has no preconditions.
        unsafe { libc::raise(libc::SIGSTOP) };
        take_terminal(self.mouse)
    }
}

/// Runs the TUI on a real terminal, with the theme asked for or found (see `detect`); with
/// `mouse`, clicks and the wheel work too.
pub fn launch(
    framework: Framework,
    path: &Path,
    name: &str,
    theme: ThemeSetting,
    mouse: bool,
) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let Prepared {
        mut init,
        mut store,
    } = prepare(framework, path, name)?;
    if init.color {
        // Before the alternate screen and the event reader, so the answer is read here.
        let colorfgbg = std::env::var("COLORFGBG").ok();
        init.background = detect::background(theme, detect::ask_terminal, colorfgbg.as_deref());
    }
    let stop = Arc::new(AtomicBool::new(false));
    // Every signal whose default is to end the process: each saves and restores the terminal.
    let exit_signals = [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGUSR1,
        signal_hook::consts::SIGUSR2,
        signal_hook::consts::SIGALRM,
    ];
    // A closed pipe is an error on the write, never a reason to die (Rust ignores it already;
    // this keeps it so whatever started rolefit).
    // SAFETY: setting a signal's disposition to SIG_IGN has no preconditions.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    for signal in exit_signals {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(Error::Signals)?;
    }
    // SIGTSTP (a job-control stop, `kill -TSTP`) would stop rolefit in raw mode and the
    // alternate screen: it asks the loop to suspend instead, as Ctrl-Z does.
    let suspend = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&suspend))
        .map_err(Error::Signals)?;
    let mut suspender = TerminalSuspend {
        requested: suspend,
        mouse,
    };
    let mut wake_on = exit_signals.to_vec();
    wake_on.push(signal_hook::consts::SIGWINCH);
    wake_on.push(signal_hook::consts::SIGTSTP);
    let mut events = TerminalEvents::new(&wake_on).map_err(Error::WatchTerminal)?;
    let mut terminal = enter_terminal(mouse).map_err(Error::SetUpTerminal)?;
    if let Ok(size) = terminal.size() {
        init.size = (size.width, size.height);
    }
    let mut app = App::new(init);
    let result = runtime::run(
        &mut terminal,
        &mut app,
        &mut events,
        &mut store,
        &stop,
        &mut suspender,
    );
    leave_terminal(terminal);
    result.map_err(Error::Terminal)?;
    if app.dirty() && !app.read_only() {
        return Err(Error::Unsaved {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}
