//! `--scale-from`: cycle over real articles read at run time from a JSONL file,
//! perturbing every copy after the first (dates shifted by whole years, a few
//! words swapped), so benchmarks can run on real text statistics at any size.
//!
//! With `--reprints` the copies are perturbed the way papers reprint a wire
//! story instead of by swapped words (see [`reprint`]), and each records the
//! id of its source article as `original`, so a duplicate detector's
//! grouping can be scored pair by pair.

use super::rng::Rng;
use super::Record;
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use std::io::BufRead;
use std::path::Path;

pub struct SourceArticle {
    id: String,
    title: String,
    date: Option<NaiveDateTime>,
    raw_date: Option<String>,
    source: Option<String>,
    author: Option<String>,
    url: Option<String>,
    tags: Vec<String>,
    body: String,
}

pub struct Scaler {
    items: Vec<SourceArticle>,
    default_source: String,
    reprints: bool,
}

fn str_field(v: &serde_json::Value, k: &str) -> Option<String> {
    match v.get(k)? {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_date(s: &str) -> Option<NaiveDateTime> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_utc());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

impl Scaler {
    /// Reads every line with a non-empty `body` (and optional `title`, `date`,
    /// `id`, `source`, `author`, `url`, `tags`).
    pub fn load(path: &Path) -> Result<Scaler> {
        let f = std::fs::File::open(path)
            .with_context(|| format!("--scale-from: cannot open {}", path.display()))?;
        let mut items = Vec::new();
        for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line =
                line.with_context(|| format!("reading {} line {}", path.display(), n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line).with_context(|| {
                format!(
                    "--scale-from: {} line {} is not JSON",
                    path.display(),
                    n + 1
                )
            })?;
            let Some(body) = str_field(&v, "body") else {
                continue;
            };
            let raw_date = str_field(&v, "date");
            let tags = match v.get("tags") {
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|t| t.as_str().map(String::from))
                    .collect(),
                _ => Vec::new(),
            };
            items.push(SourceArticle {
                id: str_field(&v, "id").unwrap_or_else(|| format!("line{}", n + 1)),
                title: str_field(&v, "title").unwrap_or_default(),
                date: raw_date.as_deref().and_then(parse_date),
                raw_date,
                source: str_field(&v, "source"),
                author: str_field(&v, "author"),
                url: str_field(&v, "url"),
                tags,
                body,
            });
        }
        if items.is_empty() {
            bail!(
                "--scale-from: {} has no JSON lines with a non-empty \"body\" field",
                path.display()
            );
        }
        let default_source = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scaled".into());
        Ok(Scaler {
            items,
            default_source,
            reprints: false,
        })
    }

    /// Copies perturbed like reprints (`--reprints`).
    pub fn with_reprints(mut self, reprints: bool) -> Scaler {
        self.reprints = reprints;
        self
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Output article `index`: copy `index / len` of source article `index % len`.
    pub fn article(&self, seed: u64, index: u64) -> Record {
        let n = self.items.len() as u64;
        let copy = index / n;
        let src = &self.items[(index % n) as usize];
        let mut rng = Rng::for_stream(seed ^ 0x5CA1_E000_0000_0000, index);
        let mut title = src.title.clone();
        let (date, body) = if copy == 0 {
            (
                src.date
                    .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .or_else(|| src.raw_date.clone()),
                src.body.clone(),
            )
        } else {
            let mut shift = rng.range(-12, 12) as i32;
            if shift == 0 {
                shift = 1 + copy as i32 % 5;
            }
            let date = src
                .date
                .map(|d| {
                    shift_years(d, shift)
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string()
                })
                .or_else(|| src.raw_date.clone());
            if self.reprints {
                let (t, b) = reprint(&src.title, &src.body, &mut rng);
                title = t;
                (date, b)
            } else {
                let swaps = 1 + rng.below(4);
                (date, swap_words(&src.body, swaps, &mut rng))
            }
        };
        Record {
            id: format!("scaled-{copy}-{}", src.id),
            original: self.reprints.then(|| src.id.clone()),
            title,
            date,
            source: Some(
                src.source
                    .clone()
                    .unwrap_or_else(|| self.default_source.clone()),
            ),
            author: src.author.clone(),
            url: src.url.clone(),
            tags: src.tags.clone(),
            body,
        }
    }
}

fn shift_years(d: NaiveDateTime, years: i32) -> NaiveDateTime {
    let y = d.year() + years;
    let date = NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(d.date());
    date.and_time(d.time())
}

/// A reprint of a story, as papers print wire copy: each of these with its
/// chance —
///
/// * another headline (70%): a wire tag before it (`UPDATE 1-`,
///   `CORRECTED-`, `RPT-`), its first words only, or a desk's suffix;
/// * two prose paragraphs (ending a sentence; not a table's lines) between
///   the first and the last swapped (30%);
/// * the last paragraph cut (30%), when it holds at most 15% of the words
///   (a sign-off, a closing background paragraph);
/// * one sentence cut (20%), when it holds at most 10% of the words;
/// * in a story of 60 words or more, 0, 1 or 2 words edited (50%, 35%,
///   15%), at most one per 100 words: a figure changed, or a word replaced
///   by another of the story's words (a short item — a dividend, a results
///   table — is reprinted as it came: another figure there is another item);
/// * a credit line added at the end (30%).
///
/// Paragraphs are the body's blank-line or indented-line blocks, joined
/// again the way the body joins them.
pub fn reprint(title: &str, body: &str, rng: &mut Rng) -> (String, String) {
    let title = if rng.chance(0.7) {
        match rng.below(3) {
            0 => format!(
                "{}{title}",
                *rng.pick(&["UPDATE 1-", "UPDATE 2-", "CORRECTED-", "RPT-", "REFILE-"])
            ),
            1 => {
                let words: Vec<&str> = title.split_whitespace().collect();
                let keep = (words.len() * 2).div_ceil(3).max(1).min(words.len());
                words[..keep].join(" ")
            }
            _ => format!(
                "{title}{}",
                *rng.pick(&[" - sources", " - paper", " (REUTERS)", " -- analysts"])
            ),
        }
    } else {
        title.to_string()
    };
    let mut paras = paragraphs(body);
    let words = |s: &str| s.split_whitespace().count();
    let total = words(body).max(1);
    // prose paragraphs, which end a sentence (the lines of a table do not)
    let prose = |p: &str| p.trim_end().ends_with(['.', '!', '?', '"']);
    if paras.len() >= 4 && rng.chance(0.3) {
        let a = 1 + rng.below(paras.len() - 2);
        let b = 1 + rng.below(paras.len() - 2);
        if prose(&paras[a]) && prose(&paras[b]) {
            paras.swap(a, b);
        }
    }
    if paras.len() >= 4 && rng.chance(0.3) {
        let last = paras.len() - 1;
        if words(&paras[last]) * 100 <= total * 15 {
            paras.remove(last);
        }
    }
    if rng.chance(0.2) {
        cut_sentence(&mut paras, total, rng);
    }
    let edits = match rng.f64() {
        x if x < 0.5 => 0,
        x if x < 0.85 => 1,
        _ => 2,
    }
    .min(if total >= 60 { (total / 100).max(1) } else { 0 });
    let joint = if body.contains("\n\n") {
        "\n\n"
    } else {
        "\n    "
    };
    let mut out = paras.join(joint);
    for _ in 0..edits {
        out = edit_word(&out, rng);
    }
    if rng.chance(0.3) {
        const CREDITS: [&str; 3] = [
            "\n\n(Reporting by staff; Editing by the desk)",
            "\n\n(Compiled by our markets team)",
            "\n\nCopyright wire service; reprinted by permission.",
        ];
        let credit: &&str = rng.pick(&CREDITS);
        out.push_str(credit);
    }
    (title, out)
}

/// The paragraphs of a body: blocks separated by blank lines or started by
/// an indented line (Reuters-21578 indents its paragraphs).
fn paragraphs(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in body.lines() {
        let starts = line.trim().is_empty() || line.starts_with([' ', '\t']);
        if starts && !cur.trim().is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if line.trim().is_empty() {
            continue;
        }
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(line.trim());
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// Cuts one sentence (not of the first paragraph) holding at most 10% of
/// the words.
fn cut_sentence(paras: &mut [String], total: usize, rng: &mut Rng) {
    if paras.len() < 2 {
        return;
    }
    let p = 1 + rng.below(paras.len() - 1);
    let text = &paras[p];
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i + 1)
        .collect();
    if ends.len() < 2 {
        return;
    }
    let k = rng.below(ends.len());
    let start = if k == 0 { 0 } else { ends[k - 1] };
    let sentence = &text[start..ends[k]];
    if sentence.split_whitespace().count() * 100 > total * 10 {
        return;
    }
    let cut = format!("{}{}", &text[..start], &text[ends[k]..]);
    paras[p] = cut.trim().to_string();
}

/// Edits one word: a figure gets another last digit, else a word of
/// letters becomes another word of the body.
fn edit_word(body: &str, rng: &mut Rng) -> String {
    let spans = word_spans(body, |c| c.is_alphanumeric());
    if spans.len() < 2 {
        return body.to_string();
    }
    let (s, e) = spans[rng.below(spans.len())];
    let word = &body[s..e];
    let new = if word.chars().all(|c| c.is_ascii_digit()) {
        let last = word.as_bytes()[word.len() - 1] - b'0';
        format!(
            "{}{}",
            &word[..word.len() - 1],
            (last + 1 + rng.below(8) as u8) % 10
        )
    } else {
        let (os, oe) = spans[rng.below(spans.len())];
        body[os..oe].to_string()
    };
    format!("{}{new}{}", &body[..s], &body[e..])
}

/// Byte spans of the runs of characters `is_word` accepts.
fn word_spans(body: &str, is_word: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, ch) in body.char_indices() {
        if is_word(ch) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, body.len()));
    }
    spans
}

/// Swaps `swaps` random pairs of alphabetic words, keeping all other bytes.
fn swap_words(body: &str, swaps: usize, rng: &mut Rng) -> String {
    let spans = word_spans(body, char::is_alphabetic);
    if spans.len() < 2 {
        return body.to_string();
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    for _ in 0..swaps {
        let a = rng.below(spans.len());
        let b = rng.below(spans.len());
        order.swap(a, b);
    }
    let mut out = String::with_capacity(body.len());
    let mut pos = 0;
    for (k, &(s, e)) in spans.iter().enumerate() {
        out.push_str(&body[pos..s]);
        let (rs, re) = spans[order[k]];
        out.push_str(&body[rs..re]);
        pos = e;
    }
    out.push_str(&body[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_keeps_words_and_is_seeded() {
        let body = "Oil prices rose sharply, traders said on Monday.";
        let a = swap_words(body, 3, &mut Rng::new(1));
        let b = swap_words(body, 3, &mut Rng::new(1));
        assert_eq!(a, b);
        let mut w1: Vec<&str> = body.split(|c: char| !c.is_alphabetic()).collect();
        let mut w2: Vec<&str> = a.split(|c: char| !c.is_alphabetic()).collect();
        w1.sort();
        w2.sort();
        assert_eq!(w1, w2);
    }

    #[test]
    fn reprints_keep_most_of_the_story_and_are_seeded() {
        let body = "Oil prices rose sharply on Monday, traders said.\n    \
                    Supply was tight after the storm hit 3 refineries.\n    \
                    The ministry said output would recover within a month. It gave no figures.\n    \
                    Analysts expect prices to ease later this year.";
        let a = reprint("OIL RISES", body, &mut Rng::new(7));
        assert_eq!(a, reprint("OIL RISES", body, &mut Rng::new(7)));
        for seed in 0..50 {
            let (_, b) = reprint("OIL RISES", body, &mut Rng::new(seed));
            assert!(b.split_whitespace().count() >= 25, "{b}");
        }
        assert_eq!(paragraphs(body).len(), 4);
    }

    #[test]
    fn dates_shift_by_whole_years() {
        let d = parse_date("1988-02-29T15:01:01.790").unwrap();
        assert_eq!(shift_years(d, 1).to_string(), "1989-02-28 15:01:01.790");
        assert_eq!(parse_date("2003-05-17T09:30:00Z").unwrap().year(), 2003);
        assert_eq!(parse_date("2003-05-17").unwrap().month(), 5);
    }
}
