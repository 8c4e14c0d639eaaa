//! Where rolefit keeps its files.

use std::path::{Path, PathBuf};

use super::{Error, Result};

/// Environment variable that moves the data directory.
pub const DATA_DIR_ENV: &str = "ROLEFIT_DATA_DIR";

/// Resolved locations of rolefit's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataPaths {
    pub data_dir: PathBuf,
    /// Where the setting came from, for `rolefit paths`.
    pub source: &'static str,
}

impl DataPaths {
    /// `--data-dir`, else `ROLEFIT_DATA_DIR`, else the platform's data directory.
    pub fn resolve(cli: Option<&Path>) -> Result<DataPaths> {
        if let Some(dir) = cli {
            return Ok(DataPaths {
                data_dir: dir.to_path_buf(),
                source: "--data-dir",
            });
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(DataPaths {
                data_dir: PathBuf::from(dir),
                source: DATA_DIR_ENV,
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "rolefit").ok_or(Error::NoHome)?;
        Ok(DataPaths {
            data_dir: dirs.data_dir().to_path_buf(),
            source: "platform default",
        })
    }

    /// Fails when the data directory exists but is not a folder (e.g. `ROLEFIT_DATA_DIR` names a
    /// file), so the user is told that rather than something about the files inside it.
    pub fn check(&self) -> Result<()> {
        match std::fs::metadata(&self.data_dir) {
            Ok(meta) if !meta.is_dir() => Err(Error::DataDirNotFolder {
                path: self.data_dir.clone(),
                from: self.source,
                kind: super::file_kind(&meta),
            }),
            _ => Ok(()),
        }
    }

    /// The folder holding assessment files.
    pub fn assessments_dir(&self) -> PathBuf {
        self.data_dir.join("assessments")
    }

    /// The file for a named assessment.
    pub fn assessment_file(&self, name: &str) -> PathBuf {
        self.assessments_dir().join(format!("{name}.toml"))
    }
}

/// The most bytes an assessment name may take in UTF-8. A file name holds 255 bytes, and the
/// longest name rolefit makes from an assessment's, `NAME.corrupt-YYYYMMDDTHHMMSSZ-N.toml`
/// for a file moved aside, adds up to 34 more (reports add 22, the lock 5).
pub const NAME_MAX_BYTES: usize = 200;

/// Checks an assessment name: it becomes a file name, so no separators or dots at the start,
/// and short enough that every file named after it fits.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name.len() <= NAME_MAX_BYTES
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::BadName {
            name: name.to_string(),
        })
    }
}

/// What `-a TEXT` names: text made only of letters, digits, '-', '_' and '.' is the
/// assessment's name as it is (checked by [`check_name`]); any other text is a person's name
/// ("Sam Taylor"): its short form names the file (`sam-taylor`, see
/// [`rolefit_core::person::slug`]), and it is returned as the display name a new assessment
/// takes.
pub fn resolve_name(text: &str) -> Result<(String, Option<String>)> {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if plain {
        return check_name(text).map(|()| (text.to_string(), None));
    }
    let bad = || Error::BadName {
        name: text.to_string(),
    };
    // A path is not a name: a file elsewhere is given with --file.
    if text.contains(['/', '\\']) {
        return Err(bad());
    }
    let display = rolefit_core::person::clean(text, "name").map_err(|_| bad())?;
    let slug = rolefit_core::person::slug(&display).ok_or_else(bad)?;
    check_name(&slug)?;
    Ok((slug, Some(display)))
}

/// The lock file that belongs to an assessment file.
pub fn lock_path(file: &Path) -> PathBuf {
    sibling(file, "lock")
}

/// A file's name without its extension, e.g. `default` for `default.toml`: the assessment's
/// name for a file given with `--file`, and the start of the names of the files beside it.
pub fn stem(file: &Path) -> String {
    rolefit_core::text::file_stem(file)
}

/// `dir/stem.ext` beside `file`.
pub fn sibling(file: &Path, ext: &str) -> PathBuf {
    let stem = stem(file);
    file.with_file_name(format!("{stem}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name made from a person's name ([`rolefit_core::person::slug`]) is always a valid
    /// assessment name.
    #[test]
    fn every_slug_is_a_valid_assessment_name() {
        for name in [
            "Alex Moreau",
            "José Núñez",
            "日本 語",
            "Zoë O'Brien-Ng",
            "../etc/passwd",
            "...",
            "",
            &"Verylongname ".repeat(10),
        ] {
            if let Some(s) = rolefit_core::person::slug(name) {
                check_name(&s).unwrap();
            }
        }
    }

    #[test]
    fn names_that_would_escape_the_folder_are_refused() {
        assert!(check_name("default").is_ok());
        assert!(check_name("team-2026.q4").is_ok());
        assert!(check_name("../etc").is_err());
        assert!(check_name("a/b").is_err());
        assert!(check_name(".hidden").is_err());
        assert!(check_name("").is_err());
        // At most 64 characters, and at most 200 bytes in UTF-8, so every file named after
        // it fits a file system's 255-byte names.
        assert!(check_name(&"é".repeat(64)).is_ok());
        assert!(check_name(&"é".repeat(65)).is_err());
        assert!(check_name(&"日".repeat(64)).is_ok());
        let wide = "\u{20000}".repeat(64);
        assert_eq!(wide.len(), 256);
        let err = check_name(&wide).unwrap_err().to_string();
        assert!(err.contains("at most 200 bytes in UTF-8"), "{err}");
        assert!(check_name(&"\u{20000}".repeat(50)).is_ok());
        assert!(check_name(&format!("{}a", "\u{20000}".repeat(50))).is_err());
    }

    #[test]
    fn a_persons_name_names_its_file_by_its_short_form() {
        let cases = [
            ("default", "default", None),
            ("team-2026.q4", "team-2026.q4", None),
            ("Sam", "Sam", None),
            ("Sam Taylor", "sam-taylor", Some("Sam Taylor")),
            (" José Núñez ", "josé-núñez", Some("José Núñez")),
            ("日本 語", "日本-語", Some("日本 語")),
        ];
        for (text, file, display) in cases {
            let (name, person) = resolve_name(text).unwrap();
            assert_eq!(
                (name.as_str(), person.as_deref()),
                (file, display),
                "{text:?}"
            );
        }
        // A path, nothing to make a file name from, a control character, a hidden name.
        for bad in [
            "../etc",
            "a\\b c",
            "...",
            "Sam\x1bTaylor",
            "Sam\u{9b}Taylor",
            ".hidden",
            " ",
        ] {
            assert!(resolve_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn cli_wins_over_environment() {
        let p = DataPaths::resolve(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(p.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(
            p.assessment_file("a"),
            PathBuf::from("/tmp/x/assessments/a.toml")
        );
        assert_eq!(
            lock_path(&p.assessment_file("a")),
            PathBuf::from("/tmp/x/assessments/a.lock")
        );
    }
}
