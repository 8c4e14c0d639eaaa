//! One file because the loop, the event sources it waits on and the effects it performs share one timing (debounce, retry, idle wait) and the seams tests replace (`EventSource`, `Suspend`, `NoteEditor`, `Persist`).
//!
//! The event loop: draw, wait for an event or a timer, map, update, perform effects. Generic
//! over the ratatui backend and the event source, so tests can run it headless.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event as TermEvent};
use ratatui::layout::{Position, Rect};

use crate::app::{App, EditorError, Effect, Event, Intent, Msg, NotStarted, Prompt};
use crate::domain::{Assessment, CompetencyId};
use crate::input::map_event;
use crate::storage::guarded::{Known, Saved};
pub use crate::storage::writer::Persist;
use crate::storage::writer::{Done, Waker, Writer};
use crate::storage::{self, AssessmentLock};
use crate::ui;

/// How long after a change the autosave runs. Short enough that every change is on disk
/// within a second, long enough to group a burst of keys into one write.
pub const DEBOUNCE: Duration = Duration::from_millis(400);

/// Wait before retrying a failed save.
pub const RETRY: Duration = Duration::from_secs(2);

/// Longest wait when nothing is scheduled. Signals wake the terminal source at once, so this
/// only bounds how long a scripted or foreign event source may block.
const IDLE_WAIT: Duration = Duration::from_secs(60);

/// What the event source produced.
#[derive(Debug)]
pub enum Polled {
    Event(TermEvent),
    /// Nothing happened within the timeout.
    Idle,
    /// No more events will come (scripted input ran out).
    Closed,
}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    fn poll(&mut self, timeout: Duration) -> io::Result<Polled>;
    /// Whether a burst of events is already waiting: the loop then handles them before
    /// drawing, so a paste costs a few frames, not one frame per character.
    fn pending(&self) -> bool {
        false
    }
    /// How the writer thread wakes the loop when a save has finished, so the footer shows it
    /// at once. Without one the loop looks again every few milliseconds while a save runs.
    fn waker(&self) -> Option<Waker> {
        None
    }
    /// Whether the loop lets each save finish before taking the next event. Scripted input
    /// has no timing of its own: settling makes a script see the same outcome on every run,
    /// while the saves still run on the writer thread.
    fn settles(&self) -> bool {
        false
    }
}

/// Events from the real terminal.
///
/// Waiting happens here, on the terminal and on a pipe that signals write to, rather than
/// inside crossterm: crossterm loops forever on a terminal that has hung up (reads return
/// end-of-file), so a closed terminal window would leave rolefit spinning instead of saving
/// and exiting. A hang-up is reported as `Closed`.
#[cfg(unix)]
pub struct TerminalEvents {
    wake: std::os::unix::net::UnixStream,
    /// The pipe's other end, for the writer thread to wake the loop with.
    wake_write: Arc<std::os::unix::net::UnixStream>,
    /// Events crossterm has parsed, taken from it all at once: while crossterm holds parsed
    /// events, stdin may have nothing left to read, or hold more than it will take in one read.
    queued: VecDeque<TermEvent>,
}

#[cfg(unix)]
impl TerminalEvents {
    /// Watches the terminal, and wakes for these signals (e.g. SIGWINCH, SIGTERM).
    pub fn new(signals: &[i32]) -> io::Result<TerminalEvents> {
        let (read, write) = std::os::unix::net::UnixStream::pair()?;
        read.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        for &signal in signals {
            signal_hook::low_level::pipe::register(signal, write.try_clone()?)?;
        }
        Ok(TerminalEvents {
            wake: read,
            wake_write: Arc::new(write),
            queued: VecDeque::new(),
        })
    }

    /// Waits up to `timeout` for input or a signal: whether the terminal has hung up, and
    /// whether stdin has bytes waiting.
    fn wait(&self, timeout: Duration) -> Woke {
        use std::os::fd::AsRawFd;
        let mut fds = [
            libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let millis = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: `fds` is a valid array of two pollfd structs for the duration of the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, millis) };
        let signalled = ready > 0 && fds[1].revents != 0;
        if signalled {
            let mut sink = [0u8; 64];
            while io::Read::read(&mut &self.wake, &mut sink).is_ok_and(|n| n > 0) {}
        }
        let input = if ready > 0 { fds[0].revents } else { 0 };
        Woke {
            hung_up: input & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0,
            readable: input & libc::POLLIN != 0,
            signalled,
        }
    }

    /// Takes every event crossterm can give without waiting.
    fn drain(&mut self) -> io::Result<()> {
        while event::poll(Duration::ZERO)? {
            self.queued.push_back(event::read()?);
        }
        Ok(())
    }

    /// Makes crossterm look at stdin again. It waits for input edge-triggered (mio) and, after
    /// a read that gave an event, leaves the rest of a long paste unread: it would not look
    /// again until another key arrived, while stdin stays readable. Setting the terminal's
    /// attributes to what they are wakes the terminal's readers, which is such an edge.
    fn nudge(&self) {
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills `termios` when it returns 0; tcsetattr reads it back.
        unsafe {
            if libc::tcgetattr(libc::STDIN_FILENO, termios.as_mut_ptr()) == 0 {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, termios.as_ptr());
            }
        }
    }
}

/// How many waiting events make a burst that is handled before the next frame is drawn.
#[cfg(unix)]
const BURST: usize = 16;

/// What a wait on the terminal found.
#[cfg(unix)]
struct Woke {
    hung_up: bool,
    readable: bool,
    /// A signal arrived (and its wake-up was taken from the pipe).
    signalled: bool,
}

#[cfg(unix)]
impl EventSource for TerminalEvents {
    fn poll(&mut self, timeout: Duration) -> io::Result<Polled> {
        // Events crossterm has already read come first.
        if let Some(event) = self.queued.pop_front() {
            return Ok(Polled::Event(event));
        }
        let deadline = Instant::now() + timeout;
        let mut wait = Duration::ZERO;
        loop {
            let woke = self.wait(wait);
            if woke.hung_up {
                return Ok(Polled::Closed);
            }
            self.drain()?;
            if woke.readable && self.queued.is_empty() {
                self.nudge();
                self.drain()?;
            }
            if let Some(event) = self.queued.pop_front() {
                return Ok(Polled::Event(event));
            }
            // A signal's wake-up is taken from the pipe here; the loop must look at what it
            // means (a stop, a resize) now, not wait for the next one.
            if woke.signalled {
                return Ok(Polled::Idle);
            }
            let now = Instant::now();
            if !wait.is_zero() || now >= deadline {
                return Ok(Polled::Idle);
            }
            wait = deadline - now;
        }
    }

    /// A burst (a paste) is waiting. A few keys read at once are still drawn one by one.
    fn pending(&self) -> bool {
        self.queued.len() >= BURST
    }

    /// A byte on the wake-up pipe (as a signal writes): the wait returns and the loop redraws.
    fn waker(&self) -> Option<Waker> {
        let pipe = Arc::clone(&self.wake_write);
        Some(Arc::new(move || {
            // A full pipe already holds a wake-up; nothing else can go wrong worth reporting.
            let _ = io::Write::write(&mut &*pipe, &[1]);
        }))
    }
}

/// A fixed list of events, then `Closed`.
pub struct ScriptedEvents {
    events: VecDeque<TermEvent>,
}

impl ScriptedEvents {
    pub fn new(events: impl IntoIterator<Item = TermEvent>) -> ScriptedEvents {
        ScriptedEvents {
            events: events.into_iter().collect(),
        }
    }
}

impl EventSource for ScriptedEvents {
    fn poll(&mut self, _timeout: Duration) -> io::Result<Polled> {
        Ok(self
            .events
            .pop_front()
            .map_or(Polled::Closed, Polled::Event))
    }

    fn settles(&self) -> bool {
        true
    }
}

/// The terminal's part in a suspend (Ctrl-Z, SIGTSTP): the loop saves first and redraws the
/// whole screen after; this gives the terminal back to the shell and stops the process.
pub trait Suspend {
    /// Whether a stop signal (SIGTSTP) asked for a suspend since the last call.
    fn requested(&mut self) -> bool {
        false
    }
    /// Gives the terminal back as it was before rolefit, stops until continued (`fg`), then
    /// takes the terminal again.
    fn suspend(&mut self) -> io::Result<()>;
}

/// Where there is no terminal to give back (tests, scripted input): a suspend goes straight on.
pub struct NoSuspend;

impl Suspend for NoSuspend {
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The user's own editor, for a note (`$VISUAL`, `$EDITOR`): the loop saves first and
/// redraws the whole screen after; this gives the terminal to the editor and takes it back.
pub trait NoteEditor {
    /// Lets the user edit `text`, the note of competency `id`, and gives back what they saved,
    /// or why the note stays as it was. The outer error is a terminal that
    /// cannot be taken again.
    fn edit(&mut self, id: &CompetencyId, text: &str) -> io::Result<Result<String, EditorError>>;
}

/// Where there is no terminal to lend (tests, scripted input): no editor can start.
pub struct NoEditor;

impl NoteEditor for NoEditor {
    fn edit(&mut self, _id: &CompetencyId, _text: &str) -> io::Result<Result<String, EditorError>> {
        Ok(Err(EditorError::NotStarted {
            editor: "none".into(),
            why: NotStarted::NoTerminal,
        }))
    }
}

/// The assessment file on disk, with its lock held for the whole run, and what it held when
/// rolefit last read or wrote it, so that a change made by another program is never
/// overwritten.
pub struct FileStore {
    pub path: PathBuf,
    pub lock: Option<AssessmentLock>,
    /// What the file held when last read or written (None: there was no file).
    pub known: Option<Known>,
    /// The highest level of the framework's scale, to read the file as another program left it.
    pub top: u8,
}

impl Persist for FileStore {
    fn save(&mut self, assessment: &Assessment) -> io::Result<()> {
        self.save_guarded(assessment).map(|_| ())
    }

    fn save_guarded(&mut self, assessment: &Assessment) -> io::Result<Saved> {
        storage::guarded::save(&self.path, &mut self.known, assessment, self.top)
    }

    fn move_aside(&mut self) -> storage::Result<PathBuf> {
        storage::move_aside(&self.path)
    }

    fn write_report(&mut self, extension: &str, contents: &str) -> storage::Result<PathBuf> {
        let path = storage::report_path(&self.path, extension);
        storage::ensure_parent(&path)?;
        match storage::atomic::write_atomic(&path, contents.as_bytes()) {
            Ok(()) => Ok(path),
            Err(source) => Err(storage::Error::WriteReport { path, source }),
        }
    }
}

/// The wording of I/O errors lives with the storage errors that use it.
pub use crate::storage::describe_io_error;

/// Runs the loop until the user quits, the events end, or `stop` is raised (a signal). Saves
/// pending changes before returning, however it returns, whenever the file is writable, and
/// waits for the last save to finish. `suspender` gives the terminal back on Ctrl-Z or
/// SIGTSTP; `editor` lends it to the user's editor for a note. Saves run on a writer thread
/// (see `storage::writer`) through `store`.
///
/// Every key, click, resize, finished save, frame drawn and effect's result reaches the app
/// through one method, `Io::step`, the only place that calls `App::update`.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    store: &mut (dyn Persist + Send),
    stop: &Arc<AtomicBool>,
    suspender: &mut dyn Suspend,
    editor: &mut dyn NoteEditor,
) -> io::Result<()> {
    let waker = events.waker();
    let waker_given = waker.is_some();
    std::thread::scope(|scope| {
        let mut io = Io {
            terminal,
            writer: Writer::new(scope, store, waker),
            suspender,
            editor,
            save_at: None,
            generation: 0,
            settle: events.settles(),
            woken: waker_given,
            later: Vec::new(),
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_loop(&mut io, app, events, stop)
        }));
        let result = match result {
            Ok(result) => result,
            Err(panic) => {
                // A bug: what is not saved yet is saved as it stands (the report is written
                // already), then the panic goes on to end rolefit.
                io.save_and_wait(app);
                std::panic::resume_unwind(panic);
            }
        };
        // However the loop ended, a note or plan being typed is kept, as quitting keeps it.
        // Its effects only ask for a save, which follows.
        io.step(app, Event::Stopping);
        io.save_and_wait(app);
        result
    })
}

/// What the loop performs effects on, and when the next save is due.
struct Io<'a, 'scope, 'env, B: Backend> {
    terminal: &'a mut Terminal<B>,
    writer: Writer<'scope, 'env>,
    suspender: &'a mut dyn Suspend,
    editor: &'a mut dyn NoteEditor,
    save_at: Option<Instant>,
    /// How many changes the app has reported (effects that ask for a save); a snapshot
    /// carries the count it was taken at, so a save that finishes after further changes does
    /// not mark them saved.
    generation: u64,
    /// Wait for each save before the next event (scripted input).
    settle: bool,
    /// The writer thread wakes the event source when a save finishes.
    woken: bool,
    /// Effects of what the runtime reported in the middle of other work (a finished save, a
    /// frame drawn), performed at the loop's next turn.
    later: Vec<Effect>,
}

/// Whether the loop goes on after the effects of a message.
#[derive(PartialEq)]
enum Flow {
    Continue,
    Quit,
}

/// How often the loop looks for a finished save when its event source cannot be woken.
const SAVE_POLL: Duration = Duration::from_millis(5);

fn run_loop<B: Backend, E: EventSource>(
    io: &mut Io<'_, '_, '_, B>,
    app: &mut App,
    events: &mut E,
    stop: &Arc<AtomicBool>,
) -> io::Result<()> {
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        // SIGTSTP (a job-control stop, `kill -TSTP`) suspends as Ctrl-Z does.
        if io.suspender.requested() && io.handle(app, Intent::Suspend)? == Flow::Quit {
            return Ok(());
        }
        let finished = io.writer.ready();
        io.report(app, finished);
        let later = std::mem::take(&mut io.later);
        if io.perform(app, later)? == Flow::Quit {
            return Ok(());
        }
        let more = events.pending();
        if !more {
            io.draw(app)?;
        }
        // A due save hands a snapshot to the writer thread after the frame is drawn: the
        // screen answers the key first, and the write never holds up the next key. The footer
        // shows the result when it comes back.
        if io.save_at.is_some_and(|at| Instant::now() >= at) {
            io.save_at = None;
            io.submit(app);
            if io.settle {
                let finished = io.writer.drain();
                io.report(app, finished);
                if !more {
                    io.draw(app)?;
                }
            }
        }
        let mut timeout = io
            .save_at
            .map_or(IDLE_WAIT, |at| at.saturating_duration_since(Instant::now()));
        if io.writer.busy() && !io.woken {
            timeout = timeout.min(SAVE_POLL);
        }
        match events.poll(timeout)? {
            Polled::Event(event) => {
                let Some(msg) = map_event(&event, app.mode()) else {
                    continue;
                };
                if io.handle(app, msg)? == Flow::Quit {
                    return Ok(());
                }
            }
            Polled::Idle => {}
            Polled::Closed => return Ok(()),
        }
    }
}

impl<B: Backend> Io<'_, '_, '_, B> {
    /// The one place the app is told anything: applies `msg` and counts the changes its
    /// effects ask to save. The effects are the caller's to perform.
    fn step(&mut self, app: &mut App, msg: impl Into<Msg>) -> Vec<Effect> {
        let effects = app.update(msg, crate::clock::now_utc());
        let changes = effects
            .iter()
            .filter(|e| matches!(e, Effect::Changed | Effect::SaveNow | Effect::SaveAndQuit))
            .count();
        self.generation += changes as u64;
        effects
    }

    /// Applies `msg` and performs its effects at once.
    fn handle(&mut self, app: &mut App, msg: impl Into<Msg>) -> io::Result<Flow> {
        let effects = self.step(app, msg);
        self.perform(app, effects)
    }

    /// Tells the app what the runtime found in the middle of other work; its effects wait for
    /// the loop's next turn.
    fn tell(&mut self, app: &mut App, event: Event) {
        let effects = self.step(app, event);
        self.later.extend(effects);
    }

    /// Does what `update` asked for, in order.
    fn perform(&mut self, app: &mut App, effects: Vec<Effect>) -> io::Result<Flow> {
        for effect in effects {
            let flow = match effect {
                Effect::Changed => {
                    self.save_at
                        .get_or_insert_with(|| Instant::now() + DEBOUNCE);
                    Flow::Continue
                }
                Effect::SaveNow => {
                    self.save_at = Some(Instant::now());
                    Flow::Continue
                }
                Effect::SaveAndQuit => self.save_and_quit(app),
                Effect::Quit => Flow::Quit,
                Effect::StartFresh => {
                    let (moved, finished) = self.writer.move_aside();
                    self.report(app, finished);
                    self.tell(app, Event::MovedAside(moved));
                    Flow::Continue
                }
                Effect::Export(format) => {
                    let report = crate::export::export(app.framework(), app.assessment(), format);
                    let (written, finished) = self.writer.write_report(format.extension(), report);
                    self.report(app, finished);
                    self.tell(app, Event::Exported(written));
                    Flow::Continue
                }
                Effect::Suspend => {
                    self.suspend(app)?;
                    Flow::Continue
                }
                Effect::EditNote(id, text) => self.edit_note(app, id, text)?,
            };
            if flow == Flow::Quit {
                return Ok(Flow::Quit);
            }
        }
        Ok(Flow::Continue)
    }

    /// Saves and quits; if the save fails the app asks before quitting, and the save is
    /// retried meanwhile.
    fn save_and_quit(&mut self, app: &mut App) -> Flow {
        if self.save_and_wait(app) {
            return Flow::Quit;
        }
        self.tell(app, Event::QuitFailed);
        self.save_at = Some(Instant::now() + RETRY);
        Flow::Continue
    }

    /// Lends the terminal to the user's editor on the note of `id`, then gives the app what
    /// came back.
    fn edit_note(&mut self, app: &mut App, id: CompetencyId, text: String) -> io::Result<Flow> {
        // Saved first: the editor may stay open for long, and rolefit may be ended meanwhile.
        self.save_and_wait(app);
        let edited = self.editor.edit(&id, &text)?;
        self.redraw_all(app)?;
        self.handle(app, Event::NoteEdited(id, edited))
    }

    /// Hands a snapshot of the assessment to the writer if there is something to save and the
    /// file may be written.
    fn submit(&mut self, app: &App) {
        if may_save(app) && app.dirty() {
            self.writer
                .submit(self.generation, app.assessment().clone());
        }
    }

    /// Saves what is pending and waits until it is written (quitting, a signal, a suspend);
    /// true when nothing is left unsaved. A failure is shown and retried later.
    fn save_and_wait(&mut self, app: &mut App) -> bool {
        self.submit(app);
        let finished = self.writer.drain();
        self.report(app, finished);
        let saved = !may_save(app) || !app.dirty();
        self.save_at = match (saved, self.save_at) {
            (true, _) => None,
            (false, at) => Some(retry_at(at)),
        };
        saved
    }

    /// Tells the app what the writer thread did. A save is reported as done only if nothing
    /// changed since its snapshot; otherwise the newer changes stay pending (a save for them is
    /// already scheduled). A failure is shown and retried.
    fn report(&mut self, app: &mut App, finished: Vec<Done>) {
        for done in finished {
            let Done::Saved { generation, result } = done else {
                continue;
            };
            match result {
                Ok(saved) => {
                    // What another program changed is taken in (or said) whatever was
                    // changed here since the snapshot.
                    if saved != Saved::Written {
                        self.tell(app, Event::SavedOutside(Box::new(saved)));
                    }
                    if generation == self.generation {
                        let at = crate::clock::local_hms();
                        self.tell(app, Event::Saved { at });
                    }
                }
                Err(err) => {
                    self.tell(app, Event::SaveFailed(err));
                    self.save_at = Some(retry_at(self.save_at));
                }
            }
        }
    }

    /// Saves what is pending (a stopped process may be killed, or never continued), lets the
    /// suspender give the terminal back and stop, and once continued makes the next frame
    /// redraw the whole screen, at whatever size the terminal has now.
    fn suspend(&mut self, app: &mut App) -> io::Result<()> {
        self.save_and_wait(app);
        self.suspender.suspend()?;
        self.redraw_all(app)
    }

    /// After the terminal was lent out (a suspend, an editor): the next frame redraws the
    /// whole screen, at whatever size the terminal has now.
    fn redraw_all(&mut self, app: &mut App) -> io::Result<()> {
        let backend_error = |e: B::Error| io::Error::other(e.to_string());
        let size = self.terminal.size().map_err(backend_error)?;
        // `resize` clears the screen and forgets the last frame, so the next draw writes every
        // cell. (`clear` would do the same but first asks the terminal where its cursor is,
        // waiting up to seconds for a terminal that does not answer.)
        self.terminal
            .resize(Rect::from((Position::ORIGIN, size)))
            .map_err(backend_error)?;
        self.tell(app, Event::Resize(size.width, size.height));
        Ok(())
    }

    /// Draws the whole screen and tells the app where its scrollable parts ended up; a
    /// backend failure becomes an I/O error.
    fn draw(&mut self, app: &mut App) -> io::Result<()> {
        let mut drawn = ui::Drawn::default();
        crate::crash::set_screen(app.screen());
        self.terminal
            .draw(|frame| {
                crate::crash::test_panic(app.screen());
                drawn = ui::draw(frame, app);
            })
            .map_err(|e| io::Error::other(e.to_string()))?;
        self.tell(app, Event::Drawn(Box::new(drawn)));
        crate::crash::first_frame_drawn();
        Ok(())
    }
}

/// When to try again after a failed save: after `RETRY`, or sooner if a save is already due.
fn retry_at(scheduled: Option<Instant>) -> Instant {
    let retry = Instant::now() + RETRY;
    scheduled.map_or(retry, |at| at.min(retry))
}

/// Whether the file may be written at all: never read-only, never while the user must first
/// decide about an unreadable or locked file.
fn may_save(app: &App) -> bool {
    let blocked = matches!(app.prompt(), Some(Prompt::Unreadable(_) | Prompt::Locked));
    !app.read_only() && !blocked
}
