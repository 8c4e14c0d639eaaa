//! The person's name: asked once in a one-line field (on the first run in the welcome, or
//! over the screen for a file saved before rolefit kept names), and changed later with the
//! name key on Roles or Results. Team views, reports and reviewers show it.

use ratatui_textarea::TextArea;

use super::{App, Effect, Intent, Notice};
use crate::domain::person;
use crate::strings::fields;

/// The name field while it is open.
#[derive(Clone, Debug)]
pub struct NameField {
    /// What is typed.
    pub text: TextArea<'static>,
    /// Opened by rolefit to ask once (first run, an older file): Esc skips the question and
    /// keeps the default, and the question is not asked again. Otherwise the user opened it
    /// to change the name, and Esc leaves the name as it was.
    pub asking: bool,
    /// What Enter keeps when nothing is typed (asking only).
    pub default: Option<String>,
    /// What the start said ("Resumed — …", a changed framework) and whether it goes at the
    /// next key: said again once the name is given, in place of a word about the name (the
    /// first key typed in the field would otherwise clear it unread).
    greeting: Option<(Notice, bool)>,
}

impl App {
    /// The name field, if open.
    pub fn name_field(&self) -> Option<&NameField> {
        self.name_field.as_ref()
    }

    /// The assessment file's name without `.toml`: how the person is shown without a name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// Whether the name field sits in the first-run welcome on Roles (else it is a popup).
    pub fn name_in_welcome(&self) -> bool {
        self.name_field.as_ref().is_some_and(|f| f.asking)
            && self.welcome
            && self.screen == crate::domain::Screen::Roles
    }

    /// Whether the app speaks to the person about their own assessment, or to someone else
    /// (a reviewer, a team lead) about the person.
    pub fn voice(&self) -> &person::Voice {
        &self.voice
    }

    /// Who gave the ratings shown, for sentences about rating ("You rated 30 at 4 or 5"): the
    /// user, when they rate (their own assessment, or someone else's as a reviewer), or the
    /// person, when someone else reads their assessment (a team lead).
    pub fn rater_voice(&self) -> crate::domain::Voice {
        if crate::review::reviewing(&self.assessment).is_some() {
            crate::domain::Voice::Own
        } else {
            self.voice.clone()
        }
    }

    /// Asks for the person's name once, when the file has never held one: the field has the
    /// keyboard from the first frame.
    pub(super) fn ask_name(&mut self, default: Option<String>) {
        if self.read_only
            || self.prompt.is_some()
            || self.assessment.name_asked()
            || crate::review::reviewing(&self.assessment).is_some()
            // An editor opened again after a crash, or what a crash left to say, comes first;
            // the name is asked at the next start.
            || self.rate.editor.is_some()
            || self.results.plan.is_some()
            || self.crashed.is_some()
        {
            return;
        }
        // A name chosen for the assessment (`-a kim`) says more than the account's.
        let default = person::suggested_name(&self.assessment.name, default);
        let mut text = TextArea::default();
        if let Some(default) = &default {
            text.set_placeholder_text(default.clone());
        } else {
            text.set_placeholder_text(fields::NAME_PLACEHOLDER);
        }
        self.name_field = Some(NameField {
            text,
            asking: true,
            default,
            greeting: self.notice.clone().map(|n| (n, self.notice_until_input)),
        });
    }

    /// The name key on Roles or Results: the field, holding the name as it is.
    pub(super) fn open_name_field(&mut self) -> Vec<Effect> {
        if self.read_only {
            return self.refuse_write();
        }
        if crate::review::reviewing(&self.assessment).is_some() {
            self.notice = Some(Notice::NameInReview);
            return Vec::new();
        }
        let mut text = TextArea::default();
        if let Some(name) = self.assessment.person_name() {
            text.insert_str(name);
        }
        text.set_placeholder_text(fields::NAME_PLACEHOLDER);
        self.name_field = Some(NameField {
            text,
            asking: false,
            default: None,
            greeting: None,
        });
        Vec::new()
    }

    /// The name field has the keyboard: one line of any text; Enter keeps it, Esc leaves.
    pub(super) fn update_name(&mut self, action: Intent) -> Vec<Effect> {
        let Some(field) = self.name_field.as_mut() else {
            return Vec::new();
        };
        match action {
            Intent::Paste(text) => {
                // A name is one line, without control characters.
                let line: String = text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect();
                field.text.insert_str(line);
                Vec::new()
            }
            Intent::Edit(input) => {
                // Tab would type a control character, which a name cannot hold.
                if input.key != ratatui_textarea::Key::Tab {
                    field.text.input(input);
                }
                Vec::new()
            }
            Intent::Confirm => {
                let typed = field.text.lines().join(" ");
                let typed = typed.trim();
                let text = match (typed.is_empty(), field.asking) {
                    (true, true) => field.default.clone().unwrap_or_default(),
                    _ => typed.to_string(),
                };
                match person::clean(&text, "name") {
                    Ok(name) => {
                        let greeting = field.greeting.take();
                        self.name_field = None;
                        self.set_name(name, greeting)
                    }
                    Err(err) => {
                        self.notice = Some(Notice::Said(err.to_string()));
                        Vec::new()
                    }
                }
            }
            Intent::Cancel | Intent::Back | Intent::CloseEditor => {
                let field = self.name_field.take();
                match field {
                    // Skipping the question keeps the default, and it is not asked again.
                    Some(NameField {
                        asking: true,
                        default,
                        greeting,
                        ..
                    }) => self.set_name(default.unwrap_or_default(), greeting),
                    _ => Vec::new(),
                }
            }
            Intent::Quit => {
                self.name_field = None;
                self.quit()
            }
            _ => Vec::new(),
        }
    }

    /// Records the person's name ("" for none) and says how it will be shown, or says again
    /// what the start said (`greeting`) when it was asked at start.
    fn set_name(&mut self, name: String, greeting: Option<(Notice, bool)>) -> Vec<Effect> {
        let before = self.assessment.display_name.clone();
        self.assessment.display_name = Some(name);
        let shown = self.assessment.shown_name(&self.file_name);
        let said = match self.assessment.person_name() {
            Some(name) => Notice::NameSaved(name.to_string()),
            None => Notice::NameSkipped(shown),
        };
        match greeting {
            Some((start, until_input)) => {
                self.notice = Some(start);
                self.notice_until_input = until_input;
            }
            None => {
                self.notice = Some(said);
                self.notice_until_input = false;
            }
        }
        if self.assessment.display_name == before {
            return Vec::new();
        }
        self.draft_changed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{AppInit, LockState, Mode, Opened};
    use crate::domain::{Assessment, Screen, Voice};

    fn t0() -> crate::domain::time::Datetime {
        crate::clock::utc_from_epoch(0)
    }

    fn fresh(name: &str) -> Assessment {
        Assessment::new(name, &crate::storage::framework::builtin(), t0())
    }

    fn start(assessment: Assessment, opened: Opened) -> App {
        App::new(AppInit::new(crate::storage::framework::builtin(), assessment).opened(opened))
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(
                Intent::Edit(ratatui_textarea::Input {
                    key: ratatui_textarea::Key::Char(c),
                    ..Default::default()
                }),
                t0(),
            );
        }
    }

    #[test]
    fn a_first_run_asks_the_name_in_the_welcome_and_then_every_key_works() {
        let mut app = start(fresh("default"), Opened::FirstRun);
        // The field has the keyboard from the first frame, inside the welcome.
        assert_eq!(app.mode(), Mode::Name);
        assert!(app.name_in_welcome());
        // Keys that mean something on a screen are typed: the name is any text.
        type_text(&mut app, "Zoë q? 中村");
        assert_eq!(app.screen(), Screen::Roles);
        assert_eq!(app.update(Intent::Confirm, t0()), vec![Effect::Changed]);
        assert_eq!(
            app.assessment().display_name.as_deref(),
            Some("Zoë q? 中村")
        );
        assert!(
            app.notice_text()
                .as_deref()
                .unwrap()
                .contains("Saved your name: Zoë q? 中村")
        );
        assert!(app.dirty() && app.dirty_data());
        // After it every key works as usual, and the welcome stays until the screen changes.
        assert_eq!(app.mode(), Mode::Screen(Screen::Roles));
        assert!(app.welcome());
        assert_eq!(app.update(Intent::NextScreen, t0()), vec![Effect::SaveNow]);
        assert_eq!(app.screen(), Screen::Grid);
        // Asked once: the next start does not ask again.
        let again = start(app.assessment().clone(), Opened::Resumed);
        assert_eq!(again.mode(), Mode::Screen(Screen::Grid));
    }

    #[test]
    fn enter_keeps_the_default_and_esc_skips_keeping_it() {
        for skip in [false, true] {
            let init = AppInit::new(crate::storage::framework::builtin(), fresh("default"))
                .opened(Opened::FirstRun)
                .file_name("default".into());
            let init = AppInit {
                name_default: Some("Sam Taylor".into()),
                ..init
            };
            let mut app = App::new(init);
            assert_eq!(app.mode(), Mode::Name);
            let action = if skip {
                Intent::Cancel
            } else {
                Intent::Confirm
            };
            assert_eq!(app.update(action, t0()), vec![Effect::Changed]);
            assert_eq!(app.assessment().person_name(), Some("Sam Taylor"));
            assert_eq!(app.mode(), Mode::Screen(Screen::Roles));
        }
        // Without a default, skipping records that the question was asked: the person is
        // shown by the file's name, and not asked again.
        let mut app = start(fresh("default"), Opened::FirstRun);
        app.update(Intent::Cancel, t0());
        assert!(app.assessment().name_asked());
        assert_eq!(app.assessment().person_name(), None);
        assert!(
            app.notice_text()
                .as_deref()
                .unwrap()
                .contains("show \"default\""),
            "{:?}",
            app.notice_text().as_deref()
        );
        assert_eq!(
            start(app.assessment().clone(), Opened::Resumed).mode(),
            Mode::Screen(Screen::Roles)
        );
        // An assessment with a name of its own (`-a kim`) suggests that name.
        let mut app = start(fresh("kim"), Opened::FirstRun);
        app.update(Intent::Confirm, t0());
        assert_eq!(app.assessment().person_name(), Some("kim"));
    }

    #[test]
    fn a_file_saved_before_names_is_asked_once_over_the_screen_it_resumes_on() {
        let mut old = fresh("default");
        old.position.screen = Screen::Rate;
        let mut app = start(old, Opened::Resumed);
        assert_eq!(app.screen(), Screen::Rate);
        assert_eq!(app.mode(), Mode::Name);
        assert!(!app.name_in_welcome(), "a popup, not the welcome");
        // A digit is typed into the field, not recorded as a rating.
        type_text(&mut app, "4");
        assert!(app.assessment().ratings.is_empty());
        app.update(Intent::Confirm, t0());
        assert_eq!(app.assessment().person_name(), Some("4"));
        // Quietly (tests, screenshots), read-only, viewed from the team view, a review file
        // or a file that already has a name: never asked.
        assert_eq!(
            start(fresh("d"), Opened::Quietly).mode(),
            Mode::Screen(Screen::Roles)
        );
        let viewing = AppInit::new(crate::storage::framework::builtin(), fresh("d"))
            .opened(Opened::Resumed)
            .lock(LockState::Viewing);
        assert_eq!(App::new(viewing).mode(), Mode::Screen(Screen::Roles));
        let mut review = fresh("alex");
        review.extra.insert(
            "kind".into(),
            crate::domain::value::Value::String("review".into()),
        );
        assert_eq!(
            start(review, Opened::Resumed).mode(),
            Mode::Screen(Screen::Roles)
        );
        let newer =
            AppInit::new(crate::storage::framework::builtin(), fresh("d")).opened(Opened::Newer(2));
        assert_eq!(App::new(newer).mode(), Mode::Screen(Screen::Roles));
    }

    #[test]
    fn the_name_key_changes_the_name_and_esc_leaves_it() {
        let mut named = fresh("default");
        named.display_name = Some("Sam Taylor".into());
        let mut app = start(named, Opened::Resumed);
        assert_eq!(app.mode(), Mode::Screen(Screen::Roles));
        app.update(Intent::EditName, t0());
        assert_eq!(app.mode(), Mode::Name);
        assert_eq!(app.name_field().unwrap().text.lines(), ["Sam Taylor"]);
        type_text(&mut app, "x");
        assert_eq!(app.update(Intent::Cancel, t0()), Vec::<Effect>::new());
        assert_eq!(app.assessment().person_name(), Some("Sam Taylor"));
        // On Results too; a paste is one line without control characters.
        app.update(Intent::PrevScreen, t0());
        app.update(Intent::PrevScreen, t0());
        assert_eq!(app.screen(), Screen::Results);
        app.update(Intent::EditName, t0());
        app.update(
            Intent::Edit(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char('u'),
                ctrl: true,
                ..Default::default()
            }),
            t0(),
        );
        let mut field = app.name_field().unwrap().text.clone();
        field.select_all();
        field.cut();
        app.name_field.as_mut().unwrap().text = field;
        app.update(Intent::Paste("José\n Núñez\x1b".into()), t0());
        assert_eq!(app.update(Intent::Confirm, t0()), vec![Effect::Changed]);
        assert_eq!(app.assessment().person_name(), Some("José Núñez"));
        // Emptied, the name goes and the file's name shows instead.
        app.update(Intent::EditName, t0());
        let mut field = app.name_field().unwrap().text.clone();
        field.select_all();
        field.cut();
        app.name_field.as_mut().unwrap().text = field;
        app.update(Intent::Confirm, t0());
        assert_eq!(app.assessment().person_name(), None);
        assert!(app.assessment().name_asked());
        // Grid and Rate have no name key; read-only refuses it.
        app.update(Intent::NextScreen, t0());
        app.update(Intent::NextScreen, t0());
        app.update(Intent::NextScreen, t0());
        assert_eq!(app.screen(), Screen::Grid);
        app.update(Intent::EditName, t0());
        assert_eq!(app.mode(), Mode::Screen(Screen::Grid));
        let viewing =
            AppInit::new(crate::storage::framework::builtin(), fresh("d")).lock(LockState::Viewing);
        let mut viewing = App::new(viewing);
        viewing.update(Intent::EditName, t0());
        assert_eq!(viewing.mode(), Mode::Screen(Screen::Roles));
    }

    #[test]
    fn someone_else_reading_is_spoken_to_in_the_third_person() {
        assert_eq!(start(fresh("d"), Opened::Quietly).voice(), &Voice::Own);
        let team_lead = AppInit::new(crate::storage::framework::builtin(), fresh("d"))
            .lock(LockState::Viewing)
            .about("Chen Wei".into());
        assert_eq!(App::new(team_lead).voice(), &Voice::Of("Chen Wei".into()));
        let mut review = fresh("alex");
        review.display_name = Some("Alex Moreau".into());
        review.extra.insert(
            "kind".into(),
            crate::domain::value::Value::String("review".into()),
        );
        assert_eq!(
            start(review, Opened::Resumed).voice(),
            &Voice::Of("Alex Moreau".into())
        );
    }
}
