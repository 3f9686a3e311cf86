//! The `mtlint` binary: parses arguments, runs a command, maps the outcome to an exit code
//! (0 clean, 1 findings at or above --fail-on, 2 errors).

use clap::Parser;

fn main() {
    let cli = mtlint::cli::Cli::parse();
    let code = match mtlint::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mtlint: error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}
