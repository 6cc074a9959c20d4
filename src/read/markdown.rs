//! Markdown: optional YAML front matter between `---` lines (title, date,
//! source/publisher, author, url, tags as a list or a comma string, id,
//! speakers — the same aliases as JSON), then the body with light cleanup:
//! heading marks, emphasis markers, link and image syntax, block quote marks,
//! list bullets, code fences and rules are removed. Without a title in the
//! front matter the first `# heading` is the title (and is not repeated in
//! the body), else the first line. Bad YAML is a warning, never an abort.

use super::{collapse_ws, derived_id, json, shorten, Article, FileRead};
use regex::Regex;
use std::sync::LazyLock;

static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[([^\]\n]*)\]\([^)\n]*\)").expect("image regex"));
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])").expect("link regex")
});
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|mailto):[^>\s]+)>").expect("autolink regex"));
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\*\*|__)([^\n]+?)(\*\*|__)").expect("strong regex"));
static EM_STAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*([^*\s][^*\n]*?)\*").expect("em regex"));
static EM_UNDERSCORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b_([^_\s][^_\n]*?)_\b").expect("em_ regex"));
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`\n]+)`").expect("code regex"));
static STRIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"~~([^~\n]+)~~").expect("strike regex"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$").expect("heading regex"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+").expect("bullet regex"));
static RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)$").expect("rule regex")
});
static REF_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}\[[^\]]+\]:\s+\S+").expect("ref regex"));

/// Reads a Markdown article.
pub fn read_markdown(text: &str, rel: &str) -> FileRead {
    let mut warnings = Vec::new();
    let (front, body) = split_front_matter(text);
    let mut article = Article {
        id: derived_id(rel, None),
        path: rel.to_string(),
        ..Article::default()
    };
    if let Some(yaml) = front {
        if let Some(a) = front_matter(yaml, rel, &mut warnings) {
            article = a;
        }
    }
    let lines: Vec<&str> = body.lines().collect();
    let mut skip_line = None;
    if article.title.is_empty() {
        // The first level-1 heading, else the first non-empty line.
        let heading = lines.iter().enumerate().find_map(|(i, l)| {
            let c = HEADING.captures(l)?;
            (c.get(1)?.as_str() == "#").then(|| (i, c.get(2).map_or("", |m| m.as_str())))
        });
        let first = lines
            .iter()
            .position(|l| !l.trim().is_empty() && !RULE.is_match(l));
        match (heading, first) {
            (Some((i, h)), _) => {
                article.title = collapse_ws(&inline(h));
                if first == Some(i) {
                    skip_line = Some(i);
                }
            }
            (None, Some(i)) => {
                let t = collapse_ws(&inline(strip_heading(lines[i])));
                if t.chars().count() > 300 {
                    article.title = shorten(&t, 300);
                } else {
                    article.title = t;
                    skip_line = Some(i);
                }
            }
            (None, None) => {}
        }
    } else if let Some(i) = lines.iter().position(|l| !l.trim().is_empty()) {
        // Do not repeat the title as the first heading of the body.
        if let Some(c) = HEADING.captures(lines[i]) {
            let h = collapse_ws(&inline(c.get(2).map_or("", |m| m.as_str())));
            if h.eq_ignore_ascii_case(&article.title) {
                skip_line = Some(i);
            }
        }
    }
    article.body = clean_markdown(&lines, skip_line);
    FileRead {
        articles: vec![article],
        warnings,
        ..FileRead::default()
    }
}

/// Splits `---\n yaml \n---\n body`; no front matter → `(None, text)`.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return (Some(yaml), body);
        }
        offset += line.len();
    }
    // No closing line: not front matter after all.
    (None, text)
}

/// The article fields from YAML front matter; `None` (with a warning) when
/// the YAML is bad or not a mapping.
fn front_matter(yaml: &str, rel: &str, warnings: &mut Vec<String>) -> Option<Article> {
    if yaml.trim().is_empty() {
        return None;
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(format!("front matter is not valid YAML ({e}), ignored"));
            return None;
        }
    };
    let json = match serde_json::to_value(&value) {
        Ok(serde_json::Value::Object(map)) => map,
        Ok(_) => {
            warnings.push("front matter is not a mapping, ignored".into());
            return None;
        }
        Err(e) => {
            warnings.push(format!("front matter cannot be used ({e}), ignored"));
            return None;
        }
    };
    let rec = json::fields_from_object(&json, warnings, "front matter");
    Some(rec.into_article(rel, None))
}

fn strip_heading(line: &str) -> &str {
    match HEADING.captures(line).and_then(|c| c.get(2)) {
        Some(m) => m.as_str(),
        None => line,
    }
}

/// Inline cleanup: images → alt text, links → text, emphasis and code marks removed.
fn inline(s: &str) -> String {
    if !s.contains(['[', '*', '_', '`', '~', '<']) {
        return s.to_string();
    }
    let s = IMAGE.replace_all(s, "$1");
    let s = LINK.replace_all(&s, "$1");
    let s = AUTOLINK.replace_all(&s, "$1");
    let s = CODE.replace_all(&s, "$1");
    let s = STRONG.replace_all(&s, "$2");
    let s = EM_STAR.replace_all(&s, "$1");
    let s = EM_UNDERSCORE.replace_all(&s, "$1");
    let s = STRIKE.replace_all(&s, "$1");
    s.into_owned()
}

fn clean_markdown(lines: &[&str], skip_line: Option<usize>) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        if Some(i) == skip_line {
            continue;
        }
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if RULE.is_match(line) || REF_DEF.is_match(line) {
            out.push('\n');
            continue;
        }
        let mut l: &str = line;
        while let Some(rest) = l.trim_start().strip_prefix('>') {
            l = rest.strip_prefix(' ').unwrap_or(rest);
        }
        let l = strip_heading(l);
        let l = match BULLET.find(l) {
            Some(m) => &l[m.end()..],
            None => l,
        };
        out.push_str(&inline(l));
        out.push('\n');
    }
    super::clean_body(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Article, Vec<String>) {
        let mut r = read_markdown(text, "m/a.md");
        (r.articles.remove(0), r.warnings)
    }

    #[test]
    fn front_matter_fields() {
        let (a, w) = one(
            "---\ntitle: \"ECB: rates on hold\"\ndate: 2019-06-06\npublisher: Euro Wire\nauthor: Ann Lee\n\
             url: https://x/ecb\ntags: [rates, ecb]\nid: ecb-1\nspeakers:\n  - Mario Draghi\n---\n\
             # ECB: rates on hold\n\nThe **ECB** kept [rates](https://ecb.europa.eu) on hold, said *Draghi*.\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.title, "ECB: rates on hold");
        assert_eq!(a.raw_date.as_deref(), Some("2019-06-06"));
        assert_eq!(a.source.as_deref(), Some("Euro Wire"));
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.url.as_deref(), Some("https://x/ecb"));
        assert_eq!(a.tags, vec!["rates", "ecb"]);
        assert_eq!(a.id, "ecb-1");
        assert_eq!(a.record_speakers, vec!["Mario Draghi"]);
        assert_eq!(a.body, "The ECB kept rates on hold, said Draghi.");
        assert_eq!(a.path, "m/a.md");
    }

    #[test]
    fn comma_tags_and_source() {
        let (a, _) = one("---\ntitle: T\nsource: S\ntags: a, b\n---\nBody.");
        assert_eq!(a.tags, vec!["a", "b"]);
        assert_eq!(a.source.as_deref(), Some("S"));
        assert_eq!(a.id, "m/a.md");
    }

    #[test]
    fn title_from_heading() {
        let (a, _) = one("# Trade _talks_ resume\n\n## Background\n\n- item one\n- item `two`\n\n> quoted line\n\n---\n\nsnake_case_word ![chart](c.png) stays.\n");
        assert_eq!(a.title, "Trade talks resume");
        assert_eq!(
            a.body,
            "Background\n\nitem one\nitem two\n\nquoted line\n\nsnake_case_word chart stays."
        );
    }

    #[test]
    fn title_from_first_line() {
        let (a, _) = one("\nJust a line\nand more text\n");
        assert_eq!(a.title, "Just a line");
        assert_eq!(a.body, "and more text");
    }

    #[test]
    fn bad_yaml_is_a_warning() {
        let (a, w) = one("---\ntitle: [unclosed\n  : : :\n---\n# Heading\n\nBody");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("YAML"));
        assert_eq!(a.title, "Heading");
        assert_eq!(a.body, "Body");
        let (_, w) = one("---\n- a\n- b\n---\nBody");
        assert!(w[0].contains("mapping"), "{w:?}");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let (a, w) = one("---\ntitle: x\nno end");
        assert!(w.is_empty());
        assert_eq!(a.title, "title: x");
    }

    #[test]
    fn code_fence_kept_verbatim() {
        let (a, _) = one("# T\n\n```\n*not emphasis*\n```\n");
        assert_eq!(a.body, "*not emphasis*");
    }
}
