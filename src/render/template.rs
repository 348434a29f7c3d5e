//! The template engine: the built-in templates, a `--templates` folder over them, the
//! sandbox every render runs in (fuel, an output cap, panics caught) and the context a
//! template sees.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::Error;

use super::charts::{commitment_chart, gap_chart, svg_bar};
use super::filters::*;
use super::template_error::template_error;
use super::text::{
    html_escape, is_bidi_control, is_hidden_control, markdown_escape, show_controls,
    show_hidden_controls,
};
use super::{Format, RenderOptions, organization_name};

/// Instructions one render may execute. The built-in templates use well under a tenth of it
/// for the largest rubric; a template looping without end runs out instead of running on.
pub const TEMPLATE_FUEL: u64 = 5_000_000;

/// Most bytes one rendered report may hold (a report with an embedded 2 MiB logo is under 3 MiB).
pub const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// Widest `bar`, `pad`, `indent` or `format` width a template may ask for.
pub const MAX_TEMPLATE_WIDTH: usize = 1_000;

/// The built-in templates, embedded at build time.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "report.txt.j2",
        include_str!("../../templates/report.txt.j2"),
    ),
    ("report.md.j2", include_str!("../../templates/report.md.j2")),
    (
        "report.html.j2",
        include_str!("../../templates/report.html.j2"),
    ),
    ("macros.j2", include_str!("../../templates/macros.j2")),
    (
        "compare.txt.j2",
        include_str!("../../templates/compare.txt.j2"),
    ),
    (
        "compare.md.j2",
        include_str!("../../templates/compare.md.j2"),
    ),
    (
        "compare.html.j2",
        include_str!("../../templates/compare.html.j2"),
    ),
];

/// What every template sees, besides the filters: the names documented in `docs/templates.md`.
pub(super) const CONTEXT_HINT: &str = "templates see `assessment` (the keys of `--format json`), `client`, `prepared_by`, `confidential`, `logo`, `links`, `link_numbers` and `tool`; see docs/templates.md";

/// Renders `assessment` with the template `name` (the built-in one or the `--templates`
/// folder's), inside the sandbox: fuel, the output cap, panics turned into diagnostics.
pub(super) fn render_template(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    format: Format,
    name: &str,
    options: &RenderOptions,
) -> Result<String, Error> {
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
    let located = |e: minijinja::Error| template_error(options.templates.as_deref(), name, e);
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
        tool => super::TOOL,
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
        Ok(Err(_)) if sink.exceeded => return Err(output_too_large(&file_name())),
        Ok(Err(e)) => return Err(located(e)),
        Err(panic) => {
            return Err(Error::from(
                Diagnostic::error(
                    Code::TemplateCrashed,
                    Location::whole_file(&file_name()),
                    format!("rendering stopped with an internal error: {panic}"),
                )
                .with_hint("simplify the expression that last changed in this template; please report it, with the template"),
            ));
        }
    }
    let out = String::from_utf8(sink.bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    finish(out, format, name)
}

/// A rendered report as it leaves: within [`MAX_OUTPUT_BYTES`], ending in a newline, and for
/// text and Markdown free of anything a terminal would obey.
pub(super) fn finish(mut out: String, format: Format, name: &str) -> Result<String, Error> {
    if out.len() > MAX_OUTPUT_BYTES {
        return Err(output_too_large(name));
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // Text and Markdown land in terminals: no answer text may carry an escape sequence there.
    if matches!(format, Format::Text | Format::Markdown)
        && super::text::may_hold_controls(&out)
        && let std::borrow::Cow::Owned(shown) = crate::diagnostic::visible(&out)
    {
        out = shown;
    }
    Ok(out)
}

fn output_too_large(file: &str) -> Error {
    Error::from(
        Diagnostic::error(
            Code::TemplateOutputTooLarge,
            Location::whole_file(file),
            format!(
                "the template produced more than {} MiB of output",
                MAX_OUTPUT_BYTES >> 20
            ),
        )
        .with_hint("a report is a few hundred kilobytes; look for a loop that repeats without end"),
    )
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

/// The template environment: built-ins, overridden by files in `dir` (which may also hold
/// partials the templates `include` or `import`). Templates compile on first use.
pub(crate) fn environment(dir: Option<&Path>) -> Environment<'static> {
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

pub(super) fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| *source)
}

/// `dir/name` when it is a file inside `dir` (no `..`, no absolute names).
pub(super) fn folder_file(dir: &Path, name: &str) -> Option<PathBuf> {
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
