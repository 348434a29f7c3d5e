//! The fast path against serde-saphyr: wherever the fast path builds a tree, it must be the
//! tree serde-saphyr builds (values, text, line and column of every node), and it must never
//! accept a document serde-saphyr refuses.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::{events, paths_agree};
use crate::diagnostic::Location;

/// Compares both paths on `text`; returns whether the fast path took the document, and panics
/// where the two differ.
fn agree(text: &str) -> bool {
    paths_agree(text).unwrap_or_else(|difference| panic!("{difference}"))
}

/// Every YAML file of the repository: examples, built-in rubrics, the test corpus and
/// fixtures, the fuzz corpus.
fn repository_yaml() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                || path.starts_with(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus"))
            {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "rubrics", "tests", "fuzz/corpus"] {
        walk(&root.join(dir), &mut files);
    }
    files.sort();
    files
}

#[test]
fn the_fast_path_builds_the_tree_serde_saphyr_builds_for_every_repository_file() {
    let files = repository_yaml();
    assert!(files.len() > 100, "only {} YAML files found", files.len());
    let mut taken = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if std::panic::catch_unwind(|| agree(&text)).unwrap_or_else(|_| {
            panic!("{} differs", path.display());
        }) {
            taken += 1;
        }
    }
    // Most files are ordinary questionnaires and rubrics the fast path must take.
    assert!(
        taken * 10 >= files.len() * 7,
        "the fast path took only {taken} of {} files",
        files.len()
    );
}

/// The string literals of the project's Rust sources that span lines: the YAML written
/// inline in tests (and some other text, which the fast path simply declines).
fn inline_documents() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    rust_files(&root.join("tests"), &mut sources);
    rust_files(&root.join("src"), &mut sources);
    let mut documents = Vec::new();
    for path in sources {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        documents.extend(
            string_literals(&source)
                .into_iter()
                .filter(|s| s.contains('\n')),
        );
    }
    documents
}

/// `"..."` literals with their common escapes undone, and `r#"..."#` literals as written.
fn string_literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('"') {
        let raw = rest[..start].ends_with("r#");
        rest = &rest[start + 1..];
        if raw {
            let Some(end) = rest.find("\"#") else { break };
            out.push(rest[..end].to_string());
            rest = &rest[end + 2..];
            continue;
        }
        let mut literal = String::new();
        let mut chars = rest.char_indices();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    end = i + 1;
                    break;
                }
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => literal.push('\n'),
                    Some('t') => literal.push('\t'),
                    Some('r') => literal.push('\r'),
                    Some('\n') => {
                        // A line continuation: the next line's indentation is skipped.
                        while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    Some(other) => literal.push(other),
                    None => {}
                },
                c => literal.push(c),
            }
        }
        out.push(literal);
        rest = &rest[end.min(rest.len())..];
    }
    out
}

#[test]
fn the_fast_path_agrees_on_the_yaml_written_inline_in_tests() {
    let documents = inline_documents();
    assert!(
        documents.len() > 500,
        "only {} literals found",
        documents.len()
    );
    let taken = documents.iter().filter(|d| agree(d)).count();
    assert!(
        taken > 200,
        "the fast path took only {taken} of {} inline documents",
        documents.len()
    );
}

#[test]
fn the_fast_path_builds_the_examples_and_built_in_rubrics_itself() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["examples", "rubrics"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(agree(&text), "{} went the general way", path.display());
            }
        }
    }
}

#[test]
fn hand_written_corners_build_the_same_tree_both_ways() {
    let documents = [
        "a: first line\n  second line\nb: 1\n",
        "a: >\n  folded\n  text\n\nb: |-\n  kept\n   indented\nc: |+\n  keep\n\n",
        "a: {b: {c: [1, 2.5, yes]}, d: [], e: {}}\n",
        "\"quoted key\": 1\n'single': 2\n? explicit\n: 3\n",
        "a: {b: , c}\nd: [x, y]\n",
        "- \n- ~\n- null\n-\n  - nested\n",
        "name: Ünïcödé ✓ 名前\nnote: \"tab\\there \\u00e9 \\x41\"\n",
        "\u{feff}a: 1\n",
        "a:    spaced value   \nb: 'it''s'\n",
        "a: 1 # comment\n# between\nb: 2\n",
        "a: 0.1234567890123456789\nb: 1e400\nc: -1e400\nd: .Inf\ne: 0x_1\n",
        "answers:\n  engineers: 400\n  staff-plus-share: 6.7\n  switch-raise: yes\n",
        "<<: {a: 1}\nb: 2\n",
        "a: b: c\n",
        "a:\n- 1\n- 2\n",
        "[1, 2, 3]\n",
        "%YAML 1.2\n---\na: 1\n",
    ];
    let mut taken = 0;
    for text in documents {
        taken += usize::from(agree(text));
    }
    assert!(taken >= 16, "the fast path took only {taken} documents");
}

#[test]
fn documents_the_fast_path_leaves_to_serde_saphyr() {
    let template = Location::new("t.yaml", 1, 1);
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "just a scalar\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "? [a, b]\n: 1\n",
        "~: 1\n",
        "# only a comment\n",
    ] {
        assert!(events::build(text, &template).is_none(), "{text:?}");
    }
    let deep = format!("a: {}1{}\n", "[".repeat(31), "]".repeat(31));
    assert!(events::build(&deep, &template).is_none());
}

/// Plain spellings chosen to sit on every boundary of serde-saphyr's scalar typing.
const SPELLINGS: &[&str] = &[
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nul",
    "true",
    "True",
    "TRUE",
    "yes",
    "Yes",
    "y",
    "Y",
    "n",
    "N",
    "no",
    "on",
    "ON",
    "off",
    "Off",
    "0",
    "-0",
    "+0",
    "+1",
    "-1",
    "007",
    "-007",
    "+007",
    "0x1F",
    "0x1f",
    "0X1f",
    "-0x10",
    "0o17",
    "0O17",
    "0o8",
    "0b101",
    "0B1",
    "0b2",
    "1_000",
    "1__0",
    "_1",
    "1_",
    "0x_1",
    "0.95",
    "-0.5",
    "+0.5",
    ".5",
    "5.",
    "1.2.3",
    "1e3",
    "1E-3",
    "1e",
    "e3",
    "1e400",
    "-1e400",
    "+1e400",
    ".inf",
    "-.inf",
    "+.inf",
    ".Inf",
    ".INF",
    ".NaN",
    ".nan",
    "-.nan",
    "+.NAN",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "infinity",
    "Infinity",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "340282366920938463463374607431768211456",
    "2025-01-31",
    "12:30",
    "93%",
    "1,000",
    "3 teams",
    "n/a",
    "unknown",
    "<<",
    "a.b",
    "-x",
    "+",
    "-",
    ".",
    "..",
];

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(SPELLINGS).prop_map(str::to_string),
        2 => "[0-9a-fA-FxXoObB._+-]{1,8}",
        1 => "[a-z ]{1,12}".prop_map(|s| s.trim().to_string()),
        1 => proptest::sample::select(SPELLINGS).prop_map(|s| format!("\"{s}\"")),
        1 => proptest::sample::select(SPELLINGS).prop_map(|s| format!("'{s}'")),
    ]
}

/// A generated document: nested mappings and sequences in block and flow style.
#[derive(Debug, Clone)]
enum Doc {
    Scalar(String),
    Block(String),
    Flow(Vec<String>),
    Seq(Vec<Doc>),
    Map(Vec<(String, Doc)>),
}

fn doc() -> impl Strategy<Value = Doc> {
    let leaf = prop_oneof![
        6 => scalar().prop_map(Doc::Scalar),
        1 => "[a-z0-9 ]{0,10}".prop_map(Doc::Block),
        1 => proptest::collection::vec(scalar(), 0..4).prop_map(Doc::Flow),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Doc::Seq),
            proptest::collection::vec((scalar(), inner), 0..5).prop_map(Doc::Map),
        ]
    })
}

fn render(doc: &Doc, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match doc {
        Doc::Map(entries) if !entries.is_empty() => {
            for (key, value) in entries {
                out.push_str(&pad);
                out.push_str(key);
                out.push(':');
                value_after_indicator(value, indent, out);
            }
        }
        Doc::Seq(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                value_after_indicator(item, indent, out);
            }
        }
        other => {
            out.push_str(&pad);
            value_after_indicator(other, indent, out);
        }
    }
}

fn value_after_indicator(value: &Doc, indent: usize, out: &mut String) {
    match value {
        Doc::Scalar(s) if s.is_empty() => out.push('\n'),
        Doc::Scalar(s) => {
            out.push(' ');
            out.push_str(s);
            out.push('\n');
        }
        Doc::Block(text) => {
            out.push_str(" |\n");
            for line in text.split(' ') {
                out.push_str(&" ".repeat(indent + 2));
                out.push_str(line);
                out.push('\n');
            }
        }
        Doc::Flow(items) => {
            out.push_str(" [");
            out.push_str(&items.join(", "));
            out.push_str("]\n");
        }
        Doc::Map(e) if e.is_empty() => out.push_str(" {}\n"),
        Doc::Seq(i) if i.is_empty() => out.push_str(" []\n"),
        nested => {
            out.push('\n');
            render(nested, indent + 2, out);
        }
    }
}

/// How a generated document is laid out around its content.
#[derive(Debug, Clone, Copy)]
struct Layout {
    comment: bool,
    start_marker: bool,
    end_marker: bool,
    crlf: bool,
    trailing_comments: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    any::<[bool; 5]>().prop_map(
        |[comment, start_marker, end_marker, crlf, trailing_comments]| Layout {
            comment,
            start_marker,
            end_marker,
            crlf,
            trailing_comments,
        },
    )
}

fn generated(entries: Vec<(String, Doc)>, layout: Layout) -> String {
    let mut text = String::new();
    if layout.comment {
        text.push_str("# a questionnaire\n");
    }
    if layout.start_marker {
        text.push_str("---\n");
    }
    render(&Doc::Map(entries), 0, &mut text);
    if layout.trailing_comments {
        // A comment after every value that is not a block scalar's line.
        text = text
            .lines()
            .map(|l| {
                if l.trim_end().ends_with(':') || !l.contains(": ") {
                    l.to_string()
                } else {
                    format!("{l}  # note")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
    }
    if layout.end_marker {
        text.push_str("...\n");
    }
    if layout.crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn document() -> impl Strategy<Value = String> {
    (proptest::collection::vec((scalar(), doc()), 1..8), layout())
        .prop_map(|(entries, layout)| generated(entries, layout))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_documents_build_the_same_tree_both_ways(text in document()) {
        agree(&text);
    }
}

#[test]
fn most_generated_documents_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = document();
    let taken = (0..200)
        .filter(|_| agree(&strategy.new_tree(&mut runner).unwrap().current()))
        .count();
    assert!(
        taken >= 100,
        "the fast path took only {taken} of 200 documents"
    );
}

/// Characters that change what YAML means, for near-miss documents.
const SIGNIFICANT: &[char] = &[
    ':', '-', ' ', '\n', '#', '"', '\'', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '?',
    '\t', '%', '@', '`', '.', '0', 'x', '~',
];

/// The repository's questionnaires and rubrics with a few characters inserted, removed or
/// replaced: documents close to real ones, many of them broken, on which the fast path must
/// either agree with serde-saphyr or step aside.
fn near_miss() -> impl Strategy<Value = String> {
    let texts: Vec<String> = repository_yaml()
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|t| t.len() < 20_000)
        .collect();
    let edit = (
        any::<proptest::sample::Index>(),
        0..3u8,
        proptest::sample::select(SIGNIFICANT),
    );
    (
        proptest::sample::select(texts),
        proptest::collection::vec(edit, 1..4),
    )
        .prop_map(|(text, edits)| {
            let mut chars: Vec<char> = text.chars().collect();
            for (at, kind, c) in edits {
                if chars.is_empty() {
                    break;
                }
                let i = at.index(chars.len());
                match kind {
                    0 => chars.insert(i, c),
                    1 => {
                        chars.remove(i);
                    }
                    _ => chars[i] = c,
                }
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn near_misses_of_repository_files_never_part_the_two_ways(text in near_miss()) {
        agree(&text);
    }
}
