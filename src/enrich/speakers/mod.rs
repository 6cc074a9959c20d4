//! Speaker and quote attribution.
//!
//! Finds direct quotes (straight or curly, split around the attribution,
//! running over several paragraphs) and reported speech introduced by a
//! speech verb, and attributes them to named people resolved within the
//! article (surname → full name, pronoun → salient person, "the Treasury
//! secretary" → the person holding that role).
//!
//! The pipeline is linear in the text length: one tokenisation pass, one pass
//! that groups capitalised words into name mentions, a registry of the
//! people named in full, then one sweep over the speech cues that looks only
//! at a small window of tokens around each cue.
//!
//! The modules follow that pipeline: `tokens` (tokenizer), `doc` (the
//! article's sentences, paragraphs and buffers), `mentions` (names),
//! `registry` (people), `genders` (pronoun votes), `sweep` (speech cues,
//! with the source-phrase grammar in `sources`) and `quotes` (quote groups,
//! paired with the statements here). `lexicon` holds the word lists and
//! `fast_lookup` their lookup tables.

mod doc;
mod fast_lookup;
mod genders;
mod lexicon;
mod mentions;
mod quotes;
mod registry;
mod sources;
mod sweep;
#[cfg(test)]
mod tests;
mod tokens;

use crate::article::Quote;
use doc::{Doc, SCRATCH};
use fast_lookup::cue_word;
use quotes::{direct_quotes, quote_groups, reported_span, trim_span};
use registry::title_speaker;
use tokens::{tokenize_into, Token, TokenKind, PRE_CUE};

/// Quotes and the named people they are attributed to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// Distinct speakers' full names, in order of first attribution.
    pub speakers: Vec<String>,
    pub quotes: Vec<Quote>,
}

/// The longest body analysed (token offsets are `u32`).
const MOST_BODY_BYTES: usize = u32::MAX as usize;

/// Finds the quotes and attributed statements of an article body.
pub fn attribute(title: &str, body: &str) -> Attribution {
    // Token offsets are 32-bit (smaller tokens, fewer cache misses while the
    // indexer evicts ours): a body over 4 GiB is analysed up to the last
    // character boundary below that.
    let body = match body.len() {
        n if n <= MOST_BODY_BYTES => body,
        _ => {
            &body[..(0..=MOST_BODY_BYTES)
                .rev()
                .find(|&i| body.is_char_boundary(i))
                .unwrap_or(0)]
        }
    };
    // (`try_with`: fresh buffers if the thread-local is already gone at thread exit)
    let mut sc = SCRATCH
        .try_with(|s| std::mem::take(&mut *s.borrow_mut()))
        .unwrap_or_default();
    tokenize_into(body, &mut sc.tokens);
    if !title.contains(':') && !may_attribute(body, &sc.tokens) {
        let _ = SCRATCH.try_with(|s| *s.borrow_mut() = sc);
        return Attribution::default();
    }
    let mut d = Doc::analyse(body, sc);
    let (attrs, mut persons) = d.sweep_cues();

    // title speakers: "Name: ..." or "Name says ..."
    let mut order: Vec<usize> = Vec::new();
    let title_speaker = title_speaker(title, &mut d, &mut persons);
    if let Some(p) = title_speaker {
        order.push(p);
    }

    // what each statement reports after its cue, and the statements said
    // inside another's ("Smith says Jones promised to ...": Smith's)
    let spans: Vec<Option<(u32, u32)>> = attrs
        .iter()
        .enumerate()
        .map(|(k, a)| {
            if a.content_after {
                reported_span(&mut d, a, attrs.get(k + 1).map(|n| n.cue))
            } else {
                None
            }
        })
        .collect();
    let outer = nesting(&d, &attrs, &spans);

    // quotes
    let groups = quote_groups(&d);
    let mut used = vec![false; attrs.len()];
    let mut quotes = direct_quotes(&mut d, body, &groups, &attrs, &outer, &persons, &mut used);

    // reported speech
    for (k, a) in attrs.iter().enumerate() {
        // (someone whose words another reports is no speaker of the article
        // for that)
        if outer[k].is_none() {
            for &p in &a.speakers {
                if !order.contains(&p) {
                    order.push(p);
                }
            }
        }
        // (what a statement inside another's reports is part of the outer one's)
        if used[k] || outer[k].is_some() {
            continue;
        }
        let span = if a.content_after {
            spans[k]
        } else {
            reported_span(&mut d, a, attrs.get(k + 1).map(|n| n.cue))
        };
        if let Some((s, e)) = span.and_then(|(s, e)| trim_span(body, s, e)) {
            quotes.push(Quote {
                speaker: a.speakers.first().map(|&p| persons[p].name.clone()),
                role: a.role.clone(),
                attributed_to: if a.speakers.is_empty() {
                    a.source.clone()
                } else {
                    None
                },
                text: body[s..e].to_string(),
                start: s,
                end: e,
                speakers: all_speakers(a, &persons),
            });
        }
    }
    quotes.sort_by_key(|q| (q.start, q.end));

    let mut speakers: Vec<String> = Vec::new();
    for p in order {
        let name = persons[p].name.clone();
        if !speakers.contains(&name) {
            speakers.push(name);
        }
    }
    let sc = d.into_scratch();
    let _ = SCRATCH.try_with(|s| *s.borrow_mut() = sc);
    Attribution { speakers, quotes }
}

/// For each statement, the earlier statement of its sentence whose reported
/// speech (`spans`) holds its cue, if any: "Smith says Jones promised to
/// …" reports Smith's words, Jones's promise among them.
fn nesting(
    d: &Doc,
    attrs: &[sweep::Statement],
    spans: &[Option<(u32, u32)>],
) -> Vec<Option<usize>> {
    let mut out = vec![None; attrs.len()];
    let mut open: Option<usize> = None;
    for (k, a) in attrs.iter().enumerate() {
        if let Some(o) = open {
            let (s, e) = spans[o].unwrap_or((0, 0));
            let at = d.tokens[a.cue].start;
            let lo = a.source_start.min(a.cue);
            // in the clause the outer cue opens: no comma, colon or dash
            // between ("…, though Smith said" stands apart)
            let in_clause = attrs[o].cue < lo
                && !(attrs[o].cue + 1..lo).any(|x| {
                    matches!(
                        d.tokens[x].kind,
                        TokenKind::Punct(',' | ';' | ':' | '\u{2015}' | '\u{2014}' | '\u{2013}')
                    )
                });
            if d.tokens[attrs[o].cue].sentence == d.tokens[a.cue].sentence
                && s <= at
                && at < e
                && in_clause
            {
                // (the same speaker's second verb is a statement of its own)
                if a.speakers.is_empty() || a.speakers != attrs[o].speakers {
                    out[k] = Some(o);
                }
                continue;
            }
        }
        open = spans[k].is_some().then_some(k);
    }
    out
}

/// The names of a statement's speakers when there are several (the quote's
/// `speakers`), none otherwise.
fn all_speakers(a: &sweep::Statement, persons: &[registry::Person]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if a.speakers.len() > 1 {
        for &p in &a.speakers {
            let name = &persons[p].name;
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    if out.len() > 1 {
        out
    } else {
        Vec::new()
    }
}

/// Whether a body of these tokens can hold anything `attribute` finds:
/// every quote and attribution starts from a quotation mark (signed quotes
/// too: their dash follows a closing mark), a speech cue or a colon
/// (transcript labels). Tables, lists and reports without any of them are
/// not analysed further.
fn may_attribute(t: &str, toks: &[Token]) -> bool {
    toks.iter().any(|tk| match tk.kind {
        TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::Punct(':') => true,
        TokenKind::Word => tk.prefilter & PRE_CUE != 0 && cue_word(&t[tk.span()]).is_some(),
        _ => false,
    })
}
