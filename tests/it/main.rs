//! Every integration test of `assess`, in one test binary (one link step, one process to
//! start), one module a topic. Run them all with `cargo test`, or one topic with a filter:
//! `cargo test --test it editor` runs the tests whose path contains `editor`.
//!
//! Tests that run the built `assess` binary go through the one runner in `common`
//! (`common::assess`, `common::assess_in`, or the `common::Assess` builder for standard input).
//! Snapshots live in `tests/it/snapshots/`, named `it__<topic>__<name>.snap`; after a deliberate
//! change, review the new output and accept it with `INSTA_UPDATE=always cargo test --test it
//! <topic>` (or `cargo insta review`).

mod common;

mod advice;
mod api_questionnaire;
mod cli;
mod code_layout;
mod corpus;
mod editor;
mod errors_explain;
mod fmt;
mod fuzz_corpus;
mod hardening;
mod hr_survey_scales;
mod hr_tools;
mod hr_xlsx;
mod limits;
mod portfolio;
mod print;
mod properties;
mod readme;
mod report_safety;
mod schema;
mod scoring;
mod shell;
mod templates;
