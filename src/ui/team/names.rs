//! People's names cut to a column's width so that two different people never look the same.

use crate::ui::text::{UnicodeWidthStr, truncate};

/// Names cut to `width` so that those that differ stay different: cut at the end as usual,
/// and where two come out the same, the part that tells them apart is kept — the file of
/// "Sam Taylor (sam.toml)", else the name's end ("Alexa…oreau").
pub(super) fn fit_distinct(labels: &[String], width: usize) -> Vec<String> {
    let mut out: Vec<String> = labels.iter().map(|l| truncate(l, width)).collect();
    let mut seen = std::collections::HashMap::<String, Vec<usize>>::new();
    for (i, cut) in out.iter().enumerate() {
        seen.entry(cut.clone()).or_default().push(i);
    }
    for group in seen.into_values().filter(|g| g.len() > 1) {
        if group.iter().all(|&i| labels[i] == labels[group[0]]) {
            continue;
        }
        for i in group {
            out[i] = keep_ends(&labels[i], width);
        }
    }
    out
}

/// `label` in `width` columns, keeping the file of a label such as "Sam Taylor (sam.toml)",
/// else the start and the end of the name.
fn keep_ends(label: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(label);
    if w <= width {
        return label.to_string();
    }
    let last = |text: &str, room: usize| -> String {
        let mut kept: Vec<char> = Vec::new();
        let mut used = 0;
        for c in text.chars().rev() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > room {
                break;
            }
            used += cw;
            kept.push(c);
        }
        kept.into_iter().rev().collect()
    };
    if let Some((name, place)) = label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        let bracketed = format!("({place})");
        let pw = UnicodeWidthStr::width(bracketed.as_str());
        if pw + 2 <= width {
            return format!("{} {bracketed}", truncate(name, width - pw - 1));
        }
        // Tighter still: the file without `.toml`, its end kept ("sam-k", "…a/sam").
        let core = place.strip_suffix(".toml").unwrap_or(place);
        if UnicodeWidthStr::width(core) <= width {
            return core.to_string();
        }
        return format!("…{}", last(core, width.saturating_sub(1)));
    }
    let tail = width.saturating_sub(1) / 2;
    let head = truncate(label, width - tail);
    format!("{head}{}", last(label, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cut_to_fit_stay_told_apart() {
        let labels: Vec<String> = [
            "Sam Taylor (sam.toml)",
            "Sam Taylor (sam-k.toml)",
            "Alexandra Moreau",
            "Alexandra Morgan",
            "Bea Lind",
        ]
        .map(String::from)
        .to_vec();
        for width in [6, 8, 10, 14] {
            let fitted = fit_distinct(&labels, width);
            for (label, fit) in labels.iter().zip(&fitted) {
                assert!(
                    UnicodeWidthStr::width(fit.as_str()) <= width,
                    "{fit:?} in {width}"
                );
                if UnicodeWidthStr::width(label.as_str()) <= width {
                    assert_eq!(fit, label);
                }
            }
            let mut distinct = fitted.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), labels.len(), "{width}: {fitted:?}");
        }
        let fitted = fit_distinct(&labels, 14);
        assert_eq!(fitted[0], "Sa… (sam.toml)");
        assert_eq!(fitted[1], "… (sam-k.toml)");
        assert_eq!(fitted[4], "Bea Lind");
        assert_eq!(fit_distinct(&labels, 10)[2], "Alexa…reau");
        // The same label twice (two files of one name and file name) is left as it is cut.
        let same = ["Kim Lee".to_string(), "Kim Lee".to_string()];
        assert_eq!(fit_distinct(&same, 5), ["Kim…", "Kim…"]);
    }
}
