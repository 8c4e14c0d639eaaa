//! The configuration file through the real binary: `config init`, `config check` and
//! `config path`; a rebinding shown in the footer and the help and obeyed; a broken file
//! stopping the start with one line; and the completions and man page made from the command
//! line's definition.

mod cmd_support;
mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use cmd_support::{rolefit, run, stderr, stdout};
use common::pty::{DataDir, Launch};

/// Where rolefit reads its configuration with `XDG_CONFIG_HOME` under `home` (see
/// `cmd_support::rolefit`).
fn config_file(home: &Path) -> PathBuf {
    home.join("xdg-config/rolefit/config.toml")
}

// ---- config init, check, path ---------------------------------------------------------------

#[test]
fn config_init_writes_a_file_that_config_check_accepts() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    let out = run(rolefit(home.path()).args(["config", "path"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), file.display().to_string());
    // No file yet: the defaults are fine.
    let out = run(rolefit(home.path()).args(["config", "check"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("ok: {}", file.display())));

    let out = run(rolefit(home.path()).args(["config", "init"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&file.display().to_string()),
        "{}",
        stdout(&out)
    );
    let written = fs::read_to_string(&file).unwrap();
    for setting in [
        "theme = \"auto\"",
        "mouse = true",
        "# show_targets = false",
        "# [theme]",
        "selected_bg",
        "# [keys.screens]",
        "# quit = \"q\"",
        "# [keys.rate]",
        "# edit-note = \"e\"",
        "# [keys.plan-action]",
        "# [keys.prompt-locked]",
    ] {
        assert!(
            written.contains(setting),
            "{setting} missing from\n{written}"
        );
    }
    // Nothing but the file itself is left in the folder (no temporary file).
    let names: Vec<_> = fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("config.toml")]);

    let out = run(rolefit(home.path()).args(["config", "check"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), format!("ok: {}", file.display()));
    assert_eq!(stderr(&out), "");
}

#[test]
fn config_init_never_replaces_a_file_without_force() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "mouse = false\n").unwrap();
    let out = run(rolefit(home.path()).args(["config", "init"]));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mouse = false\n");

    let out = run(rolefit(home.path()).args(["config", "init", "--force"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("# [keys.screens]")
    );
}

#[test]
fn config_check_names_line_and_column_and_exits_1() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    fs::write(&file, "mouse = true\n\n[keys.rate]\nedit-note = \"u\"\n").unwrap();
    let out = run(rolefit(home.path()).args(["config", "check"]).arg(&file));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:4:13: ", file.display())),
        "{err}"
    );
    assert!(err.contains("next-unrated"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    fs::write(&file, "[keys.rate]\nedit-note = \"o\"\n").unwrap();
    let out = run(rolefit(home.path()).args(["config", "check"]).arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), format!("ok: {}", file.display()));

    // A file named on the command line must exist.
    let out = run(rolefit(home.path())
        .args(["config", "check"])
        .arg(home.path().join("absent.toml")));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("absent.toml"), "{}", stderr(&out));
}

#[test]
fn config_check_warns_of_a_pale_colour_but_accepts_it() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("pale.toml");
    fs::write(&file, "[theme]\nbase = \"light\"\nkey = \"#3a7bd5\"\n").unwrap();
    let out = run(rolefit(home.path()).args(["config", "check"]).arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:3:7: warning: ", file.display())),
        "{err}"
    );
    // Too pale to read at all is refused.
    fs::write(&file, "[theme]\nbase = \"light\"\nkey = \"#ffff66\"\n").unwrap();
    let out = run(rolefit(home.path()).args(["config", "check"]).arg(&file));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(&format!("{}:3:7: ", file.display())),
        "{}",
        stderr(&out)
    );
}

// ---- the start ------------------------------------------------------------------------------

/// A broken key binding stops rolefit before anything starts: one line naming the file, line
/// and column; nothing created; no terminal mode touched (stdout stays empty).
#[test]
fn a_broken_binding_stops_the_start_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let file = config_file(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "[keys.screens]\nquit = \"hyperq\"\n").unwrap();
    let data = home.path().join("d");
    for extra in [&[][..], &["--no-mouse"][..]] {
        let out = run(rolefit(home.path())
            .arg("--data-dir")
            .arg(&data)
            .args(extra));
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("rolefit: {}:2:8: ", file.display())),
            "{err}"
        );
        assert!(err.contains("unknown key"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(stdout(&out), "");
        assert!(
            !data.exists(),
            "nothing is created with a broken configuration"
        );
    }
}

/// The same in a real terminal: the terminal is never switched to the alternate screen.
#[test]
fn a_broken_config_never_touches_the_terminal() {
    let data = DataDir::new();
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("rolefit/config.toml");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "show_targets = 1\n").unwrap();
    let mut tui = Launch::new(&data)
        .env("XDG_CONFIG_HOME", &config.path().display().to_string())
        .size(250, 10)
        .spawn();
    let status = tui.wait_exit(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 1);
    assert!(!tui.entered_alternate_screen());
    assert!(!tui.raw_mode());
    let screen = tui.screen();
    assert!(screen.contains("config.toml:1:16: "), "{screen}");
    assert!(
        screen.contains("show_targets must be true or false"),
        "{screen}"
    );
}

/// `quit = "Q"` on every screen: the footer and the help say Q, `q` no longer quits, `Q` does.
#[test]
fn a_rebinding_shows_in_the_footer_and_help_and_is_obeyed() {
    let data = DataDir::new();
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("rolefit/config.toml");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "[keys.screens]\nquit = \"Q\"\n").unwrap();
    let mut tui = Launch::new(&data)
        .env("XDG_CONFIG_HOME", &config.path().display().to_string())
        .size(100, 30)
        .spawn();
    let screen = tui.wait_for_text("Welcome to rolefit");
    assert!(screen.contains("· Q quit"), "{screen}");
    assert!(!screen.contains("q quit"), "{screen}");
    tui.send("?");
    let help = tui.wait_for("the help", |s| s.contains("save and quit"));
    let line = help
        .lines()
        .find(|l| l.contains("save and quit") && !l.contains("Ctrl-C"))
        .unwrap();
    assert!(line.contains(" Q "), "{line}");
    assert!(!line.contains(" q "), "{line}");
    tui.send("?");
    tui.wait_for("help closed", |s| !s.contains("save and quit"));
    // q is no key on a screen now: rolefit is still running after it, and quits on Q.
    tui.send("q");
    tui.send("\t");
    tui.wait_for("the Grid, after q", |s| s.contains("column"));
    assert!(tui.try_exit().is_none(), "q still quit");
    tui.send("Q");
    let status = tui.wait_exit(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 0);
}

// ---- completions and man page ---------------------------------------------------------------

/// Whether a program can be run (to syntax-check a script with it).
fn has(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(rolefit(home.path()).args(["completions", shell]));
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        // The script asks rolefit for each completion (COMPLETE=SHELL rolefit -- WORDS); the
        // subcommands and ids come from those answers (see tests/conventions.rs).
        for word in ["rolefit", "COMPLETE"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
        let checker = match shell {
            "bash" => Some(("bash", "-n")),
            "zsh" => Some(("zsh", "-n")),
            "fish" => Some(("fish", "--no-execute")),
            _ => None,
        };
        if let Some((program, flag)) = checker.filter(|(p, _)| has(p)) {
            let path = home.path().join(format!("rolefit.{shell}"));
            fs::write(&path, &script).unwrap();
            let check = std::process::Command::new(program)
                .arg(flag)
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                check.status.success(),
                "{shell}: {}",
                String::from_utf8_lossy(&check.stderr)
            );
        }
    }
    let out = run(rolefit(home.path()).args(["completions", "tcsh"]));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let home = tempfile::tempdir().unwrap();
    let out = run(rolefit(home.path()).arg("man"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH rolefit 1"), "{page}");
    assert!(page.contains(".SH NAME"), "{page}");
    for word in [
        "export",
        "framework",
        "snapshot",
        "completions",
        "config",
        "man",
        "\\-\\-theme",
    ] {
        assert!(page.contains(word), "{word} missing from the man page");
    }
    if has("man") {
        let path = home.path().join("rolefit.1");
        fs::write(&path, &page).unwrap();
        let shown = std::process::Command::new("man")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .unwrap();
        if shown.status.success() {
            assert!(String::from_utf8_lossy(&shown.stdout).contains("rolefit"));
        }
    }
}

/// The example in the README's Configuration section is a file `config check` accepts.
#[test]
fn the_readme_example_passes_config_check() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Configuration")
        .expect("a Configuration section")..];
    let start = section.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    assert!(example.contains("[keys."), "{example}");
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("example.toml");
    fs::write(&file, example).unwrap();
    let out = run(rolefit(home.path()).args(["config", "check"]).arg(&file));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A configured colour reaches the screen: the selected row is drawn on `selected_bg`, and
/// under NO_COLOR no colour is drawn at all.
#[test]
fn a_configured_colour_is_drawn_and_no_color_still_wins() {
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("rolefit/config.toml");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(
        &file,
        "[theme]\nbase = \"dark\"\nselected_bg = \"#3b4261\"\n",
    )
    .unwrap();
    let wanted = vt100::Color::Rgb(0x3b, 0x42, 0x61);
    let cells_on = |tui: &common::pty::Tui| {
        tui.with_screen(|screen| {
            let (rows, cols) = screen.size();
            let (rows, cols): (u16, u16) = (rows.into(), cols.into());
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter(|&(r, c)| {
                    screen
                        .cell(r, c)
                        .is_some_and(|cell| cell.bgcolor() == wanted)
                })
                .count()
        })
    };
    for no_color in [false, true] {
        let data = DataDir::new();
        let mut launch = Launch::new(&data)
            .env("XDG_CONFIG_HOME", &config.path().display().to_string())
            .size(100, 30);
        if no_color {
            launch = launch.env("NO_COLOR", "1");
        }
        let mut tui = launch.spawn();
        tui.wait_for_text("Project Manager");
        tui.send("\t");
        tui.wait_for("the Grid", |s| s.contains("column"));
        if no_color {
            assert_eq!(cells_on(&tui), 0);
        } else {
            assert!(
                cells_on(&tui) > 10,
                "no selected row on the configured colour"
            );
        }
        tui.send("q");
        assert_eq!(tui.wait_exit(Duration::from_secs(10)).exit_code(), 0);
    }
}
