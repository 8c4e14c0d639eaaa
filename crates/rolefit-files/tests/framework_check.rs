//! Framework validation through the library (`rolefit_files::framework::from_toml`): the
//! built-in framework and its anchors, a custom framework, and the bad files whose problems need
//! no check of what `rolefit framework check` prints. The bad files that are also run through
//! the command line are in the root's `tests/framework_check.rs`.
//!
//! Every bad file is the built-in framework with one targeted edit; the expected line and
//! column are computed from the edited text by finding the offending token.

mod support;

use rolefit_core::framework::FocusWeight;
use rolefit_core::{CompetencyId, Framework, Level};
use rolefit_files::framework::BUILTIN_TOML;
use support::{describe, pos_after, pos_before, problems, replace_after, unique};

// ---- helpers -------------------------------------------------------------------------------

const B: &str = BUILTIN_TOML;

// ---- the built-in framework ----------------------------------------------------------------

#[test]
fn builtin_framework_is_valid_and_complete() {
    let fw = rolefit_files::framework::from_toml(B).expect("the built-in framework is valid");
    assert_eq!(fw, rolefit_files::framework::builtin());
    assert_eq!(fw.id, "pm-vs-pmo");
    assert_eq!(fw.competencies.len(), 33);
    assert_eq!(fw.areas.len(), 7);
    assert_eq!(fw.profiles.len(), 6);
    assert_eq!(fw.roles.len(), 2);
    assert_eq!(fw.scale.levels.len(), 6);
    let role_ids: Vec<_> = fw.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(role_ids, ["pm", "pmo"]);
    let profile_ids: Vec<_> = fw.profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        profile_ids,
        [
            "pm",
            "pmo",
            "portfolio-pmo",
            "programme-pmo",
            "delivery-pmo",
            "coe"
        ]
    );
    let area_ids: Vec<_> = fw.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(area_ids, ["DP", "RI", "SE", "GV", "RP", "CD", "FD"]);
    assert_eq!(fw.main_profiles, [0, 1]);
    assert_eq!(fw.flavours_of(1).count(), 4);
    assert_eq!(fw.flavours_of(0).count(), 0);
    // Areas partition the competencies in order, and every competency is indexed.
    let mut next = 0;
    for (a, area) in fw.areas.iter().enumerate() {
        assert_eq!(area.competencies.start, next, "area {}", area.id);
        assert!(!area.competencies.is_empty(), "area {}", area.id);
        for c in area.competencies.clone() {
            assert_eq!(fw.competencies[c].area, a);
            assert!(fw.competencies[c].id.as_str().starts_with(&area.id));
        }
        next = area.competencies.end;
    }
    assert_eq!(next, fw.competencies.len());
    for (i, c) in fw.competencies.iter().enumerate() {
        assert_eq!(fw.competency_index(&c.id), Some(i));
        assert_eq!(c.targets.len(), fw.profiles.len());
    }
    // Flavours inherit the pmo target unless adjusted.
    let portfolio = fw.profile_index("portfolio-pmo").unwrap();
    let pmo = fw.profile_index("pmo").unwrap();
    let gv5 = fw.competency_index(&CompetencyId::from("GV5")).unwrap();
    let dp1 = fw.competency_index(&CompetencyId::from("DP1")).unwrap();
    assert_eq!(fw.target(portfolio, gv5), Level::new(5).unwrap());
    assert_eq!(fw.target(pmo, gv5), Level::new(4).unwrap());
    assert_eq!(fw.target(portfolio, dp1), fw.target(pmo, dp1));
    // Weights come from the profile's role: CD is "none" for the PM, "core" for the PMO.
    let cd1 = fw.competency_index(&CompetencyId::from("CD1")).unwrap();
    assert_eq!(fw.weight(0, cd1), 0);
    assert_eq!(fw.weight(pmo, cd1), 3);
    assert_eq!(fw.weight(portfolio, cd1), 3);
}

/// Judgement words no anchor may use: an anchor says what someone does, which a reader can
/// check, not how good it was. Matched as whole words, ignoring case ("well-defined" counts).
const JUDGEMENT_WORDS: [&str; 7] = [
    "well",
    "good",
    "fairly",
    "properly",
    "effectively",
    "clearly",
    "sound",
];

/// Phrases that make a level about breadth (many projects, a programme, a portfolio, an
/// organisation) rather than depth. Level 4 and 5 of a PM-side competency must not use them:
/// there, the top of the scale is mastery on one very large, novel or troubled project, so a
/// Project Manager can honestly claim it and a PMO Manager cannot claim it for breadth.
/// Matched from the start of a word, ignoring case, with hyphens and apostrophes read as spaces:
/// "portfolio" also finds "portfolios", but "an organisation" does not find "span organisations".
const BREADTH_PHRASES: [&str; 11] = [
    "many projects",
    "several projects",
    "across projects",
    "other projects",
    "organisation-wide",
    "whole organisation",
    "an organisation",
    "across organisations",
    "organisation scale",
    "portfolio",
    "programme",
];

/// The words of `text`, lower-cased, split at every character that is not a letter or digit
/// (so a hyphen or an apostrophe is a word boundary).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn builtin_anchors_are_complete_distinct_observable_and_fair_to_both_roles() {
    let fw = rolefit_files::framework::builtin();
    let pm = fw.profile_index("pm").unwrap();
    let pmo = fw.profile_index("pmo").unwrap();
    let mut faults = Vec::new();
    let mut pm_side = 0;
    for (i, c) in fw.competencies.iter().enumerate() {
        let id = c.id.as_str();
        let anchors: Vec<&str> = fw.scale.values().filter_map(|l| c.anchor(l)).collect();
        if anchors.len() != 6 {
            faults.push(format!("{id}: {} anchors, not 6", anchors.len()));
            continue;
        }
        for (a, text) in anchors.iter().enumerate() {
            if anchors[..a].contains(text) {
                faults.push(format!("{id} {a}: the same text as a lower level"));
            }
            for word in words(text) {
                if JUDGEMENT_WORDS.contains(&word.as_str()) {
                    faults.push(format!("{id} {a}: judgement word {word:?} in {text:?}"));
                }
            }
        }
        if !anchors[0].starts_with("Has not yet ") {
            faults.push(format!(
                "{id} 0: does not start \"Has not yet\": {:?}",
                anchors[0]
            ));
        }
        if !anchors[1].to_lowercase().contains("has not ") {
            faults.push(format!("{id} 1: no \"has not\" clause: {:?}", anchors[1]));
        }
        // PM-side: the Project Manager's target is at least the PMO Manager's.
        if fw.target(pm, i) >= fw.target(pmo, i) {
            pm_side += 1;
            for a in [4, 5] {
                let text = format!(" {}", words(anchors[a]).join(" "));
                for phrase in BREADTH_PHRASES {
                    if text.contains(&format!(" {}", words(phrase).join(" "))) {
                        faults.push(format!(
                            "{id} {a}: PM-side level asks for breadth ({phrase:?}): {:?}",
                            anchors[a]
                        ));
                    }
                }
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // DP1-DP4, RI1-RI4, SE3, SE4, GV1, GV2 and RP1: the breadth check is not vacuous.
    assert_eq!(pm_side, 13);
}

// ---- duplicates and unknown references -----------------------------------------------------

#[test]
fn empty_area_points_at_the_area() {
    let extra_area = "[[areas]]\nid = \"EMPTY\"\nname = \"Nothing here\"\ncontrast = \"c\"\n\
        [areas.focus.pm]\nlabel = \"x\"\nweight = \"light\"\nmeaning = \"m\"\n\
        [areas.focus.pmo]\nlabel = \"y\"\nweight = \"light\"\nmeaning = \"m\"\n\n";
    let text = replace_after(
        B,
        "\n[[areas]]\nid = \"DP\"",
        "[[areas]]",
        &format!("{extra_area}[[areas]]"),
    );
    let id = pos_after(&text, "id = \"EMPTY\"", "\"EMPTY\"");
    let header = pos_before(&text, "id = \"EMPTY\"", "[[areas]]");
    let p = &problems(&text)[0];
    assert!(
        [id, header].contains(&(p.line, p.column)),
        "reported at {}:{}, expected {}:{} or {}:{}",
        p.line,
        p.column,
        id.0,
        id.1,
        header.0,
        header.1
    );
}

// ---- level anchors -------------------------------------------------------------------------

/// The built-in framework with DP1's level anchors replaced by `table`.
fn dp1_levels(table: &str) -> String {
    let start = unique(B, "id = \"DP1\"");
    let from = support::find_from(B, start, "[competencies.levels]\n");
    let to = support::find_from(B, from, "[competencies.targets]");
    format!("{}{}{}", &B[..from], table, &B[to..])
}

#[test]
fn a_framework_without_anchors_loads_with_the_scale_descriptors() {
    let text = dp1_levels("");
    let fw = rolefit_files::framework::from_toml(&text).expect("anchors are optional");
    let dp1 = fw.competency_index(&CompetencyId::from("DP1")).unwrap();
    for level in fw.scale.values() {
        assert_eq!(fw.competencies[dp1].anchor(level), None);
        assert_eq!(fw.level_text(dp1, level), fw.scale.level(level).descriptor);
    }
}

#[test]
fn a_partial_set_of_anchors_falls_back_to_the_scale_for_the_rest() {
    let text = dp1_levels("[competencies.levels]\n\"4\" = \"Scopes murky work.\"\n");
    let fw = rolefit_files::framework::from_toml(&text).expect("a partial set is allowed");
    let dp1 = fw.competency_index(&CompetencyId::from("DP1")).unwrap();
    let four = Level::new(4).unwrap();
    let three = Level::new(3).unwrap();
    assert_eq!(fw.level_text(dp1, four), "Scopes murky work.");
    assert_eq!(fw.level_text(dp1, three), fw.scale.level(three).descriptor);
}

// ---- a custom framework --------------------------------------------------------------------

fn minimal_path() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/frameworks/minimal.toml"
    ))
}

fn minimal() -> Framework {
    let text = std::fs::read_to_string(minimal_path()).unwrap();
    match rolefit_files::framework::from_toml(&text) {
        Ok(fw) => fw,
        Err(problems) => panic!("minimal.toml is invalid:\n{}", describe(&problems)),
    }
}

#[test]
fn minimal_custom_framework_is_valid() {
    let fw = minimal();
    assert_eq!(fw.id, "analysis-vs-architecture");
    assert_eq!(fw.version, 3);
    assert_eq!(fw.roles[0].id, "analyst");
    assert_eq!(fw.roles[1].id, "architect");
    assert_eq!(fw.roles[0].activities.len(), 2);
    assert!(fw.roles[1].activities.is_empty());
    assert_eq!(fw.profiles.len(), 3);
    assert_eq!(fw.main_profiles, [0, 1]);
    let lead = fw.profile_index("lead-architect").unwrap();
    assert_eq!(fw.profiles[lead].role, Some(1));
    assert_eq!(fw.profiles[lead].base, Some(1));
    assert_eq!(
        fw.flavours_of(1).map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["lead-architect"]
    );
    assert_eq!(fw.scale.levels[2].hint.as_deref(), Some("simple work"));
    assert_eq!(fw.scale.levels[3].hint, None);

    // Competencies are grouped by area (file order was M1, G1, M2).
    let ids: Vec<_> = fw.competencies.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["M1", "M2", "G1"]);
    assert_eq!(fw.areas[0].competencies, 0..2);
    assert_eq!(fw.areas[1].competencies, 2..3);
    // A role without a practice entry gets an empty one.
    let g1 = fw.competency_index(&CompetencyId::from("G1")).unwrap();
    assert_eq!(fw.competencies[g1].practice[0], "");
    assert_eq!(
        fw.competencies[g1].practice[1],
        "Chairs the design authority."
    );
}

#[test]
fn minimal_flavour_inherits_and_adjusts_targets_and_weights_follow_the_role() {
    let fw = minimal();
    let analyst = fw.profile_index("analyst").unwrap();
    let architect = fw.profile_index("architect").unwrap();
    let lead = fw.profile_index("lead-architect").unwrap();
    let idx = |id: &str| fw.competency_index(&CompetencyId::from(id)).unwrap();
    let (m1, m2, g1) = (idx("M1"), idx("M2"), idx("G1"));
    let lvl = |n| Level::new(n).unwrap();

    // Main profiles take their targets from the competencies.
    assert_eq!(fw.target(analyst, m1), lvl(4));
    assert_eq!(fw.target(analyst, m2), lvl(3));
    assert_eq!(fw.target(analyst, g1), lvl(1));
    assert_eq!(fw.target(architect, m1), lvl(2));
    assert_eq!(fw.target(architect, m2), lvl(2));
    assert_eq!(fw.target(architect, g1), lvl(4));
    // The flavour inherits from its base...
    assert_eq!(fw.target(lead, m1), lvl(2));
    assert_eq!(fw.target(lead, g1), lvl(4));
    // ...except where adjusted.
    assert_eq!(fw.target(lead, m2), lvl(5));

    // Weights: the focus of the competency's area for the profile's role.
    assert_eq!(fw.areas[0].focus[0].weight, FocusWeight::Core);
    assert_eq!(fw.weight(analyst, m1), 3);
    assert_eq!(fw.weight(analyst, m2), 3);
    assert_eq!(fw.weight(analyst, g1), 0);
    assert_eq!(fw.weight(architect, m1), 1);
    assert_eq!(fw.weight(architect, g1), 4);
    // A flavour scores with its role's weights.
    assert_eq!(fw.weight(lead, m1), 1);
    assert_eq!(fw.weight(lead, m2), 1);
    assert_eq!(fw.weight(lead, g1), 4);
}

// ---- documented rules the validator does not enforce ---------------------------------------

#[test]
fn competency_without_a_description_is_refused() {
    let start = unique(B, "id = \"DP1\"");
    let from = support::find_from(B, start, "description = ");
    let to = support::find_from(B, from, "\n") + 1;
    let text = format!("{}{}", &B[..from], &B[to..]);
    let header = pos_before(&text, "id = \"DP1\"", "[[competencies]]");
    let end = pos_after(&text, "id = \"DP1\"", "\n\n");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{}", describe(&problems));
    assert!(
        problems[0].message.contains("description"),
        "{}",
        describe(&problems)
    );
    assert!(
        (header.0..=end.0).contains(&problems[0].line),
        "reported outside DP1 (lines {}..={}): {}",
        header.0,
        end.0,
        describe(&problems)
    );
}
