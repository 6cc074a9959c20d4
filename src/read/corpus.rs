//! A corpus as the archive reads it: the walked files, the metadata
//! sidecars that describe some of them, and the ids of articles that bring
//! none of their own. Both `index` and `extract` read a corpus this way.

use super::sidecar::{apply_sidecar, load_sidecar, Sidecar};
use super::walk::{hash_file, walk, WalkProblem, WalkedFile};
use super::{format_of, read_file, ReadOptions};
use crate::article::Article;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// A metadata table (`metadata.tsv`/`.csv`) with the hash of its bytes (a
/// changed sidecar changes the files it describes).
pub struct LoadedSidecar {
    pub table: Sidecar,
    pub hash: String,
}

/// A walked corpus folder.
pub struct Corpus {
    pub files: Vec<WalkedFile>,
    pub problems: Vec<WalkProblem>,
    /// Sidecars by the folder they are in (`""` for the top).
    sidecars: HashMap<String, LoadedSidecar>,
}

impl Corpus {
    /// Narrows the corpus to some files (`index FILE…`), given by their
    /// paths in it. A named file the walk did not list is reported with the
    /// reason: the folder above it that was left out, or its hidden name.
    pub fn keep_only(&mut self, rels: &std::collections::BTreeSet<String>) {
        let found: std::collections::HashSet<&str> =
            self.files.iter().map(|f| f.rel.as_str()).collect();
        let mut problems = Vec::new();
        for rel in rels {
            if found.contains(rel.as_str()) {
                continue;
            }
            if let Some(p) = self.problems.iter().find(|p| &p.rel == rel) {
                problems.push(p.clone());
                continue;
            }
            let above = self
                .problems
                .iter()
                .filter(|p| p.rel.is_empty() || rel.starts_with(&format!("{}/", p.rel)))
                .max_by_key(|p| p.rel.len());
            problems.push(match above {
                Some(p) => WalkProblem {
                    rel: rel.clone(),
                    skipped: p.skipped,
                    reason: format!("{} (the folder {:?})", p.reason, p.rel),
                },
                None => WalkProblem {
                    rel: rel.clone(),
                    skipped: true,
                    reason: "not walked: hidden files and folders (names starting with '.') are not indexed".into(),
                },
            });
        }
        self.files.retain(|f| rels.contains(&f.rel));
        self.problems = problems;
    }

    /// One corpus of several folders' corpora: each path is put under its
    /// folder's prefix (see [`prefixed`]), sidecars included.
    pub fn merge(parts: Vec<(String, Corpus)>) -> Corpus {
        let mut out = Corpus {
            files: Vec::new(),
            problems: Vec::new(),
            sidecars: HashMap::new(),
        };
        for (prefix, c) in parts {
            out.files.extend(c.files.into_iter().map(|mut f| {
                f.rel = prefixed(&prefix, &f.rel);
                f
            }));
            out.problems.extend(c.problems.into_iter().map(|mut p| {
                p.rel = prefixed(&prefix, &p.rel);
                p
            }));
            out.sidecars.extend(
                c.sidecars
                    .into_iter()
                    .map(|(dir, s)| (prefixed(&prefix, &dir), s)),
            );
        }
        out
    }
}

/// `rel` under `prefix` (`prefix/rel`; `rel` alone when there is no
/// prefix): the key of a file of one of several corpus folders.
pub fn prefixed(prefix: &str, rel: &str) -> String {
    match (prefix.is_empty(), rel.is_empty()) {
        (true, _) => rel.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}/{rel}"),
    }
}

/// What a walked file is to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// A file of articles in a supported format.
    Articles,
    /// A metadata sidecar in use (read for the other files).
    Sidecar,
    /// A file of a type no reader handles.
    Unsupported,
}

impl Corpus {
    /// Walks `root` and loads its sidecars.
    pub fn walk(root: &Path, opts: &ReadOptions) -> Corpus {
        let excluded = crate::read::walk::exclusions(root, &opts.exclude)
            .unwrap_or_else(|_| ignore::gitignore::Gitignore::empty());
        let (files, problems) = walk(root, opts.follow_outside, &excluded);
        let sidecars = files
            .iter()
            .filter(|w| is_sidecar_name(&w.rel))
            .filter_map(|w| {
                let table = load_sidecar(&w.abs)?;
                let hash = hash_file(&w.abs).ok()?;
                Some((parent_of(&w.rel), LoadedSidecar { table, hash }))
            })
            .collect();
        Corpus {
            files,
            problems,
            sidecars,
        }
    }

    /// What a walked file is.
    pub fn role_of(&self, w: &WalkedFile) -> FileRole {
        if is_sidecar_name(&w.rel) && self.sidecars.contains_key(&parent_of(&w.rel)) {
            FileRole::Sidecar
        } else if format_of(&w.abs).is_none() {
            FileRole::Unsupported
        } else {
            FileRole::Articles
        }
    }

    /// The nearest sidecar in the file's folder or above it.
    pub fn sidecar_for(&self, rel: &str) -> Option<&LoadedSidecar> {
        if self.sidecars.is_empty() {
            return None;
        }
        let mut dir = parent_of(rel);
        loop {
            if let Some(s) = self.sidecars.get(&dir) {
                return Some(s);
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent_of(&dir);
        }
    }

    /// Fills in what the file's sidecar row says of `articles` of file `rel`.
    pub fn apply_sidecar(&self, rel: &str, articles: &mut [Article]) {
        let row = self
            .sidecar_for(rel)
            .and_then(|s| s.table.lookup(file_stem(rel)));
        if let Some(row) = row {
            for a in articles.iter_mut() {
                apply_sidecar(a, row);
            }
        }
    }
}

/// The id of the `pos`-th (1-based) article of file `rel` when the record
/// brings none: `rel#pos`.
pub fn position_id(rel: &str, pos: usize) -> String {
    format!("{rel}#{pos}")
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
        let res = read_file(root, &name, opts)
            .map(|r| r.articles)
            .map_err(|e| e.to_string());
        return vec![(root.display().to_string(), res)];
    }
    let corpus = Corpus::walk(root, opts);
    let mut out: Vec<(String, Result<Vec<Article>, String>)> = corpus
        .problems
        .iter()
        .map(|p| (p.rel.clone(), Err(p.reason.clone())))
        .collect();
    let files: Vec<&WalkedFile> = corpus
        .files
        .iter()
        .filter(|w| corpus.role_of(w) == FileRole::Articles)
        .collect();
    let read_all: Vec<(String, Result<Vec<Article>, String>)> = files
        .par_iter()
        .map(|w| {
            let res = read_file(&w.abs, &w.rel, opts).map(|r| {
                let mut articles = r.articles;
                corpus.apply_sidecar(&w.rel, &mut articles);
                for (pos, a) in articles.iter_mut().enumerate() {
                    if a.id.trim().is_empty() {
                        a.id = position_id(&w.rel, pos + 1);
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
