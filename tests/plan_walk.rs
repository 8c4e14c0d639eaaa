//! The plan as a new user lives it, through the real loop on a test clock: rate, plan the
//! largest gap with two dated actions, quit, come back a day later to a notice, mark one done
//! with a note, rate again, and see the change on Results and in the round's `diff`.

mod headless;

use std::process::Command;

use headless::run;
use rolefit::domain::{ActionStatus, Level, Screen};

/// 2027-03-01T09:00:00Z, and the days after it.
fn day(n: i64) -> Option<i64> {
    Some(1_803_891_600 + n * 86_400)
}

fn rate_all(levels: [char; 7]) -> String {
    let fw = rolefit::storage::framework::builtin();
    let mut keys = String::from("<tab><tab>");
    for c in &fw.competencies {
        keys.push(levels[c.area]);
    }
    keys
}

#[test]
fn rate_plan_come_back_a_day_later_mark_done_rate_again_and_see_it_in_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    rolefit::clock::set_test_now(day(0));
    // Rate everything, close a round on Results (to compare with later), then Tab to Plan: it
    // opens on the first gap row, the largest gap.
    let mut keys = rate_all(['4', '4', '3', '1', '3', '1', '1']);
    keys.push_str("<tab>cfirst go<enter><tab>");
    keys.push_str("aShadow the PMO lead on two gate reviews<enter>d+2w<enter>");
    keys.push_str("aWrite the benefits section<enter>d2027-03-01<enter>q");
    let r = run(dir.path(), &keys, (80, 24));
    let largest = r.app.results().summary.rows[0].competency;
    let id = r.app.framework().competencies[largest].id.clone();
    let before = r.app.sheet().level(largest).unwrap();
    let item = &r.app.assessment().plan[&id];
    assert_eq!(item.actions.len(), 2, "{:?}", r.app.assessment().plan);
    assert_eq!(r.app.assessment().history.len(), 1);

    // A day later: the start says one action is overdue, calmly, on one line.
    rolefit::clock::set_test_now(day(1));
    let r = run(dir.path(), "", (80, 24));
    assert_eq!(r.app.screen(), Screen::Plan);
    let notice = r.app.notice_text().as_deref().unwrap().to_string();
    assert!(
        notice.contains("1 plan action overdue: see the Plan tab"),
        "{notice}"
    );
    assert!(r.screen.contains("Overdue (1)"), "{}", r.screen);

    // The overdue one comes first: mark it done with a note, take the offer to rate again,
    // and rate it two levels higher; then Results.
    let higher = char::from(b'0' + before.value() + 2);
    let script = format!("<home>xBoard paper accepted<enter>y{higher}<tab>");
    let r = run(dir.path(), &script, (80, 24));
    let (_, done) = r
        .app
        .assessment()
        .actions()
        .find(|(_, a)| a.text == "Write the benefits section")
        .unwrap();
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.evidence, "Board paper accepted");
    assert_eq!(r.app.screen(), Screen::Results);
    assert_eq!(r.app.sheet().level(largest), Level::new(before.value() + 2));
    // Results' gap table shows the new level for it.
    let row = r
        .app
        .results()
        .summary
        .rows
        .iter()
        .find(|row| row.competency == largest)
        .unwrap();
    assert_eq!(row.level, Level::new(before.value() + 2));

    // The round's diff shows the change.
    let out = Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("diff")
        .env("ROLEFIT_NOW", "2027-03-02T10:00:00Z")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let line = format!("{} → {} (rose)", before.value(), before.value() + 2);
    assert!(
        report.contains(id.as_str()) && report.contains(&line),
        "{report}"
    );
    rolefit::clock::set_test_now(None);
}

#[test]
fn a_round_older_than_the_interval_asks_whether_it_is_time_to_rate_again() {
    let dir = tempfile::tempdir().unwrap();
    rolefit::clock::set_test_now(day(0));
    let keys = rate_all(['4', '4', '3', '1', '3', '1', '1']) + "<tab>c<enter>q";
    run(dir.path(), &keys, (80, 24));
    // 89 days on: nothing said.
    rolefit::clock::set_test_now(day(89));
    let r = run(dir.path(), "", (80, 24));
    assert!(
        !r.app
            .notice_text()
            .as_deref()
            .unwrap_or("")
            .contains("re-rate"),
        "{:?}",
        r.app.notice_text().as_deref()
    );
    rolefit::clock::set_test_now(day(90));
    let r = run(dir.path(), "", (80, 24));
    assert!(
        r.app
            .notice_text()
            .as_deref()
            .unwrap_or("")
            .contains("your last round was 90 days ago: time to re-rate?"),
        "{:?}",
        r.app.notice_text().as_deref()
    );
    rolefit::clock::set_test_now(None);
}
