//! The command line's shape: the clap types and the parsers of their values.
//! One file because it is the whole clap tree: each command's arguments, help texts and value parsers read top to bottom as `rolefit --help` shows them.

use std::path::PathBuf;

use clap::builder::{PathBufValueParser, TypedValueParser};
use clap::{Parser, Subcommand};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};

use super::complete;

use crate::storage::{self, paths};

/// Am I a Project Manager, a PMO Manager, or both? A self-assessment in your terminal.
#[derive(Debug, Parser)]
#[command(
    name = "rolefit",
    version,
    about,
    long_about = LONG_ABOUT,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Which saved assessment to open: its name, or a person's name ("Sam Taylor" is the file
    /// sam-taylor.toml, and a new assessment takes it as the person's name)
    #[arg(
        short,
        long,
        value_name = "NAME",
        default_value = "default",
        global = true,
        value_parser = assessment_name,
        add = ArgValueCandidates::new(complete::assessments)
    )]
    pub assessment: String,

    /// Use this assessment file instead of one in the data directory
    #[arg(
        long,
        value_name = "PATH",
        global = true,
        conflicts_with = "assessment",
        value_parser = PathBufValueParser::new().try_map(assessment_file)
    )]
    pub file: Option<PathBuf>,

    /// Data directory [env: ROLEFIT_DATA_DIR]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Use a framework file instead of the built-in one
    #[arg(long, value_name = "PATH", global = true, add = ArgValueCompleter::new(complete::framework_files()))]
    pub framework: Option<PathBuf>,

    /// Ask one competency at a time on ordinary lines, for screen readers and simple
    /// terminals; reads piped answers too (also chosen when ACCESSIBLE=1 or TERM=dumb)
    #[arg(long)]
    pub plain: bool,
    /// Colours for a dark or a light terminal background; auto asks the terminal
    /// [env: ROLEFIT_THEME] [default: auto]
    #[arg(long, value_name = "THEME", global = true, value_enum)]
    pub theme: Option<ThemeSetting>,
    /// Leave the mouse to the terminal (for selecting text), whatever the configuration says
    #[arg(long)]
    pub no_mouse: bool,
}

/// The global options each subcommand leaves out of its help, its completions and the manual
/// page, because they mean nothing there (F-D17): the team view reads the files it is given,
/// `completions` and `man` print text, `paths`, `list` and `config` look at folders, and the
/// framework commands at a framework file. They are still accepted there (and ignored), so a
/// command line that worked goes on working.
const NOT_FOR: &[(&str, &[&str])] = &[
    ("team", &["assessment", "file"]),
    (
        "completions",
        &["assessment", "file", "data_dir", "framework", "theme"],
    ),
    (
        "man",
        &["assessment", "file", "data_dir", "framework", "theme"],
    ),
    ("paths", &["assessment", "file", "framework", "theme"]),
    ("list", &["assessment", "file", "theme"]),
    ("config", &["assessment", "file", "framework", "theme"]),
    ("framework", &["assessment", "file", "data_dir", "theme"]),
    ("export", &["theme"]),
    ("snapshot", &["theme"]),
    ("rate", &["theme"]),
    ("plan", &["theme"]),
    ("show", &["theme"]),
    ("set", &["theme"]),
    ("diff", &["theme"]),
];

impl Cli {
    /// The command line as parsed, helped, completed and documented: [`Cli`]'s, where each
    /// subcommand shows only the global options that mean something there (see [`NOT_FOR`]).
    pub fn command_line() -> clap::Command {
        use clap::CommandFactory;
        let mut cmd = Cli::command();
        let globals: Vec<clap::Arg> = cmd.get_arguments().cloned().collect();
        for (name, ids) in NOT_FOR {
            let stand_ins: Vec<clap::Arg> = globals
                .iter()
                .filter(|a| ids.contains(&a.get_id().as_str()))
                .map(|a| a.clone().global(false).hide(true))
                .collect();
            cmd = cmd.mut_subcommand(*name, |sub| with_stand_ins(sub, &stand_ins));
        }
        cmd
    }
}

/// `cmd` and every subcommand under it given hidden copies of global options: clap copies a
/// global option only into subcommands without one of the same id, so the copy takes the
/// value as the global one would and stays out of the help, the completions and the manual.
fn with_stand_ins(mut cmd: clap::Command, stand_ins: &[clap::Arg]) -> clap::Command {
    for arg in stand_ins {
        // A subcommand's own option of that id (framework check's FILE) needs no stand-in:
        // the global one is not copied into it either.
        if !cmd.get_arguments().any(|a| a.get_id() == arg.get_id()) {
            cmd = cmd.arg(arg.clone());
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| with_stand_ins(s, stand_ins));
    }
    cmd
}

/// What rolefit is, for `--help` and the manual page's DESCRIPTION.
const LONG_ABOUT: &str = "\
Am I a Project Manager, a PMO Manager, or both? rolefit compares the two roles area by area,
lets you rate yourself competency by competency, and shows which role's shape your strengths
follow, how ready you are for each profile and where your gaps are. Without a command it opens
the full screen on your assessment (or asks one question at a time with --plain); progress is
saved as you go, in a TOML file you own. Other frameworks (SFIA, the e-CF, career ladders) can
be brought with --framework.";

/// Examples after the help.
const EXAMPLES: &str = "\
Examples:
  rolefit                          open your assessment; it resumes where you left off
  rolefit rate DP1 4               record one rating without the full screen
  rolefit plan                     your plan's actions, overdue first
  rolefit show                     the Results as plain text
  rolefit export -o me.md          a report to share
  rolefit team team/               many people's assessments side by side";

/// Which theme to draw with: found from the terminal, or forced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeSetting {
    /// Ask the terminal for its background (OSC 11), then `COLORFGBG`, else dark.
    #[default]
    Auto,
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
}

/// The subcommands; none starts the assessment. `display_order` lists them as a newcomer needs
/// them: rating, keeping and sharing results, working with others, frameworks, setting up.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List saved assessments with progress and last change
    #[command(display_order = 3)]
    List,
    /// Work with framework files
    #[command(display_order = 9)]
    Framework {
        #[command(subcommand)]
        command: FrameworkCommand,
    },
    /// Show where data and config live
    #[command(display_order = 11)]
    Paths,
    /// Write a report of an assessment (to stdout unless -o is given)
    #[command(display_order = 4)]
    Export {
        /// markdown (or md), html, json or csv
        #[arg(
            long,
            value_name = "FORMAT",
            default_value = "markdown",
            ignore_case = true,
            value_parser = clap::builder::PossibleValuesParser::new(["markdown", "md", "html", "json", "csv"])
                .try_map(|name| name.parse::<crate::export::Format>())
        )]
        format: crate::export::Format,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Close a round: keep today's ratings to compare with later
    #[command(display_order = 5)]
    Snapshot {
        /// A few words to recognise the round by, e.g. "before the secondment"
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
    },
    /// Record one rating without opening rolefit, e.g. `rolefit rate DP1 4`
    #[command(display_order = 1)]
    Rate {
        /// The competency's id, e.g. DP1 (`rolefit show ID` prints one)
        #[arg(add = ArgValueCandidates::new(complete::competencies))]
        id: String,
        /// A level of the framework's scale (0 to 5 on the built-in one), none (format 2), or
        /// na for not applicable
        #[arg(required_unless_present = "clear", add = ArgValueCandidates::new(complete::levels))]
        level: Option<String>,
        /// Replace the competency's note with this text
        #[arg(long, value_name = "TEXT", conflicts_with = "clear")]
        note: Option<String>,
        /// Remove the rating instead (the note stays)
        #[arg(long, conflicts_with = "level")]
        clear: bool,
    },
    /// List your plan's actions, overdue first; add one, mark one done, move or set its status
    ///
    /// Lists your development plan's actions, overdue first, each numbered as `plan done N`,
    /// `plan move N` and `plan status N` take it (the number never shifts). `--format ics`
    /// writes the dated ones as a calendar to import into your own; importing it again updates
    /// them.
    #[command(
        display_order = 2,
        args_conflicts_with_subcommands = true,
        after_help = PLAN_HELP
    )]
    Plan {
        #[command(subcommand)]
        command: Option<PlanCommand>,
        /// markdown (or md), json, csv or ics (a calendar: one to-do per dated action)
        #[arg(
            long,
            value_name = "FORMAT",
            default_value = "markdown",
            ignore_case = true,
            value_parser = clap::builder::PossibleValuesParser::new(["markdown", "md", "json", "csv", "ics"])
                .try_map(|name| name.parse::<crate::export::plan::PlanFormat>())
        )]
        format: crate::export::plan::PlanFormat,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print one competency with your rating, or without an id the Results, as plain text
    #[command(display_order = 2)]
    Show {
        /// The competency's id, e.g. DP1
        #[arg(add = ArgValueCandidates::new(complete::competencies))]
        id: Option<String>,
    },
    /// Write, check or locate the configuration file (theme, mouse, targets, keys)
    #[command(display_order = 10)]
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a completion script for a shell, e.g. `rolefit completions bash`
    #[command(display_order = 12)]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `rolefit man > ~/.local/share/man/man1/rolefit.1`
    #[command(display_order = 13)]
    Man,
    /// The team view: many people's assessment files side by side, read-only
    #[command(display_order = 8)]
    Team {
        /// Folders (their *.toml files) or assessment files [default: the data directory's
        /// assessments]
        #[arg(value_name = "DIR | FILES")]
        sources: Vec<PathBuf>,
        /// Write a report instead of opening the view: markdown (or md), html, csv, json or jsonl
        #[arg(
            long,
            value_name = "FORMAT",
            ignore_case = true,
            // The same names as `export --format`, md included.
            value_parser = clap::builder::PossibleValuesParser::new(["markdown", "md", "html", "csv", "json", "jsonl"])
                .map(|name| team_format(&name))
        )]
        format: Option<crate::team::report::TeamFormat>,
        /// Measure against this profile (its id, e.g. pm or pmo) [default: PMO Manager]
        #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::profiles))]
        profile: Option<String>,
        /// Write the report to this file instead of stdout (Markdown unless --format says)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Set the person's name, role or team, e.g. `rolefit set name "Sam Taylor"` ("" clears it)
    Set {
        /// name (as team views, reports and reviewers show you), role or team
        #[arg(value_enum, value_name = "WHAT")]
        what: PersonField,
        /// The text, in any script; "" clears it
        #[arg(value_name = "TEXT", allow_hyphen_values = true)]
        value: String,
    },
    /// Show what changed between two rounds (default: the last round and now)
    #[command(display_order = 6)]
    Diff {
        /// Round to compare from: a number (1 = first), a date prefix, a label, "last" or "now"
        from: Option<String>,
        /// Round to compare to (same forms; default "now")
        to: Option<String>,
    },
    /// A second opinion: ask someone to rate you, rate someone, or import their ratings
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        override_usage = "rolefit review request [-a NAME] -o FILE [--share-self]\n       rolefit review FILE [--reviewer NAME]\n       rolefit review import FILE [-a NAME]"
    )]
    #[command(display_order = 7)]
    Review {
        #[command(subcommand)]
        command: Option<ReviewCommand>,
        /// A review file someone sent you: opens it to rate them
        #[arg(value_name = "FILE", required = true)]
        review_file: Option<PathBuf>,
        /// Your name as the person will see it (asked when the file does not have it yet)
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
    },
}

/// After `plan --help`: the dates and a calendar, by example.
const PLAN_HELP: &str = "\
DATE is a day such as 2027-03-31, or +10d, +2w, +3m from today.

Examples:
  rolefit plan                                 the actions, overdue first
  rolefit plan add DP1 \"Shadow a PMO lead\" --due +2w
  rolefit plan done 3 --note \"Ran the portfolio review\"
  rolefit plan move 4 2027-06-30
  rolefit plan --format ics -o plan.ics        import into your calendar; again to update";

/// `rolefit plan ...`: changes to the plan, as a script makes them.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add an action to a competency's plan, e.g. `rolefit plan add DP1 "Shadow a PMO lead"`
    Add {
        /// The competency's id, in any case (dp1 = DP1)
        #[arg(add = ArgValueCandidates::new(complete::competencies))]
        id: String,
        /// What you will do
        #[arg(value_name = "TEXT", allow_hyphen_values = true)]
        text: String,
        /// When it is due: 2027-03-31, or +10d, +2w, +3m from today
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Mark action N done, with what shows it (the evidence) if you like
    Done {
        /// The action's number, as `rolefit plan` lists it
        #[arg(value_name = "N")]
        n: u32,
        /// The evidence: what shows it was done
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Set or move action N's due date
    Move {
        /// The action's number, as `rolefit plan` lists it
        #[arg(value_name = "N")]
        n: u32,
        /// The new date: 2027-03-31, or +10d, +2w, +3m from today
        #[arg(value_name = "DATE", allow_hyphen_values = true)]
        date: String,
    },
    /// Set action N's status: planned, doing, done or dropped
    Status {
        /// The action's number, as `rolefit plan` lists it
        #[arg(value_name = "N")]
        n: u32,
        /// planned, doing, done or dropped
        #[arg(
            value_name = "STATUS",
            ignore_case = true,
            value_parser = clap::builder::PossibleValuesParser::new(["planned", "doing", "done", "dropped"])
                .map(|name| crate::domain::ActionStatus::from_key(&name).unwrap_or_default())
        )]
        status: crate::domain::ActionStatus,
    },
}

/// What `rolefit set` sets.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PersonField {
    /// The person's display name
    Name,
    /// The person's role, e.g. "Delivery lead"
    Role,
    /// The person's team, e.g. "North"
    Team,
}

impl PersonField {
    /// The word for it in sentences: "name", "role", "team".
    pub fn word(self) -> &'static str {
        match self {
            PersonField::Name => "name",
            PersonField::Role => "role",
            PersonField::Team => "team",
        }
    }
}

/// `rolefit review ...`.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Write a review file to send to a reviewer
    Request {
        /// Where to write the review file
        #[arg(short, long, value_name = "FILE", required = true)]
        output: PathBuf,
        /// Let the reviewer see your own ratings and notes (shown to them only after they rate
        /// each competency); without it the file holds nothing of yours but your name
        #[arg(long)]
        share_self: bool,
    },
    /// Add a filled-in review file to your assessment
    Import {
        /// The review file your reviewer sent back
        #[arg(value_name = "FILE")]
        review_file: PathBuf,
    },
}

/// `rolefit framework ...`.
#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// Validate a framework file; every problem is reported with line and column
    Check {
        /// The framework file
        #[arg(add = ArgValueCompleter::new(complete::framework_files()))]
        path: PathBuf,
        /// Leave out the warnings (legal but suspicious things); errors are always said
        #[arg(short, long)]
        quiet: bool,
    },
    /// Make a framework file (format 2) from a spreadsheet laid out one row per competency:
    /// CSV, XLSX or ODS
    #[command(after_help = IMPORT_HELP)]
    Import {
        /// The spreadsheet: .csv, .xlsx or .ods
        #[arg(add = ArgValueCompleter::new(complete::spreadsheets()))]
        path: PathBuf,
        /// Write the framework to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file when it exists
        #[arg(long)]
        force: bool,
        /// A mapping file (TOML) for a sheet whose headers differ from rolefit's
        #[arg(long, value_name = "FILE")]
        map: Option<PathBuf>,
        /// The sheet that holds the competencies [default: "Competencies", else the first]
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Which header holds a field, e.g. --column id=Ref (fields: id, name, area, area_id,
        /// parent, description, valid, references); repeat as needed
        #[arg(long = "column", value_name = "FIELD=HEADER")]
        columns: Vec<String>,
        /// A column of a profile's targets, e.g. --profile "Project Manager=pm"; repeat for
        /// each; given, only these columns are profiles
        #[arg(long = "profile", value_name = "HEADER[=ID]")]
        profiles: Vec<String>,
        /// Which header says what a level means, e.g. --level 3=Independent
        #[arg(long = "level", value_name = "VALUE=HEADER")]
        levels: Vec<String>,
        /// The framework's id [default: from the About sheet, else the file's name]
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The framework's name [default: from the About sheet, else the file's name]
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// The scale's first and last value without a Scale sheet, e.g. 1-5
        #[arg(long, value_name = "FIRST-LAST")]
        scale: Option<String>,
        /// Leave out the warnings (what could not be placed is still said)
        #[arg(short, long)]
        quiet: bool,
    },
    /// Write a framework as a spreadsheet in the layout import reads (to stdout unless -o)
    Export {
        /// A framework file [default: the built-in framework]
        #[arg(add = ArgValueCompleter::new(complete::framework_files()))]
        path: Option<PathBuf>,
        /// csv or xlsx
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "csv")]
        format: crate::sheet::export::SheetFormat,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the built-in framework (a start for your own), or a framework file
    Dump {
        /// The file format to print: 1 (the built-in's own text) or 2
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
        format: u8,
        /// A framework file to print instead of the built-in (with --format 2)
        path: Option<PathBuf>,
    },
}

/// After `framework import --help`: the layout, by example.
const IMPORT_HELP: &str = "\
The sheet: a header row, then one row per competency, e.g.
  Area      | ID  | Name              | Description       | Project Manager | PMO Manager
  Planning  | DP1 | Scope and plan    | Breaks the work…  | 4               | 2
Headers are recognised in the usual words (ID, Ref, Code; Name, Competency, Skill; Area,
Category; Description; Level 1…Level 5 for what each level means; Valid levels); every other
column of whole numbers is a profile's targets (empty: not required). Sheets (in a CSV file,
sections after a row [Profiles]) named Profiles, Areas, Scale, Roles and About carry the rest,
as `rolefit framework export` writes them.

Examples:
  rolefit framework import skills.xlsx -o skills.toml
  rolefit framework import skills.csv --column id=Ref --profile \"Lead=lead\" -o skills.toml
  rolefit framework import skills.ods --map skills-map.toml -o skills.toml";

/// `rolefit config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write a commented configuration file with every default (refuses to overwrite one)
    Init {
        /// Replace an existing configuration file
        #[arg(long)]
        force: bool,
    },
    /// Validate a configuration file (default: the one rolefit reads); problems have line
    /// and column
    Check {
        /// The configuration file to check
        file: Option<PathBuf>,
    },
    /// Print where the configuration file is
    Path,
}

/// Checks `--file` while parsing: a lock file's name is a usage error (exit 2), not an empty
/// assessment.
fn assessment_file(path: PathBuf) -> Result<PathBuf, LockFileGiven> {
    if path.extension().is_some_and(|e| e == "lock") {
        return Err(LockFileGiven(path));
    }
    Ok(path)
}

/// `--file` names a lock file.
#[derive(Debug, thiserror::Error)]
#[error(
    "{} is the name of a lock file, not of an assessment; give the assessment's .toml file",
    crate::text::display_path(.0)
)]
pub struct LockFileGiven(PathBuf);

/// Checks `--assessment` while parsing, so a bad name is a usage error (exit 2). The text is
/// kept as typed: a person's name is both the file's short name and, for a new assessment,
/// the display name (see [`paths::resolve_name`]).
fn assessment_name(name: &str) -> storage::Result<String> {
    paths::resolve_name(name).map(|_| name.to_string())
}

/// A team report format by one of the names `--format` takes ("md" is Markdown, as for
/// `export`).
fn team_format(name: &str) -> crate::team::report::TeamFormat {
    use crate::team::report::TeamFormat;
    match name.to_ascii_lowercase().as_str() {
        "csv" => TeamFormat::Csv,
        "json" => TeamFormat::Json,
        "jsonl" => TeamFormat::Jsonl,
        "html" => TeamFormat::Html,
        _ => TeamFormat::Markdown,
    }
}
