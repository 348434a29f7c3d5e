//! A YAML document as a tree of located nodes.
//!
//! Questionnaires are read from this tree rather than through derived serde types, so that
//! every problem in a file can be reported at once, each at its own line and column, and so
//! that numbers keep the exact text the author wrote (a rubric's `0.95` must never pass
//! through a binary float). The tree is built by serde-saphyr, which also enforces budgets
//! against alias bombs and deep nesting. This module owns parsing only: it knows nothing of
//! rubrics or answers.

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Code, Diagnostic, Location};

mod error;

pub(crate) use error::yaml_error;

/// Largest input accepted, in bytes. Questionnaires are a few kilobytes; anything this big is
/// a mistake (the wrong file), and refusing it early keeps memory bounded.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// One node of a YAML document and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// For scalars, the text as written (for quoted strings, the unescaped value).
    pub text: String,
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
                None => J::String(self.text.clone()),
            },
            Value::String => J::String(self.text.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.text.clone(), v.to_json()))
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
            text: String::new(),
            location: Location::whole_file(origin),
        });
    }
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        budget: Some(budget()),
        with_snippet: false,
        // `.inf` / `.nan` arrive as text, so validation can say they are not usable numbers.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
        // `<<` arrives as an ordinary key and is merged below, where a second one in the same
        // mapping (which the parser would ignore without a word) is reported.
        merge_keys: serde_saphyr::MergeKeyPolicy::AsOrdinary,
    };
    let tree: Spanned<RawNode> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| yaml_error(origin, text, &e))?;
    // Every node's location shares this one file name (cloned, not copied).
    let template = Location::new(origin, 1, 1);
    let mut node = into_node(tree, &template, text);
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
            let mut present: std::collections::HashSet<String> =
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

/// The tree as serde-saphyr hands it over, before numbers get their exact text back.
enum RawNode {
    Null,
    Bool(bool),
    /// A number as the parser read it, spelt out only where the source does not spell it
    /// (behind an alias).
    Number(RawNumber),
    String(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

enum RawNumber {
    I64(i64),
    U64(u64),
    I128(i128),
    U128(u128),
    F64(f64),
}

impl fmt::Display for RawNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawNumber::I64(v) => v.fmt(f),
            RawNumber::U64(v) => v.fmt(f),
            RawNumber::I128(v) => v.fmt(f),
            RawNumber::U128(v) => v.fmt(f),
            RawNumber::F64(v) => v.fmt(f),
        }
    }
}

fn into_node(this: Spanned<RawNode>, template: &Location, text: &str) -> Node {
    {
        let loc = &this.referenced;
        let mut location = template.clone();
        location.line = loc.line().max(1) as u32;
        location.column = loc.column().max(1) as u32;
        let source_text = || {
            let span = loc.span();
            match (span.byte_offset(), span.byte_len()) {
                (Some(start), Some(len)) => text
                    .get(start as usize..(start + len) as usize)
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                _ => String::new(),
            }
        };
        let (value, scalar_text) = match this.value {
            RawNode::Null => (Value::Null, source_text()),
            RawNode::Bool(b) => {
                let written = source_text();
                // Behind an alias the source holds `*name`, not the value.
                let written = if written.starts_with('*') {
                    b.to_string()
                } else {
                    written
                };
                (Value::Bool(b), written)
            }
            RawNode::Number(value) => {
                let written = source_text();
                let written = if written.starts_with('*') {
                    value.to_string()
                } else {
                    written
                };
                (Value::Number, written)
            }
            // A number too large for a float (`1e400`) arrives as `.inf`: keep what was
            // written so the message quotes it. (Only then is the source looked at.)
            RawNode::String(s) if matches!(s.as_str(), ".inf" | "+.inf" | "-.inf" | ".nan") => {
                let written = source_text();
                if written != s && parse_number_like(&written) {
                    (Value::Number, written)
                } else {
                    (Value::String, s)
                }
            }
            RawNode::String(s) => (Value::String, s),
            RawNode::Seq(items) => (
                Value::Seq(
                    items
                        .into_iter()
                        .map(|n| into_node(n, template, text))
                        .collect(),
                ),
                String::new(),
            ),
            RawNode::Map(entries) => (
                Value::Map(
                    entries
                        .into_iter()
                        .map(|(k, v)| (into_node(k, template, text), into_node(v, template, text)))
                        .collect(),
                ),
                String::new(),
            ),
        };
        Node {
            value,
            text: scalar_text,
            location,
        }
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    // Numbers: only the fact that it is one is kept; the exact text is sliced from the source.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Number(RawNumber::I64(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Number(RawNumber::U64(v)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Number(RawNumber::I128(v)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Number(RawNumber::U128(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNode, E> {
        // Shortest text that reads back as the same float: `0.95` stays `0.95`.
        Ok(RawNode::Number(RawNumber::F64(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::String(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode::String(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(RawNode::Map(entries))
    }
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
