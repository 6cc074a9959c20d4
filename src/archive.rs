//! The front door: what every front end (the command line, the web server)
//! asks the archive, and nothing else. An [`Archive`] wraps a
//! [`Backend`] and builds each operation on its primitives.

use crate::article::Article;
use crate::enrich::topics::Taxonomy;
use crate::error::Error;
use crate::index::EmbeddedIndex;
use crate::search::counts::{self, Breakdown, SpeakerList, SpeakersRequest, Stats, TopicList};
use crate::search::kwic::{self, KwicList, KwicRequest};
use crate::search::quotes::{self, QuoteList, QuoteRequest};
use crate::search::trend::{self, Trend, TrendRequest};
use crate::search::{Backend, HitList, SearchRequest, Summary};
use crate::search::{Filters, Query};
use std::path::Path;

/// A searchable archive of articles.
///
/// ```no_run
/// use econ_archive::{Archive, Query, SearchRequest};
/// let archive = Archive::open("index".as_ref())?;
/// let mut req = SearchRequest::new(Query::parse("\"trade deficit\" tariffs")?);
/// req.limit = Some(5);
/// let results = archive.search(&req)?;
/// println!("{} articles match", results.total);
/// for hit in results.hits {
///     let hit = hit?;
///     println!("{} {}", hit.rank, hit.article.title);
/// }
/// # Ok::<(), econ_archive::Error>(())
/// ```
pub struct Archive {
    backend: Box<dyn Backend>,
}

impl Archive {
    /// Opens the embedded index in `dir`.
    pub fn open(dir: &Path) -> Result<Archive, Error> {
        Ok(Archive::with_backend(Box::new(EmbeddedIndex::open(dir)?)))
    }

    /// An archive answered by any backend.
    pub fn with_backend(backend: Box<dyn Backend>) -> Archive {
        Archive { backend }
    }

    /// Ranked articles: the exact total, facets when asked, and the page.
    pub fn search(&self, req: &SearchRequest) -> Result<HitList<'_>, Error> {
        self.backend.search(req)
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<Article>, Error> {
        self.backend.article(id)
    }

    /// Quotes that satisfy a query by themselves, ranked, with the exact total.
    pub fn quotes(&self, req: &QuoteRequest) -> Result<QuoteList, Error> {
        quotes::find_quotes(&*self.backend, req)
    }

    /// Keyword in context: each occurrence of the query in the bodies of
    /// the matching articles.
    pub fn kwic(&self, req: &KwicRequest) -> Result<KwicList<'_>, Error> {
        kwic::concordance(&*self.backend, req)
    }

    /// Matching articles per period, shares and the EPU index.
    pub fn trend(&self, req: &TrendRequest) -> Result<Trend, Error> {
        trend::compute(&*self.backend, req)
    }

    /// Speakers of the matching articles with article and quote counts.
    pub fn speakers(&self, req: &SpeakersRequest) -> Result<SpeakerList, Error> {
        counts::speakers(&*self.backend, req)
    }

    /// The `top` sources and every year of the matching articles, with
    /// article counts.
    pub fn breakdown(
        &self,
        query: &Query,
        filters: &Filters,
        top: usize,
    ) -> Result<Breakdown, Error> {
        counts::breakdown(&*self.backend, query, filters, top)
    }

    /// The topics of `taxonomy` (the archive's own when `None`) with counts.
    pub fn topics(&self, taxonomy: Option<Taxonomy>) -> Result<TopicList, Error> {
        counts::topics(&*self.backend, taxonomy)
    }

    /// Articles, size and date range of the whole archive.
    pub fn summary(&self) -> Result<Summary, Error> {
        self.backend.summary()
    }

    /// Size, date range and the most frequent sources, topics and speakers.
    pub fn stats(&self, top: usize) -> Result<Stats, Error> {
        counts::stats(&*self.backend, top)
    }

    /// Changes whenever a new commit becomes visible (see [`Archive::reload`]).
    pub fn generation(&self) -> Result<u64, Error> {
        self.backend.generation()
    }

    /// Makes later requests see what was indexed since the archive was opened.
    pub fn reload(&self) -> Result<(), Error> {
        self.backend.reload()
    }
}
