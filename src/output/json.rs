//! JSON and JSON lines for every kind of record. JSON is one object: the
//! command's summary fields, the list of records (one per line, streamed),
//! then any summary known only at the end.

use super::records::{to_json, Record};
use super::{ListWriter, OutputOptions};
use serde_json::{Map, Value};
use std::io::{self, Write};
use std::marker::PhantomData;

/// Writes `{"k": v, …` for the fields of `m`, each preceded by `sep` (the
/// first by nothing when `first`).
fn write_fields(out: &mut dyn Write, m: &Map<String, Value>, mut first: bool) -> io::Result<bool> {
    for (k, v) in m {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, k).map_err(io::Error::from)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, v).map_err(io::Error::from)?;
    }
    Ok(first)
}

/// A list as one JSON object.
pub(crate) struct JsonList<'w, R: Record> {
    out: Box<dyn Write + 'w>,
    opts: OutputOptions,
    head: Option<R::Head>,
    records: usize,
}

impl<'w, R: Record> JsonList<'w, R> {
    pub(crate) fn new(out: Box<dyn Write + 'w>, opts: OutputOptions) -> JsonList<'w, R> {
        JsonList {
            out,
            opts,
            head: None,
            records: 0,
        }
    }
}

impl<R: Record> ListWriter<R> for JsonList<'_, R>
where
    R::Head: Clone,
{
    fn start(&mut self, head: &R::Head) -> io::Result<()> {
        self.out.write_all(b"{")?;
        let first = write_fields(&mut *self.out, &R::head_fields(head), true)?;
        if !first {
            self.out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *self.out, R::LIST).map_err(io::Error::from)?;
        self.out.write_all(b":[")?;
        self.head = Some(head.clone());
        Ok(())
    }

    fn record(&mut self, record: &R) -> io::Result<()> {
        self.out
            .write_all(if self.records == 0 { b"\n" } else { b",\n" })?;
        self.records += 1;
        serde_json::to_writer(&mut *self.out, &to_json(record, self.opts.with_body))
            .map_err(io::Error::from)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n]")?;
        if let Some(head) = &self.head {
            write_fields(&mut *self.out, &R::tail_fields(head, self.records), false)?;
        }
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}

/// One record per line.
pub(crate) struct JsonLines<'w, R> {
    out: Box<dyn Write + 'w>,
    opts: OutputOptions,
    kind: PhantomData<R>,
}

impl<'w, R> JsonLines<'w, R> {
    pub(crate) fn new(out: Box<dyn Write + 'w>, opts: OutputOptions) -> JsonLines<'w, R> {
        JsonLines {
            out,
            opts,
            kind: PhantomData,
        }
    }
}

impl<R: Record> ListWriter<R> for JsonLines<'_, R> {
    fn start(&mut self, _head: &R::Head) -> io::Result<()> {
        Ok(())
    }

    fn record(&mut self, record: &R) -> io::Result<()> {
        serde_json::to_writer(&mut *self.out, &to_json(record, self.opts.with_body))
            .map_err(io::Error::from)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
