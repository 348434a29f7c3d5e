//! The built-in Rust renderers against the built-in templates: every example and fixture
//! questionnaire, plain and with hostile text in every field, must render to the same bytes
//! both ways. A change to a template (or to a Rust renderer) that the other side does not
//! follow fails here.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::{Format, RenderOptions, render, template};
use crate::article::ArticleLink;
use crate::assessment::Assessment;
use crate::rubric::Text;

/// Every questionnaire the tests and examples hold that loads against the built-in catalog.
fn assessments() -> Vec<(String, Assessment)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures", "tests/corpus/questionnaires"] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    let catalog = crate::Catalog::builtin();
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        if let Ok((rubric, q)) = catalog.load_questionnaire(&name, &text, None) {
            out.push((
                name,
                crate::evaluate(&rubric, &q, &catalog.articles).unwrap(),
            ));
        }
    }
    assert!(out.len() >= 10, "only {} questionnaires loaded", out.len());
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Renders through the template engine, whatever `render` would choose.
fn templated(a: &Assessment, format: Format, options: &RenderOptions) -> String {
    let name = format.template().expect("a templated format");
    template::render_template(a, None, format, name, options).expect("the template renders")
}

fn assert_same(what: &str, a: &Assessment, options: &RenderOptions) {
    for format in [Format::Text, Format::Markdown] {
        let rust = render(a, format, options).expect("the Rust renderer renders");
        let engine = templated(a, format, options);
        if rust != engine {
            let line = rust
                .lines()
                .zip(engine.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(rust.lines().count().min(engine.lines().count()));
            panic!(
                "{what}, {format:?}: the Rust renderer and the template differ from line {} (templates/report.*.j2 and src/render/plain.rs or markdown.rs change together)\n--- rust\n{}\n--- template\n{}",
                line + 1,
                rust.lines()
                    .skip(line)
                    .take(4)
                    .collect::<Vec<_>>()
                    .join("\n"),
                engine
                    .lines()
                    .skip(line)
                    .take(4)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
}

#[test]
fn every_example_and_fixture_renders_the_same_both_ways() {
    let brandings = [
        RenderOptions::default(),
        RenderOptions {
            client: Some("Acme & <Co> *1*".into()),
            prepared_by: Some("Jo `Consultant`".into()),
            confidential: Some("Confidential | do not share\u{1b}[2J".into()),
            ..RenderOptions::default()
        },
        RenderOptions {
            client: Some(String::new()),
            prepared_by: Some(String::new()),
            confidential: Some(String::new()),
            ..RenderOptions::default()
        },
    ];
    for (name, a) in assessments() {
        for (i, options) in brandings.iter().enumerate() {
            assert_same(&format!("{name} (branding {i})"), &a, options);
        }
    }
}

/// Text that exercises every escape: Markdown markup, list and heading starts, controls,
/// bidirectional overrides, line breaks, non-ASCII letters, and nothing at all.
const HOSTILE: &[&str] = &[
    " *b* _i_ [l](u) <h> | `c` #h !x &amp; ~s~ {t} $m \\",
    "- starts a list",
    "12. starts a numbered list",
    "= heading",
    "a\u{202E}reversed\u{2066} and \u{1b}[31mred\u{7}",
    "line\nbreak\r\nand\ttab",
    "Straße ✓ ünïcode",
    "",
];

#[test]
fn hostile_text_in_every_field_renders_the_same_both_ways() {
    let all = assessments();
    for (i, hostile) in HOSTILE.iter().enumerate() {
        for (name, a) in all.iter().step_by(3) {
            let mut appended = a.clone();
            spice(&mut appended, &|s: &mut String| s.push_str(hostile));
            assert_same(
                &format!("{name} + {hostile:?}"),
                &appended,
                &RenderOptions::default(),
            );
            let mut replaced = a.clone();
            spice(&mut replaced, &|s: &mut String| *s = hostile.to_string());
            assert_same(
                &format!("{name} = {hostile:?}"),
                &replaced,
                &RenderOptions::default(),
            );
            let mut edges = a.clone();
            edge_numbers(&mut edges, i);
            assert_same(
                &format!("{name} edges {i}"),
                &edges,
                &RenderOptions::default(),
            );
        }
    }
}

/// Numbers and flags at the edges the templates branch on.
fn edge_numbers(a: &mut Assessment, variant: usize) {
    let odd = variant % 2 == 1;
    a.answers.not_yet = variant;
    a.answers.context = variant % 3;
    a.answers.small_group_respondents = (variant % 3) as u64;
    a.thresholds.weak_below = Decimal::new(575 + variant as i64, 1);
    a.thresholds.min_coverage = Decimal::new(5 * variant as i64, 0);
    if odd {
        a.overall.score = None;
        a.overall.capped_by = a.failure_patterns.iter().map(|p| p.id.clone()).collect();
        a.plan.target_band = Some(String::new());
        a.recommendations.truncate(variant % 3);
    }
    for (j, r) in a.recommendations.iter_mut().enumerate() {
        r.gain = [
            None,
            Some(Decimal::ZERO),
            Some(Decimal::new(4, 2)),
            Some(Decimal::new(1055, 2)),
        ][(j + variant) % 4]
            .map(crate::assessment::Points::from);
        r.counted = !(j + variant).is_multiple_of(3);
        if (j + variant).is_multiple_of(2) {
            r.held_by = vec!["p1".into(), "p2".into()];
        }
        r.pattern = [None, Some(Text::default()), Some("fix".into())][(j + variant) % 3].clone();
        r.criterion = if j % 4 == 3 { None } else { r.criterion.take() };
    }
    for c in &mut a.commitments {
        c.score = c.score.map(|s| {
            crate::assessment::Score::new(s.value() + Decimal::new(5 * variant as i64, 2))
                .unwrap_or(crate::assessment::Score::MAX)
        });
        c.counted = !odd;
        for (j, k) in c.criteria.iter_mut().enumerate() {
            k.state = [
                crate::assessment::State::Scored,
                crate::assessment::State::Unknown,
                crate::assessment::State::Missing,
                crate::assessment::State::NotApplicable,
                crate::assessment::State::NotYet,
            ][(j + variant) % 5];
            k.withheld_responses = ((j + variant) % 2) as u64 * 3;
            k.merged_responses = ((j + variant) % 3) as u64;
            k.note = [None, Some(String::new()), Some("why".into())][(j + variant) % 3].clone();
            k.answer_text = if j % 7 == 6 {
                None
            } else {
                k.answer_text.take()
            };
            k.context = (j + variant).is_multiple_of(6);
            for g in &mut k.groups {
                g.favourable = if odd {
                    None
                } else {
                    Some(Decimal::new(665, 1))
                };
                g.mean = Decimal::new(3125 + variant as i64, 3);
            }
        }
    }
    if let Some(stage) = &mut a.stage {
        stage.size = if odd {
            None
        } else {
            Some(Decimal::new(125, 1))
        };
    }
}

/// Applies `f` to every piece of text in the assessment (ids too, so cross-references such as
/// `capped_by` and `plan.actions` still match).
fn spice(a: &mut Assessment, f: &dyn Fn(&mut String)) {
    let opt = |o: &mut Option<String>| {
        if let Some(s) = o {
            f(s);
        }
    };
    let all = |v: &mut Vec<String>| v.iter_mut().for_each(f);
    let t = |x: &mut Text| x.edit(f);
    let optt = |o: &mut Option<Text>| {
        if let Some(s) = o {
            t(s);
        }
    };
    let allt = |v: &mut Vec<Text>| v.iter_mut().for_each(t);
    let link = |l: &mut ArticleLink| {
        f(&mut l.id);
        f(&mut l.title);
        f(&mut l.url);
    };
    f(&mut a.summary.verdict);
    all(&mut a.summary.strengths);
    all(&mut a.summary.priorities);
    all(&mut a.summary.to_confirm);
    f(&mut a.rubric.title);
    f(&mut a.rubric.version);
    f(&mut a.rubric.id);
    if let Some(serde_json::Value::String(name)) = a.organization.get_mut("name") {
        f(name);
    }
    opt(&mut a.assessed_on);
    allt(&mut a.overall.capped_by);
    opt(&mut a.plan.target_band);
    allt(&mut a.plan.actions);
    f(&mut a.plan.note);
    for c in &mut a.to_confirm {
        t(&mut c.criterion);
        f(&mut c.reason);
    }
    for w in &mut a.warnings {
        t(&mut w.criterion);
        f(&mut w.message);
    }
    if let Some(stage) = &mut a.stage {
        f(&mut stage.size_criterion);
        f(&mut stage.meanwhile);
        for s in &mut stage.not_yet {
            f(&mut s.title);
            f(&mut s.why);
        }
    }
    for c in &mut a.commitments {
        t(&mut c.title);
        t(&mut c.description);
        link(&mut c.article);
        for k in &mut c.criteria {
            t(&mut k.id);
            t(&mut k.prompt);
            opt(&mut k.answer_text);
            opt(&mut k.evidence);
            opt(&mut k.note);
            link(&mut k.article);
            k.groups.iter_mut().for_each(|g| f(&mut g.group));
        }
    }
    for p in &mut a.failure_patterns {
        t(&mut p.id);
        t(&mut p.title);
        t(&mut p.description);
        p.evidence.iter_mut().for_each(|e| f(&mut e.finding));
        allt(&mut p.undetermined_by);
        t(&mut p.action);
        opt(&mut p.caps);
        link(&mut p.article);
    }
    for r in &mut a.recommendations {
        t(&mut r.id);
        optt(&mut r.criterion);
        optt(&mut r.pattern);
        allt(&mut r.criteria);
        allt(&mut r.held_by);
        t(&mut r.action);
        link(&mut r.article);
    }
    for g in &mut a.perception_gaps {
        t(&mut g.prompt);
        f(&mut g.higher.group);
        f(&mut g.lower.group);
        link(&mut g.article);
    }
}

/// The JSON writer against serde_json's pretty printer: every example, fixture and corpus
/// questionnaire, plain and with hostile text (quotes, backslashes, controls, line breaks,
/// bidirectional overrides, non-ASCII) in every field, to the byte.
#[test]
fn every_example_and_fixture_writes_the_json_serde_json_writes() {
    let same = |what: &str, a: &Assessment| {
        let written = render(a, Format::Json, &RenderOptions::default()).unwrap();
        let expected = serde_json::to_string_pretty(a).unwrap() + "\n";
        assert!(
            written == expected,
            "{what}: the JSON writer differs from serde_json"
        );
    };
    let hostile = HOSTILE.concat() + "\"\\\u{0}\u{1f}\u{7f}\u{2028}";
    for (name, a) in assessments() {
        same(&name, &a);
        let mut spiced = a.clone();
        spice(&mut spiced, &|s: &mut String| s.push_str(&hostile));
        same(&format!("{name} + hostile text"), &spiced);
    }
}
