//! What a search returns: the exact total, facet counts, and the hits, one
//! at a time (a long list is streamed, never held whole).

use super::highlight::Snippet;
use crate::article::Article;
use crate::error::Error;

/// One result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based position in the whole result list.
    pub rank: usize,
    /// BM25 score (0 when sorted by date).
    pub score: f32,
    pub article: Article,
    pub snippet: Option<Snippet>,
    /// With [`SearchRequest::collapse`](super::SearchRequest::collapse): the
    /// other matching articles of its duplicate group, best-ranked first.
    pub copies: Option<Vec<CopyRef>>,
}

/// An article a collapsed hit stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRef {
    pub id: String,
    pub source: Option<String>,
}

/// Facet counts over all hits: (value, articles), most frequent first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// Speakers, most articles first: from a backend every name as
    /// indexed; from the archive the top [`SPEAKER_FACETS`] people.
    pub speakers: Vec<(String, u64)>,
    pub topics: Vec<(String, u64)>,
}

/// People shown in a search's speaker facet.
pub const SPEAKER_FACETS: usize = 10;

/// A finished search: the total and the requested page of hits, loaded as
/// they are taken.
pub struct HitList<'a> {
    /// Hits of the whole request, not only of this page (duplicate groups
    /// when collapsed).
    pub total: usize,
    /// When collapsed: the matching articles, copies included.
    pub articles: Option<usize>,
    /// With [`SearchRequest::facets`](super::SearchRequest::facets).
    pub facets: Option<Facets>,
    /// How many hits `hits` will yield.
    pub page_len: usize,
    /// The hits of the page in rank order.
    pub hits: Box<dyn Iterator<Item = Result<Hit, Error>> + 'a>,
}
