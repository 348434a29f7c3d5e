//! The failure patterns' results: status, the evidence that triggered each, the answers that
//! would decide an undetermined one, and the action built from the tests that hold.

use super::facts::FactTable;
use super::links::Links;
use super::scores::Scores;
use super::view::View;
use crate::assessment::{PatternResult, PatternStatus, State};
use crate::condition::{Facts, Truth};
use crate::rubric::{FailurePattern, Rubric, Text};

/// Every failure pattern's result, in rubric order. Unless `full`, without evidence, without
/// the answers that would decide an undetermined pattern, and with the rubric's action (an
/// index shows none of them).
pub(super) fn results<'r>(
    rubric: &'r Rubric,
    facts: &FactTable<'_>,
    now: &Scores,
    links: &Links<'r>,
    full: bool,
) -> Vec<PatternResult> {
    let view = View::of(facts);
    rubric
        .failure_patterns
        .iter()
        .zip(&now.truths)
        .map(|(p, truth)| result(p, *truth, &view, links, full))
        .collect()
}

fn result<'r>(
    p: &'r FailurePattern,
    truth: Truth,
    view: &View<'_>,
    links: &Links<'r>,
    full: bool,
) -> PatternResult {
    // The truth is the scorer's; only a pattern that holds has evidence to collect (a
    // condition that is not true carries none), so only those are evaluated again.
    let evidence = if full && truth == Truth::True {
        let outcome = p.when.evaluate(view);
        debug_assert_eq!(outcome.truth, truth);
        outcome.evidence
    } else {
        Vec::new()
    };
    let (mut tests, mut not_yet) = (0, 0);
    p.when.for_each_test(&mut |t| {
        tests += 1;
        not_yet += usize::from(
            t.number
                .is_some_and(|i| view.fact_at(i).state == State::NotYet),
        );
    });
    let all_not_yet = tests > 0 && not_yet == tests;
    let status = match truth {
        _ if all_not_yet => PatternStatus::NotYet,
        Truth::True => PatternStatus::Triggered,
        Truth::False => PatternStatus::Clear,
        Truth::Undetermined => PatternStatus::Undetermined,
    };
    let undetermined_by = if full && status == PatternStatus::Undetermined {
        let mut ids: Vec<Text> = Vec::new();
        p.when.for_each_test(&mut |t| {
            if view.test(t) == Truth::Undetermined && !ids.iter().any(|id| *id == t.criterion) {
                ids.push(Text::from(&t.criterion));
            }
        });
        ids
    } else {
        Vec::new()
    };
    let action = if full && status == PatternStatus::Triggered {
        triggered_action(p, view)
    } else {
        p.action.clone()
    };
    let opinion_only = full
        && status == PatternStatus::Triggered
        && evidence.iter().all(|e| {
            view.table
                .criterion(&e.criterion)
                .is_some_and(|k| k.opinion || k.is_context())
        });
    PatternResult {
        id: p.id.clone(),
        title: p.title.clone(),
        description: p.description.clone(),
        status,
        severity: p.severity,
        opinion_only,
        evidence,
        undetermined_by,
        action,
        caps: p.caps.clone(),
        article: links.get(&p.article),
    }
}

/// The "do this" of a triggered pattern follows the leaves that hold, not one fixed text.
fn triggered_action(p: &FailurePattern, view: &View<'_>) -> Text {
    let mut parts: Vec<&str> = Vec::new();
    for t in p.when.true_tests(view) {
        let text = t.action.as_deref().or_else(|| {
            t.number
                .map(|i| view.table.criteria[i])
                .filter(|k| !k.is_context())
                .map(|k| k.action.as_str())
        });
        if let Some(text) = text.filter(|t| !t.is_empty())
            && !parts.contains(&text)
        {
            parts.push(text);
        }
    }
    if parts.is_empty() {
        p.action.clone()
    } else {
        parts.join(" ").into()
    }
}
