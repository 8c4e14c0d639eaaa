//! A cache of validated frameworks, so a large framework file is parsed and checked once, not on
//! every start: parsing 10 MiB of TOML (20,000 competencies) takes ~0.2 s and ~180 MiB, reading
//! back the validated structures a few tens of milliseconds and about what they occupy.
//!
//! One cache file per framework path, in the platform's cache directory
//! (`~/.cache/rolefit/frameworks/` on Linux), written atomically. It is used only when it says
//! it was made by this version of rolefit from exactly the bytes the framework file holds now
//! (a hash of the file's content), and only when its own content matches the hash it carries
//! and decodes completely with every index in range; anything else is a miss, and the framework
//! is parsed and validated from its file as if there were no cache. A cache that cannot be
//! written is no error: the next start parses again.
//!
//! One file because the cache's layout is written and read side by side here, so the two
//! cannot drift apart; about 55 of its lines are tests.

use std::path::{Path, PathBuf};

use rolefit_core::Framework;
use rolefit_core::Level;
use rolefit_core::framework::{
    Area, Competency, CompetencyId, Focus, FocusWeight, Group, Profile, Role, Scale, ScaleLevel,
};

/// First bytes of every cache file; the number is the layout's version.
const MAGIC: &[u8; 16] = b"rolefit-fwc-v2\n\0";

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
    let name = format!("{:016x}.bin", hash(location.as_os_str().as_encoded_bytes()));
    Some(dirs.cache_dir().join("frameworks").join(name))
}

/// What a cache made from `source` must say it was made from: this rolefit and these bytes.
fn key(source: &[u8]) -> u64 {
    hash(env!("CARGO_PKG_VERSION").as_bytes()) ^ hash(source).rotate_left(1)
}

/// The validated framework for the file at `path` from the cache, if the cache holds one made
/// from the file's current content; None otherwise (and for an unreadable file, which the
/// caller then reports).
pub fn load(path: &Path) -> Option<Framework> {
    let file = cache_file(path)?;
    // The file's bytes are only hashed (for the key, and for the content hash an assessment
    // records), and let go before the cache is read.
    let bytes = super::read_regular(path, super::MAX_FILE_BYTES).ok()?;
    let key = key(&bytes);
    // A cache entry that is not a regular file of rolefit's own (a FIFO, a device, a symbolic
    // link someone planted) is a miss, never waited on or followed; `store` replaces it.
    let entry = std::fs::symlink_metadata(&file).ok()?;
    if !entry.is_file() {
        return None;
    }
    let mut framework = decode_file(&super::read_regular(&file, MAX_CACHE_BYTES).ok()?, key)?;
    framework.record_source(&bytes);
    Some(framework)
}

/// Keeps `framework`, validated from `source` (the text of the file at `path`), for the next
/// start. Failures are ignored: without a cache, the next start parses the file again.
pub fn store(path: &Path, source: &str, framework: &Framework) {
    let Some(file) = cache_file(path) else {
        return;
    };
    if super::ensure_parent(&file).is_err() {
        return;
    }
    let _ = write_replacing(&file, &encode_file(framework, key(source.as_bytes())));
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

/// The whole cache file: magic, key, payload length and hash, payload.
fn encode_file(framework: &Framework, key: u64) -> Vec<u8> {
    let mut payload = Out(Vec::new());
    payload.framework(framework);
    let payload = payload.0;
    let mut out = Vec::with_capacity(payload.len() + 40);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// The framework in a cache file, if the file is whole, made for `key`, and consistent.
fn decode_file(bytes: &[u8], key: u64) -> Option<Framework> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let mut header = In(rest);
    if header.u64()? != key {
        return None;
    }
    let length = usize::try_from(header.u64()?).ok()?;
    let expected = header.u64()?;
    let payload = header.0;
    if payload.len() != length || hash(payload) != expected {
        return None;
    }
    let mut input = In(payload);
    let framework = input.framework()?;
    input.0.is_empty().then_some(framework)
}

/// A fast 64-bit hash of bytes (8 at a time, multiply and rotate, then a final mix). It finds
/// changed files and damaged caches; it is not meant to resist someone forging one.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 29)
}

// ---- encoding ------------------------------------------------------------------------------

struct Out(Vec<u8>);

impl Out {
    fn u32(&mut self, value: usize) {
        self.0
            .extend_from_slice(&u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes());
    }
    fn str(&mut self, text: &str) {
        self.u32(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }
    fn opt_str(&mut self, text: Option<&str>) {
        match text {
            None => self.0.push(0),
            Some(text) => {
                self.0.push(1);
                self.str(text);
            }
        }
    }
    fn strs(&mut self, texts: &[String]) {
        self.u32(texts.len());
        for text in texts {
            self.str(text);
        }
    }
    fn level(&mut self, level: Level) {
        // NONE is 0, a value v is v + 1: every level in one byte.
        self.0.push(if level.is_none() {
            0
        } else {
            level.value() + 1
        });
    }
    fn levels(&mut self, levels: &[Level]) {
        self.u32(levels.len());
        for &level in levels {
            self.level(level);
        }
    }
    fn opt_index(&mut self, index: Option<usize>) {
        self.u32(index.map_or(0, |i| i + 1));
    }
    fn scale_level(&mut self, level: &ScaleLevel) {
        self.level(level.value);
        self.str(&level.label);
        self.str(&level.descriptor);
        self.opt_str(level.hint.as_deref());
    }
    fn framework(&mut self, fw: &Framework) {
        self.str(&fw.id);
        self.u32(fw.version as usize);
        self.str(&fw.name);
        self.str(&fw.summary);
        self.str(&fw.scale.na);
        self.u32(fw.scale.levels.len());
        for level in &fw.scale.levels {
            self.scale_level(level);
        }
        self.scale_level(&fw.scale.none);
        self.u32(fw.roles.len());
        for role in &fw.roles {
            for text in [
                &role.id,
                &role.name,
                &role.short,
                &role.essence,
                &role.description,
            ] {
                self.str(text);
            }
            self.strs(&role.activities);
            for text in [&role.horizon, &role.scope, &role.in_practice] {
                self.str(text);
            }
        }
        self.u32(fw.profiles.len());
        for p in &fw.profiles {
            self.str(&p.id);
            self.str(&p.name);
            self.str(&p.short);
            self.opt_index(p.role);
            match p.grade {
                None => self.0.push(0),
                Some(grade) => {
                    self.0.push(1);
                    self.0.extend_from_slice(&grade.to_le_bytes());
                }
            }
            self.opt_index(p.base);
            self.str(&p.description);
            self.opt_str(p.reference.as_deref());
            self.u32(p.adjusted.len());
            for &c in &p.adjusted {
                self.u32(c);
            }
        }
        self.u32(fw.groups.len());
        for group in &fw.groups {
            self.str(&group.id);
            self.str(&group.name);
        }
        self.u32(fw.areas.len());
        for area in &fw.areas {
            self.str(&area.id);
            self.str(&area.name);
            self.str(&area.contrast);
            self.u32(area.focus.len());
            for focus in &area.focus {
                self.str(&focus.label);
                self.0.push(weight_code(focus.weight));
                self.str(&focus.meaning);
            }
            self.opt_index(area.parent);
            self.u32(area.competencies.start);
            self.u32(area.competencies.end);
        }
        self.u32(fw.competencies.len());
        for c in &fw.competencies {
            self.str(c.id.as_str());
            self.u32(c.area);
            self.str(&c.name);
            self.str(&c.description);
            self.strs(&c.refs);
            self.strs(&c.practice);
            self.levels(&c.targets);
            self.u32(c.levels.len());
            for (level, text) in &c.levels {
                self.level(*level);
                self.str(text);
            }
            self.levels(&c.valid);
        }
        self.u32(fw.main_profiles[0]);
        self.u32(fw.main_profiles[1]);
        self.0.push(u8::from(fw.axis));
    }
}

fn weight_code(weight: FocusWeight) -> u8 {
    match weight {
        FocusWeight::None => 0,
        FocusWeight::Light => 1,
        FocusWeight::Operational => 2,
        FocusWeight::Core => 3,
        FocusWeight::Strategic => 4,
    }
}

fn weight_of(code: u8) -> Option<FocusWeight> {
    Some(match code {
        0 => FocusWeight::None,
        1 => FocusWeight::Light,
        2 => FocusWeight::Operational,
        3 => FocusWeight::Core,
        4 => FocusWeight::Strategic,
        _ => return None,
    })
}

// ---- decoding: None at the first thing out of place ------------------------------------------

struct In<'a>(&'a [u8]);

impl In<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<usize> {
        let bytes = self.take(4)?;
        Some(u32::from_le_bytes(bytes.try_into().ok()?) as usize)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A count of items, each at least `min` bytes long: never more than the bytes left allow.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()?;
        (n.saturating_mul(min) <= self.0.len()).then_some(n)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()?;
        Some(std::str::from_utf8(self.take(n)?).ok()?.to_owned())
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    fn index(&mut self, below: usize) -> Option<usize> {
        self.u32().filter(|&i| i < below)
    }

    fn level(&mut self) -> Option<Level> {
        match self.byte()? {
            0 => Some(Level::NONE),
            n => Level::new(n - 1),
        }
    }
    fn levels(&mut self) -> Option<Vec<Level>> {
        let n = self.count(1)?;
        (0..n).map(|_| self.level()).collect()
    }
    fn opt_index(&mut self, below: usize) -> Option<Option<usize>> {
        match self.u32()? {
            0 => Some(None),
            i if i - 1 < below => Some(Some(i - 1)),
            _ => None,
        }
    }
    fn scale_level(&mut self) -> Option<ScaleLevel> {
        Some(ScaleLevel {
            value: self.level()?,
            label: self.str()?,
            descriptor: self.str()?,
            hint: self.opt_str()?,
        })
    }

    /// A whole framework: its own keys, the scale, roles, profiles, groups, areas and
    /// competencies, then the two main profiles and whether it has an axis; None when any
    /// count or index is out of range.
    fn framework(&mut self) -> Option<Framework> {
        let id = self.str()?;
        let version = u32::try_from(self.u32()?).ok()?;
        let name = self.str()?;
        let summary = self.str()?;
        let na = self.str()?;
        let levels = (0..self.count(10)?)
            .map(|_| self.scale_level())
            .collect::<Option<Vec<_>>>()?;
        let none = self.scale_level()?;
        let role_count = self.count(40)?;
        let roles = (0..role_count)
            .map(|_| self.role())
            .collect::<Option<Vec<_>>>()?;
        let profile_count = self.count(30)?;
        let profiles = (0..profile_count)
            .map(|_| self.profile(role_count, profile_count))
            .collect::<Option<Vec<_>>>()?;
        let group_count = self.count(8)?;
        let groups = (0..group_count)
            .map(|_| {
                Some(Group {
                    id: self.str()?,
                    name: self.str()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let area_count = self.count(24)?;
        let areas = (0..area_count)
            .map(|_| self.area(role_count, group_count))
            .collect::<Option<Vec<_>>>()?;
        let competency_count = self.count(30)?;
        let competencies = (0..competency_count)
            .map(|_| self.competency(area_count, profile_count, role_count))
            .collect::<Option<Vec<_>>>()?;
        let main_profiles = [self.index(profile_count)?, self.index(profile_count)?];
        let axis = match self.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let n = competencies.len();
        let in_range = areas
            .iter()
            .all(|a| a.competencies.start <= a.competencies.end && a.competencies.end <= n)
            && profiles.iter().all(|p| p.adjusted.iter().all(|&c| c < n));
        in_range.then(|| {
            Framework::from_parts(
                id,
                version,
                name,
                summary,
                Scale { na, levels, none },
                roles,
                profiles,
                groups,
                areas,
                competencies,
                main_profiles,
                axis,
            )
        })
    }

    /// One role.
    fn role(&mut self) -> Option<Role> {
        Some(Role {
            id: self.str()?,
            name: self.str()?,
            short: self.str()?,
            essence: self.str()?,
            description: self.str()?,
            activities: self.strs()?,
            horizon: self.str()?,
            scope: self.str()?,
            in_practice: self.str()?,
        })
    }

    /// One profile, its role and base in range.
    fn profile(&mut self, role_count: usize, profile_count: usize) -> Option<Profile> {
        let id = self.str()?;
        let name = self.str()?;
        let short = self.str()?;
        let role = self.opt_index(role_count)?;
        let grade = match self.byte()? {
            0 => None,
            1 => Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            _ => return None,
        };
        let base = self.opt_index(profile_count)?;
        let description = self.str()?;
        let reference = self.opt_str()?;
        let adjusted = (0..self.count(4)?)
            .map(|_| self.u32())
            .collect::<Option<Vec<_>>>()?;
        Some(Profile {
            id,
            name,
            short,
            role,
            grade,
            base,
            description,
            reference,
            adjusted,
        })
    }

    /// One area, with a focus per role and its group in range.
    fn area(&mut self, role_count: usize, group_count: usize) -> Option<Area> {
        let id = self.str()?;
        let name = self.str()?;
        let contrast = self.str()?;
        let focus = (0..self.count(9)?)
            .map(|_| {
                Some(Focus {
                    label: self.str()?,
                    weight: weight_of(self.byte()?)?,
                    meaning: self.str()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        if focus.len() != role_count {
            return None;
        }
        let parent = self.opt_index(group_count)?;
        let start = self.u32()?;
        let end = self.u32()?;
        Some(Area {
            id,
            name,
            contrast,
            focus,
            parent,
            competencies: start..end,
        })
    }

    /// One competency, with its area in range and a target per profile and a practice text
    /// per role.
    fn competency(
        &mut self,
        area_count: usize,
        profile_count: usize,
        role_count: usize,
    ) -> Option<Competency> {
        let id = CompetencyId(self.str()?);
        let area = self.index(area_count)?;
        let name = self.str()?;
        let description = self.str()?;
        let refs = self.strs()?;
        let practice = self.strs()?;
        let targets = self.levels()?;
        if targets.len() != profile_count || practice.len() != role_count {
            return None;
        }
        let levels = (0..self.count(5)?)
            .map(|_| Some((self.level()?, self.str()?)))
            .collect::<Option<Vec<_>>>()?;
        let valid = self.levels()?;
        Some(Competency {
            id,
            area,
            name,
            description,
            refs,
            practice,
            targets,
            levels,
            valid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_gives_back_the_same_framework() {
        // Format 1 (the built-in) and format 2 (roles other than two, a 1..7 scale, parent
        // areas, per-competency levels and valid levels, targets not required, grades).
        let format2 = [
            include_str!("../../../tests/fixtures/frameworks/three-roles.toml"),
            include_str!("../../../assets/frameworks/examples/sfia9-change.toml"),
            include_str!("../../../assets/frameworks/examples/ecf4-ict.toml"),
        ];
        let frameworks = std::iter::once(crate::framework::builtin()).chain(
            format2
                .iter()
                .map(|text| crate::framework::from_toml(text).unwrap()),
        );
        for fw in frameworks {
            let bytes = encode_file(&fw, 7);
            // The content hash comes from the file's bytes when the cache is read (`load`),
            // not from the cache: given the same source, the two are the same framework.
            let mut back = decode_file(&bytes, 7).expect("decodes");
            let mut expected = fw;
            back.record_source(b"framework text");
            expected.record_source(b"framework text");
            assert_eq!(back, expected);
        }
    }

    #[test]
    fn a_cache_for_other_content_or_damaged_is_not_used() {
        let fw = crate::framework::builtin();
        let bytes = encode_file(&fw, 7);
        assert_eq!(decode_file(&bytes, 8), None, "made from other bytes");
        // Any single byte changed anywhere, or the file cut short, and it is refused.
        for at in (0..bytes.len()).step_by(97) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert_eq!(decode_file(&damaged, 7), None, "byte {at} changed");
        }
        for len in [0, 10, 40, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode_file(&bytes[..len], 7), None, "cut at {len}");
        }
    }

    #[test]
    fn the_key_follows_the_content() {
        assert_eq!(key(b"abc"), key(b"abc"));
        assert_ne!(key(b"abc"), key(b"abd"));
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"12345678"), hash(b"12345679"));
    }
}
