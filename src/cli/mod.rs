//! The `assess` command line: argument parsing, file I/O and exit codes. Everything else is
//! the library's. Not part of the API (the binary, `src/main.rs`, only calls [`main`]).
//!
//! Exit codes: 0 success; 1 the score is under `--fail-under`; 2 bad input or bad usage.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};

use crate::input::InputKind;
use crate::{Catalog, Diagnostics, Rubric};

mod args;
mod batch;
mod explain;
mod init;
mod man;
mod output_file;
mod report;
mod rubric;
mod survey;
mod validate;

use args::*;

/// Why a command stopped: the exit code and what to print on standard error.
struct Failure {
    code: i32,
    message: String,
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        let n = d.len();
        Failure {
            code: 2,
            message: format!("{d}\n{n} problem{} found.", if n == 1 { "" } else { "s" }),
        }
    }
}

impl From<crate::Error> for Failure {
    fn from(e: crate::Error) -> Self {
        match e {
            // Not a problem in a file's content: said as a usage error, with no location.
            crate::Error::NotAnImage { .. } => usage(e.to_string()),
            e => e.into_diagnostics().into(),
        }
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: format!("error: {}", message.into()),
    }
}

/// Runs the command line: parses arguments, runs, prints errors; returns the exit code.
pub fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(u8::try_from(run()).unwrap_or(2))
}

/// Parses arguments, runs, prints errors; returns the exit code.
fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help and version go to stdout; a closed pipe there is not an error.
            let _ = e.print();
            return code;
        }
    };
    let mut out = Output;
    let result = match cli.command {
        None => report::report(cli.report, &mut out),
        Some(command) => dispatch(command, &mut out),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            let _ = writeln!(io::stderr(), "{}", f.message.trim_end());
            f.code
        }
    }
}

fn dispatch(command: Command, out: &mut Output) -> Result<i32, Failure> {
    match command {
        Command::Init {
            rubric,
            groups,
            output,
            force,
        } => init::init(&rubric, &groups, output.as_deref(), force, out),
        Command::Validate { files, sources } => validate::validate(&files, &sources, out),
        Command::Fmt {
            files,
            check,
            sources,
        } => validate::fmt(&files, check, &sources, out),
        Command::Batch(args) => batch::batch(args, out),
        Command::Compare {
            old,
            new,
            format,
            output,
            sources,
            baseline_rubric,
            templates,
            branding,
        } => report::report(
            ReportArgs {
                file: Some(new),
                format,
                output,
                sources,
                templates,
                fail_under: None,
                branding,
                baseline: BaselineArgs {
                    baseline: Some(old),
                    baseline_rubric,
                },
            },
            out,
        ),
        Command::Survey(args) => survey::survey(args, out),
        Command::Rubric(command) => rubric::rubric(command, out),
        Command::Schema { rubric, target } => rubric::schema(&rubric, target, out),
        Command::Explain { code, list } => explain::explain(code.as_deref(), list, out),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "assess", &mut buf);
            out.stdout(&String::from_utf8_lossy(&buf))
        }
        Command::Man => {
            let mut cmd = Cli::command();
            cmd.build();
            out.stdout(&man::page(&cmd, EXAMPLES, EXIT_CODES))
        }
    }
}

fn catalog(sources: &SourceArgs) -> Result<Catalog, Failure> {
    let mut catalog = Catalog::builtin();
    if let Some(dir) = &sources.articles {
        catalog.load_articles(dir)?;
    }
    Ok(catalog)
}

fn resolve_override(catalog: &Catalog, sources: &SourceArgs) -> Result<Option<Rubric>, Failure> {
    match &sources.rubric {
        Some(spec) => Ok(Some(catalog.resolve(spec)?)),
        None => Ok(None),
    }
}

/// Reads and validates a questionnaire: a workbook (`.xlsx`) or YAML.
fn load_questionnaire<'a>(
    catalog: &'a Catalog,
    file: &Path,
    rubric: Option<&'a Rubric>,
) -> Result<(std::borrow::Cow<'a, Rubric>, crate::Questionnaire), Diagnostics> {
    crate::source::load(catalog, file, rubric)
}

fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "criterion") => format!("{n} criteria"),
        _ => format!("{n} {noun}s"),
    }
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

fn read_input(path: &Path, kind: InputKind) -> Result<String, crate::Diagnostic> {
    crate::input::read_text(path, kind)
}

/// The logo as a `data:` URL for the report.
fn data_uri(path: &Path) -> Result<String, Failure> {
    Ok(crate::input::data_uri(path)?)
}

/// Whether two paths name the same file (or would, once created).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => {
            let norm = |p: &Path| {
                p.components()
                    .filter(|c| !matches!(c, std::path::Component::CurDir))
                    .collect::<PathBuf>()
            };
            norm(a) == norm(b)
        }
    }
}

/// Refuses an output path that is one of the inputs: a report must never replace its source.
/// Names are compared by the file they reach (device and inode), so a hard link, a symlink
/// or standard input redirected from the file (`assess - -o in.yaml < in.yaml`) is caught too.
fn refuse_overwriting_input(output: &Path, inputs: &[&Path]) -> Result<(), Failure> {
    let out_canon = std::fs::canonicalize(output).ok();
    let out_id = std::fs::metadata(output)
        .ok()
        .and_then(|m| output_file::identity(&m));
    for input in inputs {
        let same = if *input == Path::new("-") {
            out_id.is_some() && out_id == output_file::stdin_identity()
        } else {
            let in_id = std::fs::metadata(input)
                .ok()
                .and_then(|m| output_file::identity(&m));
            match (&out_canon, std::fs::canonicalize(input).ok()) {
                _ if out_id.is_some() && out_id == in_id => true,
                (Some(a), Some(b)) => *a == b,
                _ => output == *input,
            }
        };
        if same {
            let what = if *input == Path::new("-") {
                "is the file standard input is read from"
            } else {
                "is one of this command's input files"
            };
            return Err(usage(format!(
                "-o {} {what}; choose another output path (nothing was written)",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Writes a report to `-o PATH`: atomically for a file (temporary file, then rename), straight
/// through for a character device or FIFO (see `output_file.rs`).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    output_file::write(path, bytes, true).map_err(usage)
}

/// Standard output and error, where a closed pipe (`assess x.yaml | head -1`) ends quietly.
#[derive(Default)]
struct Output;

impl Output {
    fn stdout(&mut self, text: &str) -> Result<i32, Failure> {
        let mut stdout = io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            Ok(()) => Ok(0),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
            Err(e) => Err(usage(format!("cannot write to standard output: {e}"))),
        }
    }

    fn stderr(&mut self, text: &str) {
        let _ = writeln!(io::stderr(), "{text}");
    }
}
