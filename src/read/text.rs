//! Plain text: an optional `Key: value` header block, then the body.
//!
//! The header is recognised only when the first line is a known key (Title,
//! Date, Source/Publisher, Author/Byline, URL/Link, Tags/Keywords, Id,
//! Speakers) and Title or Date is among the header lines; it ends at the
//! first blank line or at the first line that is not `Key: value`. Unknown
//! keys inside a recognised header are ignored. Without a header, the first
//! non-empty line is the title and the rest is the body.

use super::{collapse_ws, derived_id, shorten, split_list, Article, FileRead};

/// Longest title taken from a first line; a longer first line is shortened
/// for the title and also kept in the body.
const MAX_TITLE_CHARS: usize = 300;

#[derive(Clone, Copy, PartialEq)]
enum Key {
    Title,
    Date,
    Source,
    Author,
    Url,
    Tags,
    Id,
    Speakers,
}

fn key_of(k: &str) -> Option<Key> {
    Some(match k.trim().to_ascii_lowercase().as_str() {
        "title" | "headline" => Key::Title,
        "date" | "published" => Key::Date,
        "source" | "publisher" => Key::Source,
        "author" | "byline" => Key::Author,
        "url" | "link" => Key::Url,
        "tags" | "keywords" => Key::Tags,
        "id" => Key::Id,
        "speakers" => Key::Speakers,
        _ => return None,
    })
}

/// `Key: value` with a short, word-like key.
fn split_header_line(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let k_ok = !k.is_empty()
        && k.len() <= 30
        && k.starts_with(|c: char| c.is_ascii_alphabetic())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'));
    k_ok.then_some((k, v.trim()))
}

/// Reads a plain text article.
pub fn read_text(text: &str, rel: &str) -> FileRead {
    let lines: Vec<&str> = text.lines().collect();
    let mut article = Article {
        id: derived_id(rel, None),
        path: rel.to_string(),
        ..Article::default()
    };
    let header_len = header_length(&lines);
    let body_start;
    if header_len > 0 {
        for line in &lines[..header_len] {
            let Some((k, v)) = split_header_line(line) else {
                continue;
            };
            let Some(key) = key_of(k) else { continue };
            if v.is_empty() {
                continue;
            }
            match key {
                Key::Title => article.title = collapse_ws(v),
                Key::Date => article.raw_date = Some(v.to_string()),
                Key::Source => article.source = Some(collapse_ws(v)),
                Key::Author => article.authors = vec![collapse_ws(v)],
                Key::Url => article.url = Some(v.to_string()),
                Key::Tags => super::push_unique(&mut article.tags, split_list(v)),
                Key::Id => article.id = v.to_string(),
                Key::Speakers => super::push_unique(&mut article.record_speakers, split_list(v)),
            }
        }
        body_start = header_len;
    } else {
        let first = lines.iter().position(|l| !l.trim().is_empty());
        match first {
            Some(i) => {
                let line = collapse_ws(lines[i]);
                if line.chars().count() > MAX_TITLE_CHARS {
                    article.title = shorten(&line, MAX_TITLE_CHARS);
                    body_start = i;
                } else {
                    article.title = line;
                    body_start = i + 1;
                }
            }
            None => body_start = lines.len(),
        }
    }
    article.body = super::clean_body(&lines[body_start.min(lines.len())..].join("\n"));
    FileRead {
        articles: vec![article],
        ..FileRead::default()
    }
}

/// Number of header lines at the top (0: no header).
fn header_length(lines: &[&str]) -> usize {
    let Some(first) = lines.first() else { return 0 };
    let first_known = split_header_line(first).and_then(|(k, _)| key_of(k));
    if first_known.is_none() {
        return 0;
    }
    let mut n = 0;
    let mut has_title_or_date = false;
    for line in lines {
        if line.trim().is_empty() {
            break;
        }
        let Some((k, _)) = split_header_line(line) else {
            break;
        };
        if matches!(key_of(k), Some(Key::Title | Key::Date)) {
            has_title_or_date = true;
        }
        n += 1;
    }
    if has_title_or_date {
        n
    } else {
        0
    }
}

/// Lines a plain-text file needs before it can be taken for a list: fewer
/// is a short story (a price brief, a results table with its headline).
const LIST_MIN_LINES: usize = 10;
/// Share of list-entry lines (one or two words, or mostly figures, without
/// a sentence end) that makes a file a list. Wire stories that are tables
/// (prices, crop figures, company results) have a headline, a dateline or
/// a lead sentence: at most 80% of their lines are entries (Reuters-21578).
const LIST_ENTRY_SHARE: f64 = 0.9;
/// A long listing: at least this many lines…
const LISTING_MIN_LINES: usize = 100;
/// …of at most this many words on average…
const LISTING_MAX_WORDS_PER_LINE: f64 = 5.0;
/// …with fewer than one sentence end per this many words. News is written
/// in sentences (one per 15–40 words); long tables of figures with a lead
/// and notes stay above that.
const LISTING_MIN_WORDS_PER_SENTENCE: usize = 80;

/// Why a plain-text file without a header block is not an article, if it
/// is none: a word list (one or two words a line, no sentences), a table
/// of figures, or a long listing with hardly a sentence (category
/// descriptions, code tables). A file with a `Title:`/`Date:` header is
/// taken as an article whatever its body, and so is any short text.
pub fn not_an_article(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < LIST_MIN_LINES || header_length(&text.lines().collect::<Vec<_>>()) > 0 {
        return None;
    }
    let (mut words, mut ends, mut entries, mut figure_lines) = (0, 0, 0, 0);
    for line in &lines {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let lettered = tokens
            .iter()
            .filter(|t| t.chars().any(char::is_alphabetic))
            .count();
        let figures = tokens
            .iter()
            .filter(|t| {
                t.chars().any(|c| c.is_ascii_digit()) && !t.chars().any(char::is_alphabetic)
            })
            .count();
        let line_ends = sentence_ends(line);
        words += lettered;
        ends += line_ends;
        if line_ends == 0 {
            if figures > lettered {
                figure_lines += 1;
                entries += 1;
            } else if tokens.len() <= 2 {
                entries += 1;
            }
        }
    }
    let n = lines.len();
    if entries as f64 >= LIST_ENTRY_SHARE * n as f64 {
        return Some(if figure_lines * 2 > n {
            format!("a table of figures ({n} lines of figures, no sentences)")
        } else {
            format!("a word list ({n} lines of one or two words, no sentences)")
        });
    }
    if n >= LISTING_MIN_LINES
        && words as f64 <= LISTING_MAX_WORDS_PER_LINE * n as f64
        && words >= LISTING_MIN_WORDS_PER_SENTENCE * ends.max(1)
    {
        return Some(format!(
            "a listing ({n} short lines, {ends} sentence ends in {words} words)"
        ));
    }
    None
}

/// Sentence ends in a line: `.`, `!` or `?` after a word, a figure or a
/// closing mark, then (past closing quotes and brackets) a space or the
/// end of the line. `12.5` and `U.S.-led` are none; `U.S. ` counts.
fn sentence_ends(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let closing = |c: char| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']');
    let mut n = 0;
    let mut i = 1;
    while i < chars.len() {
        let before = chars[i - 1];
        if matches!(chars[i], '.' | '!' | '?')
            && (before.is_alphanumeric() || before == '%' || closing(before))
        {
            let mut j = i;
            while j < chars.len() && matches!(chars[j], '.' | '!' | '?') {
                j += 1;
            }
            while j < chars.len() && closing(chars[j]) {
                j += 1;
            }
            if j == chars.len() || chars[j].is_whitespace() {
                n += 1;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Article {
        let mut r = read_text(text, "news/a.txt");
        assert_eq!(r.articles.len(), 1);
        r.articles.remove(0)
    }

    #[test]
    fn header_block() {
        let a = one(
            "Title: Fed raises  rates\nDate: 2017-06-14\nSource: Example Times\nauthor: Jane Roe\n\
             URL: https://example.com/fed\nTags: rates, fed; monetary\nID: fed-001\n\
             Speakers: Janet Yellen, Stanley Fischer\nSection: economy\n\n\nThe Federal Reserve raised rates.\n\nSecond paragraph.\n",
        );
        assert_eq!(a.title, "Fed raises rates");
        assert_eq!(a.raw_date.as_deref(), Some("2017-06-14"));
        assert_eq!(a.source.as_deref(), Some("Example Times"));
        assert_eq!(a.authors, ["Jane Roe"]);
        assert_eq!(a.url.as_deref(), Some("https://example.com/fed"));
        assert_eq!(a.tags, vec!["rates, fed", "monetary"]);
        assert_eq!(a.id, "fed-001");
        assert_eq!(a.record_speakers, vec!["Janet Yellen", "Stanley Fischer"]);
        assert_eq!(
            a.body,
            "The Federal Reserve raised rates.\n\nSecond paragraph."
        );
        assert_eq!(a.path, "news/a.txt");
    }

    #[test]
    fn header_aliases_and_comma_tags() {
        let a = one("Date: March 3, 2016\nPublisher: Wire\nByline: A. Writer\nLink: http://x\nKeywords: a, b\n\nBody here.");
        assert_eq!(a.title, "");
        assert_eq!(a.raw_date.as_deref(), Some("March 3, 2016"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.authors, ["A. Writer"]);
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.tags, vec!["a", "b"]);
        assert_eq!(a.body, "Body here.");
        assert_eq!(a.id, "news/a.txt");
    }

    #[test]
    fn no_header() {
        let a = one("\n\n  Trade deficit widens\n\n\nThe deficit grew.\nNote: this is body.\n");
        assert_eq!(a.title, "Trade deficit widens");
        assert_eq!(a.body, "The deficit grew.\nNote: this is body.");
        assert_eq!(a.raw_date, None);
    }

    #[test]
    fn key_line_without_title_or_date_is_not_a_header() {
        let a = one("Source: somewhere\nThe text goes on.");
        assert_eq!(a.title, "Source: somewhere");
        assert_eq!(a.source, None);
        assert_eq!(a.body, "The text goes on.");
        // The first line must be a known key.
        let a = one("Note: x\nTitle: y\n\nbody");
        assert_eq!(a.title, "Note: x");
    }

    #[test]
    fn header_without_blank_line_and_crlf() {
        let a = one("Title: T\r\nDate: 2017\r\nThe body starts.\r\nMore.\r\n");
        assert_eq!(a.title, "T");
        assert_eq!(a.body, "The body starts.\nMore.");
    }

    #[test]
    fn long_first_line() {
        let line = "word ".repeat(200);
        let a = one(&format!("{line}\nsecond"));
        assert!(a.title.ends_with('…'));
        assert!(a.title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(a.body.starts_with("word word"));
    }

    #[test]
    fn lists_tables_and_listings_are_no_articles_but_short_stories_are() {
        let list = "amex\nase\nasx\nbse\ncboe\ncbt\ncme\ncomex\ncsce\nfox\nipe\nlme\n";
        assert!(not_an_article(list).is_some_and(|w| w.starts_with("a word list")));
        let table: String = (1990..2010)
            .map(|y| format!("{y}  {:.1}  {:.1}\n", y as f64 / 700.0, y as f64 / 900.0))
            .collect();
        assert!(not_an_article(&table).is_some_and(|w| w.starts_with("a table of figures")));
        let listing: String = (0..120)
            .map(|i| match i % 3 {
                0 => format!("Category number {i} (CAT{i})\n"),
                1 => format!("CODE-{i}\n"),
                _ => "Some longer words of a description here\n".to_string(),
            })
            .collect();
        assert!(not_an_article(&listing).is_some_and(|w| w.starts_with("a listing")));
        // Short texts, texts with a header, and prose are articles.
        assert_eq!(
            not_an_article("Fed holds rates\n\nThe Fed held rates."),
            None
        );
        let brief = "WIDGET CO 1ST QTR NET\nDAYTON, Ohio, May 3 -\nShr 31 cts vs 28 cts\n\
                     Net 4,120,000 vs 3,700,000\nRevs 51.2 mln vs 47.9 mln\nSix mths\n\
                     Shr 60 cts vs 52 cts\nNet 8,010,000 vs 6,900,000\nRevs 99.8 mln vs 90.1 mln\n\
                     Avg shrs 13.2 mln vs 13.1 mln\n";
        assert_eq!(not_an_article(brief), None);
        assert_eq!(not_an_article(&format!("Title: Words\n\n{list}")), None);
        let prose = "The central bank held rates on Tuesday, its governor said.\n".repeat(30);
        assert_eq!(not_an_article(&prose), None);
    }

    #[test]
    fn sentence_ends_after_words_not_inside_figures() {
        assert_eq!(sentence_ends("Rates rose. Stocks fell!"), 2);
        assert_eq!(sentence_ends("up 12.5 pct to 3.1"), 0);
        assert_eq!(sentence_ends("a U.S.-led plan"), 0);
        assert_eq!(sentence_ends("\"We will act.\" He left"), 1);
        assert_eq!(sentence_ends("..."), 0);
    }

    #[test]
    fn odd_inputs() {
        assert_eq!(one("").title, "");
        assert_eq!(one("only a title").body, "");
        assert_eq!(one("Title:\n\nbody").title, "");
        let a = one("Tïtle: ü\n€€€");
        assert_eq!(a.title, "Tïtle: ü");
    }
}
