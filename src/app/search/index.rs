//! Matching for search: ids and names folded once (lower case, accents dropped) into one
//! index, so each key typed is a scan over prepared text, and the ranking of what matched.

use std::ops::Range;

use crate::domain::Framework;

/// Folds `text` for matching: lower case, accents and other combining marks dropped ("É" and
/// "e\u{301}" both give "e"), so "gouvernance" finds "Gouvernânce".
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
            out.push(base_of(lower));
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

/// The letter under the accents of a lower-case Latin, Greek or Cyrillic letter (its canonical
/// decomposition without combining marks); `c` itself when it has none.
fn base_of(c: char) -> char {
    let Ok(code) = u16::try_from(u32::from(c)) else {
        return c;
    };
    match BASES.binary_search_by_key(&code, |&(from, _)| from) {
        Ok(i) => char::from_u32(u32::from(BASES[i].1)).unwrap_or(c),
        Err(_) => c,
    }
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

// The canonical decompositions of lower-case Latin, Greek and Cyrillic letters, reduced to the
// base letter (Unicode's NFD without its combining marks): from U+00C0–U+024F, U+0370–U+04FF,
// U+1E00–U+1FFF. Sorted by the first value, for a binary search.
#[rustfmt::skip]
const BASES: [(u16, u16); 427] = [
    (0x00E0, 0x0061), (0x00E1, 0x0061), (0x00E2, 0x0061), (0x00E3, 0x0061), (0x00E4, 0x0061),
    (0x00E5, 0x0061), (0x00E7, 0x0063), (0x00E8, 0x0065), (0x00E9, 0x0065), (0x00EA, 0x0065),
    (0x00EB, 0x0065), (0x00EC, 0x0069), (0x00ED, 0x0069), (0x00EE, 0x0069), (0x00EF, 0x0069),
    (0x00F1, 0x006E), (0x00F2, 0x006F), (0x00F3, 0x006F), (0x00F4, 0x006F), (0x00F5, 0x006F),
    (0x00F6, 0x006F), (0x00F9, 0x0075), (0x00FA, 0x0075), (0x00FB, 0x0075), (0x00FC, 0x0075),
    (0x00FD, 0x0079), (0x00FF, 0x0079), (0x0101, 0x0061), (0x0103, 0x0061), (0x0105, 0x0061),
    (0x0107, 0x0063), (0x0109, 0x0063), (0x010B, 0x0063), (0x010D, 0x0063), (0x010F, 0x0064),
    (0x0113, 0x0065), (0x0115, 0x0065), (0x0117, 0x0065), (0x0119, 0x0065), (0x011B, 0x0065),
    (0x011D, 0x0067), (0x011F, 0x0067), (0x0121, 0x0067), (0x0123, 0x0067), (0x0125, 0x0068),
    (0x0129, 0x0069), (0x012B, 0x0069), (0x012D, 0x0069), (0x012F, 0x0069), (0x0135, 0x006A),
    (0x0137, 0x006B), (0x013A, 0x006C), (0x013C, 0x006C), (0x013E, 0x006C), (0x0144, 0x006E),
    (0x0146, 0x006E), (0x0148, 0x006E), (0x014D, 0x006F), (0x014F, 0x006F), (0x0151, 0x006F),
    (0x0155, 0x0072), (0x0157, 0x0072), (0x0159, 0x0072), (0x015B, 0x0073), (0x015D, 0x0073),
    (0x015F, 0x0073), (0x0161, 0x0073), (0x0163, 0x0074), (0x0165, 0x0074), (0x0169, 0x0075),
    (0x016B, 0x0075), (0x016D, 0x0075), (0x016F, 0x0075), (0x0171, 0x0075), (0x0173, 0x0075),
    (0x0175, 0x0077), (0x0177, 0x0079), (0x017A, 0x007A), (0x017C, 0x007A), (0x017E, 0x007A),
    (0x01A1, 0x006F), (0x01B0, 0x0075), (0x01CE, 0x0061), (0x01D0, 0x0069), (0x01D2, 0x006F),
    (0x01D4, 0x0075), (0x01D6, 0x0075), (0x01D8, 0x0075), (0x01DA, 0x0075), (0x01DC, 0x0075),
    (0x01DF, 0x0061), (0x01E1, 0x0061), (0x01E3, 0x00E6), (0x01E7, 0x0067), (0x01E9, 0x006B),
    (0x01EB, 0x006F), (0x01ED, 0x006F), (0x01EF, 0x0292), (0x01F0, 0x006A), (0x01F5, 0x0067),
    (0x01F9, 0x006E), (0x01FB, 0x0061), (0x01FD, 0x00E6), (0x01FF, 0x00F8), (0x0201, 0x0061),
    (0x0203, 0x0061), (0x0205, 0x0065), (0x0207, 0x0065), (0x0209, 0x0069), (0x020B, 0x0069),
    (0x020D, 0x006F), (0x020F, 0x006F), (0x0211, 0x0072), (0x0213, 0x0072), (0x0215, 0x0075),
    (0x0217, 0x0075), (0x0219, 0x0073), (0x021B, 0x0074), (0x021F, 0x0068), (0x0227, 0x0061),
    (0x0229, 0x0065), (0x022B, 0x006F), (0x022D, 0x006F), (0x022F, 0x006F), (0x0231, 0x006F),
    (0x0233, 0x0079), (0x0374, 0x02B9), (0x037E, 0x003B), (0x0385, 0x00A8), (0x0387, 0x00B7),
    (0x0390, 0x03B9), (0x03AC, 0x03B1), (0x03AD, 0x03B5), (0x03AE, 0x03B7), (0x03AF, 0x03B9),
    (0x03B0, 0x03C5), (0x03CA, 0x03B9), (0x03CB, 0x03C5), (0x03CC, 0x03BF), (0x03CD, 0x03C5),
    (0x03CE, 0x03C9), (0x03D3, 0x03D2), (0x03D4, 0x03D2), (0x0439, 0x0438), (0x0450, 0x0435),
    (0x0451, 0x0435), (0x0453, 0x0433), (0x0457, 0x0456), (0x045C, 0x043A), (0x045D, 0x0438),
    (0x045E, 0x0443), (0x0477, 0x0475), (0x04C2, 0x0436), (0x04D1, 0x0430), (0x04D3, 0x0430),
    (0x04D7, 0x0435), (0x04DB, 0x04D9), (0x04DD, 0x0436), (0x04DF, 0x0437), (0x04E3, 0x0438),
    (0x04E5, 0x0438), (0x04E7, 0x043E), (0x04EB, 0x04E9), (0x04ED, 0x044D), (0x04EF, 0x0443),
    (0x04F1, 0x0443), (0x04F3, 0x0443), (0x04F5, 0x0447), (0x04F9, 0x044B), (0x1E01, 0x0061),
    (0x1E03, 0x0062), (0x1E05, 0x0062), (0x1E07, 0x0062), (0x1E09, 0x0063), (0x1E0B, 0x0064),
    (0x1E0D, 0x0064), (0x1E0F, 0x0064), (0x1E11, 0x0064), (0x1E13, 0x0064), (0x1E15, 0x0065),
    (0x1E17, 0x0065), (0x1E19, 0x0065), (0x1E1B, 0x0065), (0x1E1D, 0x0065), (0x1E1F, 0x0066),
    (0x1E21, 0x0067), (0x1E23, 0x0068), (0x1E25, 0x0068), (0x1E27, 0x0068), (0x1E29, 0x0068),
    (0x1E2B, 0x0068), (0x1E2D, 0x0069), (0x1E2F, 0x0069), (0x1E31, 0x006B), (0x1E33, 0x006B),
    (0x1E35, 0x006B), (0x1E37, 0x006C), (0x1E39, 0x006C), (0x1E3B, 0x006C), (0x1E3D, 0x006C),
    (0x1E3F, 0x006D), (0x1E41, 0x006D), (0x1E43, 0x006D), (0x1E45, 0x006E), (0x1E47, 0x006E),
    (0x1E49, 0x006E), (0x1E4B, 0x006E), (0x1E4D, 0x006F), (0x1E4F, 0x006F), (0x1E51, 0x006F),
    (0x1E53, 0x006F), (0x1E55, 0x0070), (0x1E57, 0x0070), (0x1E59, 0x0072), (0x1E5B, 0x0072),
    (0x1E5D, 0x0072), (0x1E5F, 0x0072), (0x1E61, 0x0073), (0x1E63, 0x0073), (0x1E65, 0x0073),
    (0x1E67, 0x0073), (0x1E69, 0x0073), (0x1E6B, 0x0074), (0x1E6D, 0x0074), (0x1E6F, 0x0074),
    (0x1E71, 0x0074), (0x1E73, 0x0075), (0x1E75, 0x0075), (0x1E77, 0x0075), (0x1E79, 0x0075),
    (0x1E7B, 0x0075), (0x1E7D, 0x0076), (0x1E7F, 0x0076), (0x1E81, 0x0077), (0x1E83, 0x0077),
    (0x1E85, 0x0077), (0x1E87, 0x0077), (0x1E89, 0x0077), (0x1E8B, 0x0078), (0x1E8D, 0x0078),
    (0x1E8F, 0x0079), (0x1E91, 0x007A), (0x1E93, 0x007A), (0x1E95, 0x007A), (0x1E96, 0x0068),
    (0x1E97, 0x0074), (0x1E98, 0x0077), (0x1E99, 0x0079), (0x1E9B, 0x017F), (0x1EA1, 0x0061),
    (0x1EA3, 0x0061), (0x1EA5, 0x0061), (0x1EA7, 0x0061), (0x1EA9, 0x0061), (0x1EAB, 0x0061),
    (0x1EAD, 0x0061), (0x1EAF, 0x0061), (0x1EB1, 0x0061), (0x1EB3, 0x0061), (0x1EB5, 0x0061),
    (0x1EB7, 0x0061), (0x1EB9, 0x0065), (0x1EBB, 0x0065), (0x1EBD, 0x0065), (0x1EBF, 0x0065),
    (0x1EC1, 0x0065), (0x1EC3, 0x0065), (0x1EC5, 0x0065), (0x1EC7, 0x0065), (0x1EC9, 0x0069),
    (0x1ECB, 0x0069), (0x1ECD, 0x006F), (0x1ECF, 0x006F), (0x1ED1, 0x006F), (0x1ED3, 0x006F),
    (0x1ED5, 0x006F), (0x1ED7, 0x006F), (0x1ED9, 0x006F), (0x1EDB, 0x006F), (0x1EDD, 0x006F),
    (0x1EDF, 0x006F), (0x1EE1, 0x006F), (0x1EE3, 0x006F), (0x1EE5, 0x0075), (0x1EE7, 0x0075),
    (0x1EE9, 0x0075), (0x1EEB, 0x0075), (0x1EED, 0x0075), (0x1EEF, 0x0075), (0x1EF1, 0x0075),
    (0x1EF3, 0x0079), (0x1EF5, 0x0079), (0x1EF7, 0x0079), (0x1EF9, 0x0079), (0x1F00, 0x03B1),
    (0x1F01, 0x03B1), (0x1F02, 0x03B1), (0x1F03, 0x03B1), (0x1F04, 0x03B1), (0x1F05, 0x03B1),
    (0x1F06, 0x03B1), (0x1F07, 0x03B1), (0x1F10, 0x03B5), (0x1F11, 0x03B5), (0x1F12, 0x03B5),
    (0x1F13, 0x03B5), (0x1F14, 0x03B5), (0x1F15, 0x03B5), (0x1F20, 0x03B7), (0x1F21, 0x03B7),
    (0x1F22, 0x03B7), (0x1F23, 0x03B7), (0x1F24, 0x03B7), (0x1F25, 0x03B7), (0x1F26, 0x03B7),
    (0x1F27, 0x03B7), (0x1F30, 0x03B9), (0x1F31, 0x03B9), (0x1F32, 0x03B9), (0x1F33, 0x03B9),
    (0x1F34, 0x03B9), (0x1F35, 0x03B9), (0x1F36, 0x03B9), (0x1F37, 0x03B9), (0x1F40, 0x03BF),
    (0x1F41, 0x03BF), (0x1F42, 0x03BF), (0x1F43, 0x03BF), (0x1F44, 0x03BF), (0x1F45, 0x03BF),
    (0x1F50, 0x03C5), (0x1F51, 0x03C5), (0x1F52, 0x03C5), (0x1F53, 0x03C5), (0x1F54, 0x03C5),
    (0x1F55, 0x03C5), (0x1F56, 0x03C5), (0x1F57, 0x03C5), (0x1F60, 0x03C9), (0x1F61, 0x03C9),
    (0x1F62, 0x03C9), (0x1F63, 0x03C9), (0x1F64, 0x03C9), (0x1F65, 0x03C9), (0x1F66, 0x03C9),
    (0x1F67, 0x03C9), (0x1F70, 0x03B1), (0x1F71, 0x03B1), (0x1F72, 0x03B5), (0x1F73, 0x03B5),
    (0x1F74, 0x03B7), (0x1F75, 0x03B7), (0x1F76, 0x03B9), (0x1F77, 0x03B9), (0x1F78, 0x03BF),
    (0x1F79, 0x03BF), (0x1F7A, 0x03C5), (0x1F7B, 0x03C5), (0x1F7C, 0x03C9), (0x1F7D, 0x03C9),
    (0x1F80, 0x03B1), (0x1F81, 0x03B1), (0x1F82, 0x03B1), (0x1F83, 0x03B1), (0x1F84, 0x03B1),
    (0x1F85, 0x03B1), (0x1F86, 0x03B1), (0x1F87, 0x03B1), (0x1F90, 0x03B7), (0x1F91, 0x03B7),
    (0x1F92, 0x03B7), (0x1F93, 0x03B7), (0x1F94, 0x03B7), (0x1F95, 0x03B7), (0x1F96, 0x03B7),
    (0x1F97, 0x03B7), (0x1FA0, 0x03C9), (0x1FA1, 0x03C9), (0x1FA2, 0x03C9), (0x1FA3, 0x03C9),
    (0x1FA4, 0x03C9), (0x1FA5, 0x03C9), (0x1FA6, 0x03C9), (0x1FA7, 0x03C9), (0x1FB0, 0x03B1),
    (0x1FB1, 0x03B1), (0x1FB2, 0x03B1), (0x1FB3, 0x03B1), (0x1FB4, 0x03B1), (0x1FB6, 0x03B1),
    (0x1FB7, 0x03B1), (0x1FBE, 0x03B9), (0x1FC1, 0x00A8), (0x1FC2, 0x03B7), (0x1FC3, 0x03B7),
    (0x1FC4, 0x03B7), (0x1FC6, 0x03B7), (0x1FC7, 0x03B7), (0x1FCD, 0x1FBF), (0x1FCE, 0x1FBF),
    (0x1FCF, 0x1FBF), (0x1FD0, 0x03B9), (0x1FD1, 0x03B9), (0x1FD2, 0x03B9), (0x1FD3, 0x03B9),
    (0x1FD6, 0x03B9), (0x1FD7, 0x03B9), (0x1FDD, 0x1FFE), (0x1FDE, 0x1FFE), (0x1FDF, 0x1FFE),
    (0x1FE0, 0x03C5), (0x1FE1, 0x03C5), (0x1FE2, 0x03C5), (0x1FE3, 0x03C5), (0x1FE4, 0x03C1),
    (0x1FE5, 0x03C1), (0x1FE6, 0x03C5), (0x1FE7, 0x03C5), (0x1FED, 0x00A8), (0x1FEE, 0x00A8),
    (0x1FEF, 0x0060), (0x1FF2, 0x03C9), (0x1FF3, 0x03C9), (0x1FF4, 0x03C9), (0x1FF6, 0x03C9),
    (0x1FF7, 0x03C9), (0x1FFD, 0x00B4),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(index: &SearchIndex, query: &str) -> Vec<usize> {
        index
            .find(&fold(query))
            .into_iter()
            .map(|h| h.competency)
            .collect()
    }

    #[test]
    fn folding_drops_case_and_accents_in_either_form() {
        assert_eq!(fold("Gouvernânce"), "gouvernance");
        assert_eq!(fold("GOUVERNÂNCE"), "gouvernance");
        // Decomposed input: the letter, then a combining circumflex.
        assert_eq!(fold("Gouverna\u{302}nce"), "gouvernance");
        assert_eq!(
            fold("Évaluation Ørsted Ñandú Łódź Straße"),
            "evaluation ørsted nandu łodz straße"
        );
        assert_eq!(fold("Ἀθῆναι Ёлка"), "αθηναι елка");
        assert_eq!(fold("RI1"), "ri1");
    }

    #[test]
    fn the_table_is_sorted_and_maps_to_other_letters() {
        assert!(BASES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(BASES.iter().all(|(from, to)| from != to));
        assert_eq!(base_of('é'), 'e');
        assert_eq!(base_of('x'), 'x');
    }

    fn framework(names: &[(&str, &str)]) -> Framework {
        let mut fw = crate::storage::framework::builtin();
        fw.competencies.truncate(names.len());
        for (c, (id, name)) in fw.competencies.iter_mut().zip(names) {
            c.id = (*id).into();
            c.name = (*name).into();
        }
        fw
    }

    #[test]
    fn ids_and_names_match_whatever_the_case_and_accents() {
        let fw = framework(&[
            ("GV1", "Gouvernânce de projet"),
            ("RI1", "Risk identification"),
            ("DP1", "Scope"),
        ]);
        let index = SearchIndex::new(&fw);
        assert_eq!(hits(&index, "gouvernance"), [0]);
        assert_eq!(hits(&index, "Gouvernance"), [0]);
        assert_eq!(hits(&index, "GOUVERNÂNCE"), [0]);
        assert_eq!(hits(&index, "ri1"), [1]);
        assert_eq!(hits(&index, "Ri1"), [1]);
        assert_eq!(hits(&index, "zzz"), Vec::<usize>::new());
        // Nothing typed lists everything in framework order.
        assert_eq!(hits(&index, ""), [0, 1, 2]);
    }

    #[test]
    fn id_starts_rank_before_name_word_starts_before_the_rest() {
        let fw = framework(&[
            ("XX1", "Sunrise only"),
            ("AB1", "Own risk register"),
            ("RI10", "Other"),
            ("ZZ2", "Managing risk"),
            ("RI1", "Issues"),
            ("QRI", "Nothing named"),
            ("CD1", "Risky business"),
        ]);
        let index = SearchIndex::new(&fw);
        let ranked = |query: &str| -> Vec<(String, Rank)> {
            index
                .find(&fold(query))
                .iter()
                .map(|h| (fw.competencies[h.competency].id.to_string(), h.rank))
                .collect()
        };
        let expected = [
            ("RI10", Rank::IdStart),
            ("RI1", Rank::IdStart),
            ("CD1", Rank::NameStart),
            ("AB1", Rank::NameWord),
            ("ZZ2", Rank::NameWord),
            ("QRI", Rank::InId),
            ("XX1", Rank::InName),
        ];
        let expected: Vec<(String, Rank)> = expected
            .iter()
            .map(|(id, r)| (id.to_string(), *r))
            .collect();
        assert_eq!(ranked("ri"), expected);
        // The exact id comes first of all.
        assert_eq!(hits(&index, "ri1"), [4, 2]);
        assert_eq!(ranked("RI1")[0], ("RI1".to_string(), Rank::Id));
        // A name that starts with the query before one with it later, at a word start; then
        // those whose area's name has a word starting with it (the built-in "Risk & Issue
        // Management" of the fifth and sixth competencies here), then their descriptions.
        assert_eq!(hits(&index, "risk"), [6, 1, 3, 5, 2]);
        assert_eq!(
            index.find("risk")[3..]
                .iter()
                .map(|h| h.rank)
                .collect::<Vec<_>>(),
            [Rank::AreaWord, Rank::DescriptionWord]
        );
    }

    #[test]
    fn a_match_across_an_id_and_a_name_or_two_competencies_is_none() {
        let fw = framework(&[("XA", "bc"), ("A1", "xy"), ("ZB", "q")]);
        let index = SearchIndex::new(&fw);
        // The folded text is "xabca1xyzbq": "ab" and "yz" are in it, but not in one field.
        for query in ["ab", "yz", "ca1", "bq"] {
            assert_eq!(hits(&index, query), Vec::<usize>::new(), "{query}");
        }
        assert_eq!(hits(&index, "xy"), [1]);
        // A1 starts with it, XA has it inside; ZB's description has a word starting with it.
        assert_eq!(hits(&index, "a"), [1, 0, 2]);
    }

    /// Every competency ranked one by one, as `find` must rank them.
    fn one_by_one(index: &SearchIndex, query: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = (0..index.len())
            .filter_map(|c| {
                rank([0, 1, 2, 3].map(|i| index.part(c, i).trim_end()), query).map(|rank| Hit {
                    competency: c,
                    rank,
                })
            })
            .collect();
        hits.sort_by_key(|h| (h.rank, h.competency));
        hits
    }

    #[test]
    fn the_one_pass_search_finds_what_ranking_each_competency_finds() {
        let fw = crate::storage::framework::builtin();
        let index = SearchIndex::new(&fw);
        let mut queries = std::collections::BTreeSet::new();
        for c in &fw.competencies {
            let text = fold(&format!("{} {}", c.id, c.name));
            let chars: Vec<char> = text.chars().collect();
            for len in 1..=4 {
                for window in chars.windows(len) {
                    queries.insert(window.iter().collect::<String>());
                }
            }
        }
        queries.extend(["zzz".to_string(), "1 s".to_string(), "gv5p".to_string()]);
        for query in &queries {
            assert_eq!(index.find(query), one_by_one(&index, query), "{query:?}");
        }
    }

    #[test]
    fn the_matched_part_is_found_in_the_text_as_shown() {
        assert_eq!(matched_range("Gouvernânce", "nance"), Some(6..12));
        assert_eq!(&"Gouvernânce"[6..12], "nânce");
        // A word start is preferred to an earlier match inside a word.
        assert_eq!(matched_range("Sunrise and rise", "rise"), Some(12..16));
        assert_eq!(matched_range("RI1", "ri"), Some(0..2));
        // A combining accent stays with its letter.
        assert_eq!(matched_range("Gouverna\u{302}nce", "gouverna"), Some(0..10));
        assert_eq!(matched_range("Scope", "x"), None);
        assert_eq!(matched_range("Scope", ""), None);
    }
}
