//! A save that keeps what a person wrote in the file: the new text laid over the old one, so
//! that comments and blank lines survive, while every value, and the order of the values, is
//! the one rolefit writes now.

use toml_edit::{DocumentMut, Item, Table};

/// `new` (the file as rolefit writes it now) laid over `old` (the file as it is): every key,
/// value and table of `new`, in `new`'s order; the comments and blank lines `old` had around
/// the keys and tables that stay. A key `new` no longer has goes with its comments. Where `old`
/// does not read as TOML, or laying over would not read back as `new`'s data, `new` as it is.
pub fn keep_comments(old: &str, new: &str) -> String {
    let (Ok(mut kept), Ok(fresh)) = (old.parse::<DocumentMut>(), new.parse::<DocumentMut>()) else {
        return new.to_string();
    };
    lay_over(kept.as_table_mut(), fresh.as_table());
    // Tables are written in rolefit's order, each with its own comments: a table added from
    // `new` has no place among `old`'s, so none keeps one (a new round's subtable would
    // otherwise land under the next round).
    unplace(kept.as_table_mut());
    let kept = kept.to_string();
    // What the file holds must be what rolefit wrote now; where laying over cannot give that,
    // the new text alone.
    match (
        toml::from_str::<toml::Table>(&kept),
        toml::from_str::<toml::Table>(new),
    ) {
        (Ok(a), Ok(b)) if a == b => kept,
        _ => new.to_string(),
    }
}

/// Lets every table under `table` be written where its keys put it, not at a remembered place.
fn unplace(table: &mut Table) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(sub) => {
                sub.set_position(None);
                unplace(sub);
            }
            Item::ArrayOfTables(array) => {
                for sub in array.iter_mut() {
                    sub.set_position(None);
                    unplace(sub);
                }
            }
            _ => {}
        }
    }
}

/// Lays `fresh`'s keys over `kept`'s, in place.
fn lay_over(kept: &mut Table, fresh: &Table) {
    kept.retain(|key, _| fresh.contains_key(key));
    for (key, item) in fresh.iter() {
        match kept.get_mut(key) {
            Some(old) => lay_item(old, item),
            None => {
                kept.insert(key, item.clone());
            }
        }
    }
    // The values in rolefit's order, each with the comments that came with it.
    let order: std::collections::HashMap<&str, usize> = fresh
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (key, i))
        .collect();
    kept.sort_values_by(|a, _, b, _| order.get(a.get()).cmp(&order.get(b.get())));
}

/// Lays one item over another: tables and arrays of tables key by key and table by table, a
/// value in place of the old one with the old one's comment after it.
fn lay_item(kept: &mut Item, fresh: &Item) {
    match (kept, fresh) {
        (Item::Table(kept), Item::Table(fresh)) => lay_over(kept, fresh),
        (Item::ArrayOfTables(kept), Item::ArrayOfTables(fresh)) => {
            let old = kept.len();
            for (i, table) in fresh.iter().enumerate() {
                match kept.get_mut(i) {
                    Some(kept) => lay_over(kept, table),
                    None => kept.push(table.clone()),
                }
            }
            for i in (fresh.len()..old).rev() {
                kept.remove(i);
            }
        }
        (Item::Value(kept), Item::Value(fresh)) => {
            let decor = kept.decor().clone();
            *kept = fresh.clone();
            *kept.decor_mut() = decor;
        }
        (kept, fresh) => *kept = fresh.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "\
# rolefit assessment: my own words up here
format = 1
name = \"default\" # the name I chose

# Why I rated DP1 so
[ratings.DP1]
level = 3 # was 2 last spring
note = \"led the rollout\"

[ratings.DP2]
level = 1

[[history]]
label = \"spring\" # first round

[[history]]
label = \"autumn\"
";

    const NEW: &str = "\
format = 1
name = \"default\"

[ratings.DP1]
level = 4
note = \"led the rollout\"

[ratings.DP3]
level = 2

[[history]]
label = \"spring\"
";

    #[test]
    fn comments_and_blank_lines_stay_and_every_value_is_the_new_one() {
        let kept = keep_comments(OLD, NEW);
        for comment in [
            "# rolefit assessment: my own words up here",
            "# the name I chose",
            "# Why I rated DP1 so",
            "level = 4 # was 2 last spring",
            "label = \"spring\" # first round",
        ] {
            assert!(kept.contains(comment), "{comment:?} is kept:\n{kept}");
        }
        // What the file holds is exactly what rolefit wrote now.
        let kept_data: toml::Table = toml::from_str(&kept).unwrap();
        let new_data: toml::Table = toml::from_str(NEW).unwrap();
        assert_eq!(kept_data, new_data, "\n{kept}");
        // What went goes, and the new table is written.
        assert!(!kept.contains("DP2") && !kept.contains("autumn"), "{kept}");
        assert!(kept.contains("[ratings.DP3]"), "{kept}");
    }

    #[test]
    fn a_value_added_takes_its_place_among_the_others() {
        let old = "name = \"default\" # mine\ncreated = 1\n";
        let new = "name = \"default\"\nrole = \"lead\"\ncreated = 1\n";
        assert_eq!(
            keep_comments(old, new),
            "name = \"default\" # mine\nrole = \"lead\"\ncreated = 1\n"
        );
    }

    #[test]
    fn a_file_that_does_not_read_is_replaced_by_the_new_text() {
        assert_eq!(keep_comments("format = = 1\n", NEW), NEW);
        // An empty file reads: everything is new.
        let kept: toml::Table = toml::from_str(&keep_comments("", NEW)).unwrap();
        assert_eq!(kept, toml::from_str::<toml::Table>(NEW).unwrap());
    }

    /// A round added after the file's only one keeps its ratings under it, and the file's
    /// round keeps its own (tables added from the new text take their place in it).
    #[test]
    fn a_round_added_keeps_its_ratings_under_it() {
        let old = "format = 1\n\n# the first round\n[[history]]\nlabel = \"a\"\n\n[history.ratings]\nC0 = 1\n";
        let new = "format = 1\n\n[[history]]\nlabel = \"a\"\n\n[history.ratings]\nC0 = 1\n\n[[history]]\nlabel = \"b\"\n\n[history.ratings]\nC0 = 2\n\n[reviews.Kim]\nid = \"x\"\n\n[reviews.Kim.ratings.C0]\nlevel = 3\n";
        let kept = keep_comments(old, new);
        assert!(kept.contains("# the first round"), "{kept}");
        let kept: toml::Table = toml::from_str(&kept).unwrap();
        assert_eq!(kept, toml::from_str::<toml::Table>(new).unwrap());
    }

    #[test]
    fn a_value_that_changes_kind_is_written_as_the_new_kind() {
        let old = "[position]\nscreen = \"rate\"\n[ratings]\nDP1 = { level = 3 }\n";
        let new = "[position]\nscreen = \"grid\"\n[ratings.DP1]\nlevel = 3\n";
        let kept: toml::Table = toml::from_str(&keep_comments(old, new)).unwrap();
        assert_eq!(kept, toml::from_str::<toml::Table>(new).unwrap());
    }
}
