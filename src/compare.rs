//! Before and after: what changed between a baseline and a new assessment of one organisation.
//!
//! A baseline is either a questionnaire (evaluated like any other) or a saved JSON assessment
//! (`assess FILE --format json`). Both are reduced to a [`Snapshot`]: the scores, bands,
//! pattern statuses, answers and perception gaps a report shows, with scores at the one decimal
//! the JSON carries, so a comparison gives the same numbers whichever form the baseline takes.
//!
//! When the rubric version changed, a change in score can come from the organisation or from
//! the rubric. Re-scoring the old answers under the new rubric separates the two:
//! *organisation* = new − old answers under the new rubric, *rubric* = old answers under the new
//! rubric − old answers under the old rubric; the two add up to the total.
//!
//! ```
//! use assess::{Catalog, Format, RenderOptions};
//!
//! let catalog = Catalog::builtin();
//! let before = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n";
//! let now = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 1.0\n";
//! let (rubric, q) = catalog.load_questionnaire("2026.yaml", now, None).unwrap();
//! let current = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
//! let before = assess::Source::Text(before.into());
//! let c = assess::compare(&catalog, "2025.yaml", &before, None, &rubric, &current).unwrap();
//! assert_eq!(c.changes.patterns_cleared[0].id, "pay-skew");
//! assert_eq!(c.changes.answers_changed[0].criterion, "staff-to-manager-pay");
//! let json = assess::render_compared(&current, &c, Format::Json, &RenderOptions::default()).unwrap();
//! assert!(json.contains("\"changes\""));
//! ```

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::exact;
use crate::rubric::Rubric;
use crate::source::Source;

/// The facts of one assessment that a comparison looks at.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Rubric id.
    pub rubric_id: String,
    /// Rubric version.
    pub rubric_version: String,
    /// The organisation's name, when the questionnaire gives one.
    pub organization: Option<String>,
    /// When the answers were collected.
    pub assessed_on: Option<String>,
    /// Overall score (one decimal) and band.
    pub overall: Scored,
    /// Commitments in rubric order.
    pub commitments: Vec<(String, String, Scored)>,
    /// Failure patterns: id, title, status (`triggered`, `clear`, `undetermined`).
    pub patterns: Vec<(String, String, String)>,
    /// Answers by criterion id: prompt, state and the answer as JSON writes it.
    pub answers: IndexMap<String, AnswerSeen>,
    /// Perception gaps: criterion, higher group, lower group, gap.
    pub gaps: Vec<GapSeen>,
}

/// A score and its band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    /// 0-100 at one decimal; `None` when there was too little evidence.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub score: Option<Decimal>,
    /// Band id, or `insufficient-evidence`.
    pub band: String,
}

/// One criterion's answer as a snapshot keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSeen {
    /// The question.
    pub prompt: String,
    /// `scored`, `unknown`, `missing`, `not-applicable`.
    pub state: String,
    /// The answer, `null` when none.
    pub answer: Value,
}

/// One perception gap as a snapshot keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapSeen {
    /// The opinion criterion.
    pub criterion: String,
    /// The group rating it highest.
    pub higher: String,
    /// The group rating it lowest.
    pub lower: String,
    /// The gap in scale points.
    #[serde(serialize_with = "exact::serialize")]
    pub gap: Decimal,
}

impl Snapshot {
    /// The snapshot of a fresh assessment.
    pub fn of(assessment: &Assessment) -> Snapshot {
        let value = serde_json::to_value(assessment).unwrap_or(Value::Null);
        // An assessment always serialises to the shape `from_value` reads.
        Snapshot::from_value(&value)
            .unwrap_or_else(|missing| unreachable!("an assessment's JSON lacks `{missing}`"))
    }

    /// Reads a saved JSON assessment (`assess FILE --format json`). `origin` names the file in
    /// diagnostics.
    pub fn from_json(origin: &str, text: &str) -> Result<Snapshot, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value =
            serde_json::from_str(text).map_err(|e| Error::json(origin, e, Some(text)))?;
        let not_assessment = |what: String| {
            Error::from(
                Diagnostic::error(Code::NotAnAssessment, Location::whole_file(origin), what)
                    .with_hint(
                        "a JSON baseline is the output of `assess FILE --format json`; or give last year's questionnaire instead",
                    ),
            )
        };
        match value.get("schema_version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(crate::assessment::SCHEMA_VERSION) => {}
            Some(v) => {
                return Err(not_assessment(format!(
                    "this assessment was saved with JSON layout version {v}; this build reads version {}",
                    crate::assessment::SCHEMA_VERSION
                )));
            }
            None => {
                return Err(not_assessment(
                    "this JSON is not a saved assessment: it has no `schema_version`".into(),
                ));
            }
        }
        Snapshot::from_value(&value).map_err(|missing| {
            not_assessment(format!(
                "this JSON is not a complete saved assessment: `{missing}` is missing or has the wrong type"
            ))
        })
    }

    /// Reads the contract's JSON keys; the error names the first missing one.
    fn from_value(v: &Value) -> Result<Snapshot, &'static str> {
        fn text(v: &Value, key: &'static str) -> Result<String, &'static str> {
            v.get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or(key)
        }
        fn list<'v>(v: &'v Value, key: &'static str) -> Result<&'v Vec<Value>, &'static str> {
            v.get(key).and_then(Value::as_array).ok_or(key)
        }
        fn score(v: &Value) -> Option<Decimal> {
            v.get("score")
                .filter(|s| s.is_number())
                .and_then(|s| s.to_string().parse::<Decimal>().ok())
                .map(|d| exact::round(d, 1))
        }
        let rubric = v.get("rubric").ok_or("rubric")?;
        let overall = v.get("overall").ok_or("overall")?;
        let mut commitments = Vec::new();
        let mut answers = IndexMap::new();
        for c in list(v, "commitments")? {
            commitments.push((
                text(c, "id")?,
                text(c, "title")?,
                Scored {
                    score: score(c),
                    band: text(c, "band")?,
                },
            ));
            for k in list(c, "criteria")? {
                answers.insert(
                    text(k, "id")?,
                    AnswerSeen {
                        prompt: text(k, "prompt").unwrap_or_default(),
                        state: text(k, "state")?,
                        answer: k.get("answer").cloned().unwrap_or(Value::Null),
                    },
                );
            }
        }
        let mut patterns = Vec::new();
        for p in list(v, "failure_patterns")? {
            patterns.push((text(p, "id")?, text(p, "title")?, text(p, "status")?));
        }
        let mut gaps = Vec::new();
        for g in v
            .get("perception_gaps")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let group = |side: &'static str| {
                g.get(side)
                    .and_then(|s| s.get("group"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or("perception_gaps")
            };
            gaps.push(GapSeen {
                criterion: text(g, "criterion")?,
                higher: group("higher")?,
                lower: group("lower")?,
                gap: g
                    .get("gap")
                    .and_then(|n| n.to_string().parse().ok())
                    .unwrap_or_default(),
            });
        }
        Ok(Snapshot {
            rubric_id: text(rubric, "id")?,
            rubric_version: text(rubric, "version")?,
            organization: v
                .get("organization")
                .and_then(|o| o.get("name"))
                .and_then(|n| n.as_str().map(str::to_string)),
            assessed_on: v
                .get("assessed_on")
                .and_then(Value::as_str)
                .map(str::to_string),
            overall: Scored {
                score: score(overall),
                band: text(overall, "band")?,
            },
            commitments,
            patterns,
            answers,
            gaps,
        })
    }
}

/// What a baseline was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BaselineKind {
    /// A questionnaire, evaluated afresh.
    Questionnaire,
    /// A saved JSON assessment.
    SavedAssessment,
}

/// The old assessment, as the comparison names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    /// The file it came from.
    pub file: String,
    /// A questionnaire or a saved assessment.
    pub kind: BaselineKind,
    /// The rubric it was scored with.
    pub rubric: RubricVersion,
    /// The organisation's name then.
    pub organization: Option<String>,
    /// When its answers were collected.
    pub assessed_on: Option<String>,
    /// Its overall score and band.
    pub overall: Scored,
}

/// A rubric id and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RubricVersion {
    /// Rubric id.
    pub id: String,
    /// Rubric version.
    pub version: String,
}

/// A before/after comparison: the JSON's `baseline` and `changes`.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let last_year = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 0.78\n";
/// let now = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 1.0\n";
/// let (rubric, q) = catalog.load_questionnaire("2026.yaml", now, None).unwrap();
/// let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// let baseline = assess::Source::Text(last_year.into());
/// let c = assess::compare(&catalog, "2025.yaml", &baseline, None, &rubric, &a).unwrap();
/// assert_eq!(c.baseline.file, "2025.yaml");
/// assert_eq!(c.changes.patterns_cleared[0].id, "pay-skew");
/// assert_eq!(c.changes.answers_changed[0].criterion, "staff-to-manager-pay");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// What the new assessment is compared with.
    pub baseline: Baseline,
    /// What changed.
    pub changes: Changes,
}

/// Everything that changed, from the baseline to now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// The overall score and band.
    pub overall: ScoreChange,
    /// Each commitment of the new rubric (and any the old one had that the new one lacks).
    pub commitments: Vec<ScoreChange>,
    /// Failure patterns triggered now that were not before.
    pub patterns_triggered: Vec<PatternChange>,
    /// Failure patterns triggered before that are not now.
    pub patterns_cleared: Vec<PatternChange>,
    /// Answers whose value or state changed.
    pub answers_changed: Vec<AnswerChange>,
    /// Perception gaps present now and not before.
    pub gaps_opened: Vec<GapSeen>,
    /// Perception gaps present before and not now.
    pub gaps_closed: Vec<GapSeen>,
    /// Whether the rubric changed, and how much of the change it explains.
    pub rubric: RubricChange,
}

/// A score before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// `overall`, or the commitment id.
    pub id: String,
    /// The commitment title (or `Overall`).
    pub title: String,
    /// Score and band before; `None` when the old rubric did not have it.
    pub before: Option<Scored>,
    /// Score and band now; `None` when the new rubric does not have it.
    pub after: Option<Scored>,
    /// After − before, when both are scored.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub change: Option<Decimal>,
    /// Whether the band is different now.
    pub band_crossed: bool,
}

/// A failure pattern whose status changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatternChange {
    /// Pattern id.
    pub id: String,
    /// Pattern title.
    pub title: String,
    /// Status before (`none` when the old rubric lacked it).
    pub before: String,
    /// Status now (`none` when the new rubric lacks it).
    pub after: String,
}

/// An answer that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerChange {
    /// Criterion id.
    pub criterion: String,
    /// The question.
    pub prompt: String,
    /// State before (`not-asked` when the old rubric did not ask it).
    pub state_before: String,
    /// Answer before.
    pub before: Value,
    /// State now (`not-asked` when the new rubric does not ask it).
    pub state_after: String,
    /// Answer now.
    pub after: Value,
}

/// The rubric's part in the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricChange {
    /// Rubric id and version of the baseline.
    pub before: RubricVersion,
    /// Rubric id and version now.
    pub after: RubricVersion,
    /// Whether they differ.
    pub changed: bool,
    /// The change split into organisation and rubric, when it can be made.
    pub split: Option<Split>,
    /// Why the split could not be made, or what it rests on.
    pub note: String,
}

/// A change split into what the organisation did and what the new rubric does differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    /// The overall change.
    pub overall: SplitLine,
    /// Each commitment present in both rubrics.
    pub commitments: Vec<SplitLine>,
}

/// One line of a [`Split`]: `organisation + rubric = total`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SplitLine {
    /// `overall` or the commitment id.
    pub id: String,
    /// New score − the old answers re-scored under the new rubric.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub organisation: Option<Decimal>,
    /// The old answers under the new rubric − under the old rubric.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub rubric: Option<Decimal>,
    /// The whole change.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub total: Option<Decimal>,
}

/// The baseline's answers re-scored under the new rubric, or why that could not be done.
#[derive(Debug, Clone)]
pub enum Rescored {
    /// Done.
    Done(Box<Snapshot>),
    /// Not possible, and why (said to the reader as is).
    Impossible(String),
}

fn delta(after: Option<Decimal>, before: Option<Decimal>) -> Option<Decimal> {
    Some(after? - before?)
}

impl Comparison {
    /// Compares `current` with `baseline`. `rescored` is the baseline's answers under the
    /// current rubric; it is only needed, and only read, when the rubric versions differ.
    pub fn new(
        file: &str,
        kind: BaselineKind,
        baseline: &Snapshot,
        current: &Snapshot,
        rescored: Option<Rescored>,
    ) -> Comparison {
        let before_rubric = RubricVersion {
            id: baseline.rubric_id.clone(),
            version: baseline.rubric_version.clone(),
        };
        let after_rubric = RubricVersion {
            id: current.rubric_id.clone(),
            version: current.rubric_version.clone(),
        };
        let (overall, commitments) = score_changes(baseline, current);
        let (patterns_triggered, patterns_cleared) = pattern_changes(baseline, current);
        let (gaps_opened, gaps_closed) = gap_changes(baseline, current);
        let changed = before_rubric != after_rubric;
        let (split, note) = if changed {
            rubric_split(baseline, current, &before_rubric, &after_rubric, rescored)
        } else {
            same_rubric_split(&overall, &commitments, &after_rubric)
        };
        Comparison {
            baseline: Baseline {
                file: file.to_string(),
                kind,
                rubric: before_rubric.clone(),
                organization: baseline.organization.clone(),
                assessed_on: baseline.assessed_on.clone(),
                overall: baseline.overall.clone(),
            },
            changes: Changes {
                overall,
                commitments,
                patterns_triggered,
                patterns_cleared,
                answers_changed: answer_changes(baseline, current),
                gaps_opened,
                gaps_closed,
                rubric: RubricChange {
                    before: before_rubric,
                    after: after_rubric,
                    changed,
                    split,
                    note,
                },
            },
        }
    }
}

/// The overall change, and each commitment's: those of the new rubric first, then any the old
/// rubric had that the new one lacks.
fn score_changes(baseline: &Snapshot, current: &Snapshot) -> (ScoreChange, Vec<ScoreChange>) {
    let overall = ScoreChange {
        id: "overall".into(),
        title: "Overall".into(),
        change: delta(current.overall.score, baseline.overall.score),
        band_crossed: baseline.overall.band != current.overall.band,
        before: Some(baseline.overall.clone()),
        after: Some(current.overall.clone()),
    };
    let mut commitments: Vec<ScoreChange> = current
        .commitments
        .iter()
        .map(|(id, title, now)| {
            let then = baseline
                .commitments
                .iter()
                .find(|(i, _, _)| i == id)
                .map(|(_, _, s)| s.clone());
            ScoreChange {
                id: id.clone(),
                title: title.clone(),
                change: delta(now.score, then.as_ref().and_then(|t| t.score)),
                band_crossed: then.as_ref().is_some_and(|t| t.band != now.band),
                before: then,
                after: Some(now.clone()),
            }
        })
        .collect();
    for (id, title, then) in &baseline.commitments {
        if !current.commitments.iter().any(|(i, _, _)| i == id) {
            commitments.push(ScoreChange {
                id: id.clone(),
                title: title.clone(),
                before: Some(then.clone()),
                after: None,
                change: None,
                band_crossed: false,
            });
        }
    }
    (overall, commitments)
}

/// The failure patterns triggered now and not before, and those triggered before and not now.
fn pattern_changes(
    baseline: &Snapshot,
    current: &Snapshot,
) -> (Vec<PatternChange>, Vec<PatternChange>) {
    let status_in = |s: &Snapshot, id: &str| {
        s.patterns
            .iter()
            .find(|(i, _, _)| i == id)
            .map_or_else(|| "none".to_string(), |(_, _, st)| st.clone())
    };
    let mut patterns_triggered = Vec::new();
    let mut patterns_cleared = Vec::new();
    for (id, title, now) in &current.patterns {
        let then = status_in(baseline, id);
        if now == "triggered" && then != "triggered" {
            patterns_triggered.push(PatternChange {
                id: id.clone(),
                title: title.clone(),
                before: then.clone(),
                after: now.clone(),
            });
        }
    }
    for (id, title, then) in &baseline.patterns {
        let now = status_in(current, id);
        if then == "triggered" && now != "triggered" {
            patterns_cleared.push(PatternChange {
                id: id.clone(),
                title: title.clone(),
                before: then.clone(),
                after: now,
            });
        }
    }
    (patterns_triggered, patterns_cleared)
}

/// The answers whose value or state changed: the new rubric's questions first, then those
/// only the old one asked.
fn answer_changes(baseline: &Snapshot, current: &Snapshot) -> Vec<AnswerChange> {
    let not_asked = AnswerSeen {
        prompt: String::new(),
        state: "not-asked".into(),
        answer: Value::Null,
    };
    let mut answers_changed = Vec::new();
    let ids = current.answers.keys().chain(
        baseline
            .answers
            .keys()
            .filter(|k| !current.answers.contains_key(*k)),
    );
    for id in ids {
        let then = baseline.answers.get(id).unwrap_or(&not_asked);
        let now = current.answers.get(id).unwrap_or(&not_asked);
        if then.state != now.state || !same_answer(&then.answer, &now.answer) {
            answers_changed.push(AnswerChange {
                criterion: id.clone(),
                prompt: if now.prompt.is_empty() {
                    then.prompt.clone()
                } else {
                    now.prompt.clone()
                },
                state_before: then.state.clone(),
                before: then.answer.clone(),
                state_after: now.state.clone(),
                after: now.answer.clone(),
            });
        }
    }
    answers_changed
}

/// The perception gaps present now and not before, and those present before and not now (a
/// gap is the same whichever group is higher).
fn gap_changes(baseline: &Snapshot, current: &Snapshot) -> (Vec<GapSeen>, Vec<GapSeen>) {
    let same_gap = |a: &GapSeen, b: &GapSeen| {
        a.criterion == b.criterion
            && ((a.higher == b.higher && a.lower == b.lower)
                || (a.higher == b.lower && a.lower == b.higher))
    };
    let gaps_opened = current
        .gaps
        .iter()
        .filter(|g| !baseline.gaps.iter().any(|b| same_gap(g, b)))
        .cloned()
        .collect();
    let gaps_closed = baseline
        .gaps
        .iter()
        .filter(|g| !current.gaps.iter().any(|c| same_gap(g, c)))
        .cloned()
        .collect();
    (gaps_opened, gaps_closed)
}

/// Under one rubric the whole change is the organisation's.
fn same_rubric_split(
    overall: &ScoreChange,
    commitments: &[ScoreChange],
    rubric: &RubricVersion,
) -> (Option<Split>, String) {
    let lines = |c: &ScoreChange| SplitLine {
        id: c.id.clone(),
        organisation: c.change,
        rubric: c.change.map(|_| Decimal::ZERO),
        total: c.change,
    };
    let split = Split {
        overall: lines(overall),
        commitments: commitments
            .iter()
            .filter(|c| c.before.is_some() && c.after.is_some())
            .map(lines)
            .collect(),
    };
    let note = format!(
        "Both assessments use {} {}: the whole change comes from the organisation's answers.",
        rubric.id, rubric.version
    );
    (Some(split), note)
}

/// Under a changed rubric, the baseline's answers re-scored under the new rubric split each
/// change in two: new score − re-scored is the organisation's part, re-scored − baseline the
/// rubric's. Without the re-scoring no split is made, and the note says why.
fn rubric_split(
    baseline: &Snapshot,
    current: &Snapshot,
    before: &RubricVersion,
    after: &RubricVersion,
    rescored: Option<Rescored>,
) -> (Option<Split>, String) {
    let cannot = |why: &str| {
        format!(
            "The rubric changed from {} {} to {} {}, and the change cannot be split into the organisation's and the rubric's part: {why}",
            before.id, before.version, after.id, after.version
        )
    };
    let old_new = match rescored {
        Some(Rescored::Done(old_new)) => old_new,
        Some(Rescored::Impossible(why)) => return (None, cannot(&why)),
        None => {
            return (None, cannot("the baseline's answers were not re-scored."));
        }
    };
    let line =
        |id: &str, then: Option<Decimal>, mid: Option<Decimal>, now: Option<Decimal>| SplitLine {
            id: id.to_string(),
            organisation: delta(now, mid),
            rubric: delta(mid, then),
            total: delta(now, then),
        };
    let score_of = |s: &Snapshot, id: &str| {
        s.commitments
            .iter()
            .find(|(i, _, _)| i == id)
            .and_then(|(_, _, sc)| sc.score)
    };
    let split = Split {
        overall: line(
            "overall",
            baseline.overall.score,
            old_new.overall.score,
            current.overall.score,
        ),
        commitments: current
            .commitments
            .iter()
            .filter(|(id, _, _)| baseline.commitments.iter().any(|(i, _, _)| i == id))
            .map(|(id, _, now)| {
                line(
                    id,
                    score_of(baseline, id),
                    score_of(&old_new, id),
                    now.score,
                )
            })
            .collect(),
    };
    let note = format!(
        "The rubric changed from {} {} to {} {}. The baseline's answers were re-scored under {} {} ({} overall): the difference from the baseline's score is the rubric's part; the rest is the organisation's.",
        before.id,
        before.version,
        after.id,
        after.version,
        after.id,
        after.version,
        old_new
            .overall
            .score
            .map_or_else(|| "no score".into(), exact::one_decimal)
    );
    (Some(split), note)
}

/// Two answers are the same when equal as JSON, numbers compared by value (`0.9` = `0.90`).
fn same_answer(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (
                x.to_string().parse::<Decimal>(),
                y.to_string().parse::<Decimal>(),
            ) {
                (Ok(x), Ok(y)) => x == y,
                _ => x == y,
            }
        }
        _ => a == b,
    }
}

/// Builds the comparison of `current` (scored with `rubric`) against a baseline file:
/// a saved JSON assessment, or a questionnaire (YAML or workbook) evaluated with `baseline_rubric` (else with
/// the rubric its `rubric:` line names). When the rubric versions differ and the baseline is a
/// questionnaire, its answers are re-scored under `rubric` to split the change.
///
/// ```
/// let catalog = assess::Catalog::builtin();
/// let now = "rubric: dual-track\nanswers:\n  staff-to-manager-pay: 1.0\n";
/// let (rubric, q) = catalog.load_questionnaire("2026.yaml", now, None).unwrap();
/// let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
/// // Last year's saved JSON works as well as last year's questionnaire.
/// let saved = assess::render(&a, assess::Format::Json, &Default::default()).unwrap();
/// let baseline = assess::Source::Text(saved);
/// let c = assess::compare(&catalog, "2025.json", &baseline, None, &rubric, &a).unwrap();
/// assert!(c.changes.answers_changed.is_empty());
/// ```
pub fn compare(
    catalog: &Catalog,
    origin: &str,
    baseline: &Source,
    baseline_rubric: Option<&Rubric>,
    rubric: &Rubric,
    current: &Assessment,
) -> Result<Comparison, Error> {
    let now = Snapshot::of(current);
    let json = baseline.text().filter(|text| {
        origin.to_ascii_lowercase().ends_with(".json")
            || text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{')
    });
    if let Some(text) = json {
        let then = Snapshot::from_json(origin, text)?;
        let rescored = Rescored::Impossible(
            "the baseline is a saved assessment (JSON), which keeps the old scores but cannot be re-scored under another rubric version; give the baseline's questionnaire instead to split the change"
                .into(),
        );
        return Ok(Comparison::new(
            origin,
            BaselineKind::SavedAssessment,
            &then,
            &now,
            Some(rescored),
        ));
    }
    let (old_rubric, old_q) = baseline
        .load(catalog, origin, baseline_rubric)
        .map_err(|d| {
            d.into_iter()
                .map(|mut d| {
                    if d.code == Code::RubricVersionMismatch {
                        d.hint = Some(format!(
                            "{} To compare across rubric versions, name the baseline's rubric file with `--baseline-rubric PATH`.",
                            d.hint.unwrap_or_default()
                        ));
                    }
                    d
                })
                .fold(Diagnostics::new(), |mut all, d| {
                    all.push(d);
                    all
                })
        })?;
    let then = Snapshot::of(
        &crate::evaluate(&old_rubric, &old_q, &catalog.articles)
            .map_err(crate::Error::into_diagnostics)?,
    );
    let rescored = if old_rubric.id != rubric.id {
        Rescored::Impossible(format!(
            "the baseline answers rubric `{}` and this assessment rubric `{}`; a split needs two versions of one rubric",
            old_rubric.id, rubric.id
        ))
    } else if old_rubric.version == rubric.version {
        Rescored::Done(Box::new(then.clone()))
    } else {
        match baseline
            .draft(origin)
            .and_then(|draft| draft.validate_ignoring_version(rubric))
        {
            Ok(q) => Rescored::Done(Box::new(Snapshot::of(
                &crate::evaluate(rubric, &q, &catalog.articles)
                    .map_err(crate::Error::into_diagnostics)?,
            ))),
            Err(d) => Rescored::Impossible(format!(
                "{} of the baseline's answers {} not fit {} {} (first: {}: {})",
                d.len(),
                if d.len() == 1 { "does" } else { "do" },
                rubric.id,
                rubric.version,
                d.iter()
                    .next()
                    .map(|x| x.location.to_string())
                    .unwrap_or_default(),
                d.iter()
                    .next()
                    .map(|x| x.message.clone())
                    .unwrap_or_default()
            )),
        }
    };
    Ok(Comparison::new(
        origin,
        BaselineKind::Questionnaire,
        &then,
        &now,
        Some(rescored),
    ))
}
