//! Searching the archive: a query string plus filters in, ranked hits out.
//! This module knows nothing about output; `present` and `export` render hits.

use crate::article::Article;
use crate::collector::{Counts, ValueCounts};
use crate::date;
use crate::highlight::Highlighter;
use crate::query::{self, Node, QueryError};
use crate::quote_query::InQuoteQuery;
use crate::schema;
use crate::store::Archive;
use chrono::{DateTime, Datelike, Duration, Months, TimeZone, Utc};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

/// Title matches count this much more than body matches.
pub const TITLE_BOOST: f32 = 2.0;

/// Restrictions applied on top of the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Any of these speakers (a surname alone matches the full name).
    pub speakers: Vec<String>,
    /// Any of these topic slugs.
    pub topics: Vec<String>,
    /// Any of these sources.
    pub sources: Vec<String>,
    /// Any of these tags.
    pub tags: Vec<String>,
    /// On or after this date (inclusive).
    pub since: Option<String>,
    /// Up to the end of this date (a day, month or year is included whole).
    pub until: Option<String>,
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

/// One search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub sort: SortOrder,
    /// Hits to return; `None` for all of them.
    pub limit: Option<usize>,
    pub offset: usize,
    /// Make a highlighted snippet for each returned hit.
    pub snippets: bool,
    /// Count speakers and topics over all hits.
    pub facets: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: "*".into(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            limit: Some(10),
            offset: 0,
            snippets: true,
            facets: false,
        }
    }
}

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("{0}")]
    Filter(String),
    #[error("search failed: {0}")]
    Index(#[from] tantivy::TantivyError),
}

pub use crate::highlight::Snippet;

/// One result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based position in the whole result list.
    pub rank: usize,
    /// BM25 score (0 when sorted by date).
    pub score: f32,
    pub article: Article,
    pub snippet: Option<Snippet>,
}

/// Facet counts over all hits.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub speakers: Vec<(String, u64)>,
    pub topics: Vec<(String, u64)>,
}

/// A finished search: the total, the addresses of the requested page, and
/// what is needed to load and highlight them one by one.
pub struct Results<'a> {
    pub total: usize,
    pub facets: Option<Facets>,
    page: Vec<(f32, DocAddress)>,
    offset: usize,
    searcher: Searcher,
    archive: &'a Archive,
    snippets: Option<Highlighter>,
}

impl Results<'_> {
    /// Number of hits on this page.
    pub fn len(&self) -> usize {
        self.page.len()
    }

    pub fn is_empty(&self) -> bool {
        self.page.is_empty()
    }

    /// Loads the hits of the page in rank order.
    ///
    /// Documents are read a window at a time in their doc store order, on
    /// all cores, then handed out by rank: in rank order each hit of a long
    /// list (`--all`) decompressed a store block of its own, which was most
    /// of an export's time.
    pub fn hits(&self) -> impl Iterator<Item = tantivy::Result<Hit>> + '_ {
        self.page
            .chunks(LOAD_WINDOW)
            .enumerate()
            .flat_map(move |(w, window)| {
                let first_rank = self.offset + w * LOAD_WINDOW + 1;
                self.load_window(window)
                    .into_iter()
                    .zip(window)
                    .enumerate()
                    .map(move |(i, (loaded, (score, _)))| {
                        let (article, snippet) = loaded?;
                        Ok(Hit {
                            rank: first_rank + i,
                            score: *score,
                            article,
                            snippet,
                        })
                    })
            })
    }

    /// The articles (and snippets) of `window`, in its order.
    fn load_window(
        &self,
        window: &[(f32, DocAddress)],
    ) -> Vec<tantivy::Result<(Article, Option<Snippet>)>> {
        use rayon::prelude::*;
        let mut by_address: Vec<(usize, DocAddress)> =
            window.iter().map(|(_, a)| *a).enumerate().collect();
        by_address.sort_unstable_by_key(|&(_, a)| a);
        let load = |&(i, addr): &(usize, DocAddress)| {
            let loaded = self
                .searcher
                .doc::<TantivyDocument>(addr)
                .map(|doc| self.archive.to_article(&doc))
                .map(|article| {
                    let snippet = self.snippets.as_ref().map(|h| h.snippet(&article.body));
                    (article, snippet)
                });
            (i, loaded)
        };
        // A page on screen is loaded without threads.
        let mut loaded: Vec<_> = if window.len() < 64 {
            by_address.iter().map(load).collect()
        } else {
            let piece = window.len().div_ceil(rayon::current_num_threads().max(1));
            by_address
                .par_chunks(piece)
                .flat_map_iter(|run| run.iter().map(load))
                .collect()
        };
        loaded.sort_unstable_by_key(|(i, _)| *i);
        loaded.into_iter().map(|(_, l)| l).collect()
    }
}

/// Hits loaded at once by [`Results::hits`]: bounds the memory a long
/// export holds (a few KB per article) while most hits sharing a store
/// block are read together.
const LOAD_WINDOW: usize = 32_768;

/// Runs a search.
///
/// ```no_run
/// use econ_archive::search::{search, SearchRequest};
/// use econ_archive::store::Archive;
/// let archive = Archive::open(std::path::Path::new("index")).unwrap();
/// let results = search(&archive, &SearchRequest {
///     query: "\"trade deficit\" tariffs".into(),
///     ..SearchRequest::default()
/// }).unwrap();
/// for hit in results.hits() {
///     let hit = hit.unwrap();
///     println!("{} {}", hit.rank, hit.article.title);
/// }
/// ```
pub fn search<'a>(archive: &'a Archive, req: &SearchRequest) -> Result<Results<'a>, SearchError> {
    let searcher = archive.searcher()?;
    let ast = query::parse(&req.query)?;
    let compiler = Compiler::new(archive);
    let text_query = compiler.compile(&ast);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    for f in compiler.filters(&req.filters)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
    }
    let full: Box<dyn Query> = if clauses.len() == 1 {
        text_query.box_clone()
    } else {
        Box::new(BooleanQuery::new(clauses))
    };

    // The facet counts visit every hit anyway: their total saves a pass.
    let facet_counts = if req.facets {
        let counts: Counts = searcher.search(
            &*full,
            &ValueCounts {
                columns: vec!["speaker_key".into(), "topic".into()],
                years: false,
            },
        )?;
        Some(counts)
    } else {
        None
    };
    let total = match &facet_counts {
        Some(counts) => counts.hits as usize,
        None => searcher.search(&*full, &Count)?,
    };
    let limit = req
        .limit
        .unwrap_or(total)
        .min(total.saturating_sub(req.offset));
    let page: Vec<(f32, DocAddress)> = if limit == 0 {
        Vec::new()
    } else {
        let top = TopDocs::with_limit(limit).and_offset(req.offset);
        match req.sort {
            SortOrder::Relevance => searcher.search(&*full, &top.order_by_score())?,
            SortOrder::DateAscending | SortOrder::DateDescending => {
                let order = if req.sort == SortOrder::DateAscending {
                    Order::Asc
                } else {
                    Order::Desc
                };
                searcher
                    .search(
                        &*full,
                        &top.order_by_fast_field::<tantivy::DateTime>("date", order),
                    )?
                    .into_iter()
                    .map(|(_, a)| (0.0, a))
                    .collect()
            }
        }
    };
    let facets = facet_counts.map(|counts| Facets {
        speakers: counts.top(0, 10),
        topics: counts.top(1, 17),
    });
    let snippets = if req.snippets && !page.is_empty() {
        // The body terms of the query, weighted as tantivy's snippet
        // generator weighs them: rarer words count for more.
        let mut terms = BTreeMap::new();
        let mut failure = None;
        text_query.query_terms(&mut |term, _| {
            if term.field() != archive.fields.body {
                return;
            }
            if let Some(text) = term.value().as_str() {
                match searcher.doc_freq(term) {
                    Ok(df) if df > 0 => {
                        terms.insert(text.to_string(), 1.0 / (1.0 + df as f32));
                    }
                    Ok(_) => {}
                    Err(e) => failure = Some(e),
                }
            }
        });
        if let Some(e) = failure {
            return Err(e.into());
        }
        Some(Highlighter::new(terms, 220))
    } else {
        None
    };
    Ok(Results {
        total,
        facets,
        page,
        offset: req.offset,
        searcher,
        archive,
        snippets,
    })
}

/// Most body terms a prefix searched inside quotes expands to.
const MAX_PREFIX_TERMS: usize = 1024;

fn in_quote(terms: Vec<(usize, Term)>) -> Box<dyn Query> {
    Box::new(InQuoteQuery::phrase(terms, schema::QUOTE_SPANS))
}

/// Turns parsed queries and filters into tantivy queries.
pub struct Compiler<'a> {
    archive: &'a Archive,
    prose: TextAnalyzer,
    name: TextAnalyzer,
    /// Field searched by words without a field (`None`: title and body).
    default_field: Option<&'static str>,
}

impl<'a> Compiler<'a> {
    /// A compiler whose unqualified words search title and body.
    pub fn new(archive: &'a Archive) -> Compiler<'a> {
        Compiler {
            archive,
            prose: schema::prose_analyzer(),
            name: schema::name_analyzer(),
            default_field: None,
        }
    }

    /// A compiler whose unqualified words search inside quotes only.
    pub fn for_quotes(archive: &'a Archive) -> Compiler<'a> {
        Compiler {
            default_field: Some("quote"),
            ..Compiler::new(archive)
        }
    }

    /// Compiles a parsed query.
    pub fn compile(&self, node: &Node) -> Box<dyn Query> {
        match node {
            Node::All => Box::new(AllQuery),
            Node::Word {
                field,
                text,
                prefix,
            } => self.leaf(field.as_deref(), text, *prefix, false),
            Node::Phrase { field, text } => self.leaf(field.as_deref(), text, false, true),
            Node::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = parts
                    .iter()
                    .map(|p| match p {
                        Node::Not(inner) => (Occur::MustNot, self.compile(inner)),
                        _ => (Occur::Must, self.compile(p)),
                    })
                    .collect();
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(parts) => Box::new(BooleanQuery::new(
                parts
                    .iter()
                    .map(|p| (Occur::Should, self.compile(p)))
                    .collect(),
            )),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.compile(inner)),
            ])),
        }
    }

    fn leaf(&self, field: Option<&str>, text: &str, prefix: bool, phrase: bool) -> Box<dyn Query> {
        let f = &self.archive.fields;
        match field.or(self.default_field) {
            None => Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        self.text_query(f.title, &self.prose, text, prefix, phrase),
                        TITLE_BOOST,
                    )),
                ),
                (
                    Occur::Should,
                    self.text_query(f.body, &self.prose, text, prefix, phrase),
                ),
            ])),
            Some("title") => self.text_query(f.title, &self.prose, text, prefix, phrase),
            Some("body") => self.text_query(f.body, &self.prose, text, prefix, phrase),
            Some("quote") => self.quote_query(text, prefix, phrase),
            Some("speaker") => self.text_query(f.speaker, &self.name, text, prefix, true),
            Some("author") => self.text_query(f.author, &self.name, text, prefix, true),
            Some("source") => self.text_query(f.source, &self.name, text, prefix, true),
            Some("topic") => exact(f.topic, &text.trim().to_lowercase()),
            Some("tag") => exact(f.tag, &schema::fold_keyword(text)),
            Some("id") => exact(f.id, text.trim()),
            Some(_) => Box::new(EmptyQuery),
        }
    }

    /// Words of `text` as analysed for `field`: one term, a phrase, or a prefix.
    fn text_query(
        &self,
        field: Field,
        analyzer: &TextAnalyzer,
        text: &str,
        prefix: bool,
        phrase: bool,
    ) -> Box<dyn Query> {
        if prefix {
            let folded = schema::fold_keyword(text);
            return Box::new(FuzzyTermQuery::new_prefix(
                Term::from_field_text(field, &folded),
                0,
                true,
            ));
        }
        let mut analyzer = analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(tok) = stream.next() {
            terms.push((tok.position, Term::from_field_text(field, &tok.text)));
        }
        match terms.len() {
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(
                terms.remove(0).1,
                IndexRecordOption::WithFreqs,
            )),
            // Several words from one written word ("U.S.-China") or a quoted
            // phrase must stand together; loose words are all required.
            _ if phrase || !text.contains(char::is_whitespace) => {
                Box::new(PhraseQuery::new_with_offset(terms))
            }
            _ => Box::new(BooleanQuery::new(
                terms
                    .into_iter()
                    .map(|(_, t)| {
                        (
                            Occur::Must,
                            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
                                as Box<dyn Query>,
                        )
                    })
                    .collect(),
            )),
        }
    }

    /// Words in quotes: each word must occur inside a quote of the article
    /// (at body positions within a quote's span, or in a record's own quote
    /// text); a phrase must stand inside one quote. Loose words need not
    /// share one quote here; `quotes` checks each quote by itself.
    fn quote_query(&self, text: &str, prefix: bool, phrase: bool) -> Box<dyn Query> {
        let f = &self.archive.fields;
        if prefix {
            let folded = schema::fold_keyword(text);
            let mut any: Vec<(Occur, Box<dyn Query>)> = self
                .body_terms_with_prefix(&folded)
                .into_iter()
                .map(|t| (Occur::Should, in_quote(vec![(0, t)])))
                .collect();
            any.push((
                Occur::Should,
                self.text_query(f.quote, &self.prose, text, true, false),
            ));
            return Box::new(BooleanQuery::new(any));
        }
        let mut analyzer = self.prose.clone();
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(tok) = stream.next() {
            words.push((tok.position, tok.text.clone()));
        }
        match words.len() {
            0 => Box::new(EmptyQuery),
            // One word; or several from one written word ("U.S.-China") or a
            // quoted phrase, which stand together as in the body.
            n if n == 1 || phrase || !text.contains(char::is_whitespace) => {
                self.quoted_words(&words)
            }
            _ => Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| (Occur::Must, self.quoted_words(std::slice::from_ref(w))))
                    .collect(),
            )),
        }
    }

    /// Analysed words (position, term) standing together inside one quote:
    /// in a quote span of the body, or in a record's own quote text.
    fn quoted_words(&self, words: &[(usize, String)]) -> Box<dyn Query> {
        let f = &self.archive.fields;
        let terms = |field: Field| -> Vec<(usize, Term)> {
            words
                .iter()
                .map(|(p, w)| (*p, Term::from_field_text(field, w)))
                .collect()
        };
        let mut record_quote = terms(f.quote);
        let record_quote: Box<dyn Query> = if record_quote.len() == 1 {
            Box::new(TermQuery::new(
                record_quote.remove(0).1,
                IndexRecordOption::WithFreqs,
            ))
        } else {
            Box::new(PhraseQuery::new_with_offset(record_quote))
        };
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, in_quote(terms(f.body))),
            (Occur::Should, record_quote),
        ]))
    }

    /// Body terms starting with `prefix`, across the index's segments (at
    /// most `MAX_PREFIX_TERMS`).
    fn body_terms_with_prefix(&self, prefix: &str) -> Vec<Term> {
        let mut found: BTreeSet<String> = BTreeSet::new();
        let Ok(searcher) = self.archive.searcher() else {
            return Vec::new();
        };
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.archive.fields.body) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            while stream.advance() && found.len() < MAX_PREFIX_TERMS {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                found.insert(String::from_utf8_lossy(key).into_owned());
            }
        }
        found
            .into_iter()
            .map(|t| Term::from_field_text(self.archive.fields.body, &t))
            .collect()
    }

    /// One query per kind of filter given.
    pub fn filters(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let f = &self.archive.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let any = |qs: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                qs.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        };
        if !filters.speakers.is_empty() {
            out.push(any(filters
                .speakers
                .iter()
                .map(|s| self.text_query(f.speaker, &self.name, s, false, true))
                .collect()));
        }
        if !filters.topics.is_empty() {
            out.push(any(filters
                .topics
                .iter()
                .map(|t| exact(f.topic, &t.trim().to_lowercase()))
                .collect()));
        }
        if !filters.sources.is_empty() {
            out.push(any(filters
                .sources
                .iter()
                .map(|s| self.text_query(f.source, &self.name, s, false, true))
                .collect()));
        }
        if !filters.tags.is_empty() {
            out.push(any(filters
                .tags
                .iter()
                .map(|t| exact(f.tag, &schema::fold_keyword(t)))
                .collect()));
        }
        let since = match &filters.since {
            Some(s) => Some(parse_bound(s, false)?),
            None => None,
        };
        let until = match &filters.until {
            Some(s) => Some(parse_bound(s, true)?),
            None => None,
        };
        if let (Some(a), Some(b)) = (since, until) {
            if a >= b {
                return Err(SearchError::Filter(format!(
                    "--since {} is not before --until {}",
                    filters.since.as_deref().unwrap_or(""),
                    filters.until.as_deref().unwrap_or("")
                )));
            }
        }
        if since.is_some() || until.is_some() {
            let term = |d: DateTime<Utc>| {
                Term::from_field_date(
                    f.date,
                    tantivy::DateTime::from_timestamp_micros(d.timestamp_micros()),
                )
            };
            let lower = since
                .map(|d| Bound::Included(term(d)))
                .unwrap_or(Bound::Unbounded);
            let upper = until
                .map(|d| Bound::Excluded(term(d)))
                .unwrap_or(Bound::Unbounded);
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok(out)
    }
}

fn exact(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Parses a `--since`/`--until` date. For `--until`, returns the exclusive end
/// of the period written: `--until 2017` includes all of 2017.
pub fn parse_bound(text: &str, end: bool) -> Result<DateTime<Utc>, SearchError> {
    let Some((when, precision)) = date::parse_date(text) else {
        return Err(SearchError::Filter(format!(
            "invalid date {text:?}: use e.g. 2017-07-18, 2017-07, 2017 or July 18, 2017"
        )));
    };
    if !end {
        return Ok(when);
    }
    use crate::article::DatePrecision::*;
    let next = match precision {
        Exact => Some(when + Duration::microseconds(1)),
        Day => Some(when + Duration::days(1)),
        Month => when.checked_add_months(Months::new(1)),
        Year => Utc
            .with_ymd_and_hms(when.year() + 1, 1, 1, 0, 0, 0)
            .single(),
    };
    next.ok_or_else(|| SearchError::Filter(format!("date {text:?} is out of range")))
}
