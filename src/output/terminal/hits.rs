//! Search results at a terminal: the total, then per hit its rank, date,
//! title, score, source, speakers, topics, snippet, path and id, then the
//! facet counts.

use super::{day, render_snippet, Style};
use crate::output::records::SearchHead;
use crate::output::ListWriter;
use crate::search::{Facets, Hit};
use crate::text::one_line;
use std::io::{self, Write};

pub struct HitTable<'w> {
    out: Box<dyn Write + 'w>,
    style: Style,
    facets: Option<Facets>,
    shown: usize,
    total: usize,
}

impl<'w> HitTable<'w> {
    pub fn new(out: Box<dyn Write + 'w>, style: Style) -> HitTable<'w> {
        HitTable {
            out,
            style,
            facets: None,
            shown: 0,
            total: 0,
        }
    }
}

impl ListWriter<Hit> for HitTable<'_> {
    fn start(&mut self, head: &SearchHead) -> io::Result<()> {
        self.total = head.total;
        self.facets = head.facets.clone();
        let text = head.total_text();
        let (count, rest) = text.split_once(' ').unwrap_or((&text, ""));
        writeln!(
            self.out,
            "{} {rest} match {}",
            self.style.bold(count),
            one_line(&head.query)
        )
    }

    fn record(&mut self, hit: &Hit) -> io::Result<()> {
        let a = &hit.article;
        let s = self.style;
        self.shown += 1;
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{:>3}. {}  {}  {}",
            hit.rank,
            s.cyan(&day(a.date.as_ref())),
            s.bold(&one_line(&a.title)),
            s.dim(&format!("score {:.2}", hit.score))
        )?;
        let mut meta = Vec::new();
        if let Some(src) = &a.source {
            meta.push(one_line(src));
        }
        if !a.speakers.is_empty() {
            meta.push(format!("speakers: {}", one_line(&a.speakers.join(", "))));
        }
        if !a.topics.is_empty() {
            meta.push(format!("topics: {}", one_line(&a.topic_slugs().join(", "))));
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
            s.dim(&format!("{}  id: {}", one_line(&a.path), one_line(&a.id)))
        )?;
        if let Some(copies) = hit.copies.as_ref().filter(|c| !c.is_empty()) {
            let list: Vec<String> = copies
                .iter()
                .map(|c| match &c.source {
                    Some(src) => format!("{} ({})", one_line(&c.id), one_line(src)),
                    None => one_line(&c.id),
                })
                .collect();
            let noun = if copies.len() == 1 { "copy" } else { "copies" };
            writeln!(
                self.out,
                "     {}",
                s.green(&format!("+{} {noun}: {}", copies.len(), list.join(", ")))
            )?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(f) = &self.facets {
            let list = |v: &[(String, u64)]| {
                v.iter()
                    .map(|(k, c)| format!("{} ({c})", one_line(k)))
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
