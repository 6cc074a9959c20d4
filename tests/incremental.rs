//! Incremental indexing on a small corpus written by the test: a re-run is a
//! no-op, an edit and a deletion are picked up, and every file is accounted for.

mod common;
use common::*;

const STEEL: &str = "Title: Steel quota talks resume\nDate: 2019-03-14\nSource: Harbor Street Journal\n\nNegotiators met again over the steel quota, officials said.\n";
const BUDGET: &str = "Budget office revises deficit outlook\n\nThe budget office lowered its deficit forecast for the coming year.\n";
const WIRE: &str = concat!(
    "{\"id\": \"w-1\", \"title\": \"Copper prices climb\", \"date\": \"2020-05-01\", \"body\": \"Copper rose on supply worries.\"}\n",
    "{\"id\": \"w-2\", \"title\": \"Grain exports slow\", \"date\": \"2020-05-02\", \"body\": \"Wheat shipments fell in April.\"}\n",
);

fn outcome_of<'a>(report: &'a serde_json::Value, path: &str) -> &'a str {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .and_then(|f| f["outcome"].as_str())
        .unwrap_or("missing")
}

#[test]
fn reindex_is_noop_then_picks_up_edits_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    write_files(
        &corpus,
        &[
            ("a/steel.txt", STEEL),
            ("b/2018-02-01-budget.txt", BUDGET),
            ("wire.jsonl", WIRE),
            ("notes.docx", "not an article"),
        ],
    );

    let (out, report, code) = index(&corpus, &index_dir);
    assert_eq!(code, 0, "{out}");
    assert_eq!(report["articles"], 4, "{report}");
    assert_eq!(outcome_of(&report, "a/steel.txt"), "added");
    assert_eq!(outcome_of(&report, "notes.docx"), "skipped");
    assert_eq!(report["files"].as_array().unwrap().len(), 4);

    // Unchanged corpus: nothing to do, and the summary says so.
    let (out, report, _) = index(&corpus, &index_dir);
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(outcome_of(&report, "a/steel.txt"), "unchanged");
    assert_eq!(report["articles_added"], 0);
    assert_eq!(report["articles"], 4);

    // Edit one record of the JSONL file, delete the budget story.
    let edited = WIRE.replace(
        "Copper rose on supply worries.",
        "Copper fell on demand worries.",
    );
    std::fs::write(corpus.join("wire.jsonl"), edited).unwrap();
    std::fs::remove_file(corpus.join("b/2018-02-01-budget.txt")).unwrap();
    let (_, report, _) = index(&corpus, &index_dir);
    assert_eq!(outcome_of(&report, "wire.jsonl"), "updated");
    assert_eq!(outcome_of(&report, "b/2018-02-01-budget.txt"), "removed");
    assert_eq!(report["articles_updated"], 1, "{report}");
    assert_eq!(report["articles_removed"], 1, "{report}");
    assert_eq!(report["articles"], 3);

    let (v, code) = search_json(&index_dir, &["copper", "fell"]);
    assert_eq!(code, 0);
    assert_eq!(ids(&v), vec!["w-1"]);
    let (v, code) = search_json(&index_dir, &["deficit"]);
    assert_eq!(code, 1, "the deleted story must be gone: {v}");
    assert_eq!(total(&v), 0);
}

/// A renamed file's records keep their own ids: the old file's articles
/// are deleted in the same pass, so its ids are not "already used".
#[test]
fn a_renamed_file_keeps_its_record_ids() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    write_files(&corpus, &[("wire.jsonl", WIRE)]);
    index(&corpus, &index_dir);
    std::fs::rename(corpus.join("wire.jsonl"), corpus.join("wire-2020.jsonl")).unwrap();
    let (out, report, code) = index(&corpus, &index_dir);
    assert_eq!(code, 0, "{out}");
    assert_eq!(outcome_of(&report, "wire.jsonl"), "removed");
    assert_eq!(outcome_of(&report, "wire-2020.jsonl"), "added");
    assert!(!out.contains("already use"), "{out}");
    let (v, _) = search_json(&index_dir, &["*", "--sort", "date"]);
    assert_eq!(ids(&v), vec!["w-1", "w-2"], "{v}");
}

#[test]
fn touching_a_file_without_changing_it_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    write_files(&corpus, &[("steel.txt", STEEL)]);
    index(&corpus, &index_dir);
    // Same bytes, new modification time.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(corpus.join("steel.txt"), STEEL).unwrap();
    let (out, report, _) = index(&corpus, &index_dir);
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(outcome_of(&report, "steel.txt"), "unchanged");
}

#[test]
fn rebuild_starts_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    write_files(&corpus, &[("steel.txt", STEEL), ("wire.jsonl", WIRE)]);
    index(&corpus, &index_dir);
    let out = index_command(&corpus, &index_dir)
        .arg("--rebuild")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("3 added"), "{stdout}");
    assert!(stdout.contains("articles: 3 in the index"), "{stdout}");
}

/// The speakers of the index, by `speakers --format json`.
fn speakers_of(index_dir: &std::path::Path) -> Vec<String> {
    let out = bin()
        .args(["speakers", "--format", "json", "--index"])
        .arg(index_dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_str().unwrap().to_string())
        .collect()
}

/// Adding an alias file to an unchanged corpus re-attributes on the next run
/// (the manifest of unchanged files is not trusted across enricher changes);
/// a broken alias file is a usage error that changes nothing.
#[test]
fn an_alias_file_renames_speakers_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    write_files(
        &corpus,
        &[
            ("a.txt", "Tariff talks\n\n\"We will not back down,\" Treasury Secretary Steve Mnuchin said on Monday.\n"),
            ("b.txt", "Budget outlook\n\n\"The deficit is too high,\" Treasury Secretary Steven Mnuchin said on Tuesday.\n"),
        ],
    );
    let (out, _, code) = index(&corpus, &index_dir);
    assert_eq!(code, 0, "{out}");
    let before = speakers_of(&index_dir);
    assert!(before.contains(&"Steve Mnuchin".to_string()), "{before:?}");
    assert!(before.contains(&"Steven Mnuchin".to_string()), "{before:?}");

    std::fs::write(
        corpus.join("speakers.toml"),
        "[aliases]\n\"Steven Mnuchin\" = [\"Steve Mnuchin\", \"Steven Mnuchin\"]\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[aliases]\n\"A B\" = [\"C D\"]\n\"E F\" = [\"c d\"]\n",
    )
    .unwrap();
    let res = index_command(&corpus, &index_dir)
        .arg("--aliases")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&res.stderr).contains("both"));
    assert_eq!(speakers_of(&index_dir), before);

    let (out, report, code) = index(&corpus, &index_dir);
    assert_eq!(code, 0, "{out}");
    assert_eq!(outcome_of(&report, "a.txt"), "updated", "{report}");
    assert_eq!(speakers_of(&index_dir), ["Steven Mnuchin"]);
}

/// Counts over an index with deleted documents (from re-indexing) equal the
/// counts of a fresh build of the same files: facets, `stats` and `speakers`
/// skip deleted documents.
#[test]
fn counts_after_updates_equal_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    copy_dir(&corpus(), &corpus_dir);
    let updated = dir.path().join("updated");
    index(&corpus_dir, &updated);
    // Rewrite two files so that their old articles are deleted and re-added.
    for e in walkdir::WalkDir::new(&corpus_dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .take(2)
    {
        let text = std::fs::read_to_string(e.path()).unwrap();
        std::fs::write(e.path(), text + "\nThe ministry said tariffs would stay.\n").unwrap();
    }
    index(&corpus_dir, &updated);
    let fresh = dir.path().join("fresh");
    index(&corpus_dir, &fresh);
    for args in [&["stats"][..], &["speakers", "--limit", "1000"][..]] {
        let run = |idx: &std::path::Path| {
            let out = bin().args(args).arg("--index").arg(idx).output().unwrap();
            assert!(out.status.success(), "{args:?}");
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| !l.contains("index size"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let (a, b) = (run(&updated), run(&fresh));
        assert!(a.len() > 5, "{a:?}");
        assert_eq!(a, b, "{args:?}");
    }
    let facets = |idx: &std::path::Path| search_json(idx, &["tariffs"]).0["facets"].clone();
    assert!(facets(&updated)["speakers"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
    assert_eq!(facets(&updated), facets(&fresh));
    // Facets and totals equal what the hits themselves carry, in the index
    // with deleted documents: for a word in every article (counted as all
    // values minus those of the other documents) and for a rarer one
    // (counted hit by hit).
    let all = search_json(&updated, &["*", "--limit", "1"]).0["total"].clone();
    for q in ["said", "tariffs"] {
        let (v, _) = search_json(&updated, &[q, "--all"]);
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(v["total"].as_u64(), Some(hits.len() as u64), "{q}");
        if q == "said" {
            assert_eq!(v["total"], all, "said is in every article");
        }
        for (facet, field) in [("speakers", "speakers"), ("topics", "topics")] {
            let listed = v["facets"][facet].as_array().unwrap();
            assert!(!listed.is_empty(), "{q} {facet}");
            for f in listed {
                // speakers are names, topics {slug, score} objects
                let carrying = hits
                    .iter()
                    .filter(|h| {
                        h[field]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|x| x == &f["value"] || x["slug"] == f["value"])
                    })
                    .count() as u64;
                assert_eq!(f["articles"].as_u64(), Some(carrying), "{q} {facet} {f}");
            }
        }
    }
}

/// A folder that cannot be listed for a moment is not gone: its articles
/// stay in the index and the folder is reported as failed. Needs a user
/// without root's override of permissions, so the commands run as `nobody`
/// through `setpriv` when the tests run as root.
#[test]
fn an_unlistable_folder_keeps_its_articles() {
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let have_setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok();
    if is_root && !have_setpriv {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[
            (
                "a/one.txt",
                "Title: One\n\nThe minister said tariffs would rise.",
            ),
            ("b/two.txt", "Title: Two\n\nThe bank said rates would fall."),
        ],
    );
    for p in [&corpus, &corpus.join("a"), &corpus.join("b")] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let idx = dir.path().join("index");
    let exe = assert_cmd::cargo::cargo_bin("econ-archive");
    let run = |args: &[&str]| {
        let mut c = if is_root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&exe);
            c
        } else {
            std::process::Command::new(&exe)
        };
        let out = c.args(args).env("NO_COLOR", "1").output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (c, i) = (corpus.to_str().unwrap(), idx.to_str().unwrap());
    let (code, out) = run(&["index", c, "--index", i]);
    assert_eq!(code, Some(0), "{out}");
    // Listable by nobody no more (search permission kept, as chmod 311).
    std::fs::set_permissions(corpus.join("b"), std::fs::Permissions::from_mode(0o311)).unwrap();
    let (code, out) = run(&["index", c, "--index", i]);
    std::fs::set_permissions(corpus.join("b"), std::fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("0 removed"), "{out}");
    assert!(out.contains("kept"), "{out}");
    let (code, out) = run(&["search", "*", "--index", i, "-n", "0"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("2 articles"), "{out}");
    // Listable again: nothing to do.
    let (_, out) = run(&["index", c, "--index", i]);
    assert!(out.contains("nothing changed"), "{out}");
}

/// What is not an article stays out, and says so: data-set documentation
/// (README*, LICENSE*) by default, paths in `.econ-archive-ignore` or
/// `--exclude`, and an index folder that sits inside the corpus.
#[test]
fn documentation_ignored_paths_and_index_folders_are_not_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[
            (
                "README.txt",
                "About this data set\n\nThese files were collected in 2020.",
            ),
            ("LICENSE", "Use for research only."),
            (
                "news/a.txt",
                "Title: Budget\n\nThe minister said the budget would balance.",
            ),
            (
                "news/b.txt",
                "Title: Rates\n\nThe bank said rates would fall.",
            ),
            ("drafts/c.txt", "Title: Draft\n\nNot for the archive."),
            ("lists/words.txt", "Title: Words\n\nalpha beta"),
            (".econ-archive-ignore", "drafts/\n*.report.json\n"),
        ],
    );
    // An index built inside the corpus folder must not be read as articles.
    let inner = corpus.join("index");
    index(&corpus, &inner);
    let (stdout, report, code) = index(&corpus, &inner);
    assert_eq!(code, 0, "{stdout}");
    let outcome = |p: &str| {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == p)
            .map(|f| f["reason"].as_str().unwrap_or("").to_string())
            .unwrap_or_else(|| panic!("{p} missing: {report}"))
    };
    assert!(outcome("README.txt").contains("excluded"));
    assert!(outcome("drafts").contains("excluded"));
    assert!(outcome("index").contains("search index"));
    assert_eq!(total(&search_json(&inner, &["*"]).0), 3);
    let other = dir.path().join("other");
    let out = index_command(&corpus, &other)
        .args(["--exclude", "lists/"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(total(&search_json(&other, &["*"]).0), 2);
}

/// `index FILE` reads that one file into the index of its folder and
/// leaves every other file's articles as they are.
#[test]
fn indexing_one_file_touches_only_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[
            ("a.txt", "Title: A\n\nThe bank said rates would rise."),
            ("b.txt", "Title: B\n\nThe minister said tariffs would stay."),
        ],
    );
    let idx = dir.path().join("index");
    index(&corpus, &idx);
    write_files(
        &corpus,
        &[("a.txt", "Title: A two\n\nThe bank said rates would fall.")],
    );
    let (stdout, report, code) = index(&corpus.join("a.txt"), &idx);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(report["articles_updated"], 1, "{report}");
    assert_eq!(report["articles_removed"], 0, "{report}");
    assert_eq!(total(&search_json(&idx, &["*"]).0), 2);
    assert_eq!(total(&search_json(&idx, &["title:two"]).0), 1);
    let (stdout, _, _) = index(&corpus, &idx);
    assert!(stdout.contains("nothing changed"), "{stdout}");
}

/// The articles of the hits of `search * --all`, as (id, path, title).
fn all_articles(index_dir: &std::path::Path) -> Vec<(String, String, String)> {
    let (v, _) = search_json(index_dir, &["*", "--all"]);
    let mut out: Vec<(String, String, String)> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("path"), s("title"))
        })
        .collect();
    out.sort();
    out
}

/// `index DIR1 DIR2 FILE`: one run, every path's files under its folder's
/// name (the same relative path in two folders does not clash), the summary
/// naming them all; the same paths again change nothing; a run naming
/// fewer folders keeps only what they hold, and says so; a run naming a
/// file updates that file where it was indexed and removes nothing.
#[test]
fn several_paths_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("alpha"),
        dir.path().join("beta"),
        dir.path().join("gamma"),
    );
    write_files(
        &a,
        &[
            ("x.txt", "Title: Alpha x\n\nThe bank said rates would rise."),
            (
                "sub/y.txt",
                "Title: Alpha y\n\nThe minister said tariffs would stay.",
            ),
        ],
    );
    write_files(
        &b,
        &[("x.txt", "Title: Beta x\n\nThe union said wages would rise.")],
    );
    write_files(
        &c,
        &[
            (
                "f.txt",
                "Title: Gamma f\n\nThe fund said growth would slow.",
            ),
            ("g.txt", "Title: Gamma g\n\nNot named, so not indexed."),
        ],
    );
    let idx = dir.path().join("index");
    let report_path = dir.path().join("report.json");
    let run = |paths: &[&std::path::Path]| {
        let mut cmd = bin();
        cmd.arg("index").args(paths).arg("--index").arg(&idx);
        cmd.arg("--report").arg(&report_path);
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
        (stdout, report)
    };
    let f = c.join("f.txt");
    let (out, report) = run(&[&a, &b, &f]);
    let first = out.lines().next().unwrap_or_default();
    for p in [&a, &b, &f] {
        assert!(first.contains(&p.display().to_string()), "{first}");
    }
    assert_eq!(
        report["roots"].as_array().map(Vec::len),
        Some(3),
        "{report}"
    );
    assert_eq!(report["articles"], 4, "{report}");
    let key = |id: &str, title: &str| (id.to_string(), id.to_string(), title.to_string());
    assert_eq!(
        all_articles(&idx),
        vec![
            key("alpha/sub/y.txt", "Alpha y"),
            key("alpha/x.txt", "Alpha x"),
            key("beta/x.txt", "Beta x"),
            key("gamma/f.txt", "Gamma f"),
        ]
    );

    // The same paths, in another order: nothing to do.
    let (out, report) = run(&[&f, &b, &a]);
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(report["articles"], 4, "{report}");
    assert!(
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["outcome"] == "unchanged"),
        "{report}"
    );

    // A named file inside an indexed folder is updated where it is.
    write_files(
        &a,
        &[(
            "sub/y.txt",
            "Title: Alpha y two\n\nThe minister said tariffs would go.",
        )],
    );
    let (_, report) = run(&[&a.join("sub/y.txt")]);
    assert_eq!(report["articles_updated"], 1, "{report}");
    assert_eq!(report["articles_removed"], 0, "{report}");
    assert_eq!(report["articles"], 4, "{report}");
    assert!(all_articles(&idx).contains(&key("alpha/sub/y.txt", "Alpha y two")));

    // Naming one folder: the index holds what it holds, as with one folder
    // before; the summary says why the others' files left.
    let (out, report) = run(&[&a]);
    assert_eq!(report["articles"], 2, "{report}");
    assert!(out.contains("the last run named other folders"), "{out}");
    assert_eq!(
        all_articles(&idx),
        vec![key("sub/y.txt", "Alpha y two"), key("x.txt", "Alpha x")]
    );
    // And that, again, is up to date.
    let (out, _) = run(&[&a]);
    assert!(out.contains("nothing changed"), "{out}");
    assert!(!out.contains("other folders"), "{out}");
}

/// Every path must exist: one missing path among several is a usage error
/// (exit 2) that names it, before any work (no index, no report).
#[test]
fn a_missing_path_among_several_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[("a.txt", "Title: A\n\nThe bank said rates would rise.")],
    );
    let out = bin()
        .arg("index")
        .arg(&corpus)
        .arg(dir.path().join("no-such-folder"))
        .arg("--index")
        .arg(dir.path().join("idx"))
        .arg("--report")
        .arg(dir.path().join("report.json"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no-such-folder") && err.contains("does not exist"),
        "{err}"
    );
    assert!(!err.contains("corpus does not exist"), "{err}");
    assert!(!dir.path().join("idx").exists());
    assert!(!dir.path().join("report.json").exists());
}

/// `index corpus/sub/a.txt` after `index corpus` updates `sub/a.txt`; it
/// does not add a second copy keyed `a.txt`. A named hidden file says why
/// it is not indexed.
#[test]
fn one_file_below_an_indexed_folder_is_updated_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_files(
        &corpus,
        &[
            ("a.txt", "Title: A\n\nThe bank said rates would rise."),
            (
                "sub/b.txt",
                "Title: B\n\nThe minister said tariffs would stay.",
            ),
            (".draft.txt", "Title: Draft\n\nNot for the archive."),
        ],
    );
    let idx = dir.path().join("index");
    index(&corpus, &idx);
    write_files(
        &corpus,
        &[(
            "sub/b.txt",
            "Title: B two\n\nThe minister said tariffs would go.",
        )],
    );
    let (stdout, report, code) = index(&corpus.join("sub/b.txt"), &idx);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(outcome_of(&report, "sub/b.txt"), "updated", "{report}");
    assert_eq!(report["articles"], 2, "{report}");
    assert_eq!(all_articles(&idx).len(), 2);
    let (stdout, report, _) = index(&corpus.join(".draft.txt"), &idx);
    assert_eq!(outcome_of(&report, ".draft.txt"), "skipped", "{report}");
    assert!(stdout.contains("hidden"), "{stdout}");
    let (stdout, _, _) = index(&corpus, &idx);
    assert!(stdout.contains("nothing changed"), "{stdout}");
    // A rebuild from a file alone would drop every other article: refused.
    let out = index_command(&corpus.join("a.txt"), &idx)
        .arg("--rebuild")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("rebuild"), "{err}");
    assert_eq!(all_articles(&idx).len(), 2);
}

/// A JSON-lines dump larger than one read piece (8 MB), changed in a few
/// records: the records whose lines are unchanged are passed over unparsed,
/// and the index ends up exactly as a fresh build of the changed file —
/// records with their own ids, repeated lines, an id used twice, and
/// records without an id (whose position ids move when a line is added
/// before them).
#[test]
fn a_large_dump_with_a_few_changed_records_equals_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let dump = corpus.join("dump.jsonl");
    let record = |i: usize, title: &str| {
        let filler =
            format!("Officials in port {i} said the tariff review on item {i} would take months. ")
                .repeat(12);
        if i.is_multiple_of(97) {
            // no id: known by its position
            format!(
                "{{\"title\": \"{title} {i}\", \"date\": \"2021-03-04\", \"body\": \"{filler}\"}}"
            )
        } else {
            format!("{{\"id\": \"r-{i}\", \"title\": \"{title} {i}\", \"date\": \"2021-03-04\", \"body\": \"{filler}\"}}")
        }
    };
    let mut lines: Vec<String> = (0..10_000).map(|i| record(i, "Port review")).collect();
    // the same line twice, and another record under an id already used
    lines.push(record(5, "Port review"));
    lines.push(record(7, "Another story"));
    let write = |lines: &[String]| std::fs::write(&dump, lines.join("\n") + "\n").unwrap();
    write(&lines);
    assert!(std::fs::metadata(&dump).unwrap().len() > 9 << 20);
    let updated = dir.path().join("updated");
    index(&corpus, &updated);
    // a few records edited, one removed, one added before all the others
    for i in [3, 970, 5_000] {
        lines[i] = record(i, "Port review revised");
    }
    lines.remove(8_000);
    lines.insert(0, record(20_000, "A new first record"));
    write(&lines);
    let (_, report, code) = index(&corpus, &updated);
    assert_eq!(code, 0, "{report}");
    let fresh = dir.path().join("fresh");
    index(&corpus, &fresh);
    let (a, b) = (all_articles(&updated), all_articles(&fresh));
    assert_eq!(a.len(), 10_002, "{report}");
    assert_eq!(a, b);
    // the repeated line and the reused id are both kept, apart
    assert!(
        a.iter().filter(|r| r.2 == "Port review 5").count() == 2,
        "{a:?}"
    );
    assert!(a.iter().any(|r| r.2 == "Another story 7"));
}
