//! Helpers shared by the integration tests: they run the real binary on real files.
#![allow(dead_code)]

pub mod cluster;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The econ-archive binary, run from the repository root.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("econ-archive").expect("binary built");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("NO_COLOR", "1");
    c
}

/// Path of a file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The embedded corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `../shared`, when present (it is absent on a user's machine).
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        None
    }
}

/// Writes `files` (relative path, contents) under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// `econ-archive index CORPUS --index INDEX`, to add flags to and run.
pub fn index_command(corpus: &Path, index: &Path) -> Command {
    let mut c = bin();
    c.arg("index").arg(corpus).arg("--index").arg(index);
    c
}

/// Runs `index CORPUS --index INDEX --report R` and returns (stdout, report JSON, exit code).
pub fn index(corpus: &Path, index: &Path) -> (String, serde_json::Value, i32) {
    let report = index.with_extension("report.json");
    let out = bin()
        .args(["index"])
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let code = out.status.code().unwrap_or(-1);
    let json = std::fs::read_to_string(&report)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    assert!(
        code == 0 || code == 3,
        "index failed ({code}): {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (stdout, json, code)
}

/// Runs `COMMAND ARGS… --format FORMAT --index INDEX`.
pub fn run_format(command: &str, index: &Path, args: &[&str], format: &str) -> Output {
    bin()
        .arg(command)
        .args(args)
        .args(["--format", format, "--index"])
        .arg(index)
        .output()
        .unwrap()
}

/// Runs `COMMAND ARGS… --format json --index INDEX` and returns the parsed JSON and exit code.
pub fn json_of(command: &str, index: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    let out = run_format(command, index, args, "json");
    let code = out.status.code().unwrap_or(-1);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{command} {args:?} gave no JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, code)
}

/// Runs `search ARGS… --format json --index INDEX` and returns the parsed JSON and exit code.
pub fn search_json(index: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    json_of("search", index, args)
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Ids of the hits of a JSON search result, in order.
pub fn ids(v: &serde_json::Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| h["id"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn total(v: &serde_json::Value) -> u64 {
    v["total"].as_u64().unwrap_or(u64::MAX)
}

/// Says why a test cannot run here and returns, so that `cargo test` passes
/// on a machine without an optional tool; with `ECON_ARCHIVE_REQUIRE_ALL=1`
/// (as CI sets it) the test fails instead. The line goes straight to stderr,
/// past the test harness's capture, so it is seen.
pub fn skip(reason: &str) {
    if std::env::var("ECON_ARCHIVE_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("cannot run with ECON_ARCHIVE_REQUIRE_ALL=1: {reason}");
    }
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}
