//! PRODUCT.md §3's readability rule at every supported size, on the built-in framework and on
//! the example frameworks (long names, 1–7 scales, many profiles): what the user decides by is
//! on screen without scrolling or moving a highlight.
//!
//! - Rate: the highlighted level's anchor in full at every size; every level's anchor from
//!   80×24; both roles' practice texts from 100×30.
//! - Results: from 80×24, the verdict's headline, both main profiles' readiness with coverage
//!   (the two first of the ranking where a framework has no axis), and the first gap rows.
//! - Every screen: no word cut without "…" (each word on screen is a word rolefit or the
//!   framework wrote, or ends in "…").
//!
//! Drawn headless from the real `ui::draw`, one frame per case, so it stays fast.

use std::collections::HashSet;
use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rolefit::app::{App, AppInit, Event, Intent, Opened};
use rolefit::clock::utc_from_epoch;
use rolefit::domain::{Assessment, Framework, Rating, Screen};
use rolefit::ui::{Drawn, Pane, Target};

const SIZES: [(u16, u16); 5] = [(60, 18), (80, 24), (100, 30), (120, 40), (200, 60)];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The built-in framework and each example, by name.
fn frameworks() -> Vec<(&'static str, Framework)> {
    let example = |file: &str| {
        let text =
            std::fs::read_to_string(root().join("assets/frameworks/examples").join(file)).unwrap();
        rolefit::storage::framework::from_toml(&text).unwrap()
    };
    vec![
        ("built-in", rolefit::storage::framework::builtin()),
        ("sfia", example("sfia9-change.toml")),
        ("ecf", example("ecf4-ict.toml")),
        ("ladders", example("engineering-ladders.toml")),
    ]
}

fn app(fw: &Framework, assessment: Assessment) -> App {
    App::new(
        AppInit::new(fw.clone(), assessment)
            .opened(Opened::Quietly)
            .color(false),
    )
}

fn act(app: &mut App, actions: &[Intent]) {
    for action in actions {
        app.update(action.clone(), utc_from_epoch(0));
    }
}

/// Draws the app at `size` (after telling it the size, as the runtime does) and hands the
/// frame back to it, as the runtime does; returns the buffer and where things were drawn.
fn draw(app: &mut App, (width, height): (u16, u16)) -> (Buffer, Drawn) {
    app.update(Event::Resize(width, height), utc_from_epoch(0));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut drawn = Drawn::default();
    terminal
        .draw(|frame| drawn = rolefit::ui::draw(frame, app))
        .unwrap();
    app.update(Event::Drawn(Box::new(drawn.clone())), utc_from_epoch(0));
    (terminal.backend().buffer().clone(), drawn)
}

/// The text inside `area` (borders left out when `inside`), its rows joined by spaces, with
/// runs of white space made one.
fn text_in(buffer: &Buffer, area: Rect, inside: bool) -> String {
    let area = if inside {
        area.inner(ratatui::layout::Margin::new(1, 1))
    } else {
        area
    };
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push(' ');
    }
    squeeze(&out)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn screen(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every word rolefit can write: the words of its source (its own and its crates') and of the
/// framework's texts.
fn vocabulary(fw: &Framework) -> HashSet<String> {
    fn walk(dir: &Path, words: &mut HashSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, words);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
                add_words(&std::fs::read_to_string(&path).unwrap(), words);
            }
        }
    }
    let mut words = HashSet::new();
    walk(&root().join("src"), &mut words);
    walk(&root().join("crates"), &mut words);
    walk(&root().join("assets"), &mut words);
    let mut own = String::new();
    own.push_str(&fw.name);
    for c in &fw.competencies {
        own.push_str(&format!(" {} {} {}", c.id, c.name, c.description));
    }
    for p in &fw.profiles {
        own.push_str(&format!(" {} {}", p.name, p.short));
    }
    add_words(&own, &mut words);
    words
}

fn add_words(text: &str, words: &mut HashSet<String>) {
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() {
            words.insert(word.to_string());
        }
    }
}

/// The words on screen that are neither rolefit's nor the framework's and do not end in "…":
/// words cut without a sign.
fn cut_words(buffer: &Buffer, words: &HashSet<String>) -> Vec<String> {
    cut_words_in(buffer, buffer.area, words)
}

/// Like [`cut_words`] within `area` only (an overlay: what it covers is cut by it, not by
/// rolefit's layout).
fn cut_words_in(buffer: &Buffer, area: Rect, words: &HashSet<String>) -> Vec<String> {
    let mut cut = Vec::new();
    let lines = (area.top()..area.bottom()).map(|y| {
        (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect::<String>()
    });
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let marked = chars.get(i) == Some(&'…');
            if !marked && !word.chars().all(|c| c.is_ascii_digit()) && !words.contains(&word) {
                cut.push(format!("{word:?} in {line:?}"));
            }
        }
    }
    cut
}

fn assert_no_cut_words(buffer: &Buffer, words: &HashSet<String>, case: &str) {
    let cut = cut_words(buffer, words);
    assert!(
        cut.is_empty(),
        "{case}: words cut without \"…\": {cut:#?}\n{}",
        screen(buffer)
    );
}

/// The rectangle covering every row of Rate's level list.
fn level_list(drawn: &Drawn) -> Rect {
    drawn
        .regions
        .clicks
        .iter()
        .filter(|(_, t)| matches!(t, Target::Level(_)))
        .map(|(r, _)| *r)
        .reduce(|a, b| a.union(b))
        .expect("the level list is drawn")
}

fn pane(drawn: &Drawn, which: Pane) -> Option<Rect> {
    drawn
        .regions
        .panes
        .iter()
        .find(|(_, p)| *p == which)
        .map(|(r, _)| *r)
}

/// The text a row of Rate's level list shows for choice `row` of competency `c`.
fn choice_text(fw: &Framework, c: usize, rating: Rating) -> String {
    match rating {
        Rating::Level(level) if level.is_none() => fw.scale.none.descriptor.clone(),
        Rating::Level(level) => fw.level_text(c, level).to_string(),
        Rating::NotApplicable => fw.scale.na.clone(),
    }
}

/// An app on Rate showing competency `c`.
fn on_rate(fw: &Framework, assessment: Assessment, c: usize) -> App {
    let mut app = app(fw, assessment);
    act(&mut app, &[Intent::NextScreen, Intent::NextScreen]);
    act(&mut app, &[Intent::Home]);
    for _ in 0..c {
        act(&mut app, &[Intent::Right]);
    }
    assert_eq!(app.rate().current, c);
    app
}

fn blank(fw: &Framework) -> Assessment {
    Assessment::new("default", fw, utc_from_epoch(1_795_888_800))
}

/// Rate: the highlighted anchor whole at every size and for every level; every anchor whole
/// from 80×24; both practice texts whole from 100×30; no word cut without "…".
#[test]
fn rate_shows_what_the_user_rates_by_at_every_size() {
    for (name, fw) in frameworks() {
        let words = vocabulary(&fw);
        for c in 0..fw.competencies.len() {
            let choices = fw.choices(c);
            for size in SIZES {
                let case = format!("{name} {} at {}x{}", fw.competencies[c].id, size.0, size.1);
                let mut app = on_rate(&fw, blank(&fw), c);
                let large = size.0 >= 80 && size.1 >= 24;
                let (buffer, drawn) = draw(&mut app, size);
                if large {
                    let levels = text_in(&buffer, level_list(&drawn), false);
                    for &choice in &choices {
                        let anchor = squeeze(&choice_text(&fw, c, choice));
                        assert!(
                            levels.contains(&anchor),
                            "{case}: {anchor:?} is not whole on screen:\n{}",
                            screen(&buffer)
                        );
                    }
                }
                if size.0 >= 100 && size.1 >= 30 {
                    let info = pane(&drawn, Pane::RateInfo).expect("the competency pane");
                    let info = text_in(&buffer, info, true);
                    for practice in &fw.competencies[c].practice {
                        let practice = squeeze(practice);
                        assert!(
                            info.contains(&practice),
                            "{case}: practice text {practice:?} is not whole on screen:\n{}",
                            screen(&buffer)
                        );
                    }
                }
                assert_no_cut_words(&buffer, &words, &case);
                // The highlighted level, each in turn (at 80×24 and up every anchor is whole
                // already: one highlighted row is enough there).
                let rows: Vec<usize> = if large {
                    vec![choices.len() / 2]
                } else {
                    (0..choices.len()).collect()
                };
                for row in rows {
                    let mut app = on_rate(&fw, blank(&fw), c);
                    for _ in 0..=row {
                        act(&mut app, &[Intent::Down]);
                    }
                    assert_eq!(app.rate().cursor, Some(row), "{case}");
                    let (buffer, drawn) = draw(&mut app, size);
                    let levels = text_in(&buffer, level_list(&drawn), false);
                    let anchor = squeeze(&choice_text(&fw, c, choices[row]));
                    assert!(
                        levels.contains(&anchor),
                        "{case}, row {row} highlighted: {anchor:?} is not whole on screen:\n{}",
                        screen(&buffer)
                    );
                    assert_no_cut_words(&buffer, &words, &case);
                }
            }
        }
    }
}

/// A competency already rated shows the targets beside the levels; the anchors stay whole.
#[test]
fn rate_with_targets_shown_keeps_every_anchor_whole() {
    for (name, fw) in frameworks() {
        let words = vocabulary(&fw);
        for c in 0..fw.competencies.len() {
            let choices = fw.choices(c);
            let mut assessment = blank(&fw);
            assessment.set_rating(&fw.competencies[c].id.clone(), Some(choices[0]));
            for size in SIZES {
                let case = format!(
                    "{name} {} rated at {}x{}",
                    fw.competencies[c].id, size.0, size.1
                );
                let mut app = on_rate(&fw, assessment.clone(), c);
                act(&mut app, &[Intent::Down]);
                let cursor = app.rate().cursor.expect("a level is highlighted");
                let (buffer, drawn) = draw(&mut app, size);
                let levels = text_in(&buffer, level_list(&drawn), false);
                let shown: Vec<Rating> = if size.0 >= 80 && size.1 >= 24 {
                    choices.clone()
                } else {
                    vec![choices[cursor]]
                };
                for choice in shown {
                    let anchor = squeeze(&choice_text(&fw, c, choice));
                    assert!(
                        levels.contains(&anchor),
                        "{case}: {anchor:?} is not whole on screen:\n{}",
                        screen(&buffer)
                    );
                }
                assert_no_cut_words(&buffer, &words, &case);
            }
        }
    }
}
/// Ratings for every competency of `fw`, leaning one way: its own levels, low on the first
/// half of the areas and high on the rest (or the other way round).
fn rated(fw: &Framework, high_first: bool, every: usize) -> Assessment {
    let mut assessment = blank(fw);
    let half = fw.areas.len() / 2;
    for (c, competency) in fw.competencies.iter().enumerate() {
        if c % every != 0 {
            continue;
        }
        let levels = fw.valid_levels(c);
        let high = (competency.area < half) == high_first;
        let level = if high {
            levels[levels.len() - 1]
        } else {
            levels[(levels.len() - 1) / 3]
        };
        assessment.set_rating(&competency.id, Some(Rating::Level(level)));
    }
    assessment
}

/// Results: the headline, both main profiles' readiness with coverage and the first gap rows
/// from 80×24, whole; no word cut without "…" at any size, in either lower view.
#[test]
fn results_show_the_verdict_readiness_and_first_gaps_at_every_size() {
    for (name, fw) in frameworks() {
        let words = vocabulary(&fw);
        let cases = [
            ("leaning one way", rated(&fw, true, 1)),
            ("leaning the other", rated(&fw, false, 1)),
            ("a few ratings", rated(&fw, true, 5)),
            ("no ratings", blank(&fw)),
        ];
        for (what, assessment) in cases {
            for size in SIZES {
                let case = format!("{name}, {what}, at {}x{}", size.0, size.1);
                let mut app = app(&fw, assessment.clone());
                act(&mut app, &[Intent::PrevScreen, Intent::PrevScreen]);
                assert_eq!(app.screen(), Screen::Results);
                let (buffer, drawn) = draw(&mut app, size);
                assert_no_cut_words(&buffer, &words, &case);
                let verdict = pane(&drawn, Pane::Verdict).expect("the verdict panel");
                let verdict_text = text_in(&buffer, verdict, true);
                let headline = squeeze(&rolefit::ui::results::verdict_text(&app));
                assert!(
                    verdict_text.contains(&headline),
                    "{case}: headline {headline:?} not whole:\n{}",
                    screen(&buffer)
                );
                if size.0 < 80 || size.1 < 24 || what == "no ratings" {
                    continue;
                }
                let summary = &app.results().summary;
                let readiness = &summary.figures.readiness;
                let main: Vec<usize> = if fw.axis {
                    fw.main_profiles.to_vec()
                } else {
                    rolefit::domain::scoring::ranking(readiness)[..2].to_vec()
                };
                for p in main {
                    let r = readiness[p];
                    let coverage = format!("{}/{}", r.rated, r.required);
                    let percent = r.percent.map(|v| format!("{v:.0}%"));
                    let name = &fw.profiles[p].name;
                    // The name whole, then its bar, figure and coverage.
                    let shown = screen(&buffer).lines().map(squeeze).any(|line| {
                        line.match_indices(name.as_str()).any(|(at, _)| {
                            let after: Vec<&str> =
                                line[at + name.len()..].split(' ').skip(1).take(4).collect();
                            let figure =
                                percent.as_ref().is_none_or(|p| after.contains(&p.as_str()));
                            let covered = after.iter().any(|t| t.trim_end_matches('?') == coverage);
                            figure && covered
                        })
                    });
                    assert!(
                        shown,
                        "{case}: readiness of {name} ({percent:?}, {coverage}) not on screen:\n{}",
                        screen(&buffer)
                    );
                }
                let gaps = pane(&drawn, Pane::Gaps);
                assert!(
                    gaps.is_some() || summary.rows.is_empty(),
                    "{case}: no gap table:\n{}",
                    screen(&buffer)
                );
                let gaps = gaps.unwrap_or_default();
                let gaps_text = text_in(&buffer, gaps, true);
                for row in summary.rows.iter().take(3) {
                    let id = fw.competencies[row.competency].id.as_str();
                    assert!(
                        gaps_text.contains(id),
                        "{case}: gap row {id} not on screen:\n{}",
                        screen(&buffer)
                    );
                }
                // The other view (areas, or gaps) cuts no word either.
                act(&mut app, &[Intent::SwitchView]);
                let (buffer, _) = draw(&mut app, size);
                assert_no_cut_words(&buffer, &words, &format!("{case}, other view"));
            }
        }
    }
}

/// Roles, the Grid (areas open) and each screen's help: no word cut without "…".
#[test]
fn other_screens_cut_no_word_without_a_marker() {
    for (name, fw) in frameworks() {
        let words = vocabulary(&fw);
        for size in SIZES {
            let case = |what: &str| format!("{name}, {what}, at {}x{}", size.0, size.1);
            let mut app = app(&fw, rated(&fw, true, 2));
            let (buffer, _) = draw(&mut app, size);
            assert_no_cut_words(&buffer, &words, &case("Roles"));
            act(&mut app, &[Intent::ToggleFlavours]);
            let (buffer, _) = draw(&mut app, size);
            assert_no_cut_words(&buffer, &words, &case("Roles, profiles"));
            act(&mut app, &[Intent::ToggleFlavours, Intent::NextScreen]);
            let (buffer, _) = draw(&mut app, size);
            assert_no_cut_words(&buffer, &words, &case("Grid"));
            act(&mut app, &[Intent::Activate, Intent::Down, Intent::Down]);
            let (buffer, _) = draw(&mut app, size);
            assert_no_cut_words(&buffer, &words, &case("Grid, an area open"));
            for screen in [Screen::Grid, Screen::Rate, Screen::Results] {
                while app.screen() != screen {
                    act(&mut app, &[Intent::NextScreen]);
                }
                act(&mut app, &[Intent::ToggleHelp]);
                let (buffer, drawn) = draw(&mut app, size);
                let help = drawn.regions.overlay.expect("the help is drawn");
                let cut = cut_words_in(&buffer, help, &words);
                assert!(
                    cut.is_empty(),
                    "{}: words cut without \"…\": {cut:#?}\n{}",
                    case(&format!("help on {screen:?}")),
                    self::screen(&buffer)
                );
                act(&mut app, &[Intent::Back]);
            }
        }
    }
}

/// The verdict panel scrolled down at one size starts from its headline again after a resize,
/// so the headline is never left above the panel (N-D45).
#[test]
fn a_resize_brings_the_verdict_panel_back_to_its_headline() {
    let fw = rolefit::storage::framework::builtin();
    let mut app = app(&fw, rated(&fw, true, 1));
    act(&mut app, &[Intent::PrevScreen, Intent::PrevScreen]);
    draw(&mut app, (80, 24));
    act(&mut app, &[const { Intent::ScrollDetail(1) }; 4]);
    let (buffer, _) = draw(&mut app, (80, 24));
    let headline = rolefit::ui::results::verdict_text(&app);
    assert!(!screen(&buffer).contains(&headline), "scrolled past it");
    let (buffer, _) = draw(&mut app, (60, 18));
    assert!(screen(&buffer).contains(&headline), "{}", screen(&buffer));
}
