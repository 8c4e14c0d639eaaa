//! The footer: the keys of whoever has the keyboard, as many as fit the width (a screen's
//! own first, the keys of every screen always, the spare ones where room is left), each hint
//! clickable where its key has one action.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::UnicodeWidthStr;

use super::{Regions, Theme, grid, listed_label, overlay};
use crate::app::{App, Mode};
use crate::domain::Screen;
use crate::input::{self, Scope, Show};

/// Draws the footer: the mode's keys, as many as fit, each hint clickable where its key has
/// one action.
pub(super) fn render_keys(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    regions: &mut Regions,
) {
    let mode = app.mode();
    let (spare, listed) = footer_bindings(app, frame.area());
    let entries = footer_entries(app, listed);
    let (shown, cut) = fit_footer(app, &entries, spare, area.width);
    let mut spans = vec![Span::raw(" ")];
    for (i, (keys, short, _)) in shown.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        let x: usize = spans.iter().map(Span::width).sum();
        spans.push(Span::styled(keys.clone(), theme.key));
        spans.push(Span::styled(format!(" {short}"), theme.dim));
        // A click on a hint does what its key does, when the key has one action.
        let width = spans[spans.len() - 2].width() + spans[spans.len() - 1].width();
        let hint = Rect::new(area.x + x as u16, area.y, width as u16, 1).intersection(area);
        if let Some(action) = footer_action(mode, app.read_only(), keys) {
            regions.keys.push((hint, action));
        }
    }
    if cut {
        spans.push(Span::styled(" …", theme.dim));
    }
    frame.render_widget(Line::from(spans), area);
}

/// One footer hint: its keys, its words, and whether it is always shown.
type FooterEntry = (String, &'static str, bool);

/// The mode's bindings listed in the footer, split into the spare ones (keys of every screen
/// that change the assessment) and the rest.
fn footer_bindings(
    app: &App,
    screen: Rect,
) -> (Vec<&'static input::Binding>, Vec<&'static input::Binding>) {
    let mode = app.mode();
    // Keys of every screen that change the assessment (undo, redo) are spare: shown where
    // room is left at the end, never in place of a screen's own keys.
    // The help's scroll keys are named only when it scrolls.
    let help_fits = mode == Mode::Help && !overlay::help_scrolls(app, screen);
    input::listed_bindings(mode, app.read_only())
        .into_iter()
        .filter(|b| {
            !(help_fits
                && b.groups
                    .iter()
                    .any(|(_, a)| matches!(a, crate::app::Intent::Up | crate::app::Intent::Down)))
        })
        .partition(|b| b.scope == Scope::Screens && b.writes())
}

/// The footer's entry for every binding listed in it: the keys of every screen, and all of a
/// text field's, always fit; a screen's own fill what is left.
fn footer_entries(app: &App, listed: Vec<&'static input::Binding>) -> Vec<FooterEntry> {
    let mode = app.mode();
    // (keys, description, always shown) for every binding listed in the footer: the keys of
    // every screen, and all of a text field's, always fit; a screen's own fill what is left.
    listed
        .into_iter()
        .filter_map(|b| match b.show {
            Show::Footer(short) => Some((
                listed_label(b, &app.framework().scale, true)?,
                // A framework without roles has profiles, not a role's flavours.
                if b.groups
                    .iter()
                    .any(|(_, a)| *a == crate::app::Intent::ToggleFlavours)
                    && app.framework().roles.is_empty()
                {
                    "profiles"
                } else if mode == Mode::Screen(Screen::Grid)
                    && b.groups
                        .iter()
                        .any(|(_, a)| *a == crate::app::Intent::Activate)
                {
                    grid::enter_verb(app)
                } else {
                    short
                },
                b.scope == Scope::Screens || mode.is_text(),
            )),
            Show::Help => None,
        })
        .collect()
}

/// The entries that fit in `width`, the spare ones after them where room is left, and whether
/// the footer was cut short (to end in "…").
fn fit_footer(
    app: &App,
    entries: &[FooterEntry],
    spare: Vec<&'static input::Binding>,
    width: u16,
) -> (Vec<FooterEntry>, bool) {
    let mode = app.mode();
    let width_of = |(keys, short, _): &FooterEntry| keys.width() + short.width() + 4;
    let reserved: usize = entries.iter().filter(|e| e.2).map(width_of).sum();
    let fit = |mut budget: usize| {
        let mut shown = Vec::new();
        for entry in entries {
            if entry.2 {
                shown.push(entry.clone());
            } else if width_of(entry) <= budget {
                budget -= width_of(entry);
                shown.push(entry.clone());
            }
        }
        shown
    };
    let budget = usize::from(width).saturating_sub(1 + reserved);
    let mut shown = fit(budget);
    // When a screen's keys are left out, the help's entry says so: "… ? for all keys".
    const ALL_KEYS: &str = "for all keys";
    let help = input::keys_for(mode, &crate::app::Intent::ToggleHelp);
    let help_entry = entries.iter().find(|e| e.0 == help);
    if let (true, Some(entry)) = (shown.len() < entries.len(), help_entry) {
        let extra = (2 + ALL_KEYS.width()).saturating_sub(entry.1.width());
        shown = fit(budget.saturating_sub(extra));
        if let Some(entry) = shown.iter_mut().find(|e| e.0 == help) {
            entry.0 = format!("… {help}");
            entry.1 = ALL_KEYS;
        }
    }
    // Where there is no help key to point to (prompts, editors) or even the keys kept for
    // every screen do not fit, the footer drops keys from its end and ends in "…".
    // A leading space, each entry's keys, a space and its words, " · " between entries.
    let line_width =
        |shown: &[FooterEntry]| shown.iter().map(width_of).sum::<usize>().saturating_sub(2);
    let mut cut = shown.len() < entries.len() && help_entry.is_none();
    while !shown.is_empty() && line_width(&shown) + usize::from(cut) * 2 > usize::from(width) {
        shown.pop();
        cut = true;
    }
    if !cut {
        let mut room = usize::from(width).saturating_sub(line_width(&shown));
        for b in spare {
            if let Show::Footer(short) = b.show {
                let entry = (b.short_label(), short, false);
                if width_of(&entry) <= room {
                    room -= width_of(&entry);
                    shown.push(entry);
                }
            }
        }
    }
    (shown, cut)
}

/// The action of the footer entry labelled `label`, when its binding has only one.
fn footer_action(mode: Mode, read_only: bool, label: &str) -> Option<crate::app::Intent> {
    let label = label.strip_prefix("… ").unwrap_or(label);
    input::listed_bindings(mode, read_only)
        .into_iter()
        .find(|b| b.short_label() == label)
        .filter(|b| b.groups.len() == 1)
        .map(|b| b.groups[0].1.clone())
}
