//! Runs the real `rolefit` binary in a pseudo-terminal and reads what it draws.
//!
//! One file because the terminal the tests drive is one thing: spawning, reading, keys and the
//! screen they wait for share its state.
//!
//! A background thread drains the pty continuously into a [`vt100::Parser`], so the child
//! never blocks on a full pty buffer. Besides the live screen, the thread keeps a snapshot of
//! every *complete* frame: ratatui ends each frame with "hide cursor" (`ESC [ ? 25 l`), and the
//! parser is fed up to that marker before the snapshot is taken, so a test never sees half of
//! one frame and half of the next (a frame larger than stdout's buffer arrives in several
//! writes). If the output goes quiet without a marker (e.g. the terminal being restored at
//! exit), the live screen becomes the latest snapshot after a short pause.
//!
//! Synchronisation is always by polling the screen ([`Tui::wait_for`]); there are no fixed
//! sleeps. Keys are raw bytes: see [`Key`]. One caution: crossterm reads a lone `ESC`
//! followed in the same read by another byte as Alt+that byte, so after [`Key::Esc`] wait for
//! its effect on screen before sending the next key.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub use portable_pty::ExitStatus;

/// Default time to wait for anything to appear: generous, CI machines have two cores.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often the screen is checked while waiting.
const POLL: Duration = Duration::from_millis(5);

/// What ratatui writes at the end of every frame (crossterm's `Hide`).
const FRAME_END: &[u8] = b"\x1b[?25l";

/// Output silence after which the live screen counts as a frame even without a marker.
const QUIET: Duration = Duration::from_millis(250);

/// A fresh data directory (`ROLEFIT_DATA_DIR`) for one test, removed when dropped.
pub struct DataDir {
    dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> DataDir {
        DataDir {
            dir: tempfile::tempdir().expect("create a temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `DATA/assessments`.
    pub fn assessments(&self) -> PathBuf {
        self.dir.path().join("assessments")
    }

    /// `DATA/assessments/NAME.toml`.
    pub fn file(&self, name: &str) -> PathBuf {
        self.assessments().join(format!("{name}.toml"))
    }

    /// `DATA/assessments/default.toml`.
    pub fn default_file(&self) -> PathBuf {
        self.file("default")
    }

    /// Names of the files in `DATA/assessments`, sorted.
    pub fn assessment_names(&self) -> Vec<String> {
        let mut names: Vec<String> = match std::fs::read_dir(self.assessments()) {
            Ok(entries) => entries
                .map(|e| e.expect("read dir entry").file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
    }

    /// Writes `DATA/assessments/NAME.toml`, creating the folder.
    pub fn write(&self, name: &str, contents: &[u8]) -> PathBuf {
        std::fs::create_dir_all(self.assessments()).expect("create assessments dir");
        let path = self.file(name);
        std::fs::write(&path, contents).expect("write assessment");
        path
    }
}

/// A key, as the bytes a terminal sends for it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Tab,
    BackTab,
    Enter,
    Esc,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    CtrlC,
    CtrlZ,
    Char(char),
}

impl Key {
    pub fn bytes(self) -> Vec<u8> {
        let fixed: &[u8] = match self {
            Key::Tab => b"\t",
            Key::BackTab => b"\x1b[Z",
            Key::Enter => b"\r",
            Key::Esc => b"\x1b",
            Key::Up => b"\x1b[A",
            Key::Down => b"\x1b[B",
            Key::Right => b"\x1b[C",
            Key::Left => b"\x1b[D",
            Key::Home => b"\x1b[H",
            Key::End => b"\x1b[F",
            Key::PageUp => b"\x1b[5~",
            Key::PageDown => b"\x1b[6~",
            Key::Backspace => b"\x7f",
            Key::CtrlC => b"\x03",
            Key::CtrlZ => b"\x1a",
            Key::Char(c) => return c.to_string().into_bytes(),
        };
        fixed.to_vec()
    }
}

/// How to start rolefit: arguments, environment, terminal size.
pub struct Launch {
    args: Vec<String>,
    env: Vec<(String, String)>,
    cols: u16,
    rows: u16,
    data_dir: PathBuf,
    stderr: Option<PathBuf>,
    umask: Option<u32>,
    background: Option<String>,
    answer_name: bool,
}

/// The name a test's user gives when rolefit asks it (a first run, an older file).
pub const NAME: &str = "Sam Taylor";

/// What the name question says, on the first run and over an older file.
pub const NAME_QUESTION: &str = "Your name, as team views";

impl Launch {
    /// rolefit with `ROLEFIT_DATA_DIR` set to `data`, in an 80×24 xterm.
    pub fn new(data: &DataDir) -> Launch {
        Launch {
            args: Vec::new(),
            env: Vec::new(),
            cols: 80,
            rows: 24,
            data_dir: data.path().to_path_buf(),
            stderr: None,
            umask: None,
            background: None,
            answer_name: true,
        }
    }

    /// Leaves the name question (a first run, an older file) to the test: by default every
    /// wait answers it as a user would, with [`NAME`] and Enter, before looking further.
    pub fn keep_name_question(mut self) -> Launch {
        self.answer_name = false;
        self
    }

    /// Answers the child's colour questions like an xterm with this background
    /// (`rgb:RRRR/GGGG/BBBB`): OSC 11 with the colour, device attributes (DA1) as a VT420.
    /// Without it the terminal answers nothing, like one that ignores them.
    pub fn answer_background(mut self, rgb: &str) -> Launch {
        self.background = Some(rgb.to_string());
        self
    }

    /// Sends the child's stderr to a file instead of the terminal (through `sh -c exec`, so
    /// the pid is still rolefit's), to see messages printed after the terminal is gone.
    pub fn stderr_to(mut self, path: &Path) -> Launch {
        self.stderr = Some(path.to_path_buf());
        self
    }

    /// Starts the child under this umask (through `sh -c exec`, so the pid is still rolefit's).
    pub fn umask(mut self, mask: u32) -> Launch {
        self.umask = Some(mask);
        self
    }

    pub fn arg(mut self, arg: &str) -> Launch {
        self.args.push(arg.to_string());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Launch {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Terminal size in columns and rows.
    pub fn size(mut self, cols: u16, rows: u16) -> Launch {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn spawn(self) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: self.rows,
                cols: self.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let cmd = self.command();
        let child = pair.slave.spawn_command(cmd).expect("spawn rolefit");
        // Only the child keeps the terminal side open, so its exit ends our reads.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid") as libc::pid_t;
        let master = pair.master;
        let raw = master.as_raw_fd().expect("master fd");
        // SAFETY: `raw` is the master's open descriptor, borrowed only to duplicate it.
        let borrowed = unsafe { BorrowedFd::borrow_raw(raw) };
        let read_fd = borrowed
            .try_clone_to_owned()
            .expect("dup master for reading");
        let write_fd = borrowed
            .try_clone_to_owned()
            .expect("dup master for writing");

        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(nonzero(self.rows), nonzero(self.cols), 0),
            frames: Vec::new(),
            ever_alternate: false,
            eof: false,
            bytes: 0,
            raw: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let answers = self.background.map(|rgb| Answers {
            to: File::from(
                borrowed
                    .try_clone_to_owned()
                    .expect("dup master for answering"),
            ),
            background: rgb,
            tail: Vec::new(),
        });
        let reader = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || drain(read_fd, &shared, &stop, answers))
        };
        Tui {
            child,
            pid,
            master: Some(master),
            writer: Some(File::from(write_fd)),
            shared,
            stop,
            reader: Some(reader),
            status: None,
            size: (self.cols, self.rows),
            name: if self.answer_name {
                NameAnswer::Pending
            } else {
                NameAnswer::Done
            },
        }
    }

    /// The command that starts rolefit (via `sh -c exec` for a umask or stderr), env cleaned.
    fn command(&self) -> CommandBuilder {
        let binary = env!("CARGO_BIN_EXE_rolefit");
        let umask = self
            .umask
            .map_or(String::new(), |mask| format!("umask {mask:03o}; "));
        let mut cmd = match (&self.stderr, self.umask) {
            (None, None) => CommandBuilder::new(binary),
            (None, Some(_)) => {
                let mut cmd = CommandBuilder::new("/bin/sh");
                cmd.arg("-c");
                cmd.arg(format!("{umask}exec \"$@\""));
                cmd.arg("sh");
                cmd.arg(binary);
                cmd
            }
            (Some(path), _) => {
                let mut cmd = CommandBuilder::new("/bin/sh");
                cmd.arg("-c");
                cmd.arg(format!("{umask}f=$1; shift; exec \"$@\" 2>>\"$f\""));
                cmd.arg("sh");
                cmd.arg(path);
                cmd.arg(binary);
                cmd
            }
        };
        cmd.args(&self.args);
        cmd.cwd(&self.data_dir);
        for var in ["NO_COLOR", "ROLEFIT_DATA_DIR", "XDG_DATA_HOME"] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("ROLEFIT_DATA_DIR", &self.data_dir);
        // The user's own configuration never reaches a test: each run has an empty config
        // directory of its own unless the test sets one.
        cmd.env("XDG_CONFIG_HOME", self.data_dir.join("xdg-config"));
        // Nor does a test leave a framework cache behind in the user's cache directory.
        cmd.env("XDG_CACHE_HOME", self.data_dir.join("xdg-cache"));
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd
    }
}

/// State shared with the reader thread.
struct Shared {
    parser: vt100::Parser,
    /// Every complete frame's text, oldest first.
    frames: Vec<String>,
    /// The alternate screen was active at some point.
    ever_alternate: bool,
    /// The terminal side is closed (the child and everything it started are gone).
    eof: bool,
    bytes: usize,
    /// Every byte read, exactly as the child wrote it (and the terminal echoed it).
    raw: Vec<u8>,
}

impl Shared {
    fn snapshot(&mut self) {
        let screen = self.parser.screen();
        if screen.alternate_screen() {
            self.ever_alternate = true;
        }
        let text = screen_text(screen);
        if self.frames.last() != Some(&text) {
            self.frames.push(text);
        }
    }

    fn feed(&mut self, bytes: &[u8], matched: &mut usize) {
        self.bytes += bytes.len();
        self.raw.extend_from_slice(bytes);
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == FRAME_END[*matched] {
                *matched += 1;
            } else {
                *matched = usize::from(b == FRAME_END[0]);
            }
            if *matched == FRAME_END.len() {
                *matched = 0;
                self.parser.process(&bytes[start..=i]);
                start = i + 1;
                self.snapshot();
            }
        }
        self.parser.process(&bytes[start..]);
        if self.parser.screen().alternate_screen() {
            self.ever_alternate = true;
        }
    }
}

/// What the terminal answers to colour questions, and the end of the output seen so far (a
/// question may be split between two reads).
struct Answers {
    to: File,
    background: String,
    tail: Vec<u8>,
}

impl Answers {
    /// Answers every question in `bytes`, as xterm does, in order.
    fn answer(&mut self, bytes: &[u8]) {
        const OSC11: &[u8] = b"\x1b]11;?";
        const DA1: &[u8] = b"\x1b[c";
        let keep = self.tail.len();
        self.tail.extend_from_slice(bytes);
        let mut replies = Vec::new();
        let mut i = 0;
        while i < self.tail.len() {
            let rest = &self.tail[i..];
            // Only questions that end in the new bytes (the old ones were answered).
            if rest.starts_with(OSC11) && i + OSC11.len() > keep {
                replies.extend_from_slice(format!("\x1b]11;{}\x1b\\", self.background).as_bytes());
            } else if rest.starts_with(DA1) && i + DA1.len() > keep {
                replies.extend_from_slice(b"\x1b[?64;1;2;6;9;15;18;21;22c");
            }
            i += 1;
        }
        let start = self.tail.len().saturating_sub(8);
        self.tail.drain(..start);
        if !replies.is_empty() {
            let _ = self.to.write_all(&replies);
            let _ = self.to.flush();
        }
    }
}

/// The reader thread: pty output into the parser until EOF or `stop`, answering colour
/// questions when asked to.
fn drain(fd: OwnedFd, shared: &Mutex<Shared>, stop: &AtomicBool, mut answers: Option<Answers>) {
    let mut file = File::from(fd);
    let mut buf = vec![0u8; 64 * 1024];
    let mut matched = 0usize;
    let mut last_byte = Instant::now();
    let mut quiet_done = true;
    while !stop.load(Ordering::SeqCst) {
        let mut pfd = libc::pollfd {
            fd: file.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut pfd, 1, 20) };
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            break;
        }
        if ready == 0 {
            if !quiet_done && last_byte.elapsed() >= QUIET {
                quiet_done = true;
                lock(shared).snapshot();
            }
            continue;
        }
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if let Some(answers) = answers.as_mut() {
                    answers.answer(&buf[..n]);
                }
                lock(shared).feed(&buf[..n], &mut matched);
                last_byte = Instant::now();
                quiet_done = false;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // EIO: the terminal side has no more writers.
            Err(_) => break,
        }
    }
    let mut state = lock(shared);
    state.snapshot();
    state.eof = true;
}

/// The screen's text, one line per row (trailing blanks trimmed), so row `n` of the
/// terminal is line `n` of the text.
pub fn screen_text(screen: &vt100::Screen) -> String {
    let cols = screen.size().1.get();
    screen.rows(0, cols).collect::<Vec<_>>().join("\n")
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is at least 1")
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running rolefit in a pseudo-terminal. Killed (SIGKILL) if still running when dropped.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    pid: libc::pid_t,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<File>,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    size: (u16, u16),
    /// Whether a wait answers the name question (see [`Launch::keep_name_question`]).
    name: NameAnswer,
}

/// The name question, as the waits answer it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum NameAnswer {
    /// Answer it when it shows.
    Pending,
    /// Answered; waiting for it to go.
    Sent,
    /// Answered and gone, or left to the test.
    Done,
}

impl Tui {
    /// rolefit on `data` in an 80×24 terminal, with no arguments.
    pub fn start(data: &DataDir) -> Tui {
        Launch::new(data).spawn()
    }

    pub fn pid(&self) -> libc::pid_t {
        self.pid
    }

    /// The latest complete frame.
    pub fn screen(&self) -> String {
        lock(&self.shared)
            .frames
            .last()
            .cloned()
            .unwrap_or_default()
    }

    /// The screen as parsed so far, possibly in the middle of a frame.
    pub fn live_screen(&self) -> String {
        screen_text(lock(&self.shared).parser.screen())
    }

    /// How many distinct complete frames have been seen.
    pub fn frame_count(&self) -> usize {
        lock(&self.shared).frames.len()
    }

    /// Reads the live screen as parsed so far (colours and attributes included).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(lock(&self.shared).parser.screen())
    }

    /// Whether the terminal is in the alternate screen now.
    pub fn in_alternate_screen(&self) -> bool {
        lock(&self.shared).parser.screen().alternate_screen()
    }

    /// Whether the terminal was in the alternate screen at some point.
    pub fn entered_alternate_screen(&self) -> bool {
        lock(&self.shared).ever_alternate
    }

    /// Whether the child has bracketed paste turned on now.
    pub fn bracketed_paste(&self) -> bool {
        lock(&self.shared).parser.screen().bracketed_paste()
    }

    /// Whether the terminal's cursor is hidden now.
    pub fn cursor_hidden(&self) -> bool {
        lock(&self.shared).parser.screen().hide_cursor()
    }

    /// Whether the terminal is in raw mode now (no line editing, no echo), as the child set it.
    pub fn raw_mode(&self) -> bool {
        let writer = self.writer.as_ref().expect("the terminal is closed");
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr on our open master descriptor fills `termios` when it returns 0.
        let termios = unsafe {
            assert_eq!(
                libc::tcgetattr(writer.as_raw_fd(), termios.as_mut_ptr()),
                0,
                "tcgetattr: {}",
                std::io::Error::last_os_error()
            );
            termios.assume_init()
        };
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// The child's state letter from /proc/PID/stat: 'S' sleeping, 'R' running, 'T' stopped.
    pub fn process_state(&self) -> char {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid))
            .unwrap_or_else(|e| panic!("read /proc/{}/stat: {e}", self.pid));
        // The command name (field 2) may hold spaces; the state follows its ')'.
        stat[stat.rfind(')').expect("a stat line") + 1..]
            .trim_start()
            .chars()
            .next()
            .expect("a state letter")
    }

    /// Waits until the child is stopped (job control) and `cond` holds; panics with the screen
    /// after [`TIMEOUT`]. A stopped child is killed when the `Tui` is dropped.
    pub fn wait_stopped(&mut self, what: &str, cond: impl Fn(&Tui) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.process_state() == 'T' && cond(self) {
                return;
            }
            if let Some(status) = self.try_exit() {
                panic!(
                    "rolefit ended ({status}) while waiting for it to stop with {what}\n{}",
                    self.describe()
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for rolefit to stop with {what} \
                     (state {:?})\n{}",
                    self.process_state(),
                    self.describe()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Every byte of output so far, exactly as read from the terminal: what rolefit wrote,
    /// and the terminal's echo of what was typed.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Waits until the raw output, read as text, satisfies `cond`: for output that draws no
    /// frames (plain mode). Panics after [`TIMEOUT`], or when the output ends first.
    pub fn wait_for_output(&mut self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (text, eof) = {
                let state = lock(&self.shared);
                (String::from_utf8_lossy(&state.raw).into_owned(), state.eof)
            };
            if cond(&text) {
                return text;
            }
            if eof || Instant::now() >= deadline {
                panic!(
                    "{} while waiting for {what}; the output:\n{text}",
                    if eof { "the output ended" } else { "timed out" }
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `needle` has been written `count` times in all.
    pub fn wait_for_output_count(&mut self, needle: &str, count: usize) -> String {
        self.wait_for_output(&format!("{needle:?} {count} time(s)"), |text| {
            text.matches(needle).count() >= count
        })
    }

    /// Bytes of output read so far.
    pub fn output_len(&self) -> usize {
        lock(&self.shared).bytes
    }

    /// Waits until the latest complete frame satisfies `cond`; returns that frame's text.
    /// Panics after [`TIMEOUT`] with `what` and the screen.
    pub fn wait_for(&mut self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        self.wait_for_within(what, TIMEOUT, cond)
    }

    /// Waits until the screen contains `needle`.
    pub fn wait_for_text(&mut self, needle: &str) -> String {
        self.wait_for(&format!("text {needle:?}"), |s| s.contains(needle))
    }

    /// Like [`Tui::wait_for`] with a timeout.
    pub fn wait_for_within(
        &mut self,
        what: &str,
        timeout: Duration,
        cond: impl Fn(&str) -> bool,
    ) -> String {
        self.wait_for_frames_within(0, what, timeout, |frames| {
            frames.last().is_some_and(|f| cond(f))
        });
        self.screen()
    }

    /// Waits until the complete frames from number `since` on (see [`Tui::frame_count`])
    /// satisfy `cond`, for conditions on a sequence of frames ("first this, then that").
    pub fn wait_for_frames(&mut self, since: usize, what: &str, cond: impl Fn(&[String]) -> bool) {
        self.wait_for_frames_within(since, what, TIMEOUT, cond)
    }

    pub fn wait_for_frames_within(
        &mut self,
        since: usize,
        what: &str,
        timeout: Duration,
        cond: impl Fn(&[String]) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        loop {
            // A user answers the name question first: the test's keys come after it, and no
            // frame that still asks counts for the test.
            let asks = lock(&self.shared)
                .frames
                .last()
                .is_some_and(|f| f.contains(NAME_QUESTION));
            match (asks, self.name) {
                (true, NameAnswer::Pending) => {
                    self.send(&format!("{NAME}\r"));
                    self.name = NameAnswer::Sent;
                }
                (false, NameAnswer::Sent) => self.name = NameAnswer::Done,
                _ => {}
            }
            let answering = asks && self.name == NameAnswer::Sent;
            let eof = {
                let state = lock(&self.shared);
                let from = since.min(state.frames.len());
                if !answering && cond(&state.frames[from..]) {
                    return;
                }
                state.eof
            };
            if eof {
                // The output has ended: nothing more will be drawn.
                let status = self.wait_exit(Duration::from_secs(5));
                panic!(
                    "rolefit ended ({status}) while waiting for {what}\n{}",
                    self.describe()
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.describe()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The last frame and the live screen, for failure messages.
    pub fn describe(&self) -> String {
        let state = lock(&self.shared);
        let last = state.frames.last().cloned().unwrap_or_default();
        let live = screen_text(state.parser.screen());
        let frame = |text: &str| {
            text.lines()
                .map(|l| format!("    |{l}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut out = format!(
            "--- last complete frame (#{}) ---\n{}",
            state.frames.len(),
            frame(&last)
        );
        if live != last {
            out.push_str(&format!("\n--- live screen ---\n{}", frame(&live)));
        }
        out
    }

    /// Sends raw bytes, as typed.
    pub fn send(&mut self, bytes: &str) {
        self.send_bytes(bytes.as_bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is closed");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    pub fn send_key(&mut self, key: Key) {
        self.send_bytes(&key.bytes());
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the parser.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.shared)
            .parser
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is closed")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.size = (cols, rows);
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Sends a signal to the child.
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: plain kill(2) on our own child's pid (not yet reaped while `self` lives).
        let rc = unsafe { libc::kill(self.pid, signal) };
        assert_eq!(
            rc,
            0,
            "kill({}, {signal}): {}",
            self.pid,
            std::io::Error::last_os_error()
        );
    }

    /// SIGKILL, then waits for the child.
    pub fn kill_9(&mut self) -> ExitStatus {
        if self.status.is_none() {
            self.signal(libc::SIGKILL);
        }
        self.wait_exit(TIMEOUT)
    }

    /// The exit status if the child has exited.
    pub fn try_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status.clone()
    }

    /// Waits for the child to exit; panics with the screen after `timeout`. The output is then
    /// drained (up to a short while), so the screen is final.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.try_exit() {
                break status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "rolefit did not exit within {timeout:?}\n{}",
                    self.describe()
                );
            }
            std::thread::sleep(POLL);
        };
        // Let the reader take in the last bytes (it sees EOF once the terminal side closes).
        let drain_deadline = Instant::now() + Duration::from_secs(2);
        while self.reader.is_some() && !lock(&self.shared).eof && Instant::now() < drain_deadline {
            std::thread::sleep(POLL);
        }
        status
    }

    /// Closes our side of the terminal, like a terminal window being closed: the child sees
    /// a hang-up. The screen is no longer read afterwards.
    pub fn close_master(&mut self) {
        self.stop_reader();
        self.writer = None;
        self.master = None;
    }

    fn stop_reader(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.try_exit().is_none() {
            // SAFETY: kill(2) on our own, not yet reaped child.
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
            let _ = self.child.wait();
        }
        self.stop_reader();
    }
}
