//! `--scale-from`: cycle over real articles read at run time from a JSONL file,
//! perturbing every copy after the first (dates shifted by whole years, a few
//! words swapped), so benchmarks can run on real text statistics at any size.

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
        })
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
            let swaps = 1 + rng.below(4);
            (date, swap_words(&src.body, swaps, &mut rng))
        };
        Record {
            id: format!("scaled-{copy}-{}", src.id),
            title: src.title.clone(),
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

/// Swaps `swaps` random pairs of alphabetic words, keeping all other bytes.
fn swap_words(body: &str, swaps: usize, rng: &mut Rng) -> String {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, ch) in body.char_indices() {
        if ch.is_alphabetic() {
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
    fn dates_shift_by_whole_years() {
        let d = parse_date("1988-02-29T15:01:01.790").unwrap();
        assert_eq!(shift_years(d, 1).to_string(), "1989-02-28 15:01:01.790");
        assert_eq!(parse_date("2003-05-17T09:30:00Z").unwrap().year(), 2003);
        assert_eq!(parse_date("2003-05-17").unwrap().month(), 5);
    }
}
