//! Parsing dates written in records, file names and datelines.

use crate::article::DatePrecision;
use chrono::{DateTime, NaiveDate, Utc};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Oldest year accepted.
pub const MIN_YEAR: i32 = 1800;
/// Latest year accepted.
pub const MAX_YEAR: i32 = 2200;

/// A parsed date with its precision.
pub type ParsedDate = (DateTime<Utc>, DatePrecision);

/// Time of day (optional) with am/pm and zone, shared by the textual forms.
/// Groups: `h`, `mi`, `s`, `ampm`, `tz`.
const TIME: &str = r"(?:(?:\s*T\s*|\s+|\s*,\s*|\s+at\s+|\s*-\s*)(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:\s*\(?(?P<tz>z|[a-z]{2,5}|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?)\)?)?)?";

/// Optional leading weekday ("Tue, ", "Tuesday ").
const WEEKDAY: &str = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?";

/// A month name or abbreviation (validated by [`month_from_name`]).
const MONTH: &str = r"(?P<mon>[a-z]{3,9})\.?";

fn build(pattern: &str) -> Regex {
    let full = pattern
        .replace("{TIME}", TIME)
        .replace("{WD}", WEEKDAY)
        .replace("{MON}", MONTH)
        .replace(r"\d", "[0-9]");
    // The patterns are constants; a failure here is a programming error caught by the tests.
    Regex::new(&full).unwrap_or_else(|e| panic!("bad date regex {full}: {e}"))
}

/// `2017-07-18`, `2017/07/18`, `2017.07.18`, `2017-07-18T10:00`, `2017-07-18 10:00:00 +0200`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?i)^(?P<y>\d{4})(?P<sep>[-/.])(?P<mo>\d{1,2})[-/.](?P<d>\d{1,2}){TIME}$")
});
/// `20170718`, `20170718T101500Z`.
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)^(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?:T(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?(?P<tz>z)?)?$",
    )
});
/// `26-FEB-1987 15:01:01.79` (Reuters), `18-Jul-2017`; trailing junk allowed.
static DMY_DASH: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?is)^(?P<d>\d{1,2})-{MON}-(?P<y>\d{4})(?:\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?(?:[^0-9:].*)?$",
    )
});
/// `July 18, 2017`, `Tue, Jul 18 2017 3:45 PM EDT`.
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?i)^{WD}{MON}\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4}){TIME}$")
});
/// `18 July 2017`, `Tue, 18 Jul 2017`, `18th of July, 2017`.
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?i)^{WD}(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?{MON},?\s+(?P<y>\d{4}){TIME}$")
});
/// `07/18/2017` (US order) or `18/07/2017` when the first number cannot be a month.
/// `09.01.2024`, `9.1.2024`: day, month, year, as written in most of Europe.
static DOT_DMY: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)^(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4}){TIME}$"));
/// Seconds (10 digits) or milliseconds (13 digits) since 1970, as APIs and
/// scrapers write them.
static EPOCH: LazyLock<Regex> = LazyLock::new(|| build(r"^(?P<n>\d{9,10}|\d{12,13})$"));
static SLASH_DMY: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}){TIME}$"));
/// `2017-07`, `2017/07`.
static YM: LazyLock<Regex> = LazyLock::new(|| build(r"^(?P<y>\d{4})[-/](?P<mo>\d{1,2})$"));
/// `July 2017`, `Jul. 2017`.
static MY: LazyLock<Regex> = LazyLock::new(|| build(r"(?i)^{MON},?\s+(?P<y>\d{4})$"));
/// `2017`.
static Y: LazyLock<Regex> = LazyLock::new(|| build(r"^(?P<y>\d{4})$"));

/// Parses a date as found in a record. See the module documentation for the
/// time zone rules. Accepted forms:
///
/// * RFC 3339 (`2017-07-18T10:15:00Z`), also without seconds, with a space
///   instead of `T`, or without a zone (→ UTC);
/// * RFC 2822 (`Tue, 18 Jul 2017 10:15:00 +0000`);
/// * `2017-07-18`, `2017/07/18`, `20170718`;
/// * `July 18, 2017`, `Jul 18, 2017`, `18 July 2017`, `18 Jul 2017`, each
///   optionally with a weekday before and a time of day after;
/// * `18-Jul-2017`, `26-FEB-1987 15:01:01.79` (Reuters; trailing junk allowed);
/// * `07/18/2017` (month first unless the first number exceeds 12);
/// * `2017-07`, `July 2017` (month precision), `2017` (year precision).
pub fn parse_date(s: &str) -> Option<ParsedDate> {
    parse_date_in(s, DateOrder::default())
}

/// How to read a date with slashes whose day and month could be either
/// (`01/03/1987`): month first (the US habit, the default) or day first.
/// A first number over 12 is always the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    MonthFirst,
    DayFirst,
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<DateOrder, String> {
        match s.to_ascii_lowercase().as_str() {
            "mdy" => Ok(DateOrder::MonthFirst),
            "dmy" => Ok(DateOrder::DayFirst),
            _ => Err(format!("unknown date order {s:?}: use mdy or dmy")),
        }
    }
}

/// [`parse_date`] with the order to read ambiguous slashed dates in.
pub fn parse_date_in(s: &str, order: DateOrder) -> Option<ParsedDate> {
    let s = s
        .trim()
        .trim_matches(|c: char| c == '"' || c == '\'')
        .trim();
    if s.is_empty() || s.len() > 120 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return check((d.with_timezone(&Utc), DatePrecision::Exact));
    }
    if let Some(c) = ISO.captures(s) {
        return from_caps(&c);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return check((d.with_timezone(&Utc), DatePrecision::Exact));
    }
    if let Some(c) = MDY.captures(s).or_else(|| DMY.captures(s)) {
        return from_caps(&c);
    }
    if let Some(c) = DMY_DASH.captures(s) {
        return from_caps(&c);
    }
    if let Some(c) = COMPACT.captures(s) {
        return from_caps(&c);
    }
    if let Some(c) = SLASH_DMY.captures(s) {
        let a: u32 = c.name("a")?.as_str().parse().ok()?;
        let b: u32 = c.name("b")?.as_str().parse().ok()?;
        let (mo, d) = if a > 12 || (order == DateOrder::DayFirst && b <= 12) {
            (b, a)
        } else {
            (a, b)
        };
        return from_parts(&c, mo, d, DatePrecision::Day);
    }
    if let Some(c) = DOT_DMY.captures(s) {
        return from_caps(&c);
    }
    if let Some(c) = EPOCH.captures(s) {
        let n: i64 = c.name("n")?.as_str().parse().ok()?;
        let secs = if n > 99_999_999_999 { n / 1000 } else { n };
        return check((DateTime::from_timestamp(secs, 0)?, DatePrecision::Exact));
    }
    if let Some(c) = YM.captures(s) {
        let mo: u32 = c.name("mo")?.as_str().parse().ok()?;
        return from_parts(&c, mo, 1, DatePrecision::Month);
    }
    if let Some(c) = MY.captures(s) {
        let mo = month_from_name(c.name("mon")?.as_str())?;
        return from_parts(&c, mo, 1, DatePrecision::Month);
    }
    if let Some(c) = Y.captures(s) {
        return from_parts(&c, 1, 1, DatePrecision::Year);
    }
    None
}

/// Month number from a name or abbreviation (`Jan`, `january`, `Sept`).
pub fn month_from_name(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(lower.as_str()))
        .map(|i| i as u32 + 1)
}

/// Year, month and day from the named groups `y`, `mo` or `mon`, `d`; time
/// from `h`, `mi`, `s`, `ampm`, `tz`.
fn from_caps(c: &Captures) -> Option<ParsedDate> {
    let mo = match c.name("mo") {
        Some(m) => m.as_str().parse().ok()?,
        None => month_from_name(c.name("mon")?.as_str())?,
    };
    let d: u32 = c.name("d")?.as_str().parse().ok()?;
    from_parts(c, mo, d, DatePrecision::Day)
}

fn from_parts(c: &Captures, mo: u32, d: u32, precision: DatePrecision) -> Option<ParsedDate> {
    let y: i32 = c.name("y")?.as_str().parse().ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let Some(h) = c.name("h") else {
        return Some((date.and_hms_opt(0, 0, 0)?.and_utc(), precision));
    };
    let mut h: u32 = h.as_str().parse().ok()?;
    let mi: u32 = c.name("mi")?.as_str().parse().ok()?;
    let sec: u32 = match c.name("s") {
        Some(m) => m.as_str().parse().ok()?,
        None => 0,
    };
    if let Some(ap) = c.name("ampm") {
        if !(1..=12).contains(&h) {
            return None;
        }
        let pm = ap.as_str().starts_with(['p', 'P']);
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let naive = date.and_hms_opt(h, mi, sec.min(59))?;
    let offset = match c.name("tz") {
        Some(tz) => zone_offset_seconds(tz.as_str())?,
        None => 0,
    };
    let utc = naive.and_utc() - chrono::Duration::seconds(i64::from(offset));
    check((utc, DatePrecision::Exact))
}

/// Offset east of UTC in seconds for `Z`, `UTC`, `+02:00`, `-0500`, `GMT+1`
/// or a common zone abbreviation; `None` for an unknown zone.
fn zone_offset_seconds(tz: &str) -> Option<i32> {
    let t = tz.trim().to_ascii_lowercase();
    let t = t.trim_start_matches("utc").trim_start_matches("gmt").trim();
    if t.is_empty() || t == "z" {
        return Some(0);
    }
    if let Some(rest) = t.strip_prefix(['+', '-']) {
        let sign = if t.starts_with('-') { -1 } else { 1 };
        let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 => (digits[..1].parse::<i32>().ok()?, digits[1..].parse().ok()?),
            4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse().ok()?),
            _ => return None,
        };
        if h > 14 || m > 59 {
            return None;
        }
        return Some(sign * (h * 3600 + m * 60));
    }
    let minutes = match t {
        "ut" => 0,
        "est" => -5 * 60,
        "edt" => -4 * 60,
        "cst" => -6 * 60,
        "cdt" => -5 * 60,
        "mst" => -7 * 60,
        "mdt" => -6 * 60,
        "pst" => -8 * 60,
        "pdt" => -7 * 60,
        "bst" | "cet" => 60,
        "cest" | "eet" => 2 * 60,
        "eest" => 3 * 60,
        "ist" => 5 * 60 + 30,
        "jst" => 9 * 60,
        _ => return None,
    };
    Some(minutes * 60)
}

fn check(p: ParsedDate) -> Option<ParsedDate> {
    use chrono::Datelike;
    (MIN_YEAR..=MAX_YEAR).contains(&p.0.year()).then_some(p)
}

/// `2017-07-18…`, `2017_07_18…` or `20170718…` anywhere in a name, not part of a longer number.
static NAME_YMD: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?:^|[^0-9])(?P<y>(?:18|19|20|21)\d{2})(?P<sep>[-_.]?)(?P<mo>\d{2})(?P<sep2>[-_.]?)(?P<d>\d{2})(?:[^0-9]|$)",
    )
});

/// A date in a file name: `2017-07-18-title.txt`, `20170718_title.txt`,
/// `title_2017-07-18.md`, `breitbart_2016-03-11_slug.txt`. Day precision, UTC.
/// Only the last path component is looked at.
pub fn date_from_file_name(name: &str) -> Option<ParsedDate> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    for c in NAME_YMD.captures_iter(name) {
        let sep = c.name("sep").map_or("", |m| m.as_str());
        let sep2 = c.name("sep2").map_or("", |m| m.as_str());
        if sep != sep2 {
            continue;
        }
        if let Some(p) = from_caps(&c) {
            return Some(p);
        }
    }
    None
}

/// Place before the date in a dateline: `WASHINGTON, `, `NEW YORK (Reuters) `…
const PLACE: &str = r"(?:[A-Z][A-Za-z.'’&/\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.\- ]{1,25}?)?\s*(?:\([A-Za-z .&]{1,25}\)\s*)?[,:]?\s+)?";
/// What ends a dateline: a dash, an em or en dash, a colon.
const DASH: &str = r"\s*(?:\([A-Za-z .&]{1,25}\)\s*)?(?:-{1,2}|—|–|:|/)";

static DL_MDY: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"^\s*{PLACE}(?i:{WEEKDAY}{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?{DASH}"
    ))
});
static DL_DMY: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"^\s*{PLACE}(?i:{WEEKDAY})(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?i:{MONTH})(?:,?\s+(?P<y>\d{{4}}))?{DASH}"
    ))
});
static DL_ISO: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"^\s*{PLACE}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}}){DASH}"
    ))
});

/// A dateline at the start of an article body (first ~300 characters, first
/// few lines): `WASHINGTON, March 3, 2016 —`, `LONDON, 3 March 2016 (Reuters) -`,
/// `March 3, 2016 —`. Day precision, UTC. A dateline without a year is
/// ignored here; see [`date_from_dateline_with_year`].
pub fn date_from_dateline(text: &str) -> Option<ParsedDate> {
    date_from_dateline_with_year(text, None)
}

/// Like [`date_from_dateline`], but a dateline without a year
/// (`SALVADOR, Feb 26 -`) takes `reference_year` when one is given.
pub fn date_from_dateline_with_year(text: &str, reference_year: Option<i32>) -> Option<ParsedDate> {
    let head = match text.char_indices().nth(300) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    for line in head.lines().filter(|l| !l.trim().is_empty()).take(4) {
        for re in [&*DL_MDY, &*DL_DMY, &*DL_ISO] {
            let Some(c) = re.captures(line) else {
                continue;
            };
            let mo = match c.name("mo") {
                Some(m) => m.as_str().parse().ok(),
                None => c.name("mon").and_then(|m| month_from_name(m.as_str())),
            };
            let Some(mo) = mo else { continue };
            let Ok(d) = c.name("d").map_or("", |m| m.as_str()).parse::<u32>() else {
                continue;
            };
            let y = match c.name("y") {
                Some(y) => y.as_str().parse::<i32>().ok(),
                None => reference_year,
            };
            let Some(y) = y.filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y)) else {
                continue;
            };
            if let Some(date) = NaiveDate::from_ymd_opt(y, mo, d) {
                if let Some(dt) = date.and_hms_opt(0, 0, 0) {
                    return Some((dt.and_utc(), DatePrecision::Day));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ymd(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }
    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }
    fn p(s: &str) -> Option<ParsedDate> {
        parse_date(s)
    }

    #[test]
    fn rfc3339_forms() {
        use DatePrecision::*;
        assert_eq!(
            p("2017-07-18T10:15:30Z"),
            Some((at(2017, 7, 18, 10, 15, 30), Exact))
        );
        assert_eq!(
            p("2017-07-18T10:15:30+02:00"),
            Some((at(2017, 7, 18, 8, 15, 30), Exact))
        );
        assert_eq!(
            p("2017-07-18T10:15:30-05:00"),
            Some((at(2017, 7, 18, 15, 15, 30), Exact))
        );
        assert_eq!(
            p("2017-07-18T10:15"),
            Some((at(2017, 7, 18, 10, 15, 0), Exact))
        );
        assert_eq!(
            p("2017-07-18 10:15:30"),
            Some((at(2017, 7, 18, 10, 15, 30), Exact))
        );
        assert_eq!(
            p("2017-07-18 10:15:30 +0100"),
            Some((at(2017, 7, 18, 9, 15, 30), Exact))
        );
        assert_eq!(
            p("2017-07-18T23:30Z"),
            Some((at(2017, 7, 18, 23, 30, 0), Exact))
        );
        assert_eq!(
            p("2017-07-18 10:15 UTC"),
            Some((at(2017, 7, 18, 10, 15, 0), Exact))
        );
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            p("Tue, 18 Jul 2017 10:15:30 +0000"),
            Some((at(2017, 7, 18, 10, 15, 30), DatePrecision::Exact))
        );
        assert_eq!(
            p("Tue, 18 Jul 2017 10:15:30 -0400"),
            Some((at(2017, 7, 18, 14, 15, 30), DatePrecision::Exact))
        );
        assert_eq!(
            p("18 Jul 2017 10:15:30 GMT"),
            Some((at(2017, 7, 18, 10, 15, 30), DatePrecision::Exact))
        );
    }

    #[test]
    fn day_forms() {
        let want = Some((ymd(2017, 7, 18), DatePrecision::Day));
        for s in [
            "2017-07-18",
            "2017/07/18",
            "2017.07.18",
            "2017-7-18",
            "20170718",
            "July 18, 2017",
            "Jul 18, 2017",
            "Jul. 18, 2017",
            "july 18 2017",
            "JULY 18, 2017",
            "Tuesday, July 18, 2017",
            "18 July 2017",
            "18 Jul 2017",
            "Tue, 18 Jul 2017",
            "18th of July, 2017",
            "18-Jul-2017",
            "18-JUL-2017",
            "07/18/2017",
            "18/07/2017",
            "  2017-07-18  ",
            "\"2017-07-18\"",
        ] {
            assert_eq!(p(s), want, "{s}");
        }
        assert_eq!(
            p("Sept 5, 2016"),
            Some((ymd(2016, 9, 5), DatePrecision::Day))
        );
    }

    #[test]
    fn textual_with_time() {
        assert_eq!(
            p("July 18, 2017 3:45 PM"),
            Some((at(2017, 7, 18, 15, 45, 0), DatePrecision::Exact))
        );
        assert_eq!(
            p("July 18, 2017 at 3:45 p.m. EDT"),
            Some((at(2017, 7, 18, 19, 45, 0), DatePrecision::Exact))
        );
        assert_eq!(
            p("18 July 2017 12:05 am"),
            Some((at(2017, 7, 18, 0, 5, 0), DatePrecision::Exact))
        );
        assert_eq!(
            p("18 July 2017, 09:30"),
            Some((at(2017, 7, 18, 9, 30, 0), DatePrecision::Exact))
        );
    }

    #[test]
    fn reuters() {
        assert_eq!(
            p("26-FEB-1987 15:01:01.79"),
            Some((at(1987, 2, 26, 15, 1, 1), DatePrecision::Exact))
        );
        assert_eq!(
            p(" 5-MAR-1987 09:15:22.11"),
            Some((at(1987, 3, 5, 9, 15, 22), DatePrecision::Exact))
        );
        // Trailing junk as found in the collection.
        assert_eq!(
            p("31-MAR-1987 11:48:19.08 junk\u{7f}"),
            Some((at(1987, 3, 31, 11, 48, 19), DatePrecision::Exact))
        );
        assert_eq!(
            p("19-OCT-1987 14:01:55.10XXXX"),
            Some((at(1987, 10, 19, 14, 1, 55), DatePrecision::Exact))
        );
    }

    #[test]
    fn month_and_year() {
        assert_eq!(p("2017-07"), Some((ymd(2017, 7, 1), DatePrecision::Month)));
        assert_eq!(p("2017/7"), Some((ymd(2017, 7, 1), DatePrecision::Month)));
        assert_eq!(
            p("July 2017"),
            Some((ymd(2017, 7, 1), DatePrecision::Month))
        );
        assert_eq!(p("Jul 2017"), Some((ymd(2017, 7, 1), DatePrecision::Month)));
        assert_eq!(p("2017"), Some((ymd(2017, 1, 1), DatePrecision::Year)));
    }

    #[test]
    fn rejects() {
        for s in [
            "",
            "   ",
            "yesterday",
            "1700-01-01",
            "2300-01-01",
            "1799",
            "2201",
            "2017-13-01",
            "2017-02-30",
            "Foo 18, 2017",
            "Ma 18, 2017",
            "13/13/2017",
            "99999",
            "2017-07-18T25:00",
            "July 18, 2017 13:00 pm",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2017-07-18 10:00 XYZT",
            "\u{0}\u{1}",
            "١٢٣٤",
        ] {
            assert_eq!(p(s), None, "{s:?}");
        }
        // Bounds are inclusive.
        assert!(p("1800").is_some());
        assert!(p("2200-12-31").is_some());
        // Long junk is rejected quickly.
        assert_eq!(p(&"2017 ".repeat(1000)), None);
    }

    #[test]
    fn file_names() {
        let want = Some((ymd(2017, 7, 18), DatePrecision::Day));
        for n in [
            "2017-07-18-title.txt",
            "20170718_title.txt",
            "title_2017-07-18.md",
            "dir/sub/2017_07_18.json",
            "fed-statement-2017.07.18.html",
        ] {
            assert_eq!(date_from_file_name(n), want, "{n}");
        }
        assert_eq!(
            date_from_file_name("breitbart_2016-03-11_activists-brick-up.txt"),
            Some((ymd(2016, 3, 11), DatePrecision::Day))
        );
        for n in [
            "title.txt",
            "report-123456789.txt",
            "2017-13-45.txt",
            "2017-07_18.txt",
            "12017071899.txt",
            "2017-07-18/notes.txt",
        ] {
            assert_eq!(date_from_file_name(n), None, "{n}");
        }
    }

    #[test]
    fn datelines() {
        let want = Some((ymd(2016, 3, 3), DatePrecision::Day));
        for t in [
            "WASHINGTON, March 3, 2016 — The Federal Reserve said...",
            "LONDON, 3 March 2016 (Reuters) - The Bank of England...",
            "March 3, 2016 — Officials said",
            "NEW YORK, Mar. 3, 2016 -- Stocks fell",
            "Paris, France, 3 March 2016: The minister",
            "\n\nBEIJING (Reuters) March 3, 2016 - China's",
            "By Jane Doe\nWASHINGTON, March 3, 2016 – Treasury",
            "FRANKFURT, 2016-03-03 - The ECB",
        ] {
            assert_eq!(date_from_dateline(t), want, "{t}");
        }
        // No year: only with a reference year.
        assert_eq!(date_from_dateline("SALVADOR, Feb 26 - Showers"), None);
        assert_eq!(
            date_from_dateline_with_year("SALVADOR, Feb 26 - Showers", Some(1987)),
            Some((ymd(1987, 2, 26), DatePrecision::Day))
        );
        // A date in running text is not a dateline.
        assert_eq!(
            date_from_dateline("The Fed said on March 3, 2016, that rates would rise."),
            None
        );
        // Only the start of the body is looked at.
        let late = format!("{}\nWASHINGTON, March 3, 2016 — x", "word ".repeat(100));
        assert_eq!(date_from_dateline(&late), None);
        assert_eq!(date_from_dateline(""), None);
        assert_eq!(date_from_dateline("ééé€€€"), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "\u{feff}2017",
            "2017-07-18T",
            "2017-07-18T10",
            "-1-1-1",
            "1-Xyzzy-2017",
            "31-FEB-1987 10:00:00",
            "26-FEB-1987 99:99:99",
            "2017-07-18 10:00 +99:99",
            "€€€ 18, 2017",
        ] {
            let _ = p(s);
            let _ = date_from_file_name(s);
            let _ = date_from_dateline(s);
        }
    }
}
