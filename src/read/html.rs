//! HTML pages (with `scraper`).
//!
//! * title: `og:title`, else JSON-LD `headline`, else the `<h1>` inside
//!   `<article>`, else `<title>`, else the first `<h1>`;
//! * date: `article:published_time`, `datePublished`, `pubdate`, `date`,
//!   `dc.date`… metas, else JSON-LD `datePublished`, else `<time datetime>`;
//! * authors: every JSON-LD author, else every `meta name=author` (then
//!   `article:author`, `dc.creator`, `byl`), "A and B" / "A; B" split;
//! * source: `og:site_name`, JSON-LD publisher; url: `og:url`, `link
//!   rel=canonical`, JSON-LD url. JSON-LD `NewsArticle`/`Article`/… objects
//!   are read before a page's other JSON-LD objects;
//! * tags: `keywords`, `news_keywords`, `article:tag` metas;
//! * body: the article found by the `trafilatura` crate (a port of
//!   trafilatura: boilerplate, nav, share bars, ads, related links and
//!   comments removed), split into paragraphs at its block boundaries; short
//!   boilerplate paragraphs it lets through ("Read more: …", "Sign up …",
//!   "ADVERTISEMENT", share-button rows, date and byline lines) are dropped,
//!   and so are paragraphs that are wholly a link on the page (related
//!   stories, category lists). When it finds less than
//!   250 characters, or the page is too deep or too large for it, the text
//!   of `<article>` (else `<main>`, else `<body>`) without script, style,
//!   nav, header, footer, aside, noscript, form (and template, svg, iframe,
//!   button, select) subtrees. Paragraphs (`p`, `h1`–`h6`, `li`, `br`,
//!   `div`… boundaries) are separated by blank lines, whitespace collapsed,
//!   entities decoded. The headline is dropped from the body: among the
//!   first paragraphs with the short lines above it (kicker, caption),
//!   elsewhere when a paragraph equals it.
//!
//! The tree is walked iteratively, so deep nesting cannot overflow the stack.

use super::{byline_names, collapse_ws, derived_id, push_unique, split_list, Article, FileRead};
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashSet;
use std::sync::LazyLock;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| sel("article"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| sel("main"));
static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static TIME: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel][href]"));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));

/// Meta keys for the date, in priority order.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "og:published_time",
    "parsely-pub-date",
    "sailthru.date",
];

/// Subtrees that are not article text.
const EXCLUDED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "svg",
    "iframe", "button", "select", "head", "figure",
];

/// Elements whose start and end separate paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "hr",
    "address",
    "figcaption",
    "details",
    "summary",
    "body",
];

/// Reads an HTML page as one article.
pub fn read_html(text: &str, rel: &str) -> FileRead {
    let doc = Html::parse_document(text);
    let mut warnings = Vec::new();
    let mut metas: Vec<(String, String)> = Vec::new();
    for m in doc.select(&META) {
        let v = m.value();
        let Some(content) = v.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key in [v.attr("property"), v.attr("name"), v.attr("itemprop")]
            .into_iter()
            .flatten()
        {
            metas.push((key.trim().to_ascii_lowercase(), content.to_string()));
        }
    }
    let meta = |key: &str| {
        metas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let ld = json_ld(&doc, &mut warnings);
    let article_el = doc.select(&ARTICLE).next();

    let mut a = Article {
        id: derived_id(rel, None),
        path: rel.to_string(),
        ..Article::default()
    };
    a.title = meta("og:title")
        .map(collapse_ws)
        .or_else(|| ld.headline.clone())
        .or_else(|| {
            article_el
                .and_then(|e| e.select(&H1).next())
                .map(element_text)
        })
        .or_else(|| doc.select(&TITLE).next().map(element_text))
        .or_else(|| doc.select(&H1).next().map(element_text))
        .or_else(|| meta("twitter:title").map(collapse_ws))
        .unwrap_or_default();
    a.raw_date = DATE_KEYS
        .iter()
        .find_map(|k| meta(k))
        .map(str::to_string)
        .or_else(|| ld.date.clone())
        .or_else(|| {
            let scope = article_el.map_or_else(
                || doc.select(&TIME).next(),
                |e| e.select(&TIME).next().or_else(|| doc.select(&TIME).next()),
            );
            scope
                .and_then(|t| t.value().attr("datetime"))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        });
    // Every author: JSON-LD's list first, else all `author`-like metas.
    a.authors = ld.authors.clone();
    if a.authors.is_empty() {
        for key in ["author", "article:author", "dc.creator", "byl"] {
            let names: Vec<String> = metas
                .iter()
                .filter(|(k, v)| k == key && !v.starts_with("http"))
                .flat_map(|(_, v)| byline_names(v))
                .collect();
            if !names.is_empty() {
                push_unique(&mut a.authors, names);
                break;
            }
        }
    }
    a.source = meta("og:site_name")
        .map(collapse_ws)
        .or_else(|| ld.publisher.clone());
    a.url = meta("og:url").map(str::to_string).or_else(|| {
        doc.select(&CANONICAL)
            .find(|l| {
                l.value().attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.value().attr("href"))
            .map(|h| h.trim().to_string())
            .or_else(|| ld.url.clone())
    });
    for (k, v) in &metas {
        match k.as_str() {
            "keywords" | "news_keywords" => push_unique(&mut a.tags, split_list(v)),
            "article:tag" => push_unique(&mut a.tags, vec![v.clone()]),
            _ => {}
        }
    }

    let mut paragraphs = extracted_paragraphs(text, &doc).unwrap_or_else(|| {
        let root = article_el
            .or_else(|| doc.select(&MAIN).next())
            .or_else(|| doc.select(&BODY).next())
            .unwrap_or_else(|| doc.root_element());
        paragraphs_of(root)
    });
    // The headline repeated in the body, and what stands above it.
    let first_h1 = article_el
        .and_then(|e| e.select(&H1).next())
        .or_else(|| doc.select(&H1).next())
        .map(element_text);
    let headlines: Vec<String> = [
        Some(a.title.clone()),
        ld.headline.clone(),
        first_h1,
        meta("og:title").map(collapse_ws),
        meta("twitter:title").map(collapse_ws),
        doc.select(&TITLE).next().map(element_text),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.is_empty())
    .map(|t| t.to_lowercase())
    .collect();
    drop_headline(&mut paragraphs, &headlines);
    a.body = paragraphs.join("\n\n");
    FileRead {
        articles: vec![a],
        warnings,
        ..FileRead::default()
    }
}

/// Pages nested deeper than this skip the extractor (its tree walks
/// recurse) and take the plain walk of `<article>`/`<main>`/`<body>`.
const MAX_EXTRACT_DEPTH: usize = 400;
/// Extracted text shorter than this (trafilatura's own minimum) is not used.
const MIN_EXTRACTED_CHARS: usize = 250;
/// Pages with more elements than this skip the extractor too.
const MAX_EXTRACT_ELEMENTS: usize = 200_000;

/// The article paragraphs found by trafilatura (recall-leaning focus, no
/// comments), split at block boundaries by [`paragraphs_of`]; `None` when
/// the page is too deep or too large for it, or it finds nothing.
fn extracted_paragraphs(text: &str, doc: &Html) -> Option<Vec<String>> {
    if !fits_extractor(doc) {
        return None;
    }
    let mut opts = trafilatura::Options::default();
    opts.focus = trafilatura::ExtractionFocus::FavorRecall;
    opts.exclude_comments = true;
    opts.html_date_mode = trafilatura::HtmlDateMode::Disabled;
    opts.max_tree_size = Some(MAX_EXTRACT_ELEMENTS);
    let result = trafilatura::extract(text, &opts).ok()?;
    // Less than that and trafilatura fell back to its baseline, which glues
    // the page's text into one block: the reader's own walk does better.
    if result.content_text.chars().count() < MIN_EXTRACTED_CHARS {
        return None;
    }
    let fragment = Html::parse_fragment(&result.content_html);
    let mut paragraphs = paragraphs_of(fragment.root_element());
    let links = LinkBlocks::of(doc);
    paragraphs.retain(|p| !is_boilerplate(p) && !links.is_link_only(p));
    (!paragraphs.is_empty()).then_some(paragraphs)
}

/// Paragraphs above the headline at most: what the extractor puts before
/// the headline is a kicker, a breadcrumb, a photo caption or a category
/// list, not the article.
const HEADLINE_SEARCH: usize = 6;
/// Words above the headline that may go with it; more, and the headline
/// is left where it is.
const ABOVE_HEADLINE_WORDS: usize = 60;

/// Removes the headline from the body (`headlines`: the page's title,
/// `og:title`, `<title>`, JSON-LD headline, first `<h1>`, lower-cased).
/// Among the first paragraphs, one that is a headline or the headline
/// part of a "Site: Headline" / "Headline - Site" title goes, with the
/// short lines above it; anywhere else, a paragraph equal to a headline
/// of two words or more goes.
fn drop_headline(paragraphs: &mut Vec<String>, headlines: &[String]) {
    let is_headline = |p: &str, part: bool| {
        let p = p.to_lowercase();
        let words = p.split_whitespace().count();
        headlines.iter().any(|h| {
            (p == *h && (part || words >= 2))
                || (part
                    && words >= 3
                    && 2 * p.len() >= h.len()
                    && (h.starts_with(&p) || h.ends_with(&p)))
        })
    };
    let top = paragraphs
        .iter()
        .take(HEADLINE_SEARCH)
        .position(|p| is_headline(p, true));
    if let Some(i) = top {
        let above: usize = paragraphs[..i]
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum();
        if above <= ABOVE_HEADLINE_WORDS {
            paragraphs.drain(..=i);
        }
    }
    paragraphs.retain(|p| !is_headline(p, false));
}

/// Boilerplate paragraphs the extractor lets through: "Read more: …",
/// "Related: …", "Sign up …", "ADVERTISEMENT", "Share on Facebook Share
/// on X Email", "Copyright …", "SOURCE: …" and the like; only short
/// paragraphs (25 words at most), so a sentence of the article that
/// happens to start so is kept.
fn is_boilerplate(p: &str) -> bool {
    static PREFIX: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^\W*(read more|read also|also read|see also|related( articles| stories| posts| content| coverage| links)?\s*:|more\s*:|also\s*:|leggi anche|lire aussi|weitere artikel|you (may|might) also like|most (read|popular|viewed)|popular on|recommended for you|subscribe to|sign up|click here|like this story|share (this|on|it)|follow (us|him|her|them)|tags?\s*:|filed under|copyright|©|source\s*:|contributing\s*:|additional reporting|continue reading|advertisement|advert\b|sponsored|get the latest|get .{1,60} delivered)",
        )
        .expect("valid regex")
    });
    /// Words of share bars and advertisement labels.
    const SHARE: &[&str] = &[
        "share",
        "on",
        "facebook",
        "twitter",
        "x",
        "email",
        "e-mail",
        "mail",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "print",
        "copy",
        "link",
        "tweet",
        "messenger",
        "telegram",
        "flipboard",
        "this",
        "article",
        "story",
        "comments",
        "comment",
        "ad",
        "advertisement",
    ];
    let words = p.split_whitespace().count();
    if words > 25 {
        return false;
    }
    if is_dateline(p) {
        return true;
    }
    let mut share_words = p
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .peekable();
    PREFIX.is_match(p)
        || (share_words.peek().is_some()
            && share_words.all(|w| SHARE.iter().any(|s| s.eq_ignore_ascii_case(w))))
}

/// The page's text blocks (split as [`paragraphs_of`] splits them) whose
/// text is all inside links: teasers of related articles, category and
/// tag lists, "more stories" boxes, whether in `<li><a>`, `<p><a>` or a
/// card wrapped in `<a>`. The extractor keeps some of them when they sit
/// inside the article's container; a paragraph of its result that is such
/// a block, and never appears as a block with plain text, is dropped.
/// Not counted as links: in-page anchors (`href="#…"`), a link inside a
/// heading (`<h3><a>Product</a></h3>`: a list article's section titles),
/// and link text that is itself an address (a source or shop URL the
/// article spells out).
#[derive(Default)]
struct LinkBlocks {
    linked: HashSet<String>,
    plain: HashSet<String>,
}

impl LinkBlocks {
    fn of(doc: &Html) -> Self {
        /// Where a node sits: inside a link, inside a heading, inside a
        /// link that is inside a heading.
        #[derive(Clone, Copy, Default)]
        struct At {
            link: bool,
            heading: bool,
            heading_link: bool,
        }
        #[derive(Default)]
        struct Block {
            text: String,
            chars: usize,
            linked_chars: usize,
            heading_link: bool,
        }
        let mut out = LinkBlocks::default();
        let mut cur = Block::default();
        let flush = |cur: &mut Block, out: &mut LinkBlocks| {
            let text = collapse_ws(&cur.text);
            if !text.is_empty() {
                let is_address = text.starts_with("http") || text.starts_with("www.");
                if cur.linked_chars == cur.chars && !cur.heading_link && !is_address {
                    out.linked.insert(text);
                } else {
                    out.plain.insert(text);
                }
            }
            *cur = Block::default();
        };
        let mut stack = vec![(*doc.root_element(), false, At::default())];
        while let Some((node, closing, at)) = stack.pop() {
            match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if closing {
                        if BLOCKS.contains(&name) {
                            flush(&mut cur, &mut out);
                        }
                        continue;
                    }
                    if matches!(
                        name,
                        "script" | "style" | "noscript" | "template" | "head" | "svg"
                    ) {
                        continue;
                    }
                    if BLOCKS.contains(&name) {
                        flush(&mut cur, &mut out);
                    }
                    let mut inner = at;
                    if name == "a" && e.attr("href").is_some_and(|h| !h.trim().starts_with('#')) {
                        inner.link = true;
                        inner.heading_link |= at.heading;
                    }
                    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                        inner.heading = true;
                    }
                    stack.push((node, true, at));
                    stack.extend(node.children().rev().map(|c| (c, false, inner)));
                }
                Node::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    cur.text.push_str(t);
                    cur.chars += n;
                    if at.link {
                        cur.linked_chars += n;
                    }
                    cur.heading_link |= at.heading_link && n > 0;
                }
                _ if !closing => {
                    stack.push((node, true, at));
                    stack.extend(node.children().rev().map(|c| (c, false, at)));
                }
                _ => {}
            }
        }
        flush(&mut cur, &mut out);
        out
    }

    fn is_link_only(&self, p: &str) -> bool {
        self.linked.contains(p) && !self.plain.contains(p)
    }
}

/// A date or byline line: "October 12, 2017", "Published 18 November
/// 2019", "UPDATED: Tue., Nov. 19, 2019", "5:45 AM PST 11/19/2019 by Ann
/// Lee", "by Jeff Foust": a date with at most labels, times, weekdays, a
/// trailing "by Name" and one other word (a site name) around it, or "by"
/// and up to four capitalised names. The article's own sentences have more
/// words than that.
fn is_dateline(p: &str) -> bool {
    const MONTH: &str = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    static DATES: LazyLock<[regex::Regex; 4]> = LazyLock::new(|| {
        let re = |s: String| regex::Regex::new(&s).expect("valid regex");
        [
            re(format!(
                r"(?i)\b\d{{1,2}}(st|nd|rd|th)?\.?\s+(of\s+)?{MONTH},?\s+\d{{4}}\b"
            )),
            re(format!(
                r"(?i)\b{MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b"
            )),
            re(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b".to_string()),
            re(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b".to_string()),
        ]
    });
    static AROUND: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?|[ap]\.?m\.?|(mon|tues|wednes|thurs|fri|satur|sun)day|(mon|tue|wed|thu|fri|sat|sun)\.?|published|updated|posted|first|last|modified|created|on|at|date|[a-z]{1,2}[sd]t|gmt|utc|cet|cest|et|pt)\b",
        )
        .expect("valid regex")
    });
    static BY: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i:\bby)\s+(\p{Lu}[\w.'’-]*\s*){1,4}$").expect("valid regex")
    });
    static BYLINE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^\W*(?i:by)\s+(\p{Lu}[\w.'’-]*\s*){1,4}((,|and|&)\s*(\p{Lu}[\w.'’-]*\s*){1,4})*$",
        )
        .expect("valid regex")
    });
    if p.split_whitespace().count() > 14 {
        return false;
    }
    if BYLINE.is_match(p) {
        return true;
    }
    let mut rest = p.to_string();
    let mut dated = false;
    for d in DATES.iter() {
        if d.is_match(&rest) {
            dated = true;
            rest = d.replace_all(&rest, " ").into_owned();
        }
    }
    if !dated {
        return false;
    }
    let rest = BY.replace(rest.trim(), " ");
    let rest = AROUND.replace_all(&rest, " ");
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        <= 1
}

/// Whether the page is shallow and small enough for the extractor (an
/// iterative walk, so it cannot overflow itself).
fn fits_extractor(doc: &Html) -> bool {
    let mut stack = vec![(*doc.root_element(), 0usize)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_EXTRACT_DEPTH {
            return false;
        }
        elements += 1;
        if elements > MAX_EXTRACT_ELEMENTS {
            return false;
        }
        stack.extend(
            node.children()
                .filter(|c| c.value().is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    true
}

/// Visible text of an element, whitespace collapsed.
fn element_text(e: ElementRef) -> String {
    collapse_ws(&e.text().collect::<String>())
}

/// The text paragraphs under `root`, in document order.
fn paragraphs_of(root: ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let p = collapse_ws(current);
        if !p.is_empty() {
            out.push(p);
        }
        current.clear();
    };
    // Iterative depth-first walk: (node, closing?).
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(e) => {
                let name = e.name();
                if closing {
                    if BLOCKS.contains(&name) {
                        flush(&mut current, &mut out);
                    }
                    continue;
                }
                if EXCLUDED.contains(&name) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    flush(&mut current, &mut out);
                } else if matches!(name, "td" | "th") {
                    current.push(' ');
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            Node::Text(t) => current.push_str(t),
            _ if !closing => {
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// What JSON-LD blocks say about the article.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// Whether a JSON-LD object is an article (`NewsArticle`, `Article`,
/// `BlogPosting`, `ReportageNewsArticle`…), by its `@type` or one of them.
fn is_article(o: &serde_json::Value) -> bool {
    let t = |v: &serde_json::Value| {
        v.as_str()
            .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
    };
    match o.get("@type") {
        Some(serde_json::Value::Array(ts)) => ts.iter().any(t),
        Some(v) => t(v),
        None => false,
    }
}

fn json_ld(doc: &Html, warnings: &mut Vec<String>) -> JsonLd {
    let mut out = JsonLd::default();
    let mut values = Vec::new();
    for script in doc.select(&JSON_LD) {
        let text: String = script.text().collect();
        match serde_json::from_str::<serde_json::Value>(text.trim()) {
            Ok(v) => values.push(v),
            Err(e) => warnings.push(format!(
                "ignored a JSON-LD block that is not valid JSON ({e})"
            )),
        }
    }
    // Objects at the top, in a top-level array, or in "@graph", of every block.
    let mut objects: Vec<&serde_json::Value> = Vec::new();
    for value in &values {
        match value {
            serde_json::Value::Array(items) => objects.extend(items),
            v => objects.push(v),
        }
    }
    let mut i = 0;
    while i < objects.len() && i < 256 {
        if let Some(serde_json::Value::Array(g)) = objects[i].get("@graph") {
            objects.extend(g);
        }
        i += 1;
    }
    // Article objects first (stable), so a WebPage's or an Organization's
    // fields fill only what no article gives.
    objects.sort_by_key(|o| !is_article(o));
    for o in objects {
        let s = |k: &str| o.get(k).and_then(name_of);
        if out.url.is_none() && is_article(o) {
            out.url = s("url").filter(|u| u.starts_with("http"));
        }
        if out.date.is_none() {
            out.date = s("datePublished").or_else(|| s("dateCreated"));
        }
        if out.headline.is_none() {
            out.headline = s("headline").map(|h| collapse_ws(&h));
        }
        if out.authors.is_empty() {
            out.authors = o
                .get("author")
                .map(names_of)
                .unwrap_or_default()
                .iter()
                .flat_map(|n| byline_names(n))
                .collect();
        }
        if out.publisher.is_none() {
            out.publisher = s("publisher");
        }
    }
    out
}

/// The names in a JSON-LD value: one, or each of a list.
fn names_of(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Array(items) => items.iter().filter_map(name_of).collect(),
        v => name_of(v).into_iter().collect(),
    }
}

/// A string, a `{"name": …}` object, or a list of those joined with ", ".
fn name_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Object(m) => m.get("name").and_then(|n| match n {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(html: &str) -> (Article, Vec<String>) {
        let mut r = read_html(html, "web/p.html");
        (r.articles.remove(0), r.warnings)
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Site | Ignored title</title>
<meta property="og:title" content="Treasury &amp; the   dollar">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://example.com/a">
<meta property="article:published_time" content="2017-07-18T10:00:00Z">
<meta name="author" content="Jane Roe">
<meta name="keywords" content="currency, treasury">
<style>p { color: red }</style>
</head>
<body>
<header><nav><a href="/">Home</a></nav></header>
<article>
  <h1>Treasury &amp; the dollar</h1>
  <p>The   Treasury said on
     Tuesday the dollar&nbsp;was &ldquo;strong&rdquo;.</p>
  <script>var x = "not text";</script>
  <div>A div paragraph<br>after a break</div>
  <ul><li>first item</li><li>second <em>item</em></li></ul>
  <aside>Related: other story</aside>
  <form><input value="x">Subscribe</form>
  <p>Caf&eacute; &#8212; &#x2014; end.</p>
</article>
<footer>Copyright</footer>
</body></html>"#;

    #[test]
    fn full_page() {
        let (a, w) = one(PAGE);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.title, "Treasury & the dollar");
        assert_eq!(a.raw_date.as_deref(), Some("2017-07-18T10:00:00Z"));
        assert_eq!(a.authors, ["Jane Roe"]);
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.tags, vec!["currency", "treasury"]);
        assert_eq!(a.id, "web/p.html");
        assert_eq!(
            a.body,
            "The Treasury said on Tuesday the dollar was “strong”.\n\n\
             A div paragraph\n\nafter a break\n\nfirst item\n\nsecond item\n\nCafé — — end."
        );
    }

    #[test]
    fn fallbacks() {
        let (a, _) = one(r#"<html><head><title> Plain   title </title>
            <link rel="canonical" href="https://x/c">
            <meta name="dc.date" content="2016-03-03">
            </head><body><main><p>Main text.</p></main><p>outside</p></body></html>"#);
        assert_eq!(a.title, "Plain title");
        assert_eq!(a.url.as_deref(), Some("https://x/c"));
        assert_eq!(a.raw_date.as_deref(), Some("2016-03-03"));
        assert_eq!(a.body, "Main text.");
        assert_eq!(a.source, None);
    }

    #[test]
    fn article_h1_and_time_and_json_ld() {
        let (a, w) = one(r#"<html><head><title>Site title</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"NewsArticle","headline":"LD headline","datePublished":"2018-01-02",
               "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],
               "publisher":{"@type":"Organization","name":"LD News"}}]}</script>
            <script type="application/ld+json">{not json</script>
            </head><body><article><h1>Article heading</h1><time datetime="2018-01-03">Jan 3</time>
            <p>Text.</p></article></body></html>"#);
        // JSON-LD's headline comes before the page's <h1> (no og:title here)
        assert_eq!(a.title, "LD headline");
        assert_eq!(a.raw_date.as_deref(), Some("2018-01-02"));
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.source.as_deref(), Some("LD News"));
        assert_eq!(a.body, "Jan 3\n\nText.");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn time_element_date() {
        let (a, _) = one(
            r#"<body><h1>H</h1><p>by x</p><time datetime=" 2015-05-05T08:00:00-04:00 ">May 5</time></body>"#,
        );
        assert_eq!(a.title, "H");
        assert_eq!(a.raw_date.as_deref(), Some("2015-05-05T08:00:00-04:00"));
        // h1 equal to the title is not repeated
        assert_eq!(a.body, "by x\n\nMay 5");
    }

    #[test]
    fn broken_and_deep_html() {
        let (a, _) = one("<p>unclosed <b>bold <i>italic");
        assert_eq!(a.body, "unclosed bold italic");
        let deep = format!(
            "{}deep text{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        let (a, _) = one(&deep);
        assert_eq!(a.body, "deep text");
        let (a, _) = one("");
        assert_eq!(a.body, "");
    }
    /// A news page as sites serve it: nav, byline, `<time>`, an in-article
    /// ad, a newsletter box, share buttons, related links, a cookie notice,
    /// comments and a footer around four paragraphs of article.
    const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
<title>Central bank holds rates steady as inflation cools | Fixture Times</title>
<meta property="og:title" content="Central bank holds rates steady as inflation cools">
<meta property="og:site_name" content="Fixture Times">
<meta property="og:url" content="https://times.example/economy/rates-steady">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","name":"Fixture Times page","url":"https://times.example/page"},
 {"@type":"NewsArticle","headline":"Central bank holds rates steady as inflation cools",
  "datePublished":"2024-03-20T14:05:00Z",
  "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
  "publisher":{"@type":"Organization","name":"Fixture Times Ltd"},
  "url":"https://times.example/economy/rates-steady"}]}</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/economy">Economy</a></li>
<li><a href="/markets">Markets</a></li></ul></nav></header>
<main>
<article>
<h1>Central bank holds rates steady as inflation cools</h1>
<div class="byline">By <a href="/ann">Ann Lee</a> and <a href="/bo">Bo Chen</a></div>
<time datetime="2024-03-20T14:05:00Z">March 20, 2024</time>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<p>The central bank left its benchmark interest rate unchanged on Wednesday, saying that
inflation had cooled for a third straight month but remained above its two percent target.</p>
<p>Policy makers voted seven to two to hold the rate at five and a quarter percent, with two
members preferring an immediate cut to support a labour market that has begun to soften.</p>
<div class="ad">ADVERTISEMENT — Try Fixture Premium free for 30 days</div>
<p>“We are not yet confident that inflation is on a sustainable path back to target,” the
governor told reporters after the meeting, adding that the committee would watch wage data.</p>
<div class="newsletter"><h3>Sign up for our Morning Briefing</h3>
<p>Sign up for the Morning Briefing newsletter and get the economy news in your inbox.</p>
<form><input type="email"><button>Subscribe</button></form></div>
<p>Markets had priced in a small chance of a cut, and government bond yields edged lower
after the decision as traders moved forward their bets on a reduction in June.</p>
<div class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Markets rally on rate hopes</a></li><li><a href="/b">Oil slips</a></li></ul></div>
</article>
<section class="comments"><h2>Comments</h2><p>Great article, thanks!</p></section>
</main>
<footer><p>© 2024 Fixture Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"##;

    #[test]
    fn news_page_body_holds_only_the_article() {
        let (a, w) = one(NEWS_PAGE);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            a.body,
            "The central bank left its benchmark interest rate unchanged on Wednesday, saying that \
             inflation had cooled for a third straight month but remained above its two percent target.\n\n\
             Policy makers voted seven to two to hold the rate at five and a quarter percent, with two \
             members preferring an immediate cut to support a labour market that has begun to soften.\n\n\
             “We are not yet confident that inflation is on a sustainable path back to target,” the \
             governor told reporters after the meeting, adding that the committee would watch wage data.\n\n\
             Markets had priced in a small chance of a cut, and government bond yields edged lower \
             after the decision as traders moved forward their bets on a reduction in June."
        );
        assert_eq!(
            a.title,
            "Central bank holds rates steady as inflation cools"
        );
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.raw_date.as_deref(), Some("2024-03-20T14:05:00Z"));
        assert_eq!(a.source.as_deref(), Some("Fixture Times"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://times.example/economy/rates-steady")
        );
    }

    #[test]
    fn json_ld_article_metadata_wins_over_other_objects() {
        // No Open Graph: headline, publisher and url come from the
        // NewsArticle, not from the WebPage or Organization before it.
        let page = NEWS_PAGE
            .lines()
            .filter(|l| !l.starts_with("<meta property=\"og:"))
            .collect::<Vec<_>>()
            .join("\n");
        let (a, _) = one(&page);
        assert_eq!(
            a.title,
            "Central bank holds rates steady as inflation cools"
        );
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.source.as_deref(), Some("Fixture Times Ltd"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://times.example/economy/rates-steady")
        );
    }

    #[test]
    fn meta_authors_all_kept() {
        let (a, _) = one(
            r#"<html><head><meta name="author" content="By Ann Lee and Bo Chen">
            <meta name="author" content="Cy Dorn"></head><body><p>x</p></body></html>"#,
        );
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen", "Cy Dorn"]);
        assert_eq!(byline_names("Lee, Ann"), ["Lee, Ann"]);
        assert_eq!(byline_names("Ann Lee, Bo Chen"), ["Ann Lee", "Bo Chen"]);
    }

    #[test]
    fn boilerplate_paragraphs() {
        for p in [
            "ADVERTISEMENT",
            "Advertisement — Try Fixture Premium free for 30 days",
            "Share on Facebook Share on X Email",
            "Read more: Markets rally on rate hopes",
            "Related: Oil slips",
            "Sign up for our Morning Briefing newsletter",
            "© 2024 Fixture Times. All rights reserved.",
            "October 12, 2017",
            "Published 18 November 2019",
            "First Published: Tuesday, November 19, 2019 08:38 AM",
            "UPDATED: Tue., Nov. 19, 2019",
            "5:45 AM PST 11/19/2019 by Ann Lee",
            "2019-11-19 14:05",
            "FixtureNews 08.08.2018",
            "by Jeff Foust",
            "By Ann Lee and Bo Chen",
        ] {
            assert!(is_boilerplate(p), "{p}");
        }
        for p in [
            "The governor said more work was needed.",
            "Share prices rose 2 percent.",
            "The law took effect on January 1, 2020, and was repealed in 2023.",
            "Sales rose 4% on March 3, 2021 in Europe",
            "by the end of the year",
            "By comparison, Germany grew faster.",
            "___",
        ] {
            assert!(!is_boilerplate(p), "{p}");
        }
    }

    #[test]
    fn headline_and_what_stands_above_it_dropped() {
        let page = article_page("", "")
            .replace(
                "<title>Ports reopen after the strike ends</title>",
                r#"<title>Harbour Daily: Ports reopen after the strike ends</title>"#,
            )
            .replace(
                "<h1>Ports reopen after the strike ends</h1>",
                r#"<p class="kicker">Shipping</p><p><img src="c.jpg"> Cranes idle at the port last week. (Photo: Ann Lee)</p>
<p>Ports reopen after the strike ends</p>"#,
            );
        let (a, _) = one(&page);
        assert!(
            a.body.starts_with("The country's largest container ports"),
            "{}",
            a.body
        );
        // Too much above it: the headline alone goes, wherever it is.
        let long = "Dock workers and shippers spent the week in talks. ".repeat(14);
        let (a, _) = one(&article_page(
            &format!("<p>{long}</p>"),
            "<p>Ports reopen after the strike ends</p>",
        ));
        assert!(a.body.starts_with("Dock workers"), "{}", a.body);
        assert!(!a.body.contains("Ports reopen"), "{}", a.body);
    }

    /// Four paragraphs of article (enough for the extractor) around which
    /// a test puts its boilerplate.
    fn article_page(inside: &str, after: &str) -> String {
        format!(
            r#"<!DOCTYPE html><html><head><title>Ports reopen after the strike ends</title></head><body>
<main><article><h1>Ports reopen after the strike ends</h1>
{inside}
<p>The country's largest container ports reopened on Monday after dock workers ended a strike
that had lasted eleven days and left more than two hundred ships waiting offshore.</p>
<p>Shipping companies said it would take several weeks to clear the backlog, and retailers warned
that some goods could arrive late for the holiday season despite the agreement.</p>
<p>The union said its members had won a pay rise of six percent a year over four years, as well as
limits on the use of automated cranes at the terminals covered by the contract.</p>
<p>Economists at the central bank had estimated that the strike cost the economy about one tenth of
a percentage point of growth in the quarter, mostly through delayed exports.</p>
{after}
</article></main></body></html>"#
        )
    }

    #[test]
    fn link_only_blocks_are_dropped() {
        let page = article_page(
            r#"<ul class="cats"><li><a href="/c/economy">Economy</a></li><li><a href="/c/trade">Trade</a></li></ul>"#,
            r##"<p><a href="/news/other-story">OIL PRICES SLIP AS DEMAND FEARS GROW</a></p>
<ul><li><a href="/news/a">Rail freight volumes hit a record in October</a></li>
<li><a href="/news/b">Why shipping rates are falling again</a></li></ul>
<a href="/news/c" class="card"><h3>Trucking firms brace for a slow winter</h3></a>
<h3><a href="https://shop.example/crane">Harbour crane model kit</a></h3>
<p>A crane kit that the article reviews, kept with its heading.</p>
<p><a href="https://www.example.org/report.pdf">https://www.example.org/report.pdf</a></p>
<p><a href="#top">Back to the figures above</a></p>"##,
        );
        let (a, _) = one(&page);
        for gone in [
            "Economy",
            "Trade",
            "OIL PRICES",
            "Rail freight",
            "shipping rates",
            "Trucking firms",
        ] {
            assert!(!a.body.contains(gone), "{gone} kept in {}", a.body);
        }
        for kept in [
            "The country's largest container ports",
            "of a percentage point of growth",
            "Harbour crane model kit",
        ] {
            assert!(a.body.contains(kept), "{kept} lost from {}", a.body);
        }
        // Addresses spelt out and in-page anchors are not teasers (the
        // extractor itself drops such link-dense paragraphs, so the set is
        // checked directly).
        let links = LinkBlocks::of(&Html::parse_document(&page));
        assert!(links.is_link_only("Why shipping rates are falling again"));
        assert!(!links.is_link_only("https://www.example.org/report.pdf"));
        assert!(!links.is_link_only("Back to the figures above"));
        assert!(!links.is_link_only("Harbour crane model kit"));
        // A sentence that is a link in one place and plain text in
        // another stays.
        let (a, _) = one(&article_page(
            r#"<p><a href="/x">Dock workers ended the strike.</a></p><p>Dock workers ended the strike.</p>"#,
            "",
        ));
        assert!(
            a.body.contains("Dock workers ended the strike."),
            "{}",
            a.body
        );
    }
}
