//! Rendering an [`Assessment`] as terminal text, Markdown, HTML or JSON.
//!
//! Text, Markdown and HTML come from minijinja templates kept in `templates/` and embedded at
//! build time; `--templates DIR` overrides any of them by file name. JSON is the assessment
//! serialised as is. Renderers only read the assessment: no scoring happens here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

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
    /// A confidentiality line printed in the footer of every page (HTML) and at the end.
    pub confidential: Option<String>,
    /// A logo as a `data:` URI, for HTML.
    pub logo_data_uri: Option<String>,
    /// A folder of templates overriding the built-in ones by file name.
    #[serde(skip)]
    pub templates: Option<PathBuf>,
}

/// Instructions one render may execute. The built-in templates use well under a tenth of it
/// for the largest rubric; a template looping without end runs out instead of running on.
pub const TEMPLATE_FUEL: u64 = 5_000_000;

/// Most bytes one rendered report may hold (a report with an embedded 2 MiB logo is under 3 MiB).
pub const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// Widest `bar`, `pad`, `indent` or `format` width a template may ask for.
pub const MAX_TEMPLATE_WIDTH: usize = 1_000;

/// The built-in templates, embedded at build time.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("report.txt.j2", include_str!("../templates/report.txt.j2")),
    ("report.md.j2", include_str!("../templates/report.md.j2")),
    (
        "report.html.j2",
        include_str!("../templates/report.html.j2"),
    ),
    ("macros.j2", include_str!("../templates/macros.j2")),
    (
        "compare.txt.j2",
        include_str!("../templates/compare.txt.j2"),
    ),
    ("compare.md.j2", include_str!("../templates/compare.md.j2")),
    (
        "compare.html.j2",
        include_str!("../templates/compare.html.j2"),
    ),
];

/// What every template sees, besides the filters: the names documented in `docs/templates.md`.
const CONTEXT_HINT: &str = "templates see `assessment` (the keys of `--format json`), `client`, `prepared_by`, `confidential`, `logo`, `links`, `link_numbers` and `tool`; see docs/templates.md";

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

fn render_with(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    format: Format,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    let Some(name) = format.template() else {
        return render_json(assessment, comparison, options);
    };
    // The built-in templates compile once per process; a `--templates` folder is read afresh.
    // Either way a template compiles only when a report needs it, so a broken `report.md.j2`
    // cannot stop `--format text`.
    static BUILTIN: OnceLock<Environment<'static>> = OnceLock::new();
    let custom;
    let env = match options.templates.as_deref() {
        None => BUILTIN.get_or_init(|| environment(None)),
        Some(dir) => {
            custom = environment(Some(dir));
            &custom
        }
    };
    let located = |e: minijinja::Error| template_error(options.templates.as_deref(), name, &e);
    let template = env.get_template(name).map_err(located)?;
    let (links, link_numbers) = distinct_links(assessment);
    let assessment_value = Value::from_serialize(assessment);
    let ctx = context! {
        assessment => assessment_value.clone(),
        // The name templates written for assess 0.1 used; kept so they keep working.
        a => assessment_value,
        client => options.client.clone().or_else(|| organization_name(assessment)),
        prepared_by => options.prepared_by,
        confidential => options.confidential,
        logo => options.logo_data_uri,
        links => links,
        link_numbers => link_numbers,
        tool => concat!("assess ", env!("CARGO_PKG_VERSION")),
        baseline => comparison.map(|c| Value::from_serialize(&c.baseline)),
        changes => comparison.map(|c| Value::from_serialize(&c.changes)),
    };
    let mut sink = CappedOutput::default();
    let rendered = guard_panics(|| template.render_captured_to(ctx, &mut sink).map(|_| ()));
    let file_name = || {
        let file = name.to_string();
        match options.templates.as_deref().map(|d| d.join(&file)) {
            Some(path) if path.is_file() => path.display().to_string(),
            _ => file,
        }
    };
    match rendered {
        Ok(Ok(())) => {}
        Ok(Err(_)) if sink.exceeded => {
            return Err(Diagnostics::from(
                Diagnostic::error(
                    Code::TemplateOutputTooLarge,
                    Location::new(&file_name(), 1, 1),
                    format!(
                        "the template produced more than {} MiB of output",
                        MAX_OUTPUT_BYTES >> 20
                    ),
                )
                .with_hint(
                    "a report is a few hundred kilobytes; look for a loop that repeats without end",
                ),
            ));
        }
        Ok(Err(e)) => return Err(located(e)),
        Err(panic) => {
            return Err(Diagnostics::from(
                Diagnostic::error(
                    Code::TemplateCrashed,
                    Location::new(&file_name(), 1, 1),
                    format!("rendering stopped with an internal error: {panic}"),
                )
                .with_hint("simplify the expression that last changed in this template; please report it, with the template"),
            ));
        }
    }
    let mut out = String::from_utf8(sink.bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // Text and Markdown land in terminals: no answer text may carry an escape sequence there.
    if matches!(format, Format::Text | Format::Markdown) {
        out = crate::diagnostic::visible(&out).into_owned();
    }
    Ok(out)
}

/// The contract's JSON, plus `client`, `prepared_by` and `confidential` when given.
fn render_json(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    let failed = |e: serde_json::Error| {
        Diagnostics::from(Diagnostic::error(
            Code::RenderFailed,
            Location::new("<json>", 1, 1),
            e.to_string(),
        ))
    };
    let mut value = serde_json::to_value(assessment).map_err(failed)?;
    if let serde_json::Value::Object(map) = &mut value {
        for (key, v) in [
            ("client", &options.client),
            ("prepared_by", &options.prepared_by),
            ("confidential", &options.confidential),
        ] {
            if let Some(v) = v {
                map.insert(key.to_string(), serde_json::Value::String(v.clone()));
            }
        }
        if let Some(c) = comparison {
            map.insert(
                "baseline".into(),
                serde_json::to_value(&c.baseline).map_err(failed)?,
            );
            map.insert(
                "changes".into(),
                serde_json::to_value(&c.changes).map_err(failed)?,
            );
        }
    }
    let mut json = serde_json::to_string_pretty(&value).map_err(failed)?;
    json.push('\n');
    Ok(json)
}

/// One guidance link a report points to, numbered in order of first appearance.
#[derive(Debug, Clone, Serialize)]
struct NumberedLink {
    n: usize,
    title: String,
    url: String,
}

/// Every distinct article address the report links to, in reading order (commitments,
/// failure patterns, perception gaps, actions, answers), and each address's number. A
/// printed report lists them once at the end instead of after every anchor.
fn distinct_links(a: &Assessment) -> (Vec<NumberedLink>, BTreeMap<String, usize>) {
    let mut links: Vec<NumberedLink> = Vec::new();
    let mut numbers = BTreeMap::new();
    let all = a
        .commitments
        .iter()
        .map(|c| &c.article)
        .chain(a.failure_patterns.iter().map(|p| &p.article))
        .chain(a.perception_gaps.iter().map(|g| &g.article))
        .chain(a.recommendations.iter().map(|r| &r.article))
        .chain(
            a.commitments
                .iter()
                .flat_map(|c| c.criteria.iter().map(|k| &k.article)),
        );
    for link in all {
        if !numbers.contains_key(&link.url) {
            let n = links.len() + 1;
            numbers.insert(link.url.clone(), n);
            links.push(NumberedLink {
                n,
                title: link.title.clone(),
                url: link.url.clone(),
            });
        }
    }
    (links, numbers)
}

/// The rendered bytes, refusing to grow past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
struct CappedOutput {
    bytes: Vec<u8>,
    exceeded: bool,
}

impl std::io::Write for CappedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.exceeded = true;
            return Err(std::io::Error::other("report too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

thread_local! {
    static RENDERING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into its message. The panic's default report ("thread panicked
/// at ...") is kept quiet for panics inside `f` only; other threads and other code keep it.
fn guard_panics<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !RENDERING.with(|r| r.get()) {
                previous(info);
            }
        }));
    });
    RENDERING.with(|r| r.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    RENDERING.with(|r| r.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into())
    })
}

fn organization_name(a: &Assessment) -> Option<String> {
    a.organization.get("name").and_then(|v| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    })
}

/// The template environment: built-ins, overridden by files in `dir` (which may also hold
/// partials the templates `include` or `import`). Templates compile on first use.
pub fn environment(dir: Option<&Path>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") || name.ends_with(".htm.j2") {
            minijinja::AutoEscape::Html
        } else if name.ends_with(".md.j2") || name.ends_with(".markdown.j2") {
            minijinja::AutoEscape::Custom("markdown")
        } else {
            minijinja::AutoEscape::Custom("text")
        }
    });
    env.set_formatter(format_value);
    env.add_filter("score", score);
    env.add_filter("bar", bar);
    env.add_filter("pct", pct);
    env.add_filter("md", markdown_filter);
    env.add_filter("code", markdown_code);
    env.add_filter("url", markdown_url);
    env.add_filter("bdi", bdi);
    env.add_filter("css_string", css_string);
    env.add_filter("plain", |v: Value| show_controls(&v.to_string()));
    env.add_filter("ucfirst", ucfirst);
    env.add_filter("pad", pad);
    env.add_filter("signed", signed);
    // Built-ins whose size arguments could ask for gigabytes, wrapped with a bound.
    env.add_filter("indent", bounded_indent);
    env.add_filter("format", bounded_format);
    env.set_fuel(Some(TEMPLATE_FUEL));
    env.add_function("svg_bar", svg_bar);
    env.add_function("commitment_chart", commitment_chart);
    env.add_function("gap_chart", gap_chart);
    let dir = dir.map(Path::to_path_buf);
    env.set_loader(move |name| {
        if let Some(dir) = &dir
            && let Some(path) = folder_file(dir, name)
        {
            // Read within the template cap: the name may reach a device or a FIFO.
            return crate::input::read_text(&path, crate::input::InputKind::Template)
                .map(Some)
                .map_err(|d| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("cannot read the template {}: {}", path.display(), d.message),
                    )
                });
        }
        Ok(builtin_source(name).map(str::to_string))
    });
    env
}

fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| *source)
}

/// `dir/name` when it is a file inside `dir` (no `..`, no absolute names).
fn folder_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    let inside = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    // Anything by that name but a folder counts (a symlink to a device too): it is then read
    // within the template cap rather than silently passed over.
    Some(dir.join(relative)).filter(|p| inside && p.exists() && !p.is_dir())
}

/// Problems with a `--templates` folder that do not stop a report: files that override no
/// built-in template and that no template includes or imports (a misspelt name, most often).
/// Each line reads `path: warning[template-unused]: ...`.
pub fn template_folder_warnings(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect_files(dir, dir, 0, &mut files);
    files.sort();
    let sources: Vec<String> = BUILTIN_TEMPLATES
        .iter()
        .map(|(_, s)| s.to_string())
        .chain(files.iter().filter_map(|(_, p)| {
            crate::input::read_text(p, crate::input::InputKind::Template).ok()
        }))
        .collect();
    let mut warnings = Vec::new();
    for (name, path) in &files {
        if builtin_source(name).is_some() {
            continue;
        }
        let used = sources
            .iter()
            .any(|s| s.contains(&format!("\"{name}\"")) || s.contains(&format!("'{name}'")));
        if used {
            continue;
        }
        let builtin_names = BUILTIN_TEMPLATES.iter().map(|(n, _)| *n);
        let hint = crate::suggest::did_you_mean(name, builtin_names)
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        warnings.push(format!(
            "{}: warning[{}]: `{name}` overrides no built-in template (report.txt.j2, report.md.j2, report.html.j2, macros.j2) and no template includes or imports it, so it changes nothing{hint}",
            path.display(),
            Code::TemplateUnused,
        ));
    }
    warnings
}

fn collect_files(root: &Path, dir: &Path, depth: usize, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() && depth < 3 {
            collect_files(root, &path, depth + 1, out);
        } else if path.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, path));
        }
    }
}

/// A template error located at file, line and column, with the offending line and, for an
/// undefined value, the expression that was undefined.
fn template_error(dir: Option<&Path>, report: &str, e: &minijinja::Error) -> Diagnostics {
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
    let mut line = e.line().unwrap_or(1);
    let mut column = 1;
    let mut width = 1;
    let mut undefined = None;
    if let (Some(range), Some(source)) = (e.range(), source.as_deref())
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

/// Writes one `{{ ... }}` value: HTML-escaped in HTML, Markdown-escaped in Markdown, and with
/// control characters (terminal escapes, bidirectional overrides) shown as `<U+202E>` in text
/// and Markdown. Safe strings (macro output, filters that build markup) pass unchanged.
fn format_value(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    match state.auto_escape() {
        minijinja::AutoEscape::Custom(kind) if !value.is_safe() => {
            let text = if value.is_undefined() {
                String::new()
            } else {
                value.to_string()
            };
            let text = if kind == "markdown" {
                markdown_escape(&text)
            } else {
                show_controls(&text)
            };
            out.write_str(&text).map_err(minijinja::Error::from)
        }
        minijinja::AutoEscape::Custom(_) => out
            .write_str(value.as_str().unwrap_or_default())
            .map_err(minijinja::Error::from),
        // Text with a bidirectional control is isolated wherever a template prints it, so
        // it cannot reorder the report's own words and numbers around it.
        _ if !value.is_safe()
            && value.as_str().is_some_and(|s| {
                s.chars()
                    .any(|c| is_hidden_control(c) || is_bidi_control(c))
            }) =>
        {
            let text = value.as_str().unwrap_or_default();
            let escaped = html_escape(&show_hidden_controls(text));
            let text = if text.chars().any(is_bidi_control) {
                format!("<bdi>{escaped}</bdi>")
            } else {
                escaped
            };
            out.write_str(&text).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A control character other than a line break or tab (terminal escapes, NUL, C1 codes).
fn is_hidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' && c != '\r'
}

/// Control characters (not bidirectional controls) shown as `<U+XXXX>`, for HTML, where
/// bidirectional controls are isolated with `<bdi>` instead.
fn show_hidden_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Bidirectional controls: embeddings, overrides, isolates and marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Control characters and bidirectional controls shown as `<U+XXXX>`, so user text can
/// neither reorder a line nor send escape sequences to a terminal. Newlines and tabs stay.
pub fn show_controls(text: &str) -> String {
    if !text
        .chars()
        .any(|c| is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t'))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t') {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Free text made inert for CommonMark and GitHub Markdown: every character that can start
/// markup (HTML, links, emphasis, code, table pipes, headings, lists, quotes) is
/// backslash-escaped, line breaks become spaces, and controls are shown as `<U+XXXX>`.
pub fn markdown_escape(text: &str) -> String {
    let text = show_controls(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '~' | '{'
            | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // Where a value starts a line, `- `, `+ `, `=` or `1. ` would open a list or a heading.
    let lead = out.len() - out.trim_start().len();
    let body = &out[lead..];
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let after = |n: usize| body[n..].chars().next();
    let escape_at = match body.chars().next() {
        Some('-' | '+') if matches!(after(1), None | Some(' ')) => Some(lead),
        Some('=') => Some(lead),
        Some(c)
            if c.is_ascii_digit()
                && matches!(after(digits), Some('.' | ')'))
                && matches!(after(digits + 1), None | Some(' ')) =>
        {
            Some(lead + digits)
        }
        _ => None,
    };
    if let Some(at) = escape_at {
        out.insert(at, '\\');
    }
    out
}

/// `|md`: kept for templates written for assess 0.1; Markdown output is escaped already, so
/// this only marks the text as escaped.
fn markdown_filter(state: &minijinja::State, v: Value) -> Value {
    if v.is_safe() {
        return v;
    }
    let text = v.to_string();
    match state.auto_escape() {
        minijinja::AutoEscape::Custom("markdown") => {
            Value::from_safe_string(markdown_escape(&text))
        }
        _ => Value::from(text),
    }
}

/// `|code`: a Markdown code span that no content can break out of.
fn markdown_code(v: Value) -> Value {
    let text = show_controls(&v.to_string()).replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    Value::from_safe_string(format!("{fence}{pad}{text}{pad}{fence}"))
}

/// `|url`: a link destination for Markdown: spaces, parentheses, angle brackets and
/// backslashes percent-encoded so the address cannot end the link early.
fn markdown_url(v: Value) -> Value {
    let mut out = String::new();
    for c in v.to_string().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_control() || is_bidi_control(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    Value::from_safe_string(out)
}

/// `|bdi`: user text for HTML, escaped and isolated in `<bdi>` so right-to-left text or a
/// bidirectional override cannot reorder the report's own words and numbers around it.
fn bdi(v: Value) -> Value {
    let text = if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    };
    Value::from_safe_string(format!(
        "<bdi>{}</bdi>",
        html_escape(&show_hidden_controls(&text))
    ))
}

/// `|css_string`: the inside of a CSS string (for `@page` margin boxes): every character but
/// letters, digits and spaces written as a CSS escape, so no text can end the string, the
/// rule or the `<style>` element. Controls are dropped.
fn css_string(v: Value) -> Value {
    let text = if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars().take(200) {
        if c.is_alphanumeric() && !is_bidi_control(c) || c == ' ' {
            out.push(c);
        } else if !(c.is_control() || is_bidi_control(c)) {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    Value::from_safe_string(out)
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
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

/// A change in points: `+3.2`, `-1.0`, `±0.0`; an em dash when there is none.
fn signed(v: Value) -> String {
    match as_f64(&v) {
        Some(f) if f.abs() < 0.05 => "±0.0".into(),
        Some(f) if f > 0.0 => format!("+{f:.1}"),
        Some(f) => format!("{f:.1}"),
        None => "—".into(),
    }
}

/// `68%`, one decimal only when it matters.
fn pct(v: Value) -> String {
    match as_f64(&v) {
        Some(f) if (f - f.round()).abs() < 1e-9 => format!("{f:.0}%"),
        Some(f) => format!("{f:.1}%"),
        None => "—".into(),
    }
}

fn too_wide(filter: &str, width: impl std::fmt::Display) -> minijinja::Error {
    minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("{filter}: width {width} is over the limit of {MAX_TEMPLATE_WIDTH}"),
    )
}

/// The built-in `indent`, with the width bounded.
fn bounded_indent(
    value: minijinja::value::StringInput<'_>,
    width: Option<Value>,
    first: Option<bool>,
    blank: Option<bool>,
    kwargs: minijinja::value::Kwargs,
) -> Result<Value, minijinja::Error> {
    let width = match width {
        Some(w) => Some(
            usize::try_from(w.clone())
                .ok()
                .filter(|w| *w <= MAX_TEMPLATE_WIDTH)
                .ok_or_else(|| too_wide("indent", &w))?,
        ),
        None => None,
    };
    if let Some(w) = kwargs.get::<Option<Value>>("width")?
        && usize::try_from(w.clone())
            .ok()
            .is_none_or(|w| w > MAX_TEMPLATE_WIDTH)
    {
        return Err(too_wide("indent", w));
    }
    minijinja::filters::indent(value, width, first, blank, kwargs)
}

/// The built-in printf-style `format`, with widths and precisions bounded.
fn bounded_format(
    state: &minijinja::State,
    format: &Value,
    args: minijinja::value::Rest<Value>,
) -> Result<Value, minijinja::Error> {
    if let Some(spec) = format.as_str() {
        let mut digits = 0usize;
        let mut number = 0u64;
        for c in spec.chars().chain(std::iter::once(' ')) {
            if let Some(d) = c.to_digit(10) {
                digits += 1;
                number = number.saturating_mul(10).saturating_add(u64::from(d));
            } else {
                if digits > 0 && number > MAX_TEMPLATE_WIDTH as u64 {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!(
                            "format: a width or precision of {number} is over the limit of {MAX_TEMPLATE_WIDTH}"
                        ),
                    ));
                }
                digits = 0;
                number = 0;
            }
        }
    }
    minijinja::filters::format(state, format, args)
}

/// A text bar of `width` cells for a 0-100 score.
fn bar(v: Value, width: Option<i64>) -> Result<String, minijinja::Error> {
    let width = width.unwrap_or(20);
    let width = usize::try_from(width)
        .ok()
        .filter(|w| *w <= MAX_TEMPLATE_WIDTH)
        .ok_or_else(|| too_wide("bar", width))?;
    let filled = as_f64(&v).map_or(0, |f| ((f / 100.0) * width as f64).round() as usize);
    let filled = filled.min(width);
    Ok(format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width - filled)
    ))
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

/// Pads to `width` characters (not bytes): right-aligned when `width` is negative.
fn pad(v: Value, width: i64) -> Result<String, minijinja::Error> {
    let text = v.to_string();
    let n = text.chars().count();
    let w = usize::try_from(width.unsigned_abs())
        .ok()
        .filter(|w| *w <= MAX_TEMPLATE_WIDTH)
        .ok_or_else(|| too_wide("pad", width))?;
    if n >= w {
        return Ok(text);
    }
    let fill = " ".repeat(w - n);
    Ok(if width < 0 {
        fill + &text
    } else {
        text + &fill
    })
}

fn ucfirst(v: String) -> String {
    let mut c = v.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => v,
    }
}

/// Text for an SVG `<text>` element: XML-escaped, controls shown, cut to `max` characters.
fn svg_text(text: &str, max: usize) -> String {
    let text = show_controls(text);
    let cut: String = if text.chars().count() > max {
        text.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    } else {
        text
    };
    html_escape(&cut)
}

fn band_colour(band: &str) -> &'static str {
    match band {
        "strong" => "#1a7f37",
        "developing" => "#9a6700",
        "weak" => "#bc4c00",
        "critical" => "#cf222e",
        _ => "#6e7781",
    }
}

fn attr_f64(v: &Value, name: &str) -> Option<f64> {
    v.get_attr(name).ok().as_ref().and_then(as_f64)
}

fn attr_string(v: &Value, name: &str) -> String {
    v.get_attr(name)
        .ok()
        .filter(|x| !x.is_none() && !x.is_undefined())
        .map(|x| x.to_string())
        .unwrap_or_default()
}

/// `commitment_chart(assessment)`: one bar per commitment on a 0-100 axis, with the
/// assessment's own thresholds marked (weak below `weak_below`, the top band from its lower
/// bound). A commitment without a score shows an empty track and says so.
fn commitment_chart(assessment: Value) -> Result<Value, minijinja::Error> {
    let commitments = assessment.get_attr("commitments")?;
    let thresholds = assessment.get_attr("thresholds")?;
    let weak_below = attr_f64(&thresholds, "weak_below");
    let top_band = thresholds
        .get_attr("bands")
        .ok()
        .and_then(|b| b.try_iter().ok().and_then(|it| it.last()));
    let mut marks: Vec<(f64, String)> = Vec::new();
    if let Some(w) = weak_below {
        marks.push((w, format!("weak below {w}")));
    }
    if let Some(top) = &top_band
        && let Some(from) = attr_f64(top, "from")
        && from > 0.0
        && Some(from) != weak_below
    {
        marks.push((from, format!("{} from {from}", attr_string(top, "id"))));
    }
    let (left, right, width) = (4.0, 560.0, 640.0);
    let x = |score: f64| left + (right - left) * score.clamp(0.0, 100.0) / 100.0;
    let row = 42.0;
    let top = 22.0;
    let rows: Vec<Value> = commitments.try_iter()?.collect();
    let height = top + row * rows.len() as f64 + 16.0;
    let mut svg = format!(
        "<svg class=\"chart commitments-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Score per commitment on a 0 to 100 scale\">"
    );
    for (i, c) in rows.iter().enumerate() {
        let y = top + row * i as f64;
        let title = svg_text(&attr_string(c, "title"), 80);
        let band = attr_string(c, "band");
        svg.push_str(&format!(
            "<text x=\"{left}\" y=\"{:.1}\" class=\"label\">{title}</text><rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\" fill=\"#eaeef2\"/>",
            y + 11.0,
            y + 17.0,
            right - left
        ));
        match attr_f64(c, "score") {
            Some(score) => svg.push_str(&format!(
                "<rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{score:.1}</text>",
                y + 17.0,
                x(score) - left,
                band_colour(&band),
                right + 10.0,
                y + 29.0
            )),
            None => svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"none\">not enough answers</text><text x=\"{:.1}\" y=\"{:.1}\" class=\"value none\">no score</text>",
                left + 8.0,
                y + 28.5,
                right + 10.0,
                y + 29.0
            )),
        }
    }
    for (value, label) in &marks {
        let mx = x(*value);
        svg.push_str(&format!(
            "<line x1=\"{mx:.1}\" y1=\"{:.1}\" x2=\"{mx:.1}\" y2=\"{:.1}\" class=\"mark\"/><text x=\"{mx:.1}\" y=\"12\" class=\"mark-label\" text-anchor=\"middle\">{}</text>",
            top - 4.0,
            height - 12.0,
            svg_text(label, 40)
        ));
    }
    for tick in [0.0, 50.0, 100.0] {
        let anchor = if tick == 0.0 {
            "start"
        } else if tick == 100.0 {
            "end"
        } else {
            "middle"
        };
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"{anchor}\">{tick}</text>",
            x(tick),
            height - 2.0
        ));
    }
    svg.push_str("</svg>");
    Ok(Value::from_safe_string(svg))
}

/// `gap_chart(assessment)`: each perception gap as two points on the agreement scale, the
/// lower group's mean and the higher group's, joined by a line whose length is the gap.
fn gap_chart(assessment: Value) -> Result<Value, minijinja::Error> {
    let gaps: Vec<Value> = assessment
        .get_attr("perception_gaps")?
        .try_iter()?
        .collect();
    if gaps.is_empty() {
        return Ok(Value::from_safe_string(String::new()));
    }
    let means = gaps.iter().flat_map(|g| {
        ["lower", "higher"]
            .into_iter()
            .filter_map(|side| g.get_attr(side).ok().and_then(|s| attr_f64(&s, "mean")))
            .collect::<Vec<_>>()
    });
    let (mut lo, mut hi) = (1.0_f64, 5.0_f64);
    for m in means {
        lo = lo.min(m.floor());
        hi = hi.max(m.ceil());
    }
    let (left, right, width) = (170.0, 470.0, 640.0);
    let x = |m: f64| left + (right - left) * (m - lo) / (hi - lo).max(1.0);
    let row = 46.0;
    let top = 8.0;
    let height = top + row * gaps.len() as f64 + 18.0;
    let mut svg = format!(
        "<svg class=\"chart gap-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Group means on the agreement scale, {lo} to {hi}\">"
    );
    for (i, g) in gaps.iter().enumerate() {
        let y = top + row * i as f64;
        let lower = g.get_attr("lower")?;
        let higher = g.get_attr("higher")?;
        let (lm, hm) = (
            attr_f64(&lower, "mean").unwrap_or(lo),
            attr_f64(&higher, "mean").unwrap_or(lo),
        );
        let colour = if attr_string(g, "severity") == "severe" {
            "#cf222e"
        } else {
            "#9a6700"
        };
        let cy = y + 30.0;
        svg.push_str(&format!(
            "<text x=\"4\" y=\"{:.1}\" class=\"label\">{}</text><line x1=\"{left}\" y1=\"{cy:.1}\" x2=\"{right}\" y2=\"{cy:.1}\" class=\"axis\"/><line x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"{colour}\" stroke-width=\"4\"/><circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2.5\"/><circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"group\" text-anchor=\"end\">{} {lm:.2}</text><text x=\"{:.1}\" y=\"{:.1}\" class=\"group\">{} {hm:.2}</text>",
            y + 12.0,
            svg_text(&format!("{}. {}", i + 1, attr_string(g, "criterion")), 60),
            x(lm),
            x(hm),
            x(lm),
            x(hm),
            x(lm) - 10.0,
            cy + 4.0,
            svg_text(&attr_string(&lower, "group"), 22),
            x(hm) + 10.0,
            cy + 4.0,
            svg_text(&attr_string(&higher, "group"), 22),
        ));
    }
    let steps = (hi - lo).round() as i64;
    for s in 0..=steps {
        let v = lo + s as f64;
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{v}</text>",
            x(v),
            height - 4.0
        ));
    }
    svg.push_str("</svg>");
    Ok(Value::from_safe_string(svg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escape_leaves_no_markup() {
        assert_eq!(
            markdown_escape("<b>x</b> | *y* _z_ [a](b) `c` #d ~e~ &amp;"),
            "\\<b\\>x\\</b\\> \\| \\*y\\* \\_z\\_ \\[a\\](b) \\`c\\` \\#d \\~e\\~ \\&amp;"
        );
        assert_eq!(markdown_escape("line\none\r\ntwo"), "line one two");
        assert_eq!(markdown_escape("- item"), "\\- item");
        assert_eq!(markdown_escape("12. item"), "12\\. item");
        assert_eq!(markdown_escape("= heading"), "\\= heading");
        // Ordinary numbers, dates and hyphens stay as they are.
        assert_eq!(markdown_escape("91.2"), "91.2");
        assert_eq!(markdown_escape("2026-11-01"), "2026-11-01");
        assert_eq!(markdown_escape("-5 points"), "-5 points");
        assert_eq!(markdown_escape("a\u{202E}b"), "a\\<U+202E\\>b");
    }

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(show_controls("a\u{1b}[2Jb"), "a<U+001B>[2Jb");
        assert_eq!(show_controls("\u{2067}x\u{2069}"), "<U+2067>x<U+2069>");
        assert_eq!(show_controls("tab\tand\nline"), "tab\tand\nline");
    }

    #[test]
    fn markdown_code_and_url_cannot_be_broken_out_of() {
        assert_eq!(markdown_code(Value::from("a`b")).to_string(), "``a`b``");
        assert_eq!(markdown_code(Value::from("`x")).to_string(), "`` `x ``");
        assert_eq!(
            markdown_url(Value::from("https://x.example/a b)(<c>")).to_string(),
            "https://x.example/a%20b%29%28%3Cc%3E"
        );
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style() {
        let css = css_string(Value::from("A\"; } </style><b>\u{202E}")).to_string();
        assert_eq!(css, "A\\22 \\3b  \\7d  \\3c \\2f style\\3e \\3c b\\3e ");
        assert!(!css.contains(['"', '<', '>', '}']));
    }

    #[test]
    fn the_commitment_chart_marks_the_assessments_own_thresholds() {
        let catalog = crate::Catalog::builtin();
        let text = include_str!("../examples/pay-cliff.yaml");
        let (rubric, q) = catalog
            .load_questionnaire("pay-cliff.yaml", text, None)
            .unwrap();
        let mut a = crate::evaluate(&rubric, &q, &catalog.articles);
        let html = render(&a, Format::Html, &RenderOptions::default()).unwrap();
        assert!(html.contains(">weak below 60</text>") && html.contains(">strong from 80</text>"));
        a.thresholds.weak_below = rust_decimal::Decimal::from(55);
        a.thresholds.bands.last_mut().unwrap().from = rust_decimal::Decimal::from(85);
        let html = render(&a, Format::Html, &RenderOptions::default()).unwrap();
        assert!(html.contains(">weak below 55</text>") && html.contains(">strong from 85</text>"));
        assert!(!html.contains("weak below 60"));
        // 55 on a bar from x=4 to x=560 sits at 4 + 556 * 0.55 = 309.8.
        assert!(html.contains("<line x1=\"309.8\""), "{html}");
    }

    #[test]
    fn bdi_escapes_and_isolates() {
        assert_eq!(
            bdi(Value::from("<i>\u{202E}1</i>")).to_string(),
            "<bdi>&lt;i&gt;\u{202E}1&lt;/i&gt;</bdi>"
        );
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    #[test]
    fn a_panic_while_rendering_becomes_a_message() {
        let caught = guard_panics(|| -> u32 { panic!("boom in a filter") });
        assert_eq!(caught, Err("boom in a filter".to_string()));
        // Outside a guarded render, code runs as usual.
        assert_eq!(guard_panics(|| 7), Ok(7));
    }

    #[test]
    fn output_is_capped_while_it_is_written() {
        use std::io::Write;
        let mut sink = CappedOutput::default();
        let chunk = vec![b'x'; 1024 * 1024];
        let mut written = 0;
        while sink.write_all(&chunk).is_ok() {
            written += chunk.len();
        }
        assert!(sink.exceeded);
        assert_eq!(written, MAX_OUTPUT_BYTES);
        assert_eq!(sink.bytes.len(), MAX_OUTPUT_BYTES);
    }
}
