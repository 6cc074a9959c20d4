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
//! The MinHash is a one-permutation hash (Li, Owen and Zhang 2012): each
//! shingle's 64-bit hash falls in one of [`SIG_LEN`] bins by its top 6
//! bits, and a bin keeps the least of the rest; a bin no shingle fell in
//! takes the value of another, chosen by a probe sequence of its own
//! ("optimal densification", Shrivastava 2017), so that two bins agree with
//! probability J for sets of Jaccard similarity J. One hash a shingle
//! instead of 64. Each bin keeps the lowest 8 bits of its value (b-bit
//! MinHash, Li and König 2010): 64 bytes an article. Two values agree with
//! probability J + (1 − J)/256; [`Signature::jaccard`] corrects for the
//! chance agreements.
//!
//! The signature also counts the distinct shingles, so that the share of
//! the smaller body found in the larger (containment, Broder 1997) can be
//! estimated from the Jaccard estimate: |A ∩ B| = J·(|A| + |B|)/(1 + J). A
//! reprint with a credit line added or a closing paragraph cut holds all of
//! the story while its Jaccard similarity falls well below 0.8 for a short
//! story ([`Signature::containment`]).
//!
//! Last, it keeps the figures of the body (words with a digit) as a 64-bit
//! set: each figure sets one bit by its hash. Items made from one template
//! (the Fed's daily operations, a dividend notice, a price table) share
//! their wording and differ in their figures, while reprints of one story
//! keep them ([`Signature::figures_agree`]).

/// Hash values per signature.
pub const SIG_LEN: usize = 64;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// Share of the figures two bodies must have in common (of all the
/// figures of the two) for [`Signature::figures_agree`]: one figure edited
/// among eight leaves 7/9 = 0.78; another day's item of four figures with
/// one kept leaves 1/7.
pub const FIGURES_AGREE: f64 = 0.75;

/// The MinHash of an article body, its number of distinct shingles and
/// the set of its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub values: [u8; SIG_LEN],
    pub shingles: u32,
    /// A bit per figure (a word with a digit), by the figure's hash.
    pub figures: u64,
}

impl Signature {
    /// The signature of a body; `None` when it has no words at all.
    pub fn of(body: &str) -> Option<Signature> {
        let mut hashes: Vec<u64> = Vec::new();
        let mut figures = 0u64;
        for_each_shingle_hash(
            body,
            |h| hashes.push(h),
            |figure| figures |= 1 << (figure & 63),
        );
        if hashes.is_empty() {
            return None;
        }
        hashes.sort_unstable();
        hashes.dedup();
        let mut mins = [u64::MAX; SIG_LEN];
        let mut filled = 0u64;
        for &h in &hashes {
            let bin = (h >> BIN_SHIFT) as usize;
            mins[bin] = mins[bin].min(h & REST);
            filled |= 1 << bin;
        }
        let mut values = [0u8; SIG_LEN];
        for (i, o) in values.iter_mut().enumerate() {
            let from = if filled & 1 << i != 0 {
                i
            } else {
                densify(i, filled)
            };
            *o = mins[from] as u8;
        }
        Some(Signature {
            values,
            shingles: u32::try_from(hashes.len()).unwrap_or(u32::MAX),
            figures,
        })
    }

    /// Do the two bodies have the same figures, nearly? Their figure sets
    /// share at least [`FIGURES_AGREE`] of the figures of both, or with
    /// `held`, of the body with fewer (a shorter version keeps some of the
    /// story's figures; a body without figures agrees). A body of many
    /// figures sets most of the 64 bits, and two such bodies agree: the
    /// test is for short items, where the wording says least.
    pub fn figures_agree(&self, other: &Signature, held: bool) -> bool {
        let (a, b) = (self.figures.count_ones(), other.figures.count_ones());
        let of = if held {
            a.min(b)
        } else {
            (self.figures | other.figures).count_ones()
        };
        of == 0
            || f64::from((self.figures & other.figures).count_ones())
                >= FIGURES_AGREE * f64::from(of)
    }

    /// Estimated share of the smaller shingle set found in the larger
    /// (containment), given the Jaccard estimate `jaccard` of the two.
    pub fn containment(&self, other: &Signature, jaccard: f64) -> f64 {
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let common = jaccard * (a + b) / (1.0 + jaccard);
        (common / a.min(b).max(1.0)).min(1.0)
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        // equal bytes counted eight at a time: a byte of a ^ b is zero
        // exactly when its high bit is set in `zero`
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        let mut agree = 0;
        for (a, b) in self
            .values
            .chunks_exact(8)
            .zip(other.values.chunks_exact(8))
        {
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
/// once), and `figure` with the hash of each word that has a digit.
fn for_each_shingle_hash(body: &str, mut f: impl FnMut(u64), mut figure: impl FnMut(u64)) {
    let mut hashes: Vec<u64> = Vec::new();
    scan(body, |token| match token {
        Some(w) => {
            let h = word_hash(w);
            if w.bytes().any(|b| b.is_ascii_digit()) {
                figure(h);
            }
            hashes.push(h);
        }
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

/// A shingle hash's bin is its top 6 bits; the rest is its value.
const BIN_SHIFT: u32 = 64 - SIG_LEN.trailing_zeros();
const REST: u64 = (1 << BIN_SHIFT) - 1;

/// The bin an empty bin `i` takes its value from: the first filled one of
/// its own probe sequence (the same for every article, so two articles
/// that both leave `i` empty look where the same), else, after 64 probes
/// (an article of a few shingles), the next filled bin after `i`.
/// `filled` has a bit set at least.
fn densify(i: usize, filled: u64) -> usize {
    for t in 0..64u64 {
        let j = (mix(0x0ddb_1a5e_5bad_5eed ^ (i as u64) << 8 ^ t) & (SIG_LEN as u64 - 1)) as usize;
        if filled & 1 << j != 0 {
            return j;
        }
    }
    let after = filled.rotate_right(i as u32 + 1);
    (i + 1 + after.trailing_zeros() as usize) % SIG_LEN
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
        let sig = |values| Signature {
            values,
            shingles: 10,
            figures: 0,
        };
        assert!((sig(a).jaccard(&sig(b)) - expected).abs() < 1e-12);
        assert_eq!(sig(a).jaccard(&sig(a)), 1.0);
    }

    #[test]
    fn figures_tell_template_items_apart() {
        let sig = |b: &str| Signature::of(b).unwrap();
        let monday = sig("The Fed added 1.5 billion dlrs of reserves. Funds traded at 6-1/16 pct.");
        let edited = sig("The Fed added 1.5 billion dlrs of reserves. Funds traded at 6-3/16 pct.");
        let friday = sig("The Fed added 2.25 billion dlrs of reserves. Funds traded at 5-7/8 pct.");
        let words = sig("The Fed added reserves. Funds traded higher.");
        // figures 1, 5, 6, 1, 16 against 1, 5, 6, 3, 16: four of five
        assert!(monday.figures_agree(&edited, false));
        assert!(!monday.figures_agree(&friday, false));
        // no figures on either side agree; on one side only, they do not
        assert!(words.figures_agree(&words, false));
        assert!(!words.figures_agree(&monday, false));
        // held: the figures of the body with fewer, found in the other
        let short = sig("The Fed added 1.5 billion dlrs of reserves.");
        assert!(short.figures_agree(&monday, true));
        assert!(!short.figures_agree(&monday, false));
        assert!(words.figures_agree(&monday, true));
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

    #[test]
    fn containment_counts_the_smaller_body_found_in_the_larger() {
        let story = "Oil prices rose sharply on Monday in New York. Traders said supply was tight after the storm.";
        let credited =
            format!("{story}\n\n(Reporting by the energy desk; editing by the night staff)");
        let (s, c) = (
            Signature::of(story).unwrap(),
            Signature::of(&credited).unwrap(),
        );
        // sentences of 9 and 8 words: 5 + 4 shingles; the credit line adds 6
        assert_eq!((s.shingles, c.shingles), (9, 15));
        // exact: 9 shared of 15, J = 0.6, containment 1
        assert!((s.containment(&c, 0.6) - 1.0).abs() < 1e-9);
        assert!((s.containment(&c, 0.6) - c.containment(&s, 0.6)).abs() < 1e-12);
        assert!(s.containment(&c, 0.2) < 0.5);
        // repeated shingles count once
        let twice = format!("{story} {story}");
        assert_eq!(Signature::of(&twice).unwrap().shingles, 9);
    }
}
