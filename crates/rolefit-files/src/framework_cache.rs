//! A cache of validated frameworks, so a large framework file is parsed and checked once, not on
//! every start: parsing 10 MiB of TOML (20,000 competencies) takes ~0.2 s and ~180 MiB, reading
//! back the validated structures a few tens of milliseconds and about what they occupy.
//!
//! One cache file per framework path, in the platform's cache directory
//! (`~/.cache/rolefit/frameworks/` on Linux), written atomically. It is the framework as serde
//! writes it with `postcard` (a compact, kept binary format), behind a fixed header: `MAGIC`
//! (the layout's version), the key, a checksum of the rest, and the framework file's content
//! hash. It is used only when it says it was made by this version of rolefit from exactly the
//! bytes the framework file holds now (the key: a hash of the version and of the file's
//! content), and only when the rest matches the checksum it carries, the payload decodes
//! completely, and the framework it decodes to holds every invariant the validator guarantees
//! (the model checks them again as it deserializes: [`Framework::check_invariants`]); anything
//! else is a miss, and the framework is parsed and validated from its file as if there were no
//! cache. A cache that cannot be written is no error: the next start parses again.
//!
//! The key and the checksum are XXH3 64 (`xxhash-rust`): a cached start hashes the framework
//! file and the cache, ~19 MB at 20,000 competencies, ten times faster than with FNV-1a's byte
//! at a time. The content hash an assessment records stays FNV-1a 64 of the file; it is worked
//! out when the cache is made and read back from it.

use std::path::{Path, PathBuf};

use rolefit_core::Framework;
use rolefit_core::framework::fnv1a_64;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// First bytes of every cache file; the number is the layout's version. Anything that changes
/// how a [`Framework`] serializes (a field added, moved or retyped) needs a new one: the test
/// `the_layout_is_pinned` fails until it is given.
const MAGIC: &[u8; 16] = b"rolefit-fwc-v3\n\0";

/// The header: [`MAGIC`], then the key, the checksum and the content hash (little-endian).
const HEADER: usize = MAGIC.len() + 3 * 8;

/// Where the bytes the checksum covers start: the content hash and the payload.
const CHECKED: usize = MAGIC.len() + 2 * 8;

/// The most a cache file may hold: what the largest framework rolefit reads can decode into,
/// with room to spare.
const MAX_CACHE_BYTES: u64 = 4 * super::MAX_FILE_BYTES;

/// The folder of validated frameworks (`CACHE_DIR/rolefit/frameworks`), if the platform has a
/// cache directory.
pub fn folder() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "rolefit")?;
    Some(dirs.cache_dir().join("frameworks"))
}

/// The cache file for the framework at `path`, if there is a cache directory.
fn cache_file(path: &Path) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "rolefit")?;
    let location = super::canonical_location(path)?;
    let name = format!(
        "{:016x}.bin",
        fnv1a_64(location.as_os_str().as_encoded_bytes())
    );
    Some(dirs.cache_dir().join("frameworks").join(name))
}

/// What a cache made from the framework file's `bytes` must say it was made from: this rolefit
/// and those bytes.
fn key(bytes: &[u8]) -> u64 {
    key_for(env!("CARGO_PKG_VERSION"), bytes)
}

/// The key of a cache made by rolefit `version` from a framework file's `bytes`.
fn key_for(version: &str, bytes: &[u8]) -> u64 {
    xxh3_64_with_seed(bytes, xxh3_64(version.as_bytes()))
}

/// The validated framework for the file at `path` from the cache, if the cache holds one made
/// from the file's current content; None otherwise (and for an unreadable file, which the
/// caller then reports).
pub fn load(path: &Path) -> Option<Framework> {
    let file = cache_file(path)?;
    // The file's bytes are only hashed for the key, and let go before the cache is read; its
    // content hash (which an assessment records) is in the cache, made from the same bytes.
    let key = key(&super::read_regular(path, super::MAX_FILE_BYTES).ok()?);
    // A cache entry that is not a regular file of rolefit's own (a FIFO, a device, a symbolic
    // link someone planted) is a miss, never waited on or followed; `store` replaces it.
    let entry = std::fs::symlink_metadata(&file).ok()?;
    if !entry.is_file() {
        return None;
    }
    decode_file(&super::read_regular(&file, MAX_CACHE_BYTES).ok()?, key)
}

/// Keeps `framework`, validated from `source` (the text of the file at `path`), for the next
/// start. Failures are ignored: without a cache, the next start parses the file again.
pub fn store(path: &Path, source: &str, framework: &Framework) {
    let Some(file) = cache_file(path) else {
        return;
    };
    let source = source.as_bytes();
    let Some(bytes) = encode_file(framework, key(source), fnv1a_64(source)) else {
        return;
    };
    if super::ensure_parent(&file).is_err() {
        return;
    }
    let _ = write_replacing(&file, &bytes);
    if let Some(folder) = file.parent() {
        forget_old_layouts(folder);
    }
}

/// Removes the cache files in `folder` that an earlier layout wrote: no rolefit reads them
/// again, and their names (from the hash that layout used) are never written over. Only
/// regular `.bin` files that begin with a cache header of another version are removed;
/// anything else is left alone.
fn forget_old_layouts(folder: &Path) {
    use std::io::Read;
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let regular = entry.file_type().is_ok_and(|kind| kind.is_file());
        if !regular || path.extension().is_none_or(|ext| ext != "bin") {
            continue;
        }
        let mut head = [0; MAGIC.len()];
        let read = std::fs::File::open(&path).and_then(|mut file| file.read_exact(&mut head));
        if read.is_ok() && head.starts_with(b"rolefit-fwc-v") && &head != MAGIC {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Writes `bytes` to `file` through a new temp file beside it and a rename over the name. The
/// cache is rolefit's own scratch space: whatever stands at that name (a symbolic link someone
/// planted, a FIFO) is replaced, never written through, unlike the user's own files, whose
/// symlinks [`super::atomic::write_atomic`] keeps. The temp file is created new (0600), so it
/// cannot be a link either.
fn write_replacing(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".rolefit-cache-")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(file).map_err(|err| err.error)?;
    Ok(())
}

/// The whole cache file: `MAGIC`, `key`, the checksum of the rest, the framework file's content
/// hash (`content`, [`fnv1a_64`]), then the framework as postcard writes it. None if it cannot
/// be written that way (no framework the reader builds is one).
fn encode_file(framework: &Framework, key: u64, content: u64) -> Option<Vec<u8>> {
    use postcard::ser_flavors::Size;
    let length = postcard::serialize_with_flavor(framework, Size::default()).ok()?;
    let mut out = Vec::with_capacity(HEADER + length);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&content.to_le_bytes());
    let mut out = postcard::to_extend(framework, out).ok()?;
    let checksum = xxh3_64(&out[CHECKED..]);
    out[CHECKED - 8..CHECKED].copy_from_slice(&checksum.to_le_bytes());
    Some(out)
}

/// The framework in a cache file, with the content hash of the file it was made from, if the
/// cache is made for `key`, whole (its checksum matches), decodes completely and holds the
/// framework's invariants (checked as it deserializes).
fn decode_file(bytes: &[u8], key: u64) -> Option<Framework> {
    let (made_for, rest) = word(bytes.strip_prefix(MAGIC.as_slice())?)?;
    let (checksum, rest) = word(rest)?;
    if made_for != key || checksum != xxh3_64(rest) {
        return None;
    }
    let (content, payload) = word(rest)?;
    let Ok((mut framework, [])) = postcard::take_from_bytes::<Framework>(payload) else {
        return None;
    };
    framework.record_source_hash(content);
    Some(framework)
}

/// The little-endian word `bytes` start with, and the bytes after it.
fn word(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (word, rest) = bytes.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*word), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every framework rolefit ships or tests with: the built-in (format 1), and format 2 ones
    /// (roles other than two, a 1..7 scale, parent areas, per-competency levels and valid
    /// levels, targets not required, grades, career ladders).
    fn frameworks() -> Vec<Framework> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        let folders = ["tests/fixtures/frameworks", "assets/frameworks/examples"];
        let mut out = vec![crate::framework::builtin()];
        for folder in folders {
            let mut files: Vec<_> = std::fs::read_dir(format!("{root}{folder}"))
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .collect();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                let framework = crate::framework::from_toml(&text);
                out.push(framework.unwrap_or_else(|e| panic!("{}: {e:?}", file.display())));
            }
        }
        assert!(out.len() >= 7, "{} frameworks", out.len());
        out
    }

    /// Files an earlier layout wrote go; this layout's files, other files and links stay.
    #[test]
    fn caches_of_an_earlier_layout_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("old.bin"), b"rolefit-fwc-v2\n\0 and the rest").unwrap();
        std::fs::write(at("now.bin"), [MAGIC.as_slice(), b"rest"].concat()).unwrap();
        std::fs::write(at("notes.bin"), b"not a cache").unwrap();
        std::fs::write(at("short.bin"), b"rolefit").unwrap();
        std::fs::write(at("old.txt"), b"rolefit-fwc-v2\n\0 not a .bin").unwrap();
        std::os::unix::fs::symlink(at("old.bin"), at("link.bin")).unwrap();
        forget_old_layouts(dir.path());
        assert!(!at("old.bin").exists());
        for kept in ["now.bin", "notes.bin", "short.bin", "old.txt"] {
            assert!(at(kept).exists(), "{kept}");
        }
        assert!(
            at("link.bin").symlink_metadata().is_ok(),
            "the link itself stays"
        );
    }

    #[test]
    fn a_cache_gives_back_the_same_framework() {
        for mut fw in frameworks() {
            // The content hash is the file's, kept in the cache beside the framework.
            fw.record_source(b"framework text");
            let content = fnv1a_64(b"framework text");
            let bytes = encode_file(&fw, 7, content).expect("encodes");
            let back = decode_file(&bytes, 7).unwrap_or_else(|| panic!("{} decodes", fw.id));
            assert_eq!(back, fw);
            assert_eq!(back.content_hash(), fw.content_hash());
            // The lookup tables are rebuilt.
            for (i, c) in fw.competencies.iter().enumerate() {
                assert_eq!(back.competency_index(&c.id), Some(i));
            }
        }
    }

    #[test]
    fn a_cache_for_other_content_or_damaged_is_not_used() {
        let fw = crate::framework::builtin();
        let bytes = encode_file(&fw, 7, 1).unwrap();
        assert_eq!(decode_file(&bytes, 8), None, "made from other bytes");
        // Any single byte changed anywhere, or the file cut short, and it is refused.
        for at in (0..bytes.len()).step_by(97) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert_eq!(decode_file(&damaged, 7), None, "byte {at} changed");
        }
        for len in [0, 10, CHECKED, HEADER, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode_file(&bytes[..len], 7), None, "cut at {len}");
        }
        // Bytes after the payload, even with the checksum made to match.
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode_file(&longer, 7), None, "a byte more");
        assert_eq!(decode_file(&with_payload(&bytes, |p| p.push(0)), 7), None);
        assert!(decode_file(&with_payload(&bytes, |_| {}), 7).is_some());
    }

    /// `bytes` with its payload changed by `change`, and the checksum made to match: what
    /// only decoding and the framework's checks can refuse.
    fn with_payload(bytes: &[u8], change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut payload = bytes[HEADER..].to_vec();
        change(&mut payload);
        let mut out = bytes[..HEADER].to_vec();
        out.extend_from_slice(&payload);
        let checksum = xxh3_64(&out[CHECKED..]);
        out[CHECKED - 8..CHECKED].copy_from_slice(&checksum.to_le_bytes());
        out
    }

    /// A cache whose checksum matches but whose framework is not one the validator would let
    /// through (indices out of range, a base that goes round) is a miss.
    #[test]
    fn a_cache_of_a_framework_out_of_shape_is_not_used() {
        let fw = crate::framework::builtin();
        let mut broken: Vec<(&str, Framework)> = Vec::new();
        let mut area = fw.clone();
        area.competencies[0].area = fw.areas.len();
        broken.push(("a competency's area out of range", area));
        let mut main = fw.clone();
        main.main_profiles[1] = fw.profiles.len();
        broken.push(("a main profile out of range", main));
        let mut round = fw.clone();
        let flavours: Vec<usize> = (0..fw.profiles.len())
            .filter(|&p| fw.profiles[p].base.is_some())
            .collect();
        round.profiles[flavours[0]].base = Some(flavours[1]);
        round.profiles[flavours[1]].base = Some(flavours[0]);
        broken.push(("bases that go round", round));
        let mut targets = fw.clone();
        targets.competencies[3].targets.pop();
        broken.push(("a target missing", targets));
        for (what, framework) in broken {
            let bytes = encode_file(&framework, 7, 1).expect("anything serializes");
            assert_eq!(decode_file(&bytes, 7), None, "{what}");
        }
        // A level byte past every scale, with the checksum made to match: the scale's second
        // level comes after what this tuple writes (postcard writes a tuple as its parts).
        let before = (&fw.id, fw.version, &fw.name, &fw.summary, &fw.scale.na);
        let before = (before, fw.scale.levels.len(), &fw.scale.levels[0]);
        let at = postcard::to_stdvec(&before).unwrap().len();
        let bytes = encode_file(&fw, 7, 1).unwrap();
        assert_eq!(bytes[HEADER + at], fw.scale.levels[1].value.value() + 1);
        let damaged = with_payload(&bytes, |p| p[at] = 200);
        assert_eq!(decode_file(&damaged, 7), None, "a level of 199");
        let off_scale = with_payload(&bytes, |p| p[at] = 100);
        assert_eq!(decode_file(&off_scale, 7), None, "a scale of 0, 99, 2, …");
    }

    #[test]
    fn a_cache_of_another_layout_or_version_is_not_used() {
        let fw = crate::framework::builtin();
        let bytes = encode_file(&fw, 7, 1).unwrap();
        let mut older = bytes.clone();
        older[..MAGIC.len()].copy_from_slice(b"rolefit-fwc-v2\n\0");
        assert_eq!(decode_file(&older, 7), None, "the layout before");
        let source = b"framework text";
        assert_ne!(key_for("0.1.0", source), key_for("0.1.1", source));
        assert_eq!(key(source), key_for(env!("CARGO_PKG_VERSION"), source));
    }

    #[test]
    fn the_key_follows_the_content() {
        assert_eq!(key(b"abc"), key(b"abc"));
        assert_ne!(key(b"abc"), key(b"abd"));
        assert_ne!(key(b""), key(b"\0"));
    }

    /// A small framework that fills every kind of field a framework has: scale hints, a role's
    /// texts, a grade, a base with an adjustment, a reference, a parent area, a focus, practice,
    /// refs, valid levels and a level's own text. Written here, not read from a shared fixture,
    /// so that only a change to how frameworks serialize changes its payload.
    const PINNED: &str = r#"
format = 2
id = "pinned"
version = 2
name = "Pinned"
summary = "Every kind of field."
[scale]
na = "Not mine."
levels = [
  { value = 1, label = "Learn", descriptor = "With help.", hint = "small" },
  { value = 2, label = "Do", descriptor = "Alone." },
  { value = 3, label = "Lead", descriptor = "Shows others." },
]
[[roles]]
id = "dev"
name = "Developer"
short = "Dev"
essence = "Builds."
activities = ["Code", "Review"]
[[roles]]
id = "ops"
name = "Operator"
short = "Ops"
[[profiles]]
id = "dev"
name = "Developer"
short = "Dev"
role = "dev"
grade = 1
[[profiles]]
id = "dev2"
name = "Developer 2"
short = "Dev 2"
role = "dev"
grade = 2
base = "dev"
reference = "Ladder 2"
adjust = { "A.1" = 3 }
[[profiles]]
id = "ops"
name = "Operator"
short = "Ops"
role = "ops"
[[areas]]
id = "G"
name = "Group"
[[areas]]
id = "A"
name = "Work"
parent = "G"
contrast = "Hands on."
focus = { dev = { label = "Does", weight = "strategic", meaning = "Daily." }, ops = { weight = "light" } }
[[competencies]]
id = "A.1"
area = "A"
name = "Building"
refs = ["R1"]
valid = [1, 3]
practice = { ops = "Scripts." }
levels = { "3" = "Leads the build." }
targets = { dev = 1, ops = 3 }
[[competencies]]
id = "A.2"
area = "A"
name = "Testing"
targets = { dev = 2 }
"#;

    /// The payload of [`PINNED`], byte for byte (by its hash). When this fails, how a framework
    /// serializes has changed (or what the reader builds from that text): give [`MAGIC`] a new
    /// version, so caches of the old layout are never decoded as the new one, then put the new
    /// value here.
    #[test]
    fn the_layout_is_pinned() {
        let fw = crate::framework::from_toml(PINNED).unwrap();
        assert_eq!(
            decode_file(&encode_file(&fw, 7, 1).unwrap(), 7).as_ref(),
            Some(&fw)
        );
        let bytes = encode_file(&fw, 7, 1).unwrap();
        assert_eq!(&bytes[..MAGIC.len()], b"rolefit-fwc-v3\n\0");
        let payload = &bytes[HEADER..];
        assert_eq!(
            (payload.len(), format!("{:016x}", xxh3_64(payload))),
            (457, "107514fb73987e2b".to_string()),
            "the cache's layout changed: give MAGIC a new version"
        );
    }
}
