//! The registry of the people an article names: full names, and the
//! surnames, given names and titles that refer back to them.

use super::doc::Doc;
use super::fast_lookup::{lookup_flags, pack_word, FxBuildHasher, FAST_WORDS};
use super::lexicon::{given_name_gender, F_ORG, F_PLACE, F_STOP, F_SUFFIX, F_TIME, F_TITLE, WORDS};
use super::mentions::MentionKind;
use std::collections::HashMap;

/// A person the article names.
#[derive(Clone, Debug)]
pub(super) struct Person {
    /// The name as displayed: the full name once one is seen.
    pub(super) name: String,
    /// The first word of the name, lowercased (the surname itself while
    /// only a surname is known).
    pub(super) first: String,
    /// A name suffix ("jr"), lowercased, or empty.
    pub(super) suffix: String,
    /// `GENDER_MALE`, `GENDER_FEMALE`, or 0 while unknown.
    pub(super) gender: u8,
}

/// A man (in `Person::gender`, `Mention::gender` and `Source::Pronoun`).
pub(super) const GENDER_MALE: u8 = 1;
/// A woman.
pub(super) const GENDER_FEMALE: u8 = 2;

impl Doc<'_> {
    /// The first word, surname and suffix of a full name, lowercased: "John
    /// Smith Jr." gives john, smith and jr.
    fn split_name(name: &str) -> (String, String, String) {
        // first word, last two words and word count, without collecting the words
        let mut it = name.split_whitespace();
        let Some(first_w) = it.next() else {
            return (String::new(), String::new(), String::new());
        };
        let (mut prev, mut last, mut n) = (first_w, first_w, 1usize);
        for w in it {
            prev = last;
            last = w;
            n += 1;
        }
        let mut suffix = String::new();
        let mut surname_w = last;
        if n > 2 {
            let l = last.trim_end_matches('.');
            let f = match pack_word(l, true) {
                Some(k) => FAST_WORDS.get(k),
                None => WORDS.get(l.to_lowercase().as_str()).copied().unwrap_or(0),
            };
            if f & F_SUFFIX != 0 {
                suffix = l.to_lowercase();
                surname_w = prev;
            }
        }
        (fold_key(first_w), fold_key(surname_w), suffix)
    }

    /// Whether two given names can be the same person's ("J." and "John").
    fn compatible_first(a: &str, b: &str) -> bool {
        let a = a.trim_end_matches('.');
        let b = b.trim_end_matches('.');
        a == b || (!a.is_empty() && !b.is_empty() && (a.starts_with(b) || b.starts_with(a)))
    }

    /// The person named `name`: one already registered that it can refer to,
    /// or a new one.
    pub(super) fn find_or_add(&mut self, name: &str, gender: u8) -> usize {
        let (first, surname, suffix) = Self::split_name(name);
        self.find_or_add_parts(name, gender, first, surname, suffix)
    }

    /// `find_or_add`, with the name already split by `split_name`.
    fn find_or_add_parts(
        &mut self,
        name: &str,
        gender: u8,
        first: String,
        surname: String,
        suffix: String,
    ) -> usize {
        if let Some(ids) = self.by_surname.get(&surname) {
            for &id in ids {
                let p = &self.persons[id];
                if p.suffix == suffix
                    && (p.first == surname || Self::compatible_first(&p.first, &first))
                {
                    if p.first == surname && first != surname {
                        // surname-only entry upgraded to a full name
                        let p = &mut self.persons[id];
                        p.name = name.to_string();
                        p.first = first.clone();
                        self.by_first.entry(first).or_default().push(id);
                    }
                    if gender != 0 && self.persons[id].gender == 0 {
                        self.persons[id].gender = gender;
                    }
                    return id;
                }
            }
        }
        let id = self.persons.len();
        // index entries; key strings are allocated only for new keys
        if first != surname {
            match self.by_first.get_mut(first.as_str()) {
                Some(ids) => ids.push(id),
                None => {
                    self.by_first.insert(first.clone(), vec![id]);
                }
            }
        }
        match self.by_surname.get_mut(surname.as_str()) {
            Some(ids) => ids.push(id),
            None => {
                self.by_surname.insert(surname, vec![id]);
            }
        }
        self.persons.push(Person {
            name: name.to_string(),
            first,
            suffix,
            gender,
        });
        id
    }

    /// Registers the people named in full, then resolves the one-word names
    /// (titled ones first) against them.
    pub(super) fn build_registry(&mut self) {
        let mut mp = std::mem::take(&mut self.person_of_mention);
        mp.clear();
        mp.resize(self.mentions.len(), None);
        // The same full name recurs often. Once `find_or_add` has resolved a name whose first
        // word differs from its surname, that person's `first` is fixed for good, so a
        // repeat call returns the same id and only fills in a missing gender: memoize it.
        let mentions = std::mem::take(&mut self.mentions);
        let mut memo: HashMap<String, usize, FxBuildHasher> = HashMap::default();
        let mut name = String::new();
        for (mn, slot) in mentions.iter().zip(mp.iter_mut()) {
            if mn.kind == MentionKind::Full {
                let g = mn.gender;
                self.name_text(&mut name, mn.name_start, mn.end);
                if let Some(&id) = memo.get(name.as_str()) {
                    if g != 0 && self.persons[id].gender == 0 {
                        self.persons[id].gender = g;
                    }
                    *slot = Some(id);
                    continue;
                }
                let (first, surname, suffix) = Self::split_name(&name);
                let stable = first != surname;
                let id = self.find_or_add_parts(&name, g, first, surname, suffix);
                if stable {
                    memo.insert(name.clone(), id);
                }
                *slot = Some(id);
            }
        }
        drop(memo);
        // single-word names: resolved against the registry, borrowing the word in place
        for kind in [MentionKind::Titled, MentionKind::Bare] {
            for (mn, slot) in mentions.iter().zip(mp.iter_mut()) {
                if slot.is_none() && mn.kind == kind {
                    self.name_text(&mut name, mn.name_start, mn.end);
                    let word = name.split_whitespace().last().unwrap_or("");
                    *slot = if kind == MentionKind::Titled {
                        self.resolve_single(word, mn.gender, true)
                    } else {
                        self.resolve_single(word, 0, false)
                    };
                }
            }
        }
        self.mentions = mentions;
        self.person_of_mention = mp;
    }

    /// The person mention `m` refers to, if any.
    pub(super) fn mention_person(&mut self, m: usize) -> Option<usize> {
        self.person_of_mention.get(m).copied().flatten()
    }

    /// Resolves a one-word name (surname, or given name used alone).
    pub(super) fn resolve_single(&mut self, word: &str, gender: u8, titled: bool) -> Option<usize> {
        // lowercase into a reused buffer instead of allocating a key per lookup
        let mut key = std::mem::take(&mut self.key_buf);
        key.clear();
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&fold_key(word));
        }
        let found = self.lookup_single(&key, gender);
        self.key_buf = key;
        if let Some(r) = found {
            return r;
        }
        // Chinese-style order: "Xi" for "Xi Jinping" is the first word.
        if titled {
            return Some(self.find_or_add(word, gender));
        }
        None
    }

    /// Registry part of `resolve_single`: `Some(answer)`, or `None` when `key` is unknown.
    fn lookup_single(&self, key: &str, gender: u8) -> Option<Option<usize>> {
        if let Some(ids) = self.by_surname.get(key) {
            if gender == 0 {
                return Some(ids.first().copied());
            }
            // "Mrs. Clinton" where only a man of that surname is known
            // ("Bill Clinton"): someone else, of that gender
            let g_of = |id: usize| {
                let p = &self.persons[id];
                match p.gender {
                    0 if p.name.contains(' ') => given_name_gender(&p.first),
                    g => g,
                }
            };
            if let Some(&id) = ids.iter().find(|&&id| self.persons[id].gender == gender) {
                return Some(Some(id));
            }
            return ids
                .iter()
                .copied()
                .find(|&id| g_of(id) == 0 || g_of(id) == gender)
                .map(Some);
        }
        if let Some(ids) = self.by_first.get(key) {
            if ids.len() == 1 {
                return Some(ids.first().copied());
            }
        }
        None
    }
}

/// A name word as a registry key: lower case, a curly apostrophe as a
/// straight one ("O’Neill" and "O'Neill" are one person).
fn fold_key(w: &str) -> String {
    let k = w.to_lowercase();
    if k.contains('\u{2019}') {
        k.replace('\u{2019}', "'")
    } else {
        k
    }
}

/// The person a title names before a colon ("Mnuchin: ...", "Steven
/// Mnuchin: ..."), among `persons`, the people `sweep_cues` handed over.
pub(super) fn title_speaker(title: &str, d: &mut Doc, persons: &mut Vec<Person>) -> Option<usize> {
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let (head, _) = title.split_once(':')?;
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 3
        || words
            .iter()
            .any(|w| !w.chars().next().is_some_and(|c| c.is_uppercase()))
    {
        return None;
    }
    std::mem::swap(&mut d.persons, persons);
    let res = if words.len() == 1 {
        let f = lookup_flags(&mut d.lower_buf, words[0]);
        if f & (F_STOP | F_PLACE | F_ORG | F_TITLE | F_TIME) != 0 {
            None
        } else {
            d.resolve_single(words[0], 0, false)
        }
    } else {
        let name = words.join(" ");
        let (first, surname, _) = Doc::split_name(&name);
        d.by_surname.get(&surname).and_then(|ids| {
            ids.iter()
                .copied()
                .find(|&id| Doc::compatible_first(&d.persons[id].first, &first))
        })
    };
    std::mem::swap(&mut d.persons, persons);
    res
}
