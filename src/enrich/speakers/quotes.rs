//! Direct quotes: the token groups between quotation marks.

use super::doc::Doc;
use super::tokens::TokenKind;

/// A direct quote: the tokens from an opening quotation mark to its closing
/// one (or to the end of the paragraph, if no closing mark follows).
pub(super) struct QuoteGroup {
    /// The opening mark.
    pub(super) open: usize,
    /// The closing mark, if any.
    pub(super) close: Option<usize>,
    /// Byte range of the quoted text.
    pub(super) start: u32,
    pub(super) end: u32,
    /// last token index inside the group (or the close mark)
    pub(super) last: usize,
}

pub(super) fn quote_groups(d: &Doc) -> Vec<QuoteGroup> {
    let toks = &d.tokens;
    let mut out = Vec::new();
    let mut cur: Option<QuoteGroup> = None;
    for (i, tk) in toks.iter().enumerate() {
        if tk.starts_paragraph {
            if let Some(mut g) = cur.take() {
                if tk.kind == TokenKind::QuoteOpen {
                    // multi-paragraph quote continues
                    g.last = i;
                    cur = Some(g);
                    continue;
                }
                if i > 0 {
                    g.end = toks[i - 1].end;
                    g.last = i - 1;
                }
                out.push(g);
            }
        }
        match tk.kind {
            TokenKind::QuoteOpen if cur.is_none() => {
                cur = Some(QuoteGroup {
                    open: i,
                    close: None,
                    start: tk.end,
                    end: tk.end,
                    last: i,
                });
            }
            TokenKind::QuoteClose => {
                if let Some(mut g) = cur.take() {
                    g.close = Some(i);
                    g.end = tk.start;
                    g.last = i;
                    out.push(g);
                }
            }
            _ => {
                if let Some(g) = cur.as_mut() {
                    g.last = i;
                    g.end = tk.end;
                }
            }
        }
    }
    if let Some(g) = cur.take() {
        out.push(g);
    }
    out
}

pub(super) fn trim_span(t: &str, s: u32, e: u32) -> Option<(usize, usize)> {
    let (s, e) = (s as usize, e as usize);
    let sub = t.get(s..e)?;
    let lead = sub.len() - sub.trim_start().len();
    let trail = sub.len() - sub.trim_end().len();
    let (s2, e2) = (s + lead, e - trail);
    if s2 >= e2 {
        return None;
    }
    Some((s2, e2))
}
