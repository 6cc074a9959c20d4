//! Name mentions: capitalised sequences grouped into people's names
//! (with their titles and roles), organisations and places.

use super::doc::Doc;
use super::fast_lookup::{
    lookup_flags, lower_into, may_be_listed, sentence_initial_cue, FxHasher, PARTICLE_SHAPES,
    SUFFIX_SHAPES,
};
use super::lexicon::{
    abstract_noun, corp_suffix, has_dot, hyphen_adjective, is_allcaps, listed_plural, near_title,
    noun_like, one_char, F_ABBREV, F_FEMALE, F_HONOR, F_INTRO, F_MALE, F_ORG, F_PARTICLE, F_PLACE,
    F_ROLE, F_ROLEMOD, F_ROLE_NOUN, F_STOP, F_SUFFIX, F_TIME, F_TITLE, MOST_COMPANY_TOKENS,
    ORG_NAME_SET,
};
use super::registry::{GENDER_FEMALE, GENDER_MALE};
use super::tokens::TokenKind;

/// What a capitalised sequence names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum MentionKind {
    /// Two or more name words: a person named in full.
    Full,
    /// A single name word after a person title ("Mr. Ross", "President Obama").
    Titled,
    /// A single name word without title.
    Bare,
    /// Organisation, place or anything else.
    Other,
}

/// A capitalised sequence of tokens, with its name part and the title or
/// role before it.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    /// First token of the capitalised sequence (title and name).
    pub(super) start: usize,
    /// Token just past the sequence.
    pub(super) end: usize,
    pub(super) kind: MentionKind,
    /// first token of the name part (its display form is built by `name_text` when the
    /// registry needs it, rather than allocated for every mention)
    pub(super) name_start: usize,
    /// end of the name part (before a suffix such as "Jr.")
    pub(super) name_end: usize,
    /// role or title text before the name
    pub(super) role: Option<String>,
    /// The gender its title or role words mark (`GENDER_*`), or 0.
    pub(super) gender: u8,
}

impl Doc<'_> {
    /// Groups the capitalised words into mentions, one per capitalised
    /// sequence (running over initials, name particles and "&"), and notes
    /// the names the article also gives with a company suffix.
    pub(super) fn find_mentions(&mut self) {
        let n = self.tokens.len();
        // whether single line breaks only wrap lines (computed the first time
        // a capitalised sequence runs over one)
        let mut wrapped: Option<bool> = None;
        let mut i = 0;
        while let Some(next) = self.cap_words.next_from(i) {
            i = next;
            // (a capitalised word: decode its first char only to skip numbers)
            if self.word(i).chars().next().is_some_and(|c| c.is_numeric()) {
                i += 1;
                continue;
            }
            // "Said Smith: …": a cue opening the sentence before its subject
            // is no part of the name after it
            if sentence_initial_cue(self.word(i)).is_some()
                && self.sentence_starts.get(self.tokens[i].sentence as usize) == Some(&i)
            {
                i += 1;
                continue;
            }
            // extend the capitalised sequence
            let mut j = i; // last token included
            loop {
                let nx = j + 1;
                if nx >= n || self.tokens[nx].starts_paragraph {
                    break;
                }
                // a line break in a text whose lines are paragraphs or
                // headings ends a name ("... Rape Exception For Abortions\n
                // Jeb Bush criticized"); in hard-wrapped text it does not
                let gap = &self.body.as_bytes()
                    [self.tokens[j].end as usize..self.tokens[nx].start as usize];
                if gap.contains(&b'\n') && !*wrapped.get_or_insert_with(|| hard_wrapped(self.body))
                {
                    break;
                }
                let nt = self.tokens[nx];
                if nt.kind == TokenKind::Punct('.')
                    && nt.start == self.tokens[j].end
                    && self.tokens[j].kind == TokenKind::Word
                {
                    let w = self.word(j);
                    let init = one_char(w) && self.tokens[j].capitalised;
                    if (init || self.flags(j) & F_ABBREV != 0)
                        && self.is_word(nx + 1)
                        && self.tokens[nx + 1].capitalised
                        && !self.tokens[nx + 1].starts_paragraph
                    {
                        j = nx + 1;
                        continue;
                    }
                    break;
                }
                if nt.kind == TokenKind::Word {
                    if nt.capitalised
                        && !self.word(nx).chars().next().is_some_and(|c| c.is_numeric())
                    {
                        j = nx;
                        continue;
                    }
                    // (the shape test skips the word-table lookup for most words)
                    if may_be_listed(&PARTICLE_SHAPES, self.word(nx))
                        && self.flags(nx) & F_PARTICLE != 0
                    {
                        // particles: "de la Fuente", "van der Berg"
                        let mut k = nx;
                        while k < n
                            && self.is_word(k)
                            && !self.tokens[k].capitalised
                            && self.flags(k) & F_PARTICLE != 0
                            && k - nx < 3
                        {
                            k += 1;
                        }
                        if k < n
                            && self.is_word(k)
                            && self.tokens[k].capitalised
                            && !self.tokens[k].starts_paragraph
                        {
                            j = k;
                            continue;
                        }
                    }
                    break;
                }
                if nt.kind == TokenKind::Punct('&')
                    && self.is_word(nx + 1)
                    && self.tokens[nx + 1].capitalised
                {
                    j = nx + 1;
                    continue;
                }
                break;
            }
            // include a trailing period of an initial/suffix ("Jr.")
            let mut t1 = j + 1;
            if t1 < n
                && self.tokens[t1].kind == TokenKind::Punct('.')
                && self.tokens[t1].start == self.tokens[j].end
                && self.flags(j) & F_SUFFIX != 0
            {
                t1 += 1;
            }
            // "Diamond Shamrock Corp", "Tony Lama Co Inc": the words before a
            // company suffix name a company
            if let Some(x) = (i + 1..t1.min(i + MOST_COMPANY_TOKENS + 1))
                .find(|&x| self.is_word(x) && corp_suffix(self.word(x)))
            {
                let key = self.words_key(i, x);
                self.corp_names.insert(key);
            }
            self.classify_sequence(i, t1);
            i = t1.max(i + 1);
        }
    }

    /// A hash of the words of tokens `from..to`, ASCII letters folded: names
    /// are compared by it without building strings.
    fn words_key(&self, from: usize, to: usize) -> u64 {
        use std::hash::Hasher;
        let mut h = FxHasher::default();
        for y in from..to {
            if self.is_word(y) {
                for &b in self.word(y).as_bytes() {
                    h.write_u8(b.to_ascii_lowercase());
                }
                h.write_u8(b' ');
            }
        }
        h.finish()
    }

    /// A name the article also gives with a company suffix is the
    /// company's: "Diamond Shamrock said" after "Diamond Shamrock Corp".
    pub(super) fn demote_company_names(&mut self) {
        if self.corp_names.is_empty() {
            return;
        }
        for m in 0..self.mentions.len() {
            let Mention {
                kind,
                start: t0,
                name_start: n0,
                name_end: n1,
                ..
            } = self.mentions[m];
            if kind == MentionKind::Other {
                continue;
            }
            // the name, and the name with the capitalised words before it
            // ("General Mills" of "General Mills Inc", read as a title and a name)
            let with_title = (t0 < n0).then_some(t0);
            let company = [Some(n0), with_title].into_iter().flatten().any(|from| {
                n1 - from <= MOST_COMPANY_TOKENS
                    && self.corp_names.contains(&self.words_key(from, n1))
            });
            if company {
                self.mentions[m].kind = MentionKind::Other;
                self.mentions[m].role = None;
            }
        }
    }

    /// Whether token `i` of a capitalised sequence ending before `seq_end` can
    /// be part of a person's name (`first_in_seq`: it starts the sequence).
    fn name_like(&mut self, i: usize, first_in_seq: bool, seq_end: usize) -> bool {
        if !self.is_word(i) || !self.tokens[i].capitalised {
            return false;
        }
        let w = self.word(i);
        // one byte pass for ASCII words (nearly all) instead of several char iterations
        let (has_num, allcaps, upper3) = if w.is_ascii() {
            let (mut digit, mut up, mut low) = (false, 0usize, 0usize);
            for &c in w.as_bytes() {
                digit |= c.is_ascii_digit();
                up += usize::from(c.is_ascii_uppercase());
                low += usize::from(c.is_ascii_lowercase());
            }
            (digit, low == 0 && up >= 2, up >= 3)
        } else {
            (
                w.chars().any(|c| c.is_numeric()),
                is_allcaps(w),
                w.chars().filter(|c| c.is_uppercase()).count() >= 3,
            )
        };
        if has_num {
            return false;
        }
        let single = one_char(w);
        if single {
            // an initial needs its period
            return self.is_punct(i + 1, '.') && i + 2 < seq_end;
        }
        let dotted = has_dot(w);
        if allcaps && !dotted {
            return false;
        }
        if dotted {
            // dotted initials "J.R." (but not "U.S.")
            let initials = w
                .split('.')
                .filter(|x| !x.is_empty())
                .all(|x| one_char(x) && x.chars().all(|c| c.is_uppercase()));
            return initials && self.flags(i) == 0 && i + 1 < seq_end;
        }
        if upper3 || w.starts_with("I'") || w.starts_with("I\u{2019}") {
            return false;
        }
        if glued(w) {
            return false;
        }
        let f = self.flags(i);
        if first_in_seq && i + 1 < seq_end && self.leads_a_name(i, f) {
            return false;
        }
        if f & F_PARTICLE != 0 && f & (F_STOP | F_PLACE) == 0 {
            return true;
        }
        // "Midland Bank-Leeds", "Group-wide": an organisation word joined by a
        // hyphen; "Boston-based", "German-born": an adjective; "Vice-Chairman":
        // a title
        if w.contains('-')
            && (w.split('-').any(|part| {
                !part.is_empty() && lookup_flags(&mut self.lower_buf, part) & F_ORG != 0
            }) || hyphen_adjective(w).is_some()
                || w.rsplit('-')
                    .next()
                    .is_some_and(|last| lookup_flags(&mut self.lower_buf, last) & F_TITLE != 0))
        {
            return false;
        }
        let lw_soft = |d: &mut Self| {
            let w = d.word(i);
            lower_into(&mut d.lower_buf, w);
            common_word_surname(d.lower_buf.as_str())
        };
        if !first_in_seq
            && i + 1 == seq_end
            && i > 0
            && ((self.is_punct(i - 1, '.')
                && i >= 2
                && self.is_word(i - 2)
                && (one_char(self.word(i - 2)) || self.flags(i - 2) & F_HONOR != 0))
                // ("Mr King", "Mrs. Bishop": an honorific before it)
                || (self.is_word(i - 1) && self.flags(i - 1) & F_HONOR != 0)
                || (self.is_word(i - 1) && self.tokens[i - 1].capitalised && {
                    let pf = self.flags(i - 1);
                    pf & (F_TITLE | F_ORG | F_STOP | F_PLACE | F_TIME | F_SUFFIX) == 0
                        && !is_allcaps(self.word(i - 1))
                }))
            && lw_soft(self)
        {
            // surname that is also a common word: "Charlie Black", "Kerry Washington"
            return true;
        }
        if f & (F_TITLE | F_ORG | F_STOP | F_PLACE | F_TIME | F_SUFFIX) != 0 {
            // "He Weiwen": the pronoun-like word as a surname before a given name
            if first_in_seq && w == "He" && i + 1 < seq_end {
                let nf = self.flags(i + 1);
                return self.is_word(i + 1) && nf == 0 && !is_allcaps(self.word(i + 1));
            }
            return false;
        }
        true
    }

    /// Whether the first word `i` of a capitalised sequence (flags `f`) stands
    /// before a name rather than in it: a role noun, also in the plural
    /// ("Moderator Jane Doe", "Brokers Smith Barney"), or, opening the
    /// sentence, a speech verb, an opening adverb or a long -ing form
    /// ("Stated Stone:", "Earlier Wang said", "Entrusting Jane Doe with ...").
    fn leads_a_name(&mut self, i: usize, f: u32) -> bool {
        if f & F_ROLE_NOUN != 0 {
            return true;
        }
        let w = self.word(i);
        if w.len() >= 6 && w.ends_with('s') && w.is_ascii() {
            let stem = &w[..w.len() - 1];
            if lookup_flags(&mut self.lower_buf, stem) & (F_ROLE_NOUN | F_TITLE) != 0 {
                return true;
            }
        }
        let sent_start = self
            .sentence_starts
            .get(self.tokens[i].sentence as usize)
            .is_some_and(|&st| {
                st == i || (st + 1 == i && self.tokens[st].kind == TokenKind::QuoteOpen)
            });
        if !sent_start {
            return false;
        }
        if f & F_INTRO != 0 {
            return true;
        }
        let w = self.word(i);
        if w.len() >= 9 && w.ends_with("ing") {
            return true;
        }
        lower_into(&mut self.lower_buf, w);
        super::fast_lookup::cue_word(self.lower_buf.as_str()).is_some()
    }

    /// Adds the mention of the capitalised sequence `t0..t1`: its name part,
    /// what it names, and the role and gender its title words give.
    fn classify_sequence(&mut self, t0: usize, t1: usize) {
        let (n0, k, words) = self.name_part(t0, t1);
        let mut kind = MentionKind::Other;
        let mut role = None;
        let mut gender = 0u8;
        let name_end_ok = k > n0 && {
            let last = k - 1;
            self.is_word(last)
                && self.word(last).chars().nth(1).is_some()
                && self.tokens[last].capitalised
        };
        let has_amp = (t0..t1).any(|x| self.tokens[x].kind == TokenKind::Punct('&'));
        if name_end_ok && !has_amp {
            kind = self.person_kind(t0, n0, k, words, &mut gender);
            if kind != MentionKind::Other {
                role = self.role_before(t0, n0, &mut gender);
            }
        }
        let id = self.mentions.len() as u32;
        self.mentions.push(Mention {
            start: t0,
            end: t1,
            kind,
            name_start: n0,
            name_end: k,
            role,
            gender,
        });
        self.mention_starting[t0] = id;
        self.triggers.insert_if(t0, true);
        self.mention_ending[t1 - 1] = id;
        if t1 >= 2 && self.tokens[t1 - 1].kind == TokenKind::Punct('.') {
            self.mention_ending[t1 - 2] = id;
        }
    }

    /// The name part of the capitalised sequence `t0..t1`: the longest run of
    /// name-like words (with particles and initials) at its end, before a
    /// suffix such as "Jr.". Returns its start, its end, and how many of its
    /// words are full name words (not initials or particles).
    fn name_part(&mut self, t0: usize, t1: usize) -> (usize, usize, usize) {
        // name part = maximal suffix of name-like tokens (with particles, initials and suffixes)
        let mut k = t1;
        // trailing suffix (Jr., III)
        {
            let mut last = t1 - 1;
            if self.tokens[last].kind == TokenKind::Punct('.') && last > t0 {
                last -= 1;
            }
            if last > t0
                && self.tokens[last].capitalised
                && may_be_listed(&SUFFIX_SHAPES, self.word(last))
                && self.flags(last) & F_SUFFIX != 0
            {
                k = last;
            }
        }
        let mut n0 = k;
        let mut words = 0usize;
        let mut i = k;
        while i > t0 {
            let p = i - 1;
            let tk = self.tokens[p];
            if tk.kind == TokenKind::Punct('.') {
                // period of an initial
                if p > t0 && self.is_word(p - 1) && one_char(self.word(p - 1)) {
                    i = p;
                    continue;
                }
                break;
            }
            if tk.kind != TokenKind::Word {
                break;
            }
            if !tk.capitalised {
                if self.flags(p) & F_PARTICLE != 0 {
                    i = p;
                    continue;
                }
                break;
            }
            if self.name_like(p, p == t0, t1) {
                let single = one_char(self.word(p)) || has_dot(self.word(p));
                let part = self.flags(p) & F_PARTICLE != 0;
                if !single && !part {
                    words += 1;
                }
                i = p;
                n0 = p;
                continue;
            }
            break;
        }
        // a name cannot start with a particle unless capitalised part of it, nor with lowercase
        while n0 < k && (!self.tokens[n0].capitalised || self.tokens[n0].kind != TokenKind::Word) {
            n0 += 1;
        }
        // "Secertary James Baker", "Minster Anna Berg": a misspelled title
        // before a name of two words or more is the title, not a given name
        if words >= 3
            && n0 + 1 < k
            && self.is_word(n0 + 1)
            && self.tokens[n0 + 1].capitalised
            && self.flags(n0) == 0
            && near_title(self.word(n0)).is_some()
        {
            n0 += 1;
            words -= 1;
        }
        // "Minister of Aviation Michael Spicer": after a title and "of", a
        // first word before a full name is the title's object
        if n0 == t0
            && words >= 3
            && t0 >= 2
            && self.lower_is(t0 - 1, "of")
            && self.flags(t0 - 2) & F_TITLE != 0
        {
            n0 += 1;
            words -= 1;
        }
        (n0, k, words)
    }

    /// What a sequence `t0..` with the name part `n0..k` of `words` full name
    /// words names, when that part ends in a name word: `gender` gets the
    /// gender its title words mark.
    fn person_kind(
        &mut self,
        t0: usize,
        n0: usize,
        k: usize,
        words: usize,
        gender: &mut u8,
    ) -> MentionKind {
        let mut kind = MentionKind::Other;
        // role prefix
        let mut has_title = false;
        let mut has_honor = false;
        for x in t0..n0 {
            let f = self.flags(x);
            if f & F_TITLE != 0 {
                has_title = true;
            }
            if f & F_HONOR != 0 {
                has_honor = true;
            }
            if f & F_MALE != 0 {
                *gender = GENDER_MALE;
            }
            if f & F_FEMALE != 0 {
                *gender = GENDER_FEMALE;
            }
        }
        let after_the = n0 == t0 && t0 > 0 && self.lower_is(t0 - 1, "the");
        let total_name_toks = (n0..k).filter(|&x| self.is_word(x)).count();
        let starts_with_particle = n0 + 1 < k
            && self.flags(n0) & F_PARTICLE != 0
            && (self.flags(n0 + 1) & F_PARTICLE != 0
                || matches!(
                    self.word(n0),
                    "De" | "Von" | "Der" | "Du" | "Di" | "Della" | "Le"
                ));
        if words == 1 && starts_with_particle {
            // "De la Fuente said": a surname with its particles
            if !after_the {
                kind = if has_title || has_honor {
                    MentionKind::Titled
                } else {
                    MentionKind::Bare
                };
            }
        } else if words >= 2 || (words >= 1 && total_name_toks >= 2) {
            // ("Budget Committees": a plural of an organisation or role word ends no name)
            if !after_the && !noun_like(self.word(k - 1)) && !listed_plural(self.word(k - 1)) {
                kind = MentionKind::Full;
            }
        } else if words == 1 && (abstract_noun(self.word(k - 1)) || listed_plural(self.word(k - 1)))
        {
            // "Development said", "the Organizations": a common noun
        } else if words == 1 && (has_title || has_honor) {
            kind = MentionKind::Titled;
        } else if words == 1 && !after_the {
            kind = MentionKind::Bare;
        }
        // "state-owned Petrobras", "Soviet-led Comecon": a company
        if kind != MentionKind::Other
            && n0 > t0
            && self.is_word(n0 - 1)
            && hyphen_adjective(self.word(n0 - 1)) == Some(true)
        {
            kind = MentionKind::Other;
        }
        // followed by an organisation word in lowercase ("Smith campaign" is fine; "Sachs & Co")
        if kind != MentionKind::Other && self.is_org_name(n0, k) {
            kind = MentionKind::Other;
        }
        kind
    }

    /// Organisation names that look like person names ("Goldman Sachs").
    fn is_org_name(&mut self, n0: usize, k: usize) -> bool {
        let mut key = std::mem::take(&mut self.key_buf);
        key.clear();
        for x in n0..k {
            if self.is_word(x) {
                if !key.is_empty() {
                    key.push(' ');
                }
                let w = self.word(x);
                lower_into(&mut self.lower_buf, w);
                key.push_str(&self.lower_buf);
            }
        }
        let is_org = ORG_NAME_SET.contains(&key);
        self.key_buf = key;
        is_org
    }

    /// The role before a name starting at `n0` in the sequence from `t0`: its
    /// title words, extended to the left over lowercase role words
    /// ("Republican nominee"); `gender` gets the gender they mark.
    fn role_before(&mut self, t0: usize, n0: usize, gender: &mut u8) -> Option<String> {
        let mut r0 = n0;
        if n0 > t0 {
            r0 = t0;
        }
        let mut x = r0;
        let mut steps = 0;
        while x > 0 && steps < 5 {
            let p = x - 1;
            if !self.is_word(p)
                || self.tokens[p].starts_paragraph
                || self.tokens[p].in_quote != self.tokens[t0].in_quote
            {
                // "of" joins "Secretary of State"
                break;
            }
            let f = self.flags(p);
            if (!self.tokens[p].capitalised && f & (F_ROLEMOD | F_ROLE | F_TITLE) != 0)
                || (self.tokens[p].capitalised && f & (F_PLACE | F_TITLE | F_ORG) != 0)
            {
                x = p;
                steps += 1;
                continue;
            }
            if self.lower_is(p, "of")
                && p > 0
                && self.is_word(p - 1)
                && self.flags(p - 1) & F_TITLE != 0
            {
                x = p;
                steps += 1;
                continue;
            }
            break;
        }
        r0 = x;
        if r0 < n0 {
            let mut rt = self.span_text(r0, n0 - 1);
            if rt.ends_with(',') {
                rt.pop();
            }
            if !rt.is_empty() {
                for w in rt.split_whitespace() {
                    let f = lookup_flags(&mut self.lower_buf, w);
                    if f & F_MALE != 0 {
                        *gender = GENDER_MALE;
                    } else if f & F_FEMALE != 0 {
                        *gender = GENDER_FEMALE;
                    }
                }
                return Some(rt);
            }
        }
        None
    }

    /// Display form of the name in tokens n0..t1, written into `s`.
    pub(super) fn name_text(&self, s: &mut String, n0: usize, t1: usize) {
        s.clear();
        let mut x = n0;
        while x < t1 {
            let tk = self.tokens[x];
            match tk.kind {
                TokenKind::Word => {
                    if !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(&self.body[tk.span()]);
                }
                TokenKind::Punct('.') => s.push('.'),
                _ => {}
            }
            x += 1;
        }
    }
}

/// Surnames that are also common words or titles ("Charlie Black", "Kerry
/// Washington", "John King"), lowercase: `name_like` takes them for a name
/// only as the last word after a given name or initial.
fn common_word_surname(lower: &str) -> bool {
    matches!(
        lower,
        "black"
            | "white"
            | "brown"
            | "green"
            | "gray"
            | "grey"
            | "young"
            | "rich"
            | "long"
            | "little"
            | "best"
            | "good"
            | "strong"
            | "wise"
            | "love"
            | "hope"
            | "rose"
            | "price"
            | "king"
            | "bishop"
            | "prince"
            | "pope"
            | "judge"
            | "major"
            | "marshal"
            | "chancellor"
            | "cardinal"
            | "pastor"
            | "may"
            | "june"
            | "april"
            | "august"
            | "mayor"
            | "chambers"
            | "sheriff"
            | "church"
            | "hall"
            | "park"
            | "rice"
            | "graham"
            | "banks"
            | "mark"
            | "grant"
            | "washington"
            | "jordan"
            | "lincoln"
            | "english"
            | "french"
            | "wood"
            | "woods"
            | "stone"
            | "hill"
            | "rivers"
            | "fields"
            | "west"
            | "north"
            | "south"
            | "east"
            | "power"
            | "powers"
            | "cash"
            | "day"
            | "bell"
            | "gates"
            | "ford"
            | "carter"
            | "baker"
            | "cook"
            | "mason"
            | "shepherd"
            | "miller"
            | "fisher"
            | "hunter"
    )
}

/// Whether the single line breaks of `t` wrap lines of running text (no
/// line longer than 100 bytes), as in wire copy, rather than separate
/// paragraphs and headings.
fn hard_wrapped(t: &str) -> bool {
    t.split('\n').all(|l| l.len() <= 100)
}

/// Two words run together by a page scrape ("OldestAni", "ListenWatch"):
/// a capital after five lowercase letters, which names ("McDonald",
/// "LaGuardia", "KellyAnne") do not have, but for a Dutch "Vander-"
/// ("VanderSloot").
fn glued(w: &str) -> bool {
    if w.starts_with("Van") {
        return false;
    }
    let mut run = 0;
    for &c in w.as_bytes() {
        if c.is_ascii_lowercase() {
            run += 1;
        } else {
            if c.is_ascii_uppercase() && run >= 5 {
                return true;
            }
            run = 0;
        }
    }
    false
}
