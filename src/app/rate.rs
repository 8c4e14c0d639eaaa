//! Rate screen: one competency at a time, the level list, and the note editor.

use ratatui_textarea::TextArea;

use super::undo::{Change, Kind};
use super::{App, Effect, Intent, Notice};
use crate::domain::{CompetencyId, Editing, Rating, Screen};

/// Rate screen: the competency shown, the highlighted level, the note editor.
#[derive(Debug, Default)]
pub struct RateState {
    pub current: usize,
    /// The highlighted row of the competency's choices ([`crate::domain::Framework::choices`]:
    /// its levels, "none" where the scale offers it, N/A last); none on an unrated competency until
    /// ↑↓ highlight one, so Enter never records a level nobody chose.
    pub cursor: Option<usize>,
    pub editor: Option<TextArea<'static>>,
    /// The note as it was when the editor opened: the whole edit is one step to undo.
    pub(super) note_before: Option<String>,
    /// Scroll of the competency text; back to the top for each competency, and clamped to the
    /// text by the frame (see `Event::Drawn`).
    pub info_scroll: usize,
}

/// A text area holding `text`, with the cursor at its end, wrapping long lines at words for
/// display (the text itself keeps its own lines).
pub(super) fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut area = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl App {
    /// Puts the level cursor on the current competency's rating (on nothing when it is
    /// unrated) and its text at the top.
    pub(super) fn sync_cursor(&mut self) {
        self.rate.info_scroll = 0;
        let c = self.rate.current;
        let id = &self.framework.competencies[c].id;
        self.rate.cursor = self
            .assessment
            .rating(id)
            .and_then(|r| self.framework.choices(c).iter().position(|&x| x == r));
    }

    /// Whether Rate shows the targets of the competency on screen: once it is rated, or
    /// always when the user asked for them.
    pub fn targets_shown(&self) -> bool {
        self.assessment.position.show_targets
            || self
                .assessment
                .rating(&self.framework.competencies[self.rate.current].id)
                .is_some()
    }

    pub(super) fn current_id(&self) -> CompetencyId {
        self.framework.competencies[self.rate.current].id.clone()
    }

    fn show_competency(&mut self, index: usize) -> Vec<Effect> {
        self.rate.current = index.min(self.framework.competencies.len() - 1);
        self.sync_cursor();
        self.position_changed()
    }

    fn first_unrated_after(&self, from: usize) -> Option<usize> {
        let n = self.framework.competencies.len();
        (1..=n).map(|step| (from + step) % n).find(|&c| {
            self.assessment
                .rating(&self.framework.competencies[c].id)
                .is_none()
        })
    }

    pub(super) fn update_rate(&mut self, action: Intent) -> Vec<Effect> {
        let last = self.framework.competencies.len() - 1;
        match action {
            Intent::ScrollDetail(delta) => {
                self.rate.info_scroll = self.rate.info_scroll.saturating_add_signed(delta);
                Vec::new()
            }
            Intent::Rate(rating) => self.record(rating),
            Intent::ClearRating => {
                if self.read_only {
                    return self.refuse_write();
                }
                let id = self.current_id();
                let before = self.assessment.rating(&id);
                self.assessment.set_rating(&id, None);
                self.history.push(
                    Kind::Rating,
                    vec![Change::Rating {
                        id,
                        before,
                        after: None,
                    }],
                );
                self.changed()
            }
            Intent::Activate => {
                let choices = self.framework.choices(self.rate.current);
                let Some(&rating) = self.rate.cursor.and_then(|n| choices.get(n)) else {
                    self.notice = Some(Notice::ChooseLevel);
                    return Vec::new();
                };
                self.record(rating)
            }
            // With nothing highlighted, ↑ starts at the bottom of the list and ↓ at the top.
            Intent::Up => {
                let bottom = self.framework.choices(self.rate.current).len() - 1;
                self.rate.cursor = Some(self.rate.cursor.map_or(bottom, |c| c.saturating_sub(1)));
                Vec::new()
            }
            Intent::Down => {
                let bottom = self.framework.choices(self.rate.current).len() - 1;
                self.rate.cursor = Some(self.rate.cursor.map_or(0, |c| (c + 1).min(bottom)));
                Vec::new()
            }
            Intent::Left | Intent::PageUp => {
                self.show_competency(self.rate.current.saturating_sub(1))
            }
            Intent::Right | Intent::PageDown => {
                self.show_competency((self.rate.current + 1).min(last))
            }
            Intent::Home => self.show_competency(0),
            Intent::End => self.show_competency(last),
            Intent::NextUnrated => match self.first_unrated_after(self.rate.current) {
                Some(c) => self.show_competency(c),
                None => {
                    self.notice = Some(Notice::AllRated);
                    Vec::new()
                }
            },
            Intent::ToggleTargets => {
                let shown = !self.assessment.position.show_targets;
                self.assessment.position.show_targets = shown;
                self.notice = Some(Notice::TargetsShown(shown));
                self.position_changed()
            }
            Intent::EditNote => {
                if self.read_only {
                    return self.refuse_write();
                }
                self.open_note()
            }
            Intent::EditNoteExternally => {
                if self.read_only {
                    return self.refuse_write();
                }
                let id = self.current_id();
                let note = self.assessment.note(&id).to_string();
                vec![Effect::EditNote(id, note)]
            }
            Intent::Back => self.go_to(Screen::Grid),
            _ => Vec::new(),
        }
    }

    /// Records a rating for the shown competency, then moves to the next one.
    fn record(&mut self, rating: Rating) -> Vec<Effect> {
        if self.read_only {
            return self.refuse_write();
        }
        let choices = self.framework.choices(self.rate.current);
        if !choices.contains(&rating) {
            // A digit or `-` for what this competency cannot record records nothing, and says
            // what it can.
            self.notice = Some(Notice::NotAChoice {
                typed: rating.to_string(),
                choices,
            });
            return Vec::new();
        }
        let id = self.current_id();
        let before = self.assessment.rating(&id);
        self.assessment.set_rating(&id, Some(rating));
        self.history.push(
            Kind::Rating,
            vec![Change::Rating {
                id: id.clone(),
                before,
                after: Some(rating),
            }],
        );
        let last = self.framework.competencies.len() - 1;
        let next = if self.rate.current < last {
            Some(self.rate.current + 1)
        } else {
            self.first_unrated_after(self.rate.current)
        };
        let unsupported = matches!(rating, Rating::Level(l) if self.framework.scale.is_high(l))
            && self.assessment.note(&id).trim().is_empty();
        match next {
            // Rate moves on, so the ask for evidence goes in the footer; when it stays, the
            // note pane asks.
            Some(next) => {
                self.rate.current = next;
                self.sync_cursor();
                self.notice = match rating {
                    Rating::Level(level) if unsupported => Some(Notice::Evidence {
                        voice: self.voice.clone(),
                        id: id.to_string(),
                        level,
                    }),
                    _ => None,
                };
            }
            None => {
                self.sync_cursor();
                self.notice = Some(Notice::AllRated);
            }
        }
        self.store_position();
        self.changed()
    }

    /// Opens the note editor on the shown competency's note; which editor is open is saved,
    /// so a start after a crash opens it again.
    fn open_note(&mut self) -> Vec<Effect> {
        let id = self.current_id();
        let note = self.assessment.note(&id).to_string();
        self.rate.editor = Some(text_area(&note));
        self.rate.note_before = Some(note);
        self.set_editing(Some(Editing::Note(id)))
    }

    /// Opens the editor that was open when rolefit last stopped (see
    /// [`crate::domain::Position::editing`]), on what it held, which was saved as it was
    /// typed; says so. An editor on a competency the framework lacks is forgotten.
    pub(super) fn reopen_editor(&mut self) {
        let Some(editing) = self.assessment.position.editing.clone() else {
            return;
        };
        let Some(c) = self.framework.competency_index(editing.competency()) else {
            self.assessment.position.editing = None;
            return;
        };
        let plan = match editing {
            Editing::Note(_) => {
                self.screen = Screen::Rate;
                self.rate.current = c;
                self.sync_cursor();
                let note = self.assessment.note(editing.competency()).to_string();
                self.rate.editor = Some(text_area(&note));
                self.rate.note_before = Some(note);
                false
            }
            Editing::Plan(_) => {
                self.screen = Screen::Results;
                self.open_plan_on(c);
                true
            }
        };
        // Where the editor opened is where the user is: a relaunch after it closes comes back
        // here, whatever screen the file named before.
        self.store_position();
        self.notice = Some(Notice::EditorReopened {
            plan,
            id: editing.competency().to_string(),
        });
        self.notice_until_input = false;
    }

    /// The note editor has the keyboard. What is typed is kept as the note at once, and saved
    /// on the same debounce as a rating.
    pub(super) fn update_note(&mut self, action: Intent) -> Vec<Effect> {
        match action {
            Intent::Paste(text) => {
                if let Some(editor) = self.rate.editor.as_mut() {
                    editor.insert_str(text);
                }
                self.keep_note()
            }
            Intent::Edit(input) => {
                if let Some(editor) = self.rate.editor.as_mut() {
                    editor.input(input);
                }
                self.keep_note()
            }
            Intent::CloseEditor | Intent::Back => self.close_note(),
            // What is typed so far goes to the user's editor, and is kept meanwhile.
            Intent::EditNoteExternally => {
                let Some(editor) = self.rate.editor.as_ref() else {
                    return Vec::new();
                };
                let text = editor.lines().join("\n");
                let mut effects = self.keep_note();
                effects.push(Effect::EditNote(self.current_id(), text));
                effects
            }
            Intent::Quit => {
                let mut effects = self.close_note();
                effects.extend(self.quit());
                effects
            }
            _ => Vec::new(),
        }
    }

    /// Leaves the note editor and keeps the note (trailing blank lines trimmed).
    pub(super) fn close_note(&mut self) -> Vec<Effect> {
        let mut effects = self.keep_note();
        if self.rate.editor.take().is_some() {
            effects.extend(self.set_editing(None));
        }
        if let Some(before) = self.rate.note_before.take() {
            let id = self.current_id();
            let after = self.assessment.note(&id).to_string();
            self.history
                .push(Kind::Note, vec![Change::Note { id, before, after }]);
        }
        effects
    }

    /// The user's editor gave back a note (or failed: the note stays as it was). In the note
    /// editor, the new text replaces what it holds, and closing it is the step to undo;
    /// from Rate, replacing the note is one step.
    pub(super) fn note_edited(
        &mut self,
        id: CompetencyId,
        result: Result<String, super::EditorError>,
    ) -> Vec<Effect> {
        let text = match result {
            // Blank lines before and after the note are dropped; lines within it are kept.
            Ok(text) => text
                .replace("\r\n", "\n")
                .trim_end()
                .trim_start_matches(['\n', '\r'])
                .to_string(),
            Err(error) => {
                self.notice = Some(Notice::Said(error.to_string()));
                return Vec::new();
            }
        };
        if self.read_only {
            return self.refuse_write();
        }
        let in_editor = self.rate.editor.is_some() && id == self.current_id();
        let now = match &self.rate.editor {
            Some(editor) if in_editor => editor.lines().join("\n").trim_end().to_string(),
            _ => self.assessment.note(&id).to_string(),
        };
        if text == now {
            self.notice = Some(Notice::NoteUnchanged);
            return Vec::new();
        }
        self.notice = Some(Notice::NoteFromEditor);
        if in_editor {
            self.rate.editor = Some(text_area(&text));
            return self.keep_note();
        }
        let before = self.assessment.note(&id).to_string();
        self.assessment.set_note(&id, text.clone());
        self.history.push(
            Kind::Note,
            vec![Change::Note {
                id,
                before,
                after: text,
            }],
        );
        self.changed()
    }

    /// Keeps what the note editor holds as the note (trailing blank lines trimmed), leaving
    /// the editor open.
    pub(super) fn keep_note(&mut self) -> Vec<Effect> {
        let Some(editor) = self.rate.editor.as_ref() else {
            return Vec::new();
        };
        let note = editor.lines().join("\n").trim_end().to_string();
        let id = self.current_id();
        if note == self.assessment.note(&id) {
            return Vec::new();
        }
        self.assessment.set_note(&id, note);
        self.draft_changed()
    }
}
