//! The team view with `quit` rebound in the configuration (`[keys.screens] quit = "x"`): Esc
//! still goes back from a person's Results, because going back is the keymap's `back`, not a
//! `q` made up for it. A test binary of its own: the rebinding is installed once per process.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rolefit::runtime::{EventSource, NoSuspend, Polled, ScriptedEvents};
use rolefit::team::{TeamView, files_in, load};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The eight people of `tests/fixtures/team`, measured against the PMO Manager.
fn view() -> TeamView {
    let fw = rolefit::storage::framework::builtin();
    let pmo = fw.profile_index("pmo").unwrap();
    let files = files_in(&["tests/fixtures/team".into()]).unwrap();
    TeamView::new(load(fw, &files), pmo).theme(false, Default::default())
}

/// Scripted events that, once used up, raise `stop` as a signal would: the loop then ends
/// without drawing again, so the last frame is the one the last key led to.
struct StopAtEnd {
    events: ScriptedEvents,
    stop: Arc<AtomicBool>,
}

impl EventSource for StopAtEnd {
    fn poll(&mut self, timeout: Duration) -> std::io::Result<Polled> {
        let polled = self.events.poll(timeout)?;
        if matches!(polled, Polled::Closed) {
            self.stop.store(true, Ordering::SeqCst);
        }
        Ok(polled)
    }
}

/// Runs the team view on `events` until they run out; returns the last frame's text.
fn run(view: &mut TeamView, events: Vec<Event>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let mut events = StopAtEnd {
        events: ScriptedEvents::new(events),
        stop: Arc::clone(&stop),
    };
    rolefit::team::run::run(&mut terminal, view, &mut events, &stop, &mut NoSuspend).unwrap();
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The configuration both tests run under (installed once per process, so the same for
/// both): x quits; x's own bindings on Results and Plan move to m; closing a round is Y and
/// adding an action n.
fn rebind() {
    let config = rolefit::cli::config::parse(
        "[keys.screens]\nquit = \"x\"\n[keys.results]\nexport-report = \"m\"\nclose-round = \"Y\"\nswitch-view = \"V\"\n[keys.plan]\nmark-done = \"m\"\nadd-action = \"n\"\n",
    )
    .unwrap();
    rolefit::input::configure(&config.keys).unwrap();
}

#[test]
fn with_quit_rebound_esc_still_goes_back_from_a_persons_results() {
    // x writes a report on Results and marks an action done on Plan; those move to m so that
    // x can quit.
    rebind();
    // In a person's Results, q no longer quits: the view stays there.
    let mut view = view();
    let inside = run(
        &mut view,
        vec![key(KeyCode::Enter), key(KeyCode::Char('q'))],
    );
    assert!(inside.contains("[Results]"), "{inside}");
    // The notice over it names the keys as bound, not a q that no longer quits.
    let notice = rolefit::strings::person_view("Sam");
    assert_eq!(
        notice,
        "Sam, read-only. Esc or x goes back to the team view."
    );
    // Esc goes back to the team view, and the keys after it move there: the third person is
    // selected, so the view went on reading keys in the team view.
    let mut view = self::view();
    let back = run(
        &mut view,
        vec![
            key(KeyCode::Enter),
            key(KeyCode::Esc),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('j')),
        ],
    );
    assert!(back.contains("People × competencies"), "{back}");
    assert!(!back.contains("[Results]"), "{back}");
    assert_eq!(view.row(), 2);
}

/// Every sentence that names a key names it as bound: rebound keys are named in the hints of
/// the Plan screen, the Roles screen and the command line's messages.
#[test]
fn hints_in_prose_name_the_keys_as_bound() {
    rebind();
    let plan = rolefit::strings::plan::nothing_selected();
    assert!(plan.contains("press n to add one"), "{plan}");
    let empty = rolefit::strings::plan::empty();
    assert!(empty.contains("Press n to add one"), "{empty}");
    let busy = rolefit::cli::Error::Busy {
        path: "x.toml".into(),
    }
    .to_string();
    assert!(busy.contains("(Results, key Y)"), "{busy}");
    // A notice the app stores is meaning; its words ask the keymap when they are drawn.
    let notice = rolefit::app::Notice::NoActionsYet("DP1".into()).to_string();
    assert_eq!(notice, "DP1 has no actions yet; n adds one");
    // So do the sentences the view draws in titles.
    let title = rolefit::strings::gaps_for_areas();
    assert_eq!(title, "· V for areas ");
}
