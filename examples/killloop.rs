//! A kill -9 loop against the real binary, for confidence beyond the tests (not run in CI).
//!
//! Starts `rolefit` in a pseudo-terminal again and again on one data folder, rates competencies
//! and writes notes, waits until the footer says each change is saved, makes one more change
//! that may or may not be saved, and kills it with SIGKILL at a varied moment. After every kill
//! the file must parse, and every change acknowledged as saved must be in it.
//!
//! Every fourth time the extra change is a rating and the kill comes `BOUND` after it, without
//! waiting for the footer: the promise is that a change is on disk at most the debounce
//! (0.4 s) plus two saves after it is made (a save already running, then the one with the
//! change), so that rating must be in the file too. `BOUND` allows 50 ms per save; a disk that
//! stalls longer than that shows here as a late change.
//!
//! ```text
//! cargo build --release --locked
//! cargo run --release --locked --example killloop -- [ITERATIONS] [BINARY]
//! ```
//! Defaults: 1000 iterations, `target/release/rolefit`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use rolefit::storage::{ReadOutcome, read_assessment};

const WAIT: Duration = Duration::from_secs(10);

/// The debounce plus two saves of at most 50 ms each (one is typically 0.5–1.5 ms here).
const BOUND: Duration = Duration::from_millis(400 + 2 * 50);

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    fn start(binary: &Path, data: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(binary);
        cmd.env("TERM", "xterm-256color");
        cmd.env("ROLEFIT_DATA_DIR", data);
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn rolefit");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            24.try_into().unwrap(),
            80.try_into().unwrap(),
            0,
        )));
        let shared = Arc::clone(&parser);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shared.lock().unwrap().process(&buf[..n]);
            }
        });
        Tui {
            child,
            writer,
            parser,
        }
    }

    fn screen(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        parser.screen().rows(0, 80).collect()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_for(&self, what: &str, cond: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if cond(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}:\n{}", screen.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn kill_9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The save-state line above the key footer says saved, nothing pending.
fn saved_clean(screen: &[String]) -> bool {
    let status = &screen[screen.len() - 2];
    status.contains("Saved ") && !status.contains("pending")
}

/// On the Rate screen: (competency id, 1-based index, total).
fn rate_at(screen: &[String]) -> Option<(String, usize, usize)> {
    if !screen[0].contains("[Rate]") {
        return None;
    }
    let title = &screen[1];
    let after_area = &title[title.find("· Area ")? + "· Area ".len()..];
    let after = &after_area[after_area.find("· ")? + "· ".len()..];
    let (index, total) = after.split_whitespace().next()?.split_once('/')?;
    let id = screen[2]
        .trim_start_matches(|c: char| c.is_whitespace() || "│┃".contains(c))
        .split_whitespace()
        .next()?
        .to_string();
    Some((id, index.parse().ok()?, total.parse().ok()?))
}

fn on_rate(screen: &[String]) -> bool {
    rate_at(screen).is_some()
}

#[derive(Default)]
struct Expected {
    /// Acknowledged levels by competency ("0".."5" or "na").
    levels: BTreeMap<String, String>,
    /// Acknowledged note words by competency.
    notes: BTreeMap<String, Vec<String>>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: usize = args.next().map_or(1000, |n| n.parse().expect("ITERATIONS"));
    let binary = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/release/rolefit".into()),
    );
    let binary = std::fs::canonicalize(&binary)
        .unwrap_or_else(|e| panic!("{}: {e}; build it first", binary.display()));
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("assessments/default.toml");
    let mut expected = Expected::default();
    let (mut torn, mut lost, mut acked_changes, mut unacked_on_disk) = (0, 0, 0, 0);
    let (mut bounded, mut late) = (0, 0);
    let started = Instant::now();

    for i in 0..iterations {
        let mut tui = Tui::start(&binary, data.path());
        let screen = tui.wait_for("the app", |s| {
            s.iter().any(|l| l.contains("Welcome to rolefit")) || on_rate(s)
        });
        if !on_rate(&screen) {
            tui.send("\t\t");
        }
        let mut screen = tui.wait_for("the Rate screen", on_rate);
        let (_, index, total) = rate_at(&screen).unwrap();
        if index >= total - 1 {
            // Back to the first competency.
            tui.send("g");
            screen = tui.wait_for("the first competency", |s| {
                rate_at(s).is_some_and(|(_, n, _)| n == 1)
            });
        }
        let (id, index, _) = rate_at(&screen).unwrap();

        // An acknowledged change: a note (every third time) or a rating.
        if i % 3 == 0 {
            let word = format!("w{i}");
            tui.send("e");
            tui.wait_for("the note editor", |s| {
                s.iter().any(|l| l.contains("Note · editing"))
            });
            tui.send(&format!(" {word}"));
            tui.wait_for("the word typed", |s| s.iter().any(|l| l.contains(&word)));
            tui.send("\x1b");
            tui.wait_for("the note saved", |s| {
                s.iter().any(|l| l.contains("Note · e to edit")) && saved_clean(s)
            });
            expected.notes.entry(id.clone()).or_default().push(word);
        } else {
            let key = ["4", "3", "0", "5", "1", "n", "2"][i % 7];
            tui.send(key);
            tui.wait_for("the rating saved", |s| {
                rate_at(s).is_some_and(|(_, n, _)| n == index + 1) && saved_clean(s)
            });
            let level = if key == "n" { "na" } else { key };
            expected.levels.insert(id.clone(), level.to_string());
        }
        acked_changes += 1;

        // One more change, maybe saved, then the kill at a varied moment.
        let (next_id, ..) = rate_at(&tui.screen()).unwrap_or_default();
        let extra = ["5", "2", "e x\x1b", ""][i % 4];
        // The rating "2" is killed only after the bound, so it must be on disk.
        let within_bound = extra == "2" && !next_id.is_empty();
        tui.send(extra);
        if within_bound {
            std::thread::sleep(BOUND);
        } else {
            std::thread::sleep(Duration::from_micros((i as u64 * 7919) % 200_000));
        }
        tui.kill_9();

        // The file parses, and every acknowledged change is in it.
        let assessment = match read_assessment(&file, "default") {
            ReadOutcome::Loaded(a) => a,
            _ => {
                torn += 1;
                eprintln!("iteration {i}: the file does not load");
                continue;
            }
        };
        if within_bound {
            bounded += 1;
            let on_disk = assessment
                .ratings
                .iter()
                .find(|(k, _)| k.0 == next_id)
                .and_then(|(_, e)| e.rating)
                .map(|r| r.to_string());
            if on_disk.as_deref() == Some("2") {
                expected.levels.insert(next_id.clone(), "2".into());
            } else {
                late += 1;
                eprintln!(
                    "iteration {i}: {next_id} = 2 rated {BOUND:?} before the kill, the file has \
                     {on_disk:?}"
                );
            }
        }
        for (cid, level) in expected.levels.clone() {
            let on_disk = assessment
                .ratings
                .iter()
                .find(|(k, _)| k.0 == cid)
                .and_then(|(_, e)| e.rating)
                .map(|r| r.to_string().to_lowercase());
            let matches = on_disk
                .as_deref()
                .is_some_and(|d| d == level || (level == "na" && d.contains("n/a")));
            if !matches {
                if cid == next_id && !within_bound && !extra.is_empty() && !extra.starts_with('e') {
                    unacked_on_disk += 1;
                    expected.levels.insert(cid, on_disk.unwrap_or_default());
                } else {
                    lost += 1;
                    eprintln!(
                        "iteration {i}: acknowledged {cid} = {level}, the file has {on_disk:?}"
                    );
                }
            }
        }
        for (cid, words) in &expected.notes {
            let note = assessment
                .ratings
                .iter()
                .find(|(k, _)| k.0 == *cid)
                .map(|(_, e)| e.note.clone())
                .unwrap_or_default();
            for word in words {
                if !note.split_whitespace().any(|w| w == word) {
                    lost += 1;
                    eprintln!("iteration {i}: acknowledged note word {word} missing from {cid}");
                }
            }
        }
        if (i + 1) % 100 == 0 {
            eprintln!("{} iterations, {:.1?}", i + 1, started.elapsed());
        }
    }
    println!(
        "killloop: {iterations} kills in {:.1?}: {acked_changes} acknowledged changes, {torn} torn \
         files, {lost} lost acknowledged changes ({unacked_on_disk} unacknowledged changes found on \
         disk, allowed); {bounded} changes killed {BOUND:?} after they were made, {late} of them \
         not on disk",
        started.elapsed()
    );
    if torn > 0 || lost > 0 || late > 0 {
        std::process::exit(1);
    }
}
