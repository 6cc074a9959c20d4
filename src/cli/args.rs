//! Arguments several commands share, declared once; each is checked here,
//! before any index is opened.

use crate::exit::usage;
use econ_archive::date::DateRange;
use econ_archive::enrich::aliases::Aliases;
use econ_archive::enrich::topics::Taxonomy;
use econ_archive::enrich::Enricher;
use econ_archive::output::{Format, OutputOptions};
use econ_archive::read::ReadOptions;
use econ_archive::{Filters, Query};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Default corpus folder, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";
/// Default index folder, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";

/// Which index to use.
#[derive(clap::Args, Debug, Clone)]
pub struct IndexArg {
    /// Index folder.
    #[arg(long, value_name = "DIR", env = "ECON_ARCHIVE_INDEX", default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// A search cluster to use instead of (for `index`: besides) the index folder.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Search cluster")]
pub struct EngineArgs {
    /// OpenSearch (or Elasticsearch) cluster to search, and for `index` to
    /// push to: a node's URL, or several separated by commas.
    #[arg(long, value_name = "URL", env = "ECON_ARCHIVE_ENGINE")]
    pub engine: Option<String>,
    /// Name (alias) of the archive on the cluster.
    #[arg(long, value_name = "NAME", env = "ECON_ARCHIVE_ENGINE_NAME",
          default_value = econ_archive::cluster::DEFAULT_NAME, requires = "engine")]
    pub engine_name: String,
    /// User for basic authentication (the password from
    /// ECON_ARCHIVE_ENGINE_PASSWORD).
    #[arg(
        long,
        value_name = "USER",
        env = "ECON_ARCHIVE_ENGINE_USER",
        requires = "engine"
    )]
    pub engine_user: Option<String>,
    /// Password for --engine-user (better given in the environment).
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "ECON_ARCHIVE_ENGINE_PASSWORD",
        hide_env_values = true,
        requires = "engine"
    )]
    pub engine_password: Option<String>,
    /// API key (the cluster's base64 `id:key`).
    #[arg(
        long,
        value_name = "KEY",
        env = "ECON_ARCHIVE_ENGINE_API_KEY",
        hide_env_values = true,
        requires = "engine",
        conflicts_with = "engine_user"
    )]
    pub engine_api_key: Option<String>,
    /// PEM file of the certificate authorities to trust for https.
    #[arg(
        long,
        value_name = "FILE",
        env = "ECON_ARCHIVE_ENGINE_CA",
        requires = "engine"
    )]
    pub engine_ca: Option<PathBuf>,
}

impl EngineArgs {
    /// The cluster's settings, when one is named.
    pub fn config(&self) -> Option<econ_archive::cluster::EngineConfig> {
        let url = self.engine.as_deref()?;
        let mut c = econ_archive::cluster::EngineConfig::new(url);
        c.name = self.engine_name.clone();
        c.user = self.engine_user.clone();
        c.password = self.engine_password.clone();
        c.api_key = self.engine_api_key.clone();
        c.ca_file = self.engine_ca.clone();
        Some(c)
    }
}

/// The query words of a command, joined with spaces and parsed.
/// Notes on how the query was read go to stderr.
pub fn query_of(words: &[String]) -> anyhow::Result<Query> {
    let query = Query::parse(&words.join(" "))?;
    for note in query.notes() {
        eprintln!("note: {note}");
    }
    Ok(query)
}

/// Says on stderr when `--offset` skipped past every result, so an empty
/// page is not taken for an empty result.
pub fn note_offset_past_end(offset: usize, total: usize, written: usize) {
    if written == 0 && total > 0 && offset >= total {
        eprintln!("note: --offset {offset} is past the end: there are {total} in all");
    }
}

/// Filters shared by the commands that search.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only articles quoting this person (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only articles about this topic slug (repeatable: any of them).
    #[arg(long, value_name = "SLUG")]
    pub topic: Vec<String>,
    /// Only articles from this source (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles with this tag of their own (repeatable: any of them).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only articles dated on or after DATE (2017-07-18, 2017-07, 2017…).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles dated up to the end of DATE (--until 2017 includes all of 2017).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl FilterArgs {
    /// The filters, with their dates parsed (a bad date is a usage error).
    pub fn filters(&self) -> anyhow::Result<Filters> {
        Ok(Filters {
            speakers: self.speaker.clone(),
            topics: self.topic.clone(),
            sources: self.source.clone(),
            tags: self.tag.clone(),
            dates: DateRange::parse(self.since.as_deref(), self.until.as_deref())
                .map_err(|e| usage(e.0))?,
            ..Filters::default()
        })
    }
}

/// Where and how a command writes its results.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// table, json, jsonl, csv or md (default: table, or from --output's extension).
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to FILE instead of the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No colour, even on a terminal.
    #[arg(long)]
    pub no_color: bool,
    /// Whether `--output` replaced an existing file (said in the report line).
    #[arg(skip)]
    pub replaced: std::cell::Cell<bool>,
}

/// The index folder `path` would be written into, if any: the folder of
/// the path or one above it holds an index.
fn index_folder_holding(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    absolute
        .ancestors()
        .skip(1)
        .find(|f| econ_archive::read::walk::is_index_folder(f))
        .map(Path::to_path_buf)
}

impl OutputArgs {
    /// The format asked for by --format, else by --output's extension, else
    /// `default`; refused unless it is one of `allowed`.
    pub fn format_among(&self, default: Format, allowed: &[Format]) -> anyhow::Result<Format> {
        let names = || {
            allowed
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let format = match (&self.format, &self.output) {
            (Some(f), _) => Format::from_name(f)
                .ok_or_else(|| usage(format!("unknown format {f:?}: use {}", names())))?,
            (None, Some(p)) => Format::from_path(p).ok_or_else(|| {
                usage(format!(
                    "cannot tell the format from {:?}: add --format ({})",
                    p.display().to_string(),
                    names()
                ))
            })?,
            (None, None) => default,
        };
        if !allowed.contains(&format) {
            return Err(usage(format!(
                "this command does not write {}: use {}",
                format.name(),
                names()
            )));
        }
        Ok(format)
    }

    /// Any format, table by default.
    pub fn format(&self) -> anyhow::Result<Format> {
        self.format_among(Format::Table, &ALL_FORMATS)
    }

    /// The output options for `format`: colour only in the table view on a
    /// terminal.
    pub fn options(&self, format: Format) -> OutputOptions {
        OutputOptions {
            format,
            color: format == Format::Table
                && self.output.is_none()
                && !self.no_color
                && std::env::var_os("NO_COLOR").is_none()
                && std::io::stdout().is_terminal(),
            with_body: false,
        }
    }

    /// The destination: the file (created anew, replacing one that is
    /// there, as `sort -o` and `curl -o` do; the summary line says so) or
    /// standard output. A file inside an index folder is refused: it could
    /// overwrite the index's own files. Machine formats written to a
    /// terminal show control and invisible characters as U+FFFD, so an
    /// article cannot retitle, clear or script the terminal.
    pub fn destination(&self, format: Format) -> anyhow::Result<Box<dyn Write>> {
        use anyhow::Context;
        let Some(p) = &self.output else {
            let stdout = std::io::stdout();
            let terminal = stdout.is_terminal();
            let out = std::io::BufWriter::new(stdout.lock());
            return Ok(if terminal && format != Format::Table {
                Box::new(econ_archive::output::TerminalSafe::new(out))
            } else {
                Box::new(out)
            });
        };
        if let Some(index) = index_folder_holding(p) {
            return Err(usage(format!(
                "refusing to write {} inside the index folder {}: choose a path outside it",
                p.display(),
                index.display()
            )));
        }
        if p.is_file() {
            self.replaced.set(true);
        }
        Ok(Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )))
    }

    /// Says on stderr what went to the output file, if there is one.
    pub fn report(&self, what: std::fmt::Arguments) {
        if let Some(p) = &self.output {
            let replaced = if self.replaced.get() {
                " (replacing the file that was there)"
            } else {
                ""
            };
            eprintln!("wrote {what} to {}{replaced}", p.display());
        }
    }
}

/// Every format.
pub const ALL_FORMATS: [Format; 5] = [
    Format::Table,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Markdown,
];

/// An enrichment step that `--skip` can switch off (dates are always parsed:
/// filters and trends depend on them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    Speakers,
    Topics,
}

/// How articles are read and enriched (`index`, `extract`).
#[derive(clap::Args, Debug, Clone)]
pub struct EnrichArgs {
    /// Skip speaker and topic extraction (dates are still parsed).
    #[arg(long)]
    pub no_enrich: bool,
    /// Skip one enrichment step (repeatable): speakers or topics.
    #[arg(long, value_enum, value_name = "STEP")]
    pub skip: Vec<Step>,
    /// A taxonomy file that extends or replaces the built-in one (see README).
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// Speaker aliases (TOML, see README) [default: speakers.toml at the top of the corpus, if any;
    /// with several corpus folders, at most one of them may hold one].
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Skip files larger than this (e.g. 500M, 2G). Applies to the formats
    /// read whole into memory (JSON, CSV, HTML, Markdown, text, Reuters);
    /// JSON-lines files are read in 8 MB pieces and have no limit.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// How to read dates like 01/03/1987 whose day and month could be either:
    /// mdy (month first, the default) or dmy (day first). 13/03/1987 is
    /// always day first; 09.01.2024 (dots) always day first.
    #[arg(long, value_name = "ORDER", default_value = "mdy")]
    pub date_order: econ_archive::date::DateOrder,
    /// Do not read paths matching GLOB (gitignore syntax, repeatable); also
    /// read from `.econ-archive-ignore` at the top of each corpus folder. README*,
    /// LICENSE* and similar are excluded by default (`!README*` in the
    /// ignore file reads them).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Say which column or key holds which field, for exports whose names
    /// are not recognised: --map title=Headline,date="Pub Date",body=Story
    /// (fields: title, body, date, author, source, url, id, tags, speakers).
    #[arg(long, value_name = "FIELD=NAME,…")]
    pub map: Vec<String>,
    /// Follow symbolic links to files and folders outside the corpus folder
    /// (skipped by default, and listed as skipped).
    #[arg(long)]
    pub follow_outside: bool,
}

impl EnrichArgs {
    /// The enricher: `--taxonomy` extending or replacing the built-in
    /// taxonomy, the steps switched off, the alias file in force (`--aliases`,
    /// else `speakers.toml` at the top of a corpus folder: one of them, as
    /// the aliases hold for the whole index). A broken file, or alias files
    /// in two folders, is a usage error.
    pub fn enricher(&self, corpus_folders: &[&Path]) -> anyhow::Result<Enricher> {
        let tax = match &self.taxonomy {
            Some(p) => Taxonomy::with_user_file(p).map_err(|e| usage(e.to_string()))?,
            None => Taxonomy::builtin(),
        };
        let enrich = !self.no_enrich;
        let speakers = enrich && !self.skip.contains(&Step::Speakers);
        let topics = enrich && !self.skip.contains(&Step::Topics);
        let mut e = Enricher::new(tax, speakers, topics)
            .with_date_order(self.date_order)
            .with_reading_settings(&self.map);
        let aliases = match &self.aliases {
            Some(p) => Some(p.clone()),
            None => {
                let found: Vec<PathBuf> = corpus_folders
                    .iter()
                    .map(|c| c.join("speakers.toml"))
                    .filter(|p| p.is_file())
                    .collect();
                if found.len() > 1 {
                    let names: Vec<String> =
                        found.iter().map(|p| p.display().to_string()).collect();
                    return Err(usage(format!(
                        "several alias files ({}): the aliases hold for the whole index, so name one with --aliases FILE",
                        names.join(", ")
                    )));
                }
                found.into_iter().next()
            }
        };
        if let Some(p) = aliases {
            let a = Aliases::from_file(&p).map_err(|e| usage(e.to_string()))?;
            e = e.with_aliases(a);
        }
        Ok(e)
    }

    /// Sets the `--map` field names for the readers (a usage error when one
    /// names an unknown field).
    pub fn apply_field_map(&self) -> anyhow::Result<()> {
        if self.map.is_empty() {
            return Ok(());
        }
        econ_archive::read::set_field_map(&self.map).map_err(usage)
    }

    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_file_bytes: self.max_file_size,
            follow_outside: self.follow_outside,
            exclude: self.exclude.clone(),
        }
    }

    /// Checks the exclusions (the corpus's ignore file and `--exclude`)
    /// before any work: a broken pattern is a usage error.
    pub fn check_exclusions(&self, corpus: &Path) -> anyhow::Result<()> {
        if corpus.is_dir() {
            econ_archive::read::walk::exclusions(corpus, &self.exclude).map_err(usage)?;
        }
        Ok(())
    }
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
