//! Keys to actions: one table, looked up by context. Key releases are ignored.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::Input;

use crate::app::{Action, App, PlanField, Prompt};
use crate::domain::{Level, Rating, Screen};

/// Where a binding applies.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every screen, when no overlay, prompt or editor has the keyboard.
    Global,
    /// One screen.
    On(Screen),
    /// The help overlay.
    Help,
    /// A prompt of this kind.
    Prompt(PromptKind),
    /// The plan editor's target field.
    PlanTarget,
}

/// Prompt kinds, for the keymap.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Unreadable,
    Locked,
    ConfirmQuit,
}

/// What decides which bindings are live.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Context {
    pub screen: Screen,
    pub editing: bool,
    pub help: bool,
    pub prompt: Option<PromptKind>,
    /// The plan editor's field with the keyboard, when it is open.
    pub plan: Option<PlanField>,
    /// A round's label is being typed (Enter closes the round, Esc cancels).
    pub round_label: bool,
}

impl Context {
    /// The context of an app as it is now.
    pub fn of(app: &App) -> Context {
        Context {
            screen: app.screen,
            editing: app.editing(),
            help: app.help,
            prompt: app.prompt.as_ref().map(|p| match p {
                Prompt::Unreadable(_) => PromptKind::Unreadable,
                Prompt::Locked => PromptKind::Locked,
                Prompt::ConfirmQuit(_) => PromptKind::ConfirmQuit,
            }),
            plan: app.plan_editor().map(|p| p.field),
            round_label: app.round_label.is_some(),
        }
    }
}

/// One key (or a group of equivalent keys) bound to an action.
#[derive(Clone, Debug)]
pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub scope: Scope,
    pub action: Action,
    /// How the keys are written in the footer and help, e.g. "↑↓/jk".
    pub key_label: &'static str,
    /// What it does, briefly.
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
    /// Covered by another binding's listing (e.g. "0-5").
    Hidden,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

const fn rate(n: u8) -> Action {
    Action::Rate(Rating::Level(Level::from_const(n)))
}

macro_rules! bind {
    ($scope:expr, [$($k:expr),+], $action:expr, $label:literal, $help:literal, $show:expr) => {
        Binding {
            keys: const { &[$($k),+] },
            scope: $scope,
            action: $action,
            key_label: $label,
            help: $help,
            show: $show,
        }
    };
}

use Scope::{Global, Help, On};

/// Every key binding of rolefit. Order matters only for display.
pub fn bindings() -> &'static [Binding] {
    static TABLE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        #[rustfmt::skip]
        let table = vec![
            // Prompts take over the keyboard.
            bind!(Scope::Prompt(PromptKind::Unreadable), [ch('f')], Action::StartFresh, "f", "move the file aside and start fresh", Show::Footer("start fresh")),
            bind!(Scope::Prompt(PromptKind::Unreadable), [ch('q'), key(KeyCode::Esc)], Action::Cancel, "q", "quit and leave the file as it is", Show::Footer("quit")),
            bind!(Scope::Prompt(PromptKind::Locked), [ch('r')], Action::OpenReadOnly, "r", "open read-only", Show::Footer("read-only")),
            bind!(Scope::Prompt(PromptKind::Locked), [ch('q'), key(KeyCode::Esc)], Action::Cancel, "q", "quit", Show::Footer("quit")),
            bind!(Scope::Prompt(PromptKind::ConfirmQuit), [ch('y')], Action::Confirm, "y", "quit and lose unsaved changes", Show::Footer("quit anyway")),
            bind!(Scope::Prompt(PromptKind::ConfirmQuit), [ch('n'), key(KeyCode::Esc)], Action::Cancel, "n", "stay (saving is retried)", Show::Footer("stay")),
            // Help overlay.
            bind!(Help, [key(KeyCode::Esc), ch('?')], Action::Back, "Esc/?", "close help", Show::Footer("close")),
            bind!(Help, [ch('q')], Action::Quit, "q", "save and quit", Show::Footer("quit")),
            // Roles.
            bind!(On(Screen::Roles), [key(KeyCode::Left), ch('h'), key(KeyCode::Right), ch('l')], Action::Right, "←→/hl", "switch pane", Show::Footer("pane")),
            bind!(On(Screen::Roles), [key(KeyCode::Up), ch('k'), key(KeyCode::Down), ch('j')], Action::Down, "↑↓/jk", "scroll the pane", Show::Footer("scroll")),
            bind!(On(Screen::Roles), [ch('f')], Action::ToggleFlavours, "f", "show / hide the PMO flavours", Show::Footer("flavours")),
            bind!(On(Screen::Roles), [key(KeyCode::Enter)], Action::Activate, "Enter", "go to the grid", Show::Help),
            bind!(On(Screen::Roles), [key(KeyCode::Esc)], Action::Back, "Esc", "hide the welcome / flavours", Show::Help),
            // Grid.
            bind!(On(Screen::Grid), [key(KeyCode::Up), ch('k'), key(KeyCode::Down), ch('j')], Action::Down, "↑↓/jk", "move between rows", Show::Footer("move")),
            bind!(On(Screen::Grid), [key(KeyCode::Left), ch('h'), key(KeyCode::Right), ch('l')], Action::Right, "←→/hl", "move between columns", Show::Footer("column")),
            bind!(On(Screen::Grid), [key(KeyCode::Enter)], Action::Activate, "Enter", "open an area / rate the competency", Show::Footer("open")),
            bind!(On(Screen::Grid), [key(KeyCode::Esc)], Action::Back, "Esc", "close the area", Show::Help),
            bind!(On(Screen::Grid), [ch('J'), (KeyCode::Down, KeyModifiers::SHIFT)], Action::ScrollDetail(1), "J/S-↓", "scroll the detail pane down", Show::Help),
            bind!(On(Screen::Grid), [ch('K'), (KeyCode::Up, KeyModifiers::SHIFT)], Action::ScrollDetail(-1), "K/S-↑", "scroll the detail pane up", Show::Help),
            bind!(On(Screen::Grid), [ch('t')], Action::CycleTarget, "t", "change the target profile for gaps", Show::Footer("target")),
            // Rate.
            bind!(On(Screen::Rate), [ch('0')], rate(0), "0-5", "record that level and move on", Show::Footer("rate")),
            bind!(On(Screen::Rate), [ch('1')], rate(1), "1", "record level 1", Show::Hidden),
            bind!(On(Screen::Rate), [ch('2')], rate(2), "2", "record level 2", Show::Hidden),
            bind!(On(Screen::Rate), [ch('3')], rate(3), "3", "record level 3", Show::Hidden),
            bind!(On(Screen::Rate), [ch('4')], rate(4), "4", "record level 4", Show::Hidden),
            bind!(On(Screen::Rate), [ch('5')], rate(5), "5", "record level 5", Show::Hidden),
            bind!(On(Screen::Rate), [ch('n')], Action::Rate(Rating::NotApplicable), "n", "record N/A (not part of your work) and move on", Show::Footer("N/A")),
            bind!(On(Screen::Rate), [key(KeyCode::Left), ch('h'), key(KeyCode::Right), ch('l')], Action::Right, "←→/hl", "previous / next competency", Show::Footer("prev/next")),
            bind!(On(Screen::Rate), [key(KeyCode::Up), ch('k'), key(KeyCode::Down), ch('j')], Action::Down, "↑↓/jk", "highlight a level", Show::Help),
            bind!(On(Screen::Rate), [key(KeyCode::Enter)], Action::Activate, "Enter", "record the highlighted level", Show::Help),
            bind!(On(Screen::Rate), [ch('J'), (KeyCode::Down, KeyModifiers::SHIFT)], Action::ScrollDetail(1), "J/S-↓", "scroll the competency text down", Show::Help),
            bind!(On(Screen::Rate), [ch('K'), (KeyCode::Up, KeyModifiers::SHIFT)], Action::ScrollDetail(-1), "K/S-↑", "scroll the competency text up", Show::Help),
            bind!(On(Screen::Rate), [ch('u')], Action::NextUnrated, "u", "jump to the next unrated competency", Show::Footer("unrated")),
            bind!(On(Screen::Rate), [ch('e')], Action::EditNote, "e", "edit the note (evidence)", Show::Footer("note")),
            bind!(On(Screen::Rate), [ch('x'), key(KeyCode::Delete), key(KeyCode::Backspace)], Action::ClearRating, "x/Del", "clear the rating", Show::Help),
            bind!(On(Screen::Rate), [key(KeyCode::Esc)], Action::Back, "Esc", "back to the grid", Show::Help),
            // Results.
            bind!(On(Screen::Results), [key(KeyCode::Up), ch('k'), key(KeyCode::Down), ch('j')], Action::Down, "↑↓/jk", "move in the gap table", Show::Footer("move")),
            bind!(On(Screen::Results), [key(KeyCode::Enter), ch('p')], Action::OpenPlan, "Enter/p", "plan: your target and next action", Show::Footer("plan")),
            bind!(On(Screen::Results), [ch('w')], Action::ToggleWhatIf, "w", "what-if: try other levels (again to discard)", Show::Footer("what-if")),
            bind!(On(Screen::Results), [ch('t')], Action::CycleTarget, "t", "change the target profile", Show::Footer("target")),
            bind!(On(Screen::Results), [ch('v')], Action::SwitchView, "v", "show areas / gaps (small terminals)", Show::Footer("view")),
            bind!(On(Screen::Results), [ch('s')], Action::CycleSort, "s", "sort the gap table", Show::Footer("sort")),
            bind!(On(Screen::Results), [ch('f')], Action::CycleFilter, "f", "filter the gap table", Show::Footer("filter")),
            bind!(On(Screen::Results), [ch('c')], Action::CloseRound, "c", "close a round (to compare with later)", Show::Footer("round")),
            bind!(On(Screen::Results), [ch('x')], Action::ExportReport, "x", "write a Markdown report to a file", Show::Footer("report")),
            bind!(On(Screen::Results), [ch('a')], Action::ApplyWhatIf, "a", "keep the what-if levels as ratings", Show::Help),
            bind!(On(Screen::Results), [key(KeyCode::Left), ch('h'), key(KeyCode::Right), ch('l')], Action::Right, "←→/hl", "what-if: lower / raise the level", Show::Help),
            bind!(On(Screen::Results), [ch('0')], rate(0), "0-5", "what-if: set the level", Show::Help),
            bind!(On(Screen::Results), [ch('1')], rate(1), "1", "what-if level 1", Show::Hidden),
            bind!(On(Screen::Results), [ch('2')], rate(2), "2", "what-if level 2", Show::Hidden),
            bind!(On(Screen::Results), [ch('3')], rate(3), "3", "what-if level 3", Show::Hidden),
            bind!(On(Screen::Results), [ch('4')], rate(4), "4", "what-if level 4", Show::Hidden),
            bind!(On(Screen::Results), [ch('5')], rate(5), "5", "what-if level 5", Show::Hidden),
            bind!(On(Screen::Results), [key(KeyCode::Esc)], Action::Back, "Esc", "discard the what-if", Show::Help),
            // Plan editor, target field (the action field takes text; Tab switches, Esc closes).
            bind!(Scope::PlanTarget, [ch('0')], rate(0), "0-5", "set your target level", Show::Footer("target")),
            bind!(Scope::PlanTarget, [ch('1')], rate(1), "1", "target 1", Show::Hidden),
            bind!(Scope::PlanTarget, [ch('2')], rate(2), "2", "target 2", Show::Hidden),
            bind!(Scope::PlanTarget, [ch('3')], rate(3), "3", "target 3", Show::Hidden),
            bind!(Scope::PlanTarget, [ch('4')], rate(4), "4", "target 4", Show::Hidden),
            bind!(Scope::PlanTarget, [ch('5')], rate(5), "5", "target 5", Show::Hidden),
            bind!(Scope::PlanTarget, [key(KeyCode::Left), ch('h'), key(KeyCode::Right), ch('l')], Action::Right, "←→", "lower / raise the target", Show::Footer("adjust")),
            bind!(Scope::PlanTarget, [ch('x'), key(KeyCode::Delete), key(KeyCode::Backspace)], Action::ClearRating, "x/Del", "no personal target", Show::Footer("clear")),
            bind!(Scope::PlanTarget, [key(KeyCode::Tab), key(KeyCode::Enter)], Action::SwitchField, "Tab/Enter", "go to the next action", Show::Footer("action")),
            bind!(Scope::PlanTarget, [key(KeyCode::Esc)], Action::Back, "Esc", "save the plan and close", Show::Footer("done")),
            // Everywhere.
            bind!(Global, [key(KeyCode::PageUp), key(KeyCode::PageDown)], Action::PageDown, "PgUp/PgDn", "page up / down", Show::Help),
            bind!(Global, [key(KeyCode::Home), ch('g'), key(KeyCode::End), ch('G')], Action::End, "Home/End g/G", "jump to start / end", Show::Help),
            bind!(Global, [key(KeyCode::Tab), key(KeyCode::BackTab)], Action::NextScreen, "Tab/S-Tab", "next / previous screen", Show::Footer("screen")),
            bind!(Global, [ch('?')], Action::ToggleHelp, "?", "help: every key", Show::Footer("help")),
            bind!(Global, [ch('q'), (KeyCode::Char('c'), CTRL)], Action::Quit, "q", "save and quit", Show::Footer("quit")),
        ];
        table
    })
}

/// Pairs of keys in one binding that mean opposite directions.
fn directional(code: KeyCode, action: &Action) -> Action {
    use KeyCode::*;
    let backwards = matches!(
        code,
        Left | Up | PageUp | Home | BackTab | Char('h') | Char('k') | Char('g')
    );
    match (action, backwards) {
        (Action::Right, true) => Action::Left,
        (Action::Down, true) => Action::Up,
        (Action::PageDown, true) => Action::PageUp,
        (Action::End, true) => Action::Home,
        (Action::NextScreen, true) => Action::PrevScreen,
        (other, _) => other.clone(),
    }
}

fn normalise(key: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut modifiers = key.modifiers;
    // Terminals report capitals and shifted symbols with SHIFT; the character already says it.
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    (key.code, modifiers)
}

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Maps a terminal event to an action in a context.
pub fn map_event(event: &Event, context: Context) -> Option<Action> {
    let key = match event {
        Event::Resize(w, h) => return Some(Action::Resize(*w, *h)),
        Event::Key(key) if key.kind == KeyEventKind::Press => key,
        _ => return None,
    };
    if is_ctrl_c(key) {
        return Some(Action::Quit);
    }
    if let Some(kind) = context.prompt {
        return lookup(key, |s| s == Scope::Prompt(kind));
    }
    if context.round_label {
        return Some(match key.code {
            KeyCode::Esc => Action::Cancel,
            KeyCode::Enter => Action::Confirm,
            _ => Action::Edit(Input::from(*key)),
        });
    }
    match context.plan {
        Some(PlanField::Target) => return lookup(key, |s| s == Scope::PlanTarget),
        Some(PlanField::Action) => {
            return Some(match key.code {
                KeyCode::Esc => Action::CloseEditor,
                KeyCode::Tab | KeyCode::BackTab => Action::SwitchField,
                _ => Action::Edit(Input::from(*key)),
            });
        }
        None => {}
    }
    if context.editing {
        return Some(if key.code == KeyCode::Esc {
            Action::CloseEditor
        } else {
            Action::Edit(Input::from(*key))
        });
    }
    if context.help {
        return lookup(key, |s| s == Help);
    }
    lookup(key, |s| s == On(context.screen)).or_else(|| lookup(key, |s| s == Global))
}

fn lookup(key: &KeyEvent, scope: impl Fn(Scope) -> bool) -> Option<Action> {
    let pressed = normalise(key);
    bindings()
        .iter()
        .filter(|b| scope(b.scope))
        .find(|b| b.keys.contains(&pressed))
        .map(|b| directional(pressed.0, &b.action))
}

/// The bindings to show for a context: the specific ones first, then the global ones.
pub fn visible_bindings(context: Context) -> Vec<&'static Binding> {
    let scopes: Vec<Scope> = if let Some(kind) = context.prompt {
        vec![Scope::Prompt(kind)]
    } else if context.plan == Some(PlanField::Target) {
        vec![Scope::PlanTarget]
    } else if context.help {
        vec![Help]
    } else {
        vec![On(context.screen), Global]
    };
    scopes
        .into_iter()
        .flat_map(|scope| bindings().iter().filter(move |b| b.scope == scope))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn on(screen: Screen) -> Context {
        Context {
            screen,
            editing: false,
            help: false,
            prompt: None,
            plan: None,
            round_label: false,
        }
    }

    #[test]
    fn fixed_keys_map_as_the_product_says() {
        let cases = [
            (Screen::Roles, KeyCode::Tab, Action::NextScreen),
            (Screen::Grid, KeyCode::BackTab, Action::PrevScreen),
            (Screen::Grid, KeyCode::Up, Action::Up),
            (Screen::Grid, KeyCode::Char('j'), Action::Down),
            (Screen::Grid, KeyCode::Char('h'), Action::Left),
            (Screen::Grid, KeyCode::Right, Action::Right),
            (Screen::Grid, KeyCode::PageUp, Action::PageUp),
            (Screen::Grid, KeyCode::PageDown, Action::PageDown),
            (Screen::Grid, KeyCode::Home, Action::Home),
            (Screen::Grid, KeyCode::Char('g'), Action::Home),
            (Screen::Grid, KeyCode::Char('G'), Action::End),
            (Screen::Grid, KeyCode::Enter, Action::Activate),
            (Screen::Rate, KeyCode::Char('3'), rate(3)),
            (Screen::Rate, KeyCode::Char('0'), rate(0)),
            (
                Screen::Rate,
                KeyCode::Char('n'),
                Action::Rate(Rating::NotApplicable),
            ),
            (Screen::Rate, KeyCode::Char('e'), Action::EditNote),
            (Screen::Results, KeyCode::Char('?'), Action::ToggleHelp),
            (Screen::Results, KeyCode::Char('q'), Action::Quit),
        ];
        for (screen, code, action) in cases {
            assert_eq!(
                map_event(&press(code), on(screen)),
                Some(action),
                "{code:?} on {screen:?}"
            );
        }
    }

    #[test]
    fn ctrl_c_quits_everywhere_even_in_the_editor() {
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        let mut context = on(Screen::Rate);
        context.editing = true;
        assert_eq!(map_event(&ctrl_c, context), Some(Action::Quit));
        context.editing = false;
        context.prompt = Some(PromptKind::ConfirmQuit);
        assert_eq!(map_event(&ctrl_c, context), Some(Action::Quit));
    }

    #[test]
    fn the_editor_takes_typing_and_esc_leaves_it() {
        let mut context = on(Screen::Rate);
        context.editing = true;
        assert!(matches!(
            map_event(&press(KeyCode::Char('q')), context),
            Some(Action::Edit(_))
        ));
        assert!(matches!(
            map_event(&press(KeyCode::Tab), context),
            Some(Action::Edit(_))
        ));
        assert_eq!(
            map_event(&press(KeyCode::Esc), context),
            Some(Action::CloseEditor)
        );
    }

    #[test]
    fn releases_are_ignored_and_shifted_capitals_match() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(map_event(&Event::Key(release), on(Screen::Grid)), None);
        let shifted = Event::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(map_event(&shifted, on(Screen::Grid)), Some(Action::End));
        let backtab = Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(
            map_event(&backtab, on(Screen::Grid)),
            Some(Action::PrevScreen)
        );
    }

    #[test]
    fn digits_do_nothing_outside_rate_and_help_swallows_screen_keys() {
        assert_eq!(
            map_event(&press(KeyCode::Char('3')), on(Screen::Grid)),
            None
        );
        let mut context = on(Screen::Grid);
        context.help = true;
        assert_eq!(map_event(&press(KeyCode::Enter), context), None);
        assert_eq!(map_event(&press(KeyCode::Esc), context), Some(Action::Back));
    }

    #[test]
    fn prompts_only_take_their_own_answers() {
        let mut context = on(Screen::Grid);
        context.prompt = Some(PromptKind::Unreadable);
        assert_eq!(
            map_event(&press(KeyCode::Char('f')), context),
            Some(Action::StartFresh)
        );
        assert_eq!(map_event(&press(KeyCode::Tab), context), None);
        context.prompt = Some(PromptKind::Locked);
        assert_eq!(
            map_event(&press(KeyCode::Char('r')), context),
            Some(Action::OpenReadOnly)
        );
        context.prompt = Some(PromptKind::ConfirmQuit);
        assert_eq!(
            map_event(&press(KeyCode::Char('y')), context),
            Some(Action::Confirm)
        );
        assert_eq!(
            map_event(&press(KeyCode::Char('n')), context),
            Some(Action::Cancel)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let table = bindings();
        for (i, a) in table.iter().enumerate() {
            for b in &table[i + 1..] {
                if a.scope == b.scope {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.scope);
                    }
                }
            }
        }
    }
}
