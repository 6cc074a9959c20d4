//! Calendar arithmetic for UTC periods: days since 1970, calendar days,
//! ISO weeks, months, quarters and years, with their labels.
//!
//! A day runs from 00:00 UTC; a week starts on Monday (ISO 8601) and is
//! labelled with its ISO week (`2017-W29`); a quarter is a calendar quarter
//! (`2017-Q3`, July to September); months are `2017-07`, years `2017`.
//!
//! ```
//! use econ_archive::date::Period;
//! let q = Period::Quarter;
//! let idx = q.of_days(17_440); // 2017-10-01
//! assert_eq!(q.label(idx), "2017-Q4");
//! ```

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Microseconds in a day.
pub const DAY_MICROS: i64 = 86_400_000_000;

/// Length of the periods a trend counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Period, String> {
        match s.to_ascii_lowercase().as_str() {
            "day" | "daily" => Ok(Period::Day),
            "week" | "weekly" => Ok(Period::Week),
            "month" | "monthly" => Ok(Period::Month),
            "quarter" | "quarterly" => Ok(Period::Quarter),
            "year" | "yearly" | "annual" => Ok(Period::Year),
            _ => Err(format!(
                "unknown period {s:?}: use day, week, month, quarter or year"
            )),
        }
    }
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// Index of the period holding a UTC timestamp (microseconds since 1970).
    pub fn of_micros(self, micros: i64) -> i64 {
        self.of_days(micros.div_euclid(DAY_MICROS))
    }

    /// Index of the period holding a day (days since 1970-01-01).
    /// Day and week indices count from 1970; months are `year·12 + month−1`,
    /// quarters `year·4 + quarter−1`, years the year.
    pub fn of_days(self, days: i64) -> i64 {
        match self {
            Period::Day => days,
            // 1970-01-05 was the first Monday.
            Period::Week => (days - 4).div_euclid(7),
            Period::Month | Period::Quarter | Period::Year => {
                let (y, m, _) = civil_from_days(days);
                match self {
                    Period::Month => y * 12 + (m as i64 - 1),
                    Period::Quarter => y * 4 + (m as i64 - 1) / 3,
                    _ => y,
                }
            }
        }
    }

    /// First day of period `idx` (days since 1970-01-01).
    pub fn first_day(self, idx: i64) -> i64 {
        match self {
            Period::Day => idx,
            Period::Week => idx * 7 + 4,
            Period::Month => days_from_civil(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1),
            Period::Quarter => {
                days_from_civil(idx.div_euclid(4), idx.rem_euclid(4) as u32 * 3 + 1, 1)
            }
            Period::Year => days_from_civil(idx, 1, 1),
        }
    }

    /// Last day of period `idx`.
    pub fn last_day(self, idx: i64) -> i64 {
        self.first_day(idx + 1) - 1
    }

    /// The label of period `idx`: `2017-07-18`, `2017-W29`, `2017-07`, `2017-Q3`, `2017`.
    pub fn label(self, idx: i64) -> String {
        match self {
            Period::Day => day_string(idx),
            Period::Week => match date_of(self.first_day(idx)) {
                Some(d) => {
                    let w = d.iso_week();
                    format!("{:04}-W{:02}", w.year(), w.week())
                }
                None => format!("week {idx}"),
            },
            Period::Month => format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1),
            Period::Quarter => format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1),
            Period::Year => format!("{idx:04}"),
        }
    }
}

fn date_of(days: i64) -> Option<NaiveDate> {
    let (y, m, d) = civil_from_days(days);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `YYYY-MM-DD` of a day number.
pub fn day_string(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Proleptic Gregorian (year, month, day) of a day number (days since
/// 1970-01-01), after Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Day number (days since 1970-01-01) of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn days(y: i32, m: u32, d: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
            .num_days()
    }

    #[test]
    fn civil_round_trip_matches_chrono() {
        for d in (-800_000..800_000).step_by(37) {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days(y as i32, m, dd), d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn period_boundaries() {
        // 2018-01-01 was a Monday; 2017-12-31 a Sunday.
        let w = Period::Week;
        assert_eq!(
            w.of_days(days(2017, 12, 31)) + 1,
            w.of_days(days(2018, 1, 1))
        );
        assert_eq!(w.of_days(days(2018, 1, 1)), w.of_days(days(2018, 1, 7)));
        assert_eq!(w.label(w.of_days(days(2018, 1, 3))), "2018-W01");
        assert_eq!(w.label(w.of_days(days(2017, 12, 31))), "2017-W52");
        assert_eq!(
            day_string(w.first_day(w.of_days(days(2018, 1, 3)))),
            "2018-01-01"
        );
        // 1970-01-01 (Thursday) belongs to the week of Monday 1969-12-29.
        assert_eq!(day_string(w.first_day(w.of_days(0))), "1969-12-29");
        let m = Period::Month;
        assert_eq!(m.label(m.of_days(days(2016, 2, 29))), "2016-02");
        assert_eq!(
            day_string(m.last_day(m.of_days(days(2016, 2, 1)))),
            "2016-02-29"
        );
        let q = Period::Quarter;
        assert_eq!(q.label(q.of_days(days(2017, 9, 30))), "2017-Q3");
        assert_eq!(q.label(q.of_days(days(2017, 10, 1))), "2017-Q4");
        assert_eq!(
            day_string(q.last_day(q.of_days(days(2017, 11, 5)))),
            "2017-12-31"
        );
        let y = Period::Year;
        assert_eq!(
            y.of_days(days(2017, 12, 31)) + 1,
            y.of_days(days(2018, 1, 1))
        );
        assert_eq!(y.label(1987), "1987");
        // Timestamps: the last microsecond of a UTC day.
        let end = days(2017, 12, 31) * DAY_MICROS + DAY_MICROS - 1;
        assert_eq!(Period::Year.of_micros(end), 2017);
        assert_eq!(Period::Year.of_micros(end + 1), 2018);
        assert_eq!(Period::Day.of_micros(-1), -1);
    }
}
