//! Quotes at a terminal: who said it (with role, or the unnamed source),
//! when, the quote with its matched words marked, and the article.

use super::{day, render_snippet, Style};
use crate::output::records::QuotesHead;
use crate::output::ListWriter;
use crate::search::quotes::QuoteHit;
use crate::search::Snippet;
use crate::text::one_line;
use std::io::{self, Write};

pub struct QuoteTable<'w> {
    out: Box<dyn Write + 'w>,
    style: Style,
    shown: usize,
    total: usize,
}

impl<'w> QuoteTable<'w> {
    pub fn new(out: Box<dyn Write + 'w>, style: Style) -> QuoteTable<'w> {
        QuoteTable {
            out,
            style,
            shown: 0,
            total: 0,
        }
    }
}

impl ListWriter<QuoteHit> for QuoteTable<'_> {
    fn start(&mut self, head: &QuotesHead) -> io::Result<()> {
        self.total = head.total;
        let collapsed = match head.occurrences {
            Some(n) if n != head.total => {
                format!(" ({n} occurrences; copies of one story collapsed)")
            }
            _ => String::new(),
        };
        writeln!(
            self.out,
            "{} quotes match {}{collapsed}",
            self.style.bold(&head.total.to_string()),
            one_line(&head.query)
        )
    }

    fn record(&mut self, h: &QuoteHit) -> io::Result<()> {
        let s = self.style;
        self.shown += 1;
        let who = match (&h.quote.speaker, &h.quote.role) {
            (Some(n), Some(r)) => format!("{} ({})", one_line(n), one_line(r)),
            (Some(n), None) => one_line(n),
            (None, _) => h
                .quote
                .attributed_to
                .as_deref()
                .map(one_line)
                .unwrap_or_else(|| "unattributed".into()),
        };
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{:>3}. {}  {}",
            h.rank,
            s.bold(&who),
            s.cyan(&day(h.article.date.as_ref()))
        )?;
        let snippet = Snippet {
            text: h.quote.text.clone(),
            highlights: h.highlights.clone(),
        };
        writeln!(self.out, "     “{}”", render_snippet(&snippet, s))?;
        writeln!(
            self.out,
            "     {}",
            s.dim(&format!(
                "{}  id: {}",
                one_line(&h.article.title),
                one_line(&h.article.id)
            ))
        )?;
        if h.occurrences.len() > 1 {
            let also: Vec<String> = h.occurrences[1..]
                .iter()
                .map(|a| match &a.source {
                    Some(src) => format!("{} ({})", one_line(&a.id), one_line(src)),
                    None => one_line(&a.id),
                })
                .collect();
            writeln!(
                self.out,
                "     {}",
                s.green(&format!("also in {}", also.join(", ")))
            )?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.shown < self.total {
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
