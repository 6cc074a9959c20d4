//! The project's query tree and filters compiled to tantivy queries.
//!
//! Words without a field search the title (weighted [`TITLE_BOOST`]) and
//! the body, or only text inside quotes ([`Scope::Quotes`]). Words are
//! analysed as the field they search: prose stemmed, names folded, codes
//! exact.

use super::in_quote::InQuoteQuery;
use super::schema::{self, Fields};
use crate::analysis;
use crate::search::query::Node;
use crate::search::{Filters, Scope};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// Title matches count this much more than body matches.
pub const TITLE_BOOST: f32 = 2.0;

/// Most body terms a prefix searched inside quotes expands to.
const MAX_PREFIX_TERMS: usize = 1024;

fn in_quote(terms: Vec<(usize, Term)>) -> Box<dyn Query> {
    Box::new(InQuoteQuery::phrase(terms, schema::QUOTE_SPANS))
}

/// Turns the query tree and filters into tantivy queries.
pub(crate) struct Compiler<'a> {
    fields: &'a Fields,
    searcher: &'a Searcher,
    prose: TextAnalyzer,
    name: TextAnalyzer,
    /// Field searched by words without a field (`None`: title and body).
    default_field: Option<&'static str>,
}

impl<'a> Compiler<'a> {
    /// A compiler for one searcher; `scope` says what words without a
    /// field search.
    pub(crate) fn new(fields: &'a Fields, searcher: &'a Searcher, scope: Scope) -> Compiler<'a> {
        Compiler {
            fields,
            searcher,
            prose: analysis::prose_analyzer(),
            name: analysis::name_analyzer(),
            default_field: match scope {
                Scope::Articles => None,
                Scope::Quotes => Some("quote"),
            },
        }
    }

    /// The query tree and the filters as one tantivy query.
    pub(crate) fn request(&self, query: &Node, filters: &Filters) -> Box<dyn Query> {
        self.restrict(self.compile(query), filters)
    }

    /// A compiled query restricted by the filters (which do not score).
    pub(crate) fn restrict(&self, text_query: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
        let filters = self.filters(filters);
        if filters.is_empty() {
            return text_query;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
        for f in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Compiles a query tree.
    pub(crate) fn compile(&self, node: &Node) -> Box<dyn Query> {
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
        let f = self.fields;
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
            Some("tag") => exact(f.tag, &analysis::fold_keyword(text)),
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
            let folded = analysis::fold_keyword(text);
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
        let f = self.fields;
        if prefix {
            let folded = analysis::fold_keyword(text);
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
        let f = self.fields;
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
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.body) else {
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
            .map(|t| Term::from_field_text(self.fields.body, &t))
            .collect()
    }

    /// One query per kind of filter given.
    fn filters(&self, filters: &Filters) -> Vec<Box<dyn Query>> {
        let f = self.fields;
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
                .map(|t| exact(f.tag, &analysis::fold_keyword(t)))
                .collect()));
        }
        let dates = &filters.dates;
        if !dates.is_open() {
            let term = |d: &DateTime<Utc>| {
                Term::from_field_date(
                    f.date,
                    tantivy::DateTime::from_timestamp_micros(d.timestamp_micros()),
                )
            };
            let lower = dates
                .since
                .as_ref()
                .map(|b| Bound::Included(term(&b.at)))
                .unwrap_or(Bound::Unbounded);
            let upper = dates
                .until
                .as_ref()
                .map(|b| Bound::Excluded(term(&b.at)))
                .unwrap_or(Bound::Unbounded);
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        out
    }
}

fn exact(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
