//! Whole-process comparison of rolefit with a minimal ratatui program (`examples/baseline.rs`),
//! both run in a pseudo-terminal by the same harness, rounds alternating A B A B …
//!
//! One file because it is one program: the pseudo-terminal harness, the programs it measures and
//! the table it prints; each part is its own section.
//!
//! For each run it measures:
//! - time to the first full frame: from spawn until a complete frame shows a known text (the
//!   baseline's title; rolefit's tab bar with "Roles" and "N/M answered");
//! - keypress-to-redraw latency: a key that changes the screen is sent, and the time until a
//!   complete frame differs from the one before (outside the two status/footer rows) is taken;
//!   the next key is sent only then. Baseline: ↓/↑ in its list. rolefit: ↓/↑ on the Grid (no
//!   save is triggered), →/← on Rate (the shown competency changes; a move also schedules the
//!   debounced autosave 400 ms later, which runs inside the loop as in real use) and
//!   Tab/Shift-Tab between Rate and Results (every screen change saves at once, with fsync,
//!   before the redraw). Each run starts with a fresh data directory (nothing rated);
//! - peak RSS: `VmHWM` from `/proc/PID/status` just before quitting.
//!
//! The harness answers the terminal queries a real terminal answers at once: the background
//! colour (OSC 11) and the device attributes (DA1), so rolefit's background detection ends as
//! soon as it would in a terminal window. `--silent-terminal` leaves them unanswered, to show
//! the cost of a terminal that never answers (detection then waits for its 100 ms timeout).
//!
//! rolefit caches a validated framework (see `storage::framework_cache`); here the cache lives
//! in the harness's temp folder for the whole measurement, so the first round of each synthetic
//! framework parses it and writes the cache (its p95 shows that start) and later rounds read it.
//!
//! After the table it lists the aims (first frame, key→redraw and peak memory against the
//! baseline; first frame and memory at 20,000 competencies) with met or missed; `--check`
//! exits non-zero when one is missed. Timing on a shared machine is noisy: not for CI.
//!
//! The pty is drained continuously by a reader thread; a frame counts as complete when ratatui's
//! end-of-frame marker (hide cursor) arrives.
//!
//! Run (builds the release binaries it needs first, unless `--no-build`):
//!
//! ```text
//! cargo run --release --example perf
//! cargo run --release --example perf -- --rounds 10 --keys 200 --sizes 2000,20000
//! ```
//!
//! (the second line spells out the defaults). `--team DIR` measures the team view instead:
//! `rolefit team DIR` against the baseline, its first full frame and ↓/↑ between people, with
//! the team view's aims (first frame under 1 s, key→redraw p95 under 16 ms); `--rolefit PATH`
//! measures another rolefit binary (an older build, for a before → after). `--sizes` adds rolefit runs with synthetic
//! frameworks of that many competencies, passed with `--framework` (the same generator as
//! `benches/rolefit.rs`; `--sizes ''` for none). With `--no-build` it uses
//! `target/release/rolefit` and `target/release/examples/baseline` as they are
//! (`cargo build --release --bins --examples`).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Terminal size for every run (as in the criterion render benchmarks).
const COLS: u16 = 120;
const ROWS: u16 = 40;

/// What ratatui writes at the end of every frame (crossterm's `Hide`).
const FRAME_END: &[u8] = b"\x1b[?25l";

/// Longest wait for the first frame, for one key's redraw, and for exit.
const START_TIMEOUT: Duration = Duration::from_secs(20);
const KEY_TIMEOUT: Duration = Duration::from_secs(5);
const EXIT_TIMEOUT: Duration = Duration::from_secs(10);

const UP: &[u8] = b"\x1b[A";
const DOWN: &[u8] = b"\x1b[B";
const RIGHT: &[u8] = b"\x1b[C";
const LEFT: &[u8] = b"\x1b[D";
const TAB: &[u8] = b"\t";
const BACKTAB: &[u8] = b"\x1b[Z";

/// Where the programs keep their caches during a measurement.
static CACHE_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

// ---- options --------------------------------------------------------------------------------

struct Options {
    rounds: usize,
    keys: usize,
    sizes: Vec<usize>,
    build: bool,
    check: bool,
    answer: bool,
    /// `--team DIR`: measure `rolefit team DIR` (the team view) instead of the app.
    team: Option<PathBuf>,
    /// `--rolefit PATH`: the rolefit binary to measure instead of `target/release/rolefit`.
    rolefit: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        rounds: 10,
        keys: 200,
        sizes: vec![2_000, 20_000],
        build: true,
        check: false,
        answer: true,
        team: None,
        rolefit: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--rounds" => options.rounds = number(&value("--rounds")?)?,
            "--keys" => options.keys = number(&value("--keys")?)?.max(2),
            "--sizes" => {
                options.sizes = value("--sizes")?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(number)
                    .collect::<Result<_, _>>()?
            }
            "--no-build" => options.build = false,
            "--check" => options.check = true,
            "--silent-terminal" => options.answer = false,
            "--team" => options.team = Some(PathBuf::from(value("--team")?)),
            "--rolefit" => options.rolefit = Some(PathBuf::from(value("--rolefit")?)),
            "--print-framework" => {
                let size = number(&value("--print-framework")?)?;
                print!("{}", synthetic::synthetic_framework(size));
                std::process::exit(0);
            }
            "-h" | "--help" => {
                return Err(
                    "usage: perf [--rounds N] [--keys N] [--sizes N,N] [--no-build] [--check] [--silent-terminal] [--team DIR] [--rolefit PATH] | --print-framework N".into(),
                );
            }
            // `cargo bench`/`cargo test` style arguments are not for us.
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(options)
}

fn number(text: &str) -> Result<usize, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a whole number"))
}

// ---- finding and building the binaries ----------------------------------------------------

/// `target/release`, from where this example runs (`target/<profile>/examples/perf`).
fn release_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let target = exe
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .ok_or("cannot find the target directory")?;
    Ok(target.join("release"))
}

fn build() -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("perf: cargo build --release --bin rolefit --example baseline");
    let status = std::process::Command::new(cargo)
        .args([
            "build",
            "--release",
            "--bin",
            "rolefit",
            "--example",
            "baseline",
        ])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo build failed ({status})"))
    }
}

// ---- the pseudo-terminal harness ----------------------------------------------------------

/// One complete frame: its text (one line per row) and when its last byte was read.
struct Frame {
    seq: u64,
    at: Instant,
    text: String,
}

/// What the reader thread shares: recent complete frames, newest last.
#[derive(Default)]
struct Frames {
    recent: VecDeque<Frame>,
    seq: u64,
    eof: bool,
}

struct Shared {
    frames: Mutex<Frames>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Frames> {
        self.frames.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A program running in a pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// Kept open while the child runs (closing it hangs the terminal up).
    _master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    shared: Arc<Shared>,
    reader: Option<std::thread::JoinHandle<()>>,
    pid: u32,
    started: Instant,
}

impl Session {
    fn spawn(
        program: &Path,
        args: &[String],
        data_dir: &Path,
        answer: bool,
    ) -> Result<Session, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pty: {e}"))?;
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(data_dir);
        for var in ["NO_COLOR", "XDG_DATA_HOME"] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("ROLEFIT_DATA_DIR", data_dir);
        // rolefit's framework cache lives for the whole measurement (the first round of a
        // framework writes it, the later rounds read it), never in the user's cache directory.
        if let Some(cache) = CACHE_DIR.get() {
            cmd.env("XDG_CACHE_HOME", cache);
        }
        let reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let writer = pair
            .master
            .take_writer()
            .map_err(|e| format!("pty writer: {e}"))?;
        let writer = Arc::new(Mutex::new(writer));
        let answers = answer.then(|| Arc::clone(&writer));
        let shared = Arc::new(Shared {
            frames: Mutex::new(Frames::default()),
            changed: Condvar::new(),
        });
        let thread = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || drain(reader, &shared, answers))
        };
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        // Only the child keeps the terminal side open, so its exit ends the reader.
        drop(pair.slave);
        let pid = child.process_id().ok_or("the child has no pid")?;
        Ok(Session {
            child,
            _master: pair.master,
            writer,
            shared,
            reader: Some(thread),
            pid,
            started,
        })
    }

    /// Waits for the first complete frame after `after` (a frame number) that satisfies
    /// `cond`; returns it.
    fn wait_frame(
        &self,
        after: u64,
        timeout: Duration,
        what: &str,
        cond: impl Fn(&str) -> bool,
    ) -> Result<(u64, Instant, String), String> {
        let deadline = Instant::now() + timeout;
        let mut frames = self.shared.lock();
        loop {
            if let Some(f) = frames
                .recent
                .iter()
                .find(|f| f.seq > after && cond(&f.text))
            {
                return Ok((f.seq, f.at, f.text.clone()));
            }
            if frames.eof {
                return Err(format!("the program ended while waiting for {what}"));
            }
            let now = Instant::now();
            if now >= deadline {
                let last = frames.recent.back().map_or("", |f| f.text.as_str());
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what}; screen:\n{last}"
                ));
            }
            frames = self
                .shared
                .changed
                .wait_timeout(frames, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// The latest complete frame's number and text.
    fn latest(&self) -> (u64, String) {
        let frames = self.shared.lock();
        frames
            .recent
            .back()
            .map_or((0, String::new()), |f| (f.seq, f.text.clone()))
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        writer
            .write_all(bytes)
            .and_then(|()| writer.flush())
            .map_err(|e| format!("cannot write to the pty: {e}"))
    }

    /// Sends a key and returns the time until a frame whose screen (without the two bottom
    /// rows, where save status and notices live) differs from the one before.
    fn key_latency(&mut self, bytes: &[u8]) -> Result<Duration, String> {
        let (seq, before) = self.latest();
        let before = body(&before).to_string();
        let sent = Instant::now();
        self.send(bytes)?;
        let (_, at, _) = self.wait_frame(seq, KEY_TIMEOUT, "the redraw after a key", |text| {
            body(text) != before
        })?;
        Ok(at.saturating_duration_since(sent))
    }

    /// Peak resident set size in KiB (`VmHWM`).
    fn peak_rss_kib(&self) -> Result<u64, String> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid))
            .map_err(|e| format!("cannot read /proc/{}/status: {e}", self.pid))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| "no VmHWM in /proc/PID/status".to_string())
    }

    /// Sends `q` and waits for the exit.
    fn quit(mut self) -> Result<(), String> {
        self.send(b"q")?;
        let deadline = Instant::now() + EXIT_TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("exited with {status}")),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                Ok(None) => return Err("did not exit after q".into()),
                Err(e) => return Err(format!("wait: {e}")),
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// The screen without its last two rows.
fn body(text: &str) -> &str {
    let mut end = text.len();
    for _ in 0..2 {
        end = text[..end].rfind('\n').unwrap_or(0);
    }
    &text[..end]
}

/// Row `n` of a screen.
fn row(text: &str, n: usize) -> &str {
    text.split('\n').nth(n).unwrap_or("")
}

/// The background colour query (OSC 11) and the device attributes request (DA1), and what a
/// dark terminal answers to each.
const QUERIES: [(&[u8], &[u8]); 2] = [
    (b"\x1b]11;?", b"\x1b]11;rgb:0000/0000/0000\x1b\\"),
    (b"\x1b[c", b"\x1b[?62;22c"),
];

/// Answers the queries in `bytes` as a terminal does, in order.
fn answer_queries(bytes: &[u8], writer: &Mutex<Box<dyn Write + Send>>) {
    let mut found: Vec<(usize, &[u8])> = QUERIES
        .iter()
        .flat_map(|(query, reply)| {
            bytes
                .windows(query.len())
                .enumerate()
                .filter(move |(_, w)| w == query)
                .map(move |(i, _)| (i, *reply))
        })
        .collect();
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|(i, _)| *i);
    let mut writer = writer.lock().unwrap_or_else(|e| e.into_inner());
    for (_, reply) in found {
        let _ = writer.write_all(reply);
    }
    let _ = writer.flush();
}

/// The reader thread: pty output into a vt100 parser; a snapshot at every end-of-frame marker.
/// With `answers`, terminal queries are answered on it.
fn drain(
    mut reader: Box<dyn Read + Send>,
    shared: &Shared,
    answers: Option<Arc<Mutex<Box<dyn Write + Send>>>>,
) {
    let mut parser = vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0);
    let mut buf = vec![0u8; 64 * 1024];
    let mut matched = 0usize;
    let mut last_text = String::new();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // EIO: the terminal side has no more writers.
            Err(_) => break,
        };
        let bytes = &buf[..n];
        if let Some(writer) = &answers {
            answer_queries(bytes, writer);
        }
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == FRAME_END[matched] {
                matched += 1;
            } else {
                matched = usize::from(b == FRAME_END[0]);
            }
            if matched == FRAME_END.len() {
                matched = 0;
                parser.process(&bytes[start..=i]);
                start = i + 1;
                let screen = parser.screen();
                let text = screen.rows(0, COLS).collect::<Vec<_>>().join("\n");
                if text != last_text {
                    last_text.clone_from(&text);
                    let at = Instant::now();
                    let mut frames = shared.lock();
                    frames.seq += 1;
                    let seq = frames.seq;
                    frames.recent.push_back(Frame { seq, at, text });
                    if frames.recent.len() > 64 {
                        frames.recent.pop_front();
                    }
                    shared.changed.notify_all();
                }
            }
        }
        parser.process(&bytes[start..]);
    }
    shared.lock().eof = true;
    shared.changed.notify_all();
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is at least 1")
}

// ---- the programs and what is measured ------------------------------------------------------

/// One way of moving that changes the screen on every key: the setup keys and the screen to
/// wait for, then two keys sent alternately.
struct Scenario {
    name: &'static str,
    setup: &'static [u8],
    ready: fn(&str) -> bool,
    keys: [&'static [u8]; 2],
}

struct Program {
    name: String,
    path: PathBuf,
    args: Vec<String>,
    /// A command run with the same data directory before each start (none when empty):
    /// rolefit's names the person, so the start opens on the screens rather than on the
    /// first-run question of the name.
    prepare: Vec<String>,
    first_frame: fn(&str) -> bool,
    scenarios: Vec<Scenario>,
}

/// Figures of one program over all rounds.
#[derive(Default)]
struct Results {
    first_frame: Vec<Duration>,
    /// Per scenario, every key's latency.
    latency: Vec<Vec<Duration>>,
    peak_rss_kib: Vec<u64>,
}

fn baseline_ready(text: &str) -> bool {
    text.contains("Baseline list")
}

fn rolefit_ready(text: &str) -> bool {
    let tabs = row(text, 0);
    tabs.contains("Roles") && tabs.contains(" answered")
}

fn team_ready(text: &str) -> bool {
    text.contains("People × competencies") && row(text, 0).contains(" people")
}

fn on_tab(text: &str, tab: &str) -> bool {
    row(text, 0).contains(&format!("[{tab}]"))
}

fn programs(
    release: &Path,
    binary: &Path,
    frameworks: &[(usize, PathBuf)],
    team: Option<&Path>,
) -> Vec<Program> {
    let baseline = Program {
        name: "baseline".into(),
        path: release.join("examples").join("baseline"),
        args: Vec::new(),
        prepare: Vec::new(),
        first_frame: baseline_ready,
        scenarios: vec![Scenario {
            name: "list ↓↑",
            setup: b"",
            ready: baseline_ready,
            keys: [DOWN, UP],
        }],
    };
    if let Some(team) = team {
        return vec![
            baseline,
            Program {
                name: format!("rolefit team {}", team.display()),
                path: binary.to_path_buf(),
                args: vec!["team".into(), team.display().to_string()],
                prepare: Vec::new(),
                first_frame: team_ready,
                scenarios: vec![Scenario {
                    name: "team ↓↑",
                    setup: b"",
                    ready: team_ready,
                    keys: [DOWN, UP],
                }],
            },
        ];
    }
    let rolefit = |name: String, args: Vec<String>| Program {
        name,
        path: binary.to_path_buf(),
        prepare: args
            .iter()
            .cloned()
            .chain(["set", "name", "Perf"].map(String::from))
            .collect(),
        args,
        first_frame: rolefit_ready,
        scenarios: vec![
            Scenario {
                name: "Grid ↓↑",
                setup: b"\t",
                ready: |t| on_tab(t, "Grid"),
                keys: [DOWN, UP],
            },
            Scenario {
                name: "Rate →←",
                setup: b"\t",
                ready: |t| on_tab(t, "Rate"),
                keys: [RIGHT, LEFT],
            },
            Scenario {
                name: "Tab/S-Tab Rate⇄Results",
                setup: b"",
                ready: |t| on_tab(t, "Rate"),
                keys: [TAB, BACKTAB],
            },
        ],
    };
    let mut list = vec![baseline, rolefit("rolefit (built-in)".into(), Vec::new())];
    for (size, path) in frameworks {
        list.push(rolefit(
            format!("rolefit ({size})"),
            vec!["--framework".into(), path.display().to_string()],
        ));
    }
    list
}

/// Starts the program once, measures, quits.
fn run_once(
    program: &Program,
    keys: usize,
    answer: bool,
    results: &mut Results,
) -> Result<(), String> {
    let data = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    if !program.prepare.is_empty() {
        let mut prepare = std::process::Command::new(&program.path);
        // Its own cache, so the first measured start of a big framework still writes the
        // measurement's cache, as it did before the name was asked.
        prepare
            .args(&program.prepare)
            .env("ROLEFIT_DATA_DIR", data.path())
            .env("XDG_CACHE_HOME", data.path().join("prepare-cache"));
        let done = prepare
            .output()
            .map_err(|e| format!("cannot run {}: {e}", program.path.display()))?;
        if !done.status.success() {
            return Err(format!(
                "{:?} failed: {}",
                program.prepare,
                String::from_utf8_lossy(&done.stderr)
            ));
        }
    }
    let mut session = Session::spawn(&program.path, &program.args, data.path(), answer)?;
    let (mut seq, at, _) = session.wait_frame(
        0,
        START_TIMEOUT,
        "the first full frame",
        program.first_frame,
    )?;
    results
        .first_frame
        .push(at.saturating_duration_since(session.started));
    results
        .latency
        .resize_with(program.scenarios.len(), Vec::new);
    for (s, scenario) in program.scenarios.iter().enumerate() {
        if scenario.setup.is_empty() {
            let (_, text) = session.latest();
            if !(scenario.ready)(&text) {
                return Err(format!("not ready for {}; screen:\n{text}", scenario.name));
            }
        } else {
            session.send(scenario.setup)?;
            session.wait_frame(seq, KEY_TIMEOUT, scenario.name, scenario.ready)?;
        }
        for k in 0..keys {
            let latency = session.key_latency(scenario.keys[k % 2])?;
            results.latency[s].push(latency);
        }
        seq = session.latest().0;
    }
    results.peak_rss_kib.push(session.peak_rss_kib()?);
    session.quit()
}

// ---- statistics and the table -------------------------------------------------------------

fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn millis(values: &[Duration]) -> Vec<f64> {
    values.iter().map(|d| d.as_secs_f64() * 1e3).collect()
}

/// One row of the table: a value per program.
struct Line {
    label: String,
    values: Vec<f64>,
    decimals: usize,
}

fn table(programs: &[Program], results: &[Results]) -> Vec<Line> {
    let per_program = |f: &dyn Fn(&Program, &Results) -> f64| -> Vec<f64> {
        programs.iter().zip(results).map(|(p, r)| f(p, r)).collect()
    };
    let mut lines = vec![
        Line {
            label: "first full frame, median (ms)".into(),
            values: per_program(&|_, r| percentile(&millis(&r.first_frame), 50.0)),
            decimals: 1,
        },
        Line {
            label: "first full frame, p95 (ms)".into(),
            values: per_program(&|_, r| percentile(&millis(&r.first_frame), 95.0)),
            decimals: 1,
        },
    ];
    // rolefit's scenarios side by side with the baseline's single one.
    let scenarios = programs
        .iter()
        .map(|p| p.scenarios.len())
        .max()
        .unwrap_or(0);
    for s in 0..scenarios {
        let name = |p: &Program| {
            p.scenarios
                .get(s)
                .or(p.scenarios.last())
                .map_or("", |sc| sc.name)
        };
        let names: Vec<&str> = programs.iter().map(name).collect();
        let mut distinct = names.clone();
        distinct.dedup();
        let what = distinct.join(" / ");
        for (stat, p) in [("median", 50.0), ("p95", 95.0), ("max", 100.0)] {
            lines.push(Line {
                label: format!("key→redraw {what}, {stat} (ms)"),
                values: per_program(&|prog, r| {
                    let i = s.min(prog.scenarios.len().saturating_sub(1));
                    r.latency
                        .get(i)
                        .map_or(f64::NAN, |v| percentile(&millis(v), p))
                }),
                decimals: 2,
            });
        }
    }
    lines.push(Line {
        label: "peak RSS, median (MiB)".into(),
        values: per_program(&|_, r| {
            let kib: Vec<f64> = r.peak_rss_kib.iter().map(|&k| k as f64).collect();
            percentile(&kib, 50.0) / 1024.0
        }),
        decimals: 1,
    });
    lines
}

fn print_table(programs: &[Program], lines: &[Line]) {
    let mut header = String::from("| measure |");
    let mut rule = String::from("|---|");
    for (i, program) in programs.iter().enumerate() {
        header.push_str(&format!(" {} |", program.name));
        rule.push_str("---:|");
        if i > 0 {
            header.push_str(" ratio |");
            rule.push_str("---:|");
        }
    }
    println!("{header}\n{rule}");
    for line in lines {
        let mut out = format!("| {} |", line.label);
        let base = line.values[0];
        for (i, value) in line.values.iter().enumerate() {
            out.push_str(&format!(" {value:.*} |", line.decimals));
            if i > 0 {
                out.push_str(&format!(" {:.2}× |", value / base));
            }
        }
        println!("{out}");
    }
}

// ---- main -------------------------------------------------------------------------------------

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("perf: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    if cfg!(debug_assertions) {
        eprintln!(
            "perf: note: this harness is a debug build; the programs measured are release builds either way"
        );
    }
    let release = release_dir()?;
    if options.build
        && let Err(e) = build()
    {
        eprintln!("perf: {e}; trying the binaries already built");
    }
    let binary = options
        .rolefit
        .clone()
        .unwrap_or_else(|| release.join("rolefit"));
    let missing: Vec<PathBuf> = [binary.clone(), release.join("examples").join("baseline")]
        .into_iter()
        .filter(|p| !p.is_file())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "missing {}; build them with `cargo build --release --bins --examples`",
            missing
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" and ")
        ));
    }

    let dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let _ = CACHE_DIR.set(dir.path().join("cache"));
    let mut frameworks = Vec::new();
    for &size in &options.sizes {
        let path = dir.path().join(format!("synthetic-{size}.toml"));
        std::fs::write(&path, synthetic::synthetic_framework(size))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        frameworks.push((size, path));
    }
    if options.team.is_some() {
        frameworks.clear();
    }
    let programs = programs(&release, &binary, &frameworks, options.team.as_deref());
    let mut results: Vec<Results> = programs.iter().map(|_| Results::default()).collect();

    eprintln!(
        "perf: {} rounds of {} (alternating), {}×{} terminal, {} keys per scenario per run",
        options.rounds,
        programs
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        COLS,
        ROWS,
        options.keys
    );
    for round in 1..=options.rounds {
        for (program, results) in programs.iter().zip(&mut results) {
            run_once(program, options.keys, options.answer, results)
                .map_err(|e| format!("{} (round {round}): {e}", program.name))?;
        }
        eprintln!("perf: round {round}/{} done", options.rounds);
    }

    println!();
    print_table(&programs, &table(&programs, &results));
    println!(
        "\n{} rounds; latency over {} keys per scenario per program; ratios are against the baseline (the baseline has one scenario, list ↓↑, compared with each rolefit scenario).",
        options.rounds,
        options.rounds * options.keys
    );
    let aims = match &options.team {
        Some(_) => team_aims(&results[1]),
        None => aims(&programs, &results, &options.sizes),
    };
    print_aims(&aims);
    let missed = aims.iter().filter(|a| !a.met()).count();
    if options.check && missed > 0 {
        return Err(format!("{missed} aim(s) missed"));
    }
    Ok(())
}

// ---- the aims -----------------------------------------------------------------------------

/// One aim: a measured value (a ratio against the baseline, or an absolute figure) and the
/// most it may be.
struct Aim {
    what: String,
    value: f64,
    limit: f64,
    unit: &'static str,
}

impl Aim {
    fn met(&self) -> bool {
        self.value <= self.limit
    }
}

fn median_ms(values: &[Duration]) -> f64 {
    percentile(&millis(values), 50.0)
}

fn median_mib(kib: &[u64]) -> f64 {
    let values: Vec<f64> = kib.iter().map(|&k| k as f64 / 1024.0).collect();
    percentile(&values, 50.0)
}

/// The aims, from the medians: built-in rolefit (program 1) against the baseline (program 0),
/// and the 20,000-competency run when there is one.
fn aims(programs: &[Program], results: &[Results], sizes: &[usize]) -> Vec<Aim> {
    let (base, rolefit) = (&results[0], &results[1]);
    let ratio = |a: f64, b: f64| a / b;
    let base_key = median_ms(&base.latency[0]);
    let mut aims = vec![Aim {
        what: "first full frame, built-in / baseline".into(),
        value: ratio(
            median_ms(&rolefit.first_frame),
            median_ms(&base.first_frame),
        ),
        limit: 1.2,
        unit: "×",
    }];
    for (s, scenario) in programs[1].scenarios.iter().enumerate() {
        aims.push(Aim {
            what: format!("key→redraw {}, built-in / baseline", scenario.name),
            value: ratio(median_ms(&rolefit.latency[s]), base_key),
            limit: 1.2,
            unit: "×",
        });
    }
    aims.push(Aim {
        what: "peak memory, built-in / baseline".into(),
        value: ratio(
            median_mib(&rolefit.peak_rss_kib),
            median_mib(&base.peak_rss_kib),
        ),
        limit: 1.5,
        unit: "×",
    });
    if let Some(i) = sizes.iter().position(|&n| n == 20_000) {
        let big = &results[2 + i];
        aims.push(Aim {
            what: "first full frame at 20,000 competencies".into(),
            value: median_ms(&big.first_frame),
            limit: 50.0,
            unit: " ms",
        });
        aims.push(Aim {
            what: "peak memory at 20,000 competencies".into(),
            value: median_mib(&big.peak_rss_kib),
            limit: 40.0,
            unit: " MiB",
        });
    }
    aims
}

/// The team view's aims (issue 26): opens in under a second, a key redraws in under 16 ms.
fn team_aims(team: &Results) -> Vec<Aim> {
    let p95 = percentile(&millis(&team.latency[0]), 95.0);
    vec![
        Aim {
            what: "team view: first full frame".into(),
            value: median_ms(&team.first_frame),
            limit: 1000.0,
            unit: " ms",
        },
        Aim {
            what: "team view: key→redraw, p95".into(),
            value: p95,
            limit: 16.0,
            unit: " ms",
        },
    ]
}

fn print_aims(aims: &[Aim]) {
    println!("\n| aim (medians) | measured | at most | |\n|---|---:|---:|---|");
    for aim in aims {
        println!(
            "| {} | {:.2}{} | {}{} | {} |",
            aim.what,
            aim.value,
            aim.unit,
            aim.limit,
            aim.unit,
            if aim.met() { "met" } else { "**missed**" }
        );
    }
}
