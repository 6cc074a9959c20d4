//! The Aho-Corasick automaton over every term's pattern, the one pass that
//! feeds it an article's title and body (normalised on the fly) with its
//! per-thread buffers, and [`TermCounter`], the same pass over arbitrary terms.

use std::collections::HashMap;

use aho_corasick::MatchKind;

use super::normalise::{normalise_term, normalise_unicode, BYTES};

/// What a pattern's match counts for: a term (or veto term) of topic `id`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    pub(super) id: u32,
    pub(super) weight: f32,
    pub(super) prefix: bool,
    pub(super) negative: bool,
}

/// One automaton over the distinct patterns of all terms. A term `oil` becomes the
/// pattern " oil " and a prefix term `tariff*` the pattern " tariff"; the text is fed
/// to the automaton normalised, with a space before and after, so a match is always
/// at word boundaries and needs no further check.
#[derive(Debug)]
pub(super) struct Matcher {
    dfa: Option<aho_corasick::dfa::DFA>,
    /// Targets of each pattern.
    targets: Vec<Vec<Target>>,
    /// `ln(1 + title_weight * t + b)` for small match counts `t`, `b`.
    ln_table: Vec<f32>,
    title_weight: f32,
}

const LN_T: usize = 8;
const LN_B: usize = 32;

/// Per-thread buffers reused across calls.
#[derive(Default)]
struct Scratch {
    buf: String,
    /// Per pattern: matches in the title, in the body.
    counts: Vec<[u16; 2]>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Matcher {
    pub(super) fn build(
        entries: Vec<(String, Target)>,
        title_weight: f32,
    ) -> Result<Matcher, String> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        for (norm, target) in entries {
            let pat = if target.prefix {
                format!(" {norm}")
            } else {
                format!(" {norm} ")
            };
            let i = *index.entry(pat.clone()).or_insert_with(|| {
                pats.push(pat);
                targets.push(Vec::new());
                pats.len() - 1
            });
            targets[i].push(target);
        }
        let mut ln_table = vec![0f32; LN_T * LN_B];
        for t in 0..LN_T {
            for b in 0..LN_B {
                ln_table[t * LN_B + b] = (1.0 + title_weight * t as f32 + b as f32).ln();
            }
        }
        let dfa = if pats.is_empty() {
            None
        } else {
            Some(
                aho_corasick::dfa::DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&pats)
                    .map_err(|e| format!("cannot compile the terms: {e}"))?,
            )
        };
        Ok(Matcher {
            dfa,
            targets,
            ln_table,
            title_weight,
        })
    }

    /// Distinct patterns in the automaton.
    pub(super) fn patterns(&self) -> usize {
        self.targets.len()
    }

    /// The automaton's size in bytes.
    pub(super) fn memory_usage(&self) -> usize {
        use aho_corasick::automaton::Automaton;
        self.dfa.as_ref().map_or(0, |d| d.memory_usage())
    }

    /// `(n, ln(1 + n))` for `t` title and `b` body matches.
    fn weigh(&self, t: u16, b: u16) -> (f32, f32) {
        let n = self.title_weight * t as f32 + b as f32;
        let ln = if (t as usize) < LN_T && (b as usize) < LN_B {
            self.ln_table[t as usize * LN_B + b as usize]
        } else {
            n.ln_1p()
        };
        (n, ln)
    }

    /// Scans title and body; calls `f(target, n, ln(1 + n))` for every target whose term
    /// occurred, with `n = title_weight * title matches + body matches`. Returns the word count.
    pub(super) fn run(
        &self,
        title: &str,
        body: &str,
        mut f: impl FnMut(&Target, f32, f32),
    ) -> usize {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.run_with(&mut s, title, body, &mut f),
            Err(_) => self.run_with(&mut Scratch::default(), title, body, &mut f),
        })
    }

    fn run_with(
        &self,
        s: &mut Scratch,
        title: &str,
        body: &str,
        f: &mut impl FnMut(&Target, f32, f32),
    ) -> usize {
        if s.counts.len() < self.targets.len() {
            s.counts.resize(self.targets.len(), [0; 2]);
        }
        let Scratch {
            buf,
            counts,
            touched,
        } = s;
        touched.clear();
        let mut words = 0;
        for (slot, text) in [title, body].into_iter().enumerate() {
            words += if text.is_ascii() {
                self.scan(text.as_bytes(), slot, counts, touched)
            } else {
                normalise_unicode(text, buf);
                self.scan(buf.as_bytes(), slot, counts, touched)
            };
        }
        for &pid in touched.iter() {
            let Some(c) = counts.get_mut(pid as usize) else {
                continue;
            };
            let [t, b] = std::mem::take(c);
            let (n, ln) = self.weigh(t, b);
            for target in self
                .targets
                .get(pid as usize)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                f(target, n, ln);
            }
        }
        touched.clear();
        words
    }

    /// Feeds `" " + normalise(text) + " "` to the automaton in one pass, normalising on
    /// the fly, and counts matches per pattern (`slot` 0 = title, 1 = body). Returns the
    /// number of words.
    fn scan(
        &self,
        text: &[u8],
        slot: usize,
        counts: &mut [[u16; 2]],
        touched: &mut Vec<u32>,
    ) -> usize {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        let Some(dfa) = &self.dfa else {
            return normalise_words(text);
        };
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return 0;
        };
        let mut words = 0usize;
        let mut prev_space = true;
        sid = dfa.next_state(Anchored::No, sid, b' ');
        for &b in text {
            let c = BYTES[b as usize];
            let is_space = c == b' ';
            if is_space & prev_space {
                continue;
            }
            words += (!is_space & prev_space) as usize;
            prev_space = is_space;
            sid = dfa.next_state(Anchored::No, sid, c);
            if dfa.is_special(sid) {
                record(dfa, sid, slot, counts, touched);
            }
        }
        if !prev_space {
            sid = dfa.next_state(Anchored::No, sid, b' ');
            if dfa.is_special(sid) {
                record(dfa, sid, slot, counts, touched);
            }
        }
        words
    }
}

/// Counts the patterns that end in match state `sid`.
#[inline(never)]
fn record(
    dfa: &aho_corasick::dfa::DFA,
    sid: aho_corasick::automaton::StateID,
    slot: usize,
    counts: &mut [[u16; 2]],
    touched: &mut Vec<u32>,
) {
    use aho_corasick::automaton::Automaton;
    if !dfa.is_match(sid) {
        return;
    }
    for k in 0..dfa.match_len(sid) {
        let pid = dfa.match_pattern(sid, k).as_usize();
        if let Some(cnt) = counts.get_mut(pid) {
            if *cnt == [0; 2] {
                touched.push(pid as u32);
            }
            cnt[slot] = cnt[slot].saturating_add(1);
        }
    }
}

/// Word count of a text as the matcher would see it.
fn normalise_words(text: &[u8]) -> usize {
    let mut words = 0;
    let mut prev_space = true;
    for &b in text {
        let is_space = BYTES[b as usize] == b' ';
        words += (!is_space & prev_space) as usize;
        prev_space = is_space;
    }
    words
}

/// Counts arbitrary terms in articles the way [`Taxonomy::classify`] does (used to
/// compute features when learning weights).
///
/// [`Taxonomy::classify`]: super::Taxonomy::classify
#[derive(Debug)]
pub struct TermCounter {
    matcher: Matcher,
}

impl TermCounter {
    /// A counter for `terms` (taxonomy syntax: `tariff*` is a prefix).
    pub fn new(terms: &[String], title_weight: f64) -> Result<TermCounter, String> {
        let mut entries = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            let (norm, prefix) = normalise_term(t).map_err(|m| format!("term `{t}`: {m}"))?;
            entries.push((
                norm,
                Target {
                    id: i as u32,
                    weight: 1.0,
                    prefix,
                    negative: false,
                },
            ));
        }
        Ok(TermCounter {
            matcher: Matcher::build(entries, title_weight as f32)?,
        })
    }

    /// `(term index, n)` for every term that occurs, with `n` as in scoring, and the word count.
    pub fn count(&self, title: &str, body: &str) -> (Vec<(u32, f32)>, usize) {
        let mut out = Vec::new();
        let words = self.matcher.run(title, body, |t, n, _| out.push((t.id, n)));
        out.sort_unstable_by_key(|x| x.0);
        (out, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_counter_matches_scoring() {
        let c =
            TermCounter::new(&["oil".into(), "crude oil".into(), "tariff*".into()], 3.0).unwrap();
        let (counts, words) = c.count("Crude oil", "oil tariffs");
        assert_eq!(counts, vec![(0, 4.0), (1, 3.0), (2, 1.0)]);
        assert_eq!(words, 4);
    }
}
