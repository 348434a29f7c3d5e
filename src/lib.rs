//! `assess`: a leadership-pipeline diagnostic engine.
//!
//! An organisation answers a questionnaire; `assess` scores it against a rubric of
//! commitments, criteria and failure patterns and renders a report in which every weak score
//! links to the guidance article that explains the fix. Data flows one way:
//!
//! **load** ([`Catalog`], [`Rubric`]) → **validate** ([`Questionnaire`], from a YAML file,
//! JSON text or the [`QuestionnaireBuilder`]; all problems at once, as [`Diagnostics`]) →
//! **evaluate** ([`evaluate()`], pure, exact decimals) → [`Assessment`] → **render**
//! ([`render()`]: text, Markdown, HTML via templates; JSON via serde).
//!
//! A [`Questionnaire`] cannot be filled in unchecked, so [`evaluate()`] only ever sees answers
//! that fit the rubric.
//!
//! Everything else a caller can get wrong is an [`Error`]: a file that cannot be read (its
//! path, and the operating system's error as the source), a template that fails (line,
//! column, the undefined name), a rubric id no rubric has. [`Error::code`] names it, and
//! `assess explain CODE` explains it.
//!
//! ```
//! use assess::{Catalog, Format, PatternStatus, Questionnaire, RenderOptions};
//!
//! let catalog = Catalog::builtin();
//! let rubric = catalog.get("dual-track").unwrap();
//!
//! // From a file...
//! let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n  band-structure: manager-higher\n";
//! let (_, from_file) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
//! // ...or from code: the same checks, the same result.
//! let from_code = Questionnaire::builder(rubric)
//!     .answer("staff-to-manager-pay", "0.78")
//!     .answer("band-structure", "manager-higher")
//!     .build()
//!     .unwrap();
//! assert_eq!(from_file.answers(), from_code.answers());
//!
//! let assessment = assess::evaluate(rubric, &from_code, &catalog.articles).unwrap();
//! let pay_skew = assessment.failure_patterns.iter().find(|p| p.id == "pay-skew").unwrap();
//! assert_eq!(pay_skew.status, PatternStatus::Triggered);
//! let json = assess::render(&assessment, Format::Json, &RenderOptions::default()).unwrap();
//! assert!(json.contains("\"pay-skew\""));
//! ```
//!
//! For consultants, [`compare()`] sets an assessment beside a baseline (last year's
//! questionnaire or saved JSON) and splits the change into the organisation's part and the
//! rubric's; [`render_compared`] renders it.
#![deny(missing_docs)]
// A `Diagnostic` (128 bytes) travels only on the error path, where its size costs nothing.
#![allow(clippy::result_large_err)]

// The API is the crate root: the items re-exported below, each documented with an example.
// Every module is private but `cli`, the command line, which is `#[doc(hidden)]` (absent from
// `cargo doc`, no stability promise): `src/main.rs` only calls `cli::main`.
mod assessment;
mod catalog;
#[doc(hidden)]
pub mod cli;
mod compare;
mod diagnostic;
mod error;
mod evaluate;
mod exact;
mod fast_hash;
mod fmt;
mod init;
mod input;
mod input_kind;
mod json_escape;
mod portfolio;
mod questionnaire;
mod render;
mod rubric;
mod schema;
mod source;
mod suggest;
mod summary;
mod survey;
mod workbook;
mod yaml;

// Old paths of the modules that moved into the rubric room, for code inside the crate.
use rubric::doc as rubric_doc;
use rubric::{article, condition};

pub use assessment::{
    AnswerCounts, Assessment, BandInfo, BandState, CommitmentResult, CriterionResult, GapSeverity,
    GroupMean, GroupResult, Overall, PatternResult, PatternStatus, PerceptionGap, Plan, Points,
    Recommendation, RubricInfo, SCHEMA_VERSION, Score, StageInfo, StageNotYet, State, Summary,
    Thresholds, ToConfirm, Warning,
};
pub use catalog::Catalog;
pub use compare::{
    AnswerChange, Baseline, BaselineKind, Changes, Comparison, GapSeen, PatternChange,
    RubricChange, RubricVersion, ScoreChange, Scored, Split, SplitLine, compare,
};
pub use diagnostic::{
    Code, Diagnostic, Diagnostics, Location, MAX_DIAGNOSTICS_PER_FILE, Severity, UnknownCode,
};
pub use error::{Error, TemplateError};
pub use evaluate::{best_answer, evaluate};
pub use input_kind::InputKind;
pub use questionnaire::{
    Answer, AnswerInput, AnswerValue, GroupAnswer, Questionnaire, QuestionnaireBuilder,
    RespondentGroup, Response, RubricRef,
};
pub use render::{Format, RenderOptions, render, render_compared};
/// How serious a failure pattern is (the rubric's `severity:`); named apart from a
/// diagnostic's [`Severity`].
pub use rubric::Severity as PatternSeverity;
pub use rubric::article::{Article, ArticleLink, Articles, LinkText};
pub use rubric::{
    AnswerSpec, Band, ChoiceOption, Commitment, Criterion, Effort, FailurePattern, Point, Rubric,
    Stage, Stages, Text, Unit,
};
pub use source::Source;

/// For the `yaml` fuzz target and its corpus replay only, not part of the API: whether the
/// YAML fast path took `text` (`Ok(false)` when it left it to serde-saphyr), or how its tree
/// differs from serde-saphyr's.
#[doc(hidden)]
pub fn __yaml_paths_agree(text: &str) -> Result<bool, String> {
    yaml::paths_agree(text)
}
