//! The source-phrase grammar: who a speech cue's subject, inverted subject
//! or "according to" object names.

use super::doc::{Doc, LowerWord, NO_MENTION};
use super::fast_lookup::cue_of;
use super::lexicon::{
    is_allcaps, CueKind, F_ADV, F_BE, F_CLAUSE, F_DET, F_HONOR, F_INTRO, F_ORG, F_PLACE, F_PRETIME,
    F_ROLE, F_STOP, F_TIME, F_TITLE,
};
use super::mentions::MentionKind;
use super::registry::{GENDER_FEMALE, GENDER_MALE};
use super::tokens::TokenKind;

/// The most words of a lead-in phrase ("in an interview with …") before the
/// "that" of reported speech.
pub(super) const LEAD_IN_WORDS: usize = 14;

/// Whether a word negates the verb after it: "not", "never" is an
/// adverb already, and the contracted "isn’t", "didn't", "won’t".
fn is_negation(w: &str) -> bool {
    w == "not" || w.ends_with("n’t") || w.ends_with("n't")
}

/// Who a source phrase next to a speech cue names.
#[derive(Clone, Debug)]
pub(super) enum Source {
    /// A registered person (by index), with the role the phrase gives.
    Person(usize, Option<String>),
    /// "he" or "she" (a gender, `GENDER_*`), resolved to a recent person.
    Pronoun(u8),
    /// "the president": a role, resolved to the person holding it
    Role(String),
    /// A lowercase noun phrase naming nobody ("officials", "a spokesman").
    Unnamed(String),
    /// A mention (by index) that is not a registered person: an
    /// organisation, or a surname that may yet turn out to be one.
    Mention(usize),
}

impl Doc<'_> {
    /// Skips adverbs and time phrases going left from `p` (inclusive); returns the new position.
    fn skip_adverbs_back(&mut self, mut p: usize, lim: usize) -> Option<usize> {
        let mut guard = 0;
        loop {
            guard += 1;
            if guard > 8 || p < lim {
                return Some(p);
            }
            if !self.is_word(p) {
                return Some(p);
            }
            // a negation ("isn’t saying", "did not say", "has not said")
            if !self.tokens[p].capitalised && p > lim && is_negation(self.word(p)) {
                p -= 1;
                if self.lower_is(p, "did") || self.lower_is(p, "does") || self.lower_is(p, "do") {
                    if p == lim {
                        return Some(p);
                    }
                    p -= 1;
                }
                continue;
            }
            let f = self.flags(p);
            // "on Thursday evening said"
            if f & F_TIME != 0
                && p > lim + 1
                && self.is_word(p - 1)
                && self.flags(p - 1) & F_TIME != 0
                && self.is_word(p - 2)
                && self.flags(p - 2) & F_PRETIME != 0
            {
                if p - 2 == 0 {
                    return None;
                }
                p -= 3;
                continue;
            }
            if f & F_TIME != 0 && p > lim {
                let pf = self.flags(p - 1);
                if pf & F_PRETIME != 0 && self.is_word(p - 1) {
                    if p - 1 == 0 {
                        return None;
                    }
                    p -= 2;
                    // "at the time"
                    continue;
                }
                if self.lower_is(p - 1, "the") && p >= 2 && self.flags(p - 2) & F_PRETIME != 0 {
                    if p < 3 {
                        return None;
                    }
                    p -= 3;
                    continue;
                }
                if self.tokens[p].capitalised
                    && self.is_word(p - 1)
                    && self.tokens[p - 1].capitalised
                {
                    // "Mnuchin Tuesday said"
                    p -= 1;
                    continue;
                }
            }
            // an unlisted "-ly" adverb right after a name or a pronoun
            // ("Smith boldly suggested", "he steadfastly refused"), not a
            // noun after an article or a possessive ("Smith's family said")
            if f == 0
                && p > lim
                && !self.tokens[p].capitalised
                && {
                    let w = self.word(p);
                    w.len() > 4 && w.ends_with("ly")
                }
                && (self.mention_ending[p - 1] != NO_MENTION
                    || ["he", "she", "they", "who"]
                        .iter()
                        .any(|w| self.lower_is(p - 1, w)))
            {
                p -= 1;
                continue;
            }
            if f & F_ADV != 0 && !self.tokens[p].capitalised && f & F_TIME == 0 {
                if p == 0 {
                    return None;
                }
                p -= 1;
                continue;
            }
            if f & F_ADV != 0
                && f & F_TIME != 0
                && !self.tokens[p].capitalised
                && p > lim
                && self.is_word(p - 1)
                && self.flags(p - 1) & F_PRETIME != 0
            {
                p -= 2;
                continue;
            }
            return Some(p);
        }
    }

    /// The source a mention stands for: its person (with its role) when it
    /// names one, else the mention itself.
    fn mention_source(&mut self, m: usize) -> Option<Source> {
        if self.mentions[m].kind == MentionKind::Other {
            return Some(Source::Mention(m));
        }
        match self.mention_person(m) {
            Some(p) => Some(Source::Person(p, self.mentions[m].role.clone())),
            None => Some(Source::Mention(m)),
        }
    }

    /// Noun phrase ending at token p (lowercase head).
    fn noun_phrase_before(&mut self, p: usize, lim: usize) -> (usize, Option<Source>) {
        let mut q = p;
        let mut det = LowerWord::empty();
        let mut steps = 0;
        while q > lim && steps < 6 {
            let x = q - 1;
            let tk = self.tokens[x];
            if tk.kind == TokenKind::Possessive {
                q = x;
                steps += 1;
                continue;
            }
            if tk.kind == TokenKind::Punct('.')
                && x > 0
                && self.is_word(x - 1)
                && self.tokens[x - 1].capitalised
            {
                q = x;
                continue;
            }
            if tk.kind != TokenKind::Word || tk.in_quote {
                break;
            }
            let f = self.flags(x);
            if f & F_DET != 0 && (!tk.capitalised || self.lower_is(x, "the")) {
                det = self.lower(x);
                q = x;
                break;
            }
            if f & F_CLAUSE != 0 || (!tk.capitalised && cue_of(self.word(x)).is_some()) {
                break;
            }
            q = x;
            steps += 1;
        }
        let text = self.span_text(q, p);
        let hf = self.flags(p);
        if det == "the" && hf & F_ROLE != 0 {
            return (q, Some(Source::Role(text)));
        }
        (q, Some(Source::Unnamed(text)))
    }

    /// A bare surname never given in full ("Gingrich said"): accepted as a person when the
    /// same capitalised word occurs at least twice in the article outside sentence starts.
    pub(super) fn bare_surname_person(&mut self, m: usize, kind: CueKind) -> Option<usize> {
        if !matches!(kind, CueKind::Strong | CueKind::Weak | CueKind::Ing) {
            return None;
        }
        let (kind_m, m0, m1) = (
            self.mentions[m].kind,
            self.mentions[m].start,
            self.mentions[m].end,
        );
        if kind_m != MentionKind::Bare || m1 == m0 {
            return None;
        }
        // only sentence-initial function words may precede the surname ("Later Okonkwo said")
        let t0 = m1 - 1;
        if (m0..t0).any(|x| !self.is_word(x) || self.flags(x) & F_STOP == 0) {
            return None;
        }
        let w = self.word(t0);
        // letters, and apostrophes or hyphens between them ("O'Neill")
        let joined_ok = w
            .char_indices()
            .all(|(k, ch)| ch.is_alphabetic() || (k > 0 && matches!(ch, '\'' | '\u{2019}' | '-')))
            && w.chars().last().is_some_and(char::is_alphabetic);
        if w.chars().count() < 3 || is_allcaps(w) || !joined_ok {
            return None;
        }
        if self.flags(t0) != 0 {
            return None;
        }
        // The whole-article scan depends only on the word: do it once per distinct word,
        // not once per cue (which would be quadratic in the article length).
        let scan = match self.surname_scan.get(w) {
            Some(&r) => r,
            None => {
                let r = self.scan_surname(w);
                self.surname_scan.insert(w, r);
                r
            }
        };
        if scan.is_none_or(|mid| mid < 2) {
            return None;
        }
        // people are referred to as he/she, organisations as it
        let (mut pers, mut it) = (0, 0);
        for i in t0 + 1..(t0 + 60).min(self.tokens.len()) {
            if self.is_word(i) {
                let x = self.word(i);
                if x.eq_ignore_ascii_case("he")
                    || x.eq_ignore_ascii_case("she")
                    || x.eq_ignore_ascii_case("his")
                    || x.eq_ignore_ascii_case("her")
                {
                    pers += 1;
                } else if x.eq_ignore_ascii_case("it") || x.eq_ignore_ascii_case("its") {
                    it += 1;
                }
            }
        }
        if pers == 0 || it > pers {
            return None;
        }
        let name = w.to_string();
        let g = self.mentions[m].gender;
        Some(self.find_or_add(&name, g))
    }

    /// A single word the mention grammar took for a place or an
    /// organisation ("Jordan said") that is the surname of the one person
    /// the article names in full with it ("Rep. Jim Jordan"): that person,
    /// as the subject of a speech cue.
    pub(super) fn surname_of_named_person(&mut self, m: usize, kind: CueKind) -> Option<usize> {
        let (m0, m1) = (self.mentions[m].start, self.mentions[m].end);
        if !matches!(kind, CueKind::Strong | CueKind::Weak)
            || m1 != m0 + 1
            || !self.is_word(m0)
            || !self.tokens[m0].capitalised
            || is_allcaps(self.word(m0))
        {
            return None;
        }
        let key = self.word(m0).to_lowercase();
        match self.by_surname.get(&key).map(Vec::as_slice) {
            Some(&[id]) if self.persons[id].name.contains(' ') => Some(id),
            _ => None,
        }
    }

    /// Occurrences of the capitalised word `w` outside sentence starts, or `None` when one
    /// of its occurrences is followed by an organisation or place word ("Smith Foundation").
    fn scan_surname(&mut self, w: &str) -> Option<usize> {
        let mut mid = 0;
        let mut next = self.cap_words.next_from(0);
        while let Some(i) = next {
            next = self.cap_words.next_from(i + 1);
            let tk = self.tokens[i];
            if (tk.end - tk.start) as usize == w.len() && &self.body[tk.span()] == w {
                let st = self
                    .sentence_starts
                    .get(tk.sentence as usize)
                    .copied()
                    .unwrap_or(0);
                // followed by an organisation word: "Smith Foundation"
                if i + 1 < self.tokens.len()
                    && self.is_word(i + 1)
                    && self.tokens[i + 1].capitalised
                    && self.flags(i + 1) & (F_ORG | F_PLACE) != 0
                {
                    return None;
                }
                if i > st && !(i == st + 1 && self.tokens[st].kind == TokenKind::QuoteOpen) {
                    mid += 1;
                }
            }
        }
        Some(mid)
    }

    /// Source before the cue at `c`.
    pub(super) fn subject_before(
        &mut self,
        c: usize,
    ) -> Option<(usize, usize, Source, Option<usize>)> {
        if c == 0 {
            return None;
        }
        let lim = self.sentence_start(c);
        let mut p = self.skip_adverbs_back(c - 1, lim)?;
        // "He’s claiming", "Smith’s arguing": the "’s" is a verb
        if p > lim && p + 1 == c && self.contracted_aux(c) {
            p -= 1;
        }
        if p < lim || self.tokens[p].in_quote {
            return None;
        }
        let tk = self.tokens[p];
        match tk.kind {
            TokenKind::Word => self.subject_word_before(p, lim),
            // a name ending in a suffix's period ("Joseph Doe Jr. said")
            TokenKind::Punct('.') if self.mention_ending[p] != NO_MENTION => {
                self.subject_word_before(p, lim)
            }
            TokenKind::Punct(',') => self.appositive_subject(p, lim),
            // an appositive set off by dashes ("Jane Doe, the head of X --
            // the firm that owns Y -- told me")
            TokenKind::Punct('\u{2014}' | '\u{2013}') => self.dash_subject(p, p, lim),
            TokenKind::Punct('-') if p > lim && self.is_punct(p - 1, '-') => {
                self.dash_subject(p - 1, p, lim)
            }
            TokenKind::Punct(')') => self.parenthesised_subject(p),
            _ => None,
        }
    }

    /// The subject ending at the word `p` before a cue: a pronoun, a name
    /// (with the names coordinated with it), or a lowercase noun phrase.
    pub(super) fn subject_word_before(
        &mut self,
        p: usize,
        lim: usize,
    ) -> Option<(usize, usize, Source, Option<usize>)> {
        let lw = self.lower(p);
        match lw.as_str() {
            "he" => return Some((p, p + 1, Source::Pronoun(GENDER_MALE), None)),
            "she" => return Some((p, p + 1, Source::Pronoun(GENDER_FEMALE), None)),
            "who" => {
                if p >= 2 && self.is_punct(p - 1, ',') {
                    let me = self.mention_ending[p - 2];
                    if me != NO_MENTION {
                        let m = me as usize;
                        let s = self.mention_source(m)?;
                        if matches!(s, Source::Person(..)) {
                            return Some((self.mentions[m].start, p, s, None));
                        }
                    }
                }
                return None;
            }
            "i" | "we" | "they" | "it" | "you" | "which" | "that" | "this" | "these" | "those"
            | "what" | "there" => {
                return None;
            }
            _ => {}
        }
        let me = self.mention_ending[p];
        if me != NO_MENTION && self.mentions[me as usize].kind == MentionKind::Other {
            // "Senator John Cornyn of Texas said"
            if let Some((t0, pid, r)) = self.person_ending_at(p) {
                return Some((t0, p + 1, Source::Person(pid, r), None));
            }
        }
        if me != NO_MENTION {
            let m = me as usize;
            let t0 = self.mentions[m].start;
            // a name inside a prepositional phrase is not the subject ("the government of X said")
            if t0 > 0 && self.mentions[m].role.is_none() && self.is_word(t0 - 1) {
                let pw = self.lower(t0 - 1);
                let led = t0 >= 2 && self.lower_is(t0 - 2, "led");
                if matches!(
                    pw.as_str(),
                    "of" | "from"
                        | "for"
                        | "with"
                        | "at"
                        | "in"
                        | "to"
                        | "about"
                        | "against"
                        | "than"
                ) || (pw == "by" && !led)
                {
                    return None;
                }
            }
            let src = self.mention_source(m)?;
            // coordination "Trump and Pence said"
            // (past an honorific outside the mention: "Mr. King and Mr. Schultz")
            let mut h = t0;
            if h >= 2 && self.is_punct(h - 1, '.') && self.flags(h - 2) & F_HONOR != 0 {
                h -= 2;
            } else if h >= 1 && self.is_word(h - 1) && self.flags(h - 1) & F_HONOR != 0 {
                h -= 1;
            }
            let second =
                if matches!(src, Source::Person(..)) && h >= 2 && self.lower_is(h - 1, "and") {
                    self.coordinated_person(h - 2)
                } else {
                    None
                };
            return Some((t0, p + 1, src, second));
        }
        if self.tokens[p].capitalised {
            return None;
        }
        if self.flags(p) & (F_STOP | F_CLAUSE | F_DET | F_PRETIME | F_BE | F_ADV) != 0 {
            return None;
        }
        let (q, s) = self.noun_phrase_before(p, lim);
        let s = s?;
        Some((q, p + 1, s, None))
    }

    /// The person named by the mention ending at `x`, before the "and" of a
    /// coordinated subject ("Trump and Pence said"); the people named before
    /// it in a longer list ("A, B and C said") go to `self.coordinated`.
    fn coordinated_person(&mut self, x: usize) -> Option<usize> {
        let me2 = self.mention_ending[x];
        if me2 == NO_MENTION {
            return None;
        }
        let Some(Source::Person(p2, _)) = self.mention_source(me2 as usize) else {
            return None;
        };
        // longer lists: "A, B and C said"
        self.coordinated.clear();
        let mut cur = self.mentions[me2 as usize].start;
        while cur >= 2 && self.coordinated.len() < 6 && self.is_punct(cur - 1, ',') {
            let me3 = self.mention_ending[cur - 2];
            if me3 == NO_MENTION || self.mentions[me3 as usize].kind == MentionKind::Other {
                break;
            }
            match self.mention_source(me3 as usize) {
                Some(Source::Person(p3, _)) => self.coordinated.push(p3),
                _ => break,
            }
            cur = self.mentions[me3 as usize].start;
        }
        Some(p2)
    }

    /// The subject before an appositive ending at the comma `p`: "Anka Lee,
    /// senior director at X, said" (several commas allowed).
    fn appositive_subject(
        &mut self,
        p: usize,
        lim: usize,
    ) -> Option<(usize, usize, Source, Option<usize>)> {
        if p == 0 {
            return None;
        }
        let mut q = p - 1;
        let mut steps = 0;
        let mut commas = 0;
        while q > lim && steps < 45 {
            let tq = self.tokens[q];
            if self.bounds_clause(q) {
                return None;
            }
            if matches!(
                tq.kind,
                TokenKind::Punct(',' | '(' | '\u{2014}' | '\u{2013}')
            ) && q + 1 < p
            {
                commas += 1;
                // the appositive itself is the name: "her spokeswoman, Jane Doe, said"
                let ms = self.mention_starting[q + 1];
                let app_name =
                    ms != NO_MENTION && self.mentions[ms as usize].kind == MentionKind::Full && {
                        let t1 = self.mentions[ms as usize].end;
                        // "Another pollster, David Woodard of Clemson University, said"
                        t1 >= p
                            || (self.is_word(t1) && matches!(self.word(t1), "of" | "from" | "at"))
                    };
                if commas == 1 && app_name {
                    let m = ms as usize;
                    if let Some(Source::Person(pid, r)) = self.mention_source(m) {
                        let role = r.or_else(|| {
                            let s = self.sentence_start(q);
                            if q > s {
                                Some(self.span_text(s, q - 1))
                            } else {
                                None
                            }
                        });
                        return Some((q + 1, p, Source::Person(pid, role), None));
                    }
                }
                if q > 0 {
                    if let Some((t0, pid, r)) = self.person_ending_at(q - 1) {
                        let app = self.span_text(q + 1, p - 1);
                        let app_is_age = app.chars().all(|c| c.is_ascii_digit());
                        let role = if app_is_age || app.starts_with("who ") {
                            r
                        } else {
                            Some(app)
                        };
                        return Some((t0, p, Source::Person(pid, role), None));
                    }
                }
                if commas >= 3 {
                    return None;
                }
            }
            q -= 1;
            steps += 1;
        }
        None
    }

    /// The subject before an appositive set off by dashes that closes at
    /// tokens `d0..=d1` (a dash, or the two hyphens of "--"): the person
    /// right before the opening dash, or before the appositive that ends
    /// there ("Jane Doe, the head of X -- the firm that … -- said").
    fn dash_subject(
        &mut self,
        d0: usize,
        d1: usize,
        lim: usize,
    ) -> Option<(usize, usize, Source, Option<usize>)> {
        let dash = self.tokens[d1].kind;
        let double = d1 > d0;
        let mut q = d0;
        let mut steps = 0;
        let open = loop {
            if q <= lim || steps >= 40 {
                return None;
            }
            q -= 1;
            steps += 1;
            let tq = self.tokens[q];
            if self.bounds_clause(q) {
                return None;
            }
            if tq.kind == dash && (!double || (q > lim && self.is_punct(q - 1, '-'))) {
                break if double { q - 1 } else { q };
            }
        };
        if open <= lim {
            return None;
        }
        // (a name after a preposition is the appositive's: "the head of
        // Acme Corp --")
        let object = match self.mention_ending[open - 1] {
            NO_MENTION => false,
            me => {
                let t0 = self.mentions[me as usize].start;
                t0 > 0
                    && ["of", "at", "for", "from", "with", "in", "by", "to", "about"]
                        .iter()
                        .any(|w| self.lower_is(t0 - 1, w))
            }
        };
        if !object && self.is_word(open - 1) {
            if let Some((t0, _, src @ Source::Person(..), x)) =
                self.subject_word_before(open - 1, lim)
            {
                return Some((t0, d1 + 1, src, x));
            }
        }
        self.appositive_subject(open, lim)
            .filter(|(_, _, s, _)| matches!(s, Source::Person(..)))
            .map(|(a, _, s, x)| (a, d1 + 1, s, x))
    }

    /// The subject ending at the closing parenthesis `p`: "Sherrod Brown
    /// (D-Ohio) said", with any names coordinated with it.
    fn parenthesised_subject(&mut self, p: usize) -> Option<(usize, usize, Source, Option<usize>)> {
        let (t0, pid, r) = self.person_ending_at(p)?;
        // "Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) said"
        let mut second = None;
        if t0 >= 2 && self.lower_is(t0 - 1, "and") {
            if let Some((c0, p2, _)) = self.person_ending_at(t0 - 2) {
                second = Some(p2);
                self.coordinated.clear();
                let mut cur = c0;
                while cur >= 2 && self.coordinated.len() < 6 && self.is_punct(cur - 1, ',') {
                    match self.person_ending_at(cur - 2) {
                        Some((c3, p3, _)) => {
                            self.coordinated.push(p3);
                            cur = c3;
                        }
                        None => break,
                    }
                }
            }
        }
        Some((t0, p + 1, Source::Person(pid, r), second))
    }

    /// A person's name ending at token x, allowing "(R-Fla.)" and "of Texas" after it.
    fn person_ending_at(&mut self, mut x: usize) -> Option<(usize, usize, Option<String>)> {
        if self.tokens[x].kind == TokenKind::Punct(')') {
            let mut y = x;
            let mut steps = 0;
            while y > 0 && steps < 10 && self.tokens[y].kind != TokenKind::Punct('(') {
                y -= 1;
                steps += 1;
            }
            if self.tokens[y].kind != TokenKind::Punct('(') || y == 0 {
                return None;
            }
            x = y - 1;
        }
        let me = self.mention_ending[x];
        if me == NO_MENTION {
            return None;
        }
        let m = me as usize;
        if self.mentions[m].kind == MentionKind::Other {
            let t0 = self.mentions[m].start;
            // ("Mr. Morgan of the Sierra Club")
            let t0 = if t0 >= 3 && self.lower_is(t0 - 1, "the") && self.lower_is(t0 - 2, "of") {
                t0 - 1
            } else {
                t0
            };
            if t0 >= 2 && self.lower_is(t0 - 1, "of") {
                let me2 = self.mention_ending[t0 - 2];
                if me2 != NO_MENTION && self.mentions[me2 as usize].kind != MentionKind::Other {
                    let m2 = me2 as usize;
                    if let Some(Source::Person(pid, r)) = self.mention_source(m2) {
                        return Some((self.mentions[m2].start, pid, r));
                    }
                }
            }
            return None;
        }
        match self.mention_source(m) {
            Some(Source::Person(pid, r)) => Some((self.mentions[m].start, pid, r)),
            _ => None,
        }
    }

    /// Source phrase starting at token f ("said Commerce Secretary Wilbur Ross, ...").
    pub(super) fn source_from(&mut self, f: usize) -> Option<(usize, usize, Source)> {
        if f >= self.tokens.len() || !self.is_word(f) || self.tokens[f].in_quote {
            return None;
        }
        // "said the Rev. Jane Doe": the article before a titled name
        if self.lower_is(f, "the") && f + 1 < self.tokens.len() {
            let ms = self.mention_starting[f + 1];
            if ms != NO_MENTION
                && self.flags(f + 1) & F_TITLE != 0
                && matches!(
                    self.mentions[ms as usize].kind,
                    MentionKind::Full | MentionKind::Titled
                )
            {
                if let Some((_, b, src @ Source::Person(..))) = self.source_from(f + 1) {
                    return Some((f, b, src));
                }
            }
        }
        let ms = self.mention_starting[f];
        if ms != NO_MENTION
            && (self.mentions[ms as usize].kind == MentionKind::Other || {
                let t1 = self.mentions[ms as usize].end;
                t1 < self.tokens.len() && self.tokens[t1].kind == TokenKind::Possessive
            })
        {
            let poss_mod = {
                let t1 = self.mentions[ms as usize].end;
                t1 < self.tokens.len() && self.tokens[t1].kind == TokenKind::Possessive
            };
            if let Some(x) = self.role_then_name(f, poss_mod) {
                return Some(x);
            }
            let t1 = self.mentions[ms as usize].end;
            if t1 < self.tokens.len() && self.tokens[t1].kind == TokenKind::Possessive {
                return None;
            }
        }
        if ms != NO_MENTION && self.mentions[ms as usize].kind != MentionKind::Full {
            // "Cruz constituent Dan Golvach": a name used as a modifier of a role
            let t1 = self.mentions[ms as usize].end;
            if t1 < self.tokens.len()
                && self.is_word(t1)
                && !self.tokens[t1].capitalised
                && self.flags(t1) & (F_CLAUSE | F_BE | F_PRETIME | F_ADV) == 0
            {
                if let Some(x) = self.role_then_name(f, true) {
                    return Some(x);
                }
            }
        }
        if ms != NO_MENTION {
            let m = ms as usize;
            let t1 = self.mentions[m].end;
            let src = self.mention_source(m)?;
            if let Source::Person(pid, role) = src {
                // appositive role after the name
                let mut role = role;
                let mut t1 = t1;
                if self.is_punct(t1, '(') {
                    let mut y = t1;
                    while y < self.tokens.len()
                        && y - t1 < 10
                        && self.tokens[y].kind != TokenKind::Punct(')')
                    {
                        y += 1;
                    }
                    if y < self.tokens.len() && self.tokens[y].kind == TokenKind::Punct(')') {
                        t1 = y + 1;
                    }
                }
                if self.is_punct(t1, ',') {
                    let mut q = t1 + 1;
                    let mut steps = 0;
                    while q < self.tokens.len() && steps < 25 && !self.tokens[q].starts_paragraph {
                        let tk = self.tokens[q];
                        if matches!(
                            tk.kind,
                            TokenKind::Punct(',' | ';' | ':' | '(' | ')' | '\u{2014}')
                                | TokenKind::QuoteOpen
                                | TokenKind::QuoteClose
                        ) || self.ends_sentence(q)
                        {
                            break;
                        }
                        q += 1;
                        steps += 1;
                    }
                    if q > t1 + 1 && steps < 25 {
                        let app = self.span_text(t1 + 1, q - 1);
                        let lw0 = self.lower(t1 + 1);
                        if !matches!(
                            lw0.as_str(),
                            "who" | "which" | "that" | "and" | "but" | "adding" | "saying"
                        ) && !app.chars().all(|c| c.is_ascii_digit())
                        {
                            role = Some(app);
                        }
                    }
                }
                return Some((f, t1, Source::Person(pid, role)));
            }
            return Some((f, t1, src));
        }
        if let Some(x) = self.role_then_name(f, true) {
            return Some(x);
        }
        let lw = self.lower(f);
        match lw.as_str() {
            "he" => return Some((f, f + 1, Source::Pronoun(GENDER_MALE))),
            "she" => return Some((f, f + 1, Source::Pronoun(GENDER_FEMALE))),
            _ => {}
        }
        // lowercase noun phrase
        let mut q = f;
        let det = if self.flags(f) & F_DET != 0 {
            Some(lw.clone())
        } else {
            None
        };
        if det.is_none() && self.flags(f) & (F_STOP | F_CLAUSE | F_PRETIME | F_BE | F_ADV) != 0 {
            return None;
        }
        if det.is_some() {
            q += 1;
        }
        let mut last = None;
        let mut steps = 0;
        while q < self.tokens.len()
            && steps < 6
            && self.is_word(q)
            && !self.tokens[q].starts_paragraph
        {
            let fq = self.flags(q);
            if fq & F_CLAUSE != 0
                || self.lower_is(q, "of")
                || self.lower_is(q, "at")
                || self.lower_is(q, "for")
                || self.lower_is(q, "in")
                || self.lower_is(q, "with")
            {
                break;
            }
            last = Some(q);
            q += 1;
            steps += 1;
        }
        let last = last?;
        let text = self.span_text(f, last);
        if det.as_deref() == Some("the") && self.flags(last) & F_ROLE != 0 {
            return Some((f, last + 1, Source::Role(text)));
        }
        Some((f, last + 1, Source::Unnamed(text)))
    }

    /// "a former spokesman for the ministry, Jane Doe" / "spokesman Todd Mesek" / "Democratic
    /// strategist Joe Smith": a role phrase followed by a person's name.
    fn role_then_name(&mut self, f: usize, loose: bool) -> Option<(usize, usize, Source)> {
        let n = self.tokens.len();
        let mut q = f;
        let mut has_role = false;
        let mut commas = 0;
        while q < n && q - f < 14 {
            let tk = self.tokens[q];
            if q > f && tk.starts_paragraph {
                return None;
            }
            match tk.kind {
                TokenKind::Word => {
                    let ms = self.mention_starting[q];
                    if q > f && ms != NO_MENTION {
                        let m = ms as usize;
                        let k = self.mentions[m].kind;
                        if has_role
                            && (k == MentionKind::Full || k == MentionKind::Titled)
                            && (commas == 0 || self.is_punct(q - 1, ','))
                        {
                            if let Some(Source::Person(pid, r)) = self.mention_source(m) {
                                let mut pre = self.span_text(f, q - 1);
                                while pre.ends_with(',') {
                                    pre.pop();
                                }
                                let role = match r {
                                    Some(r) if !pre.contains(&r) => Some(format!("{pre} {r}")),
                                    _ => Some(pre),
                                };
                                return Some((f, self.mentions[m].end, Source::Person(pid, role)));
                            }
                        }
                        if k == MentionKind::Full {
                            return None;
                        }
                    }
                    let fl = self.flags(q);
                    if !tk.capitalised
                        && (fl & (F_CLAUSE | F_BE) != 0 || cue_of(self.word(q)).is_some())
                    {
                        return None;
                    }
                    let loose_ok = loose
                        && fl & (F_DET | F_PRETIME | F_STOP) == 0
                        && !matches!(
                            self.word(q),
                            "of" | "for"
                                | "at"
                                | "in"
                                | "with"
                                | "from"
                                | "by"
                                | "on"
                                | "to"
                                | "about"
                                | "as"
                                | "like"
                        );
                    if (loose_ok || fl & (F_ROLE | F_TITLE) != 0) && !tk.capitalised {
                        has_role = true;
                    }
                }
                TokenKind::Possessive => {
                    if loose {
                        has_role = true;
                    }
                }
                TokenKind::Punct(',') => {
                    commas += 1;
                    if commas > 1 {
                        return None;
                    }
                }
                TokenKind::Punct('.')
                    if q > 0 && self.is_word(q - 1) && self.tokens[q - 1].capitalised => {}
                // a slash inside a word ("9/11 widow", "D/S lawyer")
                TokenKind::Punct('/')
                    if q > f
                        && self.is_word(q - 1)
                        && self.is_word(q + 1)
                        && self.tokens[q - 1].end == tk.start
                        && tk.end == self.tokens[q + 1].start => {}
                _ => return None,
            }
            q += 1;
        }
        None
    }

    /// Subject of the sentence containing token c, for participle cues.
    pub(super) fn sentence_subject(
        &mut self,
        c: usize,
    ) -> Option<(usize, usize, Source, Option<usize>)> {
        let st = self.sentence_start(c);
        let mut s = st;
        while s < c && !self.is_word(s) {
            if self.tokens[s].kind == TokenKind::QuoteOpen {
                return None;
            }
            s += 1;
        }
        if s >= c || self.tokens[s].in_quote {
            return None;
        }
        let f = self.flags(s);
        let ms = self.mention_starting[s];
        let intro_word = ms == NO_MENTION
            || self
                .mentions
                .get(ms as usize)
                .is_some_and(|m| m.kind == MentionKind::Other && m.end == s + 1);
        if f & F_INTRO != 0 && intro_word {
            // skip an introductory phrase up to its comma
            let mut q = s;
            while q < c && q - s < 14 && !self.is_punct(q, ',') {
                q += 1;
            }
            if q < c && self.is_punct(q, ',') {
                s = q + 1;
            } else if matches!(
                self.lower(s).as_str(),
                "but" | "and" | "yet" | "so" | "still" | "then" | "also" | "now" | "meanwhile"
            ) {
                s += 1;
            } else {
                return None;
            }
        }
        if s >= c {
            return None;
        }
        let (a, b, src) = self.source_from(s)?;
        if b > c {
            return None;
        }
        if let Source::Mention(m) = src {
            if self.mentions[m].end == self.mentions[m].start + 1
                && self.flags(self.mentions[m].start) & F_STOP != 0
            {
                return None;
            }
        }
        Some((a, b, src, None))
    }

    /// Past a time phrase starting at `x` ("on Friday", "last week", "on
    /// Tuesday evening", "this month"): the next token, or `x` when there is none.
    pub(super) fn skip_time_phrase(&mut self, x: usize) -> usize {
        if !self.is_word(x) || self.flags(x) & F_PRETIME == 0 || self.lower_is(x, "that") {
            return x;
        }
        let mut q = x + 1;
        if self.lower_is(q, "the") {
            q += 1;
        }
        let t0 = q;
        while q < t0 + 2 && self.is_word(q) && self.flags(q) & F_TIME != 0 {
            q += 1;
        }
        if q == t0 {
            x
        } else {
            q
        }
    }

    /// Whether a "that" opens a clause within the next few words after `x`,
    /// with no punctuation or quotation mark before it.
    fn that_follows(&mut self, x: usize) -> bool {
        self.that_within(x, LEAD_IN_WORDS).is_some()
    }

    /// The "that" opening a clause within `most` words after `x` (words and
    /// possessives only: no punctuation or quotation mark before it), past
    /// the phrase that says where or when ("said in an interview with The
    /// Associated Press last week that …").
    pub(super) fn that_within(&self, x: usize, most: usize) -> Option<usize> {
        let n = self.tokens.len();
        for q in x..(x + most).min(n) {
            let tk = self.tokens[q];
            if tk.starts_paragraph || tk.in_quote {
                return None;
            }
            if tk.kind == TokenKind::Possessive {
                continue;
            }
            if tk.kind != TokenKind::Word {
                return None;
            }
            if self.lower_is(q, "that") {
                return (q > x).then_some(q);
            }
        }
        None
    }

    /// Is there reported content after position x (exclusive) in the sentence?
    pub(super) fn content_after(&mut self, x: usize) -> bool {
        let mut q = x;
        let mut guard = 0;
        while q < self.tokens.len() && guard < 6 {
            guard += 1;
            let tk = self.tokens[q];
            if tk.starts_paragraph {
                return false;
            }
            match tk.kind {
                TokenKind::Word => {
                    let f = self.flags(q);
                    if f & F_TIME != 0 && (tk.capitalised || self.lower_is(q, "today")) {
                        q += 1;
                        continue;
                    }
                    // "said on Friday he …", "said last week the …"
                    let t = self.skip_time_phrase(q);
                    if t > q {
                        q = t;
                        continue;
                    }
                    let lw = self.lower(q);
                    if matches!(
                        lw.as_str(),
                        "in" | "at" | "on" | "during" | "last" | "earlier" | "this" | "to"
                    ) && self.that_follows(q + 1)
                    {
                        // "said on Monday that", "told reporters in Ohio that"
                        return true;
                    }
                    return !matches!(
                        lw.as_str(),
                        "in" | "at"
                            | "on"
                            | "during"
                            | "before"
                            | "after"
                            | "from"
                            | "via"
                            | "by"
                            | "while"
                            | "when"
                            | "last"
                            | "earlier"
                            | "this"
                            | "of"
                            | "through"
                            | "to"
                            | "as"
                            | "afterward"
                            | "later"
                    );
                }
                TokenKind::QuoteOpen => return false,
                TokenKind::Punct(':') => return false,
                TokenKind::Punct(',') => return false,
                _ => return false,
            }
        }
        false
    }
}
