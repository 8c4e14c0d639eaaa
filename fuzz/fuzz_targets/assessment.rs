//! Fuzz target: the assessment loader (`storage::codec::parse`) and writer (`to_toml`).
//! The property lives in `src/lib.rs`, shared with `crates/rolefit-files/tests/fuzz_corpus.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rolefit_fuzz::check_assessment(data);
});
