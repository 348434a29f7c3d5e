//! Reading a questionnaire from the located YAML tree: every key, answer and respondent
//! group is checked against the rubric, and every problem is collected before giving up.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::exact;
use crate::rubric::wording::{expected, parse_yes_no, range};
use crate::rubric::{AnswerSpec, ChoiceOption, Criterion, Rubric, Unit};
use crate::suggest;
use crate::yaml::{self, Node, Value};

use super::TOP_LEVEL_KEYS;
use super::draft::QuestionnaireDraft;
use super::model::{
    Answer, AnswerValue, GroupAnswer, Questionnaire, RespondentGroup, Response, RubricRef,
};

/// Where a key, answer or group is given a second time; each place words it its own way.
#[derive(Debug, Clone, Copy)]
enum Repeat<'a> {
    /// A questionnaire key (`answers:` twice).
    TopLevel,
    /// A key within a small mapping (`in this answer`, `in this group`).
    Within(&'a str),
    /// A fact under `organization:`.
    Organization,
    /// An answer under `answers:`.
    Answer,
    /// A respondent group's name.
    Group,
    /// An answer within one respondent group.
    GroupAnswer,
}

/// The keys of one mapping (or the group names of one list) seen so far, with the line of
/// each one's first appearance. Keys are borrowed from the tree, not copied; they are the
/// file's own, so they keep the standard library's collision-resistant hash.
#[derive(Debug, Default)]
struct Seen<'n>(std::collections::HashMap<&'n str, u32>);

impl<'n> Seen<'n> {
    fn first(&self, name: &str) -> Option<u32> {
        self.0.get(name).copied()
    }

    fn record(&mut self, name: &'n str, node: &Node) {
        self.0.entry(name).or_insert(node.location.line);
    }
}

/// Reads the located tree of one questionnaire against a rubric, collecting every problem.
pub(super) struct Reader<'r> {
    rubric: &'r Rubric,
    text: &'r str,
    /// Byte offset of each line's start in `text` (after a byte-order mark), made at the first
    /// loose spelling: most files have none.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The problems found so far.
    pub(super) diagnostics: Diagnostics,
    /// Loose spellings found so far.
    pub(super) warnings: Diagnostics,
}

/// The text of `node`'s line, found through the line index.
fn source_line<'t>(text: &'t str, line_starts: &[usize], node: &Node) -> &'t str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let n = node.location.line.saturating_sub(1) as usize;
    match line_starts.get(n) {
        Some(&start) => {
            let end = line_starts.get(n + 1).map_or(text.len(), |e| e - 1);
            text.get(start..end).unwrap_or("")
        }
        None => "",
    }
}

/// How many characters the scalar at `node` takes in its source line, quotes included.
fn source_width(line: &str, node: &Node) -> usize {
    // Loose spellings are short values; a bounded look keeps a huge line from costing its
    // whole length for each of them.
    let rest: Vec<char> = line
        .chars()
        .skip(node.location.column.saturating_sub(1) as usize)
        .take(4096)
        .collect();
    match rest.first() {
        Some(&q) if q == '"' || q == '\'' => {
            let mut i = 1;
            while i < rest.len() {
                if q == '"' && rest[i] == '\\' {
                    i += 2;
                    continue;
                }
                if rest[i] == q {
                    if q == '\'' && rest.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            node.text.chars().count()
        }
        _ => node.text.chars().count(),
    }
}

/// The `width` characters of source at `node` in its line, as written.
fn source_slice(line: &str, node: &Node, width: usize) -> String {
    line.chars()
        .skip(node.location.column.saturating_sub(1) as usize)
        .take(width)
        .collect()
}

impl<'r> Reader<'r> {
    /// A reader of a tree parsed from `text` (empty for a tree built in code).
    pub(super) fn new(rubric: &'r Rubric, text: &'r str) -> Reader<'r> {
        Reader {
            rubric,
            text,
            line_starts: std::cell::OnceCell::new(),
            diagnostics: Diagnostics::new(),
            warnings: Diagnostics::new(),
        }
    }

    /// One line index for the whole file: looking lines up must not rescan the file for each
    /// of thousands of answers.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let body = self.text.strip_prefix('\u{feff}').unwrap_or(self.text);
            std::iter::once(0)
                .chain(body.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Records a loose spelling of `canonical` at `node`.
    fn loose(&mut self, node: &Node, canonical: &str, meaning: Option<&str>) {
        let line = source_line(self.text, self.line_starts(), node);
        let width = source_width(line, node);
        let written = source_slice(line, node, width);
        let what = meaning.map(|m| format!(" ({m})")).unwrap_or_default();
        let d = Diagnostic::warning(
            Code::NonCanonicalSpelling,
            node.location.clone(),
            width,
            format!("`{written}` is read as `{canonical}`{what}; the editor's schema accepts only `{canonical}`"),
            canonical,
        )
        .with_hint(format!(
            "write `{canonical}`, or run `assess fmt {}` to rewrite every such answer",
            node.location.file
        ));
        self.warnings.push(d);
    }

    /// A number written as text (`"300"`) or with `_` separators: canonical is the plain number.
    fn loose_number(&mut self, node: &Node, value: Decimal) {
        if node.value == Value::String || node.text.contains('_') {
            self.loose(node, &exact::plain(value), None);
        }
    }

    fn error(&mut self, code: Code, node: &Node, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(code, node.location.clone(), message)
            .with_width(node.text.chars().count());
        d.hint = hint;
        self.diagnostics.push(d);
    }

    /// The entries of a mapping with repeated keys reported (and dropped): YAML parsers often
    /// keep the last of two silently, and an answer must never vanish without a word.
    fn unique<'n>(&mut self, entries: &'n [(Node, Node)], within: &str) -> Vec<&'n (Node, Node)> {
        let mut seen = Seen::default();
        let mut out = Vec::new();
        for entry in entries {
            let key = &entry.0;
            if !self.repeats(
                Repeat::Within(within),
                &key.text,
                key,
                seen.first(&key.text),
            ) {
                seen.record(&key.text, key);
                out.push(entry);
            }
        }
        out
    }

    /// Reports `name` (at `node`) given a second time, when `first` says it was given before
    /// (on that line), worded for where it repeats; the caller drops the repeat. The one
    /// place every repeated key, answer and group is reported: YAML parsers often keep the
    /// last of two silently, and an answer must never vanish without a word.
    fn repeats(&mut self, place: Repeat<'_>, name: &str, node: &Node, first: Option<u32>) -> bool {
        let Some(first) = first else {
            return false;
        };
        let (code, message, hint) = match place {
            Repeat::TopLevel => (
                Code::DuplicateKey,
                format!("`{name}` appears twice; the first is on line {first}"),
                Some("keep one of them: YAML would otherwise silently drop the other"),
            ),
            Repeat::Within(within) => (
                Code::DuplicateKey,
                format!("`{name}` appears twice {within}; the first is on line {first}"),
                Some("keep one of them"),
            ),
            Repeat::Organization => (
                Code::DuplicateKey,
                format!("`{name}` appears twice under `organization:`"),
                None,
            ),
            Repeat::Answer => (
                Code::DuplicateAnswer,
                format!("`{name}` is answered twice; the first answer is on line {first}"),
                Some("keep the answer you trust and delete the other"),
            ),
            Repeat::Group => (
                Code::DuplicateGroup,
                format!("respondent group `{name}` appears twice; the first is on line {first}"),
                Some("merge the two blocks into one"),
            ),
            Repeat::GroupAnswer => (
                Code::DuplicateAnswer,
                format!("`{name}` is answered twice for this group"),
                None,
            ),
        };
        self.error(code, node, message, hint.map(str::to_string));
        true
    }

    pub(super) fn read(&mut self, draft: &QuestionnaireDraft) -> Questionnaire {
        let root = &draft.root;
        let mut q = Questionnaire {
            origin: draft.origin.clone(),
            rubric: RubricRef {
                id: self.rubric.id.clone(),
                version: None,
            },
            organization: IndexMap::new(),
            assessed_on: None,
            answers: IndexMap::new(),
            respondents: Vec::new(),
            warnings: Diagnostics::new(),
            validated_against: self.rubric.stamp(),
        };
        let mut seen = Seen::default();
        for (key, value) in root.entries().unwrap_or_default() {
            let name = key.text.as_str();
            if self.repeats(Repeat::TopLevel, name, key, seen.first(name)) {
                continue;
            }
            seen.record(name, key);
            match name {
                "rubric" => q.rubric = self.read_rubric_ref(value),
                "organization" => q.organization = self.read_organization(value),
                "assessed_on" => q.assessed_on = self.read_date(value),
                "answers" => q.answers = self.read_answers(value),
                "respondents" => q.respondents = self.read_respondents(value),
                _ if self.rubric.criterion(name).is_some() => self.error(
                    Code::AnswerOutsideAnswers,
                    key,
                    format!("`{name}` is a question, but it is not under `answers:`"),
                    Some(format!(
                        "indent it under `answers:` (two spaces: `  {name}: ...`)"
                    )),
                ),
                _ => {
                    let hint = suggest::did_you_mean(name, TOP_LEVEL_KEYS).unwrap_or_else(|| {
                        format!(
                            "a questionnaire has only these keys: {}",
                            TOP_LEVEL_KEYS.join(", ")
                        )
                    });
                    self.error(
                        Code::UnknownKey,
                        key,
                        format!("`{name}` is not a questionnaire key"),
                        Some(hint),
                    );
                }
            }
        }
        // Answered both ways is ambiguous: which one should count?
        for group in &q.respondents {
            for id in group.answers.keys() {
                if q.answers.contains_key(id)
                    && let Some(node) = root.get("answers").and_then(|a| a.get(id))
                {
                    let node = node.clone();
                    self.error(
                        Code::AnsweredTwice,
                        &node,
                        format!("`{id}` is answered here and also by respondent group `{}`", group.group),
                        Some("answer an opinion item either under `answers:` or per group under `respondents:`, not both".into()),
                    );
                }
            }
        }
        q
    }

    fn read_rubric_ref(&mut self, node: &Node) -> RubricRef {
        let Some(text) = node.scalar() else {
            self.error(
                Code::InvalidRubricRef,
                node,
                format!(
                    "`rubric:` takes a rubric id such as `{}`, not {}",
                    self.rubric.id,
                    node.kind()
                ),
                None,
            );
            return RubricRef {
                id: self.rubric.id.clone(),
                version: None,
            };
        };
        let r = RubricRef::parse(text);
        if let Some(version) = &r.version
            && version != &self.rubric.version
        {
            self.error(
                Code::RubricVersionMismatch,
                node,
                format!(
                    "this questionnaire was written for {} version {version}, but the rubric in use is version {}",
                    r.id, self.rubric.version
                ),
                Some(format!(
                    "check the answers against version {} (`assess rubric show {}`), then write `rubric: {}@{}` or drop the `@{version}`",
                    self.rubric.version, self.rubric.id, self.rubric.id, self.rubric.version
                )),
            );
        }
        r
    }

    fn read_organization(&mut self, node: &Node) -> IndexMap<String, serde_json::Value> {
        let mut out = IndexMap::new();
        match &node.value {
            Value::Null => {}
            Value::Map(entries) => {
                for (k, v) in entries {
                    let first = out.contains_key(k.text.as_str()).then_some(k.location.line);
                    if self.repeats(Repeat::Organization, &k.text, k, first) {
                        continue;
                    }
                    // The name is printed on the report: it must be a single value.
                    if k.text == "name" && matches!(v.value, Value::Map(_) | Value::Seq(_)) {
                        self.error(
                            Code::InvalidOrganization,
                            v,
                            format!("`name:` is the organisation's name, not {}", v.kind()),
                            Some("write it on one line, e.g. `name: Acme Corp`".into()),
                        );
                        continue;
                    }
                    out.insert(k.text.to_string(), v.to_json());
                }
            }
            _ => self.error(
                Code::InvalidOrganization,
                node,
                format!(
                    "`organization:` holds facts such as `name: Acme`, not {}",
                    node.kind()
                ),
                Some("write `organization:` and, indented below it, `name: Your company`".into()),
            ),
        }
        out
    }

    fn read_date(&mut self, node: &Node) -> Option<String> {
        let Some(text) = node.scalar() else {
            if node.value != Value::Null {
                self.error(
                    Code::InvalidDate,
                    node,
                    format!("`assessed_on:` takes one date, not {}", node.kind()),
                    Some("write the date the answers were collected as YYYY-MM-DD, e.g. `assessed_on: 2026-11-01`".into()),
                );
            }
            return None;
        };
        if !is_date(text) {
            self.error(
                Code::InvalidDate,
                node,
                format!("`{text}` is not a date"),
                Some("write a real calendar date as YYYY-MM-DD, e.g. 2026-11-01".into()),
            );
            return None;
        }
        Some(text.to_string())
    }

    fn read_answers(&mut self, node: &Node) -> IndexMap<String, Answer> {
        let mut answers = IndexMap::new();
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Null => return answers,
            _ => {
                self.error(
                    Code::InvalidAnswers,
                    node,
                    format!(
                        "`answers:` holds one `question-id: answer` line per question, not {}",
                        node.kind()
                    ),
                    Some("see `assess init` for the layout".into()),
                );
                return answers;
            }
        };
        // Answer keys are the rubric's criteria: the line of each one's first answer is kept
        // by criterion number, with no hashing.
        let mut first_line: Vec<Option<u32>> = vec![None; self.rubric.criterion_count()];
        for (key, value) in entries {
            let id = key.text.as_str();
            let Some((n, criterion)) = self.rubric.criterion_number(id).and_then(|n| {
                let (_, criterion) = self.rubric.numbered(n)?;
                Some((n, criterion))
            }) else {
                self.unknown_criterion(key);
                continue;
            };
            if self.repeats(Repeat::Answer, id, key, first_line[n]) {
                continue;
            }
            first_line[n] = Some(key.location.line);
            if answers.is_empty() {
                // Sized once for every answer, rather than grown (and rehashed) as they come.
                answers.reserve(entries.len());
            }
            if let Some(answer) = self.read_answer(criterion, value) {
                answers.insert(id.to_string(), answer);
            }
        }
        answers
    }

    pub(super) fn unknown_criterion(&mut self, key: &Node) {
        let ids = self.rubric.criteria().map(|(_, k)| k.id.as_str());
        // Only the first problems of a file are listed (in file order, the order they are
        // found); past ten times that, a suggestion would be computed only to be dropped.
        let listed =
            self.diagnostics.iter().len() < 10 * crate::diagnostic::MAX_DIAGNOSTICS_PER_FILE;
        let suggestion = if listed {
            suggest::did_you_mean(&key.text, ids)
        } else {
            None
        };
        let hint = suggestion.unwrap_or_else(|| {
            format!(
                "`assess rubric show {}` lists every question id",
                self.rubric.id
            )
        });
        self.error(
            Code::UnknownCriterion,
            key,
            format!(
                "`{}` is not a question of rubric {}",
                key.text, self.rubric.id
            ),
            Some(hint),
        );
    }

    /// One answer: a plain value, `unknown`, `n/a`, or `{value, evidence}`. Blank is missing.
    pub(super) fn read_answer(&mut self, criterion: &Criterion, node: &Node) -> Option<Answer> {
        let (value_node, evidence) = match &node.value {
            Value::Map(entries) => {
                let mut value = None;
                let mut evidence = None;
                for (k, v) in self.unique(entries, "in this answer") {
                    match k.text.as_str() {
                        "value" => value = Some(v),
                        "evidence" => match v.scalar() {
                            Some(text) => evidence = Some(text.to_string()),
                            None if v.value == Value::Null => {}
                            None => self.error(
                                Code::InvalidEvidence,
                                v,
                                format!("`evidence:` is a sentence saying where the answer comes from, not {}", v.kind()),
                                Some("write it in quotes, e.g. evidence: \"HRIS export, Oct 2026\"".into()),
                            ),
                        },
                        other => {
                            let hint = suggest::did_you_mean(other, ["value", "evidence"])
                                .unwrap_or_else(|| "an answer with evidence has only `value:` and `evidence:`".into());
                            self.error(Code::UnknownKey, k, format!("`{other}` is not part of an answer"), Some(hint));
                        }
                    }
                }
                match value {
                    Some(v) => (v, evidence),
                    None => {
                        self.error(
                            Code::MissingValue,
                            node,
                            format!("the answer to `{}` has no `value:`", criterion.id),
                            Some("write `{value: ..., evidence: \"...\"}`".into()),
                        );
                        return None;
                    }
                }
            }
            _ => (node, None),
        };
        let response = self.read_response(criterion, value_node)?;
        Some(Answer { response, evidence })
    }

    fn read_response(&mut self, criterion: &Criterion, node: &Node) -> Option<Response> {
        if node.value == Value::Null {
            return None; // a blank placeholder: missing
        }
        if let Value::String = node.value {
            // Compared as a lowercased copy would be, without making one for every answer.
            let t = node.text.trim();
            let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
            if is(&["unknown"]) {
                if node.text != "unknown" {
                    self.loose(node, "unknown", None);
                }
                return Some(Response::Unknown);
            } else if is(&["n/a"]) {
                if node.text != "n/a" {
                    self.loose(node, "n/a", None);
                }
                return Some(Response::NotApplicable);
            } else if is(&["na", "n.a.", "not applicable", "none applicable"]) {
                self.error(
                    Code::InvalidAnswer,
                    node,
                    format!("`{}` is not a recognised answer", node.text),
                    Some("write `n/a` for a question that does not apply to you".into()),
                );
                return None;
            } else if is(&["?", "dont know", "don't know", "tbd", "todo", "not sure"]) {
                self.error(
                        Code::InvalidAnswer,
                        node,
                        format!("`{}` is not a recognised answer", node.text),
                        Some("write `unknown` when you do not know; it is reported as an evidence gap, not scored as zero".into()),
                    );
                return None;
            }
        }
        match self.read_value(criterion, node) {
            Ok(v) => Some(Response::Value(v)),
            Err((message, hint)) => {
                self.error(Code::InvalidAnswer, node, message, Some(hint));
                None
            }
        }
    }

    fn read_value(
        &mut self,
        criterion: &Criterion,
        node: &Node,
    ) -> Result<AnswerValue, (String, String)> {
        let id = &criterion.id;
        if matches!(node.value, Value::Map(_) | Value::Seq(_)) {
            return Err((
                format!("`{id}` takes a single answer, not {}", node.kind()),
                expected(criterion),
            ));
        }
        match &criterion.answer {
            AnswerSpec::Likert { scale, labels, .. } => {
                self.read_likert(criterion, node, *scale, labels)
            }
            AnswerSpec::YesNo { .. } => self.read_yes_no(criterion, node),
            AnswerSpec::Number { unit, min, max, .. } => {
                self.read_number(criterion, node, *unit, (*min, *max))
            }
            AnswerSpec::Choice { options } => self.read_choice(criterion, node, options),
        }
    }

    /// A point on the scale, a decimal mean, or a label (`agree`, read as its point).
    fn read_likert(
        &mut self,
        criterion: &Criterion,
        node: &Node,
        scale: u8,
        labels: &[String],
    ) -> Result<AnswerValue, (String, String)> {
        let text = node.scalar().unwrap_or("");
        if let Some(v) = node.decimal() {
            if v < Decimal::ONE || v > Decimal::from(scale) {
                return Err((
                    format!("{} is outside the scale 1-{scale}", exact::plain(v)),
                    expected(criterion),
                ));
            }
            self.loose_number(node, v);
            return Ok(AnswerValue::Number(v));
        }
        if let Some(i) = labels
            .iter()
            .position(|l| l.eq_ignore_ascii_case(text.trim()))
        {
            let label = labels[i].clone();
            self.loose(node, &(i + 1).to_string(), Some(&label));
            return Ok(AnswerValue::Number(Decimal::from(i + 1)));
        }
        Err((
            format!("`{text}` is not a point on the 1-{scale} scale"),
            expected(criterion),
        ))
    }

    fn read_yes_no(
        &mut self,
        criterion: &Criterion,
        node: &Node,
    ) -> Result<AnswerValue, (String, String)> {
        let text = node.scalar().unwrap_or("");
        let b = match node.value {
            Value::Bool(b) => Some(b),
            _ => parse_yes_no(text),
        };
        let Some(b) = b else {
            return Err((format!("`{text}` is not yes or no"), expected(criterion)));
        };
        let canonical = if b { "yes" } else { "no" };
        if text != canonical {
            self.loose(node, canonical, None);
        }
        Ok(AnswerValue::YesNo(b))
    }

    /// A number of the criterion's unit within its range (`min`, `max`).
    fn read_number(
        &mut self,
        criterion: &Criterion,
        node: &Node,
        unit: Unit,
        (min, max): (Option<Decimal>, Option<Decimal>),
    ) -> Result<AnswerValue, (String, String)> {
        let text = node.scalar().unwrap_or("");
        let Some(v) = node.decimal() else {
            return Err(number_mistake(text, unit, criterion));
        };
        let loose = node.value == Value::String || node.text.contains('_');
        if v.abs() > exact::limit() {
            return Err((
                format!("{} is too large to be an answer", exact::plain(v)),
                expected(criterion),
            ));
        }
        let below = min.is_some_and(|m| v < m);
        let above = max.is_some_and(|m| v > m);
        if below || above {
            let hint = if unit == Unit::Ratio && v > Decimal::ONE && v <= Decimal::ONE_HUNDRED {
                format!(
                    "a ratio is written as a decimal: write {}, not {}",
                    exact::plain(v / Decimal::ONE_HUNDRED),
                    exact::plain(v)
                )
            } else {
                expected(criterion)
            };
            return Err((
                format!(
                    "{} is outside the allowed range {}",
                    exact::plain(v),
                    range(min, max)
                ),
                hint,
            ));
        }
        if matches!(unit, Unit::Count) && v.fract() != Decimal::ZERO {
            return Err((
                format!("{} is not a whole number", exact::plain(v)),
                "a count is a whole number such as 3".into(),
            ));
        }
        if loose {
            self.loose_number(node, v);
        }
        Ok(AnswerValue::Number(v))
    }

    /// An option id, or its label (read as the id).
    fn read_choice(
        &mut self,
        criterion: &Criterion,
        node: &Node,
        options: &[ChoiceOption],
    ) -> Result<AnswerValue, (String, String)> {
        let text = node.scalar().unwrap_or("");
        let wanted = text.trim();
        if let Some(o) = options.iter().find(|o| o.id.eq_ignore_ascii_case(wanted)) {
            let id = o.id.clone();
            if text != id {
                self.loose(node, &id, None);
            }
            return Ok(AnswerValue::Choice(id));
        }
        if let Some(o) = options
            .iter()
            .find(|o| o.label.eq_ignore_ascii_case(wanted))
        {
            let (id, label) = (o.id.clone(), o.label.clone());
            self.loose(node, &id, Some(&label));
            return Ok(AnswerValue::Choice(id));
        }
        let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
        let hint = match suggest::closest_meaning(wanted, ids.iter().copied()) {
            Some(c) => format!("did you mean `{c}`? expected one of: {}", ids.join(", ")),
            None => format!("expected one of: {}", ids.join(", ")),
        };
        Err((
            format!("`{wanted}` is not an option of `{}`", criterion.id),
            hint,
        ))
    }

    fn read_respondents(&mut self, node: &Node) -> Vec<RespondentGroup> {
        let items = match &node.value {
            Value::Seq(items) => items,
            Value::Null => return Vec::new(),
            _ => {
                self.error(
                    Code::InvalidRespondents,
                    node,
                    format!("`respondents:` is a list of groups, not {}", node.kind()),
                    Some("write each group on its own line starting with `- {group: managers, count: 9, answers: {...}}`".into()),
                );
                return Vec::new();
            }
        };
        let mut groups: Vec<RespondentGroup> = Vec::new();
        // Names compare as the report shows them (trimmed), so ` hr` and `hr` are one group
        // named twice rather than one silently dropped.
        let mut seen = Seen::default();
        for item in items {
            let group = self.read_group(item);
            let named = item
                .get("group")
                .and_then(|n| n.scalar().map(|t| (n, t.trim())))
                .filter(|(_, t)| !t.is_empty());
            if let Some((node, name)) = &named
                && self.repeats(Repeat::Group, name, node, seen.first(name))
            {
                continue;
            }
            if let Some(group) = group {
                if let Some((node, name)) = named {
                    seen.record(name, node);
                }
                groups.push(group);
            }
        }
        groups
    }

    fn read_group(&mut self, node: &Node) -> Option<RespondentGroup> {
        let Some(entries) = node.entries() else {
            self.error(
                Code::InvalidGroup,
                node,
                format!(
                    "a respondent group is a mapping with `group`, `count` and `answers`, not {}",
                    node.kind()
                ),
                None,
            );
            return None;
        };
        // A group block left blank (as `assess init --groups` writes it) is not filled in yet.
        let blank = |n: Option<&Node>| n.is_none_or(|n| n.value == Value::Null);
        let answers_blank = node.get("answers").is_none_or(|a| {
            a.entries()
                .is_none_or(|e| e.iter().all(|(_, v)| v.value == Value::Null))
        });
        if blank(node.get("count")) && answers_blank {
            return None;
        }
        let mut name = None;
        let mut count = None;
        let mut answers_node = None;
        for (k, v) in self.unique(entries, "in this group") {
            match k.text.as_str() {
                "group" => match v.scalar() {
                    Some(t) if !t.trim().is_empty() => name = Some(t.trim().to_string()),
                    _ => self.error(
                        Code::InvalidGroup,
                        v,
                        "`group:` names the group, e.g. `staff-plus-ic`".into(),
                        None,
                    ),
                },
                "count" => count = self.read_count(v),
                "answers" => answers_node = Some(v),
                other => {
                    let hint = suggest::did_you_mean(other, ["group", "count", "answers"])
                        .unwrap_or_else(|| {
                            "a group has only `group`, `count` and `answers`".into()
                        });
                    self.error(
                        Code::UnknownKey,
                        k,
                        format!("`{other}` is not part of a respondent group"),
                        Some(hint),
                    );
                }
            }
        }
        if name.is_none() && node.get("group").is_none() {
            self.error(
                Code::InvalidGroup,
                node,
                "this respondent group has no `group:` name".into(),
                None,
            );
        }
        if count.is_none() && node.get("count").is_none() {
            self.error(
                Code::InvalidCount,
                node,
                "this respondent group has no `count:`".into(),
                Some("add `count:` with the number of people who answered".into()),
            );
        }
        let answers = match answers_node {
            Some(a) => self.read_group_answers(a, count),
            None => IndexMap::new(),
        };
        Some(RespondentGroup {
            group: name?,
            count: count?,
            answers,
        })
    }

    /// A group's `count:`: a whole number of people, at least 1.
    fn read_count(&mut self, v: &Node) -> Option<u32> {
        match v.decimal() {
            Some(c)
                if c >= Decimal::ONE && c.fract().is_zero() && c <= Decimal::from(1_000_000) =>
            {
                self.loose_number(v, c);
                return Some(u32::try_from(c.mantissa() / 10i128.pow(c.scale())).unwrap_or(0));
            }
            None if v.value == Value::Null => self.error(
                Code::InvalidCount,
                v,
                "this group has answers but its `count:` is blank".into(),
                Some("write how many people in the group answered, e.g. `count: 7`".into()),
            ),
            Some(c) if c < Decimal::ONE => self.error(
                Code::InvalidCount,
                v,
                format!(
                    "a group needs at least 1 respondent, not {}",
                    exact::plain(c)
                ),
                Some("leave out a group nobody answered for".into()),
            ),
            _ => self.error(
                Code::InvalidCount,
                v,
                format!("`{}` is not a number of respondents", v.text),
                Some("`count:` is a whole number of people, at least 1".into()),
            ),
        }
        None
    }

    fn read_group_answers(
        &mut self,
        node: &Node,
        count: Option<u32>,
    ) -> IndexMap<String, GroupAnswer> {
        let mut out = IndexMap::new();
        let Some(entries) = node.entries() else {
            if node.value != Value::Null {
                self.error(
                    Code::InvalidGroup,
                    node,
                    format!(
                        "a group's `answers:` maps opinion questions to results, not {}",
                        node.kind()
                    ),
                    None,
                );
            }
            return out;
        };
        for (k, v) in entries {
            let id = k.text.as_str();
            let Some(criterion) = self.rubric.criterion(id) else {
                self.unknown_criterion(k);
                continue;
            };
            let first = out.contains_key(id).then_some(k.location.line);
            if self.repeats(Repeat::GroupAnswer, id, k, first) {
                continue;
            }
            let (AnswerSpec::Likert { scale, .. }, true) = (&criterion.answer, criterion.opinion)
            else {
                self.error(
                    Code::NotAnOpinionItem,
                    k,
                    format!(
                        "`{id}` is not an opinion question, so it cannot be answered per group"
                    ),
                    Some("answer it once for the organisation under `answers:`".into()),
                );
                continue;
            };
            let scale = *scale;
            // Blank (not filled in yet), `unknown` and `n/a`: this group gives no answer.
            if v.value == Value::Null {
                continue;
            }
            if let Some(t) = v.scalar()
                && let Some(word) = ["unknown", "n/a"]
                    .into_iter()
                    .find(|w| t.eq_ignore_ascii_case(w))
            {
                if t != word {
                    self.loose(v, word, None);
                }
                continue;
            }
            if let Some(mean) = v.decimal() {
                if mean < Decimal::ONE || mean > Decimal::from(scale) {
                    self.error(
                        Code::InvalidAnswer,
                        v,
                        format!(
                            "a mean of {} is outside the scale 1-{scale}",
                            exact::plain(mean)
                        ),
                        Some(format!("a group's mean lies between 1 and {scale}")),
                    );
                } else {
                    self.loose_number(v, mean);
                    out.insert(id.to_string(), GroupAnswer::Mean(mean));
                }
                continue;
            }
            let Some(points) = v.entries() else {
                self.error(
                    Code::InvalidAnswer,
                    v,
                    format!("`{}` is neither a mean nor a distribution of answers", v.text),
                    Some(format!("write the mean (e.g. 3.4) or how many chose each point, e.g. {{1: 0, 2: 1, 3: 2, 4: 3, 5: 1}} on the 1-{scale} scale")),
                );
                continue;
            };
            if let Some(d) = self.read_distribution(points, scale, count, v) {
                out.insert(id.to_string(), GroupAnswer::Distribution(d));
            }
        }
        out
    }

    fn read_distribution(
        &mut self,
        points: &[(Node, Node)],
        scale: u8,
        count: Option<u32>,
        node: &Node,
    ) -> Option<BTreeMap<u8, u32>> {
        let mut d = BTreeMap::new();
        let mut ok = true;
        for (p, n) in points {
            let point = p.decimal().filter(|x| {
                x.fract().is_zero() && *x >= Decimal::ONE && *x <= Decimal::from(scale)
            });
            let number = n.decimal().filter(|x| {
                x.fract().is_zero() && !x.is_sign_negative() && *x <= Decimal::from(1_000_000)
            });
            match (point, number) {
                (None, _) => {
                    ok = false;
                    self.error(
                        Code::InvalidDistribution,
                        p,
                        format!("`{}` is not a point on the 1-{scale} scale", p.text),
                        Some(format!(
                            "the keys of a distribution are the scale points 1 to {scale}"
                        )),
                    );
                }
                (_, None) => {
                    ok = false;
                    self.error(
                        Code::InvalidDistribution,
                        n,
                        format!("`{}` is not a number of people", n.text),
                        Some("each point maps to how many people chose it, a whole number".into()),
                    );
                }
                (Some(point), Some(number)) => {
                    self.loose_number(n, number);
                    let point = point.normalize().mantissa() as u8;
                    let number = number.normalize().mantissa() as u32;
                    if d.insert(point, number).is_some() {
                        ok = false;
                        self.error(
                            Code::InvalidDistribution,
                            p,
                            format!("point {point} appears twice"),
                            None,
                        );
                    }
                }
            }
        }
        let total: u32 = d.values().sum();
        if ok
            && let Some(count) = count
            && total != count
        {
            self.error(
                Code::DistributionCountMismatch,
                node,
                format!("the answers add up to {total} people, but the group's count is {count}"),
                Some("make the counts per point add up to the group's `count:` (people who skipped the question belong in a smaller count)".into()),
            );
            return None;
        }
        if ok && total == 0 {
            self.error(
                Code::InvalidDistribution,
                node,
                "nobody is counted in this distribution".into(),
                None,
            );
            return None;
        }
        ok.then_some(d)
    }
}

/// Whether `text` is a real calendar date written YYYY-MM-DD.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        text[..4].parse::<u32>(),
        text[5..7].parse::<u32>(),
        text[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Explains the usual ways a number gets written wrong.
fn number_mistake(text: &str, unit: Unit, criterion: &Criterion) -> (String, String) {
    let t = text.trim();
    let numeric = t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'))
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'));
    if numeric && t.contains(['e', 'E']) {
        // `1e400`: a number, but past what any answer could be (and what can be held exactly).
        return (
            format!("`{t}` is far too large (or too small) to be an answer"),
            expected(criterion),
        );
    }
    let message = format!("`{t}` is not a number");
    if let Some(n) = t.strip_suffix('%').and_then(yaml::parse_decimal) {
        let hint = match unit {
            Unit::Ratio => format!("write {}, not {t}", exact::plain(n / Decimal::ONE_HUNDRED)),
            _ => format!(
                "write {}, not {t}: the percent sign is implied",
                exact::plain(n)
            ),
        };
        return (message, hint);
    }
    if let Some((whole, fraction)) = t.split_once(',')
        && !fraction.contains(',')
        && (fraction.len() != 3 || whole.trim_start_matches('-') == "0")
        && yaml::parse_decimal(&format!("{whole}.{fraction}")).is_some()
    {
        return (
            message,
            format!("`{t}` uses a decimal comma: write {whole}.{fraction}"),
        );
    }
    if t.contains(',') && yaml::parse_decimal(&t.replace(',', "")).is_some() {
        return (
            message,
            format!("write {} without thousands separators", t.replace(',', "")),
        );
    }
    if let Some((a, b)) = t.split_once(['/', ':'])
        && let (Some(a), Some(b)) = (yaml::parse_decimal(a), yaml::parse_decimal(b))
        && !b.is_zero()
    {
        {
            let ratio = exact::round(a / b, 2);
            let value = if unit == Unit::Percent {
                ratio * Decimal::ONE_HUNDRED
            } else {
                ratio
            };
            return (
                message,
                format!(
                    "work out the figure and write it: {} (from {t})",
                    exact::plain(value)
                ),
            );
        }
    }
    (message, expected(criterion))
}
