//! JSON (`.json`: one object, an array of objects, or a wrapper object like
//! `{"articles": [...]}`) and JSON lines (`.jsonl`, `.ndjson`: one object per
//! line; a bad line is a warning naming its line number).
//!
//! Keys are matched case-insensitively through the alias table of
//! [`super::field_of`]. Values of an unexpected type are converted when that
//! is sensible (numbers to text, `{"name": …}` objects to their name, arrays
//! of text joined) and otherwise ignored with a warning. serde_json's
//! recursion limit (128) stays on, so deeply nested input is an error, not a
//! stack overflow.

use super::{field_of, Field, FileRead, Format, ReadError, RecordFields, ALIAS_COUNT};
use serde_json::{Map, Value};

/// Keys of a wrapper object holding the list of articles.
const WRAPPER_KEYS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "records",
    "entries",
    "documents",
    "docs",
    "posts",
    "stories",
    "news",
];

/// True when the text is several JSON values one per line rather than one
/// JSON document (used to read a `.json` file holding JSON lines).
pub fn looks_like_lines(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let (Some(first), Some(_second)) = (lines.next(), lines.next()) else {
        return false;
    };
    first.starts_with('{') && first.ends_with('}') && serde_json::from_str::<Value>(first).is_ok()
}

/// Reads a `.json` document.
pub fn read_json(text: &str, rel: &str) -> Result<FileRead, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(Format::Json, &e))?;
    let mut out = FileRead::default();
    match value {
        Value::Object(map) => match wrapped_list(&map) {
            Some(list) => read_list(list, rel, &mut out),
            None if keyed_records(&map) => read_keyed(&map, rel, &mut out),
            None => {
                let rec = fields_from_object(&map, &mut out.warnings, "object");
                if rec.has(Field::Title) || rec.has(Field::Body) {
                    out.articles.push(rec.into_article(rel, None));
                } else {
                    out.warnings
                        .push("object has no title or text field".into());
                }
            }
        },
        Value::Array(list) => read_list(&list, rel, &mut out),
        other => {
            return Err(ReadError::malformed(
                Format::Json,
                format!(
                    "expected an object or an array, found {}",
                    type_name(&other)
                ),
            ))
        }
    }
    Ok(out)
}

fn json_error(format: Format, e: &serde_json::Error) -> ReadError {
    let msg = e.to_string();
    let reason = if msg.contains("recursion limit") {
        format!("nested too deeply (line {})", e.line())
    } else {
        msg
    };
    ReadError::malformed(format, reason)
}

/// The article list of a wrapper object (`{"articles": [...]}`), unless the
/// object itself looks like an article.
fn wrapped_list(map: &Map<String, Value>) -> Option<&Vec<Value>> {
    let is_article = map
        .keys()
        .any(|k| matches!(field_of(k), Some((Field::Title | Field::Body, _))));
    if is_article {
        return None;
    }
    map.iter().find_map(|(k, v)| {
        let k = k.to_ascii_lowercase();
        match v {
            Value::Array(list) if WRAPPER_KEYS.contains(&k.as_str()) => Some(list),
            _ => None,
        }
    })
}

/// Whether an object holds records keyed by their ids (`{"a1": {…},
/// "a2": {…}}`, as many exports keep them) rather than being one: none of
/// its keys is a field, every value is an object, and two or more of them
/// have a text. Read as one record it would give the first record's text
/// and lose the others. (One record split in parts — `{"meta": {title},
/// "fields": {text}}` — has one text and stays one record.)
fn keyed_records(map: &Map<String, Value>) -> bool {
    let has_text = |v: &Value| {
        v.as_object().is_some_and(|o| {
            o.keys()
                .any(|k| matches!(field_of(k), Some((Field::Body, _))))
        })
    };
    !map.keys().any(|k| field_of(k).is_some())
        && map.values().all(Value::is_object)
        && map.values().filter(|v| has_text(v)).count() >= 2
}

/// The records of an object keyed by id: each record's id is its own, else
/// its key.
fn read_keyed(map: &Map<String, Value>, rel: &str, out: &mut FileRead) {
    for (i, (key, v)) in map.iter().enumerate() {
        let pos = i + 1;
        let Value::Object(record) = v else { continue };
        let rec = fields_from_object(record, &mut out.warnings, &format!("record {key:?}"));
        if rec.has(Field::Title) || rec.has(Field::Body) {
            let own_id = rec.has(Field::Id);
            let mut a = rec.into_article(rel, Some(pos));
            if !own_id {
                a.id = key.clone();
            }
            out.articles.push(a);
        } else {
            out.warnings
                .push(format!("record {key:?}: no title or text field, skipped"));
        }
    }
}

fn read_list(list: &[Value], rel: &str, out: &mut FileRead) {
    for (i, v) in list.iter().enumerate() {
        let pos = i + 1;
        match v {
            Value::Object(map) => {
                let ctx = format!("record {pos}");
                let rec = fields_from_object(map, &mut out.warnings, &ctx);
                if rec.has(Field::Title) || rec.has(Field::Body) {
                    out.articles.push(rec.into_article(rel, Some(pos)));
                } else {
                    out.warnings
                        .push(format!("record {pos}: no title or text field, skipped"));
                }
            }
            other => out.warnings.push(format!(
                "record {pos}: expected an object, found {}, skipped",
                type_name(other)
            )),
        }
    }
}

/// Reads JSON lines: one object per line; blank lines are ignored, a bad
/// line is reported and skipped. Ids are `rel#N` with N the line number.
pub fn read_jsonl(text: &str, rel: &str) -> FileRead {
    read_jsonl_from(text, rel, 1, &mut |_| None)
}

/// Like [`read_jsonl`] for a piece of a larger file whose first line is line
/// `first_line` of the file (line numbers make the ids). A line whose
/// [`record_hash`] `known` recognises is passed over unparsed, as the id
/// `known` gives (in [`FileRead::unchanged`]).
pub fn read_jsonl_from(
    text: &str,
    rel: &str,
    first_line: usize,
    known: &mut dyn FnMut(u64) -> Option<String>,
) -> FileRead {
    let mut out = FileRead::default();
    for (i, line) in text.lines().enumerate() {
        let n = first_line + i;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let hash = record_hash(line);
        if let Some(id) = known(hash) {
            out.unchanged.push((out.articles.len(), id));
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => {
                let ctx = format!("line {n}");
                let rec = fields_from_object(&map, &mut out.warnings, &ctx);
                if rec.has(Field::Title) || rec.has(Field::Body) {
                    let mut a = rec.into_article(rel, Some(n));
                    a.record_hash = Some(hash);
                    out.articles.push(a);
                } else {
                    out.warnings
                        .push(format!("line {n}: no title or text field, skipped"));
                }
            }
            Ok(other) => out.warnings.push(format!(
                "line {n}: expected an object, found {}, skipped",
                type_name(&other)
            )),
            Err(e) => {
                let reason = match json_error(Format::JsonLines, &e) {
                    ReadError::Malformed { reason, .. } => reason,
                    other => other.to_string(),
                };
                out.warnings
                    .push(format!("line {n}: invalid JSON ({reason}), skipped"));
            }
        }
    }
    out
}

/// The hash of a JSON-lines record's text (trimmed): equal for the same
/// line on every run, so an unchanged record is known without parsing it.
/// (If the hash function changes with a dependency, records are only read
/// again: a hash that matches nothing is parsed as before.)
pub fn record_hash(line: &str) -> u64 {
    use std::hash::BuildHasher;
    // the reader's version: a change in how records become articles makes
    // every record read again
    const READER: u64 = 1;
    foldhash::quality::FixedState::with_seed(0x6563_6f6e_2d6a_736f ^ READER).hash_one(line)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Scalar → text; `{"name": …}`-like objects → their name.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(m) => [
            "name", "value", "label", "term", "text", "title", "#text", "main", "original",
        ]
        .iter()
        .find_map(|k| {
            m.iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .and_then(|(_, v)| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
        }),
        _ => None,
    }
}

/// The record fields of one object. `ctx` names the record in warnings.
pub(crate) fn fields_from_object(
    map: &Map<String, Value>,
    warnings: &mut Vec<String>,
    ctx: &str,
) -> RecordFields {
    let mut rec = RecordFields::default();
    for (key, value) in map {
        let Some((field, prio)) = field_of(key) else {
            // An object under another key (the Guardian API's `fields`):
            // its keys count too, below the record's own.
            if let Value::Object(inner) = value {
                for (k, v) in inner {
                    if let (Some((field, prio)), Some(t)) = (field_of(k), as_text(v)) {
                        rec.set(field, prio + ALIAS_COUNT, &t);
                    }
                }
            }
            continue;
        };
        match value {
            Value::Null => {}
            Value::Array(items) => {
                let texts: Vec<String> = items.iter().filter_map(as_text).collect();
                if texts.len() < items.len() {
                    warnings.push(format!(
                        "{ctx}: field \"{key}\": {} item(s) of an unexpected type ignored",
                        items.len() - texts.len()
                    ));
                }
                rec.set_list(field, prio, texts);
            }
            Value::Object(_) => match as_text(value) {
                Some(t) => rec.set(field, prio, &t),
                None => warnings.push(format!(
                    "{ctx}: field \"{key}\": an object where text was expected, ignored"
                )),
            },
            Value::Bool(_) if !matches!(field, Field::Tags | Field::Id) => {
                warnings.push(format!(
                    "{ctx}: field \"{key}\": a boolean where text was expected, ignored"
                ));
            }
            scalar => {
                if let Some(t) = as_text(scalar) {
                    rec.set(field, prio, &t);
                }
            }
        }
    }
    rec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_object_with_aliases() {
        let r = read_json(
            r#"{"Headline": "Tariffs  rise", "story": "Body text.", "published_at": "2018-03-01T12:00:00Z",
                "byline": ["Ann Lee", {"name": "Bo Chen"}], "Publisher": {"name": "Wire"},
                "link": "https://x/y", "_id": 42, "Topics": ["trade", "tariffs"], "keywords": "steel; aluminium",
                "speakers": "Wilbur Ross, Peter Navarro", "extra": {"deep": [1, 2]}}"#,
            "a.json",
        )
        .unwrap();
        assert_eq!(r.articles.len(), 1);
        let a = &r.articles[0];
        assert_eq!(a.title, "Tariffs rise");
        assert_eq!(a.body, "Body text.");
        assert_eq!(a.raw_date.as_deref(), Some("2018-03-01T12:00:00Z"));
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://x/y"));
        assert_eq!(a.id, "42");
        // topics go to tags, never to inferred topics
        assert!(a.topics.is_empty());
        let mut tags = a.tags.clone();
        tags.sort();
        assert_eq!(tags, vec!["aluminium", "steel", "tariffs", "trade"]);
        assert_eq!(a.record_speakers, vec!["Wilbur Ross", "Peter Navarro"]);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn single_object_id_from_path() {
        let r = read_json(r#"{"title": "T", "text": "B"}"#, "dir/a.json").unwrap();
        assert_eq!(r.articles[0].id, "dir/a.json");
    }

    #[test]
    fn array_and_wrapper() {
        let r = read_json(
            r#"[{"title": "A", "body": "x"}, 5, {"foo": 1}, {"title": "D", "content": "y", "guid": "g-4"}]"#,
            "a.json",
        )
        .unwrap();
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[0].id, "a.json#1");
        assert_eq!(r.articles[1].id, "g-4");
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
        assert!(r.warnings[0].contains("record 2"));
        let r = read_json(
            r#"{"status": "ok", "articles": [{"title": "A", "text": "x"}, {"title": "B"}]}"#,
            "w.json",
        )
        .unwrap();
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[1].id, "w.json#2");
    }

    #[test]
    fn records_keyed_by_id_are_each_an_article() {
        let r = read_json(
            r#"{"p-1": {"articleBody": "First text.", "url": "http://a"},
                "p-2": {"articleBody": "Second text.", "id": "own-2"},
                "p-3": {"headline": "No text here"}}"#,
            "k.json",
        )
        .unwrap();
        let ids: Vec<&str> = r.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["p-1", "own-2", "p-3"]);
        assert_eq!(r.articles[1].body, "Second text.");
        // one record in parts (a title here, the text there) stays one
        let r = read_json(
            r#"{"meta": {"headline": "Budget passes"}, "fields": {"bodyText": "The budget passed."}}"#,
            "one.json",
        )
        .unwrap();
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].title, "Budget passes");
        assert_eq!(r.articles[0].body, "The budget passed.");
    }

    #[test]
    fn wrong_types() {
        let r = read_json(
            r#"{"title": 2017, "body": {"nested": true}, "date": 20170718, "author": true,
                "tags": [1, "a", {"x": 1}, null], "url": ["http://a", "http://b"]}"#,
            "a.json",
        )
        .unwrap();
        let a = &r.articles[0];
        assert_eq!(a.title, "2017");
        assert_eq!(a.body, "");
        assert_eq!(a.raw_date.as_deref(), Some("20170718"));
        assert!(a.authors.is_empty());
        assert_eq!(a.tags, vec!["1", "a"]);
        assert_eq!(a.url.as_deref(), Some("http://a, http://b"));
        assert!(r.warnings.len() >= 3, "{:?}", r.warnings);
    }

    #[test]
    fn not_an_article() {
        assert!(matches!(
            read_json("42", "a.json"),
            Err(ReadError::Malformed { .. })
        ));
        assert!(matches!(
            read_json("{\"title\": ", "a.json"),
            Err(ReadError::Malformed { .. })
        ));
        let r = read_json("{\"colour\": \"red\"}", "a.json").unwrap();
        assert!(r.articles.is_empty());
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        match read_json(&deep, "a.json") {
            Err(ReadError::Malformed { reason, .. }) => {
                assert!(reason.contains("nested too deeply"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        let obj = format!(
            "{{\"title\":\"t\",\"x\":{}1{}}}",
            "{\"a\":".repeat(5000),
            "}".repeat(5000)
        );
        let r = read_jsonl(&format!("{obj}\n{{\"title\":\"ok\"}}\n"), "a.jsonl");
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].id, "a.jsonl#2");
        assert!(r.warnings[0].contains("line 1"), "{:?}", r.warnings);
    }

    #[test]
    fn jsonl_bad_line() {
        let r = read_jsonl(
            "{\"title\":\"A\",\"text\":\"a\"}\n\n{\"title\": broken\n[1,2]\n{\"headline\":\"D\",\"id\":\"d\"}\n",
            "n.jsonl",
        );
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[0].id, "n.jsonl#1");
        assert_eq!(r.articles[1].id, "d");
        assert_eq!(r.warnings.len(), 2);
        assert!(r.warnings[0].starts_with("line 3"), "{:?}", r.warnings);
        assert!(r.warnings[1].starts_with("line 4"), "{:?}", r.warnings);
    }

    #[test]
    fn lines_sniffing() {
        assert!(looks_like_lines("{\"a\":1}\n{\"a\":2}\n"));
        assert!(!looks_like_lines("{\"a\":1}\n"));
        assert!(!looks_like_lines("{\n\"a\": 1\n}\n"));
        assert!(!looks_like_lines("[{\"a\":1},\n{\"a\":2}]"));
    }
}
