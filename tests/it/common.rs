//! Helpers shared by the integration test modules.

use std::fmt::Write as _;

/// Answer-state counts as `assess validate` and the report show them.
#[derive(Debug)]
#[allow(dead_code)]
pub struct Tally {
    pub answered: usize,
    pub unknown: usize,
    pub not_applicable: usize,
    pub missing: usize,
}

/// Counts a questionnaire's answer states through the evaluator, as the CLI does.
#[allow(dead_code)]
pub fn tally(rubric: &assess::Rubric, q: &assess::Questionnaire) -> Tally {
    let c = assess::evaluate(rubric, q, &assess::Catalog::builtin().articles).answers;
    Tally {
        answered: c.scored + c.context,
        unknown: c.unknown,
        not_applicable: c.not_applicable + c.not_yet,
        missing: c.missing,
    }
}

/// A valid value for a criterion, as a person would type it after `id: `.
#[allow(dead_code)]
pub fn sample_value(spec: &assess::rubric::AnswerSpec) -> String {
    match spec {
        assess::rubric::AnswerSpec::Likert { scale, .. } => scale.div_ceil(2).max(1).to_string(),
        assess::rubric::AnswerSpec::YesNo { .. } => "yes".into(),
        assess::rubric::AnswerSpec::Number {
            min, max, points, ..
        } => {
            let x = min
                .or_else(|| points.first().map(|p| p.x))
                .or(*max)
                .unwrap_or_default();
            let x = match (min, max) {
                (Some(a), _) if x < *a => *a,
                (_, Some(b)) if x > *b => *b,
                _ => x,
            };
            x.normalize().to_string()
        }
        assess::rubric::AnswerSpec::Choice { options } => options[0].id.clone(),
        other => panic!("no sample for the answer type {other:?}"),
    }
}

/// Fills every blank `  criterion-id:` line of an `assess init` file with a valid value, and
/// every blank group `count:` and group answer when `groups` is set.
#[allow(dead_code)]
pub fn fill(rubric: &assess::Rubric, blank: &str) -> (String, usize) {
    let mut filled = String::new();
    let mut answered = 0;
    for line in blank.lines() {
        let trimmed = line.trim_end();
        let indent = trimmed.len() - trimmed.trim_start().len();
        let key = trimmed.trim_start().strip_suffix(':');
        let criterion = key.and_then(|k| rubric.criterion(k));
        match (indent, key, criterion) {
            (2, Some(_), Some(c)) => {
                let _ = writeln!(filled, "{trimmed} {}", sample_value(&c.answer));
                answered += 1;
            }
            (6, Some(_), Some(c)) if c.opinion => {
                let _ = writeln!(filled, "{trimmed} {}", sample_value(&c.answer));
            }
            (4, Some("count"), None) => {
                let _ = writeln!(filled, "{trimmed} 7");
            }
            _ => {
                let _ = writeln!(filled, "{line}");
            }
        }
    }
    (filled, answered)
}
