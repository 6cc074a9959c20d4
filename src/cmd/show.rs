//! `econ-archive show ID`: one article with all its fields.

use crate::config::{self, Exit};
use econ_archive::present::clean;
use std::path::PathBuf;
use std::process::ExitCode;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

#[derive(clap::Args)]
#[command(about = "Print one article with all its fields")]
pub struct Args {
    /// Article id (as shown by search).
    id: String,
    /// text or json.
    #[arg(long, short = 'f', default_value = "text")]
    format: String,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !matches!(args.format.as_str(), "text" | "json") {
        return Err(config::usage(format!(
            "unknown format {:?}: use text or json",
            args.format
        )));
    }
    let archive = config::open_archive(&args.index)?;
    let searcher = archive.searcher()?;
    let q = TermQuery::new(
        Term::from_field_text(archive.fields.id, &args.id),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else {
        eprintln!("no article with id {:?}", args.id);
        return Ok(Exit::NoResults.into());
    };
    let doc: TantivyDocument = searcher.doc(*addr)?;
    let a = archive.to_article(&doc);
    if args.format == "json" {
        println!("{}", serde_json::to_string_pretty(&a)?);
        return Ok(Exit::Ok.into());
    }
    let line = |k: &str, v: &str| {
        if !v.is_empty() {
            println!("{k:<10} {}", clean(v));
        }
    };
    line("id", &a.id);
    line("title", &a.title);
    line(
        "date",
        &a.date
            .map(|d| {
                format!(
                    "{} ({})",
                    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    a.date_precision.map(|p| p.as_str()).unwrap_or("exact")
                )
            })
            .unwrap_or_default(),
    );
    line("source", a.source.as_deref().unwrap_or(""));
    line("author", a.author.as_deref().unwrap_or(""));
    line("url", a.url.as_deref().unwrap_or(""));
    line("dateline", a.dateline.as_deref().unwrap_or(""));
    line("path", &a.path);
    line("speakers", &a.speakers.join(", "));
    line(
        "topics",
        &a.topics
            .iter()
            .map(|t| format!("{} ({:.2})", t.slug, t.score))
            .collect::<Vec<_>>()
            .join(", "),
    );
    line("tags", &a.tags.join(", "));
    for q in &a.quotes {
        let who = q
            .speaker
            .clone()
            .or_else(|| q.source.clone())
            .unwrap_or_else(|| "unattributed".into());
        println!("quote      {}: “{}”", clean(&who), clean(&q.text));
    }
    println!();
    for para in a.body.split("\n\n") {
        let p = clean(para);
        if !p.is_empty() {
            println!("{p}\n");
        }
    }
    Ok(Exit::Ok.into())
}
