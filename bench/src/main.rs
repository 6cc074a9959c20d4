//! bench — end-to-end benchmark of econ-archive against SQLite FTS5 on one
//! generated corpus.
//!
//! ```text
//! cargo run --release --bin bench -- --articles N [--work DIR] [--layout jsonl|mixed]
//!     [--scale-from FILE.jsonl] [--per-file K] [--skip-fts5] [--skip-plain]
//!     [--tantivy-cli BIN] [--report FILE.json] [--repeat K]
//! ```
//!
//! Generates the corpus with the sibling `gen-corpus` binary (reused when its
//! `.complete` marker matches), indexes it with the real CLI (with and without
//! enrichment, peak RSS of the child via `wait4`), re-indexes unchanged and
//! with 1% of the titles changed, measures in-process query latency over a
//! fixed mix, end-to-end `search` processes, a `--all` CSV export and a
//! `trend`, builds and queries an FTS5 table from the same articles, indexes
//! them with tantivy-cli when it is installed, prints a table and writes a
//! JSON report.

mod fts5;
mod tantivy_cli;
mod util;

use anyhow::{bail, Context, Result};
use clap::Parser;
use econ_archive::date::DateRange;
use econ_archive::{Archive, Filters, Query, SearchRequest, SortOrder};
use serde_json::{json, Value};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use util::{dir_size, mb, median, run_ok, summary};

/// The query mix when `../shared/bench/queries.tsv` (the team's shared set,
/// read at run time, never copied here) is absent and `--queries` is not
/// given: our own mix of the same kinds, in the same `qid<TAB>kind<TAB>query`
/// shape.
const OWN_QUERIES_TSV: &str = "\
o01\tterm\tquotas
o02\tterm\tdeficit
o03\tterm\tembargo
o04\tterm\tjobless
o05\tterm\topec
o06\trare\tstagflation
o07\tcommon\tsaid
o08\tand\texports AND tariffs
o09\tand\tcrude AND supply
o10\tand\tfederal AND reserve
o11\tand\ttax AND congress
o12\tand3\tgrain AND export AND subsidies
o13\tphrase\t\"interest rate\"
o14\tphrase\t\"current account\"
o15\tphrase\t\"money supply\"
o16\tphrase\t\"central bank\"
o17\tphrase\t\"exchange rate\"
o18\tor\tembargo OR sanctions
o19\tor\tslump OR contraction
o20\tmixed\t\"interest rate\" AND inflation
";

/// Where the shared query set lives next to a checkout.
const SHARED_QUERIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/queries.tsv");

#[derive(Parser, Debug)]
#[command(
    name = "bench",
    about = "Benchmark econ-archive (indexing, re-indexing, queries, export) against SQLite FTS5 on one generated corpus"
)]
struct Args {
    /// Number of articles to generate and index.
    #[arg(long, value_name = "N")]
    articles: u64,
    /// Work directory for corpus, indexes, database and report [default: target/bench].
    #[arg(long, value_name = "DIR")]
    work: Option<PathBuf>,
    /// Corpus layout passed to gen-corpus: jsonl or mixed.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "mixed"])]
    layout: String,
    /// Scale a real JSONL corpus instead of synthetic text (passed to gen-corpus).
    #[arg(long, value_name = "FILE")]
    scale_from: Option<PathBuf>,
    /// Articles per JSON-lines file (gen-corpus's default: 100,000); the
    /// number of articles for one file.
    #[arg(long, value_name = "K")]
    per_file: Option<u64>,
    /// Skip the SQLite FTS5 baseline.
    #[arg(long)]
    skip_fts5: bool,
    /// Skip the `--no-enrich` build (its disk and time, at ten million articles).
    #[arg(long)]
    skip_plain: bool,
    /// The tantivy-cli binary to index the same articles with [default: `tantivy` on the PATH; skipped with a note when there is none].
    #[arg(long, value_name = "BIN")]
    tantivy_cli: Option<PathBuf>,
    /// Where to write the JSON report [default: WORK/bench-N.json].
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Timed repetitions of each query (after one warm-up).
    #[arg(long, default_value_t = 5, value_name = "K")]
    repeat: usize,
    /// Runs of each end-to-end `search` process (median reported).
    #[arg(long, default_value_t = 7, value_name = "R")]
    e2e_runs: usize,
    /// Query file `qid<TAB>kind<TAB>query` [default: ../shared/bench/queries.tsv when present, else a built-in mix].
    #[arg(long, value_name = "FILE")]
    queries: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    if let Err(e) = run(args) {
        eprintln!("bench: error: {e:#}");
        std::process::exit(1);
    }
}

/// One query of the in-process mix.
struct Q {
    qid: String,
    kind: String,
    query: String,
    filters: Filters,
    sort: SortOrder,
    /// The same query as an FTS5 MATCH expression, when expressible.
    fts5: Option<String>,
}

impl Q {
    fn plain(qid: &str, kind: &str, query: &str) -> Q {
        Q {
            qid: qid.into(),
            kind: kind.into(),
            query: query.into(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            fts5: Some(query.into()),
        }
    }
    fn describe(&self) -> Value {
        let f = &self.filters;
        json!({
            "speakers": f.speakers, "topics": f.topics,
            "since": f.dates.since.as_ref().map(|b| &b.text),
            "until": f.dates.until.as_ref().map(|b| &b.text),
            "sort": format!("{:?}", self.sort),
        })
    }
}

fn step(msg: &str) {
    eprintln!("bench: {msg}");
}

fn run(args: Args) -> Result<()> {
    if args.repeat == 0 {
        bail!("--repeat must be at least 1");
    }
    let exe = std::env::current_exe().context("cannot locate the bench binary")?;
    let gen = exe.with_file_name("gen-corpus");
    let cli = exe.with_file_name("econ-archive");
    for b in [&gen, &cli] {
        if !b.is_file() {
            bail!(
                "{} not found next to the bench binary; build with `cargo build --release --bins`",
                b.display()
            );
        }
    }
    let work = match &args.work {
        Some(w) => w.clone(),
        None => exe
            .parent()
            .and_then(|p| p.parent())
            .map(|t| t.join("bench"))
            .unwrap_or_else(|| PathBuf::from("target/bench")),
    };
    std::fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;
    let work = work.canonicalize().unwrap_or(work);
    let n = args.articles;
    let mixed = args.layout == "mixed";
    let load_start = util::loadavg();
    let started = Instant::now();

    // ---- 1. corpus --------------------------------------------------------
    let mut cname = format!("corpus-{n}");
    if mixed {
        cname.push_str("-mixed");
    }
    if let Some(s) = &args.scale_from {
        cname.push_str(&format!(
            "-scaled-{}",
            s.file_stem()
                .map(|x| x.to_string_lossy().to_string())
                .unwrap_or_default()
        ));
    }
    if let Some(k) = args.per_file {
        cname.push_str(&format!("-per-file-{k}"));
    }
    let corpus = work.join(&cname);
    let marker = corpus.join(".complete");
    let want_marker = format!(
        "articles={n} layout={} scale_from={:?} per_file={:?}\n",
        args.layout, args.scale_from, args.per_file
    );
    let mut gen_secs = None;
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(want_marker.as_str()) {
        step(&format!("reusing corpus {}", corpus.display()));
    } else {
        step(&format!(
            "generating {n} articles into {}",
            corpus.display()
        ));
        if corpus.exists() {
            std::fs::remove_dir_all(&corpus)
                .with_context(|| format!("cannot clear {}", corpus.display()))?;
        }
        let mut c = Command::new(&gen);
        c.arg("--articles")
            .arg(n.to_string())
            .arg("--out")
            .arg(&corpus);
        c.arg("--layout").arg(&args.layout);
        if let Some(s) = &args.scale_from {
            c.arg("--scale-from").arg(s);
        }
        if let Some(k) = args.per_file {
            c.arg("--per-file").arg(k.to_string());
        }
        let r = run_ok(&mut c)?;
        gen_secs = Some(r.secs);
        std::fs::write(&marker, &want_marker)
            .with_context(|| format!("cannot write {}", marker.display()))?;
    }
    let (input_bytes, input_files) = dir_size(&corpus, true)?;

    // ---- 2. indexing ------------------------------------------------------
    let idx_full = work.join("idx-full");
    let idx_plain = work.join("idx-plain");
    let index_cmd = |idx: &Path, extra: &[&str]| {
        let mut c = Command::new(&cli);
        c.arg("index")
            .arg(&corpus)
            .arg("--index")
            .arg(idx)
            .arg("--quiet")
            // default flags otherwise: a JSON-lines file of any size is
            // read in pieces, as a user's would be
            .args(extra);
        c
    };
    let index_report = |idx: &Path, r: &util::ChildRun| -> Result<Value> {
        let (bytes, _) = dir_size(idx, false)?;
        let docs = Archive::open(idx)
            .with_context(|| format!("opening {}", idx.display()))?
            .summary()?
            .articles;
        Ok(json!({
            "index": idx.display().to_string(),
            "secs": r.secs,
            "cpu_secs": r.cpu_secs,
            "cores_busy": r.cpu_secs / r.secs.max(1e-9),
            "articles": docs,
            "articles_per_s": docs as f64 / r.secs.max(1e-9),
            "mb_per_s": mb(input_bytes) / r.secs.max(1e-9),
            "peak_rss_kb": r.max_rss_kb,
            "index_bytes": bytes,
            "size_ratio": bytes as f64 / input_bytes.max(1) as f64,
        }))
    };
    step("indexing (full enrichment, --rebuild)");
    let r = run_ok(&mut index_cmd(&idx_full, &["--rebuild"]))?;
    let full = index_report(&idx_full, &r)?;
    step(&format!("  {:.2}s", r.secs));
    let plain = if args.skip_plain {
        Value::Null
    } else {
        step("indexing (--no-enrich, --rebuild)");
        let r = run_ok(&mut index_cmd(&idx_plain, &["--rebuild", "--no-enrich"]))?;
        step(&format!("  {:.2}s", r.secs));
        index_report(&idx_plain, &r)?
    };
    let t_full = full["secs"].as_f64().unwrap_or(0.0);
    let t_plain = plain["secs"].as_f64();
    let indexed = full["articles"].as_u64().unwrap_or(0);
    if indexed != n {
        step(&format!(
            "WARNING: {indexed} articles indexed, {n} generated"
        ));
    }

    // ---- 3. re-indexing ---------------------------------------------------
    step("re-indexing the unchanged corpus");
    let unchanged = run_ok(&mut index_cmd(&idx_full, &[]))?;
    step("re-indexing after changing 1% of titles");
    let backup = work.join("backup-1pct");
    let (changed, changed_files) = change_titles(&corpus, &backup)?;
    let changed_run = run_ok(&mut index_cmd(&idx_full, &[]));
    let restored = restore(&corpus, &backup);
    let changed_run = changed_run?;
    restored?;
    step("re-indexing after restoring");
    let restore_run = run_ok(&mut index_cmd(&idx_full, &[]))?;
    let reindex = json!({
        "unchanged_secs": unchanged.secs,
        "unchanged_ratio_to_full": unchanged.secs / t_full.max(1e-9),
        "change_1pct": {
            "changed_articles": changed,
            "changed_files": changed_files,
            "fraction": changed as f64 / indexed.max(1) as f64,
            "secs": changed_run.secs,
            "ratio_to_full": changed_run.secs / t_full.max(1e-9),
            "peak_rss_kb": changed_run.max_rss_kb,
            "note": "every 100th record of every JSONL file gets ' (revised)' appended to its title, ids kept; files restored afterwards",
        },
        "restore_secs": restore_run.secs,
    });

    // ---- 4. in-process queries --------------------------------------------
    let speaker = top_speaker(&cli, &idx_full)?;
    step(&format!("in-process queries (speaker filter: {speaker:?})"));
    let archive =
        Archive::open(&idx_full).with_context(|| format!("opening {}", idx_full.display()))?;
    let years = middle_years(&archive)?;
    let mix = query_mix(args.queries.as_deref(), speaker.as_deref(), years)?;
    let mut per_query = Vec::new();
    let mut all_nosnip = Vec::new();
    let mut all_snip = Vec::new();
    let mut said_ms = None;
    let mut said_total = None;
    let mut medians_nosnip = Vec::new();
    for q in &mix {
        let mut modes = serde_json::Map::new();
        let mut total = 0;
        let mut err = None;
        for snippets in [false, true] {
            let once = || -> Result<usize> {
                // parsed in the timed part, as a front end parses each request
                let mut req =
                    SearchRequest::new(Query::parse(&q.query).map_err(|e| anyhow::anyhow!("{e}"))?);
                req.filters = q.filters.clone();
                req.sort = q.sort;
                req.snippets = snippets;
                let res = archive.search(&req).map_err(|e| anyhow::anyhow!("{e}"))?;
                if snippets {
                    for h in res.hits {
                        h?;
                    }
                }
                Ok(res.total)
            };
            match once() {
                Err(e) => {
                    err = Some(format!("{e:#}"));
                    break;
                }
                Ok(t) => total = t,
            }
            let mut samples = Vec::with_capacity(args.repeat);
            for _ in 0..args.repeat {
                let t = Instant::now();
                once()?;
                samples.push(t.elapsed().as_secs_f64() * 1e3);
            }
            if snippets {
                all_snip.extend_from_slice(&samples);
            } else {
                all_nosnip.extend_from_slice(&samples);
                medians_nosnip.push(median(&samples));
                if q.query == "said"
                    && q.filters.speakers.is_empty()
                    && q.filters.topics.is_empty()
                    && q.sort == SortOrder::Relevance
                    && q.filters.dates.is_open()
                {
                    said_ms = Some(median(&samples));
                    said_total = Some(total);
                }
            }
            modes.insert(
                if snippets { "snippets" } else { "no_snippets" }.into(),
                summary(&samples),
            );
        }
        per_query.push(json!({
            "qid": q.qid, "kind": q.kind, "query": q.query, "filters": q.describe(),
            "total": total, "fts5": q.fts5, "error": err, "latency": modes,
        }));
    }
    drop(archive);
    let queries_report = json!({
        "index": idx_full.display().to_string(),
        "count": mix.len(),
        "repeat": args.repeat,
        "top": 10,
        "speaker_used": speaker,
        "all_no_snippets": summary(&all_nosnip),
        "all_snippets": summary(&all_snip),
        "median_of_query_medians_no_snippets_ms": median(&medians_nosnip),
        "per_query": per_query,
        "note": "in-process: Archive opened once; each run = search() with exact total and top 10; with snippets the 10 hits are also loaded and highlighted",
    });

    // ---- 5. end-to-end search processes -----------------------------------
    step("end-to-end search processes");
    let mut e2e = Vec::new();
    for q in ["said", "tariffs", "\"trade deficit\"", "central AND bank"] {
        let mut samples = Vec::new();
        for _ in 0..args.e2e_runs.max(1) {
            let r = run_ok(
                Command::new(&cli)
                    .arg("search")
                    .arg(q)
                    .arg("--index")
                    .arg(&idx_full)
                    .arg("--limit")
                    .arg("10"),
            )?;
            samples.push(r.secs * 1e3);
        }
        e2e.push(json!({"query": q, "runs": samples.len(), "median_ms": median(&samples), "latency": summary(&samples)}));
    }

    // ---- 6. export and trend ----------------------------------------------
    // The plain query whose hits are closest to a tenth of the corpus (about
    // 100,000 rows at a million articles).
    let (export_query, export_total) = per_query
        .iter()
        .filter(|q| q["error"].is_null() && q["fts5"].is_string())
        .filter_map(|q| Some((q["query"].as_str()?.to_string(), q["total"].as_u64()?)))
        .min_by_key(|(_, t)| t.abs_diff(indexed / 10))
        .unwrap_or(("said".to_string(), said_total.unwrap_or(0) as u64));
    step(&format!(
        "export: search {export_query} --all --output export.csv"
    ));
    let csv_path = work.join("export.csv");
    let _ = std::fs::remove_file(&csv_path);
    let r = run_ok(
        Command::new(&cli)
            .args(["search", &export_query, "--all", "--output"])
            .arg(&csv_path)
            .arg("--index")
            .arg(&idx_full),
    )?;
    let rows = count_csv_rows(&csv_path)?;
    let export = json!({
        "query": export_query,
        "file": csv_path.display().to_string(),
        "rows": rows,
        "total": export_total,
        "rows_match_total": export_total == rows,
        "secs": r.secs,
        "rows_per_s": rows as f64 / r.secs.max(1e-9),
        "bytes": std::fs::metadata(&csv_path).map(|m| m.len()).unwrap_or(0),
    });
    let help = run_ok(Command::new(&cli).arg("--help"))?;
    let trend = if String::from_utf8_lossy(&help.stdout)
        .lines()
        .any(|l| l.trim_start().starts_with("trend"))
    {
        step("trend tariffs --by month");
        let r = run_ok(
            Command::new(&cli)
                .args(["trend", "tariffs", "--by", "month", "--index"])
                .arg(&idx_full),
        )?;
        json!({"query": "tariffs", "by": "month", "secs": r.secs, "output_lines": r.stdout.iter().filter(|&&b| b == b'\n').count()})
    } else {
        Value::Null
    };

    // ---- 7. SQLite FTS5 ---------------------------------------------------
    let fts = if args.skip_fts5 {
        Value::Null
    } else {
        step("SQLite FTS5: building");
        let db = work.join("fts5.db");
        let build = fts5::build(&corpus, mixed, &db, input_bytes)?;
        step(&format!("  {:.2}s", build["secs"].as_f64().unwrap_or(0.0)));
        step("SQLite FTS5: queries");
        let fq: Vec<(String, String)> = mix
            .iter()
            .filter_map(|q| q.fts5.clone().map(|m| (q.qid.clone(), m)))
            .collect();
        let (queries, _) = fts5::bench_queries(&db, &fq, args.repeat)?;
        let oneshot = vec![
            fts5::oneshot(&db, "said", args.e2e_runs.max(1))?,
            fts5::oneshot(&db, "tariffs", args.e2e_runs.max(1))?,
        ];
        // Same-query medians for the ratio (only queries both ran).
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for (pq, fq) in per_query.iter().zip(mix.iter()) {
            if fq.fts5.is_none() {
                continue;
            }
            let f = queries["per_query"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["qid"] == json!(fq.qid)));
            if let (Some(o), Some(t)) = (
                pq["latency"]["no_snippets"]["p50_ms"].as_f64(),
                f.and_then(|f| f["latency"]["p50_ms"].as_f64()),
            ) {
                ours.push(o);
                theirs.push(t);
            }
        }
        json!({
            "build": build,
            "queries": queries,
            "same_queries": {"count": ours.len(), "ours_median_of_medians_ms": median(&ours), "fts5_median_of_medians_ms": median(&theirs)},
            "oneshot_in_process": oneshot,
        })
    };

    // ---- 7b. tantivy-cli --------------------------------------------------
    let tantivy_peer = match tantivy_cli::find(args.tantivy_cli.as_deref())? {
        _ if mixed => json!({"skipped": "tantivy-cli reads JSON lines only"}),
        None => {
            let why = "tantivy-cli not found on the PATH (cargo install tantivy-cli --version 0.24.0 --root target/peers; then --tantivy-cli target/peers/bin/tantivy)";
            step(&format!("skipped: {why}"));
            json!({"skipped": why})
        }
        Some(bin) => {
            step(&format!("tantivy-cli: indexing with {}", bin.display()));
            let files = jsonl_files(&corpus)?;
            let r = tantivy_cli::build(&bin, files, &work.join("tantivy-cli-idx"), input_bytes, 2)?;
            step(&format!("  {:.2}s", r["secs"].as_f64().unwrap_or(0.0)));
            r
        }
    };

    // ---- 8. raw scan -------------------------------------------------------
    // A raw scan of the corpus for comparison: ripgrep, else grep -r.
    let scanner = util::on_path("rg")
        .map(|p| (p, "rg", vec!["-c", "-i", "-F"]))
        .or_else(|| util::on_path("grep").map(|p| (p, "grep", vec!["-r", "-c", "-i", "-F"])));
    let rg = match scanner {
        None => json!({"available": false}),
        Some((exe, name, flags)) => {
            step(&format!("raw scan with {name}"));
            let mut v = Vec::new();
            for w in ["said", "tariffs", "stagflation"] {
                let r = util::run_child(Command::new(&exe).args(&flags).arg(w).arg(&corpus))?;
                v.push(json!({"word": w, "secs": r.secs}));
            }
            json!({"available": true, "tool": name, "runs": v})
        }
    };

    // ---- 9. report --------------------------------------------------------
    let e2e_said = e2e.first().and_then(|x| x["median_ms"].as_f64());
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => json!(a / b),
        _ => Value::Null,
    };
    let f = |v: &Value, p: &str| v.pointer(p).and_then(|x| x.as_f64());
    let versus_tantivy_cli = json!({
        "note": "ours / tantivy-cli's articles per second and index size",
        "indexing_articles_per_s_full": ratio(f(&full, "/articles_per_s"), f(&tantivy_peer, "/articles_per_s")),
        "indexing_articles_per_s_plain": ratio(f(&plain, "/articles_per_s"), f(&tantivy_peer, "/articles_per_s")),
        "size_full": ratio(f(&full, "/index_bytes"), f(&tantivy_peer, "/index_bytes")),
    });
    let comparison = if fts.is_null() {
        Value::Null
    } else {
        json!({
            "note": "ratios are ours / fts5 (for speeds > 1 means we are faster; for sizes and latencies < 1 means we are smaller/faster)",
            "indexing_articles_per_s_full": ratio(f(&full, "/articles_per_s"), f(&fts, "/build/articles_per_s")),
            "indexing_articles_per_s_plain": ratio(f(&plain, "/articles_per_s"), f(&fts, "/build/articles_per_s")),
            "size_full": ratio(f(&full, "/index_bytes"), f(&fts, "/build/db_bytes")),
            "size_plain": ratio(f(&plain, "/index_bytes"), f(&fts, "/build/db_bytes")),
            "median_query_latency": ratio(f(&fts, "/same_queries/ours_median_of_medians_ms"), f(&fts, "/same_queries/fts5_median_of_medians_ms")),
            "said_latency": ratio(said_ms, fts["queries"]["per_query"].as_array().and_then(|a| a.iter().find(|x| x["match"] == "said")).and_then(|x| x["latency"]["p50_ms"].as_f64())),
            "oneshot_said": ratio(e2e_said, f(&fts, "/oneshot_in_process/0/median_ms")),
            "oneshot_note": "ours = whole `econ-archive search said` process; fts5 = in-process open+query+close (no process start)",
        })
    };
    let report = json!({
        "machine": {
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            "mem_total_kb": util::mem_total_kb(),
            "cpu": util::cpu_model(),
            "loadavg_start": load_start,
            "loadavg_end": util::loadavg(),
            "os": std::env::consts::OS,
        },
        "config": {
            "articles": n, "layout": args.layout, "scale_from": args.scale_from, "per_file": args.per_file,
            "repeat": args.repeat, "e2e_runs": args.e2e_runs, "work": work.display().to_string(),
        },
        "corpus": {
            "dir": corpus.display().to_string(), "files": input_files, "bytes": input_bytes,
            "generated_secs": gen_secs, "reused": gen_secs.is_none(),
        },
        "indexing": {
            "full": full, "no_enrich": plain,
            "enrichment_cost": t_plain.map(|p| (t_full - p) / p.max(1e-9)),
        },
        "reindex": reindex,
        "queries": queries_report,
        "e2e_search": e2e,
        "export": export,
        "trend": trend,
        "fts5": fts,
        "tantivy_cli": tantivy_peer,
        "ripgrep": rg,
        "comparison": comparison,
        "versus_tantivy_cli": versus_tantivy_cli,
        "said_in_process_p50_ms": said_ms,
        "bench_secs": started.elapsed().as_secs_f64(),
    });
    let report_path = args
        .report
        .clone()
        .unwrap_or_else(|| work.join(format!("bench-{n}.json")));
    if let Some(p) = report_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
    }
    std::fs::write(&report_path, serde_json::to_string_pretty(&report)?)
        .with_context(|| format!("cannot write {}", report_path.display()))?;
    print_table(&report);
    println!("\nreport: {}", report_path.display());
    Ok(())
}

/// The corpus's JSON-lines files, in name order (the order they were written).
fn jsonl_files(corpus: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for e in
        std::fs::read_dir(corpus).with_context(|| format!("cannot list {}", corpus.display()))?
    {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// The most frequent speaker of the index, via the CLI.
fn top_speaker(cli: &Path, idx: &Path) -> Result<Option<String>> {
    let r = run_ok(
        Command::new(cli)
            .args(["speakers", "-n", "1", "--format", "json", "--index"])
            .arg(idx),
    )?;
    let v: Value = serde_json::from_slice(&r.stdout).context("parsing `speakers --format json`")?;
    // `speakers --format json` gives each row as {field, value, articles, quotes}
    Ok(v["speakers"]
        .get(0)
        .and_then(|s| s["value"].as_str())
        .map(String::from))
}

/// A span of years in the middle fifth of the archive's dates (for the
/// date-range queries), from the date fast field.
fn middle_years(archive: &Archive) -> Result<(i32, i32)> {
    use chrono::Datelike;
    let summary = archive.summary()?;
    let (lo, hi) = match (summary.first_date, summary.last_date) {
        (Some(a), Some(b)) => (a.timestamp(), b.timestamp()),
        _ => (i64::MAX, i64::MIN),
    };
    let year = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.year())
            .unwrap_or(2000)
    };
    if lo > hi {
        return Ok((2010, 2015));
    }
    let span = hi - lo;
    Ok((year(lo + span * 2 / 5), year(lo + span * 3 / 5)))
}

fn query_mix(
    file: Option<&Path>,
    speaker: Option<&str>,
    (from_year, to_year): (i32, i32),
) -> Result<Vec<Q>> {
    let text =
        match file {
            Some(p) => std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?,
            None => std::fs::read_to_string(SHARED_QUERIES)
                .unwrap_or_else(|_| OWN_QUERIES_TSV.to_string()),
        };
    let mut mix = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.splitn(3, '\t').collect();
        if parts.len() != 3 {
            bail!("bad query line {line:?}: want qid<TAB>kind<TAB>query");
        }
        mix.push(Q::plain(parts[0], parts[1], parts[2]));
    }
    // Our own: single terms rare → very common, AND, phrase, prefix, NOT, field.
    for (i, (kind, q)) in [
        ("rare", "devaluation"),
        ("term", "subsidies"),
        ("term", "growth"),
        ("common", "percent"),
        ("common", "the"),
        ("and", "tariffs AND steel"),
        ("and3", "inflation AND interest AND rates"),
        ("phrase", "\"central bank\""),
        ("prefix", "tariff*"),
        ("prefix", "infla*"),
        ("not", "tariffs NOT china"),
        ("field", "title:budget"),
    ]
    .into_iter()
    .enumerate()
    {
        mix.push(Q::plain(&format!("b{:02}", i + 1), kind, q));
    }
    let mut extra = |kind: &str, query: &str, filters: Filters, sort: SortOrder| {
        let qid = format!(
            "f{:02}",
            mix.iter().filter(|q| q.qid.starts_with('f')).count() + 1
        );
        mix.push(Q {
            qid,
            kind: kind.into(),
            query: query.into(),
            filters,
            sort,
            fts5: None,
        });
    };
    if let Some(s) = speaker {
        let sp = Filters {
            speakers: vec![s.to_string()],
            ..Filters::default()
        };
        extra("speaker", "*", sp.clone(), SortOrder::Relevance);
        extra("speaker", "tariffs", sp, SortOrder::Relevance);
    }
    let topic = Filters {
        topics: vec!["trade".into()],
        ..Filters::default()
    };
    extra("topic", "*", topic.clone(), SortOrder::Relevance);
    extra("topic", "said", topic, SortOrder::Relevance);
    let range = Filters {
        dates: DateRange::parse(Some(&from_year.to_string()), Some(&to_year.to_string()))
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        ..Filters::default()
    };
    extra("date", "inflation", range.clone(), SortOrder::Relevance);
    extra("date", "*", range, SortOrder::DateDescending);
    extra(
        "sort",
        "tariffs",
        Filters::default(),
        SortOrder::DateDescending,
    );
    extra(
        "sort",
        "said",
        Filters::default(),
        SortOrder::DateDescending,
    );
    Ok(mix)
}

/// Appends " (revised)" to the title of every 100th record of every JSONL
/// file (ids kept), after moving the originals to `backup`. Returns
/// (changed articles, changed files).
fn change_titles(corpus: &Path, backup: &Path) -> Result<(u64, u64)> {
    if backup.exists() {
        // A previous run died before restoring: put the originals back first.
        restore(corpus, backup)?;
    }
    let mut changed = 0;
    let mut files = 0;
    for path in fts5::jsonl_files(corpus)? {
        let rel = path.strip_prefix(corpus).context("corpus path")?;
        let saved = backup.join(rel);
        if let Some(p) = saved.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        std::fs::rename(&path, &saved)
            .with_context(|| format!("cannot move {} to {}", path.display(), saved.display()))?;
        let input = std::io::BufReader::with_capacity(
            1 << 20,
            std::fs::File::open(&saved)
                .with_context(|| format!("cannot open {}", saved.display()))?,
        );
        let mut out = BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        let mut rec = 0u64;
        for line in input.lines() {
            let line = line.with_context(|| format!("reading {}", saved.display()))?;
            if !line.trim().is_empty() {
                if rec.is_multiple_of(100) {
                    if let Ok(mut v) = serde_json::from_str::<Value>(&line) {
                        if let Some(obj) = v.as_object_mut() {
                            let t = obj
                                .get("title")
                                .and_then(|t| t.as_str())
                                .unwrap_or("")
                                .to_string();
                            obj.insert("title".into(), json!(format!("{t} (revised)")));
                            serde_json::to_writer(&mut out, &v)?;
                            out.write_all(b"\n")?;
                            changed += 1;
                            rec += 1;
                            continue;
                        }
                    }
                }
                rec += 1;
            }
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        files += 1;
    }
    Ok((changed, files))
}

/// Moves every file under `backup` back to the same place under `corpus`.
fn restore(corpus: &Path, backup: &Path) -> Result<()> {
    if !backup.exists() {
        return Ok(());
    }
    for e in walkdir::WalkDir::new(backup) {
        let e = e.with_context(|| format!("walking {}", backup.display()))?;
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(backup).context("backup path")?;
            let dest = corpus.join(rel);
            std::fs::rename(e.path(), &dest)
                .with_context(|| format!("cannot restore {}", dest.display()))?;
        }
    }
    std::fs::remove_dir_all(backup)
        .with_context(|| format!("cannot remove {}", backup.display()))?;
    Ok(())
}

fn count_csv_rows(path: &Path) -> Result<u64> {
    let mut r =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut n = 0;
    for rec in r.records() {
        rec.with_context(|| format!("parsing {}", path.display()))?;
        n += 1;
    }
    Ok(n)
}

fn print_table(r: &Value) {
    let g = |p: &str| r.pointer(p).and_then(|v| v.as_f64());
    let s = |x: Option<f64>, prec: usize| {
        x.map(|v| format!("{v:.prec$}"))
            .unwrap_or_else(|| "-".into())
    };
    let x = |x: Option<f64>| x.map(|v| format!("{v:.2}x")).unwrap_or_else(|| "-".into());
    let m = &r["machine"];
    println!();
    println!(
        "econ-archive bench: {} articles, {} files, {:.1} MiB input ({})",
        r["config"]["articles"],
        r["corpus"]["files"],
        mb(r["corpus"]["bytes"].as_u64().unwrap_or(0)),
        r["config"]["layout"].as_str().unwrap_or("")
    );
    println!(
        "machine: {} cores, {:.1} GiB RAM, {}; load avg start {} / end {}",
        m["cores"],
        m["mem_total_kb"].as_f64().unwrap_or(0.0) / 1048576.0,
        m["cpu"].as_str().unwrap_or("?"),
        m["loadavg_start"].as_str().unwrap_or("?"),
        m["loadavg_end"].as_str().unwrap_or("?")
    );
    println!();
    println!(
        "{:<44} {:>14} {:>14} {:>10}",
        "", "econ-archive", "SQLite FTS5", "ratio"
    );
    let row = |label: &str, a: Option<f64>, b: Option<f64>, prec: usize| {
        let rt = match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => x(Some(a / b)),
            _ => "-".into(),
        };
        println!(
            "{label:<44} {:>14} {:>14} {:>10}",
            s(a, prec),
            s(b, prec),
            rt
        );
    };
    row(
        "index: seconds (full enrich)",
        g("/indexing/full/secs"),
        g("/fts5/build/secs"),
        2,
    );
    row(
        "index: seconds (--no-enrich)",
        g("/indexing/no_enrich/secs"),
        g("/fts5/build/secs"),
        2,
    );
    row(
        "index: articles/s (full)",
        g("/indexing/full/articles_per_s"),
        g("/fts5/build/articles_per_s"),
        0,
    );
    row(
        "index: articles/s (--no-enrich)",
        g("/indexing/no_enrich/articles_per_s"),
        g("/fts5/build/articles_per_s"),
        0,
    );
    row(
        "index: input MB/s (full)",
        g("/indexing/full/mb_per_s"),
        g("/fts5/build/mb_per_s"),
        1,
    );
    row(
        "index: CPU seconds (full)",
        g("/indexing/full/cpu_secs"),
        None,
        1,
    );
    row(
        "index: cores busy on average (full)",
        g("/indexing/full/cores_busy"),
        None,
        2,
    );
    row(
        "index: size / input (full)",
        g("/indexing/full/size_ratio"),
        g("/fts5/build/size_ratio"),
        3,
    );
    row(
        "index: size / input (--no-enrich)",
        g("/indexing/no_enrich/size_ratio"),
        g("/fts5/build/size_ratio"),
        3,
    );
    row(
        "index: peak RSS MiB of child (full)",
        g("/indexing/full/peak_rss_kb").map(|k| k / 1024.0),
        None,
        0,
    );
    row(
        "index: peak RSS MiB of child (--no-enrich)",
        g("/indexing/no_enrich/peak_rss_kb").map(|k| k / 1024.0),
        None,
        0,
    );
    row(
        "enrichment cost (t_full-t_plain)/t_plain",
        g("/indexing/enrichment_cost"),
        None,
        3,
    );
    row(
        "re-index unchanged: seconds",
        g("/reindex/unchanged_secs"),
        None,
        3,
    );
    row(
        "re-index 1% changed: seconds",
        g("/reindex/change_1pct/secs"),
        None,
        3,
    );
    row(
        "query p50 ms, same-query median of medians",
        g("/fts5/same_queries/ours_median_of_medians_ms"),
        g("/fts5/same_queries/fts5_median_of_medians_ms"),
        3,
    );
    row(
        "query p50/p95/p99 ms all (no snippets)",
        g("/queries/all_no_snippets/p50_ms"),
        g("/fts5/queries/all/p50_ms"),
        3,
    );
    row(
        "  p95",
        g("/queries/all_no_snippets/p95_ms"),
        g("/fts5/queries/all/p95_ms"),
        3,
    );
    row(
        "  p99",
        g("/queries/all_no_snippets/p99_ms"),
        g("/fts5/queries/all/p99_ms"),
        3,
    );
    row(
        "query p50/p95/p99 ms all (snippets+hits)",
        g("/queries/all_snippets/p50_ms"),
        None,
        3,
    );
    row("  p95", g("/queries/all_snippets/p95_ms"), None, 3);
    row("  p99", g("/queries/all_snippets/p99_ms"), None, 3);
    let fts_said = r["fts5"]["queries"]["per_query"]
        .as_array()
        .and_then(|a| a.iter().find(|q| q["match"] == "said"))
        .and_then(|q| q["latency"]["p50_ms"].as_f64());
    row(
        "`said` p50 ms in-process",
        g("/said_in_process_p50_ms"),
        fts_said,
        3,
    );
    row(
        "one-shot `said` ms (process | FTS5 in-proc)",
        g("/e2e_search/0/median_ms"),
        g("/fts5/oneshot_in_process/0/median_ms"),
        2,
    );
    if let Some(e) = r["e2e_search"].as_array() {
        for q in e.iter().skip(1) {
            row(
                &format!("one-shot search {} ms", q["query"].as_str().unwrap_or("")),
                q["median_ms"].as_f64(),
                None,
                2,
            );
        }
    }
    row(
        "export --all (query nearest 10% of articles): rows",
        g("/export/rows"),
        None,
        0,
    );
    row(
        "export --all to CSV: rows/s",
        g("/export/rows_per_s"),
        None,
        0,
    );
    row(
        "trend tariffs --by month: seconds",
        g("/trend/secs"),
        None,
        3,
    );
    if let Some(a) = r["ripgrep"]["runs"].as_array() {
        for q in a {
            row(
                &format!(
                    "{} -c -i {}: seconds",
                    r["ripgrep"]["tool"].as_str().unwrap_or("rg"),
                    q["word"].as_str().unwrap_or("")
                ),
                q["secs"].as_f64(),
                None,
                3,
            );
        }
    }
    println!();
    let peer = &r["tantivy_cli"];
    if let Some(why) = peer["skipped"].as_str() {
        println!("tantivy-cli: skipped ({why})");
    } else {
        println!(
            "{:<44} {:>14} {:>14} {:>10}",
            "", "econ-archive", "tantivy-cli", "ratio"
        );
        let p = |k: &str| peer[k].as_f64();
        row(
            "index: seconds (full enrich)",
            g("/indexing/full/secs"),
            p("secs"),
            2,
        );
        row(
            "index: articles/s (full)",
            g("/indexing/full/articles_per_s"),
            p("articles_per_s"),
            0,
        );
        row(
            "index: articles/s (--no-enrich)",
            g("/indexing/no_enrich/articles_per_s"),
            p("articles_per_s"),
            0,
        );
        row(
            "index: CPU seconds (full)",
            g("/indexing/full/cpu_secs"),
            p("cpu_secs"),
            1,
        );
        row(
            "index: size / input (full)",
            g("/indexing/full/size_ratio"),
            p("size_ratio"),
            3,
        );
        row(
            "index: peak RSS MiB (full)",
            g("/indexing/full/peak_rss_kb").map(|k| k / 1024.0),
            p("peak_rss_kb").map(|k| k / 1024.0),
            0,
        );
        row(
            "articles indexed",
            g("/indexing/full/articles"),
            p("articles"),
            0,
        );
        if peer["refused"].as_u64().unwrap_or(0) > 0 {
            println!("tantivy-cli refused {} documents", peer["refused"]);
        }
    }
    println!();
    println!("all latencies in ms; p50/p95 without snippets; fts5 = count + top-10 by bm25");
    println!(
        "{:<5} {:<8} {:<36} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "qid", "kind", "query (filters)", "total", "p50", "p95", "snip p50", "fts5 tot", "fts5 p50"
    );
    let fts_pq = r["fts5"]["queries"]["per_query"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if let Some(pq) = r["queries"]["per_query"].as_array() {
        for q in pq {
            let mut label = q["query"].as_str().unwrap_or("").to_string();
            let f = &q["filters"];
            if let Some(s) = f["speakers"].get(0).and_then(|v| v.as_str()) {
                label.push_str(&format!(" [speaker {s}]"));
            }
            if let Some(t) = f["topics"].get(0).and_then(|v| v.as_str()) {
                label.push_str(&format!(" [topic {t}]"));
            }
            if f["since"].is_string() {
                label.push_str(" [2010..2015]");
            }
            if f["sort"] == "DateDescending" {
                label.push_str(" [-date]");
            }
            if label.chars().count() > 36 {
                label = label.chars().take(35).collect::<String>() + "…";
            }
            let fq = fts_pq.iter().find(|x| x["qid"] == q["qid"]);
            let fp = fq.and_then(|x| x["latency"]["p50_ms"].as_f64());
            let ft = fq
                .map(|x| {
                    if x["error"].is_string() {
                        "error".to_string()
                    } else {
                        x["total"].to_string()
                    }
                })
                .unwrap_or_else(|| "-".into());
            let lat = &q["latency"];
            println!(
                "{:<5} {:<8} {:<36} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
                q["qid"].as_str().unwrap_or(""),
                q["kind"].as_str().unwrap_or(""),
                label,
                if q["error"].is_string() {
                    "error".to_string()
                } else {
                    q["total"].to_string()
                },
                s(lat["no_snippets"]["p50_ms"].as_f64(), 3),
                s(lat["no_snippets"]["p95_ms"].as_f64(), 3),
                s(lat["snippets"]["p50_ms"].as_f64(), 3),
                ft,
                s(fp, 3),
            );
        }
    }
}
