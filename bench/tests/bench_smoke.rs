//! A small run of the benchmark harness (2,000 generated articles), so that
//! it cannot rot. It checks that every stage ran and that the figures are
//! coherent, never how fast anything was: timings belong to hand-run
//! benchmarks (README, "Performance"), not to tests.

use std::process::Command;

#[test]
fn bench_runs_end_to_end_at_2000_articles() {
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_bench"))
        .args(["--articles", "2000", "--repeat", "1", "--e2e-runs", "1"])
        .arg("--work")
        .arg(work.path())
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("SQLite FTS5"), "{stdout}");
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let f = |p: &str| {
        r.pointer(p)
            .and_then(|v| v.as_f64())
            .unwrap_or_else(|| panic!("{p} missing"))
    };

    // Both builds hold every generated article; so does FTS5.
    assert_eq!(f("/indexing/full/articles"), 2000.0);
    assert_eq!(f("/indexing/no_enrich/articles"), 2000.0);
    assert_eq!(f("/fts5/build/articles"), 2000.0);
    assert!(f("/indexing/full/peak_rss_kb") > 0.0);
    assert!(f("/indexing/full/index_bytes") > 0.0);

    // The unchanged re-index does no work; the 1% change touched articles.
    assert!(f("/reindex/unchanged_secs") < f("/indexing/full/secs"));
    assert!(f("/reindex/change_1pct/changed_articles") >= 20.0);

    // The query mix: at least 30 queries, none failed, every kind present.
    let per_query = r["queries"]["per_query"].as_array().unwrap();
    assert!(per_query.len() >= 30, "{}", per_query.len());
    for q in per_query {
        assert!(q["error"].is_null(), "{q}");
    }
    for kind in [
        "rare", "common", "and", "phrase", "prefix", "speaker", "topic", "date", "sort",
    ] {
        assert!(
            per_query.iter().any(|q| q["kind"] == kind),
            "no {kind} query"
        );
    }
    // The same single words found in the same number of articles by FTS5.
    let fts = r["fts5"]["queries"]["per_query"].as_array().unwrap();
    for word in ["said", "stagflation"] {
        let ours = per_query.iter().find(|q| q["query"] == word).unwrap();
        let theirs = fts.iter().find(|q| q["qid"] == ours["qid"]).unwrap();
        assert_eq!(ours["total"], theirs["total"], "{word}");
    }

    // The export wrote one row per hit of `said`.
    assert_eq!(r["export"]["rows_match_total"], serde_json::json!(true));
    assert!(f("/export/rows") > 100.0);
}
