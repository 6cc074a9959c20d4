//! Prints the record schemas — every kind of record the archive writes,
//! its fields and what each means — as the Markdown the README carries.
//!
//! ```sh
//! cargo run --example record_schemas
//! ```

fn main() {
    print!("{}", econ_archive::output::schema_markdown());
}
