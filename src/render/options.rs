//! Report formats and the options that brand a report without changing any number.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// A report format.
///
/// ```
/// use assess::Format;
/// use std::path::Path;
///
/// assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
/// assert_eq!(Format::from_path(Path::new("acme.html")), Some(Format::Html));
/// assert!("pdf".parse::<Format>().is_err());
/// ```
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
///
/// ```
/// # let catalog = assess::Catalog::builtin();
/// # let text = std::fs::read_to_string("examples/pay-cliff.yaml").unwrap();
/// # let (rubric, q) = catalog.load_questionnaire("pay-cliff.yaml", &text, None).unwrap();
/// # let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // `a`: the assessment of `examples/pay-cliff.yaml`.
/// use assess::{Format, RenderOptions};
///
/// let options = RenderOptions {
///     client: Some("Acme Engineering".into()),
///     prepared_by: Some("North Star Consulting".into()),
///     ..RenderOptions::default()
/// };
/// let html = assess::render(&a, Format::Html, &options).unwrap();
/// assert!(html.contains("Acme Engineering") && html.contains("North Star Consulting"));
/// ```
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
