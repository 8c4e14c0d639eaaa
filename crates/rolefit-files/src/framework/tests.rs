//! The format 1 adapter against format 2 twins, and the rules the one validator now applies to
//! both formats.

use super::*;
use rolefit_core::{CompetencyId, Level};

const MINIMAL: &str = include_str!("../../../../tests/fixtures/frameworks/minimal.toml");

/// `minimal.toml` written by hand in format 2, leaving out what format 2 lets a file leave out.
const MINIMAL_2: &str = r#"
format = 2
id = "analysis-vs-architecture"
version = 3
name = "Analyst vs Architect"
summary = "A tiny framework used by rolefit's tests."

[scale]
na = "Not part of your work."
levels = [
    { value = 0, label = "None", descriptor = "Never done it." },
    { value = 1, label = "Aware", descriptor = "Knows of it." },
    { value = 2, label = "Guided", descriptor = "Does it with help.", hint = "simple work" },
    { value = 3, label = "Independent", descriptor = "Does it alone." },
    { value = 4, label = "Advanced", descriptor = "Handles the hard cases." },
    { value = 5, label = "Expert", descriptor = "Sets the standard." },
]

[[roles]]
id = "analyst"
name = "Business Analyst"
short = "BA"
essence = "Finds out what is needed."
description = "Works with stakeholders to understand and model the need."
activities = ["Run workshops", "Write user stories"]
horizon = "One change at a time."
scope = "Tactical."
in_practice = "Often drifts into design."

[[roles]]
id = "architect"
name = "Solution Architect"
short = "SA"
essence = "Decides how the parts fit."
description = "Shapes the structure of a solution and the standards it follows."
horizon = "Several releases."
scope = "Strategic."
in_practice = "Often pulled into delivery."

[[profiles]]
id = "analyst"
name = "Business Analyst"
short = "BA"
role = "analyst"
description = "Targets for a business analyst."

[[profiles]]
id = "architect"
name = "Solution Architect"
short = "SA"
role = "architect"
description = "Targets for a solution architect."

[[profiles]]
id = "lead-architect"
name = "Lead Architect"
short = "Lead"
role = "architect"
base = "architect"
description = "An architect who also leads other architects."
reference = "none in particular"
adjust = { M2 = 5 }

[[areas]]
id = "MOD"
name = "Modelling"
contrast = "The analyst models the need; the architect models the solution."
focus.analyst = { label = "Core", weight = "core", meaning = "Modelling is the daily work." }
focus.architect = { label = "Light", weight = "light", meaning = "Reads the models." }

[[areas]]
id = "GOV"
name = "Design Governance"
contrast = "Only the architect owns design decisions."
focus.analyst = { label = "N/A", weight = "none", meaning = "Not the analyst's call." }
focus.architect = { label = "Owns it", weight = "strategic", meaning = "Sets and enforces the design standards." }

[[competencies]]
id = "M1"
area = "MOD"
name = "Process modelling"
description = "Drawing how work flows."
practice = { analyst = "Draws the as-is and to-be process.", architect = "Checks the process against the systems." }
targets = { analyst = 4, architect = 2 }

[[competencies]]
id = "G1"
area = "GOV"
name = "Design authority"
description = "Deciding which designs may go ahead."
practice = { architect = "Chairs the design authority." }
targets = { analyst = 1, architect = 4 }

[[competencies]]
id = "M2"
area = "MOD"
name = "Data modelling"
description = "Naming the things the business keeps data about."
refs = ["Made-up reference"]
practice = { analyst = "Models the entities the business talks about.", architect = "Turns the entities into a physical design." }
targets = { analyst = 3, architect = 2 }
"#;

/// `text` with its only `from` replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

fn problems(text: &str) -> Vec<Problem> {
    from_toml(text).expect_err("the edited framework was accepted")
}

/// Line and column of the only `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} must occur once"
    );
    rolefit_core::framework::line_column(text, text.find(needle).unwrap_or(0))
}

/// Line of the first `needle` in `text`.
fn first_line(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    rolefit_core::framework::line_column(text, at).0
}

#[test]
fn a_format_1_file_is_the_same_framework_as_its_format_2_twin() {
    let one = from_toml(MINIMAL).expect("minimal.toml is valid");
    let two = from_toml(MINIMAL_2).expect("its twin is valid");
    assert_eq!(one, two);
    // The content hash is the text's, so the two files are told apart where that matters.
    assert_ne!(one.content_hash(), two.content_hash());
}

#[test]
fn the_builtin_read_as_format_1_is_the_framework_its_format_2_dump_reads_as() {
    let one = from_toml(BUILTIN_TOML).expect("the built-in is valid");
    let text = dump(&one);
    assert!(text.starts_with("format = 2\n"), "{text}");
    assert_eq!(from_toml(&text).expect("its dump is valid"), one);
}

#[test]
fn the_dump_lists_level_texts_lowest_first_even_past_nine() {
    let text = edit(
        MINIMAL_2,
        "{ value = 5, label = \"Expert\", descriptor = \"Sets the standard.\" },",
        "{ value = 5, label = \"Expert\", descriptor = \"Sets the standard.\" },\n    \
         { value = 10, label = \"Beyond\", descriptor = \"Further still.\" },",
    );
    let text = edit(
        &text,
        "id = \"M1\"\n",
        "id = \"M1\"\nlevels = { 2 = \"Two.\", 10 = \"Ten.\" }\n",
    );
    let fw = from_toml(&text).expect("valid");
    let dumped = dump(&fw);
    let two = dumped.find("2 = \"Two.\"").expect("level 2 written");
    let ten = dumped.find("10 = \"Ten.\"").expect("level 10 written");
    assert!(two < ten, "{dumped}");
    assert_eq!(from_toml(&dumped).expect("reads back"), fw);
}

#[test]
fn a_format_1_file_may_use_a_dot_in_an_id_as_format_2_does() {
    // DP5 is adjusted by no profile, so its id appears once.
    let text = edit(BUILTIN_TOML, "id = \"DP5\"", "id = \"DP.5\"");
    let fw = from_toml(&text).expect("a dot is allowed in ids");
    assert!(fw.competency_index(&CompetencyId::from("DP.5")).is_some());
}

#[test]
fn a_format_1_profile_may_be_based_on_a_profile_with_a_base() {
    let coe = "id = \"coe\"\nname = \"Centre of Excellence\"\nshort = \"CoE\"\nrole = \"pmo\"\n";
    let text = edit(
        BUILTIN_TOML,
        &format!("{coe}base = \"pmo\""),
        &format!("{coe}base = \"portfolio-pmo\""),
    );
    let fw = from_toml(&text).expect("bases may chain");
    let coe = fw.profile_index("coe").expect("coe");
    let portfolio = fw.profile_index("portfolio-pmo").expect("portfolio-pmo");
    let pmo = fw.profile_index("pmo").expect("pmo");
    assert_eq!(fw.profiles[coe].base, Some(portfolio));
    // GV5: raised to 5 by the Portfolio PMO, which the CoE now starts from.
    let gv5 = fw
        .competency_index(&CompetencyId::from("GV5"))
        .expect("GV5");
    assert_eq!(fw.target(pmo, gv5), Level::from_const(4));
    assert_eq!(fw.target(coe, gv5), Level::from_const(5));
}

#[test]
fn a_short_name_too_long_for_either_format_is_one_problem() {
    let text = edit(
        BUILTIN_TOML,
        "short = \"Portfolio\"",
        "short = \"Portfolio office team\"",
    );
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        (problems[0].line, problems[0].column),
        place(&text, "\"Portfolio office team\"")
    );
    assert!(problems[0].message.contains("1 to 10"), "{problems:#?}");
}

#[test]
fn a_level_key_that_is_not_a_number_is_named_in_the_problem() {
    let text = edit(
        MINIMAL_2,
        "id = \"M1\"\n",
        "id = \"M1\"\nlevels = { expert = \"Yes.\" }\n",
    );
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].message,
        "competency M1: level \"expert\" is not on the scale; use one of 0, 1, 2, 3, 4, 5"
    );
    assert_eq!(
        (problems[0].line, problems[0].column),
        place(&text, "expert")
    );
}

#[test]
fn without_an_axis_a_role_with_two_main_profiles_is_reported_at_the_profiles() {
    let second = "[[profiles]]\nid = \"analyst-2\"\nname = \"Second\"\nshort = \"BA2\"\n\
                  role = \"analyst\"\n\n[[profiles]]\nid = \"architect\"";
    let text = edit(MINIMAL_2, "[[profiles]]\nid = \"architect\"", second);
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].message,
        "role \"analyst\" needs exactly one profile without a base; found 2"
    );
    let first_profile = first_line(&text, "[[profiles]]");
    assert!(
        problems[0].line + 1 >= first_profile,
        "reported at line {}, not at the profiles (line {first_profile})",
        problems[0].line
    );
}

#[test]
fn a_format_1_scale_level_without_a_descriptor_needs_every_competency_to_describe_it() {
    let text = edit(
        MINIMAL,
        "descriptor = \"Knows of it.\"",
        "descriptor = \"\"",
    );
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0]
            .message
            .starts_with("scale level 1 has no descriptor, and competency M1 does not describe it"),
        "{problems:#?}"
    );
}

#[test]
fn a_format_1_scale_out_of_shape_is_reported_once_and_not_again_by_the_validator() {
    let text = edit(MINIMAL, "value = 3\n", "value = 7\n");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].message.contains("out of place"),
        "{problems:#?}"
    );
}

#[test]
fn a_warning_points_at_the_profile_it_is_about() {
    // Format 2 lets a main profile go without targets (format 1 does not).
    let text = edit(
        MINIMAL_2,
        "targets = { analyst = 4, architect = 2 }",
        "targets = { architect = 2 }",
    );
    let text = edit(
        &text,
        "targets = { analyst = 1, architect = 4 }",
        "targets = { architect = 4 }",
    );
    let text = edit(
        &text,
        "targets = { analyst = 3, architect = 2 }",
        "targets = { architect = 2 }",
    );
    let (_, warnings) = checked(&text).expect("valid");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .message
            .contains("profile \"analyst\" requires no competency")
    );
    // The analyst is the first profile: its table header, or its first key below it.
    let header = first_line(&text, "[[profiles]]");
    assert!(
        [header, header + 1].contains(&warnings[0].line),
        "{warnings:#?}"
    );
}

#[test]
fn the_built_in_top_is_its_scale_s_last_level() {
    assert_eq!(builtin_top(), 5);
    assert_eq!(builtin_top(), builtin().scale.last().value());
}

#[test]
fn one_byte_more_in_a_framework_file_is_another_content_hash() {
    let edited = format!("{BUILTIN_TOML}\n# edited\n");
    let edited = from_toml(&edited).unwrap();
    assert_ne!(edited.content_hash(), builtin().content_hash());
    assert_eq!(
        from_toml(BUILTIN_TOML).unwrap().content_hash(),
        builtin().content_hash()
    );
}

/// The model's tests read the built-in framework from a JSON copy, since the model reads no
/// TOML; this keeps that copy equal to what the reader builds. `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn the_model_s_copy_of_the_built_in_framework_is_the_real_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../rolefit-core/fixtures/builtin-framework.json");
    let json = serde_json::to_string_pretty(&builtin()).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let copy = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        copy == json,
        "{} differs from the built-in framework: run UPDATE_GOLDEN=1 cargo test --lib \
         the_model_s_copy_of_the_built_in_framework_is_the_real_one",
        path.display()
    );
}
