//! Custom templates: the example in `examples/templates/`, located errors, a warning for a file
//! that changes nothing, partials, and each format failing only for its own template.

use std::path::Path;

fn assess(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crate::common::assess_in(dir, args);
    (out.code, out.stdout, out.stderr)
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_example_template_renders_a_client_brief() {
    let (code, stdout, stderr) = assess(
        root(),
        &[
            "examples/pay-cliff.yaml",
            "--templates",
            "examples/templates",
            "--format",
            "markdown",
            "--client",
            "Acme & Co",
            "--prepared-by",
            "Jo Consultant",
            "--confidential",
            "Confidential: for Acme's leadership team",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "", "the example folder gives no warning");
    insta::assert_snapshot!("example-template.pay-cliff.md", stdout);
    // The other formats keep the built-in templates.
    let (code, text, _) = assess(
        root(),
        &[
            "examples/pay-cliff.yaml",
            "--templates",
            "examples/templates",
        ],
    );
    assert_eq!(code, 0);
    assert!(text.contains("OVERALL  22.0 / 100  CRITICAL"), "{text}");
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run_with(dir: &Path, format: &str) -> (i32, String, String) {
    let example = root().join("examples/pay-cliff.yaml");
    assess(
        dir,
        &[
            example.to_str().unwrap(),
            "--templates",
            ".",
            "--format",
            format,
        ],
    )
}

#[test]
fn a_broken_template_breaks_only_its_own_format() {
    let dir = folder(&[("report.md.j2", "# {{ assessment.rubric.title }\n")]);
    let (code, stdout, stderr) = run_with(dir.path(), "markdown");
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("./report.md.j2:1:"),
        "located in the file: {stderr}"
    );
    for format in ["text", "html", "json"] {
        let (code, stdout, stderr) = run_with(dir.path(), format);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(stdout.contains("22.0"), "{format}");
    }
}

#[test]
fn an_undefined_name_is_named_with_line_column_and_snippet() {
    let dir = folder(&[(
        "report.txt.j2",
        "Report for {{ client }}\nScore: {{ assessment.overal.score }}\n",
    )]);
    let (code, _, stderr) = run_with(dir.path(), "text");
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("./report.txt.j2:2:11: error[template]: `assessment.overal` is undefined, so `.score` cannot be read from it\n  |\n2 | Score: {{ assessment.overal.score }}\n  |           ^^^^^^^^^^^^^^^^^^^^^^^\n"),
        "{stderr}"
    );
    assert!(stderr.contains("templates see `assessment`"), "{stderr}");

    let dir = folder(&[(
        "report.txt.j2",
        "{% for c in assessment.commitments %}\n  {{ c.titel }}\n{% endfor %}\n",
    )]);
    let (_, _, stderr) = run_with(dir.path(), "text");
    assert!(
        stderr.starts_with("./report.txt.j2:2:6: error[template]: `c.titel` is undefined"),
        "{stderr}"
    );
}

#[test]
fn partials_come_from_the_folder_and_their_errors_point_into_them() {
    let dir = folder(&[
        (
            "report.txt.j2",
            "{% include \"parts/head.j2\" %}\n\n{{ assessment.overall.score|score }}\n",
        ),
        ("parts/head.j2", "HEAD {{ client }}\n"),
    ]);
    let (code, stdout, stderr) = run_with(dir.path(), "text");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "HEAD Brightline Health Tech\n22.0\n");
    assert_eq!(stderr, "", "an included partial is not reported as unused");

    std::fs::write(dir.path().join("parts/head.j2"), "HEAD {{ nme }}\n").unwrap();
    let (code, _, stderr) = run_with(dir.path(), "text");
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("./parts/head.j2:1:9: error[template]: `nme` is undefined"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_overrides_nothing_is_warned_about() {
    let dir = folder(&[("report.htm.j2", "x\n"), ("notes.txt", "x\n")]);
    let (code, stdout, stderr) = run_with(dir.path(), "text");
    assert_eq!(code, 0);
    assert!(stdout.contains("22.0"));
    assert!(
        stderr.contains("./report.htm.j2: warning[template-unused]: `report.htm.j2` overrides no built-in template"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `report.html.j2`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("./notes.txt: warning[template-unused]"),
        "{stderr}"
    );
}
