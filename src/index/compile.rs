//! The project's query tree and filters compiled to tantivy queries.
//!
//! Words without a field search the title (weighted [`TITLE_BOOST`]) and
//! the body, or only text inside quotes ([`Scope::Quotes`]). Words are
//! analysed as the field they search: prose stemmed, names folded, codes
//! exact.

use super::in_quote::InQuoteQuery;
use super::schema::{self, Fields};
use crate::analysis;
use crate::error::Error;
use crate::search::query::{Node, WordPattern};
use crate::search::{Filters, Scope, TITLE_BOOST};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// Most different words a pattern searched inside quotes may stand for:
/// each becomes a query of its own over the quote spans.
pub(crate) const MAX_PATTERN_WORDS: usize = 10_000;

/// What a leaf of the query tree asks of a field.
#[derive(Clone, Copy)]
enum Leaf<'q> {
    Word(&'q str),
    Phrase(&'q str, u32),
    Pattern(&'q WordPattern),
}

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
    pub(crate) fn request(&self, query: &Node, filters: &Filters) -> Result<Box<dyn Query>, Error> {
        Ok(self.restrict(self.compile(query)?, filters))
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
    pub(crate) fn compile(&self, node: &Node) -> Result<Box<dyn Query>, Error> {
        Ok(match node {
            Node::All => Box::new(AllQuery),
            Node::Word { field, text } => self.leaf(field.as_deref(), Leaf::Word(text))?,
            Node::Phrase { field, text, slop } => {
                self.leaf(field.as_deref(), Leaf::Phrase(text, *slop))?
            }
            Node::Pattern { field, pattern } => {
                self.leaf(field.as_deref(), Leaf::Pattern(pattern))?
            }
            Node::Boost { node, factor } => Box::new(BoostQuery::new(self.compile(node)?, *factor)),
            Node::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(parts.len());
                for p in parts {
                    clauses.push(match p {
                        Node::Not(inner) => (Occur::MustNot, self.compile(inner)?),
                        _ => (Occur::Must, self.compile(p)?),
                    });
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(parts.len());
                for p in parts {
                    clauses.push((Occur::Should, self.compile(p)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.compile(inner)?),
            ])),
        })
    }

    fn leaf(&self, field: Option<&str>, leaf: Leaf) -> Result<Box<dyn Query>, Error> {
        let f = self.fields;
        Ok(match field.or(self.default_field) {
            None => Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        self.prose_query(f.title, f.title_words, leaf)?,
                        TITLE_BOOST,
                    )),
                ),
                (Occur::Should, self.prose_query(f.body, f.body_words, leaf)?),
            ])),
            Some("title") => self.prose_query(f.title, f.title_words, leaf)?,
            Some("body") => self.prose_query(f.body, f.body_words, leaf)?,
            Some("quote") => self.quote_query(leaf)?,
            Some(name @ ("speaker" | "author" | "source")) => {
                let field = match name {
                    "speaker" => f.speaker,
                    "author" => f.author,
                    _ => f.source,
                };
                match leaf {
                    Leaf::Pattern(p) => pattern_query(field, p)?,
                    Leaf::Word(t) | Leaf::Phrase(t, _) => {
                        self.text_query(field, &self.name, t, true, 0)
                    }
                }
            }
            Some(code @ ("topic" | "tag" | "id")) => {
                let field = match code {
                    "topic" => f.topic,
                    "tag" => f.tag,
                    _ => f.id,
                };
                match leaf {
                    Leaf::Pattern(p) => pattern_query(field, p)?,
                    Leaf::Word(t) | Leaf::Phrase(t, _) => match code {
                        "topic" => exact(field, &t.trim().to_lowercase()),
                        "tag" => exact(field, &analysis::fold_keyword(t)),
                        _ => exact(field, t.trim()),
                    },
                }
            }
            Some(_) => Box::new(EmptyQuery),
        })
    }

    /// A leaf over a prose field: words and phrases analysed (stemmed) as
    /// the field, patterns over the field's words as written.
    fn prose_query(&self, prose: Field, words: Field, leaf: Leaf) -> Result<Box<dyn Query>, Error> {
        Ok(match leaf {
            Leaf::Word(t) => self.text_query(prose, &self.prose, t, false, 0),
            Leaf::Phrase(t, slop) => self.text_query(prose, &self.prose, t, true, slop),
            Leaf::Pattern(p) => pattern_query(words, p)?,
        })
    }

    /// Words of `text` as analysed for `field`: one term or a phrase.
    fn text_query(
        &self,
        field: Field,
        analyzer: &TextAnalyzer,
        text: &str,
        phrase: bool,
        slop: u32,
    ) -> Box<dyn Query> {
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
                let mut q = PhraseQuery::new_with_offset(terms);
                q.set_slop(slop);
                Box::new(q)
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
    /// text); a phrase must stand inside one quote. Loose words, and the
    /// words of a phrase with slop, need not share one quote here; `quotes`
    /// checks each quote by itself.
    fn quote_query(&self, leaf: Leaf) -> Result<Box<dyn Query>, Error> {
        let (text, phrase) = match leaf {
            Leaf::Pattern(p) => return self.quoted_pattern(p),
            Leaf::Word(t) => (t, false),
            Leaf::Phrase(t, slop) => (t, slop == 0),
        };
        let mut analyzer = self.prose.clone();
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(tok) = stream.next() {
            words.push((tok.position, tok.text.clone()));
        }
        Ok(match words.len() {
            0 => Box::new(EmptyQuery),
            // One word; or several from one written word ("U.S.-China") or a
            // quoted phrase, which stand together as in the body.
            n if n == 1
                || phrase
                || (!matches!(leaf, Leaf::Phrase(..)) && !text.contains(char::is_whitespace)) =>
            {
                self.quoted_words(&words)
            }
            _ => Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| (Occur::Must, self.quoted_words(std::slice::from_ref(w))))
                    .collect(),
            )),
        })
    }

    /// A pattern inside quotes: the body words that fit it, each by its stem
    /// within a quote span (the stem may also stand for words that do not
    /// fit; `quotes` checks each quote's own words).
    fn quoted_pattern(&self, pattern: &WordPattern) -> Result<Box<dyn Query>, Error> {
        let words = self.words_fitting(self.fields.body_words, pattern)?;
        let stems: BTreeSet<String> = words.iter().map(|w| analysis::stem_english(w)).collect();
        Ok(Box::new(BooleanQuery::new(
            stems
                .iter()
                .map(|s| (Occur::Should, self.quoted_words(&[(0, s.clone())])))
                .collect(),
        )))
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

    /// The words of `field` (across the index's segments) that fit a
    /// pattern; more than [`MAX_PATTERN_WORDS`] is an error, not a cut.
    fn words_fitting(
        &self,
        field: Field,
        pattern: &WordPattern,
    ) -> Result<BTreeSet<String>, Error> {
        // Only words starting with the pattern's leading letters can fit a
        // prefix or a wildcard; fuzzy words may differ anywhere.
        let lead: String = match pattern {
            WordPattern::Prefix(p) => p.clone(),
            WordPattern::Wildcard(w) => w.chars().take_while(|c| !matches!(c, '*' | '?')).collect(),
            WordPattern::Fuzzy { .. } => String::new(),
        };
        let mut found: BTreeSet<String> = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().range().ge(lead.as_bytes()).into_stream()?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(lead.as_bytes()) {
                    break;
                }
                let Ok(word) = std::str::from_utf8(key) else {
                    continue;
                };
                if pattern.matches(word) && !found.contains(word) {
                    if found.len() == MAX_PATTERN_WORDS {
                        return Err(Error::Request(format!(
                            "`{pattern}` stands for more than {MAX_PATTERN_WORDS} different words inside quotes: make it longer"
                        )));
                    }
                    found.insert(word.to_string());
                }
            }
        }
        Ok(found)
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
        if !filters.speakers.is_empty() || !filters.speaker_names.is_empty() {
            let by_words = filters
                .speakers
                .iter()
                .map(|s| self.text_query(f.speaker, &self.name, s, true, 0));
            let by_name = filters
                .speaker_names
                .iter()
                .map(|s| exact(f.speaker_key, s));
            out.push(any(by_words.chain(by_name).collect()));
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
                .map(|s| self.text_query(f.source, &self.name, s, true, 0))
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

/// The words of `field` that fit a pattern, matched by an automaton over the
/// term dictionary.
fn pattern_query(field: Field, pattern: &WordPattern) -> Result<Box<dyn Query>, Error> {
    Ok(match pattern {
        WordPattern::Prefix(p) => Box::new(FuzzyTermQuery::new_prefix(
            Term::from_field_text(field, p),
            0,
            true,
        )),
        WordPattern::Fuzzy { word, distance } => Box::new(FuzzyTermQuery::new(
            Term::from_field_text(field, word),
            *distance,
            true,
        )),
        WordPattern::Wildcard(_) => Box::new(RegexQuery::from_pattern(&pattern.regex(), field)?),
    })
}

fn exact(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
