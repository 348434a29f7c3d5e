//! Template errors located at file, line and column, with the line and the undefined name.

use std::path::Path;

use crate::error::Error;

use super::template::{CONTEXT_HINT, TEMPLATE_FUEL, builtin_source, folder_file};

/// A template error located at file, line and column, with the offending line and, for an
/// undefined value, the expression that was undefined.
pub(super) fn template_error(dir: Option<&Path>, report: &str, e: minijinja::Error) -> Error {
    // An error inside an included or imported template is reported where it happened.
    let inner = crate::error::innermost(&e);
    let name = inner.name().unwrap_or(report).to_string();
    let out_of_fuel = inner.kind() == minijinja::ErrorKind::OutOfFuel;
    let (file, source) = match dir.and_then(|d| folder_file(d, &name)) {
        Some(path) => (
            path.display().to_string(),
            crate::input::read_to_string(&path, crate::input::InputKind::Template).ok(),
        ),
        None => (
            format!("<built-in>/templates/{name}"),
            builtin_source(&name).map(str::to_string),
        ),
    };
    let mut t = Error::template(e, file, source.as_deref());
    if out_of_fuel {
        t.message = format!(
            "the template ran more than {TEMPLATE_FUEL} steps and was stopped; a report needs a small fraction of that (look for nested loops over large ranges)"
        );
    }
    t.hint = Some(CONTEXT_HINT.to_string());
    Error::Template(Box::new(t))
}
