//! Text normalisation shared by terms and articles: NFKC (only for text not
//! already in NFKC), lower case, and every run of characters that are not
//! letters or digits becomes one space. [`BYTES`] is the same rule as a byte
//! table, which the matcher applies on the fly to ASCII text.

use unicode_normalization::UnicodeNormalization;

/// Letters and digits are word characters; everything else separates words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// ASCII letters lower-cased, digits kept, every other ASCII byte a space; bytes of
/// non-ASCII characters (only letters and digits reach the matcher) kept.
const fn byte_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b'A'..=b'Z' => b + 32,
            b'a'..=b'z' | b'0'..=b'9' => b,
            0x80..=0xff => b,
            _ => b' ',
        };
        i += 1;
    }
    t
}

pub(super) static BYTES: [u8; 256] = byte_table();

/// The normalisation into `out`: NFKC (skipped for text already in NFKC, such
/// as ASCII), lower case, non-alphanumeric characters become spaces, runs of
/// spaces collapse.
pub(super) fn normalise_unicode(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    // Most non-ASCII news text (curly quotes, dashes, accented names) is
    // already NFKC: the quick check spares it the normaliser's cost.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        push_words(text.chars(), out);
    } else {
        push_words(text.nfkc(), out);
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Lower-cased words of `chars`, separated by single spaces.
fn push_words(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut prev_space = true;
    for c in chars {
        if c.is_ascii() {
            let b = BYTES[c as usize];
            if b != b' ' {
                out.push(b as char);
                prev_space = false;
                continue;
            }
        } else if is_word_char(c) {
            out.extend(c.to_lowercase());
            prev_space = false;
            continue;
        }
        if !prev_space {
            out.push(' ');
            prev_space = true;
        }
    }
}

/// The normalised form of `text` — lower-case words (maximal runs of letters and digits,
/// after Unicode NFKC) separated by single spaces; all other characters are separators —
/// and its number of words. This is the text the matcher sees.
pub fn normalise(text: &str) -> (String, usize) {
    let mut s = String::new();
    normalise_unicode(text, &mut s);
    let words = s.split(' ').filter(|w| !w.is_empty()).count();
    (s, words)
}

/// The normalised pattern of a term and whether it is a prefix (`tariff*`).
pub fn normalise_term(raw: &str) -> Result<(String, bool), String> {
    let t = raw.trim();
    let (body, prefix) = match t.strip_suffix('*') {
        Some(b) => (b, true),
        None => (t, false),
    };
    if body.contains('*') {
        return Err("`*` is only allowed at the end of a term".into());
    }
    let (norm, _) = normalise(body);
    if norm.is_empty() {
        return Err("a term needs at least one letter or digit".into());
    }
    Ok((norm, prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The NFKC quick check only skips work: normalising through the full
    /// NFKC iterator gives the same words.
    #[test]
    fn quick_check_path_equals_full_nfkc() {
        for text in [
            "“Tariffs,” said Ms. Müller — the ﬁrst ½ of 2019’s deficit…",
            "Cafe\u{301} CAFÉ ＦＵＬＬＷＩＤＴＨ ㍱ İstanbul ǅ x\u{308}",
            "plain ascii, with punctuation!",
        ] {
            let mut quick = String::new();
            normalise_unicode(text, &mut quick);
            let mut full = String::new();
            push_words(text.nfkc(), &mut full);
            if full.ends_with(' ') {
                full.pop();
            }
            assert_eq!(quick, full, "{text}");
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(
            normalise("  Money-Supply\n\tGrowth  "),
            ("money supply growth".to_string(), 3)
        );
        assert_eq!(
            normalise("U.S. trade, (re)balanced: 1.5%"),
            ("u s trade re balanced 1 5".to_string(), 7)
        );
        assert_eq!(
            normalise("Émission ﬁscale — ÉTÉ"),
            ("émission fiscale été".to_string(), 3)
        );
        assert_eq!(
            normalise_term("Trade  Talks*"),
            Ok(("trade talks".to_string(), true))
        );
        assert!(normalise_term("*").is_err());
        assert!(normalise_term("a*b").is_err());
    }
}
