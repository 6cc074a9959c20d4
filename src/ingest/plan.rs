//! Sorting out what a pass must do before it reads anything: which walked
//! files are unchanged (same size, time and sidecar as the manifest says),
//! which must be read, and which files the index holds that vanished.

use super::manifest::Manifest;
use super::report::{FileReport, Outcome};
use crate::index::IndexView;
use crate::read::{Corpus, FileRole, WalkedFile};
use std::collections::HashSet;

/// A file to read, with the hash of the sidecar that describes it (empty
/// when none does).
pub(crate) struct ToRead<'c> {
    pub file: &'c WalkedFile,
    pub sidecar_hash: String,
}

/// What a pass must do.
pub(crate) struct Plan<'c> {
    pub to_read: Vec<ToRead<'c>>,
    /// Files settled without reading: walk problems, skipped, unchanged, and
    /// removed (those the index holds but the walk did not see).
    pub settled: Vec<FileReport>,
}

impl Plan<'_> {
    /// Files whose articles the pass removes.
    pub fn removed(&self) -> impl Iterator<Item = &FileReport> {
        self.settled
            .iter()
            .filter(|r| r.outcome == Outcome::Removed)
    }
}

/// Plans a pass over `corpus` against what `view` holds. Manifest entries
/// of removed files, and stale ones of files neither indexed nor present,
/// are dropped.
/// With `only` (files indexed on their own: their keys), the other files of
/// the index and the manifest are left as they are.
pub(crate) fn plan<'c>(
    corpus: &'c Corpus,
    manifest: &mut Manifest,
    view: &IndexView,
    only: Option<&HashSet<String>>,
) -> Plan<'c> {
    let mut settled: Vec<FileReport> = corpus
        .problems
        .iter()
        .map(|p| {
            let outcome = if p.skipped {
                Outcome::Skipped
            } else {
                Outcome::Failed
            };
            FileReport::new(&p.rel, outcome).because(p.reason.clone())
        })
        .collect();
    let mut to_read = Vec::new();
    for w in &corpus.files {
        match corpus.role_of(w) {
            FileRole::Sidecar => {
                settled.push(FileReport::new(&w.rel, Outcome::Skipped).because("metadata sidecar"));
                continue;
            }
            FileRole::Unsupported => {
                settled.push(
                    FileReport::new(&w.rel, Outcome::Skipped).because("unsupported file type"),
                );
                continue;
            }
            FileRole::Articles => {}
        }
        let sidecar_hash = corpus
            .sidecar_for(&w.rel)
            .map(|s| s.hash.clone())
            .unwrap_or_default();
        match manifest.files.get(&w.rel) {
            Some(st)
                if st.size == w.size
                    && st.mtime_ns == w.mtime_ns
                    && st.hash.ends_with(&sidecar_hash) =>
            {
                let r = match &st.skipped {
                    Some(why) => FileReport::new(&w.rel, Outcome::Skipped).because(why.clone()),
                    None => {
                        let mut r = FileReport::new(&w.rel, Outcome::Unchanged);
                        r.articles = st.articles;
                        r
                    }
                };
                settled.push(r);
            }
            _ => to_read.push(ToRead {
                file: w,
                sidecar_hash,
            }),
        }
    }
    // Files that vanished since the last run: everything the index holds
    // for a file the walk did not see.
    let seen: HashSet<String> = settled
        .iter()
        .map(|r| r.path.clone())
        .chain(to_read.iter().map(|t| t.file.rel.clone()))
        .collect();
    // A folder (or file) the walk could not read for the moment is not gone:
    // what the index holds under it is kept.
    let unreadable: Vec<&str> = corpus
        .problems
        .iter()
        .filter(|p| !p.skipped)
        .map(|p| p.rel.as_str())
        .collect();
    let under_unreadable = |file: &str| {
        unreadable.iter().any(|u| {
            u.is_empty()
                || file == *u
                || (file.starts_with(u) && file.as_bytes().get(u.len()) == Some(&b'/'))
        })
    };
    let mut kept = HashSet::new();
    for file in view.files() {
        if seen.contains(&file) || only.is_some_and(|o| !o.contains(&file)) {
            continue;
        }
        if under_unreadable(&file) {
            kept.insert(file);
            continue;
        }
        let n = view.count_file(&file);
        if n == 0 {
            continue;
        }
        manifest.files.remove(&file);
        let mut r = FileReport::new(&file, Outcome::Removed);
        r.removed = n;
        settled.push(r);
    }
    manifest.files.retain(|k, _| {
        seen.contains(k) || kept.contains(k) || only.is_some_and(|o| !o.contains(k))
    });
    if !kept.is_empty() {
        for r in settled.iter_mut().filter(|r| r.outcome == Outcome::Failed) {
            let n = kept
                .iter()
                .filter(|f| {
                    under_unreadable(f) && (*f == &r.path || f.starts_with(&format!("{}/", r.path)))
                })
                .count();
            if n > 0 {
                let why = r.reason.take().unwrap_or_default();
                r.reason = Some(format!(
                    "{why}; the articles of its {n} indexed file(s) are kept"
                ));
            }
        }
    }
    Plan { to_read, settled }
}

/// Consecutive runs of `files` of at most `max_files` files and, once they
/// hold `min_files` (enough to keep every thread reading), `max_bytes` bytes.
/// Large JSON-lines files are streamed, so a run's memory is bounded by its
/// file count times the piece size, not by its bytes.
pub(crate) fn chunks_by_size<T>(
    files: &[T],
    size: impl Fn(&T) -> u64,
    min_files: usize,
    max_files: usize,
    max_bytes: u64,
) -> Vec<&[T]> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, f) in files.iter().enumerate() {
        let n = i - start;
        if n >= max_files || n >= min_files && bytes + size(f) > max_bytes {
            chunks.push(&files[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size(f);
    }
    if start < files.len() {
        chunks.push(&files[start..]);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_bound_files_and_bytes_but_keep_threads_busy() {
        let lens = |sizes: &[u64], min, max, bytes| {
            chunks_by_size(sizes, |s| *s, min, max, bytes)
                .iter()
                .map(|c| c.len())
                .collect::<Vec<_>>()
        };
        // Small files: cut by count.
        assert_eq!(lens(&[1; 10], 2, 4, 1000), [4, 4, 2]);
        // Large files: cut by bytes once two are in.
        assert_eq!(lens(&[600, 600, 600, 10, 10], 2, 16, 1000), [2, 3]);
        // Every file lands in exactly one chunk, in order.
        let files: Vec<(usize, u64)> = [5, 900, 3, 3, 700, 1, 1, 1, 2000]
            .into_iter()
            .enumerate()
            .collect();
        let flat: Vec<usize> = chunks_by_size(&files, |f| f.1, 2, 3, 1000)
            .iter()
            .flat_map(|c| c.iter().map(|f| f.0))
            .collect();
        assert_eq!(flat, (0..files.len()).collect::<Vec<_>>());
        assert!(chunks_by_size(&[] as &[u64], |s| *s, 2, 3, 10).is_empty());
    }
}
