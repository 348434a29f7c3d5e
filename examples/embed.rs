//! Embedding `assess` as a library: load, validate, evaluate, render.
//!
//! Run with `cargo run --example embed`.

use assess::{Catalog, Format, PatternStatus, RenderOptions};

fn main() {
    // 1. Load: the built-in rubrics and articles (add your own with `rubric_from_yaml`).
    let catalog = Catalog::builtin();

    // 2. Validate: every problem at once, each with file, line and column.
    let broken = "rubric: dual-track\nanswers:\n  staff-to-manger-pay: 93%\n";
    if let Err(problems) = catalog.load_questionnaire("broken.yaml", broken, None) {
        eprintln!("{problems}");
    }

    let text = include_str!("pay-cliff.yaml");
    let (rubric, questionnaire) = catalog
        .load_questionnaire("examples/pay-cliff.yaml", text, None)
        .expect("the example is valid");

    // 3. Evaluate: pure and exact; the result is plain data.
    // It refuses a questionnaire validated against another rubric (`Error::RubricMismatch`).
    let assessment = assess::evaluate(&rubric, &questionnaire, &catalog.articles)
        .expect("validated against this rubric");
    // Scores print themselves as the reports do: one decimal (`72.5`).
    match assessment.overall.score {
        Some(score) => println!(
            "{}: {score} / 100 ({})",
            rubric.title(),
            assessment.overall.band
        ),
        None => println!("{}: no score ({})", rubric.title(), assessment.overall.band),
    }
    for pattern in &assessment.failure_patterns {
        if pattern.status == PatternStatus::Triggered {
            println!("  triggered: {} -> {}", pattern.title, pattern.article.url);
        }
    }
    if let Some(first) = assessment.recommendations.first() {
        println!(
            "  first action (+{} points of the overall score): {}",
            first
                .gain
                .map_or_else(|| "?".to_string(), |gain| gain.to_string()),
            first.action
        );
    }

    // 4. Render: any format, same facts.
    let markdown = assess::render(&assessment, Format::Markdown, &RenderOptions::default())
        .expect("built-in templates render");
    println!(
        "\n{}",
        markdown.lines().take(6).collect::<Vec<_>>().join("\n")
    );
}
