//! Walking a corpus folder: every file below it (symbolic links followed
//! within the corpus, loops detected; hidden files and folders not walked),
//! with the size and time that tell an unchanged file without reading it.
//! A link to a file or folder outside the corpus is skipped unless asked
//! for: pointing an archive at a folder should not index `/etc/passwd`.

use std::path::{Path, PathBuf};

/// A file found by the walk.
#[derive(Debug, Clone)]
pub struct WalkedFile {
    pub abs: PathBuf,
    /// Path relative to the corpus root, `/`-separated.
    pub rel: String,
    pub size: u64,
    pub mtime_ns: i128,
}

/// An entry the walk could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub rel: String,
    /// Skipped on purpose (a symbolic-link loop, a link outside the corpus,
    /// a FIFO, socket or device); any other problem is a failure.
    pub skipped: bool,
    pub reason: String,
}

/// The file at the top of a corpus that lists, in gitignore syntax, what
/// not to index.
pub const IGNORE_FILE: &str = ".econ-archive-ignore";

/// What is not indexed unless the ignore file says otherwise (`!README*`):
/// the documentation that comes with data sets, which reads like an article
/// but is none.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    "README*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "CHANGELOG*",
    "NOTICE*",
];

/// Which paths of a corpus are excluded: the built-in defaults, then the
/// corpus's ignore file, then `--exclude` globs (later lines win, and `!`
/// re-includes, as in `.gitignore`).
pub fn exclusions(root: &Path, extra: &[String]) -> Result<ignore::gitignore::Gitignore, String> {
    let mut b = ignore::gitignore::GitignoreBuilder::new(root);
    for d in DEFAULT_EXCLUDES {
        b.add_line(None, d).map_err(|e| e.to_string())?;
    }
    let file = root.join(IGNORE_FILE);
    if file.is_file() {
        if let Some(e) = b.add(&file) {
            return Err(format!("{}: {e}", file.display()));
        }
    }
    for g in extra {
        b.add_line(None, g)
            .map_err(|e| format!("--exclude {g:?}: {e}"))?;
    }
    b.build().map_err(|e| e.to_string())
}

/// Does `dir` hold a search index (tantivy's `meta.json` beside its
/// `.managed.json`)? An index folder inside a corpus is never walked, and
/// no output file is written into one.
pub fn is_index_folder(dir: &Path) -> bool {
    dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()
}

/// Walks `root` in file-name order; links that lead outside it are followed
/// only with `follow_outside`; excluded paths are listed as skipped.
pub fn walk(
    root: &Path,
    follow_outside: bool,
    excluded: &ignore::gitignore::Gitignore,
) -> (Vec<WalkedFile>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        if let Ok(e) = &entry {
            if e.depth() > 0 {
                let is_dir = e.file_type().is_dir();
                let rel = rel_path(root, e.path());
                let why = if is_dir && is_index_folder(e.path()) {
                    Some("a search index, not articles".to_string())
                } else if excluded.matched(Path::new(&rel), is_dir).is_ignore() {
                    Some(format!(
                        "excluded (by the defaults, {IGNORE_FILE} or --exclude)"
                    ))
                } else {
                    None
                };
                if let Some(reason) = why {
                    problems.push(WalkProblem {
                        rel,
                        skipped: true,
                        reason,
                    });
                    if is_dir {
                        walker.skip_current_dir();
                    }
                    continue;
                }
            }
        }
        match entry {
            Ok(e)
                if !follow_outside
                    && e.depth() > 0
                    && e.path_is_symlink()
                    && !std::fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(&inside)) =>
            {
                problems.push(WalkProblem {
                    rel: rel_path(root, e.path()),
                    skipped: true,
                    reason: "a link to outside the corpus (--follow-outside follows it)".into(),
                });
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
            }
            Ok(e) if e.file_type().is_file() => {
                let rel = rel_path(root, e.path());
                match e.metadata() {
                    Ok(m) => files.push(WalkedFile {
                        abs: e.path().to_path_buf(),
                        rel,
                        size: m.len(),
                        mtime_ns: mtime_ns(&m),
                    }),
                    Err(err) => problems.push(WalkProblem {
                        rel,
                        skipped: false,
                        reason: format!("cannot read metadata: {err}"),
                    }),
                }
            }
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => problems.push(WalkProblem {
                rel: rel_path(root, e.path()),
                skipped: true,
                reason: "not a regular file (a FIFO, socket or device)".into(),
            }),
            Err(err) => {
                let rel = err
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| root.display().to_string());
                let is_loop = err.loop_ancestor().is_some();
                let reason = if is_loop {
                    "symlink loop".to_string()
                } else {
                    format!("cannot walk: {err}")
                };
                problems.push(WalkProblem {
                    rel,
                    skipped: is_loop,
                    reason,
                });
            }
        }
    }
    (files, problems)
}

/// `p` relative to `root`, with `/` between components.
pub fn rel_path(root: &Path, p: &Path) -> String {
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

/// blake3 of a file's bytes, as 32 hex digits.
pub fn hash_file(p: &Path) -> std::io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update_reader(std::fs::File::open(p)?)?;
    Ok(h.finalize().to_hex()[..32].to_string())
}
