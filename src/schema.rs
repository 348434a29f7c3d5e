//! JSON Schemas (draft-07) for editors: one for a rubric's questionnaires, generated from the
//! rubric's data, and one for rubric files, generated from the Rust types.
//!
//! The yaml-language-server reads the `# yaml-language-server: $schema=...` line at the top of
//! a file and then autocompletes question ids, shows each question's help on hover and flags
//! answers off the scale as they are typed.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

use crate::rubric::{AnswerSpec, Criterion, Rubric, Unit};

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

fn number(d: Decimal) -> Value {
    if d.fract().is_zero()
        && let Some(i) = d.to_i64()
    {
        return json!(i);
    }
    json!(d.to_f64().unwrap_or(0.0))
}

/// The schema of one criterion's plain value (no `unknown`, no evidence wrapper).
fn value_schema(criterion: &Criterion) -> Value {
    match &criterion.answer {
        // Only canonical spellings: `assess validate` also reads a label (`agree`) or `Yes`, but
        // warns and `assess fmt` rewrites them, so completion never offers two ways to say it.
        AnswerSpec::Likert { scale, .. } => {
            json!({ "type": "number", "minimum": 1, "maximum": scale })
        }
        // YAML 1.2 (the editor's reading) keeps `yes` and `no` as text.
        AnswerSpec::YesNo { .. } => json!({ "enum": ["yes", "no"] }),
        AnswerSpec::Number { unit, min, max, .. } => {
            let mut m = Map::new();
            m.insert(
                "type".into(),
                json!(if *unit == Unit::Count {
                    "integer"
                } else {
                    "number"
                }),
            );
            if let Some(min) = min {
                m.insert("minimum".into(), number(*min));
            }
            if let Some(max) = max {
                m.insert("maximum".into(), number(*max));
            }
            Value::Object(m)
        }
        AnswerSpec::Choice { options } => json!({
            "enum": options.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
            "markdownEnumDescriptions": options.iter().map(|o| o.label.clone()).collect::<Vec<_>>(),
        }),
    }
}

fn description(criterion: &Criterion) -> String {
    let mut d = criterion.prompt.trim().to_string();
    if !criterion.help.trim().is_empty() {
        d.push_str("\n\n");
        d.push_str(criterion.help.trim());
    }
    d.push_str("\n\n");
    d.push_str(&crate::rubric::wording::expected(criterion));
    // The whole scale, so `agree` can be typed as the number the editor accepts.
    if let AnswerSpec::Likert { labels, .. } = &criterion.answer
        && labels.len() > 2
    {
        let scale: Vec<String> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{} = {l}", i + 1))
            .collect();
        d.push_str(&format!("\n\nScale: {}.", scale.join(", ")));
    }
    d
}

/// The JSON Schema of questionnaires for `rubric`.
pub fn questionnaire_schema(rubric: &Rubric) -> Value {
    let mut answers = Map::new();
    let mut opinion = Map::new();
    for (_, criterion) in rubric.criteria() {
        let value = value_schema(criterion);
        let answer = json!({
            "description": description(criterion),
            "anyOf": [
                value,
                { "$ref": "#/definitions/no_answer" },
                {
                    "type": "object",
                    "title": "{value, evidence}",
                    "properties": {
                        "value": { "anyOf": [value, { "$ref": "#/definitions/no_answer" }] },
                        "evidence": { "type": ["string", "number", "boolean", "null"], "description": "Where the answer comes from, e.g. \"HRIS export, Oct 2026\"." }
                    },
                    "required": ["value"],
                    "additionalProperties": false
                }
            ]
        });
        answers.insert(criterion.id.to_string(), answer);
        if let (true, AnswerSpec::Likert { scale, .. }) = (criterion.opinion, &criterion.answer) {
            // Editors read `{1: 4, 2: 7}` with text keys ("1", "2"): match them by pattern.
            let points = format!(
                "^({})$",
                (1..=*scale)
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("|")
            );
            opinion.insert(criterion.id.to_string(), json!({
                "description": description(criterion),
                "anyOf": [
                    { "type": "number", "minimum": 1, "maximum": scale, "description": "the group's mean on the scale" },
                    { "type": "object",
                      "patternProperties": { points: { "type": "integer", "minimum": 0 } },
                      "additionalProperties": false,
                      "description": "how many people chose each point; the counts add up to the group's count" },
                    { "$ref": "#/definitions/no_answer" }
                ]
            }));
        }
    }
    json!({
        "$schema": DRAFT_07,
        "title": format!("Questionnaire: {} ({} {})", rubric.title, rubric.id, rubric.version),
        "description": format!("Answers to the `{}` rubric. Run `assess validate FILE` for the full check.", rubric.id),
        "type": "object",
        "additionalProperties": false,
        "required": ["rubric"],
        "properties": {
            "rubric": {
                "type": "string",
                "description": "The rubric these answers are for; `id@version` pins a version.",
                "pattern": format!("^{}(@{})?$", regex_escape(&rubric.id), regex_escape(&rubric.version)),
            },
            "organization": {
                "type": ["object", "null"],
                "description": "Facts about the organisation: `name` is shown on the report; others are free-form.",
                "properties": { "name": { "type": ["string", "number", "boolean", "null"] } }
            },
            "assessed_on": {
                "type": ["string", "null"],
                "description": "When the answers were collected, YYYY-MM-DD.",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            },
            "answers": {
                "type": ["object", "null"],
                "description": "One line per question: `question-id: answer`.",
                "properties": answers,
                "additionalProperties": false
            },
            "respondents": {
                "type": ["array", "null"],
                "description": format!("Opinion questions answered per group of respondents. Groups under {} people are never shown on their own.", rubric.min_group_size),
                "items": {
                    "type": "object",
                    "required": ["group", "count"],
                    "additionalProperties": false,
                    "properties": {
                        "group": { "type": ["string", "number"], "description": "The group's name, e.g. staff-plus-ic, managers, leadership." },
                        "count": { "type": ["integer", "null"], "minimum": 1, "description": "How many people in the group answered (a group left blank is skipped)." },
                        "answers": { "type": ["object", "null"], "properties": opinion, "additionalProperties": false }
                    }
                }
            }
        },
        "definitions": {
            "no_answer": {
                "description": "`unknown`: you do not know (an evidence gap, not a zero). `n/a`: the question does not apply. Blank: not answered yet.",
                "anyOf": [
                    { "enum": ["unknown", "n/a"] },
                    // Blank (null), said without naming `null`, so completion does not offer it.
                    { "not": { "type": ["string", "number", "boolean", "object", "array"] } }
                ]
            }
        }
    })
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                vec![c]
            } else {
                vec!['\\', c]
            }
        })
        .collect()
}

/// The JSON Schema of rubric files, generated from the Rust types.
pub fn rubric_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<crate::rubric::Definition>();
    serde_json::to_value(schema).unwrap_or(Value::Null)
}
