//! A YAML document as a tree of located nodes.
//!
//! Questionnaires are read from this tree rather than through derived serde types, so that
//! every problem in a file can be reported at once, each at its own line and column, and so
//! that numbers keep the exact text the author wrote (a rubric's `0.95` must never pass
//! through a binary float). Ordinary documents are built straight from the events of
//! granit-parser (the parser serde-saphyr uses), typing scalars as serde-saphyr does; every
//! other document (with an error, anchors, tags, or near a budget) is built by serde-saphyr's
//! deserializer, which enforces the budgets against alias bombs and deep nesting and words
//! every YAML diagnostic. This module owns parsing only: it knows nothing of
//! rubrics or answers.

use compact_str::CompactString;
use rust_decimal::Decimal;

use crate::diagnostic::{Code, Diagnostic, Location};

pub(crate) use agree::paths_agree;

mod agree;
#[cfg(test)]
mod differential;
mod error;
mod events;
mod general;
mod scalar;

pub(crate) use error::yaml_error;

/// Largest input accepted, in bytes. Questionnaires are a few kilobytes; anything this big is
/// a mistake (the wrong file), and refusing it early keeps memory bounded.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// One node of a YAML document and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// For scalars, the text as written (for quoted strings, the unescaped value). Text of up
    /// to 24 bytes (ids, numbers, yes and no: most of a questionnaire) is kept inline, so a
    /// tree makes few allocations.
    pub text: CompactString,
    /// Where the node starts.
    pub location: Location,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    /// `true`/`false` (and YAML 1.1's `yes`/`no`).
    Bool(bool),
    /// A plain scalar that YAML reads as a number; the exact text is in [`Node::text`].
    Number,
    /// Any other scalar.
    String,
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, entries in file order; duplicate keys are kept so callers can report them.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The node's scalar text, if it is a scalar that is not null.
    pub fn scalar(&self) -> Option<&str> {
        match self.value {
            Value::Bool(_) | Value::Number | Value::String => Some(&self.text),
            _ => None,
        }
    }

    /// The entries, if the node is a mapping.
    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key`, if the node is a mapping holding it (first occurrence).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v)
    }

    /// The items, if the node is a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The node at a path of mapping keys and sequence indexes.
    pub fn at(&self, path: &[PathStep<'_>]) -> Option<&Node> {
        let mut node = self;
        for step in path {
            node = match step {
                PathStep::Key(key) => node.get(key)?,
                PathStep::Index(i) => node.items()?.get(*i)?,
            };
        }
        Some(node)
    }

    /// The exact decimal this scalar spells, if it spells one (`0.95`, `"0.95"`, `-3`, `1e3`).
    pub fn decimal(&self) -> Option<Decimal> {
        match self.value {
            Value::Number | Value::String => parse_decimal(&self.text),
            _ => None,
        }
    }

    /// The node as JSON: numbers as JSON numbers (exact integers, other decimals as the nearest
    /// float), mapping keys as strings. For tools such as JSON Schema validators.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number => match self.decimal() {
                Some(d) if d.fract().is_zero() && i64::try_from(d).is_ok() => {
                    J::from(i64::try_from(d).unwrap_or_default())
                }
                Some(d) => serde_json::Number::from_f64(
                    rust_decimal::prelude::ToPrimitive::to_f64(&d).unwrap_or(0.0),
                )
                .map_or(J::Null, J::Number),
                None => J::String(self.text.to_string()),
            },
            Value::String => J::String(self.text.to_string()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.text.to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A short description of what the node is, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "yes/no",
            Value::Number => "a number",
            Value::String => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// One step of a path into a [`Node`] tree.
#[derive(Debug, Clone, Copy)]
pub enum PathStep<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

pub use crate::exact::parse_decimal;

/// Whether `text` is spelled like a plain number (digits, sign, point, exponent).
fn parse_number_like(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-']);
    t.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'))
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// Parses a whole YAML document into a located tree.
///
/// `origin` names the file in diagnostics. An empty document yields a `Null` node.
pub fn parse(origin: &str, text: &str) -> Result<Node, Diagnostic> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            Location::whole_file(origin),
            format!(
                "the file is {} bytes; files over {} bytes are refused",
                text.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_hint(
            "check that this is the questionnaire you meant: real ones are a few kilobytes",
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            text: CompactString::default(),
            location: Location::whole_file(origin),
        });
    }
    // Every node's location shares this one file name (cloned, not copied).
    let template = Location::new(origin, 1, 1);
    // Ordinary documents are built straight from the parser's events; anything the fast path
    // does not take on (errors, anchors, tags, budgets nearly reached) goes through serde-saphyr.
    let mut node = match events::build(text, &template) {
        Some(node) => node,
        None => general::parse(origin, text, &template)?,
    };
    if text.contains("<<") {
        merge_keys(&mut node)?;
    }
    Ok(node)
}

/// Expands YAML merge keys (`<<: *base`, `<<: [*a, *b]`) as YAML 1.1 defines them: keys
/// written in the mapping win over merged ones, and earlier merged mappings over later ones.
/// Two `<<` keys in one mapping are refused rather than one of them dropped.
fn merge_keys(node: &mut Node) -> Result<(), Diagnostic> {
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().try_for_each(merge_keys),
        Value::Map(entries) => {
            for (_, v) in entries.iter_mut() {
                merge_keys(v)?;
            }
            let is_merge = |k: &Node| k.value == Value::String && k.text == "<<";
            let mut merges = entries.iter().filter(|(k, _)| is_merge(k));
            let Some(_) = merges.next() else {
                return Ok(());
            };
            if let Some((second, _)) = merges.next() {
                return Err(Diagnostic::error(
                    Code::YamlMergeKey,
                    second.location.clone(),
                    "this mapping has a second `<<` merge key; YAML keeps only one of them",
                )
                .with_width(2)
                .with_hint("merge several mappings with one key: `<<: [*first, *second]`"));
            }
            let position = entries.iter().position(|(k, _)| is_merge(k)).unwrap_or(0);
            let (key, source) = entries.remove(position);
            let sources: Vec<Node> = match source.value {
                Value::Map(_) => vec![source],
                Value::Seq(items) if items.iter().all(|i| matches!(i.value, Value::Map(_))) => {
                    items
                }
                _ => {
                    return Err(Diagnostic::error(
                        Code::YamlMergeKey,
                        key.location.clone(),
                        format!(
                            "`<<` merges a mapping into this one, but here it is given {}",
                            source.kind()
                        ),
                    )
                    .with_width(2)
                    .with_hint(
                        "write `<<: *name` where `&name` marks a mapping, or write the keys out",
                    ));
                }
            };
            let mut present: std::collections::HashSet<CompactString> =
                entries.iter().map(|(k, _)| k.text.clone()).collect();
            for source in sources {
                if let Value::Map(merged) = source.value {
                    for (k, v) in merged {
                        if present.insert(k.text.clone()) {
                            entries.push((k, v));
                        }
                    }
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Budgets against hostile or runaway input: questionnaires and rubrics are small and shallow.
pub(crate) fn budget() -> serde_saphyr::Budget {
    let mut b = serde_saphyr::Budget::default();
    b.max_depth = 32;
    b.max_aliases = 1_000;
    b.max_anchors = 1_000;
    b.max_nodes = 200_000;
    b.max_events = 400_000;
    b.max_documents = 1;
    b.max_total_scalar_bytes = MAX_INPUT_BYTES;
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_text() {
        let node = parse("t.yaml", "a: 0.1234567890123456789\nb: 1e3\n").unwrap();
        assert_eq!(
            node.get("a").unwrap().decimal().unwrap().to_string(),
            "0.1234567890123456789"
        );
        assert_eq!(
            node.get("b").unwrap().decimal().unwrap(),
            Decimal::from(1000)
        );
    }

    #[test]
    fn duplicate_keys_are_kept_for_the_caller_to_report() {
        let node = parse("t.yaml", "a: 1\nb: 2\na: 3\n").unwrap();
        let keys: Vec<_> = node
            .entries()
            .unwrap()
            .iter()
            .map(|(k, _)| (k.text.clone(), k.location.line))
            .collect();
        assert_eq!(
            keys,
            vec![("a".into(), 1), ("b".into(), 2), ("a".into(), 3)]
        );
    }

    #[test]
    fn plain_yes_is_a_boolean_but_keeps_its_text() {
        let node = parse("t.yaml", "a: yes\nb: No\n").unwrap();
        assert_eq!(node.get("a").unwrap().value, Value::Bool(true));
        assert_eq!(node.get("b").unwrap().scalar(), Some("No"));
    }

    #[test]
    fn decimals_parse_as_written() {
        assert_eq!(parse_decimal("0.95"), Some(Decimal::new(95, 2)));
        assert_eq!(parse_decimal("+3"), Some(Decimal::from(3)));
        assert_eq!(parse_decimal("1_000"), Some(Decimal::from(1000)));
        assert_eq!(parse_decimal("93%"), None);
        assert_eq!(parse_decimal(".nan"), None);
    }
}
