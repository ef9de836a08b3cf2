//! Synthetic job boards for benchmarking `vacancy` (issue 6).
//!
//! ```sh
//! # a board with N postings per language (Swedish + English), deterministic for a seed
//! cargo run --release --example synth -- --postings 10000 --out target/boards/10k [--seed 6]
//! # then build it at the moment it was made for (printed by the command above)
//! vacancy build --root target/boards/10k --now 2026-06-15T12:00:00+02:00 --output /tmp/out
//!
//! # time the parts of a build in-process: reading, Markdown, loading, rendering, writing
//! cargo run --release --example synth -- phases --root target/boards/10k --scratch /tmp/phases
//! ```
//!
//! The board uses every front-matter field (salary as text or range,
//! contacts with union contacts, probation, hours, start, reference,
//! apply_url/apply_email, screening, categories, draft, remote work without
//! a place), bodies of 400-700 words with headings, lists and links, 25 places
//! drawn Zipf-like, ~10% closed and ~5% future postings at the fixed "now",
//! and a PDF attachment on ~1% (as `<slug>/index.<lang>.md`).

mod board;
mod phases;
mod rng;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "synth",
    about = "Generate synthetic job boards and time build phases"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    generate: GenerateArgs,
}

#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// Postings per language.
    #[arg(long)]
    postings: Option<usize>,
    /// The site folder to write (missing, empty, or an earlier synthetic board).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed of the generator; the same seed gives byte-identical files.
    #[arg(long, default_value_t = 6)]
    seed: u64,
    /// Keep the folder as it is when it already holds this very board.
    #[arg(long)]
    reuse: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Time the parts of a build in-process, against the floors of just
    /// reading, just parsing the Markdown and just writing the bytes.
    Phases(phases::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Phases(args)) => phases::run(&args),
        None => generate(&cli.generate),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(args: &GenerateArgs) -> Result<(), String> {
    let (Some(postings), Some(out)) = (args.postings, &args.out) else {
        return Err("give --postings N and --out DIR (or the `phases` command); see --help".into());
    };
    let now = chrono::DateTime::parse_from_rfc3339(board::NOW).expect("a valid constant");
    let marker = board::marker(postings, args.seed, &now.to_rfc3339());
    if args.reuse && std::fs::read_to_string(out.join(board::MARKER)).is_ok_and(|m| m == marker) {
        println!("{} already holds this board; kept", out.display());
        println!("now: {}", board::NOW);
        return Ok(());
    }
    let started = std::time::Instant::now();
    let stats = board::generate(out, postings, args.seed, now)
        .map_err(|e| format!("cannot write the board to {}: {e}", out.display()))?;
    println!(
        "wrote {} postings per language (sv, en) to {} in {:.1} s: {} files, {:.1} MB",
        stats.postings,
        out.display(),
        started.elapsed().as_secs_f64(),
        stats.files,
        stats.bytes as f64 / 1e6
    );
    println!(
        "at --now {}: {} open, {} closed, {} future, {} drafts; {} remote, {} with an attachment",
        board::NOW,
        stats.open,
        stats.closed,
        stats.future,
        stats.drafts,
        stats.remote,
        stats.with_attachment
    );
    if stats.postings > 0 {
        println!(
            "body words: {}-{}, mean {}",
            stats.words_min,
            stats.words_max,
            stats.words_total / (2 * stats.postings)
        );
    }
    println!("now: {}", board::NOW);
    Ok(())
}
