//! Synthetic article generator: one article per (seed, index), independent of
//! the output layout, so `gen-000000123` is the same text in every layout.

use super::people::{
    Gender, People, COUNTRIES, FINANCE, GERMANY, LAWMAKER, MARKET_TITLES, N_ROLES, SOURCES, US,
};
use super::rng::{Rng, Zipf};
use super::topics::{
    Topic, COMPANY_A, COMPANY_B, CROPS, GENERIC_CLAUSES, GENERIC_FACTS, GENERIC_QUOTES, GOODS,
    TOPICS,
};
use super::words::Words;
use super::Record;
use std::fmt::Write as _;

pub const FIRST_YEAR: i32 = 1985;
pub const LAST_YEAR: i32 = 2025;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const QUARTERS: [&str; 4] = [
    "first quarter",
    "second quarter",
    "third quarter",
    "fourth quarter",
];
const BPS: &[&str] = &[
    "25 basis points",
    "a quarter of a percentage point",
    "half a percentage point",
    "50 basis points",
    "75 basis points",
    "one percentage point",
];
/// Attribution verbs used instead of "said" (all articles use some; ~30% use only these).
const ALT_SAY: &[&str] = &[
    "added",
    "noted",
    "stated",
    "argued",
    "warned",
    "explained",
    "remarked",
];
const UNNAMED: &[&str] = &[
    "officials",
    "government officials",
    "senior officials",
    "ministry officials",
    "analysts",
    "economists",
    "traders",
    "dealers",
    "diplomats",
    "people familiar with the matter",
    "a senior official who asked not to be identified",
    "a government spokesman",
    "sources close to the negotiations",
];
/// Occasions that fit "X, speaking ..., said".
const SPEAKING: &[&str] = &[
    "at a news conference",
    "at a conference",
    "in a television interview",
    "at a seminar",
    "after a cabinet meeting",
    "to reporters",
];
const OCCASIONS: &[&str] = &[
    "at a news conference",
    "in a speech to business leaders",
    "in testimony to lawmakers",
    "at a conference",
    "in a television interview",
    "at a seminar",
    "after a cabinet meeting",
    "in a statement",
    "in a written statement",
];

/// Shared, read-only generator state (vocabulary, people, topic weights).
pub struct Corpus {
    pub words: Words,
    pub people: People,
    year_weights: Vec<f64>,
    country_weights: Vec<f64>,
    topic_weights: Vec<f64>,
    source_weights: Vec<f64>,
    company_zipf: Zipf,
}

impl Corpus {
    pub fn new() -> Corpus {
        // More recent years are denser: weight grows linearly 1 → 5.
        let year_weights = (FIRST_YEAR..=LAST_YEAR)
            .map(|y| 1.0 + (y - FIRST_YEAR) as f64 * 0.1)
            .collect();
        Corpus {
            words: Words::build(),
            people: People::build(),
            year_weights,
            country_weights: COUNTRIES.iter().map(|c| c.weight).collect(),
            topic_weights: TOPICS.iter().map(|t| t.weight).collect(),
            source_weights: SOURCES.iter().map(|s| s.2).collect(),
            company_zipf: Zipf::new(COMPANY_A.len() * COMPANY_B.len(), 0.9),
        }
    }

    /// Generates article number `index` for `seed`.
    pub fn article(&self, seed: u64, index: u64) -> Record {
        Gen::new(self, seed, index).run()
    }
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus::new()
    }
}

struct Member {
    full: String,
    last: String,
    /// Title used before the name ("Finance Minister"); empty for market people.
    title: String,
    /// Appositive used after the name ("chief economist at Kestrel Capital").
    desc: String,
    gender: Gender,
    mentioned: bool,
}

struct Gen<'a> {
    c: &'a Corpus,
    rng: Rng,
    index: u64,
    country: usize,
    partner: usize,
    topic: &'static Topic,
    topic2: Option<&'static Topic>,
    year: i32,
    month: usize,
    use_said: bool,
    good: &'static str,
    crop: &'static str,
    company: String,
    cast: Vec<Member>,
    last_speaker: Option<usize>,
    words: usize,
    /// Templates already used in this article (by address), to avoid repeats.
    used: Vec<usize>,
}

/// Lower-cases the generic words of an official title for use after a name.
fn title_lower(title: &str) -> String {
    const GENERIC: &[&str] = &[
        "Minister",
        "Secretary",
        "Governor",
        "President",
        "Chairman",
        "Deputy",
        "Vice",
        "Finance",
        "Trade",
        "Economy",
        "Economics",
        "Energy",
        "Agriculture",
        "Labour",
        "Labor",
        "Commerce",
        "Foreign",
        "International",
        "Planning",
        "Industry",
        "Petroleum",
        "Oil",
        "Farm",
        "Employment",
        "Business",
        "Economic",
        "Resources",
        "Primary",
        "Industries",
        "Mines",
        "Minerals",
        "Treasurer",
        "Director",
        "Senator",
        "Representative",
        "and",
    ];
    title
        .split(' ')
        .map(|w| {
            if GENERIC.contains(&w) {
                w.to_lowercase()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Upper-cases the first letter (after an opening quote) of a sentence.
fn capitalise(s: &mut String) {
    let start = if s.starts_with('"') { 1 } else { 0 };
    if let Some(ch) = s[start..].chars().next() {
        if ch.is_lowercase() {
            let up: String = ch.to_uppercase().collect();
            s.replace_range(start..start + ch.len_utf8(), &up);
        }
    }
}

fn count_words(s: &str) -> usize {
    s.split_ascii_whitespace().count()
}

impl<'a> Gen<'a> {
    fn new(c: &'a Corpus, seed: u64, index: u64) -> Gen<'a> {
        let mut rng = Rng::for_stream(seed, index);
        let year = FIRST_YEAR + rng.weighted(&c.year_weights) as i32;
        let month = rng.below(12);
        let mut country = rng.weighted(&c.country_weights);
        let mut topic_i = rng.weighted(&c.topic_weights);
        // Oil producers write mostly about energy; Germany about the Bundesbank.
        if matches!(
            COUNTRIES[country].slug,
            "saudi-arabia" | "nigeria" | "russia"
        ) && rng.chance(0.4)
        {
            topic_i = 7;
        }
        if country == GERMANY && rng.chance(0.08) {
            topic_i = 1;
        }
        // Sanctions and investment screening are mostly about big economies acting.
        if TOPICS[topic_i].slug == "sanctions" && rng.chance(0.5) {
            country = US;
        }
        let mut partner = rng.weighted(&c.country_weights);
        if partner == country {
            partner = (partner + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
        }
        let topic2 = if rng.chance(0.35) {
            Some(&TOPICS[rng.weighted(&c.topic_weights)])
        } else {
            None
        };
        let use_said = rng.chance(0.70);
        let good = *rng.pick(GOODS);
        let crop = *rng.pick(CROPS);
        let ci = c.company_zipf.sample(&mut rng);
        let company = format!(
            "{} {}",
            COMPANY_A[ci % COMPANY_A.len()],
            COMPANY_B[ci / COMPANY_A.len()]
        );
        Gen {
            c,
            rng,
            index,
            country,
            partner,
            topic: &TOPICS[topic_i],
            topic2,
            year,
            month,
            use_said,
            good,
            crop,
            company,
            cast: Vec::new(),
            last_speaker: None,
            words: 0,
            used: Vec::with_capacity(64),
        }
    }

    /// A template from `list` not yet used in this article, if one is found quickly.
    fn fresh(&mut self, list: &'static [&'static str]) -> &'static str {
        let mut t = list[self.rng.below(list.len())];
        for _ in 0..6 {
            if !self.used.contains(&(t.as_ptr() as usize)) {
                break;
            }
            t = list[self.rng.below(list.len())];
        }
        self.used.push(t.as_ptr() as usize);
        t
    }

    fn say(&mut self) -> &'static str {
        if self.use_said && self.rng.chance(0.85) {
            "said"
        } else {
            ALT_SAY[self.rng.below(ALT_SAY.len())]
        }
    }

    fn pct(&mut self) -> String {
        let x = if self.rng.chance(0.7) {
            0.1 + self.rng.f64() * 4.9
        } else {
            5.0 + self.rng.f64() * 10.0
        };
        format!("{x:.1} percent")
    }

    fn rate(&mut self) -> String {
        let (lo, hi) = if self.year < 1995 { (12, 56) } else { (1, 24) };
        let quarters = self.rng.range(lo, hi);
        let whole = quarters / 4;
        match quarters % 4 {
            0 => format!("{whole} percent"),
            1 => format!("{whole}.25 percent"),
            2 => format!("{whole}.5 percent"),
            _ => format!("{whole}.75 percent"),
        }
    }

    fn amount(&mut self) -> String {
        let v = 10f64.powf(self.rng.f64() * 2.5);
        if v < 10.0 {
            format!("{v:.1}")
        } else {
            format!("{}", v as u64)
        }
    }

    fn money(&mut self) -> String {
        let unit = if self.rng.chance(0.7) {
            "billion"
        } else {
            "million"
        };
        let amt = self.amount();
        let (_, plural) = COUNTRIES[self.country].currency(self.year);
        if plural == "dollars" || self.rng.chance(0.2) {
            format!("${amt} {unit}")
        } else {
            format!("{amt} {unit} {plural}")
        }
    }

    /// Expands the placeholders of `tpl` into `out`.
    fn expand(&mut self, tpl: &str, out: &mut String) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let before = out.len();
            let close = open + rest[open..].find('}').expect("unclosed placeholder");
            let key = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let c = self.c;
            let country = &COUNTRIES[self.country];
            let partner = &COUNTRIES[self.partner];
            match key {
                "n" => out.push_str(c.words.noun(&mut self.rng)),
                "ns" => out.push_str(c.words.plural(&mut self.rng)),
                "a" => out.push_str(c.words.adj(&mut self.rng)),
                "v" => out.push_str(c.words.verb_past(&mut self.rng)),
                "vb" => out.push_str(c.words.verb_base(&mut self.rng)),
                "adv" => out.push_str(c.words.adverb(&mut self.rng)),
                "C" => out.push_str(country.the_name),
                "Cadj" => out.push_str(country.adj),
                "cb" => {
                    out.push_str("the ");
                    out.push_str(country.central_bank);
                }
                "leg" => out.push_str(country.legislature),
                "city" => out.push_str(&title_case(country.city)),
                "P" => out.push_str(partner.the_name),
                "Padj" => out.push_str(partner.adj),
                "Pcur" => out.push_str(partner.currency(self.year).0),
                "cur" => out.push_str(country.currency(self.year).0),
                "curs" => out.push_str(country.currency(self.year).1),
                "money" => {
                    let m = self.money();
                    out.push_str(&m);
                }
                "pct" => {
                    let p = self.pct();
                    out.push_str(&p);
                }
                "smallpct" => {
                    let x = 0.1 + self.rng.f64() * 0.8;
                    let _ = write!(out, "{x:.1} percent");
                }
                "rate" => {
                    let r = self.rate();
                    out.push_str(&r);
                }
                "bp" => out.push_str(self.rng.pick::<&str>(BPS)),
                "num" => {
                    let n = self.rng.range(2, 30);
                    let _ = write!(out, "{n}");
                }
                "oil" => {
                    let (lo, hi) = match self.year {
                        ..=1999 => (10, 35),
                        2000..=2004 => (20, 55),
                        _ => (40, 120),
                    };
                    let p = self.rng.range(lo, hi);
                    let _ = write!(out, "${p}");
                }
                "mln" => {
                    let x = 0.2 + self.rng.f64() * 9.8;
                    let _ = write!(out, "{x:.1} million");
                }
                "month" => {
                    let m = if self.rng.chance(0.6) {
                        (self.month + 11) % 12
                    } else {
                        self.rng.below(12)
                    };
                    out.push_str(MONTHS[m]);
                }
                "year" => {
                    let y = self.year + self.rng.range(0, 3) as i32;
                    let _ = write!(out, "{y}");
                }
                "lastyear" => {
                    let y = self.year - self.rng.range(1, 6) as i32;
                    let _ = write!(out, "{y}");
                }
                "weekday" => out.push_str(self.rng.pick::<&str>(&WEEKDAYS)),
                "quarter" => out.push_str(self.rng.pick::<&str>(&QUARTERS)),
                "g" => {
                    let g = if self.rng.chance(0.6) {
                        self.good
                    } else {
                        self.rng.pick::<&str>(GOODS)
                    };
                    out.push_str(g);
                }
                "crop" => out.push_str(self.crop),
                "co" => out.push_str(&self.company),
                "firm" => out.push_str(c.people.firm(&mut self.rng)),
                "t" => {
                    let t = self.rng.pick::<&str>(self.topic.terms);
                    out.push_str(t);
                }
                other => panic!("unknown placeholder {{{other}}}"),
            }
            fix_article(out, before);
        }
        out.push_str(rest);
    }

    fn sentence(&mut self, tpl: &str) -> String {
        let mut s = String::with_capacity(tpl.len() + 64);
        self.expand(tpl, &mut s);
        capitalise(&mut s);
        s
    }

    fn fragment(&mut self, tpl: &str) -> String {
        let mut s = String::with_capacity(tpl.len() + 64);
        self.expand(tpl, &mut s);
        s
    }

    fn quote_text(&mut self) -> String {
        let tpl = if self.rng.chance(0.6) {
            self.fresh(self.topic.quotes)
        } else {
            self.fresh(GENERIC_QUOTES)
        };
        self.sentence(tpl)
    }

    fn clause(&mut self) -> String {
        let tpl = match self.topic2 {
            Some(t2) if self.rng.chance(0.2) => self.fresh(t2.clauses),
            _ if self.rng.chance(0.6) => self.fresh(self.topic.clauses),
            _ => self.fresh(GENERIC_CLAUSES),
        };
        self.fragment(tpl)
    }

    fn fact(&mut self) -> String {
        let tpl = match self.topic2 {
            Some(t2) if self.rng.chance(0.25) => self.fresh(t2.facts),
            _ => self.fresh(self.topic.facts),
        };
        self.sentence(tpl)
    }

    fn background(&mut self) -> String {
        let tpl = self.fresh(GENERIC_FACTS);
        self.sentence(tpl)
    }

    fn add_official(&mut self, country: usize, role: usize) -> usize {
        let p = self.c.people.official(country, role, self.year);
        let ctry = &COUNTRIES[country];
        let base = ctry.title(role);
        let title = if role == LAWMAKER && !base.starts_with('S') && !base.starts_with('M') {
            String::new()
        } else if country == self.country {
            base.to_string()
        } else {
            format!("{} {}", ctry.adj, base)
        };
        let desc = if role == LAWMAKER {
            format!("a {} {}", ctry.adj, title_lower(base).to_lowercase())
        } else if ctry.name.ends_with('s') || ctry.the_name.starts_with("the ") {
            format!("the {} {}", ctry.adj, title_lower(base))
        } else {
            format!("{}'s {}", ctry.name, title_lower(base))
        };
        self.cast.push(Member {
            full: p.full(),
            last: p.last.clone(),
            title,
            desc,
            gender: p.gender,
            mentioned: false,
        });
        self.cast.len() - 1
    }

    fn add_market(&mut self, country: usize) -> usize {
        // Avoid two cast members sharing a surname (later mentions use surnames).
        let mut mp = self.c.people.market_person(country, &mut self.rng);
        for _ in 0..8 {
            if !self.cast.iter().any(|m| m.last == mp.person.last) {
                break;
            }
            mp = self.c.people.market_person(country, &mut self.rng);
        }
        let title = mp.title;
        let desc = if title == MARKET_TITLES[11] && self.topic.slug == "corporate" {
            format!("chief executive of {}", self.company)
        } else {
            format!("{} {}", title, mp.firm)
        };
        self.cast.push(Member {
            full: mp.person.full(),
            last: mp.person.last.clone(),
            title: String::new(),
            desc,
            gender: mp.person.gender,
            mentioned: false,
        });
        self.cast.len() - 1
    }

    /// Name as grammatical subject before a verb: "Finance Minister X" /
    /// "X, chief economist at Y," on first mention, the surname afterwards.
    fn subject(&mut self, m: usize) -> String {
        let mem = &mut self.cast[m];
        let s = if mem.mentioned {
            mem.last.clone()
        } else if !mem.title.is_empty() {
            format!("{} {}", mem.title, mem.full)
        } else {
            format!("{}, {},", mem.full, mem.desc)
        };
        mem.mentioned = true;
        s
    }

    /// Name after the verb at the end of a sentence: "said X, chief economist at Y."
    fn object(&mut self, m: usize) -> String {
        let mem = &mut self.cast[m];
        let s = if mem.mentioned {
            mem.last.clone()
        } else {
            format!("{}, {}", mem.full, mem.desc)
        };
        mem.mentioned = true;
        s
    }

    /// One attributed statement by cast member `m`, in one of the ways wire
    /// copy quotes people.
    fn attributed(&mut self, m: usize) -> String {
        let pronoun_ok = self.last_speaker == Some(m) && self.cast[m].mentioned;
        self.last_speaker = Some(m);
        if pronoun_ok && self.rng.chance(0.5) {
            let g = self.cast[m].gender;
            let verb = self.say();
            return match self.rng.below(3) {
                0 => {
                    let q = self.quote_text();
                    format!("\"{q},\" {} {verb}.", g.pronoun())
                }
                1 => {
                    let cl = self.clause();
                    format!("{} {verb} {cl}.", g.pronoun_cap())
                }
                _ => {
                    let cl = self.clause();
                    format!("{} added that {cl}.", g.pronoun_cap())
                }
            };
        }
        let style = self.rng.below(11);
        let mut s = match style {
            // "…," Finance Minister X said.
            0 | 1 => {
                let q = self.quote_text();
                if !self.cast[m].mentioned && self.cast[m].title.is_empty() {
                    let verb = self.say();
                    let who = self.object(m);
                    format!("\"{q},\" {verb} {who}.")
                } else {
                    let who = self.subject(m);
                    let who = who.trim_end_matches(',').to_string();
                    let verb = self.say();
                    format!("\"{q},\" {who} {verb}.")
                }
            }
            // "…," said X, chief economist at Y.
            2 => {
                let q = self.quote_text();
                let verb = self.say();
                let who = self.object(m);
                format!("\"{q},\" {verb} {who}.")
            }
            // Split quote: "…," Y said. "…."
            3 => {
                let q1 = self.quote_text();
                let mut q2 = self.quote_text();
                if q2 == q1 {
                    let t = self.fresh(GENERIC_QUOTES);
                    q2 = self.sentence(t);
                }
                let who = self.subject(m);
                let verb = self.say();
                format!("\"{q1},\" {who} {verb}. \"{q2}.\"")
            }
            // X told reporters (in city) that …
            4 => {
                let who = self.subject(m);
                let cl = self.clause();
                if self.rng.chance(0.5) {
                    let city = title_case(COUNTRIES[self.country].city);
                    format!("{who} told reporters in {city} that {cl}.")
                } else {
                    format!("{who} told reporters that {cl}.")
                }
            }
            // According to X, …  /  …, according to X.
            5 => {
                let cl = self.clause();
                let who = self.object(m);
                if self.rng.chance(0.5) {
                    format!("According to {who}, {cl}.")
                } else {
                    format!("{cl}, according to {who}.")
                }
            }
            // X said (that) … — reported speech.
            6 | 7 => {
                let who = self.subject(m);
                let verb = self.say();
                let cl = self.clause();
                let that = if self.rng.chance(0.5) { "that " } else { "" };
                format!("{who} {verb} {that}{cl}.")
            }
            // "…," X said, adding that …
            8 => {
                let q = self.quote_text();
                let who = self.subject(m);
                let verb = self.say();
                let cl = self.clause();
                format!("\"{q},\" {who} {verb}, adding that {cl}.")
            }
            // X, speaking at a news conference, said …
            9 => {
                let who = self.subject(m);
                let who = who.trim_end_matches(',').to_string();
                let occ = self.rng.pick::<&str>(SPEAKING);
                let verb = self.say();
                let cl = self.clause();
                format!("{who}, speaking {occ}, {verb} {cl}.")
            }
            // X said in a statement that …
            _ => {
                let who = self.subject(m);
                let verb = self.say();
                let occ = self.rng.pick::<&str>(OCCASIONS);
                let cl = self.clause();
                format!("{who} {verb} {occ} that {cl}.")
            }
        };
        capitalise(&mut s);
        s
    }

    /// A statement attributed to unnamed sources.
    fn unnamed(&mut self) -> String {
        self.last_speaker = None;
        let who = self.rng.pick::<&str>(UNNAMED);
        let cl = self.clause();
        let mut s = match self.rng.below(4) {
            0 => {
                let verb = self.say();
                format!("{cl}, {who} {verb}.")
            }
            1 => format!("{cl}, according to {who}."),
            2 => {
                let verb = self.say();
                format!("{who} {verb} {cl}.")
            }
            _ => {
                let verb = self.say();
                let cb = COUNTRIES[self.country].central_bank;
                let body = if self.rng.chance(0.5) {
                    format!("a spokesman for the {cb}")
                } else {
                    "a finance ministry spokeswoman".to_string()
                };
                format!("{cl}, {body} {verb}.")
            }
        };
        capitalise(&mut s);
        s
    }

    fn push_paragraph(&mut self, body: &mut String, sentences: &[String]) {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        for (i, s) in sentences.iter().enumerate() {
            if i > 0 {
                body.push(' ');
            }
            body.push_str(s);
            self.words += count_words(s);
        }
    }

    fn run(mut self) -> Record {
        let c = self.c;
        let country = &COUNTRIES[self.country];
        // Cast: the main official, a second official (other role or country),
        // one to three market people.
        let main = self.add_official(self.country, self.topic.role);
        let second = if self.rng.chance(0.5) {
            let role = (self.topic.role + 1 + self.rng.below(N_ROLES - 1)) % N_ROLES;
            let role = if role == LAWMAKER && self.country != US {
                FINANCE
            } else {
                role
            };
            self.add_official(self.country, role)
        } else {
            self.add_official(self.partner, self.topic.role)
        };
        let n_market = 1 + self.rng.below(3);
        let mut market = Vec::new();
        for _ in 0..n_market {
            let ctry = if self.rng.chance(0.8) {
                self.country
            } else {
                self.partner
            };
            market.push(self.add_market(ctry));
        }
        let target = 300 + (0..3).map(|_| self.rng.below(161)).sum::<usize>(); // 300..780, mean 540

        // Title.
        let tt = self.rng.pick::<&str>(self.topic.titles);
        let mut title = self.fragment(tt);
        capitalise(&mut title);

        // Date.
        let days = days_in_month(self.year, self.month as u32 + 1);
        let day = 1 + self.rng.below(days as usize);
        let hour = if self.rng.chance(0.8) {
            6 + self.rng.below(14)
        } else {
            self.rng.below(24)
        };
        let minute = self.rng.below(60);
        let sec = self.rng.below(60);
        let date = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year,
            self.month + 1,
            day,
            hour,
            minute,
            sec
        );

        // Lead paragraph with optional dateline.
        let mut body = String::with_capacity(4096);
        let mut lead = self.fact();
        let attributed = ["reported", "showed", "according to", "estimated"]
            .iter()
            .any(|w| lead.contains(w));
        if !attributed && self.rng.chance(0.5) {
            lead.pop();
            let who = self.subject(main);
            let verb = self.say();
            lead = format!("{lead}, {who} {verb}.");
            self.last_speaker = Some(main);
        }
        if self.rng.chance(0.6) {
            lead = format!(
                "{}, {} {} - {lead}",
                country.city, MONTHS_SHORT[self.month], day
            );
        }
        let mut lead_par = vec![lead];
        if self.rng.chance(0.5) {
            let s = self.fact();
            lead_par.push(s);
        }
        self.push_paragraph(&mut body, &lead_par);

        // Rare sentences that make a few query terms appear at realistic rates.
        let mut extras: Vec<String> = Vec::new();
        if self.rng.chance(0.004) {
            extras.push(
                "Some economists warned that the combination of rising prices and stalling output raised the spectre of stagflation."
                    .to_string(),
            );
        }
        let euro_area = matches!(country.slug, "france" | "italy" | "netherlands" | "spain");
        let money_topic = matches!(
            self.topic.slug,
            "monetary-policy" | "currency" | "inflation"
        );
        if (euro_area && money_topic && self.rng.chance(0.25)) || self.rng.chance(0.006) {
            let s = if self.year < 1999 {
                "Dealers said the Bundesbank was unlikely to cut interest rates before {month}, limiting room for other European central banks."
            } else {
                "Bundesbank officials have argued against a further cut in interest rates at the European Central Bank."
            };
            let s = self.sentence(s);
            let s = if self.use_said {
                s
            } else {
                s.replace("Dealers said", "Dealers expected")
            };
            extras.push(s);
        }

        let mut pars = 0;
        while self.words < target {
            pars += 1;
            let mut sents: Vec<String> = Vec::new();
            let kind = self.rng.weighted(&[34.0, 28.0, 20.0, 9.0, 9.0]);
            match kind {
                0 => {
                    // Official speaks, maybe with a pronoun follow-up.
                    let m = if self.rng.chance(0.65) { main } else { second };
                    sents.push(self.attributed(m));
                    if self.rng.chance(0.5) {
                        sents.push(self.attributed(m));
                    }
                }
                1 => {
                    for _ in 0..1 + self.rng.below(2) {
                        sents.push(self.fact());
                    }
                }
                2 => {
                    for _ in 0..1 + self.rng.below(3) {
                        sents.push(self.background());
                    }
                }
                3 => sents.push(self.unnamed()),
                _ => {
                    let m = market[self.rng.below(market.len())];
                    sents.push(self.attributed(m));
                    if self.rng.chance(0.4) {
                        sents.push(self.attributed(m));
                    }
                }
            }
            if pars >= 2 && !extras.is_empty() {
                sents.append(&mut extras);
            }
            self.push_paragraph(&mut body, &sents);
            if self.words > 760 {
                break;
            }
        }
        if !extras.is_empty() {
            self.push_paragraph(&mut body, &extras);
        }

        let (source, domain, _) = SOURCES[self.rng.weighted(&c.source_weights)];
        let author = if self.rng.chance(0.85) {
            Some(c.people.reporter(&mut self.rng).to_string())
        } else {
            None
        };
        let mut tags = vec![self.topic.slug.to_string()];
        if let Some(t2) = self.topic2 {
            if t2.slug != self.topic.slug {
                tags.push(t2.slug.to_string());
            }
        }
        tags.push(country.slug.to_string());
        let id = format!("gen-{:09}", self.index);
        let url = format!(
            "https://www.{domain}/{:04}/{:02}/{:02}/{}-{}",
            self.year,
            self.month + 1,
            day,
            slug(&title),
            self.index
        );
        Record {
            id,
            title,
            date: Some(date),
            source: Some(source.to_string()),
            author,
            url: Some(url),
            tags,
            body,
            original: None,
        }
    }
}

/// Turns "a" before `out[at..]` into "an" when the inserted word starts with a vowel.
fn fix_article(out: &mut String, at: usize) {
    let starts_vowel = matches!(
        out.as_bytes().get(at),
        Some(b'a' | b'e' | b'i' | b'o' | b'A' | b'E' | b'I' | b'O')
    ) || out[at..].starts_with("un");
    if !starts_vowel {
        return;
    }
    let head = &out[..at];
    if head.ends_with(" a ") || head == "a " || head == "A " || head.ends_with("\"a ") {
        out.insert(at - 1, 'n');
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// URL slug of a title: lower-case ASCII words joined by '-', at most ~60 bytes.
pub fn slug(title: &str) -> String {
    let mut s = String::with_capacity(64);
    for ch in title.chars() {
        if ch.is_ascii_alphanumeric() {
            s.push(ch.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
        if s.len() >= 60 {
            break;
        }
    }
    s.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_plausible() {
        let c = Corpus::new();
        let a = c.article(42, 7);
        let b = c.article(42, 7);
        assert_eq!(a.body, b.body);
        assert_eq!(a.title, b.title);
        assert_ne!(c.article(42, 8).body, a.body);
        assert_ne!(c.article(43, 7).body, a.body);
        let mut said = 0;
        for i in 0..300 {
            let r = c.article(1, i);
            let w = r.body.split_whitespace().count();
            assert!((250..=900).contains(&w), "article {i} has {w} words");
            assert!(
                !r.body.contains('{'),
                "unexpanded placeholder in {}",
                r.body
            );
            if r.body
                .split(|c: char| !c.is_alphanumeric())
                .any(|t| t == "said")
            {
                said += 1;
            }
        }
        assert!((150..=260).contains(&said), "said in {said}/300");
    }

    #[test]
    fn every_template_expands() {
        let c = Corpus::new();
        for i in 0..2000 {
            let r = c.article(9, i);
            assert!(!r.title.is_empty());
        }
    }
}
