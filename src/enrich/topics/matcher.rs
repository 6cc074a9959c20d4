//! The Aho-Corasick automaton over every term's pattern, the one pass that
//! feeds it an article's title and body (normalised on the fly) with its
//! per-thread buffers, and [`TermCounter`], the same pass over arbitrary terms.

use std::collections::HashMap;

use aho_corasick::MatchKind;

use super::normalise::{normalise_term, normalise_unicode, BYTES};

/// What a pattern's match counts for: a term (or veto term, or passage term) of topic `id`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    pub(super) id: u32,
    pub(super) weight: f32,
    pub(super) prefix: bool,
    pub(super) negative: bool,
    /// Counted in the best window of the body, not over the whole article.
    pub(super) passage: bool,
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
    /// Per pattern: whether any of its targets is a passage term.
    in_passage: Vec<bool>,
    /// Window length, in body words, for passage terms.
    passage_words: u32,
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
    /// Body matches of passage patterns: (word index, pattern), in text order.
    hits: Vec<(u32, u32)>,
    /// Passage terms that occurred, grouped by topic.
    slots: Vec<Slot>,
    /// The hits of one topic's passage terms: (word index, index in its slots).
    events: Vec<(u32, u32)>,
}

/// A passage term that occurred: its matches in the title and in the current window.
#[derive(Debug, Clone, Copy)]
struct Slot {
    topic: u32,
    pattern: u32,
    weight: f32,
    title: u16,
    window: u16,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Matcher {
    pub(super) fn build(
        entries: Vec<(String, Target)>,
        title_weight: f32,
        passage_words: f64,
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
        let in_passage = targets
            .iter()
            .map(|ts| ts.iter().any(|t| t.passage))
            .collect();
        Ok(Matcher {
            dfa,
            targets,
            ln_table,
            title_weight,
            in_passage,
            passage_words: passage_words.clamp(1.0, u32::MAX as f64) as u32,
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

    /// Scans title and body; calls `f(target, n, ln(1 + n))` for every whole-article target
    /// whose term occurred, with `n = title_weight * title matches + body matches`. Returns
    /// the word count.
    pub(super) fn run(
        &self,
        title: &str,
        body: &str,
        mut f: impl FnMut(&Target, f32, f32),
    ) -> usize {
        self.run_passages(title, body, &mut f, &mut |_, _| {})
    }

    /// Like [`Matcher::run`], and calls `g(topic, score)` for every topic whose passage
    /// terms occurred, with its best window's score: `sum(weight * ln(1 + n))` for `n =
    /// title_weight * title matches + matches in one `passage_words` window of the body.
    pub(super) fn run_passages(
        &self,
        title: &str,
        body: &str,
        f: &mut impl FnMut(&Target, f32, f32),
        g: &mut impl FnMut(u32, f32),
    ) -> usize {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.run_with(&mut s, title, body, f, g),
            Err(_) => self.run_with(&mut Scratch::default(), title, body, f, g),
        })
    }

    fn run_with(
        &self,
        s: &mut Scratch,
        title: &str,
        body: &str,
        f: &mut impl FnMut(&Target, f32, f32),
        g: &mut impl FnMut(u32, f32),
    ) -> usize {
        if s.counts.len() < self.targets.len() {
            s.counts.resize(self.targets.len(), [0; 2]);
        }
        s.touched.clear();
        s.hits.clear();
        let mut words = 0;
        for (slot, text) in [title, body].into_iter().enumerate() {
            let mut sink = Sink {
                slot,
                counts: &mut s.counts,
                touched: &mut s.touched,
                hits: &mut s.hits,
                in_passage: &self.in_passage,
            };
            words += if text.is_ascii() {
                self.scan(text.as_bytes(), &mut sink)
            } else {
                normalise_unicode(text, &mut s.buf);
                self.scan(s.buf.as_bytes(), &mut sink)
            };
        }
        self.passages(s, g);
        let Scratch {
            counts, touched, ..
        } = s;
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
                if !target.passage {
                    f(target, n, ln);
                }
            }
        }
        touched.clear();
        words
    }

    /// Each topic's best passage score: a window of `passage_words` body words slides
    /// over the hits of the topic's passage terms (two pointers, so linear in the hits).
    fn passages(&self, s: &mut Scratch, g: &mut impl FnMut(u32, f32)) {
        let Scratch {
            counts,
            touched,
            hits,
            slots,
            events,
            ..
        } = s;
        slots.clear();
        for &pid in touched.iter() {
            if !self.in_passage.get(pid as usize).copied().unwrap_or(false) {
                continue;
            }
            let title = counts.get(pid as usize).map_or(0, |c| c[0]);
            for t in self.targets[pid as usize].iter().filter(|t| t.passage) {
                slots.push(Slot {
                    topic: t.id,
                    pattern: pid,
                    weight: t.weight,
                    title,
                    window: 0,
                });
            }
        }
        slots.sort_unstable_by_key(|s| (s.topic, s.pattern));
        let score = |group: &[Slot]| -> f32 {
            group
                .iter()
                .filter(|s| s.title > 0 || s.window > 0)
                .map(|s| s.weight * self.weigh(s.title, s.window).1)
                .sum()
        };
        for group in slots.chunk_by_mut(|a, b| a.topic == b.topic) {
            events.clear();
            for &(pos, pid) in hits.iter() {
                if let Ok(k) = group.binary_search_by_key(&pid, |s| s.pattern) {
                    events.push((pos, k as u32));
                }
            }
            let mut best = score(group);
            let mut left = 0;
            for right in 0..events.len() {
                let (pos, k) = events[right];
                group[k as usize].window = group[k as usize].window.saturating_add(1);
                while events[left].0 + self.passage_words <= pos {
                    let k = events[left].1 as usize;
                    group[k].window = group[k].window.saturating_sub(1);
                    left += 1;
                }
                best = best.max(score(group));
            }
            g(group[0].topic, best);
        }
    }

    /// Feeds `" " + normalise(text) + " "` to the automaton in one pass, normalising on
    /// the fly, and counts matches per pattern (`slot` 0 = title, 1 = body). Returns the
    /// number of words.
    fn scan(&self, text: &[u8], sink: &mut Sink<'_>) -> usize {
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
                sink.record(dfa, sid, words as u32);
            }
        }
        if !prev_space {
            sid = dfa.next_state(Anchored::No, sid, b' ');
            if dfa.is_special(sid) {
                sink.record(dfa, sid, words as u32);
            }
        }
        words
    }
}

/// Where one text's matches go (`slot` 0 = title, 1 = body).
struct Sink<'a> {
    slot: usize,
    counts: &'a mut [[u16; 2]],
    touched: &'a mut Vec<u32>,
    hits: &'a mut Vec<(u32, u32)>,
    in_passage: &'a [bool],
}

impl Sink<'_> {
    /// Counts the patterns that end in match state `sid`, at body word `word`.
    #[inline(never)]
    fn record(
        &mut self,
        dfa: &aho_corasick::dfa::DFA,
        sid: aho_corasick::automaton::StateID,
        word: u32,
    ) {
        use aho_corasick::automaton::Automaton;
        if !dfa.is_match(sid) {
            return;
        }
        for k in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, k).as_usize();
            if let Some(cnt) = self.counts.get_mut(pid) {
                if *cnt == [0; 2] {
                    self.touched.push(pid as u32);
                }
                cnt[self.slot] = cnt[self.slot].saturating_add(1);
                if self.slot == 1 && self.in_passage.get(pid).copied().unwrap_or(false) {
                    self.hits.push((word, pid as u32));
                }
            }
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
                    passage: false,
                },
            ));
        }
        Ok(TermCounter {
            matcher: Matcher::build(entries, title_weight as f32, 1.0)?,
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
