//! Semantic checks of a rubric: what `assess rubric check` rejects.
//!
//! A rubric that parsed into [`Rubric`] may still contradict itself: duplicate ids, references
//! to criteria, articles, sections or bands that do not exist, negative weights, a commitment
//! whose weights sum to zero, unsorted points or bands, a label count that does not match its
//! scale, a condition literal that no answer could ever equal. Each problem is located by
//! walking the same file's YAML tree to the offending node.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::wording::parse_yes_no;
use crate::article::Articles;
use crate::condition::{Condition, Op, Test};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::exact;
use crate::rubric::{AnswerSpec, ChoiceOption, Criterion, Rubric};
use crate::suggest;
use crate::yaml::{self, Node, PathStep};

use PathStep::{Index, Key};

impl Rubric {
    /// Checks the rubric against itself and the article registry; `text` is the file it was
    /// parsed from (for locations), `origin` its name.
    pub(crate) fn check(
        &self,
        origin: &str,
        text: &str,
        articles: &Articles,
    ) -> Result<(), Diagnostics> {
        let root = yaml::parse(origin, text).ok();
        let mut c = Checker {
            rubric: self,
            root: root.as_ref(),
            origin,
            articles,
            out: Diagnostics::new(),
        };
        c.run();
        c.out.finish(text).into_result(())
    }
}

struct Checker<'a> {
    rubric: &'a Rubric,
    root: Option<&'a Node>,
    origin: &'a str,
    articles: &'a Articles,
    out: Diagnostics,
}

impl Checker<'_> {
    /// Reports at the node at `path`, or its nearest existing ancestor.
    fn at(&mut self, path: &[PathStep<'_>], code: Code, message: String, hint: Option<String>) {
        let mut node = None;
        if let Some(root) = self.root {
            for len in (0..=path.len()).rev() {
                if let Some(n) = root.at(&path[..len]) {
                    node = Some(n);
                    break;
                }
            }
        }
        let (location, width) = match node {
            Some(n) => (n.location.clone(), n.text.chars().count()),
            None => (Location::whole_file(self.origin), 1),
        };
        let mut d = Diagnostic::error(code, location, message).with_width(width);
        d.hint = hint;
        self.out.push(d);
    }

    fn run(&mut self) {
        self.check_id(&[Key("id")], &self.rubric.id, "rubric");
        self.check_settings();
        self.check_stages();
        self.check_bands();
        self.check_ids_unique();
        self.check_commitments();
        self.check_failure_patterns();
    }

    /// The rubric-wide numbers: thresholds, coverage and group sizes in range.
    fn check_settings(&mut self) {
        let r = self.rubric;
        if r.weak_below < Decimal::ZERO || r.weak_below > Decimal::ONE_HUNDRED {
            self.at(
                &[Key("weak_below")],
                Code::OutOfRange,
                "`weak_below` is a score from 0 to 100".into(),
                None,
            );
        }
        if r.min_coverage < Decimal::ZERO || r.min_coverage > Decimal::ONE_HUNDRED {
            self.at(
                &[Key("min_coverage")],
                Code::OutOfRange,
                "`min_coverage` is a percent from 0 to 100".into(),
                None,
            );
        }
        if r.gap_notable <= Decimal::ZERO || r.gap_severe < r.gap_notable {
            self.at(
                &[Key("gap_severe")],
                Code::OutOfRange,
                "`gap_notable` must be above 0 and `gap_severe` at least `gap_notable`".into(),
                None,
            );
        }
        if r.min_group_size == 0 {
            self.at(
                &[Key("min_group_size")],
                Code::OutOfRange,
                "`min_group_size` must be at least 1".into(),
                None,
            );
        }
        if r.overall_min_counted < Decimal::ZERO || r.overall_min_counted > Decimal::ONE_HUNDRED {
            self.at(
                &[Key("overall_min_counted")],
                Code::OutOfRange,
                "`overall_min_counted` is a percent from 0 to 100".into(),
                None,
            );
        }
    }

    /// Each commitment, its criteria, and the weights that must leave something to score.
    fn check_commitments(&mut self) {
        let r = self.rubric;
        let mut total_weight = Decimal::ZERO;
        for (ci, commitment) in r.commitments.iter().enumerate() {
            let base = [Key("commitments"), Index(ci)];
            self.check_id(&[base[0], base[1], Key("id")], &commitment.id, "commitment");
            self.check_weight(&[base[0], base[1], Key("weight")], commitment.weight);
            total_weight = total_weight.saturating_add(commitment.weight.max(Decimal::ZERO));
            self.check_article(&[base[0], base[1], Key("article")], &commitment.article);
            let sum = commitment.criteria.iter().fold(Decimal::ZERO, |s, k| {
                s.saturating_add(k.weight.max(Decimal::ZERO))
            });
            if sum.is_zero() {
                self.at(
                    &[base[0], base[1], Key("criteria")],
                    Code::ZeroWeightCommitment,
                    format!("the criteria of commitment `{}` have weights summing to zero, so it can never be scored", commitment.id),
                    Some("give at least one criterion a positive weight".into()),
                );
            }
            for (ki, criterion) in commitment.criteria.iter().enumerate() {
                self.check_criterion(ci, ki, criterion);
            }
        }
        if total_weight.is_zero() && !r.commitments.is_empty() {
            self.at(
                &[Key("commitments")],
                Code::ZeroWeightRubric,
                "the commitments' weights sum to zero".into(),
                None,
            );
        }
        if r.commitments.is_empty() {
            self.at(
                &[Key("commitments")],
                Code::NoCommitments,
                "a rubric needs at least one commitment".into(),
                None,
            );
        }
    }

    /// One criterion: id, weight, article, condition, stage and answer type.
    fn check_criterion(&mut self, ci: usize, ki: usize, criterion: &Criterion) {
        let r = self.rubric;
        let base = [Key("commitments"), Index(ci)];
        let path = [base[0], base[1], Key("criteria"), Index(ki)];
        self.check_id(
            &[path[0], path[1], path[2], path[3], Key("id")],
            &criterion.id,
            "criterion",
        );
        self.check_weight(
            &[path[0], path[1], path[2], path[3], Key("weight")],
            criterion.weight,
        );
        if let Some(article) = &criterion.article {
            self.check_article(
                &[path[0], path[1], path[2], path[3], Key("article")],
                article,
            );
        }
        if let Some(cond) = &criterion.applies_when {
            self.check_condition(
                &[path[0], path[1], path[2], path[3], Key("applies_when")],
                cond,
            );
            if cond.tests().iter().any(|t| t.criterion == criterion.id) {
                self.at(
                    &[path[0], path[1], path[2], path[3], Key("applies_when")],
                    Code::SelfReference,
                    format!("`{}` cannot depend on its own answer", criterion.id),
                    None,
                );
            }
        }
        if let Some(stage) = &criterion.stage
            && r.stage(stage).is_none()
        {
            let known: Vec<&str> = r
                .stages
                .iter()
                .flat_map(|s| s.levels.iter().map(|l| l.id.as_str()))
                .collect();
            self.at(
                &[path[0], path[1], path[2], path[3], Key("stage")],
                Code::UnknownStage,
                format!("criterion `{}` names the stage `{stage}`, which `stages.levels` does not define", criterion.id),
                Some(if known.is_empty() {
                    "add a `stages:` block with `size` and `levels`, or remove `stage`".into()
                } else {
                    format!("known stages: {}", known.join(", "))
                }),
            );
        }
        self.check_answer(ci, ki, criterion);
    }

    /// Each failure pattern: id, article, the band it caps and its condition.
    fn check_failure_patterns(&mut self) {
        let r = self.rubric;
        for (pi, pattern) in r.failure_patterns.iter().enumerate() {
            let base = [Key("failure_patterns"), Index(pi)];
            self.check_id(
                &[base[0], base[1], Key("id")],
                &pattern.id,
                "failure pattern",
            );
            self.check_article(&[base[0], base[1], Key("article")], &pattern.article);
            if let Some(band) = &pattern.caps
                && !r.bands.iter().any(|b| &b.id == band)
            {
                let hint = suggest::did_you_mean(band, r.bands.iter().map(|b| b.id.as_str()))
                    .unwrap_or_else(|| {
                        format!(
                            "bands are: {}",
                            r.bands
                                .iter()
                                .map(|b| b.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    });
                self.at(
                    &[base[0], base[1], Key("caps")],
                    Code::UnknownBand,
                    format!("`caps: {band}` names no band of this rubric"),
                    Some(hint),
                );
            }
            self.check_condition(&[base[0], base[1], Key("when")], &pattern.when);
        }
    }

    fn check_stages(&mut self) {
        let r = self.rubric;
        let Some(stages) = &r.stages else { return };
        match r.criterion(&stages.size) {
            None => self.at(
                &[Key("stages"), Key("size")],
                Code::UnknownCriterion,
                format!("`stages.size` names `{}`, which is not a criterion", stages.size),
                Some("name the context criterion that counts the organisation's size (e.g. `engineers`)".into()),
            ),
            Some(k) if !k.is_context() || !matches!(k.answer, crate::rubric::AnswerSpec::Number { .. }) => self.at(
                &[Key("stages"), Key("size")],
                Code::StageSizeNotACount,
                format!("`stages.size` must be a context fact (weight 0) with a number answer; `{}` is not", k.id),
                None,
            ),
            Some(_) => {}
        }
        for (i, level) in stages.levels.iter().enumerate() {
            self.check_id(
                &[Key("stages"), Key("levels"), Index(i), Key("id")],
                &level.id,
                "stage",
            );
            if i > 0 && level.from < stages.levels[i - 1].from {
                self.at(
                    &[Key("stages"), Key("levels"), Index(i), Key("from")],
                    Code::UnsortedStages,
                    "stages must be listed by ascending `from`".into(),
                    None,
                );
            }
            if level.from < Decimal::ZERO || level.from > exact::limit() {
                self.at(
                    &[Key("stages"), Key("levels"), Index(i), Key("from")],
                    Code::OutOfRange,
                    "a stage's `from` is a size of zero or more".into(),
                    None,
                );
            }
        }
    }

    fn check_id(&mut self, path: &[PathStep<'_>], id: &str, what: &str) {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if !ok {
            self.at(path, Code::InvalidId, format!("the {what} id `{id}` is not kebab-case"),
                Some("use lower-case letters, digits and single hyphens, e.g. `staff-to-manager-pay`".into()));
        }
    }

    fn check_weight(&mut self, path: &[PathStep<'_>], weight: Decimal) {
        if weight > exact::max_weight() {
            self.at(
                path,
                Code::OutOfRange,
                format!("weight {weight} is too large"),
                Some("weights are small numbers that say how much one item counts against the others, e.g. 1, 2 or 3 (at most 1000000)".into()),
            );
        }
        if weight < Decimal::ZERO {
            self.at(
                path,
                Code::NegativeWeight,
                format!("weight {weight} is negative"),
                Some("weights are 0 (context fact) or more".into()),
            );
        }
    }

    fn check_ids_unique(&mut self) {
        let r = self.rubric;
        let mut seen: HashMap<&str, &'static str> = HashMap::new();
        let mut dupes = Vec::new();
        for (ci, c) in r.commitments.iter().enumerate() {
            if let Some(first) = seen.insert(&c.id, "commitment") {
                dupes.push((
                    vec![Key("commitments"), Index(ci), Key("id")],
                    c.id.clone(),
                    first,
                ));
            }
            for (ki, k) in c.criteria.iter().enumerate() {
                if let Some(first) = seen.insert(&k.id, "criterion") {
                    dupes.push((
                        vec![
                            Key("commitments"),
                            Index(ci),
                            Key("criteria"),
                            Index(ki),
                            Key("id"),
                        ],
                        k.id.clone(),
                        first,
                    ));
                }
            }
        }
        for (pi, p) in r.failure_patterns.iter().enumerate() {
            if let Some(first) = seen.insert(&p.id, "failure pattern") {
                dupes.push((
                    vec![Key("failure_patterns"), Index(pi), Key("id")],
                    p.id.clone(),
                    first,
                ));
            }
        }
        for (path, id, first) in dupes {
            self.at(
                &path,
                Code::DuplicateId,
                format!("the id `{id}` is already used by a {first}"),
                Some("every commitment, criterion and failure pattern needs its own id".into()),
            );
        }
    }

    fn check_bands(&mut self) {
        let bands = &self.rubric.bands;
        if bands.is_empty() {
            self.at(
                &[Key("bands")],
                Code::NoBands,
                "a rubric needs at least one band".into(),
                Some("e.g. `- {id: critical, from: 0}`".into()),
            );
            return;
        }
        if bands[0].from != Decimal::ZERO {
            self.at(
                &[Key("bands"), Index(0), Key("from")],
                Code::BandsStart,
                "the first band must start `from: 0` so every score has a band".into(),
                None,
            );
        }
        for (i, w) in bands.windows(2).enumerate() {
            if w[1].from <= w[0].from {
                self.at(
                    &[Key("bands"), Index(i + 1), Key("from")],
                    Code::UnsortedBands,
                    format!(
                        "band `{}` starts at {} but must start above `{}` ({})",
                        w[1].id, w[1].from, w[0].id, w[0].from
                    ),
                    Some("list bands in ascending order of `from`".into()),
                );
            }
        }
        for (i, b) in bands.iter().enumerate() {
            if b.from > Decimal::ONE_HUNDRED {
                self.at(
                    &[Key("bands"), Index(i), Key("from")],
                    Code::OutOfRange,
                    format!("band `{}` starts above 100", b.id),
                    None,
                );
            }
            if bands[..i].iter().any(|o| o.id == b.id) {
                self.at(
                    &[Key("bands"), Index(i), Key("id")],
                    Code::DuplicateId,
                    format!("band `{}` appears twice", b.id),
                    None,
                );
            }
            if b.id == super::INSUFFICIENT_EVIDENCE {
                self.at(
                    &[Key("bands"), Index(i), Key("id")],
                    Code::ReservedId,
                    "`insufficient-evidence` is reserved for unscored commitments".into(),
                    None,
                );
            }
        }
    }

    fn check_article(&mut self, path: &[PathStep<'_>], reference: &str) {
        if self.articles.link(reference).is_some() {
            return;
        }
        let (id, section) = reference
            .split_once('#')
            .map_or((reference, None), |(a, s)| (a, Some(s)));
        match (self.articles.get(id), section) {
            (None, _) => {
                let hint = suggest::did_you_mean(id, self.articles.iter().map(|a| a.id.as_str()))
                    .unwrap_or_else(|| {
                        "add the article to rubrics/articles.yaml or pass `--articles DIR`".into()
                    });
                self.at(
                    path,
                    Code::UnknownArticle,
                    format!("no article has the id `{id}`"),
                    Some(hint),
                );
            }
            (Some(article), Some(section)) => {
                let sections: Vec<&str> = article.sections.keys().map(String::as_str).collect();
                let hint = suggest::did_you_mean(section, sections.iter().copied())
                    .unwrap_or_else(|| format!("its sections are: {}", sections.join(", ")));
                self.at(
                    path,
                    Code::UnknownSection,
                    format!("article `{id}` has no section `{section}`"),
                    Some(hint),
                );
            }
            (Some(_), None) => {}
        }
    }

    /// The path of criterion `ki` of commitment `ci`'s answer type, then `extra`.
    fn answer_path(ci: usize, ki: usize, extra: &[PathStep<'static>]) -> Vec<PathStep<'static>> {
        let mut p = vec![
            Key("commitments"),
            Index(ci),
            Key("criteria"),
            Index(ki),
            Key("answer"),
        ];
        p.extend_from_slice(extra);
        p
    }

    fn check_answer(&mut self, ci: usize, ki: usize, criterion: &Criterion) {
        let (id, spec, opinion) = (&criterion.id, &criterion.answer, criterion.opinion);
        let answer = |extra: &[PathStep<'static>]| Self::answer_path(ci, ki, extra);
        if opinion && !matches!(spec, AnswerSpec::Likert { .. }) {
            self.at(
                &answer(&[Key("type")]),
                Code::OpinionNotLikert,
                format!("`{id}` is marked `opinion: true` but is not a likert item"),
                Some("only likert items can be answered per respondent group".into()),
            );
        }
        match spec {
            AnswerSpec::Likert { scale, labels, .. } => {
                if !(2..=11).contains(scale) {
                    self.at(
                        &answer(&[Key("scale")]),
                        Code::OutOfRange,
                        format!("a likert scale has 2 to 11 points, not {scale}"),
                        None,
                    );
                }
                if labels.len() != *scale as usize {
                    self.at(
                        &answer(&[Key("labels")]),
                        Code::LabelCount,
                        format!("the scale has {scale} points but {} labels", labels.len()),
                        Some(format!(
                            "give exactly {scale} labels, one per point from 1 up"
                        )),
                    );
                }
            }
            AnswerSpec::YesNo { .. } => {}
            AnswerSpec::Number { .. } => self.check_number_answer(ci, ki, criterion),
            AnswerSpec::Choice { options } => self.check_options(ci, ki, options),
        }
    }

    /// A number answer: the count it is scored per, its curve and its bounds.
    fn check_number_answer(&mut self, ci: usize, ki: usize, criterion: &Criterion) {
        let AnswerSpec::Number {
            points,
            min,
            max,
            per,
            ..
        } = &criterion.answer
        else {
            return;
        };
        let answer = |extra: &[PathStep<'static>]| Self::answer_path(ci, ki, extra);
        if let Some(per) = per {
            let ok = self.rubric.criterion(per).is_some_and(|k| {
                k.id != criterion.id && matches!(k.answer, AnswerSpec::Number { .. })
            });
            if !ok {
                self.at(
                    &answer(&[Key("per")]),
                    Code::UnknownCriterion,
                    format!("`per: {per}` must name another criterion with a number answer"),
                    Some("name the count to divide by, e.g. `per: people-managers`".into()),
                );
            }
        }
        if points.is_empty() && !criterion.is_context() {
            self.at(
                &answer(&[Key("points")]),
                Code::NoPoints,
                "a scored number answer needs at least one `[x, score]` point".into(),
                Some("only a context fact (weight 0) may leave out `points`".into()),
            );
        }
        for (i, w) in points.windows(2).enumerate() {
            if w[1].x <= w[0].x {
                self.at(
                    &answer(&[Key("points"), Index(i + 1)]),
                    Code::UnsortedPoints,
                    format!(
                        "point x = {} must be above the previous x = {}",
                        w[1].x, w[0].x
                    ),
                    Some("list points with strictly ascending x".into()),
                );
            }
        }
        for (i, p) in points.iter().enumerate() {
            if p.x.abs() > exact::limit() {
                self.at(
                    &answer(&[Key("points"), Index(i)]),
                    Code::OutOfRange,
                    format!("x = {} is too large (at most 10^12 either way)", p.x),
                    None,
                );
            }
            if p.score < Decimal::ZERO || p.score > Decimal::ONE {
                self.at(
                    &answer(&[Key("points"), Index(i)]),
                    Code::OutOfRange,
                    format!("score {} is outside 0-1", p.score),
                    None,
                );
            }
        }
        for (key, bound) in [("min", min), ("max", max)] {
            if bound.is_some_and(|b| b.abs() > exact::limit()) {
                self.at(
                    &answer(&[Key(key)]),
                    Code::OutOfRange,
                    format!("`{key}` is too large (at most 10^12 either way)"),
                    None,
                );
            }
        }
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            self.at(
                &answer(&[Key("min")]),
                Code::OutOfRange,
                format!("min {a} is above max {b}"),
                None,
            );
        }
    }

    /// A choice answer's options: at least one, ids unique, scores 0-1.
    fn check_options(&mut self, ci: usize, ki: usize, options: &[ChoiceOption]) {
        let answer = |extra: &[PathStep<'static>]| Self::answer_path(ci, ki, extra);
        if options.is_empty() {
            self.at(
                &answer(&[Key("options")]),
                Code::NoOptions,
                "a choice answer needs at least one option".into(),
                None,
            );
        }
        for (i, o) in options.iter().enumerate() {
            if options[..i].iter().any(|p| p.id == o.id) {
                self.at(
                    &answer(&[Key("options"), Index(i), Key("id")]),
                    Code::DuplicateId,
                    format!("option `{}` appears twice", o.id),
                    None,
                );
            }
            if o.score < Decimal::ZERO || o.score > Decimal::ONE {
                self.at(
                    &answer(&[Key("options"), Index(i), Key("score")]),
                    Code::OutOfRange,
                    format!("score {} is outside 0-1", o.score),
                    None,
                );
            }
        }
    }

    fn check_condition(&mut self, path: &[PathStep<'_>], cond: &Condition) {
        let path: Vec<PathStep<'_>> = path.to_vec();
        match cond {
            Condition::Any(parts) | Condition::All(parts) => {
                let key = if matches!(cond, Condition::Any(_)) {
                    "any"
                } else {
                    "all"
                };
                if parts.is_empty() {
                    let mut p = path.clone();
                    p.push(Key(key));
                    self.at(
                        &p,
                        Code::EmptyCondition,
                        format!("`{key}` needs at least one condition"),
                        None,
                    );
                }
                for (i, part) in parts.iter().enumerate() {
                    let mut p = path.clone();
                    p.extend([Key(key), Index(i)]);
                    self.check_condition(&p, part);
                }
            }
            Condition::Not(inner) => {
                let mut p = path.clone();
                p.push(Key("not"));
                self.check_condition(&p, inner);
            }
            Condition::Test(test) => self.check_test(&path, test),
        }
    }

    /// One test of a condition: its criterion exists, and its operator and values fit that
    /// criterion's answer type.
    fn check_test(&mut self, path: &[PathStep<'_>], test: &Test) {
        let path: Vec<PathStep<'_>> = path.to_vec();
        let mut crit_path = path.clone();
        crit_path.push(Key("criterion"));
        let Some(criterion) = self.rubric.criterion(&test.criterion) else {
            let hint = suggest::did_you_mean(
                &test.criterion,
                self.rubric.criteria().map(|(_, k)| k.id.as_str()),
            )
            .unwrap_or_else(|| "the criterion must be defined in this rubric".into());
            self.at(
                &crit_path,
                Code::UnknownCriterion,
                format!("`{}` is not a criterion of this rubric", test.criterion),
                Some(hint),
            );
            return;
        };
        let mut op_path = path.clone();
        op_path.push(Key(test.op.name()));
        let spec = &criterion.answer;
        if test.op.is_numeric()
            && !matches!(spec, AnswerSpec::Number { .. } | AnswerSpec::Likert { .. })
        {
            self.at(
                &op_path,
                Code::OperatorType,
                format!(
                    "`{}` compares numbers, but `{}` is a {} answer",
                    test.op.name(),
                    criterion.id,
                    spec.type_name()
                ),
                Some("use equals, not_equals or in".into()),
            );
        }
        if let Op::GapAtLeast(_) = test.op
            && !criterion.opinion
        {
            self.at(
                &op_path,
                Code::OperatorType,
                format!(
                    "`gap_at_least` needs an opinion item, and `{}` is not one",
                    criterion.id
                ),
                Some("mark the criterion `opinion: true`, or test its answer instead".into()),
            );
        }
        if let Op::Below(x) | Op::AtMost(x) | Op::Above(x) | Op::AtLeast(x) | Op::GapAtLeast(x) =
            test.op
            && x.abs() > exact::limit()
        {
            self.at(
                &op_path,
                Code::OutOfRange,
                format!("{x} is too large (at most 10^12 either way)"),
                None,
            );
        }
        if let Op::ScoreBelow(x) = test.op
            && (x < Decimal::ZERO || x > Decimal::ONE_HUNDRED)
        {
            self.at(
                &op_path,
                Code::OutOfRange,
                "`score_below` takes a score from 0 to 100".into(),
                None,
            );
        }
        for literal in test.op.literals() {
            if let Some((message, hint)) = literal_problem(spec, &criterion.id, literal) {
                self.at(&op_path, Code::ImpossibleValue, message, Some(hint));
            }
        }
    }
}

/// Why no answer could ever equal `literal`, if none could.
fn literal_problem(spec: &AnswerSpec, id: &str, literal: &str) -> Option<(String, String)> {
    match spec {
        AnswerSpec::YesNo { .. } => parse_yes_no(literal).is_none().then(|| {
            (
                format!("`{id}` is answered yes or no, never `{literal}`"),
                "compare with `yes` or `no`".into(),
            )
        }),
        AnswerSpec::Likert { .. } | AnswerSpec::Number { .. } => {
            yaml::parse_decimal(literal).is_none().then(|| {
                (
                    format!("`{id}` is answered with a number, never `{literal}`"),
                    "compare with a number".into(),
                )
            })
        }
        AnswerSpec::Choice { options } => (!options.iter().any(|o| o.id == literal)).then(|| {
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            let hint = suggest::did_you_mean(literal, ids.iter().copied())
                .unwrap_or_else(|| format!("its options are: {}", ids.join(", ")));
            (format!("`{id}` has no option `{literal}`"), hint)
        }),
    }
}
