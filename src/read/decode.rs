//! Bytes → `String`: UTF-8 (BOM stripped), UTF-16 with a BOM, and a
//! Windows-1252 fallback for bytes that are not UTF-8. Never fails.

use std::borrow::Cow;

/// How many leading bytes the binary sniffing looks at.
const SNIFF_BYTES: usize = 8192;

/// True when the start of the content looks like a binary file rather than
/// text: a known binary signature, more than a few NUL bytes, or a high
/// share of control characters in the first 8 KB. UTF-16 text with a BOM is
/// not binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.is_empty() || utf16_bom(head).is_some() {
        return false;
    }
    const MAGIC: [&[u8]; 9] = [
        b"%PDF-",
        b"PK\x03\x04",
        b"\x89PNG",
        b"GIF8",
        b"\xFF\xD8\xFF",
        b"\x1F\x8B",
        b"\x7FELF",
        b"\xD0\xCF\x11\xE0",
        b"BZh",
    ];
    if MAGIC.iter().any(|m| head.starts_with(m)) {
        return true;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let ctrl = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    // Stray NUL or control bytes in text are tolerated (stripped when
    // decoding); binary formats are dense with them.
    nul * 10 > head.len() || ctrl * 10 > head.len()
}

/// Does `bytes` start with a UTF-16 byte-order mark?
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    utf16_bom(bytes).is_some()
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes file content. Invalid UTF-8 never aborts: a file with no valid
/// multi-byte UTF-8 sequence at all is decoded entirely as Windows-1252;
/// otherwise each invalid byte is decoded as Windows-1252 and the rest as
/// UTF-8. NUL bytes and other C0 control characters (but tab, line feed,
/// carriage return, form feed) are removed. What was done is reported in
/// `warnings`.
pub fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let text: Cow<str> = if let Some(enc) = utf16_bom(bytes) {
        let (s, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            warnings.push(format!("invalid {} sequences replaced", enc.name()));
        }
        s
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => Cow::Owned(decode_mixed(body, e.valid_up_to(), warnings)),
        }
    };
    let removed = text.chars().filter(|&c| is_unwanted_control(c)).count();
    if removed == 0 {
        return text.into_owned();
    }
    let nul = text.chars().filter(|&c| c == '\0').count();
    if nul > 0 {
        warnings.push(format!("removed {nul} NUL byte(s)"));
    }
    text.chars().filter(|&c| !is_unwanted_control(c)).collect()
}

/// C0 controls other than tab, line feed, carriage return and form feed, and DEL.
pub fn is_unwanted_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{7f}'
}

fn decode_mixed(bytes: &[u8], first_bad: usize, warnings: &mut Vec<String>) -> String {
    let has_utf8_multibyte = bytes
        .utf8_chunks()
        .any(|chunk| chunk.valid().bytes().any(|b| b >= 0x80));
    if !has_utf8_multibyte {
        warnings.push(format!(
            "not UTF-8 (first bad byte at offset {first_bad}): decoded as Windows-1252"
        ));
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        return s.into_owned();
    }
    let mut out = String::with_capacity(bytes.len());
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for &b in chunk.invalid() {
            bad += 1;
            let one = [b];
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
            out.push_str(&s);
        }
    }
    warnings.push(format!(
        "{bad} byte(s) not valid UTF-8 (first at offset {first_bad}): decoded as Windows-1252"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> (String, Vec<String>) {
        let mut w = Vec::new();
        let s = decode(b, &mut w);
        (s, w)
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(dec("héllo".as_bytes()), ("héllo".to_string(), vec![]));
        assert_eq!(dec(b"\xEF\xBB\xBFhello").0, "hello");
        assert!(dec(b"\xEF\xBB\xBFhello").1.is_empty());
    }

    #[test]
    fn cp1252_fallback() {
        // "café – “quoted”" in Windows-1252.
        let (s, w) = dec(b"caf\xE9 \x96 \x93quoted\x94");
        assert_eq!(s, "café – “quoted”");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("Windows-1252"), "{w:?}");
    }

    #[test]
    fn mixed_keeps_utf8() {
        let mut b = "naïve ".as_bytes().to_vec();
        b.push(0xFC);
        b.extend_from_slice(" end".as_bytes());
        let (s, w) = dec(&b);
        assert_eq!(s, "naïve ü end");
        assert!(w[0].contains("offset 7"), "{w:?}");
    }

    #[test]
    fn nul_and_controls_removed() {
        let (s, w) = dec(b"a\0b\x03c\td\r\n");
        assert_eq!(s, "abc\td\r\n");
        assert!(w.iter().any(|w| w.contains("NUL")), "{w:?}");
    }

    #[test]
    fn utf16() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Fed".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert!(!looks_binary(&b));
        assert_eq!(dec(&b).0, "Fed");
    }

    #[test]
    fn binary_sniffing() {
        assert!(looks_binary(b"%PDF-1.4 stuff"));
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n"));
        assert!(looks_binary(&[0u8, 1, 2, 3, 4, 5, 200, 0, 0, 7]));
        let mut mostly_text = b"plain text ".repeat(100);
        mostly_text.push(0);
        assert!(!looks_binary(&mostly_text));
        assert!(!looks_binary(b""));
        assert!(!looks_binary("Grüße, “quotes” — dashes".as_bytes()));
    }
}
