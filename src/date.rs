//! Date parsing (placeholder until the real parser lands).
use crate::article::DatePrecision;
use chrono::{DateTime, NaiveDate, Utc};

pub fn parse_date(s: &str) -> Option<(DateTime<Utc>, DatePrecision)> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s.trim()) {
        return Some((d.with_timezone(&Utc), DatePrecision::Exact));
    }
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    Some((d.and_hms_opt(0, 0, 0)?.and_utc(), DatePrecision::Day))
}
pub fn date_from_file_name(_s: &str) -> Option<(DateTime<Utc>, DatePrecision)> {
    None
}
pub fn date_from_dateline(_s: &str) -> Option<(DateTime<Utc>, DatePrecision)> {
    None
}
