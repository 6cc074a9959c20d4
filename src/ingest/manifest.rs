//! The manifest beside the index: each indexed file's size, time and hash,
//! the enricher that produced the index, and the folders its files are
//! keyed under. It is only a cache that lets an unchanged file be
//! recognised without reading it; the index is the truth.

use crate::index::MANIFEST_FILE;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct FileState {
    pub size: u64,
    pub mtime_ns: i128,
    /// blake3 of the file's bytes (hex), with the sidecar's hash when one applies.
    pub hash: String,
    pub articles: usize,
    /// Why the file holds no articles, when the reader said it is none (a
    /// word list…): an unchanged file is reported so without reading it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Manifest {
    /// The enricher that produced the index ([`Enricher::fingerprint`]).
    #[serde(default)]
    pub enricher: u64,
    /// Articles the index held at the commit this manifest was written
    /// after: a manifest that disagrees with its index (an index restored,
    /// damaged or half-lost) is not trusted.
    #[serde(default)]
    pub index_articles: Option<u64>,
    pub files: BTreeMap<String, FileState>,
    /// The folders the files were found in, with the prefix of their keys
    /// (see [`super::roots`]); a later run of single files keys them alike.
    #[serde(default)]
    pub roots: Vec<RecordedRoot>,
}

/// A folder an indexing run walked: its canonical path and the prefix of
/// its files' keys (`""` when it was the only one).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct RecordedRoot {
    pub path: String,
    pub label: String,
}

impl Manifest {
    pub fn load(dir: &Path) -> Manifest {
        std::fs::read(dir.join(MANIFEST_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        std::fs::write(
            &tmp,
            serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, dir.join(MANIFEST_FILE))
    }
}
