//! The command line's arguments, as clap reads them, with the help text and examples.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::Format;

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

pub(super) const EXAMPLES: &str = examples!();
pub(super) const EXIT_CODES: &str = exit_codes!();
pub(super) const AFTER_HELP: &str = concat!(
    "Examples:\n",
    examples!(),
    "\n\nExit codes: ",
    exit_codes!(),
    "\n\nEvery problem is printed with its code, as in `error[unknown-criterion]`; \
`assess explain CODE` says what it means and how to fix it."
);

pub(super) const FIRST_STEPS: &str = "\
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
    pub(super) command: Option<Command>,

    #[command(flatten)]
    pub(super) report: ReportArgs,
}

#[derive(Debug, Args)]
pub(super) struct ReportArgs {
    /// The questionnaire to diagnose (`-` reads standard input).
    #[arg(value_name = "FILE")]
    pub(super) file: Option<PathBuf>,

    /// Report format; defaults to the extension of `-o`, else text.
    #[arg(long, short = 'f', value_enum, ignore_case = true)]
    pub(super) format: Option<FormatArg>,

    /// Write the report to PATH (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub(super) output: Option<PathBuf>,

    #[command(flatten)]
    pub(super) sources: SourceArgs,

    /// A folder of templates (report.txt.j2, report.md.j2, report.html.j2, macros.j2) overriding the built-in ones; other files in it are partials the templates can include.
    #[arg(long, value_name = "DIR")]
    pub(super) templates: Option<PathBuf>,

    /// Exit with code 1 when the overall score is under SCORE (0-100), or has too little evidence to score.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub(super) fail_under: Option<rust_decimal::Decimal>,

    #[command(flatten)]
    pub(super) branding: BrandingArgs,

    #[command(flatten)]
    pub(super) baseline: BaselineArgs,
}

/// How a client report is branded: `assess FILE` and `assess compare` take the same options.
#[derive(Debug, Args, Clone, Default)]
pub(super) struct BrandingArgs {
    /// The client named in the report (defaults to the questionnaire's organization name).
    #[arg(long, value_name = "NAME")]
    pub(super) client: Option<String>,

    /// Who prepared the report, shown under the title.
    #[arg(long, value_name = "NAME")]
    pub(super) prepared_by: Option<String>,

    /// A logo (PNG, JPEG or SVG) embedded in the HTML report.
    #[arg(long, value_name = "FILE")]
    pub(super) logo: Option<PathBuf>,

    /// A confidentiality line, printed at the foot of every page of the HTML report and at the end of the others.
    #[arg(long, value_name = "TEXT")]
    pub(super) confidential: Option<String>,
}

#[derive(Debug, Args, Clone, Default)]
pub(super) struct BaselineArgs {
    /// Compare with an earlier assessment: its questionnaire, or its saved `--format json` output.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,

    /// The rubric file the baseline was answered for, when it is an older version: its
    /// answers are then re-scored under the current rubric to split the change into the
    /// organisation's part and the rubric's.
    #[arg(long, value_name = "PATH")]
    pub(super) baseline_rubric: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
pub(super) struct SourceArgs {
    /// Use this rubric: a built-in id or the path of a rubric file of your own.
    #[arg(long, value_name = "ID|PATH")]
    pub(super) rubric: Option<String>,

    /// A folder of Markdown articles (YAML front matter) adding to or overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub(super) articles: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Write a blank questionnaire with every question explained in comments.
    Init {
        /// The rubric to write it for.
        #[arg(long, value_name = "ID|PATH", default_value = "dual-track")]
        rubric: String,
        /// Respondent groups to add a block for, e.g. staff-plus-ic,managers,leadership.
        #[arg(long, value_name = "G1,G2..", value_delimiter = ',')]
        groups: Vec<String>,
        /// Write to PATH (and the JSON Schema beside it) instead of standard output; a PATH
        /// ending in .xlsx gets an Excel workbook (its creation time is SOURCE_DATE_EPOCH when
        /// set, so the same command writes the same bytes).
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
        #[command(flatten)]
        branding: BrandingArgs,
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

pub(super) const BATCH_HELP: &str = "\
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
pub(super) struct BatchArgs {
    /// Questionnaires, and folders searched recursively for *.yaml and *.yml.
    #[arg(value_name = "PATH", required = true)]
    pub(super) paths: Vec<PathBuf>,
    /// The folder for reports and the index (created if missing).
    #[arg(long, short = 'o', value_name = "DIR", required = true)]
    pub(super) output: PathBuf,
    /// Report formats, one file each per organisation: text, markdown, html, json; repeat the
    /// option or give a comma list (html,json). Default: html.
    #[arg(
        long,
        short = 'f',
        value_enum,
        ignore_case = true,
        value_delimiter = ','
    )]
    pub(super) format: Vec<FormatArg>,
    /// Write only the portfolio index, no reports.
    #[arg(long)]
    pub(super) index_only: bool,
    #[command(flatten)]
    pub(super) sources: SourceArgs,
    /// A folder of templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub(super) templates: Option<PathBuf>,
    /// Who prepared the reports, shown under each title. (Each report names its own
    /// organisation; there is no --client for a batch.)
    #[arg(long, value_name = "NAME")]
    pub(super) prepared_by: Option<String>,
    /// A logo (PNG, JPEG or SVG) embedded in every HTML report.
    #[arg(long, value_name = "FILE")]
    pub(super) logo: Option<PathBuf>,
    /// A confidentiality line for every report (see `assess FILE --confidential`).
    #[arg(long, value_name = "TEXT")]
    pub(super) confidential: Option<String>,
    /// A folder of baselines matched by file name (acme.yaml, else acme.yml or acme.json):
    /// each report then shows what changed since.
    #[arg(long, value_name = "DIR")]
    pub(super) baseline: Option<PathBuf>,
    /// The rubric file the baselines were answered for, when it is an older version.
    #[arg(long, value_name = "PATH")]
    pub(super) baseline_rubric: Option<PathBuf>,
    /// Worker threads; default: one per core, two per core when writing reports.
    #[arg(long, short = 'j', value_name = "N")]
    pub(super) jobs: Option<usize>,
}

pub(super) const SURVEY_HELP: &str = "\
Reads exports of Google Forms, Microsoft Forms, Qualtrics and SurveyMonkey (one row per
respondent; answers as numbers or agreement labels). Columns match opinion questions by --map,
by question id, or by the question's text. Without -o or --into the block is printed.

Examples:
  assess survey pulse.csv --group-column Role
  assess survey pulse.csv --group-column Role --into acme.yaml
  assess survey pulse.csv --group-column Q7 --map \"Q3=ic-respect\" -o acme-survey.yaml";

#[derive(Debug, Args)]
pub(super) struct SurveyArgs {
    /// The survey export (CSV, comma or semicolon separated, UTF-8).
    #[arg(value_name = "FILE.csv")]
    pub(super) file: PathBuf,
    /// The column naming each respondent's group (its header text, or its letter); without it everyone is one group.
    #[arg(long, value_name = "COLUMN")]
    pub(super) group_column: Option<String>,
    /// Match a column to an opinion question explicitly (repeatable).
    #[arg(long = "map", value_name = "COLUMN=QUESTION", value_parser = parse_map)]
    pub(super) map: Vec<(String, String)>,
    /// Write a new questionnaire holding the block to PATH.
    #[arg(long, short = 'o', value_name = "PATH", conflicts_with = "into")]
    pub(super) output: Option<PathBuf>,
    /// Replace (or add) the `respondents` block of this questionnaire, in place and atomically.
    #[arg(long, value_name = "QUESTIONNAIRE")]
    pub(super) into: Option<PathBuf>,
    /// With -o: overwrite PATH if it exists.
    #[arg(long)]
    pub(super) force: bool,
    /// The rubric whose opinion questions to match (default: the one --into names, else dual-track).
    #[arg(long, value_name = "ID|PATH")]
    pub(super) rubric: Option<String>,
}

pub(super) fn parse_map(s: &str) -> Result<(String, String), String> {
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
pub(super) enum RubricCommand {
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
pub(super) enum FormatArg {
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
pub(super) enum RubricFormat {
    Yaml,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum SchemaTarget {
    Questionnaire,
    Rubric,
}

pub(super) fn parse_score(s: &str) -> Result<rust_decimal::Decimal, String> {
    match crate::yaml::parse_decimal(s) {
        Some(d) if d >= rust_decimal::Decimal::ZERO && d <= rust_decimal::Decimal::ONE_HUNDRED => {
            Ok(d)
        }
        Some(_) => Err(format!("{s} is not a score: scores run 0-100")),
        None => Err(format!(
            "`{s}` is not a number; write a score from 0 to 100, e.g. 60"
        )),
    }
}
