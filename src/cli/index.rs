//! `econ-archive index [PATH…] [--index DIR]`: build or update the archive.
//!
//! Walks each PATH (folders or files; default `corpus/`), reads every
//! supported file, adds dates, speakers and topics, and writes the index
//! (default `index/`). Re-running is incremental: unchanged files cost
//! nothing, changed files are re-read and only their changed articles
//! re-indexed, deleted files' articles are removed. Ends with a summary that
//! accounts for every file.

use crate::args::{EnrichArgs, IndexArg, DEFAULT_CORPUS};
use crate::exit::Exit;
use crate::progress::Drawn;
use anyhow::Context;
use econ_archive::cluster::{push, EngineConfig, PushOptions, PushProgress, PushReport};
use econ_archive::index::EmbeddedIndex;
use econ_archive::ingest::{self, IngestOptions, IngestReport, Outcome, Roots};
use econ_archive::text::one_line;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(clap::Args)]
#[command(
    about = "Index folders and files of articles (incrementally)",
    long_about = None,
    after_help = "\
What a run removes follows from the paths it names:
  * A run that names a folder makes the index hold exactly what the paths
    named hold: the articles of a file under none of them are removed (with
    one folder as with several: `index A` after `index A B` removes B's
    articles). Name every folder on every run.
  * A run that names only files reads those files and removes nothing else.
Files are keyed by their path inside their folder (`reut2-000.xml`); with
several folders, by the folder's name first (`reuters21578/reut2-000.xml`),
so the same path in two folders never clashes. Naming another set of folders
keys files anew: they are read again, and ids made from paths change (a
record's own id, like reuters-NEWID, stays)."
)]
pub struct Args {
    /// Folders or files of articles to index.
    #[arg(default_value = DEFAULT_CORPUS, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    #[command(flatten)]
    index: IndexArg,
    /// Write the per-file report as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Build the index anew from the corpus folders (not from files alone).
    /// The old articles are replaced in one commit at the end: until then
    /// (and if the run is stopped or killed) searches see the old index whole.
    #[arg(long)]
    rebuild: bool,
    #[command(flatten)]
    enrich: EnrichArgs,
    /// Commit after this many new or changed articles.
    #[arg(long, value_name = "N", default_value_t = 50_000)]
    batch: usize,
    /// Similarity (estimated Jaccard of the bodies' 5-word shingles, 0.5 to 1)
    /// from which two articles are copies of one story; a body that holds
    /// 90% (or J, if higher) of a shorter one's shingles, sharing half of
    /// all, is its copy too (not at 1: identical bodies only). Changing it
    /// re-indexes every article.
    #[arg(long, value_name = "J", default_value_t = econ_archive::dups::DEFAULT_THRESHOLD,
          value_parser = threshold)]
    dup_threshold: f64,
    /// No duplicate detection: every article is its own group (what
    /// --collapse and --dedup then change nothing). Changing it re-indexes
    /// every article.
    #[arg(long, conflicts_with = "dup_threshold")]
    no_dups: bool,
    /// Print a line per commit instead of a progress bar.
    #[arg(long)]
    progress_lines: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Primary shards of a new archive on the --engine cluster.
    #[arg(long, value_name = "N", default_value_t = 3, requires = "engine",
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    shards: u32,
    /// Copies of each shard on other nodes of the --engine cluster (1: the
    /// archive survives a lost node).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "engine")]
    replicas: u32,
}

/// `--dup-threshold`: a number from 0.5 to 1.
fn threshold(s: &str) -> Result<f64, String> {
    let t: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number: give a Jaccard similarity from 0.5 to 1"))?;
    econ_archive::dups::check_threshold(t).map_err(|e| e.to_string())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Signals stop the run cleanly from its first moment (one that came
    // while the taxonomy was being built used to kill the process).
    let stop = stop_on_signals();
    // Paths that do not exist are a usage error before anything is written.
    let roots = Roots::resolve(&args.corpus, &args.index.index)?;
    roots.check_rebuild(args.rebuild)?;
    // The report file is created next: a path that cannot be written is
    // an error before any work, not after it.
    let report_file = match &args.report {
        Some(path) => Some(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write the report to {}", path.display()))?,
        ),
        None => None,
    };
    args.enrich.apply_field_map()?;
    let folders: Vec<&Path> = roots.folders().collect();
    for folder in &folders {
        args.enrich.check_exclusions(folder)?;
    }
    let opts = IngestOptions {
        read: args.enrich.read_options(),
        enricher: args.enrich.enricher(&folders)?,
        rebuild: args.rebuild,
        batch_articles: args.batch.max(1),
        dup_threshold: args.dup_threshold,
        no_dups: args.no_dups,
        stop: Some(stop),
        ..IngestOptions::default()
    };
    let mut progress = Drawn::new(
        !args.quiet && !args.progress_lines && std::io::stderr().is_terminal(),
        args.progress_lines,
    );
    let report = ingest::index_roots(&roots, &args.index.index, &opts, &mut progress)?;
    if let (Some(file), Some(path)) = (report_file, &args.report) {
        serde_json::to_writer_pretty(std::io::BufWriter::new(file), &report)
            .with_context(|| format!("cannot write the report to {}", path.display()))?;
    }
    if !args.quiet {
        print_summary(&report, &mut std::io::stdout().lock())?;
    }
    if report.interrupted {
        eprintln!(
            "interrupted: {} articles are in the index; run `index` again to continue",
            report.articles
        );
        return Ok(Exit::Interrupted.into());
    }
    if let Some(config) = args.index.engine.config() {
        let opts = PushOptions {
            shards: args.shards,
            replicas: args.replicas,
            rebuild: args.rebuild,
            ..PushOptions::default()
        };
        let pushed = push_to_cluster(&args.index.index, &config, &opts, args.quiet)?;
        if pushed.refused_total > 0 {
            return Ok(Exit::SomeFilesFailed.into());
        }
    }
    Ok(if report.count(Outcome::Failed) > 0 {
        Exit::SomeFilesFailed
    } else {
        Exit::Ok
    }
    .into())
}

/// Makes the cluster hold the index folder's articles, saying what it sent.
fn push_to_cluster(
    index: &Path,
    config: &EngineConfig,
    opts: &PushOptions,
    quiet: bool,
) -> anyhow::Result<PushReport> {
    let local = EmbeddedIndex::open(index)?;
    let mut last_line = std::time::Instant::now();
    let mut progress = |p: PushProgress| {
        if quiet {
            return;
        }
        match p {
            PushProgress::Comparing { local } => {
                eprintln!("comparing {local} articles with the cluster's…")
            }
            PushProgress::Sending { sent, of } => {
                if sent == of || last_line.elapsed().as_secs() >= 2 {
                    eprintln!("sent {sent} of {of}");
                    last_line = std::time::Instant::now();
                }
            }
        }
    };
    let r = push(&local, config, opts, &mut progress)
        .with_context(|| format!("pushing to the search cluster at {}", config.url))?;
    if !quiet {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "cluster {} ({} as {}): {} articles — {} sent, {} deleted, {} unchanged in {:.2} s{}",
            config.url,
            r.index,
            config.name,
            r.articles,
            r.sent,
            r.deleted,
            r.unchanged,
            r.seconds,
            if r.switched {
                "; the alias now points at it"
            } else {
                ""
            }
        )?;
        if r.sent == 0 && r.deleted == 0 && !r.switched {
            writeln!(out, "nothing sent: the cluster is up to date")?;
        }
    }
    for (id, why) in &r.refused {
        eprintln!(
            "refused by the cluster: {}: {}",
            one_line(id),
            one_line(why)
        );
    }
    if r.refused_total > r.refused.len() {
        eprintln!("… and {} more refused", r.refused_total - r.refused.len());
    }
    Ok(r)
}

/// SIGINT, SIGTERM and SIGHUP ask the pass to stop: it commits what it has
/// added and reports. A second signal ends the process at once (what was
/// committed stays; tantivy commits are atomic).
fn stop_on_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let installed = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(Exit::Interrupted as i32);
        }
        eprintln!("\nstopping: committing what is indexed (a second signal stops at once)…");
    });
    if let Err(e) = installed {
        eprintln!("note: signals will stop indexing abruptly ({e})");
    }
    stop
}

fn print_summary(r: &IngestReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "indexed {} into {} in {:.2} s",
        r.corpus, r.index, r.seconds
    )?;
    writeln!(
        out,
        "files: {} — {} added, {} updated, {} unchanged, {} removed, {} skipped, {} failed",
        r.files.len(),
        r.count(Outcome::Added),
        r.count(Outcome::Updated),
        r.count(Outcome::Unchanged),
        r.count(Outcome::Removed),
        r.count(Outcome::Skipped),
        r.count(Outcome::Failed)
    )?;
    writeln!(
        out,
        "articles: {} in the index ({} added, {} updated, {} removed)",
        r.articles, r.articles_added, r.articles_updated, r.articles_removed
    )?;
    let removed = r.count(Outcome::Removed);
    if removed > 0 && !r.previous_roots.is_empty() {
        writeln!(
            out,
            "removed: {removed} files; the last run named other folders ({}): files are keyed anew, and what is under none of the paths named now leaves the index (name every folder each time; see --help)",
            one_line(&r.previous_roots.join(", "))
        )?;
    }
    for note in &r.notes {
        writeln!(out, "repaired: {}", one_line(note))?;
    }
    if r.is_noop() {
        writeln!(out, "nothing changed: the index is up to date")?;
    }
    for f in &r.files {
        if matches!(f.outcome, Outcome::Added | Outcome::Updated) {
            if let Some(reason) = &f.reason {
                writeln!(out, "{}: {}", one_line(&f.path), one_line(reason))?;
            }
        }
    }
    // Skipped and failed files grouped by reason, a few examples each, so
    // the summary stays readable with thousands of them (the full list is
    // in --report).
    for outcome in [Outcome::Failed, Outcome::Skipped] {
        // Reason with numbers masked → (the first file's reason, the files).
        let mut groups: std::collections::BTreeMap<String, (&str, Vec<&str>)> = Default::default();
        for f in r.files.iter().filter(|f| f.outcome == outcome) {
            let reason = f.reason.as_deref().unwrap_or("");
            // "too large (123 bytes; …)" and the like group by their words.
            let mut key = String::with_capacity(reason.len());
            for c in reason.chars() {
                if !c.is_ascii_digit() {
                    key.push(c);
                } else if !key.ends_with('N') {
                    key.push('N');
                }
            }
            groups
                .entry(key)
                .or_insert((reason, Vec::new()))
                .1
                .push(&f.path);
        }
        for (reason, paths) in groups.into_values() {
            let shown: Vec<String> = paths.iter().take(3).map(|p| one_line(p)).collect();
            let more = if paths.len() > 3 {
                format!(", … (+{} more; see --report)", paths.len() - 3)
            } else {
                String::new()
            };
            let files = if paths.len() == 1 { "file" } else { "files" };
            writeln!(
                out,
                "{}: {} {files}, {}: {}{more}",
                outcome.as_str(),
                paths.len(),
                one_line(reason),
                shown.join(", ")
            )?;
        }
    }
    let undated: usize = r.files.iter().map(|f| f.undated).sum();
    if undated > 0 {
        let unread: usize = r.files.iter().map(|f| f.unread_dates).sum();
        let example = r
            .files
            .iter()
            .flat_map(|f| &f.warnings)
            .find(|w| w.starts_with("date "))
            .map(|w| format!(", e.g. {}", one_line(w)))
            .unwrap_or_default();
        writeln!(
            out,
            "{undated} articles added without a date (they are left out of trends and date filters); {unread} had a date that could not be read{example}; see --report, --date-order"
        )?;
    }
    let clashes: usize = r
        .files
        .iter()
        .flat_map(|f| &f.warnings)
        .filter(|w| w.contains("is already used"))
        .count();
    if clashes > 0 {
        writeln!(
            out,
            "{clashes} articles brought ids that other articles already use: they were indexed under their file's path ids (the same collection in two formats? see --report)"
        )?;
    }
    let warned = r.files.iter().filter(|f| !f.warnings.is_empty()).count();
    if warned > 0 {
        writeln!(
            out,
            "{warned} files had warnings (see --report for details)"
        )?;
    }
    out.flush()
}
