//! The embedded index: the archive in a local tantivy index folder, and the
//! [`Backend`](crate::search::Backend) that answers from it.
//!
//! * [`schema`]: the fields of an indexed article and how each is analysed;
//! * `document`: [`Article`](crate::Article)s to documents and back;
//! * `compile`: the project's query tree and filters to tantivy queries;
//! * `in_quote`: a query for words inside quote spans of the body;
//! * `counting`: the collector that counts field values and periods;
//! * `hits`: loading a ranked page of hits in doc store order;
//! * `backend`: the [`Backend`](crate::search::Backend) implementation;
//! * `writer`: the write side that ingest drives;
//! * `folder`: the stamp, manifest and other files beside the segments;
//! * `ledger`: every article's id and hash, for a push to a search cluster.

mod backend;
mod columns;
mod compile;
mod counting;
mod document;
mod embedded;
mod folder;
mod hits;
mod in_quote;
mod ledger;
pub mod schema;
mod writer;

pub use embedded::{EmbeddedIndex, Verification};
pub use folder::{Stamp, MANIFEST_FILE, PID_FILE, STAMP_FILE, TAXONOMY_FILE};
pub use in_quote::{span_value, InQuoteQuery};
pub use ledger::{Ledger, LedgerEntry};
pub use writer::{IndexView, IndexWriter, WriteError};

/// Why an index cannot be opened or created.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no index at {path}; build it with `econ-archive index CORPUS --index {path}`")]
    Missing { path: String },
    #[error(
        "this index was built by econ-archive {built_by} (index format {found}, this program reads {expected}); run `econ-archive index --rebuild`"
    )]
    Version {
        built_by: String,
        found: u32,
        expected: u32,
    },
    #[error("index at {path}: {source}")]
    Tantivy {
        path: String,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error(
        "index at {path} is being written by another process{pid}; try again when it has finished"
    )]
    Locked { path: String, pid: String },
    #[error("index at {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl OpenError {
    /// A missing index is a usage error (the user named the wrong folder or
    /// has not indexed yet); the others are failures.
    pub fn is_usage(&self) -> bool {
        matches!(self, OpenError::Missing { .. })
    }
}
