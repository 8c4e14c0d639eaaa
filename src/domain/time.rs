//! Dates and times as an assessment file holds them, and the calendar arithmetic on them.
//!
//! The shape is that of a TOML date-time (a date, a time, an offset, each optional) so that a
//! file's `created = 2026-11-28T19:00:00+01:00` is written back exactly as it was read; the
//! reader converts at the file's edge, and nothing here knows TOML. Reading the clock and the
//! local time zone is the program's job, not the model's.

use std::fmt;

/// A date-time as a file holds it: an offset date-time, a local date-time, a date or a time.
#[derive(PartialEq, Eq, PartialOrd, Ord, Copy, Clone, Debug)]
pub struct Datetime {
    pub date: Option<Date>,
    pub time: Option<Time>,
    pub offset: Option<Offset>,
}

/// A calendar date.
#[derive(PartialEq, Eq, PartialOrd, Ord, Copy, Clone, Debug)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A time of day; seconds and their fraction may be left out, as in a file.
#[derive(PartialEq, Eq, PartialOrd, Ord, Copy, Clone, Debug)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: Option<u8>,
    pub nanosecond: Option<u32>,
}

/// The offset from UTC of a date-time: `Z` or a number of minutes.
#[derive(PartialEq, Eq, PartialOrd, Ord, Copy, Clone, Debug)]
pub enum Offset {
    Z,
    Custom { minutes: i16 },
}

impl From<Date> for Datetime {
    fn from(date: Date) -> Self {
        Datetime {
            date: Some(date),
            time: None,
            offset: None,
        }
    }
}

/// RFC 3339 as TOML writes it: `2026-11-28T19:00:00+01:00`, `2026-11-28`, `19:00:00.5`.
impl fmt::Display for Datetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(date) = &self.date {
            write!(f, "{date}")?;
        }
        if let Some(time) = &self.time {
            if self.date.is_some() {
                f.write_str("T")?;
            }
            write!(f, "{time}")?;
        }
        if let Some(offset) = &self.offset {
            write!(f, "{offset}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if let Some(second) = self
            .second
            .or_else(|| self.nanosecond.is_some().then_some(0))
        {
            write!(f, ":{second:02}")?;
        }
        if let Some(nanosecond) = self.nanosecond {
            let digits = format!("{nanosecond:09}");
            let digits = match digits.trim_end_matches('0') {
                "" => "0",
                kept => kept,
            };
            write!(f, ".{digits}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Offset::Z => f.write_str("Z"),
            Offset::Custom { minutes } => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let minutes = minutes.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

/// The local calendar: today's date and the local date of a moment. The program reads the
/// clock and the time zone and hands them in; the model never reads them itself.
pub trait Calendar {
    /// Today, on the local calendar.
    fn today(&self) -> Date;
    /// The date on the local calendar at `at` (its own date when it holds no time).
    fn date_of(&self, at: &Datetime) -> Option<Date>;
}

/// Text that is not a date or time as a file writes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADatetime;

impl fmt::Display for NotADatetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a date or time such as 2027-03-01T09:00:00Z")
    }
}

impl std::error::Error for NotADatetime {}

/// Reads what [`Display`](fmt::Display) writes: a date, a time, or both, with an offset only
/// after both (RFC 3339 as TOML allows it: `T`, `t` or a space between, seconds optional).
impl std::str::FromStr for Datetime {
    type Err = NotADatetime;

    fn from_str(text: &str) -> Result<Self, NotADatetime> {
        let mut rest = text.as_bytes();
        let date = if rest.len() >= 10 && rest[4] == b'-' {
            let date = Date {
                year: number(&rest[0..4])? as u16,
                month: number(&rest[5..7])? as u8,
                day: number(&rest[8..10])? as u8,
            };
            if rest[7] != b'-' || !(1..=12).contains(&date.month) || date.day == 0 {
                return Err(NotADatetime);
            }
            let days_in_month = days_from_civil(
                i64::from(date.year) + i64::from(date.month == 12),
                date.month % 12 + 1,
                1,
            ) - days_from_civil(i64::from(date.year), date.month, 1);
            if i64::from(date.day) > days_in_month {
                return Err(NotADatetime);
            }
            rest = &rest[10..];
            match rest.first() {
                None => return Ok(Datetime::from(date)),
                Some(b'T' | b't' | b' ') => rest = &rest[1..],
                Some(_) => return Err(NotADatetime),
            }
            Some(date)
        } else {
            None
        };
        if rest.len() < 5 || rest[2] != b':' {
            return Err(NotADatetime);
        }
        let mut time = Time {
            hour: number(&rest[0..2])? as u8,
            minute: number(&rest[3..5])? as u8,
            second: None,
            nanosecond: None,
        };
        rest = &rest[5..];
        if let [b':', a, b, tail @ ..] = rest {
            time.second = Some(number(&[*a, *b])? as u8);
            rest = tail;
            if let [b'.', tail @ ..] = rest {
                let digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
                if digits == 0 {
                    return Err(NotADatetime);
                }
                let mut nanos = 0u32;
                for (i, digit) in tail[..digits].iter().enumerate() {
                    if i < 9 {
                        nanos = nanos * 10 + u32::from(digit - b'0');
                    }
                }
                time.nanosecond = Some(nanos * 10u32.pow(9u32.saturating_sub(digits as u32)));
                rest = &tail[digits..];
            }
        }
        if time.hour > 23 || time.minute > 59 || time.second.is_some_and(|s| s > 60) {
            return Err(NotADatetime);
        }
        let offset = match rest {
            [] => None,
            [b'Z' | b'z'] if date.is_some() => Some(Offset::Z),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] if date.is_some() => {
                let (hours, minutes) = (number(&[*h1, *h2])?, number(&[*m1, *m2])?);
                if hours > 23 || minutes > 59 {
                    return Err(NotADatetime);
                }
                let minutes = (hours * 60 + minutes) as i16;
                Some(Offset::Custom {
                    minutes: if *sign == b'-' { -minutes } else { minutes },
                })
            }
            _ => return Err(NotADatetime),
        };
        Ok(Datetime {
            date,
            time: Some(time),
            offset,
        })
    }
}

/// The value of ASCII digits, all of them.
fn number(digits: &[u8]) -> Result<u32, NotADatetime> {
    digits.iter().try_fold(0u32, |n, d| {
        d.is_ascii_digit()
            .then(|| n * 10 + u32::from(d - b'0'))
            .ok_or(NotADatetime)
    })
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a civil date (the inverse of [`civil_from_days`]).
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01, within the years a file can hold (0–9999).
pub fn date_from_days(days: i64) -> Date {
    let (year, month, day) = civil_from_days(days);
    Date {
        year: year.clamp(0, 9999) as u16,
        month,
        day,
    }
}

/// A UTC datetime for a number of seconds since the epoch.
pub fn utc_from_epoch(seconds: i64) -> Datetime {
    let secs = seconds.rem_euclid(86_400);
    Datetime {
        date: Some(date_from_days(seconds.div_euclid(86_400))),
        time: Some(Time {
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: Some((secs % 60) as u8),
            nanosecond: None,
        }),
        offset: Some(Offset::Z),
    }
}

/// Seconds since the epoch of a datetime with a date, a time and an offset (UTC without one).
pub fn epoch_of(datetime: &Datetime) -> Option<i64> {
    let date = datetime.date?;
    let time = datetime.time.unwrap_or(Time {
        hour: 0,
        minute: 0,
        second: None,
        nanosecond: None,
    });
    let offset = match datetime.offset {
        Some(Offset::Custom { minutes }) => i64::from(minutes) * 60,
        _ => 0,
    };
    Some(
        days_from_civil(i64::from(date.year), date.month, date.day) * 86_400
            + i64::from(time.hour) * 3600
            + i64::from(time.minute) * 60
            + i64::from(time.second.unwrap_or(0))
            - offset,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_are_written_as_rfc_3339() {
        let at = Datetime {
            date: Some(Date {
                year: 2026,
                month: 11,
                day: 28,
            }),
            time: Some(Time {
                hour: 19,
                minute: 5,
                second: Some(7),
                nanosecond: Some(500_000_000),
            }),
            offset: Some(Offset::Custom { minutes: -90 }),
        };
        assert_eq!(at.to_string(), "2026-11-28T19:05:07.5-01:30");
        assert_eq!(utc_from_epoch(0).to_string(), "1970-01-01T00:00:00Z");
        let date_only = Datetime::from(Date {
            year: 7,
            month: 1,
            day: 2,
        });
        assert_eq!(date_only.to_string(), "0007-01-02");
        let time_only = Datetime {
            date: None,
            time: Some(Time {
                hour: 9,
                minute: 30,
                second: None,
                nanosecond: Some(0),
            }),
            offset: None,
        };
        assert_eq!(time_only.to_string(), "09:30:00.0");
    }

    #[test]
    fn days_and_dates_convert_both_ways() {
        for days in [-719_468, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "day {days}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        let at = utc_from_epoch(1_795_888_800);
        assert_eq!(epoch_of(&at), Some(1_795_888_800));
        let mut east = at;
        east.offset = Some(Offset::Custom { minutes: 60 });
        assert_eq!(epoch_of(&east), Some(1_795_888_800 - 3600));
    }
}
