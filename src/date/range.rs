//! The date range of a request (`--since`, `--until`): written dates parsed
//! once, into the instants a backend compares with.

use super::parse_date;
use crate::article::DatePrecision;
use chrono::{DateTime, Datelike, Duration, Months, TimeZone, Utc};

/// A date the user wrote, with the instant it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateBound {
    /// As written (echoed in output).
    pub text: String,
    /// The instant: for `since` the start of the date written, for `until`
    /// the end of it (exclusive), so `--until 2017` includes all of 2017.
    pub at: DateTime<Utc>,
}

/// On or after `since`, before `until`; either may be open.
///
/// ```
/// use econ_archive::date::DateRange;
/// let r = DateRange::parse(Some("2017-07"), Some("2017")).unwrap();
/// assert_eq!(r.until.unwrap().at.to_rfc3339(), "2018-01-01T00:00:00+00:00");
/// assert!(DateRange::parse(Some("2018"), Some("2017")).is_err());
/// assert!(DateRange::parse(Some("someday"), None).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    pub since: Option<DateBound>,
    pub until: Option<DateBound>,
}

/// A date range that cannot be used, said as the user should read it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateRangeError(pub String);

impl DateRange {
    /// Parses `--since` and `--until` values; refuses invalid dates and a
    /// `since` that is not before `until`.
    pub fn parse(since: Option<&str>, until: Option<&str>) -> Result<DateRange, DateRangeError> {
        let since = since
            .map(|s| bound(s, false).map(|at| DateBound { text: s.into(), at }))
            .transpose()?;
        let until = until
            .map(|s| bound(s, true).map(|at| DateBound { text: s.into(), at }))
            .transpose()?;
        if let (Some(a), Some(b)) = (&since, &until) {
            if a.at >= b.at {
                return Err(DateRangeError(format!(
                    "--since {} is not before --until {}",
                    a.text, b.text
                )));
            }
        }
        Ok(DateRange { since, until })
    }

    pub fn is_open(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }
}

/// The instant a written date bounds: its start, or with `end` the
/// exclusive end of the period written (a day, month or year whole).
fn bound(text: &str, end: bool) -> Result<DateTime<Utc>, DateRangeError> {
    let Some((when, precision)) = parse_date(text) else {
        return Err(DateRangeError(format!(
            "invalid date {text:?}: use e.g. 2017-07-18, 2017-07, 2017 or July 18, 2017"
        )));
    };
    if !end {
        return Ok(when);
    }
    let next = match precision {
        DatePrecision::Exact => Some(when + Duration::microseconds(1)),
        DatePrecision::Day => Some(when + Duration::days(1)),
        DatePrecision::Month => when.checked_add_months(Months::new(1)),
        DatePrecision::Year => Utc
            .with_ymd_and_hms(when.year() + 1, 1, 1, 0, 0, 0)
            .single(),
    };
    next.ok_or_else(|| DateRangeError(format!("date {text:?} is out of range")))
}
