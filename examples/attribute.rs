//! Who said what in a text, without an index: the attribution step that
//! `econ-archive index` runs on every article.
//!
//! ```text
//! cargo run --release --example attribute -- corpus/some-article.txt
//! ```
//!
//! Prints the named speakers, then every quote or reported statement with its
//! speaker (or unnamed source) and its byte offsets into the text.

use econ_archive::enrich::speakers::attribute;

fn main() -> anyhow::Result<()> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        anyhow::bail!("usage: attribute FILE...");
    }
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("cannot read {path}: {e}"))?;
        // No title here: `attribute` also looks for "Name: ..." titles.
        let found = attribute("", &text);
        println!("{path}: {}", found.speakers.join(", "));
        for q in &found.quotes {
            let who = match (&q.speaker, &q.role, &q.attributed_to) {
                (Some(name), Some(role), _) => format!("{name} ({role})"),
                (Some(name), None, _) => name.clone(),
                (None, _, Some(source)) => format!("[{source}]"),
                (None, _, None) => "[unattributed]".to_string(),
            };
            // The offsets point into the text: the quote is exactly this slice.
            assert_eq!(&text[q.start..q.end], q.text);
            println!(
                "  {}..{} {who}: {}",
                q.start,
                q.end,
                q.text.replace('\n', " ")
            );
        }
    }
    Ok(())
}
