//! Writing what the archive answers, for people and for programs: one
//! [`Format`], one set of [`OutputOptions`], and for each kind of record
//! ([`Kind`]) one schema that every machine format follows.
//!
//! * JSON: one object per command — its summary fields and a list of
//!   records, one per line — streamed;
//! * JSON lines: one record per line;
//! * CSV: RFC 4180 with a header row, the schema's CSV fields, text cells
//!   formula-neutralised ([`csv_safe`]);
//! * Markdown: a heading, a summary and a table ([`markdown_escape`]);
//! * table: the terminal view ([`terminal`]), colour only on a terminal.
//!
//! The searcher never formats; a writer never searches. A closed pipe
//! surfaces as an `io::Error` of kind `BrokenPipe`, which the command line
//! treats as the reader having seen enough.

mod answers;
pub mod chart;
mod csv;
mod json;
mod markdown;
mod records;
mod schema;
pub mod terminal;
pub mod trend;

pub use self::csv::csv_safe;
pub use answers::{
    write_article, write_kwic, write_quotes, write_search, write_speakers, write_stats,
    write_topics, write_trend,
};
pub use markdown::markdown_escape;
pub use records::{CountRow, CountsHead, KwicHead, QuotesHead, Record, SearchHead, TopicsHead};
pub use schema::{schema_markdown, Csv, FieldDef, Kind};
pub use trend::TrendRow;

use std::io::{self, Write};
use std::path::Path;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The terminal view.
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

impl Format {
    /// Every format, by its `--format` name.
    pub const NAMES: &'static str = "table, json, jsonl, csv or md";

    /// Parses a `--format` value (`text` is a name of `table`).
    pub fn from_name(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Some(Format::Table),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// The name `--format` (and the API's `format=`) knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "md",
        }
    }

    /// Does this format write a list's summary (a search's total and
    /// facets) before the records? CSV and JSON lines hold records only,
    /// so what only the summary shows need not be counted for them.
    pub fn writes_summary(self) -> bool {
        !matches!(self, Format::Csv | Format::Jsonl)
    }

    /// The format an output file's extension asks for (not `table`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        match Format::from_name(ext) {
            Some(Format::Table) => None,
            f => f,
        }
    }
}

/// How to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputOptions {
    pub format: Format,
    /// Colour in the table view.
    pub color: bool,
    /// Include article bodies in search results.
    pub with_body: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            format: Format::Table,
            color: false,
            with_body: false,
        }
    }
}

/// Receives a list of records of one kind: a summary first, then the
/// records one at a time, then the end.
pub trait ListWriter<R: Record> {
    fn start(&mut self, head: &R::Head) -> io::Result<()>;
    fn record(&mut self, record: &R) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// The writer of a list of `R` records in the format asked for.
pub fn list_writer<'w, R: Record + 'w>(
    opts: &OutputOptions,
    out: Box<dyn Write + 'w>,
) -> Box<dyn ListWriter<R> + 'w> {
    match opts.format {
        Format::Table => R::terminal(out, terminal::Style { color: opts.color }),
        Format::Json => Box::new(json::JsonList::new(out, *opts)),
        Format::Jsonl => Box::new(json::JsonLines::new(out, *opts)),
        Format::Csv => Box::new(csv::CsvList::new(out, *opts)),
        Format::Markdown => Box::new(markdown::MarkdownList::new(out, *opts)),
    }
}

/// A record as a JSON object, its fields in schema order (bodies of
/// search hits only `with_body`).
pub fn json_object<R: Record>(
    record: &R,
    with_body: bool,
) -> serde_json::Map<String, serde_json::Value> {
    records::to_json(record, with_body)
}

/// A float as JSON with the digits it has: an `f32` (scores) widened to
/// `f64` would print as 21.702108383178711.
pub(crate) fn json_f32(x: f32) -> serde_json::Value {
    let shortest: f64 = x.to_string().parse().unwrap_or(f64::from(x));
    serde_json::Number::from_f64(shortest)
        .map(serde_json::Value::Number)
        .unwrap_or(serde_json::Value::Null)
}

/// A writer for machine formats (CSV, JSON, Markdown) going to a terminal:
/// every character that would act on the terminal or hide how text reads
/// ([`crate::text::acts_on_terminal`]: escape sequences, C0 and C1
/// controls, bidirectional and zero-width characters) is shown as U+FFFD.
/// Files written with `--output` keep the data as it is.
pub struct TerminalSafe<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence cut by the end of the last write.
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    pub fn new(inner: W) -> TerminalSafe<W> {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> io::Result<()> {
        let mut clean = String::with_capacity(text.len());
        for c in text.chars() {
            clean.push(if crate::text::acts_on_terminal(c) {
                '\u{FFFD}'
            } else {
                c
            });
        }
        self.inner.write_all(clean.as_bytes())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let mut rest: &[u8] = &bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // (the prefix is valid UTF-8 by the error's own account)
                    self.emit(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // Cut at the end: wait for the rest of the sequence.
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.inner.write_all("\u{FFFD}".as_bytes())?;
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
