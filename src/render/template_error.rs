//! Template errors located at file, line and column, with the line and the undefined name.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

use super::template::{CONTEXT_HINT, TEMPLATE_FUEL, builtin_source, folder_file};

/// A template error located at file, line and column, with the offending line and, for an
/// undefined value, the expression that was undefined.
pub(super) fn template_error(
    dir: Option<&Path>,
    report: &str,
    e: &minijinja::Error,
) -> Diagnostics {
    // An error inside an included or imported template is reported where it happened.
    let mut e = e;
    while let Some(inner) =
        std::error::Error::source(e).and_then(|s| s.downcast_ref::<minijinja::Error>())
    {
        e = inner;
    }
    let name = e.name().unwrap_or(report).to_string();
    let (file, source) = match dir.and_then(|d| folder_file(d, &name)) {
        Some(path) => (
            path.display().to_string(),
            crate::input::read_text(&path, crate::input::InputKind::Template).ok(),
        ),
        None => (
            format!("<built-in>/templates/{name}"),
            builtin_source(&name).map(str::to_string),
        ),
    };
    let Span {
        line,
        column,
        width,
        undefined,
    } = locate(e, source.as_deref());
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let message = match (e.kind(), &undefined) {
        (minijinja::ErrorKind::UndefinedError, Some((name, Some(key)))) => {
            format!("`{name}` is undefined, so `.{key}` cannot be read from it")
        }
        (minijinja::ErrorKind::UndefinedError, Some((name, None))) => {
            format!("`{name}` is undefined")
        }
        (minijinja::ErrorKind::UnknownFilter, _)
        | (minijinja::ErrorKind::UnknownFunction, _)
        | (minijinja::ErrorKind::UnknownTest, _)
        | (minijinja::ErrorKind::UndefinedError, None) => format!("{} ({detail})", e.kind()),
        (minijinja::ErrorKind::OutOfFuel, _) => {
            format!(
                "the template ran more than {TEMPLATE_FUEL} steps and was stopped; a report needs a small fraction of that (look for nested loops over large ranges)"
            )
        }
        _ => detail,
    };
    let code = if e.kind() == minijinja::ErrorKind::OutOfFuel {
        Code::TemplateOutOfFuel
    } else {
        Code::Template
    };
    let mut d = Diagnostic::error(
        code,
        Location::new(&file, line as u32, column as u32),
        message,
    )
    .with_width(width)
    .with_hint(CONTEXT_HINT);
    if let Some(source) = &source {
        d.attach_source(source);
    }
    Diagnostics::from(d)
}

/// Where in the template text an error is, and what was undefined.
struct Span {
    line: usize,
    column: usize,
    width: usize,
    /// The undefined name and, when a key was read from it, the key.
    undefined: Option<(String, Option<String>)>,
}

/// Locates `e` in the template's `source`: minijinja gives a byte range, widened here back to
/// the start of a dotted name (`assessment.overal.score`).
fn locate(e: &minijinja::Error, source: Option<&str>) -> Span {
    let mut line = e.line().unwrap_or(1);
    let mut column = 1;
    let mut width = 1;
    let mut undefined = None;
    if let (Some(range), Some(source)) = (e.range(), source)
        && range.start <= source.len()
        && range.end <= source.len()
        && source.is_char_boundary(range.start)
        && source.is_char_boundary(range.end)
    {
        // Widen the span back to the start of a dotted name (`assessment.overal.score`).
        let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        let start = source[..range.start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name(*c))
            .last()
            .map_or(range.start, |(i, _)| i);
        let before = &source[..start];
        line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        column = source[line_start..start].chars().count() + 1;
        let whole = source[start..range.end].trim();
        let spanned = source[range.start..range.end].trim();
        width = whole
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count()
            .max(1);
        if !whole.is_empty() {
            // Reading `.key` of an undefined value fails at `.key`: what was undefined is the
            // part before it. Printing or testing an undefined value fails on the value itself.
            undefined = Some(match whole.rsplit_once('.') {
                Some((name, key)) if spanned.starts_with('.') && !name.is_empty() => {
                    (name.to_string(), Some(key.to_string()))
                }
                _ => (whole.to_string(), None),
            });
        }
    }
    Span {
        line,
        column,
        width,
        undefined,
    }
}
