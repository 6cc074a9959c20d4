//! A word inside a quote: a tantivy query over the body's postings that keeps
//! only occurrences falling inside one of the article's quote spans.
//!
//! Quotes are not indexed a second time. Each article stores its quotes'
//! spans as word positions of the body (`quote_spans`, a multi-valued fast
//! field, one `start << 32 | end` per quote); a word is in a quote when one
//! of its body positions lies in a span. Indexing every quote as a text
//! field of its own cost a third of speaker attribution's indexing time on
//! Reuters-21578, where quotes are 40% of the text.
//!
//! Scores are BM25 over the body's statistics, counting only the
//! occurrences inside quotes.
//!
//! ```
//! use econ_archive::index::{span_value, InQuoteQuery};
//! use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, IndexRecordOption, FAST};
//! use tantivy::{doc, Index, Term, collector::Count};
//!
//! let mut b = Schema::builder();
//! let body = b.add_text_field("body", TextOptions::default().set_indexing_options(
//!     TextFieldIndexing::default().set_index_option(IndexRecordOption::WithFreqsAndPositions)));
//! let spans = b.add_u64_field("quote_spans", FAST);
//! let index = Index::create_in_ram(b.build());
//! let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
//! // "tariffs" is quoted in the first article (words 2..4), not in the second.
//! w.add_document(doc!(body => "Ross said tariffs work", spans => span_value(2, 4))).unwrap();
//! w.add_document(doc!(body => "tariffs rose, Ross said \"nothing\"", spans => span_value(4, 5))).unwrap();
//! w.commit().unwrap();
//! let searcher = index.reader().unwrap().searcher();
//! let q = InQuoteQuery::new(Term::from_field_text(body, "tariffs"), "quote_spans");
//! assert_eq!(searcher.search(&q, &Count).unwrap(), 1);
//! ```

use tantivy::columnar::Column;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// The fast-field value of a quote covering body word positions `start..end`.
pub fn span_value(start: u32, end: u32) -> u64 {
    (u64::from(start) << 32) | u64::from(end)
}

/// The body word positions `start..end` of a `quote_spans` value.
fn span_bounds(value: u64) -> (u32, u32) {
    ((value >> 32) as u32, value as u32)
}

/// Matches documents where a word or a phrase (terms of one text field
/// indexed with positions) occurs inside one of the spans of the `spans`
/// fast field.
#[derive(Clone, Debug)]
pub struct InQuoteQuery {
    /// Terms with their offsets within the phrase (one term: offset 0).
    terms: Vec<(usize, Term)>,
    spans: String,
}

impl InQuoteQuery {
    /// One word inside a quote.
    pub fn new(term: Term, spans_field: &str) -> InQuoteQuery {
        InQuoteQuery::phrase(vec![(0, term)], spans_field)
    }

    /// A phrase inside one quote: terms at their offsets (as tantivy's
    /// `PhraseQuery::new_with_offset`). Panics on an empty list or terms of
    /// different fields.
    pub fn phrase(mut terms: Vec<(usize, Term)>, spans_field: &str) -> InQuoteQuery {
        assert!(!terms.is_empty(), "a phrase needs a term");
        let field = terms[0].1.field();
        assert!(terms.iter().all(|(_, t)| t.field() == field), "one field");
        terms.sort_by_key(|(o, _)| *o);
        InQuoteQuery {
            terms,
            spans: spans_field.to_string(),
        }
    }
}

impl Query for InQuoteQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let terms: Vec<Term> = self.terms.iter().map(|(_, t)| t.clone()).collect();
                Bm25Weight::for_terms(statistics_provider, &terms)?
            }
            // Any weight will do: scores are not asked for.
            EnableScoring::Disabled { .. } => Bm25Weight::for_one_term(1, 1, 1.0),
        };
        Ok(Box::new(InQuoteWeight {
            query: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, t) in &self.terms {
            visitor(t, true);
        }
    }
}

struct InQuoteWeight {
    query: InQuoteQuery,
    bm25: Bm25Weight,
}

impl InQuoteWeight {
    fn in_quote_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<InQuoteScorer>> {
        let field = self.query.terms[0].1.field();
        let Some(spans) = reader.fast_fields().column_opt::<u64>(&self.query.spans)? else {
            return Ok(None);
        };
        let inverted = reader.inverted_index(field)?;
        let mut postings = Vec::with_capacity(self.query.terms.len());
        for (offset, term) in &self.query.terms {
            match inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push((*offset as u32, p)),
                None => return Ok(None),
            }
        }
        // The rarest term leads: the others only seek to its documents.
        postings.sort_by_key(|(_, p)| p.doc_freq());
        let mut scorer = InQuoteScorer {
            postings,
            spans,
            norms: reader.get_fieldnorms_reader(field)?,
            bm25: self.bm25.boost_by(boost),
            positions: Vec::new(),
            spans_of_doc: Vec::new(),
            in_quote: 0,
        };
        scorer.settle();
        Ok(Some(scorer))
    }
}

impl Weight for InQuoteWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.in_quote_scorer(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_found = || {
            TantivyError::InvalidArgument(format!(
                "document {doc} has no {:?} in a quote",
                self.query.terms
            ))
        };
        let mut scorer = self.in_quote_scorer(reader, 1.0)?.ok_or_else(not_found)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(not_found());
        }
        let mut e = Explanation::new("occurrences inside quotes, BM25", scorer.score());
        e.add_detail(
            self.bm25
                .explain(scorer.norms.fieldnorm_id(doc), scorer.in_quote),
        );
        Ok(e)
    }
}

struct InQuoteScorer {
    /// Each term's offset in the phrase and postings, rarest first.
    postings: Vec<(u32, SegmentPostings)>,
    spans: Column<u64>,
    norms: FieldNormReader,
    bm25: Bm25Weight,
    positions: Vec<Vec<u32>>,
    /// The current document's quote spans (a buffer kept across documents).
    spans_of_doc: Vec<(u32, u32)>,
    /// Occurrences inside quotes in the current document.
    in_quote: u32,
}

impl InQuoteScorer {
    /// Moves forward from the leading posting's current document to the
    /// first document where every term is present and the phrase occurs
    /// inside a quote.
    fn settle(&mut self) -> DocId {
        'docs: loop {
            let doc = self.postings[0].1.doc();
            if doc == TERMINATED {
                return doc;
            }
            for (_, p) in &mut self.postings[1..] {
                let at = if p.doc() < doc { p.seek(doc) } else { p.doc() };
                if at > doc {
                    self.postings[0].1.seek(at);
                    continue 'docs;
                }
            }
            self.in_quote = self.count_in_quotes(doc);
            if self.in_quote > 0 {
                return doc;
            }
            self.postings[0].1.advance();
        }
    }

    /// How many times the phrase starts inside a quote and ends in the same one.
    fn count_in_quotes(&mut self, doc: DocId) -> u32 {
        self.spans_of_doc.clear();
        self.spans_of_doc
            .extend(self.spans.values_for_doc(doc).map(span_bounds));
        if self.spans_of_doc.is_empty() {
            return 0;
        }
        let spans = &self.spans_of_doc;
        self.positions.resize_with(self.postings.len(), Vec::new);
        for ((_, p), out) in self.postings.iter_mut().zip(&mut self.positions) {
            p.positions(out);
        }
        let first = self.postings.iter().map(|(o, _)| *o).min().unwrap_or(0);
        let last = self.postings.iter().map(|(o, _)| *o).max().unwrap_or(0);
        let (lead_offset, _) = self.postings[0];
        let mut n = 0;
        for &lead in &self.positions[0] {
            // Where the phrase's first word would be.
            let Some(start) = (lead + first).checked_sub(lead_offset) else {
                continue;
            };
            let end = start + (last - first);
            let inside = spans.iter().any(|&(s, e)| s <= start && end < e);
            let whole = self.postings[1..]
                .iter()
                .zip(&self.positions[1..])
                .all(|((o, _), ps)| ps.binary_search(&(start + o - first)).is_ok());
            if inside && whole {
                n += 1;
            }
        }
        n
    }
}

impl DocSet for InQuoteScorer {
    fn advance(&mut self) -> DocId {
        self.postings[0].1.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.postings[0].1.doc() < target {
            self.postings[0].1.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.postings[0].1.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings[0].1.size_hint()
    }
}

impl Scorer for InQuoteScorer {
    fn score(&mut self) -> Score {
        let norm = self.norms.fieldnorm_id(self.doc());
        self.bm25.score(norm, self.in_quote)
    }
}
