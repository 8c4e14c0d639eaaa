//! Key bindings from the configuration file: names for the keymap's contexts (its scopes), for
//! actions and for keys, and the rebindings laid over the built-in table. A rebinding replaces
//! the keys of one action in one context; the result is checked so that no key means two
//! things wherever it is live, and installed once at start, before the first key is read.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Key, Scope, TABLE, scopes, table};
use crate::app::{Intent, Mode, PlanField, PromptKind};
use crate::domain::{Rating, Screen};

/// Every context a configuration can rebind, by its name in `[keys.NAME]`.
pub fn contexts() -> Vec<(&'static str, Scope)> {
    use Mode as M;
    vec![
        ("screens", Scope::Screens),
        ("always", Scope::Always),
        ("roles", Scope::In(M::Screen(Screen::Roles))),
        ("grid", Scope::In(M::Screen(Screen::Grid))),
        ("rate", Scope::In(M::Screen(Screen::Rate))),
        ("results", Scope::In(M::Screen(Screen::Results))),
        ("plan", Scope::In(M::Screen(Screen::Plan))),
        ("plan-field", Scope::In(M::PlanInput)),
        ("help", Scope::In(M::Help)),
        ("note", Scope::In(M::Note)),
        ("plan-target", Scope::In(M::Plan(PlanField::Target))),
        ("plan-action", Scope::In(M::Plan(PlanField::Action))),
        ("round-label", Scope::In(M::RoundLabel)),
        ("name", Scope::In(M::Name)),
        ("search", Scope::In(M::Search)),
        ("team", Scope::Team(crate::team::TeamMode::Browse)),
        ("team-search", Scope::Team(crate::team::TeamMode::Search)),
        ("team-help", Scope::Team(crate::team::TeamMode::Help)),
        (
            "prompt-unreadable",
            Scope::In(M::Prompt(PromptKind::Unreadable)),
        ),
        ("prompt-locked", Scope::In(M::Prompt(PromptKind::Locked))),
        (
            "prompt-confirm-quit",
            Scope::In(M::Prompt(PromptKind::ConfirmQuit)),
        ),
        (
            "prompt-discard-what-if",
            Scope::In(M::Prompt(PromptKind::DiscardWhatIf)),
        ),
        (
            "prompt-quit-what-if",
            Scope::In(M::Prompt(PromptKind::QuitWhatIf)),
        ),
        ("prompt-rerate", Scope::In(M::Prompt(PromptKind::Rerate))),
    ]
}

/// The name of a context, as `[keys.NAME]` writes it.
pub fn context_name(scope: Scope) -> Option<&'static str> {
    contexts()
        .into_iter()
        .find(|(_, s)| *s == scope)
        .map(|(name, _)| name)
}

/// The stable name of a bound action in the configuration: `next-screen`, `rate-3`, `quit`.
/// `None` for what no binding names (a key typed into a field, a paste).
pub fn action_name(action: &Intent) -> Option<String> {
    let name = match action {
        Intent::NextScreen => "next-screen",
        Intent::PrevScreen => "prev-screen",
        Intent::Up => "up",
        Intent::Down => "down",
        Intent::Left => "left",
        Intent::Right => "right",
        Intent::PageUp => "page-up",
        Intent::PageDown => "page-down",
        Intent::Home => "home",
        Intent::End => "end",
        Intent::Activate => "activate",
        Intent::Back => "back",
        Intent::ToggleHelp => "toggle-help",
        Intent::Quit => "quit",
        Intent::Suspend => "suspend",
        Intent::Rate(Rating::Level(level)) if level.is_none() => "rate-none",
        Intent::Rate(Rating::Level(level)) => return Some(format!("rate-{}", level.value())),
        Intent::Rate(Rating::NotApplicable) => "rate-na",
        Intent::ClearRating => "clear-rating",
        Intent::NextUnrated => "next-unrated",
        Intent::ToggleTargets => "toggle-targets",
        Intent::EditNote => "edit-note",
        Intent::Edit(input) if input.key == ratatui_textarea::Key::Enter => "new-line",
        Intent::CloseEditor => "close-editor",
        Intent::CycleTarget => "cycle-target",
        Intent::ToggleFlavours => "toggle-flavours",
        Intent::ScrollDetail(n) if *n > 0 => "scroll-detail-down",
        Intent::ScrollDetail(_) => "scroll-detail-up",
        Intent::CycleSort => "cycle-sort",
        Intent::CycleFilter => "cycle-filter",
        Intent::SwitchView => "switch-view",
        Intent::OpenPlan => "open-plan",
        Intent::RateSelected => "rate-selected",
        Intent::SwitchField => "switch-field",
        Intent::ToggleWhatIf => "toggle-what-if",
        Intent::ApplyWhatIf => "apply-what-if",
        Intent::CloseRound => "close-round",
        Intent::ExportReport(crate::export::Format::Html) => "export-html",
        Intent::ExportReport(_) => "export-report",
        Intent::EditName => "edit-name",
        Intent::Confirm => "confirm",
        Intent::Cancel => "cancel",
        Intent::StartFresh => "start-fresh",
        Intent::OpenReadOnly => "open-read-only",
        Intent::EditNoteExternally => "edit-note-in-editor",
        Intent::Undo => "undo",
        Intent::OpenSearch => "search",
        Intent::Find => "find",
        Intent::Redo => "redo",
        Intent::AddAction => "add-action",
        Intent::ChooseForAction => "choose-and-add-action",
        Intent::EditAction => "edit-action",
        Intent::SetDue => "set-due",
        Intent::MarkDone => "mark-done",
        Intent::CycleStatus => "cycle-status",
        Intent::DeleteAction => "delete-action",
        _ => return None,
    };
    Some(name.to_string())
}

/// The action a configuration names, among those the built-in table binds.
pub fn action_from_name(name: &str) -> Option<Intent> {
    table()
        .into_iter()
        .flat_map(|b| b.groups.into_iter().map(|(_, action)| action))
        .find(|action| action_name(action).as_deref() == Some(name))
}

/// A key the configuration names that is none; the message says how to write one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadKey {
    /// A control character typed as it is.
    #[error("{0:?} is a control character; write e.g. \"ctrl-c\" or \"tab\"")]
    Control(String),
    /// `shift-` before a character.
    #[error("{0:?}: write the shifted character itself (e.g. \"Q\" for shift-q)")]
    Shifted(String),
    /// No key of that name.
    #[error(
        "unknown key {0:?}; write a character (q, Q, ?), or a name such as enter, esc, tab, \
         shift-tab, space, up, down, left, right, pgup, pgdn, home, end, del, backspace, f1, \
         with ctrl-, alt- or shift- before it"
    )]
    Unknown(String),
}

/// A key as the configuration writes it: `q`, `Q`, `?`, `ctrl-c`, `enter`, `shift-tab`,
/// `pgdn`, `f1`, `space`, `del`. Letters are case-sensitive; names and modifiers are not.
pub fn parse_key(text: &str) -> Result<Key, BadKey> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            Err(BadKey::Control(text.to_string()))
        } else {
            Ok((KeyCode::Char(c), KeyModifiers::NONE))
        };
    }
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (modifier, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        if rest.len() == len {
            break;
        }
        modifiers |= modifier;
        rest = &rest[len..];
    }
    let unknown = || BadKey::Unknown(text.to_string());
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => {
            if modifiers.contains(KeyModifiers::SHIFT) {
                return Err(BadKey::Shifted(text.to_string()));
            }
            let c = if modifiers.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            };
            KeyCode::Char(c)
        }
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "del" | "delete" => KeyCode::Delete,
            "backspace" | "bksp" => KeyCode::Backspace,
            "insert" | "ins" => KeyCode::Insert,
            name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=24) => KeyCode::F(n),
                _ => return Err(unknown()),
            },
        },
    };
    Ok((code, modifiers))
}

/// How the configuration writes a key; `parse_key` reads it back.
pub fn key_config_name((code, modifiers): &Key) -> String {
    let base = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::Delete => "del".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Insert => "insert".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    let mut prefix = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        prefix.push_str("ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        prefix.push_str("alt-");
    }
    if modifiers.contains(KeyModifiers::SHIFT) {
        prefix.push_str("shift-");
    }
    prefix + &base
}

/// One `ACTION = KEYS` entry of a `[keys.CONTEXT]` table, with the positions (any number the
/// caller chooses, e.g. byte offsets) its errors are reported at.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebinding {
    pub context: Scope,
    pub action: Intent,
    /// Each key with its position.
    pub keys: Vec<(Key, usize)>,
    /// The position of the entry (its action's name).
    pub at: usize,
}

/// A rebinding that cannot be used, at the position the caller gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RebindError {
    pub at: usize,
    pub message: String,
}

/// Every mode the keyboard can be in, for finding which contexts are live together.
fn modes() -> Vec<Mode> {
    contexts()
        .into_iter()
        .filter_map(|(_, scope)| match scope {
            Scope::In(mode) => Some(mode),
            _ => None,
        })
        .collect()
}

/// Whether two contexts are ever live at once (so one would hide the other's key).
fn live_together(a: Scope, b: Scope) -> bool {
    modes().into_iter().any(|mode| {
        let live = scopes(mode);
        live.contains(&a) && live.contains(&b)
    })
}

fn context_label(scope: Scope) -> String {
    context_name(scope).map_or_else(|| format!("{scope:?}"), |name| format!("[keys.{name}]"))
}

fn action_label(action: &Intent) -> String {
    action_name(action).unwrap_or_else(|| format!("{action:?}"))
}

/// The table with the rebindings laid over it: each replaces the keys of its action in its
/// context. Refused, at the offending entry or key: an action the context does not have, no
/// key, a key given to two actions where both are live (in one context, or a screen's key
/// hiding one of every screen), and a plain character in a context where it would be typed.
pub fn apply(
    mut bindings: Vec<Binding>,
    rebinds: &[Rebinding],
) -> Result<Vec<Binding>, RebindError> {
    for r in rebinds {
        let name = action_label(&r.action);
        if r.keys.is_empty() {
            return Err(RebindError {
                at: r.at,
                message: format!("`{name}` needs at least one key"),
            });
        }
        let keys: Vec<Key> = r.keys.iter().map(|(k, _)| *k).collect();
        let mut found = false;
        for binding in bindings.iter_mut().filter(|b| b.scope == r.context) {
            for (group, action) in &mut binding.groups {
                if *action == r.action {
                    group.clone_from(&keys);
                    found = true;
                }
            }
        }
        if !found {
            let elsewhere: Vec<String> = bindings
                .iter()
                .filter(|b| b.does(&r.action))
                .map(|b| context_label(b.scope))
                .fold(Vec::new(), |mut seen, c| {
                    if !seen.contains(&c) {
                        seen.push(c);
                    }
                    seen
                });
            let hint = if elsewhere.is_empty() {
                String::new()
            } else {
                format!("; it is in {}", elsewhere.join(", "))
            };
            return Err(RebindError {
                at: r.at,
                message: format!(
                    "`{name}` is not an action of {}{hint}",
                    context_label(r.context)
                ),
            });
        }
    }
    for (index, r) in rebinds.iter().enumerate() {
        for (key, at) in &r.keys {
            let shown = key_config_name(key);
            let text_field = matches!(r.context, Scope::In(mode) if mode.is_text());
            if text_field && matches!(key, (KeyCode::Char(_), KeyModifiers::NONE)) {
                return Err(RebindError {
                    at: *at,
                    message: format!(
                        "\"{shown}\" could not be typed in {} any more; choose a key with ctrl- \
                         or a named key",
                        context_label(r.context)
                    ),
                });
            }
            for b in &bindings {
                if b.scope != r.context && !live_together(b.scope, r.context) {
                    continue;
                }
                let Some((_, other)) = b.groups.iter().find(|(keys, _)| keys.contains(key)) else {
                    continue;
                };
                if *other == r.action {
                    continue;
                }
                // A conflict between two rebindings is reported at the later one.
                let other_rebound = rebinds
                    .iter()
                    .position(|o| o.context == b.scope && o.action == *other);
                if other_rebound.is_some_and(|o| o > index) {
                    continue;
                }
                let message = if b.scope == r.context {
                    format!(
                        "\"{shown}\" is already `{}` in {}; a key does one thing in a context \
                         (rebind that action too, or choose another key)",
                        action_label(other),
                        context_label(b.scope)
                    )
                } else {
                    format!(
                        "\"{shown}\" is `{}` in {}, which is live together with {}; rebind that \
                         action away from \"{shown}\" too, or choose another key",
                        action_label(other),
                        context_label(b.scope),
                        context_label(r.context)
                    )
                };
                return Err(RebindError { at: *at, message });
            }
        }
    }
    Ok(bindings)
}

/// Checks the rebindings against the built-in table, without installing them.
pub fn check(rebinds: &[Rebinding]) -> Result<(), RebindError> {
    apply(table(), rebinds).map(|_| ())
}

/// Installs the table with these rebindings as the one every key, footer, help and hint
/// reads. Call once at start, before anything maps a key; later calls change nothing.
pub fn configure(rebinds: &[Rebinding]) -> Result<(), RebindError> {
    let effective = apply(table(), rebinds)?;
    let _ = TABLE.set(effective);
    Ok(())
}

/// A string in TOML's basic form.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every context's default bindings as commented `[keys.CONTEXT]` tables, for `config init`:
/// `# quit = "q"   # save and quit`.
pub fn defaults_toml() -> String {
    let all = table();
    let mut out = String::new();
    for (name, scope) in contexts() {
        // One line per action: a rebinding replaces all of its keys in the context.
        let mut entries: Vec<(String, Vec<String>, &str)> = Vec::new();
        for b in all.iter().filter(|b| b.scope == scope) {
            for (keys, action) in &b.groups {
                let Some(action) = action_name(action) else {
                    continue;
                };
                let keys = keys.iter().map(|k| quoted(&key_config_name(k)));
                match entries.iter_mut().find(|(a, _, _)| *a == action) {
                    Some((_, known, _)) => known.extend(keys),
                    None => entries.push((action, keys.collect(), b.help)),
                }
            }
        }
        let lines: Vec<(String, String, &str)> = entries
            .into_iter()
            .map(|(action, keys, help)| {
                let value = if keys.len() == 1 {
                    keys[0].clone()
                } else {
                    format!("[{}]", keys.join(", "))
                };
                (action, value, help)
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("# [keys.{name}]\n"));
        let width = lines
            .iter()
            .map(|(a, v, _)| a.len() + v.len() + 3)
            .max()
            .unwrap_or(0);
        for (action, value, help) in lines {
            let entry = format!("{action} = {value}");
            out.push_str(&format!("# {entry:<width$}  # {help}\n"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
