//! Lists of counts: who is quoted and how often, the topics with their
//! articles, and what the archive holds (`stats`).

use super::backend::{Backend, CountField, CountRequest, PeriodGrouping, Summary};
use super::people::People;
use super::query::Query;
use super::request::Filters;
use crate::date::Period;
use crate::enrich::topics::Taxonomy;
use crate::error::Error;

/// Who is quoted in the articles matching a query.
#[derive(Debug, Clone)]
pub struct SpeakersRequest {
    pub query: Query,
    pub filters: Filters,
    /// Speakers to list, most frequent first; `None` for all.
    pub limit: Option<usize>,
    /// List names as indexed instead of one row per person.
    pub as_written: bool,
    /// Count each duplicate group once, as its earliest matching article.
    pub dedup: bool,
}

/// A speaker with the matching articles that name them and their quotes in
/// those articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerCount {
    pub name: String,
    pub articles: u64,
    pub quotes: u64,
}

/// Speakers, most articles first (then most quotes, then by name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerList {
    /// Distinct speakers of the matching articles (not only those listed).
    pub total: usize,
    pub speakers: Vec<SpeakerCount>,
}

/// Lists the speakers of the articles matching a request, one row per
/// person: the spellings of one name (see [`People`]) counted together under
/// the person's name. Enrichment keeps one spelling per person in an
/// article, by the same rules, so the spellings' counts add up to the
/// person's articles (`tests/people.rs` checks this against `--speaker`).
pub fn speakers_as_people(
    backend: &dyn Backend,
    req: &SpeakersRequest,
    people: &People,
) -> Result<SpeakerList, Error> {
    let written = count_speakers(backend, req)?
        .into_iter()
        .map(|s| (s.name, (s.articles, s.quotes)));
    let rows = people
        .by_person(written, |a, b| {
            a.0 += b.0;
            a.1 += b.1;
        })
        .into_iter()
        .map(|(name, (articles, quotes))| SpeakerCount {
            name,
            articles,
            quotes,
        })
        .collect();
    Ok(ranked(rows, req.limit))
}

/// Lists the speakers of the articles matching a request, names as indexed.
pub fn speakers(backend: &dyn Backend, req: &SpeakersRequest) -> Result<SpeakerList, Error> {
    Ok(ranked(count_speakers(backend, req)?, req.limit))
}

/// Every speaker name of the matching articles with its counts, unordered.
fn count_speakers(
    backend: &dyn Backend,
    req: &SpeakersRequest,
) -> Result<Vec<SpeakerCount>, Error> {
    let counts = backend.count(&CountRequest {
        query: &req.query,
        filters: &req.filters,
        fields: &[CountField::Speaker, CountField::QuoteSpeaker],
        periods: None,
        dedup: req.dedup,
    })?;
    let (named, quoted) = (&counts.values[0], &counts.values[1]);
    Ok(named
        .iter()
        .map(|(name, n)| SpeakerCount {
            name: name.clone(),
            articles: *n,
            quotes: quoted.get(name).copied().unwrap_or(0),
        })
        .collect())
}

/// Most articles first (then most quotes, then by name), the first
/// `limit`; the total counts them all.
fn ranked(mut rows: Vec<SpeakerCount>, limit: Option<usize>) -> SpeakerList {
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.quotes.cmp(&a.quotes))
            .then(a.name.cmp(&b.name))
    });
    let total = rows.len();
    if let Some(n) = limit {
        rows.truncate(n);
    }
    SpeakerList {
        total,
        speakers: rows,
    }
}

/// A topic of the taxonomy with the articles it was given to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount {
    pub slug: String,
    pub label: String,
    pub description: String,
    pub articles: u64,
}

/// The topics of a taxonomy, in its order, counted over the archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicList {
    /// Articles in the archive.
    pub articles: u64,
    pub topics: Vec<TopicCount>,
}

/// Counts each topic of `taxonomy` (the archive's own when `None`).
pub fn topics(backend: &dyn Backend, taxonomy: Option<Taxonomy>) -> Result<TopicList, Error> {
    let taxonomy = match taxonomy {
        Some(t) => t,
        None => backend.taxonomy()?,
    };
    let counts = backend.count(&CountRequest {
        query: &Query::all(),
        filters: &Filters::default(),
        fields: &[CountField::Topic],
        periods: None,
        dedup: false,
    })?;
    let topics = taxonomy
        .topics()
        .iter()
        .map(|t| TopicCount {
            slug: t.slug.clone(),
            label: t.label.clone(),
            description: t.description.clone(),
            articles: counts.values[0].get(&t.slug).copied().unwrap_or(0),
        })
        .collect();
    Ok(TopicList {
        articles: counts.hits,
        topics,
    })
}

/// What the archive holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub summary: Summary,
    pub undated: u64,
    /// (year, articles), oldest first.
    pub by_year: Vec<(i64, u64)>,
    /// (value, articles), most frequent first.
    pub by_source: Vec<(String, u64)>,
    pub by_topic: Vec<(String, u64)>,
    pub by_speaker: Vec<(String, u64)>,
}

/// Size, date range and counts by year, source, topic and speaker (the
/// `top` most frequent sources and speakers; every topic).
/// Sources and years of the articles matching a query: what a search page
/// shows beside the speaker and topic facets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// (source, articles), most first.
    pub sources: Vec<(String, u64)>,
    /// (year, articles), oldest first.
    pub years: Vec<(i64, u64)>,
    /// Matching articles without a date.
    pub undated: u64,
}

/// Counts the matching articles by source and by year.
pub fn breakdown(
    backend: &dyn Backend,
    query: &Query,
    filters: &Filters,
    top: usize,
) -> Result<Breakdown, Error> {
    let counts = backend.count(&CountRequest {
        query,
        filters,
        fields: &[CountField::Source],
        periods: Some(PeriodGrouping {
            period: Period::Year,
            by_source: false,
        }),
        dedup: false,
    })?;
    let mut years: Vec<(i64, u64)> = counts
        .periods
        .groups
        .values()
        .flat_map(|m| m.iter().map(|(y, c)| (*y, *c)))
        .collect();
    years.sort();
    Ok(Breakdown {
        sources: counts.top(0, top),
        years,
        undated: counts.periods.undated_total(),
    })
}

pub fn stats(backend: &dyn Backend, top: usize) -> Result<Stats, Error> {
    let counts = backend.count(&CountRequest {
        query: &Query::all(),
        filters: &Filters::default(),
        fields: &[CountField::Source, CountField::Topic, CountField::Speaker],
        periods: Some(PeriodGrouping {
            period: Period::Year,
            by_source: false,
        }),
        dedup: false,
    })?;
    let mut by_year: Vec<(i64, u64)> = counts
        .periods
        .groups
        .values()
        .flat_map(|m| m.iter().map(|(y, c)| (*y, *c)))
        .collect();
    by_year.sort();
    Ok(Stats {
        summary: backend.summary()?,
        undated: counts.periods.undated_total(),
        by_year,
        by_source: counts.top(0, top),
        by_topic: counts.top(1, 100),
        by_speaker: counts.top(2, top),
    })
}
