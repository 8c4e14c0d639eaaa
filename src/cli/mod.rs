//! The command line: parsing (clap, in `args`), one function per subcommand (`commands`;
//! `rolefit team` in `team`), and the TUI start-up (`start`), split into a testable `prepare`
//! and the terminal-owning `launch`.

mod args;
mod commands;
mod complete;
pub mod config;
mod detect;
mod error;
mod manual;
mod plan;
mod review;
mod scripting;
mod sheets;
mod start;
mod team;

use std::process::ExitCode;

use crate::text::display_safe;

pub use args::{
    Cli, Command, ConfigCommand, FrameworkCommand, PersonField, PlanCommand, ReviewCommand,
    ThemeSetting,
};
pub use commands::{
    Resolved, assessment_path, framework_for, load_framework, load_given, read_existing,
};
pub use error::{Error, Result};
pub use scripting::plain_from_env;
pub use start::{LaunchOptions, Prepared, launch, prepare, prepare_resolved};

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    // A shell asking for completions (COMPLETE=SHELL rolefit -- WORDS) is answered and exits.
    complete::complete_if_asked();
    crate::crash::install();
    let parsed = Cli::command_line()
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err)
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            // e.g. `rolefit framework` alone: its usage, on stderr, as a usage error.
            let _ = err.print();
            return ExitCode::from(2);
        }
        Err(err) => {
            eprintln!("rolefit: {}", display_safe(&usage_line(&err.to_string())));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("rolefit: {}", display_safe(&err.to_string()));
            ExitCode::from(err.exit_code())
        }
    }
}

/// Clap's message as one line: its first line, without the "error: " prefix, plus a pointer
/// to --help.
fn usage_line(message: &str) -> String {
    let paragraph: Vec<&str> = message
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    let joined = paragraph.join(" ");
    let text = joined.strip_prefix("error: ").unwrap_or(&joined);
    let text = if text.is_empty() {
        "invalid usage"
    } else {
        text
    };
    format!("{text} (see rolefit --help)")
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // Where a crash report goes, if a bug stops rolefit; a data folder that cannot be
    // resolved sends it to the temp folder.
    if let Ok(paths) = crate::storage::DataPaths::resolve(cli.data_dir.as_deref()) {
        crate::crash::set_data_dir(&paths.data_dir);
    }
    crate::crash::set_command(&command_name(&cli));
    match &cli.command {
        Some(Command::List) => commands::list(&cli),
        Some(Command::Framework { command }) => run_framework(command),
        Some(Command::Paths) => commands::paths(&cli),
        Some(Command::Export { format, output }) => {
            commands::export(&cli, *format, output.as_deref())
        }
        Some(Command::Snapshot { label }) => commands::snapshot(&cli, label.as_deref()),
        Some(Command::Diff { from, to }) => commands::diff(&cli, from.as_deref(), to.as_deref()),
        Some(Command::Rate {
            id,
            level,
            note,
            clear,
        }) => scripting::rate(&cli, id, level.as_deref(), note.as_deref(), *clear),
        Some(Command::Show { id }) => scripting::show(&cli, id.as_deref()),
        Some(Command::Plan {
            command,
            format,
            output,
        }) => match command {
            None => plan::list(&cli, *format, output.as_deref()),
            Some(PlanCommand::Add { id, text, due }) => plan::add(&cli, id, text, due.as_deref()),
            Some(PlanCommand::Done { n, note }) => plan::done(&cli, *n, note.as_deref()),
            Some(PlanCommand::Move { n, date }) => plan::move_to(&cli, *n, date),
            Some(PlanCommand::Status { n, status }) => plan::status(&cli, *n, *status),
        },
        Some(Command::Set { what, value }) => scripting::set(&cli, *what, value),
        Some(Command::Config { command }) => match command {
            ConfigCommand::Init { force } => commands::config_init(*force),
            ConfigCommand::Check { file } => commands::config_check(file.as_deref()),
            ConfigCommand::Path => commands::config_path(),
        },
        Some(Command::Completions { shell }) => commands::completions(*shell),
        Some(Command::Man) => commands::man(),
        Some(Command::Review {
            command,
            review_file,
            reviewer,
        }) => run_review(
            &cli,
            command.as_ref(),
            review_file.as_ref(),
            reviewer.as_deref(),
        ),
        Some(Command::Team {
            sources,
            format,
            profile,
            output,
        }) => match team::team(
            &cli,
            sources,
            *format,
            profile.as_deref(),
            output.as_deref(),
        )? {
            team::TeamRun::Report(code) => Ok(code),
            team::TeamRun::View(view, theme) => {
                start::launch_team(*view, theme)?;
                Ok(ExitCode::SUCCESS)
            }
        },
        None => run_assessment(&cli),
    }
}

/// Runs a `framework` subcommand.
fn run_framework(command: &FrameworkCommand) -> Result<ExitCode> {
    match command {
        FrameworkCommand::Check { path, quiet } => commands::framework_check(path, *quiet),
        FrameworkCommand::Import {
            path,
            output,
            force,
            map,
            sheet,
            columns,
            profiles,
            levels,
            id,
            name,
            scale,
            quiet,
        } => {
            let flags = crate::sheet::Mapping {
                sheet: sheet.clone(),
                id: id.clone(),
                name: name.clone(),
                version: None,
                scale: None,
                columns: Default::default(),
                levels: Default::default(),
                profiles: Default::default(),
            };
            sheets::import(
                path,
                sheets::ImportOptions {
                    output: output.as_deref(),
                    force: *force,
                    map: map.as_deref(),
                    flags,
                    columns,
                    profiles,
                    levels,
                    scale: scale.as_deref(),
                    quiet: *quiet,
                },
            )
        }
        FrameworkCommand::Export {
            path,
            format,
            output,
        } => sheets::export(path.as_deref(), *format, output.as_deref()),
        FrameworkCommand::Dump { format, path } => {
            commands::framework_dump(*format, path.as_deref())
        }
    }
}

/// Runs `review`: a request, an import, or the review file to open.
fn run_review(
    cli: &Cli,
    command: Option<&ReviewCommand>,
    review_file: Option<&std::path::PathBuf>,
    reviewer: Option<&str>,
) -> Result<ExitCode> {
    match command {
        Some(ReviewCommand::Request { output, share_self }) => {
            review::request(cli, output, *share_self)
        }
        Some(ReviewCommand::Import { review_file }) => review::import(cli, review_file),
        None => match review_file {
            Some(file) => review::open(cli, file, reviewer),
            None => Err(Error::Review(
                "give the review file to open, e.g. `rolefit review alex-review.toml`".into(),
            )),
        },
    }
}

/// Runs rolefit without a subcommand: the assessment, in the terminal or as plain text.
fn run_assessment(cli: &Cli) -> Result<ExitCode> {
    let given = commands::load_given(cli.framework.as_deref())?;
    let (path, name) = assessment_path(cli)?;
    // The framework the assessment was made with, or a clear error: before the
    // terminal is touched and before anything is written.
    let framework = commands::resolve_at(given.as_ref(), &path, &name)?;
    let env = |key| std::env::var_os(key);
    if cli.plain || plain_from_env(env("ACCESSIBLE").as_deref(), env("TERM").as_deref()) {
        let person = commands::given_person(cli);
        return scripting::plain(
            framework,
            &path,
            &name,
            person.as_deref(),
            scripting::plain_resume(cli),
        );
    }
    let mut options = launch_options(cli)?;
    options.person = commands::given_person(cli);
    let resume = scripting::resume_command(cli, false);
    launch(framework, &path, &name, options, &resume)?;
    Ok(ExitCode::SUCCESS)
}

/// The subcommand, for a crash report: its name only, never its arguments (they may hold a
/// note).
fn command_name(cli: &Cli) -> String {
    let name = match &cli.command {
        None if cli.plain => "--plain",
        None => "(the full screen)",
        Some(Command::List) => "list",
        Some(Command::Framework { .. }) => "framework",
        Some(Command::Paths) => "paths",
        Some(Command::Export { .. }) => "export",
        Some(Command::Snapshot { .. }) => "snapshot",
        Some(Command::Diff { .. }) => "diff",
        Some(Command::Rate { .. }) => "rate",
        Some(Command::Show { .. }) => "show",
        Some(Command::Plan { .. }) => "plan",
        Some(Command::Set { .. }) => "set",
        Some(Command::Config { .. }) => "config",
        Some(Command::Completions { .. }) => "completions",
        Some(Command::Man) => "man",
        Some(Command::Review { .. }) => "review",
        Some(Command::Team { .. }) => "team",
    };
    format!("rolefit {name}")
}

/// How the TUI runs, from the command line, the environment and the configuration file; the
/// configured keys and colours are installed here, so everything configured is in place before
/// the terminal is touched (a broken file stops the start with its line and column).
fn launch_options(cli: &Cli) -> Result<LaunchOptions> {
    let config = match config::path() {
        Some(path) => config::load(&path)?,
        None => config::Config::default(),
    };
    let theme_env = std::env::var_os("ROLEFIT_THEME");
    let theme = detect::setting(
        cli.theme,
        theme_env.as_ref().map(|v| v.to_string_lossy()).as_deref(),
        config.theme,
    )?;
    crate::input::configure(&config.keys).map_err(|err| {
        Error::Config(config::ConfigError {
            path: config::path().unwrap_or_default(),
            line: 1,
            column: 1,
            message: err.message,
        })
    })?;
    crate::ui::theme::configure(config.colors.clone());
    Ok(LaunchOptions {
        theme,
        mouse: config.mouse && !cli.no_mouse,
        show_targets: config.show_targets,
        rerate_after_days: config.rerate_after_days,
        person: None,
    })
}
