//! The `vacancy` binary: parse the command line, run the command, exit with its code.

use clap::Parser;

/// Rendering makes many small short-lived allocations on every thread;
/// mimalloc serves them from per-thread pages, which measurably shortens
/// large builds (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Small pages until the build knows the board is large: see
    // `vacancy::memory`, which asks for huge pages back.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = vacancy::cli::Cli::parse();
    std::process::exit(vacancy::cli::run(cli));
}
