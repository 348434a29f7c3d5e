//! `assess rubric show --format markdown`: a rubric as a document a person can review.

use std::fmt::Write;

use crate::article::Articles;
use crate::condition::Condition;
use crate::exact::plain;
use crate::rubric::{AnswerSpec, Commitment, Rubric};

/// The rubric as Markdown: thresholds, each commitment's questions and scoring, the patterns.
pub fn markdown(rubric: &Rubric, articles: &Articles) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} (`{}` {})\n",
        rubric.title, rubric.id, rubric.version
    );
    if !rubric.description.is_empty() {
        let _ = writeln!(out, "{}\n", rubric.description.trim());
    }
    let bands: Vec<String> = rubric
        .bands
        .iter()
        .map(|b| format!("{} from {}", b.id, plain(b.from)))
        .collect();
    let _ = writeln!(
        out,
        "Scores run 0-100. Bands: {}. Under {} is weak. A commitment is scored only when at least {}% of its weight is answered. Respondent groups under {} people are never shown on their own; perception gaps are reported from {} scale points ({} and above are severe).\n",
        bands.join(", "),
        plain(rubric.weak_below),
        plain(rubric.min_coverage),
        rubric.min_group_size,
        rubric.gap_notable,
        rubric.gap_severe
    );
    let _ = writeln!(
        out,
        "The overall score is given only when commitments holding at least {}% of the commitment weight are counted; otherwise the headline is \"insufficient evidence\".\n",
        plain(rubric.overall_min_counted)
    );
    if let Some(stages) = &rubric.stages {
        let _ = writeln!(out, "## Stages (by `{}`)\n", stages.size);
        for s in &stages.levels {
            let _ = writeln!(
                out,
                "- **From {}: {}** (`{}`). {}",
                plain(s.from),
                s.title,
                s.id,
                s.why.trim()
            );
        }
        let _ = writeln!(
            out,
            "\nBelow a stage its questions are \"not yet at this size\": neither scored nor a failure. {}\n",
            stages.meanwhile.trim()
        );
    }
    if let Some(sources) = &rubric.sources {
        let _ = writeln!(
            out,
            "Where every threshold and weight comes from: `{sources}` (public sources where there are any; the rest is marked as judgement).\n"
        );
    }
    for c in &rubric.commitments {
        commitment(&mut out, rubric, c, articles);
    }
    failure_patterns(&mut out, rubric);
    out
}

/// One commitment: its heading and article, and a table row per question.
fn commitment(out: &mut String, rubric: &Rubric, c: &Commitment, articles: &Articles) {
    let link = articles
        .link(&c.article)
        .map(|l| format!(" ([{}]({}))", l.title, l.url))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "## {} (`{}`, weight {}){link}\n",
        c.title,
        c.id,
        plain(c.weight)
    );
    if !c.description.is_empty() {
        let _ = writeln!(out, "{}\n", c.description.trim());
    }
    let _ = writeln!(
        out,
        "| Criterion | Question | Weight | Scoring |\n|---|---|---:|---|"
    );
    for k in &c.criteria {
        let mut notes = scoring(&k.answer);
        if let Some(cond) = &k.applies_when {
            notes.push_str(&format!("; applies when {}", describe(cond)));
        }
        if let Some(stage) = k.stage.as_deref().and_then(|s| rubric.stage(s)) {
            notes.push_str(&format!(
                "; expected from {} {}",
                plain(stage.from),
                rubric
                    .stages
                    .as_ref()
                    .map(|s| s.size.as_str())
                    .unwrap_or("")
            ));
        }
        if k.opinion {
            notes.push_str("; opinion item, may be answered per group");
        }
        let weight = if k.is_context() {
            "context".to_string()
        } else {
            plain(k.weight)
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            k.id,
            k.prompt.replace('|', "\\|").replace('\n', " "),
            weight,
            notes.replace('|', "\\|")
        );
    }
    out.push('\n');
}

/// The failure patterns, each with the condition that triggers it in words.
fn failure_patterns(out: &mut String, rubric: &Rubric) {
    if !rubric.failure_patterns.is_empty() {
        let _ = writeln!(out, "## Failure patterns\n");
        for p in &rubric.failure_patterns {
            let caps = p
                .caps
                .as_ref()
                .map(|b| format!("; caps the result at *{b}*"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "### {} (`{}`, {} severity{caps})\n",
                p.title,
                p.id,
                p.severity.as_str()
            );
            if !p.description.is_empty() {
                let _ = writeln!(out, "{}\n", p.description.trim());
            }
            let _ = writeln!(out, "Triggered when {}.\n", describe(&p.when));
        }
    }
}

fn scoring(spec: &AnswerSpec) -> String {
    match spec {
        AnswerSpec::Likert { scale, reverse, .. } => format!(
            "likert 1-{scale}{}",
            if *reverse {
                ", reversed (agreeing is unhealthy)"
            } else {
                ""
            }
        ),
        AnswerSpec::YesNo { healthy } => {
            format!("yes/no, healthy: {}", if *healthy { "yes" } else { "no" })
        }
        AnswerSpec::Number { unit, points, .. } if points.is_empty() => {
            format!("{}; context fact, not scored", unit.as_str())
        }
        AnswerSpec::Number { unit, points, .. } => format!(
            "{}; score by points {}",
            unit.as_str(),
            points
                .iter()
                .map(|p| format!("{} → {}", plain(p.x), plain(p.score)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        AnswerSpec::Choice { options } => options
            .iter()
            .map(|o| format!("`{}` {}", o.id, plain(o.score)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A condition in words (see [`Condition::in_words`]).
pub fn describe(cond: &Condition) -> String {
    cond.in_words()
}
