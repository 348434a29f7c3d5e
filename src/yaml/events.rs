//! The fast path: a located tree straight from granit-parser's events.
//!
//! serde-saphyr reads the same events but passes each value through serde's visitor layers
//! and a `Spanned` wrapper into a second tree; for a questionnaire that costs more than
//! parsing itself. Here each event becomes its node directly.
//!
//! The fast path takes only documents whose tree it builds exactly as serde-saphyr would: no
//! anchor, alias or tag, a mapping or sequence at the root, one document, and well within
//! every budget. For anything else (including every syntax error) it answers `None` and the
//! caller asks serde-saphyr, so every diagnostic and every defence against hostile input
//! stays serde-saphyr's own.

use std::borrow::Cow;

use compact_str::CompactString;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use super::scalar::{self, Plain};
use super::{Node, Value, budget, parse_number_like};
use crate::diagnostic::Location;

/// Builds the tree of `text`, or `None` when serde-saphyr must decide.
pub(super) fn build(text: &str, template: &Location) -> Option<Node> {
    let mut builder = Builder {
        text,
        template,
        limits: Limits::new(),
        open: Vec::new(),
        // Enough for a questionnaire's longest mapping (key and value per answer).
        children: Vec::with_capacity(64),
        root: None,
        documents: 0,
    };
    for item in Parser::new_from_str_with_options(text, parser_options()) {
        let (event, span) = item.ok()?;
        builder.event(event, span)?;
    }
    builder.finish()
}

/// The parser options serde-saphyr derives from the same budget, so that both paths see the
/// same events.
fn parser_options() -> serde_saphyr::granit_parser::Options {
    let budget = budget();
    let mut options = serde_saphyr::granit_parser::Options::default();
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.block_nesting_limit = options
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    options.emit_comments = false;
    options.strict_indentation = false;
    options.bom_inside_document_as_content = false;
    options
}

/// Counters against the budgets of [`budget`]. The fast path steps aside before a budget is
/// reached, leaving the breach and its message to serde-saphyr.
struct Limits {
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
    depth: usize,
    budget: serde_saphyr::Budget,
}

impl Limits {
    fn new() -> Self {
        Limits {
            events: 0,
            nodes: 0,
            scalar_bytes: 0,
            depth: 0,
            budget: budget(),
        }
    }

    /// Counts one event; `None` once any count comes within reach of its budget.
    fn count(&mut self, nodes: usize, scalar_bytes: usize) -> Option<()> {
        self.events += 1;
        self.nodes += nodes;
        self.scalar_bytes += scalar_bytes;
        let b = &self.budget;
        (self.events < b.max_events
            && self.nodes < b.max_nodes
            && self.scalar_bytes < b.max_total_scalar_bytes
            && self.depth < b.max_depth)
            .then_some(())
    }
}

/// A mapping or sequence whose end has not been read yet: its node (without its children)
/// and where its children start on the builder's stack of finished nodes.
struct Open {
    node: Node,
    is_map: bool,
    first_child: usize,
}

struct Builder<'a> {
    text: &'a str,
    template: &'a Location,
    limits: Limits,
    open: Vec<Open>,
    /// The finished children of every open container, in document order (for a mapping,
    /// key then value). Moved into an exactly sized `Vec` when the container ends, so a
    /// container's list is allocated once instead of grown.
    children: Vec<Node>,
    root: Option<Node>,
    documents: usize,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Option<()> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => self.limits.count(0, 0),
            Event::DocumentStart(..) => {
                self.documents += 1;
                (self.documents == 1).then_some(())?;
                self.limits.count(0, 0)
            }
            Event::Scalar(value, style, 0, None) => {
                self.limits.count(1, value.len())?;
                let node = self.scalar(value, style, &span);
                self.attach(node)
            }
            Event::SequenceStart(_, 0, None) => self.open(&span, false),
            Event::MappingStart(_, 0, None) => self.open(&span, true),
            Event::SequenceEnd | Event::MappingEnd => {
                self.limits.count(0, 0)?;
                self.limits.depth = self.limits.depth.checked_sub(1)?;
                let node = self.close()?;
                self.attach(node)
            }
            // Anchors, aliases, tags and anything else: serde-saphyr's to decide.
            _ => None,
        }
    }

    fn open(&mut self, span: &Span, is_map: bool) -> Option<()> {
        self.limits.depth += 1;
        self.limits.count(1, 0)?;
        let node = Node {
            value: Value::Null,
            text: CompactString::default(),
            location: self.location(span),
        };
        self.open.push(Open {
            node,
            is_map,
            first_child: self.children.len(),
        });
        Some(())
    }

    /// Ends the innermost open container, moving its children into it.
    fn close(&mut self) -> Option<Node> {
        let Open {
            mut node,
            is_map,
            first_child,
        } = self.open.pop()?;
        let mut children = self.children.drain(first_child..);
        node.value = if is_map {
            let mut entries = Vec::with_capacity(children.len() / 2);
            while let Some(key) = children.next() {
                entries.push((key, children.next()?));
            }
            Value::Map(entries)
        } else {
            Value::Seq(children.collect())
        };
        Some(node)
    }

    /// Places a finished node in the open container, or makes it the root.
    #[inline]
    fn attach(&mut self, node: Node) -> Option<()> {
        let Some(open) = self.open.last() else {
            self.root.is_none().then_some(())?;
            self.root = Some(node);
            return Some(());
        };
        // A null, a mapping or a sequence as a key: serde-saphyr's to decide.
        let is_key = open.is_map && (self.children.len() - open.first_child).is_multiple_of(2);
        if is_key && node.scalar().is_none() {
            return None;
        }
        self.children.push(node);
        Some(())
    }

    fn finish(self) -> Option<Node> {
        // A document that is a single scalar (or none at all): serde-saphyr's to decide.
        let root = self.root?;
        (self.open.is_empty() && matches!(root.value, Value::Seq(_) | Value::Map(_)))
            .then_some(root)
    }

    fn location(&self, span: &Span) -> Location {
        let mut location = self.template.clone();
        location.line = u32::try_from(span.start.line()).unwrap_or(u32::MAX).max(1);
        location.column = u32::try_from(span.start.col() + 1)
            .unwrap_or(u32::MAX)
            .max(1);
        location
    }

    /// A scalar node typed as serde-saphyr types it. Nulls, booleans and numbers keep the
    /// text as written; strings keep their value.
    fn scalar(&self, value: Cow<'_, str>, style: ScalarStyle, span: &Span) -> Node {
        let (value, text) = if style == ScalarStyle::Plain {
            match scalar::resolve(&value) {
                Plain::Null => (Value::Null, self.written(span)),
                Plain::Bool(b) => (Value::Bool(b), self.written(span)),
                Plain::Number => (Value::Number, self.written(span)),
                // Too large for a float (`1e400`): keep what was written so the message
                // quotes it; `.inf` itself stays text in serde-saphyr's spelling.
                Plain::NonFinite(canonical) => {
                    let written = self.written(span);
                    if written != canonical && parse_number_like(&written) {
                        (Value::Number, written)
                    } else {
                        (Value::String, CompactString::new(canonical))
                    }
                }
                Plain::Text => (Value::String, CompactString::from(value)),
            }
        } else {
            // Quoted and block scalars are always strings (an unescaped value the parser may
            // already own, so it is moved rather than copied).
            (Value::String, CompactString::from(value))
        };
        Node {
            value,
            text,
            location: self.location(span),
        }
    }

    /// The source text under `span`, trimmed.
    fn written(&self, span: &Span) -> CompactString {
        let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset()) else {
            return CompactString::default();
        };
        CompactString::new(self.text.get(start..end.max(start)).unwrap_or("").trim())
    }
}
