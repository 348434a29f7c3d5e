//! The built-in terminal-text report, written in Rust: byte for byte what
//! `templates/report.txt.j2` renders, at a fraction of the cost.

use crate::assessment::{Assessment, CommitmentResult, CriterionResult, PatternStatus, State};

use super::Branding;
use super::words::{
    Escape, Plain, band_name, capped_titles, gain_text, gap_sentence, given, number,
    number_or_none, pct, plan_text, push_bar, push_pct, push_score, push_two_dp, rec_name, score,
    small_groups, state_text, tally,
};

fn e(out: &mut String, text: &str) {
    Plain::push(out, text);
}

/// `|pad(width)`: padded to `width` characters, right-aligned when `width` is negative.
fn pad(text: &str, width: isize) -> String {
    let n = text.chars().count();
    let w = width.unsigned_abs();
    if n >= w {
        return text.to_string();
    }
    let fill = " ".repeat(w - n);
    if width < 0 {
        fill + text
    } else {
        format!("{text}{fill}")
    }
}

/// The text report.
pub(super) fn report(a: &Assessment, b: &Branding) -> String {
    let mut out = String::with_capacity(24 * 1024);
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
    e(out, &a.rubric.title.to_uppercase());
    out.push('\n');
    e(out, b.client_or_unnamed());
    if given(&a.assessed_on) {
        out.push_str(" · assessed ");
        e(out, a.assessed_on.as_deref().unwrap_or_default());
    }
    out.push_str(" · rubric ");
    e(out, &a.rubric.id);
    out.push(' ');
    e(out, &a.rubric.version);
    out.push('\n');
    if let Some(p) = b.prepared_by.filter(|p| !p.is_empty()) {
        out.push_str("Prepared by ");
        e(out, p);
        out.push('\n');
    }
    out.push_str("\nSUMMARY\n  ");
    let s = &a.summary;
    e(out, &s.verdict);
    out.push('\n');
    for (title, items, mark) in [
        ("Strengths", &s.strengths, "+"),
        ("Priorities", &s.priorities, ""),
        ("To confirm first", &s.to_confirm, "?"),
    ] {
        if items.is_empty() {
            continue;
        }
        out.push_str("  ");
        out.push_str(title);
        out.push_str(":\n");
        for (i, x) in items.iter().enumerate() {
            out.push_str("    ");
            if mark.is_empty() {
                out.push_str(&format!("{}.", i + 1));
            } else {
                out.push_str(mark);
            }
            out.push(' ');
            e(out, x);
            out.push('\n');
        }
    }
    out.push('\n');
}

fn overall(out: &mut String, a: &Assessment) {
    let o = &a.overall;
    if o.score.is_none() {
        out.push_str(&format!(
            "OVERALL  INSUFFICIENT EVIDENCE  ·  {} of {} commitments counted  ·  coverage {}\n",
            o.counted_commitments,
            o.applicable_commitments,
            pct(o.coverage)
        ));
    } else {
        out.push_str("OVERALL  ");
        push_score(out, o.score);
        out.push_str(" / 100  ");
        let mut band = String::new();
        band_name::<Plain>(&mut band, o.band.as_str());
        out.push_str(&band.to_uppercase());
        out.push_str("  ·  coverage ");
        push_pct(out, o.coverage);
        out.push('\n');
    }
    if !o.capped_by.is_empty() {
        out.push_str("  Capped: the weighted average is ");
        push_score(out, o.uncapped_score);
        out.push_str(", but a failure pattern holds the result to ");
        push_score(out, o.score);
        out.push_str(": ");
        capped_titles::<Plain>(out, a);
        out.push_str(".\n");
    }
    if !a.warnings.is_empty() {
        out.push_str("\nCHECK THESE ANSWERS\n");
        for w in &a.warnings {
            out.push_str("  ! ");
            e(out, &w.criterion);
            out.push_str(": ");
            e(out, &w.message);
            out.push('\n');
        }
    }
    out.push_str("\nCOMMITMENTS\n");
    for c in &a.commitments {
        commitment(out, a, c);
    }
    out.push_str("\nFAILURE PATTERNS\n");
}

fn commitment(out: &mut String, a: &Assessment, c: &CommitmentResult) {
    out.push_str("  ");
    e(out, &c.title);
    out.push_str("\n    ");
    push_bar(out, c.score, 20);
    out.push_str("  ");
    push_score(out, c.score);
    out.push_str("  ");
    band_name::<Plain>(out, c.band.as_str());
    out.push_str("  ·  coverage ");
    push_pct(out, c.coverage);
    if c.band == "not-yet" {
        out.push_str("  (nothing here is expected at this size yet)");
    } else if !c.counted {
        out.push_str("  (not counted: under ");
        e(out, &number(a.thresholds.min_coverage));
        out.push_str("% of its weight answered)");
    }
    out.push('\n');
}

fn patterns(out: &mut String, a: &Assessment) {
    for p in &a.failure_patterns {
        match p.status {
            PatternStatus::Triggered => {
                out.push_str("  [!] FOUND  ");
                e(out, &p.title);
                out.push_str("  (");
                super::words::pattern_label::<Plain>(out, p, a);
                out.push_str(")\n");
                for x in &p.evidence {
                    out.push_str("        - ");
                    e(out, &x.finding);
                    out.push('\n');
                }
                out.push_str("        Do this: ");
                e(out, &p.action);
                out.push_str("\n        Learn more: ");
                e(out, &p.article.title);
                out.push_str(" <");
                e(out, &p.article.url);
                out.push_str(">\n");
            }
            PatternStatus::Undetermined => {
                out.push_str("  [?] UNDETERMINED  ");
                e(out, &p.title);
                out.push_str(": answer ");
                e(out, &p.undetermined_by.join(", "));
                out.push_str(" to decide\n");
            }
            PatternStatus::NotYet => {
                out.push_str("  [-] not yet at this size  ");
                e(out, &p.title);
                out.push('\n');
            }
            PatternStatus::Clear => {
                out.push_str("  [ok] clear  ");
                e(out, &p.title);
                out.push('\n');
            }
        }
    }
}

fn gaps_and_stage(out: &mut String, a: &Assessment) {
    if !a.perception_gaps.is_empty() {
        out.push_str("\nPERCEPTION GAPS\n");
        for g in &a.perception_gaps {
            out.push_str("  ");
            e(out, &g.severity.as_str().to_uppercase());
            out.push_str("  ");
            e(out, &g.prompt);
            out.push_str("\n        ");
            gap_sentence::<Plain>(out, g, true);
            out.push_str(".\n        Learn more: ");
            e(out, &g.article.title);
            out.push_str(" <");
            e(out, &g.article.url);
            out.push_str(">\n");
        }
    }
    if a.answers.small_group_respondents != 0 {
        out.push_str("\n  ");
        small_groups(out, a);
        out.push('\n');
    }
    if let Some(stage) = a.stage.as_ref().filter(|s| !s.not_yet.is_empty()) {
        out.push_str("\nNOT YET AT THIS SIZE (");
        e(out, &number_or_none(stage.size));
        out.push(' ');
        e(out, &stage.size_criterion);
        out.push_str(")\n");
        for s in &stage.not_yet {
            out.push_str("  From ");
            e(out, &number(s.from));
            out.push(' ');
            e(out, &stage.size_criterion);
            out.push_str(": ");
            e(out, &s.title);
            let n = s.criteria.len();
            out.push_str(&format!(
                " ({n} question{} wait for it). ",
                if n != 1 { "s" } else { "" }
            ));
            e(out, &s.why);
            out.push('\n');
        }
        out.push_str("  What matters now: ");
        e(out, &stage.meanwhile);
        out.push('\n');
    }
}

fn actions(out: &mut String, a: &Assessment) {
    out.push_str("\nPLAN\n  ");
    plan_text::<Plain>(out, a);
    out.push('\n');
    let planned = a
        .recommendations
        .iter()
        .filter(|r| a.plan.actions.contains(&r.id));
    for (i, r) in planned.enumerate() {
        out.push_str(&format!("  {}. ", i + 1));
        rec_name::<Plain>(out, r);
        out.push_str(" (");
        gain_text::<Plain>(out, r);
        out.push_str(" on its own, ");
        e(out, r.effort.as_str());
        out.push_str(" effort)\n");
    }
    out.push_str("\nACTIONS, MOST OVERALL POINTS GAINED FIRST (each gain re-scores the answers with that action done)\n");
    for (i, r) in a.recommendations.iter().enumerate() {
        out.push_str("  ");
        out.push_str(&pad(&format!("{}.", i + 1), 3));
        out.push(' ');
        gain_text::<Plain>(out, r);
        out.push_str(" · ");
        e(out, r.effort.as_str());
        out.push_str(" effort · ");
        rec_name::<Plain>(out, r);
        out.push_str("\n      ");
        e(out, &r.action);
        out.push('\n');
    }
    if a.recommendations.is_empty() {
        if a.overall.score.is_none() {
            out.push_str("  No action is ranked yet: there is too little evidence to score. Give the answers listed to confirm first.\n");
        } else {
            out.push_str("  Nothing scores weak. Keep the evidence current and re-run after the next ladder review.\n");
        }
    } else {
        out.push_str("\n  Learn more about these actions:\n");
        // `unique(attribute="url")`: the first of each address, compared without case.
        let mut seen: Vec<String> = Vec::new();
        for art in a.recommendations.iter().map(|r| &r.article) {
            let key = art.url.to_lowercase();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push_str("    ");
            e(out, &art.title);
            out.push_str(" <");
            e(out, &art.url);
            out.push_str(">\n");
        }
    }
    if !a.to_confirm.is_empty() {
        out.push_str("\nTO CONFIRM, MOST TELLING FIRST\n");
        for t in &a.to_confirm {
            out.push_str("  ");
            e(out, &t.criterion);
            out.push_str(" (");
            e(out, t.state.as_str());
            out.push_str("): ");
            e(out, &t.reason);
            out.push('\n');
        }
    }
}

fn answers(out: &mut String, a: &Assessment) {
    out.push_str("\nALL ANSWERS (weak: scored under ");
    e(out, &number(a.thresholds.weak_below));
    out.push_str(")\n");
    for c in &a.commitments {
        out.push_str("  ");
        e(out, &c.title);
        out.push('\n');
        for k in &c.criteria {
            answer(out, k);
        }
    }
}

fn answer(out: &mut String, k: &CriterionResult) {
    out.push_str("    ");
    e(out, &pad(&k.id, 32));
    out.push(' ');
    let shown = if k.context {
        "ctx".to_string()
    } else {
        score(k.score)
    };
    out.push_str(&pad(&shown, -5));
    out.push(' ');
    out.push_str(&pad(if k.weak { "weak" } else { "" }, 4));
    out.push_str("  ");
    state_text::<Plain>(out, k);
    out.push('\n');
    for g in &k.groups {
        out.push_str("         ");
        e(out, &g.group);
        out.push_str(&format!(" ({} people): mean ", g.count));
        push_two_dp(out, g.mean);
        if let Some(f) = g.favourable {
            out.push_str(", ");
            push_pct(out, f);
            out.push_str(" favourable");
        }
        out.push('\n');
    }
    if k.merged_responses != 0 {
        out.push_str(&format!(
            "         + {} responses from smaller groups, in the mean only\n",
            k.merged_responses
        ));
    }
    if k.withheld_responses != 0 && k.state == State::Scored {
        out.push_str(&format!(
            "         {} responses from groups too small to use were left out\n",
            k.withheld_responses
        ));
    }
}

fn footer(out: &mut String, a: &Assessment, b: &Branding) {
    out.push('\n');
    tally(out, a);
    out.push_str("\nScores are 0-100. A criterion scores from its answer; a commitment is the weighted mean of its scored criteria; the overall is the weighted mean of commitments with at least ");
    e(out, &number(a.thresholds.min_coverage));
    out.push_str("% of their weight answered, given once commitments holding ");
    e(out, &number(a.overall.min_counted));
    out.push_str("% of the weight are counted. Weak criteria link their article through the actions above. `assess FILE --format json` shows every number.\n");
    e(out, b.tool);
    out.push('\n');
    if let Some(c) = b.confidential.filter(|c| !c.is_empty()) {
        out.push('\n');
        e(out, c);
        out.push('\n');
    }
}
