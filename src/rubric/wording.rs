//! What each answer type accepts, in words: the one place this is phrased, for the hints of
//! questionnaire diagnostics and the descriptions in the editor schema.
//!
//! Only `rubric` types are used here, so everything downstream of the rubric (reading a
//! questionnaire, the schema, the blank questionnaire) can share the wording.

use rust_decimal::Decimal;

use super::{AnswerSpec, Criterion, Unit};
use crate::exact;

/// Reads yes/no as people write it (`yes`, `No`, `y`, `true`), in answers and rubric literals.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    // Compared without lowercasing a copy: rubric conditions test yes/no answers often.
    let t = text.trim();
    let any = |words: [&str; 3]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if any(["yes", "true", "y"]) {
        Some(true)
    } else if any(["no", "false", "n"]) {
        Some(false)
    } else {
        None
    }
}

/// What a number of this unit is, as a noun phrase with an example.
pub fn unit_phrase(unit: Unit) -> &'static str {
    match unit {
        Unit::Ratio => "a ratio written as a decimal (e.g. 0.95)",
        Unit::Percent => "a percentage written as a number from 0 to 100 (e.g. 38 for 38%)",
        Unit::Count => "a whole number",
        Unit::Months => "a number of months",
    }
}

/// What a criterion accepts, as a hint sentence.
pub fn expected(criterion: &Criterion) -> String {
    match &criterion.answer {
        AnswerSpec::Likert { scale, labels, .. } => {
            let ends = match (labels.first(), labels.last()) {
                (Some(a), Some(b)) => format!(" (1 = {a}, {scale} = {b})"),
                _ => String::new(),
            };
            format!("answer with a number from 1 to {scale}{ends}, or `unknown` / `n/a`")
        }
        AnswerSpec::YesNo { .. } => "answer `yes` or `no`, or `unknown` / `n/a`".into(),
        AnswerSpec::Number { unit, min, max, .. } => format!(
            "answer with {} in the range {}, or `unknown` / `n/a`",
            unit_phrase(*unit),
            range(*min, *max)
        ),
        AnswerSpec::Choice { options } => format!(
            "expected one of: {}",
            options
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// An allowed range in words: `0-100`, `1 or more`, `up to 12`, `of any size`.
pub fn range(min: Option<Decimal>, max: Option<Decimal>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{}-{}", exact::plain(a), exact::plain(b)),
        (Some(a), None) => format!("{} or more", exact::plain(a)),
        (None, Some(b)) => format!("up to {}", exact::plain(b)),
        (None, None) => "of any size".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn yes_and_no_as_people_write_them() {
        use super::parse_yes_no;
        assert_eq!(parse_yes_no(" Yes"), Some(true));
        assert_eq!(parse_yes_no("n"), Some(false));
        assert_eq!(parse_yes_no("maybe"), None);
    }

    proptest::proptest! {
        /// Reading without a lowercased copy accepts exactly what reading a lowercased copy
        /// does, whatever the case, padding or extra characters (`İ` lowercases to two).
        #[test]
        fn yes_no_reads_as_a_lowercased_copy_would(
            text in "[ \\t]{0,2}(yes|YES|Yes|y|Y|true|TRUE|no|No|n|N|FALSE|false|yess|İ|ye|nö)[ \\t]{0,2}",
            other in "\\PC{0,6}",
        ) {
            let general = |t: &str| match t.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" | "y" => Some(true),
                "no" | "false" | "n" => Some(false),
                _ => None,
            };
            proptest::prop_assert_eq!(super::parse_yes_no(&text), general(&text));
            proptest::prop_assert_eq!(super::parse_yes_no(&other), general(&other));
        }
    }
}
