//! The library's error type. Every front end (the command line, the web
//! server) turns it into its own answer: [`Error::is_usage`] separates what
//! the user asked wrongly (exit code 2, HTTP 400) from what failed.

use crate::date::DateRangeError;
use crate::index::OpenError;
use crate::search::query::QueryError;

/// Why a request to the archive failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The query text cannot be parsed (with the column).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A filter or option the request cannot use (a bad date, a range too
    /// long for its periods…).
    #[error("{0}")]
    Request(String),
    /// The archive cannot be opened.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// The index failed while answering.
    #[error("the index could not be read: {}", describe_tantivy(.0))]
    Index(tantivy::TantivyError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The search cluster could not answer.
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
}

impl Error {
    /// Is this an error in what was asked (rather than a failure to answer)?
    pub fn is_usage(&self) -> bool {
        match self {
            Error::Query(_) | Error::Request(_) => true,
            Error::Open(e) => e.is_usage(),
            Error::Cluster(e) => e.is_usage(),
            Error::Index(_) | Error::Io(_) => false,
        }
    }
}

// Not a `#[source]`: the message above already says what it says, once.
impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Error {
        match e {
            // tantivy refuses some queries as it builds them (a wildcard
            // word whose automaton is too large): the request's fault, not
            // the index's.
            tantivy::TantivyError::InvalidArgument(why) => Error::Request(format!(
                "the query cannot be run: {why}; simplify it (fewer or shorter wildcard and fuzzy words)"
            )),
            e => Error::Index(e),
        }
    }
}

impl From<DateRangeError> for Error {
    fn from(e: DateRangeError) -> Error {
        Error::Request(e.0)
    }
}

/// tantivy's error as a user should read it: a damaged file named, with
/// what to do, instead of its debug text.
fn describe_tantivy(e: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as T;
    match e {
        T::DataCorruption(c) => format!(
            "a file is damaged ({c:?}); check the index with `econ-archive verify` and rebuild it with `index --rebuild`"
        ),
        T::OpenReadError(o) => format!(
            "{o}; check the index with `econ-archive verify` and rebuild it with `index --rebuild`"
        ),
        T::IoError(io) => format!(
            "{io}; check the index with `econ-archive verify` and rebuild it with `index --rebuild`"
        ),
        T::InternalError(m) => m.clone(),
        other => other.to_string(),
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
