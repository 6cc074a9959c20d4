//! Text analysis: how written text becomes the terms that are indexed and
//! searched. The index, the query compiler, snippets, quote matching and the
//! concordance all use these analysers, so a word means the same thing
//! everywhere.
//!
//! * prose (titles, bodies, quotes): words, lower-cased, accents folded,
//!   English (Snowball) stems — [`ProseTokenizer`];
//! * names (speakers, sources, authors): the same words without stemming;
//! * keywords (topics, tags, ids): the whole value, lower-cased and folded.
//!
//! ```
//! use econ_archive::analysis::{fold_keyword, words_of};
//! assert_eq!(words_of(&mut econ_archive::analysis::prose_analyzer(), "Tariffs rose"), ["tariff", "rose"]);
//! assert_eq!(fold_keyword("  Zürich "), "zurich");
//! ```

pub mod names;
mod prose;

pub(crate) use prose::{ascii_alnum_bits, HIGH_BITS};
pub use prose::{
    stem_english, stem_memoized, words_before, ProseTokenStream, ProseTokenizer, MAX_WORD_BYTES,
};

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};

/// The analyser for titles, bodies and quotes.
pub fn prose_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ProseTokenizer::default())
}

/// The analyser for names of people, sources and authors. It is also the
/// prose analyser without its stemmer (snippets stem lazily with it).
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ProseTokenizer::unstemmed())
}

/// The analyser for codes and whole-value keys.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Folds a value the way the keyword analyser does, for building exact terms.
pub fn fold_keyword(value: &str) -> String {
    let mut analyzer = keyword_analyzer();
    let mut stream = analyzer.token_stream(value.trim());
    let mut out = String::new();
    while let Some(tok) = stream.next() {
        out.push_str(&tok.text);
    }
    out
}

/// The terms `analyzer` makes of `text`, in order.
pub fn words_of(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(tok) = stream.next() {
        out.push(tok.text.clone());
    }
    out
}
