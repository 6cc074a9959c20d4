//! `econ-archive kwic QUERY…`: keyword in context — every occurrence of the
//! query's words and phrases in the matching articles' bodies, one line each
//! with its left and right context, date, title and id.
//!
//! Occurrences follow the index's analyser: `tariffs` finds "tariff" and
//! "Tariffs"; `"interest rates"` finds "Interest Rate" as one occurrence;
//! `tariff*` finds words starting with "tariff". Parts under NOT or restricted
//! to another field (`title:`, `speaker:`…) only select articles. Articles are
//! read oldest first (`--sort`), at most `--limit` of them (`--all` for every
//! one). Export with `--format csv|json|jsonl|md` or `--output FILE`.

use super::search::{FilterArgs, OutputArgs};
use crate::config::{self, Exit};
use econ_archive::export::{csv_safe, Format};
use econ_archive::kwic::{self, KwicError, KwicLine, KwicRequest};
use econ_archive::present::{clean, Style};
use econ_archive::search::SortOrder;
use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    about = "Keyword in context: each occurrence of the query in the matching articles, with its context",
    after_help = "Examples:\n  econ-archive kwic '\"interest rates\"' --since 2018 --width 50\n  econ-archive kwic tariffs --source reuters --all --output tariffs.csv"
)]
pub struct Args {
    /// The query; several words are joined with spaces (AND by default). A query
    /// starting with `-` goes after `--` or inside quotes: `kwic 'tariffs -china'`.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Characters of context on each side of a match.
    #[arg(long, short = 'w', default_value_t = 40)]
    width: usize,
    /// Number of articles to read (every occurrence in each is listed).
    #[arg(long, short = 'n', default_value_t = 100)]
    limit: usize,
    /// Read every matching article.
    #[arg(long)]
    all: bool,
    /// Order of the articles: date (oldest first), -date or relevance.
    #[arg(long, default_value = "date", allow_hyphen_values = true)]
    sort: SortOrder,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Index folder.
    #[arg(long, default_value = config::DEFAULT_INDEX)]
    index: PathBuf,
}

const CSV_COLUMNS: [&str; 10] = [
    "article", "date", "id", "title", "source", "left", "match", "right", "start", "end",
];

/// Receives the concordance line by line.
trait LineWriter {
    fn start(&mut self, matching: usize) -> std::io::Result<()>;
    fn line(&mut self, l: &KwicLine) -> std::io::Result<()>;
    fn finish(&mut self, s: &kwic::KwicSummary) -> std::io::Result<()>;
}

struct Table<'w> {
    out: Box<dyn Write + 'w>,
    style: Style,
    query: String,
    width: usize,
}

fn pad_left(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

fn pad_right(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

impl LineWriter for Table<'_> {
    fn start(&mut self, matching: usize) -> std::io::Result<()> {
        let noun = if matching == 1 { "article" } else { "articles" };
        writeln!(
            self.out,
            "{} {noun} match {}",
            self.style.bold(&matching.to_string()),
            clean(&self.query)
        )
    }

    fn line(&mut self, l: &KwicLine) -> std::io::Result<()> {
        let s = self.style;
        let date = l
            .date
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d).to_string())
            .unwrap_or_else(|| "----------".into());
        writeln!(
            self.out,
            "{}  {} {} {}  {} {}",
            s.cyan(&date),
            pad_left(&clean(&l.left), self.width),
            s.mark(&clean(&l.keyword)),
            pad_right(&clean(&l.right), self.width),
            shorten(&clean(&l.title), 48),
            s.dim(&format!("({})", clean(&l.id)))
        )
    }

    fn finish(&mut self, sm: &kwic::KwicSummary) -> std::io::Result<()> {
        let more = if sm.articles_read < sm.articles_matching {
            format!(
                " (read {} of {} articles; --limit N or --all for more)",
                sm.articles_read, sm.articles_matching
            )
        } else {
            String::new()
        };
        writeln!(
            self.out,
            "{}",
            self.style
                .dim(&format!("{} occurrences{more}", sm.occurrences))
        )?;
        self.out.flush()
    }
}

struct Csv<'w> {
    out: csv::Writer<Box<dyn Write + 'w>>,
}

fn io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

impl LineWriter for Csv<'_> {
    fn start(&mut self, _matching: usize) -> std::io::Result<()> {
        self.out.write_record(CSV_COLUMNS).map_err(io)
    }

    fn line(&mut self, l: &KwicLine) -> std::io::Result<()> {
        self.out
            .write_record([
                l.article.to_string(),
                l.date.clone().unwrap_or_default(),
                csv_safe(&l.id),
                csv_safe(&l.title),
                csv_safe(l.source.as_deref().unwrap_or("")),
                csv_safe(&l.left),
                csv_safe(&l.keyword),
                csv_safe(&l.right),
                l.start.to_string(),
                l.end.to_string(),
            ])
            .map_err(io)
    }

    fn finish(&mut self, _s: &kwic::KwicSummary) -> std::io::Result<()> {
        self.out.flush()
    }
}

struct Json<'w> {
    out: Box<dyn Write + 'w>,
    query: String,
    first: bool,
}

impl LineWriter for Json<'_> {
    fn start(&mut self, matching: usize) -> std::io::Result<()> {
        write!(
            self.out,
            "{{\"query\":{},\"articles_matching\":{matching},\"lines\":[",
            serde_json::to_string(&self.query).map_err(std::io::Error::other)?
        )
    }

    fn line(&mut self, l: &KwicLine) -> std::io::Result<()> {
        if !self.first {
            write!(self.out, ",")?;
        }
        self.first = false;
        write!(self.out, "\n  ")?;
        serde_json::to_writer(&mut self.out, l).map_err(std::io::Error::other)
    }

    fn finish(&mut self, s: &kwic::KwicSummary) -> std::io::Result<()> {
        writeln!(
            self.out,
            "\n],\"articles_read\":{},\"occurrences\":{}}}",
            s.articles_read, s.occurrences
        )?;
        self.out.flush()
    }
}

struct Jsonl<'w> {
    out: Box<dyn Write + 'w>,
}

impl LineWriter for Jsonl<'_> {
    fn start(&mut self, _matching: usize) -> std::io::Result<()> {
        Ok(())
    }

    fn line(&mut self, l: &KwicLine) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, l).map_err(std::io::Error::other)?;
        writeln!(self.out)
    }

    fn finish(&mut self, _s: &kwic::KwicSummary) -> std::io::Result<()> {
        self.out.flush()
    }
}

struct Markdown<'w> {
    out: Box<dyn Write + 'w>,
    query: String,
}

fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl LineWriter for Markdown<'_> {
    fn start(&mut self, matching: usize) -> std::io::Result<()> {
        writeln!(
            self.out,
            "# Keyword in context: `{}`\n\n{matching} matching articles.\n",
            self.query.replace('`', "'")
        )?;
        writeln!(self.out, "| date | left | match | right | title | id |")?;
        writeln!(self.out, "| --- | ---: | :---: | :--- | --- | --- |")
    }

    fn line(&mut self, l: &KwicLine) -> std::io::Result<()> {
        writeln!(
            self.out,
            "| {} | {} | **{}** | {} | {} | {} |",
            l.date
                .as_deref()
                .map(|d| d.get(..10).unwrap_or(d))
                .unwrap_or(""),
            md(&l.left),
            md(&l.keyword),
            md(&l.right),
            md(&l.title),
            md(&l.id)
        )
    }

    fn finish(&mut self, s: &kwic::KwicSummary) -> std::io::Result<()> {
        writeln!(
            self.out,
            "\n{} occurrences in {} articles read.",
            s.occurrences, s.articles_read
        )?;
        self.out.flush()
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = args.query.join(" ");
    let format = args.out.format()?;
    if args.width == 0 || args.width > 10_000 {
        return Err(config::usage("--width must be between 1 and 10000"));
    }
    let archive = config::open_archive(&args.index)?;
    let out = config::output(args.out.output.as_ref())?;
    let writer: Box<dyn LineWriter> = match format {
        Format::Table => Box::new(Table {
            out,
            style: Style {
                color: args.out.output.is_none() && config::color_wanted(args.out.no_color),
            },
            query: query.clone(),
            width: args.width,
        }),
        Format::Csv => Box::new(Csv {
            out: csv::Writer::from_writer(out),
        }),
        Format::Json => Box::new(Json {
            out,
            query: query.clone(),
            first: true,
        }),
        Format::Jsonl => Box::new(Jsonl { out }),
        Format::Markdown => Box::new(Markdown {
            out,
            query: query.clone(),
        }),
    };
    let writer = RefCell::new(writer);
    let req = KwicRequest {
        query,
        filters: args.filters.to_filters(),
        width: args.width,
        limit: if args.all { None } else { Some(args.limit) },
        sort: args.sort,
    };
    let summary = kwic::run(
        &archive,
        &req,
        &mut |n| writer.borrow_mut().start(n),
        &mut |l| writer.borrow_mut().line(l),
    )
    .map_err(|e| match e {
        KwicError::Search(e) => anyhow::Error::from(e),
        e => anyhow::Error::from(e),
    })?;
    writer.borrow_mut().finish(&summary)?;
    if let Some(p) = &args.out.output {
        eprintln!(
            "wrote {} occurrences from {} articles to {}",
            summary.occurrences,
            summary.articles_read,
            p.display()
        );
    }
    Ok(if summary.occurrences == 0 {
        Exit::NoResults
    } else {
        Exit::Ok
    }
    .into())
}
