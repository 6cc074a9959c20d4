//! The archive on a real three-node OpenSearch cluster (started by
//! `tests/cluster/cluster.sh` from Maven artifacts), against the embedded
//! index built from the same files: the same answers, a lost node
//! survived, nothing sent twice, one clear error when the cluster is gone.
//!
//! Its ports are fixed and tests in one binary run in parallel, so one
//! test owns the cluster and runs its steps in order.

mod common;
use common::{bin, cluster, corpus, shared};
use std::path::Path;

/// Runs a command on the embedded index or (with `engine`) on the cluster;
/// returns stdout, asserting success.
fn run(args: &[&str], index: &Path, engine: Option<&str>) -> String {
    let mut c = bin();
    c.args(args);
    match engine {
        Some(url) => c.args(["--engine", url]),
        None => c.arg("--index").arg(index),
    };
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} (engine {engine:?}) failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Indexes `corpus` into `index` and pushes it to the cluster; returns stdout.
fn index_and_push(corpus: &Path, index: &Path, engine: &str) -> String {
    let out = bin()
        .arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(["--engine", engine, "--shards", "3", "--replicas", "1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "index --engine failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A search's JSON lines: (total, hits as (id, score)).
fn hits(
    query: &str,
    extra: &[&str],
    index: &Path,
    engine: Option<&str>,
) -> (u64, Vec<(String, f64)>) {
    let mut args = vec!["search", query, "--all", "-f", "json"];
    args.extend(extra);
    let v: serde_json::Value = serde_json::from_str(&run(&args, index, engine)).unwrap();
    let hits = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["score"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    (common::total(&v), hits)
}

/// Ranked alike: walking `b`'s order, the scores `a` gives the same
/// articles never rise by more than 6%, so only articles of nearly one
/// score may come in another order. (Lucene and tantivy keep a document's
/// length in one byte each, rounded differently: on Reuters-21578 a long
/// article's BM25 differs by up to 5% between the two; on `corpus/` the
/// scores are the same to the last digit.)
fn same_order(a: &[(String, f64)], b: &[(String, f64)], q: &str) {
    let score: std::collections::HashMap<&str, f64> =
        a.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    for pair in b.windows(2) {
        let (x, y) = (score[pair[0].0.as_str()], score[pair[1].0.as_str()]);
        assert!(
            x * 1.06 + 1e-6 >= y,
            "ranking of {q:?}: {} ({x}) before {} ({y})",
            pair[0].0,
            pair[1].0
        );
    }
}

/// Queries whose answers must agree, with how their order is compared.
fn agree_on(queries: &[(&str, Vec<&str>)], index: &Path, engine: &str) {
    for (q, extra) in queries {
        let (t1, h1) = hits(q, extra, index, None);
        let (t2, h2) = hits(q, extra, index, Some(engine));
        assert_eq!(t1, t2, "total of {q:?} {extra:?}");
        assert_eq!(h1.len() as u64, t1, "--all lists the total of {q:?}");
        let mut ids1: Vec<&String> = h1.iter().map(|h| &h.0).collect();
        let mut ids2: Vec<&String> = h2.iter().map(|h| &h.0).collect();
        let date_sorted = extra.iter().any(|e| e.contains("date"));
        if date_sorted {
            // Sorted by date: the same ids in the same order, but for
            // articles of one instant.
            let dates = |engine| {
                let out = run(
                    &[&["search", q, "--all", "-f", "csv"][..], extra].concat(),
                    index,
                    engine,
                );
                out.lines()
                    .skip(1)
                    .map(|l| l.split(',').nth(5).unwrap_or("").to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(dates(None), dates(Some(engine)), "date order of {q:?}");
        } else if !q.contains(':') && !q.contains("\"~") {
            // (Codes and quote words score by other statistics on the
            // cluster, and Lucene weighs a sloppy phrase's closer matches
            // more: their order is the README's to explain, not equal.)
            same_order(&h1, &h2, q);
            same_order(&h2, &h1, q);
        }
        ids1.sort();
        ids2.sort();
        assert_eq!(ids1, ids2, "ids of {q:?} {extra:?}");
    }
}

/// Outputs that must be byte for byte the same from both backends.
fn same_bytes(commands: &[Vec<&str>], index: &Path, engine: &str) {
    for args in commands {
        assert_eq!(
            run(args, index, None),
            run(args, index, Some(engine)),
            "{args:?} differs between the embedded index and the cluster"
        );
    }
}

/// Ranked exports (JSON lines) with the same records, field for field, but
/// the score: within 6% (see [`same_order`]; on `corpus/` they differ in
/// the last bit at most).
fn same_records(args: &[&str], index: &Path, engine: &str) {
    let records = |engine| {
        let out = run(args, index, engine);
        let mut v: Vec<(String, f64)> = out
            .lines()
            .map(|l| {
                let mut r: serde_json::Value = serde_json::from_str(l).unwrap();
                let score = r["score"].as_f64().unwrap_or(0.0);
                r.as_object_mut().unwrap().remove("score");
                r.as_object_mut().unwrap().remove("rank");
                (r.to_string(), score)
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    let (a, b) = (records(None), records(Some(engine)));
    assert_eq!(a.len(), b.len(), "{args:?}");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.0, y.0, "{args:?}");
        assert!(
            (x.1 - y.1).abs() <= 0.06 * x.1.abs().max(1e-3),
            "{args:?}: {x:?} {y:?}"
        );
    }
}

/// Quote results as a set of (speaker, text, the articles it occurs in).
fn quote_set(query: &str, index: &Path, engine: Option<&str>) -> Vec<String> {
    let out = run(&["quotes", query, "--all", "-f", "jsonl"], index, engine);
    let mut v: Vec<String> = out
        .lines()
        .map(|l| {
            let q: serde_json::Value = serde_json::from_str(l).unwrap();
            // A quote folded from copies is shown under its best-ranked
            // copy, which near-equal scores may make another one: the
            // quote, its speaker and the articles it occurs in must agree.
            let mut occurrences: Vec<&str> = q["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap())
                .collect();
            occurrences.sort();
            format!("{} {} {occurrences:?}", q["speaker"], q["text"])
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_archive_on_a_three_node_cluster() {
    let Some(c) = cluster::start() else { return };
    let (status, body) = c.get("/_cluster/health");
    assert_eq!(status, 200, "{body}");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["status"], "green", "{body}");
    assert_eq!(health["number_of_nodes"], c.nodes, "{body}");
    // Every node: a request goes to the next when one is down.
    let engine = (1..=c.nodes)
        .map(|k| c.node_url(k))
        .collect::<Vec<_>>()
        .join(",");
    let engine = engine.as_str();
    let dir = tempfile::tempdir().unwrap();

    // ── corpus/: every command answers alike ────────────────────────────
    let local = dir.path().join("corpus-index");
    let first = index_and_push(&corpus(), &local, engine);
    assert!(first.contains("the alias now points at it"), "{first}");
    let again = index_and_push(&corpus(), &local, engine);
    assert!(
        again.contains("nothing sent: the cluster is up to date"),
        "{again}"
    );

    agree_on(
        &[
            ("tariffs", vec![]),
            ("trade OR budget", vec![]),
            ("\"interest rates\"", vec![]),
            ("\"central bank\"~2", vec![]),
            ("polic*", vec![]),
            ("tarif~1", vec![]),
            ("inflation -oil", vec![]),
            ("*", vec!["--sort", "date"]),
            ("*", vec!["--sort", "-date"]),
            (
                "rates",
                vec!["--since", "2018-01-01", "--until", "2021-12-31"],
            ),
            ("*", vec!["--topic", "trade"]),
            ("*", vec!["--source", "Reuters"]),
            ("topic:trade", vec![]),
            ("quote:rates", vec![]),
        ],
        &local,
        engine,
    );
    same_records(
        &["search", "tariffs", "--all", "-f", "jsonl"],
        &local,
        engine,
    );
    same_records(
        &["search", "rates", "--collapse", "--all", "-f", "jsonl"],
        &local,
        engine,
    );
    same_bytes(
        &[
            vec!["search", "*", "--sort", "date", "--all", "-f", "csv"],
            vec!["trend", "tariffs", "--by", "month", "-f", "csv"],
            vec!["trend", "*", "--by", "year", "--by-source", "-f", "csv"],
            vec!["trend", "*", "--dedup", "-f", "csv"],
            vec!["speakers", "-f", "csv"],
            vec!["speakers", "--dedup", "-f", "csv"],
            vec!["topics", "-f", "csv"],
            vec!["kwic", "tariffs", "-f", "csv"],
            vec!["show", "reuters-900109", "-f", "json"],
        ],
        &local,
        engine,
    );
    assert_eq!(
        quote_set("*", &local, None),
        quote_set("*", &local, Some(engine))
    );
    assert_eq!(
        quote_set("tariffs", &local, None),
        quote_set("tariffs", &local, Some(engine))
    );

    // ── The web page and API on the cluster: the command line's bytes ─────
    {
        use std::io::BufRead;
        let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_econ-archive"))
            .args(["serve", "--bind", "127.0.0.1:0", "--engine", engine])
            .env_remove("ECON_ARCHIVE_TOKEN")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(serve.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().trim_end_matches('/').to_string();
        let (status, csv) = cluster::http(
            &url,
            "GET",
            "/api/v1/search?q=tariffs&format=csv&all=true",
            None,
        );
        let (page_status, page) = cluster::http(&url, "GET", "/?q=tariffs", None);
        let _ = serve.kill();
        let _ = serve.wait();
        assert_eq!(status, 200, "{csv}");
        assert_eq!(
            csv,
            run(
                &["search", "tariffs", "--all", "-f", "csv"],
                &local,
                Some(engine)
            )
        );
        assert_eq!(page_status, 200);
        assert!(
            page.contains("Mexican Goods"),
            "the search page lists the hits"
        );
    }

    // ── Reuters-21578: the benchmark mix and more ────────────────────────
    let Some(shared) = shared() else {
        println!("skipped the Reuters-21578 part: ../shared is absent");
        return;
    };
    let reuters = shared.join("corpora/reuters21578");
    let rindex = dir.path().join("reuters-index");
    index_and_push(&reuters, &rindex, engine);
    let mix = std::fs::read_to_string(shared.join("bench/queries.tsv")).unwrap();
    let mut queries: Vec<(&str, Vec<&str>)> = mix
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(2))
        .map(|q| (q, vec![]))
        .collect();
    assert_eq!(queries.len(), 20);
    queries.extend([
        ("bund*", vec![]),
        ("\"oil prices\"~3", vec![]),
        ("dollar", vec!["--speaker", "poehl"]),
        ("*", vec!["--topic", "trade", "--sort", "date"]),
        (
            "grain",
            vec!["--since", "1987-03-01", "--until", "1987-03-31"],
        ),
        ("yen", vec!["--sort", "-date"]),
    ]);
    agree_on(&queries, &rindex, engine);
    same_bytes(
        &[
            vec!["trend", "tariffs OR quotas", "--by", "week", "-f", "csv"],
            vec![
                "trend",
                "*",
                "--by",
                "month",
                "--normalize",
                "share",
                "-f",
                "csv",
            ],
            vec!["speakers", "--all", "-f", "csv"],
            vec!["topics", "-f", "csv"],
        ],
        &rindex,
        engine,
    );
    same_records(
        &["search", "\"money supply\"", "--all", "-f", "jsonl"],
        &rindex,
        engine,
    );
    assert_eq!(
        quote_set("dollar", &rindex, None),
        quote_set("dollar", &rindex, Some(engine))
    );

    // ── A lost node: searches keep their totals, a push resumes ─────────
    let expected = hits("oil AND prices", &[], &rindex, None).0;
    let searching = {
        let engine = engine.to_string();
        let rindex = rindex.clone();
        std::thread::spawn(move || {
            (0..15)
                .map(|_| hits("oil AND prices", &[], &rindex, Some(&engine)).0)
                .collect::<Vec<u64>>()
        })
    };
    std::thread::sleep(std::time::Duration::from_secs(2));
    c.kill_node(2);
    let totals = searching.join().unwrap();
    assert!(
        totals.iter().all(|t| *t == expected),
        "{totals:?} vs {expected}"
    );
    c.start_node(2);
    c.wait_green();

    // Killed mid-bulk: a rebuild of Reuters into a new index, node 3
    // killed while it sends. The push either survives it or fails
    // clearly; the re-run leaves the cluster holding exactly the ledger.
    let pushing = {
        let (reuters, rindex, engine) = (reuters.clone(), rindex.clone(), engine.to_string());
        std::thread::spawn(move || {
            bin()
                .arg("index")
                .arg(&reuters)
                .arg("--index")
                .arg(&rindex)
                .args(["--engine", &engine, "--rebuild", "--progress-lines"])
                .output()
                .unwrap()
        })
    };
    // Node 3 dies once the new index is green (each shard's replica in
    // step: a node lost before that can take a shard's only copy) and has
    // taken its first articles (its indexing count moves even with refresh
    // off), while the push goes on.
    let started = std::time::Instant::now();
    let new_index_filling = || {
        let (_, body) = c.get("/econ-archive-s1-*/_stats/indexing");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let (_, aliased) = c.get("/_alias/econ-archive");
        v["indices"].as_object().is_some_and(|indices| {
            indices.iter().any(|(name, stats)| {
                !aliased.contains(name.as_str())
                    && stats["primaries"]["indexing"]["index_total"].as_u64() > Some(0)
                    && c.get(&format!("/_cluster/health/{name}"))
                        .1
                        .contains("\"status\":\"green\"")
            })
        })
    };
    while !new_index_filling() && !pushing.is_finished() && started.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        !pushing.is_finished(),
        "the push ended before a node could be killed in it"
    );
    c.kill_node(3);
    let _ = pushing.join().unwrap();
    c.start_node(3);
    c.wait_green();
    let rerun = index_and_push(&reuters, &rindex, engine);
    assert!(rerun.contains("articles —"), "{rerun}");
    let stats = |engine| {
        let v: serde_json::Value =
            serde_json::from_str(&run(&["stats", "-f", "json"], &rindex, engine)).unwrap();
        v["articles"].as_u64().unwrap()
    };
    assert_eq!(
        stats(None),
        stats(Some(engine)),
        "articles after the re-run"
    );
    let ids = |engine| {
        let out = run(
            &["search", "*", "--all", "-f", "csv", "--sort", "date"],
            &rindex,
            engine,
        );
        let mut v: Vec<String> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap().to_string())
            .collect();
        let n = v.len();
        v.sort();
        v.dedup();
        assert_eq!(n, v.len(), "an article listed twice");
        v
    };
    assert_eq!(ids(None), ids(Some(engine)));
    let settled = index_and_push(&reuters, &rindex, engine);
    assert!(settled.contains("nothing sent"), "{settled}");

    // ── The cluster gone: one clear error and exit code ──────────────────
    drop(c);
    let out = bin()
        .args(["search", "tariffs", "--engine", engine])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be reached"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Without any cluster (these run on every machine): a closed port is one
/// clear failure, an address that is not one a usage error.
#[test]
fn no_cluster_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        vec!["search", "tariffs"],
        vec!["stats"],
        vec!["trend", "tariffs"],
    ] {
        let out = bin()
            .args(&command)
            .args(["--engine", "http://127.0.0.1:9"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{command:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cannot be reached") && err.contains("127.0.0.1:9"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // `index` builds the local ledger, then says the cluster is not there.
    let out = bin()
        .arg("index")
        .arg(corpus())
        .arg("--index")
        .arg(dir.path().join("i"))
        .args(["--engine", "http://127.0.0.1:9", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be reached"));
    for bad in ["notaurl", "ftp://x", "http://"] {
        let out = bin()
            .args(["search", "tariffs", "--engine", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a cluster address"));
    }
}

/// A stand-in cluster that refuses everyone: what the program sends to
/// sign in, and what it says when refused.
#[test]
fn credentials_are_sent_and_a_refusal_is_said() {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let mut heads = Vec::new();
        for _ in 0..2 {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let body = r#"{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials"}],"type":"security_exception","reason":"missing authentication credentials"},"status":401}"#;
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            heads.push(head);
        }
        heads
    });
    let url = format!("http://127.0.0.1:{port}");
    let basic = bin()
        .args([
            "search",
            "tariffs",
            "--engine",
            &url,
            "--engine-user",
            "alice",
        ])
        .env("ECON_ARCHIVE_ENGINE_PASSWORD", "s3cret")
        .output()
        .unwrap();
    let key = bin()
        .args([
            "stats",
            "--engine",
            &url,
            "--engine-api-key",
            "a2V5OmlkCg==",
        ])
        .output()
        .unwrap();
    let heads = server.join().unwrap();
    // base64("alice:s3cret")
    assert!(
        heads[0].contains("authorization: Basic YWxpY2U6czNjcmV0")
            || heads[0].contains("Authorization: Basic YWxpY2U6czNjcmV0"),
        "{}",
        heads[0]
    );
    assert!(
        heads[1]
            .to_lowercase()
            .contains("authorization: apikey a2v5omlkcg=="),
        "{}",
        heads[1]
    );
    for out in [basic, key] {
        assert_eq!(out.status.code(), Some(4));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("HTTP 401") && err.contains("missing authentication credentials"),
            "{err}"
        );
        assert!(!err.contains("s3cret"), "{err}");
    }
}
