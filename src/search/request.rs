//! What a search asks for: the parsed query, the filters, the order and the
//! page. Every part is parsed and checked before a backend sees it, so a
//! front end can refuse a bad request before opening anything.

use super::query::Query;
use crate::date::DateRange;

/// Restrictions applied on top of the query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Any of these speakers (a surname alone matches the full name).
    pub speakers: Vec<String>,
    /// Any of these speaker names exactly as indexed: what the archive
    /// resolves `speakers` to, every spelling of each person they name
    /// (see [`crate::search::people`]). Backends match both lists.
    pub speaker_names: Vec<String>,
    /// Any of these topic slugs.
    pub topics: Vec<String>,
    /// Any of these sources.
    pub sources: Vec<String>,
    /// Any of these tags.
    pub tags: Vec<String>,
    /// Dated within this range (open ends unbounded).
    pub dates: DateRange,
}

impl Filters {
    /// Does this restrict anything at all?
    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty()
            && self.speaker_names.is_empty()
            && self.topics.is_empty()
            && self.sources.is_empty()
            && self.tags.is_empty()
            && self.dates.is_open()
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    DateAscending,
    DateDescending,
}

impl std::str::FromStr for SortOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "relevance" | "score" => Ok(SortOrder::Relevance),
            "date" | "+date" => Ok(SortOrder::DateAscending),
            "-date" => Ok(SortOrder::DateDescending),
            _ => Err(format!(
                "unknown sort order {s:?}: use relevance, date or -date"
            )),
        }
    }
}

/// How much more a title match counts than a body match, for words
/// without a field (every backend weighs them so).
pub const TITLE_BOOST: f32 = 2.0;

/// What the words of a query without a field search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Title (weighted double) and body.
    #[default]
    Articles,
    /// Only text inside the articles' quotes.
    Quotes,
}

/// One search for articles.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: Query,
    pub filters: Filters,
    pub scope: Scope,
    pub sort: SortOrder,
    /// Hits to return; `None` for all of them.
    pub limit: Option<usize>,
    pub offset: usize,
    /// Make a highlighted snippet for each returned hit.
    pub snippets: bool,
    /// Count speakers and topics over all hits.
    pub facets: bool,
    /// One hit per duplicate group (its best-ranked article), with the
    /// group's other matching articles as its copies; totals count groups.
    pub collapse: bool,
}

impl SearchRequest {
    /// The first ten hits of `query`, with snippets, no filters.
    pub fn new(query: Query) -> SearchRequest {
        SearchRequest {
            query,
            filters: Filters::default(),
            scope: Scope::Articles,
            sort: SortOrder::Relevance,
            limit: Some(10),
            offset: 0,
            snippets: true,
            facets: false,
            collapse: false,
        }
    }
}
