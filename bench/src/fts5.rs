//! The SQLite FTS5 baseline: build a `fts5(title, body, tokenize='porter')`
//! table from the same corpus and run the same queries.

use super::util::{dir_size, mb, median, summary};
use anyhow::{Context, Result};
use rusqlite::{params, Connection};
use serde_json::{json, Value};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The `.jsonl` files of the corpus, sorted (hidden entries skipped).
pub fn jsonl_files(corpus: &Path) -> Result<Vec<PathBuf>> {
    let mut v = Vec::new();
    let walker = walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for e in walker {
        let e = e.with_context(|| format!("walking {}", corpus.display()))?;
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "jsonl") {
            v.push(e.path().to_path_buf());
        }
    }
    v.sort();
    Ok(v)
}

/// Calls `f(title, body)` for every article of the corpus. JSONL layout: the
/// JSONL files line by line (streamed). Mixed layout: every file via the
/// archive's own readers (`read_tree`), so both systems see the same text.
pub fn for_each_article(
    corpus: &Path,
    mixed: bool,
    mut f: impl FnMut(&str, &str) -> Result<()>,
) -> Result<u64> {
    let mut n = 0;
    if mixed {
        let opts = econ_archive::read::ReadOptions {
            max_file_bytes: u64::MAX,
            ..Default::default()
        };
        for (_, res) in econ_archive::read::read_tree(corpus, &opts) {
            if let Ok(arts) = res {
                for a in arts {
                    f(&a.title, &a.body)?;
                    n += 1;
                }
            }
        }
        return Ok(n);
    }
    for path in jsonl_files(corpus)? {
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let reader = std::io::BufReader::with_capacity(1 << 20, file);
        for (i, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            #[derive(serde::Deserialize)]
            struct Rec {
                #[serde(default)]
                title: Option<String>,
                #[serde(default)]
                body: Option<String>,
            }
            let r: Rec = serde_json::from_str(&line)
                .with_context(|| format!("{} line {}", path.display(), i + 1))?;
            f(
                r.title.as_deref().unwrap_or(""),
                r.body.as_deref().unwrap_or(""),
            )?;
            n += 1;
        }
    }
    Ok(n)
}

fn remove_db(db: &Path) -> Result<()> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot delete {}", p.display()))?;
        }
    }
    Ok(())
}

/// Builds the FTS5 database in one transaction; returns the build report.
pub fn build(corpus: &Path, mixed: bool, db: &Path, input_bytes: u64) -> Result<Value> {
    // A read-only pass first, to separate parsing from inserting (it also
    // warms the page cache, as the tantivy runs had).
    let t = Instant::now();
    let read_n = for_each_article(corpus, mixed, |_, _| Ok(()))?;
    let read_secs = t.elapsed().as_secs_f64();

    remove_db(db)?;
    let t = Instant::now();
    let mut conn =
        Connection::open(db).with_context(|| format!("cannot create {}", db.display()))?;
    conn.execute_batch("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter');")
        .context("creating the fts5 table")?;
    let tx = conn.transaction().context("begin")?;
    let n = {
        let mut stmt = tx
            .prepare("INSERT INTO docs(title, body) VALUES (?1, ?2)")
            .context("prepare insert")?;
        for_each_article(corpus, mixed, |title, body| {
            stmt.execute(params![title, body]).context("insert")?;
            Ok(())
        })?
    };
    tx.commit().context("commit")?;
    drop(conn);
    let secs = t.elapsed().as_secs_f64();
    let db_bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let conn = Connection::open(db)?;
    let rows: i64 = conn.query_row("SELECT count(*) FROM docs", [], |r| r.get(0))?;
    let _ = dir_size; // (kept for symmetry with the tantivy side)
    Ok(json!({
        "db": db.display().to_string(),
        "articles": rows,
        "articles_read": read_n.max(n),
        "secs": secs,
        "read_only_secs": read_secs,
        "insert_secs_est": (secs - read_secs).max(0.0),
        "articles_per_s": n as f64 / secs.max(1e-9),
        "mb_per_s": mb(input_bytes) / secs.max(1e-9),
        "db_bytes": db_bytes,
        "size_ratio": db_bytes as f64 / input_bytes.max(1) as f64,
        "note": "secs = read + parse + insert in one transaction (like the tantivy index run, which also reads); no 'optimize' merge",
    }))
}

/// Count + top-10 by bm25 for one MATCH expression on an open connection.
pub fn query(conn: &Connection, q: &str) -> rusqlite::Result<(i64, Vec<i64>)> {
    let mut c = conn.prepare_cached("SELECT count(*) FROM docs WHERE docs MATCH ?1")?;
    let total: i64 = c.query_row(params![q], |r| r.get(0))?;
    let mut s =
        conn.prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")?;
    let ids = s
        .query_map(params![q], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, ids))
}

/// Runs each (qid, match) once to warm up, then `repeat` times; per-query
/// latency summaries plus all samples.
pub fn bench_queries(
    db: &Path,
    queries: &[(String, String)],
    repeat: usize,
) -> Result<(Value, Vec<f64>)> {
    let conn = Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut all = Vec::new();
    let mut per = Vec::new();
    for (qid, q) in queries {
        match query(&conn, q) {
            Err(e) => {
                per.push(json!({"qid": qid, "match": q, "error": e.to_string()}));
                continue;
            }
            Ok((total, _)) => {
                let mut samples = Vec::with_capacity(repeat);
                for _ in 0..repeat {
                    let t = Instant::now();
                    let _ = query(&conn, q)?;
                    samples.push(t.elapsed().as_secs_f64() * 1e3);
                }
                all.extend_from_slice(&samples);
                per.push(
                    json!({"qid": qid, "match": q, "total": total, "latency": summary(&samples)}),
                );
            }
        }
    }
    Ok((json!({"all": summary(&all), "per_query": per}), all))
}

/// Fresh connection + one query (count + top 10) + close, `runs` times.
pub fn oneshot(db: &Path, q: &str, runs: usize) -> Result<Value> {
    let mut samples = Vec::new();
    let mut total = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let conn = Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        total = query(&conn, q)
            .with_context(|| format!("fts5 query {q:?}"))?
            .0;
        drop(conn);
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(json!({
        "query": q,
        "total": total,
        "runs": runs,
        "median_ms": median(&samples),
        "latency": summary(&samples),
        "label": "FTS5 one-shot = in-process fresh connection: open db + count + top-10 + close (no process start)",
    }))
}
