//! `assess`: a leadership-pipeline diagnostic engine.
//!
//! An organisation answers a YAML questionnaire; `assess` scores it against a rubric of
//! commitments, criteria and failure patterns and renders a report in which every weak score
//! links to the guidance article that explains the fix. Data flows one way:
//!
//! **load** ([`Catalog`], [`Rubric`], [`Questionnaire`]) → **validate** (all problems at once,
//! as [`Diagnostics`]) → **evaluate** ([`evaluate()`], pure, exact decimals) → [`Assessment`] →
//! **render** ([`render()`]: text, Markdown, HTML via minijinja templates; JSON via serde).
//!
//! For consultants, [`compare`] sets an assessment beside a baseline (last year's
//! questionnaire or saved JSON) and splits the change into the organisation's part and the
//! rubric's; [`render::render_compared`] renders it. [`portfolio`] runs a batch over many files
//! on all cores and writes the portfolio index.
//!
//! ```
//! use assess::{Catalog, Format, RenderOptions};
//!
//! let catalog = Catalog::builtin();
//! let text = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n  band-structure: manager-higher\n";
//! let (rubric, questionnaire) = catalog.load_questionnaire("acme.yaml", text, None).unwrap();
//! let assessment = assess::evaluate(&rubric, &questionnaire, &catalog.articles);
//!
//! let pay_skew = assessment.failure_patterns.iter().find(|p| p.id == "pay-skew").unwrap();
//! assert_eq!(pay_skew.status, assess::PatternStatus::Triggered);
//! let json = assess::render(&assessment, Format::Json, &RenderOptions::default()).unwrap();
//! assert!(json.contains("\"pay-skew\""));
//! ```
#![deny(missing_docs)]
// A `Diagnostic` (128 bytes) travels only on the error path, where its size costs nothing.
#![allow(clippy::result_large_err)]

pub mod article;
pub mod assessment;
pub mod catalog;
pub mod compare;
pub mod condition;
pub mod diagnostic;
pub mod error;
pub mod evaluate;
pub mod exact;
pub mod fmt;
pub mod init;
pub mod input;
pub mod portfolio;
pub mod questionnaire;
pub mod render;
pub mod rubric;
mod rubric_check;
pub mod rubric_doc;
pub mod schema;
pub mod suggest;
pub mod summary;
pub mod survey;
pub mod workbook;
pub mod yaml;

pub use article::{Article, ArticleLink, Articles};
pub use assessment::{Assessment, PatternStatus, State};
pub use catalog::Catalog;
pub use compare::Comparison;
pub use diagnostic::{Diagnostic, Diagnostics, Location, Severity};
pub use error::Error;
pub use evaluate::evaluate;
pub use questionnaire::{Answer, AnswerValue, Questionnaire, Response};
pub use render::{Format, RenderOptions, render};
pub use rubric::Rubric;
