//! gen-corpus — deterministic benchmark corpus generator for econ-archive.
//!
//! ```text
//! USAGE:
//!   gen-corpus --articles N --out DIR [--seed S] [--layout jsonl|mixed]
//!              [--scale-from PATH] [--per-file K] [--threads T]
//!
//! FLAGS:
//!   --articles N       Number of articles to write (required, >= 1).
//!   --out DIR          Output directory; created if missing. Files with the same
//!                      names are overwritten, other files are left alone.
//!   --seed S           PRNG seed (default 42). Same N + seed (+ layout) always
//!                      gives byte-identical output, whatever the thread count.
//!   --layout L         jsonl (default): DIR/articles-0000.jsonl, -0001, ... with
//!                      100,000 articles per file (--per-file), one JSON object per
//!                      line: id, title, date, source, author, url, tags, body
//!                      (paragraphs separated by "\n\n"; author may be null).
//!                      mixed: the same articles spread over .txt (header block),
//!                      .md (YAML front matter), .html, .json (array of ~50),
//!                      .csv (~200 rows) and .jsonl (~1000 lines) files in
//!                      DIR/mixed/0000/, 0001/, ... (at most 1,000 files each).
//!   --scale-from PATH  Instead of synthetic text, cycle over the real articles
//!                      of a JSONL file (fields body, and optionally title, date,
//!                      id, source, author, url, tags), read at run time. Copy 0 is
//!                      verbatim; later copies get dates shifted by whole years and
//!                      a few words swapped. Ids: scaled-<copy>-<original id>.
//!   --reprints         With --scale-from: perturb later copies the way papers
//!                      reprint a wire story instead (another headline,
//!                      paragraphs reordered, the last one or a sentence cut, a
//!                      word or figure edited, a credit line added), and write
//!                      each copy's source id as "original".
//!   --per-file K       Articles per file in the jsonl layout (default
//!                      100,000; N for one file).
//!   --threads T        Worker threads (default: all cores).
//!   -h, --help         Print help.
//!
//! Synthetic articles: 1985–2025 (recent years denser), 12 invented outlets,
//! invented officials and economists quoted the ways wire copy quotes people,
//! 17 economic-policy topics, Zipf-distributed vocabulary of ~30k words,
//! 300–800 words per article. Prints articles, files, bytes and seconds.
//! ```

use anyhow::Result;
use clap::{Parser, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LayoutArg {
    /// DIR/articles-NNNN.jsonl, 100,000 articles per file unless --per-file says otherwise.
    Jsonl,
    /// txt/md/html/json/csv/jsonl files under DIR/mixed/NNNN/.
    Mixed,
}

/// Deterministic generator of realistic economic-policy news articles for benchmarks.
#[derive(Parser, Debug)]
#[command(
    name = "gen-corpus",
    version,
    about = "Deterministic generator of realistic economic-policy news articles for benchmarks",
    long_about = None
)]
struct Args {
    /// Number of articles to write (>= 1).
    #[arg(long, value_name = "N")]
    articles: u64,
    /// Output directory (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// PRNG seed; the same N and seed always give byte-identical output.
    #[arg(long, value_name = "S", default_value_t = 42)]
    seed: u64,
    /// Output layout.
    #[arg(long, value_enum, default_value = "jsonl")]
    layout: LayoutArg,
    /// Cycle over real articles from this JSONL file (title/body/date) instead of synthetic text.
    #[arg(long, value_name = "PATH")]
    scale_from: Option<PathBuf>,
    /// With --scale-from: copies perturbed like reprints, each recording its "original".
    #[arg(long, requires = "scale_from")]
    reprints: bool,
    /// Articles per file in the jsonl layout (at least 1; N for one file).
    #[arg(long, value_name = "K", default_value_t = gencorpus::DEFAULT_PER_FILE)]
    per_file: u64,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "T")]
    threads: Option<usize>,
}

fn main() {
    let args = Args::parse();
    // Print errors as one clean chain (no backtrace even if RUST_BACKTRACE is set).
    if let Err(e) = run(args) {
        eprintln!("gen-corpus: error: {e:#}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<()> {
    if let Some(t) = args.threads {
        if t == 0 {
            anyhow::bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {t} threads: {e}"))?;
    }
    let opts = gencorpus::Options {
        articles: args.articles,
        out: args.out,
        seed: args.seed,
        layout: match args.layout {
            LayoutArg::Jsonl => gencorpus::Layout::Jsonl,
            LayoutArg::Mixed => gencorpus::Layout::Mixed,
        },
        scale_from: args.scale_from,
        reprints: args.reprints,
        per_file: args.per_file,
    };
    let s = gencorpus::run(&opts)?;
    println!(
        "articles written: {}\nfiles: {}\nbytes: {} ({:.1} MiB)\nseconds: {:.2}",
        s.articles,
        s.files,
        s.bytes,
        s.bytes as f64 / (1024.0 * 1024.0),
        s.seconds
    );
    Ok(())
}
