//! Faults: a killed indexer, a second writer, an index from another version,
//! an unusable index path. The real binary runs as a child process.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// A corpus of `files` JSONL files with `per_file` articles each.
fn write_corpus(dir: &Path, files: usize, per_file: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for f in 0..files {
        let mut text = String::new();
        for i in 0..per_file {
            let n = f * per_file + i;
            text.push_str(&format!(
                "{{\"id\": \"a{n}\", \"title\": \"Budget note {n}\", \"date\": \"20{:02}-0{}-1{}\", \"body\": \"The finance ministry said spending item {n} would rise. Officials expect tariff revenue and deficit figures later; the central bank kept rates steady.\"}}\n",
                n % 20,
                1 + n % 9,
                n % 10
            ));
        }
        std::fs::write(dir.join(format!("part-{f:03}.jsonl")), text).unwrap();
    }
}

fn count(index_dir: &Path) -> u64 {
    let (v, code) = search_json(index_dir, &["*", "--limit", "0"]);
    assert!(code == 0 || code == 1, "{v}");
    total(&v)
}

#[test]
fn killed_mid_index_keeps_the_last_commit_and_the_next_run_completes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 60, 400);
    let expected = 60 * 400;
    for kill_after_lines in [0usize, 1, 3] {
        let idx = dir.path().join(format!("idx-{kill_after_lines}"));
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("econ-archive"))
            .arg("index")
            .arg(&corpus)
            .arg("--index")
            .arg(&idx)
            .args(["--batch", "2000", "--progress-lines"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        for _ in 0..kill_after_lines {
            if lines.next().is_none() {
                break;
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        // Whatever was committed opens and searches.
        if idx.join("meta.json").exists() {
            let n = count(&idx);
            assert!(n <= expected as u64, "{n}");
            if kill_after_lines > 0 {
                assert!(n >= 2000, "a commit was reported before the kill: {n}");
            }
        }
        // The next run completes with exactly a clean run's articles.
        let (_, report, code) = index(&corpus, &idx);
        assert_eq!(code, 0, "{report}");
        assert_eq!(report["articles"], expected, "{report}");
        assert_eq!(count(&idx), expected as u64);
    }
}

#[test]
fn a_second_writer_fails_at_once_and_searching_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 2, 10);
    let idx = dir.path().join("idx");
    index(&corpus, &idx);
    // Hold the writer lock as another process would, naming a pid.
    let index = econ_archive::index::EmbeddedIndex::open(&idx).unwrap();
    let _writer = econ_archive::index::IndexWriter::open(&index, 1, 15_000_000).unwrap();
    std::fs::write(idx.join(econ_archive::index::PID_FILE), "4242").unwrap();
    let started = std::time::Instant::now();
    let out = index_command(&corpus, &idx).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("is being written by another process (pid 4242)"),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 10, "fails at once");
    // Readers are not blocked by the writer.
    assert_eq!(count(&idx), 20);
}

#[test]
fn an_index_from_another_version_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 1, 5);
    let idx = dir.path().join("idx");
    index(&corpus, &idx);
    std::fs::write(
        idx.join(econ_archive::index::STAMP_FILE),
        r#"{"schema_version": 999, "built_by": "9.9.9"}"#,
    )
    .unwrap();
    let out = bin()
        .args(["search", "budget", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        err.contains("built by econ-archive 9.9.9") && err.contains("index --rebuild"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let out = index_command(&corpus, &idx)
        .arg("--rebuild")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&idx), 5);
}

#[test]
fn an_index_path_that_is_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 1, 2);
    let not_a_dir = dir.path().join("index-file");
    std::fs::write(&not_a_dir, "precious notes").unwrap();
    let out = index_command(&corpus, &not_a_dir).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(err.starts_with("error: index at"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&not_a_dir).unwrap(),
        "precious notes"
    );
}

/// Makes `dir` refuse new files: mode 0555 for a normal user; root ignores
/// modes, so for root the immutable attribute (`chattr +i`). False when the
/// folder stays writable either way.
fn make_read_only(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let writable = || {
        let probe = dir.join("probe");
        let ok = std::fs::write(&probe, "x").is_ok();
        let _ = std::fs::remove_file(&probe);
        ok
    };
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if !writable() {
        return true;
    }
    let _ = Command::new("chattr").arg("+i").arg(dir).status();
    !writable()
}

fn make_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = Command::new("chattr").arg("-i").arg(dir).status();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_read_only_index_is_a_clear_error_and_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 2, 5);
    let idx = dir.path().join("idx");
    let (_, _, code) = index(&corpus, &idx);
    assert_eq!(code, 0);
    assert_eq!(count(&idx), 10);
    // New articles arrive, but the index folder cannot be written.
    write_corpus(&dir.path().join("more"), 1, 3);
    std::fs::rename(
        dir.path().join("more/part-000.jsonl"),
        corpus.join("part-new.jsonl"),
    )
    .unwrap();
    if !make_read_only(&idx) {
        make_writable(&idx);
        println!("skipped: cannot make a folder read-only here (root without chattr)");
        return;
    }
    let out = index_command(&corpus, &idx).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    // Searching still works meanwhile and sees the last commit.
    let searched = count(&idx);
    make_writable(&idx);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("cannot be written"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(searched, 10);
    // Once writable again, the next run completes.
    let (_, _, code) = index(&corpus, &idx);
    assert_eq!(code, 0);
    assert_eq!(count(&idx), 13);
}

/// `--rebuild` killed at any moment leaves the old index or the new one,
/// whole: the old articles are replaced in one commit at the end.
#[test]
fn a_rebuild_killed_at_any_moment_leaves_a_whole_index() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 30, 400);
    let expected = 30 * 400;
    let idx = dir.path().join("idx");
    index(&corpus, &idx);
    assert_eq!(count(&idx), expected as u64);
    // Kill points spread over a rebuild's run (it takes a few hundred ms).
    let mut finished = 0;
    for delay_ms in [0u64, 5, 20, 50, 100, 150, 250, 400, 600, 900] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("econ-archive"))
            .arg("index")
            .arg(&corpus)
            .arg("--index")
            .arg(&idx)
            .args(["--rebuild", "--batch", "500"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
        assert_eq!(count(&idx), expected as u64, "killed after {delay_ms} ms");
        // And the next plain run finds it whole, or repairs it to whole.
        let (_, report, code) = index(&corpus, &idx);
        assert_eq!(code, 0, "{report}");
        assert_eq!(report["articles"], expected, "{report}");
    }
    assert!(finished < 10, "some kills landed while the rebuild ran");
}

/// `--rebuild` takes the writer lock like any writer: it fails at once
/// while another process writes, and the index keeps its articles.
#[test]
fn a_rebuild_waits_its_turn_behind_another_writer() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 2, 10);
    let idx = dir.path().join("idx");
    index(&corpus, &idx);
    let index = econ_archive::index::EmbeddedIndex::open(&idx).unwrap();
    let _writer = econ_archive::index::IndexWriter::open(&index, 1, 15_000_000).unwrap();
    let out = index_command(&corpus, &idx)
        .arg("--rebuild")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("being written by another process"), "{err}");
    assert_eq!(count(&idx), 20);
}

/// A lost `meta.json` (or a segment missing from it) is not "up to date":
/// the manifest is checked against the index and what is missing is read
/// again, with a line saying so.
#[test]
fn a_half_lost_index_is_repaired_not_reported_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 4, 50);
    let idx = dir.path().join("idx");
    index(&corpus, &idx);
    std::fs::remove_file(idx.join("meta.json")).unwrap();
    let (stdout, report, code) = index(&corpus, &idx);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("repaired:"), "{stdout}");
    assert!(!stdout.contains("up to date"), "{stdout}");
    assert_eq!(report["articles"], 200, "{report}");
    assert_eq!(count(&idx), 200);
    let (stdout, _, _) = index(&corpus, &idx);
    assert!(stdout.contains("nothing changed"), "{stdout}");
}

/// SIGINT, SIGTERM and SIGHUP stop `index` cleanly: what was added is
/// committed, the summary says how many articles are in, the pid file is
/// gone, the exit code is 130, and the next run completes.
#[test]
fn a_signal_stops_indexing_cleanly_and_the_next_run_continues() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 120, 400);
    let expected = 120 * 400;
    let mut interrupted = 0;
    for signal in ["INT", "TERM", "HUP"] {
        let idx = dir.path().join(format!("idx-{signal}"));
        let child = Command::new(assert_cmd::cargo::cargo_bin("econ-archive"))
            .arg("index")
            .arg(&corpus)
            .arg("--index")
            .arg(&idx)
            .args(["--batch", "1000000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        if out.status.code() == Some(0) {
            // The run finished before the signal came: nothing to check here.
            assert_eq!(count(&idx), expected as u64);
            continue;
        }
        assert_eq!(out.status.code(), Some(130), "{signal}: {stdout}\n{stderr}");
        interrupted += 1;
        assert!(stderr.contains("interrupted:"), "{stderr}");
        assert!(
            !idx.join(econ_archive::index::PID_FILE).exists(),
            "pid file removed"
        );
        let n = count(&idx);
        assert!(
            stderr.contains(&format!("{n} articles are in the index")),
            "{stderr}"
        );
        let (_, report, code) = index(&corpus, &idx);
        assert_eq!(code, 0, "{report}");
        assert_eq!(report["articles"], expected, "{report}");
    }
    assert!(interrupted > 0, "no signal came while indexing ran");
}

/// `verify` reads every file of the index against its checksum: bytes
/// flipped in the middle of a postings, positions, terms or field-norm file
/// are found and the file named; a whole index says so.
#[test]
fn verify_finds_flipped_bytes_in_any_index_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 4, 200);
    let idx = dir.path().join("idx");
    index(&corpus, &idx);
    let verify = |i: &Path| {
        let out = bin().args(["verify", "--index"]).arg(i).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (code, out) = verify(&idx);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("is whole"), "{out}");
    for ext in ["idx", "pos", "term", "fieldnorm", "store", "fast"] {
        let copy = dir.path().join(format!("idx-{ext}"));
        copy_dir(&idx, &copy);
        let file = std::fs::read_dir(&copy)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .max_by_key(|p| std::fs::metadata(p).unwrap().len())
            .unwrap_or_else(|| panic!("no .{ext} file"));
        let mut bytes = std::fs::read(&file).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0xff;
        std::fs::write(&file, bytes).unwrap();
        let (code, out) = verify(&copy);
        assert_eq!(code, Some(4), ".{ext}: {out}");
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(out.contains(&name), ".{ext}: {out}");
    }
}

/// An index whose meta.json disagrees with its segments, a lost stamp file
/// and a garbled `.managed.json`: a clear error or a quiet recovery, never
/// a panic or a silently wrong count.
#[test]
fn damaged_index_metadata_is_reported_or_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus, 2, 100);
    let idx = dir.path().join("idx");
    index(&corpus, &idx);

    let raised = dir.path().join("raised");
    copy_dir(&idx, &raised);
    let meta_path = raised.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let n = meta["segments"][0]["max_doc"].as_u64().unwrap();
    meta["segments"][0]["max_doc"] = (n + 1000).into();
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    for args in [&["stats"][..], &["trend", "budget"], &["search", "budget"]] {
        let out = bin()
            .args(args)
            .arg("--index")
            .arg(&raised)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {err}");
        assert!(
            err.contains("damaged") && !err.contains("panicked"),
            "{err}"
        );
    }

    let stampless = dir.path().join("stampless");
    copy_dir(&idx, &stampless);
    std::fs::remove_file(stampless.join(econ_archive::index::STAMP_FILE)).unwrap();
    assert_eq!(count(&stampless), 200);
    assert!(stampless.join(econ_archive::index::STAMP_FILE).exists());

    let garbled = dir.path().join("garbled");
    copy_dir(&idx, &garbled);
    std::fs::write(garbled.join(".managed.json"), "not json at all").unwrap();
    assert_eq!(count(&garbled), 200);
}

/// `--batch` holds inside a long file: a JSON-lines file of several pieces
/// is committed piece by piece, so a kill in the middle keeps what the
/// earlier commits hold, and the next run completes.
#[test]
fn a_long_file_is_committed_in_batches_as_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut text = String::new();
    let n = 120_000;
    for i in 0..n {
        text.push_str(&format!(
            "{{\"id\": \"b{i}\", \"title\": \"Trade note {i}\", \"date\": \"2019-03-0{}\", \"body\": \"The trade ministry said export item {i} would rise after the tariff cut; analysts expect the deficit to narrow as demand grows.\"}}\n",
            1 + i % 9
        ));
    }
    assert!(text.len() > 2 * (8 << 20), "several 8 MB pieces");
    std::fs::write(corpus.join("dump.jsonl"), &text).unwrap();

    let idx = dir.path().join("idx");
    let report = dir.path().join("report.json");
    let out = index_command(&corpus, &idx)
        .args(["--batch", "10000", "--progress-lines", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success());
    // The commits inside the file are shown as they happen.
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("committed inside a file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(r["commits"].as_u64().unwrap() >= 2, "{}", r["commits"]);
    assert_eq!(count(&idx), n as u64);

    // Killed after its first commit, the run keeps that commit.
    let idx = dir.path().join("idx-killed");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("econ-archive"))
        .arg("index")
        .arg(&corpus)
        .arg("--index")
        .arg(&idx)
        .args(["--batch", "10000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let committed = |i: &Path| {
        std::fs::read_to_string(i.join("meta.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .is_some_and(|m| m["segments"].as_array().is_some_and(|s| !s.is_empty()))
    };
    while !committed(&idx) && started.elapsed().as_secs() < 60 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().ok();
    child.wait().unwrap();
    let kept = count(&idx);
    assert!(kept > 0, "the first commit survives the kill");
    let (_, report, code) = index(&corpus, &idx);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["articles"], n, "{report}");
}
