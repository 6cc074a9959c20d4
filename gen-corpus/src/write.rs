//! Serialisers for the output formats. Each renders into a byte buffer; callers
//! write whole buffers, so output is byte-identical regardless of threading.

use super::Record;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonRecord<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    tags: &'a [String],
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<&'a str>,
}

impl<'a> From<&'a Record> for JsonRecord<'a> {
    fn from(r: &'a Record) -> Self {
        JsonRecord {
            id: &r.id,
            title: &r.title,
            date: r.date.as_deref(),
            source: r.source.as_deref(),
            author: r.author.as_deref(),
            url: r.url.as_deref(),
            tags: &r.tags,
            body: &r.body,
            original: r.original.as_deref(),
        }
    }
}

/// One JSON object on one line, with trailing newline.
pub fn jsonl_line(r: &Record, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, &JsonRecord::from(r)).expect("serialising to memory");
    out.push(b'\n');
}

/// A JSON array of objects, one object per line.
pub fn json_array(recs: &[Record], out: &mut Vec<u8>) {
    out.extend_from_slice(b"[\n");
    for (i, r) in recs.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut *out, &JsonRecord::from(r)).expect("serialising to memory");
    }
    out.extend_from_slice(b"\n]\n");
}

/// Plain text with a header block.
pub fn txt(r: &Record, out: &mut Vec<u8>) {
    let mut line = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = writeln!(out, "{k}: {}", one_line(v));
        }
    };
    line("Title", Some(&r.title));
    line("Date", r.date.as_deref());
    line("Source", r.source.as_deref());
    line("Author", r.author.as_deref());
    line("URL", r.url.as_deref());
    line("Id", Some(&r.id));
    out.push(b'\n');
    out.extend_from_slice(r.body.as_bytes());
    out.push(b'\n');
}

/// Markdown with YAML front matter (values as JSON strings, which YAML accepts).
pub fn markdown(r: &Record, out: &mut Vec<u8>) {
    out.extend_from_slice(b"---\n");
    let mut field = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = writeln!(out, "{k}: {}", serde_json::to_string(v).expect("string"));
        }
    };
    field("title", Some(&r.title));
    field("date", r.date.as_deref());
    field("source", r.source.as_deref());
    field("author", r.author.as_deref());
    field("url", r.url.as_deref());
    field("id", Some(&r.id));
    let _ = writeln!(
        out,
        "tags: {}",
        serde_json::to_string(&r.tags).expect("tags")
    );
    out.extend_from_slice(b"---\n\n# ");
    out.extend_from_slice(one_line(&r.title).as_bytes());
    out.extend_from_slice(b"\n\n");
    out.extend_from_slice(r.body.as_bytes());
    out.push(b'\n');
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// A small HTML page: title, meta tags, one <article> with <p> paragraphs.
pub fn html(r: &Record, out: &mut Vec<u8>) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
        esc(&r.title)
    );
    let mut meta = |name: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = writeln!(out, "<meta name=\"{name}\" content=\"{}\">", esc(v));
        }
    };
    meta("date", r.date.as_deref());
    meta("source", r.source.as_deref());
    meta("author", r.author.as_deref());
    meta("id", Some(&r.id));
    let tags = r.tags.join(", ");
    meta("keywords", Some(&tags));
    if let Some(u) = &r.url {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", esc(u));
    }
    let _ = write!(
        out,
        "</head>\n<body>\n<article>\n<h1>{}</h1>\n",
        esc(&r.title)
    );
    if let Some(a) = &r.author {
        let _ = writeln!(out, "<p class=\"byline\">By {}</p>", esc(a));
    }
    if let Some(d) = &r.date {
        let _ = writeln!(out, "<time datetime=\"{0}\">{0}</time>", esc(d));
    }
    for p in r.body.split("\n\n") {
        let _ = writeln!(out, "<p>{}</p>", esc(p));
    }
    out.extend_from_slice(b"</article>\n</body>\n</html>\n");
}

pub const CSV_HEADER: [&str; 8] = [
    "id", "title", "date", "source", "author", "url", "tags", "body",
];

/// CSV with header `id,title,date,source,author,url,tags,body`; tags joined by ';'.
pub fn csv(recs: &[Record], out: &mut Vec<u8>) -> anyhow::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
    w.write_record(CSV_HEADER)?;
    for r in recs {
        let tags = r.tags.join(";");
        w.write_record([
            r.id.as_str(),
            r.title.as_str(),
            r.date.as_deref().unwrap_or(""),
            r.source.as_deref().unwrap_or(""),
            r.author.as_deref().unwrap_or(""),
            r.url.as_deref().unwrap_or(""),
            tags.as_str(),
            r.body.as_str(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn one_line(s: &str) -> String {
    if s.contains('\n') || s.contains('\r') {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}
