//! Plain mode and the commands for scripts: `rolefit --plain`, `rolefit rate` and
//! `rolefit show`. Whatever writes holds the assessment's lock and saves atomically, exactly
//! as the TUI does; a file that cannot be read, or comes from a newer rolefit, is never written.

use std::ffi::OsStr;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::commands::{Resolved, load_given, print_stdout, resolve_at, resolve_for};
use super::{Cli, Error, Result, assessment_path};
use crate::domain::{Assessment, Framework, Level, Rating};
use crate::plain::{Session, text};
use crate::storage::guarded::{Known, Saved};
use crate::storage::session::{self, NotWritable};
use crate::storage::{self, AssessmentLock, ReadOutcome};
use crate::text::display_safe;

/// Whether the environment asks for plain mode: `ACCESSIBLE` set (to anything but empty or
/// "0"), or a terminal that cannot draw a full screen (`TERM=dumb`).
pub fn plain_from_env(accessible: Option<&OsStr>, term: Option<&OsStr>) -> bool {
    let accessible = accessible.is_some_and(|v| !v.is_empty() && v != "0");
    accessible || term.is_some_and(|t| t == "dumb")
}

/// The width plain mode wraps its lines at: the terminal's, when `TERM` is `dumb`, `ACCESSIBLE`
/// is not set and stdout is a terminal whose width is known; otherwise none.
fn wrap_width() -> Option<usize> {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let accessible = std::env::var_os("ACCESSIBLE").is_some_and(|v| !v.is_empty() && v != "0");
    if !dumb || accessible || !std::io::stdout().is_terminal() {
        return None;
    }
    let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
    (columns >= 20).then(|| usize::from(columns) - 1)
}

/// `rolefit --plain`: the assessment one competency at a time, on stdin and stdout, with the
/// framework it was made with (see [`super::commands::framework_for`]).
pub fn plain(
    resolved: Resolved,
    path: &Path,
    name: &str,
    person: Option<&str>,
    resume: String,
) -> Result<ExitCode> {
    let (lock, assessment, known) = open_for_writing(&resolved, path, name, person)?;
    if let Some(notice) = crate::app::Notice::framework_changed(&assessment, &resolved.framework) {
        print_stdout(&format!("{}\n", display_safe(&notice.to_string())))?;
    }
    let mut assessment = assessment;
    resolved.record_in(&mut assessment);
    let framework = resolved.framework;
    // A session may last long: a change another program makes meanwhile is merged, never
    // overwritten (see `storage::guarded`).
    let store = GuardedStore {
        path,
        known,
        top: framework.scale.last().value(),
    };
    let stdin = std::io::stdin();
    // Typed answers are echoed by the terminal; piped ones are written after their prompt.
    let echo = !stdin.is_terminal();
    // The person's name is asked once, as the full screen asks it, when the answers are typed
    // on a terminal (a piped first line would be taken for a name).
    let ask = !echo && !assessment.name_asked() && crate::review::reviewing(&assessment).is_none();
    let suggested = ask.then(|| {
        let account = (name == crate::domain::person::DEFAULT_ASSESSMENT)
            .then(super::start::account_full_name)
            .flatten();
        crate::domain::person::suggested_name(&assessment.name, account)
    });
    let mut session = Session::new(&framework, assessment, store)
        .echo(echo)
        .resume(resume);
    if let Some(suggested) = suggested {
        session = session.ask_name(suggested);
    }
    // In a terminal that breaks long lines anywhere (TERM=dumb), a sighted user gets them
    // wrapped at words; a screen reader (ACCESSIBLE) and piped output get them whole.
    let wrap = wrap_width();
    let result = match wrap {
        Some(width) => session.run(
            stdin.lock(),
            crate::plain::WordWrap::new(std::io::stdout().lock(), width),
        ),
        None => session.run(stdin.lock(), std::io::stdout().lock()),
    };
    let unsaved = session.unsaved().is_some();
    drop(session);
    drop(lock);
    match result {
        // Nobody reads the output any more; every answer given is saved.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(err) => return Err(Error::Output(err)),
        Ok(_) => {}
    }
    if unsaved {
        return Err(Error::Unsaved {
            path: path.to_path_buf(),
        });
    }
    Ok(ExitCode::SUCCESS)
}

/// The command line that opens the same assessment in plain mode again: `--data-dir`, and
/// `-a NAME` or `--file PATH` when they are not the defaults (the framework is the one the
/// assessment records, found without `--framework`).
pub fn plain_resume(cli: &Cli) -> String {
    resume_command(cli, true)
}

/// The command line that opens the same assessment again, in plain mode with `plain`.
pub fn resume_command(cli: &Cli, plain: bool) -> String {
    let mut words = vec!["rolefit".to_string()];
    if plain {
        words.push("--plain".into());
    }
    if let Some(dir) = &cli.data_dir {
        words.push("--data-dir".into());
        words.push(shell_word(&dir.to_string_lossy()));
    }
    if let Some(file) = &cli.file {
        words.push("--file".into());
        words.push(shell_word(&file.to_string_lossy()));
    } else if cli.assessment != "default" {
        words.push("-a".into());
        words.push(shell_word(&cli.assessment));
    }
    words.join(" ")
}

/// A word as a POSIX shell reads it back: as it is when it holds only safe characters, else
/// in single quotes.
pub fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '+' | '=')
        });
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `rolefit rate ID LEVEL [--note TEXT]` and `rolefit rate ID --clear`.
pub fn rate(
    cli: &Cli,
    id: &str,
    level: Option<&str>,
    note: Option<&str>,
    clear: bool,
) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    // The framework the assessment was made with, before anything is locked or written.
    let resolved = resolve_at(given.as_ref(), &path, &name)?;
    let framework = &resolved.framework;
    let c = find_competency(framework, id)?;
    let rating = match (clear, level) {
        (true, _) => None,
        (false, level) => Some(parse_rating_on(framework, c, level.unwrap_or(""))?),
    };
    let person = super::commands::given_person(cli);
    let (_lock, mut assessment, _) = open_for_writing(&resolved, &path, &name, person.as_deref())?;
    resolved.record_in(&mut assessment);
    let competency = &framework.competencies[c];
    assessment.set_rating(&competency.id, rating);
    if let Some(note) = note {
        assessment.set_note(&competency.id, note.trim().to_string());
    }
    assessment.updated = crate::clock::now_utc();
    storage::save_assessment(&path, &assessment).map_err(|source| Error::Save {
        path: path.clone(),
        source,
    })?;
    print_stdout(&format!(
        "{}\n",
        crate::strings::rate_done(
            &format!("{} {}", competency.id, display_safe(&competency.name)),
            rating.map(|r| r.to_string()).as_deref(),
            assessment.rated_count(framework),
            framework.competencies.len(),
            &display_safe(&name)
        )
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit set name|role|team TEXT`: the person's display name, role or team, under the
/// lock and saved atomically like a rating; "" clears it. A new assessment is created.
pub fn set(cli: &Cli, what: super::PersonField, value: &str) -> Result<ExitCode> {
    use super::PersonField;
    let text = crate::domain::person::clean(value, what.word())?;
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let resolved = resolve_at(given.as_ref(), &path, &name)?;
    let person = super::commands::given_person(cli);
    let (_lock, mut assessment, _) = open_for_writing(&resolved, &path, &name, person.as_deref())?;
    let field = match what {
        PersonField::Name => &mut assessment.display_name,
        PersonField::Role => &mut assessment.role,
        PersonField::Team => &mut assessment.team,
    };
    // An empty name still says the person was asked: the app does not ask again.
    *field = match (what, text.is_empty()) {
        (PersonField::Name, _) => Some(text.clone()),
        (_, true) => None,
        (_, false) => Some(text.clone()),
    };
    assessment.updated = crate::clock::now_utc();
    storage::save_assessment(&path, &assessment).map_err(|source| Error::Save {
        path: path.clone(),
        source,
    })?;
    let file = crate::text::display_path(&path);
    let message = if text.is_empty() {
        match what {
            PersonField::Name => format!(
                "Cleared the name in {file}; it is shown as \"{}\".",
                display_safe(&assessment.shown_name(&storage::paths::stem(&path)))
            ),
            _ => format!("Cleared the {} in {file}.", what.word()),
        }
    } else {
        format!(
            "Set the {} to \"{}\" in {file}.",
            what.word(),
            display_safe(&text)
        )
    };
    print_stdout(&format!("{message}\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// `rolefit show [ID]`: one competency with the rating and note, or the Results.
pub fn show(cli: &Cli, id: Option<&str>) -> Result<ExitCode> {
    let given = load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    let framework = resolve_at(given.as_ref(), &path, &name)?.framework;
    let c = id.map(|id| find_competency(&framework, id)).transpose()?;
    let top = framework.scale.last().value();
    let assessment = match storage::read_assessment_up_to(&path, &name, top) {
        // A name or file given that has no assessment is a mistake to say, as export says it;
        // the default assessment not started yet shows empty Results.
        ReadOutcome::Missing if cli.file.is_some() || cli.assessment != "default" => {
            return Err(Error::Missing { path });
        }
        ReadOutcome::Missing => Assessment::new(&name, &framework, crate::clock::now_utc()),
        ReadOutcome::Loaded(assessment) => assessment,
        // Reading a newer file is safe; only writing it is not.
        ReadOutcome::Newer {
            assessment: Some(assessment),
            ..
        } => assessment,
        ReadOutcome::Newer {
            found,
            assessment: None,
        } => return Err(Error::Newer { path, found }),
        ReadOutcome::Unreadable(problem) => return Err(Error::Unreadable(problem)),
    };
    let out = match c {
        Some(c) => text::competency(&framework, &assessment, c),
        None => text::results(&framework, &assessment),
    };
    print_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Takes the lock and reads the assessment (a new one when there is no file), for a command
/// that writes (see [`storage::session`]). Refuses when another rolefit has it open, when the
/// lock cannot be taken, when the file cannot be read or comes from a newer rolefit (such a
/// file is never written), and when it was made with another framework than `resolved`.
/// A new assessment takes `person` as the person's display name (given with `-a`).
pub(super) fn open_for_writing(
    resolved: &Resolved,
    path: &Path,
    name: &str,
    person: Option<&str>,
) -> Result<(AssessmentLock, Assessment, Option<Known>)> {
    let framework = &resolved.framework;
    // Before the lock: an assessment whose framework is not this one gets no lock file.
    resolve_at(Some(resolved), path, name)?;
    let top = framework.scale.last().value();
    let writable = match session::open_writable(path, name, top)? {
        Ok(writable) => writable,
        Err(NotWritable::Busy) => {
            return Err(Error::OpenElsewhere {
                path: path.to_path_buf(),
            });
        }
        Err(not) => return Err(Error::not_writable(path, not)),
    };
    let assessment = writable.assessment.unwrap_or_else(|| {
        let mut fresh = Assessment::new(name, framework, crate::clock::now_utc());
        fresh.display_name = person.map(str::to_string);
        fresh
    });
    // Read again under the lock: it may have been replaced since the first look.
    resolve_for(Some(resolved), Some(&assessment), path)?;
    Ok((writable.lock, assessment, writable.known))
}

/// Plain mode's saves: guarded against changes another program makes meanwhile.
struct GuardedStore<'a> {
    path: &'a Path,
    known: Option<Known>,
    top: u8,
}

impl crate::plain::Store for GuardedStore<'_> {
    fn save(&mut self, assessment: &Assessment) -> std::io::Result<()> {
        self.save_guarded(assessment).map(|_| ())
    }

    fn save_guarded(&mut self, assessment: &Assessment) -> std::io::Result<Saved> {
        storage::guarded::save(self.path, &mut self.known, assessment, self.top)
    }
}

/// The index of the competency with this id, in any case.
pub(super) fn find_competency(framework: &Framework, id: &str) -> Result<usize> {
    let wanted = id.trim();
    framework
        .competencies
        .iter()
        .position(|c| c.id.as_str().eq_ignore_ascii_case(wanted))
        .ok_or_else(|| Error::UnknownCompetency {
            id: id.to_string(),
            first: framework.competencies[0].id.to_string(),
            last: framework.competencies[framework.competencies.len() - 1]
                .id
                .to_string(),
        })
}

/// A rating of competency `c`: one of its valid levels, "none" where the scale offers it
/// ([`crate::domain::framework::Scale::offers_none`]), or N/A ("na", "n/a" or "n", in any
/// case).
fn parse_rating_on(framework: &Framework, c: usize, text: &str) -> Result<Rating> {
    let scale = &framework.scale;
    let competency = &framework.competencies[c];
    let answer = text.trim().to_ascii_lowercase();
    if answer == "none" && scale.offers_none() {
        return Ok(Rating::Level(Level::NONE));
    }
    if matches!(answer.as_str(), "na" | "n/a" | "n") {
        return Ok(Rating::NotApplicable);
    }
    let given = text.to_string();
    answer
        .parse::<u8>()
        .ok()
        .and_then(Level::new)
        .filter(|&l| competency.accepts(scale, l))
        .map(Rating::Level)
        .ok_or_else(|| {
            let levels: Vec<String> = framework
                .valid_levels(c)
                .iter()
                .map(|l| l.to_string())
                .collect();
            // A competency that takes the scale as it is, on a scale without a "none" of its
            // own, is refused in the scale's words; else in the competency's.
            if competency.restricts(scale) || scale.offers_none() {
                let none = if scale.offers_none() { ", none" } else { "" };
                Error::BadLevelOf {
                    given,
                    id: competency.id.to_string(),
                    levels: format!("{}{none}", levels.join(", ")),
                }
            } else {
                Error::BadLevel {
                    given,
                    levels: crate::strings::or_list(&levels),
                }
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_mode_is_chosen_by_accessible_or_a_dumb_terminal() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert!(plain_from_env(os("1"), None));
        assert!(plain_from_env(os("yes"), os("xterm-256color")));
        assert!(plain_from_env(None, os("dumb")));
        assert!(!plain_from_env(os("0"), os("xterm")));
        assert!(!plain_from_env(os(""), None));
        assert!(!plain_from_env(None, os("xterm-256color")));
    }

    #[test]
    fn levels_and_ids_are_read_kindly_and_refused_clearly() {
        let fw = crate::storage::framework::builtin();
        assert_eq!(find_competency(&fw, "dp1").unwrap(), 0);
        assert_eq!(find_competency(&fw, " DP2 ").unwrap(), 1);
        let err = find_competency(&fw, "XX9").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("from DP1 to "), "{err}");
        let parse_rating = |text: &str| parse_rating_on(&fw, 0, text);
        assert_eq!(parse_rating("NA").unwrap(), Rating::NotApplicable);
        assert_eq!(
            parse_rating("5").unwrap(),
            Rating::Level(Level::new(5).unwrap())
        );
        let err = parse_rating("7").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            err.to_string(),
            "\"7\" is not a level; use 0, 1, 2, 3, 4 or 5, or na for not applicable"
        );
        assert!(parse_rating("-1").is_err() && parse_rating("").is_err());
        // The built-in scale's 0 says "not yet": "none" is not a second way to say it.
        assert!(parse_rating("none").is_err());
    }

    /// A framework of one competency on a scale of these values (format 2), with `valid`
    /// levels when given.
    fn on_scale(values: &[u8], valid: Option<&str>) -> Framework {
        let mut text =
            String::from("format = 2\nid = \"s\"\nversion = 1\nname = \"S\"\n\n[scale]\n");
        for v in values {
            text.push_str(&format!(
                "[[scale.levels]]\nvalue = {v}\nlabel = \"L{v}\"\ndescriptor = \"D.\"\n"
            ));
        }
        text.push_str(
            "\n[[profiles]]\nid = \"p\"\nname = \"P\"\nshort = \"P\"\n\n\
             [[areas]]\nid = \"A\"\nname = \"Area\"\n\n\
             [[competencies]]\nid = \"C1\"\narea = \"A\"\nname = \"One\"\n",
        );
        if let Some(valid) = valid {
            text.push_str(&format!("valid = {valid}\n"));
        }
        crate::storage::framework::from_toml(&text).unwrap_or_else(|p| panic!("{p:#?}"))
    }

    #[test]
    fn a_rating_is_read_and_refused_in_the_words_of_the_scale() {
        // 1–7: "none" is a choice; a level off the scale is refused naming the competency.
        let fw = on_scale(&[1, 2, 3, 4, 5, 6, 7], None);
        assert_eq!(
            parse_rating_on(&fw, 0, "none").unwrap(),
            Rating::Level(Level::NONE)
        );
        assert_eq!(
            parse_rating_on(&fw, 0, "7").unwrap(),
            Rating::Level(Level::new(7).unwrap())
        );
        assert_eq!(
            parse_rating_on(&fw, 0, "0").unwrap_err().to_string(),
            "\"0\" is not a level of C1; use 1, 2, 3, 4, 5, 6, 7, none, or na for not applicable"
        );
        // 0–9, as the built-in scale: its 0 says "not yet", so "none" is refused.
        let fw = on_scale(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], None);
        assert_eq!(
            parse_rating_on(&fw, 0, "9").unwrap(),
            Rating::Level(Level::new(9).unwrap())
        );
        assert_eq!(
            parse_rating_on(&fw, 0, "none").unwrap_err().to_string(),
            "\"none\" is not a level; use 0, 1, 2, 3, 4, 5, 6, 7, 8 or 9, or na for not applicable"
        );
        // A competency that leaves out levels names its own.
        let fw = on_scale(&[0, 1, 2, 3, 4, 5], Some("[2, 3, 4]"));
        assert_eq!(
            parse_rating_on(&fw, 0, "5").unwrap_err().to_string(),
            "\"5\" is not a level of C1; use 2, 3, 4, or na for not applicable"
        );
    }
}
