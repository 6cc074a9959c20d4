//! The files of an index folder besides tantivy's segments: the version
//! stamp, the taxonomy in force, the ingest manifest and the writer's pid.
//! Only files named here (and tantivy's own) are ever deleted by a rebuild,
//! so pointing `--index` at a wrong folder with `--rebuild` cannot wipe it.

use super::schema::SCHEMA_VERSION;
use super::OpenError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Which version built the index.
pub const STAMP_FILE: &str = "econ-archive.json";
/// The taxonomy the index was built with.
pub const TAXONOMY_FILE: &str = "econ-archive-taxonomy.toml";
/// Each indexed file's size, time and hash (a cache kept by ingest).
pub const MANIFEST_FILE: &str = "econ-archive-manifest.json";
/// Every speaker name with its articles, for the segments it was counted
/// from (a cache: grouping people needs it on every `--speaker`).
pub const PEOPLE_FILE: &str = "econ-archive-speakers.json";
/// The process that is writing the index.
pub const PID_FILE: &str = "econ-archive.pid";

/// What the stamp file holds (also the payload of every commit).
#[derive(Debug, Serialize, Deserialize)]
pub struct Stamp {
    pub schema_version: u32,
    pub built_by: String,
}

impl Stamp {
    /// The stamp of this program's version.
    pub fn current() -> Stamp {
        Stamp {
            schema_version: SCHEMA_VERSION,
            built_by: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// As JSON (the commit payload and the stamp file's content).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Writes the stamp atomically (a temporary file renamed over the old one).
pub(crate) fn write_stamp(dir: &Path) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(&Stamp::current()).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!("{STAMP_FILE}.tmp"));
    std::fs::write(&tmp, text)?;
    std::fs::rename(tmp, dir.join(STAMP_FILE))
}

/// Refuses an index written by a version with another on-disk layout.
pub(crate) fn check_stamp(dir: &Path) -> Result<(), OpenError> {
    let stamp: Option<Stamp> = std::fs::read_to_string(dir.join(STAMP_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    // A lost stamp is recovered from the last commit, which carries it.
    let stamp = stamp.or_else(|| {
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("meta.json")).ok()?).ok()?;
        let recovered: Stamp = serde_json::from_str(meta["payload"].as_str()?).ok()?;
        if recovered.schema_version == SCHEMA_VERSION {
            let _ = write_stamp(dir);
        }
        Some(recovered)
    });
    match stamp {
        Some(s) if s.schema_version == SCHEMA_VERSION => Ok(()),
        Some(s) => Err(OpenError::Version {
            built_by: s.built_by,
            found: s.schema_version,
            expected: SCHEMA_VERSION,
        }),
        None => Err(OpenError::Version {
            built_by: "another program or an unknown version".into(),
            found: 0,
            expected: SCHEMA_VERSION,
        }),
    }
}

/// Who holds the writer lock, as the error says it: " (pid N)", or
/// nothing when the pid file is gone.
pub(crate) fn lock_holder(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(PID_FILE))
        .map(|p| format!(" (pid {})", p.trim()))
        .unwrap_or_default()
}

/// tantivy's writer lock file: whoever holds an exclusive lock on it writes.
pub(crate) const WRITER_LOCK_FILE: &str = ".tantivy-writer.lock";

/// Takes the writer lock as tantivy takes it (an exclusive advisory lock on
/// its lock file), for work on a folder tantivy cannot open; `None` when
/// another process holds it.
pub(crate) fn lock_writer(dir: &Path) -> std::io::Result<Option<std::fs::File>> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(WRITER_LOCK_FILE))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes the index files in `dir`: only those tantivy or this program
/// wrote (not the writer lock, which the caller holds).
pub(crate) fn clear_index_dir(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        let ours = matches!(
            name.as_str(),
            "meta.json"
                | ".managed.json"
                | ".tantivy-meta.lock"
                | STAMP_FILE
                | TAXONOMY_FILE
                | MANIFEST_FILE
                | PEOPLE_FILE
                | PID_FILE
                | crate::dups::DUPS_FILE
        ) || is_segment_file(&name);
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn is_segment_file(name: &str) -> bool {
    // tantivy segment files: <32 hex chars>[.<opstamp>].<ext>
    let stem = name.split('.').next().unwrap_or("");
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Bytes of the files directly in `dir`.
pub(crate) fn size_of(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let meta = entry?.metadata()?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}
