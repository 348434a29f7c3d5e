//! Command-line tests: exit codes, messages, files written or left alone, and reviewed
//! snapshots of every example report. Each test runs the built `assess` binary.
//!
//! Snapshots live in `tests/it/snapshots/`; after a deliberate change to a template, review the
//! new output and accept it with `INSTA_UPDATE=always cargo test --test it cli::` (or
//! `cargo insta review`).

use crate::common::{Assess, BIN, Outcome, ROOT, listing, tempdir, without_version};

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The runner (`common::Assess`), with any arguments `Command` takes.

/// Runs `assess ARGS` in the crate root.
fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Outcome {
    Assess::new().args(args).run()
}

/// Runs `assess ARGS` in `dir`.
fn run_in<S: AsRef<OsStr>>(dir: &Path, args: impl IntoIterator<Item = S>) -> Outcome {
    Assess::new().dir(dir).args(args).run()
}

/// The stems of `examples/*.yaml`, sorted: every example is validated and snapshotted.
fn examples() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("examples"))
        .expect("examples folder")
        .filter_map(|e| {
            let path = e.expect("examples entry").path();
            (path.extension() == Some(OsStr::new("yaml")))
                .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    stems.sort();
    assert!(stems.len() >= 4, "examples: {stems:?}");
    stems
}

fn example(stem: &str) -> PathBuf {
    Path::new(ROOT)
        .join("examples")
        .join(format!("{stem}.yaml"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The `file:line:column` prefixes of the error lines on stderr, in order.
fn error_locations(stderr: &str) -> Vec<(String, u32, u32)> {
    stderr
        .lines()
        .filter(|l| l.contains(": error["))
        .map(|l| {
            let head = l.split(": error[").next().unwrap();
            let mut parts = head.rsplitn(3, ':');
            let column = parts.next().unwrap().parse().expect("column");
            let line = parts.next().unwrap().parse().expect("line");
            (parts.next().unwrap().to_string(), line, column)
        })
        .collect()
}

#[track_caller]
fn assert_keys(value: &Value, what: &str, keys: &[&str]) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {value}"));
    for key in keys {
        assert!(object.contains_key(*key), "{what} lacks key `{key}`");
    }
}

#[track_caller]
fn assert_article(value: &Value, what: &str) {
    assert_keys(value, what, &["id", "title", "url"]);
    let url = value["url"].as_str().unwrap_or_default();
    assert!(url.starts_with("https://"), "{what} url {url:?}");
}

// ---------------------------------------------------------------------------------------------
// The report

#[test]
fn report_prints_overall_score_and_band() {
    run(["examples/balanced-saas.yaml"])
        .status(0)
        .stdout_has("91.6 / 100")
        .stdout_has("STRONG")
        .stderr_empty();
    run(["examples/pay-cliff.yaml"])
        .status(0)
        .stdout_has("22.0 / 100")
        .stdout_has("CRITICAL");
}

#[test]
fn every_format_renders_the_same_headline() {
    let text = run(["examples/balanced-saas.yaml", "--format", "text"]);
    text.status(0).stdout_has("OVERALL  91.6 / 100  STRONG");

    let markdown = run(["examples/balanced-saas.yaml", "--format", "markdown"]);
    markdown.status(0).stdout_has("91.6 / 100");
    assert!(markdown.stdout.starts_with("# "), "{markdown}");

    let html = run(["examples/balanced-saas.yaml", "--format", "html"]);
    html.status(0).stdout_has("91.6");
    assert!(html.stdout.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.stdout.trim_end().ends_with("</html>"), "{html}");

    let json = run(["examples/balanced-saas.yaml", "--format", "json"]);
    let value = json.status(0).json();
    assert_eq!(value["overall"]["score"], serde_json::json!(91.6));
    assert_eq!(value["overall"]["band"], "strong");

    // Short names and any case are accepted too.
    run(["examples/balanced-saas.yaml", "-f", "MD"])
        .status(0)
        .stdout_has("91.6 / 100");
}

#[test]
fn unknown_format_is_a_usage_error() {
    run(["examples/balanced-saas.yaml", "--format", "pdf"])
        .status(2)
        .stdout_empty()
        .stderr_has("pdf");
}

#[test]
fn json_report_has_every_contract_key() {
    for stem in &examples() {
        let out = run([
            example(stem).as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ]);
        let report = out.status(0).json();
        let w = |s: &str| format!("{stem}: {s}");
        assert_keys(
            &report,
            &w("report"),
            &[
                "schema_version",
                "rubric",
                "organization",
                "assessed_on",
                "overall",
                "commitments",
                "failure_patterns",
                "recommendations",
                "perception_gaps",
            ],
        );
        assert_keys(&report["rubric"], &w("rubric"), &["id", "version", "title"]);
        assert_eq!(report["rubric"]["id"], "dual-track");
        assert!(report["organization"].is_object(), "{stem}");
        assert_keys(
            &report["overall"],
            &w("overall"),
            &["score", "band", "coverage", "capped_by"],
        );
        assert!(report["overall"]["capped_by"].is_array());

        let commitments = report["commitments"].as_array().expect("commitments");
        assert_eq!(
            commitments
                .iter()
                .map(|c| c["id"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["separate-paths", "clear-expectations", "track-choice"],
            "{stem}"
        );
        for c in commitments {
            let what = w(&format!("commitment {}", c["id"]));
            assert_keys(
                c,
                &what,
                &[
                    "id", "title", "score", "band", "coverage", "weak", "article", "criteria",
                ],
            );
            assert_article(&c["article"], &what);
            assert!(c["score"].is_number() || c["score"].is_null(), "{what}");
            for k in c["criteria"].as_array().expect("criteria") {
                let what = w(&format!("criterion {}", k["id"]));
                assert_keys(
                    k,
                    &what,
                    &[
                        "id", "prompt", "state", "answer", "score", "weak", "article",
                    ],
                );
                assert_article(&k["article"], &what);
                let state = k["state"].as_str().unwrap();
                assert!(
                    ["scored", "unknown", "missing", "not-applicable", "not-yet"].contains(&state),
                    "{what}: state {state}"
                );
                if let Some(score) = k["score"].as_f64() {
                    assert!((0.0..=100.0).contains(&score), "{what}: score {score}");
                }
            }
        }
        let patterns = report["failure_patterns"].as_array().expect("patterns");
        assert_eq!(patterns.len(), 4, "{stem}");
        for p in patterns {
            let what = w(&format!("pattern {}", p["id"]));
            assert_keys(
                p,
                &what,
                &["id", "title", "status", "severity", "evidence", "article"],
            );
            assert_article(&p["article"], &what);
            let status = p["status"].as_str().unwrap();
            assert!(
                ["triggered", "clear", "undetermined", "not-yet"].contains(&status),
                "{what}: status {status}"
            );
            if status == "triggered" {
                assert!(!p["evidence"].as_array().unwrap().is_empty(), "{what}");
            }
        }
        for r in report["recommendations"]
            .as_array()
            .expect("recommendations")
        {
            let what = w(&format!("recommendation {}", r["criterion"]));
            assert_keys(
                r,
                &what,
                &[
                    "criterion",
                    "commitment",
                    "gain",
                    "effort",
                    "action",
                    "article",
                ],
            );
            assert_article(&r["article"], &what);
            assert!(r["gain"].is_number(), "{what}");
        }
        assert!(report["perception_gaps"].is_array(), "{stem}");
    }
}

#[test]
fn json_report_numbers_match_the_examples_diagnoses() {
    let pay_cliff = run(["examples/pay-cliff.yaml", "--format", "json"]).json();
    assert_eq!(pay_cliff["overall"]["score"], serde_json::json!(22.0));
    assert_eq!(pay_cliff["overall"]["band"], "critical");
    let triggered: Vec<&str> = pay_cliff["failure_patterns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "triggered")
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(triggered.contains(&"pay-skew"), "{triggered:?}");
    assert!(triggered.contains(&"locked-in"), "{triggered:?}");

    // A triggered cap holds a good average down, and says which pattern did it.
    let blind_spot = run(["examples/blind-spot.yaml", "--format", "json"]).json();
    assert_eq!(blind_spot["overall"]["score"], serde_json::json!(79.9));
    assert_eq!(blind_spot["overall"]["band"], "developing");
    assert_eq!(
        blind_spot["overall"]["capped_by"],
        serde_json::json!(["advisory-only"])
    );
    assert!(
        !blind_spot["perception_gaps"].as_array().unwrap().is_empty(),
        "blind-spot shows perception gaps"
    );

    // Recommendations are ranked by points gained, most first.
    let gains: Vec<f64> = pay_cliff["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["gain"].as_f64().unwrap())
        .collect();
    assert!(gains.len() > 1);
    assert!(gains.windows(2).all(|w| w[0] >= w[1]), "{gains:?}");
}

#[test]
fn half_answered_names_its_evidence_gaps() {
    let report = run(["examples/half-answered.yaml", "--format", "json"]).json();
    let track_choice = &report["commitments"][2];
    assert_eq!(track_choice["id"], "track-choice");
    assert_eq!(track_choice["band"], "insufficient-evidence");
    let states: Vec<&str> = report["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["criteria"].as_array().unwrap())
        .map(|k| k["state"].as_str().unwrap())
        .collect();
    for state in ["scored", "unknown", "missing", "not-applicable"] {
        assert!(states.contains(&state), "no criterion is {state}");
    }
}

#[test]
fn reports_are_deterministic() {
    for format in ["text", "markdown", "html", "json"] {
        let a = run(["examples/blind-spot.yaml", "--format", format]);
        let b = run(["examples/blind-spot.yaml", "--format", format]);
        assert_eq!(a.stdout, b.stdout, "{format} differs between two runs");
    }
}

#[test]
fn html_report_is_self_contained() {
    for stem in &examples() {
        let out = run([
            example(stem).as_os_str(),
            OsStr::new("--format"),
            OsStr::new("html"),
        ]);
        let html = &out.status(0).stdout;
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{stem}: HTML has a script");
        assert!(!lower.contains("<link"), "{stem}: HTML links a stylesheet");
        assert!(!lower.contains("@import"), "{stem}: CSS imports");
        assert!(
            !lower.contains("src=\"http"),
            "{stem}: HTML fetches a resource"
        );
        assert!(
            !lower.contains("url(http"),
            "{stem}: CSS fetches a resource"
        );
        assert_tags_balanced(html, stem);
    }
}

/// A rough well-formedness check: every non-void element that opens also closes, in order.
#[track_caller]
fn assert_tags_balanced(html: &str, what: &str) {
    const VOID: [&str; 8] = ["meta", "br", "hr", "img", "input", "link", "col", "wbr"];
    // Inside <svg>, self-closing elements such as <rect/> are fine.
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest
            .find('>')
            .unwrap_or_else(|| panic!("{what}: unclosed `<`"));
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            let open = stack.pop();
            assert_eq!(
                open.as_deref(),
                Some(name.as_str()),
                "{what}: </{name}> closes {open:?}"
            );
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap()
            .to_ascii_lowercase();
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" {
            // CSS may hold `>` selectors; skip to the closing tag.
            let close = rest.find("</style>").expect("</style>");
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        stack.push(name);
    }
    assert!(stack.is_empty(), "{what}: unclosed elements {stack:?}");
}

#[test]
fn markdown_tables_have_even_rows() {
    for stem in &examples() {
        let out = run([
            example(stem).as_os_str(),
            OsStr::new("--format"),
            OsStr::new("markdown"),
        ]);
        let markdown = &out.status(0).stdout;
        let mut columns: Option<usize> = None;
        for (n, line) in markdown.lines().enumerate() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let cells = line.replace("\\|", "").matches('|').count();
            match columns {
                None => columns = Some(cells),
                Some(expected) => assert_eq!(
                    cells,
                    expected,
                    "{stem}.md line {}: a row with another column count\n{line}",
                    n + 1
                ),
            }
        }
    }
}

#[test]
fn every_format_links_the_same_articles() {
    for stem in &examples() {
        let links = |format: &str| {
            let out = run([
                example(stem).as_os_str(),
                OsStr::new("--format"),
                OsStr::new(format),
            ]);
            // HTML escapes `/` as `&#x2f;`.
            let stdout = out.status(0).stdout.replace("&#x2f;", "/");
            let mut urls: Vec<String> = stdout
                .match_indices("https://wattnext.ai")
                .map(|(i, _)| {
                    stdout[i..]
                        .split(|c: char| c == '>' || c == ')' || c == '"' || c.is_whitespace())
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect();
            urls.sort();
            urls.dedup();
            urls
        };
        let text = links("text");
        assert!(!text.is_empty(), "{stem}: no Learn more link");
        // Markdown and HTML also link commitment titles; every link the text gives is there.
        for format in ["markdown", "html"] {
            let other = links(format);
            assert!(
                text.iter().all(|u| other.contains(u)),
                "{stem}: {format} vs text"
            );
        }
    }
}

#[test]
fn client_and_preparer_are_shown_and_escaped_in_html() {
    let out = run([
        "examples/pay-cliff.yaml",
        "--client",
        "Acme <Holdings>",
        "--prepared-by",
        "Jo & Partners",
    ]);
    out.status(0)
        .stdout_has("Acme <Holdings>")
        .stdout_has("Prepared by Jo & Partners");
    assert!(!out.stdout.contains("Brightline Health Tech"), "{out}");
    let html = run([
        "examples/pay-cliff.yaml",
        "--format",
        "html",
        "--client",
        "Acme <Holdings>",
        "--prepared-by",
        "Jo & Partners",
    ]);
    html.status(0)
        .stdout_has("Acme &lt;Holdings&gt;")
        .stdout_has("Jo &amp; Partners");
    assert!(
        !html.stdout.contains("<Holdings>"),
        "client name not escaped"
    );
}

#[test]
fn text_answer_columns_line_up() {
    let out = run(["examples/half-answered.yaml"]);
    let section = out.stdout.split("ALL ANSWERS").nth(1).unwrap();
    let mut rows = 0;
    for line in section.lines().skip(1).take_while(|l| !l.is_empty()) {
        if !line.starts_with("    ") || line.trim_start().starts_with("Learn more") {
            continue; // a commitment title or a link line
        }
        // id (32) + space + score (5, right-aligned) + space + weak flag (4) + two spaces.
        let chars: Vec<char> = line.chars().collect();
        assert!(
            chars.len() > 49 && chars[47] == ' ' && chars[48] == ' ' && chars[49] != ' ',
            "the answer does not start in column 50: {line:?}"
        );
        rows += 1;
    }
    assert_eq!(rows, 32, "one row per criterion");
}

#[test]
fn perception_gap_prompts_are_quoted_once() {
    let markdown = run(["examples/blind-spot.yaml", "--format", "markdown"]);
    assert!(!markdown.stdout.contains("“\""), "{markdown}");
    let html = run(["examples/blind-spot.yaml", "--format", "html"]);
    assert!(!html.stdout.contains("“&quot;"), "{html}");
}

#[test]
fn custom_templates_replace_the_built_in_ones() {
    let dir = tempdir();
    let templates = dir.path().join("brand");
    std::fs::create_dir(&templates).unwrap();
    write(
        &templates.join("report.txt.j2"),
        "{{ client }} scores {{ a.overall.score }} ({{ a.overall.band }})\n",
    );
    let q = example("pay-cliff");
    run_in(
        dir.path(),
        [
            q.as_os_str(),
            OsStr::new("--templates"),
            OsStr::new("brand"),
        ],
    )
    .status(0)
    .stdout_has("Brightline Health Tech scores 22.0 (critical)");

    // A template that does not compile is bad input: exit 2, and no report is written.
    write(&templates.join("report.txt.j2"), "{{ a.overall.score \n");
    run_in(
        dir.path(),
        [
            q.as_os_str(),
            OsStr::new("--templates"),
            OsStr::new("brand"),
            OsStr::new("-o"),
            OsStr::new("out.txt"),
        ],
    )
    .status(2)
    .stderr_has("report.txt.j2")
    .stderr_has("error[template]");
    assert!(!dir.path().join("out.txt").exists());
}

#[test]
fn templates_folder_that_does_not_exist_is_an_error() {
    run(["examples/pay-cliff.yaml", "--templates", "no-such-folder"])
        .status(2)
        .stderr_has("no-such-folder");
}

// ---------------------------------------------------------------------------------------------
// -o: writing the report to a file

#[test]
fn output_format_follows_the_extension() {
    let dir = tempdir();
    let q = example("pay-cliff");
    for (name, starts) in [
        ("report.md", "# "),
        ("report.html", "<!DOCTYPE html>"),
        ("report.json", "{"),
        ("report.txt", "DUAL IC/MANAGEMENT CAREER TRACKS"),
    ] {
        run_in(
            dir.path(),
            [q.as_os_str(), OsStr::new("-o"), OsStr::new(name)],
        )
        .status(0)
        .stdout_empty()
        .stderr_has(&format!("wrote {name}"))
        .stderr_has("22.0");
        let written = String::from_utf8(read(&dir.path().join(name))).unwrap();
        assert!(
            written.starts_with(starts),
            "{name} starts {:?}",
            &written[..40]
        );
    }
    let json: Value =
        serde_json::from_slice(&read(&dir.path().join("report.json"))).expect("report.json");
    assert_eq!(json["overall"]["score"], serde_json::json!(22.0));
    assert_eq!(
        listing(dir.path()),
        ["report.html", "report.json", "report.md", "report.txt"]
    );
}

#[test]
fn explicit_format_beats_the_extension() {
    let dir = tempdir();
    let q = example("balanced-saas");
    run_in(
        dir.path(),
        [
            q.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("report.out"),
            OsStr::new("--format"),
            OsStr::new("json"),
        ],
    )
    .status(0);
    let json: Value = serde_json::from_slice(&read(&dir.path().join("report.out"))).unwrap();
    assert_eq!(json["overall"]["score"], serde_json::json!(91.6));
}

#[test]
fn unknown_extension_without_format_is_refused() {
    let dir = tempdir();
    let q = example("balanced-saas");
    run_in(
        dir.path(),
        [q.as_os_str(), OsStr::new("-o"), OsStr::new("report.pdf")],
    )
    .status(2)
    .stdout_empty()
    .stderr_has("report.pdf")
    .stderr_has("--format");
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn output_never_replaces_the_questionnaire() {
    let dir = tempdir();
    let q = dir.path().join("acme.yaml");
    std::fs::copy(example("pay-cliff"), &q).unwrap();
    let before = read(&q);

    // Same spelling, another spelling of the same path, and no --format at all.
    for args in [
        vec!["acme.yaml", "-o", "acme.yaml", "--format", "text"],
        vec!["acme.yaml", "-o", "./acme.yaml", "--format", "json"],
        vec!["./acme.yaml", "-o", "acme.yaml", "--format", "markdown"],
        vec!["acme.yaml", "-o", "acme.yaml"],
    ] {
        let out = run_in(dir.path(), &args);
        out.status(2).stdout_empty();
        assert_eq!(read(&q), before, "{args:?} changed the questionnaire");
    }
    run_in(
        dir.path(),
        ["acme.yaml", "-o", "acme.yaml", "--format", "text"],
    )
    .stderr_has("one of this command's input files");
    assert_eq!(listing(dir.path()), ["acme.yaml"]);
}

#[cfg(unix)]
#[test]
fn output_never_replaces_the_questionnaire_through_a_symlink() {
    let dir = tempdir();
    let q = dir.path().join("acme.yaml");
    std::fs::copy(example("pay-cliff"), &q).unwrap();
    std::os::unix::fs::symlink("acme.yaml", dir.path().join("link.yaml")).unwrap();
    let before = read(&q);
    run_in(
        dir.path(),
        ["acme.yaml", "-o", "link.yaml", "--format", "text"],
    )
    .status(2)
    .stderr_has("one of this command's input files");
    assert_eq!(read(&q), before);
}

#[test]
fn output_never_replaces_the_rubric_or_a_template() {
    let dir = tempdir();
    custom_rubric(dir.path());
    let rubric = dir.path().join("my-track.yaml");
    let before = read(&rubric);
    run_in(
        dir.path(),
        [
            "mine.yaml",
            "--rubric",
            "my-track.yaml",
            "-o",
            "my-track.yaml",
            "--format",
            "json",
        ],
    )
    .status(2);
    assert_eq!(read(&rubric), before, "the report replaced the rubric");

    std::fs::create_dir(dir.path().join("brand")).unwrap();
    let template = dir.path().join("brand/report.txt.j2");
    write(&template, "{{ client }}\n");
    run_in(
        dir.path(),
        [
            "theirs.yaml",
            "--templates",
            "brand",
            "-o",
            "brand/report.txt.j2",
        ],
    )
    .status(2);
    assert_eq!(
        read(&template),
        b"{{ client }}\n",
        "the report replaced its template"
    );
}

#[test]
fn existing_output_is_replaced_whole_without_leftovers() {
    let dir = tempdir();
    let report = dir.path().join("report.md");
    write(&report, "an older report\n".repeat(5000));
    let q = example("blind-spot");
    run_in(
        dir.path(),
        [q.as_os_str(), OsStr::new("-o"), OsStr::new("report.md")],
    )
    .status(0);
    let expected = run([
        q.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("markdown"),
    ])
    .stdout;
    assert_eq!(String::from_utf8(read(&report)).unwrap(), expected);
    assert_eq!(
        listing(dir.path()),
        ["report.md"],
        "temporary files left over"
    );
}

#[test]
fn output_into_a_missing_folder_is_reported() {
    let dir = tempdir();
    let q = example("pay-cliff");
    run_in(
        dir.path(),
        [
            q.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("no-such-folder/r.md"),
        ],
    )
    .status(2)
    .stdout_empty()
    .stderr_has("cannot write no-such-folder/r.md");
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn output_errors_do_not_mention_temporary_files() {
    let dir = tempdir();
    let q = example("pay-cliff");
    let out = run_in(
        dir.path(),
        [
            q.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("no-such-folder/r.md"),
        ],
    );
    assert!(!out.stderr.contains(".assess-"), "{out}");
    let init = run_in(dir.path(), ["init", "-o", "no-such-folder/q.yaml"]);
    init.status(2);
    assert!(!init.stderr.contains(".assess-"), "{init}");
}

#[test]
fn a_failed_run_leaves_the_previous_report_alone() {
    let dir = tempdir();
    let report = dir.path().join("report.md");
    write(&report, "last week's report\n");
    write(
        &dir.path().join("bad.yaml"),
        "rubric: dual-track\nanswers:\n  switch-raise: perhaps\n",
    );
    run_in(dir.path(), ["bad.yaml", "-o", "report.md"])
        .status(2)
        .stderr_has("bad.yaml:3:17");
    assert_eq!(read(&report), b"last week's report\n");
    assert_eq!(listing(dir.path()), ["bad.yaml", "report.md"]);
}

// ---------------------------------------------------------------------------------------------
// Standard input

#[test]
fn dash_reads_standard_input() {
    let input = read(&example("pay-cliff"));
    Assess::new()
        .args(["-"])
        .stdin(input.clone())
        .run()
        .status(0)
        .stdout_has("22.0 / 100")
        .stdout_has("Brightline Health Tech");
    Assess::new()
        .args(["validate", "-"])
        .stdin(input)
        .run()
        .status(0)
        .stdout_has("-: valid for dual-track 1.0.0");
    // Errors in standard input are located as `-`.
    Assess::new()
        .args(["-"])
        .stdin("rubric: [\n")
        .run()
        .status(2)
        .stdout_empty()
        .stderr_has("-:1:9: error[yaml-syntax]");
}

// ---------------------------------------------------------------------------------------------
// --fail-under

#[test]
fn fail_under_fails_a_low_score_and_still_prints_the_report() {
    run(["examples/pay-cliff.yaml", "--fail-under", "50"])
        .status(1)
        .stdout_has("22.0 / 100")
        .stderr_has("overall score 22.0 is under --fail-under 50");
    run(["examples/balanced-saas.yaml", "--fail-under", "50"])
        .status(0)
        .stdout_has("91.6 / 100")
        .stderr_empty();
}

#[test]
fn fail_under_compares_the_displayed_score() {
    // half-answered scores 65.6 from the two commitments with enough evidence.
    run(["examples/half-answered.yaml", "--fail-under", "60"]).status(0);
    run(["examples/half-answered.yaml", "--fail-under", "65.6"]).status(0);
    run(["examples/half-answered.yaml", "--fail-under", "65.7"])
        .status(1)
        .stderr_has("65.6");
    run(["examples/half-answered.yaml", "--fail-under", "70"]).status(1);
}

#[test]
fn fail_under_fails_when_there_is_no_score() {
    let dir = tempdir();
    run_in(dir.path(), ["init", "-o", "blank.yaml"]).status(0);
    run_in(dir.path(), ["blank.yaml", "--fail-under", "0"])
        .status(1)
        .stdout_has("INSUFFICIENT EVIDENCE")
        .stderr_has("there is no overall score to compare with --fail-under 0: too few questions are answered to score");
}

#[test]
fn fail_under_applies_when_writing_a_file() {
    let dir = tempdir();
    let q = example("pay-cliff");
    run_in(
        dir.path(),
        [
            q.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("r.html"),
            OsStr::new("--fail-under"),
            OsStr::new("50"),
        ],
    )
    .status(1)
    .stderr_has("wrote r.html");
    assert!(dir.path().join("r.html").is_file());
}

#[test]
fn fail_under_needs_a_number() {
    run(["examples/pay-cliff.yaml", "--fail-under", "half"])
        .status(2)
        .stdout_empty()
        .stderr_has("--fail-under");
}

#[test]
fn fail_under_outside_0_to_100_is_a_usage_error() {
    run(["examples/balanced-saas.yaml", "--fail-under", "150"])
        .status(2)
        .stderr_has("0-100");
}

// ---------------------------------------------------------------------------------------------
// validate

#[test]
fn validate_accepts_every_example() {
    let stems = examples();
    let mut args = vec!["validate".to_string()];
    args.extend(stems.iter().map(|s| format!("examples/{s}.yaml")));
    let out = run(&args);
    out.status(0).stderr_empty();
    for stem in &stems {
        out.stdout_has(&format!("examples/{stem}.yaml: valid for dual-track 1.0.0"));
    }
    assert_eq!(out.stdout.lines().count(), stems.len(), "{out}");
    out.stdout_has(
        "examples/half-answered.yaml: valid for dual-track 1.0.0: 17 answered, 7 unknown, 2 n/a, 6 missing (of 32 questions)",
    );
}

#[test]
fn validate_shows_location_source_caret_and_help() {
    let dir = tempdir();
    write(
        &dir.path().join("acme.yaml"),
        "rubric: dual-track\nanswers:\n  ic-ladder-topp: principal\n",
    );
    let out = run_in(dir.path(), ["validate", "acme.yaml"]);
    out.status(2)
        .stdout_empty()
        .stderr_has("acme.yaml:3:3: error[unknown-criterion]: `ic-ladder-topp`")
        .stderr_has("3 |   ic-ladder-topp: principal\n")
        .stderr_has("  |   ^^^^^^^^^^^^^^\n")
        .stderr_has("= help: did you mean `ic-ladder-top`?")
        .stderr_has("1 problem found");
}

const MANY_PROBLEMS: &str = "\
respondents:
  - {group: staff-plus-ic, count: 7, answers: {ic-respect: 9}}
answers:
  staff-plus-forums: lots
  switch-raise: perhaps
  ic-ladder-top: principle
rubric: dual-track
assessed_on: someday
organization:
  name: Order Co
bogus_top: 1
";

#[test]
fn validate_reports_every_problem_at_once_sorted_by_line() {
    let dir = tempdir();
    write(&dir.path().join("order.yaml"), MANY_PROBLEMS);
    let out = run_in(dir.path(), ["validate", "order.yaml"]);
    out.status(2).stdout_empty().stderr_has("6 problems found.");
    let lines: Vec<u32> = error_locations(&out.stderr)
        .into_iter()
        .map(|(file, line, _)| {
            assert_eq!(file, "order.yaml");
            line
        })
        .collect();
    assert_eq!(lines, [2, 4, 5, 6, 8, 11], "{out}");
    out.stderr_has("did you mean `principal`?");
    insta::assert_snapshot!("validate-many-problems.stderr", out.stderr);
}

#[test]
fn validate_reports_a_duplicate_answer() {
    let dir = tempdir();
    write(
        &dir.path().join("dup.yaml"),
        "rubric: dual-track\nanswers:\n  switch-raise: no\n  switch-raise: yes\n",
    );
    run_in(dir.path(), ["validate", "dup.yaml"])
        .status(2)
        .stderr_has("dup.yaml:4:3: error[duplicate-answer]")
        .stderr_has("line 3");
}

#[test]
fn validate_checks_every_file_even_after_a_bad_one() {
    let dir = tempdir();
    std::fs::copy(example("balanced-saas"), dir.path().join("good.yaml")).unwrap();
    write(
        &dir.path().join("bad.yaml"),
        "rubric: dual-track\nanswers:\n  ic-respect: 7\n",
    );
    let out = run_in(dir.path(), ["validate", "bad.yaml", "good.yaml"]);
    out.status(2)
        .stdout_has("good.yaml: valid for dual-track 1.0.0")
        .stderr_has("bad.yaml:3:15: error[invalid-answer]")
        .stderr_has("1 problem found");
    assert!(!out.stdout.contains("bad.yaml"), "{out}");
}

#[test]
fn validate_of_a_fresh_init_file_lists_every_question_missing() {
    let dir = tempdir();
    run_in(dir.path(), ["init", "-o", "acme.yaml"]).status(0);
    run_in(dir.path(), ["validate", "acme.yaml"])
        .status(0)
        .stdout_has("acme.yaml: valid for dual-track 1.0.0: 0 answered, 0 unknown, 0 n/a, 32 missing (of 32 questions)");
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[test]
fn missing_file_is_named() {
    run(["no-such-questionnaire.yaml"])
        .status(2)
        .stdout_empty()
        .stderr_has("no-such-questionnaire.yaml: error[unreadable]: no such file")
        .stderr_has("assess init");
    run(["validate", "no-such-questionnaire.yaml"])
        .status(2)
        .stderr_has("no-such-questionnaire.yaml");
}

#[test]
fn a_folder_is_not_a_questionnaire() {
    run(["examples"])
        .status(2)
        .stdout_empty()
        .stderr_has("examples: error[unreadable]")
        .stderr_has("folder");
}

#[test]
fn empty_file_is_explained() {
    let dir = tempdir();
    write(&dir.path().join("empty.yaml"), "");
    run_in(dir.path(), ["empty.yaml"])
        .status(2)
        .stderr_has("empty.yaml: error[not-a-questionnaire]")
        .stderr_has("empty");
}

#[test]
fn invalid_yaml_is_located() {
    let dir = tempdir();
    write(
        &dir.path().join("broken.yaml"),
        "rubric: dual-track\nanswers:\n  switch-raise: [no\n",
    );
    let out = run_in(dir.path(), ["broken.yaml"]);
    out.status(2)
        .stdout_empty()
        .stderr_has("error[yaml-syntax]");
    let locations = error_locations(&out.stderr);
    assert_eq!(locations.len(), 1, "{out}");
    assert_eq!(locations[0].0, "broken.yaml");
}

#[test]
fn text_that_is_not_utf8_is_located() {
    let dir = tempdir();
    write(
        &dir.path().join("latin1.yaml"),
        b"rubric: dual-track\nanswers:\n  switch-raise: no\xff\n",
    );
    run_in(dir.path(), ["latin1.yaml"])
        .status(2)
        .stderr_has("latin1.yaml:3:19: error[not-utf8]: byte 0xff");
}

#[test]
fn unknown_rubric_id_suggests_the_nearest() {
    let dir = tempdir();
    write(
        &dir.path().join("q.yaml"),
        "rubric: dual-trak\nanswers: {}\n",
    );
    run_in(dir.path(), ["q.yaml"])
        .status(2)
        .stderr_has("q.yaml:1:9: error[unknown-rubric]")
        .stderr_has("did you mean `dual-track`?");
    run(["examples/pay-cliff.yaml", "--rubric", "dual-trak"])
        .status(2)
        .stderr_has("did you mean `dual-track`?");
}

#[test]
fn a_version_pin_must_match_the_rubric() {
    let dir = tempdir();
    let pay_cliff = String::from_utf8(read(&example("pay-cliff"))).unwrap();
    let pin = |version: &str| {
        pay_cliff.replace(
            "\nrubric: dual-track\n",
            &format!("\nrubric: dual-track@{version}\n"),
        )
    };
    write(&dir.path().join("old.yaml"), pin("9.9.9"));
    write(&dir.path().join("current.yaml"), pin("1.0.0"));
    run_in(dir.path(), ["old.yaml"])
        .status(2)
        .stdout_empty()
        .stderr_has("error[rubric-version-mismatch]")
        .stderr_has("version 9.9.9")
        .stderr_has("1.0.0");
    run_in(dir.path(), ["current.yaml"])
        .status(0)
        .stdout_has("22.0 / 100");
}

/// A copy of the built-in rubric under another id, and pay-cliff answering it.
fn custom_rubric(dir: &Path) {
    let rubric = String::from_utf8(read(&Path::new(ROOT).join("rubrics/dual-track.yaml"))).unwrap();
    assert!(rubric.contains("\nid: dual-track\n"));
    write(
        &dir.join("my-track.yaml"),
        rubric.replace("\nid: dual-track\n", "\nid: my-track\n"),
    );
    let q = String::from_utf8(read(&example("pay-cliff"))).unwrap();
    assert!(q.contains("\nrubric: dual-track\n"));
    write(
        &dir.join("mine.yaml"),
        q.replace("\nrubric: dual-track\n", "\nrubric: my-track\n"),
    );
    std::fs::copy(example("pay-cliff"), dir.join("theirs.yaml")).unwrap();
}

#[test]
fn rubric_path_scores_a_questionnaire_written_for_it() {
    let dir = tempdir();
    custom_rubric(dir.path());
    run_in(dir.path(), ["mine.yaml", "--rubric", "my-track.yaml"])
        .status(0)
        .stdout_has("rubric my-track 1.0.0")
        .stdout_has("22.0 / 100");
    run_in(
        dir.path(),
        ["validate", "mine.yaml", "--rubric", "my-track.yaml"],
    )
    .status(0)
    .stdout_has("mine.yaml: valid for my-track 1.0.0");
}

#[test]
fn rubric_path_refuses_a_questionnaire_for_another_rubric() {
    let dir = tempdir();
    custom_rubric(dir.path());
    run_in(dir.path(), ["theirs.yaml", "--rubric", "my-track.yaml"])
        .status(2)
        .stdout_empty()
        .stderr_has("theirs.yaml:9:9: error[rubric-mismatch]")
        .stderr_has("`dual-track`")
        .stderr_has("`my-track`");
    // Without --rubric, an id that is not built in points at --rubric.
    run_in(dir.path(), ["mine.yaml"])
        .status(2)
        .stderr_has("there is no rubric `my-track`")
        .stderr_has("--rubric PATH");
}

#[test]
fn rubric_path_that_does_not_exist_is_named() {
    run([
        "examples/pay-cliff.yaml",
        "--rubric",
        "./no-such-rubric.yaml",
    ])
    .status(2)
    .stdout_empty()
    .stderr_has("no-such-rubric.yaml");
}

// ---------------------------------------------------------------------------------------------
// rubric list | show | check

#[test]
fn rubric_list_names_the_built_in_rubric() {
    run(["rubric", "list"])
        .status(0)
        .stdout_has("dual-track")
        .stdout_has("1.0.0")
        .stdout_has("Dual IC/management career tracks");
}

#[test]
fn rubric_show_json_uses_the_yaml_field_names() {
    let rubric = run(["rubric", "show", "dual-track", "--format", "json"])
        .status(0)
        .json();
    assert_keys(
        &rubric,
        "rubric",
        &[
            "id",
            "version",
            "title",
            "dimension",
            "weak_below",
            "min_coverage",
            "bands",
            "commitments",
            "failure_patterns",
        ],
    );
    assert_eq!(rubric["id"], "dual-track");
    assert_eq!(
        rubric["bands"][0],
        serde_json::json!({"id": "critical", "from": 0})
    );
    let commitments = rubric["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 3);
    for c in commitments {
        assert_keys(
            c,
            "commitment",
            &["id", "title", "weight", "article", "criteria"],
        );
        for k in c["criteria"].as_array().unwrap() {
            assert_keys(
                k,
                "criterion",
                &[
                    "id", "prompt", "help", "weight", "action", "effort", "answer",
                ],
            );
            let kind = k["answer"]["type"].as_str().unwrap();
            assert!(
                ["likert", "yes_no", "number", "choice"].contains(&kind),
                "{}: answer type {kind}",
                k["id"]
            );
        }
    }
    let patterns = rubric["failure_patterns"].as_array().unwrap();
    let ids: Vec<&str> = patterns.iter().map(|p| p["id"].as_str().unwrap()).collect();
    for id in [
        "consolation-prize",
        "pay-skew",
        "advisory-only",
        "locked-in",
    ] {
        assert!(ids.contains(&id), "no failure pattern {id}");
    }
    for p in patterns {
        assert_keys(p, "failure pattern", &["id", "title", "severity", "when"]);
        assert!(p["when"].is_object());
    }
    let pay_skew = patterns.iter().find(|p| p["id"] == "pay-skew").unwrap();
    assert_eq!(
        pay_skew["when"]["any"][0],
        serde_json::json!({"criterion": "staff-to-manager-pay", "below": 0.9,
            "finding": "Staff pay is {answer} of manager pay; the rubric flags below 0.90."})
    );
}

#[test]
fn rubric_show_yaml_is_a_valid_rubric() {
    let dir = tempdir();
    let yaml = run(["rubric", "show", "dual-track", "--format", "yaml"])
        .status(0)
        .stdout
        .clone();
    write(&dir.path().join("copy.yaml"), &yaml);
    run_in(dir.path(), ["rubric", "check", "copy.yaml"])
        .status(0)
        .stdout_has("copy.yaml: ok: rubric dual-track 1.0.0");
    // And it says the same as the JSON.
    let from_yaml: Value = serde_saphyr::from_str(&yaml).expect("YAML parses");
    let json = run(["rubric", "show", "dual-track", "--format", "json"]).json();
    assert_eq!(from_yaml, json);
}

#[test]
fn rubric_show_markdown_mentions_every_criterion() {
    let markdown = run(["rubric", "show", "dual-track", "--format", "markdown"]);
    markdown.status(0);
    let json = run(["rubric", "show", "dual-track", "--format", "json"]).json();
    let mut count = 0;
    for c in json["commitments"].as_array().unwrap() {
        markdown.stdout_has(c["title"].as_str().unwrap());
        for k in c["criteria"].as_array().unwrap() {
            markdown.stdout_has(k["id"].as_str().unwrap());
            count += 1;
        }
    }
    assert_eq!(count, 32);
    // Markdown is the default.
    assert_eq!(
        run(["rubric", "show", "dual-track"]).stdout,
        markdown.stdout
    );
}

#[test]
fn rubric_show_unknown_id_suggests_the_nearest() {
    run(["rubric", "show", "dual-trakc"])
        .status(2)
        .stdout_empty()
        .stderr_has("did you mean `dual-track`?");
}

#[test]
fn rubric_show_unknown_id_hints_a_flag_it_has() {
    let out = run(["rubric", "show", "no-such-rubric"]);
    out.status(2);
    assert!(!out.stderr.contains("--rubric"), "{out}");
}

#[test]
fn rubric_check_accepts_the_built_in_rubric() {
    run(["rubric", "check", "rubrics/dual-track.yaml"])
        .status(0)
        .stdout_has("rubrics/dual-track.yaml: ok: rubric dual-track 1.0.0 (3 commitments, 32 criteria, 4 failure patterns)")
        .stderr_empty();
}

const GOOD_RUBRIC: &str = r#"id: mini
version: "1.0.0"
title: Mini rubric
dimension: testing
weak_below: 60
min_coverage: 50
bands:
  - {id: critical, from: 0}
  - {id: weak, from: 40}
  - {id: strong, from: 60}
commitments:
  - id: basics
    title: Basics
    description: The basics.
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - id: has-ladder
        prompt: Do you have a ladder?
        help: Look it up.
        weight: 1
        action: Write one.
        effort: low
        answer: {type: yes_no, healthy: yes}
      - id: pay-ratio
        prompt: Pay ratio?
        help: Ask comp.
        weight: 2
        action: Fix pay.
        effort: high
        answer: {type: number, unit: ratio, min: 0, max: 3, points: [[0.8, 0], [1.0, 1]]}
      - id: respect
        prompt: Respected?
        help: Survey.
        weight: 1
        action: Be nice.
        effort: medium
        answer: {type: likert, scale: 3, labels: [No, Maybe, Yes]}
failure_patterns:
  - id: no-ladder
    title: No ladder
    description: There is no ladder.
    severity: high
    article: dual-tracks#common-failure-patterns
    action: Build one.
    caps: weak
    when:
      any:
        - {criterion: has-ladder, equals: no}
"#;

/// GOOD_RUBRIC with one problem on each marked line.
const BROKEN_RUBRIC: &str = r#"id: mini
version: "1.0.0"
title: Mini rubric
dimension: testing
weak_below: 60
min_coverage: 50
bands:
  - {id: critical, from: 0}
  - {id: strong, from: 60}
  - {id: weak, from: 40}
commitments:
  - id: basics
    title: Basics
    description: The basics.
    weight: 1
    article: no-such-article
    criteria:
      - id: has-ladder
        prompt: Do you have a ladder?
        help: Look it up.
        weight: 1
        action: Write one.
        effort: low
        answer: {type: yes_no, healthy: yes}
      - id: has-ladder
        prompt: Pay ratio?
        help: Ask comp.
        weight: -2
        action: Fix pay.
        effort: high
        answer: {type: number, unit: ratio, min: 0, max: 3, points: [[1.0, 1], [0.8, 0]]}
      - id: respect
        prompt: Respected?
        help: Survey.
        weight: 1
        action: Be nice.
        effort: medium
        answer: {type: likert, scale: 3, labels: [No, Yes]}
failure_patterns:
  - id: no-ladder
    title: No ladder
    description: There is no ladder.
    severity: high
    article: dual-tracks#no-such-section
    action: Build one.
    caps: mediocre
    when:
      any:
        - {criterion: has-ladderr, equals: no}
"#;

#[test]
fn rubric_check_accepts_a_small_custom_rubric() {
    let dir = tempdir();
    write(&dir.path().join("mini.yaml"), GOOD_RUBRIC);
    run_in(dir.path(), ["rubric", "check", "mini.yaml"])
        .status(0)
        .stdout_has("mini.yaml: ok: rubric mini 1.0.0");
}

#[test]
fn rubric_check_reports_every_problem_with_its_location() {
    let dir = tempdir();
    write(&dir.path().join("broken.yaml"), BROKEN_RUBRIC);
    let out = run_in(dir.path(), ["rubric", "check", "broken.yaml"]);
    out.status(2).stdout_empty();
    for (location, code) in [
        ("broken.yaml:10:", "unsorted-bands"),
        ("broken.yaml:16:14:", "unknown-article"),
        ("broken.yaml:25:13:", "duplicate-id"),
        ("broken.yaml:28:17:", "negative-weight"),
        ("broken.yaml:31:", "unsorted-points"),
        ("broken.yaml:38:", "label-count"),
        ("broken.yaml:44:14:", "unknown-section"),
        ("broken.yaml:46:", "unknown-band"),
        ("broken.yaml:49:23:", "unknown-criterion"),
    ] {
        let found = out
            .stderr
            .lines()
            .any(|l| l.starts_with(location) && l.contains(&format!("error[{code}]")));
        assert!(found, "no {code} at {location}\n{out}");
    }
    let lines: Vec<u32> = error_locations(&out.stderr)
        .iter()
        .map(|(_, line, _)| *line)
        .collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "not sorted: {lines:?}"
    );
    out.stderr_has("did you mean `has-ladder`?");
    insta::assert_snapshot!("rubric-check-broken.stderr", out.stderr);
}

#[test]
fn rubric_check_reports_bad_files_and_still_passes_good_ones() {
    let dir = tempdir();
    write(&dir.path().join("mini.yaml"), GOOD_RUBRIC);
    write(&dir.path().join("broken.yaml"), BROKEN_RUBRIC);
    run_in(dir.path(), ["rubric", "check", "broken.yaml", "mini.yaml"])
        .status(2)
        .stdout_has("mini.yaml: ok")
        .stderr_has("broken.yaml:");
}

#[test]
fn rubric_check_rejects_a_commitment_whose_weights_sum_to_zero() {
    let dir = tempdir();
    let zero = GOOD_RUBRIC
        .replace(
            "weight: 1\n        action: Write one.",
            "weight: 0\n        action: Write one.",
        )
        .replace("weight: 2\n", "weight: 0\n")
        .replace(
            "weight: 1\n        action: Be nice.",
            "weight: 0\n        action: Be nice.",
        );
    write(&dir.path().join("zero.yaml"), zero);
    run_in(dir.path(), ["rubric", "check", "zero.yaml"])
        .status(2)
        .stderr_has("zero.yaml:")
        .stderr_has("error[zero-weight");
}

// ---------------------------------------------------------------------------------------------
// A closed pipe (`assess x.yaml | head -1`) is not an error.

#[track_caller]
fn read_one_line_then_hang_up(args: &[&OsStr]) {
    let mut child = Command::new(BIN)
        .current_dir(ROOT)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn assess");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(!line.is_empty(), "no first line");
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{:?}\n{stderr}",
        output.status
    );
}

#[test]
fn closed_pipe_after_one_line_is_success() {
    read_one_line_then_hang_up(&[OsStr::new("examples/pay-cliff.yaml")]);
}

#[test]
fn closed_pipe_in_the_middle_of_a_long_report_is_success() {
    // A report far larger than a pipe's buffer, so the writer surely meets the closed pipe.
    let dir = tempdir();
    let q = String::from_utf8(read(&example("pay-cliff"))).unwrap();
    let notes = "x".repeat(1 << 20);
    let q = q.replacen(
        "organization:\n",
        &format!("organization:\n  notes: {notes}\n"),
        1,
    );
    let path = dir.path().join("long.yaml");
    write(&path, q);
    read_one_line_then_hang_up(&[path.as_os_str(), OsStr::new("--format"), OsStr::new("json")]);
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_prints_a_blank_questionnaire() {
    let out = run(["init"]);
    out.status(0)
        .stdout_has("rubric: dual-track")
        .stdout_has("answers:")
        .stdout_has("ic-ladder-top:")
        .stderr_empty();
    // The editor's modeline holds the schema address and nothing else.
    assert_eq!(
        out.stdout.lines().next(),
        Some("# yaml-language-server: $schema=./dual-track.schema.json")
    );
    // What it prints is itself a valid (if empty) questionnaire.
    Assess::new()
        .args(["validate", "-"])
        .stdin(out.stdout.clone())
        .run()
        .status(0)
        .stdout_has("32 missing");
}

#[test]
fn init_writes_the_questionnaire_and_its_schema() {
    let dir = tempdir();
    run_in(dir.path(), ["init", "-o", "acme.yaml"])
        .status(0)
        .stdout_empty()
        .stderr_has("wrote acme.yaml")
        .stderr_has("assess validate acme.yaml");
    assert_eq!(listing(dir.path()), ["acme.yaml", "dual-track.schema.json"]);
    let questionnaire = String::from_utf8(read(&dir.path().join("acme.yaml"))).unwrap();
    assert!(questionnaire.starts_with("# yaml-language-server: $schema=./dual-track.schema.json"));
    let schema: Value =
        serde_json::from_slice(&read(&dir.path().join("dual-track.schema.json"))).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = tempdir();
    let path = dir.path().join("acme.yaml");
    write(
        &path,
        "rubric: dual-track\nanswers:\n  switch-raise: no # hours of work\n",
    );
    let before = read(&path);
    run_in(dir.path(), ["init", "-o", "acme.yaml"])
        .status(2)
        .stdout_empty()
        .stderr_has("acme.yaml already exists")
        .stderr_has("--force");
    assert_eq!(
        read(&path),
        before,
        "init overwrote a filled-in questionnaire"
    );
    assert_eq!(
        listing(dir.path()),
        ["acme.yaml"],
        "init wrote the schema anyway"
    );

    run_in(dir.path(), ["init", "-o", "acme.yaml", "--force"]).status(0);
    let fresh = tempdir();
    run_in(fresh.path(), ["init", "-o", "acme.yaml"]).status(0);
    assert_eq!(read(&path), read(&fresh.path().join("acme.yaml")));
}

#[test]
fn init_with_groups_validates() {
    let dir = tempdir();
    run_in(
        dir.path(),
        [
            "init",
            "--groups",
            "staff-plus-ic,leadership",
            "-o",
            "acme.yaml",
        ],
    )
    .status(0);
    let text = String::from_utf8(read(&dir.path().join("acme.yaml"))).unwrap();
    assert!(text.contains("group: staff-plus-ic"), "{text}");
    assert!(text.contains("group: leadership"), "{text}");
    run_in(dir.path(), ["validate", "acme.yaml"]).status(0);
}

// ---------------------------------------------------------------------------------------------
// schema, completions, man, help, version

#[test]
fn schema_is_draft_07_json() {
    let questionnaire = run(["schema"]).status(0).json();
    assert_eq!(
        questionnaire["$schema"],
        "http://json-schema.org/draft-07/schema#"
    );
    assert!(
        questionnaire.to_string().contains("ic-ladder-top"),
        "the questionnaire schema names the questions"
    );
    let rubric = run(["schema", "--for", "rubric"]).status(0).json();
    assert_eq!(rubric["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_ne!(questionnaire, rubric);
}

#[test]
fn completions_and_man_page_are_generated() {
    run(["completions", "bash"])
        .status(0)
        .stdout_has("_assess()")
        .stdout_has("complete ");
    run(["completions", "zsh"])
        .status(0)
        .stdout_has("#compdef assess");
    run(["completions", "nope"]).status(2).stdout_empty();
    run(["man"])
        .status(0)
        .stdout_has(".TH assess 1")
        .stdout_has("validate");
}

#[test]
fn help_and_version() {
    run(["--help"])
        .status(0)
        .stdout_has("Usage: assess")
        .stdout_has("Exit codes")
        .stderr_empty();
    run(["--version"])
        .status(0)
        .stdout_has(&format!("assess {}", env!("CARGO_PKG_VERSION")));
    run(["validate", "--help"]).status(0).stdout_has("FILE");
}

#[test]
fn bad_usage_exits_2() {
    run(["--no-such-flag", "examples/pay-cliff.yaml"])
        .status(2)
        .stdout_empty()
        .stderr_has("--no-such-flag");
    run::<&str>([])
        .status(2)
        .stdout_empty()
        .stderr_has("First steps");
    run(["validate"]).status(2).stderr_has("FILE");
    run(["rubric"]).status(2);
}

// ---------------------------------------------------------------------------------------------
// Snapshots of every example in every format, reviewed by a person.

fn snapshot_examples(format: &str) {
    for stem in &examples() {
        let out = run([
            example(stem).as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
        ]);
        out.status(0).stderr_empty();
        insta::assert_snapshot!(format!("{stem}.{format}"), without_version(&out.stdout));
    }
}

#[test]
fn snapshot_text() {
    snapshot_examples("text");
}

#[test]
fn snapshot_markdown() {
    snapshot_examples("markdown");
}

#[test]
fn snapshot_html() {
    snapshot_examples("html");
}

#[test]
fn snapshot_json() {
    snapshot_examples("json");
}

#[test]
fn logo_is_embedded_in_html_and_oversized_logos_are_refused() {
    let dir = tempdir();
    std::fs::write(dir.path().join("logo.png"), b"abcde\x00\xff").unwrap();
    let example = example("pay-cliff");
    let example = example.to_str().unwrap();
    // base64 of the seven bytes is `YWJjZGUA/w==`; HTML attributes escape `/` as `&#x2f;`.
    run_in(
        dir.path(),
        [example, "--format", "html", "--logo", "logo.png"],
    )
    .status(0)
    .stdout_has("<img src=\"data:image&#x2f;png;base64,YWJjZGUA&#x2f;w==\"");
    std::fs::write(dir.path().join("big.png"), vec![0u8; 3 * 1024 * 1024]).unwrap();
    run_in(
        dir.path(),
        [example, "--format", "html", "--logo", "big.png"],
    )
    .status(2)
    .stdout_empty()
    .stderr_has("under 2 MiB");
    run_in(
        dir.path(),
        [example, "--format", "html", "--logo", "logo.bmp"],
    )
    .status(2)
    .stderr_has(".png, .jpg, .svg or .gif");
}
