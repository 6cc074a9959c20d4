//! General vocabulary: real English words roughly ordered from frequent to rare,
//! plus deterministic pseudo-words for the long tail. Ranks feed the Zipf samplers.

use super::rng::{Rng, Zipf};

/// Common nouns (singular), most frequent first.
pub const NOUNS: &str = "market government year price rate bank policy economy growth \
percent week month analyst official demand supply country industry company trade \
investor increase decline level data report forecast sector program plan measure \
outlook pressure rise fall budget spending cost tax income export import currency \
debt loan deficit surplus share stock bond yield profit revenue sale business \
economist minister ministry committee agreement talk meeting quarter period figure \
estimate target index system service product producer consumer worker job wage \
labor factory output production capacity investment fund capital credit risk \
concern uncertainty recovery expansion contraction slowdown change reform \
proposal law bill legislation rule regulation regulator authority agency \
official statement decision view position need effort move step action response \
impact effect factor condition trend pattern sign signal indication evidence \
margin balance account reserve asset liability holding position portfolio \
stake deal contract order shipment cargo commodity good material resource \
energy oil gas fuel power electricity coal grain wheat corn crop harvest farm \
farmer land home house property construction building mortgage rent tenant \
household family consumer retailer store shop customer client partner member \
state region province city town area zone border port route network \
infrastructure road rail bridge project facility plant mine field site \
technology software chip device platform firm group unit division subsidiary \
executive director chairman board shareholder creditor lender borrower \
depositor saver taxpayer voter lawmaker senator parliament congress cabinet \
coalition party leader election campaign vote majority opposition critic \
supporter union strike dispute negotiation round summit conference forum \
delegation envoy ambassador embassy treaty pact accord framework mechanism \
tool instrument facility window scheme subsidy grant payment transfer benefit \
pension insurance premium claim contribution allowance fee charge duty levy \
tariff quota barrier restriction ban embargo curb limit cap ceiling floor \
threshold benchmark band range peak trough low high record average median \
total amount sum volume value worth number share proportion fraction portion \
majority minority half third quarter percentage point basis gain loss swing \
jump surge spike drop slump plunge dip rebound rally recovery upturn downturn \
cycle boom bust bubble crash crisis shock turmoil volatility stability \
confidence sentiment mood expectation assumption scenario projection \
calculation survey study analysis review assessment audit inquiry probe \
investigation hearing testimony speech interview remark comment note letter \
memo document paper draft text version edition issue question problem \
challenge difficulty obstacle threat danger warning alarm fear hope optimism \
pessimism caution prudence discipline restraint flexibility room scope \
leeway margin buffer cushion safeguard protection guarantee backstop \
commitment pledge promise goal objective aim priority focus emphasis \
strategy approach stance tone bias direction path course trajectory pace \
speed timing schedule deadline horizon term maturity tenor duration \
interest dividend coupon return performance result earnings outcome \
consequence implication spillover contagion exposure vulnerability weakness \
strength resilience momentum headwind tailwind driver catalyst engine \
backbone pillar foundation base core heart center hub gateway corridor \
channel conduit source origin destination market-place exchange bourse \
floor desk trader dealer broker fund-manager underwriter auditor adviser \
consultant researcher scholar professor expert specialist strategist \
spokesman spokeswoman representative delegate aide adviser deputy head \
chief president governor secretary commissioner administrator controller \
treasurer inspector supervisor manager employer employee staff workforce \
population generation youth graduate pensioner retiree migrant immigrant \
citizen resident neighbor partner ally rival competitor neighbour";

/// Adjectives, most frequent first.
pub const ADJECTIVES: &str = "economic new financial high low strong weak \
foreign domestic global national international federal central public private \
major large small key main current recent further annual monthly quarterly \
weekly early late long short higher lower stronger weaker better worse \
slower faster steady stable sharp modest moderate gradual sudden significant \
substantial considerable limited marginal slight heavy light broad narrow wide \
overall net gross real nominal underlying core average total initial final \
preliminary revised official unofficial formal informal previous next last \
past future likely unlikely possible potential expected unexpected surprise \
positive negative upbeat gloomy cautious optimistic pessimistic confident \
uncertain volatile fragile robust resilient sluggish tepid buoyant brisk \
solid firm soft tight loose easy accommodative restrictive expansionary \
contractionary fiscal monetary structural cyclical seasonal temporary \
permanent persistent transitory short-term long-term medium-term near-term \
year-on-year month-on-month industrial agricultural commercial residential \
corporate institutional retail wholesale manufacturing industrialised \
emerging developing developed advanced rich poor regional local rural urban \
western eastern northern southern european asian american african latin \
nordic continental coastal inland offshore onshore bilateral multilateral \
unilateral joint mutual common shared separate independent autonomous \
political legal regulatory administrative technical practical strategic \
tactical operational competitive protectionist liberal conservative radical \
moderate pragmatic aggressive defensive bold timid decisive hesitant swift \
prompt delayed overdue premature timely urgent pressing critical crucial \
vital essential necessary sufficient adequate excessive extreme unprecedented \
historic traditional conventional unconventional orthodox unorthodox \
sustainable unsustainable balanced unbalanced healthy unhealthy sound \
unsound prudent reckless transparent opaque credible independent costly \
cheap expensive affordable profitable unprofitable lucrative competitive \
efficient inefficient productive unproductive dynamic stagnant flat \
flagging mounting rising falling growing shrinking widening narrowing \
deepening easing tightening accelerating decelerating improving \
deteriorating worsening recovering lingering looming ongoing continuing \
remaining outstanding pending proposed planned scheduled announced reported \
estimated projected adjusted unadjusted annualised seasonally-adjusted \
state-owned state-run publicly-listed privately-held export-oriented \
import-dependent energy-intensive oil-producing grain-exporting debt-laden \
cash-strapped well-capitalised under-capitalised highly-indebted";

/// Verbs as `base` or `base:past` for irregular past tenses. Most frequent first.
pub const VERBS: &str = "raise cut:cut lower hold:held keep:kept reach \
show:showed expect ease tighten boost reduce lift weaken strengthen improve \
worsen affect support approve reject propose announce unveil introduce \
launch adopt pass block delay postpone extend renew review revise confirm \
deny signal indicate suggest outpace exceed miss top match back criticise \
defend welcome endorse favour resist challenge seek:sought pursue consider \
weigh discuss debate negotiate conclude sign ratify implement enforce impose \
levy scrap abolish replace overhaul restructure reform streamline simplify \
loosen relax curb limit restrict ban allow permit require mandate encourage \
discourage prompt spur fuel dampen depress inflate deflate offset cushion \
absorb shield protect hurt:hurt damage harm threaten undermine erode sap \
drain bolster underpin sustain maintain preserve secure ensure guarantee \
finance fund borrow lend:lent repay refinance issue sell:sold buy:bought \
trade acquire divest list price value rate devalue revalue stockpile release \
ship export import produce consume supply store hire employ train pay:paid \
earn spend:spent save tax subsidise compensate reimburse allocate earmark \
channel divert redirect target monitor assess measure track predict \
forecast:forecast estimate examine publish disclose report double halve \
triple freeze:frozen cap shape steer dominate";

/// Adverbs, most frequent first.
pub const ADVERBS: &str = "also still already further sharply slightly \
steadily gradually significantly substantially modestly considerably \
broadly largely mainly mostly partly fully nearly almost roughly about \
only just even again once recently currently previously initially finally \
eventually quickly rapidly slowly sharply strongly firmly cautiously \
carefully closely widely heavily lightly fairly relatively particularly \
especially notably increasingly decreasingly generally typically usually \
traditionally historically temporarily permanently officially formally \
privately publicly jointly separately independently directly indirectly \
immediately promptly swiftly unexpectedly surprisingly reportedly";

pub struct Words {
    pub nouns: Vec<String>,
    pub plurals: Vec<String>,
    pub adjectives: Vec<String>,
    pub verbs_past: Vec<String>,
    pub verbs_base: Vec<String>,
    pub adverbs: Vec<&'static str>,
    pub noun_zipf: Zipf,
    pub adj_zipf: Zipf,
    pub verb_zipf: Zipf,
    pub adv_zipf: Zipf,
}

fn split_unique(s: &'static str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for w in s.split_whitespace() {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// English plural by the usual spelling rules (good enough for wire copy).
pub fn plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("sis") {
        return format!("{stem}ses");
    }
    if w == "half" {
        return "halves".to_string();
    }
    if let Some(stem) = w.strip_suffix("man") {
        return format!("{stem}men");
    }
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && w.ends_with('y') && !b"aeiou".contains(&b[n - 2]) {
        return format!("{}ies", &w[..n - 1]);
    }
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('z')
    {
        return format!("{w}es");
    }
    format!("{w}s")
}

fn past(base: &str) -> String {
    let b = base.as_bytes();
    let n = b.len();
    if base.ends_with('e') {
        format!("{base}d")
    } else if n >= 2 && base.ends_with('y') && !b"aeiou".contains(&b[n - 2]) {
        format!("{}ied", &base[..n - 1])
    } else if n >= 3
        && !b"aeiouwxy".contains(&b[n - 1])
        && b"aeiou".contains(&b[n - 2])
        && !b"aeiou".contains(&b[n - 3])
        && n <= 4
    {
        // short CVC words double the final consonant: stop -> stopped, slip -> slipped
        format!("{base}{}ed", b[n - 1] as char)
    } else {
        format!("{base}ed")
    }
}

const PREFIXES: &[&str] = &[
    "", "", "", "", "inter", "trans", "micro", "macro", "neo", "post", "pre", "re", "sub", "super",
    "co", "counter", "multi", "para", "proto", "syn", "tele", "ultra", "hyper", "infra", "meta",
    "mono", "poly", "retro", "semi", "tri", "bi", "de", "dis", "en", "ex",
];
const ROOTS: &[&str] = &[
    "cap", "port", "struct", "duct", "fin", "merc", "vend", "lex", "cred", "fisc", "cambi",
    "monet", "tar", "quot", "val", "pend", "flux", "cur", "dom", "graph", "labor", "fact", "form",
    "gen", "jud", "lat", "leg", "loc", "mand", "mit", "nom", "oper", "pos", "prim", "rect", "reg",
    "sect", "serv", "sign", "spec", "stat", "sum", "tax", "temp", "ten", "tract", "vers", "vis",
    "volt", "arb", "bor", "calc", "cent", "civ", "clam", "crat", "dict", "dorm", "fer", "flect",
    "fract", "grad", "greg", "hab", "ject", "junct", "lig", "lucr", "magn", "marg", "med", "migr",
    "mod", "mov", "mun", "nav", "nect", "ord", "pac", "part", "ped", "plic", "polit", "popul",
    "quir", "rat", "rupt", "scrib", "solv", "strat", "tang", "terr", "tort", "trib", "urb", "vag",
    "ven", "vid", "voc", "zon", "kest", "brom", "dral", "fenn", "garr", "holm", "kand", "lorr",
    "mask", "norv",
];
const LINKS: &[&str] = &["", "", "", "o", "i", "a", "u", "e"];
const NOUN_SUFFIXES: &[&str] = &[
    "ion", "ment", "ity", "ance", "ence", "ism", "ics", "ure", "age", "ant", "ent", "or", "ery",
    "ium", "ate", "ode", "ex", "um",
];
const ADJ_SUFFIXES: &[&str] = &[
    "ic", "al", "ive", "ous", "ian", "ary", "ine", "ant", "ent", "ile", "oid",
];

fn pseudo(rng: &mut Rng, suffixes: &[&str]) -> String {
    let mut w = String::new();
    w.push_str(rng.pick::<&str>(PREFIXES));
    w.push_str(rng.pick::<&str>(ROOTS));
    if rng.chance(0.25) {
        w.push_str(rng.pick::<&str>(LINKS));
        w.push_str(rng.pick::<&str>(ROOTS));
    }
    w.push_str(rng.pick::<&str>(suffixes));
    w
}

fn extend_pseudo(
    list: &mut Vec<String>,
    seen: &mut std::collections::BTreeSet<String>,
    rng: &mut Rng,
    suffixes: &[&str],
    count: usize,
) {
    let target = list.len() + count;
    while list.len() < target {
        let w = pseudo(rng, suffixes);
        if w.len() >= 5 && seen.insert(w.clone()) {
            list.push(w);
        }
    }
}

impl Words {
    /// Builds the vocabulary. Independent of the user seed so that every corpus
    /// shares one vocabulary; only the sampling differs.
    pub fn build() -> Words {
        let mut seen = std::collections::BTreeSet::new();
        let mut nouns: Vec<String> = Vec::new();
        for w in split_unique(NOUNS) {
            if seen.insert(w.to_string()) {
                nouns.push(w.to_string());
            }
        }
        let plurals_real: Vec<String> = nouns.iter().map(|n| plural(n)).collect();
        for p in &plurals_real {
            seen.insert(p.clone());
        }
        let mut adjectives: Vec<String> = split_unique(ADJECTIVES)
            .into_iter()
            .map(String::from)
            .collect();
        for a in &adjectives {
            seen.insert(a.clone());
        }
        let mut verbs_base = Vec::new();
        let mut verbs_past = Vec::new();
        for v in split_unique(VERBS) {
            let (base, p) = match v.split_once(':') {
                Some((b, p)) => (b.to_string(), p.to_string()),
                None => (v.to_string(), past(v)),
            };
            if verbs_base.contains(&base) {
                continue;
            }
            seen.insert(base.clone());
            seen.insert(p.clone());
            verbs_base.push(base);
            verbs_past.push(p);
        }
        let adverbs = split_unique(ADVERBS);
        // Long tail: pseudo-words (technical jargon, product and place names).
        let mut rng = Rng::new(0x05EE_D0F7_0CAB);
        let real_nouns = nouns.len();
        extend_pseudo(&mut nouns, &mut seen, &mut rng, NOUN_SUFFIXES, 16_000);
        let mut plurals = plurals_real;
        for w in &nouns[real_nouns..] {
            plurals.push(plural(w));
        }
        extend_pseudo(&mut adjectives, &mut seen, &mut rng, ADJ_SUFFIXES, 5_000);
        let noun_zipf = Zipf::new(nouns.len(), 1.0);
        let adj_zipf = Zipf::new(adjectives.len(), 1.0);
        let verb_zipf = Zipf::new(verbs_past.len(), 1.0);
        let adv_zipf = Zipf::new(adverbs.len(), 1.0);
        Words {
            nouns,
            plurals,
            adjectives,
            verbs_past,
            verbs_base,
            adverbs,
            noun_zipf,
            adj_zipf,
            verb_zipf,
            adv_zipf,
        }
    }

    pub fn vocabulary_size(&self) -> usize {
        self.nouns.len() * 2
            + self.adjectives.len()
            + self.verbs_base.len() * 2
            + self.adverbs.len()
    }

    pub fn noun(&self, rng: &mut Rng) -> &str {
        &self.nouns[self.noun_zipf.sample(rng)]
    }
    pub fn plural(&self, rng: &mut Rng) -> &str {
        &self.plurals[self.noun_zipf.sample(rng)]
    }
    pub fn adj(&self, rng: &mut Rng) -> &str {
        &self.adjectives[self.adj_zipf.sample(rng)]
    }
    pub fn verb_past(&self, rng: &mut Rng) -> &str {
        &self.verbs_past[self.verb_zipf.sample(rng)]
    }
    pub fn verb_base(&self, rng: &mut Rng) -> &str {
        &self.verbs_base[self.verb_zipf.sample(rng)]
    }
    pub fn adverb(&self, rng: &mut Rng) -> &str {
        self.adverbs[self.adv_zipf.sample(rng)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_and_past_rules() {
        assert_eq!(plural("policy"), "policies");
        assert_eq!(plural("tax"), "taxes");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("spokesman"), "spokesmen");
        assert_eq!(past("raise"), "raised");
        assert_eq!(past("slip"), "slipped");
        assert_eq!(past("worry"), "worried");
        assert_eq!(past("widen"), "widened");
    }

    #[test]
    fn vocabulary_is_large_and_stable() {
        let a = Words::build();
        let b = Words::build();
        assert!(a.vocabulary_size() > 20_000, "{}", a.vocabulary_size());
        assert_eq!(a.nouns, b.nouns);
        assert_eq!(a.adjectives, b.adjectives);
        assert!(!a.verbs_past.iter().any(|v| v == "said"));
    }
}
