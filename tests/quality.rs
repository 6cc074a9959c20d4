//! Quality and coverage on the research corpora in ../shared (skipped, with
//! the reason printed, when that folder is absent — as on a user's machine).
//! These run the real binary and the project's scorers.

mod common;
use common::*;
use std::path::Path;
use std::process::Command as Std;

fn python() -> Option<&'static str> {
    Std::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

/// Runs `extract` on `input` into `out` (JSONL).
fn extract_to(input: &Path, out: &Path) {
    let res = bin()
        .arg("extract")
        .arg(input)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "extract {}: {}",
        input.display(),
        String::from_utf8_lossy(&res.stderr)
    );
}

/// The `key=value` figures of a scorer's last line.
fn figures(line: &str) -> Vec<(String, f64)> {
    line.split_whitespace()
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect()
}

fn figure(f: &[(String, f64)], key: &str) -> f64 {
    f.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| *v)
        .unwrap_or_else(|| panic!("no {key} in {f:?}"))
}

fn score(scorer: &Path, gold: &Path, pred: &Path) -> Vec<(String, f64)> {
    score_with::<&str>(scorer, gold, pred, &[])
}

/// `score` with more arguments for the scorer.
fn score_with<A: AsRef<std::ffi::OsStr>>(
    scorer: &Path,
    gold: &Path,
    pred: &Path,
    args: &[A],
) -> Vec<(String, f64)> {
    let out = Std::new(python().unwrap())
        .arg(scorer)
        .arg(gold)
        .arg(pred)
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    println!("{text}");
    figures(text.lines().last().unwrap_or(""))
}

#[test]
fn topics_on_reuters_train_meet_the_target() {
    let (Some(shared), Some(_)) = (shared(), python()) else {
        println!("skipped: ../shared or python3 is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let gold = shared.join("eval/topics/reuters-train.jsonl");
    let pred = dir.path().join("pred.jsonl");
    extract_to(&gold, &pred);
    let f = score(&shared.join("eval/score_topics.py"), &gold, &pred);
    assert!(figure(&f, "microF1") >= 0.85, "{f:?}");
    assert!(figure(&f, "macroF1") >= 0.75, "{f:?}");
}

/// Issue 20's bars on the 1987 wires: the Reuters-21578 ModApte test split
/// stays at micro-F1 ≥ 0.90 and macro-F1 ≥ 0.80 (0.934 / 0.831 measured) while
/// the taxonomy learns today's vocabulary.
#[test]
fn topics_on_reuters_modapte_test_hold() {
    let (Some(shared), Some(py)) = (shared(), python()) else {
        println!("skipped: ../shared or python3 is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let made = Std::new(py)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/topics/modapte_gold.py"))
        .arg(&shared)
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let pred = dir.path().join("pred.jsonl");
    extract_to(&gold, &pred);
    let f = score(&shared.join("eval/score_topics.py"), &gold, &pred);
    assert!(figure(&f, "microF1") >= 0.90, "{f:?}");
    assert!(figure(&f, "macroF1") >= 0.80, "{f:?}");
}

/// Issue 20's bars on modern news, asserted on the two hand-labelled PolNeAR
/// sets we can see (held-out articles labelled the same way judge the rest):
/// micro-F1 and macro-F1 over all 17 slugs at least 0.80 on each (0.818 / 0.832
/// on dev and 0.814 / 0.834 on train-econ measured; 0.387 / 0.278 and
/// 0.456 / 0.401 before passage terms).
#[test]
fn topics_on_modern_news_meet_the_target() {
    let (Some(shared), Some(_)) = (shared(), python()) else {
        println!("skipped: ../shared or python3 is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (split, gold) in [
        ("dev", "polnear-dev-topics.jsonl"),
        ("train", "polnear-train-econ-topics.jsonl"),
    ] {
        let pred = dir.path().join(format!("{split}.jsonl"));
        extract_to(&shared.join(format!("corpora/polnear/{split}/text")), &pred);
        let f = score_with(
            &shared.join("eval/score_topics.py"),
            &shared.join("eval/topics").join(gold),
            &pred,
            &["--all-slugs"],
        );
        assert!(figure(&f, "microF1") >= 0.80, "{split}: {f:?}");
        assert!(figure(&f, "macroF1") >= 0.80, "{split}: {f:?}");
    }
}

/// Issue 3's bar on the PolNeAR dev split: precision ≥ 0.90 and F1 ≥ 0.85.
#[test]
fn speakers_on_polnear_dev_meet_the_target() {
    let (Some(shared), Some(_)) = (shared(), python()) else {
        println!("skipped: ../shared or python3 is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    extract_to(&shared.join("corpora/polnear/dev/text"), &pred);
    let f = score(
        &shared.join("eval/score_speakers.py"),
        &shared.join("eval/speakers/polnear-dev.jsonl"),
        &pred,
    );
    assert!(figure(&f, "P") >= 0.90, "{f:?}");
    assert!(figure(&f, "F1") >= 0.85, "{f:?}");
}

/// Issue 20's quotes on the PolNeAR dev split (`score_quotes.py`: each
/// attributed statement found and given to the right person): the goal, P
/// 0.90, F1 0.80, speaker accuracy 0.90 (measured P 0.906, F1 0.811,
/// speaker accuracy 0.918).
#[test]
fn quotes_on_polnear_dev_hold_their_level() {
    let (Some(shared), Some(_)) = (shared(), python()) else {
        println!("skipped: ../shared or python3 is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let texts = shared.join("corpora/polnear/dev/text");
    extract_to(&texts, &pred);
    let f = score_with(
        &shared.join("eval/score_quotes.py"),
        &shared.join("eval/speakers/polnear-dev.jsonl"),
        &pred,
        &[Path::new("--texts"), &texts],
    );
    assert!(figure(&f, "P") >= 0.90, "{f:?}");
    assert!(figure(&f, "F1") >= 0.80, "{f:?}");
    assert!(figure(&f, "speaker_acc") >= 0.90, "{f:?}");
}
#[test]
fn seed_article_yields_exactly_its_speakers() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared is absent");
        return;
    };
    let out = bin()
        .arg("extract")
        .arg(shared.join("seeds/000_4a9a92788a53e803.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<String> = v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    got.sort();
    let mut want = vec![
        "Wilbur Ross",
        "Steven Mnuchin",
        "Wang Yang",
        "He Weiwen",
        "Xi Jinping",
        "Lu Zhengwei",
        "Donald Trump",
        "Anka Lee",
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn all_of_reuters_21578_is_ingested() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let (_, report, code) = index(&shared.join("corpora/reuters21578"), &idx);
    assert_eq!(code, 0, "{report}");
    let (v, _) = search_json(&idx, &["*", "--source", "reuters", "--limit", "0"]);
    assert_eq!(total(&v), 21_578);
    // Every file is accounted for: the 22 collection files, the DTD skipped.
    let files = report["files"].as_array().unwrap();
    let xml = files
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(".xml"))
        .count();
    assert_eq!(xml, 22);
    assert!(files.iter().all(|f| f["outcome"] != "failed"), "{report}");
}
