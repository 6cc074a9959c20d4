//! Snippets: the best passage of an article body for a query, with the
//! matched words marked.
//!
//! It picks the same passage as tantivy's `SnippetGenerator` (windows of at
//! most `max_chars`, scored by the summed weight `1 / (1 + doc_freq)` of the
//! query terms they contain, the first best window wins) but is several times
//! faster: the English stemmer, which dominates the cost, only runs on words
//! that could stem to a query term. A Snowball English stem keeps the word's
//! first letters (the suffix steps rewrite only the end; `y`/`i` swap), so a
//! word whose first letters differ from every term's cannot match it.
//!
//! ```
//! use econ_archive::search::highlight::Highlighter;
//! let mut terms = std::collections::BTreeMap::new();
//! terms.insert("tariff".to_string(), 1.0);
//! let h = Highlighter::new(terms, 60);
//! let s = h.snippet("The minister said tariffs on steel would stay.");
//! assert_eq!(&s.text[s.highlights[0].clone()], "tariffs");
//! ```

use crate::analysis::{self, stem_english};
use crate::search::query::{Node, WordPattern};
use std::collections::BTreeMap;
use std::ops::Range;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// A passage of a body with the byte ranges (into `text`) of matched words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// Finds snippets for one query.
#[derive(Clone)]
pub struct Highlighter {
    /// Stemmed query terms with their weights.
    terms: BTreeMap<String, f32>,
    /// The leading letters any word matching some term must have.
    prefixes: Vec<Vec<char>>,
    /// Patterns over the words as written (`tariff*`), and the weight of a
    /// word that fits one.
    patterns: Vec<WordPattern>,
    pattern_weight: f32,
    /// The prose analyser without its stemmer (same token boundaries).
    words: TextAnalyzer,
    max_chars: usize,
}

/// What a query looks for in a body: the stems of its words and phrases and
/// its word patterns, without the parts under NOT and those restricted to
/// another field. These, and only these, are marked in a snippet.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BodyWords {
    pub stems: Vec<String>,
    pub patterns: Vec<WordPattern>,
}

impl BodyWords {
    /// The positive body words of a query tree.
    pub fn of(node: &Node) -> BodyWords {
        let mut out = BodyWords::default();
        let mut prose = analysis::prose_analyzer();
        out.collect(node, &mut prose);
        out.stems.sort();
        out.stems.dedup();
        out
    }

    fn collect(&mut self, node: &Node, prose: &mut TextAnalyzer) {
        let in_body = |f: &Option<String>| matches!(f.as_deref(), None | Some("body"));
        match node {
            Node::Word { field, text } | Node::Phrase { field, text, .. } if in_body(field) => {
                self.stems.extend(analysis::words_of(prose, text));
            }
            Node::Pattern { field, pattern }
                if in_body(field) && !self.patterns.contains(pattern) =>
            {
                self.patterns.push(pattern.clone());
            }
            Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| self.collect(p, prose)),
            Node::Boost { node, .. } => self.collect(node, prose),
            _ => {}
        }
    }
}

/// How many leading letters of a stem a matching word is sure to share.
const PREFIX_LETTERS: usize = 3;

/// Longest snippet of a search hit, in bytes of body text.
pub const SNIPPET_CHARS: usize = 220;

impl Highlighter {
    /// The highlighter of a search's snippets: the words the query looks
    /// for in the body, weighted as tantivy's snippet generator weighs them
    /// (rarer words count for more), from the backend's document
    /// frequencies of their stems (`doc_freqs`, one per stem, in order).
    pub fn for_query<E>(
        query: &Node,
        doc_freqs: impl FnOnce(&[String]) -> Result<Vec<u64>, E>,
    ) -> Result<Highlighter, E> {
        let wanted = BodyWords::of(query);
        let dfs = doc_freqs(&wanted.stems)?;
        let terms: BTreeMap<String, f32> = wanted
            .stems
            .into_iter()
            .zip(dfs)
            .filter(|(_, df)| *df > 0)
            .map(|(s, df)| (s, 1.0 / (1.0 + df as f32)))
            .collect();
        Ok(Highlighter::new(terms, SNIPPET_CHARS).with_patterns(wanted.patterns))
    }

    /// `terms` are indexed (stemmed) body terms with their weights.
    pub fn new(terms: BTreeMap<String, f32>, max_chars: usize) -> Highlighter {
        let prefixes = terms
            .keys()
            .map(|t| {
                let n = t.chars().count().saturating_sub(1).min(PREFIX_LETTERS);
                t.chars().take(n).collect()
            })
            .collect();
        // The prose analyser minus its stemmer (same token boundaries).
        let words = analysis::name_analyzer();
        Highlighter {
            terms,
            prefixes,
            patterns: Vec::new(),
            pattern_weight: 0.0,
            words,
            max_chars,
        }
    }

    /// Also marks words that fit these patterns. Each counts as much as the
    /// most common of the query's words (1 when it has none): how many
    /// articles hold a pattern's words is not known here.
    pub fn with_patterns(mut self, patterns: Vec<WordPattern>) -> Highlighter {
        self.pattern_weight = self.terms.values().copied().reduce(f32::min).unwrap_or(1.0);
        self.patterns = patterns;
        self
    }

    /// Could `word` (lower-cased, folded) stem to one of the terms?
    fn may_match(&self, word: &str) -> bool {
        self.prefixes.iter().any(|p| {
            let mut w = word.chars();
            p.iter().all(|&pc| match w.next() {
                Some(wc) => wc == pc || (wc == 'y' && pc == 'i') || (wc == 'i' && pc == 'y'),
                None => false,
            })
        })
    }

    fn weight_of(&self, word: &str) -> Option<f32> {
        if self.may_match(word) {
            if let Some(w) = self.terms.get(&stem_english(word)) {
                return Some(*w);
            }
        }
        if self.patterns.iter().any(|p| p.matches(word)) {
            return Some(self.pattern_weight);
        }
        None
    }

    /// The best passage of `text`; empty when no term occurs in it.
    pub fn snippet(&self, text: &str) -> Snippet {
        if self.terms.is_empty() && self.patterns.is_empty() {
            return Snippet::default();
        }
        let mut words = self.words.clone();
        let mut stream = words.token_stream(text);
        let mut best: Option<Fragment> = None;
        let mut current = Fragment::new(0);
        while let Some(tok) = stream.next() {
            if tok.offset_to - current.start > self.max_chars {
                current.offer_to(&mut best);
                current = Fragment::new(tok.offset_from);
            }
            current.stop = tok.offset_to;
            if let Some(w) = self.weight_of(&tok.text) {
                current.score += w;
                current.highlights.push(tok.offset_from..tok.offset_to);
            }
        }
        current.offer_to(&mut best);
        match best {
            Some(f) => Snippet {
                text: text[f.start..f.stop].to_string(),
                highlights: f
                    .highlights
                    .iter()
                    .map(|r| r.start - f.start..r.end - f.start)
                    .collect(),
            },
            None => Snippet::default(),
        }
    }
}

struct Fragment {
    start: usize,
    stop: usize,
    score: f32,
    highlights: Vec<Range<usize>>,
}

impl Fragment {
    fn new(start: usize) -> Fragment {
        Fragment {
            start,
            stop: start,
            score: 0.0,
            highlights: Vec::new(),
        }
    }

    /// Keeps the higher-scoring fragment; on a tie the earlier one stays.
    fn offer_to(self, best: &mut Option<Fragment>) {
        if self.score > 0.0 && best.as_ref().is_none_or(|b| self.score > b.score) {
            *best = Some(self);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::snippet::SnippetGenerator;

    /// The shortcut picks exactly what tantivy's generator picks, over the
    /// embedded corpus and a range of terms, stems with odd endings included.
    #[test]
    fn same_snippets_as_tantivy() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let _ = schema.build();
        let mut texts = Vec::new();
        for e in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        texts.push("Dying, lying and tying; the skies, skis and news; early, only and ugly. Stability, possibly, relational, generalization, hoping, agreed.".into());
        assert!(texts.len() > 10);
        let words = [
            "tariff",
            "said",
            "die",
            "lie",
            "tie",
            "sky",
            "ski",
            "news",
            "earli",
            "onli",
            "ugli",
            "stabil",
            "possibl",
            "relat",
            "general",
            "hope",
            "agre",
            "rate",
            "a",
            "i",
            "polici",
            "econom",
            "uncertainti",
            "inflat",
            "deficit",
        ];
        let mut prose = analysis::prose_analyzer();
        for w in words {
            let mut terms = BTreeMap::new();
            terms.insert(w.to_string(), 0.5);
            terms.insert("bank".to_string(), 0.25);
            let ours = Highlighter::new(terms.clone(), 150);
            let theirs = SnippetGenerator::new(terms, prose.clone(), body, 150);
            for t in &texts {
                let a = ours.snippet(t);
                let b = theirs.snippet(t);
                assert_eq!(a.text, b.fragment(), "term {w}");
                assert_eq!(a.highlights, b.highlighted(), "term {w}");
            }
        }
        // Every word of the corpus keeps its stem's leading letters.
        for t in &texts {
            let mut s = prose.token_stream(t);
            while let Some(tok) = s.next() {
                let stem = tok.text.clone();
                let mut terms = BTreeMap::new();
                terms.insert(stem.clone(), 1.0);
                let h = Highlighter::new(terms, 150);
                let word = &t[tok.offset_from..tok.offset_to].to_lowercase();
                let folded: String = {
                    let mut f = h.words.clone();
                    let mut st = f.token_stream(word);
                    st.next().map(|x| x.text.clone()).unwrap_or_default()
                };
                assert!(h.may_match(&folded), "{word} -> {stem}");
            }
        }
    }
}
