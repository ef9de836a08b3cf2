//! The `vacancy` binary: parse the command line, run the command, exit with its code.

use clap::Parser;

/// Rendering makes many small short-lived allocations on every thread;
/// mimalloc serves them from per-thread pages, which measurably shortens
/// large builds (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = vacancy::cli::Cli::parse();
    std::process::exit(vacancy::cli::run(cli));
}
