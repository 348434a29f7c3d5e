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

pub mod article;
pub mod assessment;
pub mod catalog;
pub mod condition;
pub mod diagnostic;
pub mod evaluate;
pub mod exact;
pub mod init;
pub mod questionnaire;
pub mod render;
pub mod rubric;
mod rubric_check;
pub mod rubric_doc;
pub mod schema;
pub mod suggest;
pub mod summary;
pub mod yaml;

pub use article::{Article, ArticleLink, Articles};
pub use assessment::{Assessment, PatternStatus, State};
pub use catalog::Catalog;
pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use evaluate::evaluate;
pub use questionnaire::{Answer, AnswerValue, Questionnaire, Response};
pub use render::{Format, RenderOptions, render};
pub use rubric::Rubric;
