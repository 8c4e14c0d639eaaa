//! The team view's event loop: draw, wait for a key, update, act. Generic over the backend and
//! the event source like `runtime::run`, so tests drive it headless. Enter opens one person's
//! Results in the ordinary app, read-only, on the same terminal; going back from there (the
//! `back` intent, Esc unless rebound) comes back here.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::{Position, Rect};

use super::state::{TeamEffect, TeamView};
use crate::app::{App, AppInit, Event, Intent, LockState, Msg};
use crate::domain::{Assessment, Screen};
use crate::input::map_team_event;
use crate::runtime::{EventSource, Persist, Polled, Suspend};
use crate::storage::{self, ReadOutcome};

/// Runs the team view until the user quits, the events end, or `stop` is raised (a signal).
/// Every key reaches the view through one call, `step`; the effects it returns are performed
/// here.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    view: &mut TeamView,
    events: &mut E,
    stop: &Arc<AtomicBool>,
    suspender: &mut dyn Suspend,
) -> io::Result<()> {
    let mut pending: VecDeque<Msg> = VecDeque::new();
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        if suspender.requested() {
            pending.push_back(Intent::Suspend.into());
        } else {
            draw(terminal, view)?;
            match events.poll(Duration::from_secs(60))? {
                Polled::Event(event) => pending.extend(map_team_event(&event, view.mode())),
                Polled::Idle => {}
                Polled::Closed => return Ok(()),
            }
        }
        while let Some(msg) = pending.pop_front() {
            for effect in step(view, msg) {
                match effect {
                    TeamEffect::Quit => return Ok(()),
                    TeamEffect::Suspend => suspend(terminal, suspender)?,
                    TeamEffect::Open(member) => {
                        match open(terminal, view, member, events, stop, suspender)? {
                            Visit::Back => {}
                            Visit::QuitAll => return Ok(()),
                            // Said in the team view, through the same place as a key.
                            Visit::Refused(notice) => {
                                pending.push_back(Event::Notify(notice).into())
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The one place the team view is told anything.
fn step(view: &mut TeamView, msg: Msg) -> Vec<TeamEffect> {
    view.update(msg)
}

/// How a person's Results opened from the team view ended.
enum Visit {
    /// The user went back to the team view.
    Back,
    /// The user quit from everywhere (Ctrl-C): the team view ends too.
    QuitAll,
    /// The file could not be opened, for the reason given.
    Refused(String),
}

/// Draws the team view and keeps where its scrollable parts ended up.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, view: &mut TeamView) -> io::Result<()> {
    let mut drawn = view.drawn();
    terminal
        .draw(|frame| drawn = crate::ui::team::draw(frame, view))
        .map_err(|e| io::Error::other(e.to_string()))?;
    view.set_drawn(drawn);
    Ok(())
}

/// Gives the terminal back until continued, then redraws all of it at its new size.
fn suspend<B: Backend>(terminal: &mut Terminal<B>, suspender: &mut dyn Suspend) -> io::Result<()> {
    suspender.suspend()?;
    let size = terminal
        .size()
        .map_err(|e| io::Error::other(e.to_string()))?;
    terminal
        .resize(Rect::from((Position::ORIGIN, size)))
        .map_err(|e| io::Error::other(e.to_string()))
}

/// Opens one person's assessment on Results in the ordinary app, read-only, read again from
/// the file (the team view keeps only the figures). A file that has become unusable since
/// says so in the team view instead. Going back (Esc, or whatever `back` is bound to) leaves
/// it, as quitting does; quitting from everywhere (Ctrl-C) ends the team view too.
fn open<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    view: &TeamView,
    member: usize,
    events: &mut E,
    stop: &Arc<AtomicBool>,
    suspender: &mut dyn Suspend,
) -> io::Result<Visit> {
    let team = view.team();
    let person = &team.members[member];
    let framework = &team.framework;
    let path = person.path.clone();
    let label = person.label.clone();
    let top = framework.scale.last().value();
    let assessment = match storage::read_assessment_up_to(&path, &storage::paths::stem(&path), top)
    {
        ReadOutcome::Loaded(a) if a.framework == framework.id => a,
        _ => {
            return Ok(Visit::Refused(format!(
                "{} cannot be opened: the file has changed since the team view read it; run rolefit team again.",
                crate::text::display_path(&path)
            )));
        }
    };
    let mut app = App::new(
        viewing(view, assessment, terminal.size().ok())
            .about(label.clone())
            .file_name(storage::paths::stem(&path)),
    );
    app.update(
        Event::Notify(crate::strings::person_view(&crate::text::display_safe(
            &label,
        ))),
        crate::clock::now_utc(),
    );
    let mut watched = QuitAllWatch {
        inner: events,
        quit_all: false,
    };
    crate::runtime::run(
        terminal,
        &mut app,
        &mut watched,
        &mut NoWrites { path },
        stop,
        suspender,
        // Read-only: no note can be edited, so no editor is ever asked for.
        &mut crate::runtime::NoEditor,
    )?;
    Ok(if watched.quit_all {
        Visit::QuitAll
    } else {
        Visit::Back
    })
}

/// The app's start for one person's Results seen from the team view: read-only, against the
/// profile the team view shows, in its colours.
pub fn viewing(
    view: &TeamView,
    mut assessment: Assessment,
    size: Option<ratatui::layout::Size>,
) -> AppInit {
    let framework = view.team().framework.clone();
    assessment.position.screen = Screen::Results;
    assessment.position.target = Some(framework.profiles[view.profile()].id.clone());
    let size = size.map_or((80, 24), |s| (s.width, s.height));
    AppInit::new(framework, assessment)
        .lock(LockState::Viewing)
        .color(view.color())
        .background(view.background())
        .size(size)
}

/// Notes a key that quits from everywhere (Ctrl-C unless rebound) on its way to a person's
/// Results, so that it ends the team view as well. Every event passes on unchanged.
struct QuitAllWatch<'a, E: EventSource> {
    inner: &'a mut E,
    quit_all: bool,
}

impl<E: EventSource> EventSource for QuitAllWatch<'_, E> {
    fn poll(&mut self, timeout: Duration) -> io::Result<Polled> {
        let polled = self.inner.poll(timeout)?;
        if let Polled::Event(event) = &polled
            && crate::input::quits_everywhere(event)
        {
            self.quit_all = true;
        }
        Ok(polled)
    }

    fn pending(&self) -> bool {
        self.inner.pending()
    }
}

/// The store of a person opened from the team view: it never writes.
struct NoWrites {
    path: PathBuf,
}

impl Persist for NoWrites {
    fn save(&mut self, _: &Assessment) -> io::Result<()> {
        Err(io::Error::other(format!(
            "{} is opened read-only from the team view",
            self.path.display()
        )))
    }

    fn move_aside(&mut self) -> storage::Result<PathBuf> {
        Err(storage::Error::ReadOnly)
    }
}
