//! Readers: turn corpus files into [`Article`]s (placeholder; being written).

use crate::article::Article;
use std::path::Path;

/// Limits and switches for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are skipped as too large.
    pub max_file_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_bytes: 256 * 1024 * 1024,
        }
    }
}

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<Article>,
    /// Problems that did not stop the file (a bad record, a replaced byte…).
    pub warnings: Vec<String>,
}

/// Why a file produced no articles.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a supported format")]
    Unsupported,
    #[error("too large ({size} bytes; the limit is {limit}, see --max-file-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed {format}: {reason}")]
    Malformed {
        format: &'static str,
        reason: String,
    },
    #[error("no articles in file")]
    Empty,
}

/// Reads one file. `rel` is the path relative to the corpus root, used for ids.
pub fn read_file(_path: &Path, _rel: &str, _opts: &ReadOptions) -> Result<FileRead, ReadError> {
    Err(ReadError::Unsupported)
}

/// Placeholder.
pub fn format_of(_path: &Path) -> Option<()> {
    Some(())
}

pub mod sidecar {
    //! Placeholder.
    use crate::article::Article;
    pub struct Sidecar;
    pub struct SidecarRecord;
    impl Sidecar {
        pub fn lookup(&self, _stem: &str) -> Option<&SidecarRecord> {
            None
        }
    }
    pub fn load_sidecar(_p: &std::path::Path) -> Option<Sidecar> {
        None
    }
    pub fn apply_sidecar(_a: &mut Article, _r: &SidecarRecord) {}
}
