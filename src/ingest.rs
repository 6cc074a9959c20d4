//! Indexing a corpus folder: walk → read → enrich → write, incrementally.
//!
//! The tantivy index is the truth about what is archived; a manifest of file
//! sizes and modification times beside it is only a cache that lets an
//! unchanged file be recognised without reading it. A file whose size or time
//! differs is read and its articles are compared, by id and content hash, with
//! the ones the index holds for that file, so only new, changed and vanished
//! articles cost any work. Work is committed in batches; each commit is atomic,
//! and the manifest is written only after it, so a run that is interrupted
//! leaves the last committed state, and the next run picks up from there.

use crate::article::Article;
use crate::enrich::Enricher;
use crate::read::{self, ReadError, ReadOptions};
use crate::schema::Fields;
use crate::store::{Archive, StoreError};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

/// File beside the index caching each indexed file's size, time and hash.
pub const MANIFEST_FILE: &str = "econ-archive-manifest.json";

/// File in the index directory naming the process that is writing it.
pub const PID_FILE: &str = "econ-archive.pid";

struct PidFile(PathBuf);

impl PidFile {
    fn create(dir: &Path) -> Option<PidFile> {
        let p = dir.join(PID_FILE);
        std::fs::write(&p, std::process::id().to_string()).ok()?;
        Some(PidFile(p))
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

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
    /// tantivy writer memory budget in bytes (shared by its threads).
    pub writer_heap_bytes: usize,
    /// tantivy indexing threads (0 = choose from the number of cores).
    pub writer_threads: usize,
    /// Show a progress bar (only makes sense on a terminal).
    pub progress_bar: bool,
    /// Print one line per commit on stderr (for logs and tests).
    pub progress_lines: bool,
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
            progress_bar: false,
            progress_lines: false,
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
    Removed,
    Skipped,
    Failed,
}

impl Outcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Removed => "removed",
            Outcome::Skipped => "skipped",
            Outcome::Failed => "failed",
        }
    }
}

/// The per-file line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub outcome: Outcome,
    /// Articles the index holds for this file after the run.
    pub articles: usize,
    /// Articles added, changed and removed by this run.
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl FileReport {
    fn new(path: &str, outcome: Outcome) -> FileReport {
        FileReport {
            path: path.to_string(),
            outcome,
            articles: 0,
            added: 0,
            updated: 0,
            removed: 0,
            reason: None,
            warnings: Vec::new(),
        }
    }

    fn because(mut self, reason: impl Into<String>) -> FileReport {
        self.reason = Some(reason.into());
        self
    }
}

/// The result of an indexing pass.
#[derive(Debug, Serialize)]
pub struct IngestReport {
    pub corpus: String,
    pub index: String,
    pub files: Vec<FileReport>,
    /// Articles in the index after the run.
    pub articles: u64,
    pub articles_added: usize,
    pub articles_updated: usize,
    pub articles_removed: usize,
    pub commits: usize,
    pub seconds: f64,
}

impl IngestReport {
    /// Number of files with the given outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.files.iter().filter(|f| f.outcome == outcome).count()
    }

    /// True when the run changed nothing in the index.
    pub fn is_noop(&self) -> bool {
        self.articles_added + self.articles_updated + self.articles_removed == 0
    }
}

/// Why an indexing pass could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("corpus folder {0} does not exist or is not a folder")]
    NoCorpus(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "index at {path} is being written by another process{pid}; try again when it has finished"
    )]
    Locked { path: String, pid: String },
    #[error("index at {path}: {source}")]
    Tantivy {
        path: String,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error(
        "index at {path} cannot be written ({why}); it keeps its last committed state. \
         Free space or fix the folder's permissions and run `index` again"
    )]
    NotWritable { path: String, why: &'static str },
}

/// Why `dir` refuses new files, if it does. The probe holds a block of data,
/// so a full disk refuses it as it refused the index's own writes.
fn unwritable(dir: &Path) -> Option<&'static str> {
    let probe = dir.join(".econ-archive-write-probe");
    let res = std::fs::write(&probe, [0u8; 4096]);
    let _ = std::fs::remove_file(&probe);
    Some(match res.err()?.kind() {
        std::io::ErrorKind::StorageFull => "the disk is full",
        std::io::ErrorKind::ReadOnlyFilesystem => "read-only file system",
        std::io::ErrorKind::PermissionDenied => "permission denied",
        _ => "new files cannot be created in it",
    })
}

impl IngestError {
    /// A failed write told plainly when the file system refused it: tantivy's
    /// own error names temporary files the user never sees, and a writer
    /// thread that died on a refused write only says it died.
    fn from_tantivy(dir: &Path, source: tantivy::TantivyError) -> IngestError {
        let path = dir.display().to_string();
        match unwritable(dir) {
            Some(why) => IngestError::NotWritable { path, why },
            None => IngestError::Tantivy { path, source },
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
struct FileState {
    size: u64,
    mtime_ns: i128,
    /// blake3 of the file's bytes (hex), with the sidecar's hash when one applies.
    hash: String,
    articles: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// The enricher that produced the index ([`Enricher::fingerprint`]).
    #[serde(default)]
    enricher: u64,
    files: BTreeMap<String, FileState>,
}

impl Manifest {
    fn load(dir: &Path) -> Manifest {
        std::fs::read(dir.join(MANIFEST_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        std::fs::write(
            &tmp,
            serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, dir.join(MANIFEST_FILE))
    }
}

/// A file found by the walk.
#[derive(Debug, Clone)]
struct Walked {
    abs: PathBuf,
    rel: String,
    size: u64,
    mtime_ns: i128,
}

/// Indexes `corpus` into the archive at `index_dir`.
pub fn index_corpus(
    corpus: &Path,
    index_dir: &Path,
    opts: &IngestOptions,
) -> Result<IngestReport, IngestError> {
    let started = Instant::now();
    if !corpus.is_dir() {
        return Err(IngestError::NoCorpus(corpus.display().to_string()));
    }
    let archive = Archive::open_or_create(index_dir, opts.rebuild)?;
    let path_s = index_dir.display().to_string();
    let tantivy_err = |source| IngestError::from_tantivy(index_dir, source);
    let threads = if opts.writer_threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .clamp(1, 4)
    } else {
        opts.writer_threads
    };
    let heap = opts.writer_heap_bytes.max(threads * 16 * 1024 * 1024);
    let mut writer: IndexWriter<TantivyDocument> =
        match archive.index.writer_with_num_threads(threads, heap) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                let pid = std::fs::read_to_string(index_dir.join(PID_FILE))
                    .ok()
                    .map(|p| format!(" (pid {})", p.trim()))
                    .unwrap_or_default();
                return Err(IngestError::Locked {
                    path: path_s.clone(),
                    pid,
                });
            }
            Err(e) => return Err(tantivy_err(e)),
        };
    // Tell a second writer who holds the lock; removed when this run ends.
    let _pid_file = PidFile::create(index_dir);
    let reader = archive
        .index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(tantivy_err)?;
    let mut manifest = if opts.rebuild {
        Manifest::default()
    } else {
        Manifest::load(index_dir)
    };
    // Another taxonomy, alias file or set of steps: every file must be read
    // again (the per-article hashes then re-index every article). Entries
    // are dropped now so that a run killed halfway resumes the same way.
    if manifest.enricher != opts.enricher.fingerprint() {
        manifest.files.clear();
        manifest.enricher = opts.enricher.fingerprint();
    }

    // 1. Walk.
    let (walked, mut reports) = walk(corpus);
    let sidecars = load_sidecars(&walked);

    // 2. Sort out what needs reading.
    let mut todo: Vec<(Walked, String)> = Vec::new();
    for w in walked {
        if sidecars.contains_key(&parent_of(&w.rel)) && is_sidecar_name(&w.rel) {
            reports.push(FileReport::new(&w.rel, Outcome::Skipped).because("metadata sidecar"));
            continue;
        }
        if read::format_of(&w.abs).is_none() {
            reports
                .push(FileReport::new(&w.rel, Outcome::Skipped).because("unsupported file type"));
            continue;
        }
        let sidecar_hash = sidecar_for(&sidecars, &w.rel)
            .map(|s| s.hash.clone())
            .unwrap_or_default();
        match manifest.files.get(&w.rel) {
            Some(st)
                if st.size == w.size
                    && st.mtime_ns == w.mtime_ns
                    && st.hash.ends_with(&sidecar_hash) =>
            {
                let mut r = FileReport::new(&w.rel, Outcome::Unchanged);
                r.articles = st.articles;
                reports.push(r);
            }
            _ => todo.push((w, sidecar_hash)),
        }
    }

    // 3. Files that vanished since the last run: everything the index holds
    //    for a file the walk did not see.
    let seen: HashSet<String> = reports
        .iter()
        .map(|r| r.path.clone())
        .chain(todo.iter().map(|(w, _)| w.rel.clone()))
        .collect();
    let searcher = reader.searcher();
    for file in indexed_files(&searcher, &archive.fields) {
        if seen.contains(&file) {
            continue;
        }
        let n = count_file(&searcher, &archive.fields, &file);
        if n == 0 {
            continue;
        }
        writer.delete_term(Term::from_field_text(archive.fields.file, &file));
        manifest.files.remove(&file);
        let mut r = FileReport::new(&file, Outcome::Removed);
        r.removed = n;
        reports.push(r);
    }
    // Stale manifest entries for files that are neither indexed nor present.
    manifest.files.retain(|k, _| seen.contains(k));

    // 4. Read, compare, enrich and add, in batches.
    let bar = progress_bar(opts.progress_bar, todo.len() as u64);
    let claimed_ids: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let mut commits = 0usize;
    let mut pending = reports.iter().any(|r| r.outcome == Outcome::Removed);
    let mut pending_articles = 0usize;
    let mut pending_manifest: Vec<(String, FileState)> = Vec::new();
    let mut last_commit = Instant::now();
    for chunk in chunks_by_size(&todo, threads, (threads * 8).max(16), CHUNK_BYTES) {
        let searcher = reader.searcher();
        let results: Vec<FilePlan> = chunk
            .par_iter()
            .map(|(w, sidecar_hash)| {
                let sidecar = sidecar_for(&sidecars, &w.rel);
                process_file(
                    w,
                    sidecar_hash,
                    sidecar.map(|s| &s.table),
                    &archive,
                    &searcher,
                    opts,
                    &claimed_ids,
                    &writer,
                )
            })
            .collect();
        let mut add_error = None;
        for plan in results {
            if let Some(st) = plan.state {
                pending_manifest.push((plan.report.path.clone(), st));
            }
            for id in &plan.vanished {
                writer.delete_term(Term::from_field_text(archive.fields.id, id));
            }
            pending_articles += plan.report.added + plan.report.updated + plan.report.removed;
            pending |= !plan.vanished.is_empty() || plan.report.added + plan.report.updated > 0;
            add_error = add_error.or(plan.add_error);
            reports.push(plan.report);
        }
        pending |= !pending_manifest.is_empty();
        if let Some(e) = add_error {
            return Err(tantivy_err(tantivy::TantivyError::InternalError(e)));
        }
        bar.inc(chunk.len() as u64);
        if pending_articles >= opts.batch_articles || last_commit.elapsed() >= opts.batch_interval {
            commit(&mut writer, &mut manifest, &mut pending_manifest, index_dir)
                .map_err(tantivy_err)?;
            reader.reload().map_err(tantivy_err)?;
            commits += 1;
            if opts.progress_lines {
                eprintln!(
                    "committed {} files so far ({} articles in this batch)",
                    reports.len(),
                    pending_articles
                );
            }
            pending_articles = 0;
            pending = false;
            last_commit = Instant::now();
        }
    }
    bar.finish_and_clear();
    if pending
        || !pending_manifest.is_empty()
        || commits == 0 && manifest_dirty(&archive, index_dir)
    {
        commit(&mut writer, &mut manifest, &mut pending_manifest, index_dir)
            .map_err(tantivy_err)?;
        commits += 1;
        if opts.progress_lines {
            eprintln!("committed {} files", reports.len());
        }
    }
    writer.wait_merging_threads().map_err(tantivy_err)?;
    // Record the taxonomy in force, for `topics` (a cache like the manifest).
    let _ = std::fs::write(
        index_dir.join(crate::store::TAXONOMY_FILE),
        opts.enricher.taxonomy().to_toml(),
    );
    reader.reload().map_err(tantivy_err)?;
    let searcher = reader.searcher();

    // Per-file article counts after the run, and totals.
    for r in reports.iter_mut() {
        if matches!(r.outcome, Outcome::Added | Outcome::Updated) {
            r.articles = manifest.files.get(&r.path).map(|s| s.articles).unwrap_or(0);
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let sum = |f: fn(&FileReport) -> usize| reports.iter().map(f).sum::<usize>();
    Ok(IngestReport {
        corpus: corpus.display().to_string(),
        index: index_dir.display().to_string(),
        articles: searcher.num_docs(),
        articles_added: sum(|r| r.added),
        articles_updated: sum(|r| r.updated),
        articles_removed: sum(|r| r.removed),
        files: reports,
        commits,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A fresh index has no commit yet; commit once so it can be opened.
fn manifest_dirty(archive: &Archive, dir: &Path) -> bool {
    archive
        .index
        .searchable_segment_metas()
        .map(|m| m.is_empty())
        .unwrap_or(true)
        && !dir.join(MANIFEST_FILE).exists()
}

fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    manifest: &mut Manifest,
    pending: &mut Vec<(String, FileState)>,
    dir: &Path,
) -> tantivy::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!(
        "{{\"schema_version\":{},\"built_by\":\"{}\"}}",
        crate::schema::SCHEMA_VERSION,
        env!("CARGO_PKG_VERSION")
    ));
    prepared.commit()?;
    for (path, st) in pending.drain(..) {
        manifest.files.insert(path, st);
    }
    // The manifest is a cache: if writing it fails, the next run re-reads the
    // files and finds their articles unchanged in the index.
    let _ = manifest.save(dir);
    Ok(())
}

/// What the index must do for one file: its report, its new manifest state,
/// the articles to add and the ids to delete.
/// What the run did, or must still do, for one file.
struct FilePlan {
    report: FileReport,
    /// The manifest entry to record once committed (`None`: keep the old one).
    state: Option<FileState>,
    /// Ids of articles the file no longer holds.
    vanished: Vec<String>,
    /// The first document the writer refused.
    add_error: Option<String>,
}

/// JSON-lines files are read this much at a time; bounds memory per file.
const PIECE_BYTES: usize = 8 << 20;
/// Files read together before the next commit check.
const CHUNK_BYTES: u64 = 64 << 20;

/// Consecutive runs of `todo` of at most `max_files` files and, once they
/// hold `min_files` (enough to keep every thread reading), `max_bytes` bytes.
/// Large JSON-lines files are streamed, so a run's memory is bounded by its
/// file count times the piece size, not by its bytes.
fn chunks_by_size<T: AsRef<Walked>>(
    todo: &[T],
    min_files: usize,
    max_files: usize,
    max_bytes: u64,
) -> Vec<&[T]> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, w) in todo.iter().enumerate() {
        let size = w.as_ref().size;
        let n = i - start;
        if n >= max_files || n >= min_files && bytes + size > max_bytes {
            chunks.push(&todo[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < todo.len() {
        chunks.push(&todo[start..]);
    }
    chunks
}

impl AsRef<Walked> for (Walked, String) {
    fn as_ref(&self) -> &Walked {
        &self.0
    }
}

/// Reads one file piece by piece, enriches and indexes its new and changed
/// articles as they come (deleting an old version first), and works out which
/// of its articles vanished.
#[allow(clippy::too_many_arguments)]
fn process_file(
    w: &Walked,
    sidecar_hash: &str,
    sidecar: Option<&read::sidecar::Sidecar>,
    archive: &Archive,
    searcher: &Searcher,
    opts: &IngestOptions,
    claimed_ids: &Mutex<HashSet<String>>,
    writer: &IndexWriter<TantivyDocument>,
) -> FilePlan {
    let existing = articles_of_file(searcher, &archive.fields, &w.rel);
    let was_indexed = !existing.is_empty();
    let plan = |report: FileReport| FilePlan {
        report,
        state: None,
        vanished: Vec::new(),
        add_error: None,
    };
    let file_hash = match hash_file(&w.abs) {
        Ok(h) => format!("{h}{sidecar_hash}"),
        Err(e) => {
            return plan(
                FileReport::new(&w.rel, Outcome::Failed).because(format!("cannot read: {e}")),
            )
        }
    };
    let mut report = FileReport::new(
        &w.rel,
        if was_indexed {
            Outcome::Updated
        } else {
            Outcome::Added
        },
    );
    // Ids must be unique in the archive: a record id already used by another
    // file falls back to the path-derived id.
    let mut keep: HashSet<String> = HashSet::new();
    let mut pos = 0usize;
    let mut add_error = None;
    let read = read::read_file_in_pieces(&w.abs, &w.rel, &opts.read, PIECE_BYTES, &mut |piece| {
        report.warnings.extend(piece.warnings);
        let mut articles = piece.articles;
        if let Some(rec) = sidecar.and_then(|t| t.lookup(file_stem(&w.rel))) {
            for a in articles.iter_mut() {
                read::sidecar::apply_sidecar(a, rec);
            }
        }
        let mut to_add = Vec::new();
        for mut a in articles {
            pos += 1;
            if a.id.trim().is_empty() {
                a.id = format!("{}#{}", w.rel, pos);
            }
            if !existing.contains_key(&a.id) {
                let taken_here = keep.contains(&a.id);
                let taken_elsewhere =
                    id_used_by_other_file(searcher, &archive.fields, &a.id, &w.rel);
                let taken_in_run = claimed_ids
                    .lock()
                    .map(|mut c| !c.insert(a.id.clone()))
                    .unwrap_or(false);
                if taken_here || taken_elsewhere || taken_in_run {
                    let fallback = format!("{}#{}", w.rel, pos);
                    report.warnings.push(format!(
                        "article {pos}: id {:?} is already used; indexed as {:?}",
                        a.id, fallback
                    ));
                    a.id = fallback;
                }
            }
            keep.insert(a.id.clone());
            // The hash of what was read, before enrichment, with the enricher's
            // fingerprint: a new taxonomy re-enriches unchanged articles too.
            let hash = a.content_hash() ^ opts.enricher.fingerprint();
            match existing.get(&a.id) {
                Some(&h) if h == hash => {}
                Some(_) => {
                    report.updated += 1;
                    to_add.push((a, hash, true));
                }
                None => {
                    report.added += 1;
                    to_add.push((a, hash, false));
                }
            }
        }
        let failed = to_add
            .into_par_iter()
            .filter_map(|(mut a, hash, replaces)| {
                if replaces {
                    // Deleted before the new version is added (tantivy applies
                    // a delete to documents added before it only).
                    writer.delete_term(Term::from_field_text(archive.fields.id, &a.id));
                }
                opts.enricher.enrich(&mut a);
                writer
                    .add_document(archive.to_document(&a, hash))
                    .err()
                    .map(|e| format!("{}: {e}", a.id))
            })
            .find_any(|_| true);
        add_error = add_error.take().or(failed);
    });
    if let Err(e) = read {
        let outcome = match e {
            ReadError::Io(_) | ReadError::Malformed { .. } => Outcome::Failed,
            _ => Outcome::Skipped,
        };
        // A file that can no longer be read keeps what the index had of it
        // (and whatever of it was read before the error).
        report.outcome = outcome;
        report.reason = Some(e.to_string());
        report.articles = existing.len().max(keep.len());
        return FilePlan {
            add_error,
            ..plan(report)
        };
    }
    let vanished: Vec<String> = existing
        .keys()
        .filter(|id| !keep.contains(*id))
        .cloned()
        .collect();
    report.removed = vanished.len();
    if was_indexed && report.added + report.updated + report.removed == 0 {
        report.outcome = Outcome::Unchanged;
    }
    if keep.is_empty() {
        report.outcome = Outcome::Skipped;
        report.reason = Some("no articles in file".into());
    }
    let state = FileState {
        size: w.size,
        mtime_ns: w.mtime_ns,
        hash: file_hash,
        articles: keep.len(),
    };
    FilePlan {
        report,
        state: Some(state),
        vanished,
        add_error,
    }
}

/// Walks the corpus; returns supported-looking files and reports for entries
/// that could not be walked. Hidden files and folders are not walked.
fn walk(corpus: &Path) -> (Vec<Walked>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut reports = Vec::new();
    let walker = walkdir::WalkDir::new(corpus)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = rel_path(corpus, e.path());
                match e.metadata() {
                    Ok(m) => files.push(Walked {
                        abs: e.path().to_path_buf(),
                        rel,
                        size: m.len(),
                        mtime_ns: mtime_ns(&m),
                    }),
                    Err(err) => reports.push(
                        FileReport::new(&rel, Outcome::Failed)
                            .because(format!("cannot read metadata: {err}")),
                    ),
                }
            }
            Ok(_) => {}
            Err(err) => {
                let rel = err
                    .path()
                    .map(|p| rel_path(corpus, p))
                    .unwrap_or_else(|| corpus.display().to_string());
                let reason = if err.loop_ancestor().is_some() {
                    "symlink loop".to_string()
                } else {
                    format!("cannot walk: {err}")
                };
                let outcome = if err.loop_ancestor().is_some() {
                    Outcome::Skipped
                } else {
                    Outcome::Failed
                };
                reports.push(FileReport::new(&rel, outcome).because(reason));
            }
        }
    }
    (files, reports)
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    let s: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    s.join("/")
}

fn mtime_ns(m: &std::fs::Metadata) -> i128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

fn hash_file(p: &Path) -> std::io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update_reader(std::fs::File::open(p)?)?;
    Ok(h.finalize().to_hex()[..32].to_string())
}

fn parent_of(rel: &str) -> String {
    rel.rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default()
}

fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

fn is_sidecar_name(rel: &str) -> bool {
    let stem = file_stem(rel).to_ascii_lowercase();
    let ext = rel.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    stem == "metadata" && (ext == "tsv" || ext == "csv")
}

struct LoadedSidecar {
    table: read::sidecar::Sidecar,
    hash: String,
}

/// Metadata tables (`metadata.tsv`/`.csv` describing other files) by folder.
fn load_sidecars(walked: &[Walked]) -> HashMap<String, LoadedSidecar> {
    walked
        .iter()
        .filter(|w| is_sidecar_name(&w.rel))
        .filter_map(|w| {
            let table = read::sidecar::load_sidecar(&w.abs)?;
            let hash = hash_file(&w.abs).ok()?;
            Some((parent_of(&w.rel), LoadedSidecar { table, hash }))
        })
        .collect()
}

/// The nearest sidecar in the file's folder or above it.
fn sidecar_for<'a>(
    sidecars: &'a HashMap<String, LoadedSidecar>,
    rel: &str,
) -> Option<&'a LoadedSidecar> {
    if sidecars.is_empty() {
        return None;
    }
    let mut dir = parent_of(rel);
    loop {
        if let Some(s) = sidecars.get(&dir) {
            return Some(s);
        }
        if dir.is_empty() {
            return None;
        }
        dir = parent_of(&dir);
    }
}

fn progress_bar(show: bool, len: u64) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} indexing [{bar:40}] {pos}/{len} files {elapsed}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Every file path the index's term dictionary knows.
fn indexed_files(searcher: &Searcher, fields: &Fields) -> Vec<String> {
    let mut out: HashSet<String> = HashSet::new();
    for seg in searcher.segment_readers() {
        let Ok(inv) = seg.inverted_index(fields.file) else {
            continue;
        };
        let mut stream = match inv.terms().stream() {
            Ok(s) => s,
            Err(_) => continue,
        };
        while stream.advance() {
            out.insert(String::from_utf8_lossy(stream.key()).to_string());
        }
    }
    let mut v: Vec<String> = out.into_iter().collect();
    v.sort();
    v
}

fn count_file(searcher: &Searcher, fields: &Fields, file: &str) -> usize {
    let q = TermQuery::new(
        Term::from_field_text(fields.file, file),
        IndexRecordOption::Basic,
    );
    searcher.search(&q, &Count).unwrap_or(0)
}

/// The ids and content hashes of the live articles the index holds for a file.
fn articles_of_file(searcher: &Searcher, fields: &Fields, file: &str) -> HashMap<String, u64> {
    let q = TermQuery::new(
        Term::from_field_text(fields.file, file),
        IndexRecordOption::Basic,
    );
    let mut out = HashMap::new();
    let Ok(docs) = searcher.search(&q, &DocSetCollector) else {
        return out;
    };
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for d in docs {
        by_segment.entry(d.segment_ord).or_default().push(d.doc_id);
    }
    for (seg, ids) in by_segment {
        let reader = searcher.segment_reader(seg);
        let ff = reader.fast_fields();
        let (Ok(Some(id_col)), Ok(hash_col)) = (ff.str("id"), ff.u64("hash")) else {
            continue;
        };
        let mut buf = String::new();
        for doc in ids {
            let Some(ord) = id_col.ords().first(doc) else {
                continue;
            };
            buf.clear();
            if id_col.ord_to_str(ord, &mut buf).unwrap_or(false) {
                out.insert(buf.clone(), hash_col.first(doc).unwrap_or(0));
            }
        }
    }
    out
}

/// Is `id` held by a live article of a file other than `file`?
fn id_used_by_other_file(searcher: &Searcher, fields: &Fields, id: &str, file: &str) -> bool {
    let term = Term::from_field_text(fields.id, id);
    if searcher.doc_freq(&term).unwrap_or(0) == 0 {
        return false;
    }
    let q = TermQuery::new(term, IndexRecordOption::Basic);
    let Ok(docs) = searcher.search(&q, &DocSetCollector) else {
        return false;
    };
    docs.into_iter().any(|d| {
        let reader = searcher.segment_reader(d.segment_ord);
        let Ok(Some(col)) = reader.fast_fields().str("file") else {
            return false;
        };
        let mut buf = String::new();
        col.ords()
            .first(d.doc_id)
            .map(|o| col.ord_to_str(o, &mut buf).unwrap_or(false) && buf != file)
            .unwrap_or(false)
    })
}

/// Reads every supported file under `root` (or `root` itself when it is a
/// file) without indexing: the articles of each file, or why there are none.
/// Sidecar metadata tables are applied as when indexing.
pub fn read_tree(root: &Path, opts: &ReadOptions) -> Vec<(String, Result<Vec<Article>, String>)> {
    if root.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| root.display().to_string());
        let res = read::read_file(root, &name, opts)
            .map(|r| r.articles)
            .map_err(|e| e.to_string());
        return vec![(root.display().to_string(), res)];
    }
    let (walked, reports) = walk(root);
    let sidecars = load_sidecars(&walked);
    let mut out: Vec<(String, Result<Vec<Article>, String>)> = reports
        .into_iter()
        .map(|r| (r.path, Err(r.reason.unwrap_or_default())))
        .collect();
    let files: Vec<&Walked> = walked
        .iter()
        .filter(|w| !(is_sidecar_name(&w.rel) && sidecars.contains_key(&parent_of(&w.rel))))
        .filter(|w| read::format_of(&w.abs).is_some())
        .collect();
    let read_all: Vec<(String, Result<Vec<Article>, String>)> = files
        .par_iter()
        .map(|w| {
            let res = read::read_file(&w.abs, &w.rel, opts).map(|r| {
                let mut articles = r.articles;
                if let Some(s) = sidecar_for(&sidecars, &w.rel) {
                    if let Some(rec) = s.table.lookup(file_stem(&w.rel)) {
                        for a in articles.iter_mut() {
                            read::sidecar::apply_sidecar(a, rec);
                        }
                    }
                }
                for (pos, a) in articles.iter_mut().enumerate() {
                    if a.id.trim().is_empty() {
                        a.id = format!("{}#{}", w.rel, pos + 1);
                    }
                }
                articles
            });
            (w.rel.clone(), res.map_err(|e| e.to_string()))
        })
        .collect();
    out.extend(read_all);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(sizes: &[u64]) -> Vec<(Walked, String)> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| {
                let w = Walked {
                    abs: PathBuf::from(format!("/c/{i}")),
                    rel: i.to_string(),
                    size,
                    mtime_ns: 0,
                };
                (w, String::new())
            })
            .collect()
    }

    #[test]
    fn chunks_bound_files_and_bytes_but_keep_threads_busy() {
        let lens = |todo: &[(Walked, String)], min, max, bytes| {
            chunks_by_size(todo, min, max, bytes)
                .iter()
                .map(|c| c.len())
                .collect::<Vec<_>>()
        };
        // Small files: cut by count.
        assert_eq!(lens(&walked(&[1; 10]), 2, 4, 1000), [4, 4, 2]);
        // Large files: cut by bytes once two are in.
        assert_eq!(lens(&walked(&[600, 600, 600, 10, 10]), 2, 16, 1000), [2, 3]);
        // Every file lands in exactly one chunk, in order.
        let todo = walked(&[5, 900, 3, 3, 700, 1, 1, 1, 2000]);
        let flat: Vec<&str> = chunks_by_size(&todo, 2, 3, 1000)
            .iter()
            .flat_map(|c| c.iter().map(|(w, _)| w.rel.as_str()))
            .collect();
        assert_eq!(flat, ["0", "1", "2", "3", "4", "5", "6", "7", "8"]);
        assert!(chunks_by_size(&walked(&[]), 2, 3, 10).is_empty());
    }
}
