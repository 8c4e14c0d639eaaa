#!/usr/bin/env python3
"""Writes the example frameworks in assets/frameworks/examples/ (rolefit framework format 2).

Run from the repository root:  python3 scripts/convert_examples.py
Then check them:               cargo run -- framework check assets/frameworks/examples/*.toml

Each example takes only facts from a public framework -- its structure, its identifiers and
the levels at which each item is defined -- and says everything else in our own words. No
text of the sources is reproduced: names are short descriptive titles of our own, the
one-line summaries are ours, and the profiles are our own illustrations of how a framework of
that shape is used. Check the identifiers and level ranges against the source before relying
on them.

1. sfia9-change.toml: the structure of SFIA 9 (Skills Framework for the Information Age,
   https://sfia-online.org), category "Change and transformation" and two subcategories of
   "Strategy and architecture": skill codes, the subcategory each belongs to, and the levels
   (of SFIA's 1-7) at which each skill is defined. SFIA is (c) SFIA Foundation; its skill and
   level descriptions are licensed by the Foundation and are not reproduced here. SFIA has no
   roles, so the file has none and no axis: Results ranks readiness for each profile.

2. ecf4-ict.toml: the structure of the European e-Competence Framework 4.0 (EN 16234-1,
   https://itprofessionalism.org): its five areas (Plan, Build, Run, Enable, Manage), the
   competence identifiers and the proficiency levels e-1 to e-5 at which each competence is
   defined. The standard's text is (c) CEN and is not reproduced. Three roles with grades,
   in the style of the European ICT profiles (CWA 16458), are our own illustration.

3. engineering-ladders.toml: the structure of Engineering Ladders (Jorge Fioranelli,
   https://www.engineeringladders.com, Apache License 2.0): its four ladders (Developer D1-D7,
   Tech Lead TL4-TL7, Technical Program Manager TPM4-TPM7, Engineering Manager EM5-EM7), its
   five axes, each with five levels, and the level each position expects on each axis (read
   from the positions' pages). Each position is based on the one below it in its ladder, as
   a ladder is naturally written (D1 -> D2 -> ... -> D7), and the axis of the lean is Tech
   Lead against Engineering Manager, the comparison the source makes itself. The words for
   the axes' levels and every description are our own.
"""

from __future__ import annotations

import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "assets" / "frameworks" / "examples"


def q(text: str) -> str:
    """A TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


# ---- SFIA 9: codes, levels and subcategories (facts); names and summaries are our own ----

SFIA_GROUPS = [
    ("CT", "Change and transformation", None),
    ("CT.IMP", "Putting change in place", "CT"),
    ("CT.ANA", "Understanding the change", "CT"),
    ("SA", "Strategy and architecture", None),
    ("SA.FIN", "Money and value", "SA"),
    ("SA.GRC", "Governance, risk and compliance", "SA"),
]

# (code, subcategory, own short name, own one-line summary, levels at which it is defined)
SFIA_SKILLS = [
    ("POMG", "CT.IMP", "Portfolio management", "Chooses and balances the set of change initiatives an organisation invests in.", [5, 6, 7]),
    ("PGMG", "CT.IMP", "Programme management", "Steers related projects towards shared outcomes and benefits.", [6, 7]),
    ("PRMG", "CT.IMP", "Project management", "Plans, leads and controls a project to deliver what was agreed.", [4, 5, 6, 7]),
    ("PROF", "CT.IMP", "Delivery support office", "Runs the planning, tracking and reporting services that projects rely on.", [2, 3, 4, 5, 6]),
    ("DEMG", "CT.IMP", "Delivery management", "Keeps a team's flow of work moving and its delivery predictable.", [3, 4, 5, 6]),
    ("BUSA", "CT.ANA", "Situation analysis", "Works out what is really happening in a business area and why.", [2, 3, 4, 5, 6]),
    ("FEAS", "CT.ANA", "Feasibility", "Tests whether an idea can work before money is committed.", [2, 3, 4, 5, 6]),
    ("REQM", "CT.ANA", "Requirements", "Finds, records and manages what a change has to achieve.", [2, 3, 4, 5, 6]),
    ("BSMO", "CT.ANA", "Business modelling", "Draws how a business works so it can be understood and changed.", [2, 3, 4, 5, 6]),
    ("BPTS", "CT.ANA", "Acceptance testing", "Checks with users that a change does what they need.", [2, 3, 4, 5, 6]),
    ("FMIT", "SA.FIN", "Financial management", "Keeps the money of a technology function planned and under control.", [4, 5, 6]),
    ("INVA", "SA.FIN", "Investment appraisal", "Weighs the costs, benefits and risks of a proposed investment.", [4, 5, 6]),
    ("BENM", "SA.FIN", "Benefits management", "Makes sure the promised benefits of a change are tracked and realised.", [3, 4, 5, 6]),
    ("BUDF", "SA.FIN", "Budgets and forecasts", "Builds budgets and keeps forecasts honest as work goes on.", [2, 3, 4, 5, 6]),
    ("FIAN", "SA.FIN", "Financial analysis", "Reads financial figures to inform decisions.", [2, 3, 4, 5, 6]),
    ("COMG", "SA.FIN", "Cost management", "Understands and controls what things cost.", [2, 3, 4, 5, 6]),
    ("DEMM", "SA.FIN", "Demand management", "Shapes and prioritises what the organisation asks for.", [4, 5, 6]),
    ("MEAS", "SA.FIN", "Measurement", "Defines and collects measures that show how work is going.", [2, 3, 4, 5, 6]),
    ("GOVN", "SA.GRC", "Governance", "Sets how decisions are made and who is accountable for them.", [6, 7]),
    ("BURM", "SA.GRC", "Risk management", "Finds, weighs and treats the risks to objectives.", [2, 3, 4, 5, 6, 7]),
    ("AUDT", "SA.GRC", "Audit", "Independently checks that controls work as intended.", [2, 3, 4, 5, 6, 7]),
    ("QUMG", "SA.GRC", "Quality management", "Sets up the way an organisation makes quality dependable.", [2, 3, 4, 5, 6, 7]),
    ("QUAS", "SA.GRC", "Quality assurance", "Checks that work follows the agreed quality standards.", [2, 3, 4, 5, 6]),
]

# Our own wording for SFIA's seven levels of responsibility.
SFIA_LEVELS = [
    (1, "Follows", "Works on routine tasks under close direction."),
    (2, "Helps", "Does a range of tasks under routine direction, using some discretion."),
    (3, "Applies", "Works on varied tasks under general direction and plans own work."),
    (4, "Enables", "Works with broad direction, guides others and owns the outcome of a work area."),
    (5, "Assures", "Accountable for a significant area; advises and sets objectives for others."),
    (6, "Initiates", "Shapes work across the organisation and influences its direction."),
    (7, "Sets direction", "Sets strategy at the highest level and mobilises the organisation."),
]

# Our own illustrative profiles: which skills each asks for, at which level.
SFIA_PROFILES = [
    ("project-manager", "Project manager", "Project manager", {"PRMG": 5, "BURM": 4, "REQM": 4, "BUDF": 4, "BENM": 4, "BPTS": 3, "MEAS": 3}),
    ("pmo-lead", "Delivery office lead", "PMO lead", {"PROF": 5, "MEAS": 5, "QUAS": 4, "BURM": 4, "BUDF": 4, "PRMG": 4, "GOVN": 6}),
    ("programme-manager", "Programme manager", "Programme mgr", {"PGMG": 6, "BENM": 5, "BURM": 5, "INVA": 5, "PRMG": 6, "FMIT": 5}),
    ("portfolio-manager", "Portfolio manager", "Portfolio mgr", {"POMG": 6, "DEMM": 5, "INVA": 5, "BENM": 5, "GOVN": 6, "FMIT": 5}),
    ("business-analyst", "Business analyst", "Analyst", {"BUSA": 4, "REQM": 4, "BSMO": 4, "FEAS": 3, "BPTS": 3}),
]


def sfia() -> str:
    lines = [
        "# Generated by scripts/convert_examples.py: edit the script, not this file.",
        "# Structure, skill codes and defined levels follow SFIA 9 (https://sfia-online.org,",
        "# (c) SFIA Foundation); every name and description here is our own summary. The",
        "# profiles are our own illustration, not part of SFIA.",
        "format = 2",
        'id = "sfia9-change"',
        "version = 1",
        'name = "SFIA 9 structure: change, finance and governance skills"',
        'summary = "Skills from two SFIA 9 categories, each at the levels the reference defines it; rate yourself 1 to 7, or none."',
        "",
        "[axis]",
        "roles = []",
        "",
        "[scale]",
        'na = "Not part of my work: left out of every score."',
    ]
    for value, label, descriptor in SFIA_LEVELS:
        lines += ["", "[[scale.levels]]", f"value = {value}", f"label = {q(label)}", f"descriptor = {q(descriptor)}"]
    for pid, name, short, targets in SFIA_PROFILES:
        lines += ["", "[[profiles]]", f"id = {q(pid)}", f"name = {q(name)}", f"short = {q(short)}"]
        lines.append(f"description = {q('Our own illustration: ' + ', '.join(sorted(targets)) + '.')}")
    for gid, name, parent in SFIA_GROUPS:
        lines += ["", "[[areas]]", f"id = {q(gid)}", f"name = {q(name)}"]
        if parent:
            lines.append(f"parent = {q(parent)}")
    for code, area, name, summary, levels in SFIA_SKILLS:
        lines += [
            "",
            "[[competencies]]",
            f"id = {q(code)}",
            f"area = {q(area)}",
            f"name = {q(name)}",
            f"description = {q(summary)}",
            f"valid = [{', '.join(map(str, levels))}]",
        ]
        wanted = [(pid, t[code]) for pid, _, _, t in SFIA_PROFILES if code in t]
        if wanted:
            lines.append("[competencies.targets]")
            lines += [f"{q(pid)} = {level}" for pid, level in wanted]
    return "\n".join(lines) + "\n"


# ---- e-CF 4.0: areas, competence ids and defined levels (facts); the rest is our own ----

ECF_AREAS = [
    ("A", "Plan"),
    ("B", "Build"),
    ("C", "Run"),
    ("D", "Enable"),
    ("E", "Manage"),
]

# (id, own short name, own summary, first and last e-level at which it is defined)
ECF_COMPETENCES = [
    ("A.1", "Strategy alignment", "Keeps information systems and business strategy pointing the same way.", 4, 5),
    ("A.2", "Service levels", "Agrees and watches the levels of service that are promised.", 2, 4),
    ("A.3", "Business plans", "Writes the plan that shows how a product or service makes sense.", 3, 5),
    ("A.4", "Product planning", "Plans a product or service and its roadmap.", 2, 4),
    ("A.5", "Architecture", "Designs the overall structure of systems and how they fit together.", 3, 5),
    ("A.6", "Application design", "Shapes an application so it meets its needs.", 1, 3),
    ("A.7", "Technology watch", "Follows new technology and what it could mean.", 4, 5),
    ("A.8", "Sustainability", "Weighs the environmental impact of technology choices.", 2, 4),
    ("A.9", "Innovation", "Turns new ideas into workable solutions.", 3, 5),
    ("B.1", "Development", "Builds and changes software.", 1, 3),
    ("B.2", "Integration", "Puts components together into a working whole.", 2, 4),
    ("B.3", "Testing", "Plans and runs tests and reports what they show.", 1, 4),
    ("B.4", "Deployment", "Installs and releases solutions into use.", 1, 3),
    ("B.5", "Documentation", "Writes the documents people need to use and run systems.", 1, 3),
    ("B.6", "Systems engineering", "Engineers complete systems across their life.", 2, 5),
    ("C.1", "User support", "Helps users with problems and requests.", 1, 3),
    ("C.2", "Change support", "Carries out changes to running systems safely.", 2, 3),
    ("C.3", "Service delivery", "Keeps services running as agreed.", 1, 3),
    ("C.4", "Problem management", "Finds and removes the root causes of incidents.", 2, 4),
    ("D.1", "Security strategy", "Sets the organisation's approach to information security.", 4, 5),
    ("D.2", "Quality strategy", "Sets the organisation's approach to quality in technology.", 4, 5),
    ("D.3", "Education and training", "Designs and delivers learning.", 2, 3),
    ("D.4", "Purchasing", "Buys products and services well.", 2, 4),
    ("D.5", "Sales proposals", "Prepares offers that answer a customer's need.", 3, 4),
    ("D.6", "Channel management", "Works through partners and resellers.", 3, 5),
    ("D.7", "Sales management", "Leads the selling of products and services.", 4, 5),
    ("D.8", "Contract management", "Runs contracts so both sides keep their promises.", 2, 4),
    ("D.9", "People development", "Grows the skills of the people in a team.", 2, 4),
    ("D.10", "Knowledge management", "Makes information and know-how easy to find and use.", 3, 5),
    ("D.11", "Needs identification", "Finds out what users and customers really need.", 3, 5),
    ("D.12", "Digital marketing", "Reaches customers through digital channels.", 2, 4),
    ("E.1", "Forecasting", "Forecasts demand and the skills that will be needed.", 3, 4),
    ("E.2", "Project and portfolio", "Plans and steers projects and the portfolio they form.", 2, 5),
    ("E.3", "Risk management", "Finds and treats risks to systems and projects.", 2, 4),
    ("E.4", "Relationship management", "Builds lasting working relationships with stakeholders.", 3, 4),
    ("E.5", "Process improvement", "Measures and improves the way work is done.", 3, 4),
    ("E.6", "Quality management", "Makes quality part of how technology work is done.", 2, 4),
    ("E.7", "Business change", "Helps people and organisations through change.", 3, 5),
    ("E.8", "Security management", "Runs the day-to-day protection of information.", 2, 4),
    ("E.9", "IS governance", "Sets how information systems are directed and held to account.", 4, 5),
]

ECF_LEVELS = [
    (1, "e-1 Associate", "Applies knowledge and skills to solve straightforward problems."),
    (2, "e-2 Professional", "Works independently on defined problems within a known context."),
    (3, "e-3 Senior", "Takes responsibility for results in unfamiliar situations."),
    (4, "e-4 Lead", "Leads in a broad context, with wide responsibility for others' work."),
    (5, "e-5 Principal", "Accountable for strategy and direction across the organisation."),
]

# Our own roles and graded profiles in the style of the European ICT profiles.
ECF_ROLES = [
    ("delivery", "Project delivery", "Delivery"),
    ("service", "Service management", "Service"),
    ("engineering", "Engineering", "Engineering"),
]

ECF_PROFILES = [
    ("project-manager", "Project manager", "Project mgr", "delivery", 3, None, {"E.2": 4, "E.3": 3, "E.4": 3, "D.8": 3, "A.4": 3, "E.7": 3}),
    ("senior-project-manager", "Senior project manager", "Senior PM", "delivery", 4, "project-manager", {"E.2": 5, "E.7": 4, "A.3": 4, "D.8": "none"}),
    ("service-manager", "Service manager", "Service mgr", "service", 3, None, {"A.2": 4, "C.3": 3, "C.4": 4, "E.6": 3, "E.3": 3, "D.8": 3}),
    ("developer", "Developer", "Developer", "engineering", 2, None, {"B.1": 3, "B.3": 2, "B.2": 2, "A.6": 2, "B.5": 2}),
    ("senior-developer", "Senior developer", "Senior dev", "engineering", 3, "developer", {"B.2": 3, "B.3": 3, "A.5": 3, "B.6": 3}),
]


def ecf() -> str:
    lines = [
        "# Generated by scripts/convert_examples.py: edit the script, not this file.",
        "# Areas, competence identifiers and defined levels follow the e-CF 4.0 (EN 16234-1,",
        "# (c) CEN); names and descriptions are our own summaries, and the roles and profiles",
        "# are our own illustration in the style of the European ICT profiles.",
        "format = 2",
        'id = "ecf4-ict"',
        "version = 1",
        'name = "e-CF 4.0 structure: three ICT roles"',
        'summary = "The competences of the five e-CF areas, each at the proficiency levels the reference defines it."',
        "",
        "[scale]",
        'na = "Not part of my work: left out of every score."',
    ]
    for value, label, descriptor in ECF_LEVELS:
        lines += ["", "[[scale.levels]]", f"value = {value}", f"label = {q(label)}", f"descriptor = {q(descriptor)}"]
    for rid, name, short in ECF_ROLES:
        lines += ["", "[[roles]]", f"id = {q(rid)}", f"name = {q(name)}", f"short = {q(short)}"]
    lines += ["", "[axis]", 'roles = ["delivery", "service"]']
    for pid, name, short, role, grade, base, targets in ECF_PROFILES:
        lines += ["", "[[profiles]]", f"id = {q(pid)}", f"name = {q(name)}", f"short = {q(short)}", f"role = {q(role)}", f"grade = {grade}"]
        if base:
            lines.append(f"base = {q(base)}")
            lines.append("[profiles.adjust]")
            for cid, level in targets.items():
                value = q(level) if isinstance(level, str) else str(level)
                lines.append(f"{q(cid)} = {value}")
    for aid, name in ECF_AREAS:
        lines += ["", "[[areas]]", f"id = {q(aid)}", f"name = {q(name)}"]
    for cid, name, summary, low, high in ECF_COMPETENCES:
        lines += [
            "",
            "[[competencies]]",
            f"id = {q(cid)}",
            f"area = {q(cid.split('.')[0])}",
            f"name = {q(name)}",
            f"description = {q(summary)}",
            f"valid = [{', '.join(str(v) for v in range(low, high + 1))}]",
        ]
        wanted = [(pid, t[cid]) for pid, _, _, _, _, base, t in ECF_PROFILES if base is None and cid in t]
        if wanted:
            lines.append("[competencies.targets]")
            lines += [f"{q(pid)} = {level}" for pid, level in wanted]
    return "\n".join(lines) + "\n"


# ---- Engineering Ladders: ladders, axes and the level per position (facts); words our own ----

# The five axes, in our own words: (id, area, name, summary, what each of levels 1-5 looks like)
LADDER_AXES = [
    ("TECH", "CRAFT", "Technology", "How far your command of the tools and the stack reaches.", [
        "Picks up the tools and languages the team has chosen and uses them well.",
        "Is the person others ask about at least one technology, and learns new ones unprompted.",
        "Tries new technologies in small prototypes and brings the good ones to the team.",
        "Knows the whole stack of the system in depth, down to its trade-offs.",
        "Builds technology that other teams, inside or outside, come to rely on.",
    ]),
    ("SYS", "CRAFT", "System", "How much of the system you own, from features to its reliability.", [
        "Ships features and fixes that make the system do more.",
        "Designs and builds sizeable features, paying down technical debt on the way.",
        "Runs the system in production: watches it, and knows what it has promised.",
        "Reshapes the architecture for what is coming, and sets what the system promises.",
        "Sets the bar for the system's engineering and plans how to keep outages away.",
    ]),
    ("PEOPLE", "TEAM", "People", "How you work with and for the people around you.", [
        "Learns fast from others and steps in when the team needs it.",
        "Helps teammates on their own initiative so they succeed.",
        "Coaches others so they grow faster, and draws them into the work.",
        "Organises the team's work between people, gives feedback and runs discussions.",
        "Looks after each person's growth, expectations, performance and wellbeing.",
    ]),
    ("PROCESS", "TEAM", "Process", "How you take part in the way the team works.", [
        "Works the team's way and keeps a steady flow of changes reaching production.",
        "Holds the team to its way of working and explains why it is worth it.",
        "Questions the way of working and looks for better ones.",
        "Changes the way of working from feedback and guides the team through the change.",
        "Chooses the way of working that suits the team's maturity, between speed and care.",
    ]),
    ("INFLUENCE", "REACH", "Influence", "How wide the difference you make reaches.", [
        "Makes a difference to a part of the system.",
        "Makes a difference to the whole team.",
        "Makes a difference beyond the team, to other teams.",
        "Makes a difference across the engineering organisation.",
        "Makes a difference to the wider engineering community.",
    ]),
]

LADDER_AREAS = [
    ("CRAFT", "Craft"),
    ("TEAM", "Team"),
    ("REACH", "Reach"),
]

LADDER_SCALE = [
    (1, "First step", "The first step on this axis."),
    (2, "Growing", "Beyond the first step: more on your own initiative."),
    (3, "Broad", "Shaping things for the team, not only for yourself."),
    (4, "Deep", "Trusted to set the direction on this axis."),
    (5, "Widest", "The furthest this axis goes."),
]

LADDER_ROLES = [
    ("developer", "Developer", "Developer", "Builds software; the path of deep technical expertise."),
    ("tech-lead", "Tech Lead", "Tech Lead", "Owns a system, balancing hands-on building, architecture and running it."),
    ("tpm", "Technical Program Manager", "TPM", "Coordinates work that spans several teams and sees it through."),
    ("manager", "Engineering Manager", "Eng. Manager", "Looks after a team's delivery, growth and wellbeing."),
]

# Each position's level on (TECH, SYS, PEOPLE, PROCESS, INFLUENCE), from the source's pages.
LADDER_POSITIONS = [
    ("developer", "D", "Developer", [(1, [1, 1, 1, 1, 1]), (2, [1, 2, 2, 2, 1]), (3, [2, 2, 2, 3, 2]), (4, [3, 3, 3, 3, 2]), (5, [4, 4, 3, 4, 3]), (6, [5, 5, 3, 4, 4]), (7, [5, 5, 3, 4, 5])]),
    ("tech-lead", "TL", "Tech Lead", [(4, [2, 3, 4, 4, 1]), (5, [3, 4, 4, 5, 2]), (6, [4, 5, 4, 5, 3]), (7, [4, 5, 4, 5, 4])]),
    ("tpm", "TPM", "Technical Program Manager", [(4, [2, 2, 4, 4, 3]), (5, [2, 2, 4, 5, 3]), (6, [2, 3, 5, 5, 4]), (7, [2, 4, 5, 5, 5])]),
    ("manager", "EM", "Engineering Manager", [(5, [3, 3, 5, 4, 2]), (6, [3, 4, 5, 5, 2]), (7, [3, 4, 5, 5, 3])]),
]


def ladders() -> str:
    lines = [
        "# Generated by scripts/convert_examples.py: edit the script, not this file.",
        "# Ladders, axes, positions and each position's level per axis follow Engineering Ladders",
        "# (https://www.engineeringladders.com, Apache License 2.0); every description is our own",
        "# wording. Each position is based on the one below it in its ladder.",
        "format = 2",
        'id = "engineering-ladders"',
        "version = 1",
        'name = "Engineering Ladders structure: four ladders on five axes"',
        'summary = "Developer, Tech Lead, Technical Program Manager and Engineering Manager positions, each expecting a level from 1 to 5 on five axes."',
        "",
        "[scale]",
        'na = "Not part of my work: left out of every score."',
    ]
    for value, label, descriptor in LADDER_SCALE:
        lines += ["", "[[scale.levels]]", f"value = {value}", f"label = {q(label)}", f"descriptor = {q(descriptor)}"]
    for rid, name, short, essence in LADDER_ROLES:
        lines += ["", "[[roles]]", f"id = {q(rid)}", f"name = {q(name)}", f"short = {q(short)}", f"essence = {q(essence)}"]
    lines += ["", "[axis]", 'roles = ["tech-lead", "manager"]']
    mains = {}
    for rid, prefix, title, positions in LADDER_POSITIONS:
        previous = None
        for grade, levels in positions:
            pid = f"{prefix}{grade}"
            lines += [
                "",
                "[[profiles]]",
                f"id = {q(pid)}",
                f"name = {q(f'{title} {grade}')}",
                f"short = {q(pid)}",
                f"role = {q(rid)}",
                f"grade = {grade}",
            ]
            if previous is None:
                mains[pid] = levels
            else:
                lines.append(f"base = {q(previous[0])}")
                changed = [(axis[0], new) for axis, old, new in zip(LADDER_AXES, previous[1], levels) if old != new]
                if changed:
                    lines.append("[profiles.adjust]")
                    lines += [f"{q(cid)} = {level}" for cid, level in changed]
            previous = (pid, levels)
    for aid, name in LADDER_AREAS:
        lines += ["", "[[areas]]", f"id = {q(aid)}", f"name = {q(name)}"]
    for i, (cid, area, name, summary, texts) in enumerate(LADDER_AXES):
        lines += [
            "",
            "[[competencies]]",
            f"id = {q(cid)}",
            f"area = {q(area)}",
            f"name = {q(name)}",
            f"description = {q(summary)}",
            "[competencies.levels]",
        ]
        lines += [f"{level} = {q(text)}" for level, text in enumerate(texts, start=1)]
        lines.append("[competencies.targets]")
        lines += [f"{q(pid)} = {levels[i]}" for pid, levels in mains.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sfia9-change.toml").write_text(sfia(), encoding="utf-8")
    (OUT / "ecf4-ict.toml").write_text(ecf(), encoding="utf-8")
    (OUT / "engineering-ladders.toml").write_text(ladders(), encoding="utf-8")


if __name__ == "__main__":
    main()
