//! The paths an indexing run names (`index DIR1 DIR2 FILE…`), and how their
//! files are keyed in the index.
//!
//! Every file is known to the index by a key: its path inside the folder it
//! was found in. With one folder that is the whole key (`reut2-000.xml`),
//! as it always was; with several, the folder's name comes first
//! (`reuters21578/reut2-000.xml`), so two folders holding the same relative
//! path never clash. Two folders of the same name are told apart by their
//! parents' names (`a/news`, `b/news`). The keys are a function of the set
//! of folders named, not of their order or of the working directory.
//!
//! What a run may remove follows from what it names:
//!
//! * a run that names at least one folder makes the index hold exactly what
//!   the named paths hold: a file under none of them is removed (as with
//!   one folder, where indexing another folder into the same index
//!   replaces the first);
//! * a run that names only files reads those files and removes nothing
//!   else. A named file inside a folder an earlier run indexed is keyed as
//!   that run keyed it (the folders are recorded in the manifest), so
//!   `index corpus` then `index corpus/sub/a.txt` updates `sub/a.txt`
//!   instead of adding a second `a.txt`.
//!
//! A path inside another named folder is already covered by it and is not
//! walked twice.

use super::manifest::RecordedRoot;
use super::IngestError;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The paths of one run, resolved: which folders to walk, narrowed to which
/// files, under which key prefixes.
#[derive(Debug, Clone)]
pub struct Roots {
    /// The paths as named, for the summary.
    named: Vec<PathBuf>,
    /// The folders to walk.
    pub(crate) bases: Vec<Base>,
    /// Folders earlier runs indexed that this run does not walk (a run of
    /// files only): recorded again so their keys stay known.
    kept: Vec<RecordedRoot>,
    /// Only files were named: the run touches those files only.
    files_only: bool,
}

/// A folder a run walks.
#[derive(Debug, Clone)]
pub(crate) struct Base {
    /// The folder as named (or a named file's folder, or a recorded folder).
    pub dir: PathBuf,
    /// Its canonical path.
    pub canon: PathBuf,
    /// What its files' keys start with (`""` when the index has one folder).
    pub label: String,
    /// The files named in it, relative to it; `None`: the whole folder.
    pub only: Option<BTreeSet<String>>,
}

impl Base {
    /// The key of a path relative to this folder.
    pub fn key(&self, rel: &str) -> String {
        crate::read::corpus::prefixed(&self.label, rel)
    }
}

impl Roots {
    /// Resolves the paths of a run against what the index in `index_dir`
    /// recorded of earlier runs. Every path must exist and be a folder or a
    /// file: a missing one is a usage error, found before any work.
    pub fn resolve(paths: &[PathBuf], index_dir: &Path) -> Result<Roots, IngestError> {
        let recorded = super::manifest::Manifest::load(index_dir).roots;
        Roots::resolve_with(paths, &recorded)
    }

    pub(crate) fn resolve_with(
        paths: &[PathBuf],
        recorded: &[RecordedRoot],
    ) -> Result<Roots, IngestError> {
        if paths.is_empty() {
            return Err(IngestError::NoCorpus("no corpus path given".into()));
        }
        let mut problems = Vec::new();
        // (as named, canonical) of folders; (folder as named, its canonical
        // path, file name) of files.
        let mut dirs: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut files: Vec<(PathBuf, PathBuf, String)> = Vec::new();
        for p in paths {
            match std::fs::metadata(p) {
                Err(_) => problems.push(format!("corpus path {} does not exist", p.display())),
                Ok(m) if m.is_dir() => match std::fs::canonicalize(p) {
                    Ok(c) => dirs.push((p.clone(), c)),
                    Err(e) => problems.push(format!("corpus path {}: {e}", p.display())),
                },
                Ok(m) if m.is_file() => {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    let parent = p
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .unwrap_or(Path::new("."))
                        .to_path_buf();
                    match std::fs::canonicalize(&parent) {
                        Ok(c) => files.push((parent, c, name)),
                        Err(e) => problems.push(format!("corpus path {}: {e}", p.display())),
                    }
                }
                Ok(_) => problems.push(format!(
                    "corpus path {} is neither a folder nor a file",
                    p.display()
                )),
            }
        }
        if !problems.is_empty() {
            return Err(IngestError::NoCorpus(problems.join("; ")));
        }
        // A folder inside another named folder is covered by it.
        dirs.sort_by(|a, b| a.1.cmp(&b.1));
        dirs.dedup_by(|a, b| a.1 == b.1);
        let outer: Vec<PathBuf> = dirs.iter().map(|d| d.1.clone()).collect();
        dirs.retain(|(_, c)| !outer.iter().any(|o| o != c && c.starts_with(o)));
        files.retain(|(_, c, n)| !outer.iter().any(|o| c.join(n).starts_with(o)));

        let files_only = dirs.is_empty();
        let mut bases: Vec<Base> = Vec::new();
        let mut fixed: Vec<bool> = Vec::new();
        if files_only {
            // Folders earlier runs indexed key the files named inside them.
            for r in recorded {
                bases.push(Base {
                    dir: PathBuf::from(&r.path),
                    canon: PathBuf::from(&r.path),
                    label: r.label.clone(),
                    only: Some(BTreeSet::new()),
                });
                fixed.push(true);
            }
        } else {
            for (named, canon) in dirs {
                bases.push(Base {
                    dir: named,
                    canon,
                    label: String::new(),
                    only: None,
                });
                fixed.push(false);
            }
        }
        // Shallow folders first, so that a named file below another named
        // file's folder is keyed under that folder whatever the order.
        files.sort_by(|a, b| {
            (a.1.components().count(), &a.1, &a.2).cmp(&(b.1.components().count(), &b.1, &b.2))
        });
        for (dir, canon, name) in files {
            let path = canon.join(&name);
            // The deepest base holding the file, else its own folder.
            let holder = bases
                .iter()
                .enumerate()
                .filter(|(_, b)| path.starts_with(&b.canon))
                .max_by_key(|(_, b)| b.canon.components().count())
                .map(|(i, _)| i);
            let i = match holder {
                Some(i) => i,
                None => {
                    bases.push(Base {
                        dir,
                        canon: canon.clone(),
                        label: String::new(),
                        only: Some(BTreeSet::new()),
                    });
                    fixed.push(false);
                    bases.len() - 1
                }
            };
            let rel = relative(&path, &bases[i].canon);
            if let Some(only) = &mut bases[i].only {
                only.insert(rel);
            }
        }
        let labels = labels(&bases, &fixed);
        for (b, l) in bases.iter_mut().zip(labels) {
            b.label = l;
        }
        // Recorded folders nothing was named in are not walked, but stay
        // recorded.
        let mut kept = Vec::new();
        bases.retain(|b| {
            let walk = b.only.as_ref().is_none_or(|o| !o.is_empty());
            if !walk {
                kept.push(RecordedRoot {
                    path: b.canon.to_string_lossy().to_string(),
                    label: b.label.clone(),
                });
            }
            walk
        });
        Ok(Roots {
            named: paths.to_vec(),
            bases,
            kept,
            files_only,
        })
    }

    /// Can the run rebuild the index? Not from files alone: a rebuild
    /// replaces every article, and a run of files removes nothing else.
    pub fn check_rebuild(&self, rebuild: bool) -> Result<(), IngestError> {
        if rebuild && self.files_only {
            return Err(IngestError::RebuildOfFiles);
        }
        Ok(())
    }

    /// The folders the run walks (for their ignore files and alias files).
    pub fn folders(&self) -> impl Iterator<Item = &Path> {
        self.bases.iter().map(|b| b.dir.as_path())
    }

    /// The paths as named.
    pub fn named(&self) -> &[PathBuf] {
        &self.named
    }

    /// Did the run name files only (so that it removes nothing else)?
    pub fn files_only(&self) -> bool {
        self.files_only
    }

    /// The keys of the files named, in a run of files only: nothing else
    /// of the index is touched.
    pub(crate) fn only_keys(&self) -> Option<std::collections::HashSet<String>> {
        self.files_only.then(|| {
            self.bases
                .iter()
                .flat_map(|b| b.only.iter().flatten().map(|rel| b.key(rel)))
                .collect()
        })
    }

    /// What the manifest records of this run's folders: for a run of
    /// files only, the folders recorded before and the named files' own.
    pub(crate) fn record(&self) -> Vec<RecordedRoot> {
        let mut out: Vec<RecordedRoot> = self
            .bases
            .iter()
            .map(|b| RecordedRoot {
                path: b.canon.to_string_lossy().to_string(),
                label: b.label.clone(),
            })
            .chain(self.kept.iter().cloned())
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }
}

/// `path` relative to `base`, `/`-separated.
fn relative(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The key prefix of each base: none with one base; else the shortest
/// tail of its path that no other base's prefix equals or begins with (a
/// prefix `a` and a prefix `a/b` would make `a/b/x` ambiguous). Fixed
/// bases (recorded by an earlier run) keep theirs; beside a fixed base
/// without prefix, a new prefix must not begin with a name that base holds
/// at its top.
fn labels(bases: &[Base], fixed: &[bool]) -> Vec<String> {
    if bases.len() == 1 && !fixed[0] {
        return vec![String::new()];
    }
    let names: Vec<Vec<String>> = bases
        .iter()
        .map(|b| {
            b.canon
                .components()
                .filter_map(|c| match c {
                    Component::Normal(s) => Some(s.to_string_lossy().to_string()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let mut take: Vec<usize> = vec![1; bases.len()];
    let mut extra: Vec<usize> = vec![0; bases.len()];
    let label = |i: usize, take: &[usize], extra: &[usize]| -> String {
        if fixed[i] {
            return bases[i].label.clone();
        }
        let n = &names[i];
        let mut tail: Vec<String> = n[n.len().saturating_sub(take[i])..].to_vec();
        if tail.is_empty() {
            tail.push("root".into());
        }
        if extra[i] > 0 {
            // Out of path: number the first part (`news~1/x`).
            tail[0] = format!("{}~{}", tail[0], extra[i]);
        }
        tail.join("/")
    };
    // Does `a` (a prefix) cover keys that start with `b`?
    let covers = |i: usize, a: &str, b: &str| -> bool {
        if a.is_empty() {
            let first = b.split('/').next().unwrap_or("");
            bases[i].canon.join(first).exists()
        } else {
            b == a || b.starts_with(&format!("{a}/"))
        }
    };
    // Each round lengthens (or numbers) a label that clashes; every label
    // that can change grows, so this ends; the bound is a safeguard.
    for _ in 0..10_000 {
        let ls: Vec<String> = (0..bases.len()).map(|i| label(i, &take, &extra)).collect();
        let mut grow: Vec<usize> = Vec::new();
        'find: for i in 0..ls.len() {
            for j in 0..ls.len() {
                if i == j || !covers(i, &ls[i], &ls[j]) {
                    continue;
                }
                // Equal prefixes both grow; else the one inside the other.
                if ls[i] == ls[j] && !fixed[i] {
                    grow.push(i);
                }
                if !fixed[j] {
                    grow.push(j);
                } else if !fixed[i] {
                    grow.push(i);
                }
                if !grow.is_empty() {
                    break 'find;
                }
            }
        }
        if grow.is_empty() {
            return ls;
        }
        for k in grow {
            if take[k] < names[k].len() {
                take[k] += 1;
            } else {
                extra[k] += 1;
            }
        }
    }
    (0..bases.len()).map(|i| label(i, &take, &extra)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        dir
    }

    fn keys(r: &Roots) -> Vec<(String, Option<Vec<String>>)> {
        r.bases
            .iter()
            .map(|b| {
                (
                    b.label.clone(),
                    b.only.as_ref().map(|o| o.iter().cloned().collect()),
                )
            })
            .collect()
    }

    #[test]
    fn one_folder_has_no_prefix_several_have_their_names() {
        let t = tree(&["a/news/x.txt", "b/news/x.txt", "wire/y.txt"]);
        let p = |s: &str| t.path().join(s);
        let one = Roots::resolve_with(&[p("wire")], &[]).unwrap();
        assert_eq!(keys(&one), [(String::new(), None)]);
        let three = Roots::resolve_with(&[p("wire"), p("b/news"), p("a/news")], &[]).unwrap();
        let mut labels: Vec<String> = three.bases.iter().map(|b| b.label.clone()).collect();
        labels.sort();
        assert_eq!(labels, ["a/news", "b/news", "wire"]);
        // The same set in another order: the same keys.
        let again = Roots::resolve_with(&[p("a/news"), p("wire"), p("b/news")], &[]).unwrap();
        assert_eq!(again.record(), three.record());
    }

    #[test]
    fn covered_paths_are_dropped_and_files_narrow_their_folder() {
        let t = tree(&["c/x.txt", "c/sub/y.txt", "d/z.txt", "d/w.txt"]);
        let p = |s: &str| t.path().join(s);
        let r = Roots::resolve_with(&[p("c"), p("c/sub"), p("c/sub/y.txt"), p("d/z.txt")], &[])
            .unwrap();
        assert!(!r.files_only());
        assert_eq!(
            keys(&r),
            [
                ("c".to_string(), None),
                ("d".to_string(), Some(vec!["z.txt".to_string()]))
            ]
        );
        // Files only, nothing recorded: their folder, without prefix; a file
        // below another's folder is keyed under it, in any order.
        let r = Roots::resolve_with(&[p("c/sub/y.txt"), p("c/x.txt")], &[]).unwrap();
        assert!(r.files_only());
        assert_eq!(
            keys(&r),
            [(
                String::new(),
                Some(vec!["sub/y.txt".into(), "x.txt".into()])
            )]
        );
    }

    #[test]
    fn a_file_inside_a_recorded_folder_is_keyed_as_it_was() {
        let t = tree(&["c/x.txt", "c/sub/y.txt", "e/v.txt"]);
        let p = |s: &str| t.path().join(s);
        let canon = |s: &str| std::fs::canonicalize(p(s)).unwrap();
        let recorded = vec![RecordedRoot {
            path: canon("c").to_string_lossy().to_string(),
            label: String::new(),
        }];
        let r = Roots::resolve_with(&[p("c/sub/y.txt")], &recorded).unwrap();
        assert_eq!(keys(&r), [(String::new(), Some(vec!["sub/y.txt".into()]))]);
        assert_eq!(r.record(), recorded);
        // A file elsewhere gets a prefix beside the recorded folder.
        let r = Roots::resolve_with(&[p("e/v.txt")], &recorded).unwrap();
        assert_eq!(keys(&r), [("e".to_string(), Some(vec!["v.txt".into()]))]);
        assert_eq!(r.record().len(), 2);
        assert_eq!(
            r.only_keys().unwrap(),
            ["e/v.txt".to_string()].into_iter().collect()
        );
    }

    #[test]
    fn missing_paths_are_named() {
        let t = tree(&["c/x.txt"]);
        let err = Roots::resolve_with(&[t.path().join("c"), t.path().join("nope")], &[])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("nope") && err.contains("does not exist"),
            "{err}"
        );
        assert!(!err.contains("c does not"), "{err}");
    }
}
