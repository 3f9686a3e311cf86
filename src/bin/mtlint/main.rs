//! The `mtlint` binary: parses arguments, runs a command, maps the outcome to an exit code
//! (0 clean, 1 findings at or above --fail-on, 2 errors). The command line (clap), the commands
//! that print, and the progress display live here; the library prints nothing.

mod cli;
mod commands;
mod progress;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let code = match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "mtlint: error: {}",
                mtlint::escape::escape(&format!("{e:#}"))
            );
            2
        }
    };
    std::process::exit(code);
}
