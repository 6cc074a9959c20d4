//! A closed pipe (`econ-archive … | head`) is the reader having seen
//! enough: every command that writes to standard output ends quietly with
//! exit code 0, as ripgrep and xsv do — no panic, no error line.

mod common;
use common::*;
use std::process::Stdio;

#[test]
fn every_command_ends_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    index(&corpus(), &index_dir);
    let idx = index_dir.to_str().unwrap();
    let corpus_dir = corpus();
    let corpus = corpus_dir.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["search", "*", "--all", "--index", idx],
        &["search", "*", "--all", "--format", "jsonl", "--index", idx],
        &["search", "*", "--all", "--format", "csv", "--index", idx],
        &["search", "*", "--all", "--format", "md", "--index", idx],
        &["search", "*", "--format", "json", "--index", idx],
        &["show", "csv-2014-0307-solar-bond-default", "--index", idx],
        &[
            "show",
            "csv-2014-0307-solar-bond-default",
            "-f",
            "json",
            "--index",
            idx,
        ],
        &["stats", "--index", idx],
        &["stats", "--format", "json", "--index", idx],
        &["topics", "--index", idx],
        &["speakers", "--index", idx],
        &["speakers", "--format", "csv", "--index", idx],
        &["quotes", "*", "--all", "--index", idx],
        &["quotes", "*", "--all", "--format", "json", "--index", idx],
        &["kwic", "the", "--all", "--index", idx],
        &["kwic", "the", "--all", "--format", "csv", "--index", idx],
        &["trend", "*", "--by", "day", "--index", idx],
        &[
            "trend", "*", "--by", "day", "--format", "csv", "--index", idx,
        ],
        &[
            "trend", "*", "--by", "day", "--format", "json", "--index", idx,
        ],
        &["extract", corpus],
        &["extract", corpus, "--format", "json"],
        &["taxonomy", "show"],
        &["index", corpus, "--index", idx],
    ];
    for args in commands {
        // The read end is closed before the command starts: its first write
        // to standard output meets a broken pipe.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_econ-archive"))
            .args(*args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("error") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}
