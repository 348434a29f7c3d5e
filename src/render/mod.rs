//! Rendering an [`Assessment`] as terminal text, Markdown, HTML or JSON.
//!
//! The built-in text, Markdown and HTML reports are minijinja templates kept in `templates/`
//! and embedded at build time; `--templates DIR` overrides any of them by file name. JSON is
//! the assessment serialised as is. Renderers only read the assessment: no scoring happens
//! here.
//!
//! The rooms: [`options`](Format) (formats and branding), `template` (the engine, its
//! filters, charts and sandbox), `text` (escaping shared by every format) and `json`.

mod charts;
mod filters;
mod json;
mod options;
mod template;
mod template_error;
mod text;

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::diagnostic::Diagnostics;

pub use options::{Format, RenderOptions};
pub use template::{
    BUILTIN_TEMPLATES, MAX_OUTPUT_BYTES, MAX_TEMPLATE_WIDTH, TEMPLATE_FUEL,
    template_folder_warnings,
};
pub use text::{markdown_escape, show_controls};

/// Renders `assessment` in `format`.
pub fn render(
    assessment: &Assessment,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    render_with(assessment, None, format, options)
}

/// Renders `assessment` with what changed since a baseline: a "since the baseline" section in
/// text, Markdown and HTML, and the keys `baseline` and `changes` in JSON.
pub fn render_compared(
    assessment: &Assessment,
    comparison: &Comparison,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    render_with(assessment, Some(comparison), format, options)
}

pub(super) fn organization_name(a: &Assessment) -> Option<String> {
    a.organization.get("name").and_then(|v| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    })
}

fn render_with(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    match format.template() {
        None => json::render_json(assessment, comparison, options),
        Some(name) => template::render_template(assessment, comparison, format, name, options),
    }
}
