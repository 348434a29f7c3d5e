//! `assess init`: a blank questionnaire that explains itself.
//!
//! Every question is written with its prompt, its help and the answers it accepts as YAML
//! comments, and an empty value that `assess validate` counts as missing. A person who has
//! never seen YAML can fill it in guided by the comments alone.

use std::fmt::Write;

use crate::exact;
use crate::rubric::{AnswerSpec, Criterion, Rubric, Unit};

const WIDTH: usize = 92;

/// The blank questionnaire for `rubric`; `schema` is the file name for the
/// yaml-language-server line (none when printing to standard output without a schema file).
pub fn blank_questionnaire(rubric: &Rubric, groups: &[String], schema: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(schema) = schema {
        let _ = writeln!(out, "# yaml-language-server: $schema=./{schema}");
    } else {
        // The editor reads the schema address up to the first space; the hint gets its own
        // line so the modeline holds nothing else.
        let _ = writeln!(
            out,
            "# yaml-language-server: $schema=./{id}.schema.json\n\
             # (for answer checks in your editor, save the schema next to this file:\n\
             #  assess schema > {id}.schema.json)",
            id = rubric.id
        );
    }
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# {} ({} {})", rubric.title, rubric.id, rubric.version);
    comment_block(&mut out, "", &rubric.description);
    out.push_str(
        "#\n\
         # How to fill this in:\n\
         #   - Write each answer after the colon of its question, e.g.   staff-plus-forums: 3\n\
         #   - Do not know?  write   unknown   (shown as an evidence gap, never scored as zero)\n\
         #   - Does not apply to you?  write   n/a   (the question leaves the average)\n\
         #   - Say where an answer comes from:\n\
         #         staff-plus-forums: {value: 3, evidence: \"Planning and calibration invites, 2026\"}\n\
         #   - A question left blank counts as missing.\n\
         #   - Lines starting with # are comments; keep the two-space indentation as it is.\n\
         #   - Check the file at any time:   assess validate THIS-FILE\n\
         #\n",
    );
    let _ = writeln!(out, "rubric: {}", rubric.id);
    out.push_str(
        "organization:\n  name:                 # your organisation's name, shown on the report\n",
    );
    out.push_str("assessed_on:            # the date the answers were collected, YYYY-MM-DD\n");
    out.push_str("answers:\n");
    let grouped = !groups.is_empty();
    for commitment in &rubric.commitments {
        let rule = "─".repeat(WIDTH.saturating_sub(commitment.title.chars().count() + 8));
        let _ = writeln!(out, "\n  # ── {} {rule}", commitment.title);
        comment_block(&mut out, "  ", &commitment.description);
        for criterion in &commitment.criteria {
            out.push('\n');
            if grouped && criterion.opinion {
                let _ = writeln!(
                    out,
                    "  # {}: answered per respondent group under `respondents:` below.",
                    criterion.id
                );
                continue;
            }
            question(&mut out, "  ", criterion);
            let _ = writeln!(out, "  {}:", criterion.id);
        }
    }
    if grouped {
        groups_block(&mut out, rubric, groups);
    }
    out
}

fn question(out: &mut String, indent: &str, criterion: &Criterion) {
    comment_block(out, indent, &criterion.prompt);
    if !criterion.help.trim().is_empty() {
        comment_block(
            out,
            indent,
            &format!("How to find it: {}", criterion.help.trim()),
        );
    }
    for line in allowed(criterion) {
        let _ = writeln!(out, "{indent}# {line}");
    }
    if criterion.is_context() {
        let _ = writeln!(
            out,
            "{indent}# (Context: not scored, but other questions depend on it.)"
        );
    }
}

/// The allowed answers, one comment line each.
fn allowed(criterion: &Criterion) -> Vec<String> {
    let mut lines = Vec::new();
    match &criterion.answer {
        AnswerSpec::Likert { scale, labels, .. } => {
            lines.push(format!(
                "Answer 1-{scale} (a decimal such as 3.4 is fine for a survey mean):"
            ));
            for (i, l) in labels.iter().enumerate() {
                lines.push(format!("  {} = {l}", i + 1));
            }
        }
        AnswerSpec::YesNo { .. } => lines.push("Answer: yes or no".into()),
        AnswerSpec::Number { unit, min, max, .. } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!(" from {} to {}", exact::plain(*a), exact::plain(*b)),
                _ => String::new(),
            };
            lines.push(match unit {
                Unit::Ratio => {
                    format!("Answer: a ratio written as a decimal{range}, e.g. 0.95 (not 95%)")
                }
                Unit::Percent => format!(
                    "Answer: a percentage as a plain number{range}, e.g. 38 for 38% (no % sign)"
                ),
                Unit::Count => format!("Answer: a whole number{range}"),
                Unit::Months => format!("Answer: a number of months{range}"),
            });
        }
        AnswerSpec::Choice { options } => {
            lines.push("Answer one of:".into());
            let width = options.iter().map(|o| o.id.len()).max().unwrap_or(0);
            for o in options {
                lines.push(format!("  {:<width$}  {}", o.id, o.label));
            }
        }
    }
    lines.push("Or: unknown / n/a".into());
    lines
}

fn groups_block(out: &mut String, rubric: &Rubric, groups: &[String]) {
    let _ = write!(
        out,
        "\n# ── Respondent groups {}\n\
         # Opinion questions answered by groups of people (a survey). For each group write how\n\
         # many people answered (`count`) and, per question, either the group's mean (e.g. 3.4)\n\
         # or how many chose each point, e.g.  {{1: 0, 2: 1, 3: 2, 4: 3, 5: 1}}  (adding up to count).\n\
         # Groups smaller than {} people are never shown on their own: they count in the averages only.\n\
         # A group left with a blank count is skipped.\n\
         respondents:\n",
        "─".repeat(WIDTH - 22),
        rubric.min_group_size
    );
    for g in groups {
        let _ = writeln!(out, "  - group: {g}\n    count:\n    answers:");
        for (_, criterion) in rubric.criteria().filter(|(_, k)| k.opinion) {
            comment_block(out, "      ", &criterion.prompt);
            let _ = writeln!(out, "      {}:", criterion.id);
        }
    }
}

/// Writes `text` as comment lines wrapped at the page width.
fn comment_block(out: &mut String, indent: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let room = WIDTH.saturating_sub(indent.len() + 2).max(30);
    for paragraph in text.split("\n\n") {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
                let _ = writeln!(out, "{indent}# {line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            let _ = writeln!(out, "{indent}# {line}");
        }
    }
}
