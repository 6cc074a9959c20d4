//! The cue sweep: one pass over the speech cues, transcript labels and
//! signed quotes, each turned into a `Statement` with its speakers.

use super::doc::{Doc, LowerWord, NO_MENTION};
use super::fast_lookup::{
    cue_word, lookup_flags, pack_word, sentence_initial_cue, FxBuildHasher, FAST_WORDS,
};
use super::lexicon::{
    after_quote_only, clean_role, cue_particle, invertible, is_allcaps, nominal_cue, CueKind, F_BE,
    F_CLAUSE, F_DET, F_ORG, F_PLACE, F_ROLE, F_STOP, F_TIME, F_TITLE, WORDS,
};
use super::mentions::MentionKind;
use super::quotes::names_a_title;
use super::registry::Person;
use super::registry::{GENDER_FEMALE, GENDER_MALE};
use super::sources::Source;
use super::tokens::{TokenKind, PRE_CUE, PRE_DASH};
use std::collections::HashMap;

/// One attribution found in the text: a speech cue (or a transcript label,
/// or the dash of a signed quote) and the source phrase that goes with it.
#[derive(Clone, Debug)]
pub(super) struct Statement {
    /// The cue token (the label's colon, the signature's dash).
    pub(super) cue: usize,
    /// token range of the source phrase
    pub(super) source_start: usize,
    pub(super) source_end: usize,
    /// The people it names (registry indices), in text order: several for
    /// "A and B said".
    pub(super) speakers: Vec<usize>,
    /// The speaker's role, as the source phrase gives it.
    pub(super) role: Option<String>,
    /// The source phrase, when it names no known person ("officials").
    pub(super) source: Option<String>,
    /// Whether what was said follows the cue ("said that ..."), rather than
    /// coming before it.
    pub(super) content_after: bool,
}

impl Statement {
    /// A statement whose source phrase, tokens `source_start..source_end`,
    /// names one person.
    pub(super) fn of_person(
        cue: usize,
        (source_start, source_end): (usize, usize),
        pid: usize,
        role: Option<String>,
        content_after: bool,
    ) -> Statement {
        Statement {
            cue,
            source_start,
            source_end,
            speakers: vec![pid],
            role,
            source: None,
            content_after,
        }
    }
}

/// What the cue sweep carries from one cue to the next.
struct SweepState {
    /// The people named or speaking most recently, with the sentence where,
    /// latest last (at most eight): pronouns resolve to them.
    recent_people: Vec<(usize, u32)>,
    /// Role keys ("treasury secretary") to the person last named with that role.
    role_holders: HashMap<String, usize, FxBuildHasher>,
    /// The sentence of the last person mention seen outside quotes: the
    /// first one of a sentence is its likely subject.
    mention_sent: u32,
    /// The people named most recently outside quotes in any position (an
    /// object, after a preposition), with the sentence where, latest last
    /// (at most eight): a pronoun no subject explains may mean them.
    recent_named: Vec<(usize, u32)>,
}

impl SweepState {
    /// Makes `p` the most recent person, named in sentence `sent`.
    fn remember(&mut self, p: usize, sent: u32) {
        push_recent(&mut self.recent_people, p, sent);
    }

    /// Notes that `p` was named (in any position) in sentence `sent`.
    fn named(&mut self, p: usize, sent: u32) {
        push_recent(&mut self.recent_named, p, sent);
    }
}

/// Puts `p` (named in sentence `sent`) last in a list of the eight people
/// named most recently, once.
fn push_recent(list: &mut Vec<(usize, u32)>, p: usize, sent: u32) {
    if let Some(pos) = list.iter().position(|&(x, _)| x == p) {
        list.remove(pos);
    }
    list.push((p, sent));
    if list.len() > 8 {
        list.remove(0);
    }
}

impl Doc<'_> {
    /// Sweeps the speech cues, transcript labels and signed quotes in text
    /// order: returns their statements, and hands over the registry's people
    /// with the genders the sweep settled.
    pub(super) fn sweep_cues(&mut self) -> (Vec<Statement>, Vec<Person>) {
        self.vote_genders();
        let n = self.tokens.len();
        let mut sw = SweepState {
            recent_people: Vec::new(),
            role_holders: HashMap::default(),
            mention_sent: u32::MAX,
            recent_named: Vec::new(),
        };
        // (most articles have a handful: one allocation instead of a few regrowths)
        let mut attrs: Vec<Statement> = Vec::with_capacity(16);
        let mut i = 0;
        while let Some(next) = self.triggers.next_from(i) {
            i = next;
            // fast skip: only mention starts, paragraph starts, dashes and possible cue
            // words can trigger anything below
            let tk = self.tokens[i];
            let ms = self.mention_starting[i];
            if ms == NO_MENTION && !tk.starts_paragraph && tk.prefilter & (PRE_CUE | PRE_DASH) == 0
            {
                i += 1;
                continue;
            }
            // mention bookkeeping: roles and salience
            if ms != NO_MENTION {
                let m = ms as usize;
                if self.mentions[m].kind != MentionKind::Other {
                    if let Some(pid) = self.mention_person(m) {
                        if let Some(r) = self.mentions[m].role.as_deref() {
                            for key in role_keys(r) {
                                sw.role_holders.insert(key, pid);
                            }
                        }
                        // subject-like position: near the sentence start, or before a verb
                        let st = self
                            .sentence_starts
                            .get(tk.sentence as usize)
                            .copied()
                            .unwrap_or(0);
                        let t1 = self.mentions[m].end;
                        let poss = t1 < n && self.tokens[t1].kind == TokenKind::Possessive;
                        // or the sentence's first person, after an opening
                        // phrase ("Like her heroine, Ms. Smith worked"), not
                        // the object of a preposition
                        let first = !tk.in_quote && sw.mention_sent != tk.sentence;
                        if !tk.in_quote {
                            sw.mention_sent = tk.sentence;
                        }
                        let after_prep = i > 0 && self.tokens[i - 1].kind == TokenKind::Word && {
                            let w = self.word(i - 1);
                            matches!(
                                w,
                                "of" | "to"
                                    | "with"
                                    | "by"
                                    | "for"
                                    | "on"
                                    | "at"
                                    | "from"
                                    | "about"
                                    | "against"
                                    | "than"
                                    | "as"
                                    | "and"
                                    | "like"
                                    | "under"
                                    | "between"
                            )
                        };
                        // the subject of what someone says is not the
                        // sentence's subject ("Smith says Jones has ...")
                        let after_cue = i > 0
                            && self.tokens[i - 1].kind == TokenKind::Word
                            && (cue_word(self.word(i - 1)).is_some() || self.word(i - 1) == "that");
                        // (a possessor is no antecedent: "Smith's plan")
                        if !tk.in_quote && !poss {
                            sw.named(pid, tk.sentence);
                        }
                        // or before its verb, after a longer phrase ("Holt's
                        // colleague Matt Lauer faced criticism")
                        let before_verb = !after_prep
                            && self.is_word(t1)
                            && !self.tokens[t1].capitalised
                            && !self.tokens[t1].in_quote
                            && self.flags(t1) & (F_STOP | F_CLAUSE | F_DET | F_TIME) == 0
                            && {
                                let v = self.word(t1);
                                v.len() > 3 && v.ends_with("ed")
                            };
                        if !tk.in_quote
                            && !poss
                            && !after_cue
                            && (i <= st + 3
                                || before_verb
                                || (first && !after_prep && i > 0 && self.is_punct(i - 1, ',')))
                        {
                            sw.remember(pid, tk.sentence);
                        }
                    }
                }
            }
            // label "Name:" at paragraph start (interviews, headlines)
            // transcript label, also inside an opening quote ("“WALLACE: …")
            let label_tok = if tk.starts_paragraph
                && tk.kind == TokenKind::QuoteOpen
                && self.is_word(i + 1)
                && self.tokens[i + 1].capitalised
            {
                Some(i + 1)
            } else if tk.starts_paragraph && tk.kind == TokenKind::Word && tk.capitalised {
                Some(i)
            } else {
                None
            };
            if let Some(li) = label_tok {
                if let Some(a) = self.transcript_label_at(li) {
                    for &p in &a.speakers {
                        sw.remember(p, tk.sentence);
                    }
                    attrs.push(a);
                }
            }
            // "“…” — Jane Doe": a quote signed with a dash and a full name
            if matches!(
                tk.kind,
                TokenKind::Punct('\u{2015}' | '\u{2014}' | '\u{2013}')
            ) && !tk.in_quote
                && i > 0
                && i + 1 < n
            {
                let mut b = i - 1;
                if b > 0 && matches!(self.tokens[b].kind, TokenKind::Punct('.' | ',')) {
                    b -= 1;
                }
                let ms = self.mention_starting[i + 1];
                if self.tokens[b].kind == TokenKind::QuoteClose
                    && ms != NO_MENTION
                    && self.mentions[ms as usize].kind == MentionKind::Full
                    && !self.tokens[i + 1].starts_paragraph
                {
                    if let Some(pid) = self.mention_person(ms as usize) {
                        sw.remember(pid, tk.sentence);
                        let t1 = self.mentions[ms as usize].end;
                        attrs.push(Statement::of_person(i, (i + 1, t1), pid, None, false));
                    }
                }
            }
            if tk.kind == TokenKind::Word && !tk.in_quote {
                if let Some(kind) = cue_word(self.word(i)) {
                    if let Some(a) = self.cue_at(i, kind, &mut sw) {
                        attrs.push(a);
                    } else if let Some(a) = self.shared_subject(i, kind, attrs.last()) {
                        attrs.push(a);
                    }
                }
            }
            i += 1;
        }
        let persons = std::mem::take(&mut self.persons);
        (attrs, persons)
    }

    /// "“…,” Smith said, adding that …": a participle after a comma that
    /// finds no subject of its own shares the statement just before it in
    /// the sentence, and takes what follows it.
    fn shared_subject(
        &mut self,
        c: usize,
        kind: CueKind,
        prev: Option<&Statement>,
    ) -> Option<Statement> {
        let prev = prev?;
        // "…, referring to the convention", "…, speaking of the law": what
        // follows the preposition is what was spoken of
        let topic = usize::from(self.topic_preposition(c));
        if kind != CueKind::Ing
            || !self.is_punct(c - 1, ',')
            || prev.cue >= c
            || c - prev.cue > 8
            || prev.source_end.max(prev.cue) >= c
            || self.tokens[prev.cue].sentence != self.tokens[c].sentence
            || (prev.speakers.is_empty() && prev.source.is_none())
            || (topic == 0
                && [
                    "for", "to", "on", "in", "at", "of", "with", "by", "from", "about",
                ]
                .iter()
                .any(|w| self.lower_is(c + 1, w)))
            || (topic == 0 && !self.content_after(c + 1))
            || (topic == 1 && !self.is_word(c + 2))
        {
            return None;
        }
        Some(Statement {
            cue: c + topic,
            content_after: true,
            ..prev.clone()
        })
    }

    /// Whether the participle at `c` is followed by the preposition that
    /// introduces what was spoken of: "referring to", "talking about",
    /// "speaking of".
    fn topic_preposition(&self, c: usize) -> bool {
        match self.word(c) {
            "referring" => self.lower_is(c + 1, "to"),
            "talking" | "speaking" => self.lower_is(c + 1, "about") || self.lower_is(c + 1, "of"),
            _ => false,
        }
    }

    /// A transcript label at paragraph start, "WALLACE:" or "Jane Doe:",
    /// naming a known person (or a new one, in capitals).
    fn transcript_label_at(&mut self, i: usize) -> Option<Statement> {
        // up to three capitalised words followed by ':'
        let mut j = i;
        while j < self.tokens.len() && j - i < 4 && self.is_word(j) && self.tokens[j].capitalised {
            j += 1;
        }
        if j == i || j - i > 3 || !self.is_punct(j, ':') {
            return None;
        }
        let words: Vec<String> = (i..j).map(|x| self.word(x).to_string()).collect();
        let pid = if words.len() == 1 {
            let w = &words[0];
            let f = lookup_flags(&mut self.lower_buf, w);
            if f & (F_STOP | F_PLACE | F_ORG | F_TITLE | F_TIME) != 0 || w.chars().count() < 2 {
                return None;
            }
            match self.resolve_single(w, 0, false) {
                Some(p) => p,
                None if is_allcaps(w) && w.chars().count() >= 3 => {
                    let mut tc = String::new();
                    for (k, c) in w.chars().enumerate() {
                        if k == 0 {
                            tc.push(c);
                        } else {
                            tc.extend(c.to_lowercase());
                        }
                    }
                    self.find_or_add(&tc, 0)
                }
                None => return None,
            }
        } else {
            let ms = self.mention_starting[i];
            if ms == NO_MENTION {
                return None;
            }
            let m = ms as usize;
            if self.mentions[m].end != j || self.mentions[m].kind != MentionKind::Full {
                return None;
            }
            self.mention_person(m)?
        };
        Some(Statement::of_person(j, (i, j), pid, None, true))
    }

    /// The statement of the speech cue at `c`, if its source phrase is found.
    fn cue_at(&mut self, c: usize, kind: CueKind, sw: &mut SweepState) -> Option<Statement> {
        let w = self.word(c);
        // ("Said Smith: …": only inverted, at the start of a sentence)
        let initial = sentence_initial_cue(w);
        let w = match initial {
            Some(lw) if self.sentence_starts.get(self.tokens[c].sentence as usize) == Some(&c) => {
                lw
            }
            Some(_) => return None,
            None => w,
        };
        if self.cue_filtered_out(c, kind, w) {
            return None;
        }
        let (src0, src1, src, second) = self.source_of_cue(c, kind, w)?;
        // (and the source phrase ends at a colon, comma or stop: a headline's
        // "Says Smith would …" has no subject)
        if initial.is_some()
            && !(src0 > c
                && (src1 >= self.tokens.len()
                    || matches!(self.tokens[src1].kind, TokenKind::Punct(':' | ',' | '.'))))
        {
            return None;
        }
        if after_quote_only(w) && !self.follows_quote(src0.min(c)) {
            return None;
        }
        let sent = self.tokens[c].sentence;
        let (mut speakers, role, source) = self.resolve_source(src, src0, src1, kind, sent, sw);
        // only role phrases are roles ("But", "in particular" and "Mr." are not)
        let mut role = role.and_then(|r| clean_role(&r));
        if let Some(p2) = second {
            // "A and Senator B said": the role is B's, and A speaks first
            role = None;
            speakers.insert(0, p2);
            for k in 0..self.coordinated.len() {
                let p3 = self.coordinated[k];
                if !speakers.contains(&p3) {
                    speakers.insert(0, p3);
                }
            }
        }
        self.coordinated.clear();
        for &p in &speakers {
            sw.remember(p, sent);
        }
        // a particle is part of the cue: what was said follows it
        let particle = usize::from(cue_particle(w).is_some());
        let ca_from = if src0 > c { src1 } else { c + 1 + particle };
        let content_after = if kind == CueKind::According || self.follows_quote(src0.min(c)) {
            // "“…,” Smith told reporters": what was said is the quote before,
            // and what follows "told" is whom it was said to
            false
        } else {
            self.content_after(ca_from) || (intention_cue(w) && self.lower_is(c + 1, "to"))
        };
        // "…, Smith told The Gazette on Tuesday": whom it was told follows,
        // and what was told is the clause before the source
        let content_after = content_after
            && !(matches!(w, "told" | "tells")
                && src0 < c
                && src0 > 1
                && self.is_punct(src0 - 1, ',')
                && self.is_word(c + 1)
                && (self.tokens[c + 1].capitalised || self.flags(c + 1) & F_DET != 0)
                && self.that_within(c + 1, 8).is_none());
        // "spoke with voters", "talked for an hour": what follows is no
        // statement, unless it is what was spoken about
        let content_after = content_after
            && (!matches!(
                w,
                "spoke" | "speaks" | "talked" | "talks" | "talking" | "speaking"
            ) || ["about", "of", "out"]
                .iter()
                .any(|x| self.lower_is(ca_from, x)));
        Some(Statement {
            cue: c + particle,
            source_start: src0,
            source_end: src1,
            speakers,
            role,
            source,
            content_after,
        })
    }

    /// Whether the source phrase or cue starting at `lo` comes right after a
    /// quote's closing mark (and a comma) in the same sentence: "“…,” Smith
    /// told", not "“….” Smith said that".
    fn follows_quote(&self, lo: usize) -> bool {
        let mut b = lo;
        if b > 0 && self.is_punct(b - 1, ',') {
            b -= 1;
        }
        if b < 2
            || self.tokens[b - 1].kind != TokenKind::QuoteClose
            || self.is_punct(b - 2, '.')
            || self.tokens[lo].starts_paragraph
        {
            return false;
        }
        // not after a title ("on “Morning,” Smith said the …")
        let open = (b.saturating_sub(40)..b - 1)
            .rev()
            .find(|&x| self.tokens[x].kind == TokenKind::QuoteOpen);
        !open.is_some_and(|o| names_a_title(self, o))
    }

    /// Cue words that are not speech here: "continued to", "according" not
    /// followed by "to", "made" not followed by "clear", the passive ("was
    /// called") and a possessive before the cue.
    fn cue_filtered_out(&mut self, c: usize, kind: CueKind, w: &str) -> bool {
        let n = self.tokens.len();
        let next_lw = if c + 1 < n && self.is_word(c + 1) {
            self.lower(c + 1)
        } else {
            LowerWord::empty()
        };
        // "Smith's claim that …": a noun, only with its possessor and clause
        if nominal_cue(w) {
            return !(c >= 2
                && (self.tokens[c - 1].kind == TokenKind::Possessive
                    || self.lower_is(c - 1, "his")
                    || self.lower_is(c - 1, "her"))
                && next_lw == "that");
        }
        if (w == "continued" || w == "continues") && next_lw == "to" {
            return true;
        }
        if kind == CueKind::According && next_lw != "to" {
            return true;
        }
        // "shot back", "went on" (not "went on to say": "say" is the cue)
        if let Some(part) = cue_particle(w) {
            if next_lw != part || (part == "on" && self.lower_is(c + 2, "to")) {
                return true;
            }
        }
        // ("made clear", "made it clear")
        if w == "made" && next_lw != "clear" && !(next_lw == "it" && self.lower_is(c + 2, "clear"))
        {
            return true;
        }
        // "pleaded guilty", "pointing fingers": no speech
        if (w == "pleaded" && (next_lw == "guilty" || next_lw == "not"))
            || (w == "pointing" && next_lw != "out" && next_lw != "to")
        {
            return true;
        }
        if (w.ends_with("ed") || w == "told" || w == "thought")
            && c > 0
            && self.is_word(c - 1)
            && self.flags(c - 1) & F_BE != 0
        {
            return true; // passive: "was called"
        }
        if c > 0 && self.tokens[c - 1].kind == TokenKind::Possessive && !self.contracted_aux(c) {
            return true;
        }
        false
    }

    /// Whether the "’s" before the cue at `c` is "is" or "has" ("He’s
    /// claiming", "She’s said", "Smith’s arguing"), not a possessive ("Smith’s
    /// claims"): after "he", "she" or "it"'s kin, or before an "-ing" form.
    pub(super) fn contracted_aux(&self, c: usize) -> bool {
        if c < 2 || self.tokens[c - 1].kind != TokenKind::Possessive || !self.is_word(c - 2) {
            return false;
        }
        let w = self.word(c);
        (self.lower_is(c - 2, "he") || self.lower_is(c - 2, "she"))
            || (w.ends_with("ing") && self.tokens[c - 2].capitalised)
    }

    /// The source phrase of the cue `w` at `c`, by the kind of cue: the
    /// subject before it, the sentence's subject (for "saying"), the subject
    /// of a verb chain ("went on to say"), the inverted subject after it
    /// ("said Smith") or the object of "according to".
    fn source_of_cue(
        &mut self,
        c: usize,
        kind: CueKind,
        w: &str,
    ) -> Option<(usize, usize, Source, Option<usize>)> {
        if nominal_cue(w) {
            // the possessor, a person named or a pronoun's antecedent
            let lim = self.sentence_start(c);
            // ("his claim that …": the pronoun's antecedent)
            if c > lim && !self.tokens[c - 1].in_quote {
                if self.lower_is(c - 1, "his") {
                    return Some((c - 1, c, Source::Pronoun(GENDER_MALE), None));
                }
                if self.lower_is(c - 1, "her") {
                    return Some((c - 1, c, Source::Pronoun(GENDER_FEMALE), None));
                }
            }
            if c < 2 || c - 2 < lim || !self.is_word(c - 2) || self.tokens[c - 2].in_quote {
                return None;
            }
            let (a, _, s, _) = self.subject_word_before(c - 2, lim)?;
            return match s {
                Source::Person(..) => Some((a, c, s, None)),
                _ => None,
            };
        }
        match kind {
            CueKind::According => {
                let (a, b, s) = self.source_from(c + 2)?;
                Some((a, b, s, None))
            }
            CueKind::Ing => {
                if c > 0 && self.is_punct(c - 1, ',') {
                    self.sentence_subject(c)
                } else if c > 0
                    && (self.is_word(c - 1) || self.contracted_aux(c))
                    && !self.lower_is(c - 1, "as")
                {
                    // "Smith posted a video on Friday saying that …": what
                    // names nobody before the participle leaves a clause
                    // after it to the sentence's subject, a person
                    match self.subject_before(c) {
                        Some((_, _, Source::Unnamed(_), _)) | None
                            if ["that", "he", "she", "they", "it", "we"]
                                .iter()
                                .any(|w| self.lower_is(c + 1, w)) =>
                        {
                            self.sentence_subject(c)
                                .filter(|(_, _, s, _)| matches!(s, Source::Person(..)))
                        }
                        x => x,
                    }
                } else if c >= 3 && self.lower_is(c - 1, "as") && self.lower_is(c - 2, "quoted") {
                    let b = c - 3;
                    if self.is_word(b) && self.flags(b) & F_BE != 0 {
                        self.subject_before(b)
                    } else {
                        None
                    }
                } else {
                    None
                }
            }
            // "Smith called it a burden and said …": the sentence's subject
            CueKind::Strong | CueKind::Weak
                if c >= 2 && (self.lower_is(c - 1, "and") || self.lower_is(c - 1, "but")) =>
            {
                let (a, b, s, _) = self.sentence_subject(c)?;
                // not the verb of a relative clause ("X, who led it and considers …")
                let relative = (b..c).any(|x| {
                    ["who", "which", "whom", "whose"]
                        .iter()
                        .any(|w| self.lower_is(x, w))
                });
                if !relative
                    && matches!(
                        s,
                        Source::Person(..) | Source::Pronoun(_) | Source::Mention(_)
                    )
                {
                    Some((a, b, s, None))
                } else {
                    None
                }
            }
            CueKind::Strong | CueKind::Weak if c >= 2 && self.lower_is(c - 1, "to") => {
                // "went on to say", "is expected to tell": the subject of the verb chain
                let mut x = c - 1;
                let mut steps = 0;
                while x > 0 && steps < 3 {
                    let y = x - 1;
                    if !self.is_word(y)
                        || self.tokens[y].capitalised
                        || self.tokens[y].in_quote
                        || self.flags(y) & (F_CLAUSE | F_DET) != 0
                        || self.lower_is(y, "to")
                    {
                        break;
                    }
                    x = y;
                    steps += 1;
                }
                if steps == 0 {
                    None
                } else {
                    self.subject_before(x)
                }
            }
            CueKind::Strong | CueKind::Weak => {
                let before = self.subject_before(c);
                match before {
                    Some(x) => Some(x),
                    None => {
                        let prev_ok = c == 0
                            || matches!(
                                self.tokens[c - 1].kind,
                                TokenKind::QuoteClose
                                    | TokenKind::Punct(',')
                                    | TokenKind::Punct('\u{2014}')
                            )
                            || self.tokens[c].starts_paragraph
                            // ("… . Said Smith: “…”")
                            || (self.tokens[c].capitalised
                                && self.sentence_starts.get(self.tokens[c].sentence as usize)
                                    == Some(&c));
                        if kind == CueKind::Strong && invertible(w) && prev_ok {
                            let (a, b, s) = self.source_from(c + 1)?;
                            Some((a, b, s, None))
                        } else {
                            None
                        }
                    }
                }
            }
        }
    }

    /// The speakers, role and unnamed source a source phrase (tokens
    /// `src0..src1`) stands for: pronouns resolve to a recent person, roles
    /// to the person last named with them, surnames to a person when the
    /// article treats them as one.
    fn resolve_source(
        &mut self,
        src: Source,
        src0: usize,
        src1: usize,
        kind: CueKind,
        sent: u32,
        sw: &SweepState,
    ) -> (Vec<usize>, Option<String>, Option<String>) {
        let mut speakers = Vec::new();
        let mut role = None;
        let mut source = None;
        match src {
            Source::Person(p, r) => {
                speakers.push(p);
                role = r;
            }
            Source::Pronoun(g) => {
                let matched = sw.recent_people.iter().rev().find(|&&(p, s)| {
                    let pg = self.persons[p].gender;
                    pg == g && sent.saturating_sub(s) <= 6
                });
                // a person of unknown gender named alone in the previous
                // sentence, after the one of that gender ("X said. Minister
                // Y has objected. He said"): the nearer person
                let nearer = match sw.recent_people.last() {
                    Some(&(p, s))
                        if self.persons[p].gender == 0
                            && sent.saturating_sub(s) == 1
                            && matched.is_some_and(|&(_, ms)| ms + 1 < s)
                            && sw.recent_people.iter().filter(|&&(_, s2)| s2 == s).count() == 1 =>
                    {
                        Some(p)
                    }
                    _ => None,
                };
                let mut pick = nearer.or(matched.map(|&(p, _)| p));
                // someone of unknown gender named after the person of that
                // gender, in an earlier sentence: that newer person when named
                // in this or the previous sentence, otherwise nobody (the
                // older match is wrong more often than right)
                if let (None, Some(&(mp, ms))) = (nearer, matched) {
                    if sent > ms {
                        if let Some(&(x, s2)) =
                            sw.recent_people.iter().rev().find(|&&(x, s2)| {
                                x != mp && s2 >= ms && self.persons[x].gender == 0
                            })
                        {
                            pick = (sent.saturating_sub(s2) <= 1).then_some(x);
                        }
                    }
                }
                // gender unknown: the only person of the last two sentences
                let pick = pick.or_else(|| {
                    let near: Vec<usize> = sw
                        .recent_people
                        .iter()
                        .filter(|&&(_, s)| sent.saturating_sub(s) <= 2)
                        .map(|&(p, _)| p)
                        .collect();
                    match near.as_slice() {
                        [p] if self.persons[*p].gender == 0 => Some(*p),
                        _ => None,
                    }
                });
                // no subject of that gender lately: the last person of that
                // gender named in the sentence or two before, in any
                // position ("… concerns Jane Doe, the caucus chair. “…,” she
                // said")
                let pick = pick.or_else(|| {
                    if matched.is_some() {
                        return None;
                    }
                    // (not past someone of unknown gender named after them)
                    let (p, _) = sw
                        .recent_named
                        .iter()
                        .rev()
                        .filter(|&&(_, s)| sent.saturating_sub(s) <= 1)
                        .find(|&&(p, _)| self.persons[p].gender != 3 - g)?;
                    (self.persons[*p].gender == g).then_some(*p)
                });
                // nobody else: the only person of the last two sentences who
                // may be of that gender ("Jane Roe, his aide, ... . She
                // said": not him)
                let pick = pick.or_else(|| {
                    let near: Vec<usize> = sw
                        .recent_people
                        .iter()
                        .filter(|&&(p, s)| {
                            sent.saturating_sub(s) <= 2 && self.persons[p].gender != 3 - g
                        })
                        .map(|&(p, _)| p)
                        .collect();
                    match near.as_slice() {
                        [p] if self.persons[*p].gender == 0 => Some(*p),
                        _ => None,
                    }
                });
                match pick {
                    Some(p) => {
                        if self.persons[p].gender == 0 {
                            self.persons[p].gender = g;
                        }
                        speakers.push(p);
                    }
                    None => source = Some(self.span_text(src0, src1 - 1)),
                }
            }
            Source::Role(text) => {
                match role_keys(&text).last().and_then(|k| sw.role_holders.get(k)) {
                    Some(&p) => {
                        speakers.push(p);
                        role = Some(text);
                    }
                    None => source = Some(text),
                }
            }
            Source::Unnamed(text) => source = Some(text),
            Source::Mention(m) => match self
                .bare_surname_person(m, kind)
                .or_else(|| self.surname_of_named_person(m, kind))
            {
                Some(p) => speakers.push(p),
                None => {
                    source = Some(self.span_text(self.mentions[m].start, self.mentions[m].end - 1))
                }
            },
        }
        (speakers, role, source)
    }
}

/// Cues of intention whose content is an infinitive: "wants to", "vowed to".
fn intention_cue(w: &str) -> bool {
    matches!(
        w,
        "wants"
            | "wanted"
            | "hopes"
            | "hoped"
            | "plans"
            | "planned"
            | "intends"
            | "intended"
            | "vowed"
            | "vows"
            | "promised"
            | "promises"
            | "pledged"
            | "pledges"
            | "sought"
            | "seeks"
            | "threatened"
            | "threatens"
            | "expects"
            | "expected"
            | "refused"
            | "declined"
            | "agreed"
            | "offered"
            | "offers"
            | "demanded"
            | "demands"
    )
}

/// Role keys of a role text: role nouns, with "vice"/"deputy"/... joined to the noun.
fn role_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev = "";
    for w in text.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        let f = match pack_word(w, true) {
            Some(k) => FAST_WORDS.get(k),
            None => WORDS.get(w.to_lowercase().as_str()).copied().unwrap_or(0),
        };
        if f & F_ROLE != 0 {
            let lw = w.to_lowercase();
            let pl = prev.to_lowercase();
            if matches!(
                pl.as_str(),
                "vice" | "deputy" | "assistant" | "under" | "co" | "press" | "lieutenant"
            ) {
                out.push(format!("{pl} {lw}"));
            } else {
                out.push(lw);
            }
        }
        prev = w;
    }
    out
}
