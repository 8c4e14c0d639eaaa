//! The TUI start-up: a testable `prepare` that reads the disk, and `launch`, which owns the
//! terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::{Error, Result};
use crate::app::{App, Prompt, SaveStatus};
use crate::domain::{Assessment, Framework};
use crate::runtime::{self, FileStore, TerminalEvents};
use crate::storage::{self, LockOutcome, ReadOutcome};
use crate::strings;

/// How the app starts, from what the assessment file held.
enum Start {
    FirstRun,
    Resumed,
    Newer(i64),
    Unreadable(storage::Unreadable),
}

/// Everything the TUI needs, read from disk, before the terminal is touched.
pub struct Prepared {
    pub app: App,
    pub store: FileStore,
}

/// Locks, cleans up, reads and classifies the assessment file, and builds the app with any
/// prompt the user must answer first.
pub fn prepare(framework: Framework, path: &Path, name: &str) -> Result<Prepared> {
    storage::ensure_parent(path)?;
    let (lock, busy, lock_warning) = match storage::lock_soon(path) {
        LockOutcome::Held(lock) => (Some(lock), false, None),
        LockOutcome::Busy => (None, true, None),
        LockOutcome::Unavailable(err) => (
            None,
            false,
            Some(format!(
                "Could not create the lock file beside {} ({}); saving may fail.",
                path.display(),
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
    let (assessment, start): (Assessment, Start) = match storage::read_assessment(path, name) {
        ReadOutcome::Missing => (fresh(&framework), Start::FirstRun),
        ReadOutcome::Loaded(assessment) => (assessment, Start::Resumed),
        ReadOutcome::Newer { found, assessment } => (
            // Show what this version can read of it; never write it.
            assessment.unwrap_or_else(|| fresh(&framework)),
            Start::Newer(found),
        ),
        ReadOutcome::Unreadable(problem) => (fresh(&framework), Start::Unreadable(problem)),
    };
    let mut app = App::new(framework, assessment);
    match start {
        Start::FirstRun => app = app.first_run(),
        Start::Resumed => {
            let (rated, total) = app.progress();
            let unknown: Vec<String> = app
                .assessment
                .unknown_ids(&app.framework)
                .into_iter()
                .map(|id| id.0)
                .collect();
            app.notice = Some(if unknown.is_empty() {
                strings::resumed(rated, total)
            } else {
                format!(
                    "{} · {}",
                    strings::resumed(rated, total),
                    strings::unknown_ids(&unknown)
                )
            });
        }
        Start::Newer(found) => {
            app.read_only = true;
            app.save = SaveStatus::ReadOnly("Read-only: newer file format".into());
            app.notice = Some(format!(
                "Format {found} file left untouched; update rolefit to edit it."
            ));
        }
        Start::Unreadable(problem) => {
            if !busy {
                app.prompt = Some(Prompt::Unreadable(problem));
            }
        }
    }
    if busy {
        app.prompt = Some(Prompt::Locked);
    } else if let Some(warning) = lock_warning {
        app.notice = Some(warning);
    }
    app.color = crate::ui::theme::color_from_env();
    Ok(Prepared {
        app,
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
fn enter_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::{execute, terminal};
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::try_restore();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    if let Err(err) = execute!(std::io::stdout(), terminal::EnterAlternateScreen) {
        let _ = ratatui::try_restore();
        return Err(err);
    }
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

/// Leaves raw mode and the alternate screen, ignoring a terminal that is gone.
fn leave_terminal(mut terminal: ratatui::DefaultTerminal) {
    let _ = terminal.show_cursor();
    let _ = ratatui::try_restore();
    // Dropping the terminal would report a failure to show the cursor with `eprintln!`.
    std::mem::forget(terminal);
}

/// Runs the TUI on a real terminal.
pub fn launch(framework: Framework, path: &Path, name: &str) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let Prepared { mut app, mut store } = prepare(framework, path, name)?;
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
    let mut wake_on = exit_signals.to_vec();
    wake_on.push(signal_hook::consts::SIGWINCH);
    let mut events = TerminalEvents::new(&wake_on).map_err(Error::WatchTerminal)?;
    let mut terminal = enter_terminal().map_err(Error::SetUpTerminal)?;
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    let result = runtime::run(&mut terminal, &mut app, &mut events, &mut store, &stop);
    leave_terminal(terminal);
    result.map_err(Error::Terminal)?;
    if app.dirty && !app.read_only {
        return Err(Error::Unsaved {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}
