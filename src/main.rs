//! The `vacancy` binary: parse the command line, run the command, exit with its code.

use clap::Parser;

/// Rendering makes many small short-lived allocations on every thread;
/// mimalloc serves them from per-thread pages, which measurably shortens
/// large builds (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // mimalloc asks for transparent huge pages, and each 2 MiB page counts
    // whole in the memory a build takes even when little of it is used: a
    // 1,000-posting build peaked at 87-114 MiB with them and at 57 MiB
    // without, for the same time (10,000 postings: 6% less memory, 3-4%
    // more time). The setting is the process's own; the kernel falls back to
    // small pages. A kernel without the call changes nothing.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = vacancy::cli::Cli::parse();
    std::process::exit(vacancy::cli::run(cli));
}
