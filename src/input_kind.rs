//! What an input is read as ([`InputKind`]) and the limits on reading it.
//!
//! Its own room so that both the reader (`input`) and the error type (`error`) can name a
//! kind of input without importing each other: `input` returns [`crate::Error`], and
//! [`crate::Error::Read`] says what was being read.

use std::time::Duration;

/// What is being read; each kind has its own size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputKind {
    /// A questionnaire (YAML).
    Questionnaire,
    /// A rubric file (YAML).
    Rubric,
    /// An article (Markdown with YAML front matter) from `--articles`.
    Article,
    /// A report template from `--templates`.
    Template,
    /// A logo image from `--logo`.
    Logo,
    /// A questionnaire workbook (`.xlsx`).
    Workbook,
    /// A survey tool's CSV export.
    SurveyExport,
}

impl InputKind {
    /// The most bytes accepted for this kind of input.
    pub const fn limit(self) -> usize {
        match self {
            InputKind::Questionnaire | InputKind::Rubric => crate::yaml::MAX_INPUT_BYTES,
            InputKind::Article | InputKind::Template => 1024 * 1024,
            InputKind::Logo => 2 * 1024 * 1024,
            InputKind::Workbook => 32 * 1024 * 1024,
            InputKind::SurveyExport => 64 * 1024 * 1024,
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            InputKind::Questionnaire => "questionnaire",
            InputKind::Rubric => "rubric",
            InputKind::Article => "article",
            InputKind::Template => "template",
            InputKind::Logo => "logo",
            InputKind::Workbook => "workbook",
            InputKind::SurveyExport => "survey export",
        }
    }

    pub(crate) fn typical(self) -> &'static str {
        match self {
            InputKind::Questionnaire | InputKind::Rubric => {
                "questionnaires and rubrics are a few kilobytes"
            }
            InputKind::Article => "articles are a few kilobytes of Markdown",
            InputKind::Template => "templates are a few kilobytes",
            InputKind::Logo => "a logo is embedded in every report; use an image under 2 MiB",
            InputKind::Workbook => "a questionnaire workbook is a few dozen kilobytes",
            InputKind::SurveyExport => "a survey export holds one row per respondent",
        }
    }
}

/// How long a FIFO or device may stay silent before reading gives up.
pub const QUIET_LIMIT: Duration = Duration::from_secs(30);

/// `1 MiB`, `512 KiB`.
pub(crate) fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}
