//! Opening the archive a command reads. The default index is built from the
//! embedded sample corpus on first use, saying so on stderr.

use crate::args::{IndexArg, DEFAULT_CORPUS, DEFAULT_INDEX};
use crate::progress::Drawn;
use anyhow::Context;
use econ_archive::cluster::ClusterBackend;
use econ_archive::index::EmbeddedIndex;
use econ_archive::ingest::{self, IngestOptions};
use econ_archive::{Archive, Filters};
use std::io::IsTerminal;
use std::path::Path;

/// Opens the archive a command reads: the search cluster of `--engine`,
/// else the index folder.
pub fn open_archive(args: &IndexArg) -> anyhow::Result<Archive> {
    if let Some(config) = args.engine.config() {
        let backend = ClusterBackend::open(&config)?;
        return Ok(Archive::with_backend(Box::new(backend)));
    }
    let index = args.index.as_path();
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

/// Says on stderr when a `--speaker` names more than one person in the
/// archive: all of them are searched, and the user may have meant one.
pub fn note_speakers(archive: &Archive, filters: &Filters) -> anyhow::Result<()> {
    for m in archive.speaker_matches(filters)? {
        if m.people.len() < 2 {
            continue;
        }
        let mut shown: Vec<String> = Vec::new();
        for p in m.people.iter().take(6) {
            shown.push(match archive.person_articles(p)? {
                1 => format!("{} (1 article)", p.name),
                n => format!("{} ({n} articles)", p.name),
            });
        }
        let more = m.people.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        eprintln!(
            "note: --speaker {:?} matches {} people: {}{more}; all are included. Give a full name (--speaker {:?}) for one, or see `econ-archive speakers --variants NAME`",
            m.wanted,
            m.people.len(),
            shown.join(", "),
            m.people[0].name,
        );
    }
    Ok(())
}
