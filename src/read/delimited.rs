//! CSV and TSV: a header row, then one article per row.
//!
//! Column names go through the alias table of [`super::field_of`]; tags are
//! split on `;` (or `,` when there is no `;`). Rows of the wrong length are
//! read as far as they go, with a warning; rows with neither title nor text
//! are skipped with a warning. TSV is read without quote handling unless the
//! header itself is quoted (`"title"\t"body"`). Ids are `rel#N` with N the
//! 1-based data row.

use super::{field_of, Field, FileRead, Format, ReadError, RecordFields};

/// Reads delimited text with `delimiter` (`b','` or `b'\t'`).
/// The delimiter of a header row: whichever of `,` `;` tab `|` occurs most
/// outside quotes (`,` on a tie or when none does).
fn sniff_delimiter(header: &str) -> u8 {
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            b'|' if !quoted => counts[3] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t', b'|'];
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

pub fn read_delimited(text: &str, rel: &str, delimiter: u8) -> Result<FileRead, ReadError> {
    let format = if delimiter == b'\t' {
        Format::Tsv
    } else {
        Format::Csv
    };
    // (a `.csv` whose header turns out tab-separated is still reported as CSV)
    let first_line = text.lines().next().unwrap_or("");
    // A `.csv` from a spreadsheet or news database may use `;`, tab or `|`.
    let delimiter = if delimiter == b',' {
        sniff_delimiter(first_line)
    } else {
        delimiter
    };
    let quoting = delimiter != b'\t' || first_line.trim_start().starts_with('"');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ReadError::malformed(format, format!("bad header row: {e}")))?
        .clone();
    let columns: Vec<Option<(Field, usize)>> = headers.iter().map(field_of).collect();
    let has_content = columns
        .iter()
        .flatten()
        .any(|(f, _)| matches!(f, Field::Title | Field::Body));
    if !has_content {
        let names: Vec<&str> = headers.iter().take(12).collect();
        return Err(ReadError::malformed(
            format,
            format!("no title or text column (columns: {})", names.join(", ")),
        ));
    }
    let mut out = FileRead::default();
    for (i, row) in reader.records().enumerate() {
        let n = i + 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(format!("row {n}: {e}, skipped"));
                continue;
            }
        };
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if row.len() != headers.len() {
            out.warnings.push(format!(
                "row {n} (line {}): {} field(s), the header has {}",
                row.position().map_or(0, |p| p.line()),
                row.len(),
                headers.len()
            ));
        }
        let mut rec = RecordFields::default();
        for (value, col) in row.iter().zip(&columns) {
            if let Some((field, prio)) = col {
                rec.set(*field, *prio, value);
            }
        }
        if rec.has(Field::Title) || rec.has(Field::Body) {
            let mut a = rec.into_article(rel, Some(n));
            // Cells often hold escaped line breaks.
            if !a.body.contains('\n') && a.body.contains("\\n") {
                a.body = super::clean_body(&a.body.replace("\\n", "\n"));
            }
            out.articles.push(a);
        } else {
            out.warnings
                .push(format!("row {n}: no title or text, skipped"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_aliases() {
        let csv = "Headline,Text,Published,Byline,Publisher,Link,GUID,Keywords,Speakers\n\
                   \"Fed holds, again\",\"Line one.\n\nLine two, with comma.\",2019-01-30,Ann Lee,Wire,http://x,g1,rates; fed,\"Jerome Powell\"\n\
                   Second,Body two,,,,,,,\n";
        let r = read_delimited(csv, "t.csv", b',').unwrap();
        assert_eq!(r.articles.len(), 2, "{:?}", r.warnings);
        let a = &r.articles[0];
        assert_eq!(a.title, "Fed holds, again");
        assert_eq!(a.body, "Line one.\n\nLine two, with comma.");
        assert_eq!(a.raw_date.as_deref(), Some("2019-01-30"));
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.id, "g1");
        assert_eq!(a.tags, vec!["rates", "fed"]);
        assert_eq!(a.record_speakers, vec!["Jerome Powell"]);
        let b = &r.articles[1];
        assert_eq!(b.id, "t.csv#2");
        assert_eq!(b.raw_date, None);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn broken_rows() {
        let csv = "title,body,date\nA,a body,2017\nB\n,,2018\nC,c body,2019,extra\n\"D,unterminated quote\n";
        let r = read_delimited(csv, "b.csv", b',').unwrap();
        let titles: Vec<&str> = r.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(&titles[..3], &["A", "B", "C"]);
        assert_eq!(r.articles[1].id, "b.csv#2");
        assert_eq!(r.articles[2].id, "b.csv#4");
        assert!(
            r.warnings.iter().any(|w| w.starts_with("row 2")),
            "{:?}",
            r.warnings
        );
        assert!(r
            .warnings
            .iter()
            .any(|w| w.starts_with("row 3") && w.contains("skipped")));
        assert!(r.warnings.iter().any(|w| w.starts_with("row 4")));
    }

    #[test]
    fn tsv_without_quoting() {
        let tsv = "title\ttext\ttags\n\"Quoted\" start\tBody with \"quotes\"\ta,b\nNext\tBody\\nsecond line\t\n";
        let r = read_delimited(tsv, "x.tsv", b'\t').unwrap();
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[0].title, "\"Quoted\" start");
        assert_eq!(r.articles[0].tags, vec!["a", "b"]);
        assert_eq!(r.articles[1].body, "Body\nsecond line");
    }

    #[test]
    fn no_content_columns() {
        let r = read_delimited("filename,publisher\na,b\n", "m.csv", b',');
        match r {
            Err(ReadError::Malformed { format, reason }) => {
                assert_eq!(format, "csv");
                assert!(reason.contains("filename"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
