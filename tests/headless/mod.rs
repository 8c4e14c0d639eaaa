//! Drives the real event loop headless: a key macro in, the last frame and the app out.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rolefit::app::{App, Mode};
use rolefit::cli::{Prepared, prepare};
use rolefit::domain::Framework;
use rolefit::runtime::{
    self, EventSource, FileStore, NoteEditor, Persist, ScriptedEvents, Suspend,
};

/// Parses a key macro such as `"<tab><down><enter>3e hi<esc>"` into key events.
pub fn keys(script: &str) -> Vec<Event> {
    let mut events = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let (code, mods) = match name {
                "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "s-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "up" => (KeyCode::Up, KeyModifiers::NONE),
                "down" => (KeyCode::Down, KeyModifiers::NONE),
                "left" => (KeyCode::Left, KeyModifiers::NONE),
                "right" => (KeyCode::Right, KeyModifiers::NONE),
                "s-down" => (KeyCode::Down, KeyModifiers::SHIFT),
                "pgup" => (KeyCode::PageUp, KeyModifiers::NONE),
                "pgdn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "home" => (KeyCode::Home, KeyModifiers::NONE),
                "end" => (KeyCode::End, KeyModifiers::NONE),
                "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                "c-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
                "c-z" => (KeyCode::Char('z'), KeyModifiers::CONTROL),
                "c-e" => (KeyCode::Char('e'), KeyModifiers::CONTROL),
                other => panic!("unknown key <{other}>"),
            };
            events.push(Event::Key(KeyEvent::new(code, mods)));
            rest = &rest[end + 1..];
        } else {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            events.push(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
            rest = &rest[c.len_utf8()..];
        }
    }
    events
}

/// The result of a headless run.
pub struct Run {
    pub app: App,
    pub screen: String,
}

/// Opens the default assessment in `data_dir`, plays `script` through the real loop on a
/// `TestBackend` of the given size, and returns the app and the last frame as text.
pub fn run(data_dir: &Path, script: &str, size: (u16, u16)) -> Run {
    run_with(
        data_dir,
        rolefit::storage::framework::builtin(),
        script,
        size,
    )
}

/// Like [`run`] with a chosen framework.
pub fn run_with(data_dir: &Path, framework: Framework, script: &str, size: (u16, u16)) -> Run {
    let events = ScriptedEvents::new(keys(script));
    run_events(data_dir, framework, events, size, &mut runtime::NoSuspend)
}

/// Like [`run_with`] with any event source, and a suspender for Ctrl-Z and SIGTSTP.
pub fn run_events(
    data_dir: &Path,
    framework: Framework,
    events: impl EventSource,
    size: (u16, u16),
    suspender: &mut dyn Suspend,
) -> Run {
    run_stored(data_dir, framework, events, size, suspender, |store| store).0
}

/// Like [`run_events`], saving through `wrap` of the assessment's own store (to inject
/// faults); returns that store too, to ask what happened to it.
pub fn run_stored<P: Persist + Send>(
    data_dir: &Path,
    framework: Framework,
    events: impl EventSource,
    size: (u16, u16),
    suspender: &mut dyn Suspend,
    wrap: impl FnOnce(FileStore) -> P,
) -> (Run, P) {
    let editor = &mut runtime::NoEditor;
    run_full(data_dir, framework, events, size, suspender, editor, wrap)
}

/// Like [`run`], with `editor` standing in for the user's editor (Ctrl-E, `E`).
pub fn run_edited(
    data_dir: &Path,
    script: &str,
    size: (u16, u16),
    editor: &mut dyn NoteEditor,
) -> Run {
    let events = ScriptedEvents::new(keys(script));
    let suspender = &mut runtime::NoSuspend;
    let builtin = rolefit::storage::framework::builtin();
    run_full(
        data_dir,
        builtin,
        events,
        size,
        suspender,
        editor,
        |store| store,
    )
    .0
}

/// The name every headless user gives when a start asks it (see [`run_full`]).
pub const NAME: &str = "Sam Taylor";

/// Like [`run`], but a start that asks the person's name is left asking: `script` answers.
pub fn run_asked(data_dir: &Path, script: &str, size: (u16, u16)) -> Run {
    let events = ScriptedEvents::new(keys(script));
    let path = data_dir.join("assessments").join("default.toml");
    let Prepared { init, store } =
        prepare(rolefit::storage::framework::builtin(), &path, "default").unwrap();
    let app = App::new(init.color(false).size(size));
    drive(
        app,
        events,
        store,
        size,
        &mut runtime::NoSuspend,
        &mut runtime::NoEditor,
    )
    .0
}

/// The whole loop with every part given: events, suspender, editor, and a store wrapped by
/// `wrap`. A start that asks the person's name (a first run) is answered first, as a user
/// would: [`NAME`] and Enter, through the loop, before `events`.
pub fn run_full<P: Persist + Send>(
    data_dir: &Path,
    framework: Framework,
    events: impl EventSource,
    size: (u16, u16),
    suspender: &mut dyn Suspend,
    editor: &mut dyn NoteEditor,
    wrap: impl FnOnce(FileStore) -> P,
) -> (Run, P) {
    let path = data_dir.join("assessments").join("default.toml");
    let Prepared { init, store } = prepare(framework, &path, "default").unwrap();
    let store = wrap(store);
    let app = App::new(init.color(false).size(size));
    let first = if app.mode() == Mode::Name {
        keys(&format!("{NAME}<enter>"))
    } else {
        Vec::new()
    };
    let events = Answering {
        first: first.into(),
        inner: events,
    };
    drive(app, events, store, size, suspender, editor)
}

/// Answers first, then passes the events on.
struct Answering<E> {
    first: std::collections::VecDeque<Event>,
    inner: E,
}

impl<E: EventSource> EventSource for Answering<E> {
    fn poll(&mut self, timeout: std::time::Duration) -> std::io::Result<runtime::Polled> {
        match self.first.pop_front() {
            Some(event) => Ok(runtime::Polled::Event(event)),
            None => self.inner.poll(timeout),
        }
    }

    fn pending(&self) -> bool {
        !self.first.is_empty() || self.inner.pending()
    }

    fn waker(&self) -> Option<rolefit::storage::writer::Waker> {
        self.inner.waker()
    }

    fn settles(&self) -> bool {
        self.inner.settles()
    }
}

/// Runs the loop on `app` to the end of `events`; returns the app, the last frame and the
/// store.
fn drive<P: Persist + Send>(
    mut app: App,
    mut events: impl EventSource,
    mut store: P,
    size: (u16, u16),
    suspender: &mut dyn Suspend,
    editor: &mut dyn NoteEditor,
) -> (Run, P) {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    runtime::run(
        &mut terminal,
        &mut app,
        &mut events,
        &mut store,
        &stop,
        suspender,
        editor,
    )
    .unwrap();
    let screen = screen_text(terminal.backend());
    (Run { app, screen }, store)
}

/// The buffer's text, one line per row, trailing spaces kept.
pub fn screen_text(backend: &TestBackend) -> String {
    let buffer = backend.buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The saved assessment file as a TOML table.
pub fn saved(data_dir: &Path) -> toml::Table {
    let text = std::fs::read_to_string(data_dir.join("assessments").join("default.toml")).unwrap();
    toml::from_str(&text).unwrap()
}
