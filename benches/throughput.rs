//! How fast `assess` is: one report end to end, and batch throughput.
//!
//! Run with `cargo bench --bench throughput`. Prints medians and rates; the README quotes a run.

use std::hint::black_box;
use std::time::{Duration, Instant};

use assess::{Catalog, Format, RenderOptions};

const EXAMPLES: &[(&str, &str)] = &[
    (
        "balanced-saas",
        include_str!("../examples/balanced-saas.yaml"),
    ),
    ("pay-cliff", include_str!("../examples/pay-cliff.yaml")),
    (
        "half-answered",
        include_str!("../examples/half-answered.yaml"),
    ),
    ("blind-spot", include_str!("../examples/blind-spot.yaml")),
    ("seed-stage", include_str!("../examples/seed-stage.yaml")),
];

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<F: FnMut()>(iterations: usize, mut f: F) -> Duration {
    for _ in 0..iterations.min(20) {
        f();
    }
    median(
        (0..iterations)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let catalog = Catalog::builtin();
    let options = RenderOptions::default();

    println!("assess {} benchmark", env!("CARGO_PKG_VERSION"));
    let startup = time(200, || {
        black_box(Catalog::builtin());
    });
    println!("load built-in rubric + articles      median {startup:>10.2?}");

    for (name, text) in EXAMPLES {
        let yaml = time(2000, || {
            // The floor: YAML into a generic value (as `ratios.rs` measures it).
            black_box(serde_saphyr::from_str::<serde_json::Value>(text).unwrap());
        });
        let parse = time(2000, || {
            black_box(catalog.load_questionnaire(name, text, None).unwrap());
        });
        let (rubric, q) = catalog.load_questionnaire(name, text, None).unwrap();
        let evaluate = time(2000, || {
            black_box(assess::evaluate(&rubric, &q, &catalog.articles).unwrap());
        });
        let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
        let text_report = time(500, || {
            black_box(assess::render(&a, Format::Text, &options).unwrap());
        });
        let html_report = time(500, || {
            black_box(assess::render(&a, Format::Html, &options).unwrap());
        });
        let json_report = time(2000, || {
            black_box(assess::render(&a, Format::Json, &options).unwrap());
        });
        println!(
            "{name:<14} yaml {yaml:>9.2?}  parse+validate {parse:>9.2?}  evaluate {evaluate:>9.2?}  text {text_report:>9.2?}  html {html_report:>9.2?}  json {json_report:>9.2?}"
        );
    }

    // Batch: every example in turn, parse -> validate -> evaluate -> render, one thread.
    for format in [Format::Json, Format::Markdown] {
        let (done, elapsed) = batch(&catalog, &options, format, Duration::from_secs(3));
        let rate = done as f64 / elapsed.as_secs_f64();
        println!(
            "batch, one thread, {:<8} out    {rate:>10.0} questionnaires/s ({done} in {elapsed:.1?})",
            format!("{format:?}")
        );
    }

    batch_command();
}

/// `assess batch DIR --index-only` over generated files (the examples, copied round-robin),
/// against a floor of reading and parsing the same files as YAML on one thread. Set
/// `ASSESS_BENCH_FILES` to change the count (default 5000).
fn batch_command() {
    let n: usize = std::env::var("ASSESS_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = dir.path().join("clients");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        let (_, text) = EXAMPLES[i % EXAMPLES.len()];
        std::fs::write(input.join(format!("client-{i:05}.yaml")), text).unwrap();
    }
    let mut files: Vec<_> = std::fs::read_dir(&input)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let start = Instant::now();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        black_box(serde_saphyr::from_str::<serde_json::Value>(&text).unwrap());
    }
    let floor = start.elapsed();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut walls = Vec::new();
    for run in 0..3 {
        let out = dir.path().join(format!("out-{run}"));
        let start = Instant::now();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_assess"))
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .arg("--index-only")
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run assess batch");
        walls.push(start.elapsed());
        assert!(status.success(), "assess batch failed");
    }
    let wall = median(walls);
    println!(
        "assess batch --index-only, {n} files, {threads} cores: wall {wall:>9.2?} ({:.0} files/s); YAML parse floor, one thread {floor:>9.2?}; ratio {:.2}",
        n as f64 / wall.as_secs_f64(),
        wall.as_secs_f64() / floor.as_secs_f64()
    );
}

/// Runs the whole pipeline over the examples until `budget` is spent; returns how many
/// questionnaires were done and how long it took.
fn batch(
    catalog: &Catalog,
    options: &RenderOptions,
    format: Format,
    budget: Duration,
) -> (usize, Duration) {
    let start = Instant::now();
    let mut done = 0usize;
    while start.elapsed() < budget {
        for (name, text) in EXAMPLES {
            let (rubric, q) = catalog.load_questionnaire(name, text, None).unwrap();
            let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
            black_box(assess::render(&a, format, options).unwrap());
            done += 1;
        }
    }
    (done, start.elapsed())
}
