//! The terminal view of each kind of result: ranked hits with highlighted
//! snippets, quotes, concordance lines, counts, one article, a trend.
//! Colour only on a terminal. Text that comes from articles goes through
//! [`one_line`] first, so an article cannot move the cursor, recolour or
//! clear the user's terminal.

mod article;
mod counts;
mod hits;
mod kwic;
mod quotes;
mod trend;

pub use article::write_article;
pub use counts::{write_stats, SpeakerTable, TopicTable};
pub use hits::HitTable;
pub use kwic::KwicTable;
pub use quotes::QuoteTable;
pub use trend::write_trend;

use crate::search::Snippet;
use crate::text::one_line;

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy, Default)]
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
    /// A matched word: red and bold, or `[word]` without colour.
    pub fn mark(&self, s: &str) -> String {
        if self.color {
            self.paint("1;31", s)
        } else {
            format!("[{s}]")
        }
    }
}

/// A snippet with its matches marked, on one line.
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
        out.push_str(&one_line_keep_edges(before));
        out.push_str(&style.mark(&one_line(m)));
        at = r.end;
    }
    out.push_str(&one_line_keep_edges(s.text.get(at..).unwrap_or("")));
    single_spaces(&out)
}

fn one_line_keep_edges(s: &str) -> String {
    let lead = s.starts_with(char::is_whitespace);
    let trail = s.ends_with(char::is_whitespace);
    let mut c = one_line(s);
    if lead {
        c.insert(0, ' ');
    }
    if trail && !c.is_empty() {
        c.push(' ');
    }
    c
}

fn single_spaces(s: &str) -> String {
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

/// The day of a date, or dashes.
fn day(d: Option<&chrono::DateTime<chrono::Utc>>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "----------".into())
}

#[cfg(test)]
mod tests {
    use super::*;

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
