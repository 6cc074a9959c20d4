//! The `econ-archive` command line. This file only dispatches; each command
//! lives in `src/cmd/` with its own usage text and arguments.

mod cmd;
mod config;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: less memory kept by idle threads than glibc malloc (peak RSS
/// while indexing) and cheaper small allocations.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Searchable full-text archive of economic-policy news.
///
/// Index a folder of articles once, then search it by keyword, phrase or
/// speaker, narrowed by date, topic and source, and export the results.
#[derive(Parser)]
#[command(name = "econ-archive", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Index(cmd::index::Args),
    Search(cmd::search::Args),
    Show(cmd::show::Args),
    Stats(cmd::stats::Args),
    Extract(cmd::extract::Args),
    Trend(cmd::trend::Args),
    Kwic(cmd::kwic::Args),
    Quotes(cmd::quotes::Args),
    Speakers(cmd::speakers::Args),
    Topics(cmd::topics::Args),
    Taxonomy(cmd::taxonomy::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(a) => cmd::index::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Stats(a) => cmd::stats::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Trend(a) => cmd::trend::run(a),
        Command::Kwic(a) => cmd::kwic::run(a),
        Command::Quotes(a) => cmd::quotes::run(a),
        Command::Speakers(a) => cmd::speakers::run(a),
        Command::Topics(a) => cmd::topics::run(a),
        Command::Taxonomy(a) => cmd::taxonomy::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", config::describe(&e));
            config::exit_code_of(&e).into()
        }
    }
}
