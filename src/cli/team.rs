//! `rolefit team`: the team's files read (never written, never locked) into the team view, or
//! written as a report to stdout or a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::commands::{check_report_target, describe_write_error, load_framework, print_stdout};
use super::{Cli, Error, Result};
use crate::domain::Framework;
use crate::storage::{self, DataPaths};
use crate::text::{display_path, display_safe};

/// Why a team report was not written: no file could be used.
#[derive(Debug, thiserror::Error)]
#[error("no assessment could be used")]
struct NoPeople;

/// What `rolefit team` comes to: a report written, or the team view to open (which the caller
/// launches, so this module needs nothing from the start-up code).
pub enum TeamRun {
    Report(ExitCode),
    View(Box<crate::team::TeamView>, crate::cli::args::ThemeSetting),
}

/// `rolefit team`: reads the team's files (never writing, never locking) and opens the team
/// view, or with `--format`/`-o` writes it as a report. Files that cannot be used are listed
/// with the reason, never skipped silently.
pub fn team(
    cli: &Cli,
    sources: &[PathBuf],
    format: Option<crate::team::report::TeamFormat>,
    profile: Option<&str>,
    output: Option<&Path>,
) -> Result<TeamRun> {
    use crate::team::report::TeamFormat;
    let framework = load_framework(cli.framework.as_deref())?;
    let assessments = DataPaths::resolve(cli.data_dir.as_deref())
        .ok()
        .map(|p| p.assessments_dir());
    let sources = match (sources.is_empty(), &assessments) {
        (false, _) => sources.to_vec(),
        (true, Some(dir)) => vec![dir.clone()],
        (true, None) => {
            DataPaths::resolve(cli.data_dir.as_deref()).map(|p| vec![p.assessments_dir()])?
        }
    };
    let profile = team_profile(&framework, profile)?;
    // The data folder, when no folder or file is named, may not exist yet: then there is no
    // assessment in it, which says what to do rather than that a folder is missing.
    let defaulted = sources.len() == 1 && Some(&sources[0]) == assessments.as_ref();
    if defaulted && !sources[0].exists() {
        return Err(crate::team::LoadError::NoFiles { places: sources }.into());
    }
    let files = crate::team::files_in(&sources)?;
    let report_wanted = format.is_some() || output.is_some();
    if !report_wanted {
        return team_view(cli, framework, &files, profile);
    }
    let report = TeamReport {
        framework: &framework,
        files: &files,
        profile,
        format: format.unwrap_or(TeamFormat::Markdown),
    };
    match output {
        None => team_report_to_stdout(&report),
        Some(out) => team_report_to_file(cli, &report, out, assessments.as_deref()),
    }
}

/// The profile a team is measured against: the one named, else the framework's second side.
fn team_profile(framework: &Framework, profile: Option<&str>) -> Result<usize> {
    match profile {
        None => Ok(framework.main_profiles[1]),
        Some(id) => framework
            .profile_index(id)
            .ok_or_else(|| Error::UnknownProfile {
                id: id.to_string(),
                known: framework
                    .profiles
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
    }
}

/// The team view of the files' people, or the reasons none of them could be read.
fn team_view(
    cli: &Cli,
    framework: Framework,
    files: &[PathBuf],
    profile: usize,
) -> Result<TeamRun> {
    let team = crate::team::load(framework, files);
    if team.members.is_empty() {
        for n in &team.not_read {
            eprintln!(
                "rolefit: not read: {}: {}",
                display_path(&n.path),
                display_safe(&n.reason)
            );
        }
        return Err(Error::NoTeam { count: files.len() });
    }
    // The configured keys and colours apply here as in the app.
    let theme = super::launch_options(cli)?.theme;
    Ok(TeamRun::View(
        Box::new(crate::team::TeamView::new(team, profile)),
        theme,
    ))
}

/// A team report to write: whom, against which profile, in which format.
struct TeamReport<'a> {
    framework: &'a Framework,
    files: &'a [PathBuf],
    profile: usize,
    format: crate::team::report::TeamFormat,
}

impl TeamReport<'_> {
    /// Writes the report, each person as their file is read (see `team::report`), saying a
    /// file that cannot be used on stderr as it is met; returns how many people it holds.
    fn write(&self, out: &mut dyn Write) -> std::io::Result<usize> {
        let mut writer =
            crate::team::report::ReportWriter::new(self.framework, self.profile, self.format, out);
        crate::team::read_each(
            self.framework,
            self.files,
            crate::team::THREADS,
            |read| match read {
                crate::team::Read::Member(member) => writer.person(*member),
                crate::team::Read::NotRead(n) => {
                    eprintln!(
                        "rolefit: not read: {}: {}",
                        display_path(&n.path),
                        display_safe(&n.reason)
                    );
                    writer.not_read(n);
                    Ok(())
                }
            },
        )?;
        writer.finish().map(|(people, _)| people)
    }
}

/// Writes a team report to stdout (a closed pipe is no error).
fn team_report_to_stdout(report: &TeamReport) -> Result<TeamRun> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let people = match report
        .write(&mut out)
        .and_then(|people| out.flush().map(|()| people))
    {
        Ok(people) => people,
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(TeamRun::Report(ExitCode::SUCCESS));
        }
        Err(e) => return Err(Error::Output(e)),
    };
    if people == 0 {
        return Err(Error::NoTeam {
            count: report.files.len(),
        });
    }
    Ok(TeamRun::Report(ExitCode::SUCCESS))
}

/// Writes a team report to `out`, whole or not at all, never over an assessment.
fn team_report_to_file(
    cli: &Cli,
    report: &TeamReport,
    out: &Path,
    assessments: Option<&Path>,
) -> Result<TeamRun> {
    let frameworks = [(cli.framework.as_deref(), "in use")];
    let folder = check_report_target(out, &report.files[0], assessments, &frameworks)?;
    if report.files.iter().any(|f| storage::same_file(out, f)) {
        return Err(Error::ReportOverAssessment {
            path: out.to_path_buf(),
        });
    }
    // Written beside the target and renamed over it only when complete and with
    // someone in it: a report that fails leaves nothing behind.
    let people = storage::atomic::write_atomic_streamed(out, |file| {
        let people = report.write(file)?;
        if people == 0 {
            return Err(std::io::Error::other(NoPeople));
        }
        Ok(people)
    });
    let people = match people {
        Ok(people) => people,
        Err(e) if e.get_ref().is_some_and(|inner| inner.is::<NoPeople>()) => {
            return Err(Error::NoTeam {
                count: report.files.len(),
            });
        }
        Err(source) => {
            return Err(Error::WriteReport {
                path: out.to_path_buf(),
                reason: describe_write_error(&source, &folder),
                source,
            });
        }
    };
    print_stdout(&format!(
        "Wrote the {} team report ({people} people) to {}\n",
        report.format,
        display_path(out)
    ))?;
    Ok(TeamRun::Report(ExitCode::SUCCESS))
}
