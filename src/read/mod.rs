//! Readers: turn corpus files into [`Article`]s.
//!
//! [`read_file`] picks the reader from the file extension ([`format_of`]),
//! refuses files over the size limit without reading them, sniffs binary
//! content, decodes the bytes ([`decode`]) and hands the text to one reader
//! per format. Readers never panic on any input; a bad record becomes a
//! warning, a file nothing can be read from becomes a [`ReadError`].
//!
//! Ids: a record's own id when it has one; otherwise `rel` for a file that
//! holds one article (`.txt`, `.md`, `.html`, a `.json` object) and `rel#N`
//! (N = 1-based position of the record in the file, counting records that
//! were skipped) for files that hold a list of records (JSON arrays, JSON
//! lines, CSV/TSV rows, Reuters collections). `path` is always `rel`.
//! Dates are not parsed here: the record's date text goes to `raw_date`
//! (see [`crate::date`]).

pub mod corpus;
pub mod decode;
pub mod delimited;
pub mod html;
pub mod json;
pub use json::record_hash;
pub mod markdown;
pub mod reuters;
pub mod sidecar;
pub mod text;
pub mod walk;

pub use corpus::{read_tree, Corpus, FileRole};
pub use walk::{WalkProblem, WalkedFile};

use crate::article::Article;
use std::path::Path;

/// Limits and switches for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are skipped as too large.
    pub max_file_bytes: u64,
    /// Follow symbolic links that lead outside the corpus folder.
    pub follow_outside: bool,
    /// Globs (gitignore syntax) of paths not to read, beyond the defaults
    /// and the corpus's ignore file.
    pub exclude: Vec<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_bytes: 256 * 1024 * 1024,
            follow_outside: false,
            exclude: Vec::new(),
        }
    }
}

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<Article>,
    /// Records passed over unparsed because the caller knew them unchanged
    /// (see [`read_file_in_pieces`]): how many of `articles` came before
    /// each, and its id.
    pub unchanged: Vec<(usize, String)>,
    /// Problems that did not stop the file (a bad record, a replaced byte…).
    pub warnings: Vec<String>,
    /// Bytes of the file this holds the articles of (for progress).
    pub bytes: u64,
}

/// Why a file produced no articles.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a supported format")]
    Unsupported,
    #[error(
        "too large ({size} bytes; files of this format are read whole and the limit is {limit}: raise it with --max-file-size, or split the file; JSON lines have no limit)"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed {format}: {reason}")]
    Malformed {
        format: &'static str,
        reason: String,
    },
    #[error("no articles in file")]
    Empty,
    /// A plain-text file that is a list or a table, not a story.
    #[error("not an article: {0}")]
    NotAnArticle(String),
}

impl ReadError {
    pub(crate) fn malformed(format: Format, reason: impl Into<String>) -> ReadError {
        ReadError::Malformed {
            format: format.name(),
            reason: reason.into(),
        }
    }
}

/// The file formats the archive reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`, `.text`
    Text,
    /// `.md`, `.markdown`
    Markdown,
    /// `.html`, `.htm`
    Html,
    /// `.json`: one object or an array of objects
    Json,
    /// `.jsonl`, `.ndjson`: one object per line
    JsonLines,
    /// `.csv`
    Csv,
    /// `.tsv`
    Tsv,
    /// `.sgm`, `.sgml`, `.xml`: Reuters-21578 collection files
    Reuters,
}

impl Format {
    /// Short name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Reuters => "reuters",
        }
    }

    /// The format for a file extension (without the dot, any case).
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "sgm" | "sgml" | "xml" => Format::Reuters,
            _ => return None,
        })
    }
}

/// The format a file will be read as, from its extension alone (the file is
/// not opened). `None`: not a supported file type. An `.xml` file is
/// `Some(Reuters)` here; [`read_file`] answers `Unsupported` if it is not a
/// Reuters collection.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    Format::from_extension(ext)
}

/// Reads one file. `rel` is the path relative to the corpus root, used for ids.
pub fn read_file(path: &Path, rel: &str, opts: &ReadOptions) -> Result<FileRead, ReadError> {
    let format = format_of(path).ok_or(ReadError::Unsupported)?;
    let size = std::fs::metadata(path)?.len();
    if size > opts.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: opts.max_file_bytes,
        });
    }
    let bytes = std::fs::read(path)?;
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_file_bytes,
        });
    }
    let is_xml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    if is_xml && !reuters::looks_like_reuters(&bytes) {
        return Err(ReadError::Unsupported);
    }
    read_bytes(&bytes, format, rel)
}

/// Reads one file and hands its articles to `sink` piece by piece, so that
/// memory stays bounded whatever the file's size: a JSON-lines file larger
/// than `piece_bytes` is read about `piece_bytes` at a time (whole lines;
/// ids and warnings number lines as in the whole file); any other file is
/// read whole and handed over in one piece. Errors are those of
/// [`read_file`]; a piece with no articles is not handed over. When `sink`
/// answers `Break`, reading stops there.
///
/// In a file read by pieces, a record whose [`json::record_hash`] `known`
/// recognises (the caller indexed it from exactly that line) is passed
/// over unparsed, as the id `known` answers: re-reading a large dump with a
/// few changed records parses only those.
pub fn read_file_in_pieces(
    path: &Path,
    rel: &str,
    opts: &ReadOptions,
    piece_bytes: usize,
    known: &mut dyn FnMut(u64) -> Option<String>,
    sink: &mut dyn FnMut(FileRead) -> std::ops::ControlFlow<()>,
) -> Result<(), ReadError> {
    use std::io::{BufRead, Read};
    let size = std::fs::metadata(path)?.len();
    if format_of(path) != Some(Format::JsonLines) || size <= piece_bytes as u64 {
        let mut whole = read_file(path, rel, opts)?;
        whole.bytes = size;
        let _ = sink(whole);
        return Ok(());
    }
    // JSON lines are read a piece at a time, so no size limit applies: a
    // one-gigabyte dump from a scraper is read whole, in bounded memory.
    let mut reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut buf = Vec::with_capacity(piece_bytes + (1 << 16));
    let mut first_line = 1;
    let mut articles = 0;
    let mut first_problem = None;
    let mut problems = 0;
    loop {
        buf.clear();
        (&mut reader)
            .take(piece_bytes as u64)
            .read_to_end(&mut buf)?;
        if buf.is_empty() {
            break;
        }
        if buf.last() != Some(&b'\n') {
            reader.read_until(b'\n', &mut buf)?;
        }
        if first_line == 1 {
            // What cannot be cut at newline bytes (UTF-16) or is not JSON
            // lines after all is read whole, as `read_file` would.
            let head = String::from_utf8_lossy(&buf[..buf.len().min(4096)]);
            if decode::looks_binary(&buf)
                || decode::has_utf16_bom(&buf)
                || sniff(Format::JsonLines, &head) != Format::JsonLines
            {
                drop(reader);
                let mut whole = read_file(path, rel, opts)?;
                whole.bytes = size;
                let _ = sink(whole);
                return Ok(());
            }
        }
        let mut warnings = Vec::new();
        let text = decode::decode(&buf, &mut warnings);
        let mut read = json::read_jsonl_from(&text, rel, first_line, known);
        read.bytes = buf.len() as u64;
        first_line += memchr_count(b'\n', &buf);
        warnings.append(&mut read.warnings);
        read.warnings = warnings;
        problems += read.warnings.len();
        if first_problem.is_none() {
            first_problem = read.warnings.first().cloned();
        }
        for a in &mut read.articles {
            a.path = rel.to_string();
        }
        articles += read.articles.len() + read.unchanged.len();
        let any = !read.articles.is_empty() || !read.unchanged.is_empty();
        if (any || !read.warnings.is_empty()) && sink(read).is_break() {
            return Ok(());
        }
    }
    if articles == 0 {
        return Err(match first_problem {
            Some(first) => ReadError::malformed(
                Format::JsonLines,
                format!("no readable records ({problems} problem(s), first: {first})"),
            ),
            None => ReadError::Empty,
        });
    }
    Ok(())
}

fn memchr_count(byte: u8, bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == byte).count()
}

/// Reads file content already in memory as `format` (after sniffing: a
/// `.txt` that is HTML is read as HTML, a `.json` holding JSON lines as JSON
/// lines, a `.csv` with tabs and no commas as TSV…).
pub fn read_bytes(bytes: &[u8], format: Format, rel: &str) -> Result<FileRead, ReadError> {
    if decode::looks_binary(bytes) {
        return Err(ReadError::malformed(format, "binary file"));
    }
    let mut warnings = Vec::new();
    let text = decode::decode(bytes, &mut warnings);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let format = sniff(format, &text);
    if format == Format::Text {
        if let Some(why) = text::not_an_article(&text) {
            return Err(ReadError::NotAnArticle(why));
        }
    }
    let mut read = match format {
        Format::Text => text::read_text(&text, rel),
        Format::Markdown => markdown::read_markdown(&text, rel),
        Format::Html => html::read_html(&text, rel),
        Format::Json => json::read_json(&text, rel)?,
        Format::JsonLines => json::read_jsonl(&text, rel),
        Format::Csv => delimited::read_delimited(&text, rel, b',')?,
        Format::Tsv => delimited::read_delimited(&text, rel, b'\t')?,
        Format::Reuters => reuters::read_reuters(&text, rel)?,
    };
    warnings.append(&mut read.warnings);
    read.warnings = warnings;
    for a in &mut read.articles {
        a.path = rel.to_string();
    }
    // A web page with neither title nor text (only a script, a frame) is no
    // article. Records of data formats are kept as they are: a Reuters
    // story without text still carries its date and codes.
    if format == Format::Html {
        read.articles
            .retain(|a| !(a.title.trim().is_empty() && a.body.trim().is_empty()));
    }
    if read.articles.is_empty() {
        if let Some(first) = read.warnings.first() {
            return Err(ReadError::malformed(
                format,
                format!(
                    "no readable records ({} problem(s), first: {first})",
                    read.warnings.len()
                ),
            ));
        }
        return Err(ReadError::Empty);
    }
    Ok(read)
}

/// Corrects the extension's format from the content where that is unambiguous.
fn sniff(format: Format, text: &str) -> Format {
    let start = text.trim_start();
    let head: String = start
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    let htmlish = head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<!--") && head.contains("<html"));
    match format {
        Format::Text | Format::Markdown if htmlish => Format::Html,
        Format::Text if head.starts_with("<reuters") || head.starts_with("<!doctype lewis") => {
            Format::Reuters
        }
        Format::Json if json::looks_like_lines(text) => Format::JsonLines,
        Format::JsonLines if start.starts_with('[') => Format::Json,
        Format::Csv | Format::Tsv => {
            let first = start.lines().next().unwrap_or("");
            match (first.contains('\t'), first.contains(',')) {
                (true, false) => Format::Tsv,
                (false, true) => Format::Csv,
                _ => format,
            }
        }
        _ => format,
    }
}

/// The record fields the archive knows, matched from many key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    Body,
    Date,
    Author,
    Source,
    Url,
    Id,
    Tags,
    Speakers,
    /// A file name column (metadata sidecars).
    File,
}

/// Key aliases, normalised (lower case, letters and digits only), in
/// priority order: when a record has several keys for one field, the
/// earliest alias wins.
const ALIASES: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("headline", Field::Title),
    ("heading", Field::Title),
    // Guardian API
    ("webtitle", Field::Title),
    ("body", Field::Body),
    ("text", Field::Body),
    // news-please, Guardian API (`fields.bodyText`), trafilatura's raw text
    ("maintext", Field::Body),
    ("bodytext", Field::Body),
    ("rawtext", Field::Body),
    ("content", Field::Body),
    ("articlebody", Field::Body),
    ("article", Field::Body),
    ("story", Field::Body),
    ("fulltext", Field::Body),
    ("contents", Field::Body),
    ("date", Field::Date),
    ("published", Field::Date),
    ("pubdate", Field::Date),
    ("publicationdate", Field::Date),
    ("publishedat", Field::Date),
    ("publishdate", Field::Date),
    ("datepublished", Field::Date),
    ("publishedtime", Field::Date),
    ("publisheddate", Field::Date),
    ("datetime", Field::Date),
    ("time", Field::Date),
    ("timestamp", Field::Date),
    ("created", Field::Date),
    ("createdat", Field::Date),
    // news-please, Guardian API, GDELT
    ("datepublish", Field::Date),
    ("webpublicationdate", Field::Date),
    ("seendate", Field::Date),
    ("author", Field::Author),
    ("byline", Field::Author),
    ("authors", Field::Author),
    ("creator", Field::Author),
    ("writer", Field::Author),
    ("source", Field::Source),
    ("publisher", Field::Source),
    ("site", Field::Source),
    ("outlet", Field::Source),
    ("sitename", Field::Source),
    ("publication", Field::Source),
    ("newspaper", Field::Source),
    // newspaper3k/4k, Media Cloud; then host names (trafilatura, news-please, GDELT)
    ("metasitename", Field::Source),
    ("medianame", Field::Source),
    ("sourcehostname", Field::Source),
    ("hostname", Field::Source),
    ("sourcedomain", Field::Source),
    ("domain", Field::Source),
    ("url", Field::Url),
    ("link", Field::Url),
    ("permalink", Field::Url),
    ("canonicalurl", Field::Url),
    ("uri", Field::Url),
    ("weburl", Field::Url),
    ("canonicallink", Field::Url),
    ("id", Field::Id),
    ("guid", Field::Id),
    ("uuid", Field::Id),
    ("docid", Field::Id),
    ("articleid", Field::Id),
    ("storiesid", Field::Id),
    ("tags", Field::Tags),
    ("keywords", Field::Tags),
    ("subjects", Field::Tags),
    ("topics", Field::Tags),
    ("categories", Field::Tags),
    ("tag", Field::Tags),
    ("keyword", Field::Tags),
    ("subject", Field::Tags),
    ("category", Field::Tags),
    ("topic", Field::Tags),
    ("speakers", Field::Speakers),
    ("speaker", Field::Speakers),
    ("filename", Field::File),
    ("file", Field::File),
    ("path", Field::File),
    ("filepath", Field::File),
];

/// More than any alias's priority: keys of nested objects rank below all.
pub(crate) const ALIAS_COUNT: usize = ALIASES.len() + 1;

/// Column or key names the user mapped to fields (`--map`), set once per
/// process before reading; they win over the built-in aliases.
static FIELD_MAP: std::sync::OnceLock<Vec<(String, Field)>> = std::sync::OnceLock::new();

/// The field names a `--map` option can name.
pub const MAPPABLE_FIELDS: &[&str] = &[
    "title", "body", "date", "author", "source", "url", "id", "tags", "speakers",
];

/// Sets the user's field map from `field=Column Name` pairs (comma-separated
/// or one per item); called once, before any reading. An unknown field name
/// is an error naming the fields there are.
pub fn set_field_map(pairs: &[String]) -> Result<(), String> {
    let mut map = Vec::new();
    for item in pairs.iter().flat_map(|p| p.split(',')) {
        if item.trim().is_empty() {
            continue;
        }
        let (field, column) = item
            .split_once('=')
            .ok_or_else(|| format!("--map {item:?}: write field=Column, e.g. title=Headline"))?;
        let field = match field.trim().to_ascii_lowercase().as_str() {
            "title" => Field::Title,
            "body" | "text" => Field::Body,
            "date" => Field::Date,
            "author" | "authors" | "byline" => Field::Author,
            "source" | "publisher" => Field::Source,
            "url" => Field::Url,
            "id" => Field::Id,
            "tags" => Field::Tags,
            "speakers" => Field::Speakers,
            other => {
                return Err(format!(
                    "--map: unknown field {other:?} (fields: {})",
                    MAPPABLE_FIELDS.join(", ")
                ))
            }
        };
        let column = column.trim().trim_matches('"').trim();
        map.push((normalise_key(column), field));
    }
    FIELD_MAP
        .set(map)
        .map_err(|_| "the field map was already set".to_string())
}

fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a record key stands for, with its priority (lower wins): the
/// user's `--map` first, then the built-in aliases.
pub(crate) fn field_of(key: &str) -> Option<(Field, usize)> {
    let norm = normalise_key(key);
    if let Some(map) = FIELD_MAP.get() {
        if let Some((_, f)) = map.iter().find(|(k, _)| *k == norm) {
            return Some((*f, 0));
        }
    }
    ALIASES
        .iter()
        .position(|(a, _)| *a == norm)
        .map(|i| (ALIASES[i].1, i + 1))
}

/// The names in a byline: a leading "By" dropped, split at `;`, `&`, `|`
/// and " and "; split at commas only when every part has two words or more,
/// so "Lee, Ann" stays one name ("By Ann Lee and Bo Chen" → "Ann Lee",
/// "Bo Chen"). Every reader's authors go through it.
pub(crate) fn byline_names(byline: &str) -> Vec<String> {
    let v = collapse_ws(byline);
    let v = v
        .strip_prefix("By ")
        .or_else(|| v.strip_prefix("by "))
        .or_else(|| v.strip_prefix("BY "))
        .unwrap_or(&v);
    let mut parts: Vec<String> = Vec::new();
    for chunk in v.split([';', '&', '|']).flat_map(|c| c.split(" and ")) {
        let commas: Vec<&str> = chunk.split(',').map(str::trim).collect();
        if commas.len() > 1 && commas.iter().all(|c| c.split_whitespace().count() >= 2) {
            parts.extend(commas.iter().map(|c| c.to_string()));
        } else {
            parts.push(chunk.trim().trim_end_matches(',').trim().to_string());
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// Fields gathered from one record (JSON object, CSV row, front matter…).
#[derive(Debug, Default, Clone)]
pub(crate) struct RecordFields {
    title: Option<(usize, String)>,
    body: Option<(usize, String)>,
    date: Option<(usize, String)>,
    authors: Option<(usize, Vec<String>)>,
    source: Option<(usize, String)>,
    url: Option<(usize, String)>,
    id: Option<(usize, String)>,
    file: Option<(usize, String)>,
    pub tags: Vec<String>,
    pub speakers: Vec<String>,
}

impl RecordFields {
    /// Sets a single-valued field unless a higher-priority key already set it.
    /// Blank values are ignored.
    pub fn set(&mut self, field: Field, prio: usize, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let slot = match field {
            Field::Title => &mut self.title,
            Field::Body => &mut self.body,
            Field::Date => &mut self.date,
            Field::Author => {
                self.set_authors(prio, vec![value.to_string()]);
                return;
            }
            // trafilatura's `source` is the page's address, not its publisher.
            Field::Source if value.starts_with("http://") || value.starts_with("https://") => {
                &mut self.url
            }
            Field::Source => &mut self.source,
            Field::Url => &mut self.url,
            Field::Id => &mut self.id,
            Field::File => &mut self.file,
            Field::Tags => {
                push_unique(&mut self.tags, split_list(value));
                return;
            }
            Field::Speakers => {
                push_unique(&mut self.speakers, split_list(value));
                return;
            }
        };
        if slot.as_ref().is_none_or(|(p, _)| prio < *p) {
            *slot = Some((prio, value.to_string()));
        }
    }

    /// Adds list items (tags, speakers, authors) or joins them (", ") for
    /// single fields.
    pub fn set_list(&mut self, field: Field, prio: usize, items: Vec<String>) {
        let items: Vec<String> = items
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        match field {
            Field::Tags => push_unique(&mut self.tags, items),
            Field::Speakers => push_unique(&mut self.speakers, items),
            Field::Body => self.set(field, prio, &items.join("\n\n")),
            Field::Author => self.set_authors(prio, items),
            _ => self.set(field, prio, &items.join(", ")),
        }
    }

    /// Sets the authors unless a higher-priority key already set them. A
    /// byline is a list of names: "By Ann Lee and Bo Chen" is two authors.
    fn set_authors(&mut self, prio: usize, items: Vec<String>) {
        let items: Vec<String> = items.iter().flat_map(|i| byline_names(i)).collect();
        if !items.is_empty() && self.authors.as_ref().is_none_or(|(p, _)| prio < *p) {
            self.authors = Some((prio, items));
        }
    }

    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::Title => self.title.is_some(),
            Field::Body => self.body.is_some(),
            Field::Date => self.date.is_some(),
            Field::Author => self.authors.is_some(),
            Field::Source => self.source.is_some(),
            Field::Url => self.url.is_some(),
            Field::Id => self.id.is_some(),
            Field::File => self.file.is_some(),
            Field::Tags => !self.tags.is_empty(),
            Field::Speakers => !self.speakers.is_empty(),
        }
    }

    #[cfg(test)]
    pub fn get(&self, field: Field) -> Option<&str> {
        let slot = match field {
            Field::Title => &self.title,
            Field::Body => &self.body,
            Field::Date => &self.date,
            Field::Source => &self.source,
            Field::Url => &self.url,
            Field::Id => &self.id,
            Field::File => &self.file,
            Field::Author | Field::Tags | Field::Speakers => return None,
        };
        slot.as_ref().map(|(_, s)| s.as_str())
    }

    /// The article, with the id derived from `rel` (and `pos`, the 1-based
    /// position in a multi-record file) when the record has none.
    pub fn into_article(self, rel: &str, pos: Option<usize>) -> Article {
        let take = |s: Option<(usize, String)>| s.map(|(_, v)| v);
        Article {
            id: take(self.id).unwrap_or_else(|| derived_id(rel, pos)),
            path: rel.to_string(),
            title: self.title.map(|(_, t)| collapse_ws(&t)).unwrap_or_default(),
            body: self.body.map(|(_, b)| clean_body(&b)).unwrap_or_default(),
            raw_date: take(self.date),
            authors: self
                .authors
                .map(|(_, a)| a.iter().map(|s| collapse_ws(s)).collect())
                .unwrap_or_default(),
            source: self.source.map(|(_, s)| collapse_ws(&s)),
            url: take(self.url),
            tags: self.tags,
            record_speakers: self.speakers,
            ..Article::default()
        }
    }
}

/// `rel` for a single-article file, `rel#N` for the N-th record of a list.
pub(crate) fn derived_id(rel: &str, pos: Option<usize>) -> String {
    match pos {
        Some(n) => format!("{rel}#{n}"),
        None => rel.to_string(),
    }
}

/// Appends the items not already present (case-insensitively).
pub(crate) fn push_unique(list: &mut Vec<String>, items: Vec<String>) {
    for item in items {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if !list.iter().any(|t| t.eq_ignore_ascii_case(item)) {
            list.push(item.to_string());
        }
    }
}

/// Splits `a; b, c` into items: on `;` when there is one, else on `,`.
pub(crate) fn split_list(s: &str) -> Vec<String> {
    let sep = if s.contains(';') { ';' } else { ',' };
    s.split(sep)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whitespace runs → one space, trimmed.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Line ends normalised to `\n`, trailing spaces of lines removed, leading
/// blank lines and trailing whitespace dropped, 3+ blank lines → one.
pub(crate) fn clean_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for line in s.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// At most `max` characters of `s`, cut at a word boundary when possible, with `…`.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => {
            let head = &s[..cut];
            let head = match head.rfind(' ') {
                Some(i) if i > cut / 2 => &head[..i],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read in pieces, a JSON-lines file gives the same articles, ids and
    /// line-numbered warnings as read whole.
    #[test]
    fn pieces_equal_the_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let mut text = String::new();
        for i in 1..=300 {
            match i % 50 {
                7 => text.push_str("\r\n"),
                13 => text.push_str("{not json\n"),
                21 => text.push_str(&format!("{{\"id\":\"own-{i}\",\"title\":\"Own {i}\"}}\r\n")),
                _ => text.push_str(&format!(
                    "{{\"title\":\"Tariff story {i}\",\"body\":\"Body “{i}” of the story.\"}}\n"
                )),
            }
        }
        std::fs::write(&path, &text).unwrap();
        let opts = ReadOptions::default();
        let whole = read_file(&path, "big.jsonl", &opts).unwrap();
        for piece_bytes in [1, 100, 1000, 1 << 20] {
            let mut articles = Vec::new();
            let mut warnings = Vec::new();
            let mut pieces = 0;
            read_file_in_pieces(
                &path,
                "big.jsonl",
                &opts,
                piece_bytes,
                &mut |_| None,
                &mut |r| {
                    pieces += 1;
                    articles.extend(r.articles);
                    warnings.extend(r.warnings);
                    std::ops::ControlFlow::Continue(())
                },
            )
            .unwrap();
            assert!(piece_bytes > 1000 || pieces > 10, "{piece_bytes}: {pieces}");
            let ids = |a: &[Article]| {
                a.iter()
                    .map(|a| (a.id.clone(), a.title.clone(), a.path.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(&articles), ids(&whole.articles), "{piece_bytes}");
            assert_eq!(warnings, whole.warnings, "{piece_bytes}");
        }
        // Nothing readable: the same error as a whole read.
        std::fs::write(&path, "{bad\n".repeat(100)).unwrap();
        let e = read_file_in_pieces(&path, "big.jsonl", &opts, 64, &mut |_| None, &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap_err();
        assert!(matches!(e, ReadError::Malformed { .. }), "{e}");
    }

    #[test]
    fn known_lines_are_passed_over_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let text: String = (0..50)
            .map(|i| {
                format!("{{\"id\":\"a{i}\",\"title\":\"Story {i}\",\"body\":\"Text {i}.\"}}\n")
            })
            .collect();
        std::fs::write(&path, &text).unwrap();
        let opts = ReadOptions::default();
        let mut first = Vec::new();
        read_file_in_pieces(&path, "big.jsonl", &opts, 200, &mut |_| None, &mut |r| {
            first.extend(r.articles);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(first.len(), 50);
        // every third record known by its line's hash
        let known: std::collections::HashMap<u64, String> = first
            .iter()
            .step_by(3)
            .map(|a| (a.record_hash.unwrap(), a.id.clone()))
            .collect();
        let mut order = Vec::new();
        read_file_in_pieces(
            &path,
            "big.jsonl",
            &opts,
            200,
            &mut |h| known.get(&h).cloned(),
            &mut |r| {
                let mut unchanged = r.unchanged.into_iter().peekable();
                for (k, a) in r.articles.into_iter().enumerate() {
                    while let Some((_, id)) = unchanged.next_if(|(b, _)| *b <= k) {
                        order.push(format!("={id}"));
                    }
                    order.push(a.id);
                }
                order.extend(unchanged.map(|(_, id)| format!("={id}")));
                std::ops::ControlFlow::Continue(())
            },
        )
        .unwrap();
        let want: Vec<String> = (0..50)
            .map(|i| {
                if i % 3 == 0 {
                    format!("=a{i}")
                } else {
                    format!("a{i}")
                }
            })
            .collect();
        assert_eq!(order, want);
    }

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| format_of(Path::new(p));
        assert_eq!(f("a.TXT"), Some(Format::Text));
        assert_eq!(f("a.text"), Some(Format::Text));
        assert_eq!(f("a.Md"), Some(Format::Markdown));
        assert_eq!(f("a.markdown"), Some(Format::Markdown));
        assert_eq!(f("a.htm"), Some(Format::Html));
        assert_eq!(f("a.json"), Some(Format::Json));
        assert_eq!(f("a.ndjson"), Some(Format::JsonLines));
        assert_eq!(f("a.jsonl"), Some(Format::JsonLines));
        assert_eq!(f("a.csv"), Some(Format::Csv));
        assert_eq!(f("a.TSV"), Some(Format::Tsv));
        assert_eq!(f("a.sgm"), Some(Format::Reuters));
        assert_eq!(f("a.xml"), Some(Format::Reuters));
        assert_eq!(f("a.pdf"), None);
        assert_eq!(f("README"), None);
        assert_eq!(f(".hidden"), None);
    }

    #[test]
    fn aliases() {
        assert_eq!(field_of("Headline").map(|f| f.0), Some(Field::Title));
        assert_eq!(field_of("published_at").map(|f| f.0), Some(Field::Date));
        assert_eq!(field_of("publication_date").map(|f| f.0), Some(Field::Date));
        assert_eq!(field_of("_id").map(|f| f.0), Some(Field::Id));
        assert_eq!(field_of("TOPICS").map(|f| f.0), Some(Field::Tags));
        assert_eq!(field_of("colour"), None);
        let mut r = RecordFields::default();
        let (f, p) = field_of("text").unwrap();
        r.set(f, p, "from text");
        let (f, p) = field_of("body").unwrap();
        r.set(f, p, "from body");
        assert_eq!(r.get(Field::Body), Some("from body"));
    }

    #[test]
    fn helpers() {
        assert_eq!(split_list("a; b, c"), vec!["a", "b, c"]);
        assert_eq!(split_list(" a, b ,,c "), vec!["a", "b", "c"]);
        assert_eq!(collapse_ws("  a \n\t b  "), "a b");
        assert_eq!(clean_body("\n\n a  \r\nb\n\n\n\nc \n\n"), " a\nb\n\nc");
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("aaaa bbbb cccc", 12), "aaaa bbbb…");
        assert_eq!(shorten("ééééé", 2), "éé…");
        assert_eq!(derived_id("a/b.json", Some(3)), "a/b.json#3");
    }

    fn tmp(name: &str, content: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "econ-archive-read-{}-{}",
            std::process::id(),
            name.replace('.', "_")
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    #[test]
    fn read_file_limits_and_errors() {
        let p = tmp("big.txt", b"Title\n\nbody text");
        let small = ReadOptions {
            max_file_bytes: 4,
            ..ReadOptions::default()
        };
        assert!(matches!(
            read_file(&p, "big.txt", &small),
            Err(ReadError::TooLarge { size: 16, limit: 4 })
        ));
        let ok = read_file(&p, "big.txt", &ReadOptions::default()).unwrap();
        assert_eq!(ok.articles[0].title, "Title");
        assert_eq!(ok.articles[0].id, "big.txt");
        assert_eq!(ok.articles[0].path, "big.txt");

        let p = tmp("bin.txt", &[0u8, 1, 2, 3, 0, 0, 0, 9, 0, 0, 255, 0]);
        match read_file(&p, "bin.txt", &ReadOptions::default()) {
            Err(ReadError::Malformed { format, reason }) => {
                assert_eq!(format, "text");
                assert_eq!(reason, "binary file");
            }
            other => panic!("{other:?}"),
        }
        let p = tmp("empty.md", b"  \n\n");
        assert!(matches!(
            read_file(&p, "empty.md", &ReadOptions::default()),
            Err(ReadError::Empty)
        ));
        let p = tmp("other.xml", b"<?xml version=\"1.0\"?><rss><item/></rss>");
        assert!(matches!(
            read_file(&p, "other.xml", &ReadOptions::default()),
            Err(ReadError::Unsupported)
        ));
        let p = tmp("x.pdf", b"%PDF-1.4");
        assert!(matches!(
            read_file(&p, "x.pdf", &ReadOptions::default()),
            Err(ReadError::Unsupported)
        ));
        assert!(matches!(
            read_file(
                Path::new("/nonexistent/x.txt"),
                "x.txt",
                &ReadOptions::default()
            ),
            Err(ReadError::Io(_))
        ));
    }

    #[test]
    fn sniffing() {
        let html = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello there.</p></body></html>";
        let r = read_bytes(html, Format::Text, "a.txt").unwrap();
        assert_eq!(r.articles[0].title, "T");
        assert_eq!(r.articles[0].body, "Hello there.");
        let lines = b"{\"title\":\"A\",\"body\":\"x\"}\n{\"title\":\"B\",\"body\":\"y\"}\n";
        let r = read_bytes(lines, Format::Json, "a.json").unwrap();
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[1].id, "a.json#2");
        let arr = b"[{\"title\":\"A\",\"body\":\"x\"}]";
        let r = read_bytes(arr, Format::JsonLines, "a.jsonl").unwrap();
        assert_eq!(r.articles.len(), 1);
        let tsv_in_csv = b"title\tbody\nA\tx, y\n";
        let r = read_bytes(tsv_in_csv, Format::Csv, "a.csv").unwrap();
        assert_eq!(r.articles[0].body, "x, y");
    }

    #[test]
    fn all_bad_records_is_malformed() {
        let r = read_bytes(b"{bad\n{worse\n", Format::JsonLines, "a.jsonl");
        match r {
            Err(ReadError::Malformed { format, reason }) => {
                assert_eq!(format, "jsonl");
                assert!(reason.contains("line 1"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    /// The shared format fixtures, when present, all read cleanly.
    #[test]
    fn fixture_files_when_present() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("skipped: no fixtures at {}", dir.display());
            return;
        };
        let mut files = 0;
        for e in entries.flatten() {
            let p = e.path();
            if format_of(&p).is_none() {
                continue;
            }
            let name = e.file_name().to_string_lossy().to_string();
            match read_file(&p, &name, &ReadOptions::default()) {
                Ok(r) => {
                    files += 1;
                    for a in &r.articles {
                        assert!(!a.id.is_empty(), "{name}");
                        assert_eq!(a.path, name);
                        assert!(!a.title.is_empty() || !a.body.is_empty(), "{name}: {a:?}");
                        assert!(!a.body.contains('\u{fffd}'), "{name}: replacement char");
                    }
                }
                // Fixtures for error cases are allowed to fail, but never panic.
                Err(e) => println!("{name}: {e}"),
            }
        }
        println!("read {files} fixture files");
    }
}
