//! `econ-archive taxonomy learn|check|show`: work with topic taxonomies.
//!
//! `learn --labels FILE.jsonl --out taxonomy.toml` derives term weights from
//! labelled articles (one-vs-rest logistic regression on words and word
//! pairs, the top terms per topic kept, each threshold chosen by
//! cross-validation) and writes them in the same human-readable TOML format as
//! the built-in taxonomy. Each line of the labels file is a JSON object with
//! `title`, `body` and `topics` (or `gold_topics`): a list of slugs.
//! `check FILE` validates a taxonomy file; `show` prints the built-in one.

use crate::exit::{usage, Exit};
use anyhow::Context;
use econ_archive::enrich::learn::{cross_validate, learn, LabelledArticle, LearnOptions};
use econ_archive::enrich::topics::Taxonomy;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(about = "Learn, check or show topic taxonomies")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Derive a taxonomy's term weights from labelled articles.
    Learn {
        /// JSONL: one object per line with title, body and topics (or gold_topics).
        #[arg(long, value_name = "FILE")]
        labels: PathBuf,
        /// Where to write the learned taxonomy (TOML).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Start from this taxonomy instead of the built-in one (its labels,
        /// descriptions and hand-written terms are kept).
        #[arg(long, value_name = "FILE")]
        base: Option<PathBuf>,
        /// Terms kept per topic.
        #[arg(long, default_value_t = 150)]
        max_terms: usize,
        /// L2 regularisation strength.
        #[arg(long)]
        l2: Option<f32>,
        /// Also write K-fold cross-validated predictions to this JSONL file
        /// (an honest estimate of quality; score them with your own labels).
        #[arg(long, value_name = "FILE")]
        cv_pred: Option<PathBuf>,
        /// Folds for --cv-pred.
        #[arg(long, default_value_t = 5)]
        folds: usize,
    },
    /// Check a taxonomy file and list its topics.
    Check { file: PathBuf },
    /// Print the built-in taxonomy (a starting point for your own).
    Show,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match args.action {
        Action::Show => {
            write!(stdout, "{}", Taxonomy::builtin().to_toml())?;
            Ok(Exit::Ok.into())
        }
        Action::Check { file } => {
            let t = Taxonomy::with_user_file(&file).map_err(|e| usage(e.to_string()))?;
            writeln!(
                stdout,
                "{}: ok, {} topics in force",
                file.display(),
                t.topics().len()
            )?;
            for d in t.topics() {
                writeln!(stdout, "  {:<22} {}", d.slug, d.label)?;
            }
            Ok(Exit::Ok.into())
        }
        Action::Learn {
            labels,
            out,
            base,
            max_terms,
            l2,
            cv_pred,
            folds,
        } => {
            let base = match base {
                Some(p) => Taxonomy::with_user_file(&p).map_err(|e| usage(e.to_string()))?,
                None => Taxonomy::builtin(),
            };
            let examples = read_labels(&labels)?;
            if examples.is_empty() {
                return Err(usage(format!("{}: no labelled articles", labels.display())));
            }
            let mut opts = LearnOptions {
                max_terms,
                ..LearnOptions::default()
            };
            if let Some(l2) = l2 {
                opts.l2 = l2;
            }
            let started = std::time::Instant::now();
            if let Some(path) = cv_pred {
                let pred = cross_validate(&examples, &base, &opts, folds);
                let mut text = String::new();
                for (i, p) in pred.iter().enumerate() {
                    text.push_str(&serde_json::json!({"line": i + 1, "topics": p}).to_string());
                    text.push('\n');
                }
                std::fs::write(&path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                eprintln!("wrote {folds}-fold predictions to {}", path.display());
            }
            let learned = learn(&examples, &base, &opts);
            let header = format!(
                "# Learned by `econ-archive taxonomy learn` from {} labelled articles ({}).\n",
                examples.len(),
                labels.display()
            );
            std::fs::write(&out, learned.to_toml_with_header(&header))
                .with_context(|| format!("cannot write {}", out.display()))?;
            writeln!(
                stdout,
                "learned {} topics from {} articles in {:.1} s; wrote {}",
                learned.topics().len(),
                examples.len(),
                started.elapsed().as_secs_f64(),
                out.display()
            )?;
            Ok(Exit::Ok.into())
        }
    }
}

fn read_labels(path: &PathBuf) -> anyhow::Result<Vec<LabelledArticle>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let a: LabelledArticle = serde_json::from_str(&line)
            .map_err(|e| usage(format!("{}:{}: {e}", path.display(), i + 1)))?;
        out.push(a);
    }
    Ok(out)
}
