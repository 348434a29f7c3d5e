//! Argument parsing, file I/O and exit codes. Everything else is the library's.
//!
//! Exit codes: 0 success; 1 the score is under `--fail-under`; 2 bad input or bad usage.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use assess::{Catalog, Diagnostics, Format, RenderOptions, Rubric};

const AFTER_HELP: &str = "\
Examples:
  assess acme.yaml                         diagnose, printed for the terminal
  assess acme.yaml -o acme-report.html     a self-contained HTML report (format from the extension)
  assess acme.yaml --format json           the full result as JSON
  assess init -o acme.yaml                 a blank questionnaire with every question explained
  assess validate acme.yaml                every problem in the file, with line and column
  assess rubric show dual-track            what the rubric asks and how it scores

Exit codes: 0 success, 1 score under --fail-under, 2 bad input or usage.";

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
    #[arg(value_name = "FILE", required = true)]
    file: Option<PathBuf>,

    /// Report format; defaults to the extension of `-o`, else text.
    #[arg(long, short = 'f', value_parser = parse_format)]
    format: Option<Format>,

    /// Write the report to PATH (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,

    #[command(flatten)]
    sources: SourceArgs,

    /// A folder of templates (report.txt.j2, report.md.j2, report.html.j2) overriding the built-in ones.
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
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
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

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
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
                match read_input(path)
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
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "assess", &mut buf);
            out.stdout(&String::from_utf8_lossy(&buf))
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .map_err(|e| usage(e.to_string()))?;
            out.stdout(&String::from_utf8_lossy(&buf))
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
    let file = args.file.expect("clap requires FILE");
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
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
    let rubric = resolve_override(&catalog, &args.sources)?;
    let name = display_name(&file);
    let text = read_input(&file).map_err(Diagnostics::from)?;
    let (rubric, questionnaire) = catalog.load_questionnaire(&name, &text, rubric.as_ref())?;
    let assessment = assess::evaluate(&rubric, &questionnaire, &catalog.articles);
    let logo_data_uri = match &args.logo {
        Some(path) => Some(data_uri(path)?),
        None => None,
    };
    let options = RenderOptions {
        client: args.client,
        prepared_by: args.prepared_by,
        logo_data_uri,
        templates: args.templates,
    };
    let rendered = assess::render(&assessment, format, &options)?;
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
            out.stderr(&format!(
                "assess: overall score {} is under --fail-under {}",
                assessment
                    .overall
                    .score
                    .map(assess::exact::one_decimal)
                    .unwrap_or_else(|| "(none: insufficient evidence)".into()),
                threshold
            ));
            return Ok(1);
        }
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
        let text = read_input(file).map_err(Diagnostics::from);
        let loaded = text
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|text| catalog.load_questionnaire(&name, text, rubric.as_ref()));
        match loaded {
            Ok((rubric, q)) => {
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
                let source = text.as_deref().unwrap_or_default();
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
    // Neither file is replaced without --force; a schema identical to the one there is fine.
    let schema_current = std::fs::read(&schema_path).is_ok_and(|b| b == schema.as_bytes());
    for existing in [path, schema_path.as_path()] {
        if existing.exists() && !force && !(existing == schema_path && schema_current) {
            return Err(usage(format!(
                "{} already exists and was left unchanged; pass --force to overwrite it, or choose another -o path (nothing was written)",
                existing.display()
            )));
        }
    }
    if !schema_current {
        write_file(&schema_path, schema.as_bytes(), force)?;
    }
    // `persist_noclobber` closes the gap between the exists() check above and the rename.
    write_file(path, text.as_bytes(), force)?;
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

fn read_input(path: &Path) -> Result<String, assess::Diagnostic> {
    let name = display_name(path);
    let fail = |message: String, hint: &str| {
        assess::Diagnostic::error("unreadable", assess::Location::new(&name, 1, 1), message)
            .with_hint(hint)
    };
    let mut bytes = Vec::new();
    let limit = assess::yaml::MAX_INPUT_BYTES as u64 + 1;
    let read = if path == Path::new("-") {
        io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        match std::fs::File::open(path) {
            Ok(f) => f.take(limit).read_to_end(&mut bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(fail(
                    "no such file".into(),
                    "check the path and the spelling; `assess init -o FILE` writes a blank questionnaire",
                ));
            }
            Err(e) => Err(e),
        }
    };
    if let Err(e) = read {
        let hint = if e.kind() == io::ErrorKind::IsADirectory {
            "this is a folder; name a questionnaire file inside it"
        } else {
            "check that the file exists and you may read it"
        };
        return Err(fail(format!("cannot read: {e}"), hint));
    }
    if bytes.len() as u64 >= limit {
        return Err(fail(
            format!(
                "the file is larger than {} MiB",
                assess::yaml::MAX_INPUT_BYTES >> 20
            ),
            "check that this is the file you meant: questionnaires and rubrics are a few kilobytes",
        ));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(assess::Diagnostic::error(
            "not-utf8",
            assess::Location::new(&name, 1, 1),
            "the file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .with_hint("save it again as UTF-8 (in most editors: \"Save as\", encoding UTF-8)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let column = before
            .rsplit(|b| *b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count()) as u32
            + 1;
        assess::Diagnostic::error(
            "not-utf8",
            assess::Location::new(&name, line, column),
            format!("byte 0x{:02x} is not UTF-8 text", e.as_bytes()[offset]),
        )
        .with_hint("save the file as UTF-8 (in Excel or Word: \"Save as\", encoding UTF-8)")
    })
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
    let size = std::fs::metadata(path)
        .map_err(|e| usage(format!("{}: cannot read the logo: {e}", path.display())))?
        .len();
    if size > 2 * 1024 * 1024 {
        return Err(usage(format!(
            "{}: the logo is {} KiB; use an image under 2 MiB (it is embedded in every report)",
            path.display(),
            size / 1024
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| usage(format!("{}: cannot read the logo: {e}", path.display())))?;
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
fn refuse_overwriting_input(output: &Path, inputs: &[&Path]) -> Result<(), Failure> {
    let out_canon = std::fs::canonicalize(output).ok();
    for input in inputs {
        if *input == Path::new("-") {
            continue;
        }
        let same = match (&out_canon, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => output == *input,
        };
        if same {
            return Err(usage(format!(
                "-o {} is one of this command's input files; choose another output path (nothing was written)",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Writes through a temporary file in the same folder, then renames it into place, so a
/// reader never sees half a report and a failure never destroys the previous one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_file(path, bytes, true)
}

fn write_file(path: &Path, bytes: &[u8], clobber: bool) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: io::Error| {
        let why = match e.kind() {
            io::ErrorKind::NotFound => format!("the folder {} does not exist", dir.display()),
            io::ErrorKind::PermissionDenied => {
                format!("no permission to write in {}", dir.display())
            }
            kind => io::Error::from(kind).to_string(),
        };
        usage(format!(
            "cannot write {}: {why} (nothing was written)",
            path.display()
        ))
    };
    // tempfile creates files readable by the owner only; a report is an ordinary file, and
    // one being replaced keeps the permissions it had.
    #[cfg(unix)]
    let permissions = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644))
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".assess-");
    #[cfg(unix)]
    builder.permissions(permissions);
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if clobber {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| fail(e.error))?;
    }
    Ok(())
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
