//! Indexing one file: read piece by piece, compare each article (by id and
//! content hash) with what the index holds for the file, enrich and add the
//! new and changed ones, and find the ones that vanished.

use super::manifest::FileState;
use super::plan::ToRead;
use super::report::{FileReport, Outcome};
use super::IngestOptions;
use crate::article::Article;
use crate::dups::Signature;
use crate::index::{IndexView, IndexWriter};
use crate::read::corpus::position_id;
use crate::read::walk::hash_file;
use crate::read::{self, Corpus, FileRead, ReadError};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

/// JSON-lines files are read this much at a time; bounds memory per file.
pub(crate) const PIECE_BYTES: usize = 8 << 20;

/// What the pass did, or must still do, for one file.
pub(crate) struct FileOutcome {
    pub report: FileReport,
    /// The manifest entry to record once committed (`None`: keep the old one).
    pub state: Option<FileState>,
    /// Ids of articles the file no longer holds.
    pub vanished: Vec<String>,
    /// The first document the writer refused.
    pub add_error: Option<String>,
}

impl FileOutcome {
    fn settled(report: FileReport) -> FileOutcome {
        FileOutcome {
            report,
            state: None,
            vanished: Vec::new(),
            add_error: None,
        }
    }
}

/// What the pass shares between the files it reads at once.
pub(crate) struct Shared<'a, 'w> {
    pub corpus: &'a Corpus,
    pub view: &'a IndexView,
    /// Adds take it shared; a commit inside a file takes it alone.
    pub writer: &'a RwLock<&'a mut IndexWriter<'w>>,
    pub batch: &'a Batch,
    pub opts: &'a IngestOptions,
    /// Ids taken by new articles in this pass (ids must be unique in the
    /// archive).
    pub claimed_ids: &'a Mutex<HashSet<String>>,
    /// Files whose articles this pass deletes (gone from the corpus): their
    /// ids are free, so a renamed file keeps its records' own ids.
    pub gone: &'a HashSet<String>,
    pub progress: &'a dyn super::Progress,
}

/// When to commit while files are being read: after `articles` new or
/// changed articles or `interval`, whichever comes first, also in the
/// middle of a long file (a rebuild commits only at its end).
pub(crate) struct Batch {
    pub articles: usize,
    pub interval: Duration,
    pub enabled: bool,
    /// Articles added since the last commit.
    pub since_commit: AtomicUsize,
    pub last_commit: Mutex<Instant>,
    /// Commits made inside files.
    pub commits: AtomicUsize,
    /// The first commit inside a file that failed.
    pub error: Mutex<Option<crate::index::WriteError>>,
}

impl Batch {
    pub fn new(articles: usize, interval: Duration, enabled: bool) -> Batch {
        Batch {
            articles,
            interval,
            enabled,
            since_commit: AtomicUsize::new(0),
            last_commit: Mutex::new(Instant::now()),
            commits: AtomicUsize::new(0),
            error: Mutex::new(None),
        }
    }

    /// Is a commit due?
    pub fn due(&self) -> bool {
        self.enabled
            && (self.since_commit.load(Ordering::Relaxed) >= self.articles
                || self
                    .last_commit
                    .lock()
                    .is_ok_and(|t| t.elapsed() >= self.interval))
    }

    /// The run committed: start counting again.
    pub fn committed(&self) {
        self.since_commit.store(0, Ordering::Relaxed);
        if let Ok(mut t) = self.last_commit.lock() {
            *t = Instant::now();
        }
    }

    /// Commits what the writer holds when a batch is due, from inside a file.
    fn commit_if_due(&self, writer: &RwLock<&mut IndexWriter<'_>>, progress: &dyn super::Progress) {
        if !self.due() {
            return;
        }
        let Ok(mut w) = writer.write() else { return };
        // Another thread may have committed while this one waited.
        if !self.due() {
            return;
        }
        let articles = self.since_commit.load(Ordering::Relaxed);
        match w.commit() {
            Ok(()) => {
                progress.committed_in_file(articles);
                self.committed();
                self.commits.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                if let Ok(mut first) = self.error.lock() {
                    first.get_or_insert(e);
                }
                // Stop trying: the run reports the error at its end.
                self.since_commit.store(0, Ordering::Relaxed);
            }
        }
    }
}

/// The articles of one file as its pieces come in.
struct FileInProgress<'s, 'a, 'w> {
    shared: &'s Shared<'a, 'w>,
    rel: &'s str,
    /// Ids and hashes the index holds for the file.
    existing: HashMap<String, u64>,
    /// Mixed into a JSON-lines record's line hash to make the hash the
    /// index keeps: the enrichment settings and the file's sidecar.
    salt: u64,
    /// Ids the file holds now.
    keep: HashSet<String>,
    /// Articles seen so far (for `path#N` ids).
    pos: usize,
    report: FileReport,
    add_error: Option<String>,
}

/// Reads one file and indexes its new and changed articles as they come
/// (deleting an old version first).
pub(crate) fn ingest_file(item: &ToRead, shared: &Shared) -> FileOutcome {
    let w = item.file;
    let existing = shared.view.articles_of_file(&w.rel);
    let was_indexed = !existing.is_empty();
    let file_hash = match hash_file(&w.abs) {
        Ok(h) => format!("{h}{}", item.sidecar_hash),
        Err(e) => {
            return FileOutcome::settled(
                FileReport::new(&w.rel, Outcome::Failed).because(format!("cannot read: {e}")),
            )
        }
    };
    let outcome = if was_indexed {
        Outcome::Updated
    } else {
        Outcome::Added
    };
    let salt = shared.opts.fingerprint() ^ crate::dups::group_key(&item.sidecar_hash);
    // Records indexed from a JSON line, by that line's hash (with the
    // salt): a line found here again is the same record, passed over
    // unparsed. Not for ids made from the record's position, which a
    // record keeps only while nothing before it moves.
    let mut known: HashMap<u64, Vec<String>> = HashMap::new();
    let positional = format!("{}#", w.rel);
    for (id, &h) in &existing {
        if !id.starts_with(&positional) {
            known.entry(h).or_default().push(id.clone());
        }
    }
    let mut state = FileInProgress {
        shared,
        rel: &w.rel,
        existing,
        salt,
        keep: HashSet::new(),
        pos: 0,
        report: FileReport::new(&w.rel, outcome),
        add_error: None,
    };
    let read = read::read_file_in_pieces(
        &w.abs,
        &w.rel,
        &shared.opts.read,
        PIECE_BYTES,
        &mut |line_hash| known.get_mut(&(line_hash ^ salt)).and_then(Vec::pop),
        &mut |piece| {
            state.take_piece(piece);
            if shared.opts.stopping() {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        },
    );
    if let Err(e) = read {
        if let ReadError::NotAnArticle(_) = e {
            // Settled: what the index held of the file (read as an article
            // by an older version) goes, and the manifest remembers why.
            let reason = e.to_string();
            let vanished: Vec<String> = state.existing.into_keys().collect();
            let mut report = state.report;
            report.outcome = Outcome::Skipped;
            report.reason = Some(reason.clone());
            report.removed = vanished.len();
            return FileOutcome {
                report,
                state: Some(FileState {
                    size: w.size,
                    mtime_ns: w.mtime_ns,
                    hash: file_hash,
                    articles: 0,
                    skipped: Some(reason),
                }),
                vanished,
                add_error: state.add_error,
            };
        }
        return state.failed(e);
    }
    if shared.opts.stopping() {
        // Read in part: what was added stays, nothing is taken as vanished,
        // and without a manifest entry the next run reads the file again.
        let mut report = state.report;
        report.reason = Some("interrupted: read again on the next run".into());
        return FileOutcome {
            add_error: state.add_error,
            ..FileOutcome::settled(report)
        };
    }
    let vanished: Vec<String> = state
        .existing
        .keys()
        .filter(|id| !state.keep.contains(*id))
        .cloned()
        .collect();
    let mut report = state.report;
    report.removed = vanished.len();
    if was_indexed && report.added + report.updated + report.removed == 0 {
        report.outcome = Outcome::Unchanged;
    }
    if state.keep.is_empty() {
        report.outcome = Outcome::Skipped;
        report.reason = Some("no articles in file".into());
    }
    let file_state = FileState {
        size: w.size,
        mtime_ns: w.mtime_ns,
        hash: file_hash,
        articles: state.keep.len(),
        skipped: None,
    };
    FileOutcome {
        report,
        state: Some(file_state),
        vanished,
        add_error: state.add_error,
    }
}

impl FileInProgress<'_, '_, '_> {
    /// Sorts a piece's articles into unchanged, changed and new, and indexes
    /// the changed and new ones.
    fn take_piece(&mut self, piece: FileRead) {
        let bytes = piece.bytes;
        self.report.warnings.extend(piece.warnings);
        let mut articles = piece.articles;
        self.shared.corpus.apply_sidecar(self.rel, &mut articles);
        let mut to_add = Vec::new();
        // records passed over as unchanged, in the file's order among the
        // others (positions make fallback ids)
        let mut unchanged = piece.unchanged.into_iter().peekable();
        for (k, mut a) in articles.into_iter().enumerate() {
            while let Some((_, id)) = unchanged.next_if(|(before, _)| *before <= k) {
                self.pos += 1;
                self.keep.insert(id);
            }
            self.pos += 1;
            if a.id.trim().is_empty() {
                a.id = position_id(self.rel, self.pos);
            }
            // an id the index holds for this file is this record's, unless
            // an earlier record of the file has taken it already
            if !self.existing.contains_key(&a.id) || self.keep.contains(&a.id) {
                self.claim_id(&mut a);
            }
            self.keep.insert(a.id.clone());
            // The hash of what was read, before enrichment, with the enricher's
            // fingerprint: a new taxonomy re-enriches unchanged articles too.
            // A JSON-lines record is hashed as its line was read, so that the
            // next run knows it unchanged without parsing it.
            let hash = match a.record_hash {
                Some(line) => line ^ self.salt,
                None => a.content_hash() ^ self.shared.opts.fingerprint(),
            };
            match self.existing.get(&a.id) {
                Some(&h) if h == hash => {}
                Some(_) => {
                    self.report.updated += 1;
                    to_add.push((a, hash, true));
                }
                None => {
                    self.report.added += 1;
                    to_add.push((a, hash, false));
                }
            }
        }
        for (_, id) in unchanged {
            self.pos += 1;
            self.keep.insert(id);
        }
        let added = to_add.len();
        self.enrich_and_group(&mut to_add);
        let (failed, dates) = self.add_all(to_add);
        self.add_error = self.add_error.take().or(failed);
        for raw in dates {
            self.report.undated += 1;
            if let Some(raw) = raw {
                self.report
                    .warnings
                    .push(format!("date {raw:?} not understood"));
                self.report.unread_dates += 1;
            }
        }
        self.shared
            .batch
            .since_commit
            .fetch_add(added, Ordering::Relaxed);
        self.shared
            .batch
            .commit_if_due(self.shared.writer, self.shared.progress);
        self.shared.progress.advanced(bytes, added);
    }

    /// A new article's record id must not be used already — by another
    /// article of this file, of another file, or of this pass — else it
    /// falls back to the path-derived id, with a warning.
    fn claim_id(&mut self, a: &mut Article) {
        let taken_here = self.keep.contains(&a.id);
        let taken_elsewhere =
            self.shared
                .view
                .id_used_by_other_file(&a.id, self.rel, self.shared.gone);
        let taken_in_run = self
            .shared
            .claimed_ids
            .lock()
            .map(|mut c| !c.insert(a.id.clone()))
            .unwrap_or(false);
        if taken_here || taken_elsewhere || taken_in_run {
            let fallback = position_id(self.rel, self.pos);
            self.report.warnings.push(format!(
                "article {}: id {:?} is already used; indexed as {:?}",
                self.pos, a.id, fallback
            ));
            a.id = fallback;
        }
    }

    /// Enriches the new articles on all cores but one while that one puts
    /// them in their duplicate groups, in the file's order (the first of two
    /// copies in a file names their group; the table is one, so the groups
    /// are found one article at a time). The signatures are of the bodies
    /// as read, before enrichment.
    fn enrich_and_group(&self, to_add: &mut [(Article, u64, bool)]) {
        let writer = self.shared.writer;
        let enricher = &self.shared.opts.enricher;
        let signed: Vec<(String, Option<Signature>)> = if self.shared.opts.no_dups {
            Vec::new()
        } else {
            to_add
                .par_iter()
                .map(|(a, _, _)| (a.id.clone(), Signature::of(&a.body)))
                .collect()
        };
        // The writer is held only while the groups are found, never across
        // parallel work (a commit waiting for it would stop other files'
        // adds on the threads this one waits for).
        // (nothing new, nothing to group: the table is not even loaded)
        let (groups, ()) = rayon::join(
            || match writer.read() {
                Ok(w) if !signed.is_empty() => w.assign_groups(&signed),
                _ => Vec::new(),
            },
            || {
                to_add
                    .par_iter_mut()
                    .for_each(|(a, _, _)| enricher.enrich(a))
            },
        );
        for ((a, _, _), group) in to_add.iter_mut().zip(groups) {
            a.dup_group = Some(group);
        }
    }

    /// Adds enriched articles on all cores: the first refusal, if any, and
    /// for each article left without a date, its date text if it had one.
    fn add_all(&self, to_add: Vec<(Article, u64, bool)>) -> (Option<String>, Vec<Option<String>>) {
        let writer = self.shared.writer;
        let results: Vec<(Option<String>, Option<Option<String>>)> = to_add
            .into_par_iter()
            .map(|(a, hash, replaces)| {
                let undated = a.date.is_none().then(|| a.raw_date.clone());
                let Ok(w) = writer.read() else {
                    return (
                        Some(format!("{}: the index writer is unusable", a.id)),
                        undated,
                    );
                };
                if replaces {
                    // Deleted before the new version is added (a delete
                    // applies to documents added before it only), in the
                    // same commit.
                    w.replace_article(&a.id);
                }
                (w.add(&a, hash).err(), undated)
            })
            .collect();
        let mut failed = None;
        let mut undated = Vec::new();
        for (err, date) in results {
            failed = failed.or(err);
            undated.extend(date);
        }
        (failed, undated)
    }

    /// A file that can no longer be read keeps what the index had of it
    /// (and whatever of it was read before the error).
    fn failed(mut self, e: ReadError) -> FileOutcome {
        self.report.outcome = match e {
            ReadError::Io(_) | ReadError::Malformed { .. } => Outcome::Failed,
            _ => Outcome::Skipped,
        };
        self.report.reason = Some(e.to_string());
        self.report.articles = self.existing.len().max(self.keep.len());
        FileOutcome {
            add_error: self.add_error,
            ..FileOutcome::settled(self.report)
        }
    }
}
