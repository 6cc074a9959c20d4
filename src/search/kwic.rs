//! Keyword in context: every occurrence of a query's words and phrases in the
//! bodies of the matching articles, with the text to its left and right — the
//! concordance view of discourse analysis.
//!
//! Occurrences follow the analyser the index uses ([`analysis::prose_analyzer`]):
//! a word matches every body word with the same stem after case and accent
//! folding (`tariffs` finds "tariff" and "Tariffs"); a phrase matches its
//! words at consecutive positions and is one occurrence spanning all of them
//! (`"interest rates"` finds "Interest Rate"; `"interest rates"~2` also
//! "interest on the rates"); a prefix, wildcard or fuzzy word (`tariff*`)
//! matches body words as written (folded, not stemmed), as the search does.
//! Words under NOT, and parts restricted to another field (`title:`,
//! `speaker:`, `topic:`…), only select articles. Overlapping occurrences are
//! merged into the first, longest one.

use super::backend::Backend;
use super::query::{Node, Query, WordPattern};
use super::request::{Filters, SearchRequest, SortOrder};
use crate::analysis;
use crate::article::ArticleRef;
use crate::error::Error;
use crate::text::one_line;
use std::ops::Range;
use std::sync::Arc;

/// What to look for in a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// Analysed tokens at these positions relative to the first; with
    /// `slop` > 0, up to that many other words may stand between them in all.
    Sequence {
        words: Vec<(usize, String)>,
        slop: u32,
    },
    /// Any word that, as written (folded, not stemmed), fits the pattern.
    Pattern(WordPattern),
}

/// The body matchers of a parsed query: its positive, unfielded (or `body:`)
/// words, phrases and patterns.
pub fn matchers(node: &Node) -> Vec<Matcher> {
    let mut out = Vec::new();
    collect(node, &mut out);
    out.dedup();
    out
}

fn collect(node: &Node, out: &mut Vec<Matcher>) {
    let in_body = |f: &Option<String>| matches!(f.as_deref(), None | Some("body"));
    match node {
        Node::Word { field, text } if in_body(field) => {
            if let Some(m) = sequence(text, 0) {
                out.push(m);
            }
        }
        Node::Phrase { field, text, slop } if in_body(field) => {
            if let Some(m) = sequence(text, *slop) {
                out.push(m);
            }
        }
        Node::Pattern { field, pattern } if in_body(field) => {
            out.push(Matcher::Pattern(pattern.clone()))
        }
        Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| collect(p, out)),
        Node::Boost { node, .. } => collect(node, out),
        _ => {}
    }
}

fn sequence(text: &str, slop: u32) -> Option<Matcher> {
    let toks = tokens(text);
    let first = toks.first()?.position;
    Some(Matcher::Sequence {
        words: toks
            .into_iter()
            .map(|t| (t.position - first, t.stem))
            .collect(),
        slop,
    })
}

/// One word of a text: its position, its stem (as indexed), the word as
/// written (folded, for patterns) and its byte range.
#[derive(Debug, Clone)]
struct Tok {
    position: usize,
    stem: String,
    word: String,
    from: usize,
    to: usize,
}

/// The words of a text, with the prose analyser's boundaries and stems.
fn tokens(text: &str) -> Vec<Tok> {
    let mut analyzer = analysis::name_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(Tok {
            position: t.position,
            stem: analysis::stem_memoized(&t.text),
            word: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

/// Where a sequence starting at token `i` ends (byte offset), if it matches:
/// each next word at its relative position, or later by at most the slop
/// left over.
fn sequence_end(
    toks: &[Tok],
    at: &[Option<usize>],
    i: usize,
    words: &[(usize, String)],
    slop: u32,
) -> Option<usize> {
    let start = toks[i].position;
    let mut shift = 0usize;
    let mut end = None;
    for (k, (rel, word)) in words.iter().enumerate() {
        let mut found = None;
        // The first word is at the start itself; the others may come later.
        let room = if k == 0 {
            0
        } else {
            (slop as usize).saturating_sub(shift)
        };
        for extra in 0..=room {
            if let Some(Some(j)) = at.get(start + rel + shift + extra) {
                if toks[*j].stem == *word {
                    found = Some((*j, extra));
                    break;
                }
            }
        }
        let (j, extra) = found?;
        shift += extra;
        end = Some(toks[j].to);
    }
    end
}

/// Byte ranges of `text` where the matchers match, in order, without overlaps.
pub fn occurrences(text: &str, matchers: &[Matcher]) -> Vec<Range<usize>> {
    if matchers.is_empty() {
        return Vec::new();
    }
    let toks = tokens(text);
    let max_pos = toks.iter().map(|t| t.position).max().unwrap_or(0);
    let mut at: Vec<Option<usize>> = vec![None; max_pos + 1];
    for (i, t) in toks.iter().enumerate() {
        at[t.position] = Some(i);
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        for m in matchers {
            match m {
                Matcher::Pattern(p) => {
                    if p.matches(&t.word) {
                        found.push(t.from..t.to);
                    }
                }
                Matcher::Sequence { words, slop } => {
                    if let Some(end) = sequence_end(&toks, &at, i, words, *slop) {
                        found.push(t.from..end);
                    }
                }
            }
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in found {
        if out.last().is_none_or(|last| r.start >= last.end) {
            out.push(r);
        }
    }
    out
}

/// Up to `width` characters of `s` nearest its end (`from_end`) or its start,
/// whitespace runs collapsed to one space and control characters dropped.
fn take_chars(s: &str, width: usize, from_end: bool) -> String {
    let mut out: Vec<char> = Vec::with_capacity(width);
    let mut space = false;
    let mut push = |c: char, out: &mut Vec<char>| {
        if c.is_whitespace() {
            space = true;
            return;
        }
        if c.is_control() {
            return;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    };
    if from_end {
        for c in s.chars().rev() {
            if out.len() >= width {
                break;
            }
            push(c, &mut out);
        }
        out.truncate(width);
        out.reverse();
    } else {
        for c in s.chars() {
            if out.len() >= width {
                break;
            }
            push(c, &mut out);
        }
        out.truncate(width);
    }
    out.into_iter().collect()
}

/// The left context, the match and the right context of `range` in `text`,
/// each as one line of text ([`one_line`]); the contexts hold at most
/// `width` characters, cut at character boundaries.
pub fn context(text: &str, range: Range<usize>, width: usize) -> (String, String, String) {
    let left = text.get(..range.start).unwrap_or("");
    let hit = text.get(range.clone()).unwrap_or("");
    let right = text.get(range.end..).unwrap_or("");
    (
        one_line(&take_chars(left, width, true)),
        one_line(hit),
        one_line(&take_chars(right, width, false)),
    )
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq)]
pub struct KwicLine {
    /// 1-based position of the article in the result list.
    pub article_rank: usize,
    pub article: Arc<ArticleRef>,
    pub left: String,
    pub keyword: String,
    pub right: String,
    /// Byte offsets of the match in the body.
    pub start: usize,
    pub end: usize,
}

/// A concordance to make.
#[derive(Debug, Clone)]
pub struct KwicRequest {
    pub query: Query,
    pub filters: Filters,
    /// Characters of context on each side.
    pub width: usize,
    /// Articles to read; `None` for all matching articles.
    pub limit: Option<usize>,
    pub sort: SortOrder,
}

impl KwicRequest {
    /// The concordance of `query` in the first 100 articles, oldest first,
    /// 40 characters of context.
    pub fn new(query: Query) -> KwicRequest {
        KwicRequest {
            query,
            filters: Filters::default(),
            width: 40,
            limit: Some(100),
            sort: SortOrder::DateAscending,
        }
    }
}

/// A concordance: how many articles match and will be read, and the lines,
/// made as they are taken.
pub struct KwicList<'a> {
    /// Articles matching the query and filters.
    pub articles_matching: usize,
    /// Articles the lines come from (at most the limit).
    pub articles_read: usize,
    pub lines: Box<dyn Iterator<Item = Result<KwicLine, Error>> + 'a>,
}

/// Makes a concordance.
pub fn concordance<'a>(backend: &'a dyn Backend, req: &KwicRequest) -> Result<KwicList<'a>, Error> {
    let ms = matchers(req.query.root());
    let mut search = SearchRequest::new(req.query.clone());
    search.filters = req.filters.clone();
    search.sort = req.sort;
    search.limit = req.limit;
    search.snippets = false;
    let results = backend.search(&search)?;
    let width = req.width;
    let lines = results
        .hits
        .flat_map(move |hit| -> Vec<Result<KwicLine, Error>> {
            let hit = match hit {
                Ok(h) => h,
                Err(e) => return vec![Err(e)],
            };
            let body = &hit.article.body;
            let article = Arc::new(ArticleRef::of(&hit.article));
            occurrences(body, &ms)
                .into_iter()
                .map(|r| {
                    let (left, keyword, right) = context(body, r.clone(), width);
                    Ok(KwicLine {
                        article_rank: hit.rank,
                        article: article.clone(),
                        left,
                        keyword,
                        right,
                        start: r.start,
                        end: r.end,
                    })
                })
                .collect()
        });
    Ok(KwicList {
        articles_matching: results.total,
        articles_read: results.page_len,
        lines: Box::new(lines),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(q: &str, text: &str) -> Vec<String> {
        let ms = matchers(&crate::search::query::parse(q).unwrap());
        occurrences(text, &ms)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn stemmed_words_phrases_and_prefixes() {
        assert_eq!(
            occ(
                "tariffs",
                "A tariff here, Tariffs there; TARIFF. Not tariffing."
            ),
            vec!["tariff", "Tariffs", "TARIFF"]
        );
        assert_eq!(
            occ(
                "\"interest rates\"",
                "Interest Rates rose; the interest\n rate fell; interest and rates."
            ),
            vec!["Interest Rates", "interest\n rate"]
        );
        assert_eq!(
            occ("tarif*", "Tariffs and tarifa"),
            vec!["Tariffs", "tarifa"]
        );
        // Overlaps: the phrase wins over its own words.
        assert_eq!(
            occ("interest \"interest rates\"", "interest rates and interest"),
            vec!["interest rates", "interest"]
        );
        // NOT and other fields only select articles.
        assert!(occ("title:budget -deficit", "budget deficit").is_empty());
        assert_eq!(occ("body:budget", "the Budget"), vec!["Budget"]);
        assert_eq!(occ("zurich", "in Zürich today"), vec!["Zürich"]);
    }

    #[test]
    fn contexts_collapse_whitespace_and_cut_at_chars() {
        let text = "é€ one\n\n two   three TARGET four\tfive ü";
        let start = text.find("TARGET").unwrap();
        let (l, m, r) = context(text, start..start + 6, 9);
        assert_eq!(l, "two three");
        assert_eq!(m, "TARGET");
        assert_eq!(r, "four five");
        let (l, _, r) = context(text, start..start + 6, 100);
        assert_eq!(l, "é€ one two three");
        assert_eq!(r, "four five ü");
        let (l, _, _) = context("\x1b[31mred TARGET", 9..15, 20);
        assert_eq!(l, "[31mred");
    }
}
