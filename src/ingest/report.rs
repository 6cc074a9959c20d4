//! What an indexing pass did: one line per file (added, updated,
//! unchanged, removed, skipped or failed, with the reason), and totals.

use crate::index::{OpenError, WriteError};
use serde::Serialize;

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
    /// Articles indexed without a date.
    pub undated: usize,
    /// Of those, articles whose date text could not be read.
    pub unread_dates: usize,
}

impl FileReport {
    pub(crate) fn new(path: &str, outcome: Outcome) -> FileReport {
        FileReport {
            path: path.to_string(),
            outcome,
            articles: 0,
            added: 0,
            updated: 0,
            removed: 0,
            reason: None,
            warnings: Vec::new(),
            undated: 0,
            unread_dates: 0,
        }
    }

    pub(crate) fn because(mut self, reason: impl Into<String>) -> FileReport {
        self.reason = Some(reason.into());
        self
    }
}

/// The result of an indexing pass.
#[derive(Debug, Serialize)]
pub struct IngestReport {
    /// The paths named, joined with `, ` (see `roots`).
    pub corpus: String,
    /// The folders and files the run was given, as named.
    pub roots: Vec<String>,
    /// The folders the index held files of before this run, when the run
    /// named others (a file under none of the paths named is removed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub previous_roots: Vec<String>,
    pub index: String,
    pub files: Vec<FileReport>,
    /// Articles in the index after the run.
    pub articles: u64,
    pub articles_added: usize,
    pub articles_updated: usize,
    pub articles_removed: usize,
    pub commits: usize,
    /// What the run found and repaired, said once each.
    pub notes: Vec<String>,
    /// Stopped by a signal before every file was read.
    pub interrupted: bool,
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
    /// A path to index that does not exist (or is neither a folder nor a
    /// file): the message names each one.
    #[error("{0}")]
    NoCorpus(String),
    /// `--rebuild` with only files named: it would replace the whole index
    /// with those files.
    #[error("a rebuild replaces the whole index, so it needs the folders: name them (a run of files only updates those files and removes nothing)")]
    RebuildOfFiles,
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl IngestError {
    /// Is this an error in what was asked (a missing corpus)?
    pub fn is_usage(&self) -> bool {
        match self {
            IngestError::NoCorpus(_) | IngestError::RebuildOfFiles => true,
            IngestError::Open(e) => e.is_usage(),
            IngestError::Write(_) => false,
        }
    }
}
