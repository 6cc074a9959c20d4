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
//! use econ_archive::analysis::ProseTokenizer;
//! use tantivy::tokenizer::{TextAnalyzer, TokenStream};
//! let mut a = TextAnalyzer::from(ProseTokenizer::default());
//! let mut s = a.token_stream("Tariffs rising, Ångström");
//! let mut stems = Vec::new();
//! while let Some(t) = s.next() {
//!     stems.push(t.text.clone());
//! }
//! assert_eq!(stems, ["tariff", "rise", "angstrom"]);
//! ```

use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Written word → indexed term.
///
/// A direct-mapped table of short words kept inline (one cache line per
/// entry): a hash map of boxed strings cost two or three cache misses per
/// lookup, which made the lookup slower than it needed to be. A word whose
/// slot holds another word is stemmed again; crafted colliding words can
/// only cost that.
///
/// The table is one zeroed allocation: the allocator takes fresh pages
/// from the system, which are zero already, so a process that stems a few
/// query words touches a few pages, not the whole table.
struct Memo {
    /// `MEMO_SLOTS` slots of `SLOT` bytes from `base`, each laid out as
    /// word length, term length, word bytes, term bytes.
    table: Vec<u8>,
    /// First byte of slot 0: the table's first 64-byte boundary.
    base: usize,
    hasher: foldhash::fast::RandomState,
}

/// Slots per thread (64 bytes each: 4 MB). On Reuters-derived text a 2 MB
/// table re-stemmed enough colliding words to cost 4–5% of plain indexing
/// time; 8 MB gained nothing more.
const MEMO_SLOTS: usize = 1 << 16;
/// Bytes per slot: one cache line.
const SLOT: usize = 64;
/// Longest word or term kept in a slot.
const SLOT_BYTES: usize = (SLOT - 2) / 2;

impl Memo {
    fn new() -> Memo {
        // `vec![0u8; n]` asks for zeroed memory (calloc), unlike a vector of
        // structs, which would be written slot by slot.
        let table = vec![0u8; MEMO_SLOTS * SLOT + SLOT - 1];
        let base = table.as_ptr().align_offset(SLOT).min(SLOT - 1);
        Memo {
            table,
            base,
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// Appends the term of `word` to `out`.
    fn term_into(&mut self, word: &str, out: &mut String) {
        use std::hash::BuildHasher;
        if word.len() > SLOT_BYTES {
            out.push_str(&term_of(word));
            return;
        }
        let i = self.hasher.hash_one(word) as usize & (MEMO_SLOTS - 1);
        // (in bounds: the table holds `MEMO_SLOTS` slots after `base`)
        let at = self.base + i * SLOT;
        let slot = &mut self.table[at..at + SLOT];
        let (lens, rest) = slot.split_at_mut(2);
        let (slot_word, slot_term) = rest.split_at_mut(SLOT_BYTES);
        let len = lens[0] as usize;
        // (words are never empty, so an empty slot never matches)
        if len == word.len() && &slot_word[..len] == word.as_bytes() {
            // Slots only ever hold whole terms copied from a `str`.
            if let Ok(term) = std::str::from_utf8(&slot_term[..lens[1] as usize]) {
                out.push_str(term);
                return;
            }
        }
        let term = term_of(word);
        out.push_str(&term);
        if term.len() <= SLOT_BYTES {
            lens[0] = word.len() as u8;
            slot_word[..word.len()].copy_from_slice(word.as_bytes());
            lens[1] = term.len() as u8;
            slot_term[..term.len()].copy_from_slice(term.as_bytes());
        }
    }
}

/// Words this long (bytes) or longer are dropped, as tantivy's
/// `RemoveLongFilter::limit(48)` does; they keep their position.
pub const MAX_WORD_BYTES: usize = 48;

/// Splits text into words (runs of alphanumeric characters, as tantivy's
/// `SimpleTokenizer`) and gives each its folded English stem.
///
/// The memo is per thread, not per tokenizer: tantivy clones a fresh
/// tokenizer for every segment it writes, which would start each segment
/// with an empty memo.
#[derive(Clone)]
pub struct ProseTokenizer {
    token: Token,
    /// Stem the folded words (prose) or leave them as written (names, and
    /// the words that patterns match).
    stem: bool,
}

impl Default for ProseTokenizer {
    fn default() -> Self {
        ProseTokenizer {
            token: Token::default(),
            stem: true,
        }
    }
}

impl ProseTokenizer {
    /// The same words, lower-cased and accent-folded but not stemmed: the
    /// tokens of tantivy's `SimpleTokenizer`, `RemoveLongFilter(48)`,
    /// `LowerCaser` and `AsciiFoldingFilter` chain, without its per-token
    /// filter passes for ASCII words.
    pub fn unstemmed() -> ProseTokenizer {
        ProseTokenizer {
            token: Token::default(),
            stem: false,
        }
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::new());
}

impl Tokenizer for ProseTokenizer {
    type TokenStream<'a> = ProseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ProseTokenStream<'a> {
        self.token.reset();
        ProseTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            stem: self.stem,
        }
    }
}

/// The stream of [`ProseTokenizer`].
pub struct ProseTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    stem: bool,
}

impl ProseTokenStream<'_> {
    /// The next run of alphanumeric characters at or after `self.at`.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let mut start = None;
        while i < bytes.len() {
            let (alnum, width) = alnum_at(self.text, i);
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
            if word.bytes().all(|b| b.is_ascii_digit()) {
                // Numbers are their own terms; they would crowd the memo.
                self.token.text.push_str(word);
                return true;
            }
            let text = &mut self.token.text;
            if self.stem {
                MEMO.with(|memo| memo.borrow_mut().term_into(word, text));
            } else if word.is_ascii() {
                // Lower-casing is all folding does to an ASCII word.
                text.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                text.push_str(&fold(word));
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

/// Whether the character at byte `i` (a character boundary) is part of a
/// word (alphanumeric, as for tantivy's `SimpleTokenizer`), and its length.
#[inline]
fn alnum_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// For each byte offset in `offsets` (ascending), how many words of `text`
/// start before it: the [`ProseTokenizer`] position of the first word at or
/// after that offset. Positions count every word, long ones included, as the
/// tokenizer's do, so a quote's byte span maps to the positions of its words.
///
/// ```
/// use econ_archive::analysis::words_before;
/// let text = "Ross said: \"Tariffs work.\"";
/// let quote = text.find("Tariffs").unwrap()..text.len();
/// // "Ross"=0, "said"=1, "Tariffs"=2, "work"=3
/// assert_eq!(words_before(text, &[quote.start, quote.end]), [2, 4]);
/// ```
pub fn words_before(text: &str, offsets: &[usize]) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(offsets.len());
    let mut words = 0u32;
    let mut in_word = false;
    let mut i = 0;
    for &o in offsets {
        let stop = o.min(bytes.len());
        while i < stop {
            // eight ASCII bytes at a time: word starts are alphanumeric bytes
            // whose predecessor is not
            if let Some(chunk) = bytes.get(i..i + 8).filter(|_| i + 8 <= stop) {
                let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                if x & HIGH_BITS == 0 {
                    let alnum = ascii_alnum_bits(x);
                    let before = (alnum << 8) | if in_word { 0x80 } else { 0 };
                    words += (alnum & !before).count_ones();
                    in_word = alnum >> 63 != 0;
                    i += 8;
                    continue;
                }
            }
            let (alnum, width) = alnum_at(text, i);
            i += width;
            words += u32::from(alnum && !in_word);
            in_word = alnum;
        }
        out.push(words);
    }
    out
}

/// The high bit of each of eight packed bytes.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Per byte of `x` (all bytes ASCII): its high bit set when the byte is an
/// ASCII letter or digit, all other bits clear. Each byte's sums stay under
/// 0x100, so no carry crosses into the next byte.
#[inline]
pub(crate) fn ascii_alnum_bits(x: u64) -> u64 {
    const fn splat(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // high bit of (v + 0x80 - lo) is set iff v >= lo; of (v + 0x7f - hi) iff v > hi
    let in_range =
        |v: u64, lo: u8, hi: u8| (v + splat(0x80 - lo)) & !(v + splat(0x7f - hi)) & HIGH_BITS;
    let lower = x | splat(0x20);
    in_range(lower, b'a', b'z') | in_range(x, b'0', b'9')
}

/// The indexed term of one written word: lower-cased, accents folded, stemmed.
fn term_of(word: &str) -> String {
    stem_english(&fold(word))
}

/// A word lower-cased and accent-folded as tantivy's filters do.
fn fold(word: &str) -> String {
    thread_local! {
        static FOLD: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    FOLD.with(|a| {
        let mut a = a.borrow_mut();
        let mut s = a.token_stream(word);
        s.next().map(|t| t.text.clone()).unwrap_or_default()
    })
}

/// The indexed term of one word, through the same per-thread memo the
/// tokenizer uses: for callers that already hold a text's words (quote
/// matching, the concordance) and stem every one of them.
pub fn stem_memoized(word: &str) -> String {
    let mut out = String::new();
    if word.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(word);
    } else {
        MEMO.with(|memo| memo.borrow_mut().term_into(word, &mut out));
    }
    out
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

    /// `words_before` agrees with the tokenizer's positions at every offset.
    #[test]
    fn words_before_matches_positions() {
        let long = "z".repeat(60);
        let text = format!("Économie, \"{long} naïve 日本銀行\" said x-y. “Done”");
        let mut starts = Vec::new();
        let mut a = TextAnalyzer::from(ProseTokenizer::default());
        let mut s = a.token_stream(&text);
        while let Some(t) = s.next() {
            starts.push((t.offset_from, t.position as u32));
        }
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        let got = words_before(&text, &offsets);
        for (o, n) in offsets.iter().zip(got) {
            // the first kept token at or after o has position >= n, and every
            // token before o has a position below n
            for &(from, pos) in &starts {
                if from < *o {
                    assert!(pos < n, "offset {o}: token at {from} pos {pos} >= {n}");
                } else {
                    assert!(pos >= n, "offset {o}: token at {from} pos {pos} < {n}");
                }
            }
        }
        // the 60-letter word is dropped by the tokenizer but counted
        assert!(starts.iter().all(|&(_, p)| p != 1));
    }

    /// The eight-bytes-at-a-time count equals a byte-by-byte count, for
    /// every ASCII byte value and for text mixing ASCII with other scripts.
    /// (Asked for every character boundary, `words_before` never has eight
    /// bytes before the next offset, so it counts byte by byte.)
    #[test]
    fn words_before_by_words_equals_by_bytes() {
        fn by_bytes(text: &str, offsets: &[usize]) -> Vec<u32> {
            let every: Vec<usize> = (0..=text.len())
                .filter(|&o| text.is_char_boundary(o))
                .collect();
            let counts = words_before(text, &every);
            offsets
                .iter()
                .map(|o| counts[every.binary_search(o).unwrap()])
                .collect()
        }
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let mixed = "Der Zoll — «Überschuß» 12,5% naïve-ish café's 日本 x.y_z\t\n ".repeat(9);
        let mut seed = 7u64;
        let mut shuffled = String::new();
        for _ in 0..4000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            shuffled.push(char::from((seed >> 33) as u8 % 128));
        }
        for text in [every_ascii.repeat(3), mixed, shuffled] {
            let ends: Vec<usize> = (0..=text.len())
                .filter(|&o| text.is_char_boundary(o))
                .collect();
            for step in [1, 7, 8, 9, 23, 100] {
                let offsets: Vec<usize> = ends.iter().copied().step_by(step).collect();
                assert_eq!(
                    words_before(&text, &offsets),
                    by_bytes(&text, &offsets),
                    "step {step}"
                );
            }
        }
    }

    /// Unstemmed, the same tokens as tantivy's chain without its stemmer.
    #[test]
    fn unstemmed_tokens_equal_tantivys_chain_without_stemmer() {
        let mut ours = TextAnalyzer::from(ProseTokenizer::unstemmed());
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        let long = "x".repeat(47) + " " + &"y".repeat(48) + " tail";
        for text in [
            "Policymakers' POLICIES, U.S.-China trade: 25% tariffs, $50bn.",
            "Économie ÉCONOMIE naïve Ångström Straße İstanbul ΣΟΦΙΑ",
            "日本銀行は金利を据え置いた 2019年 café\u{301} ﬁnance ½ x²",
            long.as_str(),
        ] {
            assert_same(text, &mut ours, &mut theirs);
        }
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
