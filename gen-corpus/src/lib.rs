//! Deterministic benchmark corpus generator (`gen-corpus` binary).
//!
//! Every article is generated from `(seed, article index)` alone, so output is
//! byte-identical across runs and thread counts, and the same id carries the
//! same text in both layouts. Files are rendered in parallel (rayon) into
//! memory buffers of bounded size and written in order; the corpus itself is
//! never held in memory.

pub mod article;
pub mod people;
pub mod rng;
pub mod scale;
pub mod topics;
pub mod words;
pub mod write;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One output article.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub body: String,
    /// For a scaled copy made with `--reprints`: the id of the article it
    /// is a copy of (written as `original`; absent otherwise).
    pub original: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Jsonl,
    Mixed,
}

pub struct Options {
    pub articles: u64,
    pub out: PathBuf,
    pub seed: u64,
    pub layout: Layout,
    pub scale_from: Option<PathBuf>,
    /// With `scale_from`: perturb copies like reprints (see `scale`).
    pub reprints: bool,
    pub per_file: u64,
}

pub struct Summary {
    pub articles: u64,
    pub files: u64,
    pub bytes: u64,
    pub seconds: f64,
}

/// Articles per JSONL file in the `jsonl` layout unless told otherwise.
pub const DEFAULT_PER_FILE: u64 = 100_000;
/// Files per sub-folder in the `mixed` layout.
pub const FILES_PER_DIR: u64 = 1_000;

enum Generator {
    Synthetic(Box<article::Corpus>),
    Scaled(scale::Scaler),
}

impl Generator {
    fn record(&self, seed: u64, index: u64) -> Record {
        match self {
            Generator::Synthetic(c) => c.article(seed, index),
            Generator::Scaled(s) => s.article(seed, index),
        }
    }
}

pub fn run(opts: &Options) -> Result<Summary> {
    let t0 = Instant::now();
    if opts.articles == 0 {
        bail!("--articles must be at least 1");
    }
    if opts.per_file == 0 {
        bail!("--per-file must be at least 1");
    }
    prepare_dir(&opts.out)?;
    let gen = match &opts.scale_from {
        Some(p) => {
            let s = scale::Scaler::load(p)?.with_reprints(opts.reprints);
            eprintln!(
                "gen-corpus: scaling {} source articles from {} to {} articles",
                s.len(),
                p.display(),
                opts.articles
            );
            Generator::Scaled(s)
        }
        None => {
            let c = article::Corpus::new();
            eprintln!(
                "gen-corpus: {} articles, seed {}, vocabulary {} words, {} named people",
                opts.articles,
                opts.seed,
                c.words.vocabulary_size(),
                c.people.pool_size()
            );
            Generator::Synthetic(Box::new(c))
        }
    };
    let (files, bytes) = match opts.layout {
        Layout::Jsonl => write_jsonl_layout(opts, &gen)?,
        Layout::Mixed => write_mixed_layout(opts, &gen)?,
    };
    Ok(Summary {
        articles: opts.articles,
        files,
        bytes,
        seconds: t0.elapsed().as_secs_f64(),
    })
}

fn prepare_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output directory {}", dir.display()))?;
    if !dir.is_dir() {
        bail!("output path {} is not a directory", dir.display());
    }
    let probe = dir.join(".gen-corpus-write-test");
    std::fs::write(&probe, b"x")
        .with_context(|| format!("output directory {} is not writable", dir.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

/// Articles rendered per parallel task and per in-memory window.
const CHUNK: u64 = 256;
const WINDOW: u64 = CHUNK * 32;

fn write_jsonl_layout(opts: &Options, gen: &Generator) -> Result<(u64, u64)> {
    let n = opts.articles;
    let files = n.div_ceil(opts.per_file);
    let mut bytes = 0u64;
    for f in 0..files {
        let start = f * opts.per_file;
        let end = (start + opts.per_file).min(n);
        let path = opts.out.join(format!("articles-{f:04}.jsonl"));
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 22, file);
        let mut pos = start;
        while pos < end {
            let wend = (pos + WINDOW).min(end);
            let chunks: Vec<Vec<u8>> = (pos..wend)
                .step_by(CHUNK as usize)
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|cs| {
                    let ce = (cs + CHUNK).min(wend);
                    let mut buf = Vec::with_capacity((ce - cs) as usize * 4200);
                    for i in cs..ce {
                        write::jsonl_line(&gen.record(opts.seed, i), &mut buf);
                    }
                    buf
                })
                .collect();
            for c in &chunks {
                w.write_all(c)
                    .with_context(|| format!("writing {}", path.display()))?;
                bytes += c.len() as u64;
            }
            pos = wend;
        }
        w.flush()
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok((files, bytes))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Md,
    Html,
    Json,
    Csv,
    Jsonl,
}

impl Format {
    const ALL: [Format; 6] = [
        Format::Txt,
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Jsonl,
    ];
    fn ext(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
    /// Share of all articles stored in this format.
    fn article_share(self) -> f64 {
        match self {
            Format::Txt => 10.0,
            Format::Md => 8.0,
            Format::Html => 7.0,
            Format::Json => 15.0,
            Format::Csv => 20.0,
            Format::Jsonl => 40.0,
        }
    }
    /// Articles per file: (min, max).
    fn size(self) -> (u64, u64) {
        match self {
            Format::Txt | Format::Md | Format::Html => (1, 1),
            Format::Json => (40, 60),
            Format::Csv => (150, 250),
            Format::Jsonl => (800, 1200),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PlannedFile {
    pub index: u64,
    pub format: Format,
    pub start: u64,
    pub count: u64,
}

/// Deterministic assignment of articles to files for the mixed layout.
pub fn mixed_plan(seed: u64, articles: u64) -> Vec<PlannedFile> {
    let mut rng = rng::Rng::for_stream(seed, u64::MAX - 1);
    let weights: Vec<f64> = Format::ALL
        .iter()
        .map(|f| {
            let (lo, hi) = f.size();
            f.article_share() / ((lo + hi) as f64 / 2.0)
        })
        .collect();
    let mut plan = Vec::new();
    let mut start = 0;
    while start < articles {
        let format = Format::ALL[rng.weighted(&weights)];
        let (lo, hi) = format.size();
        let count = (rng.range(lo as i64, hi as i64) as u64).min(articles - start);
        plan.push(PlannedFile {
            index: plan.len() as u64,
            format,
            start,
            count,
        });
        start += count;
    }
    plan
}

fn mixed_path(root: &Path, pf: &PlannedFile, first_id: &str) -> PathBuf {
    let dir = root
        .join("mixed")
        .join(format!("{:04}", pf.index / FILES_PER_DIR));
    let name = if pf.count == 1 && matches!(pf.format, Format::Txt | Format::Md | Format::Html) {
        format!("{first_id}.{}", pf.format.ext())
    } else {
        format!("batch-{:07}.{}", pf.index, pf.format.ext())
    };
    dir.join(name)
}

fn write_mixed_layout(opts: &Options, gen: &Generator) -> Result<(u64, u64)> {
    let plan = mixed_plan(opts.seed, opts.articles);
    let dirs = (plan.len() as u64).div_ceil(FILES_PER_DIR);
    for d in 0..dirs {
        let dir = opts.out.join("mixed").join(format!("{d:04}"));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let sizes: Vec<u64> = plan
        .par_iter()
        .map(|pf| -> Result<u64> {
            let recs: Vec<Record> = (pf.start..pf.start + pf.count)
                .map(|i| gen.record(opts.seed, i))
                .collect();
            let mut buf = Vec::with_capacity(recs.len() * 4500);
            match pf.format {
                Format::Txt => recs.iter().for_each(|r| write::txt(r, &mut buf)),
                Format::Md => recs.iter().for_each(|r| write::markdown(r, &mut buf)),
                Format::Html => recs.iter().for_each(|r| write::html(r, &mut buf)),
                Format::Json => write::json_array(&recs, &mut buf),
                Format::Csv => write::csv(&recs, &mut buf)?,
                Format::Jsonl => recs.iter().for_each(|r| write::jsonl_line(r, &mut buf)),
            }
            let path = mixed_path(&opts.out, pf, &recs[0].id);
            std::fs::write(&path, &buf)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(buf.len() as u64)
        })
        .collect::<Result<Vec<u64>>>()?;
    Ok((plan.len() as u64, sizes.iter().sum()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_plan_covers_every_article_once() {
        let plan = mixed_plan(42, 50_000);
        let mut next = 0;
        for pf in &plan {
            assert_eq!(pf.start, next);
            assert!(pf.count >= 1);
            next += pf.count;
        }
        assert_eq!(next, 50_000);
        for f in Format::ALL {
            assert!(plan.iter().any(|p| p.format == f), "{f:?} missing");
        }
        let again = mixed_plan(42, 50_000);
        assert_eq!(plan.len(), again.len());
    }
}
