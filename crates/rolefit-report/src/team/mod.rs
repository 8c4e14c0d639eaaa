//! Team reports: Markdown, CSV, JSON, JSON Lines (`report`) and one HTML page (`html`), written
//! person by person as the caller hands them over.

pub mod html;
pub mod report;
