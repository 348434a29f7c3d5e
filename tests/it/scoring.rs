//! Scoring numbers worked out by hand.
//!
//! Each test builds a small inline rubric and questionnaire and checks the exact decimals the
//! evaluator produces against the contract in DESIGN.md ("Scoring (contract)", "Groups and
//! perception gaps"). The hand computation sits in a comment above each assertion so a reader
//! can redo it. Repeating decimals are compared after rounding to 4 places (`r4`).

use crate::common::HEADER;
use assess::{
    Assessment, Catalog, CommitmentResult, CriterionResult, Format, PatternResult, PatternStatus,
    Points, RenderOptions, Rubric, Score, State,
};
use rust_decimal::Decimal;

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

/// A 0-100 score from its text.
fn sc(text: &str) -> Score {
    Score::new(d(text)).unwrap()
}

fn d(text: &str) -> Decimal {
    text.parse::<Decimal>()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// `x` rounded half away from zero to 4 places.
fn r4(x: impl Into<Decimal>) -> Decimal {
    x.into()
        .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Parses and checks `HEADER` + `body` as a rubric, panicking with the diagnostics on error.
fn rubric(body: &str) -> Rubric {
    let text = format!("{HEADER}{body}");
    Catalog::builtin()
        .rubric_from_yaml("test-rubric.yaml", &text)
        .unwrap_or_else(|d| panic!("test rubric rejected:\n{d}\n---\n{text}"))
}

/// Loads `rubric: test-rubric` + `rest` against `rubric` and evaluates it.
fn assess_text(rubric: &Rubric, rest: &str) -> Assessment {
    let catalog = Catalog::builtin();
    let text = format!("rubric: test-rubric\n{rest}");
    let (rubric, q) = catalog
        .load_questionnaire("q.yaml", &text, Some(rubric))
        .unwrap_or_else(|d| panic!("questionnaire rejected:\n{d}\n---\n{text}"));
    assess::evaluate(&rubric, &q, &catalog.articles).unwrap()
}

/// Evaluates a questionnaire made of plain `id: value` answers.
fn assess_answers(rubric: &Rubric, answers: &[(&str, &str)]) -> Assessment {
    let mut rest = String::from("answers:\n");
    for (id, value) in answers {
        rest.push_str(&format!("  {id}: {value}\n"));
    }
    assess_text(rubric, &rest)
}

fn commitment<'a>(a: &'a Assessment, id: &str) -> &'a CommitmentResult {
    a.commitments
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no commitment {id}"))
}

fn criterion<'a>(a: &'a Assessment, id: &str) -> &'a CriterionResult {
    a.commitments
        .iter()
        .flat_map(|c| &c.criteria)
        .find(|k| k.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

fn pattern<'a>(a: &'a Assessment, id: &str) -> &'a PatternResult {
    a.failure_patterns
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no pattern {id}"))
}

/// A criterion's 0-100 score, which must exist.
fn score(a: &Assessment, id: &str) -> Decimal {
    criterion(a, id)
        .score
        .map(Score::value)
        .unwrap_or_else(|| panic!("criterion {id} has no score"))
}

fn commitment_score(a: &Assessment, id: &str) -> Decimal {
    commitment(a, id)
        .score
        .map(Score::value)
        .unwrap_or_else(|| panic!("commitment {id} has no score"))
}

fn overall(a: &Assessment) -> Decimal {
    a.overall.score.expect("an overall score").value()
}

fn json(a: &Assessment) -> serde_json::Value {
    let text = assess::render(a, Format::Json, &RenderOptions::default())
        .unwrap_or_else(|d| panic!("json render failed: {d}"));
    let rendered: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    // The rendered JSON and the serde value of the assessment are the same document.
    assert_eq!(rendered, serde_json::to_value(a).unwrap());
    rendered
}

fn render(a: &Assessment, format: Format) -> String {
    assess::render(a, format, &RenderOptions::default())
        .unwrap_or_else(|d| panic!("{format:?} render failed: {d}"))
}

// ------------------------------------------------------------------------------------------
// Criterion scores by answer type
// ------------------------------------------------------------------------------------------

const TYPES: &str = r#"
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: lik, prompt: P, weight: 1, answer: {type: likert, scale: 5, labels: [Never, Rarely, Sometimes, Often, Always]}}
      - {id: lik4, prompt: P, weight: 1, answer: {type: likert, scale: 4, labels: [a, b, c, d]}}
      - {id: rev, prompt: P, weight: 1, answer: {type: likert, scale: 5, labels: [a, b, c, d, e], reverse: true}}
      - {id: yn, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: yn-no, prompt: P, weight: 1, answer: {type: yes_no, healthy: no}}
      - {id: ratio, prompt: P, weight: 1, answer: {type: number, unit: ratio, min: 0, max: 3, points: [[0.80, 0], [0.90, 0.5], [1.00, 1]]}}
      - {id: desc, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 1], [10, 0.5], [30, 0]]}}
      - id: pick
        prompt: P
        weight: 1
        answer:
          type: choice
          options:
            - {id: none, label: No rhythm, score: 0}
            - {id: some, label: Some rhythm, score: 0.25}
            - {id: all, label: Every quarter, score: 1}
  - id: two
    title: Two
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - {id: x, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
"#;

#[test]
fn criterion_scores_by_answer_type() {
    let r = rubric(TYPES);
    // (criterion, answer as written, expected 0-100 score), each computed by hand:
    let cases: &[(&str, &str, &str)] = &[
        // likert 1..5, s = (v - 1) / 4
        ("lik", "1", "0"),        // 0/4
        ("lik", "4", "75"),       // 3/4
        ("lik", "5", "100"),      // 4/4
        ("lik", "3.5", "62.5"),   // 2.5/4 (group averages may be decimals)
        ("lik", "Often", "75"),   // a label is its point: Often = 4 -> 3/4
        ("lik", "2.25", "31.25"), // 1.25/4
        // likert 1..4, s = (v - 1) / 3 (repeating, compared to 4 decimals)
        ("lik4", "3", "66.6667"), // 2/3
        ("lik4", "2", "33.3333"), // 1/3
        ("lik4", "4", "100"),     // 3/3
        // reversed likert 1..5, s = 1 - (v - 1) / 4
        ("rev", "1", "100"),    // 1 - 0
        ("rev", "2", "75"),     // 1 - 1/4
        ("rev", "5", "0"),      // 1 - 1
        ("rev", "4.5", "12.5"), // 1 - 3.5/4 = 0.125
        // yes/no: 1 when the answer equals `healthy`
        ("yn", "yes", "100"),
        ("yn", "no", "0"),
        ("yn-no", "no", "100"),
        ("yn-no", "yes", "0"),
        // number, points (0.80, 0) (0.90, 0.5) (1.00, 1), linear between, clamped outside
        ("ratio", "0.87", "35"),  // 0 + 0.5 x (0.07 / 0.10) = 0.35
        ("ratio", "0.85", "25"),  // 0 + 0.5 x (0.05 / 0.10) = 0.25
        ("ratio", "0.90", "50"),  // on a point
        ("ratio", "0.95", "75"),  // 0.5 + 0.5 x (0.05 / 0.10) = 0.75
        ("ratio", "0.80", "0"),   // first point
        ("ratio", "0.5", "0"),    // below the first point: clamped to its score 0
        ("ratio", "0", "0"),      // the allowed minimum, still clamped
        ("ratio", "1.00", "100"), // last point
        ("ratio", "1.4", "100"),  // above the last point: clamped to its score 1
        // descending number, points (0, 1) (10, 0.5) (30, 0)
        ("desc", "0", "100"), // first point
        ("desc", "4", "80"),  // 1 + (0.5 - 1) x 4/10 = 0.8
        ("desc", "10", "50"), // on a point
        ("desc", "20", "25"), // 0.5 + (0 - 0.5) x 10/20 = 0.25
        ("desc", "30", "0"),  // last point
        ("desc", "50", "0"),  // above the last point: clamped to 0
        // choice: the option's score
        ("pick", "none", "0"),
        ("pick", "some", "25"),
        ("pick", "all", "100"),
        ("pick", "Every quarter", "100"), // a label names its option
    ];
    for (id, answer, expected) in cases {
        let a = assess_answers(&r, &[(id, answer)]);
        let k = criterion(&a, id);
        assert_eq!(k.state, State::Scored, "{id}: {answer}");
        assert_eq!(
            r4(k.score.unwrap()),
            d(expected),
            "{id}: {answer} should score {expected}"
        );
    }
    // The terminating ones are exact, not merely close: 0.35 x 100 is exactly 35.
    let a = assess_answers(&r, &[("ratio", "0.87"), ("desc", "4"), ("lik", "3.5")]);
    assert_eq!(score(&a, "ratio"), d("35"));
    assert_eq!(score(&a, "desc"), d("80"));
    assert_eq!(score(&a, "lik"), d("62.5"));
    // All three are in commitment `one`: (35 + 80 + 62.5) / 3 = 59.1666...
    assert_eq!(r4(commitment_score(&a, "one")), d("59.1667"));
}

// ------------------------------------------------------------------------------------------
// Weighted commitment and overall scores
// ------------------------------------------------------------------------------------------

const WEIGHTED: &str = r#"
commitments:
  - id: paths
    title: Paths
    weight: 3
    article: dual-tracks#separate-paths
    criteria:
      - {id: a, prompt: P, weight: 2, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: b, prompt: P, weight: 3, answer: {type: number, unit: ratio, min: 0, max: 3, points: [[0.80, 0], [0.90, 0.5], [1.00, 1]]}}
      - {id: c, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
  - id: choice
    title: Choice
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - id: d
        prompt: P
        weight: 1
        answer: {type: choice, options: [{id: none, label: None, score: 0}, {id: some, label: Some, score: 0.25}]}
      - {id: e, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 1], [10, 0.5], [30, 0]]}}
"#;

#[test]
fn weighted_commitment_and_overall_scores() {
    let r = rubric(WEIGHTED);
    let a = assess_answers(
        &r,
        &[
            ("a", "4"),
            ("b", "0.87"),
            ("c", "no"),
            ("d", "some"),
            ("e", "4"),
        ],
    );
    // a: (4-1)/4 = 0.75; b: 0.35; c: 0.
    // paths = 100 x (2 x 0.75 + 3 x 0.35 + 1 x 0) / (2 + 3 + 1) = 100 x 2.55 / 6 = 42.5
    assert_eq!(commitment_score(&a, "paths"), d("42.5"));
    assert_eq!(commitment(&a, "paths").band, "weak");
    assert!(commitment(&a, "paths").weak);
    // d: 0.25; e: 1 - 0.5 x 4/10 = 0.8.  choice = 100 x (0.25 + 0.8) / 2 = 52.5
    assert_eq!(commitment_score(&a, "choice"), d("52.5"));
    // overall = (3 x 42.5 + 1 x 52.5) / (3 + 1) = (127.5 + 52.5) / 4 = 45
    // (an unweighted mean would give 47.5)
    assert_eq!(overall(&a), d("45"));
    assert_eq!(a.overall.uncapped_score, Some(sc("45")));
    assert_eq!(a.overall.band, "weak");
    assert!(a.overall.weak);
    assert!(a.overall.capped_by.is_empty());
    // Everything answered: full coverage everywhere.
    assert_eq!(commitment(&a, "paths").coverage, d("100"));
    assert_eq!(commitment(&a, "choice").coverage, d("100"));
    assert_eq!(a.overall.coverage, d("100"));

    // Raising the heavier commitment moves the overall three times as far:
    // c: yes -> paths = 100 x (1.5 + 1.05 + 1) / 6 = 59.1666..., overall = (3 x 59.1666... + 52.5) / 4
    //   = (177.5 + 52.5) / 4 = 57.5
    let b = assess_answers(
        &r,
        &[
            ("a", "4"),
            ("b", "0.87"),
            ("c", "yes"),
            ("d", "some"),
            ("e", "4"),
        ],
    );
    assert_eq!(r4(commitment_score(&b, "paths")), d("59.1667"));
    assert_eq!(r4(overall(&b)), d("57.5"));
}

// ------------------------------------------------------------------------------------------
// Coverage: unknown, missing, n/a, applies_when, min_coverage
// ------------------------------------------------------------------------------------------

const COVERAGE: &str = r#"
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: a, prompt: P, weight: 2, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: b, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: c, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: d, prompt: P, weight: 4, answer: {type: yes_no, healthy: yes}}
  - id: two
    title: Two
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - {id: e, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: f, prompt: P, weight: 3, answer: {type: yes_no, healthy: yes}}
"#;

#[test]
fn unknown_and_missing_lower_coverage_and_are_not_zeros() {
    let r = rubric(COVERAGE);
    // c and nothing else is missing.
    let a = assess_answers(
        &r,
        &[
            ("a", "4"),
            ("b", "unknown"),
            ("d", "n/a"),
            ("e", "yes"),
            ("f", "unknown"),
        ],
    );
    assert_eq!(criterion(&a, "a").state, State::Scored);
    assert_eq!(criterion(&a, "b").state, State::Unknown);
    assert_eq!(criterion(&a, "c").state, State::Missing);
    assert_eq!(criterion(&a, "d").state, State::NotApplicable);
    for id in ["b", "c", "d", "f"] {
        assert_eq!(criterion(&a, id).score, None, "{id} has no score");
        assert!(
            !criterion(&a, id).weak,
            "{id} is not weak: it is not scored"
        );
    }

    let one = commitment(&a, "one");
    // Applicable weight: a 2 + b 1 (unknown) + c 1 (missing) = 4; d (n/a, 4) leaves both sums.
    // Scored weight: a 2.  coverage = 100 x 2 / 4 = 50 (had d stayed in: 2 / 8 = 25).
    assert_eq!(one.coverage, d("50"));
    // 50 >= min_coverage 50: counted.
    assert!(one.counted);
    // Score over scored criteria only: 100 x (2 x 0.75) / 2 = 75
    // (were unknown/missing zeros: 100 x 1.5 / 4 = 37.5).
    assert_eq!(one.score, Some(sc("75")));
    assert_eq!(one.band, "developing");

    let two = commitment(&a, "two");
    // Applicable 1 + 3 = 4, scored 1: coverage 25 < 50 -> insufficient evidence, not counted.
    assert_eq!(two.coverage, d("25"));
    assert!(!two.counted);
    assert_eq!(two.band, "insufficient-evidence");
    assert!(!two.weak);
    // Its partial score (e: yes -> 100) is still shown, but stays out of the overall.
    assert_eq!(two.score, Some(sc("100")));

    // overall = weighted mean of counted commitments = 75 (with `two`: (75 + 100) / 2 = 87.5).
    assert_eq!(overall(&a), d("75"));
    assert_eq!(a.overall.band, "developing");
    // Overall coverage: commitment coverages weighted by commitment weight, (50 + 25) / 2.
    assert_eq!(a.overall.coverage, d("37.5"));

    // Answer states are all reported, not folded together.
    assert_eq!(a.answers.scored, 2); // a, e
    assert_eq!(a.answers.unknown, 2); // b, f
    assert_eq!(a.answers.missing, 1); // c
    assert_eq!(a.answers.not_applicable, 1); // d

    let v = json(&a);
    assert_eq!(v["commitments"][0]["criteria"][1]["state"], "unknown");
    assert_eq!(v["commitments"][0]["criteria"][2]["state"], "missing");
    assert_eq!(
        v["commitments"][0]["criteria"][3]["state"],
        "not-applicable"
    );
    assert_eq!(v["commitments"][1]["band"], "insufficient-evidence");
    assert_eq!(v["commitments"][1]["counted"], false);
}

#[test]
fn nothing_scored_means_no_score_at_all() {
    let r = rubric(COVERAGE);
    // Everything unknown or n/a: no commitment has a score, and neither has the overall.
    let a = assess_answers(
        &r,
        &[
            ("a", "unknown"),
            ("b", "n/a"),
            ("e", "unknown"),
            ("f", "unknown"),
        ],
    );
    for c in &a.commitments {
        assert_eq!(c.score, None, "{}", c.id);
        assert_eq!(c.coverage, d("0"), "{}", c.id);
        assert_eq!(c.band, "insufficient-evidence");
        assert!(!c.counted);
    }
    assert_eq!(a.overall.score, None);
    assert_eq!(a.overall.uncapped_score, None);
    assert_eq!(a.overall.band, "insufficient-evidence");
    assert!(!a.overall.weak);
    assert!(a.recommendations.is_empty());
    assert_eq!(json(&a)["overall"]["score"], serde_json::Value::Null);
}

#[test]
fn all_not_applicable_commitment_has_zero_coverage_and_no_score() {
    let r = rubric(COVERAGE);
    // Commitment `two` entirely n/a: no applicable weight, so coverage 0 and no score.
    let a = assess_answers(&r, &[("a", "5"), ("e", "n/a"), ("f", "n/a")]);
    let two = commitment(&a, "two");
    assert_eq!(two.score, None);
    assert_eq!(two.coverage, d("0"));
    assert!(!two.counted);
    // one: applicable a 2 + b 1 + c 1 + d 4 = 8, scored 2 -> coverage 25 -> not counted either.
    assert_eq!(commitment(&a, "one").coverage, d("25"));
    assert_eq!(a.overall.score, None);
}

const CONTEXT: &str = r#"
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: size, prompt: How many?, weight: 0, answer: {type: number, unit: count, min: 0, max: 100000, points: [[0, 1], [1, 1]]}}
      - id: moves
        prompt: P
        weight: 1
        applies_when: {criterion: size, at_least: 50}
        answer: {type: number, unit: count, min: 0, max: 100, points: [[0, 0], [2, 1]]}
      - {id: policy, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
  - id: two
    title: Two
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - {id: flag, prompt: P, weight: 0, answer: {type: yes_no, healthy: yes}}
      - {id: x, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
failure_patterns:
  - id: big-and-static
    title: Big and static
    severity: medium
    article: dual-tracks#common-failure-patterns
    when:
      all:
        - {criterion: size, at_least: 50}
        - {criterion: moves, equals: 0}
  - id: flagged
    title: Flagged
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {criterion: flag, equals: no}
"#;

#[test]
fn applies_when_false_makes_a_criterion_not_applicable() {
    let r = rubric(CONTEXT);
    let a = assess_answers(
        &r,
        &[
            ("size", "20"),
            ("moves", "0"),
            ("policy", "yes"),
            ("flag", "no"),
            ("x", "yes"),
        ],
    );
    // size 20 < 50: `moves` does not apply, whatever it was answered.
    let moves = criterion(&a, "moves");
    assert_eq!(moves.state, State::NotApplicable);
    assert_eq!(moves.score, None);
    assert!(!moves.weak);
    // one = policy only = 100, coverage = 1 / 1 = 100 (moves left both sums).
    assert_eq!(commitment_score(&a, "one"), d("100"));
    assert_eq!(commitment(&a, "one").coverage, d("100"));
    assert_eq!(a.answers.not_applicable, 1);
    // The same answers with size 60: moves applies and scores 0 -> one = (0 + 1) / 2 = 50.
    let b = assess_answers(
        &r,
        &[
            ("size", "60"),
            ("moves", "0"),
            ("policy", "yes"),
            ("flag", "no"),
            ("x", "yes"),
        ],
    );
    assert_eq!(criterion(&b, "moves").state, State::Scored);
    assert_eq!(score(&b, "moves"), d("0"));
    assert_eq!(commitment_score(&b, "one"), d("50"));
    // Size missing: the condition is undetermined, so the question is kept (only a condition
    // the answers make false removes it): one = 50 again.
    let c = assess_answers(
        &r,
        &[
            ("moves", "0"),
            ("policy", "yes"),
            ("flag", "no"),
            ("x", "yes"),
        ],
    );
    assert_eq!(criterion(&c, "moves").state, State::Scored);
    assert_eq!(commitment_score(&c, "one"), d("50"));
}

#[test]
fn context_facts_are_never_scored_but_drive_conditions() {
    let r = rubric(CONTEXT);
    let a = assess_answers(
        &r,
        &[
            ("size", "60"),
            ("moves", "0"),
            ("policy", "yes"),
            ("flag", "no"),
            ("x", "yes"),
        ],
    );
    for id in ["size", "flag"] {
        let k = criterion(&a, id);
        assert!(k.context, "{id} is a context fact");
        assert_eq!(k.weight, d("0"));
        assert_eq!(k.state, State::Scored, "{id} is answered");
        assert_eq!(k.score, None, "{id} is never scored");
        assert!(!k.weak);
    }
    // flag: no would score 0 as a yes_no with healthy yes, but it is context:
    // two = x only = 100 (not (0 + 100) / 2 = 50).
    assert_eq!(commitment_score(&a, "two"), d("100"));
    assert_eq!(commitment(&a, "two").coverage, d("100"));
    // Context facts in `when`: size 60 >= 50 and moves = 0 -> triggered, with both as evidence.
    let p = pattern(&a, "big-and-static");
    assert_eq!(p.status, PatternStatus::Triggered);
    let ev: Vec<&str> = p.evidence.iter().map(|e| e.criterion.as_str()).collect();
    assert_eq!(ev, ["size", "moves"]);
    assert_eq!(p.evidence[0].answer, "60");
    let p = pattern(&a, "flagged");
    assert_eq!(p.status, PatternStatus::Triggered);
    assert_eq!(p.evidence[0].criterion, "flag");
    assert_eq!(p.evidence[0].answer, "no");
    // No recommendation ever names a context fact.
    assert!(a.recommendations.iter().all(|r| r.id != "flag"));

    // A context fact answered on its own adds no coverage: one has applicable moves 1 +
    // policy 1 and nothing scored -> coverage 0, no score.
    let b = assess_answers(&r, &[("size", "60"), ("x", "yes")]);
    assert_eq!(commitment(&b, "one").coverage, d("0"));
    assert_eq!(commitment(&b, "one").score, None);
    assert_eq!(commitment(&b, "one").band, "insufficient-evidence");
    // moves is missing, so big-and-static cannot be decided.
    let p = pattern(&b, "big-and-static");
    assert_eq!(p.status, PatternStatus::Undetermined);
    assert_eq!(p.undetermined_by, ["moves"]);
}

// ------------------------------------------------------------------------------------------
// Caps
// ------------------------------------------------------------------------------------------

const CAPS: &str = r#"
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: share, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 0], [100, 1]]}}
      - {id: t1, prompt: P, weight: 0, answer: {type: yes_no, healthy: no}}
      - {id: t2, prompt: P, weight: 0, answer: {type: yes_no, healthy: no}}
      - {id: t3, prompt: P, weight: 0, answer: {type: yes_no, healthy: no}}
failure_patterns:
  - id: caps-developing
    title: Caps developing
    severity: high
    article: dual-tracks#common-failure-patterns
    caps: developing
    when: {criterion: t1, equals: yes}
  - id: caps-strong
    title: Caps strong
    severity: high
    article: dual-tracks#common-failure-patterns
    caps: strong
    when: {criterion: t2, equals: yes}
  - id: caps-weak
    title: Caps weak
    severity: high
    article: dual-tracks#common-failure-patterns
    caps: weak
    when: {criterion: t3, equals: yes}
  - id: no-cap
    title: No cap
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {criterion: t1, equals: yes}
"#;

#[test]
fn a_triggered_cap_holds_the_score_to_the_top_of_its_band() {
    let r = rubric(CAPS);
    // share 91.2% -> s = 0.912 -> commitment 91.2 -> uncapped overall 91.2.
    let a = assess_answers(
        &r,
        &[
            ("share", "91.2"),
            ("t1", "yes"),
            ("t2", "yes"),
            ("t3", "no"),
        ],
    );
    assert_eq!(a.overall.uncapped_score, Some(sc("91.2")));
    // caps-developing: top of `developing` = next band's from (80) - 0.1 = 79.9.
    assert_eq!(a.overall.score, Some(sc("79.9")));
    assert_eq!(a.overall.band, "developing");
    // caps-strong is triggered too, but its ceiling (100) is above 91.2: not named.
    // no-cap is triggered and has no cap: not named.
    assert_eq!(a.overall.capped_by, ["caps-developing"]);
    assert_eq!(pattern(&a, "caps-strong").status, PatternStatus::Triggered);
    assert_eq!(pattern(&a, "no-cap").status, PatternStatus::Triggered);
    assert_eq!(pattern(&a, "caps-weak").status, PatternStatus::Clear);
    // The commitment itself is not capped: caps act on the overall only.
    assert_eq!(commitment_score(&a, "one"), d("91.2"));
    let v = json(&a);
    assert_eq!(v["overall"]["score"], serde_json::json!(79.9));
    assert_eq!(v["overall"]["uncapped_score"], serde_json::json!(91.2));
    assert_eq!(
        v["overall"]["capped_by"],
        serde_json::json!(["caps-developing"])
    );
    assert_eq!(v["overall"]["band"], "developing");
    // Text shows the reason: the pattern (by id or title) and the uncapped average.
    let text = render(&a, Format::Text);
    assert!(
        text.contains("caps-developing") || text.contains("Caps developing"),
        "{text}"
    );
    assert!(text.contains("91.2"), "{text}");
}

#[test]
fn a_cap_above_the_score_changes_nothing() {
    let r = rubric(CAPS);
    // 70 is already under the developing ceiling 79.9: no cap, nobody named.
    let a = assess_answers(&r, &[("share", "70"), ("t1", "yes"), ("t2", "yes")]);
    assert_eq!(a.overall.score, Some(sc("70")));
    assert_eq!(a.overall.uncapped_score, Some(sc("70")));
    assert!(a.overall.capped_by.is_empty());
    assert_eq!(a.overall.band, "developing");
}

#[test]
fn the_lowest_triggered_cap_wins() {
    let r = rubric(CAPS);
    // caps-developing (79.9) and caps-weak (59.9) both triggered: the score is held to 59.9.
    let a = assess_answers(&r, &[("share", "91.2"), ("t1", "yes"), ("t3", "yes")]);
    assert_eq!(a.overall.score, Some(sc("59.9")));
    assert_eq!(a.overall.uncapped_score, Some(sc("91.2")));
    assert_eq!(a.overall.band, "weak");
    // 59.9 < weak_below 60.
    assert!(a.overall.weak);
    assert!(a.overall.capped_by.iter().any(|p| p == "caps-weak"));
    assert!(!a.overall.capped_by.iter().any(|p| p == "caps-strong"));
}

#[test]
fn caps_compare_the_displayed_score() {
    let r = rubric(CAPS);
    // 79.95 shows as 80.0, which is above the developing ceiling 79.9: capped to 79.9.
    let a = assess_answers(&r, &[("share", "79.95"), ("t1", "yes")]);
    assert_eq!(a.overall.uncapped_score, Some(sc("79.95")));
    assert_eq!(a.overall.score, Some(sc("79.9")));
    assert_eq!(a.overall.capped_by, ["caps-developing"]);
    assert_eq!(a.overall.band, "developing");
}

#[test]
fn an_undetermined_pattern_does_not_cap() {
    let r = rubric(CAPS);
    let a = assess_answers(&r, &[("share", "91.2"), ("t1", "unknown")]);
    assert_eq!(
        pattern(&a, "caps-developing").status,
        PatternStatus::Undetermined
    );
    assert_eq!(a.overall.score, Some(sc("91.2")));
    assert_eq!(a.overall.band, "strong");
    assert!(a.overall.capped_by.is_empty());
}

// ------------------------------------------------------------------------------------------
// Three-valued failure patterns
// ------------------------------------------------------------------------------------------

const THREE_VALUED: &str = r#"
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: t, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: t2, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: f, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: m, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
      - {id: u, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
failure_patterns:
  - id: any-false-missing
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {any: [{criterion: f, equals: yes}, {criterion: m, equals: yes}]}
  - id: any-true-missing
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {any: [{criterion: m, equals: yes}, {criterion: t, equals: yes}]}
  - id: all-false-unknown
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {all: [{criterion: u, equals: yes}, {criterion: f, equals: yes}]}
  - id: any-false-unknown
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {any: [{criterion: f, equals: yes}, {criterion: u, equals: yes}]}
  - id: all-true-true
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {all: [{criterion: t, equals: yes}, {criterion: t2, equals: yes}]}
  - id: all-true-missing
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {all: [{criterion: t, equals: yes}, {criterion: m, equals: yes}]}
  - id: not-false
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {not: {criterion: f, equals: yes}}
  - id: not-missing
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {not: {criterion: m, equals: yes}}
  - id: not-true
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {not: {criterion: t, equals: yes}}
  - id: nested
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when:
      any:
        - all: [{criterion: t, equals: yes}, {criterion: m, equals: yes}]
        - not: {criterion: f, equals: yes}
  - id: repeats
    title: T
    severity: low
    article: dual-tracks#common-failure-patterns
    when: {any: [{criterion: m, equals: yes}, {criterion: u, equals: yes}, {criterion: m, equals: no}]}
"#;

#[test]
fn three_valued_failure_patterns() {
    let r = rubric(THREE_VALUED);
    // t, t2 true; f false; u unknown; m missing.
    let a = assess_answers(
        &r,
        &[("t", "yes"), ("t2", "yes"), ("f", "no"), ("u", "unknown")],
    );

    // any(false, missing) = undetermined; the missing answer is named.
    let p = pattern(&a, "any-false-missing");
    assert_eq!(p.status, PatternStatus::Undetermined);
    assert_eq!(p.undetermined_by, ["m"]);
    assert!(p.evidence.is_empty());

    // any(missing, true) = triggered; evidence names the true leaf only.
    let p = pattern(&a, "any-true-missing");
    assert_eq!(p.status, PatternStatus::Triggered);
    assert_eq!(p.evidence.len(), 1);
    assert_eq!(p.evidence[0].criterion, "t");
    assert_eq!(p.evidence[0].answer, "yes");
    assert!(p.undetermined_by.is_empty());

    // all(unknown, false) = clear: the false part decides it.
    let p = pattern(&a, "all-false-unknown");
    assert_eq!(p.status, PatternStatus::Clear);
    assert!(p.evidence.is_empty());
    assert!(p.undetermined_by.is_empty());

    // any(false, unknown) = undetermined, named by the unknown answer.
    let p = pattern(&a, "any-false-unknown");
    assert_eq!(p.status, PatternStatus::Undetermined);
    assert_eq!(p.undetermined_by, ["u"]);

    // all(true, true) = triggered with both leaves as evidence, in order.
    let p = pattern(&a, "all-true-true");
    assert_eq!(p.status, PatternStatus::Triggered);
    let ev: Vec<&str> = p.evidence.iter().map(|e| e.criterion.as_str()).collect();
    assert_eq!(ev, ["t", "t2"]);

    // all(true, missing) = undetermined.
    let p = pattern(&a, "all-true-missing");
    assert_eq!(p.status, PatternStatus::Undetermined);
    assert_eq!(p.undetermined_by, ["m"]);

    // not(false) = triggered, with the negated leaf as evidence.
    let p = pattern(&a, "not-false");
    assert_eq!(p.status, PatternStatus::Triggered);
    assert_eq!(p.evidence.len(), 1);
    assert_eq!(p.evidence[0].criterion, "f");
    assert_eq!(p.evidence[0].answer, "no");
    assert!(p.evidence[0].test.starts_with("not"), "{:?}", p.evidence[0]);

    // not(missing) = undetermined; not(true) = clear.
    assert_eq!(
        pattern(&a, "not-missing").status,
        PatternStatus::Undetermined
    );
    assert_eq!(pattern(&a, "not-missing").undetermined_by, ["m"]);
    assert_eq!(pattern(&a, "not-true").status, PatternStatus::Clear);

    // any(all(true, missing), not(false)) = any(undetermined, true) = triggered; evidence f only.
    let p = pattern(&a, "nested");
    assert_eq!(p.status, PatternStatus::Triggered);
    let ev: Vec<&str> = p.evidence.iter().map(|e| e.criterion.as_str()).collect();
    assert_eq!(ev, ["f"]);

    // Sorted: triggered, then undetermined, then clear; rubric order within each.
    let order: Vec<&str> = a.failure_patterns.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "any-true-missing",
            "all-true-true",
            "not-false",
            "nested",
            "any-false-missing",
            "any-false-unknown",
            "all-true-missing",
            "not-missing",
            "repeats",
            "all-false-unknown",
            "not-true",
        ]
    );
    let v = json(&a);
    assert_eq!(v["failure_patterns"][0]["status"], "triggered");
    assert_eq!(v["failure_patterns"][4]["status"], "undetermined");
    assert_eq!(v["failure_patterns"][10]["status"], "clear");

    // A criterion tested twice is named once, in first-seen order.
    assert_eq!(pattern(&a, "repeats").undetermined_by, ["m", "u"]);

    // Answering m decides the undetermined ones.
    let b = assess_answers(
        &r,
        &[
            ("t", "yes"),
            ("t2", "yes"),
            ("f", "no"),
            ("u", "no"),
            ("m", "no"),
        ],
    );
    assert_eq!(
        pattern(&b, "any-false-missing").status,
        PatternStatus::Clear
    );
    assert_eq!(
        pattern(&b, "any-false-unknown").status,
        PatternStatus::Clear
    );
    assert_eq!(pattern(&b, "all-true-missing").status, PatternStatus::Clear);
    assert_eq!(pattern(&b, "not-missing").status, PatternStatus::Triggered);
}

// ------------------------------------------------------------------------------------------
// Rounding: half away from zero, bands and weakness judged on the displayed score
// ------------------------------------------------------------------------------------------

const ROUNDING: &str = r#"
commitments:
  - id: one
    title: One
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: a, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 0], [100, 1]]}}
      - {id: b, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 0], [100, 1]]}}
  - id: two
    title: Two
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - {id: c, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 0], [100, 1]]}}
      - {id: e, prompt: P, weight: 1, answer: {type: number, unit: percent, min: 0, max: 100, points: [[0, 0], [100, 1]]}}
"#;

#[test]
fn midpoints_round_half_away_from_zero_in_json() {
    let r = rubric(ROUNDING);
    let a = assess_answers(
        &r,
        &[("a", "62.2"), ("b", "62.3"), ("c", "62.3"), ("e", "62.4")],
    );
    // one = (62.2 + 62.3) / 2 = 62.25 exactly; two = (62.3 + 62.4) / 2 = 62.35 exactly.
    assert_eq!(commitment_score(&a, "one"), d("62.25"));
    assert_eq!(commitment_score(&a, "two"), d("62.35"));
    // overall = (62.25 + 62.35) / 2 = 62.3
    assert_eq!(overall(&a), d("62.3"));
    let v = json(&a);
    // Half away from zero: 62.25 -> 62.3 (not banker's 62.2), 62.35 -> 62.4.
    assert_eq!(v["commitments"][0]["score"], serde_json::json!(62.3));
    assert_eq!(v["commitments"][1]["score"], serde_json::json!(62.4));
    assert_eq!(v["commitments"][0]["score"].to_string(), "62.3");
    assert_eq!(v["commitments"][1]["score"].to_string(), "62.4");
    assert_eq!(v["overall"]["score"].to_string(), "62.3");

    // A criterion answered 62.25 shows 62.3 too.
    let b = assess_answers(
        &r,
        &[("a", "62.25"), ("b", "62.35"), ("c", "1"), ("e", "1")],
    );
    let v = json(&b);
    assert_eq!(
        v["commitments"][0]["criteria"][0]["score"].to_string(),
        "62.3"
    );
    assert_eq!(
        v["commitments"][0]["criteria"][1]["score"].to_string(),
        "62.4"
    );
    // one = (62.25 + 62.35) / 2 = 62.3 exactly.
    assert_eq!(v["commitments"][0]["score"].to_string(), "62.3");
}

#[test]
fn bands_compare_the_rounded_score() {
    let r = rubric(ROUNDING);
    let a = assess_answers(
        &r,
        &[("a", "79.9"), ("b", "80"), ("c", "79.9"), ("e", "80.0")],
    );
    // one = two = (79.9 + 80) / 2 = 79.95 exactly; overall = 79.95.
    assert_eq!(commitment_score(&a, "one"), d("79.95"));
    assert_eq!(overall(&a), d("79.95"));
    // Shown as 80.0, so band strong (not developing, as the exact value would give).
    assert_eq!(commitment(&a, "one").band, "strong");
    assert_eq!(a.overall.band, "strong");
    let v = json(&a);
    assert_eq!(v["commitments"][0]["score"].to_string(), "80.0");
    assert_eq!(v["commitments"][0]["band"], "strong");
    assert_eq!(v["overall"]["score"].to_string(), "80.0");
    assert_eq!(v["overall"]["band"], "strong");
    let text = render(&a, Format::Text);
    assert!(text.contains("80.0"), "{text}");
}

#[test]
fn weakness_compares_the_rounded_score() {
    let r = rubric(ROUNDING);
    let a = assess_answers(
        &r,
        &[("a", "59.95"), ("b", "59.94"), ("c", "90"), ("e", "90")],
    );
    // a: 59.95 shows as 60.0 -> not under weak_below 60 -> not weak.
    assert!(!criterion(&a, "a").weak);
    // b: 59.94 shows as 59.9 -> weak.
    assert!(criterion(&a, "b").weak);
    // one = (59.95 + 59.94) / 2 = 59.945 -> shows 59.9 -> weak, band weak.
    assert_eq!(commitment_score(&a, "one"), d("59.945"));
    assert!(commitment(&a, "one").weak);
    assert_eq!(commitment(&a, "one").band, "weak");
    // Only the weak criterion gets a recommendation.
    let recs: Vec<&str> = a.recommendations.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(recs, ["b"]);
}

// ------------------------------------------------------------------------------------------
// Recommendations
// ------------------------------------------------------------------------------------------

const RECS: &str = r#"
commitments:
  - id: one
    title: One
    weight: 3
    article: dual-tracks#separate-paths
    criteria:
      - {id: a, prompt: P, weight: 2, action: Do A, effort: high, article: dual-tracks#common-failure-patterns, answer: {type: yes_no, healthy: yes}}
      - {id: b, prompt: P, weight: 2, action: Do B, effort: low, answer: {type: yes_no, healthy: yes}}
      - {id: c, prompt: P, weight: 1, action: Do C, effort: medium, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: k, prompt: P, weight: 1, action: Do K, effort: low, answer: {type: yes_no, healthy: yes}}
  - id: two
    title: Two
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - {id: e, prompt: P, weight: 1, action: Do E, effort: low, answer: {type: yes_no, healthy: yes}}
      - {id: f, prompt: P, weight: 3, action: Do F, effort: high, answer: {type: yes_no, healthy: yes}}
"#;

#[test]
fn recommendations_are_ranked_by_gain_then_effort() {
    let r = rubric(RECS);
    let a = assess_answers(
        &r,
        &[
            ("a", "no"),
            ("b", "no"),
            ("c", "3"),
            ("k", "yes"),
            ("e", "no"),
            ("f", "yes"),
        ],
    );
    // one = 100 x (2x0 + 2x0 + 1x0.5 + 1x1) / 6 = 25; two = 100 x (1x0 + 3x1) / 4 = 75.
    assert_eq!(commitment_score(&a, "one"), d("25"));
    assert_eq!(commitment_score(&a, "two"), d("75"));
    // overall = (3 x 25 + 1 x 75) / 4 = 37.5
    assert_eq!(overall(&a), d("37.5"));

    // gain = (w / scored weight of commitment) x (W / counted weight) x (1 - s) x 100
    //   a: 2/6 x 3/4 x 1   x 100 = 25      (high effort)
    //   b: 2/6 x 3/4 x 1   x 100 = 25      (low effort)  -> ties a, goes first
    //   c: 1/6 x 3/4 x 0.5 x 100 = 6.25    (medium effort)
    //   e: 1/4 x 1/4 x 1   x 100 = 6.25    (low effort)  -> ties c, goes first
    //   k, f: full score, not weak, no recommendation.
    // Check: the gains add up to 62.5 = 100 - 37.5, as every shortfall is weak here.
    let ranked: Vec<(&str, Decimal, &str)> = a
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r4(r.gain.unwrap()), r.effort.as_str()))
        .collect();
    assert_eq!(
        ranked,
        [
            ("b", d("25"), "low"),
            ("a", d("25"), "high"),
            ("e", d("6.25"), "low"),
            ("c", d("6.25"), "medium"),
        ]
    );
    let total: Decimal = a
        .recommendations
        .iter()
        .filter_map(|r| r.gain.map(Points::value))
        .sum();
    assert_eq!(r4(total), d("62.5"));

    let rec = |id: &str| a.recommendations.iter().find(|r| r.id == id).unwrap();
    assert_eq!(rec("a").commitment.as_deref(), Some("one"));
    assert_eq!(rec("a").action, "Do A");
    // a links its own article; b falls back to its commitment's; e to commitment two's.
    assert_eq!(
        rec("a").article.url,
        "https://wattnext.ai#common-failure-patterns"
    );
    assert_eq!(rec("b").article.url, "https://wattnext.ai#separate-paths");
    assert_eq!(rec("e").article.url, "https://wattnext.ai#track-choice");
    assert_eq!(rec("e").commitment.as_deref(), Some("two"));

    let v = json(&a);
    assert_eq!(v["recommendations"][0]["criterion"], "b");
    assert_eq!(v["recommendations"][0]["gain"].to_string(), "25.0");
    // 6.25 shows as 6.3 (half away from zero).
    assert_eq!(v["recommendations"][2]["gain"].to_string(), "6.3");
}

// ------------------------------------------------------------------------------------------
// Respondent groups and perception gaps
// ------------------------------------------------------------------------------------------

const GROUPS: &str = r#"
commitments:
  - id: views
    title: Views
    weight: 1
    article: dual-tracks#separate-paths
    criteria:
      - {id: respect, prompt: Respect, weight: 1, opinion: true, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: clarity, prompt: Clarity, weight: 1, opinion: true, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: voice, prompt: Voice, weight: 1, opinion: true, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: calm, prompt: Calm, weight: 1, opinion: true, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: lonely, prompt: Lonely, weight: 1, opinion: true, answer: {type: likert, scale: 5, labels: [a, b, c, d, e]}}
      - {id: doubt, prompt: Doubt, weight: 1, opinion: true, answer: {type: likert, scale: 5, labels: [a, b, c, d, e], reverse: true}}
  - id: facts
    title: Facts
    weight: 1
    article: dual-tracks#track-choice
    criteria:
      - {id: policy, prompt: P, weight: 1, answer: {type: yes_no, healthy: yes}}
failure_patterns:
  - id: respect-gap
    title: Respect gap
    severity: high
    article: dual-tracks#common-failure-patterns
    when: {criterion: respect, gap_at_least: 1.0}
  - id: lonely-gap
    title: Lonely gap
    severity: high
    article: dual-tracks#common-failure-patterns
    when: {criterion: lonely, gap_at_least: 1.0}
  - id: calm-gap
    title: Calm gap
    severity: high
    article: dual-tracks#common-failure-patterns
    when: {criterion: calm, gap_at_least: 1.0}
"#;

/// `zz-small-group` has 4 people, under `min_group_size` (default 5).
const GROUP_ANSWERS: &str = r#"answers:
  policy: yes
respondents:
  - group: ics
    count: 7
    answers:
      respect: {1: 2, 2: 3, 3: 1, 4: 0, 5: 1}
      clarity: 2.33
      voice: 3.0
      calm: 3.01
      lonely: 1.0
      doubt: {1: 2, 2: 3, 3: 1, 4: 0, 5: 1}
  - group: managers
    count: 5
    answers: {respect: 4.2, clarity: 4.0, voice: 4.0, calm: 4.0, doubt: 3.0}
  - group: zz-small-group
    count: 4
    answers: {respect: 5, lonely: 5}
  - group: zz-small-two
    count: 3
    answers: {respect: 5}
"#;

const SMALL_GROUP: &str = "zz-small-group";

#[test]
fn group_answers_are_count_weighted_means() {
    let r = rubric(GROUPS);
    let a = assess_text(&r, GROUP_ANSWERS);

    let respect = criterion(&a, "respect");
    assert_eq!(respect.state, State::Scored);
    // ics distribution: (1x2 + 2x3 + 3x1 + 4x0 + 5x1) / 7 = 16/7 = 2.2857...
    // The two small groups (4 + 3 = 7 people) together reach min_group_size 5, so they are
    // merged: mean = (16 + 5 x 4.2 + 4 x 5 + 3 x 5) / (7 + 5 + 4 + 3) = 72/19 = 3.78947...
    // score = (72/19 - 1) / 4 = 53/76 = 0.697368... -> 69.7368
    assert_eq!(r4(respect.score.unwrap()), d("69.7368"));
    // JSON shows the group mean to two decimals: 3.78947 -> 3.79.
    assert_eq!(
        json(&a)["commitments"][0]["criteria"][0]["answer"].to_string(),
        "3.79"
    );

    // Shown groups: ics (7) and managers (5 = min_group_size); the group of 4 is merged only.
    let groups: Vec<(&str, u32)> = respect
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.count))
        .collect();
    assert_eq!(groups, [("ics", 7), ("managers", 5)]);
    assert_eq!(respect.merged_responses, 7);
    assert_eq!(respect.withheld_responses, 0);
    // ics mean 16/7; favourable = top two points (4, 5) = 1 of 7 = 14.2857...%
    assert_eq!(r4(respect.groups[0].mean), d("2.2857"));
    assert_eq!(respect.groups[0].favourable.map(r4), Some(d("14.2857")));
    // A mean alone cannot tell how many were favourable.
    assert_eq!(respect.groups[1].mean, d("4.2"));
    assert_eq!(respect.groups[1].favourable, None);

    // doubt is reversed: favourable = bottom two points (1, 2) = 5 of 7 = 71.4285...%
    let doubt = criterion(&a, "doubt");
    assert_eq!(doubt.groups[0].favourable.map(r4), Some(d("71.4286")));
    // mean = (16 + 5 x 3) / 12 = 31/12; score = 1 - (31/12 - 1) / 4 = 1 - 19/48 = 29/48
    //   = 0.6041666... -> 60.4167
    assert_eq!(r4(doubt.score.unwrap()), d("60.4167"));

    // lonely: ics 1.0 (7 people) and only one small group (4 people). Alone it is under the
    // minimum, and merging it would let a reader work out its answer from the mean, so it is
    // left out: mean = 1.0, score 0.
    let lonely = criterion(&a, "lonely");
    assert_eq!(lonely.score, Some(sc("0")));
    assert_eq!(lonely.groups.len(), 1);
    assert_eq!(lonely.merged_responses, 0);
    assert_eq!(lonely.withheld_responses, 4);

    // The small groups' 4 + 3 people are counted once, however many items they answered.
    assert_eq!(a.answers.small_group_respondents, 7);
    // Six opinion items answered by groups plus `policy`.
    assert_eq!(a.answers.scored, 7);
}

#[test]
fn perception_gaps_between_shown_groups() {
    let r = rubric(GROUPS);
    let a = assess_text(&r, GROUP_ANSWERS);
    let gaps: Vec<(&str, &str, &str, &str)> = a
        .perception_gaps
        .iter()
        .map(|g| {
            (
                g.criterion.as_str(),
                g.higher.group.as_str(),
                g.lower.group.as_str(),
                g.severity.as_str(),
            )
        })
        .collect();
    // respect: managers 4.2 - ics 16/7 = 13.4/7 = 1.9142... >= 1.67 -> severe
    //   (with the small group, 5 - 16/7 = 2.71 and `zz-small-group` would be the higher one).
    // clarity: 4.0 - 2.33 = 1.67 -> severe (at the threshold).
    // voice: 4.0 - 3.0 = 1.0 -> notable (at the threshold).
    // calm: 4.0 - 3.01 = 0.99 -> not reported.  doubt: 3 - 16/7 = 0.71 -> not reported.
    // lonely: only one shown group -> no gap, whatever the small group says.
    // Largest gap first.
    assert_eq!(
        gaps,
        [
            ("respect", "managers", "ics", "severe"),
            ("clarity", "managers", "ics", "severe"),
            ("voice", "managers", "ics", "notable"),
        ]
    );
    assert_eq!(r4(a.perception_gaps[0].gap), d("1.9143"));
    assert_eq!(a.perception_gaps[0].higher.mean, d("4.2"));
    assert_eq!(r4(a.perception_gaps[0].lower.mean), d("2.2857"));
    assert_eq!(a.perception_gaps[1].gap, d("1.67"));
    assert_eq!(a.perception_gaps[2].gap, d("1"));

    // gap_at_least 1.0 triggers on respect, from the gap between the shown groups.
    let p = pattern(&a, "respect-gap");
    assert_eq!(p.status, PatternStatus::Triggered);
    assert_eq!(p.evidence.len(), 1);
    assert_eq!(p.evidence[0].criterion, "respect");
    assert!(
        p.evidence[0].answer.contains("managers"),
        "{:?}",
        p.evidence[0]
    );
    assert!(p.evidence[0].answer.contains("ics"), "{:?}", p.evidence[0]);
    // 0.99 is under 1.0.
    assert_eq!(pattern(&a, "calm-gap").status, PatternStatus::Clear);
    // The small group's disagreement on `lonely` creates no gap.
    assert_eq!(pattern(&a, "lonely-gap").status, PatternStatus::Clear);

    let v = json(&a);
    assert_eq!(v["perception_gaps"][0]["higher"]["group"], "managers");
    assert_eq!(v["perception_gaps"][0]["gap"].to_string(), "1.91");
    assert_eq!(v["perception_gaps"][0]["severity"], "severe");
}

#[test]
fn a_small_group_is_never_shown_anywhere() {
    let r = rubric(GROUPS);
    let a = assess_text(&r, GROUP_ANSWERS);
    for c in &a.commitments {
        for k in &c.criteria {
            assert!(k.groups.iter().all(|g| g.group != SMALL_GROUP), "{}", k.id);
        }
    }
    for g in &a.perception_gaps {
        assert_ne!(g.higher.group, SMALL_GROUP);
        assert_ne!(g.lower.group, SMALL_GROUP);
    }
    for p in &a.failure_patterns {
        for e in &p.evidence {
            assert!(!e.answer.contains(SMALL_GROUP), "{}: {e:?}", p.id);
        }
    }
    for format in [Format::Json, Format::Markdown, Format::Text, Format::Html] {
        let out = render(&a, format);
        assert!(
            !out.contains(SMALL_GROUP),
            "{format:?} output names the small group:\n{out}"
        );
        // The shown groups do appear somewhere in every human-readable report (in a gap).
        assert!(out.contains("managers"), "{format:?}");
    }
    // Its people still count: the mean moved (57/16 rather than 37/12 without them) and the
    // merged count is reported.
    // Without the small group: (16 + 21) / 12 = 37/12 = 3.0833... -> score 52.0833...
    assert_ne!(r4(score(&a, "respect")), d("52.0833"));
    assert_eq!(a.answers.small_group_respondents, 7);
    let v = json(&a);
    assert_eq!(v["answers"]["small_group_respondents"], 7);
    // Neither small group's own mean can be worked out: where they are merged they are pooled
    // (7 people), and where a lone small group answered (`lonely`) it is left out entirely.
    assert_eq!(criterion(&a, "lonely").withheld_responses, 4);
}

/// Regression (fixed): src/questionnaire.rs, `read_distribution` (line ~990 at the time of writing), reads a
/// distribution key with `point.mantissa() as u8`, which ignores the decimal's scale: a key
/// written `1.0` (mantissa 10, scale 1) passes the range check as 1 but is stored as point 10.
/// Seven people who all answered 1 ("strongly disagree") then give a group mean of 10 on a 1-5
/// scale, a criterion score of 100 instead of 0 (clamped), 100% favourable, and a perception
/// gap of 9 scale points. Expected: the key is read as point 1 (normalise first, as the count
/// on the next line already does), or rejected.
#[test]
fn distribution_keys_written_as_decimals_mean_their_point() {
    let r = rubric(GROUPS);
    let text = "rubric: test-rubric\nanswers:\n  policy: yes\nrespondents:\n  - group: ics\n    count: 7\n    answers:\n      respect: {1.0: 7}\n  - group: managers\n    count: 5\n    answers:\n      respect: {1: 5}\n";
    let catalog = Catalog::builtin();
    // Rejecting the key would be acceptable too; reading it as another point is not.
    if let Ok((rubric, q)) = catalog.load_questionnaire("q.yaml", text, Some(&r)) {
        let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
        let respect = criterion(&a, "respect");
        // Everybody answered 1: mean 1, score (1 - 1) / 4 = 0, nobody favourable, no gap.
        assert_eq!(respect.groups[0].mean, d("1"));
        assert_eq!(respect.groups[0].favourable, Some(d("0")));
        assert_eq!(respect.score, Some(sc("0")));
        assert!(a.perception_gaps.is_empty());
    }
}

// ------------------------------------------------------------------------------------------
// The built-in rubric
// ------------------------------------------------------------------------------------------

const DUAL_TRACK: &str = include_str!("../../rubrics/dual-track.yaml");

fn builtin_assess(name: &str, text: &str) -> Assessment {
    let catalog = Catalog::builtin();
    let (rubric, q) = catalog
        .load_questionnaire(name, text, None)
        .unwrap_or_else(|d| panic!("{name} rejected:\n{d}"));
    assess::evaluate(&rubric, &q, &catalog.articles).unwrap()
}

#[test]
fn all_best_scores_exactly_100_with_every_pattern_clear() {
    let a = builtin_assess("all-best.yaml", include_str!("../fixtures/all-best.yaml"));
    assert_eq!(a.overall.score, Some(sc("100")));
    assert_eq!(a.overall.uncapped_score, Some(sc("100")));
    assert_eq!(a.overall.band, "strong");
    assert_eq!(a.overall.coverage, d("100"));
    for c in &a.commitments {
        assert_eq!(c.score, Some(sc("100")), "{}", c.id);
        assert_eq!(c.coverage, d("100"), "{}", c.id);
        for k in c.criteria.iter().filter(|k| !k.context) {
            assert_eq!(k.score, Some(sc("100")), "{}", k.id);
        }
    }
    assert_eq!(a.failure_patterns.len(), 4);
    for p in &a.failure_patterns {
        assert_eq!(p.status, PatternStatus::Clear, "{}", p.id);
    }
    assert!(a.recommendations.is_empty());
    assert_eq!(a.answers.missing, 0);
    assert_eq!(a.answers.unknown, 0);
}

#[test]
fn all_worst_scores_0_with_all_four_patterns_triggered() {
    let a = builtin_assess("all-worst.yaml", include_str!("../fixtures/all-worst.yaml"));
    assert_eq!(a.overall.score, Some(sc("0")));
    assert_eq!(a.overall.band, "critical");
    assert_eq!(a.overall.coverage, d("100"));
    for c in &a.commitments {
        assert_eq!(c.score, Some(sc("0")), "{}", c.id);
        assert!(c.weak);
        for k in c.criteria.iter().filter(|k| !k.context) {
            assert_eq!(k.score, Some(sc("0")), "{}", k.id);
            assert!(k.weak, "{}", k.id);
        }
    }
    let mut triggered: Vec<&str> = a.triggered().map(|p| p.id.as_str()).collect();
    triggered.sort_unstable();
    assert_eq!(
        triggered,
        [
            "advisory-only",
            "consolation-prize",
            "locked-in",
            "pay-skew"
        ]
    );
    // Every weak criterion gets a recommendation, and the triggered patterns' fixes come too.
    assert_eq!(
        a.recommendations
            .iter()
            .filter(|r| r.kind == "criterion")
            .count(),
        a.weak_criteria().count()
    );
    assert_eq!(
        a.recommendations
            .iter()
            .filter(|r| r.kind == "pattern")
            .count(),
        4
    );

    let markdown = render(&a, Format::Markdown);
    let text = render(&a, Format::Text);
    let mut weak = 0;
    for (_, k) in a.weak_criteria() {
        weak += 1;
        assert!(
            k.article.url.starts_with("https://wattnext.ai"),
            "{}: {}",
            k.id,
            k.article.url
        );
        assert!(
            markdown.contains(&k.article.url),
            "markdown lacks {} for {}",
            k.article.url,
            k.id
        );
        assert!(
            text.contains(&k.article.url),
            "text lacks {} for {}",
            k.article.url,
            k.id
        );
        assert!(markdown.contains(k.id.as_str()), "markdown lacks {}", k.id);
        assert!(text.contains(k.id.as_str()), "text lacks {}", k.id);
    }
    // 32 criteria, 2 of them context facts.
    assert_eq!(weak, 30);
    for p in a.triggered() {
        assert!(markdown.contains(&p.article.url), "{}", p.id);
        assert!(text.contains(&p.article.url), "{}", p.id);
    }
}

#[test]
fn builtin_rubric_ids_are_unique_and_articles_resolve() {
    let catalog = Catalog::builtin();
    let parsed = catalog
        .rubric_from_yaml("dual-track.yaml", DUAL_TRACK)
        .expect("parses and passes its own checks");
    assert_eq!(catalog.get("dual-track"), Some(&parsed));

    let mut ids: Vec<&str> = Vec::new();
    let mut links: Vec<(&str, &str)> = Vec::new();
    for c in parsed.commitments() {
        ids.push(&c.id);
        links.push((&c.id, &c.article));
        for k in &c.criteria {
            ids.push(&k.id);
            links.push((&k.id, k.article.as_deref().unwrap_or(&c.article)));
        }
    }
    for p in parsed.failure_patterns() {
        ids.push(&p.id);
        links.push((&p.id, &p.article));
    }
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate ids in {ids:?}");
    for (id, link) in links {
        let resolved = catalog
            .articles
            .link(link)
            .unwrap_or_else(|| panic!("{id}: article link {link} does not resolve"));
        assert!(
            resolved.url.starts_with("https://wattnext.ai"),
            "{id}: {link}"
        );
    }
    // The contract's required content.
    let commitments: Vec<&str> = parsed.commitments().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        commitments,
        ["separate-paths", "clear-expectations", "track-choice"]
    );
    let patterns: Vec<&str> = parsed
        .failure_patterns()
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    for id in [
        "consolation-prize",
        "pay-skew",
        "advisory-only",
        "locked-in",
    ] {
        assert!(patterns.contains(&id), "{id}");
    }
}

// ------------------------------------------------------------------------------------------
// The examples (figures re-computed after per-manager counts and written-expectations)
// ------------------------------------------------------------------------------------------

fn shown(x: Option<Score>) -> Decimal {
    x.expect("a score").shown()
}

#[test]
fn example_balanced_saas() {
    let a = builtin_assess(
        "balanced-saas.yaml",
        include_str!("../../examples/balanced-saas.yaml"),
    );
    assert_eq!(shown(a.overall.score), d("91.6"));
    assert_eq!(a.overall.band, "strong");
    assert!(a.overall.capped_by.is_empty());
    assert_eq!(a.triggered().count(), 0, "{:?}", a.failure_patterns);
    for c in &a.commitments {
        assert_eq!(c.band, "strong", "{}", c.id);
    }
}

#[test]
fn example_pay_cliff() {
    let a = builtin_assess(
        "pay-cliff.yaml",
        include_str!("../../examples/pay-cliff.yaml"),
    );
    assert_eq!(shown(a.overall.score), d("22.0"));
    assert_eq!(a.overall.band, "critical");
    let triggered: Vec<&str> = a.triggered().map(|p| p.id.as_str()).collect();
    assert!(triggered.contains(&"pay-skew"), "{triggered:?}");
    assert!(triggered.contains(&"locked-in"), "{triggered:?}");
}

#[test]
fn example_blind_spot() {
    let a = builtin_assess(
        "blind-spot.yaml",
        include_str!("../../examples/blind-spot.yaml"),
    );
    assert_eq!(shown(a.overall.uncapped_score), d("84.2"));
    assert_eq!(a.overall.score, Some(sc("79.9")));
    assert_eq!(a.overall.band, "developing");
    assert_eq!(a.overall.capped_by, ["advisory-only"]);
    // The hr group (3 people) is alone under the minimum: never shown, and left out of the
    // means so its answers cannot be worked out from them.
    assert_eq!(a.answers.small_group_respondents, 3);
    assert!(
        a.commitments
            .iter()
            .flat_map(|c| &c.criteria)
            .filter(|k| !k.groups.is_empty())
            .all(|k| k.withheld_responses == 3 && k.merged_responses == 0)
    );
    for format in [Format::Json, Format::Markdown, Format::Text, Format::Html] {
        let out = render(&a, format);
        assert!(!out.contains("\"hr\""), "{format:?}");
        assert!(!out.contains("hr (3)"), "{format:?}");
    }
}

#[test]
fn example_half_answered() {
    let a = builtin_assess(
        "half-answered.yaml",
        include_str!("../../examples/half-answered.yaml"),
    );
    let tc = commitment(&a, "track-choice");
    assert_eq!(tc.band, "insufficient-evidence");
    assert!(!tc.counted);
    assert!(a.answers.unknown > 0);
    assert!(a.answers.missing > 0);
    assert!(a.answers.not_applicable > 0);
    assert!(
        a.failure_patterns
            .iter()
            .any(|p| p.status == PatternStatus::Undetermined)
    );
}

/// One commitment answered by hand (the README's earlier worked example; the README now works
/// through gains and the plan, see `tests/it/advice.rs`).
#[test]
fn one_commitment_worked_example() {
    let a = builtin_assess(
        "tests/fixtures/worked-example.yaml",
        include_str!("../fixtures/worked-example.yaml"),
    );
    // 100 x (3x0.5 + 2x1 + 1x0.25 + 1x0.75) / (3 + 2 + 1 + 1) = 450 / 7
    assert_eq!(
        commitment(&a, "clear-expectations").score.map(Score::value),
        Some(d("450") / d("7"))
    );
    assert_eq!(
        commitment(&a, "clear-expectations")
            .score
            .unwrap()
            .to_string(),
        "64.3"
    );
    // 7 scored of 12 applicable (written-expectations missing, level-mapping unknown,
    // tenure-promotions missing; n/a leaves): 58.3%.
    assert_eq!(
        commitment(&a, "clear-expectations").coverage,
        d("700") / d("12")
    );
    assert_eq!(score(&a, "documented-levels"), d("50"));
    assert_eq!(score(&a, "ladder-age-months"), d("25"));
    assert_eq!(
        criterion(&a, "ladder-headroom").state,
        assess::State::NotApplicable
    );
    // Only this commitment is counted: one of three is under the overall's own coverage rule
    // (half of the commitment weight), so there is no headline score, and no gain either.
    assert_eq!(a.overall.score, None);
    assert_eq!(a.overall.band, "insufficient-evidence");
    assert!(!commitment(&a, "separate-paths").counted);
    let gains: Vec<(&str, Option<Points>)> = a
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r.gain))
        .collect();
    assert_eq!(
        gains,
        [("ladder-age-months", None), ("documented-levels", None)]
    );
    assert!(
        a.failure_patterns
            .iter()
            .all(|p| p.status == assess::PatternStatus::Undetermined)
    );
}
