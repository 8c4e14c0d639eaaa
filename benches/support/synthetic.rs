//! Synthetic frameworks of any size, for the benchmarks and the whole-process comparison.

/// Competencies per synthetic area.
const PER_AREA: usize = 50;

/// TOML text of a valid framework with `competencies` competencies: two roles, the six
/// profiles of the built-in framework (two main ones, four PMO flavours with adjustments),
/// areas of [`PER_AREA`] competencies, texts about as long as the built-in ones.
pub fn synthetic_framework(competencies: usize) -> String {
    let areas = competencies.div_ceil(PER_AREA);
    let mut out = String::with_capacity(competencies * 700);
    out.push_str(&format!(
        "format = 1\nid = \"synthetic-{competencies}\"\nversion = 1\n\
         name = \"Synthetic framework of {competencies} competencies\"\n\
         summary = \"Generated for benchmarks: two roles, six profiles, areas of {PER_AREA} competencies.\"\n\n\
         [scale]\nna = \"Not applicable: left out of every score.\"\n"
    ));
    push_scale(&mut out);
    push_roles(&mut out);
    push_profiles(&mut out, competencies);
    push_areas(&mut out, areas);
    push_competencies(&mut out, competencies);
    out
}

/// The id of competency `c`: its area and its place in it.
fn id(c: usize) -> String {
    format!("A{:03}C{:02}", c / PER_AREA, c % PER_AREA)
}

/// Appends the six levels of the scale, 0 to 5, each with a descriptor; 2 to 4 with a hint.
fn push_scale(out: &mut String) {
    let labels = [
        "Not yet",
        "Aware",
        "Guided",
        "Independent",
        "Advanced",
        "Expert",
    ];
    for (value, label) in labels.iter().enumerate() {
        out.push_str(&format!(
            "\n[[scale.levels]]\nvalue = {value}\nlabel = \"{label}\"\n\
             descriptor = \"What level {value} looks like in everyday work, in one sentence of ordinary length.\"\n"
        ));
        if (2..=4).contains(&value) {
            out.push_str("hint = \"normal work\"\n");
        }
    }
}

/// Appends the two roles, with texts about as long as the built-in ones.
fn push_roles(out: &mut String) {
    for (role, name, short) in [
        ("pm", "Project Manager", "PM"),
        ("pmo", "PMO Manager", "PMO"),
    ] {
        out.push_str(&format!(
            "\n[[roles]]\nid = \"{role}\"\nname = \"{name}\"\nshort = \"{short}\"\n\
             essence = \"One line on what the {name} is for, as long as the built-in one.\"\n\
             description = \"{}\"\nactivities = [{}]\n\
             horizon = \"Weeks to years, depending on the work.\"\n\
             scope = \"Tactical or strategic, depending on the organisation.\"\n\
             in_practice = \"{}\"\n",
            "A paragraph describing the role in several sentences. ".repeat(6),
            (1..=8)
                .map(|i| format!("\"Typical activity number {i} of the {short}\""))
                .collect::<Vec<_>>()
                .join(", "),
            "How the role blurs in practice, in a few sentences. ".repeat(4),
        ));
    }
}

/// Appends the two main profiles and the four PMO flavours, with adjustments spread over all.
fn push_profiles(out: &mut String, competencies: usize) {
    use std::fmt::Write;
    out.push_str(
        "\n[[profiles]]\nid = \"pm\"\nname = \"Project Manager\"\nshort = \"PM\"\nrole = \"pm\"\n\
         description = \"Targets for a Project Manager.\"\n\
         \n[[profiles]]\nid = \"pmo\"\nname = \"PMO Manager\"\nshort = \"PMO\"\nrole = \"pmo\"\n\
         description = \"Targets for a PMO Manager.\"\n",
    );
    let flavours = [
        ("portfolio-pmo", "Portfolio PMO", "Portfolio", 4),
        ("programme-pmo", "Programme PMO", "Programme", 7),
        ("delivery-pmo", "Delivery PMO", "Delivery", 14),
        ("coe", "Centre of Excellence", "CoE", 8),
    ];
    for (f, (pid, name, short, adjusted)) in flavours.into_iter().enumerate() {
        out.push_str(&format!(
            "\n[[profiles]]\nid = \"{pid}\"\nname = \"{name}\"\nshort = \"{short}\"\nrole = \"pmo\"\n\
             base = \"pmo\"\ndescription = \"A flavour of the PMO, described in two sentences. It moves a few targets.\"\n\
             reference = \"P3O\"\n[profiles.adjust]\n"
        ));
        // Spread the adjusted competencies over the framework.
        for k in 0..adjusted {
            let c = (f * 97 + k * competencies / adjusted) % competencies;
            writeln!(out, "{} = {}", id(c), (k + f) % 6).expect("write to a String");
        }
    }
}

/// Appends `areas` areas, each role's focus on them cycling through the weights.
fn push_areas(out: &mut String, areas: usize) {
    let weights = ["core", "light", "operational", "strategic", "none"];
    let focus_labels = [
        "Core",
        "Light",
        "Operational",
        "Strategic, multiple layers",
        "N/A",
    ];
    for a in 0..areas {
        out.push_str(&format!(
            "\n[[areas]]\nid = \"A{a:03}\"\nname = \"Area number {a} of the framework\"\n\
             contrast = \"How the two roles differ in this area, in one line.\"\n"
        ));
        for (r, role) in ["pm", "pmo"].into_iter().enumerate() {
            let w = (a + 3 * r) % weights.len();
            out.push_str(&format!(
                "[areas.focus.{role}]\nlabel = \"{}\"\nweight = \"{}\"\n\
                 meaning = \"What the area means in this role's daily work, in a sentence or two of text.\"\n",
                focus_labels[w], weights[w]
            ));
        }
    }
}

/// Appends `competencies` competencies, with practice texts and targets for both roles.
fn push_competencies(out: &mut String, competencies: usize) {
    for c in 0..competencies {
        out.push_str(&format!(
            "\n[[competencies]]\nid = \"{}\"\narea = \"A{:03}\"\nname = \"Competency {c}: a name of ordinary length\"\n\
             description = \"What this competency covers, in a sentence long enough to wrap once or twice on a narrow screen.\"\n\
             refs = [\"Framework reference #{}\", \"Another framework: section {}\"]\n\
             [competencies.practice]\n\
             pm = \"What it looks like in a Project Manager's practice, in a sentence of about the built-in length.\"\n\
             pmo = \"What it looks like in a PMO Manager's practice, in a sentence of about the built-in length.\"\n\
             [competencies.targets]\npm = {}\npmo = {}\n",
            id(c),
            c / PER_AREA,
            c % 40,
            c % 17,
            1 + c % 5,
            1 + (c * 7 + 3) % 5,
        ));
    }
}
