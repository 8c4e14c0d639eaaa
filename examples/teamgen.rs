//! Writes a generated team of assessment files of the built-in framework, for measuring
//! `rolefit team` at scale (see BENCHMARKS.md, "Team view"):
//!
//! ```text
//! cargo run --release --example teamgen -- DIR COUNT
//! ```
//!
//! Person `i` is `pNNNNNN.toml`, named "Person i", with every competency answered (levels
//! varied per person, about one in eleven N/A), a note on every fifth competency, and a closed
//! round from an earlier date for every other person, so each file is about the size of a real
//! one. The same COUNT always writes the same files.

use std::path::PathBuf;

use rolefit::domain::{Assessment, Framework, Level, Rating};
use rolefit::storage::codec;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: teamgen DIR COUNT");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let count: usize = count.parse().expect("COUNT is a whole number");
    std::fs::create_dir_all(&dir).expect("create the folder");
    let fw = rolefit::storage::framework::builtin();
    for i in 0..count {
        let text = codec::to_toml(&person(&fw, i));
        std::fs::write(dir.join(format!("p{i:06}.toml")), text).expect("write a file");
    }
    eprintln!("wrote {count} files to {}", dir.display());
}

/// Person `i`'s assessment.
fn person(fw: &Framework, i: usize) -> Assessment {
    let mut a = Assessment::new(
        &format!("p{i:06}"),
        fw,
        rolefit::clock::utc_from_epoch(1_790_000_000),
    );
    a.display_name = Some(format!("Person {i}"));
    let level = |c: usize, shift: usize| {
        if (i + c).is_multiple_of(11) {
            Rating::NotApplicable
        } else {
            Rating::Level(Level::new(((i * 7 + c * 3 + shift) % 6) as u8).expect("0..=5"))
        }
    };
    if i.is_multiple_of(2) {
        for (c, competency) in fw.competencies.iter().enumerate() {
            a.set_rating(&competency.id, Some(level(c, 5)));
        }
        a.close_round(rolefit::clock::utc_from_epoch(1_780_000_000), "first round");
    }
    for (c, competency) in fw.competencies.iter().enumerate() {
        a.set_rating(&competency.id, Some(level(c, 0)));
        if c.is_multiple_of(5) {
            a.set_note(
                &competency.id,
                format!("Evidence for {} from the last project.", competency.id),
            );
        }
    }
    a.updated = rolefit::clock::utc_from_epoch(1_790_000_000 + i as i64);
    a
}
