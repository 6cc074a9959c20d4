//! Indexing a corpus folder: walk → read → enrich → write, incrementally.
//!
//! The index is the truth about what is archived; a manifest of file sizes
//! and modification times beside it is only a cache that lets an unchanged
//! file be recognised without reading it. A file whose size or time differs
//! is read and its articles are compared, by id and content hash, with the
//! ones the index holds for that file, so only new, changed and vanished
//! articles cost any work. Work is committed in batches; each commit is
//! atomic, and the manifest is written only after it, so a run that is
//! interrupted leaves the last committed state, and the next run picks up
//! from there.
//!
//! ```no_run
//! use econ_archive::ingest::{index_corpus, IngestOptions, Silent};
//! let report = index_corpus("corpus".as_ref(), "index".as_ref(), &IngestOptions::default(), &mut Silent)?;
//! println!("{} articles", report.articles);
//! # Ok::<(), econ_archive::ingest::IngestError>(())
//! ```

mod file;
mod manifest;
mod plan;
mod progress;
mod report;
mod roots;

pub use progress::{Progress, Silent};
pub use report::{FileReport, IngestError, IngestReport, Outcome};
pub use roots::Roots;

use crate::enrich::Enricher;
use crate::index::{EmbeddedIndex, IndexWriter};
use crate::read::{Corpus, ReadOptions};
use file::{ingest_file, Batch, FileOutcome, Shared};
use manifest::{FileState, Manifest};
use plan::{chunks_by_size, plan, ToRead};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How to run an indexing pass.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub read: ReadOptions,
    pub enricher: Enricher,
    /// Delete the index and build it anew.
    pub rebuild: bool,
    /// Commit after about this many new or changed articles.
    pub batch_articles: usize,
    /// Commit at least this often while there is pending work.
    pub batch_interval: Duration,
    /// Index writer memory budget in bytes (shared by its threads).
    pub writer_heap_bytes: usize,
    /// Indexing threads (0 = choose from the number of cores).
    pub writer_threads: usize,
    /// Set (by a signal handler) to stop the pass: no new file or piece is
    /// started, what was added is committed (a rebuild is abandoned, so the
    /// old index stays), and the report says it was interrupted.
    pub stop: Option<Arc<AtomicBool>>,
    /// Estimated Jaccard similarity of two bodies' shingles from which they
    /// are copies of one story (see [`crate::dups`]).
    pub dup_threshold: f64,
    /// No duplicate detection: every article is its own group.
    pub no_dups: bool,
}

impl IngestOptions {
    /// What the index's content depends on besides the records: the
    /// enricher and, unless it is the default, the duplicate threshold.
    /// Another fingerprint re-indexes every article.
    pub fn fingerprint(&self) -> u64 {
        let mut f = self.enricher.fingerprint();
        if self.no_dups {
            f ^= crate::dups::group_key("no duplicate detection");
        } else {
            // groups made by the rule before containment are made again
            f ^= crate::dups::group_key(
                "copies: jaccard, or near it or containment with the same figures",
            );
            if self.dup_threshold != crate::dups::DEFAULT_THRESHOLD {
                f ^= crate::dups::group_key(&format!("dup-threshold {}", self.dup_threshold));
            }
        }
        f
    }

    /// Has a stop been asked for?
    pub fn stopping(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            enricher: Enricher::default(),
            rebuild: false,
            batch_articles: 50_000,
            batch_interval: Duration::from_secs(30),
            writer_heap_bytes: 256 * 1024 * 1024,
            writer_threads: 0,
            stop: None,
            dup_threshold: crate::dups::DEFAULT_THRESHOLD,
            no_dups: false,
        }
    }
}

/// Files read together before the next commit check.
const CHUNK_BYTES: u64 = 64 << 20;

/// Indexes `corpus` (a folder, or one file) into the index at `index_dir`,
/// reporting progress to `progress`.
pub fn index_corpus(
    corpus: &Path,
    index_dir: &Path,
    opts: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<IngestReport, IngestError> {
    index_paths(&[corpus.to_path_buf()], index_dir, opts, progress)
}

/// Indexes several folders and files in one run (see [`Roots`] for how
/// their files are keyed and what a run removes).
pub fn index_paths(
    paths: &[std::path::PathBuf],
    index_dir: &Path,
    opts: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<IngestReport, IngestError> {
    let roots = Roots::resolve(paths, index_dir)?;
    index_roots(&roots, index_dir, opts, progress)
}

/// Indexes the resolved paths of a run ([`Roots::resolve`]).
pub fn index_roots(
    roots: &Roots,
    index_dir: &Path,
    opts: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<IngestReport, IngestError> {
    let started = Instant::now();
    roots.check_rebuild(opts.rebuild)?;
    let (index, replacing) = if opts.rebuild {
        EmbeddedIndex::open_for_rebuild(index_dir)?
    } else {
        (EmbeddedIndex::open_or_create(index_dir)?, false)
    };
    let mut writer = IndexWriter::open(&index, opts.writer_threads, opts.writer_heap_bytes)?;
    writer.set_dup_threshold(opts.dup_threshold);
    if opts.no_dups {
        writer.without_dups();
    }
    let mut notes = Vec::new();
    let mut manifest = if opts.rebuild {
        Manifest::default()
    } else {
        Manifest::load(index_dir)
    };
    if replacing {
        writer.replace_all()?;
    }
    // The manifest only says which files need no reading; if it does not
    // describe the index beside it, every file is read again (unchanged
    // articles are recognised by their hashes and not indexed again).
    let held = writer.committed_articles();
    if !manifest.files.is_empty() && manifest.index_articles != Some(held) {
        notes.push(format!(
            "the index holds {held} articles where its manifest recorded {}: reading every file again to restore what is missing",
            manifest
                .index_articles
                .map_or("an unknown number".to_string(), |n| n.to_string())
        ));
        manifest.files.clear();
    }
    // Another taxonomy, alias file or set of steps: every file must be read
    // again (the per-article hashes then re-index every article). Entries
    // are dropped now so that a run killed halfway resumes the same way.
    if manifest.enricher != opts.fingerprint() {
        manifest.files.clear();
        manifest.enricher = opts.fingerprint();
    }

    // The folders a run that names one walks are the index's from now on;
    // a run of files only adds the files' folders to those recorded.
    let recorded = roots.record();
    let previous_roots: Vec<String> = if roots.files_only() || manifest.roots == recorded {
        Vec::new()
    } else {
        manifest.roots.iter().map(|r| r.path.clone()).collect()
    };
    let roots_changed = manifest.roots != recorded;
    manifest.roots = recorded;

    let parts = roots
        .bases
        .iter()
        .map(|b| {
            let mut c = Corpus::walk(&b.dir, &opts.read);
            if let Some(only) = &b.only {
                c.keep_only(only);
            }
            (b.label.clone(), c)
        })
        .collect();
    let corpus_files = Corpus::merge(parts);
    let only = roots.only_keys();
    let plan = plan(&corpus_files, &mut manifest, &writer.view(), only.as_ref());
    let gone: HashSet<String> = plan.removed().map(|r| r.path.clone()).collect();
    for file in &gone {
        writer.delete_file(file);
    }
    let mut run = Run {
        writer: &mut writer,
        manifest,
        index_dir,
        replacing,
        progress,
        reports: Vec::new(),
        commits: 0,
        pending: !gone.is_empty() || roots_changed,
        pending_articles: 0,
        pending_manifest: Vec::new(),
        last_commit: Instant::now(),
    };
    run.reports = plan.settled;
    run.read_all(&corpus_files, &plan.to_read, &gone, opts)?;
    let interrupted = opts.stopping();
    if interrupted && replacing {
        // A rebuild stopped halfway is abandoned: its deletion of the old
        // articles is never committed.
        notes.push("interrupted: the rebuild was abandoned; the index is as it was".into());
    } else {
        run.finish()?;
    }
    let Run {
        mut reports,
        commits,
        manifest,
        ..
    } = run;
    writer.save_taxonomy(&opts.enricher.taxonomy().to_toml());
    let articles = writer.finish()?;

    // Per-file article counts after the run, and totals.
    for r in reports.iter_mut() {
        if matches!(r.outcome, Outcome::Added | Outcome::Updated) {
            r.articles = manifest.files.get(&r.path).map(|s| s.articles).unwrap_or(0);
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let sum = |f: fn(&FileReport) -> usize| reports.iter().map(f).sum::<usize>();
    let named: Vec<String> = roots
        .named()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    Ok(IngestReport {
        corpus: named.join(", "),
        roots: named,
        previous_roots,
        index: index_dir.display().to_string(),
        articles,
        articles_added: sum(|r| r.added),
        articles_updated: sum(|r| r.updated),
        articles_removed: sum(|r| r.removed),
        files: reports,
        commits,
        notes,
        interrupted,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The state of a pass between commits.
struct Run<'w, 'i, 'p> {
    writer: &'w mut IndexWriter<'i>,
    manifest: Manifest,
    index_dir: &'w Path,
    /// Every article is being replaced: one commit at the end, so the old
    /// index stays whole until the new one is.
    replacing: bool,
    progress: &'p mut dyn Progress,
    reports: Vec<FileReport>,
    commits: usize,
    /// Uncommitted changes to the index.
    pending: bool,
    /// Articles added, changed or removed since the last commit.
    pending_articles: usize,
    /// Manifest entries to record at the next commit.
    pending_manifest: Vec<(String, FileState)>,
    last_commit: Instant,
}

impl Run<'_, '_, '_> {
    /// Reads, compares, enriches and adds the files to read, a chunk of
    /// files at a time on all cores, committing between chunks when a batch
    /// is full or old enough.
    fn read_all(
        &mut self,
        corpus: &Corpus,
        to_read: &[ToRead],
        gone: &HashSet<String>,
        opts: &IngestOptions,
    ) -> Result<(), IngestError> {
        self.progress
            .reading(to_read.len(), to_read.iter().map(|t| t.file.size).sum());
        // As many files at once as the writer has threads, to keep them busy.
        let threads = self.writer.threads();
        let claimed_ids: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        let chunks = chunks_by_size(
            to_read,
            |t| t.file.size,
            threads,
            (threads * 8).max(16),
            CHUNK_BYTES,
        );
        let batch = Batch::new(opts.batch_articles, opts.batch_interval, !self.replacing);
        for chunk in chunks {
            if opts.stopping() {
                break;
            }
            let view = self.writer.view();
            let outcomes: Vec<FileOutcome> = {
                let writer = RwLock::new(&mut *self.writer);
                let shared = Shared {
                    corpus,
                    view: &view,
                    writer: &writer,
                    batch: &batch,
                    opts,
                    claimed_ids: &claimed_ids,
                    gone,
                    progress: &*self.progress,
                };
                chunk.par_iter().map(|t| ingest_file(t, &shared)).collect()
            };
            let inside = batch.commits.swap(0, std::sync::atomic::Ordering::Relaxed);
            if inside > 0 {
                self.commits += inside;
                self.last_commit = Instant::now();
            }
            if let Some(e) = batch.error.lock().ok().and_then(|mut e| e.take()) {
                return Err(e.into());
            }
            self.take(outcomes)?;
            if inside > 0 {
                // Only what came after the last commit inside a file is pending.
                self.pending_articles = batch
                    .since_commit
                    .load(std::sync::atomic::Ordering::Relaxed);
            }
            self.progress.read(chunk.len());
            if !self.replacing
                && (self.pending_articles >= opts.batch_articles
                    || self.last_commit.elapsed() >= opts.batch_interval)
            {
                self.commit(false)?;
                batch.committed();
            }
        }
        self.progress.done();
        Ok(())
    }

    /// Records what the files of a chunk did; deletes their vanished articles.
    fn take(&mut self, outcomes: Vec<FileOutcome>) -> Result<(), IngestError> {
        let mut add_error = None;
        for o in outcomes {
            if let Some(st) = o.state {
                self.pending_manifest.push((o.report.path.clone(), st));
            }
            for id in &o.vanished {
                self.writer.delete_article(id);
            }
            let r = &o.report;
            self.pending_articles += r.added + r.updated + r.removed;
            self.pending |= !o.vanished.is_empty() || r.added + r.updated > 0;
            add_error = add_error.or(o.add_error);
            self.reports.push(o.report);
        }
        self.pending |= !self.pending_manifest.is_empty();
        match add_error {
            Some(e) => Err(self.writer.refused(e).into()),
            None => Ok(()),
        }
    }

    /// Commits the pending work, then records the manifest entries it made
    /// durable.
    fn commit(&mut self, last: bool) -> Result<(), IngestError> {
        self.writer.commit()?;
        for (path, st) in self.pending_manifest.drain(..) {
            self.manifest.files.insert(path, st);
        }
        self.manifest.index_articles = Some(self.writer.committed_articles());
        // The manifest is a cache: if writing it fails, the next run re-reads
        // the files and finds their articles unchanged in the index.
        let _ = self.manifest.save(self.index_dir);
        self.commits += 1;
        self.progress
            .committed(self.reports.len(), self.pending_articles, last);
        self.pending_articles = 0;
        self.pending = false;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// The last commit, when there is anything left to commit — or when a
    /// fresh index has no commit yet (it cannot be opened without one).
    fn finish(&mut self) -> Result<(), IngestError> {
        let fresh = self.commits == 0
            && self.writer.never_committed()
            && !self.index_dir.join(crate::index::MANIFEST_FILE).exists();
        if self.pending || !self.pending_manifest.is_empty() || fresh || self.replacing {
            self.commit(true)?;
        }
        Ok(())
    }
}
