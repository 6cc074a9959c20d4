//! Fast word-list lookups: words packed into `u128` keys in open-addressing
//! tables, compile-time shape prefilters that skip most lookups, and the
//! small hasher of the per-article tables.

use super::lexicon::{CueKind, ABBREVS, CUES, ING, PARTICLES, STRONG, SUFFIXES, WEAK, WORDS};
use std::sync::LazyLock;

/// Open-addressing table keyed by a word of at most 16 ASCII bytes packed into a `u128`.
pub(super) struct FastTable {
    keys: Vec<u128>,
    vals: Vec<u32>,
    mask: usize,
}

/// The slot hash of a packed word.
#[inline]
fn fast_hash(k: u128) -> usize {
    let x = (k as u64)
        ^ ((k >> 64) as u64)
            .rotate_left(29)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95) >> 40) as usize
}

/// The eight bytes of `b` at `at`, little-endian.
#[inline]
fn load_u64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// The four bytes of `b` at `at`, little-endian.
#[inline]
fn load_u32(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes(b[at..at + 4].try_into().unwrap()))
}

/// ASCII lowercase of 8 packed bytes, all < 0x80 (SWAR: sets bit 5 of bytes in 'A'..='Z').
#[inline]
fn swar_lower(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ge_a = x + ONES * (0x80 - u64::from(b'A'));
    let gt_z = x + ONES * (0x80 - u64::from(b'Z') - 1);
    x | ((ge_a & !gt_z & (ONES * 0x80)) >> 2)
}

/// Packs an ASCII word (lowercased if `lower`) of 1..=16 bytes; `None` otherwise.
/// Hot (every word lookup): loads with overlapping word reads instead of a short memcpy
/// plus a byte loop.
#[inline]
pub(super) fn pack_word(s: &str, lower: bool) -> Option<u128> {
    let b = s.as_bytes();
    let n = b.len();
    if n == 0 || n > 16 {
        return None;
    }
    // zero-padded little-endian words: bytes 0..8 in `lo`, 8..16 in `hi`
    let (lo, hi) = if n >= 8 {
        let hi = if n == 8 {
            0
        } else {
            load_u64(b, n - 8) >> (8 * (16 - n))
        };
        (load_u64(b, 0), hi)
    } else if n >= 4 {
        (
            load_u32(b, 0) | ((load_u32(b, n - 4) >> (8 * (8 - n))) << 32),
            0,
        )
    } else {
        let mut v = 0u64;
        for (i, &x) in b.iter().enumerate() {
            v |= u64::from(x) << (8 * i);
        }
        (v, 0)
    };
    if (lo | hi) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let (lo, hi) = if lower {
        (swar_lower(lo), swar_lower(hi))
    } else {
        (lo, hi)
    };
    Some(u128::from(lo) | (u128::from(hi) << 64))
}

impl FastTable {
    /// A table of `items`, at least twice as many slots as words; words that
    /// do not pack (not ASCII, over 16 bytes) are left out.
    fn build<'a>(items: impl Iterator<Item = (&'a str, u32)>) -> Self {
        let items: Vec<(u128, u32)> = items
            .filter_map(|(w, v)| pack_word(w, false).map(|k| (k, v)))
            .collect();
        let mut size = 64;
        while size < items.len() * 2 {
            size *= 2;
        }
        let mut t = FastTable {
            keys: vec![0; size],
            vals: vec![0; size],
            mask: size - 1,
        };
        for (k, v) in items {
            let mut i = fast_hash(k) & t.mask;
            while t.keys[i] != 0 && t.keys[i] != k {
                i = (i + 1) & t.mask;
            }
            t.keys[i] = k;
            t.vals[i] = v;
        }
        t
    }

    /// The value of the packed word `k`, or 0.
    #[inline]
    pub(super) fn get(&self, k: u128) -> u32 {
        let mut i = fast_hash(k) & self.mask;
        loop {
            let kk = self.keys[i];
            if kk == k {
                return self.vals[i];
            }
            if kk == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
}

pub(super) static FAST_WORDS: LazyLock<FastTable> =
    LazyLock::new(|| FastTable::build(WORDS.iter().map(|(w, f)| (*w, *f))));

static FAST_CUES: LazyLock<FastTable> = LazyLock::new(|| {
    FastTable::build(CUES.iter().map(|(w, k)| {
        let v = match k {
            CueKind::Strong => 1,
            CueKind::Weak => 2,
            CueKind::Ing => 3,
            CueKind::According => 4,
        };
        (*w, v)
    }))
});

/// The shapes of the words of word lists: bit `len` of `[first][last]` is
/// set when a word of that length starts and ends with those letters (a
/// trailing period is not counted). A word that has no such shape is in none
/// of the lists, so its table lookup can be skipped.
type Shapes = [[u32; 26]; 26];

/// The shapes of the words of `lists` (see `Shapes`).
const fn shapes(lists: &[&str]) -> Shapes {
    let mut t = [[0u32; 26]; 26];
    let mut li = 0;
    while li < lists.len() {
        let b = lists[li].as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            let s = i;
            while i < b.len() && b[i] != b' ' {
                i += 1;
            }
            let mut e = i;
            if e > s && b[e - 1] == b'.' {
                e -= 1;
            }
            if e > s {
                let mut k = s;
                while k < e {
                    // the lists these are built for hold lowercase letters only
                    assert!(
                        b[k].is_ascii_lowercase(),
                        "shapes: a word that is not lowercase letters"
                    );
                    k += 1;
                }
                assert!(e - s < 32, "shapes: a word of 32 letters or more");
                t[(b[s] - b'a') as usize][(b[e - 1] - b'a') as usize] |= 1u32 << (e - s);
            }
        }
        li += 1;
    }
    t
}

/// The cue words (a compile-time prefilter for `cue_of`).
const CUE_SHAPES: Shapes = shapes(&[STRONG, WEAK, ING, "according"]);
pub(super) const PARTICLE_SHAPES: Shapes = shapes(&[PARTICLES]);
pub(super) const ABBREV_SHAPES: Shapes = shapes(&[ABBREVS]);
pub(super) const SUFFIX_SHAPES: Shapes = shapes(&[SUFFIXES]);

/// Whether `w` (any case, one trailing period ignored) may be a word of the
/// lists `shapes` was built from; `true` for words it cannot judge
/// (non-letters at either end, other scripts), which then go to the table.
#[inline]
pub(super) fn may_be_listed(shapes: &Shapes, w: &str) -> bool {
    let b = w.strip_suffix('.').unwrap_or(w).as_bytes();
    let (Some(&f), Some(&l)) = (b.first(), b.last()) else {
        return true;
    };
    // (a word of other scripts may change length when lowercased)
    if !f.is_ascii_alphabetic() || !l.is_ascii_alphabetic() || !b.is_ascii() {
        return true;
    }
    let (f, l) = (f.to_ascii_lowercase(), l.to_ascii_lowercase());
    b.len() >= 32 || shapes[(f - b'a') as usize][(l - b'a') as usize] & (1u32 << b.len()) != 0
}

/// Necessary condition for `cue_of` (length, first and last letter).
#[inline]
pub(super) fn cue_possible(b: &[u8]) -> bool {
    // every cue is 3..=16 lowercase ASCII letters
    b.len() >= 3
        && b.len() <= 16
        && b[0].is_ascii_lowercase()
        && b[b.len() - 1].is_ascii_lowercase()
        && CUE_SHAPES[(b[0] - b'a') as usize][(b[b.len() - 1] - b'a') as usize] & (1u32 << b.len())
            != 0
}

/// Cue kind of a word as written: a lowercase cue, "According" (to), or
/// an inverted cue opening its sentence ("Said Smith: …").
#[inline]
pub(super) fn cue_word(w: &str) -> Option<CueKind> {
    if w == "According" {
        Some(CueKind::According)
    } else if sentence_initial_cue(w).is_some() {
        Some(CueKind::Strong)
    } else {
        cue_of(w)
    }
}

/// The lowercase cue of a capitalised one that opens a sentence before its
/// subject: "Said Smith: …", "Wrote Jones in a letter: …".
#[inline]
pub(super) fn sentence_initial_cue(w: &str) -> Option<&'static str> {
    match w {
        "Said" => Some("said"),
        "Says" => Some("says"),
        "Added" => Some("added"),
        "Wrote" => Some("wrote"),
        _ => None,
    }
}

/// Cue kind of a (case-sensitive) word.
#[inline]
pub(super) fn cue_of(w: &str) -> Option<CueKind> {
    if !cue_possible(w.as_bytes()) {
        return None;
    }
    match FAST_CUES.get(pack_word(w, false)?) {
        1 => Some(CueKind::Strong),
        2 => Some(CueKind::Weak),
        3 => Some(CueKind::Ing),
        4 => Some(CueKind::According),
        _ => None,
    }
}

/// Small fast hasher (FxHash-style) for the short-word tables.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxBuildHasher = std::hash::BuildHasherDefault<FxHasher>;

/// Writes `s` lowercased into `buf`, with a curly apostrophe (U+2019) as a
/// straight one.
pub(super) fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        // (no U+2019 in ASCII text)
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c == '\u{2019}' {
            buf.push('\'');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// The flags (`F_*`) of a word in any case, without its trailing period
/// when only that form is listed; `buf` is scratch for the words the fast
/// table cannot hold.
pub(super) fn lookup_flags(buf: &mut String, s: &str) -> u32 {
    if let Some(k) = pack_word(s, true) {
        let f = FAST_WORDS.get(k);
        if f == 0 && s.len() > 1 && s.ends_with('.') {
            return FAST_WORDS.get(k & ((1u128 << (8 * (s.len() - 1))) - 1));
        }
        return f;
    }
    lower_into(buf, s);
    let mut f = WORDS.get(buf.as_str()).copied().unwrap_or(0);
    if f == 0 && buf.ends_with('.') {
        f = WORDS.get(&buf[..buf.len() - 1]).copied().unwrap_or(0);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte-loop reference for `pack_word`.
    fn pack_word_ref(s: &str, lower: bool) -> Option<u128> {
        let b = s.as_bytes();
        if b.is_empty() || b.len() > 16 || !s.is_ascii() {
            return None;
        }
        let mut a = [0u8; 16];
        for (x, &y) in a.iter_mut().zip(b) {
            *x = if lower { y.to_ascii_lowercase() } else { y };
        }
        Some(u128::from_le_bytes(a))
    }

    #[test]
    fn pack_word_matches_reference() {
        let alphabet = [
            "A", "z", "Z", "a", "@", "[", "`", "{", ".", "'", "0", "\u{e9}", "\u{7f}", "-",
        ];
        let mut x: u64 = 12345;
        for _ in 0..50_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 19) as usize;
            let mut w = String::new();
            for k in 0..len {
                w.push_str(alphabet[((x >> (k * 3)) % alphabet.len() as u64) as usize]);
            }
            for lower in [false, true] {
                assert_eq!(pack_word(&w, lower), pack_word_ref(&w, lower), "{w:?}");
            }
        }
    }

    /// The shape prefilters never turn away a word of their lists, in any
    /// case or with a period, and do turn common words away.
    #[test]
    fn shapes_keep_every_listed_word() {
        for (shapes, list) in [
            (&PARTICLE_SHAPES, PARTICLES),
            (&ABBREV_SHAPES, ABBREVS),
            (&SUFFIX_SHAPES, SUFFIXES),
        ] {
            for w in list.split_whitespace() {
                let w = w.trim_end_matches('.');
                let cap = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
                for form in [w.to_string(), cap, w.to_uppercase(), format!("{w}.")] {
                    assert!(may_be_listed(shapes, &form), "{form:?}");
                }
            }
            for common in ["said", "Smith", "government", "the"] {
                assert!(!may_be_listed(shapes, common), "{common:?}");
            }
        }
        for list in [STRONG, WEAK, ING] {
            for w in list.split_whitespace() {
                assert!(cue_possible(w.as_bytes()), "{w:?}");
            }
        }
    }
}
