//! An article body's near-duplicate signature: the body cut into sentences,
//! each sentence into 5-word shingles, and a MinHash of the shingle set.
//!
//! The shingling (which `tests/dups/crosscheck.py` repeats word for word):
//!
//! * the body is lower-cased and cut into sentences at `.`, `!` or `?`
//!   followed by white space (or the end) — never at line breaks, so a
//!   reprint laid out with other line breaks or paragraph spacing gives the
//!   same shingles;
//! * a word is a run of letters and digits;
//! * a sentence of five words or more gives its 5-word windows (words
//!   joined by one space), a shorter one itself as one shingle.
//!
//! Shingles never span two sentences, so paragraphs or sentences printed in
//! another order give the same set, and a dropped or edited sentence
//! changes only its own shingles. The headline is not part of it: a reprint
//! often has a headline of its own.
//!
//! The MinHash has [`SIG_LEN`] values, each the lowest 8 bits of the minimum
//! of a multiply-shift hash over the shingles (b-bit MinHash, Li and König
//! 2010): 64 bytes an article. Two values agree with probability
//! J + (1 − J)/256 for sets of Jaccard similarity J; [`Signature::jaccard`]
//! corrects for the chance agreements.

/// Hash values per signature.
pub const SIG_LEN: usize = 64;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// The MinHash of an article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; SIG_LEN]);

impl Signature {
    /// The signature of a body; `None` when it has no words at all.
    pub fn of(body: &str) -> Option<Signature> {
        let mut mins = [u32::MAX; SIG_LEN];
        let mut any = false;
        for_each_shingle_hash(body, |h| {
            any = true;
            let (a, b) = (&MULT, &ADD);
            for i in 0..SIG_LEN {
                let v = (h.wrapping_mul(a[i]).wrapping_add(b[i]) >> 32) as u32;
                if v < mins[i] {
                    mins[i] = v;
                }
            }
        });
        if !any {
            return None;
        }
        let mut out = [0u8; SIG_LEN];
        for (o, m) in out.iter_mut().zip(mins) {
            *o = m as u8;
        }
        Some(Signature(out))
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        // equal bytes counted eight at a time: a byte of a ^ b is zero
        // exactly when its high bit is set in `zero`
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        let mut agree = 0;
        for (a, b) in self.0.chunks_exact(8).zip(other.0.chunks_exact(8)) {
            let x = u64::from_le_bytes(a.try_into().unwrap_or([0; 8]))
                ^ u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
            let zero = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
            agree += zero.count_ones() as usize;
        }
        let p = agree as f64 / SIG_LEN as f64;
        ((p - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)).max(0.0)
    }
}

/// The shingles of a body as text (what the cross-check hashes; the index
/// hashes the words directly, see [`for_each_shingle_hash`]).
pub fn shingles(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut sentence = |words: &mut Vec<String>| {
        if words.len() < SHINGLE_WORDS {
            out.push(words.join(" "));
        } else {
            for w in words.windows(SHINGLE_WORDS) {
                out.push(w.join(" "));
            }
        }
        words.clear();
    };
    scan(body, |token| match token {
        Some(w) => words.push(w.to_string()),
        None => sentence(&mut words),
    });
    out.sort();
    out.dedup();
    out
}

/// Reads `body` once, calling `f` with each word (lower-cased) and with
/// `None` at the end of each sentence that has words.
fn scan(body: &str, mut f: impl FnMut(Option<&str>)) {
    let mut word = String::new();
    let mut words_in_sentence = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
            continue;
        }
        if !word.is_empty() {
            f(Some(&word));
            word.clear();
            words_in_sentence = true;
        }
        let boundary =
            matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace());
        if boundary && words_in_sentence {
            f(None);
            words_in_sentence = false;
        }
    }
    if !word.is_empty() {
        f(Some(&word));
        words_in_sentence = true;
    }
    if words_in_sentence {
        f(None);
    }
}

/// Calls `f` with a 64-bit hash of each shingle (repeated shingles more than
/// once: MinHash does not mind).
fn for_each_shingle_hash(body: &str, mut f: impl FnMut(u64)) {
    let mut hashes: Vec<u64> = Vec::new();
    scan(body, |token| match token {
        Some(w) => hashes.push(word_hash(w)),
        None => {
            if hashes.len() < SHINGLE_WORDS {
                f(combine(&hashes));
            } else {
                for w in hashes.windows(SHINGLE_WORDS) {
                    f(combine(w));
                }
            }
            hashes.clear();
        }
    });
}

/// FNV-1a of a word's bytes, finished with a mixer.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// A shingle's hash from its words' hashes, in order.
fn combine(words: &[u64]) -> u64 {
    let mut h = words.len() as u64;
    for &w in words {
        h = mix(h.rotate_left(23) ^ w);
    }
    h
}

/// The splitmix64 finaliser.
pub(crate) const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed multipliers (odd) and addends of the hash functions.
const MULT: [u64; SIG_LEN] = constants(0x6a09_e667_f3bc_c908, true);
const ADD: [u64; SIG_LEN] = constants(0xbb67_ae85_84ca_a73b, false);

const fn constants(seed: u64, odd: bool) -> [u64; SIG_LEN] {
    let mut out = [0u64; SIG_LEN];
    let mut i = 0;
    while i < SIG_LEN {
        let v = mix(seed.wrapping_add((i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)));
        out[i] = if odd { v | 1 } else { v };
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_stay_inside_sentences() {
        let s = shingles("The Fed raised rates by a quarter point. Markets fell!\n\nOil rose");
        // line breaks are no ends: only the punctuation is
        assert_eq!(
            shingles("Qtly div 4 cts\n\nPay March 31"),
            vec![
                "4 cts pay march 31",
                "div 4 cts pay march",
                "qtly div 4 cts pay"
            ]
        );
        assert_eq!(
            s,
            vec![
                "fed raised rates by a",
                "markets fell",
                "oil rose",
                "raised rates by a quarter",
                "rates by a quarter point",
                "the fed raised rates by",
            ]
        );
        // a decimal point and an abbreviation followed by a word are no ends
        assert_eq!(shingles("Rates rose 3.5 pct"), vec!["rates rose 3 5 pct"]);
        assert_eq!(shingles("the U.S. dollar"), vec!["dollar", "the u s"]);
        assert!(Signature::of("  ... \n\n ").is_none());
    }

    #[test]
    fn equal_values_are_counted_byte_by_byte() {
        let mut a = [0u8; SIG_LEN];
        let mut b = [0u8; SIG_LEN];
        for i in 0..SIG_LEN {
            a[i] = (i * 37) as u8;
            b[i] = if i % 4 == 0 {
                a[i] ^ 0x80
            } else if i % 4 == 1 {
                a[i] ^ 1
            } else {
                a[i]
            };
        }
        let p = 0.5;
        let expected = (p - 1.0 / 256.0) / (1.0 - 1.0 / 256.0);
        assert!((Signature(a).jaccard(&Signature(b)) - expected).abs() < 1e-12);
        assert_eq!(Signature(a).jaccard(&Signature(a)), 1.0);
    }

    #[test]
    fn sentence_order_does_not_matter_and_edits_lower_similarity() {
        let a = "Oil prices rose sharply on Monday in New York. Traders said supply was tight after the storm. \
                 The ministry said output would recover within a month. Analysts expect prices to ease later this year.";
        let b = "Traders said supply was tight after the storm. Oil prices rose sharply on Monday in New York. \
                 Analysts expect prices to ease later this year. The ministry said output would recover within a month.";
        let (sa, sb) = (Signature::of(a).unwrap(), Signature::of(b).unwrap());
        assert_eq!(sa, sb);
        assert!((sa.jaccard(&sb) - 1.0).abs() < 1e-9);
        let c = "Wheat futures fell in Chicago as rain improved crop prospects across the plains states.";
        assert!(sa.jaccard(&Signature::of(c).unwrap()) < 0.2);
    }
}
