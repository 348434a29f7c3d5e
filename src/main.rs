//! The `assess` command line: a thin shell over the library (see `cli.rs`).
// A `Diagnostic` travels only on the error path, where its size costs nothing.
#![allow(clippy::result_large_err)]
fn main() {
    std::process::exit(assess_cli::run());
}

#[path = "cli/mod.rs"]
mod assess_cli;

#[path = "man.rs"]
mod man;

#[path = "output_file.rs"]
mod output_file;
