//! The word lists attribution knows (common words, titles, organisation
//! words, places and speech verbs; no person names), the flags (`F_*`) they
//! give a word, and tests of a word's shape.

use super::fast_lookup::FxBuildHasher;
use std::collections::HashMap;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------
// Word flags: the lists below give each word some of these bits

/// Person title or role word that may precede a name.
pub(super) const F_TITLE: u32 = 1;
/// Organisation word.
pub(super) const F_ORG: u32 = 1 << 1;
/// Common word that is capitalised at sentence start.
pub(super) const F_STOP: u32 = 1 << 2;
/// Place, nationality, party or group of people.
pub(super) const F_PLACE: u32 = 1 << 3;
/// Name particle (de, van, bin).
pub(super) const F_PARTICLE: u32 = 1 << 4;
/// Abbreviation taking a period (Mr., Co.).
pub(super) const F_ABBREV: u32 = 1 << 5;
/// Singular role noun usable in "the <role> said".
pub(super) const F_ROLE: u32 = 1 << 6;
/// Word that marks a man (Mr., spokesman, his).
pub(super) const F_MALE: u32 = 1 << 7;
/// Word that marks a woman (Mrs., spokeswoman, her).
pub(super) const F_FEMALE: u32 = 1 << 8;
/// Name suffix (Jr, Sr, II, III).
pub(super) const F_SUFFIX: u32 = 1 << 9;
/// Determiner that starts a noun phrase.
pub(super) const F_DET: u32 = 1 << 10;
/// Word that may stand between subject and verb.
pub(super) const F_ADV: u32 = 1 << 11;
/// Day, month or other time noun.
pub(super) const F_TIME: u32 = 1 << 12;
/// Word that may precede a time noun (on, in, last, this, earlier).
pub(super) const F_PRETIME: u32 = 1 << 13;
/// Lowercase modifier of a role (former, presidential).
pub(super) const F_ROLEMOD: u32 = 1 << 14;
/// Sentence-initial word of an introductory phrase.
pub(super) const F_INTRO: u32 = 1 << 15;
/// Form of "to be" (for the passive check).
pub(super) const F_BE: u32 = 1 << 16;
/// Word that closes a noun phrase to the left.
pub(super) const F_CLAUSE: u32 = 1 << 17;
/// Honorific (Mr., Mrs.) — implies a person.
pub(super) const F_HONOR: u32 = 1 << 18;
/// Noun that heads a role phrase (a `F_ROLE` noun, or a title, job or
/// standing such as "Sen.", "pollster", "rival"): a role names one.
pub(super) const F_ROLE_NOUN: u32 = 1 << 19;

// ---------------------------------------------------------------------------
// Word lists (common words, titles, organisation words, places; no person names)

const TITLES: &str = "president vice premier secretary minister prime chancellor senator sen rep reps representative \
 senators representatives congressmen governors \
 congressman congresswoman gov governor mayor judge justice chairman chairwoman chair chairperson director chief \
 executive ceo cfo coo cto mr mrs ms miss mx dr prof professor general gen lt col capt sgt adm admiral ambassador \
 speaker leader commissioner attorney treasurer spokesman spokeswoman spokesperson rev reverend king queen prince \
 princess pope sheikh lord lady sir dame deputy assistant undersecretary under economist analyst strategist founder \
 cofounder co-founder officer head lawmaker candidate nominee sheriff detective agent pastor bishop cardinal rabbi imam \
 ayatollah emir coach host anchor correspondent editor columnist manager partner vp counsel adviser advisor aide whip \
 majority minority president-elect vice-president secretary-general commander lieutenant colonel captain sergeant \
 marshal comptroller auditor inspector administrator superintendent provost chancellor regent trustee governor-general \
 consul envoy delegate councilman councilwoman councillor councilor alderman assemblyman assemblywoman legislator \
 justice magistrate prosecutor solicitor barrister lawyer sen. gov. rep. mr. mrs. ms. dr. hon honorable \
 pres supt insp det cmdr ald atty amb sec treasury commerce defense defence labor labour energy finance foreign trade \
 interior homeland state transportation agriculture education health housing veterans economy economic \
 representative first former acting interim incoming outgoing retired late senior junior associate principal \
 managing general-secretary premier-elect chief-executive physicist scientist researcher fellow author writer \
 reporter journalist pollster historian professor lecturer banker investor trader billionaire businessman \
 businesswoman activist organizer organiser campaigner candidate challenger incumbent rival opponent democrat \
 republican independent libertarian socialist conservative liberal nominee hopeful contender running mate";

const ORGS: &str = "inc corp co cos ltd llc plc ag sa nv gmbh spa bv lp llp bancorp bank banks group holding holdings ministry department team \
 university college school council party committee association news times post journal television tv radio agency \
 fund institute center centre house senate congress court commission board service services company companies capital \
 partners securities research foundation administration office bureau reserve federal national international union \
 federation organization organisation campaign network press daily review magazine street avenue city county states \
 republic kingdom airlines airways motors energy oil petroleum exchange market markets trust management investments \
 associates communications technologies technology systems industries industry reuters bloomberg cnn nbc abc cbs fox \
 msnbc politico twitter facebook google microsoft apple amazon times herald tribune gazette chronicle telegraph \
 guardian economist observer examiner inquirer courier dispatch globe mail sun star express mirror standard wire \
 breitbart axios hill atlantic newsweek vox slate salon huffpost buzzfeed yahoo aol cnbc pbs npr bbc associated \
 gallup quinnipiac rasmussen ipsos pew marist monmouth suffolk emerson zogby \
 army navy force forces police guard corps council parliament assembly cabinet government treasury pentagon kremlin \
 commerce chamber society club league alliance coalition movement front project initiative forum summit conference \
 convention institution institutes museum library hospital clinic church mosque temple authority authorities \
 regulator commission council ministry secretariat directorate agency bureau embassy consulate mission program \
 programme report poll survey index act law plan accord treaty pact airport station port railway railroad \
 bridge tower building hall square park river lake mountain island islands valley beach coast bay gulf sea ocean \
 north south east west northern southern eastern western central corporation incorporated limited enterprise \
 enterprises brothers bros sons mutual life insurance financial finance credit lending loan loans savings \
 investment investors advisors advisers consulting consultants solutions global worldwide resources mining metals \
 steel chemical chemicals pharmaceuticals pharma health healthcare medical foods food beverage beverages brewing \
 motor automotive auto electric electronics power utilities utility gas petroleum petrochemical shipping logistics \
 transport telecom telecommunications media entertainment studios pictures records publishing books software \
 labs laboratories dynamics aerospace defense devices instruments equipment machinery products brands stores \
 mart retail realty properties estate hotels resorts casinos gaming foundation endowment trustees fed imf wto opec \
 nato un eu gop dnc rnc fbi cia nsa doj irs sec ftc fcc epa fda cdc nasa ecb boj pboc \
 tire tires rubber cement textile textiles aluminum aluminium plastics refining refinery drilling brewery \
 breweries distillers packaging";

const STOPS: &str = "correction corrections clarification update updated note editor editors related \
 everything everyone everybody nothing something anything nobody somebody later \
 neither either unless nor whilst whose dear hello goodbye sorry wow yeah no. \
 the a an in on at for but and or nor if when while as after before since this that these those it its \
 he she they we i you our his her their my your there here what who whom whose why how where which some many most more \
 both each every all no not yes so yet still also then now today tomorrow yesterday meanwhile however although though \
 because despite during under over with without from to by of about among between into through until like unlike asked \
 said says one two three four five six seven eight nine ten first second third last next other another such only even \
 just whether whatever according following including amid speaking senior sources officials analysts economists experts \
 critics supporters voters people us them him me do does did is are was were be been being has have had will would \
 could should may might must can cannot shall let let's please thank thanks well oh ok okay hey dear mr mrs ms dr \
 sen rep gov gen st jr sr chapter section part page figure table photo image video watch read more related update \
 breaking exclusive editor's note editors advertisement sponsored click subscribe share tweet comment comments reply \
 god lord jesus christ christmas easter thanksgiving new old big little great good bad best worst top high low \
 inside outside above below up down out off again almost always never often sometimes very much many few less least \
 again ago away back perhaps maybe instead rather indeed though thus hence therefore nevertheless nonetheless \
 once twice whereas whenever wherever whoever whichever within without upon via per vs versus plus minus \
 internet web online email emails press release statement interview transcript q a am pm a.m p.m \
 black white hispanic latino latina asian african caucasian native jewish muslim christian catholic protestant \
 evangelical mormon hindu buddhist sikh arab arabs gay lesbian transgender lgbt lgbtq millennials boomers \
 election elections day night morning afternoon evening week weekend month year years debate debates primary primaries \
 caucus caucuses convention conventions rally rallies campaign campaigns ad ads tv radio online digital social media \
 dow nasdaq s&p stock stocks bond bonds treasuries yield yields dollar dollars euro euros yen yuan pound sterling \
 brexit obamacare medicare medicaid social security wall main fed oval cabinet west wing capitol hill air force one \
 super tuesday mar-a-lago trump-pence clinton-kaine";

const PLACES: &str = "u.s u.s. us usa america american americans united states britain british uk u.k u.k. england english \
 scotland scottish wales welsh ireland irish europe european europeans eu e.u asia asian africa african latin \
 china chinese beijing shanghai hong kong taiwan taiwanese japan japanese tokyo korea korean koreas seoul pyongyang \
 india indian delhi pakistan pakistani afghanistan afghan iran iranian iraq iraqi syria syrian israel israeli \
 palestinian palestinians gaza lebanon lebanese jordan jordanian egypt egyptian saudi arabia saudis turkey turkish \
 russia russian russians moscow ukraine ukrainian kiev crimea germany german germans berlin france french paris \
 italy italian rome spain spanish madrid portugal portuguese greece greek athens netherlands dutch belgium belgian \
 brussels switzerland swiss geneva austria austrian sweden swedish norway norwegian denmark danish finland finnish \
 poland polish hungary hungarian czech romania bulgaria serbia croatia canada canadian ottawa toronto mexico mexican \
 mexicans brazil brazilian argentina argentine chile venezuela venezuelan colombia cuba cuban cubans australia \
 australian sydney zealand singapore malaysia indonesia thailand vietnam vietnamese philippines philippine manila \
 nigeria kenya ethiopia south north east west western eastern northern southern middle gulf pacific atlantic arctic \
 washington york new jersey california texas florida ohio pennsylvania michigan wisconsin iowa nevada colorado \
 arizona georgia virginia carolina hampshire massachusetts connecticut maryland delaware illinois indiana kentucky \
 tennessee alabama mississippi louisiana arkansas missouri oklahoma kansas nebraska dakota minnesota montana wyoming \
 idaho utah oregon alaska hawaii maine vermont rhode island chicago boston angeles los san francisco diego seattle \
 houston dallas atlanta miami philadelphia detroit cleveland denver phoenix vegas las orleans baltimore manhattan \
 brooklyn queens bronx london dc d.c d.c. beltway silicon valley hollywood wall street midwest southwest northeast \
 democrat democrats democratic republican republicans gop conservative conservatives liberal liberals progressive \
 progressives libertarian independent independents socialist communist communists green tea party nazi nazis \
 islamic islamist islamists isis isil al-qaeda taliban hamas hezbollah kurdish kurds sunni shiite shia muslim muslims \
 christian christians jews catholic catholics latinos hispanics blacks whites asians europeans africans evangelicals \
 federal national international global world earth city state county";

pub(super) const PARTICLES: &str = "de da di del della der den des du van von le la bin ibn al el ter ten dos das do y st. bint ben";
pub(super) const ABBREVS: &str = "mr mrs ms dr sen rep gov gen lt col capt sgt adm st jr sr co corp inc ltd bros prof rev ft mt no vs jan feb \
 mar apr aug sep sept oct nov dec messrs mmes hon pres supt insp det cmdr ald atty amb sec dept univ assn maj ave del";
const ROLES: &str = "president secretary minister premier chancellor senator governor mayor judge justice chairman chairwoman \
 chair director executive ceo spokesman spokeswoman spokesperson ambassador speaker leader commissioner attorney \
 treasurer king queen prince princess pope candidate nominee congressman congresswoman lawmaker economist analyst \
 strategist founder officer sheriff pastor bishop host anchor adviser advisor aide counsel general admiral commander \
 president-elect vice-president secretary-general billionaire businessman businesswoman mogul tycoon frontrunner \
 front-runner contender challenger incumbent governor-elect mayor-elect senator-elect representative \
 prosecutor lawyer mate administrator";
const ROLEMODS: &str = "former presidential vice deputy assistant acting interim then-candidate then-president \
 republican democratic gop party campaign chief senior top longtime veteran white house state foreign defense treasury \
 commerce trade finance economic running vice-presidential press national u.s. us american chinese federal \
 prime first incoming outgoing retired late current then managing general associate executive";
const DETS: &str = "the a an one another some several many most other his her their its our this that these those two \
 three four five six seven eight nine ten each any no every";
const ADVS: &str = "is are was were be am also has have had later then would will could may might previously repeatedly recently once again \
 both all \
 further first initially publicly privately reportedly often never frequently earlier subsequently quickly simply \
 just even already still now specifically separately similarly directly flatly bluntly openly explicitly long \
 ultimately finally immediately angrily defiantly confidently insisted sharply curtly famously proudly falsely \
 correctly wrongly rightly personally herself himself today yesterday tonight last week on monday tuesday wednesday \
 thursday friday saturday sunday";
const TIMES: &str = "monday tuesday wednesday thursday friday saturday sunday january february march april may june july \
 august september october november december week weekend month year \
 time morning afternoon evening night day days weeks months years spring summer fall autumn winter occasion interview \
 statement";
const PRETIMES: &str = "on in last this earlier late early at that during over past next";
const INTROS: &str = "on in at after before during speaking asked last earlier since while when although though \
 later meanwhile however but and yet so still then also now instead separately elsewhere indeed moreover \
 furthermore nevertheless for by with without despite amid following according addressing responding writing \
 appearing campaigning testifying";
const BES: &str = "is are was were be been being am 's";
const CLAUSES: &str =
    "and or but that which who whom whose while when where because if as than said says told";
const ROLE_NOUNS: &str = "sen sen. senator rep rep. gov gov. prof prof. professor gen gen. lt col capt sgt adm cmdr \
 atty amb pres supt insp det ald chief head chair chairperson vp cfo coo cto officer official agent detective \
 undersecretary secretary-general deputy manager partner editor columnist correspondent reporter journalist \
 pollster historian lecturer banker investor trader activist organizer organiser campaigner writer author \
 scientist researcher fellow physicist judge magistrate solicitor barrister legislator councilman councilwoman \
 councillor councilor alderman assemblyman assemblywoman delegate envoy consul trustee regent provost \
 superintendent inspector auditor comptroller marshal sergeant captain colonel lieutenant commander whip leader \
 speaker rabbi imam cardinal bishop sheikh emir ayatollah coach anchor administrator representative \
 spokesperson nominee candidate hopeful democrat republican rival opponent challenger incumbent president-elect \
 economist analyst strategist adviser advisor aide counsel consultant dealer broker trader chairwoman treasurer \
 governor mayor minister premier chancellor ambassador commissioner attorney director executive ceo founder \
 cofounder co-founder spokesman spokeswoman congressman congresswoman lawmaker host general admiral sheriff \
 pastor king queen prince princess pope prosecutor lawyer justice secretary president expert specialist \
 negotiator diplomat regulator surrogate donor supporter member staffer veteran owner developer \
 operative aide assistant associate principal vice-president vice-chairman producer publisher moderator \
 chartist commentator constituent ally resident co-author co-director coordinator \
 actor actress singer rapper comedian musician";

const MALE: &str = "mr mr. messrs congressman spokesman chairman businessman king prince sir lord husband father son brother \
 grandfather uncle nephew boyfriend his him he";
const FEMALE: &str = "mrs mrs. ms ms. miss congresswoman spokeswoman chairwoman businesswoman queen princess lady dame wife \
 mother daughter sister grandmother aunt niece girlfriend widow madam her she";
const HONORS: &str = "mr mrs ms miss mx dr prof messrs sen rep gov sir dame lord lady";
pub(super) const SUFFIXES: &str = "jr sr ii iii iv";
/// Tokens (words, and the periods of initials) of the longest company name
/// recognised: an all-capitals headline is one long capitalised sequence.
pub(super) const MOST_COMPANY_TOKENS: usize = 12;

/// Whether `w` is a company suffix ("Corp", "Inc"): the capitalised words
/// before one name a company. (A byte match: it is asked of every word
/// that may end a name.)
#[inline]
pub(super) fn corp_suffix(w: &str) -> bool {
    let b = w.as_bytes();
    if !(2..=12).contains(&b.len())
        || !matches!(
            b[0] | 0x20,
            b'a' | b'b' | b'c' | b'g' | b'i' | b'l' | b'n' | b'p' | b's'
        )
    {
        return false;
    }
    let mut lower = [0u8; 12];
    for (d, s) in lower.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &lower[..b.len()],
        b"inc"
            | b"corp"
            | b"co"
            | b"cos"
            | b"ltd"
            | b"llc"
            | b"plc"
            | b"ag"
            | b"nv"
            | b"gmbh"
            | b"spa"
            | b"bv"
            | b"lp"
            | b"llp"
            | b"corporation"
            | b"incorporated"
            | b"limited"
            | b"bancorp"
    )
}

/// Well-known organisation names of the "First Last" shape, which no
/// capitalisation heuristic can tell from a person's name.
const ORG_NAMES: &str = "goldman sachs|morgan stanley|wells fargo|merrill lynch|lehman brothers|dow jones|charles schwab|\
 bear stearns|credit suisse|deutsche bank|standard chartered|lloyds|barclays|jp morgan|jpmorgan chase|\
 procter gamble|johnson johnson|ernst young|price waterhouse|arthur andersen|smith barney|paine webber|\
 dean witter|kidder peabody|salomon brothers|shearson lehman|drexel burnham|first boston|walt disney|\
 marriott|hewlett packard|ben jerry|dunkin donuts|moody|fannie mae|freddie mac|sallie mae|\
 ginnie mae|uncle sam|jane doe|john doe|planned parenthood|black lives matter|judicial watch|media matters";

pub(super) static WORDS: LazyLock<HashMap<&'static str, u32, FxBuildHasher>> =
    LazyLock::new(|| {
        let mut m: HashMap<&'static str, u32, FxBuildHasher> = HashMap::default();
        let lists: [(&'static str, u32); 20] = [
            (TITLES, F_TITLE),
            (ORGS, F_ORG),
            (STOPS, F_STOP),
            (PLACES, F_PLACE),
            (PARTICLES, F_PARTICLE),
            (ABBREVS, F_ABBREV),
            (ROLES, F_ROLE),
            (MALE, F_MALE),
            (FEMALE, F_FEMALE),
            (SUFFIXES, F_SUFFIX),
            (DETS, F_DET),
            (ADVS, F_ADV),
            (TIMES, F_TIME),
            (PRETIMES, F_PRETIME),
            (ROLEMODS, F_ROLEMOD),
            (INTROS, F_INTRO),
            (BES, F_BE),
            (CLAUSES, F_CLAUSE),
            (HONORS, F_HONOR),
            (ROLE_NOUNS, F_ROLE_NOUN),
        ];
        for (list, flag) in lists {
            for w in list.split_whitespace() {
                *m.entry(w).or_insert(0) |= flag;
            }
        }
        m
    });

// looked up for every person-like mention: use the fast hasher, not SipHash
pub(super) static ORG_NAME_SET: LazyLock<std::collections::HashSet<String, FxBuildHasher>> =
    LazyLock::new(|| {
        ORG_NAMES
            .split('|')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum CueKind {
    /// said, says, added...: subject before, or inverted ("said Smith") after a quote or comma.
    Strong,
    /// told, warned, criticized...: subject immediately before only.
    Weak,
    /// saying, adding...: subject of the sentence.
    Ing,
    /// according (to).
    According,
}

pub(super) const STRONG: &str = "said says added adds wrote writes noted notes explained explains continued continues \
 argued argues recalled recalls replied replies responded responds observed remarked stated insisted insists \
 tweeted tweets concluded concludes declared declares asserted asserts predicted predicts warned warns \
 acknowledged acknowledges admitted admits conceded concedes countered counters cautioned cautions \
 complained complains maintained maintains stressed stresses emphasized emphasised emphasizes emphasises \
 reiterated reiterates testified joked jokes quipped quips boasted boasts lamented laments mused muses \
 retorted suggested suggests claimed claims announced announces estimated estimates told tells asked asks";
pub(super) const WEAK: &str = "say told tells warned urged urges denied denies promised promises vowed vows pledged pledges \
 called calls described describes accused accuses criticized criticised criticizes blamed blames defended defends \
 praised praises dismissed dismisses rejected rejects endorsed endorses mocked mocks blasted blasts questioned \
 questions proposed proposes wants wanted hopes hoped believes believed thinks thought cited cites confirmed \
 confirms disclosed revealed reveals informed assured assures thanked agreed agrees declined refused pointed \
 insisted stressed repeated mentioned described slammed attacked called challenged demanded demands \
 apologized apologised acknowledged threatened threatens expects expected predicted forecast reported argued \
 believes feels felt knew offered offers expressed expresses sought seeks spoke speaks talked talks \
 supported supports denounced denounces referred echoed echoes indicated reminded railed opposed opposes answered \
 touted touts discussed discusses voiced pleaded decried decries addressed highlighted bemoaned interjected \
 pressed conceded wondered worried acknowledged lashed slammed slams blasted derided dubbed labeled labelled \
 characterized portrayed hailed applauded welcomed condemned condemns lambasted chided scolded rebuked \
 disputed contradicted refuted demanded implored begged appealed vowed \
 sees knows charged remembered noticed referenced considers contends contended intends intended \
 plans planned fears feared worries signaled signalled argue insist contend acknowledge concede \
 recommended recommends suspects suspected doubts doubted recognized recognizes conceded urged \
 made tell explain discuss endorse warn deny suggest believe think \
 claim assertion argument suggestion insistence contention belief \
 barked snapped shouted yelled answers points shot went fired hit pushed chimed \
 call likened compared exhorted lauded proclaimed";
pub(super) const ING: &str = "saying adding noting telling arguing explaining warning calling suggesting insisting claiming \
 writing asking accusing describing citing stating declaring urging predicting acknowledging admitting \
 promising vowing pledging referring recalling responding replying complaining cautioning criticizing \
 blaming praising defending announcing questioning \
 talking pointing tweeting denouncing repeating thanking touting offering supporting mentioning speaking \
 expressing seeking railing decrying lamenting conceding echoing slamming blasting dismissing rejecting \
 attacking mocking demanding pressing reminding highlighting describing characterizing labeling dubbing \
 stressing emphasizing emphasising reiterating";

pub(super) static CUES: LazyLock<HashMap<&'static str, CueKind, FxBuildHasher>> =
    LazyLock::new(|| {
        let mut m: HashMap<&'static str, CueKind, FxBuildHasher> = HashMap::default();
        for w in WEAK.split_whitespace() {
            m.insert(w, CueKind::Weak);
        }
        for w in STRONG.split_whitespace() {
            m.insert(w, CueKind::Strong);
        }
        for w in ING.split_whitespace() {
            m.insert(w, CueKind::Ing);
        }
        m.insert("according", CueKind::According);
        m
    });

/// A cue that is speech only with its particle ("shot back", "went on",
/// "points out"): the particle, or `None` for other cues.
pub(super) fn cue_particle(w: &str) -> Option<&'static str> {
    match w {
        "shot" | "fired" | "hit" | "pushed" => Some("back"),
        "went" => Some("on"),
        "points" => Some("out"),
        "chimed" => Some("in"),
        _ => None,
    }
}

/// A noun that reports what someone holds when a possessor owns it and a
/// "that" clause follows ("Smith's claim that …").
pub(super) fn nominal_cue(w: &str) -> bool {
    matches!(
        w,
        "claim" | "assertion" | "argument" | "suggestion" | "insistence" | "contention" | "belief"
    )
}

/// A cue that is speech only right after the quote it attributes ("“…,”
/// Smith barked"): elsewhere it is no speech or takes no statement after it.
pub(super) fn after_quote_only(w: &str) -> bool {
    matches!(w, "barked" | "snapped" | "shouted" | "yelled" | "answers")
}

/// Strong cues that may precede their subject ("said Smith").
pub(super) fn invertible(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "noted"
            | "notes"
            | "explained"
            | "continued"
            | "argued"
            | "recalled"
            | "replied"
            | "responded"
            | "observed"
            | "remarked"
            | "stated"
            | "insisted"
            | "tweeted"
            | "concluded"
            | "declared"
            | "asserted"
            | "warned"
            | "acknowledged"
            | "cautioned"
            | "countered"
            | "predicted"
            | "suggested"
            | "asked"
    )
}

// ---------------------------------------------------------------------------
// Word shapes

/// A capitalised word with an abstract-noun ending ("Responsibility", "Investigations",
/// "Amendment") is not a surname.
pub(super) fn noun_like(w: &str) -> bool {
    abstract_noun(w) || {
        let l = w.as_bytes();
        l.len() >= 7
            && w.is_ascii()
            && ["ity", "ities", "ness", "ship", "ships"]
                .iter()
                .any(|s| l[l.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes()))
    }
}

/// A hyphenated adjective that can stand before a name: `Some(true)` for
/// those that mark a company ("state-owned", "Bear Stearns-led"),
/// `Some(false)` for those that may describe a person too ("German-born",
/// "Boston-based": "Texas-based Matt Mackowiak said").
pub(super) fn hyphen_adjective(w: &str) -> Option<bool> {
    match w.rsplit_once('-')?.1 {
        "owned" | "controlled" | "led" | "backed" | "run" => Some(true),
        "based" | "born" => Some(false),
        _ => None,
    }
}

/// A word with a suffix of abstract nouns that surnames do not have
/// ("Development", "Organizations"; `noun_like` adds "-ity", "-ness" and
/// "-ship", which surnames can have, as "Hannity"): a capitalised one alone
/// is not a person.
pub(super) fn abstract_noun(w: &str) -> bool {
    let l = w.as_bytes();
    if l.len() < 7 || !w.is_ascii() {
        return false;
    }
    let ends = |suf: &str| l[l.len() - suf.len()..].eq_ignore_ascii_case(suf.as_bytes());
    [
        "tion", "tions", "sion", "sions", "ments", "ism", "isms", "ology",
    ]
    .iter()
    .any(|s| ends(s))
        || (l.len() >= 9 && ends("ment"))
}

/// `w.contains('.')` for short words: a plain byte scan beats a `memchr` call here.
#[inline]
pub(super) fn has_dot(w: &str) -> bool {
    w.bytes().any(|c| c == b'.')
}

/// Exactly one character.
#[inline]
pub(super) fn one_char(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some() && c.next().is_none()
}

/// Two or more letters, none of them lowercase.
pub(super) fn is_allcaps(w: &str) -> bool {
    if w.is_ascii() {
        let mut n = 0;
        for &c in w.as_bytes() {
            if c.is_ascii_lowercase() {
                return false;
            }
            n += usize::from(c.is_ascii_uppercase());
        }
        return n >= 2;
    }
    let mut n = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            n += 1;
        }
    }
    n >= 2
}

// ---------------------------------------------------------------------------
// Roles

/// Conjunctions and sentence adverbs that open a clause, not a role: the
/// capitalised words a sentence starts with ("But", "And", "While").
fn role_lead_conjunction(lower: &str) -> bool {
    matches!(
        lower,
        "and"
            | "but"
            | "or"
            | "nor"
            | "so"
            | "yet"
            | "while"
            | "whilst"
            | "as"
            | "after"
            | "when"
            | "because"
            | "although"
            | "though"
            | "if"
            | "since"
            | "before"
            | "meanwhile"
            | "however"
            | "also"
            | "then"
            | "now"
            | "still"
            | "even"
            | "until"
            | "once"
            | "whereas"
            | "moreover"
            | "indeed"
            | "instead"
            | "thus"
            | "besides"
            | "plus"
            | "where"
            | "whether"
    )
}

/// Prepositions and participles that open an adverbial phrase ("in
/// particular", "at a news conference", "speaking to reporters"): a phrase
/// they open is a role only if a role noun follows.
fn role_lead_adverbial(lower: &str) -> bool {
    matches!(
        lower,
        "unlike"
            | "like"
            | "with"
            | "without"
            | "for"
            | "in"
            | "on"
            | "at"
            | "by"
            | "from"
            | "to"
            | "of"
            | "during"
            | "after"
            | "speaking"
            | "asked"
            | "appearing"
            | "writing"
            | "summing"
            | "notably"
            | "particularly"
            | "especially"
    )
}

/// An honorific that is no role by itself ("Mr.", "Ms.", "Dr.").
pub(super) fn bare_honorific(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    [
        "mr", "mrs", "ms", "miss", "mx", "messrs", "mmes", "mme", "mlle", "madam", "sir", "dame",
        "dr",
    ]
    .iter()
    .any(|h| w.eq_ignore_ascii_case(h))
}

/// The flags of a word of a role phrase, without the punctuation around it.
fn role_word_flags(w: &str) -> u32 {
    let w = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | ';' | ':'));
    if w.is_empty() {
        return 0;
    }
    let l = w.to_lowercase();
    let f = WORDS.get(l.as_str()).copied().unwrap_or(0);
    if f == 0 {
        if let Some(stem) = l.strip_suffix('.') {
            return WORDS.get(stem).copied().unwrap_or(0);
        }
        // "Vice-Premier", "co-director": the head is the last part
        if let Some((_, last)) = l.rsplit_once('-') {
            return WORDS.get(last).copied().unwrap_or(0);
        }
    }
    f
}

/// A role phrase as a quote may carry it, or `None` when the words are no
/// role: leading conjunctions and adverbial words are dropped ("But
/// Treasury Secretary" → "Treasury Secretary"), misspelled title words are
/// spelled right, and what is left must name a role (a title, job or
/// standing noun: "president", "Sen.", "chief economist at X"), or be a
/// description led by a determiner ("a lawyer for the union"). A bare
/// honorific ("Mr."), a conjunction ("But") or an adverbial phrase ("in
/// particular") is none.
pub(super) fn clean_role(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
    // a clause or a quotation is no role
    if text.contains([':', ';', '"', '\u{201C}', '\u{201D}']) {
        return None;
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let mut adverbial = false;
    loop {
        let mut adv_here = false;
        let lead = words
            .iter()
            .take_while(|w| {
                let l = w.trim_end_matches(',').to_lowercase();
                // (a date before a title: "Monday Finance Minister")
                let adv = role_lead_adverbial(&l)
                    || role_word_flags(w) & (F_TIME | F_ROLE_NOUN | F_ROLE) == F_TIME;
                adv_here |= adv;
                adv || role_lead_conjunction(&l)
            })
            .count();
        words.drain(..lead);
        adverbial |= adv_here;
        // "In a statement, her spokesman": the adverbial phrase runs to the comma
        if adv_here {
            if let Some(k) = words.iter().position(|w| w.ends_with(',')) {
                words.drain(..=k);
                adverbial = false;
                continue;
            }
        }
        break;
    }
    if words.is_empty() || words.iter().all(|w| bare_honorific(w)) {
        return None;
    }
    let mut fixed: Vec<String> = Vec::with_capacity(words.len());
    let mut has_noun = false;
    for w in &words {
        let f = role_word_flags(w);
        let core = w.trim_end_matches(',');
        if f & (F_ROLE | F_ROLE_NOUN) != 0 {
            has_noun = true;
            fixed.push((*w).to_string());
        } else if let Some(t) = (f == 0).then(|| near_title(core)).flatten() {
            has_noun = true;
            fixed.push(format!("{}{}", capitalise(t), &w[core.len()..]));
        } else {
            fixed.push((*w).to_string());
        }
    }
    let det_led = !adverbial && words.len() >= 2 && role_word_flags(words[0]) & F_DET != 0;
    if !has_noun && !det_led {
        return None;
    }
    Some(fixed.join(" "))
}

/// `w` with its first letter in upper case.
fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Title words a misspelling of which `near_title` recognises.
const SPELLED_TITLES: [&str; 17] = [
    "president",
    "secretary",
    "minister",
    "chairman",
    "senator",
    "representative",
    "governor",
    "spokesman",
    "ambassador",
    "chancellor",
    "commissioner",
    "director",
    "economist",
    "analyst",
    "congressman",
    "treasurer",
    "administrator",
];

/// The title word a capitalised unknown word misspells ("Secertary",
/// "Minster", "Represenative"): same first letter, and at most one edit
/// (a swap of neighbours counting as one; two for words of eleven letters
/// or more). Plurals and words of under six letters are never taken for a
/// title.
pub(super) fn near_title(w: &str) -> Option<&'static str> {
    let w = w.strip_suffix('.').unwrap_or(w);
    if w.len() < 6 || !w.is_ascii() || !w.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    let lw = w.to_ascii_lowercase();
    let most = if lw.len() >= 11 { 2 } else { 1 };
    SPELLED_TITLES.iter().copied().find(|t| {
        t.as_bytes()[0] == lw.as_bytes()[0]
            && t.len().abs_diff(lw.len()) <= most
            && *t != lw
            // plurals are other words ("Directors", "Chairmen")
            && lw.strip_suffix('s').is_none_or(|x| x != *t)
            && lw != t.replace("man", "men")
            && edit_distance(lw.as_bytes(), t.as_bytes()) <= most
    })
}

/// Levenshtein distance with swaps of neighbouring letters counted as one
/// edit (optimal string alignment).
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// A capitalised plural whose singular is a listed organisation, role or
/// common word ("Committees", "Ministries", "Banks" aside): such a word ends
/// no person's name.
pub(super) fn listed_plural(w: &str) -> bool {
    if w.len() < 5 || !w.is_ascii() || !w.ends_with('s') || w.ends_with("ss") {
        return false;
    }
    let l = w.to_ascii_lowercase();
    if matches!(
        l.as_str(),
        "banks"
            | "gates"
            | "powers"
            | "rivers"
            | "fields"
            | "woods"
            | "chambers"
            | "hughes"
            | "parks"
            | "hills"
            | "kings"
    ) {
        return false;
    }
    let listed = |s: &str| WORDS.get(s).copied().unwrap_or(0) & (F_ORG | F_ROLE | F_ROLE_NOUN) != 0;
    let stem = &l[..l.len() - 1];
    listed(stem)
        || l.strip_suffix("ies")
            .is_some_and(|s| listed(&format!("{s}y")))
        || l.strip_suffix("es").is_some_and(listed)
}

// ---------------------------------------------------------------------------
// Given names

/// Common given names that (almost) only men bear, in English-language news:
/// a person named in full with one of them is a man until an honorific or
/// a title says otherwise. Names borne by both ("Jordan", "Chris", "Jean")
/// are in neither list.
const MEN_NAMES: &str = "aaron abdul abraham adam adolf ahmed ahmad alan albert alberto alejandro alexander alexei \
 alfred ali allen alvin amir andre andrew andrzej angelo anthony antonio archibald arnold arthur arturo \
 barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brendan brent \
 brett brian bruce bruno bryan byron calvin carl carlos cecil cesar chad charles charlie chester chuck \
 clarence claude clay clayton clifford clint cody colin conrad corey craig curtis dale dan daniel \
 danny darrell darren dave david dean dennis derek desmond devin dick diego dmitry dominic don donald \
 doug douglas duane dustin dwayne dwight earl eddie edgar eduardo edward edwin elijah elliott emanuel \
 emmanuel enrique eric erik ernest ernesto eugene evan felix fernando francis francisco frank franklin \
 fred frederick gabriel gareth gary gavin gene geoffrey george gerald gerard gilbert glen glenn gordon \
 graham grant greg gregory gustavo guy hamid hank harold harry harvey hassan hector henry herbert \
 herman howard hugh hugo ian igor isaac ivan jack jacob jaime jake james jared jason javier jeff \
 jeffrey jeremy jerome jerry jesse jesus jim jimmy joe joel john johnny jon jonathan jorge jose joseph \
 josh joshua juan julian julio justin karl keith ken kenneth kevin kurt lance larry lawrence leon \
 leonard leroy lewis lloyd lorenzo louis luis luke malcolm manuel marc marco marcus mario mark \
 marshall martin marvin matt matthew maurice max michael miguel mike mikhail milton mitch mitchell \
 mohamed mohammad mohammed muhammad nathan nathaniel neil nelson nicholas nick nicolas nigel noah \
 norman oliver omar oscar otto pablo patrick paul pedro perry pete peter phil philip phillip rafael \
 ralph ramon randall randy raul ray raymond reggie reginald rex ricardo richard rick ricky \
 rob robert roberto roderick rodney roger roland ron ronald ross roy rudolph rudy rupert russell ryan \
 salvador samuel scott sean sebastian sergei sergio seth shane sidney simon stanley stephen \
 steve steven stuart ted terrence theodore thomas tim timothy toby todd tom tommy tony travis trent \
 trevor troy tyler victor vincent vladimir wade walter warren wayne wesley wilbur willard william \
 willie wolfgang xavier yuri zachary";

/// Common given names that (almost) only women bear (see `MEN_NAMES`).
const WOMEN_NAMES: &str = "abigail ada adele adriana agnes aileen alexandra alexis alice alicia alison allison \
 amanda amber amelia amy ana anastasia andrea angela angelina anita ann anna anne annette antoinette \
 april arlene audrey barbara beatrice becky belinda bernadette beth bethany betsy betty beverly bonnie \
 brenda bridget brittany brooke camille carla carmen carol carole caroline carolyn carrie catherine \
 cathy cecilia charlene charlotte chelsea cheryl christina christine cindy claire clara claudia colleen \
 connie constance courtney cynthia daisy danielle daphne darlene dawn debbie deborah debra denise diana \
 diane dianne dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth elise eliza \
 elizabeth ella ellen eloise elsa emily emma erica erika erin esther ethel eva eve evelyn faith felicia \
 fiona florence frances gail geraldine gina gladys gloria grace gretchen gwen gwendolyn hannah harriet \
 hazel heather heidi helen helena hilary hillary holly hope ida ingrid irene iris isabel isabella \
 jacqueline jane janet janice jasmine jeanette jeanne jennifer jenny jessica jill joan joanna \
 joanne jocelyn josephine joy joyce judith judy julia julie june karen karina kate katherine kathleen \
 kathryn kathy katie katrina kayla kimberly kirsten kristen kristin laura lauren leah lena \
 lillian linda lindsay lisa lois loretta lori lorraine louise lucia lucy lydia lynn madeleine madeline \
 maggie mandy marcia margaret margarita maria marian marie marilyn marina marion marjorie marlene \
 martha mary maureen maxine megan melanie melinda melissa meredith michele michelle mildred \
 miranda molly monica nadia nancy naomi natalie natasha nicole nikki nina nora norma olga olivia paige \
 pamela patricia paula pauline peggy penny phyllis priscilla rachel rebecca regina renee rhonda rita \
 roberta rosa rosalind rose rosemary ruth sabrina sally samantha sandra sara sarah sharon sheila shelley \
 sheryl shirley sonia sophia sophie stacey stacy stephanie sue susan susanne suzanne sylvia tamara \
 tammy tanya teresa theresa tiffany tina valerie vanessa vera veronica victoria virginia vivian wanda \
 wendy yolanda yvonne zoe";

static GIVEN_NAMES: LazyLock<HashMap<&'static str, u8, FxBuildHasher>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8, FxBuildHasher> = HashMap::default();
    for w in MEN_NAMES.split_whitespace() {
        m.insert(w, super::registry::GENDER_MALE);
    }
    for w in WOMEN_NAMES.split_whitespace() {
        m.insert(w, super::registry::GENDER_FEMALE);
    }
    m
});

/// The gender a given name (lowercased) marks, or 0 when it marks none.
pub(super) fn given_name_gender(first: &str) -> u8 {
    GIVEN_NAMES.get(first).copied().unwrap_or(0)
}
