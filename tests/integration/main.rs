//! Every integration test of `vacancy` in one test binary: one module per
//! area, each named as a test's path reads (`validation::a_misspelt_...`).
//! One binary links the crate once, not once per file, which is most of what
//! a test build costs after a change to the library. The browser checks are
//! their own target (`tests/browser.rs`), since they need tools this one does
//! not.
//!
//! `cargo test --test integration validation::` runs one module.

#[path = "../common/mod.rs"]
mod common;

mod attachments;
mod broken_input;
mod check;
mod cli;
mod cms;
mod diff;
mod editors;
mod feeds;
mod golden;
mod hardening;
mod ical_folding;
mod incremental;
mod killed_builds;
mod lifecycle;
mod links;
mod listings;
mod overrides;
mod pages;
mod reproducible;
mod requirements;
mod seekers;
mod serve;
mod serve_security;
mod similar;
mod stale;
mod theme_readme;
mod translations;
mod validation;
