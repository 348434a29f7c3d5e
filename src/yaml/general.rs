//! The general path: serde-saphyr's deserializer builds the tree.
//!
//! It takes every YAML document the fast path in [`super::events`] passes over: anchors and
//! aliases (with serde-saphyr's defences against alias bombs), tags, a root that is a single
//! scalar, inputs near a budget, and every input with an error, so that each diagnostic is
//! exactly serde-saphyr's. The tests also use it as the oracle the fast path must agree with.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::{Node, Value, budget, parse_number_like, yaml_error};
use crate::diagnostic::{Diagnostic, Location};

/// Parses `text` through serde-saphyr into a located tree (merge keys not yet expanded).
pub(super) fn parse(origin: &str, text: &str, template: &Location) -> Result<Node, Diagnostic> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        budget: Some(budget()),
        with_snippet: false,
        // `.inf` / `.nan` arrive as text, so validation can say they are not usable numbers.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
        // `<<` arrives as an ordinary key and is merged afterwards, where a second one in the
        // same mapping (which the parser would ignore without a word) is reported.
        merge_keys: serde_saphyr::MergeKeyPolicy::AsOrdinary,
    };
    let tree: Spanned<RawNode> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| yaml_error(origin, text, &e))?;
    Ok(into_node(tree, template, text))
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
            text: scalar_text.into(),
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
