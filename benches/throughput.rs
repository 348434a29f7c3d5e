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
            black_box(assess::yaml::parse(name, text).unwrap());
        });
        let parse = time(2000, || {
            black_box(catalog.load_questionnaire(name, text, None).unwrap());
        });
        let (rubric, q) = catalog.load_questionnaire(name, text, None).unwrap();
        let evaluate = time(2000, || {
            black_box(assess::evaluate(&rubric, &q, &catalog.articles));
        });
        let a = assess::evaluate(&rubric, &q, &catalog.articles);
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
            let a = assess::evaluate(&rubric, &q, &catalog.articles);
            black_box(assess::render(&a, format, options).unwrap());
            done += 1;
        }
    }
    (done, start.elapsed())
}
