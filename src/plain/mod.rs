//! Plain mode: the assessment one competency at a time on ordinary lines of text, for screen
//! readers, braille displays and terminals that cannot draw a full screen, and for scripts
//! (`printf '4\n3\nn\n' | rolefit --plain`).
//!
//! [`text`] builds what is printed; [`Session`] asks and records, generic over any
//! `BufRead`/`Write` pair so tests drive it with byte buffers. It saves through a [`Store`]
//! after every answer; the command line gives it one that holds the assessment's lock.

pub mod text;
mod wrap;

pub use wrap::WordWrap;

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
mod wrap_tests;

#[cfg(test)]
mod tests;
