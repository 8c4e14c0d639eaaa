//! One file because start-up owns the terminal from the first read of the disk to the last restore: entering and leaving it, suspending, handing it to the note editor and the signals follow one order.
//!
//! The TUI start-up: a testable `prepare` that reads the disk, and `launch`, which owns the
//! terminal.

use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::args::ThemeSetting;
use super::commands::{self, Resolved};
use super::{Error, Result, detect};
use crate::app::{App, AppInit, LockState, Opened};
use crate::domain::{Assessment, Framework};
use crate::runtime::{self, FileStore, NoteEditor, Suspend, TerminalEvents};
use crate::storage::{self, LockOutcome, ReadOutcome};

/// Everything the TUI needs, read from disk, before the terminal is touched.
pub struct Prepared {
    /// What the app starts from; the caller may set colour and size before `App::new`.
    pub init: AppInit,
    pub store: FileStore,
}

/// Locks, cleans up, reads and classifies the assessment file, and says what the app starts
/// from, including any prompt the user must answer first. Without the lock the app opens
/// read-only: it never writes unlocked. `framework` comes without a file, so the assessment
/// records none for it; see [`prepare_resolved`].
pub fn prepare(framework: Framework, path: &Path, name: &str) -> Result<Prepared> {
    prepare_resolved(
        Resolved {
            framework,
            path: None,
        },
        path,
        name,
    )
}

/// [`prepare`] with the framework and the file it came from, which the assessment records.
/// An assessment made with a framework of another id is refused before anything is locked or
/// written (the caller has not touched the terminal yet).
pub fn prepare_resolved(resolved: Resolved, path: &Path, name: &str) -> Result<Prepared> {
    commands::resolve_at(Some(&resolved), path, name)?;
    // The framework's scale decides which levels the file may hold.
    let top = resolved.framework.scale.last().value();
    let storage::session::Opening {
        lock,
        read,
        mut known,
    } = storage::session::open(path, name, top)?;
    let (lock, state) = match lock {
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
    // Notes saved in the user's editor by a rolefit that was killed meanwhile: taken back
    // below once the file is read; their folders are removed when the note is safe.
    let editor_leftovers = if lock.is_some() {
        storage::note_file::clean_up(path)
    } else {
        Vec::new()
    };
    // Replaced since the first look by one made with another framework: refused too.
    if let ReadOutcome::Loaded(assessment) = &read {
        commands::resolve_for(Some(&resolved), Some(assessment), path)?;
    }
    // The framework's file, recorded on the next save; the app takes its version and hash
    // once it has said what changed.
    let framework_path = resolved
        .path
        .as_deref()
        .and_then(Path::to_str)
        .map(str::to_string);
    let framework = resolved.framework;
    let now = crate::clock::now_utc();
    // What the file holds decides the assessment and how the app starts; the framework is
    // moved into the app once, not copied.
    let fresh = |framework: &Framework| {
        let mut assessment = Assessment::new(name, framework, now);
        assessment.framework_path.clone_from(&framework_path);
        assessment
    };
    let mut taken_back = Vec::new();
    let (assessment, opened) = match read {
        ReadOutcome::Missing => (fresh(&framework), Opened::FirstRun),
        ReadOutcome::Loaded(mut assessment) => {
            assessment.framework_path.clone_from(&framework_path);
            taken_back = take_back_notes(&mut assessment, path, editor_leftovers);
            if !taken_back.is_empty() {
                // Written just now: that is what the file holds.
                let text = storage::codec::to_toml(&assessment);
                known = Some(storage::guarded::Known::new(
                    text.as_bytes(),
                    assessment.clone(),
                ));
            }
            (assessment, Opened::Resumed)
        }
        ReadOutcome::Newer { found, assessment } => (
            // Show what this version can read of it; never write it.
            assessment.unwrap_or_else(|| fresh(&framework)),
            Opened::Newer(found),
        ),
        ReadOutcome::Unreadable(problem) => (fresh(&framework), Opened::Unreadable(problem)),
    };
    let init = AppInit::new(framework, assessment)
        .file_name(storage::paths::stem(path))
        .opened(opened)
        .lock(state)
        .notes_taken_back(taken_back)
        .color(crate::ui::theme::color_from_env());
    Ok(Prepared {
        init,
        store: FileStore {
            path: path.to_path_buf(),
            lock,
            known,
            top,
        },
    })
}

/// Puts notes saved in the user's editor after rolefit was killed (while the editor was open)
/// into `assessment` and saves it; returns the competencies whose notes came back. A note that
/// changed in the file since it was handed to the editor is not replaced. A folder is removed
/// only once its note is safe: if the save fails, the next start tries again.
fn take_back_notes(
    assessment: &mut Assessment,
    path: &Path,
    leftovers: Vec<storage::note_file::Recovered>,
) -> Vec<String> {
    let mut taken = Vec::new();
    let mut folders = Vec::new();
    for note in leftovers {
        let id = crate::domain::CompetencyId(note.competency.clone());
        if assessment.note(&id) == note.given {
            assessment.set_note(&id, note.saved.clone());
            taken.push(note.competency.clone());
            folders.push(note);
        } else {
            note.remove();
        }
    }
    if taken.is_empty() {
        return taken;
    }
    if storage::save_assessment(path, assessment).is_err() {
        for note in &folders {
            let id = crate::domain::CompetencyId(note.competency.clone());
            assessment.set_note(&id, note.given.clone());
        }
        return Vec::new();
    }
    folders
        .into_iter()
        .for_each(storage::note_file::Recovered::remove);
    taken
}

/// The full name of the account running rolefit (the first field of its GECOS entry, as
/// `finger` shows it), when it has one other than the login name: a sensible default for the
/// person's name in their own assessment.
pub(super) fn account_full_name() -> Option<String> {
    // SAFETY: getpwuid_r writes into `entry` and `buffer`, which outlive the call; `result`
    // is null or points at `entry`, whose strings point into `buffer`.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut buffer = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let status = libc::getpwuid_r(
            libc::getuid(),
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut result,
        );
        if status != 0 || result.is_null() || entry.pw_gecos.is_null() {
            return None;
        }
        let gecos = std::ffi::CStr::from_ptr(entry.pw_gecos).to_string_lossy();
        let login = if entry.pw_name.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(entry.pw_name)
                .to_string_lossy()
                .into_owned()
        };
        let full = gecos.split(',').next().unwrap_or("").trim().to_string();
        let usable = crate::domain::person::clean(&full, "name").is_ok();
        (usable && !full.is_empty() && !full.eq_ignore_ascii_case(&login)).then_some(full)
    }
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

/// The user's editor for a note: `$VISUAL`, else `$EDITOR`, else `vi` (an empty variable
/// counts as unset).
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Lends the real terminal to the user's editor, on the note in a private folder (see
/// [`storage::note_file`]); `mouse` says whether mouse reports are taken again afterwards.
struct TerminalEditor {
    mouse: bool,
    /// The assessment the notes belong to, recorded beside each note so that a note saved in
    /// the editor after rolefit was killed comes back at the next start.
    assessment: std::path::PathBuf,
}

impl NoteEditor for TerminalEditor {
    fn edit(
        &mut self,
        id: &crate::domain::CompetencyId,
        text: &str,
    ) -> std::io::Result<std::result::Result<String, crate::app::EditorError>> {
        use crate::app::{EditorError, NotStarted};
        let editor = editor_command();
        // A folder of its own (0700) holding the note (0600): nobody else reads it, and it is
        // removed when done.
        let note = match storage::note_file::NoteFile::create(text, &self.assessment, id.as_str()) {
            Ok(note) => note,
            Err(err) => return Ok(Err(EditorError::NoFile(err))),
        };
        give_terminal_back();
        // Through the shell, so an editor with arguments (`code --wait`) works.
        let status = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(note.path())
            .spawn()
            .and_then(|mut child| {
                let _signals = EditorSignals::hand_over();
                child.wait()
            });
        take_terminal(self.mouse)?;
        let not_started = |why| EditorError::NotStarted {
            editor: editor.clone(),
            why,
        };
        let result = match status {
            Err(err) => Err(not_started(NotStarted::Io(err))),
            // The shell's own codes for a command it could not find or run.
            Ok(status) if status.code() == Some(127) => Err(not_started(NotStarted::NotFound)),
            Ok(status) if status.code() == Some(126) => Err(not_started(NotStarted::NotExecutable)),
            Ok(status) if !status.success() => Err(EditorError::Failed {
                editor: editor.clone(),
                status: status.code(),
            }),
            Ok(_) => match note.read() {
                Ok(bytes) => String::from_utf8(bytes).map_err(|_| EditorError::NotText),
                Err(err) => Err(EditorError::Unreadable(err)),
            },
        };
        drop(note);
        Ok(result)
    }
}

/// While the editor runs, the keyboard's signals are the editor's, as git does it: Ctrl-C and
/// Ctrl-\ in an editor that takes them as signals end the editor, not rolefit; Ctrl-Z stops
/// rolefit with it (the shell's `fg` continues both). Put back as they were when dropped.
/// With `sigaction` itself: signal-hook cannot set a signal to ignored or to its default and
/// later give its own handler back.
struct EditorSignals {
    saved: Vec<(libc::c_int, libc::sigaction)>,
}

impl EditorSignals {
    fn hand_over() -> EditorSignals {
        let mut saved = Vec::new();
        for (signal, handler) in [
            (libc::SIGTSTP, libc::SIG_DFL),
            (libc::SIGINT, libc::SIG_IGN),
            (libc::SIGQUIT, libc::SIG_IGN),
        ] {
            // SAFETY: sigaction with a zeroed struct, an empty mask and SIG_DFL or SIG_IGN as
            // the handler is valid; `old` is filled when it returns 0.
            unsafe {
                let mut new: libc::sigaction = std::mem::zeroed();
                new.sa_sigaction = handler;
                libc::sigemptyset(&mut new.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, &new, &mut old) == 0 {
                    saved.push((signal, old));
                }
            }
        }
        EditorSignals { saved }
    }
}

impl Drop for EditorSignals {
    fn drop(&mut self) {
        for (signal, old) in &self.saved {
            // SAFETY: `old` is what sigaction gave back for this signal.
            unsafe { libc::sigaction(*signal, old, std::ptr::null_mut()) };
        }
    }
}

/// How to run the TUI, from the command line and the configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaunchOptions {
    /// The theme asked for (`--theme`, `ROLEFIT_THEME`, the configuration), or auto.
    pub theme: ThemeSetting,
    /// Whether rolefit takes the mouse: `mouse` in the configuration, off with `--no-mouse`.
    pub mouse: bool,
    /// Whether Rate starts showing the targets before a rating, if the configuration says.
    pub show_targets: Option<bool>,
    /// Days after the last round when the start asks "time to re-rate?" (0: never).
    pub rerate_after_days: u32,
    /// The person's name given with `-a "Sam Taylor"`: a new assessment takes it (and does
    /// not ask for one).
    pub person: Option<String>,
}

/// Runs the TUI on a real terminal, with the theme asked for or found (see `detect`); with
/// `options.mouse`, clicks and the wheel work too. On the way out it says on one line what is
/// saved and how to come back (`resume`, the command that opens the same assessment).
pub fn launch(
    framework: Resolved,
    path: &Path,
    name: &str,
    options: LaunchOptions,
    resume: &str,
) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let Prepared {
        mut init,
        mut store,
    } = prepare_resolved(framework, path, name)?;
    if let Some(show) = options.show_targets {
        init = init.show_targets(show);
    }
    init = init.rerate_days(options.rerate_after_days);
    if let (Opened::FirstRun, Some(person)) = (&init.opened, &options.person) {
        init.assessment.display_name = Some(person.clone());
    }
    // The user's own assessment suggests the account's full name; one named for someone
    // (`-a kim`) suggests that name (see `App`'s name field).
    if name == crate::domain::person::DEFAULT_ASSESSMENT {
        init.name_default = account_full_name();
    }
    // A start after a crash opens on the Roles screen and says so; from here until the first
    // frame is drawn, this start is watched the same way.
    crate::crash::set_framework(&init.framework.id, &init.framework.content_hash());
    if let Some(last) = crate::crash::start_watching(path) {
        init = init.crashed(crate::strings::last_start_crashed(
            last.report
                .as_deref()
                .map(crate::text::display_path)
                .as_deref(),
            last.screen,
        ));
    }
    let mouse = options.mouse;
    if init.color {
        // Before the alternate screen and the event reader, so the answer is read here.
        let colorfgbg = std::env::var("COLORFGBG").ok();
        init.background =
            detect::background(options.theme, detect::ask_terminal, colorfgbg.as_deref());
    }
    let (stop, mut suspender, mut events) = watch_signals(mouse)?;
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
        &mut TerminalEditor {
            mouse,
            assessment: path.to_path_buf(),
        },
    );
    leave_terminal(terminal);
    result.map_err(Error::Terminal)?;
    if app.dirty() && !app.read_only() {
        return Err(Error::Unsaved {
            path: path.to_path_buf(),
        });
    }
    let (answered, total) = app.progress();
    // The terminal may be gone (its window closed): the line is then written nowhere, and
    // that is no error (`println!` would panic, and the next start would report a crash).
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        crate::strings::goodbye(resume, answered, total, app.read_only())
    );
    Ok(())
}

/// The signals a full-screen run answers, watched before the terminal is taken: every signal
/// whose default is to end the process raises `stop` (the loop then saves and restores the
/// terminal), SIGTSTP asks for a suspend as Ctrl-Z does, SIGPIPE is ignored; the events wake on
/// all of them and on SIGWINCH. `mouse` says whether a suspend takes mouse reports back.
fn watch_signals(mouse: bool) -> Result<(Arc<AtomicBool>, TerminalSuspend, TerminalEvents)> {
    let stop = Arc::new(AtomicBool::new(false));
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
    let suspender = TerminalSuspend {
        requested: suspend,
        mouse,
    };
    let mut wake_on = exit_signals.to_vec();
    wake_on.push(signal_hook::consts::SIGWINCH);
    wake_on.push(signal_hook::consts::SIGTSTP);
    let events = TerminalEvents::new(&wake_on).map_err(Error::WatchTerminal)?;
    Ok((stop, suspender, events))
}

/// Runs the team view on a real terminal, with the theme asked for or found. The files are
/// only read, so there is nothing to save: signals restore the terminal and exit. Enter opens
/// a person's Results in the ordinary app, read-only, on the same terminal.
pub fn launch_team(view: crate::team::TeamView, theme: ThemeSetting) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::TeamNotATerminal);
    }
    let color = crate::ui::theme::color_from_env();
    let mut background = crate::ui::theme::Background::default();
    if color {
        let colorfgbg = std::env::var("COLORFGBG").ok();
        background = detect::background(theme, detect::ask_terminal, colorfgbg.as_deref());
    }
    let mut view = view.theme(color, background);
    // The team view answers keys only: the mouse stays with the terminal.
    let (stop, mut suspender, mut events) = watch_signals(false)?;
    let mut terminal = enter_terminal(false).map_err(Error::SetUpTerminal)?;
    let result =
        crate::team::run::run(&mut terminal, &mut view, &mut events, &stop, &mut suspender);
    leave_terminal(terminal);
    result.map_err(Error::Terminal)
}
