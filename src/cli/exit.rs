//! How a command ends: its exit code, its one error line, and a closed pipe
//! (`| head`) taken as the reader having seen enough.

use std::process::ExitCode;

/// Exit codes, as documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    NoResults = 1,
    Usage = 2,
    SomeFilesFailed = 3,
    Failure = 4,
    /// Stopped by a signal (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// `Ok` when something was found, else `NoResults`.
pub fn found(any: bool) -> anyhow::Result<ExitCode> {
    Ok(if any { Exit::Ok } else { Exit::NoResults }.into())
}

/// An error in what the user asked for (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    UsageError(msg.into()).into()
}

/// Did the error come from writing to a pipe whose reader has gone?
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        // The library's `Error::Io` and serde_json's error are transparent
        // over the io::Error: it is not a cause of its own in the chain.
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || cause.downcast_ref::<econ_archive::Error>().is_some_and(
                |e| matches!(e, econ_archive::Error::Io(io) if io.kind() == BrokenPipe),
            )
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
    })
}

/// The exit code for an error that ended a command.
pub fn exit_code_of(e: &anyhow::Error) -> Exit {
    let usage = e.chain().any(|cause| {
        cause.is::<UsageError>()
            || cause
                .downcast_ref::<econ_archive::Error>()
                .is_some_and(|e| e.is_usage())
            || cause
                .downcast_ref::<econ_archive::search::QueryError>()
                .is_some()
            || cause
                .downcast_ref::<econ_archive::ingest::IngestError>()
                .is_some_and(|e| e.is_usage())
    });
    if usage {
        Exit::Usage
    } else {
        Exit::Failure
    }
}

/// One line: the error and its causes, each said once.
pub fn describe(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}
