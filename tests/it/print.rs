//! The HTML report printed by a real browser: headless Chromium prints every example to A4 and
//! Letter PDF, and `pdftotext` (poppler-utils) reads it back. Every score of the JSON report
//! must be in the PDF (none pushed off the page), also with a 300-character unbroken evidence
//! string; the page count stays in a stated range; the running header, page numbers and
//! confidentiality line are on every page after the first; each link address is printed once;
//! in a 390 px wide frame (a phone) nothing scrolls sideways, even with a 20:1 logo.
//!
//! Needs `chromium` and `pdftotext`. `.ci/run` installs both; with `CI=true` a missing tool
//! fails the test, elsewhere the test prints a note and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: [&str; 4] = ["balanced-saas", "pay-cliff", "half-answered", "blind-spot"];
const CLIENT: &str = "Northwind Holdings";
const CONFIDENTIAL: &str = "Confidential: prepared for the leadership team";

/// Pages each example may take, on either paper. The summary is always page 1 on its own.
const PAGES: std::ops::RangeInclusive<usize> = 4..=10;

fn tools() -> Option<PathBuf> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    match (chromium, pdftotext) {
        (Some(c), true) => Some(PathBuf::from(c)),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but chromium or pdftotext is missing; .ci/run installs them")
        }
        _ => {
            eprintln!("note: chromium or pdftotext not installed; the print test is skipped");
            None
        }
    }
}

/// The report `assess ARGS` prints, run in the crate root; it must succeed.
fn assess(args: &[&str]) -> String {
    crate::common::assess(args).status(0).stdout.clone()
}

/// Every score in the JSON report, as the reports print them (one decimal).
fn json_scores(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut scores = vec![v["overall"]["score"].clone()];
    for c in v["commitments"].as_array().unwrap() {
        scores.push(c["score"].clone());
        for k in c["criteria"].as_array().unwrap() {
            scores.push(k["score"].clone());
        }
    }
    scores
        .into_iter()
        .filter_map(|s| s.as_f64())
        .map(|f| format!("{f:.1}"))
        .collect()
}

struct Printed {
    pages: usize,
    /// Each page's text in reading layout (`pdftotext -layout`).
    layout: Vec<String>,
    page_size: String,
    text: String,
    page_texts: Vec<String>,
}

/// Prints `html` on `paper` (as a reader choosing the paper in the print dialog would).
fn print(chromium: &Path, dir: &Path, stem: &str, html: &str, paper: &str) -> Printed {
    let html = html.replacen(
        "</head>",
        &format!("<style>@page {{ size: {paper}; }}</style></head>"),
        1,
    );
    let input = dir.join(format!("{stem}-{paper}.html"));
    let pdf = dir.join(format!("{stem}-{paper}.pdf"));
    std::fs::write(&input, html).unwrap();
    let profile = dir.join(format!("profile-{stem}-{paper}"));
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", input.display()))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "chromium wrote no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let pages: usize = field("Pages:").parse().unwrap();
    let text = |range: Option<usize>| text_of(&pdf, range, false);
    let layout = (1..=pages).map(|p| text_of(&pdf, Some(p), true)).collect();
    Printed {
        pages,
        layout,
        page_size: field("Page size:"),
        text: text(None),
        page_texts: (1..=pages).map(|p| text(Some(p))).collect(),
    }
}

fn text_of(pdf: &Path, page: Option<usize>, layout: bool) -> String {
    {
        let range = page;
        let mut cmd = Command::new("pdftotext");
        if layout {
            cmd.arg("-layout");
        }
        if let Some(p) = range {
            cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
        }
        let out = cmd.arg(pdf).arg("-").output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The headings of the HTML (`<h2>`, and `<h3>` up to its first `<span`), lower case.
fn headings(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in ["h2", "h3"] {
        for part in html.split(&format!("<{tag}>")).skip(1) {
            let inner = part.split(&format!("</{tag}>")).next().unwrap_or("");
            let inner = inner.split("<span").next().unwrap_or("");
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let text = normalise(&text.replace("&amp;", "&"));
            if text.len() >= 6 {
                out.push(text);
            }
        }
    }
    out
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Pages whose last line of content (above the footer) is a heading.
fn stranded_headings(html: &str, printed: &Printed) -> Vec<String> {
    let headings = headings(html);
    let mut stranded = Vec::new();
    for (i, page) in printed.layout.iter().enumerate().take(printed.pages - 1) {
        let last = page
            .lines()
            .map(normalise)
            .rfind(|l| !l.is_empty() && !l.contains(" of ") && !l.contains("confidential"))
            .unwrap_or_default();
        if let Some(h) = headings.iter().find(|h| last.starts_with(h.as_str())) {
            stranded.push(format!("page {}: `{h}`", i + 1));
        }
    }
    stranded
}

/// The report's scroll width inside a 390 px wide frame, as Chromium lays it out.
fn phone_scroll_width(chromium: &Path, dir: &Path, stem: &str, html: &str) -> u32 {
    let page = dir.join(format!("{stem}-phone.html"));
    std::fs::write(&page, html).unwrap();
    let frame = dir.join(format!("{stem}-frame.html"));
    std::fs::write(
        &frame,
        format!(
            "<html><body style=\"margin:0\"><iframe id=\"f\" src=\"{stem}-phone.html\" style=\"width:390px;height:800px;border:0\"></iframe><script>document.getElementById('f').onload=function(){{document.title='W='+this.contentDocument.documentElement.scrollWidth;}};</script></body></html>"
        ),
    )
    .unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join(format!("profile-{stem}-phone")).display()
        ))
        .arg(format!("file://{}", frame.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let at = dom.find("<title>W=").expect("the frame reported its width");
    dom[at + 9..].split('<').next().unwrap().parse().unwrap()
}

fn check(stem: &str, paper: &str, json: &str, printed: &Printed) -> Vec<String> {
    let mut problems = Vec::new();
    let expected_size = if paper == "A4" { "(A4)" } else { "612 x 792" };
    if !printed.page_size.contains(expected_size) {
        problems.push(format!("{stem} {paper}: page size {}", printed.page_size));
    }
    if !PAGES.contains(&printed.pages) {
        problems.push(format!(
            "{stem} {paper}: {} pages, expected {PAGES:?}",
            printed.pages
        ));
    }
    // Every score: as many times in the PDF as in the JSON, at least.
    let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
    for s in json_scores(json) {
        *wanted.entry(s).or_default() += 1;
    }
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for token in printed.text.split_whitespace() {
        *found.entry(token).or_default() += 1;
    }
    for (score, n) in &wanted {
        let got = found.get(score.as_str()).copied().unwrap_or(0);
        if got < *n {
            problems.push(format!(
                "{stem} {paper}: score {score} printed {got} times, the JSON has it {n} times"
            ));
        }
    }
    // The running header (client) and footer (page number, confidentiality) from page 2 on.
    for (i, page) in printed.page_texts.iter().enumerate().skip(1) {
        let n = i + 1;
        let number = format!("Page {n} of {}", printed.pages);
        for needle in [CLIENT, CONFIDENTIAL, number.as_str()] {
            if !page.contains(needle) {
                problems.push(format!("{stem} {paper}: page {n} lacks `{needle}`"));
            }
        }
    }
    // Page 1 is the summary: client, score and band, the commitments chart and the priorities.
    let first = &printed.page_texts[0];
    for needle in [
        CLIENT,
        "Commitments at a glance",
        "Top priorities",
        "weak below 60",
    ] {
        if !first.contains(needle) {
            problems.push(format!("{stem} {paper}: page 1 lacks `{needle}`"));
        }
    }
    // Link addresses are listed once at the end, not printed after every anchor.
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut urls: Vec<String> = Vec::new();
    let mut walk = vec![&v];
    while let Some(node) = walk.pop() {
        match node {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(u)) = m.get("url") {
                    urls.push(u.clone());
                }
                walk.extend(m.values());
            }
            serde_json::Value::Array(a) => walk.extend(a),
            _ => {}
        }
    }
    urls.sort();
    urls.dedup();
    // (The long-evidence case has one more: its evidence is an address.)
    let extra = usize::from(stem == "long-evidence");
    let printed_urls = printed.text.matches("https://").count();
    if printed_urls != urls.len() + extra {
        problems.push(format!(
            "{stem} {paper}: {printed_urls} addresses printed for {} distinct links",
            urls.len()
        ));
    }
    problems
}

#[test]
fn every_example_prints_on_a4_and_letter_with_every_score() {
    let Some(chromium) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A 300-character unbroken evidence string, the kind a pasted URL gives.
    let long = format!("https://intranet.example.com/{}", "x".repeat(271));
    assert_eq!(long.len(), 300);
    let pay_cliff = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/pay-cliff.yaml"),
    )
    .unwrap();
    let (before, after) = pay_cliff
        .split_once("staff-to-manager-pay: {value: 0.78, evidence: \"")
        .expect("pay-cliff answers staff-to-manager-pay with evidence");
    let after = &after[after.find('"').unwrap()..];
    let long_yaml = dir.path().join("long-evidence.yaml");
    std::fs::write(
        &long_yaml,
        format!("{before}staff-to-manager-pay: {{value: 0.78, evidence: \"{long}{after}"),
    )
    .unwrap();

    let mut jobs: Vec<(String, String, String)> = Vec::new(); // stem, html, json
    let brand = ["--client", CLIENT, "--confidential", CONFIDENTIAL];
    // A 20:1 logo: bounded in both directions, it must not widen the page.
    let logo = dir.path().join("wide-logo.svg");
    std::fs::write(
        &logo,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2000\" height=\"100\"><rect width=\"2000\" height=\"100\" fill=\"#0b3d91\"/></svg>",
    )
    .unwrap();
    let logo = logo.to_str().unwrap();
    for stem in EXAMPLES {
        let file = format!("examples/{stem}.yaml");
        let mut args = vec![file.as_str(), "--format", "html"];
        args.extend(brand);
        if stem == "pay-cliff" {
            args.extend(["--logo", logo]);
        }
        jobs.push((
            stem.to_string(),
            assess(&args),
            assess(&[&file, "--format", "json"]),
        ));
    }
    let long_path = long_yaml.to_str().unwrap();
    let mut args = vec![long_path, "--format", "html"];
    args.extend(brand);
    let long_html = assess(&args);
    assert!(long_html.contains(&long), "the evidence is in the HTML");
    jobs.push((
        "long-evidence".into(),
        long_html,
        assess(&[long_path, "--format", "json"]),
    ));

    // Two browsers at a time: the test machine has two cores.
    let tasks: Vec<(&(String, String, String), &str)> = jobs
        .iter()
        .flat_map(|j| ["A4", "Letter"].map(|p| (j, p)))
        .collect();
    let mut problems = Vec::new();
    let mut summary = Vec::new();
    for pair in tasks.chunks(2) {
        let results: Vec<(String, &str, Printed)> = std::thread::scope(|s| {
            let handles: Vec<_> = pair
                .iter()
                .map(|((stem, html, _), paper)| {
                    let chromium = &chromium;
                    let dir = dir.path();
                    s.spawn(move || {
                        (
                            stem.clone(),
                            *paper,
                            print(chromium, dir, stem, html, paper),
                        )
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (stem, paper, printed) in results {
            let job = jobs.iter().find(|j| j.0 == stem).unwrap();
            problems.extend(check(&stem, paper, &job.2, &printed));
            for h in stranded_headings(&job.1, &printed) {
                problems.push(format!("{stem} {paper}: heading left at the foot of {h}"));
            }
            if stem == "long-evidence" {
                let joined: String = printed.text.split_whitespace().collect();
                if !joined.contains(&long) {
                    problems.push(format!("long-evidence {paper}: the 300 characters are cut"));
                }
            }
            summary.push(format!("{stem} {paper}: {} pages", printed.pages));
        }
    }
    // At phone width (a 390 px frame) nothing scrolls sideways.
    // The widest tables, the gap chart and the long evidence string, two browsers at a time.
    let phone: Vec<&(String, String, String)> = jobs
        .iter()
        .filter(|j| ["pay-cliff", "blind-spot", "long-evidence"].contains(&j.0.as_str()))
        .collect();
    for pair in phone.chunks(2) {
        let widths: Vec<(String, u32)> = std::thread::scope(|s| {
            let handles: Vec<_> = pair
                .iter()
                .map(|(stem, html, _)| {
                    let (chromium, dir) = (&chromium, dir.path());
                    s.spawn(move || (stem.clone(), phone_scroll_width(chromium, dir, stem, html)))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (stem, width) in widths {
            summary.push(format!("{stem} at 390 px: content {width} px wide"));
            if width > 390 {
                problems.push(format!("{stem}: {width} px wide in a 390 px frame"));
            }
        }
    }
    eprintln!("{}", summary.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
