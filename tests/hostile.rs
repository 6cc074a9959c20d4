//! Hostile corpora: every file ends up indexed, unchanged, skipped (with a
//! reason) or failed (with a reason) — never a panic, a hang or an escape
//! from its field. Small files live in tests/fixtures/hostile; large ones,
//! symlink loops and odd file names are made by the test.

mod common;
use common::*;

fn outcome(report: &serde_json::Value, path: &str) -> (String, String) {
    let f = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} missing from report {report}"));
    (
        f["outcome"].as_str().unwrap().to_string(),
        f["reason"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn every_hostile_file_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&fixture("hostile"), &corpus);
    // Made here: a file over the size cap, a 2 MB single line, JSON nested
    // 100,000 deep, a symlink loop and a file name that is not UTF-8.
    std::fs::write(corpus.join("huge.txt"), vec![b'a'; 3 * 1024 * 1024]).unwrap();
    let line = format!(
        "{{\"id\": \"long-1\", \"title\": \"Long line\", \"body\": \"{}\"}}\n",
        "tariff ".repeat(300_000)
    );
    std::fs::create_dir_all(corpus.join("big")).unwrap();
    std::fs::write(corpus.join("big/long-line.jsonl"), line).unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(corpus.join("deep.json"), deep).unwrap();
    std::fs::create_dir_all(corpus.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", corpus.join("loop/again")).unwrap();
    use std::os::unix::ffi::OsStrExt;
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9-notes.txt");
    std::fs::write(
        corpus.join(odd),
        "Title: Odd name\nDate: 2020-02-02\n\nA file whose name is Latin-1.\n",
    )
    .unwrap();

    let idx = dir.path().join("idx");
    let report_path = dir.path().join("report.json");
    let started = std::time::Instant::now();
    let out = index_command(&corpus, &idx)
        .args(["--max-file-size", "2500K", "--report"])
        .arg(&report_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(3),
        "some files fail: {stdout}{stderr}"
    );
    assert!(started.elapsed().as_secs() < 60);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();

    let expect = |path: &str, want: &str, reason_has: &str| {
        let (got, reason) = outcome(&report, path);
        assert_eq!(got, want, "{path}: {reason}");
        assert!(
            reason.contains(reason_has),
            "{path}: reason {reason:?} lacks {reason_has:?}"
        );
    };
    expect("empty.txt", "skipped", "no articles");
    expect("binary.txt", "failed", "binary");
    expect("nul-bytes.txt", "added", "");
    expect("mixed-encoding.txt", "added", "");
    expect("truncated.json", "failed", "");
    expect("deep.json", "failed", "deep");
    expect("wrong-types.json", "added", "");
    expect("missing-fields.csv", "added", "");
    expect("bad-lines.jsonl", "added", "");
    expect("billion-laughs.xml", "added", "");
    expect("unterminated.sgm", "added", "");
    expect("script.html", "added", "");
    expect("huge.txt", "skipped", "too large");
    expect("big/long-line.jsonl", "added", "");
    expect("loop/again", "skipped", "symlink loop");
    expect("caf\u{FFFD}-notes.txt", "added", "");

    // The summary adds up to the files walked.
    let files = report["files"].as_array().unwrap();
    let walked = std::fs::read_dir(&corpus).unwrap().count() - 2 + 1 + 1; // dirs big/ and loop/ hold one entry each
    assert_eq!(files.len(), walked, "{report}");
    let sum: usize = [
        "added",
        "updated",
        "unchanged",
        "removed",
        "skipped",
        "failed",
    ]
    .iter()
    .map(|o| files.iter().filter(|f| f["outcome"] == *o).count())
    .sum();
    assert_eq!(sum, files.len());
    assert!(
        stdout.contains(&format!("files: {}", files.len())),
        "{stdout}"
    );

    // Entities are never expanded, external ones never fetched.
    let (v, _) = search_json(&idx, &["id:reuters-880001"]);
    let body = v["hits"][0]["snippet"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!body.contains("lollol"), "{body}");
    assert!(!body.contains("root:"), "{body}");
    // Script, style and nav text is not indexed.
    let (v, code) = search_json(&idx, &["SCRIPT_TEXT_SHOULD_NOT_BE_INDEXED"]);
    assert_eq!((code, total(&v)), (1, 0), "{v}");
    let (v, _) = search_json(&idx, &["fuel", "duty"]);
    assert_eq!(total(&v), 1);
    // Both records of the cut-off SGML file, the good lines of the bad JSONL.
    let (v, _) = search_json(&idx, &["id:reuters-880102"]);
    assert_eq!(total(&v), 1);
    let (v, _) = search_json(&idx, &["gas", "prices", "eased"]);
    assert_eq!(total(&v), 1);
}

#[test]
fn article_text_cannot_escape_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for f in ["escape-codes.txt", "formula.json"] {
        std::fs::copy(fixture("hostile").join(f), corpus.join(f)).unwrap();
    }
    let idx = dir.path().join("idx");
    index(&corpus, &idx);

    // Terminal: no escape or control characters from articles.
    let out = bin()
        .args(["search", "tariff", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 articles match"), "{text}");
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");

    // CSV: formulas neutralised, and the file parses back to the same rows.
    let csv_path = dir.path().join("hits.csv");
    bin()
        .args(["search", "tariff", "--index"])
        .arg(&idx)
        .arg("--output")
        .arg(&csv_path)
        .assert()
        .success();
    let mut rdr = csv::Reader::from_path(&csv_path).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        for (h, cell) in headers.iter().zip(row.iter()) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{h} cell {cell:?} could run as a formula"
            );
        }
    }
    // JSON: parses, and keeps the text exactly.
    let (v, _) = search_json(&idx, &["formula"]);
    assert_eq!(v["hits"][0]["title"], "=1+2 tariff formula");
    assert_eq!(v["hits"][0]["id"], "=HYPERLINK(\"http://x\")");
}

/// CSV, JSON lines and Markdown written to a terminal cannot retitle it,
/// clear it or reorder its text: control and invisible characters show as
/// U+FFFD. Written to a file with `--output`, the data stays as it is.
#[test]
fn machine_formats_on_a_terminal_cannot_act_on_it() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: `script` (util-linux) is not installed to give the command a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let title = "Rates \u{1b}]0;PWNED\u{7} rise \u{1b}[2J";
    let body = "The minister said tariffs \u{202E}would rise\u{200B} and \u{9b}31m soon.";
    write_files(
        &corpus,
        &[(
            "a.jsonl",
            &format!(
                "{}\n",
                serde_json::json!({"id": "x1", "title": title, "body": body, "date": "2020-01-01"})
            ),
        )],
    );
    let idx = dir.path().join("index");
    index(&corpus, &idx);
    let exe = assert_cmd::cargo::cargo_bin("econ-archive");
    for args in [
        "search tariffs --format csv",
        "search tariffs --format jsonl --with-body",
        "search tariffs --format md",
        "kwic tariffs --format csv",
        "show x1 --format json",
    ] {
        let command = format!("{} {args} --index {}", exe.display(), idx.display());
        let out = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for bad in [
            "\u{1b}]0;",
            "\u{1b}[2J",
            "\u{202E}",
            "\u{200B}",
            "\u{9b}",
            "\u{7}",
        ] {
            assert!(
                !text.contains(bad),
                "{args}: {bad:?} reached the terminal: {text:?}"
            );
        }
        // Markdown drops them itself; the other formats show where they were.
        if !args.contains("md") {
            assert!(text.contains('\u{FFFD}'), "{args}: {text:?}");
        }
    }
    // To a file, the data is kept as it is.
    let file = dir.path().join("hits.jsonl");
    bin()
        .args(["search", "tariffs", "--output"])
        .arg(&file)
        .arg("--index")
        .arg(&idx)
        .assert()
        .success();
    let kept = std::fs::read_to_string(&file).unwrap();
    let v: serde_json::Value = serde_json::from_str(kept.lines().next().unwrap()).unwrap();
    assert_eq!(v["title"], title);
}

/// `--output` refuses a path inside an index folder (it could overwrite the
/// index's own files) and says when it replaces an existing file.
#[test]
fn output_never_lands_inside_an_index_and_says_when_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&corpus(), &idx);
    let meta = std::fs::read(idx.join("meta.json")).unwrap();
    let out = bin()
        .args(["search", "tariffs", "--format", "json", "--output"])
        .arg(idx.join("meta.json"))
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the index folder"));
    assert_eq!(std::fs::read(idx.join("meta.json")).unwrap(), meta);
    let file = dir.path().join("hits.csv");
    for (i, said) in [(0, false), (1, true)] {
        let out = bin()
            .args(["search", "tariffs", "--output"])
            .arg(&file)
            .arg("--index")
            .arg(&idx)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.contains("replacing the file"), said, "run {i}: {err}");
    }
}

/// Smaller ways to lose track: a FIFO is listed, a page that is only a
/// script is no article, a link out of the corpus is not followed unless
/// asked, `--all` with `--limit` is refused, an unwritable `--report` fails
/// before any work, and the index's commit files are readable by others.
#[test]
fn odd_corpus_entries_and_flags_are_accounted_for() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "Title: Private\n\nNot part of the corpus at all.").unwrap();
    write_files(
        &corpus,
        &[
            (
                "a.txt",
                "Title: Budget\n\nThe minister said the budget would balance.",
            ),
            ("script.html", "<html><script>var x = 1;</script></html>"),
        ],
    );
    std::os::unix::fs::symlink(&outside, corpus.join("link.txt")).unwrap();
    let fifo = corpus.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let has_fifo = made.is_ok_and(|s| s.success());
    let idx = dir.path().join("index");
    let (stdout, report, code) = index(&corpus, &idx);
    assert_eq!(code, 0, "{stdout}");
    let outcome = |name: &str| {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == name)
            .map(|f| (f["outcome"].clone(), f["reason"].clone()))
            .unwrap_or_else(|| panic!("{name} missing from the report: {report}"))
    };
    assert_eq!(outcome("script.html").0, "skipped");
    let (o, why) = outcome("link.txt");
    assert_eq!(o, "skipped");
    assert!(
        why.as_str().unwrap().contains("outside the corpus"),
        "{why}"
    );
    if has_fifo {
        let (o, why) = outcome("pipe.txt");
        assert_eq!(o, "skipped");
        assert!(why.as_str().unwrap().contains("FIFO"), "{why}");
    }
    assert_eq!(total(&search_json(&idx, &["*"]).0), 1);
    // Followed when asked.
    let out = index_command(&corpus, &idx)
        .arg("--follow-outside")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(total(&search_json(&idx, &["*"]).0), 2);
    // Commit files readable by others (umask 022 here).
    let mode = std::fs::metadata(idx.join("meta.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_ne!(mode & 0o044, 0, "meta.json mode {mode:o}");
    // --all and --limit together are a usage error, not a silent choice.
    let out = bin()
        .args(["search", "budget", "--all", "--limit", "5", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // An unwritable report path fails before anything is indexed.
    let fresh = dir.path().join("fresh");
    let out = index_command(&corpus, &fresh)
        .arg("--report")
        .arg(dir.path().join("no/such/folder/report.json"))
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("report"));
    assert!(!fresh.join("meta.json").exists(), "nothing was indexed");
}

/// Taxonomies of 10,000 terms or with one 50,000-word phrase load and
/// classify in seconds (loading was quadratic once).
#[test]
fn huge_taxonomies_load_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let head = "mode = \"extend\"\n[[topic]]\nslug = \"big\"\nlabel = \"Big\"\ndescription = \"d\"\n[topic.terms]\n";
    let many: String = (0..10_000).map(|i| format!("\"w{i}\" = 1.0\n")).collect();
    let long: String = (0..50_000).map(|i| format!("x{i} ")).collect();
    for (name, terms) in [
        ("many.toml", many),
        ("long.toml", format!("\"{}\" = 1.0\n", long.trim())),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("{head}{terms}")).unwrap();
        let started = std::time::Instant::now();
        bin()
            .args(["taxonomy", "check"])
            .arg(&path)
            .assert()
            .success();
        bin()
            .args(["extract", "corpus/csv", "--format", "jsonl", "--taxonomy"])
            .arg(&path)
            .assert()
            .success();
        assert!(
            started.elapsed().as_secs() < 20,
            "{name}: {:?}",
            started.elapsed()
        );
    }
}
