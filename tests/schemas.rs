//! One record schema per kind, the same in every command and format: the
//! field names each command writes in JSON, JSON lines and CSV are checked
//! against the schema definitions the library exports, and the README's
//! copy of the schemas against what they generate.

mod common;
use common::*;
use econ_archive::output::{schema_markdown, Kind};
use serde_json::Value;
use std::path::Path;

fn names(kind: Kind, with_body: bool) -> Vec<String> {
    kind.written_fields(with_body)
        .iter()
        .map(|f| f.name.to_string())
        .collect()
}

fn csv_names(kind: Kind, with_body: bool) -> Vec<String> {
    kind.csv_columns(with_body)
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .cloned()
        .collect()
}

/// Runs a command and returns its standard output, which must be non-empty.
fn output(args: &[&str], index: &Path) -> String {
    let out = bin().args(args).arg("--index").arg(index).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        !text.trim().is_empty(),
        "{args:?} wrote nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// Every JSON-lines record of the command has exactly the kind's fields, in order.
fn check_jsonl(args: &[&str], index: &Path, kind: Kind, with_body: bool) {
    let mut all = args.to_vec();
    all.extend(["--format", "jsonl"]);
    let text = output(&all, index);
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(keys(&v), names(kind, with_body), "{args:?} jsonl");
    }
}

/// The CSV header of the command is the kind's CSV columns.
fn check_csv(args: &[&str], index: &Path, kind: Kind, with_body: bool) {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    let text = output(&all, index);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, csv_names(kind, with_body), "{args:?} csv");
    assert!(reader.records().count() > 0, "{args:?} csv has no rows");
}

/// The records listed under `list` in the command's JSON have the kind's fields.
fn check_json(args: &[&str], index: &Path, list: &str, kind: Kind, with_body: bool) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let v: Value = serde_json::from_str(&output(&all, index)).unwrap();
    let records = v[list]
        .as_array()
        .unwrap_or_else(|| panic!("{args:?}: no list {list:?} in {v}"));
    assert!(!records.is_empty(), "{args:?}: {list} is empty");
    for r in records {
        assert_eq!(keys(r), names(kind, with_body), "{args:?} json {list}");
    }
    v
}

#[test]
fn every_command_writes_each_kind_with_its_schema_fields() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&corpus(), &idx);

    // Articles: `show` and `extract`.
    let shown: Value = serde_json::from_str(&output(
        &[
            "show",
            "csv-2014-0307-solar-bond-default",
            "--format",
            "json",
        ],
        &idx,
    ))
    .unwrap();
    assert_eq!(keys(&shown), names(Kind::Article, true));
    let extracted = bin()
        .args(["extract", "corpus/csv", "--format", "jsonl"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&extracted.stdout);
    assert!(text.lines().count() > 0);
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(keys(&v), names(Kind::Article, true), "extract");
    }

    // Hits, with and without the body; their facets are count records.
    let search = ["search", "tariffs OR growth"];
    check_jsonl(&search, &idx, Kind::Hit, false);
    check_csv(&search, &idx, Kind::Hit, false);
    let v = check_json(&search, &idx, "hits", Kind::Hit, false);
    for facet in ["speakers", "topics"] {
        for c in v["facets"][facet].as_array().unwrap() {
            assert_eq!(keys(c), names(Kind::Count, false), "facet {facet}");
        }
    }
    let with_body = ["search", "tariffs", "--with-body"];
    check_jsonl(&with_body, &idx, Kind::Hit, true);
    check_csv(&with_body, &idx, Kind::Hit, true);

    // Quotes and concordance lines.
    let quotes = ["quotes", "*", "--all"];
    check_jsonl(&quotes, &idx, Kind::Quote, false);
    check_csv(&quotes, &idx, Kind::Quote, false);
    check_json(&quotes, &idx, "quotes", Kind::Quote, false);
    let kwic = ["kwic", "tariffs"];
    check_jsonl(&kwic, &idx, Kind::KwicLine, false);
    check_csv(&kwic, &idx, Kind::KwicLine, false);
    check_json(&kwic, &idx, "lines", Kind::KwicLine, false);

    // Counts: speakers, and the lists of `stats`.
    let speakers = ["speakers"];
    check_jsonl(&speakers, &idx, Kind::Count, false);
    check_csv(&speakers, &idx, Kind::Count, false);
    check_json(&speakers, &idx, "speakers", Kind::Count, false);
    let stats: Value = serde_json::from_str(&output(&["stats", "--format", "json"], &idx)).unwrap();
    let mut lists = 0;
    for (name, value) in stats.as_object().unwrap() {
        if let Some(rows) = value.as_array() {
            for c in rows {
                assert_eq!(keys(c), names(Kind::Count, false), "stats {name}");
            }
            lists += 1;
        }
    }
    assert!(lists >= 3, "stats has its count lists: {stats}");

    // Topics and trend rows.
    check_jsonl(&["topics"], &idx, Kind::Topic, false);
    check_csv(&["topics"], &idx, Kind::Topic, false);
    check_json(&["topics"], &idx, "topics", Kind::Topic, false);
    let trend = ["trend", "tariffs", "growth", "--by", "year"];
    check_jsonl(&trend, &idx, Kind::TrendRow, false);
    check_csv(&trend, &idx, Kind::TrendRow, false);
}

#[test]
fn the_readme_carries_the_schemas_the_code_defines() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let begin = "<!-- record-schemas:begin -->\n";
    let end = "<!-- record-schemas:end -->";
    let from = readme.find(begin).expect("README has the schema block") + begin.len();
    let to = readme[from..].find(end).expect("the block ends") + from;
    assert_eq!(
        &readme[from..to],
        schema_markdown(),
        "README's record schemas differ from src/output/schema.rs: \
         replace the block with `cargo run --example record_schemas`"
    );
}
