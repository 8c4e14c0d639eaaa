//! Framework format 2 through the library (`rolefit_files::framework::from_toml`, `checked`,
//! `dump`): each rule of the format, valid and invalid, and the built-in written in format 2
//! reads back as the same framework with the same scores. What `rolefit framework check` and
//! `dump` print, and the commands on a format 2 framework, are in the root's
//! `tests/framework_v2.rs`.
//!
//! One file because its 32 tests share the fixture frameworks and the edit helpers that break
//! one rule at a time; each rule is its own test.

mod support;

use std::path::PathBuf;

use rolefit_core::framework::FocusWeight;
use rolefit_core::scoring::{self, RatingSheet};
use rolefit_core::{Framework, Level, Problem};
use rolefit_files::framework::{MAX_BASE_DEPTH, dump};
use support::line_col;

fn fixture() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/frameworks/three-roles.toml"
    ))
}

fn base() -> String {
    std::fs::read_to_string(fixture()).unwrap()
}

fn load(text: &str) -> Framework {
    rolefit_files::framework::from_toml(text).unwrap_or_else(|p| panic!("rejected: {p:#?}"))
}

fn problems(text: &str) -> Vec<Problem> {
    match rolefit_files::framework::from_toml(text) {
        Ok(_) => panic!("the edited framework was accepted"),
        Err(problems) => problems,
    }
}

/// `text` with the one occurrence of `from` replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// The only problem is at the first occurrence of `token` after `anchor`, and says `says`.
fn only_at(text: &str, anchor: &str, token: &str, says: &str) {
    let found = problems(text);
    let start = text.find(anchor).expect("anchor present");
    let at = start + text[start..].find(token).expect("token present");
    let (line, column) = line_col(text, at);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let p = &found[0];
    assert_eq!((p.line, p.column), (line, column), "{p:?}");
    assert!(p.message.contains(says), "{:?} lacks {says:?}", p.message);
}

fn fw() -> Framework {
    load(&base())
}

fn lv(v: u8) -> Level {
    Level::new(v).unwrap()
}

// ---- what a valid file gives ------------------------------------------------------------------

#[test]
fn three_roles_and_a_one_based_scale_load() {
    let fw = fw();
    assert_eq!(fw.roles.len(), 3);
    assert_eq!(fw.id, "three.roles");
    assert_eq!(fw.scale.first(), lv(1));
    assert_eq!(fw.scale.last(), lv(7));
    // A 1-based scale: "none" ("not yet") is a choice of its own below the 1.
    assert!(fw.scale.offers_none());
    // The axis defaults to the first two roles: their main profiles.
    assert!(fw.axis);
    let [a, b] = fw.main_profiles;
    assert_eq!(
        (fw.profiles[a].id.as_str(), fw.profiles[b].id.as_str()),
        ("dev", "ops")
    );
    // Short names up to 16 characters.
    assert_eq!(fw.roles[2].short, "Delivery lead");
}

#[test]
fn a_target_left_out_is_not_required_and_counts_nowhere() {
    let fw = fw();
    let ops = fw.profile_index("ops").unwrap();
    let build1 = fw.competency_index(&"BUILD.1".into()).unwrap();
    assert!(!fw.requires(ops, build1));
    assert!(!scoring::required(&fw, ops, build1));
    // A sheet rating only BUILD.1 gives ops no readiness at all: nothing it requires is rated.
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    sheet.set(build1, Some(lv(6)));
    let r = scoring::readiness(&fw, &sheet, ops);
    assert_eq!((r.rated, r.percent), (0, None));
    assert_eq!(r.required, 3);
}

#[test]
fn none_scores_zero_towards_readiness() {
    let fw = fw();
    let dev = fw.profile_index("dev").unwrap();
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    for c in 0..fw.competencies.len() {
        sheet.set(c, Some(Level::NONE));
    }
    let r = scoring::readiness(&fw, &sheet, dev);
    assert_eq!(r.percent, Some(0.0));
    assert_eq!(r.rated, r.required);
}

#[test]
fn valid_levels_and_own_level_texts_belong_to_the_competency() {
    let fw = fw();
    let plan = fw.competency_index(&"PLAN.1".into()).unwrap();
    assert_eq!(fw.valid_levels(plan), [2, 3, 4, 5, 6].map(lv));
    assert_eq!(fw.level_text(plan, lv(4)), "Plans a team's work.");
    assert!(!fw.competencies[plan].accepts(&fw.scale, lv(1)));
    assert!(!fw.competencies[plan].accepts(&fw.scale, lv(7)));
    // Without `valid`, every level of the scale; without its own text, the scale's.
    let build2 = fw.competency_index(&"BUILD.2".into()).unwrap();
    assert_eq!(fw.valid_levels(build2).len(), 7);
    assert_eq!(
        fw.level_text(build2, lv(7)),
        "Sets direction at the highest level."
    );
    // Steps stay on the valid levels.
    assert_eq!(fw.step(plan, lv(6), true), None);
    assert_eq!(fw.step(plan, Level::NONE, true), Some(lv(2)));
    assert_eq!(fw.step(plan, lv(2), false), None);
}

#[test]
fn a_based_profile_adjusts_and_none_removes_a_requirement() {
    let fw = fw();
    let lead = fw.profile_index("lead").unwrap();
    let senior = fw.profile_index("lead.senior").unwrap();
    let plan = fw.competency_index(&"PLAN.1".into()).unwrap();
    let build1 = fw.competency_index(&"BUILD.1".into()).unwrap();
    let run1 = fw.competency_index(&"RUN.1".into()).unwrap();
    assert_eq!(fw.target(senior, plan), lv(6));
    assert!(fw.requires(lead, build1));
    assert!(!fw.requires(senior, build1));
    assert_eq!(fw.target(senior, run1), fw.target(lead, run1));
    assert_eq!(fw.profiles[senior].grade, Some(6));
    assert_eq!(fw.profiles[senior].adjusted, vec![plan, build1]);
}

#[test]
fn parent_areas_group_areas_and_hold_no_competencies() {
    let fw = fw();
    assert_eq!(fw.groups.len(), 1);
    assert_eq!(fw.groups[0].id, "DEL");
    assert_eq!(fw.areas.len(), 3);
    let plan = fw.areas.iter().find(|a| a.id == "PLAN").unwrap();
    assert_eq!(plan.parent, Some(0));
    let run = fw.areas.iter().find(|a| a.id == "RUN").unwrap();
    assert_eq!(run.parent, None);
}

#[test]
fn focus_left_out_weighs_every_area_the_same() {
    let fw = fw();
    for p in 0..fw.profiles.len() {
        for c in 0..fw.competencies.len() {
            assert_eq!(fw.weight(p, c), FocusWeight::DEFAULT.value());
        }
    }
}

#[test]
fn no_roles_and_an_empty_axis_mean_ranking_only() {
    let text = base();
    let start = text.find("[[roles]]").unwrap();
    let end = text.find("[[profiles]]").unwrap();
    let text = format!("{}[axis]\nroles = []\n\n{}", &text[..start], &text[end..]);
    let text = text
        .replace("role = \"dev\"\n", "")
        .replace("role = \"ops\"\n", "")
        .replace("role = \"lead\"\n", "");
    let fw = load(&text);
    assert!(fw.roles.is_empty());
    assert!(!fw.axis);
    // One role is fine too: no axis by default.
    let one = edit(
        &base(),
        "[[roles]]\nid = \"ops\"\nname = \"Operations engineer\"\nshort = \"Operations\"\n",
        "",
    )
    .replace(
        "[[roles]]\nid = \"lead\"\nname = \"Delivery lead\"\nshort = \"Delivery lead\"\n",
        "",
    )
    .replace("role = \"ops\"\n", "")
    .replace("role = \"lead\"\n", "");
    let fw = load(&one);
    assert_eq!(fw.roles.len(), 1);
    assert!(!fw.axis);
}

#[test]
fn an_axis_can_name_any_two_roles() {
    let text = edit(
        &base(),
        "[[profiles]]\nid = \"dev\"",
        "[axis]\nroles = [\"lead\", \"ops\"]\n\n[[profiles]]\nid = \"dev\"",
    );
    let fw = load(&text);
    let [a, b] = fw.main_profiles;
    assert_eq!(
        (fw.profiles[a].id.as_str(), fw.profiles[b].id.as_str()),
        ("lead", "ops")
    );
}

#[test]
fn without_an_axis_there_is_no_lean_only_a_ranking() {
    let text = edit(
        &base(),
        "[[roles]]\nid = \"dev\"",
        "[axis]\nroles = []\n\n[[roles]]\nid = \"dev\"",
    );
    let fw = load(&text);
    assert!(!fw.axis);
    let levels = (0..fw.competencies.len())
        .map(|c| Some(fw.valid_levels(c)[0]))
        .collect();
    let sheet = RatingSheet::from_levels(levels);
    let lean = scoring::lean(&fw, &sheet);
    assert_eq!(lean.position, None);
    assert_eq!(lean.outcome, scoring::Outcome::NoAxis);
    // The ranking puts complete figures first, then the higher percent.
    let readiness: Vec<_> = (0..fw.profiles.len())
        .map(|p| scoring::readiness(&fw, &sheet, p))
        .collect();
    let order = scoring::ranking(&readiness);
    assert_eq!(order.len(), fw.profiles.len());
    for pair in order.windows(2) {
        let (a, b) = (readiness[pair[0]].rank_key(), readiness[pair[1]].rank_key());
        assert!(a >= b, "{readiness:?}");
    }
}

#[test]
fn grades_give_the_highest_met_and_the_next_step() {
    let fw = fw();
    let lead = fw.profile_index("lead").unwrap();
    let senior = fw.profile_index("lead.senior").unwrap();
    let sheet_at = |v: u8| {
        RatingSheet::from_levels(
            (0..fw.competencies.len())
                .map(|c| fw.valid_levels(c).into_iter().find(|l| l.value() >= v))
                .collect(),
        )
    };
    let steps = |sheet: &RatingSheet| {
        let readiness: Vec<_> = (0..fw.profiles.len())
            .map(|p| scoring::readiness(&fw, sheet, p))
            .collect();
        scoring::grade_steps(&fw, &readiness)
    };
    // Everything at the top: both grades met, no step beyond.
    let top = steps(&sheet_at(7));
    assert_eq!(top.len(), 1, "only the lead role has grades");
    assert_eq!((top[0].met, top[0].next), (Some(senior), None));
    // Everything at the bottom: nothing met, the first grade is the next step.
    let low = steps(&sheet_at(1));
    assert_eq!((low[0].met, low[0].next), (None, Some(lead)));
}

#[test]
fn the_lean_uses_only_competencies_both_axis_profiles_require() {
    let fw = fw();
    let build1 = fw.competency_index(&"BUILD.1".into()).unwrap();
    // BUILD.1 is not required by ops (the second axis profile): its rating cannot move p.
    let mut sheet = RatingSheet::from_levels(
        (0..fw.competencies.len())
            .map(|c| Some(fw.valid_levels(c)[1]))
            .collect(),
    );
    let before = scoring::lean(&fw, &sheet);
    sheet.set(build1, Some(lv(6)));
    let after = scoring::lean(&fw, &sheet);
    assert_eq!(before.position, after.position);
    assert_eq!(before.telling_rated, after.telling_rated);
}

// ---- each rule broken once ----------------------------------------------------------------

#[test]
fn a_scale_of_the_wrong_size_is_one_error() {
    let one_level = {
        let text = base();
        let start = text.find("[[scale.levels]]\nvalue = 2").unwrap();
        let end = text.find("[[roles]]").unwrap();
        format!("{}{}", &text[..start], &text[end..])
    };
    let found = problems(&one_level);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("2 to 10 levels; found 1"),
        "{}",
        found[0].message
    );
}

#[test]
fn scale_values_out_of_order_are_one_error_at_the_first() {
    let text = edit(&base(), "value = 3\n", "value = 2\n");
    // The third level now says 2: one error, at its value.
    only_at(
        &text,
        "value = 2\nlabel = \"Apply\"",
        "2",
        "increase strictly",
    );
}

#[test]
fn a_target_off_the_scale_or_off_the_valid_levels_is_refused() {
    let text = edit(
        &base(),
        "dev = 3\nops = 3\nlead = 5",
        "dev = 3\nops = 3\nlead = 8",
    );
    only_at(&text, "lead = 8", "8", "not on the scale");
    let text = edit(
        &base(),
        "dev = 3\nops = 3\nlead = 5",
        "dev = 3\nops = 3\nlead = 7",
    );
    only_at(&text, "lead = 7", "7", "valid levels");
}

#[test]
fn a_level_text_for_a_level_the_competency_lacks_is_refused() {
    let text = edit(
        &base(),
        "2 = \"Keeps a personal task list current.\"",
        "1 = \"Too low.\"",
    );
    only_at(&text, "1 = \"Too low.\"", "1", "valid levels");
}

#[test]
fn unknown_keys_are_errors() {
    let text = edit(
        &base(),
        "name = \"Planning work\"",
        "name = \"Planning work\"\nweigth = 2",
    );
    only_at(&text, "weigth", "weigth", "weigth");
}

#[test]
fn ids_may_hold_dots_but_not_spaces() {
    let text = edit(&base(), "id = \"BUILD.2\"", "id = \"BUILD 2\"");
    only_at(&text, "\"BUILD 2\"", "\"BUILD 2\"", "letters, digits");
}

#[test]
fn short_names_stop_at_sixteen_characters() {
    let text = edit(
        &base(),
        "short = \"Senior lead\"",
        "short = \"A very senior lead\"",
    );
    only_at(&text, "short = \"A very", "\"A very", "1 to 16");
}

#[test]
fn an_axis_role_needs_one_main_profile() {
    let text = edit(
        &base(),
        "[[profiles]]\nid = \"dev\"",
        "[axis]\nroles = [\"dev\", \"nobody\"]\n\n[[profiles]]\nid = \"dev\"",
    );
    only_at(&text, "\"nobody\"", "\"nobody\"", "unknown role");
    let text = edit(
        &base(),
        "name = \"Senior delivery lead\"\nshort = \"Senior lead\"\nrole = \"lead\"\nbase = \"lead\"",
        "name = \"Senior delivery lead\"\nshort = \"Senior lead\"\nrole = \"lead\"",
    )
    .replace("[profiles.adjust]\n\"PLAN.1\" = 6\n\"BUILD.1\" = \"none\"\n", "");
    let text = edit(
        &text,
        "[[profiles]]\nid = \"dev\"",
        "[axis]\nroles = [\"dev\", \"lead\"]\n\n[[profiles]]\nid = \"dev\"",
    );
    only_at(
        &text,
        "[\"dev\", \"lead\"]",
        "\"lead\"",
        "exactly one profile without a base",
    );
}

#[test]
fn a_parent_holds_areas_only_one_level_deep() {
    let text = edit(
        &base(),
        "id = \"DEL\"\nname = \"Delivery\"",
        "id = \"DEL\"\nname = \"Delivery\"\nparent = \"RUN\"",
    );
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.message.contains("one level deep")),
        "{found:#?}"
    );
    let text = edit(&base(), "area = \"RUN\"", "area = \"DEL\"");
    let found = problems(&text);
    let at = line_col(&text, text.find("area = \"DEL\"").unwrap() + 7);
    assert!(
        found
            .iter()
            .any(|p| (p.line, p.column) == at && p.message.contains("holds areas")),
        "{found:#?}"
    );
    // RUN is left empty by the move, which is the only other problem.
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn adjust_needs_a_base_and_known_competencies() {
    let text = edit(&base(), "\"PLAN.1\" = 6\n", "\"PLAN.9\" = 6\n");
    only_at(&text, "\"PLAN.9\"", "\"PLAN.9\"", "unknown competency");
    let text = edit(&base(), "\"BUILD.1\" = \"none\"", "\"BUILD.1\" = \"never\"");
    only_at(&text, "\"never\"", "\"never\"", "not a level");
}

#[test]
fn a_based_profile_takes_no_targets_of_its_own() {
    let text = edit(
        &base(),
        "dev = 4\nops = 2\nlead = 3",
        "dev = 4\nops = 2\nlead = 3\n\"lead.senior\" = 4",
    );
    only_at(
        &text,
        "\"lead.senior\" = 4",
        "\"lead.senior\"",
        "takes its targets from its base",
    );
}

#[test]
fn a_scale_level_without_descriptor_needs_every_competency_to_describe_it() {
    let text = edit(
        &base(),
        "descriptor = \"Sets direction at the highest level.\"\n",
        "",
    );
    // BUILD.2 can be rated 7 and does not describe it.
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("BUILD.2"), "{}", found[0].message);
}

// ---- warnings -------------------------------------------------------------------------------

#[test]
fn suspicious_but_legal_things_are_warnings() {
    let (_, warnings) = rolefit_files::framework::checked(&base()).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    let text = edit(&base(), "dev = 3\nops = 3\nlead = 5", "dev = 3\nlead = 5")
        .replace("dev = 4\nops = 2\nlead = 3", "dev = 4\nlead = 3")
        .replace("ops = 5\nlead = 4", "lead = 4");
    let text = edit(&text, "[competencies.targets]\ndev = 4\nlead = 3", "");
    let (_, warnings) = rolefit_files::framework::checked(&text).unwrap();
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(warnings.len(), 2, "{messages:#?}");
    assert!(
        messages[0].contains("profile \"ops\" requires no competency"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("no profile requires competency BUILD.2"),
        "{messages:?}"
    );
    let ops_at = line_col(&text, text.find("[[profiles]]\nid = \"ops\"").unwrap());
    assert_eq!((warnings[0].line, warnings[0].column), ops_at);
}

// ---- format 1 and format 2 say the same -----------------------------------------------------

#[test]
fn the_builtin_in_format_2_is_the_same_framework() {
    let builtin = rolefit_files::framework::builtin();
    let text = dump(&builtin);
    assert!(text.starts_with("format = 2\n"));
    let again = load(&text);
    assert_eq!(again, builtin);
    // And writing it again gives the same text.
    assert_eq!(dump(&again), text);
}

#[test]
fn the_builtin_in_format_2_scores_the_same_on_random_sheets() {
    let builtin = rolefit_files::framework::builtin();
    let again = load(&dump(&builtin));
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..200 {
        let levels = (0..builtin.competencies.len())
            .map(|_| match next() % 8 {
                6 | 7 => None,
                v => Level::new(v as u8),
            })
            .collect();
        let sheet = RatingSheet::from_levels(levels);
        for p in 0..builtin.profiles.len() {
            assert_eq!(
                scoring::readiness(&builtin, &sheet, p),
                scoring::readiness(&again, &sheet, p)
            );
        }
        assert_eq!(
            format!("{:?}", scoring::lean(&builtin, &sheet)),
            format!("{:?}", scoring::lean(&again, &sheet))
        );
    }
}

// ---- the command line on a format 2 framework ------------------------------------------------

#[test]
fn area_averages_leave_out_what_a_side_does_not_require() {
    let fw = fw();
    let build = fw.areas.iter().position(|a| a.id == "BUILD").unwrap();
    let build1 = fw.competency_index(&"BUILD.1".into()).unwrap();
    let build2 = fw.competency_index(&"BUILD.2".into()).unwrap();
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    sheet.set(build1, Some(lv(5)));
    // Only BUILD.1 is rated, and ops does not require it: ops' average falls back to what it
    // requires in the area (BUILD.2 at 2), not to 0.
    let levels = scoring::area_levels(&fw, &sheet, build);
    assert_eq!(levels.targets, [5.0, 2.0]);
    sheet.set(build2, Some(lv(3)));
    let levels = scoring::area_levels(&fw, &sheet, build);
    assert_eq!(levels.targets, [4.5, 2.0]);
}

// ---- chains of bases (career ladders) -----------------------------------------------------------

fn ladder() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/frameworks/ladder.toml"
    ))
    .unwrap()
}

/// F-D1: a ladder whose grades are each based on the one below loads, and each grade's
/// targets are its base's, resolved along the chain, with its own adjustments on top.
#[test]
fn a_chain_of_bases_resolves_along_the_chain() {
    let fw = load(&ladder());
    let [dev, dev2, dev3, ops] =
        ["dev", "dev2", "dev3", "ops"].map(|p| fw.profile_index(p).unwrap());
    let [a1, a2] = ["A.1", "A.2"].map(|c| fw.competency_index(&c.into()).unwrap());
    assert_eq!((fw.target(dev, a1), fw.target(dev, a2)), (lv(1), lv(2)));
    assert_eq!((fw.target(dev2, a1), fw.target(dev2, a2)), (lv(2), lv(2)));
    // dev3 inherits dev2's A.1 = 2 (not dev's 1) and adjusts A.2 itself.
    assert_eq!((fw.target(dev3, a1), fw.target(dev3, a2)), (lv(2), lv(3)));
    assert_eq!(fw.profiles[dev3].base, Some(dev2));
    assert_eq!(fw.profiles[dev3].adjusted, vec![a2]);
    // The role's main profile is still the one without a base: the axis is dev against ops.
    assert_eq!(fw.main_profiles, [dev, ops]);
    // Written out and read back, the ladder is the same.
    assert_eq!(load(&dump(&fw)), fw);
}

/// F-D2: two profiles based on each other are one problem that names both and their lines.
#[test]
fn a_cycle_of_bases_is_one_problem_naming_its_profiles() {
    let text = edit(&ladder(), "base = \"dev\"\n", "base = \"dev3\"\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let line_of = |needle: &str| line_col(&text, text.find(needle).unwrap()).0;
    let message = &found[0].message;
    assert!(
        message.contains(&format!("\"dev2\" (line {})", line_of("base = \"dev3\"")))
            && message.contains(&format!("\"dev3\" (line {})", line_of("base = \"dev2\"")))
            && message.contains("cycle"),
        "{message}"
    );
    // At the first of them in the file: dev2's base.
    let at = line_col(&text, text.find("base = \"dev3\"").unwrap() + 7);
    assert_eq!((found[0].line, found[0].column), at);
    // A profile based on itself says so.
    let text = edit(&ladder(), "base = \"dev\"\n", "base = \"dev2\"\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("based on itself"), "{found:#?}");
}

/// The ladder with grades 4 to `top` added, each based on the one below.
fn ladder_to(top: usize) -> String {
    let mut text = ladder();
    for grade in 4..=top {
        text = text.replace(
            "[[areas]]",
            &format!(
                "[[profiles]]\nid = \"dev{grade}\"\nname = \"Developer {grade}\"\nshort = \"Dev {grade}\"\nrole = \"dev\"\ngrade = {grade}\nbase = \"dev{}\"\n\n[[areas]]",
                grade - 1
            ),
        );
    }
    text
}

/// A chain longer than the limit is one problem, at the profile past it.
#[test]
fn a_chain_deeper_than_the_limit_is_one_problem() {
    // dev is 0 bases away from a main profile, dev2 1, … devN N-1.
    let deepest_allowed = MAX_BASE_DEPTH + 1;
    let fw = load(&ladder_to(deepest_allowed));
    let top = fw.profile_index(&format!("dev{deepest_allowed}")).unwrap();
    let a2 = fw.competency_index(&"A.2".into()).unwrap();
    assert_eq!(
        fw.target(top, a2),
        lv(3),
        "dev3's adjustment reaches the top"
    );
    let text = ladder_to(deepest_allowed + 1);
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let past = format!("\"dev{}\"", deepest_allowed + 1);
    assert!(found[0].message.contains(&past), "{found:#?}");
    assert!(found[0].message.contains("more than 16"), "{found:#?}");
}

/// F-D2: competencies put in a parent area are one problem for that area, not one "unknown
/// area" each.
#[test]
fn competencies_in_a_parent_area_are_one_problem() {
    let text = ladder()
        .replace(
            "[[areas]]\nid = \"A\"\nname = \"Work\"",
            "[[areas]]\nid = \"A\"\nname = \"Work\"\n\n[[areas]]\nid = \"B\"\nname = \"Sub\"\nparent = \"A\"",
        )
        .replace("area = \"A\"\nname = \"Running\"", "area = \"B\"\nname = \"Running\"");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = &found[0].message;
    assert!(
        message.contains("area \"A\" holds areas") && message.contains("A.1"),
        "{message}"
    );
    assert!(!message.contains("unknown"), "{message}");
}
