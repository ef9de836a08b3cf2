//! How the build's memory is paged. The `vacancy` binary starts without the
//! kernel's transparent huge pages: with them each 2 MiB page counts whole
//! in a build's memory however little of it is used, and a small board
//! (1,000 postings per language) peaks at 80-90 MB instead of under 50. A
//! very large board touches gigabytes, and there 4 KiB pages cost a page
//! fault each (450,000 at 50,000 postings per language, a fifth of the
//! build's kernel time); with huge pages a tenth as many. So the build asks
//! for them back once it has found how many posting files there are.
//!
//! Between the two, huge pages cost more than they save: the allocator
//! hands freed memory back to the kernel as it goes, and each huge page
//! touched again is cleared whole, 2 MiB at a time. At 10,000 postings per
//! language a build with them spent 3.7 s in the kernel against 1.2 s
//! without, and took 0.71x the time without them (BENCHMARKS.md).

/// Posting files from which a build uses huge pages.
pub const HUGE_PAGES_FROM: usize = 50_000;

/// Lets the process use huge pages again when `posting_files` reach
/// [`HUGE_PAGES_FROM`]. Memory already mapped takes them on its next fault.
/// Only the process's own setting changes; a kernel without the call, or a
/// system with huge pages off, changes nothing.
pub fn fit_to(posting_files: usize) {
    #[cfg(target_os = "linux")]
    if posting_files >= HUGE_PAGES_FROM {
        let _ = rustix::thread::disable_transparent_huge_pages(false);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = posting_files;
}
