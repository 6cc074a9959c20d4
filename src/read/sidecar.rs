//! Metadata sidecars: a `metadata.tsv` / `metadata.csv` table whose rows
//! describe OTHER files of its folder tree. It is recognised by a file-name
//! column (`filename`, `file`, `path`…) and the absence of a text column
//! (`body`, `text`, `content`…). Rows are keyed by the file stem of the
//! named file (`a/b/story.txt` → `story`). Values such as `None`, `NA`,
//! `null`, `-` count as empty.

use super::{collapse_ws, decode, field_of, push_unique, split_list, Field};
use crate::article::Article;
use std::collections::HashMap;
use std::path::Path;

/// What a sidecar row says about one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SidecarRecord {
    /// The file name as written in the table.
    pub file: String,
    pub title: Option<String>,
    /// Date text (parsed at enrichment like any record date).
    pub date: Option<String>,
    /// Source or publisher.
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

/// A loaded metadata table, by file stem.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    records: HashMap<String, SidecarRecord>,
    /// Problems met while loading (bad rows, duplicate names).
    pub warnings: Vec<String>,
}

impl Sidecar {
    /// The row for a file stem (the file name without its last extension).
    pub fn lookup(&self, file_stem: &str) -> Option<&SidecarRecord> {
        self.records.get(file_stem).or_else(|| {
            // Tolerate a caller passing a full name or path.
            self.records.get(&stem_key(file_stem))
        })
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// `dir/story.txt` → `story`; `story` → `story`.
fn stem_key(name: &str) -> String {
    let base = name.trim().rsplit(['/', '\\']).next().unwrap_or("");
    match base.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && !ext.is_empty()
                && ext.len() <= 8
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem.to_string()
        }
        _ => base.to_string(),
    }
}

/// Loads a sidecar table (`.tsv` → tab-separated, otherwise comma-separated).
/// `None` when the file cannot be read or is not a metadata table (no file
/// name column, or it has a text column and so is an article table).
pub fn load_sidecar(path: &Path) -> Option<Sidecar> {
    let bytes = std::fs::read(path).ok()?;
    if decode::looks_binary(&bytes) {
        return None;
    }
    let mut warnings = Vec::new();
    let text = decode::decode(&bytes, &mut warnings);
    let tsv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let first = text.lines().next().unwrap_or("");
    let delimiter = if tsv || (first.contains('\t') && !first.contains(',')) {
        b'\t'
    } else {
        b','
    };
    let mut s = parse_sidecar(&text, delimiter)?;
    warnings.append(&mut s.warnings);
    s.warnings = warnings;
    Some(s)
}

/// True when a header row makes a table a metadata sidecar.
pub fn is_sidecar_header<'a>(columns: impl IntoIterator<Item = &'a str>) -> bool {
    let fields: Vec<Field> = columns
        .into_iter()
        .filter_map(|c| field_of(c).map(|f| f.0))
        .collect();
    fields.contains(&Field::File) && !fields.contains(&Field::Body)
}

/// Parses sidecar text; see [`load_sidecar`].
pub fn parse_sidecar(text: &str, delimiter: u8) -> Option<Sidecar> {
    let quoting = delimiter != b'\t' || text.trim_start().starts_with('"');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let headers = reader.headers().ok()?.clone();
    if !is_sidecar_header(headers.iter()) {
        return None;
    }
    let columns: Vec<Option<(Field, usize)>> = headers.iter().map(field_of).collect();
    let mut out = Sidecar::default();
    for (i, row) in reader.records().enumerate() {
        let n = i + 1;
        let Ok(row) = row else {
            out.warnings
                .push(format!("sidecar row {n}: unreadable, skipped"));
            continue;
        };
        let mut rec = SidecarRecord::default();
        let mut prio: HashMap<&'static str, usize> = HashMap::new();
        for (value, col) in row.iter().zip(&columns) {
            let Some((field, p)) = *col else { continue };
            let value = value.trim();
            if is_empty_value(value) {
                continue;
            }
            let (slot, key): (&mut Option<String>, &'static str) = match field {
                Field::Title => (&mut rec.title, "title"),
                Field::Date => (&mut rec.date, "date"),
                Field::Source => (&mut rec.source, "source"),
                Field::Author => (&mut rec.author, "author"),
                Field::Url => (&mut rec.url, "url"),
                Field::Tags => {
                    push_unique(&mut rec.tags, split_list(value));
                    continue;
                }
                Field::File => {
                    if rec.file.is_empty() || prio.get("file").is_some_and(|&q| p < q) {
                        rec.file = value.to_string();
                        prio.insert("file", p);
                    }
                    continue;
                }
                _ => continue,
            };
            if slot.is_none() || prio.get(key).is_some_and(|&q| p < q) {
                *slot = Some(value.to_string());
                prio.insert(key, p);
            }
        }
        if rec.file.is_empty() {
            out.warnings
                .push(format!("sidecar row {n}: no file name, skipped"));
            continue;
        }
        let key = stem_key(&rec.file);
        if out.records.contains_key(&key) {
            out.warnings.push(format!(
                "sidecar row {n}: \"{key}\" listed again, later row used"
            ));
        }
        out.records.insert(key, rec);
    }
    Some(out)
}

fn is_empty_value(v: &str) -> bool {
    v.is_empty()
        || ["none", "null", "na", "n/a", "nan", "-"]
            .iter()
            .any(|e| v.eq_ignore_ascii_case(e))
}

/// Fills the fields the article lacks from the sidecar row: title (only
/// when the file gave none), date text (when the article has neither a date
/// nor date text), source, author, url; the row's tags are added.
pub fn apply_sidecar(article: &mut Article, rec: &SidecarRecord) {
    if article.title.trim().is_empty() {
        if let Some(t) = &rec.title {
            article.title = collapse_ws(t);
        }
    }
    if article.date.is_none() && article.raw_date.is_none() {
        article.raw_date = rec.date.clone();
    }
    if article.source.is_none() {
        article.source = rec.source.as_deref().map(collapse_ws);
    }
    if article.authors.is_empty() {
        article.authors = rec.author.as_deref().map(collapse_ws).into_iter().collect();
    }
    if article.url.is_none() {
        article.url = rec.url.clone();
    }
    push_unique(&mut article.tags, rec.tags.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "compartment\tfilename\tlevel\tpublisher\tpublication_date\tauthor\ttitle\tkeywords\n\
        train\tbreitbart_2016-03-11_activists-brick\tNone\tbreitbart\t2016-03-11\tChris Tomlinson\tActivists \"Brick\" Up\ta;b\n\
        dev\tdir/other.txt\tNone\tapnews\tNone\tNone\tOther story\t\n\
        dev\t\tNone\tx\t2016\ty\tz\t\n";

    #[test]
    fn parse_and_lookup() {
        let s = parse_sidecar(TABLE, b'\t').unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        let r = s.lookup("breitbart_2016-03-11_activists-brick").unwrap();
        assert_eq!(r.title.as_deref(), Some("Activists \"Brick\" Up"));
        assert_eq!(r.date.as_deref(), Some("2016-03-11"));
        assert_eq!(r.source.as_deref(), Some("breitbart"));
        assert_eq!(r.author.as_deref(), Some("Chris Tomlinson"));
        assert_eq!(r.tags, vec!["a", "b"]);
        let o = s.lookup("other").unwrap();
        assert_eq!(o.date, None);
        assert_eq!(o.author, None);
        assert!(s.lookup("missing").is_none());
        assert!(s.lookup("x/other.txt").is_some());
    }

    #[test]
    fn not_a_sidecar() {
        assert!(parse_sidecar("filename,title,body\na,b,c\n", b',').is_none());
        assert!(parse_sidecar("title,date\na,b\n", b',').is_none());
        assert!(parse_sidecar("", b',').is_none());
        assert!(parse_sidecar("file,author\nx.txt,Ann\n", b',').is_some());
    }

    #[test]
    fn apply_fills_only_missing() {
        let s = parse_sidecar(TABLE, b'\t').unwrap();
        let rec = s.lookup("breitbart_2016-03-11_activists-brick").unwrap();
        let mut a = Article {
            title: "Title from the file".into(),
            authors: vec!["File Author".into()],
            tags: vec!["A".into()],
            ..Article::default()
        };
        apply_sidecar(&mut a, rec);
        assert_eq!(a.title, "Title from the file");
        assert_eq!(a.authors, ["File Author"]);
        assert_eq!(a.source.as_deref(), Some("breitbart"));
        assert_eq!(a.raw_date.as_deref(), Some("2016-03-11"));
        assert_eq!(a.tags, vec!["A", "b"]);
        let mut empty = Article::default();
        apply_sidecar(&mut empty, rec);
        assert_eq!(empty.title, "Activists \"Brick\" Up");
        let mut dated = Article {
            raw_date: Some("2020-01-01".into()),
            ..Article::default()
        };
        apply_sidecar(&mut dated, rec);
        assert_eq!(dated.raw_date.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn real_polnear_sidecar() {
        let p = &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/polnear/metadata.tsv");
        if !p.exists() {
            println!("skipped: {} not found", p.display());
            return;
        }
        let s = load_sidecar(p).expect("polnear metadata is a sidecar");
        assert!(s.len() > 800, "{} rows", s.len());
        let dir = &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/polnear/train/text");
        let mut found = 0;
        let mut total = 0;
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".txt") else {
                continue;
            };
            total += 1;
            if let Some(r) = s.lookup(stem) {
                found += 1;
                assert!(r.title.is_some() || r.source.is_some(), "{stem}");
            }
        }
        println!("polnear: {found}/{total} train files described by the sidecar");
        assert!(total == 0 || found * 10 >= total * 9, "{found}/{total}");
    }
}
