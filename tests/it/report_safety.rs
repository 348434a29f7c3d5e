//! Hostile text in every free-text field, through every format: nothing from the input may
//! become markup, shift a table's cells, reorder the report's own numbers or reach a terminal
//! as an escape sequence. Markdown is checked by rendering it with a CommonMark renderer.

use std::path::Path;

/// HTML, Markdown link and emphasis, a table pipe, a heading, a list item, a bidirectional
/// override and a terminal escape, with line breaks between them.
const HOSTILE_YAML: &str = r#""<img src=x onerror=alert(1)><script>alert(2)</script> | *em* _u_ [click](https://evil.example/x) `tick` \u202E21 \e[31mred\n# heading\n- item\n1. first""#;

fn assess(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crate::common::assess_in(dir, args);
    (out.code, out.stdout, out.stderr)
}

/// blind-spot.yaml with the organisation's name, one evidence string and the group that shows
/// in the perception gaps replaced by hostile text; an article folder with a hostile title.
fn hostile_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/blind-spot.yaml"),
    )
    .unwrap();
    let hostile = example
        .replace(
            "name: Quillstone Payments",
            &format!("name: {HOSTILE_YAML}"),
        )
        .replace(
            "evidence: \"HRIS: 12 Staff+ ICs, 28 people managers\"",
            &format!("evidence: {HOSTILE_YAML}"),
        )
        .replace("- group: leadership", &format!("- group: {HOSTILE_YAML}"));
    assert_eq!(
        hostile.matches("<script>").count(),
        3,
        "all three fields replaced"
    );
    std::fs::write(dir.path().join("hostile.yaml"), hostile).unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("articles/dual-tracks.md"),
        format!("---\ntitle: {HOSTILE_YAML}\ncanonical_url: https://example.com/guide\n---\n\n## Separate paths to influence, pay and standing\n"),
    )
    .unwrap();
    dir
}

const BRANDING: [&str; 6] = [
    "--client",
    "<b>Client</b> | *x* \u{202E}99 # [a](https://evil.example)",
    "--prepared-by",
    "<i>Preparer</i> \u{1b}[2J",
    "--confidential",
    "<u>Secret</u> \u{202E}77 | *y*",
];

fn report(dir: &Path, format: &str) -> String {
    let mut args = vec!["hostile.yaml", "--articles", "articles", "--format", format];
    args.extend(BRANDING);
    let (code, stdout, stderr) = assess(dir, &args);
    assert_eq!(code, 0, "{format}: {stderr}");
    stdout
}

const INPUT_ELEMENTS: [&str; 5] = ["<img", "<script", "<b>", "<i>", "<u>"];

#[test]
fn html_escapes_and_isolates_every_free_text_field() {
    let dir = hostile_inputs();
    let html = report(dir.path(), "html");
    for element in INPUT_ELEMENTS {
        assert!(!html.contains(element), "{element} survived in HTML");
    }
    assert!(html.contains("&lt;script&gt;alert(2)&lt;"));
    assert!(!html.contains("href=\"https://evil.example"));
    assert!(!html.contains('\u{1b}'), "terminal escape in HTML");
    // Every bidirectional override sits inside a <bdi> element, so it cannot reorder the
    // report's own words and numbers around it.
    let mut overrides = 0;
    for (at, _) in html.match_indices('\u{202E}') {
        overrides += 1;
        let before = &html[..at];
        let open = before.rfind("<bdi>").expect("a <bdi> before the override");
        assert!(
            before.rfind("</bdi>").is_none_or(|close| close < open),
            "override outside <bdi>: {}",
            &html[before.char_indices().rev().nth(300).map_or(0, |(i, _)| i)..at]
        );
    }
    // The organisation's name, the group in the gap sentence, the evidence, the client, the
    // preparer and the confidentiality line each carry one.
    assert!(overrides >= 4, "only {overrides} overrides shown");
    // Every link goes to a web address.
    for (at, _) in html.match_indices("href=\"") {
        let rest = &html[at + 6..];
        assert!(
            rest.starts_with("https:&#x2f;&#x2f;"),
            "{}",
            &rest[..40.min(rest.len())]
        );
    }
}

#[test]
fn markdown_keeps_free_text_as_text_under_a_commonmark_renderer() {
    let dir = hostile_inputs();
    let markdown = report(dir.path(), "markdown");
    insta::assert_snapshot!("hostile.md", markdown);
    assert!(!markdown.contains('\u{202E}'), "raw override in Markdown");
    assert!(!markdown.contains('\u{1b}'), "terminal escape in Markdown");
    assert!(
        markdown.contains("\\<U+202E\\>21"),
        "override shown escaped"
    );
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let parser = pulldown_cmark::Parser::new_ext(&markdown, options);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    for element in INPUT_ELEMENTS {
        assert!(!html.contains(element), "{element} survived Markdown");
    }
    assert!(
        !html.contains("href=\"https://evil.example"),
        "a link from the input became a link"
    );
    assert!(!html.contains("<em>em</em>") && !html.contains("<em>x</em>"));
    assert!(!html.contains("<em>u</em>"));
    assert!(!html.contains("<code>tick</code>"));
    // Only the report's own heading levels and lists: one H1, and no heading or list
    // item made from the input's lines.
    assert_eq!(html.matches("<h1>").count(), 1, "{html}");
    assert!(!html.contains(">heading</h"), "input line became a heading");
    assert!(!html.contains("<li>item"), "input line became a list item");
    assert!(!html.contains("<li>first"), "input line became a list item");
    // Every table row keeps its column count: a pipe in the text does not add a cell.
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").unwrap()];
        let head = &table[..table.find("</thead>").unwrap()];
        let header_cells = head.matches("<th>").count() + head.matches("<th ").count();
        for row in table.split("<tr>").skip(2) {
            assert_eq!(row.matches("<td").count(), header_cells, "row {row}");
        }
    }
    // The hostile text is still there, as text.
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(html.contains("&lt;U+202E&gt;21"));
}

#[test]
fn text_shows_controls_instead_of_obeying_them() {
    let dir = hostile_inputs();
    let text = report(dir.path(), "text");
    insta::assert_snapshot!("hostile.txt", text);
    assert!(!text.contains('\u{202E}'), "raw override in text");
    assert!(!text.contains('\u{1b}'), "terminal escape in text");
    assert!(text.contains("<U+202E>21"));
    assert!(text.contains("<U+001B>[31mred"));
    assert!(text.contains("<U+001B>[2J"));
    assert!(
        text.contains("<u>Secret</u> <U+202E>77"),
        "confidential line"
    );
}

#[test]
fn json_carries_the_branding_and_the_text_unchanged() {
    let dir = hostile_inputs();
    let json: serde_json::Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    assert_eq!(json["client"], BRANDING[1]);
    assert_eq!(json["prepared_by"], BRANDING[3]);
    assert_eq!(json["confidential"], BRANDING[5]);
    let name = json["organization"]["name"].as_str().unwrap();
    assert!(name.starts_with("<img src=x") && name.contains('\u{202E}') && name.contains('\n'));
}

#[test]
fn article_addresses_other_than_web_addresses_are_refused_with_a_location() {
    let dir = hostile_inputs();
    std::fs::write(
        dir.path().join("articles/dual-tracks.md"),
        "---\ntitle: Guide\ncanonical_url: \"javascript:alert(document.cookie)\"\n---\n",
    )
    .unwrap();
    for format in ["html", "markdown", "text", "json"] {
        let (code, stdout, stderr) = assess(
            dir.path(),
            &["hostile.yaml", "--articles", "articles", "--format", format],
        );
        assert_eq!(code, 2, "{format}: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("articles/dual-tracks.md:3:17: error[article-url]: `javascript:alert(document.cookie)` is not a web address"),
            "{stderr}"
        );
    }
}
