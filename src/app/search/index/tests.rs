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
        fold("Évaluation Ørsted Ñandú Łódź Straße Æsir Œuvre Đakovo"),
        "evaluation orsted nandu lodz strasse aesir oeuvre dakovo"
    );
    assert_eq!(fold("Ἀθῆναι Ёлка"), "αθηναι елка");
    assert_eq!(fold("RI1"), "ri1");
}

/// Every block the folding decomposes gives its base letter (Latin-1, Latin Extended-A and
/// -B, Greek, Cyrillic, Latin Extended Additional, Greek Extended); other scripts and
/// symbols keep what their marks mean.
#[test]
fn each_decomposed_block_gives_the_base_letter_and_others_stay() {
    for (accented, base) in [
        ("àçéïñõüý", "aceinouy"),
        ("āăąčďěğįķľńőřšťůűųźž", "aaacdegiklnorstuuuzz"),
        ("ǎǐǒǔǘǟǧǩǫǹǻȁȅȉȍȑȕșțȟȧȩȯȳ", "aiouuagkonaaeiorusthaeoy"),
        ("ǣǽǿ", "aeaeo"),
        ("άέήίόύώϊϋΐΰ", "αεηιουωιυιυ"),
        ("йёїќўӑӓӗӝӟӣӧӯ", "иеікуааежзиоу"),
        (
            "ḁḃḉḋḗḟḡḣḭḱḷḿṅṓṗṙṡṫṳṽẁẍẏẑẖẗẘẙ",
            "abcdefghiklmnoprstuvwxyzhtwy",
        ),
        (
            "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
            "aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy",
        ),
        ("ἀἁἂἃἄἅἆἇὰάᾀᾰᾱᾳᾶᾷ", "αααααααααααααααα"),
    ] {
        assert_eq!(fold(accented), base, "{accented}");
    }
    // Not Latin, Greek or Cyrillic: kept whole.
    for kept in ["が", "≠", "क़", "한국"] {
        assert_eq!(fold(kept), kept);
    }
    assert_eq!(fold("x"), "x");
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
    // A letter spelled with two (ß as "ss") is marked whole.
    assert_eq!(matched_range("Straße", "strasse"), Some(0..7));
    assert_eq!(matched_range("Straße", "stras"), Some(0..6));
    assert_eq!(matched_range("Ørsted", "orsted"), Some(0..7));
    assert_eq!(matched_range("Scope", "x"), None);
    assert_eq!(matched_range("Scope", ""), None);
}
