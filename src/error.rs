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
        /// device that sent nothing for [`QUIET_LIMIT`].
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
    /// A saved assessment (the output of `--format json`) is not valid JSON.
    #[error("{origin}:{}:{}: this is not valid JSON: {source}", .source.line().max(1), .source.column().max(1))]
    Json {
        /// The file as named.
        origin: String,
        /// serde_json's error (with the line and column where parsing stopped).
        #[source]
        source: serde_json::Error,
    },
}

/// A template failure: where, what was undefined, the offending line.
#[derive(Debug, thiserror::Error)]
#[error("{template}:{line}:{column}: {message}")]
pub struct TemplateError {
    /// The template's name (its file name under `--templates`, or the built-in name).
    pub template: String,
    /// 1-based line of the failing expression.
    pub line: usize,
    /// 1-based column (in characters) of the failing expression.
    pub column: usize,
    /// For an undefined value, the expression that was undefined (`assessment.overal`).
    pub undefined: Option<String>,
    /// The template line holding the failing expression.
    pub snippet: Option<String>,
    /// What went wrong, in one sentence.
    pub message: String,
    /// minijinja's error.
    #[source]
    pub source: minijinja::Error,
}

impl Error {
    /// A template failure from minijinja's error and, when known, the template's text (for the
    /// column, the undefined name and the snippet; minijinja itself keeps only the line).
    pub fn template(error: minijinja::Error, source: Option<&str>) -> Error {
        let template = error.name().unwrap_or("template").to_string();
        let mut line = error.line().unwrap_or(1).max(1);
        let mut column = 1;
        let mut undefined = None;
        let mut snippet = None;
        if let (Some(text), Some(range)) = (source, error.range())
            && let Some(spanned) = text.get(range.clone())
        {
            let before = &text[..range.start];
            line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            column = text[line_start..range.start].chars().count() + 1;
            let line_end = text[range.start..]
                .find('\n')
                .map_or(text.len(), |i| range.start + i);
            snippet = Some(
                text[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_string(),
            );
            if error.kind() == minijinja::ErrorKind::UndefinedError && !spanned.trim().is_empty() {
                undefined = Some(spanned.trim().to_string());
            }
        }
        let message = match &undefined {
            Some(name) => format!("`{name}` is undefined"),
            None => error
                .detail()
                .map_or_else(|| error.kind().to_string(), str::to_string),
        };
        Error::Template(Box::new(TemplateError {
            template,
            line,
            column,
            undefined,
            snippet,
            message,
            source: error,
        }))
    }

    /// A baseline (saved assessment) named `origin` that serde_json could not parse.
    pub fn json(origin: &str, source: serde_json::Error) -> Error {
        Error::Json {
            origin: origin.to_string(),
            source,
        }
    }

    /// The code of this failure ([`Code::Unreadable`] for a file that cannot be read,
    /// [`Code::Template`] for a template ...); for [`Error::Diagnostics`], the first problem's.
    pub fn code(&self) -> Code {
        match self {
            Error::Diagnostics(d) => d.iter().next().map_or(Code::InternalError, |d| d.code),
            Error::Read { .. } | Error::TooLarge { .. } => Code::Unreadable,
            Error::Write { .. } => Code::CannotWrite,
            Error::NotAnImage { .. } => Code::Unreadable,
            Error::Template(t) if t.source.kind() == minijinja::ErrorKind::OutOfFuel => {
                Code::TemplateOutOfFuel
            }
            Error::Template(_) => Code::Template,
            Error::Json { .. } => Code::InvalidJson,
        }
    }

    /// The failure as located problems, the form the command line prints (`file:line:column:
    /// error[code]: message`, a hint). A file that could not be read is shown at its first
    /// line, as it always has been on the command line.
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            Error::Diagnostics(d) => d,
            other => Diagnostics::from(other.to_diagnostic()),
        }
    }

    fn to_diagnostic(&self) -> Diagnostic {
        let at = |path: &Path| Location::new(&path.display().to_string(), 1, 1);
        match self {
            Error::Diagnostics(d) => d.iter().next().cloned().unwrap_or_else(|| {
                Diagnostic::error(Code::InternalError, Location::new("-", 1, 1), "no problem")
            }),
            Error::Read { path, kind, source } => {
                let (message, hint) = read_failure(*kind, source);
                Diagnostic::error(Code::Unreadable, at(path), message).with_hint(hint)
            }
            Error::TooLarge { path, kind, limit } => Diagnostic::error(
                Code::Unreadable,
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
            Error::NotAnImage { path } => {
                Diagnostic::error(Code::Unreadable, at(path), self.to_string())
            }
            Error::Write { path, source } => Diagnostic::error(
                Code::CannotWrite,
                at(path),
                format!("cannot write: {source}"),
            ),
            Error::Template(t) => {
                let mut d = Diagnostic::error(
                    self.code(),
                    Location::new(&t.template, t.line as u32, t.column as u32),
                    t.message.clone(),
                );
                if let Some(line) = &t.snippet {
                    d.attach_source(&format!("{}{line}", "\n".repeat(t.line - 1)));
                }
                d
            }
            Error::Json { origin, source } => Diagnostic::error(
                Code::InvalidJson,
                Location::new(
                    origin,
                    source.line().max(1) as u32,
                    source.column().max(1) as u32,
                ),
                format!("this is not valid JSON: {source}"),
            ),
        }
    }
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
        // The command line's wording is kept.
        let d = e.into_diagnostics().to_string();
        assert!(
            d.starts_with("no/such/file.yaml:1:1: error[unreadable]: no such file"),
            "{d}"
        );
    }

    #[test]
    fn a_template_error_carries_column_undefined_name_and_snippet() {
        let source = "Title\n{{ assessment.overal.score }}\n";
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_template("report.txt.j2", source).unwrap();
        let e = env
            .get_template("report.txt.j2")
            .unwrap()
            .render(minijinja::context! { assessment => minijinja::context! {} })
            .unwrap_err();
        let e = Error::template(e, Some(source));
        let Error::Template(t) = &e else {
            panic!("{e:?}")
        };
        assert_eq!((t.line, t.template.as_str()), (2, "report.txt.j2"));
        assert!(t.column > 1, "{t:?}");
        assert!(
            t.undefined.as_deref().is_some_and(|u| u.contains("overal")),
            "{t:?}"
        );
        assert_eq!(t.snippet.as_deref(), Some("{{ assessment.overal.score }}"));
        assert!(e.source().is_some());
        let shown = e.into_diagnostics().to_string();
        assert!(shown.contains("error[template]"), "{shown}");
        assert!(
            shown.contains("2 | {{ assessment.overal.score }}"),
            "{shown}"
        );
    }

    #[test]
    fn a_baseline_that_is_not_json_is_located_where_parsing_stopped() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": ,\n}").unwrap_err();
        let e = Error::json("old.json", e);
        assert_eq!(e.code(), Code::InvalidJson);
        assert!(
            e.to_string()
                .starts_with("old.json:2:8: this is not valid JSON"),
            "{e}"
        );
    }
}
