//! The person an assessment is about: a display name in any script, an optional role and
//! team (README: Team view), the short file name made from a name, and the words for speaking of
//! someone else ("their level") when a reviewer or a team lead reads an assessment.

/// The most characters a display name, a role or a team may have.
pub const MAX_CHARS: usize = 100;

/// The assessment name rolefit uses when none is given: never shown as a person's name.
pub const DEFAULT_ASSESSMENT: &str = "default";

/// Why a name, role or team typed by the user was refused; one sentence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error(
        "a {what} cannot hold control characters (a line break, a tab, an escape); type it on one line"
    )]
    Control { what: &'static str },
    #[error("a {what} has at most {MAX_CHARS} characters; this one has {count}")]
    TooLong { what: &'static str, count: usize },
}

/// A display name, role or team as typed: blanks around it dropped, runs of blanks inside kept
/// as they are; control characters and more than [`MAX_CHARS`] characters refused. An empty
/// result means "none".
pub fn clean(text: &str, what: &'static str) -> Result<String, PersonError> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return Err(PersonError::Control { what });
    }
    let count = text.chars().count();
    if count > MAX_CHARS {
        return Err(PersonError::TooLong { what, count });
    }
    Ok(text.to_string())
}

/// The name the question suggests: the assessment's own name when it was chosen for someone
/// (`-a kim`), else the account's full name (`account`), if any.
pub fn suggested_name(assessment_name: &str, account: Option<String>) -> Option<String> {
    let own = assessment_name.trim();
    if own.is_empty() || own == DEFAULT_ASSESSMENT {
        account
    } else {
        Some(own.to_string())
    }
}

/// A short file name made from a person's name: lower case, letters and digits of any script
/// kept, every other run of characters one `-`, at most 40 characters ("Sam Taylor" →
/// `sam-taylor`, "José Núñez" → `josé-núñez`, "日本 語" → `日本-語`). None when nothing is left.
pub fn slug(name: &str) -> Option<String> {
    const MOST: usize = 40;
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if out.chars().count() >= MOST {
            break;
        }
    }
    let out: String = out.chars().take(MOST).collect();
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// `text` about someone else: "you" becomes "they" (or "them" after a preposition or a verb
/// that takes an object), "your" "their", "yourself" "themselves", "yours" "theirs", keeping
/// a capital. Singular "they" takes the same verb forms as "you", so the sentence stays
/// grammatical ("You know what it is" → "They know what it is").
pub fn third_person(text: &str) -> String {
    /// Words after which "you" is an object: "report to you" → "report to them".
    const OBJECT_AFTER: &[&str] = &[
        "to", "for", "with", "at", "by", "from", "about", "of", "on", "than", "tell", "tells",
        "help", "helps", "ask", "asks", "let", "give", "gives", "show", "shows", "see", "sees",
        "like", "into", "around", "before", "after", "behind", "without", "against",
    ];
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let mut previous = String::new();
    let flush = |word: &mut String, previous: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        let replacement = match lower.as_str() {
            "you" if OBJECT_AFTER.contains(&previous.as_str()) => Some("them"),
            "you" => Some("they"),
            "your" => Some("their"),
            "yours" => Some("theirs"),
            "yourself" | "yourselves" => Some("themselves"),
            _ => None,
        };
        match replacement {
            Some(r) if word.chars().next().is_some_and(char::is_uppercase) => {
                let mut chars = r.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            Some(r) => out.push_str(r),
            None => out.push_str(word),
        }
        *previous = lower;
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut previous, &mut out);
            // A sentence's end or a comma starts afresh; an apostrophe keeps "you're" whole.
            if !c.is_whitespace() && c != '\'' && c != '’' {
                previous.clear();
            }
            out.push(c);
        }
    }
    flush(&mut word, &mut previous, &mut out);
    out
}

/// Whom the screens speak to: the user about their own assessment, or someone else (a
/// reviewer, a team lead) about the person named.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Voice {
    /// "Your level", "your work".
    #[default]
    Own,
    /// "Alex's level", "their work".
    Of(String),
}

impl Voice {
    /// `text` as this voice says it: unchanged for one's own, else in the third person.
    pub fn say(&self, text: &str) -> String {
        match self {
            Voice::Own => text.to_string(),
            Voice::Of(_) => third_person(text),
        }
    }

    /// Whose: "Your" or "Alex's".
    pub fn whose(&self) -> String {
        match self {
            Voice::Own => "Your".to_string(),
            Voice::Of(name) => possessive(name),
        }
    }

    /// Whose, in a sentence: "your" or "their".
    pub fn their(&self) -> &'static str {
        match self {
            Voice::Own => "your",
            Voice::Of(_) => "their",
        }
    }

    /// Who, in a sentence: "you" or the person's name.
    pub fn who(&self) -> &str {
        match self {
            Voice::Own => "you",
            Voice::Of(name) => name,
        }
    }
}

/// "Alex's", "James'": a name's possessive.
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_script_is_a_name_and_control_characters_are_not() {
        for name in [
            "Sam Taylor",
            "José Núñez",
            "日本 語",
            "Zoë O'Brien-Ng",
            "  Ana  ",
        ] {
            assert_eq!(clean(name, "name").unwrap(), name.trim(), "{name:?}");
        }
        assert_eq!(clean("", "name").unwrap(), "");
        for bad in ["Sam\nTaylor", "Sam\tTaylor", "a\x1b[2Jb", "x\u{9b}y"] {
            let err = clean(bad, "name").unwrap_err().to_string();
            assert!(err.contains("control characters"), "{bad:?}: {err}");
        }
        let long = "a".repeat(MAX_CHARS + 1);
        assert!(
            clean(&long, "team")
                .unwrap_err()
                .to_string()
                .contains("101")
        );
        assert!(clean(&"é".repeat(MAX_CHARS), "team").is_ok());
    }

    #[test]
    fn slugs_are_short_file_names_from_names() {
        let cases = [
            ("Sam Taylor", Some("sam-taylor")),
            ("  Sam   Taylor  ", Some("sam-taylor")),
            ("José Núñez", Some("josé-núñez")),
            ("日本 語", Some("日本-語")),
            ("Zoë O'Brien-Ng", Some("zoë-o-brien-ng")),
            ("../etc/passwd", Some("etc-passwd")),
            ("...", None),
            ("", None),
        ];
        for (name, slug_of) in cases {
            assert_eq!(slug(name).as_deref(), slug_of, "{name:?}");
        }
        let long = slug(&"Verylongname ".repeat(10)).unwrap();
        assert!(long.chars().count() <= 40 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn the_third_person_keeps_sentences_grammatical() {
        let cases = [
            (
                "Not applicable: this is not part of your work, so it is left out of every score.",
                "Not applicable: this is not part of their work, so it is left out of every score.",
            ),
            (
                "You know what it is and why it matters, but have not done it yourself.",
                "They know what it is and why it matters, but have not done it themselves.",
            ),
            (
                "You do it on your own on everyday work and know when to escalate.",
                "They do it on their own on everyday work and know when to escalate.",
            ),
            (
                "including people who do not report to you.",
                "including people who do not report to them.",
            ),
            (
                "Your relative strengths follow the PM shape; you're close.",
                "Their relative strengths follow the PM shape; they're close.",
            ),
            ("Youth and layout stay.", "Youth and layout stay."),
        ];
        for (own, theirs) in cases {
            assert_eq!(third_person(own), theirs);
            assert_eq!(Voice::Of("Alex".into()).say(own), theirs);
            assert_eq!(Voice::Own.say(own), own);
        }
        assert_eq!(Voice::Of("Alex".into()).whose(), "Alex's");
        assert_eq!(Voice::Of("James".into()).whose(), "James'");
        assert_eq!(Voice::Own.whose(), "Your");
    }
}
