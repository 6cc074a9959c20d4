//! Quotes: the direct quotes between quotation marks, paired with the
//! statements that attribute them, and the reported speech of the
//! statements left over.

use super::doc::{Doc, NO_MENTION};
use super::fast_lookup::cue_word;
use super::lexicon::{CueKind, F_BE, F_CLAUSE, F_INTRO};
use super::registry::Person;
use super::sources::{Source, LEAD_IN_WORDS};
use super::sweep::Statement;
use super::tokens::TokenKind;
use crate::article::Quote;

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

/// The direct quotes of the article, in text order. A quote still open at
/// the end of a paragraph runs on if the next paragraph opens with a
/// quotation mark, and ends there otherwise.
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

/// The byte range `s..e` of `t` without surrounding whitespace; `None` when
/// nothing is left or the range does not fall on char boundaries.
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

/// The direct quotes of the article, each with the statement that
/// attributes it, if any: `used` marks those statements.
pub(super) fn direct_quotes(
    d: &mut Doc,
    body: &str,
    groups: &[QuoteGroup],
    attrs: &[Statement],
    outer: &[Option<usize>],
    persons: &[Person],
    used: &mut [bool],
) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    // the statement that attributed the previous quote, and its paragraph
    let mut prev_attr: Option<(usize, usize)> = None;
    let mut ai = 0usize;
    for g in groups {
        let gpara = d.paragraph(g.open);
        let found = statement_for(d, g, gpara, attrs, &mut ai, prev_attr);
        // a paragraph that is a quote and nothing else continues the speaker
        // of the paragraph before
        let carried = if found.is_none() {
            carried_speaker(d, g, gpara, attrs).filter(|&k| used[k])
        } else {
            None
        };
        // a fragment quoted inside a sentence that attributes it to nobody
        // else: the sentence's statement or subject
        let fragment = if found.is_none() && carried.is_none() {
            fragment_statement(d, g, attrs).or_else(|| colon_lead(d, g))
        } else {
            None
        };
        let Some((s, e)) = trim_span(body, g.start, g.end.max(g.start)) else {
            continue;
        };
        let mut q = Quote {
            speaker: None,
            role: None,
            attributed_to: None,
            text: body[s..e].to_string(),
            start: s,
            end: e,
            speakers: Vec::new(),
        };
        if let Some(k) = found {
            used[k] = true;
            // a quote of a statement reported inside another's is the
            // outer speaker's report ("Smith says Jones promised “…”")
            let a = &attrs[outer[k].unwrap_or(k)];
            q.speaker = a.speakers.first().map(|&p| persons[p].name.clone());
            q.speakers = super::all_speakers(a, persons);
            q.role = a.role.clone();
            q.attributed_to = if a.speakers.is_empty() {
                a.source.clone()
            } else {
                None
            };
            prev_attr = Some((k, gpara));
        } else {
            let a = match carried {
                Some(k) => Some(&attrs[k]),
                None => fragment.as_ref(),
            };
            if let Some(a) = a {
                q.speaker = a.speakers.first().map(|&p| persons[p].name.clone());
                q.speakers = super::all_speakers(a, persons);
                q.role = a.role.clone();
            }
            prev_attr = None;
        }
        quotes.push(q);
    }
    quotes
}

/// The statement that attributes the quote `g` (in paragraph `gpara`):
/// (a) one right after its closing mark, (b) one just before its opening
/// mark, or (c) the one that attributed the first half of a quote split
/// around it (`prev_attr`, with its paragraph). `ai` is the first statement
/// after the closing marks seen so far.
fn statement_for(
    d: &Doc,
    g: &QuoteGroup,
    gpara: usize,
    attrs: &[Statement],
    ai: &mut usize,
    prev_attr: Option<(usize, usize)>,
) -> Option<usize> {
    // a statement whose cue or source the opening mark follows right away
    // ("Smith boasted, “…”") attributes it before any after it
    let mut found: Option<usize> = attrs
        .partition_point(|a| a.cue < g.open)
        .checked_sub(1)
        .filter(|&k| {
            opened_quote(d, &attrs[k]) == Some(g.open)
                && !is_signature(d, &attrs[k])
                && !names_a_title(d, g.open)
        });
    // (a) attribution right after the closing mark
    if let Some(cl) = g.close {
        while *ai < attrs.len() && attrs[*ai].cue <= cl {
            *ai += 1;
        }
        if *ai < attrs.len() {
            let a = &attrs[*ai];
            let between_ok = a.cue > cl
                && a.cue - cl <= 20
                && d.paragraph(a.cue) == d.paragraph(cl)
                && !(cl + 1..a.cue).any(|x| {
                    d.tokens[x].kind == TokenKind::QuoteOpen || (d.ends_sentence(x) && x > cl + 1)
                });
            // "“… its end.” Smith added, “…”": a statement that opens the
            // next quote belongs to that one when this one is sentences of
            // their own
            let own_sentence = d
                .sentence_starts
                .get(d.tokens[g.open].sentence as usize)
                .is_some_and(|&st| st == g.open);
            let ends_before = own_sentence && cl > g.open + 1 && d.ends_sentence(cl - 1);
            if found.is_none()
                && between_ok
                && !a.content_after
                && !names_a_title(d, g.open)
                && !(ends_before && opens_quote(d, a))
            {
                found = Some(*ai);
            }
        }
    }
    // (b) attribution just before the opening mark
    if found.is_none() {
        let mut k = (*ai).min(attrs.len());
        while k > 0 && attrs[k - 1].cue >= g.open {
            k -= 1;
        }
        if k > 0 {
            let a = &attrs[k - 1];
            let end = a.cue.max(if a.source_start > a.cue {
                a.source_end
            } else {
                a.cue
            });
            // (or the paragraph before, ending in a colon: "Smith said:")
            let colon_before = g.open >= 1
                && d.tokens[g.open].starts_paragraph
                && d.is_punct(g.open - 1, ':')
                && d.paragraph(a.cue) + 1 == gpara;
            if end < g.open
                && !is_signature(d, a)
                && g.open - end <= 10
                && !names_a_title(d, g.open)
                && (d.paragraph(a.cue) == gpara || colon_before)
                && !(end..g.open)
                    .any(|x| d.ends_sentence(x) || d.tokens[x].kind == TokenKind::QuoteClose)
            {
                found = Some(k - 1);
            }
        }
    }
    // (c) second half of a split quote
    if found.is_none() && !names_a_title(d, g.open) {
        if let Some((pa, ppara)) = prev_attr {
            // (statements between that share its speaker, "…,” Smith said,
            // referring to X. “…", do not split it)
            if ppara == gpara
                && attrs[pa].cue < g.open
                && !is_signature(d, &attrs[pa])
                && attrs[pa + 1..]
                    .iter()
                    .take_while(|a| a.cue < g.open)
                    .all(|a| a.speakers == attrs[pa].speakers && a.source == attrs[pa].source)
            {
                found = Some(pa);
            }
        }
    }
    found
}

/// Whether the statement's cue (or the source phrase after it) is followed
/// right away by an opening quotation mark on its line, past a comma or
/// colon: "Smith added, “…".
fn opens_quote(d: &Doc, a: &Statement) -> bool {
    opened_quote(d, a).is_some()
}

/// The opening quotation mark that `opens_quote` finds, if any.
fn opened_quote(d: &Doc, a: &Statement) -> Option<usize> {
    let mut x = a.cue.max(if a.source_start > a.cue {
        a.source_end.saturating_sub(1)
    } else {
        a.cue
    }) + 1;
    if x < d.tokens.len() && matches!(d.tokens[x].kind, TokenKind::Punct(',' | ':')) {
        x += 1;
    }
    // (on the same line: a signature's name ends its line)
    (x < d.tokens.len()
        && d.tokens[x].kind == TokenKind::QuoteOpen
        && !d
            .body
            .get(d.tokens[x - 1].end as usize..d.tokens[x].start as usize)
            .is_some_and(|gap| gap.contains('\n')))
    .then_some(x)
}

/// The statement whose speaker a quote standing alone as a paragraph
/// continues: the last one of the paragraph just before, naming a person.
fn carried_speaker(d: &Doc, g: &QuoteGroup, gpara: usize, attrs: &[Statement]) -> Option<usize> {
    let cl = g.close?;
    let n = d.tokens.len();
    if !d.tokens[g.open].starts_paragraph || gpara == 0 {
        return None;
    }
    let mut after = cl + 1;
    if after < n && matches!(d.tokens[after].kind, TokenKind::Punct('.')) {
        after += 1;
    }
    if after < n && !d.tokens[after].starts_paragraph {
        return None;
    }
    let k = attrs.partition_point(|a| a.cue < g.open).checked_sub(1)?;
    let a = &attrs[k];
    (d.paragraph(a.cue) + 1 == gpara && !a.speakers.is_empty() && !is_signature(d, a)).then_some(k)
}

/// The statement a fragment quoted inside a sentence belongs to ("Smith
/// likened the plan to a “house of cards”", "Jones called for wages to be
/// “fair” and …"), when no cue next to it attributes it: the last
/// statement of the sentence before it, naming a person and taking what
/// follows its cue, or else the sentence's subject, a person followed by
/// their verb. `None` when a cue after the quote in the sentence may
/// attribute it, or when the sentence's statement names nobody.
fn fragment_statement(d: &mut Doc, g: &QuoteGroup, attrs: &[Statement]) -> Option<Statement> {
    let cl = g.close?;
    let sent = d.tokens[g.open].sentence;
    if d.tokens[cl].sentence != sent || names_a_title(d, g.open) {
        return None;
    }
    let st = d.sentence_starts.get(sent as usize).copied().unwrap_or(0);
    let words_before = (st..g.open)
        .filter(|&x| d.is_word(x) && !d.tokens[x].in_quote)
        .count();
    if words_before < 3 || title_cased(d, g) {
        return None;
    }
    // a statement after the quote, in the sentence: no fragment
    let after = attrs.partition_point(|a| a.cue <= cl);
    if attrs
        .get(after)
        .is_some_and(|a| d.tokens[a.cue].sentence == sent)
    {
        return None;
    }
    let before = attrs.partition_point(|a| a.cue < g.open);
    if let Some(a) = before.checked_sub(1).map(|k| &attrs[k]) {
        // (a statement whose words come before its cue, "Smith responded
        // to …", leaves the fragment after it to the sentence's subject)
        if d.tokens[a.cue].sentence == sent && (a.content_after || a.source_start > a.cue) {
            return (a.content_after && !a.speakers.is_empty()).then(|| a.clone());
        }
    }
    let (a, b, src, _) = d.sentence_subject(g.open)?;
    let Source::Person(pid, role) = src else {
        return None;
    };
    // the subject's verb follows it ("Smith likened"), not a clause or a
    // passive ("Smith was called")
    if b >= g.open
        || !d.is_word(b)
        || d.tokens[b].capitalised
        || d.tokens[b].in_quote
        || d.flags(b) & F_CLAUSE != 0
        || (d.flags(b) & F_BE != 0 && d.is_word(b + 1) && d.word(b + 1).ends_with("ed"))
    {
        return None;
    }
    Some(Statement::of_person(b, (a, b), pid, role, true))
}

/// The statement of a paragraph that ends in a colon after its subject
/// and verb ("Smith made the following comment:", "Jones writes:"), for
/// the quote that opens the next paragraph: the subject's, a person.
fn colon_lead(d: &mut Doc, g: &QuoteGroup) -> Option<Statement> {
    let colon = g.open.checked_sub(1)?;
    if !d.tokens[g.open].starts_paragraph || !d.is_punct(colon, ':') || d.tokens[colon].in_quote {
        return None;
    }
    let st = d.sentence_start(colon);
    // (a sentence of its own, quoting nobody)
    if (st..colon).any(|x| {
        matches!(
            d.tokens[x].kind,
            TokenKind::QuoteOpen | TokenKind::QuoteClose
        )
    }) {
        return None;
    }
    // the sentence's subject, or else the first person named before a verb
    // ("On July 4, 2015, Smith made the following comment:")
    let verb_at = |d: &mut Doc, b: usize| {
        b < colon && d.is_word(b) && !d.tokens[b].capitalised && d.flags(b) & (F_CLAUSE | F_BE) == 0
    };
    let subject = match d.sentence_subject(colon) {
        Some((a, b, Source::Person(pid, role), _)) if verb_at(d, b) => Some((a, b, pid, role)),
        _ => (st..colon).find_map(|x| {
            if d.mention_ending[x] == NO_MENTION || !verb_at(d, x + 1) {
                return None;
            }
            match d.subject_word_before(x, st) {
                Some((a, b, Source::Person(pid, role), _)) if b == x + 1 => Some((a, b, pid, role)),
                _ => None,
            }
        }),
    };
    let (a, b, pid, role) = subject?;
    Some(Statement::of_person(b, (a, b), pid, role, true))
}

/// Whether every longer word of the quote is capitalised: a title or a
/// name ("“Meet the Press”", "“Gang of Eight”"), not words someone said.
fn title_cased(d: &Doc, g: &QuoteGroup) -> bool {
    let mut long = 0;
    for x in g.open + 1..g.close.unwrap_or(g.last) {
        if d.is_word(x) && d.word(x).len() > 3 {
            if !d.tokens[x].capitalised {
                return false;
            }
            long += 1;
        }
    }
    long > 0
}

/// Whether a statement is a signature ("“…” ― Jane Doe"): it signs the
/// quote before it only, neither the next one nor the next paragraph.
fn is_signature(d: &Doc, a: &Statement) -> bool {
    a.source_start > a.cue
        && matches!(
            d.tokens[a.cue].kind,
            TokenKind::Punct('\u{2015}' | '\u{2014}' | '\u{2013}')
        )
}

/// Whether the quote opening at `open` is a title or a name rather than
/// speech: it follows a possessive or a preposition ("told ABC's “This
/// Week”", "said on “Meet the Press”"), or the noun of a work, with or
/// without a comma ("his 2002 book, “Make Your Kid a Millionaire,”", "the
/// anthem “A Change Is Gonna Come”").
pub(super) fn names_a_title(d: &Doc, open: usize) -> bool {
    if open == 0 {
        return false;
    }
    let b = open - 1;
    if d.tokens[b].kind == TokenKind::Possessive
        || ["on", "of", "in", "at", "from", "with", "by"]
            .iter()
            .any(|w| d.lower_is(b, w))
    {
        return true;
    }
    let noun = if d.is_punct(b, ',') && b > 0 {
        b - 1
    } else {
        b
    };
    d.is_word(noun) && WORK_NOUNS.iter().any(|w| d.lower_is(noun, w)) && title_words(d, open)
}

/// Whether the quotation opening at `open` reads as a title: every longer
/// word capitalised, within a few words ("in a column, “Growth will
/// slow,” she wrote" is speech).
fn title_words(d: &Doc, open: usize) -> bool {
    let mut long = 0;
    for x in open + 1..d.tokens.len().min(open + 16) {
        if d.tokens[x].kind == TokenKind::QuoteClose {
            return long > 0;
        }
        if d.is_word(x) && d.word(x).len() > 3 {
            if !d.tokens[x].capitalised {
                return false;
            }
            long += 1;
        }
    }
    false
}

/// Nouns of works whose title a quotation right after them gives.
const WORK_NOUNS: [&str; 22] = [
    "book",
    "novel",
    "memoir",
    "documentary",
    "film",
    "movie",
    "song",
    "anthem",
    "album",
    "hymn",
    "poem",
    "play",
    "musical",
    "series",
    "episode",
    "podcast",
    "column",
    "essay",
    "editorial",
    "op-ed",
    "painting",
    "exhibition",
];

/// The reported speech of a statement that attributes no direct quote:
/// the clause after the cue ("said that ...", up to the cue of the next
/// statement, `next_cue`, when a conjunction joins them), or the sentence
/// before the source phrase ("..., he said"), as a byte range.
pub(super) fn reported_span(
    d: &mut Doc,
    a: &Statement,
    next_cue: Option<usize>,
) -> Option<(u32, u32)> {
    let n = d.tokens.len();
    if a.content_after {
        let mut x = if a.source_start > a.cue {
            a.source_end
        } else {
            a.cue + 1
        };
        // "said on Friday he …": after the time phrase
        loop {
            let t = d.skip_time_phrase(x);
            if t == x {
                break;
            }
            x = t;
        }
        // "said on Monday that …", "told reporters that …": from the "that"
        let lead_in = ["in", "at", "on", "during", "last", "earlier", "this", "to"]
            .iter()
            .any(|w| d.lower_is(x, w))
            || ["told", "tells", "telling"]
                .iter()
                .any(|w| d.lower_is(a.cue, w));
        if lead_in && !d.lower_is(x, "that") {
            if let Some(t) = d.that_within(x, LEAD_IN_WORDS) {
                x = t;
            }
        }
        // "told me the plan …": whom it was told is no part of it
        let told = ["told", "tells", "telling"]
            .iter()
            .any(|w| d.lower_is(a.cue, w));
        if told
            && ["me", "us", "him", "them", "you", "reporters", "journalists"]
                .iter()
                .any(|w| d.lower_is(x, w))
        {
            x += 1;
        }
        while x < n
            && (d.lower_is(x, "that") || matches!(d.tokens[x].kind, TokenKind::Punct(',' | ':')))
        {
            x += 1;
        }
        let mut y = x;
        while y < n
            && !d.ends_sentence(y)
            && !(y > x && d.tokens[y].starts_paragraph)
            && !(y > x && next_cue == Some(y + 1) && next_verb_of_subject(d, y))
        {
            y += 1;
        }
        // a label before a figure or a few words is a list or a headline
        // ("Smith: 1,769"), not a transcript
        let label = d.is_punct(a.cue, ':') && a.source_start < a.cue;
        if label && (x..y).filter(|&k| d.is_word(k)).count() < 4 {
            return None;
        }
        if y > x && x < n {
            Some((d.tokens[x].start, d.span_end((y - 1).min(n - 1))))
        } else {
            None
        }
    } else {
        let st = d.sentence_start(a.cue);
        let lo = a.source_start.min(a.cue);
        // "…, Smith said": the statement ends at a comma or dash before the
        // source; "whom Smith refused" is no statement of Smith's
        let separated = lo > 0
            && matches!(
                d.tokens[lo - 1].kind,
                TokenKind::Punct(',' | '\u{2014}' | '\u{2013}') | TokenKind::QuoteClose
            );
        // (without a comma only "… Smith said." closing the sentence)
        let hi = a.cue.max(a.source_end.saturating_sub(1)) + 1;
        let closing = (d.lower_is(a.cue, "said") || d.lower_is(a.cue, "says"))
            && (hi >= n || d.ends_sentence(hi));
        if lo > st + 1 && (separated || closing) {
            let mut y = lo - 1;
            if let Some(cm) = (st + 1..lo)
                .rev()
                .find(|&x| d.tokens[x].kind == TokenKind::Punct(',') && !d.tokens[x].in_quote)
            {
                if cm > st + 1 {
                    y = cm;
                }
            }
            while y > st
                && matches!(
                    d.tokens[y].kind,
                    TokenKind::Punct(',' | '\u{2014}') | TokenKind::QuoteClose
                )
            {
                y -= 1;
            }
            let mut x = st;
            if d.tokens[x].kind == TokenKind::QuoteOpen {
                x += 1;
            }
            // a lone adverb or a name before the comma ("Still, Smith
            // said") is not what was said
            let words = (x..=y).filter(|&k| d.is_word(k)).count();
            // an opening phrase before the source ("In the end, Smith said,
            // voters …") is not what was said either: the rest of the
            // sentence is
            let opening = words <= 4 && d.is_word(x) && d.flags(x) & F_INTRO != 0;
            // nor is a participle's phrase ("Speaking to students on Monday,
            // Smith responded …"; its preposition tells it from a gerund
            // subject: "Raising taxes would hurt, he said")
            let participle = d.is_word(x)
                && d.tokens[x].capitalised
                && d.word(x).len() > 5
                && d.word(x).ends_with("ing")
                && [
                    "to", "at", "in", "into", "on", "with", "before", "after", "from", "about",
                ]
                .iter()
                .any(|w| d.lower_is(x + 1, w));
            if participle {
                parenthetical_rest(d, a)
            } else if x <= y && words >= 3 && !opening {
                Some((d.tokens[x].start, d.span_end(y)))
            } else if opening {
                parenthetical_rest(d, a)
                    .or_else(|| (words >= 3).then(|| (d.tokens[x].start, d.span_end(y))))
            } else {
                parenthetical_rest(d, a)
            }
        } else {
            parenthetical_rest(d, a)
        }
    }
}

/// Whether token `y` ends a reported clause because the subject's next verb
/// starts there: "Smith called it a burden but said …", "… and added …".
fn next_verb_of_subject(d: &Doc, y: usize) -> bool {
    (d.lower_is(y, "but") || d.lower_is(y, "and"))
        && d.is_word(y + 1)
        && cue_word(d.word(y + 1)).is_some_and(|k| matches!(k, CueKind::Strong | CueKind::Weak))
}

/// The rest of the sentence after a source set off by commas, when what
/// comes before it is too short to be the statement ("Recently, he said,
/// he has realised …").
fn parenthetical_rest(d: &mut Doc, a: &Statement) -> Option<(u32, u32)> {
    let n = d.tokens.len();
    let hi = a.cue.max(a.source_end.saturating_sub(1)) + 1;
    let lo = a.source_start.min(a.cue);
    if hi >= n || lo == 0 || !d.is_punct(hi, ',') || !d.is_punct(lo - 1, ',') {
        return None;
    }
    let x = hi + 1;
    let mut y = x;
    while y < n && !d.ends_sentence(y) && !d.tokens[y].starts_paragraph {
        if d.tokens[y].kind == TokenKind::QuoteOpen {
            return None;
        }
        y += 1;
    }
    if y - x < 3 || !d.is_word(x) {
        return None;
    }
    Some((d.tokens[x].start, d.span_end(y - 1)))
}
