//! A questionnaire file, YAML or workbook, read and validated.
//!
//! Every command that reads a questionnaire reads it through here, so `assess FILE`,
//! `validate`, `compare` (`--baseline`), `batch`, `fmt` and `survey --into` take an Excel
//! workbook (`.xlsx`, `.xlsm`) wherever they take YAML. The file's extension decides how it is
//! read: a workbook by the [`workbook`](crate::workbook) reader (places named by sheet and
//! cell), anything else as text (YAML, or for a baseline a saved JSON assessment).
//!
//! ```
//! use assess::{Catalog, Source};
//!
//! let catalog = Catalog::builtin();
//! let source = Source::Text("rubric: dual-track\nanswers:\n  switch-raise: yes\n".into());
//! let (rubric, q) = source.load(&catalog, "acme.yaml", None).unwrap();
//! assert_eq!(rubric.id(), "dual-track");
//! assert_eq!(q.answers().len(), 1);
//! ```

use std::borrow::Cow;
use std::path::Path;

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::input::{self, InputKind};
use crate::questionnaire::{Questionnaire, QuestionnaireDraft};
use crate::rubric::Rubric;

/// The content of a questionnaire file, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// YAML text (or, as a baseline, a saved JSON assessment).
    Text(String),
    /// The bytes of an Excel workbook.
    Workbook(Vec<u8>),
}

/// Whether `path` names a workbook (`.xlsx`, `.xlsm`, any case) rather than YAML.
pub fn is_workbook(path: &Path) -> bool {
    crate::workbook::is_workbook(path)
}

/// Whether a folder entry is a questionnaire a batch picks up: `*.yaml`, `*.yml`, `*.xlsx` and
/// `*.xlsm` (any case), but not the lock file Excel keeps beside a workbook it has open
/// (`~$acme.xlsx`) nor a hidden file (`.acme.yaml`).
pub fn is_questionnaire_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    is_workbook(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

impl Source {
    /// Reads the file at `path` (`-` is standard input, read as text), within the size cap of
    /// its kind: a workbook by its extension, anything else as UTF-8 text.
    pub fn read(path: &Path) -> Result<Source, Error> {
        if is_workbook(path) {
            input::read(path, InputKind::Workbook).map(Source::Workbook)
        } else {
            input::read_to_string(path, InputKind::Questionnaire).map(Source::Text)
        }
    }

    /// [`Source::read`], reading text with `read_text` (a caller's own decoding and messages).
    pub(crate) fn read_with(
        path: &Path,
        read_text: &dyn Fn(&Path) -> Result<String, Diagnostic>,
    ) -> Result<Source, Diagnostic> {
        if is_workbook(path) {
            input::read_bytes(path, InputKind::Workbook).map(Source::Workbook)
        } else {
            read_text(path).map(Source::Text)
        }
    }

    /// The text, for a text source.
    pub fn text(&self) -> Option<&str> {
        match self {
            Source::Text(t) => Some(t),
            Source::Workbook(_) => None,
        }
    }

    /// The file's bytes, as they would be written back.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Source::Text(t) => t.as_bytes(),
            Source::Workbook(b) => b,
        }
    }

    /// Whether this is a workbook.
    pub fn is_workbook(&self) -> bool {
        matches!(self, Source::Workbook(_))
    }

    /// Parses the file into a draft, before it is checked against a rubric. A workbook's cell
    /// problems (an Excel error in a cell, an answer without a question id) are errors here.
    pub(crate) fn draft(&self, origin: &str) -> Result<QuestionnaireDraft, Diagnostics> {
        match self {
            Source::Text(text) => Questionnaire::parse(origin, text),
            Source::Workbook(bytes) => crate::workbook::read_draft(origin, bytes),
        }
    }

    /// Finds the questionnaire's rubric (or uses `rubric` when given) and validates every
    /// answer, reporting all problems at once; `origin` names the file in messages.
    pub fn load<'a>(
        &self,
        catalog: &'a Catalog,
        origin: &str,
        rubric: Option<&'a Rubric>,
    ) -> Result<(Cow<'a, Rubric>, Questionnaire), Diagnostics> {
        match self {
            Source::Text(text) => catalog.load_questionnaire(origin, text, rubric),
            Source::Workbook(bytes) => {
                crate::workbook::read_questionnaire(origin, bytes, catalog, rubric)
                    .map(|(r, q)| (Cow::Owned(r), q))
            }
        }
    }
}

/// Reads and validates the questionnaire at `path` (named in messages as the path is
/// written), YAML or workbook.
pub fn load<'a>(
    catalog: &'a Catalog,
    path: &Path,
    rubric: Option<&'a Rubric>,
) -> Result<(Cow<'a, Rubric>, Questionnaire), Diagnostics> {
    Source::read(path).map_err(Error::into_diagnostics)?.load(
        catalog,
        &path.display().to_string(),
        rubric,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_picks_questionnaires_and_skips_lock_files() {
        for yes in ["a.yaml", "b.YML", "c.xlsx", "d.XLSM", "dir/e.yml"] {
            assert!(is_questionnaire_file(Path::new(yes)), "{yes}");
        }
        for no in [
            "~$c.xlsx",
            ".hidden.yaml",
            "notes.md",
            "a.json",
            "a.csv",
            "a.xls",
        ] {
            assert!(!is_questionnaire_file(Path::new(no)), "{no}");
        }
    }
}
