//! A concordance at a terminal: one aligned line per occurrence, the match
//! marked between its contexts, with the date, title and id.

use super::{day, Style};
use crate::output::records::KwicHead;
use crate::output::ListWriter;
use crate::search::kwic::KwicLine;
use crate::text::one_line;
use std::io::{self, Write};

pub struct KwicTable<'w> {
    out: Box<dyn Write + 'w>,
    style: Style,
    head: KwicHead,
    lines: usize,
}

impl<'w> KwicTable<'w> {
    pub fn new(out: Box<dyn Write + 'w>, style: Style) -> KwicTable<'w> {
        KwicTable {
            out,
            style,
            head: KwicHead::default(),
            lines: 0,
        }
    }
}

fn pad_left(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

fn pad_right(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

impl ListWriter<KwicLine> for KwicTable<'_> {
    fn start(&mut self, head: &KwicHead) -> io::Result<()> {
        self.head = head.clone();
        let n = head.articles_matching;
        let noun = if n == 1 { "article" } else { "articles" };
        writeln!(
            self.out,
            "{} {noun} match {}",
            self.style.bold(&n.to_string()),
            one_line(&head.query)
        )
    }

    fn record(&mut self, l: &KwicLine) -> io::Result<()> {
        let s = self.style;
        self.lines += 1;
        let width = self.head.width;
        writeln!(
            self.out,
            "{}  {} {} {}  {} {}",
            s.cyan(&day(l.article.date.as_ref())),
            pad_left(&one_line(&l.left), width),
            s.mark(&one_line(&l.keyword)),
            pad_right(&one_line(&l.right), width),
            shorten(&one_line(&l.article.title), 48),
            s.dim(&format!("({})", one_line(&l.article.id)))
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        let h = &self.head;
        let more = if h.articles_read < h.articles_matching {
            format!(
                " (read {} of {} articles; --limit N or --all for more)",
                h.articles_read, h.articles_matching
            )
        } else {
            String::new()
        };
        writeln!(
            self.out,
            "{}",
            self.style.dim(&format!("{} occurrences{more}", self.lines))
        )?;
        self.out.flush()
    }
}
