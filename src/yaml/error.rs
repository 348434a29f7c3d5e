//! A serde-saphyr error as a located diagnostic a person can act on.
//!
//! The kind of problem is read from serde-saphyr's typed error (its budget breach, the
//! parser's error kind, serde's unknown or missing field), never from its English message;
//! the message itself is kept, minus the parser's own location text.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

use crate::diagnostic::{Code, Diagnostic, Location};

/// Turns a serde-saphyr error into a located diagnostic with a message a person can act on.
pub(crate) fn yaml_error(origin: &str, text: &str, error: &Error) -> Diagnostic {
    let (line, column) = error
        .location()
        .map(|l| (l.line().max(1) as u32, l.column().max(1) as u32))
        .unwrap_or((1, 1));
    let raw = error.without_snippet().to_string();
    let explained = explain(&problem(error), &clean_message(&raw), text, line, column);
    let mut d = Diagnostic::error(
        explained.code,
        Location::new(origin, explained.line, explained.column),
        explained.message,
    )
    .with_width(explained.width);
    d.hint = explained.hint;
    d
}

/// What went wrong, as serde-saphyr's error variants tell it.
#[derive(Debug)]
enum Problem<'a> {
    /// A budget against hostile input was exceeded.
    Budget(&'a BudgetBreach),
    /// Aliases expand to too many values (serde-saphyr's replay limits).
    AliasExpansion,
    /// More than one document in the file.
    MultipleDocuments,
    /// The YAML parser's own error.
    Syntax(&'a ErrorKind),
    /// A key (or a value from a fixed list) that its place does not accept.
    UnknownName {
        name: &'a str,
        expected: Vec<&'a str>,
        what: &'static str,
    },
    /// A required key is missing.
    MissingField(&'a str),
    /// Anything else (a wrong type, a custom message).
    Other,
}

/// Reads the kind of problem from the error's variant (looking through wrappers).
fn problem(error: &Error) -> Problem<'_> {
    match error {
        Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => problem(error),
        Error::Budget { breach, .. } => Problem::Budget(breach),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => Problem::AliasExpansion,
        Error::MultipleDocuments { .. } => Problem::MultipleDocuments,
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => Problem::Syntax(scan.kind()),
            _ => Problem::Other,
        },
        Error::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownName {
            name: field,
            expected: expected.clone(),
            what: "field",
        },
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => Problem::UnknownName {
            name: variant,
            expected: expected.clone(),
            what: "value",
        },
        Error::SerdeMissingField { field, .. } => Problem::MissingField(field),
        Error::Message { msg, .. } => answer_type(msg).unwrap_or(Problem::Other),
        _ => Problem::Other,
    }
}

/// The rubric's own error for an unknown answer `type:` (raised by `assess` itself, in
/// `rubric.rs`, and naming the types it accepts).
fn answer_type(message: &str) -> Option<Problem<'_>> {
    let rest = message.strip_prefix("unknown answer type `")?;
    let (name, tail) = rest.split_once('`')?;
    let expected = tail.split_once(':')?.1.split(',').map(str::trim).collect();
    Some(Problem::UnknownName {
        name,
        expected,
        what: "answer type",
    })
}

/// The parser's message without its own location text (the diagnostic carries the location).
fn clean_message(raw: &str) -> String {
    let mut s = raw.trim();
    for prefix in ["error: ", "Error: "] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    if let Some(rest) = s.strip_prefix("line ")
        && let Some(idx) = rest.find(": ")
        && rest[..idx].contains("column")
    {
        s = &rest[idx + 2..];
    }
    let mut s = s.lines().next().unwrap_or("").trim().to_string();
    for marker in [" (defined at", " (used at", " at line "] {
        if let Some(i) = s.find(marker) {
            s.truncate(i);
        }
    }
    s.replace(", set DuplicateKeyPolicy in Options if acceptable", "")
        .replace("YAML parse error: ", "")
        .replace("while parsing a block mapping, ", "")
        .replace("while parsing a flow mapping, ", "")
        .trim()
        .to_string()
}

struct Explained {
    code: Code,
    message: String,
    hint: Option<String>,
    line: u32,
    column: u32,
    width: usize,
}

/// Picks a stable code, the most useful location and a hint for a YAML or shape error.
fn explain(problem: &Problem<'_>, message: &str, text: &str, line: u32, column: u32) -> Explained {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut e = Explained {
        code: Code::YamlSyntax,
        message: message.to_string(),
        hint: Some(
            "this is not valid YAML; compare the line with the examples in `assess init` output"
                .into(),
        ),
        line,
        column,
        width: 1,
    };
    if too_complex(problem, text, &mut e) {
        return e;
    }
    let syntax = match problem {
        Problem::Syntax(kind) => Some(*kind),
        _ => None,
    };
    let is = |f: fn(&ErrorKind) -> bool| syntax.is_some_and(f);
    // A tab in the indentation near the reported spot: point at the tab itself.
    if (is(is_tab) || text.contains('\t')) && tab(&lines, &mut e) {
        return e;
    }
    // `engineers:400` on a line before the reported spot: YAML read it as one word.
    if is(|k| {
        matches!(
            k,
            ErrorKind::MappingValueNotAllowed
                | ErrorKind::ExpectedBlockMappingKey
                | ErrorKind::SimpleKeyExpected
        )
    }) && missing_space(&lines, &mut e)
    {
        return e;
    }
    let at = |n: u32| {
        lines
            .get(n.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("")
    };
    if is(|k| matches!(k, ErrorKind::MappingKeyNotAllowed)) && at(line).trim_end().ends_with('?') {
        e.code = Code::YamlQuestionMark;
        e.message = "a lone `?` has a special meaning in YAML".into();
        e.hint = Some("write `unknown` when you do not know the answer (it is reported as an evidence gap, not scored as zero)".into());
        return e;
    }
    if is(|k| {
        matches!(
            k,
            ErrorKind::ExpectedFlowMappingSeparator | ErrorKind::ExpectedFlowSequenceSeparator
        )
    }) {
        e.code = Code::YamlFlow;
        e.hint = Some("inside `{ ... }`, text containing `: ` or `,` needs quotes, e.g. evidence: \"Source: charter 2026\"".into());
        return e;
    }
    if is(is_indentation) {
        e.code = Code::YamlIndentation;
        e.hint = Some(
            "check the indentation: every answer sits under `answers:` indented by the same number of spaces (two), and each line has the form `id: value`".into(),
        );
        return e;
    }
    shape(problem, &mut e);
    e
}

/// Budgets and nesting limits: the file is refused as too complex, with what was exceeded.
fn too_complex(problem: &Problem<'_>, text: &str, e: &mut Explained) -> bool {
    let aliases = text.contains('*') && text.contains('&');
    let message = match problem {
        Problem::MultipleDocuments | Problem::Budget(BudgetBreach::Documents { .. }) => {
            "the file holds more than one YAML document (a line `---` starts a new one)"
        }
        Problem::Budget(BudgetBreach::Depth { .. })
        | Problem::Syntax(ErrorKind::RecursionLimitExceeded) => {
            "values are nested more than 32 levels deep"
        }
        Problem::Budget(BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. }) if aliases => {
            "the anchors and aliases (`&name`, `*name`) in this file expand to too many values"
        }
        Problem::Budget(BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. }) => {
            "the file holds too many values (over 200,000) to be a questionnaire or rubric"
        }
        Problem::AliasExpansion => {
            "the anchors and aliases (`&name`, `*name`) in this file expand to too many values"
        }
        Problem::Budget(_) => "the file uses too many anchors or aliases (`&name`, `*name`)",
        _ => return false,
    };
    let documents = message.contains("document");
    e.code = Code::YamlTooComplex;
    e.message = message.into();
    e.hint = Some(if documents {
        "keep one document per file: remove the second `---` and what follows, or split the file"
            .into()
    } else {
        "questionnaires need neither anchors nor deep nesting: write each answer out on its own line".into()
    });
    true
}

fn is_tab(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabInIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInPlainScalar
    )
}

fn is_indentation(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::InvalidIndentation
            | ErrorKind::InvalidBlockScalarIndent
            | ErrorKind::InvalidQuotedScalarIndent
            | ErrorKind::InvalidFlowScalarIndent
            | ErrorKind::ZeroBlockScalarIndent
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::MappingValueNotAllowed
            | ErrorKind::ExpectedBlockMappingKey
    )
}

/// Points at a tab in the indentation of the reported line or a neighbour, if there is one.
fn tab(lines: &[&str], e: &mut Explained) -> bool {
    let line = e.line;
    for n in [line, line + 1, line.saturating_sub(1)] {
        let l = lines
            .get(n.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
        if let Some(i) = indent.chars().position(|c| c == '\t') {
            e.code = Code::YamlTab;
            e.message = "a tab character is used for indentation".into();
            e.hint = Some(
                "YAML indents with spaces only: replace the tab with spaces (two per level)".into(),
            );
            e.line = n;
            e.column = i as u32 + 1;
            return true;
        }
    }
    false
}

/// Finds `key:value` (no space) on the reported line or above it.
fn missing_space(lines: &[&str], e: &mut Explained) -> bool {
    for n in (1..=e.line).rev() {
        let l = lines
            .get(n.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let trimmed = l.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        if let Some((key, value)) = trimmed.split_once(':')
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && value.chars().next().is_some_and(|c| !c.is_whitespace())
        {
            e.code = Code::YamlMissingSpace;
            e.message = format!(
                "`{}` has no space after the colon, so YAML reads it as one word",
                trimmed.trim_end()
            );
            e.hint = Some(format!(
                "add a space after the colon: `{key}: {}`",
                value.trim()
            ));
            e.line = n;
            e.column = (l.len() - trimmed.len()) as u32 + 1;
            e.width = trimmed.trim_end().chars().count();
            return true;
        }
    }
    false
}

/// Shape errors from typed parsing (rubrics, articles): suggest the near miss.
fn shape(problem: &Problem<'_>, e: &mut Explained) {
    match problem {
        Problem::UnknownName {
            name,
            expected,
            what,
        } => {
            e.code = Code::UnknownField;
            e.hint = Some(
                match crate::suggest::closest(name, expected.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "this {what} is not recognised; expected one of: {}",
                        expected.join(", ")
                    ),
                },
            );
        }
        Problem::MissingField(name) => {
            e.code = Code::MissingField;
            e.hint = Some(format!("add `{name}:` to this entry"));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_at(text: &str) -> (Code, u32, u32) {
        let d = crate::yaml::parse("t.yaml", text).unwrap_err();
        (d.code, d.location.line, d.location.column)
    }

    #[test]
    fn syntax_errors_are_classified_from_the_parser_error_kind() {
        assert_eq!(
            code_at("rubric: dual-track\nanswers:\n\tengineers: 4\n"),
            (Code::YamlTab, 3, 1)
        );
        assert_eq!(
            code_at("organization:\n  engineers:400\n  name: Acme\n").0,
            Code::YamlMissingSpace
        );
        assert_eq!(
            code_at("answers:\n  ic-respect: ?\n").0,
            Code::YamlQuestionMark
        );
        assert_eq!(
            code_at("answers:\n  x: {value: 1, evidence: a: b}\n").0,
            Code::YamlFlow
        );
        assert_eq!(
            code_at("answers:\n  a: 1\n   b: 2\n").0,
            Code::YamlIndentation
        );
        assert_eq!(code_at("answers: \"open\n").0, Code::YamlSyntax);
    }

    #[test]
    fn budgets_are_classified_from_the_breach() {
        let (code, ..) = code_at("a: 1\n---\nb: 2\n");
        assert_eq!(code, Code::YamlTooComplex);
        let d = crate::yaml::parse("t.yaml", "a: 1\n---\nb: 2\n").unwrap_err();
        assert!(
            d.message.contains("more than one YAML document"),
            "{}",
            d.message
        );
        let deep = format!("a: {}1{}\n", "[".repeat(40), "]".repeat(40));
        let d = crate::yaml::parse("t.yaml", &deep).unwrap_err();
        assert_eq!(d.code, Code::YamlTooComplex);
        assert!(d.message.contains("nested more than 32"), "{}", d.message);
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Band {
        id: String,
        from: u32,
    }

    fn shape_error(text: &str) -> Diagnostic {
        let e = serde_saphyr::from_str::<Band>(text).unwrap_err();
        yaml_error("t.yaml", text, &e)
    }

    #[test]
    fn unknown_and_missing_fields_come_from_serde_variants() {
        let d = shape_error("id: weak\nfrmo: 40\n");
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!(d.hint.as_deref(), Some("did you mean `from`?"));
        let d = shape_error("id: weak\n");
        assert_eq!(d.code, Code::MissingField);
        assert_eq!(d.hint.as_deref(), Some("add `from:` to this entry"));
    }

    #[test]
    fn the_rubric_answer_type_message_is_read_for_a_suggestion() {
        let p = answer_type(
            "unknown answer type `likret`; expected one of: likert, yes_no, number, choice",
        );
        let mut e = Explained {
            code: Code::YamlSyntax,
            message: String::new(),
            hint: None,
            line: 1,
            column: 1,
            width: 1,
        };
        shape(&p.unwrap(), &mut e);
        assert_eq!(e.code, Code::UnknownField);
        assert_eq!(e.hint.as_deref(), Some("did you mean `likert`?"));
    }
}
