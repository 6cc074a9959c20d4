//! The write side of the embedded index, as ingest drives it: one writer at
//! a time (a second gets [`WriteError::Locked`] with the holder's pid),
//! deletes by file or id, additions, atomic commits, and the look-ups
//! ingest needs to compare a file's articles with what the index holds.

use super::embedded::EmbeddedIndex;
use super::folder::{lock_holder, Stamp, PID_FILE, TAXONOMY_FILE};
use super::schema::Fields;
use crate::article::Article;
use crate::dups::{DupTable, Signature, DEFAULT_THRESHOLD, DUPS_FILE};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexReader, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term};

/// Why the index cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "index at {path} is being written by another process{pid}; try again when it has finished"
    )]
    Locked { path: String, pid: String },
    #[error(
        "index at {path} cannot be written ({why}); it keeps its last committed state. \
         Free space or fix the folder's permissions and run `index` again"
    )]
    NotWritable { path: String, why: &'static str },
    #[error("index at {path}: {source}")]
    Tantivy {
        path: String,
        #[source]
        source: TantivyError,
    },
}

impl WriteError {
    /// A failed write told plainly when the file system refused it: tantivy's
    /// own error names temporary files the user never sees, and a writer
    /// thread that died on a refused write only says it died.
    fn from_tantivy(dir: &Path, source: TantivyError) -> WriteError {
        let path = dir.display().to_string();
        match unwritable(dir) {
            Some(why) => WriteError::NotWritable { path, why },
            None => WriteError::Tantivy { path, source },
        }
    }
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

/// tantivy writes `meta.json` and `.managed.json` through temporary files
/// made readable by their owner only, so another user could not search a
/// shared index; they get the permissions the user's umask gives every
/// other file of the index.
fn share_commit_files(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
            })
            .unwrap_or(0o022);
        for name in ["meta.json", ".managed.json"] {
            let _ = std::fs::set_permissions(
                dir.join(name),
                std::fs::Permissions::from_mode(0o666 & !umask),
            );
        }
    }
}

/// Names the process holding the writer lock; removed when it ends.
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

/// The one writer of an embedded index.
pub struct IndexWriter<'a> {
    index: &'a EmbeddedIndex,
    writer: tantivy::IndexWriter<TantivyDocument>,
    reader: IndexReader,
    threads: usize,
    /// Everything committed is being replaced ([`IndexWriter::replace_all`]):
    /// until the next commit, views show an empty index.
    replacing: bool,
    /// The duplicate groups, loaded (or rebuilt) when first needed.
    dups: Mutex<Option<DupTable>>,
    dup_threshold: f64,
    /// Duplicate detection switched off: every article is its own group.
    no_dups: bool,
    _pid: Option<PidFile>,
}

impl<'a> IndexWriter<'a> {
    /// Takes the writer lock. `threads` indexing threads (0: from the cores)
    /// share `heap_bytes` of memory.
    pub fn open(
        index: &'a EmbeddedIndex,
        threads: usize,
        heap_bytes: usize,
    ) -> Result<IndexWriter<'a>, WriteError> {
        let dir = index.dir();
        let failed = |source| WriteError::from_tantivy(dir, source);
        let threads = if threads == 0 {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(1, 4)
        } else {
            threads
        };
        let heap = heap_bytes.max(threads * 16 * 1024 * 1024);
        let writer = match index.index.writer_with_num_threads(threads, heap) {
            Ok(w) => w,
            Err(TantivyError::LockFailure(..)) => {
                let pid = lock_holder(dir);
                return Err(WriteError::Locked {
                    path: dir.display().to_string(),
                    pid,
                });
            }
            Err(e) => return Err(failed(e)),
        };
        // Tell a second writer who holds the lock.
        let pid = PidFile::create(dir);
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(failed)?;
        Ok(IndexWriter {
            index,
            writer,
            reader,
            threads,
            replacing: false,
            dups: Mutex::new(None),
            dup_threshold: DEFAULT_THRESHOLD,
            no_dups: false,
            _pid: pid,
        })
    }

    /// The similarity from which new articles join a duplicate group.
    pub fn set_dup_threshold(&mut self, threshold: f64) {
        self.dup_threshold = threshold;
    }

    /// Switches duplicate detection off: no signatures, no table beside
    /// the index, every article its own group.
    pub fn without_dups(&mut self) {
        self.no_dups = true;
        let _ = std::fs::remove_file(self.index.dir().join(DUPS_FILE));
    }

    /// Runs `f` on the duplicate table, loading it first: from the file
    /// beside the index when it describes the last commit, else rebuilt
    /// from the articles the index holds (their stored bodies and groups).
    fn with_dups<R: Default>(&self, f: impl FnOnce(&mut DupTable) -> R) -> R {
        if self.no_dups {
            return R::default();
        }
        let mut guard = self.dups.lock().unwrap_or_else(|p| p.into_inner());
        let table = guard.get_or_insert_with(|| {
            if self.replacing {
                return DupTable::new(self.dup_threshold);
            }
            let dir = self.index.dir();
            self.opstamp()
                .and_then(|op| DupTable::load(dir, op, self.dup_threshold))
                .unwrap_or_else(|| self.dups_from_index())
        });
        f(table)
    }

    /// The opstamp of the last commit.
    fn opstamp(&self) -> Option<u64> {
        self.index.index.load_metas().ok().map(|m| m.opstamp)
    }

    /// The duplicate table of the committed articles, from their stored
    /// bodies and groups (the file beside the index is lost or stale).
    fn dups_from_index(&self) -> DupTable {
        let mut table = DupTable::new(self.dup_threshold);
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let docs: Vec<u32> = seg.doc_ids_alive().collect();
            let loaded: Vec<(String, String, Option<Signature>)> = docs
                .par_iter()
                .filter_map(|&d| {
                    let doc: TantivyDocument =
                        searcher.doc(tantivy::DocAddress::new(ord as u32, d)).ok()?;
                    let a = fields.to_article(&doc);
                    let group = a.dup_group.clone().unwrap_or_else(|| a.id.clone());
                    Some((a.id, group, Signature::of(&a.body)))
                })
                .collect();
            for (id, group, sig) in loaded {
                if let Some(sig) = sig {
                    table.restore(&id, &group, sig);
                }
            }
        }
        table
    }

    /// The duplicate group of each article, given by its id and the
    /// signature of its body, in order: an article joins the group of the
    /// most similar one indexed before it, this pass's included (none with
    /// duplicate detection off). On the calling thread only (the table is
    /// one), so that it can run beside the enrichment of the same articles.
    pub fn assign_groups(&self, articles: &[(String, Option<Signature>)]) -> Vec<String> {
        self.with_dups(|t| {
            articles
                .iter()
                .map(|(id, sig)| t.assign(id, sig.as_ref()))
                .collect()
        })
    }

    /// Writes the duplicate table after a commit (`before`: the commit it
    /// described until now). An untouched table's file is only re-tagged.
    fn save_dups(&self, before: Option<u64>) {
        if self.no_dups {
            return;
        }
        let Some(now) = self.opstamp() else { return };
        let dir = self.index.dir();
        let mut guard = self.dups.lock().unwrap_or_else(|p| p.into_inner());
        let retag = match guard.as_mut() {
            Some(t) if t.is_dirty() => {
                // A cache like the manifest: a table that cannot be written
                // is rebuilt from the index by the next run.
                let _ = t.save(dir, now);
                return;
            }
            _ => before.is_some_and(|b| file_tag(dir) == Some(b)),
        };
        if retag {
            let _ = set_file_tag(dir, now);
        } else if guard.is_none() && self.reader.searcher().num_docs() == 0 {
            let _ = DupTable::new(self.dup_threshold).save(dir, now);
        }
    }

    /// The writer's indexing threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    fn failed(&self, source: TantivyError) -> WriteError {
        WriteError::from_tantivy(self.index.dir(), source)
    }

    /// What the index held at the last commit (nothing while everything is
    /// being replaced).
    pub fn view(&self) -> IndexView {
        IndexView {
            searcher: (!self.replacing).then(|| self.reader.searcher()),
            fields: self.index.fields.clone(),
        }
    }

    /// Articles in the index at the last commit.
    pub fn committed_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Starts replacing every article: the old ones are deleted at the next
    /// commit, together with the new ones' addition, so until then readers
    /// (and a run killed before it) see the old index whole.
    pub fn replace_all(&mut self) -> Result<(), WriteError> {
        self.writer
            .delete_all_documents()
            .map_err(|e| WriteError::from_tantivy(self.index.dir(), e))?;
        self.replacing = true;
        *self.dups.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(DupTable::new(self.dup_threshold));
        Ok(())
    }

    /// Has the index no commit at all yet (a fresh index cannot be opened
    /// for searching until it has one)?
    pub fn never_committed(&self) -> bool {
        self.index
            .index
            .searchable_segment_metas()
            .map(|m| m.is_empty())
            .unwrap_or(true)
    }

    /// Deletes every article of a file (applies to what was added before).
    pub fn delete_file(&self, file: &str) {
        if !self.no_dups {
            let ids = self.view().articles_of_file(file);
            self.with_dups(|t| ids.keys().for_each(|id| t.remove(id)));
        }
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.file, file));
    }

    /// Deletes an article (applies to what was added before).
    pub fn delete_article(&self, id: &str) {
        self.with_dups(|t| t.remove(id));
        self.replace_article(id);
    }

    /// Deletes the old version of an article about to be added again
    /// ([`IndexWriter::assign_groups`] has put the new one in its group).
    pub fn replace_article(&self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.id, id));
    }

    /// Adds an enriched article; `hash` identifies the version of the record
    /// it was made from. Safe to call from several threads.
    pub fn add(&self, article: &Article, hash: u64) -> Result<(), String> {
        self.writer
            .add_document(self.index.fields.to_document(article, hash))
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", article.id))
    }

    /// A writer thread refused a document: the error as the user should read it.
    pub fn refused(&self, message: String) -> WriteError {
        self.failed(TantivyError::InternalError(message))
    }

    /// Commits everything since the last commit, atomically, and makes the
    /// next [`IndexWriter::view`] see it.
    pub fn commit(&mut self) -> Result<(), WriteError> {
        let dir = self.index.dir();
        let failed = |e| WriteError::from_tantivy(dir, e);
        let before = self.opstamp();
        let mut prepared = self.writer.prepare_commit().map_err(failed)?;
        prepared.set_payload(&Stamp::current().to_json());
        prepared.commit().map_err(failed)?;
        share_commit_files(dir);
        self.replacing = false;
        self.reader.reload().map_err(failed)?;
        self.save_dups(before);
        Ok(())
    }

    /// Records the taxonomy in force beside the index (for `topics`).
    pub fn save_taxonomy(&self, toml: &str) {
        // A cache like the manifest: without it `topics` shows the built-in one.
        let _ = std::fs::write(self.index.dir().join(TAXONOMY_FILE), toml);
    }

    /// Waits for background merges and returns the articles the index holds.
    pub fn finish(self) -> Result<u64, WriteError> {
        let dir = self.index.dir().to_path_buf();
        self.writer
            .wait_merging_threads()
            .map_err(|e| WriteError::from_tantivy(&dir, e))?;
        self.reader
            .reload()
            .map_err(|e| WriteError::from_tantivy(&dir, e))?;
        Ok(self.reader.searcher().num_docs())
    }
}

/// The commit the duplicate file beside an index describes.
fn file_tag(dir: &Path) -> Option<u64> {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(dir.join(DUPS_FILE))
        .and_then(|mut f| f.read_exact(&mut head))
        .ok()?;
    Some(u64::from_le_bytes(head[8..16].try_into().ok()?))
}

/// Marks the duplicate file as describing commit `op` (nothing in it changed).
fn set_file_tag(dir: &Path, op: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(DUPS_FILE))?;
    f.seek(SeekFrom::Start(8))?;
    f.write_all(&op.to_le_bytes())?;
    f.sync_all()
}

/// The articles an index held at a commit, looked up by file and id.
pub struct IndexView {
    /// `None`: an index being replaced, which holds nothing to compare with.
    searcher: Option<Searcher>,
    fields: Fields,
}

impl IndexView {
    /// Every file path the index's term dictionary knows, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut out: HashSet<String> = HashSet::new();
        let Some(searcher) = &self.searcher else {
            return Vec::new();
        };
        for seg in searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(self.fields.file) else {
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

    /// Live articles of a file.
    pub fn count_file(&self, file: &str) -> usize {
        let Some(searcher) = &self.searcher else {
            return 0;
        };
        let q = TermQuery::new(
            Term::from_field_text(self.fields.file, file),
            IndexRecordOption::Basic,
        );
        searcher.search(&q, &Count).unwrap_or(0)
    }

    /// Live articles in the index.
    pub fn articles(&self) -> u64 {
        self.searcher.as_ref().map_or(0, |s| s.num_docs())
    }

    /// The ids and content hashes of the live articles of a file.
    pub fn articles_of_file(&self, file: &str) -> HashMap<String, u64> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.file, file),
            IndexRecordOption::Basic,
        );
        let mut out = HashMap::new();
        let Some(searcher) = &self.searcher else {
            return out;
        };
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
            for (doc, id) in super::columns::strs_of_docs(&id_col, &ids).unwrap_or_default() {
                out.insert(id, hash_col.first(doc).unwrap_or(0));
            }
        }
        out
    }

    /// Is `id` held by a live article of a file other than `file`, leaving
    /// out the files in `gone` (their articles are being deleted)?
    pub fn id_used_by_other_file(&self, id: &str, file: &str, gone: &HashSet<String>) -> bool {
        let Some(searcher) = &self.searcher else {
            return false;
        };
        let term = Term::from_field_text(self.fields.id, id);
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
                .map(|o| {
                    col.ord_to_str(o, &mut buf).unwrap_or(false)
                        && buf != file
                        && !gone.contains(&buf)
                })
                .unwrap_or(false)
        })
    }
}
