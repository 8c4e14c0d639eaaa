//! Every word typed is on disk within the save window: the note and plan editors keep what is
//! typed as the note or plan itself, saved on the same debounce as a rating, and the footer
//! says "changes pending" until it is written. After a kill -9 with an editor open, the next
//! start opens that editor again on what was typed. The real binary in a pseudo-terminal.

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{DataDir, Key, Tui};

const EXIT: Duration = Duration::from_secs(10);

/// The save-state line above the key footer.
fn status_row(screen: &str) -> &str {
    let rows: Vec<&str> = screen.split('\n').collect();
    rows[rows.len().saturating_sub(2)]
}

/// The footer says the last change is saved, with nothing pending.
fn saved_clean(screen: &str) -> bool {
    let status = status_row(screen);
    status.contains("Saved ") && !status.contains("pending")
}

fn read_table(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    text.parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"))
}

/// A key of `[position]`, as text.
fn position(table: &toml::Table, key: &str) -> Option<String> {
    Some(table.get("position")?.get(key)?.as_str()?.to_string())
}

/// Types `text` one key at a time, and checks that the first frame showing each new key says
/// the change is pending (never a bare "Saved" while typed text is not on disk yet).
fn type_watching_the_footer(tui: &mut Tui, before: &str, text: &str) {
    let mut shown = before.to_string();
    for c in text.chars() {
        shown.push(c);
        if c.is_whitespace() {
            // Trailing blanks are not part of a note: nothing to save, nothing redrawn.
            tui.send(&c.to_string());
            continue;
        }
        let since = tui.frame_count();
        tui.send(&c.to_string());
        let status = std::cell::RefCell::new(String::new());
        tui.wait_for_frames(since, "the key on screen", |frames| {
            // The first complete frame with the key is the one drawn for it, before the
            // debounced save could have run.
            match frames.iter().find(|f| f.contains(&shown)) {
                Some(first) => {
                    *status.borrow_mut() = status_row(first).to_string();
                    true
                }
                None => false,
            }
        });
        let status = status.into_inner();
        assert!(
            status.contains("pending") || status.contains("Not saved yet"),
            "after typing {c:?} the footer said {status:?}"
        );
    }
}

/// rolefit on a first run, with DP1 rated 3 and the note editor open on DP1.
fn note_editor_on_dp1(data: &DataDir) -> Tui {
    let mut tui = Tui::start(data);
    tui.wait_for_text("Welcome to rolefit");
    tui.send("\t\t");
    tui.wait_for("Rate, saved", |s| s.contains("DP1") && saved_clean(s));
    tui.send("3");
    tui.wait_for_text("DP2");
    tui.send_key(Key::Left);
    tui.wait_for_text("DP1");
    tui.send("e");
    tui.wait_for_text("Note · editing");
    tui
}

#[test]
fn a_note_being_typed_is_saved_while_its_editor_is_open_and_comes_back_after_kill_9() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = note_editor_on_dp1(&data);
    let typed = "Ran the ERP cutover";
    let since = tui.frame_count();
    tui.send(typed);
    // The frame drawn for the keys says the change is pending, not just "Saved".
    tui.wait_for_frames(since, "the typed text with the save pending", |frames| {
        frames
            .iter()
            .any(|f| f.contains(typed) && status_row(f).contains("pending"))
    });
    tui.wait_for("the typed text saved, the editor still open", |s| {
        s.contains("Note · editing") && s.contains(typed) && saved_clean(s)
    });
    let table = read_table(&file);
    assert_eq!(table["ratings"]["DP1"]["note"].as_str(), Some(typed));
    assert_eq!(position(&table, "editor").as_deref(), Some("note"));
    assert_eq!(
        position(&table, "editor_competency").as_deref(),
        Some("DP1")
    );

    tui.kill_9();
    let mut tui = Tui::start(&data);
    let screen = tui.wait_for("the note editor open again on what was typed", |s| {
        s.contains("Note · editing") && s.contains(typed)
    });
    assert!(
        screen.contains("You were writing the note for DP1"),
        "{screen}"
    );
    // Typing goes on where it stopped; Esc keeps the note and closes the editor, which the
    // file then no longer records as open.
    type_watching_the_footer(&mut tui, typed, " smoothly");
    tui.send_key(Key::Esc);
    tui.wait_for("the editor closed and saved", |s| {
        !s.contains("Note · editing") && saved_clean(s)
    });
    tui.send("q");
    tui.wait_exit(EXIT);
    let table = read_table(&file);
    assert_eq!(
        table["ratings"]["DP1"]["note"].as_str(),
        Some("Ran the ERP cutover smoothly")
    );
    assert_eq!(position(&table, "editor"), None, "{table:#?}");
}

#[test]
fn a_plan_being_typed_is_saved_while_its_editor_is_open_and_comes_back_after_kill_9() {
    let data = DataDir::new();
    let file = data.default_file();
    let mut tui = note_editor_on_dp1(&data);
    tui.send_key(Key::Esc);
    tui.wait_for("the note editor closed", |s| !s.contains("Note · editing"));
    // Results, the gap table, Enter on DP1's row: the plan editor.
    tui.send("\t");
    tui.wait_for_text("[Results]");
    tui.send_key(Key::Enter);
    tui.wait_for_text("Plan for DP1");
    tui.send("4\t");
    let action = "Shadow the programme lead";
    tui.send(action);
    tui.wait_for("the plan typed and saved, the editor open", |s| {
        s.contains("Plan for DP1") && s.contains(action) && saved_clean(s)
    });
    let table = read_table(&file);
    assert_eq!(
        table["plan"]["DP1"]["actions"][0]["text"].as_str(),
        Some(action)
    );
    assert_eq!(table["plan"]["DP1"]["target"].as_integer(), Some(4));
    assert_eq!(position(&table, "editor").as_deref(), Some("plan"));

    tui.kill_9();
    let mut tui = Tui::start(&data);
    let screen = tui.wait_for("the plan editor open again", |s| {
        s.contains("Plan for DP1") && s.contains(action)
    });
    assert!(
        screen.contains("You were writing the plan for DP1"),
        "{screen}"
    );
    tui.send_key(Key::Esc);
    tui.wait_for("the plan editor closed and saved", |s| {
        s.contains("Plan for DP1 saved") && saved_clean(s)
    });
    tui.send("q");
    tui.wait_exit(EXIT);
    let table = read_table(&file);
    assert_eq!(
        table["plan"]["DP1"]["actions"][0]["text"].as_str(),
        Some(action)
    );
    assert_eq!(position(&table, "editor"), None);
}

/// Writes an executable shell script `name` into `dir`, for `$EDITOR`.
fn editor_script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The note folders left in `tmp`.
fn note_folders(tmp: &Path) -> Vec<String> {
    std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("rolefit-note-"))
        .collect()
}

/// rolefit on Rate (DP1) with `$EDITOR` set to `editor`, its temp folder `tmp`, under `umask`.
fn on_rate_with_editor(data: &DataDir, tmp: &Path, editor: &Path, umask: u32) -> Tui {
    let mut tui = common::pty::Launch::new(data)
        .size(100, 30)
        .umask(umask)
        .env("VISUAL", "")
        .env("EDITOR", editor.to_str().unwrap())
        .env("TMPDIR", tmp.to_str().unwrap())
        .spawn();
    tui.wait_for("Rate or the welcome", |s| {
        s.contains("Welcome to rolefit") || s.contains("[Rate]")
    });
    if !tui.screen().contains("[Rate]") {
        tui.send("\t\t");
        tui.wait_for("Rate, saved", |s| s.contains("[Rate]") && saved_clean(s));
    }
    tui
}

/// R-NS2: under umask 0 the editor's folder is still 0700, and a note replaced by a link to
/// another file (as another user could do in a shared folder) is not read through the link:
/// the note stays as it was and the footer says why.
#[test]
fn the_editors_folder_is_private_and_a_link_in_it_is_not_followed() {
    let data = DataDir::new();
    let tmp = data.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let secret = data.path().join("secret.txt");
    std::fs::write(&secret, "the victim's secret").unwrap();
    let seen = data.path().join("seen.txt");
    let editor = editor_script(
        data.path(),
        "editor.sh",
        &format!(
            "stat -c %a \"$(dirname \"$1\")\" > '{seen}'\nrm \"$1\"\nln -s '{secret}' \"$1\"",
            seen = seen.display(),
            secret = secret.display()
        ),
    );
    let mut tui = on_rate_with_editor(&data, &tmp, &editor, 0);
    tui.send("E");
    let screen = tui.wait_for_text("link");
    assert!(!screen.contains("the victim's secret"), "{screen}");
    assert_eq!(std::fs::read_to_string(&seen).unwrap().trim(), "700");
    tui.send("q");
    tui.wait_exit(EXIT);
    let text = std::fs::read_to_string(data.default_file()).unwrap();
    assert!(!text.contains("secret"), "{text}");
    assert!(note_folders(&tmp).is_empty(), "{:?}", note_folders(&tmp));
}

/// R-NS5: kill -9 while `$EDITOR` is open leaves its folder; the next start removes it, and
/// takes back the note the editor had saved.
#[test]
fn a_kill_while_the_editor_is_open_leaves_nothing_behind_and_loses_no_note() {
    let data = DataDir::new();
    let tmp = data.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let saved = data.path().join("saved");
    let editor = editor_script(
        data.path(),
        "editor.sh",
        &format!(
            "printf 'written in the editor' > \"$1\"\ntouch '{}'\nexec sleep 5",
            saved.display()
        ),
    );
    let mut tui = on_rate_with_editor(&data, &tmp, &editor, 0o022);
    tui.send("E");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !saved.exists() {
        assert!(std::time::Instant::now() < deadline, "the editor never ran");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(note_folders(&tmp).len(), 1);
    tui.kill_9();
    assert_eq!(note_folders(&tmp).len(), 1, "left by the kill");
    let mut tui = on_rate_with_editor(&data, &tmp, &editor, 0o022);
    let screen = tui.wait_for_text("Took back the note for DP1");
    assert!(note_folders(&tmp).is_empty(), "{:?}", note_folders(&tmp));
    let table = read_table(&data.default_file());
    assert_eq!(
        table["ratings"]["DP1"]["note"].as_str(),
        Some("written in the editor"),
        "{screen}"
    );
    tui.send("q");
    tui.wait_exit(EXIT);
}

/// N-D37: an empty note goes to the editor as an empty file, so an editor that appends (here
/// `echo hello >> "$1"`) gives back a note starting with its text, not a blank line.
#[test]
fn an_empty_note_edited_by_appending_has_no_blank_first_line() {
    let data = DataDir::new();
    let tmp = data.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let editor = editor_script(data.path(), "append.sh", "echo hello >> \"$1\"");
    let mut tui = on_rate_with_editor(&data, &tmp, &editor, 0o022);
    tui.send("E");
    tui.wait_for_text("Note updated from the editor");
    tui.send("q");
    tui.wait_exit(EXIT);
    let text = std::fs::read_to_string(data.default_file()).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(
        table["ratings"]["DP1"]["note"].as_str(),
        Some("hello"),
        "{text}"
    );
}
