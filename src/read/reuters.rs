//! Reuters-21578 collection files: the original SGML (`.sgm`: a DOCTYPE,
//! `<REUTERS>` elements without a root, `&#3;` control references, bare
//! `&`) and its XML variant (`.xml`, which also holds a stray non-UTF-8
//! byte). Both go through one tolerant scanner instead of an XML parser:
//! it finds `<REUTERS …>` … `</REUTERS>` blocks, then the elements inside,
//! decodes `&lt; &gt; &amp; &quot; &apos; &#NN; &#xHH;` and drops control
//! characters. A missing `</REUTERS>` or an unterminated element ends that
//! record with a warning; the scanner only moves forward, so it cannot hang.
//!
//! Fields: id `reuters-<NEWID>`; `<DATE>` → `raw_date`; `<TITLE>` (whitespace
//! collapsed); `<DATELINE>` (trimmed, trailing ` -` removed); `<BODY>` (line
//! breaks kept, trailing whitespace trimmed), or, without a BODY, the rest
//! of the `<TEXT>` content; `<AUTHOR>` (“By …, Reuters” → the name); tags:
//! TOPICS codes as they are, PLACES/PEOPLE/ORGS/EXCHANGES/COMPANIES codes as
//! `place:…`, `person:…`, `org:…`, `exchange:…`, `company:…`; source "Reuters".

use super::{collapse_ws, derived_id, Article, FileRead, Format, ReadError};

/// True when the content holds Reuters records (looks at the first 64 KB).
pub fn looks_like_reuters(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.windows(8).any(|w| w.eq_ignore_ascii_case(b"<reuters"))
}

/// Reads every `<REUTERS>` record of a collection file.
pub fn read_reuters(text: &str, rel: &str) -> Result<FileRead, ReadError> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower`
    // are valid (char-boundary) positions in `text`.
    let lower = text.to_ascii_lowercase();
    let mut out = FileRead::default();
    let mut pos = 0;
    let mut n = 0;
    while let Some(start) = find_tag(&lower, "reuters", pos) {
        n += 1;
        let Some(open_end) = lower[start..].find('>').map(|i| start + i + 1) else {
            out.warnings.push(format!(
                "record {n}: unterminated <REUTERS tag, rest of file ignored"
            ));
            break;
        };
        let newid = attribute(&text[start..open_end], "newid");
        let label = newid
            .as_ref()
            .map_or_else(|| format!("record {n}"), |id| format!("NEWID {id}"));
        let next_start = find_tag(&lower, "reuters", open_end);
        let close = lower[open_end..]
            .find("</reuters")
            .map(|i| open_end + i)
            .filter(|&c| next_start.is_none_or(|ns| c < ns));
        let (content_end, resume) = match close {
            Some(c) => {
                let after = lower[c..].find('>').map_or(lower.len(), |i| c + i + 1);
                (c, after)
            }
            None => {
                let end = next_start.unwrap_or(text.len());
                out.warnings.push(format!(
                    "{label}: missing </REUTERS>, record ends at {}",
                    if next_start.is_some() {
                        "the next record"
                    } else {
                        "the end of the file"
                    }
                ));
                (end, end)
            }
        };
        let rec = Record {
            text: &text[open_end..content_end],
            lower: &lower[open_end..content_end],
        };
        out.articles.push(record_article(
            newid,
            &label,
            &rec,
            rel,
            n,
            &mut out.warnings,
        ));
        pos = resume.max(open_end);
    }
    if n == 0 {
        return Err(ReadError::malformed(
            Format::Reuters,
            "no <REUTERS> records found",
        ));
    }
    Ok(out)
}

/// Position of `<name` followed by `>`, `/` or whitespace, at or after `from`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    while pos < lower.len() {
        let i = pos + lower.get(pos..)?.find('<')?;
        let rest = &lower.as_bytes()[i + 1..];
        if rest.len() >= name.len() && &rest[..name.len()] == name.as_bytes() {
            match rest.get(name.len()) {
                None => return Some(i),
                Some(b) if *b == b'>' || *b == b'/' || b.is_ascii_whitespace() => return Some(i),
                _ => {}
            }
        }
        pos = i + 1;
    }
    None
}

/// The inside of one `<REUTERS>` block, with its lower-cased twin.
struct Record<'a> {
    text: &'a str,
    lower: &'a str,
}

/// One element found in a record: its raw inner text and its span.
struct Element<'a> {
    inner: &'a str,
    /// Start of the opening tag and end of the closing tag (or of the inner text).
    outer: (usize, usize),
    terminated: bool,
}

impl<'a> Record<'a> {
    /// The first `<name …>inner</name>` at or after `from`. An element
    /// without its closing tag runs to the end of the record when it is a
    /// container (TEXT, TOPICS…), else to the next `<`.
    fn element(&self, name: &str, from: usize) -> Option<Element<'a>> {
        let container = matches!(
            name,
            "text" | "topics" | "places" | "people" | "orgs" | "exchanges" | "companies"
        );
        let start = find_tag(self.lower, name, from)?;
        let Some(open_end) = self.lower[start..].find('>').map(|i| start + i + 1) else {
            return Some(Element {
                inner: "",
                outer: (start, self.lower.len()),
                terminated: false,
            });
        };
        let close_tag = format!("</{name}");
        match self.lower[open_end..].find(&close_tag) {
            Some(i) => {
                let close = open_end + i;
                let end = self.lower[close..]
                    .find('>')
                    .map_or(self.lower.len(), |j| close + j + 1);
                Some(Element {
                    inner: &self.text[open_end..close],
                    outer: (start, end),
                    terminated: true,
                })
            }
            None => {
                let end = match self.lower[open_end..].find('<') {
                    Some(j) if !container => open_end + j,
                    _ => self.lower.len(),
                };
                Some(Element {
                    inner: &self.text[open_end..end],
                    outer: (start, end),
                    terminated: false,
                })
            }
        }
    }

    /// The `<D>` codes of a category element (`TOPICS`, `PLACES`…).
    fn codes(&self, name: &str) -> Vec<String> {
        let Some(el) = self.element(name, 0) else {
            return Vec::new();
        };
        let (s, e) = el.outer;
        let sub = Record {
            text: &self.text[s..e],
            lower: &self.lower[s..e],
        };
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(d) = sub.element("d", from) {
            let code = collapse_ws(&decode_entities(d.inner));
            if !code.is_empty() && !out.contains(&code) {
                out.push(code);
            }
            if d.outer.1 <= from {
                break;
            }
            from = d.outer.1;
        }
        out
    }
}

fn record_article(
    newid: Option<String>,
    label: &str,
    rec: &Record,
    rel: &str,
    n: usize,
    warnings: &mut Vec<String>,
) -> Article {
    let id = match &newid {
        Some(id) => format!("reuters-{id}"),
        None => derived_id(rel, Some(n)),
    };
    let mut unterminated: Vec<String> = Vec::new();
    let text_of = |rec: &Record, name: &str, unterminated: &mut Vec<String>| {
        let el = rec.element(name, 0)?;
        if !el.terminated {
            unterminated.push(name.to_ascii_uppercase());
        }
        Some(decode_entities(el.inner))
    };

    let raw_date = text_of(rec, "date", &mut unterminated)
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty());
    // TITLE, DATELINE, AUTHOR and BODY live inside TEXT.
    let text_el = rec.element("text", 0);
    let (text_rec, text_terminated) = match &text_el {
        Some(el) => {
            let (s, e) = el.outer;
            (
                Record {
                    text: &rec.text[s..e],
                    lower: &rec.lower[s..e],
                },
                el.terminated,
            )
        }
        None => (
            Record {
                text: rec.text,
                lower: rec.lower,
            },
            true,
        ),
    };
    if !text_terminated {
        unterminated.push("TEXT".to_string());
    }
    let title = text_of(&text_rec, "title", &mut unterminated)
        .map(|t| collapse_ws(&t))
        .unwrap_or_default();
    let dateline = text_of(&text_rec, "dateline", &mut unterminated)
        .map(|d| {
            let d = collapse_ws(&d);
            d.trim_end_matches('-').trim_end().to_string()
        })
        .filter(|d| !d.is_empty());
    let author = text_of(&text_rec, "author", &mut unterminated)
        .map(|a| author_name(&a))
        .filter(|a| !a.is_empty());
    let body = match text_of(&text_rec, "body", &mut unterminated) {
        Some(b) => clean_reuters_body(&b),
        None => text_el
            .as_ref()
            .map(|el| {
                let inner = remove_elements(el.inner, &["title", "dateline", "author"]);
                let text = strip_tags(&decode_entities(&inner));
                // Briefs hold only markers: a row of asterisks, "Blah blah blah.".
                let kept: Vec<&str> = text
                    .lines()
                    .map(|l| l.trim_start_matches('*'))
                    .filter(|l| !l.trim().eq_ignore_ascii_case("blah blah blah."))
                    .collect();
                clean_reuters_body(&kept.join("\n"))
            })
            .unwrap_or_default(),
    };
    if !unterminated.is_empty() {
        warnings.push(format!(
            "{label}: unterminated <{}> element(s), read to the next tag",
            unterminated.join(">, <")
        ));
    }

    let mut tags = rec.codes("topics");
    for (element, prefix) in [
        ("places", "place:"),
        ("people", "person:"),
        ("orgs", "org:"),
        ("exchanges", "exchange:"),
        ("companies", "company:"),
    ] {
        tags.extend(
            rec.codes(element)
                .into_iter()
                .map(|c| format!("{prefix}{c}")),
        );
    }
    Article {
        id,
        title,
        body,
        raw_date,
        dateline,
        authors: author.into_iter().collect(),
        tags,
        source: Some("Reuters".to_string()),
        path: rel.to_string(),
        ..Article::default()
    }
}

/// `NEWID="123"` (quotes optional) in an opening tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..)?.find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| c == '"' || c == '\'' || c == '>' || c.is_whitespace())
            .unwrap_or(value.len());
        let v = value[..end].trim();
        // Attribute values here are ASCII (digits, YES/NO…): reuse the lower-cased text.
        return (!v.is_empty()).then(|| v.to_string());
    }
    None
}

/// `    By Peter Torday, Reuters` → `Peter Torday`.
fn author_name(s: &str) -> String {
    let s = collapse_ws(s);
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .or_else(|| s.strip_prefix("BY "))
        .unwrap_or(&s);
    let s = s
        .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string();
    match s.rsplit_once(',') {
        Some((name, tail)) if tail.trim().eq_ignore_ascii_case("reuters") => {
            name.trim().to_string()
        }
        _ => s,
    }
}

/// Body text: line breaks kept, lines' trailing whitespace and the text's
/// leading blank lines and trailing whitespace removed.
fn clean_reuters_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        if out.is_empty() && line.trim().is_empty() {
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// Removes `<name>…</name>` elements (case-insensitive) from raw text.
fn remove_elements(s: &str, names: &[&str]) -> String {
    let mut out = s.to_string();
    for name in names {
        let lower = out.to_ascii_lowercase();
        let rec = Record {
            text: &out,
            lower: &lower,
        };
        if let Some(el) = rec.element(name, 0) {
            let (a, b) = el.outer;
            let mut next = String::with_capacity(out.len());
            next.push_str(&out[..a]);
            next.push_str(&out[b..]);
            out = next;
        }
    }
    out
}

/// Drops `<…>` markup (a `<` followed by a letter, `/` or `!`) up to the next `>`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(j)) => rest = &after[j + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the standard entities and numeric references; drops control
/// characters (but line feed and tab); keeps unknown entities and bare `&`.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        push_clean(&mut out, &rest[..i]);
        let after = &rest[i + 1..];
        let semi = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j);
        let decoded = semi.and_then(|j| entity(&after[..j]).map(|c| (c, j)));
        match decoded {
            Some((c, j)) => {
                if !is_dropped_control(c) {
                    out.push(c);
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    push_clean(&mut out, rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn is_dropped_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn push_clean(out: &mut String, s: &str) {
    // Control characters are ASCII (< 0x20, 0x7F) or C1 (encoded 0xC2 0x80..0x9F).
    let maybe_control = s
        .bytes()
        .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2);
    if maybe_control && s.chars().any(is_dropped_control) {
        out.extend(s.chars().filter(|&c| !is_dropped_control(c)));
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SGML: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5544\" NEWID=\"1\">\n\
<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
<TOPICS><D>cocoa</D><D>trade</D></TOPICS>\n\
<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n\
<PEOPLE><D>volcker</D></PEOPLE>\n\
<ORGS><D>imf</D></ORGS>\n\
<EXCHANGES><D>nyse</D></EXCHANGES>\n\
<COMPANIES></COMPANIES>\n\
<UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\nu f BC-COCOA   02-26 0105</UNKNOWN>\n\
<TEXT>&#2;\n\
<TITLE>COCOA  &lt;REVIEW&gt;\n TITLE</TITLE>\n\
<AUTHOR>    By Jane Roe, Reuters</AUTHOR>\n\
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued &amp; AT&T said\n\
\x20   second line &#x41;&#66;.   \n\
\x20Reuter\n&#3;</BODY></TEXT>\n\
</REUTERS>\n\
<REUTERS TOPICS=\"NO\" NEWID=\"2\">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n\
<TOPICS></TOPICS><PLACES></PLACES>\n\
<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>BRIEF ITEM ONLY</TITLE>Blah blah blah.\n&#3;\n</TEXT>\n</REUTERS>\n\
<REUTERS NEWID=\"3\">\n<TEXT TYPE=\"UNPROC\">&#2;\nUnprocessed text\nwith lines.\n&#3;</TEXT>\n</REUTERS>\n";

    #[test]
    fn sgml_records() {
        let r = read_reuters(SGML, "reut.sgm").unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.articles.len(), 3);
        let a = &r.articles[0];
        assert_eq!(a.id, "reuters-1");
        assert_eq!(a.path, "reut.sgm");
        assert_eq!(a.raw_date.as_deref(), Some("26-FEB-1987 15:01:01.79"));
        assert_eq!(a.title, "COCOA <REVIEW> TITLE");
        assert_eq!(a.dateline.as_deref(), Some("SALVADOR, Feb 26"));
        assert_eq!(a.authors, ["Jane Roe"]);
        assert_eq!(
            a.body,
            "Showers continued & AT&T said\n    second line AB.\n Reuter"
        );
        assert_eq!(
            a.tags,
            vec![
                "cocoa",
                "trade",
                "place:el-salvador",
                "place:usa",
                "person:volcker",
                "org:imf",
                "exchange:nyse"
            ]
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert!(a.topics.is_empty());
        let b = &r.articles[1];
        assert_eq!(b.title, "BRIEF ITEM ONLY");
        assert_eq!(b.body, "");
        assert_eq!(b.raw_date.as_deref(), Some("2-MAR-1987 10:00:00.00"));
        assert!(b.tags.is_empty());
        let c = &r.articles[2];
        assert_eq!(c.id, "reuters-3");
        assert_eq!(c.title, "");
        assert_eq!(c.body, "Unprocessed text\nwith lines.");
    }

    #[test]
    fn xml_variant() {
        let xml = "<?xml version=\"1.0\"?>\n<LEWIS>\n<REUTERS NEWID=\"7\">\n<DATE>1-APR-1987 01:02:03.00 junk</DATE>\n\
                   <TEXT>\n<TITLE>T</TITLE><BODY>Line\n</BODY></TEXT></REUTERS>\n</LEWIS>\n";
        let r = read_reuters(xml, "r.xml").unwrap();
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].id, "reuters-7");
        assert_eq!(r.articles[0].body, "Line");
    }

    #[test]
    fn unterminated_and_missing_end() {
        // Unterminated TITLE; record without </REUTERS>; truncated final tag.
        let s = "<REUTERS NEWID=\"1\"><TEXT><TITLE>Broken title<BODY>text</BODY></TEXT>\n\
                 <REUTERS NEWID=\"2\"><TEXT><TITLE>Second</TITLE><BODY>b</BODY></TEXT></REUTERS>\n\
                 <REUTERS NEWID=\"3\"><TEXT><TITLE>Third</TITLE><BODY>cut off\n\
                 <REUTERS NEWID=\"4";
        let r = read_reuters(s, "x.sgm").unwrap();
        assert_eq!(r.articles.len(), 3, "{:?}", r.warnings);
        assert_eq!(r.articles[0].title, "Broken title");
        assert_eq!(r.articles[0].body, "text");
        assert_eq!(r.articles[1].title, "Second");
        assert_eq!(r.articles[2].body, "cut off");
        let w = r.warnings.join("\n");
        assert!(w.contains("NEWID 1: missing </REUTERS>"), "{w}");
        assert!(w.contains("NEWID 1: unterminated <TITLE>"), "{w}");
        assert!(w.contains("unterminated <REUTERS tag"), "{w}");
    }

    #[test]
    fn no_records() {
        assert!(matches!(
            read_reuters("<doc>nothing</doc>", "x.sgm"),
            Err(ReadError::Malformed { .. })
        ));
        // <REUTERSX is not a record.
        assert!(read_reuters("<REUTERSX>", "x.sgm").is_err());
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &amp;&quot;&apos;"),
            "a <b> &\"'"
        );
        assert_eq!(decode_entities("&#3;x&#127;&#x2014;&#10;"), "x—\n");
        assert_eq!(
            decode_entities("AT&T & co; &bogus; &#xZZ; &#99999999;"),
            "AT&T & co; &bogus; &#xZZ; &#99999999;"
        );
        assert_eq!(decode_entities("tail &"), "tail &");
        assert_eq!(decode_entities("é&é;"), "é&é;");
    }

    #[test]
    fn attributes() {
        assert_eq!(
            attribute("<REUTERS OLDID=\"5\" NEWID=\"12\">", "newid").as_deref(),
            Some("12")
        );
        assert_eq!(
            attribute("<REUTERS NEWID=12>", "newid").as_deref(),
            Some("12")
        );
        assert_eq!(attribute("<REUTERS OLDNEWID=\"3\">", "newid"), None);
        assert_eq!(author_name("  By Peter Torday, Reuters "), "Peter Torday");
        assert_eq!(author_name("by Ann Lee"), "Ann Lee");
    }

    fn corpus_dir() -> Option<std::path::PathBuf> {
        let d = &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/reuters21578");
        if d.join("reut2-000.xml").exists() {
            Some(d.to_path_buf())
        } else {
            println!("skipped: Reuters-21578 corpus not found at {}", d.display());
            None
        }
    }

    /// All 21,578 articles of the 22 XML files come out.
    #[test]
    fn real_collection_all_articles() {
        let Some(dir) = corpus_dir() else { return };
        let opts = super::super::ReadOptions::default();
        let started = std::time::Instant::now();
        let mut total = 0;
        let mut with_body = 0;
        let mut ids = std::collections::HashSet::new();
        let mut warnings = 0;
        for i in 0..22 {
            let name = format!("reut2-{i:03}.xml");
            let r = super::super::read_file(&dir.join(&name), &name, &opts)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            warnings += r.warnings.len();
            for a in &r.articles {
                assert!(a.id.starts_with("reuters-"), "{}", a.id);
                assert!(ids.insert(a.id.clone()), "duplicate {}", a.id);
                assert!(a.raw_date.is_some(), "{} has no date", a.id);
                assert!(
                    crate::date::parse_date(a.raw_date.as_deref().unwrap_or("")).is_some(),
                    "{}: {:?}",
                    a.id,
                    a.raw_date
                );
                if !a.body.is_empty() {
                    with_body += 1;
                }
            }
            total += r.articles.len();
        }
        let took = started.elapsed();
        println!(
            "reuters: {total} articles ({with_body} with a body, {warnings} warnings) from 22 files in {took:?}"
        );
        assert_eq!(total, 21_578);
        assert!(ids.contains("reuters-1") && ids.contains("reuters-21578"));
    }

    /// The first article of the collection, field by field.
    #[test]
    fn real_first_article() {
        let Some(dir) = corpus_dir() else { return };
        let r = super::super::read_file(
            &dir.join("reut2-000.xml"),
            "reut2-000.xml",
            &Default::default(),
        )
        .unwrap();
        let a = &r.articles[0];
        assert_eq!(a.id, "reuters-1");
        assert_eq!(a.title, "BAHIA COCOA REVIEW");
        assert_eq!(a.dateline.as_deref(), Some("SALVADOR, Feb 26"));
        assert_eq!(a.tags[0], "cocoa");
        assert!(a.tags.contains(&"place:el-salvador".to_string()));
        assert!(a
            .body
            .starts_with("Showers continued throughout the week in\nthe Bahia"));
        assert!(!a.body.ends_with(char::is_whitespace));
    }

    /// The SGML originals give the same articles as the XML conversion.
    #[test]
    fn real_sgml_matches_xml() {
        let sgml_dir = &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/reuters21578-sgml");
        let Some(dir) = corpus_dir() else { return };
        if !sgml_dir.join("reut2-000.sgm").exists() {
            println!("skipped: no SGML files at {}", sgml_dir.display());
            return;
        }
        let opts = super::super::ReadOptions::default();
        for i in 0..2 {
            let sgm = super::super::read_file(
                &sgml_dir.join(format!("reut2-{i:03}.sgm")),
                "x.sgm",
                &opts,
            )
            .unwrap();
            let xml =
                super::super::read_file(&dir.join(format!("reut2-{i:03}.xml")), "x.xml", &opts)
                    .unwrap();
            assert_eq!(sgm.articles.len(), 1000);
            assert_eq!(sgm.articles.len(), xml.articles.len());
            // The XML conversion altered some whitespace and DEL characters,
            // so bodies are compared without whitespace, and a few may differ.
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            let mut differ = 0;
            for (s, x) in sgm.articles.iter().zip(&xml.articles) {
                assert_eq!(s.id, x.id);
                assert_eq!(s.title, x.title, "{}", s.id);
                assert_eq!(s.tags, x.tags, "{}", s.id);
                assert_eq!(s.raw_date, x.raw_date, "{}", s.id);
                assert_eq!(s.dateline, x.dateline, "{}", s.id);
                if squash(&s.body) != squash(&x.body) {
                    differ += 1;
                }
            }
            assert!(differ <= 10, "{differ} bodies differ");
        }
    }
}
