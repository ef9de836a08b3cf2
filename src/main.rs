//! The `vacancy` binary: parse the command line, run the command, exit with its code.

use clap::Parser;

fn main() {
    let cli = vacancy::cli::Cli::parse();
    std::process::exit(vacancy::cli::run(cli));
}
