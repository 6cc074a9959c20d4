//! Rendering results for a person at a terminal: ranked hits with highlighted
//! snippets, colour only on a terminal. Text that comes from articles is
//! stripped of control characters, so an article cannot move the cursor,
//! recolour or clear the user's terminal.

use crate::export::HitWriter;
use crate::search::{Facets, Hit, Snippet};
use std::io::{self, Write};

/// Removes control characters (escape sequences included) and collapses
/// whitespace runs, so article text prints as one clean line.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c.is_control() || is_bidi_control(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Unicode bidirectional overrides can make text display differently from
/// what it is; they are dropped too.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    pub fn cyan(&self, s: &str) -> String {
        self.paint("36", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }
    pub fn mark(&self, s: &str) -> String {
        if self.color {
            self.paint("1;31", s)
        } else {
            format!("[{s}]")
        }
    }
}

/// A snippet with its matches marked, cleaned for the terminal.
pub fn render_snippet(s: &Snippet, style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in &s.highlights {
        if r.start < at {
            continue;
        }
        let (Some(before), Some(m)) = (s.text.get(at..r.start), s.text.get(r.start..r.end)) else {
            continue;
        };
        out.push_str(&clean_keep_edges(before));
        out.push_str(&style.mark(&clean(m)));
        at = r.end;
    }
    out.push_str(&clean_keep_edges(s.text.get(at..).unwrap_or("")));
    clean_spaces(&out)
}

fn clean_keep_edges(s: &str) -> String {
    let lead = s.starts_with(char::is_whitespace);
    let trail = s.ends_with(char::is_whitespace);
    let mut c = clean(s);
    if lead {
        c.insert(0, ' ');
    }
    if trail && !c.is_empty() {
        c.push(' ');
    }
    c
}

fn clean_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = true;
    for c in s.chars() {
        if c == ' ' {
            if !prev_space {
                out.push(c);
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out.trim_end().to_string()
}

/// The terminal renderer of a result list.
pub struct TableWriter<'w> {
    pub out: Box<dyn Write + 'w>,
    pub style: Style,
    pub query: String,
    pub facets: Option<Facets>,
    pub shown: usize,
    pub total: usize,
}

impl<'w> TableWriter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, style: Style, query: &str) -> TableWriter<'w> {
        TableWriter {
            out,
            style,
            query: query.to_string(),
            facets: None,
            shown: 0,
            total: 0,
        }
    }
}

impl HitWriter for TableWriter<'_> {
    fn start(&mut self, total: usize, facets: Option<&Facets>) -> io::Result<()> {
        self.total = total;
        self.facets = facets.cloned();
        let noun = if total == 1 { "article" } else { "articles" };
        writeln!(
            self.out,
            "{} {noun} match {}",
            self.style.bold(&total.to_string()),
            clean(&self.query)
        )
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let a = &hit.article;
        let s = self.style;
        self.shown += 1;
        let date = a
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "----------".into());
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{:>3}. {}  {}  {}",
            hit.rank,
            s.cyan(&date),
            s.bold(&clean(&a.title)),
            s.dim(&format!("score {:.2}", hit.score))
        )?;
        let mut meta = Vec::new();
        if let Some(src) = &a.source {
            meta.push(clean(src));
        }
        if !a.speakers.is_empty() {
            meta.push(format!("speakers: {}", clean(&a.speakers.join(", "))));
        }
        if !a.topics.is_empty() {
            meta.push(format!("topics: {}", clean(&a.topic_slugs().join(", "))));
        }
        if !meta.is_empty() {
            writeln!(self.out, "     {}", s.green(&meta.join(" | ")))?;
        }
        if let Some(sn) = &hit.snippet {
            let text = render_snippet(sn, s);
            if !text.is_empty() {
                writeln!(self.out, "     {text}")?;
            }
        }
        writeln!(
            self.out,
            "     {}",
            s.dim(&format!("{}  id: {}", clean(&a.path), clean(&a.id)))
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(f) = &self.facets {
            let list = |v: &[(String, u64)]| {
                v.iter()
                    .map(|(k, c)| format!("{} ({c})", clean(k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !f.topics.is_empty() || !f.speakers.is_empty() {
                writeln!(self.out)?;
            }
            if !f.topics.is_empty() {
                writeln!(
                    self.out,
                    "{} {}",
                    self.style.bold("Topics:"),
                    list(&f.topics)
                )?;
            }
            if !f.speakers.is_empty() {
                writeln!(
                    self.out,
                    "{} {}",
                    self.style.bold("Speakers:"),
                    list(&f.speakers)
                )?;
            }
        }
        if self.shown < self.total && self.shown > 0 {
            writeln!(
                self.out,
                "\n{}",
                self.style.dim(&format!(
                    "showing {} of {}; use --limit, --offset or --all for more",
                    self.shown, self.total
                ))
            )?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_articles_are_removed() {
        assert_eq!(
            clean("Tariffs\x1b[2J\x1b[31m rise\x07"),
            "Tariffs[2J[31m rise"
        );
        assert_eq!(clean("a\u{202E}b\r\nc"), "ab c");
    }

    #[test]
    fn snippets_mark_matches_without_colour() {
        let s = Snippet {
            text: "the trade deficit widened".into(),
            highlights: std::iter::once(4..9).collect(),
        };
        assert_eq!(
            render_snippet(&s, Style { color: false }),
            "the [trade] deficit widened"
        );
    }
}
