//! Copies of one story counted once: duplicate groups at indexing, and
//! `search --collapse`, `quotes` (collapsed by default), `trend --dedup` and
//! `speakers --dedup` on them. The fixtures (`tests/fixtures/dups/`) hold a
//! wire story, a paper's reprint of it (paragraphs reordered, another
//! headline, a credit line), the wire's corrected version (a figure
//! changed), an unrelated story with the same credit line, and (`later/`) a
//! weekly's reprint added by a later run.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn archive() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&fixture("dups/corpus"), &corpus);
    let index_dir = dir.path().join("index");
    index(&corpus, &index_dir);
    (dir, corpus, index_dir)
}

/// Every article's duplicate group, by id.
fn groups(index: &Path) -> BTreeMap<String, String> {
    let (v, _) = search_json(index, &["*", "--all"]);
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["dup_group"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const STORY: [&str; 3] = ["wire-1", "ledger-7", "wire-1-corrected"];

#[test]
fn a_story_its_reprint_and_its_correction_are_one_group() {
    let (_dir, _corpus, index) = archive();
    let g = groups(&index);
    assert_eq!(g.len(), 4, "{g:?}");
    let group = &g["wire-1"];
    // named by one of its articles (the first indexed)
    assert!(STORY.contains(&group.as_str()), "{g:?}");
    for id in STORY {
        assert_eq!(&g[id], group, "{id} in {g:?}");
    }
    // the same credit line does not make another story a copy
    assert_eq!(g["wire-2"], "wire-2");
    // `show` and the JSON exports carry it
    let (shown, _) = json_of("show", &index, &["ledger-7"]);
    let shown = if shown["articles"].is_array() {
        shown["articles"][0].clone()
    } else {
        shown
    };
    assert_eq!(shown["dup_group"].as_str(), Some(group.as_str()), "{shown}");
}

#[test]
fn collapse_shows_one_hit_per_story_with_its_copies() {
    let (_dir, _corpus, index) = archive();
    let (plain, _) = search_json(&index, &["currency"]);
    assert_eq!(total(&plain), 4);
    assert!(plain.get("collapsed").is_none());
    assert!(plain["hits"][0]["copies"].is_null());

    let (v, code) = search_json(&index, &["currency", "--collapse"]);
    assert_eq!(code, 0);
    assert_eq!(total(&v), 2, "{v}");
    assert_eq!(v["articles"].as_u64(), Some(4));
    assert_eq!(v["collapsed"].as_bool(), Some(true));
    // facets count stories too: no topic is given to more than the 2 stories
    let topic_counts: Vec<u64> = v["facets"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["articles"].as_u64().unwrap())
        .collect();
    let plain_max = plain["facets"]["topics"][0]["articles"].as_u64().unwrap();
    assert!(
        !topic_counts.is_empty() && topic_counts.iter().all(|&n| n <= 2),
        "{v}"
    );
    assert!(plain_max > topic_counts[0], "{plain} {v}");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let story = hits
        .iter()
        .find(|h| h["id"].as_str() != Some("wire-2"))
        .unwrap();
    assert_eq!(story["copies"].as_u64(), Some(2), "{story}");
    let mut members: Vec<&str> = story["copy_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .chain([story["id"].as_str().unwrap()])
        .collect();
    members.sort();
    assert_eq!(members, ["ledger-7", "wire-1", "wire-1-corrected"]);
    let sources: Vec<&str> = story["copy_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 2);
    assert_eq!(
        hits.iter()
            .find(|h| h["id"].as_str() == Some("wire-2"))
            .unwrap()["copies"]
            .as_u64(),
        Some(0)
    );

    // pages count stories; the table says stories and articles
    let (page2, _) = search_json(
        &index,
        &["currency", "--collapse", "--limit", "1", "--offset", "1"],
    );
    assert_eq!(page2["hits"][0]["rank"].as_u64(), Some(2));
    let out = bin()
        .args(["search", "currency", "--collapse", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 stories (4 articles"), "{text}");
    assert!(text.contains("+2 copies: "), "{text}");
    // CSV has the copies too
    let csv = run_format("search", &index, &["currency", "--collapse"], "csv");
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(csv.lines().next().unwrap().contains("dup_group"), "{csv}");
    assert!(csv.lines().next().unwrap().contains("copy_ids"), "{csv}");
}

fn month_points(v: &Value, series: usize) -> Vec<(String, u64, u64)> {
    v["series"][series]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["matches"].as_u64().unwrap(),
                p["total"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn trend_dedup_counts_a_story_once_and_once_per_source() {
    let (_dir, _corpus, index) = archive();
    let (v, _) = json_of("trend", &index, &["currency"]);
    assert_eq!(v["counting"], "articles");
    assert_eq!(month_points(&v, 0), [("2024-03".to_string(), 4, 4)]);
    let (v, _) = json_of("trend", &index, &["currency", "--dedup"]);
    assert_eq!(v["counting"], "stories");
    assert_eq!(month_points(&v, 0), [("2024-03".to_string(), 2, 2)]);
    // by source: the Wire Service's story and its correction count once
    // there, the Ledger's reprint once for the Ledger
    let (v, _) = json_of("trend", &index, &["currency", "--dedup", "--by-source"]);
    let mut per_source: Vec<(String, u64)> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap_or("").to_string(),
                s["matches"].as_u64().unwrap(),
            )
        })
        .collect();
    per_source.sort();
    assert_eq!(
        per_source,
        [
            ("The Daily Ledger".to_string(), 1),
            ("Wire Service".to_string(), 2)
        ]
    );
    // the table states the policy
    let out = bin()
        .args(["trend", "currency", "--dedup", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("counted once"));
}

#[test]
fn quotes_are_collapsed_across_copies_of_one_story() {
    let (_dir, _corpus, index) = archive();
    let (v, _) = json_of("quotes", &index, &["currency", "--speaker", "lindqvist"]);
    assert_eq!(total(&v), 1, "{v}");
    assert_eq!(v["occurrences"].as_u64(), Some(3));
    let mut occ: Vec<&str> = v["quotes"][0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert_eq!(occ[0], v["quotes"][0]["id"].as_str().unwrap());
    occ.sort();
    assert_eq!(occ, ["ledger-7", "wire-1", "wire-1-corrected"]);
    let (every, _) = json_of(
        "quotes",
        &index,
        &["currency", "--speaker", "lindqvist", "--every-copy"],
    );
    assert_eq!(total(&every), 3);
    // the dealers' reported words fold the same way; another speaker's
    // quote with the same word stays apart
    let (all, _) = json_of("quotes", &index, &["currency"]);
    assert_eq!(total(&all), 3, "{all}");
    assert_eq!(all["occurrences"].as_u64(), Some(7), "{all}");
    let berg = all["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["speaker"].as_str() == Some("Tomas Berg"))
        .unwrap();
    assert_eq!(berg["occurrences"].as_array().unwrap().len(), 1);
}

#[test]
fn speakers_dedup_counts_a_story_once() {
    let (_dir, _corpus, index) = archive();
    let articles = |args: &[&str]| {
        let (v, _) = json_of("speakers", &index, args);
        v["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["value"].as_str() == Some("Anna Lindqvist"))
            .map(|s| s["articles"].as_u64().unwrap())
    };
    assert_eq!(articles(&[]), Some(3));
    assert_eq!(articles(&["--dedup"]), Some(1));
}

#[test]
fn a_later_reprint_joins_the_existing_group() {
    let (_dir, corpus, index_dir) = archive();
    let before = groups(&index_dir);
    std::fs::copy(
        fixture("dups/later/weekly-reprint.txt"),
        corpus.join("weekly-reprint.txt"),
    )
    .unwrap();
    let (_, report, _) = index(&corpus, &index_dir);
    assert_eq!(report["articles_added"].as_u64(), Some(1), "{report}");
    let after = groups(&index_dir);
    assert_eq!(after["weekly-3"], before["wire-1"], "{after:?}");
    for (id, g) in &before {
        assert_eq!(&after[id], g, "{id} kept its group");
    }
    // the table beside the index is lost: it is rebuilt from the index
    std::fs::remove_file(index_dir.join("econ-archive-dups.bin")).unwrap();
    let mut late = corpus.join("late");
    std::fs::create_dir_all(&late).unwrap();
    late.push("again.txt");
    std::fs::write(
        &late,
        std::fs::read_to_string(fixture("dups/later/weekly-reprint.txt"))
            .unwrap()
            .replace("Id: weekly-3", "Id: weekly-4"),
    )
    .unwrap();
    index(&corpus, &index_dir);
    assert_eq!(groups(&index_dir)["weekly-4"], before["wire-1"]);
}

#[test]
fn the_threshold_is_checked_and_a_strict_one_splits_the_correction() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["index"])
        .arg(fixture("dups/corpus"))
        .arg("--index")
        .arg(dir.path().join("i"))
        .args(["--dup-threshold", "1.5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0.5 to 1"));

    let index_dir = dir.path().join("strict");
    let out = index_command(&fixture("dups/corpus"), &index_dir)
        .args(["--dup-threshold", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let g = groups(&index_dir);
    // the reprint has a credit line more; the correction another figure
    assert_eq!(g["wire-1"], "wire-1");
    assert_eq!(g["wire-1-corrected"], "wire-1-corrected");
}

/// Reuters-21578 grouped, the Poehl quotes collapsed, and the groups
/// compared pair by pair with datasketch's MinHash LSH (an independent
/// implementation, `tests/dups/crosscheck.py`) and with exact Jaccard
/// similarities at the same threshold and shingling.
#[test]
fn reuters_groups_agree_with_datasketch() {
    let Some(shared) = shared() else {
        return skip("../shared (Reuters-21578) is absent");
    };
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    if std::process::Command::new(&python)
        .arg("--version")
        .output()
        .is_err()
    {
        return skip("python3 is absent");
    }
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("reuters");
    index(&shared.join("corpora/reuters21578"), &index_dir);

    // the Poehl example: the quotes of reuters-14770 printed again in
    // reuters-14931 are listed once, with both articles
    let (q, _) = json_of("quotes", &index_dir, &["dollar", "--speaker", "poehl"]);
    let (every, _) = json_of(
        "quotes",
        &index_dir,
        &["dollar", "--speaker", "poehl", "--every-copy"],
    );
    let listed: usize = q["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["occurrences"].as_array().unwrap().len())
        .sum();
    assert_eq!(q["occurrences"].as_u64(), Some(listed as u64), "{q}");
    assert_eq!(total(&every), listed as u64, "{every}");
    assert_eq!(total(&q) + 4, total(&every), "{q}");
    let twice = q["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["occurrences"].as_array().unwrap().len() == 2)
        .count();
    assert_eq!(twice, 4, "{q}");

    let export = dir.path().join("articles.jsonl");
    let out = bin()
        .args([
            "search",
            "*",
            "--all",
            "--with-body",
            "--format",
            "jsonl",
            "--index",
        ])
        .arg(&index_dir)
        .arg("--output")
        .arg(&export)
        .output()
        .unwrap();
    assert!(out.status.success());
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dups-venv");
    let out = std::process::Command::new(&python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dups/crosscheck.py"))
        .arg(&export)
        .arg("--venv")
        .arg(&venv)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        return skip(&format!("datasketch cannot be installed: {stderr}"));
    }
    assert!(out.status.success(), "crosscheck failed: {stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!(
        "Reuters-21578: ours {} groups ({} articles), datasketch {} groups; \
         ours against datasketch P {} R {}; against exact P {} R {}",
        v["ours"]["groups"],
        v["ours"]["articles_in_groups"],
        v["datasketch"]["groups"],
        v["precision"],
        v["recall"],
        v["exact"]["ours"]["precision"],
        v["exact"]["ours"]["recall"]
    );
    let groups = v["ours"]["groups"].as_u64().unwrap();
    assert!((520..=610).contains(&groups), "{v}");
    for (what, x) in [
        ("precision against datasketch", &v["precision"]),
        ("recall against datasketch", &v["recall"]),
        ("precision against exact", &v["exact"]["ours"]["precision"]),
        ("recall against exact", &v["exact"]["ours"]["recall"]),
    ] {
        assert!(x.as_f64().unwrap() >= 0.93, "{what}: {v}");
    }
}
