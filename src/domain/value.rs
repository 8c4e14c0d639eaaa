//! Keys of a file that rolefit does not read itself, kept as they were so that a save writes
//! them back: a newer version's settings, a user's own keys, a review's request details.
//!
//! The shape is TOML's value model; the reader converts at the file's edge, and nothing here
//! knows TOML.

use std::collections::BTreeMap;

use super::time::Datetime;

/// Keys and their values, in key order.
pub type Table = BTreeMap<String, Value>;

/// One kept value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Datetime(Datetime),
    Array(Vec<Value>),
    Table(Table),
}

impl Value {
    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if this is an integer.
    pub fn as_integer(&self) -> Option<i64> {
        match self {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }

    /// The table, if this is one.
    pub fn as_table(&self) -> Option<&Table> {
        match self {
            Value::Table(table) => Some(table),
            _ => None,
        }
    }

    /// The value under `key`, if this is a table that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_table()?.get(key)
    }

    /// The date-time, if this is one.
    pub fn as_datetime(&self) -> Option<&Datetime> {
        match self {
            Value::Datetime(at) => Some(at),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::String(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::String(text)
    }
}
