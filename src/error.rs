//! [`Error`]: every failure a library caller can meet, typed.
//!
//! Invalid input is [`Error::Diagnostics`]: located problems, each with a [`Code`]. A file
//! that cannot be read at all is [`Error::Read`] or [`Error::TooLarge`], with its path and the
//! operating system's [`io::Error`] as the source, and no invented line or column. A template
//! that fails is [`Error::Template`], with minijinja's error as the source; a saved
//! assessment that does not parse is [`Error::Json`].

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::input_kind::{InputKind, QUIET_LIMIT, human_size};

/// Why `assess` could not do what was asked.
///
/// ```
/// use assess::{Code, Error, Questionnaire};
///
/// let catalog = assess::Catalog::builtin();
/// let dual_track = catalog.get("dual-track").unwrap();
/// let q = Questionnaire::builder(dual_track).answer("staff-to-manager-pay", "0.9").build()?;
/// let text = std::fs::read_to_string("rubrics/dual-track.yaml").unwrap();
/// let newer = catalog.rubric_from_yaml("v2.yaml", &text.replacen("\"1.0.0\"", "\"2.0.0\"", 1))?;
/// match assess::evaluate(&newer, &q, &catalog.articles) {
///     Err(e @ Error::RubricMismatch { .. }) => {
///         assert_eq!(e.code(), Code::RubricMismatch);
///         // The command line's form: located problems.
///         assert_eq!(e.into_diagnostics().len(), 1);
///     }
///     other => panic!("{other:?}"),
/// }
/// // Invalid input converts with `?`: `Diagnostics` is `Error::Diagnostics`.
/// let broken: Result<_, Error> = Questionnaire::from_yaml("x.yaml", "rubric: dual-track\nanswers: 3\n", dual_track)
///     .map_err(Error::from);
/// assert!(matches!(broken, Err(Error::Diagnostics(_))));
/// // A rubric id that names no rubric.
/// let e = assess::Catalog::builtin().resolve("dual-trak").unwrap_err();
/// assert!(matches!(e, assess::Error::UnknownRubric { .. }));
/// assert_eq!(e.code(), assess::Code::UnknownRubric);
/// assert_eq!(e.to_string(), "there is no rubric `dual-trak`");
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was read but is not valid: every problem found, each located in its file.
    #[error("{}", diagnostics_summary(.0))]
    Diagnostics(#[from] Diagnostics),
    /// A file (or standard input, `-`) could not be read.
    #[error("cannot read the {} {}: {}", .kind.noun(), .path.display(), io_reason(.source))]
    Read {
        /// The file as named.
        path: PathBuf,
        /// What it was read as.
        kind: InputKind,
        /// Why the operating system refused, or [`io::ErrorKind::TimedOut`] for a pipe or
        /// device that sent nothing for 30 seconds.
        #[source]
        source: io::Error,
    },
    /// A file is larger than any file of its kind could be (see [`InputKind::limit`]).
    #[error("the {} {} is larger than {}", .kind.noun(), .path.display(), human_size(*.limit as u64))]
    TooLarge {
        /// The file as named.
        path: PathBuf,
        /// What it was read as.
        kind: InputKind,
        /// The most bytes accepted for this kind.
        limit: usize,
    },
    /// The `--articles` folder could not be listed.
    #[error("cannot read the articles folder {}: {source}", .path.display())]
    ReadFolder {
        /// The folder as named.
        path: PathBuf,
        /// Why the operating system refused.
        #[source]
        source: io::Error,
    },
    /// The `--articles` folder holds more Markdown files than are read from one folder.
    #[error("the articles folder {} holds {count} Markdown files; at most {limit} are read", .path.display())]
    TooManyArticles {
        /// The folder as named.
        path: PathBuf,
        /// How many `.md` files it holds.
        count: usize,
        /// The most read from one folder.
        limit: usize,
    },
    /// A rubric was asked for by an id that no built-in rubric has (and that is not a file).
    #[error("there is no rubric `{id}`")]
    UnknownRubric {
        /// The id as given.
        id: String,
        /// The nearest built-in id, if one is close.
        suggestion: Option<String>,
        /// The built-in ids.
        known: Vec<String>,
    },
    /// A logo is not an image a report can embed (by its extension).
    #[error("{}: the logo must be a .png, .jpg, .svg or .gif file", .path.display())]
    NotAnImage {
        /// The file as named.
        path: PathBuf,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The file as named.
        path: PathBuf,
        /// Why the operating system refused.
        #[source]
        source: io::Error,
    },
    /// A report template failed to compile or render.
    #[error(transparent)]
    Template(Box<TemplateError>),
    /// [`evaluate`](crate::evaluate()) was given a questionnaire validated against another
    /// rubric (another id or version, or other questions) than the one it was asked to use.
    #[error(
        "{questionnaire}: this questionnaire was validated against rubric {validated_against}, not {given}; validate it against the rubric you evaluate with"
    )]
    RubricMismatch {
        /// Where the questionnaire came from, as named in diagnostics.
        questionnaire: String,
        /// The rubric it was validated against (`` `dual-track@1.0.0` ``).
        validated_against: String,
        /// The rubric `evaluate` was given.
        given: String,
    },
    /// A saved assessment (the output of `--format json`) is not valid JSON.
    #[error("{origin}:{}:{}: this is not valid JSON: {source}", .source.line().max(1), .source.column().max(1))]
    Json {
        /// The file as named.
        origin: String,
        /// serde_json's error (with the line and column where parsing stopped).
        #[source]
        source: serde_json::Error,
        /// The line where parsing stopped, for the caret display.
        line_text: Option<String>,
    },
    /// An assessment could not be written as JSON (a bug: an assessment always serialises).
    #[error("the report could not be written as JSON: {0}")]
    Serialize(#[source] serde_json::Error),
}

/// A template failure: where, what was undefined, the offending line.
///
/// ```
/// let mut options = assess::RenderOptions::default();
/// let dir = std::env::temp_dir().join(format!("assess-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("report.txt.j2"), "Score\n{{ assessment.overal.score }}\n").unwrap();
/// options.templates = Some(dir.clone());
/// let catalog = assess::Catalog::builtin();
/// let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.9\n";
/// let (rubric, q) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
/// let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// let e = assess::render(&a, assess::Format::Text, &options).unwrap_err();
/// let assess::Error::Template(t) = &e else { panic!("{e}") };
/// assert_eq!((t.line, t.column), (Some(2), Some(4)));
/// assert_eq!(t.undefined.as_deref(), Some("assessment.overal"));
/// assert_eq!(t.snippet.as_deref(), Some("{{ assessment.overal.score }}"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", template_place(.template, *.line, *.column))]
#[non_exhaustive]
pub struct TemplateError {
    /// The template's file (under `--templates`), or `<built-in>/templates/NAME`.
    pub template: String,
    /// 1-based line of the failing expression, when minijinja knows it.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the failing expression, when the template's text
    /// could be read to find it.
    pub column: Option<usize>,
    /// For an undefined value, the expression that was undefined (`assessment.overal`).
    pub undefined: Option<String>,
    /// The template line holding the failing expression.
    pub snippet: Option<String>,
    /// What went wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// How many characters of the snippet the failing expression spans.
    pub(crate) width: usize,
    /// minijinja's error.
    #[source]
    pub source: minijinja::Error,
}

fn template_place(template: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{template}:{l}:{c}"),
        (Some(l), None) => format!("{template}:{l}"),
        _ => template.to_string(),
    }
}

impl Error {
    /// A template failure in the file `template` (as it is to be shown) from minijinja's error
    /// and, when known, the template's text: minijinja gives the line and a byte range, the
    /// text gives the column, the undefined name and the snippet.
    pub(crate) fn template(
        error: minijinja::Error,
        template: String,
        source: Option<&str>,
    ) -> TemplateError {
        // An error inside an included or imported template is located where it happened.
        let inner = innermost(&error);
        let spot = locate(inner, source);
        let detail = inner
            .detail()
            .map_or_else(|| inner.kind().to_string(), str::to_string);
        let message = match (inner.kind(), &spot.undefined) {
            (minijinja::ErrorKind::UndefinedError, Some((name, Some(key)))) => {
                format!("`{name}` is undefined, so `.{key}` cannot be read from it")
            }
            (minijinja::ErrorKind::UndefinedError, Some((name, None))) => {
                format!("`{name}` is undefined")
            }
            (minijinja::ErrorKind::UnknownFilter, _)
            | (minijinja::ErrorKind::UnknownFunction, _)
            | (minijinja::ErrorKind::UnknownTest, _)
            | (minijinja::ErrorKind::UndefinedError, None) => {
                format!("{} ({detail})", inner.kind())
            }
            _ => detail,
        };
        TemplateError {
            template,
            line: spot.line,
            column: spot.column,
            undefined: spot.undefined.map(|(name, _)| name),
            snippet: spot.snippet,
            message,
            hint: None,
            width: spot.width,
            source: error,
        }
    }

    /// A baseline (saved assessment) named `origin` that serde_json could not parse; `text`
    /// (what was parsed) gives the line for the caret display.
    pub(crate) fn json(origin: &str, source: serde_json::Error, text: Option<&str>) -> Error {
        let line_text = text.and_then(|t| {
            t.split('\n')
                .nth(source.line().saturating_sub(1))
                .map(|l| l.trim_end_matches('\r').to_string())
        });
        Error::Json {
            origin: origin.to_string(),
            source,
            line_text,
        }
    }

    /// The code of this failure ([`Code::Unreadable`] for a file that cannot be read,
    /// [`Code::Template`] for a template ...); for [`Error::Diagnostics`], the first problem's.
    pub fn code(&self) -> Code {
        match self {
            Error::Diagnostics(d) => d.iter().next().map_or(Code::InternalError, |d| d.code),
            Error::Read { kind, .. } | Error::TooLarge { kind, .. } => match kind {
                InputKind::Rubric => Code::RubricUnreadable,
                InputKind::Article => Code::ArticleUnreadable,
                _ => Code::Unreadable,
            },
            Error::ReadFolder { .. } => Code::ArticlesUnreadable,
            Error::TooManyArticles { .. } => Code::TooManyArticles,
            Error::UnknownRubric { .. } => Code::UnknownRubric,
            Error::Write { .. } => Code::CannotWrite,
            Error::NotAnImage { .. } => Code::Unreadable,
            Error::Template(t)
                if innermost(&t.source).kind() == minijinja::ErrorKind::OutOfFuel =>
            {
                Code::TemplateOutOfFuel
            }
            Error::Template(_) => Code::Template,
            Error::Json { .. } => Code::InvalidJson,
            Error::Serialize(_) => Code::RenderFailed,
            Error::RubricMismatch { .. } => Code::RubricMismatch,
        }
    }

    /// The failure as problems the command line prints: `file:line:column: error[code]:
    /// message` with the offending line and a hint; `file: error[code]: ...` for a file that
    /// could not be read at all, and `error[code]: ...` for something in no file.
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            Error::Diagnostics(d) => d,
            other => Diagnostics::from(other.to_diagnostic()),
        }
    }

    /// The first (for [`Error::Diagnostics`]) or only problem, as [`Error::into_diagnostics`]
    /// shows it.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let at = |path: &Path| Location::whole_file(&path.display().to_string());
        let code = self.code();
        match self {
            Error::Diagnostics(d) => d.iter().next().cloned().unwrap_or_else(|| {
                Diagnostic::error(Code::InternalError, Location::nowhere(), "no problem")
            }),
            Error::Read { path, kind, source } => {
                let (message, hint) = read_failure(*kind, source);
                let message = match kind {
                    InputKind::Rubric | InputKind::Article => {
                        format!("cannot read the {}: {message}", kind.noun())
                    }
                    _ => message,
                };
                Diagnostic::error(code, at(path), message).with_hint(hint)
            }
            Error::TooLarge { path, kind, limit } => Diagnostic::error(
                code,
                at(path),
                format!(
                    "the {} is larger than {}",
                    kind.noun(),
                    human_size(*limit as u64)
                ),
            )
            .with_hint(format!(
                "check that this is the file you meant: {}",
                kind.typical()
            )),
            Error::ReadFolder { path, source } => Diagnostic::error(
                code,
                at(path),
                format!("cannot read the articles folder: {source}"),
            )
            .with_hint("check the path given to --articles"),
            Error::TooManyArticles { path, count, limit } => Diagnostic::error(
                code,
                at(path),
                format!(
                    "the articles folder holds {count} Markdown files; at most {limit} are read"
                ),
            )
            .with_hint("point --articles at the folder of guidance articles only"),
            Error::UnknownRubric {
                id,
                suggestion,
                known,
            } => Diagnostic::error(code, Location::nowhere(), self.to_string())
                .with_hint(match suggestion {
                    Some(c) => {
                        format!("did you mean `{c}`? built-in rubrics: {}", known.join(", "))
                    }
                    None => format!(
                        "built-in rubrics: {}; for a rubric of your own, give the path of its file",
                        known.join(", ")
                    ),
                })
                .with_width(id.chars().count()),
            Error::NotAnImage { path } => Diagnostic::error(code, at(path), self.to_string()),
            Error::Write { path, source } => {
                Diagnostic::error(code, at(path), format!("cannot write: {source}"))
            }
            Error::Template(t) => {
                let location = match (t.line, t.column) {
                    (Some(line), column) => {
                        Location::new(&t.template, line as u32, column.unwrap_or(1) as u32)
                    }
                    (None, _) => Location::whole_file(&t.template),
                };
                let mut d =
                    Diagnostic::error(code, location, t.message.clone()).with_width(t.width);
                if let Some(hint) = &t.hint {
                    d = d.with_hint(hint.clone());
                }
                if let (Some(line), Some(snippet)) = (t.line, &t.snippet) {
                    d.attach_source(&format!("{}{snippet}", "\n".repeat(line - 1)));
                }
                d
            }
            Error::Json {
                origin,
                source,
                line_text,
            } => {
                let mut d = Diagnostic::error(
                    code,
                    Location::new(
                        origin,
                        source.line().max(1) as u32,
                        source.column().max(1) as u32,
                    ),
                    format!(
                        "this is not valid JSON: {}",
                        source
                            .to_string()
                            .split(" at line ")
                            .next()
                            .unwrap_or_default()
                    ),
                )
                .with_hint(
                    "a JSON baseline is the output of `assess FILE --format json`, saved unchanged",
                );
                if let Some(text) = line_text {
                    d.attach_source(&format!("{}{text}", "\n".repeat(source.line().max(1) - 1)));
                }
                d
            }
            Error::Serialize(source) => Diagnostic::error(
                code,
                Location::nowhere(),
                format!("the report could not be written as JSON: {source}"),
            )
            .with_hint("this is a bug in assess; please report it with the questionnaire"),
            Error::RubricMismatch {
                questionnaire,
                validated_against,
                given,
            } => Diagnostic::error(
                code,
                Location::whole_file(questionnaire),
                format!(
                    "this questionnaire was validated against rubric {validated_against}, not {given}"
                ),
            )
            .with_hint("validate it against the rubric you evaluate with"),
        }
    }
}

/// The error an included or imported template raised, where `error` wraps one.
pub(crate) fn innermost(mut error: &minijinja::Error) -> &minijinja::Error {
    while let Some(e) =
        std::error::Error::source(error).and_then(|s| s.downcast_ref::<minijinja::Error>())
    {
        error = e;
    }
    error
}

/// Where in the template text an error is, and what was undefined.
struct Spot {
    line: Option<usize>,
    column: Option<usize>,
    width: usize,
    snippet: Option<String>,
    /// The undefined name and, when a key was read from it, the key.
    undefined: Option<(String, Option<String>)>,
}

/// Locates `e` in the template's `source`: minijinja gives a line and a byte range, widened
/// here back to the start of a dotted name (`assessment.overal.score`).
fn locate(e: &minijinja::Error, source: Option<&str>) -> Spot {
    let mut spot = Spot {
        line: e.line().filter(|l| *l > 0),
        column: None,
        width: 1,
        snippet: None,
        undefined: None,
    };
    if let (Some(range), Some(source)) = (e.range(), source)
        && range.start <= range.end
        && range.end <= source.len()
        && source.is_char_boundary(range.start)
        && source.is_char_boundary(range.end)
    {
        let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        let start = source[..range.start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name(*c))
            .last()
            .map_or(range.start, |(i, _)| i);
        let before = &source[..start];
        spot.line = Some(before.matches('\n').count() + 1);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        spot.column = Some(source[line_start..start].chars().count() + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        spot.snippet = Some(
            source[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        );
        let whole = source[start..range.end].trim();
        let spanned = source[range.start..range.end].trim();
        spot.width = whole
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count()
            .max(1);
        if !whole.is_empty() {
            // Reading `.key` of an undefined value fails at `.key`: what was undefined is the
            // part before it. Printing or testing an undefined value fails on the value itself.
            spot.undefined = Some(match whole.rsplit_once('.') {
                Some((name, key)) if spanned.starts_with('.') && !name.is_empty() => {
                    (name.to_string(), Some(key.to_string()))
                }
                _ => (whole.to_string(), None),
            });
        }
    } else if let (Some(line), Some(source)) = (spot.line, source) {
        spot.snippet = source
            .split('\n')
            .nth(line - 1)
            .map(|l| l.trim_end_matches('\r').to_string());
    }
    spot
}

/// The message and hint for a file that could not be read, as the command line words them.
fn read_failure(kind: InputKind, e: &io::Error) -> (String, String) {
    match e.kind() {
        io::ErrorKind::NotFound => (
            "no such file".into(),
            match kind {
                InputKind::Questionnaire => {
                    "check the path and the spelling; `assess init -o FILE` writes a blank questionnaire"
                }
                InputKind::Rubric => {
                    "check the path; built-in rubrics are named by id, see `assess rubric list`"
                }
                _ => "check the path and the spelling",
            }
            .into(),
        ),
        io::ErrorKind::TimedOut => (
            format!(
                "nothing arrived for {} s: this is a pipe or device that is not sending data",
                QUIET_LIMIT.as_secs()
            ),
            "name a regular file, or make sure something writes to the pipe".into(),
        ),
        _ => (
            format!("cannot read: {e}"),
            match e.kind() {
                io::ErrorKind::IsADirectory => "this is a folder; name a file inside it",
                io::ErrorKind::PermissionDenied => {
                    "you may not read this file; check its permissions"
                }
                _ => "check that the file exists and you may read it",
            }
            .into(),
        ),
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        _ => e.to_string(),
    }
}

fn diagnostics_summary(d: &Diagnostics) -> String {
    let n = d.len();
    format!(
        "{}\n{n} problem{} found.",
        d.to_string().trim_end(),
        if n == 1 { "" } else { "s" }
    )
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::Diagnostics(Diagnostics::from(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_missing_file_keeps_its_io_error_as_the_source() {
        let e = crate::input::read(Path::new("no/such/file.yaml"), InputKind::Questionnaire)
            .unwrap_err();
        assert!(matches!(&e, Error::Read { path, .. } if path == Path::new("no/such/file.yaml")));
        let source = e
            .source()
            .and_then(|s| s.downcast_ref::<io::Error>())
            .unwrap();
        assert_eq!(source.kind(), io::ErrorKind::NotFound);
        assert_eq!(
            e.to_string(),
            "cannot read the questionnaire no/such/file.yaml: no such file"
        );
        assert_eq!(e.code(), Code::Unreadable);
        // No line is made up: the file is named, and nothing more.
        let d = e.into_diagnostics().to_string();
        assert!(
            d.starts_with("no/such/file.yaml: error[unreadable]: no such file\n = help: "),
            "{d}"
        );
    }

    #[test]
    fn a_template_error_carries_column_undefined_name_snippet_and_hint() {
        let source = "Title\n{{ assessment.overal.score }}\n";
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_template("report.txt.j2", source).unwrap();
        let e = env
            .get_template("report.txt.j2")
            .unwrap()
            .render(minijinja::context! { assessment => minijinja::context! {} })
            .unwrap_err();
        let mut t = Error::template(e, "report.txt.j2".into(), Some(source));
        t.hint = Some("templates see `assessment`".into());
        assert_eq!(
            (t.template.as_str(), t.line, t.column),
            ("report.txt.j2", Some(2), Some(4))
        );
        assert_eq!(t.undefined.as_deref(), Some("assessment.overal"), "{t:?}");
        assert_eq!(t.snippet.as_deref(), Some("{{ assessment.overal.score }}"));
        let e = Error::Template(Box::new(t));
        assert!(e.source().is_some());
        assert_eq!(e.code(), Code::Template);
        let shown = e.into_diagnostics().to_string();
        assert_eq!(
            shown,
            "report.txt.j2:2:4: error[template]: `assessment.overal` is undefined, so `.score` cannot be read from it\n  |\n2 | {{ assessment.overal.score }}\n  |    ^^^^^^^^^^^^^^^^^^^^^^^\n  = help: templates see `assessment`\n"
        );
    }

    #[test]
    fn a_baseline_that_is_not_json_is_located_where_parsing_stopped() {
        let text = "{\n  \"a\": ,\n}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let e = Error::json("old.json", e, Some(text));
        assert_eq!(e.code(), Code::InvalidJson);
        assert!(
            e.to_string()
                .starts_with("old.json:2:8: this is not valid JSON"),
            "{e}"
        );
        let shown = e.into_diagnostics().to_string();
        assert!(shown.contains("2 |   \"a\": ,\n"), "{shown}");
    }

    #[test]
    fn an_unknown_rubric_is_in_no_file() {
        let e = crate::Catalog::builtin().resolve("dual-trak").unwrap_err();
        assert_eq!(
            e.into_diagnostics().to_string(),
            "error[unknown-rubric]: there is no rubric `dual-trak`\n = help: did you mean `dual-track`? built-in rubrics: dual-track\n"
        );
    }
}
