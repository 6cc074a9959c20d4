//! The prose analyser: words, lower-cased, accents folded, English stems,
//! in one pass with a memo of recent words.
//!
//! Tokenising and stemming prose is the largest single cost of indexing (in a
//! profile of Reuters-21578, a chain of tantivy's `SimpleTokenizer`,
//! `RemoveLongFilter`, `LowerCaser`, `AsciiFoldingFilter` and a stemmer took
//! about a third of the indexing threads' time). News text repeats the same
//! few thousand words, and every step after splitting depends on the word
//! alone, so [`ProseTokenizer`] remembers each written word's final term:
//! most tokens cost one hash lookup. Its tokens (text, offsets, positions) are
//! exactly those of that chain with tantivy's English `Stemmer` (both stem
//! with the Snowball English algorithm of `frostem`); a test holds it to that.
//!
//! ```
//! use econ_archive::stem::ProseTokenizer;
//! use tantivy::tokenizer::{TextAnalyzer, TokenStream};
//! let mut a = TextAnalyzer::from(ProseTokenizer::default());
//! let mut s = a.token_stream("Tariffs rising, Ångström");
//! let mut stems = Vec::new();
//! while let Some(t) = s.next() {
//!     stems.push(t.text.clone());
//! }
//! assert_eq!(stems, ["tariff", "rise", "angstrom"]);
//! ```

use std::collections::HashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Written word → indexed term.
type Memo = HashMap<Box<str>, Box<str>, foldhash::fast::RandomState>;

/// Words remembered per analyser before the memo is cleared; bounds memory
/// (a few MB) whatever the corpus.
const MEMO_WORDS: usize = 100_000;

/// Words this long (bytes) or longer are dropped, as tantivy's
/// `RemoveLongFilter::limit(48)` does; they keep their position.
pub const MAX_WORD_BYTES: usize = 48;

/// Splits text into words (runs of alphanumeric characters, as tantivy's
/// `SimpleTokenizer`) and gives each its folded English stem.
///
/// Each clone (one per indexing thread) keeps its own memo.
#[derive(Clone, Default)]
pub struct ProseTokenizer {
    token: Token,
    memo: Memo,
}

impl Tokenizer for ProseTokenizer {
    type TokenStream<'a> = ProseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ProseTokenStream<'a> {
        if self.memo.len() > MEMO_WORDS {
            self.memo.clear();
        }
        self.token.reset();
        ProseTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            memo: &mut self.memo,
        }
    }
}

/// The stream of [`ProseTokenizer`].
pub struct ProseTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    memo: &'a mut Memo,
}

impl ProseTokenStream<'_> {
    /// The next run of alphanumeric characters at or after `self.at`.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let mut start = None;
        while i < bytes.len() {
            let b = bytes[i];
            let (alnum, width) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                // `i` is always at a character boundary.
                let c = self.text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            match (alnum, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    self.at = i + width;
                    return Some((s, i));
                }
                _ => {}
            }
            i += width;
        }
        self.at = bytes.len();
        start.map(|s| (s, bytes.len()))
    }
}

impl TokenStream for ProseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            self.token.position = self.token.position.wrapping_add(1);
            let Some((from, to)) = self.next_word() else {
                self.token.text.clear();
                return false;
            };
            if to - from >= MAX_WORD_BYTES {
                continue;
            }
            let word = &self.text[from..to];
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text.clear();
            match self.memo.get(word) {
                Some(term) => self.token.text.push_str(term),
                None => {
                    let term = term_of(word);
                    self.token.text.push_str(&term);
                    self.memo.insert(word.into(), term.into_boxed_str());
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The indexed term of one written word: lower-cased, accents folded, stemmed.
fn term_of(word: &str) -> String {
    thread_local! {
        static FOLD: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    let folded = FOLD.with(|a| {
        let mut a = a.borrow_mut();
        let mut s = a.token_stream(word);
        s.next().map(|t| t.text.clone()).unwrap_or_default()
    });
    stem_english(&folded)
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
    use tantivy::tokenizer::{Language, RemoveLongFilter, SimpleTokenizer, Stemmer};

    /// tantivy's own chain, which [`ProseTokenizer`] must equal.
    fn reference() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn assert_same(text: &str, ours: &mut TextAnalyzer, theirs: &mut TextAnalyzer) -> usize {
        let mut a = ours.token_stream(text);
        let mut b = theirs.token_stream(text);
        let mut n = 0;
        while let Some(x) = a.next() {
            let y = b
                .next()
                .unwrap_or_else(|| panic!("extra token {x:?} in {text:?}"));
            assert_eq!(x.text, y.text, "in {text:?}");
            assert_eq!(
                (x.offset_from, x.offset_to, x.position, x.position_length),
                (y.offset_from, y.offset_to, y.position, y.position_length),
                "{:?} in {text:?}",
                x.text
            );
            n += 1;
        }
        assert!(b.next().is_none(), "missing tokens in {text:?}");
        n
    }

    /// Same tokens as tantivy's chain on the embedded corpus, twice through
    /// (the second pass is served by the memo), and on awkward text.
    #[test]
    fn same_tokens_as_tantivys_chain() {
        let mut ours = TextAnalyzer::from(ProseTokenizer::default());
        let mut theirs = reference();
        let mut words = 0;
        for e in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")) {
            let e = e.unwrap();
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            for _ in 0..2 {
                words += assert_same(&text, &mut ours, &mut theirs);
            }
        }
        assert!(words > 10_000, "{words}");
        let long = "x".repeat(47) + " " + &"y".repeat(48) + " tail";
        for text in [
            "",
            "   ",
            "U.S.-China trade: 25% tariffs, $50bn.",
            "Économie ÉCONOMIE naïve Ångström Straße İstanbul ΣΟΦΙΑ",
            "日本銀行は金利を据え置いた 2019年",
            "end-with-word",
            "café\u{301} ﬁnance ½ x²",
            long.as_str(),
            "a\u{0}b\tc\u{2028}d",
        ] {
            assert_same(text, &mut ours, &mut theirs);
            assert_same(text, &mut ours, &mut theirs);
        }
    }
}
