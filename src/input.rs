//! Keys to actions: one table of bindings, looked up by who has the keyboard (`Mode`). The
//! footer, the help and every hint in prose are written from this table, so a binding changed
//! here changes every place that names it. Key releases are ignored. The configuration file's
//! `[keys.CONTEXT]` rebindings (`rebind`) are laid over the table once at start, so they show
//! in all those places too.
//!
//! Longer than most files: the binding table is one line per binding by design (so the whole
//! keymap reads at a glance), and the keymap's tests live beside it.
//!
//! One file because the key table and the lookups the footer, the help and the prose make in it
//! are one idea, the bindings; their tests are in `input/tests.rs`.

pub mod rebind;

use std::sync::OnceLock;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::Input;

use crate::app::{Event as AppEvent, Intent, Mode, Msg, PlanField, PromptKind};
use crate::domain::framework::Scale;
use crate::domain::{Level, Rating, Screen};
use crate::export::Format;
use crate::team::TeamMode;

pub use rebind::{Rebinding, configure};

/// A key with its modifiers.
pub type Key = (KeyCode, KeyModifiers);

/// Where a binding applies.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// In one mode only.
    In(Mode),
    /// On every screen, when no overlay, prompt or text field has the keyboard.
    Screens,
    /// Always, even in a prompt or a text field.
    Always,
    /// In the team view (`rolefit team`), in one of its modes.
    Team(TeamMode),
}

/// Keys bound to actions: each group of equivalent keys does one action (a pair of groups for
/// the two directions of a move), listed together for the user.
#[derive(Clone, Debug)]
pub struct Binding {
    pub scope: Scope,
    pub groups: Vec<(Vec<Key>, Intent)>,
    /// What it does, briefly, for the help.
    pub help: &'static str,
    /// Where the binding is listed.
    pub show: Show,
}

/// Where a binding is listed for the user.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Show {
    /// In the footer (with this short description) and in help.
    Footer(&'static str),
    /// In help only.
    Help,
}

impl Binding {
    /// Every key of the binding as written for the user, e.g. "←→/hl", "0-5", "Tab/S-Tab".
    pub fn label(&self) -> String {
        let keys: Vec<Key> = self.groups.iter().flat_map(|(k, _)| k.clone()).collect();
        label_of(&keys)
    }

    /// The first part of the label, for the footer: "←→", "0-5", "Tab" ("/" for the key `/`).
    pub fn short_label(&self) -> String {
        let label = self.label();
        label
            .split('/')
            .find(|part| !part.is_empty())
            .unwrap_or(&label)
            .to_string()
    }

    /// The action for a key, if the binding has it.
    fn action_for(&self, key: &Key) -> Option<&Intent> {
        self.groups
            .iter()
            .find(|(keys, _)| keys.contains(key))
            .map(|(_, action)| action)
    }

    /// Whether the binding changes the assessment (so read-only mode does not list it).
    pub fn writes(&self) -> bool {
        self.groups.iter().any(|(_, action)| {
            matches!(
                action,
                Intent::Rate(_)
                    | Intent::ClearRating
                    | Intent::EditNote
                    | Intent::EditNoteExternally
                    | Intent::Undo
                    | Intent::Redo
                    | Intent::OpenPlan
                    | Intent::ApplyWhatIf
                    | Intent::CloseRound
                    | Intent::EditName
                    | Intent::AddAction
                    | Intent::ChooseForAction
                    | Intent::EditAction
                    | Intent::SetDue
                    | Intent::MarkDone
                    | Intent::CycleStatus
                    | Intent::DeleteAction
            )
        })
    }

    /// The binding as a framework with `scale` lists it: of the keys that record a level, only
    /// those recording one of the scale's levels ("0-5" on the built-in scale, "1-7" on a 1–7
    /// one, none at all when every value is above 9). The others, `-` for "none" among them,
    /// still work where the competency takes them; Rate's level list names them.
    pub fn on_scale(&self, scale: &Scale) -> Binding {
        let mut listed = self.clone();
        listed.groups.retain(|(_, action)| match action {
            Intent::Rate(Rating::Level(level)) => scale.contains(*level),
            _ => true,
        });
        listed
    }

    /// Whether the binding does this action.
    fn does(&self, action: &Intent) -> bool {
        self.groups.iter().any(|(_, a)| a == action)
    }
}

/// The name of one key: "←", "Tab", "S-Tab", "Ctrl-C", "S-↓", "x".
pub fn key_name((code, modifiers): &Key) -> String {
    let base = match code {
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => return "S-Tab".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Backspace => "Bksp".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else if modifiers.contains(KeyModifiers::SHIFT) {
        format!("S-{base}")
    } else {
        base
    }
}

/// Keys written compactly, each kind in the order the binding first names it: arrows
/// together ("←→"), digits as a range ("0-5"), lower-case letters together ("hl"); named keys,
/// then capitals one by one, and named or modified keys together; "/" between parts.
fn label_of(keys: &[Key]) -> String {
    #[derive(PartialEq)]
    enum Kind {
        Arrow,
        Digit,
        Letter,
        Other,
    }
    let kind = |k: &Key| match k {
        (KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down, KeyModifiers::NONE) => {
            Kind::Arrow
        }
        (KeyCode::Char(c), KeyModifiers::NONE) if c.is_ascii_digit() => Kind::Digit,
        (KeyCode::Char(c), KeyModifiers::NONE) if *c != ' ' => Kind::Letter,
        _ => Kind::Other,
    };
    let of = |wanted: Kind| -> Vec<&Key> { keys.iter().filter(|k| kind(k) == wanted).collect() };
    let first = |wanted: Kind| keys.iter().position(|k| kind(k) == wanted);
    let mut parts: Vec<(usize, String)> = Vec::new();
    if let Some(at) = first(Kind::Arrow) {
        parts.push((at, of(Kind::Arrow).into_iter().map(key_name).collect()));
    }
    if let Some(at) = first(Kind::Digit) {
        let digits: Vec<String> = of(Kind::Digit).into_iter().map(key_name).collect();
        let range = digits.len() > 2
            && digits
                .windows(2)
                .all(|w| w[1].as_bytes()[0] == w[0].as_bytes()[0] + 1);
        parts.push((
            at,
            if range {
                format!("{}-{}", digits[0], digits[digits.len() - 1])
            } else {
                digits.concat()
            },
        ));
    }
    if let Some(at) = first(Kind::Letter) {
        let mut letters: Vec<String> = of(Kind::Letter).into_iter().map(key_name).collect();
        if letters.iter().all(|l| l.to_lowercase() == *l) {
            letters.sort();
            parts.push((at, letters.concat()));
        } else {
            parts.extend(letters.into_iter().map(|l| (at, l)));
        }
    }
    if let Some(at) = first(Kind::Other) {
        let others: Vec<String> = of(Kind::Other).into_iter().map(key_name).collect();
        parts.push((at, others.join("/")));
    }
    parts.sort_by_key(|(at, _)| *at);
    parts
        .into_iter()
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join("/")
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

const fn key(code: KeyCode) -> Key {
    (code, NONE)
}

const fn rate(n: u8) -> Intent {
    Intent::Rate(Rating::Level(Level::from_const(n)))
}

/// The keys that record a level, one group each: every digit its value, `-` "none" (below the
/// first level). Which of them a framework takes is its scale's (and the competency's)
/// business: the app refuses the others with a notice saying what can be recorded, and the
/// footer and help list only those that record a level of the scale ([`Binding::on_scale`]).
fn digits() -> Vec<(Vec<Key>, Intent)> {
    (0..=9)
        .map(|n| (vec![ch(char::from(b'0' + n))], rate(n)))
        .chain([(vec![ch('-')], Intent::Rate(Rating::Level(Level::NONE)))])
        .collect()
}

/// A binding of one group of keys to one action.
fn one(scope: Scope, keys: &[Key], action: Intent, help: &'static str, show: Show) -> Binding {
    Binding {
        scope,
        groups: vec![(keys.to_vec(), action)],
        help,
        show,
    }
}

/// A binding of two groups of keys, one for each direction.
fn pair(
    scope: Scope,
    back: (&[Key], Intent),
    forth: (&[Key], Intent),
    help: &'static str,
    show: Show,
) -> Binding {
    Binding {
        scope,
        groups: vec![(back.0.to_vec(), back.1), (forth.0.to_vec(), forth.1)],
        help,
        show,
    }
}

/// A binding of several groups of keys.
fn many(scope: Scope, groups: Vec<(Vec<Key>, Intent)>, help: &'static str, show: Show) -> Binding {
    Binding {
        scope,
        groups,
        help,
        show,
    }
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Show::{Footer, Help};

const LEFT_H: &[Key] = &[key(Left), ch('h')];
const RIGHT_L: &[Key] = &[key(Right), ch('l')];
const UP_K: &[Key] = &[key(Up), ch('k')];
const DOWN_J: &[Key] = &[key(Down), ch('j')];
/// Clearing is on the delete keys only: `x` writes the report on Results, and a key must not
/// be harmless on one screen and destroy a rating on another.
const CLEAR: &[Key] = &[key(Delete), key(Backspace)];

fn screen(s: Screen) -> Scope {
    Scope::In(Mode::Screen(s))
}

fn prompt(kind: PromptKind) -> Scope {
    Scope::In(Mode::Prompt(kind))
}

/// Every key binding of rolefit, context by context. Order matters only for display.
fn table() -> Vec<Binding> {
    [
        prompt_bindings(),
        help_bindings(),
        roles_bindings(),
        grid_bindings(),
        rate_bindings(),
        results_bindings(),
        plan_bindings(),
        editor_bindings(),
        team_view_bindings(),
        everywhere_bindings(),
    ]
    .concat()
}

/// The prompts' bindings: they take over the keyboard.
#[rustfmt::skip]
fn prompt_bindings() -> Vec<Binding> {
    use Intent as A;
    vec![
        // Prompts take over the keyboard.
        one(prompt(PromptKind::Unreadable), &[ch('f')], A::StartFresh, "move the file aside and start fresh", Footer("start fresh")),
        one(prompt(PromptKind::Unreadable), &[ch('q'), key(Esc)], A::Cancel, "quit and leave the file as it is", Footer("quit")),
        one(prompt(PromptKind::Locked), &[ch('r')], A::OpenReadOnly, "open read-only", Footer("read-only")),
        one(prompt(PromptKind::Locked), &[ch('q'), key(Esc)], A::Cancel, "quit", Footer("quit")),
        one(prompt(PromptKind::ConfirmQuit), &[ch('y')], A::Confirm, "quit and lose unsaved changes", Footer("quit anyway")),
        one(prompt(PromptKind::ConfirmQuit), &[ch('n'), key(Esc)], A::Cancel, "stay (saving is retried)", Footer("stay")),
        one(prompt(PromptKind::DiscardWhatIf), &[ch('y')], A::Confirm, "discard the what-if levels", Footer("discard")),
        one(prompt(PromptKind::DiscardWhatIf), &[ch('n'), key(Esc)], A::Cancel, "keep trying levels", Footer("keep trying")),
        one(prompt(PromptKind::QuitWhatIf), &[ch('y')], A::Confirm, "discard the what-if levels and quit", Footer("discard and quit")),
        one(prompt(PromptKind::QuitWhatIf), &[ch('n'), key(Esc)], A::Cancel, "stay and keep trying levels", Footer("stay")),
        one(prompt(PromptKind::Rerate), &[ch('y'), key(Enter)], A::Confirm, "rate the competency again now", Footer("rate it")),
        one(prompt(PromptKind::Rerate), &[ch('n'), key(Esc)], A::Cancel, "stay on the plan", Footer("not now")),
    ]
}

/// The help overlay's bindings.
#[rustfmt::skip]
fn help_bindings() -> Vec<Binding> {
    use Intent as A;
    let help = Scope::In(Mode::Help);
    vec![
        // Help overlay.
        // q closes help, as in less and htop; Ctrl-C still quits.
        one(help, &[key(Esc), ch('?')], A::Back, "close help", Footer("close")),
        one(help, &[ch('q')], A::Back, "close help (as in less)", Help),
        pair(help, (UP_K, A::Up), (DOWN_J, A::Down), "scroll the help", Footer("scroll")),
        pair(help, (&[key(PageUp)], A::PageUp), (&[key(PageDown)], A::PageDown), "page up / down", Help),
        pair(help, (&[key(Home), ch('g')], A::Home), (&[key(End), ch('G')], A::End), "jump to start / end", Help),
    ]
}

/// The Roles screen's bindings.
#[rustfmt::skip]
fn roles_bindings() -> Vec<Binding> {
    use Intent as A;
    let roles = screen(Screen::Roles);
    vec![
        // Roles.
        pair(roles, (LEFT_H, A::Left), (RIGHT_L, A::Right), "switch pane", Footer("pane")),
        pair(roles, (UP_K, A::Up), (DOWN_J, A::Down), "scroll the pane", Footer("scroll")),
        one(roles, &[ch('f')], A::ToggleFlavours, "show / hide the PMO flavours", Footer("flavours")),
        one(roles, &[key(Enter)], A::Activate, "go to the grid", Help),
        one(roles, &[key(Esc)], A::Back, "hide the welcome / flavours", Help),
        one(roles, &[ch('N')], A::EditName, "your name, as team views and reviewers show it", Footer("name")),
    ]
}

/// The Grid screen's bindings.
#[rustfmt::skip]
fn grid_bindings() -> Vec<Binding> {
    use Intent as A;
    let grid = screen(Screen::Grid);
    vec![
        // Grid.
        pair(grid, (UP_K, A::Up), (DOWN_J, A::Down), "move between rows", Footer("move")),
        pair(grid, (LEFT_H, A::Left), (RIGHT_L, A::Right), "move between columns", Footer("column")),
        one(grid, &[key(Enter)], A::Activate, "open an area / rate the competency", Footer("open")),
        one(grid, &[key(Esc)], A::Back, "close the area", Help),
        pair(grid, (&[ch('J'), (Down, SHIFT)], A::ScrollDetail(1)), (&[ch('K'), (Up, SHIFT)], A::ScrollDetail(-1)), "scroll the detail pane down / up", Help),
        one(grid, &[ch('t')], A::CycleTarget, "change the target profile for gaps", Footer("target")),
        one(grid, &[ch('/')], A::OpenSearch, "find a competency by id or name", Footer("find")),
    ]
}

/// The Rate screen's bindings.
#[rustfmt::skip]
fn rate_bindings() -> Vec<Binding> {
    use Intent as A;
    let rate_ = screen(Screen::Rate);
    vec![
        // Rate.
        many(rate_, digits(), "record that level and move on", Footer("rate")),
        one(rate_, &[ch('n')], A::Rate(Rating::NotApplicable), "record N/A (not part of your work) and move on", Footer("N/A")),
        pair(rate_, (LEFT_H, A::Left), (RIGHT_L, A::Right), "previous / next competency", Footer("prev/next")),
        pair(rate_, (UP_K, A::Up), (DOWN_J, A::Down), "highlight a level", Help),
        one(rate_, &[key(Enter)], A::Activate, "record the highlighted level", Help),
        pair(rate_, (&[ch('J'), (Down, SHIFT)], A::ScrollDetail(1)), (&[ch('K'), (Up, SHIFT)], A::ScrollDetail(-1)), "scroll the competency text down / up", Help),
        one(rate_, &[ch('u')], A::NextUnrated, "jump to the next unanswered competency", Footer("unanswered")),
        one(rate_, &[ch('e')], A::EditNote, "edit the note (evidence)", Footer("note")),
        one(rate_, &[ch('E')], A::EditNoteExternally, "edit the note in your editor ($VISUAL or $EDITOR)", Help),
        one(rate_, &[ch('T')], A::ToggleTargets, "show / hide the targets before you rate", Footer("targets")),
        one(rate_, CLEAR, A::ClearRating, "clear the rating", Help),
        one(rate_, &[key(Esc)], A::Back, "back to the grid", Help),
        one(rate_, &[ch('/')], A::OpenSearch, "find a competency by id or name", Footer("find")),
    ]
}

/// The Results screen's bindings.
#[rustfmt::skip]
fn results_bindings() -> Vec<Binding> {
    use Intent as A;
    let results = screen(Screen::Results);
    vec![
        // Results.
        pair(results, (UP_K, A::Up), (DOWN_J, A::Down), "move in the gap table", Footer("move")),
        one(results, &[ch('v')], A::SwitchView, "show areas / gaps (small terminals)", Footer("view")),
        one(results, &[key(Enter), ch('p')], A::OpenPlan, "plan: your target and next action", Footer("plan")),
        one(results, &[ch('r')], A::RateSelected, "rate the selected competency (on Rate)", Footer("rate")),
        one(results, &[ch('w')], A::ToggleWhatIf, "what-if: try other levels (again to discard)", Footer("what-if")),
        one(results, &[ch('t')], A::CycleTarget, "change the target profile", Footer("target")),
        one(results, &[ch('s')], A::CycleSort, "sort the gap table", Footer("sort")),
        pair(results, (&[ch('J'), (Down, SHIFT)], A::ScrollDetail(1)), (&[ch('K'), (Up, SHIFT)], A::ScrollDetail(-1)), "scroll the verdict panel down / up", Help),
        one(results, &[ch('f')], A::CycleFilter, "filter the gap table", Footer("filter")),
        one(results, &[ch('c')], A::CloseRound, "close a round (to compare with later)", Footer("round")),
        one(results, &[ch('x')], A::ExportReport(Format::Markdown), "write a Markdown report to a file", Footer("report")),
        one(results, &[ch('X')], A::ExportReport(Format::Html), "write an HTML report with charts to a file", Footer("HTML report")),
        one(results, &[ch('a')], A::ApplyWhatIf, "keep the what-if levels as ratings", Help),
        pair(results, (LEFT_H, A::Left), (RIGHT_L, A::Right), "what-if: lower / raise the level", Help),
        many(results, digits(), "what-if: set the level", Help),
        one(results, &[key(Esc)], A::Back, "discard the what-if", Help),
        one(results, &[ch('/')], A::OpenSearch, "find a competency by id or name", Footer("find")),
        one(results, &[ch('N')], A::EditName, "your name, as team views and reviewers show it", Help),
    ]
}

/// The Plan screen's bindings, its one-line field's and the plan editor's.
#[rustfmt::skip]
fn plan_bindings() -> Vec<Binding> {
    use Intent as A;
    let plan_ = screen(Screen::Plan);
    let plan_input = Scope::In(Mode::PlanInput);
    let plan_target = Scope::In(Mode::Plan(PlanField::Target));
    let plan_action = Scope::In(Mode::Plan(PlanField::Action));
    vec![
        // Plan screen.
        one(plan_, &[ch('a')], A::AddAction, "add an action on the selected competency", Footer("add")),
        one(plan_, &[ch('d')], A::SetDue, "set or move the due date (2027-03-31, +10d, +2w, +3m)", Footer("date")),
        one(plan_, &[ch('x')], A::MarkDone, "mark done, with an optional evidence note", Footer("done")),
        one(plan_, &[ch('s')], A::CycleStatus, "next status: planned, doing, done, dropped", Footer("status")),
        pair(plan_, (UP_K, A::Up), (DOWN_J, A::Down), "move between actions", Footer("move")),
        one(plan_, &[key(Enter), ch('e')], A::EditAction, "edit the action's text", Footer("edit")),
        one(plan_, &[ch('A')], A::ChooseForAction, "add an action on a competency you choose", Help),
        one(plan_, CLEAR, A::DeleteAction, "delete the action (z brings it back)", Help),
        one(plan_, &[ch('r')], A::RateSelected, "rate the action's competency (on Rate)", Footer("rate")),
        one(plan_, &[ch('/')], A::OpenSearch, "find a competency by id or name", Footer("find")),
        // The Plan screen's one-line field (other keys type).
        one(plan_input, &[key(Enter)], A::Confirm, "keep what is typed", Footer("keep")),
        one(plan_input, &[key(Esc)], A::Cancel, "leave it as it was", Footer("cancel")),
        // Plan editor, target field.
        many(plan_target, digits(), "set your target level", Footer("target")),
        pair(plan_target, (LEFT_H, A::Left), (RIGHT_L, A::Right), "lower / raise the target", Footer("adjust")),
        one(plan_target, CLEAR, A::ClearRating, "no personal target", Footer("clear")),
        one(plan_target, &[key(Tab), key(Enter)], A::SwitchField, "go to the next action", Footer("action")),
        one(plan_target, &[key(Esc)], A::Back, "save the plan and close", Footer("done")),
        // Plan editor, action field (other keys type).
        one(plan_action, &[key(Tab), key(BackTab)], A::SwitchField, "go to the target", Footer("target")),
        one(plan_action, &[key(Esc)], A::CloseEditor, "save the plan and close", Footer("save the plan and close")),
    ]
}

/// The bindings of the fields that take typing: the note, the round's label, the name and search.
#[rustfmt::skip]
fn editor_bindings() -> Vec<Binding> {
    use Intent as A;
    let note = Scope::In(Mode::Note);
    let label = Scope::In(Mode::RoundLabel);
    let name = Scope::In(Mode::Name);
    let search = Scope::In(Mode::Search);
    vec![
        // Note editor (other keys type).
        one(note, &[key(Esc)], A::CloseEditor, "done (the note is kept)", Footer("done (the note is kept)")),
        one(note, &[(KeyCode::Char('e'), CTRL)], A::EditNoteExternally, "edit the note in your editor ($VISUAL or $EDITOR)", Help),
        one(note, &[key(Enter)], A::Edit(Input { key: ratatui_textarea::Key::Enter, ..Input::default() }), "start a new line", Footer("new line")),
        // Round label (other keys type).
        one(label, &[key(Enter)], A::Confirm, "close the round", Footer("close the round")),
        one(label, &[key(Esc)], A::Cancel, "cancel", Footer("cancel")),
        // The person's name (other keys type).
        one(name, &[key(Enter)], A::Confirm, "keep the name typed (asked for the first time: empty keeps the default)", Footer("keep")),
        one(name, &[key(Esc)], A::Cancel, "leave the name as it was (asked for the first time: skip, keeping the default)", Footer("skip")),
        // Search (other keys type; Tab does nothing).
        pair(search, (&[key(Up), (KeyCode::Char('p'), CTRL)], A::Up), (&[key(Down), (KeyCode::Char('n'), CTRL)], A::Down), "choose a match", Footer("choose")),
        pair(search, (&[key(PageUp)], A::PageUp), (&[key(PageDown)], A::PageDown), "page through the matches", Help),
        one(search, &[key(Enter)], A::Activate, "go to the chosen competency", Footer("open")),
        one(search, &[key(Esc)], A::Back, "close search, staying where you were", Footer("back")),
    ]
}

/// The team view's bindings (`rolefit team`).
#[rustfmt::skip]
fn team_view_bindings() -> Vec<Binding> {
    use Intent as A;
    let (team, team_search, team_help) = (Scope::Team(TeamMode::Browse), Scope::Team(TeamMode::Search), Scope::Team(TeamMode::Help));
    vec![
        // Team view (`rolefit team`).
        pair(team, (UP_K, A::Up), (DOWN_J, A::Down), "move between people", Footer("person")),
        pair(team, (LEFT_H, A::Left), (RIGHT_L, A::Right), "move between competencies", Footer("competency")),
        pair(team, (&[key(PageUp)], A::PageUp), (&[key(PageDown)], A::PageDown), "page up / down", Help),
        pair(team, (&[key(Home), ch('g')], A::Home), (&[key(End), ch('G')], A::End), "first / last person", Help),
        one(team, &[key(Enter)], A::Activate, "open the person's Results (read-only)", Footer("open")),
        one(team, &[ch('s')], A::CycleSort, "sort people: name, readiness, level or gap on the selected competency", Footer("sort")),
        one(team, &[ch('t')], A::CycleTarget, "change the profile the team is measured against", Footer("profile")),
        one(team, &[ch('f')], A::CycleFilter, "show one area's competencies, or all", Footer("area")),
        one(team, &[ch('/')], A::Find, "find a person or competency by name", Footer("find")),
        one(team, &[key(Esc)], A::Back, "clear the message", Help),
        one(team, &[ch('?')], A::ToggleHelp, "help: every key", Footer("help")),
        one(team, &[ch('q')], A::Quit, "quit", Footer("quit")),
        one(team_search, &[key(Enter)], A::Confirm, "keep the match and stop typing", Footer("done")),
        one(team_search, &[key(Esc)], A::Cancel, "stop typing", Footer("cancel")),
        one(team_help, &[key(Esc), ch('?'), ch('q')], A::Back, "close help", Footer("close")),
        pair(team_help, (UP_K, A::Up), (DOWN_J, A::Down), "scroll the help", Footer("scroll")),
        pair(team_help, (&[key(PageUp)], A::PageUp), (&[key(PageDown)], A::PageDown), "page up / down", Help),
        pair(team_help, (&[key(Home), ch('g')], A::Home), (&[key(End), ch('G')], A::End), "jump to start / end", Help),
    ]
}

/// The bindings of every screen, and those that work everywhere, even while typing.
#[rustfmt::skip]
fn everywhere_bindings() -> Vec<Binding> {
    use Intent as A;
    vec![
        // Every screen.
        pair(Scope::Screens, (&[key(PageUp)], A::PageUp), (&[key(PageDown)], A::PageDown), "page up / down", Help),
        pair(Scope::Screens, (&[key(Home), ch('g')], A::Home), (&[key(End), ch('G')], A::End), "jump to start / end", Help),
        pair(Scope::Screens, (&[key(Tab)], A::NextScreen), (&[key(BackTab)], A::PrevScreen), "next / previous screen", Footer("screen")),
        one(Scope::Screens, &[ch('?')], A::ToggleHelp, "help: every key", Footer("help")),
        one(Scope::Screens, &[ch('q')], A::Quit, "save and quit", Footer("quit")),
        one(Scope::Screens, &[ch('z')], A::Undo, "undo a rating, note or plan change", Footer("undo")),
        one(Scope::Screens, &[ch('Z')], A::Redo, "redo what was undone", Footer("redo")),
        // Everywhere, even while typing.
        one(Scope::Always, &[(KeyCode::Char('c'), CTRL)], A::Quit, "save and quit, from anywhere (a note being typed is kept)", Footer("save and quit")),
        one(Scope::Always, &[(KeyCode::Char('z'), CTRL)], A::Suspend, "suspend to the shell (fg to come back)", Help),
    ]
}

/// The bindings in effect: the table with the configuration's rebindings, installed once at
/// start by [`configure`]; the table alone if nothing was configured.
static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();

/// Every key binding of rolefit, built once.
pub fn bindings() -> &'static [Binding] {
    TABLE.get_or_init(table)
}

/// Scopes that are live in a mode, most specific first.
fn scopes(mode: Mode) -> Vec<Scope> {
    match mode {
        Mode::Screen(_) => vec![Scope::In(mode), Scope::Screens, Scope::Always],
        _ => vec![Scope::In(mode), Scope::Always],
    }
}

fn normalise(key: &KeyEvent) -> Key {
    let mut modifiers = key.modifiers;
    // Terminals report capitals and shifted symbols with SHIFT; the character already says it.
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    (key.code, modifiers)
}

/// Maps a terminal event to a message for whoever has the keyboard: a key or a paste to what
/// it means (an intent), a resize or a click to the event the app resolves itself.
pub fn map_event(event: &Event, mode: Mode) -> Option<Msg> {
    let key = match event {
        Event::Resize(w, h) => return Some(AppEvent::Resize(*w, *h).into()),
        // A paste goes into the text field being edited, in one piece, and nowhere else: on a
        // screen its characters would otherwise act as keys.
        Event::Paste(text) if mode.is_text() => {
            return Some(Intent::Paste(text.replace("\r\n", "\n").replace('\r', "\n")).into());
        }
        Event::Paste(_) => return None,
        // Clicks and the wheel; the app resolves them against the last frame.
        Event::Mouse(mouse) => {
            use ratatui::crossterm::event::{MouseButton, MouseEventKind};
            return matches!(
                mouse.kind,
                MouseEventKind::Down(MouseButton::Left)
                    | MouseEventKind::ScrollDown
                    | MouseEventKind::ScrollUp
            )
            .then(|| AppEvent::Mouse(*mouse).into());
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => key,
        _ => return None,
    };
    let pressed = normalise(key);
    let bound = scopes(mode).into_iter().find_map(|scope| {
        bindings()
            .iter()
            .filter(|b| b.scope == scope)
            .find_map(|b| b.action_for(&pressed).cloned())
    });
    let intent = match bound {
        Some(action) => Some(action),
        // A text field takes every other key as typing.
        None if mode.is_text() => Some(Intent::Edit(Input::from(*key))),
        None => None,
    };
    intent.map(Msg::Intent)
}

/// Whether `event` is a key that quits from anywhere (Ctrl-C, unless rebound): leaving a
/// person's Results with it ends the team view too.
pub fn quits_everywhere(event: &Event) -> bool {
    let Event::Key(key) = event else {
        return false;
    };
    if key.kind != KeyEventKind::Press {
        return false;
    }
    let pressed = normalise(key);
    bindings()
        .iter()
        .filter(|b| b.scope == Scope::Always)
        .any(|b| b.action_for(&pressed) == Some(&Intent::Quit))
}

/// Maps a terminal event to a message in the team view: its mode's keys, then those that work
/// everywhere (Ctrl-C, Ctrl-Z); while searching, other keys type.
pub fn map_team_event(event: &Event, mode: TeamMode) -> Option<Msg> {
    let key = match event {
        Event::Resize(w, h) => return Some(AppEvent::Resize(*w, *h).into()),
        Event::Paste(text) if mode == TeamMode::Search => {
            return Some(Intent::Paste(text.clone()).into());
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => key,
        _ => return None,
    };
    let pressed = normalise(key);
    let bound = [Scope::Team(mode), Scope::Always]
        .into_iter()
        .find_map(|scope| {
            bindings()
                .iter()
                .filter(|b| b.scope == scope)
                .find_map(|b| b.action_for(&pressed).cloned())
        });
    let intent = match bound {
        Some(action) => Some(action),
        None if mode == TeamMode::Search => Some(Intent::Edit(Input::from(*key))),
        None => None,
    };
    intent.map(Msg::Intent)
}

/// The team view's bindings for a mode, for its footer and help: its own, then those of
/// everywhere that only the help lists (Ctrl-Z).
pub fn team_bindings(mode: TeamMode) -> Vec<&'static Binding> {
    let own = bindings()
        .iter()
        .filter(move |b| b.scope == Scope::Team(mode));
    let always = bindings()
        .iter()
        .filter(|b| b.scope == Scope::Always && b.show == Show::Help);
    own.chain(always).collect()
}

/// The keys that do `action` in the team view's `mode`, as written for the user ("q"), for
/// hints in prose; "—" if none is bound.
pub fn team_keys_for(mode: TeamMode, action: &Intent) -> String {
    keys_in(team_bindings(mode), action)
}

/// The keys of `bindings` that do `action`, as written for the user; "—" if none does.
fn keys_in<'a>(bindings: impl IntoIterator<Item = &'a Binding>, action: &Intent) -> String {
    let keys: Vec<Key> = bindings
        .into_iter()
        .flat_map(|b| b.groups.iter())
        .filter(|(_, a)| a == action)
        .flat_map(|(k, _)| k.clone())
        .collect();
    if keys.is_empty() {
        UNBOUND.to_string()
    } else {
        label_of(&keys)
    }
}

/// The bindings to list for a mode, leaving out those that write when the file is read-only.
pub fn listed_bindings(mode: Mode, read_only: bool) -> Vec<&'static Binding> {
    visible_bindings(mode)
        .into_iter()
        .filter(|b| !(read_only && b.writes()))
        .collect()
}

/// The keys that record a level of `scale` in `mode`, as the footer writes them: "0-5" on the
/// built-in scale, "1-7" on a 1–7 one; "—" where no key does.
pub fn level_keys(mode: Mode, scale: &Scale) -> String {
    scopes(mode)
        .into_iter()
        .find_map(|scope| {
            bindings().iter().find(|b| {
                b.scope == scope
                    && b.groups
                        .iter()
                        .any(|(_, a)| matches!(a, Intent::Rate(Rating::Level(_))))
            })
        })
        .map(|b| b.on_scale(scale))
        .filter(|b| !b.groups.is_empty())
        .map_or_else(|| UNBOUND.to_string(), |b| b.short_label())
}

/// The keys that record "none" (below the first level) in `mode`, e.g. "-".
pub fn none_keys(mode: Mode) -> String {
    keys_for(mode, &Intent::Rate(Rating::Level(Level::NONE)))
}

/// The bindings to list for a mode: its own first, then those of every screen.
pub fn visible_bindings(mode: Mode) -> Vec<&'static Binding> {
    // Ctrl-C is listed where `q` does not quit: in the text fields. On a screen, the help
    // lists the keys of everywhere that only the help names (Ctrl-Z).
    let scopes: Vec<Scope> = match mode {
        Mode::Screen(_) => vec![Scope::In(mode), Scope::Screens, Scope::Always],
        _ if mode.is_text() => vec![Scope::In(mode), Scope::Always],
        _ => vec![Scope::In(mode)],
    };
    let listed =
        move |b: &Binding| b.scope != Scope::Always || mode.is_text() || b.show == Show::Help;
    scopes
        .into_iter()
        .flat_map(|scope| bindings().iter().filter(move |b| b.scope == scope))
        .filter(|b| listed(b))
        .collect()
}

/// The keys that do `action` in `mode`, as written for the user ("w", "Esc", "←→/hl"), for
/// hints in prose; "—" if none is bound, which a test rules out for every hint rolefit gives.
pub fn keys_for(mode: Mode, action: &Intent) -> String {
    keys_in(binding_for(mode, action), action)
}

/// The binding that does `action` in `mode`, the most specific first.
fn binding_for(mode: Mode, action: &Intent) -> Option<&'static Binding> {
    scopes(mode).into_iter().find_map(|scope| {
        bindings()
            .iter()
            .find(|b| b.scope == scope && b.does(action))
    })
}

/// The footer label of the whole binding that does `action` in `mode` ("←→" for either
/// direction).
pub fn binding_short_label(mode: Mode, action: &Intent) -> String {
    binding_for(mode, action).map_or_else(|| UNBOUND.to_string(), Binding::short_label)
}

/// What `keys_for` says of an action no key does.
pub const UNBOUND: &str = "—";

/// The first key that does `action` in `mode` ("J" for scrolling down), for short hints.
pub fn first_key(mode: Mode, action: &Intent) -> String {
    let label = keys_for(mode, action);
    label
        .split('/')
        .find(|part| !part.is_empty())
        .unwrap_or(&label)
        .to_string()
}

#[cfg(test)]
mod tests;
