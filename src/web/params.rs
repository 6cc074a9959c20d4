//! A request's query string turned into the archive's requests, checked
//! the way the command line checks its arguments (same names, same
//! defaults, same messages), for the pages and the API alike.

use super::error::WebError;
use super::Limits;
use crate::date::{DateRange, Period};
use crate::output::Format;
use crate::search::trend::{Normalize, TermSets};
use crate::{
    Filters, KwicRequest, Query, QuoteRequest, SearchRequest, SeriesSpec, SortOrder,
    SpeakersRequest, TrendRequest,
};

/// The decoded pairs of a query string, in order (a name may repeat).
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

/// Names every request may carry besides its own.
const COMMON: &[&str] = &["format", "token"];
/// The filter names, as the command line's `--speaker` … `--until`.
const FILTERS: &[&str] = &["speaker", "topic", "source", "tag", "since", "until"];

impl Params {
    pub(crate) fn parse(query: Option<&str>) -> Params {
        let pairs = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Params { pairs }
    }

    /// Refuses names the endpoint does not know, so a misspelt filter is
    /// not silently ignored.
    pub(crate) fn only(&self, known: &[&str]) -> Result<(), WebError> {
        for (k, _) in &self.pairs {
            let k = k.as_str();
            if !known.contains(&k) && !COMMON.contains(&k) && !FILTERS.contains(&k) {
                let mut names: Vec<&str> = known.iter().chain(FILTERS).copied().collect();
                names.sort_unstable();
                return Err(WebError::bad(format!(
                    "unknown parameter {k:?}: use {}",
                    names.join(", ")
                )));
            }
        }
        Ok(())
    }

    /// The last non-empty value of `name` (a form sends empty fields).
    pub(crate) fn one(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Every non-empty value of `name`, in order.
    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub(crate) fn flag(&self, name: &str) -> Result<bool, WebError> {
        match self.one(name) {
            None => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(v) => Err(WebError::bad(format!("{name}={v:?}: use true or false"))),
        }
    }

    pub(crate) fn number(&self, name: &str, default: usize) -> Result<usize, WebError> {
        match self.one(name) {
            None => Ok(default),
            Some(v) => v.trim().parse().map_err(|_| {
                WebError::bad(format!(
                    "{name}={v:?}: a whole number (0 or more) is needed"
                ))
            }),
        }
    }

    fn parsed<T: std::str::FromStr<Err = String>>(
        &self,
        name: &str,
        default: T,
    ) -> Result<T, WebError> {
        match self.one(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(WebError::bad),
        }
    }

    /// The page size asked for, within the server's limit.
    fn limit(&self, default: usize, limits: &Limits) -> Result<usize, WebError> {
        self.page_size("limit", default, limits)
    }

    /// A number of records `name` asks for, refused over the server's page
    /// size rather than cut silently (the command line would list them all).
    pub(crate) fn page_size(
        &self,
        name: &str,
        default: usize,
        limits: &Limits,
    ) -> Result<usize, WebError> {
        let n = self.number(name, default)?;
        if n > limits.page_size {
            let hint = if name == "limit" {
                ": page with offset, or export with all=true"
            } else {
                ""
            };
            return Err(WebError::bad(format!(
                "{name}={n} is more than this server returns in one page ({}){hint}",
                limits.page_size
            )));
        }
        Ok(n)
    }

    /// The output format (`format=`), JSON unless said.
    pub(crate) fn format(&self, allowed: &[Format]) -> Result<Format, WebError> {
        let Some(name) = self.one("format") else {
            return Ok(Format::Json);
        };
        match Format::from_name(name) {
            Some(f) if f != Format::Table && allowed.contains(&f) => Ok(f),
            _ => Err(WebError::bad(format!(
                "unknown format {name:?}: use {}",
                allowed
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The query text of `q` (required unless `default` is given), parsed.
    fn query(&self, limits: &Limits, default: Option<Query>) -> Result<Query, WebError> {
        match self.one("q") {
            Some(text) => parse_query(text, limits),
            None => {
                default.ok_or_else(|| WebError::bad("q: a query is needed (* for every article)"))
            }
        }
    }

    pub(crate) fn filters(&self) -> Result<Filters, WebError> {
        Ok(Filters {
            speakers: self.all("speaker"),
            topics: self.all("topic"),
            sources: self.all("source"),
            tags: self.all("tag"),
            dates: DateRange::parse(self.one("since"), self.one("until"))
                .map_err(|e| WebError::bad(e.0))?,
            ..Filters::default()
        })
    }

    /// `search`: q, filters, sort, limit (10), offset, all, snippets,
    /// with_body, collapse (false).
    pub(crate) fn search(&self, limits: &Limits) -> Result<(SearchRequest, bool), WebError> {
        self.only(&[
            "q",
            "sort",
            "limit",
            "offset",
            "all",
            "snippets",
            "with_body",
            "collapse",
        ])?;
        let mut req = SearchRequest::new(self.query(limits, None)?);
        req.filters = self.filters()?;
        req.sort = self.parsed("sort", SortOrder::Relevance)?;
        req.limit = if self.flag("all")? {
            None
        } else {
            Some(self.limit(10, limits)?)
        };
        req.offset = self.number("offset", 0)?;
        req.snippets = self.one("snippets").is_none() || self.flag("snippets")?;
        req.facets = true;
        req.collapse = self.flag("collapse")?;
        Ok((req, self.flag("with_body")?))
    }

    /// `quotes`: q, filters, limit (20), offset, all, collapse (true).
    pub(crate) fn quotes(&self, limits: &Limits) -> Result<QuoteRequest, WebError> {
        self.only(&["q", "limit", "offset", "all", "collapse"])?;
        Ok(QuoteRequest {
            query: self.query(limits, Some(Query::all()))?,
            filters: self.filters()?,
            limit: if self.flag("all")? {
                None
            } else {
                Some(self.limit(20, limits)?)
            },
            offset: self.number("offset", 0)?,
            collapse: self.one("collapse").is_none() || self.flag("collapse")?,
        })
    }

    /// `kwic`: q, filters, width (40), limit (100 articles), all, sort (date).
    pub(crate) fn kwic(&self, limits: &Limits) -> Result<KwicRequest, WebError> {
        self.only(&["q", "width", "limit", "all", "sort"])?;
        let mut req = KwicRequest::new(self.query(limits, None)?);
        req.filters = self.filters()?;
        req.width = self.number("width", 40)?;
        if req.width == 0 || req.width > 10_000 {
            return Err(WebError::bad("width must be between 1 and 10000"));
        }
        req.limit = if self.flag("all")? {
            None
        } else {
            Some(self.limit(100, limits)?)
        };
        req.sort = self.parsed("sort", SortOrder::DateAscending)?;
        Ok(req)
    }

    /// `speakers`: q (every article when absent), filters, limit (50), all,
    /// as_written, dedup (false).
    pub(crate) fn speakers(&self, limits: &Limits) -> Result<SpeakersRequest, WebError> {
        self.only(&["q", "limit", "all", "as_written", "dedup"])?;
        Ok(SpeakersRequest {
            query: self.query(limits, Some(Query::all()))?,
            filters: self.filters()?,
            limit: if self.flag("all")? {
                None
            } else {
                Some(self.limit(50, limits)?)
            },
            as_written: self.flag("as_written")?,
            dedup: self.flag("dedup")?,
        })
    }

    /// `trend`: q (repeatable, one series each), epu, by (month),
    /// normalize (epu with epu, else none), by_source, dedup (false), filters.
    pub(crate) fn trend(
        &self,
        limits: &Limits,
    ) -> Result<(TrendRequest, Option<TermSets>), WebError> {
        self.only(&["q", "by", "normalize", "by_source", "epu", "dedup"])?;
        let mut series = Vec::new();
        let mut term_sets = None;
        if self.flag("epu")? {
            let sets = TermSets::epu_default();
            let query = sets.to_query().map_err(WebError::bad)?;
            series.push(SeriesSpec {
                name: "EPU".into(),
                query: parse_query(&query, limits)?,
            });
            term_sets = Some(sets);
        }
        let queries = self.all("q");
        if queries.len() > limits.series {
            return Err(WebError::bad(format!(
                "{} queries: this server draws at most {} series",
                queries.len(),
                limits.series
            )));
        }
        for q in queries {
            series.push(SeriesSpec {
                query: parse_query(&q, limits)?,
                name: q,
            });
        }
        if series.is_empty() {
            return Err(WebError::bad(
                "q: give one or more queries (one series each), or epu=true",
            ));
        }
        let default_normalize = if term_sets.is_some() {
            Normalize::Epu
        } else {
            Normalize::None
        };
        let req = TrendRequest {
            series,
            filters: self.filters()?,
            period: self.parsed("by", Period::Month)?,
            by_source: self.flag("by_source")?,
            normalize: self.parsed("normalize", default_normalize)?,
            dedup: self.flag("dedup")?,
        };
        Ok((req, term_sets))
    }

    /// A copy with `name` set to `value` alone (links that change one
    /// thing: a facet, a page).
    pub(crate) fn with(&self, name: &str, value: &str) -> Params {
        let mut p = self.without(name);
        p.pairs.push((name.to_string(), value.to_string()));
        p
    }

    /// A copy with one more value of `name` (a facet adds a filter).
    pub(crate) fn adding(&self, name: &str, value: &str) -> Params {
        let mut p = self.clone();
        if !p.pairs.iter().any(|(k, v)| k == name && v == value) {
            p.pairs.push((name.to_string(), value.to_string()));
        }
        p
    }

    /// A copy without one value of `name`.
    pub(crate) fn removing(&self, name: &str, value: &str) -> Params {
        let mut p = self.clone();
        p.pairs.retain(|(k, v)| !(k == name && v == value));
        p
    }

    /// A copy without `name`.
    pub(crate) fn without(&self, name: &str) -> Params {
        let mut p = self.clone();
        p.pairs.retain(|(k, _)| k != name);
        p
    }

    /// The query string, empty values dropped (`a=1&b=2`).
    pub(crate) fn encode(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if !v.trim().is_empty() && k != "token" {
                s.append_pair(k, v);
            }
        }
        s.finish()
    }
}

/// Parses query text under the server's length limit.
pub(crate) fn parse_query(text: &str, limits: &Limits) -> Result<Query, WebError> {
    let chars = text.chars().count();
    if chars > limits.query_chars {
        return Err(WebError::bad(format!(
            "the query is {chars} characters long; this server takes at most {}",
            limits.query_chars
        )));
    }
    Ok(Query::parse(text)?)
}
