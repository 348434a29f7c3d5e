//! The `assess` command line; all of it lives in the library (`src/cli/`).
fn main() -> std::process::ExitCode {
    assess::cli::main()
}
