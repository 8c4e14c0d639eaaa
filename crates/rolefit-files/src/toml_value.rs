//! The edge between TOML and the model: dates, times and kept keys converted both ways,
//! losslessly, so that what a file held is what a save writes back.

use rolefit_core::time::{Date, Datetime, Offset, Time};
use rolefit_core::value::{Table, Value};

/// A TOML date-time as the model's.
pub fn datetime_in(at: &toml::value::Datetime) -> Datetime {
    Datetime {
        date: at.date.map(|d| date_in(&d)),
        time: at.time.map(|t| Time {
            hour: t.hour,
            minute: t.minute,
            second: t.second,
            nanosecond: t.nanosecond,
        }),
        offset: at.offset.map(|o| match o {
            toml::value::Offset::Z => Offset::Z,
            toml::value::Offset::Custom { minutes } => Offset::Custom { minutes },
        }),
    }
}

/// The model's date-time as TOML's.
pub fn datetime_out(at: &Datetime) -> toml::value::Datetime {
    toml::value::Datetime {
        date: at.date.map(|d| date_out(&d)),
        time: at.time.map(|t| toml::value::Time {
            hour: t.hour,
            minute: t.minute,
            second: t.second,
            nanosecond: t.nanosecond,
        }),
        offset: at.offset.map(|o| match o {
            Offset::Z => toml::value::Offset::Z,
            Offset::Custom { minutes } => toml::value::Offset::Custom { minutes },
        }),
    }
}

/// A TOML date as the model's.
pub fn date_in(date: &toml::value::Date) -> Date {
    Date {
        year: date.year,
        month: date.month,
        day: date.day,
    }
}

/// The model's date as TOML's.
pub fn date_out(date: &Date) -> toml::value::Date {
    toml::value::Date {
        year: date.year,
        month: date.month,
        day: date.day,
    }
}

/// A date-time written as in a TOML file (`2027-03-01T09:00:00Z`), if it is one.
pub fn parse_datetime(text: &str) -> Option<Datetime> {
    text.trim()
        .parse::<toml::value::Datetime>()
        .ok()
        .map(|at| datetime_in(&at))
}

/// A TOML value as a kept value.
pub fn value_in(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text.clone()),
        toml::Value::Integer(n) => Value::Integer(*n),
        toml::Value::Float(x) => Value::Float(*x),
        toml::Value::Boolean(b) => Value::Boolean(*b),
        toml::Value::Datetime(at) => Value::Datetime(datetime_in(at)),
        toml::Value::Array(items) => Value::Array(items.iter().map(value_in).collect()),
        toml::Value::Table(table) => Value::Table(table_in(table)),
    }
}

/// A kept value as TOML's.
pub fn value_out(value: &Value) -> toml::Value {
    match value {
        Value::String(text) => toml::Value::String(text.clone()),
        Value::Integer(n) => toml::Value::Integer(*n),
        Value::Float(x) => toml::Value::Float(*x),
        Value::Boolean(b) => toml::Value::Boolean(*b),
        Value::Datetime(at) => toml::Value::Datetime(datetime_out(at)),
        Value::Array(items) => toml::Value::Array(items.iter().map(value_out).collect()),
        Value::Table(table) => toml::Value::Table(table_out(table)),
    }
}

/// A TOML table as kept keys.
pub fn table_in(table: &toml::Table) -> Table {
    table
        .iter()
        .map(|(key, value)| (key.clone(), value_in(value)))
        .collect()
}

/// Kept keys as a TOML table.
pub fn table_out(table: &Table) -> toml::Table {
    table
        .iter()
        .map(|(key, value)| (key.clone(), value_out(value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of value a file may hold comes back as it was, and dates print the same
    /// through the model as through TOML.
    #[test]
    fn values_cross_the_edge_unchanged() {
        let text = r#"
            s = "x\u0001y"
            i = -7
            f = 2.5
            nan = nan
            b = true
            odt = 2026-11-28T19:05:07.25-01:30
            ldt = 2026-11-28T19:05:07
            ld = 2026-11-28
            lt = 07:30:00.000001
            z = 2026-11-28T00:00:00Z
            a = [1, "two", [3.0], { four = 4 }]
            [t]
            inner = { deeper = 2026-01-01 }
        "#;
        let table: toml::Table = toml::from_str(text).unwrap();
        let kept = table_in(&table);
        let back = table_out(&kept);
        // NaN is not equal to itself: compare the written text, which is what a save keeps.
        assert_eq!(
            toml::to_string(&back).unwrap(),
            toml::to_string(&table).unwrap()
        );
        for key in ["odt", "ldt", "ld", "lt", "z"] {
            let toml::Value::Datetime(at) = &table[key] else {
                panic!("{key} is a date-time")
            };
            assert_eq!(datetime_in(at).to_string(), at.to_string(), "{key}");
            assert_eq!(datetime_out(&datetime_in(at)), *at, "{key}");
        }
        assert_eq!(
            parse_datetime(" 2027-03-01T09:00:00Z ").map(|at| at.to_string()),
            Some("2027-03-01T09:00:00Z".to_string())
        );
        assert_eq!(parse_datetime("soon"), None);
    }

    /// The model reads date-times as TOML does, and refuses what TOML refuses.
    #[test]
    fn the_model_reads_datetimes_as_toml_does() {
        for text in [
            "2026-11-28T19:05:07Z",
            "2026-11-28t19:05:07z",
            "2026-11-28 19:05:07+05:45",
            "2026-11-28T19:05:07.123456789123-00:30",
            "2026-11-28T19:05:07.5",
            "2026-11-28T19:05",
            "2024-02-29",
            "0000-01-01",
            "23:59:60",
            "07:30:00.000001",
            "2026-11-28T19:05:07.Z",
            "2025-02-29",
            "2026-13-01",
            "2026-11-31",
            "2026-11-28T24:00:00Z",
            "2026-11-28T19:60:00Z",
            "2026-11-28T19:05:07+24:00",
            "19:05:07Z",
            "2026-11-28T",
            "2026-11-28X19:05:07",
            "2026-1-28",
            "soon",
            "",
        ] {
            let by_toml = text
                .parse::<toml::value::Datetime>()
                .ok()
                .map(|at| datetime_in(&at));
            let by_model = text.parse::<Datetime>().ok();
            assert_eq!(by_model, by_toml, "{text:?}");
        }
    }
}
