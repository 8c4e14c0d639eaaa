//! `rolefit man`: one manual page, made from the command line's definition (so it always
//! matches), with every subcommand and its options in it (no page it refers to is missing),
//! and the sections a manual page is expected to have: EXIT STATUS, ENVIRONMENT, FILES and
//! EXAMPLES.

use super::Cli;

/// Text as roff reads it back: backslashes escaped, a line never starting as a request.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e")
        .lines()
        .map(|line| {
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A flag or option as the page shows it: `\fB\-a\fR, \fB\-\-assessment\fR \fINAME\fR`.
fn option_label(arg: &clap::Arg) -> String {
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("\\fB\\-{short}\\fR"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-")));
    }
    let mut label = names.join(", ");
    if label.is_empty() {
        // A positional argument.
        let name = arg
            .get_value_names()
            .and_then(|v| v.first().map(ToString::to_string))
            .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
        return format!("\\fI{}\\fR", roff(&name));
    }
    if arg.get_action().takes_values() {
        let value = arg
            .get_value_names()
            .and_then(|v| v.first().map(ToString::to_string))
            .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
        label.push_str(&format!(" \\fI{}\\fR", roff(&value)));
    }
    label
}

fn arguments(out: &mut String, cmd: &clap::Command, global_only: bool) {
    for arg in cmd.get_arguments() {
        if arg.is_hide_set() || arg.get_id() == "help" || arg.get_id() == "version" {
            continue;
        }
        // Global options are described once, with the program.
        if !global_only && arg.is_global_set() {
            continue;
        }
        let help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        out.push_str(&format!(".TP\n{}\n{}\n", option_label(arg), roff(&help)));
    }
}

/// Every subcommand, depth first: its full name, usage, description and options.
fn subcommands(out: &mut String, cmd: &clap::Command, path: &str) {
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("{path} {}", sub.get_name());
        out.push_str(&format!(".SS \"{}\"\n", roff(&name)));
        let about = sub
            .get_long_about()
            .or_else(|| sub.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        out.push_str(&format!("{}\n", roff(&about)));
        let mut sub = sub.clone().bin_name(name.clone());
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").trim();
        out.push_str(&format!(
            ".PP\n\\fBUsage:\\fR {}\n",
            roff(usage).replace('-', "\\-")
        ));
        if sub.get_arguments().any(|a| {
            !a.is_hide_set()
                && !a.is_global_set()
                && a.get_id() != "help"
                && a.get_id() != "version"
        }) {
            out.push_str(".RS\n");
            arguments(out, &sub, false);
            out.push_str(".RE\n");
        }
        if let Some(after) = sub.get_after_help() {
            out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", roff(&after.to_string())));
        }
        subcommands(out, &sub, &name);
    }
}

const EXIT_STATUS: &str = "\
.SH \"EXIT STATUS\"
.TP
\\fB0\\fR
Success.
.TP
\\fB1\\fR
A runtime error: a file that cannot be read or written, an assessment that does not exist or
is open in another rolefit, a framework or spreadsheet with problems (each is named with its
file, line and column, or sheet, row and column).
.TP
\\fB2\\fR
A usage error: an unknown option or subcommand, a level off the scale, an unknown competency or
profile id.
";

const ENVIRONMENT: &str = "\
.SH ENVIRONMENT
.TP
\\fBROLEFIT_DATA_DIR\\fR
The data folder, as \\fB\\-\\-data\\-dir\\fR gives it (the option wins).
.TP
\\fBROLEFIT_THEME\\fR
\\fBdark\\fR, \\fBlight\\fR or \\fBauto\\fR: colours for the terminal's background (\\fB\\-\\-theme\\fR wins
over it, and it over the configuration file).
.TP
\\fBNO_COLOR\\fR
When set (to anything), no colours: meaning is carried by digits, glyphs and words.
.TP
\\fBACCESSIBLE\\fR
When set to anything but 0, plain mode: one question at a time on ordinary lines, as with
\\fB\\-\\-plain\\fR.
.TP
\\fBTERM\\fR
\\fBdumb\\fR chooses plain mode too.
.TP
\\fBVISUAL\\fR, \\fBEDITOR\\fR
The editor Ctrl\\-E opens a note in.
.TP
\\fBXDG_DATA_HOME\\fR, \\fBXDG_CONFIG_HOME\\fR, \\fBXDG_CACHE_HOME\\fR, \\fBHOME\\fR
Where the data, configuration and cache folders are (Linux).
.TP
\\fBCOMPLETE\\fR
Set by the completion script while it asks rolefit for completions; not for use by hand.
";

const FILES: &str = "\
.SH FILES
\\fBrolefit paths\\fR prints where each of these is on your system.
.TP
\\fIDATA_DIR\\fB/assessments/\\fINAME\\fB.toml\\fR
One assessment: ratings, notes, plan, rounds and reviews, as readable TOML. DATA_DIR is
\\fI$XDG_DATA_HOME/rolefit\\fR or \\fI~/.local/share/rolefit\\fR on Linux.
.TP
\\fIDATA_DIR\\fB/assessments/\\fINAME\\fB.lock\\fR
Held while a rolefit has the assessment open.
.TP
\\fIDATA_DIR\\fB/reports/\\fR, \\fIDATA_DIR\\fB/crashes/\\fR
Reports asked for from the Results screen; short crash reports (no ratings or notes).
.TP
\\fICONFIG_DIR\\fB/config.toml\\fR
Keys, theme, mouse and targets (only after \\fBrolefit config init\\fR).
.TP
\\fICACHE_DIR\\fB/rolefit/frameworks/\\fR
Validated framework files, so a large framework starts fast; safe to delete.
";

const EXAMPLES: &str = "\
.SH EXAMPLES
.TP
\\fBrolefit\\fR
Open the default assessment in the full screen; it resumes where you left off.
.TP
\\fBrolefit rate DP1 4 \\-\\-note \"Planned the 2025 rollout\"\\fR
Record one rating without a terminal.
.TP
\\fBrolefit show\\fR
The Results as plain text.
.TP
\\fBrolefit export \\-\\-format json \\-o me.json\\fR
A report for other tools.
.TP
\\fBrolefit framework import skills.xlsx \\-o skills.toml\\fR
Make a framework from the spreadsheet a PMO keeps, then \\fBrolefit \\-\\-framework skills.toml\\fR.
.TP
\\fBrolefit framework export \\-\\-format xlsx \\-o pm\\-vs\\-pmo.xlsx\\fR
The built-in framework as a spreadsheet to edit and import back.
.TP
\\fBrolefit team team/ \\-\\-format csv \\-o team.csv\\fR
The team's readiness and ratings as one table.
.TP
\\fBsource <(rolefit completions bash)\\fR
Completion of subcommands, options, assessment names and ids in bash.
";

/// The whole page, in roff.
pub fn page() -> std::io::Result<String> {
    let cmd = Cli::command_line();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut top = Vec::new();
    man.render_title(&mut top)?;
    man.render_name_section(&mut top)?;
    man.render_synopsis_section(&mut top)?;
    man.render_description_section(&mut top)?;
    let mut out = String::from_utf8_lossy(&top).into_owned();
    out.push_str(".SH OPTIONS\nThese options apply to rolefit and, where they make sense, to its subcommands.\n");
    arguments(&mut out, &cmd, true);
    out.push_str(".SH SUBCOMMANDS\n");
    subcommands(&mut out, &cmd, "rolefit");
    out.push_str(EXIT_STATUS);
    out.push_str(ENVIRONMENT);
    out.push_str(FILES);
    out.push_str(EXAMPLES);
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    out.push_str(&String::from_utf8_lossy(&version));
    // Characters beyond ASCII as roff's own escapes, so every roff reads them right.
    Ok(out
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\[u{:04X}]", u32::from(c))
            }
        })
        .collect())
}
