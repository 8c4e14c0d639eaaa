//! The configuration file, `CONFIG_DIR/config.toml` (Linux: `$XDG_CONFIG_HOME/rolefit` or
//! `~/.config/rolefit`): settings that outlast one run. The theme (a base and colours per
//! meaning), mouse on or off, whether Rate shows the targets before a rating, and key bindings
//! per context. rolefit writes it only on `rolefit config init`. A file that cannot be used
//! stops rolefit with its line and column, so the app never starts half-configured.
//!
//! One file: reading, checking and writing the one configuration file; about 200 of its
//! lines are tests.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::args::ThemeSetting;
use crate::domain::framework::line_column;
use crate::input::rebind::{self, Rebinding};
use crate::storage;
use crate::text::display_path;
use crate::ui::theme::{self, Background, Colors};

/// What the configuration file sets; what it leaves out keeps its default.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `"auto"`, `"dark"` or `"light"` (`theme = "..."` or `[theme] base = "..."`).
    pub theme: Option<ThemeSetting>,
    /// Colours per meaning from `[theme]`, laid over the base theme.
    pub colors: Colors,
    /// Whether rolefit takes the mouse (on unless `mouse = false`; `--no-mouse` also turns it
    /// off).
    pub mouse: bool,
    /// Whether Rate starts showing the targets before a competency is rated; unset keeps what
    /// the assessment last had (`T` toggles it).
    pub show_targets: Option<bool>,
    /// Days after the last closed round when a start asks "time to re-rate?" (0: never).
    pub rerate_after_days: u32,
    /// The `[keys.CONTEXT]` rebindings, in the file's order, already checked against the
    /// built-in table.
    pub keys: Vec<Rebinding>,
    /// Colours that reach the floor but not the aim for text: said by `config check`.
    pub warnings: Vec<Problem>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: None,
            colors: Colors::default(),
            mouse: true,
            show_targets: None,
            rerate_after_days: crate::app::DEFAULT_RERATE_DAYS,
            keys: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// A line, a column (both from 1) and what is wrong there.
pub type Problem = (usize, usize, String);

/// A configuration file that cannot be used, and where.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "{}:{line}:{column}: {message}; fix the configuration file or move it aside",
    display_path(path)
)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Where the configuration file is, if the platform has a config directory.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "rolefit").map(|d| d.config_dir().join("config.toml"))
}

/// The most rolefit reads of a configuration file: one with every key bound and every colour
/// set is a few KiB, so anything near this is not a configuration.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Why the configuration file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A problem in its text, with its line and column.
    #[error(transparent)]
    At(#[from] ConfigError),
    /// It is not a regular file of a size rolefit reads (a FIFO, a device, a huge file).
    #[error("{0}; move it aside (`rolefit config init` writes a new one)")]
    File(storage::ReadError),
}

/// The configuration in `path`; no file is the defaults. The file is checked to be a regular
/// file of a sensible size before it is read, so a FIFO in its place is not waited on.
pub fn load(path: &Path) -> Result<Config, LoadError> {
    let error = |line, column, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let bytes = match storage::read_regular(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(storage::ReadError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(storage::ReadError::Io { source, .. }) => {
            return Err(error(1, 1, format!("cannot be read ({source})")).into());
        }
        Err(err) => return Err(LoadError::File(err)),
    };
    let text = String::from_utf8(bytes).map_err(|_| error(1, 1, "is not UTF-8 text".into()))?;
    Ok(parse(&text).map_err(|(line, column, message)| error(line, column, message))?)
}

/// The configuration in `text`, or the line, column and reason it cannot be used.
pub fn parse(text: &str) -> Result<Config, Problem> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        (line, column, message)
    };
    let syntax = |err: toml::de::Error| {
        at(
            err.span().map_or(0, |span| span.start),
            err.message().trim().to_string(),
        )
    };
    // The whole document first, for TOML's own errors (syntax, a key given twice).
    toml::from_str::<toml::Table>(text).map_err(syntax)?;
    let document = DeTable::parse(text).map_err(syntax)?;
    let mut config = Config::default();
    let mut color_at: Vec<usize> = Vec::new();
    for (key, value) in in_file_order(document.get_ref()) {
        let start = value.span().start;
        match key.get_ref().as_ref() {
            "theme" => {
                theme_value(value, &mut config, &mut color_at).map_err(|(o, m)| at(o, m))?;
            }
            "mouse" => {
                config.mouse = boolean(value, "mouse").map_err(|m| at(start, m.to_string()))?
            }
            "show_targets" => {
                config.show_targets =
                    Some(boolean(value, "show_targets").map_err(|m| at(start, m.to_string()))?);
            }
            "rerate_after_days" => {
                config.rerate_after_days = value
                    .get_ref()
                    .as_integer()
                    .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n <= 3650)
                    .ok_or_else(|| {
                        at(
                            start,
                            "rerate_after_days must be a whole number of days from 0 (never) to 3650"
                                .to_string(),
                        )
                    })?;
            }
            "keys" => config.keys = rebindings(value).map_err(|(offset, m)| at(offset, m))?,
            other => {
                return Err(at(
                    key.span().start,
                    format!(
                        "unknown setting `{other}`; the settings are theme, mouse, show_targets, \
                         rerate_after_days and [keys.CONTEXT] (`rolefit config init` writes them all)"
                    ),
                ));
            }
        }
    }
    rebind::check(&config.keys).map_err(|err| at(err.at, err.message))?;
    check_colors(text, &mut config, &color_at)?;
    Ok(config)
}

/// The `theme` setting: a base theme's name, or a `[theme]` table of a base and colours
/// (whose offsets go to `color_at`); an error is its offset and reason.
fn theme_value(
    value: &Spanned<DeValue>,
    config: &mut Config,
    color_at: &mut Vec<usize>,
) -> Result<(), (usize, String)> {
    let start = value.span().start;
    match value.get_ref() {
        DeValue::String(name) => {
            config.theme = Some(theme_setting(name).map_err(|m| (start, m.to_string()))?);
        }
        DeValue::Table(table) => {
            for (key, value) in in_file_order(table) {
                let start = value.span().start;
                let name = key.get_ref().as_ref();
                let DeValue::String(text) = value.get_ref() else {
                    return Err((
                        start,
                        format!(
                            "theme.{name} must be a string, not {}",
                            value.get_ref().type_str()
                        ),
                    ));
                };
                if name == "base" {
                    config.theme = Some(theme_setting(text).map_err(|m| (start, m.to_string()))?);
                    continue;
                }
                let Some((meaning, part)) = theme::meaning_of(name) else {
                    return Err((
                        key.span().start,
                        format!(
                            "unknown theme setting `{name}`; give base, or a colour for \
                             one of {} (NAME for its text, NAME_bg for its background)",
                            theme::MEANINGS.join(", ")
                        ),
                    ));
                };
                let color = theme::parse_color(text).map_err(|m| (start, m.to_string()))?;
                config.colors.0.push((meaning, part, color));
                color_at.push(start);
            }
        }
        other => {
            return Err((
                start,
                format!(
                    "theme must be \"auto\", \"dark\", \"light\" or a [theme] table, not {}",
                    other.type_str()
                ),
            ));
        }
    }
    Ok(())
}

/// Checks the colours the file sets against the backgrounds its theme may have: a colour
/// refused is the error, one only hard to read is a warning.
fn check_colors(text: &str, config: &mut Config, color_at: &[usize]) -> Result<(), Problem> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        (line, column, message)
    };
    let backgrounds: &[Background] = match config.theme {
        Some(ThemeSetting::Dark) => &[Background::Dark],
        Some(ThemeSetting::Light) => &[Background::Light],
        Some(ThemeSetting::Auto) | None => &[Background::Dark, Background::Light],
    };
    let fixed = backgrounds.len() == 1;
    for finding in theme::check_colors(&config.colors, backgrounds) {
        let mut message = finding.message;
        if !fixed {
            message.push_str(" (or set base = \"dark\" or \"light\" to the background you use)");
        }
        let problem = at(color_at[finding.entry], message);
        if finding.refused {
            return Err(problem);
        }
        config.warnings.push(problem);
    }
    Ok(())
}

/// What `rolefit config init` writes: every setting with its default, the theme's meanings and
/// every context's key bindings, commented so that the defaults rolefit ships still apply
/// until a line is changed.
pub fn default_file() -> String {
    let mut out = String::from(
        "\
# rolefit configuration. Lines starting with # are comments; remove the # from a line to change
# it. `rolefit config check` validates this file (with line and column); rolefit refuses to start
# while it has a problem.

# Colours for a dark or a light terminal background: \"auto\" asks the terminal, \"dark\" or
# \"light\" forces one (--theme and ROLEFIT_THEME win over this).
# theme = \"auto\"

# Or a [theme] table instead of that line: a base and colours per meaning, each
# \"#rrggbb\", an ANSI colour name (black, red, green, yellow, blue, magenta, cyan, gray,
# dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan,
# white), a palette index \"0\"-\"255\" or \"default\". NAME sets the text colour, NAME_bg the
# background. A pair that would be too hard to read is refused; one under 4.5:1 is warned about.
# The meanings:",
    );
    let mut line = String::new();
    for (i, meaning) in theme::MEANINGS.iter().enumerate() {
        let word = if i + 1 == theme::MEANINGS.len() {
            format!("{meaning}.")
        } else {
            format!("{meaning},")
        };
        if !line.is_empty() && line.len() + word.len() > 80 {
            out.push_str(&line);
            out.push_str("\n#");
            line.clear();
        }
        line.push(' ');
        line.push_str(&word);
    }
    out.push_str(&line);
    out.push_str(
        "\n\
# [theme]
# base = \"light\"
# selected_bg = \"#dbe8ff\"
# key = \"blue\"
# gap_bg = \"red\"

# Whether rolefit takes the mouse (clicks and the wheel); --no-mouse leaves it to the terminal
# for one run.
# mouse = true

# Whether Rate shows the targets of a competency before you rate it. Unset, each assessment
# keeps what you last chose with T.
# show_targets = false

# Days after your last closed round when rolefit asks, at start, whether it is time to rate
# again (0: never).
# rerate_after_days = 90

# Key bindings, per context: ACTION = \"KEY\" or [\"KEY\", ...] replaces that action's keys in
# that context. Keys: a character (q, Q, ?), or enter, esc, tab, shift-tab, space, up, down,
# left, right, pgup, pgdn, home, end, del, backspace, f1-f24, with ctrl-, alt- or shift- before
# it (ctrl-c, shift-down). A key may do one thing where it is live: the keys of [keys.screens]
# and [keys.always] work on every screen, so a screen cannot take them unless they are rebound
# away. The footer and the help show the keys in effect. Every default:
#
",
    );
    out.push_str(&rebind::defaults_toml());
    out
}

/// A table's entries in the order the file gives them.
fn in_file_order<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// A setting the configuration file gives a value it cannot take; the message says what it
/// can, and the caller puts it at the value's line and column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum BadSetting {
    #[error("unknown theme {0:?}; choose \"auto\", \"dark\" or \"light\"")]
    Theme(String),
    #[error("{name} must be true or false, not {found}")]
    NotABoolean { name: String, found: &'static str },
}

fn theme_setting(name: &str) -> Result<ThemeSetting, BadSetting> {
    match name {
        "auto" => Ok(ThemeSetting::Auto),
        "dark" => Ok(ThemeSetting::Dark),
        "light" => Ok(ThemeSetting::Light),
        _ => Err(BadSetting::Theme(name.to_string())),
    }
}

fn boolean(value: &Spanned<DeValue>, name: &str) -> Result<bool, BadSetting> {
    value
        .get_ref()
        .as_bool()
        .ok_or_else(|| BadSetting::NotABoolean {
            name: name.to_string(),
            found: value.get_ref().type_str(),
        })
}

/// The `[keys.CONTEXT]` tables, each `ACTION = "KEY"` or `ACTION = ["KEY", ...]`; a problem
/// is given with its byte offset.
fn rebindings(value: &Spanned<DeValue>) -> Result<Vec<Rebinding>, (usize, String)> {
    let DeValue::Table(contexts) = value.get_ref() else {
        return Err((
            value.span().start,
            "keys must be tables, e.g. [keys.screens]".into(),
        ));
    };
    let names = || {
        rebind::contexts()
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for (context, entries) in in_file_order(contexts) {
        let name = context.get_ref().as_ref();
        let Some((_, scope)) = rebind::contexts().into_iter().find(|(n, _)| *n == name) else {
            return Err((
                context.span().start,
                format!("unknown key context `{name}`; the contexts are {}", names()),
            ));
        };
        let DeValue::Table(entries) = entries.get_ref() else {
            return Err((
                entries.span().start,
                format!("[keys.{name}] must be a table of ACTION = \"KEY\""),
            ));
        };
        for (action, keys) in in_file_order(entries) {
            let action_text = action.get_ref().as_ref();
            let Some(found) = rebind::action_from_name(action_text) else {
                return Err((
                    action.span().start,
                    format!(
                        "unknown action `{action_text}` (`rolefit config init` lists every \
                         context's actions)"
                    ),
                ));
            };
            let one = |value: &Spanned<DeValue>| match value.get_ref() {
                DeValue::String(text) => rebind::parse_key(text)
                    .map(|key| (key, value.span().start))
                    .map_err(|m| (value.span().start, m.to_string())),
                other => Err((
                    value.span().start,
                    format!(
                        "a key must be a string such as \"q\" or \"ctrl-c\", not {}",
                        other.type_str()
                    ),
                )),
            };
            let keys = match keys.get_ref() {
                DeValue::Array(list) => list.iter().map(one).collect::<Result<Vec<_>, _>>()?,
                _ => vec![one(keys)?],
            };
            out.push(Rebinding {
                context: scope,
                action: found,
                keys,
                at: action.span().start,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_is_read_and_everything_else_is_optional() {
        assert_eq!(parse(""), Ok(Config::default()));
        assert_eq!(
            parse("theme = \"light\"\n").unwrap().theme,
            Some(ThemeSetting::Light)
        );
        assert_eq!(
            parse("# mine\ntheme = \"auto\"\n").unwrap().theme,
            Some(ThemeSetting::Auto)
        );
    }

    #[test]
    fn problems_name_their_line_and_column() {
        let (line, column, message) = parse("\ntheme = \"purple\"\n").unwrap_err();
        assert_eq!((line, column), (2, 9));
        assert!(message.contains("purple"), "{message}");
        let (line, column, message) = parse("theme = \"dark\"\ncolour = 3\n").unwrap_err();
        assert_eq!((line, column), (2, 1));
        assert!(message.contains("colour"), "{message}");
        let (line, column, message) = parse("theme = \"dark\"\nmouse = 3\n").unwrap_err();
        assert_eq!((line, column), (2, 9));
        assert!(message.contains("mouse must be true or false"), "{message}");
        let (line, _, _) = parse("theme = \n").unwrap_err();
        assert_eq!(line, 1);
    }

    /// Where `needle` starts in `text`, as (line, column), found independently of the parser.
    fn position(text: &str, needle: &str) -> (usize, usize) {
        line_column(text, text.find(needle).expect("needle in text"))
    }

    #[test]
    fn every_setting_is_read() {
        let text = "\
mouse = false
show_targets = true
rerate_after_days = 30

[theme]
base = \"light\"
selected_bg = \"#dbe8ff\"
key = \"blue\"

[keys.screens]
quit = \"Q\"

[keys.rate]
edit-note = [\"e\", \"f2\"]
";
        let config = parse(text).unwrap();
        assert!(!config.mouse);
        assert_eq!(config.show_targets, Some(true));
        assert_eq!(config.rerate_after_days, 30);
        assert_eq!(config.theme, Some(ThemeSetting::Light));
        assert_eq!(config.colors.0.len(), 2);
        assert_eq!(config.colors.0[0].0, "selected");
        assert_eq!(config.keys.len(), 2);
        assert_eq!(config.keys[0].action, crate::app::Intent::Quit);
        assert_eq!(config.keys[1].keys.len(), 2);
        // A pale row background is readable but leaves some colours under the aim for text.
        assert!(
            config.warnings.iter().all(|w| w.0 == 7),
            "{:?}",
            config.warnings
        );
        // The defaults: mouse on, targets as the assessment had them.
        assert!(Config::default().mouse);
        assert_eq!(Config::default().show_targets, None);
        assert_eq!(Config::default().rerate_after_days, 90);
        for bad in [
            "rerate_after_days = -1\n",
            "rerate_after_days = \"90\"\n",
            "rerate_after_days = 9999\n",
        ] {
            let (_, _, message) = parse(bad).unwrap_err();
            assert!(message.contains("from 0 (never) to 3650"), "{message}");
        }
    }

    #[test]
    fn each_kind_of_problem_names_its_entry() {
        let cases: [(&str, &str, &str); 12] = [
            ("show_targets = \"yes\"\n", "\"yes\"", "true or false"),
            ("[theme]\nbase = \"sepia\"\n", "\"sepia\"", "sepia"),
            (
                "[theme]\naccent = \"red\"\n",
                "accent",
                "unknown theme setting",
            ),
            (
                "[theme]\nkey = \"purple\"\n",
                "\"purple\"",
                "unknown colour",
            ),
            (
                "[theme]\nbase = \"light\"\nkey = \"#ffff00\"\n",
                "\"#ffff00\"",
                "below 3:1",
            ),
            (
                "[theme]\nbase = \"dark\"\nselected_bg = \"#fff3b0\"\n",
                "\"#fff3b0\"",
                "selected",
            ),
            (
                "[keys.nowhere]\nquit = \"Q\"\n",
                "nowhere",
                "unknown key context",
            ),
            ("[keys.screens]\nleave = \"Q\"\n", "leave", "unknown action"),
            (
                "[keys.screens]\nquit = \"hyper-q\"\n",
                "\"hyper-q\"",
                "unknown key",
            ),
            ("[keys.rate]\nquit = \"Q\"\n", "quit", "[keys.screens]"),
            (
                "[keys.rate]\nedit-note = [\"x\", \"u\"]\n",
                "\"u\"",
                "next-unrated",
            ),
            (
                "[keys.screens]\ntoggle-help = \"F1\"\n[keys.grid]\ncycle-target = \"f1\"\n",
                "\"f1\"",
                "toggle-help",
            ),
        ];
        for (text, at, says) in cases {
            let (line, column, message) = parse(text).unwrap_err();
            assert_eq!((line, column), position(text, at), "{text}: {message}");
            assert!(message.contains(says), "{text}: {message}");
        }
        // A key taken from every screen is fine once it is rebound away there.
        let text = "[keys.screens]\nquit = \"Q\"\n[keys.grid]\ncycle-target = \"q\"\n";
        assert!(parse(text).is_ok());
        // A pale pair is a warning, with its place, not a refusal.
        let config = parse("[theme]\nbase = \"light\"\nkey = \"#3a7bd5\"\n").unwrap();
        assert_eq!(config.warnings.len(), 1, "{:?}", config.warnings);
        assert_eq!((config.warnings[0].0, config.warnings[0].1), (3, 7));
    }

    #[test]
    fn the_file_config_init_writes_is_valid_and_its_commented_keys_are_too() {
        let text = default_file();
        assert_eq!(parse(&text).map(|c| c.keys.len()), Ok(0));
        // Every setting is a comment, so nothing in it overrides a default (N-D40).
        let live: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        assert!(live.is_empty(), "{live:?}");
        for setting in [
            "# theme = \"auto\"",
            "# mouse = true",
            "# show_targets = false",
        ] {
            assert!(text.contains(setting), "{setting}");
        }
        // Every commented default binding, taken as written, is accepted as it is.
        let keys = &text[text.find("# [keys.").unwrap()..];
        let uncommented: String = keys
            .lines()
            .filter(|l| l.starts_with("# ") && !l.starts_with("# #"))
            .map(|l| format!("{}\n", &l[2..]))
            .collect();
        let config = parse(&uncommented).unwrap();
        assert!(config.keys.len() > 60, "{}", config.keys.len());
        // So is the example theme table.
        let example: String = text
            .lines()
            .skip_while(|l| *l != "# [theme]")
            .take_while(|l| !l.is_empty())
            .map(|l| format!("{}\n", &l[2..]))
            .collect();
        let config = parse(&example).unwrap();
        assert_eq!(config.colors.0.len(), 3);
    }

    #[test]
    fn no_file_is_the_defaults_and_a_bad_one_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        assert_eq!(load(&file).unwrap(), Config::default());
        std::fs::write(&file, "theme = 1\n").unwrap();
        let Err(LoadError::At(err)) = load(&file) else {
            panic!("a bad file was taken");
        };
        assert_eq!((err.line, err.column), (1, 9));
        assert!(err.to_string().contains("config.toml:1:9: "), "{err}");
    }
}
