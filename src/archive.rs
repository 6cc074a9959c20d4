//! The front door: what every front end (the command line, the web server)
//! asks the archive, and nothing else. An [`Archive`] wraps a
//! [`Backend`] and builds each operation on its primitives.

use crate::article::Article;
use crate::enrich::topics::Taxonomy;
use crate::error::Error;
use crate::index::EmbeddedIndex;
use crate::search::counts::{self, Breakdown, SpeakerList, SpeakersRequest, Stats, TopicList};
use crate::search::kwic::{self, KwicList, KwicRequest};
use crate::search::people::{People, Person};
use crate::search::quotes::{self, QuoteList, QuoteRequest};
use crate::search::trend::{self, Trend, TrendRequest};
use crate::search::{Backend, CountRequest, HitList, SearchRequest, Summary};
use crate::search::{Filters, Query};
use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, Mutex};

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
    /// Who is who, for the index generation it was built from.
    people: Mutex<Option<(u64, Arc<People>)>>,
}

/// The people one `--speaker` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerMatch {
    /// The value as given.
    pub wanted: String,
    /// The people it matched, most articles first (empty: it is matched
    /// by its words alone, as written).
    pub people: Vec<Person>,
}

impl Archive {
    /// Opens the embedded index in `dir`.
    pub fn open(dir: &Path) -> Result<Archive, Error> {
        Ok(Archive::with_backend(Box::new(EmbeddedIndex::open(dir)?)))
    }

    /// An archive answered by any backend.
    pub fn with_backend(backend: Box<dyn Backend>) -> Archive {
        Archive {
            backend,
            people: Mutex::new(None),
        }
    }

    /// Ranked articles: the exact total, facets when asked, and the page.
    pub fn search(&self, req: &SearchRequest) -> Result<HitList<'_>, Error> {
        let filters = self.resolve(&req.filters)?;
        let mut results = match &filters {
            Cow::Borrowed(_) => self.backend.search(req)?,
            Cow::Owned(filters) => self.backend.search(&SearchRequest {
                filters: filters.clone(),
                ..req.clone()
            })?,
        };
        if let Some(facets) = results.facets.as_mut() {
            let written = std::mem::take(&mut facets.speakers);
            facets.speakers = self.speaker_facets(written)?;
        }
        Ok(results)
    }

    /// The top people of a search's speaker facet: the counts of the
    /// spellings of one name added up (an article holds one spelling per
    /// person: enrichment merges them by the same rules).
    fn speaker_facets(&self, written: Vec<(String, u64)>) -> Result<Vec<(String, u64)>, Error> {
        let mut rows = self.people()?.by_person(written, |a, b| *a += b);
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows.truncate(crate::search::SPEAKER_FACETS);
        Ok(rows)
    }

    /// The archive's people: the spellings of each speaker's name grouped
    /// (see [`crate::search::people`]). Built from the speaker counts of
    /// the whole archive, and of each year and source when it has several,
    /// once per index generation.
    pub fn people(&self) -> Result<Arc<People>, Error> {
        let generation = self.backend.generation()?;
        let mut cached = self.people.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((g, people)) = cached.as_ref() {
            if *g == generation {
                return Ok(people.clone());
            }
        }
        let names = self.backend.speaker_names()?;
        let slices: Vec<_> = names.by_year.into_iter().chain(names.by_source).collect();
        let people = Arc::new(People::from_counts_by_slice(&names.all, &slices));
        *cached = Some((generation, people.clone()));
        Ok(people)
    }

    /// The articles that name a person in any spelling, each counted once.
    pub fn person_articles(&self, person: &Person) -> Result<u64, Error> {
        let filters = Filters {
            speaker_names: person.variants.iter().map(|v| v.0.clone()).collect(),
            ..Filters::default()
        };
        Ok(self
            .backend
            .count(&CountRequest {
                query: &Query::all(),
                filters: &filters,
                fields: &[],
                periods: None,
                dedup: false,
            })?
            .hits)
    }

    /// Whom each `--speaker` value of `filters` names.
    pub fn speaker_matches(&self, filters: &Filters) -> Result<Vec<SpeakerMatch>, Error> {
        if filters.speakers.is_empty() {
            return Ok(Vec::new());
        }
        let people = self.people()?;
        Ok(filters
            .speakers
            .iter()
            .map(|w| SpeakerMatch {
                wanted: w.clone(),
                people: people.matching(w).into_iter().cloned().collect(),
            })
            .collect())
    }

    /// `filters` with each `--speaker` that names people in the archive
    /// replaced by every spelling of those people's names; a value that
    /// names nobody is kept, to match by its words.
    fn resolve<'f>(&self, filters: &'f Filters) -> Result<Cow<'f, Filters>, Error> {
        if filters.speakers.is_empty() {
            return Ok(Cow::Borrowed(filters));
        }
        let mut out = filters.clone();
        out.speakers.clear();
        for m in self.speaker_matches(filters)? {
            if m.people.is_empty() {
                out.speakers.push(m.wanted);
            }
            for p in m.people {
                out.speaker_names
                    .extend(p.variants.into_iter().map(|v| v.0));
            }
        }
        out.speaker_names.sort();
        out.speaker_names.dedup();
        Ok(Cow::Owned(out))
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<Article>, Error> {
        self.backend.article(id)
    }

    /// Quotes that satisfy a query by themselves, ranked, with the exact total.
    pub fn quotes(&self, req: &QuoteRequest) -> Result<QuoteList, Error> {
        let filters = self.resolve(&req.filters)?.into_owned();
        quotes::find_quotes(
            &*self.backend,
            &QuoteRequest {
                filters,
                ..req.clone()
            },
        )
    }

    /// Keyword in context: each occurrence of the query in the bodies of
    /// the matching articles.
    pub fn kwic(&self, req: &KwicRequest) -> Result<KwicList<'_>, Error> {
        let filters = self.resolve(&req.filters)?.into_owned();
        kwic::concordance(
            &*self.backend,
            &KwicRequest {
                filters,
                ..req.clone()
            },
        )
    }

    /// Matching articles per period, shares and the EPU index.
    pub fn trend(&self, req: &TrendRequest) -> Result<Trend, Error> {
        let filters = self.resolve(&req.filters)?.into_owned();
        trend::compute(
            &*self.backend,
            &TrendRequest {
                filters,
                ..req.clone()
            },
        )
    }

    /// Speakers of the matching articles with article and quote counts.
    pub fn speakers(&self, req: &SpeakersRequest) -> Result<SpeakerList, Error> {
        let filters = self.resolve(&req.filters)?.into_owned();
        let req = SpeakersRequest {
            filters,
            ..req.clone()
        };
        if req.as_written {
            return counts::speakers(&*self.backend, &req);
        }
        let people = self.people()?;
        counts::speakers_as_people(&*self.backend, &req, &people)
    }

    /// The `top` sources and every year of the matching articles, with
    /// article counts.
    pub fn breakdown(
        &self,
        query: &Query,
        filters: &Filters,
        top: usize,
    ) -> Result<Breakdown, Error> {
        let filters = self.resolve(filters)?;
        counts::breakdown(&*self.backend, query, &filters, top)
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
