//! Rendering an [`Assessment`] as terminal text, Markdown, HTML or JSON.
//!
//! The built-in reports are minijinja templates kept in `templates/` and embedded at build
//! time; `--templates DIR` overrides any of them by file name. The built-in text and Markdown
//! reports are also written in Rust (to the byte what their templates print, checked by a
//! test), and those are what [`render`] uses when no template folder is given. JSON is the
//! assessment serialised as is. Renderers only read the assessment: no scoring happens here.
//!
//! The rooms: `options` ([`Format`], [`RenderOptions`]); `template` (the engine, its sandbox
//! and context), with `template_error`, `filters` and `charts`; `plain` and `markdown` (the
//! built-in reports in Rust) over `words` (the shared wording of `templates/macros.j2`);
//! `text` (escaping every format shares); `json`, over `pretty_json` (serde_json's pretty
//! layout to the byte, written faster).

mod charts;
mod filters;
mod json;
mod markdown;
mod options;
mod plain;
mod pretty_json;
mod report_json;
mod template;
mod template_error;
mod text;
mod words;

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::error::Error;

pub use options::{Format, RenderOptions};
pub use template::template_folder_warnings;
pub use text::{markdown_escape, show_controls};

/// Renders `assessment` in `format`.
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::{Format, RenderOptions};
///
/// let text = assess::render(&a, Format::Text, &RenderOptions::default()).unwrap();
/// assert!(text.contains("Overall 22.0 of 100, critical"));
/// let json = assess::render(&a, Format::Json, &RenderOptions::default()).unwrap();
/// assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap()["overall"]["score"], 22.0);
/// ```
pub fn render(
    assessment: &Assessment,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Error> {
    render_with(assessment, None, format, options)
}

/// Renders `assessment` with what changed since a baseline: a "since the baseline" section in
/// text, Markdown and HTML, and the keys `baseline` and `changes` in JSON.
///
/// ```
/// use assess::{Catalog, Format, RenderOptions};
///
/// let catalog = Catalog::builtin();
/// let last_year = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n";
/// let now = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 1.0\n";
/// let (rubric, q) = catalog.load_questionnaire("2026.yaml", now, None).unwrap();
/// let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// let baseline = assess::Source::Text(last_year.into());
/// let c = assess::compare(&catalog, "2025.yaml", &baseline, None, &rubric, &a).unwrap();
/// let md = assess::render_compared(&a, &c, Format::Markdown, &RenderOptions::default()).unwrap();
/// assert!(md.contains("2025.yaml"));
/// ```
pub fn render_compared(
    assessment: &Assessment,
    comparison: &Comparison,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Error> {
    render_with(assessment, Some(comparison), format, options)
}

pub(super) fn organization_name(a: &Assessment) -> Option<String> {
    a.organization.get("name").and_then(|v| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    })
}

/// What the built-in reports print besides the assessment (the templates' `client`,
/// `prepared_by`, `confidential` and `tool`).
pub(super) struct Branding<'o> {
    client: Option<String>,
    prepared_by: Option<&'o str>,
    confidential: Option<&'o str>,
    tool: &'static str,
}

impl<'o> Branding<'o> {
    fn new(assessment: &Assessment, options: &'o RenderOptions) -> Branding<'o> {
        Branding {
            client: options
                .client
                .clone()
                .or_else(|| organization_name(assessment)),
            prepared_by: options.prepared_by.as_deref(),
            confidential: options.confidential.as_deref(),
            tool: TOOL,
        }
    }

    /// `client or "Unnamed organisation"`.
    fn client_or_unnamed(&self) -> &str {
        self.client
            .as_deref()
            .filter(|c| !c.is_empty())
            .unwrap_or("Unnamed organisation")
    }
}

/// The tool and its version, as every report's footer names it.
pub(super) const TOOL: &str = concat!("assess ", env!("CARGO_PKG_VERSION"));

fn render_with(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Error> {
    let Some(name) = format.template() else {
        return json::render_json(assessment, comparison, options);
    };
    // The built-in text and Markdown reports are written in Rust as well, to the byte what
    // their templates render (a test holds the two together); templates from a folder, and
    // the "since the baseline" section, go through the template engine.
    let builtin = match format {
        Format::Text => Some(plain::report as fn(&Assessment, &Branding) -> String),
        Format::Markdown => Some(markdown::report as fn(&Assessment, &Branding) -> String),
        _ => None,
    };
    match builtin {
        Some(report) if options.templates.is_none() && comparison.is_none() => {
            let out = report(assessment, &Branding::new(assessment, options));
            template::finish(out, format, name)
        }
        _ => template::render_template(assessment, comparison, format, name, options),
    }
}

#[cfg(test)]
mod equality;
