//! `archive-bundle`: the Archive Browser's command-line tool.
//!
//! - `archive-bundle check FILE` — load a bundle as the app does and list every problem.
//! - `archive-bundle import pages INPUT… -o FILE` — build a bundle from page texts of the CSTO
//!   site's layout (see `docs/importing.md`).
//! - `archive-bundle index BUNDLE` — build the search index and ship it beside the bundle.
//! - `archive-bundle import records FILE… -o FILE` — build a bundle from exports: JSON arrays,
//!   JSON Lines and CSV, gzipped or not, with a field mapping.
//! - `archive-bundle import feed FILE… -o FILE` — the same from RSS and Atom feeds.
//! - `archive-bundle stats FILE` — counts per section, year, language and source, gaps, merges,
//!   and a per-year histogram.
//! - `archive-bundle generate --from BUNDLE… --count N --seed S -o FILE` — a big test archive
//!   made from real ones, for scale benchmarks and end-to-end tests.
//! - `archive-bundle shard BUNDLE -o DIR` — the sharded form of a big archive: a manifest plus
//!   article shards and index chunks the app fetches on demand.
//!
//! Exit codes: 0 success (warnings allowed), 1 invalid input or bundle, 2 a file could not be
//! read or written.

mod check;
mod generate;
mod import;
mod index;
mod progress;
mod shard;
mod stats;
mod stdout;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Check and build Archive Browser bundles.
#[derive(Debug, Parser)]
#[command(
    name = "archive-bundle",
    version,
    about,
    after_help = "Exit codes: 0 success (warnings allowed); 1 invalid input: a bundle with errors or \
                  not usable at all, a malformed page record; 2 a file could not be read or written."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load a bundle as the app does; print every problem, then a summary.
    #[command(
        after_help = "Exit codes: 0 the bundle is valid (warnings allowed); 1 the bundle is \
                            invalid (not JSON, not a bundle, unsupported version, or any \
                            error-severity problem); 2 the file cannot be read."
    )]
    Check {
        /// The bundle (JSON) to check, or a sharded bundle's manifest.json (checked with every
        /// file it names).
        file: PathBuf,
    },
    /// Counts of a bundle: per section, year, language and source; articles without date,
    /// section or body; merges; a per-year histogram.
    #[command(
        after_help = "Exit codes: 0 done; 1 the file is not a usable bundle; 2 it cannot be read."
    )]
    Stats {
        /// The bundle (JSON).
        file: PathBuf,
        /// Also read merges from an import report (`--report` of `import records`).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Print the counts as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Build a bundle from scraped material.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Build the bundle's search index and write it beside the bundle (content-hashed name),
    /// recording it in the bundle's `archive.search_index`.
    #[command(
        after_help = "Exit codes: 0 written; 1 the bundle is invalid or has errors; 2 a file \
                            could not be read or written."
    )]
    Index {
        /// The bundle (JSON) to index; it is rewritten to name its index.
        bundle: PathBuf,
        /// Where to write the index (a folder inside the bundle's); default: beside the bundle.
        /// Older indexes of this bundle there (`<stem>.index.*.bin`) are removed, and said.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Write a big test archive of N articles made from real ones (seeded, reproducible):
    /// copies with new ids, mixed bodies and dates moved back by whole generations.
    #[command(after_help = "Exit codes: 0 written; 1 an input is not a usable bundle or has \
                            errors; 2 a file could not be read or written.")]
    Generate(generate::GenerateArgs),
    /// Write the bundle in the sharded form for big archives: DIR/manifest.json plus article
    /// shards, id buckets, a doc table and index chunks, all content-hashed.
    #[command(after_help = "Exit codes: 0 written; 1 the bundle is invalid or has errors; 2 a \
                            file could not be read or written.")]
    Shard(shard::ShardArgs),
}

#[derive(Debug, Subcommand)]
enum ImportSource {
    /// Page texts of the CSTO site's layout (.jsonl records and .txt pages).
    #[command(after_help = "Exit codes: 0 written; 1 malformed input or options; 2 a file could \
                            not be read or written. A summary report goes to stderr.")]
    Pages(import::PagesArgs),
    /// Exports: JSON arrays, JSON Lines or CSV (each possibly gzipped), with a field mapping.
    #[command(after_help = "Exit codes: 0 written (with --keep-going, bad records are listed in \
                            the summary and the report); 1 malformed input, options or config; 2 a \
                            file could not be read or written.")]
    Records(Box<import::records::RecordsArgs>),
    /// RSS 2.0, RSS 1.0 and Atom feeds (each possibly gzipped): one article per item or entry,
    /// cleaned, dated and reported as `import records` does.
    #[command(after_help = "Exit codes: 0 written (with --keep-going, the unreadable rest of a \
                            feed is listed in the summary and the report); 1 not a feed, not \
                            well-formed XML, truncated, bad options or config; 2 a file could \
                            not be read or written.")]
    Feed(Box<import::records::FeedArgs>),
}

/// Prints an error with its whole chain of causes to stderr.
fn print_error(err: &anyhow::Error) {
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

/// Exit code 2 when the failure was reading or writing a file, else 1.
fn exit_code_for(err: &anyhow::Error) -> ExitCode {
    if err.chain().any(|c| c.is::<std::io::Error>()) {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check { file } => check::run(file).map(|v| match v {
            check::Verdict::Valid => ExitCode::SUCCESS,
            check::Verdict::Invalid => ExitCode::from(1),
        }),
        Command::Import { source: ImportSource::Pages(args) } => {
            import::run_pages(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Index { bundle, out_dir } => {
            index::run(bundle, out_dir.as_deref()).map(|()| ExitCode::SUCCESS)
        }
        Command::Import { source: ImportSource::Records(args) } => {
            import::records::run(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Import { source: ImportSource::Feed(args) } => {
            import::records::run_feed(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Stats { file, report, json } => {
            stats::run(file, report.as_deref(), *json).map(|()| ExitCode::SUCCESS)
        }
        Command::Generate(args) => generate::run(args).map(|()| ExitCode::SUCCESS),
        Command::Shard(args) => shard::run(args).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|err| {
        print_error(&err);
        exit_code_for(&err)
    })
}
