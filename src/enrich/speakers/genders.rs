//! Gender votes: the pronouns that follow a person name decide their
//! gender, which pronoun sources are then resolved by.

use super::doc::{Doc, NO_MENTION};
use super::fast_lookup::FxBuildHasher;
use super::lexicon::given_name_gender;
use super::registry::{GENDER_FEMALE, GENDER_MALE};
use super::tokens::{TokenKind, PRE_PRON};
use std::collections::HashMap;

impl Doc<'_> {
    /// Guesses genders from the pronouns that follow a person who is the only one
    /// named in the sentence (or the previous sentence).
    pub(super) fn vote_genders(&mut self) {
        // a given name that marks a gender settles it before the pronoun
        // votes (an honorific or a title has settled it where there is one)
        for p in self.persons.iter_mut() {
            if p.gender == 0 && p.name.contains(' ') {
                p.gender = given_name_gender(&p.first);
            }
        }
        let mut votes: HashMap<usize, i32, FxBuildHasher> = HashMap::default();
        // (sentence, distinct person or usize::MAX when several)
        let mut cur_sent = u32::MAX;
        let mut cur_p: Option<usize> = None;
        let mut cur_multi = false;
        let mut prev_p: Option<usize> = None;
        let mut prev_ok = false;
        let mut next = self.triggers.next_from(0);
        while let Some(i) = next {
            next = self.triggers.next_from(i + 1);
            // Only name mentions and possible pronouns outside quotes matter.
            // Every sentence has at least one token, so the per-sentence state can be
            // advanced at these tokens alone: skipped sentences named nobody, leaving no
            // previous person.
            let tk = self.tokens[i];
            let ms = self.mention_starting[i];
            if tk.kind != TokenKind::Word
                || tk.in_quote
                || (ms == NO_MENTION && tk.prefilter & PRE_PRON == 0)
            {
                continue;
            }
            if tk.sentence != cur_sent {
                if tk.sentence == cur_sent.wrapping_add(1) {
                    prev_p = cur_p;
                    prev_ok = !cur_multi && cur_sent != u32::MAX;
                } else {
                    prev_p = None;
                    prev_ok = false;
                }
                cur_sent = tk.sentence;
                cur_p = None;
                cur_multi = false;
            }
            if ms != NO_MENTION {
                if let Some(pid) = self.mention_person(ms as usize) {
                    match cur_p {
                        None => cur_p = Some(pid),
                        Some(p) if p != pid => cur_multi = true,
                        _ => {}
                    }
                }
                continue;
            }
            let w = self.word(i);
            // every pronoun below is 2..=7 bytes starting with h/H/s/S
            if w.len() < 2 || w.len() > 7 || !matches!(w.as_bytes()[0], b'h' | b'H' | b's' | b'S') {
                continue;
            }
            let g = match w {
                "he" | "He" | "his" | "His" | "him" | "himself" => 1,
                "she" | "She" | "her" | "Her" | "hers" | "herself" => -1,
                _ => continue,
            };
            let target = if cur_p.is_some() {
                if cur_multi {
                    None
                } else {
                    cur_p
                }
            } else if prev_ok {
                prev_p
            } else {
                None
            };
            if let Some(p) = target {
                *votes.entry(p).or_insert(0) += g;
            }
        }
        for (p, v) in votes {
            if self.persons[p].gender == 0 && v != 0 {
                self.persons[p].gender = if v > 0 { GENDER_MALE } else { GENDER_FEMALE };
            }
        }
    }
}
