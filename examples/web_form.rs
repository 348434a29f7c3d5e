//! Scoring answers that arrive from a web form, as a backend receives them: one JSON object
//! with the organisation and an answer per question. No YAML is written: the answers go
//! through the questionnaire builder, which checks them against the rubric exactly as a file
//! is checked, and every problem names the form field it is about.
//!
//! Run with `cargo run --example web_form`; `tests/api_questionnaire.rs` runs the same code.

use assess::{AnswerInput, Catalog, Format, Questionnaire, RenderOptions};
use serde_json::Value;

/// What the form posts: answers as the browser sends them (mostly text; numbers and
/// checkboxes where the form used number and checkbox inputs; empty fields left blank).
pub const FILLED_FORM: &str = r#"{
  "org": {"name": "Harbour Freight Labs", "engineers": 140},
  "answers": {
    "engineers": 140,
    "ic-ladder-top": "staff",
    "staff-plus-share": "12.5",
    "staff-plus-forums": 1,
    "staff-to-manager-pay": "0.82",
    "band-structure": "manager-higher",
    "switch-raise": true,
    "ic-decision-rights": false,
    "staff-plus-authored-decisions": "20",
    "written-expectations": "yes",
    "documented-levels": 80,
    "written-promotion-criteria": "yes",
    "level-mapping": "no",
    "ladder-age-months": 30,
    "ladder-headroom": "yes",
    "tenure-promotions": 15,
    "people-managers": 18,
    "career-conversations": "annual",
    "self-nominated-managers": 50,
    "pay-motivated-managers": 40,
    "trial-management-stints": 0,
    "manager-training": "",
    "two-way-switch-policy": "no",
    "em-to-ic-moves": 0,
    "return-grade": "unknown",
    "reassigned-managers-share": 30,
    "ic-respect": 2.6
  }
}"#;

/// The same form with two slips a person makes: an option the rubric does not have and a
/// ratio typed as a percentage.
pub const FORM_WITH_MISTAKES: &str = r#"{
  "org": {"name": "Northwind Robotics"},
  "answers": {"ic-ladder-top": "grand-wizard", "staff-to-manager-pay": "82%"}
}"#;

/// Turns the posted JSON into a checked questionnaire, scores it and renders the report as
/// Markdown; on bad answers, returns every problem, each located by its form field.
pub fn score_form(posted: &str) -> Result<String, String> {
    let form: Value = serde_json::from_str(posted).map_err(|e| format!("not JSON: {e}"))?;
    let catalog = Catalog::builtin();
    let rubric = catalog.get("dual-track").ok_or("no built-in rubric")?;

    let mut builder = Questionnaire::builder(rubric);
    if let Some(org) = form["org"].as_object() {
        for (fact, value) in org {
            builder = builder.organization(fact, input(value));
        }
    }
    if let Some(answers) = form["answers"].as_object() {
        for (question, value) in answers {
            builder = builder.answer(question, input(value));
        }
    }
    // Validate: every problem at once, e.g. `<builder>:answers.ic-ladder-top: error[...]`.
    let questionnaire = builder.build().map_err(|problems| problems.to_string())?;

    // Evaluate (pure, exact) and render.
    let assessment =
        assess::evaluate(rubric, &questionnaire, &catalog.articles).map_err(|e| e.to_string())?;
    assess::render(&assessment, Format::Markdown, &RenderOptions::default())
        .map_err(|e| e.to_string())
}

/// A form value as the builder takes it: text as typed, numbers by their digits (never
/// through a float), checkboxes as yes/no, an empty field as blank.
fn input(value: &Value) -> AnswerInput {
    match value {
        Value::Bool(b) => AnswerInput::YesNo(*b),
        Value::Number(n) => AnswerInput::Text(n.to_string()),
        Value::String(s) => AnswerInput::Text(s.clone()),
        _ => AnswerInput::Text(String::new()),
    }
}

#[allow(dead_code)] // `tests/api_questionnaire.rs` includes this file for `score_form` only.
fn main() {
    match score_form(FILLED_FORM) {
        Ok(report) => println!("{}", report.lines().take(12).collect::<Vec<_>>().join("\n")),
        Err(problems) => eprintln!("{problems}"),
    }
    println!("\n--- a form with mistakes ---\n");
    if let Err(problems) = score_form(FORM_WITH_MISTAKES) {
        println!("{problems}");
    }
}
