//! What the commands share: exit codes, the default paths, opening the
//! archive (building it from the embedded corpus on first use), and output
//! destinations.

use anyhow::Context;
use econ_archive::enrich::aliases::Aliases;
use econ_archive::enrich::topics::Taxonomy;
use econ_archive::enrich::Enricher;
use econ_archive::ingest::{self, IngestOptions};
use econ_archive::search::SearchError;
use econ_archive::store::{Archive, StoreError};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Default corpus folder, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";
/// Default index folder, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";

/// Exit codes, as documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    NoResults = 1,
    Usage = 2,
    SomeFilesFailed = 3,
    Failure = 4,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// An error in what the user asked for (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    UsageError(msg.into()).into()
}

/// The exit code for an error that ended a command.
pub fn exit_code_of(e: &anyhow::Error) -> Exit {
    for cause in e.chain() {
        if cause.is::<UsageError>()
            || cause.is::<econ_archive::query::QueryError>()
            || matches!(
                cause.downcast_ref::<SearchError>(),
                Some(SearchError::Query(_) | SearchError::Filter(_))
            )
            || matches!(
                cause.downcast_ref::<StoreError>(),
                Some(StoreError::Missing { .. })
            )
        {
            return Exit::Usage;
        }
    }
    Exit::Failure
}

/// One line: the error and its causes.
pub fn describe(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// Opens the archive for reading. The default index is built from the
/// default corpus on first use, saying so on stderr.
pub fn open_archive(index: &Path) -> anyhow::Result<Archive> {
    if !Archive::exists(index)
        && index == Path::new(DEFAULT_INDEX)
        && Path::new(DEFAULT_CORPUS).is_dir()
    {
        eprintln!(
            "econ-archive: no index yet; building {DEFAULT_INDEX}/ from {DEFAULT_CORPUS}/ (first use)…"
        );
        let opts = IngestOptions {
            progress_bar: std::io::stderr().is_terminal(),
            ..IngestOptions::default()
        };
        let report = ingest::index_corpus(Path::new(DEFAULT_CORPUS), index, &opts)
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

/// An enrichment step that `--skip` can switch off (dates are always parsed:
/// filters and trends depend on them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    Speakers,
    Topics,
}

/// The enricher for `--taxonomy FILE` (extending or replacing the built-in
/// taxonomy), `--no-enrich` and `--skip STEP`. A broken taxonomy file is a
/// usage error.
pub fn enricher(
    taxonomy: Option<&Path>,
    enrich: bool,
    skip: &[Step],
    aliases: Option<&Path>,
) -> anyhow::Result<Enricher> {
    let tax = match taxonomy {
        Some(p) => Taxonomy::with_user_file(p).map_err(|e| usage(e.to_string()))?,
        None => Taxonomy::builtin(),
    };
    let speakers = enrich && !skip.contains(&Step::Speakers);
    let topics = enrich && !skip.contains(&Step::Topics);
    let mut e = Enricher::new(tax, speakers, topics);
    if let Some(p) = aliases {
        let a = Aliases::from_file(p).map_err(|e| usage(e.to_string()))?;
        e = e.with_aliases(a);
    }
    Ok(e)
}

/// The alias file in force: `--aliases FILE`, else `speakers.toml` at the
/// top of the corpus when there is one.
pub fn aliases_file(flag: Option<&Path>, corpus: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf).or_else(|| {
        corpus
            .map(|c| c.join("speakers.toml"))
            .filter(|p| p.is_file())
    })
}

/// Where a command writes: a file (created anew) or standard output.
pub fn output(path: Option<&PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// Should output to stdout be coloured?
pub fn color_wanted(no_color: bool) -> bool {
    !no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Parses sizes like `500M`, `2G`, `1048576`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("invalid size {s:?}: use e.g. 500M, 2G or a number of bytes"))
}
