//! CSV for every kind of record: RFC 4180, a header row of the schema's CSV
//! fields, lists joined with `; `, text cells formula-neutralised.

use super::records::{to_json, Record};
use super::schema::{Csv, FieldDef};
use super::{ListWriter, OutputOptions};
use serde_json::Value;
use std::io::{self, Write};
use std::marker::PhantomData;

/// Neutralises a cell a spreadsheet would run as a formula (OWASP advice:
/// prefix a single quote to cells starting with = + - @ tab or carriage return).
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The cell of one field's JSON value.
fn cell(f: &FieldDef, v: &Value) -> String {
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    match (f.csv, v) {
        (_, Value::Null) => String::new(),
        (Csv::Decimals, Value::Number(n)) => format!("{:.4}", n.as_f64().unwrap_or(0.0)),
        (Csv::Number, Value::Number(n)) => match n.as_f64() {
            Some(x) if n.is_f64() => x.to_string(),
            _ => n.to_string(),
        },
        (Csv::List, Value::Array(items)) => {
            csv_safe(&items.iter().map(text).collect::<Vec<_>>().join("; "))
        }
        (Csv::Slugs, Value::Array(items)) => csv_safe(
            &items
                .iter()
                .map(|t| text(t.get("slug").unwrap_or(&Value::Null)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (_, v) => csv_safe(&text(v)),
    }
}

pub(crate) struct CsvList<'w, R> {
    out: csv::Writer<Box<dyn Write + 'w>>,
    opts: OutputOptions,
    fields: Vec<FieldDef>,
    kind: PhantomData<R>,
}

impl<'w, R: Record> CsvList<'w, R> {
    pub(crate) fn new(out: Box<dyn Write + 'w>, opts: OutputOptions) -> CsvList<'w, R> {
        let fields = R::KIND
            .written_fields(opts.with_body)
            .into_iter()
            .filter(|f| f.csv != Csv::No)
            .collect();
        CsvList {
            out: csv::Writer::from_writer(out),
            opts,
            fields,
            kind: PhantomData,
        }
    }
}

fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<R: Record> ListWriter<R> for CsvList<'_, R> {
    fn start(&mut self, _head: &R::Head) -> io::Result<()> {
        self.out
            .write_record(self.fields.iter().map(|f| f.name))
            .map_err(io_error)
    }

    fn record(&mut self, record: &R) -> io::Result<()> {
        let json = to_json(record, self.opts.with_body);
        let row = self
            .fields
            .iter()
            .map(|f| cell(f, json.get(f.name).unwrap_or(&Value::Null)));
        self.out.write_record(row).map_err(io_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("-1"), "'-1");
        assert_eq!(csv_safe("@SUM"), "'@SUM");
        assert_eq!(csv_safe("plain"), "plain");
    }

    #[test]
    fn numbers_are_not_neutralised_and_lists_are_joined() {
        let f = |csv| FieldDef {
            name: "x",
            doc: "",
            csv,
            on_request: false,
        };
        assert_eq!(cell(&f(Csv::Number), &serde_json::json!(-1.5)), "-1.5");
        assert_eq!(cell(&f(Csv::Decimals), &serde_json::json!(2.0)), "2.0000");
        assert_eq!(cell(&f(Csv::List), &serde_json::json!(["a", "b"])), "a; b");
        assert_eq!(
            cell(
                &f(Csv::Slugs),
                &serde_json::json!([{"slug": "trade"}, {"slug": "energy"}])
            ),
            "trade; energy"
        );
        assert_eq!(cell(&f(Csv::Text), &serde_json::json!("=1+1")), "'=1+1");
        assert_eq!(cell(&f(Csv::Text), &serde_json::Value::Null), "");
    }
}
