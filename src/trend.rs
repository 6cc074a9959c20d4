//! Attention over time: how many articles match a query per day, week, month,
//! quarter or year, against how many articles there are in that period, and
//! the Economic Policy Uncertainty (EPU) index of Baker, Bloom and Davis.
//!
//! Counting reads only the index's fast columns (`date`, and `source_key` for
//! per-source series) with a custom collector, [`PeriodCollector`]: one pass
//! over the matching documents per query and one pass over all documents
//! under the filters for the denominators. No stored document is loaded, and
//! the counts are exact.
//!
//! Periods are UTC calendar periods: a day runs from 00:00 UTC; a week starts
//! on Monday (ISO 8601) and is labelled with its ISO week (`2017-W29`); a
//! quarter is a calendar quarter (`2017-Q3`, July to September); months are
//! `2017-07`, years `2017`. Every period from the first to the last of the
//! range is reported, empty ones with zeros. Articles without a date are not
//! counted; how many there were is reported.
//!
//! # Normalisations
//!
//! * `none`: the counts; `value` is the number of matching articles.
//! * `share`: `value` = matches / total of the period (0 when the period has
//!   no articles).
//! * `zscore`: the shares standardised over the range,
//!   `(share_t − mean) / sd`, with the sample standard deviation
//!   (divisor n − 1); 0 everywhere when the shares do not vary.
//! * `epu`: the Baker–Bloom–Davis method, see [`epu_index`].

use crate::query::{self, Node};
use crate::search::{self, Compiler, Filters, SearchError};
use crate::store::Archive;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Microseconds in a day.
const DAY_MICROS: i64 = 86_400_000_000;

/// More periods than this in one trend is refused (use a coarser `--by`).
pub const MAX_PERIODS: usize = 100_000;

/// Group name of articles without a source in per-source series.
pub const NO_SOURCE: &str = "(no source)";

/// The default EPU term sets of Baker, Bloom and Davis (2016), AND-ed.
pub const EPU_SETS: &[(&str, &[&str])] = &[
    ("economy", &["economic", "economy"]),
    ("uncertainty", &["uncertain", "uncertainty"]),
    (
        "policy",
        &[
            "congress",
            "deficit",
            "federal reserve",
            "legislation",
            "regulation",
            "white house",
        ],
    ),
];

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

// ---------------------------------------------------------------------------
// Counting

/// Counts hits per period (and per source) from the `date` and `source_key`
/// fast columns. Hits without a date are counted apart as undated.
#[derive(Debug, Clone)]
pub struct PeriodCollector {
    pub period: Period,
    /// One group per source (`source_key`); else a single group named "".
    pub by_source: bool,
}

/// What a [`PeriodCollector`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodCounts {
    /// Group (source, or "" when not by source) → period index → hits.
    pub groups: BTreeMap<String, BTreeMap<i64, u64>>,
    /// Group → hits without a date.
    pub undated: BTreeMap<String, u64>,
}

impl PeriodCounts {
    /// Hits without a date, over all groups.
    pub fn undated_total(&self) -> u64 {
        self.undated.values().sum()
    }

    /// Dated hits, over all groups.
    pub fn dated_total(&self) -> u64 {
        self.groups.values().flat_map(|m| m.values()).sum()
    }

    /// First and last period with a hit.
    pub fn span(&self) -> Option<(i64, i64)> {
        let lo = self.groups.values().filter_map(|m| m.keys().next()).min()?;
        let hi = self
            .groups
            .values()
            .filter_map(|m| m.keys().next_back())
            .max()?;
        Some((*lo, *hi))
    }

    /// Counts of `group` (all groups summed when `None`) for `periods` in order.
    pub fn series(&self, group: Option<&str>, periods: &[i64]) -> Vec<u64> {
        let mut out = vec![0u64; periods.len()];
        let Some(first) = periods.first() else {
            return out;
        };
        let mut add = |m: &BTreeMap<i64, u64>| {
            for (p, c) in m.range(*first..=*periods.last().unwrap_or(first)) {
                // Periods are consecutive indices.
                if let Some(slot) = out.get_mut((p - first) as usize) {
                    *slot += c;
                }
            }
        };
        match group {
            Some(g) => {
                if let Some(m) = self.groups.get(g) {
                    add(m)
                }
            }
            None => self.groups.values().for_each(&mut add),
        }
        out
    }
}

/// Per-segment counts are kept in a dense table (period × source) when it has
/// at most this many cells, else in a hash map.
const DENSE_CELLS: usize = 1 << 20;

/// Per-segment state of a [`PeriodCollector`].
pub struct SegmentPeriodCollector {
    period: Period,
    date: Column<tantivy::DateTime>,
    source: Option<StrColumn>,
    /// Number of source ordinals; the group `groups - 1` is "no source".
    groups: usize,
    /// First period of the dense table and its number of periods.
    base: i64,
    periods: usize,
    /// `(period − base) · groups + group` → hits.
    dense: Vec<u64>,
    /// Hits outside the dense table: (period, group) → hits.
    sparse: HashMap<(i64, usize), u64>,
    /// Group → hits without a date.
    undated: Vec<u64>,
    /// First day of the segment's dates, and for each day from it the
    /// period relative to `base` (empty when the span is too long).
    first_day: i64,
    day_period: Vec<u32>,
    dates: Vec<Option<tantivy::DateTime>>,
    ords: Vec<Option<u64>>,
}

impl Collector for PeriodCollector {
    type Fruit = PeriodCounts;
    type Child = SegmentPeriodCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPeriodCollector> {
        let ff = segment.fast_fields();
        let date = ff.date("date")?;
        let source = if self.by_source {
            ff.str("source_key")?
        } else {
            None
        };
        let groups = source.as_ref().map(|c| c.num_terms()).unwrap_or(0) + 1;
        // The dense table spans the segment's dates.
        let day_of = |d: tantivy::DateTime| d.into_timestamp_micros().div_euclid(DAY_MICROS);
        let (first_day, last_day) = (day_of(date.min_value()), day_of(date.max_value()));
        let (lo, hi) = (
            self.period.of_days(first_day),
            self.period.of_days(last_day),
        );
        let periods = if hi >= lo {
            usize::try_from(hi - lo + 1).unwrap_or(usize::MAX)
        } else {
            0
        };
        let dense = match periods.checked_mul(groups) {
            Some(n) if n <= DENSE_CELLS => vec![0u64; n],
            _ => Vec::new(),
        };
        let day_period: Vec<u32> = if !dense.is_empty() && last_day - first_day < DENSE_CELLS as i64
        {
            (first_day..=last_day)
                .map(|d| (self.period.of_days(d) - lo) as u32)
                .collect()
        } else {
            Vec::new()
        };
        Ok(SegmentPeriodCollector {
            period: self.period,
            date,
            source,
            groups,
            base: lo,
            periods: if dense.is_empty() { 0 } else { periods },
            dense,
            sparse: HashMap::new(),
            undated: vec![0; groups],
            first_day,
            day_period,
            dates: Vec::new(),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<PeriodCounts>) -> tantivy::Result<PeriodCounts> {
        let mut out = PeriodCounts::default();
        for f in fruits {
            for (g, m) in f.groups {
                let dst = out.groups.entry(g).or_default();
                for (p, c) in m {
                    *dst.entry(p).or_insert(0) += c;
                }
            }
            for (g, c) in f.undated {
                *out.undated.entry(g).or_insert(0) += c;
            }
        }
        Ok(out)
    }
}

impl SegmentPeriodCollector {
    #[inline]
    fn add(&mut self, date: Option<tantivy::DateTime>, ord: Option<u64>) {
        let group = match ord {
            Some(o) if (o as usize) < self.groups - 1 => o as usize,
            _ => self.groups - 1,
        };
        let Some(d) = date else {
            self.undated[group] += 1;
            return;
        };
        let day = d.into_timestamp_micros().div_euclid(DAY_MICROS);
        if let Some(rel) = usize::try_from(day - self.first_day)
            .ok()
            .and_then(|i| self.day_period.get(i))
        {
            self.dense[*rel as usize * self.groups + group] += 1;
            return;
        }
        let p = self.period.of_days(day);
        let rel = p.wrapping_sub(self.base);
        if rel >= 0 && (rel as usize) < self.periods {
            self.dense[rel as usize * self.groups + group] += 1;
        } else {
            *self.sparse.entry((p, group)).or_insert(0) += 1;
        }
    }
}

impl SegmentCollector for SegmentPeriodCollector {
    type Fruit = PeriodCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let ord = self.source.as_ref().and_then(|c| c.ords().first(doc));
        let date = self.date.first(doc);
        self.add(date, ord);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let mut dates = std::mem::take(&mut self.dates);
        let mut ords = std::mem::take(&mut self.ords);
        dates.clear();
        dates.resize(docs.len(), None);
        self.date.first_vals(docs, &mut dates);
        ords.clear();
        ords.resize(docs.len(), None);
        if let Some(c) = &self.source {
            c.ords().first_vals(docs, &mut ords);
        }
        for (d, o) in dates.iter().zip(&ords) {
            self.add(*d, *o);
        }
        self.dates = dates;
        self.ords = ords;
    }

    fn harvest(self) -> PeriodCounts {
        let names: Vec<String> = (0..self.groups)
            .map(|g| match &self.source {
                None => String::new(),
                Some(col) => {
                    let mut buf = String::new();
                    if g < self.groups - 1 && col.ord_to_str(g as u64, &mut buf).unwrap_or(false) {
                        buf
                    } else {
                        NO_SOURCE.to_string()
                    }
                }
            })
            .collect();
        let mut out = PeriodCounts::default();
        for (i, c) in self.dense.iter().enumerate() {
            if *c > 0 {
                let p = self.base + (i / self.groups) as i64;
                *out.groups
                    .entry(names[i % self.groups].clone())
                    .or_default()
                    .entry(p)
                    .or_insert(0) += c;
            }
        }
        for ((p, g), c) in self.sparse {
            *out.groups
                .entry(names[g].clone())
                .or_default()
                .entry(p)
                .or_insert(0) += c;
        }
        for (g, c) in self.undated.into_iter().enumerate() {
            if c > 0 {
                *out.undated.entry(names[g].clone()).or_insert(0) += c;
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Term sets

/// Named term sets: an article matches when it contains at least one term of
/// every set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermSets {
    pub sets: Vec<(String, Vec<String>)>,
}

impl TermSets {
    /// The Baker–Bloom–Davis sets ([`EPU_SETS`]).
    pub fn epu_default() -> TermSets {
        TermSets {
            sets: EPU_SETS
                .iter()
                .map(|(n, ts)| (n.to_string(), ts.iter().map(|t| t.to_string()).collect()))
                .collect(),
        }
    }

    /// Reads a terms file: TOML where every key is a set name and its value an
    /// array of terms, e.g. `economy = ["economic", "economy"]`. Sets are
    /// AND-ed (in alphabetical order of their names); a term with a space is a
    /// phrase, a term ending in `*` a prefix.
    pub fn from_toml(text: &str) -> Result<TermSets, String> {
        let table: toml::Table = text.parse().map_err(|e| format!("not valid TOML: {e}"))?;
        let mut sets = Vec::new();
        for (name, value) in table {
            let arr = value.as_array().ok_or_else(|| {
                format!("`{name}` must be an array of terms, like [\"a\", \"b\"]")
            })?;
            let mut terms = Vec::new();
            for v in arr {
                let t = v
                    .as_str()
                    .ok_or_else(|| format!("`{name}`: terms must be strings"))?
                    .trim();
                if !t.is_empty() {
                    terms.push(t.to_string());
                }
            }
            if terms.is_empty() {
                return Err(format!("set `{name}` has no terms"));
            }
            sets.push((name, terms));
        }
        if sets.is_empty() {
            return Err("no term sets: add e.g. economy = [\"economic\", \"economy\"]".into());
        }
        Ok(TermSets { sets })
    }

    /// The query these sets stand for, in the query language:
    /// `(a OR b) AND (c OR "d e")`.
    pub fn to_query(&self) -> Result<String, String> {
        let mut groups = Vec::new();
        for (name, terms) in &self.sets {
            let mut parts = Vec::new();
            for t in terms {
                parts.push(term_query(t).map_err(|e| format!("set `{name}`: {e}"))?);
            }
            groups.push(if parts.len() == 1 {
                parts.remove(0)
            } else {
                format!("({})", parts.join(" OR "))
            });
        }
        let q = groups.join(" AND ");
        query::parse(&q).map_err(|e| format!("the term sets make an invalid query {q:?}: {e}"))?;
        Ok(q)
    }
}

/// One term as query text: a bare word, `prefix*`, or a "quoted phrase".
fn term_query(t: &str) -> Result<String, String> {
    if t.contains(['"', '\u{201C}', '\u{201D}', '\u{201E}']) {
        return Err(format!("term {t:?} contains a quote"));
    }
    let simple = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.' | '&' | '/'))
            && !w.starts_with(['-', '+'])
            && !matches!(w, "AND" | "OR" | "NOT")
    };
    if let Some(stem) = t.strip_suffix('*') {
        if simple(stem) {
            return Ok(t.to_string());
        }
        return Err(format!("prefix term {t:?} must be one word before the *"));
    }
    if simple(t) {
        Ok(t.to_string())
    } else {
        Ok(format!("\"{t}\""))
    }
}

// ---------------------------------------------------------------------------
// Normalisations

/// What `value` holds in a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Normalize {
    #[default]
    None,
    Share,
    Zscore,
    Epu,
}

impl std::str::FromStr for Normalize {
    type Err = String;
    fn from_str(s: &str) -> Result<Normalize, String> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "count" | "counts" => Ok(Normalize::None),
            "share" => Ok(Normalize::Share),
            "zscore" | "z" | "z-score" => Ok(Normalize::Zscore),
            "epu" => Ok(Normalize::Epu),
            _ => Err(format!(
                "unknown normalisation {s:?}: use none, share, zscore or epu"
            )),
        }
    }
}

impl Normalize {
    pub fn as_str(self) -> &'static str {
        match self {
            Normalize::None => "none",
            Normalize::Share => "share",
            Normalize::Zscore => "zscore",
            Normalize::Epu => "epu",
        }
    }
}

/// matches / total, 0 when there are no articles.
pub fn share(matches: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        matches as f64 / total as f64
    }
}

/// Sample standard deviation (divisor n − 1); `None` for fewer than 2 values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    Some((ss / (n - 1.0)).sqrt())
}

/// `(x − mean) / sd` with the sample standard deviation; all 0 when the
/// values do not vary or there are fewer than two.
pub fn zscores(values: &[f64]) -> Vec<f64> {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n.max(1.0);
    match sample_sd(values) {
        Some(sd) if sd > 0.0 => values.iter().map(|v| (v - mean) / sd).collect(),
        _ => vec![0.0; values.len()],
    }
}

/// One source's counts for the EPU index, period by period.
#[derive(Debug, Clone)]
pub struct SourceCounts {
    pub source: String,
    pub matches: Vec<u64>,
    pub totals: Vec<u64>,
}

/// The EPU index and how it was made.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Epu {
    /// EPU_t per period; `None` where no source has articles.
    pub index: Vec<Option<f64>>,
    /// Per source: its standard deviation σ_s and its standardised shares Y_{s,t}.
    pub sources: Vec<EpuSource>,
}

/// One source's part in an EPU index.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EpuSource {
    pub source: String,
    /// Periods in which the source has articles.
    pub observed: usize,
    /// σ_s; `None` when the source was left out.
    pub sd: Option<f64>,
    /// Why the source was left out of the average, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<&'static str>,
    /// Y_{s,t} = X_{s,t} / σ_s; `None` where the source has no articles or is left out.
    pub standardized: Vec<Option<f64>>,
}

/// The Economic Policy Uncertainty index of Baker, Bloom and Davis (2016),
/// computed from per-source counts over consecutive periods.
///
/// For source (newspaper) `s` and period `t`, with `N_{s,t}` articles of `s`
/// in `t` (under the filters) of which `M_{s,t}` match the query:
///
/// ```text
/// X_{s,t} = M_{s,t} / N_{s,t}                      share, defined where N_{s,t} > 0
/// σ_s     = sample standard deviation (divisor n−1) of X_{s,t} over the
///           periods t of the range where N_{s,t} > 0
/// Y_{s,t} = X_{s,t} / σ_s                           scaled to unit standard deviation
/// Z_t     = mean of Y_{s,t} over the sources s with N_{s,t} > 0
/// EPU_t   = 100 · Z_t / mean(Z)                     mean(Z) over the periods where Z_t is defined
/// ```
///
/// Each source's series is divided by its standard deviation (not demeaned),
/// as in the original. A source with articles in fewer than two periods, or
/// whose share never varies (σ_s = 0, e.g. no match at all), cannot be scaled
/// and is left out of the average (reported with the reason). A period where
/// no remaining source has articles has no index value (`None`).
pub fn epu_index(sources: &[SourceCounts]) -> Epu {
    let n = sources.iter().map(|s| s.totals.len()).max().unwrap_or(0);
    let mut per_source = Vec::new();
    let mut sum = vec![0.0f64; n];
    let mut cnt = vec![0usize; n];
    for s in sources {
        let x: Vec<Option<f64>> = (0..n)
            .map(|t| {
                let tot = s.totals.get(t).copied().unwrap_or(0);
                let m = s.matches.get(t).copied().unwrap_or(0);
                (tot > 0).then(|| m as f64 / tot as f64)
            })
            .collect();
        let observed: Vec<f64> = x.iter().flatten().copied().collect();
        let sd = sample_sd(&observed);
        let (sd, excluded) = match sd {
            None => (None, Some("articles in fewer than two periods")),
            Some(v) if v <= 0.0 => (None, Some("its share never varies")),
            Some(v) => (Some(v), None),
        };
        let standardized: Vec<Option<f64>> = match sd {
            Some(sd) => x.iter().map(|v| v.map(|v| v / sd)).collect(),
            None => vec![None; n],
        };
        for (t, y) in standardized.iter().enumerate() {
            if let Some(y) = y {
                sum[t] += y;
                cnt[t] += 1;
            }
        }
        per_source.push(EpuSource {
            source: s.source.clone(),
            observed: observed.len(),
            sd,
            excluded,
            standardized,
        });
    }
    let z: Vec<Option<f64>> = (0..n)
        .map(|t| (cnt[t] > 0).then(|| sum[t] / cnt[t] as f64))
        .collect();
    let defined: Vec<f64> = z.iter().flatten().copied().collect();
    let mean = defined.iter().sum::<f64>() / (defined.len().max(1) as f64);
    let index = z
        .iter()
        .map(|v| v.map(|v| if mean > 0.0 { 100.0 * v / mean } else { 0.0 }))
        .collect();
    Epu {
        index,
        sources: per_source,
    }
}

// ---------------------------------------------------------------------------
// The whole computation

/// One series asked for: a name and a query in the query language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSpec {
    pub name: String,
    pub query: String,
}

/// A trend to compute.
#[derive(Debug, Clone)]
pub struct TrendRequest {
    pub series: Vec<SeriesSpec>,
    pub filters: Filters,
    pub period: Period,
    /// One series per source and query (and what `epu` uses underneath).
    pub by_source: bool,
    pub normalize: Normalize,
}

/// One period of the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodInfo {
    /// Index as in [`Period::of_days`].
    #[serde(skip)]
    pub index: i64,
    pub label: String,
    /// First day, `YYYY-MM-DD` (UTC).
    pub start: String,
    /// Last day, `YYYY-MM-DD` (UTC), inclusive.
    pub end: String,
}

/// One computed series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    /// The exact query string counted.
    pub query: String,
    /// The source, for per-source series.
    pub source: Option<String>,
    /// What `values` holds: none (counts), share, zscore, epu, or
    /// `epu-standardized` (a source's Y_{s,t} within an EPU computation).
    pub kind: String,
    pub matches: Vec<u64>,
    pub totals: Vec<u64>,
    pub shares: Vec<f64>,
    pub values: Vec<Option<f64>>,
    /// Matching articles without a date (not counted).
    pub undated: u64,
    /// For an EPU series: each source's σ and whether it was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epu_sources: Option<Vec<EpuSourceSummary>>,
}

/// A source's part in an EPU series, without the per-period numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpuSourceSummary {
    pub source: String,
    pub observed_periods: usize,
    pub sd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<&'static str>,
}

/// A computed trend.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub by: Period,
    pub normalize: Normalize,
    pub timezone: &'static str,
    pub by_source: bool,
    pub periods: Vec<PeriodInfo>,
    /// Articles under the filters, dated, in the range.
    pub total_articles: u64,
    /// Articles under the filters without a date (not counted anywhere).
    pub undated: u64,
    pub series: Vec<Series>,
}

/// Why a trend could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum TrendError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("{0}")]
    Request(String),
}

impl From<tantivy::TantivyError> for TrendError {
    fn from(e: tantivy::TantivyError) -> TrendError {
        TrendError::Search(SearchError::Index(e))
    }
}

impl From<query::QueryError> for TrendError {
    fn from(e: query::QueryError) -> TrendError {
        TrendError::Search(SearchError::Query(e))
    }
}

/// `query` restricted by the filter queries.
fn with_filters(query: Box<dyn Query>, filters: &[Box<dyn Query>]) -> Box<dyn Query> {
    if filters.is_empty() {
        return query;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    for f in filters {
        clauses.push((Occur::Must, f.box_clone()));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Computes a trend: one pass over the index per query, one for the totals.
pub fn compute(archive: &Archive, req: &TrendRequest) -> Result<Trend, TrendError> {
    if req.series.is_empty() {
        return Err(TrendError::Request("no query to count".into()));
    }
    let compiler = Compiler::new(archive);
    let filters = compiler.filters(&req.filters)?;
    let mut queries: Vec<Box<dyn Query>> = Vec::new();
    for s in &req.series {
        let ast: Node = query::parse(&s.query)?;
        queries.push(with_filters(compiler.compile(&ast), &filters));
    }
    queries.push(with_filters(Box::new(AllQuery), &filters));

    let by_source = req.by_source || req.normalize == Normalize::Epu;
    let collector = PeriodCollector {
        period: req.period,
        by_source,
    };
    let searcher = archive.searcher()?;
    let counts: Vec<tantivy::Result<PeriodCounts>> = {
        use rayon::prelude::*;
        queries
            .par_iter()
            .map(|q| searcher.search(&**q, &collector))
            .collect()
    };
    let mut counts = counts.into_iter().collect::<tantivy::Result<Vec<_>>>()?;
    let totals = counts.pop().unwrap_or_default();

    // The range: from --since (or the first dated article) to --until (or the last).
    let since = match &req.filters.since {
        Some(s) => Some(
            req.period
                .of_micros(search::parse_bound(s, false)?.timestamp_micros()),
        ),
        None => None,
    };
    let until = match &req.filters.until {
        Some(s) => Some(
            req.period
                .of_micros(search::parse_bound(s, true)?.timestamp_micros() - 1),
        ),
        None => None,
    };
    let span = totals.span();
    let range = match (since, until, span) {
        (Some(a), Some(b), _) => Some((a, b)),
        (Some(a), None, Some((_, hi))) => Some((a, hi.max(a))),
        (None, Some(b), Some((lo, _))) => Some((lo.min(b), b)),
        (None, None, Some(s)) => Some(s),
        _ => None,
    };
    let period_ids: Vec<i64> = match range {
        Some((a, b)) if b >= a => {
            let n = (b - a + 1) as u64;
            if n > MAX_PERIODS as u64 {
                return Err(TrendError::Request(format!(
                    "{n} {}s is too many periods (at most {MAX_PERIODS}): use a longer --by or narrow with --since/--until",
                    req.period.as_str()
                )));
            }
            (a..=b).collect()
        }
        _ => Vec::new(),
    };
    let periods: Vec<PeriodInfo> = period_ids
        .iter()
        .map(|&p| PeriodInfo {
            index: p,
            label: req.period.label(p),
            start: day_string(req.period.first_day(p)),
            end: day_string(req.period.last_day(p)),
        })
        .collect();

    let all_totals = totals.series(None, &period_ids);
    let sources: Vec<String> = totals.groups.keys().cloned().collect();
    let mut series = Vec::new();
    for (spec, c) in req.series.iter().zip(&counts) {
        let matches = c.series(None, &period_ids);
        let shares: Vec<f64> = matches
            .iter()
            .zip(&all_totals)
            .map(|(m, t)| share(*m, *t))
            .collect();
        let per_source: Vec<SourceCounts> = if by_source {
            sources
                .iter()
                .map(|s| SourceCounts {
                    source: s.clone(),
                    matches: c.series(Some(s), &period_ids),
                    totals: totals.series(Some(s), &period_ids),
                })
                .collect()
        } else {
            Vec::new()
        };
        let undated = c.undated_total();
        match req.normalize {
            Normalize::Epu => {
                let epu = epu_index(&per_source);
                series.push(Series {
                    name: spec.name.clone(),
                    query: spec.query.clone(),
                    source: None,
                    kind: "epu".into(),
                    matches: matches.clone(),
                    totals: all_totals.clone(),
                    shares,
                    values: epu.index.clone(),
                    undated,
                    epu_sources: Some(
                        epu.sources
                            .iter()
                            .map(|s| EpuSourceSummary {
                                source: s.source.clone(),
                                observed_periods: s.observed,
                                sd: s.sd,
                                excluded: s.excluded,
                            })
                            .collect(),
                    ),
                });
                if req.by_source {
                    for (sc, es) in per_source.iter().zip(epu.sources) {
                        series.push(Series {
                            name: format!("{} / {}", spec.name, sc.source),
                            query: spec.query.clone(),
                            source: Some(sc.source.clone()),
                            kind: "epu-standardized".into(),
                            shares: sc
                                .matches
                                .iter()
                                .zip(&sc.totals)
                                .map(|(m, t)| share(*m, *t))
                                .collect(),
                            matches: sc.matches.clone(),
                            totals: sc.totals.clone(),
                            values: es.standardized,
                            undated: c.undated.get(&sc.source).copied().unwrap_or(0),
                            epu_sources: None,
                        });
                    }
                }
            }
            norm => {
                let one = |name: String,
                           source: Option<String>,
                           matches: Vec<u64>,
                           totals: Vec<u64>,
                           undated: u64| {
                    let shares: Vec<f64> = matches
                        .iter()
                        .zip(&totals)
                        .map(|(m, t)| share(*m, *t))
                        .collect();
                    let values: Vec<Option<f64>> = match norm {
                        Normalize::None => matches.iter().map(|m| Some(*m as f64)).collect(),
                        Normalize::Share => shares.iter().map(|s| Some(*s)).collect(),
                        _ => zscores(&shares).into_iter().map(Some).collect(),
                    };
                    Series {
                        name,
                        query: spec.query.clone(),
                        source,
                        kind: norm.as_str().into(),
                        matches,
                        totals,
                        shares,
                        values,
                        undated,
                        epu_sources: None,
                    }
                };
                if req.by_source {
                    for sc in per_source {
                        let name = if req.series.len() == 1 {
                            sc.source.clone()
                        } else {
                            format!("{} / {}", spec.name, sc.source)
                        };
                        let und = c.undated.get(&sc.source).copied().unwrap_or(0);
                        series.push(one(name, Some(sc.source), sc.matches, sc.totals, und));
                    }
                } else {
                    series.push(one(
                        spec.name.clone(),
                        None,
                        matches,
                        all_totals.clone(),
                        undated,
                    ));
                }
            }
        }
    }
    Ok(Trend {
        by: req.period,
        normalize: req.normalize,
        timezone: "UTC",
        by_source: req.by_source,
        total_articles: all_totals.iter().sum(),
        undated: totals.undated_total(),
        periods,
        series,
    })
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

    #[test]
    fn epu_hand_computed() {
        // A: shares .5 .25 0 → σ = .25 → Y = 2 1 0
        // B: shares 0 0 1   → σ = √(1/3) → Y = 0 0 √3
        // Z = 1, .5, √3/2 ; EPU = 100·Z/mean(Z)
        let e = epu_index(&[
            SourceCounts {
                source: "A".into(),
                matches: vec![1, 1, 0],
                totals: vec![2, 4, 2],
            },
            SourceCounts {
                source: "B".into(),
                matches: vec![0, 0, 1],
                totals: vec![1, 2, 1],
            },
        ]);
        let z = [1.0, 0.5, 3f64.sqrt() / 2.0];
        let mean = z.iter().sum::<f64>() / 3.0;
        for (got, z) in e.index.iter().zip(z) {
            assert!((got.unwrap() - 100.0 * z / mean).abs() < 1e-9);
        }
        assert!((e.sources[0].sd.unwrap() - 0.25).abs() < 1e-12);
        let mean_index: f64 = e.index.iter().flatten().sum::<f64>() / 3.0;
        assert!((mean_index - 100.0).abs() < 1e-9);
    }

    #[test]
    fn epu_gaps_and_constant_sources() {
        // C has no articles in period 1: left out of that period's average.
        // D never matches: σ = 0, left out altogether.
        let e = epu_index(&[
            SourceCounts {
                source: "C".into(),
                matches: vec![1, 0, 0],
                totals: vec![1, 0, 1],
            },
            SourceCounts {
                source: "D".into(),
                matches: vec![0, 0, 0],
                totals: vec![3, 3, 3],
            },
        ]);
        assert_eq!(e.sources[1].excluded, Some("its share never varies"));
        assert_eq!(e.index[1], None);
        // C: shares 1, 0 over two observed periods → σ = √0.5; Y = √2, 0.
        assert!((e.index[0].unwrap() - 200.0).abs() < 1e-9);
        assert!((e.index[2].unwrap() - 0.0).abs() < 1e-9);
    }

    #[test]
    fn term_sets_make_queries() {
        assert_eq!(
            TermSets::epu_default().to_query().unwrap(),
            "(economic OR economy) AND (uncertain OR uncertainty) AND (congress OR deficit OR \"federal reserve\" OR legislation OR regulation OR \"white house\")"
        );
        let t = TermSets::from_toml(
            "policy = [\"regulat*\", \"white house\"]\neconomy = [\"econom*\"]\n",
        )
        .unwrap();
        assert_eq!(
            t.to_query().unwrap(),
            "econom* AND (regulat* OR \"white house\")"
        );
        assert!(TermSets::from_toml("a = 3").is_err());
        assert!(TermSets::from_toml("a = []").is_err());
        assert!(TermSets::from_toml("").is_err());
        assert!(TermSets::from_toml("a = [\"x\\\"y\"]")
            .unwrap()
            .to_query()
            .is_err());
        assert_eq!(
            TermSets::from_toml("a = [\"OR\", \"title:x\"]")
                .unwrap()
                .to_query()
                .unwrap(),
            "(\"OR\" OR \"title:x\")"
        );
    }

    #[test]
    fn zscores_sample_sd() {
        let z = zscores(&[1.0, 2.0, 3.0]);
        assert_eq!(z, vec![-1.0, 0.0, 1.0]);
        assert_eq!(zscores(&[2.0, 2.0]), vec![0.0, 0.0]);
    }
}
