//! The fast path against serde-saphyr on one document: wherever the fast path builds a tree, it
//! must be the tree serde-saphyr builds (values, text, line and column of every node), and it
//! must never accept a document serde-saphyr refuses. The differential tests and the `yaml`
//! fuzz target both ask this.

use super::{Node, Value, events, general};
use crate::diagnostic::Location;

/// Whether the fast path took `text` (`Ok(false)`: it left the document to serde-saphyr), or
/// how the two paths differ on it.
pub(crate) fn paths_agree(text: &str) -> Result<bool, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(false);
    }
    let template = Location::new("t.yaml", 1, 1);
    let Some(fast) = events::build(text, &template) else {
        return Ok(false);
    };
    match general::parse("t.yaml", text, &template) {
        Ok(oracle) => match first_difference(&fast, &oracle) {
            Some(difference) => Err(format!(
                "the trees differ at {difference}\n--- document ---\n{text}"
            )),
            None => Ok(true),
        },
        Err(d) => Err(format!(
            "the fast path accepted a document serde-saphyr refuses: {} at {}:{}\n{text}",
            d.message, d.location.line, d.location.column
        )),
    }
}

/// Where two trees first differ, for a readable failure.
fn first_difference(a: &Node, b: &Node) -> Option<String> {
    let here = || {
        format!(
            "{}:{} (fast {:?} {:?}, serde-saphyr {:?} {:?} at {}:{})",
            a.location.line,
            a.location.column,
            kind(a),
            a.text,
            kind(b),
            b.text,
            b.location.line,
            b.location.column
        )
    };
    if kind(a) != kind(b) || a.text != b.text || a.location != b.location {
        return Some(here());
    }
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => {
            x.iter().zip(y).find_map(|(a, b)| first_difference(a, b))
        }
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
            x.iter().zip(y).find_map(|((ka, va), (kb, vb))| {
                first_difference(ka, kb).or_else(|| first_difference(va, vb))
            })
        }
        (Value::Seq(_) | Value::Map(_), _) => Some(here()),
        _ => (a.value != b.value).then(here),
    }
}

fn kind(n: &Node) -> String {
    match &n.value {
        Value::Bool(b) => format!("yes/no {b}"),
        _ => n.kind().to_string(),
    }
}
