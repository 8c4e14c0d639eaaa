//! Plain mode: the assessment one competency at a time on ordinary lines of text, for screen
//! readers, braille displays and terminals that cannot draw a full screen, and for scripts
//! (`printf '4\n3\nn\n' | rolefit --plain`).
//!
//! [`text`] builds what is printed; [`Session`] asks and records, generic over any
//! `BufRead`/`Write` pair so tests drive it with byte buffers. It saves through a [`Store`]
//! after every answer; the command line gives it one that holds the assessment's lock.

pub mod text;

use std::io::{self, BufRead, Write};

use crate::domain::time::Datetime;

use crate::domain::{Assessment, Framework, Level, Rating, merge};
use crate::storage::guarded::Saved;
use crate::strings;
use crate::strings::person as words;
use crate::text::display_safe;

/// Where a session's answers are saved.
pub trait Store {
    /// Saves the whole assessment (atomically, under the lock).
    fn save(&mut self, assessment: &Assessment) -> io::Result<()>;
    /// Saves unless another program changed the file meanwhile, which is then merged or kept
    /// beside it (see [`crate::storage::guarded`]); a store that cannot tell just saves.
    fn save_guarded(&mut self, assessment: &Assessment) -> io::Result<Saved> {
        self.save(assessment).map(|()| Saved::Written)
    }
}

impl<F: FnMut(&Assessment) -> io::Result<()>> Store for F {
    fn save(&mut self, assessment: &Assessment) -> io::Result<()> {
        self(assessment)
    }
}

/// Output wrapped at word boundaries to `width` columns, for sighted users of a terminal that
/// breaks long lines anywhere (`TERM=dumb`); a wrapped line keeps its indent, and an item
/// ("  3 Independent: …") continues two columns further in. A line not ended yet (a prompt)
/// is written as it is when flushed.
pub struct WordWrap<W: Write> {
    inner: W,
    width: usize,
    pending: Vec<u8>,
}

impl<W: Write> WordWrap<W> {
    pub fn new(inner: W, width: usize) -> WordWrap<W> {
        WordWrap {
            inner,
            width: width.max(20),
            pending: Vec::new(),
        }
    }

    /// One whole line, wrapped.
    fn emit(&mut self, line: &str) -> io::Result<()> {
        use unicode_width::UnicodeWidthStr;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let hanging = if indent > 0 { indent + 2 } else { 0 };
        let mut current = " ".repeat(indent);
        let mut used = indent;
        let mut first = true;
        for word in line.split_whitespace() {
            let w = word.width();
            let at_start = used == if first { indent } else { hanging };
            if !at_start && used + 1 + w > self.width {
                writeln!(self.inner, "{}", current.trim_end())?;
                current = " ".repeat(hanging);
                used = hanging;
                first = false;
            } else if !at_start {
                current.push(' ');
                used += 1;
            }
            current.push_str(word);
            used += w;
        }
        writeln!(self.inner, "{}", current.trim_end())
    }
}

impl<W: Write> Write for WordWrap<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let text = String::from_utf8_lossy(&line[..line.len() - 1]).into_owned();
            self.emit(text.trim_end_matches('\r'))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for WordWrap<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// How a session ended.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The end of the list was reached, or nothing was left to rate: the Results were printed.
    Finished,
    /// `q`, or the end of the input.
    Quit,
}

/// What the answer to one competency's prompt asks for.
enum Step {
    Next,
    Back,
    Quit,
}

/// One plain session on one assessment.
pub struct Session<'a, S> {
    framework: &'a Framework,
    assessment: Assessment,
    store: S,
    echo: bool,
    now: fn() -> Datetime,
    unsaved: Option<io::Error>,
    /// Another program changed the file in a way that cannot be merged: nothing more is saved
    /// and the session ends.
    stopped: bool,
    /// The command that resumes this session, as the closing hint gives it.
    resume: String,
    /// Ask the person's name first, suggesting this one (see [`Session::ask_name`]).
    ask_name: Option<Option<String>>,
}

impl<'a, S: Store> Session<'a, S> {
    /// A session on `assessment`, saving through `store`.
    pub fn new(framework: &'a Framework, assessment: Assessment, store: S) -> Session<'a, S> {
        Session {
            framework,
            assessment,
            store,
            echo: false,
            now: crate::clock::now_utc,
            unsaved: None,
            stopped: false,
            resume: "rolefit --plain".to_string(),
            ask_name: None,
        }
    }

    /// Asks the person's name before the first competency, suggesting `default` (Enter keeps
    /// it): for an assessment whose person was never asked, answered on a terminal. Piped
    /// input is never asked, since its first line would be taken for a name.
    pub fn ask_name(mut self, default: Option<String>) -> Self {
        self.ask_name = Some(default);
        self
    }

    /// The command the closing hint gives to continue (`rolefit --plain -a NAME`,
    /// `rolefit --plain review FILE`): everything needed to open the same assessment again.
    pub fn resume(mut self, command: String) -> Self {
        self.resume = command;
        self
    }

    /// Writes each answer after its prompt: for input that is not typed on a terminal (which
    /// echoes it), so the output reads as a transcript.
    pub fn echo(mut self, echo: bool) -> Self {
        self.echo = echo;
        self
    }

    /// The clock that stamps `updated` on every save.
    pub fn clock(mut self, now: fn() -> Datetime) -> Self {
        self.now = now;
        self
    }

    /// The assessment as it stands.
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// Why the last save failed, if the answers given are not all on disk.
    pub fn unsaved(&self) -> Option<&io::Error> {
        self.unsaved.as_ref()
    }

    /// Asks from the first unrated competency on, until the end of the list, `q`, or the end of
    /// `input`. Fails only when `out` cannot be written.
    pub fn run<R: BufRead, W: Write>(&mut self, mut input: R, mut out: W) -> io::Result<Ended> {
        let total = self.framework.competencies.len();
        // A review file says whose review it is, as the full screen does.
        if let Some(r) = crate::review::reviewing(&self.assessment) {
            writeln!(
                out,
                "{}",
                display_safe(&crate::review::strings::reviewing(&r))
            )?;
        }
        write!(
            out,
            "{}",
            strings::plain_intro(
                &display_safe(&self.assessment.name),
                self.assessment.rated_count(self.framework),
                total
            )
        )?;
        if let Some(default) = self.ask_name.take()
            && !self.ask_person(default, &mut input, &mut out)?
        {
            return self.quit(&mut out);
        }
        let Some(mut c) = self.first_unrated() else {
            writeln!(out, "{}\n", strings::PLAIN_ALL_RATED)?;
            return self.finish(&mut out);
        };
        loop {
            if c >= total {
                let left = total - self.assessment.rated_count(self.framework);
                if left > 0 {
                    writeln!(out, "\n{}", strings::plain_end_with_skipped(left))?;
                }
                writeln!(out)?;
                return self.finish(&mut out);
            }
            writeln!(out)?;
            write!(
                out,
                "{}",
                text::competency(self.framework, &self.assessment, c)
            )?;
            match self.ask(c, &mut input, &mut out)? {
                _ if self.stopped => return Ok(Ended::Quit),
                Step::Next => c += 1,
                Step::Back => c -= 1,
                Step::Quit => return self.quit(&mut out),
            }
        }
    }

    /// The prompt for competency `c`, asked again until the answer is one rolefit knows.
    fn ask<R: BufRead, W: Write>(
        &mut self,
        c: usize,
        input: &mut R,
        out: &mut W,
    ) -> io::Result<Step> {
        loop {
            let prompt = strings::plain_prompt(self.framework, c);
            let Some(line) = self.read(&prompt, input, out)? else {
                return Ok(Step::Quit);
            };
            let answer = line.trim().to_ascii_lowercase();
            let rating = match answer.as_str() {
                "" => {
                    writeln!(out, "{}", strings::plain_empty(self.framework, c))?;
                    continue;
                }
                "q" | "quit" => return Ok(Step::Quit),
                "s" | "skip" => return Ok(Step::Next),
                "b" | "back" if c == 0 => {
                    writeln!(out, "{}", strings::PLAIN_FIRST)?;
                    continue;
                }
                "b" | "back" => return Ok(Step::Back),
                "e" | "note" => {
                    let Some(note) = self.read(strings::PLAIN_NOTE_PROMPT, input, out)? else {
                        return Ok(Step::Quit);
                    };
                    let note = note.trim();
                    if note.is_empty() {
                        writeln!(out, "{}", strings::PLAIN_NOTE_KEPT)?;
                    } else {
                        let id = self.framework.competencies[c].id.clone();
                        self.assessment.set_note(&id, note.to_string());
                        if self.save(out)? {
                            writeln!(out, "{}", strings::PLAIN_NOTE_SAVED)?;
                        }
                    }
                    continue;
                }
                "n" | "na" | "n/a" => Rating::NotApplicable,
                // "none" where the scale offers it; on a scale from 0, its 0 says "not yet".
                "none" | "-" if self.framework.scale.offers_none() => Rating::Level(Level::NONE),
                digits => {
                    match digits.parse::<u8>().ok().and_then(Level::new).filter(|&l| {
                        self.framework.competencies[c].accepts(&self.framework.scale, l)
                    }) {
                        Some(level) => Rating::Level(level),
                        None => {
                            writeln!(
                                out,
                                "{}",
                                strings::plain_invalid_on(
                                    &display_safe(line.trim()),
                                    self.framework,
                                    c
                                )
                            )?;
                            continue;
                        }
                    }
                }
            };
            let id = self.framework.competencies[c].id.clone();
            self.assessment.set_rating(&id, Some(rating));
            if self.save(out)? {
                writeln!(
                    out,
                    "{}",
                    strings::plain_recorded(
                        id.as_str(),
                        &rating.to_string(),
                        self.assessment.rated_count(self.framework),
                        self.framework.competencies.len()
                    )
                )?;
                // Now rated: the other ratings of it (a person's own, shared in a review
                // file; a reviewer's), as Rate shows them once a level is chosen.
                let others = crate::review::others(&self.assessment);
                if let Some(beside) = crate::review::beside(&self.assessment, &others, &id) {
                    writeln!(out, "{}", display_safe(&beside.sentence()))?;
                }
            }
            return Ok(Step::Next);
        }
    }

    /// The person's name, asked once: what is typed (refused with a reason and asked again
    /// when it holds a control character or is too long), or with an empty answer `default`,
    /// or with none, no name (shown by the file's name). Saved at once. False at the end of
    /// the input, with nothing changed, so it is asked again next time.
    fn ask_person<R: BufRead, W: Write>(
        &mut self,
        default: Option<String>,
        input: &mut R,
        out: &mut W,
    ) -> io::Result<bool> {
        let file_name = self.assessment.name.clone();
        writeln!(
            out,
            "{}",
            display_safe(&words::plain_name_question(default.as_deref(), &file_name))
        )?;
        let name = loop {
            let Some(line) = self.read(words::PLAIN_NAME_PROMPT, input, out)? else {
                return Ok(false);
            };
            match crate::domain::person::clean(&line, "name") {
                Ok(name) if name.is_empty() => break default.clone().unwrap_or_default(),
                Ok(name) => break name,
                Err(err) => writeln!(out, "{}", words::plain_name_refused(&err.to_string()))?,
            }
        };
        self.assessment.display_name = Some(name.clone());
        if self.save(out)? {
            if name.is_empty() {
                writeln!(out, "{}", words::plain_name_skipped(&file_name))?;
            } else {
                writeln!(out, "{}", words::plain_name_saved(&display_safe(&name)))?;
            }
        }
        Ok(!self.stopped)
    }

    /// Writes `prompt` and reads one line; None at the end of the input.
    fn read<R: BufRead, W: Write>(
        &self,
        prompt: &str,
        input: &mut R,
        out: &mut W,
    ) -> io::Result<Option<String>> {
        write!(out, "{prompt}")?;
        out.flush()?;
        let mut bytes = Vec::new();
        // A terminal that has gone away ends the session like the end of input.
        let read = input.read_until(b'\n', &mut bytes).unwrap_or(0);
        if read == 0 {
            writeln!(out)?;
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        if self.echo {
            writeln!(out, "{}", display_safe(&line))?;
        }
        Ok(Some(line))
    }

    /// Stamps and saves the assessment; says so when it fails. True when saved.
    fn save<W: Write>(&mut self, out: &mut W) -> io::Result<bool> {
        self.assessment.updated = (self.now)();
        match self.store.save_guarded(&self.assessment) {
            Ok(saved) => {
                self.unsaved = None;
                self.saved_outside(saved, out)
            }
            Err(err) => {
                writeln!(
                    out,
                    "{}",
                    strings::plain_not_saved(&crate::storage::describe_io_error(&err))
                )?;
                self.unsaved = Some(err);
                Ok(false)
            }
        }
    }

    /// Says what a save found when another program had changed the file, taking its changes
    /// in; false when nothing more can be saved (the session then ends).
    fn saved_outside<W: Write>(&mut self, saved: Saved, out: &mut W) -> io::Result<bool> {
        match saved {
            Saved::Written => {}
            Saved::Recreated => writeln!(out, "{}", strings::FILE_RECREATED)?,
            Saved::Merged {
                theirs,
                outside,
                clashes,
                copy,
                ..
            } => {
                for part in &outside {
                    merge::take(part, &theirs, &mut self.assessment);
                }
                let names: Vec<String> = outside.iter().map(merge::Part::describe).collect();
                let said = match copy {
                    None => strings::merged_outside(&names),
                    Some(copy) => {
                        let clashes: Vec<String> =
                            clashes.iter().map(merge::Part::describe).collect();
                        strings::clashed_outside(&clashes, &crate::text::display_path(&copy))
                    }
                };
                writeln!(out, "{}", display_safe(&said))?;
            }
            Saved::Stopped { copy, reason } => {
                let said = strings::stopped_outside(&reason, &crate::text::display_path(&copy));
                writeln!(out, "{}", display_safe(&said))?;
                self.stopped = true;
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Tries once more to save what a failed save left behind.
    fn retry_save(&mut self) {
        if self.unsaved.is_some() {
            self.unsaved = self.store.save(&self.assessment).err();
        }
    }

    fn quit<W: Write>(&mut self, out: &mut W) -> io::Result<Ended> {
        self.retry_save();
        let next = self.first_unrated().map(|c| {
            let competency = &self.framework.competencies[c];
            format!("{} {}", competency.id, display_safe(&competency.name))
        });
        if self.unsaved.is_none() {
            writeln!(
                out,
                "{}",
                strings::plain_quit(
                    &display_safe(&self.resume),
                    self.assessment.rated_count(self.framework),
                    self.framework.competencies.len(),
                    next.as_deref()
                )
            )?;
        }
        out.flush()?;
        Ok(Ended::Quit)
    }

    fn finish<W: Write>(&mut self, out: &mut W) -> io::Result<Ended> {
        self.retry_save();
        write!(out, "{}", text::results(self.framework, &self.assessment))?;
        out.flush()?;
        Ok(Ended::Finished)
    }

    /// The first competency without a rating, in framework order.
    fn first_unrated(&self) -> Option<usize> {
        self.framework
            .competencies
            .iter()
            .position(|c| self.assessment.rating(&c.id).is_none())
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_words_keeping_their_indent_and_a_prompt_is_left_as_it_is() {
        let mut out = Vec::new();
        {
            let mut wrap = WordWrap::new(&mut out, 24);
            write!(
                wrap,
                "Turning goals into deliverables and criteria.\n  3 Independent: Agrees scope with a sponsor.\nshort\n0-5 or q: "
            )
            .unwrap();
            wrap.flush().unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Turning goals into\ndeliverables and\ncriteria.\n  3 Independent: Agrees\n    scope with a\n    sponsor.\nshort\n0-5 or q: "
        );
        assert!(text.lines().all(|l| l.chars().count() <= 24));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CompetencyId;

    /// The question on the built-in 0–5 scale.
    const PROMPT: &str = "0-5, n for N/A, s to skip, b for back, e for a note, q to quit: ";
    /// An empty answer on the built-in scale.
    const EMPTY: &str = "Nothing typed: type a level from 0 to 5, n, s, b, e or q, then Enter.";

    /// An answer that is none on the built-in scale.
    fn invalid(answer: &str) -> String {
        format!(
            "\"{answer}\" is not an answer here: type a level from 0 to 5, n, s, b, e or q, then Enter."
        )
    }

    fn fixed_clock() -> Datetime {
        crate::clock::utc_from_epoch(1_800_000_000)
    }

    /// Runs a session on `assessment` with `input`; returns how it ended, the output, the
    /// assessment as last saved (None when nothing was saved) and the number of saves.
    fn session(
        fw: &Framework,
        assessment: Assessment,
        input: &str,
    ) -> (Ended, String, Option<Assessment>, usize) {
        let mut saved = None;
        let mut saves = 0;
        let store = |a: &Assessment| {
            saved = Some(a.clone());
            saves += 1;
            Ok(())
        };
        let mut out = Vec::new();
        let mut s = Session::new(fw, assessment, store)
            .echo(true)
            .clock(fixed_clock);
        let ended = s.run(input.as_bytes(), &mut out).unwrap();
        assert!(s.unsaved().is_none());
        drop(s);
        (ended, String::from_utf8(out).unwrap(), saved, saves)
    }

    fn fresh(fw: &Framework) -> Assessment {
        Assessment::new("default", fw, crate::clock::utc_from_epoch(0))
    }

    fn rating(a: &Assessment, fw: &Framework, c: usize) -> Option<Rating> {
        a.rating(&fw.competencies[c].id)
    }

    fn level(n: u8) -> Option<Rating> {
        Some(Rating::Level(Level::new(n).unwrap()))
    }

    /// Runs a session that asks the person's name first, suggesting `default`.
    fn asked(fw: &Framework, default: Option<&str>, input: &str) -> (String, Option<Assessment>) {
        let mut saved = None;
        let store = |a: &Assessment| {
            saved = Some(a.clone());
            Ok(())
        };
        let mut out = Vec::new();
        let mut s = Session::new(fw, fresh(fw), store)
            .echo(true)
            .clock(fixed_clock)
            .ask_name(default.map(str::to_string));
        s.run(input.as_bytes(), &mut out).unwrap();
        drop(s);
        (String::from_utf8(out).unwrap(), saved)
    }

    /// On a terminal, plain mode asks the person's name once before the first competency, as
    /// the full screen does: any script is kept; a control character is refused and asked
    /// again; Enter alone keeps the suggestion, or with none gives no name (recorded as
    /// asked); the end of the input changes nothing, so it is asked next time.
    #[test]
    fn the_name_is_asked_first_and_kept() {
        let fw = crate::storage::framework::builtin();
        let (out, saved) = asked(&fw, None, "Zoë Nakamura 中村\n3\nq\n");
        assert!(
            out.contains("Your name, as team views, reports and reviewers will show it"),
            "{out}"
        );
        assert!(out.contains("Saved your name: Zoë Nakamura 中村"), "{out}");
        let saved = saved.unwrap();
        assert_eq!(saved.display_name.as_deref(), Some("Zoë Nakamura 中村"));
        assert_eq!(rating(&saved, &fw, 0), level(3));
        // Asked before the first competency, not after.
        assert!(out.find("Your name").unwrap() < out.find("DP1").unwrap());

        let (out, saved) = asked(&fw, None, "Zoë\u{1b}[2J\n  Sam Taylor \nq\n");
        assert!(out.contains("That name was not kept: a name cannot hold control characters"));
        assert_eq!(saved.unwrap().display_name.as_deref(), Some("Sam Taylor"));

        let (out, saved) = asked(&fw, Some("Kim Lee"), "\nq\n");
        assert!(out.contains("Enter alone keeps \"Kim Lee\""), "{out}");
        assert_eq!(saved.unwrap().display_name.as_deref(), Some("Kim Lee"));

        let (out, saved) = asked(&fw, None, "\nq\n");
        assert!(
            out.contains("No name given: team views show \"default\""),
            "{out}"
        );
        let saved = saved.unwrap();
        assert_eq!(saved.display_name.as_deref(), Some(""));
        assert!(saved.name_asked());

        let (_, saved) = asked(&fw, None, "");
        assert!(saved.is_none(), "nothing saved at the end of the input");
    }

    #[test]
    fn a_format_2_scale_takes_its_own_levels_and_none() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/frameworks/three-roles.toml"
        ))
        .unwrap();
        let fw = crate::storage::framework::from_toml(&text).unwrap();
        // PLAN.1 is defined at 2 to 6: 7 and 1 are refused, 6 is recorded; then "-" for none
        // (as on Rate), N/A (F-D9).
        let (_, out, saved, _) = session(&fw, fresh(&fw), "7\n1\n6\n-\nn\n");
        let saved = saved.unwrap();
        assert_eq!(rating(&saved, &fw, 0), level(6));
        assert_eq!(rating(&saved, &fw, 1), Some(Rating::Level(Level::NONE)));
        assert_eq!(rating(&saved, &fw, 2), Some(Rating::NotApplicable));
        // The prompt and the refusal list the competency's own levels, not the whole scale.
        let first = &out[..out.find("Saved PLAN.1").expect("PLAN.1 is rated")];
        assert!(first.contains("2 to 6, none or -, n for N/A"), "{out}");
        assert!(!first.contains("1 to 7"), "{out}");
        assert!(
            strings::plain_invalid_on("7", &fw, 0).contains("this competency's levels (2 to 6)"),
            "{out}"
        );
        let invalid = |a: &str| strings::plain_invalid_on(a, &fw, 0);
        assert_eq!(out.matches(&invalid("7")).count(), 1, "{out}");
        assert_eq!(out.matches(&invalid("1")).count(), 1, "{out}");
        assert!(
            !out.contains("In practice:"),
            "no practice text is given:\n{out}"
        );
        // Only the competency's own levels are listed, with its own texts.
        assert!(
            out.contains("  6 Initiate: Sets how the organisation plans."),
            "{out}"
        );
        let plan = &out[out.find("PLAN.1").unwrap()..out.find("BUILD.1").unwrap()];
        assert!(!plan.contains("  1 Follow"), "{plan}");
        assert!(!plan.contains("  7 "), "{plan}");
    }

    /// A framework of three competencies on a scale of these values (format 2).
    fn on_scale(values: &[u8]) -> Framework {
        let mut text =
            String::from("format = 2\nid = \"s\"\nversion = 1\nname = \"S\"\n\n[scale]\n");
        for v in values {
            text.push_str(&format!(
                "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"D.\"\n"
            ));
        }
        text.push_str(
            "\n[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n\
             [[areas]]\nid = \"A\"\nname = \"Area\"\n",
        );
        for c in 1..=3 {
            text.push_str(&format!(
                "\n[[competencies]]\nid = \"C{c}\"\narea = \"A\"\nname = \"Competency {c}\"\n"
            ));
        }
        crate::storage::framework::from_toml(&text).unwrap_or_else(|p| panic!("{p:#?}"))
    }

    #[test]
    fn none_is_taken_only_where_the_scale_offers_it() {
        // The built-in scale's 0 says "not yet": "-" and "none" are refused, a 0 is recorded.
        let fw = crate::storage::framework::builtin();
        let (_, out, saved, saves) = session(&fw, fresh(&fw), "-\nnone\n0\n");
        assert_eq!(saves, 1);
        assert_eq!(rating(&saved.unwrap(), &fw, 0), level(0));
        assert_eq!(out.matches(&invalid("-")).count(), 1, "{out}");
        assert_eq!(out.matches(&invalid("none")).count(), 1, "{out}");
        // A 0–9 scale is asked like the built-in one, with its own digits.
        let fw = on_scale(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let (_, out, saved, _) = session(&fw, fresh(&fw), "-\n\n9\n");
        assert_eq!(rating(&saved.unwrap(), &fw, 0), level(9));
        assert!(
            out.contains("0-9, n for N/A, s to skip, b for back, e for a note, q to quit: "),
            "{out}"
        );
        assert!(
            out.contains(
                "\"-\" is not an answer here: type a level from 0 to 9, n, s, b, e or q, then Enter."
            ),
            "{out}"
        );
        assert!(
            out.contains("Nothing typed: type a level from 0 to 9, n, s, b, e or q, then Enter."),
            "{out}"
        );
        // A 1–7 scale offers "none" beside its levels, and an empty answer says so.
        let fw = on_scale(&[1, 2, 3, 4, 5, 6, 7]);
        let (_, out, saved, _) = session(&fw, fresh(&fw), "\n-\n");
        assert_eq!(
            rating(&saved.unwrap(), &fw, 0),
            Some(Rating::Level(Level::NONE))
        );
        assert!(out.contains("1 to 7, none or -, n for N/A"), "{out}");
        assert!(
            out.contains("Nothing typed: type one of this competency's levels (1 to 7), none or -, n, s, b, e or q, then Enter."),
            "{out}"
        );
        // Values beyond 9 are listed one by one.
        let fw = on_scale(&[0, 50, 99]);
        assert_eq!(
            strings::plain_prompt(&fw, 0),
            "0, 50, 99, n for N/A, s to skip, b for back, e for a note, q to quit: "
        );
        assert_eq!(
            strings::plain_invalid_on("7", &fw, 0),
            "\"7\" is not an answer here: type a level (0, 50, 99), n, s, b, e or q, then Enter."
        );
    }

    #[test]
    fn scripted_answers_are_saved_one_by_one_and_the_end_of_input_quits() {
        let fw = crate::storage::framework::builtin();
        let (ended, out, saved, saves) = session(&fw, fresh(&fw), "4\n3\nn\n");
        assert_eq!(ended, Ended::Quit);
        assert_eq!(saves, 3);
        let saved = saved.unwrap();
        assert_eq!(rating(&saved, &fw, 0), level(4));
        assert_eq!(rating(&saved, &fw, 1), level(3));
        assert_eq!(rating(&saved, &fw, 2), Some(Rating::NotApplicable));
        assert_eq!(rating(&saved, &fw, 3), None);
        assert_eq!(saved.updated, fixed_clock());
        let total = fw.competencies.len();
        let id0 = &fw.competencies[0].id;
        assert!(
            out.contains(&format!(
                "{}4\nSaved {id0}: 4. 1 of {total} answered.\n",
                PROMPT
            )),
            "{out}"
        );
        let c3 = &fw.competencies[3];
        assert!(
            out.ends_with(&format!(
                "{}\n{}\n",
                PROMPT,
                strings::plain_quit(
                    "rolefit --plain",
                    3,
                    total,
                    Some(&format!("{} {}", c3.id, c3.name))
                )
            )),
            "{out}"
        );
        assert!(out.contains(&format!(", competency 4 of {total}\n")));
        assert!(!out.contains(", competency 5 of"));
    }

    #[test]
    fn an_invalid_answer_gets_one_line_and_the_same_prompt() {
        let fw = crate::storage::framework::builtin();
        let (_, out, saved, saves) = session(&fw, fresh(&fw), "7\nyes\n\n2\n");
        assert_eq!(saves, 1);
        assert_eq!(rating(&saved.unwrap(), &fw, 0), level(2));
        let p = PROMPT;
        let expected = format!(
            "{p}7\n{}\n{p}yes\n{}\n{p}\n{}\n{p}2\nSaved ",
            invalid("7"),
            invalid("yes"),
            EMPTY
        );
        assert!(out.contains(&expected), "{out}");
        // The competency was printed once: the prompt was asked again, not the whole text.
        assert_eq!(out.matches(", competency 1 of").count(), 1);
    }

    #[test]
    fn back_returns_to_the_previous_competency_and_skip_leaves_it_unrated() {
        let fw = crate::storage::framework::builtin();
        let (_, out, saved, _) = session(&fw, fresh(&fw), "b\n4\nb\n2\ns\n5\nq\n");
        assert!(out.contains(strings::PLAIN_FIRST), "{out}");
        let saved = saved.unwrap();
        assert_eq!(rating(&saved, &fw, 0), level(2));
        assert_eq!(rating(&saved, &fw, 1), None);
        assert_eq!(rating(&saved, &fw, 2), level(5));
        // Going back shows the answer already given.
        assert!(out.contains("Your rating now: 4\n"), "{out}");
    }

    #[test]
    fn a_note_is_one_line_and_an_empty_one_keeps_the_current_note() {
        let fw = crate::storage::framework::builtin();
        let (_, out, saved, saves) =
            session(&fw, fresh(&fw), "e\nPlanned the ERP rollout\ne\n\n4\nq\n");
        let saved = saved.unwrap();
        let id = &fw.competencies[0].id;
        assert_eq!(saved.note(id), "Planned the ERP rollout");
        assert_eq!(saved.rating(id), level(4));
        assert_eq!(saves, 2);
        let np = strings::PLAIN_NOTE_PROMPT;
        assert!(
            out.contains(&format!(
                "{np}Planned the ERP rollout\n{}\n",
                strings::PLAIN_NOTE_SAVED
            )),
            "{out}"
        );
        assert!(out.contains(&format!("{np}\n{}\n", strings::PLAIN_NOTE_KEPT)));
    }

    #[test]
    fn quit_at_once_saves_nothing_and_says_where_to_resume() {
        let fw = crate::storage::framework::builtin();
        let (ended, out, saved, saves) = session(&fw, fresh(&fw), "Q\n");
        assert_eq!((ended, saves), (Ended::Quit, 0));
        assert!(saved.is_none());
        let c0 = &fw.competencies[0];
        assert!(
            out.contains(&format!("continue at {} {}.", c0.id, c0.name)),
            "{out}"
        );
    }

    #[test]
    fn a_session_resumes_at_the_first_unrated_competency() {
        let fw = crate::storage::framework::builtin();
        let mut a = fresh(&fw);
        a.set_rating(&fw.competencies[0].id, level(3));
        a.set_rating(&fw.competencies[2].id, level(3));
        let (_, out, saved, _) = session(&fw, a, "1\n");
        let first = out.lines().find(|l| l.contains(", competency ")).unwrap();
        assert!(first.ends_with(&format!("competency 2 of {}", fw.competencies.len())));
        // After it, the next one is the third (already rated, shown with its rating).
        assert_eq!(rating(&saved.unwrap(), &fw, 1), level(1));
        assert!(out.contains("Your rating now: 3\n"), "{out}");
    }

    #[test]
    fn the_end_of_the_list_prints_the_results() {
        let fw = crate::storage::framework::builtin();
        let total = fw.competencies.len();
        let mut answers = "s\n".to_string();
        answers.push_str(&"3\n".repeat(total - 1));
        let (ended, out, saved, saves) = session(&fw, fresh(&fw), &answers);
        assert_eq!((ended, saves), (Ended::Finished, total - 1));
        assert_eq!(saved.unwrap().rated_count(&fw), total - 1);
        assert!(out.contains(&strings::plain_end_with_skipped(1)), "{out}");
        assert!(out.contains("\nVerdict: "), "{out}");
        assert!(out.contains("Readiness for each profile (rated of required):"));
    }

    #[test]
    fn with_everything_rated_the_results_come_at_once() {
        let fw = crate::storage::framework::builtin();
        let mut a = fresh(&fw);
        for c in &fw.competencies {
            a.set_rating(&c.id, level(2));
        }
        let (ended, out, _, saves) = session(&fw, a, "4\n");
        assert_eq!((ended, saves), (Ended::Finished, 0));
        assert!(out.contains(strings::PLAIN_ALL_RATED));
        assert!(!out.contains(PROMPT));
        assert!(out.contains("Verdict: "));
    }

    #[test]
    fn a_failed_save_is_said_and_tried_again() {
        let fw = crate::storage::framework::builtin();
        let mut fail = 1;
        let mut saved: Option<Assessment> = None;
        let store = |a: &Assessment| {
            if fail > 0 {
                fail -= 1;
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            saved = Some(a.clone());
            Ok(())
        };
        let mut out = Vec::new();
        let mut s = Session::new(&fw, fresh(&fw), store);
        s.run("4\n".as_bytes(), &mut out).unwrap();
        // The quit tried again, and that save worked.
        assert!(s.unsaved().is_none());
        drop(s);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("Not saved: disk full."), "{out}");
        assert_eq!(saved.unwrap().rating(&CompetencyId::from("DP1")), level(4));
    }

    #[test]
    fn the_output_has_no_escape_sequences_even_from_a_crafted_note_or_answer() {
        let fw = crate::storage::framework::builtin();
        let (_, out, _, _) = session(&fw, fresh(&fw), "\x1b[2J\ne\nx\x1b]0;t\x07\nb\n");
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(!out.contains('\x07'), "{out:?}");
    }
}
