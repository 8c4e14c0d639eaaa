//! The built-in framework for the model's own tests. The model cannot read TOML, so it reads a
//! JSON copy of the framework (`fixtures/builtin-framework.json` in this crate), which rolefit's
//! framework reader writes and a test of the reader keeps equal to the real one
//! (`storage::framework::tests::the_model_s_copy_of_the_built_in_framework_is_the_real_one`).

use std::sync::OnceLock;

use crate::Framework;

/// The built-in framework as the reader builds it, with the content hash of its file.
pub fn builtin() -> Framework {
    static BUILTIN: OnceLock<Framework> = OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            let mut framework: Framework =
                serde_json::from_str(include_str!("../fixtures/builtin-framework.json"))
                    .expect("the JSON copy of the built-in framework reads");
            framework.record_source(BUILTIN_TOML.as_bytes());
            framework
        })
        .clone()
}

/// The built-in framework's file, for the tests of its content hash.
pub const BUILTIN_TOML: &str = include_str!("../../../assets/frameworks/pm-vs-pmo.toml");
