//! Date parsing for records, file names and datelines.
//!
//! Every result is in **UTC**: a date with an explicit offset or a known zone
//! abbreviation (`EST`, `GMT`, `+02:00`…) is converted to UTC; a date without
//! any zone is taken to be UTC already; a date without a time of day is
//! midnight UTC of that day (of the first day of the month or year for
//! month/year precision).
//!
//! Precision: [`DatePrecision::Exact`] when a time of day was given,
//! [`DatePrecision::Day`] for a calendar date, then `Month` and `Year`.
//! Years outside 1800..=2200 are rejected as absurd.
//!
//! All regular expressions are compiled once (`LazyLock`), so the functions
//! are cheap enough to run on every article.
//!
//! Also the calendar arithmetic of periods ([`Period`]) and the date range
//! of a request ([`DateRange`]).

mod calendar;
mod parse;
mod range;

pub use calendar::{civil_from_days, day_string, days_from_civil, Period, DAY_MICROS};
pub use parse::{
    date_from_dateline, date_from_dateline_with_year, date_from_file_name, month_from_name,
    parse_date, parse_date_in, DateOrder, ParsedDate, MAX_YEAR, MIN_YEAR,
};
pub use range::{DateBound, DateRange, DateRangeError};

use chrono::{DateTime, SecondsFormat, Utc};

/// A date as every output writes it: RFC 3339 in UTC (`Z`), with a
/// fraction of a second only when there is one.
pub fn rfc3339(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
