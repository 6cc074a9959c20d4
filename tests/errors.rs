//! Bad input gets one clear line and the documented exit code:
//! 0 ok, 1 no results, 2 usage or query error, 3 some files failed.

mod common;
use common::*;

fn small_index() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[(
            "tariffs.txt",
            "Title: Tariff review opens\nDate: 2021-06-01\n\nThe trade ministry opened a review of steel tariffs.\n",
        )],
    );
    let index_dir = dir.path().join("index");
    index(&corpus, &index_dir);
    (dir, index_dir)
}

fn run(index_dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .args(args)
        .arg("--index")
        .arg(index_dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn query_errors_exit_2_with_one_line_saying_where() {
    let (_d, idx) = small_index();
    for (q, needle) in [
        ("\"steel tariffs", "unclosed quote"),
        ("(steel OR tariffs", "unbalanced '('"),
        ("steel)", "unbalanced ')'"),
        ("AND", "needs something"),
        ("steel OR", "needs something"),
        ("color:red", "unknown field `color:`"),
    ] {
        let (code, _out, err) = run(&idx, &["search", q]);
        assert_eq!(code, 2, "{q}: {err}");
        assert!(err.contains("query error at column"), "{q}: {err}");
        assert!(err.contains(needle), "{q}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{q}: {err}");
    }
}

#[test]
fn bad_filters_and_formats_exit_2() {
    let (_d, idx) = small_index();
    let (code, _, err) = run(&idx, &["search", "steel", "--since", "yesterday-ish"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid date"), "{err}");
    let (code, _, err) = run(&idx, &["search", "steel", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format"), "{err}");
    let (code, _, err) = run(&idx, &["search", "steel", "--sort", "size"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn no_results_exit_1_and_limit_0_counts_only() {
    let (_d, idx) = small_index();
    let (code, out, _) = run(&idx, &["search", "zeppelin"]);
    assert_eq!(code, 1);
    assert!(out.contains("0 articles match"), "{out}");
    let (v, code) = search_json(&idx, &["steel", "--limit", "0"]);
    assert_eq!(code, 0);
    assert_eq!(total(&v), 1);
    assert!(ids(&v).is_empty());
}

#[test]
fn missing_index_names_the_command_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("nowhere");
    let (code, _, err) = run(&idx, &["search", "steel"]);
    assert_eq!(code, 2);
    assert!(err.contains("econ-archive index"), "{err}");
}

/// A corpus path that does not exist is a usage error (exit 2, as the
/// README says), found before any work: no index folder is created.
#[test]
fn missing_corpus_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["index"])
        .arg(dir.path().join("no-such-corpus"))
        .arg("--index")
        .arg(dir.path().join("idx"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(err.contains("no-such-corpus"), "{err}");
    assert!(!dir.path().join("idx").exists());
}
