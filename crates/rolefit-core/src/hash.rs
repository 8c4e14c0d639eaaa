//! The one hash rolefit writes into files and compares across runs: 64-bit FNV-1a, the same on
//! every platform and build (a review's competencies hash, a framework's source hash, what a
//! guarded save last saw).

use std::hash::Hasher as _;

/// FNV-1a, 64 bits, of `bytes`.
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::fnv1a_64;

    /// The published FNV-1a 64 test vectors, and a value written into review files by earlier
    /// builds: files made before keep matching.
    #[test]
    fn the_values_are_those_of_fnv1a_64() {
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(
            fnv1a_64("pm-pmo\n1\nDP1\nDP2\nRØ\n".as_bytes()),
            by_hand("pm-pmo\n1\nDP1\nDP2\nRØ\n".as_bytes())
        );
    }

    /// FNV-1a as the specification writes it, byte by byte.
    fn by_hand(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }
}
