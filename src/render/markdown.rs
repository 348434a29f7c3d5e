//! The built-in Markdown report, written in Rust: byte for byte what `templates/report.md.j2`
//! renders, at a fraction of the cost.

use std::fmt::Write;

use crate::assessment::{Assessment, CommitmentResult, CriterionResult, PatternStatus};

use super::Branding;
use super::text::{push_markdown_code, push_markdown_url, push_unsigned};
use super::words::{
    Escape, Md, band_name, capped_titles, gain_text, gap_sentence, given, number, number_or_none,
    plan_text, push_bar, push_pct, push_score, push_two_dp, rec_name, small_groups, state_text,
    tally, ucfirst,
};

fn e(out: &mut String, text: &str) {
    Md::push(out, text);
}

/// The Markdown report.
pub(super) fn report(a: &Assessment, b: &Branding) -> String {
    let mut out = String::with_capacity(32 * 1024);
    head(&mut out, a, b);
    overall(&mut out, a);
    patterns(&mut out, a);
    gaps_and_stage(&mut out, a);
    actions(&mut out, a);
    answers(&mut out, a);
    footer(&mut out, a, b);
    out
}

fn head(out: &mut String, a: &Assessment, b: &Branding) {
    out.push_str("# ");
    e(out, &a.rubric.title);
    out.push_str(": ");
    e(out, b.client_or_unnamed());
    out.push_str("\n\n");
    if given(&a.assessed_on) {
        out.push_str("Assessed ");
        e(out, a.assessed_on.as_deref().unwrap_or_default());
        out.push_str(" · ");
    }
    out.push_str("Rubric ");
    push_markdown_code(out, &a.rubric.id);
    out.push(' ');
    e(out, &a.rubric.version);
    if let Some(p) = b.prepared_by.filter(|p| !p.is_empty()) {
        out.push_str(" · Prepared by ");
        e(out, p);
    }
    out.push_str("\n\n## Summary\n\n");
    let s = &a.summary;
    e(out, &s.verdict);
    out.push('\n');
    for (title, items, numbered) in [
        ("Strengths", &s.strengths, false),
        ("Priorities", &s.priorities, true),
        ("To confirm first", &s.to_confirm, false),
    ] {
        if items.is_empty() {
            continue;
        }
        out.push_str("\n**");
        out.push_str(title);
        out.push_str("**\n\n");
        for (i, x) in items.iter().enumerate() {
            if numbered {
                push_unsigned(out, i as u64 + 1);
                out.push_str(". ");
            } else {
                out.push_str("- ");
            }
            e(out, x);
            out.push('\n');
        }
    }
    out.push('\n');
}

fn overall(out: &mut String, a: &Assessment) {
    let o = &a.overall;
    if o.score.is_none() {
        let _ = writeln!(
            out,
            "## Overall: insufficient evidence ({} of {} commitments counted)",
            o.counted_commitments, o.applicable_commitments
        );
    } else {
        out.push_str("## Overall: ");
        push_score(out, o.score);
        out.push_str(" / 100, ");
        band_name::<Md>(out, o.band.as_str());
        out.push('\n');
    }
    out.push_str("\nCoverage: ");
    push_pct(out, o.coverage);
    out.push_str(
        " (each commitment's answered share of its weight, averaged by commitment weight).\n",
    );
    if !o.capped_by.is_empty() {
        out.push_str("\n> **Capped.** The weighted average is ");
        push_score(out, o.uncapped_score);
        out.push_str(", but the result is held to ");
        push_score(out, o.score);
        out.push_str(" while this failure pattern holds: ");
        capped_titles::<Md>(out, a);
        out.push_str(". A good average cannot make up for it.\n");
    }
    if !a.warnings.is_empty() {
        out.push_str("\n**Check these answers**\n\n");
        for w in &a.warnings {
            out.push_str("- ");
            push_markdown_code(out, &w.criterion);
            out.push_str(": ");
            e(out, &w.message);
            out.push('\n');
        }
    }
    out.push_str("\n| Commitment | Score | Band | Coverage | |\n|---|---:|---|---:|---|\n");
    for c in &a.commitments {
        commitment_row(out, c);
    }
    out.push_str("\n## Failure patterns\n\n");
}

fn commitment_row(out: &mut String, c: &CommitmentResult) {
    out.push_str("| [");
    e(out, &c.title);
    out.push_str("](");
    push_markdown_url(out, &c.article.url);
    out.push_str(") | ");
    push_score(out, c.score);
    out.push_str(" | ");
    band_name::<Md>(out, c.band.as_str());
    if c.band != "not-yet" && !c.counted {
        out.push_str(" (not counted)");
    }
    out.push_str(" | ");
    push_pct(out, c.coverage);
    out.push_str(" | ");
    // A bar is block characters only: a code span needs no longer fence.
    out.push('`');
    push_bar(out, c.score, 10);
    out.push('`');
    out.push_str(" |\n");
}

fn patterns(out: &mut String, a: &Assessment) {
    for p in a.triggered() {
        out.push_str("### ⚠ ");
        e(out, &p.title);
        out.push_str(" (");
        super::words::pattern_label::<Md>(out, p, a);
        out.push_str(")\n\n");
        e(out, &p.description);
        out.push_str("\n\nFound because:\n");
        for x in &p.evidence {
            out.push_str("- ");
            e(out, &x.finding);
            out.push('\n');
        }
        out.push_str("\n**Do this:** ");
        e(out, &p.action);
        out.push_str("\n\n\nLearn more: [");
        e(out, &p.article.title);
        out.push_str("](");
        push_markdown_url(out, &p.article.url);
        out.push_str(")\n\n");
    }
    let mut first = true;
    for p in a
        .failure_patterns
        .iter()
        .filter(|p| p.status != PatternStatus::Triggered)
    {
        if first {
            out.push_str("| Pattern | Status |\n|---|---|\n");
            first = false;
        }
        out.push_str("| ");
        e(out, &p.title);
        out.push_str(" | ");
        match p.status {
            PatternStatus::Clear => out.push_str("clear"),
            PatternStatus::NotYet => out.push_str("not yet at this size"),
            _ => {
                out.push_str("undetermined: answer ");
                e(out, &p.undetermined_by.join(", "));
            }
        }
        out.push_str(" |\n");
    }
    if a.failure_patterns.is_empty() {
        out.push_str("No failure patterns are defined in this rubric.\n");
    }
}

fn gaps_and_stage(out: &mut String, a: &Assessment) {
    if !a.perception_gaps.is_empty() {
        out.push_str("\n## Perception gaps\n\n");
        for g in &a.perception_gaps {
            out.push_str("- **");
            e(out, &ucfirst(g.severity.as_str()));
            out.push_str(":** ");
            e(out, &g.prompt);
            out.push(' ');
            gap_sentence::<Md>(out, g, true);
            out.push_str(". [Learn more](");
            push_markdown_url(out, &g.article.url);
            out.push_str(")\n");
        }
    }
    if a.answers.small_group_respondents != 0 {
        out.push_str("\n_");
        small_groups(out, a);
        out.push_str("_\n");
    }
    out.push('\n');
    if let Some(stage) = a.stage.as_ref().filter(|s| !s.not_yet.is_empty()) {
        out.push_str("\n## Not yet at this size (");
        e(out, &number_or_none(stage.size));
        out.push(' ');
        e(out, &stage.size_criterion);
        out.push_str(")\n\n");
        for s in &stage.not_yet {
            out.push_str("- **From ");
            e(out, &number(s.from));
            out.push(' ');
            e(out, &stage.size_criterion);
            out.push_str(": ");
            e(out, &s.title);
            out.push_str(".** ");
            e(out, &s.why);
            out.push('\n');
        }
        out.push_str("\nWhat matters now: ");
        e(out, &stage.meanwhile);
        out.push('\n');
    }
}

fn actions(out: &mut String, a: &Assessment) {
    out.push_str("\n## Plan\n\n");
    plan_text::<Md>(out, a);
    out.push('\n');
    let planned = a
        .recommendations
        .iter()
        .filter(|r| a.plan.actions.contains(&r.id));
    for (i, r) in planned.enumerate() {
        push_unsigned(out, i as u64 + 1);
        out.push_str(". ");
        rec_name::<Md>(out, r);
        out.push_str(" (");
        gain_text::<Md>(out, r);
        out.push_str(" on its own, ");
        e(out, r.effort.as_str());
        out.push_str(" effort)\n");
    }
    out.push_str("\n## Actions, most overall points gained first\n\nEach gain is the overall score re-computed with that action done, caps included.\n\n");
    for (i, r) in a.recommendations.iter().enumerate() {
        if i == 0 {
            out.push_str("| # | Gain | Effort | What | Action |\n|---:|---|---|---|---|\n");
        }
        out.push_str("| ");
        push_unsigned(out, i as u64 + 1);
        out.push_str(" | ");
        gain_text::<Md>(out, r);
        out.push_str(" | ");
        e(out, r.effort.as_str());
        out.push_str(" | ");
        rec_name::<Md>(out, r);
        out.push_str(" | ");
        e(out, &r.action);
        out.push_str(" [Learn more](");
        push_markdown_url(out, &r.article.url);
        out.push_str(") |\n");
    }
    if a.recommendations.is_empty() {
        if a.overall.score.is_none() {
            out.push_str("No action is ranked yet: there is too little evidence to score. Give the answers listed to confirm first.\n");
        } else {
            out.push_str("Nothing scores weak.\n");
        }
    }
    if !a.to_confirm.is_empty() {
        out.push_str("\n## To confirm, most telling first\n\n");
        for t in &a.to_confirm {
            out.push_str("- ");
            push_markdown_code(out, &t.criterion);
            out.push_str(" (");
            e(out, t.state.as_str());
            out.push_str("): ");
            e(out, &t.reason);
            out.push('\n');
        }
    }
}

fn answers(out: &mut String, a: &Assessment) {
    out.push_str("\n## Answers\n\n");
    for c in &a.commitments {
        out.push_str("### ");
        e(out, &c.title);
        out.push_str(": ");
        push_score(out, c.score);
        out.push_str(" (");
        band_name::<Md>(out, c.band.as_str());
        out.push_str(")\n\n");
        e(out, &c.description);
        out.push_str("\n\n| Question | Answer | Score | |\n|---|---|---:|---|\n");
        for k in &c.criteria {
            answer_row(out, k);
        }
        out.push('\n');
    }
}

fn answer_row(out: &mut String, k: &CriterionResult) {
    out.push_str("| ");
    e(out, &k.prompt);
    out.push_str("<br>");
    push_markdown_code(out, &k.id);
    out.push_str(" | ");
    state_text::<Md>(out, k);
    if let Some(evidence) = k.evidence.as_deref().filter(|x| !x.is_empty()) {
        out.push_str("<br>_");
        e(out, evidence);
        out.push('_');
    }
    for g in &k.groups {
        out.push_str("<br>");
        e(out, &g.group);
        out.push_str(" (");
        push_unsigned(out, u64::from(g.count));
        out.push_str("): ");
        push_two_dp(out, g.mean);
        if let Some(f) = g.favourable {
            out.push_str(", ");
            push_pct(out, f);
            out.push_str(" favourable");
        }
    }
    if k.merged_responses != 0 {
        let _ = write!(
            out,
            "<br>+{} responses from smaller groups, in the mean only",
            k.merged_responses
        );
    }
    if k.withheld_responses != 0 && k.state == crate::assessment::State::Scored {
        let _ = write!(
            out,
            "<br>{} responses from groups too small to use left out",
            k.withheld_responses
        );
    }
    out.push_str(" | ");
    if k.context {
        out.push_str("context");
    } else {
        push_score(out, k.score);
    }
    out.push_str(" | ");
    if k.weak {
        out.push_str("weak");
    }
    out.push_str(" |\n");
}

fn footer(out: &mut String, a: &Assessment, b: &Branding) {
    out.push_str("---\n\n");
    tally(out, a);
    out.push_str(".\n\nScores run from 0 to 100; under ");
    e(out, &number(a.thresholds.weak_below));
    out.push_str(" is weak. A commitment is the weighted mean of its scored criteria and counts in the overall only with at least ");
    e(out, &number(a.thresholds.min_coverage));
    out.push_str("% of its weight answered. Generated by ");
    e(out, b.tool);
    out.push_str(".\n");
    if let Some(c) = b.confidential.filter(|c| !c.is_empty()) {
        out.push_str("\n**");
        e(out, c);
        out.push_str("**\n");
    }
}
