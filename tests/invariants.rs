//! Invariants that must hold on any corpus, checked on the embedded
//! `corpus/` always and on Reuters-21578 and PolNeAR when `../shared` is
//! present. A wrong count or a cut quote that looks right should fail one of
//! them:
//!
//! * every total printed equals the number of records the same request
//!   enumerates with `--all` (search, quotes, kwic, speakers, topics, stats);
//! * facet counts equal the totals of the filtered searches;
//! * trend periods add up to the search total, and a period equals a
//!   `--since`/`--until` search of it;
//! * every quote is exactly the body's bytes at its offsets;
//! * every prefix query finds exactly the articles an enumeration of the
//!   stored words finds;
//! * every highlighted word is a positive match of the query.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Runs a command with `--format FORMAT --index IDX` and returns its stdout.
fn out(idx: &Path, args: &[&str], format: &str) -> String {
    let o = bin()
        .args(args)
        .args(["--format", format, "--index"])
        .arg(idx)
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0) | Some(1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn json(idx: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&out(idx, args, "json")).unwrap()
}

fn jsonl(idx: &Path, args: &[&str]) -> Vec<Value> {
    out(idx, args, "jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn total(v: &Value) -> u64 {
    v["total"].as_u64().unwrap()
}

/// Every article with its body, as `search '*' --all` streams it.
fn all_articles(idx: &Path) -> Vec<Value> {
    jsonl(
        idx,
        &["search", "*", "--all", "--with-body", "--no-snippets"],
    )
}

/// The words of a text as written: runs of letters and digits, lower-cased,
/// accents removed, words of 48 bytes or more dropped (as the index does).
fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() < 48)
        .map(|w| {
            w.nfkd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect()
}

/// Does the span `s..e` of `body` start or end inside a token: between two
/// letters or digits, or at a decimal point or thousands separator
/// ("32" of "32.25", "15" of "15,000")?
fn cuts_a_token(body: &str, s: usize, e: usize) -> bool {
    let before = body[..s].chars().next_back();
    let first = body[s..].chars().next();
    let last = body[..e].chars().next_back();
    let mut after = body[e..].chars();
    let (next, next2) = (after.next(), after.next());
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    (word(before) && word(first))
        || (word(last) && word(next))
        || (digit(last) && matches!(next, Some('.' | ',')) && digit(next2))
        || (matches!(last, Some('.' | ',')) && digit(next) && {
            let mut back = body[..e].chars().rev();
            back.next();
            digit(back.next())
        })
}

fn check(idx: &Path, queries: &[&str], prefixes: &[&str]) {
    let articles = all_articles(idx);
    let everything = json(idx, &["search", "*", "-n", "0"]);
    assert_eq!(total(&everything), articles.len() as u64, "search * --all");

    for q in queries {
        // Totals equal what --all enumerates.
        let page = json(idx, &["search", q, "-n", "3"]);
        let listed = jsonl(idx, &["search", q, "--all", "--no-snippets"]);
        assert_eq!(total(&page), listed.len() as u64, "search {q}");
        let quotes = json(idx, &["quotes", q, "-n", "2"]);
        let quote_list = jsonl(idx, &["quotes", q, "--all"]);
        assert_eq!(total(&quotes), quote_list.len() as u64, "quotes {q}");
        let kwic = json(idx, &["kwic", q, "--all"]);
        assert_eq!(
            total(&kwic),
            kwic["lines"].as_array().unwrap().len() as u64,
            "kwic {q}"
        );
        assert_eq!(
            kwic["articles_matching"], page["total"],
            "kwic {q} articles"
        );

        // Topic facets equal the filtered totals.
        for f in page["facets"]["topics"].as_array().unwrap() {
            let slug = f["value"].as_str().unwrap();
            let filtered = json(idx, &["search", q, "--topic", slug, "-n", "0"]);
            assert_eq!(f["articles"], filtered["total"], "{q}: topic facet {slug}");
        }
        // Speaker facets: the filter matches every speaker whose name holds
        // the words, so it finds at least the facet's articles, and exactly
        // them when no other speaker's name holds those words.
        let speakers: Vec<String> = jsonl(idx, &["speakers", q, "--all"])
            .iter()
            .map(|s| s["value"].as_str().unwrap().to_string())
            .collect();
        for f in page["facets"]["speakers"].as_array().unwrap() {
            let name = f["value"].as_str().unwrap();
            let filtered = json(idx, &["search", q, "--speaker", name, "-n", "0"]);
            let (facet, found) = (f["articles"].as_u64().unwrap(), total(&filtered));
            let name_words = words(name);
            let shared = speakers.iter().filter(|s| {
                let w = words(s);
                name_words.iter().all(|n| w.contains(n))
            });
            if shared.count() == 1 {
                assert_eq!(facet, found, "{q}: speaker facet {name}");
            } else {
                assert!(facet <= found, "{q}: speaker facet {name}");
            }
        }

        // Trend periods add up to the total; a period is a dated search.
        let trend = json(idx, &["trend", q, "--by", "month"]);
        let series = &trend["series"][0];
        let points = series["points"].as_array().unwrap();
        let sum: u64 = points.iter().map(|p| p["matches"].as_u64().unwrap()).sum();
        assert_eq!(
            sum + series["undated"].as_u64().unwrap(),
            total(&page),
            "trend {q}"
        );
        if let Some(p) = points.iter().find(|p| p["matches"].as_u64() > Some(0)) {
            let (since, until) = (p["start"].as_str().unwrap(), p["end"].as_str().unwrap());
            let dated = json(
                idx,
                &["search", q, "--since", since, "--until", until, "-n", "0"],
            );
            assert_eq!(p["matches"], dated["total"], "trend {q} {since}");
            assert_eq!(
                p["total"],
                json(
                    idx,
                    &["search", "*", "--since", since, "--until", until, "-n", "0"]
                )["total"],
                "trend {q} {since} total"
            );
        }

        // Every highlighted word is one the query asks for, never one under NOT.
        let negated = format!("({q}) -the");
        for hit in jsonl(idx, &["search", &negated, "-n", "20"]) {
            let snippet = hit["snippet"].as_str().unwrap();
            for m in hit["highlights"].as_array().unwrap() {
                let (a, b) = (
                    m[0].as_u64().unwrap() as usize,
                    m[1].as_u64().unwrap() as usize,
                );
                assert_ne!(snippet[a..b].to_lowercase(), "the", "{negated}: {snippet}");
            }
        }
    }

    // Counts: speakers, topics, stats.
    let speakers = json(idx, &["speakers", "-n", "5"]);
    let all_speakers = jsonl(idx, &["speakers", "--all"]);
    assert_eq!(total(&speakers), all_speakers.len() as u64, "speakers");
    let topics = json(idx, &["topics"]);
    for t in topics["topics"].as_array().unwrap() {
        let slug = t["slug"].as_str().unwrap();
        let filtered = json(idx, &["search", "*", "--topic", slug, "-n", "0"]);
        assert_eq!(t["articles"], filtered["total"], "topics {slug}");
    }
    let stats = json(idx, &["stats"]);
    assert_eq!(stats["articles"], everything["total"], "stats articles");
    let by_year: u64 = stats["by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(
        by_year + stats["undated"].as_u64().unwrap(),
        total(&everything),
        "stats by year"
    );

    // Every quote is the body's bytes at its offsets.
    let mut quotes = 0;
    for a in &articles {
        let body = a["body"].as_str().unwrap();
        for q in a["quotes"].as_array().unwrap() {
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                body.as_bytes().get(s..e),
                Some(q["text"].as_str().unwrap().as_bytes()),
                "{}: quote at {s}..{e}",
                a["id"]
            );
            assert!(
                !cuts_a_token(body, s, e),
                "{}: quote {s}..{e} starts or ends inside a word or number: {:?}",
                a["id"],
                &body[s.saturating_sub(12)..(e + 12).min(body.len())]
            );
            quotes += 1;
        }
    }
    assert!(quotes > 0, "the corpus has quotes");
    assert_eq!(
        total(&json(idx, &["quotes", "*", "-n", "0", "--every-copy"])),
        quotes,
        "quotes * --every-copy counts every quote of every article"
    );
    // collapsed (the default), copies of a quote in copies of one story
    // are one result, and the count before folding is every quote
    let collapsed = json(idx, &["quotes", "*", "-n", "0"]);
    assert_eq!(collapsed["occurrences"].as_u64(), Some(quotes), "quotes *");
    assert!(total(&collapsed) <= quotes, "quotes *");

    // Prefix queries equal an enumeration of the stored words.
    for p in prefixes {
        let want: BTreeSet<String> = articles
            .iter()
            .filter(|a| {
                let text = format!(
                    "{} {}",
                    a["title"].as_str().unwrap_or(""),
                    a["body"].as_str().unwrap_or("")
                );
                words(&text).iter().any(|w| w.starts_with(p))
            })
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        let got: BTreeSet<String> =
            jsonl(idx, &["search", &format!("{p}*"), "--all", "--no-snippets"])
                .iter()
                .map(|h| h["id"].as_str().unwrap().to_string())
                .collect();
        assert_eq!(got, want, "{p}*");
        assert!(!want.is_empty(), "{p}* finds something to compare");
    }
}

fn indexed(corpus: &Path, dir: &Path) -> PathBuf {
    let idx = dir.join("index");
    index(corpus, &idx);
    idx
}

#[test]
fn invariants_hold_on_the_embedded_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let idx = indexed(&corpus(), dir.path());
    check(
        &idx,
        &[
            "tariffs",
            "\"central bank\" OR inflation",
            "growth -china",
            "trade*",
        ],
        &["tariff", "polic", "currenc", "econom", "inflation"],
    );
}

#[test]
fn invariants_hold_on_reuters_21578() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared (Reuters-21578) is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let idx = indexed(&shared.join("corpora/reuters21578"), dir.path());
    check(
        &idx,
        &[
            "dollar",
            "\"interest rates\" OR inflation",
            "tariff* -japan",
            "budget",
        ],
        &[
            "currency",
            "inflation",
            "economy",
            "policy",
            "prices",
            "regulat",
        ],
    );
}

#[test]
fn invariants_hold_on_polnear() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared (PolNeAR) is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let idx = indexed(&shared.join("corpora/polnear/dev"), dir.path());
    check(
        &idx,
        &["trump", "\"health care\" OR tax", "trade*"],
        &["tariff", "polic", "econom"],
    );
}
