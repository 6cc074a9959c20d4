//! Attribution as a whole: quotes, speakers, roles and offsets on small
//! made-up articles, and robustness on odd input.

use super::doc::Scratch;
use super::*;

fn check_offsets(body: &str, a: &Attribution) {
    for q in &a.quotes {
        assert!(q.start <= q.end && q.end <= body.len(), "bad span {q:?}");
        assert_eq!(&body[q.start..q.end], q.text, "offsets must match the text");
    }
}

fn run(body: &str) -> Attribution {
    let a = attribute("", body);
    check_offsets(body, &a);
    a
}

fn quote_with<'a>(a: &'a Attribution, needle: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote containing {needle:?} in {a:#?}"))
}

/// The speaker of the quote containing `needle`.
fn speaker_of<'a>(a: &'a Attribution, needle: &str) -> Option<&'a str> {
    quote_with(a, needle).speaker.as_deref()
}

#[test]
fn split_quote_around_attribution() {
    let body = "\u{201C}We will not raise the levy this year,\u{201D} Jane Mortensen said on Monday. \u{201C}The budget has room for it.\u{201D}";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Jane Mortensen"]);
    assert_eq!(speaker_of(&a, "levy"), Some("Jane Mortensen"));
    assert_eq!(speaker_of(&a, "budget has room"), Some("Jane Mortensen"));
}

#[test]
fn straight_quotes_and_inverted_attribution() {
    let body = "\"Exports will recover by spring,\" said Tobias Reinholt, chief economist at Nordvik Capital.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Tobias Reinholt"]);
    let q = quote_with(&a, "Exports will recover");
    assert_eq!(
        q.role.as_deref(),
        Some("chief economist at Nordvik Capital")
    );
}

#[test]
fn multi_paragraph_quote() {
    let body = "Carla Mendes spoke at length.\n\n\u{201C}The first thing we need is a stable currency.\n\n\u{201C}The second thing is patience,\u{201D} said Carla Mendes.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Carla Mendes"]);
    let q = quote_with(&a, "stable currency");
    assert_eq!(q.speaker.as_deref(), Some("Carla Mendes"));
    assert!(
        q.text.contains("patience"),
        "the quote runs over both paragraphs: {q:?}"
    );
}

#[test]
fn pronoun_resolution() {
    let body = "Olaf Brenner said his ministry would review the tariff schedule. \u{201C}Nothing is off the table,\u{201D} he said.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Olaf Brenner"]);
    assert_eq!(speaker_of(&a, "off the table"), Some("Olaf Brenner"));
}

#[test]
fn surname_resolution() {
    let body = "Petra Lindqvist, the central bank governor, said rates would stay on hold. \u{201C}We are patient,\u{201D} Lindqvist said.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Petra Lindqvist"]);
    assert_eq!(speaker_of(&a, "We are patient"), Some("Petra Lindqvist"));
    assert_eq!(
        quote_with(&a, "rates would stay").role.as_deref(),
        Some("the central bank governor")
    );
}

#[test]
fn role_resolution() {
    let body = "Treasury Secretary Marcus Feld met lawmakers on Tuesday. The Treasury secretary said the deficit would narrow next year.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Marcus Feld"]);
    assert_eq!(speaker_of(&a, "deficit would narrow"), Some("Marcus Feld"));
}

#[test]
fn he_as_surname() {
    let body = "\u{201C}Growth will slow in the second half,\u{201D} said He Lianzhong, a researcher at the Institute of Trade Studies. He Lianzhong said the yuan was stable.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["He Lianzhong"]);
    assert_eq!(speaker_of(&a, "Growth will slow"), Some("He Lianzhong"));
}

#[test]
fn unnamed_sources_rejected() {
    let body = "Officials said the talks had stalled. A spokesman said no decision had been made. \u{201C}We are waiting,\u{201D} analysts said.";
    let a = run(body);
    assert!(a.speakers.is_empty(), "{:?}", a.speakers);
    let q = quote_with(&a, "talks had stalled");
    assert_eq!(q.speaker, None);
    assert_eq!(q.attributed_to.as_deref(), Some("Officials"));
    assert_eq!(
        quote_with(&a, "no decision").attributed_to.as_deref(),
        Some("A spokesman")
    );
}

#[test]
fn organisations_rejected() {
    let body = "The ministry said exports rose 4 percent. Goldman Sachs said it expects two more rate cuts. Halvorsen Shipping Co. said freight volumes fell.";
    let a = run(body);
    assert!(a.speakers.is_empty(), "{:?}", a.speakers);
    // an organisation word joined to a place by a hyphen; a hyphenated surname stays a name
    let a = run("Midland Bank-Leeds said lending rose. Anna Berg-Olsen said the plan would work.");
    assert_eq!(a.speakers, ["Anna Berg-Olsen"]);
    // a hyphenated adjective before a name is not part of it
    let a = run("Oslo-controlled Kellerman Tools said orders were strong. \
         Austrian-born Lena Vogt said prices held. Denver-based Ron Tate said so too.");
    assert_eq!(a.speakers, ["Lena Vogt", "Ron Tate"]);
    // a name the article also gives with a company suffix, before or
    // after; the company's chairman is still a speaker
    let a = run(
        "Tolland Freight said volumes fell. Tolland Freight Inc, based in Ohio, \
         also cut its dividend. \"We are cautious,\" said Maria Okafor, chairman of \
         Westbury Mills Corp. Westbury Mills said sales rose.",
    );
    assert_eq!(a.speakers, ["Maria Okafor"]);
    // a company suffix ends the name: a company, even without another mention
    let a = run("Coastal Bancorp said deposits grew. Harbor Cos said it would sell a unit.");
    assert!(a.speakers.is_empty(), "{:?}", a.speakers);
}

#[test]
fn name_particles() {
    let body = "Sofía de la Fuente said the reform was overdue. Jan van der Berg said it went too far. De la Fuente added that talks would continue.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Sofía de la Fuente", "Jan van der Berg"]);
}

#[test]
fn initials_and_hyphens() {
    let body = "John Q. Harlan said the index fell. Anne-Marie Okafor-Smith said it would rebound. J.R. Castell told reporters the data were noisy.";
    let a = run(body);
    assert_eq!(
        a.speakers,
        vec!["John Q. Harlan", "Anne-Marie Okafor-Smith", "J.R. Castell"]
    );
}

#[test]
fn role_stripping_after_a_department() {
    let a = run("Minister of Aviation Peter Lindqvist said fares would fall.");
    assert_eq!(a.speakers, ["Peter Lindqvist"]);
    let a = run("Vice-Chairman Dora Pike said rates would rise.");
    assert_eq!(a.speakers, ["Dora Pike"]);
}

#[test]
fn role_stripping() {
    let body = "Commerce Secretary Ilse Marten said the quota would be lifted. Vice Premier Zhou Minghao said Beijing welcomed the step. Mr. Brandt said he was not consulted.";
    let a = run(body);
    assert_eq!(
        quote_with(&a, "quota").role.as_deref(),
        Some("Commerce Secretary")
    );
    assert_eq!(speaker_of(&a, "quota"), Some("Ilse Marten"));
    assert_eq!(
        quote_with(&a, "welcomed").role.as_deref(),
        Some("Vice Premier")
    );
    assert_eq!(speaker_of(&a, "welcomed"), Some("Zhou Minghao"));
    // a bare honorific is no role
    assert_eq!(quote_with(&a, "not consulted").role, None);
    assert_eq!(speaker_of(&a, "not consulted"), Some("Brandt"));
}

#[test]
fn according_to_and_coordination() {
    let body = "Prices will rise, according to Lena Kovacs, a trader. Ravi Menon and Dora Quist said the market was calm.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Lena Kovacs", "Ravi Menon", "Dora Quist"]);
}

#[test]
fn mentioned_people_are_not_speakers() {
    let body = "Karl Dressler met Ingrid Solheim in Oslo. Dressler said the meeting went well.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Karl Dressler"]);
}

#[test]
fn byte_offsets_with_multibyte_text() {
    let body = "Zoë Ørsted said “prices — and wages — will rise” in 2025. «Das ist gut», sagte er. \u{201C}Ça va,\u{201D} Zoë Ørsted added.";
    let a = run(body);
    assert!(
        a.speakers.iter().any(|s| s == "Zoë Ørsted"),
        "{:?}",
        a.speakers
    );
}

#[test]
fn no_panic_on_odd_input() {
    let inputs = [
        "",
        "\"",
        "\u{201C}",
        "said",
        "He said.",
        "“unclosed quote, said Anna Berg",
        "\" \" \" said \" , , , ''",
        "Mr. . . said Dr.",
        "ÄÖÜ said ü’s ’’ ‘’ «» „“",
        "A.\n\n\n“B\n\n“C”, D E said.",
        "( ) said (",
        "X, , said",
        "J. said",
        "é́́ said He",
    ];
    for body in inputs {
        let a = attribute(body, body);
        check_offsets(body, &a);
    }
    // every char boundary prefix of a complex text
    let text = "«Hello», said Zoë de la Cruz, 45, (R-Ala.), the Treasury secretary’s aide. “We’ll see,” he added.";
    for (i, _) in text.char_indices() {
        let a = attribute("", &text[..i]);
        check_offsets(&text[..i], &a);
    }
}

#[test]
fn title_label_speaker() {
    let body = "Marta Gil, the finance minister, told parliament the budget would balance.";
    let a = attribute("Gil: Budget Will Balance", body);
    assert_eq!(a.speakers, vec!["Marta Gil"]);
}

#[test]
fn inverted_subject_with_plain_role_phrase() {
    let body = "\u{201C}Rates will stay low,\u{201D} said another bond trader, Petra Lindqvist. \u{201C}Nobody expects a hike,\u{201D} said county delegate Omar Haddad.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Petra Lindqvist", "Omar Haddad"]);
}

#[test]
fn place_after_name_and_long_appositive() {
    let body = "Senator Ruth Calloway of Vermont said the bill would pass. \
                Mr. Tobin Ashe, now 70 and retired in Dayton, Ohio, said by telephone that tariffs hurt. \
                Another economist, Ines Moreau of Laval University, said growth was slowing.";
    let a = run(body);
    assert_eq!(
        a.speakers,
        vec!["Ruth Calloway", "Tobin Ashe", "Ines Moreau"]
    );
}

#[test]
fn coordinated_lists_and_verb_chains() {
    let body = "Ada Brennan, Jonas Eklund and Mira Solberg said the deal was fair. \
                Felix Aranda went on to say that exports would recover. \
                Nora Kessler made clear that the bank would not intervene.";
    let a = run(body);
    assert_eq!(
        a.speakers,
        vec![
            "Ada Brennan",
            "Jonas Eklund",
            "Mira Solberg",
            "Felix Aranda",
            "Nora Kessler"
        ]
    );
    let body = "Sens. Jeff Marley (D-Ore.), Sherman Browne (D-Ohio) and Rob Menard (D-N.J.) all suggested that the claims were weak.";
    assert_eq!(
        run(body).speakers,
        vec!["Jeff Marley", "Sherman Browne", "Rob Menard"]
    );
}

#[test]
fn bare_surname_never_given_in_full() {
    let body = "The council met on Monday. Officials praised Okonkwo for the plan and voters thanked Okonkwo. \
                Later Okonkwo said the budget was balanced, and he added that taxes would not rise.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Okonkwo"]);
    // a company name is referred to as "it", not "he"
    let body = "Analysts like Zentrix. Investors also like Zentrix. Zentrix said its sales rose, and it raised its forecast.";
    assert!(run(body).speakers.is_empty());
}

#[test]
fn pronoun_with_unknown_gender_takes_the_only_person() {
    let body = "Kiran Ostrowski said the plan was sound. She said it would cut costs.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Kiran Ostrowski"]);
    let q = quote_with(&a, "cut costs");
    assert_eq!(q.speaker.as_deref(), Some("Kiran Ostrowski"));
}

#[test]
fn abstract_nouns_are_not_names() {
    let body = "The Office of Professional Responsibility said the review was complete.";
    assert!(run(body).speakers.is_empty());
}

#[test]
fn fuzz_random_token_soup() {
    // deterministic xorshift; SPEAKERS_FUZZ=N runs N strings instead of 20,000
    let n: usize = std::env::var("SPEAKERS_FUZZ")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let pieces = [
        "said",
        "says",
        "told",
        "to",
        "say",
        "went",
        "on",
        "made",
        "clear",
        "according",
        "and",
        "who",
        "he",
        "she",
        "He",
        "Mr.",
        "Sen.",
        "Ada",
        "Brennan",
        "Okonkwo",
        "T.",
        "of",
        "Texas",
        "Mass.",
        "R-Ky.",
        "another",
        "trader",
        "Later",
        "Responsibility",
        "\u{201C}",
        "\u{201D}",
        "\"",
        "''",
        "'",
        "\u{2019}s",
        "'s",
        ",",
        ".",
        ":",
        "(",
        ")",
        "\u{2014}",
        "\n",
        "\n\n",
        " ",
        "Zo\u{eb}",
        "\u{c9}mile",
        "\u{65e5}\u{672c}",
        "\u{301}",
        "PENCE",
        "\u{2015}",
        "all",
        "both",
        "(D-Ohio)",
        "A",
        "said:",
        "Ms",
        "it",
        "its",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..n {
        let len = (next() % 24) as usize;
        let mut body = String::new();
        for _ in 0..len {
            body.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 3 != 0 {
                body.push(' ');
            }
        }
        let a = attribute(&body, &body);
        check_offsets(&body, &a);
    }
}

#[test]
fn dash_signed_quotes_and_quoted_transcript_labels() {
    let body = "Readers wrote in.\n\u{201C}The plan will fail.\u{201D} \u{2015} Lena Kovacs\n\u{201C}Prices will rise.\u{201D} \u{2014} Omar Haddad.\n\n\u{201C}HALVORSEN: Let us begin with the budget.\u{201D}";
    let a = run(body);
    assert_eq!(a.speakers, vec!["Lena Kovacs", "Omar Haddad", "Halvorsen"]);
    assert_eq!(speaker_of(&a, "will fail"), Some("Lena Kovacs"));
    // a dash after a quote followed by ordinary text is no signature
    let body = "\u{201C}We will see,\u{201D} \u{2014} the mood in the room was tense.";
    assert!(run(body).speakers.is_empty());
}

/// Bodies without a quotation mark, cue or colon are skipped after
/// tokenizing; each of those alone (the signed quote: its marks) must
/// still lead to an attribution.
#[test]
fn prefilter_keeps_every_trigger() {
    let table = "Marta Lindqvist, chief executive. Shr 1.20 dlrs vs 1.05 dlrs. \
                 Net 12.3 mln vs 11.0 mln. Revs 104 mln vs 98 mln.";
    let mut sc = Scratch::default();
    tokenize_into(table, &mut sc.tokens);
    assert!(!may_attribute(table, &sc.tokens));
    assert_eq!(run(table), Attribution::default());
    for (body, who) in [
        (
            "Marta Lindqvist said the plant would reopen.",
            "Marta Lindqvist",
        ),
        (
            "According to Marta Lindqvist, the plant will reopen.",
            "Marta Lindqvist",
        ),
        ("LINDQVIST: The plant will reopen in May.", "Lindqvist"),
        (
            "\u{201C}The plant will reopen in May.\u{201D} \u{2014} Marta Lindqvist",
            "Marta Lindqvist",
        ),
    ] {
        let mut sc = Scratch::default();
        tokenize_into(body, &mut sc.tokens);
        assert!(may_attribute(body, &sc.tokens), "{body}");
        let a = run(body);
        assert_eq!(a.speakers, [who], "{body}");
    }
}

/// No quote starts or ends inside a word: the characters on both sides of
/// each boundary are not both letters or digits, and no quote stops at the
/// period or comma inside a number ("12.5") or just before the period of
/// an abbreviation it ends with.
fn check_token_boundaries(body: &str, a: &Attribution) {
    let b = body.as_bytes();
    for q in &a.quotes {
        let (s, e) = (q.start, q.end);
        let before = body[..s].chars().next_back();
        let first = body[s..].chars().next();
        let last = body[..e].chars().next_back();
        let after = body[e..].chars().next();
        let both = |x: Option<char>, y: Option<char>| {
            x.is_some_and(char::is_alphanumeric) && y.is_some_and(char::is_alphanumeric)
        };
        assert!(!both(before, first), "quote starts inside a word: {q:?}");
        assert!(!both(last, after), "quote ends inside a word: {q:?}");
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        assert!(
            !(e > 0 && digit(e - 1) && matches!(b.get(e), Some(b'.' | b',')) && digit(e + 1)),
            "quote ends inside a number: {q:?}"
        );
        assert!(
            !(s > 1 && digit(s) && matches!(b[s - 1], b'.' | b',') && digit(s - 2)),
            "quote starts inside a number: {q:?}"
        );
    }
}

fn run_whole(body: &str) -> Attribution {
    let a = run(body);
    check_token_boundaries(body, &a);
    a
}

#[test]
fn decimal_point_ends_no_statement() {
    let body =
        "Ingrid Solberg said keeping the state mills open cost 48.75 billion crowns last year. \
                Her ministry gave no further details.\n\n\
                Output grew 3.4 pct in the quarter, Karl Vestergaard said.";
    let a = run_whole(body);
    let q = quote_with(&a, "48.75");
    assert!(q.text.contains("48.75 billion crowns last year"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Ingrid Solberg"));
    let q = quote_with(&a, "3.4 pct");
    assert!(q.text.starts_with("Output grew 3.4"), "{q:?}");
}

#[test]
fn thousands_separator_is_no_clause_comma() {
    let body = "Steel output rose to 32,000 tonnes in March from 28,500 tonnes a year earlier \
                Ole Brandt said.";
    let a = run_whole(body);
    let q = quote_with(&a, "tonnes");
    assert!(q.text.ends_with("28,500 tonnes a year earlier"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Ole Brandt"));
}

#[test]
fn number_abbreviation_is_no_sentence_end() {
    let body = "Ingrid Solberg said the No. 4 reactor would restart in June.";
    let a = run_whole(body);
    let q = quote_with(&a, "reactor");
    assert_eq!(q.text, "the No. 4 reactor would restart in June");
}

#[test]
fn company_suffix_keeps_its_period() {
    let body = "Ingrid Solberg said the bank would sell its stake in Nordhavn Shipping Corp.\n\n\
                Karl Vestergaard said the buyer was Tallmark Holdings Inc.";
    let a = run_whole(body);
    assert!(quote_with(&a, "Nordhavn").text.ends_with("Shipping Corp."));
    assert!(quote_with(&a, "Tallmark").text.ends_with("Holdings Inc."));
}

#[test]
fn dotted_abbreviations_stay_whole() {
    let body = "Ingrid Solberg said sales to the U.S. fell in May.\n\n\
                Karl Vestergaard said the new mill would stand near Wheeling, W.Va.\n\n\
                Ole Brandt said the deal was cleared by Anna K. Berg and Lars J. Holm.";
    let a = run_whole(body);
    assert_eq!(
        quote_with(&a, "sales").text,
        "sales to the U.S. fell in May"
    );
    assert!(quote_with(&a, "Wheeling").text.ends_with("W.Va."));
    assert!(quote_with(&a, "cleared")
        .text
        .contains("Anna K. Berg and Lars J. Holm"));
}

#[test]
fn single_letter_at_sentence_end_keeps_its_period() {
    let body =
        "Ingrid Solberg said holders would be paid in shares of class B.\n\nNo date was set.";
    let a = run_whole(body);
    assert!(quote_with(&a, "class").text.ends_with("class B."));
}

#[test]
fn conjunctions_and_honorifics_are_no_roles() {
    let body = "But Ingrid Solberg said the budget would balance.\n\n\
                But Finance Minister Karl Vestergaard said taxes would stay.\n\n\
                Ole Brandt, in particular, said the port needed dredging.\n\n\
                Mr. Brandt said the work would begin soon.";
    let a = run(body);
    assert_eq!(quote_with(&a, "balance").role, None);
    assert_eq!(
        quote_with(&a, "taxes").role.as_deref(),
        Some("Finance Minister")
    );
    assert_eq!(quote_with(&a, "dredging").role, None);
    assert_eq!(quote_with(&a, "begin soon").role, None);
}

#[test]
fn coordinated_subject_takes_no_role_of_the_other() {
    let body = "Karl Vestergaard and Senator Anna Berg said the tariff hurt farmers.";
    let a = run(body);
    let q = quote_with(&a, "tariff");
    assert_eq!(q.speaker.as_deref(), Some("Karl Vestergaard"));
    assert_eq!(q.role, None);
}

#[test]
fn misspelled_title_is_no_given_name() {
    let body = "Treasury Secertary Henrik Dahl said the reform would pass.\n\n\
                Minster Lena Holm told parliament the levy would go.\n\n\
                Represenative Tom Ekberg said he would vote against it.";
    let a = run(body);
    let q = quote_with(&a, "reform");
    assert_eq!(q.speaker.as_deref(), Some("Henrik Dahl"));
    assert_eq!(q.role.as_deref(), Some("Treasury Secretary"));
    assert_eq!(speaker_of(&a, "levy"), Some("Lena Holm"));
    assert_eq!(speaker_of(&a, "vote against"), Some("Tom Ekberg"));
    assert_eq!(a.speakers, vec!["Henrik Dahl", "Lena Holm", "Tom Ekberg"]);
}

#[test]
fn plural_organisation_words_end_no_name() {
    let body = "Harbour Committees said the fees would rise.\n\n\
                Lindqvist Tire said it would cut prices.";
    let a = run(body);
    assert!(a.speakers.is_empty(), "{:?}", a.speakers);
}

#[test]
fn role_phrases_and_misspelled_titles() {
    use super::lexicon::{clean_role, near_title};
    assert_eq!(clean_role("But"), None);
    assert_eq!(clean_role("(And)"), None);
    assert_eq!(clean_role("in particular"), None);
    assert_eq!(clean_role("Mr."), None);
    assert_eq!(clean_role("for his part"), None);
    assert_eq!(
        clean_role("But Treasury Secretary").as_deref(),
        Some("Treasury Secretary")
    );
    assert_eq!(
        clean_role("In a radio interview, the port director").as_deref(),
        Some("the port director")
    );
    assert_eq!(
        clean_role("a lawyer for the dockers' union").as_deref(),
        Some("a lawyer for the dockers' union")
    );
    assert_eq!(clean_role("Vice-Premier").as_deref(), Some("Vice-Premier"));
    assert_eq!(clean_role("Sen.").as_deref(), Some("Sen."));
    assert_eq!(
        clean_role("Agriculture Secertary").as_deref(),
        Some("Agriculture Secretary")
    );
    assert_eq!(near_title("Minster"), Some("minister"));
    assert_eq!(near_title("Represenative"), Some("representative"));
    assert_eq!(near_title("Economics"), None);
    assert_eq!(near_title("Directors"), None);
    assert_eq!(near_title("Chairmen"), None);
    assert_eq!(near_title("Chapman"), None);
}

#[test]
fn pronoun_takes_the_person_of_the_previous_sentence() {
    let body = "Ole Brandt, head of the growers' board, said exports would fall.\n\n\
                \"We expect a hard year,\" he said.\n\n\
                The levy takes effect in July. It adds 40 crowns a tonne to imported oil.\n\n\
                Agriculture Secretary Kim Sorensen has also objected to the levy.\n\n\
                He said it could ruin small growers.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "ruin small growers"), Some("Kim Sorensen"));
}

#[test]
fn addressee_after_quote_is_not_what_was_said() {
    let body = "\u{201C}We will cut the levy,\u{201D} Ana Pereira told reporters in Lisbon.";
    let a = run(body);
    assert_eq!(a.quotes.len(), 1, "{a:#?}");
    let q = quote_with(&a, "cut the levy");
    assert_eq!(q.speaker.as_deref(), Some("Ana Pereira"));
}

#[test]
fn intention_infinitive_is_the_statement() {
    let body = "Marta Lindqvist wants to lower the fuel duty next year.";
    let a = run(body);
    let q = quote_with(&a, "fuel duty");
    assert_eq!(q.text, "to lower the fuel duty next year");
    assert_eq!(q.speaker.as_deref(), Some("Marta Lindqvist"));
}

#[test]
fn that_clause_after_time_phrase() {
    let body = "Moreover, Karl Olsen, an analyst at a bank, noted this week that exports fell.";
    let a = run(body);
    assert!(a.quotes.iter().all(|q| q.text != "Moreover"), "{a:#?}");
    let q = quote_with(&a, "exports");
    assert_eq!(q.text, "exports fell");
    assert_eq!(q.speaker.as_deref(), Some("Karl Olsen"));
}

#[test]
fn relative_clause_is_no_statement_before_its_subject() {
    let body = "The tariff was not the only measure that Oskar Berg refused to back.";
    let a = run(body);
    assert!(
        a.quotes.iter().all(|q| !q.text.contains("tariff")),
        "{a:#?}"
    );
}

#[test]
fn quoted_programme_title_is_no_quote_of_the_speaker() {
    let body = "\u{201C}We are ready,\u{201D} Mia Berg said on \u{201C}Morning Report.\u{201D}";
    let a = run(body);
    assert_eq!(speaker_of(&a, "ready"), Some("Mia Berg"));
    assert_eq!(quote_with(&a, "Morning Report").speaker, None, "{a:#?}");
}

#[test]
fn posting_a_photo_is_no_speech() {
    let body = "Lars Nyberg posted a photo of the new plant on Tuesday.";
    let a = run(body);
    assert!(a.quotes.is_empty(), "{a:#?}");
}

#[test]
fn second_verb_of_the_subject_is_a_statement_of_its_own() {
    let body =
        "Jon Hale spoke in Oslo. Hale called the levy a burden but said he would not oppose it.";
    let a = run(body);
    let q = quote_with(&a, "oppose");
    assert_eq!(q.text, "he would not oppose it");
    assert_eq!(q.speaker.as_deref(), Some("Jon Hale"));
    assert!(
        a.quotes.iter().all(|q| !q.text.contains("burden but")),
        "{a:#?}"
    );
}

#[test]
fn parenthetical_source_with_short_lead() {
    let body =
        "Jon Hale spoke in Oslo. Recently, he said, he has realized that the levy is too high.";
    let a = run(body);
    let q = quote_with(&a, "realized");
    assert!(q.text.starts_with("he has realized"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Jon Hale"));
}

#[test]
fn time_phrase_between_cue_and_statement() {
    let body = "Top donor Sheldon Adel said on Friday he met the candidate earlier this week.";
    let a = run(body);
    let q = quote_with(&a, "candidate");
    assert_eq!(q.text, "he met the candidate earlier this week");
    assert_eq!(q.speaker.as_deref(), Some("Sheldon Adel"));
}

#[test]
fn time_phrase_between_subject_and_cue() {
    let body = "Party spokesman Sean Pike on Thursday evening said the party was not in a crisis.";
    let a = run(body);
    let q = quote_with(&a, "crisis");
    assert_eq!(q.speaker.as_deref(), Some("Sean Pike"));
}

#[test]
fn bare_surname_with_apostrophe() {
    let body =
        "The levy worries adviser O'Neill. For years O'Neill has said his clients pay too much. \
                \"It will hurt small firms,\" said O'Neill. He spoke in Cork.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "small firms"), Some("O'Neill"), "{a:#?}");
}

#[test]
fn pleading_guilty_is_no_speech() {
    let body = "Ola Dahl pleaded guilty in May to one count of fraud.";
    let a = run(body);
    assert!(a.quotes.is_empty(), "{a:#?}");
}

#[test]
fn pronoun_prefers_a_newer_person_of_unknown_gender_named_just_before() {
    let body = "Mr. Lars Ek opposed the tax. Ek said it was unfair. \
                Kim Dahl, a lawyer, rejected the plan on Monday. He said it would fail.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "would fail"), Some("Kim Dahl"));
}

#[test]
fn pronoun_left_unresolved_when_a_newer_person_of_unknown_gender_intervenes() {
    let body = "Mr. Lars Ek opposed the tax. Kim Dahl, a lawyer, rejected the plan on Monday. \
                The vote is in May. Turnout will be low. He said it would fail.";
    let a = run(body);
    assert_eq!(quote_with(&a, "would fail").speaker, None, "{a:#?}");
}

#[test]
fn speaking_with_someone_is_no_statement() {
    let body = "Eva Lund spoke with farmers outside the hall before the vote.";
    let a = run(body);
    assert!(a.quotes.is_empty(), "{a:#?}");
}

#[test]
fn label_before_a_figure_is_no_transcript() {
    let body = "Pledged delegates so far.\n\nEva Lund: 1,769.\n\nPer Holm: 1,501.";
    let a = run(body);
    assert!(a.quotes.iter().all(|q| q.speaker.is_none()), "{a:#?}");
}

#[test]
fn programme_title_before_the_attribution_is_no_quote() {
    let body =
        "On Tuesday on Radio Nord's \u{201C}Morning,\u{201D} Eva Lund said the levy would go.";
    let a = run(body);
    assert!(
        a.quotes
            .iter()
            .all(|q| !q.text.contains("Morning") || q.speaker.is_none()),
        "{a:#?}"
    );
}

#[test]
fn coordinated_speakers_share_one_statement() {
    let body = "Mr. Kahn and Mr. Schultz say the deal is fair.";
    let a = run(body);
    let q = quote_with(&a, "deal is fair");
    assert_eq!(q.speaker.as_deref(), Some("Kahn"));
    assert_eq!(q.speakers, vec!["Kahn", "Schultz"]);
    let body = "\u{201C}The bill is flawed,\u{201D} Anna Berg and Tom Lind said.";
    let a = run(body);
    let q = quote_with(&a, "flawed");
    assert_eq!(q.speaker.as_deref(), Some("Anna Berg"));
    assert_eq!(q.speakers, vec!["Anna Berg", "Tom Lind"]);
}

#[test]
fn one_speaker_leaves_the_speaker_list_empty() {
    let a = run("Anna Berg said the bill was flawed.");
    let q = quote_with(&a, "flawed");
    assert_eq!(q.speaker.as_deref(), Some("Anna Berg"));
    assert!(q.speakers.is_empty());
}

#[test]
fn curly_and_straight_apostrophes_name_one_person() {
    let body = "The blast went off at 8 p.m., according to Commissioner James O\u{2019}Neill. \
                \"The cause is not known,\" said O'Neill, on his first day in the job.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "cause is not known"),
        Some("James O\u{2019}Neill"),
        "{a:#?}"
    );
}

#[test]
fn verb_of_a_relative_clause_is_no_statement_of_the_sentence_subject() {
    let body =
        "Another choice is Del. Ruth Moss, a lawyer who led the team and considers Kaine a mentor.";
    let a = run(body);
    assert!(a.quotes.iter().all(|q| q.speaker.is_none()), "{a:#?}");
}

#[test]
fn subject_after_an_opening_phrase_is_the_pronoun_antecedent() {
    let body = "Greta Lund ran the bond desk for a decade. Her memoir came out in May.\n\n\
                Tom Ahl reviewed it for a weekly. The book is long. The cover is red. \
                The price is high. It sold well.\n\n\
                Like her heroine, Ms. Lund worked long hours on the floor. She said she never \
                minded the noise.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "never minded"), Some("Greta Lund"), "{a:#?}");
    // the object of a preposition is not
    let body = "Tom Ahl spoke first.\n\nOn the way out, with Ms. Lund beside him, he said the fund was sound.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "fund was sound"), Some("Tom Ahl"), "{a:#?}");
}

#[test]
fn words_before_a_name_are_not_part_of_it() {
    // a speech verb opening the sentence, before a transcript-like colon
    let a = run("Oskar Brandt runs the fund.\n\nStated Brandt: \u{201C}We bought early and sold late.\u{201D}");
    assert!(a.speakers.iter().all(|s| !s.contains("Stated")), "{a:#?}");
    // a role noun, also in the plural
    let a = run("Moderator Lena Voss said the debate would run long.");
    assert_eq!(a.speakers, vec!["Lena Voss"], "{a:#?}");
    let a = run("Actress Mira Sand said the film would open in May.");
    assert_eq!(a.speakers, vec!["Mira Sand"], "{a:#?}");
    // a long -ing form opening the sentence
    let a = run("Entrusting Piet Halvorsen with the budget was a risk, critics said. Halvorsen said he was ready.");
    assert!(
        a.speakers.iter().all(|s| !s.contains("Entrusting")),
        "{a:#?}"
    );
    // "Team" names a campaign, not a person
    let a = run("Team Ortega said the rally was a success.");
    assert!(a.speakers.is_empty(), "{a:#?}");
}

#[test]
fn a_line_break_ends_a_name_unless_lines_are_wrapped() {
    // a heading line in Title Case above a paragraph
    let body = "Tax Plan Draws Fire From Ruth Amsel Over Harvest\nRuth Amsel criticized the plan on Monday, and she said the deductions were too small for families with children.";
    let a = run(body);
    assert!(a.speakers.iter().all(|s| !s.contains("Harvest")), "{a:#?}");
    // wire copy wrapped at 70 columns keeps a name across the break
    let body = "The currency fell sharply in early trading, and Treasury Secretary James\nHolloway said the government would not intervene.";
    let a = run(body);
    assert_eq!(a.speakers, vec!["James Holloway"], "{a:#?}");
}

#[test]
fn words_run_together_by_a_scrape_are_no_name() {
    let a = run("Newest | OldestMara Quist 5pts said the vote was close.");
    assert!(a.speakers.iter().all(|s| !s.contains("Oldest")), "{a:#?}");
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_quote_below() {
    let body = "Ivo Marek chairs the panel. He was asked about the levy.\n\n\
                Marek continued:\n\n\u{201C}We will look at every option before the vote.\u{201D}";
    let a = run(body);
    assert_eq!(speaker_of(&a, "every option"), Some("Ivo Marek"), "{a:#?}");
    // a paragraph without a speech verb introduces nothing
    let body =
        "Ivo Marek chairs the panel. Here is the list:\n\n\u{201C}Item one is the levy.\u{201D}";
    let a = run(body);
    assert!(quote_with(&a, "Item one").speaker.is_none(), "{a:#?}");
}

#[test]
fn cues_with_a_particle_and_cues_only_after_a_quote() {
    let a =
        run("Rosa Keel was asked about the cuts. Keel shot back that the cuts were never hers.");
    let q = quote_with(&a, "cuts were never");
    assert_eq!(q.speaker.as_deref(), Some("Rosa Keel"), "{a:#?}");
    assert!(q.text.starts_with("the cuts"), "{a:#?}");
    // without its particle the verb is no speech
    let a = run("Rosa Keel shot a video of the rally for her campaign.");
    assert!(a.quotes.is_empty(), "{a:#?}");
    // "went on to say": the cue is "say"
    let a = run("Rosa Keel went on to say the budget was balanced.");
    assert_eq!(
        quote_with(&a, "budget was balanced").text,
        "the budget was balanced"
    );
    let a =
        run("Rosa Keel chairs the board.\n\n\u{201C}Sit down,\u{201D} Keel barked at the aide.");
    assert_eq!(speaker_of(&a, "Sit down"), Some("Rosa Keel"), "{a:#?}");
    // not after a quote: no statement
    let a = run("Rosa Keel snapped up shares of the bank in May.");
    assert!(a.quotes.is_empty(), "{a:#?}");
}

#[test]
fn a_quote_standing_alone_as_a_paragraph_continues_the_speaker_before() {
    let body = "\u{201C}We cut the rate because inflation fell,\u{201D} said Lise Toft, the bank's governor.\n\n\
                \u{201C}Nobody should expect another cut soon.\u{201D}\n\n\
                Markets rose after the decision.\n\n\
                \u{201C}A surprise to everyone.\u{201D}";
    let a = run(body);
    assert_eq!(speaker_of(&a, "another cut"), Some("Lise Toft"), "{a:#?}");
    // after a paragraph without a quoted speaker: nobody
    assert!(quote_with(&a, "surprise").speaker.is_none(), "{a:#?}");
}

#[test]
fn the_subject_of_what_someone_says_is_no_pronoun_antecedent() {
    let body = "Former governor Dirk Palm praised the field. Palm says Mr. Ostrow has a record of \
                bringing people together. He warns that the front-runner would split the party.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "split the party"),
        Some("Dirk Palm"),
        "{a:#?}"
    );
}

#[test]
fn a_participle_after_the_attribution_shares_its_speaker() {
    let body = "\u{201C}The plan is sound,\u{201D} Nils Orr said, adding that the board would vote in May.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "board would vote"),
        Some("Nils Orr"),
        "{a:#?}"
    );
    let body = "\u{201C}Growth is slow,\u{201D} said Nils Orr, citing weak exports and high rates.";
    let a = run(body);
    let q = quote_with(&a, "weak exports");
    assert_eq!(q.speaker.as_deref(), Some("Nils Orr"), "{a:#?}");
    assert_eq!(q.text, "weak exports and high rates");
}

#[test]
fn whom_something_was_told_is_no_part_of_it() {
    let a = run("Oskar Berg, 61, a lawyer and former judge, told reporters the case was weak.");
    let q = quote_with(&a, "case was weak");
    assert_eq!(q.text, "the case was weak", "{a:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Oskar Berg"));
    let a = run("Carl Brenner, an economist and tax expert, told me the plan would cost more.");
    assert_eq!(
        quote_with(&a, "plan would cost").text,
        "the plan would cost more"
    );
}

#[test]
fn a_given_name_tells_whom_a_pronoun_means() {
    let body = "Karen Holloway met Peter Lindgren at the harbour office on Tuesday. \
                \u{201C}The talks went well,\u{201D} she said.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "talks went well"),
        Some("Karen Holloway"),
        "{a:#?}"
    );
    let body = "Karen Holloway met Peter Lindgren at the harbour office on Tuesday. \
                \u{201C}We agreed on nothing,\u{201D} he said.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "agreed on nothing"),
        Some("Peter Lindgren"),
        "{a:#?}"
    );
}

#[test]
fn a_fragment_quoted_in_a_sentence_is_its_subjects() {
    let body = "The council met on Monday. Tomas Reyes likened the new levy to \
                \u{201C}a tax on breathing\u{201D} in a long speech.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "tax on breathing"),
        Some("Tomas Reyes"),
        "{a:#?}"
    );
    // a statement earlier in the sentence gives it its speaker
    let body = "Ada Voss said on Tuesday that the budget the council had passed after \
                weeks of wrangling was \u{201C}sound and fair\u{201D} overall.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "sound and fair"), Some("Ada Voss"), "{a:#?}");
    // a title is nobody's words, nor is a fragment under a passive
    let body = "Tomas Reyes appeared on the programme \u{201C}Morning Round Table\u{201D} again.";
    let a = run(body);
    assert_eq!(quote_with(&a, "Round Table").speaker, None, "{a:#?}");
    let body = "Tomas Reyes was branded a \u{201C}tax addict\u{201D} by his rivals.";
    let a = run(body);
    assert_eq!(quote_with(&a, "tax addict").speaker, None, "{a:#?}");
}

#[test]
fn a_statement_reported_inside_another_is_the_outer_speakers() {
    let body = "Lena Fischer met the mayor on Monday. Her spokesman Aldo Brandt says Lena Fischer \
                promised to keep the library open all summer.";
    let a = run(body);
    let q = quote_with(&a, "library open");
    assert_eq!(q.speaker.as_deref(), Some("Aldo Brandt"), "{a:#?}");
    assert!(
        !a.quotes
            .iter()
            .any(|q| q.speaker.as_deref() == Some("Lena Fischer")),
        "{a:#?}"
    );
    assert_eq!(a.speakers, vec!["Aldo Brandt"]);
    // the same speaker's second verb, or a clause set off by a comma, stands apart
    let body = "Aldo Brandt said the library would stay open, though Lena Fischer said she \
                doubted the budget would allow it.";
    let a = run(body);
    assert!(
        a.quotes
            .iter()
            .any(|q| q.text.starts_with("she doubted")
                && q.speaker.as_deref() == Some("Lena Fischer")),
        "{a:#?}"
    );
    assert_eq!(a.speakers, vec!["Aldo Brandt", "Lena Fischer"]);
}

#[test]
fn where_and_when_something_was_said_come_before_its_that() {
    let a = run(
        "Greta Holm said in an interview with the Harbour Gazette last week that \
                 the ferry would run again in spring.",
    );
    let q = quote_with(&a, "ferry would run");
    assert_eq!(q.text, "the ferry would run again in spring", "{a:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Greta Holm"));
}

#[test]
fn an_opening_phrase_before_a_parenthetical_source_is_not_what_was_said() {
    let a = run(
        "Nils Dahl studied the vote. In the end, Mr. Dahl said, farmers almost always \
                 vote for the incumbent.",
    );
    let q = quote_with(&a, "farmers almost always");
    assert_eq!(q.speaker.as_deref(), Some("Nils Dahl"), "{a:#?}");
    assert!(!a.quotes.iter().any(|q| q.text == "In the end"), "{a:#?}");
}

#[test]
fn an_honorific_of_the_other_gender_is_someone_else_of_that_surname() {
    let body = "Andrew Varga spoke first. Mrs. Varga did not hesitate. \
                \u{201C}We will rebuild the mill,\u{201D} she said.";
    let a = run(body);
    let q = quote_with(&a, "rebuild the mill");
    assert_ne!(q.speaker.as_deref(), Some("Andrew Varga"), "{a:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Varga"), "{a:#?}");
}

#[test]
fn a_party_and_state_in_parentheses_end_no_sentence() {
    let body = "\u{201C}We cannot fund this twice,\u{201D} Rep. Mara Quist (D-Ore.) said. \
                \u{201C}The bill is dead.\u{201D}";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "fund this twice"),
        Some("Mara Quist"),
        "{a:#?}"
    );
    assert_eq!(speaker_of(&a, "bill is dead"), Some("Mara Quist"), "{a:#?}");
}

#[test]
fn a_right_mark_typed_for_a_left_one_opens_a_signed_quote() {
    let body = "Readers wrote in.\n\n\u{201D}Fear. I am afraid the mill will close.\u{201D} \u{2015} Edna Kowalski\n\n\u{201C}We need the jobs.\u{201D} \u{2015} Piotr Sandor";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "mill will close"),
        Some("Edna Kowalski"),
        "{a:#?}"
    );
    assert_eq!(
        speaker_of(&a, "need the jobs"),
        Some("Piotr Sandor"),
        "{a:#?}"
    );
}

#[test]
fn whom_it_was_told_after_a_source_set_off_by_a_comma_is_not_what_was_told() {
    let a = run("The harbour will reopen in May, Rolf Ekberg told The Coastal Herald on Tuesday.");
    let q = quote_with(&a, "harbour will reopen");
    assert_eq!(q.speaker.as_deref(), Some("Rolf Ekberg"), "{a:#?}");
    assert!(
        !a.quotes.iter().any(|q| q.text.contains("Herald")),
        "{a:#?}"
    );
}

#[test]
fn a_titled_surname_of_an_organisation_is_the_person() {
    let a =
        run("\u{201C}It was the least bad outcome,\u{201D} Mr. Lund of the Fjord Society said.");
    assert_eq!(speaker_of(&a, "least bad"), Some("Lund"), "{a:#?}");
}

#[test]
fn referring_to_takes_what_it_refers_to_and_the_quote_goes_on() {
    let body = "\u{201C}The timing was right,\u{201D} Ola Brekke said, referring to the two new \
                ferries. \u{201C}I assume they saw the market returning.\u{201D}";
    let a = run(body);
    let q = quote_with(&a, "two new ferries");
    assert_eq!(q.text, "the two new ferries", "{a:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Ola Brekke"));
    assert_eq!(
        speaker_of(&a, "market returning"),
        Some("Ola Brekke"),
        "{a:#?}"
    );
}

#[test]
fn a_straight_mark_after_a_comma_and_a_space_closes_the_quote() {
    let body = "\"I think the ruling was a disgrace, \" Ivo Marsh said on Monday.";
    let a = run(body);
    let q = quote_with(&a, "ruling was a disgrace");
    assert_eq!(q.speaker.as_deref(), Some("Ivo Marsh"), "{a:#?}");
}

#[test]
fn a_signature_signs_only_the_quote_before_it() {
    let body = "Readers answered.\n\u{201C}The plan will fail.\u{201D} \u{2015} Carla Ruiz\n\u{201C}Nobody asked us.\u{201D} \u{2015} a reader in Lyon\n";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "plan will fail"),
        Some("Carla Ruiz"),
        "{a:#?}"
    );
    assert_eq!(quote_with(&a, "Nobody asked").speaker, None, "{a:#?}");
}

#[test]
fn a_pronoun_no_subject_explains_takes_the_person_of_that_gender_named_just_before() {
    let body = "Peter Lund presented the budget on Monday. It drew a sharp objection from Karen Holm. \u{201C}It will cost every household,\u{201D} she said.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "every household"), Some("Karen Holm"));
    // not past someone of unknown gender named after her
    let body = "Peter Lund presented the budget. It drew objections from Karen Holm and from Sasha Brandt. \u{201C}It will cost every household,\u{201D} she said.";
    let a = run(body);
    assert_eq!(quote_with(&a, "every household").speaker, None);
}

#[test]
fn a_contracted_is_or_has_before_the_cue_is_no_possessive() {
    let body = "Ingrid Solberg chairs the port authority. She\u{2019}s claiming that the new levy will drive ships away.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "drive ships away"), Some("Ingrid Solberg"));
    let body = "Tomas Varga\u{2019}s arguing that the levy is too low.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "too low"), Some("Tomas Varga"));
    // a possessive before a noun is no statement
    let a = run("Tomas Varga\u{2019}s claims about the levy were wrong.");
    assert!(a.quotes.is_empty(), "{a:#?}");
}

#[test]
fn a_negated_cue_keeps_its_subject() {
    let body = "Tomas Varga isn\u{2019}t saying whether the levy will rise. Ingrid Solberg did not say if the port would close.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "levy will rise"), Some("Tomas Varga"));
    assert_eq!(speaker_of(&a, "port would close"), Some("Ingrid Solberg"));
}

#[test]
fn a_pronoun_after_a_person_of_its_gender_named_earlier_in_the_sentence_means_them() {
    let body = "Peter Lund was furious with Karen Holm after she attacked the tariff plan.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "tariff plan"), Some("Karen Holm"));
}

#[test]
fn a_name_ending_in_a_suffix_is_the_subject_of_the_cue() {
    let a = run("Joseph Varga Jr. said the levy would rise in March.");
    assert_eq!(speaker_of(&a, "levy would rise"), Some("Joseph Varga Jr."));
}

#[test]
fn a_participle_phrase_before_the_source_is_not_what_was_said() {
    let body = "Speaking to farmers in Tromsø on Monday, Ingrid Solberg responded to the minister\u{2019}s claim that the levy was \u{201C}a modest fee.\u{201D}";
    let a = run(body);
    assert!(
        a.quotes.iter().all(|q| !q.text.contains("Speaking")),
        "{a:#?}"
    );
    assert_eq!(speaker_of(&a, "modest fee"), Some("Ingrid Solberg"));
}

#[test]
fn a_cue_in_the_progressive_takes_its_subject() {
    let a = run("Karen Holm is stressing that the levy will fall next year.");
    assert_eq!(speaker_of(&a, "levy will fall"), Some("Karen Holm"));
}

#[test]
fn made_it_clear_is_a_cue_like_made_clear() {
    let a = run("Peter Lund made it clear he would veto the levy.");
    assert_eq!(speaker_of(&a, "veto the levy"), Some("Peter Lund"));
}

#[test]
fn believe_and_think_after_a_negation_or_a_plural_subject_are_cues() {
    let a = run("Karen Holm does not think the levy will pass this year.");
    assert_eq!(speaker_of(&a, "levy will pass"), Some("Karen Holm"));
    let a = run("Peter Lund and Karen Holm believe the port will reopen in May.");
    let q = quote_with(&a, "port will reopen");
    assert_eq!(q.speaker.as_deref(), Some("Peter Lund"));
    assert_eq!(q.speakers, vec!["Peter Lund", "Karen Holm"]);
}

#[test]
fn a_possessors_claim_that_is_their_statement() {
    let a = run("Peter Lund\u{2019}s claim that the levy is fair drew scorn from farmers.");
    assert_eq!(speaker_of(&a, "levy is fair"), Some("Peter Lund"));
    let a = run("Karen Holm spoke first. Her argument that the levy is fair drew scorn.");
    assert_eq!(speaker_of(&a, "levy is fair"), Some("Karen Holm"));
    // no possessor, or no clause: no statement
    let a =
        run("The claim that the levy is fair drew scorn. Peter Lund\u{2019}s claim was rejected.");
    assert!(a.quotes.is_empty(), "{a:#?}");
}

#[test]
fn a_name_before_a_past_tense_verb_is_the_subject_a_pronoun_means() {
    let body = "Peter Lund spoke first. Lund\u{2019}s longtime colleague Tomas Varga faced criticism after he asked for a lower levy.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "lower levy"), Some("Tomas Varga"));
}

#[test]
fn an_inverted_source_with_the_article_before_a_title_is_the_person() {
    let body = "\u{201C}The doors will stay open,\u{201D} said the Rev. Anna Lindqvist, of Harbour Street Chapel.";
    let a = run(body);
    assert_eq!(
        speaker_of(&a, "doors will stay open"),
        Some("Anna Lindqvist")
    );
}

#[test]
fn a_title_word_after_an_honorific_is_a_surname() {
    let body = "\u{201C}We need the money,\u{201D} Mr. King said. Ms. Bishop disagreed, and said the levy was too high.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "need the money"), Some("King"));
    assert_eq!(speaker_of(&a, "levy was too high"), Some("Bishop"));
}

#[test]
fn a_participle_with_a_clause_after_an_object_is_the_subjects() {
    let body =
        "Karen Holm posted a long thread on Friday morning saying that the levy would be scrapped.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "levy would be scrapped"), Some("Karen Holm"));
    // (or a clause opening with a pronoun)
    let a = run("Peter Lund sent a letter to the board warning it would lose the port.");
    assert_eq!(speaker_of(&a, "lose the port"), Some("Peter Lund"));
}

#[test]
fn pronoun_skips_a_person_of_the_other_gender() {
    let body =
        "Mr. Olof Berg opened the meeting. Kiran Ostrowski, a council member, answered next. \
                She said the plan would cut costs.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "cut costs"), Some("Kiran Ostrowski"));
}

#[test]
fn a_statement_opening_the_next_quote_does_not_sign_the_one_before() {
    let body = "\u{201C}We will cut the levy,\u{201D} Ivar Lunde said. \u{201C}The schools need the money.\u{201D} \
                Greta Sand, the opposition leader, replied, \u{201C}That is not enough.\u{201D}";
    let a = run(body);
    assert_eq!(speaker_of(&a, "schools need"), Some("Ivar Lunde"));
    assert_eq!(speaker_of(&a, "not enough"), Some("Greta Sand"));
}

#[test]
fn inverted_cue_opening_a_sentence() {
    let body =
        "Nora Vik, a tax lawyer, doubts the plan. Said Vik: \u{201C}Nobody has read it.\u{201D}";
    let a = run(body);
    assert_eq!(speaker_of(&a, "Nobody has read"), Some("Nora Vik"));
    // (a headline's "Says" has no subject after it)
    let body = "Mayor hints at a levy;\nSays Nora Vik would lose the vote.\n\nNora Vik spoke.";
    let a = run(body);
    assert!(a.quotes.iter().all(|q| q.speaker.is_none()), "{a:#?}");
}

#[test]
fn a_straight_mark_after_a_nested_single_quote_closes() {
    let body = "Vera Holm met the farmers. \"We are tired of hearing 'tighten your belts,' \" she told them, adding that the levy would go.";
    let a = run(body);
    let q = quote_with(&a, "tighten your belts");
    assert!(!q.text.contains("she told"), "{a:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Vera Holm"));
}

#[test]
fn paragraph_ending_in_a_colon_leads_the_quote_after_it() {
    let body = "Ines Berg chairs the housing board. On May 3, 2019, Berg made the following remark:\n\n\u{201C}Rents will rise until we build.\u{201D}\n\nThe board meets in June.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "Rents will rise"), Some("Ines Berg"));
    // (a name after a preposition is not the subject)
    let body = "Ines Berg chairs the housing board. The memo to Berg reads:\n\n\u{201C}Rents will rise until we build.\u{201D}";
    let a = run(body);
    assert_eq!(quote_with(&a, "Rents will rise").speaker, None, "{a:#?}");
}

#[test]
fn delegate_abbreviation_before_a_name() {
    let body = "\u{201C}The vote was rushed,\u{201D} said Del. Maria Lind of the Northern Isles. The bill passed.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "vote was rushed"), Some("Maria Lind"));
}

#[test]
fn slash_inside_a_role_before_the_name() {
    let body = "\u{201C}We were never told,\u{201D} said 24/7 nurse Elin Stromberg.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "never told"), Some("Elin Stromberg"));
}

#[test]
fn appositive_set_off_by_dashes_before_the_cue() {
    let body = "Ola Brandt, the head of Nordic Ferries -- the firm that runs the harbour, which opened in May -- told me, ''We will stay in the port.''";
    let a = run(body);
    assert_eq!(speaker_of(&a, "stay in the port"), Some("Ola Brandt"));
    // (the person is the one before the opening dash, not a name inside)
    let body = "Ola Brandt runs the ferries. Nils Kron wrote about them. \
                Brandt \u{2014} co-author of Meeting Nils Kron, a book on shipping \u{2014} said the fares would rise.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "fares would rise"), Some("Ola Brandt"));
}

#[test]
fn place_word_that_is_the_surname_of_a_person_named_in_full() {
    let body = "Rep. Tomas Jordan chairs the panel. \u{201C}The witness has not answered,\u{201D} Jordan said.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "not answered"), Some("Tomas Jordan"));
    // (the country when nobody has that surname)
    let body = "\u{201C}The border stays open,\u{201D} Jordan said.";
    let a = run(body);
    assert_eq!(quote_with(&a, "border stays").speaker, None, "{a:#?}");
}

#[test]
fn a_statement_opening_a_quote_takes_it_before_one_after_it() {
    let body =
        "Nils Moe said, \u{201C}The hall is cold.\u{201D} The heating had failed, Karl Dahl said.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "hall is cold"), Some("Nils Moe"));
    assert_eq!(speaker_of(&a, "heating had failed"), Some("Karl Dahl"));
}

#[test]
fn horizontal_bar_sets_a_statement_apart_from_the_one_before() {
    let body = "When Eva Lund noted that Karl Dahl paid no tax \u{2015} as the filings showed \u{2015} Dahl replied, \u{201C}That is just good sense.\u{201D}";
    let a = run(body);
    let q = a
        .quotes
        .iter()
        .find(|q| q.text == "That is just good sense.")
        .unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.speaker.as_deref(), Some("Karl Dahl"));
}

#[test]
fn unlisted_ly_adverb_between_subject_and_cue() {
    let body = "Vera Holm pointedly suggested that the levy would go.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "levy would go"), Some("Vera Holm"));
    let a = run("Karl Dahl spoke on Monday. He steadfastly refused to publish the report.");
    assert_eq!(speaker_of(&a, "publish the report"), Some("Karl Dahl"));
    // (a noun in "-ly" after a possessive is the subject itself)
    let a = run("Karl Dahl's family said the house was sold.");
    assert!(a.quotes.iter().all(|q| q.speaker.is_none()), "{a:#?}");
}

#[test]
fn likening_comparing_and_calling_are_statements() {
    let a = run("Karl Dahl likened the levy to \u{201C}a tax on bread.\u{201D}");
    assert_eq!(speaker_of(&a, "tax on bread"), Some("Karl Dahl"));
    let a = run("Vera Holm compared the port plan to a sinking ship.");
    assert_eq!(speaker_of(&a, "sinking ship"), Some("Vera Holm"));
    let a = run("Vera Holm and Karl Dahl call the plan \u{201C}a fantasy.\u{201D}");
    assert_eq!(speaker_of(&a, "a fantasy"), Some("Vera Holm"));
}

#[test]
fn a_title_after_the_noun_of_a_work_is_no_speech() {
    let body = "In his 2002 book, \u{201C}Make Your Fortune Slowly,\u{201D} Tom Dunmore suggested saving a tenth of every paycheck. \
                The choir closed with the anthem \u{201C}Morning Comes Early\u{201D} as Ann Pryde said goodbye.";
    let a = run(body);
    for title in ["Make Your Fortune", "Morning Comes"] {
        assert!(
            a.quotes
                .iter()
                .all(|q| !q.text.contains(title) || q.speaker.is_none()),
            "{title}: {a:#?}"
        );
    }
    // words someone wrote, after the noun of a work and a comma, are speech
    let body =
        "In a column, \u{201C}Growth will slow this year,\u{201D} Jane Mortensen wrote on Monday.";
    let a = run(body);
    assert_eq!(speaker_of(&a, "Growth will slow"), Some("Jane Mortensen"));
}
