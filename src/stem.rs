//! English stemming with a memo of recent words.
//!
//! Stemming is the largest single cost of indexing prose (about 40% of the
//! indexing threads' time in a profile of 20,000 generated articles), and news
//! text repeats the same few thousand words: remembering each word's stem
//! turns most calls into one hash lookup. The stems are exactly those of
//! tantivy's `Stemmer` (both use the Snowball English algorithm of `frostem`).
//!
//! ```
//! use econ_archive::stem::CachedStemmer;
//! use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream};
//! let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
//!     .filter(CachedStemmer::default())
//!     .build();
//! let mut s = a.token_stream("tariffs rising");
//! let mut stems = Vec::new();
//! while let Some(t) = s.next() {
//!     stems.push(t.text.clone());
//! }
//! assert_eq!(stems, ["tariff", "rise"]);
//! ```

use std::collections::HashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per analyser before the memo is cleared; bounds memory
/// (a few MB) whatever the corpus.
const MEMO_WORDS: usize = 100_000;

/// A token filter giving each token its English stem.
#[derive(Clone, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            memo: HashMap::new(),
        }
    }
}

/// The tokenizer produced by [`CachedStemmer`]; each clone (one per indexing
/// thread) keeps its own memo.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    memo: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_WORDS {
            self.memo.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            let stem = stem_english(&token.text);
            let word = std::mem::replace(&mut token.text, stem.clone());
            self.memo.insert(word, stem);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The Snowball English stem of one word.
pub fn stem_english(word: &str) -> String {
    thread_local! {
        static STEMMER: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    }
    STEMMER.with(|s| s.stem(word).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer, TextAnalyzer};

    /// Same stems as tantivy's own filter, on the embedded corpus, twice
    /// through (the second pass is served by the memo).
    #[test]
    fn same_stems_as_tantivy() {
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer)
            .build();
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut words = 0;
        for e in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")) {
            let e = e.unwrap();
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let text = text.to_lowercase();
            for _ in 0..2 {
                let mut a = ours.token_stream(&text);
                let mut b = theirs.token_stream(&text);
                while let Some(x) = a.next() {
                    let y = b.next().expect("same number of tokens");
                    assert_eq!(x.text, y.text);
                    assert_eq!((x.offset_from, x.position), (y.offset_from, y.position));
                    words += 1;
                }
                assert!(b.next().is_none());
            }
        }
        assert!(words > 10_000, "{words}");
    }
}
