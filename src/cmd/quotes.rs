//! `econ-archive quotes QUERY…`: search inside quoted text and list the
//! individual quotes that match, ranked, with their speakers.
//!
//! Unqualified words search the quotes only (`quote:` is implied); other
//! fields (`topic:`, `source:` …) and the filters narrow the articles.
//! `--speaker` keeps only quotes attributed to that person.

use crate::cmd::search::{FilterArgs, OutputArgs};
use crate::config::{self, Exit};
use econ_archive::export::{self, Format};
use econ_archive::present::{clean, render_snippet, Style};
use econ_archive::query;
use econ_archive::quotes::{speaker_matches, QuoteHit, QuoteMatcher};
use econ_archive::search::{Compiler, Snippet};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::{TantivyDocument, Term};

#[derive(clap::Args)]
#[command(about = "Search inside quotes: matching quotes with speaker, role, article and date")]
pub struct Args {
    /// The query (words search the quoted text).
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Number of quotes to list.
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Look at most at this many matching articles.
    #[arg(long, default_value_t = 5000)]
    max_articles: usize,
    #[command(flatten)]
    out: OutputArgs,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = args.query.join(" ");
    let format = args.out.format()?;
    let archive = config::open_archive(&args.index)?;
    let ast = query::parse(&text)?;
    let compiler = Compiler::for_quotes(&archive);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiler.compile(&ast))];
    let filters = args.filters.to_filters();
    for f in compiler
        .filters(&filters)
        .map_err(|e| config::usage(e.to_string()))?
    {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
    }
    let full = BooleanQuery::new(clauses);
    let searcher = archive.searcher()?;
    let mut top = searcher.search(
        &full,
        &TopDocs::with_limit(args.max_articles.max(1)).order_by_score(),
    )?;
    // Read in store order (neighbours share a compressed block); the quotes
    // are ranked below, independently of this order.
    top.sort_unstable_by_key(|&(_, addr)| addr);

    let mut matcher = QuoteMatcher::new(HashMap::new());
    let n_docs = searcher.num_docs().max(1) as f32;
    let idf: HashMap<String, f32> = matcher
        .stems(&ast)
        .into_iter()
        .map(|s| {
            let df = searcher
                .doc_freq(&Term::from_field_text(archive.fields.body, &s))
                .unwrap_or(0) as f32;
            let w = (1.0 + (n_docs - df + 0.5) / (df + 0.5)).ln();
            (s, w)
        })
        .collect();
    let mut matcher = QuoteMatcher::new(idf);
    let mut hits: Vec<QuoteHit> = Vec::new();
    for (article_score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let article = archive.to_article(&doc);
        for q in &article.quotes {
            if !speaker_matches(q.speaker.as_deref(), &filters.speakers) {
                continue;
            }
            if let Some((score, highlights)) = matcher.match_quote(&ast, &q.text) {
                hits.push(QuoteHit {
                    rank: 0,
                    score: score * (1.0 + article_score.ln_1p() * 0.1),
                    quote: q.clone(),
                    highlights,
                    article: article.clone(),
                });
            }
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.article.id.cmp(&b.article.id))
            .then_with(|| a.quote.start.cmp(&b.quote.start))
    });
    let total = hits.len();
    hits.truncate(args.limit);
    for (i, h) in hits.iter_mut().enumerate() {
        h.rank = i + 1;
    }
    let out = config::output(args.out.output.as_ref())?;
    if format == Format::Table {
        let style = Style {
            color: args.out.output.is_none() && config::color_wanted(args.out.no_color),
        };
        print_table(out, &text, total, &hits, style)?;
    } else {
        export::write_quotes(format, out, &text, &hits)?;
        if let Some(p) = &args.out.output {
            eprintln!("wrote {} of {total} quotes to {}", hits.len(), p.display());
        }
    }
    Ok(if total == 0 {
        Exit::NoResults
    } else {
        Exit::Ok
    }
    .into())
}

fn print_table(
    mut out: Box<dyn Write>,
    query: &str,
    total: usize,
    hits: &[QuoteHit],
    s: Style,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} quotes match {}",
        s.bold(&total.to_string()),
        clean(query)
    )?;
    for h in hits {
        let who = match (&h.quote.speaker, &h.quote.role) {
            (Some(n), Some(r)) => format!("{} ({})", clean(n), clean(r)),
            (Some(n), None) => clean(n),
            (None, _) => h
                .quote
                .source
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "unattributed".into()),
        };
        let date = h
            .article
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "----------".into());
        writeln!(out)?;
        writeln!(out, "{:>3}. {}  {}", h.rank, s.bold(&who), s.cyan(&date))?;
        let snippet = Snippet {
            text: h.quote.text.clone(),
            highlights: h.highlights.clone(),
        };
        writeln!(out, "     “{}”", render_snippet(&snippet, s))?;
        writeln!(
            out,
            "     {}",
            s.dim(&format!(
                "{}  id: {}",
                clean(&h.article.title),
                clean(&h.article.id)
            ))
        )?;
    }
    if hits.len() < total {
        writeln!(
            out,
            "\n{}",
            s.dim(&format!(
                "showing {} of {total}; use --limit for more",
                hits.len()
            ))
        )?;
    }
    out.flush()
}
