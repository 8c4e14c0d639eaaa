//! A kill -9 loop against the real binary, for confidence beyond the tests (not run in CI).
//!
//! One file because it is one program: the loop, each kill moment and the checks after it.
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
//! The kills rotate through four moments: after a rating or a note (as above); with the note
//! editor open, `BOUND` after the last key typed into it; with the plan editor open on
//! Results, `BOUND` after the last key of its action; and with the user's own editor (`E`,
//! `$EDITOR`) open, after the editor has saved a word into the note. Every word typed longer
//! than `BOUND` before the kill must be in the file, the one saved in `$EDITOR` once the next
//! start has taken it back, and after every start no `rolefit-note-*` folder may be left in
//! the temp folder (`TMPDIR`, one of the loop's own).
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
use rolefit::domain::Assessment;
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
    fn start(binary: &Path, data: &Path, editor: &Editor) -> Tui {
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
        cmd.env("XDG_CONFIG_HOME", data.join("config"));
        cmd.env_remove("NO_COLOR");
        cmd.env("VISUAL", "");
        cmd.env("EDITOR", &editor.script);
        cmd.env("TMPDIR", &editor.tmp);
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

    fn kill_9(&mut self) {
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
    /// Plan action words typed longer than `BOUND` before a kill, by competency.
    plans: BTreeMap<String, Vec<String>>,
}

/// The user's own editor for `E`: a script that appends the word in `word` to the note, says
/// it has done so (`saved`, with its pid in `pid`) and then stays open, as a person would.
struct Editor {
    script: PathBuf,
    tmp: PathBuf,
    word: PathBuf,
    saved: PathBuf,
    pid: PathBuf,
}

impl Editor {
    fn new(dir: &Path) -> Editor {
        use std::os::unix::fs::PermissionsExt;
        let editor = Editor {
            script: dir.join("editor.sh"),
            tmp: dir.join("tmp"),
            word: dir.join("word"),
            saved: dir.join("saved"),
            pid: dir.join("pid"),
        };
        std::fs::create_dir_all(&editor.tmp).unwrap();
        let script = format!(
            "#!/bin/sh\nprintf ' %s' \"$(cat '{word}')\" >> \"$1\"\necho $$ > '{pid}'\n\
             touch '{saved}'\nexec sleep 60\n",
            word = editor.word.display(),
            pid = editor.pid.display(),
            saved = editor.saved.display()
        );
        std::fs::write(&editor.script, script).unwrap();
        std::fs::set_permissions(&editor.script, std::fs::Permissions::from_mode(0o755)).unwrap();
        editor
    }

    /// The note folders left in the loop's temp folder.
    fn leftovers(&self) -> usize {
        std::fs::read_dir(&self.tmp)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("rolefit-note-"))
            })
            .count()
    }

    /// Ends the editor left running by a killed rolefit.
    fn end(&self) {
        if let Some(pid) = std::fs::read_to_string(&self.pid)
            .ok()
            .and_then(|p| p.trim().parse::<i32>().ok())
        {
            // SAFETY: kill(2) with a pid the script wrote and SIGKILL has no preconditions.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        let _ = std::fs::remove_file(&self.pid);
        let _ = std::fs::remove_file(&self.saved);
    }
}

/// Where each kill comes.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Moment {
    /// After an acknowledged rating or note, and one more change (see the module's comment).
    AfterChange,
    /// With the note editor open, `BOUND` after the last key typed.
    NoteEditor,
    /// With the plan editor open on Results, `BOUND` after the last key of the action.
    PlanEditor,
    /// With the user's own editor open, after it saved a word into the note.
    OwnEditor,
}

fn contains(screen: &[String], text: &str) -> bool {
    screen.iter().any(|l| l.contains(text))
}

/// The words of `text`.
fn has_word(text: &str, word: &str) -> bool {
    text.split_whitespace().any(|w| w == word)
}

fn note_of(assessment: &Assessment, id: &str) -> String {
    assessment
        .ratings
        .iter()
        .find(|(k, _)| k.0 == id)
        .map(|(_, e)| e.note.clone())
        .unwrap_or_default()
}

fn plan_of(assessment: &Assessment, id: &str) -> String {
    assessment
        .plan
        .iter()
        .find(|(k, _)| k.0 == id)
        .map(|(_, p)| p.first_text().to_string())
        .unwrap_or_default()
}

fn load(file: &Path) -> Option<Assessment> {
    match read_assessment(file, "default") {
        ReadOutcome::Loaded(a) => Some(a),
        _ => None,
    }
}

/// What the name question says (a first run asks the person's name).
const NAME_QUESTION: &str = "Your name, as team views";

/// Starts rolefit and brings it to Rate, closing an editor it opened again on what was being
/// typed when it was killed (Esc keeps the text). Returns the screen on Rate.
fn start_on_rate(binary: &Path, data: &Path, editor: &Editor) -> (Tui, Vec<String>) {
    let mut tui = Tui::start(binary, data, editor);
    let mut screen = tui.wait_for("the app", |s| {
        contains(s, "Welcome to rolefit")
            || contains(s, NAME_QUESTION)
            || on_rate(s)
            || contains(s, "Note · editing")
            || contains(s, "Plan for ")
            || contains(s, "[Results]")
    });
    // A first run (or one killed before the name was saved) asks the name: answered first.
    if contains(&screen, NAME_QUESTION) {
        tui.send("Sam Taylor\r");
        screen = tui.wait_for("the name kept", |s| !contains(s, NAME_QUESTION));
    }
    if contains(&screen, "Note · editing") || contains(&screen, "Plan for ") {
        tui.send("\x1b");
        tui.wait_for("the editor closed", |s| {
            !contains(s, "Note · editing") && !contains(s, "Plan for ") && saved_clean(s)
        });
    }
    let screen = tui.screen();
    if contains(&screen, "[Results]") {
        tui.send("\x1b[Z");
    } else if !on_rate(&screen) {
        tui.send("\t\t");
    }
    let screen = tui.wait_for("the Rate screen", on_rate);
    (tui, screen)
}

/// What the loop expects in the file and counts across its iterations.
#[derive(Default)]
struct Tally {
    expected: Expected,
    torn: usize,
    lost: usize,
    acked_changes: usize,
    unacked_on_disk: usize,
    bounded: usize,
    late: usize,
    leftovers: usize,
    kills: BTreeMap<&'static str, usize>,
    /// A word saved in the user's editor when rolefit was killed: the next start takes it back.
    from_editor: Option<(String, String)>,
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
    let editor = Editor::new(&data.path().join("editor"));
    let mut tally = Tally::default();
    let started = Instant::now();

    for i in 0..iterations {
        let moment = [
            Moment::AfterChange,
            Moment::NoteEditor,
            Moment::AfterChange,
            Moment::PlanEditor,
            Moment::AfterChange,
            Moment::OwnEditor,
        ][i % 6];
        let (mut tui, mut screen) = start_on_rate(&binary, data.path(), &editor);
        check_the_start(&mut tally, i, &editor, &file);
        let (_, index, total) = rate_at(&screen).unwrap();
        if index >= total - 1 {
            // Back to the first competency.
            tui.send("g");
            screen = tui.wait_for("the first competency", |s| {
                rate_at(s).is_some_and(|(_, n, _)| n == 1)
            });
        }
        let (id, index, _) = rate_at(&screen).unwrap();

        match moment {
            Moment::NoteEditor => kill_in_the_note_editor(&mut tui, &mut tally, i, &id),
            Moment::PlanEditor => kill_in_the_plan_editor(&mut tui, &mut tally, i),
            Moment::OwnEditor => kill_in_the_own_editor(&mut tui, &mut tally, &editor, i, &id),
            Moment::AfterChange => acknowledged_change(&mut tui, &mut tally, i, &id, index),
        }

        if moment == Moment::AfterChange
            && !one_more_change_then_kill(&mut tui, &mut tally, i, &file)
        {
            continue;
        }

        if !every_word_is_there(&mut tally, i, &file) {
            continue;
        }
        if (i + 1) % 100 == 0 {
            eprintln!("{} iterations, {:.1?}", i + 1, started.elapsed());
        }
    }
    // One last start: it takes back a note left in the editor and clears its folder.
    let (mut tui, _) = start_on_rate(&binary, data.path(), &editor);
    tally.leftovers += editor.leftovers();
    tui.kill_9();
    let Tally {
        torn,
        lost,
        acked_changes,
        unacked_on_disk,
        bounded,
        late,
        leftovers,
        kills,
        ..
    } = tally;
    println!(
        "killloop: {iterations} kills in {:.1?} ({kills:?}): {acked_changes} acknowledged \
         changes, {torn} torn files, {lost} lost acknowledged changes or words ({unacked_on_disk} \
         unacknowledged changes found on disk, allowed); {bounded} ratings killed {BOUND:?} \
         after they were made, {late} of them not on disk; {leftovers} note folders left after a \
         start",
        started.elapsed()
    );
    if torn > 0 || lost > 0 || late > 0 || leftovers > 0 {
        std::process::exit(1);
    }
}

/// Counts note folders a start left, and checks it took back the word the editor saved.
fn check_the_start(tally: &mut Tally, i: usize, editor: &Editor, file: &Path) {
    // The start removed every folder a killed rolefit left, and took back its note.
    let left = editor.leftovers();
    if left > 0 {
        tally.leftovers += left;
        eprintln!("iteration {i}: {left} note folder(s) left after the start");
    }
    if let Some((id, word)) = tally.from_editor.take() {
        let note = load(file).map(|a| note_of(&a, &id)).unwrap_or_default();
        if has_word(&note, &word) {
            tally.expected.notes.entry(id).or_default().push(word);
        } else {
            tally.lost += 1;
            eprintln!("iteration {i}: {word}, saved in the editor for {id}, was not taken back");
        }
    }
}

/// Types a word into the note editor, then kills `BOUND` after the last key.
fn kill_in_the_note_editor(tui: &mut Tui, tally: &mut Tally, i: usize, id: &str) {
    let word = format!("k{i}");
    tui.send("e");
    tui.wait_for("the note editor", |s| contains(s, "Note · editing"));
    tui.send(&format!(" {word}"));
    tui.wait_for("the word typed", |s| contains(s, &word));
    std::thread::sleep(BOUND);
    tui.kill_9();
    *tally.kills.entry("note editor open").or_default() += 1;
    tally
        .expected
        .notes
        .entry(id.to_string())
        .or_default()
        .push(word);
}

/// Types a word into the plan editor's action on Results, then kills `BOUND` after it.
fn kill_in_the_plan_editor(tui: &mut Tui, tally: &mut Tally, i: usize) {
    let word = format!("p{i}");
    tui.send("\t");
    tui.wait_for("Results", |s| contains(s, "[Results]"));
    tui.send("v");
    tui.send("\r");
    let screen = tui.wait_for("the plan editor", |s| contains(s, "Plan for "));
    let line = screen.iter().find(|l| l.contains("Plan for ")).unwrap();
    let plan_id = line[line.find("Plan for ").unwrap() + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    tui.send("\t");
    tui.send(&format!(" {word}"));
    tui.wait_for("the action typed", |s| contains(s, &word));
    std::thread::sleep(BOUND);
    tui.kill_9();
    *tally.kills.entry("plan editor open").or_default() += 1;
    tally.expected.plans.entry(plan_id).or_default().push(word);
}

/// Opens the user's own editor on the note, and kills once it has saved a word into it.
fn kill_in_the_own_editor(tui: &mut Tui, tally: &mut Tally, editor: &Editor, i: usize, id: &str) {
    let word = format!("x{i}");
    std::fs::write(&editor.word, &word).unwrap();
    tui.send("E");
    let deadline = Instant::now() + WAIT;
    while !editor.saved.exists() {
        assert!(
            Instant::now() < deadline,
            "iteration {i}: the editor never ran"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    tui.kill_9();
    editor.end();
    *tally.kills.entry("own editor open").or_default() += 1;
    tally.from_editor = Some((id.to_string(), word));
}

/// An acknowledged change, a note or a rating, waited for until the footer says it is saved.
fn acknowledged_change(tui: &mut Tui, tally: &mut Tally, i: usize, id: &str, index: usize) {
    if i.is_multiple_of(4) {
        let word = format!("w{i}");
        tui.send("e");
        tui.wait_for("the note editor", |s| contains(s, "Note · editing"));
        tui.send(&format!(" {word}"));
        tui.wait_for("the word typed", |s| contains(s, &word));
        tui.send("\x1b");
        tui.wait_for("the note saved", |s| {
            contains(s, "Note · e to edit") && saved_clean(s)
        });
        tally
            .expected
            .notes
            .entry(id.to_string())
            .or_default()
            .push(word);
    } else {
        let key = ["4", "3", "0", "5", "1", "n", "2"][i % 7];
        tui.send(key);
        tui.wait_for("the rating saved", |s| {
            rate_at(s).is_some_and(|(_, n, _)| n == index + 1) && saved_clean(s)
        });
        let level = if key == "n" { "na" } else { key };
        tally
            .expected
            .levels
            .insert(id.to_string(), level.to_string());
    }
    tally.acked_changes += 1;
}

/// One more change, a kill, then the file's levels checked; returns whether the file loads.
fn one_more_change_then_kill(tui: &mut Tui, tally: &mut Tally, i: usize, file: &Path) -> bool {
    let (next_id, ..) = rate_at(&tui.screen()).unwrap_or_default();
    let extra = ["5", "2", "e x\x1b", ""][(i / 2) % 4];
    // The rating "2" is killed only after the bound, so it must be on disk.
    let within_bound = extra == "2" && !next_id.is_empty();
    tui.send(extra);
    if within_bound {
        std::thread::sleep(BOUND);
    } else {
        std::thread::sleep(Duration::from_micros((i as u64 * 7919) % 200_000));
    }
    tui.kill_9();
    *tally.kills.entry("after a change").or_default() += 1;
    let Some(assessment) = load(file) else {
        tally.torn += 1;
        eprintln!("iteration {i}: the file does not load");
        return false;
    };
    if within_bound {
        tally.bounded += 1;
        let on_disk = assessment
            .ratings
            .iter()
            .find(|(k, _)| k.0 == next_id)
            .and_then(|(_, e)| e.rating)
            .map(|r| r.to_string());
        if on_disk.as_deref() == Some("2") {
            tally.expected.levels.insert(next_id.clone(), "2".into());
        } else {
            tally.late += 1;
            eprintln!(
                "iteration {i}: {next_id} = 2 rated {BOUND:?} before the kill, the file \
                 has {on_disk:?}"
            );
        }
    }
    for (cid, level) in tally.expected.levels.clone() {
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
                tally.unacked_on_disk += 1;
                tally
                    .expected
                    .levels
                    .insert(cid, on_disk.unwrap_or_default());
            } else {
                tally.lost += 1;
                eprintln!("iteration {i}: acknowledged {cid} = {level}, the file has {on_disk:?}");
            }
        }
    }
    true
}

/// The file parses, and every word that must be there is. Returns whether it loads.
fn every_word_is_there(tally: &mut Tally, i: usize, file: &Path) -> bool {
    let Some(assessment) = load(file) else {
        tally.torn += 1;
        eprintln!("iteration {i}: the file does not load");
        return false;
    };
    for (cid, words) in &tally.expected.notes {
        let note = note_of(&assessment, cid);
        for word in words {
            if !has_word(&note, word) {
                tally.lost += 1;
                eprintln!("iteration {i}: note word {word} missing from {cid}");
            }
        }
    }
    for (cid, words) in &tally.expected.plans {
        let action = plan_of(&assessment, cid);
        for word in words {
            if !has_word(&action, word) {
                tally.lost += 1;
                eprintln!("iteration {i}: plan word {word} missing from {cid}'s plan");
            }
        }
    }
    true
}
