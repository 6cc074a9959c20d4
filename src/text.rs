//! Small text helpers shared by the search results and the output.

/// Text as one clean line: whitespace runs collapsed to one space, control
/// characters (escape sequences included) and bidirectional overrides
/// dropped, so article text cannot move a terminal's cursor, recolour it or
/// display differently from what it is.
///
/// ```
/// use econ_archive::text::one_line;
/// assert_eq!(one_line("Tariffs\x1b[2J\n\n rise\u{202E}"), "Tariffs[2J rise");
/// ```
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c.is_control() || is_invisible_control(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Characters that change how text around them is shown without being
/// seen: bidirectional overrides, isolates and marks (U+202A–202E,
/// U+2066–2069, U+200E, U+200F, U+061C) and zero-width characters
/// (U+200B–200D, U+2060, U+FEFF).
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

/// Would this character, printed raw, act on a terminal (escape sequences,
/// other C0 and C1 controls) or hide how text reads? Line feeds, tabs and
/// carriage returns are layout and pass.
pub fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || is_invisible_control(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_articles_are_removed() {
        assert_eq!(
            one_line("Tariffs\x1b[2J\x1b[31m rise\x07"),
            "Tariffs[2J[31m rise"
        );
        assert_eq!(one_line("a\u{202E}b\r\nc"), "ab c");
    }
}
