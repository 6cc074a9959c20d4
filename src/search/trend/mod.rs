//! Attention over time: how many articles match a query per day, week, month,
//! quarter or year, against how many articles there are in that period, and
//! the Economic Policy Uncertainty (EPU) index of Baker, Bloom and Davis.
//!
//! Counting is the backend's ([`Backend::count`] with periods): one pass
//! over the matching articles per query and one over all articles under the
//! filters for the denominators; the counts are exact. This module turns
//! them into series.
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
//! * `share`: `value` = matches / total of the period (none when the period has
//!   no articles).
//! * `zscore`: the shares standardised over the range,
//!   `(share_t − mean) / sd`, with the sample standard deviation
//!   (divisor n − 1) over the periods that have articles; 0 everywhere when
//!   the shares do not vary. A period without articles has no share and no
//!   z-score (null in JSON, an empty CSV cell, a gap in charts).
//! * `epu`: the Baker–Bloom–Davis method, see [`epu_index`].

mod epu;
mod normalize;

pub use epu::{epu_index, Epu, EpuSource, SourceCounts, TermSets, EPU_SETS};
pub use normalize::{sample_sd, share, zscores, Normalize};

use super::backend::{Backend, CountRequest, PeriodCounts, PeriodGrouping};
use super::query::Query;
use super::request::Filters;
use crate::date::{day_string, Period};
use crate::error::Error;
use rayon::prelude::*;
use serde::Serialize;

/// More periods than this in one trend is refused (use a coarser `--by`).
pub const MAX_PERIODS: usize = 100_000;

/// One series asked for: a name and a query in the query language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSpec {
    pub name: String,
    #[serde(serialize_with = "query_text")]
    pub query: Query,
}

fn query_text<S: serde::Serializer>(q: &Query, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(q.text())
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
    /// Count each duplicate group once (per source when counts are by
    /// source), in the period of its earliest matching article.
    pub dedup: bool,
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
    /// matches / total per period; `None` where the period has no articles.
    pub shares: Vec<Option<f64>>,
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
    /// How copies of one story were counted: `articles` (each copy) or
    /// `stories` (each duplicate group once, per source when by source, in
    /// the period of its earliest matching article).
    pub counting: &'static str,
    pub periods: Vec<PeriodInfo>,
    /// Articles under the filters, dated, in the range.
    pub total_articles: u64,
    /// Articles under the filters without a date (not counted anywhere).
    pub undated: u64,
    /// Periods of the range without any article under the filters: their
    /// shares and normalised values are unknown (null), not 0.
    pub empty_periods: usize,
    pub series: Vec<Series>,
}

/// Computes a trend: one count per query and one for the totals, on all
/// cores.
pub fn compute(backend: &dyn Backend, req: &TrendRequest) -> Result<Trend, Error> {
    if req.series.is_empty() {
        return Err(Error::Request("no query to count".into()));
    }
    let by_source = req.by_source || req.normalize == Normalize::Epu;
    let grouping = PeriodGrouping {
        period: req.period,
        by_source,
    };
    let all = Query::all();
    let queries: Vec<&Query> = req.series.iter().map(|s| &s.query).chain([&all]).collect();
    let mut counts = queries
        .par_iter()
        .map(|q| {
            backend
                .count(&CountRequest {
                    query: q,
                    filters: &req.filters,
                    fields: &[],
                    periods: Some(grouping),
                    dedup: req.dedup,
                })
                .map(|c| c.periods)
        })
        .collect::<Result<Vec<PeriodCounts>, Error>>()?;
    let totals = counts.pop().unwrap_or_default();
    let period_ids = period_range(req, &totals)?;
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
    let counted = Counted {
        period_ids: &period_ids,
        totals: &totals,
        all_totals: &all_totals,
        by_source,
    };
    let mut series = Vec::new();
    for (spec, c) in req.series.iter().zip(&counts) {
        match req.normalize {
            Normalize::Epu => counted.epu_series(req, spec, c, &mut series),
            norm => counted.plain_series(req, norm, spec, c, &mut series),
        }
    }
    Ok(Trend {
        by: req.period,
        normalize: req.normalize,
        timezone: "UTC",
        by_source: req.by_source,
        counting: if req.dedup { "stories" } else { "articles" },
        total_articles: all_totals.iter().sum(),
        undated: totals.undated_total(),
        empty_periods: all_totals.iter().filter(|t| **t == 0).count(),
        periods,
        series,
    })
}

/// The periods of the range: from `--since` (or the first dated article)
/// to `--until` (or the last).
fn period_range(req: &TrendRequest, totals: &PeriodCounts) -> Result<Vec<i64>, Error> {
    let dates = &req.filters.dates;
    let since = dates
        .since
        .as_ref()
        .map(|b| req.period.of_micros(b.at.timestamp_micros()));
    let until = dates
        .until
        .as_ref()
        .map(|b| req.period.of_micros(b.at.timestamp_micros() - 1));
    let range = match (since, until, totals.span()) {
        (Some(a), Some(b), _) => Some((a, b)),
        (Some(a), None, Some((_, hi))) => Some((a, hi.max(a))),
        (None, Some(b), Some((lo, _))) => Some((lo.min(b), b)),
        (None, None, Some(s)) => Some(s),
        _ => None,
    };
    match range {
        Some((a, b)) if b >= a => {
            let n = (b - a + 1) as u64;
            if n > MAX_PERIODS as u64 {
                return Err(Error::Request(format!(
                    "{n} {}s is too many periods (at most {MAX_PERIODS}): use a longer --by or narrow with --since/--until",
                    req.period.as_str()
                )));
            }
            Ok((a..=b).collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// The totals a trend's series are built against.
struct Counted<'a> {
    period_ids: &'a [i64],
    totals: &'a PeriodCounts,
    /// Articles per period over all sources.
    all_totals: &'a [u64],
    by_source: bool,
}

impl Counted<'_> {
    /// A query's counts per source, against each source's own totals.
    fn per_source(&self, c: &PeriodCounts) -> Vec<SourceCounts> {
        if !self.by_source {
            return Vec::new();
        }
        self.totals
            .groups
            .keys()
            .map(|s| SourceCounts {
                source: s.clone(),
                matches: c.series(Some(s), self.period_ids),
                totals: self.totals.series(Some(s), self.period_ids),
            })
            .collect()
    }

    /// The EPU series of one query (and with `--by-source` each source's
    /// standardised shares).
    fn epu_series(
        &self,
        req: &TrendRequest,
        spec: &SeriesSpec,
        c: &PeriodCounts,
        out: &mut Vec<Series>,
    ) {
        let matches = c.series(None, self.period_ids);
        let per_source = self.per_source(c);
        let epu = epu_index(&per_source);
        // No source has articles under the filters: the index has no
        // value in any period (it has as many as the sources' counts).
        let mut index = epu.index.clone();
        index.resize(self.period_ids.len(), None);
        out.push(Series {
            name: spec.name.clone(),
            query: spec.query.text().to_string(),
            source: None,
            kind: "epu".into(),
            shares: shares(&matches, self.all_totals),
            matches,
            totals: self.all_totals.to_vec(),
            values: index,
            undated: c.undated_total(),
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
            for (sc, es) in per_source.into_iter().zip(epu.sources) {
                out.push(Series {
                    name: format!("{} / {}", spec.name, sc.source),
                    query: spec.query.text().to_string(),
                    kind: "epu-standardized".into(),
                    shares: shares(&sc.matches, &sc.totals),
                    undated: c.undated.get(&sc.source).copied().unwrap_or(0),
                    source: Some(sc.source),
                    matches: sc.matches,
                    totals: sc.totals,
                    values: es.standardized,
                    epu_sources: None,
                });
            }
        }
    }

    /// A query's series of counts, shares or z-scores: one, or one per
    /// source with `--by-source`.
    fn plain_series(
        &self,
        req: &TrendRequest,
        norm: Normalize,
        spec: &SeriesSpec,
        c: &PeriodCounts,
        out: &mut Vec<Series>,
    ) {
        let one = |name: String,
                   source: Option<String>,
                   matches: Vec<u64>,
                   totals: Vec<u64>,
                   undated: u64| {
            let shares = shares(&matches, &totals);
            let values: Vec<Option<f64>> = match norm {
                Normalize::None => matches.iter().map(|m| Some(*m as f64)).collect(),
                Normalize::Share => shares.clone(),
                _ => zscores(&shares),
            };
            Series {
                name,
                query: spec.query.text().to_string(),
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
            for sc in self.per_source(c) {
                let name = if req.series.len() == 1 {
                    sc.source.clone()
                } else {
                    format!("{} / {}", spec.name, sc.source)
                };
                let undated = c.undated.get(&sc.source).copied().unwrap_or(0);
                out.push(one(name, Some(sc.source), sc.matches, sc.totals, undated));
            }
        } else {
            out.push(one(
                spec.name.clone(),
                None,
                c.series(None, self.period_ids),
                self.all_totals.to_vec(),
                c.undated_total(),
            ));
        }
    }
}

/// Per period: matches / total (`None` for a period without articles).
fn shares(matches: &[u64], totals: &[u64]) -> Vec<Option<f64>> {
    matches
        .iter()
        .zip(totals)
        .map(|(m, t)| share(*m, *t))
        .collect()
}
