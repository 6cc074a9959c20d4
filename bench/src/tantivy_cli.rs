//! tantivy-cli as a second peer: tantivy's own command line indexing the
//! same JSON lines, with no enrichment.
//!
//! Its index has what a plain full-text index of these articles needs and
//! nothing more: `id` (one raw term, stored), `title` and `body` (English
//! stemming, positions for phrases, stored), in the doc store tantivy-cli's
//! `new` writes by default (lz4, 16 KB blocks). Documents go to
//! `tantivy index -t THREADS` through a pipe, one file after another, as its
//! README shows; its own defaults otherwise (1 GB of writer memory, one JSON
//! parsing thread, its merge policy).
//!
//! tantivy-cli is not a dependency of this workspace: `--tantivy-cli BIN`
//! names the binary, else `tantivy` is looked up on the PATH. Install it with
//! `cargo install tantivy-cli --version 0.24.0 --root target/peers`.

use crate::util;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The schema tantivy-cli indexes into (the shape of its `meta.json`).
const META_JSON: &str = r#"{
  "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
  "segments": [],
  "schema": [
    {"name": "id", "type": "text", "options": {"indexing": {"record": "basic", "fieldnorms": false, "tokenizer": "raw"}, "stored": true, "fast": false}},
    {"name": "title", "type": "text", "options": {"indexing": {"record": "position", "fieldnorms": true, "tokenizer": "en_stem"}, "stored": true, "fast": false}},
    {"name": "body", "type": "text", "options": {"indexing": {"record": "position", "fieldnorms": true, "tokenizer": "en_stem"}, "stored": true, "fast": false}}
  ],
  "opstamp": 0
}
"#;

/// The tantivy-cli binary: `explicit` when given (it must exist), else
/// `tantivy` on the PATH.
pub fn find(explicit: Option<&Path>) -> Result<Option<PathBuf>> {
    match explicit {
        Some(p) if p.is_file() => Ok(Some(p.to_path_buf())),
        Some(p) => bail!("--tantivy-cli {}: no such file", p.display()),
        None => Ok(util::on_path("tantivy")),
    }
}

/// Indexes the JSON-lines `files` with tantivy-cli into `dir` (emptied
/// first) on `threads` indexing threads; reports time, CPU, peak RSS,
/// documents indexed and refused, and the index's size.
pub fn build(
    bin: &Path,
    files: Vec<PathBuf>,
    dir: &Path,
    input_bytes: u64,
    threads: usize,
) -> Result<Value> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(dir.join("meta.json"), META_JSON)
        .with_context(|| format!("cannot write {}/meta.json", dir.display()))?;
    let mut cmd = Command::new(bin);
    cmd.arg("index")
        .arg("--index")
        .arg(dir)
        .arg("--num_threads")
        .arg(threads.to_string());
    let r = util::run_child_fed(&mut cmd, files)?;
    if r.code != 0 {
        bail!(
            "tantivy-cli index exited with {}: {}",
            r.code,
            String::from_utf8_lossy(&r.stderr).trim()
        );
    }
    // It prints one line per document it could not parse, and goes on.
    let refused = String::from_utf8_lossy(&r.stdout)
        .lines()
        .filter(|l| l.starts_with("Failed to add document"))
        .count();
    let articles = indexed_docs(dir)?;
    let (bytes, _) = util::dir_size(dir, true)?;
    Ok(json!({
        "binary": bin.display().to_string(),
        "threads": threads,
        "secs": r.secs,
        "cpu_secs": r.cpu_secs,
        "articles": articles,
        "refused": refused,
        "articles_per_s": articles as f64 / r.secs.max(1e-9),
        "peak_rss_kb": r.max_rss_kb,
        "index_bytes": bytes,
        "size_ratio": bytes as f64 / input_bytes.max(1) as f64,
    }))
}

/// Documents in the index's last commit, from its `meta.json`.
fn indexed_docs(dir: &Path) -> Result<u64> {
    let path = dir.join("meta.json");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let meta: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let segments = meta["segments"].as_array().cloned().unwrap_or_default();
    Ok(segments
        .iter()
        .map(|s| {
            let max = s["max_doc"].as_u64().unwrap_or(0);
            let deleted = s["deletes"]["num_deleted_docs"].as_u64().unwrap_or(0);
            max.saturating_sub(deleted)
        })
        .sum())
}
