//! Rendering an [`Assessment`] as terminal text, Markdown, HTML or JSON.
//!
//! Text, Markdown and HTML come from minijinja templates kept in `templates/` and embedded at
//! build time; `--templates DIR` overrides any of them by file name. JSON is the assessment
//! serialised as is. Renderers only read the assessment: no scoring happens here.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::assessment::Assessment;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text for the terminal.
    Text,
    /// Markdown, for wikis and pull requests.
    Markdown,
    /// One self-contained HTML file (inline CSS and SVG), readable in print.
    Html,
    /// The contract's JSON.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "`{other}` is not a format; expected text, markdown, html or json"
            )),
        }
    }
}

impl Format {
    /// The format implied by an output file's extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The template file that renders this format.
    pub fn template(self) -> Option<&'static str> {
        match self {
            Format::Text => Some("report.txt.j2"),
            Format::Markdown => Some("report.md.j2"),
            Format::Html => Some("report.html.j2"),
            Format::Json => None,
        }
    }
}

/// Branding and presentation choices that do not change any number.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RenderOptions {
    /// The client the report is for (defaults to the organisation's name).
    pub client: Option<String>,
    /// Who prepared the report.
    pub prepared_by: Option<String>,
    /// A logo as a `data:` URI, for HTML.
    pub logo_data_uri: Option<String>,
    /// A folder of templates overriding the built-in ones by file name.
    #[serde(skip)]
    pub templates: Option<PathBuf>,
}

/// The built-in templates, embedded at build time.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("report.txt.j2", include_str!("../templates/report.txt.j2")),
    ("report.md.j2", include_str!("../templates/report.md.j2")),
    (
        "report.html.j2",
        include_str!("../templates/report.html.j2"),
    ),
    ("macros.j2", include_str!("../templates/macros.j2")),
];

/// Renders `assessment` in `format`.
pub fn render(
    assessment: &Assessment,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    let Some(name) = format.template() else {
        let mut json = serde_json::to_string_pretty(assessment).map_err(|e| {
            Diagnostics::from(Diagnostic::error(
                "render-failed",
                Location::new("<json>", 1, 1),
                e.to_string(),
            ))
        })?;
        json.push('\n');
        return Ok(json);
    };
    // The built-in templates compile once per process; a `--templates` folder is read afresh.
    static BUILTIN: OnceLock<Result<Environment<'static>, Diagnostics>> = OnceLock::new();
    let custom;
    let env = match options.templates.as_deref() {
        None => BUILTIN
            .get_or_init(|| environment(None))
            .as_ref()
            .map_err(Clone::clone)?,
        Some(dir) => {
            custom = environment(Some(dir))?;
            &custom
        }
    };
    let located = |e: minijinja::Error| {
        let file = e.name().unwrap_or(name).to_string();
        let file = match options.templates.as_deref().map(|d| d.join(&file)) {
            Some(path) if path.is_file() => path.display().to_string(),
            _ => file,
        };
        template_error(&file, &e)
    };
    let template = env.get_template(name).map_err(located)?;
    let ctx = context! {
        a => Value::from_serialize(assessment),
        client => options.client.clone().or_else(|| organization_name(assessment)),
        prepared_by => options.prepared_by,
        logo => options.logo_data_uri,
        tool => concat!("assess ", env!("CARGO_PKG_VERSION")),
    };
    let mut out = template.render(ctx).map_err(located)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn organization_name(a: &Assessment) -> Option<String> {
    a.organization.get("name").and_then(|v| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    })
}

/// The template environment: built-ins, overridden by files in `dir`.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>, Diagnostics> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.add_filter("score", score);
    env.add_filter("bar", bar);
    env.add_filter("pct", pct);
    env.add_filter("md", markdown_escape);
    env.add_filter("ucfirst", ucfirst);
    env.add_filter("pad", pad);
    env.add_function("svg_bar", svg_bar);
    let Some(dir) = dir else {
        // Built-ins compile lazily: rendering text never pays for parsing the HTML template.
        env.set_loader(|name| {
            Ok(BUILTIN_TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, source)| source.to_string()))
        });
        return Ok(env);
    };
    let mut diagnostics = Diagnostics::new();
    for (name, source) in BUILTIN_TEMPLATES {
        let source = match Some(dir.join(name)).filter(|p| p.is_file()) {
            Some(path) => match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    diagnostics.push(Diagnostic::error(
                        "template-unreadable",
                        Location::new(&path.display().to_string(), 1, 1),
                        format!("cannot read the template: {e}"),
                    ));
                    continue;
                }
            },
            None => source.to_string(),
        };
        if let Err(e) = env.add_template_owned(name.to_string(), source) {
            let file = dir.join(name).display().to_string();
            diagnostics.extend(template_error(&file, &e));
        }
    }
    diagnostics.into_result(env)
}

fn template_error(name: &str, e: &minijinja::Error) -> Diagnostics {
    let line = e.line().unwrap_or(1) as u32;
    Diagnostics::from(
        Diagnostic::error(
            "template",
            Location::new(name, line, 1),
            e.detail()
                .map(str::to_string)
                .unwrap_or_else(|| e.kind().to_string()),
        )
        .with_hint(
            "templates see `a` (the assessment, with the keys of `--format json`), `client`, `prepared_by`, `logo` and `tool`",
        ),
    )
}

fn as_f64(v: &Value) -> Option<f64> {
    if v.is_none() || v.is_undefined() {
        None
    } else {
        f64::try_from(v.clone()).ok()
    }
}

/// `72.5`, `80.0`; an em dash for no score.
fn score(v: Value) -> String {
    as_f64(&v).map_or_else(|| "—".to_string(), |f| format!("{f:.1}"))
}

/// `68%`, one decimal only when it matters.
fn pct(v: Value) -> String {
    match as_f64(&v) {
        Some(f) if (f - f.round()).abs() < 1e-9 => format!("{f:.0}%"),
        Some(f) => format!("{f:.1}%"),
        None => "—".into(),
    }
}

/// A text bar of `width` cells for a 0-100 score.
fn bar(v: Value, width: Option<usize>) -> String {
    let width = width.unwrap_or(20);
    let filled = as_f64(&v).map_or(0, |f| ((f / 100.0) * width as f64).round() as usize);
    let filled = filled.min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// An inline SVG bar for HTML, coloured by band.
fn svg_bar(v: Value, band: String) -> Value {
    let pctv = as_f64(&v).unwrap_or(0.0).clamp(0.0, 100.0);
    let colour = match band.as_str() {
        "strong" => "#1a7f37",
        "developing" => "#9a6700",
        "weak" => "#bc4c00",
        "critical" => "#cf222e",
        _ => "#6e7781",
    };
    Value::from_safe_string(format!(
        "<svg class=\"bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{pctv:.1} of 100\"><rect width=\"100\" height=\"6\" rx=\"3\" fill=\"#eaeef2\"/><rect width=\"{pctv:.1}\" height=\"6\" rx=\"3\" fill=\"{colour}\"/></svg>"
    ))
}

/// Escapes characters Markdown would read as markup inside table cells.
fn markdown_escape(v: String) -> String {
    v.replace('|', "\\|").replace('\n', " ")
}

/// Pads to `width` characters (not bytes): right-aligned when `width` is negative.
fn pad(v: Value, width: i64) -> String {
    let text = v.to_string();
    let n = text.chars().count();
    let w = width.unsigned_abs() as usize;
    if n >= w {
        return text;
    }
    let fill = " ".repeat(w - n);
    if width < 0 {
        fill + &text
    } else {
        text + &fill
    }
}

fn ucfirst(v: String) -> String {
    let mut c = v.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => v,
    }
}
