//! Writes the built-in catalog as Rust source (`src/catalog/builtin.rs`), after parsing the
//! embedded YAML and running every rubric check on it.
//!
//! Only tests use this: `the_built_in_catalog_is_generated_from_the_checked_yaml` fails when
//! the checked-in file differs from what this writes, and with `ASSESS_REGENERATE=1` it
//! rewrites the file instead. Every model type is taken apart field by field without `..`, so a
//! field added to the model stops this from compiling until it is written out here too.

// Built without tests (the `catalog-from-yaml` feature) only `from_yaml` is used.
#![cfg_attr(not(test), allow(dead_code))]

use std::fmt::Write as _;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::rubric::article::{Article, Articles};
use crate::rubric::condition::{Condition, Op, Test};
use crate::rubric::{
    AnswerSpec, BUILTIN_RUBRICS, Band, ChoiceOption, Commitment, Criterion, Definition, Effort,
    FailurePattern, Point, Rubric, Severity, Stage, Stages, Text, Unit,
};

/// Where the built-in articles come from, as diagnostics name it.
pub(super) const ARTICLES_ORIGIN: &str = "<built-in>/rubrics/articles.yaml";
/// The built-in article registry's text.
pub(super) const ARTICLES_TEXT: &str = include_str!("../../rubrics/articles.yaml");

/// The built-in catalog read from its YAML the slow way: every rubric parsed and checked
/// against the built-in articles. Errors are the diagnostics, printed.
pub(super) fn from_yaml() -> Result<(Articles, Vec<Rubric>), String> {
    let articles =
        Articles::from_yaml(ARTICLES_ORIGIN, ARTICLES_TEXT).map_err(|d| d.to_string())?;
    let mut rubrics = Vec::new();
    for (id, text) in BUILTIN_RUBRICS {
        let origin = format!("<built-in>/rubrics/{id}.yaml");
        rubrics.push(Rubric::read(&origin, text, &articles).map_err(|d| d.to_string())?);
    }
    Ok((articles, rubrics))
}

/// The Rust source of `src/catalog/builtin.rs`.
pub(super) fn source() -> Result<String, String> {
    let (articles, rubrics) = from_yaml()?;
    let mut w = W::default();
    w.raw(concat!(
        "// @generated from rubrics/*.yaml by `ASSESS_REGENERATE=1 cargo test --lib catalog`\n",
        "// (after the rubric checks passed). Do not edit: change the YAML and regenerate.\n",
        "\n",
        "use indexmap::IndexMap;\n",
        "use rust_decimal::Decimal;\n",
        "\n",
        "use crate::rubric::article::{Article, Articles};\n",
        "#[allow(unused_imports)]\n",
        "use crate::rubric::condition::{Condition, Op, Test};\n",
        "#[allow(unused_imports)]\n",
        "use crate::rubric::{\n",
        "    AnswerSpec, Band, ChoiceOption, Commitment, Criterion, Definition, Effort, FailurePattern,\n",
        "    Point, Rubric, Severity, Stage, Stages, Text, Unit,\n",
        "};\n",
        "\n",
        "/// Text as the field wants it: an owned `String` or shared rubric [`Text`].\n",
        "fn s<T: for<'a> From<&'a str>>(text: &str) -> T {\n",
        "    T::from(text)\n",
        "}\n",
        "\n",
        "/// Rubric text whose JSON safety the generator worked out (a debug build checks it).\n",
        "fn t(text: &'static str, json_safe: bool) -> Text {\n",
        "    Text::known(text, json_safe)\n",
        "}\n",
        "\n",
        "fn d(mantissa: i128, scale: u32) -> Decimal {\n",
        "    Decimal::from_i128_with_scale(mantissa, scale)\n",
        "}\n",
        "\n",
        "#[allow(dead_code)]\n",
        "fn map(entries: &[(&str, &str)]) -> IndexMap<String, String> {\n",
        "    entries.iter().map(|(k, v)| (s(k), s(v))).collect()\n",
        "}\n",
        "\n",
        "/// The built-in articles, in registry order.\n",
        "pub(super) fn articles() -> Articles {\n",
        "    let mut articles = Articles::default();\n",
    ));
    for a in articles.iter() {
        w.depth = 1;
        w.line_start();
        w.raw("articles.insert(");
        a.lit(&mut w);
        w.raw(");\n");
    }
    w.raw("    articles\n}\n\n/// The built-in rubrics, in `BUILTIN_RUBRICS` order.\n");
    let calls: Vec<String> = (0..rubrics.len())
        .map(|i| format!("rubric_{i}()"))
        .collect();
    let _ = write!(
        w.out,
        "pub(super) fn rubrics() -> Vec<Rubric> {{\n    vec![{}]\n}}\n",
        calls.join(", ")
    );
    for (i, r) in rubrics.iter().enumerate() {
        let _ = write!(w.out, "\nfn rubric_{i}() -> Rubric {{\n");
        w.depth = 1;
        w.line_start();
        w.raw("Rubric::generated(");
        r.lit(&mut w);
        w.raw(")\n}\n");
    }
    Ok(w.out)
}

/// Rust source being written, with the indentation of the current line.
#[derive(Default)]
struct W {
    out: String,
    depth: usize,
}

impl W {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn line_start(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }
    fn open(&mut self, head: &str) {
        self.out.push_str(head);
        self.out.push_str(" {\n");
        self.depth += 1;
    }
    fn field(&mut self, name: &str, value: &dyn Lit) {
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": ");
        value.lit(self);
        self.out.push_str(",\n");
    }
    fn close(&mut self) {
        self.depth -= 1;
        self.line_start();
        self.out.push('}');
    }
    fn call(&mut self, head: &str, inner: &dyn Lit) {
        self.out.push_str(head);
        self.out.push('(');
        inner.lit(self);
        self.out.push(')');
    }
}

/// A value that can write itself as a Rust expression.
trait Lit {
    fn lit(&self, w: &mut W);
}

impl Lit for str {
    fn lit(&self, w: &mut W) {
        // `{:?}` of a `str` is a valid Rust string literal; `s` makes a `String` or a `Text`.
        let _ = write!(w.out, "s({self:?})");
    }
}

impl Lit for String {
    fn lit(&self, w: &mut W) {
        self.as_str().lit(w);
    }
}

impl Lit for Text {
    fn lit(&self, w: &mut W) {
        // With its JSON safety worked out here, not at every start.
        let _ = write!(w.out, "t({:?}, {})", self.as_str(), self.is_json_safe());
    }
}

impl Lit for bool {
    fn lit(&self, w: &mut W) {
        let _ = write!(w.out, "{self}");
    }
}

impl Lit for u8 {
    fn lit(&self, w: &mut W) {
        let _ = write!(w.out, "{self}");
    }
}

impl Lit for usize {
    fn lit(&self, w: &mut W) {
        let _ = write!(w.out, "{self}");
    }
}

impl Lit for u32 {
    fn lit(&self, w: &mut W) {
        let _ = write!(w.out, "{self}");
    }
}

impl Lit for Decimal {
    fn lit(&self, w: &mut W) {
        let _ = write!(w.out, "d({}, {})", self.mantissa(), self.scale());
    }
}

impl<T: Lit> Lit for Option<T> {
    fn lit(&self, w: &mut W) {
        match self {
            None => w.raw("None"),
            Some(v) => w.call("Some", v),
        }
    }
}

impl<T: Lit> Lit for Box<T> {
    fn lit(&self, w: &mut W) {
        w.call("Box::new", &**self);
    }
}

impl<T: Lit> Lit for Vec<T> {
    fn lit(&self, w: &mut W) {
        if self.is_empty() {
            w.raw("Vec::new()");
            return;
        }
        w.raw("vec![\n");
        w.depth += 1;
        for item in self {
            w.line_start();
            item.lit(w);
            w.raw(",\n");
        }
        w.depth -= 1;
        w.line_start();
        w.raw("]");
    }
}

impl Lit for IndexMap<String, String> {
    fn lit(&self, w: &mut W) {
        w.raw("map(&[");
        for (i, (k, v)) in self.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(w.out, "{sep}({k:?}, {v:?})");
        }
        w.raw("])");
    }
}

/// `Lit` for a struct with named fields, every one of them named here.
macro_rules! lit_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Lit for $ty {
            fn lit(&self, w: &mut W) {
                let $ty { $($field),* } = self;
                w.open(stringify!($ty));
                $(w.field(stringify!($field), $field);)*
                w.close();
            }
        }
    };
}

lit_struct!(Article {
    id,
    title,
    url,
    summary,
    sections
});
lit_struct!(Definition {
    id,
    version,
    title,
    dimension,
    description,
    weak_below,
    min_coverage,
    min_group_size,
    gap_notable,
    gap_severe,
    overall_min_counted,
    sources,
    stages,
    bands,
    commitments,
    failure_patterns,
});
lit_struct!(Band { id, from });
lit_struct!(Stages {
    size,
    meanwhile,
    levels
});
lit_struct!(Stage {
    id,
    from,
    title,
    why
});
lit_struct!(Commitment {
    id,
    title,
    description,
    weight,
    article,
    criteria,
});
lit_struct!(Criterion {
    id,
    prompt,
    help,
    weight,
    action,
    effort,
    article,
    applies_when,
    stage,
    opinion,
    answer,
});
lit_struct!(Point { x, score });
lit_struct!(ChoiceOption { id, label, score });
lit_struct!(FailurePattern {
    id,
    title,
    description,
    severity,
    article,
    action,
    caps,
    when,
});
lit_struct!(Test {
    criterion,
    number,
    op,
    action,
    finding
});

impl Lit for Effort {
    fn lit(&self, w: &mut W) {
        w.raw(match self {
            Effort::Low => "Effort::Low",
            Effort::Medium => "Effort::Medium",
            Effort::High => "Effort::High",
        });
    }
}

impl Lit for Severity {
    fn lit(&self, w: &mut W) {
        w.raw(match self {
            Severity::Low => "Severity::Low",
            Severity::Medium => "Severity::Medium",
            Severity::High => "Severity::High",
        });
    }
}

impl Lit for Unit {
    fn lit(&self, w: &mut W) {
        w.raw(match self {
            Unit::Ratio => "Unit::Ratio",
            Unit::Percent => "Unit::Percent",
            Unit::Count => "Unit::Count",
            Unit::Months => "Unit::Months",
        });
    }
}

impl Lit for AnswerSpec {
    fn lit(&self, w: &mut W) {
        match self {
            AnswerSpec::Likert {
                scale,
                labels,
                reverse,
            } => {
                w.open("AnswerSpec::Likert");
                w.field("scale", scale);
                w.field("labels", labels);
                w.field("reverse", reverse);
            }
            AnswerSpec::YesNo { healthy } => {
                w.open("AnswerSpec::YesNo");
                w.field("healthy", healthy);
            }
            AnswerSpec::Number {
                unit,
                min,
                max,
                points,
                per,
            } => {
                w.open("AnswerSpec::Number");
                w.field("unit", unit);
                w.field("min", min);
                w.field("max", max);
                w.field("points", points);
                w.field("per", per);
            }
            AnswerSpec::Choice { options } => {
                w.open("AnswerSpec::Choice");
                w.field("options", options);
            }
        }
        w.close();
    }
}

impl Lit for Condition {
    fn lit(&self, w: &mut W) {
        match self {
            Condition::Any(parts) => w.call("Condition::Any", parts),
            Condition::All(parts) => w.call("Condition::All", parts),
            Condition::Not(part) => w.call("Condition::Not", part),
            Condition::Test(test) => w.call("Condition::Test", test),
        }
    }
}

impl Lit for Op {
    fn lit(&self, w: &mut W) {
        match self {
            Op::Equals(v) => w.call("Op::Equals", v),
            Op::NotEquals(v) => w.call("Op::NotEquals", v),
            Op::In(v) => w.call("Op::In", v),
            Op::Below(v) => w.call("Op::Below", v),
            Op::AtMost(v) => w.call("Op::AtMost", v),
            Op::Above(v) => w.call("Op::Above", v),
            Op::AtLeast(v) => w.call("Op::AtLeast", v),
            Op::ScoreBelow(v) => w.call("Op::ScoreBelow", v),
            Op::GapAtLeast(v) => w.call("Op::GapAtLeast", v),
        }
    }
}
