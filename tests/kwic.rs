//! `kwic`: keyword-in-context lines that follow the analyser, on a small
//! hand-made corpus indexed with the real binary.

mod common;

use common::{bin, json_of, write_files};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn build(dir: &Path) -> PathBuf {
    let docs = [
        json!({"id": "r1", "title": "Rates decision", "date": "2018-03-21", "source": "Wire",
               "body": "The Fed raised Interest Rates on Wednesday. Higher interest\n   rates weigh on housing; interest on savings rises."}),
        json!({"id": "t1", "title": "Budget and tariffs", "date": "2018-03-01", "source": "Wire",
               "body": "A tariff on steel. Tariffs on aluminium followed, and TARIFFS on cars were threatened."}),
        json!({"id": "t2", "title": "Trade news", "date": "2018-05-01", "source": "Paper",
               "body": "=HYPERLINK(\"x\") tariffs again"}),
        json!({"id": "n1", "title": "Weather", "date": "2018-05-02", "source": "Paper",
               "body": "Sunny with no economics at all."}),
    ];
    let jsonl: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let corpus = dir.join("corpus");
    write_files(&corpus, &[("news.jsonl", &jsonl)]);
    let index = dir.join("index");
    common::index(&corpus, &index);
    index
}

fn kwic_json(index: &Path, args: &[&str]) -> (Value, i32) {
    json_of("kwic", index, args)
}

fn matches(v: &Value) -> Vec<String> {
    v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["match"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn phrase_is_one_occurrence_across_case_and_whitespace() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let (v, code) = kwic_json(&index, &["\"interest rates\"", "--width", "20"]);
    assert_eq!(code, 0);
    assert_eq!(v["articles_matching"], 1);
    assert_eq!(matches(&v), ["Interest Rates", "interest rates"]);
    let l = &v["lines"][1];
    assert_eq!(l["left"], "on Wednesday. Higher");
    assert_eq!(l["right"], "weigh on housing; in");
    assert_eq!(l["id"], "r1");
    assert_eq!(l["title"], "Rates decision");
    assert_eq!(l["date"], "2018-03-21T00:00:00Z");
    // Byte offsets point into the stored body.
    let start = l["start"].as_u64().unwrap() as usize;
    let end = l["end"].as_u64().unwrap() as usize;
    let body = "The Fed raised Interest Rates on Wednesday. Higher interest\n   rates weigh on housing; interest on savings rises.";
    assert_eq!(&body[start..end], "interest\n   rates");
}

#[test]
fn stemmed_words_match_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let (v, _) = kwic_json(&index, &["tariffs"]);
    // Oldest article first.
    assert_eq!(matches(&v), ["tariff", "Tariffs", "TARIFFS", "tariffs"]);
    assert_eq!(v["lines"][0]["id"], "t1");
    assert_eq!(v["lines"][3]["id"], "t2");
    assert_eq!(v["total"], 4);
    // A word of the phrase query alone matches the word, not the phrase.
    let (v, _) = kwic_json(&index, &["interest"]);
    assert_eq!(matches(&v), ["Interest", "interest", "interest"]);
}

#[test]
fn fields_and_negation_only_select_articles() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let (v, _) = kwic_json(&index, &["title:budget", "tariffs"]);
    assert_eq!(v["articles_matching"], 1);
    assert_eq!(matches(&v), ["tariff", "Tariffs", "TARIFFS"]);
    let (v, _) = kwic_json(&index, &["tariffs -steel"]);
    assert_eq!(matches(&v), ["tariffs"]);
    // Filters work as in search.
    let (v, _) = kwic_json(&index, &["tariffs", "--source", "paper"]);
    assert_eq!(matches(&v), ["tariffs"]);
    // Limit counts articles, not lines.
    let (v, _) = kwic_json(&index, &["tariffs", "--limit", "1"]);
    assert_eq!(v["articles_read"], 1);
    assert_eq!(v["total"], 3);
    // No occurrence: exit 1.
    let (_, code) = kwic_json(&index, &["zeppelin"]);
    assert_eq!(code, 1);
}

#[test]
fn width_limits_context() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let (v, _) = kwic_json(&index, &["housing", "--width", "8"]);
    assert_eq!(v["lines"][0]["left"], "weigh on");
    assert_eq!(v["lines"][0]["right"], "; intere");
}

#[test]
fn csv_export_parses_and_is_spreadsheet_safe() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let path = dir.path().join("kwic.csv");
    let out = bin()
        .args(["kwic", "tariffs", "--output"])
        .arg(&path)
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut r = csv::Reader::from_path(&path).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "article_rank",
            "left",
            "match",
            "right",
            "start",
            "end",
            "id",
            "path",
            "title",
            "date",
            "date_precision",
            "source",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[3][1], "'=HYPERLINK(\"x\")");
    assert_eq!(&rows[3][2], "tariffs");
    assert_eq!(&rows[0][6], "t1");

    // Terminal table and the other formats.
    let out = bin()
        .args(["kwic", "\"interest rates\"", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[interest rates]"), "{text}");
    assert!(text.contains("2018-03-21"));
    for (format, check) in [
        ("jsonl", "\"match\":\"Interest Rates\""),
        ("md", "| **Interest Rates** |"),
    ] {
        let out = bin()
            .args(["kwic", "\"interest rates\"", "--format", format, "--index"])
            .arg(&index)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(check), "{format}: {text}");
    }
}
