//! The archive on a search cluster (OpenSearch, or Elasticsearch for the
//! subset used): the second [`Backend`](crate::search::Backend).
//!
//! The archive keeps doing what no engine does — reading files, dating
//! them, finding speakers, quotes, topics and copies — in the embedded
//! index, which stays the ledger of what was indexed; [`push`] makes the
//! cluster hold exactly the articles of that index, and
//! [`ClusterBackend`] answers every request from the cluster.
//!
//! * `client`: HTTP with credentials, a CA, several nodes, and retries;
//! * `mapping`: the index layout, its analysers and the versioned names
//!   behind the alias;
//! * `translate`: the query tree and filters as the cluster's DSL;
//! * `backend`: the [`Backend`](crate::search::Backend) implementation;
//! * `scan`: every matching document through a point in time;
//! * `push`: the embedded index's articles sent to the cluster.
//!
//! Counts are exact: facets and counts page composite aggregations to
//! their end, periods are calendar periods of `date_histogram`, totals
//! are tracked whole.

mod backend;
mod client;
mod mapping;
mod push;
mod scan;
mod translate;

pub use backend::ClusterBackend;
pub use mapping::CLUSTER_SCHEMA;
pub use push::{push, PushOptions, PushProgress, PushReport};

use std::path::PathBuf;
use std::time::Duration;

/// Where the cluster is and how to sign in.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// One node's address, or several separated by commas
    /// (`https://a:9200,https://b:9200`): a request goes to the next when
    /// one cannot be reached.
    pub url: String,
    /// The alias searches go through (the archive's name on the cluster).
    pub name: String,
    pub user: Option<String>,
    pub password: Option<String>,
    /// An API key (`id:key` base64-encoded, as the cluster issues it).
    pub api_key: Option<String>,
    /// A PEM file of the certificate authorities to trust for `https`.
    pub ca_file: Option<PathBuf>,
    /// Longest a request may take.
    pub timeout: Duration,
}

impl EngineConfig {
    /// A cluster at `url` with the default archive name and no credentials.
    pub fn new(url: &str) -> EngineConfig {
        EngineConfig {
            url: url.to_string(),
            name: DEFAULT_NAME.to_string(),
            user: None,
            password: None,
            api_key: None,
            ca_file: None,
            timeout: Duration::from_secs(300),
        }
    }
}

/// The alias of the archive on a cluster unless another is given.
pub const DEFAULT_NAME: &str = "econ-archive";

/// Why the cluster could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("the search cluster at {url} cannot be reached ({why}); check --engine and that the cluster is running")]
    Unreachable { url: String, why: String },
    #[error("the search cluster at {url} refused {request} (HTTP {status}): {reason}")]
    Refused {
        url: String,
        request: String,
        status: u16,
        reason: String,
    },
    #[error("the search cluster at {url} stayed busy for {request} after several tries ({why})")]
    Busy {
        url: String,
        request: String,
        why: String,
    },
    #[error("the search cluster at {url} is red: some of the archive's data is unavailable; searches would miss articles, so none are made")]
    Red { url: String },
    #[error("no archive named {name:?} on the search cluster at {url}; push one with `econ-archive index CORPUS --engine {url}`")]
    Missing { url: String, name: String },
    #[error("the archive {name:?} on {url} has layout {found} and this program reads {expected}; run `econ-archive index --engine {url}` again to rebuild it")]
    Version {
        url: String,
        name: String,
        found: u64,
        expected: u32,
    },
    #[error("{0}")]
    Config(String),
    #[error("the search cluster at {url} answered {request} with something unexpected: {what}")]
    Unexpected {
        url: String,
        request: String,
        what: String,
    },
}

impl ClusterError {
    /// A request the user made wrongly (a bad address, a missing archive),
    /// rather than a failure of the cluster.
    pub fn is_usage(&self) -> bool {
        matches!(self, ClusterError::Missing { .. } | ClusterError::Config(_))
            || matches!(self, ClusterError::Refused { status: 400, .. })
    }
}
