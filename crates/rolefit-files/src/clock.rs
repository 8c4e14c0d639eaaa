//! Wall-clock helpers: UTC timestamps for files, local time for the footer.

use std::time::{SystemTime, UNIX_EPOCH};

use rolefit_core::time::{Date, Datetime};
pub use rolefit_core::time::{civil_from_days, days_from_civil, epoch_of, utc_from_epoch};

thread_local! {
    /// A fixed time for this thread, set by tests (see [`set_test_now`]).
    static FIXED: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}

/// Fixes the time this thread sees (seconds since the epoch), or frees it (None): tests drive
/// the real loop on a day of their choosing. `ROLEFIT_NOW` (a date and time such as
/// `2027-03-01T09:00:00Z`) does the same for a whole process, for tests of the program.
pub fn set_test_now(seconds: Option<i64>) {
    FIXED.with(|f| f.set(seconds));
}

/// Seconds since the Unix epoch, now.
fn epoch_seconds() -> i64 {
    if let Some(fixed) = FIXED.with(std::cell::Cell::get) {
        return fixed;
    }
    if let Some(fixed) = std::env::var("ROLEFIT_NOW")
        .ok()
        .and_then(|v| v.trim().parse::<Datetime>().ok())
        .and_then(|d| epoch_of(&d))
    {
        return fixed;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
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
    let secs = (seconds + local_offset(seconds)).rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The calendar of this machine's clock and time zone.
#[derive(Copy, Clone, Debug, Default)]
pub struct Local;

impl rolefit_core::time::Calendar for Local {
    fn today(&self) -> Date {
        local_day(&now_utc())
    }

    fn date_of(&self, at: &Datetime) -> Option<Date> {
        local_date(at)
    }
}

/// The date on the local calendar at `at`; 1970-01-01 where it cannot be told (no date).
pub fn local_day(at: &Datetime) -> Date {
    local_date(at).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// The date on the local calendar at `datetime` (its own date when it holds no time).
pub fn local_date(datetime: &Datetime) -> Option<Date> {
    let seconds = epoch_of(datetime)?;
    let local = seconds + local_offset(seconds);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    Some(Date {
        year: year.clamp(0, 9999) as u16,
        month,
        day,
    })
}

/// The local time zone's offset from UTC at `seconds`, in seconds: the system's time zone as
/// `jiff` finds it (`TZ`, else `/etc/localtime`; UTC where there is none). 0 for a moment
/// outside the years −9999 to 9999.
fn local_offset(seconds: i64) -> i64 {
    match jiff::Timestamp::from_second(seconds) {
        Ok(at) => i64::from(jiff::tz::TimeZone::system().to_offset(at).seconds()),
        Err(_) => 0,
    }
}

/// A moment as people read it, in local time: "today 14:03", "yesterday 09:30", else
/// "2026-11-28 18:00"; a datetime without a date as it is.
pub fn local_human(datetime: &Datetime) -> String {
    let Some(at) = epoch_of(datetime) else {
        return datetime.to_string();
    };
    let now = epoch_seconds();
    human_at(at, local_offset(at), now, local_offset(now))
}

/// [`local_human`] for moment `at` in a zone `offset` seconds from UTC, seen at `now` (its
/// zone `now_offset` from UTC).
fn human_at(at: i64, offset: i64, now: i64, now_offset: i64) -> String {
    let local = at + offset;
    let day = local.div_euclid(86_400);
    let today = (now + now_offset).div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let clock = format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60);
    match today - day {
        0 => format!("today {clock}"),
        1 => format!("yesterday {clock}"),
        _ => {
            let (year, month, date) = civil_from_days(day);
            format!("{year:04}-{month:02}-{date:02} {clock}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_as_people_say_them_in_local_time() {
        let at = 1_795_888_800; // 2026-11-28T18:00:00Z
        assert_eq!(epoch_of(&utc_from_epoch(at)), Some(at));
        let hour = 3600;
        // The same day, an hour east of UTC.
        assert_eq!(human_at(at, hour, at + 60, hour), "today 19:00");
        // Past midnight locally: yesterday.
        assert_eq!(
            human_at(at, 5 * hour, at + 2 * hour, 5 * hour),
            "yesterday 23:00"
        );
        assert_eq!(
            human_at(at, -5 * hour, at + 3 * 86_400, -5 * hour),
            "2026-11-28 13:00"
        );
        let offset: Datetime = "2026-11-28T19:00:00+01:00".parse().unwrap();
        assert_eq!(epoch_of(&offset), Some(at));
    }

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
