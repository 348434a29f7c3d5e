//! Argument parsing, file I/O and exit codes. Everything else is the library's.
//!
//! Exit codes: 0 success; 1 the score is under `--fail-under`; 2 bad input or bad usage.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use assess::input::InputKind;
use assess::{Catalog, Diagnostics, Format, RenderOptions, Rubric};

mod explain;

/// The examples, shown by `--help` and the man page (written once here).
macro_rules! examples {
    () => {
        "  assess init -o acme.yaml                 a blank questionnaire (and its schema for editors)
  assess validate acme.yaml                every problem in the file, with line and column
  assess fmt acme.yaml                     rewrite loose spellings (Yes, Principal) canonically
  assess acme.yaml                         diagnose, printed for the terminal
  assess acme.yaml -o acme-report.html     a self-contained HTML report (format from the extension)
  assess acme.yaml --format json           the full result as JSON
  assess rubric show dual-track            what the rubric asks and how it scores"
    };
}

macro_rules! exit_codes {
    () => {
        "0 success, 1 score under --fail-under (or `fmt --check` found spellings to rewrite), 2 bad input or usage."
    };
}

const EXAMPLES: &str = examples!();
const EXIT_CODES: &str = exit_codes!();
const AFTER_HELP: &str = concat!(
    "Examples:\n",
    examples!(),
    "\n\nExit codes: ",
    exit_codes!(),
    "\n\nEvery problem is printed with its code, as in `error[unknown-criterion]`; \
`assess explain CODE` says what it means and how to fix it."
);

const FIRST_STEPS: &str = "\
assess diagnoses leadership-pipeline health from a questionnaire. First steps:

  1. assess init -o acme.yaml      write a blank questionnaire, every question explained
  2. fill in acme.yaml             any text editor; VS Code with the YAML extension checks as you type
  3. assess validate acme.yaml     every problem at once, with line and column
  4. assess acme.yaml              the report (add -o acme.html for a web page)

More: assess --help, assess man";

/// Diagnose leadership-pipeline health from a questionnaire.
#[derive(Debug, Parser)]
#[command(
    name = "assess",
    version,
    about = "Diagnose leadership-pipeline health from a YAML questionnaire",
    long_about = "Scores an organisation's questionnaire against a rubric (built in: dual IC/management career tracks) \
and prints a report in which every weak score links to the guidance article that explains the fix.",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The questionnaire to diagnose (`-` reads standard input).
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,

    /// Report format; defaults to the extension of `-o`, else text.
    #[arg(long, short = 'f', value_enum, ignore_case = true)]
    format: Option<FormatArg>,

    /// Write the report to PATH (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,

    #[command(flatten)]
    sources: SourceArgs,

    /// A folder of templates (report.txt.j2, report.md.j2, report.html.j2, macros.j2) overriding the built-in ones; other files in it are partials the templates can include.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,

    /// Exit with code 1 when the overall score is under SCORE (0-100), or has too little evidence to score.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_under: Option<rust_decimal::Decimal>,

    /// The client named in the report (defaults to the questionnaire's organization name).
    #[arg(long, value_name = "NAME")]
    client: Option<String>,

    /// Who prepared the report, shown under the title.
    #[arg(long, value_name = "NAME")]
    prepared_by: Option<String>,

    /// A logo (PNG, JPEG or SVG) embedded in the HTML report.
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,

    /// A confidentiality line, printed at the foot of every page of the HTML report and at the end of the others.
    #[arg(long, value_name = "TEXT")]
    confidential: Option<String>,

    #[command(flatten)]
    baseline: BaselineArgs,
}

#[derive(Debug, Args, Clone, Default)]
struct BaselineArgs {
    /// Compare with an earlier assessment: its questionnaire, or its saved `--format json` output.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// The rubric file the baseline was answered for, when it is an older version: its
    /// answers are then re-scored under the current rubric to split the change into the
    /// organisation's part and the rubric's.
    #[arg(long, value_name = "PATH")]
    baseline_rubric: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
struct SourceArgs {
    /// Use this rubric: a built-in id or the path of a rubric file of your own.
    #[arg(long, value_name = "ID|PATH")]
    rubric: Option<String>,

    /// A folder of Markdown articles (YAML front matter) adding to or overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    articles: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a blank questionnaire with every question explained in comments.
    Init {
        /// The rubric to write it for.
        #[arg(long, value_name = "ID|PATH", default_value = "dual-track")]
        rubric: String,
        /// Respondent groups to add a block for, e.g. staff-plus-ic,managers,leadership.
        #[arg(long, value_name = "G1,G2..", value_delimiter = ',')]
        groups: Vec<String>,
        /// Write to PATH (and the JSON Schema beside it) instead of standard output.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
        /// Overwrite PATH if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check questionnaires and report every problem, with line and column.
    Validate {
        /// Questionnaires to check (`-` reads standard input).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        sources: SourceArgs,
    },
    /// Rewrite loose spellings (`Yes`, `Principal`, `agree`, `"300"`) to the canonical form the
    /// editor's schema knows, in place; comments and layout are kept.
    #[command(
        after_help = "Exit codes: 0 nothing left to rewrite (or rewritten), 1 --check found spellings to rewrite, 2 bad input."
    )]
    Fmt {
        /// Questionnaires to rewrite.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Only report what would change; write nothing (for CI).
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        sources: SourceArgs,
    },
    /// Tally a survey export (CSV) into a questionnaire's `respondents` block.
    #[command(after_help = SURVEY_HELP)]
    Survey(SurveyArgs),
    /// List, show or check rubrics.
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Print a JSON Schema (draft-07) for questionnaires of a rubric, or for rubric files.
    Schema {
        /// The rubric whose questionnaires the schema describes.
        #[arg(long, value_name = "ID|PATH", default_value = "dual-track")]
        rubric: String,
        /// What the schema describes.
        #[arg(long = "for", value_enum, default_value = "questionnaire")]
        target: SchemaTarget,
    },
    /// Score many questionnaires: one report each and a portfolio index, on all cores.
    #[command(after_help = BATCH_HELP)]
    Batch(BatchArgs),
    /// Compare a new questionnaire with an earlier one (or its saved JSON): the new report
    /// with what changed; the same as `assess NEW --baseline OLD`.
    Compare {
        /// The earlier assessment: a questionnaire or a saved `--format json` output.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The new questionnaire.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Report format; defaults to the extension of `-o`, else text.
        #[arg(long, short = 'f', value_enum, ignore_case = true)]
        format: Option<FormatArg>,
        /// Write the report to PATH (atomically) instead of standard output.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        sources: SourceArgs,
        /// The rubric file OLD was answered for, when it is an older version (see --baseline-rubric of `assess FILE`).
        #[arg(long, value_name = "PATH")]
        baseline_rubric: Option<PathBuf>,
        /// A folder of templates overriding the built-in ones.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The client named in the report.
        #[arg(long, value_name = "NAME")]
        client: Option<String>,
        /// Who prepared the report.
        #[arg(long, value_name = "NAME")]
        prepared_by: Option<String>,
        /// A logo (PNG, JPEG or SVG) embedded in the HTML report.
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
        /// A confidentiality line, printed at the foot of every page of the HTML report and at the end of the others.
        #[arg(long, value_name = "TEXT")]
        confidential: Option<String>,
    },
    /// Explain a problem's code (the `unknown-criterion` of `error[unknown-criterion]`): what it
    /// means, an example of the mistake and how to fix it.
    Explain {
        /// The code, e.g. unknown-criterion; without it, every code is listed.
        #[arg(value_name = "CODE")]
        code: Option<String>,
        /// List every code with a one-line description.
        #[arg(long, conflicts_with = "code")]
        list: bool,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

const BATCH_HELP: &str = "\
Writes, in DIR: one report per questionnaire, named after its file (acme.yaml -> acme.html;
two files with the same name get their folder's name in front: 2025-acme.html), and the
portfolio index portfolio.csv, portfolio.json, portfolio.md and portfolio.html: one row per
organisation and a summary (organisations per band, how often each failure pattern appears,
the criteria most often weak).

A file that cannot be read or scored is listed in the index with its problems, printed on
standard error, and does not stop the others; the exit code is then 2.

Examples:
  assess batch clients/ -o out/                       HTML reports + index
  assess batch clients/ -o out/ --format html,json    two formats each
  assess batch clients/ -o out/ --index-only          the index alone
  assess batch 2026/ -o out/ --baseline 2025/         with last year's change per client";

#[derive(Debug, Args)]
struct BatchArgs {
    /// Questionnaires, and folders searched recursively for *.yaml and *.yml.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// The folder for reports and the index (created if missing).
    #[arg(long, short = 'o', value_name = "DIR", required = true)]
    output: PathBuf,
    /// Report formats, one file each per organisation: text, markdown, html, json; repeat the
    /// option or give a comma list (html,json). Default: html.
    #[arg(
        long,
        short = 'f',
        value_enum,
        ignore_case = true,
        value_delimiter = ','
    )]
    format: Vec<FormatArg>,
    /// Write only the portfolio index, no reports.
    #[arg(long)]
    index_only: bool,
    #[command(flatten)]
    sources: SourceArgs,
    /// A folder of templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Who prepared the reports, shown under each title. (Each report names its own
    /// organisation; there is no --client for a batch.)
    #[arg(long, value_name = "NAME")]
    prepared_by: Option<String>,
    /// A logo (PNG, JPEG or SVG) embedded in every HTML report.
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// A confidentiality line for every report (see `assess FILE --confidential`).
    #[arg(long, value_name = "TEXT")]
    confidential: Option<String>,
    /// A folder of baselines matched by file name (acme.yaml, else acme.yml or acme.json):
    /// each report then shows what changed since.
    #[arg(long, value_name = "DIR")]
    baseline: Option<PathBuf>,
    /// The rubric file the baselines were answered for, when it is an older version.
    #[arg(long, value_name = "PATH")]
    baseline_rubric: Option<PathBuf>,
    /// Worker threads; default: one per core.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

const SURVEY_HELP: &str = "\
Reads exports of Google Forms, Microsoft Forms, Qualtrics and SurveyMonkey (one row per
respondent; answers as numbers or agreement labels). Columns match opinion questions by --map,
by question id, or by the question's text. Without -o or --into the block is printed.

Examples:
  assess survey pulse.csv --group-column Role
  assess survey pulse.csv --group-column Role --into acme.yaml
  assess survey pulse.csv --group-column Q7 --map \"Q3=ic-respect\" -o acme-survey.yaml";

#[derive(Debug, Args)]
struct SurveyArgs {
    /// The survey export (CSV, comma or semicolon separated, UTF-8).
    #[arg(value_name = "FILE.csv")]
    file: PathBuf,
    /// The column naming each respondent's group (its header text, or its letter); without it everyone is one group.
    #[arg(long, value_name = "COLUMN")]
    group_column: Option<String>,
    /// Match a column to an opinion question explicitly (repeatable).
    #[arg(long = "map", value_name = "COLUMN=QUESTION", value_parser = parse_map)]
    map: Vec<(String, String)>,
    /// Write a new questionnaire holding the block to PATH.
    #[arg(long, short = 'o', value_name = "PATH", conflicts_with = "into")]
    output: Option<PathBuf>,
    /// Replace (or add) the `respondents` block of this questionnaire, in place and atomically.
    #[arg(long, value_name = "QUESTIONNAIRE")]
    into: Option<PathBuf>,
    /// With -o: overwrite PATH if it exists.
    #[arg(long)]
    force: bool,
    /// The rubric whose opinion questions to match (default: the one --into names, else dual-track).
    #[arg(long, value_name = "ID|PATH")]
    rubric: Option<String>,
}

fn parse_map(s: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((column, criterion)) if !column.trim().is_empty() && !criterion.trim().is_empty() => {
            Ok((column.trim().to_string(), criterion.trim().to_string()))
        }
        _ => Err(format!(
            "`{s}` is not COLUMN=QUESTION, e.g. --map \"Q3=ic-respect\""
        )),
    }
}

#[derive(Debug, Subcommand)]
enum RubricCommand {
    /// List the built-in rubrics.
    List,
    /// Print a rubric.
    Show {
        /// A built-in id or a path.
        #[arg(value_name = "ID|PATH")]
        rubric: String,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value = "markdown")]
        format: RubricFormat,
        /// A folder of Markdown articles adding to the built-in ones.
        #[arg(long, value_name = "DIR")]
        articles: Option<PathBuf>,
    },
    /// Check rubric files and report every problem, with line and column.
    Check {
        /// Rubric files.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// A folder of Markdown articles the rubrics may link to.
        #[arg(long, value_name = "DIR")]
        articles: Option<PathBuf>,
    },
}

/// The report formats, as the shell completes them.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// For the terminal.
    #[value(alias = "txt")]
    Text,
    /// For wikis and pull requests.
    #[value(alias = "md")]
    Markdown,
    /// A self-contained web page.
    #[value(alias = "htm")]
    Html,
    /// The full result, for programs.
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RubricFormat {
    Yaml,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaTarget {
    Questionnaire,
    Rubric,
}

fn parse_score(s: &str) -> Result<rust_decimal::Decimal, String> {
    match assess::yaml::parse_decimal(s) {
        Some(d) if d >= rust_decimal::Decimal::ZERO && d <= rust_decimal::Decimal::ONE_HUNDRED => {
            Ok(d)
        }
        Some(_) => Err(format!("{s} is not a score: scores run 0-100")),
        None => Err(format!(
            "`{s}` is not a number; write a score from 0 to 100, e.g. 60"
        )),
    }
}

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

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: format!("error: {}", message.into()),
    }
}

/// Parses arguments, runs, prints errors; returns the exit code.
pub fn run() -> i32 {
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
        None => report(cli.report, &mut out),
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
        } => init(&rubric, &groups, output.as_deref(), force, out),
        Command::Validate { files, sources } => validate(&files, &sources, out),
        Command::Fmt {
            files,
            check,
            sources,
        } => fmt(&files, check, &sources, out),
        Command::Batch(args) => batch(args, out),
        Command::Compare {
            old,
            new,
            format,
            output,
            sources,
            baseline_rubric,
            templates,
            client,
            prepared_by,
            logo,
            confidential,
        } => report(
            ReportArgs {
                file: Some(new),
                format,
                output,
                sources,
                templates,
                fail_under: None,
                client,
                prepared_by,
                logo,
                confidential,
                baseline: BaselineArgs {
                    baseline: Some(old),
                    baseline_rubric,
                },
            },
            out,
        ),
        Command::Survey(args) => survey(args, out),
        Command::Rubric(RubricCommand::List) => {
            let catalog = Catalog::builtin();
            let mut text = String::new();
            for r in catalog.rubrics() {
                text.push_str(&format!(
                    "{:<16} {:<8} {} ({} criteria, {} failure patterns)\n",
                    r.id,
                    r.version,
                    r.title,
                    r.criteria().count(),
                    r.failure_patterns.len()
                ));
            }
            out.stdout(&text)
        }
        Command::Rubric(RubricCommand::Show {
            rubric,
            format,
            articles,
        }) => {
            let catalog = catalog(&SourceArgs {
                rubric: None,
                articles,
            })?;
            let r = catalog.resolve(&rubric)?;
            let text = match format {
                RubricFormat::Json => {
                    serde_json::to_string_pretty(&r).map_err(|e| usage(e.to_string()))? + "\n"
                }
                RubricFormat::Yaml => {
                    serde_saphyr::to_string(&r).map_err(|e| usage(e.to_string()))?
                }
                RubricFormat::Markdown => assess::rubric_doc::markdown(&r, &catalog.articles),
            };
            out.stdout(&text)
        }
        Command::Rubric(RubricCommand::Check { paths, articles }) => {
            let catalog = catalog(&SourceArgs {
                rubric: None,
                articles,
            })?;
            let mut all = Diagnostics::new();
            let mut ok = Vec::new();
            for path in &paths {
                let name = path.display().to_string();
                match read_input(path, InputKind::Rubric)
                    .map_err(Diagnostics::from)
                    .and_then(|text| catalog.rubric_from_yaml(&name, &text))
                {
                    Ok(r) => ok.push(format!(
                        "{name}: ok: rubric {} {} ({}, {}, {})",
                        r.id,
                        r.version,
                        plural(r.commitments.len(), "commitment"),
                        plural(r.criteria().count(), "criterion"),
                        plural(r.failure_patterns.len(), "failure pattern")
                    )),
                    Err(d) => all.extend(d),
                }
            }
            if !ok.is_empty() {
                out.stdout(&(ok.join("\n") + "\n"))?;
            }
            if all.is_empty() {
                Ok(0)
            } else {
                Err(all.into())
            }
        }
        Command::Schema { rubric, target } => {
            let value = match target {
                SchemaTarget::Rubric => assess::schema::rubric_schema(),
                SchemaTarget::Questionnaire => {
                    let r = Catalog::builtin().resolve(&rubric)?;
                    assess::schema::questionnaire_schema(&r)
                }
            };
            out.stdout(&(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"))
        }
        Command::Explain { code, list } => explain::explain(code.as_deref(), list, out),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "assess", &mut buf);
            out.stdout(&String::from_utf8_lossy(&buf))
        }
        Command::Man => {
            let mut cmd = Cli::command();
            cmd.build();
            out.stdout(&crate::man::page(&cmd, EXAMPLES, EXIT_CODES))
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

fn report(args: ReportArgs, out: &mut Output) -> Result<i32, Failure> {
    let Some(file) = args.file else {
        // Bare `assess`: a newcomer's first command. Show the way in.
        out.stderr(FIRST_STEPS);
        return Ok(2);
    };
    let format = match (args.format, &args.output) {
        (Some(f), _) => f.into(),
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| {
            usage(format!(
                "cannot tell the report format from `{}`; use an extension .txt, .md, .html or .json, or pass --format",
                path.display()
            ))
        })?,
        (None, None) => Format::Text,
    };
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(usage(format!(
            "--templates {}: no such folder (it should hold report.txt.j2, report.md.j2 or report.html.j2)",
            dir.display()
        )));
    }
    if let Some(output) = &args.output {
        let mut inputs: Vec<PathBuf> = vec![file.clone()];
        inputs.extend(args.baseline.baseline.clone());
        inputs.extend(args.baseline.baseline_rubric.clone());
        inputs.extend(args.sources.rubric.as_ref().map(PathBuf::from));
        inputs.extend(args.logo.clone());
        for dir in [&args.templates, &args.sources.articles]
            .into_iter()
            .flatten()
        {
            if let Ok(entries) = std::fs::read_dir(dir) {
                inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            }
        }
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        refuse_overwriting_input(output, &inputs)?;
    }
    let catalog = catalog(&args.sources)?;
    let overridden = resolve_override(&catalog, &args.sources)?;
    let name = display_name(&file);
    let (rubric, questionnaire) = load_questionnaire(&catalog, &file, overridden.as_ref())?;
    if let Some(first) = questionnaire.warnings.iter().next() {
        let n = questionnaire.warnings.len();
        let name = if file == Path::new("-") {
            "FILE"
        } else {
            &name
        };
        let (at, fix) = match &first.location.cell {
            // A workbook has no `fmt`: its drop-down lists offer the canonical spellings.
            Some(cell) => (
                format!("at {cell}"),
                "pick the answer from the cell's drop-down list".to_string(),
            ),
            None => (
                format!("on line {}", first.location.line),
                format!(
                    "`assess fmt {name}` rewrites {} canonically",
                    if n == 1 { "it" } else { "them" }
                ),
            ),
        };
        out.stderr(&format!(
            "note: {n} answer{} spelt loosely (the first {at}); the report reads {} as intended; {fix}",
            if n == 1 { " is" } else { "s are" },
            if n == 1 { "it" } else { "them" },
        ));
    }
    let assessment = assess::evaluate(&rubric, &questionnaire, &catalog.articles);
    let logo_data_uri = match &args.logo {
        Some(path) => Some(data_uri(path)?),
        None => None,
    };
    let options = RenderOptions {
        client: args.client,
        prepared_by: args.prepared_by,
        confidential: args.confidential,
        logo_data_uri,
        templates: args.templates,
    };
    if let Some(dir) = &options.templates
        && format.template().is_some()
    {
        for warning in assess::render::template_folder_warnings(dir) {
            out.stderr(&warning);
        }
    }
    let rendered = match &args.baseline.baseline {
        None => assess::render(&assessment, format, &options)?,
        Some(base) => {
            let old_rubric = match &args.baseline.baseline_rubric {
                Some(p) => Some(catalog.resolve(&p.display().to_string())?),
                None => None,
            };
            let origin = display_name(base);
            let base_text =
                read_input(base, InputKind::Questionnaire).map_err(Diagnostics::from)?;
            let comparison = assess::compare::compare(
                &catalog,
                &origin,
                &base_text,
                old_rubric.as_ref().or(overridden.as_ref()),
                &rubric,
                &assessment,
            )?;
            assess::render::render_compared(&assessment, &comparison, format, &options)?
        }
    };
    match &args.output {
        Some(path) => {
            write_atomically(path, rendered.as_bytes())?;
            out.stderr(&format!(
                "wrote {} ({name}: {})",
                path.display(),
                match assessment.overall.score {
                    Some(s) => format!(
                        "{} / 100, {}",
                        assess::exact::one_decimal(s),
                        assessment.overall.band
                    ),
                    None => "no overall score: too little evidence".into(),
                }
            ));
        }
        None => {
            out.stdout(&rendered)?;
        }
    }
    if let Some(threshold) = args.fail_under {
        let below = assessment
            .overall
            .score
            .is_none_or(|s| assess::exact::round(s, 1) < threshold);
        if below {
            out.stderr(&match assessment.overall.score {
                Some(score) => format!(
                    "assess: overall score {} is under --fail-under {threshold}",
                    assess::exact::one_decimal(score)
                ),
                None => format!(
                    "assess: there is no overall score to compare with --fail-under {threshold}: too few questions are answered to score; answer more (the report lists the evidence gaps)"
                ),
            });
            return Ok(1);
        }
    }
    Ok(0)
}

fn batch(args: BatchArgs, out: &mut Output) -> Result<i32, Failure> {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(usage(format!(
            "--templates {}: no such folder",
            dir.display()
        )));
    }
    // Said once for the batch, not once per file.
    if let Some(dir) = &args.templates
        && !args.index_only
    {
        for warning in assess::render::template_folder_warnings(dir) {
            out.stderr(&warning);
        }
    }
    if let Some(dir) = &args.baseline
        && !dir.is_dir()
    {
        return Err(usage(format!(
            "--baseline {}: no such folder (a batch takes a folder of baselines, matched by file name)",
            dir.display()
        )));
    }
    if args.output.is_file() {
        return Err(usage(format!(
            "-o {} is a file; a batch writes into a folder",
            args.output.display()
        )));
    }
    let inputs = assess::portfolio::find_inputs(&args.paths);
    if inputs.is_empty() {
        return Err(usage(
            "no questionnaires found: name files, or folders holding *.yaml or *.yml files",
        ));
    }
    let catalog = catalog(&args.sources)?;
    let rubric = resolve_override(&catalog, &args.sources)?;
    let baseline_rubric = match &args.baseline_rubric {
        Some(p) => Some(catalog.resolve(&p.display().to_string())?),
        None => None,
    };
    let logo_data_uri = match &args.logo {
        Some(path) => Some(data_uri(path)?),
        None => None,
    };
    let options = RenderOptions {
        client: None,
        prepared_by: args.prepared_by,
        confidential: args.confidential,
        logo_data_uri,
        templates: args.templates,
    };
    let formats = if args.index_only {
        Vec::new()
    } else if args.format.is_empty() {
        vec![Format::Html]
    } else {
        let mut f: Vec<Format> = Vec::new();
        for format in &args.format {
            let format = Format::from(*format);
            if !f.contains(&format) {
                f.push(format);
            }
        }
        f
    };
    let threads = args
        .jobs
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let read = |p: &Path| read_input(p, InputKind::Questionnaire);
    let batch = assess::portfolio::Batch {
        catalog: &catalog,
        rubric: rubric.as_ref(),
        formats,
        options: &options,
        out_dir: args.output.clone(),
        baseline_dir: args.baseline,
        baseline_rubric: baseline_rubric.as_ref(),
        threads,
        read: &read,
    };
    let progress = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let mut invalid = 0usize;
    let outcome = batch.run(&inputs, &mut |row| {
        if row.status == assess::portfolio::RowStatus::Invalid {
            invalid += 1;
            let text = format!("{}", row.diagnostics);
            match &progress {
                Some(bar) => bar.suspend(|| eprintln!("{}", text.trim_end())),
                None => eprintln!("{}", text.trim_end()),
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let outcome = outcome?;
    let s = &outcome.summary;
    out.stderr(&format!(
        "scored {} of {} questionnaire{} into {} (index: {})",
        s.scored,
        s.organizations,
        if s.organizations == 1 { "" } else { "s" },
        args.output.display(),
        outcome
            .index_files
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if invalid > 0 {
        out.stderr(&format!(
            "{invalid} file{} could not be scored; see above and the index's problems column",
            if invalid == 1 { "" } else { "s" }
        ));
        return Ok(2);
    }
    Ok(0)
}

fn validate(files: &[PathBuf], sources: &SourceArgs, out: &mut Output) -> Result<i32, Failure> {
    let catalog = catalog(sources)?;
    let rubric = resolve_override(&catalog, sources)?;
    let mut problems = Diagnostics::new();
    let mut lines = String::new();
    for file in files {
        let name = display_name(file);
        let loaded = load_questionnaire(&catalog, file, rubric.as_ref());
        match loaded {
            Ok((rubric, q)) => {
                if !q.warnings.is_empty() {
                    let n = q.warnings.len();
                    out.stderr(&format!(
                        "{}\n{name}: {n} answer{} spelt loosely; {}",
                        q.warnings.to_string().trim_end(),
                        if n == 1 { "" } else { "s" },
                        if assess::workbook::is_workbook(file) {
                            "the drop-down lists offer the canonical spellings".to_string()
                        } else {
                            format!(
                                "`assess fmt {name}` rewrites {}",
                                if n == 1 { "it" } else { "them" }
                            )
                        }
                    ));
                }
                // The same counts the report shows: n/a includes questions a rubric condition
                // rules out (e.g. a question only for organisations above a size).
                let a = assess::evaluate(&rubric, &q, &catalog.articles);
                let t = a.answers;
                let not_yet = if t.not_yet > 0 {
                    format!(", {} not yet at this size", t.not_yet)
                } else {
                    String::new()
                };
                lines.push_str(&format!(
                    "{name}: valid for {} {}: {} answered, {} unknown, {} n/a{not_yet}, {} missing (of {} questions)\n",
                    rubric.id,
                    rubric.version,
                    t.scored + t.context,
                    t.unknown,
                    t.not_applicable,
                    t.missing,
                    rubric.criteria().count()
                ));
                // Plausibility warnings: valid answers that are probably not what was meant.
                // They never change the exit code.
                // Warnings are placed on the answer's line in a YAML file; a workbook's or
                // standard input's are placed at the start (the input is not read twice).
                let source = if assess::workbook::is_workbook(file) || file == Path::new("-") {
                    String::new()
                } else {
                    read_input(file, InputKind::Questionnaire).unwrap_or_default()
                };
                let source = source.as_str();
                for w in &a.warnings {
                    let (line, column) = answer_position(source, &w.criterion);
                    out.stderr(&format!(
                        "{name}:{line}:{column}: warning: {}: {}\n",
                        w.criterion, w.message
                    ));
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    if !lines.is_empty() {
        out.stdout(&lines)?;
    }
    if problems.is_empty() {
        Ok(0)
    } else {
        Err(problems.into())
    }
}

fn fmt(
    files: &[PathBuf],
    check: bool,
    sources: &SourceArgs,
    out: &mut Output,
) -> Result<i32, Failure> {
    let catalog = catalog(sources)?;
    let rubric = resolve_override(&catalog, sources)?;
    let mut problems = Diagnostics::new();
    let mut pending = 0;
    for file in files {
        let name = display_name(file);
        if file == Path::new("-") {
            return Err(usage(
                "`assess fmt` rewrites files in place; name a file, not `-`",
            ));
        }
        let loaded = read_input(file, InputKind::Questionnaire)
            .map_err(Diagnostics::from)
            .and_then(|text| {
                catalog
                    .load_questionnaire(&name, &text, rubric.as_ref())
                    .map(|(r, q)| (text, r, q))
            });
        let (text, r, q) = match loaded {
            Ok(x) => x,
            Err(d) => {
                problems.extend(d);
                continue;
            }
        };
        let warnings: Vec<assess::Diagnostic> = q.warnings.iter().cloned().collect();
        if warnings.is_empty() {
            out.stderr(&format!("{name}: already canonical"));
            continue;
        }
        if check {
            pending += warnings.len();
            out.stderr(&format!(
                "{}\n{name}: {} answer{} to rewrite (run `assess fmt {name}`)",
                q.warnings.to_string().trim_end(),
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            ));
            continue;
        }
        let (fixed, n) = assess::fmt::apply(&text, &warnings);
        // Write only what reads back as the very same answers, now without a loose spelling.
        let same = catalog
            .load_questionnaire(&name, &fixed, Some(&r))
            .is_ok_and(|(_, after)| {
                after.warnings.is_empty()
                    && after.answers == q.answers
                    && after.respondents == q.respondents
            });
        if !same || n != warnings.len() {
            return Err(usage(format!(
                "{name}: could not rewrite the loose spellings safely; the file was left unchanged (fix them by hand, as `assess validate {name}` shows)"
            )));
        }
        write_atomically(file, fixed.as_bytes())?;
        out.stderr(&format!(
            "{name}: rewrote {n} answer{} to the canonical spelling",
            if n == 1 { "" } else { "s" }
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(if pending > 0 { 1 } else { 0 })
}

/// Where `id:` is written in a questionnaire, for a warning's location (1-based); the file's
/// start when it is not found (an answer given per respondent group).
fn answer_position(text: &str, id: &str) -> (usize, usize) {
    let key = format!("{id}:");
    text.lines()
        .enumerate()
        .find_map(|(i, l)| {
            let trimmed = l.trim_start();
            trimmed
                .starts_with(&key)
                .then(|| (i + 1, l.len() - trimmed.len() + 1))
        })
        .unwrap_or((1, 1))
}

fn init(
    rubric: &str,
    groups: &[String],
    output: Option<&Path>,
    force: bool,
    out: &mut Output,
) -> Result<i32, Failure> {
    let r = Catalog::builtin().resolve(rubric)?;
    let groups: Vec<String> = groups
        .iter()
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty())
        .collect();
    let Some(path) = output else {
        let text = assess::init::blank_questionnaire(&r, &groups, None);
        return out.stdout(&text);
    };
    if assess::workbook::is_workbook(path) {
        return init_workbook(&r, rubric, &groups, path, force, out);
    }
    let schema_name = format!("{}.schema.json", r.id);
    let schema_path = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.join(&schema_name))
        .unwrap_or_else(|| PathBuf::from(&schema_name));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(usage(format!(
            "cannot write {}: the folder {} does not exist (nothing was written)",
            path.display(),
            parent.display()
        )));
    }
    if same_file(path, &schema_path) {
        return Err(usage(format!(
            "-o {} is where the questionnaire's schema goes; name the questionnaire something else, e.g. acme.yaml",
            path.display()
        )));
    }
    let rubric_file = Path::new(rubric);
    if rubric_file.is_file() {
        refuse_overwriting_input(path, &[rubric_file])?;
        refuse_overwriting_input(&schema_path, &[rubric_file])?;
    }
    let text = assess::init::blank_questionnaire(&r, &groups, Some(&schema_name));
    let schema = serde_json::to_string_pretty(&assess::schema::questionnaire_schema(&r))
        .unwrap_or_default()
        + "\n";
    // Both destinations must be files (symlinks followed): the schema goes beside the
    // questionnaire, which a device or a folder cannot have.
    let file_target = |p: &Path| match crate::output_file::destination(p).map_err(usage)? {
        crate::output_file::Destination::File(target) => Ok(target),
        crate::output_file::Destination::Stream(_) => Err(usage(format!(
            "init writes a questionnaire and its schema beside it; -o {} is a device or pipe, so name a file (or leave out -o to print the questionnaire)",
            p.display()
        ))),
    };
    let target = file_target(path)?;
    let schema_target = file_target(&schema_path)?;
    // Neither file is replaced without --force; a schema identical to the one there is fine.
    let schema_current = std::fs::read(&schema_target).is_ok_and(|b| b == schema.as_bytes());
    for (existing, shown) in [(&target, path), (&schema_target, schema_path.as_path())] {
        if existing.exists() && !force && !(shown == schema_path && schema_current) {
            return Err(usage(format!(
                "{} already exists and was left unchanged; pass --force to overwrite it, or choose another -o path (nothing was written)",
                shown.display()
            )));
        }
    }
    // Everything is written to temporary files first; only then are they put in place, the
    // questionnaire first. If the schema then cannot be put in place, a questionnaire this
    // run created is removed again, so a failure leaves nothing behind.
    let staged_text = crate::output_file::stage(path, &target, text.as_bytes()).map_err(usage)?;
    let staged_schema = if schema_current {
        None
    } else {
        Some(
            crate::output_file::stage(&schema_path, &schema_target, schema.as_bytes())
                .map_err(usage)?,
        )
    };
    let created = !target.exists();
    staged_text.commit(force).map_err(usage)?;
    if let Some(staged) = staged_schema
        && let Err(e) = staged.commit(force)
    {
        if created {
            let _ = std::fs::remove_file(&target);
            return Err(usage(e));
        }
        return Err(usage(format!(
            "{}; {} was already replaced",
            e.replace(" (nothing was written)", ""),
            path.display()
        )));
    }
    let validate = if rubric_file.is_file() {
        format!("assess validate {} --rubric {}", path.display(), rubric)
    } else {
        format!("assess validate {}", path.display())
    };
    out.stderr(&format!(
        "wrote {} ({} questions) and {}\nnext: fill in the answers, then run `{validate}`",
        path.display(),
        r.criteria().count(),
        schema_path.display(),
    ));
    Ok(0)
}

/// Reads and validates a questionnaire: a workbook (`.xlsx`) or YAML.
fn load_questionnaire(
    catalog: &Catalog,
    file: &Path,
    rubric: Option<&Rubric>,
) -> Result<(Rubric, assess::Questionnaire), Diagnostics> {
    let name = display_name(file);
    if assess::workbook::is_workbook(file) {
        let bytes = assess::input::read_bytes(file, InputKind::Workbook)?;
        return assess::workbook::read_questionnaire(&name, &bytes, catalog, rubric);
    }
    let text = read_input(file, InputKind::Questionnaire)?;
    catalog.load_questionnaire(&name, &text, rubric)
}

fn init_workbook(
    r: &Rubric,
    rubric: &str,
    groups: &[String],
    path: &Path,
    force: bool,
    out: &mut Output,
) -> Result<i32, Failure> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(usage(format!(
            "cannot write {}: the folder {} does not exist (nothing was written)",
            path.display(),
            parent.display()
        )));
    }
    let rubric_file = Path::new(rubric);
    if rubric_file.is_file() {
        refuse_overwriting_input(path, &[rubric_file])?;
    }
    if path.exists() && !force {
        return Err(usage(format!(
            "{} already exists and was left unchanged; pass --force to overwrite it, or choose another -o path (nothing was written)",
            path.display()
        )));
    }
    let bytes = assess::workbook::blank_workbook(r, groups).map_err(usage)?;
    crate::output_file::write(path, &bytes, force).map_err(usage)?;
    let validate = if rubric_file.is_file() {
        format!("assess validate {} --rubric {}", path.display(), rubric)
    } else {
        format!("assess validate {}", path.display())
    };
    out.stderr(&format!(
        "wrote {} ({} questions on sheet Questions; organisation facts on sheet Organization; survey results per group on sheet Respondents)\nnext: fill in the Answer column, save, then run `{validate}`",
        path.display(),
        r.criteria().count(),
    ));
    Ok(0)
}

fn survey(args: SurveyArgs, out: &mut Output) -> Result<i32, Failure> {
    let catalog = Catalog::builtin();
    let name = display_name(&args.file);
    for target in [&args.output, &args.into].into_iter().flatten() {
        refuse_overwriting_input(target, &[args.file.as_path()])?;
    }
    // The questionnaire to merge into, read first: its rubric decides the questions.
    let existing = match &args.into {
        Some(path) => Some(read_input(path, InputKind::Questionnaire).map_err(Diagnostics::from)?),
        None => None,
    };
    let into_name = args.into.as_deref().map(display_name).unwrap_or_default();
    let rubric = match (&args.rubric, &existing) {
        (Some(spec), _) => catalog.resolve(spec)?,
        (None, Some(text)) => {
            let draft = assess::Questionnaire::parse(&into_name, text)?;
            match &draft.rubric {
                Some((r, _)) => catalog.resolve(&r.id)?,
                None => catalog.resolve("dual-track")?,
            }
        }
        (None, None) => catalog.resolve("dual-track")?,
    };
    let bytes = assess::input::read_bytes(&args.file, InputKind::SurveyExport)
        .map_err(Diagnostics::from)?;
    let options = assess::survey::SurveyOptions {
        group_column: args.group_column.clone(),
        map: args.map.clone(),
    };
    let mut notes = Vec::new();
    let tally = match assess::survey::tally_noting(&name, &bytes, &rubric, &options, &mut notes) {
        Ok(t) => t,
        Err(problems) => {
            for note in &notes {
                out.stderr(&note.to_string());
            }
            return Err(problems.into());
        }
    };
    let mut report = tally.summary();
    for note in &tally.notes {
        report.push_str(&format!("{note}\n"));
    }
    out.stderr(report.trim_end());
    let block = tally.respondents_yaml();
    let override_rubric = args.rubric.is_some().then_some(&rubric);
    if let (Some(path), Some(text)) = (&args.into, &existing) {
        let merged = assess::survey::splice_respondents(text, &block);
        // Refuse a result that is less valid than the file was: problems it did not have.
        let before = catalog
            .load_questionnaire(&into_name, text, override_rubric)
            .err()
            .unwrap_or_default();
        if let Err(after) = catalog.load_questionnaire(&into_name, &merged, override_rubric) {
            let known: Vec<(assess::diagnostic::Code, &str)> = before
                .iter()
                .map(|d| (d.code, d.message.as_str()))
                .collect();
            let new: Vec<_> = after
                .iter()
                .filter(|d| !known.contains(&(d.code, d.message.as_str())))
                .cloned()
                .collect();
            if !new.is_empty() {
                let mut problems = Diagnostics::new();
                for d in new {
                    problems.push(d);
                }
                let mut failure = Failure::from(problems);
                failure.message.push_str(&format!(
                    "\n{} was left unchanged: with the survey's block it would have these problems.",
                    path.display()
                ));
                return Err(failure);
            }
        }
        write_atomically(path, merged.as_bytes())?;
        out.stderr(&format!(
            "wrote the respondents block into {} ({} group{})",
            path.display(),
            tally.groups.len(),
            if tally.groups.len() == 1 { "" } else { "s" }
        ));
        return Ok(0);
    }
    if let Some(path) = &args.output {
        if path.exists() && !args.force {
            return Err(usage(format!(
                "{} already exists and was left unchanged; to add the block to it use --into {}, or pass --force to replace it",
                path.display(),
                path.display()
            )));
        }
        let text = format!("rubric: {}\n{block}", rubric.id);
        crate::output_file::write(path, text.as_bytes(), args.force).map_err(usage)?;
        out.stderr(&format!(
            "wrote {} (the respondents block only: add the other answers, or use --into on a filled questionnaire)",
            path.display()
        ));
        return Ok(0);
    }
    out.stdout(&block)
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

fn read_input(path: &Path, kind: InputKind) -> Result<String, assess::Diagnostic> {
    assess::input::read_text(path, kind)
}

fn data_uri(path: &Path) -> Result<String, Failure> {
    let mime = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("svg") => "image/svg+xml",
        Some("gif") => "image/gif",
        _ => {
            return Err(usage(format!(
                "{}: the logo must be a .png, .jpg, .svg or .gif file",
                path.display()
            )));
        }
    };
    // Counted while reading: a device or FIFO reports no size, and a symlink may point anywhere.
    let bytes = assess::input::read_bytes(path, InputKind::Logo).map_err(Diagnostics::from)?;
    Ok(format!("data:{mime};base64,{}", base64(&bytes)))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
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
        .and_then(|m| crate::output_file::identity(&m));
    for input in inputs {
        let same = if *input == Path::new("-") {
            out_id.is_some() && out_id == crate::output_file::stdin_identity()
        } else {
            let in_id = std::fs::metadata(input)
                .ok()
                .and_then(|m| crate::output_file::identity(&m));
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
    crate::output_file::write(path, bytes, true).map_err(usage)
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
