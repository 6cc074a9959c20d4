//! The tokenizer: words (with initials, hyphens and possessives), quotation
//! marks and punctuation, with paragraph starts and prefilter bits.

use super::fast_lookup::cue_possible;
use crate::analysis as stem;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum TokenKind {
    Word,
    /// possessive 's / ’s
    Possessive,
    /// An opening quotation mark.
    QuoteOpen,
    /// A closing quotation mark.
    QuoteClose,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    /// Byte offset of the token's first byte in the text.
    pub(super) start: u32,
    /// Byte offset just past the token.
    pub(super) end: u32,
    pub(super) kind: TokenKind,
    /// first token of a paragraph
    pub(super) starts_paragraph: bool,
    /// inside a direct quote
    pub(super) in_quote: bool,
    /// first character is uppercase
    pub(super) capitalised: bool,
    /// cheap prefilter bits (PRE_*) computed while tokenizing, so that later passes can
    /// skip tokens that cannot matter to them
    pub(super) prefilter: u8,
    /// Index of the token's sentence (set by `Doc::analyse`).
    pub(super) sentence: u32,
}

impl Token {
    /// The token's byte range in the text.
    #[inline]
    pub(super) fn span(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Word that may be a speech cue (passes the `cue_of` length/letter filter, or "According").
pub(super) const PRE_CUE: u8 = 1;
/// Word that may be a personal pronoun (he, she, his, ...: 2..=7 bytes starting with h/s).
pub(super) const PRE_PRON: u8 = 2;
/// Dash punctuation (quote signatures "— Jane Doe").
pub(super) const PRE_DASH: u8 = 4;

/// `PRON_FIRST[b]` is `PRE_PRON` for the first bytes of the pronouns (h, H, s, S).
static PRON_FIRST: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'h' as usize] = PRE_PRON;
    t[b'H' as usize] = PRE_PRON;
    t[b's' as usize] = PRE_PRON;
    t[b'S' as usize] = PRE_PRON;
    t
};

/// Letters and digits of any script make words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char at byte `i` of `t`, if `i` is a char boundary before its end.
fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

/// `ASCII_ALNUM[b]`: byte `b` is an ASCII letter or digit.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Length of the run of ASCII letters and digits at `b[from..]`: eight bytes
/// at a time while they are ASCII (most words end within the first eight),
/// then byte by byte.
#[inline]
pub(super) fn alnum_run(b: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = b.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        if x & stem::HIGH_BITS != 0 {
            break;
        }
        let other = !stem::ascii_alnum_bits(x) & stem::HIGH_BITS;
        if other != 0 {
            return at - from + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at - from
        + b[at..]
            .iter()
            .position(|&c| !ASCII_ALNUM[c as usize])
            .unwrap_or(b.len() - at)
}

/// Tokenizes `t` into `toks` (cleared first; its allocation is reused).
pub(super) fn tokenize_into(t: &str, toks: &mut Vec<Token>) {
    let b = t.as_bytes();
    toks.clear();
    // tokens average under 4 bytes of text: reserve enough to avoid regrowing
    toks.reserve(t.len() / 3 + 8);
    let mut i = 0usize;
    let mut para = true;
    let mut nl = 0u32;
    let mut prev_space = true;
    while i < b.len() {
        // fast path for the commonest byte, a single space inside a paragraph
        if b[i] == b' ' && nl == 0 {
            prev_space = true;
            i += 1;
            continue;
        }
        let c = if b[i] < 0x80 {
            b[i] as char
        } else {
            match char_at(t, i) {
                Some(c) => c,
                None => break,
            }
        };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                nl += 1;
                if nl >= 2 {
                    para = true;
                }
            } else if nl >= 1 && (c == '\t' || (c == ' ' && b.get(i + 1) == Some(&b' '))) {
                para = true;
            }
            prev_space = true;
            i += cl;
            continue;
        }
        nl = 0;
        // ASCII bytes: a table lookup instead of the `char` classification
        let word = if b[i] < 0x80 {
            ASCII_ALNUM[b[i] as usize]
        } else {
            is_word_char(c)
        };
        if word {
            let s = i;
            let (mut j, poss) = word_end(t, i + cl);
            let cap = c.is_uppercase();
            let pre = word_prefilter(&b[s..j], cap);
            toks.push(Token {
                start: s as u32,
                end: j as u32,
                kind: TokenKind::Word,
                starts_paragraph: para,
                in_quote: false,
                capitalised: cap,
                prefilter: pre,
                sentence: 0,
            });
            para = false;
            if let Some((ps, pe)) = poss {
                toks.push(Token {
                    start: ps as u32,
                    end: pe as u32,
                    kind: TokenKind::Possessive,
                    starts_paragraph: false,
                    in_quote: false,
                    capitalised: false,
                    prefilter: 0,
                    sentence: 0,
                });
                j = pe;
            }
            i = j;
            prev_space = false;
            continue;
        }
        if (c == '\'' && b.get(i + 1) == Some(&b'\'')) || (c == '`' && b.get(i + 1) == Some(&b'`'))
        {
            let k = if c == '`'
                || para
                || follows_opener(toks, i)
                || (prev_space && !closes_after_space(t, toks, i + 2))
            {
                TokenKind::QuoteOpen
            } else {
                TokenKind::QuoteClose
            };
            toks.push(Token {
                start: i as u32,
                end: (i + 2) as u32,
                kind: k,
                starts_paragraph: para,
                in_quote: false,
                capitalised: false,
                prefilter: 0,
                sentence: 0,
            });
            para = false;
            prev_space = false;
            i += 2;
            continue;
        }
        let k = match c {
            '\u{201C}' | '\u{00AB}' | '\u{201E}' => TokenKind::QuoteOpen,
            // (a right mark typed for a left one: "”Fear. …” ― Name" opens
            // the quote, at a paragraph's or word's start before a letter)
            '\u{201D}'
                if (prev_space || para)
                    && t[i + cl..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric) =>
            {
                TokenKind::QuoteOpen
            }
            '\u{201D}' | '\u{00BB}' => TokenKind::QuoteClose,
            '"' => {
                if para
                    || follows_opener(toks, i)
                    || (prev_space && !closes_after_space(t, toks, i + 1))
                {
                    TokenKind::QuoteOpen
                } else {
                    TokenKind::QuoteClose
                }
            }
            _ => TokenKind::Punct(c),
        };
        toks.push(Token {
            start: i as u32,
            end: (i + cl) as u32,
            kind: k,
            starts_paragraph: para,
            in_quote: false,
            capitalised: false,
            prefilter: if matches!(c, '\u{2015}' | '\u{2014}' | '\u{2013}') {
                PRE_DASH
            } else {
                0
            },
            sentence: 0,
        });
        para = false;
        prev_space = false;
        i += cl;
    }
}

/// Where the word whose first character ends at byte `j` of `t` ends, with
/// the byte range of a possessive 's right after it. A word runs on over
/// apostrophes and hyphens between letters ("O'Neill", "vice-president") and
/// over the periods of initials ("U.S.").
#[inline]
fn word_end(t: &str, mut j: usize) -> (usize, Option<(usize, usize)>) {
    let b = t.as_bytes();
    let mut seg_len = 1usize;
    let mut has_dot = false;
    let mut poss: Option<(usize, usize)> = None;
    loop {
        // ASCII fast path: one table lookup per byte, counting the run once at
        // the end instead of bumping `j` and `seg_len` per byte
        let run = alnum_run(b, j);
        j += run;
        seg_len += run;
        if j >= b.len() {
            break;
        }
        let d = if b[j] < 0x80 {
            b[j] as char
        } else {
            match char_at(t, j) {
                Some(d) => d,
                None => break,
            }
        };
        // (an ASCII `d` is not alphanumeric: the run above stopped at it)
        if b[j] >= 0x80 && is_word_char(d) {
            seg_len += 1;
            j += d.len_utf8();
            continue;
        }
        let dl = d.len_utf8();
        // Most words end at a space: only decode the following char for the
        // joiners that need it (apostrophe, hyphen, period).
        if !matches!(
            d,
            '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | ','
        ) {
            break;
        }
        let nxt = char_at(t, j + dl);
        // a decimal point or thousands separator between digits is inside
        // the number ("32.25", "1,000"): no sentence ends there, and no span
        if matches!(d, '.' | ',')
            && b[j - 1].is_ascii_digit()
            && nxt.is_some_and(|n| n.is_ascii_digit())
        {
            j += 1;
            seg_len = 0;
            continue;
        }
        match d {
            '\'' | '\u{2019}' => {
                if let Some(n) = nxt {
                    if is_word_char(n) {
                        let after = char_at(t, j + dl + n.len_utf8());
                        if (n == 's' || n == 'S') && !after.is_some_and(is_word_char) {
                            poss = Some((j, j + dl + 1));
                            break;
                        }
                        j += dl;
                        seg_len = 0;
                        continue;
                    }
                }
                // trailing apostrophe of a plural possessive: "voters'"
                break;
            }
            '-' | '\u{2010}' | '\u{2011}' => {
                if nxt.is_some_and(is_word_char) {
                    j += dl;
                    seg_len = 0;
                    continue;
                }
                break;
            }
            '.' => {
                if seg_len == 1 && nxt.is_some_and(|n| n.is_alphabetic()) {
                    has_dot = true;
                    j += 1;
                    seg_len = 0;
                    continue;
                }
                if has_dot && seg_len <= 1 {
                    j += 1; // closing dot of U.S.
                }
                break;
            }
            _ => break,
        }
    }
    (j, poss)
}

/// The prefilter bits (`PRE_*`) of the word `wb`, kept nearly branch-free:
/// this runs for every word.
#[inline]
fn word_prefilter(wb: &[u8], cap: bool) -> u8 {
    let mut pre = PRON_FIRST[wb[0] as usize] * u8::from(wb.len().wrapping_sub(2) < 6);
    if wb[0].is_ascii_lowercase() {
        if cue_possible(wb) {
            pre |= PRE_CUE;
        }
    } else if cap && matches!(wb, b"According" | b"Said" | b"Says" | b"Added" | b"Wrote") {
        pre |= PRE_CUE;
    }
    pre
}

/// Whether a quotation mark at byte `i` directly follows an opening bracket
/// or a dash, which makes a straight quotation mark an opening one.
#[inline]
/// Whether a straight quotation mark after a space, ending at byte `j`,
/// closes a quote all the same: it follows a comma or a stop and a space
/// or the line's end follows it ("…a disgrace, " Trump said"), also past
/// the single mark of a quote inside it ("…the term 'outreach,' " he said").
fn closes_after_space(t: &str, toks: &[Token], j: usize) -> bool {
    let last = match toks {
        [.., p, q] if matches!(q.kind, TokenKind::Punct('\'' | '\u{2019}')) => Some(p),
        _ => toks.last(),
    };
    last.is_some_and(|p| matches!(p.kind, TokenKind::Punct(',' | '.' | '?' | '!')))
        && t[j..].chars().next().is_none_or(char::is_whitespace)
}

fn follows_opener(toks: &[Token], i: usize) -> bool {
    toks.last().is_some_and(|p| {
        matches!(
            p.kind,
            TokenKind::Punct('(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/')
        ) && p.end as usize == i
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-bytes-at-a-time word run equals a byte-by-byte scan from
    /// every offset, for every ASCII byte and across non-ASCII text.
    #[test]
    fn alnum_run_matches_byte_scan() {
        let every_ascii: Vec<u8> = (0u8..128).chain(0u8..128).collect();
        let words = "Wilbur Ross said 2019's tariffs—on 25,000 items—were \"fair\". Müller-Lüdenscheidt: abcdefghijklmnopqrstuvwxyz0123456789 end".as_bytes().to_vec();
        for b in [every_ascii, words] {
            for from in 0..b.len() {
                let want = b[from..]
                    .iter()
                    .position(|&c| !c.is_ascii_alphanumeric())
                    .unwrap_or(b.len() - from);
                assert_eq!(alnum_run(&b, from), want, "from {from}");
            }
        }
    }
}
