//! The seam between what the archive answers and where the articles are
//! kept. A [`Backend`] answers a few primitive requests — ranked hits,
//! counts, one article, term statistics — in the project's own types; the
//! [`Archive`](crate::Archive) builds every command on them (quotes, trends,
//! concordances, speaker lists). The embedded tantivy index is one backend
//! ([`crate::index::EmbeddedIndex`]).

use super::hits::HitList;
use super::query::Query;
use super::request::{Filters, SearchRequest};
use crate::article::Article;
use crate::date::{DateRange, Period};
use crate::enrich::topics::Taxonomy;
use crate::error::Error;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// Every speaker name with its articles, most first, counted over the
/// whole archive (what [`Backend::speaker_names`] answers by default).
pub fn count_speaker_names<B: Backend + ?Sized>(backend: &B) -> Result<Vec<(String, u64)>, Error> {
    let mut names = speaker_names_under(backend, &Filters::default())?;
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(names)
}

/// Every speaker name of the articles under `filters`, with its articles.
fn speaker_names_under<B: Backend + ?Sized>(
    backend: &B,
    filters: &Filters,
) -> Result<Vec<(String, u64)>, Error> {
    let counts = count_under(backend, filters, &[CountField::Speaker], None)?;
    let names = counts.values.into_iter().next().unwrap_or_default();
    Ok(names.into_iter().collect())
}

/// Counts over every article of the archive.
fn count_all<B: Backend + ?Sized>(
    backend: &B,
    fields: &[CountField],
    periods: Option<PeriodGrouping>,
) -> Result<Counts, Error> {
    count_under(backend, &Filters::default(), fields, periods)
}

/// Counts over the articles under `filters`, each counted (no query, no
/// collapsing of copies).
fn count_under<B: Backend + ?Sized>(
    backend: &B,
    filters: &Filters,
    fields: &[CountField],
    periods: Option<PeriodGrouping>,
) -> Result<Counts, Error> {
    backend.count(&CountRequest {
        query: &Query::all(),
        filters,
        fields,
        periods,
        dedup: false,
    })
}

/// The speaker names of an archive with their articles.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct SpeakerNames {
    /// Over the whole archive, most first ([`count_speaker_names`]).
    pub all: Vec<(String, u64)>,
    /// Per year ([`count_speaker_names_by_year`]).
    pub by_year: Vec<SliceNames>,
    /// Per source ([`count_speaker_names_by_source`]).
    #[serde(default)]
    pub by_source: Vec<SliceNames>,
}

impl SpeakerNames {
    /// The counts, each slice cut to the names the people rule reads in it
    /// ([`crate::search::people`]): at a million articles over 25 years the
    /// other names were most of what every command read and went through.
    pub fn new(
        all: Vec<(String, u64)>,
        mut by_year: Vec<SliceNames>,
        mut by_source: Vec<SliceNames>,
    ) -> SpeakerNames {
        let read = crate::search::people::names_read_in_slices(&all);
        for (_, names) in by_year.iter_mut().chain(by_source.iter_mut()) {
            names.retain(|(n, _)| read.contains(n.as_str()));
        }
        SpeakerNames {
            all,
            by_year,
            by_source,
        }
    }
}

/// A slice of the archive (a year, a source) and its speaker names with
/// their articles.
pub type SliceNames = (String, Vec<(String, u64)>);

/// Sources looked at one by one for [`count_speaker_names_by_source`]: the
/// most frequent, where a surname is most often written alone.
pub const PEOPLE_SOURCES: usize = 50;

/// Every speaker name with its articles, per source of the archive (`(source,
/// names)`, the [`PEOPLE_SOURCES`] sources of most articles); nothing when
/// the archive has one source.
pub fn count_speaker_names_by_source<B: Backend + ?Sized>(
    backend: &B,
) -> Result<Vec<SliceNames>, Error> {
    let sources = count_all(backend, &[CountField::Source], None)?;
    let top = sources.top(0, PEOPLE_SOURCES);
    if top.len() < 2 {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(top.len());
    for (source, _) in top {
        let filters = Filters {
            sources: vec![source.clone()],
            ..Filters::default()
        };
        out.push((source, speaker_names_under(backend, &filters)?));
    }
    Ok(out)
}

/// Every speaker name with its articles, per year of the archive (`(year,
/// names)`, oldest first), for the years of dated articles; nothing when
/// the archive's dated articles are of one year or none (there is no time
/// to tell people apart by).
pub fn count_speaker_names_by_year<B: Backend + ?Sized>(
    backend: &B,
) -> Result<Vec<SliceNames>, Error> {
    let years = count_all(
        backend,
        &[],
        Some(PeriodGrouping {
            period: Period::Year,
            by_source: false,
        }),
    )?;
    let mut indexes: Vec<i64> = years
        .periods
        .groups
        .values()
        .flat_map(|p| p.keys().copied())
        .collect();
    indexes.sort_unstable();
    indexes.dedup();
    if indexes.len() < 2 {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(indexes.len());
    for idx in indexes {
        let year = Period::Year.label(idx);
        // a year the date syntax cannot say (before 1 or after 9999) is
        // left out: it only gives no evidence
        let Ok(dates) = DateRange::parse(Some(&year), Some(&year)) else {
            continue;
        };
        let filters = Filters {
            dates,
            ..Filters::default()
        };
        out.push((year, speaker_names_under(backend, &filters)?));
    }
    Ok(out)
}

/// Where articles are kept and searched.
pub trait Backend: Send + Sync {
    /// Ranked hits of a query under filters, with the exact total and, when
    /// asked, facet counts over all hits.
    fn search(&self, req: &SearchRequest) -> Result<HitList<'_>, Error>;

    /// One article by id.
    fn article(&self, id: &str) -> Result<Option<Article>, Error>;

    /// Counts over the articles matching a query under filters: how many
    /// carry each value of some fields, and how many fall in each period.
    fn count(&self, req: &CountRequest<'_>) -> Result<Counts, Error>;

    /// Articles in the archive, and how many hold each body term (analysed
    /// stems): the statistics that weigh words in quote ranking.
    fn term_stats(&self, stems: &[String]) -> Result<TermStats, Error>;

    /// Size and date range of the whole archive.
    fn summary(&self) -> Result<Summary, Error>;

    /// The topic taxonomy the articles were enriched with.
    fn taxonomy(&self) -> Result<Taxonomy, Error>;

    /// Makes later requests see what was indexed since the backend was
    /// opened (a long-running server calls this).
    fn reload(&self) -> Result<(), Error>;

    /// Every speaker name as indexed, with the articles that name it, over
    /// the whole archive and per year (what [`crate::search::people`]
    /// groups). A backend may keep the answer between processes.
    fn speaker_names(&self) -> Result<SpeakerNames, Error> {
        Ok(SpeakerNames::new(
            count_speaker_names(self)?,
            count_speaker_names_by_year(self)?,
            count_speaker_names_by_source(self)?,
        ))
    }

    /// Changes whenever what the backend answers may change (a new commit
    /// seen by [`Backend::reload`]): answers kept under one generation are
    /// valid until it changes.
    fn generation(&self) -> Result<u64, Error>;
}

/// A field whose values can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountField {
    /// The named speakers of an article (one per article and name).
    Speaker,
    /// The speaker of each quote (one per quote).
    QuoteSpeaker,
    Topic,
    /// The publication.
    Source,
}

/// Periods to count in, optionally one group per source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodGrouping {
    pub period: Period,
    pub by_source: bool,
}

/// A counting request.
#[derive(Debug, Clone, Copy)]
pub struct CountRequest<'a> {
    pub query: &'a Query,
    pub filters: &'a Filters,
    pub fields: &'a [CountField],
    pub periods: Option<PeriodGrouping>,
    /// Count each duplicate group once (per source when the periods are
    /// by source): as its earliest matching article.
    pub dedup: bool,
}

/// Values of one field and how many matching articles (or quotes) carry each.
pub type ValueMap = HashMap<String, u64, foldhash::fast::RandomState>;

/// What a [`CountRequest`] found.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Matching articles.
    pub hits: u64,
    /// One map per requested field, in order.
    pub values: Vec<ValueMap>,
    /// Per period (when asked).
    pub periods: PeriodCounts,
}

impl Counts {
    /// The `n` most frequent values of field `i`, most frequent first (ties
    /// in alphabetical order).
    pub fn top(&self, i: usize, n: usize) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self
            .values
            .get(i)
            .map(|m| m.iter().map(|(k, c)| (k.clone(), *c)).collect())
            .unwrap_or_default();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// Group name of articles without a source in per-source counts.
pub const NO_SOURCE: &str = "(no source)";

/// Matching articles per period, in groups (one per source, or one group
/// named "" when not by source).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodCounts {
    /// Group → period index (as [`Period::of_days`]) → articles.
    pub groups: BTreeMap<String, BTreeMap<i64, u64>>,
    /// Group → articles without a date.
    pub undated: BTreeMap<String, u64>,
}

impl PeriodCounts {
    /// Articles without a date, over all groups.
    pub fn undated_total(&self) -> u64 {
        self.undated.values().sum()
    }

    /// Dated articles, over all groups.
    pub fn dated_total(&self) -> u64 {
        self.groups.values().flat_map(|m| m.values()).sum()
    }

    /// First and last period with an article.
    pub fn span(&self) -> Option<(i64, i64)> {
        let lo = self.groups.values().filter_map(|m| m.keys().next()).min()?;
        let hi = self
            .groups
            .values()
            .filter_map(|m| m.keys().next_back())
            .max()?;
        Some((*lo, *hi))
    }

    /// Counts of `group` (all groups summed when `None`) for consecutive
    /// `periods` in order.
    pub fn series(&self, group: Option<&str>, periods: &[i64]) -> Vec<u64> {
        let mut out = vec![0u64; periods.len()];
        let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
            return out;
        };
        let mut add = |m: &BTreeMap<i64, u64>| {
            for (p, c) in m.range(*first..=*last) {
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

    /// Adds `other`'s counts to these.
    pub fn merge(&mut self, other: PeriodCounts) {
        for (g, m) in other.groups {
            let dst = self.groups.entry(g).or_default();
            for (p, c) in m {
                *dst.entry(p).or_insert(0) += c;
            }
        }
        for (g, c) in other.undated {
            *self.undated.entry(g).or_insert(0) += c;
        }
    }
}

/// Document frequencies of body terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermStats {
    /// Articles in the archive.
    pub articles: u64,
    /// Per stem asked for, the articles whose body holds it.
    pub doc_freqs: Vec<u64>,
}

/// The archive as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub articles: u64,
    /// Bytes the archive takes (on disk, for the embedded index).
    pub bytes: u64,
    /// Earliest and latest article dates.
    pub first_date: Option<DateTime<Utc>>,
    pub last_date: Option<DateTime<Utc>>,
}
