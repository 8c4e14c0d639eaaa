//! The spreadsheet layout both ways: the sheets, their headers as export writes them, and the
//! other spellings import accepts for the competency sheet's columns.

/// The sheets after the competencies, in the order export writes them. In a CSV file they are
/// sections, each started by a row `[Name]`.
pub const SECTIONS: [&str; 5] = ["Profiles", "Areas", "Scale", "Roles", "About"];

/// The competency sheet's name in a workbook export writes.
pub const COMPETENCIES: &str = "Competencies";

/// A column of the competency sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    AreaId,
    Area,
    Parent,
    Id,
    Name,
    Description,
    Valid,
    References,
    /// What level `value` means for this competency.
    Level(u8),
    /// What the competency looks like in the practice of a role (by role id).
    Practice(String),
}

impl Field {
    /// The names a mapping file and `--column` use for the fields.
    pub fn from_key(key: &str) -> Option<Field> {
        Some(match key {
            "area_id" => Field::AreaId,
            "area" => Field::Area,
            "parent" => Field::Parent,
            "id" => Field::Id,
            "name" => Field::Name,
            "description" => Field::Description,
            "valid" => Field::Valid,
            "references" => Field::References,
            _ => return None,
        })
    }

    /// The header export writes.
    pub fn header(&self) -> String {
        match self {
            Field::AreaId => "Area ID".into(),
            Field::Area => "Area".into(),
            Field::Parent => "Parent area".into(),
            Field::Id => "ID".into(),
            Field::Name => "Name".into(),
            Field::Description => "Description".into(),
            Field::Valid => "Valid levels".into(),
            Field::References => "References".into(),
            Field::Level(value) => format!("Level {value}"),
            Field::Practice(role) => format!("In practice ({role})"),
        }
    }
}

/// A header as compared: lower case, single spaces, no trailing colon.
pub fn normal(header: &str) -> String {
    header
        .trim()
        .trim_end_matches(':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The field a competency-sheet header names, in the words PMOs' sheets use; None for a
/// column that is not one of them (a profile's targets, or something rolefit does not use).
pub fn field_of(header: &str) -> Option<Field> {
    let h = normal(header);
    let field = match h.as_str() {
        "area id" | "area code" => Field::AreaId,
        "area" | "area name" | "category" | "competency area" | "domain" => Field::Area,
        "parent area" | "parent" => Field::Parent,
        "id" | "ref" | "code" | "competency id" | "competency code" | "skill code" => Field::Id,
        "name" | "competency" | "competency name" | "skill" | "skill name" | "title" => Field::Name,
        "description" | "summary" | "definition" => Field::Description,
        "valid levels" | "valid" | "defined at" | "defined at levels" => Field::Valid,
        "references" | "refs" | "reference" => Field::References,
        _ => {
            if let Some(role) = h
                .strip_prefix("in practice (")
                .and_then(|r| r.strip_suffix(')'))
            {
                // The role id as written, not lower-cased.
                let start = header.find('(').map_or(0, |i| i + 1);
                let end = header.rfind(')').unwrap_or(header.len());
                let _ = role;
                return Some(Field::Practice(header[start..end].trim().to_string()));
            }
            let rest = h
                .strip_prefix("level ")
                .or_else(|| h.strip_prefix('l'))
                .map(str::trim)?;
            let value = rest.parse::<u8>().ok()?;
            Field::Level(value)
        }
    };
    Some(field)
}

/// The Profiles sheet's columns.
pub const PROFILE_COLUMNS: [&str; 8] = [
    "ID",
    "Name",
    "Short",
    "Role",
    "Grade",
    "Base",
    "Description",
    "Reference",
];

/// The Areas sheet's columns; then per role `Focus label (ROLE)`, `Focus weight (ROLE)`,
/// `Focus meaning (ROLE)`.
pub const AREA_COLUMNS: [&str; 4] = ["ID", "Name", "Parent", "Contrast"];

/// The Scale sheet's columns.
pub const SCALE_COLUMNS: [&str; 4] = ["Value", "Label", "Descriptor", "Hint"];

/// The Roles sheet's columns.
pub const ROLE_COLUMNS: [&str; 9] = [
    "ID",
    "Name",
    "Short",
    "Essence",
    "Description",
    "Activities",
    "Horizon",
    "Scope",
    "In practice",
];

/// The About sheet's keys (a Key and a Value column).
pub const ABOUT_KEYS: [&str; 6] = ["id", "version", "name", "summary", "na", "axis"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_other_words_name_the_same_fields() {
        assert_eq!(field_of("Skill code"), Some(Field::Id));
        assert_eq!(field_of(" Competency: "), Some(Field::Name));
        assert_eq!(field_of("Category"), Some(Field::Area));
        assert_eq!(field_of("Level 3"), Some(Field::Level(3)));
        assert_eq!(field_of("L4"), Some(Field::Level(4)));
        assert_eq!(
            field_of("In practice (pmo)"),
            Some(Field::Practice("pmo".into()))
        );
        assert_eq!(field_of("Project Manager"), None);
        assert_eq!(field_of("Lead"), None);
        for field in [Field::AreaId, Field::Area, Field::Id, Field::Level(0)] {
            assert_eq!(field_of(&field.header()), Some(field));
        }
    }
}
