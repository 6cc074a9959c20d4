//! The few HTML fragments built outside the templates (text with marked
//! ranges, an article body with its quotes), escaped here piece by piece.

use crate::Quote;
use std::fmt::Write as _;
use std::ops::Range;

/// Escapes text for an HTML element or a quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

/// `text` with the byte `ranges` in `<mark>`; ranges that are out of
/// order, overlapping or not on character boundaries are skipped.
pub(crate) fn marked(text: &str, ranges: &[Range<usize>]) -> String {
    let mut s = String::with_capacity(text.len() + 16 * ranges.len());
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end <= r.start || text.get(r.clone()).is_none() {
            continue;
        }
        s.push_str(&escape(&text[at..r.start]));
        s.push_str("<mark>");
        s.push_str(&escape(&text[r.clone()]));
        s.push_str("</mark>");
        at = r.end;
    }
    s.push_str(&escape(&text[at..]));
    s
}

/// Who a quote is given to, as its label says it.
pub(crate) fn attribution(q: &Quote) -> String {
    match (&q.speaker, &q.role, &q.attributed_to) {
        (Some(name), Some(role), _) => format!("{name} ({role})"),
        (Some(name), None, _) => name.clone(),
        (None, _, Some(other)) => other.clone(),
        (None, _, None) => "unattributed".to_string(),
    }
}

/// The anchor of a quote in its article's page.
pub(crate) fn quote_anchor(q: &Quote) -> String {
    format!("q{}", q.start)
}

/// An article body with each quote in a `<mark class="quote">` that says
/// who it is given to (`data-speaker`, a tooltip and a label after it).
/// A quote inside another keeps its anchor at the end of the outer one.
pub(crate) fn body_with_quotes(body: &str, quotes: &[Quote]) -> String {
    let mut order: Vec<&Quote> = quotes.iter().filter(|q| q.is_in_body(body)).collect();
    order.sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    let mut s = String::with_capacity(body.len() + 120 * order.len());
    let mut at = 0;
    for q in order {
        let who = attribution(q);
        let start = q.start.max(at);
        if q.end <= at || body.get(start..q.end).is_none() {
            let _ = write!(s, r#"<span id="{}"></span>"#, quote_anchor(q));
            continue;
        }
        s.push_str(&escape(&body[at..start]));
        // The label goes after a closing quotation mark, not inside it.
        let closing = body[q.end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\u{201D}' | '\u{2019}' | '\u{BB}'))
            .map_or(0, char::len_utf8);
        let _ = write!(
            s,
            r#"<mark class="quote" id="{}" data-speaker="{}" title="{}" tabindex="0">{}</mark>{}<span class="who" aria-label="said by">{}</span>"#,
            quote_anchor(q),
            escape(q.speaker.as_deref().unwrap_or("")),
            escape(&who),
            escape(&body[start..q.end]),
            escape(&body[q.end..q.end + closing]),
            escape(&who),
        );
        at = q.end + closing;
    }
    s.push_str(&escape(&body[at..]));
    s
}

/// A path segment, percent-encoded (ids may hold `/`, `#`, spaces).
pub(crate) fn segment(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            s.push(b as char);
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_escapes_every_piece() {
        let t = "<b>tariffs</b> & more";
        assert_eq!(
            marked(t, &[Range { start: 3, end: 10 }]),
            "&lt;b&gt;<mark>tariffs</mark>&lt;/b&gt; &amp; more"
        );
        // A range off a character boundary is skipped, not a panic.
        assert_eq!(marked("é", &[Range { start: 1, end: 2 }]), "é");
    }

    #[test]
    fn quotes_are_marked_with_their_speaker_and_nested_ones_keep_an_anchor() {
        let body = r#"He said "<script>x</script> is fine" today."#;
        let q = |s: usize, e: usize, who: &str| Quote {
            speaker: Some(who.into()),
            role: None,
            attributed_to: None,
            text: body[s..e].to_string(),
            start: s,
            end: e,
            speakers: Vec::new(),
        };
        let html = body_with_quotes(body, &[q(9, 36, "Ann Lee"), q(10, 18, "Bo")]);
        assert!(html.contains(r#"data-speaker="Ann Lee""#), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains(r#"<span id="q10"></span>"#), "{html}");
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(segment("a/b c#1"), "a%2Fb%20c%231");
    }
}
