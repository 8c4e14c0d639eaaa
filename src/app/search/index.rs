//! Matching for search: ids and names folded once (lower case, accents dropped) into one
//! index, so each key typed is a scan over prepared text, and the ranking of what matched.

use std::ops::Range;

use crate::domain::Framework;

/// Folds `text` for matching: lower case, accents and other combining marks dropped ("É" and
/// "e\u{301}" both give "e"), so "gouvernance" finds "Gouvernânce", and the few Latin letters
/// whose mark no decomposition removes spelled plainly ("orsted" finds "Ørsted", "strasse"
/// finds "Straße").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// Appends the folded form of one character (none for a combining mark).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        if !is_combining(lower) {
            fold_lower(lower, out);
        }
    }
}

/// Whether `c` is a combining mark (text already decomposed, or what lower-casing adds).
fn is_combining(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F
    )
}

/// Appends `c` (lower case) as matched: a Latin, Greek or Cyrillic letter as its canonical
/// decomposition (NFD) without the combining marks, then the letters below spelled out; any
/// other character as it is (a kana's voicing mark or a "≠" is part of what it means, not an
/// accent on it).
fn fold_lower(c: char, out: &mut String) {
    if !matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0370}'..='\u{04FF}' | '\u{1E00}'..='\u{1FFF}') {
        out.push(c);
        return;
    }
    unicode_normalization::char::decompose_canonical(c, |part| {
        if !is_combining(part) {
            push_spelled(part, out);
        }
    });
}

/// Appends `c`, or the plain letters for the few that carry their mark inside the letter (no
/// decomposition takes it off): "ø" is found by "o", "ł" by "l", "ß" by "ss".
fn push_spelled(c: char, out: &mut String) {
    let spelled = match c {
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ħ' => "h",
        'ŧ' => "t",
        'ı' => "i",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(spelled);
}

/// How well a competency matches, best first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The id is the query ("ri1" for RI1).
    Id,
    /// The id starts with the query ("ri" for RI1).
    IdStart,
    /// The name starts with the query.
    NameStart,
    /// A word of the name starts with the query ("ident" for "Risk identification").
    NameWord,
    /// The query is inside the id.
    InId,
    /// The query is inside the name.
    InName,
    /// A word of the competency's area name starts with the query ("report" for every
    /// competency of "Reporting").
    AreaWord,
    /// A word of the competency's description starts with the query.
    DescriptionWord,
    /// Nothing typed: every competency, in framework order.
    Listed,
}

const RANKS: usize = Rank::Listed as usize + 1;

/// One competency in the list of matches.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub competency: usize,
    pub rank: Rank,
}

/// The folded id, name, area name and description of every competency, back to back in one
/// string.
pub struct SearchIndex {
    text: String,
    /// Per competency: where its id, name, area name and description start, and where the
    /// description ends.
    bounds: Vec<[u32; 5]>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} competencies)", self.bounds.len())
    }
}

impl SearchIndex {
    /// Folds every competency's id, name, area name and description once.
    pub fn new(framework: &Framework) -> SearchIndex {
        let mut text = String::new();
        let mut bounds = Vec::with_capacity(framework.competencies.len());
        let at = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
        for c in &framework.competencies {
            let id = at(&text);
            fold_into(c.id.as_str(), &mut text);
            let name = at(&text);
            fold_into(&c.name, &mut text);
            // A space apart, so a query never runs on from one part into the next.
            text.push(' ');
            let area = at(&text);
            fold_into(&framework.areas[c.area].name, &mut text);
            text.push(' ');
            let description = at(&text);
            fold_into(&c.description, &mut text);
            text.push(' ');
            bounds.push([id, name, area, description, at(&text)]);
        }
        SearchIndex { text, bounds }
    }

    /// Number of competencies indexed.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Whether the framework has no competencies.
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// Part `i` of competency `c`: 0 its id, 1 its name (with the space after it), 2 its
    /// area name, 3 its description.
    fn part(&self, c: usize, i: usize) -> &str {
        let bounds = self.bounds[c];
        &self.text[bounds[i] as usize..bounds[i + 1] as usize]
    }

    /// The competencies matching an already folded query, best first and in framework order
    /// within a rank; all of them, in framework order, for an empty query.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        if query.is_empty() {
            return (0..self.len())
                .map(|competency| Hit {
                    competency,
                    rank: Rank::Listed,
                })
                .collect();
        }
        let mut ranked: [Vec<usize>; RANKS] = Default::default();
        // One pass of a fast substring search over all the folded text finds the next
        // competency holding the query; only those are ranked, then the search goes on after
        // it. A match running over from an id into its name or the next id ranks nothing.
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let text = self.text.as_bytes();
        let (mut from, mut c) = (0, 0);
        while let Some(found) = finder.find(&text[from..]) {
            let at = from + found;
            while self.bounds[c][4] as usize <= at {
                c += 1;
            }
            let parts = [0, 1, 2, 3].map(|i| self.part(c, i).trim_end());
            if let Some(rank) = rank(parts, query) {
                ranked[rank as usize].push(c);
            }
            from = self.bounds[c][4] as usize;
            c += 1;
            if c == self.len() {
                break;
            }
        }
        let mut hits = Vec::with_capacity(ranked.iter().map(Vec::len).sum());
        for (rank, list) in [
            Rank::Id,
            Rank::IdStart,
            Rank::NameStart,
            Rank::NameWord,
            Rank::InId,
            Rank::InName,
            Rank::AreaWord,
            Rank::DescriptionWord,
        ]
        .into_iter()
        .zip(&ranked)
        {
            hits.extend(list.iter().map(|&competency| Hit { competency, rank }));
        }
        hits
    }
}

/// How a folded id, name, area name and description match a folded, non-empty query, if they
/// do: the area and the description only where a word starts with the query.
fn rank([id, name, area, description]: [&str; 4], query: &str) -> Option<Rank> {
    if id.starts_with(query) {
        return Some(if id.len() == query.len() {
            Rank::Id
        } else {
            Rank::IdStart
        });
    }
    let mut inside = false;
    for (at, _) in name.match_indices(query) {
        if at == 0 {
            return Some(Rank::NameStart);
        }
        if starts_word(name, at) {
            return Some(Rank::NameWord);
        }
        inside = true;
    }
    let word_in = |text: &str| {
        text.match_indices(query)
            .any(|(at, _)| starts_word(text, at))
    };
    if id.contains(query) {
        Some(Rank::InId)
    } else if inside {
        Some(Rank::InName)
    } else if word_in(area) {
        Some(Rank::AreaWord)
    } else if word_in(description) {
        Some(Rank::DescriptionWord)
    } else {
        None
    }
}

/// Whether byte `at` of `text` begins a word (what comes before it is not a letter or digit).
fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|before| !before.is_alphanumeric())
}

/// Where in `text` (unfolded, as shown) a folded, non-empty `query` matches, in bytes of
/// `text`: the first match that starts a word, else the first match. For drawing the few rows
/// on screen, so it folds `text` again rather than keep a map for every competency.
pub fn matched_range(text: &str, query: &str) -> Option<Range<usize>> {
    if query.is_empty() {
        return None;
    }
    // The folded text, and for each of its bytes the character of `text` it came from.
    let mut folded = String::with_capacity(text.len());
    let mut owner: Vec<Range<usize>> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        owner.extend(std::iter::repeat_n(
            at..at + c.len_utf8(),
            folded.len() - before,
        ));
    }
    let mut found = None;
    for (at, _) in folded.match_indices(query) {
        found.get_or_insert(at);
        if starts_word(&folded, at) {
            found = Some(at);
            break;
        }
    }
    let at = found?;
    let start = owner[at].start;
    let mut end = owner[at + query.len() - 1].end;
    // Accents typed as combining marks belong with their letter.
    while let Some(next) = text[end..].chars().next().filter(|&c| is_combining(c)) {
        end += next.len_utf8();
    }
    Some(start..end)
}

#[cfg(test)]
mod tests;
