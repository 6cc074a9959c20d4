//! Quotes as results of their own: which quotes of an article match a query,
//! where the matching words are, and how well each quote matches.
//!
//! The backend finds the articles whose quotes hold the query's words
//! ([`Scope::Quotes`]); this module then looks inside each article's quotes
//! with the same analyser, so a quote is returned only if it satisfies the
//! query by itself. Every matching article is read, so the total is exact.

use super::backend::Backend;
use super::query::{Node, Query, WordPattern};
use super::request::{Filters, Scope, SearchRequest, SortOrder};
use crate::analysis;
use crate::article::{ArticleRef, Quote};
use crate::error::Error;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;
use tantivy::tokenizer::TextAnalyzer;

/// A search for quotes.
#[derive(Debug, Clone)]
pub struct QuoteRequest {
    /// Words without a field search the quoted text; other fields and the
    /// filters narrow the articles. `filters.speakers` also keeps only the
    /// quotes of those speakers.
    pub query: Query,
    pub filters: Filters,
    /// Quotes to return; `None` for all of them.
    pub limit: Option<usize>,
    pub offset: usize,
}

/// One matching quote.
#[derive(Debug, Clone)]
pub struct QuoteHit {
    /// 1-based position among all matching quotes.
    pub rank: usize,
    pub score: f32,
    pub quote: Quote,
    /// Byte ranges of `quote.text` that matched.
    pub highlights: Vec<Range<usize>>,
    pub article: Arc<ArticleRef>,
}

/// The matching quotes of a request: the exact total and the page asked for.
#[derive(Debug, Clone, Default)]
pub struct QuoteList {
    pub total: usize,
    pub hits: Vec<QuoteHit>,
}

/// Finds the quotes matching a request, ranked: the quote's own match
/// (idf-weighted matched words over its length), nudged by its article's
/// score; ties by article id, then position.
pub fn find_quotes(backend: &dyn Backend, req: &QuoteRequest) -> Result<QuoteList, Error> {
    let mut search = SearchRequest::new(req.query.clone());
    search.filters = req.filters.clone();
    search.scope = Scope::Quotes;
    search.sort = SortOrder::Relevance;
    search.limit = None;
    search.snippets = false;
    let articles = backend.search(&search)?;

    let mut matcher = QuoteMatcher::new(HashMap::new());
    let stems = matcher.stems(req.query.root());
    let stats = backend.term_stats(&stems)?;
    let n_docs = stats.articles.max(1) as f32;
    let idf: HashMap<String, f32> = stems
        .into_iter()
        .zip(stats.doc_freqs)
        .map(|(s, df)| {
            let df = df as f32;
            (s, (1.0 + (n_docs - df + 0.5) / (df + 0.5)).ln())
        })
        .collect();
    let mut matcher = QuoteMatcher::new(idf);
    let mut hits: Vec<QuoteHit> = Vec::new();
    for hit in articles.hits {
        let hit = hit?;
        let mut article_ref: Option<Arc<ArticleRef>> = None;
        for q in &hit.article.quotes {
            let wanted = quote_speaker_wanted(q.speaker.as_deref(), &req.filters)
                || q.speakers
                    .iter()
                    .any(|s| quote_speaker_wanted(Some(s), &req.filters));
            if !wanted {
                continue;
            }
            if let Some((score, highlights)) = matcher.match_quote(req.query.root(), &q.text) {
                let article = article_ref
                    .get_or_insert_with(|| Arc::new(ArticleRef::of(&hit.article)))
                    .clone();
                hits.push(QuoteHit {
                    rank: 0,
                    score: score * (1.0 + hit.score.ln_1p() * 0.1),
                    quote: q.clone(),
                    highlights,
                    article,
                });
            }
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.article.id.cmp(&b.article.id))
            .then_with(|| a.quote.start.cmp(&b.quote.start))
    });
    let total = hits.len();
    let end = req
        .limit
        .map_or(total, |n| req.offset.saturating_add(n).min(total));
    let start = req.offset.min(end);
    let mut page: Vec<QuoteHit> = hits.drain(start..end).collect();
    for (i, h) in page.iter_mut().enumerate() {
        h.rank = start + i + 1;
    }
    Ok(QuoteList { total, hits: page })
}

/// The words of a text in order: (stem, word as written and folded, byte range).
struct Tokens {
    words: Vec<(String, String, Range<usize>)>,
}

impl Tokens {
    fn of(text: &str, analyzer: &mut TextAnalyzer) -> Tokens {
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(t) = stream.next() {
            words.push((
                analysis::stem_memoized(&t.text),
                t.text.clone(),
                t.offset_from..t.offset_to,
            ));
        }
        Tokens { words }
    }

    fn stems(text: &str, analyzer: &mut TextAnalyzer) -> Vec<String> {
        Tokens::of(text, analyzer)
            .words
            .into_iter()
            .map(|w| w.0)
            .collect()
    }
}

/// A query tree made ready for matching many quotes: the stems of every
/// word and phrase computed once, and an OR of single words turned into one
/// set, so a query of thousands of words costs a look-up per quote word.
enum Compiled {
    /// Matches every quote (no condition on quote text).
    True,
    /// Stems in order, with the slop allowed between them.
    Sequence {
        stems: Vec<String>,
        slop: usize,
    },
    /// Any of these single stems.
    AnyStem(HashSet<String>),
    Pattern(WordPattern),
    /// The parts that must match and those that must not.
    And(Vec<Compiled>, Vec<Compiled>),
    Or(Vec<Compiled>),
    Not(Box<Compiled>),
}

impl Compiled {
    fn of(node: &Node, prose: &mut TextAnalyzer) -> Compiled {
        match node {
            Node::All => Compiled::True,
            n if !is_quote_field(n) => Compiled::True,
            Node::Pattern { pattern, .. } => Compiled::Pattern(pattern.clone()),
            Node::Boost { node, .. } => Compiled::of(node, prose),
            Node::Word { text, .. } | Node::Phrase { text, .. } => {
                let slop = match node {
                    Node::Phrase { slop, .. } => *slop as usize,
                    _ => 0,
                };
                let stems = Tokens::stems(text, prose);
                if stems.is_empty() {
                    Compiled::True
                } else {
                    Compiled::Sequence { stems, slop }
                }
            }
            Node::And(v) => {
                let (mut must, mut must_not) = (Vec::new(), Vec::new());
                for n in v {
                    match n {
                        Node::Not(inner) if is_quote_field(inner) => {
                            must_not.push(Compiled::of(inner, prose))
                        }
                        Node::Not(_) => {}
                        _ => must.push(Compiled::of(n, prose)),
                    }
                }
                Compiled::And(must, must_not)
            }
            Node::Or(v) => {
                let parts: Vec<Compiled> = v.iter().map(|n| Compiled::of(n, prose)).collect();
                let mut single = HashSet::new();
                let mut rest = Vec::new();
                for p in parts {
                    match p {
                        Compiled::Sequence { mut stems, .. } if stems.len() == 1 => {
                            single.insert(stems.remove(0));
                        }
                        other => rest.push(other),
                    }
                }
                if !single.is_empty() {
                    rest.push(Compiled::AnyStem(single));
                }
                Compiled::Or(rest)
            }
            Node::Not(inner) => {
                if is_quote_field(inner) {
                    Compiled::Not(Box::new(Compiled::of(inner, prose)))
                } else {
                    Compiled::True
                }
            }
        }
    }
}

/// Matches parsed queries against quote texts.
pub struct QuoteMatcher {
    /// Words with the prose analyser's boundaries, unstemmed (stemmed as
    /// needed, so patterns see the words as written).
    prose: TextAnalyzer,
    /// Inverse document frequency per stem (rarer words weigh more).
    idf: HashMap<String, f32>,
    /// The query last matched, compiled (the same query meets every quote).
    compiled: Option<(Node, Compiled)>,
}

impl QuoteMatcher {
    /// `idf` may be empty; then every word weighs the same.
    pub fn new(idf: HashMap<String, f32>) -> QuoteMatcher {
        QuoteMatcher {
            prose: analysis::name_analyzer(),
            idf,
            compiled: None,
        }
    }

    /// The stems a query asks for in quotes (for idf look-ups).
    pub fn stems(&mut self, node: &Node) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_stems(node, &mut out);
        out
    }

    fn collect_stems(&mut self, node: &Node, out: &mut Vec<String>) {
        match node {
            Node::Word { text, .. } | Node::Phrase { text, .. } => {
                if is_quote_field(node) {
                    out.extend(Tokens::stems(text, &mut self.prose));
                }
            }
            Node::And(v) | Node::Or(v) => v.iter().for_each(|n| self.collect_stems(n, out)),
            Node::Boost { node, .. } => self.collect_stems(node, out),
            Node::Not(_) | Node::All | Node::Pattern { .. } => {}
        }
    }

    /// Scores a quote against the query; `None` when it does not match.
    pub fn match_quote(&mut self, node: &Node, text: &str) -> Option<(f32, Vec<Range<usize>>)> {
        if self.compiled.as_ref().is_none_or(|(n, _)| n != node) {
            let compiled = Compiled::of(node, &mut self.prose);
            self.compiled = Some((node.clone(), compiled));
        }
        let tokens = Tokens::of(text, &mut self.prose);
        let mut marks = Vec::new();
        let ok = match &self.compiled {
            Some((_, compiled)) => eval(compiled, &tokens, &mut marks),
            None => false,
        };
        if !ok {
            return None;
        }
        marks.sort_by_key(|r| (r.start, r.end));
        marks.dedup();
        let score: f32 = marks
            .iter()
            .filter_map(|r| text.get(r.clone()))
            .map(|w| {
                let stem = Tokens::stems(w, &mut self.prose)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                self.idf.get(&stem).copied().unwrap_or(1.0)
            })
            .sum();
        // Shorter quotes with the same matches rank higher (as BM25's length norm).
        let norm = 1.0 + (tokens.words.len().max(1) as f32).ln();
        Some((score.max(0.01) / norm, marks))
    }
}

/// Does a compiled query match a quote's words? Marks what matched.
fn eval(c: &Compiled, t: &Tokens, marks: &mut Vec<Range<usize>>) -> bool {
    match c {
        Compiled::True => true,
        Compiled::Pattern(pattern) => {
            let before = marks.len();
            marks.extend(
                t.words
                    .iter()
                    .filter(|(_, w, _)| pattern.matches(w))
                    .map(|(_, _, r)| r.clone()),
            );
            marks.len() > before
        }
        Compiled::AnyStem(set) => {
            let before = marks.len();
            marks.extend(
                t.words
                    .iter()
                    .filter(|(s, _, _)| set.contains(s))
                    .map(|(_, _, r)| r.clone()),
            );
            marks.len() > before
        }
        Compiled::Sequence { stems, slop } => {
            let mut found = false;
            for i in 0..t.words.len() {
                if let Some(last) = phrase_at(&t.words, i, stems, *slop) {
                    marks.push(t.words[i].2.start..t.words[last].2.end);
                    found = true;
                }
            }
            found
        }
        Compiled::And(must, must_not) => {
            let mut all = true;
            for m in must {
                all &= eval(m, t, marks);
            }
            let mut ignore = Vec::new();
            all && !must_not.iter().any(|n| eval(n, t, &mut ignore))
        }
        Compiled::Or(parts) => {
            let mut any = false;
            for p in parts {
                any |= eval(p, t, marks);
            }
            any
        }
        Compiled::Not(inner) => !eval(inner, t, &mut Vec::new()),
    }
}

/// The index of the last word of `want` found in order from word `i`, with
/// at most `slop` other words between them in all.
fn phrase_at(
    words: &[(String, String, Range<usize>)],
    i: usize,
    want: &[String],
    slop: usize,
) -> Option<usize> {
    if words.get(i)?.0 != want[0] {
        return None;
    }
    let (mut last, mut left) = (i, slop);
    for w in &want[1..] {
        let j = (last + 1..=last + 1 + left)
            .take_while(|&j| j < words.len())
            .find(|&j| words[j].0 == *w)?;
        left -= j - last - 1;
        last = j;
    }
    Some(last)
}

/// Does this node search quote text (no field, or `quote:`)?
fn is_quote_field(node: &Node) -> bool {
    match node {
        Node::Word { field, .. } | Node::Phrase { field, .. } | Node::Pattern { field, .. } => {
            matches!(field.as_deref(), None | Some("quote"))
        }
        Node::And(v) | Node::Or(v) => v.iter().any(is_quote_field),
        Node::Not(n) | Node::Boost { node: n, .. } => is_quote_field(n),
        Node::All => false,
    }
}

/// Is a quote's speaker one the filters ask for: one of the exact
/// `speaker_names`, or a name matching one of `speakers` by its words?
fn quote_speaker_wanted(speaker: Option<&str>, filters: &Filters) -> bool {
    if filters.speaker_names.is_empty() {
        return speaker_matches(speaker, &filters.speakers);
    }
    let Some(sp) = speaker else {
        return false;
    };
    filters.speaker_names.iter().any(|n| n == sp)
        || (!filters.speakers.is_empty() && speaker_matches(speaker, &filters.speakers))
}

/// Does a quote's speaker match one of the `--speaker` names? A name matches
/// when all its words occur in the speaker's name ("mnuchin", "Steven Mnuchin").
pub fn speaker_matches(speaker: Option<&str>, wanted: &[String]) -> bool {
    if wanted.is_empty() {
        return true;
    }
    let Some(sp) = speaker else {
        return false;
    };
    let words = |s: &str| -> Vec<String> {
        let mut a = analysis::name_analyzer();
        let mut st = a.token_stream(s);
        let mut v = Vec::new();
        while let Some(t) = st.next() {
            v.push(t.text.clone());
        }
        v
    };
    let have = words(sp);
    wanted
        .iter()
        .any(|w| words(w).iter().all(|x| have.contains(x)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    #[test]
    fn a_quote_must_satisfy_the_query_itself() {
        let mut m = QuoteMatcher::new(HashMap::new());
        let q = parse("overcapacity china").unwrap();
        assert!(m
            .match_quote(&q, "China's overcapacity floods markets")
            .is_some());
        assert!(m
            .match_quote(&q, "Overcapacity is a global problem")
            .is_none());
        let q = parse("\"interest rates\" -cut").unwrap();
        let (_, marks) = m.match_quote(&q, "Interest rates will rise.").unwrap();
        assert_eq!(marks, vec![0..14]);
        assert!(m.match_quote(&q, "We will cut interest rates.").is_none());
    }

    #[test]
    fn speaker_filter_accepts_surname_or_full_name() {
        let w = vec!["mnuchin".to_string()];
        assert!(speaker_matches(Some("Steven Mnuchin"), &w));
        assert!(!speaker_matches(Some("Wilbur Ross"), &w));
        assert!(!speaker_matches(None, &w));
        assert!(speaker_matches(
            Some("Steven Mnuchin"),
            &["Steven MNUCHIN".into()]
        ));
    }
}
