//! Wall-clock helpers: UTC timestamps for files, local time for the footer.

use std::time::{SystemTime, UNIX_EPOCH};

use toml::value::{Date, Datetime, Offset, Time};

/// Seconds since the Unix epoch, now.
fn epoch_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
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

/// A UTC datetime for a number of seconds since the epoch.
pub fn utc_from_epoch(seconds: i64) -> Datetime {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let secs = seconds.rem_euclid(86_400);
    Datetime {
        date: Some(Date {
            year: year.clamp(0, 9999) as u16,
            month,
            day,
        }),
        time: Some(Time {
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: Some((secs % 60) as u8),
            nanosecond: None,
        }),
        offset: Some(Offset::Z),
    }
}

/// The current time in UTC, to the second.
pub fn now_utc() -> Datetime {
    utc_from_epoch(epoch_seconds())
}

/// A compact UTC stamp for file names, e.g. `20261128T180000Z`.
pub fn file_stamp() -> String {
    let d = now_utc();
    let (date, time) = (d.date.expect("set"), d.time.expect("set"));
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        date.year,
        date.month,
        date.day,
        time.hour,
        time.minute,
        time.second.unwrap_or(0)
    )
}

/// The local wall-clock time as `HH:MM:SS`, for the footer.
pub fn local_hms() -> String {
    let seconds = epoch_seconds();
    #[cfg(unix)]
    {
        let t = seconds as libc::time_t;
        // SAFETY: localtime_r writes only into the zeroed struct we own.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        if !unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
            return format!("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec);
        }
    }
    let secs = seconds.rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_conversion_matches_known_dates() {
        assert_eq!(utc_from_epoch(0).to_string(), "1970-01-01T00:00:00Z");
        // 2026-11-28T18:00:00Z
        assert_eq!(
            utc_from_epoch(1_795_888_800).to_string(),
            "2026-11-28T18:00:00Z"
        );
        // A leap day.
        assert_eq!(
            utc_from_epoch(951_782_400).to_string(),
            "2000-02-29T00:00:00Z"
        );
    }
}
