//! One article under analysis (`Doc`): its tokens, sentences and
//! paragraphs, and the per-token buffers kept per thread between articles.

use super::fast_lookup::{lookup_flags, lower_into, may_be_listed, FxBuildHasher, ABBREV_SHAPES};
use super::lexicon::{corp_suffix, has_dot, one_char, F_ABBREV};
use super::mentions::Mention;
use super::registry::Person;
use super::tokens::{Token, TokenKind};
use std::collections::{HashMap, HashSet};

/// One article body under analysis: its tokens, the name mentions found in
/// them and the registry of the people they name.
pub(super) struct Doc<'a> {
    pub(super) body: &'a str,
    pub(super) tokens: Vec<Token>,
    /// First token of each sentence.
    pub(super) sentence_starts: Vec<usize>,
    /// Paragraph number of each token.
    pub(super) paragraph_index: Vec<u32>,
    pub(super) mentions: Vec<Mention>,
    /// Per token: the mention starting there, or `NO_MENTION`.
    pub(super) mention_starting: Vec<u32>,
    /// Per token: the mention ending there (at its last word, and at the
    /// period after it), or `NO_MENTION`.
    pub(super) mention_ending: Vec<u32>,
    /// capitalised words (where a mention can start)
    pub(super) cap_words: TokenBits,
    /// tokens that can trigger something in `sweep_cues` or `vote_genders`: paragraph
    /// starts, tokens with prefilter bits, mention starts
    pub(super) triggers: TokenBits,
    pub(super) persons: Vec<Person>,
    /// per-token word flags (`F_*`), looked up lazily: `FLAGS_UNSET` until asked for
    pub(super) word_flags: Vec<u32>,
    /// mention → person
    pub(super) person_of_mention: Vec<Option<usize>>,
    pub(super) by_surname: HashMap<String, Vec<usize>, FxBuildHasher>,
    pub(super) by_first: HashMap<String, Vec<usize>, FxBuildHasher>,
    /// Reused buffer for lowercased words.
    pub(super) lower_buf: String,
    /// Reused buffer for lookup keys.
    pub(super) key_buf: String,
    /// Names the article also gives with a company suffix ("Diamond
    /// Shamrock" of "Diamond Shamrock Corp"), as `words_key` hashes.
    pub(super) corp_names: HashSet<u64, FxBuildHasher>,
    /// further conjuncts of a coordinated subject found by `subject_before`
    pub(super) coordinated: Vec<usize>,
    /// memo of `scan_surname`
    pub(super) surname_scan: HashMap<&'a str, Option<usize>, FxBuildHasher>,
}

/// Per-token arrays and per-article buffers, kept per thread between calls:
/// allocating them afresh for every article is measurable, the more so in an
/// index run, where the indexer's threads evict the allocator's free lists
/// between articles and each fresh allocation misses the cache.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) tokens: Vec<Token>,
    pub(super) word_flags: Vec<u32>,
    pub(super) paragraph_index: Vec<u32>,
    pub(super) mention_starting: Vec<u32>,
    pub(super) mention_ending: Vec<u32>,
    pub(super) cap_words: TokenBits,
    pub(super) triggers: TokenBits,
    pub(super) sentence_starts: Vec<usize>,
    pub(super) mentions: Vec<Mention>,
    pub(super) person_of_mention: Vec<Option<usize>>,
    pub(super) lower_buf: String,
    pub(super) key_buf: String,
}

/// A set of token indices, a bit each: the passes that act on a few kinds
/// of token (capitalised words, cues, pronouns, mention starts) walk the
/// set bits instead of testing every token, which mispredicts often.
#[derive(Default)]
pub(super) struct TokenBits(Vec<u64>);

impl TokenBits {
    /// Clears the set and sizes it for `n` tokens.
    fn reset(&mut self, n: usize) {
        self.0.clear();
        self.0.resize(n.div_ceil(64), 0);
    }

    /// Adds `i` to the set when `yes`.
    #[inline]
    pub(super) fn insert_if(&mut self, i: usize, yes: bool) {
        self.0[i >> 6] |= u64::from(yes) << (i & 63);
    }

    /// The first index at or after `i` in the set.
    #[inline]
    pub(super) fn next_from(&self, i: usize) -> Option<usize> {
        let mut w = i >> 6;
        let mut bits = self.0.get(w)? & (u64::MAX << (i & 63));
        loop {
            if bits != 0 {
                return Some(w * 64 + bits.trailing_zeros() as usize);
            }
            w += 1;
            bits = *self.0.get(w)?;
        }
    }
}

thread_local! {
    pub(super) static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// No mention starts or ends at this token (in `Doc::mention_starting` and `mention_ending`).
pub(super) const NO_MENTION: u32 = u32::MAX;

/// A token whose word flags have not been looked up yet (in `Doc::word_flags`).
const FLAGS_UNSET: u32 = u32::MAX;

/// The longest word `LowerWord` holds without allocating.
const LOWER_INLINE: usize = 22;

/// Lowercase form of a token (see `Doc::lower`): stored inline for short ASCII words, so the
/// many "is the word before the cue 'he' / 'of' / 'to'" checks do not allocate.
#[derive(Clone)]
pub(super) enum LowerWord {
    Inline([u8; LOWER_INLINE], u8),
    Heap(String),
}

impl LowerWord {
    /// The empty word.
    pub(super) fn empty() -> Self {
        LowerWord::Inline([0; LOWER_INLINE], 0)
    }

    /// The word.
    pub(super) fn as_str(&self) -> &str {
        match self {
            // only ever filled from an ASCII `str`
            LowerWord::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).unwrap_or(""),
            LowerWord::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for LowerWord {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for LowerWord {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl<'a> Doc<'a> {
    /// Analyses `t`, whose tokens are in `sc.tokens`, reusing the buffers of
    /// `sc` for the other per-token arrays.
    pub(super) fn analyse(t: &'a str, sc: Scratch) -> Self {
        let Scratch {
            tokens: mut toks,
            word_flags: mut tf,
            paragraph_index: mut para_idx,
            mention_starting: mut ment_start,
            mention_ending: mut ment_end,
            mut cap_words,
            mut triggers,
            sentence_starts: mut sent_start,
            mut mentions,
            person_of_mention,
            lower_buf: mut lbuf,
            key_buf,
        } = sc;
        tf.clear();
        tf.resize(toks.len(), FLAGS_UNSET);
        // quote state and sentences
        let mut open = false;
        let mut sent = 0u32;
        let mut pending = false;
        sent_start.clear();
        sent_start.push(0);
        para_idx.clear();
        para_idx.resize(toks.len(), 0);
        cap_words.reset(toks.len());
        triggers.reset(toks.len());
        let mut pi = 0u32;
        for i in 0..toks.len() {
            let tk = toks[i];
            if tk.starts_paragraph && i > 0 {
                pi += 1;
            }
            para_idx[i] = pi;
            cap_words.insert_if(i, tk.capitalised && tk.kind == TokenKind::Word);
            triggers.insert_if(i, tk.starts_paragraph || tk.prefilter != 0);
            if tk.starts_paragraph && i > 0 {
                open = false;
                if !pending {
                    sent += 1;
                    sent_start.push(i);
                }
            }
            if pending && (tk.kind != TokenKind::QuoteClose || tk.starts_paragraph) {
                sent += 1;
                sent_start.push(i);
                pending = false;
            } else if pending && tk.starts_paragraph {
                pending = false;
            }
            match tk.kind {
                TokenKind::QuoteOpen => open = true,
                TokenKind::QuoteClose => open = false,
                _ => {}
            }
            let inq = open && tk.kind != TokenKind::QuoteOpen;
            toks[i].in_quote = inq;
            toks[i].sentence = sent;
            if let TokenKind::Punct(c) = tk.kind {
                if c == '.' || c == '?' || c == '!' {
                    let abbrev = i > 0 && {
                        let p = toks[i - 1];
                        p.kind == TokenKind::Word && p.end == tk.start && {
                            let w = &t[p.span()];
                            (one_char(w) && p.capitalised)
                                || may_be_listed(&ABBREV_SHAPES, w)
                                    && {
                                        if tf[i - 1] == FLAGS_UNSET {
                                            tf[i - 1] = lookup_flags(&mut lbuf, w);
                                        }
                                        tf[i - 1] & F_ABBREV != 0
                                    }
                                    && !matches!(
                                        w,
                                        "no" | "No" | "co" | "Co" | "Inc" | "Corp" | "Ltd"
                                    )
                        }
                    };
                    // "No. 4": the abbreviation of "number" before a figure
                    let number = c == '.'
                        && i > 0
                        && matches!(&t[toks[i - 1].span()], "No" | "no" | "NO")
                        && toks[i - 1].end == tk.start
                        && toks.get(i + 1).is_some_and(|nx| {
                            nx.kind == TokenKind::Word
                                && t.as_bytes()[nx.start as usize].is_ascii_digit()
                        });
                    // "Cambridge, Mass., said": a period before a comma ends no sentence
                    let before_comma = c == '.'
                        && toks
                            .get(i + 1)
                            .is_some_and(|nx| matches!(nx.kind, TokenKind::Punct(',' | ';')));
                    // "Rep. Jane Doe (R-Fla.) said": a period closing a
                    // parenthesis that the sentence goes on after ends none
                    let in_parens = c == '.'
                        && toks
                            .get(i + 1)
                            .is_some_and(|nx| nx.kind == TokenKind::Punct(')'))
                        && toks.get(i + 2).is_some_and(|nx| {
                            (nx.kind == TokenKind::Word && !nx.capitalised)
                                || matches!(nx.kind, TokenKind::Punct(',' | ';' | '.'))
                        });
                    if !abbrev && !before_comma && !number && !in_parens {
                        pending = true;
                    }
                }
            }
        }
        let n = toks.len();
        ment_start.clear();
        ment_start.resize(n, NO_MENTION);
        ment_end.clear();
        ment_end.resize(n, NO_MENTION);
        let mut d = Doc {
            body: t,
            tokens: toks,
            sentence_starts: sent_start,
            paragraph_index: para_idx,
            mentions: {
                mentions.clear();
                mentions.reserve(n / 6 + 4);
                mentions
            },
            mention_starting: ment_start,
            mention_ending: ment_end,
            cap_words,
            triggers,
            persons: Vec::new(),
            word_flags: tf,
            person_of_mention,
            by_surname: HashMap::default(),
            by_first: HashMap::default(),
            lower_buf: lbuf,
            key_buf,
            corp_names: HashSet::default(),
            coordinated: Vec::new(),
            surname_scan: HashMap::default(),
        };
        d.find_mentions();
        d.demote_company_names();
        d.build_registry();
        d
    }

    /// Hands the per-token buffers back for reuse.
    pub(super) fn into_scratch(self) -> Scratch {
        Scratch {
            tokens: self.tokens,
            word_flags: self.word_flags,
            paragraph_index: self.paragraph_index,
            mention_starting: self.mention_starting,
            mention_ending: self.mention_ending,
            cap_words: self.cap_words,
            triggers: self.triggers,
            sentence_starts: self.sentence_starts,
            mentions: self.mentions,
            person_of_mention: self.person_of_mention,
            lower_buf: self.lower_buf,
            key_buf: self.key_buf,
        }
    }

    /// The text of token `i`.
    pub(super) fn word(&self, i: usize) -> &'a str {
        let tk = self.tokens[i];
        &self.body[tk.span()]
    }

    /// Whether token `i` exists and is a word.
    pub(super) fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Word
    }

    /// Whether token `i` exists and is the punctuation `c`.
    pub(super) fn is_punct(&self, i: usize, c: char) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Punct(c)
    }

    /// The word flags (`F_*`) of token `i`, looked up on first use (0 for
    /// other tokens and past the end).
    pub(super) fn flags(&mut self, i: usize) -> u32 {
        match self.word_flags.get(i).copied() {
            Some(FLAGS_UNSET) => {
                let f = if self.tokens[i].kind == TokenKind::Word {
                    let tk = self.tokens[i];
                    lookup_flags(&mut self.lower_buf, &self.body[tk.span()])
                } else {
                    0
                };
                self.word_flags[i] = f;
                f
            }
            Some(f) => f,
            None => 0,
        }
    }

    /// lowercase form of token i (owned copy).
    pub(super) fn lower(&mut self, i: usize) -> LowerWord {
        let w = self.word(i);
        if w.is_ascii() && w.len() <= LOWER_INLINE {
            let mut b = [0u8; LOWER_INLINE];
            b[..w.len()].copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            return LowerWord::Inline(b, w.len() as u8);
        }
        lower_into(&mut self.lower_buf, w);
        LowerWord::Heap(self.lower_buf.clone())
    }

    /// Whether token `i` is a word equal to `s`, ignoring ASCII case.
    pub(super) fn lower_is(&self, i: usize, s: &str) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.word(i);
        w.len() == s.len() && w.eq_ignore_ascii_case(s)
    }

    /// Whether token `i` is a period, question or exclamation mark that ends
    /// its sentence (or comes just before a closing quotation mark).
    pub(super) fn ends_sentence(&self, i: usize) -> bool {
        matches!(self.tokens[i].kind, TokenKind::Punct('.' | '?' | '!'))
            && (i + 1 >= self.tokens.len()
                || self.tokens[i + 1].sentence != self.tokens[i].sentence
                || self.tokens[i + 1].kind == TokenKind::QuoteClose)
    }

    /// The first token of token `i`'s sentence.
    pub(super) fn sentence_start(&self, i: usize) -> usize {
        self.sentence_starts
            .get(self.tokens[i].sentence as usize)
            .copied()
            .unwrap_or(0)
    }

    /// Whether token `i` bounds a clause looking back from a cue: a
    /// quotation mark, a semicolon or colon, or the end of a sentence.
    pub(super) fn bounds_clause(&self, i: usize) -> bool {
        matches!(
            self.tokens[i].kind,
            TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::Punct(';' | ':')
        ) || self.ends_sentence(i)
    }

    /// Where a span whose last token is `i` ends, in bytes: past the token,
    /// and past a period glued to it when that period belongs to the word
    /// (an abbreviation, company suffix or initial: "Corp.", "Inc.", "J.",
    /// "W.Va.") even where it also ends the sentence, so that no span ends
    /// inside such a word.
    pub(super) fn span_end(&mut self, i: usize) -> u32 {
        let tk = self.tokens[i];
        let Some(nx) = self.tokens.get(i + 1).copied() else {
            return tk.end;
        };
        if tk.kind != TokenKind::Word || nx.kind != TokenKind::Punct('.') || nx.start != tk.end {
            return tk.end;
        }
        let w = self.word(i);
        // (of a hyphenated word, the last part: "then-Sen.")
        let last = w.rsplit_once('-').map_or(w, |(_, l)| l);
        let own_period = corp_suffix(w)
            || last.chars().next().is_some_and(char::is_uppercase)
                && (one_char(last)
                    || has_dot(last)
                    || (!matches!(last, "No" | "NO")
                        && lookup_flags(&mut self.lower_buf, last) & F_ABBREV != 0));
        if own_period {
            nx.end
        } else {
            tk.end
        }
    }

    /// The text of tokens `a..=b`, trimmed (empty for an empty range or one
    /// past the end).
    pub(super) fn span_text(&self, a: usize, b: usize) -> String {
        // tokens a..=b
        if a > b || b >= self.tokens.len() {
            return String::new();
        }
        self.body[self.tokens[a].start as usize..self.tokens[b].end as usize]
            .trim()
            .to_string()
    }
}

impl Doc<'_> {
    /// The paragraph number of token `i`.
    pub(super) fn paragraph(&self, i: usize) -> usize {
        self.paragraph_index.get(i).copied().unwrap_or(0) as usize
    }
}
