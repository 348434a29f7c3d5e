//! Hostile input through the binary: every input read within its cap, templates that cannot
//! crash or run away, `-o` that respects special files, nothing lost or left behind. Each test
//! is a case that once broke (a panic, an abort, a hang, a replaced file) and asserts what the
//! user gets instead.

#![cfg(unix)]

use crate::common::{Assess, Outcome};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn example() -> PathBuf {
    Path::new(ROOT).join("examples/balanced-saas.yaml")
}

/// Runs `assess` in `dir`; fails the test if it runs longer than `limit`.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&Path>, limit: Duration) -> Outcome {
    let assess = Assess::new().dir(dir).args(args).within(limit);
    match stdin {
        Some(path) => assess.stdin_file(path).run(),
        None => assess.run(),
    }
}

fn run(dir: &Path, args: &[&str]) -> Outcome {
    run_in(dir, args, None, Duration::from_secs(60))
}

fn stderr(out: &Outcome) -> String {
    out.stderr.clone()
}

fn code(out: &Outcome) -> i32 {
    out.code
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".assess-"))
        .collect()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

// ---------------------------------------------------------------------------------------------
// Bounded reads

#[test]
fn a_rubric_or_logo_or_article_that_never_ends_is_cut_at_its_cap() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let q = example();
    let q = q.to_str().unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("logo.png")).unwrap();
    std::fs::create_dir(d.join("articles")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("articles/zero.md")).unwrap();
    std::fs::create_dir(d.join("templates")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("templates/report.txt.j2")).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &[q, "--rubric", "/dev/zero"],
            "the rubric is larger than 8 MiB",
        ),
        (
            &["init", "--rubric", "/dev/zero"],
            "the rubric is larger than 8 MiB",
        ),
        (
            &["rubric", "check", "/dev/zero"],
            "the rubric is larger than 8 MiB",
        ),
        (
            &[q, "--format", "html", "--logo", "logo.png"],
            "the logo is larger than 2 MiB",
        ),
        (
            &[q, "--articles", "articles"],
            "the article is larger than 1 MiB",
        ),
        (
            &[q, "--templates", "templates"],
            "the template is larger than 1 MiB",
        ),
    ];
    for (args, message) in cases {
        let out = run_in(d, args, None, Duration::from_secs(20));
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn standard_input_is_capped_too() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let out = run_in(
        Path::new(ROOT),
        &["validate", "-"],
        Some(Path::new("/dev/zero")),
        Duration::from_secs(20),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("the questionnaire is larger than 8 MiB"));
}

// ---------------------------------------------------------------------------------------------
// Diagnostics stay linear

#[test]
fn a_megabyte_of_unique_errors_is_reported_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("rubric: dual-track\nanswers:\n");
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!("  k{n}: 1\n"));
        n += 1;
    }
    std::fs::write(dir.path().join("big.yaml"), &text).unwrap();
    // One line, too: every diagnostic once copied the whole line.
    let line = (0..60_000)
        .map(|i| format!("k{i}: 1"))
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(
        dir.path().join("line.yaml"),
        format!("rubric: dual-track\nanswers: {{{line}}}\n"),
    )
    .unwrap();
    for (file, count) in [("big.yaml", n), ("line.yaml", 60_000)] {
        // Generous for an unoptimised build on a busy machine; the README has release figures.
        let out = run_in(
            dir.path(),
            &["validate", file],
            None,
            Duration::from_secs(60),
        );
        let err = stderr(&out);
        assert_eq!(code(&out), 2);
        assert_eq!(err.matches("error[unknown-criterion]").count(), 100);
        assert!(
            err.contains(&format!(
                "{} more problems in this file are not listed",
                count - 100
            )),
            "{}",
            &err[err.len().saturating_sub(400)..]
        );
        assert!(err.ends_with(&format!("{count} problems found.\n")));
        assert!(err.len() < 100_000, "{} bytes of diagnostics", err.len());
    }
}

#[test]
fn a_rubric_with_ten_thousand_ids_on_one_line_is_checked_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let commitments = (0..10_000)
        .map(|_| "{id: c, title: t, description: d, weight: 1, article: dual-tracks, criteria: []}")
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(
        dir.path().join("r.yaml"),
        format!(
            "id: x\nversion: \"1\"\ntitle: t\ndimension: d\nweak_below: 60\nmin_coverage: 50\nbands: [{{id: a, from: 0}}]\ncommitments: [{commitments}]\nfailure_patterns: []\n"
        ),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["rubric", "check", "r.yaml"],
        None,
        Duration::from_secs(60),
    );
    let err = stderr(&out);
    assert_eq!(code(&out), 2);
    assert!(
        err.contains("more problems in this file are not listed"),
        "{}",
        &err[err.len().saturating_sub(300)..]
    );
    assert!(
        err.ends_with("19999 problems found.\n"),
        "{}",
        &err[err.len().saturating_sub(300)..]
    );
}

// ---------------------------------------------------------------------------------------------
// Templates

#[test]
fn no_template_can_crash_or_run_away() {
    let dir = tempfile::tempdir().unwrap();
    let q = example();
    let cases = [
        ("{{ 100|bar(18446744073709551615) }}", ""),
        (
            "{{ 100|bar(10000000000) }}",
            "bar: width 10000000000 is over the limit",
        ),
        ("{{ 'x'|pad(9223372036854775807) }}", "pad: width"),
        ("{{ 'x'|pad(-9223372036854775808) }}", "pad: width"),
        (
            "{{ '%999999999999d'|format(1) }}",
            "format: a width or precision",
        ),
        (
            "{{ '%.99999999999f'|format(1.5) }}",
            "format: a width or precision",
        ),
        ("{{ 'a\\nb'|indent(999999999999) }}", "indent: width"),
        ("{{ 'a\\nb'|indent(width=999999999999) }}", "indent: width"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "error[template-out-of-fuel]",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
            "error[template-output-too-large]",
        ),
    ];
    for (template, message) in cases {
        std::fs::write(dir.path().join("report.txt.j2"), template).unwrap();
        let out = run_in(
            dir.path(),
            &[q.to_str().unwrap(), "--templates", "."],
            None,
            Duration::from_secs(30),
        );
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{template}: {err}");
        // Output that grows too large is the whole template's doing: no line is named.
        let place = if message.contains("too-large") {
            "report.txt.j2: error["
        } else {
            "report.txt.j2:1:"
        };
        assert!(err.contains(place), "{template}: {err}");
        assert!(err.contains(": error["), "{template}: {err}");
        assert!(err.contains(message), "{template}: {err}");
        assert!(!err.contains("panicked"), "{template}: {err}");
    }
    // The bounded filters still do their work.
    std::fs::write(
        dir.path().join("report.txt.j2"),
        "[{{ '%5.2f'|format(1.5) }}][{{ 'ab'|indent(2, true) }}][{{ 50|bar(4) }}][{{ 'x'|pad(-3) }}]",
    )
    .unwrap();
    let out = run(dir.path(), &[q.to_str().unwrap(), "--templates", "."]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(out.stdout, "[ 1.50][  ab][██░░][  x]\n");
}

#[test]
fn escape_sequences_in_answers_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("q.yaml"),
        "rubric: dual-track\norganization:\n  name: \"Acme\\e[2J\\e]0;owned\\a\"\nanswers:\n  staff-to-manager-pay: {value: 0.8, evidence: \"HRIS\\e[31m export\"}\n",
    )
    .unwrap();
    for format in ["text", "markdown"] {
        let out = run(dir.path(), &["q.yaml", "--format", format]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let report = out.stdout;
        assert!(
            !report
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{format}: a control character reached the report"
        );
        // Shown, not dropped: the reader sees that the name holds an escape.
        assert!(
            report.contains("Acme") && report.contains("U+001B"),
            "{format}: {report}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// -o and special files

#[test]
fn a_fifo_is_written_through_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.txt");
    mkfifo(&fifo);
    // Nobody reading: a clear error at once, not a hang, and the FIFO is still a FIFO.
    let q = example();
    let out = run_in(
        dir.path(),
        &[q.to_str().unwrap(), "-o", "report.txt"],
        None,
        Duration::from_secs(20),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("nothing is reading from it"),
        "{}",
        stderr(&out)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // With a reader, the report goes through it.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    std::thread::sleep(Duration::from_millis(200));
    let out = run(dir.path(), &[q.to_str().unwrap(), "-o", "report.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let got = reader.join().unwrap();
    assert!(got.starts_with("DUAL IC/MANAGEMENT CAREER TRACKS"), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_symlink_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/acme.txt"), "old").unwrap();
    std::os::unix::fs::symlink("reports/acme.txt", dir.path().join("latest.txt")).unwrap();
    std::os::unix::fs::symlink("reports/new.txt", dir.path().join("dangling.txt")).unwrap();
    let q = example();
    for link in ["latest.txt", "dangling.txt"] {
        let out = run(dir.path(), &[q.to_str().unwrap(), "-o", link]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let meta = std::fs::symlink_metadata(dir.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
    }
    for target in ["reports/acme.txt", "reports/new.txt"] {
        let text = std::fs::read_to_string(dir.path().join(target)).unwrap();
        assert!(text.starts_with("DUAL IC/MANAGEMENT"), "{target}");
    }
    assert!(leftovers(dir.path()).is_empty());
    assert!(leftovers(&dir.path().join("reports")).is_empty());
}

#[test]
fn folders_and_sockets_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("sock.txt")).unwrap();
    let q = example();
    for (path, message) in [
        ("out.txt", "it is a folder"),
        ("sock.txt", "it is a socket, not a file"),
    ] {
        let out = run(dir.path(), &[q.to_str().unwrap(), "-o", path]);
        assert_eq!(code(&out), 2);
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_report_never_replaces_the_file_standard_input_reads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.yaml");
    std::fs::copy(example(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = run_in(
        dir.path(),
        &["-", "-o", "in.yaml", "--format", "text"],
        Some(&input),
        Duration::from_secs(30),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is the file standard input is read from"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // A hard link to the input is the input too.
    std::fs::hard_link(&input, dir.path().join("report.txt")).unwrap();
    let out = run(dir.path(), &["in.yaml", "-o", "report.txt"]);
    assert_eq!(code(&out), 2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn init_writes_nothing_unless_it_can_write_everything() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("acme.yaml")).unwrap();
    let out = run(dir.path(), &["init", "-o", "acme.yaml", "--force"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("it is a folder"), "{}", stderr(&out));
    assert!(!dir.path().join("dual-track.schema.json").exists());
    // The schema's place is taken by a folder: the questionnaire is not written either.
    std::fs::create_dir(dir.path().join("dual-track.schema.json")).unwrap();
    let out = run(dir.path(), &["init", "-o", "other.yaml"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("other.yaml").exists());
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn init_through_a_dangling_symlink_writes_its_target() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("real.yaml", dir.path().join("acme.yaml")).unwrap();
    let out = run(dir.path(), &["init", "-o", "acme.yaml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(dir.path().join("dual-track.schema.json").is_file());
    let text = std::fs::read_to_string(dir.path().join("real.yaml")).unwrap();
    assert!(text.contains("rubric: dual-track"));
    assert!(
        std::fs::symlink_metadata(dir.path().join("acme.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
