//! Random frameworks through every screen: a property test that nothing panics, on any scale.
//!
//! One file because the generator, the screens it drives and the checks after each case are
//! one property; each part is its own section of functions.
//!
//! Each case generates a valid format 2 framework as TOML text (a scale of 2 to 10 levels from
//! any start up to 99, with or without descriptors; 0 to 5 roles; with or without an `[axis]`,
//! `roles = []` included; up to 20 profiles with role, base, adjust and grade; targets left
//! out; up to 45 competencies with `valid` levels and their own level texts; parent areas;
//! unicode, empty, odd and long texts; ids of every legal shape), loads it with
//! `storage::framework::from_toml` (a refusal is a bug in the generator, and fails the test), and random
//! assessments over it (ratings at any level of a competency, "none", N/A, a few levels only a
//! hand-edited file holds, notes, plans, rounds, reviews, unknown ids, a saved position on any
//! screen with any target profile). Then, catching a panic at every step so that the failure
//! names the step, the size and the keys:
//!
//! - the real event loop, headless, at 60×18, 80×24 and 200×60: random keys (weighted towards
//!   those that do something: digits, `n`, `-`, arrows, Tab, Enter, Esc, `/`, `?`, `w`, `t`,
//!   `s`, `f`, `v`, `z`, `Z`, `e`, `r`, `c`, `x`, paging, text typed into the note, plan,
//!   search and round fields, pastes, clicks and the wheel), each run followed by a relaunch
//!   on the saved file, which must open on the screen the run ended on; then once more at any
//!   size from 1×1 to 300×100;
//! - every command in-process through `rolefit::cli::run`: `framework check`, `framework dump
//!   --format 2`, `show`, `show ID`, `list`, `export` in each format to stdout and to `-o`,
//!   `team DIR --format` in each format to stdout and to `-o`, `review request -o`, the
//!   reviewer rating in the app, `review import` and the app again with the review beside,
//!   plain mode with typed answers, `rate ID LEVEL`, `snapshot`, `diff`, and the app once
//!   more. An error is fine where the input warrants one; a panic never is;
//! - the team view's loop over several generated assessments at the three sizes, with random
//!   keys (Enter opens a person's Results inside it).
//!
//! Invariants that are plainly true ride along: every frame shows something; a framework
//! written with `framework dump --format 2` reads back as the same framework, and so does the
//! cache of validated frameworks; `framework check` accepts it; `show` prints something; the
//! JSON and JSONL outputs parse; plain mode prints something.
//!
//! `cargo test --test fuzz_screens` runs [`DEFAULT_CASES`] cases; `PROPTEST_CASES=N` runs N
//! (docs/fuzzing.md, "Random frameworks through every screen"). The cases that found panics
//! are replayed by the plain tests at the end of the file.

mod headless;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read as _, Seek as _, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use clap::Parser as _;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{FileFailurePersistence, TestCaseError};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use rolefit::app::App;
use rolefit::cli::{Cli, Prepared, Resolved, prepare_resolved};
use rolefit::domain::{
    Assessment, CompetencyId, Editing, Entry, Framework, Level, PlanItem, Position, Rating, Review,
    Screen, Snapshot,
};
use rolefit::runtime::{self, EventSource, NoteEditor, Polled, ScriptedEvents};
use rolefit::ui::theme::Background;

/// Cases in a plain `cargo test`. Measured in a debug build on the 2-core machine at a load of
/// 1–2: 24 cases take 15–29 s (the cases' sizes vary with proptest's seed), which leaves room
/// under the 60 s this file may take in CI on a busier machine (BENCHMARKS.md, "Random
/// frameworks through every screen"). `PROPTEST_CASES=N` runs N instead.
const DEFAULT_CASES: u32 = 24;

/// The three sizes every session runs at: the smallest supported, the design size, and large.
const SIZES: [(u16, u16); 3] = [(60, 18), (80, 24), (200, 60)];

// ---- texts and ids ---------------------------------------------------------------------------

/// Texts a file may hold: words, nothing, unicode (wide, combining, right-to-left, emoji), long
/// prose, a long unbroken word, any printable characters, and odd ones (tabs, newlines,
/// escapes, quotes).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Za-z][A-Za-z ]{0,24}",
        1 => Just(String::new()),
        2 => prop::sample::select(UNICODE).prop_map(String::from),
        1 => "[a-z]{1,9}( [a-z]{1,9}){20,45}",
        1 => "[A-Za-z]{60,130}",
        1 => "\\PC{0,30}",
        1 => prop::sample::select(ODD).prop_map(String::from),
    ]
}

const UNICODE: &[&str] = &[
    "Gestión de carteras",
    "项目管理办公室负责人",
    "👩‍💻 Delivery 🚀",
    "مدير المشروع",
    "e\u{301}\u{301}\u{301} combining",
    "ＰＭＯ ｆｕｌｌ ｗｉｄｔｈ",
    "zero\u{200b}width\u{200d}joiner",
    "🇪🇺🇬🇧 flags",
    "Ünïcödé ünïcödé ÜNÏCÖDÉ",
    "ﷺ ﷽",
];

const ODD: &[&str] = &[
    "\t",
    "a\tb",
    "line\nbreak",
    "\u{7}bell",
    "\u{1b}[31mred",
    "carriage\rreturn",
    "quote \" and \\ backslash",
    "[x] <y> %z {w}",
    "   ",
    "''' \"\"\"",
    "-",
];

/// A text that must be one line and not blank (a competency's level text).
fn one_line(text: &str) -> String {
    let line = text.replace('\n', " ");
    if line.trim().is_empty() {
        "Described here.".to_string()
    } else {
        line
    }
}

/// A short name: 1 to 16 characters.
fn short(text: &str) -> String {
    let s: String = text.chars().take(16).collect();
    if s.is_empty() { "S".to_string() } else { s }
}

/// An id in one of several legal styles, unique for `i` within its kind.
fn make_id(style: u8, prefix: &str, i: usize) -> String {
    match style % 7 {
        0 => format!("{prefix}{i}"),
        1 => format!("{prefix}.{i}.x"),
        2 => format!("{i}"),
        3 => format!("{:x>40}", format!("{prefix}{i}")),
        4 => format!("{prefix}-{i}_z"),
        5 => {
            if i.is_multiple_of(2) {
                format!("{}{i}", prefix.to_lowercase())
            } else {
                format!("{}{i}", prefix.to_uppercase())
            }
        }
        _ => format!("-{prefix}.{i}"),
    }
}

/// A TOML string.
fn q(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

// ---- the framework ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct ScaleSpec {
    values: Vec<u8>,
    labels: Vec<String>,
    descriptors: Vec<Option<String>>,
    hints: Vec<Option<String>>,
    na: Option<String>,
}

fn scale() -> impl Strategy<Value = ScaleSpec> {
    let values = prop_oneof![
        // Contiguous from any start.
        3 => (2usize..=10)
            .prop_flat_map(|n| (Just(n), 0..=(100 - n) as u8))
            .prop_map(|(n, s)| (s..s + n as u8).collect::<Vec<u8>>()),
        // The built-in shape, and SFIA's.
        1 => Just((0..=5).collect::<Vec<u8>>()),
        1 => Just((1..=7).collect::<Vec<u8>>()),
        // Any strictly increasing values.
        3 => (2usize..=10)
            .prop_flat_map(|n| prop::sample::subsequence((0u8..=99).collect::<Vec<u8>>(), n)),
        1 => Just(vec![0, 50, 99]),
    ];
    values
        .prop_flat_map(|values| {
            let n = values.len();
            (
                Just(values),
                prop::collection::vec(text(), n),
                prop::collection::vec(prop::option::weighted(0.7, text()), n),
                prop::collection::vec(prop::option::weighted(0.2, text()), n),
                prop::option::of(text()),
            )
        })
        .prop_map(|(values, labels, descriptors, hints, na)| ScaleSpec {
            values,
            labels,
            descriptors,
            hints,
            na,
        })
}

#[derive(Clone, Debug)]
struct RoleSpec {
    name: String,
    short: String,
    essence: Option<String>,
    description: Option<String>,
    activities: Option<Vec<String>>,
    horizon: Option<String>,
    scope: Option<String>,
    in_practice: Option<String>,
}

fn role() -> impl Strategy<Value = RoleSpec> {
    (
        text(),
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(prop::collection::vec(text(), 0..4)),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(name, short, essence, description, activities, horizon, scope, in_practice)| {
                RoleSpec {
                    name,
                    short,
                    essence,
                    description,
                    activities,
                    horizon,
                    scope,
                    in_practice,
                }
            },
        )
}

#[derive(Clone, Debug)]
enum AxisSpec {
    /// No `[axis]`: the first two roles, when there are two.
    Omitted,
    /// `roles = []`: no lean.
    Empty,
    /// Two roles, picked among those there are (none when fewer than two).
    Pair(Index, Index),
}

#[derive(Clone, Debug)]
struct ProfileSpec {
    name: String,
    short: String,
    description: Option<String>,
    reference: Option<String>,
    role: Option<Index>,
    base: Option<Index>,
    grade: Option<i64>,
    /// Competency, and a level among its own (None: "none", no longer required).
    adjust: Vec<(Index, Option<Index>)>,
}

fn profile() -> impl Strategy<Value = ProfileSpec> {
    (
        text(),
        text(),
        prop::option::of(text()),
        prop::option::weighted(0.2, text()),
        prop::option::weighted(0.7, any::<Index>()),
        prop::option::weighted(0.4, any::<Index>()),
        prop::option::weighted(0.4, prop_oneof![4 => -3i64..12, 1 => any::<i64>()]),
        prop::collection::vec(
            (any::<Index>(), prop::option::weighted(0.8, any::<Index>())),
            0..4,
        ),
    )
        .prop_map(
            |(name, short, description, reference, role, base, grade, adjust)| ProfileSpec {
                name,
                short,
                description,
                reference,
                role,
                base,
                grade,
                adjust,
            },
        )
}

#[derive(Clone, Debug)]
struct FocusSpec {
    label: Option<String>,
    weight: Option<&'static str>,
    meaning: Option<String>,
}

#[derive(Clone, Debug)]
struct AreaSpec {
    name: String,
    contrast: Option<String>,
    parent: Option<Index>,
    /// Per role (the first as many as there are roles).
    focus: Vec<Option<FocusSpec>>,
}

const WEIGHTS: &[&str] = &["none", "light", "operational", "core", "strategic"];

fn area() -> impl Strategy<Value = AreaSpec> {
    let focus = (
        prop::option::of(text()),
        prop::option::of(prop::sample::select(WEIGHTS)),
        prop::option::of(text()),
    )
        .prop_map(|(label, weight, meaning)| FocusSpec {
            label,
            weight,
            meaning,
        });
    (
        text(),
        prop::option::weighted(0.2, text()),
        prop::option::weighted(0.5, any::<Index>()),
        prop::collection::vec(prop::option::weighted(0.6, focus), 5),
    )
        .prop_map(|(name, contrast, parent, focus)| AreaSpec {
            name,
            contrast,
            parent,
            focus,
        })
}

#[derive(Clone, Debug)]
struct CompSpec {
    area: Index,
    name: String,
    description: Option<String>,
    refs: Option<Vec<String>>,
    /// Per role.
    practice: Vec<Option<String>>,
    /// Which of the scale's levels are valid (None: every level).
    valid: Option<Vec<bool>>,
    /// Per scale level, its own text.
    levels: Option<Vec<Option<String>>>,
    /// Per main profile, a level among the competency's own (None: not required).
    targets: Vec<Option<Index>>,
}

fn competency() -> impl Strategy<Value = CompSpec> {
    (
        any::<Index>(),
        text(),
        prop::option::of(text()),
        prop::option::weighted(0.2, prop::collection::vec(text(), 0..3)),
        prop::collection::vec(prop::option::weighted(0.3, text()), 5),
        prop::option::weighted(0.4, prop::collection::vec(any::<bool>(), 10)),
        prop::option::weighted(
            0.5,
            prop::collection::vec(prop::option::weighted(0.5, text()), 10),
        ),
        prop::collection::vec(prop::option::weighted(0.7, any::<Index>()), 8),
    )
        .prop_map(
            |(area, name, description, refs, practice, valid, levels, targets)| CompSpec {
                area,
                name,
                description,
                refs,
                practice,
                valid,
                levels,
                targets,
            },
        )
}

#[derive(Clone, Debug)]
struct FwSpec {
    id_style: u8,
    version: i64,
    name: String,
    summary: Option<String>,
    scale: ScaleSpec,
    roles: Vec<RoleSpec>,
    axis: AxisSpec,
    profiles: Vec<ProfileSpec>,
    groups: Vec<String>,
    groups_first: bool,
    areas: Vec<AreaSpec>,
    competencies: Vec<CompSpec>,
}

fn framework_spec() -> impl Strategy<Value = FwSpec> {
    let axis = prop_oneof![
        2 => Just(AxisSpec::Omitted),
        1 => Just(AxisSpec::Empty),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| AxisSpec::Pair(a, b)),
    ];
    (
        (
            0u8..7,
            prop::sample::select(vec![0i64, 1, 7, i64::from(u32::MAX)]),
            text(),
            prop::option::of(text()),
            scale(),
        ),
        prop::collection::vec(role(), 0..=5),
        axis,
        prop_oneof![
            4 => prop::collection::vec(profile(), 1..=7),
            1 => prop::collection::vec(profile(), 8..=20),
        ],
        (prop::collection::vec(text(), 0..=3), any::<bool>()),
        prop_oneof![
            4 => prop::collection::vec(area(), 1..=5),
            1 => prop::collection::vec(area(), 6..=12),
        ],
        prop_oneof![
            4 => prop::collection::vec(competency(), 1..=12),
            1 => prop::collection::vec(competency(), 13..=45),
        ],
    )
        .prop_map(
            |(
                (id_style, version, name, summary, scale),
                roles,
                axis,
                profiles,
                (groups, groups_first),
                areas,
                competencies,
            )| FwSpec {
                id_style,
                version,
                name,
                summary,
                scale,
                roles,
                axis,
                profiles,
                groups,
                groups_first,
                areas,
                competencies,
            },
        )
}

/// One profile as written.
struct ProfileOut {
    id: String,
    name: String,
    short: String,
    description: Option<String>,
    reference: Option<String>,
    role: Option<usize>,
    base: Option<usize>,
    grade: Option<i64>,
    adjust: BTreeMap<String, String>,
}

/// What `render` writes, worked out from a spec: the ids of every kind, the axis, the profiles,
/// where each area and competency goes and the levels each competency accepts.
struct Layout {
    role_ids: Vec<String>,
    axis_text: Option<String>,
    main: Vec<bool>,
    roles_of: Vec<Option<usize>>,
    mains: Vec<usize>,
    profile_ids: Vec<String>,
    profiles: Vec<ProfileOut>,
    leaf_ids: Vec<String>,
    group_ids: Vec<String>,
    parent_of: Vec<Option<usize>>,
    comp_ids: Vec<String>,
    area_of: Vec<usize>,
    accepted: Vec<Vec<u8>>,
}

/// The framework file for `spec`, made valid: the rules of PRODUCT.md §6b are met by
/// construction (an axis role has exactly one main profile, a base is a main profile, every
/// area holds a competency and every parent an area, a level without a descriptor is
/// described by every competency that can be rated at it, targets are among a competency's
/// own levels).
fn render(spec: &FwSpec) -> String {
    let layout = layout(spec);
    let mut t = String::new();
    write_head_and_scale(&mut t, spec);
    write_roles(&mut t, spec, &layout.role_ids);
    if let Some(axis) = &layout.axis_text {
        let _ = writeln!(t, "\n[axis]\n{axis}");
    }
    write_profiles(&mut t, &layout);
    write_areas(&mut t, spec, &layout);
    write_competencies(&mut t, spec, &layout);
    t
}

/// The ids, the axis, the profiles and where every area and competency goes, for `spec`.
fn layout(spec: &FwSpec) -> Layout {
    let style = spec.id_style;
    let r = spec.roles.len();
    let role_ids: Vec<String> = (0..r).map(|i| make_id(style, "r", i)).collect();
    let (axis_roles, axis_text) = axis(spec, &role_ids);
    let (main, roles_of) = main_profiles(spec, axis_roles);
    let mains: Vec<usize> = (0..main.len()).filter(|&k| main[k]).collect();
    let n_profiles = main.len();
    let profile_ids: Vec<String> = (0..n_profiles).map(|k| make_id(style, "p", k)).collect();

    // Areas: as many leaves as there are competencies to fill them; parents only where an
    // area names them.
    let n_comp = spec.competencies.len();
    let leaves = spec.areas.len().min(n_comp);
    let leaf_ids: Vec<String> = (0..leaves).map(|a| make_id(style, "A", a)).collect();
    let group_ids: Vec<String> = (0..spec.groups.len())
        .map(|g| make_id(style, "G", 50 + g))
        .collect();
    let parent_of: Vec<Option<usize>> = spec.areas[..leaves]
        .iter()
        .map(|a| {
            a.parent
                .filter(|_| !spec.groups.is_empty())
                .map(|p| p.index(spec.groups.len()))
        })
        .collect();

    // Competencies: the first ones fill the areas in turn.
    let comp_ids: Vec<String> = (0..n_comp).map(|c| make_id(style, "C", c)).collect();
    let area_of: Vec<usize> = spec
        .competencies
        .iter()
        .enumerate()
        .map(|(c, comp)| {
            if c < leaves {
                c
            } else {
                comp.area.index(leaves)
            }
        })
        .collect();
    let accepted = accepted_levels(spec);

    let mut layout = Layout {
        role_ids,
        axis_text,
        main,
        roles_of,
        mains,
        profile_ids,
        profiles: Vec::new(),
        leaf_ids,
        group_ids,
        parent_of,
        comp_ids,
        area_of,
        accepted,
    };
    layout.profiles = profile_outs(spec, &layout);
    layout
}

/// The axis's two roles, if there is an axis, and its `roles = …` line, if one is written.
fn axis(spec: &FwSpec, role_ids: &[String]) -> (Option<[usize; 2]>, Option<String>) {
    let r = role_ids.len();
    match &spec.axis {
        AxisSpec::Omitted => ((r >= 2).then_some([0, 1]), None),
        AxisSpec::Empty => (None, Some("roles = []".to_string())),
        AxisSpec::Pair(a, b) if r >= 2 => {
            let i = a.index(r);
            let j = (i + 1 + b.index(r - 1)) % r;
            (
                Some([i, j]),
                Some(format!(
                    "roles = [{}, {}]",
                    q(&role_ids[i]),
                    q(&role_ids[j])
                )),
            )
        }
        AxisSpec::Pair(..) => (None, Some("roles = []".to_string())),
    }
}

/// Which profiles are main and their roles: an axis role gets exactly one main profile.
fn main_profiles(spec: &FwSpec, axis_roles: Option<[usize; 2]>) -> (Vec<bool>, Vec<Option<usize>>) {
    let r = spec.roles.len();
    let mut main: Vec<bool> = spec
        .profiles
        .iter()
        .enumerate()
        .map(|(k, p)| k == 0 || p.base.is_none())
        .collect();
    let mut roles_of: Vec<Option<usize>> = spec
        .profiles
        .iter()
        .map(|p| {
            if r == 0 {
                None
            } else {
                p.role.map(|i| i.index(r))
            }
        })
        .collect();
    if let Some(axis) = axis_roles {
        for &x in &axis {
            let of_x: Vec<usize> = (0..main.len())
                .filter(|&k| main[k] && roles_of[k] == Some(x))
                .collect();
            if let Some((_, extra)) = of_x.split_first() {
                for &k in extra {
                    roles_of[k] = None;
                }
            } else if let Some(k) = (0..main.len())
                .find(|&k| main[k] && !roles_of[k].is_some_and(|role| axis.contains(&role)))
            {
                roles_of[k] = Some(x);
            } else {
                main.push(true);
                roles_of.push(Some(x));
            }
        }
    }
    (main, roles_of)
}

/// The levels each competency accepts: the scale's, or those its mask picks (at least one).
fn accepted_levels(spec: &FwSpec) -> Vec<Vec<u8>> {
    let values = &spec.scale.values;
    spec.competencies
        .iter()
        .map(|comp| match &comp.valid {
            None => values.clone(),
            Some(mask) => {
                let picked: Vec<u8> = values
                    .iter()
                    .zip(mask)
                    .filter(|(_, on)| **on)
                    .map(|(v, _)| *v)
                    .collect();
                if picked.is_empty() {
                    vec![values[0]]
                } else {
                    picked
                }
            }
        })
        .collect()
}

/// Every profile as written: a variant's base is a main one, its adjustments valid levels.
fn profile_outs(spec: &FwSpec, layout: &Layout) -> Vec<ProfileOut> {
    let n_comp = spec.competencies.len();
    let (main, mains, accepted) = (&layout.main, &layout.mains, &layout.accepted);
    let mut profiles: Vec<ProfileOut> = Vec::new();
    for (k, &is_main) in main.iter().enumerate() {
        let given = spec.profiles.get(k);
        let base = (!is_main).then(|| {
            let pick = given
                .and_then(|p| p.base)
                .map_or(0, |b| b.index(mains.len()));
            mains[pick]
        });
        let mut adjust = BTreeMap::new();
        if base.is_some() {
            for (c, level) in given.map(|p| p.adjust.as_slice()).unwrap_or_default() {
                let c = c.index(n_comp);
                let value = match level {
                    None => q("none"),
                    Some(l) => accepted[c][l.index(accepted[c].len())].to_string(),
                };
                adjust.insert(layout.comp_ids[c].clone(), value);
            }
        }
        profiles.push(ProfileOut {
            id: layout.profile_ids[k].clone(),
            name: given.map_or_else(|| format!("Axis profile {k}"), |p| p.name.clone()),
            short: short(given.map_or("Axis", |p| p.short.as_str())),
            description: given.and_then(|p| p.description.clone()),
            reference: given.and_then(|p| p.reference.clone()),
            role: layout.roles_of[k],
            base,
            grade: given.and_then(|p| p.grade),
            adjust,
        });
    }
    profiles
}

/// Writes the framework's own keys and its `[scale]` with every level.
fn write_head_and_scale(t: &mut String, spec: &FwSpec) {
    let _ = writeln!(t, "format = 2");
    let _ = writeln!(t, "id = {}", q(&make_id(spec.id_style, "fw", 1)));
    let _ = writeln!(t, "version = {}", spec.version);
    let _ = writeln!(t, "name = {}", q(&spec.name));
    if let Some(summary) = &spec.summary {
        let _ = writeln!(t, "summary = {}", q(summary));
    }
    let _ = writeln!(t, "\n[scale]");
    if let Some(na) = &spec.scale.na {
        let _ = writeln!(t, "na = {}", q(na));
    }
    for (i, value) in spec.scale.values.iter().enumerate() {
        let _ = writeln!(t, "\n[[scale.levels]]\nvalue = {value}");
        let _ = writeln!(t, "label = {}", q(&spec.scale.labels[i]));
        if let Some(d) = &spec.scale.descriptors[i] {
            let _ = writeln!(t, "descriptor = {}", q(d));
        }
        if let Some(h) = &spec.scale.hints[i] {
            let _ = writeln!(t, "hint = {}", q(h));
        }
    }
}

/// Writes every `[[roles]]` with the texts it has.
fn write_roles(t: &mut String, spec: &FwSpec, role_ids: &[String]) {
    for (i, role) in spec.roles.iter().enumerate() {
        let _ = writeln!(
            t,
            "\n[[roles]]\nid = {}\nname = {}\nshort = {}",
            q(&role_ids[i]),
            q(&role.name),
            q(&short(&role.short))
        );
        for (key, value) in [
            ("essence", &role.essence),
            ("description", &role.description),
            ("horizon", &role.horizon),
            ("scope", &role.scope),
            ("in_practice", &role.in_practice),
        ] {
            if let Some(value) = value {
                let _ = writeln!(t, "{key} = {}", q(value));
            }
        }
        if let Some(activities) = &role.activities {
            let items: Vec<String> = activities.iter().map(|a| q(a)).collect();
            let _ = writeln!(t, "activities = [{}]", items.join(", "));
        }
    }
}

/// Writes every `[[profiles]]`, a variant's base and `[profiles.adjust]` included.
fn write_profiles(t: &mut String, layout: &Layout) {
    for p in &layout.profiles {
        let _ = writeln!(
            t,
            "\n[[profiles]]\nid = {}\nname = {}\nshort = {}",
            q(&p.id),
            q(&p.name),
            q(&p.short)
        );
        if let Some(d) = &p.description {
            let _ = writeln!(t, "description = {}", q(d));
        }
        if let Some(reference) = &p.reference {
            let _ = writeln!(t, "reference = {}", q(reference));
        }
        if let Some(role) = p.role {
            let _ = writeln!(t, "role = {}", q(&layout.role_ids[role]));
        }
        if let Some(grade) = p.grade {
            let _ = writeln!(t, "grade = {grade}");
        }
        if let Some(base) = p.base {
            let _ = writeln!(t, "base = {}", q(&layout.profile_ids[base]));
            if !p.adjust.is_empty() {
                let _ = writeln!(t, "[profiles.adjust]");
                for (id, value) in &p.adjust {
                    let _ = writeln!(t, "{} = {value}", q(id));
                }
            }
        }
    }
}

/// Writes the leaf `[[areas]]` with their focus, and the parents named before or after them.
fn write_areas(t: &mut String, spec: &FwSpec, layout: &Layout) {
    let r = spec.roles.len();
    let leaves = layout.leaf_ids.len();
    let used_groups: Vec<usize> = (0..spec.groups.len())
        .filter(|g| layout.parent_of.contains(&Some(*g)))
        .collect();
    let write_groups = |t: &mut String| {
        for &g in &used_groups {
            let _ = writeln!(
                t,
                "\n[[areas]]\nid = {}\nname = {}",
                q(&layout.group_ids[g]),
                q(&spec.groups[g])
            );
        }
    };
    if spec.groups_first {
        write_groups(t);
    }
    for (a, area) in spec.areas[..leaves].iter().enumerate() {
        let _ = writeln!(
            t,
            "\n[[areas]]\nid = {}\nname = {}",
            q(&layout.leaf_ids[a]),
            q(&area.name)
        );
        if let Some(contrast) = &area.contrast {
            let _ = writeln!(t, "contrast = {}", q(contrast));
        }
        if let Some(parent) = layout.parent_of[a] {
            let _ = writeln!(t, "parent = {}", q(&layout.group_ids[parent]));
        }
        for (role, focus) in area.focus.iter().take(r).enumerate() {
            let Some(focus) = focus else { continue };
            let _ = writeln!(t, "[areas.focus.{}]", q(&layout.role_ids[role]));
            if let Some(label) = &focus.label {
                let _ = writeln!(t, "label = {}", q(label));
            }
            if let Some(weight) = focus.weight {
                let _ = writeln!(t, "weight = {}", q(weight));
            }
            if let Some(meaning) = &focus.meaning {
                let _ = writeln!(t, "meaning = {}", q(meaning));
            }
        }
    }
    if !spec.groups_first {
        write_groups(t);
    }
}

/// Writes every `[[competencies]]`: texts, valid levels, practice, level texts, targets.
fn write_competencies(t: &mut String, spec: &FwSpec, layout: &Layout) {
    let r = spec.roles.len();
    let accepted = &layout.accepted;
    for (c, comp) in spec.competencies.iter().enumerate() {
        let _ = writeln!(
            t,
            "\n[[competencies]]\nid = {}\narea = {}\nname = {}",
            q(&layout.comp_ids[c]),
            q(&layout.leaf_ids[layout.area_of[c]]),
            q(&comp.name)
        );
        if let Some(d) = &comp.description {
            let _ = writeln!(t, "description = {}", q(d));
        }
        if let Some(refs) = &comp.refs {
            let items: Vec<String> = refs.iter().map(|a| q(a)).collect();
            let _ = writeln!(t, "refs = [{}]", items.join(", "));
        }
        if comp.valid.is_some() {
            let items: Vec<String> = accepted[c].iter().map(u8::to_string).collect();
            let _ = writeln!(t, "valid = [{}]", items.join(", "));
        }
        let practice: Vec<(usize, &String)> = comp
            .practice
            .iter()
            .take(r)
            .enumerate()
            .filter_map(|(i, p)| p.as_ref().map(|p| (i, p)))
            .collect();
        if !practice.is_empty() {
            let _ = writeln!(t, "[competencies.practice]");
            for (role, text) in practice {
                let _ = writeln!(t, "{} = {}", q(&layout.role_ids[role]), q(text));
            }
        }
        let own = own_levels(spec, comp, &accepted[c]);
        if !own.is_empty() {
            let _ = writeln!(t, "[competencies.levels]");
            for (v, text) in own {
                let _ = writeln!(t, "\"{v}\" = {}", q(&text));
            }
        }
        let targets: Vec<(usize, u8)> = layout
            .mains
            .iter()
            .enumerate()
            .filter_map(|(i, &p)| {
                comp.targets[i % comp.targets.len()]
                    .map(|l| (p, accepted[c][l.index(accepted[c].len())]))
            })
            .collect();
        if !targets.is_empty() {
            let _ = writeln!(t, "[competencies.targets]");
            for (p, v) in targets {
                let _ = writeln!(t, "{} = {v}", q(&layout.profile_ids[p]));
            }
        }
    }
}

/// A competency's own level texts, and one for each accepted level the scale leaves bare.
fn own_levels(spec: &FwSpec, comp: &CompSpec, accepted: &[u8]) -> Vec<(u8, String)> {
    let described = |i: usize| {
        spec.scale.descriptors[i]
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
    };
    let mut own: Vec<(u8, String)> = Vec::new();
    for (i, &v) in spec.scale.values.iter().enumerate() {
        if !accepted.contains(&v) {
            continue;
        }
        let given = comp.levels.as_ref().and_then(|l| l[i].as_deref());
        match given {
            Some(text) => own.push((v, one_line(text))),
            None if !described(i) => own.push((v, format!("What {v} means here."))),
            None => {}
        }
    }
    own
}

// ---- the assessments ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum RatingSpec {
    /// One of the competency's own levels.
    Level(Index),
    None,
    Na,
    /// Only a note.
    NoteOnly,
    /// Any value up to the scale's top, as a hand-edited file may hold (off the scale, or a
    /// level the competency is not defined at).
    Odd(Index),
}

fn rating() -> impl Strategy<Value = RatingSpec> {
    prop_oneof![
        8 => any::<Index>().prop_map(RatingSpec::Level),
        2 => Just(RatingSpec::None),
        2 => Just(RatingSpec::Na),
        1 => Just(RatingSpec::NoteOnly),
        1 => any::<Index>().prop_map(RatingSpec::Odd),
    ]
}

#[derive(Clone, Debug)]
enum Pick {
    Nothing,
    Some(Index),
    Unknown,
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        2 => Just(Pick::Nothing),
        6 => any::<Index>().prop_map(Pick::Some),
        1 => Just(Pick::Unknown),
    ]
}

type Rated = (Index, RatingSpec, Option<String>);

/// A closed round: its day in November 2025, its label, its ratings.
type Round = (u8, String, Vec<(Index, RatingSpec)>);

#[derive(Clone, Debug)]
struct AsSpec {
    name: String,
    ratings: Vec<Rated>,
    /// Competency, target (a level of its own, or any up to the top), action.
    plan: Vec<(Index, Option<RatingSpec>, String)>,
    history: Vec<Round>,
    reviews: Vec<(String, String, Vec<Rated>)>,
    screen: Index,
    competency: Pick,
    target: Pick,
    show_targets: bool,
    /// Whether the target was chosen by the user or follows the verdict.
    target_chosen: bool,
    /// A note (false) or plan (true) editor open on a competency when the file was saved.
    editing: Option<(bool, Pick)>,
    /// A rating, a plan, a round's rating and a reviewer's rating of a competency the
    /// framework lacks (kept, never dropped).
    stray: bool,
    /// Made with another version of the framework (same id, another version and content):
    /// the app says what changed.
    stale: bool,
}

fn rated() -> impl Strategy<Value = Rated> {
    (
        any::<Index>(),
        rating(),
        prop::option::weighted(0.3, text()),
    )
}

fn assessment_spec() -> impl Strategy<Value = AsSpec> {
    (
        (text(), prop::collection::vec(rated(), 0..16)),
        prop::collection::vec((any::<Index>(), prop::option::of(rating()), text()), 0..4),
        prop::collection::vec(
            (
                1u8..28,
                text(),
                prop::collection::vec((any::<Index>(), rating()), 0..8),
            ),
            0..3,
        ),
        prop::collection::vec((text(), text(), prop::collection::vec(rated(), 0..8)), 0..3),
        (
            any::<Index>(),
            pick(),
            pick(),
            any::<bool>(),
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.1),
            any::<bool>(),
            prop::option::weighted(0.2, (any::<bool>(), pick())),
        ),
    )
        .prop_map(
            |(
                (name, ratings),
                plan,
                history,
                reviews,
                (screen, competency, target, show, stray, stale, target_chosen, editing),
            )| {
                AsSpec {
                    name,
                    ratings,
                    plan,
                    history,
                    reviews,
                    screen,
                    competency,
                    target,
                    show_targets: show,
                    target_chosen,
                    editing,
                    stray,
                    stale,
                }
            },
        )
}

fn datetime(text: &str) -> rolefit::domain::time::Datetime {
    text.parse().expect("a valid datetime")
}

/// The rating `spec` stands for on competency `c` (None: no rating, only a note).
fn rating_of(fw: &Framework, c: usize, spec: &RatingSpec) -> Option<Rating> {
    match spec {
        RatingSpec::Level(i) => {
            let levels = fw.valid_levels(c);
            Some(Rating::Level(levels[i.index(levels.len())]))
        }
        RatingSpec::None => Some(Rating::Level(Level::NONE)),
        RatingSpec::Na => Some(Rating::NotApplicable),
        RatingSpec::NoteOnly => None,
        RatingSpec::Odd(i) => {
            let top = fw.scale.last().value();
            Level::new(i.index(usize::from(top) + 1) as u8).map(Rating::Level)
        }
    }
}

fn entries(fw: &Framework, rated: &[Rated]) -> BTreeMap<CompetencyId, Entry> {
    let n = fw.competencies.len();
    let mut out = BTreeMap::new();
    for (c, spec, note) in rated {
        let c = c.index(n);
        let rating = rating_of(fw, c, spec);
        let note = note.clone().unwrap_or_default();
        let note = if rating.is_none() && note.is_empty() {
            "Only a note.".to_string()
        } else {
            note
        };
        out.insert(
            fw.competencies[c].id.clone(),
            Entry {
                rating,
                note,
                extra: Default::default(),
            },
        );
    }
    out
}

/// The assessment `spec` stands for, made with `fw` from the file `fw_path`.
fn build_assessment(fw: &Framework, fw_path: &Path, spec: &AsSpec) -> Assessment {
    let mut a = Assessment::new(&spec.name, fw, datetime("2026-01-02T03:04:05Z"));
    a.framework_path = Some(fw_path.to_str().expect("a UTF-8 path").to_string());
    if spec.stale {
        a.framework_version = fw.version.wrapping_add(1);
        a.framework_hash = Some("0123456789abcdef".into());
    }
    a.ratings = entries(fw, &spec.ratings);
    add_plan(&mut a, fw, spec);
    add_rounds(&mut a, fw, spec);
    for (reviewer, id, rated) in &spec.reviews {
        a.reviews.insert(
            reviewer.clone(),
            Review {
                id: id.clone(),
                date: Some(datetime("2026-01-01T00:00:00Z")),
                ratings: entries(fw, rated),
                extra: Default::default(),
            },
        );
    }
    if spec.stray {
        add_strays(&mut a, fw);
    }
    a.position = position(fw, spec);
    a
}

/// Adds the plan items of `spec` that have a target or an action.
fn add_plan(a: &mut Assessment, fw: &Framework, spec: &AsSpec) {
    let n = fw.competencies.len();
    for (c, target, action) in &spec.plan {
        let c = c.index(n);
        let target = target
            .as_ref()
            .and_then(|t| rating_of(fw, c, t))
            .and_then(Rating::level)
            .filter(|l| !l.is_none());
        let item = PlanItem {
            target,
            actions: if action.trim().is_empty() {
                Vec::new()
            } else {
                vec![rolefit::domain::PlanAction::new(
                    c as u32 + 1,
                    action.trim(),
                )]
            },
            extra: Default::default(),
        };
        if !item.is_empty() {
            a.plan.insert(fw.competencies[c].id.clone(), item);
        }
    }
}

/// Adds the earlier rounds of `spec`, in November 2025.
fn add_rounds(a: &mut Assessment, fw: &Framework, spec: &AsSpec) {
    let n = fw.competencies.len();
    for (day, label, ratings) in &spec.history {
        a.history.push(Snapshot {
            taken: datetime(&format!("2025-11-{day:02}T10:00:00Z")),
            label: label.trim().to_string(),
            ratings: ratings
                .iter()
                .filter_map(|(c, r)| {
                    let c = c.index(n);
                    rating_of(fw, c, r).map(|r| (fw.competencies[c].id.clone(), r))
                })
                .collect(),
            extra: Default::default(),
        });
    }
}

/// Adds a rating, plan item, round rating and review rating of a competency `fw` lacks.
fn add_strays(a: &mut Assessment, fw: &Framework) {
    let stray = CompetencyId("NOT.IN.THE.FRAMEWORK".into());
    let rating = Rating::Level(fw.scale.first());
    a.ratings.insert(
        stray.clone(),
        Entry {
            rating: Some(rating),
            note: "kept".into(),
            extra: Default::default(),
        },
    );
    a.plan.insert(
        stray.clone(),
        PlanItem {
            target: Some(fw.scale.last()),
            actions: vec![rolefit::domain::PlanAction::new(100_000, "kept too")],
            extra: Default::default(),
        },
    );
    if let Some(round) = a.history.first_mut() {
        round.ratings.insert(stray.clone(), rating);
    }
    if let Some(review) = a.reviews.values_mut().next() {
        review.ratings.insert(
            stray,
            Entry {
                rating: Some(Rating::NotApplicable),
                note: String::new(),
                extra: Default::default(),
            },
        );
    }
}

/// The saved position `spec` picks: a screen, a competency, a target and an open editor.
fn position(fw: &Framework, spec: &AsSpec) -> Position {
    let n = fw.competencies.len();
    Position {
        screen: Screen::ALL[spec.screen.index(Screen::ALL.len())],
        competency: match &spec.competency {
            Pick::Nothing => None,
            Pick::Some(i) => Some(fw.competencies[i.index(n)].id.clone()),
            Pick::Unknown => Some(CompetencyId("NO.SUCH.ID".into())),
        },
        target: match &spec.target {
            Pick::Nothing => None,
            Pick::Some(i) => Some(fw.profiles[i.index(fw.profiles.len())].id.clone()),
            Pick::Unknown => Some("no-such-profile".into()),
        },
        show_targets: spec.show_targets,
        target_chosen: spec.target_chosen,
        editing: spec.editing.as_ref().map(|(plan, pick)| {
            let id = match pick {
                Pick::Nothing | Pick::Some(_) if n == 0 => CompetencyId("NO.SUCH.ID".into()),
                Pick::Nothing => fw.competencies[0].id.clone(),
                Pick::Some(i) => fw.competencies[i.index(n)].id.clone(),
                Pick::Unknown => CompetencyId("NO.SUCH.ID".into()),
            };
            if *plan {
                Editing::Plan(id)
            } else {
                Editing::Note(id)
            }
        }),
    }
}

// ---- keys --------------------------------------------------------------------------------------

/// One thing the user does.
#[derive(Clone, Debug)]
enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// Characters typed one by one (into a field, or as keys on a screen).
    Type(String),
    Paste(String),
    /// A left click at a point, in thousandths of the width and height.
    Click(u16, u16),
    Wheel(bool, u16, u16),
}

fn key() -> impl Strategy<Value = Key> {
    use KeyCode::*;
    prop_oneof![
        10 => (0u8..=9).prop_map(|d| Key::Char(char::from(b'0' + d))),
        3 => prop::sample::select(vec!['n', '-']).prop_map(Key::Char),
        8 => prop::sample::select(vec![Up, Down, Left, Right]).prop_map(Key::Code),
        4 => Just(Key::Code(Tab)),
        1 => Just(Key::Code(BackTab)),
        4 => Just(Key::Code(Enter)),
        3 => Just(Key::Code(Esc)),
        8 => prop::sample::select("/?wtsfvzZercxapuTJKjkhlgGEq".chars().collect::<Vec<_>>())
            .prop_map(Key::Char),
        2 => prop::sample::select(vec![PageUp, PageDown, Home, End, Backspace, Delete])
            .prop_map(Key::Code),
        3 => prop_oneof!["[a-zA-Z0-9 .]{1,8}", "\\PC{1,4}"].prop_map(Key::Type),
        1 => prop::sample::select(vec!['c', 'z', 'e', 'p', 'n']).prop_map(Key::Ctrl),
        1 => (0u16..1000, 0u16..1000).prop_map(|(x, y)| Key::Click(x, y)),
        1 => (any::<bool>(), 0u16..1000, 0u16..1000).prop_map(|(d, x, y)| Key::Wheel(d, x, y)),
        1 => text().prop_map(Key::Paste),
    ]
}

/// A few keys that do one thing together: to Results, a what-if kept or discarded, a round
/// closed with a label, a search, a plan, a note, runs of undo, redo or target changes.
fn gesture() -> impl Strategy<Value = Vec<Key>> {
    use KeyCode::*;
    let word = || "[a-zA-Z .]{0,12}".prop_map(Key::Type);
    let some = || prop::collection::vec(key(), 0..4);
    prop_oneof![
        Just(vec![Key::Code(Tab), Key::Code(Tab), Key::Code(Tab)]),
        (some(), prop::sample::select(vec!['a', 'w'])).prop_map(|(tried, end)| {
            [vec![Key::Char('w')], tried, vec![Key::Char(end)]].concat()
        }),
        word().prop_map(|w| vec![Key::Char('c'), w, Key::Code(Enter)]),
        (word(), some()).prop_map(|(w, then)| {
            [vec![Key::Char('/'), w], then, vec![Key::Code(Enter)]].concat()
        }),
        (0u8..=9, word()).prop_map(|(d, w)| {
            let digit = Key::Char(char::from(b'0' + d));
            vec![Key::Char('p'), digit, Key::Code(Tab), w, Key::Code(Esc)]
        }),
        word().prop_map(|w| {
            let more = Key::Type("more".into());
            vec![Key::Char('e'), w, Key::Code(Enter), more, Key::Code(Esc)]
        }),
        (1usize..6, prop::sample::select(vec!['z', 'Z', 't']))
            .prop_map(|(n, c)| vec![Key::Char(c); n]),
    ]
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn events(keys: &[Key], size: (u16, u16)) -> Vec<Event> {
    let at = |x: u16, y: u16| {
        (
            (u32::from(x) * u32::from(size.0) / 1000) as u16,
            (u32::from(y) * u32::from(size.1) / 1000) as u16,
        )
    };
    let mouse = |kind, (column, row)| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut out = Vec::new();
    for key in keys {
        match key {
            Key::Char(c) => out.push(char_event(*c)),
            Key::Code(KeyCode::BackTab) => out.push(press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Key::Code(code) => out.push(press(*code, KeyModifiers::NONE)),
            Key::Ctrl(c) => out.push(press(KeyCode::Char(*c), KeyModifiers::CONTROL)),
            Key::Type(text) => out.extend(text.chars().map(char_event)),
            Key::Paste(text) => out.push(Event::Paste(text.clone())),
            Key::Click(x, y) => {
                out.push(mouse(MouseEventKind::Down(MouseButton::Left), at(*x, *y)));
            }
            Key::Wheel(down, x, y) => {
                let kind = if *down {
                    MouseEventKind::ScrollDown
                } else {
                    MouseEventKind::ScrollUp
                };
                out.push(mouse(kind, at(*x, *y)));
            }
        }
    }
    out
}

fn char_event(c: char) -> Event {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    press(KeyCode::Char(c), modifiers)
}

/// The keys as a readable script, for failure messages.
fn script(keys: &[Key]) -> String {
    let mut out = String::new();
    for key in keys {
        let _ = match key {
            Key::Char(c) => write!(out, "{c}"),
            Key::Code(code) => write!(out, "<{code:?}>"),
            Key::Ctrl(c) => write!(out, "<c-{c}>"),
            Key::Type(text) => write!(out, "{text}"),
            Key::Paste(text) => write!(out, "<paste {text:?}>"),
            Key::Click(x, y) => write!(out, "<click {x}‰,{y}‰>"),
            Key::Wheel(down, x, y) => write!(
                out,
                "<wheel {} {x}‰,{y}‰>",
                if *down { "down" } else { "up" }
            ),
        };
    }
    out
}

// ---- running -----------------------------------------------------------------------------------

/// Points the cache, configuration and data folders into this process's own folder, once,
/// before anything reads them: the in-process commands cache every framework they load, and
/// must not fill the user's cache, read their configuration, or find their data. The folders of
/// earlier runs that have ended are removed.
fn isolate() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let runs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz_screens");
        for entry in std::fs::read_dir(&runs).into_iter().flatten().flatten() {
            let ended = !Path::new("/proc").join(entry.file_name()).exists();
            if ended {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let home = runs.join(std::process::id().to_string());
        std::fs::create_dir_all(&home).unwrap();
        // SAFETY: every test of this file calls `isolate` first, and `Once` makes the others
        // wait until it is done, so no thread of this process reads the environment meanwhile.
        unsafe {
            std::env::set_var("XDG_CACHE_HOME", home.join("cache"));
            std::env::set_var("XDG_CONFIG_HOME", home.join("config"));
            std::env::set_var("XDG_DATA_HOME", home.join("data"));
            std::env::remove_var("ROLEFIT_DATA_DIR");
            std::env::remove_var("VISUAL");
            std::env::remove_var("EDITOR");
        }
    });
}

/// The message of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Runs one step, turning a panic into a failure that names the step.
fn step<R>(what: &str, f: impl FnOnce() -> R) -> Result<R, TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        TestCaseError::fail(format!("PANIC in {what}: {}", panic_message(&*payload)))
    })
}

/// Stands in for the user's editor: gives back a fixed text.
struct Editor(String);

impl NoteEditor for Editor {
    fn edit(
        &mut self,
        _: &CompetencyId,
        _: &str,
    ) -> std::io::Result<Result<String, rolefit::app::EditorError>> {
        Ok(Ok(self.0.clone()))
    }
}

/// One run of the app as `rolefit --framework FW_PATH --file FILE` starts it: the events, the
/// size; the app at the end and the last frame.
fn session(
    file: &Path,
    fw: &Framework,
    fw_path: &Path,
    events: Vec<Event>,
    size: (u16, u16),
    look: Look,
) -> (App, String) {
    let resolved = Resolved {
        framework: fw.clone(),
        path: Some(fw_path.to_path_buf()),
    };
    let name = rolefit::storage::paths::stem(file);
    let Prepared { init, mut store } = match prepare_resolved(resolved, file, &name) {
        Ok(prepared) => prepared,
        Err(err) => panic!("the app does not start: {err}"),
    };
    let mut app = App::new(
        init.color(look.color)
            .background(look.background)
            .size(size),
    );
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let mut events = ScriptedEvents::new(events);
    runtime::run(
        &mut terminal,
        &mut app,
        &mut events,
        &mut store,
        &stop,
        &mut runtime::NoSuspend,
        &mut Editor("From the editor.\nSecond line".into()),
    )
    .expect("the loop ends without an error");
    let screen = headless::screen_text(terminal.backend());
    (app, screen)
}

fn shows_something(screen: &str) -> bool {
    screen.chars().any(|c| !c.is_whitespace())
}

/// Scripted events that, once used up, raise `stop` as a signal would (the team view's loop
/// otherwise waits for the next event inside a person's Results).
struct StopAtEnd {
    events: ScriptedEvents,
    stop: Arc<AtomicBool>,
}

impl EventSource for StopAtEnd {
    fn poll(&mut self, timeout: Duration) -> std::io::Result<Polled> {
        let polled = self.events.poll(timeout)?;
        if matches!(polled, Polled::Closed) {
            self.stop.store(true, Ordering::SeqCst);
        }
        Ok(polled)
    }
}

/// Runs `f` with the process's standard output going to a file, and returns what it wrote.
/// The commands write their reports straight to stdout, past the test harness's capture; the
/// harness itself writes through `std::io::stdout()`, whose lock is held meanwhile, so its own
/// lines wait and are never lost.
fn captured<R>(f: impl FnOnce() -> R) -> (std::thread::Result<R>, String) {
    use std::os::fd::AsRawFd;
    static SERIAL: Mutex<()> = Mutex::new(());
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let _ = lock.flush();
    let mut file = tempfile::tempfile().expect("a temporary file");
    // SAFETY: plain descriptor juggling on descriptors this function owns or 1 (stdout).
    let saved = unsafe { libc::dup(1) };
    assert!(saved >= 0, "dup(1) failed");
    unsafe { libc::dup2(file.as_raw_fd(), 1) };
    let result = catch_unwind(AssertUnwindSafe(f));
    let _ = lock.flush();
    unsafe {
        libc::dup2(saved, 1);
        libc::close(saved);
    }
    drop(lock);
    let mut out = String::new();
    let _ = file.rewind();
    let _ = file.read_to_string(&mut out);
    (result, out)
}

/// What one command did.
struct Outcome {
    ok: bool,
    stdout: String,
}

/// Runs `rolefit ARGS` in-process; a panic is a failure naming the command.
fn command(args: &[&str]) -> Result<Outcome, TestCaseError> {
    let line = args.join(" ");
    let mut full = vec!["rolefit"];
    full.extend_from_slice(args);
    let parsed = step(&format!("parsing `rolefit {line}`"), || {
        Cli::try_parse_from(&full)
    })?;
    let Ok(cli) = parsed else {
        return Ok(Outcome {
            ok: false,
            stdout: String::new(),
        });
    };
    let (result, stdout) = captured(|| rolefit::cli::run(cli));
    match result {
        Err(payload) => Err(TestCaseError::fail(format!(
            "PANIC in `rolefit {line}`: {}",
            panic_message(&*payload)
        ))),
        Ok(result) => Ok(Outcome {
            ok: matches!(result, Ok(code) if code == ExitCode::SUCCESS),
            stdout,
        }),
    }
}

// ---- the property --------------------------------------------------------------------------
#[derive(Clone, Debug)]
struct Case {
    framework: FwSpec,
    assessment: AsSpec,
    team: Vec<AsSpec>,
    color: bool,
    light: bool,
    /// Keys for the three sizes, in order.
    keys: [Vec<Key>; 3],
    /// Any other size, down to one cell (where the app says the terminal is too small), with
    /// its keys.
    other_size: ((u16, u16), Vec<Key>),
    team_keys: [Vec<Key>; 3],
    team_profile: Index,
    /// The reviewer's name, keys and size, then the person's keys and size once the review
    /// is imported.
    reviewer: String,
    review_keys: (Index, Vec<Key>),
    after_review_keys: (Index, Vec<Key>),
    /// Answers typed in plain mode, one per line.
    plain: Vec<PlainLine>,
    /// Inputs of the commands: a competency to show and to rate, a level to rate it at, a
    /// label and rounds to compare.
    show: Index,
    rate: (Index, RateArg),
    label: Option<String>,
    diff: (Option<&'static str>, Option<&'static str>),
    share_self: bool,
}

/// Colours or none, on a dark or a light background.
#[derive(Clone, Copy, Debug)]
struct Look {
    color: bool,
    background: Background,
}

impl Case {
    fn look(&self) -> Look {
        Look {
            color: self.color,
            background: if self.light {
                Background::Light
            } else {
                Background::Dark
            },
        }
    }
}

#[derive(Clone, Debug)]
enum RateArg {
    Level(Index),
    Word(&'static str),
}

#[derive(Clone, Debug)]
enum PlainLine {
    /// A level of the scale, by its value.
    Level(Index),
    Word(&'static str),
}

/// Keys, one by one and in gestures.
fn keys() -> impl Strategy<Value = Vec<Key>> {
    let one = || {
        prop_oneof![
            6 => key().prop_map(|k| vec![k]),
            1 => gesture(),
        ]
    };
    prop_oneof![
        3 => prop::collection::vec(one(), 0..35),
        1 => prop::collection::vec(one(), 35..100),
    ]
    .prop_map(|keys| keys.concat())
}

fn team_key() -> impl Strategy<Value = Key> {
    use KeyCode::*;
    prop_oneof![
        6 => prop::sample::select("jkhlstfgG?/".chars().collect::<Vec<_>>()).prop_map(Key::Char),
        4 => prop::sample::select(vec![Up, Down, Left, Right, PageUp, PageDown, Home, End])
            .prop_map(Key::Code),
        2 => Just(Key::Code(Enter)),
        2 => Just(Key::Code(Esc)),
        1 => Just(Key::Char('q')),
        2 => "[a-zA-Z0-9 ]{1,5}".prop_map(Key::Type),
        3 => key(),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let rate = prop_oneof![
        3 => any::<Index>().prop_map(RateArg::Level),
        1 => prop::sample::select(vec!["none", "na", "NA", "100", "-1", "abc", "6", "0", "99", ""])
            .prop_map(RateArg::Word),
    ];
    let round = || {
        prop::option::of(prop::sample::select(vec![
            "1", "2", "last", "now", "2025", "nope", "0",
        ]))
    };
    let plain = prop_oneof![
        3 => any::<Index>().prop_map(PlainLine::Level),
        2 => prop::sample::select(vec![
            "none", "n", "na", "s", "b", "e", "a note", "", "q", "x", "7", "10", "-", "  3  ",
        ])
        .prop_map(PlainLine::Word),
    ];
    (
        (
            framework_spec(),
            assessment_spec(),
            prop::collection::vec(assessment_spec(), 1..=3),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            keys(),
            keys(),
            keys(),
            prop_oneof![(1u16..60, 1u16..18), (1u16..=300, 1u16..=100)],
            keys(),
        ),
        (
            prop::collection::vec(team_key(), 0..25),
            prop::collection::vec(team_key(), 0..25),
            prop::collection::vec(team_key(), 0..25),
            any::<Index>(),
        ),
        (
            text(),
            (any::<Index>(), keys()),
            (any::<Index>(), keys()),
            prop::collection::vec(plain, 0..30),
        ),
        (
            any::<Index>(),
            (any::<Index>(), rate),
            prop::option::of(text()),
            (round(), round()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (framework, assessment, team, color, light),
                (k0, k1, k2, other, other_keys),
                (t0, t1, t2, team_profile),
                (reviewer, review_keys, after_review_keys, plain),
                (show, rate, label, diff, share_self),
            )| Case {
                framework,
                assessment,
                team,
                color,
                light,
                keys: [k0, k1, k2],
                other_size: (other, other_keys),
                team_keys: [t0, t1, t2],
                team_profile,
                reviewer,
                review_keys,
                after_review_keys,
                plain,
                show,
                rate,
                label,
                diff,
                share_self,
            },
        )
}

/// The files of one case, in a temporary folder.
struct Files {
    _dir: tempfile::TempDir,
    data: String,
    assessments: std::path::PathBuf,
    default: std::path::PathBuf,
    out: std::path::PathBuf,
    framework: std::path::PathBuf,
    /// The framework file's text, for failure messages.
    text: String,
}

impl Files {
    /// A temporary folder with the data and output folders and the framework `spec` stands for.
    fn new(spec: &FwSpec) -> Files {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let assessments = data.join("assessments");
        std::fs::create_dir_all(&assessments).unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let framework = dir.path().join("framework.toml");
        let text = render(spec);
        std::fs::write(&framework, &text).unwrap();
        Files {
            data: data.to_str().unwrap().to_string(),
            default: assessments.join("default.toml"),
            assessments,
            out,
            framework,
            text,
            _dir: dir,
        }
    }
    fn out(&self, name: &str) -> String {
        self.out.join(name).to_str().unwrap().to_string()
    }

    /// `rolefit --data-dir DATA --framework FRAMEWORK ARGS`, in-process.
    fn run(&self, args: &[&str]) -> Result<Outcome, TestCaseError> {
        let mut full = vec![
            "--data-dir",
            self.data.as_str(),
            "--framework",
            self.framework.to_str().unwrap(),
        ];
        full.extend_from_slice(args);
        command(&full)
    }

    /// `what`, followed by the framework, for a failure message.
    fn context(&self, what: &str) -> String {
        format!("{what}\n--- framework ---\n{}", self.text)
    }
}

/// One app session on `file`; a panic or an empty frame fails, naming the size and keys.
fn app_session(
    files: &Files,
    fw: &Framework,
    file: &Path,
    keys: &[Key],
    size: (u16, u16),
    look: Look,
    what: &str,
) -> Result<App, TestCaseError> {
    let what = files.context(&format!(
        "{what} at {}×{} with keys {:?}",
        size.0,
        size.1,
        script(keys)
    ));
    let (app, screen) = step(&what, || {
        session(file, fw, &files.framework, events(keys, size), size, look)
    })
    .map_err(|e| TestCaseError::fail(files.context(&e.to_string())))?;
    prop_assert!(shows_something(&screen), "{}: an empty frame", what);
    Ok(app)
}

/// Everything one case does; a panic anywhere is a failure naming where.
fn check(case: &Case) -> Result<(), TestCaseError> {
    isolate();
    let files = Files::new(&case.framework);
    let fw = load_framework(&files)?;
    save_assessments(case, &fw, &files);
    every_size_and_relaunch(case, &fw, &files)?;

    let (size, keys) = &case.other_size;
    app_session(
        &files,
        &fw,
        &files.default,
        keys,
        *size,
        case.look(),
        "the app",
    )?;

    commands(case, &fw, &files)?;
    reviews(case, &fw, &files)?;
    plain(case, &fw, &files)?;
    team(case, &fw, &files)?;
    changes(case, &fw, &files)
}

/// The generated framework, loaded; fails if refused or if its dump reads back otherwise.
fn load_framework(files: &Files) -> Result<Framework, TestCaseError> {
    // The generator makes valid frameworks only; one it does not is its own bug.
    let fw = match step("storage::framework::from_toml", || {
        rolefit::storage::framework::from_toml(&files.text)
    }) {
        Ok(Ok(fw)) => fw,
        Ok(Err(problems)) => {
            return Err(TestCaseError::fail(files.context(&format!(
                "the generated framework is refused: {problems:#?}"
            ))));
        }
        Err(e) => return Err(TestCaseError::fail(files.context(&e.to_string()))),
    };
    // Written as format 2, it reads back as the same framework.
    let dumped = step("storage::framework::dump", || {
        rolefit::storage::framework::dump(&fw)
    })?;
    match rolefit::storage::framework::from_toml(&dumped) {
        Ok(again) => prop_assert_eq!(
            &again,
            &fw,
            "{}",
            files.context(&format!("its dump reads back differently:\n{dumped}"))
        ),
        Err(problems) => {
            return Err(TestCaseError::fail(
                files.context(&format!("its dump is refused: {problems:#?}\n{dumped}")),
            ));
        }
    }
    Ok(fw)
}

/// Saves the case's own assessment as the default file and each team member's beside it.
fn save_assessments(case: &Case, fw: &Framework, files: &Files) {
    let main = build_assessment(fw, &files.framework, &case.assessment);
    rolefit::storage::save_assessment(&files.default, &main).unwrap();
    for (i, member) in case.team.iter().enumerate() {
        let a = build_assessment(fw, &files.framework, member);
        let path = files.assessments.join(format!("member-{i}.toml"));
        rolefit::storage::save_assessment(&path, &a).unwrap();
    }
}

/// The app at every size; each relaunch on what was saved opens where the run ended.
fn every_size_and_relaunch(
    case: &Case,
    fw: &Framework,
    files: &Files,
) -> Result<(), TestCaseError> {
    for (keys, &size) in case.keys.iter().zip(&SIZES) {
        let app = app_session(
            files,
            fw,
            &files.default,
            keys,
            size,
            case.look(),
            "the app",
        )?;
        let ended_on = app.screen();
        drop(app);
        let again = app_session(
            files,
            fw,
            &files.default,
            &[],
            size,
            case.look(),
            &format!("the relaunch after {:?}", script(keys)),
        )?;
        prop_assert_eq!(
            again.screen(),
            ended_on,
            "{}",
            files.context(&format!(
                "the relaunch at {size:?} after {:?} opens on another screen; the file:\n{}",
                script(keys),
                std::fs::read_to_string(&files.default).unwrap_or_default()
            ))
        );
    }
    Ok(())
}

/// The commands that change the assessment, last (rate, show, snapshot, diff), then the app.
fn changes(case: &Case, fw: &Framework, files: &Files) -> Result<(), TestCaseError> {
    let n = fw.competencies.len();
    let (c, level) = &case.rate;
    let c = c.index(n);
    let level = match level {
        RateArg::Level(i) => {
            let levels = fw.valid_levels(c);
            levels[i.index(levels.len())].value().to_string()
        }
        RateArg::Word(w) => (*w).to_string(),
    };
    files.run(&["rate", fw.competencies[c].id.as_str(), &level])?;
    files.run(&["show"])?;
    match &case.label {
        Some(label) => files.run(&["snapshot", "--label", label])?,
        None => files.run(&["snapshot"])?,
    };
    match case.diff {
        (None, _) => files.run(&["diff"])?,
        (Some(from), None) => files.run(&["diff", from])?,
        (Some(from), Some(to)) => files.run(&["diff", from, to])?,
    };
    let size = SIZES[case.after_review_keys.0.index(SIZES.len())];
    app_session(
        files,
        fw,
        &files.default,
        &[],
        size,
        case.look(),
        "the app after a rate, a snapshot and a diff",
    )?;
    Ok(())
}

/// The commands that only read: fails on a panic or a broken invariant.
fn commands(case: &Case, fw: &Framework, files: &Files) -> Result<(), TestCaseError> {
    let framework = files.framework.to_str().unwrap();
    let n = fw.competencies.len();
    let show_id = fw.competencies[case.show.index(n)].id.as_str().to_string();

    let checked = files.run(&["framework", "check", framework])?;
    prop_assert!(checked.ok, "framework check refuses a framework that loads");
    // The cache of validated frameworks, filled by that first load, gives it back whole.
    if let Some(cached) = rolefit::storage::framework_cache::load(&files.framework) {
        prop_assert_eq!(&cached, fw, "the cache gives back another framework");
    }
    files.run(&["framework", "dump", "--format", "2", framework])?;

    let shown = files.run(&["show"])?;
    if shown.ok {
        prop_assert!(!shown.stdout.trim().is_empty(), "show printed nothing");
    }
    files.run(&["show", &show_id])?;
    files.run(&["show", "NO.SUCH.ID"])?;
    files.run(&["list"])?;
    for format in ["markdown", "json", "csv"] {
        let printed = files.run(&["export", "--format", format])?;
        if printed.ok && format == "json" {
            let parsed = serde_json::from_str::<serde_json::Value>(&printed.stdout);
            prop_assert!(
                parsed.is_ok(),
                "export --format json is not JSON: {:?}",
                parsed.err()
            );
        }
        let file = files.out(&format!("report.{format}"));
        files.run(&["export", "--format", format, "-o", &file])?;
    }
    let team_dir = files.assessments.to_str().unwrap();
    let profile = fw.profiles[case.team_profile.index(fw.profiles.len())]
        .id
        .clone();
    for format in ["markdown", "csv", "json", "jsonl"] {
        let mut args = vec!["team", team_dir, "--format", format];
        if case.share_self {
            args.extend(["--profile", profile.as_str()]);
        }
        let printed = files.run(&args)?;
        if printed.ok && format == "json" {
            let parsed = serde_json::from_str::<serde_json::Value>(&printed.stdout);
            prop_assert!(
                parsed.is_ok(),
                "team --format json is not JSON: {:?}",
                parsed.err()
            );
        }
        if printed.ok && format == "jsonl" {
            for line in printed.stdout.lines().filter(|l| !l.trim().is_empty()) {
                let parsed = serde_json::from_str::<serde_json::Value>(line);
                prop_assert!(parsed.is_ok(), "a team JSONL line is not JSON: {}", line);
            }
        }
        let file = files.out(&format!("team.{format}"));
        files.run(&["team", team_dir, "--format", format, "-o", &file])?;
    }
    Ok(())
}

/// A second opinion: `review request`, the reviewer rating in the app (as `rolefit review
/// FILE` opens it), `review import`, and the person's app with the review beside.
fn reviews(case: &Case, fw: &Framework, files: &Files) -> Result<(), TestCaseError> {
    let review = files.out.join("review.toml");
    let file = review.to_str().unwrap();
    if case.share_self {
        files.run(&["review", "request", "-o", file, "--share-self"])?;
    } else {
        files.run(&["review", "request", "-o", file])?;
    }
    if let Ok(text) = std::fs::read_to_string(&review) {
        let parsed = step("review::parse", || rolefit::review::parse(&text, fw))?;
        let mut request = match parsed {
            Ok(request) => request,
            Err(err) => {
                return Err(TestCaseError::fail(files.context(&format!(
                    "the review request it wrote is refused: {err}\n{text}"
                ))));
            }
        };
        // The name as `rolefit review` takes it: no control characters, trimmed, not empty.
        let name: String = case.reviewer.chars().filter(|c| !c.is_control()).collect();
        let name = match name.trim() {
            "" => "Reviewer",
            name => name,
        };
        request.set_reviewer(name);
        // The reviewer has rated some already (as the first team member rated themself).
        for (id, entry) in entries(fw, &case.team[0].ratings) {
            request.assessment.set_rating(&id, entry.rating);
            request.assessment.set_note(&id, entry.note);
        }
        rolefit::storage::atomic::write_atomic(&review, request.to_toml().as_bytes()).unwrap();
        let (size, keys) = &case.review_keys;
        let size = SIZES[size.index(SIZES.len())];
        app_session(
            files,
            fw,
            &review,
            keys,
            size,
            case.look(),
            "the reviewer's app",
        )?;
    }
    files.run(&["review", "import", file])?;
    let (size, keys) = &case.after_review_keys;
    let size = SIZES[size.index(SIZES.len())];
    app_session(
        files,
        fw,
        &files.default,
        keys,
        size,
        case.look(),
        "the app after a review import",
    )?;
    files.run(&["show"])?;
    files.run(&["export", "--format", "markdown"])?;
    Ok(())
}

/// Plain mode (`rolefit --plain`) with typed answers.
fn plain(case: &Case, fw: &Framework, files: &Files) -> Result<(), TestCaseError> {
    let top = fw.scale.last().value();
    let assessment = match rolefit::storage::read_assessment_up_to(&files.default, "default", top) {
        rolefit::storage::ReadOutcome::Loaded(assessment) => assessment,
        other => {
            let text = std::fs::read_to_string(&files.default).unwrap_or_default();
            return Err(TestCaseError::fail(files.context(&format!(
                "the assessment the app saved cannot be read back: {other:?}\n--- assessment ---\n{text}"
            ))));
        }
    };
    let levels: Vec<Level> = fw.scale.values().collect();
    let input: String = case
        .plain
        .iter()
        .map(|line| match line {
            PlainLine::Level(i) => format!("{}\n", levels[i.index(levels.len())]),
            PlainLine::Word(w) => format!("{w}\n"),
        })
        .collect();
    let path = files.default.clone();
    let printed = step(
        &files.context(&format!("plain mode with the answers {input:?}")),
        || {
            let store = |a: &Assessment| rolefit::storage::save_assessment(&path, a);
            let mut session = rolefit::plain::Session::new(fw, assessment, store).echo(true);
            let mut out = Vec::new();
            session.run(input.as_bytes(), &mut out).map(|_| out)
        },
    )?;
    let printed = printed.map_err(|e| TestCaseError::fail(format!("plain mode failed: {e}")))?;
    prop_assert!(!printed.is_empty(), "plain mode printed nothing");
    Ok(())
}

/// The team view over everyone's files, at every size, with its own keys; Enter opens a
/// person's Results inside it.
fn team(case: &Case, fw: &Framework, files: &Files) -> Result<(), TestCaseError> {
    let found = rolefit::team::files_in(std::slice::from_ref(&files.assessments));
    let paths = found.map_err(|e| TestCaseError::fail(format!("no team files: {e:?}")))?;
    let mut view = step(&files.context("loading the team"), || {
        let team = rolefit::team::load(fw.clone(), &paths);
        let profile = case.team_profile.index(fw.profiles.len());
        rolefit::team::TeamView::new(team, profile).theme(case.color, case.look().background)
    })?;
    prop_assert!(
        !view.team().members.is_empty(),
        "{}",
        files.context("the team view reads nobody's file")
    );
    for (keys, &size) in case.team_keys.iter().zip(&SIZES) {
        let what = files.context(&format!(
            "the team view at {}×{} with keys {:?}",
            size.0,
            size.1,
            script(keys)
        ));
        let screen = step(&what, || {
            let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            let stop = Arc::new(AtomicBool::new(false));
            let mut source = StopAtEnd {
                events: ScriptedEvents::new(events(keys, size)),
                stop: Arc::clone(&stop),
            };
            rolefit::team::run::run(
                &mut terminal,
                &mut view,
                &mut source,
                &stop,
                &mut runtime::NoSuspend,
            )
            .unwrap();
            headless::screen_text(terminal.backend())
        })?;
        prop_assert!(shows_something(&screen), "{}: an empty frame", what);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_CASES),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// No panic on any screen, in the team view or in any command, for any valid framework
    /// and assessment.
    #[test]
    fn nothing_panics_on_any_framework(case in case()) {
        check(&case)?;
    }
}

/// No colours, dark background: what the regression tests draw with.
const PLAIN_LOOK: Look = Look {
    color: false,
    background: Background::Dark,
};

// ---- regressions ---------------------------------------------------------------------------
//
// Cases that found a panic, replayed as plain tests: the smallest framework, assessment and
// keys that showed it.

/// The SFIA example (a 1–7 scale with "none", no axis): Results with the Portfolio manager
/// targeted, then `rate POMG none` from the command line, then two relaunches. The gap table
/// was sorted with a table sized by the built-in 0–5 scale, which panicked at every start
/// once a competency was rated "none" (fixed in "The gap table sorts on any scale…").
#[test]
fn sfia_rated_none_reopens_on_results() {
    isolate();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fw_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/frameworks/examples/sfia9-change.toml");
    let fw = rolefit::storage::framework::from_toml(&std::fs::read_to_string(&fw_path).unwrap())
        .unwrap();
    let file = data.join("assessments").join("default.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let size = (100, 30);

    // Welcome skipped, three screens on to Results, quit; then `t` until the Portfolio manager
    // is the target (where the gaps start depends on the verdict), quitting each time.
    let keys = headless::keys("<esc><tab><tab><tab>q");
    let (mut app, mut screen) = session(&file, &fw, &fw_path, keys, size, PLAIN_LOOK);
    for _ in 0..fw.profiles.len() {
        if fw.profiles[app.target_profile()].id == "portfolio-manager" {
            break;
        }
        drop(app);
        (app, screen) = session(&file, &fw, &fw_path, headless::keys("tq"), size, PLAIN_LOOK);
    }
    assert_eq!(app.screen(), Screen::Results, "{screen}");
    assert_eq!(
        fw.profiles[app.target_profile()].id,
        "portfolio-manager",
        "{screen}"
    );
    drop(app);

    let rated = command(&[
        "--data-dir",
        data.to_str().unwrap(),
        "--framework",
        fw_path.to_str().unwrap(),
        "rate",
        "POMG",
        "none",
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(rated.ok, "rate POMG none is refused");

    for _ in 0..2 {
        let (app, screen) = session(&file, &fw, &fw_path, Vec::new(), size, PLAIN_LOOK);
        assert_eq!(app.screen(), Screen::Results, "{screen}");
        assert!(
            screen.lines().next().unwrap().contains("[Results]"),
            "{screen}"
        );
        assert_eq!(
            app.assessment().rating(&"POMG".into()),
            Some(Rating::Level(Level::NONE))
        );
        assert!(
            screen.contains("POMG"),
            "the gap table lists POMG:\n{screen}"
        );
    }
}
