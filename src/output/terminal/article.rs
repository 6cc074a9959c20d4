//! One article at a terminal (`show`): its fields, its quotes, its text.

use crate::article::Article;
use crate::date::rfc3339;
use crate::text::one_line;
use std::io::{self, Write};

/// Every field of an article, one per line, then its paragraphs.
pub fn write_article(out: &mut dyn Write, a: &Article) -> io::Result<()> {
    let mut line = |k: &str, v: &str| -> io::Result<()> {
        if !v.is_empty() {
            writeln!(out, "{k:<10} {}", one_line(v))?;
        }
        Ok(())
    };
    line("id", &a.id)?;
    line("title", &a.title)?;
    line(
        "date",
        &a.date
            .map(|d| {
                format!(
                    "{} ({})",
                    rfc3339(&d),
                    a.date_precision.map(|p| p.as_str()).unwrap_or("exact")
                )
            })
            .unwrap_or_default(),
    )?;
    line("source", a.source.as_deref().unwrap_or(""))?;
    line("authors", &a.authors.join("; "))?;
    line("url", a.url.as_deref().unwrap_or(""))?;
    line("dateline", a.dateline.as_deref().unwrap_or(""))?;
    line("path", &a.path)?;
    line("speakers", &a.speakers.join(", "))?;
    line(
        "topics",
        &a.topics
            .iter()
            .map(|t| format!("{} ({:.2})", t.slug, t.score))
            .collect::<Vec<_>>()
            .join(", "),
    )?;
    line("tags", &a.tags.join(", "))?;
    for q in &a.quotes {
        let who = q
            .speaker
            .clone()
            .or_else(|| q.attributed_to.clone())
            .unwrap_or_else(|| "unattributed".into());
        writeln!(
            out,
            "quote      {}: “{}”",
            one_line(&who),
            one_line(&q.text)
        )?;
    }
    writeln!(out)?;
    for para in a.body.split("\n\n") {
        let p = one_line(para);
        if !p.is_empty() {
            writeln!(out, "{p}\n")?;
        }
    }
    out.flush()
}
