//! Closing a round from Results: an optional label, then today's ratings are kept to compare
//! with later.

use ratatui_textarea::TextArea;

use super::{App, Effect, Intent, Notice};
use crate::strings::fields;

impl App {
    /// Opens the label field for a round about to be closed.
    pub(super) fn open_round_label(&mut self) -> Vec<Effect> {
        if self.read_only {
            return self.refuse_write();
        }
        // A round keeps answers: none yet, or only what-if levels on screen, is not one.
        if self.derived.rated == 0 {
            self.notice = Some(Notice::RoundEmpty);
            return Vec::new();
        }
        if self.what_if() {
            self.notice = Some(Notice::RoundInWhatIf);
            return Vec::new();
        }
        let mut label = TextArea::default();
        label.set_placeholder_text(fields::ROUND_LABEL_PLACEHOLDER);
        self.round_label = Some(label);
        Vec::new()
    }

    /// The round label field has the keyboard.
    pub(super) fn update_round_label(&mut self, action: Intent) -> Vec<Effect> {
        match action {
            Intent::Paste(text) => {
                // A label is one line.
                if let Some(label) = self.round_label.as_mut() {
                    label.insert_str(text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                Vec::new()
            }
            Intent::Edit(input) => {
                if let Some(label) = self.round_label.as_mut() {
                    label.input(input);
                }
                Vec::new()
            }
            Intent::Confirm => {
                let label = self
                    .round_label
                    .take()
                    .map(|t| t.lines().join(" "))
                    .unwrap_or_default();
                let round = self.assessment.close_round(self.now, &label);
                let title = self.assessment.history[round - 1].title();
                self.notice = Some(Notice::RoundClosed { round, title });
                self.changed()
            }
            Intent::Cancel | Intent::Back | Intent::CloseEditor => {
                self.round_label = None;
                Vec::new()
            }
            Intent::Quit => {
                self.round_label = None;
                self.quit()
            }
            _ => Vec::new(),
        }
    }
}
