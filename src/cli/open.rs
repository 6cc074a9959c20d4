//! Opening the archive a command reads. The default index is built from the
//! embedded sample corpus on first use, saying so on stderr.

use crate::args::{DEFAULT_CORPUS, DEFAULT_INDEX};
use crate::progress::Drawn;
use anyhow::Context;
use econ_archive::index::EmbeddedIndex;
use econ_archive::ingest::{self, IngestOptions};
use econ_archive::Archive;
use std::io::IsTerminal;
use std::path::Path;

/// Opens the archive in `index` for reading.
pub fn open_archive(index: &Path) -> anyhow::Result<Archive> {
    if !EmbeddedIndex::exists(index)
        && index == Path::new(DEFAULT_INDEX)
        && Path::new(DEFAULT_CORPUS).is_dir()
    {
        eprintln!(
            "econ-archive: no index yet; building {DEFAULT_INDEX}/ from {DEFAULT_CORPUS}/ (first use)…"
        );
        let mut progress = Drawn::new(std::io::stderr().is_terminal(), false);
        let report = ingest::index_corpus(
            Path::new(DEFAULT_CORPUS),
            index,
            &IngestOptions::default(),
            &mut progress,
        )
        .context("building the default index")?;
        eprintln!(
            "econ-archive: indexed {} articles from {} files in {:.1} s",
            report.articles,
            report.files.len(),
            report.seconds
        );
    }
    Ok(Archive::open(index)?)
}
