//! The summary every report opens with: a verdict in one sentence, strengths, priorities
//! (the plan's first steps with their true gains) and the answers to confirm first.
//!
//! Built from the finished [`Assessment`] only, so it can never say something the numbers
//! below it do not show.

use crate::assessment::{Assessment, PatternStatus, Summary};
use crate::exact;

/// How many answers to confirm the summary names (the full list is in `to_confirm`).
const CONFIRM_SHOWN: usize = 5;

/// Writes the summary of `a`.
pub fn summarise(a: &Assessment) -> Summary {
    Summary {
        verdict: verdict(a),
        strengths: strengths(a),
        priorities: priorities(a),
        to_confirm: a
            .to_confirm
            .iter()
            .take(CONFIRM_SHOWN)
            .map(|t| [&t.criterion, " (", t.state.as_str(), "): ", &t.reason].concat())
            .collect(),
    }
}

fn one(d: impl Into<rust_decimal::Decimal>) -> String {
    exact::one_decimal(d.into())
}

fn band(id: &str) -> String {
    // Most band ids are one word: no search-and-replace machinery for those.
    if id.contains('-') {
        id.replace('-', " ")
    } else {
        id.to_string()
    }
}

fn verdict(a: &Assessment) -> String {
    let o = &a.overall;
    let mut sentence = match o.score {
        None if a.answers.scored == 0 => "Nothing is answered yet, so there is no diagnosis: \
                                          answer the questions listed to confirm first"
            .to_string(),
        None => format!(
            "Not enough evidence for an overall score: {} of {} commitments have enough \
             answers, and at least {}% of their weight must be counted; answer the questions \
             listed to confirm first",
            o.counted_commitments,
            o.applicable_commitments,
            exact::plain(o.min_counted)
        ),
        Some(score) => {
            let mut s = ["Overall ", &one(score), " of 100, ", &band(o.band.as_str())].concat();
            let capping: Vec<&str> = a
                .failure_patterns
                .iter()
                .filter(|p| o.capped_by.contains(&p.id))
                .map(|p| p.title.as_str())
                .collect();
            if let (false, Some(raw)) = (capping.is_empty(), o.uncapped_score) {
                for part in [
                    ", held down from ",
                    &one(raw),
                    " by ",
                    &capping.join(" and "),
                ] {
                    s += part;
                }
            }
            let others: Vec<&str> = a
                .triggered()
                .filter(|p| !o.capped_by.contains(&p.id))
                .map(|p| p.title.as_str())
                .collect();
            if !others.is_empty() {
                s += "; failure pattern found: ";
                s += &others.join(", ");
            } else if capping.is_empty()
                && a.failure_patterns
                    .iter()
                    .all(|p| matches!(p.status, PatternStatus::Clear | PatternStatus::NotYet))
            {
                s += "; no failure pattern found";
            }
            s
        }
    };
    if let Some(stage) = &a.stage
        && let Some(size) = stage.size
        && !stage.not_yet.is_empty()
    {
        let titles: Vec<&str> = stage.not_yet.iter().map(|s| s.title.as_str()).collect();
        sentence += &format!(
            "; at {} {}, {} {} not expected yet",
            exact::plain(size),
            stage.size_criterion,
            titles.join(" and "),
            if titles.len() == 1 { "is" } else { "are" }
        );
    }
    sentence + "."
}

/// Commitments in the rubric's top band, then the failure patterns ruled out. A commitment
/// that is merely not weak (the dual-track rubric's `developing`, 60 to 80) is still on its
/// way and is left out: a strength is something to keep, not something half done.
fn strengths(a: &Assessment) -> Vec<String> {
    let top = a.thresholds.bands.last().map(|b| b.id.as_str());
    let mut out: Vec<String> = a
        .commitments
        .iter()
        .filter(|c| c.counted && !c.weak && c.band.band() == top)
        .filter_map(|c| {
            c.score
                .map(|s| [&c.title, ": ", &one(s), " (", &band(c.band.as_str()), ")"].concat())
        })
        .collect();
    let clear: Vec<&str> = a
        .failure_patterns
        .iter()
        .filter(|p| p.status == PatternStatus::Clear)
        .map(|p| p.title.as_str())
        .collect();
    if !clear.is_empty() {
        out.push(["No sign of: ", &clear.join("; ")].concat());
    }
    out
}

/// The first sentence of an action, for one-line lists.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

fn priorities(a: &Assessment) -> Vec<String> {
    let by_id = |id: &str| a.recommendations.iter().find(|r| r.id == id);
    let chosen: Vec<_> = if a.plan.reachable && !a.plan.actions.is_empty() {
        a.plan.actions.iter().filter_map(|id| by_id(id)).collect()
    } else {
        a.recommendations.iter().take(3).collect()
    };
    chosen
        .into_iter()
        .map(|r| {
            let gain = match r.gain {
                Some(g) if !r.held_by.is_empty() && g.shown().is_zero() => {
                    "no gain on its own while a failure pattern caps the result".to_string()
                }
                Some(g) => ["+", &one(g), " points of the overall score on its own"].concat(),
                None => "gain shown once the overall can be scored".to_string(),
            };
            let what = match &r.pattern {
                Some(_) => ["Against \"", &r.prompt, "\": ", first_sentence(&r.action)].concat(),
                None => first_sentence(&r.action).to_string(),
            };
            [&what, " (", &gain, ", ", r.effort.as_str(), " effort)"].concat()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Catalog;

    #[test]
    fn a_developing_commitment_is_not_called_a_strength() {
        let catalog = Catalog::builtin();
        let text = include_str!("../examples/half-answered.yaml");
        let (rubric, q) = catalog
            .load_questionnaire("half-answered.yaml", text, None)
            .unwrap();
        let a = crate::evaluate(&rubric, &q, &catalog.articles).unwrap();
        let developing = a
            .commitments
            .iter()
            .find(|c| c.counted && !c.weak && c.band == "developing")
            .expect("the example has a commitment that is not weak but not strong");
        assert!(
            a.summary
                .strengths
                .iter()
                .all(|s| !s.starts_with(developing.title.as_str())),
            "{:?}",
            a.summary.strengths
        );
    }
}
