//! Property tests: random questionnaires for the built-in rubric, and random or mutated text fed
//! to the parsers. Case counts are kept modest so the file runs in seconds in debug mode.

use std::fmt::Write as _;
use std::sync::LazyLock;

use crate::common::proptest_config as config;
use assess::{AnswerSpec, CriterionResult, Unit};
use assess::{Assessment, Catalog, Format, Questionnaire, RenderOptions, Rubric};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);
static DUAL: LazyLock<Rubric> = LazyLock::new(|| {
    CATALOG
        .get("dual-track")
        .expect("built-in dual-track")
        .clone()
});

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

// ------------------------------------------------------------------------------------------
// Random questionnaires for the built-in rubric
// ------------------------------------------------------------------------------------------

/// What one criterion gets in a generated questionnaire.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pick {
    Absent,
    Unknown,
    NotApplicable,
    /// A valid value, derived from the seed and the criterion's answer type.
    Value(u32),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        1 => Just(Pick::Absent),
        1 => Just(Pick::Unknown),
        1 => Just(Pick::NotApplicable),
        5 => any::<u32>().prop_map(Pick::Value),
    ]
}

/// A valid answer for `spec`, as questionnaire text.
fn value_text(spec: &AnswerSpec, seed: u32) -> String {
    match spec {
        AnswerSpec::Likert { scale, labels, .. } => {
            let scale = u32::from(*scale);
            match seed % 3 {
                // A whole point.
                0 => (1 + (seed / 3) % scale).to_string(),
                // A label names its point.
                1 => labels[((seed / 3) % scale) as usize].clone(),
                // A decimal (a mean) anywhere on the scale, two decimals.
                _ => {
                    let hundredths = (seed / 3) % ((scale - 1) * 100 + 1);
                    (Decimal::ONE + Decimal::from(hundredths) / hundred())
                        .normalize()
                        .to_string()
                }
            }
        }
        AnswerSpec::YesNo { .. } => if seed.is_multiple_of(2) { "yes" } else { "no" }.into(),
        AnswerSpec::Number { unit, min, max, .. } => {
            let lo = min.unwrap_or(Decimal::ZERO);
            let hi = max
                .unwrap_or(lo + Decimal::from(1000))
                .min(lo + Decimal::from(10_000));
            if *unit == Unit::Count {
                let span = (hi - lo).to_u32().unwrap_or(0) + 1;
                (lo + Decimal::from(seed % span)).normalize().to_string()
            } else {
                let span = ((hi - lo) * hundred()).to_u32().unwrap_or(0) + 1;
                (lo + Decimal::from(seed % span) / hundred())
                    .normalize()
                    .to_string()
            }
        }
        AnswerSpec::Choice { options } => options[seed as usize % options.len()].id.clone(),
        other => panic!("no sample for the answer type {other:?}"),
    }
}

/// A respondent group: its size and one seed per opinion item.
type Group = (u32, Vec<u32>);

fn groups() -> impl Strategy<Value = Vec<Group>> {
    prop::collection::vec((1u32..12, prop::collection::vec(any::<u32>(), 6)), 0..4)
}

/// The questionnaire text for `picks` (one per criterion, in rubric order) and `groups`.
/// Groups only answer opinion items that `answers:` leaves absent.
fn questionnaire_text(picks: &[Pick], groups: &[Group]) -> String {
    let mut text = String::from("rubric: dual-track\nanswers:\n");
    let mut absent_opinions = Vec::new();
    for ((_, k), p) in DUAL.criteria().zip(picks) {
        match p {
            Pick::Absent => {
                if k.opinion {
                    absent_opinions.push(k);
                }
            }
            Pick::Unknown => writeln!(text, "  {}: unknown", k.id).unwrap(),
            Pick::NotApplicable => writeln!(text, "  {}: n/a", k.id).unwrap(),
            Pick::Value(seed) => {
                writeln!(text, "  {}: {}", k.id, value_text(&k.answer, *seed)).unwrap()
            }
        }
    }
    let mut block = String::new();
    for (i, (count, seeds)) in groups.iter().enumerate() {
        let mut answers = Vec::new();
        for (k, seed) in absent_opinions.iter().zip(seeds) {
            let AnswerSpec::Likert { scale, .. } = k.answer else {
                continue;
            };
            let scale = u32::from(scale);
            match seed % 3 {
                0 => continue,
                1 => {
                    let hundredths = (seed / 3) % ((scale - 1) * 100 + 1);
                    let mean = Decimal::ONE + Decimal::from(hundredths) / hundred();
                    answers.push(format!("{}: {}", k.id, mean.normalize()));
                }
                _ => {
                    let p1 = (seed / 3) % scale + 1;
                    let p2 = (seed / 7) % scale + 1;
                    let dist = if p1 == p2 {
                        format!("{{{p1}: {count}}}")
                    } else {
                        let n1 = count / 2;
                        format!("{{{p1}: {n1}, {p2}: {}}}", count - n1)
                    };
                    answers.push(format!("{}: {dist}", k.id));
                }
            }
        }
        if !answers.is_empty() {
            writeln!(
                block,
                "  - {{group: g{i}, count: {count}, answers: {{{}}}}}",
                answers.join(", ")
            )
            .unwrap();
        }
    }
    if !block.is_empty() {
        text.push_str("respondents:\n");
        text.push_str(&block);
    }
    text
}

fn n_criteria() -> usize {
    DUAL.criteria().count()
}

fn picks() -> impl Strategy<Value = Vec<Pick>> {
    prop::collection::vec(pick(), n_criteria())
}

fn load(text: &str) -> Result<(std::borrow::Cow<'static, Rubric>, Questionnaire), String> {
    CATALOG
        .load_questionnaire("random.yaml", text, None)
        .map_err(|d| format!("{d}\n---\n{text}"))
}

fn evaluate(text: &str) -> Assessment {
    let (rubric, q) = load(text).unwrap_or_else(|e| panic!("a valid questionnaire: {e}"));
    assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap()
}

fn json(a: &Assessment) -> String {
    assess::render(a, Format::Json, &RenderOptions::default()).expect("json renders")
}

fn criterion<'a>(a: &'a Assessment, id: &str) -> &'a CriterionResult {
    a.commitments
        .iter()
        .flat_map(|c| &c.criteria)
        .find(|k| k.id == id)
        .expect("criterion")
}

fn in_0_100(x: impl Into<Decimal>) -> bool {
    (Decimal::ZERO..=hundred()).contains(&x.into())
}

/// Criteria that some `applies_when` reads: making one of them unknown can bring a dependent
/// question back into play (see `unknown_context_fact_readmits_its_dependent_question`).
fn gating_criteria() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = DUAL
        .criteria()
        .filter_map(|(_, k)| k.applies_when.as_ref())
        .flat_map(|c| c.tests())
        .map(|t| t.criterion.as_str())
        .collect();
    // The size that decides the stages gates the same way.
    ids.extend(DUAL.stages().iter().map(|s| s.size.as_str()));
    ids
}

proptest! {
    #![proptest_config(config(128))]

    /// Any valid questionnaire loads, evaluates without panicking, stays in range, is
    /// deterministic, and renders in every format.
    #[test]
    fn evaluation_invariants(picks in picks(), groups in groups()) {
        let text = questionnaire_text(&picks, &groups);
        let (rubric, q) = load(&text).map_err(TestCaseError::fail)?;
        let a = assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap();

        match (a.overall.score, a.overall.uncapped_score) {
            (Some(s), Some(u)) => {
                prop_assert!(in_0_100(s), "overall {s}");
                prop_assert!(in_0_100(u), "uncapped {u}");
                prop_assert!(s <= u, "capped {s} above uncapped {u}");
            }
            (None, None) => prop_assert_eq!(&a.overall.band, "insufficient-evidence"),
            other => prop_assert!(false, "score and uncapped disagree: {:?}", other),
        }
        prop_assert!(in_0_100(a.overall.coverage), "overall coverage {}", a.overall.coverage);
        for c in &a.commitments {
            prop_assert!(in_0_100(c.coverage), "{} coverage {}", c.id, c.coverage);
            if let Some(s) = c.score {
                prop_assert!(in_0_100(s), "{} score {s}", c.id);
            }
            prop_assert_eq!(c.counted, c.band != "insufficient-evidence" && c.band != "not-yet");
            for k in &c.criteria {
                if let Some(s) = k.score {
                    prop_assert!(in_0_100(s), "{} score {s}", k.id);
                }
                prop_assert!(!(k.context && k.score.is_some()), "{} context scored", k.id);
                for g in &k.groups {
                    prop_assert!(g.count >= rubric.min_group_size(), "{} shows a small group", k.id);
                    prop_assert!(g.mean >= Decimal::ONE && g.mean <= Decimal::from(5));
                    if let Some(f) = g.favourable {
                        prop_assert!(in_0_100(f));
                    }
                }
            }
        }
        for r in &a.recommendations {
            if let Some(g) = r.gain {
                prop_assert!(g.value() >= -hundred() && g.value() <= hundred(), "{} gain {}", r.id, g);
            }
            prop_assert_eq!(r.gain.is_some(), a.overall.score.is_some());
        }
        for g in &a.perception_gaps {
            prop_assert!(g.gap >= rubric.gap_notable());
            prop_assert!(g.higher.mean >= g.lower.mean);
        }

        // Deterministic: the same input gives the same assessment and the same JSON, whether
        // evaluated again or loaded again from the text.
        let again = assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap();
        prop_assert_eq!(&a, &again);
        let first = json(&a);
        prop_assert_eq!(&first, &json(&again));
        prop_assert_eq!(&first, &json(&evaluate(&text)));

        for format in [Format::Text, Format::Markdown, Format::Html] {
            let out = assess::render(&a, format, &RenderOptions::default());
            prop_assert!(out.is_ok(), "{:?}: {}", format, out.unwrap_err());
        }
    }

    /// Every recommendation's gain is exactly the change in the overall when the questionnaire
    /// is re-scored from scratch with that action done (its criteria at their best answers,
    /// out of every respondent group), caps, patterns and coverage included.
    #[test]
    fn gains_equal_rescoring(picks in picks(), groups in groups()) {
        let text = questionnaire_text(&picks, &groups);
        let (rubric, q) = load(&text).map_err(TestCaseError::fail)?;
        let a = assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap();
        for r in &a.recommendations {
            let mut q2 = q.clone();
            for id in &r.criteria {
                let k = rubric.criterion(id).unwrap();
                let best = assess::best_answer(&rubric, &q, k).unwrap();
                q2 = q2.with_answer(&rubric, id, best).unwrap();
            }
            let after = assess::evaluate(&rubric, &q2, &CATALOG.articles).unwrap();
            let real = match (a.overall.score, after.overall.score) {
                (Some(x), Some(y)) => Some(y - x),
                _ => None,
            };
            prop_assert_eq!(r.gain, real, "{}", r.id);
        }
        if a.plan.reachable && !a.plan.actions.is_empty() {
            prop_assert!(a.plan.score_after.is_some());
        }
    }

    /// Turning one scored answer into `unknown` never raises any coverage figure.
    #[test]
    fn unknown_never_increases_coverage(picks in picks(), which in any::<prop::sample::Index>()) {
        let gating = gating_criteria();
        let ids: Vec<&str> = DUAL.criteria().map(|(_, k)| k.id.as_str()).collect();
        let candidates: Vec<usize> = picks
            .iter()
            .enumerate()
            .filter(|(i, p)| matches!(p, Pick::Value(_)) && !gating.contains(&ids[*i]))
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!candidates.is_empty());
        let i = candidates[which.index(candidates.len())];
        let mut changed = picks.clone();
        changed[i] = Pick::Unknown;
        let before = evaluate(&questionnaire_text(&picks, &[]));
        let after = evaluate(&questionnaire_text(&changed, &[]));
        prop_assert!(
            after.overall.coverage <= before.overall.coverage,
            "{}: overall coverage {} -> {}", ids[i], before.overall.coverage, after.overall.coverage
        );
        for (b, a) in before.commitments.iter().zip(&after.commitments) {
            prop_assert!(a.coverage <= b.coverage, "{} via {}: {} -> {}", b.id, ids[i], b.coverage, a.coverage);
        }
    }

    /// Raising a non-reversed likert answer never lowers that criterion's score, its
    /// commitment's score or the overall; raising the reversed one never raises its score.
    #[test]
    fn likert_monotonicity(
        picks in picks(),
        which in any::<prop::sample::Index>(),
        a in 100u32..=500,
        b in 100u32..=500,
    ) {
        let likerts: Vec<(usize, bool)> = DUAL
            .criteria()
            .enumerate()
            .filter_map(|(i, (_, k))| match k.answer {
                AnswerSpec::Likert { reverse, .. } => Some((i, reverse)),
                _ => None,
            })
            .collect();
        let (i, reverse) = likerts[which.index(likerts.len())];
        let (lo, hi) = (a.min(b), a.max(b));
        let id = DUAL.criteria().nth(i).unwrap().1.id.clone();
        let with = |hundredths: u32| {
            let mut text = questionnaire_text(&picks, &[]);
            // Drop any answer to the chosen item, then answer it with the chosen value.
            text = text
                .lines()
                .filter(|l| !l.starts_with(&format!("  {id}:")))
                .map(|l| format!("{l}\n"))
                .collect();
            let v = (Decimal::from(hundredths) / hundred()).normalize();
            text.push_str(&format!("  {id}: {v}\n"));
            evaluate(&text)
        };
        let (low, high) = (with(lo), with(hi));
        // Not scored when the organisation is too small for the item (a stage): nothing to compare.
        let (Some(s_lo), Some(s_hi)) = (criterion(&low, &id).score, criterion(&high, &id).score) else {
            return Ok(());
        };
        if reverse {
            prop_assert!(s_hi <= s_lo, "{id}: {lo} -> {s_lo}, {hi} -> {s_hi}");
        } else {
            prop_assert!(s_hi >= s_lo, "{id}: {lo} -> {s_lo}, {hi} -> {s_hi}");
            let commitment = |x: &Assessment| {
                x.commitments.iter().find(|c| c.criteria.iter().any(|k| k.id == id)).unwrap().score
            };
            prop_assert!(commitment(&high) >= commitment(&low));
            prop_assert!(high.overall.uncapped_score >= low.overall.uncapped_score);
            prop_assert!(high.overall.score >= low.overall.score);
        }
    }
}

/// The exception to `unknown_never_increases_coverage`, by design: when the fact an
/// `applies_when` reads becomes unknown, the dependent question can no longer be ruled out, so
/// it counts again and, if it was answered, coverage goes up.
#[test]
fn unknown_context_fact_readmits_its_dependent_question() {
    let base =
        "rubric: dual-track\nanswers:\n  em-to-ic-moves: 2\n  career-conversations: quarterly\n";
    // 10 managers < 20: em-to-ic-moves does not apply. Applicable in track-choice: 2 + 2 + 1 +
    // 1 + 1 + 2 + 1 + 1 + 1 + 1 = 13 without it; scored 2 -> 15.4%.
    let ruled_out = evaluate(&format!("{base}  people-managers: 10\n"));
    // people-managers unknown: em-to-ic-moves (1) applies again, but it is scored per people
    // manager, so it cannot be scored yet: 2 / 14 = 14.3%.
    let readmitted = evaluate(&format!("{base}  people-managers: unknown\n"));
    let coverage = |a: &Assessment| {
        a.commitments[2]
            .coverage
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    assert_eq!(coverage(&ruled_out), "15.4".parse::<Decimal>().unwrap());
    assert_eq!(coverage(&readmitted), "14.3".parse::<Decimal>().unwrap());
    let moves = |a: &Assessment| {
        a.commitments[2]
            .criteria
            .iter()
            .find(|k| k.id == "em-to-ic-moves")
            .unwrap()
            .state
    };
    assert_eq!(moves(&ruled_out), assess::State::NotApplicable);
    assert_eq!(moves(&readmitted), assess::State::Scored);
    // The size that decides the stages readmits in the same way: with `engineers` unknown,
    // every staged question counts again.
    let staged = "rubric: dual-track\nanswers:\n  ic-ladder-top: principal\n  switch-raise: no\n";
    let small = evaluate(&format!("{staged}  engineers: 20\n"));
    let unknown = evaluate(&format!("{staged}  engineers: unknown\n"));
    let top = |a: &Assessment| a.commitments[0].criteria[1].state;
    assert_eq!(top(&small), assess::State::NotYet);
    assert_eq!(top(&unknown), assess::State::Scored);
}

// ------------------------------------------------------------------------------------------
// Parser robustness: nothing a user can type makes the loaders panic
// ------------------------------------------------------------------------------------------

const EXAMPLES: &[&str] = &[
    include_str!("../../examples/balanced-saas.yaml"),
    include_str!("../../examples/blind-spot.yaml"),
    include_str!("../../examples/half-answered.yaml"),
    include_str!("../../examples/pay-cliff.yaml"),
    include_str!("../fixtures/all-best.yaml"),
];

const DUAL_TRACK: &str = include_str!("../../rubrics/dual-track.yaml");

/// A small but complete rubric, mutated as well (the built-in one is large).
const SMALL_RUBRIC: &str = r#"id: small
version: "1.0.0"
title: Small
dimension: testing
weak_below: 60
min_coverage: 50
min_group_size: 3
gap_notable: 0.5
gap_severe: 1
bands:
  - id: critical
    from: 0
  - id: strong
    from: 80
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - id: size
        prompt: P
        weight: 0
        answer:
          type: number
          unit: count
          min: 0
          max: 100
          points: [[0, 1], [1, 1]]
      - id: a
        prompt: P
        weight: 2
        opinion: true
        effort: low
        answer:
          type: likert
          scale: 3
          labels: [x, y, z]
          reverse: true
      - id: b
        prompt: P
        weight: 1
        article: dual-tracks#common-failure-patterns
        applies_when:
          criterion: size
          at_least: 5
        answer:
          type: number
          unit: ratio
          points:
            - [0.8, 0]
            - [1, 1]
  - id: two
    title: Two
    weight: 2
    article: dual-tracks
    criteria:
      - id: c
        prompt: P
        weight: 1
        effort: high
        answer:
          type: choice
          options:
            - id: p
              label: P
              score: 0
            - id: q
              label: Q
              score: 1
      - id: e
        prompt: P
        weight: 1
        answer:
          type: yes_no
          healthy: no
failure_patterns:
  - id: pat
    title: Pat
    severity: high
    article: dual-tracks#common-failure-patterns
    caps: critical
    when:
      any:
        - criterion: a
          gap_at_least: 1
        - not:
            criterion: c
            equals: q
        - all:
            - criterion: b
              below: 0.9
            - criterion: size
              at_least: 5
            - criterion: e
              score_below: 50
"#;

/// Characters and fragments that break YAML in interesting ways. No digits: long digit runs
/// would hit the known overflow bugs below instead of exercising the parser.
const TOKENS: &[&str] = &[
    ":", "-", "- ", "\t", "\"", "'", "{", "}", "[", "]", ",", "&a ", "*a", "&a", "*b", "!",
    "!!str ", "|", ">", "#", "%", "@", "`", "?", "\n", "\n  ", "  ", " ", "\r\n", "\u{feff}",
    "\u{0}", "é", "~", "null", "unknown", "n/a", "<<: *a", "---\n", "...\n",
];

/// Values that are valid somewhere and wrong elsewhere, swapped in for a line's value.
const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "0.5",
    "3",
    "5",
    "100",
    "1e3",
    "yes",
    "no",
    "unknown",
    "n/a",
    "",
    "~",
    "[]",
    "{}",
    "principal",
    "manager-higher",
    "quarterly",
    "critical",
    "strong",
    "developing",
    "x",
    "\"5\"",
    "2.0",
    "1.0",
    "{1: 2, 2: 3}",
    "[[0, 0], [1, 1]]",
    "{criterion: engineers, at_least: 50}",
];

/// One edit: character-level (insert a token, delete a run, replace a character) or
/// line-level (delete, duplicate or swap lines, or swap a line's value for another).
#[derive(Debug, Clone)]
enum Edit {
    Insert(prop::sample::Index, usize),
    Delete(prop::sample::Index, usize),
    Replace(prop::sample::Index, usize),
    DeleteLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    ReplaceValue(prop::sample::Index, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    use prop::sample::Index;
    let edit = prop_oneof![
        1 => any::<(Index, usize)>().prop_map(|(i, t)| Edit::Insert(i, t)),
        1 => (any::<Index>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<(Index, usize)>().prop_map(|(i, t)| Edit::Replace(i, t)),
        1 => any::<Index>().prop_map(Edit::DeleteLine),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => any::<(Index, Index)>().prop_map(|(i, j)| Edit::SwapLines(i, j)),
        3 => any::<(Index, usize)>().prop_map(|(i, v)| Edit::ReplaceValue(i, v)),
    ];
    prop::collection::vec(edit, 1..4)
}

fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for e in edits {
        let mut chars: Vec<char> = text.chars().collect();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let at = |i: &prop::sample::Index, len: usize| i.index(len + 1).min(len);
        let token = |t: usize| TOKENS[t % TOKENS.len()].chars().collect::<Vec<char>>();
        let by_lines = match e {
            Edit::Insert(i, t) => {
                let pos = at(i, chars.len());
                chars.splice(pos..pos, token(*t));
                false
            }
            Edit::Delete(i, n) => {
                let pos = at(i, chars.len());
                let end = (pos + n).min(chars.len());
                chars.drain(pos..end);
                false
            }
            Edit::Replace(i, t) => {
                if !chars.is_empty() {
                    let pos = i.index(chars.len());
                    chars.splice(pos..pos + 1, token(*t));
                }
                false
            }
            Edit::DeleteLine(i) => {
                if !lines.is_empty() {
                    lines.remove(i.index(lines.len()));
                }
                true
            }
            Edit::DuplicateLine(i) => {
                if !lines.is_empty() {
                    let n = i.index(lines.len());
                    lines.insert(n, lines[n].clone());
                }
                true
            }
            Edit::SwapLines(i, j) => {
                if !lines.is_empty() {
                    let (a, b) = (i.index(lines.len()), j.index(lines.len()));
                    lines.swap(a, b);
                }
                true
            }
            Edit::ReplaceValue(i, v) => {
                if !lines.is_empty() {
                    let n = i.index(lines.len());
                    if let Some(colon) = lines[n].find(": ") {
                        let value = VALUES[v % VALUES.len()];
                        lines[n] = format!("{}: {value}", &lines[n][..colon]);
                    }
                }
                true
            }
        };
        text = if by_lines {
            lines.iter().map(|l| format!("{l}\n")).collect()
        } else {
            chars.into_iter().collect()
        };
    }
    text
}

/// Feeds `text` to every loader; whatever loads must also evaluate and render.
fn load_everything(text: &str) {
    for rubric in [None, Some(&*DUAL)] {
        if let Ok((rubric, q)) = CATALOG.load_questionnaire("fuzz.yaml", text, rubric) {
            let a = assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap();
            for format in [Format::Json, Format::Text] {
                assess::render(&a, format, &RenderOptions::default()).expect("renders");
            }
        }
    }
    if let Ok(rubric) = CATALOG.rubric_from_yaml("fuzz-rubric.yaml", text) {
        exercise_rubric(&rubric);
    }
}

/// A rubric that passed its checks must evaluate any questionnaire it accepts.
fn exercise_rubric(rubric: &Rubric) {
    // An empty questionnaire.
    let empty = format!("rubric: {}\n", rubric.id());
    if let Ok((r, q)) = CATALOG.load_questionnaire("empty.yaml", &empty, Some(rubric)) {
        let a = assess::evaluate(&r, &q, &CATALOG.articles).unwrap();
        assess::render(&a, Format::Json, &RenderOptions::default()).expect("renders");
    }
    // The examples' answers, validated against this rubric (no `rubric:` line, so the given
    // rubric is used whatever its id).
    for example in EXAMPLES.iter().chain([&SMALL_ANSWERS]) {
        let text: String = example
            .lines()
            .filter(|l| !l.starts_with("rubric:"))
            .map(|l| format!("{l}\n"))
            .collect();
        if let Ok((r, q)) = CATALOG.load_questionnaire("example.yaml", &text, Some(rubric)) {
            let a = assess::evaluate(&r, &q, &CATALOG.articles).unwrap();
            for format in [Format::Json, Format::Text] {
                assess::render(&a, format, &RenderOptions::default()).expect("renders");
            }
        }
    }
}

const SMALL_ANSWERS: &str = r#"rubric: small
answers:
  size: 10
  b: {value: 0.85, evidence: "HRIS"}
  c: p
  e: unknown
respondents:
  - group: one
    count: 5
    answers:
      a: {1: 2, 3: 3}
  - group: two
    count: 6
    answers:
      a: 1.5
  - group: three
    count: 2
    answers:
      a: 3
"#;

#[test]
fn the_mutation_bases_load() {
    for example in EXAMPLES {
        let text: String = example.to_string();
        assert!(
            CATALOG.load_questionnaire("x.yaml", &text, None).is_ok(),
            "{text}"
        );
    }
    let small = CATALOG
        .rubric_from_yaml("small.yaml", SMALL_RUBRIC)
        .unwrap_or_else(|d| panic!("{d}"));
    let (r, q) = CATALOG
        .load_questionnaire("small-answers.yaml", SMALL_ANSWERS, Some(&small))
        .unwrap_or_else(|d| panic!("{d}"));
    let a = assess::evaluate(&r, &q, &CATALOG.articles).unwrap();
    assert_eq!(
        a.failure_patterns[0].status,
        assess::PatternStatus::Triggered
    );
    exercise_rubric(&small);
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        load_everything(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_everything(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn yaml_looking_strings_never_panic(
        text in "(rubric: (dual-track|small)\n)?(answers:\n)?([ a-z:\\-\\[\\]{},'\"&*!|>#\n\t?0-9.]|unknown|n/a|yes|no){0,120}"
    ) {
        load_everything(&text);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_questionnaires_never_panic(which in 0..EXAMPLES.len(), edits in edits()) {
        load_everything(&mutate(EXAMPLES[which], &edits));
    }

    #[test]
    fn mutated_small_rubric_never_panics(edits in edits()) {
        load_everything(&mutate(SMALL_RUBRIC, &edits));
    }

    #[test]
    fn mutated_small_questionnaire_never_panics(edits in edits()) {
        let text = mutate(SMALL_ANSWERS, &edits);
        let small = CATALOG.rubric_from_yaml("small.yaml", SMALL_RUBRIC).expect("valid");
        if let Ok((r, q)) = CATALOG.load_questionnaire("fuzz.yaml", &text, Some(&small)) {
            let a = assess::evaluate(&r, &q, &CATALOG.articles).unwrap();
            assess::render(&a, Format::Text, &RenderOptions::default()).expect("renders");
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn mutated_builtin_rubric_never_panics(edits in edits()) {
        let text = mutate(DUAL_TRACK, &edits);
        if let Ok(rubric) = CATALOG.rubric_from_yaml("fuzz-rubric.yaml", &text) {
            exercise_rubric(&rubric);
        }
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for depth in [100usize, 10_000, 100_000] {
        let flow = format!(
            "rubric: dual-track\nanswers: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert!(CATALOG.load_questionnaire("q.yaml", &flow, None).is_err());
        assert!(CATALOG.rubric_from_yaml("r.yaml", &flow).is_err());
        let block = format!("{}x\n", "- ".repeat(depth));
        assert!(CATALOG.load_questionnaire("q.yaml", &block, None).is_err());
        assert!(CATALOG.rubric_from_yaml("r.yaml", &block).is_err());
    }
}

#[test]
fn alias_bombs_are_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        writeln!(
            text,
            "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]"
        )
        .unwrap();
    }
    let q = format!(
        "rubric: dual-track\norganization:\n  {}",
        text.replace('\n', "\n  ")
    );
    assert!(CATALOG.load_questionnaire("bomb.yaml", &q, None).is_err());
    assert!(CATALOG.rubric_from_yaml("bomb.yaml", &text).is_err());
}

// ------------------------------------------------------------------------------------------
// Known robustness bugs (numeric overflow). Each is ignored until fixed in src/.
// ------------------------------------------------------------------------------------------

const OVERFLOW_HEADER: &str = "id: test-rubric\nversion: \"0.1.0\"\ntitle: T\ndimension: t\nweak_below: 60\nmin_coverage: 50\nbands:\n  - {id: critical, from: 0}\n  - {id: strong, from: 80}\n";

/// Regression (fixed): src/rubric_check.rs, `Checker::run` (lines ~119-123 at the time of writing:
/// `let sum: Decimal = ... .sum()`, and `total_weight +=` just above) adds weights with
/// `Decimal`'s panicking `+`; two criterion weights of 5e28 overflow and `assess rubric check`
/// crashes instead of reporting. The same unchecked sums are in src/evaluate.rs
/// (`applicable_weight +=`, `counted_weight`, `coverage_weight`). Expected: an error
/// diagnostic (e.g. weights must be at most some bound), never a panic.
#[test]
fn huge_weights_are_rejected_not_a_crash() {
    let text = format!(
        "{OVERFLOW_HEADER}commitments:\n  - id: one\n    title: One\n    weight: 1\n    article: dual-tracks\n    criteria:\n      - {{id: a, prompt: P, weight: 50000000000000000000000000000, answer: {{type: yes_no, healthy: yes}}}}\n      - {{id: b, prompt: P, weight: 50000000000000000000000000000, answer: {{type: yes_no, healthy: yes}}}}\n"
    );
    let result = std::panic::catch_unwind(|| CATALOG.rubric_from_yaml("r.yaml", &text).is_ok());
    assert_eq!(
        result.ok(),
        Some(false),
        "a weight of 5e28 must be rejected, without a panic"
    );
}

/// Regression (fixed): src/evaluate.rs, `piecewise` (line ~291) computes `(b.x - a.x)` and `(x - a.x)` with
/// panicking `Decimal` arithmetic. The rubric checker accepts points at +-5e28 (they are
/// sorted and their scores are in 0-1), and then evaluating an answer of 0 panics with
/// "Subtraction overflowed". Expected: the checker bounds point coordinates, or the
/// interpolation uses checked arithmetic.
#[test]
fn extreme_point_coordinates_do_not_crash_evaluation() {
    let text = format!(
        "{OVERFLOW_HEADER}commitments:\n  - id: one\n    title: One\n    weight: 1\n    article: dual-tracks\n    criteria:\n      - {{id: a, prompt: P, weight: 1, answer: {{type: number, unit: count, points: [[-50000000000000000000000000000, 0], [50000000000000000000000000000, 1]]}}}}\n"
    );
    let result = std::panic::catch_unwind(|| {
        let rubric = CATALOG.rubric_from_yaml("r.yaml", &text).ok()?;
        let (rubric, q) = CATALOG
            .load_questionnaire(
                "q.yaml",
                "rubric: test-rubric\nanswers:\n  a: 0\n",
                Some(&rubric),
            )
            .ok()?;
        assess::evaluate(&rubric, &q, &CATALOG.articles)
            .unwrap()
            .overall
            .score
    });
    assert!(result.is_ok(), "evaluate panicked");
}

/// Regression (fixed): src/evaluate.rs, `raw_fact` (line ~374 at the time of writing), sums group counts as
/// `u32` (`let total: u32 = ... .sum()`); `fact.merged_responses += g.count` (~389) and the
/// `counts.small_group_respondents` sum in `evaluate` (~176) do the same. Each group may have up to
/// 1,000,000 people, so 4,300 groups (about 280 KB of YAML, well under the 8 MB input limit)
/// overflow: a panic in debug builds, and in release a silently wrapped total that yields a
/// mean far outside the scale. Expected: sum in u64/Decimal, or cap the total in validation.
#[test]
fn respondent_totals_beyond_u32_do_not_overflow() {
    let mut text = String::from("rubric: dual-track\nanswers:\n  engineers: 1000\nrespondents:\n");
    for i in 0..4300 {
        writeln!(
            text,
            "  - {{group: g{i}, count: 1000000, answers: {{ic-respect: 3}}}}"
        )
        .unwrap();
    }
    let (rubric, q) = load(&text).expect("valid");
    let result = std::panic::catch_unwind(|| {
        let a = assess::evaluate(&rubric, &q, &CATALOG.articles).unwrap();
        criterion(&a, "ic-respect").score.map(assess::Score::value)
    });
    // Every group answered 3 on the 1-5 scale: the mean is 3, the score 50.
    assert_eq!(result.ok().flatten(), Some(Decimal::from(50)));
}
