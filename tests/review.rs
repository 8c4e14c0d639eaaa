//! A second opinion end to end with the real binary: `review request`, the reviewer filling
//! the file in (through the library, and in a pty through `rolefit review FILE`), `review
//! import` with its refusals, and the exports that include the review.
//!
//! One file because a second opinion is one flow: request, fill in, import, export share its
//! files and helpers.

mod cmd_support;
mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use cmd_support::{line_col, rolefit, run, stderr, stdout};
use common::pty::{DataDir, Launch};
use rolefit::domain::{Level, Rating};

/// A scratch home with a data folder; `rolefit` runs with `--data-dir` pointing into it.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn assessment(&self, name: &str) -> PathBuf {
        self.data().join("assessments").join(format!("{name}.toml"))
    }

    /// Runs rolefit with `args` after `--data-dir`.
    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut cmd = rolefit(self.path());
        cmd.arg("--data-dir").arg(self.data()).args(args);
        cmd.current_dir(self.path());
        run(&mut cmd)
    }

    /// Runs rolefit and requires success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}{}",
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    /// Rates competencies of the assessment `name`.
    fn rate(&self, name: &str, ratings: &[(&str, &str)]) {
        for (id, level) in ratings {
            self.ok(&["-a", name, "rate", id, level]);
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }
}

fn level(n: u8) -> Option<Rating> {
    Some(Rating::Level(Level::new(n).unwrap()))
}

/// What a reviewer does in `rolefit review FILE`, through the library: gives a name and rates.
fn fill_in(path: &Path, reviewer: &str, ratings: &[(&str, u8)]) {
    let fw = rolefit::storage::framework::builtin();
    let text = std::fs::read_to_string(path).unwrap();
    let mut review = rolefit::review::parse(&text, &fw).unwrap();
    review.set_reviewer(reviewer);
    for (id, n) in ratings {
        review.assessment.set_rating(&(*id).into(), level(*n));
    }
    review
        .assessment
        .set_note(&"DP1".into(), "Saw the plan slip.".into());
    rolefit::storage::atomic::write_atomic(path, review.to_toml().as_bytes()).unwrap();
}

#[test]
fn request_fill_in_import_and_export() {
    let home = Home::new();
    let request = requests_a_review_sharing_self(&home);

    // Sam fills it in: DP1 two below Alex's own, RI1 two below, GV1 the same.
    sam_fills_it_in_and_it_is_imported(&home, &request);

    // The exports carry the review.
    the_exports_carry_the_review(&home);

    // Importing the same review again, filled in further, replaces it.
    a_second_import_replaces_the_review(&home, &request);

    // A second reviewer is kept beside the first.
    a_second_reviewer_is_kept(&home);
}

/// Alex rates and asks for a review sharing their ratings; checks the request; returns it.
fn requests_a_review_sharing_self(home: &Home) -> PathBuf {
    home.rate(
        "alex",
        &[("DP1", "4"), ("DP2", "1"), ("RI1", "5"), ("GV1", "3")],
    );
    home.ok(&[
        "-a",
        "alex",
        "rate",
        "DP1",
        "4",
        "--note",
        "Ran the ERP plan",
    ]);
    let request = home.file("alex-review.toml");
    let out = home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
        "--share-self",
    ]);
    assert!(out.contains("send "), "{out}");
    assert!(out.contains("rolefit review "), "{out}");
    assert!(out.contains("rolefit review import"), "{out}");
    let text = std::fs::read_to_string(&request).unwrap();
    assert!(text.contains("kind = \"review\""), "{text}");
    assert!(text.contains("[self.DP1]"), "{text}");
    assert!(text.contains("Ran the ERP plan"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&request).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    request
}

/// Checks Sam's filled-in review imports, and Alex's own ratings are untouched.
fn sam_fills_it_in_and_it_is_imported(home: &Home, request: &Path) {
    fill_in(request, "Sam", &[("DP1", 2), ("RI1", 3), ("GV1", 3)]);
    let before = std::fs::read_to_string(home.assessment("alex")).unwrap();
    let out = home.ok(&["-a", "alex", "review", "import", request.to_str().unwrap()]);
    assert!(out.contains("Imported Sam's review of alex"), "{out}");
    assert!(out.contains("3 of 33"), "{out}");
    let after = std::fs::read_to_string(home.assessment("alex")).unwrap();
    assert!(
        after.starts_with(&format!(
            "{}format = 1\n",
            rolefit::storage::codec::FILE_HEADER
        )),
        "{after}"
    );
    assert!(after.contains("[reviews.Sam]"), "{after}");
    assert!(after.contains("[reviews.Sam.ratings.DP1]"), "{after}");
    // Alex's own ratings are untouched.
    let own = |text: &str| {
        rolefit::storage::codec::parse(text, "alex")
            .unwrap()
            .current_ratings()
    };
    assert_eq!(own(&before), own(&after));
}

/// Checks the JSON, Markdown and CSV exports carry Sam's review.
fn the_exports_carry_the_review(home: &Home) {
    let json: serde_json::Value =
        serde_json::from_str(&home.ok(&["-a", "alex", "export", "--format", "json"])).unwrap();
    let review = &json["reviews"][0];
    assert_eq!(review["reviewer"], "Sam");
    assert_eq!(review["ratings"]["DP1"], 2);
    assert_eq!(review["notes"]["DP1"], "Saw the plan slip.");
    assert_eq!(
        review["calibration"]["talk_about"],
        serde_json::json!(["DP1", "RI1"])
    );
    let md = home.ok(&["-a", "alex", "export"]);
    assert!(md.contains("## Second opinions"), "{md}");
    assert!(
        md.contains("You rate yourself higher than Sam on 2 competencies, never lower; 2 differ by two levels or more — talk about these."),
        "{md}"
    );
    let csv = home.ok(&["-a", "alex", "export", "--format", "csv"]);
    assert!(
        csv.lines().next().unwrap().ends_with(",review_Sam,person"),
        "{csv}"
    );
}

/// Checks the same review, filled in further and imported again, replaces the first.
fn a_second_import_replaces_the_review(home: &Home, request: &Path) {
    fill_in(request, "Sam", &[("DP2", 1)]);
    let out = home.ok(&["-a", "alex", "review", "import", request.to_str().unwrap()]);
    assert!(out.contains("replaces the review Sam gave before"), "{out}");
    let a = rolefit::storage::codec::parse(
        &std::fs::read_to_string(home.assessment("alex")).unwrap(),
        "alex",
    )
    .unwrap();
    assert_eq!(a.reviews.len(), 1);
    assert_eq!(a.reviews["Sam"].rating(&"DP2".into()), level(1));
}

/// Checks a second reviewer's review is kept beside the first.
fn a_second_reviewer_is_kept(home: &Home) {
    let second = home.file("for-kim.toml");
    home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        second.to_str().unwrap(),
    ]);
    fill_in(&second, "Kim", &[("DP1", 5)]);
    home.ok(&["-a", "alex", "review", "import", second.to_str().unwrap()]);
    let json: serde_json::Value =
        serde_json::from_str(&home.ok(&["-a", "alex", "export", "--format", "json"])).unwrap();
    let names: Vec<&str> = json["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reviewer"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Kim", "Sam"]);
}

#[test]
fn a_request_without_share_self_holds_none_of_the_persons_ratings() {
    let home = Home::new();
    home.ok(&[
        "-a",
        "alex",
        "rate",
        "DP1",
        "4",
        "--note",
        "Secret evidence",
    ]);
    let request = home.file("r.toml");
    let out = home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);
    assert!(
        out.contains("none of your ratings or notes are in it"),
        "{out}"
    );
    let text = std::fs::read_to_string(&request).unwrap();
    assert!(!text.contains("Secret"), "{text}");
    assert!(!text.contains("[self"), "{text}");
    assert!(!text.contains("level"), "{text}");
    assert!(text.contains("name = \"alex\""), "{text}");
}

#[test]
fn a_request_never_overwrites_a_file() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "4")]);
    let request = home.file("r.toml");
    std::fs::write(&request, "a reviewer's work").unwrap();
    let out = home.run(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&request).unwrap(),
        "a reviewer's work"
    );
    // Nor onto the assessment itself.
    let own = home.assessment("alex");
    let before = std::fs::read(&own).unwrap();
    let out = home.run(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        own.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&own).unwrap(), before);
}

/// Runs an import that must be refused: exit 1, one line on stderr containing `needle`, and
/// the assessment byte for byte as it was.
fn refused(home: &Home, name: &str, file: &Path, needle: &str) -> String {
    let path = home.assessment(name);
    let before = std::fs::read(&path).unwrap();
    let out = home.run(&["-a", name, "review", "import", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err:?} should contain {needle:?}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the assessment changed"
    );
    err
}

#[test]
fn imports_that_do_not_fit_are_refused_and_change_nothing() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "4")]);
    home.rate("bob", &[("DP1", "2")]);
    let request = home.file("r.toml");
    home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);

    // Nobody has filled it in yet.
    refused(
        &home,
        "alex",
        &request,
        "nobody has filled in this review yet",
    );

    fill_in(&request, "Sam", &[("DP1", 2)]);
    // A review of Alex into Bob's assessment.
    refused(
        &home,
        "bob",
        &request,
        "the review is of \"alex\", not of \"bob\"",
    );

    // Edited by hand: a level 9, then an id the framework lacks; each named by line and column.
    let text = std::fs::read_to_string(&request).unwrap();
    let nine = home.file("nine.toml");
    let edited = text.replacen("level = 2", "level = 9", 1);
    std::fs::write(&nine, &edited).unwrap();
    let (line, column) = line_col(&edited, edited.find("9\n").unwrap());
    let err = refused(&home, "alex", &nine, "level 9 is outside the scale");
    assert!(
        err.contains(&format!("nine.toml:{line}:{column}:")),
        "{err}"
    );

    let unknown = home.file("unknown.toml");
    let edited = text.replace("[ratings.DP1]", "[ratings.XX9]");
    std::fs::write(&unknown, &edited).unwrap();
    let (line, column) = line_col(&edited, edited.find("XX9").unwrap());
    let err = refused(&home, "alex", &unknown, "\"XX9\" is not a competency");
    assert!(
        err.contains(&format!("unknown.toml:{line}:{column}:")),
        "{err}"
    );

    // Made for another framework.
    let other = home.file("other.toml");
    std::fs::write(
        &other,
        text.replace("framework = \"pm-vs-pmo\"", "framework = \"sfia\""),
    )
    .unwrap();
    refused(&home, "alex", &other, "made for the framework \"sfia\"");

    // An assessment is not a review.
    let plain = home.assessment("bob");
    let copy = home.file("bob-copy.toml");
    std::fs::copy(&plain, &copy).unwrap();
    refused(&home, "alex", &copy, "not a review file");

    // A file that is not there.
    refused(
        &home,
        "alex",
        &home.file("missing.toml"),
        "there is no review file",
    );
}

#[test]
fn opening_a_review_without_a_terminal_says_how_to_give_a_name() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "4")]);
    let request = home.file("r.toml");
    home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);
    let before = std::fs::read(&request).unwrap();
    let out = home.run(&["review", request.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--reviewer NAME"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&request).unwrap(), before);
    // `rolefit review` alone is a usage error.
    let out = home.run(&["review"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_reviewer_names_themselves_and_rates_in_the_full_screen_app() {
    let data = DataDir::new();
    let fw = rolefit::storage::framework::builtin();
    let mut person = rolefit::domain::Assessment::new("alex", &fw, rolefit::clock::now_utc());
    person.set_rating(&"DP1".into(), level(4));
    let request = rolefit::review::request(&person, &fw, true, "r1", rolefit::clock::now_utc());
    let path = data.path().join("alex-review.toml");
    std::fs::write(&path, request.to_toml()).unwrap();

    // At 100×30, where the competency's text shows down to the second opinions (at 80×24 the
    // levels take the rows and the text scrolls).
    let mut tui = Launch::new(&data)
        .size(100, 30)
        .arg("review")
        .arg(path.to_str().unwrap())
        .spawn();
    tui.wait_for_output("the name question", |out| out.contains("Your name"));
    tui.send("Sam Lee\r");
    // The app opens on Rate at the first competency, saying whose review it is.
    tui.wait_for_text("Reviewing alex as Sam Lee");
    let screen = tui.wait_for_text("DP1");
    // Alex's own rating stays hidden until Sam has rated DP1.
    assert!(
        screen.contains("shown once you have rated this"),
        "{screen}"
    );
    tui.send("2");
    let screen = tui.wait_for_text("DP2");
    assert!(!screen.contains("alex's own rating: 4"), "{screen}");
    tui.send("3");
    tui.wait_for_text("DP3");
    tui.send_key(common::pty::Key::Left);
    tui.send_key(common::pty::Key::Left);
    let screen = tui.wait_for_text("alex's own rating: 4");
    assert!(screen.contains("talk about this"), "{screen}");
    tui.send("q");
    let status = tui.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");

    let text = std::fs::read_to_string(&path).unwrap();
    let review = rolefit::review::parse(&text, &fw).unwrap();
    assert_eq!(review.reviewer.as_deref(), Some("Sam Lee"));
    assert_eq!(review.assessment.rating(&"DP1".into()), level(2));
    assert_eq!(review.assessment.rating(&"DP2".into()), level(3));
    // The request's keys and the shared ratings are written back as they were.
    assert_eq!(review.id, "r1");
    assert_eq!(review.shared_self[&"DP1".into()].rating, level(4));
    assert!(text.contains("kind = \"review\""), "{text}");
}

/// A file with two imported reviews, then changed (`rolefit rate DP4 1`) and saved by a rolefit
/// built before reviews existed: it kept `[reviews.*]` as tables it did not know. This build
/// reads them back whole.
#[test]
fn reviews_survive_a_save_by_a_build_without_them() {
    let text = include_str!("fixtures/reviews/saved-by-a-build-without-reviews.toml");
    let a = rolefit::storage::codec::parse(text, "alex").unwrap();
    assert_eq!(a.reviews.keys().collect::<Vec<_>>(), ["Kim", "Sam"]);
    assert_eq!(a.reviews["Sam"].rating(&"DP1".into()), level(2));
    assert_eq!(a.reviews["Kim"].rating(&"DP1".into()), level(5));
    assert_eq!(
        a.rating(&"DP4".into()),
        level(1),
        "the older build's own change"
    );
    assert!(a.extra.is_empty(), "{:?}", a.extra);
}

#[test]
fn a_request_into_a_missing_folder_says_so_in_review_words() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "4")]);
    let target = home.file("no-such-folder/r.toml");
    let out = home.run(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        err.contains("review file") && !err.contains("report"),
        "{err}"
    );
}

#[test]
fn show_prints_the_second_opinions_in_plain_text() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "4"), ("DP2", "3")]);
    let request = home.file("r.toml");
    home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);
    fill_in(&request, "Sam", &[("DP1", 2), ("DP2", 3), ("DP3", 1)]);
    home.ok(&["-a", "alex", "review", "import", request.to_str().unwrap()]);
    let one = home.ok(&["-a", "alex", "show", "DP1"]);
    assert!(
        one.contains("Second opinion: Sam 2 — talk about this: two levels or more from your 4."),
        "{one}"
    );
    // Not rated by Alex: Sam's level stays hidden.
    let hidden = home.ok(&["-a", "alex", "show", "DP3"]);
    assert!(
        hidden.contains("shown once you have rated this"),
        "{hidden}"
    );
    assert!(!hidden.contains("Sam 1"), "{hidden}");
    let results = home.ok(&["-a", "alex", "show"]);
    assert!(
        results.contains("You rate yourself higher than Sam on 1 competency, never lower; 1 differs by two levels or more — talk about it."),
        "{results}"
    );
}

#[test]
fn a_reviewer_can_fill_a_review_in_plain_mode() {
    use std::io::Write;
    let home = Home::new();
    home.rate("alex", &[("DP1", "4")]);
    let request = home.file("r.toml");
    home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);
    let mut cmd = rolefit(home.path());
    cmd.args([
        "--plain",
        "review",
        request.to_str().unwrap(),
        "--reviewer",
        "Sam",
    ])
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"2\n3\nq\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let review = rolefit::review::parse(
        &std::fs::read_to_string(&request).unwrap(),
        &rolefit::storage::framework::builtin(),
    )
    .unwrap();
    assert_eq!(review.reviewer.as_deref(), Some("Sam"));
    assert_eq!(review.assessment.rating(&"DP1".into()), level(2));
    assert_eq!(review.assessment.rating(&"DP2".into()), level(3));
}

/// Imports `file` into alex's assessment; returns stdout.
fn import(home: &Home, file: &Path) -> String {
    home.ok(&["-a", "alex", "review", "import", file.to_str().unwrap()])
}

/// The reviews in alex's assessment, by reviewer, with their DP1 rating.
fn reviews(home: &Home) -> Vec<(String, Option<Rating>)> {
    let text = std::fs::read_to_string(home.assessment("alex")).unwrap();
    let a = rolefit::storage::codec::parse(&text, "alex").unwrap();
    a.reviews
        .iter()
        .map(|(name, r)| (name.clone(), r.rating(&"DP1".into())))
        .collect()
}

/// One request copied to two reviewers (the same review id): both reviews are kept, and a
/// re-import from one of them replaces only theirs, saying whose it replaces.
#[test]
fn one_request_filled_in_by_two_reviewers_keeps_both() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "3")]);
    let request = home.file("rq.toml");
    home.ok(&["-a", "alex", "review", "request", "-o", "rq.toml"]);
    let (kim, eve) = (home.file("kim.toml"), home.file("eve.toml"));
    std::fs::copy(&request, &kim).unwrap();
    std::fs::copy(&request, &eve).unwrap();
    fill_in(&kim, "Kim", &[("DP1", 4)]);
    fill_in(&eve, "Eve", &[("DP1", 2)]);
    let out = import(&home, &kim);
    assert!(!out.contains("replaces"), "{out}");
    let out = import(&home, &eve);
    assert!(!out.contains("replaces"), "{out}");
    assert_eq!(
        reviews(&home),
        [("Eve".to_string(), level(2)), ("Kim".to_string(), level(4))]
    );
    // Kim rates again and sends the file back: only Kim's review is replaced.
    fill_in(&kim, "Kim", &[("DP1", 5)]);
    let out = import(&home, &kim);
    assert!(
        out.contains("(it replaces the review Kim gave before)"),
        "{out}"
    );
    assert_eq!(
        reviews(&home),
        [("Eve".to_string(), level(2)), ("Kim".to_string(), level(5))]
    );
}

/// A review file whose competencies hash is missing or altered is refused with what differs,
/// not with a sentence naming the same framework twice.
#[test]
fn a_review_whose_competencies_differ_says_so() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "3")]);
    home.ok(&["-a", "alex", "review", "request", "-o", "r.toml"]);
    let text = std::fs::read_to_string(home.file("r.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("competencies_hash"))
        .unwrap()
        .to_string();
    for changed in [
        text.replace(&format!("{line}\n"), ""),
        text.replace(&line, "competencies_hash = \"fnv1a64:0000000000000000\""),
    ] {
        std::fs::write(home.file("r.toml"), &changed).unwrap();
        let out = home.run(&["--plain", "review", "r.toml", "--reviewer", "Sam"]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(
            err.contains(
                "the competencies in r.toml differ from those of pm-vs-pmo version 1 here (the file was changed or made with an edited framework)"
            ),
            "{err}"
        );
        assert!(!err.contains("not for"), "{err}");
        assert_eq!(
            std::fs::read_to_string(home.file("r.toml")).unwrap(),
            changed
        );
    }
}

/// A review of an assessment made with a framework file: `review request` tells the person the
/// reviewer needs that file, and a reviewer opening it without the file is told to give it
/// with --framework.
#[test]
fn a_review_made_with_a_framework_file_says_the_reviewer_needs_it() {
    let home = Home::new();
    std::fs::write(home.file("s10.toml"), cmd_support::framework(&[0, 1, 2, 3])).unwrap();
    home.ok(&["-a", "f2", "--framework", "s10.toml", "rate", "C.0", "3"]);
    let out = home.ok(&["-a", "f2", "review", "request", "-o", "rf2.toml"]);
    assert!(
        out.contains("s10.toml") && out.contains("--framework"),
        "{out}"
    );
    // Built-in framework: no word of a framework file.
    home.rate("alex", &[("DP1", "3")]);
    let out = home.ok(&["-a", "alex", "review", "request", "-o", "r.toml"]);
    assert!(!out.contains("--framework"), "{out}");

    // The reviewer, elsewhere, without the file.
    let reviewer = Home::new();
    std::fs::copy(home.file("rf2.toml"), reviewer.file("rf2.toml")).unwrap();
    let out = reviewer.run(&["--plain", "review", "rf2.toml", "--reviewer", "Sam"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("\"t.fw\""), "{err}");
    assert!(
        err.contains("run it with --framework FILE, using the framework file for \"t.fw\" that the person used"),
        "{err}"
    );
    // With it, the review opens.
    std::fs::copy(home.file("s10.toml"), reviewer.file("theirs.toml")).unwrap();
    let mut cmd = rolefit(reviewer.path());
    cmd.current_dir(reviewer.path()).args([
        "--framework",
        "theirs.toml",
        "--plain",
        "review",
        "rf2.toml",
        "--reviewer",
        "Sam",
    ]);
    let out = run(&mut cmd);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A review request carries the person's name: the reviewer is told "You are reviewing Alex
/// Moreau", the review speaks of Alex Moreau, and the import still matches the assessment by
/// its own name.
#[test]
fn a_review_request_names_the_person_by_their_name() {
    let home = Home::new();
    home.rate("alex", &[("DP1", "4")]);
    home.ok(&["-a", "alex", "set", "name", "Alex Moreau"]);
    let request = home.file("alex-review.toml");
    let out = home.ok(&[
        "-a",
        "alex",
        "review",
        "request",
        "-o",
        request.to_str().unwrap(),
    ]);
    assert!(
        out.contains("Wrote a review request for Alex Moreau"),
        "{out}"
    );
    let text = std::fs::read_to_string(&request).unwrap();
    assert!(
        text.contains("name = \"alex\"\ndisplay_name = \"Alex Moreau\"\n"),
        "{text}"
    );
    let fw = rolefit::storage::framework::builtin();
    let review = rolefit::review::parse(&text, &fw).unwrap();
    assert_eq!(review.person_shown(), "Alex Moreau");
    assert_eq!(
        rolefit::review::reviewing(&review.assessment).map(|r| r.person),
        Some("Alex Moreau".to_string())
    );
    fill_in(&request, "Sam", &[("DP1", 2)]);
    let out = home.ok(&["-a", "alex", "review", "import", request.to_str().unwrap()]);
    assert!(
        out.contains("Imported Sam's review of Alex Moreau"),
        "{out}"
    );
}
