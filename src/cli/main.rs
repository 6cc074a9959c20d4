//! The `econ-archive` command line. This file only dispatches; each command
//! lives in a file of its own with its usage text and arguments, and speaks
//! to the library's [`econ_archive::Archive`] only.

mod args;
mod exit;
mod open;
mod progress;

mod extract;
mod index;
mod kwic;
mod quotes;
mod search;
mod serve;
mod show;
mod speakers;
mod stats;
mod taxonomy;
mod topics;
mod trend;
mod verify;

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
/// ECON_ARCHIVE_INDEX sets the default index folder.
#[derive(Parser)]
#[command(name = "econ-archive", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Index(index::Args),
    Search(search::Args),
    Show(show::Args),
    Stats(stats::Args),
    Extract(extract::Args),
    Trend(trend::Args),
    Kwic(kwic::Args),
    Quotes(quotes::Args),
    Speakers(speakers::Args),
    Topics(topics::Args),
    Taxonomy(taxonomy::Args),
    Verify(verify::Args),
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic (a bug, or an index whose files disagree in a way the index
    // library does not check) ends with one line and exit 4, not a trace.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: internal failure ({what}{at}). If a search or count failed, the index may be \
             damaged: check it with `econ-archive verify`"
        );
    }));
    match std::panic::catch_unwind(|| dispatch(cli)) {
        Ok(code) => code,
        Err(_) => exit::Exit::Failure.into(),
    }
}

fn dispatch(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
        Command::Show(a) => show::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Trend(a) => trend::run(a),
        Command::Kwic(a) => kwic::run(a),
        Command::Quotes(a) => quotes::run(a),
        Command::Speakers(a) => speakers::run(a),
        Command::Topics(a) => topics::run(a),
        Command::Taxonomy(a) => taxonomy::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Serve(a) => serve::run(a),
    };
    match result {
        Ok(code) => code,
        // The reader of a pipe has seen enough (`| head`): not an error.
        Err(e) if exit::is_broken_pipe(&e) => exit::Exit::Ok.into(),
        Err(e) => {
            eprintln!("error: {}", exit::describe(&e));
            exit::exit_code_of(&e).into()
        }
    }
}
