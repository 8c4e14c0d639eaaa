//! The configuration file, `CONFIG_DIR/config.toml` (Linux: `$XDG_CONFIG_HOME/rolefit` or
//! `~/.config/rolefit`): settings that outlast one run. Today it holds the theme; rolefit never
//! writes it. A file that cannot be read stops rolefit with its line and column, so the app
//! never starts half-configured.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::args::ThemeSetting;
use crate::domain::framework::line_column;
use crate::text::display_path;

/// What the configuration file sets; what it leaves out keeps its default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `"auto"`, `"dark"` or `"light"`.
    pub theme: Option<ThemeSetting>,
}

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

/// The configuration in `path`; no file is the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let error = |line, column, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(err) => return Err(error(1, 1, format!("cannot be read ({err})"))),
    };
    let text = String::from_utf8(bytes).map_err(|_| error(1, 1, "is not UTF-8 text".into()))?;
    parse(&text).map_err(|(line, column, message)| error(line, column, message))
}

/// The configuration in `text`, or the line, column and reason it cannot be used.
pub fn parse(text: &str) -> Result<Config, (usize, usize, String)> {
    toml::from_str(text).map_err(|err: toml::de::Error| {
        let (line, column) = line_column(text, err.span().map_or(0, |span| span.start));
        (line, column, err.message().trim().to_string())
    })
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
        let (line, column, message) = parse("theme = \"dark\"\nmouse = 3\n").unwrap_err();
        assert_eq!((line, column), (2, 1));
        assert!(message.contains("mouse"), "{message}");
        let (line, _, _) = parse("theme = \n").unwrap_err();
        assert_eq!(line, 1);
    }

    #[test]
    fn no_file_is_the_defaults_and_a_bad_one_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        assert_eq!(load(&file), Ok(Config::default()));
        std::fs::write(&file, "theme = 1\n").unwrap();
        let err = load(&file).unwrap_err();
        assert_eq!((err.line, err.column), (1, 9));
        assert!(err.to_string().contains("config.toml:1:9: "), "{err}");
    }
}
