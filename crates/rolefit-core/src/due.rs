//! Due dates of plan actions: reading what the user types (`2027-03-31`, `+2w`), moving by
//! days and months, and the groups the Plan screen shows them in.

use super::assessment::PlanAction;
use super::time::{Date, civil_from_days, days_from_civil};

/// Where an action falls, in the order the Plan screen and `rolefit plan` list them.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueGroup {
    Overdue,
    ThisMonth,
    Later,
    NoDate,
    /// Done or dropped.
    Closed,
}

impl DueGroup {
    /// The heading shown above the group.
    pub fn title(self) -> &'static str {
        match self {
            DueGroup::Overdue => "Overdue",
            DueGroup::ThisMonth => "This month",
            DueGroup::Later => "Later",
            DueGroup::NoDate => "No date",
            DueGroup::Closed => "Done and dropped",
        }
    }

    /// The group of `action` on `today`.
    pub fn of(action: &PlanAction, today: Date) -> DueGroup {
        if !action.status.is_open() {
            return DueGroup::Closed;
        }
        match action.due {
            None => DueGroup::NoDate,
            Some(due) if day_number(due) < day_number(today) => DueGroup::Overdue,
            Some(due) if (due.year, due.month) == (today.year, today.month) => DueGroup::ThisMonth,
            Some(_) => DueGroup::Later,
        }
    }
}

/// Days since 1970-01-01.
pub fn day_number(date: Date) -> i64 {
    days_from_civil(i64::from(date.year), date.month, date.day)
}

/// The date `days` after `date` (before, when negative).
pub fn add_days(date: Date, days: i64) -> Date {
    let (year, month, day) = civil_from_days(day_number(date) + days);
    Date {
        year: year.clamp(0, 9999) as u16,
        month,
        day,
    }
}

fn month_length(year: i64, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The date `months` after `date`, on the same day or the month's last day when it is
/// shorter (31 January + 1 month is 28 or 29 February).
pub fn add_months(date: Date, months: i64) -> Date {
    let index = i64::from(date.year) * 12 + i64::from(date.month) - 1 + months;
    let year = index.div_euclid(12);
    let month = (index.rem_euclid(12) + 1) as u8;
    Date {
        year: year.clamp(0, 9999) as u16,
        month,
        day: date.day.min(month_length(year, month)),
    }
}

/// A due date that cannot be read; its message is one sentence saying what is accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadDue {
    /// Neither a date nor a number of days, weeks or months from today.
    #[error("\"{0}\" is not a date: type one such as 2027-03-31, or +10d, +2w or +3m from today.")]
    NotADate(String),
    /// A date whose month or day is not on the calendar.
    #[error("{0} is not a day on the calendar: check the month (01–12) and the day.")]
    NotOnTheCalendar(String),
}

/// Reads a due date as typed: `2027-03-31`, or `+10d`, `+2w`, `+3m` from `today`.
pub fn parse_due(text: &str, today: Date) -> Result<Date, BadDue> {
    let text = text.trim();
    let refuse = || Err(BadDue::NotADate(text.to_string()));
    if let Some(rest) = text.strip_prefix('+') {
        // The unit is the last character, whatever its width in bytes ("+2é" is refused, not
        // split inside the é).
        let cut = rest.char_indices().last().map_or(0, |(at, _)| at);
        let (number, unit) = rest.split_at(cut);
        let Ok(n) = number.parse::<i64>() else {
            return refuse();
        };
        if !(0..=3650).contains(&n) {
            return refuse();
        }
        return match unit.to_ascii_lowercase().as_str() {
            "d" => Ok(add_days(today, n)),
            "w" => Ok(add_days(today, n * 7)),
            "m" => Ok(add_months(today, n)),
            _ => refuse(),
        };
    }
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return refuse();
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return refuse();
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>())
    else {
        return refuse();
    };
    if !(1..=12).contains(&month) || day == 0 || day > month_length(i64::from(year), month) {
        return Err(BadDue::NotOnTheCalendar(text.to_string()));
    }
    Ok(Date { year, month, day })
}

/// A date as written in files and on screen: 2027-03-31.
pub fn show(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

/// Whether an open action is due within `days` days from `today` (today included), not
/// overdue.
pub fn due_within(action: &PlanAction, today: Date, days: i64) -> bool {
    action.status.is_open()
        && action.due.is_some_and(|due| {
            let diff = day_number(due) - day_number(today);
            (0..=days).contains(&diff)
        })
}

/// Whether an open action's date has passed.
pub fn overdue(action: &PlanAction, today: Date) -> bool {
    action.status.is_open()
        && action
            .due
            .is_some_and(|due| day_number(due) < day_number(today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActionStatus;

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn dates_are_typed_as_iso_or_as_days_weeks_months_from_today() {
        let today = date(2027, 1, 31);
        assert_eq!(parse_due("2027-03-31", today), Ok(date(2027, 3, 31)));
        assert_eq!(parse_due(" +10d ", today), Ok(date(2027, 2, 10)));
        assert_eq!(parse_due("+2w", today), Ok(date(2027, 2, 14)));
        assert_eq!(parse_due("+1m", today), Ok(date(2027, 2, 28)));
        assert_eq!(parse_due("+13M", today), Ok(date(2028, 2, 29)));
        assert_eq!(parse_due("+0d", today), Ok(today));
        for bad in [
            "",
            "tomorrow",
            "end of march",
            "2027-3-31",
            "+2",
            "+xw",
            "+-1d",
            "+2y",
            "27-03-31",
            "+",
            "+2é",
            "+é",
            "+２w",
            "+2日",
        ] {
            let err = parse_due(bad, today).unwrap_err().to_string();
            assert!(
                err.contains("2027-03-31") && err.contains("+2w"),
                "{bad}: {err}"
            );
        }
        assert!(
            parse_due("2027-02-29", today)
                .unwrap_err()
                .to_string()
                .contains("not a day")
        );
        assert!(parse_due("2027-13-01", today).is_err());
        assert_eq!(parse_due("2028-02-29", today), Ok(date(2028, 2, 29)));
    }

    #[test]
    fn actions_fall_into_groups_by_their_date_and_status() {
        let today = date(2027, 3, 15);
        let mut a = PlanAction::new(1, "x");
        assert_eq!(DueGroup::of(&a, today), DueGroup::NoDate);
        a.due = Some(date(2027, 3, 14));
        assert_eq!(DueGroup::of(&a, today), DueGroup::Overdue);
        assert!(overdue(&a, today));
        a.due = Some(today);
        assert_eq!(DueGroup::of(&a, today), DueGroup::ThisMonth);
        assert!(due_within(&a, today, 7));
        a.due = Some(date(2027, 4, 1));
        assert_eq!(DueGroup::of(&a, today), DueGroup::Later);
        assert!(!due_within(&a, today, 7));
        a.status = ActionStatus::Done;
        assert_eq!(DueGroup::of(&a, today), DueGroup::Closed);
        a.status = ActionStatus::Dropped;
        a.due = Some(date(2020, 1, 1));
        assert!(!overdue(&a, today), "a dropped action is never overdue");
    }
}
