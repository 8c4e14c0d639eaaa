//! A minimal ratatui program to measure rolefit against: a bordered list of 50 items, ↑/↓ move
//! the highlight, `q` or Esc quits. `examples/perf.rs` starts it in a pseudo-terminal.
//!
//! Run: `cargo run --release --example baseline`.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, List, ListState};

/// Shown in the border; `perf` waits for it to time the first frame.
const TITLE: &str = " Baseline list ";

fn main() -> std::io::Result<()> {
    ratatui::run(run)
}

fn run(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    let items: Vec<String> = (1..=50).map(|i| format!("Item {i:02}")).collect();
    let mut state = ListState::default().with_selected(Some(0));
    loop {
        terminal.draw(|frame| {
            let list = List::new(items.iter().map(String::as_str))
                .block(Block::bordered().title(TITLE))
                .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
                .highlight_symbol("> ");
            frame.render_stateful_widget(list, frame.area(), &mut state);
        })?;
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            match key.code {
                KeyCode::Char('q') | KeyCode::Esc => return Ok(()),
                KeyCode::Down => state.select_next(),
                KeyCode::Up => state.select_previous(),
                _ => {}
            }
        }
    }
}
