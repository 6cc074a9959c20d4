//! Markdown for every kind of record: a heading, a summary, and a table of
//! the kind's chosen columns. One escaper for all Markdown text.

use super::records::{to_json, Record};
use super::{ListWriter, OutputOptions};
use crate::text::one_line;
use serde_json::Value;
use std::io::{self, Write};

/// Text for Markdown, on one line: what would start emphasis, code, links
/// or HTML, or end a table cell, is escaped.
///
/// ```
/// use econ_archive::output::markdown_escape;
/// assert_eq!(markdown_escape("a|b\n*c*"), "a\\|b \\*c\\*");
/// ```
pub fn markdown_escape(s: &str) -> String {
    escape(&one_line(s))
}

fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A piece of a cell: escaped, on one line, keeping a space at its edges.
fn escape_piece(s: &str) -> String {
    let mut e = markdown_escape(s);
    if s.starts_with(char::is_whitespace) && !e.is_empty() {
        e.insert(0, ' ');
    }
    if s.ends_with(char::is_whitespace) {
        e.push(' ');
    }
    e
}

/// How a column shows its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    Text,
    /// The day of an RFC 3339 date.
    Day,
    /// A list, joined with `, `.
    List,
    /// Topics, their slugs joined with `, `.
    Slugs,
    /// In bold.
    Bold,
    /// A link to the address in the named field, when it is a web address.
    Link(&'static str),
    /// With the byte ranges of the named field in bold.
    Marked(&'static str),
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Default,
    Left,
    Center,
    Right,
}

/// One column of a Markdown table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    header: &'static str,
    field: &'static str,
    render: Render,
    align: Align,
}

impl Column {
    pub fn new(header: &'static str, field: &'static str, render: Render) -> Column {
        Column {
            header,
            field,
            render,
            align: Align::Default,
        }
    }

    pub fn aligned(self, align: Align) -> Column {
        Column { align, ..self }
    }

    fn cell(&self, record: &serde_json::Map<String, Value>) -> String {
        let v = record.get(self.field).unwrap_or(&Value::Null);
        let text = |v: &Value| match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let join = |f: &dyn Fn(&Value) -> String| match v {
            Value::Array(items) => items.iter().map(f).collect::<Vec<_>>().join(", "),
            v => f(v),
        };
        match self.render {
            Render::Text => markdown_escape(&text(v)),
            Render::Day => text(v).chars().take(10).collect(),
            Render::List => markdown_escape(&join(&text)),
            Render::Slugs => markdown_escape(&join(&|t| text(t.get("slug").unwrap_or(t)))),
            Render::Bold => format!("**{}**", markdown_escape(&text(v))),
            Render::Link(url) => {
                let title = markdown_escape(&text(v));
                match record.get(url).and_then(Value::as_str) {
                    Some(u) if u.starts_with("http") => {
                        format!("[{title}]({})", u.replace(')', "%29").replace(' ', "%20"))
                    }
                    _ => title,
                }
            }
            Render::Marked(ranges) => marked(&text(v), record.get(ranges)),
        }
    }
}

/// `text` with the byte ranges `[[start, end], …]` in bold, escaped.
fn marked(text: &str, ranges: Option<&Value>) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in ranges.and_then(Value::as_array).into_iter().flatten() {
        let (Some(start), Some(end)) = (
            r.get(0).and_then(Value::as_u64),
            r.get(1).and_then(Value::as_u64),
        ) else {
            continue;
        };
        let (start, end) = (start as usize, end as usize);
        let (Some(before), Some(mark)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(&escape_piece(before));
        out.push_str("**");
        out.push_str(&markdown_escape(mark));
        out.push_str("**");
        at = end;
    }
    out.push_str(&escape_piece(text.get(at..).unwrap_or("")));
    out.trim().to_string()
}

pub(crate) struct MarkdownList<'w, R: Record> {
    out: Box<dyn Write + 'w>,
    opts: OutputOptions,
    columns: Vec<Column>,
    head: Option<R::Head>,
    records: usize,
}

impl<'w, R: Record> MarkdownList<'w, R> {
    pub(crate) fn new(out: Box<dyn Write + 'w>, opts: OutputOptions) -> MarkdownList<'w, R> {
        MarkdownList {
            out,
            opts,
            columns: R::markdown_columns(),
            head: None,
            records: 0,
        }
    }
}

impl<R: Record> ListWriter<R> for MarkdownList<'_, R>
where
    R::Head: Clone,
{
    fn start(&mut self, head: &R::Head) -> io::Result<()> {
        self.out.write_all(R::markdown_intro(head).as_bytes())?;
        let header: Vec<&str> = self.columns.iter().map(|c| c.header).collect();
        let rule: Vec<&str> = self
            .columns
            .iter()
            .map(|c| match c.align {
                Align::Default => "---",
                Align::Left => ":---",
                Align::Center => ":---:",
                Align::Right => "---:",
            })
            .collect();
        writeln!(self.out, "| {} |", header.join(" | "))?;
        writeln!(self.out, "| {} |", rule.join(" | "))?;
        self.head = Some(head.clone());
        Ok(())
    }

    fn record(&mut self, record: &R) -> io::Result<()> {
        let json = to_json(record, self.opts.with_body);
        let cells: Vec<String> = self.columns.iter().map(|c| c.cell(&json)).collect();
        self.records += 1;
        writeln!(self.out, "| {} |", cells.join(" | "))
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(head) = &self.head {
            let outro = R::markdown_outro(head, self.records);
            self.out.write_all(outro.as_bytes())?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(markdown_escape("a|b\nc"), "a\\|b c");
        assert_eq!(markdown_escape("<script>`x`"), "\\<script\\>\\`x\\`");
        let ranges = serde_json::json!([[4, 9]]);
        assert_eq!(
            marked("the trade|deficit", Some(&ranges)),
            "the **trade**\\|deficit"
        );
    }
}
